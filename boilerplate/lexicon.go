package boilerplate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// A cue is one family of site-chrome phrases. Lines are matched lower-cased
// with curly apostrophes folded, so phrases are written that way. The lists
// cover en, de, fr, es, it, pt, nl and ru: the calls to action and labels
// sites print around articles, not words that articles use in sentences.
type cue struct {
	reason string
	// lead phrases mark a call to action when they open the line ("Read
	// more: …", "Subscribe to our newsletter …"); the line may be long-ish
	// because a headline or a pitch follows.
	lead []string
	// anywhere phrases mark chrome wherever they sit in a short line.
	anywhere []string
}

var cues = []cue{
	{
		reason: "share/follow line",
		lead: []string{
			"share this", "share on", "share via", "share the article", "share article", "share story",
			"follow us", "follow me", "follow @", "like us on", "find us on", "connect with us",
			"join us on", "join our", "teilen sie", "folgen sie uns", "folge uns", "partager sur",
			"partagez", "suivez-nous", "suivez nous", "compartir en", "compártelo", "síguenos", "siguenos",
			"condividi su", "seguici", "compartilhe", "compartilhar", "siga-nos", "siga nos", "deel dit",
			"volg ons", "поделиться", "подписывайтесь на", "следите за нами", "мы в соцсетях",
			"tweet this", "email this", "print this", "send this", "pin it",
		},
		anywhere: []string{
			"follow us on", "follow us", "share this article", "share this story", "share this page",
			"share on facebook", "share on twitter", "share on whatsapp", "share on linkedin",
			"stay updated with", "stay connected", "for the latest news", "latest headlines",
			"telegram channel", "whatsapp channel", "whatsapp group", "google news",
			"auf facebook teilen", "sur facebook", "en facebook",
		},
	},
	{
		reason: "subscribe/donate",
		lead: []string{
			"subscribe", "sign up", "signup", "sign in", "log in", "login", "register now", "create an account",
			"already a subscriber", "already have an account", "become a member", "become a subscriber",
			"get the latest", "get breaking news", "get unlimited", "get full access", "donate", "support", "support us", "support our", "support independent", "please support",
			"your contribution", "your contributions", "make a contribution", "contribute now",
			"newsletter", "jetzt abonnieren", "abonnieren", "abonnieren sie",
			"jetzt spenden", "unterstützen sie", "abonnez-vous", "inscrivez-vous", "faire un don", "soutenez",
			"suscríbete", "suscribete", "regístrate", "hazte socio", "dona ahora", "apóyanos", "iscriviti",
			"abbonati", "sostienici", "assine", "inscreva-se", "apoie", "abonneer", "schrijf je in",
			"word lid", "steun ons", "doneer", "подпишитесь", "подписаться", "поддержите", "пожертвовать",
			"this content is for subscribers", "to continue reading", "continue reading", "keep reading",
			"start your free trial", "free trial", "for unlimited access",
		},
		anywhere: []string{
			"subscribe to", "subscribe now", "subscribe today", "our newsletter", "newsletters", "sign up for",
			"sign up to", "donate now", "donate today", "make a donation", "your contribution", "your contributions",
			"contributions matter", "support our journalism", "support independent journalism", "paywall",
			"subscribers only", "for subscribers", "premium content", "free trial", "jetzt abonnieren",
			"abonnez-vous", "suscríbete", "iscriviti alla", "assine já", "подпишитесь на",
		},
	},
	{
		reason: "navigation/menu",
		lead: []string{
			"skip to", "jump to", "back to top", "toggle navigation", "main menu",
			"open menu", "close menu", "menu", "navigation", "search the website", "search this site", "search for:",
			"exit mobile version", "view mobile version", "view desktop version", "popular categories",
			"you are here", "breadcrumb", "home »", "home >", "home /", "next article", "previous article",
			"next story", "previous story", "next post", "previous post", "load more", "show more",
			"view all", "see all", "more stories", "more news", "latest news",
			"top stories", "trending now", "trending", "most read", "most popular", "most viewed",
			"editor's picks", "editors' picks", "don't miss", "in case you missed it", "topics:", "tags:",
			"filed under", "categories:", "category:", "posted in", "zum inhalt", "zur startseite",
			"startseite", "aller au contenu", "accueil", "ir al contenido", "inicio", "vai al contenuto",
			"ir para o conteúdo", "naar inhoud", "перейти к содержимому", "главная",
			"sections", "site index", "site map", "sitemap",
		},
		anywhere: []string{
			"skip to content", "skip to main content", "exit mobile version", "search the website",
			"popular categories", "toggle navigation", "back to top", "site index", "mobile version",
			"desktop version", "all sections",
		},
	},
	{
		reason: "photo credit",
		lead: []string{
			"photo:", "photo by", "photo credit", "photo source", "(photo", "photos:", "photograph:", "image:",
			"image source", "image credit", "(image", "picture:", "pictured:", "credit:", "credits:", "credit…",
			"credit...", "file photo", "(file photo", "foto:", "fotos:", "bild:", "(foto", "crédit photo",
			"crédits photo", "imagen:", "fotografía:", "immagine:", "фото:", "(фото", "illustration:",
			"video:", "watch:", "watch video", "listen:", "gallery:", "photo gallery", "view gallery",
			"click to enlarge", "enlarge this image", "open image", "expand image",
		},
		anywhere: []string{
			"getty images", "shutterstock", "istockphoto", "istock", "ap photo", "afp photo", "reuters photo",
			"afp via getty", "photo credit", "image credit", "photo source", "file photo", "credit...", "credit…",
			"(photo:", "(image:", "(foto:", "© reuters", "© afp", "/ap photo", "/ reuters", "/reuters",
		},
	},
	{
		reason: "cookie/consent",
		lead: []string{
			"we use cookies", "this site uses cookies", "this website uses cookies", "accept cookies", "accept all", "cookie", "cookies", "privacy policy",
			"privacy notice", "terms of use", "terms of service", "terms and conditions", "terms & conditions",
			"manage preferences", "your privacy", "do not sell", "datenschutz", "impressum",
			"politique de confidentialité", "mentions légales", "política de privacidad", "aviso legal",
			"informativa", "política de privacidade", "privacybeleid", "политика конфиденциальности",
		},
		anywhere: []string{
			"we use cookies", "uses cookies", "use of cookies", "cookie policy", "cookie settings",
			"cookie preferences", "accept cookies", "privacy policy", "terms of use", "terms of service",
			"terms and conditions", "do not sell my", "datenschutzerklärung", "cookies zustimmen",
			"utilise des cookies", "utiliza cookies", "utilizza cookie", "utiliza cookies", "gebruikt cookies",
			"использует cookies", "файлы cookie",
		},
	},
	{
		reason: "advertisement",
		lead: []string{
			"advertisement", "advertising", "advert", "adverts", "sponsored", "paid content", "paid post", "promoted", "partner content",
			"ad feedback", "report this ad", "story continues below", "article continues below", "continue reading below",
			"anzeige", "werbung", "publicité", "publicidad", "pubblicità", "publicidade", "advertentie",
			"реклама", "promoted content", "recommended by", "ads by",
		},
		anywhere: []string{
			"story continues below", "article continues below", "continues below advertisement",
			"sponsored content", "advertisement", "paid partnership", "ad choices", "adchoices",
		},
	},
	{
		reason: "related links",
		lead: []string{
			"also read", "read also", "read more", "read next", "read the full", "read full", "related:",
			"related articles", "related stories", "related news", "related posts", "related coverage",
			"related content", "related", "see also", "you may also like", "you might also like",
			"you may be interested", "recommended for you", "recommended", "more on this", "click here", "tap here", "lesen sie auch", "lesen sie mehr", "mehr zum thema",
			"weiterlesen", "auch interessant", "das könnte sie auch interessieren", "lire aussi", "à lire aussi",
			"a lire aussi", "lire la suite", "voir aussi", "lee también", "leer más", "te puede interesar",
			"ver también", "leggi anche", "leggi tutto", "potrebbe interessarti", "leia também", "leia mais",
			"veja também", "lees ook", "lees meer", "meer over", "читайте также", "читать далее", "смотрите также",
			"по теме",
		},
		anywhere: []string{
			"click here", "read more", "also read", "related articles", "related stories",
			"you may also like", "you might also like",
		},
	},
	{
		reason: "copyright line",
		lead: []string{
			"copyright", "©", "(c) 19", "(c) 20", "all rights reserved", "this material may not be published",
		},
		anywhere: []string{
			"all rights reserved", "alle rechte vorbehalten", "tous droits réservés", "todos los derechos reservados",
			"tutti i diritti riservati", "todos os direitos reservados", "alle rechten voorbehouden",
			"все права защищены", "may not be published, broadcast, rewritten", "may not be reproduced",
			"copyright ©", "© copyright", "©", "copyright 19", "copyright 20",
		},
	},
	{
		reason: "comments/feedback",
		lead: []string{
			"comments", "comment", "leave a comment", "leave a reply", "post a comment", "add a comment",
			"join the conversation", "join the discussion", "show comments", "view comments", "hide comments",
			"reply", "report abuse", "kommentare", "kommentar", "commentaires", "comentarios", "commenti",
			"comentários", "reacties", "комментарии", "was this article helpful", "rate this article",
			"send us feedback", "report an error", "report a correction", "spotted an error",
		},
		anywhere: []string{
			"leave a comment", "leave a reply", "post a comment", "comments are closed", "no comments",
			"join the conversation", "report an error",
		},
	},
}

