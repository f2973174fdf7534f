package cluster

import (
	"slices"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

// An article with a headline and no body (a news flash, a feed item) joins
// the story whose bodies tell what its headline says, though it shares
// little with their headlines.
func TestHeadlineOnlyArticleJoinsItsStory(t *testing.T) {
	arts := quakeSet()
	flash := article("m0", "Wire", "Rescuers dig through the rubble of Ighil in Al Haouz province, south of Marrakech, after the 6.8 earthquake", "", day0.Add(20*time.Hour))
	arts = append(arts, flash)
	want := [][]string{{"a1", "a2", "a3"}, {"f1"}, {"m0", "m1", "m2", "m3"}}
	if got := groups(Batch(arts, Defaults())); !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("batch: groups = %v, want %v", got, want)
	}
	// Online, in publication order (the flash after m2).
	slices.SortStableFunc(arts, func(a, b *crosscheck.Article) int { return a.Published.Compare(*b.Published) })
	o := NewOnline(Defaults())
	for _, a := range arts {
		o.Add(a)
	}
	if got := groups(o.Stories()); !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("online: groups = %v, want %v", got, want)
	}
}

func TestTitleCase(t *testing.T) {
	for _, c := range []struct {
		title string
		want  bool
	}{
		{"Red Sox Make Huge Offer To Teixeira", true},
		{"Powerful Quake In Iran Kills 10", true},
		{"Harry Winston's Paris store near the Champs-Elysees was stormed by four robbers on Thursday", false},
		{"Morocco earthquake: death toll passes 800 in Atlas villages", false},
		{"Quake Kills 10", false}, // too short to tell
	} {
		if got := titleCase(text.Tokenize(c.title, "en")); got != c.want {
			t.Errorf("titleCase(%q) = %v, want %v", c.title, got, c.want)
		}
	}
}
