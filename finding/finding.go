// Package finding aligns the claims of a story's articles into slots (the
// same count, act, date or title, as several sources state it) and says,
// slot by slot, whether the sources agree, contradict each other, update an
// earlier figure, or whether only one speaks to it. It never judges which
// value is true.
//
// Independent origins, not articles, stand behind a value: an article and
// its copies or rewrites (the story's derivations) are one origin, and a
// claim inside a quotation belongs to the speaker, not to the outlets that
// carry it.
package finding

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/claim"
	"github.com/crosscheck-news/crosscheck/entity"
)

// Thresholds of the alignment, on the Scorer's scale.
const (
	// SlotThreshold is the score at which two claims join one slot.
	SlotThreshold = 0.5
	// ConflictThreshold is the score two incompatible values must reach
	// to be called a conflict; below it they are read as two slots. Higher
	// than SlotThreshold: a reader must trust the contested list.
	ConflictThreshold = 0.6
)

// Story computes the findings of one story and each article's divergence
// figure, from the story's entities, quotes and derivations.
func Story(s *crosscheck.Story, members []*crosscheck.Article) ([]crosscheck.Finding, []crosscheck.SourceDivergence) {
	return StoryWith(s, members, nil)
}

// StoryWith is Story with another Scorer (nil: the lexical one).
func StoryWith(s *crosscheck.Story, members []*crosscheck.Article, sc Scorer) ([]crosscheck.Finding, []crosscheck.SourceDivergence) {
	if s == nil || len(members) == 0 {
		return nil, nil
	}
	st := newStory(s, members)
	if sc == nil {
		sc = NewLexical(st.claims)
	}
	slots := st.align(sc)
	var fs []crosscheck.Finding
	for _, sl := range slots {
		fs = append(fs, st.judge(sl, sc)...)
	}
	// Kinds in the card's order; agreements by how many independent
	// origins back them, the best corroborated first (a fact three
	// outlets found on their own before one that wire copies repeat).
	sort.SliceStable(fs, func(i, j int) bool {
		if kindOrder[fs[i].Kind] != kindOrder[fs[j].Kind] {
			return kindOrder[fs[i].Kind] < kindOrder[fs[j].Kind]
		}
		return fs[i].Kind == crosscheck.FindingAgreement && fs[i].Values[0].Origins > fs[j].Values[0].Origins
	})
	for i := range fs {
		fs[i].ID = fmt.Sprintf("%s-f%d", s.ID, i+1)
	}
	return fs, st.divergence(fs)
}

var kindOrder = map[crosscheck.FindingKind]int{
	crosscheck.FindingConflict: 0, crosscheck.FindingUpdate: 1, crosscheck.FindingAgreement: 2, crosscheck.FindingSingleSource: 3,
}

// story holds one story's claims and what is known of its articles.
type story struct {
	s        *crosscheck.Story
	arts     map[string]*crosscheck.Article
	order    map[string]int // input order of the articles
	root     map[string]string
	claims   []claim.Claim
	speakers []string // per claim: the quoted speaker, or ""
	names    map[string]string
	// ref is the earliest publication among the articles: the date of an
	// article that gives none.
	ref time.Time
}

func newStory(s *crosscheck.Story, members []*crosscheck.Article) *story {
	st := &story{s: s, arts: map[string]*crosscheck.Article{}, order: map[string]int{}, root: map[string]string{}, names: map[string]string{}}
	var ref time.Time
	for i, a := range members {
		st.arts[a.ID] = a
		st.order[a.ID] = i
		if a.Published != nil && (ref.IsZero() || a.Published.Before(ref)) {
			ref = *a.Published
		}
	}
	for _, e := range s.Entities {
		st.names[e.ID] = e.Name
	}
	// The origin of an article: follow copy → of to the original.
	of := map[string]string{}
	for _, d := range s.Derivations {
		of[d.Copy] = d.Of
	}
	for _, a := range members {
		r := a.ID
		for seen := 0; of[r] != "" && seen < len(members); seen++ {
			r = of[r]
		}
		st.root[a.ID] = r
	}
	st.ref = ref
	copt := claim.Options{Reference: ref, Index: entity.NewIndex(s.Entities)}
	for _, a := range members {
		// An article that says the same thing twice (lead and body) states
		// it once.
		seen := map[string]bool{}
		for _, c := range claim.ExtractWith(a, s.Entities, copt) {
			k := fmt.Sprint(c.Kind, "|", c.Dim, "|", c.Class, "|", c.Subject, "|", c.Key, "|", c.Lo, "|", c.Hi, "|", c.Quoted)
			if seen[k] {
				continue
			}
			seen[k] = true
			st.claims = append(st.claims, c)
		}
	}
	st.speakers = make([]string, len(st.claims))
	for i := range st.claims {
		st.speakers[i] = st.speakerOf(&st.claims[i])
	}
	return st
}

