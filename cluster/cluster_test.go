package cluster

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

var day0 = time.Date(2023, 9, 8, 22, 0, 0, 0, time.UTC)

func article(id, outlet, title, body string, at time.Time) *crosscheck.Article {
	a := &crosscheck.Article{ID: id, Outlet: outlet, Title: title, Text: text.Prepare(body), Language: "en"}
	if !at.IsZero() {
		a.Published = &at
	}
	text.Analyze(a)
	return a
}

// Two earthquakes in the same week, each reported by three outlets, plus an
// unrelated story: three stories.
func quakeSet() []*crosscheck.Article {
	h := time.Hour
	return []*crosscheck.Article{
		article("m1", "Reuters", "Powerful earthquake in Morocco kills more than 600",
			"A powerful magnitude 6.8 earthquake struck Morocco's High Atlas mountains late on Friday, killing at least 632 people and damaging buildings in the historic city of Marrakech, the interior ministry said.\nThe epicentre was near Ighil in Al Haouz province, about 70 km south-west of Marrakech.\nRescue teams searched through rubble in mountain villages where mud-brick homes collapsed.",
			day0.Add(3*h)),
		article("m2", "BBC", "Morocco earthquake: death toll passes 800 in Atlas villages",
			"More than 800 people have died after a magnitude 6.8 earthquake hit Morocco, officials in Rabat say.\nThe quake struck the High Atlas on Friday night; the worst damage was in Al Haouz province, south of Marrakech.\nKing Mohammed VI declared three days of national mourning as rescuers dug through the rubble of Ighil and nearby villages.",
			day0.Add(12*h)),
		article("m3", "Al Jazeera", "Survivors sleep outside as Morocco counts its dead",
			"Residents of Marrakech slept in the streets for a second night after the 6.8 earthquake that devastated villages of the High Atlas.\nMorocco's interior ministry raised the toll to 2,012 dead, most of them in Al Haouz province.\nKing Mohammed VI ordered shelters and food for the survivors around Ighil.",
			day0.Add(40*h)),
		article("a1", "Reuters", "Earthquake in western Afghanistan kills at least 100",
			"A magnitude 6.3 earthquake struck western Afghanistan on Saturday, killing at least 100 people in Herat province, a Taliban government spokesman said.\nThe epicentre was 40 km north-west of the city of Herat, near the district of Zindajan.\nHouses collapsed in several villages and rescue teams were sent from Kabul.",
			day0.Add(5*24*h)),
		article("a2", "AP", "Afghan quake toll rises as Herat villages are flattened",
			"The death toll from Saturday's magnitude 6.3 earthquake in Afghanistan's Herat province rose sharply, the Taliban administration said.\nWhole villages in Zindajan district were flattened, and survivors dug with their hands.\nAid agencies in Kabul said the Herat region needed tents, water and medicine.",
			day0.Add(5*24*h+8*h)),
		article("a3", "Tolo News", "Taliban appeal for aid after Herat earthquake",
			"Officials of the Taliban government appealed for international aid after the 6.3 earthquake in Herat.\nIn Zindajan, rescue teams from Kabul pulled survivors from the rubble of mud houses.\nThe United Nations said it had sent medical teams to Herat province.",
			day0.Add(6*24*h)),
		article("f1", "ESPN", "Spain beat England to win the Women's World Cup",
			"Olga Carmona's first-half goal gave Spain a 1-0 victory over England in the Women's World Cup final in Sydney.\nThe Lionesses, coached by Sarina Wiegman, pressed for an equaliser but could not break down the Spanish defence.\nSpain's captain lifted the trophy in front of 75,784 fans at Stadium Australia.",
			day0.Add(2*24*h)),
	}
}

func groups(stories []*crosscheck.Story) [][]string {
	var out [][]string
	for _, s := range stories {
		g := slices.Clone(s.Articles)
		slices.Sort(g)
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b []string) int { return strings.Compare(a[0], b[0]) })
	return out
}

func wantQuakeGroups(t *testing.T, got [][]string) {
	t.Helper()
	want := [][]string{{"a1", "a2", "a3"}, {"f1"}, {"m1", "m2", "m3"}}
	if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("groups = %v, want %v", got, want)
	}
}

