package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// result is one yielded pair, flattened for comparison.
type result struct {
	doc crosscheck.Document
	err error
}

func readAll(t testing.TB, inputs []string, opt Options) []result {
	t.Helper()
	var out []result
	for doc, err := range Read(context.Background(), inputs, opt) {
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("Read yielded a %T, want *source.Error: %v", err, err)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Errorf("error is not one line: %q", err.Error())
			}
			if se.Source == "" {
				t.Errorf("error names no source: %v", err)
			}
		}
		out = append(out, result{doc, err})
	}
	return out
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const (
	sampleHTML = "<!DOCTYPE html><html><head><title>Flood</title></head><body><p>The river rose.</p></body></html>"
	sampleText = "Flood in the valley\n\nThe river rose by two metres overnight.\n"
)

func TestReadFormats(t *testing.T) {
	dir := t.TempDir()
	date := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name        string
		data        []byte
		kind        crosscheck.DocumentKind
		body        string
		contentType string
		title, url  string
		outlet      string
		published   *time.Time
	}{
		{name: "a.txt", data: []byte(sampleText), kind: crosscheck.KindText, body: sampleText, contentType: "text/plain; charset=utf-8"},
		{name: "bom.txt", data: append([]byte("\xef\xbb\xbf"), sampleText...), kind: crosscheck.KindText, body: sampleText, contentType: "text/plain; charset=utf-8"},
		{name: "a.html", data: []byte(sampleHTML), kind: crosscheck.KindHTML, body: sampleHTML},
		{name: "a.HTM", data: []byte(sampleHTML), kind: crosscheck.KindHTML, body: sampleHTML},
		{name: "b.html.gz", data: gz(t, []byte(sampleHTML)), kind: crosscheck.KindHTML, body: sampleHTML},
		{name: "b.txt.gz", data: gz(t, []byte(sampleText)), kind: crosscheck.KindText, body: sampleText, contentType: "text/plain; charset=utf-8"},
		// A windows-1251 page: bytes kept as they are for the extract stage.
		{name: "cyr.html", data: []byte("<html><meta charset=windows-1251><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></html>"), kind: crosscheck.KindHTML, body: "<html><meta charset=windows-1251><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></html>"},
		{
			name: "a.json", data: []byte(`{"url":"https://news.example/a","title":" Flood ","text":"The river rose.","published":"2024-03-05","outlet":"Example News"}`),
			kind: crosscheck.KindText, body: "The river rose.", contentType: "text/plain; charset=utf-8",
			title: "Flood", url: "https://news.example/a", outlet: "Example News", published: &date,
		},
		{
			name: "html.json", data: []byte(`{"html":"<p>The river rose.</p>","published":"2024-03-05T00:00:00Z"}`),
			kind: crosscheck.KindHTML, body: "<p>The river rose.</p>", contentType: "text/html; charset=utf-8", published: &date,
		},
		{
			name: "both.json", data: []byte(`{"html":"<p>menu</p><p>The river rose.</p>","text":"The river rose."}`),
			kind: crosscheck.KindText, body: "The river rose.", contentType: "text/plain; charset=utf-8",
		},
		{
			name: "empty-text.json", data: []byte(`{"html":"<p>The river rose.</p>","text":"  "}`),
			kind: crosscheck.KindHTML, body: "<p>The river rose.</p>", contentType: "text/html; charset=utf-8",
		},
		{
			name: "aliases.json.gz", data: gz(t, []byte(`{"link":"https://news.example/b","headline":"Flood","maintext":"The river rose.","date_publish":"Tue, 05 Mar 2024 00:00:00 +0000","source_domain":"news.example"}`)),
			kind: crosscheck.KindText, body: "The river rose.", contentType: "text/plain; charset=utf-8",
			title: "Flood", url: "https://news.example/b", outlet: "news.example", published: &date,
		},
		{
			name: "unix.json", data: []byte(`{"text":"The river rose.","published":1709596800}`),
			kind: crosscheck.KindText, body: "The river rose.", contentType: "text/plain; charset=utf-8", published: &date,
		},
		{
			name: "unixms.json", data: []byte(`{"text":"The river rose.","published":1709596800000}`),
			kind: crosscheck.KindText, body: "The river rose.", contentType: "text/plain; charset=utf-8", published: &date,
		},
		{
			name: "nulls.json", data: []byte(`{"text":"The river rose.","published":null,"title":null}`),
			kind: crosscheck.KindText, body: "The river rose.", contentType: "text/plain; charset=utf-8",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, dir, tt.name, tt.data)
			got := readAll(t, []string{path}, Options{})
			if len(got) != 1 {
				t.Fatalf("got %d results, want 1: %+v", len(got), got)
			}
			doc, err := got[0].doc, got[0].err
			if err != nil {
				t.Fatalf("Read(%s): %v", tt.name, err)
			}
			if doc.Source != path {
				t.Errorf("Source = %q, want %q", doc.Source, path)
			}
			if doc.Kind != tt.kind {
				t.Errorf("Kind = %v, want %v", doc.Kind, tt.kind)
			}
			if string(doc.Body) != tt.body {
				t.Errorf("Body = %q, want %q", doc.Body, tt.body)
			}
			if doc.ContentType != tt.contentType {
				t.Errorf("ContentType = %q, want %q", doc.ContentType, tt.contentType)
			}
			if doc.Title != tt.title || doc.URL != tt.url || doc.Outlet != tt.outlet {
				t.Errorf("Title, URL, Outlet = %q, %q, %q; want %q, %q, %q", doc.Title, doc.URL, doc.Outlet, tt.title, tt.url, tt.outlet)
			}
			switch {
			case (doc.Published == nil) != (tt.published == nil):
				t.Errorf("Published = %v, want %v", doc.Published, tt.published)
			case doc.Published != nil && !doc.Published.Equal(*tt.published):
				t.Errorf("Published = %v, want %v", doc.Published, tt.published)
			}
		})
	}
}