// speakerOf names who a claim belongs to when it stands inside a quote or
// a reported statement of the story's quotes; "" when it is the outlet's.
func (st *story) speakerOf(c *claim.Claim) string {
	for _, q := range st.s.Quotes {
		for _, src := range q.Sources {
			if src.Article == c.Article && src.Start <= c.Span.Start && c.Span.End <= src.End {
				if q.Speaker != "" {
					return q.Speaker
				}
				return "an unnamed speaker"
			}
		}
	}
	if c.Quoted {
		return "a quoted speaker"
	}
	return ""
}

// slot is a set of claim indexes about one thing, at most one per article.
type slot []int

// align groups the claims into slots: average-link agglomeration over the
// pairs that reach SlotThreshold, never putting two claims of one article in
// a slot.
func (st *story) align(sc Scorer) []slot {
	n := len(st.claims)
	type pair struct {
		i, j int
		s    float64
	}
	score := map[[2]int]float64{}
	var pairs []pair
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if st.source(i) == st.source(j) || st.claims[i].Dim != st.claims[j].Dim {
				continue
			}
			if v := sc.Score(&st.claims[i], &st.claims[j]); v > 0 {
				score[[2]int{i, j}] = v
				if v >= SlotThreshold {
					pairs = append(pairs, pair{i, j, v})
				}
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].s > pairs[b].s })
	of := make([]int, n)
	members := make([][]int, n)
	for i := range of {
		of[i] = i
		members[i] = []int{i}
	}
	get := func(i, j int) float64 {
		if i > j {
			i, j = j, i
		}
		return score[[2]int{i, j}]
	}
	for _, p := range pairs {
		a, b := of[p.i], of[p.j]
		if a == b {
			continue
		}
		arts := map[string]bool{}
		for _, x := range members[a] {
			arts[st.source(x)] = true
		}
		clash := false
		sum, cnt := 0.0, 0
		for _, y := range members[b] {
			if arts[st.source(y)] {
				clash = true
				break
			}
			for _, x := range members[a] {
				sum += get(x, y)
				cnt++
			}
		}
		if clash || cnt == 0 || sum/float64(cnt) < SlotThreshold {
			continue
		}
		for _, y := range members[b] {
			of[y] = a
		}
		members[a] = append(members[a], members[b]...)
		members[b] = nil
	}
	var out []slot
	for i, m := range members {
		if len(m) > 0 && of[i] == i {
			sort.Ints(m)
			out = append(out, slot(m))
		}
	}
	// In reading order (first article first, then by position), whatever
	// order the merges took.
	sort.SliceStable(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// source is who states claim i: its article, or a speaker quoted in it.
func (st *story) source(i int) string {
	if st.claims[i].Quoted || st.speakers[i] != "" && st.claims[i].Quoted {
		return st.claims[i].Article + "|quoted"
	}
	return st.claims[i].Article
}

// group is the claims of a slot that state one value (compatible values).
type group []int

// judge turns one slot into findings.
func (st *story) judge(sl slot, sc Scorer) []crosscheck.Finding {
	c0 := &st.claims[sl[0]]
	if len(sl) == 1 {
		if !st.worthSingle(c0) {
			return nil
		}
		return []crosscheck.Finding{st.finding(crosscheck.FindingSingleSource, []group{{sl[0]}}, 0.5)}
	}
	running := c0.Kind == claim.KindQuantity && claim.IsRunning(c0.Class)
	groups := st.groups(sl, running)
	if len(groups) == 1 {
		return []crosscheck.Finding{st.finding(crosscheck.FindingAgreement, groups, st.agreementConfidence(groups[0]))}
	}
	if running {
		st.byTime(groups)
		return []crosscheck.Finding{st.finding(crosscheck.FindingUpdate, groups, 0.7)}
	}
	// Incompatible values: the values surely about the same thing as the
	// best-backed value are a conflict; the others stand as slots of their
	// own.
	sort.SliceStable(groups, func(a, b int) bool { return st.origins(groups[a]) > st.origins(groups[b]) })
	best := func(ga, gb group) float64 {
		v := 0.0
		for _, x := range ga {
			for _, y := range gb {
				v = math.Max(v, sc.Score(&st.claims[x], &st.claims[y]))
			}
		}
		return v
	}
	kept := []group{groups[0]}
	var rest []group
	minCross := 1.0
	for _, g := range groups[1:] {
		link := 0.0
		for _, k := range kept {
			link = math.Max(link, best(g, k))
		}
		if link >= ConflictThreshold {
			kept = append(kept, g)
			minCross = math.Min(minCross, link)
		} else {
			rest = append(rest, g)
		}
	}
	var out []crosscheck.Finding
	if len(kept) > 1 {
		conf := minCross
		for _, g := range kept {
			for _, x := range g {
				if st.claims[x].Vague {
					conf *= 0.8
					break
				}
			}
		}
		st.byTime(kept)
		out = append(out, st.finding(crosscheck.FindingConflict, kept, math.Round(conf*100)/100))
	} else {
		rest = append(rest, kept[0])
	}
	for _, g := range rest {
		if len(st.articlesOf(g)) > 1 {
			out = append(out, st.finding(crosscheck.FindingAgreement, []group{g}, st.agreementConfidence(g)))
		} else if st.worthSingle(&st.claims[g[0]]) {
			out = append(out, st.finding(crosscheck.FindingSingleSource, []group{g}, 0.5))
		}
	}
	return out
}

// worthSingle reports whether a claim no other article speaks to is worth
// listing: one tied to an event or a person, not a stray "a week", nor a
// fact of an earlier event (see earlier), an administration or a title,
// which alone are background.
func (st *story) worthSingle(c *claim.Claim) bool {
	// Whose administration acted, and a person's title, matter when
	// sources differ or agree on them; given by one source they are
	// background ("under the Reagan administration", "President Putin"),
	// and a title stays in the story's people.
	if st.earlier(c) || c.Kind == claim.KindAdministration || c.Kind == claim.KindRole {
		return false
	}
	return c.Class != "" || (c.Kind != claim.KindQuantity && c.Kind != claim.KindTime)
}

// earlier reports a claim about an event before the story's: a time more
// than a year before its article was published ("the first fatal accident
// since 2019, when a canoe overturned"), or a count whose nearby years all
// lie so far back ("23 people died … in 2014"). Such a time or
// count cannot be the reported event's, and labelled "time of the
// capsizing" or "death toll" it would read as if it were.
func (st *story) earlier(c *claim.Claim) bool {
	pub := st.ref
	if a := st.arts[c.Article]; a != nil && a.Published != nil {
		pub = *a.Published
	}
	if pub.IsZero() {
		return false
	}
	switch {
	case c.Kind == claim.KindTime && c.Dim == "time":
		return c.Hi < float64(pub.AddDate(-1, 0, 0).Unix())
	case c.Kind == claim.KindQuantity && strings.HasPrefix(c.Dim, "count:") && len(c.Years) > 0:
		// Counts only: a duration near a year ("awarded the prize in
		// 2022 and serving a 10-year sentence") is often still running.
		for _, y := range c.Years {
			if y > pub.Year()-2 {
				return false
			}
		}
		return true
	}
	return false
}

// groups splits a slot into its values: for a running count each distinct
// figure is a value; otherwise compatible values (overlapping intervals,
// equal keys) form one value, complete-link, so that "at least 12" cannot
// join 12 and 15 together.
func (st *story) groups(sl slot, running bool) []group {
	idx := slices.Clone([]int(sl))
	// Exact values first, so identical figures end up together.
	sort.SliceStable(idx, func(a, b int) bool {
		ca, cb := &st.claims[idx[a]], &st.claims[idx[b]]
		return ca.Hi-ca.Lo < cb.Hi-cb.Lo
	})
	var gs []group
	for _, x := range idx {
		placed := false
		for gi, g := range gs {
			ok := true
			for _, y := range g {
				if !st.sameValue(x, y, running) {
					ok = false
					break
				}
			}
			if ok {
				gs[gi] = append(g, x)
				placed = true
				break
			}
		}
		if !placed {
			gs = append(gs, group{x})
		}
	}
	return gs
}

func (st *story) sameValue(x, y int, running bool) bool {
	a, b := &st.claims[x], &st.claims[y]
	if running {
		return a.Lo == b.Lo && a.Hi == b.Hi
	}
	return claim.Compatible(a, b)
}

// byTime orders values by the first publication behind each.
func (st *story) byTime(gs []group) {
	sort.SliceStable(gs, func(a, b int) bool {
		ta, tb := st.firstTime(gs[a]), st.firstTime(gs[b])
		switch {
		case ta.IsZero() && tb.IsZero():
			return false
		case ta.IsZero():
			return false
		case tb.IsZero():
			return true
		}
		if !ta.Equal(tb) {
			return ta.Before(tb)
		}
		// The same time (or a date only): a value reported as changed
		// ("rose to 15") is the later one.
		return !st.changed(gs[a]) && st.changed(gs[b])
	})
}

func (st *story) changed(g group) bool {
	for _, x := range g {
		if st.claims[x].Change {
			return true
		}
	}
	return false
}

func (st *story) firstTime(g group) time.Time {
	var t time.Time
	for _, x := range g {
		if a := st.arts[st.claims[x].Article]; a != nil && a.Published != nil && (t.IsZero() || a.Published.Before(t)) {
			t = *a.Published
		}
	}
	return t
}

func (st *story) articlesOf(g group) []string {
	var ids []string
	for _, x := range g {
		ids = appendUnique(ids, st.claims[x].Article)
	}
	return ids
}

func appendUnique(xs []string, x string) []string {
	if slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

func (st *story) agreementConfidence(g group) float64 {
	n := st.origins(g)
	return math.Round(math.Min(0.95, 0.5+0.15*float64(n))*100) / 100
}

// origins counts the independent origins behind a value: articles that
// copy another count as the original, and a quoted speaker counts once
// however many outlets carry the quote.
func (st *story) origins(g group) int {
	seen := map[string]bool{}
	for _, x := range g {
		if sp := st.speakers[x]; sp != "" {
			seen["speaker:"+sp] = true
			continue
		}
		seen[st.root[st.claims[x].Article]] = true
	}
	return len(seen)
}

// first returns the article that stated a value first: the earliest
// publication, else the first in input order.
func (st *story) first(g group) string {
	best := ""
	for _, x := range g {
		id := st.claims[x].Article
		if best == "" {
			best = id
			continue
		}
		a, b := st.arts[id], st.arts[best]
		switch {
		case a.Published != nil && b.Published == nil:
			best = id
		case a.Published != nil && b.Published != nil && a.Published.Before(*b.Published):
			best = id
		case (a.Published == nil) == (b.Published == nil) && (a.Published == nil || a.Published.Equal(*b.Published)) && st.order[id] < st.order[best]:
			best = id
		}
	}
	return best
}

// finding builds one finding from the value groups of a slot.
func (st *story) finding(kind crosscheck.FindingKind, gs []group, conf float64) crosscheck.Finding {
	f := crosscheck.Finding{Kind: kind, About: st.about(gs), Confidence: conf}
	for _, g := range gs {
		sort.SliceStable(g, func(a, b int) bool {
			return st.order[st.claims[g[a]].Article] < st.order[st.claims[g[b]].Article]
		})
		v := crosscheck.FindingValue{Value: st.valueText(g), Origins: st.origins(g), First: st.first(g)}
		for _, x := range g {
			c := &st.claims[x]
			v.Articles = appendUnique(v.Articles, c.Article)
			v.Evidence = append(v.Evidence, crosscheck.EvidenceOf(st.arts[c.Article], c.Evidence))
		}
		f.Values = append(f.Values, v)
	}
	return f
}

// valueText is the value as most of its claims write it, with the speaker
// when every claim of it is someone's quoted word.
func (st *story) valueText(g group) string {
	count := map[string]int{}
	best := ""
	for _, x := range g {
		v := st.claims[x].Value
		count[v]++
		if best == "" || count[v] > count[best] {
			best = v
		}
	}
	if st.claims[g[0]].Kind == claim.KindAgent {
		// Agents agree when one names a country and another the person or
		// body acting for it ("Belarus freed", "President Lukashenko
		// pardoned"): both are shown, the most often named first.
		var names []string
		for _, x := range g {
			if v := st.claims[x].Value; !slices.Contains(names, v) {
				names = append(names, v)
			}
		}
		sort.SliceStable(names, func(a, b int) bool { return count[names[a]] > count[names[b]] })
		best = strings.Join(names, " / ")
	}
	speaker := st.speakers[g[0]]
	for _, x := range g[1:] {
		if st.speakers[x] != speaker {
			speaker = ""
		}
	}
	if speaker != "" {
		best += " (according to " + speaker + ")"
	}
	return best
}

// classLabels name a slot by its predicate class.
var classLabels = map[string]string{
	"dead": "death toll", "missing": "people missing", "injured": "people injured", "hospital": "people in hospital",
	"rescued": "people rescued", "evacuated": "people evacuated", "aboard": "people on board", "population": "population",
	"released": "people released", "transferred": "people handed over or transferred", "held": "people held", "arrested": "people arrested",
	"sentence": "sentence", "mourning": "mourning", "capsize": "capsizing", "warning": "warning", "capacity": "capacity",
}

var dimLabels = map[string]string{
	"length": "distance", "duration": "duration", "speed": "speed", "percent": "share", "age": "age",
	"time": "time", "clock": "time of day", "ago": "how long ago", "mass": "weight",
}

// about is the slot's readable label. A count of an earlier event says
// its year ("death toll in 2014"), when one of its sources dates it so:
// the others were aligned with it as the same fact.
func (st *story) about(gs []group) string {
	l := st.label(&st.claims[gs[0][0]])
	for _, g := range gs {
		for _, x := range g {
			if c := &st.claims[x]; c.Kind == claim.KindQuantity && st.earlier(c) {
				years := make([]string, len(c.Years))
				for i, y := range c.Years {
					years[i] = strconv.Itoa(y)
				}
				return l + " in " + strings.Join(years, ", ")
			}
		}
	}
	return l
}

// label names the slot of claim c.
func (st *story) label(c *claim.Claim) string {
	words := func() string {
		w := c.Words
		if len(w) > 4 {
			w = w[:4]
		}
		return strings.Join(w, " ")
	}
	name := func(id string) string {
		if n := st.names[id]; n != "" {
			return n
		}
		return strings.TrimPrefix(id, "name:")
	}
	switch c.Kind {
	case claim.KindRole:
		return "title of " + name(c.Subject)
	case claim.KindAge:
		return "age of " + name(c.Subject)
	case claim.KindAdministration:
		return "whose " + c.Subject + " acted"
	case claim.KindAgent:
		// The act as the first source wrote it: its verb, then what it
		// acted on ("who freed political prisoners").
		return "who " + strings.Join(c.Words[:min(5, len(c.Words))], " ")
	case claim.KindTime:
		if l := classLabels[c.Class]; l != "" {
			if st.earlier(c) {
				return "time of an earlier " + l
			}
			return "time of the " + l
		}
		return "date (" + words() + ")"
	}

	label := dimLabels[c.Dim]
	if strings.HasPrefix(c.Dim, "count:") {
		label = "number of " + plural(strings.TrimPrefix(c.Dim, "count:"))
		if c.Dim == "count:person" {
			label = "number of people"
		}
	}
	if strings.HasPrefix(c.Dim, "money:") {
		label = "amount"
	}
	if l := classLabels[c.Class]; l != "" {
		if c.Dim == "count:person" {
			return l
		}
		return label + " (" + l + ")"
	}
	if w := words(); w != "" {
		return label + " (" + w + ")"
	}
	return label
}

// plural is an English noun's plural by the regular rules: ferry →
// ferries, bus → buses, boat → boats.
func plural(noun string) string {
	n := len(noun)
	switch {
	case n > 1 && noun[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(noun[n-2])):
		return noun[:n-1] + "ies"
	case strings.HasSuffix(noun, "s") || strings.HasSuffix(noun, "x") || strings.HasSuffix(noun, "ch") || strings.HasSuffix(noun, "sh"):
		return noun + "es"
	}
	return noun + "s"
}

// divergence counts, per article, its claims that other sources speak to
// and how many of them a conflict sets against another source.
func (st *story) divergence(fs []crosscheck.Finding) []crosscheck.SourceDivergence {
	type count struct{ claims, contra int }
	per := map[string]*count{}
	for _, f := range fs {
		if f.Kind == crosscheck.FindingSingleSource {
			continue
		}
		for _, v := range f.Values {
			for _, id := range v.Articles {
				if per[id] == nil {
					per[id] = &count{}
				}
				per[id].claims++
				if f.Kind == crosscheck.FindingConflict {
					per[id].contra++
				}
			}
		}
	}
	var out []crosscheck.SourceDivergence
	for _, id := range st.s.Articles {
		a := st.arts[id]
		if a == nil {
			continue
		}
		d := crosscheck.SourceDivergence{Article: id, Outlet: a.Outlet}
		if c := per[id]; c != nil {
			d.Claims, d.Contradicted = c.claims, c.contra
		}
		out = append(out, d)
	}
	return out
}
