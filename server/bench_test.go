package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/pipeline"
)

func benchAssemble(id string, arts []*crosscheck.Article) *crosscheck.Story {
	s := ingest.Assemble(id, arts)
	pipeline.AnalyzeStory(s, arts)
	return s
}

// BenchmarkStoryRead measures GET /api/stories/{id} through the handler
// (no network) over a SQLite store of generated stories.
func BenchmarkStoryRead(b *testing.B) {
	ts := newTestServer(b, Options{})
	gen := newArticleGen(1)
	stories, _, err := preload(context.Background(), ts.store, gen, BenchConfig{Stored: 400, StoryMin: 2, StoryMax: 6, Assemble: benchAssemble})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		rng := rand.New(rand.NewPCG(1, 2))
		for pb.Next() {
			rec := httptest.NewRecorder()
			ts.ServeHTTP(rec, httptest.NewRequest("GET", "/api/stories/"+stories[rng.IntN(len(stories))], nil))
			if rec.Code != http.StatusOK {
				panic(fmt.Sprint(rec.Code, rec.Body))
			}
		}
	})
}
