package boilerplate

import "sync"

// measure asks of every word of every line whether it is a stopword (six
// snowball lists and ours) and a chrome word: eight lookups that were a
// fifth of the pass. wordFlags answers both at once from a memo of the
// words seen, filled from isStopword and chromeWords themselves, so the
// answers are theirs.

const (
	lexStop   = 1 << iota // isStopword
	lexChrome             // chromeWords
)

// maxFlagged bounds the memo: past it, words not in it are looked up
// each time (a page's words are mostly the language's common ones, which
// are in it by then).
const maxFlagged = 1 << 16

var flagged = struct {
	sync.RWMutex
	m map[string]uint8
}{m: make(map[string]uint8, 4096)}

// wordFlags returns the lex flags of a lower-cased word. Looking up
// flagged.m[w] with a w made from a byte slice allocates nothing; only a
// word stored for the first time is copied.
func wordFlags(w string) uint8 {
	flagged.RLock()
	f, ok := flagged.m[w]
	n := len(flagged.m)
	flagged.RUnlock()
	if ok {
		return f
	}
	if isStopword(w) {
		f |= lexStop
	}
	if chromeWords[w] {
		f |= lexChrome
	}
	if n < maxFlagged {
		flagged.Lock()
		flagged.m[string([]byte(w))] = f
		flagged.Unlock()
	}
	return f
}
