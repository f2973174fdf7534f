// Package crosscheck holds the domain types of the crosscheck engine: the raw
// documents that sources yield, the clean articles the extract and text stages
// make of them, and the stories, entities, quotes, findings and derivations
// the later stages attach. Every stage package depends on these types and on
// nothing above it; see ARCHITECTURE.md.
//
// Every fact the engine reports carries its evidence: an article id and a byte
// span into that article's clean Text.
package crosscheck

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ReportSchema names the version of the JSON report contract (docs/report-schema.md).
const ReportSchema = "crosscheck/report/v1"

// Document is one raw input as a source yields it, before extraction.
type Document struct {
	// Source is the path or URL exactly as the user gave it (for an entry of a
	// JSONL file: "file.jsonl:LINE").
	Source string
	// URL is the article's address when known (fetched URL, or the url field of
	// a JSON article).
	URL string
	// Outlet is the publishing outlet when the input says so.
	Outlet string
	// Title is the title when the input carries it separately (JSON inputs).
	Title string
	// Published is the publication time when the input carries it.
	Published *time.Time
	// Kind says how Body must be read.
	Kind DocumentKind
	// ContentType is the HTTP Content-Type header (with charset) when fetched.
	ContentType string
	// Body is the raw bytes: HTML or plain text, not yet decoded for HTML.
	Body []byte
}

// DocumentKind is the format of a Document's Body.
type DocumentKind int

const (
	// KindText is plain text; the first line may be a headline.
	KindText DocumentKind = iota
	// KindHTML is an HTML page.
	KindHTML
)

func (k DocumentKind) String() string {
	if k == KindHTML {
		return "html"
	}
	return "text"
}

// Span is a half-open byte range [Start, End) into an article's Text.
// It marshals to JSON as a two-element array.
type Span struct {
	Start, End int
}

// MarshalJSON writes the span as [start,end]. Spans are the most numerous
// values of stored articles and reports (every sentence and paragraph has
// one), so both directions are written by hand rather than through fmt and
// a nested json.Unmarshal, which made decoding a stored article nearly
// twice as slow (BenchmarkArticleJSON).
func (s Span) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 24)
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(s.Start), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(s.End), 10)
	return append(b, ']'), nil
}

