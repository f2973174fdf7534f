package watch

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/source"
)

// listFeeds is a FeedLister over a list the test changes.
type listFeeds struct {
	mu    sync.Mutex
	feeds []Feed
	err   error
}

func (l *listFeeds) set(err error, feeds ...Feed) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.feeds, l.err = feeds, err
}

func (l *listFeeds) list(context.Context) ([]Feed, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.feeds), l.err
}

func feedURLs(w *Watcher) string {
	var us []string
	for _, f := range w.Feeds() {
		us = append(us, f.URL)
	}
	return strings.Join(us, " ")
}

func TestFeedSyncApplies(t *testing.T) {
	w, err := New(Options{Feeds: []Feed{{URL: "https://static.example/rss.xml"}}}, SinkFunc(func(context.Context, crosscheck.Document) error { return nil }))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var l listFeeds
	s := NewFeedSync(w, l.list)
	ctx := t.Context()
	step := func(name string, wantAdded, wantRemoved int, wantFeeds string) {
		t.Helper()
		added, removed, err := s.Sync(ctx)
		if err != nil {
			t.Errorf("%s: Sync: %v", name, err)
		}
		if added != wantAdded || removed != wantRemoved {
			t.Errorf("%s: Sync added %d, removed %d; want %d, %d", name, added, removed, wantAdded, wantRemoved)
		}
		if got := feedURLs(w); got != wantFeeds {
			t.Errorf("%s: feeds %q, want %q", name, got, wantFeeds)
		}
	}
	l.set(nil, Feed{URL: "https://static.example/rss.xml"}, Feed{URL: "https://a.example/feed"})
	step("first", 1, 0, "https://static.example/rss.xml https://a.example/feed")
	step("unchanged", 0, 0, "https://static.example/rss.xml https://a.example/feed")
	// Dropping the static feed from the list does not remove it: it was
	// not the list's.
	l.set(nil, Feed{URL: "https://b.example/sitemap.xml"})
	step("replaced", 1, 1, "https://static.example/rss.xml https://b.example/sitemap.xml")

	// A list that cannot be read changes nothing.
	l.set(errors.New("store down"))
	if _, _, err := s.Sync(ctx); err == nil || !strings.Contains(err.Error(), "store down") {
		t.Errorf("Sync of a failing list: %v", err)
	}
	if got := feedURLs(w); got != "https://static.example/rss.xml https://b.example/sitemap.xml" {
		t.Errorf("feeds after a failed list: %q", got)
	}
	// A bad entry is named; the good ones are applied.
	l.set(nil, Feed{URL: "ftp://c.example/x"}, Feed{URL: "https://b.example/sitemap.xml"}, Feed{URL: "https://d.example/atom"})
	added, removed, err := s.Sync(ctx)
	if err == nil || !strings.Contains(err.Error(), "ftp://c.example/x") || added != 1 || removed != 0 {
		t.Errorf("Sync with a bad URL = %d, %d, %v", added, removed, err)
	}
	if got := feedURLs(w); got != "https://static.example/rss.xml https://b.example/sitemap.xml https://d.example/atom" {
		t.Errorf("feeds after a bad entry: %q", got)
	}
	l.set(nil)
	step("emptied", 0, 2, "https://static.example/rss.xml")

	if w.RemoveFeed("https://nowhere.example/") {
		t.Error("RemoveFeed of an unknown feed said it removed it")
	}
	if !w.RemoveFeed("https://static.example/rss.xml") || feedURLs(w) != "" {
		t.Errorf("RemoveFeed left %q", feedURLs(w))
	}
}

// TestFeedSyncWhileRunning: a running Watcher polls a feed as soon as the
// list has it, and stops polling it once the list drops it, while a feed it
// was given keeps being polled.
func TestFeedSyncWhileRunning(t *testing.T) {
	a := newSite(t)
	a.feeds["/static.xml"] = rss(a.url("/news/s1"))
	a.feeds["/a.xml"] = rss(a.url("/news/a1"))
	a.feeds["/b.xml"] = rss(a.url("/news/b1"))
	transport := &loopbackOnly{}
	client := &http.Client{Transport: &http.Transport{DialContext: transport.dial}}
	sink := &recorder{docs: map[string][]crosscheck.Document{}}
	delivered := func(u string) bool {
		sink.mu.Lock()
		defer sink.mu.Unlock()
		return len(sink.docs[u]) > 0
	}
	w, err := New(Options{
		Feeds:     []Feed{{URL: a.url("/static.xml")}},
		Source:    source.Options{Client: client, Timeout: 2 * time.Second},
		Interval:  50 * time.Millisecond,
		HostDelay: time.Millisecond,
		OnFailure: func(f Failure) { t.Errorf("failure: %v", f) },
	}, sink)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var l listFeeds
	l.set(nil, Feed{URL: a.url("/a.xml")})
	s := NewFeedSync(w, l.list)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { w.Run(ctx) })
	wg.Go(func() { s.Run(ctx, 10*time.Millisecond, nil) })
	defer func() {
		cancel()
		wg.Wait()
	}()

	waitFor := func(what string, cond func() bool) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for !cond() {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s (feeds %q)", what, feedURLs(w))
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	waitFor("the listed feed's article", func() bool { return delivered(a.url("/news/a1")) })
	waitFor("the given feed's article", func() bool { return delivered(a.url("/news/s1")) })

	l.set(nil, Feed{URL: a.url("/b.xml")})
	waitFor("the newly listed feed's article", func() bool { return delivered(a.url("/news/b1")) })
	waitFor("the dropped feed's removal", func() bool { return feedURLs(w) == a.url("/static.xml")+" "+a.url("/b.xml") })
	// A poll of /a.xml may have been under way when it was removed.
	dropped, static, b := a.count("/a.xml")+1, a.count("/static.xml"), a.count("/b.xml")
	waitFor("two more polls of the remaining feeds", func() bool {
		return a.count("/static.xml") >= static+2 && a.count("/b.xml") >= b+2
	})
	if n := a.count("/a.xml"); n > dropped {
		t.Errorf("the dropped feed was polled %d times after its removal", n-dropped+1)
	}
}
