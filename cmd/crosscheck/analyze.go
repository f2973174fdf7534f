package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/pipeline"
	"github.com/crosscheck-news/crosscheck/report"
	"github.com/crosscheck-news/crosscheck/source"
)

func init() {
	commands["analyze"] = command{"read articles, group them into stories and report what the sources agree and disagree on", runAnalyze}
}

// sourceFlags are the input flags shared by every command that reads inputs.
type sourceFlags struct {
	maxBytes     int64
	allowPrivate bool
	timeout      time.Duration
}

func (f *sourceFlags) register(fs *flag.FlagSet) {
	fs.Int64Var(&f.maxBytes, "max-bytes", 20<<20, "refuse any input larger than this many bytes")
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "allow URLs that resolve to private, loopback or link-local addresses")
	fs.DurationVar(&f.timeout, "timeout", 20*time.Second, "timeout for fetching one URL")
}

func (f *sourceFlags) options() source.Options {
	return source.Options{MaxBytes: f.maxBytes, AllowPrivate: f.allowPrivate, Timeout: f.timeout}
}

func runAnalyze(args []string) int {
	fs := flag.NewFlagSet("crosscheck analyze", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `usage: crosscheck analyze [flags] INPUT...

INPUT is a file, a directory (read recursively), an http(s) URL, or - for
standard input. Formats: .txt, .html/.htm, .json (one article), .jsonl (one
article per line), any of them gzipped (.gz).

Exit status: 0 when every input was read, 1 when some input failed (each
failure is one line on stderr; the others are still analysed), 2 on usage
errors.

flags:
`)
		fs.PrintDefaults()
	}
	format := fs.String("format", "text", "output format: text, json or markdown")
	output := fs.String("o", "-", "write the report to this file instead of standard output")
	quiet := fs.Bool("quiet", false, "no progress bar")
	workers := fs.Int("workers", 0, "articles extracted at once (0: one per CPU)")
	recluster := fs.Bool("recluster", true, "group the whole batch for the best grouping; false assigns articles one at a time in publication order, as a monitor does")
	var sf sourceFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "crosscheck analyze: no INPUT given (a file, directory, URL, or -)")
		fs.Usage()
		return exitUsage
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck analyze:", err)
		return exitUsage
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bar := newProgressBar(os.Stderr, *quiet)
	opt := pipeline.Options{
		Source:  sf.options(),
		Workers: *workers,
		Online:  !*recluster,
		OnError: func(e crosscheck.InputError) {
			bar.clear()
			fmt.Fprintf(os.Stderr, "crosscheck: %s: %s\n", e.Source, e.Err)
		},
		Progress: bar.update,
	}
	rep, err := pipeline.Analyze(ctx, fs.Args(), opt)
	bar.clear()
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck analyze:", err)
		return exitInputFail
	}

	var w io.Writer = os.Stdout
	if *output != "-" {
		file, err := os.Create(*output)
		if err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck analyze:", err)
			return exitInputFail
		}
		defer file.Close()
		w = file
	}
	if err := report.Write(w, rep, f); err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck analyze: writing the report:", err)
		return exitInputFail
	}
	if len(rep.Errors) > 0 {
		fmt.Fprintf(os.Stderr, "crosscheck: %d of %d inputs failed\n", len(rep.Errors), len(rep.Errors)+len(rep.Articles))
		return exitInputFail
	}
	return 0
}