// UnmarshalJSON reads [start,end]; null leaves the span as it is.
func (s *Span) UnmarshalJSON(b []byte) error {
	rest := bytes.TrimSpace(b)
	if string(rest) == "null" {
		return nil
	}
	var v [2]int
	ok := len(rest) > 0 && rest[0] == '['
	if ok {
		rest = rest[1:]
	}
	for i := 0; ok && i < 2; i++ {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		n := 0
		for n < len(rest) && (rest[n] == '-' && n == 0 || rest[n] >= '0' && rest[n] <= '9') {
			n++
		}
		x, err := strconv.Atoi(string(rest[:n]))
		ok = err == nil
		v[i] = x
		rest = bytes.TrimLeft(rest[n:], " \t\r\n")
		sep := byte(',')
		if i == 1 {
			sep = ']'
		}
		ok = ok && len(rest) > 0 && rest[0] == sep
		if ok {
			rest = rest[1:]
		}
	}
	if !ok || len(rest) != 0 {
		return fmt.Errorf("span: want [start,end], got %.40q", b)
	}
	s.Start, s.End = v[0], v[1]
	return nil
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// TokenKind classifies a token.
type TokenKind uint8

const (
	TokenWord   TokenKind = iota // letters (possibly with inner apostrophes, hyphens)
	TokenNumber                  // digits, possibly with separators: 1,100 3.5 2020
	TokenPunct                   // punctuation
	TokenSymbol                  // anything else: currency, emoji, math
)

// Token is one token of an article's text layer.
type Token struct {
	Span
	// Norm is the matching form: NFC, lower-cased, curly quotes, dashes and
	// non-breaking spaces folded to ASCII.
	Norm string
	// Stem is the Snowball stem of Norm for words in the article's language,
	// Norm otherwise.
	Stem string
	Kind TokenKind
	// Cap reports whether the token, as written, begins with an upper-case letter.
	Cap bool
}

// Removed is a piece of text the boilerplate pass took out, kept so that
// nothing is silently lost.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Article is a clean article: the product of the extract and text stages, the
// unit every later stage works on.
type Article struct {
	ID        string     `json:"id"`
	Source    string     `json:"source"`
	Outlet    string     `json:"outlet"`
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Byline    string     `json:"byline"`
	Published *time.Time `json:"published"`
	Language  string     `json:"language"`
	// LanguageAgreed says that Language is what the page declares and
	// also what the extractor's classifier found in its text: two
	// independent signals, so the pipeline need not detect it again.
	LanguageAgreed bool   `json:"-"`
	SiteName       string `json:"site_name,omitempty"`
	Canonical      string `json:"canonical_url,omitempty"`
	// Text is the clean body, NFC, original characters kept for display.
	Text        string    `json:"text"`
	Boilerplate []Removed `json:"boilerplate"`
	Paragraphs  []Span    `json:"paragraphs"`
	Sentences   []Span    `json:"sentences"`
	// Tokens is the text layer's token stream, computed once by package text.
	Tokens []Token `json:"-"`
	// SentenceTokens[i] is the half-open range of Tokens inside Sentences[i].
	SentenceTokens [][2]int `json:"-"`
}

// Slice returns the article text covered by s, or "" when s is out of range.
func (a *Article) Slice(s Span) string {
	if s.Start < 0 || s.End > len(a.Text) || s.Start > s.End {
		return ""
	}
	return a.Text[s.Start:s.End]
}

// Size says how many articles from how many outlets the story holds:
// "3 articles from 2 outlets". Articles read from plain files may name no
// outlet; "from 0 outlets" would read as an error, so it is left out.
func (s *Story) Size() string {
	out := Counted(len(s.Articles), "article", "articles")
	if len(s.Outlets) > 0 {
		out += " from " + Counted(len(s.Outlets), "outlet", "outlets")
	}
	return out
}

// Counted writes n with its noun, singular for one: "1 story", "3 stories".
func Counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Evidence points at the text behind a reported fact.
type Evidence struct {
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
}

// EvidenceOf builds the evidence for span s of article a.
func EvidenceOf(a *Article, s Span) Evidence {
	return Evidence{Article: a.ID, Start: s.Start, End: s.End, Text: a.Slice(s)}
}

// Story is a group of articles reporting the same real-world event, with what
// the analysis stages found in it.
type Story struct {
	ID          string       `json:"id"`
	Title       string       `json:"title"`
	Articles    []string     `json:"articles"`
	Outlets     []string     `json:"outlets"`
	FirstSeen   *time.Time   `json:"first_seen"`
	LastSeen    *time.Time   `json:"last_seen"`
	Entities    []Entity     `json:"entities"`
	Quotes      []Quote      `json:"quotes"`
	Findings    []Finding    `json:"findings"`
	Derivations []Derivation `json:"derivations"`
	// Divergence says, per article, how many of its claims the other
	// sources contradict.
	Divergence []SourceDivergence `json:"divergence"`
}

// SourceDivergence is one article's divergence figure: of the claims it
// makes that other sources also speak to, how many they contradict. It is a
// count, never a verdict.
type SourceDivergence struct {
	Article      string `json:"article"`
	Outlet       string `json:"outlet"`
	Claims       int    `json:"claims"`
	Contradicted int    `json:"contradicted"`
}

// EntityType is the kind of a named entity.
type EntityType string

const (
	EntityPerson       EntityType = "person"
	EntityOrganization EntityType = "organization"
	EntityPlace        EntityType = "place"
	EntityOther        EntityType = "other"
)

// Entity is one person, organisation or place of a story, with every spelling
// seen and every mention.
type Entity struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Type     EntityType `json:"type"`
	Variants []string   `json:"variants"`
	Roles    []Role     `json:"roles"`
	Mentions []Mention  `json:"mentions"`
}

