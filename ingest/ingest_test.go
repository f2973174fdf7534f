package ingest_test

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/cluster"
	"github.com/crosscheck-news/crosscheck/extract"
	"github.com/crosscheck-news/crosscheck/ingest"
	"github.com/crosscheck-news/crosscheck/pipeline"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/store/sqlite"
	"github.com/crosscheck-news/crosscheck/text"
)

// exampleDocs reads the example corpus as documents.
func exampleDocs(t testing.TB) []crosscheck.Document {
	t.Helper()
	var docs []crosscheck.Document
	for doc, err := range source.Read(context.Background(), []string{"../examples"}, source.Options{}) {
		if err != nil {
			t.Fatalf("reading the examples: %v", err)
		}
		docs = append(docs, doc)
	}
	if len(docs) < 4 {
		t.Fatalf("only %d example documents", len(docs))
	}
	return docs
}

// answerKey returns the example stories as lists of file names
// ("articles.jsonl:1" for a JSONL line).
func answerKey(t *testing.T) [][]string {
	b, err := os.ReadFile("../testdata/examples-expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var key struct {
		Stories []struct {
			Files []string `json:"files"`
		} `json:"stories"`
	}
	if err := json.Unmarshal(b, &key); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, s := range key.Stories {
		out = append(out, s.Files)
	}
	return out
}

