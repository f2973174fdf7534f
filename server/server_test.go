package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/source"
)

func TestWritesNeedTheToken(t *testing.T) {
	ts := newTestServer(t, Options{})
	body := []byte(`{"title":"Bridge opens","text":"The new bridge over the river opened on Monday after three years of work."}`)
	for _, tc := range []struct {
		name, header string
		want         int
		wantMsg      string
	}{
		{"no header", "", http.StatusUnauthorized, "missing bearer token"},
		{"wrong token", "Bearer nope", http.StatusUnauthorized, "invalid bearer token"},
		{"token as basic", "Basic " + testToken, http.StatusUnauthorized, "invalid bearer token"},
		{"right token", "Bearer " + testToken, http.StatusOK, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", ts.http.URL+"/api/articles", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want == http.StatusUnauthorized {
				var e apiError
				if err := json.NewDecoder(resp.Body).Decode(&e); err != nil || !strings.Contains(e.Error, tc.wantMsg) {
					t.Errorf("body error %q (%v), want one containing %q", e.Error, err, tc.wantMsg)
				}
				if resp.Header.Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
			}
		})
	}

	// A server started without a token refuses every write.
	st := ts.store
	ro, err := New(st, newIngester(t, st), Options{Rate: -1})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/api/articles", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer ")
	ro.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "without --token") {
		t.Errorf("tokenless server: %d %s, want 403 saying writes are disabled", rec.Code, rec.Body)
	}
}

func TestIngestExamplesThroughTheAPI(t *testing.T) {
	ts := newTestServer(t, Options{})
	items := ts.ingestExamples(t)
	if len(items) != 8 {
		t.Fatalf("ingested %d articles, want the 8 of the examples corpus: %+v", len(items), items)
	}
	stories := map[string]bool{}
	for _, it := range items {
		if !it.Added || it.Article == "" || it.Story == "" {
			t.Errorf("item %+v: want a new article placed in a story", it)
		}
		stories[it.Story] = true
	}

	// Idempotent: the same article again is not added.
	again := ts.ingestExamples(t)
	for i, it := range again {
		if it.Added || it.Article != items[i].Article {
			t.Errorf("second ingestion of %s: %+v, want the same id, not added", it.Source, it)
		}
	}

	// Every article can be read back, with its story.
	for _, it := range items {
		code, body := ts.get(t, "/api/articles/"+it.Article)
		if code != http.StatusOK {
			t.Fatalf("GET article %s: %d %s", it.Article, code, truncate(body))
		}
		ans := decode[articleAnswer](t, body)
		if ans.Article == nil || ans.Article.ID != it.Article || ans.Article.Text == "" || ans.Story == "" {
			t.Errorf("article answer %+v", ans)
		}
	}

	// The listing has the stories; the biggest first when ordered by sources.
	code, body := ts.get(t, "/api/stories?order=sources&limit=10")
	if code != http.StatusOK {
		t.Fatalf("GET stories: %d %s", code, truncate(body))
	}
	list := decode[storiesAnswer](t, body)
	if len(list.Stories) < 2 {
		t.Fatalf("%d stories listed, want at least the two events of the corpus", len(list.Stories))
	}
	if list.Stories[0].Articles < list.Stories[len(list.Stories)-1].Articles {
		t.Errorf("order=sources: first story has %d articles, last %d", list.Stories[0].Articles, list.Stories[len(list.Stories)-1].Articles)
	}

	// The story is the report contract with its articles.
	big := list.Stories[0]
	code, body = ts.get(t, "/api/stories/"+big.ID)
	if code != http.StatusOK {
		t.Fatalf("GET story: %d %s", code, truncate(body))
	}
	rep := decode[crosscheck.Report](t, body)
	if rep.Schema != crosscheck.ReportSchema || len(rep.Stories) != 1 || rep.Stories[0].ID != big.ID || len(rep.Articles) != len(rep.Stories[0].Articles) {
		t.Errorf("story report: schema %q, %d stories, %d articles", rep.Schema, len(rep.Stories), len(rep.Articles))
	}
	if !bytes.Contains(body, []byte(`"findings":[`)) {
		t.Error("story JSON lacks a findings list: the report writer must write [] for none")
	}

	// An entity of the story has a profile.
	if len(rep.Stories[0].Entities) > 0 {
		e := rep.Stories[0].Entities[0]
		code, body = ts.get(t, "/api/entities/"+url.PathEscape(e.ID))
		if code != http.StatusOK {
			t.Fatalf("GET entity %s: %d %s", e.ID, code, truncate(body))
		}
		p := decode[crosscheck.EntityProfile](t, body)
		if p.ID != e.ID || len(p.Stories) == 0 {
			t.Errorf("entity profile %+v", p)
		}
	}

	// Search finds a word of a title.
	word := longestWord(rep.Articles[0].Title)
	code, body = ts.get(t, "/api/search?q="+url.QueryEscape(word))
	if code != http.StatusOK {
		t.Fatalf("search: %d %s", code, truncate(body))
	}
	if hits := decode[searchAnswer](t, body).Hits; len(hits) == 0 {
		t.Errorf("search for %q found nothing", word)
	}
}

