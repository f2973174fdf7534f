package finding

import (
	"testing"

	"github.com/crosscheck-news/crosscheck/claim"
)

// TestEveryClassLabelled checks that every predicate class the claim stage
// gives a count has a readable slot label, so that no slot is named by
// stray context words ("number of people (period maria)").
func TestEveryClassLabelled(t *testing.T) {
	for _, c := range claim.CountClasses() {
		if classLabels[c] == "" {
			t.Errorf("predicate class %q has no label in classLabels", c)
		}
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{"ferry": "ferries", "boat": "boats", "bus": "buses", "day": "days", "church": "churches", "box": "boxes"} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
}
