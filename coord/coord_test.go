package coord_test

import (
	"context"
	"fmt"
	mrand "math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/coord"
	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/store"
	"github.com/crosscheck-news/crosscheck/store/postgres/pgtest"
	"github.com/crosscheck-news/crosscheck/watch"
)

// database returns the URL of a fresh schema on the server
// CROSSCHECK_TEST_POSTGRES names, dropped after the test, or skips.
func database(t testing.TB) string {
	t.Helper()
	return pgtest.Schema(t, "cc_coord_")
}

// worker is one ingest worker: its own store connection, coordinator and
// service.
type worker struct {
	name  string
	store crosscheck.Store
	coord *coord.Coordinator
	svc   *ingest.Service
}

func startWorker(t *testing.T, dsn, name string, lease time.Duration) *worker {
	t.Helper()
	st, err := store.Open(dsn)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	c, err := coord.Open(context.Background(), dsn, coord.Options{Worker: name, Lease: lease,
		OnError: func(err error) { t.Errorf("%s: %v", name, err) }})
	if err != nil {
		st.Close()
		t.Fatalf("%s: %v", name, err)
	}
	svc, err := ingest.New(st, ingest.Options{Shared: c, AnalysisDelay: 5 * time.Millisecond})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	w := &worker{name: name, store: st, coord: c, svc: svc}
	t.Cleanup(func() { w.close(t) })
	return w
}

func (w *worker) close(t *testing.T) {
	if w.svc == nil {
		return
	}
	if err := w.svc.Close(); err != nil {
		t.Errorf("%s: %v", w.name, err)
	}
	if err := w.coord.Close(); err != nil {
		t.Errorf("%s: %v", w.name, err)
	}
	w.store.Close()
	w.svc = nil
}

// corpus makes documents about distinct invented events: each event has
// its own names and words, each article draws most of its words from its
// event's, the rest from everyday English.
type event struct {
	docs []crosscheck.Document
}

var common = strings.Fields(`the a of in on and to said was were after before with by from officials people
	city local report told on friday monday morning evening several more than about their they had has been
	would could also new two three first last week year area police government residents statement`)

