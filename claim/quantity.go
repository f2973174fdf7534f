package claim

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/crosscheck-news/crosscheck"
)

// number is a number read at a token: its value or range and the tokens
// it covers.
type number struct {
	lo, hi   float64
	from, to int // token range
	vague    bool
	word     bool // written as a word
}

// ParseNumber reads a number written as digits ("1,100", "3.5") or as
// English words ("thirty-one", "twelve", "a dozen"); vague plural words
// ("dozens", "hundreds") give the range a reader would give them. It is
// exported for the fuzz test and for callers that read single values.
func ParseNumber(s string) (lo, hi float64, ok bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, 0, false
	}
	if r, ok := vagueNumbers[s]; ok {
		return r[0], r[1], true
	}
	if v, ok := parseDigits(s); ok {
		return v, v, true
	}
	if v, ok := parseNumberWord(s); ok {
		return v, v, true
	}
	return 0, 0, false
}

// parseDigits reads "1,100", "3.5", "1.613" (a dot is a decimal point; a
// comma groups thousands only when followed by exactly three digits).
func parseDigits(s string) (float64, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == ',':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			if j-i-1 != 3 {
				return 0, false
			}
		case c == '.':
			b.WriteByte('.')
		default:
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// parseNumberWord reads "twelve", "thirty-one", "dozen".
func parseNumberWord(s string) (float64, bool) {
	if v, ok := smallNumbers[s]; ok {
		return v, true
	}
	tens, units, found := strings.Cut(s, "-")
	if !found {
		return 0, false
	}
	t, ok1 := smallNumbers[tens]
	u, ok2 := smallNumbers[units]
	if !ok1 || !ok2 || t < 20 || int(t)%10 != 0 || u < 1 || u > 9 {
		return 0, false
	}
	return t + u, true
}

// numberAt reads the number starting at token j, with a following
// multiplier ("1.5 million", "two hundred", "tens of thousands").
func (s *sent) numberAt(j int) (number, bool) {
	t := s.tok(j)
	var n number
	switch {
	case t.Kind == crosscheck.TokenNumber:
		v, ok := parseDigits(t.Norm)
		if !ok {
			return n, false
		}
		n = number{lo: v, hi: v, from: j, to: j + 1}
	case t.Kind == crosscheck.TokenWord:
		w := t.Norm
		if w == "tens" && s.norm(j+1) == "of" {
			if m, ok := multipliers[s.norm(j+2)]; ok && m >= 1000 {
				return number{lo: 10 * m, hi: 99 * m, from: j, to: j + 3, vague: true, word: true}, true
			}
		}
		nw := numberWords[w]
		if nw.vague {
			r := nw.r
			n = number{lo: r[0], hi: r[1], from: j, to: j + 1, vague: true, word: true}
			// "hundreds of thousands"
			if s.norm(j+1) == "of" {
				if m, ok := multipliers[s.norm(j+2)]; ok {
					n.lo, n.hi, n.to = r[0]*m/100*1, r[1]*m, j+3
					if w == "hundreds" {
						n.lo = 200 * m
					}
				}
			}
			return n, true
		}
		if w == "dozen" || (w == "a" && s.norm(j+1) == "dozen") {
			to := j + 1
			if w == "a" {
				to = j + 2
			}
			return number{lo: 12, hi: 12, from: j, to: to, word: true}, true
		}
		// parseNumberWord: a small number, or two joined by a hyphen.
		v, ok := nw.v, nw.small
		if !ok && strings.IndexByte(w, '-') >= 0 {
			v, ok = parseNumberWord(w)
		}
		if !ok {
			return n, false
		}
		n = number{lo: v, hi: v, from: j, to: j + 1, word: true}
	default:
		return n, false
	}
	if m, ok := multipliers[s.norm(n.to)]; ok {
		n.lo *= m
		n.hi *= m
		n.to++
	}
	return n, true
}

// qualifierBefore returns the qualifier ending just before token j and the
// token where it starts.
func (s *sent) qualifierBefore(j int) (qualifier, int, bool) {
	for _, q := range qualifiers {
		k := j - len(q.words)
		if k < s.lo {
			continue
		}
		ok := true
		for x, w := range q.words {
			if s.norm(k+x) != w {
				ok = false
				break
			}
		}
		if ok {
			return q, k, true
		}
	}
	return qualifier{}, j, false
}

// quantity is a number with its unit, before it becomes a claim.
type quantity struct {
	number
	start int // first token, qualifier included
	numTo int // end of the number itself, before the unit
	// plusOne: "X along with 113 other prisoners" counts X too.
	plusOne bool
	unit    string
	dim     string
	base    string  // display unit of the dimension
	scale   float64 // unit → base unit
	// compound: the number modifies a noun ("an 11-year sentence"); noun is
	// that noun.
	noun string
	qual string
}

// quantities appends the quantity claims of the sentence.
func (s *sent) quantities(out []Claim) []Claim {
	for j := s.lo; j < s.hi; j++ {
		q, ok := s.quantityAt(j)
		if !ok {
			continue
		}
		if q.dim == "count:person" {
			q = s.enumeration(q)
		}
		if c, ok := s.quantityClaim(q); ok {
			out = append(out, c)
		}
		j = q.to - 1
	}
	return out
}

// enumeration extends a count of people by the people listed after it,
// whom it adds up: "three passengers and a deckhand" are four people,
// "two soldiers and three civilians" five. The value stays as written.
func (s *sent) enumeration(q quantity) quantity {
	if q.vague || s.norm(q.to) != "and" {
		return q
	}
	k := q.to + 1
	switch w := s.norm(k); {
	case w == "a" || w == "an" || w == "one":
		// "and a deckhand", "and one crew member"
		for m := k + 1; m <= k+2 && m < s.hi; m++ {
			if !s.isWord(m) || funcWords[s.norm(m)] {
				break
			}
			if personNouns[s.norm(m)] {
				q.lo, q.hi, q.to = q.lo+1, q.hi+1, m+1
				return q
			}
		}
	default:
		if m, ok := s.quantityAt(k); ok && m.dim == "count:person" && !m.vague && m.unit != "" {
			q.lo, q.hi, q.to = q.lo+m.lo, q.hi+m.hi, m.to
		}
	}
	return q
}

// quantityAt reads a quantity starting at token j.
func (s *sent) quantityAt(j int) (quantity, bool) {
	var q quantity
	// A year, a time of day or a date is read by the time reader.
	if _, ok := s.yearAt(j); ok {
		return q, false
	}
	if s.isNumber(j) && (s.norm(j+1) == ":" || isMeridiem(s, j+1) || months[s.norm(j+1)] != 0 || months[s.norm(j-1)] != 0) {
		return q, false
	}
	w := s.norm(j)
	var n number
	switch {
	case (w == "a" || w == "an") && s.isWord(j+1) && measureUnits[s.norm(j+1)].dim != "" && measureUnits[s.norm(j+1)].dim != "percent":
		// "about a kilometre", "for an hour"
		n = number{lo: 1, hi: 1, from: j, to: j + 1, word: true}
	case w == "no" && personNouns[s.norm(j+1)] || w == "no" && personNouns[s.norm(j+2)] && s.isWord(j+1) && !funcWords[s.norm(j+1)]:
		// "there are no political prisoners"
		n = number{lo: 0, hi: 0, from: j, to: j + 1, word: true}
	default:
		var ok bool
		n, ok = s.numberAt(j)
		if !ok {
			return q, false
		}
	}
	q.number = n
	q.start = n.from
	// A range: "between 10 and 20", "10 to 20", "10-20".
	if sep := s.norm(n.to); sep == "-" || sep == "to" || (sep == "and" && s.norm(n.from-1) == "between") {
		if m, ok := s.numberAt(n.to + 1); ok && !m.vague && m.lo > n.hi {
			q.hi, q.to = m.hi, m.to
			if sep == "and" {
				q.start = n.from - 1
			}
		}
	}
	q.numTo = q.to
	if qual, k, ok := s.qualifierBefore(q.start); ok {
		lo, hi := qual.lo(q.lo), qual.hi(q.hi)
		q.lo, q.hi, q.start = lo, hi, k
		q.qual = strings.Join(qual.words, " ")
	}
	// Currency before the number: "$1.5 million".
	if cur, ok := currencies[s.norm(q.start-1)]; ok && s.tok(q.start-1).Kind == crosscheck.TokenSymbol {
		q.dim, q.base, q.scale, q.unit = "money:"+cur, strings.ToUpper(cur), 1, cur
		q.start--
		return q, true
	}
	return s.unitAfter(q)
}

// isMeridiem reports "a.m."/"p.m."/"am"/"pm" at token j.
func isMeridiem(s *sent, j int) bool {
	w := s.norm(j)
	if w == "am" || w == "pm" {
		return true
	}
	return (w == "a" || w == "p") && s.norm(j+1) == "." && s.norm(j+2) == "m"
}

// unitAfter reads the unit after a number: a unit of measure, a currency,
// a percent sign, "-year-old", or the counted noun.
func (s *sent) unitAfter(q quantity) (quantity, bool) {
	j := q.to
	w := s.norm(j)
	set := func(u string, info unitInfo, to int) {
		q.unit, q.dim, q.base, q.scale, q.to = u, info.dim, info.name, info.factor, to
	}
	switch {
	case w == "%" || w == "percent":
		set("%", measureUnits["%"], j+1)
		return q, true
	case w == "per" && s.norm(j+1) == "cent":
		set("%", measureUnits["%"], j+2)
		return q, true
	case currencies[w] != "" && s.isWord(j):
		q.unit, q.dim, q.base, q.scale, q.to = w, "money:"+currencies[w], strings.ToUpper(currencies[w]), 1, j+1
		return q, true
	case w == "-" && s.norm(j+1) == "year-old":
		q.unit, q.dim, q.base, q.scale, q.to = "years", "age", "years", 1, j+2
		return q, true
	case w == "-" && measureUnits[s.norm(j+1)].dim != "":
		// "an 11-year sentence", "a 48-hour detention"
		set(s.norm(j+1), measureUnits[s.norm(j+1)], j+2)
		if s.isWord(j+2) && !funcWords[s.norm(j+2)] {
			q.noun = s.norm(j + 2)
		}
		return q, true
	}
	if info, ok := measureUnits[w]; ok && s.isWord(j) {
		// "70 km/h", "70 kilometres per hour"
		if (w == "km" || w == "kilometres" || w == "kilometers" || w == "miles") && (s.norm(j+1) == "/" && s.norm(j+2) == "h" || s.norm(j+1) == "per" && s.norm(j+2) == "hour" || s.norm(j+1) == "an" && s.norm(j+2) == "hour") {
			f := 1.0
			if w == "miles" {
				f = 1.609344
			}
			set("km/h", unitInfo{"speed", f, "km/h"}, j+3)
			return q, true
		}
		if w == "m" && !s.tok(j).Cap && s.norm(j+1) == "." {
			return q, false // "p.m." parts never reach here; "m." alone is no unit
		}
		set(w, info, j+1)
		return q, true
	}
	// A counted noun: skip up to three modifiers ("72 shivering
	// survivors", "123 political prisoners", "dozens of other prisoners").
	k := j
	if s.norm(k) == "of" && q.vague {
		k++
	}
	for x := 0; x < 4 && k < s.hi && s.isWord(k); x, k = x+1, k+1 {
		n := s.norm(k)
		if personNouns[n] {
			q.unit, q.dim, q.to = n, "count:person", k+1
			return q, true
		}
		if funcWords[n] && !exclusive[n] {
			break
		}
		if isPluralNoun(n) && !exclusive[n] {
			q.unit, q.dim, q.to = n, "count:"+singular(n), k+1
			return q, true
		}
	}
	// A bare number ("nine were missing", "rose to 15") is kept when a
	// class word makes it a count of people.
	q.dim = "count:"
	return q, true
}

// isPluralNoun guesses a plural noun: a word of four letters or more
// ending in s that is not a verb form the lexicons know.
func isPluralNoun(w string) bool {
	if len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "ous") {
		return false
	}
	if predicateClasses[w] != "" || changeWords[w] || funcWords[w] {
		return false
	}
	return true
}

