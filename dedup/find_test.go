package dedup

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

func article(id, title, raw string, boiler ...string) *crosscheck.Article {
	a := &crosscheck.Article{ID: id, Title: title, Text: text.Prepare(raw), Language: "en"}
	for _, b := range boiler {
		a.Boilerplate = append(a.Boilerplate, crosscheck.Removed{Text: b, Reason: "test"})
	}
	text.Analyze(a)
	return a
}

const wireOriginal = `LISBON, March 3 (AFP) — Flood water tore through the town of Marvale on Tuesday after the Cardosa dam gave way, killing at least 14 people and forcing 2,300 residents from their homes, regional officials said.
The dam, built in 1962 to supply water to farms in the valley, collapsed shortly after 4 am following three days of heavy rain, the regional civil protection agency said in a statement.
Rescue teams using boats and two helicopters pulled 87 people from rooftops and flooded cars during the morning, according to the agency.
"We have never seen water rise this fast. Whole streets disappeared in minutes," said Marvale mayor Ines Calado, who was among those evacuated.
Interior minister Rui Pestana said an investigation would examine whether maintenance work on the dam had been delayed, as residents had complained for years.
Engineers had warned in a 2019 report that cracks in the dam wall needed urgent repair, according to documents seen by local media.
The government declared a state of emergency in the district and promised 40 million euros in aid for families who lost their homes.
Forecasters expect more rain later in the week, and authorities have asked people living downstream to stay away from the river banks.`

// near-verbatim: the same wire text with a few words changed, published by
// another outlet.
const nearCopy = `LISBON, March 3 (AFP) — Flood water tore through the town of Marvale on Tuesday after the Cardosa dam gave way, killing at least 14 people and forcing 2,300 residents from their homes, regional officials said.
The dam, built in 1962 to supply water to farms in the valley, collapsed shortly after 4 am following three days of heavy rain, the regional civil protection agency said in a statement.
Rescue teams using boats and two helicopters pulled 87 people from rooftops and flooded cars during the morning, according to the agency.
"We have never seen water rise this fast. Whole streets disappeared in minutes," said Marvale mayor Ines Calado, who was among those evacuated.
Interior minister Rui Pestana said an inquiry would examine whether maintenance work on the dam had been delayed, as residents had complained for years.
Engineers had warned in a 2019 report that cracks in the dam wall needed urgent repair, according to documents seen by local media.
The government declared a state of emergency in the district and promised 40 million euros in aid for families who lost their homes.
Forecasters expect more rain later in the week, and authorities have asked people living downstream to stay away from the river.`

// a paraphrased rewrite of the wire story, with a credit line.
const rewrite = `At least 14 people were killed on Tuesday when the Cardosa dam burst and flood water swept through the town of Marvale, forcing some 2,300 residents to leave their homes.
The reservoir wall, which was built in 1962 to irrigate farms in the valley, gave way soon after 4 am after three days of torrential rain, the civil protection agency of the region said.
Using boats and two helicopters, rescuers lifted 87 people from rooftops and submerged cars through the morning, the agency added.
Mayor Ines Calado, who herself had to be evacuated, said: "We have never seen water rise this fast. Whole streets disappeared in minutes."
An investigation will look into whether maintenance of the dam had been put off, interior minister Rui Pestana said, after years of complaints from residents.
A 2019 engineering report had warned that cracks in the wall of the dam needed urgent repairs, local media reported, citing documents.
Authorities declared a state of emergency across the district and pledged 40 million euros in aid to families who lost their homes.
The disaster has renewed a debate about the state of the country's ageing water infrastructure, which experts say has been neglected for decades.`

// an independent report of the same event: same names, numbers and quote,
// its own reporting and words.
const independent = `Ines Calado had been mayor of Marvale for six years when she woke before dawn on Tuesday to the sound of sirens and a phone that would not stop ringing.
"We have never seen water rise this fast. Whole streets disappeared in minutes," she told our correspondent from a school gym now serving as a shelter.
By the afternoon the death toll stood at 14, and volunteers were handing out blankets, bread and dry clothes to families who had fled with nothing.
Farmers in the valley, many of whom depend on the Cardosa reservoir for irrigation, fear their spring planting season is lost.
Antonio Reis, 71, said he had complained to the municipality three times about water seeping through the base of the wall.
"Nobody listened. Now my son's house is gone," he said, standing in mud up to his knees outside the ruined bakery he once owned.
Opposition politicians called for interior minister Rui Pestana to resign, accusing the government of ignoring warnings about the structure.
At the shelter, children played cards on camp beds while their parents queued to register for the emergency aid the government has promised.`

