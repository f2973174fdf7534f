package report

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

func sampleReport() *crosscheck.Report {
	pub := time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC)
	credit := "CPA"
	a := &crosscheck.Article{ID: "a1", Source: "wire.txt", Outlet: "Wire", Title: "Ferry sinks", Published: &pub,
		Language: "en", Text: "Forty people were rescued.\nThe captain said: “We did all we could.”",
		Paragraphs: []crosscheck.Span{{Start: 0, End: 26}, {Start: 27, End: 67}},
		Sentences:  []crosscheck.Span{{Start: 0, End: 26}, {Start: 27, End: 67}}}
	b := &crosscheck.Article{ID: "a2", Source: "paper.html", Outlet: "Paper", Title: "Ferry sank",
		Text:        "Forty-two people were rescued.",
		Boilerplate: []crosscheck.Removed{{Text: "With CPA inputs", Reason: "wire credit line"}},
		Paragraphs:  []crosscheck.Span{{Start: 0, End: 30}}, Sentences: []crosscheck.Span{{Start: 0, End: 30}}}
	return &crosscheck.Report{
		Articles: []*crosscheck.Article{a, b},
		Stories: []*crosscheck.Story{{
			ID: "s1", Title: "Ferry sinks", Articles: []string{"a1", "a2"}, Outlets: []string{"Wire", "Paper"},
			FirstSeen: &pub, LastSeen: &pub,
			Findings: []crosscheck.Finding{{ID: "f1", Kind: crosscheck.FindingConflict, About: "people rescued",
				Values: []crosscheck.FindingValue{
					{Value: "40", Articles: []string{"a1"}, Origins: 1, First: "a1", Evidence: []crosscheck.Evidence{crosscheck.EvidenceOf(a, a.Sentences[0])}},
					{Value: "42", Articles: []string{"a2"}, Origins: 1, First: "a2", Evidence: []crosscheck.Evidence{crosscheck.EvidenceOf(b, b.Sentences[0])}},
				}, Confidence: 0.9}},
			Derivations: []crosscheck.Derivation{{Copy: "a2", Of: "a1", Kind: crosscheck.DerivationRewrite, Share: 1,
				Evidence: []crosscheck.AlignedSpan{{Copy: crosscheck.Span{Start: 0, End: 30}, Of: crosscheck.Span{Start: 0, End: 26}}}, Credit: &credit}},
		}},
		Errors: []crosscheck.InputError{{Source: "bad.bin", Err: "binary file"}},
	}
}

// TestJSONContract checks the v1 field names and that empty lists are [] not null.
func TestJSONContract(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	if doc["schema"] != crosscheck.ReportSchema {
		t.Errorf("schema = %v", doc["schema"])
	}
	art := doc["articles"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "source", "outlet", "url", "title", "byline", "published", "language", "text", "boilerplate", "paragraphs", "sentences"} {
		if _, ok := art[k]; !ok {
			t.Errorf("article lacks %q", k)
		}
	}
	if _, ok := art["Tokens"]; ok {
		t.Error("tokens leak into the JSON")
	}
	if p := art["paragraphs"].([]any)[1].([]any); p[0].(float64) != 27 || p[1].(float64) != 67 {
		t.Errorf("paragraph span = %v, want [27,67]", p)
	}
	story := doc["stories"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "title", "articles", "entities", "quotes", "findings", "derivations"} {
		v, ok := story[k]
		if !ok {
			t.Errorf("story lacks %q", k)
		}
		if v == nil && k != "title" {
			t.Errorf("story %q is null, want a list", k)
		}
	}
	d := story["derivations"].([]any)[0].(map[string]any)
	if d["credit"] != "CPA" || d["kind"] != "rewrite" {
		t.Errorf("derivation = %v", d)
	}
	ev := d["evidence"].([]any)[0].(map[string]any)
	if c := ev["copy"].([]any); len(c) != 2 {
		t.Errorf("evidence copy span = %v, want [start,end]", c)
	}
	// Round trip into the domain types.
	var back crosscheck.Report
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatalf("report does not read back: %v", err)
	}
	if back.Stories[0].Findings[0].Values[1].Evidence[0].Text != "Forty-two people were rescued." {
		t.Errorf("evidence text lost in round trip: %+v", back.Stories[0].Findings[0])
	}
}

