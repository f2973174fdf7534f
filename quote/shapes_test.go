package quote

import "testing"

// TestFindSpeakerShapes checks speaker phrases and cue positions beyond
// the plain "X said": parentheticals, appositions, places, relative
// clauses, participles and polls.
func TestFindSpeakerShapes(t *testing.T) {
	cases := []findCase{
		{"party with a full stop before a trailing cue", "“The levee will hold,” Rep. Nora Pike (D-Ore.) said.",
			[]want{{"Rep. Nora Pike (D-Ore.)", "said", "The levee will hold", true, false}}},
		{"party after an inverted cue", "“The levee will hold,” said Sen. Nora Pike (D-Minn.), who visited the site.",
			[]want{{"Sen. Nora Pike (D-Minn.), who visited the site", "said", "The levee will hold", true, false}}},
		{"role owned by a name after an inverted cue", "“The levee will hold,” said Ada Finch, Pike's chief of staff.",
			[]want{{"Ada Finch, Pike's chief of staff", "said", "The levee will hold", true, false}}},
		{"name with its place before an apposition", "Rep. Nora Pike of Oregon, an ally of the governor, said the levee would hold.",
			[]want{{"Rep. Nora Pike of Oregon, an ally of the governor", "said", "the levee would hold", false, false}}},
		{"role owned by a name before the name", "Pike's lawyer, Tom Reed, said the levee would hold.",
			[]want{{"Pike's lawyer, Tom Reed", "said", "the levee would hold", false, false}}},
		{"role before a name after a clause", "The levee would hold, county engineer Tom Reed said.",
			[]want{{"county engineer Tom Reed", "said", "The levee would hold", false, false}}},
		{"clause before the name is not its apposition", "The levee would hold, Reed said.",
			[]want{{"Reed", "said", "The levee would hold", false, false}}},
		{"conjunction inside a relative clause", "Mr. Reed, who was traveling in Ohio and Iowa this week, said the levee would hold.",
			[]want{{"Mr. Reed, who was traveling in Ohio and Iowa this week", "said", "the levee would hold", false, false}}},
		{"age and place", "Lena Ortiz, 41, of Dayton, Ohio, said the levee would hold.",
			[]want{{"Lena Ortiz, 41, of Dayton, Ohio", "said", "the levee would hold", false, false}}},
		{"circumstance with a place set off by commas", "Reed, during a meeting in Dayton, Ohio, said the levee would hold.",
			[]want{{"Reed", "said", "the levee would hold", false, false}}},
		{"relative pronoun after a clause", "The crowd cheered for Tom Reed, who said the levee would hold.",
			[]want{{"who", "said", "the levee would hold", false, false}}},
		{"subject of a clause opened by when", "The crowd booed when she said the levee would hold.",
			[]want{{"she", "said", "the levee would hold", false, false}}},
		{"subject shared over but", "She cut the budget by half, but said the levee would hold.",
			[]want{{"She", "said", "the levee would hold", false, false}}},
		{"speaker and cue after the quotation's full stop", "“The levee will hold.” Reed said.",
			[]want{{"Reed", "said", "The levee will hold.", true, false}}},
		{"participle after an opening adverb", "However, he praised the crews, saying the levee would hold.",
			[]want{
				{"he", "praised", "the crews", false, false},
				{"he", "saying", "the levee would hold", false, false}}},
		{"participle after a quotation", "Reed made “hard choices,” saying the levee would hold.",
			[]want{{"Reed", "saying", "the levee would hold", false, false}}},
		{"participle after a name and its apposition", "Reed, a county engineer, spoke on Friday, telling residents that the levee would hold.",
			[]want{{"Reed", "telling", "the levee would hold", false, false}}},
		{"straight mark closed by a curly one", "\"The levee will hold,” Reed added.",
			[]want{{"Reed", "added", "The levee will hold", true, false}}},
		{"remark set off by dashes", "Reed — a county engineer since 2009 — told reporters that the levee would hold.",
			[]want{{"Reed — a county engineer since 2009", "told", "the levee would hold", false, false}}},
		{"name with an initial after an inverted role", "The levee will hold, said the county's chief engineer, Tom R. Reed.",
			[]want{{"the county's chief engineer, Tom R. Reed", "said", "The levee will hold", false, false}}},
		{"participle before a number is no cue", "Reed leads by 40 pledged delegates in the count.", nil},
		{"poll respondents", "Nine in 10 registered voters say the levee will hold.",
			[]want{{"Nine in 10 registered voters", "say", "the levee will hold", false, false}}},
		{"records as a source", "The levee was never inspected, county records show.",
			[]want{{"county records", "show", "The levee was never inspected", false, false}}},
		{"according to an abbreviation", "According to F.A.A. records, the plane flew 300 hours last year.",
			[]want{{"F.A.A. records", "According to", "the plane flew 300 hours last year", false, false}}},
		{"poll named by in", "In a Dayton Herald poll released Monday, 52 percent of voters backed the levee tax.",
			[]want{
				{"a Dayton Herald poll released Monday", "In", "52 percent of voters backed the levee tax", false, false},
				{"52 percent of voters", "backed", "the levee tax", false, false}}},
		{"a lead in the polls is no source", "Reed has a wide lead in the polls.", nil},
	}
	checkFind(t, cases)
}
