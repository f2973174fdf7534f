// Package boilerplate removes site chrome from article text that is already
// one paragraph per line: share and follow bars, subscription and donation
// pitches, menus, photo and wire credits, cookie notices, related-link
// teasers, copyright footers, and short non-sentence lines at the edges of
// the article. It runs on plain-text inputs and again after HTML extraction,
// and across a batch it removes lines one outlet repeats on many pages.
//
// The rules follow C4's line filters and jusText's paragraph classifier:
// keyword lexicons (en, de, fr, es, it, pt, nl, ru) for calls to action and
// labels, plus shape features — word count, sentence punctuation, stopword
// density, link and separator density — classified in context so that a
// short subheading between two real paragraphs stays while the same line
// at the article's edge goes. Nothing is silently lost: every removed line
// comes back with its reason.
package boilerplate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// Reasons shared by the shape rules; the lexicon reasons live with the cues.
const (
	reasonEdge      = "short line without sentence punctuation at article edge"
	reasonShort     = "short line among boilerplate"
	reasonNotProse  = "not prose (few function words)"
	reasonNearGood  = "medium-length line among boilerplate"
	reasonMenu      = "navigation/menu"
	reasonLinks     = "links/handles/hashtags"
	reasonWire      = "wire credit line"
	reasonOffBlock  = "outside the main text block"
	reasonNoLetters = "no words"
	reasonHeadline  = "headline repeated"
	reasonCredit    = "reporting credit"
	reasonFollow    = "share/follow line"
)

// class is a line's jusText class.
type class uint8

const (
	classBad class = iota
	classShort
	classNearGood
	classGood
)

// line is one non-blank input line with the features the rules read.
type line struct {
	text   string // exactly as given
	folded string // lower-cased, apostrophes and spaces folded: what the lexicons match
	runes  int    // length of the trimmed line in runes

	words     int // letter-bearing tokens
	numbers   int // tokens with digits and no letters: "63", "85%", "10:30"
	stopwords int
	capWords  int // words that begin with an upper-case letter
	chrome    int // words of the chrome vocabulary
	linkish   int // URLs, e-mail addresses, @handles, #hashtags
	tokens    int // whitespace-separated tokens
	seps      int // menu separators: | • · » › ¦ ◦ ▪ ► and " / " between words

	sentence bool // ends with sentence punctuation (after closing quotes/brackets)

	cls    class
	fixed  bool   // removed by a lexicon or shape rule; context cannot rescue it
	reason string // why it is removed (empty when kept)
}

// Clean removes boilerplate lines from text, which holds one paragraph per
// line. It returns the kept lines joined by "\n", each exactly as it came in
// (later stages' offsets point into them), and every removed line with the
// reason it was removed. Blank lines are dropped without a record.
func Clean(text string) (kept string, removed []crosscheck.Removed) {
	return CleanTitled("", text)
}

// CleanTitled is Clean for a text whose headline is known (a plain-text
// page's first line, taken out as its title). A page dump repeats the
// headline above the article, after the site's navigation: the article is
// looked for after that line, which is removed as the title's repeat.
func CleanTitled(title, text string) (kept string, removed []crosscheck.Removed) {
	lines := measureLines(text)
	classify(lines, title)
	return assemble(lines)
}

// CleanExtracted is the pass for text an HTML extractor produced. The
// extractor has already chosen the article's block by the page's
// structure (link density, tag classes, position), so jusText's shape
// classifier, which must guess that block in a plain dump, would only take
// real paragraphs away (short subheadings, names-heavy captions, one-line
// quotes). What the extractor lets through is chrome that sits inside the
// article's container: calls to action, credits and labels the lexicons
// know, and bylines, date stamps and teaser headlines at the edges. Those
// are what this pass removes, with the same reasons as Clean.
func CleanExtracted(text string) (kept string, removed []crosscheck.Removed) {
	lines := measureLines(text)
	classifyExtracted(lines)
	return assemble(lines)
}

