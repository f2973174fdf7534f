package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// Sentence segmentation is rule based and errs towards not splitting: later
// stages align, compare and attribute sentences, and a sentence cut after
// "U.S." or "Mr." does more harm there than two sentences left together.
//
// A boundary is a run of terminators (. ! ? … and their CJK, Arabic and
// Devanagari forms), then any closing quotes or brackets, then white space,
// and then a next sentence that does not begin in lower case. A period after
// a known abbreviation is looked at more closely (see abbreviationClass).
// CJK full stops need no following space. A line break always ends a
// sentence.

// Sentences returns the sentence spans of s, a paragraph or a whole text.
// Spans are byte offsets into s, trimmed of surrounding white space, in
// order, and never cross a "\n".
func Sentences(s string) []crosscheck.Span {
	var out []crosscheck.Span
	for start := 0; start <= len(s); {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		out = appendParagraphSentences(out, s[start:end], start)
		start = end + 1
	}
	return out
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '。', '！', '？', '｡', '؟', '।', '॥', '։', '۔':
		return true
	}
	return false
}

// isFullWidthTerminator reports terminators of scripts written without
// spaces between sentences.
func isFullWidthTerminator(r rune) bool {
	return r == '。' || r == '！' || r == '？' || r == '｡'
}

// IsCloser reports a closing quotation mark or bracket.
func IsCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', ')', ']', '}', '」', '』', '）', '〉', '》', '】':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '„', '«', '‹', '(', '[', '{', '¿', '¡', '「', '『', '（', '〈', '《', '【', '-', '–', '—':
		return true
	}
	return false
}

func isQuoteMark(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', '“', '‘', '„', '«', '‹', '」', '』':
		return true
	}
	return false
}

func trimSpan(p string, from, to, base int) (crosscheck.Span, bool) {
	for from < to {
		r, n := utf8.DecodeRuneInString(p[from:to])
		if !unicode.IsSpace(r) && !isZeroWidth(r) {
			break
		}
		from += n
	}
	for to > from {
		r, n := utf8.DecodeLastRuneInString(p[from:to])
		if !unicode.IsSpace(r) && !isZeroWidth(r) {
			break
		}
		to -= n
	}
	return crosscheck.Span{Start: base + from, End: base + to}, to > from
}

func appendParagraphSentences(out []crosscheck.Span, p string, base int) []crosscheck.Span {
	start := 0
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		if !isTerminator(r) {
			i += n
			continue
		}
		end, ok := boundaryAfter(p, i)
		// A sentence needs a word: "1." opening a numbered item, or a lone
		// "...", stays with what follows.
		if ok && end < len(p) && !hasLetter(p[start:i]) {
			ok = false
		}
		if ok {
			if sp, nonEmpty := trimSpan(p, start, end, base); nonEmpty {
				out = append(out, sp)
			}
			start = end
		}
		if end <= i {
			end = i + n
		}
		i = end
	}
	if sp, ok := trimSpan(p, start, len(p), base); ok {
		out = append(out, sp)
	}
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// boundaryAfter looks at the terminator at p[i] and returns the end of the
// sentence it closes and true, or the index to resume scanning from and
// false.
func boundaryAfter(p string, i int) (int, bool) {
	j := i
	periods, others, fullWidth := 0, 0, false
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if !isTerminator(r) {
			break
		}
		if r == '.' {
			periods++
		} else {
			others++
		}
		if isFullWidthTerminator(r) {
			fullWidth = true
		}
		j += n
	}
	quoted := false
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if !IsCloser(r) {
			break
		}
		if isQuoteMark(r) {
			quoted = true
		}
		j += n
	}
	if j >= len(p) {
		return j, true
	}
	if fullWidth {
		return j, true
	}
	r, _ := utf8.DecodeRuneInString(p[j:])
	if !unicode.IsSpace(r) {
		// 3.5, U.S.A, example.com, "end.Next": no white space, no boundary.
		return j, false
	}
	next, word := nextWord(p, j)
	if next == utf8.RuneError {
		return j, true
	}
	if unicode.IsLower(next) {
		return j, false
	}
	if periods == 1 && others == 0 && !quoted {
		prev := wordBefore(p, i)
		switch abbreviationClass(prev) {
		case abbrevTitle:
			return j, false
		case abbrevNumeric:
			if unicode.IsDigit(next) {
				return j, false
			}
		case abbrevAmbiguous:
			if !startsSentence(p, j, word) {
				return j, false
			}
		case abbrevMonthDay:
			if germanMonths[word] {
				return j, false
			}
		}
	}
	if others > 0 && quoted && isAttribution(p, j) {
		return j, false
	}
	return j, true
}

