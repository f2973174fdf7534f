package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/server"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/store"
)

func init() {
	commands["serve"] = command{"run the web UI and the JSON API over a store: serve --db PATH --token T", runServe}
}

func runServe(args []string) int {
	tuneGCForIngest()
	fs := flag.NewFlagSet("crosscheck serve", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `usage: crosscheck serve [flags]

Serves the web UI (/) and the JSON API (/api/, described at
/api/openapi.json) over a store, with /healthz and Prometheus /metrics.
POST /api/articles needs "Authorization: Bearer TOKEN"; without a token the
server is read-only. SIGINT or SIGTERM stops it after the requests in
flight finish.

flags:
`)
		fs.PrintDefaults()
	}
	addr := fs.String("addr", "127.0.0.1:8080", "listen on this HOST:PORT")
	db := fs.String("db", store.DefaultPath, "the store: a SQLite file path, or a postgres:// URL")
	token := fs.String("token", "", "bearer token for write endpoints (default $CROSSCHECK_TOKEN)")
	allowPrivate := fs.Bool("allow-private", false, "let URL ingestion fetch private, loopback and link-local addresses")
	fetchTimeout := fs.Duration("timeout", 20*time.Second, "timeout for fetching one URL")
	maxBody := fs.Int64("max-body", server.DefaultMaxBodyBytes, "largest request body in bytes")
	rateFlag := fs.Float64("rate", server.DefaultRate, "requests per second one client address may make (negative: no limit)")
	burst := fs.Int("burst", server.DefaultBurst, "requests one client address may make at once")
	grace := fs.Duration("grace", 30*time.Second, "how long shutdown waits for requests in flight")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "crosscheck serve: unexpected argument %q (flags only)\n", fs.Arg(0))
		return exitUsage
	}
	logger, err := newLogger(*logFormat, *logLevel)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck serve:", err)
		return exitUsage
	}
	if *token == "" {
		*token = os.Getenv("CROSSCHECK_TOKEN")
	}
	if *token == "" {
		logger.Warn("no --token or CROSSCHECK_TOKEN: the server is read-only, POST /api/articles answers 403")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	st, err := store.Open(*db)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck serve:", err)
		return exitInputFail
	}
	defer st.Close()
	start := time.Now()
	svc, err := ingest.NewContext(ctx, notifyWatchlists("serve", st), ingest.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck serve: rebuilding the live stories from the store:", err)
		return exitInputFail
	}
	// Stories still waiting for their analysis are analysed before exit.
	defer func() {
		if err := svc.Close(); err != nil {
			logger.Error("closing the ingest service", "err", err)
		}
	}()
	logger.Info("store open", "db", *db, "rebuilt_articles", svc.Stats().Rebuilt, "took", time.Since(start).Round(time.Millisecond))

	srv, err := server.New(st, server.ServiceIngester(svc), server.Options{
		Token:        *token,
		Source:       source.Options{AllowPrivate: *allowPrivate, Timeout: *fetchTimeout},
		MaxBodyBytes: *maxBody,
		Rate:         *rateFlag,
		Burst:        *burst,
		Logger:       logger,
		Gauges: func() []server.Gauge {
			return []server.Gauge{{Name: "crosscheck_live_stories", Help: "Stories new articles can still join.", Value: float64(svc.Stats().LiveStories)}}
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck serve:", err)
		return exitInputFail
	}
	// Webhooks of watchlist notifications are delivered, and retried, while
	// the server runs.
	if sender := webhookSender(st, *allowPrivate); sender != nil {
		go sender.Run(ctx)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck serve:", err)
		return exitInputFail
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String()+"/", "writes", *token != "", "allow_private", *allowPrivate)
	// The newest stories are made ready while the first requests come in.
	go func() {
		t0 := time.Now()
		n, err := srv.WarmStories(ctx)
		if err != nil && ctx.Err() == nil {
			logger.Warn("story cache not warmed", "stories", n, "err", err)
			return
		}
		logger.Info("story cache warmed", "stories", n, "took", time.Since(t0).Round(time.Millisecond))
	}()
	if err := srv.Serve(ctx, ln, *grace); err != nil {
		logger.Error("server stopped", "err", err)
		return exitInputFail
	}
	logger.Info("stopped")
	return 0
}

// newLogger makes the structured logger of a long-running command.
func newLogger(format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opt := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(os.Stderr, opt)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(os.Stderr, opt)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}