// CleanDocument runs the pass that suits where text came from: CleanExtracted
// for HTML pages, Clean for plain text. The pipeline and the evaluation both
// call it, so what is scored is what users get.
func CleanDocument(kind crosscheck.DocumentKind, title, text string) (kept string, removed []crosscheck.Removed) {
	if kind == crosscheck.KindHTML {
		return CleanExtracted(text)
	}
	return CleanTitled(title, text)
}

// measureLines splits text into its non-blank lines, measured. The lines
// live in one block: a page has hundreds of them, and one allocation
// instead of one each is a good part of what measuring costs.
func measureLines(text string) []*line {
	n := strings.Count(text, "\n") + 1
	block := make([]line, 0, n)
	var sc scratch
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		raw := text[start:end]
		start = end + 1
		trimmed := strings.TrimSpace(raw)
		if trimmed == "" {
			continue
		}
		block = append(block, line{})
		measureInto(&block[len(block)-1], raw, trimmed, &sc)
	}
	lines := make([]*line, len(block))
	for i := range block {
		lines[i] = &block[i]
	}
	return lines
}

// assemble joins the kept lines and lists the removed ones in input order.
func assemble(lines []*line) (kept string, removed []crosscheck.Removed) {
	var b strings.Builder
	size := 0
	for _, l := range lines {
		if l.reason == "" {
			size += len(l.text) + 1
		}
	}
	b.Grow(size)
	for _, l := range lines {
		if l.reason != "" {
			removed = append(removed, crosscheck.Removed{Text: l.text, Reason: l.reason})
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
	}
	return b.String(), removed
}

// measure computes a line's features.
func measure(raw string) *line {
	l := &line{}
	var sc scratch
	measureInto(l, raw, strings.TrimSpace(raw), &sc)
	return l
}

// scratch is measureInto's reusable buffer for lower-casing words.
type scratch struct{ lower []byte }

// measureInto computes the features of the line raw (trimmed: raw without
// surrounding white space) into l. It walks the whitespace-separated tokens
// in place, as strings.Fields would split them, without building the slice.
func measureInto(l *line, raw, trimmed string, sc *scratch) {
	*l = line{text: raw, folded: fold(trimmed), runes: utf8.RuneCountInString(trimmed)}
	for i := 0; i < len(trimmed); {
		// Skip white space (unicode.IsSpace, as strings.Fields).
		c := trimmed[i]
		if c < utf8.RuneSelf {
			if asciiSpace[c] {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(trimmed[i:]); unicode.IsSpace(r) {
			i += n
			continue
		}
		j := i
		for j < len(trimmed) {
			c := trimmed[j]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				j++
				continue
			}
			r, n := utf8.DecodeRuneInString(trimmed[j:])
			if unicode.IsSpace(r) {
				break
			}
			j += n
		}
		l.measureToken(trimmed[i:j], sc)
		i = j
	}
	l.sentence = endsSentence(trimmed)
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// measureToken counts one whitespace-separated token of the line.
func (l *line) measureToken(tok string, sc *scratch) {
	l.tokens++
	if isSeparator(tok) {
		l.seps++
		return
	}
	if isLinkish(tok) {
		l.linkish++
		return
	}
	w := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if w == "" || !hasLetter(w) {
		if w != "" {
			l.numbers++
		}
		return
	}
	l.words++
	if n := unspacedRunes(w); n > 0 {
		// Chinese and Japanese write without spaces: one "token"
		// may be a whole sentence. It counts as a word per
		// unspacedRunesPerWord characters, and those characters
		// count unspacedRuneWeight times towards the line's length,
		// so the length and word thresholds mean for these scripts
		// about what they mean for spaced ones.
		l.words += n / unspacedRunesPerWord
		l.runes += n * (unspacedRuneWeight - 1)
	}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		l.capWords++
	}
	// The lower-cased word is only looked up, never kept: an ASCII word
	// is lowered in the scratch buffer, and the short string made of it
	// for the lookups does not escape, so it costs no allocation.
	var lw string
	if b, ok := lowerASCII(sc.lower[:0], w); ok {
		sc.lower, lw = b, string(b)
	} else {
		lw = strings.ToLower(w)
	}
	f := wordFlags(lw)
	if f&lexStop != 0 {
		l.stopwords++
	}
	if f&lexChrome != 0 {
		l.chrome++
	}
}

// lowerASCII appends strings.ToLower(w) to buf when w is ASCII, and reports
// whether it was.
func lowerASCII(buf []byte, w string) ([]byte, bool) {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return buf, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, true
}

// A word of Chinese or Japanese text is on average about two characters,
// and a character carries about as much as three letters of a spaced script.
const (
	unspacedRunesPerWord = 2
	unspacedRuneWeight   = 3
)

// unspacedRunes counts the characters of w in scripts written without
// spaces between words (Han, Hiragana, Katakana).
func unspacedRunes(w string) int {
	n := 0
	for _, r := range w {
		// No Han, Hiragana or Katakana character lies below U+2E80.
		if r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			n++
		}
	}
	return n
}

// fold lower-cases s and folds curly apostrophes and non-breaking spaces so
// that lexicon phrases match however the site typed them.
func fold(s string) string {
	s = strings.ToLower(s)
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldReplacer.Replace(s)
		}
	}
	// Every character foldReplacer replaces is outside ASCII.
	return s
}

