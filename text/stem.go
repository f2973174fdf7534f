package text

import (
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/hungarian"
	"github.com/kljensen/snowball/norwegian"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"github.com/kljensen/snowball/swedish"
)

// stemmerFunc stems one normalized (lower-case) word.
type stemmerFunc func(word string) string

// stemmerFor returns the cached stemmer for an ISO 639-1 code ("en",
// "en-US", "nb"): Snowball's where the snowball module has one, the light
// stemmer for Arabic (see arabicStem), nil otherwise.
func stemmerFor(lang string) stemmerFunc {
	memo := stemMemos[baseLanguage(lang)]
	if memo == nil {
		return nil
	}
	return memo.Get
}

// maxCachedStems bounds the process-wide stem cache. News vocabulary is
// Zipfian: a few hundred thousand forms cover nearly every token, at some
// tens of bytes each.
const maxCachedStems = 300_000

// stemMemos map, for each base language that has a stemmer, a word to its
// stem for the whole process, within one bound for all languages. The
// Snowball stemmers cost microseconds a word (they convert suffixes to runes
// on every test), most of Analyze's time when uncached, while the same words
// recur in every article of a story.
var stemMemos = func() map[string]*Memo {
	fs := make(map[string]func(string) string)
	for _, base := range StemLanguages() {
		fs[base] = snowballStemmer(base)
	}
	return newMemos(maxCachedStems, fs)
}()

// resetStemCache empties the stem memos (for benchmarks of the cold path).
func resetStemCache() {
	for _, m := range stemMemos {
		m.Reset()
	}
}

// snowballStemmer returns the uncached stemmer for a base language code
// (Snowball's, or arabicStem).
// Stop words are stemmed like any word so that the same surface always gets
// the same stem whatever list a stemmer keeps.
func snowballStemmer(base string) stemmerFunc {
	switch base {
	case "en":
		return func(w string) string { return english.Stem(w, true) }
	case "fr":
		return func(w string) string { return french.Stem(w, true) }
	case "es":
		return func(w string) string { return spanish.Stem(w, true) }
	case "ru":
		// Russian is often printed without ё; stem it as е so both spellings
		// of a word share a stem (modern Snowball does the same).
		return func(w string) string { return russian.Stem(strings.ReplaceAll(w, "ё", "е"), true) }
	case "sv":
		return func(w string) string { return swedish.Stem(w, true) }
	case "no", "nb", "nn":
		return func(w string) string { return norwegian.Stem(w, true) }
	case "hu":
		return func(w string) string { return hungarian.Stem(w, true) }
	case "ar":
		return arabicStem
	}
	return nil
}

// StemLanguages lists the ISO 639-1 codes Stem has a stemmer for.
func StemLanguages() []string {
	return []string{"ar", "en", "es", "fr", "hu", "nb", "nn", "no", "ru", "sv"}
}

// baseLanguage lower-cases a language tag and drops its region: "en-GB" → "en".
func baseLanguage(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(strings.TrimSpace(lang))
}

// Stem returns the stem of Normalize(word) in language lang (ISO 639-1; see
// stemmerFor), or Normalize(word) when lang has no stemmer. Only letters are
// stemmed: a word with digits or other symbols in it is returned normalized.
func Stem(word, lang string) string {
	n := Normalize(word)
	st := stemmerFor(lang)
	if st == nil || !stemmable(n) {
		return n
	}
	return st(n)
}

// stemmable reports whether a normalized word is something a Snowball
// stemmer is meant for: letters with inner apostrophes or hyphens.
func stemmable(n string) bool {
	if n == "" {
		return false
	}
	for _, r := range n {
		if r == '\'' || r == '-' {
			continue
		}
		if !isLetterOrMark(r) {
			return false
		}
	}
	return true
}