// chromeWords are words that, in bulk, make a line site chrome (a share bar,
// a menu, a footer) though none of them alone does: "Facebook Twitter Email".
var chromeWords = toSet(strings.Fields(`
	share shares shared tweet retweet email e-mail mail print whatsapp telegram facebook twitter x linkedin
	pinterest reddit tumblr instagram youtube tiktok snapchat flipboard pocket messenger viber rss feed
	copy link url copied home menu search login logout register account profile settings close open
	next previous prev more less back top subscribe newsletter newsletters sign in up log out
	comments comment reply replies like likes follow followers following sections section topics topic tags tag
	categories category archive archives contact about us faq help careers jobs advertise privacy terms
	cookie cookies policy sitemap imprint legal edition editions app apps podcast podcasts video videos
	photos photo gallery galleries news latest trending popular weather sport sports opinion business
	world politics entertainment lifestyle health tech technology science culture travel autos
	teilen drucken suche startseite anmelden abmelden partager imprimer recherche accueil connexion
	compartir imprimir buscar inicio condividi stampa cerca accedi compartilhar busca entrar
	delen zoeken inloggen поделиться печать поиск главная войти вход
`))

func toSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// compiledCue is a cue ready for matching: phrases longest first, so that
// the longest lead phrase decides where the label ends. Plain substring
// search, not one big regular expression: it is many times faster on the
// long lines of page dumps.
type compiledCue struct {
	reason   string
	lead     []string
	anywhere []string
	// leadAt lists, for each first byte, the indices into lead of the
	// phrases that begin with it, ascending (so longest first), apart
	// for the phrases matched after the leading punctuation (word) and
	// those matched from the line's true start (punct): only these can
	// match a line, whose every other phrase is not tried.
	leadAt [2][256][]uint16
	// anywhereBytes holds each anywhere phrase's bytes as a set: a phrase
	// with a byte the line lacks cannot occur in it.
	anywhereBytes []byteSet
}

