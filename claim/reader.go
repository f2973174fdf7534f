package claim

import (
	"sort"
	"strings"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/text"
)

// mention is one entity mention of the article being read.
type mention struct {
	start, end int
	id         string
	typ        crosscheck.EntityType
	text       string
}

// reader reads the claims of one article.
type reader struct {
	a        *crosscheck.Article
	ix       *entity.Index
	mentions []mention // sorted by start
	ref      time.Time // the date relative dates resolve against; zero: none
	quoted   []bool    // per token: inside quotation marks
}

func newReader(a *crosscheck.Article, ix *entity.Index, opt Options) *reader {
	r := &reader{a: a, ix: ix}
	if a.Published != nil {
		r.ref = *a.Published
	} else {
		r.ref = opt.Reference
	}
	r.quoted = quotedTokens(a)
	return r
}

// withEntities lists the story's mentions in this article (r.ix holds
// the story's entities).
func (r *reader) withEntities() *reader {
	ents := r.ix.Entities()
	for i := range ents {
		e := &ents[i]
		for _, m := range e.Mentions {
			if m.Article == r.a.ID {
				r.mentions = append(r.mentions, mention{m.Start, m.End, e.ID, e.Type, m.Text})
			}
		}
	}
	sort.Slice(r.mentions, func(i, j int) bool { return r.mentions[i].start < r.mentions[j].start })
	return r
}

// quotedTokens marks the tokens between quotation marks, paragraph by
// paragraph (a quotation may run over several sentences, never over a
// paragraph break without reopening).
func quotedTokens(a *crosscheck.Article) []bool {
	q := make([]bool, len(a.Tokens))
	open := false
	para := 0
	for i, t := range a.Tokens {
		for para < len(a.Paragraphs) && t.Start >= a.Paragraphs[para].End {
			para++
			open = false
		}
		if t.Kind == crosscheck.TokenPunct {
			switch t.Norm {
			case "\"":
				open = !open
				continue
			case "«":
				open = true
				continue
			case "»":
				open = false
				continue
			case "'":
				// A lone single quote at a word boundary is a quotation mark
				// ('We warned every operator'); apostrophes inside words
				// belong to their word token.
				open = !open
				continue
			}
		}
		q[i] = open
	}
	return q
}

// sentence appends the claims of sentence i.
func (r *reader) sentence(out []Claim, i int) []Claim {
	lo, hi := r.a.SentenceTokens[i][0], r.a.SentenceTokens[i][1]
	if lo >= hi {
		return out
	}
	s := &sent{r: r, i: i, lo: lo, hi: hi, span: r.a.Sentences[i]}
	s.years = s.sentenceYears()
	s.ents = r.sentenceEntities(s.span)
	out = s.quantities(out)
	out = s.times(out)
	out = s.roles(out)
	out = s.agents(out)
	return out
}

// sentenceEntities returns the IDs of the entities named in a span.
func (r *reader) sentenceEntities(sp crosscheck.Span) []string {
	var ids []string
	seen := map[string]bool{}
	for _, m := range r.mentions {
		if m.start >= sp.End {
			break
		}
		if m.start >= sp.Start && !seen[m.id] {
			seen[m.id] = true
			ids = append(ids, m.id)
		}
	}
	return ids
}

// mentionEndingAt returns the mention whose last token is token j.
func (r *reader) mentionEndingAt(j int) (mention, bool) {
	t := r.a.Tokens[j]
	for _, m := range r.mentions {
		if m.start > t.Start {
			break
		}
		if m.end == t.End || (m.end > t.Start && m.end <= t.End) {
			return m, true
		}
	}
	return mention{}, false
}

// sent is one sentence being read.
type sent struct {
	r      *reader
	i      int
	lo, hi int // token range
	span   crosscheck.Span
	years  []int
	ents   []string
	// lastWords are the written forms of the last context call's stems;
	// lastBefore is how many of its stems came from before the claim.
	lastWords  []string
	lastBefore int
}

// tok returns token j, or an empty token outside the sentence, so that
// the readers can look around a number without bounds checks.
func (s *sent) tok(j int) *crosscheck.Token {
	if j < s.lo || j >= s.hi {
		return &crosscheck.Token{}
	}
	return &s.r.a.Tokens[j]
}