func longestWord(s string) string {
	best := ""
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}

func TestReadErrors(t *testing.T) {
	ts := newTestServer(t, Options{})
	for _, tc := range []struct {
		path string
		want int
		msg  string
	}{
		{"/api/stories/nope", 404, `story \"nope\" not found`},
		{"/api/articles/nope", 404, `article \"nope\" not found`},
		{"/api/entities/nope", 404, `entity \"nope\" not found`},
		{"/api/stories?order=loudest", 400, `order \"loudest\": want newest, sources or contested`},
		{"/api/stories?limit=0", 400, "limit"},
		{"/api/stories?since=yesterday", 400, "since"},
		{"/api/search", 400, "missing q"},
		{"/api/nothing", 404, ""},
	} {
		code, body := ts.get(t, tc.path)
		if code != tc.want || !strings.Contains(string(body), tc.msg) {
			t.Errorf("GET %s: %d %s, want %d with %q", tc.path, code, body, tc.want, tc.msg)
		}
	}
	code, _, _ := ts.do(t, "DELETE", "/api/stories", "", nil, testToken)
	if code != http.StatusMethodNotAllowed {
		t.Errorf("DELETE /api/stories: %d, want 405", code)
	}
}

func TestIngestBodies(t *testing.T) {
	ts := newTestServer(t, Options{MaxBodyBytes: 4096})
	text := "Harbour reopens after storm\n\nThe harbour of the town reopened on Friday after the storm that closed it for three days, the port authority said."

	code, _, body := ts.do(t, "POST", "/api/articles", "text/plain; charset=utf-8", []byte(text), testToken)
	if code != http.StatusOK || len(decode[ingestAnswer](t, body).Articles) != 1 {
		t.Errorf("plain text: %d %s", code, body)
	}

	// A gzipped batch with one bad line: the good lines go in, the bad one
	// is named by its line.
	batch := `{"title":"Mine rescue","text":"Rescuers reached the trapped miners late on Sunday, officials said."}
{"title":"broken",
{"title":"Empty"}
`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(batch))
	zw.Close()
	code, _, body = ts.do(t, "POST", "/api/articles", "application/x-ndjson", gz.Bytes(), testToken)
	ans := decode[ingestAnswer](t, body)
	if code != http.StatusOK || len(ans.Articles) != 1 || len(ans.Errors) != 2 {
		t.Fatalf("batch: %d %+v", code, ans)
	}
	if ans.Articles[0].Source != "request:1" || ans.Errors[0].Source != "request:2" || ans.Errors[1].Source != "request:3" {
		t.Errorf("batch sources: %+v", ans)
	}

	// Nothing ingestible: 422 with the reason.
	code, _, body = ts.do(t, "POST", "/api/articles", "application/json", []byte(`{"title":"no text"}`), testToken)
	if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), `want a non-empty \"text\" or \"html\" field`) {
		t.Errorf("no text: %d %s", code, body)
	}
	code, _, body = ts.do(t, "POST", "/api/articles", "image/png", []byte("x"), testToken)
	if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), "unsupported Content-Type") {
		t.Errorf("image: %d %s", code, body)
	}

	// Over the cap: 413, and nothing of it stored.
	big := `{"title":"big","text":"` + strings.Repeat("word ", 1000) + `"}`
	code, _, body = ts.do(t, "POST", "/api/articles", "application/json", []byte(big), testToken)
	if code != http.StatusRequestEntityTooLarge || !strings.Contains(string(body), "over the limit of 4096 bytes") {
		t.Errorf("big body: %d %s", code, body)
	}

	// A URL on loopback is refused: private addresses are not allowed.
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(text))
	}))
	defer site.Close()
	code, _, body = ts.do(t, "POST", "/api/articles", "application/json", []byte(`{"url":"`+site.URL+`/a"}`), testToken)
	if code != http.StatusUnprocessableEntity || !strings.Contains(string(body), "loopback address") {
		t.Errorf("private URL: %d %s", code, body)
	}
}