func openStore(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func fileOf(doc crosscheck.Document) string {
	return filepath.Base(doc.Source)
}

func TestIngestExamples(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	st := openStore(t, path)
	svc, err := ingest.New(st, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := exampleDocs(t)
	storyOf := map[string]string{}   // file → story
	articleOf := map[string]string{} // file → article
	for _, d := range docs {
		res, err := svc.Ingest(ctx, d)
		if err != nil {
			t.Fatalf("Ingest(%s): %v", d.Source, err)
		}
		if !res.Added || res.Article == "" || res.Story == "" {
			t.Errorf("Ingest(%s) = %+v", d.Source, res)
		}
		storyOf[fileOf(d)] = res.Story
		articleOf[fileOf(d)] = res.Article
	}
	if err := svc.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	// The grouping is the online clusterer's for the same stream, and no
	// story mixes two of the answer key's stories.
	on := cluster.NewOnline(cluster.Defaults())
	ex := extract.New(extract.Options{})
	onlineOf := map[string]string{}
	for _, d := range docs {
		a, err := pipeline.Prepare(ex, d)
		if err != nil {
			t.Fatal(err)
		}
		text.Analyze(a)
		onlineOf[fileOf(d)], _ = on.Add(a)
	}
	for f, sid := range storyOf {
		for g, other := range storyOf {
			if (sid == other) != (onlineOf[f] == onlineOf[g]) {
				t.Errorf("%s and %s: stories %s and %s, the online clusterer's %s and %s", f, g, sid, other, onlineOf[f], onlineOf[g])
			}
		}
	}
	key := answerKey(t)
	keyOf := map[string]int{}
	for i, files := range key {
		for _, f := range files {
			keyOf[f] = i
		}
	}
	members := map[string][]string{} // story → files
	for f, sid := range storyOf {
		members[sid] = append(members[sid], f)
		if keyOf[f] != keyOf[members[sid][0]] {
			t.Errorf("story %s mixes %s and %s, of different answer-key stories", sid, f, members[sid][0])
		}
	}
	// Each stored story holds exactly its members, analysed.
	for sid, files := range members {
		s, err := st.Story(ctx, sid)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, f := range files {
			want = append(want, articleOf[f])
		}
		if !sameSet(s.Articles, want) {
			t.Errorf("story %s has articles %v, want %v", s.ID, s.Articles, want)
		}
		if s.Title == "" || len(s.Entities) == 0 {
			t.Errorf("story %s not filled in: title %q, %d entities", s.ID, s.Title, len(s.Entities))
		}
		if len(files) > 2 && len(s.Derivations) == 0 {
			t.Errorf("story %s of %d articles has no derivations", s.ID, len(files))
		}
		for _, d := range s.Derivations {
			if !slices.Contains(s.Articles, d.Copy) || !slices.Contains(s.Articles, d.Of) {
				t.Errorf("derivation %s→%s outside story %s", d.Copy, d.Of, s.ID)
			}
		}
		// The same analysis as the batch pipeline gives for the same members.
		arts, err := st.Articles(ctx, s.Articles)
		if err != nil {
			t.Fatal(err)
		}
		again := ingest.Assemble(s.ID, arts)
		pipeline.AnalyzeStory(again, arts)
		if a, b := jsonOf(t, again), jsonOf(t, s); a != b {
			t.Errorf("stored story %s differs from a fresh analysis of its members:\n%s\n%s", s.ID, b, a)
		}
	}

	// Idempotent: everything again changes nothing.
	before, _ := st.Stories(ctx, crosscheck.StoryQuery{})
	for _, d := range docs {
		res, err := svc.Ingest(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if res.Added || res.Story != storyOf[fileOf(d)] || res.Article != articleOf[fileOf(d)] {
			t.Errorf("second Ingest(%s) = %+v; want not added, story %s", d.Source, res, storyOf[fileOf(d)])
		}
	}
	if err := svc.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	after, _ := st.Stories(ctx, crosscheck.StoryQuery{})
	if jsonOf(t, before) != jsonOf(t, after) {
		t.Errorf("ingesting again changed the stories:\n%s\n%s", jsonOf(t, before), jsonOf(t, after))
	}
	stats := svc.Stats()
	if stats.Added != uint64(len(docs)) || stats.Duplicates != uint64(len(docs)) || stats.Failed != 0 || stats.Count != uint64(2*len(docs)) {
		t.Errorf("stats = %+v", stats)
	}
	if stats.Buckets[len(stats.Buckets)-1] > stats.Count || stats.Sum <= 0 || stats.StoriesPut == 0 || stats.LiveStories != len(members) || stats.Pending != 0 {
		t.Errorf("stats = %+v", stats)
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}

	// A restart rebuilds the live stories: a new article of the first
	// story joins it instead of opening a story.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = openStore(t, path)
	defer st.Close()
	svc, err = ingest.New(st, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The replay covers the articles of the idle window before the latest
	// publication time, and the undated ones (counted at their ingestion).
	var latest time.Time
	all, err := st.Articles(ctx, slices.Collect(maps.Values(articleOf)))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		if a.Published != nil && a.Published.After(latest) {
			latest = *a.Published
		}
	}
	inWindow := 0
	for _, a := range all {
		if a.Published == nil || !a.Published.Before(latest.Add(-cluster.Defaults().IdleWindow)) {
			inWindow++
		}
	}
	if got := svc.Stats().Rebuilt; got != uint64(inWindow) || inWindow == 0 {
		t.Errorf("rebuilt %d articles, want the %d of the window", got, inWindow)
	}
	// Follow the biggest story.
	var big string
	for sid := range members {
		if big == "" || len(members[sid]) > len(members[big]) {
			big = sid
		}
	}
	var follow crosscheck.Document
	for _, d := range docs {
		if fileOf(d) == members[big][0] {
			follow = d
		}
	}
	follow.URL = "https://follow-up.example/story"
	follow.Source = "follow-up"
	follow.Outlet = "Follow-up Desk"
	res, err := svc.Ingest(ctx, follow)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
	if !res.Added || res.Story != big {
		t.Errorf("after a restart, a copy of %s went to %+v; want added to %s", members[big][0], res, big)
	}
	s, _ := st.Story(ctx, big)
	if !slices.Contains(s.Articles, res.Article) || len(s.Articles) != len(members[big])+1 {
		t.Errorf("story %s after the follow-up: %v", s.ID, s.Articles)
	}
}

func TestIngestFailures(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "x.db"))
	defer st.Close()
	svc, err := ingest.New(st, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Ingest(context.Background(), crosscheck.Document{Source: "empty.txt", Kind: crosscheck.KindText, Body: []byte("  \n ")})
	var se *source.Error
	if !errors.As(err, &se) || se.Source != "empty.txt" {
		t.Errorf("empty document: err = %v, want a *source.Error naming empty.txt", err)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	var failed []crosscheck.InputError
	sum, err := svc.IngestAll(context.Background(), []string{"../examples", bad, filepath.Join(dir, "missing.txt")}, source.Options{},
		func(e crosscheck.InputError) { failed = append(failed, e) })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 2 || len(failed) != 2 || sum.Added == 0 || sum.Stories == 0 || sum.Inputs != sum.Added+sum.Failed {
		t.Errorf("summary %+v, failures %v", sum, failed)
	}
	for _, f := range failed {
		if !strings.Contains(f.Source, "bad.json") && !strings.Contains(f.Source, "missing.txt") {
			t.Errorf("failure names %q", f.Source)
		}
	}
	if got := svc.Stats().Failed; got != 1 {
		t.Errorf("Stats().Failed = %d, want 1 (the empty document; IngestAll's read failures never reach Ingest)", got)
	}
}

func TestIngestConcurrent(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "x.db"))
	defer st.Close()
	svc, err := ingest.New(st, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := exampleDocs(t)
	// Every document three times, from six goroutines at once.
	var wg sync.WaitGroup
	var mu sync.Mutex
	results := map[string][]ingest.Result{}
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range docs {
				d := docs[(i+g)%len(docs)]
				res, err := svc.Ingest(ctx, d)
				if err != nil {
					t.Errorf("Ingest(%s): %v", d.Source, err)
					return
				}
				mu.Lock()
				results[d.Source] = append(results[d.Source], res)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := svc.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	for src, rs := range results {
		added := 0
		for _, r := range rs {
			if r.Added {
				added++
			}
			if r.Story != rs[0].Story {
				t.Errorf("%s went to stories %s and %s", src, rs[0].Story, r.Story)
			}
		}
		if added != 1 {
			t.Errorf("%s added %d times", src, added)
		}
		// The story acknowledged holds the article.
		s, err := st.Story(ctx, rs[0].Story)
		if err != nil {
			t.Fatalf("story %s of %s: %v", rs[0].Story, src, err)
		}
		if !slices.Contains(s.Articles, rs[0].Article) {
			t.Errorf("story %s lacks %s (%s)", s.ID, rs[0].Article, src)
		}
	}
	// Every stored article is in exactly the story that lists it.
	sums, _ := st.Stories(ctx, crosscheck.StoryQuery{})
	seen := map[string]string{}
	for _, sum := range sums {
		s, _ := st.Story(ctx, sum.ID)
		for _, a := range s.Articles {
			if prev, ok := seen[a]; ok {
				t.Errorf("article %s in stories %s and %s", a, prev, s.ID)
			}
			seen[a] = s.ID
		}
	}
	if len(seen) != len(docs) {
		t.Errorf("%d articles in stories, want %d", len(seen), len(docs))
	}
}

func TestRebuildPlacesOrphans(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "x.db"))
	defer st.Close()
	// An article stored without its story: what a crash between the two
	// writes leaves.
	docs := exampleDocs(t)
	a, err := pipeline.Prepare(extract.New(extract.Options{}), docs[0])
	if err != nil {
		t.Fatal(err)
	}
	text.Analyze(a)
	if _, err := st.AddArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := st.StoryOf(ctx, a.ID); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Fatalf("StoryOf before the rebuild: %v", err)
	}
	svc, err := ingest.New(st, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if got := svc.Stats().Orphans; got != 1 {
		t.Errorf("Stats().Orphans = %d, want 1", got)
	}
	sid, err := st.StoryOf(ctx, a.ID)
	if err != nil {
		t.Fatalf("the rebuild left %s without a story: %v", a.ID, err)
	}
	res, err := svc.Ingest(ctx, docs[0])
	if err != nil || res.Added || res.Story != sid {
		t.Errorf("Ingest of the orphan after the rebuild = %+v, %v; want not added, story %s", res, err, sid)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAnalysisCoalesces checks that Ingest does not wait for the story
// analysis and that a story which gains several articles before its
// analysis starts is analysed once.
func TestAnalysisCoalesces(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "x.db"))
	defer st.Close()
	svc, err := ingest.New(st, ingest.Options{AnalysisDelay: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	docs := exampleDocs(t)
	stories := map[string]bool{}
	for _, d := range docs {
		res, err := svc.Ingest(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		stories[res.Story] = true
		if _, err := st.Article(ctx, res.Article); err != nil {
			t.Errorf("acknowledged article %s is not stored: %v", res.Article, err)
		}
	}
	if s := svc.Stats(); s.StoriesPut != 0 || s.Pending != len(stories) {
		t.Errorf("before Flush: %d stories put, %d pending; want 0 and %d", s.StoriesPut, s.Pending, len(stories))
	}
	if err := svc.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	s := svc.Stats()
	if s.StoriesPut != uint64(len(stories)) || s.Coalesced != uint64(len(docs)-len(stories)) || s.Pending != 0 {
		t.Errorf("after Flush: %d stories put, %d coalesced, %d pending; want %d, %d, 0", s.StoriesPut, s.Coalesced, s.Pending, len(stories), len(docs)-len(stories))
	}
	for sid := range stories {
		if _, err := st.Story(ctx, sid); err != nil {
			t.Errorf("story %s after Flush: %v", sid, err)
		}
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
}

// failingStore fails the first fail calls of PutStory.
type failingStore struct {
	crosscheck.Store
	mu   sync.Mutex
	fail int
}

func (f *failingStore) PutStory(ctx context.Context, s *crosscheck.Story) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail > 0 {
		f.fail--
		return errors.New("disk full")
	}
	return f.Store.PutStory(ctx, s)
}

// TestAnalysisRetries checks that a story whose write fails is reported by
// Flush and stored by a later retry.
func TestAnalysisRetries(t *testing.T) {
	ctx := context.Background()
	sq := openStore(t, filepath.Join(t.TempDir(), "x.db"))
	defer sq.Close()
	st := &failingStore{Store: sq, fail: 1}
	svc, err := ingest.New(st, ingest.Options{AnalysisDelay: -1})
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Ingest(ctx, exampleDocs(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Flush(ctx); err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), res.Story) {
		t.Errorf("Flush after a failed write = %v; want the failure, naming story %s", err, res.Story)
	}
	// The retry comes about a second later.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if sid, err := sq.StoryOf(ctx, res.Article); err == nil {
			if sid != res.Story {
				t.Errorf("article stored in story %s, acknowledged in %s", sid, res.Story)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the failed story was not retried")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
	if s := svc.Stats(); s.AnalysisFailures != 1 || s.StoriesPut != 1 {
		t.Errorf("stats: %d failures, %d stories put; want 1 and 1", s.AnalysisFailures, s.StoriesPut)
	}
}

// TestIngestBatch: a batch holding a document twice and an empty one
// gives each document Ingest's answer, and the batch's articles land in
// the stories one at a time would give them.
func TestIngestBatch(t *testing.T) {
	docs := exampleDocs(t)
	st := openStore(t, filepath.Join(t.TempDir(), "batch.db"))
	defer st.Close()
	svc, err := ingest.New(st, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	empty := crosscheck.Document{Source: "empty.txt", Kind: crosscheck.KindText, Body: []byte(" ")}
	batch := []crosscheck.Document{docs[0], empty, docs[1], docs[0]}
	res, errs := svc.IngestBatch(t.Context(), batch)
	var se *source.Error
	if !errors.As(errs[1], &se) || se.Source != "empty.txt" {
		t.Errorf("empty document: err = %v, want a *source.Error naming empty.txt", errs[1])
	}
	for _, i := range []int{0, 2, 3} {
		if errs[i] != nil {
			t.Fatalf("document %d: %v", i, errs[i])
		}
	}
	if !res[0].Added || !res[2].Added || res[3].Added {
		t.Errorf("added = %v %v %v, want true true false (the repeat is a duplicate)", res[0].Added, res[2].Added, res[3].Added)
	}
	if res[3].Article != res[0].Article || res[3].Story != res[0].Story {
		t.Errorf("the repeated document got %+v, the first %+v", res[3], res[0])
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 2} {
		if sid, err := st.StoryOf(t.Context(), res[i].Article); err != nil || sid != res[i].Story {
			t.Errorf("document %d: stored in story %q (%v), Ingest said %q", i, sid, err, res[i].Story)
		}
	}
}

// blockingStore holds its first PutStory until release is closed.
type blockingStore struct {
	*sqlite.Store
	once    sync.Once
	started chan struct{}
	release chan struct{}
}

func (b *blockingStore) PutStory(ctx context.Context, s *crosscheck.Story) error {
	first := false
	b.once.Do(func() { first = true })
	if first {
		close(b.started)
		<-b.release
	}
	return b.Store.PutStory(ctx, s)
}

// TestFlushWaitsForArticlesAddedDuringAnalysis checks that an article
// placed in a story while the story is being analysed is stored with it
// before Flush returns: the analysis that ends is followed by another, and
// Flush must not see the moment between them as idle.
func TestFlushWaitsForArticlesAddedDuringAnalysis(t *testing.T) {
	ctx := context.Background()
	st := &blockingStore{Store: openStore(t, filepath.Join(t.TempDir(), "x.db")), started: make(chan struct{}), release: make(chan struct{})}
	svc, err := ingest.New(st, ingest.Options{AnalysisDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	var wire []crosscheck.Document
	for _, d := range exampleDocs(t) {
		if f := fileOf(d); f == "ferry-cpa-wire.html" || f == "ferry-meridian-times.html.gz" {
			wire = append(wire, d)
		}
	}
	if len(wire) != 2 {
		t.Fatalf("%d wire documents", len(wire))
	}
	first, err := svc.Ingest(ctx, wire[0])
	if err != nil {
		t.Fatal(err)
	}
	<-st.started // the story's first analysis is storing it
	second, err := svc.Ingest(ctx, wire[1])
	if err != nil {
		t.Fatal(err)
	}
	if second.Story != first.Story {
		t.Fatalf("the wire copies are in stories %s and %s", first.Story, second.Story)
	}
	flushed := make(chan error, 1)
	go func() { flushed <- svc.Flush(ctx) }()
	time.Sleep(20 * time.Millisecond) // let Flush start waiting: the order, not the time, is tested
	close(st.release)
	if err := <-flushed; err != nil {
		t.Fatal(err)
	}
	s, err := st.Story(ctx, first.Story)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(s.Articles, second.Article) {
		t.Errorf("after Flush, story %s holds %v, not the article %s placed during its analysis", s.ID, s.Articles, second.Article)
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
}
