// Package quote finds who said what in an article — quotations in every
// quoting style, reported speech and words a speaker is quoted as using —
// and merges the same statement carried by several articles of a story into
// one quote with every source span and every version of the words.
//
// The finder is rule based: quotation marks are paired per paragraph
// (double marks first, single marks only where they cannot be apostrophes),
// the text outside the marks is read for a cue word from a per-language
// table (said, told, according to, described … as), and the speaker is the
// noun phrase the cue attaches to, on either side. Pronouns and role nouns
// ("the minister") are resolved against the story's entities in Story.
package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

// Attribution is one statement found in one article: who (Source), the
// words that say it was said (Cue) and what was said (Content).
type Attribution struct {
	// Source is the speaker as written: a name, a description ("a crew
	// member"), a role ("the minister") or a pronoun. It is empty (zero
	// length) when the article does not say who.
	Source crosscheck.Span
	// Name is the part of Source that names the speaker when Source is a
	// longer phrase ("one of them, Rade Pavlic" → "Rade Pavlic"); Source
	// itself otherwise.
	Name crosscheck.Span
	// Cue is the cue phrase: "said", "told", "according to", "said in a post
	// on X", "described … as" (from the verb to the end of the phrase).
	Cue crosscheck.Span
	// Content holds the parts of what was said, in text order: several for a
	// quotation split by its cue or running over paragraphs. Quotation
	// marks are left out.
	Content []crosscheck.Span
	// Reported holds the reporter's words that carry the same statement
	// around a quotation ("To believe the states fail, “you have to take a
	// cynical view,” he said": the clause before the marks). They are not
	// the speaker's words, so a story quote never shows them; PolNeAR counts
	// them as part of what was said.
	Reported []crosscheck.Span
	// Direct reports quoted words, as against reported speech.
	Direct bool
	// Partial reports quoted words inside the reporter's own sentence
	// (scare quotes, "described the talks as “very productive”"): Direct,
	// but a fragment rather than a statement.
	Partial bool
	// Pronoun reports a Source that is a pronoun, to be resolved.
	Pronoun bool
	// Sense says what the cue reports: speech, or a belief, finding or
	// stance (PolNeAR's wider notion of attribution).
	Sense Sense
}

// Sense is what an attribution reports of its source.
type Sense uint8

const (
	// Speech is something said or written: said, told, according to.
	Speech Sense = iota
	// Thought is a belief or a wish: believes, thinks, wants, hopes.
	Thought
	// Finding is what a poll, a study or evidence shows: found, shows.
	Finding
	// Stance is a position taken on something: criticized, endorsed,
	// called for.
	Stance
	// Summary is a headline's account of what someone said ("Kasich: …"),
	// in the headline's words rather than the speaker's.
	Summary
)

// Text returns the words of an attribution as one string, parts joined by
// " … ".
func (at Attribution) Text(a *crosscheck.Article) string {
	parts := make([]string, 0, len(at.Content))
	for _, c := range at.Content {
		parts = append(parts, a.Slice(c))
	}
	return strings.Join(parts, " … ")
}

// finder holds the state of one article's pass.
type finder struct {
	a       *crosscheck.Article
	toks    []crosscheck.Token
	cues    map[string]cueKind
	others  map[string]otherCue
	phrases map[string]map[string]otherCue
	w       *langWords
	// bare holds the bare forms of cue verbs ("support", "argue"), read as
	// verbs only after a word that can take them.
	bare map[string]bool
	// plain holds the cue verbs read as cues only after a plain speaker.
	plain map[string]bool
	// midCap holds the words written with a capital inside a sentence:
	// names, as against words capitalised only to open one. Made on
	// first use.
	midCap map[string]bool
	// lex merges the tables above word by word (lexEntry), for the
	// tagger's features.
	lex     *lexicon
	regions []region
	// regionOf[i] is the index in regions of the quotation token i lies
	// in, or -1.
	regionOf []int
	out      []Attribution
	// transcript reports an interview or a transcript: paragraphs opening
	// with a speaker's label in capitals ("Q:", "TAPPER:"), which elsewhere
	// would be a dateline.
	transcript bool
}

// countLabels counts the paragraphs that open with a short run of words in
// capitals and a colon.
func (f *finder) countLabels() int {
	n, ti := 0, 0
	for _, p := range f.a.Paragraphs {
		for ti < len(f.toks) && f.toks[ti].Start < p.Start {
			ti++
		}
		j := ti
		for j < len(f.toks) && j-ti < 4 && f.toks[j].Kind == crosscheck.TokenWord && f.toks[j].End <= p.End {
			j++
		}
		if j == ti || j >= len(f.toks) || f.toks[j].Norm != ":" || f.toks[j].End > p.End {
			continue
		}
		if pre := f.a.Text[f.toks[ti].Start:f.toks[j-1].End]; strings.ToUpper(pre) == pre {
			n++
		}
	}
	return n
}

// unit is a stretch of tokens read as one sentence: the text layer's
// sentences joined where a boundary falls inside a quotation.
type unit struct {
	from, to int // token range
	para     int
}

// Find returns the attributions of one article in text order. It runs
// text.Analyze when the article has no tokens yet. The rules' attributions
// are completed by the embedded learned tagger (see FindWith).
func Find(a *crosscheck.Article) []Attribution {
	return FindWith(a, EmbeddedTagger())
}

// findRules runs the hand-written rules alone; nil for an empty article.
func findRules(a *crosscheck.Article) *finder {
	if a == nil || a.Text == "" {
		return nil
	}
	if a.Tokens == nil {
		text.Analyze(a)
	}
	cues, w, _, others, phrases := allCueTablesFor(a.Language)
	f := &finder{a: a, toks: a.Tokens, cues: cues, others: others, phrases: phrases, w: w, bare: bareForms[lang(a.Language)],
		plain: plainCues[lang(a.Language)], lex: lexiconFor(lang(a.Language))}
	for _, p := range a.Paragraphs {
		f.regions = append(f.regions, findRegions(a.Text, p)...)
	}
	f.regionOf = make([]int, len(f.toks))
	ri := 0
	for i, t := range f.toks {
		f.regionOf[i] = -1
		for ri < len(f.regions) && f.regions[ri].Outer.End <= t.Start {
			ri++
		}
		if ri < len(f.regions) && t.Start >= f.regions[ri].Outer.Start && t.End <= f.regions[ri].Outer.End {
			f.regionOf[i] = ri
		}
	}
	f.transcript = f.countLabels() >= 3
	f.run()
	sort.SliceStable(f.out, func(i, j int) bool { return firstPos(f.out[i]) < firstPos(f.out[j]) })
	return f
}

func firstPos(at Attribution) int {
	p := at.Cue.Start
	if len(at.Content) > 0 && at.Content[0].Start < p {
		p = at.Content[0].Start
	}
	return p
}

// units joins the article's sentences where a sentence boundary falls
// inside a quotation.
func (f *finder) units() []unit {
	var out []unit
	para := 0
	for si, s := range f.a.Sentences {
		for para < len(f.a.Paragraphs)-1 && f.a.Paragraphs[para].End <= s.Start {
			para++
		}
		tr := f.a.SentenceTokens[si]
		if tr[0] == tr[1] {
			continue
		}
		if n := len(out); n > 0 && out[n-1].para == para && out[n-1].to == tr[0] &&
			((f.regionOf[tr[0]] >= 0 && f.regionOf[tr[0]] == f.regionOf[tr[0]-1]) || f.trailingCue(tr)) {
			out[n-1].to = tr[1]
			continue
		}
		out = append(out, unit{from: tr[0], to: tr[1], para: para})
	}
	return out
}

// trailingCue reports a short sentence that is only a speaker and a cue
// after a quotation closed by its full stop: "“… emails.” Trump said."
// It belongs with the quotation.
func (f *finder) trailingCue(tr [2]int) bool {
	if tr[0] == 0 || f.regionOf[tr[0]-1] < 0 || f.regionOf[tr[0]] >= 0 || tr[1]-tr[0] > 6 || f.toks[tr[1]-1].Norm != "." {
		return false
	}
	for i := tr[0]; i < tr[1]; i++ {
		if f.cues[f.toks[i].Norm] != 0 && !f.toks[i].Cap {
			return true
		}
	}
	return false
}

// standalone reports whether a quotation stands as a statement of its own
// rather than as words inside the reporter's sentence: it is not preceded,
// in its unit, by a word other than a cue.
func (f *finder) standalone(u unit, r int) bool {
	reg := f.regions[r]
	first := -1
	for i := u.from; i < u.to; i++ {
		if f.regionOf[i] == r {
			first = i
			break
		}
	}
	if first < 0 {
		return false
	}
	if first == u.from {
		return true
	}
	prev := f.toks[first-1]
	if prev.Kind == crosscheck.TokenPunct {
		switch prev.Norm {
		case ",", ":", "-", "(", ";", "...":
			return true
		}
		return f.regionOf[first-1] >= 0 // "…," he said. "…" joined
	}
	if f.cues[prev.Norm] != 0 && f.cues[prev.Norm] != cueAs {
		return true // X said "…" without a comma
	}
	// A quotation of several sentences stands on its own wherever it is.
	// Short exclamations inside a sentence ("to chants of “Marco!
	// Marco!”") are not.
	inner := f.a.Slice(reg.Inner)
	return strings.ContainsAny(strings.TrimRight(inner, ".!?,;:…’”\"' "), ".!?") && len(strings.Fields(inner)) >= 6
}

type quoteRef struct {
	region int
	from   int // first token
	to     int // last token + 1
}

// quotesIn returns the quotations of a unit in order, split into those
// standing alone and those embedded in the reporter's sentence.
func (f *finder) quotesIn(u unit) (alone, embedded []quoteRef) {
	for i := u.from; i < u.to; i++ {
		r := f.regionOf[i]
		if r < 0 || (i > u.from && f.regionOf[i-1] == r) {
			continue
		}
		j := i
		for j < u.to && f.regionOf[j] == r {
			j++
		}
		q := quoteRef{region: r, from: i, to: j}
		if f.standalone(u, r) {
			alone = append(alone, q)
		} else {
			embedded = append(embedded, q)
		}
	}
	return alone, embedded
}

func (f *finder) run() {
	units := f.units()
	// last is the index in f.out of the last attribution with quoted words,
	// and the paragraph it is in: a quotation with no cue of its own
	// continues it.
	last, lastPara := -1, -1
	// pending is a cue that ends its paragraph with a colon ("The minister
	// said:"): its words are the quotation that follows.
	var pending *Attribution
	pendingPara := -1
	for ui, u := range units {
		alone, embedded := f.quotesIn(u)
		direct := -1
		if len(alone) > 0 {
			direct = f.directCue(u, alone)
		}
		before := len(f.out)
		f.indirect(u, alone, embedded, direct)
		f.inPoll(u)
		reported := -1
		if direct < 0 {
			reported = f.lastReported(before)
		}
		if reported >= 0 && len(alone) > 0 && f.quotesFollow(f.out[reported], alone) {
			// "X said that a deal might be possible: “…”": the quotation
			// goes on with the reported speech.
			for _, q := range alone {
				f.out[reported].Content = append(f.out[reported].Content, f.regions[q.region].Inner)
			}
			direct = reported
		} else if direct < 0 && len(alone) > 0 {
			prevOpen := ui > 0 && f.unitEndsOpen(units[ui-1])
			switch {
			case pending != nil && pendingPara >= u.para-1:
				at := *pending
				at.Direct = true
				for _, q := range alone {
					at.Content = append(at.Content, f.regions[q.region].Inner)
				}
				f.out = append(f.out, at)
				direct = len(f.out) - 1
			case last >= 0 && (lastPara == u.para || (lastPara == u.para-1 && (prevOpen || f.onlyQuoted(u)))):
				for _, q := range alone {
					f.out[last].Content = append(f.out[last].Content, f.regions[q.region].Inner)
				}
				lastPara = u.para
			}
		}
		if len(f.out) == before && direct < 0 {
			f.headline(u)
		}
		pending = nil
		if direct >= 0 {
			last, lastPara = direct, u.para
		} else if reported >= 0 {
			// "…, he said." then a quotation with no cue of its own: the
			// same speaker goes on.
			last, lastPara = reported, u.para
		} else if len(f.out) == before && f.toks[u.to-1].Norm == ":" {
			pending, pendingPara = f.colonCue(u), u.para
		}
	}
}

// pollNouns head the phrase of a poll that "in" makes a source.
var pollNouns = map[string]bool{"poll": true, "polls": true, "survey": true, "surveys": true}

// inPoll reads a poll named by "in" as the source of the figures in its
// clause: "In a CBS News poll last month, Mr. Cruz had a 10-point lead",
// "Clinton leads by four points in the latest poll".
func (f *finder) inPoll(u unit) {
	for i := u.from; i < u.to; i++ {
		if f.regionOf[i] >= 0 || f.toks[i].Norm != "in" {
			continue
		}
		// The poll's phrase runs to a comma or the end of the unit.
		j, head := i+1, false
		for j < u.to && f.regionOf[j] < 0 && f.toks[j].Norm != "," && f.toks[j].Norm != ";" && (f.toks[j].Norm != "." || f.abbreviationDot(j) && j+1 < u.to) {
			if pollNouns[f.toks[j].Norm] {
				head = true
			}
			if f.w.finiteVerbs[f.toks[j].Norm] || f.w.clauseBreak[f.toks[j].Norm] && !f.toks[j].Cap || j-i > 12 {
				head = false
				break
			}
			j++
		}
		if !head || j == i+1 {
			continue
		}
		end := u.to
		for end > u.from && f.toks[end-1].Kind == crosscheck.TokenPunct && f.regionOf[end-1] < 0 {
			end--
		}
		var content [2]int
		switch {
		case i == u.from && j < u.to && f.toks[j].Norm == ",":
			content = [2]int{j + 1, end}
		case i > u.from && j >= end && f.hasCap([2]int{i + 1, j}):
			// Only a poll named: "a lead in the polls" reports no poll.
			content = [2]int{u.from, i}
		default:
			continue
		}
		for content[1] > content[0] && f.toks[content[1]-1].Kind == crosscheck.TokenPunct && f.regionOf[content[1]-1] < 0 {
			content[1]--
		}
		if content[1]-content[0] < 3 {
			continue
		}
		src := f.span([2]int{i + 1, j})
		if f.holdsSource(src) {
			continue
		}
		f.out = append(f.out, Attribution{Source: src, Name: src, Cue: f.toks[i].Span,
			Content: []crosscheck.Span{f.span(content)}, Sense: Finding})
		return
	}
}

