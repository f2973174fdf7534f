package quote

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

func article(s string) *crosscheck.Article {
	a := &crosscheck.Article{ID: "t", Text: s, Language: "en"}
	text.Analyze(a)
	return a
}

// want is one attribution expected from a text: its source, cue and words
// as written ("" source: none), and whether it is quoted.
type want struct {
	source, cue, text string
	direct, partial   bool
}

// findCase is one sentence and the attributions Find must make of it.
type findCase struct {
	name string
	text string
	want []want
}

// checkFind runs Find on each case's text, as an article of its own, and
// compares source, cue, words and kind of every attribution.
func checkFind(t *testing.T, cases []findCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := article(c.text)
			got := Find(a)
			if len(got) != len(c.want) {
				for _, g := range got {
					t.Logf("got source=%q cue=%q text=%q", a.Slice(g.Source), a.Slice(g.Cue), g.Text(a))
				}
				t.Fatalf("got %d attributions, want %d", len(got), len(c.want))
			}
			for i, w := range c.want {
				g := got[i]
				if s := a.Slice(g.Source); s != w.source {
					t.Errorf("#%d source %q, want %q", i, s, w.source)
				}
				if s := a.Slice(g.Cue); s != w.cue {
					t.Errorf("#%d cue %q, want %q", i, s, w.cue)
				}
				if s := g.Text(a); s != w.text {
					t.Errorf("#%d text %q, want %q", i, s, w.text)
				}
				if g.Direct != w.direct || g.Partial != w.partial {
					t.Errorf("#%d direct=%v partial=%v, want %v %v", i, g.Direct, g.Partial, w.direct, w.partial)
				}
			}
		})
	}
}

