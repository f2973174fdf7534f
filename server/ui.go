package server

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// staticHandler serves the embedded CSS and JS, cacheable for a day.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	files := http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// pages holds one template set per page, each the layout plus the page.
type pages struct {
	byName map[string]*template.Template
}

var pageNames = []string{"stories", "story", "entity", "search", "error"}

func loadPages() (*pages, error) {
	funcs := template.FuncMap{
		"date":    formatTime,
		"percent": func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
		"join":    strings.Join,
		"add":     func(a, b int) int { return a + b },
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parsing the %s page: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// formatTime writes a time for a reader, in UTC so that every reader sees
// the same; nil is "time unknown".
func formatTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return "time unknown"
	}
	return t.UTC().Format("Mon 2 Jan 2006 15:04 MST")
}

// pageData is what every page gets: its title and its own content.
type pageData struct {
	Title string
	Query string // the search box's text
	Page  any
}

// render executes a page into memory first, so that a template error
// becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, page any) {
	var buf bytes.Buffer
	if err := s.pages.byName[name].Execute(&buf, pageData{Title: title, Query: r.URL.Query().Get("q"), Page: page}); err != nil {
		s.log.Error("rendering a page failed", "page", name, "err", err)
		http.Error(w, "rendering the page failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// pageError renders an error page: 404 for a missing thing, 500 otherwise.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, what string, err error) {
	status, msg := http.StatusInternalServerError, "Reading "+what+" failed."
	switch {
	case errors.Is(err, crosscheck.ErrNotFound):
		status, msg = http.StatusNotFound, strings.ToUpper(what[:1])+what[1:]+" was not found."
	case r.Context().Err() != nil:
		return
	default:
		s.log.Error("store read failed", "what", what, "path", r.URL.Path, "err", err)
	}
	s.render(w, r, status, "error", http.StatusText(status), msg)
}

// storiesPage is the story list.
type storiesPage struct {
	Stories        []crosscheck.StorySummary
	Order          string
	Outlet         string
	Entity         string
	Language       string
	Since, Until   string
	Orders         []string
	PrevURL        string
	NextURL        string
	FirstShown     int
	Error          string
	FeedURL        string
	AnyFilterGiven bool
}

func (s *Server) pageStories(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	p := storiesPage{
		Order: v.Get("order"), Outlet: v.Get("outlet"), Entity: v.Get("entity"), Language: v.Get("language"),
		Since: v.Get("since"), Until: v.Get("until"),
		Orders: []string{string(crosscheck.OrderNewest), string(crosscheck.OrderMostSources), string(crosscheck.OrderMostContested)},
	}
	p.AnyFilterGiven = p.Outlet != "" || p.Entity != "" || p.Language != "" || p.Since != "" || p.Until != ""
	q, err := storyQuery(v)
	if err != nil {
		p.Error = err.Error()
		s.render(w, r, http.StatusBadRequest, "stories", "Stories", p)
		return
	}
	p.Order = string(q.Order)
	list, err := s.store.Stories(r.Context(), q)
	if err != nil {
		s.pageError(w, r, "the stories", err)
		return
	}
	p.Stories, p.FirstShown = list, q.Offset+1
	page := func(offset int) string {
		u := url.Values{}
		for k, vs := range v {
			u[k] = vs
		}
		u.Set("offset", strconv.Itoa(offset))
		return "/?" + u.Encode()
	}
	if q.Offset > 0 {
		p.PrevURL = page(max(q.Offset-q.Limit, 0))
	}
	if len(list) == q.Limit {
		p.NextURL = page(q.Offset + q.Limit)
	}
	s.render(w, r, http.StatusOK, "stories", "Stories", p)
}

// storyPage is everything the story page shows.
type storyPage struct {
	Story      *crosscheck.Story
	Groups     []findingGroup
	Contested  int
	Articles   []articleView
	Speakers   []speakerView
	EntityKind []entityGroup
	Graph      provenanceGraph
	Timeline   []timelineItem
}

// findingGroup is one part of the story card.
type findingGroup struct {
	Kind     string // the FindingKind, for CSS and tests
	Label    string
	Note     string
	Findings []findingView
}

type findingView struct {
	ID         string
	About      string
	Confidence float64
	Values     []valueView
}

type valueView struct {
	Value    string
	Sources  []articleRef
	Origins  int
	First    string
	Evidence []evidenceView
}

type articleRef struct {
	Outlet string
	Anchor string
}

type evidenceView struct {
	Outlet string
	Anchor string
	Text   string
}

type articleView struct {
	ID         string
	Anchor     string
	Outlet     string
	Title      string
	URL        string
	Published  *time.Time
	Language   string
	Byline     string
	Relation   string
	Paragraphs [][]segment
}

type speakerView struct {
	Name   string
	Entity string // entity ID, when the speaker is one
	Quotes []quoteView
}

type quoteView struct {
	ID       string
	Text     string
	Direct   bool
	Cue      string
	Sources  []articleRef
	Variants int
}

type entityGroup struct {
	Label    string
	Entities []entityView
}

type entityView struct {
	ID       string
	Name     string
	Variants []string
	Roles    []string
	Mentions int
	Articles int
}

type timelineItem struct {
	Time     *time.Time
	Outlet   string
	Title    string
	Anchor   string
	Relation string
}

// findingKinds are the parts of the story card, in the order shown.
var findingKinds = []struct {
	kind        crosscheck.FindingKind
	label, note string
}{
	{crosscheck.FindingConflict, "Contested", "the sources give different values"},
	{crosscheck.FindingUpdate, "Updated", "a later report changes an earlier value"},
	{crosscheck.FindingAgreement, "Established", "the sources agree, the most independent origins first"},
	{crosscheck.FindingSingleSource, "Only in one source", "no other source speaks to it"},
}

func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	rep, err := s.storyReport(r.Context(), id)
	if err != nil {
		s.pageError(w, r, "story "+strconv.Quote(id), err)
		return
	}
	p := buildStoryPage(rep.Stories[0], rep.Articles)
	s.render(w, r, http.StatusOK, "story", p.Story.Title, p)
}

