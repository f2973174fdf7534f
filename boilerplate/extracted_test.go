package boilerplate

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

// keptAndRemoved runs a cleaner and returns kept lines and removed texts.
func keptAndRemoved(clean func(string) (string, []crosscheck.Removed), lines ...string) (kept, removed []string) {
	k, r := clean(strings.Join(lines, "\n"))
	if k != "" {
		kept = strings.Split(k, "\n")
	}
	for _, x := range r {
		removed = append(removed, x.Text)
	}
	return kept, removed
}

func TestCleanExtracted(t *testing.T) {
	cases := []struct {
		name    string
		lines   []string
		kept    []string
		removed []string
	}{
		{
			name: "short lines, figures and name lists inside the article stay",
			lines: []string{para1, "Results by district", "North", "63", "85%",
				"Anna Berg, Tomas Lind, Eva Stone", para2, "Who pays", para3},
			kept: []string{para1, "Results by district", "North", "63", "85%",
				"Anna Berg, Tomas Lind, Eva Stone", para2, "Who pays", para3},
		},
		{
			name:    "byline and time stamp at the top, pitch and contact at the bottom go",
			lines:   []string{"By Jane Doe", "March 3, 2024 10:43", para1, para2, "Get the day's top headlines delivered to your inbox every morning by subscribing to our newsletter.", "Write to Jane Doe at jane.doe@example.com"},
			kept:    []string{para1, para2},
			removed: []string{"By Jane Doe", "March 3, 2024 10:43", "Get the day's top headlines delivered to your inbox every morning by subscribing to our newsletter.", "Write to Jane Doe at jane.doe@example.com"},
		},
		{
			name:    "chrome the lexicons know goes wherever it sits",
			lines:   []string{para1, "Advertisement", para2, "Share this article", "Follow Example News on Facebook, Instagram and X."},
			kept:    []string{para1, para2},
			removed: []string{"Advertisement", "Share this article", "Follow Example News on Facebook, Instagram and X."},
		},
		{
			name:    "a sentence using a chrome word inside the article stays",
			lines:   []string{para1, "Subscribers to the regional rail pass will also be able to use the new routes at no extra cost, the council said.", para2},
			kept:    []string{para1, "Subscribers to the regional rail pass will also be able to use the new routes at no extra cost, the council said.", para2},
			removed: nil,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kept, removed := keptAndRemoved(CleanExtracted, c.lines...)
			if strings.Join(kept, "\n") != strings.Join(c.kept, "\n") {
				t.Errorf("kept %q\nwant %q", kept, c.kept)
			}
			if strings.Join(removed, "\n") != strings.Join(c.removed, "\n") {
				t.Errorf("removed %q\nwant %q", removed, c.removed)
			}
		})
	}
}

// TestCleanExtractedGentlerThanClean holds the reason CleanExtracted exists:
// lines Clean's shape rules take from a plain dump (a short subheading at
// the end of an extracted article, a names-heavy line) stay in HTML text.
func TestCleanExtractedGentlerThanClean(t *testing.T) {
	names := "Mayor Anna Berg, Deputy Mayor Tomas Lind, Councillor Eva Stone, Councillor Piotr Nowak, Councillor Maria Rossi"
	in := strings.Join([]string{para1, names, para2, para3}, "\n")
	cleaned, _ := Clean(in)
	extracted, _ := CleanExtracted(in)
	if strings.Contains(cleaned, names) {
		t.Fatalf("Clean kept the names line; the test no longer shows the difference: %q", cleaned)
	}
	if extracted != in {
		t.Errorf("CleanExtracted = %q, want the input unchanged", extracted)
	}
}

func TestCleanDocumentDispatch(t *testing.T) {
	in := strings.Join([]string{para1, "Route 9: Northgate, Park, University", para2}, "\n")
	for _, c := range []struct {
		kind crosscheck.DocumentKind
		want func(string) (string, []crosscheck.Removed)
	}{
		{crosscheck.KindHTML, CleanExtracted},
		{crosscheck.KindText, Clean},
	} {
		got, _ := CleanDocument(c.kind, "", in)
		want, _ := c.want(in)
		if got != want {
			t.Errorf("CleanDocument(%v) = %q, want %q", c.kind, got, want)
		}
	}
}

// TestCleanTitledFindsArticleAfterHeadline: a page dump whose teaser list
// (headlines with one-line summaries) outweighs a short article; the
// headline printed above the article tells where it is.
func TestCleanTitledFindsArticleAfterHeadline(t *testing.T) {
	var lines []string
	for _, s := range []string{"Harbour", "Library", "Stadium", "Museum", "Airport", "Market"} {
		lines = append(lines,
			s+" plans approved after long debate in the council chamber",
			"The "+strings.ToLower(s)+" project was approved on Monday evening after a debate that lasted more than four hours and drew dozens of residents to the council chamber.")
	}
	title := "Council expands bus network to the northern suburbs | Example Gazette"
	lines = append(lines, "Council expands bus network to the northern suburbs", "By Jane Doe", para1, para2, "Contact us", "About us")
	kept, removed := CleanTitled(title, strings.Join(lines, "\n"))
	if want := para1 + "\n" + para2; kept != want {
		t.Errorf("kept %q\nwant %q", kept, want)
	}
	found := false
	for _, r := range removed {
		if r.Text == "Council expands bus network to the northern suburbs" {
			found = r.Reason == reasonHeadline
		}
	}
	if !found {
		t.Errorf("the headline line is not removed as the title's repeat: %v", removed)
	}
	// Without the title, the teasers win: the rule is what makes the difference.
	if k, _ := Clean(strings.Join(lines, "\n")); k == kept {
		t.Errorf("Clean without the title found the article too; the test does not test CleanTitled")
	}
}

