package quote

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/dedup"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/text"
)

// item is one attribution of one article with its speaker resolved.
type item struct {
	a       *crosscheck.Article
	at      Attribution
	speaker string   // as resolved: the entity's name, or the phrase as written
	names   []string // the speaker's words, lower-cased, sorted, once each
	entity  string   // entity id, or ""
	text    string   // the words, parts joined
	words   []string
	parts   [][]string
	// content and partContent are words and parts without function
	// words, sorted: the forms similar compares, made once per item
	// because a story compares every pair of its statements.
	content     []string
	partContent [][]string
	// contentRank and partRank are content and partContent with each
	// word replaced by its rank among the story's words (rankContent):
	// the same order and equalities, so similar counts the same overlap,
	// comparing integers instead of strings.
	contentRank []int32
	partRank    [][]int32
	order       int // position in the story: article order, then text order
}

// Story finds the statements of a story's articles and merges the ones
// several articles carry (or one article repeats) into one Quote each, with
// every source span and every version of the words. Speakers are linked to
// the story's entities (ents, from entity.Story); pronouns and role nouns
// ("she", "the minister") are resolved to the nearest compatible person
// before them. A quote whose sources disagree on its words or its speaker
// lists the other versions in Variants.
func Story(members []*crosscheck.Article, ents []crosscheck.Entity) []crosscheck.Quote {
	ix := entity.NewIndex(ents)
	genders := storyGenders(members, ents)
	var items []*item
	// The words of each content text, read once per story: the articles
	// of a story often carry the same wire copy, and tokenising is most of
	// what an item costs. The slices are shared but only read (parts) or
	// copied (words).
	wordsOf := map[string][]string{}
	// Articles with the same text (wire copy) are read once.
	same := crosscheck.SameText(members)
	attsOf := make([][]Attribution, len(members))
	for i, a := range members {
		if a == nil {
			continue
		}
		if k := same[i]; k >= 0 {
			attsOf[i] = attsOf[k]
		} else {
			attsOf[i] = Find(a)
		}
		atts := attsOf[i]
		r := newResolver(a, atts, ents, ix, genders)
		for _, found := range atts {
			speaker, id := r.resolve(found)
			if found.Sense == Speech {
				r.remember(found, speaker, id)
			}
			// Beliefs, findings and stances are attributions, but not
			// statements a reader can quote.
			if len(found.Content) == 0 || speaker == "" || found.Sense != Speech || infinitive(a, found) {
				continue
			}
			for _, at := range splitFragments(a, found) {
				it := &item{a: a, at: at, order: len(items), speaker: speaker, names: nameWords(speaker), entity: id}
				it.text = at.Text(a)
				for _, c := range at.Content {
					txt := a.Slice(c)
					w, ok := wordsOf[txt]
					if !ok {
						w = contentWords(txt)
						wordsOf[txt] = w
					}
					it.parts = append(it.parts, w)
					it.words = append(it.words, w...)
				}
				if len(it.words) == 0 {
					continue
				}
				it.content = sortedContent(it.words)
				for _, p := range it.parts {
					it.partContent = append(it.partContent, sortedContent(p))
				}
				items = append(items, it)
			}
		}
	}
	rankContent(items)
	groups := group(items)
	out := make([]crosscheck.Quote, 0, len(groups))
	for _, g := range groups {
		out = append(out, makeQuote(g))
	}
	return out
}

// splitFragments makes each fragment a speaker is quoted as using its own
// statement ("brilliant" US diplomacy and "consistent pressure"), without
// the sentence's full stop an American-style closing mark takes in.
func splitFragments(a *crosscheck.Article, at Attribution) []Attribution {
	if !at.Partial {
		return []Attribution{at}
	}
	out := make([]Attribution, 0, len(at.Content))
	for _, c := range at.Content {
		for c.End > c.Start && strings.ContainsRune(".,;:", rune(a.Text[c.End-1])) {
			c.End--
		}
		one := at
		one.Content = []crosscheck.Span{c}
		out = append(out, one)
	}
	return out
}

// contentWords are the folded words and numbers of a text, the form in
// which versions of a statement are compared.
func contentWords(s string) []string {
	var out []string
	for _, t := range text.Tokenize(s, "") {
		if t.Kind == crosscheck.TokenWord || t.Kind == crosscheck.TokenNumber {
			out = append(out, t.Norm)
		}
	}
	return out
}

