package boilerplate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/extract"
)

// Invented article paragraphs, long enough to be prose.
const (
	para1 = "The city council voted on Tuesday to expand the bus network, adding three new routes that will connect the northern suburbs with the hospital district by the end of the year."
	para2 = "Officials said the plan would cost about 40 million euros and that most of the money would come from a regional transport fund set up after the floods of 2021."
	para3 = "Residents who spoke at the meeting welcomed the decision, although several of them asked why the new routes would not run on Sundays or late in the evening."
)

func TestCleanTable(t *testing.T) {
	cases := []struct {
		name     string
		lines    []string
		kept     []string
		removed  []string // removed lines, in order
		reasonOf map[string]string
	}{
		{
			name:    "share, subscribe and donate lines at the end",
			lines:   []string{para1, para2, "Share this article", "Follow us on Facebook, Twitter and Instagram", "Subscribe to our newsletter", "Donate now"},
			kept:    []string{para1, para2},
			removed: []string{"Share this article", "Follow us on Facebook, Twitter and Instagram", "Subscribe to our newsletter", "Donate now"},
			reasonOf: map[string]string{
				"Share this article":          "share/follow line",
				"Subscribe to our newsletter": "subscribe/donate",
			},
		},
		{
			name:    "subheading between paragraphs stays, edge labels go",
			lines:   []string{"Home", "World News", para1, "Money Questions Remain", para2, para3, "Trending Topics"},
			kept:    []string{para1, "Money Questions Remain", para2, para3},
			removed: []string{"Home", "World News", "Trending Topics"},
		},
		{
			name:     "wire credit keeps a reason naming the agency",
			lines:    []string{para1, para2, "With PTI inputs"},
			kept:     []string{para1, para2},
			removed:  []string{"With PTI inputs"},
			reasonOf: map[string]string{"With PTI inputs": "wire credit line (PTI)"},
		},
		{
			name:    "dateline paragraph of a wire story is kept",
			lines:   []string{"NAIROBI, March 3 (Reuters) - " + para1, para2},
			kept:    []string{"NAIROBI, March 3 (Reuters) - " + para1, para2},
			removed: nil,
		},
		{
			name:     "photo credit and menu with separators",
			lines:    []string{"News | Sport | Weather | Culture", "(Photo: Jane Doe/Example Images)", para1, para2},
			kept:     []string{para1, para2},
			removed:  []string{"News | Sport | Weather | Culture", "(Photo: Jane Doe/Example Images)"},
			reasonOf: map[string]string{"(Photo: Jane Doe/Example Images)": "photo credit", "News | Sport | Weather | Culture": "navigation/menu"},
		},
		{
			name:    "standfirst without a full stop is kept",
			lines:   []string{"Three new bus routes will link the northern suburbs with the hospital district", para1, para2},
			kept:    []string{"Three new bus routes will link the northern suburbs with the hospital district", para1, para2},
			removed: nil,
		},
		{
			name:    "multilingual chrome",
			lines:   []string{"Lesen Sie auch: Neue Buslinien im Norden", para1, para2, "Abonnez-vous à notre newsletter", "Suscríbete", "Читайте также", "Alle Rechte vorbehalten"},
			kept:    []string{para1, para2},
			removed: []string{"Lesen Sie auch: Neue Buslinien im Norden", "Abonnez-vous à notre newsletter", "Suscríbete", "Читайте также", "Alle Rechte vorbehalten"},
		},
		{
			name:    "cookie notice, advertisement, related links, copyright",
			lines:   []string{"We use cookies to improve your experience. Accept all", "Advertisement", para1, "Also read: Council approves new budget", para2, "Read more", "© 2024 Example Media. All rights reserved."},
			kept:    []string{para1, para2},
			removed: []string{"We use cookies to improve your experience. Accept all", "Advertisement", "Also read: Council approves new budget", "Read more", "© 2024 Example Media. All rights reserved."},
		},
		{
			name:    "handles and hashtags",
			lines:   []string{para1, para2, "@examplenews #buses #transport #city"},
			kept:    []string{para1, para2},
			removed: []string{"@examplenews #buses #transport #city"},
		},
		{
			name:    "a sentence that merely uses a chrome word is kept",
			lines:   []string{para1, "Advertising revenue at the city's transport company fell by a fifth last year, the report said.", para2},
			kept:    []string{para1, "Advertising revenue at the city's transport company fell by a fifth last year, the report said.", para2},
			removed: nil,
		},
		{
			name:    "short sentence paragraphs of a clean article are kept",
			lines:   []string{"The vote was 31 to 12.", "Work starts in May.", "The mayor did not comment."},
			kept:    []string{"The vote was 31 to 12.", "Work starts in May.", "The mayor did not comment."},
			removed: nil,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kept, removed := Clean(strings.Join(c.lines, "\n"))
			if want := strings.Join(c.kept, "\n"); kept != want {
				t.Errorf("kept:\n%s\nwant:\n%s\nremoved: %v", kept, want, removed)
			}
			var got []string
			for _, r := range removed {
				got = append(got, r.Text)
				if r.Reason == "" {
					t.Errorf("removed %q without a reason", r.Text)
				}
				if want, ok := c.reasonOf[r.Text]; ok && r.Reason != want {
					t.Errorf("reason for %q = %q, want %q", r.Text, r.Reason, want)
				}
			}
			if strings.Join(got, "\n") != strings.Join(c.removed, "\n") {
				t.Errorf("removed %q, want %q", got, c.removed)
			}
		})
	}
}

