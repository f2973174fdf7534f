package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/report"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/store"
)

func init() {
	commands["ingest"] = command{"read articles and place each in its story in a store: ingest [--db PATH|URL] INPUT...", runIngest}
	commands["stories"] = command{"list the stories of a store: stories [--db PATH|URL] [--order newest|sources|contested]", runStories}
	commands["story"] = command{"show one stored story as a report: story [--db PATH|URL] [--format text|json|markdown] ID", runStory}
	commands["search"] = command{"find stored articles by full text: search [--db PATH|URL] QUERY", runSearch}
}

// storeFlag registers --db, shared by the store commands.
func storeFlag(fs *flag.FlagSet) *string {
	return fs.String("db", store.DefaultPath, "the store: a SQLite file (created if missing) or a postgres:// URL")
}

// openStoreFor opens --db, printing a one-line error naming the command.
func openStoreFor(cmd, dsn string) (crosscheck.Store, bool) {
	return openStoreWith(cmd, dsn, store.Options{})
}

// openStoreWith is openStoreFor with options.
func openStoreWith(cmd, dsn string, opt store.Options) (crosscheck.Store, bool) {
	st, err := store.OpenWith(dsn, opt)
	if err != nil {
		fmt.Fprintf(os.Stderr, "crosscheck %s: opening the store: %v\n", cmd, err)
		return nil, false
	}
	return st, true
}

// ingestAnalysisDelay is crosscheck ingest's default analysis delay. A run
// of ingest is a batch (files, an archive): a story gains its articles
// over the whole run, and analysing it after each would cost a whole-story
// analysis per article. Waiting a minute analyses most stories once, at
// the end of the run or a minute after their last article, and still
// shows stories to a server reading the same store as the run goes. The
// long-running commands (serve, watch) keep ingest's default, a fraction
// of a second, since their articles arrive one by one as news breaks.
const ingestAnalysisDelay = time.Minute

// analysisDelay maps a --analysis-delay flag to ingest.Options: 0 means no
// wait, which Options spells negative.
func analysisDelay(d time.Duration) time.Duration {
	if d <= 0 {
		return -1
	}
	return d
}

func runIngest(args []string) int {
	tuneGCForIngest()
	fs := flag.NewFlagSet("crosscheck ingest", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `usage: crosscheck ingest [flags] INPUT...

Reads articles (the INPUTs of crosscheck analyze: files, directories, URLs,
- for standard input; .txt, .html, .json, .jsonl, gzipped or not), stores
each once (an article already stored is left as it is) and places it in its
story, re-analysing the story. Stories build up across runs.

Exit status: 0 when every input was ingested, 1 when some failed (each
failure is one line on stderr naming the input; the others are still
ingested), 2 on usage errors.

flags:
`)
		fs.PrintDefaults()
	}
	db := storeFlag(fs)
	workers := fs.Int("workers", 0, "articles processed at once (0: one per CPU)")
	delay := fs.Duration("analysis-delay", ingestAnalysisDelay, "how long a story that gained articles waits before it is analysed, so that articles arriving meanwhile are analysed with it; the end of the run analyses every waiting story")
	durable := fs.Bool("durable", false, "make every commit survive a power cut or OS crash (an fsync each). Without it, such a crash may lose the run's last commits, which running the same command again restores (an article stored twice is stored once); a killed process loses nothing either way")
	var sf sourceFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "crosscheck ingest: no INPUT given (a file, directory, URL, or -)")
		fs.Usage()
		return exitUsage
	}
	st, ok := openStoreWith("ingest", *db, store.Options{Replayable: !*durable})
	if !ok {
		return exitInputFail
	}
	defer st.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	start := time.Now()
	opt := ingest.Options{Workers: *workers, AnalysisDelay: analysisDelay(*delay)}
	// On PostgreSQL, several ingest and watch workers may share the store.
	shared, ok := openCoordinator(ctx, "ingest", *db)
	if !ok {
		return exitInputFail
	}
	if shared != nil {
		defer shared.Close()
		opt.Shared = shared
	}
	svc, err := ingest.NewContext(ctx, notifyWatchlists("ingest", st), opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck ingest:", err)
		return exitInputFail
	}
	sum, err := svc.IngestAll(ctx, fs.Args(), sf.options(), func(e crosscheck.InputError) {
		fmt.Fprintf(os.Stderr, "crosscheck: %s: %s\n", e.Source, e.Err)
	})
	elapsed := time.Since(start)
	fmt.Fprintf(os.Stderr, "crosscheck ingest: %d inputs: %d added, %d already stored, %d failed; %d stories touched; %s (%s)\n",
		sum.Inputs, sum.Added, sum.Duplicates, sum.Failed, sum.Stories, elapsed.Round(time.Millisecond), *db)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck ingest:", err)
		return exitInputFail
	}
	if sum.Failed > 0 {
		return exitInputFail
	}
	return 0
}

