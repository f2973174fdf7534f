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
	"sort"
	"strings"

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
	// Direct reports quoted words, as against reported speech.
	Direct bool
	// Partial reports quoted words inside the reporter's own sentence
	// (scare quotes, "described the talks as “very productive”"): Direct,
	// but a fragment rather than a statement.
	Partial bool
	// Pronoun reports a Source that is a pronoun, to be resolved.
	Pronoun bool
}

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
	w       *langWords
	regions []region
	// regionOf[i] is the index in regions of the quotation token i lies
	// in, or -1.
	regionOf []int
	out      []Attribution
}

// unit is a stretch of tokens read as one sentence: the text layer's
// sentences joined where a boundary falls inside a quotation.
type unit struct {
	from, to int // token range
	para     int
}

// Find returns the attributions of one article in text order. It runs
// text.Analyze when the article has no tokens yet.
func Find(a *crosscheck.Article) []Attribution {
	if a == nil || a.Text == "" {
		return nil
	}
	if a.Tokens == nil {
		text.Analyze(a)
	}
	cues, w, _ := cueTablesFor(a.Language)
	f := &finder{a: a, toks: a.Tokens, cues: cues, w: w}
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
	f.run()
	sort.SliceStable(f.out, func(i, j int) bool { return firstPos(f.out[i]) < firstPos(f.out[j]) })
	return f.out
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
			f.regionOf[tr[0]] >= 0 && f.regionOf[tr[0]] == f.regionOf[tr[0]-1] {
			out[n-1].to = tr[1]
			continue
		}
		out = append(out, unit{from: tr[0], to: tr[1], para: para})
	}
	return out
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
	inner := f.a.Slice(reg.Inner)
	return strings.ContainsAny(strings.TrimRight(inner, ".!?,;:…’”\"' "), ".!?")
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
		if direct < 0 && len(alone) > 0 {
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
		pending = nil
		if direct >= 0 {
			last, lastPara = direct, u.para
		} else if len(f.out) == before && f.toks[u.to-1].Norm == ":" {
			pending, pendingPara = f.colonCue(u), u.para
		}
	}
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
		k := f.cueAt(i, u)
		if k == 0 || k == cueAccording {
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
		k := f.cueAt(i, u)
		if k == 0 || k == cueAccording {
			continue
		}
		d := f.distanceToQuote(i, u, alone)
		if d < 0 || d > 12 || d >= bestDist {
			continue
		}
		at, ok := f.frame(u, i, k)
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
	f.out = append(f.out, bestAt)
	return len(f.out) - 1
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
			if f.regionOf[j] >= 0 || t.Norm == "." || t.Norm == ";" {
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

// cueAt returns the kind of cue token i begins, or 0.
func (f *finder) cueAt(i int, u unit) cueKind {
	t := f.toks[i]
	if t.Kind != crosscheck.TokenWord {
		return 0
	}
	k := f.cues[t.Norm]
	if k == 0 {
		return 0
	}
	// A noun, not a verb: "the claims", "about reports".
	if i > u.from {
		p := f.toks[i-1]
		if !p.Cap && (f.w.determiners[p.Norm] || f.w.cueTails[p.Norm] || p.Norm == "about" || p.Norm == "of" || p.Norm == "for" || p.Norm == "with" || p.Norm == "to") {
			return 0
		}
	}
	if k == cueAccording {
		if i+1 >= u.to || f.toks[i+1].Norm != "to" {
			return 0
		}
	}
	return k
}

// frame reads the attribution a cue at token c makes: its source, the
// extent of the cue phrase and, for reported speech, the content. The
// content of a direct quotation is filled in by the caller.
func (f *finder) frame(u unit, c int, k cueKind) (Attribution, bool) {
	if k == cueAccording {
		return f.according(u, c)
	}
	var at Attribution
	cueStart := c
	for cueStart > u.from && f.regionOf[cueStart-1] < 0 && f.w.auxiliaries[f.toks[cueStart-1].Norm] {
		cueStart--
	}
	src, name, ok := f.subjectLeft(u, cueStart)
	cueEnd := c + 1
	inverted := false
	participle := strings.HasSuffix(f.toks[c].Norm, "ing") && c > u.from && f.toks[c-1].Norm == ","
	if participle {
		// "X expressed relief, likening it to …": the speaker is the
		// sentence's subject.
		src, ok = f.leadingSubject(u, c)
		name = src
		if !ok {
			return at, false
		}
	}
	if !ok {
		// "…," said one of them, Rade Pavlic.
		if !f.invertible(u, cueStart) {
			return at, false
		}
		src, name, cueEnd, ok = f.subjectRight(u, cueEnd)
		if !ok {
			return at, false
		}
		inverted = true
	}
	at.Source, at.Name = src, name
	if src.Len() > 0 {
		if _, ok := f.w.pronouns[strings.ToLower(f.a.Slice(src))]; ok {
			at.Pronoun = true
		}
	}
	afterVerb := c + 1
	if inverted {
		afterVerb = cueEnd
	}
	tailEnd := f.cueTail(u, afterVerb)
	at.Cue = crosscheck.Span{Start: f.toks[cueStart].Start, End: f.toks[c].End}
	if tailEnd > afterVerb && !inverted {
		at.Cue.End = f.toks[tailEnd-1].End
	}
	if k == cueAs {
		return at, true
	}
	// Reported speech: the clause after the cue, or the clause before the
	// speaker ("…, the source added").
	if content, ok := f.contentAfter(u, tailEnd, k); ok {
		at.Content = []crosscheck.Span{content}
	} else if content, ok := f.contentBefore(u, src, cueStart); ok && !inverted && f.onlyPunct(u, tailEnd) {
		at.Content = []crosscheck.Span{content}
	}
	return at, true
}

// cueTail returns the end of a cue's manner or channel phrase after the
// verb ("in a statement", "in a post on X", "on Telegram"): the phrase
// must run to a comma, a colon, a quotation, "that" or the end.
func (f *finder) cueTail(u unit, i int) int {
	if i >= u.to || f.regionOf[i] >= 0 || !f.w.cueTails[f.toks[i].Norm] {
		return i
	}
	// "said on Friday he …": a day or date names when, not what.
	if i+1 < u.to && f.toks[i].Norm == "on" && f.toks[i+1].Cap && f.regionOf[i+1] < 0 &&
		(i+2 >= u.to || !f.toks[i+2].Cap) {
		return i + 2
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

// isBreak reports tokens that end a speaker phrase going left.
func (f *finder) isBreak(i int) bool {
	t := f.toks[i]
	if f.regionOf[i] >= 0 {
		return true
	}
	if t.Kind == crosscheck.TokenPunct {
		switch t.Norm {
		case ",", "'", "&":
			return false
		case "-":
			// a hyphen inside a word ("34-year-old") joins; a dash set off
			// by spaces breaks
			if t.Start > 0 && f.a.Text[t.Start-1] != ' ' {
				return false
			}
		case ".":
			// an abbreviation's dot: Mr. Rep. U.S.
			if i > 0 && f.toks[i-1].Kind == crosscheck.TokenWord && len(f.toks[i-1].Norm) <= 4 && f.toks[i-1].End == t.Start {
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

// subjectLeft finds the speaker before a cue beginning at token c. It
// returns the speaker phrase and the part of it that names the speaker.
func (f *finder) subjectLeft(u unit, c int) (src, name crosscheck.Span, ok bool) {
	// Comma-separated segments going left, nearest first.
	var segs [][2]int
	end := c
	j := c - 1
	if j > u.from && f.toks[j].Norm == "," {
		// the comma closing an apposition or a relative clause: "X, the
		// envoy, said"
		end, j = j, j-1
	}
	for ; j >= u.from && !f.isBreak(j); j-- {
		if f.toks[j].Norm == "," {
			segs = append(segs, [2]int{j + 1, end})
			end = j
		}
	}
	segs = append(segs, [2]int{j + 1, end})
	for si := 0; si < len(segs); si++ {
		s := segs[si]
		if s[0] >= s[1] {
			return src, name, false // nothing between the comma and the cue
		}
		// A relative clause or participle phrase set off by commas
		// ("X, who flew to Y, said"): the speaker is further left.
		if f.w.relatives[f.toks[s[0]].Norm] {
			if f.w.adverbialRelatives[f.toks[s[0]].Norm] && s[1]-s[0] > 1 {
				s[0]++ // "…, where officials said": the speaker follows
			} else if si+1 < len(segs) {
				continue
			}
		}
		// A sentence adverb set off by commas: "Local boatmen, however, said".
		if s[1]-s[0] == 1 && !f.toks[s[0]].Cap && !f.w.determiners[f.toks[s[0]].Norm] && si+1 < len(segs) {
			if _, pron := f.w.pronouns[f.toks[s[0]].Norm]; !pron {
				continue
			}
		}
		s[1] = f.cutRelative(s)
		if s[0] >= s[1] || s[1]-s[0] > 14 {
			return src, name, false
		}
		if !f.speakerLike(s) || f.hasCue(s) {
			return src, name, false
		}
		src = f.span(s)
		name = src
		// An apposition: "Ilona Marek, a 34-year-old nurse, said" or "His
		// lawyer, Pavel Stoyan, said".
		if si+1 < len(segs) && f.w.determiners[f.toks[s[0]].Norm] && !f.toks[s[0]].Cap {
			l := segs[si+1]
			// skip an age between name and description: "X, 62, a teacher"
			if l[1]-l[0] == 1 && f.toks[l[0]].Kind == crosscheck.TokenNumber && si+2 < len(segs) {
				l = segs[si+2]
			}
			if l[0] < l[1] && f.nameRun(l) {
				src = crosscheck.Span{Start: f.toks[l[0]].Start, End: src.End}
				name = f.span(l)
			}
		} else if f.nameRun(s) && si+1 < len(segs) {
			l := segs[si+1]
			if l[0] < l[1] && l[1]-l[0] <= 5 && f.w.determiners[f.toks[l[0]].Norm] {
				src = crosscheck.Span{Start: f.toks[l[0]].Start, End: src.End}
			}
		}
		return src, name, true
	}
	return src, name, false
}

// hasCue reports a cue word inside a range: a speaker phrase has none
// ("Asked about claims").
func (f *finder) hasCue(s [2]int) bool {
	for i := s[0]; i < s[1]; i++ {
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
	if f.w.prepositions[f.toks[from].Norm] {
		// skip an opening circumstance: "Upon his release, X …"
		for from < c && f.toks[from].Norm != "," {
			from++
		}
		from++
	}
	u.from = from
	j := u.from
	for j < c && j-u.from < 6 && f.toks[j].Kind == crosscheck.TokenWord && (f.toks[j].Cap || (j > u.from && f.toks[j].Norm == "'s")) {
		j++
	}
	if j == u.from || u.from >= c || f.regionOf[u.from] >= 0 {
		return crosscheck.Span{}, false
	}
	return f.span([2]int{u.from, j}), true
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
	if !t.Cap && !f.w.determiners[t.Norm] && t.Kind != crosscheck.TokenNumber && !f.w.quantities[t.Norm] {
		return false
	}
	// A leading preposition is a circumstance, not a speaker: "In a post …".
	if f.w.cueTails[t.Norm] || t.Norm == "after" || t.Norm == "for" || t.Norm == "with" || t.Norm == "from" {
		return false
	}
	return true
}

// nameRun reports a range of capitalised words (with particles): a name.
func (f *finder) nameRun(s [2]int) bool {
	words := 0
	for i := s[0]; i < s[1]; i++ {
		t := f.toks[i]
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
	for j < u.to && !f.isBreak(j) && f.toks[j].Norm != "," && !(f.w.relatives[f.toks[j].Norm] && j > i) {
		j++
	}
	s := [2]int{i, j}
	if s[0] >= s[1] || s[1]-s[0] > 10 || !f.speakerLike(s) || f.w.cueTails[f.toks[i].Norm] {
		return src, name, i, false
	}
	if f.w.complement[f.toks[i].Norm] {
		return src, name, i, false
	}
	src = f.span(s)
	name = src
	if !f.nameRun(s) && j < u.to && f.toks[j].Norm == "," {
		k := j + 1
		for k < u.to && f.toks[k].Kind != crosscheck.TokenPunct && f.regionOf[k] < 0 && f.toks[k].Cap {
			k++
		}
		if k > j+1 && k-j-1 <= 4 {
			name = f.span([2]int{j + 1, k})
			src.End = name.End
			j = k
		}
	}
	return src, name, j, true
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
	end := u.to
	for end > i && f.toks[end-1].Kind == crosscheck.TokenPunct && f.regionOf[end-1] < 0 {
		end--
	}
	// Stop at a standalone quotation: its words are a direct quote.
	for j := i; j < end; j++ {
		if r := f.regionOf[j]; r >= 0 && (j == i || (f.regionOf[j-1] != r && (f.toks[j-1].Norm == "," || f.toks[j-1].Norm == ":"))) && f.standaloneRegion(r) {
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
	return crosscheck.Span{Start: f.toks[i].Start, End: f.toks[end-1].End}, true
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
	if startTok <= u.from || f.toks[startTok-1].Norm != "," {
		return crosscheck.Span{}, false
	}
	end := startTok - 1
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
	for j < u.to && f.toks[j].Norm != "," && f.toks[j].Norm != "." && f.regionOf[j] < 0 && f.toks[j].Norm != ";" {
		j++
	}
	if j == i || j-i > 16 {
		return at, false
	}
	at.Source = f.span([2]int{i, j})
	at.Name = at.Source
	at.Cue = crosscheck.Span{Start: f.toks[c].Start, End: f.toks[c+1].End}
	var content [2]int
	if c == u.from || (c == u.from+1 && f.toks[u.from].Kind == crosscheck.TokenWord && !f.toks[u.from].Cap) {
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
		at, ok := f.frame(u, i, k)
		if !ok && i > u.from && f.toks[i-1].Norm == "and" && prev != nil && prev.Source.Len() > 0 && k != cueAccording {
			// "X dismissed … and said …": the speaker of the first verb.
			at, ok = f.frameShared(u, i, k, prev)
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
			if len(words) == 0 {
				continue
			}
			at.Content = words
			at.Direct, at.Partial = true, true
			f.out = append(f.out, at)
			prev = &f.out[len(f.out)-1]
			continue
		}
		if len(at.Content) == 0 {
			continue
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

// frameShared reads a cue that shares the speaker of an earlier verb.
func (f *finder) frameShared(u unit, c int, k cueKind, prev *Attribution) (Attribution, bool) {
	at := Attribution{Source: prev.Source, Name: prev.Name, Pronoun: prev.Pronoun}
	at.Cue = f.toks[c].Span
	if k == cueAs {
		return at, true
	}
	tail := f.cueTail(u, c+1)
	content, ok := f.contentAfter(u, tail, k)
	if !ok {
		return at, false
	}
	at.Content = []crosscheck.Span{content}
	return at, true
}
