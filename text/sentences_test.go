package text

import (
	"reflect"
	"testing"
)

func sentenceTexts(s string) []string {
	var out []string
	for _, sp := range Sentences(s) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "One fish. Two fish! Red fish? Blue fish.",
			[]string{"One fish.", "Two fish!", "Red fish?", "Blue fish."}},
		{"no terminator", "Breaking news from the capital", []string{"Breaking news from the capital"}},
		{"empty", "", nil},
		{"only spaces", "   ", nil},
		{"trimmed", "  First one.   Second one.  ", []string{"First one.", "Second one."}},
		{"titles", "Mr. Smith met Mrs. Jones and Dr. Who. Prof. Lee left.",
			[]string{"Mr. Smith met Mrs. Jones and Dr. Who.", "Prof. Lee left."}},
		{"military ranks", "Lt. Gen. John Doe and Col. Mary Roe spoke with Sgt. Maj. Lee and Capt. Hook.",
			[]string{"Lt. Gen. John Doe and Col. Mary Roe spoke with Sgt. Maj. Lee and Capt. Hook."}},
		{"politicians", "Gov. Ann Lee, Sen. Bob Ray and Rep. Kim Oh met. St. Louis hosted.",
			[]string{"Gov. Ann Lee, Sen. Bob Ray and Rep. Kim Oh met.", "St. Louis hosted."}},
		{"us mid sentence", "The U.S. State Department said U.S. officials met U.N. and E.U. envoys.",
			[]string{"The U.S. State Department said U.S. officials met U.N. and E.U. envoys."}},
		{"us end of sentence", "The envoy flew back to the U.S. The talks resumed.",
			[]string{"The envoy flew back to the U.S.", "The talks resumed."}},
		{"uk before lower", "Prices in the U.K. rose sharply.", []string{"Prices in the U.K. rose sharply."}},
		{"company names", "Acme Inc. said Widgets Ltd. and Foo Corp. agreed. Bar Co. did not.",
			[]string{"Acme Inc. said Widgets Ltd. and Foo Corp. agreed.", "Bar Co. did not."}},
		{"company end", "He works for Acme Inc. The company denied it.",
			[]string{"He works for Acme Inc.", "The company denied it."}},
		{"jr", "Martin Luther King Jr. was born in Atlanta.", []string{"Martin Luther King Jr. was born in Atlanta."}},
		{"numbers", "Growth was 3.5 percent, up from 1.613 in 2020. Rates rose.",
			[]string{"Growth was 3.5 percent, up from 1.613 in 2020.", "Rates rose."}},
		{"year end then digit", "It happened in 2020. 15 people died.",
			[]string{"It happened in 2020.", "15 people died."}},
		{"no.", "He lives at No. 10 Downing Street.", []string{"He lives at No. 10 Downing Street."}},
		{"month", "The vote is on Dec. 14 and Jan. 3, not Feb. 2.", []string{"The vote is on Dec. 14 and Jan. 3, not Feb. 2."}},
		{"vs", "It was Real Madrid vs. Barcelona. Fans cheered.",
			[]string{"It was Real Madrid vs. Barcelona.", "Fans cheered."}},
		{"etc lower", "Apples, pears, etc. are sold here. Buy some.",
			[]string{"Apples, pears, etc. are sold here.", "Buy some."}},
		{"etc upper", "Apples, pears, etc. Buy some.", []string{"Apples, pears, etc.", "Buy some."}},
		{"am pm", "The blast came at 9 a.m. and the fire at 3 p.m. on Monday.",
			[]string{"The blast came at 9 a.m. and the fire at 3 p.m. on Monday."}},
		{"pm end", "The blast came at 9 p.m. The police arrived.",
			[]string{"The blast came at 9 p.m.", "The police arrived."}},
		{"pm then a count", "It overturned at around 3 p.m. Thirty-one people were rescued.",
			[]string{"It overturned at around 3 p.m.", "Thirty-one people were rescued."}},
		{"pm then a weekday", "The vote is at 3 p.m. Monday in the old hall.",
			[]string{"The vote is at 3 p.m. Monday in the old hall."}},
		{"initials", "J. R. R. Tolkien wrote it. John F. Kennedy read it.",
			[]string{"J. R. R. Tolkien wrote it.", "John F. Kennedy read it."}},
		{"plural title", "The bill was led by Sens. Jon Doe and Ann Roe.", []string{"The bill was led by Sens. Jon Doe and Ann Roe."}},
		{"state", "She lives in Austin, Tex. She spoke in Madison, Wis. Monday and Eau Claire, Wis., later.",
			[]string{"She lives in Austin, Tex.", "She spoke in Madison, Wis. Monday and Eau Claire, Wis., later."}},
		{"numbered item", "1. Free all prisoners. 2. Hold elections.", []string{"1. Free all prisoners.", "2. Hold elections."}},
		{"lone ellipsis", "... The end.", []string{"... The end."}},
		{"initial S", "George S. Patton led. Page S. 5 of it.", []string{"George S. Patton led.", "Page S. 5 of it."}},
		{"street end", "He lives on Main St. The house is old. St. Petersburg is far.",
			[]string{"He lives on Main St.", "The house is old.", "St. Petersburg is far."}},
		{"initial end", "They chose Plan B. The others left.", []string{"They chose Plan B.", "The others left."}},
		{"eg ie", "Some states, e.g. Texas, i.e. Big ones, agreed.", []string{"Some states, e.g. Texas, i.e. Big ones, agreed."}},
		{"ellipsis inside", "He paused ... and then went on. Then… silence.",
			[]string{"He paused ... and then went on.", "Then… silence."}},
		{"ellipsis end", "We waited... Nobody came.", []string{"We waited...", "Nobody came."}},
		{"quote period inside straight", `He said "we will win." Then he left.`,
			[]string{`He said "we will win."`, "Then he left."}},
		{"quote period inside curly", "She said: “We are free.” The crowd cheered.",
			[]string{"She said: “We are free.”", "The crowd cheered."}},
		{"exclamation attribution lower", "“Free them!” she said. They did.",
			[]string{"“Free them!” she said.", "They did."}},
		{"question attribution name", "“Why now?” Smith asked. Nobody knew.",
			[]string{"“Why now?” Smith asked.", "Nobody knew."}},
		{"exclamation new sentence", "“Free them!” The crowd roared.",
			[]string{"“Free them!”", "The crowd roared."}},
		{"comma quote", "“We will win,” he said. “Soon.”", []string{"“We will win,” he said.", "“Soon.”"}},
		{"paren", "He left (for good.) Then she came.", []string{"He left (for good.)", "Then she came."}},
		{"url", "Visit example.com for more. Or not.", []string{"Visit example.com for more.", "Or not."}},
		{"never crosses newline", "First line without stop\nSecond line. Third one.",
			[]string{"First line without stop", "Second line.", "Third one."}},
		{"abbrev at line end", "He flew to the U.S.\nThen he came back.",
			[]string{"He flew to the U.S.", "Then he came back."}},
		{"blank lines", "One.\n\n\nTwo.", []string{"One.", "Two."}},
		{"german", "Das gilt z.B. für Kinder, d.h. für alle. Am 14. Dezember 2020 war es so. Danach nicht.",
			[]string{"Das gilt z.B. für Kinder, d.h. für alle.", "Am 14. Dezember 2020 war es so.", "Danach nicht."}},
		{"russian", "Президент А. Лукашенко заявил об этом в пятницу. Оппозиция не согласна, т.е. спор продолжается.",
			[]string{"Президент А. Лукашенко заявил об этом в пятницу.", "Оппозиция не согласна, т.е. спор продолжается."}},
		{"french", "M. Dupont est arrivé. Mme Durand est partie à 18 h.",
			[]string{"M. Dupont est arrivé.", "Mme Durand est partie à 18 h."}},
		{"spanish inverted", "Llegó tarde. ¿Por qué? ¡No lo sé!", []string{"Llegó tarde.", "¿Por qué?", "¡No lo sé!"}},
		{"chinese", "市议会周二投票。官员表示交通将改道！真的吗？", []string{"市议会周二投票。", "官员表示交通将改道！", "真的吗？"}},
		{"arabic question", "هل انتهى الاجتماع؟ نعم انتهى.", []string{"هل انتهى الاجتماع؟", "نعم انتهى."}},
		{"lowercase after period", "The iPhone maker rose. iPhone sales fell.", []string{"The iPhone maker rose. iPhone sales fell."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got  %q\n want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentencesOffsetsAreAbsolute(t *testing.T) {
	s := "Alpha one.\nBeta two. Gamma three."
	got := Sentences(s)
	want := []struct{ start, end int }{{0, 10}, {11, 20}, {21, 33}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, w := range want {
		if got[i].Start != w.start || got[i].End != w.end {
			t.Errorf("sentence %d = %v, want [%d,%d)", i, got[i], w.start, w.end)
		}
	}
}
