// Package entity finds the people, organisations and places an article
// names, links the short forms of a name to its full form inside the
// article, and merges the spelling variants of one entity across the
// articles of a story (Kolesnikova / Kalesnikava, U.S. / United States,
// EU / European Union).
//
// The finder is rule and statistics based and needs no model: capitalised
// sequences with sentence-start handling, honorifics and titles, gazetteers
// of public facts (countries, capitals, major organisations and their
// acronyms), context cues (said → person, in → place, Ministry →
// organisation), and social handles. The merger compares names with
// romanisation-neutral keys, consonant skeletons and a vowel-tolerant edit
// distance, and prefers a missed merge to a wrong one.
package entity

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

// Kind says how a mention names its entity.
type Kind uint8

const (
	// KindName is a proper name as written: "Maria Kolesnikova", "EU".
	KindName Kind = iota
	// KindShort is a short form the finder linked to a full name of the same
	// article: a surname after the full name, an acronym after its long form.
	KindShort
	// KindHandle is a social-media handle: "@name".
	KindHandle
	// KindNominal is a role noun phrase ("the envoy") that only one person of
	// the article fits.
	KindNominal
)

func (k Kind) String() string {
	switch k {
	case KindShort:
		return "short"
	case KindHandle:
		return "handle"
	case KindNominal:
		return "nominal"
	}
	return "name"
}

// FoundRole is a role or attribute an article gives an entity, with the
// text it was read from.
type FoundRole struct {
	Role     string
	Evidence crosscheck.Span
}

// Genders of Found.Gender.
const (
	GenderMale   = "male"
	GenderFemale = "female"
)

// Found is one mention of an entity in one article.
type Found struct {
	// Span is the mention's byte span in Article.Text, without titles or a
	// possessive 's.
	Span crosscheck.Span
	// Text is the mention as written.
	Text string
	// Name is the full name of the entity this mention refers to, as the
	// article writes it (the longest form in the article).
	Name string
	Type crosscheck.EntityType
	Kind Kind
	// Local numbers the entities of one article: mentions with the same Local
	// are the same entity.
	Local int
	// Roles are the roles this mention is given where it stands
	// ("President", "the U.S. special envoy for Belarus").
	Roles []FoundRole
	// Gender is GenderMale or GenderFemale when an honorific, a title or a
	// role noun of this mention says it ("Mr.", "Queen", "his wife"), else "".
	Gender string
}

// unit is a word of the finder: a word token, an abbreviation with its dots
// (U.S., Mr., J.), a handle, or one punctuation token.
type unit struct {
	start, end int
	text       string
	key        string // folded, dots removed
	word       bool
	cap        bool
	upper      bool // all capitals (acronym or shouted headline)
	handle     bool
	possessive bool
	sentStart  bool
	number     bool
	para       int
	dem        string // demonyms[key]
}

var abbrevs = set(`mr mrs ms dr prof st jr sr lt gen col maj capt sgt adm cmdr sen rep gov rev hon fla calif mass
wash inc ltd co corp no vs messrs mt ft cpl pvt gov supt insp det`)

// isCloserUnit reports a unit that is a closing quotation mark or bracket.
func isCloserUnit(u unit) bool {
	r, n := utf8.DecodeRuneInString(u.key)
	return n > 0 && n == len(u.key) && text.IsCloser(r)
}

// sayVerbs follow a speaker's name.
var sayVerbs = set(`said says told added wrote tweeted stated explained argued noted insisted claimed warned
announced replied asked urged stressed declared testified confirmed denied acknowledged admitted suggested
posted responded commented recalled believes thinks called vowed pledged promised criticized criticised
praised welcomed met spoke speaks tells adds writes`)

// placePreps precede a place.
var placePreps = set(`in from to at near outside inside across into via toward towards throughout visiting`)

// geoHeads end the name of a place.
var geoHeads = set(`street square avenue road bridge airport station sea river lake mountain mountains island
islands region province oblast district county city valley gulf ocean peninsula bay strait coast border park
heights plateau desert canal harbor harbour port state tower building hall palace hotel stadium arena
cathedral mosque temple embassy consulate`)

// otherHeads end the name of an event, a work, a law or a prize.
var otherHeads = set(`prize award act treaty accord accords agreement summit war revolution day election elections
games cup olympics declaration plan law bill deal program programme project report protocol doctrine crisis
conference forum festival initiative convention resolution amendment constitution charter movement`)

// weakStarts are capitalised adjectives that begin a sequence without
// belonging to a name unless the whole sequence is a known place.
var weakStarts = set(`western eastern northern southern central western-backed pro-democracy pro-russian former
ex late acting interim exiled jailed imprisoned veteran prominent key top senior independent opposition
state-run state-owned state pro-kremlin anti-government`)

// partyAdjectives name a party's side, not a party ("Democratic
// voters", "a Republican"): the party is "the Democratic Party", "the
// Republicans".
var partyAdjectives = set(`democratic republican democrat`)

// weakNames are the weakStarts that can be a name alone: a newspaper, a
// surname.
var weakNames = set(`independent state central key`)

// multiTitles are titles of several words, folded, dots removed.
var multiTitles = func() [][]string {
	var out [][]string
	for _, s := range []string{"prime minister", "deputy prime minister", "foreign minister", "defense minister",
		"defence minister", "interior minister", "finance minister", "justice minister", "secretary of state",
		"secretary general", "secretary-general", "vice president", "attorney general", "supreme leader",
		"crown prince", "special envoy", "national security adviser", "national security advisor", "chief of staff",
		"press secretary", "house speaker", "majority leader", "minority leader", "first lady", "lt gen",
		"lieutenant general", "major general", "maj gen", "brig gen", "rear admiral", "chief executive",
		"chief justice", "deputy foreign minister", "foreign secretary", "home secretary", "defense secretary",
		"treasury secretary", "commerce secretary", "homeland security secretary", "director general",
		"director-general", "president-elect", "vice-president", "nobel laureate", "nobel peace prize laureate",
		"special counsel", "white house press secretary", "white house chief of staff", "un secretary-general",
		"un secretary general", "deputy director", "executive director", "foreign affairs minister",
		"minister of foreign affairs", "high representative", "special representative", "u s president",
		"us president", "president of the united states", "ambassador to the united nations", "house majority leader",
		"senate majority leader", "senate minority leader", "house minority leader", "speaker of the house"} {
		out = append(out, strings.Fields(strings.ReplaceAll(s, ".", "")))
	}
	return out
}()

// Find returns the mentions of people, organisations and places in an
// article, in text order. Short forms (a surname after the full name, an
// acronym after its long form, "the envoy" when only one person is an envoy)
// carry the Local number and Name of their full form. Roles read from
// titles ("President X"), pre-modifiers ("opposition leader X") and
// appositions ("X, the U.S. special envoy for Belarus,") come with their
// evidence. Find runs text.Analyze when the article has no tokens yet.
func Find(a *crosscheck.Article) []Found {
	if a == nil || a.Text == "" {
		return nil
	}
	if a.Tokens == nil {
		text.Analyze(a)
	}
	f := newFinder(a)
	f.scan()
	f.link()
	f.appositions()
	f.nominals()
	out := f.out()
	f.release()
	return out
}

type cand struct {
	u0, u1   int // unit range [u0,u1)
	typ      crosscheck.EntityType
	kind     Kind
	roles    []FoundRole
	titled   bool // a person title preceded it
	title    bool // found in a title-case line
	local    int
	name     string
	strong   bool // type read from a gazetteer or a title, not guessed
	nominal  crosscheck.Span
	isNomina bool
	weak     bool   // type guessed from a preposition only ("in X" → place)
	vessel   bool   // a ship's name
	canon    string // the entity this mention stands for when it is not its own name: a country for "the Russians" or an acting capital
	gender   string // from the titles stripped before it: "Mr.", "Queen"
	kkey     string // knownKey of the candidate's text, set by link
}

type finder struct {
	a         *crosscheck.Article
	units     []unit
	tkeys     []string        // titleKey of each unit's key
	standing  map[string]bool // words capitalised inside a sentence, as words of their own
	sentOf    []int           // sentence number of each unit
	lowerSeen map[string]bool
	titleLine []bool // per paragraph: written in title case
	cands     []cand
	chains    []chain
	// demonymCountries are the countries the units name by a demonym, each
	// once, in text order (namedCountries reads them twice per article).
	demonymCountries []string
	// forms are the name forms of the article's candidate and chain names,
	// worked out once: link compares and splits the same names many times.
	forms map[string]*nameForm
	// titleCount counts, per paragraph, the long words and the capitalised
	// ones among them (markTitleLines).
	titleCount [][2]int
	// knownAt remembers known(i, j) by i<<32|j.
	knownAt map[uint64]string
	keyBuf  []byte
}

