package entity

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

func sortFound(fs []Found) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Span.Start != fs[j].Span.Start {
			return fs[i].Span.Start < fs[j].Span.Start
		}
		return fs[i].Span.End > fs[j].Span.End
	})
}

// Story finds the entities of every article of a story and merges them: the
// one call the analysis stage needs. Articles with the same text (wire
// copy) are read once.
func Story(arts []*crosscheck.Article) []crosscheck.Entity {
	found := make(map[string][]Found, len(arts))
	same := crosscheck.SameText(arts)
	for i, a := range arts {
		if k := same[i]; k >= 0 {
			found[a.ID] = found[arts[k].ID]
			continue
		}
		found[a.ID] = Find(a)
	}
	return Merge(arts, found)
}

// node is one in-article entity: the mentions of one article with one Local.
type node struct {
	art      string
	order    int // article position in the story
	local    int
	name     string
	typ      crosscheck.EntityType
	full     bool // a person's name of two words or more, or any non-person name
	found    []Found
	first    int
	tokens   []string
	surnames []string
	form     *nameForm // the form of name
}

// Merge groups the mentions Find returned for the articles of one story
// (found is keyed by article ID) into the story's entities. Full names that
// are spellings of one name (SameName) merge; a lone surname joins the one
// person of the story it fits, or among several the one whose roles it
// shares or who is named far more often, and otherwise stays apart;
// acronyms join their long forms; gazetteer aliases (U.S. / United States)
// join; an organisation named with and without its country's adjective
// joins; a vessel's name joins it with and without its prefix (MV). A
// capital or seat of government acting for its country, and a plural
// demonym, arrive from Find already named after the country. Entity IDs come from ID; entities are in order of importance: articles
// mentioning the entity, then mentions, then first appearance. Each entity's
// Name is its most frequent full form, Variants every spelling seen (most
// frequent first), Roles every role with the articles and evidence behind it.
func Merge(arts []*crosscheck.Article, found map[string][]Found) []crosscheck.Entity {
	// A story names its people and places in every article, so the same two
	// spellings meet many times in the pairwise passes below: each name's
	// form (folding, gazetteer keys, parts) is worked out once, and SameName
	// runs once per pair of names.
	forms := map[string]*nameForm{}
	form := func(s string) *nameForm {
		f := forms[s]
		if f == nil {
			f = formOf(s)
			forms[s] = f
		}
		return f
	}
	var nodes []*node
	var at, counts []int // per mention: its node among the article's; per node: its mentions
	for ai, a := range arts {
		fds := found[a.ID]
		byLocal := map[int]int{}
		var artNodes []*node // in order of first mention
		at, counts = at[:0], counts[:0]
		for _, fd := range fds {
			x, ok := byLocal[fd.Local]
			if !ok {
				x = len(artNodes)
				byLocal[fd.Local] = x
				artNodes = append(artNodes, &node{art: a.ID, order: ai, local: fd.Local, name: fd.Name, typ: fd.Type, first: fd.Span.Start})
				counts = append(counts, 0)
			}
			at = append(at, x)
			counts[x]++
			if n := artNodes[x]; fd.Type != crosscheck.EntityOther && n.typ == crosscheck.EntityOther {
				n.typ = fd.Type
			}
		}
		// The nodes' mentions share one array, each node its own part.
		buf := make([]Found, len(fds))
		off := 0
		for x, n := range artNodes {
			n.found = buf[off : off : off+counts[x]]
			off += counts[x]
		}
		for i, fd := range fds {
			n := artNodes[at[i]]
			n.found = append(n.found, fd)
		}
		for _, n := range artNodes {
			if n.name == "" {
				n.name = n.found[0].Text
			}
			n.form = form(n.name)
			n.tokens = n.form.parts.tokens
			n.full = n.typ != crosscheck.EntityPerson || len(n.tokens) >= 2
			nodes = append(nodes, n)
		}
	}
	uf := newUnionFind(len(nodes))
	// sameName is SameName on two nodes' names, remembered by their forms
	// (one per name).
	sameMemo := map[[2]*nameForm]bool{}
	sameName := func(a, b *node) bool {
		k := [2]*nameForm{a.form, b.form}
		same, ok := sameMemo[k]
		if !ok {
			same = a.name != "" && b.name != "" && sameForm(a.form, b.form)
			sameMemo[k] = same
		}
		return same
	}
	// Non-person names: gazetteer canonical form or folded key.
	byKey := map[string]int{}
	for i, n := range nodes {
		if n.typ == crosscheck.EntityPerson {
			continue
		}
		k := nonPersonKey(n.name)
		if j, ok := byKey[k]; ok && compatible(nodes[j].typ, n.typ) {
			uf.union(i, j)
		} else if !ok {
			byKey[k] = i
		}
	}
	// Acronyms with their long forms, place spellings (Kyiv / Kiev).
	for i, n := range nodes {
		if n.typ == crosscheck.EntityPerson {
			continue
		}
		for j := i + 1; j < len(nodes); j++ {
			m := nodes[j]
			if m.typ == crosscheck.EntityPerson || uf.find(i) == uf.find(j) || !compatible(n.typ, m.typ) {
				continue
			}
			if n.form.acronym != m.form.acronym {
				if acronymMatchForms(n.form, m.form) {
					uf.union(i, j)
				}
				continue
			}
			if n.typ == crosscheck.EntityPlace && m.typ == crosscheck.EntityPlace && len(n.tokens) == len(m.tokens) && sameName(n, m) {
				uf.union(i, j)
			}
		}
	}
	// An organisation named with and without its country's adjective:
	// "Dravonian Maritime Rescue Service" / "Maritime Rescue Service", when
	// the shorter name fits one longer name only.
	placeNamesInStory := map[string]bool{}
	for _, n := range nodes {
		if n.typ == crosscheck.EntityPlace && len(n.tokens) == 1 {
			placeNamesInStory[n.tokens[0]] = true
		}
	}
	for i, n := range nodes {
		if n.typ != crosscheck.EntityOrganization || len(n.tokens) < 2 || isAcronym(n.name) {
			continue
		}
		target := -1
		for j, m := range nodes {
			if m.typ != crosscheck.EntityOrganization || len(m.tokens) != len(n.tokens)+1 || !demonymOf(m.tokens[0], placeNamesInStory) {
				continue
			}
			if strings.Join(m.tokens[1:], " ") != strings.Join(n.tokens, " ") {
				continue
			}
			if target >= 0 && uf.find(target) != uf.find(j) && nonPersonKey(nodes[target].name) != nonPersonKey(m.name) {
				target = -2
				break
			}
			target = j
		}
		if target >= 0 {
			uf.union(i, target)
		}
	}
	// soleGroup returns the node that fits when every fitting node is in
	// one group, or -1 (none fits, or they fall in several groups).
	soleGroup := func(fits func(m *node) bool) int {
		target := -1
		for j, m := range nodes {
			if !fits(m) {
				continue
			}
			if target >= 0 && uf.find(target) != uf.find(j) {
				return -1
			}
			target = j
		}
		return target
	}
	byID := make(map[string]*crosscheck.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	// A natural feature by its bare name: "the Serra" for the Serra River,
	// "Orlava" for Lake Orlava, when the story has one such feature of
	// that name and the bare name is no place of its own (Washington).
	for i, n := range nodes {
		if n.typ == crosscheck.EntityPerson || len(n.tokens) != 1 || canonicalKnown(n.name) != "" || namesArea(n, byID[n.art].Text) {
			continue
		}
		target := soleGroup(func(m *node) bool {
			return m.typ == crosscheck.EntityPlace && len(m.tokens) == 2 &&
				(m.tokens[0] == n.tokens[0] && featureHeads[m.tokens[1]] || featureFirsts[m.tokens[0]] && m.tokens[1] == n.tokens[0])
		})
		if target >= 0 {
			uf.union(i, target)
		}
	}
	// Full person names, complete link: every full name of the two groups
	// must be a spelling of every other.
	var persons []int
	for i, n := range nodes {
		if n.typ == crosscheck.EntityPerson && n.full {
			persons = append(persons, i)
		}
	}
	members := map[int][]int{}
	for _, i := range persons {
		members[i] = []int{i}
	}
	// joinGroups unites the groups of roots ri and rj, members included.
	joinGroups := func(ri, rj int) {
		uf.union(ri, rj)
		r := uf.find(ri)
		all := append(append([]int{}, members[ri]...), members[rj]...)
		delete(members, ri)
		delete(members, rj)
		members[r] = all
	}
	for x, i := range persons {
		for _, j := range persons[x+1:] {
			ri, rj := uf.find(i), uf.find(j)
			if ri == rj || !sameName(nodes[i], nodes[j]) {
				continue
			}
			if !allSameNames(members[ri], members[rj], func(p, q int) bool { return sameName(nodes[p], nodes[q]) }) {
				continue
			}
			joinGroups(ri, rj)
		}
	}
	// A two-word surname alone ("Wasserman Schultz") is the one person of
	// the story whose full name ends in it (Debbie Wasserman Schultz); a
	// given name first ("Maria Kolesnikova") makes it a full name itself.
	for _, i := range persons {
		n := nodes[i]
		if len(n.tokens) != 2 || givenNames[n.tokens[0]] {
			continue
		}
		target := soleGroup(func(m *node) bool {
			return m.typ == crosscheck.EntityPerson && len(m.tokens) >= 3 &&
				m.tokens[len(m.tokens)-2] == n.tokens[0] && m.tokens[len(m.tokens)-1] == n.tokens[1]
		})
		if target < 0 || uf.find(i) == uf.find(target) {
			continue
		}
		joinGroups(uf.find(i), uf.find(target))
	}
	// Lone words (a bare surname in an article that never gives the full
	// name before it): the one person of the story they fit; among several,
	// the one whose roles they share ("President Trump" → the Trump who is
	// president), or one named far more often than the others. A name with
	// a generational suffix (Trump Jr.) is not what a bare surname means
	// while a namesake without one is in the story. Lone words left
	// ambiguous are grouped with the others like them and resolved again
	// with the group's evidence; unresolved, they stay one entity of their
	// own.
	headsOf := func(ns []int) map[string]bool {
		h := map[string]bool{}
		for _, p := range ns {
			for _, fd := range nodes[p].found {
				for _, r := range fd.Roles {
					if rh := roleHead(r.Role); rh != "" {
						h[rh] = true
					}
				}
			}
		}
		return h
	}
	// fitsOfNew lists the groups of full names lone word t (of translit key
	// tk and skeleton ts) fits.
	fitsOfNew := func(t, tk, ts string, surnameOnly bool) []int {
		var fits []int
		suffixFree := false
		for r, ms := range members {
			for _, p := range ms {
				pt, pp := nodes[p].tokens, nodes[p].form.parts
				if matchTokens(t, tk, ts, pt[len(pt)-1], pp.keys[len(pt)-1], pp.skels[len(pt)-1]) || (t == pt[0] && !givenNames[t] && !surnameOnly) {
					fits = append(fits, r)
					if nodes[p].form.parts.suffix == "" {
						suffixFree = true
					}
					break
				}
			}
		}
		sort.Ints(fits)
		if suffixFree {
			kept := fits[:0]
			for _, r := range fits {
				if nodes[r].form.parts.suffix == "" {
					kept = append(kept, r)
				}
			}
			fits = kept
		}
		return fits
	}
	// fitsOf is fitsOfNew remembered: it depends on members alone, which
	// the passes below no longer change, and a lone word met in several
	// articles is fitted once. Callers never change the slice they get.
	type fitsKey struct {
		t           string
		surnameOnly bool
	}
	fitsMemo := map[fitsKey][]int{}
	fitsOf := func(t, tk, ts string, surnameOnly bool) []int {
		k := fitsKey{t, surnameOnly}
		fits, ok := fitsMemo[k]
		if !ok {
			fits = fitsOfNew(t, tk, ts, surnameOnly)
			fitsMemo[k] = fits
		}
		return fits
	}
	genderOf := func(ns []int) string {
		g := ""
		for _, p := range ns {
			for _, fd := range nodes[p].found {
				g = joinGender(g, fd.Gender)
			}
		}
		return g
	}
	resolve := func(ns []int, fits []int) int {
		// A gender the titles say rules out the namesakes of the other
		// gender ("Ms. Trump" is not Donald Trump).
		if own := genderOf(ns); own == GenderMale || own == GenderFemale {
			kept := fits[:0:0]
			for _, r := range fits {
				var group []int
				for i := range nodes {
					if uf.find(i) == uf.find(r) {
						group = append(group, i)
					}
				}
				if g := genderOf(group); g == own || g == "" {
					kept = append(kept, r)
				}
			}
			fits = kept
		}
		if len(fits) == 1 {
			return fits[0]
		}
		if len(fits) == 0 {
			return -1
		}
		own := headsOf(ns)
		shared := -1
		for _, r := range fits {
			for h := range headsOf(members[r]) {
				if own[h] {
					if shared >= 0 && shared != r {
						return -1
					}
					shared = r
					break
				}
			}
		}
		if shared >= 0 {
			return shared
		}
		best, bestN, secondN := -1, 0, 0
		for _, r := range fits {
			m := 0
			for _, p := range members[r] {
				m += len(nodes[p].found)
			}
			if m > bestN {
				best, bestN, secondN = r, m, bestN
			} else if m > secondN {
				secondN = m
			}
		}
		if bestN >= 4*secondN && bestN >= 8 {
			return best
		}
		return -1
	}
	loneGroups := map[string][]int{}
	var loneKeys []string
	for i, n := range nodes {
		// A lone initial names nobody ("a post on X."): it stays apart.
		if len(n.tokens) != 1 || isAcronym(n.name) || len(n.tokens[0]) < 2 {
			continue
		}
		t := n.tokens[0]
		personLike := n.typ == crosscheck.EntityPerson || n.typ == crosscheck.EntityOther
		fits := fitsOf(t, n.form.parts.keys[0], n.form.parts.skels[0], !personLike)
		switch {
		case personLike:
		case canonicalKnown(n.name) == "" && len(fits) > 0:
			// A surname the finder typed a place or an organisation from
			// its context alone ("to Comey") while the story names the person.
		default:
			continue
		}
		if r := resolve([]int{i}, fits); r >= 0 {
			uf.union(i, r)
			continue
		}
		k := translit(t)
		if _, ok := loneGroups[k]; !ok {
			loneKeys = append(loneKeys, k)
		}
		loneGroups[k] = append(loneGroups[k], i)
	}
	for _, k := range loneKeys {
		g := loneGroups[k]
		for _, i := range g[1:] {
			uf.union(g[0], i)
		}
		if r := resolve(g, fitsOf(nodes[g[0]].tokens[0], nodes[g[0]].form.parts.keys[0], nodes[g[0]].form.parts.skels[0], false)); r >= 0 {
			uf.union(g[0], r)
		} else if r := givenNameOwner(nodes, uf, members, g); r >= 0 {
			uf.union(g[0], r)
		}
	}
	return build(nodes, uf, byID, form)
}

// givenNameOwner resolves a lone given name ("Donald, " he said; "Emmanuel
// and myself") to the one person of the story whose full name begins with
// it, when that person is also named in every article the given name stands
// in and nobody else of the story bears the word as a first name or a
// surname. It returns the person's root, or -1. A namesake ("Donald Trump
// Jr.") makes it ambiguous: no merge.
func givenNameOwner(nodes []*node, uf *unionFind, members map[int][]int, g []int) int {
	t := nodes[g[0]].tokens[0]
	for _, i := range g {
		if typ := nodes[i].typ; typ != crosscheck.EntityPerson && typ != crosscheck.EntityOther {
			return -1
		}
	}
	owner := -1
	for r, ms := range members {
		for _, p := range ms {
			pt := nodes[p].tokens
			if len(pt) < 2 {
				continue
			}
			if pt[0] == t || matchTokens(t, nodes[g[0]].form.parts.keys[0], nodes[g[0]].form.parts.skels[0], pt[len(pt)-1], nodes[p].form.parts.keys[len(pt)-1], nodes[p].form.parts.skels[len(pt)-1]) {
				if owner >= 0 && owner != r {
					return -1
				}
				owner = r
			}
		}
	}
	if owner < 0 {
		return -1
	}
	// Names that no person's full name accounts for: a suffixed namesake
	// read as a lone word ("Donald Jr.").
	for _, n := range nodes {
		if n.typ == crosscheck.EntityPerson && len(n.tokens) == 1 && n.tokens[0] == t && n.form.parts.suffix != "" {
			return -1
		}
	}
	root := uf.find(owner)
	inArt := map[string]bool{}
	for i, n := range nodes {
		if uf.find(i) == root {
			inArt[n.art] = true
		}
	}
	for _, i := range g {
		if !inArt[nodes[i].art] {
			return -1
		}
	}
	return owner
}

func compatible(a, b crosscheck.EntityType) bool {
	return a == b || a == crosscheck.EntityOther || b == crosscheck.EntityOther
}

// namesArea reports a bare name every mention of which a lower-case place
// noun follows: "the Orlava region" is not the lake.
func namesArea(n *node, text string) bool {
	for _, fd := range n.found {
		rest := strings.TrimLeft(text[min(fd.Span.End, len(text)):], " ")
		w := rest[:min(len(rest), strings.IndexFunc(rest+" ", func(r rune) bool { return !unicode.IsLetter(r) }))]
		if !geoHeads[w] && w != "area" {
			return false
		}
	}
	return len(n.found) > 0
}

// featureHeads end, and featureFirsts begin, the name of a natural feature
// that is also called by its bare name; a city is not ("Mexico City").
var (
	featureHeads  = set(`river lake sea mountain mountains island islands bay gulf peninsula valley desert canal strait`)
	featureFirsts = set(`lake mount mt isle`)
)

// nonPersonKey is the grouping key of an organisation or place name; a
// vessel's name is keyed without its prefix (MV Sokol = Sokol).
func nonPersonKey(s string) string {
	if c := canonicalKnown(s); c != "" {
		return "=" + c
	}
	return vesselKey(s)
}

func build(nodes []*node, uf *unionFind, byID map[string]*crosscheck.Article, form func(string) *nameForm) []crosscheck.Entity {
	groups := map[int][]*node{}
	var roots []int
	for i, n := range nodes {
		r := uf.find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], n)
	}
	type scored struct {
		e        crosscheck.Entity
		articles int
		first    [2]int
	}
	var all []scored
	for _, r := range roots {
		g := groups[r]
		var e crosscheck.Entity
		var typeVotes [len(voteTypes)]int
		variantCount := map[string]int{}
		var variantOrder []string
		fullCount := map[string]int{}
		roleIdx := map[string]int{}
		arts := map[string]bool{}
		first := [2]int{1 << 30, 1 << 30}
		for _, n := range g {
			for _, fd := range n.found {
				vote(&typeVotes, fd.Type, 1)
			}
		}
		e.Type = crosscheck.EntityOther
		best := 0
		for ti, t := range voteTypes[:3] { // person, organisation, place
			if typeVotes[ti] > best {
				best, e.Type = typeVotes[ti], t
			}
		}
		for _, n := range g {
			arts[n.art] = true
			if n.order < first[0] || (n.order == first[0] && n.first < first[1]) {
				first = [2]int{n.order, n.first}
			}
			for _, fd := range n.found {
				e.Mentions = append(e.Mentions, crosscheck.Mention{Article: n.art, Start: fd.Span.Start, End: fd.Span.End, Text: fd.Text})
				if fd.Kind != KindNominal {
					v := fd.Text
					if _, ok := variantCount[v]; !ok {
						variantOrder = append(variantOrder, v)
					}
					variantCount[v]++
					if isFullForm(fd, e.Type, n, form) {
						fullCount[v]++
					}
				}
				for _, ro := range fd.Roles {
					k := text.Fold(strings.TrimSpace(ro.Role))
					ri, ok := roleIdx[k]
					if !ok {
						ri = len(e.Roles)
						roleIdx[k] = ri
						e.Roles = append(e.Roles, crosscheck.Role{Role: strings.TrimSpace(ro.Role)})
					}
					rr := &e.Roles[ri]
					if !contains(rr.Articles, n.art) {
						rr.Articles = append(rr.Articles, n.art)
					}
					rr.Evidence = append(rr.Evidence, crosscheck.EvidenceOf(byID[n.art], ro.Evidence))
				}
			}
		}
		if len(e.Mentions) == 0 {
			continue
		}
		sort.SliceStable(variantOrder, func(i, j int) bool { return variantCount[variantOrder[i]] > variantCount[variantOrder[j]] })
		e.Variants = variantOrder
		e.Name = ""
		bestN := 0
		longForm := false
		for _, v := range variantOrder {
			if fullCount[v] > 0 && !isAcronym(v) {
				longForm = true
			}
		}
		// A variant that ends another one written in full is its short
		// form: "Wasserman Schultz" names Debbie Wasserman Schultz.
		shortOf := func(v string) bool {
			for _, w := range variantOrder {
				if fullCount[w] > 0 && strings.HasSuffix(w, " "+v) {
					return true
				}
			}
			return false
		}
		for _, v := range variantOrder {
			if longForm && isAcronym(v) || e.Type == crosscheck.EntityPerson && shortOf(v) {
				continue
			}
			if fullCount[v] > bestN {
				bestN, e.Name = fullCount[v], v
			}
		}
		if e.Name == "" && len(variantOrder) > 0 {
			e.Name = variantOrder[0]
		}
		if e.Name == "" {
			e.Name = g[0].name
		}
		all = append(all, scored{e: e, articles: len(arts), first: first})
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.articles != b.articles {
			return a.articles > b.articles
		}
		if len(a.e.Mentions) != len(b.e.Mentions) {
			return len(a.e.Mentions) > len(b.e.Mentions)
		}
		if a.first[0] != b.first[0] {
			return a.first[0] < b.first[0]
		}
		return a.first[1] < b.first[1]
	})
	out := make([]crosscheck.Entity, len(all))
	used := map[string]int{}
	for i := range all {
		id := ID(all[i].e.Type, all[i].e.Name)
		if used[id]++; used[id] > 1 {
			// Two entities the merger kept apart share a name (two people
			// called Marek): the later one gets a suffix.
			id = fmt.Sprintf("%s-%d", id, used[id])
		}
		all[i].e.ID = id
		out[i] = all[i].e
	}
	return out
}

