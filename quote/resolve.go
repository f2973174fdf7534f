package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/entity"
)

// candidate is a possible antecedent of a pronoun or a role noun: a person
// or organisation named in the article outside quotations, or the speaker
// of an earlier attribution.
type candidate struct {
	span    crosscheck.Span
	speaker string
	entity  string
	typ     crosscheck.EntityType // "" for a described speaker ("a crew member")
	gender  gender
}

// resolver links the speakers of one article's attributions to the story's
// entities.
type resolver struct {
	a       *crosscheck.Article
	ix      *entity.Index
	genders map[string]gender
	w       *langWords
	cands   []candidate
	// orgs maps the story's organisation names and variants, lower case,
	// to their entity; made on first use (organisationNamed).
	orgs map[string]string
}

func newResolver(a *crosscheck.Article, atts []Attribution, ents []crosscheck.Entity, ix *entity.Index, genders map[string]gender) *resolver {
	_, w, _ := cueTablesFor(a.Language)
	r := &resolver{a: a, ix: ix, genders: genders, w: w}
	var said []crosscheck.Span
	for _, at := range atts {
		said = append(said, at.Content...)
		said = append(said, at.Cue) // "in a post on X" names a channel, not a person
	}
	for _, m := range articleMentions(a, ents) {
		if overlapsAny(said, m.span) {
			// A name inside what was said is seldom who says the next thing.
			continue
		}
		r.cands = append(r.cands, m)
	}
	return r
}

// genderAfter reads a candidate's gender from the first he/his/she/her
// after it and before the next person-like candidate.
func (r *resolver) genderAfter(k int) gender {
	_, _, gw := cueTablesFor(r.a.Language)
	c := r.cands[k]
	limit := len(r.a.Text)
	for j := k + 1; j < len(r.cands); j++ {
		if r.cands[j].typ != crosscheck.EntityOrganization && r.cands[j].span.Start >= c.span.End {
			limit = r.cands[j].span.Start
			break
		}
	}
	ti := sort.Search(len(r.a.Tokens), func(i int) bool { return r.a.Tokens[i].Start >= c.span.End })
	for j := ti; j < len(r.a.Tokens) && j < ti+60 && r.a.Tokens[j].Start < limit; j++ {
		if g := gw[r.a.Tokens[j].Norm]; g == male || g == female {
			return g
		}
	}
	return unknownGender
}

// articleMentions returns the mentions of people and organisations in an
// article as candidates, in text order.
func articleMentions(a *crosscheck.Article, ents []crosscheck.Entity) []candidate {
	var out []candidate
	for _, e := range ents {
		if e.Type == crosscheck.EntityPlace {
			continue
		}
		for _, m := range e.Mentions {
			if m.Article == a.ID {
				out = append(out, candidate{span: crosscheck.Span{Start: m.Start, End: m.End}, speaker: e.Name, entity: e.ID, typ: e.Type})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].span.Start < out[j].span.Start })
	return out
}

func overlapsAny(spans []crosscheck.Span, s crosscheck.Span) bool {
	for _, q := range spans {
		if s.Start < q.End && q.Start < s.End {
			return true
		}
	}
	return false
}

// resolve returns the speaker of an attribution and its entity id ("" when
// it names no entity of the story).
func (r *resolver) resolve(at Attribution) (string, string) {
	if at.Source.Len() == 0 {
		return "", ""
	}
	name := r.a.Slice(at.Name)
	// "I told the senator that …" outside quotation marks is the writer
	// telling their own story: no one quoted.
	if firstPerson[strings.ToLower(name)] {
		return "", ""
	}
	if at.Pronoun {
		g := r.w.pronouns[strings.ToLower(name)]
		if c, ok := r.nearest(at.Source.Start, func(k int) bool { return r.fits(k, g) }); ok {
			return c.speaker, c.entity
		}
	}
	// A pronoun with no one to stand for ("which", "they", "his") names no
	// speaker a reader could quote.
	if at.Pronoun || bareWords[strings.ToLower(name)] || headlineLike(name) {
		return "", ""
	}
	for _, id := range r.ix.Overlapping(r.a.ID, at.Name) {
		e, ok := r.ix.Entity(id)
		if !ok || !r.heads(id, at.Name) {
			continue
		}
		if e.Type != crosscheck.EntityPlace || entity.ActsAsState(e.Name) {
			return e.Name, id
		}
		if bare := strings.TrimPrefix(name, "the "); bare == e.Name || slices.Contains(e.Variants, bare) {
			// A town or region alone ("N.C. said", "Tampa said") is the
			// tagger's misreading: no one a reader could quote.
			return "", ""
		}
	}
	if id, ok := r.organisationNamed(name); ok {
		e, _ := r.ix.Entity(id)
		return e.Name, id
	}
	if head, ok := r.roleHead(at.Name); ok {
		if c, ok := r.nearest(at.Source.Start, func(k int) bool { return r.hasRole(r.cands[k], head) }); ok {
			return c.speaker, c.entity
		}
	}
	return name, ""
}

