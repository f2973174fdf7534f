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
//
// Lookups read an immutable map through an atomic pointer, without a lock:
// a plain map lookup is several times cheaper than a sync.Map's, and nearly
// every lookup is a hit once the vocabulary is in. New results go to a
// map under a mutex, merged into a new snapshot when they reach a quarter
// of it, so that copying costs a constant amount per result.
type Memo struct {
	f   func(string) string
	max int64
	// stored counts the results kept, by this memo or by every memo that
	// shares its bound (see newMemos).
	stored *atomic.Int64

	read atomic.Pointer[map[string]string] // never written once stored

	mu    sync.Mutex
	dirty map[string]string // results not yet in read
}

// minMerge is the fewest new results merged into a new snapshot.
const minMerge = 64

// NewMemo returns a memo of f that keeps at most max results.
func NewMemo(max int, f func(string) string) *Memo {
	return &Memo{f: f, max: int64(max), stored: new(atomic.Int64)}
}

// newMemos returns a memo for each key of fs that together keep at most
// max results: one memo per language instead of one keyed by language and
// word, whose key would be a new string on every lookup.
func newMemos(max int, fs map[string]func(string) string) map[string]*Memo {
	stored := new(atomic.Int64)
	out := make(map[string]*Memo, len(fs))
	for k, f := range fs {
		out[k] = &Memo{f: f, max: int64(max), stored: stored}
	}
	return out
}

// Get returns f(key), computing it on the first request only while the
// memo has room.
func (m *Memo) Get(key string) string {
	if r := m.read.Load(); r != nil {
		if v, ok := (*r)[key]; ok {
			return v
		}
	}
	m.mu.Lock()
	v, ok := m.dirty[key]
	m.mu.Unlock()
	if ok {
		return v
	}
	out := m.f(key)
	if m.stored.Load() < m.max {
		m.store(key, out)
	}
	return out
}

// store keeps f(key) unless another goroutine already has.
func (m *Memo) store(key, out string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	// read changes only under mu: what it holds now is final.
	var read map[string]string
	if r := m.read.Load(); r != nil {
		read = *r
	}
	if _, ok := read[key]; ok {
		return
	}
	if _, ok := m.dirty[key]; ok {
		return
	}
	if m.dirty == nil {
		m.dirty = make(map[string]string)
	}
	// Clones: the memo must never pin an article's text.
	m.dirty[strings.Clone(key)] = strings.Clone(out)
	// Merged at a quarter of the snapshot, or when the bound is reached
	// and no more results will come to merge them with.
	if m.stored.Add(1) < m.max && len(m.dirty) < max(minMerge, len(read)/4) {
		return
	}
	next := make(map[string]string, len(read)+len(m.dirty))
	for k, v := range read {
		next[k] = v
	}
	for k, v := range m.dirty {
		next[k] = v
	}
	m.read.Store(&next)
	// Readers reach dirty only under mu, so it can be reused.
	clear(m.dirty)
}

// Reset forgets every result (for benchmarks of the cold path). A memo
// that shares its bound (newMemos) is reset with all the others: see
// resetStemCache.
func (m *Memo) Reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.read.Store(nil)
	m.dirty = nil
	m.stored.Store(0)
}
