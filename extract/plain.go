package extract

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"golang.org/x/text/unicode/norm"
)

// maxControlShare is the share of control characters (other than tab, line
// feed, carriage return, form feed) above which a "text" body is taken to be
// binary. Real text has next to none; binary formats have many.
const maxControlShare = 0.02

// maxHeadlineRunes is the longest first line still read as a headline.
const maxHeadlineRunes = 200

// extractText reads a plain-text document: valid UTF-8, not binary, not
// empty; first line as title when it reads as a headline.
func extractText(doc crosscheck.Document) (*crosscheck.Article, error) {
	body := doc.Body
	body = trimUTF8BOM(body)
	if err := checkText(body); err != nil {
		return nil, err
	}
	lines := textLines(string(body))
	if len(lines) == 0 {
		return nil, errors.New("empty document: no text")
	}
	a := &crosscheck.Article{}
	title := cleanInline(doc.Title)
	switch {
	case title != "":
		a.Title = title
		if cleanInline(lines[0]) == title {
			lines = lines[1:]
		}
	case len(lines) > 1 && readsAsHeadline(lines[0]):
		a.Title = lines[0]
		lines = lines[1:]
	case len(lines) > 1 && titleCaseSentence(lines[0]):
		a.Title = strings.TrimSuffix(lines[0], ".")
		lines = lines[1:]
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("%w: only a title line", ErrNoText)
	}
	a.Text = strings.Join(lines, "\n")
	return a, nil
}

// trimUTF8BOM drops a leading UTF-8 byte-order mark.
func trimUTF8BOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// checkText refuses bodies that are not UTF-8 text.
func checkText(b []byte) error {
	controls, runes := 0, 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Errorf("invalid UTF-8 at byte %d", i)
		}
		if r == 0 {
			return fmt.Errorf("binary data: NUL byte at byte %d", i)
		}
		if isControl(r) {
			controls++
		}
		runes++
		i += size
	}
	if runes > 0 && float64(controls)/float64(runes) > maxControlShare {
		return fmt.Errorf("binary data: %d of %d characters are control characters", controls, runes)
	}
	return nil
}

func isControl(r rune) bool {
	switch r {
	case '\t', '\n', '\r', '\f', '\v':
		return false
	}
	return unicode.IsControl(r)
}

// textLines splits s into tidy lines: NFC, any line ending, control
// characters dropped, inner whitespace folded, no blank lines.
func textLines(s string) []string {
	s = norm.NFC.String(s)
	var out []string
	for _, line := range splitLines(s) {
		if l := tidyLine(line); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// splitLines splits on \r\n, \r, \n, form feed, vertical tab and the
// Unicode line and paragraph separators.
func splitLines(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '\n', '\r', '\f', '\v', '\u0085', '\u2028', '\u2029':
			return true
		}
		return false
	})
}

// tidyLine folds runs of spaces (including tabs and no-break spaces) to one
// space, drops control and zero-width formatting characters, and trims.
// Joiners inside words (ZWJ, ZWNJ) are kept: some scripts need them.
func tidyLine(line string) string {
	var b strings.Builder
	b.Grow(len(line))
	space := false
	for _, r := range line {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), r == '\uFEFF', r == '\u200B':
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// readsAsHeadline reports whether a first line looks like a title: short,
// and not ending like a statement. Headlines may ask or exclaim, so "?" and
// "!" are allowed on short lines; a full stop, colon or comma means prose.
func readsAsHeadline(line string) bool {
	n := utf8.RuneCountInString(line)
	if n == 0 || n > maxHeadlineRunes {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(line, "\"'”’»)]"))
	switch last {
	case '.', ',', ';', ':', '…', '。':
		return false
	case '?', '!', '？', '！':
		return len(strings.Fields(line)) <= maxQuestionHeadlineWords
	}
	return true
}

// titleCaseSentence reports a first line that ends in a full stop yet is a
// headline, written in title case ("Stealth Over Health: Hillary Clinton
// Was Headed to ER But Diverted to Avoid Bad Optics."): at least four
// words of three letters or more (but the few that title case leaves in
// lower case), 90% of them capitalised. Prose, even full of names ("Mayor
// Dana Wells met the Water Board on Tuesday."), has its verbs in lower
// case.
func titleCaseSentence(line string) bool {
	if !strings.HasSuffix(line, ".") || utf8.RuneCountInString(line) > maxHeadlineRunes || strings.Count(line, ". ") > 0 {
		return false
	}
	words, capital := 0, 0
	for _, w := range strings.Fields(line) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if utf8.RuneCountInString(w) < 3 || titleCaseLower[w] {
			continue
		}
		words++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			capital++
		}
	}
	return words >= 4 && float64(capital) >= 0.9*float64(words)
}

// titleCaseLower are the words title case writes in lower case.
var titleCaseLower = map[string]bool{"the": true, "and": true, "for": true, "nor": true, "with": true, "from": true, "into": true}

// maxQuestionHeadlineWords is the longest first line ending in "?" or "!"
// still read as a headline; longer ones are more likely speech or prose.
const maxQuestionHeadlineWords = 16