func TestIngestURLWhenPrivateAllowed(t *testing.T) {
	ts := newTestServer(t, Options{Source: source.Options{AllowPrivate: true}})
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><title>Dam inspection</title></head><body><article><h1>Dam inspection finds cracks</h1><p>Engineers inspecting the old dam above the valley found two cracks in its wall on Thursday, the water board said.</p><p>The board said the dam was safe but would be watched daily until repairs begin next month.</p></article></body></html>`))
	}))
	defer site.Close()
	code, _, body := ts.do(t, "POST", "/api/articles", "application/json", []byte(`{"url":"`+site.URL+`/dam","outlet":"Valley Post"}`), testToken)
	if code != http.StatusOK {
		t.Fatalf("URL ingestion: %d %s", code, body)
	}
	id := decode[ingestAnswer](t, body).Articles[0].Article
	_, body = ts.get(t, "/api/articles/"+id)
	a := decode[articleAnswer](t, body).Article
	if a.Outlet != "Valley Post" || !strings.Contains(a.Text, "two cracks") || a.URL != site.URL+"/dam" {
		t.Errorf("fetched article %+v", a)
	}
}

// failingIngester fails as a broken store would.
type failingIngester struct{}

func (failingIngester) Ingest(context.Context, crosscheck.Document) (Ingested, error) {
	return Ingested{}, errors.New("disk full")
}

func (failingIngester) Settle(context.Context, ...string) error { return nil }

func TestIngestStoreFailureIs500(t *testing.T) {
	ts := newTestServer(t, Options{})
	srv, err := New(ts.store, failingIngester{}, Options{Token: testToken, Rate: -1})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/api/articles", strings.NewReader("Some text of an article that is long enough."))
	req.Header.Set("Authorization", "Bearer "+testToken)
	req.Header.Set("Content-Type", "text/plain")
	srv.ServeHTTP(rec, req)
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "storing the article failed: disk full") {
		t.Errorf("%d %s, want 500 naming the failure", rec.Code, rec.Body)
	}
}

func TestRateLimit(t *testing.T) {
	ts := newTestServer(t, Options{Rate: 1, Burst: 3})
	var codes []int
	var retry string
	for range 5 {
		code, h, _ := ts.do(t, "GET", "/healthz", "", nil, "")
		codes = append(codes, code)
		if code == http.StatusTooManyRequests {
			retry = h.Get("Retry-After")
		}
	}
	if !slices.Equal(codes[:3], []int{200, 200, 200}) || codes[3] != 429 || codes[4] != 429 {
		t.Errorf("codes %v, want a burst of 3 then 429s", codes)
	}
	if retry != "1" {
		t.Errorf("Retry-After %q, want 1", retry)
	}
	// Another client has its own bucket.
	lim := newClientLimiter(1, 1)
	now := time.Now()
	if ok, _ := lim.allow("192.0.2.1", now); !ok {
		t.Fatal("first request refused")
	}
	if ok, _ := lim.allow("192.0.2.1", now); ok {
		t.Error("second request of the same client at once allowed")
	}
	if ok, _ := lim.allow("192.0.2.2", now); !ok {
		t.Error("another client refused")
	}
	if ok, _ := lim.allow("192.0.2.1", now.Add(time.Second)); !ok {
		t.Error("the bucket did not refill after a second")
	}
	// Idle clients are forgotten.
	lim.allow("192.0.2.3", now.Add(2*clientIdle))
	if _, ok := lim.clients["192.0.2.1"]; ok {
		t.Error("an idle client's bucket was kept")
	}
}

// openAPIDoc is the part of the OpenAPI description the route test reads.
type openAPIDoc struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	ts := newTestServer(t, Options{})
	code, body := ts.get(t, "/api/openapi.json")
	if code != 200 {
		t.Fatalf("GET openapi.json: %d", code)
	}
	doc := decode[openAPIDoc](t, body)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q, want 3.x", doc.OpenAPI)
	}
	described := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			method = strings.ToUpper(method)
			described[method+" "+path] = true
			// The mux must route the described operation to exactly that pattern.
			req := httptest.NewRequest(method, strings.ReplaceAll(path, "{id}", "x1"), nil)
			if _, pattern := ts.mux.Handler(req); pattern != method+" "+path {
				t.Errorf("described %s %s: the mux routes it to %q", method, path, pattern)
			}
		}
	}
	registered := map[string]bool{}
	for _, rt := range ts.routes() {
		key := rt.method + " " + rt.pattern
		registered[key] = true
		isAPI := strings.HasPrefix(rt.pattern, "/api/") || rt.pattern == "/healthz" || rt.pattern == "/metrics"
		if isAPI != rt.api {
			t.Errorf("route %s: api flag %v but its path says %v", key, rt.api, isAPI)
		}
		if rt.api && !described[key] {
			t.Errorf("route %s is not in openapi.json", key)
		}
		if !rt.api && described[key] {
			t.Errorf("page route %s is in openapi.json", key)
		}
	}
	for key := range described {
		if !registered[key] {
			t.Errorf("openapi.json describes %s, which is not a route", key)
		}
	}
}

func TestMetrics(t *testing.T) {
	ts := newTestServer(t, Options{
		StoryCount: func(context.Context) (int, error) { return 7, nil },
		Gauges: func() []Gauge {
			return []Gauge{{Name: "crosscheck_live_stories", Help: "Stories open to new articles.", Value: 3}, {Name: "bad name", Value: 1}}
		},
	})
	ts.do(t, "POST", "/api/articles", "text/plain", []byte("Storm closes ports\n\nThe storm closed every port on the coast on Tuesday, the coast guard said."), testToken)
	ts.do(t, "POST", "/api/articles", "text/plain", []byte("Storm closes ports\n\nThe storm closed every port on the coast on Tuesday, the coast guard said."), testToken)
	ts.get(t, "/api/stories/nope")
	code, body := ts.get(t, "/metrics")
	if code != 200 {
		t.Fatalf("GET /metrics: %d", code)
	}
	m := string(body)
	for _, want := range []string{
		"crosscheck_articles_ingested_total 1\n",
		"crosscheck_articles_duplicate_total 1\n",
		"crosscheck_pipeline_seconds_count 2\n",
		`crosscheck_pipeline_seconds_bucket{le="+Inf"} 2` + "\n",
		"crosscheck_stories 7\n",
		`crosscheck_http_requests_total{route="GET /api/stories/{id}",code="404"} 1` + "\n",
		`crosscheck_http_requests_total{route="POST /api/articles",code="200"} 2` + "\n",
		"# TYPE crosscheck_pipeline_seconds histogram\n",
		"# TYPE crosscheck_live_stories gauge\ncrosscheck_live_stories 3\n",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(m, "bad name") {
		t.Error("a gauge with an invalid name was written")
	}
	// Buckets are cumulative: never decreasing.
	re := regexp.MustCompile(`crosscheck_pipeline_seconds_bucket\{le="[^"]+"\} (\d+)`)
	last := -1
	for _, g := range re.FindAllStringSubmatch(m, -1) {
		n := 0
		for _, c := range g[1] {
			n = n*10 + int(c-'0')
		}
		if n < last {
			t.Errorf("bucket counts decrease: %v", g[0])
		}
		last = n
	}
}

