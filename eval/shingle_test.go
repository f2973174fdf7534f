package eval

import (
	"math"
	"testing"
)

func TestShingleScore(t *testing.T) {
	truth := "The quick brown fox jumps over the lazy dog."
	cases := []struct {
		name string
		pred string
		p, r float64
	}{
		{"identical", truth, 1, 1},
		{"case and punctuation ignored", "the QUICK brown fox, jumps over the lazy dog", 1, 1},
		{"empty prediction", "", 0, 0},
		// 6 shingles in truth; prediction keeps the first 5 tokens: 2 shingles, both right.
		{"prefix", "The quick brown fox jumps", 1, 2.0 / 6},
		// prediction adds 5 tokens of noise after: 14 tokens, 11 shingles, 6 right.
		{"extra", truth + " Subscribe to our newsletter now", 6.0 / 11, 1},
	}
	for _, c := range cases {
		p, r := ShingleScore(c.pred, truth)
		if math.Abs(p-c.p) > 1e-9 || math.Abs(r-c.r) > 1e-9 {
			t.Errorf("%s: got p=%.3f r=%.3f, want p=%.3f r=%.3f", c.name, p, r, c.p, c.r)
		}
	}
}

func TestWordTokensUnicode(t *testing.T) {
	got := wordTokens("Łukaszenka’s 1,100 — naïve_x!")
	want := []string{"łukaszenka", "s", "1", "100", "naïve_x"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}
