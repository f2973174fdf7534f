package dedup

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

// randomSet returns n distinct shingle hashes, of which the first shared are
// those of a common pool.
func setsWithJaccard(r *rand.Rand, n int, j float64) (a, b []uint64) {
	// |A|=|B|=n, |A∩B|=k: J = k/(2n-k) → k = 2nJ/(1+J)
	k := int(math.Round(2 * float64(n) * j / (1 + j)))
	for i := 0; i < k; i++ {
		x := r.Uint64()
		a, b = append(a, x), append(b, x)
	}
	for i := k; i < n; i++ {
		a, b = append(a, r.Uint64()), append(b, r.Uint64())
	}
	return sortUnique(a), sortUnique(b)
}

func TestEstimateTracksJaccard(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s Sketcher
	for _, n := range []int{30, 300, 3000} {
		for _, j := range []float64{0, 0.3, 0.5, 0.8, 0.95, 1} {
			var sum float64
			const trials = 20
			for k := 0; k < trials; k++ {
				a, b := setsWithJaccard(r, n, j)
				var sa, sb Sketch
				s.Sketch(a, &sa)
				s.Sketch(b, &sb)
				sum += Estimate(&sa, &sb)
				if exact := Jaccard(a, b); math.Abs(exact-j) > 0.02 {
					t.Fatalf("test set construction: Jaccard %.3f, want %.2f", exact, j)
				}
			}
			if mean := sum / trials; math.Abs(mean-j) > 0.05 {
				t.Errorf("n=%d J=%.2f: mean estimate %.3f", n, j, mean)
			}
		}
	}
	var out Sketch
	if s.Sketch(nil, &out) {
		t.Error("Sketch of no shingles reported true")
	}
}

func TestJaccardAndOverlap(t *testing.T) {
	a := []uint64{1, 2, 3, 4}
	b := []uint64{3, 4, 5}
	if got := Overlap(a, b); got != 2 {
		t.Errorf("Overlap = %d, want 2", got)
	}
	if got := Jaccard(a, b); got != 0.4 {
		t.Errorf("Jaccard = %v, want 0.4", got)
	}
	if got := Jaccard(nil, nil); got != 0 {
		t.Errorf("Jaccard(empty) = %v, want 0", got)
	}
	if got := AppendShingles(nil, []uint64{7, 8}); len(got) != 1 {
		t.Errorf("short sequence: %d shingles, want 1", len(got))
	}
	if got := AppendShingles(nil, []uint64{1, 2, 3, 4, 5, 6}); len(got) != 3 {
		t.Errorf("6 tokens: %d shingles, want 3", len(got))
	}
}

func TestIndexCandidates(t *testing.T) {
	orig := article("orig", "", wireOriginal)
	near := article("near", "", nearCopy)
	rw := article("rw", "", rewrite)
	ind := article("ind", "", independent)
	x := &Index{}
	for _, a := range []*crosscheck.Article{orig, rw, ind} {
		if !x.Add(a) {
			t.Fatalf("Add(%s) = false", a.ID)
		}
	}
	if x.Add(article("empty", "", "")) {
		t.Error("Add of an article without words reported true")
	}
	got := x.Candidates(near)
	if len(got) != 1 || got[0] != "orig" {
		t.Errorf("Candidates(near) = %v, want [orig]", got)
	}
	if got := x.Candidates(ind); len(got) != 0 {
		t.Errorf("Candidates(ind) = %v, want none besides itself", got)
	}
}

