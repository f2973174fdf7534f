package eval

import (
	"os"
	"testing"
)

const scrapinghubDir = "../../shared/data/scrapinghub"

// TestExtractPlain runs the plain-text path over the scrapinghub dumps and
// reports the development half (ids sorting first), the check half and the
// whole set. The floor is the raw dump's score: the pass must do better than
// keeping everything.
func TestExtractPlain(t *testing.T) {
	if _, err := os.Stat(scrapinghubDir); err != nil {
		t.Skipf("scrapinghub data not found at %s: %v", scrapinghubDir, err)
	}
	if testing.Short() {
		t.Skip("scores 181 pages; skipped with -short")
	}
	halves := []struct {
		name string
		keep func(i, n int) bool
	}{
		{"first half", func(i, n int) bool { return i < n/2 }},
		{"second half", func(i, n int) bool { return i >= n/2 }},
		{"all", func(int, int) bool { return true }},
	}
	for _, h := range halves {
		s, err := extractPlainPages(scrapinghubDir, nil, h.keep)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %s", h.name, s)
		if s.F1() < 0.70 {
			t.Errorf("%s: plain f1 %.4f is below the raw dump's 0.665 plus a margin", h.name, s.F1())
		}
	}
}
