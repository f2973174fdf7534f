package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

func TestFeedsAPI(t *testing.T) {
	ts := newTestServer(t, Options{})
	post := func(body, token string) (int, []byte) {
		t.Helper()
		code, _, out := ts.do(t, "POST", "/api/feeds", "application/json", []byte(body), token)
		return code, out
	}
	list := func() []crosscheck.Feed {
		t.Helper()
		code, body := ts.get(t, "/api/feeds")
		if code != http.StatusOK {
			t.Fatalf("GET /api/feeds: %d %s", code, truncate(body))
		}
		return decode[[]crosscheck.Feed](t, body)
	}

	if code, body := ts.get(t, "/api/feeds"); code != http.StatusOK || strings.TrimSpace(string(body)) != "[]" {
		t.Errorf("GET /api/feeds of an empty store: %d %s, want 200 []", code, body)
	}

	code, body := post(`{"url": "https://harbour.example/rss.xml", "name": "Harbour Post"}`, testToken)
	if code != http.StatusCreated {
		t.Fatalf("POST /api/feeds: %d %s", code, truncate(body))
	}
	first := decode[crosscheck.Feed](t, body)
	if first.ID == 0 || first.URL != "https://harbour.example/rss.xml" || first.Name != "Harbour Post" || first.Added.IsZero() {
		t.Errorf("created feed %+v", first)
	}
	code, body = post(`{"url": "http://wire.example/news-sitemap.xml"}`, testToken)
	if code != http.StatusCreated {
		t.Fatalf("POST /api/feeds: %d %s", code, truncate(body))
	}
	second := decode[crosscheck.Feed](t, body)

	// The same feed again, written another way and under another name: the
	// stored one, unchanged, and no second feed.
	code, body = post(`{"url": " HTTPS://Harbour.EXAMPLE:443/rss.xml#latest ", "name": "other"}`, testToken)
	if code != http.StatusOK {
		t.Fatalf("POST of a stored feed: %d %s, want 200", code, truncate(body))
	}
	if again := decode[crosscheck.Feed](t, body); again.ID != first.ID || again.Name != "Harbour Post" || !again.Added.Equal(first.Added) {
		t.Errorf("POST of a stored feed answered %+v, want %+v", again, first)
	}
	if got := list(); len(got) != 2 || got[0].ID != first.ID || got[1].ID != second.ID {
		t.Errorf("GET /api/feeds = %+v, want the two feeds, oldest first", got)
	}

	// Writes need the token.
	if code, _ := post(`{"url": "https://ferry.example/feed"}`, ""); code != http.StatusUnauthorized {
		t.Errorf("POST without a token: %d, want 401", code)
	}
	if code, _ := post(`{"url": "https://ferry.example/feed"}`, "wrong"); code != http.StatusUnauthorized {
		t.Errorf("POST with a wrong token: %d, want 401", code)
	}
	if code, _, _ := ts.do(t, "DELETE", "/api/feeds/1", "", nil, ""); code != http.StatusUnauthorized {
		t.Errorf("DELETE without a token: %d, want 401", code)
	}

	for _, bad := range []struct{ body, says string }{
		{`{"url": "ftp://ferry.example/feed"}`, "http"},
		{`{"url": "/rss.xml"}`, "http"},
		{`{"url": "https:///rss.xml"}`, "no host"},
		{`{"url": "https:rss.xml"}`, "no host"},
		{`{"url": "https://user:pw@ferry.example/feed"}`, "password"},
		{`{"url": "https://ferry.example/` + strings.Repeat("a", crosscheck.MaxFeedURLBytes) + `"}`, "at most"},
		{`{"url": ""}`, "no URL"},
		{`{"name": "no url"}`, "no URL"},
		{`{"url": "https://ferry.example/feed", "name": "two\nlines"}`, "one line"},
		{`{"url": "https://ferry.example/feed", "outlet": "Ferry"}`, "unknown field"},
		{`{"url": "https://ferry.example/feed"} {"url": "https://ferry.example/other"}`, "one JSON object"},
		{`not json`, "JSON object"},
	} {
		code, body := post(bad.body, testToken)
		if code != http.StatusBadRequest || !strings.Contains(string(body), bad.says) {
			t.Errorf("POST %.60s: %d %s, want 400 saying %q", bad.body, code, truncate(body), bad.says)
		}
	}
	if got := list(); len(got) != 2 {
		t.Errorf("refused feeds were stored: %+v", got)
	}

	if code, _, body := ts.do(t, "DELETE", "/api/feeds/x1", "", nil, testToken); code != http.StatusBadRequest {
		t.Errorf("DELETE of a bad ID: %d %s, want 400", code, body)
	}
	if code, _, body := ts.do(t, "DELETE", fmt.Sprint("/api/feeds/", first.ID), "", nil, testToken); code != http.StatusNoContent {
		t.Fatalf("DELETE: %d %s, want 204", code, body)
	}
	if code, _, _ := ts.do(t, "DELETE", fmt.Sprint("/api/feeds/", first.ID), "", nil, testToken); code != http.StatusNotFound {
		t.Errorf("DELETE of a removed feed: %d, want 404", code)
	}
	if got := list(); len(got) != 1 || got[0].ID != second.ID {
		t.Errorf("GET /api/feeds after DELETE = %+v, want only %d", got, second.ID)
	}
}

// TestFeedsAPINeedsFeedStore: a store that keeps no feeds has no feed
// endpoints.
func TestFeedsAPINeedsFeedStore(t *testing.T) {
	ts := newTestServer(t, Options{})
	srv, err := New(struct{ crosscheck.Store }{ts.store}, nil, Options{Token: testToken, Rate: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, rt := range srv.routes() {
		if strings.HasPrefix(rt.pattern, "/api/feeds") {
			t.Errorf("route %s %s served without a crosscheck.FeedStore", rt.method, rt.pattern)
		}
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/feeds", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET /api/feeds without a FeedStore: %d, want 404", rec.Code)
	}
}
