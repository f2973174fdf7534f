package quote

import (
	"regexp"

	"github.com/crosscheck-news/crosscheck"
)

// datelinePattern matches a dateline opening a story's first sentence: a
// place in capitals, perhaps a region and a date, perhaps the agency's
// tag, and a dash ("ZALINEC, Dravonia, May 13 (CPA) —", "VILNIUS,
// Lithuania —"); or a place as written with a date and an agency's tag
// in capitals ("Vilnius, December 14 (IANS)").
var datelinePattern = regexp.MustCompile(`^(?:` +
	`\p{Lu}[\p{Lu}\p{M}'.-]{2,}(?:\s+\p{Lu}[\p{Lu}\p{M}'.-]+)*(?:,[^—–()\n]{1,50})?\s*(?:\(\p{Lu}[\p{L}.]{1,15}\)\s*)?(?:—|–|--|-)` +
	`|\p{Lu}[\p{L}\p{M}'.-]+(?:\s+\p{Lu}[\p{L}\p{M}'.-]+)*,[^—–()\n]{1,50}\(\p{Lu}{2,6}\)` +
	`)\s*`)

// trimDatelines moves the start of each span that opens with a dateline
// past it: the dateline says where the story was filed, it is no part of
// what a source said ("rescue officials said" does not report
// "ZALINEC, Dravonia, May 13 (CPA) —").
func trimDatelines(text string, spans []crosscheck.Span) { trimOpening(text, spans, datelinePattern) }

// asidePattern matches an aside set off by dashes before a that-clause:
// "— on Twitter, as it happens — that".
var asidePattern = regexp.MustCompile(`^(?:—|–|--)[^—–\n]{1,80}(?:—|–|--)\s*that\s+`)

// trimAsides moves the start of each span that opens with an aside past it
// and its "that": in "announced — on Twitter, as it happens — that Trump
// raised $4 million" the statement is "Trump raised $4 million".
func trimAsides(text string, spans []crosscheck.Span) { trimOpening(text, spans, asidePattern) }

// trimOpening moves the start of each span that opens with a match of
// pattern past the match, unless nothing would be left.
func trimOpening(text string, spans []crosscheck.Span, pattern *regexp.Regexp) {
	for i, sp := range spans {
		if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
			continue
		}
		if m := pattern.FindStringIndex(text[sp.Start:sp.End]); m != nil && sp.Start+m[1] < sp.End {
			spans[i].Start += m[1]
		}
	}
}
