package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/crosscheck-news/crosscheck/eval"
)

func init() {
	evalTargets["quotes"] = command{"attribution finding on PolNeAR (token-level and exact-span F1 of Source, Cue, Content)", runEvalQuotes}
}

func runEvalQuotes(args []string) int {
	fs := flag.NewFlagSet("crosscheck eval quotes", flag.ContinueOnError)
	data := fs.String("data", "../shared/data/polnear", "PolNeAR folder holding data/{train,dev}/{text,attributions}")
	split := fs.String("split", "dev", "split to score: train (for tuning), dev (to report) or test")
	misses := fs.Bool("misses", false, "instead of scoring, list the gold attributions missed in part and the found ones matching none (for tuning on train)")
	fit := fs.Bool("fit", false, "fit the attribution tagger on the train split only (every fifth text held out to choose passes, bias and margins) and write it to --model (embedded by the next build)")
	model := fs.String("model", "quote/attribution_model.bin", "where --fit writes the tagger model")
	minP := fs.Float64("min-source-precision", 0, "with --fit, the least source precision on held-out train a setting may have (0: that of the rules alone)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *fit {
		if _, err := eval.FitQuoteTagger(os.Stdout, *data, *model, *minP); err != nil {
			fmt.Fprintf(os.Stderr, "crosscheck eval quotes: %v\n", err)
			return exitInputFail
		}
		return 0
	}
	if *misses {
		if err := eval.WriteQuoteMisses(os.Stdout, *data, *split); err != nil {
			fmt.Fprintf(os.Stderr, "crosscheck eval quotes: %v\n", err)
			return exitInputFail
		}
		return 0
	}
	if _, err := eval.EvalQuotes(os.Stdout, *data, *split); err != nil {
		fmt.Fprintf(os.Stderr, "crosscheck eval quotes: %v\n", err)
		return exitInputFail
	}
	return 0
}
