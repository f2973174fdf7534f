package quote

import (
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

// TestFindIndirectPatterns covers reported speech and speaker phrases
// read for PolNeAR's attributions: counted speakers, two statements joined
// by a conjunction, relative and participle phrases around a speaker,
// relative pronouns as speakers, verbs of view and stance that need a plain
// speaker, and quotation marks set off by a space.
func TestFindIndirectPatterns(t *testing.T) {
	cases := []findCase{
		{"closing straight mark after a space", `"We will win this district, " Dana Ortiz said.`,
			[]want{{"Dana Ortiz", "said", "We will win this district", true, false}}},
		{"pronoun after the cue opens the clause", "Mara Velt, director of the Lakeside Trust, said he expects Ames, Brill and Cole to win.",
			[]want{{"Mara Velt, director of the Lakeside Trust", "said", "he expects Ames, Brill and Cole to win", false, false}}},
		{"two statements joined by while", "Sixty percent said they would vote early, while 30 percent said they would stay home.",
			[]want{
				{"Sixty percent", "said", "they would vote early", false, false},
				{"30 percent", "said", "they would stay home", false, false}}},
		{"counted speaker", "Two in three said they would move.",
			[]want{{"Two in three", "said", "they would move", false, false}}},
		{"relative clause holding commas", "Tom Reyes, who moved to Austin, Texas, last year, said the rent had doubled.",
			[]want{{"Tom Reyes, who moved to Austin, Texas, last year", "said", "the rent had doubled", false, false}}},
		{"participle phrase is no part of the speaker", "Ana Lind, speaking at a rally in Dover, said the plan would fail.",
			[]want{{"Ana Lind", "said", "the plan would fail", false, false}}},
		{"relative pronoun after a clause", "Turnout rose among the voters who said the economy was their top concern.",
			[]want{{"who", "said", "the economy was their top concern", false, false}}},
		{"cue after a quotation's comma inside the clause", "Those who stay home on ''rainy days,'' she said, rarely vote at all.",
			[]want{{"she", "said", "Those who stay home on ''rainy days … rarely vote at all", false, false}}},
		{"view with a plain speaker", "She sees the new tax as a burden on families.",
			[]want{{"She", "sees", "the new tax as a burden on families", false, false}}},
		{"view verb without a speaker", "The city saw a steep rise in rents.", nil},
		{"stance verb after a possessive is a noun", "Ms. Ortiz's emails angered the board.", nil},
		{"bare form after a determiner is a noun", "Dr. Pike held up a sign saying the clinic would close.",
			[]want{{"a sign", "saying", "the clinic would close", false, false}}},
	}
	checkFind(t, cases)
}

// TestQuantifiedSpeakerKeepsItsNoun checks that a speaker the tagger ends
// at a quantifier gets its noun: "some reports", not "some".
func TestQuantifiedSpeakerKeepsItsNoun(t *testing.T) {
	a := &crosscheck.Article{ID: "a", Language: "en", Text: text.Prepare("However, some reports point to confusion regarding the exact status of every released prisoner, emphasizing the chaotic and often opaque nature of political negotiations in Dravonia.")}
	text.Analyze(a)
	found := false
	for _, at := range Find(a) {
		if strings.Contains(at.Text(a), "opaque nature") {
			found = true
			if got := a.Slice(at.Name); got != "some reports" {
				t.Errorf("speaker %q, want %q", got, "some reports")
			}
		}
	}
	if !found {
		t.Fatalf("no attribution of the participle's content: %+v", Find(a))
	}
}

// TestSpeakerWithoutTrailingAdverb checks that an adverb between the
// speaker and the cue is not part of the speaker.
func TestSpeakerWithoutTrailingAdverb(t *testing.T) {
	for _, s := range []string{
		"Mr. Rubio defiantly insisted that the president knew exactly what he was doing.",
		"Critics in both parties quickly said that the plan would fail.",
	} {
		a := &crosscheck.Article{ID: "a", Language: "en", Text: text.Prepare(s)}
		text.Analyze(a)
		ats := Find(a)
		if len(ats) == 0 {
			t.Errorf("%q: no attribution", s)
			continue
		}
		if got := a.Slice(ats[0].Name); strings.HasSuffix(got, "ly") {
			t.Errorf("%q: speaker %q", s, got)
		}
	}
}
