package boilerplate

import (
	"strings"
)

// jusText's thresholds, in characters (runes) and stopword density. The
// densities are lower than jusText's published 0.30/0.32 because the stop
// lists here are the short snowball/NLTK ones.
const (
	lengthLow     = 70
	lengthHigh    = 200
	stopwordsLow  = 0.22
	stopwordsHigh = 0.26
	maxLinkShare  = 0.35
	// sentenceWordsGood is how many words make a line that ends like a
	// sentence good text though it is shorter than lengthHigh: news
	// paragraphs are often a single sentence.
	sentenceWordsGood = 15
)

// classify sets each line's class and, for lines to remove, its reason.
func classify(lines []*line, title string) {
	anchors := markHeadlines(lines, title)
	independent := languageIndependent(lines)
	for _, l := range lines {
		if l.reason == reasonHeadline {
			// A headline is a heading to the context rules: its
			// shape says how it bears on its neighbours, while it
			// stays removed.
			l.cls = shapeClass(l, independent)
			continue
		}
		if reason := chromeReason(l); reason != "" {
			l.cls, l.fixed, l.reason = classBad, true, reason
			continue
		}
		l.cls = shapeClass(l, independent)
	}
	reviseInContext(lines)
	extendProse(lines)
	if !anyGood(lines) {
		keepSentences(lines)
	}
	keepSubheadings(lines)
	keepStandfirst(lines)
	selectMainBlock(lines, anchors)
	trimEdges(lines)
}

// languageIndependent reports whether the text has so few function words of
// the covered languages that stopword density says nothing about it (another
// language or script); the classifier then goes by length alone, as jusText
// does without a stop list.
func languageIndependent(lines []*line) bool {
	words, stops := 0, 0
	for _, l := range lines {
		words += l.words
		stops += l.stopwords
	}
	return words == 0 || float64(stops)/float64(words) < 0.08
}

// chromeReason returns why a line is site chrome whatever surrounds it, or ""
// when the line must be judged by its shape and context.
func chromeReason(l *line) string {
	if l.words == 0 && l.linkish == 0 {
		return reasonNoLetters
	}
	if creditOnly(l) {
		if agency, ok := WireCredit(l.text); ok {
			return reasonWire + " (" + agency + ")"
		}
	}
	if wireCreditShape(l) {
		return reasonWire
	}
	if reportingCredit(l) {
		return reasonCredit
	}
	if followLine(l) {
		return reasonFollow
	}
	if r := cueReason(l); r != "" {
		return r
	}
	tokens := l.words + l.linkish
	if l.linkish > 0 && float64(l.linkish) >= maxLinkShare*float64(tokens) && !(l.sentence && l.words >= 8) {
		return reasonLinks
	}
	if l.seps >= 2 && l.words <= 4*l.seps && !l.sentence {
		return reasonMenu
	}
	if l.words > 0 && !l.sentence && l.words <= 12 && 2*l.chrome >= l.words+1 {
		return reasonMenu
	}
	return ""
}

// creditOnly reports whether a line WireCredit accepted is just the credit,
// not a dateline that opens a paragraph of the story ("Vilnius, December 14
// (IANS) Belarus has released …" is kept; the provenance stage reads the
// dateline from the text).
func creditOnly(l *line) bool {
	return l.words <= 12 && !(l.sentence && l.words >= 8 && strings.Contains(l.text, ")"))
}

// wireCreditShape recognises agency credits that name no agency of the
// gazetteer: "With inputs from agencies", "(With agency inputs)".
func wireCreditShape(l *line) bool {
	if l.words > 8 {
		return false
	}
	f := strings.Trim(l.folded, "()[]. ")
	return strings.HasPrefix(f, "with inputs from") || strings.HasPrefix(f, "with agency inputs") ||
		(strings.HasPrefix(f, "with ") && strings.HasSuffix(f, " inputs")) ||
		strings.HasSuffix(f, "contributed to this report") || strings.HasPrefix(f, "agencies contributed")
}

// reportingCredits open the staff credits news agencies put after a story:
// "(Reporting by …; editing by …)".
var reportingCredits = []string{"reporting by", "additional reporting by", "editing by", "writing by",
	"compiled by", "reporting and writing by", "additional reporting from"}

// maxCreditWords is the longest line read as a staff credit.
const maxCreditWords = 40

