package source

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/crosscheck-news/crosscheck"
)

// Fetcher fetches article pages: guarded, polite, with one robots.txt
// cache for its lifetime. It is safe for concurrent use. Read makes one per
// call; a long-running watcher keeps one.
type Fetcher struct {
	opt       Options
	client    *http.Client
	transport *http.Transport // ours, when we built the client; closed by Close
	dialer    *net.Dialer

	// blocked classifies an address about to be dialled ("" when allowed).
	// Tests swap it to play a public address on loopback.
	blocked func(netip.Addr) string
	// lookup, when set, resolves host names instead of the system resolver;
	// tests use it to play DNS answers that point at private addresses.
	lookup func(ctx context.Context, host string) ([]netip.Addr, error)

	mu     sync.Mutex
	robots map[string]*robotsEntry
}

// robotsEntry is one host's robots.txt, fetched once; ready is closed when
// data or err is set.
type robotsEntry struct {
	ready chan struct{}
	data  *robotstxt.RobotsData
	err   error
}

// Phase timeouts of the guarded client, each capped by Options.Timeout.
const (
	connectTimeout = 10 * time.Second
	tlsTimeout     = 10 * time.Second
	// robotsMaxBytes is how much of a robots.txt is read: RFC 9309 asks
	// crawlers to parse at least 500 KiB.
	robotsMaxBytes = 500 << 10
	// robotsMaxRedirects is the hops followed for robots.txt (RFC 9309: at
	// least five).
	robotsMaxRedirects = 5
)

// NewFetcher makes a Fetcher from opt (zero fields take their defaults).
func NewFetcher(opt Options) *Fetcher {
	return newFetcher(opt.withDefaults())
}

// newFetcher builds the fetcher for options that already have defaults.
func newFetcher(opt Options) *Fetcher {
	f := &Fetcher{opt: opt, robots: map[string]*robotsEntry{}, blocked: nonPublicKind}
	if opt.Client != nil {
		c := *opt.Client // a copy: the caller's client is not changed
		if c.CheckRedirect == nil {
			c.CheckRedirect = f.checkRedirect
		}
		f.client = &c
		return f
	}
	f.dialer = &net.Dialer{Timeout: min(opt.Timeout, connectTimeout), KeepAlive: 30 * time.Second}
	if !opt.AllowPrivate {
		f.dialer.Control = f.control
	}
	f.transport = &http.Transport{
		// No proxy from the environment: the address guard must see the
		// real destination, not the proxy.
		Proxy:                  nil,
		DialContext:            f.dial,
		TLSHandshakeTimeout:    min(opt.Timeout, tlsTimeout),
		ResponseHeaderTimeout:  opt.Timeout,
		ExpectContinueTimeout:  time.Second,
		IdleConnTimeout:        90 * time.Second,
		MaxIdleConnsPerHost:    4,
		MaxResponseHeaderBytes: 1 << 20,
		ForceAttemptHTTP2:      true,
	}
	f.client = &http.Client{Transport: f.transport, CheckRedirect: f.checkRedirect}
	return f
}

// Close releases the idle connections of a client the Fetcher built.
func (f *Fetcher) Close() {
	if f.transport != nil {
		f.transport.CloseIdleConnections()
	}
}

