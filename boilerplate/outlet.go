package boilerplate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// Plain text carries no site name, but the chrome removed from it often
// does: the copyright footer ("© 2026 Example Media. All rights reserved."),
// a byline that names the paper ("By Jane Doe, The Example Times"), a pitch
// to follow the site ("Follow Example News on Facebook and X"). OutletOf
// reads the name from those lines, so that a plain-text article gets an
// outlet and RemoveRepeated can compare it with the outlet's other pages.

// maxOutletWords bounds a name read from a line: outlet names are short, and
// a longer capture is a sentence the patterns misread.
const maxOutletWords = 6

// OutletOf returns the outlet named by the removed lines, or "": the first
// copyright line that names one, else the first byline that does, else the
// first "follow NAME on …" line.
func OutletOf(removed []crosscheck.Removed) string {
	for _, read := range []func(string) string{copyrightHolder, bylineOutlet, followedName} {
		for _, r := range removed {
			if name := read(strings.TrimSpace(r.Text)); name != "" {
				return name
			}
		}
	}
	return ""
}

// copyrightHolder reads "© 2026 NAME", "Copyright (c) 2019-2026 NAME. All
// rights reserved.", "© NAME 2026." and the like.
func copyrightHolder(s string) string {
	rest, ok := cutCopyrightMark(s)
	if !ok {
		return ""
	}
	rest = strings.TrimSpace(rest)
	rest = strings.TrimLeft(trimLeadingYears(rest), " ,.-–—:")
	return outletName(rest)
}

// cutCopyrightMark removes a leading copyright sign or word (and a sign
// after the word).
func cutCopyrightMark(s string) (string, bool) {
	found := false
	for {
		t := strings.TrimSpace(s)
		lower := strings.ToLower(t)
		switch {
		case strings.HasPrefix(t, "©"):
			s = t[len("©"):]
		case strings.HasPrefix(lower, "(c)"):
			s = t[len("(c)"):]
		case strings.HasPrefix(lower, "copyright") && wordEndsAt(lower, len("copyright")):
			s = t[len("copyright"):]
		default:
			return t, found
		}
		found = true
	}
}

// trimLeadingYears removes a year or a range of years at the start of s.
func trimLeadingYears(s string) string {
	for {
		t := strings.TrimLeft(s, " -–—,")
		if len(t) >= 4 && isYear(t[:4]) && (len(t) == 4 || !isWordRune(rune(t[4]))) {
			s = t[4:]
			continue
		}
		return t
	}
}

func isYear(s string) bool {
	if len(s) != 4 || (s[0] != '1' && s[0] != '2') {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// bylineOutlet reads the outlet from "By NAME, OUTLET" or "By NAME | OUTLET":
// the part after the author that is neither a role ("Chief Reporter") nor
// a date.
func bylineOutlet(s string) string {
	lower := strings.ToLower(s)
	if !strings.HasPrefix(lower, "by ") {
		return ""
	}
	parts := strings.FieldsFunc(s[3:], func(r rune) bool { return r == ',' || r == '|' || r == '/' || r == '·' })
	if len(parts) < 2 {
		return ""
	}
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if p == "" || hasDigit(p) || isRole(p) {
			continue
		}
		return outletName(p)
	}
	return ""
}

// roleWords mark a byline part that is the author's job, not the outlet.
var roleWords = toSet(strings.Fields(`reporter correspondent editor writer staff columnist contributor
	journalist chief senior political deputy associate special foreign photographer producer
	analyst author news-desk newsdesk desk bureau in at`))

func isRole(p string) bool {
	for _, w := range strings.Fields(strings.ToLower(p)) {
		if roleWords[strings.Trim(w, ".,")] {
			return true
		}
	}
	return false
}

// followedName reads NAME from "Follow NAME on Facebook …", a site's pitch
// to follow it on social networks ("Follow us on …" names nobody).
func followedName(s string) string {
	lower := strings.ToLower(s)
	if !strings.HasPrefix(lower, "follow ") {
		return ""
	}
	i := strings.Index(lower, " on ")
	if i < 0 {
		return ""
	}
	rest := strings.FieldsFunc(lower[i+4:], func(r rune) bool { return !isWordRune(r) })
	if len(rest) == 0 || !socialNetworks[rest[0]] && rest[0] != "x" {
		return ""
	}
	return outletName(s[len("follow "):i])
}

// outletName cuts a candidate at the end of the name (a full stop and
// space, a comma, a bar, "All rights reserved") and returns it when it
// reads as a name: one to maxOutletWords words, the first capitalised, no
// pronoun.
func outletName(s string) string {
	for _, stop := range []string{". ", ", ", " | ", " - ", " – ", " — ", ";", "(", "all rights reserved", "All rights reserved", "All Rights Reserved"} {
		if i := strings.Index(s, stop); i >= 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ".,;:"))
	// A year after the name: "© The Example Herald 2026".
	if f := strings.Fields(s); len(f) > 1 && isYear(f[len(f)-1]) {
		s = strings.Join(f[:len(f)-1], " ")
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > maxOutletWords {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return ""
	}
	switch strings.ToLower(words[0]) {
	case "us", "me", "him", "her", "them", "our", "my", "all":
		return ""
	}
	if !hasLetter(s) {
		return ""
	}
	return s
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}