// singular strips a plural ending.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// classWindow is how far from a number its predicate word may stand.
const (
	classBefore = 6
	classAfter  = 8
)

// classCapacity is the class of a number a thing may hold ("licensed to
// carry 40 passengers"), read from the words around it, not a class word.
const classCapacity = "capacity"

// classAt is the predicate class of the word at token j, "" when none: a
// class word of people held is no such word after an event's noun
// ("elections held five years ago", "talks held in Minsk").
func (s *sent) classAt(j int) string {
	// "elections held five years ago", "held a 214-delegate advantage":
	// no detention.
	if s.norm(j) == "held" && (heldEvents[s.norm(j-1)] || transitiveObject[s.norm(j+1)]) {
		return ""
	}
	// "were feared lost", "lost at sea" are missing; "lost that district
	// 68%-31%", "had lost 350,000 jobs" are not.
	if s.norm(j) == "lost" && !lostPassive[s.norm(j-1)] && !lostPassive[s.norm(j-2)] && s.norm(j+1) != "at" {
		return ""
	}
	return predicateClasses[s.norm(j)]
}

// personClasses are the classes of what happens to people.
var personClasses = map[string]bool{"dead": true, "missing": true, "injured": true, "hospital": true, "rescued": true,
	"evacuated": true, "aboard": true, "released": true, "transferred": true, "held": true, "arrested": true}

