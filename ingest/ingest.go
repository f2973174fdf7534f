// Package ingest places a stream of articles into stories in a
// crosscheck.Store: the service behind `crosscheck ingest`, the server's
// POST /api/articles and the monitoring workers.
//
// For each document, Service.Ingest runs the per-article stages
// (pipeline.Prepare, text.Analyze), stores the article (idempotent: the
// article ID is a content hash), assigns it to a live story with the online
// clusterer, re-runs the story analysis (pipeline.AnalyzeStory) over the
// story's members and stores the story. When Ingest returns without error
// the article and its story are durable.
//
// The store is the truth about which story an article is in; the online
// clusterer only finds the most similar live story. After a restart, New
// replays the articles of the live window in their arrival order to rebuild
// the clusterer. Should the replay group them differently from before (the
// document frequencies of older articles are no longer there), an online
// story is mapped to the stored story of its first member that has one, so
// stored stories only ever grow. Articles stored but never put into a story
// (a crash between the two writes) are placed by New.
//
// One Service should write to a store at a time: two would each keep their
// own live stories and could split one event between them.
//
// The batch-wide pass that removes lines repeated across one outlet's pages
// (boilerplate.RemoveRepeated) is not run: an article is stored as it
// arrives, and its text never changes after that.
package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/cluster"
	"github.com/crosscheck-news/crosscheck/extract"
	"github.com/crosscheck-news/crosscheck/pipeline"
	"github.com/crosscheck-news/crosscheck/source"
	"github.com/crosscheck-news/crosscheck/text"
)

// Options configures a Service.
type Options struct {
	Extract extract.Options
	// Cluster configures the online clustering (a zero Threshold:
	// cluster.Defaults()). Its IdleWindow is also the window New replays;
	// OnEvict is the Service's own and is overwritten.
	Cluster cluster.Options
	// CachedArticles is how many segmented articles are kept in memory so
	// that re-analysing a growing story does not reload and re-segment its
	// members each time (0: 4096).
	CachedArticles int
	// Workers is how many documents IngestAll processes at once (0: GOMAXPROCS).
	Workers int
}

// Result says what became of one ingested document.
type Result struct {
	// Article is the article's ID.
	Article string `json:"article"`
	// Story is the ID of the story the article is in.
	Story string `json:"story"`
	// Added is false when the article was already stored (it is then left
	// as it was, in the story it was in).
	Added bool `json:"added"`
}

// Service ingests articles into a store. It is safe for concurrent use.
type Service struct {
	st    crosscheck.Store
	ex    *extract.Extractor
	opt   Options
	cache *articleCache
	stats stats

	// mu guards the clusterer and the maps below. It is held only for the
	// in-memory assignment (microseconds), never for the analysis or the
	// store's writes, which run per story (see liveStory).
	mu      sync.Mutex
	on      *cluster.Online
	placed  map[string]string     // article ID → stored story ID, for articles of live stories
	alias   map[string]string     // online story ID → stored story ID, for stories rebuilt by New
	stories map[string]*liveStory // stored story ID → its state, for live stories
}

// liveStory is a story the clusterer can still add to.
//
// Story updates are serialised per story, not globally: the analysis of one
// story (provenance, entities) costs more than anything else here and
// stories are independent, so different stories are analysed in parallel;
// two articles joining the same story are analysed one after the other, and
// the second analysis, which sees both, is the one that stays. An update
// that finds a later one has already covered its article does nothing, so a
// burst into one story costs far fewer analyses than articles.
type liveStory struct {
	// members and gen are guarded by Service.mu: the articles placed into
	// this story by this process, and a count of placements.
	members []string
	gen     int

	mu     sync.Mutex // held while the story is analysed and put
	loaded bool       // base has been read from the store
	base   []string   // the story's articles as stored before this process
	putGen int        // gen covered by the last successful PutStory
}

// New returns a service writing to st, its live stories rebuilt from the
// articles st holds within the clustering's idle window.
func New(st crosscheck.Store, opt Options) (*Service, error) {
	return NewContext(context.Background(), st, opt)
}