// ofPlace reports a range that ends in "of", "in" or "from" and a
// capitalised place: "of Flint", "Cory James of Flint", "during a town
// hall meeting in Columbus".
func (f *finder) ofPlace(s [2]int) bool {
	for i := s[1] - 1; i > s[0] && i >= s[1]-3; i-- {
		if placePrep[f.toks[i].Norm] {
			return i+1 < s[1] && f.nameRun([2]int{i + 1, s[1]})
		}
	}
	return placePrep[f.toks[s[0]].Norm] && s[1]-s[0] >= 2 && f.nameRun([2]int{s[0] + 1, s[1]})
}

// placePrep are the prepositions before a place whose state may follow
// after a comma: "of Flint, Mich.", "in Columbus, Ohio".
var placePrep = map[string]bool{"of": true, "in": true, "from": true}

// hasCap reports a capitalised word in a token range.
func (f *finder) hasCap(s [2]int) bool {
	for i := s[0]; i < s[1]; i++ {
		if f.toks[i].Cap && f.toks[i].Kind == crosscheck.TokenWord {
			return true
		}
	}
	return false
}

// holdsSource reports an attribution already found whose source overlaps
// a span.
func (f *finder) holdsSource(sp crosscheck.Span) bool {
	for _, at := range f.out {
		if at.Source.Start < sp.End && sp.Start < at.Source.End {
			return true
		}
	}
	return false
}

// lastReported returns the index of the last reported-speech attribution
// recorded from index from on that names its speaker, or -1.
func (f *finder) lastReported(from int) int {
	for k := len(f.out) - 1; k >= from; k-- {
		at := f.out[k]
		if at.Sense == Speech && !at.Partial && at.Source.Len() > 0 && len(at.Content) > 0 {
			return k
		}
	}
	return -1
}

// quotesFollow reports quotations that come after an attribution's
// content and cue, with nothing but punctuation between: its words go on.
func (f *finder) quotesFollow(at Attribution, alone []quoteRef) bool {
	end := max(at.Cue.End, at.Source.End)
	for _, c := range at.Content {
		end = max(end, c.End)
	}
	q := alone[0]
	if f.toks[q.from].Start < end {
		return false
	}
	for i := q.from - 1; i >= 0 && f.toks[i].Start >= end; i-- {
		if f.toks[i].Kind != crosscheck.TokenPunct {
			return false
		}
	}
	return true
}

// headline reads a headline that gives its source before a colon:
// "Kasich: ‘We Are Going to Cleveland’", "Poll: Trump Ties Clinton". The
// unit must open its paragraph and the source be a short run of
// capitalised words.
func (f *finder) headline(u unit) {
	if u.from > 0 && f.toks[u.from-1].End > f.a.Paragraphs[u.para].Start {
		return
	}
	c := u.from
	for c < u.to && c-u.from < 6 && f.toks[c].Norm != ":" {
		c++
	}
	if c == u.from || c >= u.to || f.toks[c].Norm != ":" || u.to-c < 4 {
		return
	}
	if !f.nameRun([2]int{u.from, c}) {
		return
	}
	if pre := f.a.Text[f.toks[u.from].Start:f.toks[c-1].End]; strings.ToUpper(pre) == pre && !f.transcript {
		return // a dateline: "WASHINGTON:"
	}
	// A speaker's label runs to the end of its paragraph: "Lopez: Well, …
	// In a way, …".
	end := u.to
	for end < len(f.toks) && f.toks[end].End <= f.a.Paragraphs[u.para].End {
		end++
	}
	for end > c+1 && f.toks[end-1].Kind == crosscheck.TokenPunct && f.regionOf[end-1] < 0 {
		end--
	}
	if end-c-1 < 3 {
		return
	}
	src := f.span([2]int{u.from, c})
	f.out = append(f.out, Attribution{Source: src, Name: src, Cue: f.toks[c].Span,
		Content: []crosscheck.Span{f.span([2]int{c + 1, end})}, Sense: Summary})
}

// onlyQuoted reports a unit that is nothing but a quotation opening its
// paragraph: the next paragraph of the speaker quoted just before.
func (f *finder) onlyQuoted(u unit) bool {
	if f.regionOf[u.from] < 0 {
		return false
	}
	for i := u.from; i < u.to; i++ {
		if f.regionOf[i] < 0 && f.toks[i].Kind != crosscheck.TokenPunct {
			return false
		}
	}
	return true
}

// colonCue reads "X said:" at the end of a unit: an attribution waiting
// for its words.
func (f *finder) colonCue(u unit) *Attribution {
	for i := u.to - 2; i >= u.from && i >= u.to-10; i-- {
		if f.regionOf[i] >= 0 {
			return nil
		}
		k := f.speechCueAt(i, u)
		if k == 0 || k == cueAccording || k == cueNP {
			continue
		}
		at, ok := f.frame(u, i, k)
		if !ok || at.Source.Len() == 0 {
			return nil
		}
		at.Content = nil
		return &at
	}
	return nil
}

func (f *finder) unitEndsOpen(u unit) bool {
	r := f.regionOf[u.to-1]
	return r >= 0 && !f.regions[r].Closed
}

// directCue finds the cue of a unit's standalone quotations and records the
// attribution; it returns its index in f.out, or -1 when the unit has no
// cue next to them.
func (f *finder) directCue(u unit, alone []quoteRef) int {
	best, bestDist := -1, 1<<30
	var bestAt Attribution
	for i := u.from; i < u.to; i++ {
		if f.regionOf[i] >= 0 {
			continue
		}
		k := f.speechCueAt(i, u)
		if k == 0 || k == cueAccording || k == cueNP {
			continue
		}
		d := f.distanceToQuote(i, u, alone)
		if d < 0 || d > 12 || d >= bestDist {
			continue
		}
		at, ok := f.frame(u, i, k)
		if !ok && i > u.from && f.toks[i-1].Norm == "and" {
			// "Trump called on her to resign and said, “…”": the subject
			// of the sentence's first verb.
			if src, found := f.leadingSubject(u, i); found && !f.w.determiners[strings.ToLower(f.a.Slice(src))] {
				subj := Attribution{Source: src, Name: src}
				_, subj.Pronoun = f.w.pronouns[strings.ToLower(f.a.Slice(src))]
				_, sense, width := f.cueInfo(i)
				at = Attribution{Source: src, Name: src, Pronoun: subj.Pronoun, Sense: sense,
					Cue: crosscheck.Span{Start: f.toks[i].Start, End: f.toks[i+width-1].End}}
				ok = true
			}
		}
		if !ok {
			continue
		}
		best, bestDist, bestAt = i, d, at
	}
	if best < 0 {
		return -1
	}
	bestAt.Direct = true
	bestAt.Content = nil
	for _, q := range alone {
		bestAt.Content = append(bestAt.Content, f.regions[q.region].Inner)
	}
	bestAt.Reported = f.reportedAround(u, alone, best, bestAt)
	f.out = append(f.out, bestAt)
	return len(f.out) - 1
}

// reportedAround returns the reporter's words that go with quotations
// whose cue comes after them: the clause opening the unit before the first
// quotation ("To believe …, “…,” he said") and the words between the last
// quotation and the speaker ("“…” and against the law, Clinton said").
func (f *finder) reportedAround(u unit, alone []quoteRef, c int, at Attribution) []crosscheck.Span {
	first, last := alone[0], alone[len(alone)-1]
	if c < last.to {
		return nil
	}
	var out []crosscheck.Span
	if lead, ok := f.reportedRun(u, [2]int{u.from, first.from}); ok {
		out = append(out, lead)
	}
	// the speaker phrase or the cue, whichever comes first
	stop := c
	for stop > last.to && f.toks[stop-1].End > min(at.Source.Start, at.Cue.Start) {
		stop--
	}
	if at.Source.Len() == 0 {
		stop = c
	}
	if mid, ok := f.reportedRun(u, [2]int{last.to, stop}); ok {
		out = append(out, mid)
	}
	return out
}

// reportedRun trims punctuation off a token range outside quotations and
// returns its span when it holds a word and no cue.
func (f *finder) reportedRun(u unit, r [2]int) (crosscheck.Span, bool) {
	for r[0] < r[1] && f.toks[r[0]].Kind == crosscheck.TokenPunct {
		r[0]++
	}
	for r[1] > r[0] && f.toks[r[1]-1].Kind == crosscheck.TokenPunct {
		r[1]--
	}
	if r[0] >= r[1] {
		return crosscheck.Span{}, false
	}
	for i := r[0]; i < r[1]; i++ {
		if f.regionOf[i] >= 0 {
			return crosscheck.Span{}, false
		}
		if k, _, _ := f.cueInfo(i); k != 0 && f.cueAt(i, u) != 0 {
			return crosscheck.Span{}, false
		}
	}
	return f.span(r), true
}

// distanceToQuote counts the words between token i and the nearest
// standalone quotation of the unit, or -1 when a clause boundary (a full
// stop, or another quotation) lies between.
func (f *finder) distanceToQuote(i int, u unit, alone []quoteRef) int {
	best := -1
	for _, q := range alone {
		var from, to int
		if q.to <= i {
			from, to = q.to, i
		} else {
			from, to = i+1, q.from
		}
		d := 0
		ok := true
		for j := from; j < to; j++ {
			t := f.toks[j]
			if f.regionOf[j] >= 0 || (t.Norm == "." && !f.titleDot(j) && !f.parenDot(j)) || t.Norm == ";" {
				ok = false
				break
			}
			if t.Kind != crosscheck.TokenPunct {
				d++
			}
		}
		if ok && (best < 0 || d < best) {
			best = d
		}
	}
	return best
}

// cueInfo returns the kind, sense and width in tokens of the cue token i
// begins, looked up without regard to its context; kind 0 for none.
func (f *finder) cueInfo(i int) (cueKind, Sense, int) {
	t := f.toks[i]
	if t.Kind != crosscheck.TokenWord {
		return 0, Speech, 0
	}
	// One lookup in the merged lexicon stands for the three tables
	// (phrases, cues, others), read in that order of precedence.
	e := f.lex.get(t.Norm)
	if e.hasPhrase && i+1 < len(f.toks) && f.regionOf[i+1] < 0 {
		if c, ok := e.phrase[f.toks[i+1].Norm]; ok {
			return c.kind, c.sense, 2
		}
	}
	if e.cue != 0 {
		return e.cue, Speech, 1
	}
	if e.hasOther {
		return e.other.kind, e.other.sense, 1
	}
	return 0, Speech, 0
}

// speechCueAt returns the kind of a speech cue token i begins, or 0: the
// cues that may frame a quotation standing alone.
func (f *finder) speechCueAt(i int, u unit) cueKind {
	if _, sense, _ := f.cueInfo(i); sense != Speech {
		return 0
	}
	return f.cueAt(i, u)
}

// cueAt returns the kind of cue token i begins, or 0.
func (f *finder) cueAt(i int, u unit) cueKind {
	t := f.toks[i]
	k, _, _ := f.cueInfo(i)
	if k == 0 {
		return 0
	}
	// A cue is not capitalised inside a sentence: "Found Footage".
	if t.Cap && i > u.from && f.cues[t.Norm] == 0 {
		return 0
	}
	// A noun, not a verb: "the claims", "about reports".
	if i > u.from {
		p := f.toks[i-1]
		// After a number or a quantity only a plural reads as a noun: "three
		// said", "many believe", but "two claims".
		counted := f.w.quantities[p.Norm] && (!strings.HasSuffix(t.Norm, "s") || t.Norm == "says")
		if !p.Cap && !counted && (f.w.determiners[p.Norm] || f.w.cueTails[p.Norm] || p.Norm == "about" || p.Norm == "of" || p.Norm == "for" || p.Norm == "with" || p.Norm == "to") {
			return 0
		}
		// An adjective after a number: "by 271 pledged delegates".
		if p.Kind == crosscheck.TokenNumber && f.regionOf[i-1] < 0 && i+1 < u.to && f.plainNoun(i+1) {
			return 0
		}
	}
	if k == cueAccording {
		if i+1 >= u.to || f.toks[i+1].Norm != "to" {
			return 0
		}
	}
	_, _, width := f.cueInfo(i)
	if width == 1 && (k == cueNP || k == cueAs) && i+1 < u.to && f.regionOf[i+1] < 0 && f.w.particles[f.toks[i+1].Norm] {
		return 0 // "backed away", "called off", "compared with"
	}
	// A participle modifying a noun: "a poll released Sunday". A stance
	// takes its object straight after the verb.
	if width == 1 && k == cueNP && strings.HasSuffix(t.Norm, "ed") && i+1 < u.to && f.regionOf[i+1] < 0 &&
		(f.w.timeWords[f.toks[i+1].Norm] || f.skipTime(u, i+1) > i+1) {
		return 0 // "a poll released on Tuesday", "emails released this week"
	}
	if f.bare[t.Norm] && i > u.from && !f.bareSubject(i-1) {
		return 0 // "drew deep support", "Trump's support"
	}
	if k == cueAs && !f.asObject(u, i+1) {
		return 0 // "a play called “Los Hijos de Trump”"
	}
	return k
}

// plainNoun reports a lower-case word that is not a pronoun, a
// determiner, a complementizer or a cue: it can head the noun phrase a
// participle modifies ("pledged delegates").
func (f *finder) plainNoun(i int) bool {
	t := f.toks[i]
	if t.Kind != crosscheck.TokenWord || t.Cap || f.regionOf[i] >= 0 || f.w.determiners[t.Norm] || f.w.complement[t.Norm] ||
		f.w.prepositions[t.Norm] || f.w.auxiliaries[t.Norm] || f.cues[t.Norm] != 0 {
		return false
	}
	_, pron := f.w.pronouns[t.Norm]
	return !pron
}

