package report

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// style is what differs between the terminal and the Markdown view; the
// content and its order are the same.
type style struct {
	title    func(s string) string // the story heading
	section  func(s string) string
	bullet   string
	sub      string // indentation of a nested bullet
	quote    func(s string) string
	code     func(s string) string
	rule     string
	markdown bool
}

var textStyle = style{
	title:   func(s string) string { return strings.ToUpper(s) },
	section: func(s string) string { return s },
	bullet:  "  • ",
	sub:     "      ",
	quote:   func(s string) string { return "“" + s + "”" },
	code:    func(s string) string { return s },
	rule:    strings.Repeat("─", 72),
}

var markdownStyle = style{
	title:    func(s string) string { return "## " + mdEscape(s) },
	section:  func(s string) string { return "### " + s },
	bullet:   "- ",
	sub:      "  - ",
	quote:    func(s string) string { return "“" + mdEscape(s) + "”" },
	code:     func(s string) string { return "`" + strings.ReplaceAll(s, "`", "'") + "`" },
	rule:     "---",
	markdown: true,
}

// mdEscape keeps article text from being read as Markdown markup.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`)
	return r.Replace(s)
}

// view renders one report for a person.
type view struct {
	w        *bufio.Writer
	st       style
	articles map[string]*crosscheck.Article
}

func writeView(w io.Writer, r *crosscheck.Report, st style) error {
	v := &view{w: bufio.NewWriter(w), st: st, articles: make(map[string]*crosscheck.Article, len(r.Articles))}
	for _, a := range r.Articles {
		v.articles[a.ID] = a
	}
	if st.markdown {
		v.line("# crosscheck report")
		v.line("")
	}
	v.linef("%s, %s", crosscheck.Counted(len(r.Articles), "article", "articles"), crosscheck.Counted(len(r.Stories), "story", "stories"))
	if len(r.Errors) > 0 {
		v.linef("%s could not be read (listed at the end)", crosscheck.Counted(len(r.Errors), "input", "inputs"))
	}
	v.line("")
	for _, s := range r.Stories {
		v.story(s)
	}
	if len(r.Errors) > 0 {
		v.line(st.section("Inputs not read"))
		for _, e := range r.Errors {
			v.linef("%s%s: %s", st.bullet, e.Source, e.Err)
		}
	}
	return v.w.Flush()
}

func (v *view) line(s string) { v.w.WriteString(s); v.w.WriteByte('\n') }
func (v *view) linef(format string, args ...any) {
	fmt.Fprintf(v.w, format, args...)
	v.w.WriteByte('\n')
}

