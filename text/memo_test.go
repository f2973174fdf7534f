package text

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestMemoConcurrent has goroutines ask a small bounded memo for
// overlapping keys (run it with -race): every answer is f's, and about
// the bound is kept (goroutines that check it at once may each add one).
func TestMemoConcurrent(t *testing.T) {
	const bound, goroutines = 500, 4
	m := NewMemo(bound, strings.ToUpper)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range 3000 {
				k := fmt.Sprintf("key-%d", (i*7+g*13)%1200)
				if got := m.Get(k); got != strings.ToUpper(k) {
					t.Errorf("Get(%q) = %q", k, got)
					return
				}
			}
		})
	}
	wg.Wait()
	if n := m.stored.Load(); n > bound+goroutines || n < bound {
		t.Errorf("stored %d results, want %d to %d", n, bound, bound+goroutines)
	}
	m.Reset()
	if got := m.Get("x"); got != "X" || m.stored.Load() != 1 {
		t.Errorf("after Reset: Get = %q, stored %d", got, m.stored.Load())
	}
}

// TestStemMemosCoverStemmers checks that every base language with a
// stemmer has its memo, and no other.
func TestStemMemosCoverStemmers(t *testing.T) {
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			base := string([]rune{a, b})
			if (snowballStemmer(base) != nil) != (stemMemos[base] != nil) {
				t.Errorf("%s: stemmer %v, memo %v", base, snowballStemmer(base) != nil, stemMemos[base] != nil)
			}
		}
	}
}

// BenchmarkMemoGetWarm is the steady state of the stem memo: every word
// already remembered, looked up from all goroutines.
func BenchmarkMemoGetWarm(b *testing.B) {
	keys := make([]string, 4096)
	for i := range keys {
		keys[i] = fmt.Sprintf("word%d", i)
	}
	m := NewMemo(len(keys), strings.ToUpper)
	for _, k := range keys {
		m.Get(k)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.Get(keys[i&4095])
			i++
		}
	})
}