func TestCleanEmptyAndBlank(t *testing.T) {
	for _, in := range []string{"", "\n\n", "   \n\t\n"} {
		kept, removed := Clean(in)
		if kept != "" || len(removed) != 0 {
			t.Errorf("Clean(%q) = %q, %v; want nothing", in, kept, removed)
		}
	}
}

func TestWireCredit(t *testing.T) {
	cases := []struct {
		line   string
		agency string
	}{
		{"With IANS inputs", "IANS"},
		{"(With inputs from PTI)", "PTI"},
		{"With Reuters and AFP inputs", "Reuters"},
		{"Reuters contributed to this report.", "Reuters"},
		{"The Associated Press contributed reporting.", "AP"},
		{"Additional reporting by Jane Doe for Reuters", "Reuters"},
		{"LONDON (Reuters) - Shares fell on Monday.", "Reuters"},
		{"Vilnius, December 14 (IANS) Belarus has released prisoners.", "IANS"},
		{"PARIS (AFP) — The strike continued.", "AFP"},
		{"WASHINGTON (AP) —", "AP"},
		{"Source: Xinhua", "Xinhua"},
		{"— dpa", "dpa"},
		{"AP", "AP"},
		{"Photo: AFP", "AFP"},
		{"MOSCOW, Jan. 5 (Interfax) - Officials said.", "Interfax"},
		{"SEOUL, Feb 1 (Yonhap) -- North Korea fired a missile.", "Yonhap"},
	}
	for _, c := range cases {
		got, ok := WireCredit(c.line)
		if !ok || got != c.agency {
			t.Errorf("WireCredit(%q) = %q, %v; want %q", c.line, got, ok, c.agency)
		}
	}
	for _, line := range []string{
		"The AP reported that the vote was close.",
		"Reuters said on Monday that it would cut jobs.",
		"With prices rising, households are cutting back.",
		"He told AFP the talks had failed.",
		"an ap in lower case is not an agency",
		"",
	} {
		if got, ok := WireCredit(line); ok {
			t.Errorf("WireCredit(%q) = %q; want no credit", line, got)
		}
	}
}

func TestRemoveRepeated(t *testing.T) {
	tagline := "Support independent local news"
	pitch := "Get the morning briefing in your inbox"
	wire := "The central bank raised its main rate by a quarter point to 4.5 percent on Thursday, its third increase this year, citing stubborn inflation."
	mk := func(id, outlet string, lines ...string) *crosscheck.Article {
		return &crosscheck.Article{ID: id, Outlet: outlet, Text: strings.Join(lines, "\n")}
	}
	arts := []*crosscheck.Article{
		mk("a1", "Example Times", para1, tagline, pitch),
		mk("a2", "Example Times", para2, tagline, pitch),
		mk("a3", "Example Times", para3, tagline, "Another closing line"),
		// Copies of one wire story on one outlet: the shared sentence is content.
		mk("w1", "Wire Daily", wire, "Analysts had expected the move after weeks of hints from the governor and other members of the board."),
		mk("w2", "Wire Daily", wire, "Analysts had expected the move after weeks of hints from the governor and other members of the board."),
		mk("w3", "Wire Daily", wire, "Analysts had expected the move after weeks of hints from the governor and other members of the board.", tagline),
		// No outlet: never touched.
		mk("n1", "", para1, tagline),
		mk("n2", "", para2, tagline),
		mk("n3", "", para3, tagline),
	}
	RemoveRepeated(arts, 0)
	for _, a := range arts[:3] {
		if strings.Contains(a.Text, tagline) {
			t.Errorf("%s: repeated tagline kept: %q", a.ID, a.Text)
		}
		found := false
		for _, r := range a.Boilerplate {
			if r.Text == tagline && r.Reason == "repeated on 3 pages of Example Times" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: tagline not recorded with its reason: %v", a.ID, a.Boilerplate)
		}
	}
	if !strings.Contains(arts[0].Text, pitch) || !strings.Contains(arts[1].Text, pitch) {
		t.Errorf("a line on only 2 pages was removed")
	}
	for _, a := range arts[3:6] {
		if !strings.Contains(a.Text, wire) {
			t.Errorf("%s: wire sentence shared by copies was removed", a.ID)
		}
	}
	for _, a := range arts[6:] {
		if len(a.Boilerplate) != 0 || !strings.Contains(a.Text, tagline) {
			t.Errorf("%s: article without outlet was changed", a.ID)
		}
	}
	if got, want := arts[0].Text, para1+"\n"+pitch; got != want {
		t.Errorf("a1 text = %q, want %q", got, want)
	}
}

