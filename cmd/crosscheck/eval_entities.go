package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/crosscheck-news/crosscheck/eval"
)

func init() {
	evalTargets["entities"] = command{"entity finding and variant merging on NewsWCL50 (BCubed, MUC, name recall)", runEvalEntities}
	evalTargets["variants"] = command{"spelling-variant merge decisions on the variant pair set (precision, recall)", runEvalVariants}
}

func runEvalEntities(args []string) int {
	fs := flag.NewFlagSet("crosscheck eval entities", flag.ContinueOnError)
	data := fs.String("data", "../shared/data", "folder holding newswcl50/NewsWCL50.conll (or the newswcl50 folder itself)")
	verbose := fs.Bool("v", false, "list, per gold chain, how the engine grouped its names")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if _, err := eval.EvalEntities(os.Stdout, eval.EntityEvalConfig{DataDir: *data, Verbose: *verbose}); err != nil {
		fmt.Fprintf(os.Stderr, "crosscheck eval entities: %v\n", err)
		return exitInputFail
	}
	return 0
}

func runEvalVariants(args []string) int {
	fs := flag.NewFlagSet("crosscheck eval variants", flag.ContinueOnError)
	set := fs.String("set", "entity/testdata/variants.tsv", "variant pair set: same|diff TAB name TAB name per line")
	verbose := fs.Bool("v", false, "list every wrong decision")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if _, err := eval.EvalVariants(os.Stdout, *set, *verbose); err != nil {
		fmt.Fprintf(os.Stderr, "crosscheck eval variants: %v\n", err)
		return exitInputFail
	}
	return 0
}
