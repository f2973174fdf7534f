package extract

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"golang.org/x/text/unicode/norm"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture %s: %v", name, err)
	}
	return b
}

// checkTextConvention fails unless text follows the Article.Text rules:
// valid UTF-8, NFC, one paragraph per line, no blank or padded lines.
func checkTextConvention(t testing.TB, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Fatalf("text is not valid UTF-8: %q", text)
	}
	if !norm.NFC.IsNormalString(text) {
		t.Errorf("text is not NFC: %q", text)
	}
	if strings.Contains(text, "\r") {
		t.Errorf("text has a carriage return: %q", text)
	}
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			t.Errorf("line %d is blank in %q", i+1, text)
		} else if line != strings.TrimSpace(line) {
			t.Errorf("line %d has surrounding space: %q", i+1, line)
		}
	}
}

func TestExtractHTMLCharsets(t *testing.T) {
	cases := []struct {
		name, file, contentType string
		want                    []string // substrings the text must hold
		lang                    string
	}{
		{"windows-1251 by meta charset", "cp1251_meta.html", "", []string{"Городской совет в среду утвердил", "обратиться в суд"}, "ru"},
		{"windows-1251 by http-equiv after 1 KiB", "cp1251_late_meta.html", "", []string{"Городской совет в среду утвердил"}, "ru"},
		{"latin-1 by Content-Type header", "latin1_header.html", "text/html; charset=ISO-8859-1", []string{"a adopté jeudi soir", "dépenses d'éducation", "crèche"}, "fr"},
		{"UTF-8 BOM beats a wrong meta", "utf8_bom.html", "", []string{"a adopté jeudi soir", "crèche"}, "fr"},
	}
	ex := New(Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := ex.Extract(crosscheck.Document{Source: c.file, Kind: crosscheck.KindHTML, ContentType: c.contentType, Body: readFixture(t, c.file)})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			checkTextConvention(t, a.Text)
			for _, w := range c.want {
				if !strings.Contains(a.Text, w) {
					t.Errorf("text lacks %q:\n%s", w, a.Text)
				}
			}
			if strings.ContainsRune(a.Text, utf8.RuneError) {
				t.Errorf("text has replacement characters: %q", a.Text)
			}
			if a.Language != c.lang {
				t.Errorf("Language = %q, want %q", a.Language, c.lang)
			}
		})
	}
}