func TestHealthz(t *testing.T) {
	ts := newTestServer(t, Options{})
	if code, body := ts.get(t, "/healthz"); code != 200 || !strings.Contains(string(body), `"ok"`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	ts.store.Close()
	if code, _ := ts.get(t, "/healthz"); code != http.StatusServiceUnavailable {
		t.Errorf("healthz with a closed store: %d, want 503", code)
	}
}

func TestPagesEscapeArticleHTML(t *testing.T) {
	ts := newTestServer(t, Options{})
	evil := `{"title":"<img src=x onerror=alert(1)>Headline","outlet":"<b>Outlet</b>","url":"javascript:alert(1)","text":"Officials said <script>alert('x')</script> the dam held on Thursday night.\n\nA second paragraph with <iframe src=//evil.example></iframe> in it."}`
	code, _, body := ts.do(t, "POST", "/api/articles", "application/json", []byte(evil), testToken)
	if code != 200 {
		t.Fatalf("ingest: %d %s", code, body)
	}
	story := decode[ingestAnswer](t, body).Articles[0].Story
	for _, path := range []string{"/stories/" + story, "/", "/search?q=officials"} {
		code, page := ts.get(t, path)
		if code != 200 {
			t.Fatalf("GET %s: %d %s", path, code, truncate(page))
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<iframe", "<b>Outlet", `href="javascript:`} {
			if strings.Contains(string(page), bad) {
				t.Errorf("GET %s: the page carries %q unescaped", path, bad)
			}
		}
	}
	_, page := ts.get(t, "/stories/"+story)
	if !strings.Contains(string(page), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") {
		t.Error("the article's text is not on the story page, escaped")
	}
}

func TestUIPages(t *testing.T) {
	ts := newTestServer(t, Options{})
	items := ts.ingestExamples(t)
	code, page := ts.get(t, "/")
	if code != 200 || !strings.Contains(string(page), `href="/stories/`+items[0].Story+`"`) {
		t.Errorf("story list: %d, no link to story %s", code, items[0].Story)
	}
	if code, page := ts.get(t, "/?order=loudest"); code != 400 || !strings.Contains(string(page), "want newest, sources or contested") {
		t.Errorf("bad order: %d", code)
	}
	code, page = ts.get(t, "/stories/"+items[0].Story)
	if code != 200 {
		t.Fatalf("story page: %d", code)
	}
	for _, want := range []string{`id="card"`, `id="conflict"`, `id="sources"`, `id="quotes"`, `id="entities"`, `id="provenance"`, `id="timeline"`, "<svg", `id="art-` + items[0].Article + `"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("story page lacks %s", want)
		}
	}
	if code, _ := ts.get(t, "/stories/nope"); code != 404 {
		t.Errorf("missing story page: %d, want 404", code)
	}
	if code, page := ts.get(t, "/search?q=ferry"); code != 200 || !strings.Contains(string(page), "/stories/") {
		t.Errorf("search page: %d", code)
	}
	_, body := ts.get(t, "/api/stories/"+items[0].Story)
	rep := decode[crosscheck.Report](t, body)
	if len(rep.Stories[0].Entities) > 0 {
		e := rep.Stories[0].Entities[0]
		if code, page := ts.get(t, "/entities/"+url.PathEscape(e.ID)); code != 200 || !strings.Contains(string(page), e.Name) {
			t.Errorf("entity page %s: %d", e.ID, code)
		}
	}
	if code, _, css := ts.do(t, "GET", "/static/style.css", "", nil, ""); code != 200 || !strings.Contains(string(css), "@media") {
		t.Errorf("style.css: %d", code)
	}
}

func TestExports(t *testing.T) {
	ts := newTestServer(t, Options{})
	items := ts.ingestExamples(t)
	id := items[0].Story

	code, h, md := ts.do(t, "GET", "/stories/"+id+"/report.md", "", nil, "")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/markdown") || !strings.HasPrefix(string(md), "# crosscheck report") {
		t.Errorf("markdown: %d %s %q", code, h.Get("Content-Type"), truncate(md))
	}
	code, h, js := ts.do(t, "GET", "/stories/"+id+"/report.json", "", nil, "")
	_, api := ts.get(t, "/api/stories/"+id)
	// The export is the API's document, indented for a person.
	var compact bytes.Buffer
	if err := json.Compact(&compact, js); err != nil {
		t.Fatalf("json export is not JSON: %v", err)
	}
	same := bytes.Equal(compact.Bytes(), bytes.TrimSpace(api))
	if code != 200 || !same || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Errorf("json export: %d, same as the API: %v", code, same)
	}
	code, _, csvBody := ts.do(t, "GET", "/stories/"+id+"/findings.csv", "", nil, "")
	rows, err := csv.NewReader(bytes.NewReader(csvBody)).ReadAll()
	if code != 200 || err != nil || len(rows) == 0 || !slices.Equal(rows[0], csvHeader) {
		t.Fatalf("csv: %d %v %q", code, err, truncate(csvBody))
	}
	rep := decode[crosscheck.Report](t, api)
	want := 1
	for _, f := range rep.Stories[0].Findings {
		for _, v := range f.Values {
			want += max(len(v.Evidence), 1)
		}
	}
	if len(rows) != want {
		t.Errorf("csv has %d rows, want %d (a header and one per piece of evidence)", len(rows), want)
	}

	code, h, feed := ts.do(t, "GET", "/feed.atom", "", nil, "")
	var f atomFeed
	if err := xml.Unmarshal(feed, &f); code != 200 || err != nil || !strings.HasPrefix(h.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %v", code, err)
	}
	if len(f.Entries) < 2 || f.Updated == "" {
		t.Errorf("feed has %d entries, updated %q", len(f.Entries), f.Updated)
	}
	for _, e := range f.Entries {
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || !strings.Contains(e.ID, "/stories/") {
			t.Errorf("feed entry %+v", e)
		}
	}
}

