package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/store"
	"github.com/crosscheck-news/crosscheck/watch"
)

func init() {
	commands["watch"] = command{"follow RSS/Atom/JSON feeds and news sitemaps, and ingest every new article into the store", runWatch}
}

func runWatch(args []string) int {
	tuneGCForIngest()
	fs := flag.NewFlagSet("crosscheck watch", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `usage: crosscheck watch [flags] [FEED_URL...]

Polls each feed (RSS, Atom, JSON Feed) or sitemap (news sitemap, sitemap
index) given as an argument, listed in --config, or kept in the store,
fetches every article page they list that has not been fetched before, and
ingests it into the store: extraction, deduplication, story clustering and
analysis.

The store's feeds are added and removed through the server's API (POST
/api/feeds, DELETE /api/feeds/ID) or with crosscheck feeds add|remove. A
running watch re-reads them every minute: it starts polling a new one and
stops polling a removed one within a minute. A feed given as an argument
or in --config is polled whatever the store says. With none given and
none stored yet, watch waits for feeds to be added (--once: usage error).

Requests are polite: conditional (ETag, Last-Modified), one at a time per
host, --host-delay apart, backing off with jitter when a host fails, and
robots.txt is obeyed. Private and loopback addresses are refused unless
--allow-private.

--config is a file of feed URLs, one per line (# comments), or a JSON
object: {"feeds": [{"url": "...", "outlet": "...", "interval": "5m"}],
"interval": "15m", "host_delay": "1s", "workers": 4, "queue": 1000,
"state": "FILE"}. Flags given on the command line win over the file.

The state file (default: DB.watch next to a SQLite database) keeps the
URLs already fetched and the feeds' validators, so a run from cron with
--once fetches nothing twice.

Exit status: 0, or 1 when --once met failures (each is one line on
stderr), 2 on usage errors.

flags:
`)
		fs.PrintDefaults()
	}
	db := storeFlag(fs)
	configPath := fs.String("config", "", "file listing the feeds (see above)")
	once := fs.Bool("once", false, "poll every feed once, ingest what is new, then exit")
	interval := fs.Duration("interval", 0, "time between two polls of a feed (default 15m)")
	hostDelay := fs.Duration("host-delay", 0, "least time between two requests to one host (default 1s)")
	workers := fs.Int("workers", 0, "article pages fetched at once, from different hosts (default 4)")
	statePath := fs.String("state", "", "state file of fetched URLs and feed validators (default: DB.watch for SQLite, none for PostgreSQL, where the URLs are claimed in the database; \"none\": keep it in memory)")
	quiet := fs.Bool("quiet", false, "no progress line")
	var sf sourceFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(os.Stderr, "crosscheck watch: "+format+"\n", a...)
		return exitUsage
	}

	cfg := &watch.Config{}
	if *configPath != "" {
		var err error
		if cfg, err = watch.LoadConfig(*configPath); err != nil {
			return usageErr("%v", err)
		}
	}
	for _, u := range fs.Args() {
		if watch.NormalizeURL(u) == "" {
			return usageErr("%q is not an http(s) feed URL", u)
		}
		cfg.Feeds = append(cfg.Feeds, watch.Feed{URL: u})
	}
	if strings.Contains(*db, "://") {
		return usageErr("--db %s: only a SQLite file is supported by watch for now (PostgreSQL comes with the multi-worker store)", *db)
	}
	if *interval > 0 {
		cfg.Interval = watch.Duration(*interval)
	}
	if *hostDelay > 0 {
		cfg.HostDelay = watch.Duration(*hostDelay)
	}
	if *workers > 0 {
		cfg.Workers = *workers
	}
	switch {
	case *statePath != "":
		cfg.State = *statePath
	case cfg.State == "" && store.IsPostgres(*db):
		cfg.State = "none"
	case cfg.State == "":
		cfg.State = *db + ".watch"
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	st, ok := openStoreFor("watch", *db)
	if !ok {
		return exitInputFail
	}
	defer st.Close()
	// On PostgreSQL, several watch and ingest workers may share the store:
	// article URLs are claimed in the database, and stories are assigned
	// through its placement log.
	shared, ok := openCoordinator(ctx, "watch", *db)
	if !ok {
		return exitInputFail
	}
	if shared != nil {
		defer shared.Close()
	}
	iopt := ingest.Options{}
	if shared != nil {
		iopt.Shared = shared
	}
	svc, err := ingest.NewContext(ctx, notifyWatchlists("watch", st), iopt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck watch:", err)
		return exitInputFail
	}
	// Stories still waiting for their analysis are analysed before exit.
	defer func() {
		if err := svc.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck watch:", err)
		}
	}()

	opt := watch.Options{
		Feeds:     cfg.Feeds,
		Source:    sf.options(),
		Interval:  time.Duration(cfg.Interval),
		HostDelay: time.Duration(cfg.HostDelay),
		Workers:   cfg.Workers,
		Queue:     cfg.Queue,
	}
	if cfg.State != "none" {
		state, err := watch.OpenStateFile(cfg.State, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck watch:", err)
			return exitInputFail
		}
		defer func() {
			if err := state.Close(); err != nil {
				fmt.Fprintln(os.Stderr, "crosscheck watch:", err)
			}
		}()
		opt.Seen, opt.Validators = state, state
		// Entries are buffered; write them out now and then, so that a
		// killed watcher re-fetches little (and the store's content-hash
		// article ids make a re-fetch harmless).
		go func() {
			t := time.NewTicker(10 * time.Second)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					if err := state.Flush(); err != nil {
						slog.Warn("watch: state file", "err", err)
					}
				}
			}
		}()
	}

	if shared != nil {
		opt.Seen = shared.Claims()
	}

	prog := newWatchProgress(*quiet)
	failed := 0
	var failMu sync.Mutex
	opt.OnFailure = func(f watch.Failure) {
		failMu.Lock()
		failed++
		failMu.Unlock()
		prog.failure(f)
	}
	var added countPair
	sink := watch.SinkFunc(func(ctx context.Context, doc crosscheck.Document) error {
		res, err := svc.Ingest(ctx, doc)
		if err == nil {
			added.add(res.Added)
		}
		return err
	})
	w, err := watch.New(opt, sink)
	if err != nil {
		return usageErr("%v", err)
	}
	defer w.Close()
	// The store's feeds, beside the command line's: read now, and every
	// storeFeedsEvery while running.
	var feedSync *watch.FeedSync
	if fst, ok := st.(crosscheck.FeedStore); ok {
		feedSync = watch.NewFeedSync(w, storeFeedLister(fst))
		if _, _, err := feedSync.Sync(ctx); err != nil {
			opt.OnFailure(watch.Failure{Feed: "(feed list)", Err: err})
		}
	}
	if len(w.Feeds()) == 0 {
		if *once || feedSync == nil {
			fs.Usage()
			return usageErr("no feeds: give FEED_URL arguments or --config FILE, or add feeds to the store (crosscheck feeds add, POST /api/feeds)")
		}
		slog.Info("watch: no feeds yet: waiting for feeds added to the store (crosscheck feeds add, POST /api/feeds)", "every", storeFeedsEvery)
	}

	done := make(chan struct{})
	go prog.run(w, &added, done)
	// Webhooks of watchlist notifications: delivered (and retried) as the
	// watch runs; --once makes one pass at the end.
	sender := webhookSender(st, sf.options().AllowPrivate)
	if sender != nil && !*once {
		go sender.Run(ctx)
	}
	if *once {
		err = w.Once(ctx)
	} else {
		if feedSync != nil {
			go feedSync.Run(ctx, storeFeedsEvery, func(added, removed int) {
				slog.Info("watch: the store's feeds changed", "added", added, "removed", removed, "feeds", len(w.Feeds()))
			})
		}
		slog.Info("watch: started", "feeds", len(w.Feeds()), "db", *db, "state", cfg.State)
		err = w.Run(ctx)
	}
	close(done)
	prog.final(w.Stats(), &added)
	if sender != nil && *once {
		if err := svc.Flush(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck watch:", err)
		}
		if _, err := sender.DeliverDue(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck watch:", err)
		}
	}
	if err != nil && ctx.Err() == nil {
		fmt.Fprintln(os.Stderr, "crosscheck watch:", err)
		return exitInputFail
	}
	if *once && failed > 0 {
		return exitInputFail
	}
	return 0
}