// bareSubject reports a word after which a verb's bare form reads as a
// verb: a pronoun, an auxiliary or modal, a relative, "to", or a plural
// noun ("Republicans support", "they argue", "would endorse").
func (f *finder) bareSubject(i int) bool {
	t := f.toks[i]
	if f.regionOf[i] >= 0 || t.Kind != crosscheck.TokenWord {
		return false
	}
	if g, ok := f.w.pronouns[t.Norm]; ok {
		return g == plural || t.Norm == "i"
	}
	switch t.Norm {
	case "you", "who", "that", "which", "to", "people":
		return true
	}
	if f.w.auxiliaries[t.Norm] || f.w.finiteVerbs[t.Norm] {
		return true
	}
	if strings.HasSuffix(t.Norm, "ly") && i > 0 {
		return f.bareSubject(i - 1) // "they strongly support"
	}
	return len(t.Norm) > 3 && strings.HasSuffix(t.Norm, "s") && !strings.HasSuffix(t.Norm, "'s") && !strings.HasSuffix(t.Norm, "ss")
}

// asObject reports whether the words after a cue of characterizing
// (called, described) begin its object: not straight away the name or
// the quotation a reduced relative gives ("a group called Ginbot 7").
func (f *finder) asObject(u unit, j int) bool {
	if j >= u.to {
		return false
	}
	if f.regionOf[j] >= 0 {
		return false
	}
	if !f.toks[j].Cap || f.toks[j].Kind != crosscheck.TokenWord {
		return true
	}
	e := j
	for e < u.to && f.regionOf[e] < 0 && ((f.toks[e].Cap && f.toks[e].Kind == crosscheck.TokenWord) || (f.toks[e].Norm == "." && f.abbreviationDot(e))) {
		e++
	}
	if e >= u.to {
		return false
	}
	n := f.toks[e].Norm
	return f.regionOf[e] >= 0 || f.w.determiners[n] || n == "as" || n == "'s"
}

// frame reads the attribution a cue at token c makes: its source, the
// extent of the cue phrase and, for reported speech, the content. The
// content of a direct quotation is filled in by the caller.
func (f *finder) frame(u unit, c int, k cueKind) (Attribution, bool) {
	if k == cueAccording {
		return f.according(u, c)
	}
	var at Attribution
	_, sense, width := f.cueInfo(c)
	at.Sense = sense
	cueStart := c
	for cueStart > u.from && f.regionOf[cueStart-1] < 0 && f.w.auxiliaries[f.toks[cueStart-1].Norm] {
		cueStart--
	}
	if f.passive(cueStart, c) {
		if f.plain[f.toks[c].Norm] {
			return at, false // "was named", "is seen": a fact, not a view
		}
		return f.framePassive(u, cueStart, c, k)
	}
	var src, name crosscheck.Span
	ok := false
	cueEnd := c + width
	inverted := false
	if sense == Speech && k != cueTell && f.prefersInversion(u, cueStart, cueEnd) {
		// "Sanders can catch Clinton, said Steve Elmendorf": the clause
		// before the comma is what was said, the name after is who.
		if src, name, cueEnd, ok = f.subjectRight(u, cueEnd); ok {
			inverted = true
		} else {
			cueEnd = c + width
		}
	}
	if !ok {
		src, name, ok = f.subjectLeft(u, cueStart)
	}
	participle := strings.HasSuffix(f.toks[c].Norm, "ing") && c > u.from &&
		(f.toks[c-1].Norm == "," || (f.regionOf[c-1] >= 0 && f.regionEndsInComma(f.regionOf[c-1])))
	if participle {
		// "X expressed relief, likening it to …": the speaker is the
		// sentence's subject.
		src, ok = f.leadingSubject(u, c)
		name = src
		if !ok {
			return at, false
		}
	}
	if !ok && !inverted {
		// "…," said one of them, Rade Pavlic.
		if sense != Speech || !f.invertible(u, cueStart) {
			return at, false
		}
		src, name, cueEnd, ok = f.subjectRight(u, cueEnd)
		if !ok {
			return at, false
		}
		inverted = true
	}
	if width == 1 && f.plain[f.toks[c].Norm] && (inverted || participle || !f.plainSpeaker(name, cueStart)) {
		return at, false // "the poll saw a rise": a verb with other uses needs a plain speaker
	}
	at.Source, at.Name = src, name
	if src.Len() > 0 {
		if _, ok := f.w.pronouns[strings.ToLower(f.a.Slice(src))]; ok {
			at.Pronoun = true
		}
	}
	afterVerb := c + width
	if inverted {
		afterVerb = cueEnd
	}
	// "said on Monday": when it was said is not part of the cue.
	afterTime := f.skipTime(u, afterVerb)
	tailEnd := f.cueTail(u, afterTime)
	at.Cue = crosscheck.Span{Start: f.toks[cueStart].Start, End: f.toks[c+width-1].End}
	if tailEnd > afterTime && !inverted {
		at.Cue.End = f.toks[tailEnd-1].End
	}
	switch k {
	case cueAs:
		return at, true
	case cueNP:
		if content, ok := f.contentNP(u, tailEnd); ok {
			at.Content = []crosscheck.Span{content}
		}
		return at, true
	}
	if sense == Finding && !f.findingFrame(u, src, tailEnd) {
		return at, false
	}
	// Reported speech: the clause around a parenthetical cue ("This
	// campaign, he says, is different"), the clause after the cue, or the
	// clause before the speaker ("…, the source added").
	if parts, ok := f.contentAround(u, src, cueStart, tailEnd); ok && !inverted {
		at.Content = parts
	} else if content, ok := f.contentAfter(u, tailEnd, k); ok {
		at.Content = []crosscheck.Span{content}
	} else if content, ok := f.contentBefore(u, src, cueStart); ok && (f.clauseDone(u, tailEnd) || (k == cueTell && f.onlyHearer(u, tailEnd))) &&
		!f.holdsCue(u, content) {
		at.Content = []crosscheck.Span{content}
	} else if content, ok := f.contentAfterAs(u, src, tailEnd); ok {
		at.Content = []crosscheck.Span{content}
	}
	return at, true
}

// plainSpeaker reports a speaker phrase that a verb with other uses than
// reporting (see morePlain) may take: a pronoun for people, a name, or a
// short noun phrase ending in a noun for people ("his aides"), standing
// right before the cue.
func (f *finder) plainSpeaker(name crosscheck.Span, cueStart int) bool {
	if name.Len() == 0 || cueStart == 0 || f.toks[cueStart-1].End != name.End {
		return false
	}
	i := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].Start >= name.Start })
	s := [2]int{i, cueStart}
	if s[1]-s[0] == 1 {
		if g, ok := f.w.pronouns[f.toks[i].Norm]; ok {
			return g != neuter
		}
	}
	if f.toks[s[1]-1].Norm == "'s" || f.toks[s[1]-1].Norm == "’s" {
		return false // "Clinton's emails": a noun
	}
	if f.nameRun(s) && !f.circumstance(s[0]) {
		return true
	}
	last := f.toks[s[1]-1]
	return s[1]-s[0] <= 5 && (f.w.people[last.Norm] || f.w.findingSources[last.Norm]) && !f.hasVerb(s)
}

// contentAfterAs reads the clause after a cue introduced by "as": "As The
// Daily Caller reported, the star gave …", "as he said, …".
func (f *finder) contentAfterAs(u unit, src crosscheck.Span, tailEnd int) (crosscheck.Span, bool) {
	first := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].Start >= src.Start })
	if src.Len() == 0 || first == 0 || first-1 < u.from || f.toks[first-1].Norm != "as" || tailEnd >= u.to || f.toks[tailEnd].Norm != "," {
		return crosscheck.Span{}, false
	}
	if first-1 > u.from && f.toks[first-2].Norm != "," {
		return crosscheck.Span{}, false
	}
	end := u.to
	for end > tailEnd+1 && f.toks[end-1].Kind == crosscheck.TokenPunct && f.regionOf[end-1] < 0 {
		end--
	}
	if end-tailEnd-1 < 3 {
		return crosscheck.Span{}, false
	}
	return f.span([2]int{tailEnd + 1, end}), true
}

// prefersInversion reports a cue after a comma followed by a name
// ("…, said Steve Elmendorf"), where the words before the comma are a
// clause, not the speaker in apposition ("The envoy, John Reed, said").
func (f *finder) prefersInversion(u unit, cueStart, next int) bool {
	if cueStart-1 <= u.from || f.toks[cueStart-1].Norm != "," || f.regionOf[cueStart-1] >= 0 || next >= u.to {
		return false
	}
	t := f.toks[next]
	if t.Kind != crosscheck.TokenWord || f.regionOf[next] >= 0 || f.w.timeWords[t.Norm] {
		return false
	}
	if !t.Cap && !f.describedName([2]int{next, min(next+7, u.to)}) {
		return false
	}
	// The segment before the comma: an apposition is a name or a short
	// phrase opening with a determiner.
	j := cueStart - 2
	for j >= u.from && !f.isBreak(j) && f.toks[j].Norm != "," {
		j--
	}
	seg := [2]int{j + 1, cueStart - 1}
	if seg[0] >= seg[1] || f.nameRun(seg) || f.w.relatives[f.toks[seg[0]].Norm] {
		return false
	}
	if f.w.determiners[f.toks[seg[0]].Norm] && seg[1]-seg[0] <= 6 {
		return false
	}
	return true
}

// findingFrame reports whether a finding verb ("found", "shows") reports
// a finding rather than an act ("police found the car"): a that-clause
// follows, or the source is a poll, a study or the like.
func (f *finder) findingFrame(u unit, src crosscheck.Span, i int) bool {
	if i < u.to && f.w.complement[f.toks[i].Norm] {
		return true
	}
	for _, w := range strings.Fields(strings.ToLower(f.a.Slice(src))) {
		if f.w.findingSources[strings.Trim(w, ",.’'")] {
			return true
		}
	}
	return false
}

// skipTime returns the token after a time phrase beginning at i ("on
// Monday", "Tuesday", "last week", "yesterday"), or i.
func (f *finder) skipTime(u unit, i int) int {
	if i >= u.to || f.regionOf[i] >= 0 {
		return i
	}
	t := f.toks[i]
	switch {
	case t.Norm == "on" && i+1 < u.to && f.w.timeWords[f.toks[i+1].Norm] && f.regionOf[i+1] < 0:
		j := i + 2
		if j < u.to && f.toks[j].Kind == crosscheck.TokenNumber {
			j++
		}
		return j
	case f.w.timeWords[t.Norm]:
		j := i + 1
		if t.Cap && j < u.to && f.toks[j].Kind == crosscheck.TokenNumber {
			j++
		}
		return j
	case (t.Norm == "last" || t.Norm == "this" || t.Norm == "next" || t.Norm == "earlier" || t.Norm == "later") &&
		i+1 < u.to && (f.w.timeWords[f.toks[i+1].Norm] || f.w.timeUnits[f.toks[i+1].Norm]):
		return i + 2
	case t.Norm == "earlier" || t.Norm == "recently" || t.Norm == "yesterday" || t.Norm == "today" || t.Norm == "tonight":
		return i + 1
	}
	return i
}

// contentNP reads the noun phrase a stance cue takes: up to the first
// comma, semicolon or the end of the unit.
func (f *finder) contentNP(u unit, i int) (crosscheck.Span, bool) {
	j := i
	for j < u.to && f.toks[j].Norm != "," && f.toks[j].Norm != ";" && !(f.toks[j].Norm == "." && f.regionOf[j] < 0 && !f.titleDot(j)) &&
		!(f.toks[j].Norm == "and" && f.regionOf[j] < 0 && f.speechCueSoon(u, j+1)) &&
		!(f.toks[j].Norm == "-" && f.regionOf[j] < 0 && j > 0 && f.a.Text[f.toks[j].Start-1] == ' ') {
		j++
	}
	for j > i && f.toks[j-1].Kind == crosscheck.TokenPunct && f.regionOf[j-1] < 0 {
		j--
	}
	if j <= i || j-i > 40 {
		return crosscheck.Span{}, false
	}
	return f.span([2]int{i, j}), true
}

// cueTail returns the end of a cue's manner or channel phrase after the
// verb ("in a statement", "in a post on X", "on Telegram"): the phrase
// must run to a comma, a colon, a quotation, "that" or the end.
func (f *finder) cueTail(u unit, i int) int {
	if i >= u.to || f.regionOf[i] >= 0 || !f.w.cueTails[f.toks[i].Norm] {
		return i
	}
	j := i
	for j < u.to && j-i < 8 {
		t := f.toks[j]
		if f.regionOf[j] >= 0 || (t.Kind == crosscheck.TokenPunct && t.Norm != "-") || f.w.complement[t.Norm] {
			return j
		}
		j++
	}
	if j == u.to {
		return j
	}
	return i
}

// abbreviationDot reports a full stop that ends an abbreviation inside a
// sentence: Mr. Rep. U.S.
func (f *finder) abbreviationDot(i int) bool {
	return i > 0 && f.toks[i-1].Kind == crosscheck.TokenWord && len(f.toks[i-1].Norm) <= 4 && f.toks[i-1].End == f.toks[i].Start
}

// innerAbbreviation reports the full stop of an abbreviation with a
// word of its phrase after it: "F.A.A. records".
func (f *finder) innerAbbreviation(u unit, i int) bool {
	return f.abbreviationDot(i) && i+1 < u.to && f.toks[i+1].Kind == crosscheck.TokenWord && !f.toks[i+1].Cap
}

// titleDot reports the full stop of a title before a name ("Mr. Lew",
// "Gov. Kasich"), which does not end the clause the way "he said." does.
func (f *finder) titleDot(i int) bool {
	return f.abbreviationDot(i) && f.toks[i-1].Cap && i+1 < len(f.toks) && f.toks[i+1].Cap && f.toks[i+1].Kind == crosscheck.TokenWord
}

// parenDot reports the full stop of an abbreviation closing a short
// parenthetical after a name ("Rep. Earl Blumenauer (D-Ore.) said"): the
// clause goes on.
func (f *finder) parenDot(i int) bool {
	if i+1 >= len(f.toks) || f.toks[i].End != f.toks[i+1].Start {
		return false
	}
	_, ok := f.shortParenOpen(i + 1)
	return ok
}

