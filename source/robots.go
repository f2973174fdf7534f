package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/temoto/robotstxt"
)

// robotsAllow reports, as an error, whether robots.txt of u's host forbids
// crosscheck to fetch u. The file is fetched once per scheme and host for the
// Fetcher's lifetime and read by RFC 9309:
//
//   - 2xx: the rules of the most specific group matching "crosscheck" (or *);
//   - 4xx (unavailable, including 401 and 403): everything allowed — except
//     429 Too Many Requests, which Google and we treat as a server error;
//   - 5xx, or the server unreachable: everything disallowed, for now;
//   - more than five redirects: unavailable, so allowed.
func (f *Fetcher) robotsAllow(ctx context.Context, u *url.URL) error {
	key := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
	entry, err := f.robotsFor(ctx, key)
	if err != nil {
		return err
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !entry.data.TestAgent(path, robotsAgent) {
		return fmt.Errorf("disallowed by robots.txt (%s/robots.txt)", key)
	}
	return nil
}

// robotsFor returns key's robots.txt, fetching it unless another caller has
// or is doing so.
func (f *Fetcher) robotsFor(ctx context.Context, key string) (*robotsEntry, error) {
	f.mu.Lock()
	entry, ok := f.robots[key]
	if !ok {
		entry = &robotsEntry{ready: make(chan struct{})}
		f.robots[key] = entry
	}
	f.mu.Unlock()
	if ok {
		select {
		case <-entry.ready:
			return entry, entry.err
		case <-ctx.Done():
			return nil, f.fetchError(ctx.Err())
		}
	}
	entry.data, entry.err = f.fetchRobots(ctx, key)
	if entry.err != nil && ctx.Err() != nil {
		// This caller gave up; the next one tries again.
		f.mu.Lock()
		delete(f.robots, key)
		f.mu.Unlock()
	}
	close(entry.ready)
	return entry, entry.err
}

// fetchRobots fetches and parses base/robots.txt.
func (f *Fetcher) fetchRobots(ctx context.Context, base string) (*robotstxt.RobotsData, error) {
	ctx, cancel := context.WithTimeout(context.WithValue(ctx, robotsRequestKey{}, true), f.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/robots.txt", nil)
	if err != nil {
		return nil, fmt.Errorf("invalid URL: %w", err)
	}
	req.Header.Set("User-Agent", f.opt.UserAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		var policy *policyError
		if errors.As(err, &policy) {
			// Too many redirects or a loop: RFC 9309 calls that unavailable.
			return allowAllRobots, nil
		}
		// The site is unreachable (RFC 9309: assume a full disallow). The
		// page would be too, so the network reason is the clearest message.
		return nil, f.fetchError(err)
	}
	defer resp.Body.Close()
	switch code := resp.StatusCode; {
	case code == http.StatusTooManyRequests || code >= 500:
		return nil, fmt.Errorf("disallowed: robots.txt answered %s, and RFC 9309 says to assume a full disallow while the server fails", statusError(resp))
	case code < 200 || code > 299:
		return allowAllRobots, nil
	}
	// Only the first robotsMaxBytes count; the rest is ignored, not an error.
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes))
	if err != nil {
		return nil, fmt.Errorf("disallowed: reading robots.txt failed (%s), and RFC 9309 says to assume a full disallow then", f.fetchError(err))
	}
	return parseRobots(body), nil
}

var allowAllRobots, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)

// parseRobots parses a robots.txt leniently, as RFC 9309 asks: the library
// rejects a whole file for a rule before any User-agent line or a bad
// Crawl-delay, so on failure those lines (which bind no one we care about:
// we do not use Crawl-delay) are dropped and the rest is parsed again. A
// file that still fails is read as allowing everything, like one that has
// no rules we can use.
func parseRobots(body []byte) *robotstxt.RobotsData {
	data, err := robotstxt.FromBytes(body)
	if err == nil {
		return data
	}
	var kept [][]byte
	seenAgent := false
	for line := range bytes.Lines(body) {
		field, _, _ := bytes.Cut(line, []byte(":"))
		switch strings.ToLower(strings.TrimSpace(string(field))) {
		case "user-agent", "useragent":
			seenAgent = true
		case "crawl-delay", "crawldelay":
			continue
		case "allow", "disallow":
			if !seenAgent {
				continue
			}
		}
		kept = append(kept, line)
	}
	if data, err := robotstxt.FromBytes(bytes.Join(kept, nil)); err == nil {
		return data
	}
	return allowAllRobots
}
