package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/watchlist"
)

func init() {
	commands["watchlist"] = command{"saved queries notified of new stories and conflicts: watchlist add|list|remove|notifications|deliver [--db PATH|URL]", runWatchlist}
}

const watchlistUsage = `usage: crosscheck watchlist COMMAND [flags]

A watchlist is a saved query: an entity (ID or any spelling of its name), a
keyword or phrase, an outlet; every criterion given must match. Whenever
ingest or watch stores a story, each watchlist it matches records a
notification for the new story and one for each new conflict in it. They
are read as an Atom feed (the server's /watchlists/ID/feed.atom) and POSTed
as JSON to the watchlist's webhook, when it has one, retried with
exponential backoff (watch delivers them as it runs; deliver does one pass).

commands:
  add --entity E --keyword K --outlet O [--name N] [--webhook URL]
  list
  remove ID
  notifications [--limit N] ID
  deliver [--allow-private]

Every command takes --db (default crosscheck.db; a postgres:// URL for a
shared database).
`

func runWatchlist(args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(os.Stderr, watchlistUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return 0
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("crosscheck watchlist "+sub, flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), watchlistUsage+"\nflags:\n"); fs.PrintDefaults() }
	db := storeFlag(fs)
	var w crosscheck.Watchlist
	var limit int
	var allowPrivate bool
	switch sub {
	case "add":
		fs.StringVar(&w.Name, "name", "", "a name for the watchlist (default: its criteria)")
		fs.StringVar(&w.Entity, "entity", "", "an entity ID or name the story must involve")
		fs.StringVar(&w.Keyword, "keyword", "", "a word or phrase the story must contain")
		fs.StringVar(&w.Outlet, "outlet", "", "an outlet that must have an article in the story")
		fs.StringVar(&w.Webhook, "webhook", "", "an http(s) URL to POST each notification to")
	case "notifications":
		fs.IntVar(&limit, "limit", 20, "most notifications shown")
	case "deliver":
		fs.BoolVar(&allowPrivate, "allow-private", false, "let webhooks reach private and loopback addresses")
	case "list", "remove":
	default:
		fmt.Fprintf(os.Stderr, "crosscheck watchlist: unknown command %q\n\n%s", sub, watchlistUsage)
		return exitUsage
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	var id int64
	switch sub {
	case "remove", "notifications":
		if fs.NArg() != 1 {
			fmt.Fprintf(os.Stderr, "crosscheck watchlist %s: want one watchlist ID (see crosscheck watchlist list)\n", sub)
			return exitUsage
		}
		var err error
		if id, err = strconv.ParseInt(fs.Arg(0), 10, 64); err != nil || id <= 0 {
			fmt.Fprintf(os.Stderr, "crosscheck watchlist %s: %q is not a watchlist ID\n", sub, fs.Arg(0))
			return exitUsage
		}
	default:
		if fs.NArg() > 0 {
			fmt.Fprintf(os.Stderr, "crosscheck watchlist %s: unexpected argument %q\n", sub, fs.Arg(0))
			return exitUsage
		}
	}
	if sub == "add" {
		if err := watchlist.Validate(&w); err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck watchlist add:", err)
			return exitUsage
		}
	}
	st, ok := openStoreFor("watchlist", *db)
	if !ok {
		return exitInputFail
	}
	defer st.Close()
	ws, ok := st.(crosscheck.WatchlistStore)
	if !ok {
		fmt.Fprintf(os.Stderr, "crosscheck watchlist: the store %s keeps no watchlists\n", *db)
		return exitInputFail
	}
	ctx := context.Background()
	fail := func(err error) int {
		if errors.Is(err, crosscheck.ErrNotFound) {
			fmt.Fprintf(os.Stderr, "crosscheck watchlist %s: no watchlist %d in %s\n", sub, id, *db)
		} else {
			fmt.Fprintf(os.Stderr, "crosscheck watchlist %s: %v\n", sub, err)
		}
		return exitInputFail
	}
	switch sub {
	case "add":
		if err := ws.AddWatchlist(ctx, &w); err != nil {
			return fail(err)
		}
		fmt.Println(w.ID)
	case "list":
		lists, err := ws.Watchlists(ctx)
		if err != nil {
			return fail(err)
		}
		tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tENTITY\tKEYWORD\tOUTLET\tWEBHOOK")
		for _, l := range lists {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", l.ID, flatLine(l.Name), dashIfEmpty(l.Entity), dashIfEmpty(l.Keyword), dashIfEmpty(l.Outlet), dashIfEmpty(l.Webhook))
		}
		tw.Flush()
	case "remove":
		if err := ws.RemoveWatchlist(ctx, id); err != nil {
			return fail(err)
		}
	case "notifications":
		if _, err := ws.Watchlist(ctx, id); err != nil {
			return fail(err)
		}
		ns, err := ws.Notifications(ctx, id, limit)
		if err != nil {
			return fail(err)
		}
		for _, n := range ns {
			fmt.Printf("%s  %-12s  story %s  %s\n    %s\n", n.Created.Format("2006-01-02 15:04"), n.Kind, n.Story, flatLine(n.Title), flatLine(n.Summary))
		}
	case "deliver":
		s := watchlist.NewSender(ws, watchlist.SenderOptions{AllowPrivate: allowPrivate, OnError: func(err error) {
			fmt.Fprintln(os.Stderr, "crosscheck watchlist deliver:", err)
		}})
		n, err := s.DeliverDue(ctx)
		fmt.Fprintf(os.Stderr, "crosscheck watchlist deliver: %d notifications delivered\n", n)
		if err != nil {
			return fail(err)
		}
	}
	return 0
}

// notifyWatchlists wraps st so that every story the ingest service stores
// is evaluated against the saved watchlists (package watchlist), when the
// store keeps them.
func notifyWatchlists(cmd string, st crosscheck.Store) crosscheck.Store {
	ws, ok := st.(watchlist.Store)
	if !ok {
		return st
	}
	return watchlist.Notifying(st, watchlist.NewNotifier(ws, 0), func(err error) {
		slog.Warn("crosscheck "+cmd+": watchlists", "err", err)
	})
}

// webhookSender delivers watchlist webhooks from st, when it keeps
// watchlists (nil otherwise).
func webhookSender(st crosscheck.Store, allowPrivate bool) *watchlist.Sender {
	ws, ok := st.(crosscheck.WatchlistStore)
	if !ok {
		return nil
	}
	return watchlist.NewSender(ws, watchlist.SenderOptions{AllowPrivate: allowPrivate, OnError: func(err error) {
		slog.Warn("crosscheck watch: webhook", "err", err)
	}})
}
