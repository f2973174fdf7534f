package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/crosscheck-news/crosscheck/dedup"
)

func init() {
	benchTargets["dedup"] = command{"index a generated corpus with planted near-duplicates: speed, memory, recall, precision", func(args []string) int {
		fs := flag.NewFlagSet("bench dedup", flag.ContinueOnError)
		n := fs.Int("n", 100000, "number of generated documents")
		seed := fs.Uint64("seed", 1, "corpus seed (the same seed gives the same corpus)")
		planted := fs.Float64("planted", 0.05, "share of documents that are planted near copies")
		minEst := fs.Float64("min-estimate", 0.7, "estimated Jaccard at or above which the index reports a pair")
		quiet := fs.Bool("q", false, "no progress lines")
		if err := fs.Parse(args); err != nil {
			return exitUsage
		}
		cfg := dedup.BenchConfig{N: *n, Seed: *seed, Planted: *planted, MinEstimate: *minEst}
		log := os.Stderr
		if *quiet {
			log = nil
		}
		res, err := dedup.BenchIndex(cfg, log)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return exitUsage
		}
		for _, l := range res.ByLevel {
			fmt.Printf("planted jaccard [%.1f,%.1f): pairs=%d reported=%d (%.4f)\n", l.Lo, l.Hi, l.Pairs, l.Reported, float64(l.Reported)/float64(max(1, l.Pairs)))
		}
		fmt.Printf("dedup index docs=%d elapsed=%s articles/s=%.0f bytes/article=%.0f\n", res.Docs, res.Elapsed.Round(1e6), res.DocsPerSec, res.IndexBytesPerDoc)
		fmt.Printf("dedup pairs planted=%d planted_j>=0.8=%d reported=%d recall(j>=0.8)=%.4f precision(j>=%.2f)=%.4f precision(j>=%.2f)=%.4f\n",
			res.Pairs, res.Planted80, res.Reported, res.Recall80, res.Gray, res.Precision, *minEst, res.PrecisionStrict)
		return 0
	}}
}
