package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// Tokenization rules, chosen for matching across outlets:
//
//   - A word is a run of letters and combining marks, with digits allowed
//     after the first letter (G7, MH17) and inner hyphens (pro-democracy,
//     COVID-19) and inner apostrophes (don't, O'Brien) kept inside it.
//   - The possessive 's is split off as its own word token: Lukashenko's →
//     "Lukashenko" "'s", so a name matches whether or not it is possessive
//     (and the English stemmer would not remove 's from a name anyway).
//   - In French, Italian and Catalan an elided article or pronoun is split
//     after its apostrophe: l'homme → "l'" "homme", qu'il → "qu'" "il".
//   - Han ideographs are one token each (CJK text has no spaces).
//   - A number is a run of digits with inner '.' or ',' between digits kept
//     inside (1,100  3.5  1.613). A sign, a unit or a percent sign (a symbol
//     token) is a token of its own: 10% → "10" "%", 10km → "10" "km",
//     3rd → "3" "rd", so the value always stands alone for claim matching.
//   - Punctuation is one token per character, except that a run of the same
//     character ("...", "--") is one token. Anything else that is not space is
//     a symbol, one per character; combining marks and joiners stay with the
//     token before them.

// Tokenize splits s into tokens with byte spans into s, Norm, Stem (Snowball
// stem in lang for words, Norm otherwise), Kind and Cap.
func Tokenize(s string, lang string) []crosscheck.Token {
	t := newTokenizer(lang)
	return t.tokenize(nil, s, 0)
}

// tokenizer carries the per-language settings and a cache of the norm and
// stem of each surface form, so a word repeated in an article is normalized
// and stemmed once.
type tokenizer struct {
	lang    string
	elision bool
	stem    stemmerFunc
	cache   map[string]normStem
}

type normStem struct{ norm, stem string }

func newTokenizer(lang string) *tokenizer {
	base := baseLanguage(lang)
	return &tokenizer{
		lang:    base,
		elision: base == "fr" || base == "it" || base == "ca",
		stem:    stemmerFor(base),
		cache:   make(map[string]normStem),
	}
}