func TestFindTable(t *testing.T) {
	orig := article("orig", "Dam collapse kills 14", wireOriginal)
	near := article("near", "Dam collapse kills 14 in Marvale", nearCopy, "Follow us on Facebook", "Subscribe to our newsletter")
	rw := article("rw", "Fourteen dead as dam bursts", rewrite, "With AFP inputs")
	ind := article("ind", "In Marvale, a mayor and a town in the mud", independent)
	dup := article("dup", "Dam collapse kills 14", strings.ReplaceAll(wireOriginal, "—", "-"))

	type want struct {
		copy, of string
		kind     crosscheck.DerivationKind
		credit   string
	}
	cases := []struct {
		name string
		arts []*crosscheck.Article
		want []want
	}{
		{"near copy with other boilerplate", []*crosscheck.Article{orig, near}, []want{{"near", "orig", crosscheck.DerivationNearDuplicate, "AFP"}}},
		{"exact duplicate up to punctuation", []*crosscheck.Article{orig, dup}, []want{{"dup", "orig", crosscheck.DerivationDuplicate, "AFP"}}},
		{"rewrite with credit line, given first", []*crosscheck.Article{rw, orig}, []want{{"rw", "orig", crosscheck.DerivationRewrite, "AFP"}}},
		{"independent report sharing quote and names", []*crosscheck.Article{orig, ind}, nil},
		{"independent vs rewrite", []*crosscheck.Article{ind, rw}, nil},
		{"all together", []*crosscheck.Article{ind, rw, orig, near}, []want{
			{"near", "orig", crosscheck.DerivationNearDuplicate, "AFP"},
			{"rw", "orig", crosscheck.DerivationRewrite, "AFP"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Find(c.arts)
			byID := map[string]*crosscheck.Article{}
			for _, a := range c.arts {
				byID[a.ID] = a
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d derivations %+v, want %d", len(got), got, len(c.want))
			}
			for i, w := range c.want {
				d := got[i]
				if d.Copy != w.copy || d.Of != w.of || d.Kind != w.kind {
					t.Errorf("derivation %d: got %s of %s (%s), want %s of %s (%s)", i, d.Copy, d.Of, d.Kind, w.copy, w.of, w.kind)
				}
				if d.Credit == nil || *d.Credit != w.credit {
					t.Errorf("derivation %d: credit %v, want %s", i, d.Credit, w.credit)
				}
				if d.Share < 0.5 || d.Share > 1 {
					t.Errorf("derivation %d: share %.3f, want in [0.5,1]", i, d.Share)
				}
				checkEvidence(t, d, byID[d.Copy], byID[d.Of])
				t.Log(DescribeArticles(d, byID[d.Copy], byID[d.Of]))
			}
		})
	}
}

// checkEvidence requires valid, ordered spans whose two sides share words.
func checkEvidence(t *testing.T, d crosscheck.Derivation, cp, of *crosscheck.Article) {
	t.Helper()
	if len(d.Evidence) == 0 {
		t.Errorf("%s of %s: no evidence", d.Copy, d.Of)
	}
	last := -1
	for _, e := range d.Evidence {
		if e.Copy.Start < 0 || e.Copy.End > len(cp.Text) || e.Copy.Start >= e.Copy.End ||
			e.Of.Start < 0 || e.Of.End > len(of.Text) || e.Of.Start >= e.Of.End {
			t.Fatalf("%s of %s: span out of range: %+v", d.Copy, d.Of, e)
		}
		if e.Copy.Start < last {
			t.Errorf("%s of %s: evidence out of order at %+v", d.Copy, d.Of, e)
		}
		last = e.Copy.End
		a := map[string]bool{}
		for _, tk := range text.Tokenize(cp.Slice(e.Copy), "en") {
			a[tk.Stem] = true
		}
		shared := 0
		for _, tk := range text.Tokenize(of.Slice(e.Of), "en") {
			if tk.Kind == crosscheck.TokenWord && len(tk.Norm) > 3 && a[tk.Stem] {
				shared++
			}
		}
		if shared < 2 {
			t.Errorf("%s of %s: evidence %q ~ %q shares %d words", d.Copy, d.Of, cp.Slice(e.Copy), of.Slice(e.Of), shared)
		}
	}
}

func TestFindPublicationTime(t *testing.T) {
	// Without credits, the earlier article is the original.
	a := article("a", "", strings.ReplaceAll(wireOriginal, "LISBON, March 3 (AFP) — ", ""))
	b := article("b", "", strings.ReplaceAll(nearCopy, "LISBON, March 3 (AFP) — ", ""))
	t1, t2 := mustTime(t, "2024-03-03T08:00:00Z"), mustTime(t, "2024-03-03T09:30:00Z")
	a.Published, b.Published = &t2, &t1
	got := Find([]*crosscheck.Article{a, b})
	if len(got) != 1 || got[0].Copy != "a" || got[0].Of != "b" {
		t.Fatalf("got %+v, want a as the copy of the earlier b", got)
	}
	if got[0].Credit != nil {
		t.Errorf("credit %q, want none", *got[0].Credit)
	}
}

func TestDescribe(t *testing.T) {
	g := "IANS"
	d := crosscheck.Derivation{Copy: "b", Of: "a", Kind: crosscheck.DerivationRewrite, Share: 0.56, Credit: &g}
	got := Describe(d, "B title", "")
	want := `"B title" is a rewrite of a: 56% of its text follows a in order (credited to IANS).`
	if got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
}

func TestFindSmallInputs(t *testing.T) {
	if got := Find(nil); got != nil {
		t.Errorf("Find(nil) = %v", got)
	}
	empty := article("e1", "", "")
	empty2 := article("e2", "", "")
	if got := Find([]*crosscheck.Article{empty, empty2}); len(got) != 0 {
		t.Errorf("two empty articles: got %+v, want none", got)
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	x, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestFindSharesSameText checks that articles carrying another's text word
// for word, which Find prepares and aligns once per text, get the same
// derivations, pair by pair, as when each is prepared on its own: the
// copies here differ from their original only in a language tag, which
// Find does not read but which keeps crosscheck.SameText from pairing them.
func TestFindSharesSameText(t *testing.T) {
	base := planted()
	copyOf := func(a *crosscheck.Article, id, outlet string, hoursLater int) *crosscheck.Article {
		c := *a
		c.ID, c.Outlet = id, outlet
		at := mustTime(t, "2024-03-03T08:00:00Z").Add(time.Duration(hoursLater) * time.Hour)
		c.Published = &at
		return &c
	}
	// Copies before and after their originals, so that the texts of a
	// pair come in both orders.
	arts := []*crosscheck.Article{
		copyOf(base[2], "rewrite-copy", "Daily Valley", 5),
		base[0], base[1], base[2], base[3],
		copyOf(base[0], "wire-copy-1", "Evening Post", 2),
		copyOf(base[0], "wire-copy-2", "Morning Star", -1),
		copyOf(base[3], "independent-copy", "Town Crier", 3),
	}
	separate := make([]*crosscheck.Article, len(arts))
	for i, a := range arts {
		c := *a
		c.Language = fmt.Sprintf("x%d", i)
		separate[i] = &c
	}
	shared, alone := newBatch(arts), newBatch(separate)
	if slices.Equal(shared.text, alone.text) {
		t.Fatalf("no text shared: %v", shared.text)
	}
	// The IDF weights count every article's sentences, shared or not.
	if shared.v.n != alone.v.n || !slices.Equal(shared.v.df, alone.v.df) {
		t.Fatalf("sentence counts %d and %d, document frequencies differ: %t", shared.v.n, alone.v.n, !slices.Equal(shared.v.df, alone.v.df))
	}
	found := 0
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			got, gotOK := shared.derive(i, j)
			want, wantOK := alone.derive(i, j)
			if gotOK != wantOK || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s and %s: sharing the preparation of identical texts changed the result:\nshared:   %v %+v\nseparate: %v %+v", arts[i].ID, arts[j].ID, gotOK, got, wantOK, want)
			}
			if gotOK {
				found++
			}
		}
	}
	if found < 12 {
		t.Fatalf("%d derivations among the pairs: the copies were not found", found)
	}
	if got, want := Find(arts), Find(separate); !reflect.DeepEqual(got, want) {
		t.Fatalf("Find with shared texts:\n%+v\nwithout:\n%+v", got, want)
	}
}
