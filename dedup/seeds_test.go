package dedup

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/boilerplate"
	"github.com/crosscheck-news/crosscheck/text"
)

const seedsDir = "../../shared/corpus/seeds"

// loadSeeds reads the seed articles: first line the title, the rest the
// body. Lines the boilerplate package recognises as wire credits and that
// close the article are moved to Boilerplate, as the pipeline's boilerplate
// pass does; so are the trailing site-chrome lines after them.
func loadSeeds(t *testing.T) []*crosscheck.Article {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("seed corpus not found at %s (it lives beside the repository in ../shared)", seedsDir)
	}
	sort.Strings(files)
	var arts []*crosscheck.Article
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		title, body, _ := strings.Cut(string(b), "\n")
		lines := strings.Split(body, "\n")
		a := &crosscheck.Article{ID: strings.TrimSuffix(filepath.Base(f), ".txt"), Title: title, Language: "en"}
		// A closing wire credit and everything after it is not body text.
		for i, l := range lines {
			if _, ok := boilerplate.WireCredit(l); ok && i > len(lines)/2 {
				for _, r := range lines[i:] {
					if strings.TrimSpace(r) != "" {
						a.Boilerplate = append(a.Boilerplate, crosscheck.Removed{Text: r, Reason: "test: wire credit and trailer"})
					}
				}
				lines = lines[:i]
				break
			}
		}
		a.Text = text.Prepare(strings.Join(lines, "\n"))
		text.Analyze(a)
		arts = append(arts, a)
	}
	return arts
}

// TestSeeds checks Find on the real seed articles on generic grounds: a pair
// is a derivation a careful reader finds when one article says it used an
// agency's copy ("With X inputs") and the other is that agency's own text (an
// "(X)" dateline) and the two tell the story in the same order; every other
// pair is independent reporting of the same event and must not be derived,
// even though they share names, numbers and quotes.
func TestSeeds(t *testing.T) {
	arts := loadSeeds(t)
	type key struct{ copy, of string }
	want := map[key]string{}
	for _, x := range arts {
		for _, cx := range Credits(x) {
			if !cx.Inputs {
				continue
			}
			for _, y := range arts {
				for _, cy := range Credits(y) {
					if y != x && !cy.Inputs && cy.Agency == cx.Agency {
						want[key{x.ID, y.ID}] = cx.Agency
					}
				}
			}
		}
	}
	if len(want) == 0 {
		t.Fatal("no article of the seeds credits another's agency: the seeds changed, or the credit reading broke")
	}
	byID := map[string]*crosscheck.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	got := Find(arts)
	for _, d := range got {
		k := key{d.Copy, d.Of}
		agency, ok := want[k]
		if !ok {
			t.Errorf("false derivation: %s", DescribeArticles(d, byID[d.Copy], byID[d.Of]))
			continue
		}
		delete(want, k)
		if d.Kind != crosscheck.DerivationRewrite {
			t.Errorf("%s of %s: kind %s, want rewrite (the copy is paraphrased)", d.Copy, d.Of, d.Kind)
		}
		if d.Credit == nil || *d.Credit != agency {
			t.Errorf("%s of %s: credit %v, want %s", d.Copy, d.Of, d.Credit, agency)
		}
		if d.Share < 0.4 {
			t.Errorf("%s of %s: share %.3f, want at least 0.4", d.Copy, d.Of, d.Share)
		}
		if len(d.Evidence) < 5 {
			t.Errorf("%s of %s: %d evidence spans, want at least 5", d.Copy, d.Of, len(d.Evidence))
		}
		checkEvidence(t, d, byID[d.Copy], byID[d.Of])
		t.Log(DescribeArticles(d, byID[d.Copy], byID[d.Of]))
	}
	for k := range want {
		t.Errorf("missed derivation: %s of %s", k.copy, k.of)
	}
}
