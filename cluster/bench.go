package cluster

import (
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// BenchConfig describes the generated stream of Bench.
type BenchConfig struct {
	// N is the number of articles.
	N int
	// Seed makes the stream reproducible.
	Seed uint64
	// NewEventShare is the share of articles that start a new event
	// (0: 0.25, i.e. four articles per event on average).
	NewEventShare float64
	// EventSpan is how long an event keeps getting articles (0: 12h).
	EventSpan time.Duration
	// Interval is the stream time between two articles (0: 1s).
	Interval time.Duration
	// Options are the clustering options; IdleWindow 0 means 4 days, which
	// with the defaults above holds about 100,000 live stories.
	Options Options
	// Report is how often (in articles) a progress line is written (0: N/10).
	Report int
}

// BenchResult is what Bench measured.
type BenchResult struct {
	Articles      int
	Events        int
	Stories       int // stories opened
	MaxLive       int
	AddTime       time.Duration // wall time spent in Add (generation excluded)
	AddCPU        time.Duration // process CPU time spent in Add (0 where unknown)
	PerSecond     float64       // articles per second of AddTime
	PerCPUSecond  float64       // articles per second of AddCPU: the figure that a shared machine does not distort
	PeakHeapBytes uint64        // largest HeapAlloc seen at the progress points
	// Purity is the share of articles whose story's opening article is of
	// the same event: a check that the generated stream is clustered, not
	// merely absorbed.
	Purity float64
}

// benchChunk is how many articles are generated before they are added.
const benchChunk = 1000

// benchVocab is the generated vocabulary: background words, names, numbers.
type benchVocab struct {
	words, names, nums []string
}

func newBenchVocab() *benchVocab {
	v := &benchVocab{
		words: make([]string, 50000),
		names: make([]string, 200000),
		nums:  make([]string, 10000),
	}
	for i := range v.words {
		v.words[i] = "w" + strconv.Itoa(i)
	}
	for i := range v.names {
		v.names[i] = "n" + strconv.Itoa(i)
	}
	for i := range v.nums {
		v.nums[i] = strconv.Itoa(i)
	}
	return v
}

type benchEvent struct {
	id    int
	born  time.Time
	names [6]int
	topic [10]int
	nums  [2]int
}

// Bench clusters a generated stream of articles with an Online clusterer
// and reports its speed and memory. Articles come with their token layer
// already built (as text.Analyze leaves them), so the time measured is
// clustering's own: feature extraction, candidate lookup, scoring, index
// upkeep and eviction. Evicted stories go to an OnEvict that counts them,
// as a monitor would store them.
//
// Each article has ~150 tokens: Zipf-distributed background words, ten
// topic words, six names (capitalised, the entity features) and two numbers
// of its event, mixed with noise.
func Bench(w io.Writer, cfg BenchConfig) BenchResult {
	if cfg.NewEventShare == 0 {
		cfg.NewEventShare = 0.25
	}
	if cfg.EventSpan == 0 {
		cfg.EventSpan = 12 * time.Hour
	}
	if cfg.Interval == 0 {
		cfg.Interval = time.Second
	}
	if cfg.Options.IdleWindow == 0 {
		cfg.Options.IdleWindow = 96 * time.Hour
	}
	if cfg.Report == 0 {
		cfg.Report = max(cfg.N/10, 1)
	}
	var evicted int
	opt := cfg.Options
	opt.OnEvict = func(*crosscheck.Story) { evicted++ }
	o := NewOnline(opt)
	r := rand.New(rand.NewPCG(cfg.Seed, 0xc1a55))
	zipf := rand.NewZipf(r, 1.1, 2, 49999)
	voc := newBenchVocab()

	var active []*benchEvent // events still getting articles, oldest first
	res := BenchResult{Articles: cfg.N}
	storyEvent := map[string]int{} // story id → event of its opening article (live stories only)
	correct := 0
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	batch := make([]*crosscheck.Article, 0, benchChunk)
	evs := make([]int, 0, benchChunk)
	ids := make([]string, benchChunk)
	news := make([]bool, benchChunk)
	var ms runtime.MemStats
	fmt.Fprintf(w, "%10s %8s %8s %10s %9s %9s\n", "articles", "live", "events", "heap_MB", "art/s", "art/cpu_s")
	lastReport, lastAdd, lastCPU := 0, time.Duration(0), time.Duration(0)
	for i := 0; i < cfg.N; i++ {
		now := t0.Add(time.Duration(i) * cfg.Interval)
		for len(active) > 0 && now.Sub(active[0].born) > cfg.EventSpan {
			active = active[1:]
		}
		var ev *benchEvent
		if len(active) == 0 || r.Float64() < cfg.NewEventShare {
			ev = &benchEvent{id: res.Events, born: now}
			res.Events++
			for k := range ev.names {
				ev.names[k] = r.IntN(len(voc.names))
			}
			for k := range ev.topic {
				ev.topic[k] = 200 + r.IntN(20000)
			}
			for k := range ev.nums {
				ev.nums[k] = r.IntN(len(voc.nums))
			}
			active = append(active, ev)
		} else {
			ev = active[r.IntN(len(active))]
		}
		batch = append(batch, benchArticle(r, zipf, voc, ev, i, now))
		evs = append(evs, ev.id)
		if len(batch) < benchChunk && i+1 < cfg.N && (i+1)%cfg.Report != 0 {
			continue
		}
		// Add the chunk: generation stays outside the measured time.
		startCPU, start := cpuTime(), time.Now()
		for k, a := range batch {
			ids[k], news[k] = o.Add(a)
		}
		res.AddTime += time.Since(start)
		res.AddCPU += cpuTime() - startCPU
		for k := range batch {
			if news[k] {
				res.Stories++
				storyEvent[ids[k]] = evs[k]
			}
			if storyEvent[ids[k]] == evs[k] {
				correct++
			}
		}
		batch, evs = batch[:0], evs[:0]
		if n := o.Live(); n > res.MaxLive {
			res.MaxLive = n
		}
		if (i+1)%cfg.Report == 0 || i+1 == cfg.N {
			// Forget the bench's own map entries of stories long gone.
			if len(storyEvent) > 4*res.MaxLive {
				for k, e := range storyEvent {
					if e < res.Events-2*res.MaxLive {
						delete(storyEvent, k)
					}
				}
			}
			runtime.GC()
			runtime.ReadMemStats(&ms)
			res.PeakHeapBytes = max(res.PeakHeapBytes, ms.HeapAlloc)
			rate := float64(i+1-lastReport) / (res.AddTime - lastAdd).Seconds()
			rateCPU := float64(i+1-lastReport) / (res.AddCPU - lastCPU).Seconds()
			fmt.Fprintf(w, "%10d %8d %8d %10.1f %9.0f %9.0f\n", i+1, o.Live(), res.Events, float64(ms.HeapAlloc)/(1<<20), rate, rateCPU)
			lastReport, lastAdd, lastCPU = i+1, res.AddTime, res.AddCPU
		}
	}
	res.PerSecond = float64(cfg.N) / res.AddTime.Seconds()
	if res.AddCPU > 0 {
		res.PerCPUSecond = float64(cfg.N) / res.AddCPU.Seconds()
	}
	if cfg.N > 0 {
		res.Purity = float64(correct) / float64(cfg.N)
	}
	fmt.Fprintf(w, "cluster articles=%d articles_per_s=%.0f articles_per_cpu_s=%.0f max_live=%d peak_heap_MB=%.1f events=%d stories=%d evicted=%d purity=%.4f\n",
		res.Articles, res.PerSecond, res.PerCPUSecond, res.MaxLive, float64(res.PeakHeapBytes)/(1<<20), res.Events, res.Stories, evicted, res.Purity)
	return res
}

// benchArticle generates article i of event ev: its token layer (as
// text.Analyze would leave it, without the text), title and time.
func benchArticle(r *rand.Rand, zipf *rand.Zipf, voc *benchVocab, ev *benchEvent, i int, now time.Time) *crosscheck.Article {
	toks := make([]crosscheck.Token, 0, 150)
	add := func(s string, kind crosscheck.TokenKind, cap bool) {
		toks = append(toks, crosscheck.Token{Norm: s, Stem: s, Kind: kind, Cap: cap})
	}
	for k := 0; k < 150; k++ {
		switch x := r.IntN(100); {
		case x < 70:
			add(voc.words[zipf.Uint64()], crosscheck.TokenWord, false)
		case x < 85:
			add(voc.words[ev.topic[r.IntN(len(ev.topic))]], crosscheck.TokenWord, false)
		case x < 95:
			add(voc.names[ev.names[r.IntN(len(ev.names))]], crosscheck.TokenWord, true)
		case x < 97:
			add(voc.nums[ev.nums[r.IntN(len(ev.nums))]], crosscheck.TokenNumber, false)
		default:
			add(voc.names[r.IntN(len(voc.names))], crosscheck.TokenWord, true)
		}
	}
	var sents [][2]int
	for s := 0; s < len(toks); s += 25 {
		sents = append(sents, [2]int{s, min(s+25, len(toks))})
	}
	pub := now
	a := &crosscheck.Article{
		ID:             "a" + strconv.Itoa(i),
		Outlet:         "o" + strconv.Itoa(r.IntN(50)),
		Title:          voc.names[ev.names[0]] + " " + voc.words[ev.topic[0]] + " " + voc.words[ev.topic[1]] + " " + voc.nums[ev.nums[0]],
		Language:       "en",
		Published:      &pub,
		Tokens:         toks,
		SentenceTokens: sents,
	}
	return a
}