func TestIndexGrowKeepsEverything(t *testing.T) {
	// Enough documents to force several rehashes; every document must find
	// its own earlier identical twin.
	x := &Index{MinEstimate: 0.9}
	var s Sketcher
	r := rand.New(rand.NewPCG(3, 4))
	sigs := make([]Sketch, 3000)
	for i := range sigs {
		set := make([]uint64, 50)
		for k := range set {
			set[k] = r.Uint64()
		}
		s.Sketch(set, &sigs[i])
		x.AddSketch(fmt.Sprint(i), &sigs[i])
	}
	for i := range sigs {
		ms := x.Query(&sigs[i], nil)
		if len(ms) != 1 || ms[0].Doc != i || ms[0].ID != fmt.Sprint(i) {
			t.Fatalf("query %d: %+v, want exactly itself", i, ms)
		}
	}
	if x.Len() != 3000 || x.Bytes() <= 3000*SketchSize {
		t.Errorf("Len %d Bytes %d", x.Len(), x.Bytes())
	}
}

func TestBenchIndexSmall(t *testing.T) {
	res, err := BenchIndex(BenchConfig{N: 3000, Seed: 5, Planted: 0.2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Planted80 == 0 || res.Recall80 < 0.95 || res.Precision < 0.95 {
		t.Errorf("planted≥0.8=%d recall=%.3f precision=%.3f", res.Planted80, res.Recall80, res.Precision)
	}
	if _, err := BenchIndex(BenchConfig{}, nil); err == nil {
		t.Error("BenchIndex with N=0: no error")
	}
}

func FuzzShingleAlign(f *testing.F) {
	f.Add("A man said \"hello\" today.\nHe left at 5 pm.", "A man said hello.\nHe left at 5 pm, officials said.")
	f.Add(wireOriginal, rewrite)
	f.Add("", "\n\n“")
	f.Fuzz(func(t *testing.T, x, y string) {
		a := &crosscheck.Article{ID: "a", Text: text.Prepare(x), Language: "en"}
		b := &crosscheck.Article{ID: "b", Text: text.Prepare(y), Language: "en"}
		text.Analyze(a)
		text.Analyze(b)
		var s Sketcher
		var sk Sketch
		s.Sketch(ShingleSet(a.Tokens), &sk)
		for _, d := range Find([]*crosscheck.Article{a, b}) {
			cp, of := a, b
			if d.Copy == "b" {
				cp, of = b, a
			}
			if d.Share < 0 || d.Share > 1 {
				t.Fatalf("share %v", d.Share)
			}
			for _, e := range d.Evidence {
				if e.Copy.Start < 0 || e.Copy.End > len(cp.Text) || e.Copy.Start > e.Copy.End ||
					e.Of.Start < 0 || e.Of.End > len(of.Text) || e.Of.Start > e.Of.End {
					t.Fatalf("span out of range: %+v (copy %d bytes, of %d bytes)", e, len(cp.Text), len(of.Text))
				}
			}
		}
	})
}

func BenchmarkSketchQueryAdd(b *testing.B) {
	// One distinct generated 500-token document per iteration against a
	// growing index: sketch, query and add, as the bench command does.
	c := &benchCorpus{cfg: BenchConfig{Seed: 9, Vocabulary: 50000, MinLen: 500, MaxLen: 500}}
	c.origOf = make([]int32, 4096)
	for i := range c.origOf {
		c.origOf[i] = -1
	}
	docs := make([][]uint32, len(c.origOf))
	for i := range docs {
		docs[i] = c.doc(i, nil)
	}
	x := &Index{}
	var s Sketcher
	var sk Sketch
	var th, sh []uint64
	var ms []Match
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// a different salt per round keeps every document distinct
		salt := uint32(i/len(docs)) * 0x9e3779b9
		th = th[:0]
		for _, id := range docs[i%len(docs)] {
			th = append(th, HashID(id^salt))
		}
		sh = AppendShingles(sh[:0], th)
		s.Sketch(sh, &sk)
		ms = x.Query(&sk, ms[:0])
		x.AddSketch("d", &sk)
	}
}

func BenchmarkFindStory(b *testing.B) {
	arts := []*crosscheck.Article{
		article("orig", "", wireOriginal), article("near", "", nearCopy),
		article("rw", "", rewrite), article("ind", "", independent),
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Find(arts)
	}
}