func TestFindStyles(t *testing.T) {
	cases := []findCase{
		{"straight double, name after", `"We will rebuild the bridge by spring," Mayor Anna Holt said on Monday.`,
			[]want{{"Mayor Anna Holt", "said", "We will rebuild the bridge by spring", true, false}}},
		{"curly, inverted cue", "“Nobody expected the water to rise so fast,” said Piet Lange, a farmer.",
			[]want{{"Piet Lange, a farmer", "said", "Nobody expected the water to rise so fast", true, false}}},
		{"guillemets", "«The budget will be balanced next year», the minister said.",
			[]want{{"the minister", "said", "The budget will be balanced next year", true, false}}},
		{"single quotes", "'We closed the road at midnight,' Inspector Ruth Kale told the paper. 'It was the only safe choice.'",
			[]want{{"Inspector Ruth Kale", "told", "We closed the road at midnight … It was the only safe choice.", true, false}}},
		{"split by its cue", "“The roof came down in seconds,” she said, “and then the lights went out.”",
			[]want{{"she", "said", "The roof came down in seconds … and then the lights went out.", true, false}}},
		{"colon before quote", "In another post, she added: “We are not done yet and we will keep going.”",
			[]want{{"she", "added", "We are not done yet and we will keep going.", true, false}}},
		{"channel in the cue", `"Pressure must continue until the prisoners are free," she said in a post on X.`,
			[]want{{"she", "said in a post on X", "Pressure must continue until the prisoners are free", true, false}}},
		{"said that", "His lawyer, Karl Weiss, said that his client had done everything possible.",
			[]want{{"His lawyer, Karl Weiss", "said", "his client had done everything possible", false, false}}},
		{"clause before speaker", "The convoy was stopped at the border, a police spokesman said.",
			[]want{{"a police spokesman", "said", "The convoy was stopped at the border", false, false}}},
		{"according to, first", "According to the port authority, 86 people were on board.",
			[]want{{"the port authority", "According to", "86 people were on board", false, false}}},
		{"according to, last", "The ferry left two hours late, according to the operator.",
			[]want{{"the operator", "according to", "The ferry left two hours late", false, false}}},
		{"characterized as", "The envoy, John Reed, characterized the talks as “very productive.”",
			[]want{{"The envoy, John Reed", "characterized", "very productive.", true, true}}},
		{"scare quote with and-said", `Its chairman, Olaf Berg, dismissed the inspections as "theatre" and said crews had complained for years.`,
			[]want{
				{"Its chairman, Olaf Berg", "dismissed", "theatre", true, true},
				{"Its chairman, Olaf Berg", "said", "crews had complained for years", false, false}}},
		{"relative clause before cue", "Mayor Ines Roca, who declared two days of mourning, said the council would meet on Tuesday.",
			[]want{{"Mayor Ines Roca, who declared two days of mourning", "said", "the council would meet on Tuesday", false, false}}},
		{"apostrophes are not quotes", "The workers' union said the company's offer wasn't enough for its members.",
			[]want{{"The workers' union", "said", "the company's offer wasn't enough for its members", false, false}}},
		{"no cue, no attribution", "The ferry “Sokol” left the harbour at dawn with 90 people on board.", nil},
		{"two apostrophes as marks, title before name", "''We cannot have a repeat of that,'' Ms. Boxer said.",
			[]want{{"Ms. Boxer", "said", "We cannot have a repeat of that", true, false}}},
		{"sentence adverb between speaker and cue", "Murphy, though, said the plan would cost too much money.",
			[]want{{"Murphy", "said", "the plan would cost too much money", false, false}}},
		{"cue inside the clause", "The outreach, they said, raised new worries about the scope.",
			[]want{{"they", "said", "The outreach … raised new worries about the scope", false, false}}},
		{"clause with a quotation before the speaker", "Trump and his team are “rapidly learning the general election,” Gingrich said.",
			[]want{
				{"Gingrich", "said", "Trump and his team are “rapidly learning the general election,”", false, false},
				{"Gingrich", "said", "rapidly learning the general election", true, true}}},
		{"inverted cue after a clause", "Sanders can still catch Clinton in the big states, said Steve Elmendorf, a Democratic strategist.",
			[]want{{"Steve Elmendorf, a Democratic strategist", "said", "Sanders can still catch Clinton in the big states", false, false}}},
		{"belief", "Sanders believes voters will remember the Iraq war.",
			[]want{{"Sanders", "believes", "voters will remember the Iraq war", false, false}}},
		{"finding of a poll", "A new poll found 40 percent of voters are undecided.",
			[]want{{"A new poll", "found", "40 percent of voters are undecided", false, false}}},
		{"an act is not a finding", "Police found the car near the river on Sunday.", nil},
		{"stance with a noun phrase", "Both Cruz and Fiorina criticized Trump and his rhetoric, officials noted.",
			[]want{{"Both Cruz and Fiorina", "criticized", "Trump and his rhetoric", false, false}}},
		{"two-word cue", "The mayor called for a recount of the ballots.",
			[]want{{"The mayor", "called for", "a recount of the ballots", false, false}}},
		{"that before a quotation", "Cruz says that “when you live by the pen, you die by the pen.”",
			[]want{{"Cruz", "says", "when you live by the pen, you die by the pen.", true, false}}},
		{"headline with its source", "Kasich: ‘We Are Going All the Way to Cleveland’", []want{{"Kasich", ":", "‘We Are Going All the Way to Cleveland’", false, false}}},
		{"dateline is no source", "WASHINGTON: The senate met today to vote on the bill.", nil},
		{"party in parentheses", "Sen. Ada Vance (D-Ore.) told reporters that the vote would be close.",
			[]want{{"Sen. Ada Vance (D-Ore.)", "told", "the vote would be close", false, false}}},
		{"party in apposition", "Rep. Tom Quill, R-Iowa, said the bill would pass next week.",
			[]want{{"Rep. Tom Quill, R-Iowa", "said", "the bill would pass next week", false, false}}},
		{"speaker without capital or determiner", "The talks stalled over the border question, senior officials said.",
			[]want{{"senior officials", "said", "The talks stalled over the border question", false, false}}},
		{"told with a hearer last", "The dam will hold through the winter, she told reporters.",
			[]want{{"she", "told", "The dam will hold through the winter", false, false}}},
		{"and-said before a quotation", "Holt thanked the volunteers and said, “We could not have done it alone.”",
			[]want{{"Holt", "said", "We could not have done it alone.", true, false}}},
		{"relative who-said after an inverted cue", "“We lost everything,” said Lena Brook, who said the insurers had refused to pay.",
			[]want{
				{"Lena Brook", "said", "We lost everything", true, false},
				{"who", "said", "the insurers had refused to pay", false, false}}},
		{"reported speech going on in a quotation", "Mr. Dale said that if both sides looked at the cargo figures for the last three winters a deal might still be possible: “Both sides want the port open again.”",
			[]want{{"Mr. Dale", "said", "if both sides looked at the cargo figures for the last three winters a deal might still be possible … Both sides want the port open again.", false, false}}},
		{"announced without that is a stance", "The ministry announced a new tariff on imported steel.",
			[]want{{"The ministry", "announced", "a new tariff on imported steel", false, false}}},
	}
	checkFind(t, cases)
}

