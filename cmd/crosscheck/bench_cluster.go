package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/crosscheck-news/crosscheck/cluster"
)

func init() {
	benchTargets["cluster"] = command{"online story clustering on a generated stream: articles/s and memory", runBenchCluster}
}

func runBenchCluster(args []string) int {
	fs := flag.NewFlagSet("crosscheck bench cluster", flag.ContinueOnError)
	n := fs.Int("n", 1000000, "number of generated articles")
	seed := fs.Uint64("seed", 1, "random seed of the generated stream")
	cpus := fs.Int("cpus", 1, "GOMAXPROCS for the run (the target is stated for one core)")
	idle := fs.Duration("idle", 96*time.Hour, "idle window; with one article per second and four articles per event, 96h holds about 100,000 live stories")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *n <= 0 || *cpus <= 0 {
		fmt.Fprintln(os.Stderr, "crosscheck bench cluster: -n and -cpus must be positive")
		return exitUsage
	}
	runtime.GOMAXPROCS(*cpus)
	opt := cluster.Defaults()
	opt.IdleWindow = *idle
	cluster.Bench(os.Stdout, cluster.BenchConfig{N: *n, Seed: *seed, Options: opt})
	return 0
}