func TestCleanTitledLeavesLongLeadAlone(t *testing.T) {
	// A page whose title is its lead sentence: the line is article text.
	lead := "The city council voted on Tuesday to expand the bus network, adding three new routes that will connect the northern suburbs with the hospital district."
	kept, _ := CleanTitled(lead, strings.Join([]string{lead, para2, para3}, "\n"))
	if !strings.HasPrefix(kept, lead) {
		t.Errorf("lead sentence removed as a headline: %q", kept)
	}
}

func TestCleanUnspacedScripts(t *testing.T) {
	article := []string{
		"先日、不正に改造した携帯電話を販売したとして、商標法違反の疑いで二十代の男性が逮捕されたというニュースが報じられました。",
		"報道によると、販売された端末は機能制限を解除したもので、利用者は公式ではないアプリを使うことができるようになっていたとのことです。",
		"製造元はこのような改造を認めておらず、改造された製品に商標を付けたまま販売することは権利の侵害にあたると考えられています。",
	}
	lines := append([]string{"ホーム", "ブログ", "お問い合わせ"}, article...)
	lines = append(lines, "関連記事", "カテゴリー")
	kept, _ := Clean(strings.Join(lines, "\n"))
	if want := strings.Join(article, "\n"); kept != want {
		t.Errorf("kept %q\nwant %q", kept, want)
	}
}

func TestOutletOf(t *testing.T) {
	cases := []struct {
		lines []string
		want  string
	}{
		{[]string{"© 2026 The Example Herald"}, "The Example Herald"},
		{[]string{"Share this story", "© The Example Herald 2026. All rights reserved. Reproduction without permission is prohibited."}, "The Example Herald"},
		{[]string{"Copyright (c) 2019-2024 Example Media Group. All Rights Reserved."}, "Example Media Group"},
		{[]string{"Copyright © 2021 Valley Courier, LLC"}, "Valley Courier"},
		{[]string{"By Jane Doe, Chief Reporter | Wednesday 13 May 2026, 10:20"}, ""},
		{[]string{"By Jane Doe, The Example Times"}, "The Example Times"},
		{[]string{"Follow Example Flash on Facebook, X and TikTok for the latest news"}, "Example Flash"},
		{[]string{"Follow us on Facebook and Twitter"}, ""},
		{[]string{"© 2024", "All rights reserved."}, ""},
		{[]string{"Photo: Jane Doe / Example Images"}, ""},
		// A copyright line wins over a follow line, wherever it sits.
		{[]string{"Follow Example Flash on Facebook", "© 2026 Example Flash Media Ltd. All rights reserved."}, "Example Flash Media Ltd"},
	}
	for _, c := range cases {
		var removed []crosscheck.Removed
		for _, l := range c.lines {
			removed = append(removed, crosscheck.Removed{Text: l, Reason: "test"})
		}
		if got := OutletOf(removed); got != c.want {
			t.Errorf("OutletOf(%q) = %q, want %q", c.lines, got, c.want)
		}
	}
}

// checkInvariants asserts, for any cleaner, that kept and removed lines
// merge back into the non-blank input lines in order, each with a reason.
func checkInvariants(t *testing.T, name string, in string, clean func(string) (string, []crosscheck.Removed)) {
	kept, removed := clean(in)
	var keptLines []string
	if kept != "" {
		keptLines = strings.Split(kept, "\n")
	}
	ki, ri := 0, 0
	for _, l := range strings.Split(in, "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		switch {
		case ki < len(keptLines) && keptLines[ki] == l:
			ki++
		case ri < len(removed) && removed[ri].Text == l && removed[ri].Reason != "":
			ri++
		default:
			t.Fatalf("%s: input line %q is neither kept nor removed with a reason, in order", name, l)
		}
	}
	if ki != len(keptLines) || ri != len(removed) {
		t.Fatalf("%s: extra output lines", name)
	}
}

func FuzzCleanVariants(f *testing.F) {
	f.Add("Headline of the day here", strings.Join([]string{"Home | News", "Headline of the day here", para1, "Subheading", para2, "© 2020 Example"}, "\n"))
	f.Add("", "63\n85%\n\n"+para3+"\nBy Jane Doe")
	f.Add("見出し | サイト", "ホーム\n見出し\n先日、改造した端末を販売したとして男性が逮捕されました。")
	f.Fuzz(func(t *testing.T, title, in string) {
		if !utf8.ValidString(in) {
			in = strings.ToValidUTF8(in, "\uFFFD")
		}
		checkInvariants(t, "CleanExtracted", in, CleanExtracted)
		checkInvariants(t, "CleanTitled", in, func(s string) (string, []crosscheck.Removed) { return CleanTitled(title, s) })
		removed := []crosscheck.Removed{{Text: in, Reason: "x"}, {Text: title, Reason: "x"}}
		if name := OutletOf(removed); name != "" && (!utf8.ValidString(name) || len(strings.Fields(name)) > maxOutletWords) {
			t.Fatalf("OutletOf gave %q", name)
		}
	})
}