// norm returns token j's Norm, or "" outside the sentence.
func (s *sent) norm(j int) string {
	if j < s.lo || j >= s.hi {
		return ""
	}
	return s.r.a.Tokens[j].Norm
}

func (s *sent) isWord(j int) bool {
	return j >= s.lo && j < s.hi && s.r.a.Tokens[j].Kind == crosscheck.TokenWord
}

func (s *sent) isNumber(j int) bool {
	return j >= s.lo && j < s.hi && s.r.a.Tokens[j].Kind == crosscheck.TokenNumber
}

// sentenceYears returns the four-digit years written in the sentence.
func (s *sent) sentenceYears() []int {
	var ys []int
	for j := s.lo; j < s.hi; j++ {
		if y, ok := s.yearAt(j); ok {
			ys = append(ys, y)
		}
	}
	return ys
}

// yearAt reports a year written as a bare four-digit number.
func (s *sent) yearAt(j int) (int, bool) {
	if !s.isNumber(j) {
		return 0, false
	}
	n := s.norm(j)
	if len(n) != 4 {
		return 0, false
	}
	y := 0
	for _, c := range n {
		if c < '0' || c > '9' {
			return 0, false
		}
		y = y*10 + int(c-'0')
	}
	if y < 1800 || y > 2100 {
		return 0, false
	}
	// "2,000" is tokenised with its comma and never reaches here; a
	// four-digit number followed by a counted noun is a count, not a year.
	if next := s.norm(j + 1); personNouns[next] || measureUnits[next].dim != "" {
		return 0, false
	}
	return y, true
}

// evidence builds the claim's common fields.
func (s *sent) claim(kind Kind, from, to int) Claim {
	a := s.r.a
	sp := crosscheck.Span{Start: a.Tokens[from].Start, End: a.Tokens[to-1].End}
	quoted := false
	for j := from; j < to; j++ {
		if s.r.quoted[j] {
			quoted = true
			break
		}
	}
	return Claim{
		Kind: kind, Article: a.ID, Sentence: s.i, Evidence: s.span, Span: sp, Text: a.Slice(sp),
		Entities: s.ents, Quoted: quoted,
	}
}

// context returns the stems of the content words within n tokens of
// [from,to), leaving out function words, numbers and the words of skip.
func (s *sent) context(from, to, n int, skip func(string) bool) []string {
	var out, words []string
	seen := map[string]bool{}
	add := func(j int) {
		t := s.tok(j)
		if t.Kind != crosscheck.TokenWord || len(t.Norm) < 2 || funcWords[t.Norm] || stopContext[t.Norm] {
			return
		}
		if skip != nil && skip(t.Norm) {
			return
		}
		st := t.Stem
		if st == "" {
			st = t.Norm
		}
		if !seen[st] {
			seen[st] = true
			out = append(out, st)
			words = append(words, t.Norm)
		}
	}
	for j := max(s.lo, from-n); j < from; j++ {
		add(j)
	}
	before := len(words)
	s.lastBefore = len(out)
	clauseEnd := -1
	for j := to; j < min(s.hi, to+n); j++ {
		if clauseEnd < 0 && (s.norm(j) == "," || s.norm(j) == ";" || s.secondPredicate(j)) {
			clauseEnd = len(words)
		}
		add(j)
	}
	if clauseEnd < 0 {
		clauseEnd = len(words)
	}
	// For a label, the words nearest the claim, in the sentence's order
	// and its clause: "wind gusts still reaching 70 km/h" after "at first
	// light" labels the speed "wind gusts reaching"; "the prize in 2022
	// and was serving a sentence" labels the date "nobel peace prize".
	s.lastWords = append(words[max(0, before-labelBefore):before:before], words[before:min(clauseEnd, before+labelAfter)]...)
	return out
}

// labelBefore and labelAfter bound the words a claim's label keeps from
// before and after it.
const (
	labelBefore = 3
	labelAfter  = 2
)

// fold is the comparison form of a name.
func fold(s string) string { return strings.ToLower(text.Fold(s)) }
