// Package extract turns a raw Document into an Article: metadata and a clean
// body text, one paragraph per line. HTML pages go through go-trafilatura,
// with readeck's readability as a fallback candidate; plain text is checked,
// decoded and tidied. The boilerplate pass and the text layer run after this
// package, so it sets neither Boilerplate nor any segmentation.
package extract

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/crosscheck-news/crosscheck"
	"golang.org/x/text/unicode/norm"
)

// DefaultMaxBytes is the largest body Extract accepts when Options.MaxBytes is 0.
const DefaultMaxBytes = 16 << 20

// Options configures an Extractor. The zero value is ready to use.
type Options struct {
	// MaxBytes is the largest document body accepted (0: DefaultMaxBytes).
	// Bigger bodies are refused, not truncated: half an article is worse
	// than a clear error.
	MaxBytes int
	// NoFallback turns off the readability fallback candidate for HTML, so
	// only go-trafilatura's own extraction is used.
	NoFallback bool
	// NoDateScan keeps HTML date detection to the page's metadata instead
	// of also scanning the whole page (faster, may miss dates).
	NoDateScan bool
}

// Extractor makes Articles of Documents. It holds no per-call state and is
// safe for concurrent use.
type Extractor struct {
	opts Options
}

// New returns an Extractor with the given options.
func New(opts Options) *Extractor {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	return &Extractor{opts: opts}
}

// ErrNoText is returned when a document holds no article text.
var ErrNoText = errors.New("no article text found")

// Extract makes an Article of doc: Source, URL, Outlet, Title, Byline,
// Published, SiteName, Canonical, Language (the page's declared language
// only) and Text. Errors describe what is wrong with the document; the
// caller names the input.
func (e *Extractor) Extract(doc crosscheck.Document) (*crosscheck.Article, error) {
	if len(doc.Body) > e.opts.MaxBytes {
		return nil, fmt.Errorf("document is %d bytes, more than the %d-byte limit", len(doc.Body), e.opts.MaxBytes)
	}
	var (
		a   *crosscheck.Article
		err error
	)
	switch doc.Kind {
	case crosscheck.KindHTML:
		a, err = e.extractHTML(doc)
	case crosscheck.KindText:
		a, err = extractText(doc)
	default:
		return nil, fmt.Errorf("unknown document kind %d", int(doc.Kind))
	}
	if err != nil {
		return nil, err
	}
	a.Source = doc.Source
	if doc.URL != "" {
		a.URL = doc.URL
	}
	if doc.Published != nil {
		t := *doc.Published
		a.Published = &t
	}
	a.Title = cleanInline(a.Title)
	a.Byline = cleanInline(a.Byline)
	a.SiteName = cleanInline(a.SiteName)
	a.Outlet = outletOf(doc.Outlet, a.SiteName, a.URL, a.Canonical)
	return a, nil
}

// outletOf picks the outlet name: what the input says, else the site's own
// name, else the host of the article's address without "www.".
func outletOf(given, siteName string, urls ...string) string {
	if s := cleanInline(given); s != "" {
		return s
	}
	if siteName != "" {
		return siteName
	}
	for _, raw := range urls {
		if h := hostOf(raw); h != "" {
			return h
		}
	}
	return ""
}

// hostOf returns the lower-cased host of an absolute URL without a leading
// "www.", or "" when raw has none.
func hostOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// cleanInline makes a one-line field tidy: NFC, whitespace runs folded to
// one space, trimmed.
func cleanInline(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}