// ID is the stable identifier of an entity: the same type and canonical name
// give the same ID in every story, which is what lets the store and the
// server follow a person across stories.
func ID(t crosscheck.EntityType, name string) string { return ids.Get(string(t) + "\x00" + name) }

// ids remembers entity IDs by type and name: the same people and places
// are named in story after story, and an ID costs a hash.
var ids = text.NewMemo(maxIDs, makeID)

// maxIDs bounds the memo of entity IDs.
const maxIDs = 200_000

// makeID computes ID from its memo key, the type and the name joined by a
// zero byte (no type holds one).
func makeID(k string) string {
	t, name, _ := strings.Cut(k, "\x00")
	h := sha256.Sum256([]byte(t + "\x00" + strings.ToLower(text.Fold(name))))
	return "e" + hex.EncodeToString(h[:])[:10]
}

// isFullForm reports whether a mention is a full form of its entity (of
// type t, voted by all its mentions: a bare surname the finder could not
// type is no full form of the person it joined): for a person, a name of two
// words or more; otherwise anything but an acronym when the entity has a
// long form.
func isFullForm(fd Found, t crosscheck.EntityType, n *node, form func(string) *nameForm) bool {
	if fd.Kind == KindShort || fd.Kind == KindHandle {
		return false
	}
	if t == crosscheck.EntityPerson || n.typ == crosscheck.EntityPerson {
		return len(form(fd.Text).parts.tokens) >= 2
	}
	return !form(fd.Text).acronym || n.form.acronym
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

type unionFind struct{ p []int }

func newUnionFind(n int) *unionFind {
	u := &unionFind{p: make([]int, n)}
	for i := range u.p {
		u.p[i] = i
	}
	return u
}

func (u *unionFind) find(i int) int {
	for u.p[i] != i {
		u.p[i] = u.p[u.p[i]]
		i = u.p[i]
	}
	return i
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if ra < rb {
		u.p[rb] = ra
	} else {
		u.p[ra] = rb
	}
}

// demonymOf reports whether a folded word is a demonym: of the gazetteer, or
// made from a place the story names (Dravonia → Dravonian, Valdoria →
// Valdorian).
func demonymOf(w string, storyPlaces map[string]bool) bool {
	if demonyms[w] != "" {
		return true
	}
	for _, suf := range []string{"n", "an", "ian", "ese", "i"} {
		stem, ok := strings.CutSuffix(w, suf)
		if !ok || len(stem) < 3 {
			continue
		}
		if storyPlaces[stem] || storyPlaces[stem+"a"] || storyPlaces[stem+"o"] || storyPlaces[stem+"e"] {
			return true
		}
	}
	return false
}

// allSameNames reports whether every member of xs names the same one as
// every member of ys.
func allSameNames(xs, ys []int, same func(p, q int) bool) bool {
	for _, p := range xs {
		for _, q := range ys {
			if !same(p, q) {
				return false
			}
		}
	}
	return true
}