// isBreak reports tokens that end a speaker phrase going left.
func (f *finder) isBreak(i int) bool {
	t := f.toks[i]
	if f.regionOf[i] >= 0 {
		return true
	}
	if t.Kind == crosscheck.TokenPunct {
		switch t.Norm {
		case ",", "'", "&", "/":
			return false
		case "-":
			// a hyphen inside a word ("34-year-old") joins; a dash set off
			// by spaces breaks
			if t.Start > 0 && f.a.Text[t.Start-1] != ' ' {
				return false
			}
		case ".":
			if f.abbreviationDot(i) {
				return false
			}
		case "(":
			if _, ok := f.shortParen(i); ok {
				return false
			}
		case ")":
			if _, ok := f.shortParenOpen(i); ok {
				return false
			}
		}
		return true
	}
	if !t.Cap && f.w.clauseBreak[t.Norm] {
		return true
	}
	return false
}

// shortParen returns the closing parenthesis of a short parenthetical
// opening at token i after a name: "Sen. Bernie Sanders (I-Vt.)", "Gov.
// Phil Bryant (R)". Such a parenthetical is part of the speaker phrase.
func (f *finder) shortParen(i int) (int, bool) {
	if f.toks[i].Norm != "(" || i == 0 || !f.toks[i-1].Cap || f.toks[i-1].Kind != crosscheck.TokenWord {
		return 0, false
	}
	for j := i + 1; j < len(f.toks) && j <= i+6; j++ {
		if f.regionOf[j] >= 0 || f.toks[j].Norm == "(" {
			return 0, false
		}
		if f.toks[j].Norm == ")" {
			return j, j > i+1
		}
	}
	return 0, false
}

// shortParenOpen returns the opening parenthesis of the short
// parenthetical a closing one at token i ends.
func (f *finder) shortParenOpen(i int) (int, bool) {
	if f.toks[i].Norm != ")" {
		return 0, false
	}
	for j := i - 1; j > 0 && j >= i-6; j-- {
		if f.toks[j].Norm == "(" {
			if c, ok := f.shortParen(j); ok && c == i {
				return j, true
			}
			return 0, false
		}
	}
	return 0, false
}

// partyTag reports a range that is a party and state in apposition to a
// politician's name: "R-Texas", "D-Calif.".
func (f *finder) partyTag(s [2]int) bool {
	if s[1]-s[0] < 1 || s[1]-s[0] > 2 {
		return false
	}
	t := f.toks[s[0]]
	if t.Kind != crosscheck.TokenWord || !t.Cap || len(t.Norm) < 3 || t.Norm[1] != '-' || !strings.ContainsRune("rdi", rune(t.Norm[0])) {
		return false
	}
	return s[1]-s[0] == 1 || f.toks[s[0]+1].Norm == "."
}

// subjectLeft finds the speaker before a cue beginning at token c. It
// returns the speaker phrase and the part of it that names the speaker.
func (f *finder) subjectLeft(u unit, c int) (src, name crosscheck.Span, ok bool) {
	src, name, ok = f.subjectLeftPhrase(u, c)
	if !ok && c-1 > u.from && f.regionOf[c-1] < 0 && f.toks[c-1].Norm == "who" && !f.toks[c-1].Cap {
		// "… among the voters who said …": the relative pronoun is the
		// speaker as written, whatever the clause before it holds.
		return f.toks[c-1].Span, f.toks[c-1].Span, true
	}
	if !ok {
		// "Gingrich — mentioned as a running mate — told …": the speaker
		// stands before a remark set off by dashes.
		if k, found := f.dashOpen(u, c); found {
			if src, name, ok = f.subjectLeftPhrase(u, k); ok {
				src.End = f.toks[c-2].End
				return src, name, true
			}
		}
		return src, name, ok
	}
	first := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].Start >= src.Start })
	// "Bush and Gov. Rick Scott said": names joined by "and" speak together.
	if first-2 >= u.from && f.toks[first-1].Norm == "and" && f.nameRun([2]int{first, first + 1}) {
		k := first - 1
		for k > u.from && k > first-6 && f.toks[k-1].Cap && f.toks[k-1].Kind == crosscheck.TokenWord && f.regionOf[k-1] < 0 {
			k--
		}
		if k < first-1 && (k == u.from || f.isBreak(k-1) || f.toks[k-1].Norm == ",") {
			src.Start = f.toks[k].Start
		}
	}
	// "But the company said": a conjunction opening the sentence is not
	// part of the speaker.
	if first < c-1 && f.toks[first].Cap && f.w.clauseBreak[f.toks[first].Norm] {
		src.Start = f.toks[first+1].Start
		if name.Start < src.Start {
			name.Start = src.Start
		}
	}
	// "leaders who said": the relative pronoun is the speaker as written;
	// the name is what it refers to.
	if p := c - 1; p > u.from && f.regionOf[p] < 0 && (f.toks[p].Norm == "who" || f.toks[p].Norm == "which") && f.toks[p].Start >= src.Start {
		src = f.toks[p].Span
	}
	return src, name, true
}

// nameRelatives gives an attribution whose speaker is a relative "who"
// (the tagger's, or the rules' when no speaker phrase stands before it) the
// phrase the pronoun follows as its Name: "her sister, who shared that …",
// "welcomed by opposition leaders, who emphasize that …". Source stays the
// pronoun, the speaker as written.
func (f *finder) nameRelatives(ats []Attribution) {
	for i := range ats {
		at := &ats[i]
		if at.Name.Len() == 0 || at.Name != at.Source {
			continue
		}
		w := sort.Search(len(f.toks), func(k int) bool { return f.toks[k].Start >= at.Name.Start })
		if w == len(f.toks) || f.toks[w].End != at.Name.End || f.toks[w].Norm != "who" || f.toks[w].Cap {
			continue
		}
		lo := 0
		if k := sort.Search(len(f.a.SentenceTokens), func(k int) bool { return f.a.SentenceTokens[k][1] > w }); k < len(f.a.SentenceTokens) {
			lo = f.a.SentenceTokens[k][0]
		}
		if sp, ok := f.antecedent(lo, w); ok {
			at.Name = sp
		}
	}
}

// completeQuantified gives a speaker that ends in a quantifier its noun:
// the tagger ends some sources early ("some reports point to confusion,
// emphasizing …" had the speaker "some").
func (f *finder) completeQuantified(ats []Attribution) {
	for i := range ats {
		at := &ats[i]
		if at.Name.Len() == 0 || at.Name.End != at.Source.End {
			continue
		}
		w, ok := f.lastSourceToken(*at)
		if !ok || w+1 >= len(f.toks) || !quantifiers[f.toks[w].Norm] {
			continue
		}
		next := f.toks[w+1]
		if next.Kind != crosscheck.TokenWord || next.Cap || functionWords[next.Norm] || next.Start < at.Cue.End && next.End > at.Cue.Start {
			continue
		}
		if slices.ContainsFunc(at.Content, func(c crosscheck.Span) bool { return next.Start < c.End && next.End > c.Start }) {
			continue
		}
		at.Source.End, at.Name.End = next.End, next.End
	}
}

// lastSourceToken returns the index of the token that ends at's Source.
func (f *finder) lastSourceToken(at Attribution) (int, bool) {
	w := sort.Search(len(f.toks), func(k int) bool { return f.toks[k].End >= at.Source.End })
	return w, w < len(f.toks) && f.toks[w].End == at.Source.End
}

// trimAdverbs drops the lower-case adverbs ending a speaker ("Mr. Rubio
// defiantly", "critics in both parties quickly"): the tagger takes the
// word between the speaker and the cue into the speaker.
func (f *finder) trimAdverbs(ats []Attribution) {
	for i := range ats {
		at := &ats[i]
		for at.Name.Len() > 0 && at.Name.End == at.Source.End {
			w, ok := f.lastSourceToken(*at)
			if !ok || w == 0 || f.toks[w].Start <= at.Name.Start {
				break
			}
			t := f.toks[w]
			if t.Kind != crosscheck.TokenWord || t.Cap || !strings.HasSuffix(t.Norm, "ly") || len(t.Norm) < 5 {
				break
			}
			end := f.toks[w-1].End
			at.Source.End, at.Name.End = end, end
		}
	}
}

// quantifiers open a noun phrase whose noun names the speakers.
var quantifiers = map[string]bool{"some": true, "many": true, "several": true, "most": true, "few": true, "other": true, "both": true, "all": true}

// antecedent returns the phrase a relative pronoun at token w follows,
// within the sentence from token lo: the words before it (and its comma)
// back to a preposition, conjunction, verb or cue, at most six.
func (f *finder) antecedent(lo, w int) (crosscheck.Span, bool) {
	end := w
	if end-1 >= lo && f.toks[end-1].Norm == "," {
		end--
	}
	k := end - 1
	for ; k >= lo && end-k <= 6 && f.regionOf[k] < 0; k-- {
		t := f.toks[k]
		n := t.Norm
		if t.Kind != crosscheck.TokenWord && n != "'s" && n != "." {
			break
		}
		if f.w.prepositions[n] || f.w.cueTails[n] || f.w.clauseBreak[n] || f.w.relatives[n] || f.w.finiteVerbs[n] ||
			f.w.auxiliaries[n] || f.cues[n] != 0 || n == "with" || n == "among" || n == "to" || n == "of" {
			break
		}
	}
	s := [2]int{k + 1, end}
	if s[0] >= s[1] || end-k > 6 || f.toks[s[1]-1].Kind != crosscheck.TokenWord || !f.speakerLike(s) {
		return crosscheck.Span{}, false
	}
	return f.span(s), true
}

// isDash reports a dash set off by spaces: "—", "–" or "--".
func (f *finder) isDash(i int) bool {
	n := f.toks[i].Norm
	return f.regionOf[i] < 0 && (n == "—" || n == "–" || n == "--" || (n == "-" && f.toks[i].Start > 0 && f.a.Text[f.toks[i].Start-1] == ' '))
}

// dashOpen returns the opening dash of a remark set off by dashes that
// ends just before token c.
func (f *finder) dashOpen(u unit, c int) (int, bool) {
	if c-2 <= u.from || !f.isDash(c-1) {
		return 0, false
	}
	for k := c - 2; k > u.from && k >= c-30; k-- {
		if f.regionOf[k] >= 0 || f.toks[k].Norm == "." && !f.abbreviationDot(k) || f.toks[k].Norm == ";" {
			return 0, false
		}
		if f.isDash(k) {
			return k, k < c-2
		}
	}
	return 0, false
}