func pseudoWord(r *mrand.Rand) string {
	syll := []string{"ka", "lo", "ve", "mir", "dra", "sol", "ten", "ur", "bex", "qua", "ni", "zor", "pel", "ast", "vin", "gor"}
	var b strings.Builder
	for range 2 + r.IntN(2) {
		b.WriteString(syll[r.IntN(len(syll))])
	}
	return b.String()
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func corpus(events, perEvent int, seed uint64) []event {
	r := mrand.New(mrand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	base := time.Date(2026, 2, 3, 8, 0, 0, 0, time.UTC)
	out := make([]event, events)
	for e := range out {
		vocab := make([]string, 40)
		for i := range vocab {
			vocab[i] = pseudoWord(r)
		}
		names := []string{capital(pseudoWord(r)) + " " + capital(pseudoWord(r)), capital(pseudoWord(r))}
		for i := range perEvent {
			var body strings.Builder
			for range 8 {
				var words []string
				for range 10 + r.IntN(5) {
					if r.IntN(10) < 6 {
						words = append(words, vocab[r.IntN(len(vocab))])
					} else {
						words = append(words, common[r.IntN(len(common))])
					}
				}
				words = append(words, names[r.IntN(len(names))])
				body.WriteString(strings.Join(words, " ") + ".\n")
			}
			title := fmt.Sprintf("%s %s %s %s", names[0], vocab[r.IntN(8)], vocab[r.IntN(8)], vocab[r.IntN(8)])
			pub := base.Add(time.Duration(e)*3*time.Hour + time.Duration(i)*7*time.Minute)
			out[e].docs = append(out[e].docs, crosscheck.Document{
				Source: fmt.Sprintf("event%d-article%d.txt", e, i), Outlet: fmt.Sprintf("Outlet %d", i),
				Title: title, Published: &pub, Kind: crosscheck.KindText, Body: []byte(body.String()),
			})
		}
	}
	return out
}

// TestThreeWorkersPlaceConsistently ingests articles of several events
// through three workers at once, each article twice (by two workers):
// every article is stored and placed once, and every event ends in one
// story of its own.
func TestThreeWorkersPlaceConsistently(t *testing.T) {
	dsn := database(t)
	events := corpus(10, 9, 1)
	workers := []*worker{startWorker(t, dsn, "w1", 0), startWorker(t, dsn, "w2", 0), startWorker(t, dsn, "w3", 0)}

	type job struct {
		doc   crosscheck.Document
		event int
	}
	var jobs []job
	for e, ev := range events {
		for _, d := range ev.docs {
			jobs = append(jobs, job{d, e}, job{d, e})
		}
	}
	r := mrand.New(mrand.NewPCG(7, 7))
	r.Shuffle(len(jobs), func(i, j int) { jobs[i], jobs[j] = jobs[j], jobs[i] })
	// Each worker takes jobs from one queue with three goroutines, so two
	// workers often place articles of one event at the same moment; a
	// document's two copies go to different workers.
	queues := make([]chan job, len(workers))
	for i := range queues {
		queues[i] = make(chan job, len(jobs))
	}
	for i, j := range jobs {
		queues[i%3] <- j
	}
	for i := range queues {
		close(queues[i])
	}
	var (
		mu      sync.Mutex
		storyOf = map[string]string{}
		idOf    = map[string]string{} // document source → article ID
		added   = map[string]int{}
		wg      sync.WaitGroup
	)
	ctx := context.Background()
	for i, w := range workers {
		for range 3 {
			wg.Go(func() {
				for j := range queues[i] {
					res, err := w.svc.Ingest(ctx, j.doc)
					if err != nil {
						t.Errorf("%s: %s: %v", w.name, j.doc.Source, err)
						continue
					}
					mu.Lock()
					if prev, ok := storyOf[res.Article]; ok && prev != res.Story {
						t.Errorf("article %s: one worker says story %s, another %s", res.Article, prev, res.Story)
					}
					storyOf[res.Article] = res.Story
					idOf[j.doc.Source] = res.Article
					if res.Added {
						added[res.Article]++
					}
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	for _, w := range workers {
		if err := w.svc.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}

	st := workers[0].store
	total := 0
	for _, ev := range events {
		total += len(ev.docs)
	}
	if len(storyOf) != total {
		t.Fatalf("%d distinct articles ingested, want %d", len(storyOf), total)
	}
	for id, n := range added {
		if n != 1 {
			t.Errorf("article %s added %d times", id, n)
		}
	}
	if len(added) != total {
		t.Errorf("%d articles reported added, want %d", len(added), total)
	}
	// Every event in one story, no story shared by two events.
	eventOfStory := map[string]int{}
	for e, ev := range events {
		stories := map[string]bool{}
		for _, d := range ev.docs {
			a := idOf[d.Source]
			sid, err := st.StoryOf(ctx, a)
			if err != nil {
				t.Fatalf("event %d: %v", e, err)
			}
			if sid != storyOf[a] {
				t.Errorf("article %s: stored in story %s, Ingest said %s", a, sid, storyOf[a])
			}
			stories[sid] = true
		}
		if len(stories) != 1 {
			t.Errorf("event %d is split over %d stories: %v", e, len(stories), keys(stories))
		}
		for sid := range stories {
			if other, ok := eventOfStory[sid]; ok && other != e {
				t.Errorf("story %s holds events %d and %d", sid, other, e)
			}
			eventOfStory[sid] = e
			s, err := st.Story(ctx, sid)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Articles) != len(ev.docs) {
				t.Errorf("story %s is stored with %d articles, want the %d of event %d", sid, len(s.Articles), len(ev.docs), e)
			}
		}
	}
	var placed, caughtUp uint64
	for _, w := range workers {
		ss := w.svc.SharedStats()
		placed += ss.Placed
		caughtUp += ss.CaughtUp
		t.Logf("%s: %+v", w.name, ss)
	}
	if placed != uint64(total) {
		t.Errorf("workers recorded %d placements, want %d", placed, total)
	}
	if caughtUp == 0 {
		t.Errorf("no worker applied another's placement: the workers did not share their live stories")
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// site serves an RSS feed per path and article pages, counting requests.
type site struct {
	srv      *httptest.Server
	mu       sync.Mutex
	requests map[string]int
	feeds    map[string][]string // feed path → article paths
	pages    map[string]string   // article path → body text
}

func newSite(t *testing.T) *site {
	s := &site{requests: map[string]int{}, feeds: map[string][]string{}, pages: map[string]string{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests[r.URL.Path]++
	items, isFeed := s.feeds[r.URL.Path]
	page, isPage := s.pages[r.URL.Path]
	s.mu.Unlock()
	switch {
	case isFeed:
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
		for _, p := range items {
			fmt.Fprintf(w, "<item><title>%s</title><link>%s%s?utm_source=feed</link></item>", p, s.srv.URL, p)
		}
		fmt.Fprint(w, "</channel></rss>")
	case isPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		lines := strings.Split(strings.TrimSpace(page), "\n")
		fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><h1>%s</h1>", r.URL.Path, r.URL.Path)
		for _, l := range lines {
			fmt.Fprintf(w, "<p>%s</p>", l)
		}
		fmt.Fprint(w, "</article></body></html>")
	default:
		http.NotFound(w, r)
	}
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[path]
}

func (s *site) addFeed(feed string, events []event, prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var paths []string
	for e, ev := range events {
		for i, d := range ev.docs {
			p := fmt.Sprintf("/%s/e%d/a%d", prefix, e, i)
			s.pages[p] = string(d.Body)
			paths = append(paths, p)
		}
	}
	s.feeds[feed] = paths
	return paths
}

func watchOptions(feed string, c *coord.Coordinator) watch.Options {
	return watch.Options{
		Feeds:     []watch.Feed{{URL: feed}},
		Source:    source.Options{AllowPrivate: true},
		HostDelay: time.Millisecond, MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond,
		Workers: 4, Seen: c.Claims(),
	}
}

// deliveries counts what watchers delivered, by URL.
type deliveries struct {
	mu  sync.Mutex
	n   map[string]int
	svc map[string]*ingest.Service
}

func (d *deliveries) sink(t *testing.T, w *worker) watch.Sink {
	return watch.SinkFunc(func(ctx context.Context, doc crosscheck.Document) error {
		if _, err := w.svc.Ingest(ctx, doc); err != nil {
			return err
		}
		d.mu.Lock()
		d.n[watch.NormalizeURL(doc.URL)]++
		d.mu.Unlock()
		return nil
	})
}

// TestWatchersFetchOnceAndTakeOverAKilledWorker runs three watchers on
// one feed at once: every article page is fetched once in all and stored
// once. Then a fourth watcher, in a child process, claims the articles of
// a second feed and is killed (SIGKILL) while it holds them; the live
// watchers leave its claims alone until its lease runs out, then take them
// over and deliver each article once.
func TestWatchersFetchOnceAndTakeOverAKilledWorker(t *testing.T) {
	dsn := database(t)
	s := newSite(t)
	paths := s.addFeed("/feed1", corpus(4, 6, 2), "one")
	workers := []*worker{startWorker(t, dsn, "w1", 0), startWorker(t, dsn, "w2", 0), startWorker(t, dsn, "w3", 0)}
	got := &deliveries{n: map[string]int{}}
	var wg sync.WaitGroup
	ctx := context.Background()
	var found int64
	var fmu sync.Mutex
	for _, w := range workers {
		wg.Go(func() {
			opt := watchOptions(s.srv.URL+"/feed1", w.coord)
			opt.OnFailure = func(f watch.Failure) { t.Errorf("%s: %v", w.name, f) }
			wt, err := watch.New(opt, got.sink(t, w))
			if err != nil {
				t.Error(err)
				return
			}
			defer wt.Close()
			if err := wt.Once(ctx); err != nil {
				t.Error(err)
			}
			fmu.Lock()
			found += wt.Stats().Found
			fmu.Unlock()
		})
	}
	wg.Wait()
	for _, p := range paths {
		if n := s.count(p); n != 1 {
			t.Errorf("%s fetched %d times by three watchers, want once", p, n)
		}
		if n := got.n[watch.NormalizeURL(s.srv.URL+p)]; n != 1 {
			t.Errorf("%s delivered %d times, want once", p, n)
		}
	}
	if found != int64(len(paths)) {
		t.Errorf("watchers claimed %d URLs in all, want %d", found, len(paths))
	}
	for _, w := range workers {
		if err := w.svc.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := countRows(t, dsn, "SELECT count(*) FROM articles"); n != len(paths) {
		t.Errorf("%d articles stored, want %d", n, len(paths))
	}

	// A fourth watcher claims the second feed's articles and dies.
	paths2 := s.addFeed("/feed2", corpus(3, 4, 3), "two")
	const lease = 1500 * time.Millisecond
	child := exec.Command(os.Args[0], "-test.run=^TestHelperDoomedWatcher$", "-test.v")
	child.Env = append(os.Environ(), "COORD_HELPER_DSN="+dsn, "COORD_HELPER_FEED="+s.srv.URL+"/feed2",
		"COORD_HELPER_LEASE="+lease.String())
	child.Stdout, child.Stderr = os.Stderr, os.Stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for countRows(t, dsn, "SELECT count(*) FROM work_claims WHERE claimed_by = 'doomed' AND state = 'claimed'") < len(paths2) {
		if time.Now().After(deadline) {
			child.Process.Kill()
			t.Fatal("the doomed watcher did not claim the second feed's articles in 30s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	child.Process.Kill()
	child.Wait()
	killedAt := time.Now()
	before := map[string]int{}
	for _, p := range paths2 {
		before[p] = s.count(p)
	}

	// While its lease holds, the claims are the dead worker's.
	runOnce := func(w *worker) watch.Stats {
		opt := watchOptions(s.srv.URL+"/feed2", w.coord)
		opt.OnFailure = func(f watch.Failure) { t.Errorf("%s: %v", w.name, f) }
		wt, err := watch.New(opt, got.sink(t, w))
		if err != nil {
			t.Fatal(err)
		}
		defer wt.Close()
		if err := wt.Once(ctx); err != nil {
			t.Fatal(err)
		}
		return wt.Stats()
	}
	if time.Since(killedAt) < lease/2 {
		if st := runOnce(workers[0]); st.Found != 0 || st.Fetched != 0 {
			t.Errorf("a live watcher took %d claims of a worker whose lease still held", st.Found)
		}
	}
	time.Sleep(time.Until(killedAt.Add(lease + 100*time.Millisecond)))
	var taken int64
	var tmu sync.Mutex
	for _, w := range workers[:2] {
		wg.Go(func() {
			st := runOnce(w)
			tmu.Lock()
			taken += st.Found
			tmu.Unlock()
		})
	}
	wg.Wait()
	if taken != int64(len(paths2)) {
		t.Errorf("the live watchers took over %d claims, want %d", taken, len(paths2))
	}
	for _, p := range paths2 {
		if n := s.count(p) - before[p]; n != 1 {
			t.Errorf("%s fetched %d times after the kill, want once", p, n)
		}
		if n := got.n[watch.NormalizeURL(s.srv.URL+p)]; n != 1 {
			t.Errorf("%s delivered %d times, want once", p, n)
		}
	}
	if n := countRows(t, dsn, "SELECT count(*) FROM work_claims WHERE state = 'done'"); n != len(paths)+len(paths2) {
		t.Errorf("%d claims done, want %d", n, len(paths)+len(paths2))
	}
}

// TestHelperDoomedWatcher is the child process of the takeover test: a
// watcher whose sink never returns, killed by the parent.
func TestHelperDoomedWatcher(t *testing.T) {
	dsn := os.Getenv("COORD_HELPER_DSN")
	if dsn == "" {
		t.Skip("the child process of TestWatchersFetchOnceAndTakeOverAKilledWorker")
	}
	lease, err := time.ParseDuration(os.Getenv("COORD_HELPER_LEASE"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := coord.Open(context.Background(), dsn, coord.Options{Worker: "doomed", Lease: lease})
	if err != nil {
		t.Fatal(err)
	}
	opt := watchOptions(os.Getenv("COORD_HELPER_FEED"), c)
	w, err := watch.New(opt, watch.SinkFunc(func(ctx context.Context, doc crosscheck.Document) error {
		time.Sleep(time.Hour) // hangs until killed
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	w.Once(context.Background())
}

func countRows(t *testing.T, dsn, query string) int {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// BenchmarkSharedIngest ingests distinct articles (of events of 8) through
// one or three coordinated workers on one PostgreSQL, two goroutines per
// worker, and reports articles per second end to end (segmentation, store,
// placement under the assignment lock; the story analyses run in the
// background and are flushed inside the timing).
func BenchmarkSharedIngest(b *testing.B) {
	for _, n := range []int{1, 3} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			dsn := database(b)
			var docs []crosscheck.Document
			for _, ev := range corpus(b.N/8+1, 8, uint64(b.N)) {
				docs = append(docs, ev.docs...)
			}
			docs = docs[:b.N]
			var ws []*ingest.Service
			for i := range n {
				st, err := store.Open(dsn)
				if err != nil {
					b.Fatal(err)
				}
				defer st.Close()
				c, err := coord.Open(context.Background(), dsn, coord.Options{Worker: fmt.Sprint("b", i)})
				if err != nil {
					b.Fatal(err)
				}
				defer c.Close()
				svc, err := ingest.New(st, ingest.Options{Shared: c})
				if err != nil {
					b.Fatal(err)
				}
				ws = append(ws, svc)
			}
			jobs := make(chan crosscheck.Document, len(docs))
			for _, d := range docs {
				jobs <- d
			}
			close(jobs)
			b.ResetTimer()
			start := time.Now()
			var wg sync.WaitGroup
			for _, svc := range ws {
				for range 2 {
					wg.Go(func() {
						for d := range jobs {
							if _, err := svc.Ingest(context.Background(), d); err != nil {
								b.Error(err)
							}
						}
					})
				}
			}
			wg.Wait()
			for _, svc := range ws {
				if err := svc.Close(); err != nil {
					b.Error(err)
				}
			}
			b.ReportMetric(float64(len(docs))/time.Since(start).Seconds(), "articles/s")
		})
	}
}
