package source

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

type parsed struct {
	doc crosscheck.Document
	err error
}

func parseAll(t *testing.T, name, contentType, body string, opt ParseOptions) []parsed {
	t.Helper()
	var out []parsed
	for doc, err := range Parse(context.Background(), name, contentType, strings.NewReader(body), opt) {
		out = append(out, parsed{doc, err})
	}
	return out
}

func TestParseFormats(t *testing.T) {
	latin1 := "Caf\xe9 owners protest\n\nThe caf\xe9 owners of the old town marched on Monday."
	tests := []struct {
		name, contentType, body string
		wantKind                []crosscheck.DocumentKind
		wantSource              []string
		wantBody                []string // substring of each document's body
		wantErr                 []string // substring of each error ("" for none)
	}{
		{
			name: "json object", contentType: "application/json",
			body:       `{"url":"https://news.example/a","title":"T","text":"Body text.","outlet":"Example News","published":"2026-05-13T10:00:00Z"}`,
			wantKind:   []crosscheck.DocumentKind{crosscheck.KindText},
			wantSource: []string{"req"}, wantBody: []string{"Body text."}, wantErr: []string{""},
		},
		{
			name: "json array", contentType: "application/json; charset=utf-8",
			body:       `[{"text":"One."},{"html":"<p>Two.</p>"}]`,
			wantKind:   []crosscheck.DocumentKind{crosscheck.KindText, crosscheck.KindHTML},
			wantSource: []string{"req[0]", "req[1]"}, wantBody: []string{"One.", "<p>Two.</p>"}, wantErr: []string{"", ""},
		},
		{
			name: "ndjson with a bad line", contentType: "application/x-ndjson",
			body:       "{\"text\":\"One.\"}\n{\"text\":\n\n{\"text\":\"Three.\"}\n",
			wantKind:   []crosscheck.DocumentKind{crosscheck.KindText, 0, crosscheck.KindText},
			wantSource: []string{"req:1", "req:2", "req:4"}, wantBody: []string{"One.", "", "Three."},
			wantErr: []string{"", "malformed JSON", ""},
		},
		{
			name: "html keeps its charset for extraction", contentType: "text/html; charset=windows-1252",
			body:       "<html><body><p>Caf\xe9</p></body></html>",
			wantKind:   []crosscheck.DocumentKind{crosscheck.KindHTML},
			wantSource: []string{"req"}, wantBody: []string{"Caf\xe9"}, wantErr: []string{""},
		},
		{
			name: "latin-1 text is decoded", contentType: "text/plain; charset=iso-8859-1",
			body:       latin1,
			wantKind:   []crosscheck.DocumentKind{crosscheck.KindText},
			wantSource: []string{"req"}, wantBody: []string{"Café owners"}, wantErr: []string{""},
		},
		{
			name: "undeclared text is refused when not UTF-8", contentType: "text/plain",
			body: latin1, wantKind: []crosscheck.DocumentKind{0}, wantSource: []string{"req"},
			wantBody: []string{""}, wantErr: []string{"invalid UTF-8 at byte offset 3"},
		},
		{
			name: "no type: sniffed html", contentType: "",
			body:       "<!doctype html><html><body><p>Hello</p></body></html>",
			wantKind:   []crosscheck.DocumentKind{crosscheck.KindHTML},
			wantSource: []string{"req"}, wantBody: []string{"<p>Hello</p>"}, wantErr: []string{""},
		},
		{
			name: "no type: sniffed jsonl", contentType: "application/octet-stream",
			body:       "{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n",
			wantKind:   []crosscheck.DocumentKind{crosscheck.KindText, crosscheck.KindText},
			wantSource: []string{"req:1", "req:2"}, wantBody: []string{"One.", "Two."}, wantErr: []string{"", ""},
		},
		{
			name: "unsupported type", contentType: "image/png", body: "x",
			wantKind: []crosscheck.DocumentKind{0}, wantSource: []string{"req"}, wantBody: []string{""},
			wantErr: []string{`unsupported Content-Type "image/png"`},
		},
		{
			name: "unknown charset", contentType: "text/plain; charset=klingon", body: "x",
			wantKind: []crosscheck.DocumentKind{0}, wantSource: []string{"req"}, wantBody: []string{""},
			wantErr: []string{`unknown charset "klingon"`},
		},
		{
			name: "url-only object without fetching", contentType: "application/json",
			body:     `{"url":"https://news.example/a"}`,
			wantKind: []crosscheck.DocumentKind{0}, wantSource: []string{"req"}, wantBody: []string{""},
			wantErr: []string{`no article: want a non-empty "text" or "html" field`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := parseAll(t, "req", tc.contentType, tc.body, ParseOptions{})
			if len(got) != len(tc.wantErr) {
				t.Fatalf("got %d items %+v, want %d", len(got), got, len(tc.wantErr))
			}
			for i, g := range got {
				if tc.wantErr[i] != "" {
					if g.err == nil || !strings.Contains(g.err.Error(), tc.wantErr[i]) {
						t.Errorf("item %d: error %v, want one containing %q", i, g.err, tc.wantErr[i])
					}
					if g.err != nil && !strings.HasPrefix(g.err.Error(), tc.wantSource[i]+": ") {
						t.Errorf("item %d: error %q does not name %q", i, g.err, tc.wantSource[i])
					}
					continue
				}
				if g.err != nil {
					t.Errorf("item %d: unexpected error %v", i, g.err)
					continue
				}
				if g.doc.Kind != tc.wantKind[i] || g.doc.Source != tc.wantSource[i] || !strings.Contains(string(g.doc.Body), tc.wantBody[i]) {
					t.Errorf("item %d: got kind %v source %q body %q, want %v %q containing %q", i, g.doc.Kind, g.doc.Source, g.doc.Body, tc.wantKind[i], tc.wantSource[i], tc.wantBody[i])
				}
			}
		})
	}
}