// headlineLike reports a speaker that is a headline in title case ("Trump
// Says He Never Pledged To …": every word capitalised, a verb among them;
// "Deputy Emergency Situations Minister Danilo Marek" is a name), or
// addressed to the reader ("You deserve …").
func headlineLike(name string) bool {
	ws := strings.Fields(name)
	if len(ws) > 0 && strings.EqualFold(ws[0], "you") {
		return true
	}
	verb := false
	for _, w := range ws {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
		verb = verb || headlineVerbs[strings.ToLower(w)]
	}
	return len(ws) >= 4 && verb
}

// headlineVerbs are the verbs of a headline.
var headlineVerbs = map[string]bool{"says": true, "say": true, "said": true, "tells": true, "claims": true, "reveals": true,
	"is": true, "are": true, "was": true, "will": true, "just": true, "wants": true}

// bareWords are speakers that name no one: relative and possessive words
// the finder took for a source, quantifiers without their noun ("Some
// say …") and sentence adverbs ("However").
var bareWords = map[string]bool{"which": true, "that": true, "those": true, "these": true, "this": true, "his": true,
	"her": true, "its": true, "their": true, "they": true, "it": true, "them": true, "who": true,
	"some": true, "many": true, "others": true, "several": true, "few": true, "most": true, "both": true,
	"however": true, "regardless": true, "meanwhile": true, "instead": true, "indeed": true, "else": true}

// firstPerson are the writer's own pronouns.
var firstPerson = map[string]bool{"i": true, "i've": true, "i’ve": true, "i'm": true, "i’m": true, "me": true}

// heads reports whether a mention of entity id heads the speaker phrase
// name: it ends the phrase or covers most of it, or what follows it in the
// phrase is an apposition or a complement ("Senate Minority Leader Harry
// Reid (D-Nev.)", "Jakub Švec of the DMRS", "Elaine Kamarck, a senior
// fellow"). "A source at the Tampa station" is not Tampa, nor "many
// Sanders supporters" Sanders.
func (r *resolver) heads(id string, name crosscheck.Span) bool {
	for _, m := range r.ix.Mentions(r.a.ID, id) {
		ov := min(m.End, name.End) - max(m.Start, name.Start)
		if ov <= 0 {
			continue
		}
		if 2*ov >= name.Len() {
			return true
		}
		// In a prepositional phrase it does not head: "excerpts of his
		// speech released by the White House" are not the White House's
		// words, nor "majorities of Democrats in five states" Democrats.
		if complementBefore(r.a.Text[name.Start:max(m.Start, name.Start)]) {
			continue
		}
		if m.End >= name.End {
			return true
		}
		after := strings.TrimLeft(r.a.Text[m.End:name.End], " ")
		if after == "'s" || after == "’s" {
			return true
		}
		for _, p := range []string{",", "(", "of ", "from ", "at ", "in ", "who "} {
			if strings.HasPrefix(after, p) {
				return true
			}
		}
	}
	return false
}

