package ingest_test

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/ingest"
)

// capitalised matches the names of the example corpus (and any other):
// renaming them per variant makes each variant a story of its own, with
// its own people and places, as a stream of different events is.
var capitalised = regexp.MustCompile(`\b([A-Z][a-z]{3,})\b`)

// variant returns doc as the k-th generated event: every capitalised word
// gets a suffix of k, and the URL and source are made unique.
func variant(doc crosscheck.Document, k int) crosscheck.Document {
	suffix := []byte(fmt.Sprintf("%c%c", 'a'+k%26, 'a'+(k/26)%26))
	if k >= 26*26 {
		suffix = fmt.Appendf(suffix, "%d", k)
	}
	doc.Body = capitalised.ReplaceAllFunc(doc.Body, func(w []byte) []byte {
		return append(append([]byte(nil), w...), suffix...)
	})
	doc.Title = capitalised.ReplaceAllStringFunc(doc.Title, func(w string) string { return w + string(suffix) })
	if doc.URL != "" {
		doc.URL += fmt.Sprintf("?v=%d", k)
	}
	doc.Source = fmt.Sprintf("%s#%d", doc.Source, k)
	return doc
}

// BenchmarkIngest ingests the example corpus over and over, each round as
// new events (see variant), into a SQLite store, with one worker per CPU as
// crosscheck ingest runs. articles/s is end to end: extraction,
// segmentation, storing, clustering, story analysis and the story write
// (the clock stops after Flush); acked/s counts until the last Ingest
// returned.
func BenchmarkIngest(b *testing.B) {
	docs := exampleDocs(b)
	st := openStore(b, filepath.Join(b.TempDir(), "bench.db"))
	defer st.Close()
	svc, err := ingest.New(st, ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	// Variants are generated before the clock starts.
	work := make([]crosscheck.Document, b.N)
	for i := range work {
		work[i] = variant(docs[i%len(docs)], i/len(docs))
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start, startCPU := time.Now(), processCPU()
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(work) {
					return
				}
				if _, err := svc.Ingest(context.Background(), work[i]); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	acked := time.Since(start)
	if err := svc.Flush(context.Background()); err != nil {
		b.Error(err)
	}
	elapsed, cpu := time.Since(start), processCPU()-startCPU
	b.StopTimer()
	s := svc.Stats()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "articles/s")
	b.ReportMetric(float64(b.N)/acked.Seconds(), "acked/s")
	b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	b.ReportMetric(float64(s.StoriesPut), "analyses")
	b.ReportMetric(float64(s.Added), "added")
	if sums, err := st.Stories(context.Background(), crosscheck.StoryQuery{Order: crosscheck.OrderMostSources, Limit: 1000}); err == nil && len(sums) > 0 {
		b.ReportMetric(float64(len(sums)), "stories")
		b.ReportMetric(float64(sums[0].Articles), "max-story")
	}
	b.ReportMetric(s.Prepare.Seconds()/float64(b.N)*1e3, "prepare-ms/op")
	b.ReportMetric(s.Analyze.Seconds()/float64(b.N)*1e3, "analyze-ms/op")
	b.ReportMetric(s.Store.Seconds()/float64(b.N)*1e3, "store-ms/op")
}

// processCPU is the CPU time (user and system) the process has used: on a
// shared machine, articles per CPU-second is the steadier figure.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
