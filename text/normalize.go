package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isZeroWidth reports the invisible format characters that scraped text
// carries at line edges (zero-width space and joiners, word joiner, BOM).
func isZeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// isLineBreak reports the characters Prepare turns into a paragraph break.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// isHorizontalSpace reports white space that is not a line break.
func isHorizontalSpace(r rune) bool {
	return unicode.IsSpace(r) && !isLineBreak(r)
}

// isDroppedControl reports control characters that carry nothing for a
// reader; tab, vertical tab and form feed are white space instead.
func isDroppedControl(r rune) bool {
	if r == '\t' || r == '\v' || r == '\f' || isLineBreak(r) {
		return false
	}
	return r < 0x20 || (r >= 0x7F && r < 0xA0)
}

// Prepare cleans extracted text into the form the pipeline stores in
// Article.Text and takes offsets into: valid UTF-8 (invalid bytes become
// U+FFFD), Unicode NFC, "\r\n", "\r" and Unicode line separators turned into
// "\n", each line trimmed of surrounding white space and zero-width
// characters, inner runs of white space collapsed to one space (a lone
// non-breaking space is kept as written, it is typography), control
// characters dropped, and blank lines removed. Quotes, dashes and other
// characters are kept as written so the text can be shown as published.
// Prepare is idempotent.
func Prepare(raw string) string {
	s := strings.ToValidUTF8(raw, "\uFFFD")
	s = norm.NFC.String(s)
	out := prepareLines(s)
	// Trimming or collapsing can, in rare sequences, put two characters side
	// by side that NFC would compose; repeat until stable.
	for i := 0; i < 4 && !norm.NFC.IsNormalString(out); i++ {
		out = prepareLines(norm.NFC.String(out))
	}
	return out
}

func prepareLines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	lineStart := true  // no content written on the current output line yet
	pendingSpace := "" // first white space after content, written only if content follows
	spaceRun := 0
	// Zero-width characters between two visible characters may be meaningful
	// (a joiner inside a word); at a line edge or beside a space they are
	// invisible padding. They are held back until the next visible character
	// shows which.
	var pendingZW []byte
	// flush writes what is held back before a visible character.
	flush := func() {
		if spaceRun > 0 {
			if spaceRun == 1 && pendingSpace != "\t" && pendingSpace != "\v" && pendingSpace != "\f" {
				b.WriteString(pendingSpace)
			} else {
				b.WriteByte(' ')
			}
		} else {
			b.Write(pendingZW)
		}
		pendingSpace, spaceRun, pendingZW = "", 0, pendingZW[:0]
	}
	for i := 0; i < len(s); {
		if c := s[i]; '!' <= c && c <= '~' {
			// A run of printable ASCII, the bulk of most text: every
			// character of it is written as it is, in one piece.
			flush()
			j := i + 1
			for j < len(s) && '!' <= s[j] && s[j] <= '~' {
				j++
			}
			b.WriteString(s[i:j])
			lineStart = false
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isLineBreak(r):
			if !lineStart {
				b.WriteByte('\n')
			}
			lineStart = true
			pendingSpace, spaceRun, pendingZW = "", 0, pendingZW[:0]
		case isHorizontalSpace(r):
			if !lineStart {
				if spaceRun == 0 {
					pendingSpace = s[i : i+size]
				}
				spaceRun++
			}
			pendingZW = pendingZW[:0]
		case isDroppedControl(r):
		case isZeroWidth(r):
			if !lineStart && spaceRun == 0 {
				pendingZW = append(pendingZW, s[i:i+size]...)
			}
		default:
			flush()
			b.WriteString(s[i : i+size])
			lineStart = false
		}
		i += size
	}
	out := b.String()
	return strings.TrimSuffix(out, "\n")
}

// foldPunct maps one lower-cased rune to its matching form. It returns the
// replacement and true, or false when the rune stays as it is.
func foldPunct(r rune) (string, bool) {
	switch r {
	case '‘', '’', '‚', '‛', '′', 'ʼ':
		return "'", true
	case '“', '”', '„', '‟', '″', '«', '»':
		return `"`, true
	case '‐', '‑', '‒', '–', '—', '―', '−':
		return "-", true
	case '…':
		return "...", true
	case '\u00AD', '\u200B', '\u2060', '\uFEFF':
		return "", true
	}
	if r != ' ' && unicode.IsSpace(r) {
		return " ", true
	}
	return "", false
}

// Normalize returns the matching form of s used by every matcher: NFC,
// Unicode lower case, curly and angle quotes folded to ' and ", dashes and
// the minus sign to -, every space character to ' ', the ellipsis to "...",
// and soft hyphens and zero-width spaces removed.
func Normalize(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return normalizeASCII(s)
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		lr := unicode.ToLower(r)
		if rep, ok := foldPunct(lr); ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(lr)
	}
	out := b.String()
	if !norm.NFC.IsNormalString(out) {
		out = norm.NFC.String(out)
	}
	return out
}

func normalizeASCII(s string) string {
	hasUpperOrSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('A' <= c && c <= 'Z') || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' {
			hasUpperOrSpace = true
			break
		}
	}
	if !hasUpperOrSpace {
		return s
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			c = ' '
		}
		b[i] = c
	}
	return string(b)
}

// foldLetter maps letters that carry their distinction in the base letter
// rather than in a combining mark, so NFD alone does not strip them.
func foldLetter(r rune) (string, bool) {
	switch r {
	case 'ł':
		return "l", true
	case 'ø':
		return "o", true
	case 'ß':
		return "ss", true
	case 'æ':
		return "ae", true
	case 'œ':
		return "oe", true
	case 'đ', 'ð':
		return "d", true
	case 'þ':
		return "th", true
	case 'ı':
		return "i", true
	case 'ħ':
		return "h", true
	}
	return "", false
}

// Fold returns Normalize(s) with diacritics removed (canonical decomposition,
// combining marks dropped, then ł→l, ø→o, ß→ss, æ→ae, œ→oe, đ/ð→d, þ→th,
// ı→i, ħ→h). It is the key for matching names whose spelling varies only in
// accents: "Łukaszenka" and "Lukaszenka", "Tsikhanouskaya" stays itself.
// Cyrillic letters are folded too (ё→е, й→и).
func Fold(s string) string {
	s = Normalize(s)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if rep, ok := foldLetter(r); ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}
