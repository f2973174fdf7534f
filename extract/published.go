package extract

import (
	"encoding/json"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// go-htmldate, which trafilatura uses, returns a publication date without
// its time of day. Pages usually state the full moment in their metadata,
// and the order of a story's reports (who published first, who copied
// whom) needs it, so publishedTimestamp reads it from there.

// timestampLayouts are the forms of a date with time and zone that
// publication metadata uses: RFC 3339 and its common near misses.
var timestampLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z0700",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05Z0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05.000Z0700",
}

// parseTimestamp parses a date with a time of day and a zone. A value
// without a zone names no instant, and a date alone has no time: both are
// refused.
func parseTimestamp(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < len("2006-01-02T15:04Z") {
		return time.Time{}, false
	}
	for _, layout := range timestampLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// publishedMetaKeys are the <meta> names and properties that state when an
// article was first published, in the order they are trusted.
var publishedMetaKeys = []string{
	"article:published_time", "og:published_time", "og:article:published_time",
	"datepublished", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
}

// publishedTimestamp returns the moment of publication the page states with
// a time of day and a zone: a <meta> of publishedMetaKeys (by property, name
// or itemprop), else JSON-LD datePublished, else the first <time datetime>
// inside the <article> (or marked as the publication date anywhere).
func publishedTimestamp(root *html.Node) (time.Time, bool) {
	meta := map[string]string{}
	var jsonLD []string
	var articleTime, markedTime string
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				content := attr(n, "content")
				for _, k := range []string{"property", "name", "itemprop"} {
					if key := strings.ToLower(attr(n, k)); key != "" && meta[key] == "" {
						meta[key] = content
					}
				}
			case atom.Script:
				if strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
					jsonLD = append(jsonLD, n.FirstChild.Data)
				}
			case atom.Article:
				inArticle = true
			case atom.Time:
				dt := attr(n, "datetime")
				if _, ok := parseTimestamp(dt); ok {
					if inArticle && articleTime == "" {
						articleTime = dt
					}
					if markedTime == "" && (strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate")) {
						markedTime = dt
					}
				}
			}
			if strings.EqualFold(attr(n, "itemprop"), "datePublished") && n.DataAtom != atom.Meta && n.DataAtom != atom.Time {
				if v := attr(n, "content"); v != "" && meta["datepublished"] == "" {
					meta["datepublished"] = v
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(root, false)
	for _, k := range publishedMetaKeys {
		if t, ok := parseTimestamp(meta[k]); ok {
			return t, true
		}
	}
	for _, src := range jsonLD {
		if v := jsonLDDatePublished(src); v != "" {
			if t, ok := parseTimestamp(v); ok {
				return t, true
			}
		}
	}
	for _, v := range []string{markedTime, articleTime} {
		if t, ok := parseTimestamp(v); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// jsonLDDatePublished returns the first datePublished in a JSON-LD block,
// looking through arrays and @graph.
func jsonLDDatePublished(src string) string {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return ""
	}
	var find func(v any, depth int) string
	find = func(v any, depth int) string {
		if depth > 8 {
			return ""
		}
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok && s != "" {
				return s
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if s := find(x[k], depth+1); s != "" {
					return s
				}
			}
		case []any:
			for _, e := range x {
				if s := find(e, depth+1); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v, 0)
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
