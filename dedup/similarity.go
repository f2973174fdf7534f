package dedup

import (
	"math"
	"slices"

	"github.com/crosscheck-news/crosscheck"
)

// Vocab interns the matching forms of a set of sentences and counts, for the
// IDF weights, in how many sentences each stem occurs. Sentence similarity
// (Similarity) is computed between sentences of one Vocab. A Vocab is not
// safe for concurrent use while sentences are added.
type Vocab struct {
	ids map[string]int32
	df  []int32
	n   int
	// Sentences with the same tokens get the same id (Sent.id), and the
	// alignment scores each pair of ids once (alignScore): wire copies and
	// their rewrites repeat sentences word for word, so a story of copies
	// meets the same sentence pair in every pair of articles.
	sentIDs map[string]int32
	scored  map[[2]int32]float64
	// dp and best are alignScored's tables.
	dp, best []float64
}

// NewVocab returns an empty vocabulary.
func NewVocab() *Vocab {
	return &Vocab{ids: map[string]int32{}, sentIDs: map[string]int32{}, scored: map[[2]int32]float64{}}
}

func (v *Vocab) id(s string) int32 {
	if id, ok := v.ids[s]; ok {
		return id
	}
	id := int32(len(v.df))
	v.ids[s] = id
	v.df = append(v.df, 0)
	return id
}

// Sent is one sentence prepared for comparison: its word and number tokens
// as interned stems, in order, and the sets the features need.
type Sent struct {
	stems []int32 // content stems in order
	set   []int32 // distinct stems, sorted
	nums  []int32 // distinct numbers (norm), sorted
	caps  []int32 // distinct capitalised words not opening the sentence (stem), sorted
	neg   bool    // has a negation
	cnt   []int32 // occurrences of each stem of set
	// chars are the character 4-grams of joined, the matching forms
	// between spaces, sorted; grams the stem bigrams and trigrams, sorted.
	// They are made on first use (charGrams, wordGrams): most pairs a
	// story's alignment meets are decided before their character and
	// n-gram features.
	joined []byte
	chars  []uint64
	grams  [2][]uint64
	// sig has bit h%sigBits set for every character 4-gram h: a sentence's
	// 4-grams found in another's sig bound their overlap from above at a
	// fraction of the cost of merging the two sorted lists (sigHits).
	sig        [sigBits / 64]uint64
	hasChars   bool      // chars and sig are made
	charsClean bool      // chars are sorted
	hasGrams   bool      // grams are made
	vec        []float64 // IDF weight × count per stem of set
	idfs       []float64 // IDF per stem of set
	idfT       float64   // sum of idfs
	norm       float64
	id         int32 // the same for sentences of the same tokens (see Vocab)
}

// Len is the number of word and number tokens.
func (s *Sent) Len() int { return len(s.stems) }

var negations = map[string]bool{"not": true, "no": true, "never": true, "n't": true, "nor": true, "without": true, "cannot": true}

// Sentence prepares a sentence from its tokens; when count is true its
// stems are counted towards the IDF weights.
func (v *Vocab) Sentence(toks []crosscheck.Token, count bool) *Sent {
	s := &Sent{}
	first := true
	var joined, key []byte
	for _, t := range toks {
		if t.Kind != crosscheck.TokenWord && t.Kind != crosscheck.TokenNumber {
			continue
		}
		joined = append(append(joined, ' '), t.Norm...)
		stem := t.Stem
		if stem == "" {
			stem = t.Norm
		}
		// The key holds all the sentence is made of: kind, form, stem and
		// capitalisation of each token, in order.
		key = append(key, byte(t.Kind), byte(oneIf(t.Cap)))
		key = append(append(key, t.Norm...), 0)
		key = append(append(key, stem...), 0)
		id := v.id(stem)
		s.stems = append(s.stems, id)
		if t.Kind == crosscheck.TokenNumber {
			s.nums = append(s.nums, v.id("#"+t.Norm))
		} else if t.Cap && !first {
			s.caps = append(s.caps, id)
		}
		if negations[t.Norm] {
			s.neg = true
		}
		first = false
	}
	s.joined = append(joined, ' ')
	if id, ok := v.sentIDs[string(key)]; ok {
		s.id = id
	} else {
		s.id = int32(len(v.sentIDs))
		v.sentIDs[string(key)] = s.id
	}
	s.set, s.cnt = runs(s.stems)
	s.nums = uniq32(s.nums)
	s.caps = uniq32(s.caps)
	if count {
		v.count(s)
	}
	return s
}

