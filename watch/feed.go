package watch

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// entry is one article a feed or sitemap lists.
type entry struct {
	URL       string
	Title     string
	Published *time.Time
	Outlet    string // the publication name of a news sitemap
}

// listing is what one poll of a feed found: its articles, and for a
// sitemap index, the sitemaps it points to.
type listing struct {
	Entries  []entry
	Sitemaps []string
}

// parseListing reads a feed (RSS, Atom, JSON Feed: gofeed) or a sitemap
// (urlset, news sitemap, sitemap index: encoding/xml), telling them apart
// by the root element. Relative links are resolved against base.
func parseListing(body []byte, base string) (*listing, error) {
	baseURL, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("feed URL %q: %w", base, err)
	}
	switch rootElement(body) {
	case "urlset", "sitemapindex":
		return parseSitemap(body, baseURL)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("not a feed or sitemap: %w", err)
	}
	out := &listing{}
	for _, it := range feed.Items {
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		if link == "" && strings.HasPrefix(it.GUID, "http") {
			link = it.GUID // RSS: a permalink guid
		}
		abs := resolve(baseURL, link)
		if abs == "" {
			continue
		}
		e := entry{URL: abs, Title: strings.TrimSpace(it.Title), Published: it.PublishedParsed}
		if e.Published == nil {
			e.Published = it.UpdatedParsed
		}
		out.Entries = append(out.Entries, e)
	}
	return out, nil
}

// rootElement is the local name of an XML document's first element, or ""
// for what is not XML.
func rootElement(body []byte) string {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	for range 64 { // prolog: declaration, comments, doctype
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
	return ""
}

// The sitemap protocol (sitemaps.org) with Google's news extension.
type sitemapDoc struct {
	XMLName  xml.Name
	URLs     []sitemapURL `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Publication struct {
			Name string `xml:"name"`
		} `xml:"publication"`
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
	} `xml:"news"`
}

func parseSitemap(body []byte, base *url.URL) (*listing, error) {
	var doc sitemapDoc
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("sitemap: %w", err)
	}
	out := &listing{}
	for _, s := range doc.Sitemaps {
		if abs := resolve(base, s.Loc); abs != "" {
			out.Sitemaps = append(out.Sitemaps, abs)
		}
	}
	for _, u := range doc.URLs {
		abs := resolve(base, u.Loc)
		if abs == "" {
			continue
		}
		e := entry{URL: abs, Title: strings.TrimSpace(u.News.Title), Outlet: strings.TrimSpace(u.News.Publication.Name)}
		for _, d := range []string{u.News.PublicationDate, u.LastMod} {
			if t, ok := parseW3CDate(d); ok {
				e.Published = &t
				break
			}
		}
		out.Entries = append(out.Entries, e)
	}
	if len(out.Entries) == 0 && len(out.Sitemaps) == 0 && doc.XMLName.Local == "" {
		return nil, errors.New("sitemap: no url or sitemap elements")
	}
	return out, nil
}

// parseW3CDate reads the W3C datetime forms sitemaps use.
func parseW3CDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// resolve makes link absolute against base; "" for what is not http(s).
func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := base.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}
