package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/extract"
	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/pipeline"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/store/sqlite"
	"github.com/crosscheck-news/crosscheck/text"
	"github.com/crosscheck-news/crosscheck/warc"
)

func init() {
	benchTargets["ingest"] = command{"generate a WARC of news pages and ingest it end to end into a SQLite store: pages/s on one core and with more workers", runBenchIngest}
}

func runBenchIngest(args []string) int {
	tuneGCForIngest()
	fs := flag.NewFlagSet("crosscheck bench ingest", flag.ContinueOnError)
	n := fs.Int("n", 100000, "number of generated HTML pages")
	seed := fs.Uint64("seed", 1, "seed of the generated archive (the same seed gives the same pages)")
	workersList := fs.String("workers", "1,2", "comma-separated worker counts to run; each run sets GOMAXPROCS to its worker count and starts from an empty store")
	keep := fs.String("keep", "", "write the archive to this file and keep it (default: a temporary file)")
	prepareOnly := fs.Bool("prepare-only", false, "run only the per-page stages (WARC reading, HTML extraction, boilerplate, language, text layer), without dedup, clustering, story analysis and the store: the ceiling the per-page work sets")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the ingest runs to this file")
	allocProfile := fs.String("memprofile", "", "write an allocation profile (all allocations of the process, sampled) to this file at the end")
	delay := fs.Duration("analysis-delay", ingestAnalysisDelay, "as crosscheck ingest's --analysis-delay")
	durable := fs.Bool("durable", false, "as crosscheck ingest's --durable: an fsync per commit")
	pageKB := fs.Int("page-kb", 24, "approximate size of a page in KB (navigation, scripts and footer around the article, as news sites have)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	var workers []int
	for _, f := range strings.Split(*workersList, ",") {
		w, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || w <= 0 {
			fmt.Fprintf(os.Stderr, "crosscheck bench ingest: -workers %q: want positive integers separated by commas\n", *workersList)
			return exitUsage
		}
		workers = append(workers, w)
	}
	if *n <= 0 || *pageKB <= 0 {
		fmt.Fprintln(os.Stderr, "crosscheck bench ingest: -n and -page-kb must be positive")
		return exitUsage
	}
	dir, err := os.MkdirTemp("", "crosscheck-bench-ingest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck bench ingest:", err)
		return exitInputFail
	}
	defer os.RemoveAll(dir)
	path := *keep
	if path == "" {
		path = filepath.Join(dir, "bench.warc.gz")
	}
	start := time.Now()
	gen, err := writeBenchWARC(path, *n, *seed, *pageKB<<10)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck bench ingest:", err)
		return exitInputFail
	}
	fmt.Printf("generated %s: pages=%d events=%d syndicated_copies=%d avg_page_bytes=%d warc_bytes=%d in %s\n",
		filepath.Base(path), gen.pages, gen.events, gen.copies, gen.htmlBytes/int64(max(gen.pages, 1)), gen.fileBytes, time.Since(start).Round(time.Millisecond))

	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck bench ingest:", err)
		return exitInputFail
	}
	defer stopProfile()
	for _, w := range workers {
		prev := runtime.GOMAXPROCS(w)
		if *prepareOnly {
			pages, failed, elapsed, cpu := benchPrepareRun(path, w)
			runtime.GOMAXPROCS(prev)
			fmt.Printf("prepare-only workers=%d GOMAXPROCS=%d pages=%d failed=%d elapsed=%s pages_per_s=%.1f pages_per_cpu_s=%.1f pages_per_s_per_core=%.1f\n",
				w, w, pages, failed, elapsed.Round(time.Millisecond), float64(pages)/elapsed.Seconds(), float64(pages)/max(cpu.Seconds(), 1e-9), float64(pages)/elapsed.Seconds()/float64(w))
			continue
		}
		res, err := benchIngestRun(filepath.Join(dir, fmt.Sprintf("bench-%d.db", w)), path, w, *delay, *durable)
		runtime.GOMAXPROCS(prev)
		if err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck bench ingest:", err)
			return exitInputFail
		}
		s := res.stats
		fmt.Printf("ingest workers=%d GOMAXPROCS=%d pages=%d added=%d duplicates=%d failed=%d stories=%d elapsed=%s pages_per_s=%.1f pages_per_cpu_s=%.1f pages_per_s_per_core=%.1f\n",
			w, w, res.sum.Inputs, res.sum.Added, res.sum.Duplicates, res.sum.Failed, res.sum.Stories, res.elapsed.Round(time.Millisecond),
			float64(res.sum.Inputs)/res.elapsed.Seconds(), float64(res.sum.Inputs)/max(res.cpu.Seconds(), 1e-9), float64(res.sum.Inputs)/res.elapsed.Seconds()/float64(w))
		fmt.Printf("ingest workers=%d time_in: prepare=%s load=%s analyze=%s store=%s (summed over workers) stories_put=%d coalesced=%d analysis_delay=%s\n",
			w, s.Prepare.Round(time.Millisecond), s.Load.Round(time.Millisecond), s.Analyze.Round(time.Millisecond), s.Store.Round(time.Millisecond), s.StoriesPut, s.Coalesced, *delay)
		if res.firstErr != "" {
			fmt.Printf("ingest workers=%d first failure: %s\n", w, res.firstErr)
		}
	}
	if err := writeAllocProfile(*allocProfile); err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck bench ingest:", err)
		return exitInputFail
	}
	return 0
}