// buildStoryPage turns a stored story and its articles into the page.
func buildStoryPage(st *crosscheck.Story, arts []*crosscheck.Article) storyPage {
	byID := make(map[string]*crosscheck.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	ref := func(id string) articleRef {
		if a := byID[id]; a != nil {
			return articleRef{Outlet: outletName(a), Anchor: "art-" + id}
		}
		return articleRef{Outlet: id, Anchor: "art-" + id}
	}
	p := storyPage{Story: st}

	// The story card and the marks its evidence puts on the articles.
	marks := map[string][]mark{}
	for _, fk := range findingKinds {
		g := findingGroup{Kind: string(fk.kind), Label: fk.label, Note: fk.note}
		for _, f := range st.Findings {
			if f.Kind != fk.kind {
				continue
			}
			fv := findingView{ID: f.ID, About: f.About, Confidence: f.Confidence}
			for _, v := range f.Values {
				vv := valueView{Value: v.Value, Origins: v.Origins}
				if v.First != "" {
					vv.First = ref(v.First).Outlet
				}
				for _, aid := range v.Articles {
					vv.Sources = append(vv.Sources, ref(aid))
				}
				for _, e := range v.Evidence {
					r := ref(e.Article)
					vv.Evidence = append(vv.Evidence, evidenceView{Outlet: r.Outlet, Anchor: r.Anchor, Text: e.Text})
					marks[e.Article] = append(marks[e.Article], mark{
						Span:  crosscheck.Span{Start: e.Start, End: e.End},
						class: "m-" + string(f.Kind), id: f.ID,
						title: fk.label + ": " + f.About + " = " + v.Value,
					})
				}
				fv.Values = append(fv.Values, vv)
			}
			g.Findings = append(g.Findings, fv)
		}
		if fk.kind == crosscheck.FindingConflict {
			p.Contested = len(g.Findings)
		}
		p.Groups = append(p.Groups, g)
	}

	// Quotes by speaker (Quote.SpeakerKey, named as first written), and
	// their marks.
	speakers := map[string]*speakerView{}
	var order []string
	for _, q := range st.Quotes {
		name := q.Speaker
		if name == "" {
			name = "Unattributed"
		}
		key := q.SpeakerKey()
		sp := speakers[key]
		if sp == nil {
			sp = &speakerView{Name: name}
			if q.SpeakerEntity != nil {
				sp.Entity = *q.SpeakerEntity
			}
			speakers[key] = sp
			order = append(order, key)
		}
		qv := quoteView{ID: q.ID, Text: q.Text, Direct: q.Direct, Cue: q.Cue, Variants: len(q.Variants)}
		seen := map[string]bool{}
		for _, e := range q.Sources {
			if !seen[e.Article] {
				seen[e.Article] = true
				qv.Sources = append(qv.Sources, ref(e.Article))
			}
			marks[e.Article] = append(marks[e.Article], mark{
				Span: crosscheck.Span{Start: e.Start, End: e.End}, class: "m-quote", id: q.ID,
				title: "Quote: " + name,
			})
		}
		sp.Quotes = append(sp.Quotes, qv)
	}
	for _, key := range order {
		p.Speakers = append(p.Speakers, *speakers[key])
	}

	// People, places, organisations.
	for _, kind := range []struct {
		t     crosscheck.EntityType
		label string
	}{{crosscheck.EntityPerson, "People"}, {crosscheck.EntityPlace, "Places"}, {crosscheck.EntityOrganization, "Organisations"}, {crosscheck.EntityOther, "Other names"}} {
		g := entityGroup{Label: kind.label}
		for _, e := range st.Entities {
			if e.Type != kind.t {
				continue
			}
			ev := entityView{ID: e.ID, Name: e.Name, Mentions: len(e.Mentions)}
			for _, v := range e.Variants {
				if v != e.Name {
					ev.Variants = append(ev.Variants, v)
				}
			}
			for _, r := range e.Roles {
				ev.Roles = appendUnique(ev.Roles, r.Role)
			}
			inArticles := map[string]bool{}
			for _, m := range e.Mentions {
				inArticles[m.Article] = true
			}
			ev.Articles = len(inArticles)
			g.Entities = append(g.Entities, ev)
		}
		if len(g.Entities) > 0 {
			sort.SliceStable(g.Entities, func(i, j int) bool { return g.Entities[i].Mentions > g.Entities[j].Mentions })
			p.EntityKind = append(p.EntityKind, g)
		}
	}

	// The articles side by side, in time order, and the timeline.
	relation := map[string]string{}
	for _, d := range st.Derivations {
		if _, ok := relation[d.Copy]; ok {
			continue
		}
		rel := fmt.Sprintf("%s of %s", d.Kind, ref(d.Of).Outlet)
		if d.Share > 0 {
			rel += fmt.Sprintf(" (%d%% of its text)", int(d.Share*100+0.5))
		}
		if d.Credit != nil && *d.Credit != "" {
			rel += ", credited: " + *d.Credit
		}
		relation[d.Copy] = rel
	}
	sorted := inTimeOrder(arts)
	for _, a := range sorted {
		p.Articles = append(p.Articles, articleView{
			ID: a.ID, Anchor: "art-" + a.ID, Outlet: outletName(a), Title: a.Title, URL: safeURL(a.URL),
			Published: a.Published, Language: a.Language, Byline: a.Byline, Relation: relation[a.ID],
			Paragraphs: highlight(a, marks[a.ID]),
		})
		p.Timeline = append(p.Timeline, timelineItem{Time: a.Published, Outlet: outletName(a), Title: a.Title, Anchor: "art-" + a.ID, Relation: relation[a.ID]})
	}
	p.Graph = layoutProvenance(st, sorted)
	return p
}

// inTimeOrder sorts articles by publication time, undated ones last.
func inTimeOrder(arts []*crosscheck.Article) []*crosscheck.Article {
	out := append([]*crosscheck.Article(nil), arts...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Published, out[j].Published
		switch {
		case a == nil:
			return false
		case b == nil:
			return true
		}
		return a.Before(*b)
	})
	return out
}

// safeURL keeps http(s) links only: an article's URL comes from its input,
// and a javascript: URL must never become a link. (html/template would
// neutralise it too; this keeps the page from showing a dead link.)
func safeURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return raw
}

func (s *Server) pageEntity(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e, err := s.store.Entity(r.Context(), id)
	if err != nil {
		s.pageError(w, r, "entity "+strconv.Quote(id), err)
		return
	}
	s.render(w, r, http.StatusOK, "entity", e.Name, e)
}

// searchPage is the search form and its results.
type searchPage struct {
	Query string
	Hits  []crosscheck.SearchHit
	Error string
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	p := searchPage{Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	if p.Query != "" {
		hits, err := s.store.Search(r.Context(), p.Query, defaultPage)
		if err != nil {
			if r.Context().Err() != nil {
				return
			}
			s.log.Warn("search failed", "q", p.Query, "err", err)
			p.Error = "The search failed: " + err.Error()
		}
		p.Hits = hits
	}
	s.render(w, r, http.StatusOK, "search", "Search", p)
}