// dial connects through the guarded dialer, resolving with the test hook
// when one is set.
func (f *Fetcher) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if f.lookup == nil {
		return f.dialer.DialContext(ctx, network, addr)
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return f.dialer.DialContext(ctx, network, addr)
	}
	ips, err := f.lookup(ctx, host)
	if err != nil || len(ips) == 0 {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	var firstErr error
	for _, ip := range ips {
		conn, err := f.dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

// Fetch fetches one URL with a Fetcher of its own (so robots.txt is fetched
// afresh): see Fetcher.Fetch.
func Fetch(ctx context.Context, url string, opt Options) (crosscheck.Document, error) {
	f := NewFetcher(opt)
	defer f.Close()
	return f.Fetch(ctx, url)
}

// Fetch gets an http(s) URL as a Document: Source is rawURL as given, URL
// the final address after redirects, ContentType the response header, Kind
// from the Content-Type (sniffed when it says nothing useful). Failures are
// *Error values naming rawURL.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (crosscheck.Document, error) {
	u, err := parseFetchURL(rawURL)
	if err != nil {
		return fail(rawURL, err)
	}
	if err := f.robotsAllow(ctx, u); err != nil {
		return fail(rawURL, err)
	}
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fail(rawURL, fmt.Errorf("invalid URL: %w", err))
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		return fail(rawURL, f.fetchError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fail(rawURL, statusError(resp))
	}
	if resp.ContentLength > f.opt.MaxBytes {
		return fail(rawURL, sizeError(fmt.Sprintf("response (%s)", byteCount(resp.ContentLength)), f.opt.MaxBytes))
	}
	body, over, err := readAllLimited(resp.Body, resp.ContentLength, f.opt.MaxBytes)
	switch {
	case err != nil:
		return fail(rawURL, fmt.Errorf("reading the response: %w", f.fetchError(err)))
	case over:
		return fail(rawURL, sizeError("response body", f.opt.MaxBytes))
	}
	doc, err := f.document(resp, body)
	if err != nil {
		return fail(rawURL, err)
	}
	doc.Source = rawURL
	return doc, nil
}

// parseFetchURL accepts absolute http and https URLs with a host.
func parseFetchURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("invalid URL: %w", err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, errors.New("invalid URL: no scheme (want http:// or https://)")
	default:
		return nil, fmt.Errorf("unsupported URL scheme %q: only http and https are fetched", u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, errors.New("invalid URL: no host")
	}
	return u, nil
}

func statusError(resp *http.Response) error {
	text := http.StatusText(resp.StatusCode)
	if text == "" {
		return fmt.Errorf("HTTP status %d", resp.StatusCode)
	}
	return fmt.Errorf("HTTP %d %s", resp.StatusCode, text)
}

// document decides the Kind of a fetched body from its Content-Type and,
// when that says nothing useful, from the bytes.
func (f *Fetcher) document(resp *http.Response, body []byte) (crosscheck.Document, error) {
	doc := crosscheck.Document{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type")}
	media, _, _ := mime.ParseMediaType(doc.ContentType)
	media = strings.ToLower(media)
	if len(body) == 0 {
		return doc, errors.New("empty response body")
	}
	// A gzipped file served as such (not as Content-Encoding, which the
	// transport undoes).
	if isGzip(body) && (media == "" || media == "application/gzip" || media == "application/x-gzip" || media == "application/octet-stream") {
		var err error
		if body, err = gunzip(body, f.opt.MaxBytes); err != nil {
			return doc, err
		}
		media, doc.ContentType = "", ""
	}
	switch {
	case media == "text/html" || media == "application/xhtml+xml":
		doc.Kind = crosscheck.KindHTML
	case media == "text/plain":
		doc.Kind = crosscheck.KindText
	case binaryMedia(media):
		return doc, fmt.Errorf("not an article: binary content (Content-Type %s)", media)
	default:
		sniffed := http.DetectContentType(body[:min(len(body), 512)])
		switch {
		case strings.HasPrefix(sniffed, "text/html"):
			doc.Kind = crosscheck.KindHTML
		case strings.HasPrefix(sniffed, "text/plain"):
			doc.Kind = crosscheck.KindText
		case strings.HasPrefix(sniffed, "text/xml"):
			return doc, fmt.Errorf("not an article: an XML document or feed (Content-Type %q)", doc.ContentType)
		default:
			return doc, fmt.Errorf("not an article: content looks like %s (Content-Type %q)", sniffed, doc.ContentType)
		}
	}
	if err := checkBinary(body, "response body"); err != nil {
		return doc, err
	}
	doc.Body = body
	return doc, nil
}

// binaryMedia reports media types that are never an article's text.
// application/octet-stream is not one of them: servers send it for anything,
// so such a body is sniffed.
func binaryMedia(media string) bool {
	if media == "application/octet-stream" {
		return false
	}
	for _, prefix := range []string{"image/", "audio/", "video/", "font/", "application/pdf", "application/zip", "application/gzip", "application/wasm", "application/x-", "application/vnd."} {
		if strings.HasPrefix(media, prefix) {
			return true
		}
	}
	return false
}

// robotsRequestKey marks the context of a robots.txt request, whose
// redirects must not themselves wait on robots.txt.
type robotsRequestKey struct{}

// checkRedirect enforces the redirect limit, refuses loops and non-http
// schemes, and checks robots.txt for every new address.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	isRobots := req.Context().Value(robotsRequestKey{}) != nil
	limit := f.opt.MaxRedirects
	if isRobots {
		limit = robotsMaxRedirects
	}
	if len(via) > limit {
		return &policyError{fmt.Errorf("too many redirects: gave up after %d (the limit is %d)", len(via), limit)}
	}
	switch strings.ToLower(req.URL.Scheme) {
	case "http", "https":
	default:
		return &policyError{fmt.Errorf("redirected to an unsupported URL scheme %q (%s)", req.URL.Scheme, req.URL.Redacted())}
	}
	target := req.URL.String()
	for _, prev := range via {
		if prev.URL.String() == target {
			return &policyError{fmt.Errorf("redirect loop: %s redirects back to %s", via[len(via)-1].URL.Redacted(), req.URL.Redacted())}
		}
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	if isRobots {
		return nil
	}
	if err := f.robotsAllow(req.Context(), req.URL); err != nil {
		return &policyError{fmt.Errorf("redirected to %s: %w", req.URL.Redacted(), err)}
	}
	return nil
}

// policyError is a fetch this package stopped on purpose (redirects,
// robots.txt); its message stands as it is.
type policyError struct{ err error }

func (e *policyError) Error() string { return e.err.Error() }
func (e *policyError) Unwrap() error { return e.err }

// fetchError turns a transport error into one plain reason.
func (f *Fetcher) fetchError(err error) error {
	var (
		policy  *policyError
		private *privateAddrError
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		record  tls.RecordHeaderError
		netErr  net.Error
	)
	hostOf := func() string {
		var ue *url.Error
		if errors.As(err, &ue) {
			if u, perr := url.Parse(ue.URL); perr == nil {
				return u.Hostname()
			}
		}
		return ""
	}
	switch {
	case errors.As(err, &policy):
		return policy.err
	case errors.As(err, &private):
		h := hostOf()
		if h == "" || h == private.ip.String() {
			return fmt.Errorf("refused: %s is a %s address (--allow-private allows it)", private.ip, private.kind)
		}
		return fmt.Errorf("refused: %s resolves to %s, a %s address (--allow-private allows it)", h, private.ip, private.kind)
	case errors.Is(err, context.Canceled):
		return errors.New("cancelled")
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Errorf("timed out after %s (--timeout)", f.opt.Timeout)
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return fmt.Errorf("unreachable: DNS lookup of %s found no such host", dnsErr.Name)
		}
		return fmt.Errorf("unreachable: DNS lookup of %s failed: %s", dnsErr.Name, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("unreachable: connection refused by %s", hostOf())
	case errors.Is(err, syscall.ECONNRESET):
		return fmt.Errorf("connection reset by %s", hostOf())
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return fmt.Errorf("unreachable: no route to %s", hostOf())
	case errors.As(err, &certErr), errors.As(err, &unknown), errors.As(err, &host):
		return fmt.Errorf("TLS certificate of %s not valid: %s", hostOf(), innermost(err))
	case errors.As(err, &record):
		return fmt.Errorf("TLS handshake with %s failed: the server does not speak TLS (try http://)", hostOf())
	}
	return errors.New(innermost(err))
}

// innermost strips the "Get URL:" and "dial tcp ADDR:" wrappers.
func innermost(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		err = oe.Err
	}
	return err.Error()
}
