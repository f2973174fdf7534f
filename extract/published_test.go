package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// expectedArticle is one entry of the example corpus's answer key.
type expectedArticle struct {
	File      string  `json:"file"`
	Format    string  `json:"format"`
	Outlet    string  `json:"outlet"`
	Title     string  `json:"title"`
	Published *string `json:"published"`
}

func readExpected(t *testing.T) []expectedArticle {
	t.Helper()
	b, err := os.ReadFile("../testdata/examples-expected.json")
	if err != nil {
		t.Skipf("answer key not found: %v", err)
	}
	var key struct {
		Articles []expectedArticle `json:"articles"`
	}
	if err := json.Unmarshal(b, &key); err != nil {
		t.Fatalf("examples-expected.json: %v", err)
	}
	return key.Articles
}

// readExample reads a file of examples/, unzipping .gz.
func readExample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../examples", name))
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// TestExamplesPublishedAndTitle checks every HTML and text file of the
// example corpus against the answer key: the publication moment with its
// time of day and zone when the page states one (not htmldate's midnight),
// and the title, for text files the headline-like first line.
func TestExamplesPublishedAndTitle(t *testing.T) {
	ex := New(Options{})
	checked := 0
	for _, want := range readExpected(t) {
		var kind crosscheck.DocumentKind
		switch {
		case strings.HasPrefix(want.Format, "html"):
			kind = crosscheck.KindHTML
		case want.Format == "text":
			kind = crosscheck.KindText
		default:
			continue // JSON Lines records carry their own fields
		}
		a, err := ex.Extract(crosscheck.Document{Source: want.File, Kind: kind, Body: readExample(t, want.File)})
		if err != nil {
			t.Errorf("%s: %v", want.File, err)
			continue
		}
		checked++
		if a.Title != want.Title {
			t.Errorf("%s: title %q, want %q", want.File, a.Title, want.Title)
		}
		if kind == crosscheck.KindText {
			// The answer key may give a local time from a byline line with
			// no zone ("2026-05-13T10:20"): that names no instant, so the
			// extractor states none.
			if a.Published != nil {
				t.Errorf("%s: published %v from a plain text without a stated instant", want.File, a.Published)
			}
			continue
		}
		if want.Published == nil {
			if a.Published != nil {
				t.Errorf("%s: published %v, want none", want.File, a.Published)
			}
			continue
		}
		if a.Published == nil {
			t.Errorf("%s: no published time, want %s", want.File, *want.Published)
			continue
		}
		if got := a.Published.Format(time.RFC3339); got != *want.Published {
			t.Errorf("%s: published %s, want %s", want.File, got, *want.Published)
		}
	}
	if checked < 5 {
		t.Errorf("checked %d example files; the answer key lists more", checked)
	}
}

func TestPublishedTimestampSources(t *testing.T) {
	cases := []struct {
		name, page, want string
	}{
		{"article:published_time", `<html><head><meta property="article:published_time" content="2024-03-12T09:30:00+01:00"></head><body><p>x</p></body></html>`, "2024-03-12T09:30:00+01:00"},
		{"itemprop datePublished", `<html><body><article><meta itemprop="datePublished" content="2024-03-12T09:30Z"><p>x</p></article></body></html>`, "2024-03-12T09:30:00Z"},
		{"JSON-LD in a graph", `<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2024-03-12T09:30:00-05:00"}]}</script></head><body></body></html>`, "2024-03-12T09:30:00-05:00"},
		{"time inside the article", `<html><body><aside><time datetime="2020-01-01T00:00:00Z">old</time></aside><article><time datetime="2024-03-12T18:05:00+03:00">12 March</time><p>x</p></article></body></html>`, "2024-03-12T18:05:00+03:00"},
		{"metadata wins over time elements", `<html><head><meta property="og:published_time" content="2024-03-12T07:00:00+00:00"></head><body><article><time datetime="2024-03-13T10:00:00Z">x</time></article></body></html>`, "2024-03-12T07:00:00Z"},
		{"a date alone is not a timestamp", `<html><head><meta property="article:published_time" content="2024-03-12"></head><body><article><time datetime="2024-03-12">x</time></article></body></html>`, ""},
		{"no zone, no instant", `<html><head><meta property="article:published_time" content="2024-03-12T09:30:00"></head><body></body></html>`, ""},
		{"time outside any article is not the article's", `<html><body><footer><time datetime="2024-03-12T09:30:00Z">x</time></footer></body></html>`, ""},
	}
	for _, c := range cases {
		root, err := parseForTest(c.page)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := publishedTimestamp(root)
		switch {
		case c.want == "" && ok:
			t.Errorf("%s: got %s, want none", c.name, got.Format(time.RFC3339))
		case c.want != "" && !ok:
			t.Errorf("%s: no timestamp, want %s", c.name, c.want)
		case c.want != "":
			want, _ := time.Parse(time.RFC3339, c.want)
			if !got.Equal(want) || got.Format(time.RFC3339) != c.want {
				t.Errorf("%s: got %s, want %s", c.name, got.Format(time.RFC3339), c.want)
			}
		}
	}
}

// TestExtractHTMLKeepsStatedTime runs the whole extractor: the page's
// stated moment survives, not htmldate's date at midnight UTC.
func TestExtractHTMLKeepsStatedTime(t *testing.T) {
	page := `<html><head><title>Council expands bus network</title>
<meta property="article:published_time" content="2024-03-12T04:50:00+03:00"></head>
<body><article><h1>Council expands bus network</h1>
<p>The city council voted on Tuesday to expand the bus network, adding three new routes that will connect the northern suburbs with the hospital district by the end of the year.</p>
<p>Officials said the plan would cost about 40 million euros and that most of the money would come from a regional transport fund set up after the floods of 2021.</p>
</article></body></html>`
	a, err := New(Options{}).Extract(crosscheck.Document{Source: "t.html", Kind: crosscheck.KindHTML, Body: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Published == nil || a.Published.Format(time.RFC3339) != "2024-03-12T04:50:00+03:00" {
		t.Errorf("Published = %v, want 2024-03-12T04:50:00+03:00", a.Published)
	}
}
