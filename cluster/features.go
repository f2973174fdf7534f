package cluster

import (
	"math"
	"slices"
	"strings"
	"time"

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
// lang, for the languages whose Snowball stemmer ships a stop list. Other
// languages rely on document frequency alone.
func isStopWord(lang, w string) bool {
	switch baseLang(lang) {
	case "en":
		return english.IsStopWord(w)
	case "fr":
		return french.IsStopWord(w)
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

// contentWord reports whether tok is a word worth a dimension.
func contentWord(tok *crosscheck.Token, lang string) bool {
	// Two bytes: one Latin letter is noise, one Han character is a word.
	return tok.Kind == crosscheck.TokenWord && len(tok.Norm) >= 2 && !isStopWord(lang, tok.Norm)
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
	toks := a.Tokens
	starts := make(map[int]bool, len(a.SentenceTokens))
	for _, st := range a.SentenceTokens {
		// The first word of a sentence (after any opening punctuation) is
		// capitalised by grammar, not because it is a name.
		for i := st[0]; i < st[1] && i < len(toks); i++ {
			if toks[i].Kind == crosscheck.TokenWord || toks[i].Kind == crosscheck.TokenNumber {
				starts[i] = true
				break
			}
		}
	}
	if len(a.SentenceTokens) == 0 && len(toks) > 0 {
		starts[0] = true
	}
	// The lead sentences say what happened, where and to whom; later ones
	// add background that other events of the same kind share.
	leadEnd := 0
	if n := len(a.SentenceTokens); n > 0 {
		leadEnd = a.SentenceTokens[min(leadSentences, n)-1][1]
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
		if !contentWord(t, lang) {
			prevCap = -1
			continue
		}
		c.add(kindWord, t.Stem, w)
		if t.Cap && !starts[i] {
			c.add(kindEntity, t.Norm, w)
			if prevCap == i-1 {
				c.add(kindEntity, toks[i-1].Norm+" "+t.Norm, w)
			}
			prevCap = i
		} else {
			prevCap = -1
		}
	}
	if a.Title != "" && titleWeight > 0 {
		for _, t := range text.Tokenize(a.Title, lang) {
			switch {
			case t.Kind == crosscheck.TokenNumber:
				c.add(kindTitle, "#"+t.Norm, titleWeight)
			case contentWord(&t, lang):
				c.add(kindTitle, t.Stem, titleWeight)
			}
		}
	}
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
		d.n /= 2
		d.sum2 /= 4
		for h, e := range d.df {
			if e.df /= 2; e.df < 0.25 {
				delete(d.df, h)
			} else {
				e.sum /= 2
				d.df[h] = e
			}
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
