package server

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// mark is one span of an article to highlight: the evidence of a finding
// or of a quote.
type mark struct {
	crosscheck.Span
	class string // CSS class: the finding kind or "quote"
	id    string // the finding or quote ID, for data-f
	title string // a tooltip saying what the span is evidence of
}

// segment is a run of article text with one set of marks over it. The
// template writes Text through html/template, so it is always escaped.
type segment struct {
	Text  string
	Class string // space-separated mark classes; "" for plain text
	Title string
	IDs   string // space-separated finding and quote IDs
}

// highlight cuts an article's text into paragraphs of segments so that
// every mark's span is its own run of segments. Marks may overlap; a segment
// under several marks carries all their classes. Spans out of the text are
// dropped, and span ends that fall inside a UTF-8 character are moved to
// its start, so a bad offset can never split a character.
func highlight(a *crosscheck.Article, marks []mark) [][]segment {
	text := a.Text
	valid := marks[:0:0]
	for _, m := range marks {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			continue
		}
		m.Start, m.End = runeStart(text, m.Start), runeStart(text, m.End)
		if m.Start < m.End {
			valid = append(valid, m)
		}
	}
	var out [][]segment
	for _, p := range paragraphs(a) {
		bounds := []int{p.Start, p.End}
		for _, m := range valid {
			if m.End <= p.Start || m.Start >= p.End {
				continue
			}
			bounds = append(bounds, max(m.Start, p.Start), min(m.End, p.End))
		}
		slices.Sort(bounds)
		bounds = slices.Compact(bounds)
		var segs []segment
		for i := 0; i+1 < len(bounds); i++ {
			lo, hi := bounds[i], bounds[i+1]
			seg := segment{Text: text[lo:hi]}
			var classes, titles, ids []string
			for _, m := range valid {
				if m.Start <= lo && m.End >= hi {
					classes = appendUnique(classes, m.class)
					titles = appendUnique(titles, m.title)
					ids = appendUnique(ids, m.id)
				}
			}
			seg.Class, seg.Title, seg.IDs = strings.Join(classes, " "), strings.Join(titles, "; "), strings.Join(ids, " ")
			segs = append(segs, seg)
		}
		out = append(out, segs)
	}
	return out
}

// paragraphs are the article's paragraph spans, or its non-empty lines when
// the text layer has none.
func paragraphs(a *crosscheck.Article) []crosscheck.Span {
	var ps []crosscheck.Span
	for _, p := range a.Paragraphs {
		if p.Start >= 0 && p.End <= len(a.Text) && p.Start < p.End {
			ps = append(ps, crosscheck.Span{Start: runeStart(a.Text, p.Start), End: runeStart(a.Text, p.End)})
		}
	}
	if len(ps) > 0 {
		return ps
	}
	start := 0
	for start < len(a.Text) {
		end := strings.IndexByte(a.Text[start:], '\n')
		if end < 0 {
			end = len(a.Text)
		} else {
			end += start
		}
		if strings.TrimSpace(a.Text[start:end]) != "" {
			ps = append(ps, crosscheck.Span{Start: start, End: end})
		}
		start = end + 1
	}
	return ps
}

// runeStart moves i back to the start of the UTF-8 character it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func appendUnique(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
