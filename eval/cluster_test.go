package eval

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosscheck-news/crosscheck/cluster"
)

func TestScoreClusters(t *testing.T) {
	// gold: {0,1,2} {3,4}; pred: {0,1} {2,3,4}
	gold := []string{"a", "a", "a", "b", "b"}
	pred := []string{"x", "x", "y", "y", "y"}
	s := ScoreClusters(pred, gold)
	// BCubed P: docs 0,1: 2/2; doc 2: 1/3; docs 3,4: 2/3 → (1+1+1/3+2/3+2/3)/5
	wantP := (1 + 1 + 1.0/3 + 2.0/3 + 2.0/3) / 5
	// BCubed R: docs 0,1: 2/3; doc 2: 1/3; docs 3,4: 2/2
	wantR := (2.0/3 + 2.0/3 + 1.0/3 + 1 + 1) / 5
	if math.Abs(s.BCubedP-wantP) > 1e-9 || math.Abs(s.BCubedR-wantR) > 1e-9 {
		t.Errorf("bcubed p=%v r=%v, want %v %v", s.BCubedP, s.BCubedR, wantP, wantR)
	}
	// pairs: pred {01}{23,24,34} = 4; gold {01,02,12}{34} = 4; common {01}{34} = 2
	if math.Abs(s.PairF1-0.5) > 1e-9 || s.Stories != 2 || s.Docs != 5 {
		t.Errorf("pairwise f1=%v stories=%d docs=%d", s.PairF1, s.Stories, s.Docs)
	}
	if p := ScoreClusters(gold, gold); p.BCubedF1 != 1 || p.PairF1 != 1 {
		t.Errorf("perfect clustering scored %v", p)
	}
}

func TestClusterNewsWCL50(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "newswcl50", "NewsWCL50.conll")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("NewsWCL50 not found at %s; skipping", path)
	}
	s, err := LoadNewsWCL50(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Articles) != 50 || ScoreClusters(s.Gold, s.Gold).Stories != 10 {
		t.Fatalf("loaded %d documents, %d events; want 50, 10", len(s.Articles), ScoreClusters(s.Gold, s.Gold).Stories)
	}
	opt := cluster.Defaults()
	opt.IdleWindow = 0
	// A floor far below the measured figure, to catch a broken clusterer.
	if sc := ClusterSet(s, ClusterBatch, opt); sc.BCubedF1 < 0.75 {
		t.Errorf("batch %v", sc)
	}
}
