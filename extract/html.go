package extract

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"github.com/crosscheck-news/crosscheck"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/unicode/norm"
)

// extractHTML decodes, parses and extracts an HTML page.
func (e *Extractor) extractHTML(doc crosscheck.Document) (*crosscheck.Article, error) {
	page, err := decodeHTML(doc.Body, doc.ContentType)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(page) == "" {
		return nil, errors.New("empty document: no HTML")
	}
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	pageURL := absoluteURL(doc.URL)
	// Read before the extractors run: they may prune the tree.
	stamp, stated := publishedTimestamp(root)
	lang := declaredLanguage(root)
	pruneUnread(root)

	var rd *readability.Article
	if !e.opts.NoFallback {
		// A failed or empty readability run only means one candidate fewer.
		if art, err := runReadability(root, pageURL); err == nil && art.Node != nil && !isListing(renderLines(art.Node)) {
			rd = &art
		}
	}
	res, err := e.runTrafilatura(root, pageURL, rd, stated)
	if err != nil {
		return nil, err
	}

	a := &crosscheck.Article{
		Title:     res.Metadata.Title,
		Byline:    res.Metadata.Author,
		SiteName:  res.Metadata.Sitename,
		Canonical: strings.TrimSpace(res.Metadata.URL),
		Language:  lang,
	}
	// trafilatura classifies the language of the text it extracted (with
	// whatlanggo, over the whole text); when that is the declared one, the
	// declaration is confirmed.
	a.LanguageAgreed = a.Language != "" && a.Language == res.Metadata.Language
	if rd != nil {
		if a.Title == "" {
			a.Title = rd.Title()
		}
		if a.Byline == "" {
			a.Byline = rd.Byline()
		}
		if a.SiteName == "" {
			a.SiteName = rd.SiteName()
		}
	}
	if stated {
		// The page states the moment; htmldate's answer is a date only.
		a.Published = &stamp
	} else if !res.Metadata.Date.IsZero() {
		t := res.Metadata.Date
		a.Published = &t
	}
	if a.Canonical != "" && absoluteURL(a.Canonical) == nil {
		// A relative canonical link says nothing without a base.
		a.Canonical = ""
	}
	if doc.URL == "" {
		a.URL = a.Canonical
	}

	lines := renderLines(res.ContentNode)
	if len(lines) > 0 && cleanInline(a.Title) != "" && sameText(lines[0], a.Title) {
		// The title is not part of Text; extractors often keep the
		// page's <h1> as the first block.
		lines = lines[1:]
	}
	if len(lines) == 0 {
		return nil, ErrNoText
	}
	a.Text = strings.Join(lines, "\n")
	return a, nil
}

// decodeHTML finds the page's character set and returns the page as UTF-8.
// The order is the one browsers follow: a byte-order mark, then the
// Content-Type header, then a <meta charset> or http-equiv declaration.
// Browsers look for the declaration in the first 1024 bytes and switch
// encoding if the parser meets one later in <head>; many news pages put it
// after 1 KiB of scripts and styles, so the whole head is searched. With no
// declaration, a body that is valid UTF-8 is UTF-8 (it almost never is by
// accident), else the legacy default windows-1252.
func decodeHTML(body []byte, contentType string) (string, error) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain {
		if label := headCharset(body); label != "" {
			if e, n := charset.Lookup(label); e != nil {
				enc, name = e, n
			}
		} else if utf8.Valid(body) {
			enc, name = encoding.Nop, "utf-8"
		}
	}
	if strings.HasPrefix(name, "utf-16") && !certain {
		// A document that was not recognised as UTF-16 by its byte-order
		// mark cannot be UTF-16 whatever its meta says (HTML spec).
		enc, name = encoding.Nop, "utf-8"
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return "", fmt.Errorf("decode HTML as %s: %w", name, err)
	}
	out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	if !utf8.Valid(out) {
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return string(out), nil
}

// headCharset returns the charset a <meta> in the page's head declares
// (charset attribute, or http-equiv Content-Type content), or "".
func headCharset(body []byte) string {
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" {
				return ""
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "body":
				return ""
			case "meta":
				var cs, httpEquiv, content string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch strings.ToLower(string(k)) {
					case "charset":
						cs = string(v)
					case "http-equiv":
						httpEquiv = string(v)
					case "content":
						content = string(v)
					}
				}
				if cs = strings.TrimSpace(cs); cs != "" {
					return cs
				}
				if strings.EqualFold(strings.TrimSpace(httpEquiv), "content-type") {
					if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
						return params["charset"]
					}
				}
			}
		}
	}
}

