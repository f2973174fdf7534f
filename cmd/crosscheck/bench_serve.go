package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/pipeline"
	"github.com/crosscheck-news/crosscheck/server"
	"github.com/crosscheck-news/crosscheck/store/sqlite"
)

func init() {
	benchTargets["serve"] = command{"the server on loopback over SQLite: story reads/s and p99 while ingesting, articles/s, nothing lost", runBenchServe}
}

func runBenchServe(args []string) int {
	tuneGCForIngest()
	fs := flag.NewFlagSet("crosscheck bench serve", flag.ContinueOnError)
	n := fs.Int("n", 100000, "generated articles stored before the measurement")
	seed := fs.Uint64("seed", 1, "random seed of the generated articles")
	duration := fs.Duration("duration", 20*time.Second, "how long reads and ingestion run together")
	readers := fs.Int("readers", 32, "concurrent story readers (enough to keep the server busy: with 8, each waiting for its answer, the server idles between reads)")
	writers := fs.Int("writers", 2, "concurrent ingesting clients")
	batch := fs.Int("batch", 10, "articles per POST (JSONL)")
	readRate := fs.Float64("read-rate", 0, "story reads per second the readers send together, each read's latency counted from when it was due (0: as fast as the server answers); with it, the ingest rate is what the server sustains beside that read load")
	noWait := fs.Bool("no-wait", false, "writers post with ?wait=false (answered once stored and placed; stories analysed in the background); the rate counts the time to analyse the backlog")
	ingestRate := fs.Float64("ingest-rate", 0, "articles per second the writers send together, paced (0: as fast as the server answers)")
	db := fs.String("db", "", "SQLite file to use (default: a new one in a temporary directory, removed afterwards)")
	quiet := fs.Bool("quiet", false, "no progress bar")
	warm := fs.Bool("warm", false, "fill the story cache before measuring, as crosscheck serve does when it starts (default: reads begin on a cold cache)")
	reuse := fs.Bool("reuse", false, "with -db: the store already holds an earlier run's articles; skip storing -n more")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measurement (reads and ingestion together, not the loading) to this file")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *n <= 0 || *readers < 0 || *writers < 0 || *batch <= 0 || *readers+*writers == 0 {
		fmt.Fprintln(os.Stderr, "crosscheck bench serve: -n and -batch must be positive, and there must be readers or writers")
		return exitUsage
	}
	path := *db
	if *reuse && path == "" {
		fmt.Fprintln(os.Stderr, "crosscheck bench serve: -reuse needs -db")
		return exitUsage
	}
	if path == "" {
		dir, err := os.MkdirTemp("", "crosscheck-bench-serve")
		if err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck bench serve:", err)
			return exitInputFail
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "bench.db")
	}
	st, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck bench serve:", err)
		return exitInputFail
	}
	defer st.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	svc, err := ingest.NewContext(ctx, st, ingest.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck bench serve:", err)
		return exitInputFail
	}
	bar := newProgressBar(os.Stderr, *quiet)
	res, err := server.Bench(ctx, st, server.ServiceIngester(svc), server.BenchConfig{
		Stored: *n, StoryMin: 2, StoryMax: 6, Seed: *seed,
		Duration: *duration, Readers: *readers, Writers: *writers, Batch: *batch, IngestRate: *ingestRate, ReadRate: *readRate, Reuse: *reuse, Warm: *warm, NoWait: *noWait,
		Assemble: func(id string, arts []*crosscheck.Article) *crosscheck.Story {
			s := ingest.Assemble(id, arts)
			pipeline.AnalyzeStory(s, arts)
			return s
		},
		Progress: bar.update,
		Measure: func() func() {
			stop, err := startCPUProfile(*cpuProfile)
			if err != nil {
				fmt.Fprintln(os.Stderr, "crosscheck bench serve:", err)
				return func() {}
			}
			return stop
		},
	})
	bar.clear()
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck bench serve:", err)
		return exitInputFail
	}
	pacing := "as fast as answered"
	if *ingestRate > 0 {
		pacing = fmt.Sprintf("paced to %g articles/s", *ingestRate)
	}
	readPacing := "as fast as answered"
	if *readRate > 0 {
		readPacing = fmt.Sprintf("offering %g reads/s", *readRate)
	}
	fmt.Printf("crosscheck bench serve: SQLite, GOMAXPROCS %d, seed %d, %d readers (%s), %d writers (%s), %d articles per POST\n", runtime.GOMAXPROCS(0), *seed, *readers, readPacing, *writers, pacing, *batch)
	res.Write(os.Stdout)
	if res.Missing > 0 || res.StoredMissing > 0 {
		fmt.Fprintln(os.Stderr, "crosscheck bench serve: articles were lost")
		return exitInputFail
	}
	return 0
}
