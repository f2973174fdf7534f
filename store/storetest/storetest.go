// Package storetest is the conformance suite every crosscheck.Store passes:
// store/sqlite always, store/postgres when a PostgreSQL server is given.
// Run it from an implementation's tests:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) crosscheck.Store { … a fresh, empty store … })
//	}
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

// Run runs the suite. open must return a fresh, empty store for each call;
// Run closes it.
func Run(t *testing.T, open func(t *testing.T) crosscheck.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st crosscheck.Store)
	}{
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"ArticlesOrder", testArticlesOrder},
		{"RecentArticles", testRecentArticles},
		{"ConcurrentAddArticle", testConcurrentAdd},
		{"AddArticles", testAddArticles},
		{"StoryRoundTrip", testStoryRoundTrip},
		{"StoryNeedsArticles", testStoryNeedsArticles},
		{"ListingOrders", testListingOrders},
		{"ListingFilters", testListingFilters},
		{"ListingPaging", testListingPaging},
		{"EntityAggregation", testEntity},
		{"Search", testSearch},
		{"NotFound", testNotFound},
		{"UnplacedArticles", testUnplacedArticles},
		{"StoryRevision", testStoryRevision},
		{"Watchlists", testWatchlists},
		{"ConcurrentDeliveryClaims", testConcurrentDeliveryClaims},
		{"Feeds", testFeeds},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() {
				if err := st.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tc.fn(t, st)
		})
	}
}

var base = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)

// Article makes a segmented article whose ID is derived from the name, so
// tests can make as many distinct ones as they like.
func Article(name, outlet, lang string, published *time.Time, title, body string) *crosscheck.Article {
	a := &crosscheck.Article{
		ID:        "a" + name,
		Source:    name + ".txt",
		Outlet:    outlet,
		URL:       "https://" + strings.ToLower(strings.ReplaceAll(outlet, " ", "")) + ".test/" + name,
		Title:     title,
		Language:  lang,
		Published: published,
		Text:      body,
		Byline:    "By Staff",
		Boilerplate: []crosscheck.Removed{{
			Text: "Share this article", Reason: "share line",
		}},
	}
	text.Analyze(a)
	return a
}

func at(h int) *time.Time {
	t := base.Add(time.Duration(h) * time.Hour)
	return &t
}

func ctx(t *testing.T) context.Context { return t.Context() }

func mustAdd(t *testing.T, st crosscheck.Store, arts ...*crosscheck.Article) {
	t.Helper()
	for _, a := range arts {
		if _, err := st.AddArticle(ctx(t), a); err != nil {
			t.Fatalf("AddArticle(%s): %v", a.ID, err)
		}
	}
}

