package entity

import (
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

// entityAt returns the entity holding the mention of article a that starts
// at the n-th occurrence (0-based) of s in the article's text, or nil.
func entityAt(t *testing.T, ents []crosscheck.Entity, a *crosscheck.Article, s string, n int) *crosscheck.Entity {
	t.Helper()
	at := -1
	for i, from := 0, 0; i <= n; i++ {
		k := indexFrom(a.Text, s, from)
		if k < 0 {
			t.Fatalf("%q occurrence %d not in %q", s, n, a.Text)
		}
		at, from = k, k+1
	}
	for i := range ents {
		for _, m := range ents[i].Mentions {
			if m.Article == a.ID && m.Start == at && m.Text == s {
				return &ents[i]
			}
		}
	}
	return nil
}

func indexFrom(s, sub string, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestCompassWordNamesItsCountry(t *testing.T) {
	a := article("a", "North Korea and South Korea held talks. The North said it wanted peace, and the South agreed. "+
		"Officials said North and South Korea would meet again. The North side of the border was quiet.")
	ents := Story([]*crosscheck.Article{a})
	nk, sk := entityOf(ents, "North Korea"), entityOf(ents, "South Korea")
	if nk == nil || sk == nil || nk.ID == sk.ID {
		t.Fatalf("countries: %+v %+v", nk, sk)
	}
	if e := entityAt(t, ents, a, "North", 1); e == nil || e.ID != nk.ID {
		t.Errorf("\"The North\" is not North Korea: %+v", e)
	}
	if e := entityAt(t, ents, a, "South", 1); e == nil || e.ID != sk.ID {
		t.Errorf("\"the South\" is not South Korea: %+v", e)
	}
	if e := entityAt(t, ents, a, "North", 2); e == nil || e.ID != nk.ID {
		t.Errorf("\"North and South Korea\": North is not North Korea: %+v", e)
	}
	if e := entityAt(t, ents, a, "North", 3); e != nil && e.ID == nk.ID {
		t.Errorf("\"The North side\" taken for North Korea")
	}

	// Two countries with "South" in their names: the word stays itself.
	b := article("b", "South Korea and South Africa signed nothing. The South said little.")
	ents = Story([]*crosscheck.Article{b})
	if e := entityAt(t, ents, b, "South", 2); e != nil && (e.Name == "South Korea" || e.Name == "South Africa") {
		t.Errorf("ambiguous \"The South\" resolved to %q", e.Name)
	}
}

func TestHyphenatedPairSplits(t *testing.T) {
	a := article("a", "Tomas Varga met Ilona Lindqvist in Vienna. The Varga-Lindqvist summit lasted two hours. "+
		"Jean-Claude Morvan, a Washington-based analyst, said Varga and Lindqvist agreed.")
	fs := Find(a)
	if len(byText(fs, "Varga-Lindqvist")) > 0 {
		t.Fatalf("pair kept whole: %+v", fs)
	}
	v, l := byText(fs, "Varga"), byText(fs, "Lindqvist")
	tv, il := byText(fs, "Tomas Varga"), byText(fs, "Ilona Lindqvist")
	if len(v) < 2 || len(l) < 2 || len(tv) != 1 || len(il) != 1 {
		t.Fatalf("mentions: %+v", fs)
	}
	if v[0].Local != tv[0].Local || l[0].Local != il[0].Local || v[0].Local == l[0].Local {
		t.Errorf("pair parts not linked to their people: %+v", fs)
	}
	if got := byText(fs, "Jean-Claude Morvan"); len(got) != 1 {
		t.Errorf("double-barrelled given name split: %+v", fs)
	}
	if got := byText(fs, "Washington"); len(got) > 0 {
		t.Errorf("Washington-based split: %+v", got)
	}
}

func TestGenderKeepsNamesakesApart(t *testing.T) {
	// In one article: "Mrs. Halden" after "Mr. Halden" is the wife.
	a := article("a", "President Tomas Halden and his wife, Ilse Halden, the first lady, arrived. "+
		"Mr. Halden spoke first. Later Mrs. Halden visited a school. Halden left on Friday.")
	fs := Find(a)
	th, ih := byText(fs, "Tomas Halden"), byText(fs, "Ilse Halden")
	if len(th) != 1 || len(ih) != 1 || th[0].Local == ih[0].Local {
		t.Fatalf("two people: %+v", fs)
	}
	short := byText(fs, "Halden")
	if len(short) != 3 {
		t.Fatalf("Halden: %+v", short)
	}
	if short[0].Gender != GenderMale || short[1].Gender != GenderFemale {
		t.Errorf("genders %q %q, want male female", short[0].Gender, short[1].Gender)
	}
	if short[1].Local != ih[0].Local {
		t.Errorf("\"Mrs. Halden\" not linked to Ilse Halden: %+v", short[1])
	}
	if short[0].Local == ih[0].Local {
		t.Errorf("\"Mr. Halden\" linked to Ilse Halden")
	}

	// Across articles: a lone "Ms. Halden" joins the woman of the story
	// whose titles say so, not the man named far more often.
	b := article("b", "Ms. Halden opened the exhibition on Sunday.")
	c := article("c", "Mr. Halden arrived. Mr. Halden spoke. Mr. Halden left. Mr. Halden returned. Mr. Halden thanked the crowd.")
	ents := Story([]*crosscheck.Article{a, b, c})
	ilse, tomas := entityOf(ents, "Ilse Halden"), entityOf(ents, "Tomas Halden")
	if ilse == nil || tomas == nil || ilse.ID == tomas.ID {
		t.Fatalf("Ilse and Tomas Halden: %+v %+v", ilse, tomas)
	}
	if e := entityAt(t, ents, b, "Halden", 0); e == nil || e.ID != ilse.ID {
		t.Errorf("\"Ms. Halden\" in b: %+v", e)
	}
	if e := entityAt(t, ents, c, "Halden", 0); e != nil && e.ID == ilse.ID {
		t.Errorf("\"Mr. Halden\" in c joined Ilse Halden")
	}
}

func TestGivenNameJoinsItsOnePerson(t *testing.T) {
	a := article("a", "Donald Marsh met Kenji Ota at the lake house. \"Donald, thank you,\" Ota said.")
	b := article("b", "Marsh praised the talks. \"We had a good talk with Donald,\" an aide said.")
	ents := Story([]*crosscheck.Article{a, b})
	dm := entityOf(ents, "Donald Marsh")
	if dm == nil {
		t.Fatalf("no Donald Marsh: %+v", ents)
	}
	if e := entityAt(t, ents, a, "Donald", 1); e == nil || e.ID != dm.ID {
		t.Errorf("\"Donald\" in a (where Donald Marsh is named) not joined: %+v", e)
	}

	// A namesake with a generational suffix makes the given name ambiguous.
	c := article("c", "Donald Marsh Jr. spoke. Donald Marsh met Kenji Ota. \"Donald, thank you,\" Ota said.")
	ents = Story([]*crosscheck.Article{c})
	if e := entityAt(t, ents, c, "Donald", 2); e != nil && (e.Name == "Donald Marsh" || e.Name == "Donald Marsh Jr.") {
		t.Errorf("ambiguous \"Donald\" joined %q", e.Name)
	}
}

func TestPronounWordsAndInvariantDemonyms(t *testing.T) {
	a := article("a", "Barack Obama signed the deal. Anything Obama did was attacked. Talks with the Chinese stalled, China said. "+
		"The Chinese government declined. Secretary of State-designate Ava Lindgren arrived.")
	ents := Story([]*crosscheck.Article{a})
	ob := entityOf(ents, "Barack Obama")
	if ob == nil || entityOf(ents, "Anything Obama") != nil {
		t.Fatalf("Obama: %+v", ents)
	}
	if e := entityAt(t, ents, a, "Obama", 1); e == nil || e.ID != ob.ID || ob.Name != "Barack Obama" {
		t.Errorf("\"Anything Obama\": %+v", e)
	}
	cn := entityOf(ents, "China")
	if e := entityAt(t, ents, a, "Chinese", 0); e == nil || cn == nil || e.ID != cn.ID {
		t.Errorf("\"the Chinese\" is not China: %+v", e)
	}
	if e := entityAt(t, ents, a, "Chinese", 1); e != nil {
		t.Errorf("\"The Chinese government\" made a mention: %+v", e)
	}
	if entityOf(ents, "Ava Lindgren") == nil {
		t.Errorf("\"-designate\" title kept in the name: %+v", ents)
	}
}

// TestRegionAdjectivesNameNoEntity checks that the adjective of a region
// is no name ("the Eastern European nation", "Western isolation"), while
// its people acting are the region and a region's name in a longer name
// stays.
func TestRegionAdjectivesNameNoEntity(t *testing.T) {
	a := article("a", "Sanctions were lifted on the Eastern European nation. Years of Western isolation ended. "+
		"The Europeans welcomed the move, and the European Union agreed.")
	ents := Story([]*crosscheck.Article{a})
	for _, name := range []string{"European", "Western", "Eastern European"} {
		if e := entityOf(ents, name); e != nil {
			t.Errorf("%q is an entity: %+v", name, e)
		}
	}
	if e := entityAt(t, ents, a, "Europeans", 0); e == nil || e.Type != crosscheck.EntityPlace {
		t.Errorf("\"The Europeans\" is not a place: %+v", e)
	}
	if entityOf(ents, "European Union") == nil {
		t.Errorf("European Union lost: %+v", ents)
	}
}

// TestCapitalisedCommonWordsAndFinalLetter checks that a weak adjective
// capitalised alone ("her Opposition to the governor") is no name, and
// that a one-letter name ending a sentence does not keep the full stop.
func TestCapitalisedCommonWordsAndFinalLetter(t *testing.T) {
	a := article("a", "Mira Tal was jailed for her Opposition to Governor Ivo Brandt. "+
		"She said so in a post on X.")
	ents := Story([]*crosscheck.Article{a})
	if e := entityOf(ents, "Opposition"); e != nil {
		t.Errorf("\"Opposition\" is an entity: %+v", e)
	}
	if entityOf(ents, "X.") != nil || entityOf(ents, "X") == nil {
		t.Errorf("\"X\" at the end of a sentence: %+v", ents)
	}
}

// TestNaturalFeaturesAndCompassPoints checks that a river or lake called
// by its bare name is the feature, that the region named after it is not,
// that a sentence-initial "Lake" stays in the name though the article
// writes "lake", and that "southern X" makes X a place.
func TestNaturalFeaturesAndCompassPoints(t *testing.T) {
	a := article("a", "A boat capsized on the Serra River near Almira in southern Valdoria. "+
		"It was the first accident on the Serra since 2019.")
	b := article("b", "Lake Orlava, the country's biggest lake, froze. Mourning was declared in the Orlava region. "+
		"Ferries cross Lake Orlava daily.")
	ents := Story([]*crosscheck.Article{a, b})
	river := entityOf(ents, "Serra River")
	if e := entityAt(t, ents, a, "Serra", 1); river == nil || e == nil || e.ID != river.ID {
		t.Errorf("\"the Serra\" is not the Serra River: %+v", e)
	}
	if e := entityOf(ents, "Valdoria"); e == nil || e.Type != crosscheck.EntityPlace {
		t.Errorf("\"southern Valdoria\" is not a place: %+v", e)
	}
	lake := entityOf(ents, "Lake Orlava")
	if e := entityAt(t, ents, b, "Lake Orlava", 0); lake == nil || e == nil || e.ID != lake.ID {
		t.Errorf("sentence-initial \"Lake Orlava\": %+v", ents)
	}
	if e := entityAt(t, ents, b, "Orlava", 1); e == nil || lake == nil || e.ID == lake.ID {
		t.Errorf("\"the Orlava region\" is the lake: %+v", e)
	}
}

// TestTwoWordSurnameAlone checks that a two-word surname written alone is
// the person whose full name ends in it, named in full.
func TestTwoWordSurnameAlone(t *testing.T) {
	a := article("a", "Committee chair Debbie Ward Schultz announced her resignation.")
	b := article("b", "Ward Schultz was booed on Monday. Critics said Ward Schultz should go.")
	ents := Story([]*crosscheck.Article{a, b})
	e := entityAt(t, ents, b, "Ward Schultz", 0)
	if e == nil || e.Name != "Debbie Ward Schultz" {
		t.Errorf("\"Ward Schultz\" alone: %+v", e)
	}
}

// noNameHolding fails t for every entity whose name holds one of words.
func noNameHolding(t *testing.T, ents []crosscheck.Entity, words ...string) {
	t.Helper()
	for _, e := range ents {
		for _, w := range words {
			if strings.Contains(e.Name, w) {
				t.Errorf("a name holds %q: %+v", w, e)
			}
		}
	}
}

// TestShoutingRunsAreNoNames checks that a run of words in capitals (a
// digest's headline inside its text) makes no names, while an acronym the
// gazetteer knows keeps its capitals.
func TestShoutingRunsAreNoNames(t *testing.T) {
	a := article("a", "PARTY CHAIR DANA WELLS RESIGNS After months of criticism, the chair quit on Sunday. NATO met in Brussels.")
	ents := Story([]*crosscheck.Article{a})
	noNameHolding(t, ents, "RESIGNS", "CHAIR")
	if entityOf(ents, "NATO") == nil {
		t.Errorf("NATO lost: %+v", ents)
	}
}

// TestHeadlineWithFullStop checks that a headline in title case ending in
// a full stop makes no name of its words (nor, then, of a name inside it:
// the text names that person).
func TestHeadlineWithFullStop(t *testing.T) {
	a := article("a", "Bombshell Photo From The Debate Surfaces — Some Say It Proves Dana Wells Cheated.\n"+
		"A photo posted on Wednesday shows Dana Wells walking with her staff during a break.")
	ents := Story([]*crosscheck.Article{a})
	noNameHolding(t, ents, "Say", "Bombshell")
	if e := entityOf(ents, "Dana Wells"); e == nil {
		t.Errorf("Dana Wells: %+v", e)
	}
}

// TestRoleStopsAtVerb checks that a role written before a name does not
// take the verb before it: "help her defeat GOP nominee Ivo Brandt".
func TestRoleStopsAtVerb(t *testing.T) {
	a := article("a", "He says he will do everything he can to help her defeat GOP nominee Ivo Brandt.")
	e := entityOf(Story([]*crosscheck.Article{a}), "Ivo Brandt")
	if e == nil || len(e.Roles) != 1 || e.Roles[0].Role != "GOP nominee" {
		t.Errorf("Ivo Brandt's roles: %+v", e)
	}
}

// TestSentenceInitialKnownNameAndNonNames checks that a known place
// opening a sentence keeps its first word though the article writes it in
// lower case ("New Hampshire primary voters …", "new"), and that month
// abbreviations and contractions are no names.
func TestSentenceInitialKnownNameAndNonNames(t *testing.T) {
	a := article("a", "New Hampshire primary voters decide late, a new poll says. I'm sure of it, she said on Feb. 9 in Concord.")
	ents := Story([]*crosscheck.Article{a})
	if e := entityAt(t, ents, a, "New Hampshire", 0); e == nil || e.Name != "New Hampshire" {
		t.Errorf("sentence-initial New Hampshire: %+v", e)
	}
	b := article("b", "Democratic voters stayed home, and a Republican said so. The Democratic Party lost.")
	ents = append(ents, Story([]*crosscheck.Article{b})...)
	if entityOf(ents, "Democratic Party") == nil {
		t.Errorf("Democratic Party lost: %+v", ents)
	}
	for _, name := range []string{"Hampshire", "Feb", "I'm", "Democratic", "Republican"} {
		if e := entityOf(ents, name); e != nil {
			t.Errorf("%q is an entity: %+v", name, e)
		}
	}
}

func TestShortTokensAndAcronymsWithOf(t *testing.T) {
	// A two-letter token ("in" of Moon Jae-in) is no spelling of Youn.
	if tokenMatch("youn", "in") || !tokenMatch("yahya", "yehia") {
		t.Errorf("tokenMatch: youn/in = %v (want false), yahya/yehia = %v (want true)", tokenMatch("youn", "in"), tokenMatch("yahya", "yehia"))
	}
	a := article("a", "Moon Jae-in met aides. \"The line is good,\" said Youn Kun-young, a director. Mr. Moon smiled, and Mr. Youn said more.")
	fs := Find(a)
	mj, yk, y := byText(fs, "Moon Jae-in"), byText(fs, "Youn Kun-young"), byText(fs, "Youn")
	if len(mj) != 1 || len(yk) != 1 || len(y) != 1 || y[0].Local == mj[0].Local {
		t.Errorf("Youn linked to Moon Jae-in: %+v", fs)
	}
	for _, c := range []struct {
		acr, long string
		want      bool
	}{
		{"JCPOA", "Joint Comprehensive Plan of Action", true},
		{"DOJ", "Department of Justice", true},
		{"NATO", "North Atlantic Treaty Organization", true},
		{"EU", "European Union", true},
		{"JCPA", "Joint Comprehensive Plan of Action", true},
		{"DOJ", "Department of Energy", false},
	} {
		if got := acronymMatch(c.acr, c.long); got != c.want {
			t.Errorf("acronymMatch(%q, %q) = %v, want %v", c.acr, c.long, got, c.want)
		}
	}
}

// TestThingNamedAfterPerson checks that a name opening with a given name
// and ending in a word the article writes as a common noun ("the memos")
// is a thing, not a person.
func TestThingNamedAfterPerson(t *testing.T) {
	a := article("a", "The memos were released on Thursday. \"James Comey Memos just out,\" the president wrote. James Comey wrote the memos in 2017.")
	ents := Story([]*crosscheck.Article{a})
	if e := entityOf(ents, "James Comey Memos"); e == nil || e.Type != crosscheck.EntityOther {
		t.Errorf("James Comey Memos: %+v", e)
	}
	if e := entityOf(ents, "James Comey"); e == nil || e.Type != crosscheck.EntityPerson {
		t.Errorf("James Comey: %+v", e)
	}
}

// TestExclamationIsNoPerson checks that a name that is a whole
// exclamation ("Slava Ukraini!") is a slogan, not a person, while a
// person's name in a sentence stays a person.
func TestExclamationIsNoPerson(t *testing.T) {
	a := article("a", "\"We will never forget your solidarity. Slava Ukraini!\" she wrote. Taras Melnyk thanked the volunteers.")
	ents := Story([]*crosscheck.Article{a})
	if e := entityOf(ents, "Slava Ukraini"); e == nil || e.Type == crosscheck.EntityPerson {
		t.Errorf("Slava Ukraini: %+v", e)
	}
	if e := entityOf(ents, "Taras Melnyk"); e == nil || e.Type != crosscheck.EntityPerson {
		t.Errorf("Taras Melnyk: %+v", e)
	}
}
