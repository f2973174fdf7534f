package dedup

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

// TestAlignBothMatchesAlign checks that scoring each sentence pair once
// for both directions (alignBoth) gives exactly the two alignments of
// align, on articles that copy, rewrite and independently report one event,
// and on the seed corpus's real articles.
func TestAlignBothMatchesAlign(t *testing.T) {
	t.Run("planted", func(t *testing.T) {
		checkAlignBoth(t, planted())
	})
	t.Run("seeds", func(t *testing.T) { checkAlignBoth(t, loadSeeds(t)) })
}

func checkAlignBoth(t *testing.T, arts []*crosscheck.Article) {
	v := NewVocab()
	preps := make([]*prepared, len(arts))
	for i, a := range arts {
		preps[i] = prepare(v, a)
	}
	aligned := 0
	for i := range preps {
		for j := i + 1; j < len(preps); j++ {
			fwd, back := alignBoth(v, preps[i], preps[j])
			if want := align(v, preps[i], preps[j]); !reflect.DeepEqual(fwd, want) {
				t.Errorf("%s→%s: alignBoth %+v, align %+v", arts[i].ID, arts[j].ID, fwd, want)
			}
			if want := align(v, preps[j], preps[i]); !reflect.DeepEqual(back, want) {
				t.Errorf("%s→%s: alignBoth %+v, align %+v", arts[j].ID, arts[i].ID, back, want)
			}
			aligned += len(fwd.Pairs) + len(back.Pairs)
		}
	}
	if aligned == 0 {
		t.Fatal("no sentence aligned anywhere: the comparison tests nothing")
	}
}

// TestLCSShared checks the subsequence over shared stems against the plain
// one on every sentence pair of the planted and seed articles.
func TestLCSShared(t *testing.T) {
	_, sents := plantedAndSeedSentences(t)
	nonzero := 0
	for i, a := range sents {
		for _, b := range sents[i+1:] {
			want := lcs(a.stems, b.stems)
			if got := lcsShared(a, b); got != want {
				t.Fatalf("lcsShared = %d, lcs = %d", got, want)
			}
			if want > 0 {
				nonzero++
			}
		}
	}
	if nonzero == 0 {
		t.Fatal("no pair shares a stem: the test checks nothing")
	}
}

// TestSimilarityAtLeastIsExact checks that stopping on the bound
// (SimilarityAtLeast, and mayReach before it) changes no decision at or
// above the floor, on every sentence pair of the planted and seed
// articles, and that it does stop early on most pairs (or it would save
// nothing). It logs how many pairs the cheap features alone rule out.
func TestSimilarityAtLeastIsExact(t *testing.T) {
	v, sents := plantedAndSeedSentences(t)
	for _, floor := range []float64{AlignThreshold, StrongAlign} {
		pairs, above, early, cheap := 0, 0, 0, 0
		for i, a := range sents {
			for _, b := range sents[i+1:] {
				pairs++
				want := v.Similarity(a, b)
				got := v.SimilarityAtLeast(a, b, floor)
				switch {
				case want >= floor && got != want:
					t.Fatalf("floor %v: SimilarityAtLeast = %v, Similarity = %v", floor, got, want)
				case want < floor && got != 0:
					t.Fatalf("floor %v: SimilarityAtLeast = %v for a pair below it (Similarity %v)", floor, got, want)
				case want >= floor:
					above++
				}
				if reach := v.mayReach(a, b, floor); reach != (want >= floor) {
					t.Fatalf("floor %v: mayReach = %v for a pair of Similarity %v", floor, reach, want)
				}
				if _, ok := v.features(a, b, &ParaphraseModel, floor); !ok {
					early++
				}
				var f [NumFeatures]float64
				v.cheapFeatures(a, b, &f)
				if below(ParaphraseModel.boundLogit(&f, charsUnknown), floor) {
					cheap++
				}
			}
		}
		t.Logf("floor %v: %d pairs, %d at or above, %d stopped early, %d of them on the cheap features", floor, pairs, above, early, cheap)
		if above == 0 || early < pairs/2 {
			t.Errorf("floor %v: %d pairs, %d above, %d stopped early: want some above and most stopped early", floor, pairs, above, early)
		}
	}
}

// planted are articles that copy, rewrite and independently report one
// event.
func planted() []*crosscheck.Article {
	return []*crosscheck.Article{
		article("wire", "Dam bursts", wireOriginal),
		article("near", "Dam bursts", nearCopy),
		article("rewrite", "Dam burst kills 14", rewrite),
		article("independent", "A mayor's night", independent),
	}
}

// plantedAndSeedSentences prepares, with one Vocab, every sentence of the
// planted articles and of the seed corpus.
func plantedAndSeedSentences(t *testing.T) (*Vocab, []*Sent) {
	arts := append(planted(), loadSeeds(t)...)
	v := NewVocab()
	var sents []*Sent
	for _, a := range arts {
		sents = append(sents, prepare(v, a).sents...)
	}
	return v, sents
}