// nextWord returns the first letter or digit after p[j:], skipping white
// space and opening quotes, brackets and dashes, with the word it begins.
// It returns utf8.RuneError when nothing but such characters follows.
func nextWord(p string, j int) (rune, string) {
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if unicode.IsSpace(r) || isZeroWidth(r) || isOpener(r) {
			j += n
			continue
		}
		k := j
		for k < len(p) {
			r2, n2 := utf8.DecodeRuneInString(p[k:])
			if !isLetterOrMark(r2) && !unicode.IsDigit(r2) {
				break
			}
			k += n2
		}
		return r, p[j:k]
	}
	return utf8.RuneError, ""
}

// wordBefore returns the letters, digits and inner periods that end right
// before p[i]: "U.S" for "the U.S.", "Mr" for "Mr.".
func wordBefore(p string, i int) string {
	k := i
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(p[:k])
		if isLetterOrMark(r) || unicode.IsDigit(r) {
			k -= n
			continue
		}
		if r == '.' && k-n > 0 {
			r2, _ := utf8.DecodeLastRuneInString(p[:k-n])
			if isLetterOrMark(r2) {
				k -= n
				continue
			}
		}
		break
	}
	return p[k:i]
}

type abbrevKind int

const (
	abbrevNone abbrevKind = iota
	// abbrevTitle precedes a name or a word and never ends a sentence:
	// Mr., Dr., Gen., vs., e.g.
	abbrevTitle
	// abbrevNumeric precedes a number: No. 10, Dec. 14, p. 5.
	abbrevNumeric
	// abbrevAmbiguous may end a sentence (Inc., Jr., St., U.S., a.m.,
	// initials);
	// it does only when a typical sentence opening follows.
	abbrevAmbiguous
	// abbrevMonthDay is a day number written as a German ordinal:
	// "am 14. Dezember".
	abbrevMonthDay
)

var titleAbbreviations = toSet(
	"mr", "mrs", "ms", "mx", "messrs", "dr", "drs", "prof", "profs", "gen", "gens", "lt", "col", "maj", "sgt", "capt", "cpt",
	"cmdr", "cdr", "adm", "brig", "cpl", "pvt", "gov", "govs", "sen", "sens", "rep", "reps", "atty", "rev", "hon", "pres", "supt",
	"det", "insp", "amb", "vs", "v", "cf", "viz", "approx", "ca", "e.g", "i.e",
	"z.b", "d.h", "u.a", "bzw", "vgl", "ggf", "inkl", "evtl", "hr", "fr", "mme", "mlle", "mm",
	"sra", "srta", "dra", "dña", "ud", "uds", "т.е", "т.н", "им", "ул", "тов", "г-н", "г-жа",
)

var numericAbbreviations = toSet(
	"no", "nos", "nr", "nº", "p", "pp", "art", "vol", "fig", "ch", "sec", "para", "tel", "abs",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ziff", "s",
)

var ambiguousAbbreviations = toSet(
	"inc", "ltd", "co", "corp", "jr", "sr", "st", "mt", "ft", "bros", "llc", "plc", "cie", "a.m", "p.m",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	// US state abbreviations in AP style, as in datelines and "Austin, Tex.";
	// those that are also common words (Ill., Miss., Wash.) are left out.
	"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "kan", "kans", "ky", "md",
	"mass", "mich", "minn", "mont", "neb", "nev", "okla", "ore", "penn", "tenn", "tex", "va",
	"vt", "wis", "wyo",
)

var germanMonths = toSet(
	"Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
	"Oktober", "November", "Dezember",
)

func toSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// abbreviationClass classifies the word before a period.
func abbreviationClass(w string) abbrevKind {
	if w == "" {
		return abbrevNone
	}
	first, n := utf8.DecodeRuneInString(w)
	if n == len(w) && unicode.IsUpper(first) {
		return abbrevAmbiguous // an initial: John F. Kennedy, George S. Patton
	}
	lw := strings.ToLower(w)
	switch {
	case titleAbbreviations[lw]:
		return abbrevTitle
	case numericAbbreviations[lw]:
		// Months are also ambiguous before a capital; the numeric class
		// wins before a digit and the ambiguous rule applies otherwise.
		if ambiguousAbbreviations[lw] {
			return abbrevAmbiguous
		}
		return abbrevNumeric
	case ambiguousAbbreviations[lw]:
		return abbrevAmbiguous
	}
	if strings.Contains(w, ".") && shortSegments(w) {
		return abbrevAmbiguous // U.S, U.K, E.U, a.m, т.е
	}
	if len(w) <= 2 && isDigits(w) {
		return abbrevMonthDay
	}
	return abbrevNone
}

func shortSegments(w string) bool {
	for _, seg := range strings.Split(w, ".") {
		if n := utf8.RuneCountInString(seg); n == 0 || n > 3 {
			return false
		}
	}
	return true
}

func isDigits(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// sentenceOpeners are words that typically begin a sentence and rarely
// follow an abbreviation inside one. After "U.S." or "Inc." a boundary is
// taken only before one of these (or a quotation): "the U.S. The talks" is
// two sentences, "the U.S. State Department" is one.
var sentenceOpeners = toSet(
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our",
	"My", "This", "That", "These", "Those", "There", "Then", "But", "And", "Or", "So", "Yet", "However",
	"In", "On", "At", "As", "After", "Before", "When", "While", "If", "Although", "Though", "Since",
	"According", "Meanwhile", "Some", "Many", "Most", "Several", "Both", "Also", "Earlier", "Later",
	"Last", "Now", "Still", "What", "Why", "How", "Who", "Where", "For", "With", "By", "From", "Under",
	"Despite", "Nor", "Such", "Other", "Others", "All", "No", "One", "Two", "Three",
	// A count spelled out, as style guides want it at a sentence's start
	// ("… at around 3 p.m. Thirty-one people were rescued").
	"Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen",
	"Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen", "Twenty", "Thirty", "Forty", "Fifty",
	"Sixty", "Seventy", "Eighty", "Ninety", "Hundreds", "Thousands", "Dozens", "Scores",
	"Der", "Die", "Das", "Ein", "Eine", "Er", "Sie", "Es", "Wir", "Le", "La", "Les", "Il", "Elle",
	"Ils", "Elles", "Un", "Une", "Nous", "El", "Los", "Las", "Él", "Ella", "Он", "Она", "Они", "Это",
)

func startsSentence(p string, j int, word string) bool {
	if sentenceOpeners[word] {
		return true
	}
	// An opening quotation after an abbreviation starts a new sentence.
	for j < len(p) {
		r, n := utf8.DecodeRuneInString(p[j:])
		if unicode.IsSpace(r) {
			j += n
			continue
		}
		return r == '“' || r == '"' || r == '«' || r == '„'
	}
	return false
}

// speechVerbs follow a name in an attribution after a quotation that ends
// in ! or ?: “Free them!” Smith said.
var speechVerbs = toSet(
	"said", "says", "say", "told", "tells", "asked", "asks", "added", "adds", "wrote", "writes",
	"shouted", "shouts", "cried", "yelled", "exclaimed", "insisted", "declared", "replied",
	"answered", "demanded", "chanted", "tweeted", "posted",
)

// isAttribution reports whether p[j:] begins with up to three capitalized
// words followed by a speech verb.
func isAttribution(p string, j int) bool {
	fields := strings.Fields(p[j:min(len(p), j+120)])
	for k, f := range fields {
		if k > 3 {
			return false
		}
		f = strings.TrimRight(f, ",.;:!?")
		if speechVerbs[f] {
			return k > 0
		}
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return false
}
