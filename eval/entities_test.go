package eval

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestIsNameMention(t *testing.T) {
	for _, c := range []struct {
		words []string
		want  bool
	}{
		{[]string{"Mr.", "Trump"}, true},
		{[]string{"the", "United", "States"}, true},
		{[]string{"North", "and", "South", "Korea"}, true},
		{[]string{"he"}, false},
		{[]string{"the", "president"}, false},
		{[]string{"President"}, false},
		{[]string{"Mr.", "Trump", "'s", "campaign"}, false},
		{[]string{"He"}, false},
	} {
		if got := isNameMention(c.words); got != c.want {
			t.Errorf("isNameMention(%q) = %v, want %v", c.words, got, c.want)
		}
	}
}

func TestBCubedMUC(t *testing.T) {
	gold := []string{"a", "a", "a", "b", "b"}
	if p, r, f := bcubed(gold, gold); p != 1 || r != 1 || f != 1 {
		t.Errorf("identical clustering: %v %v %v", p, r, f)
	}
	pred := []string{"x", "x", "y", "z", "z"}
	p, r, _ := bcubed(pred, gold)
	if p != 1 || r >= 1 {
		t.Errorf("split clustering: p=%v r=%v, want p=1 r<1", p, r)
	}
	mp, mr, _ := muc(pred, gold)
	if mp != 1 || mr != 2.0/3.0 {
		t.Errorf("muc p=%v r=%v, want 1 and 2/3", mp, mr)
	}
}

func TestEvalEntitiesNewsWCL50(t *testing.T) {
	if _, err := os.Stat("../../shared/data/newswcl50/NewsWCL50.conll"); err != nil {
		t.Skip("../../shared/data/newswcl50 not present: NewsWCL50 entity evaluation skipped")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	var buf bytes.Buffer
	s, err := EvalEntities(&buf, "../../shared/data")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(strings.TrimSpace(buf.String()))
	if s.Mentions < 1000 || s.BCubedF <= 0 || s.NameRecall <= 0 {
		t.Errorf("implausible score: %+v", s)
	}
}
