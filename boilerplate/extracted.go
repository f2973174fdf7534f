package boilerplate

import "strings"

// Reasons of the edge rules for HTML-extracted text.
const (
	reasonContact = "author contact or social line at article edge"
)

// maxEdgeCueWords is the longest line at the article's edge that a chrome
// phrase condemns whatever its shape: a newsletter pitch written as a full
// sentence ("Get the day's top headlines delivered to your inbox …") is
// still a pitch when nothing of the article follows it.
const maxEdgeCueWords = 40

// classifyExtracted marks the chrome in HTML-extracted text: lines the
// lexicons and credit rules recognise wherever they sit, then, from each
// edge inwards, what sites put around an article inside its container.
func classifyExtracted(lines []*line) {
	for _, l := range lines {
		if reason := extractedChromeReason(l); reason != "" {
			l.cls, l.fixed, l.reason = classBad, true, reason
			continue
		}
		l.cls = classGood
	}
	trimExtractedEdges(lines)
}

// extractedChromeReason is chromeReason for extracted text. A line of
// figures is a table cell or a score the extractor kept on purpose, not an
// empty line; only lines of bare punctuation go.
func extractedChromeReason(l *line) string {
	if l.words == 0 && l.linkish == 0 && l.numbers > 0 {
		return ""
	}
	return chromeReason(l)
}

// trimExtractedEdges removes, from each end of the kept text inwards, the
// lines that are chrome at an edge though they might be article inside it:
// bylines and time stamps (short lines that are not sentences), pitches
// and contact lines, and lists of teaser headlines. It stops at the first
// line that is none of these.
func trimExtractedEdges(lines []*line) {
	kept := make([]int, 0, len(lines))
	for i, l := range lines {
		if l.reason == "" {
			kept = append(kept, i)
		}
	}
	trimSide := func(order []int) {
		for _, i := range order {
			l := lines[i]
			cue := "" // matched once, only when the first case fails
			if (l.sentence || l.words >= 8) && l.words <= maxEdgeCueWords {
				cue = edgeCueReason(l)
			}
			switch {
			case !l.sentence && l.words < 8:
				l.reason = reasonEdge
			case cue != "":
				l.reason = cue
			case contactLine(l):
				l.reason = reasonContact
			default:
				return
			}
			l.cls = classBad
		}
	}
	trimSide(kept)
	rev := make([]int, len(kept))
	for k, i := range kept {
		rev[len(kept)-1-k] = i
	}
	trimSide(rev)
}

// edgeCueReason matches the lexicons without the length guards cueReason
// needs inside an article.
func edgeCueReason(l *line) string {
	cl := newCueLine(l.folded)
	for i := range compiledCues {
		c := &compiledCues[i]
		if c.matchLeadIn(&cl) >= 0 || c.matchAnywhereIn(&cl) {
			return c.reason
		}
	}
	return ""
}

// socialNetworks are the names that, two or more in one line, make it a
// "follow us" line however it is worded.
var socialNetworks = toSet(strings.Fields(`facebook twitter instagram youtube tiktok linkedin
	whatsapp telegram pinterest snapchat threads bluesky mastodon`))

// contactLine reports whether a line addresses the reader with ways to reach
// the author or the site: an e-mail address or a handle in a short line, or
// two social networks named together.
func contactLine(l *line) bool {
	if l.words > maxContactWords {
		return false
	}
	networks, handles := 0, 0
	for _, tok := range strings.Fields(l.folded) {
		t := strings.Trim(tok, "()[]{},;.!?\"'“”«»:")
		if i := strings.IndexByte(t, '@'); i >= 0 && i < len(t)-1 && isLinkish(t) {
			handles++
			continue
		}
		for _, w := range strings.FieldsFunc(t, func(r rune) bool { return !isWordRune(r) }) {
			if socialNetworks[w] {
				networks++
			}
		}
	}
	return networks >= 2 || handles > 0
}

// maxContactWords is the longest line read as a contact or "follow" line.
const maxContactWords = 25
