// Package language identifies the language of an article's text with
// lingua-go, restricted to the languages crosscheck supports and run in low
// accuracy mode (trigram models only), which is accurate on article-length
// text and keeps memory and time small.
package language

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
	"github.com/shopspring/decimal"
)

// supported are the languages the detector chooses among. Restricting the
// set matters twice: lingua loads a model per candidate language, and a
// smaller set leaves fewer look-alike languages to confuse (Bosnian for
// Croatian, Galician for Portuguese) in news crosscheck does not expect.
var supported = []lingua.Language{
	lingua.English, lingua.German, lingua.French, lingua.Spanish, lingua.Italian,
	lingua.Portuguese, lingua.Dutch, lingua.Polish, lingua.Russian, lingua.Ukrainian,
	lingua.Belarusian, lingua.Lithuanian, lingua.Turkish, lingua.Arabic, lingua.Chinese,
	lingua.Swedish, lingua.Danish, lingua.Bokmal, lingua.Finnish, lingua.Czech,
	lingua.Romanian, lingua.Hungarian, lingua.Greek, lingua.Hebrew, lingua.Japanese,
	lingua.Korean,
}

const (
	// maxBytes bounds the text examined. lingua's trigram models tell every
	// supported language apart on one news sentence (see the test samples),
	// and past a few hundred bytes its cost jumps: once the summed log
	// probabilities are too small for float64's exp, lingua turns them into
	// confidences with arbitrary-precision arithmetic (BenchmarkDetectLength
	// on an example article: under 1 ms up to 600 bytes, 5–6 ms from 800;
	// at 1 KB detection was a third of the server's ingestion time). Two or
	// three sentences are plenty.
	maxBytes = 400
	// quickBytes is the head tried first: lingua's cost grows with the
	// text (BenchmarkDetectLength: 0.5 ms at 200 bytes, 1.3 ms at 400), and
	// on news text its confidences are so peaked that the first 200 bytes
	// settle nearly every article: on the 181 ScrapingHub articles they
	// gave the 400-byte answer on every one in a supported language. A
	// head whose best language leads the runner-up by less than
	// quickMargin (confidences sum to 1) is decided on maxBytes.
	quickBytes  = 200
	quickMargin = 0.9
	// minLetters is the least number of letters worth a guess; lingua's low
	// accuracy mode is unreliable on shorter strings than a short sentence.
	minLetters = 20
	// minRelativeDistance is how far the best language's confidence must lie
	// above the runner-up's; closer calls are reported as unknown.
	minRelativeDistance = 0.05
)

var (
	detectorOnce sync.Once
	detector     lingua.LanguageDetector
)

// The factorial cache of shopspring/decimal. lingua computes
// exp(s) = exp(s/1000)^1000 with ExpTaylor(25) when s, a sum of log
// probabilities over the distinct n-grams of the text, is below what
// float64 can exponentiate. The Taylor series of exp(x) at 25 digits needs
// more factorials the larger |x|; each term of s is the log of a model
// probability (an n-gram count over a corpus, at least 1e-11, so above
// -25), one per distinct trigram, at most one per rune. Warming the cache
// with |x| = warmedExponent covers every text of at most warmedRunes runes.
const (
	warmedExponent = 100
	warmedRunes    = warmedExponent * 1000 / 25
)

// languageDetector builds the detector on first use. lingua's detector is
// safe for concurrent use; it loads each language's model on first need.
func languageDetector() lingua.LanguageDetector {
	detectorOnce.Do(func() {
		detector = lingua.NewLanguageDetectorBuilder().
			FromLanguages(supported...).
			WithLowAccuracyMode().
			WithMinimumRelativeDistance(minRelativeDistance).
			Build()
		// The error is only for a negative precision.
		_, _ = decimal.New(-warmedExponent, 0).ExpTaylor(25)
	})
	return detector
}

// Detect returns the ISO 639-1 code (lower case) of the language text is
// written in, or "" when the text is too short or the detector is unsure.
// Norwegian is reported as "nb" (Bokmål). Only the head of text is examined
// (quickBytes, or maxBytes when that is not conclusive).
// Detect is safe for concurrent use.
func Detect(text string) string {
	d := languageDetector()
	if quick := head(text, quickBytes); len(quick) < len(text) && countLetters(quick) >= minLetters {
		if cv := d.ComputeLanguageConfidenceValues(quick); len(cv) >= 2 && cv[0].Value()-cv[1].Value() >= quickMargin {
			return strings.ToLower(cv[0].Language().IsoCode639_1().String())
		}
	}
	return detectHead(d, text)
}

// detectHead is Detect on the first maxBytes of text.
func detectHead(d lingua.LanguageDetector, text string) string {
	text = head(text, maxBytes)
	if countLetters(text) < minLetters {
		return ""
	}
	// lingua-go's confidence computation goes through shopspring/decimal,
	// whose ExpTaylor grows a package-level factorial cache without a lock
	// (a data race under concurrent calls, still present in v1.4.0).
	// languageDetector fills that cache beyond what any text within
	// warmedRunes can need, so such texts are detected in parallel, which
	// matters: detection is about half of an article's preparation.
	// Longer ones (none, while maxBytes is 400 bytes) are serialised.
	var lang lingua.Language
	var ok bool
	if utf8.RuneCountInString(text) <= warmedRunes {
		lang, ok = d.DetectLanguageOf(text)
	} else {
		detectMu.Lock()
		lang, ok = d.DetectLanguageOf(text)
		detectMu.Unlock()
	}
	if !ok {
		return ""
	}
	return strings.ToLower(lang.IsoCode639_1().String())
}

var detectMu sync.Mutex

// Supported returns the ISO 639-1 codes Detect can answer, sorted.
func Supported() []string { return slices.Clone(supportedCodes) }

// supportedCodes are the codes of supported, lower case, sorted.
var supportedCodes = func() []string {
	codes := make([]string, 0, len(supported))
	for _, l := range supported {
		codes = append(codes, strings.ToLower(l.IsoCode639_1().String()))
	}
	slices.Sort(codes)
	return codes
}()

// Known reports whether code is one of the ISO 639-1 codes Detect can
// answer.
func Known(code string) bool { return slices.Contains(supportedCodes, code) }

// head returns at most max bytes of s, cut at a white space when one lies
// in the last quarter so that no word is cut in half, and never inside a
// UTF-8 sequence.
func head(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexAny(s[:cut], " \n\t"); sp >= max*3/4 {
		cut = sp
	}
	return s[:cut]
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
