// Package report renders a crosscheck.Report. The JSON form is the versioned
// contract (docs/report-schema.md); the text and Markdown forms are views of
// the same value, written for a person: each story leads with a card of what
// is established, contested and only in one source, then quotes, people,
// provenance and a timeline.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/crosscheck-news/crosscheck"
)

// Format is an output format of the report.
type Format string

const (
	FormatText     Format = "text"
	FormatJSON     Format = "json"
	FormatMarkdown Format = "markdown"
)

// ParseFormat accepts text, json, markdown (or md).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "text", "txt", "":
		return FormatText, nil
	case "json":
		return FormatJSON, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	}
	return "", fmt.Errorf("unknown format %q: want text, json or markdown", s)
}

// Write renders r to w in format f.
func Write(w io.Writer, r *crosscheck.Report, f Format) error {
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatMarkdown:
		return writeView(w, r, markdownStyle)
	case FormatText:
		return writeView(w, r, textStyle)
	}
	return fmt.Errorf("unknown format %q", f)
}

// WriteJSON writes the crosscheck/report/v1 JSON document. Empty lists are
// written as [] rather than null, so consumers never need a null check on a
// list.
func WriteJSON(w io.Writer, r *crosscheck.Report) error {
	return writeJSON(w, r, "  ")
}

// WriteCompactJSON writes the same document as WriteJSON without
// indentation, for machines: the API serves it, and indenting costs about a
// quarter of a story read.
func WriteCompactJSON(w io.Writer, r *crosscheck.Report) error {
	return writeJSON(w, r, "")
}

func writeJSON(w io.Writer, r *crosscheck.Report, indent string) error {
	out := *r
	if out.Schema == "" {
		out.Schema = crosscheck.ReportSchema
	}
	if out.Articles == nil {
		out.Articles = []*crosscheck.Article{}
	}
	if out.Stories == nil {
		out.Stories = []*crosscheck.Story{}
	}
	for _, a := range out.Articles {
		fillArticleLists(a)
	}
	for _, s := range out.Stories {
		fillStoryLists(s)
	}
	enc := json.NewEncoder(w)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	enc.SetEscapeHTML(false)
	return enc.Encode(&out)
}

func fillArticleLists(a *crosscheck.Article) {
	if a.Boilerplate == nil {
		a.Boilerplate = []crosscheck.Removed{}
	}
	if a.Paragraphs == nil {
		a.Paragraphs = []crosscheck.Span{}
	}
	if a.Sentences == nil {
		a.Sentences = []crosscheck.Span{}
	}
}

func fillStoryLists(s *crosscheck.Story) {
	if s.Articles == nil {
		s.Articles = []string{}
	}
	if s.Outlets == nil {
		s.Outlets = []string{}
	}
	if s.Entities == nil {
		s.Entities = []crosscheck.Entity{}
	}
	for i := range s.Entities {
		e := &s.Entities[i]
		if e.Variants == nil {
			e.Variants = []string{}
		}
		if e.Roles == nil {
			e.Roles = []crosscheck.Role{}
		}
		if e.Mentions == nil {
			e.Mentions = []crosscheck.Mention{}
		}
	}
	if s.Quotes == nil {
		s.Quotes = []crosscheck.Quote{}
	}
	for i := range s.Quotes {
		q := &s.Quotes[i]
		if q.Sources == nil {
			q.Sources = []crosscheck.Evidence{}
		}
		if q.Variants == nil {
			q.Variants = []string{}
		}
	}
	if s.Findings == nil {
		s.Findings = []crosscheck.Finding{}
	}
	if s.Derivations == nil {
		s.Derivations = []crosscheck.Derivation{}
	}
	if s.Divergence == nil {
		s.Divergence = []crosscheck.SourceDivergence{}
	}
	for i := range s.Derivations {
		if s.Derivations[i].Evidence == nil {
			s.Derivations[i].Evidence = []crosscheck.AlignedSpan{}
		}
	}
}
