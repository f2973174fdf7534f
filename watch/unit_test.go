package watch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNormalizeURL(t *testing.T) {
	same := [][]string{
		{"https://Example.ORG:443/a/b?utm_source=x&id=2&fbclid=1#frag", "https://example.org/a/b?id=2"},
		{"http://example.org", "http://example.org/"},
		{"http://example.org:80/x?b=2&a=1", "http://example.org/x?a=1&b=2"},
		{"http://example.org:8080/x", "http://example.org:8080/x"},
	}
	for _, c := range same {
		if got := NormalizeURL(c[0]); got != c[1] {
			t.Errorf("NormalizeURL(%q) = %q, want %q", c[0], got, c[1])
		}
	}
	if NormalizeURL("http://example.org/A") == NormalizeURL("http://example.org/a") {
		t.Error("paths are case-sensitive; they must not be folded")
	}
	for _, bad := range []string{"", "ftp://example.org/x", "/relative", "mailto:a@b.c"} {
		if got := NormalizeURL(bad); got != "" {
			t.Errorf("NormalizeURL(%q) = %q, want \"\"", bad, got)
		}
	}
}

func TestMemorySeenEvicts(t *testing.T) {
	s := NewMemorySeen(2)
	if !s.Claim("a") || !s.Claim("b") || s.Claim("a") {
		t.Fatal("claims")
	}
	s.Claim("c") // evicts b, the least recently claimed
	if !s.Claim("b") {
		t.Error("b not evicted")
	}
	s.Release("b")
	if !s.Claim("b") || s.Len() != 2 {
		t.Errorf("release: len %d", s.Len())
	}
}

func TestStateFileSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state")
	st, err := OpenStateFile(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	st.Claim("http://x.test/1")
	st.Done("http://x.test/1")
	st.Claim("http://x.test/2") // claimed, never settled: not written
	st.SetFeedValidators("http://x.test/feed", Validators{ETag: `"a"`, LastModified: "Mon, 02 Jan 2006 15:04:05 GMT"})
	st.SetFeedValidators("http://x.test/feed", Validators{ETag: `"b"`})
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st, err = OpenStateFile(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Claim("http://x.test/1") {
		t.Error("settled URL forgotten")
	}
	if !st.Claim("http://x.test/2") {
		t.Error("unsettled URL remembered")
	}
	if v := st.FeedValidators("http://x.test/feed"); v.ETag != `"b"` || v.LastModified != "" {
		t.Errorf("validators %+v", v)
	}
}

func TestParseConfig(t *testing.T) {
	cfg, err := ParseConfig([]byte("# feeds\n\nhttps://a.test/rss\n  https://b.test/sitemap.xml  \n"))
	if err != nil || len(cfg.Feeds) != 2 || cfg.Feeds[1].URL != "https://b.test/sitemap.xml" {
		t.Fatalf("lines: %+v %v", cfg, err)
	}
	cfg, err = ParseConfig([]byte(`{"interval": "5m", "workers": 2, "feeds": [{"url": "https://a.test/rss", "outlet": "A", "interval": "90s"}]}`))
	if err != nil || time.Duration(cfg.Interval) != 5*time.Minute || cfg.Workers != 2 || cfg.Feeds[0].Outlet != "A" || time.Duration(cfg.Feeds[0].Interval) != 90*time.Second {
		t.Fatalf("json: %+v %v", cfg, err)
	}
	for _, bad := range []string{"ftp://a.test/x", "https://a.test/x extra", `{"feeds": [{"url": "x"}]}`, `{"interval": "soon"}`, `{"unknown": 1}`} {
		if _, err := ParseConfig([]byte(bad)); err == nil {
			t.Errorf("config %q accepted", bad)
		}
	}
	path := filepath.Join(t.TempDir(), "feeds.txt")
	os.WriteFile(path, []byte("https://a.test/rss\nnot a url\n"), 0o644)
	if _, err := LoadConfig(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error does not name the file: %v", err)
	}
}

func TestParseListing(t *testing.T) {
	base := "https://news.test/feeds/main.xml"
	l, err := parseListing([]byte(rss("/a/1", "https://other.test/b", "javascript:alert(1)")), base)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries) != 2 || l.Entries[0].URL != "https://news.test/a/1" || l.Entries[0].Published == nil {
		t.Errorf("rss entries %+v", l.Entries)
	}
	l, err = parseListing([]byte(sitemapIndex("https://news.test/s1.xml")), base)
	if err != nil || len(l.Sitemaps) != 1 || len(l.Entries) != 0 {
		t.Errorf("index %+v %v", l, err)
	}
	l, err = parseListing([]byte(newsSitemap("https://news.test/n/1")), base)
	if err != nil || len(l.Entries) != 1 || l.Entries[0].Outlet != "Sitemap Daily" || l.Entries[0].Published.Year() != 2024 {
		t.Errorf("news sitemap %+v %v", l, err)
	}
	if _, err := parseListing([]byte("<html><body>hi</body></html>"), base); err == nil {
		t.Error("an HTML page parsed as a feed")
	}
}

