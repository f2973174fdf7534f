package cluster

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// genEvent is one invented local event: what happened, where, to whom, and
// a figure, told by three outlets in their own words.
type genEvent struct {
	kind, place, person, role, figure, detail string
}

// genEvents are invented events of a few kinds (every name is made up), so
// that events of one kind share their domain's vocabulary and differ only
// in places, people and figures.
var genEvents = []genEvent{
	{"strike", "Dunmore Vale", "Agnes Whitcombe", "union leader", "2,400", "the bus garage"},
	{"collapse", "Ellery Bridge", "Tomasz Rendell", "building inspector", "23", "a footbridge"},
	{"fire", "Pellham Fields", "Imogen Sallow", "fire chief", "65", "a recycling plant"},
	{"flood", "Carrow End", "Victor Nakamura", "mayor", "1,150", "the market square"},
	{"strike", "Holmsgate", "Beatrice Lyle", "union leader", "760", "the postal sorting office"},
	{"collapse", "Westfarthing", "Oscar Delaney", "building inspector", "31", "a school gymnasium"},
}

// historyEvents returns n more invented events (n ≤ 20), each with its own
// place, person and figure, for a stream's history before the ones checked.
func historyEvents(n int) []genEvent {
	places := strings.Fields("Ashcombe Birchley Corrandale Dovermoor Eskwith Farrowdene Glenmarsh Harwick Ingleby Jessop Kelderby Lowmarsh Midhollow Northwold Orrinshaw Pattingley Quarleigh Rushden Saltmere Thornaby")
	people := strings.Fields("Abbot Brennan Castell Dorrance Everly Falconer Grieve Hollis Ingram Jarrow Kessler Lindqvist Merriman Norcott Ormsby Pendle Quayle Rowntree Sefton Tolliver")
	details := []string{"a grain store", "the canal towpath", "the ferry terminal", "a council depot", "the retail park"}
	roles := map[string]string{"fire": "fire chief", "flood": "mayor", "strike": "union leader", "collapse": "building inspector"}
	kinds := []string{"fire", "flood", "strike", "collapse"}
	out := make([]genEvent, n)
	for i := range out {
		k := kinds[i%len(kinds)]
		out[i] = genEvent{k, places[i], "Chris " + people[i], roles[k], fmt.Sprint(120 + 37*i), details[i%len(details)]}
	}
	return out
}

// kindWords are the domain words of each kind of event, shared by every
// event of that kind.
var kindWords = map[string][3]string{
	"fire":     {"Fire crews battled a blaze", "firefighters", "The cause of the fire is under investigation"},
	"flood":    {"Floodwater swamped", "rescue boats", "Forecasters warned of more heavy rain"},
	"strike":   {"Workers walked out at", "picket lines", "Talks with management broke down on Monday"},
	"collapse": {"Part of the structure collapsed at", "rescue teams", "Engineers are checking neighbouring buildings"},
}

// genArticle writes outlet k's (0–2) report of e.
func genArticle(id string, e genEvent, k int, filler string, at time.Time) *crosscheck.Article {
	w := kindWords[e.kind]
	var title, body string
	switch k {
	case 0:
		title = fmt.Sprintf("%s: %s hit in %s", strings.ToUpper(e.kind[:1])+e.kind[1:], e.detail, e.place)
		body = fmt.Sprintf("%s %s in %s on Tuesday, affecting %s people, %s %s said.\n%s worked through the night in %s.\n%s.",
			w[0], e.detail, e.place, e.figure, e.role, e.person, strings.ToUpper(w[1][:1])+w[1][1:], e.place, w[2])
	case 1:
		title = fmt.Sprintf("%s says %s people affected in %s", e.person, e.figure, e.place)
		body = fmt.Sprintf("In %s, %s people were affected after the %s at %s, according to %s.\nThe %s, %s, thanked the %s.\n%s.",
			e.place, e.figure, e.kind, e.detail, e.person, e.role, e.person, w[1], w[2])
	default:
		title = fmt.Sprintf("%s counts the cost after %s", e.place, e.detail)
		body = fmt.Sprintf("Residents of %s were still reeling a day after the %s at %s.\n%s, the %s, put the number affected at %s.\n%s were seen across %s.",
			e.place, e.kind, e.detail, e.person, e.role, e.figure, strings.ToUpper(w[1][:1])+w[1][1:], e.place)
	}
	if filler != "" {
		body += "\n" + filler
	}
	return article(id, fmt.Sprintf("outlet%d", k), title, body, at)
}