// TestOverlap checks the branch-free merge against a count of clipped
// multiset matches kept in a map.
func TestOverlap(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for range 500 {
		a, b := make([]uint64, r.IntN(40)), make([]uint64, r.IntN(40))
		for i := range a {
			a[i] = r.Uint64N(30)
		}
		for i := range b {
			b[i] = r.Uint64N(30)
		}
		slices.Sort(a)
		slices.Sort(b)
		count := map[uint64]int{}
		for _, x := range a {
			count[x]++
		}
		want := 0
		for _, x := range b {
			if count[x] > 0 {
				count[x]--
				want++
			}
		}
		if got := Overlap(a, b); got != want {
			t.Fatalf("Overlap(%v, %v) = %d, want %d", a, b, got, want)
		}
	}
}

// TestAlignScoreMemo checks that scoring each pair of sentence contents
// once gives every sentence pair its own score: sentences with one id are
// the same to Similarity. The planted copies repeat sentences word for
// word, as wire copies do.
func TestAlignScoreMemo(t *testing.T) {
	check := func(t *testing.T, arts []*crosscheck.Article) {
		v := NewVocab()
		var sents []*Sent
		for _, a := range arts {
			sents = append(sents, prepare(v, a).sents...)
		}
		shared := 0
		for _, a := range sents {
			for _, b := range sents {
				if a != b && a.id == b.id {
					shared++
				}
				if got, want := v.alignScore(a, b), v.SimilarityAtLeast(a, b, AlignThreshold); got != want {
					t.Fatalf("alignScore %v, SimilarityAtLeast %v", got, want)
				}
			}
		}
		t.Logf("%d sentences, %d ordered pairs of distinct sentences with one content", len(sents), shared)
	}
	t.Run("planted", func(t *testing.T) {
		check(t, planted())
	})
	t.Run("seeds", func(t *testing.T) { check(t, loadSeeds(t)) })
}

// TestRewritePrefilterChangesNothing checks that Find gives the same
// derivations with and without mayRewrite's shortcut, on the planted and
// seed articles, together and in every pair.
func TestRewritePrefilterChangesNothing(t *testing.T) {
	arts := append(planted(), loadSeeds(t)...)
	sets := [][]*crosscheck.Article{arts}
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			sets = append(sets, []*crosscheck.Article{arts[i], arts[j]})
		}
	}
	defer func() { prefilterRewrites = true }()
	found := 0
	for _, set := range sets {
		prefilterRewrites = true
		got := Find(set)
		prefilterRewrites = false
		want := Find(set)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("with the prefilter:\n%+v\nwithout:\n%+v", got, want)
		}
		found += len(want)
	}
	if found == 0 {
		t.Fatal("no derivation found: the test checks nothing")
	}
}

// TestUnigramOverlapFromRuns checks the unigram features cheapFeatures
// takes from the stem runs (set and counts) against the clipped multiset
// overlap of the stems and the overlap of the sets, on random sentences.
func TestUnigramOverlapFromRuns(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	v := NewVocab()
	for range 300 {
		mk := func() *Sent {
			s := &Sent{id: int32(r.IntN(1 << 20))}
			for range 1 + r.IntN(25) {
				s.stems = append(s.stems, v.id(fmt.Sprint(r.IntN(30))))
			}
			s.set, s.cnt = runs(s.stems)
			return s
		}
		a, b := mk(), mk()
		var f [NumFeatures]float64
		v.cheapFeatures(a, b, &f)
		in := Overlap(ngrams(a.stems, 1), ngrams(b.stems, 1))
		la, lb := float64(len(a.stems)), float64(len(b.stems))
		lo, hi := minmax(float64(in)/la, float64(in)/lb)
		if f[3] != lo || f[4] != hi {
			t.Fatalf("unigram shares %v, %v; want %v, %v (overlap %d)", f[3], f[4], lo, hi, in)
		}
		in1 := overlap32(a.set, b.set)
		u0, u1 := minmax(math.Log1p(float64(len(a.set)-in1)), math.Log1p(float64(len(b.set)-in1)))
		if f[21] != u0 || f[22] != u1 {
			t.Fatalf("unmatched %v, %v; want %v, %v", f[21], f[22], u0, u1)
		}
	}
}

// TestCharBound checks that the signatures' counts (sigHits) never fall below the
// true 4-gram overlap (it is used to drop pairs), and that it is tight
// enough to drop most pairs of unrelated sentences.
func TestCharBound(t *testing.T) {
	_, sents := plantedAndSeedSentences(t)
	if len(sents) > 300 {
		sents = sents[:300]
	}
	var pairs, loose int
	for i, a := range sents {
		for _, b := range sents[i+1:] {
			a.charGrams()
			b.charGrams()
			ub := min(sigHits(a, b), sigHits(b, a))
			in := Overlap(a.sortedChars(), b.sortedChars())
			if ub < in || sigHits(a, b) < in || sigHits(b, a) < in {
				t.Fatalf("sigHits = %d below the overlap %d", ub, in)
			}
			pairs++
			if n := min(len(a.chars), len(b.chars)); n > 0 && float64(ub-in) > 0.25*float64(n) {
				loose++
			}
		}
	}
	if pairs == 0 || loose*10 > pairs {
		t.Errorf("%d of %d pairs have a bound more than a quarter of the shorter sentence above the overlap", loose, pairs)
	}
}
