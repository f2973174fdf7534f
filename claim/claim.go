// Package claim reads, from one article, the statements that other sources
// can confirm or contradict: quantities (a number or number word with its
// unit and qualifier, as an interval), dates and times resolved against the
// publication date, who did what (agent – action – object), which
// administration acted, and the roles and ages the article gives people.
//
// Every claim carries its evidence (the sentence, as a span of the clean
// text) and what is needed to align it with the claims of other articles:
// the predicate class of the number ("died", "on board"), the content words
// around it and the entities of its sentence. Package finding does the
// alignment; this package only reads one article.
//
// The readers are rules over the text layer's tokens (Norm, Stem, Kind),
// never a second tokenisation, and English only for now: the lexicons are
// English, and an article in another language yields no claims rather than
// wrong ones.
package claim

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/entity"
)

// Kind is what a claim states.
type Kind uint8

const (
	// KindQuantity is a count or a measure: "at least 12 people died",
	// "about two kilometres from the harbour entrance", "for 48 hours".
	KindQuantity Kind = iota + 1
	// KindTime is when something happened: "at about 10:30 p.m. on
	// Tuesday", "five years ago", "in July 2021".
	KindTime
	// KindRole is a title given to a person: "Deputy Emergency Situations
	// Minister Danilo Marek".
	KindRole
	// KindAge is a person's age: "Oleksiy Hrytsenko, 51".
	KindAge
	// KindAgent is who did an act: "Governor Marta Vorobey ordered all
	// ferry services suspended".
	KindAgent
	// KindAdministration is whose administration or government acts: "the
	// Biden administration agreed to ease sanctions".
	KindAdministration
)

func (k Kind) String() string {
	switch k {
	case KindQuantity:
		return "quantity"
	case KindTime:
		return "time"
	case KindRole:
		return "role"
	case KindAge:
		return "age"
	case KindAgent:
		return "agent"
	case KindAdministration:
		return "administration"
	}
	return "unknown"
}

// Claim is one statement of one article.
type Claim struct {
	Kind    Kind
	Article string
	// Sentence indexes Article.Sentences; Evidence is that sentence's span.
	Sentence int
	Evidence crosscheck.Span
	// Span is the claim's own words: the number with its qualifier and unit,
	// the time expression, the title, the agent.
	Span crosscheck.Span
	// Text is Span's text as written.
	Text string

	// Dim is the dimension the value is measured in: "count:person",
	// "count:ferry", "length", "duration", "speed", "percent",
	// "money:usd", "age", "time", "clock", "role:minister", "agent",
	// "administration". Only claims of one Dim can be compared.
	Dim string
	// Lo and Hi bound a numeric value: a count, metres, seconds, years of
	// age, or Unix seconds for a time (KindTime with Dim "time"), seconds
	// after midnight for a time of day alone (Dim "clock").
	Lo, Hi float64
	// Value is the value as a reader should see it: "at least 12 people",
	// "2026-05-12 22:30", "Deputy Emergency Situations Minister".
	Value string
	// Key is the value compared for equality when the value is not numeric:
	// the role's rank and head ("deputy minister"), the agent's entity ID.
	Key string
	// Vague marks number words (dozens, hundreds) and times known only to
	// the day or year: they are compared, but with less confidence.
	Vague bool

	// Class is the predicate class of the claim: for quantities and times
	// the event the number belongs to ("dead", "missing", "aboard",
	// "capsize"), for agents the act ("order"), "" when none was read.
	Class string
	// Subject is the entity the claim is about (roles, ages) or the person
	// who did the counted act ("he pulled eleven people"), as an entity ID
	// or, for a person the entity stage did not list, "name:" and the
	// folded name.
	Subject string
	// Words are the content words near the claim as written (lower case),
	// for a readable slot label; Context holds their stems.
	Words []string
	// Context holds the stems of the content words near the claim; Entities
	// the IDs of the entities named in its sentence; Years the four-digit
	// years written in the sentence. Alignment compares them.
	Context  []string
	Entities []string
	Years    []int
	// ContextBefore is how many of a time's Context stems stand before it:
	// "awarded the prize in 2022" and "in 2021, co-won the prize" share
	// their words on opposite sides.
	ContextBefore int
	// Change marks a figure the sentence reports as having changed ("rose
	// to 15", "still missing").
	Change bool
	// Quoted marks a claim inside quotation marks: it is the speaker's, not
	// the outlet's (package finding names the speaker from the story's
	// quotes).
	Quoted bool
}

// Compatible reports whether two values of the same dimension can both be
// true: overlapping intervals, or equal keys.
func Compatible(a, b *Claim) bool {
	if a.Dim != b.Dim {
		return false
	}
	if a.Dim == "agent" {
		// A country acts through its government; a title kept in a name
		// ("Furious Governor Marta Vorobey") still names the same agent.
		if a.Key == b.Key || a.Vague || b.Vague {
			return true
		}
		fa, fb := fold(a.Value), fold(b.Value)
		return strings.Contains(fa, fb) || strings.Contains(fb, fa)
	}
	if a.Key != "" || b.Key != "" {
		return a.Key == b.Key
	}
	return overlap(a.Lo, a.Hi, b.Lo, b.Hi)
}

// overlap reports whether [alo,ahi] and [blo,bhi] meet, allowing for the
// rounding of floating-point conversions.
func overlap(alo, ahi, blo, bhi float64) bool {
	eps := 1e-9
	for _, v := range []float64{alo, ahi, blo, bhi} {
		if !math.IsInf(v, 0) {
			eps = math.Max(eps, 1e-9*math.Abs(v))
		}
	}
	return alo <= bhi+eps && blo <= ahi+eps
}

// Options tunes Extract.
type Options struct {
	// Reference is the date relative dates ("on Tuesday", "five years ago")
	// are resolved against when the article has no publication time: the
	// story's earliest publication, say. Zero leaves them unresolved.
	Reference time.Time
	// Index is entity.NewIndex of the entities passed with the article,
	// when the caller has it: a story's articles share one, and building
	// it for each would cost the story's mentions once per article.
	Index *entity.Index
}

// Extract returns the claims of one article. ents are the story's entities
// (entity.Story), which name the subjects and agents; they may be nil.
func Extract(a *crosscheck.Article, ents []crosscheck.Entity) []Claim {
	return ExtractWith(a, ents, Options{})
}

// ExtractWith is Extract with options.
func ExtractWith(a *crosscheck.Article, ents []crosscheck.Entity, opt Options) []Claim {
	if a == nil || len(a.Sentences) == 0 || len(a.SentenceTokens) != len(a.Sentences) {
		return nil
	}
	if l := strings.ToLower(a.Language); l != "" && !strings.HasPrefix(l, "en") {
		return nil
	}
	ix := opt.Index
	if ix == nil {
		ix = entity.NewIndex(ents)
	}
	r := newReader(a, ix, opt).withEntities()
	var out []Claim
	for i := range a.Sentences {
		out = r.sentence(out, i)
	}
	return out
}

// CountClasses returns the predicate classes a count or a time may carry
// (Claim.Class of KindQuantity and KindTime), sorted: the events numbers
// are read as counting, for the stages that name them.
func CountClasses() []string {
	seen := map[string]bool{classCapacity: true}
	for _, c := range predicateClasses {
		seen[c] = true
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// IsRunning reports a predicate class whose count changes as a story
// unfolds (the dead, the missing): a different later figure is an update.
func IsRunning(class string) bool { return runningClasses[class] }