// NewContext is New with a context for the rebuild, which reads the whole
// live window from the store.
func NewContext(ctx context.Context, st crosscheck.Store, opt Options) (*Service, error) {
	if opt.Cluster.Threshold == 0 {
		opt.Cluster = cluster.Defaults()
	}
	if opt.CachedArticles <= 0 {
		opt.CachedArticles = 4096
	}
	s := &Service{
		st:      st,
		ex:      extract.New(opt.Extract),
		opt:     opt,
		cache:   newArticleCache(opt.CachedArticles),
		placed:  map[string]string{},
		alias:   map[string]string{},
		stories: map[string]*liveStory{},
	}
	copt := opt.Cluster
	copt.OnEvict = s.evicted
	s.on = cluster.NewOnline(copt)
	if err := s.rebuild(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// evicted forgets a story that left the clusterer's live window. The
// clusterer calls it from inside Add, which runs with s.mu held.
func (s *Service) evicted(st *crosscheck.Story) {
	sid := s.storedID(st.ID)
	delete(s.alias, st.ID)
	if ls := s.stories[sid]; ls != nil {
		for _, id := range ls.members {
			delete(s.placed, id)
		}
		delete(s.stories, sid)
	}
	for _, id := range st.Articles {
		delete(s.placed, id)
	}
}

func (s *Service) storedID(onlineID string) string {
	if sid, ok := s.alias[onlineID]; ok {
		return sid
	}
	return onlineID
}

// rebuild replays the live window. since is the latest publication time of
// a stored story less the idle window: the clusterer's clock runs on
// publication times, not on the wall clock.
func (s *Service) rebuild(ctx context.Context) error {
	var since time.Time
	if w := s.opt.Cluster.IdleWindow; w > 0 {
		recent, err := s.st.Stories(ctx, crosscheck.StoryQuery{Order: crosscheck.OrderNewest, Limit: 100})
		if err != nil {
			return fmt.Errorf("ingest: finding the live window: %w", err)
		}
		for _, r := range recent {
			if r.LastSeen != nil && r.LastSeen.After(since) {
				since = *r.LastSeen
			}
		}
		if !since.IsZero() {
			since = since.Add(-w)
		}
	}
	// Articles a crash left without a story are placed as they come, and
	// their stories put after the replay (outside s.mu: update takes it).
	type pending struct {
		sid string
		ls  *liveStory
		gen int
	}
	var todo []pending
	err := func() error {
		s.mu.Lock()
		defer s.mu.Unlock()
		for a, err := range s.st.RecentArticles(ctx, since) {
			if err != nil {
				return fmt.Errorf("ingest: rebuilding the live stories: %w", err)
			}
			stored, err := s.st.StoryOf(ctx, a.ID)
			if err != nil && !errors.Is(err, crosscheck.ErrNotFound) {
				return fmt.Errorf("ingest: rebuilding the live stories: %w", err)
			}
			onlineID, _ := s.on.Add(a)
			s.stats.rebuilt.Add(1)
			if stored == "" {
				sid := s.storedID(onlineID)
				ls, gen := s.assign(a.ID, sid)
				todo = append(todo, pending{sid, ls, gen})
				continue
			}
			if _, ok := s.alias[onlineID]; !ok {
				s.alias[onlineID] = stored
			}
			s.placed[a.ID] = stored
		}
		return nil
	}()
	if err != nil {
		return err
	}
	for _, p := range todo {
		if e := s.update(ctx, p.sid, p.ls, p.gen); e != nil {
			err = errors.Join(err, e)
		}
	}
	if err != nil {
		return fmt.Errorf("ingest: placing articles left without a story: %w", err)
	}
	return nil
}

// assign records article as a member of story sid and returns the story's
// state and the placement's generation. s.mu is held.
func (s *Service) assign(article, sid string) (*liveStory, int) {
	ls := s.stories[sid]
	if ls == nil {
		ls = &liveStory{}
		s.stories[sid] = ls
	}
	s.placed[article] = sid
	ls.members = append(ls.members, article)
	ls.gen++
	return ls, ls.gen
}

// Ingest makes an article of doc, stores it and places it in its story;
// see the package documentation. A document that cannot be made into an
// article gives a *source.Error naming doc.Source.
func (s *Service) Ingest(ctx context.Context, doc crosscheck.Document) (Result, error) {
	start := time.Now()
	res, err := s.ingest(ctx, doc)
	s.stats.observe(time.Since(start), res, err)
	return res, err
}

func (s *Service) ingest(ctx context.Context, doc crosscheck.Document) (Result, error) {
	t0 := time.Now()
	a, err := pipeline.Prepare(s.ex, doc)
	if err != nil {
		return Result{}, err
	}
	text.Analyze(a)
	t1 := time.Now()
	s.stats.prepareNanos.Add(int64(t1.Sub(t0)))
	added, err := s.st.AddArticle(ctx, a)
	s.stats.storeNanos.Add(int64(time.Since(t1)))
	if err != nil {
		return Result{Article: a.ID}, &source.Error{Source: doc.Source, Err: fmt.Errorf("storing article %s: %w", a.ID, err)}
	}
	res := Result{Article: a.ID, Added: added}
	if !added {
		// Stored before: in its story already, unless that story left the
		// live window (then the store knows it) or the article's first
		// ingestion is still under way or failed before its story was put
		// (then s.placed knows it, or it is placed below).
		s.mu.Lock()
		_, live := s.placed[a.ID]
		s.mu.Unlock()
		if !live {
			sid, err := s.st.StoryOf(ctx, a.ID)
			if err == nil {
				res.Story = sid
				return res, nil
			}
			if !errors.Is(err, crosscheck.ErrNotFound) {
				return res, &source.Error{Source: doc.Source, Err: err}
			}
		}
	}
	s.cache.put(a)
	s.mu.Lock()
	sid, placed := s.placed[a.ID]
	var (
		ls  *liveStory
		gen int
	)
	if placed {
		ls = s.stories[sid]
		if ls != nil {
			gen = ls.gen
		}
	} else {
		onlineID, _ := s.on.Add(a)
		sid = s.storedID(onlineID)
		ls, gen = s.assign(a.ID, sid)
	}
	s.mu.Unlock()
	res.Story = sid
	if ls == nil {
		return res, nil
	}
	if err := s.update(ctx, sid, ls, gen); err != nil {
		return res, &source.Error{Source: doc.Source, Err: err}
	}
	return res, nil
}

// update analyses story sid and stores it, unless an update that began
// after placement gen has already done so.
func (s *Service) update(ctx context.Context, sid string, ls *liveStory, gen int) error {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.putGen >= gen {
		s.stats.coalesced.Add(1)
		return nil
	}
	s.mu.Lock()
	members := slices.Clone(ls.members)
	cur := ls.gen
	s.mu.Unlock()

	t0 := time.Now()
	if !ls.loaded {
		stored, err := s.st.Story(ctx, sid)
		switch {
		case err == nil:
			ls.base = stored.Articles
		case !errors.Is(err, crosscheck.ErrNotFound):
			return fmt.Errorf("reading story %s: %w", sid, err)
		}
		ls.loaded = true
	}
	ids := slices.Clone(ls.base)
	for _, id := range members {
		if !slices.Contains(ls.base, id) {
			ids = append(ids, id)
		}
	}
	arts, err := s.load(ctx, ids)
	if err != nil {
		return fmt.Errorf("loading the articles of story %s: %w", sid, err)
	}
	story := Assemble(sid, arts)
	// The analysis sees the members in story order, as the batch pipeline
	// gives them: its results depend on the order (which article is first
	// with a value, which is the original of a copy).
	byID := make(map[string]*crosscheck.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	for i, id := range story.Articles {
		arts[i] = byID[id]
	}
	t1 := time.Now()
	pipeline.AnalyzeStory(story, arts)
	t2 := time.Now()
	if err := s.st.PutStory(ctx, story); err != nil {
		return err
	}
	t3 := time.Now()
	s.stats.loadNanos.Add(int64(t1.Sub(t0)))
	s.stats.analyzeNanos.Add(int64(t2.Sub(t1)))
	s.stats.storeNanos.Add(int64(t3.Sub(t2)))
	s.stats.storiesPut.Add(1)
	ls.putGen = cur
	return nil
}

// load returns the articles with the given IDs, from the cache when there,
// in the given order.
func (s *Service) load(ctx context.Context, ids []string) ([]*crosscheck.Article, error) {
	out := make([]*crosscheck.Article, len(ids))
	var missing []string
	for i, id := range ids {
		if a := s.cache.get(id); a != nil {
			out[i] = a
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		got, err := s.st.Articles(ctx, missing)
		if err != nil {
			return nil, err
		}
		byID := make(map[string]*crosscheck.Article, len(got))
		for _, a := range got {
			byID[a.ID] = a
			s.cache.put(a)
		}
		for i, id := range ids {
			if out[i] == nil {
				if out[i] = byID[id]; out[i] == nil {
					return nil, fmt.Errorf("article %s is in the story but not in the store", id)
				}
			}
		}
	}
	return out, nil
}

// Assemble makes the story of the given member articles (in arrival order):
// articles ordered by publication time (undated ones last, in arrival
// order), outlets in order of first appearance, first and last seen from
// the known publication times, and the most central headline as title. The
// analysis fields are left for pipeline.AnalyzeStory.
func Assemble(id string, arts []*crosscheck.Article) *crosscheck.Story {
	sorted := slices.Clone(arts)
	slices.SortStableFunc(sorted, func(a, b *crosscheck.Article) int {
		switch {
		case a.Published == nil && b.Published == nil:
			return 0
		case a.Published == nil:
			return 1
		case b.Published == nil:
			return -1
		}
		return a.Published.Compare(*b.Published)
	})
	st := &crosscheck.Story{ID: id, Articles: make([]string, 0, len(sorted))}
	for _, a := range sorted {
		st.Articles = append(st.Articles, a.ID)
		if a.Outlet != "" && !slices.Contains(st.Outlets, a.Outlet) {
			st.Outlets = append(st.Outlets, a.Outlet)
		}
		if a.Published != nil && !a.Published.IsZero() {
			if st.FirstSeen == nil || a.Published.Before(*st.FirstSeen) {
				t := *a.Published
				st.FirstSeen = &t
			}
			if st.LastSeen == nil || a.Published.After(*st.LastSeen) {
				t := *a.Published
				st.LastSeen = &t
			}
		}
	}
	st.Title = centralTitle(sorted)
	return st
}

// centralTitle is the headline sharing the most words with the story's
// other headlines (each pair scored by the Jaccard overlap of their word
// forms); ties go to the earliest article. The clusterer picks its titles
// against its centroid, which the store does not keep; this needs only the
// headlines, so every update of a story picks the same way.
func centralTitle(arts []*crosscheck.Article) string {
	type head struct {
		title string
		words map[string]bool
	}
	var heads []head
	for _, a := range arts {
		if a.Title == "" || slices.ContainsFunc(heads, func(h head) bool { return h.title == a.Title }) {
			continue
		}
		words := map[string]bool{}
		for _, t := range text.Tokenize(a.Title, a.Language) {
			if t.Kind == crosscheck.TokenWord || t.Kind == crosscheck.TokenNumber {
				words[t.Stem] = true
			}
		}
		heads = append(heads, head{a.Title, words})
		if len(heads) == 64 { // enough to find the centre of a big story
			break
		}
	}
	best, bestScore := "", -1.0
	for i, h := range heads {
		score := 0.0
		for j, o := range heads {
			if i != j {
				score += jaccard(h.words, o.words)
			}
		}
		if score > bestScore {
			best, bestScore = h.title, score
		}
	}
	return best
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// Summary counts what IngestAll did.
type Summary struct {
	Inputs     int // documents read (failed ones included)
	Added      int // articles newly stored
	Duplicates int // articles already stored
	Failed     int // documents that could not be read or ingested
	Stories    int // distinct stories the articles went into
}

// IngestAll reads every input (files, directories, URLs, "-", as
// source.Read takes them) and ingests each document, Options.Workers at a
// time. Each failure is passed to onError (which may be nil) and counted;
// it never stops the batch. The error result is only for a cancelled
// context.
func (s *Service) IngestAll(ctx context.Context, inputs []string, sopt source.Options, onError func(crosscheck.InputError)) (Summary, error) {
	var (
		sum     Summary
		mu      sync.Mutex
		stories = map[string]bool{}
		wg      sync.WaitGroup
		jobs    = make(chan crosscheck.Document)
	)
	fail := func(err error) {
		ie := crosscheck.InputError{Err: err.Error()}
		var se *source.Error
		if errors.As(err, &se) {
			ie = crosscheck.InputError{Source: se.Source, Err: se.Err.Error()}
		}
		mu.Lock()
		sum.Failed++
		if onError != nil {
			onError(ie)
		}
		mu.Unlock()
	}
	workers := cmp.Or(s.opt.Workers, runtime.GOMAXPROCS(0))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for doc := range jobs {
				res, err := s.Ingest(ctx, doc)
				if err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				if res.Added {
					sum.Added++
				} else {
					sum.Duplicates++
				}
				stories[res.Story] = true
				mu.Unlock()
			}
		}()
	}
	for doc, err := range source.Read(ctx, inputs, sopt) {
		if ctx.Err() != nil {
			break
		}
		mu.Lock()
		sum.Inputs++
		mu.Unlock()
		if err != nil {
			fail(err)
			continue
		}
		jobs <- doc
	}
	close(jobs)
	wg.Wait()
	sum.Stories = len(stories)
	return sum, ctx.Err()
}