// subjectLeftPhrase reads the speaker phrase before a cue.
func (f *finder) subjectLeftPhrase(u unit, c int) (src, name crosscheck.Span, ok bool) {
	// Comma-separated segments going left, nearest first.
	var segs [][2]int
	end := c
	j := c - 1
	if j > u.from && f.toks[j].Norm == "," {
		// the comma closing an apposition or a relative clause: "X, the
		// envoy, said"
		end, j = j, j-1
		// a sentence adverb set off by commas: "Murphy, though, said"
		if j-1 > u.from && f.toks[j-1].Norm == "," && f.regionOf[j] < 0 && !f.toks[j].Cap &&
			(f.w.sentenceAdverbs[f.toks[j].Norm] || strings.HasSuffix(f.toks[j].Norm, "ly")) {
			end, j = j-1, j-2
		}
	}
	// A relative clause can hold a conjunction only when a comma closes it
	// before the cue: "Mr. Kim, who was in Europe and Africa, said", not
	// "Schilling, who had worked there and recently offered".
	closed := c-1 > u.from && f.toks[c-1].Norm == ","
	for ; j >= u.from && (!f.isBreak(j) || f.joinsSpeakers(u, j) || (closed && f.insideRelative(u, j))); j-- {
		if t := f.toks[j]; j < c-1 && !t.Cap && (t.Norm == "when" || t.Norm == "where") && f.regionOf[j] < 0 {
			break // "was booed when she said": the clause of the cue begins
		}
		if o, ok := f.shortParenOpen(j); ok && o >= u.from {
			j = o // "(D-Nev.)": its full stop does not end the phrase
			continue
		}
		if f.toks[j].Norm == "," {
			segs = append(segs, [2]int{j + 1, end})
			end = j
		}
	}
	segs = append(segs, [2]int{j + 1, end})
	// A relative clause set off by commas may hold commas of its own ("X,
	// who was to travel to Columbus, Ohio, on Wednesday, said"): the
	// segments after its relative word belong to it.
	for m := 1; m < len(segs)-1 && m <= 4; m++ {
		if r := f.toks[segs[m][0]]; (r.Norm == "who" || r.Norm == "whose") && !r.Cap && f.regionOf[segs[m][0]] < 0 {
			merged := [][2]int{{segs[m][0], segs[0][1]}}
			segs = append(merged, segs[m+1:]...)
			break
		}
	}
	// outer is the end of the whole speaker phrase: a relative clause set
	// off by commas belongs to it ("Joe Bateman, who traveled from
	// Illinois, said"), though it does not name the speaker.
	outer := -1
	for si := 0; si < len(segs); si++ {
		s := segs[si]
		if s[0] >= s[1] {
			return src, name, false // nothing between the comma and the cue
		}
		// A place after "of" with its state set off by a comma: "Cory
		// James, 22, of Flint, Mich., said". The state joins the place.
		if si+1 < len(segs) && s[1]-s[0] <= 3 && f.nameRun(s) && (si > 0 || s[1] < c) {
			if l := segs[si+1]; l[1]-l[0] >= 2 && l[1]-l[0] <= 16 && f.toks[l[1]-1].Cap && f.ofPlace(l) {
				segs[si+1] = [2]int{l[0], s[1]}
				continue
			}
		}
		// "of Flint, Mich.": where the speaker is from, after a name.
		if f.toks[s[0]].Norm == "of" && si+1 < len(segs) {
			if outer < 0 {
				outer = s[1]
			}
			continue
		}
		// A relative clause or participle phrase set off by commas
		// ("X, who flew to Y, said"): the speaker is further left.
		if f.w.relatives[f.toks[s[0]].Norm] {
			if f.w.adverbialRelatives[f.toks[s[0]].Norm] && s[1]-s[0] > 1 {
				s[0]++ // "…, where officials said": the speaker follows
			} else if si+1 < len(segs) {
				if outer < 0 {
					outer = s[1]
				}
				if s[1]-s[0] == 1 && s[1] == c && (f.toks[s[0]].Norm == "who" || f.toks[s[0]].Norm == "which") {
					// "Trump was out-brutalizing Ted Cruz, who said …": when
					// no speaker phrase stands before the comma, the
					// relative pronoun is the speaker as written.
					if src, name, ok := f.subjectLeftPhrase(u, s[0]-1); ok || s[0]-1 <= u.from {
						return src, name, ok
					}
					return f.toks[s[0]].Span, f.toks[s[0]].Span, true
				}
				continue
			}
		}
		// A sentence adverb set off by commas: "Local boatmen, however, said".
		// A noun for people is the speaker: "…, officials said, …".
		if n := f.toks[s[0]].Norm; s[1]-s[0] == 1 && !f.toks[s[0]].Cap && !f.w.determiners[n] && si+1 < len(segs) &&
			f.toks[s[0]].Kind != crosscheck.TokenNumber &&
			!f.w.people[n] && !f.w.quantities[n] {
			if _, pron := f.w.pronouns[n]; !pron {
				continue
			}
		}
		// "Marco Rubio, speaking at a rally, said": a participle phrase set
		// off by commas tells what the speaker was doing; it is not part of
		// the speaker phrase.
		if t := f.toks[s[0]]; !t.Cap && t.Kind == crosscheck.TokenWord && len(t.Norm) > 4 && strings.HasSuffix(t.Norm, "ing") && si+1 < len(segs) {
			continue
		}
		// "Judge Stranch, in her dissent, said": a circumstance set off by
		// commas.
		if (f.w.cueTails[f.toks[s[0]].Norm] || f.w.prepositions[f.toks[s[0]].Norm]) && si+1 < len(segs) && !f.toks[s[0]].Cap {
			continue
		}
		// "Several candidates, including Trump, said": the examples belong
		// to the speaker phrase further left.
		if f.toks[s[0]].Norm == "including" && si+1 < len(segs) {
			if outer < 0 {
				outer = s[1]
			}
			continue
		}
		full := s[1]
		if outer > full {
			full = outer
		}
		// "Ted Cruz, R-Texas, said": the party tag follows the name.
		if f.partyTag(s) && si+1 < len(segs) {
			if l := segs[si+1]; l[0] < l[1] && f.nameRun(l) {
				return crosscheck.Span{Start: f.toks[l[0]].Start, End: f.toks[full-1].End}, f.span(l), true
			}
		}
		s[1] = f.cutRelative(s)
		if s[0] >= s[1] || s[1]-s[0] > 18 || f.hasVerb(s) || !f.speakerLike(s) || f.circumstance(s[0]) {
			// "Saturday at the state convention Sen. Elizabeth Warren
			// said", "On Monday he said": the speaker ends the clause.
			if si == 0 && s[1] == c && s[0] < s[1] && !(s[1]-s[0] <= 6 && !f.hasVerb(s) && f.describedName(s)) {
				if t, ok := f.trailingSpeaker(s); ok {
					return f.span(t), f.span(t), true
				}
			}
		}
		if s[0] >= s[1] || s[1]-s[0] > 18 || f.hasVerb(s) {
			return src, name, false
		}
		if f.hasCue(s) {
			// "said Beck, who said …": the relative pronoun is the speaker
			// as written, the name ending the inverted phrase before it
			// what it refers to.
			if si > 0 && segs[si-1][1]-segs[si-1][0] == 1 && f.w.relatives[f.toks[segs[si-1][0]].Norm] {
				k := s[1]
				for k > s[0] && f.toks[k-1].Cap && f.toks[k-1].Kind == crosscheck.TokenWord {
					k--
				}
				if k < s[1] && k > s[0] {
					return f.toks[segs[si-1][0]].Span, f.span([2]int{k, s[1]}), true
				}
			}
			return src, name, false
		}
		// An age in apposition: "Ki Hong, 33, said".
		if s[1]-s[0] == 1 && f.toks[s[0]].Kind == crosscheck.TokenNumber && si+1 < len(segs) {
			if l := segs[si+1]; l[0] < l[1] && f.nameRun(l) {
				return crosscheck.Span{Start: f.toks[l[0]].Start, End: f.toks[full-1].End}, f.span(l), true
			}
		}
		if !f.speakerLike(s) {
			// A description without a determiner in apposition to a name:
			// "Marla Kilfoyle, executive director of the group, said".
			if si+1 < len(segs) && f.toks[s[0]].Kind == crosscheck.TokenWord && !f.toks[s[0]].Cap && !f.w.cueTails[f.toks[s[0]].Norm] {
				l := segs[si+1]
				if l[0] < l[1] && f.nameRun(l) && !f.nameRun(s) {
					return crosscheck.Span{Start: f.toks[l[0]].Start, End: f.toks[full-1].End}, f.span(l), true
				}
			}
			// "former Obama Education Secretary Arne Duncan said"
			if !f.describedName(s) {
				return src, name, false
			}
		}
		src = crosscheck.Span{Start: f.toks[s[0]].Start, End: f.toks[full-1].End}
		name = f.span(s)
		// An apposition: "Ilona Marek, a 34-year-old nurse, said" or "His
		// lawyer, Pavel Stoyan, said".
		if si+1 < len(segs) && f.w.determiners[f.toks[s[0]].Norm] && !f.toks[s[0]].Cap {
			l := segs[si+1]
			// skip an age between name and description: "X, 62, a teacher"
			if l[1]-l[0] == 1 && f.toks[l[0]].Kind == crosscheck.TokenNumber && si+2 < len(segs) {
				l = segs[si+2]
			}
			if l[0] < l[1] && (f.nameRun(l) || f.longName(l)) {
				src = crosscheck.Span{Start: f.toks[l[0]].Start, End: src.End}
				name = f.span(l)
			}
		} else if f.nameRun(s) && si+1 < len(segs) {
			l := segs[si+1]
			if l[0] < l[1] && ((l[1]-l[0] <= 5 && f.w.determiners[f.toks[l[0]].Norm] && !f.hasVerb(l)) || f.ownedRole(l)) {
				src = crosscheck.Span{Start: f.toks[l[0]].Start, End: src.End}
			}
		} else if si+1 < len(segs) && f.toks[s[0]].Cap && f.hasLower(s) {
			// A description opening with a name in apposition to a name:
			// "Tad Devine, Sanders's chief strategist, said", "Chris
			// Covert, South Carolina director for Sanders, said".
			// A sentence adverb opening the sentence is no name:
			// "Additionally, Ukrainian authorities have reported".
			if l := segs[si+1]; l[0] < l[1] && l[1]-l[0] <= 5 && f.nameRun(l) && !(l[1]-l[0] == 1 && f.w.sentenceAdverbs[f.toks[l[0]].Norm]) {
				src = crosscheck.Span{Start: f.toks[l[0]].Start, End: src.End}
				name = f.span(l)
			}
		}
		return src, name, true
	}
	return src, name, false
}

// ownedRole reports a role owned by a name or a described role before
// the name it describes: "Clinton's attorney, David Kendall, said", "the
// director of the agency, James Comey, said".
func (f *finder) ownedRole(s [2]int) bool {
	if s[1]-s[0] < 3 || s[1]-s[0] > 8 || f.hasVerb(s) || f.hasCue(s) {
		return false
	}
	t := f.toks[s[0]]
	if f.w.determiners[t.Norm] {
		return !f.toks[s[0]+1].Cap || f.toks[s[0]+1].Kind != crosscheck.TokenWord
	}
	if !t.Cap || t.Kind != crosscheck.TokenWord || f.w.prepositions[t.Norm] || f.circumstance(s[0]) {
		return false
	}
	p := s[0] + 1
	if p < s[1] && f.toks[p].Cap && f.toks[p].Kind == crosscheck.TokenWord {
		p++ // "Mr. Trump's", "Hillary Clinton's"
	}
	return p+1 < s[1] && (f.toks[p].Norm == "'s" || f.toks[p].Norm == "’s") && !f.toks[p+1].Cap && f.toks[s[1]-1].Kind == crosscheck.TokenWord
}

// longName reports a name with words of its own around it, set before an
// apposition: "Republican Rep. Lee Zeldin of New York, a Trump supporter,
// said". It opens and ends with a capital and holds no verb or cue.
func (f *finder) longName(s [2]int) bool {
	if s[1]-s[0] > 8 || !f.toks[s[0]].Cap || !f.toks[s[1]-1].Cap || f.toks[s[1]-1].Kind != crosscheck.TokenWord {
		return false
	}
	return f.speakerLike(s) && !f.hasVerb(s) && !f.hasCue(s) && !f.circumstance(s[0]) && !f.w.prepositions[f.toks[s[0]].Norm]
}

// hasCue reports a cue word inside a range: a speaker phrase has none
// ("Asked about claims").
func (f *finder) hasCue(s [2]int) bool {
	for i := s[0]; i < s[1]; i++ {
		if f.toks[i].Cap && i > s[0] {
			continue // a name: "the State Department"
		}
		if i == s[1]-1 && i > s[0] && f.w.findingSources[f.toks[i].Norm] {
			continue // the head noun of a source: "the reports show"
		}
		if f.cues[f.toks[i].Norm] != 0 {
			return true
		}
	}
	return false
}

// leadingSubject reads the capitalised phrase that opens a unit, before
// token c: the subject of its main clause.
func (f *finder) leadingSubject(u unit, c int) (crosscheck.Span, bool) {
	from := u.from
	// An opening adverb or circumstance ("However,", "Early in his
	// campaign,", "Asked about it,"): its first word is capitalised only
	// because it opens the sentence.
	opener := func(t crosscheck.Token) bool {
		_, pron := f.w.pronouns[t.Norm]
		return t.Cap && t.Kind == crosscheck.TokenWord && !pron && !f.w.determiners[t.Norm] && !f.capitalizedInside(t.Norm) &&
			!strings.ContainsRune(f.a.Text[t.Start:t.End], '-') && f.cues[t.Norm] == 0
	}
	if t := f.toks[from]; f.w.prepositions[t.Norm] || (t.Cap && strings.HasSuffix(t.Norm, "ing")) ||
		(opener(t) && from+1 < c && f.commaBefore(u, c) && ((f.toks[from+1].Norm == "," && (strings.HasSuffix(t.Norm, "ly") || f.w.sentenceAdverbs[t.Norm])) ||
			(!f.toks[from+1].Cap && f.toks[from+1].Kind == crosscheck.TokenWord))) {
		// skip an opening circumstance: "Upon his release, X …"
		for from < c && f.toks[from].Norm != "," {
			from++
		}
		from++
	}
	u.from = from
	j := u.from
	if _, pron := f.w.pronouns[f.toks[from].Norm]; pron && from < c && f.regionOf[from] < 0 {
		return f.toks[from].Span, true // "However, he held his fire …"
	}
	if from < c && f.w.determiners[f.toks[from].Norm] {
		// "The senator defended …": a described subject runs to its verb.
		j++
		for j < c && j-u.from < 6 && f.toks[j].Kind == crosscheck.TokenWord && f.regionOf[j] < 0 && !f.verbAt(j) {
			j++
		}
	} else {
		for j < c && j-u.from < 6 && f.regionOf[j] < 0 && ((f.toks[j].Kind == crosscheck.TokenWord && f.toks[j].Cap) ||
			(j > u.from && (f.toks[j].Norm == "'s" || (f.toks[j].Norm == "." && f.abbreviationDot(j))))) {
			j++
		}
	}
	if j == u.from || u.from >= c || f.regionOf[u.from] >= 0 || j-u.from > 6 {
		return crosscheck.Span{}, false
	}
	return f.span([2]int{u.from, j}), true
}

// commaBefore reports a comma outside quotations between the start of a
// unit and token c.
func (f *finder) commaBefore(u unit, c int) bool {
	for i := u.from; i < c; i++ {
		if f.toks[i].Norm == "," && f.regionOf[i] < 0 {
			return true
		}
	}
	return false
}

// cutRelative ends a segment before a relative word inside it ("a nurse
// who was travelling home").
func (f *finder) cutRelative(s [2]int) int {
	for i := s[0] + 1; i < s[1]; i++ {
		if f.w.relatives[f.toks[i].Norm] && !f.toks[i].Cap {
			return i
		}
	}
	return s[1]
}

// speakerLike reports whether a token range can be a speaker: it begins
// with a capitalised word, a pronoun or a determiner, and has a word.
func (f *finder) speakerLike(s [2]int) bool {
	t := f.toks[s[0]]
	if t.Kind != crosscheck.TokenWord && t.Kind != crosscheck.TokenNumber {
		return false
	}
	if _, ok := f.w.pronouns[t.Norm]; ok {
		return s[1]-s[0] == 1
	}
	if !t.Cap && !f.w.determiners[t.Norm] && t.Kind != crosscheck.TokenNumber && !f.w.quantities[t.Norm] && !f.peoplePhrase(s) {
		return false
	}
	// A leading preposition is a circumstance, not a speaker: "In a post …".
	if f.w.cueTails[t.Norm] || t.Norm == "after" || t.Norm == "for" || t.Norm == "with" || t.Norm == "from" {
		return false
	}
	return true
}

// peoplePhrase reports a short run of words ending in a noun for people:
// "political experts", "senior administration officials".
func (f *finder) peoplePhrase(s [2]int) bool {
	if s[1]-s[0] > 4 {
		return false
	}
	for i := s[0]; i < s[1]; i++ {
		t := f.toks[i]
		if t.Kind != crosscheck.TokenWord || f.w.prepositions[t.Norm] || f.w.clauseBreak[t.Norm] || f.cues[t.Norm] != 0 {
			return false
		}
		if _, ok := f.w.pronouns[t.Norm]; ok {
			return false
		}
	}
	return f.w.people[f.toks[s[1]-1].Norm] || f.w.findingSources[f.toks[s[1]-1].Norm]
}

