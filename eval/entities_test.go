package eval

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/entity"
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

func TestIdentityChain(t *testing.T) {
	for chain, want := range map[string]bool{
		"0_USA_Trump_ACTOR":         true,
		"0_USA_COUNTRY":             true,
		"3_USA_Democrats_GROUP":     true,
		"4_IRN_nuclear_deal_OBJECT": true,
		"5_GBR_GBR-Misc_Khan_ACTOR": true,
		"8_USA_USA-I_ACTOR-I":       false,
		"5_GBR_GBR-Misc_ACTOR-I":    false,
		"1_USA_USA-Misc_ACTOR-I":    false,
		"0_Trip_to_PRK_ACTION":      false,
		"0_Denuclearization_MISC":   false,
		"1_RUS_interference_EVENT":  false,
	} {
		if got := identityChain(chain); got != want {
			t.Errorf("identityChain(%q) = %v, want %v", chain, got, want)
		}
	}
	if !devTopic("4") || devTopic("5") || devTopic("x") {
		t.Error("devTopic: want topics 0-4 only")
	}
}

func TestEvalEntitiesNewsWCL50(t *testing.T) {
	if _, err := os.Stat("../../shared/data/newswcl50/NewsWCL50.conll"); err != nil {
		t.Skip("../../shared/data/newswcl50 not present: NewsWCL50 entity evaluation skipped")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	for _, dir := range []string{"../../shared/data", "../../shared/data/newswcl50"} {
		var buf bytes.Buffer
		ev, err := EvalEntities(&buf, EntityEvalConfig{DataDir: dir})
		if err != nil {
			t.Fatal(err)
		}
		out := strings.TrimSpace(buf.String())
		t.Log(out)
		s := ev.Identity.All
		if s.Mentions < 1000 || s.BCubedF <= 0 || s.NameRecall <= 0 {
			t.Errorf("implausible score: %+v", s)
		}
		if ev.AllChains.All.Mentions <= s.Mentions || ev.Identity.Dev.Mentions+ev.Identity.Test.Mentions != s.Mentions {
			t.Errorf("scopes and splits do not add up: %+v", ev)
		}
		lines := strings.Split(out, "\n")
		if last := lines[len(lines)-1]; !strings.HasPrefix(last, "entities bcubed_f1=") || !strings.Contains(last, "name_recall=") {
			t.Errorf("last line %q", last)
		}
	}
	if _, err := EvalEntities(io.Discard, EntityEvalConfig{DataDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "NewsWCL50.conll") {
		t.Errorf("missing data: err = %v, want one naming the file", err)
	}
}

func TestRoleOwner(t *testing.T) {
	txt := "Japanese Prime Minister Taro Sato met Ana Lind, the Swedish envoy, on Monday."
	span := func(s string) crosscheck.Span {
		i := strings.Index(txt, s)
		return crosscheck.Span{Start: i, End: i + len(s)}
	}
	sato, lind := span("Taro Sato"), span("Ana Lind")
	fs := []entity.Found{
		{Span: sato, Text: "Taro Sato", Roles: []entity.FoundRole{{Role: "Japanese Prime Minister", Evidence: crosscheck.Span{Start: 0, End: sato.End}}}},
		{Span: lind, Text: "Ana Lind", Roles: []entity.FoundRole{{Role: "Swedish envoy", Evidence: crosscheck.Span{Start: lind.Start, End: span("envoy").End}}}},
	}
	if got := roleOwner(txt, fs, span("Japanese Prime Minister")); got != 0 {
		t.Errorf("title before the name: owner %d, want 0", got)
	}
	if got := roleOwner(txt, fs, span("Japanese")); got != 0 {
		t.Errorf("part of the title: owner %d, want 0", got)
	}
	// An apposition's role text does not open its evidence: no owner, and
	// neither for text no role covers.
	if got := roleOwner(txt, fs, span("Swedish")); got != -1 {
		t.Errorf("apposition: owner %d, want -1", got)
	}
	if got := roleOwner(txt, fs, span("Monday")); got != -1 {
		t.Errorf("uncovered text: owner %d, want -1", got)
	}
}