// reportingCredit reports whether a line is an agency's staff credit.
func reportingCredit(l *line) bool {
	if l.words > maxCreditWords {
		return false
	}
	f := strings.TrimLeft(l.folded, "([ ")
	for _, p := range reportingCreditPrefixes {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// reportingCreditPrefixes are the reportingCredits followed by a space, as
// they open a credit line.
var reportingCreditPrefixes = func() []string {
	out := make([]string, len(reportingCredits))
	for i, p := range reportingCredits {
		out[i] = p + " "
	}
	return out
}()

// followLine reports whether a line asks the reader to follow someone on a
// social network: "Follow Example News on Telegram for live updates".
func followLine(l *line) bool {
	if l.words > maxContactWords || !strings.HasPrefix(l.folded, "follow ") {
		return false
	}
	i := strings.Index(l.folded, " on ")
	if i < 0 {
		return false
	}
	rest := strings.FieldsFunc(l.folded[i+len(" on "):], func(r rune) bool { return !isWordRune(r) })
	return len(rest) > 0 && (socialNetworks[rest[0]] || rest[0] == "x")
}

// cueReason matches the lexicons, guarded by length so that a sentence which
// merely uses a word ("Advertising revenue fell …") is not taken for chrome.
func cueReason(l *line) string {
	cl := newCueLine(l.folded)
	// The anywhere phrases count only in a short line; the length test
	// comes first: most lines are sentences of the article, too long for
	// a cue anywhere in them to count.
	anywhere := l.words <= 12 || (l.words <= 25 && !l.sentence)
	for i := range compiledCues {
		c := &compiledCues[i]
		if end := c.matchLeadIn(&cl); end >= 0 {
			loc := [2]int{0, end}
			phrase := strings.TrimSpace(l.folded[:loc[1]])
			single := !strings.ContainsAny(strings.Trim(phrase, " :.-|»>/(),…"), " ")
			switch {
			case single && (l.words <= 4 || followedByLabelMark(l.folded, loc[1])):
				return c.reason
			case !single && (l.words <= 15 || (l.words <= 40 && !l.sentence)):
				return c.reason
			case !single && l.words <= 40 && followedByLabelMark(l.folded, loc[1]):
				return c.reason
			}
		}
		if anywhere && c.matchAnywhereIn(&cl) {
			return c.reason
		}
	}
	return ""
}

// followedByLabelMark reports whether the phrase ending at i is used as a
// label: followed by a colon, an arrow or a bar ("Related: …", "Read more »").
func followedByLabelMark(s string, i int) bool {
	if i > 0 && strings.ContainsAny(s[i-1:i], ":»>|") {
		return true
	}
	rest := strings.TrimLeft(s[i:], " ")
	return rest == "" || strings.ContainsAny(rest[:1], ":»>|→")
}

// shapeClass is jusText's context-free classification.
func shapeClass(l *line, independent bool) class {
	density := 0.0
	if l.words > 0 {
		density = float64(l.stopwords) / float64(l.words)
	}
	if independent {
		switch {
		case l.runes < lengthLow:
			return classShort
		case l.runes > lengthHigh:
			return classGood
		default:
			return classNearGood
		}
	}
	switch {
	case l.runes < lengthLow:
		return classShort
	case density >= stopwordsHigh && (l.runes > lengthHigh || (l.sentence && l.words >= sentenceWordsGood)):
		return classGood
	case density >= stopwordsLow:
		return classNearGood
	default:
		return classBad
	}
}

// reviseInContext is jusText's context-sensitive pass: short and near-good
// lines take the class of the good or bad text around them; the start and the
// end of the text count as bad.
func reviseInContext(lines []*line) {
	orig := make([]class, len(lines))
	for i, l := range lines {
		orig[i] = l.cls
	}
	neighbour := func(i, step int, ignoreNearGood bool, cls []class) class {
		for j := i + step; j >= 0 && j < len(cls); j += step {
			switch cls[j] {
			case classBad, classGood:
				return cls[j]
			case classNearGood:
				if !ignoreNearGood {
					return cls[j]
				}
			}
		}
		return classBad
	}
	// Short lines first, looking at the context-free classes.
	next := make([]class, len(lines))
	copy(next, orig)
	for i, c := range orig {
		if c != classShort || lines[i].fixed {
			continue
		}
		prev, after := neighbour(i, -1, true, orig), neighbour(i, 1, true, orig)
		switch {
		case prev == classGood && after == classGood:
			next[i] = classGood
		case prev == classBad && after == classBad:
			next[i] = classBad
		case (prev == classBad && neighbour(i, -1, false, orig) == classNearGood) ||
			(after == classBad && neighbour(i, 1, false, orig) == classNearGood):
			next[i] = classGood
		default:
			next[i] = classBad
		}
	}
	// Then near-good lines, looking at the revised classes.
	final := make([]class, len(lines))
	copy(final, next)
	for i, c := range next {
		if c != classNearGood {
			continue
		}
		prev, after := neighbour(i, -1, true, next), neighbour(i, 1, true, next)
		if prev == classBad && after == classBad {
			final[i] = classBad
		} else {
			final[i] = classGood
		}
	}
	for i, l := range lines {
		l.cls = final[i]
		if l.cls == classBad && l.reason == "" {
			switch orig[i] {
			case classShort:
				l.reason = reasonShort
			case classNearGood:
				l.reason = reasonNearGood
			default:
				l.reason = reasonNotProse
			}
		}
	}
}

// keepSubheadings restores short title-like lines that sit between kept
// paragraphs: jusText keeps headings that precede good text, and inside an
// article a subheading is followed and preceded by prose.
func keepSubheadings(lines []*line) {
	for i, l := range lines {
		if l.cls != classBad || l.fixed || l.words == 0 || l.words > 15 || l.sentence {
			continue
		}
		if !keptBefore(lines, i) || !keptAfter(lines, i) {
			continue
		}
		l.cls, l.reason = classGood, ""
	}
}

// keptBefore and keptAfter report whether the nearest line not also a
// candidate subheading on that side is kept prose.
func keptBefore(lines []*line, i int) bool {
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if lines[j].cls == classGood {
			return lines[j].words >= 8
		}
		if lines[j].fixed {
			return false
		}
	}
	return false
}

func keptAfter(lines []*line, i int) bool {
	for j := i + 1; j < len(lines) && j <= i+2; j++ {
		if lines[j].cls == classGood {
			return lines[j].words >= 8
		}
		if lines[j].fixed {
			return false
		}
	}
	return false
}

// trimEdges removes kept lines at the very start and end of the kept text
// that are short and not sentences: datelines, bylines, labels, buttons. A
// standfirst (a longer line, even without a full stop) stays.
func trimEdges(lines []*line) {
	edgeJunk := func(l *line) bool {
		return l.cls == classGood && !l.sentence && l.words < 8
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.reason != "" {
			continue
		}
		if !edgeJunk(l) {
			break
		}
		l.cls, l.reason = classBad, reasonEdge
	}
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if l.reason != "" {
			continue
		}
		if !edgeJunk(l) {
			break
		}
		l.cls, l.reason = classBad, reasonEdge
	}
}