// rankContent sets the items' contentRank and partRank: every word of
// their content replaced by its rank in the sorted set of the story's
// content words. Ranks keep the words' order and equalities, so the
// merge in dedup.Overlap, and with it similar, gives the same answer on
// ranks as on strings; the pairwise comparison of group then compares
// integers. Ranks are made once per story, a pass over its words.
func rankContent(items []*item) {
	rank := map[string]int32{}
	for _, it := range items {
		for _, w := range it.content {
			rank[w] = 0
		}
		for _, p := range it.partContent {
			for _, w := range p {
				rank[w] = 0
			}
		}
	}
	sorted := make([]string, 0, len(rank))
	for w := range rank {
		sorted = append(sorted, w)
	}
	slices.Sort(sorted)
	for r, w := range sorted {
		rank[w] = int32(r)
	}
	ranks := func(ws []string) []int32 {
		out := make([]int32, len(ws))
		for i, w := range ws {
			out[i] = rank[w]
		}
		return out
	}
	for _, it := range items {
		it.contentRank = ranks(it.content)
		it.partRank = make([][]int32, len(it.partContent))
		for k, p := range it.partContent {
			it.partRank[k] = ranks(p)
		}
	}
}

// group joins the items that carry the same statement (union-find over
// every pair; a story holds tens of statements, not thousands).
func group(items []*item) [][]*item {
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			if sameStatement(items[i], items[j]) {
				pi, pj := find(i), find(j)
				if pi != pj {
					parent[max(pi, pj)] = min(pi, pj)
				}
			}
		}
	}
	byRoot := map[int][]*item{}
	var roots []int
	for i, it := range items {
		r := find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], it)
	}
	out := make([][]*item, 0, len(roots))
	for _, r := range roots {
		out = append(out, byRoot[r])
	}
	return out
}

// sameStatement decides whether two attributions carry one statement.
// Quotations match on their words whoever they are given to (a different
// speaker is a difference to show, not a different statement); a fragment
// in quotation marks and reported speech must also have the same speaker.
func sameStatement(x, y *item) bool {
	if x.at.Direct != y.at.Direct || x.at.Partial != y.at.Partial {
		return false
	}
	if x.a == y.a && overlaps(x.at, y.at) {
		return true
	}
	// The speaker is compared only where it decides (a quotation's words
	// match whoever they are given to), and after the cheaper word test: a
	// large story compares every pair of its attributions.
	switch {
	case x.at.Partial:
		// Words are tokens, which hold no spaces: equal lists are equal
		// texts.
		return slices.Equal(x.words, y.words) && sameSpeaker(x, y)
	case !x.at.Direct:
		return similar(x.contentRank, y.contentRank, 0.7) && sameSpeaker(x, y)
	}
	if similar(x.contentRank, y.contentRank, 0.6) {
		return true
	}
	// One part of a long quotation carried whole by another article.
	for _, p := range x.partRank {
		for _, q := range y.partRank {
			if similar(p, q, 0.7) {
				return true
			}
		}
	}
	return false
}

// similar reports whether two versions of words share enough: the overlap
// of their content words (function words say little about which statement
// it is; ca and cb are those, sorted: see sortedContent) reaches min, on at
// least three shared content words or on all of a shorter text.
func similar[T cmp.Ordered](ca, cb []T, min float64) bool {
	o := overlap(ca, cb)
	shared := o * float64(minInt(len(ca), len(cb)))
	return o >= min && (shared >= 3 || (len(ca) == len(cb) && shared == float64(len(ca)) && len(ca) > 0))
}

