package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// BenchmarkExtractHTML extracts a news-like page: scripts, navigation,
// sidebar, comments, footer and a 25-paragraph article.
func BenchmarkExtractHTML(b *testing.B) {
	body := readFixture(b, "bench_page.html")
	ex := New(Options{})
	doc := crosscheck.Document{Source: "bench_page.html", Kind: crosscheck.KindHTML, Body: body}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ex.Extract(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtractHTMLNoFallback is the same page without the readability
// candidate, to show what the fallback costs.
func BenchmarkExtractHTMLNoFallback(b *testing.B) {
	body := readFixture(b, "bench_page.html")
	ex := New(Options{NoFallback: true})
	doc := crosscheck.Document{Source: "bench_page.html", Kind: crosscheck.KindHTML, Body: body}
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := ex.Extract(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// checkFuzzOutput holds what every successful extraction must satisfy.
func checkFuzzOutput(t *testing.T, a *crosscheck.Article) {
	if a == nil {
		t.Fatal("nil article without an error")
	}
	if a.Text == "" {
		t.Fatal("empty text without an error")
	}
	for _, f := range []string{a.Text, a.Title, a.Byline, a.SiteName, a.Outlet, a.Canonical, a.URL} {
		if !utf8.ValidString(f) {
			t.Fatalf("invalid UTF-8 in output: %q", f)
		}
	}
	for i, line := range strings.Split(a.Text, "\n") {
		if strings.TrimSpace(line) == "" {
			t.Fatalf("blank line %d in %q", i+1, a.Text)
		}
	}
	if strings.Contains(a.Text, "\r") {
		t.Fatalf("carriage return in %q", a.Text)
	}
}

func FuzzExtractHTML(f *testing.F) {
	for _, name := range []string{"metadata.html", "malformed.html", "cp1251_meta.html", "latin1_header.html", "utf8_bom.html", "no_text.html"} {
		f.Add(readFixture(f, name), "")
	}
	f.Add([]byte("<p>a<table><td>b<pre>\r\nc\x00</pre>"), "text/html; charset=utf-16")
	f.Add([]byte("\xfe\xff\x00<\x00p\x00>"), "")
	ex := New(Options{NoDateScan: true})
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		a, err := ex.Extract(crosscheck.Document{Kind: crosscheck.KindHTML, ContentType: contentType, Body: body})
		if err != nil {
			return
		}
		checkFuzzOutput(t, a)
	})
}

func FuzzExtractText(f *testing.F) {
	f.Add(readFixture(f, "article.txt"), "")
	f.Add([]byte("Title\r\n\r\nBody line.\u2028Next\u00a0line"), "Title")
	f.Add([]byte("\ufeff\t\n"), "")
	ex := New(Options{})
	f.Fuzz(func(t *testing.T, body []byte, title string) {
		a, err := ex.Extract(crosscheck.Document{Kind: crosscheck.KindText, Title: title, Body: body})
		if err != nil {
			return
		}
		checkFuzzOutput(t, a)
		if !utf8.Valid(body) {
			t.Fatalf("invalid UTF-8 body accepted: %q", body)
		}
	})
}
