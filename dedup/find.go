package dedup

import (
	"crypto/sha256"
	"math"
	"sort"

	"github.com/crosscheck-news/crosscheck"
)

// Thresholds of Find's decisions.
const (
	// NearJaccard is the shingle Jaccard similarity, or the containment
	// of the smaller set in the larger, at or above which two articles are
	// near duplicates.
	NearJaccard = 0.8
	// RewriteShare is the share of the copy's sentence bytes that must
	// align, in order, for a rewrite; RewriteSentences the number of
	// strongly aligned sentences (Alignment.Strong) that are not mostly
	// direct quotation.
	RewriteShare     = 0.3
	RewriteSentences = 3
	// allPairsUpTo is the batch size up to which Find compares every pair;
	// above it only pairs the Index or shared rare words propose.
	allPairsUpTo = 64
)

// ContentHash is the hash of an article's word and number tokens by their
// matching form: equal for texts that differ only in case, punctuation,
// quotes, dashes and white space.
func ContentHash(a *crosscheck.Article) [32]byte {
	h := sha256.New()
	for _, t := range a.Tokens {
		if t.Kind == crosscheck.TokenWord || t.Kind == crosscheck.TokenNumber {
			h.Write([]byte(t.Norm))
			h.Write([]byte{0})
		}
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// Find returns the derivations among a batch of analysed articles (the
// articles of one story, say): for each pair that is a duplicate, a near
// duplicate or a rewrite, which one is the copy, how much of it follows the
// original, the aligned spans, and the agency credited. Each article is
// reported as the copy of at most one original (the strongest), so a chain
// of copies reads as a tree. Articles must have been through text.Analyze.
func Find(arts []*crosscheck.Article) []crosscheck.Derivation {
	if len(arts) < 2 {
		return nil
	}
	b := newBatch(arts)
	var cands []candidate
	for _, pr := range candidatePairs(arts, b.preps, b.sets, b.v) {
		if c, ok := b.derive(pr[0], pr[1]); ok {
			cands = append(cands, c)
		}
	}
	// Keep, for each copy, its strongest original.
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	taken := map[int]bool{}
	var out []crosscheck.Derivation
	for _, c := range cands {
		if taken[c.copy] {
			continue
		}
		taken[c.copy] = true
		out = append(out, c.d)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Of != out[b].Of {
			return out[a].Of < out[b].Of
		}
		return out[a].Copy < out[b].Copy
	})
	return out
}

// batch is the articles Find compares, prepared once each.
type batch struct {
	arts    []*crosscheck.Article
	v       *Vocab
	preps   []*prepared
	sets    [][]uint64
	hashes  [][32]byte
	credits [][]Credit
	// text[i] is the first article with article i's text (i itself when
	// none before has it). An article that carries an earlier one's text
	// word for word (wire copy) shares its sentences, shingles and pair
	// alignments: only its metadata (credits, time, id) is its own.
	text []int
	// pairs holds the alignments of two texts, by their text indices, the
	// lower first.
	pairs map[[2]int]*alignments
}

// alignments are the alignments of two texts both ways, computed when
// first needed.
type alignments struct {
	tested, may bool // mayRewrite was called, and its answer
	aligned     bool // al and back are computed
	al, back    Alignment
}

// candidate is a derivation Find found, before it keeps each copy's
// strongest.
type candidate struct {
	d     crosscheck.Derivation
	score float64
	copy  int
}

func newBatch(arts []*crosscheck.Article) *batch {
	n := len(arts)
	b := &batch{
		arts: arts, v: NewVocab(),
		preps: make([]*prepared, n), sets: make([][]uint64, n), hashes: make([][32]byte, n), credits: make([][]Credit, n),
		text: crosscheck.SameText(arts), pairs: map[[2]int]*alignments{},
	}
	for i, a := range arts {
		if o := b.text[i]; o >= 0 {
			b.preps[i] = b.v.reuse(b.preps[o], a)
			b.sets[i], b.hashes[i] = b.sets[o], b.hashes[o]
		} else {
			b.text[i] = i
			b.preps[i] = prepare(b.v, a)
			b.sets[i] = ShingleSet(a.Tokens)
			b.hashes[i] = ContentHash(a)
		}
		b.credits[i] = Credits(a)
	}
	return b
}

// derive tests articles i and j: whether one is a duplicate, near
// duplicate or rewrite of the other, and which is the copy.
func (b *batch) derive(i, j int) (candidate, bool) {
	x, y := b.arts[i], b.arts[j]
	si, sj := b.sets[i], b.sets[j]
	if len(si) == 0 || len(sj) == 0 {
		return candidate{}, false
	}
	in := Overlap(si, sj)
	jac := float64(in) / float64(len(si)+len(sj)-in)
	contX := float64(in) / float64(len(si)) // share of x's shingles in y
	contY := float64(in) / float64(len(sj))
	var kind crosscheck.DerivationKind
	dup := b.hashes[i] == b.hashes[j]
	near := jac >= NearJaccard || math.Max(contX, contY) >= NearJaccard
	credXY := credited(x, b.credits[i], y, b.credits[j])
	credYX := credited(y, b.credits[j], x, b.credits[i])
	al, alBack := b.align(i, j, dup || near || credXY || credYX)
	shareX, shareY := al.ShareA, alBack.ShareA
	switch {
	case dup:
		kind = crosscheck.DerivationDuplicate
		shareX, shareY = 1, 1
	case near:
		kind = crosscheck.DerivationNearDuplicate
		shareX, shareY = math.Max(shareX, contX), math.Max(shareY, contY)
	case isRewrite(al, credXY) || isRewrite(alBack, credYX):
		kind = crosscheck.DerivationRewrite
	default:
		return candidate{}, false
	}
	xIsCopy, credit := direction(x, y, b.credits[i], b.credits[j], shareX, shareY, i, j)
	d := crosscheck.Derivation{Kind: kind, Credit: credit}
	c := candidate{copy: i}
	if xIsCopy {
		d.Copy, d.Of, d.Share = x.ID, y.ID, shareX
		d.Evidence = evidence(x, y, al.Pairs)
	} else {
		d.Copy, d.Of, d.Share = y.ID, x.ID, shareY
		d.Evidence = evidence(y, x, alBack.Pairs)
		c.copy = j
	}
	if kind == crosscheck.DerivationDuplicate && len(d.Evidence) == 0 {
		cp, of := x, y
		if !xIsCopy {
			cp, of = y, x
		}
		d.Evidence = []crosscheck.AlignedSpan{{Copy: crosscheck.Span{End: len(cp.Text)}, Of: crosscheck.Span{End: len(of.Text)}}}
	}
	d.Share = math.Round(d.Share*1000) / 1000
	c.d = d
	c.score = kindRank(kind) + d.Share
	return c, true
}

// align returns the alignment of article i's sentences to j's and back.
// Most pairs of a story are independent reports: unless need says the
// pair is related already, or the cheap test says a rewrite is possible,
// their alignment is not needed (it only gives a derivation's share and
// evidence) and both come back empty.
func (b *batch) align(i, j int, need bool) (Alignment, Alignment) {
	ti, tj := b.text[i], b.text[j]
	key := [2]int{min(ti, tj), max(ti, tj)}
	pa := b.pairs[key]
	if pa == nil {
		pa = &alignments{}
		b.pairs[key] = pa
	}
	// Alignments computed for another pair of the same texts are as good
	// (a pair the cheap test rules out cannot be a rewrite either way).
	need = need || !prefilterRewrites || pa.aligned
	if !need && !pa.tested {
		pa.tested, pa.may = true, mayRewrite(b.v, b.preps[key[0]], b.preps[key[1]])
	}
	if !need && !pa.may {
		return Alignment{}, Alignment{}
	}
	if !pa.aligned {
		pa.al, pa.back = alignBoth(b.v, b.preps[key[0]], b.preps[key[1]])
		pa.aligned = true
	}
	if ti > tj {
		return pa.back, pa.al
	}
	return pa.al, pa.back
}

// prefilterRewrites lets Find skip the alignment of pairs that mayRewrite
// rules out; tests turn it off to check that this changes no result.
var prefilterRewrites = true

// isRewrite decides whether an alignment of a copy to an original makes the
// copy a rewrite. Independent reports of one event align many sentences
// weakly, so without other evidence a rewrite must keep the original's
// wording in several sentences (Strong). When the copy credits the agency
// whose own text the original is (credited), a looser paraphrase counts:
// enough of the copy follows the original, in order, outside quotations.
func isRewrite(al Alignment, credited bool) bool {
	if al.ShareA < RewriteShare {
		return false
	}
	if credited {
		return al.QuoteFree >= RewriteSentences
	}
	return al.Strong >= RewriteSentences
}

func kindRank(k crosscheck.DerivationKind) float64 {
	switch k {
	case crosscheck.DerivationDuplicate:
		return 2
	case crosscheck.DerivationNearDuplicate:
		return 1
	}
	return 0
}

// candidatePairs lists the pairs (i<j) Find examines: all of them for a
// small batch; otherwise pairs the MinHash index finds similar and pairs
// sharing at least five of their twenty rarest stems.
func candidatePairs(arts []*crosscheck.Article, preps []*prepared, sets [][]uint64, v *Vocab) [][2]int {
	n := len(arts)
	var out [][2]int
	if n <= allPairsUpTo {
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				out = append(out, [2]int{i, j})
			}
		}
		return out
	}
	seen := map[[2]int]bool{}
	addPair := func(i, j int) {
		if i == j {
			return
		}
		if i > j {
			i, j = j, i
		}
		if k := [2]int{i, j}; !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	idx := &Index{}
	var sk Sketcher
	var sig Sketch
	for i := range arts {
		if !sk.Sketch(AppendShingles(nil, TokenHashes(arts[i].Tokens)), &sig) {
			continue
		}
		for _, m := range idx.Query(&sig, nil) {
			addPair(m.Doc, i)
		}
		idx.AddSketch(arts[i].ID, &sig)
	}
	// Rare stems: the twenty of each article with the fewest sentences.
	post := map[int32][]int{}
	for i, p := range preps {
		stems := make([]int32, 0, len(p.byStem))
		for id := range p.byStem {
			if v.df[id] > 1 {
				stems = append(stems, id)
			}
		}
		sort.Slice(stems, func(a, b int) bool {
			if v.df[stems[a]] != v.df[stems[b]] {
				return v.df[stems[a]] < v.df[stems[b]]
			}
			return stems[a] < stems[b]
		})
		if len(stems) > 20 {
			stems = stems[:20]
		}
		for _, id := range stems {
			post[id] = append(post[id], i)
		}
	}
	count := map[[2]int]int{}
	for _, docs := range post {
		if len(docs) > 200 {
			continue
		}
		for a := 0; a < len(docs); a++ {
			for b := a + 1; b < len(docs); b++ {
				count[[2]int{docs[a], docs[b]}]++
			}
		}
	}
	for k, c := range count {
		if c >= 5 {
			addPair(k[0], k[1])
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a][0] != out[b][0] {
			return out[a][0] < out[b][0]
		}
		return out[a][1] < out[b][1]
	})
	return out
}