// proseFloor is the stopword density below which a long sentence-shaped
// line is not taken for prose even next to good text: a list of names or a
// table row ends with a full stop too.
const proseFloor = 0.10

// extendProse keeps long sentence-shaped lines that jusText's density test
// failed (a lead paragraph heavy with names and places) when they sit right
// next to kept prose: such a line is the article's own, not chrome.
func extendProse(lines []*line) {
	candidate := func(l *line) bool {
		return l.cls == classBad && !l.fixed && l.sentence && l.words >= 15 &&
			float64(l.stopwords) >= proseFloor*float64(l.words)
	}
	adjacentGood := func(i, step int) bool {
		for j := i + step; j >= 0 && j < len(lines); j += step {
			switch {
			case lines[j].cls == classGood:
				return true
			case lines[j].fixed || lines[j].words >= 8:
				return false
			}
		}
		return false
	}
	for pass := 0; pass < 2; pass++ {
		for i, l := range lines {
			if candidate(l) && (adjacentGood(i, -1) || adjacentGood(i, 1)) {
				l.cls, l.reason = classGood, ""
			}
		}
	}
	// A short sentence right after or before kept prose — the closing quote
	// of a story, "Work starts in May." — is the article's too; jusText
	// drops it at the article's edge because the chrome beyond is bad.
	for i, l := range lines {
		if l.cls != classBad || l.fixed || !l.sentence || l.words < 4 {
			continue
		}
		if (i > 0 && lines[i-1].cls == classGood && lines[i-1].words >= 15) ||
			(i+1 < len(lines) && lines[i+1].cls == classGood && lines[i+1].words >= 15) {
			l.cls, l.reason = classGood, ""
		}
	}
}

func anyGood(lines []*line) bool {
	for _, l := range lines {
		if l.cls == classGood {
			return true
		}
	}
	return false
}

// keepSentences is the fallback when the context classifier finds no good
// text at all: an article of short one-sentence paragraphs, which jusText
// would discard whole. Then every line that ends like a sentence and is not
// chrome is kept; the edge trim still applies.
func keepSentences(lines []*line) {
	for _, l := range lines {
		if !l.fixed && l.sentence && l.words >= 3 {
			l.cls, l.reason = classGood, ""
		}
	}
}

