package dedup

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/boilerplate"
)

// Credit is a news agency an article credits, and how.
type Credit struct {
	Agency string
	// Inputs is true for a credit that says the article was written using
	// the agency's copy ("With IANS inputs", "Reuters contributed to this
	// report"); false for a credit that says the text is the agency's own
	// (a wire dateline "(IANS)", "By AFP").
	Inputs bool
	// Line is the credited line as written.
	Line string
}

var inputsCue = regexp.MustCompile(`(?i)\b(with|inputs?|contribut\w*|additional reporting|agencies)\b`)

// Credits returns the wire credits of an article: lines of its removed
// boilerplate, and its first and last two paragraphs, that
// boilerplate.WireCredit recognises.
func Credits(a *crosscheck.Article) []Credit {
	var out []Credit
	add := func(line string) {
		ag, ok := boilerplate.WireCredit(line)
		if !ok {
			return
		}
		for _, c := range out {
			if c.Agency == ag && c.Line == line {
				return
			}
		}
		out = append(out, Credit{Agency: ag, Inputs: inputsCue.MatchString(line), Line: line})
	}
	for _, r := range a.Boilerplate {
		for _, line := range strings.Split(r.Text, "\n") {
			add(strings.TrimSpace(line))
		}
	}
	ps := a.Paragraphs
	for i, p := range ps {
		if i < 2 || i >= len(ps)-2 {
			add(a.Slice(p))
		}
	}
	return out
}

// usesWireOf returns the agency whose copy article a says it used (an
// "inputs" credit) when b is that agency's own text: b's outlet is the
// agency, or b carries the agency's own credit (a dateline, a byline).
func usesWireOf(a *crosscheck.Article, ca []Credit, b *crosscheck.Article, cb []Credit) (string, bool) {
	for _, c := range ca {
		if !c.Inputs {
			continue
		}
		if IsOutlet(b.Outlet, c.Agency) {
			return c.Agency, true
		}
		for _, d := range cb {
			if !d.Inputs && d.Agency == c.Agency {
				return c.Agency, true
			}
		}
	}
	return "", false
}

// credited reports whether copy a credits the agency whose own text b is.
func credited(a *crosscheck.Article, ca []Credit, b *crosscheck.Article, cb []Credit) bool {
	_, ok := usesWireOf(a, ca, b, cb)
	return ok
}

// direction decides which of two derived articles is the copy. It returns
// true when x is the copy of y, and the agency credit to report.
//
// In order: a credit of x saying it used agency G's copy while y is G's own
// text (a G dateline, or y's outlet is G) makes x the copy; then the earlier
// publication time is the original; then containment asymmetry — the copy
// is the article more of which is aligned; then input order.
func direction(x, y *crosscheck.Article, cx, cy []Credit, shareX, shareY float64, ix, iy int) (xIsCopy bool, credit *string) {
	if g, ok := usesWireOf(x, cx, y, cy); ok {
		if _, back := usesWireOf(y, cy, x, cx); !back {
			return true, &g
		}
	}
	if g, ok := usesWireOf(y, cy, x, cx); ok {
		return false, &g
	}
	xIsCopy = ix > iy
	switch {
	case x.Published != nil && y.Published != nil && !x.Published.Equal(*y.Published):
		xIsCopy = x.Published.After(*y.Published)
	case shareX-shareY > 0.05:
		xIsCopy = true
	case shareY-shareX > 0.05:
		xIsCopy = false
	}
	copyCredits, ofCredits := cx, cy
	if !xIsCopy {
		copyCredits, ofCredits = cy, cx
	}
	if len(copyCredits) > 0 {
		g := copyCredits[0].Agency
		return xIsCopy, &g
	}
	for _, c := range ofCredits {
		if !c.Inputs {
			g := c.Agency
			return xIsCopy, &g
		}
	}
	return xIsCopy, nil
}

// IsOutlet reports whether an agency as a credit names it is the outlet:
// the same name, or the outlet's initials ("CPA" for "Continental Press
// Agency", "AFP" for "Agence France-Presse").
func IsOutlet(outlet, agency string) bool {
	outlet, agency = strings.TrimSpace(outlet), strings.TrimSpace(agency)
	if outlet == "" || agency == "" {
		return false
	}
	if strings.EqualFold(outlet, agency) {
		return true
	}
	var initials strings.Builder
	for _, w := range strings.FieldsFunc(outlet, func(r rune) bool { return r == ' ' || r == '-' }) {
		switch strings.ToLower(w) {
		case "the", "of", "and", "&", "for", "de", "la", "le":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		initials.WriteRune(unicode.ToUpper(r))
	}
	return initials.Len() >= 2 && initials.String() == strings.ToUpper(agency)
}
