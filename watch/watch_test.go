package watch

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/source"
)

// site is one test web server: feeds and article pages, some slow, some
// failing, with a count of requests per path.
type site struct {
	srv      *httptest.Server
	mu       sync.Mutex
	requests map[string]int
	feeds    map[string]string // path -> body
	etags    map[string]string // path -> ETag for conditional requests
	flaky    map[string]int    // path -> failures before it answers
}

func newSite(t *testing.T) *site {
	s := &site{requests: map[string]int{}, feeds: map[string]string{}, etags: map[string]string{}, flaky: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) url(path string) string { return s.srv.URL + path }

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

func article(title string) string {
	return fmt.Sprintf("<html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s is a page served for the watch test with enough words to be an article body.</p></article></body></html>", title, title, title)
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests[r.URL.Path]++
	n := s.requests[r.URL.Path]
	body, isFeed := s.feeds[r.URL.Path]
	etag := s.etags[r.URL.Path]
	flaky := s.flaky[r.URL.Path]
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case isFeed:
		if etag != "" {
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, body)
	case n <= flaky:
		http.Error(w, "try later", http.StatusServiceUnavailable)
	case strings.HasPrefix(r.URL.Path, "/fail/"):
		http.Error(w, "broken", http.StatusInternalServerError)
	case strings.HasPrefix(r.URL.Path, "/gone/"):
		http.NotFound(w, r)
	case strings.HasPrefix(r.URL.Path, "/hang/"):
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	case strings.HasPrefix(r.URL.Path, "/cut/"):
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html><body><p>cut")
		buf.Flush()
		conn.Close()
	case strings.HasPrefix(r.URL.Path, "/slow/"):
		time.Sleep(150 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, article("Slow "+r.URL.Path))
	case strings.HasPrefix(r.URL.Path, "/news/") || strings.HasPrefix(r.URL.Path, "/private/"):
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, article("Story "+r.URL.Path))
	default:
		http.NotFound(w, r)
	}
}

func rss(items ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title><link>http://x/</link><description>d</description>`)
	for i, it := range items {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>%s</link><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate></item>", i, it)
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

func atom(items ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom test</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>`)
	for i, it := range items {
		fmt.Fprintf(&b, `<entry><title>Entry %d</title><id>urn:%d</id><link href="%s"/><updated>2024-01-01T00:00:00Z</updated></entry>`, i, i, it)
	}
	b.WriteString("</feed>")
	return b.String()
}

func jsonFeed(items ...string) string {
	var parts []string
	for i, it := range items {
		parts = append(parts, fmt.Sprintf(`{"id":"%d","url":%q,"title":"J %d"}`, i, it, i))
	}
	return `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[` + strings.Join(parts, ",") + `]}`
}

func newsSitemap(items ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`)
	for _, it := range items {
		fmt.Fprintf(&b, `<url><loc>%s</loc><news:news><news:publication><news:name>Sitemap Daily</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-03-04T05:06:07Z</news:publication_date><news:title>T</news:title></news:news></url>`, it)
	}
	b.WriteString("</urlset>")
	return b.String()
}

func sitemapIndex(maps ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, m := range maps {
		fmt.Fprintf(&b, "<sitemap><loc>%s</loc></sitemap>", m)
	}
	b.WriteString("</sitemapindex>")
	return b.String()
}

// loopbackOnly is a transport that dials loopback IP literals only and
// records every address asked for, so the test can prove nothing else was
// reached.
type loopbackOnly struct {
	mu      sync.Mutex
	dialled []string
	refused []string
}

func (l *loopbackOnly) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ip, err := netip.ParseAddr(host)
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil || !ip.IsLoopback() {
		l.refused = append(l.refused, addr)
		return nil, fmt.Errorf("test transport: refusing non-loopback address %s", addr)
	}
	l.dialled = append(l.dialled, addr)
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

// recorder is the sink: every delivered document, by URL.
type recorder struct {
	mu   sync.Mutex
	docs map[string][]crosscheck.Document
}

func (r *recorder) Deliver(_ context.Context, doc crosscheck.Document) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.docs[doc.URL] = append(r.docs[doc.URL], doc)
	return nil
}

