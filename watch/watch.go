// Package watch follows news feeds and sitemaps and hands every new article
// page to a Sink (the ingest service, in the CLI): continuous monitoring.
//
// Feeds (RSS, Atom, JSON Feed, parsed by gofeed) and sitemaps (news
// sitemaps, plain ones and sitemap indexes, parsed with encoding/xml) are
// polled with conditional requests (ETag, Last-Modified). Each article URL
// they list is normalised and claimed in a Seen set, so that no article is
// fetched twice, even when several feeds list it; then it waits in a
// bounded queue, one lane per host. Fetchers take articles from hosts that
// are free and due: one request at a time per host, HostDelay apart, with
// an exponential backoff with jitter after failures (and the server's
// Retry-After). All fetching goes through source.Fetcher, so the
// private-address guard, robots.txt, size caps and timeouts apply to feeds
// and pages alike.
package watch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/source"
)

// Sink receives each new article page.
type Sink interface {
	Deliver(ctx context.Context, doc crosscheck.Document) error
}

// SinkFunc makes a function a Sink.
type SinkFunc func(ctx context.Context, doc crosscheck.Document) error

func (f SinkFunc) Deliver(ctx context.Context, doc crosscheck.Document) error { return f(ctx, doc) }

// ValidatorStore keeps feeds' ETag and Last-Modified across runs
// (StateFile is one).
type ValidatorStore interface {
	FeedValidators(feed string) Validators
	SetFeedValidators(feed string, v Validators) error
}

// Defaults for the zero fields of Options.
const (
	DefaultInterval   = 15 * time.Minute
	DefaultHostDelay  = time.Second
	DefaultMinBackoff = 2 * time.Second
	DefaultMaxBackoff = 15 * time.Minute
	DefaultWorkers    = 4
	DefaultQueue      = 1000
	DefaultAttempts   = 3
	DefaultMaxEntries = 1000
	// maxSitemaps bounds the child sitemaps of one sitemap index polled.
	maxSitemaps = 100
)

// Options configures a Watcher. Zero fields take the defaults above.
type Options struct {
	Feeds []Feed
	// Fetcher fetches feeds and pages; when nil one is made from Source.
	Fetcher *source.Fetcher
	Source  source.Options

	Interval   time.Duration // between two polls of a feed
	HostDelay  time.Duration // least time between two requests to one host
	MinBackoff time.Duration // first wait after a host fails
	MaxBackoff time.Duration // longest wait after failures in a row
	Workers    int           // articles fetched at once
	Queue      int           // articles waiting, at most
	Attempts   int           // tries of an article that fails transiently, per poll
	MaxEntries int           // entries taken from one poll of one feed

	// Seen remembers claimed article URLs (default: a MemorySeen).
	Seen Seen
	// Validators keeps feeds' validators across runs (optional).
	Validators ValidatorStore
	// OnFailure is told of each feed or article that failed, as it fails.
	OnFailure func(Failure)
}

// Failure is a feed or an article that could not be had.
type Failure struct {
	Feed string // the feed polled, or the feed that listed the article
	URL  string // the article; "" when the feed itself failed
	Err  error
}

func (f Failure) Error() string {
	if f.URL == "" {
		return fmt.Sprintf("feed %s: %v", f.Feed, f.Err)
	}
	return fmt.Sprintf("article %s (from %s): %v", f.URL, f.Feed, f.Err)
}

// Stats counts what a Watcher has done.
type Stats struct {
	Polls        int64 // feed and sitemap requests answered
	NotModified  int64 // of which 304 Not Modified
	FeedFailures int64
	Found        int64 // new article URLs queued
	AlreadySeen  int64 // listed URLs skipped because claimed before
	Fetched      int64 // article pages fetched
	Delivered    int64 // handed to the sink without error
	Failed       int64 // articles given up on (fetch or sink)
	Retries      int64
	TakenOver    int64 // claims of dead watchers taken over (a LeasedSeen)
	Queued       int   // waiting now
}

