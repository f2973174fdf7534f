package text

import (
	"strings"
	"unicode/utf8"
)

// The Snowball module has no Arabic stemmer, and Arabic needs one more than
// most languages: the conjunctions و and ف, the prepositions ب, ل and ك and
// the article ال are written joined to the word, so without stemming
// "الأمطار", "أمطار" and "والأمطار" are three words. arabicStem is the light
// stemmer of Larkey, Ballesteros and Connell ("light10", 2002), as Lucene's
// ArabicNormalizer and ArabicStemmer implement it: normalise the spelling
// of alef, yeh and teh marbuta and drop the short-vowel marks and tatweel,
// remove one prefix, then the frequent suffixes. It removes affixes only
// and never finds roots, which for matching news words is what works best
// (Larkey et al.: light10 beat root stemmers at retrieval).

// arabicPrefixes are tried in order and at most one is removed: the
// article alone or after a joined conjunction or preposition, then the
// conjunction و alone.
var arabicPrefixes = []string{"ال", "وال", "بال", "كال", "فال", "لل", "و"}

// arabicSuffixes are each removed once, in order, when they end the word
// (after arabicNormalize, so teh marbuta ة is already heh ه).
var arabicSuffixes = []string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}

// arabicNormalize folds the spellings that vary between writers: alef with
// hamza or madda to bare alef, alef maqsura to yeh, teh marbuta to heh;
// harakat (fathatan … sukun) and tatweel are dropped.
func arabicNormalize(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r == 'آ' || r == 'أ' || r == 'إ':
			b.WriteRune('ا')
		case r == 'ى':
			b.WriteRune('ي')
		case r == 'ة':
			b.WriteRune('ه')
		case r == 'ـ' || (r >= '\u064B' && r <= '\u0652'):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// arabicStem returns the light stem of a normalized (lower-cased) word. A
// prefix is removed only when at least two letters remain (three for the
// one-letter و, so that a root beginning with و survives more often); each
// suffix only when at least two letters remain.
func arabicStem(w string) string {
	w = arabicNormalize(w)
	n := utf8.RuneCountInString(w)
	for _, p := range arabicPrefixes {
		pn := utf8.RuneCountInString(p)
		least := 2
		if pn == 1 {
			least = 3
		}
		if strings.HasPrefix(w, p) && n-pn >= least {
			w, n = w[len(p):], n-pn
			break
		}
	}
	for _, s := range arabicSuffixes {
		sn := utf8.RuneCountInString(s)
		if strings.HasSuffix(w, s) && n-sn >= 2 {
			w, n = w[:len(w)-len(s)], n-sn
		}
	}
	return w
}