func TestOnlineTwoEarthquakesSameWeek(t *testing.T) {
	o := NewOnline(Defaults())
	for _, a := range quakeSet() {
		o.Add(a)
	}
	stories := o.Stories()
	wantQuakeGroups(t, groups(stories))
	for _, s := range stories {
		if !slices.Contains(s.Articles, "m1") {
			continue
		}
		if s.ID != "sm1" {
			t.Errorf("story id = %q, want sm1 (s + the opening article)", s.ID)
		}
		if !slices.Equal(s.Articles, []string{"m1", "m2", "m3"}) {
			t.Errorf("articles not in time order: %v", s.Articles)
		}
		if !slices.Equal(s.Outlets, []string{"Reuters", "BBC", "Al Jazeera"}) {
			t.Errorf("outlets = %v", s.Outlets)
		}
		if s.FirstSeen == nil || !s.FirstSeen.Equal(day0.Add(3*time.Hour)) || s.LastSeen == nil || !s.LastSeen.Equal(day0.Add(40*time.Hour)) {
			t.Errorf("first/last seen = %v/%v", s.FirstSeen, s.LastSeen)
		}
		if !strings.Contains(s.Title, "Morocco") {
			t.Errorf("title = %q, want one of the Morocco headlines", s.Title)
		}
	}
}

func TestOnlineReturnsStoryIDs(t *testing.T) {
	o := NewOnline(Defaults())
	arts := quakeSet()
	id, isNew := o.Add(arts[0])
	if id != "sm1" || !isNew {
		t.Fatalf("first Add = %q, %v; want sm1, true", id, isNew)
	}
	id, isNew = o.Add(arts[1])
	if id != "sm1" || isNew {
		t.Fatalf("second Add = %q, %v; want sm1, false", id, isNew)
	}
	id, isNew = o.Add(arts[3])
	if id != "sa1" || !isNew {
		t.Fatalf("Afghan quake Add = %q, %v; want sa1, true", id, isNew)
	}
}

func TestBatchTwoEarthquakesSameWeek(t *testing.T) {
	arts := quakeSet()
	// Input order must not matter to Batch: reverse it.
	slices.Reverse(arts)
	wantQuakeGroups(t, groups(Batch(arts, Defaults())))
}

func TestOnlineAndBatchAgree(t *testing.T) {
	arts := quakeSet()
	o := NewOnline(Defaults())
	for _, a := range arts {
		o.Add(a)
	}
	on, ba := groups(o.Stories()), groups(Batch(arts, Defaults()))
	if !slices.EqualFunc(on, ba, slices.Equal[[]string]) {
		t.Errorf("online %v != batch %v", on, ba)
	}
}

func TestIdleWindowEviction(t *testing.T) {
	arts := quakeSet()
	var evicted []*crosscheck.Story
	opt := Defaults()
	opt.IdleWindow = 48 * time.Hour
	opt.OnEvict = func(s *crosscheck.Story) { evicted = append(evicted, s) }
	o := NewOnline(opt)
	for _, a := range arts[:3] { // Morocco, last at day0+40h
		o.Add(a)
	}
	if o.Live() != 1 {
		t.Fatalf("live = %d, want 1", o.Live())
	}
	o.Add(arts[3]) // Afghanistan at day0+120h: Morocco idle for 80h > 48h
	if o.Live() != 1 || len(evicted) != 1 || evicted[0].ID != "sm1" || len(evicted[0].Articles) != 3 {
		t.Fatalf("after idle window: live=%d evicted=%v", o.Live(), evicted)
	}
	// A late Morocco article cannot join the evicted story: it opens a new one.
	late := article("m4", "AFP", "Morocco earthquake: Marrakech rebuilds", "A week after the 6.8 earthquake in the High Atlas, Marrakech and Al Haouz province began rebuilding; King Mohammed VI visited Ighil.", day0.Add(130*time.Hour))
	if id, isNew := o.Add(late); !isNew || id != "sm4" {
		t.Errorf("late article joined %q (new=%v), want a new story", id, isNew)
	}
	// Advance evicts on a quiet clock too.
	o.Advance(day0.Add(30 * 24 * time.Hour))
	if o.Live() != 0 || len(evicted) != 3 {
		t.Errorf("after Advance: live=%d evicted=%d, want 0 and 3", o.Live(), len(evicted))
	}
	if got := o.Stories(); len(got) != 0 {
		t.Errorf("Stories with OnEvict set = %d stories, want 0 (handed to OnEvict)", len(got))
	}

	// Without OnEvict, evicted stories stay in the result.
	opt.OnEvict = nil
	o = NewOnline(opt)
	for _, a := range arts[:4] {
		o.Add(a)
	}
	if o.Live() != 1 {
		t.Errorf("live = %d, want 1", o.Live())
	}
	if got := len(o.Stories()); got != 2 {
		t.Errorf("stories = %d, want 2 (one evicted, one live)", got)
	}
}

func TestUndatedArticlesNeverEvicted(t *testing.T) {
	opt := Defaults()
	opt.IdleWindow = time.Hour
	o := NewOnline(opt)
	for _, a := range quakeSet() {
		a.Published = nil
		o.Add(a)
	}
	if o.Live() != 3 {
		t.Errorf("live = %d, want 3: without dates there is no clock to evict by", o.Live())
	}
	wantQuakeGroups(t, groups(o.Stories()))
}