func TestWatchEndToEnd(t *testing.T) {
	a, b := newSite(t), newSite(t)
	a.feeds["/rss.xml"] = rss(
		a.url("/news/1"), a.url("/news/2?utm_source=rss#top"), a.url("/slow/1"),
		a.url("/fail/1"), a.url("/news/flaky"), a.url("/cut/1"), a.url("/hang/1"),
		a.url("/private/1"), a.url("/gone/1"),
		"http://example.com/outside", "http://10.1.2.3/inside",
	)
	a.etags["/rss.xml"] = `"v1"`
	a.flaky["/news/flaky"] = 1
	a.feeds["/atom.xml"] = atom(a.url("/news/2"), a.url("/news/3"), b.url("/news/1"))
	a.feeds["/feed.json"] = jsonFeed(a.url("/news/4?b=2&a=1"), a.url("/news/1"))
	b.feeds["/news-sitemap.xml"] = newsSitemap(b.url("/news/1"), b.url("/news/2"), b.url("/slow/2"))
	b.feeds["/sitemap-index.xml"] = sitemapIndex(b.url("/news-sitemap.xml"), b.url("/more-sitemap.xml"))
	b.feeds["/more-sitemap.xml"] = newsSitemap(b.url("/news/3"), a.url("/news/3"))
	b.feeds["/broken.xml"] = "<html><body>not a feed</body></html>"

	feeds := []Feed{
		{URL: a.url("/rss.xml")}, {URL: a.url("/atom.xml")}, {URL: a.url("/feed.json"), Outlet: "JSON Outlet"},
		{URL: b.url("/sitemap-index.xml")}, {URL: b.url("/broken.xml")}, {URL: b.url("/missing.xml")},
	}
	transport := &loopbackOnly{}
	client := &http.Client{Transport: &http.Transport{DialContext: transport.dial}}
	state, err := OpenStateFile(filepath.Join(t.TempDir(), "watch.state"), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer state.Close()

	run := func() (*recorder, map[string]error, Stats) {
		sink := &recorder{docs: map[string][]crosscheck.Document{}}
		var mu sync.Mutex
		failures := map[string]error{}
		w, err := New(Options{
			Feeds:     feeds,
			Source:    source.Options{Client: client, Timeout: 400 * time.Millisecond},
			HostDelay: 2 * time.Millisecond, MinBackoff: 5 * time.Millisecond, MaxBackoff: 20 * time.Millisecond,
			Workers: 3, Queue: 4, // a queue smaller than one feed: pollers must wait for fetchers
			Seen: state, Validators: state,
			OnFailure: func(f Failure) {
				mu.Lock()
				defer mu.Unlock()
				key := f.URL
				if key == "" {
					key = f.Feed
				}
				if _, dup := failures[key]; dup {
					t.Errorf("failure reported twice: %v", f)
				}
				failures[key] = f
			},
		}, sink)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := w.Once(ctx); err != nil {
			t.Fatal(err)
		}
		return sink, failures, w.Stats()
	}

	sink, failures, stats := run()

	want := []string{
		a.url("/news/1"), a.url("/news/2?utm_source=rss#top"), a.url("/slow/1"), a.url("/news/flaky"),
		a.url("/news/3"), a.url("/news/4?b=2&a=1"), b.url("/news/1"), b.url("/news/2"), b.url("/slow/2"), b.url("/news/3"),
	}
	// The first listing of a URL wins; which feed that is depends on the
	// order the pollers run in, so /news/2 may come through either form.
	var got []string
	for u, docs := range sink.docs {
		if len(docs) != 1 {
			t.Errorf("%s delivered %d times", u, len(docs))
		}
		got = append(got, NormalizeURL(u))
	}
	var wantKeys []string
	for _, u := range want {
		wantKeys = append(wantKeys, NormalizeURL(u))
	}
	sort.Strings(got)
	sort.Strings(wantKeys)
	if strings.Join(got, "\n") != strings.Join(wantKeys, "\n") {
		t.Errorf("delivered:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantKeys, "\n"))
	}
	for _, docs := range sink.docs {
		d := docs[0]
		if d.Kind != crosscheck.KindHTML || !strings.Contains(string(d.Body), "<article>") || d.Source != d.URL {
			t.Errorf("document %s: kind %v source %q", d.URL, d.Kind, d.Source)
		}
	}
	if d := sink.docs[a.url("/news/4?b=2&a=1")]; len(d) == 1 && d[0].Outlet != "JSON Outlet" {
		t.Errorf("outlet from the config not set: %q", d[0].Outlet)
	}
	if d := sink.docs[b.url("/news/2")]; len(d) == 1 && (d[0].Outlet != "Sitemap Daily" || d[0].Published == nil) {
		t.Errorf("news sitemap publication not carried: %q %v", d[0].Outlet, d[0].Published)
	}

	wantFailed := map[string]string{
		a.url("/fail/1"):             "HTTP 500",
		a.url("/cut/1"):              "reading the response",
		a.url("/hang/1"):             "timed out",
		a.url("/private/1"):          "robots.txt",
		a.url("/gone/1"):             "HTTP 404",
		"http://example.com/outside": "non-loopback",
		"http://10.1.2.3/inside":     "non-loopback",
		b.url("/broken.xml"):         "not a feed",
		b.url("/missing.xml"):        "HTTP 404",
	}
	for u, words := range wantFailed {
		err, ok := failures[u]
		if !ok {
			t.Errorf("failure of %s not reported", u)
			continue
		}
		if !strings.Contains(err.Error(), words) {
			t.Errorf("failure of %s: %v, want it to say %q", u, err, words)
		}
	}
	if len(failures) != len(wantFailed) {
		t.Errorf("%d failures reported, want %d: %v", len(failures), len(wantFailed), failures)
	}

	// Every page once; the failing ones as often as they are tried.
	for path, n := range map[string]int{"/news/1": 1, "/news/2": 1, "/news/3": 1, "/news/4": 1, "/slow/1": 1, "/news/flaky": 2, "/fail/1": DefaultAttempts, "/cut/1": DefaultAttempts, "/hang/1": DefaultAttempts, "/gone/1": 1, "/private/1": 0, "/robots.txt": 1} {
		if got := a.count(path); got != n {
			t.Errorf("site a %s requested %d times, want %d", path, got, n)
		}
	}
	for path, n := range map[string]int{"/news/1": 1, "/news/2": 1, "/news/3": 1, "/slow/2": 1} {
		if got := b.count(path); got != n {
			t.Errorf("site b %s requested %d times, want %d", path, got, n)
		}
	}
	if stats.Delivered != int64(len(want)) || stats.Failed != 7 || stats.FeedFailures != 2 {
		t.Errorf("stats %+v", stats)
	}

	// Nothing but loopback was reached.
	for _, addr := range transport.dialled {
		host, _, _ := net.SplitHostPort(addr)
		if ip, err := netip.ParseAddr(host); err != nil || !ip.IsLoopback() {
			t.Errorf("dialled %s", addr)
		}
	}
	if len(transport.refused) == 0 {
		t.Error("the outside URLs were never tried: the test proves nothing")
	}

	// A second round with the same state: the RSS feed answers 304, no
	// article comes twice, and only the transient failures are tried again.
	if err := state.Flush(); err != nil {
		t.Fatal(err)
	}
	sink2, failures2, stats2 := run()
	if len(sink2.docs) != 0 {
		t.Errorf("second round delivered %d articles again", len(sink2.docs))
	}
	if stats2.NotModified < 1 {
		t.Errorf("the RSS feed's ETag was not sent: %+v", stats2)
	}
	if a.count("/news/1") != 1 || a.count("/gone/1") != 1 {
		t.Errorf("settled articles fetched again: /news/1 %d, /gone/1 %d", a.count("/news/1"), a.count("/gone/1"))
	}
	if _, ok := failures2[a.url("/gone/1")]; ok {
		t.Error("a permanent failure was tried again")
	}
}

// TestWatchRefusesLoopbackByDefault: without AllowPrivate the guarded
// fetcher refuses the loopback feed, as it would an internal address.
func TestWatchRefusesLoopbackByDefault(t *testing.T) {
	a := newSite(t)
	a.feeds["/rss.xml"] = rss(a.url("/news/1"))
	var failures []Failure
	w, err := New(Options{Feeds: []Feed{{URL: a.url("/rss.xml")}}, OnFailure: func(f Failure) { failures = append(failures, f) }}, SinkFunc(func(context.Context, crosscheck.Document) error {
		t.Error("delivered a document from loopback")
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Once(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(failures) != 1 || !strings.Contains(failures[0].Error(), "loopback") {
		t.Errorf("failures %v", failures)
	}
	if n := a.count("/rss.xml") + a.count("/robots.txt"); n != 0 {
		t.Errorf("loopback server reached %d times", n)
	}
}
