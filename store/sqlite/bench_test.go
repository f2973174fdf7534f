package sqlite_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/store/sqlite"
	"github.com/crosscheck-news/crosscheck/store/storetest"
)

func benchStore(b *testing.B) *sqlite.Store {
	st, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

func benchArticle(i int) *crosscheck.Article {
	name := fmt.Sprintf("bench%07d", i)
	return storetest.Article(name, fmt.Sprintf("Outlet %d", i%40), "en", nil, "Title of "+name,
		strings.Repeat("A sentence of the article "+name+" long enough to look like news. ", 60))
}

// BenchmarkWrite is one ingested article's store work: AddArticle and the
// PutStory of a one-article story, each its own durable (fsynced) commit,
// from two goroutines.
func BenchmarkWrite(b *testing.B) {
	st := benchStore(b)
	arts := make([]*crosscheck.Article, b.N)
	for i := range arts {
		arts[i] = benchArticle(i)
	}
	var next atomic.Int64
	b.ResetTimer()
	b.SetParallelism(1)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			a := arts[next.Add(1)-1]
			if _, err := st.AddArticle(b.Context(), a); err != nil {
				b.Fatal(err)
			}
			s := &crosscheck.Story{ID: "s" + a.ID, Title: a.Title, Articles: []string{a.ID}, Outlets: []string{a.Outlet}}
			if err := st.PutStory(b.Context(), s); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStoryRead reads stories by ID from several goroutines: the
// server's story page.
func BenchmarkStoryRead(b *testing.B) {
	st := benchStore(b)
	const n = 2000
	for i := range n {
		a := benchArticle(i)
		if _, err := st.AddArticle(b.Context(), a); err != nil {
			b.Fatal(err)
		}
		if err := st.PutStory(b.Context(), &crosscheck.Story{ID: fmt.Sprintf("s%d", i), Title: a.Title, Articles: []string{a.ID}, Outlets: []string{a.Outlet}}); err != nil {
			b.Fatal(err)
		}
	}
	var next atomic.Int64
	b.ResetTimer()
	b.SetParallelism(4)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := st.Story(b.Context(), fmt.Sprintf("s%d", next.Add(7919)%n)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
