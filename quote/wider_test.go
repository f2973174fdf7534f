package quote

import (
	"reflect"
	"strings"
	"testing"
)

// TestFindWiderAttributions covers the attributions PolNeAR annotates
// beyond plain "X said": passives, "as X reported", long speaker phrases,
// a speaker going on with a second cue, and reported speech reported in
// turn.
func TestFindWiderAttributions(t *testing.T) {
	cases := []findCase{
		{"passive without agent", "The sale is expected to expand the company's reach.",
			[]want{{"", "is expected", "The sale … to expand the company's reach", false, false}}},
		{"passive with agent", "The plan was criticized by Senate leaders as too costly.",
			[]want{{"Senate leaders", "was criticized", "The plan … as too costly", false, false}}},
		{"as X reported", "As The Daily Caller reported, the star gave money to the Clintons.",
			[]want{{"The Daily Caller", "reported", "the star gave money to the Clintons", false, false}}},
		{"apposition holding and", "Marlon Marshall, Clinton's director of state campaigns and political engagement, said the campaign is taking nothing for granted.",
			[]want{{"Marlon Marshall, Clinton's director of state campaigns and political engagement", "said", "the campaign is taking nothing for granted", false, false}}},
		{"list of speakers", "Friends, lobbyists and former foes say that Trump is picking the right man.",
			[]want{{"Friends, lobbyists and former foes", "say", "Trump is picking the right man", false, false}}},
		{"speaker after a circumstance", "Saturday at the party convention Sen. Elizabeth Warren (D-MA) said the nominee was a failure.",
			[]want{{"Sen. Elizabeth Warren (D-MA)", "said", "the nominee was a failure", false, false}}},
		{"speaker going on", "Graham said that Carson is a decent man, and said that Trump melted down.",
			[]want{
				{"Graham", "said", "Carson is a decent man", false, false},
				{"Graham", "said", "Trump melted down", false, false}}},
		{"reported speech reported in turn", "A witness said the head of the division told employees to stay quiet, the report said.",
			[]want{
				{"the report", "said", "A witness said the head of the division told employees to stay quiet", false, false},
				{"A witness", "said", "the head of the division told employees to stay quiet", false, false}}},
		{"noun for people set off by commas", "Whatever progress Mr. Kerry has made, officials said, could easily be unraveled.",
			[]want{{"officials", "said", "Whatever progress Mr. Kerry has made … could easily be unraveled", false, false}}},
		{"inverted speaker with age and role", "“There should be tariffs,” said Ryan Leenders, 30, a member of the machinists union in Washington State.",
			[]want{{"Ryan Leenders, 30, a member of the machinists union in Washington State", "said", "There should be tariffs", true, false}}},
		{"inverted speaker with a capitalised role and a relative clause", "“We work the halls every day,” said Representative Peter Welch, Democrat of Vermont, who replaced Mr. Sanders in the House.",
			[]want{{"Representative Peter Welch, Democrat of Vermont, who replaced Mr. Sanders in the House", "said", "We work the halls every day", true, false}}},
		{"name before a cue set off by commas", "Trump, Sexton said, has created a strange zone. Sexton met Trump in May.",
			[]want{{"Sexton", "said", "Trump … has created a strange zone", false, false}}},
		{"adverb before a cue set off by commas", "Rather, he said, the struggles will coalesce support around him.",
			[]want{{"he", "said", "the struggles will coalesce support around him", false, false}}},
		{"a clause is no speaker", "Lori Bernstein held up a sign saying Jews are against Trump.",
			[]want{{"a sign", "saying", "Jews are against Trump", false, false}}},
		{"a noun is no cue", "Mrs. Clinton drew deep support among women.", nil},
		{"a name after called is no characterization", "A group of comedians is performing a play called “Los Hijos de Trump” in Mexico City.", nil},
	}
	checkFind(t, cases)
}

// TestFindCharacterizationWords checks that a characterization keeps the
// reporter's words around the quoted ones: PolNeAR counts them as what
// was said, a story quote shows only the quoted words.
func TestFindCharacterizationWords(t *testing.T) {
	a := article("Beruff, a Scott ally, called Florida’s standards “strong.”")
	got := Find(a)
	if len(got) != 1 {
		t.Fatalf("got %d attributions, want 1", len(got))
	}
	at := got[0]
	if !at.Partial || at.Text(a) != "strong." {
		t.Errorf("partial=%v text %q, want the quoted word", at.Partial, at.Text(a))
	}
	if len(at.Reported) != 1 || a.Slice(at.Reported[0]) != "Florida’s standards" {
		var rs []string
		for _, r := range at.Reported {
			rs = append(rs, a.Slice(r))
		}
		t.Errorf("reported words %q, want the object of the verb", rs)
	}
}

func TestInflect(t *testing.T) {
	cases := map[string][]string{
		"argue":             {"argue", "argues", "argued", "arguing"},
		"deny/denied":       {"deny", "denies", "denied", "denying"},
		"slam/slammed":      {"slam", "slams", "slammed", "slamming"},
		"push":              {"push", "pushes", "pushed", "pushing"},
		"echo/echoed":       {"echo", "echoes", "echoed", "echoing"},
		"see/saw,seen":      {"see", "sees", "saw", "seen", "seeing"},
		"tell/told":         {"tell", "tells", "told", "telling"},
		"criticize":         {"criticize", "criticizes", "criticized", "criticizing"},
		"testify/testified": {"testify", "testifies", "testified", "testifying"},
	}
	for in, want := range cases {
		if got := inflect(in); !reflect.DeepEqual(got, want) {
			t.Errorf("inflect(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCueListsDisjoint keeps each lemma in one kind of the speech lists:
// they are read from a map, so a lemma in two kinds would get either.
func TestCueListsDisjoint(t *testing.T) {
	for lang, kinds := range moreSpeech {
		seen := map[string]cueKind{}
		for k, list := range kinds {
			for _, e := range splitFields(list) {
				lemma, _, _ := strings.Cut(e, "/")
				if prev, ok := seen[lemma]; ok {
					t.Errorf("%s: %q listed as kind %d and %d", lang, lemma, prev, k)
				}
				seen[lemma] = k
			}
		}
	}
}