// personLike guesses whether a counted noun (singular) names people when
// the person lexicon does not list it: an agent or a nationality
// ("supporters", "voters", "Americans", "employees").
func personLike(noun string) bool {
	for _, suf := range []string{"er", "or", "ist", "an", "ee", "ese", "man", "child"} {
		if strings.HasSuffix(noun, suf) {
			return true
		}
	}
	return false
}

// lostPassive are the words before "lost" that make it "gone missing".
var lostPassive = map[string]bool{"was": true, "were": true, "is": true, "are": true, "be": true, "been": true, "feared": true,
	"presumed": true, "believed": true, "reported": true, "still": true}

// transitiveObject are the words that open a verb's object: after them
// "held" has held something, not someone in custody.
var transitiveObject = map[string]bool{"the": true, "that": true, "this": true, "a": true, "an": true, "his": true, "her": true,
	"their": true, "its": true, "our": true, "by": true}

// secondPredicate reports whether token j is a conjunction opening a
// second predicate of the clause's subject ("was awarded the prize in 2022
// and was serving a sentence"): what follows it is not said of what comes
// before.
func (s *sent) secondPredicate(j int) bool {
	switch s.norm(j) {
	case "and", "but", "while":
		return auxiliaries[s.norm(j+1)]
	}
	return false
}