// runReadability runs readeck's readability over a copy of the page. Third
// party code on hostile input: a panic there becomes an error.
func runReadability(root *html.Node, pageURL *url.URL) (art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("readability failed: %v", r)
		}
	}()
	parser := readability.NewParser()
	return parser.ParseDocument(root, pageURL)
}

// runTrafilatura extracts the main content, offering readability's result
// as the fallback candidate trafilatura compares its own extraction with.
// When the page states its publication moment (stated), trafilatura's date
// search is skipped: its answer would not be used.
func (e *Extractor) runTrafilatura(root *html.Node, pageURL *url.URL, rd *readability.Article, stated bool) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("HTML extraction failed: %v", r)
		}
	}()
	opts := trafilatura.Options{
		// Precision focus drops more page furniture (related links, share
		// bars); with readability as a second opinion, recall hardly
		// suffers (scrapinghub, without the boilerplate pass: F1 0.969
		// against 0.967 balanced).
		Focus:           trafilatura.FavorPrecision,
		OriginalURL:     pageURL,
		ExcludeComments: true,
		// Its repeated-paragraph test (an LRU cache of every text segment,
		// trimmed) cost 0.25 ms per bench page and bought nothing:
		// ScrapingHub F1 0.9722 without it, 0.9720 with.
		Deduplicate:  false,
		HtmlDateMode: trafilatura.Extensive,
	}
	if e.opts.NoDateScan || stated {
		opts.HtmlDateMode = trafilatura.Disabled
	}
	if rd != nil {
		opts.EnableFallback = true
		opts.FallbackCandidates = &trafilatura.FallbackCandidates{Readability: rd.Node}
	}
	res, err = trafilatura.ExtractDocument(root, opts)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNoText, err)
	}
	if res == nil || res.ContentNode == nil {
		return nil, ErrNoText
	}
	return res, nil
}

// listingRepeats is how often one line must recur in a readability
// candidate for it to count as a listing.
const listingRepeats = 3

// isListing reports whether a candidate's lines look like a list of teasers
// (the same "share" or "read more" line after every item) rather than one
// article. Readability picks the biggest text block, and on index-like pages
// that is the list; trafilatura takes a candidate more than twice the size
// of its own extraction, so such a candidate would replace a good one.
func isListing(lines []string) bool {
	seen := make(map[string]int, len(lines))
	for _, l := range lines {
		seen[l]++
		if seen[l] >= listingRepeats {
			return true
		}
	}
	return false
}

// absoluteURL parses raw as an absolute http(s) URL, or returns nil.
func absoluteURL(raw string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	return u
}

// sameText reports whether two strings read the same once case and
// whitespace are ignored.
func sameText(a, b string) bool {
	return strings.EqualFold(cleanInline(a), cleanInline(b))
}

// declaredLanguage returns the page's declared language as a lower-case
// ISO 639-1 code: <html lang>, else a Content-Language meta, else
// og:locale. It is a hint only; the pipeline detects the language later.
func declaredLanguage(root *html.Node) string {
	var htmlLang, metaLang, ogLocale string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				if htmlLang == "" {
					htmlLang = attr(n, "lang")
					if htmlLang == "" {
						htmlLang = attr(n, "xml:lang")
					}
				}
			case atom.Meta:
				switch {
				case strings.EqualFold(attr(n, "http-equiv"), "content-language"):
					metaLang = attr(n, "content")
				case strings.EqualFold(attr(n, "property"), "og:locale"):
					ogLocale = attr(n, "content")
				}
			case atom.Body:
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, v := range []string{htmlLang, metaLang, ogLocale} {
		if code := iso639_1(v); code != "" {
			return code
		}
	}
	return ""
}

// iso639_1 reduces a language tag ("en-GB", "pt_BR", "FR") to its two-letter
// primary subtag, or "" when it has none.
func iso639_1(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_,; "); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(tag)
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// normalizeLine is the final form of one output line: NFC and tidy.
func normalizeLine(s string) string {
	return tidyLine(norm.NFC.String(s))
}