// TestSchedulerPoliteness: one request at a time per host, HostDelay
// apart; backoff doubles and is capped; other hosts are not held up.
func TestSchedulerPoliteness(t *testing.T) {
	s := newScheduler(10, time.Second, 2*time.Second, 10*time.Second)
	now := time.Unix(1000, 0)
	s.now = func() time.Time { return now }
	s.jitter = func() float64 { return 0.999 }
	for n, want := range map[int]time.Duration{1: 2 * time.Second, 2: 4 * time.Second, 3: 8 * time.Second, 4: 10 * time.Second, 9: 10 * time.Second} {
		if got := s.backoff(n); got < want*99/100 || got > want {
			t.Errorf("backoff(%d) = %s, want about %s", n, got, want)
		}
	}
	s.jitter = func() float64 { return 0 }
	if got := s.backoff(1); got != time.Second {
		t.Errorf("backoff with no jitter = %s, want half of 2s", got)
	}

	ctx := context.Background()
	s.push(ctx, item{url: "a1", host: "a"}, false)
	s.push(ctx, item{url: "a2", host: "a"}, false)
	s.push(ctx, item{url: "b1", host: "b"}, false)
	first, _ := s.pop(ctx)
	second, _ := s.pop(ctx)
	if first.host == second.host {
		t.Fatalf("two requests to host %s at once", first.host)
	}
	s.release("a", true, 0)  // a failed: backoff
	s.release("b", false, 0) // b fine: HostDelay
	ctx2, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if it, err := s.pop(ctx2); err == nil {
		t.Fatalf("popped %s before its host was due", it.url)
	}
	now = now.Add(1500 * time.Millisecond) // past a's backoff (1s with no jitter)
	if it, err := s.pop(ctx); err != nil || it.url != "a2" {
		t.Fatalf("pop after backoff: %v %v", it, err)
	}
	s.release("a", false, 5*time.Second) // Retry-After wins over HostDelay
	if h := s.hosts["a"]; h.next.Sub(now) != 5*time.Second {
		t.Errorf("Retry-After not honoured: next in %s", h.next.Sub(now))
	}
	s.close()
	if _, err := s.pop(ctx); err != errClosed {
		t.Errorf("pop on a closed empty scheduler: %v", err)
	}
}

// TestSchedulerBounded: push waits while the queue is full.
func TestSchedulerBounded(t *testing.T) {
	s := newScheduler(1, 0, time.Millisecond, time.Millisecond)
	ctx := context.Background()
	s.push(ctx, item{url: "1", host: "h"}, false)
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := s.push(short, item{url: "2", host: "h"}, false); err == nil {
		t.Fatal("push into a full queue did not wait")
	}
	if err := s.push(ctx, item{url: "3", host: "h"}, true); err != nil || s.length() != 2 {
		t.Fatalf("forced push: %v, %d queued", err, s.length())
	}
}
