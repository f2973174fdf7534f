package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

func TestStoryCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newStoryCache(400)
	body := make([]byte, 100)
	for i := range 4 {
		c.put(fmt.Sprint(i), 1, body)
	}
	if _, ok := c.get("0", 1); !ok { // 0 is now the most recent
		t.Fatal("story 0 not cached")
	}
	c.put("4", 1, body) // over the bound: 1 goes
	if _, ok := c.get("1", 1); ok {
		t.Error("story 1, the least recently used, is still cached")
	}
	for _, id := range []string{"0", "2", "3", "4"} {
		if _, ok := c.get(id, 1); !ok {
			t.Errorf("story %s evicted", id)
		}
	}
	if _, ok := c.get("0", 2); ok {
		t.Error("a newer revision was answered from the cache")
	}
	c.put("0", 2, body[:50])
	if c.size != 350 {
		t.Errorf("size after replacing a story = %d, want 350", c.size)
	}
	if c.full() {
		t.Errorf("a cache holding %d of %d bytes says it is full", c.size, c.max)
	}
	c.put("5", 1, body[:10])
	if !c.full() {
		t.Errorf("a cache holding %d of %d bytes says it is not full", c.size, c.max)
	}
	c.put("big", 1, make([]byte, 101))
	if _, ok := c.get("big", 1); ok {
		t.Error("a body over a quarter of the bound was cached")
	}
}

// A cached story is never served stale: after an article joins it, the
// next read shows the article, and the ETag changes.
func TestStoryReadsSeeNewArticles(t *testing.T) {
	ts := newTestServer(t, Options{})
	items := ts.ingestExamples(t)
	id := items[0].Story
	code, h, body := ts.do(t, "GET", "/api/stories/"+id, "", nil, "")
	if code != http.StatusOK || h.Get("ETag") == "" {
		t.Fatalf("GET story: %d, ETag %q", code, h.Get("ETag"))
	}
	first := decode[crosscheck.Report](t, body).Stories[0]
	if code, _, _ := ts.do(t, "GET", "/api/stories/"+id, "", nil, "", "If-None-Match", h.Get("ETag")); code != http.StatusNotModified {
		t.Errorf("GET with the current ETag: %d, want 304", code)
	}
	// Post the story's first article again, reworded enough to be a new
	// article: it joins the same story.
	_, art := ts.get(t, "/api/articles/"+first.Articles[0])
	a := decode[articleAnswer](t, art).Article
	doc := fmt.Sprintf(`{"title":%q,"outlet":"Another Outlet","text":%q}`, a.Title, "Update: "+a.Text)
	code, _, posted := ts.do(t, "POST", "/api/articles", "application/json", []byte(doc), testToken)
	if code != http.StatusOK {
		t.Fatalf("POST: %d %s", code, truncate(posted))
	}
	added := decode[ingestAnswer](t, posted).Articles[0]
	if added.Story != id {
		t.Skipf("the reworded article went to story %s, not %s", added.Story, id)
	}
	code, h2, body := ts.do(t, "GET", "/api/stories/"+id, "", nil, "")
	again := decode[crosscheck.Report](t, body).Stories[0]
	if code != http.StatusOK || !slices.Contains(again.Articles, added.Article) {
		t.Errorf("after the POST the story has %v, want it to include %s", again.Articles, added.Article)
	}
	if h2.Get("ETag") == h.Get("ETag") {
		t.Errorf("ETag unchanged (%s) after the story changed", h.Get("ETag"))
	}
}

// A story is cached gzipped: a client that accepts gzip gets those bytes,
// one that does not gets the same JSON inflated, under another ETag.
func TestStoryReadEncodings(t *testing.T) {
	ts := newTestServer(t, Options{})
	id := ts.ingestExamples(t)[0].Story
	read := func(acceptEncoding string) (http.Header, []byte) {
		t.Helper()
		code, h, body := ts.do(t, "GET", "/api/stories/"+id, "", nil, "", "Accept-Encoding", acceptEncoding)
		if code != http.StatusOK {
			t.Fatalf("GET story with Accept-Encoding %q: %d", acceptEncoding, code)
		}
		return h, body
	}
	for range 2 { // the first read fills the cache, the second reads it
		hz, zipped := read("gzip, deflate")
		if hz.Get("Content-Encoding") != "gzip" {
			t.Fatalf("Accept-Encoding gzip: Content-Encoding %q", hz.Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(zipped))
		if err != nil {
			t.Fatal(err)
		}
		inflated, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		for _, ae := range []string{"identity", "gzip;q=0", ""} {
			h, plain := read(ae)
			if h.Get("Content-Encoding") != "" {
				t.Errorf("Accept-Encoding %q: Content-Encoding %q", ae, h.Get("Content-Encoding"))
			}
			if !bytes.Equal(plain, inflated) {
				t.Errorf("Accept-Encoding %q: the JSON differs from the gzipped one inflated", ae)
			}
			if h.Get("ETag") == hz.Get("ETag") {
				t.Errorf("both encodings have ETag %s", h.Get("ETag"))
			}
		}
		if !json.Valid(inflated) {
			t.Fatal("the story is not JSON")
		}
		if code, _, _ := ts.do(t, "GET", "/api/stories/"+id, "", nil, "", "Accept-Encoding", "gzip", "If-None-Match", hz.Get("ETag")); code != http.StatusNotModified {
			t.Errorf("GET gzip with its ETag: %d, want 304", code)
		}
	}
}

// WarmStories makes every story of a small store ready in the cache, and
// stops at nine tenths of the cache's bound.
func TestWarmStories(t *testing.T) {
	ts := newTestServer(t, Options{})
	items := ts.ingestExamples(t)
	stories := map[string]bool{}
	for _, it := range items {
		stories[it.Story] = true
	}
	ts.stories = newStoryCache(DefaultStoryCacheBytes) // as after a restart
	n, err := ts.WarmStories(t.Context())
	if err != nil || n != len(stories) {
		t.Fatalf("WarmStories = %d, %v; want %d stories", n, err, len(stories))
	}
	for id := range stories {
		rev, err := ts.store.StoryRevision(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := ts.stories.get(id, rev); !ok {
			t.Errorf("story %s not cached after warming", id)
		}
	}
}