// count adds sentence s to the counts behind the IDF weights.
func (v *Vocab) count(s *Sent) {
	v.n++
	for _, id := range s.set {
		v.df[id]++
	}
}

// sigBits is the size of a sentence's 4-gram signature: with the hundred
// or so 4-grams of a news sentence, about one bit in ten is set, so a
// 4-gram a sentence lacks passes for one of its own one time in ten.
const sigBits = 1024

// charGrams makes the character 4-grams and their signature once.
func (s *Sent) charGrams() {
	if s.hasChars {
		return
	}
	s.hasChars = true
	if n := len(s.joined) - 3; n > 0 {
		s.chars = make([]uint64, 0, n)
	}
	for i := 0; i+4 <= len(s.joined); i++ {
		h := uint64(fnvOffset)
		for _, c := range s.joined[i : i+4] {
			h = (h ^ uint64(c)) * fnvPrime
		}
		s.chars = append(s.chars, h)
		s.sig[(h%sigBits)/64] |= 1 << (h % 64)
	}
	s.joined = nil
}

// sortedChars returns the character 4-grams, sorted.
func (s *Sent) sortedChars() []uint64 {
	s.charGrams()
	if !s.charsClean {
		slices.Sort(s.chars)
		s.charsClean = true
	}
	return s.chars
}

// wordGrams makes the stem bigrams and trigrams once.
func (s *Sent) wordGrams() {
	if !s.hasGrams {
		s.hasGrams = true
		s.grams[0], s.grams[1] = ngrams(s.stems, 2), ngrams(s.stems, 3)
	}
}

// sigHits counts the 4-grams of x whose bit is set in y's signature: an
// upper bound on Overlap(x.chars, y.chars), since each 4-gram the two share
// has its bit set in y's signature.
func sigHits(x, y *Sent) int {
	n := 0
	for _, h := range x.chars {
		n += int(y.sig[(h%sigBits)/64] >> (h % 64) & 1)
	}
	return n
}

// runs returns the distinct values of ids, sorted, and how often each
// occurs.
func runs(ids []int32) (set, cnt []int32) {
	sorted := slices.Sorted(slices.Values(ids))
	for i, id := range sorted {
		if i > 0 && id == sorted[i-1] {
			cnt[len(cnt)-1]++
			continue
		}
		set = append(set, id)
		cnt = append(cnt, 1)
	}
	return set, cnt
}

func uniq32(s []int32) []int32 {
	slices.Sort(s)
	w := 0
	for i := range s {
		if w == 0 || s[i] != s[w-1] {
			s[w] = s[i]
			w++
		}
	}
	return s[:w]
}

// IDF is the smoothed inverse sentence frequency of an interned stem.
func (v *Vocab) idf(id int32) float64 {
	return math.Log(float64(v.n+1)/float64(v.df[id]+1)) + 1
}

// weights fills s.vec (IDF weight per distinct stem, by s.set, times its
// count) and s.norm once the counts are final.
func (v *Vocab) weights(s *Sent) {
	if s.vec != nil {
		return
	}
	s.vec = make([]float64, len(s.set))
	s.idfs = make([]float64, len(s.set))
	var n float64
	for k, id := range s.set {
		w := v.idf(id)
		s.idfs[k] = w
		s.idfT += w
		s.vec[k] = float64(s.cnt[k]) * w
		n += s.vec[k] * s.vec[k]
	}
	s.norm = math.Sqrt(n)
}

// NumFeatures is the number of pair features the paraphrase model weighs.
const NumFeatures = 23

// FeatureNames names the features of Features, in order.
var FeatureNames = [NumFeatures]string{
	"tfidf_cosine", "idf_cover_min", "idf_cover_max",
	"uni_min", "uni_max", "bi_min", "bi_max", "tri_min", "tri_max",
	"lcs_min", "lcs_max", "len_diff",
	"num_mismatch", "num_shared", "cap_unmatched", "neg_mismatch", "cos_x_len",
	"char4_min", "char4_max", "unmatched_idf_min", "unmatched_idf_max", "unmatched_min", "unmatched_max",
}

// Features computes the pair features of two sentences of v.
func (v *Vocab) Features(a, b *Sent) [NumFeatures]float64 {
	f, _ := v.features(a, b, nil, 0)
	return f
}