func minInt(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// functionWords are left out when versions are compared.
var functionWords = set(`the a an and or but of to in on at for with by from as is are was were be been being
has have had will would could should can may might not no that this these those it its he she they we i you
his her their our my your them us him me then there here so if than very just all`)

// sortedContent is ws without function words, sorted.
func sortedContent(ws []string) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if !functionWords[w] {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// sameSpeaker reports two attributions to one speaker: the same entity, or
// names one of which holds every word of the other ("Vorobey", "Governor
// Marta Vorobey").
func sameSpeaker(x, y *item) bool {
	if x.entity != "" && x.entity == y.entity {
		return true
	}
	return nameWithin(x.names, y.names) || nameWithin(y.names, x.names)
}

// nameWords is a speaker's words for nameWithin, computed once per
// attribution: the pairwise comparison of a large story's quotes would
// otherwise split and lower-case each speaker again for every pair.
func nameWords(speaker string) []string {
	w := strings.Fields(strings.ToLower(speaker))
	slices.Sort(w)
	return slices.Compact(w)
}

// nameWithin reports whether every word of short (sorted, once each) is
// among the words of long: "Marek" within "Danilo Marek".
func nameWithin(short, long []string) bool {
	if len(short) == 0 {
		return false
	}
	j := 0
	for _, w := range short {
		for j < len(long) && long[j] < w {
			j++
		}
		if j == len(long) || long[j] != w {
			return false
		}
		j++
	}
	return true
}

func overlaps(x, y Attribution) bool {
	for _, a := range x.Content {
		for _, b := range y.Content {
			if a.Start < b.End && b.Start < a.End {
				return true
			}
		}
	}
	return false
}

// overlap is the overlap coefficient of two word bags, given as sorted
// lists: shared words over the size of the smaller bag, so a quotation cut
// short by one outlet still matches the whole.
func overlap[T cmp.Ordered](a, b []T) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return float64(dedup.Overlap(a, b)) / float64(min(len(a), len(b)))
}

// makeQuote builds the Quote of one group: the words most sources carry,
// the speaker most sources give, every source span, and the other versions.
func makeQuote(g []*item) crosscheck.Quote {
	sort.SliceStable(g, func(i, j int) bool { return g[i].order < g[j].order })
	textVotes := map[string]int{}
	speakerVotes := map[string]int{}
	for _, it := range g {
		textVotes[strings.Join(it.words, " ")]++
		speakerVotes[speakerKey(it)]++
	}
	rep := g[0]
	for _, it := range g {
		if textVotes[strings.Join(it.words, " ")] > textVotes[strings.Join(rep.words, " ")] {
			rep = it
		}
	}
	who := g[0]
	for _, it := range g {
		k, best := speakerKey(it), speakerKey(who)
		// Prefer the speaker most sources give; on a tie, one linked to an
		// entity over a bare description.
		if speakerVotes[k] > speakerVotes[best] || (speakerVotes[k] == speakerVotes[best] && who.entity == "" && it.entity != "") {
			who = it
		}
	}
	q := crosscheck.Quote{
		Speaker:  who.speaker,
		Text:     rep.text,
		Direct:   rep.at.Direct,
		Cue:      rep.a.Slice(rep.at.Cue),
		Variants: []string{},
	}
	if !q.Direct {
		// Reported speech shown without its complementizer: "(reported)
		// continued pressure … remains vital", not "that continued …".
		if rest, ok := strings.CutPrefix(q.Text, "that "); ok && rest != "" {
			q.Text = rest
		}
	}
	if who.entity != "" {
		id := who.entity
		q.SpeakerEntity = &id
	}
	seen := map[string]bool{strings.Join(rep.words, " "): true}
	for _, it := range g {
		for _, c := range it.at.Content {
			q.Sources = append(q.Sources, crosscheck.EvidenceOf(it.a, c))
		}
		key := strings.Join(it.words, " ")
		if !seen[key] {
			seen[key] = true
			q.Variants = append(q.Variants, it.text)
		}
		if !sameSpeaker(it, who) {
			v := it.text + " (attributed to " + it.speaker + ")"
			if !seen[v] {
				seen[v] = true
				q.Variants = append(q.Variants, v)
			}
		}
	}
	h := sha1.Sum([]byte(q.Sources[0].Article + "\x00" + q.Sources[0].Text + "\x00" + strconv.Itoa(q.Sources[0].Start)))
	q.ID = "q" + hex.EncodeToString(h[:])[:11]
	return q
}

// speakerKey is who an attribution is by, for counting the sources that
// give each speaker.
func speakerKey(it *item) string { return crosscheck.SpeakerKey(it.speaker, it.entity) }

// infinitive reports reported content that is an infinitive ("agreed to
// lift certain sanctions", "promised to rebuild"): a commitment or an
// intention, not a statement a reader can quote.
func infinitive(a *crosscheck.Article, at Attribution) bool {
	if at.Direct {
		return false
	}
	first, _, _ := strings.Cut(strings.TrimSpace(a.Slice(at.Content[0])), " ")
	return strings.EqualFold(first, "to")
}