// nameRun reports a range of capitalised words (with particles): a name.
func (f *finder) nameRun(s [2]int) bool {
	words := 0
	for i := s[0]; i < s[1]; i++ {
		t := f.toks[i]
		if c, ok := f.shortParen(i); ok && c < s[1] && i > s[0] {
			i = c // "Sanders (I-Vt.)"
			continue
		}
		switch {
		case t.Kind == crosscheck.TokenWord && t.Cap:
			words++
		case t.Kind == crosscheck.TokenPunct && (t.Norm == "." || t.Norm == "-" || t.Norm == "'"):
		case t.Norm == "de" || t.Norm == "van" || t.Norm == "von" || t.Norm == "al" || t.Norm == "bin" || t.Norm == "der" || t.Norm == "la" || t.Norm == "'s":
		default:
			return false
		}
	}
	return words > 0 && words <= 5
}

func (f *finder) span(s [2]int) crosscheck.Span {
	return crosscheck.Span{Start: f.toks[s[0]].Start, End: f.toks[s[1]-1].End}
}

// invertible reports whether a cue at c may take its speaker after it:
// it follows a comma, a quotation or the start of the unit.
func (f *finder) invertible(u unit, c int) bool {
	if c == u.from {
		return false
	}
	p := c - 1
	return f.toks[p].Norm == "," || f.regionOf[p] >= 0
}

// subjectRight reads the speaker after an inverted cue: up to a comma, a
// full stop, a quotation or a relative word, with a following name in
// apposition ("one of them, Rade Pavlic"). It returns the end of the
// speaker phrase as the cue's end for the caller.
func (f *finder) subjectRight(u unit, i int) (src, name crosscheck.Span, end int, ok bool) {
	j := i
	for j < u.to && (!f.isBreak(j) || f.toks[j].Norm == "(") && f.toks[j].Norm != "," && !(f.w.relatives[f.toks[j].Norm] && j > i) {
		if c, ok := f.shortParen(j); ok && j > i {
			j = c + 1 // "said Sen. Amy Klobuchar (D-Minn.)": its full stop does not end the name
			continue
		}
		if f.toks[j].Norm == "(" {
			break
		}
		j++
	}
	s := [2]int{i, j}
	if s[0] >= s[1] || s[1]-s[0] > 10 || f.w.cueTails[f.toks[i].Norm] || f.w.complement[f.toks[i].Norm] {
		return src, name, i, false
	}
	if (!f.speakerLike(s) && !f.describedName(s)) || f.hasVerb(s) {
		return src, name, i, false
	}
	src = f.span(s)
	name = src
	// "said Ted Cruz, R-Texas": the party tag belongs to the speaker.
	if j+1 < u.to && f.toks[j].Norm == "," {
		e := j + 2
		if e < u.to && f.toks[e].Norm == "." {
			e++
		}
		if f.partyTag([2]int{j + 1, e}) {
			src.End = f.toks[e-1].End
			j = e
		}
	}
	if !f.nameRun(s) && j < u.to && f.toks[j].Norm == "," {
		k := j + 1
		for k < u.to && f.regionOf[k] < 0 && ((f.toks[k].Kind != crosscheck.TokenPunct && f.toks[k].Cap) ||
			(k > j+1 && f.toks[k].Norm == "." && f.abbreviationDot(k) && k+1 < u.to && f.toks[k+1].Cap)) {
			k++ // "John J. Ferriola": an initial's full stop
		}
		if k > j+1 && k-j-1 <= 5 {
			name = f.span([2]int{j + 1, k})
			src.End = name.End
			j = k
		}
	}
	// The rest of the noun phrase: appositions and relative clauses ("said
	// Jon Ralston, a veteran commentator in Nevada, who attended …").
	for j < u.to {
		k := j
		if f.toks[k].Norm == "," {
			k++
		}
		if k >= u.to || !(f.describes(k) || (k > j && f.describesAfterComma(u, k))) {
			break
		}
		rel := f.w.relatives[f.toks[k].Norm]
		if rel && k+1 < u.to && f.speechCueSoon(u, k+1) {
			break // "said Weaver, who said …": a statement of its own
		}
		e := k + 1
		for e < u.to && f.regionOf[e] < 0 && (f.toks[e].Norm != "." || f.abbreviationDot(e) && e+1 < u.to) && f.toks[e].Norm != ";" &&
			!(f.toks[e].Norm == "," && !rel) && !(f.toks[e].Norm == "," && e+1 < u.to && !f.describes(e+1)) {
			e++
		}
		if e-i > 40 {
			break
		}
		src.End = f.toks[e-1].End
		j = e
	}
	return src, name, j, true
}

// speechCueSoon reports a speech cue within the first words from token i
// (after auxiliaries): "who said", "who has also argued".
func (f *finder) speechCueSoon(u unit, i int) bool {
	for j := i; j < u.to && j < i+4; j++ {
		if f.regionOf[j] >= 0 {
			return false
		}
		if f.speechCueAt(j, u) != 0 {
			return true
		}
		if !f.w.auxiliaries[f.toks[j].Norm] {
			return false
		}
	}
	return false
}

// describedName reports a speaker phrase after an inverted cue that opens
// with lower-case words before a name: "former South Carolina Gov. Jim
// Hodges", "undecided voter Stephanie Hooton".
func (f *finder) describedName(s [2]int) bool {
	t := f.toks[s[0]]
	if t.Kind != crosscheck.TokenWord || t.Cap || f.cues[t.Norm] != 0 || f.w.prepositions[t.Norm] || strings.HasSuffix(t.Norm, "ing") {
		return false
	}
	if _, pron := f.w.pronouns[t.Norm]; pron {
		return false // "said he expects Obama and Abe to …": a clause
	}
	caps := 0
	for i := s[0] + 1; i < s[1] && i < s[0]+7; i++ {
		if f.toks[i].Cap && f.toks[i].Kind == crosscheck.TokenWord {
			caps++
		}
	}
	return caps >= 2 || (caps == 1 && f.toks[s[1]-1].Cap)
}

// describes reports whether the words at token k go on describing the
// speaker just named: a relative clause or an apposition, not a
// circumstance ("in an interview"), a participle ("referring to …") or a
// new clause.
func (f *finder) describes(k int) bool {
	t := f.toks[k]
	if f.regionOf[k] >= 0 || t.Kind != crosscheck.TokenWord {
		return false
	}
	n := t.Norm
	switch {
	case n == "of":
		// where the speaker is from: "said Rachel Woolard, 20, of Jacksonville"
		return k+1 < len(f.toks) && f.toks[k+1].Cap && f.toks[k+1].Kind == crosscheck.TokenWord && f.regionOf[k+1] < 0
	case f.w.relatives[n]:
		return n == "who" || n == "whose"
	case f.w.determiners[n] && !f.w.complement[n]:
		return true
	case t.Cap:
		return false // a new sentence or clause with its own subject
	}
	if f.cues[n] != 0 || f.w.prepositions[n] || f.w.clauseBreak[n] || f.w.cueTails[n] || strings.HasSuffix(n, "ing") {
		return false
	}
	if _, ok := f.w.pronouns[n]; ok {
		return false
	}
	// "executive director of …", "co-author of …": a role noun then "of".
	for e := k + 1; e < len(f.toks) && e < k+4; e++ {
		if f.toks[e].Norm == "of" || f.toks[e].Norm == "at" || f.toks[e].Norm == "for" {
			return true
		}
	}
	return false
}

// contentAfter reads reported speech after a cue: "said (that) …",
// "told reporters (that) …". It fails when the cue ends the clause.
func (f *finder) contentAfter(u unit, i int, k cueKind) (crosscheck.Span, bool) {
	// A sentence adverb between the cue and its clause: "cautioned,
	// however, that …".
	if i+3 < u.to && f.toks[i].Norm == "," && f.toks[i+2].Norm == "," && !f.toks[i+1].Cap && f.toks[i+1].Kind == crosscheck.TokenWord && f.w.complement[f.toks[i+3].Norm] {
		i += 3
	}
	if i < u.to && f.toks[i].Norm == "," && k != cueTell {
		return crosscheck.Span{}, false
	}
	that := false
	if k == cueTell {
		// Skip the hearer: up to "that" when it comes soon, else a
		// capitalised run or one word.
		found := false
		for j := i; j < u.to && j-i < 8; j++ {
			t := f.toks[j]
			if f.regionOf[j] >= 0 || t.Kind == crosscheck.TokenPunct {
				break
			}
			if f.w.complement[t.Norm] {
				i, found, that = j+1, true, true
				break
			}
		}
		if !found {
			j := i
			for j < u.to && f.toks[j].Cap && f.toks[j].Kind == crosscheck.TokenWord {
				j++
			}
			if j == i && j < u.to && f.toks[j].Kind == crosscheck.TokenWord {
				j++
			}
			i = j
		}
	} else if i < u.to && f.w.complement[f.toks[i].Norm] {
		i++
		that = true
	}
	if k == cueQuoteOnly && !that {
		return crosscheck.Span{}, false
	}
	end := f.coordinatedCue(u, i)
	for end > i && f.toks[end-1].Kind == crosscheck.TokenPunct && f.regionOf[end-1] < 0 {
		end--
	}
	// Stop at a standalone quotation: its words are a direct quote.
	for j := i; j < end; j++ {
		if r := f.regionOf[j]; r >= 0 && ((j == i && !that) || (j > i && f.regionOf[j-1] != r && (f.toks[j-1].Norm == "," || f.toks[j-1].Norm == ":"))) && f.standaloneRegion(r) {
			end = j
			break
		}
	}
	for end > i && f.toks[end-1].Kind == crosscheck.TokenPunct && f.regionOf[end-1] < 0 {
		end--
	}
	if end-i < 3 {
		return crosscheck.Span{}, false
	}
	if t := f.toks[i]; t.Kind == crosscheck.TokenWord && f.cues[t.Norm] != 0 {
		return crosscheck.Span{}, false
	}
	// "did not complain when …", "said if asked": a clause of time or
	// condition, not what was said.
	if t := f.toks[i]; !that && !t.Cap && subordinators[t.Norm] {
		return crosscheck.Span{}, false
	}
	return crosscheck.Span{Start: f.toks[i].Start, End: f.toks[end-1].End}, true
}

// subordinators open an adverbial clause, which a verb of saying does not
// report.
var subordinators = map[string]bool{"when": true, "whenever": true}

// contentAround reads reported speech interrupted by its cue, set off by
// commas: "The outreach, they said, raised new worries."
func (f *finder) contentAround(u unit, src crosscheck.Span, cueStart, tailEnd int) ([]crosscheck.Span, bool) {
	first := cueStart
	for first > u.from && f.toks[first-1].Start >= src.Start {
		first--
	}
	if first-1 < u.from+1 {
		return nil, false
	}
	// The comma may close a quotation inside the clause: "… on ''certain
	// fringes of the internet,'' he said, wind up …".
	if r := f.regionOf[first-1]; r >= 0 {
		if !f.regionEndsInComma(r) || f.regionOf[u.from] == r {
			return nil, false
		}
	} else if f.toks[first-1].Norm != "," {
		return nil, false
	}
	// "Rather, he said, …": a sentence adverb before the speaker is not
	// what was said; a name is ("Trump, Sexton said, has …").
	adverb := false
	if first-1 == u.from+1 {
		t := f.toks[u.from]
		if t.Kind != crosscheck.TokenWord || f.w.clauseBreak[t.Norm] || f.w.prepositions[t.Norm] {
			return nil, false
		}
		adverb = !t.Cap || f.w.sentenceAdverbs[t.Norm] || strings.HasSuffix(t.Norm, "ly") || f.w.determiners[t.Norm] ||
			!f.capitalizedInside(t.Norm)
	}
	if tailEnd >= u.to || f.toks[tailEnd].Norm != "," || f.regionOf[tailEnd] >= 0 {
		return nil, false
	}
	before := [2]int{u.from, first - 1}
	for before[1] > before[0] && f.toks[before[1]-1].Kind == crosscheck.TokenPunct {
		before[1]-- // the comma of a quotation closing the clause
	}
	after := [2]int{tailEnd + 1, u.to}
	for after[1] > after[0] && f.toks[after[1]-1].Kind == crosscheck.TokenPunct && f.regionOf[after[1]-1] < 0 {
		after[1]--
	}
	if after[1]-after[0] < 2 || f.toks[after[0]].Kind != crosscheck.TokenWord || f.cues[f.toks[after[0]].Norm] != 0 {
		return nil, false
	}
	if adverb {
		return []crosscheck.Span{f.span(after)}, true
	}
	return []crosscheck.Span{f.span(before), f.span(after)}, true
}

// onlyHearer reports a short hearer closing the clause after a cue
// of telling: "…, he told reporters.", "…, she told The Times on Monday."
func (f *finder) onlyHearer(u unit, i int) bool {
	n := 0
	for ; i < u.to; i++ {
		t := f.toks[i]
		if f.regionOf[i] >= 0 || f.w.complement[t.Norm] || (t.Kind == crosscheck.TokenPunct && t.Norm != "." && t.Norm != "'") {
			return false
		}
		if t.Kind != crosscheck.TokenPunct {
			n++
		}
	}
	return n > 0 && n <= 6
}

// onlyPunct reports whether nothing but punctuation follows token i in the
// unit: the cue ends its clause.
func (f *finder) onlyPunct(u unit, i int) bool {
	for ; i < u.to; i++ {
		if f.toks[i].Kind != crosscheck.TokenPunct || f.regionOf[i] >= 0 {
			return false
		}
	}
	return true
}

func (f *finder) standaloneRegion(r int) bool {
	in := f.a.Slice(f.regions[r].Inner)
	return len(strings.Fields(in)) >= 4
}

// contentBefore reads reported speech before its speaker: "…, the source
// added." The content runs from the unit's start to the comma before the
// speaker phrase.
func (f *finder) contentBefore(u unit, src crosscheck.Span, cueStart int) (crosscheck.Span, bool) {
	// the tail after the cue must be empty: the cue ends the clause
	j := cueStart
	for j < u.to && f.toks[j].Start < src.Start {
		j++
	}
	startTok := cueStart
	for startTok > u.from && f.toks[startTok-1].Start >= src.Start {
		startTok--
	}
	if startTok <= u.from {
		return crosscheck.Span{}, false
	}
	end := startTok - 1
	if r := f.regionOf[end]; r >= 0 {
		// "… are “learning fast,” Gingrich said": a quotation ending in a
		// comma closes the clause; its closing mark stays in the content.
		reg := f.regions[r]
		if !reg.Closed || f.regionOf[u.from] == r || !strings.HasSuffix(strings.TrimRight(f.a.Text[reg.Inner.Start:reg.Outer.End], "\"'”’ "), ",") {
			return crosscheck.Span{}, false
		}
		end = startTok
	} else if f.toks[end].Norm != "," {
		return crosscheck.Span{}, false
	}
	for end > u.from && (f.toks[end-1].Kind == crosscheck.TokenPunct && f.regionOf[end-1] < 0) {
		end--
	}
	from := u.from
	if end-from < 3 {
		return crosscheck.Span{}, false
	}
	return crosscheck.Span{Start: f.toks[from].Start, End: f.toks[end-1].End}, true
}