// templateFiller is the boilerplate of one outlet's page template, longer
// than the report itself, as a scraper that missed the site chrome leaves it.
const templateFiller = `Sign up for the Morning Ledger newsletter to get the day's local headlines delivered to your inbox every weekday.
Our journalism depends on readers like you: subscribe today for unlimited digital access, the daily puzzle and the weekend supplement.
Copyright Ledger Regional Media Holdings; all rights reserved, reproduction without written permission is prohibited.`

// genStream returns the articles of events evs, three per event, the
// events one after another from start (every step apart), each event's
// reports a few hours apart; filler is appended to every article.
func genStream(prefix string, evs []genEvent, start time.Time, step time.Duration, filler string) ([]*crosscheck.Article, [][]string) {
	var arts []*crosscheck.Article
	var want [][]string
	for i, e := range evs {
		var g []string
		for k := range 3 {
			id := fmt.Sprintf("%s%02d-%d", prefix, i, k)
			at := start.Add(time.Duration(i)*step + time.Duration(k)*5*time.Hour)
			arts = append(arts, genArticle(id, e, k, filler, at))
			g = append(g, id)
		}
		want = append(want, g)
	}
	return arts, want
}

// After an idle gap longer than the live window every live story has been
// evicted; the articles that arrive next are compared only with each other.
// Reports of different events that share a page template must still come
// out as separate stories: the boilerplate they share is no evidence of one
// event, however many articles the stream saw before the gap.
func TestIdleGapTemplatedEventsStaySeparate(t *testing.T) {
	opt := Defaults()
	opt.IdleWindow = 72 * time.Hour
	before, _ := genStream("a", historyEvents(20), day0, 20*time.Hour, "")
	// Ten days after the last article before the gap: longer than the window.
	gapStart := before[len(before)-1].Published.Add(10 * 24 * time.Hour)
	after, want := genStream("b", genEvents, gapStart, 3*time.Hour, templateFiller)

	o := NewOnline(opt)
	for _, a := range before {
		o.Add(a)
	}
	live := o.Live()
	o.Add(after[0])
	if o.Live() != 1 || live == 0 {
		t.Fatalf("live stories: %d before the gap, %d after its first article; want some, then 1 (all evicted)", live, o.Live())
	}
	for _, a := range after[1:] {
		o.Add(a)
	}
	var got [][]string
	for _, g := range groups(o.Stories()) {
		if strings.HasPrefix(g[0], "b") {
			got = append(got, g)
		}
	}
	if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("stories after the gap = %v\nwant %v", got, want)
	}
}

// The same templated events as the first articles of a stream: the case the
// cold-start margin was made for, and the reference for the test above.
func TestColdStartTemplatedEventsStaySeparate(t *testing.T) {
	opt := Defaults()
	opt.IdleWindow = 72 * time.Hour
	arts, want := genStream("b", genEvents, day0, 3*time.Hour, templateFiller)
	o := NewOnline(opt)
	for _, a := range arts {
		o.Add(a)
	}
	if got := groups(o.Stories()); !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("stories = %v\nwant %v", got, want)
	}
}

// The background ages with stream time: a stream idle for many windows
// restarts with nearly the whole cold-start margin, while one whose
// articles keep arriving within the window keeps it small.
func TestIdleGapRestartsColdStart(t *testing.T) {
	opt := Defaults()
	opt.IdleWindow = 72 * time.Hour
	o := NewOnline(opt)
	hist, _ := genStream("a", historyEvents(20), day0, time.Hour, "") // 60 articles in 30 hours
	for _, a := range hist {
		o.Add(a)
	}
	busy := o.joinThreshold() - opt.Threshold
	if busy > 0.6*coldStartMargin {
		t.Fatalf("after %d articles within the window the margin is %v, want below %v", len(hist), busy, 0.6*coldStartMargin)
	}
	o.Advance(hist[len(hist)-1].Published.Add(30 * 24 * time.Hour))
	if o.Live() != 0 {
		t.Fatalf("live = %d after 30 idle days, want 0", o.Live())
	}
	if got := o.joinThreshold() - opt.Threshold; got < 0.99*coldStartMargin {
		t.Errorf("margin after 30 idle days = %v, want about %v (a restarted stream)", got, coldStartMargin)
	}
}