type chain struct {
	name   string
	typ    crosscheck.EntityType
	toks   []string // folded name tokens
	roles  []string // role heads seen for it
	vessel bool
	canon  bool      // named after the entity its mentions stand for
	form   *nameForm // the form of name
}

// finders are reused from article to article: a finder's maps and slices
// are sized by the article, and making them afresh for every article was a
// large share of Find's allocations.
var finders = sync.Pool{New: func() any {
	return &finder{lowerSeen: map[string]bool{}, standing: map[string]bool{}, forms: map[string]*nameForm{}, knownAt: map[uint64]string{}}
}}

// maxPooledUnits bounds the finders kept for reuse: one very long article
// must not keep its large buffers alive for every article after it.
const maxPooledUnits = 1 << 14

func newFinder(a *crosscheck.Article) *finder {
	f := finders.Get().(*finder)
	f.a = a
	// At most one unit per token; most tokens make one.
	if cap(f.units) < len(a.Tokens) {
		f.units, f.sentOf = make([]unit, 0, len(a.Tokens)), make([]int, 0, len(a.Tokens))
	}
	for _, r := range a.SentenceTokens {
		for ti := r[0] + 1; ti < r[1]; ti++ {
			if t := &a.Tokens[ti]; t.Kind == crosscheck.TokenWord && t.Cap && strings.IndexFunc(t.Norm, isHyphenRune) < 0 {
				f.standing[foldNorm(t.Norm)] = true
			}
		}
	}
	para := 0
	for si, r := range a.SentenceTokens {
		s := a.Sentences[si]
		for para < len(a.Paragraphs)-1 && a.Paragraphs[para].End <= s.Start {
			para++
		}
		f.buildUnits(a.Tokens[r[0]:r[1]], si, para)
	}
	for i := range a.Tokens {
		if t := &a.Tokens[i]; t.Kind == crosscheck.TokenWord && !t.Cap {
			f.lowerSeen[foldNorm(t.Norm)] = true
		}
	}
	for i := range f.units {
		u := &f.units[i]
		f.tkeys = append(f.tkeys, titleKey(u.key))
		// Demonyms are words of demonymMinLen letters or more.
		if !u.word || len(u.key) < demonymMinLen {
			continue
		}
		if u.dem = demonyms[u.key]; u.dem != "" && !slices.Contains(f.demonymCountries, u.dem) {
			f.demonymCountries = append(f.demonymCountries, u.dem)
		}
	}
	f.markTitleLines()
	return f
}

// release returns the finder to the pool, dropping every reference to the
// article so that the pool never keeps an article's text alive.
func (f *finder) release() {
	if cap(f.units) > maxPooledUnits {
		return
	}
	clear(f.units[:cap(f.units)])
	clear(f.tkeys[:cap(f.tkeys)])
	clear(f.cands[:cap(f.cands)])
	clear(f.chains[:cap(f.chains)])
	clear(f.demonymCountries[:cap(f.demonymCountries)])
	clear(f.standing)
	clear(f.lowerSeen)
	clear(f.forms)
	clear(f.knownAt)
	f.a = nil
	f.units, f.sentOf, f.tkeys, f.cands, f.chains = f.units[:0], f.sentOf[:0], f.tkeys[:0], f.cands[:0], f.chains[:0]
	f.demonymCountries, f.titleCount = f.demonymCountries[:0], f.titleCount[:0]
	finders.Put(f)
}

// foldNorm is text.Fold of a token's Norm: a Norm in lower-case ASCII
// without white space is its own fold, and most are.
func foldNorm(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' {
			return text.Fold(s)
		}
	}
	return s
}

// form returns the name form of s, worked out once per article.
func (f *finder) form(s string) *nameForm {
	nf := f.forms[s]
	if nf == nil {
		nf = formOf(s)
		f.forms[s] = nf
	}
	return nf
}

func (f *finder) buildUnits(toks []crosscheck.Token, sent, para int) {
	defer f.lowerShouting(len(f.units))
	first := true
	afterOpen := false
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		u := unit{start: t.Start, end: t.End, para: para}
		switch {
		case t.Kind == crosscheck.TokenWord && (t.Norm == "'s" || t.Norm == "'") && len(f.units) > 0 && f.units[len(f.units)-1].end == t.Start:
			f.units[len(f.units)-1].possessive = true
			continue
		case t.Kind == crosscheck.TokenWord && f.splitPair(t):
			// "Trump-Abe summit", "Trump-Russia probe": two names, each a
			// mention of its own.
			f.appendPair(t, sent, para, first || afterOpen)
			first, afterOpen = false, false
			continue
		case t.Kind == crosscheck.TokenWord:
			u.word = true
			letters := utf8.RuneCountInString(t.Norm)
			key := t.Norm
			if strings.IndexByte(key, '.') >= 0 {
				key = strings.ReplaceAll(key, ".", "")
			}
			// Abbreviations with their dots: U.S., Mr., J., U.S.A.
			for i+1 < len(toks) && toks[i+1].Norm == "." && toks[i+1].Start == u.end && (letters == 1 || abbrevs[key]) {
				// A lone letter before the sentence's full stop is a
				// name, not an initial: "a post on X."
				if len(key) == 1 && i+1 == len(toks)-1 && !abbrevs[key] {
					break
				}
				u.end = toks[i+1].End
				i++
				if i+1 < len(toks) && toks[i+1].Kind == crosscheck.TokenWord && toks[i+1].Start == u.end && utf8.RuneCountInString(toks[i+1].Norm) == 1 {
					u.end = toks[i+1].End
					key += toks[i+1].Norm
					letters = 1
					i++
					continue
				}
				break
			}
			u.key = foldNorm(key)
		case t.Kind == crosscheck.TokenNumber:
			u.number = true
			u.key = t.Norm
		default:
			u.key = t.Norm
			if (t.Norm == "@" || t.Norm == "#") && i+1 < len(toks) && toks[i+1].Kind == crosscheck.TokenWord && toks[i+1].Start == t.End {
				u.word, u.handle, u.cap = true, true, true
				// The handle runs on over letters, digits and underscores.
				for i+1 < len(toks) && toks[i+1].Start == u.end && (toks[i+1].Kind == crosscheck.TokenWord || toks[i+1].Kind == crosscheck.TokenNumber ||
					(toks[i+1].Norm == "_" && i+2 < len(toks) && toks[i+2].Start == toks[i+1].End && toks[i+2].Kind != crosscheck.TokenPunct)) {
					u.end = toks[i+1].End
					i++
				}
				u.key = text.Fold(f.a.Text[u.start:u.end])
			}
		}
		u.text = f.a.Text[u.start:u.end]
		if u.word && !u.handle {
			r, _ := utf8.DecodeRuneInString(u.text)
			u.cap = unicode.IsUpper(r)
			if !u.cap {
				// al-Assad, el-Sisi, bin-Laden: a particle glued to a name.
				if h := strings.IndexByte(u.text, '-'); h > 0 && h < len(u.text)-1 && arabicArticle[strings.ToLower(u.text[:h])] {
					r2, _ := utf8.DecodeRuneInString(u.text[h+1:])
					u.cap = unicode.IsUpper(r2)
				}
			}
			u.upper = isAllUpper(u.text)
			u.sentStart = first || afterOpen
			first = false
			afterOpen = false
		} else if !u.word {
			if u.key == "\"" || u.key == "'" || u.key == ":" || u.key == "(" || u.key == "-" || u.key == "--" || u.key == "—" || u.key == "–" {
				afterOpen = first || u.key == ":" || u.key == "\"" || u.key == "'" || u.key == "("
			}
			if u.number {
				first = false
			}
		}
		f.units = append(f.units, u)
		f.sentOf = append(f.sentOf, sent)
	}
}

// lowerShouting reads the runs of three or more words in capitals among
// the units from index from on ("DEBBIE WASSERMAN SCHULTZ RESIGNS AFTER
// LEAK", a digest's headline inside its text) as lower-case words: in
// capitals nothing tells a name from the words around it, and a run read
// as one made names such as "Schultz Resigns After". A word the gazetteer
// knows (NATO, FBI) keeps its capitals.
func (f *finder) lowerShouting(from int) {
	run := func(k int) bool {
		u := &f.units[k]
		return u.word && u.upper && utf8.RuneCountInString(u.text) >= 2
	}
	for i := from; i < len(f.units); {
		if !run(i) {
			i++
			continue
		}
		j := i + 1
		for j < len(f.units) && run(j) {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				if f.known(k, k+1) == "" {
					f.units[k].cap, f.units[k].upper = false, false
				}
			}
		}
		i = j
	}
}