// countPair counts ingested articles: new ones and ones already stored.
type countPair struct {
	mu              sync.Mutex
	added, existing int64
}

func (c *countPair) add(added bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if added {
		c.added++
	} else {
		c.existing++
	}
}

func (c *countPair) get() (int64, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.added, c.existing
}

// watchProgress shows how a watch goes: one self-overwriting line on a
// terminal, a log line every interval otherwise. Failures are printed as
// one line each, above the progress line.
type watchProgress struct {
	mu       sync.Mutex
	terminal bool
	quiet    bool
	start    time.Time
	drawn    bool
	every    time.Duration
}

func newWatchProgress(quiet bool) *watchProgress {
	p := &watchProgress{terminal: term.IsTerminal(int(os.Stderr.Fd())), quiet: quiet, start: time.Now(), every: 30 * time.Second}
	if p.terminal {
		p.every = 250 * time.Millisecond
	}
	return p
}

func (p *watchProgress) run(w *watch.Watcher, added *countPair, done <-chan struct{}) {
	if p.quiet {
		return
	}
	t := time.NewTicker(p.every)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-t.C:
			p.show(w.Stats(), added)
		}
	}
}

func (p *watchProgress) show(s watch.Stats, added *countPair) {
	newArts, existing := added.get()
	elapsed := time.Since(p.start)
	rate := float64(s.Fetched) / max(elapsed.Seconds(), 1e-9)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal {
		fmt.Fprintf(os.Stderr, "\r\033[Kwatch: %d polls (%d unchanged), %d new URLs, %d fetched (%.1f/s), %d stored, %d known, %d failed, %d queued",
			s.Polls, s.NotModified, s.Found, s.Fetched, rate, newArts, existing, s.Failed+s.FeedFailures, s.Queued)
		p.drawn = true
		return
	}
	slog.Info("watch: progress", "polls", s.Polls, "unchanged", s.NotModified, "new_urls", s.Found, "fetched", s.Fetched,
		"pages_per_s", fmt.Sprintf("%.2f", rate), "stored", newArts, "known", existing, "failed", s.Failed+s.FeedFailures, "queued", s.Queued)
}

func (p *watchProgress) failure(f watch.Failure) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(os.Stderr, "\r\033[K")
		p.drawn = false
	}
	fmt.Fprintln(os.Stderr, "crosscheck watch:", oneLine(f.Error()))
}

func (p *watchProgress) final(s watch.Stats, added *countPair) {
	newArts, existing := added.get()
	p.mu.Lock()
	if p.drawn {
		fmt.Fprint(os.Stderr, "\r\033[K")
		p.drawn = false
	}
	p.mu.Unlock()
	fmt.Fprintf(os.Stderr, "crosscheck watch: %d polls (%d unchanged, %d failed), %d new URLs (%d listed again), %d pages fetched, %d articles stored, %d already stored, %d articles failed, in %s\n",
		s.Polls, s.NotModified, s.FeedFailures, s.Found, s.AlreadySeen, s.Fetched, newArts, existing, s.Failed, time.Since(p.start).Round(time.Millisecond))
}

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