func TestViewsSayWhatMatters(t *testing.T) {
	for _, f := range []Format{FormatText, FormatMarkdown} {
		var buf bytes.Buffer
		if err := Write(&buf, sampleReport(), f); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, want := range []string{
			"Contested", "people rescued", "40", "42", "Forty-two people were rescued.",
			"Paper is a rewrite of Wire: 1 of 1 paragraphs follow Wire", "credits CPA",
			"bad.bin: binary file", "1 boilerplate line removed",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s view lacks %q:\n%s", f, want, out)
			}
		}
	}
}

func TestMarkdownEscapesArticleText(t *testing.T) {
	r := sampleReport()
	r.Stories[0].Title = "<script>alert(1)</script> *bold*"
	var buf bytes.Buffer
	if err := Write(&buf, r, FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<script>") || strings.Contains(buf.String(), " *bold*") {
		t.Errorf("markdown view passes markup through:\n%s", buf.String())
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"text": FormatText, "JSON": FormatJSON, "md": FormatMarkdown, "markdown": FormatMarkdown} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseFormat("yaml"); err == nil {
		t.Error("ParseFormat(yaml) accepted")
	}
}

// TestSchemaDocExample checks that the example in docs/report-schema.md is a
// valid report with every documented article and story field.
func TestSchemaDocExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/report-schema.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```json\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("docs/report-schema.md has no ```json example")
	}
	var r crosscheck.Report
	if err := json.Unmarshal(m[1], &r); err != nil {
		t.Fatalf("the documented example is not a valid report: %v", err)
	}
	if r.Schema != crosscheck.ReportSchema || len(r.Articles) == 0 || len(r.Stories) == 0 {
		t.Fatalf("the documented example lacks schema, articles or stories")
	}
	for _, a := range r.Articles {
		for _, s := range a.Sentences {
			if s.End > len(a.Text) || s.Start > s.End {
				t.Errorf("example article %s: sentence %v outside its text", a.ID, s)
			}
		}
	}
}

// TestQuotesGroupedBySpeaker checks that one speaker is one entry in the
// quotes section: the same words whatever their case, or the same entity
// under two names.
func TestQuotesGroupedBySpeaker(t *testing.T) {
	r := sampleReport()
	a := r.Articles[0]
	ev := []crosscheck.Evidence{crosscheck.EvidenceOf(a, a.Sentences[1])}
	captain := "e-captain"
	r.Stories[0].Quotes = []crosscheck.Quote{
		{ID: "q1", Speaker: "Analysts", Text: "the rescue was slow", Sources: ev},
		{ID: "q2", Speaker: "analysts", Text: "the port was closed too late", Sources: ev},
		{ID: "q3", Speaker: "Captain Ana Lima", SpeakerEntity: &captain, Text: "We did all we could.", Direct: true, Sources: ev},
		{ID: "q4", Speaker: "Lima", SpeakerEntity: &captain, Text: "The sea rose fast.", Direct: true, Sources: ev},
	}
	var buf bytes.Buffer
	if err := Write(&buf, r, FormatText); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, c := range []struct {
		entry string
		n     int
	}{{"• Analysts\n", 1}, {"• analysts\n", 0}, {"• Captain Ana Lima\n", 1}, {"• Lima\n", 0}} {
		if got := strings.Count(out, c.entry); got != c.n {
			t.Errorf("%q appears %d times, want %d:\n%s", c.entry, got, c.n, out)
		}
	}
}

// TestStoryLineWithoutOutlets checks the story line of a report whose
// articles name no outlet: no "from 0 outlets".
func TestStoryLineWithoutOutlets(t *testing.T) {
	rep := sampleReport()
	rep.Stories[0].Outlets = nil
	var buf bytes.Buffer
	if err := Write(&buf, rep, FormatText); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); strings.Contains(out, "0 outlets") || !strings.Contains(out, "story s1 · 2 articles · 2026") {
		t.Errorf("story line of a report without outlets:\n%s", out)
	}
}