// auxiliaries open a verb phrase.
var auxiliaries = map[string]bool{
	"was": true, "were": true, "is": true, "are": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "could": true, "can": true, "may": true, "might": true, "did": true,
}

// classOf finds the predicate class of the tokens [from,to): the nearest
// class word before or after, within the windows; the position of that
// word, or -1.
func (s *sent) classOf(from, to int) (string, int) {
	best, bestPos, bestDist := "", -1, 1<<30
	for d := 1; d <= classBefore; d++ {
		j := from - d
		// A clause boundary: in "12 people died and nine were missing" the
		// nine are not dead.
		if j < s.lo || s.norm(j) == ";" || s.norm(j) == "," || s.norm(j) == "and" || s.norm(j) == "but" || s.norm(j) == "while" {
			break
		}
		if c := s.classAt(j); c != "" {
			best, bestPos, bestDist = c, j, d
			break
		}
	}
	skipped := 0
	for d := 1; d <= classAfter && d < bestDist; d++ {
		j := to - 1 + d + skipped
		if j >= s.hi || s.norm(j) == ";" || s.secondPredicate(j) {
			break
		}
		// ", including X and Y," is a parenthesis: the verb comes after it.
		if s.norm(j) == "," && (s.norm(j+1) == "including" || s.norm(j+1) == "among") {
			for k := j + 1; k < s.hi && k < j+16; k++ {
				if s.norm(k) == "," {
					skipped += k - j
					break
				}
			}
			continue
		}
		if c := s.classAt(j); c != "" {
			best, bestPos = c, j
			break
		}
	}
	if bestPos >= 0 {
		w := s.norm(bestPos)
		// "licensed to carry 40 passengers": a capacity, not a count.
		if (w == "carrying" || w == "carry" || w == "carried") && bestPos < from {
			if p := s.norm(bestPos - 1); p == "to" || p == "can" || p == "could" || p == "would" {
				return classCapacity, bestPos
			}
		}
		if w == "carry" {
			return classCapacity, bestPos
		}
	}
	return best, bestPos
}

