package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/store/sqlite"
	"github.com/crosscheck-news/crosscheck/store/storetest"
)

// TestGroupCommit adds articles from many goroutines at once, each article
// twice, so that commits hold several articles: each is added exactly once,
// and every acknowledged article reads back.
func TestGroupCommit(t *testing.T) {
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "group.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const n = 120
	arts := make([]*crosscheck.Article, n)
	for i := range arts {
		name := fmt.Sprintf("group%03d", i)
		arts[i] = storetest.Article(name, "Outlet", "en", nil, "Title "+name, "Body of "+name+". It has two sentences.")
	}
	var mu sync.Mutex
	added := map[string]int{}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g % 2; i < 2*n; i += 2 {
				a := arts[(i/2+g*17)%n]
				ok, err := st.AddArticle(t.Context(), a)
				if err != nil {
					t.Errorf("AddArticle(%s): %v", a.ID, err)
					return
				}
				if ok {
					mu.Lock()
					added[a.ID]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for _, a := range arts {
		if added[a.ID] != 1 {
			t.Errorf("article %s added %d times", a.ID, added[a.ID])
		}
	}
	ids := make([]string, n)
	for i, a := range arts {
		ids[i] = a.ID
	}
	got, err := st.Articles(t.Context(), ids)
	if err != nil || len(got) != n {
		t.Fatalf("Articles: %d of %d, %v", len(got), n, err)
	}

	// A caller whose context is cancelled gets an error or its result,
	// never a hang, and the store keeps working.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	late := storetest.Article("late", "Outlet", "en", nil, "Late", "Added with a cancelled context.")
	if _, err := st.AddArticle(ctx, late); err != nil {
		t.Logf("cancelled AddArticle: %v", err)
	}
	if _, err := st.AddArticle(t.Context(), late); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Article(t.Context(), late.ID); err != nil {
		t.Fatal(err)
	}
}
