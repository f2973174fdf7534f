package server

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/report"
)

// exportStory writes one story's report in format f as a download.
func (s *Server) exportStory(w http.ResponseWriter, r *http.Request, f report.Format, contentType, ext string) {
	id := r.PathValue("id")
	rep, err := s.storyReport(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "story "+strconv.Quote(id), err)
		return
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, rep, f); err != nil {
		s.log.Error("rendering a report failed", "story", id, "format", f, "err", err)
		writeError(w, http.StatusInternalServerError, "rendering the report failed: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+fileName(id)+ext+`"`)
	w.Write(buf.Bytes())
}

func (s *Server) exportJSON(w http.ResponseWriter, r *http.Request) {
	s.exportStory(w, r, report.FormatJSON, "application/json; charset=utf-8", ".json")
}

func (s *Server) exportMarkdown(w http.ResponseWriter, r *http.Request) {
	s.exportStory(w, r, report.FormatMarkdown, "text/markdown; charset=utf-8", ".md")
}

// fileName keeps the characters of an ID that are safe in a file name.
func fileName(id string) string {
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, id)
	if name == "" {
		name = "story"
	}
	return "crosscheck-" + name
}

// csvHeader is the header of the findings CSV: one row per piece of
// evidence, so that every row can be checked against its article.
var csvHeader = []string{"finding", "kind", "about", "value", "origins", "confidence", "article", "outlet", "start", "end", "evidence"}

// exportCSV writes the story's findings as CSV.
func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	rep, err := s.storyReport(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "story "+strconv.Quote(id), err)
		return
	}
	var buf bytes.Buffer
	writeFindingsCSV(&buf, rep)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+fileName(id)+`-findings.csv"`)
	w.Write(buf.Bytes())
}

func writeFindingsCSV(buf *bytes.Buffer, rep *crosscheck.Report) {
	cw := csv.NewWriter(buf)
	cw.Write(csvHeader)
	for _, st := range rep.Stories {
		for _, f := range st.Findings {
			for _, v := range f.Values {
				row := func(e crosscheck.Evidence) {
					outlet := ""
					if a := rep.Article(e.Article); a != nil {
						outlet = outletName(a)
					}
					start, end := "", ""
					if e.Article != "" {
						start, end = strconv.Itoa(e.Start), strconv.Itoa(e.End)
					}
					cw.Write([]string{
						f.ID, string(f.Kind), cell(f.About), cell(v.Value), strconv.Itoa(v.Origins),
						strconv.FormatFloat(f.Confidence, 'f', 2, 64), e.Article, cell(outlet), start, end, cell(e.Text),
					})
				}
				if len(v.Evidence) == 0 {
					row(crosscheck.Evidence{})
				}
				for _, e := range v.Evidence {
					row(e)
				}
			}
		}
	}
	cw.Flush()
}

// cell defuses a CSV cell that a spreadsheet would run as a formula: text
// from articles must never become one.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Atom feed (RFC 4287) of the newest stories.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary"`
}

// feedSize is how many stories the feed carries.
const feedSize = 50

// feed writes the Atom feed of the newest stories.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	list, err := s.store.Stories(r.Context(), crosscheck.StoryQuery{Order: crosscheck.OrderNewest, Limit: feedSize})
	if err != nil {
		s.storeError(w, r, "stories", err)
		return
	}
	base := baseURL(r)
	f := atomFeed{
		Title:  "crosscheck: new stories",
		ID:     base + "/",
		Links:  []atomLink{{Href: base + "/feed.atom", Rel: "self", Type: "application/atom+xml"}, {Href: base + "/", Type: "text/html"}},
		Author: atomAuthor{Name: "crosscheck"},
	}
	var newest time.Time
	for _, st := range list {
		updated := timeOr(st.LastSeen, st.FirstSeen)
		if updated.After(newest) {
			newest = updated
		}
		e := atomEntry{
			Title:   st.Title,
			ID:      base + "/stories/" + st.ID,
			Updated: updated.UTC().Format(time.RFC3339),
			Links:   []atomLink{{Href: base + "/stories/" + st.ID, Type: "text/html"}, {Href: base + "/api/stories/" + st.ID, Rel: "alternate", Type: "application/json"}},
			Summary: storySummaryLine(st),
		}
		if st.FirstSeen != nil {
			e.Published = st.FirstSeen.UTC().Format(time.RFC3339)
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = newest.UTC().Format(time.RFC3339)
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		writeError(w, http.StatusInternalServerError, "writing the feed failed: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(out)
}

// timeOr is the first known time, or the Unix epoch (Atom needs one).
func timeOr(ts ...*time.Time) time.Time {
	for _, t := range ts {
		if t != nil && !t.IsZero() {
			return *t
		}
	}
	return time.Unix(0, 0)
}

func storySummaryLine(st crosscheck.StorySummary) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(st.Articles))
	if st.Articles == 1 {
		b.WriteString(" article")
	} else {
		b.WriteString(" articles")
	}
	if len(st.Outlets) > 0 {
		b.WriteString(" from " + strings.Join(st.Outlets, ", "))
	}
	if st.Conflicts > 0 {
		b.WriteString("; " + strconv.Itoa(st.Conflicts) + " contested")
	}
	return b.String()
}

// baseURL is the scheme and host the client used, for absolute links.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