const (
	leadWord  = 0 // phrases matched after leading spaces, punctuation and symbols
	leadPunct = 1 // phrases that begin with punctuation, matched from the true start
)

var compiledCues = compileCues(cues)

func compileCues(cs []cue) []compiledCue {
	out := make([]compiledCue, len(cs))
	for i, c := range cs {
		cc := compiledCue{reason: c.reason, lead: longestFirst(c.lead), anywhere: longestFirst(c.anywhere)}
		for k, p := range cc.lead {
			kind := leadWord
			if r, _ := utf8.DecodeRuneInString(p); unicode.IsPunct(r) || unicode.IsSymbol(r) {
				kind = leadPunct
			}
			cc.leadAt[kind][p[0]] = append(cc.leadAt[kind][p[0]], uint16(k))
		}
		for _, p := range cc.anywhere {
			cc.anywhereBytes = append(cc.anywhereBytes, bytesOf(p))
		}
		out[i] = cc
	}
	return out
}

func longestFirst(phrases []string) []string {
	s := append([]string(nil), phrases...)
	sortByLengthDesc(s)
	return s
}

// byteSet is a set of byte values.
type byteSet [4]uint64

func bytesOf(s string) byteSet {
	var b byteSet
	for i := 0; i < len(s); i++ {
		b[s[i]>>6] |= 1 << (s[i] & 63)
	}
	return b
}

// within reports whether every byte of b is in of.
func (b *byteSet) within(of *byteSet) bool {
	return b[0]&^of[0] == 0 && b[1]&^of[1] == 0 && b[2]&^of[2] == 0 && b[3]&^of[3] == 0
}

// cueLine is a line prepared for matching against every cue: where its
// lead phrases may start, and (computed on first use) its bytes.
type cueLine struct {
	s         string
	start     int // after leading space, punctuation and symbols
	trueStart int // after leading space only
	bytes     byteSet
	haveBytes bool
}