func TestCSVCellDefusesFormulas(t *testing.T) {
	for in, want := range map[string]string{"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "-2": "'-2", "@x": "'@x", "12 dead": "12 dead", "": ""} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// blockingIngester holds each ingestion until released.
type blockingIngester struct {
	entered chan struct{}
	release chan struct{}
}

func (b *blockingIngester) Ingest(ctx context.Context, doc crosscheck.Document) (Ingested, error) {
	b.entered <- struct{}{}
	<-b.release
	return Ingested{Article: "a1", Story: "s1", Added: true}, nil
}

func (b *blockingIngester) Settle(context.Context, ...string) error { return nil }

func TestGracefulShutdownFinishesInFlightRequests(t *testing.T) {
	ts := newTestServer(t, Options{})
	ing := &blockingIngester{entered: make(chan struct{}), release: make(chan struct{})}
	srv, err := New(ts.store, ing, Options{Token: testToken, Rate: -1})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln, 10*time.Second) }()

	var wg sync.WaitGroup
	var status int
	wg.Add(1)
	go func() {
		defer wg.Done()
		req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/api/articles", strings.NewReader("A text long enough to be an article of some sort."))
		req.Header.Set("Authorization", "Bearer "+testToken)
		req.Header.Set("Content-Type", "text/plain")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return
		}
		resp.Body.Close()
		status = resp.StatusCode
	}()
	<-ing.entered // the request is in flight
	cancel()      // SIGTERM
	// New connections are refused once shutdown has begun.
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the listener still accepts connections after shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-served:
		t.Fatalf("Serve returned (%v) before the request in flight finished", err)
	default:
	}
	close(ing.release)
	wg.Wait()
	if status != http.StatusOK {
		t.Errorf("in-flight request answered %d, want 200", status)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// Watchlists are served by the server: created behind the token, notified
// as the examples are ingested, read as JSON and as an Atom feed whose
// links point at this server.
func TestWatchlistRoutes(t *testing.T) {
	ts := newTestServer(t, Options{})
	body := []byte(`{"name":"ferry","keyword":"ferry"}`)
	if code, _, _ := ts.do(t, "POST", "/api/watchlists", "application/json", body, ""); code != http.StatusUnauthorized {
		t.Errorf("POST /api/watchlists without a token: %d, want 401", code)
	}
	code, _, created := ts.do(t, "POST", "/api/watchlists", "application/json", body, testToken)
	if code != http.StatusCreated {
		t.Fatalf("POST /api/watchlists: %d %s", code, truncate(created))
	}
	wl := decode[crosscheck.Watchlist](t, created)
	items := ts.ingestExamples(t)
	stories := map[string]bool{}
	for _, it := range items {
		stories[it.Story] = true
	}
	code, notes := ts.get(t, fmt.Sprintf("/api/watchlists/%d/notifications", wl.ID))
	if code != http.StatusOK {
		t.Fatalf("notifications: %d %s", code, truncate(notes))
	}
	ns := decode[[]crosscheck.Notification](t, notes)
	newStory := 0
	for _, n := range ns {
		if !stories[n.Story] {
			t.Errorf("notification for story %s, which the examples are not in", n.Story)
		}
		if n.Kind == crosscheck.NotifyNewStory {
			newStory++
		}
	}
	if newStory == 0 {
		t.Errorf("no new_story notification after ingesting the ferry stories: %s", truncate(notes))
	}
	code, h, feed := ts.do(t, "GET", fmt.Sprintf("/watchlists/%d/feed.atom", wl.ID), "", nil, "")
	if code != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %s", code, h.Get("Content-Type"))
	}
	if !strings.Contains(string(feed), ts.http.URL+"/stories/") {
		t.Errorf("feed links do not point at this server (%s): %s", ts.http.URL, truncate(feed))
	}
	if code, _, _ := ts.do(t, "DELETE", fmt.Sprintf("/api/watchlists/%d", wl.ID), "", nil, testToken); code != http.StatusNoContent {
		t.Errorf("DELETE: %d, want 204", code)
	}
	if code, _ := ts.get(t, fmt.Sprintf("/api/watchlists/%d", wl.ID)); code != http.StatusNotFound {
		t.Errorf("GET after DELETE: %d, want 404", code)
	}
}