// quantityClaim makes a claim of a quantity read in the sentence.
func (s *sent) quantityClaim(q quantity) (Claim, bool) {
	// Exclusive words: "three more bodies", "113 other prisoners".
	before, after := s.norm(q.start-1), s.norm(q.numTo)
	// "two of them": a part of a group named before.
	if after == "of" && (s.norm(q.numTo+1) == "them" || s.norm(q.numTo+1) == "whom" || s.norm(q.numTo+1) == "those") {
		return Claim{}, false
	}
	// "Oleksiy Hrytsenko, 51,": an age, read by the age reader.
	if q.dim == "age" || before == "," && q.numTo == q.to && s.afterPerson(q.start-1) {
		return Claim{}, false
	}
	if exclusive[before] && before != "remaining" || exclusive[after] && after != "remaining" {
		// "X along with 113 other prisoners" counts X too.
		if after == "other" && (s.norm(q.start-1) == "with" || s.norm(q.start-1) == "alongside") && !q.vague {
			q.lo++
			q.hi++
			q.plusOne = true
		} else {
			return Claim{}, false
		}
	}
	class, classPos := s.classOf(q.start, q.to)
	// "Two dead, 16 injured": a count whose own noun is a class word.
	if strings.HasPrefix(q.dim, "count:") && q.to-1 > q.start {
		if c := s.classAt(q.to - 1); c != "" {
			class, classPos = c, q.to-1
		}
	}
	// "detained the captain, Oleksiy Hrytsenko, 51, for 48 hours": a
	// duration belongs to the clause's verb, however far before it stands,
	// never to a verb after it ("the ferry that has been its lifeline for
	// three decades capsized"), nor to one before its relative clause.
	if q.dim == "duration" && s.norm(q.start-1) == "for" && (class == "" || classPos >= q.to) {
		class, classPos = "", -1
		for j := q.start - 2; j >= s.lo; j-- {
			if w := s.norm(j); w == "that" || w == "which" || w == "who" {
				break
			}
			if c := predicateClasses[s.norm(j)]; c != "" {
				class, classPos = c, j
				break
			}
		}
	}
	// "the death toll … rose to 15": the class word heads the clause.
	if class == "" && s.norm(q.start-1) == "to" && changeWords[s.norm(q.start-2)] {
		for j := q.start - 3; j >= s.lo; j-- {
			if c := predicateClasses[s.norm(j)]; c != "" {
				class, classPos = c, j
				break
			}
		}
	}
	// "an island of 6,000 people", "home to about 6,000 people"
	if p, pp := s.norm(q.start-1), s.norm(q.start-2); (p == "to" && pp == "home") || (p == "of" && (pp == "island" || pp == "town" || pp == "city" || pp == "village" || pp == "country" || pp == "nation" || pp == "population")) {
		class, classPos = "population", q.start-2
	}
	if q.dim == "count:" {
		if q.lo == 1 && q.hi == 1 && q.word {
			return Claim{}, false // "one of …" is no count
		}
		if class == "" || class == "sentence" || class == "mourning" || class == "capsize" || class == "warning" || class == classCapacity {
			return Claim{}, false
		}
		q.dim = "count:person"
	}
	// "released 22 emails", "held more than 100 town halls": what befalls
	// people does not befall things.
	if strings.HasPrefix(q.dim, "count:") && q.dim != "count:person" && personClasses[class] && !personLike(strings.TrimPrefix(q.dim, "count:")) {
		class, classPos = "", -1
	}
	if q.dim == "duration" && s.norm(q.to) == "ago" {
		return Claim{}, false // a date, read by the time reader
	}
	c := s.claim(KindQuantity, q.start, q.to)
	c.Dim = q.dim
	scale := q.scale
	if scale == 0 {
		scale = 1
	}
	c.Lo, c.Hi = q.lo*scale, q.hi*scale
	c.Vague = q.vague
	c.Class = class
	c.Value = quantityValue(q, c.Text)
	// Only a year written near the number dates it ("23 people died in
	// 2014"); one elsewhere in the sentence may date something else.
	c.Years = nil
	for j := max(s.lo, q.start-8); j < min(s.hi, q.to+8); j++ {
		if y, ok := s.yearAt(j); ok {
			c.Years = append(c.Years, y)
		}
	}
	c.Context = s.context(q.start, q.to, 8, func(w string) bool {
		return w == q.unit || predicateClasses[w] != ""
	})
	c.Words = s.lastWords
	// The words between the number and its noun say what is counted:
	// "political prisoners".
	for j := q.numTo; j < q.to-1; j++ {
		if t := s.tok(j); t.Kind == crosscheck.TokenWord && !funcWords[t.Norm] && !exclusive[t.Norm] {
			c.Context = appendUnique(c.Context, t.Stem)
		}
	}
	if q.noun != "" {
		c.Context = appendUnique(c.Context, s.tok(q.to).Stem)
	}
	for j := max(s.lo, q.start-4); j < min(s.hi, q.to+4); j++ {
		if changeWords[s.norm(j)] {
			c.Change = true
		}
	}
	if classPos >= 0 && classPos < q.start {
		c.Subject = s.actor(classPos)
	}
	return c, true
}

