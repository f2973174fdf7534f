package claim

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

func article(body string, pub *time.Time) *crosscheck.Article {
	a := &crosscheck.Article{ID: "a1", Text: text.Prepare(body), Language: "en", Published: pub}
	text.Analyze(a)
	return a
}

func TestParseNumber(t *testing.T) {
	for _, tc := range []struct {
		in     string
		lo, hi float64
		ok     bool
	}{
		{"1,100", 1100, 1100, true}, {"3.5", 3.5, 3.5, true}, {"thirty-one", 31, 31, true},
		{"twelve", 12, 12, true}, {"hundreds", 200, 999, true}, {"dozens", 24, 144, true},
		{"1,10", 0, 0, false}, {"forty-ten", 0, 0, false}, {"", 0, 0, false}, {"abc", 0, 0, false},
	} {
		lo, hi, ok := ParseNumber(tc.in)
		if ok != tc.ok || ok && (lo != tc.lo || hi != tc.hi) {
			t.Errorf("ParseNumber(%q) = %g, %g, %v; want %g, %g, %v", tc.in, lo, hi, ok, tc.lo, tc.hi, tc.ok)
		}
	}
}

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"10:30 p.m.", 22*3600 + 1800, true}, {"1 a.m.", 3600, true}, {"12 a.m.", 0, true}, {"20:00", 20 * 3600, true},
		{"noon", 12 * 3600, true}, {"13 p.m.", 0, false}, {"7", 0, false}, {"25:00", 0, false},
	} {
		got, ok := ParseClock(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("ParseClock(%q) = %g, %v; want %g, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestQuantities(t *testing.T) {
	pub := time.Date(2026, 5, 13, 12, 0, 0, 0, time.UTC)
	a := article("At least 12 people died and nine were missing.\nThe ferry, carrying 93 people, sank about two kilometres from the port.\nDivers found three more bodies.\nOver 1,100 political prisoners remain behind bars.\nIt overturned at about 10:30 p.m. on Tuesday.", &pub)
	cs := Extract(a, nil)
	find := func(class, dim string) *Claim {
		for i := range cs {
			if cs[i].Class == class && cs[i].Dim == dim {
				return &cs[i]
			}
		}
		return nil
	}
	check := func(class, dim string, lo, hi float64) {
		t.Helper()
		c := find(class, dim)
		if c == nil {
			t.Fatalf("no %s %s claim in %+v", class, dim, cs)
		}
		if c.Lo != lo || c.Hi != hi {
			t.Errorf("%s %s = [%g,%g], want [%g,%g] (%q)", class, dim, c.Lo, c.Hi, lo, hi, c.Text)
		}
		if a.Slice(c.Span) != c.Text || c.Evidence.Start > c.Span.Start || c.Evidence.End < c.Span.End {
			t.Errorf("%s: span %v / evidence %v do not hold %q", class, c.Span, c.Evidence, c.Text)
		}
	}
	check("dead", "count:person", 12, math.Inf(1))
	check("missing", "count:person", 9, 9)
	check("aboard", "count:person", 93, 93)
	check("held", "count:person", 1100, math.Inf(1))
	tue := float64(time.Date(2026, 5, 12, 22, 30, 0, 0, time.UTC).Unix())
	check("capsize", "time", tue-20*60, tue+20*60)
	for _, c := range cs {
		if c.Dim == "count:person" && c.Lo == 3 {
			t.Errorf("\"three more bodies\" is an increment, not a count: %+v", c)
		}
		if c.Dim == "length" && (c.Lo > 2000 || c.Hi < 2000) {
			t.Errorf("about two kilometres = [%g,%g]", c.Lo, c.Hi)
		}
	}
}

// TestEnumeratedCount checks that a count of people followed by others
// listed with it adds them up, keeping the words as written.
func TestEnumeratedCount(t *testing.T) {
	for _, c := range []struct {
		text, value string
		n           float64
	}{
		{"The dead were three passengers and a deckhand, the commander said.", "three passengers and a deckhand", 4},
		{"Two soldiers and three civilians were killed in the attack.", "Two soldiers and three civilians", 5},
		{"Two soldiers and a dog were killed in the attack.", "Two soldiers", 2},
	} {
		a := article(c.text, nil)
		var got []string
		found := false
		for _, cl := range Extract(a, nil) {
			got = append(got, fmt.Sprintf("%q [%g,%g]", cl.Value, cl.Lo, cl.Hi))
			if cl.Dim == "count:person" && cl.Lo == c.n && cl.Hi == c.n && strings.HasPrefix(cl.Value, c.value) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %q = %g people; got %v", c.text, c.value, c.n, got)
		}
	}
}

func TestCompatible(t *testing.T) {
	over := &Claim{Dim: "count:person", Lo: 1100, Hi: math.Inf(1)}
	exact := &Claim{Dim: "count:person", Lo: 1100, Hi: 1100}
	hundreds := &Claim{Dim: "count:person", Lo: 200, Hi: 999}
	none := &Claim{Dim: "count:person", Lo: 0, Hi: 0}
	if !Compatible(over, exact) {
		t.Error("over 1,100 and 1,100 must be compatible")
	}
	if Compatible(over, hundreds) || Compatible(over, none) {
		t.Error("over 1,100 must contradict hundreds and none")
	}
	if Compatible(&Claim{Dim: "role:minister", Key: "minister"}, &Claim{Dim: "role:minister", Key: "deputy minister"}) {
		t.Error("a deputy minister is not the minister")
	}
}

// FuzzParsers checks that the number and clock parsers and the whole
// extractor never panic and that every claim's span lies in the text.
func FuzzParsers(f *testing.F) {
	for _, s := range []string{"1,100", "thirty-one", "10:30 p.m.", "at about 10:30 p.m. on Tuesday", "over 1,100 people died",
		"Name, 51, was held for 48 hours", "between 10 and 20 km", "$1.5 million", "hundreds of thousands", "1,,0", "99999999999999999999999"} {
		f.Add(s)
	}
	pub := time.Date(2026, 5, 13, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		if lo, hi, ok := ParseNumber(s); ok && (lo > hi || math.IsNaN(lo)) {
			t.Fatalf("ParseNumber(%q) = [%g,%g]", s, lo, hi)
		}
		if v, ok := ParseClock(s); ok && (v < 0 || v >= 86400) {
			t.Fatalf("ParseClock(%q) = %g", s, v)
		}
		a := article(s, &pub)
		for _, c := range Extract(a, nil) {
			if c.Span.Start < 0 || c.Span.End > len(a.Text) || a.Slice(c.Span) != c.Text || c.Lo > c.Hi {
				t.Fatalf("bad claim %+v in %q", c, a.Text)
			}
		}
	})
}

// TestHeldEvent checks that "held" after an event's noun is no class of
// people held, while people held still are.
func TestHeldEvent(t *testing.T) {
	pub := time.Date(2025, 12, 14, 12, 0, 0, 0, time.UTC)
	a := article("The council refused to recognise the result of elections held five years ago.\nForty activists were held in the capital.", &pub)
	heldCount := false
	for _, c := range Extract(a, nil) {
		if c.Class == "held" && strings.Contains(c.Text, "five years") {
			t.Errorf("elections held five years ago read as people held: %+v", c)
		}
		if c.Class == "held" && c.Dim == "count:person" && c.Lo == 40 {
			heldCount = true
		}
	}
	if !heldCount {
		t.Errorf("40 activists held not read: %+v", Extract(a, nil))
	}
}

// TestDurationTakesItsOwnVerb checks that "for three decades" is not the
// duration of a verb after it, nor of one before its relative clause, and
// that "detained …, 51, for 48 hours" still is the detention's.
func TestDurationTakesItsOwnVerb(t *testing.T) {
	checkClasses(t, nil, "duration", func(c Claim) bool { return c.Dim == "duration" }, []classCase{
		{"The town was in mourning on Wednesday after the ferry that has been its lifeline for more than three decades capsized on the lake.", ""},
		{"Police detained the ferry's captain, Ivo Tal, 51, for 48 hours on suspicion of breaching safety rules.", "held"},
	})
}

// classCase is a sentence and the class its claim of interest must have.
type classCase struct{ text, class string }

// checkClasses extracts each case's claims (published at pub) and checks
// the class of those that pick selects; each case must have one.
func checkClasses(t *testing.T, pub *time.Time, what string, pick func(Claim) bool, cases []classCase) {
	t.Helper()
	for _, c := range cases {
		found := false
		for _, cl := range Extract(article(c.text, pub), nil) {
			if pick(cl) {
				found = true
				if cl.Class != c.class {
					t.Errorf("%q: %s %q has class %q, want %q", c.text, what, cl.Value, cl.Class, c.class)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s read", c.text, what)
		}
	}
}

// TestCountNounClassAndTransitiveLost checks that a count whose own noun
// is a class word takes that class ("Two dead, 16 injured"), and that
// "lost" with an object is no one missing.
func TestCountNounClassAndTransitiveLost(t *testing.T) {
	got := map[string]string{}
	for _, c := range Extract(article("Two dead, 16 injured in nightclub shooting. Nine people were feared lost. The senator lost that district 68%-31%. "+
		"The state had lost 350,000 jobs. She held a 214-delegate lead. Police held 40 activists.", nil), nil) {
		got[c.Value] = c.Class
	}
	for _, c := range Extract(article("The department released 22 emails. He held more than 100 town halls. Police held 30 supporters.", nil), nil) {
		got[c.Value] = c.Class
	}
	for v, class := range map[string]string{"Two dead": "dead", "16 people": "injured", "Nine people": "missing", "68%": "", "350,000 jobs": "", "40 activists": "held",
		"22 emails": "", "more than 100 town halls": "", "30 supporters": "held"} {
		if c, ok := got[v]; !ok || c != class {
			t.Errorf("%q: class %q (read: %v), want %q", v, c, ok, class)
		}
	}
}

// TestTimeTakesItsClauseVerb checks that a time at the end of a long clause
// gets the class of the clause's verb, and not one across a clause
// boundary.
func TestTimeTakesItsClauseVerb(t *testing.T) {
	pub := time.Date(2026, 3, 23, 11, 0, 0, 0, time.UTC)
	checkClasses(t, &pub, "time", func(c Claim) bool { return c.Kind == KindTime && c.Value != "on Friday" }, []classCase{
		{"The boat hit a tree trunk and overturned about a kilometre below the town's old wooden pier at around 3 p.m.", "capsize"},
		{"The boat overturned near the pier, and the town council met in the old hall at around 3 p.m.", ""},
		// A second predicate of the subject is not said of the time.
		{"The writer, who founded the magazine, was awarded the national prize in 2022 and was serving a 10-year sentence.", ""},
		// Nor is the main clause's verb, past a parenthesis that holds the time.
		{"Marta Vell, celebrated for her leadership during the protests in 2020 against the governor, was also freed on Friday.", ""},
		// ", when" says what happened at that time.
		{"The disaster is the deadliest on the lake since 2014, when 23 people died after a boat sank.", "dead"},
		// A time that opens the sentence says when its verb happened.
		{"On Tuesday at 3 p.m., 31 people were rescued from the water.", "rescued"},
	})
}

// TestLabelWordsNearest checks that the words kept for a claim's label are
// the nearest ones, in the sentence's order.
func TestLabelWordsNearest(t *testing.T) {
	a := article("Divers resumed the search at first light, with wind gusts still reaching 70 kilometres per hour.", nil)
	for _, c := range Extract(a, nil) {
		if c.Dim == "speed" {
			if got := strings.Join(c.Words, " "); got != "wind gusts reaching" {
				t.Errorf("label words %q, want %q", got, "wind gusts reaching")
			}
			return
		}
	}
	t.Fatal("no speed read")
}

// TestLabelWordsInClause checks that a label does not take words from the
// next predicate.
func TestLabelWordsInClause(t *testing.T) {
	a := article("The writer was awarded the national book prize in 2022 and was serving a sentence.", nil)
	for _, c := range Extract(a, nil) {
		if c.Kind == KindTime {
			if got := strings.Join(c.Words, " "); got != "national book prize" {
				t.Errorf("label words %q, want %q", got, "national book prize")
			}
			return
		}
	}
	t.Fatal("no time read")
}