func isHyphenRune(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// splitPair reports a hyphenated word made of names the article also writes
// on their own inside a sentence (or that the gazetteer knows): "Trump-Abe",
// "Trump-Russia". A double-barrelled name whose parts never stand alone
// (Jean-Claude, Kim Il-Sung), a known name (Guinea-Bissau), a particle
// (al-Assad) and a lower-case part (Washington-based) keep the word whole.
func (f *finder) splitPair(t crosscheck.Token) bool {
	w := f.a.Text[t.Start:t.End]
	if strings.IndexFunc(w, isHyphenRune) < 0 {
		return false // one part: most words
	}
	parts := strings.FieldsFunc(w, isHyphenRune)
	if len(parts) < 2 || len(parts) > 3 || known[knownKey(w)].canon != "" {
		return false
	}
	for _, p := range parts {
		r, _ := utf8.DecodeRuneInString(p)
		k := text.Fold(strings.ToLower(p))
		if !unicode.IsUpper(r) || utf8.RuneCountInString(p) < 2 || arabicArticle[k] || particles[k] || isAllUpper(p) && utf8.RuneCountInString(p) < 3 {
			return false
		}
		if !f.standing[k] && known[knownKey(p)].canon == "" {
			return false
		}
	}
	return true
}

// appendPair adds the parts of a hyphenated pair as units, with the hyphens
// between them as punctuation.
func (f *finder) appendPair(t crosscheck.Token, sent, para int, sentStart bool) {
	pos := t.Start
	w := f.a.Text[t.Start:t.End]
	for i, r := range w {
		if !isHyphenRune(r) {
			continue
		}
		f.appendWord(pos, t.Start+i, sent, para, sentStart)
		sentStart = false
		h := t.Start + i
		n := utf8.RuneLen(r)
		f.units = append(f.units, unit{start: h, end: h + n, text: f.a.Text[h : h+n], key: "-", para: para})
		f.sentOf = append(f.sentOf, sent)
		pos = h + n
	}
	f.appendWord(pos, t.End, sent, para, false)
}

func (f *finder) appendWord(start, end, sent, para int, sentStart bool) {
	u := unit{start: start, end: end, text: f.a.Text[start:end], word: true, para: para, sentStart: sentStart}
	u.key = text.Fold(strings.ToLower(u.text))
	r, _ := utf8.DecodeRuneInString(u.text)
	u.cap = unicode.IsUpper(r)
	u.upper = isAllUpper(u.text)
	f.units = append(f.units, u)
	f.sentOf = append(f.sentOf, sent)
}

func isAllUpper(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// markTitleLines flags paragraphs written in title case (subheadings):
// capitalised words there are not evidence of a name.
func (f *finder) markTitleLines() {
	// Units' paragraphs index a.Paragraphs (0 when it is empty).
	n := max(len(f.a.Paragraphs), 1)
	f.titleCount = slices.Grow(f.titleCount[:0], n)[:n]
	clear(f.titleCount)
	f.titleLine = slices.Grow(f.titleLine[:0], n)[:n]
	clear(f.titleLine)
	for i := range f.units {
		u := &f.units[i]
		if !u.word || len(u.key) < 4 {
			continue
		}
		c := &f.titleCount[u.para]
		c[1]++
		if u.cap {
			c[0]++
		}
	}
	for p, c := range f.titleCount {
		if c[1] >= 2 && float64(c[0]) >= 0.7*float64(c[1]) {
			sp := f.a.Paragraphs[p]
			line := strings.TrimSpace(f.a.Text[sp.Start:sp.End])
			last, _ := utf8.DecodeLastRuneInString(line)
			// A headline may end with a full stop ("Trump Says He Never
			// Pledged To Kill Family Members Of Terrorists."): with five
			// long words or more nearly all capitalised, it is no sentence.
			if !strings.ContainsRune(".!?\"”:;…'’)", last) || c[1] >= 5 && float64(c[0]) >= 0.85*float64(c[1]) && !strings.ContainsAny(line, "“\"") {
				f.titleLine[p] = true
			}
		}
	}
}

func (f *finder) isCap(i int) bool {
	u := &f.units[i]
	return u.word && u.cap && !u.number
}

// scan finds the capitalised sequences and makes candidates of them.
func (f *finder) scan() {
	n := len(f.units)
	for i := 0; i < n; {
		if !f.isCap(i) {
			i++
			continue
		}
		j := i + 1
		for j < n && f.sentOf[j] == f.sentOf[i] {
			if f.units[j-1].possessive {
				break
			}
			if f.isCap(j) {
				j++
				continue
			}
			u := f.units[j]
			if j+1 < n && f.isCap(j+1) && f.sentOf[j+1] == f.sentOf[i] && ((u.word && connectors[u.key]) || u.key == "&") {
				j += 2
				continue
			}
			// "Headquarters for the Treatment of Prisoners of War",
			// "Ministry of the Interior": a connector and "the" (not after
			// a title: "President of the United States" is a title and a
			// country).
			if j+2 < n && u.word && (u.key == "of" || u.key == "for") && f.units[j+1].word && f.units[j+1].key == "the" &&
				f.isCap(j+2) && f.sentOf[j+2] == f.sentOf[i] && !f.isTitleWord(j-1) {
				j += 3
				continue
			}
			break
		}
		f.run(i, j)
		i = j
	}
}

// run splits one capitalised sequence into names.
func (f *finder) run(i, j int) {
	// Sentence-initial words that are ordinary words, unless they open a
	// name the gazetteer knows ("New Hampshire primary voters …").
	for i < j && (f.units[i].sentStart && f.droppable(i) && !f.knownFrom(i, j) || f.notNameLead(i, j)) {
		i++
		for i < j && !f.isCap(i) {
			i++
		}
	}
	if i >= j {
		return
	}
	if f.known(i, j) != "" {
		f.segment(i, j)
		return
	}
	// Split at connectors that do not belong to a name, and at calendar words.
	start := i
	for k := i; k < j; k++ {
		u := f.units[k]
		if u.word && notNames[u.key] && !f.isTitleWord(k) {
			if start < k {
				f.run(start, k)
			}
			start = k + 1
			continue
		}
		if !f.isCap(k) && k > start {
			if f.keepConnector(start, k, j) {
				continue
			}
			f.segment(start, k)
			start = k + 1
		}
	}
	if start < j {
		f.segment(start, j)
	}
}

// notNameLead reports a word that cannot begin a name wherever it stands
// (a dateline's "— At least 12"): articles, prepositions and pronouns, number
// words, and the verbs of an imperative line ("Follow X on Telegram").
func (f *finder) notNameLead(i, j int) bool {
	u := f.units[i]
	if !u.word || u.handle || f.known(i, j) != "" {
		return false
	}
	// A possessive capitalised inside a sentence opens a name: "the
	// group Our Revolution".
	if !u.sentStart && (u.key == "our" || u.key == "my" || u.key == "your") && i+1 < j {
		return false
	}
	if leadFunction[u.key] || isNumberWord(u.key) {
		return true
	}
	return u.sentStart && leadVerbs[u.key] && i+1 < j
}

// isNumberWord reports a spelled-out number: Thirty-one, Hundreds.
func isNumberWord(k string) bool {
	for _, p := range strings.Split(k, "-") {
		if !numberWords[p] {
			return false
		}
	}
	return k != ""
}

// knownFrom reports whether a gazetteer name of two words or more starts
// at unit i within the run ending at j.
func (f *finder) knownFrom(i, j int) bool {
	// A function word opens no name: the gazetteer's keys drop a leading
	// "the" ("The Vermont senator" is Vermont).
	if k := f.units[i].key; k == "the" || k == "a" || k == "an" || notNames[k] {
		return false
	}
	for k := min(j, i+5); k > i+1; k-- {
		if f.known(i, k) != "" {
			return true
		}
	}
	return false
}

// droppable reports whether the sentence-initial unit i is an ordinary word.
func (f *finder) droppable(i int) bool {
	u := f.units[i]
	// "President Lukashenko …", "Lake Orlava, the country's biggest lake,
	// …" (the lake is also written in lower case).
	if (personTitles[u.key] || honorifics[u.key] || roleHeads[u.key] || placeFirstWords[u.key]) && i+1 < len(f.units) && f.isCap(i+1) && f.sentOf[i+1] == f.sentOf[i] {
		return false
	}
	if functionWords[u.key] || notNames[u.key] {
		return true
	}
	if personTitles[u.key] || givenNames[u.key] || f.known(i, i+1) != "" || u.dem != "" {
		return false
	}
	if u.upper && len(u.key) > 1 {
		return false
	}
	return f.lowerSeen[u.key]
}

// keepConnector decides whether the connector at k joins one name.
func (f *finder) keepConnector(start, k, end int) bool {
	u := f.units[k]
	if f.known(start, end) != "" {
		return true
	}
	if particles[u.key] && u.key != "of" {
		return true
	}
	if u.key == "the" && k-1 > start && (f.units[k-1].key == "of" || f.units[k-1].key == "for") {
		// "of the", "for the": as the connector before it.
		return f.keepConnector(start, k-1, end)
	}
	if u.key == "and" || u.key == "&" || u.key == "the" || u.key == "on" {
		return false
	}
	// "Ministry of Foreign Affairs", "Gulf of Aden", "Secretary of State".
	for m := start; m < k; m++ {
		if orgHeads[f.units[m].key] || geoHeads[f.units[m].key] || otherHeads[f.units[m].key] {
			return true
		}
	}
	if f.titleAt(start) > 0 && f.titleAt(start) > k-start {
		return true
	}
	return false
}

// known returns the gazetteer entry covering units [i,j) exactly.
func (f *finder) known(i, j int) string {
	if i >= j {
		return ""
	}
	// The finder asks again and again about the same few ranges.
	at := uint64(i)<<32 | uint64(j)
	if t, ok := f.knownAt[at]; ok {
		return t
	}
	t := f.lookupKnown(i, j)
	f.knownAt[at] = t
	return t
}

// lookupKnown is known without the finder's memo.
func (f *finder) lookupKnown(i, j int) string {
	s := f.a.Text[f.units[i].start:f.units[j-1].end]
	if f.units[j-1].upper && j-i > 1 && !isAcronym(s) {
		// A shouted headline: compare in title case.
		s = strings.ToLower(s)
	}
	if e, ok := known[knownKey(s)]; ok {
		return e.typ
	}
	return ""
}

func (f *finder) isTitleWord(k int) bool { return personTitles[f.units[k].key] }

// multiTitlesByFirst indexes multiTitles by their first word: titleAt runs
// for most capitalised units, and only the titles opening with the unit's
// word can match there.
var multiTitlesByFirst = func() map[string][][]string {
	m := map[string][][]string{}
	for _, mt := range multiTitles {
		m[mt[0]] = append(m[mt[0]], mt)
	}
	return m
}()

// titleAt returns the number of units of a title that starts at unit i
// (a multi-word title or one title word), or 0. A unit's word matches a
// title's word when its titleKey equals it (title words hold no spaces, so
// a hyphenated key never matches one with its hyphens made spaces).
func (f *finder) titleAt(i int) int {
	best := 0
	for _, mt := range multiTitlesByFirst[f.tkeys[i]] {
		if i+len(mt) > len(f.units) || len(mt) <= best {
			continue
		}
		ok := true
		for x := 1; x < len(mt); x++ {
			if f.tkeys[i+x] != mt[x] {
				ok = false
				break
			}
		}
		if ok {
			best = len(mt)
		}
	}
	if tk := f.tkeys[i]; best == 0 && (personTitles[tk] || tk != f.units[i].key) {
		best = 1 // a title word, or any word made a title by "-designate"
	}
	return best
}

// titleKey is a title word without the suffix of a title not yet taken up:
// "Secretary of State-designate", "Minister-designate".
func titleKey(k string) string {
	for _, suf := range []string{"-designate", "-nominee"} {
		if b, ok := strings.CutSuffix(k, suf); ok && b != "" {
			return b
		}
	}
	return k
}

// segment makes a candidate of units [i,j): it strips leading titles and
// the words of a role before them (kept as a role), emits a place named
// before a title, and types the rest.
func (f *finder) segment(i, j int) {
	for i < j && !f.isCap(i) {
		i++
	}
	for j > i && !f.isCap(j-1) {
		j--
	}
	if i >= j {
		return
	}
	c := cand{u0: i, u1: j, title: f.titleLine[f.units[i].para]}
	if t := f.known(i, j); t != "" {
		c.typ = gazType(t)
		c.strong = true
		f.cands = append(f.cands, c)
		return
	}
	// A vessel: "MV Sokol", "the ferry Sokol".
	if f.vesselPrefix(i) && i+1 < j {
		c.typ, c.strong, c.vessel = crosscheck.EntityOther, true, true
		f.cands = append(f.cands, c)
		return
	}
	if j-i <= 2 && i > 0 && f.units[i-1].word && !f.units[i-1].cap && vesselNouns[f.units[i-1].key] && f.sentOf[i-1] == f.sentOf[i] {
		c.typ, c.strong, c.vessel = crosscheck.EntityOther, true, true
		f.cands = append(f.cands, c)
		return
	}
	// "St Nicholas church", "Saint Sophia": a saint's name names a church,
	// a street or a town, not a person of the story.
	if k := f.units[i].key; (k == "st" || k == "saint") && i+1 < j {
		c.typ = crosscheck.EntityOther
		if j < len(f.units) && f.units[j].word && !f.units[j].cap && (geoHeads[f.units[j].key] || buildingNouns[f.units[j].key]) {
			c.typ = crosscheck.EntityPlace
		}
		c.strong = true
		f.cands = append(f.cands, c)
		return
	}
	last := f.units[j-1].key
	orgLike := orgHeads[last] || geoHeads[last] || otherHeads[last]
	// Titles and the places or demonyms before them.
	roleStart := i
	titleFrom := i
	titled := false
	for i < j {
		if n := f.titleAt(i); n > 0 && i+n < j && !(orgLike && !strongTitles[f.units[i].key]) {
			i += n
			titled = true
			continue
		}
		// "U.S. President", "Belarusian President", "Russian Foreign Minister".
		if n := f.titleAtAfterPlace(i, j); n > 0 {
			if kn := f.known(i, i+n); kn != "" {
				f.cands = append(f.cands, cand{u0: i, u1: i + n, typ: gazType(kn), strong: true, title: c.title})
			} else if n == 1 && f.units[i].dem == "" && f.units[i].upper {
				f.cands = append(f.cands, cand{u0: i, u1: i + 1, typ: crosscheck.EntityOrganization, title: c.title})
			}
			i += n
			continue
		}
		break
	}
	// The words of a role before a title: "Emergency Situations Minister X",
	// "House Judiciary Committee Chairman X", "Furious Governor X".
	if !titled && !orgLike {
		if k, n := f.innerTitle(i, j); k > i {
			roleStart = i
			if u := f.units[i]; (u.sentStart || f.lowerSeen[u.key]) && !roleHeads[u.key] && adjectiveShaped(u.key, f.lowerSeen[u.key]) {
				roleStart = i + 1
			}
			i = k + n
			titled = true
		}
	}
	if i >= j {
		return
	}
	c.u0 = i
	for k := titleFrom; k < i; k++ {
		c.gender = joinGender(c.gender, genderOfWord(f.units[k].key))
	}
	if titled {
		c.titled = true
		if roleStart < i && !honorifics[f.units[roleStart].key] || i-roleStart > 1 {
			from := roleStart
			for from < i-1 && honorifics[f.units[from].key] {
				from++
			}
			ev := crosscheck.Span{Start: f.units[from].start, End: f.units[j-1].end}
			c.roles = append(c.roles, FoundRole{Role: f.a.Text[f.units[from].start:f.units[i-1].end], Evidence: ev})
		}
	}
	// Weak adjectives at the start: "Western", "Exiled".
	for c.u0 < j-1 && weakStarts[f.units[c.u0].key] && f.known(c.u0, j) == "" {
		c.u0++
	}
	// One left alone is a capitalised common word ("her Opposition to
	// the president", "a Democratic senator"), unless it can be a name
	// ("The Independent").
	if j-c.u0 == 1 && (weakStarts[f.units[c.u0].key] && !weakNames[f.units[c.u0].key] || partyAdjectives[f.units[c.u0].key]) && f.known(c.u0, j) == "" {
		return
	}
	if dem := f.demonymAt(c.u0, j); dem != "" {
		// An adjective of nationality alone is no mention; a plural demonym
		// ("the Russians", "Iranians") names the nation as an actor.
		if pluralDemonyms[f.unitKeys(c.u0, j)] || f.invariantPlural(c.u0, j) {
			c.typ, c.strong, c.canon = crosscheck.EntityPlace, true, dem
			f.cands = append(f.cands, c)
		}
		return
	}
	if dem := f.units[j-1].dem; dem != "" && j-c.u0 == 1 {
		return
	}
	if t := f.known(c.u0, j); t != "" {
		c.typ = gazType(t)
		c.strong = true
		f.cands = append(f.cands, c)
		return
	}
	c.typ, c.weak = f.guessType(c.u0, j, titled)
	if pre := f.premodRole(c.u0); pre.Role != "" && !titled {
		c.roles = append(c.roles, pre)
		c.gender = joinGender(c.gender, genderOfWord(roleHead(pre.Role)))
		if c.typ == crosscheck.EntityOther || c.weak {
			c.typ, c.weak = crosscheck.EntityPerson, false
		}
	}
	f.cands = append(f.cands, c)
}

// invariantPlural reports a demonym that is its own plural (Chinese,
// Japanese, Swiss) standing as a noun for the nation: after "the" and before
// no noun ("talks with the Chinese.", "the Japanese said").
func (f *finder) invariantPlural(i, j int) bool {
	k := f.unitKeys(i, j)
	if j-i != 1 || !(strings.HasSuffix(k, "ese") || k == "swiss") || i == 0 || f.units[i-1].key != "the" {
		return false
	}
	return !f.nounFollows(j, f.sentOf[i])
}

// nounFollows reports a lower-case word at unit n of sentence sent that
// reads as a noun the word before it modifies ("the North side", "the
// Chinese government"), not as a verb, an adverb or a function word.
func (f *finder) nounFollows(n, sent int) bool {
	if n >= len(f.units) || f.sentOf[n] != sent {
		return false
	}
	u := f.units[n]
	if !u.word || u.cap || u.number {
		return false
	}
	verbLike := functionWords[u.key] || sayVerbs[u.key] || strings.HasSuffix(u.key, "ed") || strings.HasSuffix(u.key, "s") || strings.HasSuffix(u.key, "ly")
	return !verbLike
}

// vesselPrefix reports a ship prefix written in capitals without dots at
// unit i: MV, HMS ("Ms." with its dot is a title).
func (f *finder) vesselPrefix(i int) bool {
	u := f.units[i]
	return vesselPrefixes[u.key] && u.upper && !strings.Contains(u.text, ".")
}

// innerTitle finds a title inside [i,j) that has only role words before it
// and a name after it: "Emergency Situations Minister | Danilo Marek". It
// returns the title's first unit and length, or 0, 0. A sequence that
// starts with a given name is a name (Martin Luther King).
func (f *finder) innerTitle(i, j int) (int, int) {
	if givenNames[f.units[i].key] || f.units[i].handle {
		return 0, 0
	}
	for k := j - 2; k > i; k-- {
		n := f.titleAt(k)
		if n == 0 || k+n >= j || j-(k+n) > 4 {
			continue
		}
		if _, gen := generational[f.units[j-1].key]; gen && j-(k+n) == 1 {
			continue
		}
		ok := true
		for m := i; m < k; m++ {
			u := f.units[m]
			if !(f.isCap(m) || (u.word && connectors[u.key])) || givenNames[u.key] && m == i {
				ok = false
				break
			}
		}
		for m := k + n; m < j && ok; m++ {
			if f.titleAt(m) > 0 {
				ok = false
			}
		}
		if ok {
			return k, n
		}
	}
	return 0, 0
}

// adjectiveShaped reports a word that reads as an adjective or a participle
// when it opens a sentence before a title ("Furious Governor X", "Hosting
// President X"): one the article also writes in lower case, or one with an
// adjectival or verbal ending.
func adjectiveShaped(k string, seenLower bool) bool {
	if seenLower {
		return true
	}
	for _, e := range []string{"ing", "ed", "ly", "ous", "ful", "less", "ive"} {
		if strings.HasSuffix(k, e) && len(k) > len(e)+2 {
			return true
		}
	}
	return false
}

// titleAtAfterPlace returns the length of a place or demonym at unit i that
// is followed by a title inside [i,j), or 0.
func (f *finder) titleAtAfterPlace(i, j int) int {
	for n := 1; n <= 3 && i+n < j; n++ {
		kn := f.known(i, i+n)
		isPlace := kn != ""
		dem := f.demonymAt(i, i+n) != ""
		if !isPlace && !dem && !(n == 1 && f.units[i].upper && len(f.units[i].key) >= 2) {
			continue
		}
		if t := f.titleAt(i + n); t > 0 && i+n+t < j {
			return n
		}
	}
	return 0
}

// demonymAt is demonyms[f.unitKeys(i, j)], without building the key.
func (f *finder) demonymAt(i, j int) string {
	if j-i == 1 {
		return f.units[i].dem
	}
	b := f.keyBuf[:0]
	for k := i; k < j; k++ {
		if k > i {
			b = append(b, ' ')
		}
		b = append(b, f.units[k].key...)
	}
	f.keyBuf = b
	return demonyms[string(b)]
}

// unitKeys joins the keys of units [i,j) with spaces.
func (f *finder) unitKeys(i, j int) string {
	ks := make([]string, 0, j-i)
	for k := i; k < j; k++ {
		ks = append(ks, f.units[k].key)
	}
	return strings.Join(ks, " ")
}

func gazType(t string) crosscheck.EntityType {
	switch t {
	case "place":
		return crosscheck.EntityPlace
	case "org":
		return crosscheck.EntityOrganization
	}
	return crosscheck.EntityOther
}

// guessType types a name that no gazetteer knows from its words and
// context. weak says the type was read from a preposition alone.
func (f *finder) guessType(i, j int, titled bool) (typ crosscheck.EntityType, weak bool) {
	return f.guessTypeOf(i, j, titled), j-i == 1 && i > 0 && f.units[i-1].word && placePreps[f.units[i-1].key] &&
		f.guessTypeOf(i, j, titled) == crosscheck.EntityPlace && !geoHeads[f.units[i].key]
}

func (f *finder) guessTypeOf(i, j int, titled bool) crosscheck.EntityType {
	if f.units[i].handle {
		return crosscheck.EntityOther
	}
	if titled {
		return crosscheck.EntityPerson
	}
	// A name that is a whole exclamation on its own ("Slava Ukraini!",
	// "Viva Zapata!") is a slogan, not a mention of a person.
	if f.units[i].sentStart && j < len(f.units) && f.units[j].key == "!" && (j+1 == len(f.units) || f.units[j+1].sentStart || f.units[j+1].para != f.units[j].para || isCloserUnit(f.units[j+1])) {
		return crosscheck.EntityOther
	}
	last := f.units[j-1].key
	for k := i; k < j; k++ {
		if orgHeads[f.units[k].key] {
			return crosscheck.EntityOrganization
		}
	}
	if geoHeads[last] {
		return crosscheck.EntityPlace
	}
	if otherHeads[last] {
		return crosscheck.EntityOther
	}
	if j-i >= 2 && placeFirstWords[f.units[i].key] {
		return crosscheck.EntityPlace
	}
	if j-i >= 2 && romanceArticles[f.units[i].key] {
		return crosscheck.EntityOther // La Gaviota, El Faro: a boat, a bar, a paper
	}
	if j-i == 1 && f.units[i].upper && len(f.units[i].key) >= 2 && len(f.units[i].key) <= 6 {
		return crosscheck.EntityOrganization
	}
	// "the Biden administration": an administration is named after its
	// leader.
	if j-i == 1 && j < len(f.units) && f.units[j].word && !f.units[j].cap && f.units[j].key == "administration" && f.sentOf[j] == f.sentOf[i] {
		return crosscheck.EntityPerson
	}
	// Context before: "the rights group X", "the news agency X".
	if i > 0 && f.units[i-1].word && !f.units[i-1].cap && orgNouns[f.units[i-1].key] && f.sentOf[i-1] == f.sentOf[i] {
		return crosscheck.EntityOrganization
	}
	// Context after: "X said".
	next := j
	for next < len(f.units) && !f.units[next].word && (f.units[next].key == "," || f.units[next].key == ")") {
		next++
	}
	if next < len(f.units) && f.units[next].word && sayVerbs[f.units[next].key] {
		return crosscheck.EntityPerson
	}
	// A thing named after a person: "James Comey Memos", "Nelson Mandela
	// Bridge", when its last word is one the article also writes as a
	// common noun ("the memos").
	if givenNames[f.units[i].key] && j-i >= 3 && f.lowerSeen[last] {
		return crosscheck.EntityOther
	}
	if givenNames[f.units[i].key] && j-i >= 2 {
		return crosscheck.EntityPerson
	}
	if j-i >= 2 {
		common := 0
		for k := i; k < j; k++ {
			if f.lowerSeen[f.units[k].key] || functionWords[f.units[k].key] || f.units[k].dem != "" {
				common++
			}
		}
		if common == 0 && j-i <= 4 {
			return crosscheck.EntityPerson
		}
		return crosscheck.EntityOther
	}
	if surnameShaped(f.units[i].key) {
		return crosscheck.EntityPerson
	}
	if i > 0 && f.units[i-1].word && placePreps[f.units[i-1].key] {
		return crosscheck.EntityPlace
	}
	// "in southern Valdoria": a part of a place by its compass point.
	if i > 0 && f.units[i-1].word && !f.units[i-1].cap && compassAdjectives[f.units[i-1].key] && f.sentOf[i-1] == f.sentOf[i] {
		return crosscheck.EntityPlace
	}
	return crosscheck.EntityOther
}

// compassAdjectives name the part of a place they stand before.
var compassAdjectives = set(`northern southern eastern western central north-eastern north-western south-eastern south-western
northeastern northwestern southeastern southwestern`)

// surnameShaped reports the endings of Slavic, Georgian, Armenian and other
// surnames that are rarely anything else.
func surnameShaped(k string) bool {
	if len(k) < 5 {
		return false
	}
	for _, e := range []string{"ova", "eva", "ovich", "evich", "ovych", "enko", "enka", "chuk", "czuk", "shvili",
		"skaya", "skaja", "ska", "sky", "skyy", "skiy", "ski", "ov", "ev", "ova", "ina", "yan", "wicz", "vich", "dze", "uk", "yuk"} {
		if strings.HasSuffix(k, e) {
			return true
		}
	}
	return false
}

// premodRole reads the role phrase just before a name: "opposition leader
// Maria X", "Nobel Peace Prize laureate X". The phrase must end in a role noun.
//
// The phrase may also stand before the name with a comma when a determiner
// or a possessive opens it: "the ferry's captain, Oleksiy X" (role
// "captain"), "Almira's mayor, Inés X".
func (f *finder) premodRole(i int) FoundRole {
	k := i - 1
	comma := false
	if k > 0 && f.units[k].key == "," && f.sentOf[k] == f.sentOf[i] {
		k--
		comma = true
	}
	if k < 0 || !f.units[k].word || !roleHeads[f.units[k].key] || f.sentOf[k] != f.sentOf[i] {
		return FoundRole{}
	}
	if comma {
		from := k
		for from > 0 && k-from < 4 && f.units[from-1].word && !f.units[from-1].possessive && !functionWords[f.units[from-1].key] &&
			!connectors[f.units[from-1].key] && !sayVerbs[f.units[from-1].key] && f.sentOf[from-1] == f.sentOf[i] {
			from--
		}
		opened := from > 0 && f.sentOf[from-1] == f.sentOf[i] && (f.units[from-1].possessive || f.units[from-1].key == "the" || f.units[from-1].key == "a" || f.units[from-1].key == "an" ||
			f.units[from-1].key == "his" || f.units[from-1].key == "her" || f.units[from-1].key == "their")
		if !opened || f.units[from].cap && !f.units[from].sentStart {
			return FoundRole{}
		}
		return FoundRole{
			Role:     f.a.Text[f.units[from].start:f.units[k].end],
			Evidence: crosscheck.Span{Start: f.units[from].start, End: f.units[i].end},
		}
	}
	from := k
	for m := k - 1; m >= 0 && k-m < 6 && f.sentOf[m] == f.sentOf[i]; m-- {
		u := f.units[m]
		if !u.word || functionWords[u.key] || connectors[u.key] || sayVerbs[u.key] {
			break
		}
		if !u.cap && (strings.HasSuffix(u.key, "ing") || (strings.HasSuffix(u.key, "ed") && !u.sentStart) || personVerbs[u.key]) {
			break
		}
		from = m
	}
	if f.units[from].possessive && from < k {
		from++
	}
	return FoundRole{
		Role:     f.a.Text[f.units[from].start:f.units[k].end],
		Evidence: crosscheck.Span{Start: f.units[from].start, End: f.units[i].end},
	}
}

// personVerbs take a person as their object: in "help her defeat GOP
// nominee Donald Trump" the role is "GOP nominee".
var personVerbs = set(`defeat beat face faces meet meets join joins replace replaces succeed succeeds back backs support
supports endorse endorses challenge challenges oppose opposes attack attacks criticize criticise praise praises thank
thanks call calls visit visits elect fire hire appoint appoints name names warn warns urge urges ask asks tell tells`)

func (f *finder) candText(c *cand) string {
	return f.a.Text[f.units[c.u0].start:f.units[c.u1-1].end]
}

// link drops unsupported candidates of title-case lines and generic words,
// then groups the candidates into in-article entities: equal names, a
// surname after the full name it follows, an acronym after its long form,
// spelling variants, a capital or a seat of government acting for its
// country.
func (f *finder) link() {
	// Every candidate's gazetteer key, read many times below.
	for ci := range f.cands {
		c := &f.cands[ci]
		c.kkey = knownKey(f.candText(c))
	}
	// Names seen in running text.
	seen := map[string]bool{}
	seenTok := map[string]bool{}
	for _, c := range f.cands {
		if c.title {
			continue
		}
		seen[c.kkey] = true
		if c.typ == crosscheck.EntityPerson {
			for k := c.u0; k < c.u1; k++ {
				seenTok[f.units[k].key] = true
			}
		}
	}
	// Words seen capitalised inside a sentence, as a name of their own or as
	// a person's surname.
	mid := map[string]bool{}
	for _, c := range f.cands {
		if c.title {
			continue
		}
		if c.u1-c.u0 == 1 && !f.units[c.u0].sentStart {
			mid[f.units[c.u0].key] = true
		}
		if c.typ == crosscheck.EntityPerson && c.u1-c.u0 > 1 {
			mid[f.units[c.u1-1].key] = true
			if givenNames[f.units[c.u0].key] {
				mid[f.units[c.u0].key] = true // "Emmanuel and I": the given name of a person named here
			}
		}
	}
	kept := f.cands[:0]
	for _, c := range f.cands {
		if c.title && !c.strong && !seen[c.kkey] && !(c.u1-c.u0 == 1 && seenTok[f.units[c.u0].key]) {
			continue
		}
		if c.u1-c.u0 == 1 && !c.strong {
			u := f.units[c.u0]
			if u.sentStart && (c.typ == crosscheck.EntityOther || c.weak) && !mid[u.key] && !c.titled && len(c.roles) == 0 {
				continue
			}
			if genericWord(u.key) && !c.titled {
				continue // "Police", "Prosecutors", "the Herald"
			}
			if h := strings.LastIndexByte(u.text, '-'); h > 0 && h+1 < len(u.text) && !unicode.IsUpper(rune(u.text[h+1])) && !arabicArticle[strings.ToLower(u.text[:h])] {
				if _, ok := known[knownKey(u.text[:h])]; ok {
					continue // "US-brokered": an adjective
				}
			}
		}
		kept = append(kept, c)
	}
	f.cands = kept
	f.metonyms()
	f.compassCountries()

	// Acronyms defined in parentheses: "European Union (EU)".
	defined := map[string]int{} // acronym key → candidate index of its long form
	for ci := range f.cands {
		c := &f.cands[ci]
		if c.u1-c.u0 != 1 || !isAcronym(f.units[c.u0].text) || c.u0 < 1 || f.units[c.u0-1].key != "(" || ci == 0 {
			continue
		}
		p := &f.cands[ci-1]
		if p.u1 == c.u0-1 && acronymMatch(f.units[c.u0].text, f.candText(p)) {
			defined[acronymKey(f.units[c.u0].text)] = ci - 1
		}
	}

	f.chains = nil
	full := func(c *cand) bool {
		return c.u1-c.u0 >= 2 || c.canon != "" || (c.typ != crosscheck.EntityPerson && c.typ != crosscheck.EntityOther && !c.weak)
	}
	// Pass 1: full forms make chains; equal names and variants join them.
	local := make([]int, len(f.cands))
	for ci := range local {
		local[ci] = -1
	}
	byKey := map[string]int{}
	for ci := range f.cands {
		c := &f.cands[ci]
		name := f.candText(c)
		k := c.kkey
		if canon := canonOfKey(k); canon != "" {
			k = "=" + canon
		}
		if c.canon != "" {
			k = "=" + c.canon
		}
		if c.vessel {
			k = "~" + vesselKey(name)
		}
		if len(defined) > 0 && isAcronym(name) {
			if d, ok := defined[acronymKey(name)]; ok && local[d] >= 0 {
				local[ci] = local[d]
				c.kind = KindShort
				continue
			}
		}
		if l, ok := byKey[k]; ok {
			local[ci] = l
			continue
		}
		if !full(c) && c.u1-c.u0 == 1 {
			continue // single words wait for pass 2
		}
		// A spelling variant of a full name already seen.
		found := -1
		if c.typ == crosscheck.EntityPerson && c.u1-c.u0 >= 2 {
			nf := f.form(name)
			for l := range f.chains {
				ch := &f.chains[l]
				if ch.typ == crosscheck.EntityPerson && len(ch.toks) >= 2 && ch.name != "" && name != "" && sameForm(ch.form, nf) {
					found = l
					break
				}
			}
		}
		if found < 0 {
			found = len(f.chains)
			chName := name
			if c.canon != "" {
				chName = c.canon
			}
			cf := f.form(chName)
			f.chains = append(f.chains, chain{name: chName, typ: c.typ, toks: cf.parts.tokens, vessel: c.vessel, canon: c.canon != "", form: cf})
		}
		local[ci] = found
		byKey[k] = found
	}
	// Pass 2, in text order: single words. An acronym joins its one long
	// form; a surname joins the full name it follows (the nearest one before
	// it; none when two people of that surname were just named together),
	// unless the article already used the bare surname before that full
	// name, for someone of its own; a vessel's name joins the vessel.
	lastAt := func(l, pos int) int {
		at := -1
		for ci := range f.cands {
			if local[ci] == l && f.units[f.cands[ci].u0].start < pos {
				at = max(at, ci)
			}
		}
		return at
	}
	firstAt := func(l int) int {
		for ci := range f.cands {
			if local[ci] == l {
				return ci
			}
		}
		return len(f.cands)
	}
	// The gender each chain's titles say: "Mr. Trump" does not follow
	// "Melania Trump", nor "Ms. Clinton" "Bill Clinton".
	chainGender := map[int]string{}
	for ci, l := range local {
		if l >= 0 {
			chainGender[l] = joinGender(chainGender[l], f.cands[ci].gender)
		}
	}
	conflicts := func(a, b string) bool { return a != "" && a != "?" && b != "" && b != "?" && a != b }
	for ci := range f.cands {
		if local[ci] >= 0 {
			continue
		}
		c := &f.cands[ci]
		name := f.candText(c)
		nf := f.form(name)
		tok := nf.parts.tokens
		k := c.kkey
		personLike := c.typ == crosscheck.EntityPerson || c.typ == crosscheck.EntityOther || c.weak
		var fits []int
		acronym := isAcronym(name)
		for l := range f.chains {
			ch := &f.chains[l]
			ok := false
			switch {
			case acronym && ch.typ != crosscheck.EntityPerson:
				ok = acronymMatch(name, ch.name)
			case ch.vessel && len(tok) == 1 && !c.strong:
				ok = tok[0] == ch.toks[len(ch.toks)-1]
			case ch.typ == crosscheck.EntityPerson && len(ch.toks) >= 2 && len(tok) == 1 && personLike:
				// ch.toks are the tokens of ch.form.
				last := len(ch.toks) - 1
				ok = tok[0] == ch.toks[last] || (tok[0] == ch.toks[0] && !givenNames[tok[0]]) || (len(tok[0]) > 3 && matchTokens(tok[0], nf.parts.keys[0], nf.parts.skels[0], ch.toks[last], ch.form.parts.keys[last], ch.form.parts.skels[last]))
				ok = ok && !conflicts(c.gender, chainGender[l])
			}
			if ok {
				fits = append(fits, l)
			}
		}
		match := -1
		if len(fits) == 1 && f.chains[fits[0]].typ != crosscheck.EntityPerson {
			match = fits[0] // an acronym or a vessel: its one long form, before or after
		} else if len(fits) > 0 {
			// The nearest full name before this word, unless another
			// candidate was named in the same sentence as it. A surname
			// before any full name stays apart here; the merger resolves it
			// with the whole story's evidence.
			best, bestAt, second := -1, -1, -1
			for _, l := range fits {
				at := lastAt(l, f.units[c.u0].start)
				if at > bestAt {
					second = bestAt
					best, bestAt = l, at
				} else if at > second {
					second = at
				}
			}
			if best >= 0 && (second < 0 || f.sentOf[f.cands[second].u0] != f.sentOf[f.cands[bestAt].u0]) {
				match = best
			}
		}
		keyed, hasKey := byKey[k]
		if hasKey && c.typ != crosscheck.EntityPlace && conflicts(c.gender, chainGender[keyed]) {
			hasKey = false // "Mrs. Trump" after "Mr. Trump": someone else
		}
		if hasKey && match >= 0 && firstAt(keyed) < firstAt(match) {
			match = -1 // the bare surname already stands for someone
		}
		if match >= 0 {
			local[ci] = match
			chainGender[match] = joinGender(chainGender[match], c.gender)
			c.kind = KindShort
			if f.chains[match].typ == crosscheck.EntityPerson {
				c.typ, c.weak = crosscheck.EntityPerson, false
			}
			continue
		}
		if hasKey {
			local[ci] = keyed
			chainGender[keyed] = joinGender(chainGender[keyed], c.gender)
			continue
		}
		local[ci] = len(f.chains)
		chainGender[local[ci]] = c.gender
		if _, taken := byKey[k]; !taken {
			byKey[k] = local[ci]
		}
		f.chains = append(f.chains, chain{name: name, typ: c.typ, toks: tok, form: nf})
	}
	// A chain's type is voted by its mentions: a gazetteer or a title counts
	// three, a cue word two, a preposition one; a person wins a tie.
	votes := make([][len(voteTypes)]int, len(f.chains))
	for ci := range f.cands {
		c := &f.cands[ci]
		c.local = local[ci]
		ch := &f.chains[c.local]
		switch {
		case c.titled && !c.strong:
			vote(&votes[c.local], crosscheck.EntityPerson, 3)
		case c.strong:
			vote(&votes[c.local], c.typ, 3)
		case c.weak:
			vote(&votes[c.local], c.typ, 1)
		case c.typ != crosscheck.EntityOther:
			vote(&votes[c.local], c.typ, 2)
		}
		if n := f.candText(c); len(f.form(n).parts.tokens) > len(ch.toks) && !isAcronym(n) && !ch.canon {
			ch.form = f.form(n)
			ch.name, ch.toks = n, ch.form.parts.tokens
		}
	}
	for l := range f.chains {
		ch := &f.chains[l]
		best := 0
		for ti, t := range voteTypes {
			if v := votes[l][ti]; v > best {
				best, ch.typ = v, t
			}
		}
		if ch.vessel {
			ch.typ = crosscheck.EntityOther
		}
	}
	for ci := range f.cands {
		c := &f.cands[ci]
		c.typ = f.chains[c.local].typ
		c.name = f.chains[c.local].name
		if f.units[c.u0].handle {
			c.kind = KindHandle
		}
	}
}

// voteTypes are the types a chain's mentions vote for, in the order that
// breaks a tie.
var voteTypes = [...]crosscheck.EntityType{crosscheck.EntityPerson, crosscheck.EntityOrganization, crosscheck.EntityPlace, crosscheck.EntityOther}

// vote adds n votes for type t (a type outside voteTypes never wins).
func vote(v *[len(voteTypes)]int, t crosscheck.EntityType, n int) {
	for i, vt := range voteTypes {
		if vt == t {
			v[i] += n
			return
		}
	}
}

// genericWord reports a common noun that is capitalised alone (a sentence's
// first word, a short reference): the heads of organisation, place and role
// names and their plurals.
func genericWord(k string) bool {
	for _, w := range []string{k, strings.TrimSuffix(k, "s"), strings.TrimSuffix(k, "es")} {
		if orgHeads[w] || geoHeads[w] || roleHeads[w] || personTitles[w] || vesselNouns[w] {
			return true
		}
	}
	return false
}

// vesselKey is the grouping key of a vessel's name, without its prefix.
func vesselKey(s string) string {
	fs := strings.Fields(s)
	if len(fs) > 1 && vesselPrefixes[strings.ToLower(fs[0])] {
		fs = fs[1:]
	}
	return knownKey(strings.Join(fs, " "))
}

// metonyms marks a capital or a seat of government that acts for its
// country ("talks with Washington", "Pyongyang signaled", "the Kremlin
// said") when the article also names that country. A capital after a
// preposition of place, before a noun it modifies ("Moscow hotel", "London
// mayor") or opening a dateline is the city.
func (f *finder) metonyms() {
	named := f.namedCountries()
	for ci := range f.cands {
		c := &f.cands[ci]
		country, seat := capitalOf[canonOfKey(c.kkey)], false
		if country == "" {
			country, seat = seatOf[c.kkey], true
		}
		if country == "" || !named[country] {
			continue
		}
		p := c.u0 - 1
		if p >= 0 && f.units[p].key == "the" {
			p--
		}
		if p >= 0 && f.sentOf[p] == f.sentOf[c.u0] && f.units[p].word && (placePreps[f.units[p].key] || cityContext[f.units[p].key]) && !(seat && f.units[p].key == "from") {
			continue
		}
		n := c.u1
		if f.units[c.u1-1].possessive {
			if n < len(f.units) && f.units[n].word && (roleHeads[f.units[n].key] || personTitles[f.units[n].key]) {
				continue // London's mayor
			}
		} else if n < len(f.units) && f.sentOf[n] == f.sentOf[c.u0] {
			u := f.units[n]
			if u.key == "-" || u.key == "(" || u.key == "—" || u.key == "–" || (u.word && !u.cap && (roleHeads[u.key] || orgHeads[u.key] || geoHeads[u.key] || cityNouns[u.key] || personTitles[u.key])) {
				continue
			}
			if f.units[c.u0].sentStart && u.key == "," {
				continue // WASHINGTON, May 3 —
			}
		}
		c.canon, c.typ, c.strong = country, crosscheck.EntityPlace, true
	}
}

// namedCountries returns the countries the article names, by name, alias
// or demonym.
func (f *finder) namedCountries() map[string]bool {
	named := map[string]bool{}
	for ci := range f.cands {
		c := &f.cands[ci]
		if cn := canonOfKey(c.kkey); isCountry[cn] {
			named[cn] = true
		}
		if c.canon != "" {
			named[c.canon] = true
		}
	}
	for _, d := range f.demonymCountries {
		named[d] = true
	}
	return named
}

// compassWords name one half of a divided country: "the North" for North
// Korea, "the South" for South Korea.
var compassWords = set(`north south east west`)

// compassCountries resolves "the North" and "the South" to the one country
// the article names with that word in its name (North Korea, South Korea);
// with none or several such countries ("North Korea" and "North Macedonia"),
// or when a noun follows ("the North side"), the word stays as it is.
func (f *finder) compassCountries() {
	// The countries named before any candidate changes below: worked out at
	// the first compass word, before the loop changes a candidate (most
	// articles have none).
	var named map[string]bool
	for ci := range f.cands {
		c := &f.cands[ci]
		if c.u1-c.u0 != 1 || c.canon != "" || !compassWords[f.units[c.u0].key] {
			continue
		}
		if named == nil {
			named = f.namedCountries()
		}
		// "North and South Korea": the country named by the word and the
		// rest of the coordinated name.
		if n := c.u1; n+2 < len(f.units) && (f.units[n].key == "and" || f.units[n].key == "or") && compassWords[f.units[n+1].key] && f.units[n+1].cap {
			if m := n + 2; f.isCap(m) && f.sentOf[m] == f.sentOf[c.u0] {
				if cn := canonicalKnown(f.units[c.u0].text + " " + f.units[m].text); isCountry[cn] {
					c.canon, c.typ, c.strong = cn, crosscheck.EntityPlace, true
				}
				continue
			}
		}
		p := c.u0 - 1
		if p < 0 || f.units[p].key != "the" || f.sentOf[p] != f.sentOf[c.u0] {
			continue
		}
		if !f.units[c.u0].possessive && f.nounFollows(c.u1, f.sentOf[c.u0]) {
			continue
		}
		country := ""
		for cn := range named {
			for _, w := range strings.Fields(strings.ToLower(cn)) {
				if w == f.units[c.u0].key {
					if country != "" && country != cn {
						country = "-"
					} else if country == "" {
						country = cn
					}
				}
			}
		}
		if country == "" || country == "-" {
			continue
		}
		c.canon, c.typ, c.strong = country, crosscheck.EntityPlace, true
	}
}

// appositions reads "NAME, the ROLE," and "NAME, ROLE of X," after a name.
func (f *finder) appositions() {
	for ci := range f.cands {
		c := &f.cands[ci]
		if c.typ == crosscheck.EntityPlace {
			continue
		}
		k := c.u1
		if k >= len(f.units) || f.units[k].key != "," || f.sentOf[k] != f.sentOf[c.u0] {
			continue
		}
		k++
		from := k
		if from < len(f.units) && f.units[from].word && (f.units[from].key == "who" || f.units[from].key == "which" || apposStops[f.units[from].key]) {
			continue // "X, along with his wife", "X, who ...": no apposition
		}
		hasHead := false
		end := -1
		for m := from; m < len(f.units) && m-from < 14 && f.sentOf[m] == f.sentOf[c.u0]; m++ {
			u := f.units[m]
			if !u.word && (u.key == "," || u.key == "." || u.key == ";" || u.key == ")" || u.key == ":" || u.key == "—" || u.key == "–" || u.key == "\"") {
				end = m
				break
			}
			if u.word && sayVerbs[u.key] {
				break
			}
			if u.word && hasHead && (u.key == "who" || u.key == "which" || u.key == "that" || u.key == "whose" || u.key == "where" || u.key == "when") {
				end = m
				break
			}
			if u.word && (roleHeads[u.key] || (c.typ == crosscheck.EntityOrganization && orgHeads[u.key])) && m-from < 8 {
				hasHead = true
			}
		}
		if end < 0 && from < len(f.units) {
			// The sentence ends the apposition.
			m := from
			for m < len(f.units) && f.sentOf[m] == f.sentOf[c.u0] && m-from < 14 {
				m++
			}
			if m-from < 14 && m > from && f.units[m-1].key == "." {
				end = m - 1
			}
		}
		if !hasHead || end <= from {
			continue
		}
		s := from
		if f.units[s].word && (f.units[s].key == "the" || f.units[s].key == "a" || f.units[s].key == "an") {
			s++
		} else if c.typ != crosscheck.EntityPerson && c.typ != crosscheck.EntityOther {
			continue
		}
		if s >= end {
			continue
		}
		// Keep the role short: no age before it ("a 34-year-old nurse"), no
		// origin after it ("nurse from Tresk").
		for s < end-1 && (f.units[s].number || strings.HasSuffix(f.units[s].key, "-old") || f.units[s].key == "-") {
			s++
		}
		e := end
		for m := s + 1; m < end; m++ {
			if f.units[m].word && (f.units[m].key == "from" || f.units[m].key == "who" || f.units[m].key == "whose") {
				e = m
				break
			}
		}
		if e <= s {
			continue
		}
		role := f.a.Text[f.units[s].start:f.units[e-1].end]
		c.roles = append(c.roles, FoundRole{Role: role, Evidence: crosscheck.Span{Start: f.units[c.u0].start, End: f.units[end-1].end}})
		if c.typ == crosscheck.EntityOther {
			f.chains[c.local].typ = crosscheck.EntityPerson
			c.typ = crosscheck.EntityPerson
		}
	}
	for ci := range f.cands {
		c := &f.cands[ci]
		for _, r := range c.roles {
			if h := roleHead(r.Role); h != "" {
				ch := &f.chains[c.local]
				ch.roles = append(ch.roles, h)
				c.gender = joinGender(c.gender, genderOfWord(h))
			}
		}
	}
}

// roleHead is the role noun of a role phrase: its last role word before a
// preposition ("special envoy for Belarus" → envoy).
func roleHead(role string) string {
	head := ""
	for _, w := range strings.Fields(text.Fold(role)) {
		w = strings.Trim(w, ".,")
		if w == "of" || w == "for" || w == "to" || w == "at" || w == "in" {
			break
		}
		if roleHeads[w] {
			head = w
		}
	}
	return head
}

// nominals links "the envoy" to the one person of the article given that
// role, when the phrase comes after the person's first mention.
func (f *finder) nominals() {
	owners := map[string][]int{}
	for l, ch := range f.chains {
		if ch.typ != crosscheck.EntityPerson {
			continue
		}
		seen := map[string]bool{}
		for _, h := range ch.roles {
			if !seen[h] {
				seen[h] = true
				owners[h] = append(owners[h], l)
			}
		}
	}
	if len(owners) == 0 {
		return
	}
	// Where each chain is first mentioned, which units candidates cover,
	// and the role evidence: read once here, not for every "the". (The
	// nominal candidates added below have no roles and cover no unit
	// that matters here: inCand and firstAt are of the candidates before.)
	firstAt := make([]int, len(f.chains))
	for l := range firstAt {
		firstAt[l] = -1
	}
	inCand := make([]bool, len(f.units))
	var evidence []crosscheck.Span
	for ci := range f.cands {
		c := &f.cands[ci]
		if firstAt[c.local] < 0 {
			firstAt[c.local] = f.units[c.u0].start
		}
		for k := c.u0; k < c.u1; k++ {
			inCand[k] = true
		}
		for _, r := range c.roles {
			evidence = append(evidence, r.Evidence)
		}
	}
	for l, at := range firstAt {
		if at < 0 {
			firstAt[l] = 0 // a chain without candidates (none is): as a missing map entry read
		}
	}
	inRole := func(pos int) bool {
		for _, ev := range evidence {
			if pos >= ev.Start && pos < ev.End {
				return true
			}
		}
		return false
	}
	for k := 0; k+1 < len(f.units); k++ {
		if !f.units[k].word || f.units[k].key != "the" || inRole(f.units[k].start) {
			continue
		}
		// the [modifier] HEAD, not followed by "of" or a name.
		for n := 1; n <= 2 && k+n < len(f.units); n++ {
			h := f.units[k+n]
			if !h.word || h.cap || inCand[k+n] {
				break
			}
			ls := owners[h.key]
			if len(ls) != 1 {
				continue
			}
			nx := k + n + 1
			if nx < len(f.units) && (f.units[nx].key == "of" || f.units[nx].key == "for" || f.isCap(nx)) {
				break
			}
			if firstAt[ls[0]] >= f.units[k].start {
				break
			}
			ch := f.chains[ls[0]]
			f.cands = append(f.cands, cand{u0: k, u1: k + n + 1, typ: ch.typ, kind: KindNominal, local: ls[0], name: ch.name})
			break
		}
	}
}

func (f *finder) out() []Found {
	out := make([]Found, 0, len(f.cands))
	for _, c := range f.cands {
		sp := crosscheck.Span{Start: f.units[c.u0].start, End: f.units[c.u1-1].end}
		fd := Found{Span: sp, Text: f.a.Text[sp.Start:sp.End], Name: c.name, Type: c.typ, Kind: c.kind, Local: c.local, Roles: c.roles}
		if c.typ == crosscheck.EntityPerson {
			if g := c.gender; g != "?" {
				fd.Gender = g
			}
		}
		out = append(out, fd)
	}
	sortFound(out)
	return out
}
