package finding_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/pipeline"
	"github.com/crosscheck-news/crosscheck/text"
)

// analyzed runs the pipeline on dir and returns its articles, so the tests
// can build stories from an answer key rather than depend on clustering.
func analyzed(t *testing.T, dir string) []*crosscheck.Article {
	t.Helper()
	rep, err := pipeline.Analyze(context.Background(), []string{dir}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep.Articles
}

// storyOf analyses the given articles as one story, as the pipeline does.
func storyOf(id string, members []*crosscheck.Article) *crosscheck.Story {
	s := &crosscheck.Story{ID: id}
	for _, a := range members {
		s.Articles = append(s.Articles, a.ID)
	}
	pipeline.AnalyzeStory(s, members)
	return s
}

// storyOfBodies analyses one article per body, from outlets "Outlet 1",
// "Outlet 2", …, as one story.
func storyOfBodies(title string, published *time.Time, bodies ...string) *crosscheck.Story {
	var members []*crosscheck.Article
	for i, body := range bodies {
		a := &crosscheck.Article{ID: fmt.Sprintf("a%d", i+1), Outlet: fmt.Sprintf("Outlet %d", i+1), Language: "en", Title: title, Published: published, Text: text.Prepare(body)}
		text.Analyze(a)
		members = append(members, a)
	}
	return storyOf("s1", members)
}

// side is one value of an expected disagreement: text the evidence must
// hold, in articles whose source ends with one of files.
type side struct {
	text  string
	files []string
}

// hasSide reports whether the finding has a value whose evidence holds
// the text in each of the side's articles.
func hasSide(f crosscheck.Finding, sd side, bySource map[string]string) bool {
	for _, v := range f.Values {
		ok := true
		for _, file := range sd.files {
			id := bySource[file]
			found := false
			for _, e := range v.Evidence {
				if e.Article == id && strings.Contains(normalize(e.Text), normalize(sd.text)) {
					found = true
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func normalize(s string) string {
	r := strings.NewReplacer("’", "'", "“", "\"", "”", "\"")
	return strings.Join(strings.Fields(r.Replace(s)), " ")
}

type expected struct {
	Stories []struct {
		Files []string `json:"files"`
	} `json:"stories"`
	Conflicts []struct {
		About  string `json:"about"`
		Values []struct {
			Files []string `json:"files"`
			Text  string   `json:"text"`
		} `json:"values"`
	} `json:"conflicts"`
	Updates []struct {
		About  string `json:"about"`
		Values []struct {
			Files []string `json:"files"`
			Text  string   `json:"text"`
		} `json:"values"`
	} `json:"updates"`
}

func TestExamples(t *testing.T) {
	raw, err := os.ReadFile("../testdata/examples-expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want expected
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	arts := analyzed(t, "../examples")
	bySource := map[string]string{}
	byID := map[string]*crosscheck.Article{}
	for _, a := range arts {
		byID[a.ID] = a
		for _, st := range want.Stories {
			for _, f := range st.Files {
				if strings.HasSuffix(a.Source, "/"+f) || a.Source == f {
					bySource[f] = a.ID
				}
			}
		}
	}
	var findings []crosscheck.Finding
	for i, st := range want.Stories {
		var members []*crosscheck.Article
		for _, f := range st.Files {
			if byID[bySource[f]] == nil {
				t.Fatalf("example %s was not read", f)
			}
			members = append(members, byID[bySource[f]])
		}
		s := storyOf(string(rune('a'+i)), members)
		findings = append(findings, s.Findings...)
		if len(s.Divergence) != len(members) {
			t.Errorf("story %d: divergence for %d articles, want %d", i, len(s.Divergence), len(members))
		}
	}
	matched := map[int]bool{}
	for _, c := range want.Conflicts {
		found := false
		for i, f := range findings {
			if f.Kind != crosscheck.FindingConflict {
				continue
			}
			all := true
			for _, v := range c.Values {
				if !hasSide(f, side{v.Text, v.Files}, bySource) {
					all = false
				}
			}
			if all {
				found, matched[i] = true, true
			}
		}
		if !found {
			t.Errorf("planted conflict not found with both sides: %s", c.About)
		}
	}
	for i, f := range findings {
		if f.Kind == crosscheck.FindingConflict && !matched[i] {
			t.Errorf("conflict that was not planted: %s %+v", f.About, f.Values)
		}
	}
	for _, u := range want.Updates {
		found := false
		for _, f := range findings {
			if f.Kind != crosscheck.FindingUpdate {
				continue
			}
			// The first and the last reported figure must both be there.
			first, last := u.Values[0], u.Values[len(u.Values)-1]
			if hasSide(f, side{first.Text, first.Files}, bySource) && hasSide(f, side{last.Text, last.Files}, bySource) {
				found = true
			}
		}
		if !found {
			t.Errorf("update not found: %s", u.About)
		}
	}
}

// TestSeeds checks the five real outlets of ../shared/corpus/seeds. A
// careful reading finds these disagreements between them (written here,
// never in the engine):
//   - how many freed prisoners were handed over to Ukraine: 114 (Ukraine's
//     coordination headquarters, via 001/003: Kolesnikova "along with 113
//     other"; 004: "114 civilians") against 109 in Tikhanovskaya's own
//     words quoted by 003;
//   - how many political prisoners remain held: "more than 1,100"
//     (Tikhanovskaya, 001/003) against "hundreds" (000, 002);
//   - Lukashenko's "no political prisoners" (004) against the same "more
//     than 1,100";
//   - whose administration made the deal: "the Biden administration" (000)
//     against "the Trump administration" (004).
//
// Statements all share (123 prisoners released, Lukashenko's title) must be
// agreements.
func TestSeeds(t *testing.T) {
	dir := "../../shared/corpus/seeds"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("seed corpus not found at %s (../shared is not checked out): %v", dir, err)
	}
	arts := analyzed(t, dir)
	sort.Slice(arts, func(i, j int) bool { return arts[i].Source < arts[j].Source })
	bySource := map[string]string{}
	for _, a := range arts {
		bySource[strings.TrimSuffix(filepath.Base(a.Source), ".txt")[:3]] = a.ID
	}
	s := storyOf("seeds", arts)
	conflict := func(name string, sides ...side) {
		t.Helper()
		for _, f := range s.Findings {
			if f.Kind != crosscheck.FindingConflict {
				continue
			}
			all := true
			for _, sd := range sides {
				if !hasSide(f, sd, bySource) {
					all = false
				}
			}
			if all {
				return
			}
		}
		t.Errorf("disagreement not among the conflicts: %s", name)
	}
	conflict("handed over to Ukraine", side{"along with 113 other released prisoners", []string{"003"}}, side{"114 civilians", []string{"004"}}, side{"welcoming 109 political prisoners", []string{"003"}})
	conflict("political prisoners still held", side{"Over 1,100 political prisoners remain", []string{"001"}}, side{"hundreds of political prisoners", []string{"002"}})
	conflict("no political prisoners", side{"More than 1,100 political prisoners", []string{"003"}}, side{"no political prisoners", []string{"004"}})
	conflict("whose administration", side{"Biden administration", []string{"000"}}, side{"Trump administration", []string{"004"}})
	agreed := false
	for _, f := range s.Findings {
		if f.Kind == crosscheck.FindingConflict {
			for _, v := range f.Values {
				if strings.HasPrefix(v.Value, "123 ") {
					t.Errorf("the 123 released prisoners all outlets report are in a conflict: %+v", f)
				}
			}
		}
		if f.Kind == crosscheck.FindingAgreement && len(f.Values) == 1 && strings.HasPrefix(f.Values[0].Value, "123 ") && len(f.Values[0].Articles) >= 3 {
			agreed = true
		}
	}
	if !agreed {
		t.Error("123 released prisoners is not an agreement of at least three outlets")
	}
	n := 0
	for _, f := range s.Findings {
		if f.Kind == crosscheck.FindingConflict {
			n++
		}
	}
	if n > 5 {
		t.Errorf("%d conflicts on the seeds: too many for a reader to trust", n)
	}
}

// TestAgentSlotLabel checks that the label of a "who did it" slot reads as
// the sources wrote it: the verb and what it acted on, not their stems.
func TestAgentSlotLabel(t *testing.T) {
	s := storyOfBodies("Ferry sinks on Lake Orlava", nil,
		"Governor Marta Vorobey ordered passenger ferry services on Lake Orlava suspended on Monday after the sinking.\nRescue teams searched the lake through the night.",
		"Governor Marta Vorobey ordered passenger ferry services on the lake suspended after the ferry sank.\nDivers joined the search at dawn.")
	var labels []string
	for _, f := range s.Findings {
		labels = append(labels, f.About)
		if f.About == "who ordered passenger ferry services" {
			return
		}
	}
	t.Fatalf("no slot labelled %q among %q", "who ordered passenger ferry services", labels)
}

// TestAgentSlotOneSharedWord checks that two sources naming who did an act
// agree when they share one word of what was acted on ("freed political
// prisoners", "released prisoners"), and that one word is not enough to
// contest who did it.
func TestAgentSlotOneSharedWord(t *testing.T) {
	story := func(bodies ...string) *crosscheck.Story { return storyOfBodies("Prisoners freed", nil, bodies...) }
	s := story("Governor Ilse Marran freed political prisoners on Monday in a deal with the opposition.",
		"Governor Ilse Marran released prisoners held since the protests, her office said.")
	agreed := false
	for _, f := range s.Findings {
		if strings.HasPrefix(f.About, "who ") && f.Kind == crosscheck.FindingAgreement && len(f.Values) == 1 && len(f.Values[0].Articles) == 2 {
			agreed = true
		}
	}
	if !agreed {
		t.Errorf("no agreement on who freed the prisoners: %+v", s.Findings)
	}
	s = story("Governor Ilse Marran freed political prisoners on Monday in a deal with the opposition.",
		"Mayor Tomas Brell released prisoners held since the protests, his office said.")
	for _, f := range s.Findings {
		if strings.HasPrefix(f.About, "who ") && f.Kind == crosscheck.FindingConflict {
			t.Errorf("one shared word made a conflict: %+v", f)
		}
	}
}

// TestCountWithAndWithoutActor checks that a count one source ties to the
// person who did the act ("the governor pardoned 57 prisoners") and another
// states on its own ("57 prisoners were released") is one agreement, and
// that a person's own count ("he pulled eleven people") is never set
// against the event's total as an update or a conflict.
func TestCountWithAndWithoutActor(t *testing.T) {
	story := func(bodies ...string) *crosscheck.Story { return storyOfBodies("Prisoners freed", nil, bodies...) }
	s := story("Governor Ilse Marran pardoned 57 prisoners, the regional news agency reported.",
		"In a surprise move, 57 prisoners were released on Monday after talks with the opposition.")
	var about []string
	agreed := false
	for _, f := range s.Findings {
		about = append(about, fmt.Sprintf("%s %s %d", f.Kind, f.About, len(f.Values)))
		if f.Kind == crosscheck.FindingAgreement && len(f.Values) == 1 && len(f.Values[0].Articles) == 2 && strings.Contains(f.Values[0].Value, "57") {
			agreed = true
		}
	}
	if !agreed {
		t.Errorf("the two sources' 57 released prisoners are no agreement: %q", about)
	}
	s = story("Rescuers pulled 72 people from the water overnight, the coast guard said.",
		"A fisherman, Rade Pavlic, says he pulled eleven people into his boat before the rescuers arrived.")
	for _, f := range s.Findings {
		if len(f.Values) > 1 {
			t.Errorf("a person's own count set against the total: %s %s %+v", f.Kind, f.About, f.Values)
		}
	}
}

// TestEarlierEventTimeNotListedAlone checks that a year well before the
// article's publication, standing alone, is not listed as the time of the
// story's event, while the event's own time is.
func TestEarlierEventTimeNotListedAlone(t *testing.T) {
	pub := time.Date(2026, 3, 23, 11, 0, 0, 0, time.UTC)
	s := storyOfBodies("Boat capsizes", &pub,
		"A tour boat capsized on Sunday at about 3 p.m. It was the first fatal accident on the river since 2019, when a canoe overturned near the bridge.",
		"Rescuers searched the river through the night for two missing passengers.")
	var about []string
	for _, f := range s.Findings {
		about = append(about, f.About+": "+f.Values[0].Value)
		if strings.Contains(f.Values[0].Value, "2019") {
			t.Errorf("an earlier event's year listed: %s %s", f.About, f.Values[0].Value)
		}
	}
	if !slices.ContainsFunc(about, func(s string) bool { return strings.HasPrefix(s, "time of the capsizing: ") }) {
		t.Errorf("the event's own time is not listed: %q", about)
	}
}

// TestEarlierEventLabelled checks that the facts of an earlier event two
// sources agree on are labelled as such: "death toll in 2014", "time of an
// earlier death toll", not as the story's own death toll.
func TestEarlierEventLabelled(t *testing.T) {
	pub := time.Date(2026, 5, 13, 11, 0, 0, 0, time.UTC)
	s := storyOfBodies("Ferry capsizes", &pub,
		"At least 12 people died when a ferry capsized on the lake. The disaster is the deadliest on the lake since 2014, when 23 people died after a tourist boat sank.",
		"Twelve people died when the ferry sank. It is the deadliest accident on the lake since 2014, when 23 people died after a tourist boat sank near the village.")
	got := map[string]string{}
	for _, f := range s.Findings {
		got[f.About] = f.Values[0].Value
	}
	if got["death toll in 2014"] != "23 people" || got["time of an earlier death toll"] != "2014" {
		t.Errorf("earlier event's facts not labelled so: %q", got)
	}
	if v, ok := got["death toll"]; ok && strings.Contains(v, "23") {
		t.Errorf("the earlier event's 23 dead given as the story's death toll: %q", got)
	}
}

// TestAgentCountryAndLeaderBothShown checks that when one source names a
// country as the agent and another the leader acting for it, the agreed
// value shows both.
func TestAgentCountryAndLeaderBothShown(t *testing.T) {
	s := storyOfBodies("Prisoners freed", nil,
		"On Monday, Dravonia freed political prisoners after talks in the capital of Dravonia.",
		"On Monday, Dravonia released political prisoners held since the protests in Dravonia, the agency said.",
		"In Dravonia, President Ilse Marran freed political prisoners held since the protests.")
	for _, f := range s.Findings {
		if strings.HasPrefix(f.About, "who ") && f.Kind == crosscheck.FindingAgreement {
			if v := f.Values[0].Value; v != "Dravonia / Ilse Marran" {
				t.Errorf("agreed agent shown as %q, want %q", v, "Dravonia / Ilse Marran")
			}
			return
		}
	}
	t.Errorf("no agreement on who freed the prisoners: %+v", s.Findings)
}

// TestDurationNearOldYearStillListed checks that a duration near an old
// year (a sentence still being served) is not taken for an earlier event's.
func TestDurationNearOldYearStillListed(t *testing.T) {
	pub := time.Date(2026, 5, 13, 11, 0, 0, 0, time.UTC)
	s := storyOfBodies("Activist freed", &pub,
		"The activist, who was awarded a human rights prize in 2022, was serving a 10-year sentence when she was freed.",
		"Rescuers searched the river through the night.")
	for _, f := range s.Findings {
		if strings.Contains(f.Values[0].Value, "10-year") {
			if strings.Contains(f.About, "2022") {
				t.Errorf("the sentence labelled as an earlier event's: %q", f.About)
			}
			return
		}
	}
	t.Errorf("the 10-year sentence is not listed: %+v", s.Findings)
}

// TestUnclassedDatesMatchedBySide checks that a date with no event class
// is set beside the other source's date that has the same words on the
// same side: "was awarded the prize in 2022" agrees with "co-won the
// prize in 2022", and does not contest "jailed in July 2021, co-won the
// prize", whose shared words stand after it.
func TestUnclassedDatesMatchedBySide(t *testing.T) {
	pub := time.Date(2026, 5, 13, 11, 0, 0, 0, time.UTC)
	s := storyOfBodies("Writer freed", &pub,
		"Dalen Ostrova, who founded the rights group Lumen, was awarded the Vesta Peace Prize in 2022 and was serving a sentence.",
		"Dalen Ostrova, known as a champion for rights before her jailing in July 2021, co-won the Vesta Peace Prize in 2022 for her work.")
	agreed := false
	for _, f := range s.Findings {
		for _, v := range f.Values {
			if f.Kind == crosscheck.FindingConflict && strings.HasPrefix(v.Value, "2021") {
				t.Errorf("July 2021 contests the prize's year: %q %+v", f.About, f.Values)
			}
		}
		if f.Kind == crosscheck.FindingAgreement && f.Values[0].Value == "2022" && len(f.Values[0].Articles) == 2 {
			agreed = true
		}
	}
	if !agreed {
		t.Errorf("the prize's year is not agreed: %+v", s.Findings)
	}
}

// TestAdministrationActedUponNotAnAgent checks that an administration the
// sentence acts upon ("opposition to …'s government", "accountability
// within the … administration", "engage with …'s regime") is not read as
// the administration that acted.
func TestAdministrationActedUponNotAnAgent(t *testing.T) {
	pub := time.Date(2026, 5, 13, 11, 0, 0, 0, time.UTC)
	s := storyOfBodies("Sanctions eased", &pub,
		"The deal came with the Tomas Varden administration agreeing to ease sanctions on the potash exports of Dravonia. Critics called for accountability within the Oskar Brill administration.",
		"The Tomas Varden administration agreed to ease sanctions on the potash exports of Dravonia, in an effort to engage with Oskar Brill's regime. Many voiced opposition to Oskar Brill's government.")
	agreed := false
	for _, f := range s.Findings {
		for _, v := range f.Values {
			if strings.HasPrefix(f.About, "whose") && strings.Contains(v.Value, "Brill") {
				t.Errorf("an administration acted upon read as acting: %q %+v", f.About, f.Values)
			}
			if f.Kind == crosscheck.FindingAgreement && strings.HasPrefix(f.About, "whose administration") && strings.Contains(v.Value, "Varden") {
				agreed = true
			}
		}
	}
	if !agreed {
		t.Errorf("the acting administration is not agreed: %+v", s.Findings)
	}
}

// TestAdministrationAloneNotListed checks that an administration or a
// title only one source gives is not listed as a claim of its own.
func TestAdministrationAloneNotListed(t *testing.T) {
	pub := time.Date(2026, 5, 13, 11, 0, 0, 0, time.UTC)
	s := storyOfBodies("Tax bill passes", &pub,
		"The bill passed on Monday. The Tomas Varden administration cut the tax in 1985. President Ivo Brandt signed it.",
		"The bill passed the senate on Monday after a long debate.")
	for _, f := range s.Findings {
		if strings.HasPrefix(f.About, "whose") || strings.HasPrefix(f.About, "title of") {
			t.Errorf("single-source administration listed: %q %+v", f.About, f.Values)
		}
	}
}

// TestAgreementsByIndependentOrigins checks that agreements come the best
// corroborated first.
func TestAgreementsByIndependentOrigins(t *testing.T) {
	s := storyOf("s1", analyzed(t, filepath.Join("..", "examples")))
	last := 1 << 30
	for _, f := range s.Findings {
		if f.Kind != crosscheck.FindingAgreement {
			continue
		}
		if o := f.Values[0].Origins; o > last {
			t.Errorf("%q (%d origins) after an agreement of %d", f.About, o, last)
		}
		last = f.Values[0].Origins
	}
	if last == 1<<30 {
		t.Fatal("no agreements")
	}
}
