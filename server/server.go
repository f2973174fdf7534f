// Package server is crosscheck as a service: the JSON API that ingests
// articles and reads stories, entities and search results from a
// crosscheck.Store, and the server-rendered web UI over the same store.
//
// One http.Handler serves both. The routes are one table (routes), from
// which the ServeMux is built and against which the OpenAPI description
// (openapi.json, served at /api/openapi.json) is tested, so the two cannot
// drift apart.
//
// Writes need a bearer token, compared in constant time; every request
// passes a per-client token-bucket rate limit and a body cap; article text
// reaches pages only through html/template, so no HTML from an article is
// ever rendered unescaped.
package server

import (
	"cmp"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/watchlist"
)

// Ingested is what ingesting one document did: the article's id, the story
// it was placed in, and whether it was new (false: already stored).
type Ingested struct {
	Article string `json:"id"`
	Story   string `json:"story"`
	Added   bool   `json:"added"`
}

// Ingester runs the pipeline on one document and stores the article in its
// story. *ingest.Service is one, through ServiceIngester.
type Ingester interface {
	Ingest(ctx context.Context, doc crosscheck.Document) (Ingested, error)
	// Settle waits until the given stories are stored with every article
	// ingested into them so far, so that a read after the answer to a POST
	// sees its articles in their stories.
	Settle(ctx context.Context, stories ...string) error
}

// ServiceIngester is the ingest service as the server's Ingester.
func ServiceIngester(svc *ingest.Service) Ingester { return serviceIngester{svc} }

type serviceIngester struct{ svc *ingest.Service }

func (i serviceIngester) Ingest(ctx context.Context, doc crosscheck.Document) (Ingested, error) {
	r, err := i.svc.Ingest(ctx, doc)
	return Ingested{Article: r.Article, Story: r.Story, Added: r.Added}, err
}

func (i serviceIngester) Settle(ctx context.Context, stories ...string) error {
	return i.svc.Settle(ctx, stories...)
}

// Defaults for the zero values of Options.
const (
	DefaultMaxBodyBytes = 20 << 20
	DefaultRate         = 20 // requests per second per client
	DefaultBurst        = 60
)

// Options configures a Server.
type Options struct {
	// Token is the bearer token that write endpoints require. Empty: writes
	// are refused (403), the server is read-only.
	Token string
	// Source guards URL ingestion (AllowPrivate, Timeout, robots.txt).
	// MaxBodyBytes, not Source.MaxBytes, caps request bodies.
	Source source.Options
	// MaxBodyBytes caps a request body (default 20 MB).
	MaxBodyBytes int64
	// Rate is the sustained requests per second one client (remote IP) may
	// make, Burst how many it may make at once. Rate 0: DefaultRate;
	// negative: no limit.
	Rate  float64
	Burst int
	// Logger receives one structured line per request (default: discard).
	Logger *slog.Logger
	// StoryCount, when set, reports how many stories are stored, for the
	// crosscheck_stories gauge of /metrics.
	StoryCount func(ctx context.Context) (int, error)
	// Gauges, when set, adds gauges of the process (such as the ingester's
	// live stories) to /metrics.
	Gauges func() []Gauge
	// StoryCacheBytes bounds the cache of story JSON that GET
	// /api/stories/{id} answers from when the store numbers story
	// revisions (0: DefaultStoryCacheBytes; negative: no cache).
	StoryCacheBytes int64
}

// Gauge is one extra gauge for /metrics.
type Gauge struct {
	Name  string // a Prometheus metric name: [a-zA-Z_:][a-zA-Z0-9_:]*
	Help  string
	Value float64
}

// Server serves the API and the web UI.
type Server struct {
	store    crosscheck.Store
	ingester Ingester
	opt      Options
	log      *slog.Logger
	limiter  *clientLimiter
	metrics  *metrics
	pages    *pages
	stories  *storyCache // nil: no cache
	mux      *http.ServeMux
	handler  http.Handler
}

// New builds a Server over st. ing may be nil for a read-only server.
func New(st crosscheck.Store, ing Ingester, opt Options) (*Server, error) {
	if st == nil {
		return nil, errors.New("server: no store")
	}
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opt.Rate == 0 {
		opt.Rate = DefaultRate
	}
	if opt.Burst <= 0 {
		opt.Burst = DefaultBurst
	}
	opt.Source.MaxBytes = opt.MaxBodyBytes
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	pg, err := loadPages()
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s := &Server{
		store:    st,
		ingester: ing,
		opt:      opt,
		log:      opt.Logger,
		metrics:  newMetrics(),
		pages:    pg,
		mux:      http.NewServeMux(),
	}
	if _, ok := st.(crosscheck.StoryRevisions); ok && opt.StoryCacheBytes >= 0 {
		s.stories = newStoryCache(cmp.Or(opt.StoryCacheBytes, DefaultStoryCacheBytes))
	}
	if opt.Rate > 0 {
		s.limiter = newClientLimiter(rate.Limit(opt.Rate), opt.Burst)
	}
	for _, rt := range s.routes() {
		h := rt.handler
		if rt.write {
			h = s.requireToken(h)
		}
		s.mux.Handle(rt.method+" "+rt.pattern, h)
	}
	s.handler = s.logRequests(s.securityHeaders(s.rateLimit(s.mux)))
	return s, nil
}

