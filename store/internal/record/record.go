// Package record turns the domain values a crosscheck.Store keeps into the
// rows both implementations write (store/sqlite and store/postgres), so that
// the two cannot disagree about what a story's conflict count is, which
// names find an entity, or how a search query is read.
package record

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

// DefaultPage is the page size of a story listing whose Limit is zero, and
// MaxPage the largest page served.
const (
	DefaultPage = 50
	MaxPage     = 1000
	// DefaultSearch is the number of hits of a search whose limit is zero.
	DefaultSearch = 20
)

// PageSize returns the page size for a requested limit.
func PageSize(limit int) int {
	switch {
	case limit <= 0:
		return DefaultPage
	case limit > MaxPage:
		return MaxPage
	}
	return limit
}

// ArticleDoc is the JSON kept for an article besides its text, which is a
// column of its own (the full-text index reads it). The paragraph and
// sentence spans are kept; tokens are not: they are a pure function of the
// text and language, about ten times the text's size, and only the
// analysis needs them (text.Analyze makes them again).
func ArticleDoc(a *crosscheck.Article) ([]byte, error) {
	c := *a
	c.Text = ""
	b, err := json.Marshal(&c)
	if err != nil {
		return nil, fmt.Errorf("encoding article %s: %w", a.ID, err)
	}
	return b, nil
}

// LoadArticle rebuilds an article from its stored JSON and text: text,
// paragraphs and sentences as they were stored, no tokens. Reading a story
// for display needs nothing more, and segmenting again would be most of
// the cost of a read.
func LoadArticle(doc []byte, body string) (*crosscheck.Article, error) {
	var a crosscheck.Article
	if err := json.Unmarshal(doc, &a); err != nil {
		return nil, fmt.Errorf("decoding a stored article: %w", err)
	}
	a.Text = body
	return &a, nil
}

// ArticleTime is the time an article counts at for RecentArticles: its
// publication time, or the ingestion time when unknown.
func ArticleTime(a *crosscheck.Article, ingested time.Time) time.Time {
	if a.Published != nil && !a.Published.IsZero() {
		return *a.Published
	}
	return ingested
}

// Story is what the listing, filters and entity pages need of a story,
// computed once when it is put.
type Story struct {
	Doc       []byte // the story as put, JSON (a store may Pack it)
	Conflicts int    // findings of kind conflict
	Outlets   []string
	Entities  []Entity
	Quotes    []Quote
	// Names are the folded names (every variant of every entity) the story
	// is found by, each once.
	Names []EntityName
}

// Entity is one entity row of a story.
type Entity struct {
	ID       string
	Name     string
	Type     crosscheck.EntityType
	Variants []string
	Mentions int
}

// EntityName is one folded name of an entity of a story.
type EntityName struct {
	Key    string // NameKey of a variant
	Entity string
}

// Quote is one quote of a story whose speaker is a known entity.
type Quote struct {
	Entity string
	Pos    int    // index in the story's quotes
	Doc    []byte // the quote, JSON
}

// NewStory computes the rows of s.
func NewStory(s *crosscheck.Story) (*Story, error) {
	doc, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("encoding story %s: %w", s.ID, err)
	}
	r := &Story{Doc: doc, Outlets: dedupe(s.Outlets)}
	for _, f := range s.Findings {
		if f.Kind == crosscheck.FindingConflict {
			r.Conflicts++
		}
	}
	seenEntity := map[string]bool{}
	seenName := map[EntityName]bool{}
	for _, e := range s.Entities {
		if e.ID == "" || seenEntity[e.ID] {
			continue
		}
		seenEntity[e.ID] = true
		r.Entities = append(r.Entities, Entity{ID: e.ID, Name: e.Name, Type: e.Type, Variants: e.Variants, Mentions: len(e.Mentions)})
		for _, v := range append([]string{e.Name}, e.Variants...) {
			n := EntityName{Key: NameKey(v), Entity: e.ID}
			if n.Key != "" && !seenName[n] {
				seenName[n] = true
				r.Names = append(r.Names, n)
			}
		}
	}
	for i, q := range s.Quotes {
		if q.SpeakerEntity == nil || *q.SpeakerEntity == "" {
			continue
		}
		b, err := json.Marshal(q)
		if err != nil {
			return nil, fmt.Errorf("encoding quote %s of story %s: %w", q.ID, s.ID, err)
		}
		r.Quotes = append(r.Quotes, Quote{Entity: *q.SpeakerEntity, Pos: i, Doc: b})
	}
	return r, nil
}

