package eval

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/cluster"
	"github.com/crosscheck-news/crosscheck/pipeline"
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
	if sc := ClusterSet(s, ClusterBatch, opt); sc.BCubedF1 < 0.90 {
		t.Errorf("batch %v", sc)
	}
}

// The example corpus is built with stories the clusterer must find: six
// articles on a ferry capsizing and two on a tourist boat capsizing weeks
// earlier in another country (testdata/examples-expected.json, which the
// engine never reads). Both clusterers must find exactly those groups.
func TestClusterExamplesCorpus(t *testing.T) {
	root := filepath.Join("..")
	var key struct {
		Stories []struct {
			Name  string   `json:"name"`
			Files []string `json:"files"`
		} `json:"stories"`
	}
	b, err := os.ReadFile(filepath.Join(root, "testdata", "examples-expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &key); err != nil {
		t.Fatal(err)
	}
	arts, err := pipeline.Articles(context.Background(), []string{filepath.Join(root, "examples")}, pipeline.Options{}, func(src string, err error) {
		t.Errorf("reading %s: %v", src, err)
	})
	if err != nil {
		t.Fatal(err)
	}
	// An article's file as the answer key names it: the base name, and
	// "articles.jsonl:N" for line N of a JSON Lines file.
	fileOf := map[string]string{}
	for _, a := range arts {
		fileOf[a.ID] = filepath.Base(a.Source)
	}
	var want [][]string
	for _, s := range key.Stories {
		g := slices.Clone(s.Files)
		slices.Sort(g)
		want = append(want, g)
	}
	slices.SortFunc(want, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	groupsOf := func(stories []*crosscheck.Story) [][]string {
		var out [][]string
		for _, s := range stories {
			var g []string
			for _, id := range s.Articles {
				g = append(g, fileOf[id])
			}
			slices.Sort(g)
			out = append(out, g)
		}
		slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
		return out
	}
	opt := cluster.Defaults()
	if got := groupsOf(cluster.Batch(arts, opt)); !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("batch stories:\n got %v\nwant %v", got, want)
	}
	on := cluster.NewOnline(opt)
	for _, a := range arts {
		on.Add(a)
	}
	if got := groupsOf(on.Stories()); !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("online stories:\n got %v\nwant %v", got, want)
	}
}

// The seed corpus is five outlets reporting one event: one story, read
// through the same pipeline as `crosscheck analyze`.
func TestClusterSeedCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "seeds")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("seed corpus not found at %s (../shared missing); skipping", dir)
	}
	arts, err := pipeline.Articles(context.Background(), []string{dir}, pipeline.Options{}, func(src string, err error) {
		t.Errorf("reading %s: %v", src, err)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 2 {
		t.Fatalf("read %d seed articles", len(arts))
	}
	if got := cluster.Batch(arts, cluster.Defaults()); len(got) != 1 {
		t.Errorf("batch: %d stories, want 1", len(got))
	}
	on := cluster.NewOnline(cluster.Defaults())
	for _, a := range arts {
		on.Add(a)
	}
	if got := on.Stories(); len(got) != 1 {
		t.Errorf("online: %d stories, want 1", len(got))
	}
}

func TestClusterEvalSets(t *testing.T) {
	var sb strings.Builder
	if err := ClusterEval(&sb, ClusterEvalConfig{DataDir: "nowhere", Sets: []string{"ecb"}}); err == nil || !strings.Contains(err.Error(), `"ecb"`) {
		t.Errorf("unknown set: err = %v, want one naming it", err)
	}
	dir := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(dir, "newswcl50", "NewsWCL50.conll")); err != nil {
		t.Skipf("NewsWCL50 not found under %s; skipping", dir)
	}
	opt := cluster.Defaults()
	opt.IdleWindow = 0
	sb.Reset()
	if err := ClusterEval(&sb, ClusterEvalConfig{DataDir: dir, Options: opt, Online: true, Sets: []string{"newswcl50"}}); err != nil {
		t.Fatal(err)
	}
	if out := sb.String(); !strings.HasPrefix(out, "newswcl50:") || strings.Contains(out, "ecbplus") {
		t.Errorf("output with Sets=[newswcl50]:\n%s", out)
	}
}