// TestFindReported checks the reporter's words kept with a quotation whose
// cue follows it: they are not part of the quoted words.
func TestFindReported(t *testing.T) {
	a := article("To keep the schools open, “we will need twice the staff,” the principal said.")
	got := Find(a)
	if len(got) != 1 {
		t.Fatalf("got %d attributions, want 1", len(got))
	}
	if s := got[0].Text(a); s != "we will need twice the staff" {
		t.Errorf("quoted words %q", s)
	}
	if len(got[0].Reported) != 1 || a.Slice(got[0].Reported[0]) != "To keep the schools open" {
		t.Errorf("reported words %v, want the clause before the quotation", got[0].Reported)
	}
	if !got[0].Direct || got[0].Sense != Speech {
		t.Errorf("direct=%v sense=%v, want a direct statement", got[0].Direct, got[0].Sense)
	}
}

// TestFindSenseOfAnnouncement keeps an announcement read without "that"
// or quotation marks out of speech, so that a story never shows the
// reporter's words as the speaker's.
func TestFindSenseOfAnnouncement(t *testing.T) {
	a := article("Chelsea Morn announced she would run for mayor.")
	got := Find(a)
	if len(got) != 1 || got[0].Sense != Stance {
		t.Fatalf("got %+v, want one stance", got)
	}
	b := article("Chelsea Morn announced that she would run for mayor.")
	if got := Find(b); len(got) != 1 || got[0].Sense != Speech {
		t.Fatalf("got %+v, want one speech", got)
	}
}

// TestFindTranscript reads capitalised speaker labels as sources when
// several paragraphs open with them, and as datelines otherwise.
func TestFindTranscript(t *testing.T) {
	a := article("HOST: Why did you run?\n\nMORALES: Because nobody else would. The town needed a clinic.\n\nHOST: And what happens now?\n\nMORALES: Now it has one.")
	got := Find(a)
	if len(got) != 4 {
		t.Fatalf("got %d attributions, want 4", len(got))
	}
	if s, c := a.Slice(got[1].Source), got[1].Text(a); s != "MORALES" || c != "Because nobody else would. The town needed a clinic" {
		t.Errorf("second turn: source %q words %q", s, c)
	}
}

