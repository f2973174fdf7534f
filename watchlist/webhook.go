package watchlist

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// Defaults of SenderOptions.
const (
	DefaultAttempts   = 8
	DefaultMinBackoff = 10 * time.Second
	DefaultMaxBackoff = time.Hour
	DefaultLease      = 2 * time.Minute
	DefaultPoll       = 5 * time.Second
	webhookTimeout    = 30 * time.Second
)

// SenderOptions configures a Sender. Zero fields take the defaults.
type SenderOptions struct {
	// Attempts bounds the POSTs of one notification; after the last
	// failure the delivery is marked failed.
	Attempts int
	// MinBackoff is the wait after the first failure; each further failure
	// doubles it (with ±20% jitter), up to MaxBackoff. A 429 or 503 with
	// Retry-After waits at least that long.
	MinBackoff, MaxBackoff time.Duration
	// Lease is how long a claimed delivery is kept from other senders
	// (longer than one POST takes).
	Lease time.Duration
	// Poll is how often Run looks for due deliveries.
	Poll time.Duration
	// Client sends the POSTs. Default: a client that refuses private,
	// loopback and link-local addresses (a webhook URL is user input)
	// unless AllowPrivate.
	Client       *http.Client
	AllowPrivate bool
	// OnError is told of each failed attempt and store error; may be nil.
	OnError func(error)
}

// Sender POSTs queued notifications to their watchlists' webhooks. The
// queue is in the store (crosscheck.WebhookDelivery): every attempt is
// recorded, so a restarted Sender resumes the retries where they were, and
// several Senders on one store share the work (ClaimDeliveries).
type Sender struct {
	st  crosscheck.WatchlistStore
	opt SenderOptions
	now func() time.Time
}

// NewSender makes a Sender over st.
func NewSender(st crosscheck.WatchlistStore, opt SenderOptions) *Sender {
	if opt.Attempts <= 0 {
		opt.Attempts = DefaultAttempts
	}
	if opt.MinBackoff <= 0 {
		opt.MinBackoff = DefaultMinBackoff
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = DefaultMaxBackoff
	}
	if opt.Lease <= 0 {
		opt.Lease = DefaultLease
	}
	if opt.Poll <= 0 {
		opt.Poll = DefaultPoll
	}
	if opt.Client == nil {
		opt.Client = guardedClient(opt.AllowPrivate)
	}
	return &Sender{st: st, opt: opt, now: time.Now}
}

// Payload is the JSON body POSTed for one notification.
type Payload struct {
	Watchlist    int64                   `json:"watchlist"`
	Notification crosscheck.Notification `json:"notification"`
	Attempt      int                     `json:"attempt"`
}

// Run delivers due notifications every Poll until ctx is done.
func (s *Sender) Run(ctx context.Context) error {
	t := time.NewTicker(s.opt.Poll)
	defer t.Stop()
	for {
		if _, err := s.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			s.report(err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func (s *Sender) report(err error) {
	if s.opt.OnError != nil {
		s.opt.OnError(err)
	}
}

// DeliverDue makes one attempt at every delivery that is due, and returns
// how many were delivered.
func (s *Sender) DeliverDue(ctx context.Context) (int, error) {
	delivered := 0
	for {
		ds, err := s.st.ClaimDeliveries(ctx, s.now(), s.opt.Lease, 16)
		if err != nil {
			return delivered, fmt.Errorf("watchlist: webhook deliveries: %w", err)
		}
		if len(ds) == 0 {
			return delivered, nil
		}
		for _, d := range ds {
			ok, err := s.attempt(ctx, d)
			if err != nil {
				return delivered, err
			}
			if ok {
				delivered++
			}
		}
	}
}

// attempt POSTs one delivery and records the outcome: delivered, a retry
// after the backoff, or failed after the last attempt. The error is the
// store's only.
func (s *Sender) attempt(ctx context.Context, d crosscheck.WebhookDelivery) (bool, error) {
	d.Attempts++
	retryAfter, err := s.post(ctx, d)
	now := s.now()
	switch {
	case err == nil:
		d.State, d.LastError, d.NextAttempt = crosscheck.DeliveryDelivered, "", now
	case ctx.Err() != nil:
		return false, ctx.Err() // not an attempt: the lease gives it back
	default:
		d.LastError = err.Error()
		s.report(fmt.Errorf("watchlist: webhook %s, notification %d, attempt %d of %d: %w", d.URL, d.Notification.ID, d.Attempts, s.opt.Attempts, err))
		if d.Attempts >= s.opt.Attempts {
			d.State, d.NextAttempt = crosscheck.DeliveryFailed, now
		} else {
			d.State, d.NextAttempt = crosscheck.DeliveryPending, now.Add(max(s.backoff(d.Attempts), retryAfter))
		}
	}
	if ferr := s.st.FinishDelivery(ctx, d); ferr != nil {
		return false, fmt.Errorf("watchlist: recording webhook delivery %d: %w", d.ID, ferr)
	}
	return err == nil, nil
}

// backoff is the wait after the n-th failed attempt: MinBackoff·2^(n-1),
// at most MaxBackoff, ±20%.
func (s *Sender) backoff(n int) time.Duration {
	d := s.opt.MinBackoff << min(n-1, 30)
	if d <= 0 || d > s.opt.MaxBackoff {
		d = s.opt.MaxBackoff
	}
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// post sends one notification; a 2xx answer is success. It returns the
// server's Retry-After (for 429 and 503) with the error.
func (s *Sender) post(ctx context.Context, d crosscheck.WebhookDelivery) (time.Duration, error) {
	body, err := json.Marshal(Payload{Watchlist: d.Notification.Watchlist, Notification: d.Notification, Attempt: d.Attempts})
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, webhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "crosscheck-webhook/1")
	// The receiver can drop a repeated delivery by this key.
	req.Header.Set("Idempotency-Key", fmt.Sprintf("crosscheck-notification-%d", d.Notification.ID))
	resp, err := s.opt.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return 0, nil
	}
	var wait time.Duration
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if secs, err := time.ParseDuration(resp.Header.Get("Retry-After") + "s"); err == nil && secs > 0 {
			wait = min(secs, s.opt.MaxBackoff)
		}
	}
	return wait, fmt.Errorf("HTTP %s", resp.Status)
}

// guardedClient refuses to connect to addresses that are not public
// (loopback, private, link-local, unspecified, multicast), checked on the
// address actually dialled so that DNS cannot point a webhook inside.
func guardedClient(allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if !allowPrivate {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			ip, err := netip.ParseAddr(host)
			if err != nil {
				return fmt.Errorf("refused to connect to %q: not an IP address", address)
			}
			ip = ip.Unmap()
			if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
				ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() {
				return errors.New("refused to connect to " + ip.String() + ": not a public address (a webhook may not reach inside the network)")
			}
			return nil
		}
	}
	return &http.Client{
		Transport: &http.Transport{Proxy: nil, DialContext: dialer.DialContext, TLSHandshakeTimeout: 10 * time.Second,
			ResponseHeaderTimeout: webhookTimeout, MaxIdleConnsPerHost: 2, IdleConnTimeout: 90 * time.Second},
		Timeout: webhookTimeout,
		// A webhook answers; it is not followed elsewhere.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