type benchIngestResult struct {
	sum      ingest.Summary
	stats    ingest.Stats
	elapsed  time.Duration
	cpu      time.Duration
	firstErr string
}

// benchIngestRun ingests the archive into a new SQLite store with w
// workers: WARC reading, HTML extraction, text layer, dedup, clustering,
// story analysis and the store's durable writes, all timed. The store is
// wrapped as crosscheck ingest wraps it (watchlists evaluated on every
// story put), so that the figures are the command's.
func benchIngestRun(dbPath, warcPath string, w int, delay time.Duration, durable bool) (benchIngestResult, error) {
	var res benchIngestResult
	st, err := sqlite.OpenWith(dbPath, sqlite.Options{Replayable: !durable})
	if err != nil {
		return res, err
	}
	defer st.Close()
	svc, err := ingest.New(notifyWatchlists("bench ingest", st), ingest.Options{Workers: w, AnalysisDelay: analysisDelay(delay)})
	if err != nil {
		return res, err
	}
	progress := time.NewTicker(10 * time.Second)
	defer progress.Stop()
	done := make(chan struct{})
	start, startCPU := time.Now(), processCPU()
	go func() {
		for {
			select {
			case <-done:
				return
			case <-progress.C:
				s := svc.Stats()
				fmt.Fprintf(os.Stderr, "  workers=%d: %d pages in %s (%.1f/s)\n", w, s.Count, time.Since(start).Round(time.Second), float64(s.Count)/time.Since(start).Seconds())
			}
		}
	}()
	res.sum, err = svc.IngestAll(context.Background(), []string{warcPath}, source.Options{}, func(ie crosscheck.InputError) {
		if res.firstErr == "" {
			res.firstErr = ie.Source + ": " + ie.Err
		}
	})
	res.elapsed, res.cpu = time.Since(start), processCPU()-startCPU
	close(done)
	res.stats = svc.Stats()
	return res, err
}

// benchPrepareRun reads the archive and makes each page a segmented
// article (pipeline.Prepare, text.Analyze) with w workers.
func benchPrepareRun(warcPath string, w int) (pages, failed int, elapsed, cpu time.Duration) {
	ex := extract.New(extract.Options{})
	docs := make(chan crosscheck.Document, w)
	var mu sync.Mutex
	var wg sync.WaitGroup
	start, startCPU := time.Now(), processCPU()
	for range w {
		wg.Go(func() {
			for doc := range docs {
				a, err := pipeline.Prepare(ex, doc)
				if err == nil {
					text.Analyze(a)
				}
				mu.Lock()
				pages++
				if err != nil {
					failed++
				}
				mu.Unlock()
			}
		})
	}
	for doc, err := range source.Read(context.Background(), []string{warcPath}, source.Options{}) {
		if err != nil {
			mu.Lock()
			pages++
			failed++
			mu.Unlock()
			continue
		}
		docs <- doc
	}
	close(docs)
	wg.Wait()
	return pages, failed, time.Since(start), processCPU() - startCPU
}

// processCPU is the CPU time (user and system) this process has used: on a
// shared machine pages per CPU-second is the steadier figure.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchGenerated describes a generated archive.
type benchGenerated struct {
	pages, events, copies int
	htmlBytes, fileBytes  int64
}