// features computes the pair features of a and b. Given a model m, it
// stops before the bigram, trigram and subsequence features (ok false)
// when even their most favourable values cannot bring m's probability up
// to floor (see Model.bound): in a story's alignment most scored pairs are
// sentences of independent reports that share a name or two, and their
// costliest features then go uncomputed.
func (v *Vocab) features(a, b *Sent, m *Model, floor float64) (f [NumFeatures]float64, ok bool) {
	v.cheapFeatures(a, b, &f)
	return f, v.moreFeatures(a, b, &f, m, floor)
}

// moreFeatures completes f, whose cheap features are computed, as features
// does, and reports whether it got past the bound.
func (v *Vocab) moreFeatures(a, b *Sent, f *[NumFeatures]float64, m *Model, floor float64) bool {
	a.charGrams()
	b.charGrams()
	na, nb := float64(len(a.chars)), float64(len(b.chars))
	if m != nil {
		// The signatures' bounds first: they settle most pairs that the
		// cheap features could not, the shorter sentence's (fewer 4-grams
		// to look up) alone most of the time.
		short, long := a, b
		if len(b.chars) < len(a.chars) {
			short, long = b, a
		}
		ruledOut := func(ub int) bool {
			f[17], f[18] = minmax(ratio(float64(ub), na), ratio(float64(ub), nb))
			return below(m.boundLogit(f, charsAtMost), floor)
		}
		ub := sigHits(short, long)
		if ruledOut(ub) {
			return false
		}
		if other := sigHits(long, short); other < ub && ruledOut(other) {
			return false
		}
	}
	cin := float64(Overlap(a.sortedChars(), b.sortedChars()))
	f[17], f[18] = minmax(ratio(cin, na), ratio(cin, nb))
	if m != nil && below(m.boundLogit(f, charsKnown), floor) {
		return false
	}
	a.wordGrams()
	b.wordGrams()
	// Bigram and trigram overlaps, as the unigrams'.
	for n := 2; n <= 3; n++ {
		ga, gb := a.grams[n-2], b.grams[n-2]
		in := float64(Overlap(ga, gb))
		f[1+2*n], f[2+2*n] = minmax(ratio(in, float64(len(ga))), ratio(in, float64(len(gb))))
	}
	l := float64(lcsShared(a, b))
	la, lb := float64(len(a.stems)), float64(len(b.stems))
	f[9], f[10] = minmax(ratio(l, la), ratio(l, lb))
	return true
}

// cheapFeatures fills the features that take one merge of the two stem
// sets and of their unigrams, numbers and capitalised words: all but the
// character, bigram, trigram and subsequence shares.
func (v *Vocab) cheapFeatures(a, b *Sent, f *[NumFeatures]float64) {
	v.weights(a)
	v.weights(b)
	// One merge of the stem sets gives the TF-IDF cosine, the IDF-weighted
	// coverage of each side by the other, the stems shared (in1) and the
	// unigram overlap as a clipped multiset count (in).
	var dot, ca, cb, ta, tb float64
	var in, in1 int32
	// The sides advance without a branch where the stems differ (most
	// steps, and unpredictable); only a shared stem branches.
	as, bs := a.set, b.set
	i, j := 0, 0
	for i < len(as) && j < len(bs) {
		x, y := as[i], bs[j]
		if x == y {
			dot += a.vec[i] * b.vec[j]
			w := a.idfs[i]
			ca += w
			cb += w
			in1++
			in += min(a.cnt[i], b.cnt[j])
			i++
			j++
			continue
		}
		lt := 0
		if x < y {
			lt = 1
		}
		i += lt
		j += 1 - lt
	}
	ta, tb = a.idfT, b.idfT
	if a.norm > 0 && b.norm > 0 {
		f[0] = dot / (a.norm * b.norm)
	}
	f[1], f[2] = minmax(ratio(ca, ta), ratio(cb, tb))
	// Unigram overlap as shares of each side.
	la, lb := float64(len(a.stems)), float64(len(b.stems))
	f[3], f[4] = minmax(ratio(float64(in), la), ratio(float64(in), lb))
	if m := math.Max(la, lb); m > 0 {
		f[11] = math.Abs(la-lb) / m
	}
	shared := overlap32(a.nums, b.nums)
	if shared < len(a.nums) || shared < len(b.nums) {
		f[12] = 1
	}
	f[13] = float64(min(shared, 3)) / 3
	capIn := overlap32(a.caps, b.caps)
	if nc := len(a.caps) + len(b.caps); nc > 0 {
		f[14] = float64(nc-2*capIn) / float64(nc)
	}
	if a.neg != b.neg {
		f[15] = 1
	}
	f[16] = f[0] * (1 - f[11])
	f[19], f[20] = minmax(math.Log1p(ta-ca), math.Log1p(tb-cb))
	f[21], f[22] = minmax(log1pCount(len(a.set)-int(in1)), log1pCount(len(b.set)-int(in1)))
}