// afterPerson reports a person's name ending at token j.
func (s *sent) afterPerson(j int) bool {
	if j <= s.lo {
		return false
	}
	m, ok := s.r.mentionEndingAt(j - 1)
	return ok && (m.typ == crosscheck.EntityPerson || m.typ == crosscheck.EntityOther)
}

// actor returns the person who does the verb at token v when the clause
// is active and the person stands right before it ("he pulled eleven
// people", "Pavlic pulled"): the entity ID, or "".
func (s *sent) actor(v int) string {
	j := v - 1
	switch s.norm(j) {
	case "has", "had", "have", "will", "would":
		j--
	case "was", "were", "been", "is", "are":
		return ""
	}
	if j < s.lo {
		return ""
	}
	switch s.norm(j) {
	case "he", "she":
		id, _, ok := s.r.ix.LastBefore(s.r.a.ID, s.tok(j).Start, crosscheck.EntityPerson)
		if ok {
			return id
		}
		return "pronoun:" + s.norm(j)
	}
	if m, ok := s.r.mentionEndingAt(j); ok && m.typ == crosscheck.EntityPerson {
		return m.id
	}
	return ""
}

// quantityValue is the value as a reader sees it: the qualifier, the
// number as written and the unit.
func quantityValue(q quantity, written string) string {
	v := strings.Join(strings.Fields(written), " ")
	unit := q.unit
	if q.dim == "count:person" && q.unit == "" {
		unit = "people"
		v += " people"
	}
	if q.plusOne {
		v = formatNumber(q.lo) + " " + unit
	}
	return v
}

// formatNumber prints a value without needless decimals.
func formatNumber(v float64) string {
	if math.IsInf(v, 1) {
		return "∞"
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