// benchWords is a plain English vocabulary for the generated articles, so
// that language identification, sentence splitting and stemming see text
// like a news wire's.
var benchWords = strings.Fields(`the government said on would after year people new
first last week month officials minister president report city country police court
state company market percent million billion water power election vote party leader
council plan budget tax health hospital school children workers union strike talks
agreement deal border army military attack fire storm flood rain heat drought crops
farmers prices inflation bank rates interest loan debt growth economy trade exports
imports energy oil gas coal wind solar climate emissions target law bill parliament
senate committee inquiry investigation evidence witness trial judge ruling appeal
sentence prison charges arrested suspect victims families residents community town
village region province district capital airport port railway road bridge hospital
patients doctors nurses vaccine virus outbreak cases deaths tests research scientists
study university students teachers exam results data figures statement spokesman
spokeswoman interview press conference announced confirmed denied warned promised
agreed rejected criticised welcomed called urged expected planned began ended continued
increased fell rose dropped doubled reached hit record high low level rate number
share support opposition protest demonstrators crowd streets square weekend morning
evening night hours days months years decades history future local national international
foreign domestic public private federal regional central northern southern eastern western
coast river mountain island forest desert lake sea ocean weather season summer winter
spring autumn team match season club players coach fans stadium final cup league
title win loss draw goal points game series tournament champion`)

// benchEvent is one generated news event: the names, places, topic words
// and figures its articles share.
type benchEvent struct {
	names  [4]string
	place  string
	topic  [8]string
	nums   [3]int
	slug   string
	born   time.Time
	copies []int // article indexes whose text can be syndicated
}

// writeBenchWARC writes n generated news pages as a gzip-member WARC (as
// CC-NEWS is published): events of about four articles each from 60
// outlets, one page in ten a syndicated copy of an earlier article of its
// event under another outlet's page furniture. Each page has navigation,
// an inline script, a related-links box and a footer around the article,
// padded to about pageBytes.
func writeBenchWARC(path string, n int, seed uint64, pageBytes int) (benchGenerated, error) {
	var g benchGenerated
	f, err := os.Create(path)
	if err != nil {
		return g, err
	}
	defer f.Close()
	w := warc.NewWriter(f, true)
	r := rand.New(rand.NewPCG(seed, 0x1a9e57))
	base := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := w.WriteRecord("warcinfo", "", base, []byte("software: crosscheck bench ingest\r\nformat: WARC File Format 1.1\r\n"),
		warc.Field{Name: "Content-Type", Value: "application/warc-fields"}); err != nil {
		return g, err
	}
	syllables := strings.Fields("ka lo mi re su ta ven dor bel mar tin gal ros fen ad el or an ri co")
	name := func() string {
		var b strings.Builder
		for i := range 2 + r.IntN(2) {
			s := syllables[r.IntN(len(syllables))]
			if i == 0 {
				s = strings.ToUpper(s[:1]) + s[1:]
			}
			b.WriteString(s)
		}
		return b.String()
	}
	word := func() string { return benchWords[r.IntN(len(benchWords))] }
	var active []*benchEvent
	type kept struct{ title, body string }
	texts := map[int]kept{}
	for i := range n {
		now := base.Add(time.Duration(i) * 20 * time.Second)
		if len(active) == 0 || r.Float64() < 0.25 {
			ev := &benchEvent{place: name(), born: now}
			for k := range ev.names {
				ev.names[k] = name() + " " + name()
			}
			for k := range ev.topic {
				ev.topic[k] = word()
			}
			for k := range ev.nums {
				ev.nums[k] = 2 + r.IntN(9000)
			}
			ev.slug = fmt.Sprintf("%s-%s-%s", strings.ToLower(ev.place), ev.topic[0], ev.topic[1])
			active = append(active, ev)
			g.events++
		}
		// Events get articles for about 12 hours.
		for len(active) > 1 && now.Sub(active[0].born) > 12*time.Hour {
			active = active[1:]
		}
		ev := active[r.IntN(len(active))]
		outlet := r.IntN(60)
		var title, body string
		if len(ev.copies) > 0 && r.Float64() < 0.1 {
			orig := texts[ev.copies[r.IntN(len(ev.copies))]]
			title, body = orig.title, orig.body
			g.copies++
		} else {
			title, body = benchArticle(r, ev, word)
			ev.copies = append(ev.copies, i)
			texts[i] = kept{title, body}
		}
		page := benchPage(r, outlet, title, body, now, pageBytes, word)
		target := fmt.Sprintf("https://www.outlet%02d.test/%s/%s-%d", outlet, now.Format("2006/01/02"), ev.slug, i)
		if err := w.WriteResponse(target, now.Add(time.Hour), 200, "text/html; charset=utf-8", page); err != nil {
			return g, err
		}
		g.pages++
		g.htmlBytes += int64(len(page))
	}
	if err := w.Flush(); err != nil {
		return g, err
	}
	info, err := f.Stat()
	if err == nil {
		g.fileBytes = info.Size()
	}
	return g, err
}