// log1pCounts holds math.Log1p of small counts: cheapFeatures takes two
// per pair of sentences, and most pairs go no further.
var log1pCounts = func() (t [128]float64) {
	for i := range t {
		t[i] = math.Log1p(float64(i))
	}
	return t
}()

// log1pCount is math.Log1p(float64(n)) for a count n ≥ 0.
func log1pCount(n int) float64 {
	if n < len(log1pCounts) {
		return log1pCounts[n]
	}
	return math.Log1p(float64(n))
}

// charShares says what bound knows of the character shares f[17], f[18].
type charShares int

const (
	charsUnknown charShares = iota // anything in 0 ≤ min ≤ max ≤ 1
	charsAtMost                    // at most f[17], f[18] (see sigHits)
	charsKnown                     // exactly f[17], f[18]
)

// boundLogit is the logit of the largest probability m can give a pair
// whose cheap features (see cheapFeatures) are those in f, with the
// character shares as chars says; the features not given take their most
// favourable values. Each (min, max) pair of shares lies in
// 0 ≤ min ≤ max ≤ 1, and a common subsequence is no longer than the
// unigram overlap, so its shares are at most the unigram ones. Bounds are
// compared with a floor on the logit scale (see below), which spares an
// exp for each of the many pairs a bound rules out.
func (m *Model) boundLogit(f *[NumFeatures]float64, chars charShares) float64 {
	z := m.Bias
	for i, w := range m.W {
		switch i {
		case 5, 6, 7, 8, 9, 10:
		case 17, 18:
			if chars == charsKnown {
				z += w * f[i]
			}
		default:
			z += w * f[i]
		}
	}
	switch chars {
	case charsUnknown:
		z += pairBound(m.W[17], m.W[18], 1, 1)
	case charsAtMost:
		z += pairBound(m.W[17], m.W[18], f[17], f[18])
	}
	z += pairBound(m.W[5], m.W[6], 1, 1)        // bigrams
	z += pairBound(m.W[7], m.W[8], 1, 1)        // trigrams
	z += pairBound(m.W[9], m.W[10], f[3], f[4]) // subsequence ≤ unigrams
	return z
}

// below reports whether a bound's logit z rules out reaching floor. The
// margin keeps a pair whose probability rounds to the floor on either
// scale: a bound only ever rules out.
func below(z, floor float64) bool { return z < logit(floor)-1e-9 }

// logit is the inverse of the model's sigmoid, the floors used on every
// pair precomputed.
func logit(p float64) float64 {
	switch p {
	case StrongAlign:
		return logitStrong
	case AlignThreshold:
		return logitAlign
	}
	return math.Log(p / (1 - p))
}

var (
	logitStrong = math.Log(StrongAlign / (1 - StrongAlign))
	logitAlign  = math.Log(AlignThreshold / (1 - AlignThreshold))
)

// pairBound is the largest wMin·x + wMax·y over 0 ≤ x ≤ y with x ≤ hiMin
// and y ≤ hiMax (hiMin ≤ hiMax): a linear function on that polygon peaks at
// one of its corners.
func pairBound(wMin, wMax, hiMin, hiMax float64) float64 {
	// The corners (0, 0), (0, hiMax), (hiMin, hiMin) and (hiMin, hiMax),
	// written out: this runs for every pair a story's alignment meets.
	return max(0, wMax*hiMax, (wMin+wMax)*hiMin, wMin*hiMin+wMax*hiMax)
}

func minmax(x, y float64) (float64, float64) {
	if x < y {
		return x, y
	}
	return y, x
}

func ratio(x, y float64) float64 {
	if y == 0 {
		return 0
	}
	return x / y
}