// Role is a role or attribute an article gives an entity.
type Role struct {
	Role     string     `json:"role"`
	Articles []string   `json:"articles"`
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Mention is one occurrence of an entity's name.
type Mention struct {
	Article string `json:"article"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Text    string `json:"text"`
}

// Quote is one statement, merged across the articles that carry it.
type Quote struct {
	ID            string     `json:"id"`
	Speaker       string     `json:"speaker"`
	SpeakerEntity *string    `json:"speaker_entity"`
	Text          string     `json:"text"`
	Direct        bool       `json:"direct"`
	Cue           string     `json:"cue"`
	Sources       []Evidence `json:"sources"`
	Variants      []string   `json:"variants"`
}

// SpeakerKey identifies the quote's speaker for grouping a story's quotes
// by speaker (see SpeakerKey).
func (q *Quote) SpeakerKey() string {
	entity := ""
	if q.SpeakerEntity != nil {
		entity = *q.SpeakerEntity
	}
	return SpeakerKey(q.Speaker, entity)
}

// SpeakerKey identifies a speaker given as written and as an entity ID (""
// when none): the entity, or the words whatever their case ("Analysts"
// opening a sentence, "analysts" inside one).
func SpeakerKey(speaker, entity string) string {
	if entity != "" {
		return "entity:" + entity
	}
	return "name:" + strings.ToLower(speaker)
}

// FindingKind classifies a finding.
type FindingKind string

const (
	FindingAgreement    FindingKind = "agreement"
	FindingConflict     FindingKind = "conflict"
	FindingSingleSource FindingKind = "single_source"
	FindingUpdate       FindingKind = "update"
)

// Finding is what the sources say about one slot (a count, an agent, a date):
// alike, differently, or only one of them.
type Finding struct {
	ID         string         `json:"id"`
	Kind       FindingKind    `json:"kind"`
	About      string         `json:"about"`
	Values     []FindingValue `json:"values"`
	Confidence float64        `json:"confidence"`
}

// FindingValue is one value of a slot and the sources behind it.
type FindingValue struct {
	Value    string     `json:"value"`
	Articles []string   `json:"articles"`
	Origins  int        `json:"origins"`
	First    string     `json:"first"`
	Evidence []Evidence `json:"evidence"`
}

// DerivationKind says how a copy relates to its original.
type DerivationKind string

const (
	DerivationDuplicate     DerivationKind = "duplicate"
	DerivationNearDuplicate DerivationKind = "near-duplicate"
	DerivationRewrite       DerivationKind = "rewrite"
)

// Derivation says that one article is a copy or rewrite of another.
type Derivation struct {
	Copy     string         `json:"copy"`
	Of       string         `json:"of"`
	Kind     DerivationKind `json:"kind"`
	Share    float64        `json:"share"`
	Evidence []AlignedSpan  `json:"evidence"`
	Credit   *string        `json:"credit"`
}

// AlignedSpan pairs a span of the copy with the span of the original it follows.
type AlignedSpan struct {
	Copy Span `json:"copy"`
	Of   Span `json:"of"`
}

// InputError is one input that could not be read or made into an article.
type InputError struct {
	Source string `json:"source"`
	Err    string `json:"error"`
}

// Report is the whole result of a run: the JSON contract crosscheck/report/v1.
type Report struct {
	Schema   string       `json:"schema"`
	Articles []*Article   `json:"articles"`
	Stories  []*Story     `json:"stories"`
	Errors   []InputError `json:"errors,omitempty"`
}

// Article returns the report's article with the given ID, or nil.
func (r *Report) Article(id string) *Article {
	for _, a := range r.Articles {
		if a.ID == id {
			return a
		}
	}
	return nil
}