// DecodeStory reads a story as PutStory stored it, packed (see Pack) or
// not.
func DecodeStory(doc []byte) (*crosscheck.Story, error) {
	doc, err := Unpack(doc)
	if err != nil {
		return nil, err
	}
	var s crosscheck.Story
	if err := json.Unmarshal(doc, &s); err != nil {
		return nil, fmt.Errorf("decoding a stored story: %w", err)
	}
	return &s, nil
}

// DecodeQuote reads a quote row.
func DecodeQuote(doc []byte) (crosscheck.Quote, error) {
	var q crosscheck.Quote
	if err := json.Unmarshal(doc, &q); err != nil {
		return q, fmt.Errorf("decoding a stored quote: %w", err)
	}
	return q, nil
}

// DecodeQuotes reads a JSON array of quote documents, as a store keeps
// an entity's quotes of one story together.
func DecodeQuotes(doc []byte) ([]crosscheck.Quote, error) {
	var qs []crosscheck.Quote
	if err := json.Unmarshal(doc, &qs); err != nil {
		return nil, fmt.Errorf("decoding stored quotes: %w", err)
	}
	return qs, nil
}

// NameKey is the form an entity name is looked up by: folded as entity IDs
// fold it (case, diacritics, quotes and dashes), spaces collapsed.
func NameKey(name string) string {
	return strings.Join(strings.Fields(text.Fold(name)), " ")
}

// Strings encodes a list of strings for a JSON column (never null).
func Strings(ss []string) []byte {
	if ss == nil {
		ss = []string{}
	}
	b, _ := json.Marshal(ss) // a []string always encodes
	return b
}

// ParseStrings decodes a JSON list column.
func ParseStrings(b []byte) ([]string, error) {
	var ss []string
	if err := json.Unmarshal(b, &ss); err != nil {
		return nil, fmt.Errorf("decoding a stored list: %w", err)
	}
	if ss == nil {
		ss = []string{}
	}
	return ss, nil
}

func dedupe(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Profile aggregates an entity over the rows of the stories that mention
// it, most recent story first: the name is the one most stories give
// (ties: the most recent), variants are the union ordered by how many
// stories use them.
func Profile(id string, rows []Entity) (name string, typ crosscheck.EntityType, variants []string) {
	nameCount := map[string]int{}
	varCount := map[string]int{}
	var order []string
	for _, r := range rows {
		nameCount[r.Name]++
		for _, v := range r.Variants {
			if varCount[v] == 0 {
				order = append(order, v)
			}
			varCount[v]++
		}
	}
	best := -1
	for _, r := range rows {
		if nameCount[r.Name] > best {
			name, typ, best = r.Name, r.Type, nameCount[r.Name]
		}
	}
	slices.SortStableFunc(order, func(a, b string) int { return varCount[b] - varCount[a] })
	if order == nil {
		order = []string{}
	}
	return name, typ, order
}

// Phrase is one part of a search query: a word, or a quoted phrase of words.
type Phrase []string

// ParseQuery reads a search query: words (runs of letters and digits,
// lower-cased) and "quoted phrases"; all other characters separate words.
// Every phrase must occur.
func ParseQuery(q string) []Phrase {
	var out []Phrase
	inQuote := false
	var cur Phrase
	var word strings.Builder
	endWord := func() {
		if word.Len() > 0 {
			cur = append(cur, word.String())
			word.Reset()
		}
		if !inQuote && len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for _, r := range text.Normalize(q) {
		switch {
		case r == '"':
			endWord()
			if inQuote && len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			inQuote = !inQuote
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			word.WriteRune(r)
		default:
			endWord()
		}
	}
	inQuote = false
	endWord()
	return out
}

// Nanos is a time column's value: Unix nanoseconds, or nil for no time.
func Nanos(t *time.Time) *int64 {
	if t == nil || t.IsZero() {
		return nil
	}
	n := t.UnixNano()
	return &n
}

// TimeOf reads a time column (UTC).
func TimeOf(n *int64) *time.Time {
	if n == nil {
		return nil
	}
	t := time.Unix(0, *n).UTC()
	return &t
}

// An entity profile lists at most EntityStories stories and EntityQuotes
// quotes, the most recent first; its variants cover every story.
const (
	EntityStories = 100
	EntityQuotes  = 200
)
