package server

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/store/sqlite"
	"github.com/crosscheck-news/crosscheck/watchlist"
)

// newIngester is the ingest service over st, as crosscheck serve wires it.
func newIngester(t testing.TB, st crosscheck.Store) Ingester {
	t.Helper()
	var ist crosscheck.Store = st
	if ws, ok := st.(watchlist.Store); ok {
		ist = watchlist.Notifying(st, watchlist.NewNotifier(ws, 0), func(err error) { t.Errorf("watchlists: %v", err) })
	}
	svc, err := ingest.New(ist, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	return ServiceIngester(svc)
}

const testToken = "s3cret-token"

// testServer is a Server over a fresh SQLite store, served on loopback.
type testServer struct {
	*Server
	store *sqlite.Store
	http  *httptest.Server
}

func newTestServer(t testing.TB, opt Options) *testServer {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "crosscheck.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if opt.Token == "" {
		opt.Token = testToken
	}
	if opt.Rate == 0 {
		opt.Rate = -1
	}
	srv, err := New(st, newIngester(t, st), opt)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return &testServer{Server: srv, store: st, http: hs}
}

// do sends a request, with the given header name/value pairs, and returns
// the status, the headers and the body.
func (ts *testServer) do(t testing.TB, method, path, contentType string, body []byte, token string, headers ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.http.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := ts.http.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, out
}

func (ts *testServer) get(t testing.TB, path string) (int, []byte) {
	t.Helper()
	code, _, body := ts.do(t, "GET", path, "", nil, "")
	return code, body
}

func decode[T any](t testing.TB, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decoding %s: %v", truncate(body), err)
	}
	return v
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// exampleUpload is one file of the examples corpus as it is posted.
type exampleUpload struct {
	name, contentType string
	body              []byte
}

// exampleUploads reads ../examples and picks each file's Content-Type by its
// extension, as a client would.
func exampleUploads(t testing.TB) []exampleUpload {
	t.Helper()
	dir := filepath.Join("..", "examples")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []exampleUpload
	for _, e := range entries {
		name := e.Name()
		var ct string
		switch base := strings.TrimSuffix(name, ".gz"); {
		case strings.HasSuffix(base, ".html"):
			ct = "text/html"
		case strings.HasSuffix(base, ".txt"):
			ct = "text/plain; charset=utf-8"
		case strings.HasSuffix(base, ".jsonl"):
			ct = "application/x-ndjson"
		default:
			continue
		}
		body, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, exampleUpload{name: name, contentType: ct, body: body})
	}
	return out
}

// ingestExamples posts the examples corpus and returns the ingested articles.
func (ts *testServer) ingestExamples(t testing.TB) []ingestItem {
	t.Helper()
	var items []ingestItem
	for _, u := range exampleUploads(t) {
		code, _, body := ts.do(t, "POST", "/api/articles", u.contentType, u.body, testToken)
		if code != http.StatusOK {
			t.Fatalf("POST %s: %d %s", u.name, code, truncate(body))
		}
		ans := decode[ingestAnswer](t, body)
		if len(ans.Errors) > 0 {
			t.Errorf("POST %s: errors %+v", u.name, ans.Errors)
		}
		items = append(items, ans.Articles...)
	}
	return items
}
