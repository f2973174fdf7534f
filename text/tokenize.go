package text

import (
	"strings"
	"sync"
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
//   - In Turkish and Azerbaijani the case suffix a name or number takes
//     after an apostrophe is split off with it, as the possessive is in
//     English: Malatya'da → "Malatya" "'da", 48'e → "48" "'e".
//   - Han ideographs are one token each (CJK text has no spaces), and a
//     word ends where hiragana and katakana meet, or kana and other letters.
//   - A number is a run of digits with inner '.' or ',' between digits kept
//     inside (1,100  3.5  1.613). A sign, a unit or a percent sign (a symbol
//     token) is a token of its own: 10% → "10" "%", 10km → "10" "km",
//     3rd → "3" "rd", so the value always stands alone for claim matching.
//   - Punctuation is one token per character, except that a run of the same
//     character ("...", "--") is one token. Anything else that is not space is
//     a symbol, one per character; combining marks and joiners stay with the
//     token before them.

// Tokenize splits s into tokens with byte spans into s, Norm (with digits
// of any script as ASCII in numbers), Stem (the stem in lang for words, see
// stemmerFor; Norm otherwise), Kind and Cap.
func Tokenize(s string, lang string) []crosscheck.Token {
	t := newTokenizer(lang)
	defer t.release()
	return t.tokenize(nil, s, 0)
}

// tokenizer carries the per-language settings and a cache of the norm and
// stem of each surface form, so a word repeated in an article is normalized
// and stemmed once.
type tokenizer struct {
	lang        string
	elision     bool
	spaceGroups bool // a plain space may group thousands (see isGroupSpace)
	// apostropheSuffix: an apostrophe sets a case suffix off a name or a
	// number (Turkish, Azerbaijani: Malatya'da, 48'e), split off as a word
	// of its own.
	apostropheSuffix bool
	stem             stemmerFunc
	cache            map[string]normStem
}

type normStem struct{ norm, stem string }

func newTokenizer(lang string) *tokenizer {
	base := baseLanguage(lang)
	return &tokenizer{
		lang:             base,
		elision:          base == "fr" || base == "it" || base == "ca",
		spaceGroups:      spaceGroupLanguages[base],
		apostropheSuffix: base == "tr" || base == "az",
		stem:             stemmerFor(base),
		cache:            cachePool.Get().(map[string]normStem),
	}
}

// cachePool keeps the tokenizers' caches between articles: an article has
// hundreds to thousands of distinct words, and growing a new map to that
// size was over half of what Analyze allocated.
var cachePool = sync.Pool{New: func() any { return make(map[string]normStem) }}

// maxPooledCache is the most entries of a cache put back in the pool: a
// huge document's map would be cleared and kept for nothing.
const maxPooledCache = 1 << 14

// release returns the tokenizer's cache to the pool, emptied so that it
// pins no article's text. The tokenizer must not be used afterwards.
func (t *tokenizer) release() {
	if len(t.cache) <= maxPooledCache {
		clear(t.cache)
		cachePool.Put(t.cache)
	}
	t.cache = nil
}

func isLetterOrMark(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isJoiner(r rune) bool { return r == '\u200C' || r == '\u200D' }

// isPercentSign reports %, ‰ and ‱, which Unicode files as punctuation
// but which act as units after a number.
func isPercentSign(r rune) bool { return r == '%' || r == '‰' || r == '‱' || r == '٪' }

// The script tests below answer the common case, a character below the
// first of the script's, without the table search.

// isHan: no Han character lies below U+2E80.
func isHan(r rune) bool { return r >= 0x2E80 && unicode.Is(unicode.Han, r) }

// continuesToken reports runes that never start a token of their own. No
// combining mark lies below U+0300.
func continuesToken(r rune) bool {
	return r >= 0x300 && (unicode.IsMark(r) || isJoiner(r) || r == '\uFE0F' || r == '\uFE0E')
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
			end, kind = t.scanNumber(s, i), crosscheck.TokenNumber
		case isApostrophe(r) && isPossessiveAt(s, i, size):
			end, kind = i+size+1, crosscheck.TokenWord
		case isApostrophe(r) && t.apostropheSuffix && isSuffixAt(s, i, size):
			end, kind = t.scanWord(s, i+size), crosscheck.TokenWord
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
	first, _ := runeAt(s, i)
	script := kanaOf(first)
	for i < len(s) {
		r, n := runeAt(s, i)
		switch {
		case isHan(r):
			return i
		case isLetterOrMark(r) || unicode.IsDigit(r) || continuesToken(r):
			if k := kanaOf(r); k != script && k != kanaEither && i > start {
				return i
			}
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
			if t.apostropheSuffix {
				return i
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

// kana classes: Japanese writes without spaces, and where hiragana meets
// katakana a word ends (a katakana loanword or name, then a particle:
// スプリンクラーが → スプリンクラー が).
const (
	kanaNone   = iota // not kana
	kanaHira          // hiragana
	kanaKata          // katakana, full or half width
	kanaEither        // the prolonged sound mark and iteration marks: either
)

func kanaOf(r rune) int {
	switch {
	case r < 0x3000: // below every kana and mark listed here
		return kanaNone
	case r == 'ー' || r == 'ｰ' || r == '゛' || r == '゜' || r == 'ﾞ' || r == 'ﾟ':
		return kanaEither
	case unicode.Is(unicode.Hiragana, r):
		return kanaHira
	case unicode.Is(unicode.Katakana, r):
		return kanaKata
	}
	return kanaNone
}

// isSuffixAt reports whether the apostrophe s[i:i+size] sets a suffix off
// the word or number before it: it follows a letter or digit and a letter
// follows it.
func isSuffixAt(s string, i, size int) bool {
	if i == 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !isLetterOrMark(prev) && !unicode.IsDigit(prev) {
		return false
	}
	next, n := runeAt(s, i+size)
	return n > 0 && unicode.IsLetter(next)
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
// '.' or ',' (or the Arabic decimal and thousands separators) kept inside
// only when a digit follows, and digit groups separated by a space (see
// isGroupSpace): 1 300, 10 000.
func (t *tokenizer) scanNumber(s string, i int) int {
	group := 0        // digits since the number's start or the last space
	first := true     // no space has grouped digits yet
	spaceable := true // nothing but digits and grouping spaces so far
	for i < len(s) {
		r, n := runeAt(s, i)
		switch {
		case unicode.IsDigit(r):
			i += n
			group++
		case continuesToken(r):
			i += n
		case r == '.' || r == ',' || r == arabicDecimal || r == arabicThousands:
			next, nn := runeAt(s, i+n)
			if nn == 0 || !unicode.IsDigit(next) {
				return i
			}
			i += n
			spaceable = false
		case spaceable && t.isGroupSpace(r) && (group == 3 || first && group <= 3) && threeDigitsAt(s, i+n):
			i += n
			group, first = 0, false
		default:
			return i
		}
	}
	return i
}

// isGroupSpace reports whether r separates groups of thousands inside a
// number: the no-break, narrow no-break and thin spaces that typography
// puts there in any language, and a plain space in the languages that
// group digits with spaces (French, Russian, Polish, the Nordic languages
// …), where plain-text news often has "1 300" for 1300. A plain space
// between numbers elsewhere ("in 2023 300 people") stays a boundary.
func (t *tokenizer) isGroupSpace(r rune) bool {
	switch r {
	case '\u00A0', '\u202F', '\u2009':
		return true
	case ' ':
		return t.spaceGroups
	}
	return false
}

// spaceGroupLanguages write thousands as 1 300 rather than 1,300 or 1.300.
var spaceGroupLanguages = map[string]bool{
	"fr": true, "ru": true, "uk": true, "be": true, "pl": true, "cs": true, "sk": true,
	"sv": true, "no": true, "nb": true, "nn": true, "fi": true, "hu": true, "lt": true,
	"lv": true, "et": true, "bg": true, "kk": true,
}

// threeDigitsAt reports whether s[i:] begins with exactly three digits: a
// group of thousands after a grouping space.
func threeDigitsAt(s string, i int) bool {
	for k := 0; k < 3; k++ {
		r, n := runeAt(s, i)
		if n == 0 || !unicode.IsDigit(r) {
			return false
		}
		i += n
	}
	r, n := runeAt(s, i)
	return n == 0 || !unicode.IsDigit(r)
}

const (
	arabicDecimal   = '\u066B' // ٫
	arabicThousands = '\u066C' // ٬
)

// numberNorm is the Norm of a number token: the digits of every script
// (Arabic-Indic ٢٠٢٠, Persian, Devanagari, full-width ２０２０ …) written as
// ASCII digits, the Arabic separators as '.' and ',', and grouping spaces
// dropped (1 300 → 1300), so that a number matches across outlets that
// write it differently and parses with the ASCII-only number readers.
// Normalize itself, which also keys article ids, keeps digits as written.
func numberNorm(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == ' ' {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == ' ':
		case r == arabicDecimal:
			b.WriteByte('.')
		case r == arabicThousands:
			b.WriteByte(',')
		case r >= utf8.RuneSelf && unicode.IsDigit(r):
			if d, ok := digitValue(r); ok {
				b.WriteByte(byte('0' + d))
			} else {
				b.WriteRune(r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// digitValue returns the value of a decimal digit (Unicode category Nd).
// Unicode encodes decimal digits only as whole runs of ten code points from
// zero to nine (the mathematical digits are five such runs in a row), so the
// value is the distance from the start of the run of digits, modulo ten.
func digitValue(r rune) (int, bool) {
	if !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	start := r
	for unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return int(r-start) % 10, true
}

func (t *tokenizer) makeToken(s string, start, end, base int, kind crosscheck.TokenKind) crosscheck.Token {
	surface := s[start:end]
	ns, ok := t.cache[surface]
	if !ok {
		ns.norm = Normalize(surface)
		if kind == crosscheck.TokenNumber {
			ns.norm = numberNorm(ns.norm)
		}
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
