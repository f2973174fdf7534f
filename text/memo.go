package text

import (
	"strings"
	"sync"
	"sync/atomic"
)

// Memo remembers the results of a pure function of a string for the whole
// process, up to a bound: word-level work (stems, transliteration keys) is
// Zipfian, the same few hundred thousand forms recur in every article, and
// a lookup costs a fraction of the work. Safe for concurrent use; the zero
// value is not usable, see NewMemo.
type Memo struct {
	f      func(string) string
	max    int64
	m      sync.Map // string → string
	stored atomic.Int64
}

// NewMemo returns a memo of f that keeps at most max results.
func NewMemo(max int, f func(string) string) *Memo {
	return &Memo{f: f, max: int64(max)}
}

// Get returns f(key), computing it on the first request only while the
// memo has room.
func (m *Memo) Get(key string) string {
	if v, ok := m.m.Load(key); ok {
		return v.(string)
	}
	out := m.f(key)
	if m.stored.Load() < m.max {
		// Clones: the memo must never pin an article's text.
		if _, loaded := m.m.LoadOrStore(strings.Clone(key), strings.Clone(out)); !loaded {
			m.stored.Add(1)
		}
	}
	return out
}

// Reset forgets every result (for benchmarks of the cold path).
func (m *Memo) Reset() {
	m.m.Clear()
	m.stored.Store(0)
}