// Main-block selection, after Finn et al.'s body text extraction: the
// article is the stretch of lines where kept prose outweighs removed chrome.
// A kept line of prose (a sentence, or eight words or more) scores its word
// count; a removed line, or a kept short label (a subheading, a time stamp,
// a teaser's headline), costs blockLinePenalty,
// and a run of removed lines at most blockRunCap, so that a long menu or an
// embedded box between two halves of an article does not split it, while
// teaser lists (a headline, a one-line summary, a time stamp, over and over)
// and comment threads do not add up to a block of their own.
const (
	blockLinePenalty = 15
	blockRunCap      = 90
)

// selectMainBlock removes the kept lines outside the best-scoring stretch.
// When the page repeats its headline (anchors: the lines that do), the
// article starts after one of those lines. The best stretch anywhere is
// kept when it is consistent with that, that is when it overlaps the best
// stretch beginning right after some headline line; when it lies wholly
// elsewhere (a teaser list above the headline, a legal notice or a comment
// thread that outweighs a short article), the best stretch beginning after
// a headline line is taken instead.
func selectMainBlock(lines []*line, anchors []int) {
	seen := make(map[string]int, len(lines))
	for _, l := range lines {
		seen[strings.TrimSpace(l.text)]++
	}
	bestStart, bestEnd := bestStretch(lines, seen)
	if len(anchors) > 0 {
		consistent := false
		aStart, aEnd, aBest := -1, -1, 0
		for _, a := range anchors {
			end, sum := bestFrom(lines, seen, a+1)
			if end < 0 {
				continue
			}
			if bestStart >= 0 && a < bestStart && bestStart-a <= headlineReach {
				consistent = true
				break
			}
			if sum > aBest {
				aStart, aEnd, aBest = a+1, end, sum
			}
		}
		if !consistent && aStart >= 0 {
			bestStart, bestEnd = aStart, aEnd
		}
	}
	if bestStart < 0 {
		return
	}
	for i, l := range lines {
		if (i < bestStart || i > bestEnd) && l.reason == "" {
			l.cls, l.reason = classBad, reasonOffBlock
		}
	}
}

// headlineReach is how many lines after a repeat of the headline the article
// may begin (a byline, a date, a share bar, a photo credit lie between).
const headlineReach = 8

// blockScore walks lines and tells step, for each line, what it adds to the
// stretch being built: a kept line of prose scores its word count, anything
// else costs blockLinePenalty, a run of such lines at most blockRunCap. A
// line printed twice on one page is a teaser list or a sidebar shown twice,
// not the article (whose paragraphs occur once): it adds nothing.
type blockScore struct {
	seen map[string]int
	run  int
}

func (b *blockScore) step(l *line) int {
	if l.reason == "" && (l.sentence || l.words >= 8) && b.seen[strings.TrimSpace(l.text)] == 1 {
		b.run = 0
		return l.words
	}
	cost := blockLinePenalty
	if b.run+cost > blockRunCap {
		cost = max(blockRunCap-b.run, 0)
	}
	b.run += cost
	return -cost
}

// bestStretch is the best-scoring stretch anywhere (-1, -1 when none
// scores above zero).
func bestStretch(lines []*line, seen map[string]int) (bestStart, bestEnd int) {
	bestStart, bestEnd = -1, -1
	best, start, sum := 0, 0, 0
	b := blockScore{seen: seen}
	for i, l := range lines {
		sum += b.step(l)
		if sum <= 0 {
			start, sum, b.run = i+1, 0, 0
			continue
		}
		if sum > best {
			bestStart, bestEnd, best = start, i, sum
		}
	}
	return bestStart, bestEnd
}

// bestFrom is the best-scoring stretch that starts at line start and has
// prose within headlineReach lines of it: its last line and its score, or
// -1 and 0.
func bestFrom(lines []*line, seen map[string]int, start int) (bestEnd, best int) {
	bestEnd = -1
	sum := 0
	b := blockScore{seen: seen}
	for i := start; i < len(lines); i++ {
		gain := b.step(lines[i])
		if best == 0 && gain <= 0 && i-start >= headlineReach {
			// No prose within reach of the headline: the article is
			// not here.
			return -1, 0
		}
		sum += gain
		if sum > best {
			bestEnd, best = i, sum
		}
	}
	return bestEnd, best
}

// keepStandfirst keeps the line right before the first kept prose when it
// reads as a standfirst: ten words or more, not chrome. Standfirsts are
// dense with names and often lack a full stop, so the density test fails
// them, and at the article's edge no context rescues them.
func keepStandfirst(lines []*line) {
	for i, l := range lines {
		if l.cls != classGood {
			continue
		}
		if i > 0 {
			if p := lines[i-1]; p.cls == classBad && !p.fixed && p.words >= 10 {
				p.cls, p.reason = classGood, ""
			}
		}
		return
	}
}