// Watcher polls feeds and delivers their new articles. Its methods are
// safe for concurrent use.
type Watcher struct {
	opt     Options
	sink    Sink
	fetcher *source.Fetcher
	owned   bool // fetcher made here, closed by Close
	sched   *scheduler
	seen    Seen

	mu    sync.Mutex
	feeds map[string]*feedState
	order []string

	polls, notModified, feedFailures, found, alreadySeen atomic.Int64
	fetched, delivered, failed, retries, takenOver       atomic.Int64
}

type feedState struct {
	Feed
	validators Validators
	children   []string // a sitemap index's sitemaps, for a 304 answer
	next       time.Time
	polling    bool
}

// item is one article on its way.
type item struct {
	url, key, host string
	feed           string
	outlet         string
	published      *time.Time
	attempt        int
}

// New makes a Watcher that delivers to sink.
func New(opt Options, sink Sink) (*Watcher, error) {
	if sink == nil {
		return nil, errors.New("watch: no sink")
	}
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&opt.Interval, DefaultInterval)
	def(&opt.HostDelay, DefaultHostDelay)
	def(&opt.MinBackoff, DefaultMinBackoff)
	def(&opt.MaxBackoff, DefaultMaxBackoff)
	defInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defInt(&opt.Workers, DefaultWorkers)
	defInt(&opt.Queue, DefaultQueue)
	defInt(&opt.Attempts, DefaultAttempts)
	defInt(&opt.MaxEntries, DefaultMaxEntries)
	w := &Watcher{opt: opt, sink: sink, fetcher: opt.Fetcher, seen: opt.Seen, feeds: map[string]*feedState{}}
	if w.fetcher == nil {
		w.fetcher, w.owned = source.NewFetcher(opt.Source), true
	}
	if w.seen == nil {
		w.seen = NewMemorySeen(0)
	}
	w.sched = newScheduler(opt.Queue, opt.HostDelay, opt.MinBackoff, opt.MaxBackoff)
	for _, f := range opt.Feeds {
		if err := w.AddFeed(f); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// AddFeed adds a feed to poll (from the next round on, for a running
// Watcher). Adding a feed twice changes nothing.
func (w *Watcher) AddFeed(f Feed) error {
	_, err := w.addFeed(f)
	return err
}

// addFeed is AddFeed, saying whether the feed was new.
func (w *Watcher) addFeed(f Feed) (bool, error) {
	if NormalizeURL(f.URL) == "" {
		return false, fmt.Errorf("watch: feed %q is not an http(s) URL", f.URL)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.feeds[f.URL]; ok {
		return false, nil
	}
	fs := &feedState{Feed: f}
	if w.opt.Validators != nil {
		fs.validators = w.opt.Validators.FeedValidators(f.URL)
	}
	w.feeds[f.URL] = fs
	w.order = append(w.order, f.URL)
	return true, nil
}

// Close releases the fetcher's connections when the Watcher made it.
func (w *Watcher) Close() {
	if w.owned {
		w.fetcher.Close()
	}
}

// Stats returns the counts so far.
func (w *Watcher) Stats() Stats {
	return Stats{
		Polls: w.polls.Load(), NotModified: w.notModified.Load(), FeedFailures: w.feedFailures.Load(),
		Found: w.found.Load(), AlreadySeen: w.alreadySeen.Load(), Fetched: w.fetched.Load(),
		Delivered: w.delivered.Load(), Failed: w.failed.Load(), Retries: w.retries.Load(),
		TakenOver: w.takenOver.Load(),
		Queued:    w.sched.length(),
	}
}

// Once polls every feed once, fetches and delivers every new article they
// list, and returns when all are settled. Failures go to OnFailure and the
// counts; the error is only the context's. A Watcher runs Once or Run one
// time.
func (w *Watcher) Once(ctx context.Context) error {
	var workers sync.WaitGroup
	w.startWorkers(ctx, &workers)
	w.takeOver(ctx)
	feeds := make(chan *feedState)
	var pollers sync.WaitGroup
	for range w.pollerCount() {
		pollers.Go(func() {
			for fs := range feeds {
				w.poll(ctx, fs)
			}
		})
	}
	for _, fs := range w.feedList() {
		select {
		case feeds <- fs:
		case <-ctx.Done():
		}
	}
	close(feeds)
	pollers.Wait()
	w.sched.close()
	workers.Wait()
	return ctx.Err()
}

// Run polls every feed each Interval (with ±10% jitter, so feeds spread
// out) until ctx is done, then returns nil.
func (w *Watcher) Run(ctx context.Context) error {
	var workers sync.WaitGroup
	w.startWorkers(ctx, &workers)
	due := make(chan *feedState)
	var pollers sync.WaitGroup
	for range w.pollerCount() {
		pollers.Go(func() {
			for fs := range due {
				w.poll(ctx, fs)
				interval := w.opt.Interval
				if fs.Interval > 0 {
					interval = time.Duration(fs.Interval)
				}
				jitter := time.Duration((rand.Float64()*0.2 - 0.1) * float64(interval))
				w.mu.Lock()
				fs.polling, fs.next = false, time.Now().Add(interval+jitter)
				w.mu.Unlock()
			}
		})
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	takeOver := w.takeOverTimer()
loop:
	for {
		takeOver(ctx)
		now := time.Now()
		for _, fs := range w.feedList() {
			w.mu.Lock()
			ready := !fs.polling && !fs.next.After(now)
			if ready {
				fs.polling = true
			}
			w.mu.Unlock()
			if !ready {
				continue
			}
			select {
			case due <- fs:
			case <-ctx.Done():
				break loop
			}
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			break loop
		}
	}
	close(due)
	pollers.Wait()
	w.sched.close()
	workers.Wait()
	return nil
}

func (w *Watcher) pollerCount() int { return min(w.opt.Workers, 4) }

func (w *Watcher) feedList() []*feedState {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]*feedState, len(w.order))
	for i, u := range w.order {
		out[i] = w.feeds[u]
	}
	return out
}

func (w *Watcher) startWorkers(ctx context.Context, wg *sync.WaitGroup) {
	for range w.opt.Workers {
		wg.Go(func() {
			for {
				it, err := w.sched.pop(ctx)
				if err != nil {
					return
				}
				w.fetch(ctx, it)
			}
		})
	}
}

func (w *Watcher) fail(f Failure) {
	if w.opt.OnFailure != nil {
		w.opt.OnFailure(f)
	}
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.ToLower(u.Host)
}

// feedAccept asks for feeds and sitemaps first.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"

// poll fetches one feed (and, for a sitemap index, its sitemaps) and
// queues its new articles.
func (w *Watcher) poll(ctx context.Context, fs *feedState) {
	w.mu.Lock()
	v, children := fs.validators, fs.children
	w.mu.Unlock()
	list, newV, ok := w.fetchListing(ctx, fs.URL, fs.URL, v)
	if !ok {
		return
	}
	w.mu.Lock()
	fs.validators = newV
	if list != nil {
		fs.children = list.Sitemaps
		children = list.Sitemaps
	}
	w.mu.Unlock()
	if w.opt.Validators != nil && newV != v {
		if err := w.opt.Validators.SetFeedValidators(fs.URL, newV); err != nil {
			w.fail(Failure{Feed: fs.URL, Err: err})
		}
	}
	if list != nil {
		w.queue(ctx, fs.Feed, list.Entries)
	}
	// A sitemap index: its sitemaps are polled every time, since the index
	// may stay the same while they change.
	for i, child := range children {
		if i == maxSitemaps || ctx.Err() != nil {
			break
		}
		var cv Validators
		if w.opt.Validators != nil {
			cv = w.opt.Validators.FeedValidators(child)
		}
		sub, subV, ok := w.fetchListing(ctx, child, fs.URL, cv)
		if !ok {
			continue
		}
		if w.opt.Validators != nil && subV != cv {
			w.opt.Validators.SetFeedValidators(child, subV)
		}
		if sub != nil {
			w.queue(ctx, fs.Feed, sub.Entries)
		}
	}
}

// fetchListing makes a conditional request for a feed or sitemap: the
// listing (nil when not modified), the new validators, and ok false when
// it failed (reported).
func (w *Watcher) fetchListing(ctx context.Context, rawURL, feed string, v Validators) (*listing, Validators, bool) {
	host := hostOf(rawURL)
	if err := w.sched.acquire(ctx, host); err != nil {
		return nil, v, false
	}
	hdr := http.Header{"Accept": {feedAccept}}
	if v.ETag != "" {
		hdr.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		hdr.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := w.fetcher.Get(ctx, rawURL, hdr)
	w.sched.release(host, source.Transient(err), source.RetryAfter(err))
	if err != nil {
		if ctx.Err() == nil {
			w.feedFailures.Add(1)
			w.fail(Failure{Feed: feed, Err: unwrapSource(err, rawURL, feed)})
		}
		return nil, v, false
	}
	w.polls.Add(1)
	if resp.NotModified() {
		w.notModified.Add(1)
		return nil, v, true
	}
	list, err := parseListing(resp.Body, resp.URL)
	if err != nil {
		w.feedFailures.Add(1)
		w.fail(Failure{Feed: feed, Err: withURL(err, rawURL, feed)})
		return nil, v, false
	}
	return list, Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, true
}

// unwrapSource drops the *source.Error wrapper (Failure names the URL).
func unwrapSource(err error, rawURL, feed string) error {
	var se *source.Error
	if errors.As(err, &se) {
		err = se.Err
	}
	return withURL(err, rawURL, feed)
}

// withURL names a sitemap of an index in the error.
func withURL(err error, rawURL, feed string) error {
	if rawURL != feed {
		return fmt.Errorf("sitemap %s: %w", rawURL, err)
	}
	return err
}

// queue claims and queues the new entries of one poll.
func (w *Watcher) queue(ctx context.Context, f Feed, entries []entry) {
	if len(entries) > w.opt.MaxEntries {
		entries = entries[:w.opt.MaxEntries]
	}
	for _, e := range entries {
		key := NormalizeURL(e.URL)
		if key == "" {
			continue
		}
		outlet := f.Outlet
		if outlet == "" {
			outlet = e.Outlet
		}
		if !w.claim(Entry{Key: key, URL: e.URL, Feed: f.URL, Outlet: outlet, Published: e.Published}) {
			w.alreadySeen.Add(1)
			continue
		}
		it := item{url: e.URL, key: key, host: hostOf(e.URL), feed: f.URL, outlet: outlet, published: e.Published, attempt: 1}
		if err := w.sched.push(ctx, it, false); err != nil {
			w.seen.Release(key)
			return
		}
		w.found.Add(1)
	}
}

// fetch gets one article page and delivers it.
func (w *Watcher) fetch(ctx context.Context, it item) {
	resp, err := w.fetcher.Get(ctx, it.url, nil)
	transient := source.Transient(err)
	w.sched.release(it.host, transient, source.RetryAfter(err))
	if err != nil {
		if ctx.Err() != nil {
			w.seen.Release(it.key)
			return
		}
		if transient && it.attempt < w.opt.Attempts {
			it.attempt++
			w.retries.Add(1)
			if w.sched.push(ctx, it, true) == nil {
				return
			}
		}
		w.giveUp(it, unwrapSource(err, it.url, it.url), transient)
		return
	}
	w.fetched.Add(1)
	doc, err := w.fetcher.Document(resp, it.url)
	if err != nil {
		w.giveUp(it, unwrapSource(err, it.url, it.url), false)
		return
	}
	doc.Outlet, doc.Published = it.outlet, it.published
	if err := w.sink.Deliver(ctx, doc); err != nil {
		if ctx.Err() != nil {
			w.seen.Release(it.key)
			return
		}
		// A page the pipeline cannot use (no article text) will not get
		// better; anything else (the store down) may, on a later poll.
		var se *source.Error
		w.giveUp(it, err, !errors.As(err, &se))
		return
	}
	w.delivered.Add(1)
	if err := w.seen.Done(it.key); err != nil {
		w.fail(Failure{Feed: it.feed, URL: it.url, Err: err})
	}
}

// giveUp reports an article that failed. again says a later poll may try
// it again (the failure was transient), so its claim is released.
func (w *Watcher) giveUp(it item, err error, again bool) {
	w.failed.Add(1)
	if again {
		w.seen.Release(it.key)
	} else if derr := w.seen.Done(it.key); derr != nil {
		err = errors.Join(err, derr)
	}
	w.fail(Failure{Feed: it.feed, URL: it.url, Err: err})
}
