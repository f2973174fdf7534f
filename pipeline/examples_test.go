package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

// expected is the part of the example corpus's answer key this test reads.
type expected struct {
	Articles []struct {
		File      string  `json:"file"`
		Outlet    string  `json:"outlet"`
		Title     string  `json:"title"`
		Published *string `json:"published"`
	} `json:"articles"`
	Stories []struct {
		Name  string   `json:"name"`
		Files []string `json:"files"`
	} `json:"stories"`
	Derivations []struct {
		Copy   string `json:"copy"`
		Of     string `json:"of"`
		Kind   string `json:"kind"`
		Credit string `json:"credit"`
	} `json:"derivations"`
	Boilerplate []struct {
		File string `json:"file"`
		Text string `json:"text"`
	} `json:"boilerplate"`
}

// analyzeExamples runs the whole pipeline on examples/ and returns the
// report, the answer key and the article of each answer-key file name.
func analyzeExamples(t *testing.T) (*crosscheck.Report, *expected, map[string]*crosscheck.Article) {
	t.Helper()
	b, err := os.ReadFile("../testdata/examples-expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want expected
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatalf("answer key: %v", err)
	}
	rep, err := Analyze(context.Background(), []string{"../examples"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range rep.Errors {
		t.Errorf("input failed: %s: %s", e.Source, e.Err)
	}
	byFile := map[string]*crosscheck.Article{}
	for _, a := range rep.Articles {
		byFile[filepath.Base(a.Source)] = a
	}
	for _, a := range want.Articles {
		if byFile[a.File] == nil {
			t.Fatalf("no article for %s (have %v)", a.File, keys(byFile))
		}
	}
	return rep, &want, byFile
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestExamplesStories(t *testing.T) {
	rep, want, byFile := analyzeExamples(t)
	if len(rep.Stories) != len(want.Stories) {
		t.Errorf("%d stories, want %d", len(rep.Stories), len(want.Stories))
	}
	storyOf := map[string]string{}
	for _, s := range rep.Stories {
		for _, id := range s.Articles {
			storyOf[id] = s.ID
		}
	}
	for _, ws := range want.Stories {
		first := storyOf[byFile[ws.Files[0]].ID]
		for _, f := range ws.Files[1:] {
			if got := storyOf[byFile[f].ID]; got != first {
				t.Errorf("story %q: %s is in story %s, %s in %s", ws.Name, ws.Files[0], first, f, got)
			}
		}
	}
	for i := range want.Stories {
		for j := i + 1; j < len(want.Stories); j++ {
			a, b := byFile[want.Stories[i].Files[0]].ID, byFile[want.Stories[j].Files[0]].ID
			if storyOf[a] == storyOf[b] {
				t.Errorf("stories %q and %q are merged", want.Stories[i].Name, want.Stories[j].Name)
			}
		}
	}
}

// TestExamplesDerivations checks provenance exactly: every planted copy is
// found with its original, kind and credit, and nothing else is derived.
func TestExamplesDerivations(t *testing.T) {
	rep, want, byFile := analyzeExamples(t)
	fileOf := map[string]string{}
	for f, a := range byFile {
		fileOf[a.ID] = f
	}
	var got []string
	for _, s := range rep.Stories {
		for _, d := range s.Derivations {
			credit := ""
			if d.Credit != nil {
				credit = *d.Credit
			}
			got = append(got, fileOf[d.Copy]+" of "+fileOf[d.Of]+" "+string(d.Kind)+" credit="+credit)
			if len(d.Evidence) == 0 {
				t.Errorf("derivation %s of %s has no evidence", fileOf[d.Copy], fileOf[d.Of])
			}
			cp, of := rep.Article(d.Copy), rep.Article(d.Of)
			for _, e := range d.Evidence {
				if cp.Slice(e.Copy) == "" || of.Slice(e.Of) == "" {
					t.Errorf("derivation %s of %s: evidence span out of range: %+v", fileOf[d.Copy], fileOf[d.Of], e)
				}
			}
		}
	}
	var wantS []string
	for _, d := range want.Derivations {
		wantS = append(wantS, d.Copy+" of "+d.Of+" "+d.Kind+" credit="+d.Credit)
	}
	sort.Strings(got)
	sort.Strings(wantS)
	if !slices.Equal(got, wantS) {
		t.Errorf("derivations:\n got %q\nwant %q", got, wantS)
	}
}

// TestExamplesBoilerplate checks that every planted boilerplate line is gone
// from the clean text and listed, with a reason, among the removed lines.
func TestExamplesBoilerplate(t *testing.T) {
	_, want, byFile := analyzeExamples(t)
	for _, w := range want.Boilerplate {
		a := byFile[w.File]
		if strings.Contains(a.Text, w.Text) {
			t.Errorf("%s: boilerplate left in the text: %q", w.File, w.Text)
		}
	}
	for f, a := range byFile {
		for _, r := range a.Boilerplate {
			if r.Reason == "" {
				t.Errorf("%s: removed line without a reason: %q", f, r.Text)
			}
		}
	}
}

// TestExamplesSpans checks the text layer of every article: paragraphs and
// sentences are in order, inside the text and start on a non-space.
func TestExamplesSpans(t *testing.T) {
	rep, _, _ := analyzeExamples(t)
	for _, a := range rep.Articles {
		for _, list := range [][]crosscheck.Span{a.Paragraphs, a.Sentences} {
			end := 0
			for _, s := range list {
				if s.Start < end || s.End > len(a.Text) || s.Start >= s.End {
					t.Fatalf("%s: bad span %v (previous end %d, text %d bytes)", a.Source, s, end, len(a.Text))
				}
				if c := a.Text[s.Start]; c == ' ' || c == '\n' {
					t.Errorf("%s: span %v starts on white space", a.Source, s)
				}
				end = s.End
			}
		}
	}
}
