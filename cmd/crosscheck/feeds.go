package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/watch"
)

func init() {
	commands["feeds"] = command{"the feeds crosscheck watch polls from the store: feeds add|list|remove [--db PATH|URL]", runFeeds}
}

// storeFeedsEvery is how often a running watch re-reads the store's feeds:
// a feed added or removed through the API is followed within it.
const storeFeedsEvery = time.Minute

const feedsUsage = `usage: crosscheck feeds COMMAND [flags]

The store keeps a list of feeds (RSS, Atom, JSON Feed, news sitemaps,
sitemap indexes) that crosscheck watch polls beside those given to it as
arguments or in --config. Feeds are added and removed here or through the
server's API (GET, POST /api/feeds, DELETE /api/feeds/ID); a running watch
re-reads the list every minute, so it starts polling a new feed and stops
polling a removed one within a minute.

commands:
  add [--name N] URL     add a feed (a URL stored already is left as it is);
                         prints its ID
  list
  remove ID

Every command takes --db (default crosscheck.db; a postgres:// URL for a
shared database).
`

func runFeeds(args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(os.Stderr, feedsUsage)
		if len(args) == 0 {
			return exitUsage
		}
		return 0
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("crosscheck feeds "+sub, flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(fs.Output(), feedsUsage+"\nflags:\n"); fs.PrintDefaults() }
	db := storeFlag(fs)
	var f crosscheck.Feed
	switch sub {
	case "add":
		fs.StringVar(&f.Name, "name", "", "a label for the feed")
	case "list", "remove":
	default:
		fmt.Fprintf(os.Stderr, "crosscheck feeds: unknown command %q\n\n%s", sub, feedsUsage)
		return exitUsage
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	var id int64
	switch sub {
	case "add":
		if fs.NArg() != 1 {
			fmt.Fprintln(os.Stderr, "crosscheck feeds add: want one feed URL")
			return exitUsage
		}
		f.URL = fs.Arg(0)
		if err := f.Clean(); err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck feeds add:", err)
			return exitUsage
		}
	case "remove":
		if fs.NArg() != 1 {
			fmt.Fprintln(os.Stderr, "crosscheck feeds remove: want one feed ID (see crosscheck feeds list)")
			return exitUsage
		}
		var err error
		if id, err = strconv.ParseInt(fs.Arg(0), 10, 64); err != nil || id <= 0 {
			fmt.Fprintf(os.Stderr, "crosscheck feeds remove: %q is not a feed ID\n", fs.Arg(0))
			return exitUsage
		}
	default:
		if fs.NArg() > 0 {
			fmt.Fprintf(os.Stderr, "crosscheck feeds %s: unexpected argument %q\n", sub, fs.Arg(0))
			return exitUsage
		}
	}
	st, ok := openStoreFor("feeds", *db)
	if !ok {
		return exitInputFail
	}
	defer st.Close()
	feeds, ok := st.(crosscheck.FeedStore)
	if !ok {
		fmt.Fprintf(os.Stderr, "crosscheck feeds: the store %s keeps no feeds\n", *db)
		return exitInputFail
	}
	ctx := context.Background()
	switch sub {
	case "add":
		added, err := feeds.AddFeed(ctx, &f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck feeds add:", err)
			return exitInputFail
		}
		if !added {
			fmt.Fprintf(os.Stderr, "crosscheck feeds add: %s is stored already, as feed %d\n", f.URL, f.ID)
		}
		fmt.Println(f.ID)
	case "list":
		all, err := feeds.Feeds(ctx)
		if err != nil {
			fmt.Fprintln(os.Stderr, "crosscheck feeds list:", err)
			return exitInputFail
		}
		tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tADDED\tURL\tNAME")
		for _, f := range all {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\n", f.ID, f.Added.Local().Format("2006-01-02 15:04"), f.URL, dashIfEmpty(flatLine(f.Name)))
		}
		tw.Flush()
	case "remove":
		if err := feeds.RemoveFeed(ctx, id); err != nil {
			if errors.Is(err, crosscheck.ErrNotFound) {
				fmt.Fprintf(os.Stderr, "crosscheck feeds remove: no feed %d in %s\n", id, *db)
			} else {
				fmt.Fprintln(os.Stderr, "crosscheck feeds remove:", err)
			}
			return exitInputFail
		}
	}
	return 0
}

// storeFeedLister lists the store's feeds for a watcher. A stored feed's
// name is a label, not its articles' outlet, so it is not passed on.
func storeFeedLister(fs crosscheck.FeedStore) watch.FeedLister {
	return func(ctx context.Context) ([]watch.Feed, error) {
		feeds, err := fs.Feeds(ctx)
		if err != nil {
			return nil, fmt.Errorf("reading the store's feeds: %w", err)
		}
		out := make([]watch.Feed, len(feeds))
		for i, f := range feeds {
			out[i] = watch.Feed{URL: f.URL}
		}
		return out, nil
	}
}