// benchArticle writes one article of an event: a headline and 6 to 12
// paragraphs of 2 to 4 sentences that use the event's names, place, topic
// words and figures among background words.
func benchArticle(r *rand.Rand, ev *benchEvent, word func() string) (string, string) {
	sentence := func() string {
		var ws []string
		for k := range 12 + r.IntN(14) {
			switch x := r.IntN(20); {
			case x == 0:
				ws = append(ws, ev.names[r.IntN(len(ev.names))])
			case x == 1:
				ws = append(ws, "in "+ev.place)
			case x < 5:
				ws = append(ws, ev.topic[r.IntN(len(ev.topic))])
			case x == 5 && k > 2:
				ws = append(ws, strconv.Itoa(ev.nums[r.IntN(len(ev.nums))]))
			default:
				ws = append(ws, word())
			}
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	title := fmt.Sprintf("%s: %s %s %s %s", ev.place, ev.names[0], word(), ev.topic[0], ev.topic[1])
	var b strings.Builder
	for range 6 + r.IntN(7) {
		b.WriteString("<p>")
		for k := range 2 + r.IntN(3) {
			if k > 0 {
				b.WriteByte(' ')
			}
			if r.IntN(6) == 0 {
				fmt.Fprintf(&b, "“%s,” %s said.", strings.TrimSuffix(sentence(), "."), ev.names[r.IntN(len(ev.names))])
			} else {
				b.WriteString(sentence())
			}
		}
		b.WriteString("</p>\n")
	}
	return title, b.String()
}

// benchPage wraps an article in an outlet's page: head with metadata,
// navigation, an inline script, the article, related links and a footer,
// with further navigation lists until the page is about pageBytes.
func benchPage(r *rand.Rand, outlet int, title, body string, published time.Time, pageBytes int, word func() string) []byte {
	var b strings.Builder
	b.Grow(pageBytes + 4096)
	site := fmt.Sprintf("Outlet %02d News", outlet)
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>
<meta property="og:title" content="%s"><meta property="og:site_name" content="%s">
<meta property="article:published_time" content="%s"><meta name="author" content="Staff Reporter">
<link rel="stylesheet" href="/static/site.css"><script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','UA-%d');</script>
<style>body{font-family:serif}.nav a{margin:0 4px}.related li{list-style:none}</style></head><body>
<header><div class="logo"><a href="/">%s</a></div><nav class="nav"><ul>`, title, site, title, site, published.Format(time.RFC3339), 1000+outlet, site)
	for _, s := range []string{"World", "Politics", "Business", "Science", "Sport", "Culture", "Opinion", "Video"} {
		fmt.Fprintf(&b, `<li><a href="/%s">%s</a></li>`, strings.ToLower(s), s)
	}
	fmt.Fprintf(&b, `</ul></nav><form class="search"><input name="q" placeholder="Search"></form></header>
<main><article><h1>%s</h1><div class="byline">By Staff Reporter · <time datetime="%s">%s</time></div>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
%s</article>
<aside class="related"><h2>Most read</h2><ul>`, title, published.Format(time.RFC3339), published.Format("2 January 2006"), body)
	for b.Len() < pageBytes-600 {
		fmt.Fprintf(&b, `<li><a href="/news/%d">%s %s %s %s</a></li>`, r.IntN(1000000), word(), word(), word(), word())
	}
	fmt.Fprintf(&b, `</ul></aside></main><footer><p>© 2024 %s. All rights reserved.</p><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li><li><a href="/contact">Contact</a></li></ul></footer>
<script src="/static/app.js" async></script></body></html>`, site)
	return []byte(b.String())
}