func TestParseKeepsJSONFields(t *testing.T) {
	got := parseAll(t, "req", "application/json", `{"url":"https://news.example/a","title":" Title ","text":"Body.","outlet":"Example News","published":"2026-05-13T10:00:00Z"}`, ParseOptions{})
	if len(got) != 1 || got[0].err != nil {
		t.Fatalf("got %+v", got)
	}
	d := got[0].doc
	want := time.Date(2026, 5, 13, 10, 0, 0, 0, time.UTC)
	if d.URL != "https://news.example/a" || d.Title != "Title" || d.Outlet != "Example News" || d.Published == nil || !d.Published.Equal(want) {
		t.Errorf("got %+v", d)
	}
}

func TestParseHTMLContentType(t *testing.T) {
	got := parseAll(t, "req", "text/html; charset=windows-1252", "<p>Caf\xe9</p><p>more text here</p>", ParseOptions{})
	if len(got) != 1 || got[0].err != nil {
		t.Fatalf("got %+v", got)
	}
	if got[0].doc.ContentType != "text/html; charset=windows-1252" {
		t.Errorf("ContentType = %q, want the request's, so that extraction decodes windows-1252", got[0].doc.ContentType)
	}
}

func TestParseSizeCap(t *testing.T) {
	got := parseAll(t, "req", "text/plain", strings.Repeat("a", 2000), ParseOptions{Source: Options{MaxBytes: 1024}})
	if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "body is over the size limit of 1 KB") {
		t.Fatalf("got %+v, want a size error", got)
	}
	// A gzip bomb is capped after decompression too.
	bomb := string(gz(t, []byte(strings.Repeat("a", 4096))))
	got = parseAll(t, "req", "", bomb, ParseOptions{Source: Options{MaxBytes: 1024}})
	if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "expands past the size limit") {
		t.Fatalf("got %+v, want a gzip size error", got)
	}
}

func TestParseFetchesURLOnlyArticles(t *testing.T) {
	srv, _ := newsServer(t, "")
	body := `{"url":"` + srv.URL + `/plain","outlet":"Given Outlet","title":"Given title"}`

	// Loopback is refused unless private addresses are allowed.
	got := parseAll(t, "req", "application/json", body, ParseOptions{FetchURLs: true})
	if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "loopback address") || !strings.HasPrefix(got[0].err.Error(), "req: fetching ") {
		t.Fatalf("got %+v, want the fetch refused as loopback", got)
	}

	got = parseAll(t, "req", "application/json", body, ParseOptions{FetchURLs: true, Source: Options{AllowPrivate: true}})
	if len(got) != 1 || got[0].err != nil {
		t.Fatalf("got %+v, want one fetched document", got)
	}
	d := got[0].doc
	if d.Source != "req" || d.Outlet != "Given Outlet" || d.Title != "Given title" || d.URL != srv.URL+"/plain" || !strings.Contains(string(d.Body), strings.TrimSpace(sampleText)[:20]) {
		t.Errorf("got %+v", d)
	}
}