func mustPut(t *testing.T, st crosscheck.Store, stories ...*crosscheck.Story) {
	t.Helper()
	for _, s := range stories {
		if err := st.PutStory(ctx(t), s); err != nil {
			t.Fatalf("PutStory(%s): %v", s.ID, err)
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// testAddArticles stores a batch holding an article twice, one stored
// before and one without an ID: each gets AddArticle's answer, and the bad
// one fails alone. Stores without batches skip it.
func testAddArticles(t *testing.T, st crosscheck.Store) {
	batcher, ok := st.(crosscheck.ArticleBatches)
	if !ok {
		t.Skip("the store does not add articles in batches")
	}
	a := Article("batch-a", "Harbour Post", "en", at(0), "Ferry resumes", "The ferry resumed on Monday. It had been stopped for a week.")
	b := Article("batch-b", "Harbour Post", "en", at(1), "Ferry fares", "Fares rose by 5 percent. The operator cited fuel costs.")
	if _, err := st.AddArticle(ctx(t), b); err != nil {
		t.Fatal(err)
	}
	added, errs := batcher.AddArticles(ctx(t), []*crosscheck.Article{a, {Title: "no ID"}, a, b})
	want := []bool{true, false, false, false}
	for i := range want {
		if added[i] != want[i] || (errs[i] != nil) != (i == 1) {
			t.Errorf("article %d: added %v, err %v; want added %v and an error only for the article without an ID", i, added[i], errs[i], want[i])
		}
	}
	got, err := st.Article(ctx(t), a.ID)
	if err != nil || got.Title != a.Title {
		t.Fatalf("batch article read back: %v, %v", got, err)
	}
	if hits, err := st.Search(ctx(t), "ferry resumed", 10); err != nil || len(hits) != 1 || hits[0].Article != a.ID {
		t.Errorf("Search for the batch article: %v, %v", hits, err)
	}
}

func testArticleRoundTrip(t *testing.T, st crosscheck.Store) {
	a := Article("round", "Harbour Post", "en", at(0), "Bridge reopens after repairs",
		"The bridge reopened on Monday after six weeks of repairs.\nOfficials said 1,200 cars crossed in the first hour.")
	added, err := st.AddArticle(ctx(t), a)
	if err != nil || !added {
		t.Fatalf("first AddArticle = %v, %v; want true, nil", added, err)
	}
	added, err = st.AddArticle(ctx(t), a)
	if err != nil || added {
		t.Fatalf("second AddArticle = %v, %v; want false, nil (idempotent)", added, err)
	}
	// Same ID, different content: the stored article is left as it was.
	changed := *a
	changed.Title = "Something else"
	if added, err := st.AddArticle(ctx(t), &changed); err != nil || added {
		t.Fatalf("AddArticle of a changed copy = %v, %v; want false, nil", added, err)
	}
	got, err := st.Article(ctx(t), a.ID)
	if err != nil {
		t.Fatalf("Article: %v", err)
	}
	if jsonOf(t, got) != jsonOf(t, a) {
		t.Errorf("Article round trip:\n got %s\nwant %s", jsonOf(t, got), jsonOf(t, a))
	}
	if !got.Published.Equal(*a.Published) {
		t.Errorf("Published = %v, want %v", got.Published, a.Published)
	}
	// Paragraphs and sentences come back as stored (the JSON comparison
	// above covers them); tokens are not stored, and text.Analyze makes
	// the same ones again.
	if len(got.Sentences) == 0 || len(got.Paragraphs) == 0 {
		t.Errorf("segmentation not restored: %d paragraphs, %d sentences", len(got.Paragraphs), len(got.Sentences))
	}
	text.Analyze(got)
	if len(got.Tokens) == 0 || !slices.Equal(got.Tokens, a.Tokens) || !slices.Equal(got.SentenceTokens, a.SentenceTokens) {
		t.Errorf("text layer not reproduced: %d tokens, want %d", len(got.Tokens), len(a.Tokens))
	}
	undated := Article("undated", "Harbour Post", "", nil, "", "A line with no date and no title.")
	mustAdd(t, st, undated)
	got, err = st.Article(ctx(t), undated.ID)
	if err != nil {
		t.Fatalf("Article(undated): %v", err)
	}
	if got.Published != nil || got.Text != undated.Text {
		t.Errorf("undated article came back as published=%v text=%q", got.Published, got.Text)
	}
}

func testArticlesOrder(t *testing.T, st crosscheck.Store) {
	var ids []string
	for i := range 7 {
		a := Article(fmt.Sprintf("ord%d", i), "Outlet", "en", at(i), fmt.Sprintf("Title %d", i), fmt.Sprintf("Body number %d of the order test.", i))
		mustAdd(t, st, a)
		ids = append(ids, a.ID)
	}
	ask := []string{ids[5], "aunknown", ids[0], ids[3], ids[0]}
	got, err := st.Articles(ctx(t), ask)
	if err != nil {
		t.Fatal(err)
	}
	var gotIDs []string
	for _, a := range got {
		gotIDs = append(gotIDs, a.ID)
		if len(a.Sentences) == 0 {
			t.Errorf("article %s has no sentences", a.ID)
		}
	}
	want := []string{ids[5], ids[0], ids[3]}
	if !slices.Equal(gotIDs, want) {
		t.Errorf("Articles(%v) = %v, want %v", ask, gotIDs, want)
	}
	if got, err := st.Articles(ctx(t), nil); err != nil || len(got) != 0 {
		t.Errorf("Articles(nil) = %d, %v; want none, nil", len(got), err)
	}
}

func testStoryRevision(t *testing.T, store crosscheck.Store) {
	st, ok := store.(crosscheck.StoryRevisions)
	if !ok {
		t.Fatalf("%T does not implement crosscheck.StoryRevisions", store)
	}
	if _, err := st.StoryRevision(ctx(t), "snone"); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("StoryRevision(unknown) error = %v, want ErrNotFound", err)
	}
	a := Article("rev1", "Outlet", "en", at(0), "T", "Body of the revision test.")
	mustAdd(t, store, a)
	s := &crosscheck.Story{ID: "srev", Title: "First", Articles: []string{a.ID}}
	seen := map[int64]bool{}
	for i := range 3 {
		s.Title = fmt.Sprintf("Title %d", i)
		mustPut(t, store, s)
		rev, err := st.StoryRevision(ctx(t), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if seen[rev] {
			t.Fatalf("put %d: revision %d again", i, rev)
		}
		seen[rev] = true
		again, err := st.StoryRevision(ctx(t), s.ID)
		if err != nil || again != rev {
			t.Errorf("revision read twice without a put: %d then %d (%v)", rev, again, err)
		}
	}
}

func testUnplacedArticles(t *testing.T, st crosscheck.Store) {
	var arts []*crosscheck.Article
	for i := range 4 {
		a := Article(fmt.Sprintf("unplaced%d", i), "Outlet", "en", at(i*24), "T", fmt.Sprintf("Body of unplaced article %d.", i))
		mustAdd(t, st, a)
		arts = append(arts, a)
	}
	// Articles 0 and 2 are put with a story; 1 and 3 are left out.
	s := &crosscheck.Story{ID: "sunplaced", Title: "T", Articles: []string{arts[0].ID, arts[2].ID}}
	if err := st.PutStory(ctx(t), s); err != nil {
		t.Fatal(err)
	}
	var got []string
	for a, err := range st.UnplacedArticles(ctx(t)) {
		if err != nil {
			t.Fatalf("UnplacedArticles: %v", err)
		}
		if len(a.Sentences) == 0 {
			t.Errorf("unplaced article %s has no sentences", a.ID)
		}
		got = append(got, a.ID)
	}
	if want := []string{arts[1].ID, arts[3].ID}; !slices.Equal(got, want) {
		t.Errorf("UnplacedArticles = %v, want %v", got, want)
	}
}

func testRecentArticles(t *testing.T, st crosscheck.Store) {
	// Stored out of publication order: RecentArticles gives arrival order.
	order := []int{5, 1, 9, 3, 7}
	var want []string
	for _, h := range order {
		a := Article(fmt.Sprintf("recent%d", h), "Outlet", "en", at(h*24), "T", fmt.Sprintf("Story body for day %d.", h))
		mustAdd(t, st, a)
		if h >= 3 {
			want = append(want, a.ID)
		}
	}
	undated := Article("recentundated", "Outlet", "en", nil, "T", "Undated body counts at its ingestion time.")
	mustAdd(t, st, undated)

	collect := func(since time.Time) []string {
		var ids []string
		for a, err := range st.RecentArticles(ctx(t), since) {
			if err != nil {
				t.Fatalf("RecentArticles: %v", err)
			}
			if len(a.Sentences) == 0 {
				t.Errorf("recent article %s has no sentences", a.ID)
			}
			ids = append(ids, a.ID)
		}
		return ids
	}
	// The undated article was ingested now, long after the base date.
	if got := collect(*at(3 * 24)); !slices.Equal(got, append(slices.Clone(want), undated.ID)) {
		t.Errorf("RecentArticles(day 3) = %v, want %v + %s", got, want, undated.ID)
	}
	if got := collect(time.Now().Add(time.Hour)); len(got) != 0 {
		t.Errorf("RecentArticles(future) = %v, want none", got)
	}
	// Stopping early is allowed.
	n := 0
	for range st.RecentArticles(ctx(t), time.Time{}) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("early stop yielded %d", n)
	}
}

func testConcurrentAdd(t *testing.T, st crosscheck.Store) {
	const workers, articles = 8, 25
	arts := make([]*crosscheck.Article, articles)
	for i := range arts {
		arts[i] = Article(fmt.Sprintf("conc%02d", i), fmt.Sprintf("Outlet %d", i%3), "en", at(i), fmt.Sprintf("Concurrent %d", i),
			fmt.Sprintf("Paragraph one of article %d.\nParagraph two says something else about %d.", i, i))
	}
	var mu sync.Mutex
	addedBy := map[string]int{}
	var wg sync.WaitGroup
	errs := make(chan error, workers*articles)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range arts {
				a := arts[(i+w*7)%articles] // each worker in its own order
				added, err := st.AddArticle(ctx(t), a)
				if err != nil {
					errs <- err
					return
				}
				if added {
					mu.Lock()
					addedBy[a.ID]++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent AddArticle: %v", err)
	}
	for _, a := range arts {
		if addedBy[a.ID] != 1 {
			t.Errorf("article %s reported added %d times, want exactly 1", a.ID, addedBy[a.ID])
		}
	}
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	got, err := st.Articles(ctx(t), ids)
	if err != nil || len(got) != articles {
		t.Fatalf("Articles after concurrent adds = %d, %v; want %d", len(got), err, articles)
	}
	n := 0
	for _, err := range st.RecentArticles(ctx(t), time.Time{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != articles {
		t.Errorf("RecentArticles counts %d articles, want %d (stored once each)", n, articles)
	}
}

func str(s string) *string { return &s }

// fixture is a small world of articles and stories for the listing and
// entity tests.
type fixture struct {
	arts    map[string]*crosscheck.Article
	stories []*crosscheck.Story
}

// newFixture stores four stories:
//
//	s1: 3 outlets, 4 articles, 1 conflict, en, hours 0–5, Mara Quell (person)
//	s2: 2 outlets, 2 articles, 3 conflicts, fr, hours 30–31, Mara Quell as "Mara Quéll"
//	s3: 1 outlet, 1 article, 0 conflicts, en, undated
//	s4: 2 outlets, 3 articles, 0 conflicts, en+de, hours 50–60
func newFixture(t *testing.T, st crosscheck.Store) *fixture {
	f := &fixture{arts: map[string]*crosscheck.Article{}}
	add := func(name, outlet, lang string, h *time.Time, title, body string) string {
		a := Article(name, outlet, lang, h, title, body)
		f.arts[a.ID] = a
		mustAdd(t, st, a)
		return a.ID
	}
	mara := "eperson-mara"
	port := "eplace-port"
	s1 := &crosscheck.Story{
		ID:    "s1",
		Title: "Harbour strike enters second day",
		Articles: []string{
			add("h1", "Harbour Post", "en", at(0), "Harbour strike begins", "Dock workers walked out at dawn, said Mara Quell.\nAbout 300 workers joined."),
			add("h2", "Coastal Daily", "en", at(2), "Strike at the harbour", "Some 400 workers joined the strike, Quell said."),
			add("h3", "Coastal Daily", "en", at(3), "Harbour strike grows", "The strike grew on its second morning."),
			add("h4", "Bay Wire", "en", at(5), "Harbour strike enters second day", "Mara Quell, the union leader, said talks would resume."),
		},
		Outlets:   []string{"Harbour Post", "Coastal Daily", "Bay Wire"},
		FirstSeen: at(0), LastSeen: at(5),
		Entities: []crosscheck.Entity{
			{ID: mara, Name: "Mara Quell", Type: crosscheck.EntityPerson, Variants: []string{"Mara Quell", "Quell"}},
			{ID: port, Name: "Port Lenning", Type: crosscheck.EntityPlace, Variants: []string{"Port Lenning"}},
		},
		Quotes: []crosscheck.Quote{
			{ID: "q1", Speaker: "Mara Quell", SpeakerEntity: str(mara), Text: "Dock workers walked out at dawn", Direct: false, Cue: "said"},
			{ID: "q2", Speaker: "a spokesman", Text: "We are listening", Direct: true, Cue: "said"},
		},
		Findings: []crosscheck.Finding{
			{ID: "f1", Kind: crosscheck.FindingConflict, About: "workers", Values: []crosscheck.FindingValue{{Value: "300"}, {Value: "400"}}},
			{ID: "f2", Kind: crosscheck.FindingAgreement, About: "when"},
		},
	}
	s2 := &crosscheck.Story{
		ID:    "s2",
		Title: "Grève au port",
		Articles: []string{
			add("f1", "Le Matin", "fr", at(30), "Grève au port", "Les dockers sont en grève, selon Mara Quéll."),
			add("f2", "Ouest Soir", "fr", at(31), "Le port à l'arrêt", "Le port est à l'arrêt depuis mardi."),
		},
		Outlets:   []string{"Le Matin", "Ouest Soir"},
		FirstSeen: at(30), LastSeen: at(31),
		Entities: []crosscheck.Entity{
			{ID: mara, Name: "Mara Quéll", Type: crosscheck.EntityPerson, Variants: []string{"Mara Quéll", "M. Quell"}},
		},
		Quotes: []crosscheck.Quote{
			{ID: "q3", Speaker: "Mara Quéll", SpeakerEntity: str(mara), Text: "Nous continuerons", Direct: true, Cue: "a déclaré"},
		},
		Findings: []crosscheck.Finding{
			{ID: "f3", Kind: crosscheck.FindingConflict, About: "a"},
			{ID: "f4", Kind: crosscheck.FindingConflict, About: "b"},
			{ID: "f5", Kind: crosscheck.FindingConflict, About: "c"},
			{ID: "f6", Kind: crosscheck.FindingSingleSource, About: "d"},
		},
	}
	s3 := &crosscheck.Story{
		ID:       "s3",
		Title:    "Undated notice",
		Articles: []string{add("u1", "Harbour Post", "en", nil, "Undated notice", "A notice without a date about the ferry timetable.")},
		Outlets:  []string{"Harbour Post"},
	}
	s4 := &crosscheck.Story{
		ID:    "s4",
		Title: "Ferry timetable changes",
		Articles: []string{
			add("g1", "Bay Wire", "en", at(50), "Ferry timetable changes", "The ferry timetable changes next week."),
			add("g2", "Nordblatt", "de", at(55), "Neuer Fahrplan", "Der Fahrplan der Fähre ändert sich."),
			add("g3", "Bay Wire", "en", at(60), "Ferry changes confirmed", "The changes were confirmed on Friday."),
		},
		Outlets:   []string{"Bay Wire", "Nordblatt"},
		FirstSeen: at(50), LastSeen: at(60),
		Entities: []crosscheck.Entity{{ID: port, Name: "Port Lenning", Type: crosscheck.EntityPlace, Variants: []string{"Port Lenning", "Lenning"}}},
	}
	f.stories = []*crosscheck.Story{s1, s2, s3, s4}
	mustPut(t, st, f.stories...)
	return f
}

func ids(sums []crosscheck.StorySummary) []string {
	out := make([]string, len(sums))
	for i, s := range sums {
		out[i] = s.ID
	}
	return out
}

func list(t *testing.T, st crosscheck.Store, q crosscheck.StoryQuery) []string {
	t.Helper()
	sums, err := st.Stories(ctx(t), q)
	if err != nil {
		t.Fatalf("Stories(%+v): %v", q, err)
	}
	return ids(sums)
}

func testStoryRoundTrip(t *testing.T, st crosscheck.Store) {
	f := newFixture(t, st)
	for _, s := range f.stories {
		got, err := st.Story(ctx(t), s.ID)
		if err != nil {
			t.Fatalf("Story(%s): %v", s.ID, err)
		}
		if jsonOf(t, got) != jsonOf(t, s) {
			t.Errorf("Story(%s) round trip:\n got %s\nwant %s", s.ID, jsonOf(t, got), jsonOf(t, s))
		}
		for _, a := range s.Articles {
			if sid, err := st.StoryOf(ctx(t), a); err != nil || sid != s.ID {
				t.Errorf("StoryOf(%s) = %q, %v; want %s", a, sid, err, s.ID)
			}
		}
	}
	// Replacing: s4 loses g3 to s3 and gains a conflict.
	s4 := *f.stories[3]
	s4.Articles = s4.Articles[:2]
	s4.Title = "Ferry timetable changes (updated)"
	s4.Findings = []crosscheck.Finding{{ID: "fx", Kind: crosscheck.FindingConflict, About: "date"}}
	s3 := *f.stories[2]
	s3.Articles = append(slices.Clone(s3.Articles), "ag3")
	mustPut(t, st, &s4, &s3)
	got, err := st.Story(ctx(t), "s4")
	if err != nil || jsonOf(t, got) != jsonOf(t, &s4) {
		t.Errorf("Story(s4) after replace = %v, %v", got, err)
	}
	if sid, err := st.StoryOf(ctx(t), "ag3"); err != nil || sid != "s3" {
		t.Errorf("StoryOf(ag3) after the move = %q, %v; want s3", sid, err)
	}
	sums, err := st.Stories(ctx(t), crosscheck.StoryQuery{Order: crosscheck.OrderMostContested, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]crosscheck.StorySummary{}
	for _, s := range sums {
		byID[s.ID] = s
	}
	if s := byID["s4"]; s.Title != s4.Title || s.Articles != 2 || s.Conflicts != 1 {
		t.Errorf("summary of replaced s4 = %+v", s)
	}
	if n := len(sums); n != 4 {
		t.Errorf("%d stories after replacing, want 4", n)
	}
}

func testStoryNeedsArticles(t *testing.T, st crosscheck.Store) {
	a := Article("lonely", "Outlet", "en", at(0), "T", "Body.")
	mustAdd(t, st, a)
	err := st.PutStory(ctx(t), &crosscheck.Story{ID: "sbad", Articles: []string{a.ID, "anotstored"}})
	if err == nil || !strings.Contains(err.Error(), "anotstored") {
		t.Errorf("PutStory with an unstored article: err = %v, want one naming anotstored", err)
	}
	if _, err := st.Story(ctx(t), "sbad"); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("a refused story was stored: Story(sbad) err = %v", err)
	}
}

func testListingOrders(t *testing.T, st crosscheck.Store) {
	newFixture(t, st)
	// s3 is undated: it sorts at the time it was stored, i.e. now, after
	// every dated story of the fixture.
	if got, want := list(t, st, crosscheck.StoryQuery{}), []string{"s3", "s4", "s2", "s1"}; !slices.Equal(got, want) {
		t.Errorf("newest = %v, want %v", got, want)
	}
	if got, want := list(t, st, crosscheck.StoryQuery{Order: crosscheck.OrderMostSources}), []string{"s1", "s4", "s2", "s3"}; !slices.Equal(got, want) {
		t.Errorf("sources = %v, want %v", got, want)
	}
	if got, want := list(t, st, crosscheck.StoryQuery{Order: crosscheck.OrderMostContested}), []string{"s2", "s1", "s3", "s4"}; !slices.Equal(got, want) {
		t.Errorf("contested = %v, want %v", got, want)
	}
	if _, err := st.Stories(ctx(t), crosscheck.StoryQuery{Order: "loudest"}); err == nil {
		t.Error("an unknown order was accepted")
	}
	sums, err := st.Stories(ctx(t), crosscheck.StoryQuery{Order: crosscheck.OrderMostSources, Limit: 1})
	if err != nil || len(sums) != 1 {
		t.Fatalf("Stories(limit 1) = %v, %v", sums, err)
	}
	s := sums[0]
	if s.ID != "s1" || s.Title != "Harbour strike enters second day" || s.Articles != 4 || s.Conflicts != 1 ||
		!slices.Equal(s.Outlets, []string{"Harbour Post", "Coastal Daily", "Bay Wire"}) || !slices.Equal(s.Languages, []string{"en"}) ||
		s.FirstSeen == nil || !s.FirstSeen.Equal(*at(0)) || s.LastSeen == nil || !s.LastSeen.Equal(*at(5)) {
		t.Errorf("summary of s1 = %+v", s)
	}
	all, _ := st.Stories(ctx(t), crosscheck.StoryQuery{})
	for _, s := range all {
		if s.ID == "s4" && !slices.Equal(s.Languages, []string{"en", "de"}) {
			t.Errorf("languages of s4 = %v, want [en de]", s.Languages)
		}
		if s.ID == "s3" && (s.FirstSeen != nil || s.LastSeen != nil) {
			t.Errorf("undated s3 has times %v %v", s.FirstSeen, s.LastSeen)
		}
	}
}

func testListingFilters(t *testing.T, st crosscheck.Store) {
	newFixture(t, st)
	cases := []struct {
		name string
		q    crosscheck.StoryQuery
		want []string
	}{
		{"outlet", crosscheck.StoryQuery{Outlet: "Bay Wire"}, []string{"s4", "s1"}},
		{"outlet unknown", crosscheck.StoryQuery{Outlet: "Nobody"}, []string{}},
		{"language", crosscheck.StoryQuery{Language: "de"}, []string{"s4"}},
		{"language en", crosscheck.StoryQuery{Language: "en"}, []string{"s3", "s4", "s1"}},
		{"entity id", crosscheck.StoryQuery{Entity: "eperson-mara"}, []string{"s2", "s1"}},
		{"entity name", crosscheck.StoryQuery{Entity: "Mara Quell"}, []string{"s2", "s1"}},
		{"entity variant folded", crosscheck.StoryQuery{Entity: "  m. QUELL "}, []string{"s2"}},
		{"entity place variant", crosscheck.StoryQuery{Entity: "lenning"}, []string{"s4"}},
		{"since", crosscheck.StoryQuery{Since: *at(31)}, []string{"s3", "s4", "s2"}},
		{"until", crosscheck.StoryQuery{Until: *at(30)}, []string{"s1"}},
		{"window", crosscheck.StoryQuery{Since: *at(6), Until: *at(50)}, []string{"s2"}},
		{"combined", crosscheck.StoryQuery{Outlet: "Bay Wire", Entity: "Port Lenning", Language: "de"}, []string{"s4"}},
		{"combined none", crosscheck.StoryQuery{Outlet: "Le Matin", Language: "en"}, []string{}},
	}
	for _, c := range cases {
		if got := list(t, st, c.q); !slices.Equal(got, c.want) {
			t.Errorf("%s: %+v = %v, want %v", c.name, c.q, got, c.want)
		}
	}
}

func testListingPaging(t *testing.T, st crosscheck.Store) {
	const n = 23
	for i := range n {
		a := Article(fmt.Sprintf("page%02d", i), fmt.Sprintf("Outlet %d", i%4), "en", at(i), fmt.Sprintf("Page %d", i), fmt.Sprintf("Body %d.", i))
		mustAdd(t, st, a)
		mustPut(t, st, &crosscheck.Story{ID: fmt.Sprintf("sp%02d", i), Title: a.Title, Articles: []string{a.ID}, Outlets: []string{a.Outlet},
			FirstSeen: a.Published, LastSeen: a.Published})
	}
	var got []string
	for off := 0; ; off += 5 {
		page := list(t, st, crosscheck.StoryQuery{Limit: 5, Offset: off})
		if len(page) > 5 {
			t.Fatalf("page of %d with limit 5", len(page))
		}
		got = append(got, page...)
		if len(page) < 5 {
			break
		}
	}
	if len(got) != n {
		t.Fatalf("paged through %d stories, want %d: %v", len(got), n, got)
	}
	for i, id := range got {
		if want := fmt.Sprintf("sp%02d", n-1-i); id != want {
			t.Fatalf("page order: position %d is %s, want %s", i, id, want)
		}
	}
	if page := list(t, st, crosscheck.StoryQuery{Offset: 1000}); len(page) != 0 {
		t.Errorf("past the end: %v", page)
	}
	if page := list(t, st, crosscheck.StoryQuery{}); len(page) != n {
		t.Errorf("default page holds %d of %d stories", len(page), n)
	}
	if _, err := st.Stories(ctx(t), crosscheck.StoryQuery{Offset: -1}); err == nil {
		t.Error("a negative offset was accepted")
	}
}

func testEntity(t *testing.T, st crosscheck.Store) {
	newFixture(t, st)
	p, err := st.Entity(ctx(t), "eperson-mara")
	if err != nil {
		t.Fatalf("Entity: %v", err)
	}
	if p.ID != "eperson-mara" || p.Type != crosscheck.EntityPerson {
		t.Errorf("profile = %+v", p)
	}
	if p.Name != "Mara Quéll" && p.Name != "Mara Quell" {
		t.Errorf("name %q is none of the story names", p.Name)
	}
	wantVariants := []string{"Mara Quell", "Quell", "Mara Quéll", "M. Quell"}
	if !sameSet(p.Variants, wantVariants) {
		t.Errorf("variants = %v, want the union %v", p.Variants, wantVariants)
	}
	if got := ids(p.Stories); !slices.Equal(got, []string{"s2", "s1"}) {
		t.Errorf("stories = %v, want [s2 s1] (most recent first)", got)
	}
	var quotes []string
	for _, q := range p.Quotes {
		quotes = append(quotes, q.ID)
		if q.SpeakerEntity == nil || *q.SpeakerEntity != "eperson-mara" {
			t.Errorf("quote %s has speaker_entity %v", q.ID, q.SpeakerEntity)
		}
	}
	if !sameSet(quotes, []string{"q1", "q3"}) {
		t.Errorf("quotes = %v, want q1 and q3 (not the spokesman's)", quotes)
	}
	place, err := st.Entity(ctx(t), "eplace-port")
	if err != nil {
		t.Fatal(err)
	}
	if !sameSet(place.Variants, []string{"Port Lenning", "Lenning"}) || len(place.Quotes) != 0 || place.Quotes == nil {
		t.Errorf("place profile = %+v (quotes must be an empty list, not null)", place)
	}
	// Replacing a story drops the entity rows it no longer has.
	s2, _ := st.Story(ctx(t), "s2")
	s2.Entities, s2.Quotes = nil, nil
	mustPut(t, st, s2)
	p, err = st.Entity(ctx(t), "eperson-mara")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(p.Stories); !slices.Equal(got, []string{"s1"}) || len(p.Quotes) != 1 || slices.Contains(p.Variants, "M. Quell") {
		t.Errorf("after s2 lost the entity: stories %v, %d quotes, variants %v", got, len(p.Quotes), p.Variants)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func testSearch(t *testing.T, st crosscheck.Store) {
	newFixture(t, st)
	search := func(q string) []crosscheck.SearchHit {
		t.Helper()
		hits, err := st.Search(ctx(t), q, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return hits
	}
	hitIDs := func(hits []crosscheck.SearchHit) []string {
		var out []string
		for _, h := range hits {
			out = append(out, h.Article)
		}
		slices.Sort(out)
		return out
	}
	hits := search("timetable")
	if got := hitIDs(hits); !slices.Equal(got, []string{"ag1", "au1"}) {
		t.Errorf("timetable: %v, want [ag1 au1]", got)
	}
	for _, h := range hits {
		if h.Article == "ag1" && (h.Story != "s4" || h.Outlet != "Bay Wire" || h.Title != "Ferry timetable changes") {
			t.Errorf("hit = %+v", h)
		}
		if !strings.Contains(strings.ToLower(h.Snippet), "timetable") {
			t.Errorf("snippet %q does not show the match", h.Snippet)
		}
	}
	if got := hitIDs(search("HARBOUR Strike")); !slices.Equal(got, []string{"ah1", "ah2", "ah3", "ah4"}) {
		t.Errorf("harbour strike (all words, any case, title or text): %v", got)
	}
	if got := hitIDs(search(`"second day"`)); !slices.Equal(got, []string{"ah4"}) {
		t.Errorf(`"second day": %v, want [ah4]`, got)
	}
	if got := hitIDs(search(`"day second"`)); len(got) != 0 {
		t.Errorf(`"day second" (phrase order matters): %v`, got)
	}
	if got := hitIDs(search("workers 300")); !slices.Equal(got, []string{"ah1"}) {
		t.Errorf("workers 300: %v, want [ah1]", got)
	}
	for _, q := range []string{"", "   ", `"`, "AND OR NOT (", "*", "strike:", "ferry' OR 1=1 --"} {
		if _, err := st.Search(ctx(t), q, 10); err != nil {
			t.Errorf("Search(%q) failed: %v", q, err)
		}
	}
	if got := search("nonexistentword"); len(got) != 0 {
		t.Errorf("no match gave %v", got)
	}
	if hits, err := st.Search(ctx(t), "strike", 2); err != nil || len(hits) != 2 {
		t.Errorf("limit 2 gave %d hits, %v", len(hits), err)
	}
}

func testNotFound(t *testing.T, st crosscheck.Store) {
	if _, err := st.Article(ctx(t), "anope"); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("Article: err = %v, want ErrNotFound", err)
	}
	if _, err := st.Story(ctx(t), "snope"); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("Story: err = %v, want ErrNotFound", err)
	}
	if _, err := st.StoryOf(ctx(t), "anope"); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("StoryOf: err = %v, want ErrNotFound", err)
	}
	if _, err := st.Entity(ctx(t), "enope"); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("Entity: err = %v, want ErrNotFound", err)
	}
	a := Article("orphan", "Outlet", "en", at(0), "T", "An article in no story.")
	mustAdd(t, st, a)
	if _, err := st.StoryOf(ctx(t), a.ID); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("StoryOf(article in no story): err = %v, want ErrNotFound", err)
	}
	if sums, err := st.Stories(ctx(t), crosscheck.StoryQuery{}); err != nil || sums == nil || len(sums) != 0 {
		t.Errorf("Stories on an empty store = %#v, %v; want an empty list", sums, err)
	}
}