// according reads "according to X, …" and "…, according to X".
func (f *finder) according(u unit, c int) (Attribution, bool) {
	var at Attribution
	i := c + 2
	j := i
	for j < u.to && f.toks[j].Norm != "," && (f.toks[j].Norm != "." || f.titleDot(j) || f.innerAbbreviation(u, j)) && f.regionOf[j] < 0 && f.toks[j].Norm != ";" {
		j++
	}
	if j == i || j-i > 24 {
		return at, false
	}
	at.Source = f.span([2]int{i, j})
	at.Name = at.Source
	// "…, according to the river police commander, Tomás Ibarra.": a name
	// in apposition closing the sentence is who the description is.
	if c-u.from > 3 && j+1 < u.to && f.toks[j].Norm == "," && f.w.determiners[f.toks[i].Norm] && !f.toks[i].Cap {
		k := j + 1
		for k < u.to && f.toks[k].Cap && f.toks[k].Kind == crosscheck.TokenWord && f.regionOf[k] < 0 {
			k++
		}
		if n := k - (j + 1); n >= 2 && n <= 4 && (k == u.to || (k == u.to-1 && f.toks[k].Norm == ".")) {
			at.Source = f.span([2]int{i, k})
			at.Name = f.span([2]int{j + 1, k})
			j = k
		}
	}
	at.Cue = crosscheck.Span{Start: f.toks[c].Start, End: f.toks[c+1].End}
	var content [2]int
	// "In addition, according to the department, …": a short adverbial
	// before the cue is not what was said.
	lead := c-1 > u.from && c-u.from <= 4 && f.toks[c-1].Norm == "," && j < u.to && f.toks[j].Norm == ","
	if c == u.from || lead || (c == u.from+1 && f.toks[u.from].Kind == crosscheck.TokenWord && !f.toks[u.from].Cap) {
		if j >= u.to || f.toks[j].Norm != "," {
			return at, false
		}
		content = [2]int{j + 1, u.to}
	} else {
		content = [2]int{u.from, c}
	}
	for content[1] > content[0] && f.toks[content[1]-1].Kind == crosscheck.TokenPunct && f.regionOf[content[1]-1] < 0 {
		content[1]--
	}
	if content[1]-content[0] < 3 {
		return at, false
	}
	at.Content = []crosscheck.Span{f.span(content)}
	return at, true
}

// indirect records the reported speech of a unit, and the words quoted
// inside it: every cue other than the one framing the standalone
// quotations.
func (f *finder) indirect(u unit, alone, embedded []quoteRef, direct int) {
	var prev *Attribution
	if direct >= 0 {
		prev = &f.out[direct]
	}
	for i := u.from; i < u.to; i++ {
		if f.regionOf[i] >= 0 {
			continue
		}
		if direct >= 0 && f.toks[i].Start >= f.out[direct].Cue.Start && f.toks[i].End <= f.out[direct].Cue.End {
			continue
		}
		if prev != nil && f.toks[i].Start >= prev.Source.Start && f.toks[i].End <= prev.Source.End {
			continue
		}
		k := f.cueAt(i, u)
		if k == 0 {
			continue
		}
		var at Attribution
		ok := false
		if prev != nil && prev.Source.Len() > 0 && !prev.Partial && k != cueAccording && i > u.from && f.toks[i-1].Norm == "," &&
			strings.HasSuffix(f.toks[i].Norm, "ing") && prev.Source.Start >= f.toks[u.from].Start {
			// "Lukashenko maintains that …, referring to them as …": the
			// participle shares the speaker of the clause's cue.
			at, ok = f.frameShared(u, i, k, prev)
		}
		if !ok {
			at, ok = f.frame(u, i, k)
		}
		if !ok && i > u.from && (f.toks[i-1].Norm == "and" || f.toks[i-1].Norm == "but") && k != cueAccording {
			if prev != nil && prev.Source.Len() > 0 {
				// "X dismissed … and said …": the speaker of the first verb.
				at, ok = f.frameShared(u, i, k, prev)
			} else if src, found := f.leadingSubject(u, i); found && !f.w.determiners[strings.ToLower(f.a.Slice(src))] {
				// "Clinton celebrated in Florida … and said …": the
				// subject of the sentence's first verb.
				subj := Attribution{Source: src, Name: src}
				_, subj.Pronoun = f.w.pronouns[strings.ToLower(f.a.Slice(src))]
				at, ok = f.frameShared(u, i, k, &subj)
			}
		}
		if !ok {
			continue
		}
		var words []crosscheck.Span
		for _, q := range embedded {
			if k == cueAs || (len(at.Content) > 0 && f.toks[q.from].Start >= at.Content[0].Start && f.toks[q.to-1].End <= at.Content[0].End) {
				if k == cueAs && q.from < i {
					continue
				}
				words = append(words, f.regions[q.region].Inner)
			}
		}
		if k == cueAs {
			j := sort.Search(len(f.toks), func(j int) bool { return f.toks[j].Start >= at.Cue.End })
			clause, ok := f.contentNP(u, f.skipTime(u, j))
			if len(words) == 0 {
				// "X called the actions lawful": a characterization in
				// the reporter's words, kept as a stance.
				if !ok || j >= u.to || f.toks[j].Kind != crosscheck.TokenWord {
					continue
				}
				at.Content, at.Sense = []crosscheck.Span{clause}, Stance
				f.out = append(f.out, at)
				prev = &f.out[len(f.out)-1]
				continue
			}
			at.Content = words
			at.Direct, at.Partial = true, true
			if ok {
				// The reporter's words around the quoted ones carry the
				// characterization too ("called Trump “unhinged”": Trump).
				at.Reported = f.outside(clause, words)
			}
			f.out = append(f.out, at)
			prev = &f.out[len(f.out)-1]
			continue
		}
		if len(at.Content) == 0 && k == cueQuoteOnly && at.Source.Len() > 0 && !f.toks[i].Cap && strings.HasSuffix(f.toks[i].Norm, "ed") &&
			!f.w.relatives[strings.ToLower(f.a.Slice(at.Source))] {
			// (Past forms only: "states", "reports" are nouns as often;
			// "police reported 900 attacks" is kept too, as PolNeAR reads it;
			// "Mayor Roca, who declared two days of mourning, said" an act
			// describing the speaker.)
			// "Chelsea Clinton announced she is expecting", "the department
			// announced a new tariff": what was announced, in the reporter's
			// words. Without "that" or quotation marks it is not clear
			// enough to be a quote, so it is kept as a stance.
			j := sort.Search(len(f.toks), func(j int) bool { return f.toks[j].Start >= at.Cue.End })
			if j > i && j < u.to && f.toks[j].Kind == crosscheck.TokenWord && f.cues[f.toks[j].Norm] == 0 {
				if content, ok := f.contentNP(u, j); ok {
					at.Content, at.Sense = []crosscheck.Span{content}, Stance
				}
			}
		}
		if len(at.Content) == 0 {
			continue
		}
		if r, ok := f.wholeQuotation(at.Content[0]); ok && len(at.Content) == 1 {
			// "X says that “…”": the quotation is the statement.
			at.Content = []crosscheck.Span{f.regions[r].Inner}
			at.Direct = true
			words = nil
		}
		f.out = append(f.out, at)
		prev = &f.out[len(f.out)-1]
		if len(words) > 0 {
			part := at
			part.Content = words
			part.Direct, part.Partial = true, true
			f.out = append(f.out, part)
			prev = &f.out[len(f.out)-2]
		}
		if len(at.Content) > 0 {
			// Skip the content: cues inside it belong to nested speech we
			// leave to the reader.
			for i+1 < u.to && f.toks[i+1].Start < at.Content[0].End {
				i++
			}
		}
	}
}

// wholeQuotation reports whether a content span is one quotation and
// nothing else, and which.
func (f *finder) wholeQuotation(c crosscheck.Span) (int, bool) {
	i := sort.Search(len(f.toks), func(i int) bool { return f.toks[i].Start >= c.Start })
	if i >= len(f.toks) || f.regionOf[i] < 0 {
		return 0, false
	}
	r := f.regionOf[i]
	for ; i < len(f.toks) && f.toks[i].End <= c.End; i++ {
		if f.regionOf[i] != r {
			return 0, false
		}
	}
	return r, true
}

// frameShared reads a cue that shares the speaker of an earlier verb.
func (f *finder) frameShared(u unit, c int, k cueKind, prev *Attribution) (Attribution, bool) {
	_, sense, width := f.cueInfo(c)
	at := Attribution{Source: prev.Source, Name: prev.Name, Pronoun: prev.Pronoun, Sense: sense}
	at.Cue = crosscheck.Span{Start: f.toks[c].Start, End: f.toks[c+width-1].End}
	if k == cueAs {
		return at, true
	}
	tail := f.cueTail(u, f.skipTime(u, c+width))
	var content crosscheck.Span
	ok := false
	if k == cueNP {
		content, ok = f.contentNP(u, tail)
	} else if sense != Finding || f.findingFrame(u, at.Source, tail) {
		content, ok = f.contentAfter(u, tail, k)
	}
	if !ok && k == cueQuoteOnly && tail < u.to && f.toks[tail].Kind == crosscheck.TokenWord && f.cues[f.toks[tail].Norm] == 0 {
		// "…, recalling a visit in 2006": what the participle takes, in
		// the reporter's words, is kept as a stance.
		if content, ok = f.contentNP(u, tail); ok {
			at.Sense = Stance
		}
	}
	if !ok {
		return at, false
	}
	at.Content = []crosscheck.Span{content}
	return at, true
}

// passive reports a cue verb in the passive voice: a form of "be" among
// the words joined before it and the verb in a past form ("is expected
// to", "were asked", "was widely criticized"; not "is saying"), or "as
// reported by".
func (f *finder) passive(cueStart, c int) bool {
	if strings.HasSuffix(f.toks[c].Norm, "ing") || strings.HasSuffix(f.toks[c].Norm, "s") {
		return false
	}
	for i := cueStart; i < c; i++ {
		if f.w.beForms[f.toks[i].Norm] {
			return true
		}
	}
	// "As reported by X, …"
	return cueStart > 0 && f.toks[cueStart-1].Norm == "as" && c+1 < len(f.toks) && f.toks[c+1].Norm == "by" && strings.HasSuffix(f.toks[c].Norm, "ed")
}

// framePassive reads a passive cue: the source is the agent after "by",
// when given; what was said is the subject and the clause after the verb
// ("The sale is expected to expand its reach": "The sale" … "to expand its
// reach").
func (f *finder) framePassive(u unit, cueStart, c int, k cueKind) (Attribution, bool) {
	_, sense, width := f.cueInfo(c)
	at := Attribution{Sense: sense}
	at.Cue = crosscheck.Span{Start: f.toks[cueStart].Start, End: f.toks[c+width-1].End}
	after := f.skipTime(u, c+width)
	if after+1 < u.to && f.toks[after].Norm == "by" && f.regionOf[after+1] < 0 {
		if src, name, end, ok := f.subjectRight(u, after+1); ok {
			at.Source, at.Name = src, name
			after = end
		}
	}
	if subj, _, ok := f.subjectLeftPhrase(u, cueStart); ok && !f.w.relatives[strings.ToLower(f.a.Slice(subj))] &&
		!f.w.clauseBreak[strings.ToLower(f.a.Slice(subj))] {
		at.Content = append(at.Content, subj)
	}
	if rest, ok := f.contentNP(u, after); ok && f.regionOf[after] < 0 {
		at.Content = append(at.Content, rest)
	} else if cueStart-1 >= u.from && f.toks[cueStart-1].Norm == "as" && after < u.to && f.toks[after].Norm == "," {
		// "As reported by Western Journalism, investigators found …"
		if rest, ok := f.contentNP(u, after+1); ok {
			at.Content = append(at.Content, rest)
		}
	}
	if len(at.Content) == 0 {
		return at, false
	}
	return at, true
}

// hasVerb reports a range that holds a finite verb, and so is a clause
// rather than a speaker phrase: "Rubio fired back", "His office put out a
// statement saying". Without a tagger it reads the verbs of a closed
// list, common irregular past forms, and a lower-case -ed word right
// after a name or a pronoun ("Emanuel released").
func (f *finder) hasVerb(s [2]int) bool {
	for i := s[0]; i < s[1]; i++ {
		t := f.toks[i]
		if t.Kind != crosscheck.TokenWord || t.Cap || f.regionOf[i] >= 0 {
			continue
		}
		if f.w.finiteVerbs[t.Norm] {
			return true
		}
		if i > s[0] && len(t.Norm) > 4 && strings.HasSuffix(t.Norm, "ed") && !(i+1 < s[1] && f.w.people[f.toks[i+1].Norm]) {
			// (not an adjective before a noun for people: "Democratic
			// registered voters")
			p := f.toks[i-1]
			if _, pron := f.w.pronouns[p.Norm]; pron || (p.Cap && p.Kind == crosscheck.TokenWord && !f.w.determiners[p.Norm]) {
				return true
			}
		}
	}
	return false
}