// TestFindSpeakerPhrase checks that the source is the speaker's whole noun
// phrase, as PolNeAR marks it, while Name keeps the part that names the
// speaker, and that the sense of the cue is kept.
func TestFindSpeakerPhrase(t *testing.T) {
	cases := []struct {
		text, source, name string
		sense              Sense
	}{
		{"Joe Bateman, who traveled from Illinois, said there is a long road ahead.", "Joe Bateman, who traveled from Illinois", "Joe Bateman", Speech},
		{"“We came in with zero expectations,” said Brian Jack, a Trump delegate strategist.", "Brian Jack, a Trump delegate strategist", "Brian Jack", Speech},
		{"Marla Kilfoyle, executive director of the teachers group, said the plan fails.", "Marla Kilfoyle, executive director of the teachers group", "Marla Kilfoyle", Speech},
		{"“It was a mistake,” said former Gov. Jim Hodges of South Carolina.", "former Gov. Jim Hodges of South Carolina", "former Gov. Jim Hodges of South Carolina", Speech},
		{"Jeb Bush and Gov. Rick Scott said the state would recover soon.", "Jeb Bush and Gov. Rick Scott", "Gov. Rick Scott", Speech},
		{"But the company said the offer was final and fair.", "the company", "the company", Speech},
		{"The voters want a candidate who can win in November.", "The voters", "The voters", Thought},
		// A sentence adverb opening the sentence is not the speaker's name.
		{"Additionally, Portuguese authorities have reported that 40 homes were flooded overnight.", "Portuguese authorities", "Portuguese authorities", Speech},
		// A name in apposition closing the sentence names the speaker.
		{"The missing were two fishermen from the village, according to the harbour master, Rui Pestana.", "the harbour master, Rui Pestana", "Rui Pestana", Speech},
		// A relative pronoun is the speaker as written; the phrase it
		// follows names the speaker.
		{"The singer sent her thanks through her sister, who shared that the mood at home was one of joy and relief.", "who", "her sister", Speech},
	}
	for _, c := range cases {
		a := article(c.text)
		got := Find(a)
		if len(got) == 0 {
			t.Errorf("%q: nothing found", c.text)
			continue
		}
		g := got[0]
		if s := a.Slice(g.Source); s != c.source {
			t.Errorf("%q: source %q, want %q", c.text, s, c.source)
		}
		if s := a.Slice(g.Name); s != c.name {
			t.Errorf("%q: name %q, want %q", c.text, s, c.name)
		}
		if g.Sense != c.sense {
			t.Errorf("%q: sense %d, want %d", c.text, g.Sense, c.sense)
		}
	}
}

func TestFindQuoteOverParagraphs(t *testing.T) {
	a := article("The coach spoke after the match.\n“We played with courage tonight and I am proud of every player,” Coach Lena Dorn said.\n“Nobody gave up, not for one minute of the game.”")
	got := Find(a)
	if len(got) != 1 {
		t.Fatalf("got %d attributions, want 1", len(got))
	}
	if len(got[0].Content) != 2 || !strings.HasPrefix(a.Slice(got[0].Content[1]), "Nobody gave up") {
		t.Errorf("a cue-less quotation after a quoted paragraph should continue it; got %q", got[0].Text(a))
	}
	a = article("The minister said:\n“The plan is ready and it will be published on Friday.”")
	got = Find(a)
	if len(got) != 1 || got[0].Text(a) != "The plan is ready and it will be published on Friday." {
		t.Fatalf("a quotation after “X said:” belongs to X; got %+v", got)
	}
}

// FuzzFind checks that any text gives attributions whose spans lie inside
// the text, on character boundaries, with non-empty words.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		`"We will rebuild," she said, "and soon."`,
		"«Non», a-t-il dit.",
		"'Unclosed quote, he said",
		"According to , the",
		"„Das ist gut“, sagte er.",
		"“”, said",
		"He said: “",
		"\"\n\"\n\"",
		"Mr. Smith, 62, a teacher who lives there, said that it was fine.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		a := article(text.Prepare(s))
		valid := func(sp crosscheck.Span) bool {
			return sp.Start >= 0 && sp.Start <= sp.End && sp.End <= len(a.Text) &&
				utf8.ValidString(a.Text[sp.Start:sp.End])
		}
		for _, at := range Find(a) {
			if !valid(at.Source) || !valid(at.Cue) || !valid(at.Name) {
				t.Fatalf("span out of text or off a character boundary: %+v in %q", at, a.Text)
			}
			if at.Cue.Len() == 0 {
				t.Fatalf("empty cue: %+v in %q", at, a.Text)
			}
			for _, c := range at.Content {
				if !valid(c) || c.Len() == 0 {
					t.Fatalf("bad content span %v in %q", c, a.Text)
				}
			}
		}
	})
}

