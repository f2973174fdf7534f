package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"golang.org/x/time/rate"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/pipeline"
	"github.com/crosscheck-news/crosscheck/text"
)

// BenchConfig configures Bench.
type BenchConfig struct {
	// Stored is how many generated articles are stored before the
	// measurement, in stories of StoryMin to StoryMax articles.
	Stored             int
	StoryMin, StoryMax int
	Seed               uint64
	// Duration is how long reads and ingestion run together.
	Duration time.Duration
	// Readers read random stories (GET /api/stories/{id}) as fast as the
	// server answers, or, with ReadRate, together at that many reads per
	// second (an offered load: each read's latency counts from when it was
	// due); Writers post new articles (POST /api/articles),
	// Batch articles per request as JSONL.
	Readers, Writers, Batch int
	// IngestRate, when positive, paces the writers together to that many
	// articles per second (a steady feed, as a monitor sends); 0: each
	// writer posts as fast as the server answers, which takes CPU from the
	// readers as fast as it can.
	IngestRate float64
	ReadRate   float64
	// NoWait makes the writers post with ?wait=false: the server answers
	// once the articles are stored and placed, and their stories are
	// analysed in the background, several articles at a time. The
	// ingestion rate then counts the time to analyse the backlog after the
	// last answer (BenchResult.Settle), so that it is what the server
	// sustains, not what it acknowledges.
	NoWait bool
	// Assemble makes the story of a group of segmented articles, analysed,
	// as ingestion would (ingest.Assemble and pipeline.AnalyzeStory).
	Assemble func(id string, arts []*crosscheck.Article) *crosscheck.Story
	// Progress, when set, hears about the loading phase.
	Progress func(stage string, done, total int)
	// Reuse skips the preload: the store already holds the stories of an
	// earlier run (the written articles are new on every run), and reads
	// go to all of them.
	Reuse bool
	// Warm fills the server's story cache (Server.WarmStories, as
	// crosscheck serve does when it starts) before the measurement.
	Warm bool
	// Measure, when set, is called as reads and ingestion begin, and the
	// function it returns as they end (a CPU profile of the measurement
	// alone, say).
	Measure func() (end func())
}

// BenchResult is what Bench measured.
type BenchResult struct {
	Stored, Stories   int
	Reused            bool // the stories were an earlier run's (BenchConfig.Reuse)
	Warmed            int  // stories put in the cache before the measurement (BenchConfig.Warm)
	WarmTime          time.Duration
	LoadTime          time.Duration
	Reads, ReadErrors int
	ReadsPerSec       float64
	ReadP50, ReadP99  time.Duration
	ReadBytes         int64
	Posts, PostErrors int
	Ingested          int // articles acknowledged as stored
	New               int // of those, articles the store did not hold before
	IngestedPerSec    float64
	PostP50, PostP99  time.Duration
	Elapsed           time.Duration
	Settle            time.Duration // with NoWait: from the last answer until every written story was analysed
	Verified, Missing int           // acknowledged articles found (and not found) in the store afterwards
	StoredVerified    int           // preloaded articles found in the store afterwards
	StoredMissing     int
}

