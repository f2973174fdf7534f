package pipeline

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/report"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite the example in docs/report-schema.md from the current output")

const (
	schemaDoc   = "../docs/report-schema.md"
	exampleOpen = "```json\n"
)

// TestReportSchemaExample keeps the example in docs/report-schema.md true:
// it must be the abridgement (see abridge) of what the pipeline makes of
// examples/ today. Run with -update-docs to rewrite it after a change of
// the output.
func TestReportSchemaExample(t *testing.T) {
	rep, _, _ := analyzeExamples(t)
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, abridge(rep)); err != nil {
		t.Fatal(err)
	}
	want := buf.String()
	doc, err := os.ReadFile(schemaDoc)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(doc, []byte(exampleOpen))
	if start < 0 {
		t.Fatalf("%s has no ```json block", schemaDoc)
	}
	start += len(exampleOpen)
	end := bytes.Index(doc[start:], []byte("```"))
	if end < 0 {
		t.Fatalf("%s: the ```json block is not closed", schemaDoc)
	}
	end += start
	if string(doc[start:end]) == want {
		return
	}
	if !*updateDocs {
		t.Fatalf("the example in %s is not what the pipeline prints for examples/ now; run go test ./pipeline -run TestReportSchemaExample -update-docs", schemaDoc)
	}
	out := append(append(append([]byte{}, doc[:start]...), want...), doc[end:]...)
	if err := os.WriteFile(schemaDoc, out, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote the example in %s", schemaDoc)
}

// abridge shortens a report to a readable example: the largest story, two
// of its articles cut to their first two paragraphs, and every list cut to
// its first two items (one conflict, one agreement and one single-source
// finding are kept, so that each kind shows). Evidence keeps pointing into
// the full texts.
func abridge(rep *crosscheck.Report) *crosscheck.Report {
	out := &crosscheck.Report{Schema: rep.Schema}
	if len(rep.Stories) == 0 {
		return out
	}
	st := *rep.Stories[0]
	for _, s := range rep.Stories[1:] {
		if len(s.Articles) > len(st.Articles) {
			st = *s
		}
	}
	byID := map[string]*crosscheck.Article{}
	for _, a := range rep.Articles {
		byID[a.ID] = a
	}
	for _, id := range first(st.Articles, 2) {
		if a := byID[id]; a != nil {
			out.Articles = append(out.Articles, cutArticle(a, 2))
		}
	}
	st.Entities = first(st.Entities, 3)
	for i := range st.Entities {
		e := &st.Entities[i]
		e.Variants = first(e.Variants, 3)
		e.Roles = first(e.Roles, 1)
		for j := range e.Roles {
			e.Roles[j].Evidence = first(e.Roles[j].Evidence, 2)
		}
		e.Mentions = first(e.Mentions, 2)
	}
	st.Quotes = first(st.Quotes, 2)
	for i := range st.Quotes {
		st.Quotes[i].Sources = first(st.Quotes[i].Sources, 2)
		st.Quotes[i].Variants = first(st.Quotes[i].Variants, 2)
	}
	var findings []crosscheck.Finding
	for _, kind := range []crosscheck.FindingKind{crosscheck.FindingConflict, crosscheck.FindingAgreement, crosscheck.FindingSingleSource} {
		for _, f := range st.Findings {
			if f.Kind == kind {
				f.Values = first(f.Values, 2)
				for i := range f.Values {
					f.Values[i].Evidence = first(f.Values[i].Evidence, 2)
				}
				findings = append(findings, f)
				break
			}
		}
	}
	st.Findings = findings
	st.Derivations = first(st.Derivations, 2)
	for i := range st.Derivations {
		st.Derivations[i].Evidence = first(st.Derivations[i].Evidence, 2)
	}
	st.Divergence = first(st.Divergence, 3)
	out.Stories = []*crosscheck.Story{&st}
	return out
}

// cutArticle is a copy of a with its text cut after n paragraphs and its
// lists cut to match; its source is named from the repository root.
func cutArticle(a *crosscheck.Article, n int) *crosscheck.Article {
	c := *a
	c.Source = strings.TrimPrefix(c.Source, "../")
	c.Boilerplate = first(c.Boilerplate, 2)
	if len(c.Paragraphs) > n {
		c.Paragraphs = c.Paragraphs[:n]
		end := c.Paragraphs[n-1].End
		c.Text = c.Text[:end]
		var sents []crosscheck.Span
		for _, s := range c.Sentences {
			if s.End <= end {
				sents = append(sents, s)
			}
		}
		c.Sentences = sents
	}
	return &c
}

func first[T any](s []T, n int) []T {
	if len(s) > n {
		return append([]T(nil), s[:n]...)
	}
	return append([]T(nil), s...)
}