// TestStoryKeepsSpeechOnly checks that beliefs, findings, stances and
// headlines, which Find reports as attributions, do not become quotes.
func TestStoryKeepsSpeechOnly(t *testing.T) {
	a := article("Sanders believes voters will remember the Iraq war.\nA new poll found 40 percent of voters are undecided.\n" +
		"Cruz: ‘We Are Going All the Way to Cleveland’\n“We will win this state,” Sanders said.")
	qs := Story([]*crosscheck.Article{a}, nil)
	if len(qs) != 1 || qs[0].Text != "We will win this state" || qs[0].Speaker != "Sanders" {
		t.Fatalf("want only the quotation of Sanders, got %+v", qs)
	}
}

// TestInfinitiveIsNoStatement checks the test Story applies to leave out
// a commitment ("agreed to lift certain restrictions"): reported content
// opening with "to", and only reported content.
func TestInfinitiveIsNoStatement(t *testing.T) {
	a := article("The government agreed to lift certain restrictions, officials said, and the mayor said “to be honest, it is late.”")
	span := func(s string) crosscheck.Span {
		i := strings.Index(a.Text, s)
		return crosscheck.Span{Start: i, End: i + len(s)}
	}
	for _, c := range []struct {
		at   Attribution
		want bool
	}{
		{Attribution{Content: []crosscheck.Span{span("to lift certain restrictions")}}, true},
		{Attribution{Content: []crosscheck.Span{span("certain restrictions")}}, false},
		{Attribution{Content: []crosscheck.Span{span("to be honest, it is late.")}, Direct: true}, false},
	} {
		if got := infinitive(a, c.at); got != c.want {
			t.Errorf("%q: infinitive = %v, want %v", a.Slice(c.at.Content[0]), got, c.want)
		}
	}
}

// TestStoryReportedWithoutThat checks that reported speech is shown
// without the "that" introducing it.
func TestStoryReportedWithoutThat(t *testing.T) {
	a := article("The singer sent her thanks through her sister, who shared that the mood at home was one of joy and relief.")
	a.ID = "a1"
	qs := Story([]*crosscheck.Article{a}, nil)
	if len(qs) != 1 || !strings.HasPrefix(qs[0].Text, "the mood") || qs[0].Speaker != "her sister" {
		t.Errorf("want the sister's statement as \"the mood …\"; got %+v", qs)
	}
}

// TestStorySpeakerOrganisationInLowerCase checks that an organisation
// written in lower case ("the transport ministry") is the story's
// organisation of that name, so its statements are one speaker's.
func TestStorySpeakerOrganisationInLowerCase(t *testing.T) {
	a := article("The Transport Ministry said the ferry had passed its inspection in March.")
	a.ID = "a1"
	b := article("The boat was built in 1988, the transport ministry said.")
	b.ID = "a2"
	ents := []crosscheck.Entity{{ID: "e1", Name: "Transport Ministry", Type: crosscheck.EntityOrganization,
		Mentions: []crosscheck.Mention{{Article: "a1", Start: 4, End: 22}}}}
	qs := Story([]*crosscheck.Article{a, b}, ents)
	if len(qs) != 2 {
		t.Fatalf("want two statements, got %+v", qs)
	}
	for _, q := range qs {
		if q.SpeakerEntity == nil || *q.SpeakerEntity != "e1" || q.Speaker != "Transport Ministry" {
			t.Errorf("%q: speaker %q (entity %v), want Transport Ministry (e1)", q.Text, q.Speaker, q.SpeakerEntity)
		}
	}
}

func TestHeadlineLike(t *testing.T) {
	for name, want := range map[string]bool{
		"Trump Says He Never Pledged To Kill Family Members Of Terrorists": true,
		"You deserve a president":                           true,
		"Deputy Emergency Situations Minister Danilo Marek": false,
		"Dravonian Maritime Rescue Service":                 false,
		"some reports":                                      false,
	} {
		if got := headlineLike(name); got != want {
			t.Errorf("headlineLike(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestComplementBefore(t *testing.T) {
	for s, want := range map[string]bool{
		"excerpts of his speech released by ": true,
		"the share of ":                       true,
		"Fight for $15 organizing director ":  false,
		"Senate Minority Leader ":             false,
		"the ferry's captain, ":               false,
	} {
		if got := complementBefore(s); got != want {
			t.Errorf("complementBefore(%q) = %v, want %v", s, got, want)
		}
	}
}