// outside returns the parts of span sp that lie outside the spans in (in
// text order), trimmed of spaces and quotation marks.
func (f *finder) outside(sp crosscheck.Span, in []crosscheck.Span) []crosscheck.Span {
	var out []crosscheck.Span
	add := func(a, b int) {
		p := crosscheck.Span{Start: a, End: b}
		for p.Len() > 0 {
			r, n := utf8.DecodeRuneInString(f.a.Text[p.Start:])
			if !unicode.IsPunct(r) && !unicode.IsSpace(r) {
				break
			}
			p.Start += n
		}
		for p.Len() > 0 {
			r, n := utf8.DecodeLastRuneInString(f.a.Text[:p.End])
			if !unicode.IsPunct(r) && !unicode.IsSpace(r) {
				break
			}
			p.End -= n
		}
		if p.Len() > 0 {
			out = append(out, p)
		}
	}
	at := sp.Start
	for _, c := range in {
		if c.End <= sp.Start || c.Start >= sp.End {
			continue
		}
		add(at, c.Start)
		at = c.End
	}
	add(at, sp.End)
	return out
}

// coordinatedCue returns where a clause starting at token i ends because
// the speaker goes on with a cue of their own: "…, and said …", "…,
// adding …", "… but insisted …". It returns u.to when none follows.
func (f *finder) coordinatedCue(u unit, i int) int {
	for j := i + 1; j < u.to; j++ {
		if f.regionOf[j] >= 0 {
			continue
		}
		if r := f.regionOf[j-1]; r >= 0 && j-1 > i && f.regionEndsInComma(r) && (f.speechCueAt(j, u) != 0 || f.closingSpeaker(u, j)) {
			return j // "… termed “influence peddling,” The Post reported."
		}
		n := f.toks[j].Norm
		if (n == "and" || n == "but") && j+1 < u.to && f.speechCueSoon(u, j+1) {
			return j
		}
		if contrast[n] && !f.toks[j].Cap && j+2 < u.to && f.speakerThenCue(u, j+1) {
			return j // "…, but he said …", "…, while other voters said …"
		}
		if n == "," && j+1 < u.to && f.regionOf[j+1] < 0 && f.speechCueAt(j+1, u) != 0 {
			return j // "…, adding …", "…, said Dan Gerstein"
		}
		if n == "," && f.closingSpeaker(u, j+1) {
			return j // "…, the report said."
		}
	}
	return u.to
}

// contrast are the conjunctions that join a second statement, with a
// speaker of its own, to a first: "X said …, while Y said …".
var contrast = map[string]bool{"but": true, "while": true, "whereas": true, "and": true, "though": true, "although": true}

// speakerThenCue reports a short speaker phrase from token i followed by
// a cue of speech or thought: "he said", "other voters said", "22 percent
// said", "Mr. Smith also argued".
func (f *finder) speakerThenCue(u unit, i int) bool {
	for m := i + 1; m < u.to && m <= i+6; m++ {
		if f.regionOf[m] >= 0 || f.toks[m].Kind == crosscheck.TokenPunct && !(f.toks[m].Norm == "." && f.abbreviationDot(m)) {
			return false
		}
		k, sense, _ := f.cueInfo(m)
		if k == 0 || k == cueNP || k == cueAs || k == cueAccording || (sense != Speech && sense != Thought) || f.cueAt(m, u) == 0 {
			continue
		}
		s := [2]int{i, m}
		for s[1] > s[0] && f.w.auxiliaries[f.toks[s[1]-1].Norm] {
			s[1]--
		}
		return s[0] < s[1] && f.speakerLike(s) && !f.hasVerb(s) && !f.hasCue(s)
	}
	return false
}

// clauseDone reports whether the words after a cue at token i leave the
// clause before it as what was said: nothing but punctuation, or the
// speaker going on with another cue ("…, a Chinese official said,
// adding that …").
func (f *finder) clauseDone(u unit, i int) bool {
	if f.onlyPunct(u, i) {
		return true
	}
	if i+1 < u.to && f.toks[i].Norm == "," && f.regionOf[i+1] < 0 && (f.toks[i+1].Norm == "who" || f.toks[i+1].Norm == "whose") {
		return true // "…, said Howard Rubel, an analyst, who notes …"
	}
	return i < u.to && f.coordinatedCue(u, i-1) == i
}

// verbAt reports a word that reads as the verb ending a subject: a cue,
// a finite verb of the closed list or a lower-case -ed form.
func (f *finder) verbAt(i int) bool {
	t := f.toks[i]
	if t.Cap || t.Kind != crosscheck.TokenWord {
		return false
	}
	if k, _, _ := f.cueInfo(i); k != 0 && !(f.bare[t.Norm] && i > 0 && !f.bareSubject(i-1)) {
		return true // (a bare form after a determiner is a noun: "a sign")
	}
	return f.w.finiteVerbs[t.Norm] || (len(t.Norm) > 4 && strings.HasSuffix(t.Norm, "ed"))
}

// joinsSpeakers reports an "and" or "or" at token j that joins two noun
// phrases of one speaker phrase ("Cyber security experts and U.S.
// officials said", "a former adviser and pollster to Mr. Clinton") rather
// than two clauses: the words before it, back to a comma or a break, read
// as a noun phrase ending in a name, a pronoun or a noun for people.
func (f *finder) joinsSpeakers(u unit, j int) bool {
	t := f.toks[j]
	if (t.Norm != "and" && t.Norm != "or") || t.Cap || f.regionOf[j] >= 0 || j-1 < u.from || f.toks[j-1].Norm == "," {
		return false
	}
	k := j - 1
	for k >= u.from && !f.isBreak(k) && f.toks[k].Norm != "," {
		k--
	}
	l := [2]int{k + 1, j}
	if l[0] >= l[1] || l[1]-l[0] > 10 || f.hasVerb(l) || f.hasCue(l) {
		return false
	}
	if k >= u.from && f.toks[k].Norm == "," && f.regionOf[k] < 0 {
		// An apposition after a name ("Marlon Marshall, Clinton's
		// director of state campaigns and political engagement, said") or
		// the last items of a list ("Friends, lobbyists and former foes
		// say").
		p := k - 1
		for p >= u.from && !f.isBreak(p) && f.toks[p].Norm != "," {
			p--
		}
		if prev := [2]int{p + 1, k}; prev[0] < prev[1] && f.nameRun(prev) {
			return true
		}
		if l[1]-l[0] <= 2 && strings.HasSuffix(f.toks[j-1].Norm, "s") && !f.toks[j-1].Cap {
			return true
		}
	}
	if f.nameRun(l) && j+1 < u.to && f.toks[j+1].Cap {
		return false // two names: subjectLeft joins them, naming the nearer
	}
	last := f.toks[j-1]
	_, pron := f.w.pronouns[last.Norm]
	if !(last.Cap && last.Kind == crosscheck.TokenWord) && !pron && !f.w.people[last.Norm] {
		return false
	}
	return f.speakerLike(l) || f.w.people[last.Norm]
}

// insideRelative reports a conjunction inside a relative clause set off
// by commas after a name ("Mr. Kim, who was traveling in Europe and Africa
// this week, said"): it does not end the speaker phrase going left.
func (f *finder) insideRelative(u unit, j int) bool {
	t := f.toks[j]
	if t.Cap || t.Kind != crosscheck.TokenWord || !f.w.clauseBreak[t.Norm] || f.regionOf[j] >= 0 {
		return false
	}
	for k := j - 1; k > u.from && k > j-16; k-- {
		n := f.toks[k].Norm
		if f.regionOf[k] >= 0 || n == "." || n == ";" || n == ":" {
			return false
		}
		if n == "," {
			return false
		}
		if (n == "who" || n == "whose") && f.toks[k-1].Norm == "," && k-2 >= u.from && (f.toks[k-2].Cap || f.abbreviationDot(k-2) || f.toks[k-2].Norm == ")") {
			return true
		}
	}
	return false
}

// holdsCue reports a span that is a stance, belief or finding already
// found, from its source on: "Both Cruz and Fiorina criticized Trump,
// officials noted" reports the stance, not a statement of the officials.
// Reported speech reported in turn ("X said …, the report said") is kept.
func (f *finder) holdsCue(u unit, sp crosscheck.Span) bool {
	// Only the unit's own attributions, the last ones recorded, can lie
	// inside its words.
	for k := len(f.out) - 1; k >= 0 && f.out[k].Cue.End > f.toks[u.from].Start; k-- {
		at := f.out[k]
		if at.Sense != Speech && at.Source.Len() > 0 && at.Source.Start == sp.Start && at.Cue.End <= sp.End {
			return true
		}
	}
	return false
}

// trailingSpeaker finds a speaker at the end of a range that as a whole
// is no speaker phrase: a pronoun, a name (with its title and party), or
// a determiner and its noun ("the report"), not governed by a preposition.
func (f *finder) trailingSpeaker(s [2]int) ([2]int, bool) {
	e := s[1]
	last := f.toks[e-1]
	b := e
	if _, pron := f.w.pronouns[last.Norm]; pron && last.Kind == crosscheck.TokenWord {
		b = e - 1
	} else if (last.Cap && last.Kind == crosscheck.TokenWord) || last.Norm == ")" {
		for b > s[0] {
			t := f.toks[b-1]
			if o, ok := f.shortParenOpen(b - 1); ok && o >= s[0] {
				b = o
				continue
			}
			if (t.Kind == crosscheck.TokenWord && t.Cap) || (t.Norm == "." && f.abbreviationDot(b-1)) || t.Norm == "'s" {
				b--
				continue
			}
			break
		}
		if b < e && f.toks[b].Norm == "." {
			return s, false
		}
	} else {
		for d := e - 1; d >= s[0] && d >= e-5; d-- {
			if f.verbAt(d) || f.w.prepositions[f.toks[d].Norm] || f.toks[d].Kind != crosscheck.TokenWord {
				break
			}
			if f.w.determiners[f.toks[d].Norm] && !f.w.complement[f.toks[d].Norm] && d < e-1 {
				b = d
				break
			}
		}
	}
	if b >= e || b <= s[0] {
		return s, false
	}
	if p := f.toks[b-1]; f.w.prepositions[p.Norm] || f.w.cueTails[p.Norm] || f.w.determiners[p.Norm] || p.Norm == "of" || p.Norm == "to" || p.Norm == "'s" {
		return s, false
	}
	t := [2]int{b, e}
	if f.hasVerb(t) || !f.speakerLike(t) {
		return s, false
	}
	return t, true
}

// closingSpeaker reports a short speaker phrase and a speech cue from
// token i that end the unit: "…, the report said.", "…, he told
// reporters."
func (f *finder) closingSpeaker(u unit, i int) bool {
	for m := i + 1; m < u.to && m <= i+6; m++ {
		if f.regionOf[m] >= 0 || f.toks[m].Norm == "," {
			return false
		}
		k := f.speechCueAt(m, u)
		if k == 0 {
			continue
		}
		s := [2]int{i, m}
		for s[1] > s[0] && f.w.auxiliaries[f.toks[s[1]-1].Norm] {
			s[1]--
		}
		if s[0] >= s[1] || !f.speakerLike(s) || f.hasVerb(s) {
			return false
		}
		end := f.cueTail(u, f.skipTime(u, m+1))
		return f.onlyPunct(u, end) || (k == cueTell && f.onlyHearer(u, end))
	}
	return false
}

// hasLower reports a lower-case word in a range: a description rather
// than a name.
func (f *finder) hasLower(s [2]int) bool {
	for i := s[0]; i < s[1]; i++ {
		if t := f.toks[i]; t.Kind == crosscheck.TokenWord && !t.Cap && t.Norm != "'s" && !f.w.determiners[t.Norm] {
			return true
		}
	}
	return false
}

// regionEndsInComma reports a closed quotation whose words end in a
// comma: "“…,” he said".
func (f *finder) regionEndsInComma(r int) bool {
	reg := f.regions[r]
	return reg.Closed && strings.HasSuffix(strings.TrimRight(f.a.Text[reg.Inner.Start:reg.Outer.End], "\"'”’ "), ",")
}

// circumstance reports a word opening a time or place phrase, not a
// speaker: "Saturday at the convention Sen. Warren said", "In Iowa he
// said".
func (f *finder) circumstance(i int) bool {
	n := f.toks[i].Norm
	return f.w.timeWords[n] || f.w.prepositions[n] || f.w.cueTails[n] || n == "last" || n == "this" || n == "earlier"
}

// describesAfterComma reports the further kinds of apposition an inverted
// speaker phrase takes after a comma: an age ("said Ryan Leenders, 30, a
// machinist"), a role opening with a capital ("Democrat of Vermont"), a
// name closing the sentence ("a spokeswoman for its parent company,
// Mondelez International.") and a participle that is no cue ("speaking on
// the condition of anonymity").
func (f *finder) describesAfterComma(u unit, k int) bool {
	t := f.toks[k]
	if f.regionOf[k] >= 0 {
		return false
	}
	if t.Kind == crosscheck.TokenNumber {
		return k+1 < u.to && f.toks[k+1].Norm == ","
	}
	if t.Kind != crosscheck.TokenWord {
		return false
	}
	if !t.Cap {
		k, _, _ := f.cueInfo(k)
		return strings.HasSuffix(t.Norm, "ing") && len(t.Norm) > 4 && k == 0
	}
	e := k
	for e < u.to && f.regionOf[e] < 0 && ((f.toks[e].Cap && f.toks[e].Kind == crosscheck.TokenWord) || (f.toks[e].Norm == "." && f.abbreviationDot(e))) {
		e++
	}
	if e < u.to && (f.toks[e].Norm == "of" || f.toks[e].Norm == "at") && e-k <= 2 {
		return true
	}
	// "Clinton's communications director": a role owned by a name.
	if e < u.to && e-k <= 3 && (f.toks[e].Norm == "'s" || f.toks[e].Norm == "’s") && e+1 < u.to &&
		f.toks[e+1].Kind == crosscheck.TokenWord && !f.toks[e+1].Cap {
		return true
	}
	return f.onlyPunct(u, e) && e-k <= 5
}

// capitalizedInside reports a word the article writes with a capital
// after another word of its sentence: a name ("Trump"), not an adverb
// capitalised to open a sentence ("Rather").
func (f *finder) capitalizedInside(norm string) bool {
	if f.midCap == nil {
		f.midCap = map[string]bool{}
		for i := 1; i < len(f.toks); i++ {
			if t, p := f.toks[i], f.toks[i-1]; t.Cap && t.Kind == crosscheck.TokenWord && p.Kind == crosscheck.TokenWord && f.a.Text[p.End:t.Start] == " " {
				f.midCap[t.Norm] = true
			}
		}
	}
	return f.midCap[norm]
}