// Bench measures the server on loopback over st: it stores cfg.Stored
// generated articles in stories directly, then reads random stories and
// ingests new articles at the same time through HTTP for cfg.Duration, and
// at the end checks that every acknowledged and every preloaded article is
// in the store. The server runs without a rate limit: the limiter is per
// client and the bench is one client.
func Bench(ctx context.Context, st crosscheck.Store, ing Ingester, cfg BenchConfig) (BenchResult, error) {
	var res BenchResult
	if cfg.Assemble == nil {
		return res, errors.New("bench: no Assemble function")
	}
	cfg.StoryMin, cfg.StoryMax = max(cfg.StoryMin, 1), max(cfg.StoryMax, cfg.StoryMin, 1)
	gen := newArticleGen(cfg.Seed)

	// Preload, or read the stories a previous run stored.
	start := time.Now()
	var storyIDs, storedIDs []string
	var err error
	if cfg.Reuse {
		storyIDs, err = allStories(ctx, st)
		if err == nil && len(storyIDs) == 0 {
			err = errors.New("bench: the store to reuse holds no stories")
		}
	} else {
		storyIDs, storedIDs, err = preload(ctx, st, gen, cfg)
	}
	if err != nil {
		return res, err
	}
	res.Stored, res.Stories, res.LoadTime, res.Reused = len(storedIDs), len(storyIDs), time.Since(start), cfg.Reuse

	// Serve on loopback.
	const token = "bench-token"
	srv, err := New(st, ing, Options{Token: token, Rate: -1})
	if err != nil {
		return res, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return res, err
	}
	if cfg.Warm {
		t0 := time.Now()
		if res.Warmed, err = srv.WarmStories(ctx); err != nil {
			return res, err
		}
		res.WarmTime = time.Since(t0)
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln, 30*time.Second) }()
	base := "http://" + ln.Addr().String()
	// The readers ask for gzip, as browsers do, and do not inflate the
	// answers: a client's inflating runs on its own machine, not the
	// server's, and here it would take the server's CPU.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Readers + cfg.Writers + 4, DisableCompression: true}}

	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		readLat   []time.Duration
		postLat   []time.Duration
		acked     []string
		written   []string // the stories of the acknowledged articles
		readErrs  atomic.Int64
		postErrs  atomic.Int64
		added     atomic.Int64
		readBytes atomic.Int64
		firstErr  atomic.Pointer[error]
	)
	noteErr := func(err error) {
		firstErr.CompareAndSwap(nil, &err)
	}
	if cfg.Measure != nil {
		end := cfg.Measure()
		defer end()
	}
	deadline := time.Now().Add(cfg.Duration)
	began := time.Now()
	// With a read rate, the i-th read is due at began + i/ReadRate, whoever
	// sends it, and its latency counts from then: a server that falls
	// behind shows it in the latencies instead of slowing the readers down
	// (no coordinated omission).
	var nextRead atomic.Int64
	for r := range cfg.Readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(r)+1000))
			var lat []time.Duration
			for time.Now().Before(deadline) && ctx.Err() == nil {
				id := storyIDs[rng.IntN(len(storyIDs))]
				t0 := time.Now()
				if cfg.ReadRate > 0 {
					due := began.Add(time.Duration(float64(nextRead.Add(1)-1) / cfg.ReadRate * float64(time.Second)))
					if !due.Before(deadline) {
						break
					}
					if wait := time.Until(due); wait > 0 {
						select {
						case <-time.After(wait):
						case <-ctx.Done():
						}
					}
					t0 = due
				}
				req, _ := http.NewRequest("GET", base+"/api/stories/"+id, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				resp, err := client.Do(req)
				if err != nil {
					readErrs.Add(1)
					noteErr(err)
					continue
				}
				n, _ := io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					readErrs.Add(1)
					noteErr(fmt.Errorf("GET story %s: %s", id, resp.Status))
					continue
				}
				lat = append(lat, time.Since(t0))
				readBytes.Add(n)
			}
			mu.Lock()
			readLat = append(readLat, lat...)
			mu.Unlock()
		}()
	}
	query := ""
	if cfg.NoWait {
		query = "?wait=false"
	}
	var pace *rate.Limiter
	if cfg.IngestRate > 0 {
		pace = rate.NewLimiter(rate.Limit(cfg.IngestRate/float64(cfg.Batch)), 1)
	}
	for w := range cfg.Writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The written articles are new on every run (the clock is in
			// their seed): on a reused store, re-posting last run's
			// articles would measure idempotent acknowledgements, not
			// ingestion.
			wgen := newArticleGen(cfg.Seed ^ (uint64(w+1) << 32) ^ uint64(began.UnixNano()))
			var lat []time.Duration
			var ids, storiesOf []string
			for time.Now().Before(deadline) && ctx.Err() == nil {
				if pace != nil {
					wctx, cancel := context.WithDeadline(ctx, deadline)
					err := pace.Wait(wctx)
					cancel()
					if err != nil {
						break
					}
				}
				body := wgen.jsonlBatch(cfg.Batch, time.Now())
				t0 := time.Now()
				req, _ := http.NewRequest("POST", base+"/api/articles"+query, bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/x-ndjson")
				resp, err := client.Do(req)
				if err != nil {
					postErrs.Add(1)
					noteErr(err)
					continue
				}
				var ans ingestAnswer
				err = json.NewDecoder(resp.Body).Decode(&ans)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK || len(ans.Errors) > 0 {
					postErrs.Add(1)
					noteErr(fmt.Errorf("POST articles: %s %v %+v", resp.Status, err, ans.Errors))
				}
				lat = append(lat, time.Since(t0))
				for _, a := range ans.Articles {
					ids = append(ids, a.Article)
					storiesOf = append(storiesOf, a.Story)
					if a.Added {
						added.Add(1)
					}
				}
			}
			mu.Lock()
			postLat = append(postLat, lat...)
			acked = append(acked, ids...)
			written = append(written, storiesOf...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(began)
	stop()
	if err := <-served; err != nil {
		return res, err
	}
	if cfg.NoWait && len(written) > 0 {
		slices.Sort(written)
		t0 := time.Now()
		if err := ing.Settle(ctx, slices.Compact(written)...); err != nil {
			return res, fmt.Errorf("bench: analysing the written stories: %w", err)
		}
		res.Settle = time.Since(t0)
	}
	if p := firstErr.Load(); p != nil {
		return res, fmt.Errorf("bench: a request failed: %w", *p)
	}

	res.Reads, res.ReadErrors, res.ReadBytes = len(readLat), int(readErrs.Load()), readBytes.Load()
	res.ReadsPerSec = float64(res.Reads) / res.Elapsed.Seconds()
	res.ReadP50, res.ReadP99 = percentile(readLat, 0.50), percentile(readLat, 0.99)
	res.Posts, res.PostErrors = len(postLat), int(postErrs.Load())
	res.PostP50, res.PostP99 = percentile(postLat, 0.50), percentile(postLat, 0.99)
	res.Ingested, res.New = len(acked), int(added.Load())
	res.IngestedPerSec = float64(res.Ingested) / (res.Elapsed + res.Settle).Seconds()

	// Nothing lost: every acknowledged article is stored and in a story,
	// and every preloaded one is still there.
	for _, id := range acked {
		if _, err := st.Article(ctx, id); err != nil {
			res.Missing++
			continue
		}
		if _, err := st.StoryOf(ctx, id); err != nil {
			res.Missing++
			continue
		}
		res.Verified++
	}
	for chunk := range slices.Chunk(storedIDs, 500) {
		got, err := st.Articles(ctx, chunk)
		if err != nil {
			return res, err
		}
		res.StoredVerified += len(got)
		res.StoredMissing += len(chunk) - len(got)
	}
	return res, nil
}

// allStories lists the ids of every story of st.
func allStories(ctx context.Context, st crosscheck.Store) ([]string, error) {
	var ids []string
	err := eachStory(ctx, st, crosscheck.OrderNewest, func(id string) (bool, error) {
		ids = append(ids, id)
		return true, nil
	})
	return ids, err
}

// Write prints the result, one figure a line.
func (r BenchResult) Write(w io.Writer) {
	if r.Reused {
		fmt.Fprintf(w, "stored:    %d stories of an earlier run, listed in %s\n", r.Stories, r.LoadTime.Round(time.Millisecond))
	} else {
		fmt.Fprintf(w, "stored:    %d articles in %d stories, loaded in %s\n", r.Stored, r.Stories, r.LoadTime.Round(time.Millisecond))
	}
	if r.Warmed > 0 {
		fmt.Fprintf(w, "warmed:    %d stories in the cache in %s before the measurement\n", r.Warmed, r.WarmTime.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "reads:     %d story reads in %s: %.0f reads/s, p50 %s, p99 %s, %.1f KB/story on the wire, %d errors\n",
		r.Reads, r.Elapsed.Round(time.Millisecond), r.ReadsPerSec, r.ReadP50.Round(time.Microsecond), r.ReadP99.Round(time.Microsecond), float64(r.ReadBytes)/float64(max(r.Reads, 1))/1024, r.ReadErrors)
	settled := ""
	if r.Settle > 0 {
		settled = fmt.Sprintf(" (counting the %s to analyse the backlog after the last answer)", r.Settle.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "ingest:    %d articles acknowledged (%d new) in %d requests: %.0f articles/s%s, request p50 %s, p99 %s, %d errors\n",
		r.Ingested, r.New, r.Posts, r.IngestedPerSec, settled, r.PostP50.Round(time.Microsecond), r.PostP99.Round(time.Microsecond), r.PostErrors)
	fmt.Fprintf(w, "verified:  %d of %d acknowledged articles stored and in a story (%d missing); %d of %d preloaded articles stored (%d missing)\n",
		r.Verified, r.Ingested, r.Missing, r.StoredVerified, r.Stored, r.StoredMissing)
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	slices.Sort(d)
	return d[min(int(float64(len(d))*p), len(d)-1)]
}

// preload stores cfg.Stored generated articles in analysed stories, the
// analysis spread over the CPUs.
func preload(ctx context.Context, st crosscheck.Store, gen *articleGen, cfg BenchConfig) (storyIDs, articleIDs []string, err error) {
	type group struct {
		id    string
		arts  []*crosscheck.Article
		story *crosscheck.Story
	}
	var groups []group
	// Stored stories begin every 7 minutes up to about the start of the
	// run, as a monitor's store does, so that the written articles, dated
	// now, continue the stream. (The ingester has not seen the stored
	// ones, which go to the store directly; with Reuse it replays their
	// live window when it starts, as after a restart. An archive older
	// than that window would be evicted whole by the first written
	// article, leaving it no story to compete with.)
	mean := max((cfg.StoryMin+cfg.StoryMax)/2, 1)
	epoch := time.Now().Add(-time.Duration(cfg.Stored/mean+1) * 7 * time.Minute).Truncate(time.Minute)
	for n := 0; n < cfg.Stored; {
		k := min(cfg.StoryMin+gen.rng.IntN(cfg.StoryMax-cfg.StoryMin+1), cfg.Stored-n)
		at := epoch.Add(time.Duration(len(groups)) * 7 * time.Minute)
		arts := gen.story(k, at)
		groups = append(groups, group{id: "s" + arts[0].ID, arts: arts})
		n += k
	}
	jobs := make(chan group)
	done := make(chan group)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range jobs {
				for _, a := range g.arts {
					text.Analyze(a)
				}
				g.story = cfg.Assemble(g.id, g.arts)
				done <- g
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, g := range groups {
			select {
			case jobs <- g:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()
	// One goroutine writes while the workers segment and analyse the next
	// stories.
	stored := 0
	for g := range done {
		if err == nil {
			for _, a := range g.arts {
				if _, e := st.AddArticle(ctx, a); e != nil {
					err = fmt.Errorf("bench: storing article %s: %w", a.ID, e)
					break
				}
				articleIDs = append(articleIDs, a.ID)
			}
		}
		if err == nil {
			s := g.story
			if e := st.PutStory(ctx, s); e != nil {
				err = fmt.Errorf("bench: storing story %s: %w", s.ID, e)
			} else {
				storyIDs = append(storyIDs, s.ID)
			}
		}
		stored += len(g.arts)
		if cfg.Progress != nil {
			cfg.Progress("store", stored, cfg.Stored)
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return storyIDs, articleIDs, err
}

// articleGen generates news-like articles: stories of a few articles that
// share an event (place, people, numbers) and differ in wording, numbers
// and quotes, so that the analysis stages find copies, agreements and
// conflicts. Seeded: the same seed gives the same articles.
type articleGen struct {
	rng *rand.Rand
	n   int
}

func newArticleGen(seed uint64) *articleGen {
	return &articleGen{rng: rand.New(rand.NewPCG(seed, 0x5eed))}
}

var (
	genSyllables = strings.Fields("ka lo mi re su ta ven dor bel mar tin gal ros fen ad el or an ri co nu pe sha ul")
	genEvents    = []string{"a fire broke out at a warehouse", "a bridge partly collapsed", "floods swept through the lower town", "a train derailed near the station", "a chemical leak forced an evacuation", "a storm cut power to thousands of homes", "a landslide blocked the main road", "an explosion damaged a factory"}
	genRoles     = []string{"the mayor", "the police chief", "a fire brigade spokesman", "the regional governor", "a hospital director", "the transport minister"}
	genOrgs      = []string{"Logistics", "Rail", "Chemicals", "Energy", "Hospital", "Construction", "Water Board", "Transport Authority"}
	genOutlets   = []string{"Daily Ledger", "Morning Courier", "Evening Standard Post", "Valley Times", "Coastal Herald", "Metro Wire", "National Gazette", "City Chronicle", "Press Agency One", "Northern Review"}
	genFiller    = []string{"Residents said they had heard a loud noise before the emergency services arrived.", "Officials promised a full investigation into the causes.", "Traffic in the area was diverted for most of the day.", "Local businesses remained closed as a precaution.", "Volunteers brought food and blankets to those affected.", "The authorities asked people to avoid the area until further notice.", "Insurance experts said the damage could run into millions.", "Schools in the district were closed for the day.", "Witnesses described scenes of confusion in the first hours.", "Engineers were expected to inspect the site on the following day."}
)

// name is a generated proper name of two or three syllables: each event
// has its own place, people and company, as real events do, so that
// different events of one kind (two warehouse fires) read as different
// stories, not as one story with dozens of articles.
func (g *articleGen) name() string {
	var b strings.Builder
	for i := range 2 + g.rng.IntN(2) {
		s := genSyllables[g.rng.IntN(len(genSyllables))]
		if i == 0 {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		b.WriteString(s)
	}
	return b.String()
}

// story generates k articles of one event, published from at onwards: the
// event's own place, official, company and figures in a few sentences of
// its own, among filler sentences every event shares.
func (g *articleGen) story(k int, at time.Time) []*crosscheck.Article {
	r := g.rng
	place := g.name()
	event := genEvents[r.IntN(len(genEvents))]
	person := g.name() + " " + g.name()
	witness := g.name() + " " + g.name()
	org := g.name() + " " + genOrgs[r.IntN(len(genOrgs))]
	street := g.name() + " Street"
	role := genRoles[r.IntN(len(genRoles))]
	hurt := 3 + r.IntN(60)
	g.n++
	event = fmt.Sprintf("%s in %s", event, place)
	var arts []*crosscheck.Article
	for i := range k {
		outlet := genOutlets[r.IntN(len(genOutlets))]
		count := hurt
		if r.IntN(3) == 0 {
			count += 1 + r.IntN(5) // a source with another figure: a conflict
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s, %s — At least %d people were injured after %s on %s, officials said.\n",
			strings.ToUpper(place), at.Format("January 2"), count, event, at.Weekday())
		fmt.Fprintf(&b, "%s, %s, told reporters that rescue teams had worked through the night near %s.\n", person, role, street)
		fmt.Fprintf(&b, "\"We are doing everything we can to help the families,\" %s said.\n", person)
		if r.IntN(2) == 0 {
			fmt.Fprintf(&b, "%s, who lives on %s, said the first warning came from staff of %s.\n", witness, street, org)
		}
		for range 4 + r.IntN(5) {
			b.WriteString(genFiller[r.IntN(len(genFiller))])
			b.WriteString(" ")
			b.WriteString(genFiller[r.IntN(len(genFiller))])
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "A spokesperson for %s said the company was cooperating with investigators in %s.\n", org, place)
		fmt.Fprintf(&b, "The number of injured in %s could rise, %s warned.\n", place, role)
		pub := at.Add(time.Duration(i*40+r.IntN(30)) * time.Minute)
		a := &crosscheck.Article{
			Source:    "bench",
			Outlet:    outlet,
			URL:       fmt.Sprintf("https://%s.example/news/%d/%d", strings.ToLower(strings.ReplaceAll(outlet, " ", "-")), g.n, i),
			Title:     fmt.Sprintf("%d injured as %s", count, event),
			Published: &pub,
			Language:  "en",
			Text:      text.Prepare(strings.TrimSpace(b.String())),
		}
		a.ID = pipeline.ArticleID(a)
		arts = append(arts, a)
	}
	return arts
}

// jsonlBatch is n new articles as a JSONL request body.
func (g *articleGen) jsonlBatch(n int, now time.Time) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for n > 0 {
		arts := g.story(min(n, 1+g.rng.IntN(4)), now)
		for _, a := range arts {
			enc.Encode(map[string]any{
				"url": a.URL, "title": a.Title, "text": a.Text, "outlet": a.Outlet,
				"published": a.Published.Format(time.RFC3339),
			})
		}
		n -= len(arts)
	}
	return buf.Bytes()
}