func TestExtractHTMLMetadata(t *testing.T) {
	ex := New(Options{})
	a, err := ex.Extract(crosscheck.Document{Source: "metadata.html", Kind: crosscheck.KindHTML, Body: readFixture(t, "metadata.html")})
	if err != nil {
		t.Fatal(err)
	}
	checkTextConvention(t, a.Text)
	checks := []struct{ field, got, want string }{
		{"Source", a.Source, "metadata.html"},
		{"Title", a.Title, "Water board approves Millbrook reservoir expansion"},
		{"Byline", a.Byline, "Jane Marlow"},
		{"SiteName", a.SiteName, "Valley Courier"},
		{"Outlet", a.Outlet, "Valley Courier"},
		{"Canonical", a.Canonical, "https://www.valleycourier.example/news/2024/03/12/millbrook-reservoir"},
		{"URL", a.URL, "https://www.valleycourier.example/news/2024/03/12/millbrook-reservoir"},
		{"Language", a.Language, "en"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if a.Published == nil || a.Published.Format("2006-01-02") != "2024-03-12" {
		t.Errorf("Published = %v, want 2024-03-12", a.Published)
	}
	lines := strings.Split(a.Text, "\n")
	if lines[0] == a.Title {
		t.Errorf("the title is repeated as the first line of Text")
	}
	for _, want := range []string{
		"The regional water board voted on Tuesday to expand the reservoir at Millbrook, ending a dispute that had lasted almost three years and divided the valley's farming towns.",
		"What happens next",
		"Construction tenders open in the autumn and close before the end of the year.",
		"The court challenge must be filed within two months of the decision.",
	} {
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found {
			t.Errorf("no line is exactly %q; lines:\n%s", want, a.Text)
		}
	}
	for _, junk := range []string{"Copyright 2024", "Sport"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("text keeps page furniture %q:\n%s", junk, a.Text)
		}
	}
	if a.ID != "" || a.Paragraphs != nil || a.Tokens != nil || a.Boilerplate != nil {
		t.Errorf("Extract set fields owned by later stages: %+v", a)
	}
}

func TestExtractDocumentFieldsWin(t *testing.T) {
	pub := time.Date(2024, 3, 13, 7, 0, 0, 0, time.UTC)
	ex := New(Options{})
	a, err := ex.Extract(crosscheck.Document{
		Source:    "in.html",
		URL:       "https://news.example.org/a/1",
		Outlet:    "  The  Example ",
		Published: &pub,
		Kind:      crosscheck.KindHTML,
		Body:      readFixture(t, "metadata.html"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != "https://news.example.org/a/1" {
		t.Errorf("URL = %q, want the document's", a.URL)
	}
	if a.Outlet != "The Example" {
		t.Errorf("Outlet = %q, want the document's, tidied", a.Outlet)
	}
	if a.Published == nil || !a.Published.Equal(pub) {
		t.Errorf("Published = %v, want the document's %v", a.Published, pub)
	}
	if a.Published == &pub {
		t.Errorf("Published aliases the document's time")
	}
}

func TestOutletFallsBackToHost(t *testing.T) {
	cases := []struct{ given, site, url, want string }{
		{"", "", "https://www.example.co.uk/news/1", "example.co.uk"},
		{"", "", "http://NEWS.Example.org:8080/x", "news.example.org"},
		{"", "Example Daily", "https://www.example.com/", "Example Daily"},
		{"Given", "Example Daily", "https://www.example.com/", "Given"},
		{"", "", "not a url", ""},
	}
	for _, c := range cases {
		if got := outletOf(c.given, c.site, c.url); got != c.want {
			t.Errorf("outletOf(%q, %q, %q) = %q, want %q", c.given, c.site, c.url, got, c.want)
		}
	}
}

func TestExtractHTMLMalformed(t *testing.T) {
	ex := New(Options{})
	a, err := ex.Extract(crosscheck.Document{Source: "malformed.html", Kind: crosscheck.KindHTML, Body: readFixture(t, "malformed.html")})
	if err != nil {
		t.Fatalf("malformed but text-bearing page: %v", err)
	}
	checkTextConvention(t, a.Text)
	if !strings.Contains(a.Text, "Under the plan approved by seven votes to two") {
		t.Errorf("text lost the article:\n%s", a.Text)
	}
}

func TestExtractErrors(t *testing.T) {
	cases := []struct {
		name string
		doc  crosscheck.Document
		want string // substring of the error
	}{
		{"HTML without text", crosscheck.Document{Kind: crosscheck.KindHTML, Body: readFixture(t, "no_text.html")}, "no article text found"},
		{"empty HTML", crosscheck.Document{Kind: crosscheck.KindHTML, Body: []byte(" \n\t ")}, "empty"},
		{"text with invalid UTF-8", crosscheck.Document{Kind: crosscheck.KindText, Body: readFixture(t, "invalid_utf8.txt")}, "invalid UTF-8 at byte 40"},
		{"binary with NUL", crosscheck.Document{Kind: crosscheck.KindText, Body: readFixture(t, "binary.bin")}, "binary"},
		{"control characters", crosscheck.Document{Kind: crosscheck.KindText, Body: []byte("abc\x01\x02\x03\x04def\x05\x06\x07\x08")}, "binary"},
		{"empty text", crosscheck.Document{Kind: crosscheck.KindText, Body: nil}, "empty"},
		{"whitespace-only text", crosscheck.Document{Kind: crosscheck.KindText, Body: []byte("\r\n \t\n\u00a0\n")}, "empty"},
		{"title only", crosscheck.Document{Kind: crosscheck.KindText, Title: "Headline", Body: []byte("Headline\n")}, "no article text found"},
		{"too big", crosscheck.Document{Kind: crosscheck.KindText, Body: []byte(strings.Repeat("word ", 500))}, "limit"},
		{"unknown kind", crosscheck.Document{Kind: crosscheck.DocumentKind(9), Body: []byte("x")}, "unknown document kind"},
	}
	ex := New(Options{MaxBytes: 2000})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := ex.Extract(c.doc)
			if err == nil {
				t.Fatalf("got no error and text %q, want an error with %q", a.Text, c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
		})
	}
}

func TestExtractText(t *testing.T) {
	cases := []struct {
		name      string
		title     string
		body      string
		wantTitle string
		wantText  string
	}{
		{"headline first line, CRLF, padding", "", string(mustRead(t, "article.txt")), "Water board approves reservoir expansion", ""},
		{"first line is a sentence", "", "The board met on Tuesday.\nIt voted to expand the dam.", "", "The board met on Tuesday.\nIt voted to expand the dam."},
		{"single line is text, not title", "", "Reservoir approved", "", "Reservoir approved"},
		{"question headline", "", "Will the dam hold?\nEngineers say it will.", "Will the dam hold?", "Engineers say it will."},
		{"long question is prose", "", "Did anyone on the board ask why the engineers who had studied the dam for ten years were never invited to speak?\nNo.", "", ""},
		{"document title wins, first line kept", "Board backs dam", "Reservoir approved\nThe board voted.", "Board backs dam", "Reservoir approved\nThe board voted."},
		{"document title equal to first line", "Reservoir approved", "Reservoir  approved\nThe board voted.", "Reservoir approved", "The board voted."},
		{"old Mac line ends and tabs", "", "Dam vote\rThe\tboard  voted.\r\rIt was close.", "Dam vote", "The board voted.\nIt was close."},
		{"BOM and NFD input", "", "\ufeffCafe\u0301 owners protest\nThe cafe\u0301 closed.", "Café owners protest", "The café closed."},
		{"title-case headline with a full stop", "", "Stealth Over Health: Mayor Was Headed to Clinic But Diverted to Avoid Bad Optics.\nThe mayor was taken home.", "Stealth Over Health: Mayor Was Headed to Clinic But Diverted to Avoid Bad Optics", "The mayor was taken home."},
		{"sentence with names is prose", "", "Mayor Dana Wells met the Water Board on Tuesday.\nIt voted.", "", "Mayor Dana Wells met the Water Board on Tuesday.\nIt voted."},
	}
	ex := New(Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := ex.Extract(crosscheck.Document{Source: "t.txt", Kind: crosscheck.KindText, Title: c.title, Body: []byte(c.body)})
			if err != nil {
				t.Fatal(err)
			}
			checkTextConvention(t, a.Text)
			if a.Title != c.wantTitle {
				t.Errorf("Title = %q, want %q", a.Title, c.wantTitle)
			}
			if c.wantText != "" && a.Text != c.wantText {
				t.Errorf("Text = %q, want %q", a.Text, c.wantText)
			}
		})
	}
}

func mustRead(t *testing.T, name string) []byte { return readFixture(t, name) }

func TestExtractTextArticleFixture(t *testing.T) {
	a, err := New(Options{}).Extract(crosscheck.Document{Source: "article.txt", URL: "https://www.valley.example/x", Kind: crosscheck.KindText, Body: readFixture(t, "article.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(a.Text, "\n") + 1; n != 4 {
		t.Errorf("got %d paragraphs, want 4:\n%s", n, a.Text)
	}
	if a.Outlet != "valley.example" {
		t.Errorf("Outlet = %q, want the URL host", a.Outlet)
	}
}

func TestRenderLinesBlocks(t *testing.T) {
	page := `<div><h2>Head</h2><p>One <b>bold</b>
	word.</p><ul><li>first</li><li>second<br>third</li></ul><table><tr><td>a</td><td>b</td></tr></table><pre>x  y
z</pre><script>bad()</script></div>`
	root, err := parseForTest(page)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(renderLines(root), "\n")
	want := "Head\nOne bold word.\nfirst\nsecond\nthird\na b\nx y\nz"
	if got != want {
		t.Errorf("renderLines = %q, want %q", got, want)
	}
}

func TestISO639(t *testing.T) {
	for in, want := range map[string]string{"en-GB": "en", "pt_BR": "pt", "FR": "fr", "deu": "", "": "", "x-klingon": "", "zh-Hant-TW": "zh"} {
		if got := iso639_1(in); got != want {
			t.Errorf("iso639_1(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsListing(t *testing.T) {
	article := []string{"First paragraph of the story.", "Second paragraph.", "Share", "Third paragraph."}
	listing := []string{"Item one teaser.", "Share Tweet", "Item two teaser.", "Share Tweet", "Item three teaser.", "Share Tweet"}
	if isListing(article) {
		t.Errorf("an article with one share line counted as a listing")
	}
	if !isListing(listing) {
		t.Errorf("a teaser list with a repeated share line not counted as a listing")
	}
}

func TestExtractConcurrent(t *testing.T) {
	ex := New(Options{})
	files := []string{"metadata.html", "cp1251_meta.html", "latin1_header.html", "malformed.html"}
	want := make([]string, len(files))
	for i, f := range files {
		a, err := ex.Extract(crosscheck.Document{Kind: crosscheck.KindHTML, Body: readFixture(t, f)})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a.Text
	}
	errs := make(chan string, 4*len(files))
	var wg sync.WaitGroup
	for range 4 {
		for i, f := range files {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a, err := ex.Extract(crosscheck.Document{Kind: crosscheck.KindHTML, Body: readFixture(t, f)})
				if err != nil || a.Text != want[i] {
					errs <- f
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for f := range errs {
		t.Errorf("%s: concurrent extraction differs from a single one", f)
	}
}

// TestExtractSeeds reads the project's real seed articles (plain text).
func TestExtractSeeds(t *testing.T) {
	dir := "../../shared/corpus/seeds"
	paths, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(paths) == 0 {
		t.Skipf("seed corpus not present at %s", dir)
	}
	ex := New(Options{})
	for _, p := range paths {
		a, err := ex.Extract(crosscheck.Document{Source: p, Kind: crosscheck.KindText, Body: readFixtureAbs(t, p)})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		checkTextConvention(t, a.Text)
		if strings.Count(a.Text, "\n") < 3 {
			t.Errorf("%s: %d lines; want the whole body", p, strings.Count(a.Text, "\n")+1)
		}
		if a.Title != "" && strings.HasPrefix(a.Text, a.Title+"\n") {
			t.Errorf("%s: title %q repeated as the first line", p, a.Title)
		}
	}
}

func readFixtureAbs(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