func TestEmptyArticle(t *testing.T) {
	o := NewOnline(Defaults())
	id1, new1 := o.Add(article("e1", "", "", "", time.Time{}))
	id2, new2 := o.Add(article("e2", "", "", "", time.Time{}))
	if !new1 || !new2 || id1 == id2 {
		t.Errorf("empty articles: %q %v, %q %v; want two new stories", id1, new1, id2, new2)
	}
	if got := Batch(nil, Defaults()); got != nil {
		t.Errorf("Batch(nil) = %v", got)
	}
}

func seedArticles(t *testing.T) []*crosscheck.Article {
	dir := filepath.Join("..", "..", "shared", "corpus", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("seed corpus not found at %s; skipping", dir)
	}
	var arts []*crosscheck.Article
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw := string(b)
		title := ""
		// A short first line is the headline (as the extract stage decides).
		if first, rest, ok := strings.Cut(raw, "\n"); ok && len(first) < 150 {
			title, raw = strings.TrimSpace(first), rest
		}
		arts = append(arts, article(filepath.Base(f), filepath.Base(f)[:3], title, raw, time.Time{}))
	}
	return arts
}

func TestSeedsAreOneStory(t *testing.T) {
	arts := seedArticles(t)
	o := NewOnline(Defaults())
	for _, a := range arts {
		o.Add(a)
	}
	if got := o.Stories(); len(got) != 1 {
		t.Errorf("online: %d stories, want 1: %v", len(got), groups(got))
	}
	if got := Batch(arts, Defaults()); len(got) != 1 {
		t.Errorf("batch: %d stories, want 1: %v", len(got), groups(got))
	} else if !strings.Contains(got[0].Title, "Belarus") {
		t.Errorf("title = %q", got[0].Title)
	}
}

// The quake tests are only meaningful if the grouping depends on the
// threshold: far below zero (similarities are of centred vectors, so
// different events score below zero) everything merges, near one nothing
// does.
func TestThresholdMatters(t *testing.T) {
	arts := quakeSet()
	lo, hi := Defaults(), Defaults()
	lo.Threshold, hi.Threshold = -0.9, 0.99
	if n := len(Batch(arts, lo)); n >= 3 {
		t.Errorf("threshold -0.9: %d stories, want fewer than 3", n)
	}
	o := NewOnline(hi)
	for _, a := range arts {
		o.Add(a)
	}
	if n := len(o.Stories()); n != len(arts) {
		t.Errorf("threshold 0.99: %d stories, want %d singletons", n, len(arts))
	}
}

// Early in a stream an article needs more than Threshold to join a story
// (there is no background to centre on yet); the margin fades as the
// stream grows. (The stream here jumps days ahead, past an IdleWindow,
// which ages the background and raises the margin again, see Online.age
// and TestIdleGapRestartsColdStart; without a window the background only
// grows.)
func TestColdStartMargin(t *testing.T) {
	opt := Defaults()
	opt.IdleWindow = 0
	o := NewOnline(opt)
	if got, want := o.joinThreshold(), opt.Threshold+coldStartMargin; math.Abs(got-want) > 1e-12 {
		t.Fatalf("join threshold of an empty stream = %v, want %v", got, want)
	}
	prev := o.joinThreshold()
	for i := range 400 {
		a := quakeSet()[i%7]
		a.ID = fmt.Sprintf("%s-%d", a.ID, i)
		o.Add(a)
		jt := o.joinThreshold()
		if jt > prev || jt <= opt.Threshold {
			t.Fatalf("after %d articles: join threshold %v (before %v, Threshold %v): want it falling towards Threshold", i+1, jt, prev, opt.Threshold)
		}
		prev = jt
	}
	if prev-opt.Threshold > coldStartMargin/8 {
		t.Errorf("after 400 articles the margin is still %v", prev-opt.Threshold)
	}
}

func TestBenchSmall(t *testing.T) {
	var sb strings.Builder
	opt := Defaults()
	opt.IdleWindow = 2 * time.Hour
	res := Bench(&sb, BenchConfig{N: 3000, Seed: 7, Options: opt, EventSpan: time.Hour, Interval: 10 * time.Second})
	if res.Purity < 0.95 {
		t.Errorf("purity = %.3f, want ≥ 0.95\n%s", res.Purity, sb.String())
	}
	if res.Stories < res.Events*9/10 || res.Stories > res.Events*11/10 {
		t.Errorf("stories = %d for %d events", res.Stories, res.Events)
	}
	// One article every ten seconds (8h of stream), a two-hour window and one-hour events: far
	// fewer stories live at once than opened.
	if res.MaxLive >= res.Stories/2 {
		t.Errorf("max live = %d of %d stories: eviction is not bounding the live set", res.MaxLive, res.Stories)
	}
}