func newCueLine(s string) cueLine {
	start := strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r)
	})
	if start < 0 {
		start = len(s)
	}
	return cueLine{s: s, start: start, trueStart: len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))}
}

// matchLeadIn returns the end of the lead phrase that opens the prepared
// line (after any leading space, punctuation or symbols), or -1. It tries, longest first,
// only the phrases whose first byte is the line's at the place they are
// matched from; the first that matches is the one the full list would
// find first.
func (c *compiledCue) matchLeadIn(cl *cueLine) int {
	s := cl.s
	var word, punct []uint16
	if cl.start < len(s) {
		word = c.leadAt[leadWord][s[cl.start]]
	}
	if cl.trueStart < len(s) {
		punct = c.leadAt[leadPunct][s[cl.trueStart]]
	}
	for len(word) > 0 || len(punct) > 0 {
		// A phrase that itself begins with punctuation ("(photo", "©")
		// is matched from the line's true start.
		var k uint16
		from := cl.start
		if len(punct) > 0 && (len(word) == 0 || punct[0] < word[0]) {
			k, punct, from = punct[0], punct[1:], cl.trueStart
		} else {
			k, word = word[0], word[1:]
		}
		p := c.lead[k]
		if strings.HasPrefix(s[from:], p) && wordEndsAt(s, from+len(p)) {
			return from + len(p)
		}
	}
	return -1
}

// matchAnywhereIn reports whether an anywhere phrase occurs in the
// prepared line as whole words. A phrase is searched for only when the line
// has all of its bytes.
func (c *compiledCue) matchAnywhereIn(cl *cueLine) bool {
	s := cl.s
	if !cl.haveBytes {
		cl.bytes, cl.haveBytes = bytesOf(s), true
	}
	for k, p := range c.anywhere {
		if !c.anywhereBytes[k].within(&cl.bytes) {
			continue
		}
		for off := 0; off < len(s); {
			i := strings.Index(s[off:], p)
			if i < 0 {
				break
			}
			i += off
			if wordStartsAt(s, i) && wordEndsAt(s, i+len(p)) {
				return true
			}
			off = i + 1
		}
	}
	return false
}

// wordEndsAt reports whether position i of s is not inside a word: the end
// of s, or before a character that is neither letter nor digit, or after a
// character that is not (a phrase ending in punctuation ends itself).
func wordEndsAt(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:i]); !isWordRune(r) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r)
}

func wordStartsAt(s string, i int) bool {
	if i == 0 {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(s[i:]); !isWordRune(r) {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// extraStopwords adds the function words of the languages the snowball
// package has no stop list for (German, Italian, Portuguese, Dutch).
var extraStopwords = toSet(strings.Fields(`
	der die das den dem des ein eine einen einem einer eines und oder aber nicht ist sind war waren wird werden
	wurde wurden hat haben hatte hatten sich mit von zu zum zur auf für im in an am bei nach aus über unter
	auch noch nur schon so wie als wenn dass daß es er sie wir ihr ich man sein seine ihre ihren diese dieser
	dieses kein keine durch um bis vor seit gegen mehr sehr
	il lo la gli le un uno una di del della dello dei degli delle da dal dalla dai in nel nella nei con su
	sul sulla per tra fra che non è sono era erano ha hanno anche come più ma se si ci questo questa questi
	quello quella suo sua suoi sue loro essere stato stata alla alle al allo agli
	o a os as um uma uns umas de do da dos das em no na nos nas por pelo pela pelos pelas para com sem
	que não é são foi foram ser está estão tem têm mais mas como também seu sua seus suas ao aos à às
	ele ela eles elas isso este esta esse essa
	de het een en of maar niet is zijn was waren wordt worden werd werden heeft hebben had hadden met van
	te tot op voor in aan bij naar uit over onder ook nog al zo als dat die dit deze er hij zij wij ik
	men zich door om dan meer zeer
`))

// isStopword reports whether a lower-cased word is a function word of one of
// the languages the lexicons cover. Mixing the lists is harmless: density is
// a shape feature, not a language test.
func isStopword(w string) bool {
	return english.IsStopWord(w) || french.IsStopWord(w) || spanish.IsStopWord(w) ||
		russian.IsStopWord(w) || swedish.IsStopWord(w) || norwegian.IsStopWord(w) || extraStopwords[w]
}