// ServeHTTP serves one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Serve accepts connections on ln until ctx is done, then stops accepting,
// lets the requests in flight finish (for at most grace) and returns.
// It returns nil after a graceful shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener, grace time.Duration) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down: finishing requests in flight", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: requests still running after %s: %w", grace, err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// route is one registered endpoint.
type route struct {
	method  string
	pattern string // a ServeMux pattern without the method
	handler http.Handler
	write   bool // needs the bearer token
	api     bool // machine-readable: described in openapi.json
}

// routes is the one table of endpoints.
func (s *Server) routes() []route {
	h := func(f http.HandlerFunc) http.Handler { return f }
	rs := []route{
		{method: "POST", pattern: "/api/articles", handler: h(s.postArticles), write: true, api: true},
		{method: "GET", pattern: "/api/articles/{id}", handler: h(s.getArticle), api: true},
		{method: "GET", pattern: "/api/stories", handler: h(s.getStories), api: true},
		{method: "GET", pattern: "/api/stories/{id}", handler: h(s.getStory), api: true},
		{method: "GET", pattern: "/api/entities/{id}", handler: h(s.getEntity), api: true},
		{method: "GET", pattern: "/api/search", handler: h(s.getSearch), api: true},
		{method: "GET", pattern: "/api/openapi.json", handler: h(s.getOpenAPI), api: true},
		{method: "GET", pattern: "/healthz", handler: h(s.getHealth), api: true},
		{method: "GET", pattern: "/metrics", handler: h(s.getMetrics), api: true},

		{method: "GET", pattern: "/{$}", handler: h(s.pageStories)},
		{method: "GET", pattern: "/stories/{id}", handler: h(s.pageStory)},
		{method: "GET", pattern: "/stories/{id}/report.json", handler: h(s.exportJSON)},
		{method: "GET", pattern: "/stories/{id}/report.md", handler: h(s.exportMarkdown)},
		{method: "GET", pattern: "/stories/{id}/findings.csv", handler: h(s.exportCSV)},
		{method: "GET", pattern: "/entities/{id}", handler: h(s.pageEntity)},
		{method: "GET", pattern: "/search", handler: h(s.pageSearch)},
		{method: "GET", pattern: "/feed.atom", handler: h(s.feed)},
		{method: "GET", pattern: "/static/", handler: staticHandler()},
	}
	rs = append(rs, s.feedRoutes()...)
	return append(rs, s.watchlistRoutes()...)
}

// watchlistRoutes are the watchlist endpoints (see watchlist.Handlers) when
// the store keeps watchlists. Feed links are made from the request's host,
// as the server's own feed's are.
func (s *Server) watchlistRoutes() []route {
	ws, ok := s.store.(crosscheck.WatchlistStore)
	if !ok {
		return nil
	}
	var rs []route
	for _, rt := range (&watchlist.Handlers{Store: ws}).Routes() {
		var h http.Handler = rt.Handler
		if rt.Pattern == "/watchlists/{id}/feed.atom" {
			h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				(&watchlist.Handlers{Store: ws, BaseURL: baseURL(r)}).Feed(w, r)
			})
		}
		rs = append(rs, route{method: rt.Method, pattern: rt.Pattern, handler: h, write: rt.Write, api: strings.HasPrefix(rt.Pattern, "/api/")})
	}
	return rs
}

// requireToken lets a request through only with "Authorization: Bearer T".
// Both sides are hashed before the constant-time compare so that neither the
// content nor the length of the token leaks through timing.
func (s *Server) requireToken(next http.Handler) http.Handler {
	want := sha256.Sum256([]byte(s.opt.Token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opt.Token == "" {
			writeError(w, http.StatusForbidden, "writes are disabled: the server was started without --token (or CROSSCHECK_TOKEN)")
			return
		}
		scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		got := sha256.Sum256([]byte(strings.TrimSpace(token)))
		if !ok || !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="crosscheck"`)
			msg := "missing bearer token: send the header Authorization: Bearer TOKEN (the server's --token)"
			if ok {
				msg = "invalid bearer token: the Authorization header does not carry the server's token"
			}
			writeError(w, http.StatusUnauthorized, msg)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// securityHeaders forbids what no page here needs: inline scripts and
// styles, framing, and content sniffing.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// statusRecorder remembers the status and size of a response for the log
// and the metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// logRequests writes one structured log line per request and counts it.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		d := time.Since(start)
		_, pattern := s.mux.Handler(r)
		s.metrics.request(pattern, rec.status, d)
		level := slog.LevelInfo
		if rec.status >= 500 {
			level = slog.LevelError
		}
		s.log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes),
			slog.Duration("duration", d),
			slog.String("remote", clientIP(r)),
		)
	})
}
