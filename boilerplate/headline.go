package boilerplate

import (
	"strings"
	"unicode/utf8"
)

// titleSeparators split a page title into the headline and the site's name:
// "Headline | Site", "Headline - Section - Site".
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " ｜ "}

// minHeadlineRunes is the shortest title part taken for a headline: a
// shorter one ("Home", "News") would match navigation lines.
const minHeadlineRunes = 12

// maxHeadlineWords is the longest line taken for a repeat of the headline.
const maxHeadlineWords = 20

// headlineForms returns the folded forms in which a page's headline may be
// printed in its text: the whole title and its longest part.
func headlineForms(title string) []string {
	t := headlineKey(title)
	if utf8.RuneCountInString(t) < minHeadlineRunes {
		return nil
	}
	forms := []string{t}
	parts := []string{t}
	for _, sep := range titleSeparators {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	longest := ""
	for _, p := range parts {
		if p = strings.TrimSpace(p); utf8.RuneCountInString(p) > utf8.RuneCountInString(longest) {
			longest = p
		}
	}
	if longest != t && utf8.RuneCountInString(longest) >= minHeadlineRunes {
		forms = append(forms, longest)
	}
	return forms
}

// headlineKey is the form lines and titles are compared in: folded, inner
// space runs collapsed, without closing punctuation.
func headlineKey(s string) string {
	return strings.TrimRight(strings.Join(strings.Fields(fold(s)), " "), ".:;!?")
}

// markHeadlines removes the lines that repeat the title and returns their
// indices: where the article may begin.
func markHeadlines(lines []*line, title string) []int {
	forms := headlineForms(title)
	if len(forms) == 0 {
		return nil
	}
	var at []int
	for i, l := range lines {
		if l.words > maxHeadlineWords {
			// A title as long as a paragraph is the lead sentence
			// reused, not a headline: the line is the article's.
			continue
		}
		key := headlineKey(l.text)
		for _, f := range forms {
			if key == f {
				l.cls, l.fixed, l.reason = classBad, true, reasonHeadline
				at = append(at, i)
				break
			}
		}
	}
	return at
}