func runStories(args []string) int {
	fs := flag.NewFlagSet("crosscheck stories", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: crosscheck stories [flags]\n\nLists the stored stories, a page at a time.\n\nflags:\n")
		fs.PrintDefaults()
	}
	db := storeFlag(fs)
	order := fs.String("order", "newest", "newest, sources (most outlets first) or contested (most conflicting findings first)")
	limit := fs.Int("limit", 20, "stories per page")
	offset := fs.Int("offset", 0, "stories to skip")
	outlet := fs.String("outlet", "", "only stories with an article from this outlet")
	entity := fs.String("entity", "", "only stories naming this entity (an entity ID or any spelling of its name)")
	language := fs.String("language", "", "only stories with an article in this language (ISO 639-1, e.g. en)")
	since := fs.String("since", "", "only stories last seen at or after this date")
	until := fs.String("until", "", "only stories first seen before this date")
	format := fs.String("format", "text", "text or json")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "crosscheck stories: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	q := crosscheck.StoryQuery{Order: crosscheck.StoryOrder(*order), Limit: *limit, Offset: *offset,
		Outlet: *outlet, Entity: *entity, Language: *language}
	for _, d := range []struct {
		flag, value string
		dst         *time.Time
	}{{"since", *since, &q.Since}, {"until", *until, &q.Until}} {
		if d.value == "" {
			continue
		}
		t, err := source.ParseDate(d.value)
		if err != nil {
			fmt.Fprintf(os.Stderr, "crosscheck stories: --%s %q: %v\n", d.flag, d.value, err)
			return exitUsage
		}
		*d.dst = t
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(os.Stderr, "crosscheck stories: unknown format %q: want text or json\n", *format)
		return exitUsage
	}
	st, ok := openStoreFor("stories", *db)
	if !ok {
		return exitInputFail
	}
	defer st.Close()
	sums, err := st.Stories(context.Background(), q)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck stories:", err)
		return exitInputFail
	}
	if *format == "json" {
		return printJSON("stories", sums)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "STORY\tARTICLES\tOUTLETS\tCONFLICTS\tLAST SEEN\tTITLE")
	for _, s := range sums {
		last := "undated"
		if s.LastSeen != nil {
			last = s.LastSeen.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%s\t%s\n", s.ID, s.Articles, len(s.Outlets), s.Conflicts, last, flatLine(s.Title))
	}
	if err := w.Flush(); err != nil {
		return exitInputFail
	}
	return 0
}

func runStory(args []string) int {
	fs := flag.NewFlagSet("crosscheck story", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: crosscheck story [flags] ID\n\nWrites one stored story and its articles as a report (the same forms as crosscheck analyze).\n\nflags:\n")
		fs.PrintDefaults()
	}
	db := storeFlag(fs)
	format := fs.String("format", "text", "text, json or markdown")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "crosscheck story: want exactly one story ID (see crosscheck stories)")
		return exitUsage
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck story:", err)
		return exitUsage
	}
	st, ok := openStoreFor("story", *db)
	if !ok {
		return exitInputFail
	}
	defer st.Close()
	ctx := context.Background()
	s, err := st.Story(ctx, fs.Arg(0))
	if errors.Is(err, crosscheck.ErrNotFound) {
		fmt.Fprintf(os.Stderr, "crosscheck story: no story %q in %s\n", fs.Arg(0), *db)
		return exitInputFail
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck story:", err)
		return exitInputFail
	}
	arts, err := st.Articles(ctx, s.Articles)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck story:", err)
		return exitInputFail
	}
	rep := &crosscheck.Report{Schema: crosscheck.ReportSchema, Articles: arts, Stories: []*crosscheck.Story{s}}
	if err := report.Write(os.Stdout, rep, f); err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck story: writing the report:", err)
		return exitInputFail
	}
	return 0
}

func runSearch(args []string) int {
	fs := flag.NewFlagSet("crosscheck search", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `usage: crosscheck search [flags] QUERY...

Finds stored articles containing every word of QUERY (any case, no
stemming; "quoted words" must occur as a phrase), best match first.

flags:
`)
		fs.PrintDefaults()
	}
	db := storeFlag(fs)
	limit := fs.Int("limit", 20, "most hits shown")
	format := fs.String("format", "text", "text or json")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "crosscheck search: no QUERY given")
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(os.Stderr, "crosscheck search: unknown format %q: want text or json\n", *format)
		return exitUsage
	}
	st, ok := openStoreFor("search", *db)
	if !ok {
		return exitInputFail
	}
	defer st.Close()
	hits, err := st.Search(context.Background(), strings.Join(fs.Args(), " "), *limit)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck search:", err)
		return exitInputFail
	}
	if *format == "json" {
		return printJSON("search", hits)
	}
	for _, h := range hits {
		fmt.Printf("%s  story %s  %s: %s\n    %s\n", h.Article, dashIfEmpty(h.Story), dashIfEmpty(h.Outlet), flatLine(h.Title), flatLine(h.Snippet))
	}
	if len(hits) == 0 {
		fmt.Fprintln(os.Stderr, "crosscheck search: no article matches")
	}
	return 0
}

func printJSON(cmd string, v any) int {
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(os.Stderr, "crosscheck %s: %v\n", cmd, err)
		return exitInputFail
	}
	return 0
}

func flatLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
