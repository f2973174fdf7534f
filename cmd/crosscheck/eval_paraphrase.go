package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/crosscheck-news/crosscheck/dedup"
	"github.com/crosscheck-news/crosscheck/eval"
)

func init() {
	evalTargets["paraphrase"] = command{"score the sentence-pair (paraphrase) scorer of rewrite detection on MSRP test", func(args []string) int {
		fs := flag.NewFlagSet("eval paraphrase", flag.ContinueOnError)
		data := fs.String("data", "../shared/data/msrp", "folder holding msr_paraphrase_train.txt and msr_paraphrase_test.txt")
		fit := fs.Bool("fit", false, "refit the model on the train split, print it as Go source (dedup/model.go) and score that model")
		if err := fs.Parse(args); err != nil {
			return exitUsage
		}
		res, err := eval.Paraphrase(*data, *fit)
		if err != nil {
			fmt.Fprintln(os.Stderr, "eval paraphrase:", err)
			return exitInputFail
		}
		if *fit {
			if err := dedup.WriteModel(os.Stdout, res.Model, "// ParaphraseModel: fitted on MSRP train by `crosscheck eval paraphrase --fit`."); err != nil {
				fmt.Fprintln(os.Stderr, "eval paraphrase:", err)
				return exitInputFail
			}
		}
		eval.PrintParaphrase(os.Stdout, res)
		return 0
	}}
}
