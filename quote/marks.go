package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// region is one quoted stretch of text: the marks and what they enclose.
type region struct {
	// Outer runs from the opening mark to the end of the closing mark (or
	// to the end of the paragraph when the quotation runs on into the next
	// one, as multi-paragraph quotations do).
	Outer crosscheck.Span
	// Inner is the quoted words, without the marks and without surrounding
	// spaces.
	Inner crosscheck.Span
	// Closed is false for a quotation left open at the end of its paragraph.
	Closed bool
	// Single reports single quotation marks.
	Single bool
}

// closerFor maps an opening double mark to the marks that may close it.
// „ closes with “ (German) or ” (Polish and others); « with » and » with «.
// Text pasted from several sources mixes straight and curly marks ("…”).
var closerFor = map[rune][]rune{
	'"': {'"', '”'},
	'“': {'”', '"'},
	'„': {'“', '”', '"'},
	'«': {'»'},
	'»': {'«'},
	'「': {'」'},
	'『': {'』'},
}

// findRegions returns the quoted regions of one paragraph of text, given by
// its span. Double marks take precedence: single marks are read only
// outside double-quoted text, and only where they cannot be an apostrophe.
func findRegions(s string, para crosscheck.Span) []region {
	var out []region
	p := s[para.Start:para.End]
	var open rune
	openAt, openLen := -1, 0
	for i := 0; i < len(p); {
		// Most bytes are ASCII other than the marks: none opens or closes
		// a double quotation (closerFor), so skip them before decoding
		// and a map lookup per character.
		if c := p[i]; c < utf8.RuneSelf && c != '"' && c != '\'' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(p[i:])
		if r == '\'' && i+1 < len(p) && p[i+1] == '\'' {
			// Two apostrophes are a straight double mark in some
			// newspapers' text (''We will,'' he said).
			r, n = '"', 2
		}
		switch {
		case openAt >= 0 && isCloserOf(open, r) && (r != '"' || closesStraight(p, i)):
			out = appendRegion(out, s, para.Start+openAt, para.Start+openAt+openLen, para.Start+i, para.Start+i+n, true, false)
			openAt = -1
		case openAt < 0 && closerFor[r] != nil && opensHere(p, i, n, r):
			open, openAt, openLen = r, i, n
		}
		i += n
	}
	if openAt >= 0 {
		out = appendRegion(out, s, para.Start+openAt, para.Start+openAt+openLen, para.End, para.End, false, false)
	}
	return mergeSorted(out, findSingle(s, para, out))
}

func isCloserOf(open, r rune) bool {
	for _, c := range closerFor[open] {
		if c == r {
			return true
		}
	}
	return false
}

// opensHere reports whether the mark at p[i] can open a quotation: it is
// followed by text, and a straight mark is not glued to the word before.
func opensHere(p string, i, n int, r rune) bool {
	if i+n >= len(p) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(p[i+n:])
	if unicode.IsSpace(next) && r != '«' && r != '»' {
		return false
	}
	if r == '"' && i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(p[:i])
		if unicode.IsLetter(prev) || unicode.IsDigit(prev) {
			return false // 12" pipe, inch marks
		}
	}
	if r == '»' {
		return i == 0 || !unicode.IsLetter(lastRune(p[:i]))
	}
	return true
}

// closesStraight reports whether a straight double mark at p[i], inside a
// quotation, closes it: it follows text, not a space.
func closesStraight(p string, i int) bool {
	if i == 0 {
		return false
	}
	if !unicode.IsSpace(lastRune(p[:i])) {
		return true
	}
	// A mark set off by a space after the quotation's last punctuation
	// ("… this, " Trump said) still closes it: an opening mark is never
	// followed by a space (opensHere).
	before := strings.TrimRightFunc(p[:i], unicode.IsSpace)
	if before == "" || !strings.ContainsRune(",.?!'’", lastRune(before)) {
		return false
	}
	return i+1 >= len(p) || unicode.IsSpace(rune(p[i+1]))
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func appendRegion(out []region, s string, openStart, openEnd, closeStart, closeEnd int, closed, single bool) []region {
	in := trimSpace(s, crosscheck.Span{Start: openEnd, End: closeStart})
	// A comma before the closing mark belongs to the reporter's sentence.
	for in.End > in.Start && (s[in.End-1] == ',' || s[in.End-1] == ' ') {
		in.End--
	}
	if in.Len() == 0 {
		return out
	}
	return append(out, region{Outer: crosscheck.Span{Start: openStart, End: closeEnd}, Inner: in, Closed: closed, Single: single})
}

func trimSpace(s string, sp crosscheck.Span) crosscheck.Span {
	for sp.Start < sp.End {
		r, n := utf8.DecodeRuneInString(s[sp.Start:])
		if !unicode.IsSpace(r) {
			break
		}
		sp.Start += n
	}
	for sp.End > sp.Start {
		r, n := utf8.DecodeLastRuneInString(s[:sp.End])
		if !unicode.IsSpace(r) {
			break
		}
		sp.End -= n
	}
	return sp
}

// findSingle finds quotations in single marks (‘…’ or '…') outside the
// double-quoted regions. An opening mark follows a space or the start and
// precedes a letter; a closing mark follows a letter or punctuation and is
// not followed by a letter, so don't, Belarus’s and O'Brien are never marks.
func findSingle(s string, para crosscheck.Span, doubles []region) []region {
	var out []region
	openAt := -1
	for i := para.Start; i < para.End; {
		r, n := utf8.DecodeRuneInString(s[i:])
		// The mark test first: it is cheap, and inside scans the
		// double regions.
		if r != '‘' && r != '\'' && r != '’' || inside(doubles, i) {
			i += n
			continue
		}
		prev := ' '
		if i > para.Start {
			prev = lastRune(s[:i])
		}
		next := ' '
		if i+n < para.End {
			next, _ = utf8.DecodeRuneInString(s[i+n:])
		}
		canOpen := r != '’' && (unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '—' || prev == '–' || i == para.Start) &&
			(unicode.IsLetter(next) || unicode.IsDigit(next))
		canClose := r != '‘' && !unicode.IsSpace(prev) && !unicode.IsLetter(next) && !unicode.IsDigit(next)
		switch {
		case openAt >= 0 && canClose && (unicode.IsPunct(prev) || unicode.IsLetter(prev) || unicode.IsDigit(prev)):
			// A plural possessive (the workers' union) looks like a
			// closing mark; a real quotation ends with punctuation or
			// is followed by punctuation or a cue.
			if unicode.IsPunct(prev) || next == ',' || next == '.' || next == ' ' || next == ';' || next == ':' || next == '?' || next == '!' {
				out = appendRegion(out, s, openAt, openAt+len(string(s[openAt:][0:runeLenAt(s, openAt)])), i, i+n, true, true)
				openAt = -1
			}
		case openAt < 0 && canOpen:
			openAt = i
		}
		i += n
	}
	return out
}

func runeLenAt(s string, i int) int {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n
}

func inside(rs []region, pos int) bool {
	for _, r := range rs {
		if pos >= r.Outer.Start && pos < r.Outer.End {
			return true
		}
	}
	return false
}

func mergeSorted(a, b []region) []region {
	if len(b) == 0 {
		return a
	}
	out := make([]region, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || (i < len(a) && a[i].Outer.Start < b[j].Outer.Start) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}
