package entity

import (
	"slices"
	"sort"

	"github.com/crosscheck-news/crosscheck"
)

// Index answers the questions later stages ask about a story's entities:
// which entity a span of an article names, and where a person is mentioned
// (to resolve "he" or "the envoy" to the nearest person before it).
type Index struct {
	ents  []crosscheck.Entity
	byID  map[string]int
	byArt map[string][]ref // sorted by start
}

type ref struct {
	m  crosscheck.Mention
	id string
}

// NewIndex indexes the entities Merge returned.
func NewIndex(ents []crosscheck.Entity) *Index {
	ix := &Index{ents: ents, byID: map[string]int{}, byArt: map[string][]ref{}}
	for i, e := range ents {
		ix.byID[e.ID] = i
		for _, m := range e.Mentions {
			ix.byArt[m.Article] = append(ix.byArt[m.Article], ref{m, e.ID})
		}
	}
	for _, rs := range ix.byArt {
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].m.Start < rs[j].m.Start })
	}
	return ix
}

// Entities returns the indexed entities, in the order given to NewIndex.
// They are shared and must not be changed.
func (ix *Index) Entities() []crosscheck.Entity { return ix.ents }

// Entity returns the entity with the given id.
func (ix *Index) Entity(id string) (*crosscheck.Entity, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return nil, false
	}
	return &ix.ents[i], true
}

// At returns the entity a span of an article names: the entity of the
// mention overlapping s the most (a mention inside a quote's speaker span,
// say).
func (ix *Index) At(article string, s crosscheck.Span) (string, bool) {
	best, bestOv := "", 0
	for _, r := range ix.byArt[article] {
		if r.m.Start >= s.End {
			break
		}
		ov := min(r.m.End, s.End) - max(r.m.Start, s.Start)
		if ov > bestOv {
			best, bestOv = r.id, ov
		}
	}
	return best, bestOv > 0
}

// Overlapping returns the entities with a mention overlapping s in one
// article, by their first such mention in text order.
func (ix *Index) Overlapping(article string, s crosscheck.Span) []string {
	var out []string
	for _, r := range ix.byArt[article] {
		if r.m.Start >= s.End {
			break
		}
		if r.m.End > s.Start && !slices.Contains(out, r.id) {
			out = append(out, r.id)
		}
	}
	return out
}

// Mentions returns the mentions of entity id in one article, in text order.
func (ix *Index) Mentions(article, id string) []crosscheck.Mention {
	var out []crosscheck.Mention
	for _, r := range ix.byArt[article] {
		if r.id == id {
			out = append(out, r.m)
		}
	}
	return out
}

// LastBefore returns the last mention, ending at or before pos in an
// article, of an entity of type t (any type when t is ""): the antecedent a
// pronoun or a title most likely refers to.
func (ix *Index) LastBefore(article string, pos int, t crosscheck.EntityType) (string, crosscheck.Mention, bool) {
	rs := ix.byArt[article]
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if r.m.End > pos {
			continue
		}
		if t != "" && ix.ents[ix.byID[r.id]].Type != t {
			continue
		}
		return r.id, r.m, true
	}
	return "", crosscheck.Mention{}, false
}
