package server

import (
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

func TestHighlight(t *testing.T) {
	text := "Žalinec: 12 dead.\nNine missing, police said."
	a := &crosscheck.Article{ID: "a1", Text: text, Paragraphs: []crosscheck.Span{{Start: 0, End: 18}, {Start: 19, End: len(text)}}}
	at := func(s string) crosscheck.Span {
		i := strings.Index(text, s)
		return crosscheck.Span{Start: i, End: i + len(s)}
	}
	marks := []mark{
		{Span: at("12 dead"), class: "m-conflict", id: "f1", title: "toll"},
		{Span: at("dead."), class: "m-quote", id: "q1", title: "quote"},                   // overlaps f1
		{Span: crosscheck.Span{Start: 1, End: 3}, class: "m-agreement", id: "f2"},         // starts inside "Ž": moved to its start
		{Span: crosscheck.Span{Start: -1, End: 4}, class: "m-bad", id: "bad1"},            // out of range
		{Span: crosscheck.Span{Start: 5, End: len(text) + 9}, class: "m-bad", id: "bad2"}, // out of range
		{Span: at("Nine missing"), class: "m-conflict", id: "f3"},
	}
	paras := highlight(a, marks)
	if len(paras) != 2 {
		t.Fatalf("%d paragraphs, want 2", len(paras))
	}
	for i, p := range paras {
		var b strings.Builder
		for _, s := range p {
			b.WriteString(s.Text)
			if strings.Contains(s.Class, "m-bad") {
				t.Errorf("an out-of-range mark was kept: %+v", s)
			}
		}
		want := a.Slice(a.Paragraphs[i])
		if b.String() != want {
			t.Errorf("paragraph %d reassembles to %q, want %q", i, b.String(), want)
		}
	}
	find := func(p []segment, s string) segment {
		for _, seg := range p {
			if seg.Text == s {
				return seg
			}
		}
		t.Fatalf("no segment %q in %+v", s, p)
		return segment{}
	}
	if s := find(paras[0], "12 "); s.Class != "m-conflict" || s.IDs != "f1" {
		t.Errorf("segment '12 ': %+v", s)
	}
	if s := find(paras[0], "dead"); s.Class != "m-conflict m-quote" || s.IDs != "f1 q1" || s.Title != "toll; quote" {
		t.Errorf("overlap segment: %+v", s)
	}
	if s := find(paras[1], "Nine missing"); s.Class != "m-conflict" {
		t.Errorf("second paragraph mark: %+v", s)
	}
	// A span end inside a multi-byte character is moved to its start, so
	// that no segment holds half a character.
	b := &crosscheck.Article{Text: "Žalinec"}
	segs := highlight(b, []mark{{Span: crosscheck.Span{Start: 1, End: 4}, class: "m-x", id: "x"}})
	for _, s := range segs[0] {
		if !strings.HasPrefix("Žalinec", s.Text) && !strings.Contains("Žalinec", s.Text) {
			t.Errorf("segment %q is not a piece of the text", s.Text)
		}
		for _, r := range s.Text {
			if r == '\uFFFD' {
				t.Errorf("segment %q splits a character", s.Text)
			}
		}
	}
	// Without paragraph spans, lines are the paragraphs.
	c := &crosscheck.Article{Text: "one\n\ntwo"}
	if got := highlight(c, nil); len(got) != 2 || got[1][0].Text != "two" {
		t.Errorf("line paragraphs: %+v", got)
	}
}

func TestLayoutProvenance(t *testing.T) {
	tm := time.Date(2026, 5, 13, 4, 50, 0, 0, time.UTC)
	arts := []*crosscheck.Article{
		{ID: "orig", Outlet: "Wire", Published: &tm},
		{ID: "copy1", Outlet: "Daily"},
		{ID: "copy2", Outlet: "A very long outlet name that goes on"},
		{ID: "solo", Outlet: "Solo"},
	}
	st := &crosscheck.Story{Derivations: []crosscheck.Derivation{
		{Copy: "copy1", Of: "orig", Kind: crosscheck.DerivationNearDuplicate, Share: 0.93},
		{Copy: "copy2", Of: "copy1", Kind: crosscheck.DerivationRewrite, Share: 0.5},
		{Copy: "ghost", Of: "orig", Kind: crosscheck.DerivationDuplicate}, // not among the articles
	}}
	g := layoutProvenance(st, arts)
	if len(g.Nodes) != 4 || len(g.Edges) != 2 {
		t.Fatalf("%d nodes, %d edges; want 4 and 2", len(g.Nodes), len(g.Edges))
	}
	x := map[string]float64{}
	class := map[string]string{}
	for _, n := range g.Nodes {
		id := strings.TrimPrefix(n.Anchor, "art-")
		x[id], class[id] = n.X, n.Class
		if n.X < 0 || n.Y < 0 || n.X+nodeW > g.Width || n.Y+nodeH > g.Height {
			t.Errorf("node %s at (%v,%v) is outside the %vx%v drawing", id, n.X, n.Y, g.Width, g.Height)
		}
		if len([]rune(n.Label)) > maxLabel {
			t.Errorf("label %q is longer than %d", n.Label, maxLabel)
		}
	}
	if !(x["orig"] < x["copy1"] && x["copy1"] < x["copy2"]) || x["solo"] != x["orig"] {
		t.Errorf("columns %v: want originals left, each copy right of what it copies", x)
	}
	if class["orig"] != "original" || class["copy1"] != "copy" || class["solo"] != "independent" {
		t.Errorf("classes %v", class)
	}
	if g.Edges[0].Label != "near-duplicate 93%" {
		t.Errorf("edge label %q", g.Edges[0].Label)
	}
	// An arrow goes from the copy (its left side) to the original (its right side).
	if e := g.Edges[0]; e.X1 != x["copy1"] || e.X2 != x["orig"]+nodeW {
		t.Errorf("edge %+v", e)
	}
}

func TestBuildStoryPageGroupsFindings(t *testing.T) {
	a1 := &crosscheck.Article{ID: "a1", Outlet: "One", Text: "At least 12 people died."}
	a2 := &crosscheck.Article{ID: "a2", Outlet: "Two", Text: "Fourteen people died."}
	ev := func(a *crosscheck.Article, s string) crosscheck.Evidence {
		i := strings.Index(a.Text, s)
		return crosscheck.EvidenceOf(a, crosscheck.Span{Start: i, End: i + len(s)})
	}
	speaker := "e1"
	st := &crosscheck.Story{ID: "s1", Articles: []string{"a1", "a2"},
		Findings: []crosscheck.Finding{
			{ID: "f1", Kind: crosscheck.FindingConflict, About: "deaths", Values: []crosscheck.FindingValue{
				{Value: "12", Articles: []string{"a1"}, Evidence: []crosscheck.Evidence{ev(a1, "12 people")}},
				{Value: "14", Articles: []string{"a2"}, Evidence: []crosscheck.Evidence{ev(a2, "Fourteen people")}},
			}},
			{ID: "f2", Kind: crosscheck.FindingAgreement, About: "event", Values: []crosscheck.FindingValue{{Value: "died", Articles: []string{"a1", "a2"}}}},
		},
		Quotes: []crosscheck.Quote{{ID: "q1", Speaker: "Mayor", SpeakerEntity: &speaker, Text: "people died", Sources: []crosscheck.Evidence{ev(a1, "people died")}}},
	}
	p := buildStoryPage(st, []*crosscheck.Article{a1, a2})
	if p.Contested != 1 || p.Groups[0].Kind != string(crosscheck.FindingConflict) || len(p.Groups[0].Findings) != 1 {
		t.Fatalf("groups %+v", p.Groups)
	}
	if v := p.Groups[0].Findings[0].Values[1]; v.Sources[0].Outlet != "Two" || v.Evidence[0].Text != "Fourteen people" {
		t.Errorf("value %+v", v)
	}
	marked := map[string]string{}
	for _, av := range p.Articles {
		for _, para := range av.Paragraphs {
			for _, s := range para {
				if s.Class != "" {
					marked[av.ID] += "[" + s.Text + "|" + s.Class + "]"
				}
			}
		}
	}
	if marked["a1"] != "[12 |m-conflict][people|m-conflict m-quote][ died|m-quote]" || marked["a2"] != "[Fourteen people|m-conflict]" {
		t.Errorf("marks %v", marked)
	}
	if len(p.Speakers) != 1 || p.Speakers[0].Entity != "e1" || p.Speakers[0].Quotes[0].Sources[0].Outlet != "One" {
		t.Errorf("speakers %+v", p.Speakers)
	}
}
