package boilerplate

import (
	"strings"
	"testing"
)

// TestWordFlags checks that the memoised flags answer as isStopword and
// chromeWords do, on first sight and from the memo.
func TestWordFlags(t *testing.T) {
	words := strings.Fields("the and of said share subscribe cookies newsletter mais och pero и также bridge harbour 1200")
	for w := range chromeWords {
		words = append(words, w)
	}
	for w := range extraStopwords {
		words = append(words, w)
	}
	for range 2 {
		for _, w := range words {
			f := wordFlags(w)
			if (f&lexStop != 0) != isStopword(w) || (f&lexChrome != 0) != chromeWords[w] {
				t.Errorf("wordFlags(%q) = %b disagrees with isStopword/chromeWords", w, f)
			}
		}
	}
}