// foldReplacer is built once: building a Replacer costs more than using it.
var foldReplacer = strings.NewReplacer("’", "'", "‘", "'", "\u00a0", " ", "…", "...")

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func isSeparator(tok string) bool {
	switch tok {
	case "|", "•", "·", "»", "›", "¦", "◦", "▪", "►", "/", "//", "||", "-", "–", "—", ">", "<", "«", "‹", ":", "::", "*", "+":
		return true
	}
	return false
}

// isLinkish reports whether a token is a URL, an e-mail address, a handle or
// a hashtag: the stuff of share bars and link lists, not of sentences.
func isLinkish(tok string) bool {
	t := trimLinkPunct(tok)
	switch {
	case len(t) < 2:
		return false
	case strings.HasPrefix(t, "http://"), strings.HasPrefix(t, "https://"), strings.HasPrefix(t, "www."):
		return true
	case t[0] == '@' || t[0] == '#':
		r, _ := utf8.DecodeRuneInString(t[1:])
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
	case strings.Contains(t, "@") && strings.Contains(t[strings.Index(t, "@"):], "."):
		return true
	}
	if !strings.Contains(t, ".") || strings.Contains(t, " ") {
		return false
	}
	lower := strings.ToLower(t)
	for _, tld := range []string{".com", ".org", ".net", ".co.uk", ".in", ".de", ".fr"} {
		if strings.HasSuffix(lower, tld) && len(t) > len(tld)+1 {
			return true
		}
	}
	return false
}

// trimLinkPunct is strings.Trim(tok, "()[]{},;.!?\"'“”«»") without the
// cost of a cutset with non-ASCII characters in it, which Trim searches
// rune by rune for every token of every line.
func trimLinkPunct(tok string) string {
	for len(tok) > 0 {
		r, n := utf8.DecodeRuneInString(tok)
		if !isLinkPunct(r) {
			break
		}
		tok = tok[n:]
	}
	for len(tok) > 0 {
		r, n := utf8.DecodeLastRuneInString(tok)
		if !isLinkPunct(r) {
			break
		}
		tok = tok[:len(tok)-n]
	}
	return tok
}

func isLinkPunct(r rune) bool {
	switch r {
	case '(', ')', '[', ']', '{', '}', ',', ';', '.', '!', '?', '"', '\'', '“', '”', '«', '»':
		return true
	}
	return false
}

// endsSentence reports whether s ends like a sentence: terminal punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		switch r {
		case '"', '\'', '”', '’', '»', ')', ']', '›', '*':
			return true
		}
		return unicode.IsSpace(r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '؟', '।':
		return true
	}
	return false
}