func TestReadJSONArray(t *testing.T) {
	path := writeFile(t, t.TempDir(), "many.json", []byte(`[
  {"title":"One","text":"First article."},
  {"title":"Two"},
  {"title":"Three","html":"<p>Third article.</p>"}
]`))
	got := readAll(t, []string{path}, Options{})
	if len(got) != 3 {
		t.Fatalf("got %d results, want 3", len(got))
	}
	if got[0].err != nil || got[0].doc.Source != path+"[0]" || got[0].doc.Title != "One" {
		t.Errorf("[0] = %+v, %v", got[0].doc, got[0].err)
	}
	if got[1].err == nil || !strings.HasPrefix(got[1].err.Error(), path+"[1]: ") || !strings.Contains(got[1].err.Error(), `"text" or "html"`) {
		t.Errorf("[1] error = %v, want one naming %s[1] and the missing text", got[1].err, path)
	}
	if got[2].err != nil || got[2].doc.Kind != crosscheck.KindHTML {
		t.Errorf("[2] = %+v, %v", got[2].doc, got[2].err)
	}
}

func TestReadJSONLOneBadLine(t *testing.T) {
	lines := strings.Join([]string{
		`{"title":"One","text":"First."}`,
		``,
		`{"title":"Two","text":"Second."`, // line 3: unterminated
		`   `,
		`{"title":"Three","text":"Third.","published":"not a date"}`, // line 5
		`["an array"]`, // line 6
		`{"title":"Four","text":"Fourth.","published":"2024-03-05 10:00:00"}`,
		"{\"title\":\"Five\",\"text\":\"Fifth \xff.\"}", // line 8: invalid UTF-8
		`{"title":"Six","text":"Sixth."}`,
	}, "\r\n")
	path := writeFile(t, t.TempDir(), "feed.jsonl", []byte(lines))
	got := readAll(t, []string{path}, Options{})
	want := []struct {
		source string
		title  string
		err    string
	}{
		{source: path + ":1", title: "One"},
		{source: path + ":3", err: "malformed JSON at column"},
		{source: path + ":5", err: `field "published": cannot read date "not a date"`},
		{source: path + ":6", err: "want a JSON article object, got an array"},
		{source: path + ":7", title: "Four"},
		{source: path + ":8", err: "invalid UTF-8 at byte 31 of the line"},
		{source: path + ":9", title: "Six"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d results, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if w.err == "" {
			if g.err != nil || g.doc.Source != w.source || g.doc.Title != w.title {
				t.Errorf("result %d = %q %q %v, want %q %q", i, g.doc.Source, g.doc.Title, g.err, w.source, w.title)
			}
			continue
		}
		if g.err == nil || !strings.HasPrefix(g.err.Error(), w.source+": ") || !strings.Contains(g.err.Error(), w.err) {
			t.Errorf("result %d error = %v, want %q naming %s", i, g.err, w.err, w.source)
		}
	}
}

func TestReadBadFiles(t *testing.T) {
	dir := t.TempDir()
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	validGz := gz(t, []byte(sampleText))
	bomb := gz(t, make([]byte, 4<<20)) // 4 MB of zeros in about 4 KB
	tests := []struct {
		name     string
		data     []byte // nil: do not create
		maxBytes int64
		want     string
	}{
		{name: "missing.txt", want: "no such file or directory"},
		{name: "news.example/story", want: "for a URL, write http://"},
		{name: "empty.txt", data: []byte{}, want: "empty file"},
		{name: "blank.html", data: []byte(" \n\t\n"), want: "empty file (only white space)"},
		{name: "image.html", data: png, want: "binary data, not text (looks like image/png)"},
		{name: "nul.txt", data: []byte("Some text\x00\x00\x00 more"), want: "binary data, not text"},
		{name: "late-nul.txt", data: append(bytes.Repeat([]byte("text "), 3000), 0), want: "NUL byte at offset 15000"},
		{name: "latin1.txt", data: []byte("Caf\xe9 society"), want: "invalid UTF-8 at byte offset 3"},
		{name: "utf16.txt", data: []byte("\xff\xfeH\x00i\x00"), want: "UTF-16 text"},
		{name: "big.txt", data: bytes.Repeat([]byte("a"), 2000), maxBytes: 1000, want: "file (2000 bytes) is over the size limit of 1000 bytes"},
		{name: "big.html.gz", data: gz(t, bytes.Repeat([]byte("<p>a</p>"), 500)), maxBytes: 1000, want: "gzip data expands past the size limit"},
		{name: "bomb.txt.gz", data: bomb, maxBytes: 1 << 20, want: "gzip data expands past the size limit of 1 MB"},
		{name: "truncated.txt.gz", data: validGz[:len(validGz)-12], want: "truncated gzip"},
		{name: "header-only.txt.gz", data: validGz[:5], want: "truncated gzip"},
		{name: "checksum.txt.gz", data: append(append([]byte{}, validGz[:len(validGz)-8]...), 1, 2, 3, 4, 5, 6, 7, 8), want: "corrupt gzip: checksum mismatch"},
		{name: "plain.txt.gz", data: []byte(sampleText), want: "corrupt gzip: named .gz but has no gzip header"},
		{name: "lead.json", data: []byte("\n\n{\"text\": x}"), want: "malformed JSON at line 3, column 10"},
		{name: "cut.json", data: []byte("{\n \"text\": \"abc\"\n\n"), want: "line 2, column 15: unexpected end of JSON input"},
		{name: "bad.json", data: []byte("{\n  \"text\": \"x\",\n  \"title\": oops\n}"), want: "malformed JSON at line 3, column 12"},
		{name: "two.json", data: []byte("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"), want: "name the file .jsonl"},
		{name: "string.json", data: []byte(`"just a string"`), want: "want a JSON article object, got a string"},
		{name: "notext.json", data: []byte(`{"title":"Headline only"}`), want: `want a non-empty "text" or "html" field`},
		{name: "typed.json", data: []byte(`{"text":"x","title":42}`), want: `field "title": want a string, got a number`},
		{name: "ambiguous.json", data: []byte(`{"text":"x","published":"03/04/2024"}`), want: "ambiguous"},
		{name: "blank.jsonl", data: []byte("\n\n  \n"), want: "empty file (only white space)"},
		{name: "binary.jsonl", data: append([]byte("{}\n"), png...), want: "binary data"},
		{name: "report.pdf", data: []byte("%PDF-1.4"), want: `unknown format ".pdf"`},
		{name: "README", data: []byte("text"), want: "no file extension"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if strings.Contains(tt.name, "/") {
				path = tt.name // relative, as a user would type it
			}
			if tt.data != nil {
				writeFile(t, dir, tt.name, tt.data)
			}
			got := readAll(t, []string{path}, Options{MaxBytes: tt.maxBytes})
			if len(got) != 1 {
				t.Fatalf("got %d results, want 1 error: %+v", len(got), got)
			}
			err := got[0].err
			if err == nil {
				t.Fatalf("Read(%s) succeeded, want error %q", tt.name, tt.want)
			}
			if !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error %q does not start with the input %q", err, path)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestReadDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.txt", []byte("Second file.\n"))
	writeFile(t, dir, "a.html", []byte(sampleHTML))
	writeFile(t, dir, "sub/c.jsonl", []byte("{\"text\":\"Line one.\"}\n{\"text\":\"Line two.\"}\n"))
	writeFile(t, dir, "sub/deeper/d.txt.gz", gz(t, []byte("Deep file.\n")))
	writeFile(t, dir, "sub/notes.md", []byte("# skipped: unknown format"))
	writeFile(t, dir, "sub/photo.jpg", []byte("\xff\xd8\xff\xe0 skipped"))
	writeFile(t, dir, ".hidden.txt", []byte("Hidden file."))
	writeFile(t, dir, ".git/e.txt", []byte("Hidden directory."))
	writeFile(t, dir, "sub/empty.txt", []byte(""))
	if err := os.Symlink(filepath.Join(dir, "b.txt"), filepath.Join(dir, "sub", "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}

	got := readAll(t, []string{dir}, Options{})
	want := []string{
		filepath.Join(dir, "a.html"),
		filepath.Join(dir, "b.txt"),
		filepath.Join(dir, "sub/c.jsonl") + ":1",
		filepath.Join(dir, "sub/c.jsonl") + ":2",
		filepath.Join(dir, "sub/deeper/d.txt.gz"),
		"ERR " + filepath.Join(dir, "sub/empty.txt") + ": empty file",
		filepath.Join(dir, "sub/link.txt"),
	}
	var have []string
	for _, r := range got {
		if r.err != nil {
			have = append(have, "ERR "+r.err.Error())
		} else {
			have = append(have, r.doc.Source)
		}
	}
	if strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Errorf("Read(dir) yielded\n%s\nwant\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadDirectoryWithoutArticles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "notes.md", []byte("# notes"))
	writeFile(t, dir, ".hidden/a.txt", []byte("hidden"))
	got := readAll(t, []string{dir}, Options{})
	if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), dir+": directory has no article files") {
		t.Fatalf("Read(empty dir) = %+v, want one error saying it has no article files", got)
	}
}

func TestReadKeepsGoingAndOrder(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.txt", []byte("First."))
	b := filepath.Join(dir, "missing.txt")
	c := writeFile(t, dir, "c.html", []byte(sampleHTML))
	got := readAll(t, []string{a, b, "ftp://news.example/x", c}, Options{})
	if len(got) != 4 {
		t.Fatalf("got %d results, want 4", len(got))
	}
	if got[0].err != nil || got[0].doc.Source != a {
		t.Errorf("first = %v, %v", got[0].doc.Source, got[0].err)
	}
	if got[1].err == nil || !strings.HasPrefix(got[1].err.Error(), b+": ") {
		t.Errorf("second error = %v, want one naming %s", got[1].err, b)
	}
	if got[2].err == nil || !strings.Contains(got[2].err.Error(), `ftp://news.example/x: unsupported URL scheme "ftp"`) {
		t.Errorf("third error = %v, want unsupported scheme", got[2].err)
	}
	if got[3].err != nil || got[3].doc.Source != c {
		t.Errorf("fourth = %v, %v", got[3].doc.Source, got[3].err)
	}
}

func TestReadStopsWhenConsumerStops(t *testing.T) {
	dir := t.TempDir()
	for i := range 5 {
		writeFile(t, dir, fmt.Sprintf("%d.txt", i), []byte("Text."))
	}
	n := 0
	for range Read(context.Background(), []string{dir, dir}, Options{}) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("consumed %d, want 2", n)
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errs []error
	for _, err := range Read(ctx, []string{"a.txt", "b.txt"}, Options{}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("Read(cancelled) = %v, want one context.Canceled", errs)
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		kind crosscheck.DocumentKind
		body string
		err  string
	}{
		{name: "html", in: []byte(sampleHTML), kind: crosscheck.KindHTML, body: sampleHTML},
		{name: "html-fragment", in: []byte("<!-- saved page -->\n<div><p>The river rose.</p></div>"), kind: crosscheck.KindHTML},
		{name: "text", in: []byte(sampleText), kind: crosscheck.KindText, body: sampleText},
		{name: "gzip-html", in: gz(t, []byte(sampleHTML)), kind: crosscheck.KindHTML, body: sampleHTML},
		{name: "gzip-text", in: gz(t, []byte(sampleText)), kind: crosscheck.KindText, body: sampleText},
		{name: "json", in: []byte(`{"title":"Flood","text":"The river rose."}`), kind: crosscheck.KindText, body: "The river rose."},
		{name: "empty", in: nil, err: "-: empty input"},
		{name: "jsonl-bad-line", in: []byte("{\"text\":\"a\"}\n{\"text\":\n"), err: "-:2: malformed JSON"},
		{name: "truncated-gzip", in: gz(t, []byte(sampleText))[:20], err: "-: truncated gzip"},
		{name: "binary", in: []byte("\x00\x01\x02\x03binary"), err: "-: binary data"},
		{name: "too-big", in: bytes.Repeat([]byte("a"), 100), err: "-: standard input is over the size limit of 50 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{Stdin: bytes.NewReader(tt.in)}
			if tt.name == "too-big" {
				opt.MaxBytes = 50
			}
			got := readAll(t, []string{"-"}, opt)
			if tt.err != "" {
				// The error is the last result (a JSONL line's comes after the good lines).
				if len(got) == 0 || got[len(got)-1].err == nil || !strings.Contains(got[len(got)-1].err.Error(), tt.err) {
					t.Fatalf("results = %+v, want the last to be error %q", got, tt.err)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("got %d results, want 1", len(got))
			}
			doc := got[0].doc
			if got[0].err != nil || doc.Source != "-" || doc.Kind != tt.kind || tt.body != "" && string(doc.Body) != tt.body {
				t.Errorf("Read(-) = %q %v %q, %v; want - %v %q", doc.Source, doc.Kind, doc.Body, got[0].err, tt.kind, tt.body)
			}
		})
	}
}

func TestReadStdinOnce(t *testing.T) {
	got := readAll(t, []string{"-", "-"}, Options{Stdin: strings.NewReader(sampleText)})
	if len(got) != 2 || got[0].err != nil || got[1].err == nil || !strings.Contains(got[1].err.Error(), "already read") {
		t.Fatalf("Read(-, -) = %+v, want a document then an 'already read' error", got)
	}
}

func TestParseDate(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time
		err  string
	}{
		{in: "2024-03-05", want: utc(2024, 3, 5, 0, 0)},
		{in: "2024-03-05T10:30:00Z", want: utc(2024, 3, 5, 10, 30)},
		{in: "2024-03-05T12:30:00+02:00", want: utc(2024, 3, 5, 10, 30)},
		{in: "2024-03-05T10:30:00", want: utc(2024, 3, 5, 10, 30)},
		{in: "2024-03-05 10:30:00", want: utc(2024, 3, 5, 10, 30)},
		{in: "Tue, 05 Mar 2024 10:30:00 GMT", want: utc(2024, 3, 5, 10, 30)},
		{in: "March 5, 2024", want: utc(2024, 3, 5, 0, 0)},
		{in: "5 March 2024", want: utc(2024, 3, 5, 0, 0)},
		{in: "25/03/2024", want: utc(2024, 3, 25, 0, 0)},
		{in: "03/25/2024", want: utc(2024, 3, 25, 0, 0)},
		{in: "05/05/2024", want: utc(2024, 5, 5, 0, 0)},
		{in: "03/04/2024", err: "ambiguous"},
		{in: "yesterday", err: `cannot read date "yesterday"`},
		{in: "2024-13-45", err: "cannot read date"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseDate(%q) = %v, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

var lineSource = regexp.MustCompile(`^fuzz\.jsonl(:[0-9]+)?: `)

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"text":"a"}` + "\n" + `{"html":"<p>b</p>","published":"2024-01-02"}`))
	f.Add([]byte("{\"text\":\"a\"\n\n[1,2]\n\xff\n"))
	f.Add([]byte(`{"text":"x","published":1e300}`))
	f.Add([]byte("\xef\xbb\xbf{\"text\":\"bom\"}\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		jsonlDocuments("fuzz.jsonl", data, "file", func(doc crosscheck.Document, err error) bool {
			if err != nil {
				msg := err.Error()
				if !lineSource.MatchString(msg) {
					t.Fatalf("error does not name the file or line: %q", msg)
				}
				var se *Error
				if !errors.As(err, &se) || strings.ContainsAny(msg, "\n\r") {
					t.Fatalf("not a one-line *Error: %q", msg)
				}
				return true
			}
			if !strings.HasPrefix(doc.Source, "fuzz.jsonl:") || len(bytes.TrimSpace(doc.Body)) == 0 {
				t.Fatalf("document without a line source or a body: %+v", doc)
			}
			return true
		})
	})
}

func FuzzGzip(f *testing.F) {
	valid := gz(f, []byte(sampleText))
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add(valid[:3])
	f.Add(append(append([]byte{}, valid...), valid...))
	f.Add(append(append([]byte{}, valid...), 0x1f, 0x8b, 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := unpack(data, true, 1<<20)
		if err != nil {
			if !strings.Contains(err.Error(), "gzip") {
				t.Fatalf("error does not say gzip: %v", err)
			}
			return
		}
		if int64(len(out)) > 1<<20 {
			t.Fatalf("unpacked %d bytes past the limit", len(out))
		}
	})
}

func BenchmarkReadDirectory(b *testing.B) {
	dir := b.TempDir()
	page := []byte(strings.Repeat("<p>The river rose by two metres overnight, officials said.</p>\n", 60))
	var total int64
	for i := range 200 {
		name := fmt.Sprintf("outlet%d/%03d.html", i%10, i)
		data := page
		if i%4 == 0 {
			name += ".gz"
			data = gz(b, page)
		}
		writeFile(b, dir, name, data)
		total += int64(len(page))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range Read(context.Background(), []string{dir}, Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 200 {
			b.Fatalf("read %d documents, want 200", n)
		}
	}
}

// TestReadSharedCorpus reads the project's real articles when the shared
// corpus is present: every file there must come through as a document.
func TestReadSharedCorpus(t *testing.T) {
	const corpus = "../../shared/corpus"
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("no shared corpus at", corpus)
	}
	n := 0
	for doc, err := range Read(context.Background(), []string{corpus}, Options{}) {
		if err != nil {
			t.Errorf("corpus file failed: %v", err)
			continue
		}
		if len(doc.Body) == 0 {
			t.Errorf("%s: empty body", doc.Source)
		}
		n++
	}
	if n == 0 {
		t.Error("the shared corpus yielded no documents")
	}
}