// seedLines reads a seed article as the extract stage hands it on: tidy
// lines, no blank lines, a headline-like first line taken out as the title.
func seedLines(t *testing.T, path string) (title string, lines []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := extract.New(extract.Options{}).Extract(crosscheck.Document{Source: path, Kind: crosscheck.KindText, Body: b})
	if err != nil {
		t.Fatal(err)
	}
	return a.Title, strings.Split(a.Text, "\n")
}

// isProseSentence is what Clean must never remove from a real article: a
// line of at least ten words that ends like a sentence and reads as prose.
func isProseSentence(s string) bool {
	l := measure(s)
	return l.sentence && l.words >= 10 && float64(l.stopwords) >= 0.2*float64(l.words)
}

// TestCleanSeeds checks properties on the real seed articles: no prose
// sentence is removed, the kept text starts and ends with article text (a
// sentence or a standfirst-length line), and every removed line comes back
// with a reason.
func TestCleanSeeds(t *testing.T) {
	paths, _ := filepath.Glob("../../shared/corpus/seeds/*.txt")
	if len(paths) == 0 {
		t.Skip("seed articles not found in ../../shared/corpus/seeds")
	}
	for _, p := range paths {
		title, lines := seedLines(t, p)
		kept, removed := CleanDocument(crosscheck.KindText, title, strings.Join(lines, "\n"))
		if kept == "" {
			t.Errorf("%s: nothing kept", p)
			continue
		}
		for _, r := range removed {
			if isProseSentence(r.Text) {
				t.Errorf("%s: removed a prose sentence (%s): %q", p, r.Reason, r.Text)
			}
			if r.Reason == "" {
				t.Errorf("%s: removed %q without a reason", p, r.Text)
			}
		}
		keptLines := strings.Split(kept, "\n")
		for _, edge := range []string{keptLines[0], keptLines[len(keptLines)-1]} {
			l := measure(edge)
			if !l.sentence && l.words < 8 {
				t.Errorf("%s: edge line %q is neither a sentence nor a standfirst", p, edge)
			}
			if cueReason(l) != "" || chromeReason(l) != "" || edgeCueReason(l) != "" || contactLine(l) {
				t.Errorf("%s: edge line %q reads as chrome", p, edge)
			}
		}
		for _, l := range lines {
			if isProseSentence(l) && !strings.Contains(kept, l) {
				t.Errorf("%s: prose line lost: %q", p, l)
			}
		}
		if len(removed)+len(keptLines) != len(lines) {
			t.Errorf("%s: %d kept + %d removed != %d lines", p, len(keptLines), len(removed), len(lines))
		}
	}
}

// checkCleanInvariants asserts what Clean promises for any input.
func checkCleanInvariants(t *testing.T, in string) {
	kept, removed := Clean(in)
	var nonEmpty []string
	for _, l := range strings.Split(in, "\n") {
		if strings.TrimSpace(l) != "" {
			nonEmpty = append(nonEmpty, l)
		}
	}
	var keptLines []string
	if kept != "" {
		keptLines = strings.Split(kept, "\n")
	}
	// Kept and removed lines, merged back in input order, are exactly the
	// non-blank input lines: each kept line unchanged, nothing lost.
	ki, ri := 0, 0
	for _, l := range nonEmpty {
		switch {
		case ki < len(keptLines) && keptLines[ki] == l:
			ki++
		case ri < len(removed) && removed[ri].Text == l:
			if removed[ri].Reason == "" {
				t.Fatalf("removed %q without a reason", l)
			}
			ri++
		default:
			t.Fatalf("input line %q is neither kept nor removed in order (kept %q, removed %v)", l, kept, removed)
		}
	}
	if ki != len(keptLines) || ri != len(removed) {
		t.Fatalf("extra output lines: kept %d of %d, removed %d of %d", ki, len(keptLines), ri, len(removed))
	}
}

func FuzzClean(f *testing.F) {
	f.Add(strings.Join([]string{"Home | News", para1, "Subheading", para2, "With AFP inputs", "Share"}, "\n"))
	f.Add("Follow us\n\n\n" + para3 + "\r\n© 2020")
	f.Add("(Photo source: X/@someone)\nVilnius, May 1 (IANS) Something happened here today, officials said.")
	f.Add("\xff\xfe broken utf8 \n line two.")
	f.Fuzz(func(t *testing.T, in string) {
		if !utf8.ValidString(in) {
			// Clean's input is prepared text; still it must not lose lines.
			in = strings.ToValidUTF8(in, "\uFFFD")
		}
		checkCleanInvariants(t, in)
	})
}

func BenchmarkClean(b *testing.B) {
	var lines []string
	for i := 0; i < 10; i++ {
		lines = append(lines, "Home | World | Business | Sport", "Share on Facebook", para1, "A Subheading Here", para2, para3, "Advertisement", "Read more: Another headline about buses")
	}
	in := strings.Join(lines, "\n")
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		Clean(in)
	}
}
