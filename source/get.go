package source

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// Response is a resource fetched by Get: a feed, a sitemap, or a page not
// yet made a Document.
type Response struct {
	URL    string // the final URL, after redirects
	Status int    // 2xx, or 304 for a conditional request that matched
	Header http.Header
	Body   []byte // nil for 304

	resp *http.Response
}

// NotModified reports a 304 answer to a conditional request.
func (r *Response) NotModified() bool { return r.Status == http.StatusNotModified }

// StatusError is an HTTP answer that is neither 2xx nor 304.
type StatusError struct {
	Code int
	// RetryAfter is the server's Retry-After (in seconds or as a date), or 0.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	if text := http.StatusText(e.Code); text != "" {
		return fmt.Sprintf("HTTP %d %s", e.Code, text)
	}
	return fmt.Sprintf("HTTP status %d", e.Code)
}

// transportError is a request that failed on the way: no answer, a timeout,
// a connection reset, a response cut short.
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

// Transient reports whether an error from Get says the host is struggling
// and the request is worth trying again later: a timeout, a connection
// refused or reset, a response cut short, or the statuses 408, 425, 429
// and 5xx. Refusals (robots.txt, private addresses, redirect limits), other
// statuses and content that is not an article are not transient.
func Transient(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code == http.StatusRequestTimeout || se.Code == http.StatusTooEarly || se.Code == http.StatusTooManyRequests || se.Code >= 500
	}
	var te *transportError
	return errors.As(err, &te)
}

// RetryAfter returns the Retry-After of a StatusError in err, or 0.
func RetryAfter(err error) time.Duration {
	var se *StatusError
	if errors.As(err, &se) {
		return se.RetryAfter
	}
	return 0
}

// Get fetches rawURL under the same guards as Fetch (private-address guard,
// robots.txt, redirect limit, size cap, timeouts), adding the header fields
// given (If-None-Match and If-Modified-Since for a conditional request,
// Accept). A 304 answer is a Response with no body; any other status
// outside 2xx is an *Error wrapping a *StatusError. Failures name rawURL.
func (f *Fetcher) Get(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	u, err := parseFetchURL(rawURL)
	if err != nil {
		return nil, &Error{Source: rawURL, Err: err}
	}
	if err := f.robotsAllow(ctx, u); err != nil {
		return nil, &Error{Source: rawURL, Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{Source: rawURL, Err: fmt.Errorf("invalid URL: %w", err)}
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, &Error{Source: rawURL, Err: f.classify(err)}
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, Header: resp.Header, resp: resp}
	if resp.StatusCode == http.StatusNotModified {
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &Error{Source: rawURL, Err: &StatusError{Code: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}}
	}
	if resp.ContentLength > f.opt.MaxBytes {
		return nil, &Error{Source: rawURL, Err: sizeError(fmt.Sprintf("response (%s)", byteCount(resp.ContentLength)), f.opt.MaxBytes)}
	}
	body, over, err := readAllLimited(resp.Body, resp.ContentLength, f.opt.MaxBytes)
	switch {
	case err != nil:
		return nil, &Error{Source: rawURL, Err: &transportError{fmt.Errorf("reading the response: %w", f.fetchError(err))}}
	case over:
		return nil, &Error{Source: rawURL, Err: sizeError("response body", f.opt.MaxBytes)}
	}
	out.Body = body
	return out, nil
}

// classify turns an error of client.Do into a reason, marking the ones
// that are the network's or the host's fault as transient.
func (f *Fetcher) classify(err error) error {
	var (
		policy  *policyError
		private *privateAddrError
	)
	reason := f.fetchError(err)
	if errors.As(err, &policy) || errors.As(err, &private) || errors.Is(err, context.Canceled) {
		return reason
	}
	return &transportError{reason}
}

// Document makes an article Document of a page fetched by Get, as Fetch
// does: the Kind from the Content-Type (sniffed when it says nothing
// useful), binary content refused. Source is set to source.
func (f *Fetcher) Document(r *Response, source string) (crosscheck.Document, error) {
	if r.NotModified() || r.resp == nil {
		return fail(source, errors.New("no page: the response was 304 Not Modified"))
	}
	doc, err := f.document(r.resp, r.Body)
	if err != nil {
		return fail(source, err)
	}
	doc.Source = source
	return doc, nil
}

// retryAfter reads a Retry-After value: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