// outlet names an article for a reader: its outlet, else its URL's host,
// else its file name (the full source is in the timeline).
func (v *view) outlet(id string) string {
	a := v.articles[id]
	if a == nil {
		return id
	}
	if a.Outlet != "" {
		return a.Outlet
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	if a.Source != "" && !strings.Contains(a.Source, "://") {
		return filepath.Base(a.Source)
	}
	return a.Source
}

func (v *view) outlets(ids []string) string {
	seen := map[string]bool{}
	var names []string
	for _, id := range ids {
		n := v.outlet(id)
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

func (v *view) story(s *crosscheck.Story) {
	st := v.st
	v.line(st.rule)
	v.line(st.title(s.Title))
	span := ""
	if s.FirstSeen != nil && s.LastSeen != nil {
		span = " · " + s.FirstSeen.UTC().Format("2006-01-02 15:04") + " → " + s.LastSeen.UTC().Format("2006-01-02 15:04") + " UTC"
	}
	v.linef("story %s · %s%s", s.ID, s.Size(), span)
	v.line("")

	byKind := map[crosscheck.FindingKind][]crosscheck.Finding{}
	for _, f := range s.Findings {
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	v.findings("Established — the sources agree", byKind[crosscheck.FindingAgreement])
	v.findings("Contested — the sources differ", byKind[crosscheck.FindingConflict])
	v.findings("Updated — a later report revises an earlier figure", byKind[crosscheck.FindingUpdate])
	v.findings("Only in one source", byKind[crosscheck.FindingSingleSource])
	v.quotes(s.Quotes)
	v.entities(s.Entities)
	v.provenance(s.Derivations)
	v.timeline(s)
}

func (v *view) findings(heading string, fs []crosscheck.Finding) {
	if len(fs) == 0 {
		return
	}
	st := v.st
	v.line(st.section(fmt.Sprintf("%s (%d)", heading, len(fs))))
	for _, f := range fs {
		if len(f.Values) == 1 {
			val := f.Values[0]
			v.linef("%s%s: %s — %s%s", st.bullet, f.About, st.code(val.Value), v.outlets(val.Articles), origins(val))
			v.evidence(val.Evidence, 1)
			continue
		}
		v.linef("%s%s:", st.bullet, f.About)
		for _, val := range f.Values {
			v.linef("%s%s — %s%s", st.sub, st.code(val.Value), v.outlets(val.Articles), origins(val))
			v.evidence(val.Evidence, 2)
		}
	}
	v.line("")
}

func origins(val crosscheck.FindingValue) string {
	s := ""
	if val.Origins > 0 && val.Origins != len(val.Articles) {
		s = fmt.Sprintf(" (%d independent)", val.Origins)
	}
	return s
}

// evidence prints each evidence sentence once, shortened, under its outlet.
func (v *view) evidence(ev []crosscheck.Evidence, depth int) {
	indent := strings.Repeat("    ", depth+1)
	if v.st.markdown {
		indent = strings.Repeat("  ", depth+1) + "- "
	}
	for _, e := range ev {
		v.linef("%s%s: %s", indent, v.outlet(e.Article), v.st.quote(shorten(e.Text, 220)))
	}
}

// shorten cuts s to at most n bytes on a rune boundary, marking the cut.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return s[:cut] + " …"
}

func (v *view) quotes(qs []crosscheck.Quote) {
	if len(qs) == 0 {
		return
	}
	st := v.st
	v.line(st.section("Who said what (" + crosscheck.Counted(len(qs), "statement", "statements") + ")"))
	// One speaker is one entry (Quote.SpeakerKey), shown as first written.
	bySpeaker := map[string][]crosscheck.Quote{}
	shown := map[string]string{}
	var order []string
	for _, q := range qs {
		sp := q.Speaker
		if sp == "" {
			sp = "(speaker unknown)"
		}
		key := q.SpeakerKey()
		if _, ok := bySpeaker[key]; !ok {
			order = append(order, key)
			shown[key] = sp
		}
		bySpeaker[key] = append(bySpeaker[key], q)
	}
	for _, key := range order {
		v.linef("%s%s", st.bullet, shown[key])
		for _, q := range bySpeaker[key] {
			ids := make([]string, len(q.Sources))
			for i, src := range q.Sources {
				ids[i] = src.Article
			}
			words := st.quote(shorten(q.Text, 300))
			if !q.Direct {
				words = "(reported) " + shorten(q.Text, 300)
			}
			v.linef("%s%s — %s", st.sub, words, v.outlets(ids))
			for _, variant := range q.Variants {
				if variant != q.Text {
					v.linef("%s  also as: %s", st.sub, st.quote(shorten(variant, 300)))
				}
			}
		}
	}
	v.line("")
}

var entityOrder = map[crosscheck.EntityType]int{
	crosscheck.EntityPerson: 0, crosscheck.EntityOrganization: 1, crosscheck.EntityPlace: 2, crosscheck.EntityOther: 3,
}

var entityHeading = map[crosscheck.EntityType]string{
	crosscheck.EntityPerson: "People", crosscheck.EntityOrganization: "Organisations",
	crosscheck.EntityPlace: "Places", crosscheck.EntityOther: "Other names",
}

func (v *view) entities(es []crosscheck.Entity) {
	if len(es) == 0 {
		return
	}
	st := v.st
	sorted := append([]crosscheck.Entity(nil), es...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return entityOrder[sorted[i].Type] < entityOrder[sorted[j].Type]
	})
	var current crosscheck.EntityType = "-"
	for _, e := range sorted {
		if e.Type != current {
			if current != "-" {
				v.line("")
			}
			current = e.Type
			v.line(st.section(entityHeading[e.Type]))
		}
		line := st.bullet + e.Name
		var others []string
		for _, vr := range e.Variants {
			if vr != e.Name {
				others = append(others, vr)
			}
		}
		if len(others) > 0 {
			line += " (also: " + strings.Join(others, ", ") + ")"
		}
		line += " — " + crosscheck.Counted(len(e.Mentions), "mention", "mentions")
		v.line(line)
		for _, r := range e.Roles {
			v.linef("%s%s — %s", st.sub, r.Role, v.outlets(r.Articles))
		}
	}
	v.line("")
}

func (v *view) provenance(ds []crosscheck.Derivation) {
	if len(ds) == 0 {
		return
	}
	st := v.st
	v.line(st.section("Provenance — copies and rewrites"))
	for _, d := range ds {
		v.linef("%s%s", st.bullet, v.describe(d))
	}
	v.line("")
}

// describe says a derivation in words: "B is a rewrite of A: 14 of 17
// paragraphs follow A (credit: IANS)".
func (v *view) describe(d crosscheck.Derivation) string {
	kind := map[crosscheck.DerivationKind]string{
		crosscheck.DerivationDuplicate:     "an exact copy",
		crosscheck.DerivationNearDuplicate: "a near-verbatim copy",
		crosscheck.DerivationRewrite:       "a rewrite",
	}[d.Kind]
	if kind == "" {
		kind = string(d.Kind)
	}
	s := fmt.Sprintf("%s is %s of %s", v.outlet(d.Copy), kind, v.outlet(d.Of))
	if c := v.articles[d.Copy]; c != nil && len(c.Paragraphs) > 0 {
		followed := 0
		for _, p := range c.Paragraphs {
			for _, e := range d.Evidence {
				if e.Copy.Start < p.End && e.Copy.End > p.Start {
					followed++
					break
				}
			}
		}
		s += fmt.Sprintf(": %d of %d paragraphs follow %s", followed, len(c.Paragraphs), v.outlet(d.Of))
	}
	s += fmt.Sprintf(" (%.0f%% of its text aligned", 100*d.Share)
	if d.Credit != nil {
		s += "; credits " + *d.Credit
	}
	return s + ")"
}

func (v *view) timeline(s *crosscheck.Story) {
	st := v.st
	v.line(st.section("Timeline and sources"))
	for _, id := range s.Articles {
		a := v.articles[id]
		if a == nil {
			continue
		}
		when := "date unknown     "
		if a.Published != nil {
			when = a.Published.UTC().Format(time.DateOnly + " 15:04")
		}
		title := a.Title
		if title == "" {
			title = "(untitled)"
		}
		v.linef("%s%s  %s — %s", st.bullet, when, v.outlet(id), title)
		detail := fmt.Sprintf("%s[%s] %s · %d words", st.sub, a.ID, a.Source, len(strings.Fields(a.Text)))
		if a.Language != "" {
			detail += " · " + a.Language
		}
		if n := len(a.Boilerplate); n > 0 {
			detail += " · " + crosscheck.Counted(n, "boilerplate line", "boilerplate lines") + " removed"
		}
		v.line(detail)
	}
	v.line("")
}