func ngrams(s []int32, n int) []uint64 {
	if len(s) < n {
		return nil
	}
	out := make([]uint64, 0, len(s)-n+1)
	for i := 0; i+n <= len(s); i++ {
		h := uint64(fnvOffset)
		for _, x := range s[i : i+n] {
			h = (h ^ uint64(uint32(x))) * fnvPrime
		}
		out = append(out, h)
	}
	slices.Sort(out)
	return out
}

func overlap32(a, b []int32) int {
	var buf [64]int32
	return len(intersect32(buf[:0], a, b))
}

// intersect32 appends to dst the values both sorted sets hold.
func intersect32(dst, a, b []int32) []int32 {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			dst = append(dst, a[i])
			i++
			j++
		}
	}
	return dst
}

// lcsShared is the length of the longest common subsequence of a's and
// b's stems. Only stems both sentences hold can be in it, so it is the LCS
// of the two sequences with the others dropped: a few stems each for most
// pairs instead of whole sentences, and lcs is quadratic.
func lcsShared(a, b *Sent) int {
	var buf [64]int32
	shared := intersect32(buf[:0], a.set, b.set)
	if len(shared) == 0 {
		return 0
	}
	keep := func(stems []int32) []int32 {
		out := make([]int32, 0, len(stems))
		for _, id := range stems {
			if _, ok := slices.BinarySearch(shared, id); ok {
				out = append(out, id)
			}
		}
		return out
	}
	return lcs(keep(a.stems), keep(b.stems))
}

// lcs is the length of the longest common subsequence of two stem sequences.
func lcs(a, b []int32) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Model is a logistic model over the pair features: P(paraphrase) =
// σ(Bias + Σ W[i]·f[i]). Threshold is the decision threshold fitted with it.
type Model struct {
	Bias      float64
	W         [NumFeatures]float64
	Threshold float64
}

// Prob is the model's probability that two sentences say the same thing.
func (m *Model) Prob(f [NumFeatures]float64) float64 {
	z := m.Bias
	for i, w := range m.W {
		z += w * f[i]
	}
	return 1 / (1 + math.Exp(-z))
}

// Similarity is the probability, under the fitted ParaphraseModel, that
// sentences a and b of v are paraphrases. It is the sentence scorer of the
// rewrite alignment and of `crosscheck eval paraphrase`.
func (v *Vocab) Similarity(a, b *Sent) float64 {
	return ParaphraseModel.Prob(v.Features(a, b))
}

// SimilarityAtLeast is Similarity when that is at least floor, and 0
// otherwise; most pairs below the floor cost only their cheaper features
// (see features).
func (v *Vocab) SimilarityAtLeast(a, b *Sent, floor float64) float64 {
	f, ok := v.features(a, b, &ParaphraseModel, floor)
	if !ok {
		return 0
	}
	if p := ParaphraseModel.Prob(f); p >= floor {
		return p
	}
	return 0
}

// alignScore is SimilarityAtLeast(a, b, AlignThreshold), computed once per
// pair of distinct sentence contents (Similarity is symmetric). The IDF
// weights must be final: every sentence of the batch prepared.
func (v *Vocab) alignScore(a, b *Sent) float64 {
	k := [2]int32{min(a.id, b.id), max(a.id, b.id)}
	if p, ok := v.scored[k]; ok {
		return p
	}
	p := v.SimilarityAtLeast(a, b, AlignThreshold)
	v.scored[k] = p
	return p
}

// mayReach reports whether the Similarity of a and b reaches floor. Most
// pairs are ruled out by their cheap features alone (see Model.bound), most
// of the rest by their character shares, before the costliest features.
func (v *Vocab) mayReach(a, b *Sent, floor float64) bool {
	if p, ok := v.scored[[2]int32{min(a.id, b.id), max(a.id, b.id)}]; ok && floor >= AlignThreshold {
		return p >= floor
	}
	var f [NumFeatures]float64
	v.cheapFeatures(a, b, &f)
	if below(ParaphraseModel.boundLogit(&f, charsUnknown), floor) {
		return false
	}
	return v.moreFeatures(a, b, &f, &ParaphraseModel, floor) && ParaphraseModel.Prob(f) >= floor
}

// Paraphrase reports whether a and b are paraphrases: Similarity at or above
// ParaphraseModel.Threshold.
func (v *Vocab) Paraphrase(a, b *Sent) bool {
	return v.Similarity(a, b) >= ParaphraseModel.Threshold
}
