package extract

import (
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"golang.org/x/net/html"
)

func TestPruneUnread(t *testing.T) {
	root, err := parseForTest(`<html><head><title>T</title><style>p{}</style>
<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"Ilse Varga"}}</script></head>
<body><!-- a comment --><nav><a href="/">Home</a></nav><article><p>Kept paragraph.</p><svg><path d="M0"/></svg>
<footer>By Ilse Varga</footer></article><aside><ul><li>Most read</li></ul></aside><form><p>In a form.</p><button>Go</button></form></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	pruneUnread(root)
	var b strings.Builder
	if err := html.Render(&b, root); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, gone := range []string{"<style", "<nav", "<svg", "<aside", "Most read", "<button", "a comment"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q survived: %s", gone, got)
		}
	}
	for _, kept := range []string{"ld+json", "Kept paragraph.", "<footer>By Ilse Varga", "In a form."} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q removed: %s", kept, got)
		}
	}
}

// A sidebar's text never reaches the article, and what is read from the
// whole page (published time, JSON-LD author) still is.
func TestExtractIgnoresSidebars(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><title>Ferry service resumes on the northern route</title>
<meta property="article:published_time" content="2025-04-02T08:30:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ferry service resumes on the northern route","author":{"@type":"Person","name":"Ilse Varga"}}</script></head>
<body><nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article><h1>Ferry service resumes on the northern route</h1>
<p>The ferry between Marrow Point and the northern islands resumed service on Tuesday after a six-week suspension caused by storm damage to the pier.</p>
<p>The operator said two crossings a day would run until the summer timetable begins, and that tickets bought for cancelled sailings remain valid.</p>
<p>Residents of the islands had relied on a single chartered boat for supplies during the suspension, the regional council said.</p>
</article><aside><h2>Most read</h2><ul><li><a href="/a">Harbour fees rise again for the winter season</a></li><li><a href="/b">Council votes on the new bypass road</a></li></ul></aside></main></body></html>`
	a, err := New(Options{}).Extract(crosscheck.Document{Source: "ferry.html", Kind: crosscheck.KindHTML, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "resumed service on Tuesday") || !strings.Contains(a.Text, "regional council said") {
		t.Errorf("article text incomplete: %q", a.Text)
	}
	if strings.Contains(a.Text, "Harbour fees") || strings.Contains(a.Text, "Sport") {
		t.Errorf("sidebar or navigation in the text: %q", a.Text)
	}
	if a.Byline != "Ilse Varga" {
		t.Errorf("byline %q, want the JSON-LD author", a.Byline)
	}
	if a.Published == nil || a.Published.Format("2006-01-02T15:04") != "2025-04-02T08:30" {
		t.Errorf("published %v", a.Published)
	}
}
