package cluster

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// A feature is one dimension of an article's vector, identified by a 64-bit
// hash of its kind and its string (no dictionary to grow or shrink).
type feature struct {
	h uint64
	w float32
}

// vec is a sparse vector sorted by feature hash.
type vec []feature

// Feature kinds, hashed in front of the string so that the stem "kim", the
// name "kim" and a number cannot collide.
const (
	kindWord   = 'w' // stem of a content word (body and title)
	kindEntity = 'e' // capitalised word (or pair of them) inside a sentence
	kindTitle  = 't' // stem or number of the headline
	kindNumber = 'n' // number as written (normalised)
)

func hashFeature(kind byte, s string) uint64 {
	// FNV-1a, 64 bit.
	h := uint64(14695981039346656037)
	h ^= uint64(kind)
	h *= 1099511628211
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// isStopWord reports whether the lower-cased word w is a function word of
// lang, for the languages whose Snowball stemmer ships a stop list and for
// Arabic. Other languages rely on document frequency alone.
func isStopWord(lang, w string) bool {
	switch baseLang(lang) {
	case "ar":
		return arabicStopWords[w]
	case "en":
		return english.IsStopWord(w)
	case "fr":
		// The Snowball list lacks a few of the commonest French words.
		return french.IsStopWord(w) || frenchExtraStopWords[w]
	case "es":
		return spanish.IsStopWord(w)
	case "ru":
		return russian.IsStopWord(w)
	case "sv":
		return swedish.IsStopWord(w)
	case "no", "nb", "nn":
		return norwegian.IsStopWord(w)
	case "hu":
		return hungarian.IsStopWord(w)
	}
	return false
}

// arabicStopWords are the most frequent Arabic function words, as written
// alone and with a joined conjunction (و, ف): prepositions, conjunctions,
// pronouns, demonstratives, relatives and the auxiliaries of news prose
// (قال "said" included, the reporting verb of nearly every article).
var arabicStopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		في من إلى الى على عن مع بين حتى منذ خلال عند لدى نحو ضد دون بعد قبل حول عبر
		أن إن أنه إنه أنها إنها لأن كان كانت يكون تكون كانوا قد لقد لم لن لا ما ماذا
		هذا هذه ذلك تلك هؤلاء هناك هنا الذي التي الذين اللذين اللتين اللواتي
		هو هي هم هما نحن أنا أنت كل بعض أي أو أم ثم بل لكن إذا إذ كما حيث أيضا أيضاً
		غير سوى كذلك ضمن وفق وفقا وفقاً يوم وقال قال وقالت قالت وأضاف أضاف وأكد أكد
		وأوضح أوضح وأشار أشار وفي ومن وإلى وعلى وعن ومع وبين وبعد وقبل وقد ولم ولا وما
		وهذا وهذه وذلك وهو وهي وهم وكان وكانت وأن وإن فإن فقد فيما كل عليه عليها فيه فيها
		منه منها إليه إليها لها له لهم بها به بهم عنه عنها`) {
		arabicStopWords[w] = true
	}
}

func baseLang(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}

// counts accumulates raw term frequencies (already multiplied by the
// title/kind boosts) for one article.
type counts struct {
	tf map[uint64]rawTerm
}

func newCounts() *counts {
	return &counts{tf: map[uint64]rawTerm{}}
}

func (c *counts) reset() {
	clear(c.tf)
}

// rawTerm is one feature of an article before weighting.
type rawTerm struct {
	h    uint64
	tf   float64
	kind byte
}

// terms appends c's features to dst.
func (c *counts) terms(dst []rawTerm) []rawTerm {
	for _, t := range c.tf {
		dst = append(dst, t)
	}
	return dst
}

func (c *counts) add(kind byte, s string, n float64) {
	h := hashFeature(kind, s)
	t := c.tf[h]
	c.tf[h] = rawTerm{h, t.tf + n, kind}
}

// frenchExtraStopWords are function words missing from Snowball's French
// list ("le" and "la" are there, "les" is not).
var frenchExtraStopWords = map[string]bool{"les": true, "où": true, "cette": true, "cet": true, "dont": true}

// contentWord reports whether tok is a word worth a dimension.
func contentWord(tok *crosscheck.Token, lang string) bool {
	// Two bytes: one Latin letter is noise (Han characters, three bytes,
	// are counted by hanFeatures instead).
	if tok.Kind != crosscheck.TokenWord || len(tok.Norm) < 2 {
		return false
	}
	// An elided article or pronoun (l', d', qu', dell') is the stop word
	// without its vowel.
	w := strings.TrimSuffix(tok.Norm, "'")
	// A word that opens with an apostrophe is a suffix split off a name
	// ('s, Turkish 'da, 'nın): grammar, not content.
	return len(w) >= 2 && w[0] != '\'' && !isStopWord(lang, w) && !isHiragana(w)
}

// leadSentences is how many opening sentences count leadBoost more.
const (
	leadSentences = 3
	leadBoost     = 1.0
)

// collect fills c with the features of a: content-word stems of the body and
// (boosted) of the title, entity-ish features and numbers.
//
// Named entities proper come from package entity, which runs after
// clustering; here an "entity" is a cheap surface feature: a capitalised
// word that does not open its sentence (and the pair it forms with a
// following capitalised word), e.g. "Reid", "Tara Reid". Numbers are kept as
// written ("7.1", "2013", "1,100").
func collect(c *counts, a *crosscheck.Article, titleWeight float64) {
	lang := a.Language
	if !hasWords(a.Tokens) && a.Title != "" {
		// An article with no body (a news flash, a feed item, a one-line
		// brief) is its headline. Counted in the body space too, its words,
		// names and numbers meet the bodies of the other reports, not only
		// their headlines. It counts there as one plain sentence, without
		// the lead boost (which ranks a body's sentences, and here there is
		// nothing to rank), and a Title Case headline gives no names: its
		// capitals mark words, not names. (On ECB+ topics 1–20, whose
		// one-sentence documents load as a headline alone, this raised
		// Batch's BCubed F1 from 0.9288 to 0.9395, online's went from 0.8942
		// to 0.8931; on the held-out topics 21–45 Batch rose from 0.9002 to
		// 0.9088 and online from 0.8893 to 0.8897. Online over eight
		// presentation orders: 0.8848 to 0.8901 on 1–20, 0.8780 to 0.8803
		// on 21–45, 0.8794 to 0.8776 on all topics as one stream. With the
		// lead boost Batch scored 0.9326 on 1–20, and without names 0.9349.)
		toks := text.Tokenize(a.Title, lang)
		collectBody(c, toks, nil, lang, !titleCase(toks))
	} else {
		collectBody(c, a.Tokens, a.SentenceTokens, lang, true)
	}
	if a.Title != "" && titleWeight > 0 {
		collectTitle(c, a.Title, lang, titleWeight)
	}
}

// hasWords reports whether toks hold a word.
func hasWords(toks []crosscheck.Token) bool {
	for i := range toks {
		if toks[i].Kind == crosscheck.TokenWord {
			return true
		}
	}
	return false
}

// titleCase reports a headline written in Title Case: after its first
// word, at least three words and more than three in four of them
// capitalised (a sentence, even one full of names, has fewer).
func titleCase(toks []crosscheck.Token) bool {
	words, caps := 0, 0
	first := true
	for i := range toks {
		t := &toks[i]
		if t.Kind != crosscheck.TokenWord || !isLetters(t.Norm) {
			continue
		}
		if first {
			first = false
			continue
		}
		words++
		if t.Cap {
			caps++
		}
	}
	return words >= 3 && 4*caps > 3*words
}

// collectBody adds the features of a body's tokens, sents being the token
// ranges of its sentences (none: one sentence, no lead); names says whether
// capitalised words count as names.
func collectBody(c *counts, toks []crosscheck.Token, sents [][2]int, lang string, names bool) {
	starts := make(map[int]bool, len(sents))
	for _, st := range sents {
		// The first word of a sentence (after any opening punctuation) is
		// capitalised by grammar, not because it is a name.
		for i := st[0]; i < st[1] && i < len(toks); i++ {
			if toks[i].Kind == crosscheck.TokenWord || toks[i].Kind == crosscheck.TokenNumber {
				starts[i] = true
				break
			}
		}
	}
	if len(sents) == 0 && len(toks) > 0 {
		starts[0] = true
	}
	// The lead sentences say what happened, where and to whom; later ones
	// add background that other events of the same kind share.
	leadEnd := 0
	if n := len(sents); n > 0 {
		leadEnd = sents[min(leadSentences, n)-1][1]
	}
	prevCap := -1
	for i := range toks {
		t := &toks[i]
		w := 1.0
		if i < leadEnd {
			w += leadBoost
		}
		switch t.Kind {
		case crosscheck.TokenNumber:
			c.add(kindNumber, t.Norm, w)
			prevCap = -1
			continue
		case crosscheck.TokenWord:
		default:
			prevCap = -1
			continue
		}
		if isHanToken(t) {
			prevCap = -1
			for _, f := range hanFeatures(toks, i) {
				c.add(kindWord, f, w)
			}
			continue
		}
		if !contentWord(t, lang) {
			prevCap = -1
			continue
		}
		addWord(c, kindWord, t, lang, w)
		if t.Cap && !starts[i] && names {
			c.add(kindEntity, t.Norm, w)
			if prevCap == i-1 {
				c.add(kindEntity, toks[i-1].Norm+" "+t.Norm, w)
			}
			prevCap = i
		} else {
			prevCap = -1
		}
	}
}

// collectTitle adds the features of a headline, each weighing w: numbers,
// and content words as in the body, in the title's own feature space.
func collectTitle(c *counts, title, lang string, w float64) {
	toks := text.Tokenize(title, lang)
	for i, t := range toks {
		switch {
		case t.Kind == crosscheck.TokenNumber:
			c.add(kindTitle, "#"+t.Norm, w)
		case isHanToken(&t):
			for _, f := range hanFeatures(toks, i) {
				c.add(kindTitle, f, w)
			}
		case contentWord(&t, lang):
			addWord(c, kindTitle, &t, lang, w)
		}
	}
}

// addWord adds the stem of a content word, or for a hyphenated word the
// stems of its parts: places and compounds are written joined by one outlet
// and apart by another ("Marseille-Fos" and "Fos", "Elbe-Hochwasser" and
// "Hochwasser an der Elbe"), and the whole word would match neither. Parts
// that are not content words (one letter, digits, stop words) are left out,
// and a word with no part left ("F-16") counts whole. Counting the parts
// instead of adding them to the whole keeps a compound from weighing two or
// three times a plain word. (On ECB+ topics 1–20 this raised BCubed F1 from
// 0.8888 to 0.8942 online and from 0.9215 to 0.9288 in Batch; on the
// held-out topics 21–45 Batch stayed at 0.9002 and online fell from 0.8939
// to 0.8893. Adding the parts to the whole scored the same on 1–20 and
// lower than this on all of ECB+ in Batch.)
func addWord(c *counts, kind byte, t *crosscheck.Token, lang string, w float64) {
	if strings.Contains(t.Norm, "-") {
		added := false
		for part := range strings.SplitSeq(t.Norm, "-") {
			if len(part) < 2 || isStopWord(lang, part) || !isLetters(part) {
				continue
			}
			c.add(kind, text.Stem(part, lang), w)
			added = true
		}
		if added {
			return
		}
	}
	c.add(kind, t.Stem, w)
}

// isLetters reports whether s holds letters only.
func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) {
			return false
		}
	}
	return true
}

// isHiragana reports a word written in hiragana alone: in Japanese news
// the particles, auxiliaries and inflections between the kanji and
// katakana words (の, が, した, されている), which is what a stop list
// would hold.
func isHiragana(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Hiragana, r) && r != 'ー' {
			return false
		}
	}
	return true
}

// isHanToken reports a Han ideograph, which the text layer makes a token
// of its own (Chinese and Japanese are written without spaces).
func isHanToken(t *crosscheck.Token) bool {
	if t.Kind != crosscheck.TokenWord {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Norm)
	return unicode.Is(unicode.Han, r)
}

// hanFeatures returns the features of the Han token toks[i]: the bigram it
// opens with the next character when that is a Han token right after it,
// and the character alone when it stands between two non-Han tokens.
// Most Chinese words and Japanese kanji compounds are two characters, so
// bigrams carry the words (泰兴, 化工, 爆炸) without a dictionary, as in
// Lucene's CJK analysis; single characters are shared by every article of
// a domain (爆, 市, 大) and by function words (的, 在).
func hanFeatures(toks []crosscheck.Token, i int) []string {
	t := &toks[i]
	next := i+1 < len(toks) && toks[i+1].Start == t.End && isHanToken(&toks[i+1])
	prev := i > 0 && toks[i-1].End == t.Start && isHanToken(&toks[i-1])
	var out []string
	if !next && !prev {
		out = append(out, t.Norm)
	}
	if next {
		out = append(out, t.Norm+toks[i+1].Norm)
	}
	return out
}

// dfTable holds document frequencies, decayed so that memory follows the
// recent stream rather than everything ever seen: every halfLife articles all
// counts are halved and the ones that fall below a quarter are dropped.
//
// It also holds the (equally decayed) sum of the article vectors, for
// centring: see centre.
type dfTable struct {
	df       map[uint64]dfEntry
	n        float64
	halfLife int
	since    int
	sum2     float64 // |Σ v|² over the vectors passed to addVec
}

type dfEntry struct {
	df  float32 // (decayed) number of articles with the feature
	sum float32 // (decayed) sum of the feature's weight in their vectors
}

// idfPrior is added to the document count in the IDF numerator, so that at a
// cold start (a handful of articles) the terms two articles share are not
// driven to zero weight by the very articles that share them.
const idfPrior = 20

// centrePrior is the number of articles the mean vector is shrunk with (see
// Defaults for how it was chosen): a stream or set of n articles is centred
// on n/(n+centrePrior) of its mean, so that a handful of articles (whose
// mean is mostly themselves) is barely centred at all.
const centrePrior = 50

func (d *dfTable) idf(h uint64) float64 {
	return math.Log((d.n + idfPrior) / (float64(d.df[h].df) + 1))
}

func (d *dfTable) add(terms []rawTerm) {
	if d.df == nil {
		d.df = map[uint64]dfEntry{}
	}
	for _, t := range terms {
		e := d.df[t.h]
		e.df++
		d.df[t.h] = e
	}
	d.n++
	d.since++
	if d.halfLife > 0 && d.since >= d.halfLife {
		d.since = 0
		d.scale(0.5)
	}
}

// scale multiplies every count and sum by f (0 ≤ f < 1): the statistics
// forget that share of what they saw. Features whose count falls below a
// quarter of an article are dropped, so that memory follows the recent
// stream.
func (d *dfTable) scale(f float64) {
	d.n *= f
	d.sum2 *= f * f
	for h, e := range d.df {
		if e.df *= float32(f); e.df < 0.25 {
			delete(d.df, h)
		} else {
			e.sum *= float32(f)
			d.df[h] = e
		}
	}
}

// addVec adds v (weighed after add saw its terms, so every feature has an
// entry) to the sum of vectors.
func (d *dfTable) addVec(v vec) {
	var dotSum float64
	for _, f := range v {
		e := d.df[f.h]
		dotSum += float64(f.w) * float64(e.sum)
		e.sum += f.w
		d.df[f.h] = e
	}
	d.sum2 += 2*dotSum + dot(v, v)
}

// centre returns, for a unit vector v, the terms of its centred form
// u = (v − m)/z with m the shrunk mean of the vectors added so far: v·m,
// |m|² and 1/z. Centring removes what every article of the stream (or set)
// shares, so that a batch about one country's politics or a sports desk's
// feed does not look like one event; it is what lets one threshold serve a
// broad stream and a narrow one.
func (d *dfTable) centre(v vec) (vm, mm, iz float64) {
	k := 1 / (d.n + centrePrior)
	for _, f := range v {
		vm += float64(f.w) * float64(d.df[f.h].sum)
	}
	vm *= k
	mm = d.sum2 * k * k
	iz = 1 / math.Sqrt(math.Max(1-2*vm+mm, 1e-9))
	return vm, mm, iz
}

// weigh turns counts into a unit-length TF-IDF vector:
// boost(kind) · (1 + ln tf) · idf.
func weigh(terms []rawTerm, d *dfTable, opt *Options) vec {
	v := make(vec, 0, len(terms))
	var norm float64
	for _, t := range terms {
		h, tf := t.h, t.tf
		if tf <= 0 {
			continue
		}
		boost := 1.0
		switch t.kind {
		case kindEntity:
			boost = opt.EntityWeight
		case kindNumber:
			boost = opt.NumberWeight
		}
		w := boost * (1 + math.Log(math.Max(tf, 1))) * d.idf(h)
		if tf < 1 {
			w *= tf
		}
		if w <= 0 {
			continue
		}
		v = append(v, feature{h, float32(w)})
		norm += w * w
	}
	if norm == 0 {
		return v[:0]
	}
	inv := float32(1 / math.Sqrt(norm))
	for i := range v {
		v[i].w *= inv
	}
	slices.SortFunc(v, func(a, b feature) int {
		switch {
		case a.h < b.h:
			return -1
		case a.h > b.h:
			return 1
		}
		return 0
	})
	return v
}

// dot is the inner product of two sorted sparse vectors.
func dot(a, b vec) float64 {
	var s float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].h < b[j].h:
			i++
		case a[i].h > b[j].h:
			j++
		default:
			s += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	return s
}

func norm2(a vec) float64 {
	var s float64
	for _, f := range a {
		s += float64(f.w) * float64(f.w)
	}
	return math.Sqrt(s)
}

// addInto returns a + b (both sorted), reusing dst's storage when it can.
func addInto(dst, a, b vec) vec {
	dst = dst[:0]
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].h < b[j].h:
			dst = append(dst, a[i])
			i++
		case a[i].h > b[j].h:
			dst = append(dst, b[j])
			j++
		default:
			dst = append(dst, feature{a[i].h, a[i].w + b[j].w})
			i++
			j++
		}
	}
	dst = append(dst, a[i:]...)
	dst = append(dst, b[j:]...)
	return dst
}

// capVec keeps the max heaviest features of v (v stays sorted by hash).
func capVec(v vec, max int, scratch []float32) vec {
	if max <= 0 || len(v) <= max {
		return v
	}
	ws := scratch[:0]
	for _, f := range v {
		ws = append(ws, f.w)
	}
	slices.Sort(ws)
	cut := ws[len(ws)-max]
	out := v[:0]
	// Features equal to the cut are kept in hash order until max is reached.
	above := 0
	for _, w := range ws {
		if w > cut {
			above++
		}
	}
	ties := max - above
	for _, f := range v {
		if f.w > cut || (f.w == cut && ties > 0) {
			if f.w == cut {
				ties--
			}
			out = append(out, f)
		}
	}
	return out
}

// topFeatures returns the n heaviest features of v, heaviest first.
func topFeatures(v vec, n int, dst vec) vec {
	dst = append(dst[:0], v...)
	slices.SortFunc(dst, func(a, b feature) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		case a.h < b.h:
			return -1
		case a.h > b.h:
			return 1
		}
		return 0
	})
	if len(dst) > n {
		dst = dst[:n]
	}
	return dst
}

// timeFactor discounts a similarity by the distance between an article's (or
// cluster's) time interval and another's: 1 within Grace, then decaying
// exponentially with scale TimeScale. Unknown times give 1: when the data
// carries no dates, clustering falls back on content alone.
func timeFactor(aFirst, aLast, bFirst, bLast time.Time, opt *Options) float64 {
	if aFirst.IsZero() || bFirst.IsZero() || opt.TimeScale <= 0 {
		return 1
	}
	var gap time.Duration
	switch {
	case aLast.Before(bFirst):
		gap = bFirst.Sub(aLast)
	case bLast.Before(aFirst):
		gap = aFirst.Sub(bLast)
	}
	gap -= opt.TimeGrace
	if gap <= 0 {
		return 1
	}
	return math.Exp(-float64(gap) / float64(opt.TimeScale))
}