func isLetterOrMark(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isJoiner(r rune) bool { return r == '\u200C' || r == '\u200D' }

// isPercentSign reports %, ‰ and ‱, which Unicode files as punctuation
// but which act as units after a number.
func isPercentSign(r rune) bool { return r == '%' || r == '‰' || r == '‱' || r == '٪' }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// continuesToken reports runes that never start a token of their own.
func continuesToken(r rune) bool {
	return unicode.IsMark(r) || isJoiner(r) || r == '\uFE0F' || r == '\uFE0E'
}

func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenize appends the tokens of s to dst with spans shifted by base.
func (t *tokenizer) tokenize(dst []crosscheck.Token, s string, base int) []crosscheck.Token {
	for i := 0; i < len(s); {
		r, size := runeAt(s, i)
		if unicode.IsSpace(r) || isZeroWidth(r) {
			i += size
			continue
		}
		var end int
		var kind crosscheck.TokenKind
		switch {
		case isHan(r):
			end, kind = t.skipMarks(s, i+size), crosscheck.TokenWord
		case unicode.IsLetter(r):
			end, kind = t.scanWord(s, i), crosscheck.TokenWord
		case unicode.IsDigit(r):
			end, kind = scanNumber(s, i), crosscheck.TokenNumber
		case isApostrophe(r) && isPossessiveAt(s, i, size):
			end, kind = i+size+1, crosscheck.TokenWord
		case isPercentSign(r):
			end, kind = t.skipMarks(s, i+size), crosscheck.TokenSymbol
		case unicode.IsPunct(r):
			end = i + size
			for {
				r2, n2 := runeAt(s, end)
				if n2 == 0 || r2 != r {
					break
				}
				end += n2
			}
			end, kind = t.skipMarks(s, end), crosscheck.TokenPunct
		default:
			end, kind = t.skipMarks(s, i+size), crosscheck.TokenSymbol
		}
		dst = append(dst, t.makeToken(s, i, end, base, kind))
		i = end
	}
	return dst
}

// skipMarks extends a token over combining marks, joiners and variation
// selectors that belong to its last character.
func (t *tokenizer) skipMarks(s string, i int) int {
	for {
		r, n := runeAt(s, i)
		if n == 0 || !continuesToken(r) {
			return i
		}
		i += n
	}
}

// scanWord returns the end of the word starting at s[i].
func (t *tokenizer) scanWord(s string, i int) int {
	start := i
	for i < len(s) {
		r, n := runeAt(s, i)
		switch {
		case isHan(r):
			return i
		case isLetterOrMark(r) || unicode.IsDigit(r) || continuesToken(r):
			i += n
		case isApostrophe(r):
			next, nn := runeAt(s, i+n)
			if nn == 0 || !unicode.IsLetter(next) {
				return i
			}
			// Possessive 's: split it off.
			if (next == 's' || next == 'S') && !isWordRuneAt(s, i+n+nn) {
				return i
			}
			if t.elision && isElidedPrefix(s[start:i]) {
				return i + n
			}
			i += n
		case isHyphen(r):
			next, nn := runeAt(s, i+n)
			if nn == 0 || !(unicode.IsLetter(next) || unicode.IsDigit(next)) {
				return i
			}
			i += n
		default:
			return i
		}
	}
	return i
}

// isPossessiveAt reports whether the apostrophe s[i:i+size] begins a
// possessive 's that follows a word: an apostrophe right after a letter,
// then s, then no further letter or digit.
func isPossessiveAt(s string, i, size int) bool {
	if i == 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !isLetterOrMark(prev) && !unicode.IsDigit(prev) {
		return false
	}
	next, n := runeAt(s, i+size)
	return n > 0 && (next == 's' || next == 'S') && !isWordRuneAt(s, i+size+n)
}

func isWordRuneAt(s string, i int) bool {
	r, n := runeAt(s, i)
	return n > 0 && (isLetterOrMark(r) || unicode.IsDigit(r))
}

// elidedPrefixes are the French, Italian and Catalan words written with an
// elided final vowel before an apostrophe.
var elidedPrefixes = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true, "qu": true,
	"jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
	"un": true, "dell": true, "all": true, "dall": true, "nell": true, "sull": true, "coll": true,
	"quell": true, "quest": true, "bell": true, "sant": true, "tutt": true, "v": true,
}

func isElidedPrefix(w string) bool {
	if len(w) > 6 {
		return false
	}
	return elidedPrefixes[strings.ToLower(w)]
}

// scanNumber returns the end of the number starting at s[i]: digits with
// '.' or ',' kept inside only when a digit follows.
func scanNumber(s string, i int) int {
	for i < len(s) {
		r, n := runeAt(s, i)
		switch {
		case unicode.IsDigit(r) || continuesToken(r):
			i += n
		case r == '.' || r == ',':
			next, nn := runeAt(s, i+n)
			if nn == 0 || !unicode.IsDigit(next) {
				return i
			}
			i += n
		default:
			return i
		}
	}
	return i
}

func (t *tokenizer) makeToken(s string, start, end, base int, kind crosscheck.TokenKind) crosscheck.Token {
	surface := s[start:end]
	ns, ok := t.cache[surface]
	if !ok {
		ns.norm = Normalize(surface)
		ns.stem = ns.norm
		if kind == crosscheck.TokenWord && t.stem != nil && stemmable(ns.norm) {
			ns.stem = t.stem(ns.norm)
		}
		t.cache[surface] = ns
	}
	first, _ := utf8.DecodeRuneInString(surface)
	return crosscheck.Token{
		Span: crosscheck.Span{Start: base + start, End: base + end},
		Norm: ns.norm,
		Stem: ns.stem,
		Kind: kind,
		Cap:  unicode.IsUpper(first) || unicode.IsTitle(first),
	}
}