// complementBefore reports a prepositional phrase opening after a
// lower-case word in s ("excerpts of his speech released by"): a name
// after it is the complement of another head. A preposition inside a name
// ("Fight for $15 organizing director") does not count.
func complementBefore(s string) bool {
	ws := strings.Fields(s)
	for i := 1; i < len(ws); i++ {
		if r, _ := utf8.DecodeRuneInString(ws[i-1]); phrasePrepositions[ws[i]] && unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// phrasePrepositions open a complement inside a speaker phrase.
var phrasePrepositions = map[string]bool{"of": true, "by": true, "at": true, "in": true, "from": true, "for": true, "with": true, "on": true, "to": true}

// organisationNamed returns the story's organisation that a speaker
// written in lower case names, "the transport ministry" for Transport
// Ministry: the entity stage takes names from capitals only, so the phrase
// is no mention of it, yet it is one speaker. Two words at least: one
// common noun ("the ministry") may be any of several.
func (r *resolver) organisationNamed(name string) (string, bool) {
	words := strings.Fields(strings.ToLower(name))
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	if len(words) < 2 {
		return "", false
	}
	if r.orgs == nil {
		r.orgs = map[string]string{}
		for _, e := range r.ix.Entities() {
			if e.Type != crosscheck.EntityOrganization {
				continue
			}
			for _, n := range append([]string{e.Name}, e.Variants...) {
				r.orgs[strings.ToLower(n)] = e.ID
			}
		}
	}
	id, ok := r.orgs[strings.Join(words, " ")]
	return id, ok
}

// remember adds an attribution's speaker as a candidate for the pronouns
// after it ("A crew member told … “…,” he said").
func (r *resolver) remember(at Attribution, speaker, id string) {
	if at.Source.Len() == 0 || speaker == "" {
		return
	}
	c := candidate{span: at.Name, speaker: speaker, entity: id}
	if id != "" {
		if e, ok := r.ix.Entity(id); ok {
			c.typ = e.Type
		}
	}
	if at.Pronoun {
		c.gender = r.w.pronouns[strings.ToLower(r.a.Slice(at.Name))]
	}
	i := sort.Search(len(r.cands), func(i int) bool { return r.cands[i].span.Start > c.span.Start })
	r.cands = append(r.cands, candidate{})
	copy(r.cands[i+1:], r.cands[i:])
	r.cands[i] = c
}

// nearest returns the last candidate ending at or before pos that ok accepts.
func (r *resolver) nearest(pos int, ok func(k int) bool) (candidate, bool) {
	for i := len(r.cands) - 1; i >= 0; i-- {
		if r.cands[i].span.End > pos {
			continue
		}
		if ok(i) {
			return r.cands[i], true
		}
	}
	return candidate{}, false
}

// fits reports whether candidate k can be what a pronoun of gender g
// refers to: a person (or a described speaker) of no other known gender for
// he and she, an organisation or a group for they and it. A name the entity
// stage could not type counts as a person only when a he or she follows it.
func (r *resolver) fits(k int, g gender) bool {
	c := r.cands[k]
	known := c.gender
	if c.entity != "" && r.genders[c.entity] != unknownGender {
		known = r.genders[c.entity]
	}
	// A thing (typed Other) takes no gender from the pronoun after it: in
	// "the group he founded, Our Revolution, will … He plans …" the "he"
	// is the founder's.
	if known == unknownGender && c.typ != crosscheck.EntityOther {
		known = r.genderAfter(k)
	}
	switch g {
	case plural, neuter:
		return c.typ == crosscheck.EntityOrganization || (c.typ == "" && c.entity == "" && known != male && known != female)
	default:
		switch c.typ {
		case crosscheck.EntityOrganization:
			return false
		case crosscheck.EntityOther:
			return known == g || (g == unknownGender && known != unknownGender)
		}
		return g == unknownGender || known == unknownGender || known == g
	}
}

// roleHead returns the head noun of a speaker given by role alone ("the
// minister", "the deputy envoy").
func (r *resolver) roleHead(name crosscheck.Span) (string, bool) {
	fs := strings.Fields(r.a.Slice(name))
	if len(fs) < 2 || len(fs) > 4 || strings.ToLower(fs[0]) != "the" {
		return "", false
	}
	for _, f := range fs[1:] {
		if f != strings.ToLower(f) {
			return "", false
		}
	}
	return strings.ToLower(fs[len(fs)-1]), true
}

// hasRole reports whether a candidate person is given the role noun head
// in its name or its roles.
func (r *resolver) hasRole(c candidate, head string) bool {
	if c.entity == "" {
		return false
	}
	e, ok := r.ix.Entity(c.entity)
	if !ok {
		return false
	}
	texts := []string{e.Name}
	texts = append(texts, e.Variants...)
	for _, ro := range e.Roles {
		texts = append(texts, ro.Role)
	}
	for _, t := range texts {
		for _, w := range strings.Fields(strings.ToLower(t)) {
			if strings.Trim(w, ",.") == head {
				return true
			}
		}
	}
	return false
}

// storyGenders reads each person's gender from the words that follow the
// mentions of the name across the story — the first he/his/she/her before
// the next name — and from honorifics before it (Mr, Ms). An entity with
// no evidence, or with as much for one as for the other, has none.
func storyGenders(members []*crosscheck.Article, ents []crosscheck.Entity) map[string]gender {
	votes := map[string][3]int{}
	for _, a := range members {
		if a == nil || a.Tokens == nil {
			continue
		}
		_, _, gw := cueTablesFor(a.Language)
		ms := articleMentions(a, ents)
		for k, m := range ms {
			// Organisations and things (see fits) have no gender.
			if m.typ == crosscheck.EntityOrganization || m.typ == crosscheck.EntityOther {
				continue
			}
			limit := len(a.Text)
			if k+1 < len(ms) {
				limit = ms[k+1].span.Start
			}
			ti := sort.Search(len(a.Tokens), func(i int) bool { return a.Tokens[i].Start >= m.span.Start })
			v := votes[m.entity]
			if ti > 0 {
				if g := gw[a.Tokens[ti-1].Norm]; g != unknownGender && a.Tokens[ti-1].Cap {
					v[g]++ // an honorific: Mr, Ms
				}
			}
			for j := ti; j < len(a.Tokens) && j < ti+40 && a.Tokens[j].Start < limit; j++ {
				if a.Tokens[j].Start < m.span.End {
					continue
				}
				if g := gw[a.Tokens[j].Norm]; g == male || g == female {
					v[g]++
					break
				}
			}
			votes[m.entity] = v
		}
	}
	out := map[string]gender{}
	for id, v := range votes {
		switch {
		case v[male] > v[female]:
			out[id] = male
		case v[female] > v[male]:
			out[id] = female
		}
	}
	return out
}
