package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// testFeeds checks the crosscheck.FeedStore side of a store: feeds kept
// once per URL (also when added at the same time), listed oldest first,
// removed by ID.
func testFeeds(t *testing.T, store crosscheck.Store) {
	st, ok := store.(crosscheck.FeedStore)
	if !ok {
		t.Fatalf("%T does not implement crosscheck.FeedStore", store)
	}
	c := ctx(t)
	none, err := st.Feeds(c)
	if err != nil {
		t.Fatal(err)
	}
	if none == nil || len(none) != 0 {
		t.Fatalf("Feeds of an empty store = %#v, want an empty, non-nil slice (it is the JSON [])", none)
	}

	rss := &crosscheck.Feed{URL: "https://harbour.example/rss.xml", Name: "Harbour Post", Added: base}
	sitemap := &crosscheck.Feed{URL: "https://wire.example/news-sitemap.xml"} // Added left zero
	for _, f := range []*crosscheck.Feed{rss, sitemap} {
		added, err := st.AddFeed(c, f)
		if err != nil {
			t.Fatal(err)
		}
		if !added || f.ID == 0 || f.Added.IsZero() {
			t.Fatalf("AddFeed(%s) = %v, left ID %d, Added %v", f.URL, added, f.ID, f.Added)
		}
	}
	if rss.ID == sitemap.ID {
		t.Fatalf("two feeds got ID %d", rss.ID)
	}
	if !rss.Added.Equal(base) {
		t.Errorf("AddFeed changed a given Added time to %v", rss.Added)
	}

	// The same URL again, under another name: the stored feed, unchanged.
	again := &crosscheck.Feed{URL: rss.URL, Name: "another name", Added: base.Add(time.Hour)}
	added, err := st.AddFeed(c, again)
	if err != nil {
		t.Fatal(err)
	}
	if added || jsonOf(t, again) != jsonOf(t, rss) {
		t.Errorf("AddFeed of a stored URL = %v, %s; want false, %s", added, jsonOf(t, again), jsonOf(t, rss))
	}

	all, err := st.Feeds(c)
	if err != nil {
		t.Fatal(err)
	}
	if jsonOf(t, all) != jsonOf(t, []*crosscheck.Feed{rss, sitemap}) {
		t.Errorf("Feeds = %s, want both once, oldest first: %s", jsonOf(t, all), jsonOf(t, []*crosscheck.Feed{rss, sitemap}))
	}

	if err := st.RemoveFeed(c, rss.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.RemoveFeed(c, rss.ID); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("RemoveFeed of a removed feed: %v, want ErrNotFound", err)
	}
	if err := st.RemoveFeed(c, sitemap.ID+rss.ID+100); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("RemoveFeed of no feed: %v, want ErrNotFound", err)
	}
	all, err = st.Feeds(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 || all[0].ID != sitemap.ID {
		t.Errorf("Feeds after a removal = %s, want only %d", jsonOf(t, all), sitemap.ID)
	}
	// A removed feed added again is a new feed: nothing refers to the old ID.
	back := &crosscheck.Feed{URL: rss.URL}
	if added, err := st.AddFeed(c, back); err != nil || !added || back.ID == rss.ID {
		t.Errorf("AddFeed of a removed URL = %v, %v, ID %d (old %d); want a new feed", added, err, back.ID, rss.ID)
	}

	// Many adds of one new URL at once: one is stored, each caller gets it.
	const n = 8
	fs := make([]crosscheck.Feed, n)
	news := make([]bool, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			fs[i] = crosscheck.Feed{URL: "https://ferry.example/feed.json"}
			var err error
			if news[i], err = st.AddFeed(c, &fs[i]); err != nil {
				t.Errorf("concurrent AddFeed: %v", err)
			}
		})
	}
	wg.Wait()
	created := 0
	for i := range n {
		if news[i] {
			created++
		}
		if fs[i].ID != fs[0].ID || fs[i].ID == 0 {
			t.Errorf("concurrent AddFeed %d got ID %d, AddFeed 0 got %d", i, fs[i].ID, fs[0].ID)
		}
	}
	if created != 1 {
		t.Errorf("%d of %d concurrent AddFeed calls of one URL said they added it, want 1", created, n)
	}
	if all, err := st.Feeds(c); err != nil || len(all) != 3 {
		t.Errorf("Feeds after the concurrent adds: %d feeds, %v; want 3", len(all), err)
	}
}
