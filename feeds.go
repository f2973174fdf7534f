package crosscheck

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Feed is an RSS, Atom or JSON feed, or a sitemap, kept in the store for
// crosscheck watch to poll. Feeds are added and removed through the API
// (and the CLI) while watchers run; a watcher re-reads the list now and
// then.
type Feed struct {
	ID  int64  `json:"id"`
	URL string `json:"url"`
	// Name is a label for people; it does not name the outlet of the
	// feed's articles (the extraction finds that on each page).
	Name  string    `json:"name,omitempty"`
	Added time.Time `json:"added"`
}

// Limits of Feed.Clean.
const (
	MaxFeedURLBytes  = 2048
	MaxFeedNameRunes = 200
)

// Clean checks a feed given by a user and puts it in the form stored: the
// URL must be absolute http(s), without a user name or password (the list
// of feeds is public); its scheme and host are lower-cased, a default port
// and the fragment are dropped, so that one feed written two ways is one
// feed. The name is trimmed, one line, at most MaxFeedNameRunes characters.
func (f *Feed) Clean() error {
	raw := strings.TrimSpace(f.URL)
	if raw == "" {
		return errors.New("feed: no URL")
	}
	if len(raw) > MaxFeedURLBytes {
		return fmt.Errorf("feed URL: %d bytes, at most %d", len(raw), MaxFeedURLBytes)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("feed URL %q: %w", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("feed URL %q: want an absolute http or https URL", raw)
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return fmt.Errorf("feed URL %q: no host: want an absolute URL such as https://example.org/rss.xml", raw)
	}
	if u.User != nil {
		return fmt.Errorf("feed URL %q: must not carry a user name or password", raw)
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 literal
	}
	if port == "" || u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443" {
		u.Host = host
	} else {
		u.Host = host + ":" + port
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	f.URL = u.String()

	f.Name = strings.TrimSpace(f.Name)
	if n := utf8.RuneCountInString(f.Name); n > MaxFeedNameRunes {
		return fmt.Errorf("feed name: %d characters, at most %d", n, MaxFeedNameRunes)
	}
	if strings.ContainsFunc(f.Name, unicode.IsControl) {
		return errors.New("feed name: must be one line without control characters")
	}
	return nil
}

// FeedStore keeps the feeds to poll. store/sqlite and store/postgres
// implement it beside crosscheck.Store; both pass store/storetest. Every
// method is safe for concurrent use.
type FeedStore interface {
	// AddFeed stores f, setting its ID and, when zero, Added, and returns
	// true. It is idempotent on the URL, compared as stored (see
	// Feed.Clean): when a feed with f.URL is stored already, it fills f
	// with that one (its ID, name and time) and returns false.
	AddFeed(ctx context.Context, f *Feed) (added bool, err error)
	// Feeds returns every feed, oldest first.
	Feeds(ctx context.Context) ([]Feed, error)
	// RemoveFeed removes a feed (ErrNotFound when there is none).
	RemoveFeed(ctx context.Context, id int64) error
}
