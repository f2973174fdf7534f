package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/crosscheck-news/crosscheck/cluster"
	"github.com/crosscheck-news/crosscheck/eval"
)

func init() {
	evalTargets["cluster"] = command{"story clustering on ECB+ and NewsWCL50 (BCubed, pairwise F1)", runEvalCluster}
}

func runEvalCluster(args []string) int {
	fs := flag.NewFlagSet("crosscheck eval cluster", flag.ContinueOnError)
	data := fs.String("data", "../shared/data", "folder holding ecbplus/ and newswcl50/")
	mode := fs.String("mode", "both", "clusterer to score: online, batch (--recluster), or both (online line, then batch as the last line)")
	topics := fs.String("topics", "", "ECB+ topics to use, e.g. 1-20 or 21-45 (default: all)")
	sets := fs.String("sets", "", "comma-separated data sets to score: ecbplus, newswcl50 (default: both)")
	def := cluster.Defaults()
	threshold := fs.Float64("threshold", def.Threshold, "similarity threshold (default: the fitted setting)")
	entity := fs.Float64("entity-weight", def.EntityWeight, "weight of entity features")
	number := fs.Float64("number-weight", def.NumberWeight, "weight of number features")
	title := fs.Float64("title-weight", def.TitleWeight, "weight of a title occurrence")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	cfg := eval.ClusterEvalConfig{DataDir: *data}
	switch *mode {
	case "online":
		cfg.Online = true
	case "batch":
		cfg.Batch = true
	case "both":
		cfg.Online, cfg.Batch = true, true
	default:
		fmt.Fprintf(os.Stderr, "crosscheck eval cluster: --mode %q: want online, batch or both\n", *mode)
		return exitUsage
	}
	if *topics != "" {
		lo, hi, ok := strings.Cut(*topics, "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if !ok || err1 != nil || err2 != nil || a > b {
			fmt.Fprintf(os.Stderr, "crosscheck eval cluster: --topics %q: want FROM-TO, e.g. 1-20\n", *topics)
			return exitUsage
		}
		cfg.Topics = func(t int) bool { return t >= a && t <= b }
	}
	if *sets != "" {
		cfg.Sets = strings.Split(*sets, ",")
	}
	opt := def
	opt.Threshold, opt.EntityWeight, opt.NumberWeight, opt.TitleWeight = *threshold, *entity, *number, *title
	opt.IdleWindow = 0 // eval sets are scored whole; no eviction
	cfg.Options = opt
	if err := eval.ClusterEval(os.Stdout, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck eval cluster:", err)
		return exitInputFail
	}
	return 0
}
