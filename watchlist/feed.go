package watchlist

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// FeedOptions says where the feed and the stories live.
type FeedOptions struct {
	// BaseURL is the server's address (http://host:port, no trailing
	// slash needed); links are BaseURL + "/stories/ID" and the feed's own
	// BaseURL + "/watchlists/ID/feed.atom". Empty: relative links.
	BaseURL string
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID       string       `xml:"id"`
	Title    string       `xml:"title"`
	Updated  string       `xml:"updated"`
	Link     atomLink     `xml:"link"`
	Category atomCategory `xml:"category"`
	Summary  string       `xml:"summary"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// Feed writes the Atom feed (RFC 4287) of watchlist w: one entry per
// notification, in the order given (the store's: newest first). Entry IDs
// are tag URIs that stay the same across requests, so feed readers show
// each notification once.
func Feed(out io.Writer, w crosscheck.Watchlist, ns []crosscheck.Notification, opt FeedOptions) error {
	base := strings.TrimRight(opt.BaseURL, "/")
	self := fmt.Sprintf("%s/watchlists/%d/feed.atom", base, w.ID)
	updated := w.Created
	for _, n := range ns {
		if n.Created.After(updated) {
			updated = n.Created
		}
	}
	f := atomFeed{
		ID:      tagURI(w.Created, fmt.Sprintf("watchlist:%d", w.ID)),
		Title:   "crosscheck watchlist: " + w.Name,
		Updated: updated.UTC().Format(time.RFC3339),
		Author:  atomPerson{Name: "crosscheck"},
		Links:   []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}},
	}
	for _, n := range ns {
		title := n.Title
		switch n.Kind {
		case crosscheck.NotifyNewStory:
			title = "New story: " + title
		case crosscheck.NotifyNewConflict:
			title = "New conflict: " + title
		}
		link := fmt.Sprintf("%s/stories/%s", base, url.PathEscape(n.Story))
		if n.Finding != "" {
			link += "#" + url.PathEscape(n.Finding)
		}
		f.Entries = append(f.Entries, atomEntry{
			ID:       tagURI(w.Created, fmt.Sprintf("watchlist:%d:notification:%d", w.ID, n.ID)),
			Title:    title,
			Updated:  n.Created.UTC().Format(time.RFC3339),
			Link:     atomLink{Rel: "alternate", Type: "text/html", Href: link},
			Category: atomCategory{Term: string(n.Kind)},
			Summary:  n.Summary,
		})
	}
	if _, err := io.WriteString(out, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(out)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("watchlist: writing the feed of watchlist %d: %w", w.ID, err)
	}
	return enc.Close()
}

// tagURI makes an RFC 4151 tag URI dated by the watchlist's creation: a
// stable, valid Atom ID that a later watchlist reusing a number (after a
// database reset) does not share.
func tagURI(created time.Time, specific string) string {
	return fmt.Sprintf("tag:crosscheck,%s:%s", created.UTC().Format("2006-01-02"), specific)
}
