// Package ingest places a stream of articles into stories in a
// crosscheck.Store: the service behind `crosscheck ingest`, the server's
// POST /api/articles and the monitoring workers.
//
// For each document, Service.Ingest runs the per-article stages
// (pipeline.Prepare, text.Analyze), stores the article (idempotent: the
// article ID is a content hash) and assigns it to a live story with the
// online clusterer. It returns once the article is durable and its story is
// decided; the story's analysis (pipeline.AnalyzeStory over its members)
// and the story's write run in the background. A story that gains articles
// while it waits for, or goes through, its analysis is analysed once more
// afterwards, not once per article, so a burst into one story costs a few
// analyses. Flush waits until every story with new articles is analysed and
// stored; IngestAll and Close flush.
//
// Until then a read of the story shows its previous analysis, or finds no
// story for a story's first article. Nothing is lost in between: the store
// is the truth about which story an article is in (an article belongs to a
// story once the story is put with it), and New places every article that
// is stored without a story (a crash between the two writes), which
// re-analyses the stories the crash left unfinished.
//
// The online clusterer only finds the most similar live story. After a
// restart, New replays the articles of the live window in their arrival
// order to rebuild the clusterer. Should the replay group them differently
// from before (the document frequencies of older articles are no longer
// there), an online story is mapped to the stored story of its first member
// that has one, so stored stories only ever grow.
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
	"iter"
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
	// AnalysisWorkers is how many stories are analysed at once in the
	// background (0: twice GOMAXPROCS: a worker spends part of each story
	// reading its articles and waiting for the commit that stores it, and
	// the others keep the CPUs busy meanwhile).
	AnalysisWorkers int
	// AnalysisDelay is how long a story with a new article waits before its
	// analysis starts, so that articles arriving together are analysed
	// together (0: 200ms; negative: no wait). Flush does not wait for it.
	AnalysisDelay time.Duration
	// Shared, when set, coordinates this Service with the others writing
	// to the same store (see Coordinator and shared.go).
	Shared Coordinator
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

	// mu guards the clusterer, the maps and the analysis queue below. It
	// is held only for in-memory work (microseconds), never for an
	// analysis or a store write.
	mu      sync.Mutex
	on      *cluster.Online
	placed  map[string]string     // article ID → stored story ID, for articles of live stories
	alias   map[string]string     // online story ID → stored story ID, for stories rebuilt by New
	stories map[string]*liveStory // stored story ID → its state, for live stories

	// The analysis queue: stories with members their stored version lacks,
	// in the order they became so (so the head is the first due). A story
	// is in it at most once; busy counts the stories queued or being
	// analysed, failed ones waiting to be retried aside.
	queue    []*liveStory
	busy     int
	idle     chan struct{} // closed while busy is 0
	flushing int           // Flush calls waiting: the delay is skipped
	closed   bool
	work     *sync.Cond // on mu: the queue changed, or a delay ran out
	settled  *sync.Cond // on mu: an analysis finished
	workers  sync.WaitGroup

	sh *shared // with Options.Shared: the multi-worker protocol
}

// liveStory is a story whose articles this process placed or may place.
//
// Stories are analysed by the background workers, one worker per story at
// a time; different stories are analysed in parallel.
type liveStory struct {
	id string

	// Guarded by Service.mu.
	members  []string  // articles placed into this story by this process
	gen      int       // count of placements
	queued   bool      // in Service.queue
	running  bool      // a worker is analysing it
	due      time.Time // when its analysis may start
	evicted  bool      // the clusterer dropped it; placed keeps its members until they are put
	failures int       // analyses that failed in a row
	err      error     // the last failure, while failures > 0
	waiters  int       // Settle calls waiting for it: its delay is skipped

	// Owned by the worker analysing the story.
	loaded bool     // base has been read from the store
	base   []string // the story's articles as stored before this process
	putGen int      // gen covered by the last successful PutStory
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
	if opt.AnalysisDelay == 0 {
		opt.AnalysisDelay = 200 * time.Millisecond
	}
	s := &Service{
		st:      st,
		ex:      extract.New(opt.Extract),
		opt:     opt,
		cache:   newArticleCache(opt.CachedArticles),
		placed:  map[string]string{},
		alias:   map[string]string{},
		stories: map[string]*liveStory{},
		idle:    make(chan struct{}),
	}
	close(s.idle)
	s.work = sync.NewCond(&s.mu)
	s.settled = sync.NewCond(&s.mu)
	copt := opt.Cluster
	copt.OnEvict = s.evicted
	s.on = cluster.NewOnline(copt)
	rebuild := s.rebuild
	if opt.Shared != nil {
		s.sh = &shared{c: opt.Shared, tentative: map[string]string{}}
		rebuild = s.rebuildShared
	}
	if err := rebuild(ctx); err != nil {
		return nil, err
	}
	for range cmp.Or(opt.AnalysisWorkers, 2*runtime.GOMAXPROCS(0)) {
		s.workers.Add(1)
		go s.analyse()
	}
	return s, nil
}

// evicted forgets a story that left the clusterer's live window. The
// clusterer calls it from inside Add, which runs with s.mu held. A story
// whose analysis is still to come keeps its articles' placements until its
// members are stored with it (see finish), so that an article ingested
// again meanwhile is not placed twice.
func (s *Service) evicted(st *crosscheck.Story) {
	sid := s.storedID(st.ID)
	delete(s.alias, st.ID)
	ls := s.stories[sid]
	delete(s.stories, sid)
	pending := ls != nil && (ls.queued || ls.running)
	if ls != nil {
		if pending {
			ls.evicted = true
		} else {
			for _, id := range ls.members {
				delete(s.placed, id)
			}
		}
	}
	for _, id := range st.Articles {
		if !pending || !slices.Contains(ls.members, id) {
			delete(s.placed, id)
		}
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
// publication times, not on the wall clock. Articles stored without a story
// are placed as they come and their stories queued for analysis.
func (s *Service) rebuild(ctx context.Context) error {
	since, err := s.liveSince(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for a, err := range s.st.RecentArticles(ctx, since) {
		if err != nil {
			return fmt.Errorf("ingest: rebuilding the live stories: %w", err)
		}
		text.AnalyzeIfNeeded(a)
		stored, err := s.st.StoryOf(ctx, a.ID)
		if err != nil && !errors.Is(err, crosscheck.ErrNotFound) {
			return fmt.Errorf("ingest: rebuilding the live stories: %w", err)
		}
		onlineID, _ := s.on.Add(a)
		s.stats.rebuilt.Add(1)
		if stored == "" {
			s.assign(a.ID, s.storedID(onlineID))
			s.stats.orphans.Add(1)
			continue
		}
		if _, ok := s.alias[onlineID]; !ok {
			s.alias[onlineID] = stored
		}
		s.placed[a.ID] = stored
	}
	// An article the crash left without a story may be older than the
	// window (the window follows publication times, which need not follow
	// arrival): it is placed after the replay, as if it arrived now.
	for a, err := range s.st.UnplacedArticles(ctx) {
		if err != nil {
			return fmt.Errorf("ingest: placing the articles stored without a story: %w", err)
		}
		if _, ok := s.placed[a.ID]; ok {
			continue
		}
		text.AnalyzeIfNeeded(a)
		onlineID, _ := s.on.Add(a)
		s.assign(a.ID, s.storedID(onlineID))
		s.stats.orphans.Add(1)
	}
	return nil
}

// liveSince is where the live window starts: the latest publication time
// of a stored story less the idle window (the clusterer's clock runs on
// publication times); zero without an idle window or a story.
func (s *Service) liveSince(ctx context.Context) (time.Time, error) {
	var since time.Time
	w := s.opt.Cluster.IdleWindow
	if w <= 0 {
		return since, nil
	}
	recent, err := s.st.Stories(ctx, crosscheck.StoryQuery{Order: crosscheck.OrderNewest, Limit: 100})
	if err != nil {
		return since, fmt.Errorf("ingest: finding the live window: %w", err)
	}
	for _, r := range recent {
		if r.LastSeen != nil && r.LastSeen.After(since) {
			since = *r.LastSeen
		}
	}
	if !since.IsZero() {
		since = since.Add(-w)
	}
	return since, nil
}

// assign records article as a member of story sid and queues the story's
// analysis. s.mu is held.
func (s *Service) assign(article, sid string) {
	ls := s.stories[sid]
	if ls == nil {
		ls = &liveStory{id: sid}
		s.stories[sid] = ls
	}
	s.placed[article] = sid
	ls.members = append(ls.members, article)
	ls.gen++
	s.enqueue(ls)
}

// enqueue puts ls in the analysis queue unless it is there already (or
// being analysed: finish queues it again). s.mu is held.
func (s *Service) enqueue(ls *liveStory) {
	if ls.running || (ls.queued && ls.failures == 0) {
		s.stats.coalesced.Add(1)
		return
	}
	if ls.queued {
		// A failed story waiting for its retry is not counted in busy;
		// new articles make it count again, and due now.
		s.removeQueued(ls)
		ls.failures, ls.err = 0, nil
	}
	ls.queued = true
	ls.due = time.Now().Add(max(s.opt.AnalysisDelay, 0))
	s.queue = append(s.queue, ls)
	s.addBusy(1)
	s.work.Signal()
}

func (s *Service) removeQueued(ls *liveStory) {
	if i := slices.Index(s.queue, ls); i >= 0 {
		s.queue = slices.Delete(s.queue, i, i+1)
	}
	ls.queued = false
}

// addBusy changes the count of pending stories. s.mu is held.
func (s *Service) addBusy(d int) {
	if s.busy == 0 && d > 0 {
		s.idle = make(chan struct{})
	}
	s.busy += d
	if s.busy == 0 {
		close(s.idle)
	}
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
	a, err := s.prepare(doc)
	if err != nil {
		return Result{}, err
	}
	t1 := time.Now()
	added, err := s.st.AddArticle(ctx, a)
	s.stats.storeNanos.Add(int64(time.Since(t1)))
	return s.place(ctx, doc, a, added, err)
}

// IngestBatch is Ingest for each document, with their articles stored in
// one transaction when the store can (crosscheck.AddArticles): the batch
// path, where a commit per article cost more than twice as much store time
// per article (0.75 against 0.29 ms per page on the ingest benchmark).
// results[i] and errs[i] are Ingest's for docs[i]; each is answered once
// the whole batch is stored and placed.
func (s *Service) IngestBatch(ctx context.Context, docs []crosscheck.Document) (results []Result, errs []error) {
	results, errs = make([]Result, len(docs)), make([]error, len(docs))
	took := make([]time.Duration, len(docs))
	var arts []*crosscheck.Article
	var at []int // index in docs of each of arts
	for i, doc := range docs {
		t0 := time.Now()
		a, err := s.prepare(doc)
		took[i] = time.Since(t0)
		if err != nil {
			errs[i] = err
			continue
		}
		arts, at = append(arts, a), append(at, i)
	}
	if len(arts) > 0 {
		t1 := time.Now()
		added, addErrs := crosscheck.AddArticles(ctx, s.st, arts)
		store := time.Since(t1)
		s.stats.storeNanos.Add(int64(store))
		for k, a := range arts {
			i := at[k]
			t2 := time.Now()
			results[i], errs[i] = s.place(ctx, docs[i], a, added[k], addErrs[k])
			took[i] += store/time.Duration(len(arts)) + time.Since(t2)
		}
	}
	for i := range docs {
		s.stats.observe(took[i], results[i], errs[i])
	}
	return results, errs
}

// prepare makes doc into a segmented, tokenised article.
func (s *Service) prepare(doc crosscheck.Document) (*crosscheck.Article, error) {
	t0 := time.Now()
	a, err := pipeline.Prepare(s.ex, doc)
	if err != nil {
		return nil, err
	}
	text.Analyze(a)
	s.stats.prepareNanos.Add(int64(time.Since(t0)))
	return a, nil
}

// place places a stored article (added: it was not stored before; err:
// storing it failed) in its story.
func (s *Service) place(ctx context.Context, doc crosscheck.Document, a *crosscheck.Article, added bool, err error) (Result, error) {
	if err != nil {
		return Result{Article: a.ID}, &source.Error{Source: doc.Source, Err: fmt.Errorf("storing article %s: %w", a.ID, err)}
	}
	res := Result{Article: a.ID, Added: added}
	if !added {
		// Stored before: in its story already, unless that story left the
		// live window (then the store knows it) or the article's story is
		// still to be analysed (then s.placed knows it), or its first
		// ingestion failed before it was placed (then it is placed below).
		s.mu.Lock()
		sid, live := s.placed[a.ID]
		s.mu.Unlock()
		if live {
			res.Story = sid
			return res, nil
		}
		sid, err := s.st.StoryOf(ctx, a.ID)
		if err == nil {
			res.Story = sid
			return res, nil
		}
		if !errors.Is(err, crosscheck.ErrNotFound) {
			return res, &source.Error{Source: doc.Source, Err: err}
		}
	}
	s.cache.put(a)
	if s.sh != nil {
		sid, err := s.placeShared(ctx, a)
		if err != nil {
			return res, &source.Error{Source: doc.Source, Err: err}
		}
		res.Story = sid
		return res, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sid, placed := s.placed[a.ID]
	if !placed {
		// Looked up again under the lock: a concurrent ingestion of the
		// same document may have placed it since.
		onlineID, _ := s.on.Add(a)
		sid = s.storedID(onlineID)
		s.assign(a.ID, sid)
	}
	res.Story = sid
	return res, nil
}

// analyse is a background worker: it takes the first story that is due
// from the queue, analyses and stores it, until Close.
func (s *Service) analyse() {
	defer s.workers.Done()
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		ls, wait := s.next()
		switch {
		case ls != nil:
			s.mu.Unlock()
			err := s.update(context.Background(), ls)
			s.mu.Lock()
			s.finish(ls, err)
		case s.closed:
			return
		case wait > 0:
			t := time.AfterFunc(wait, func() {
				s.mu.Lock()
				s.work.Broadcast()
				s.mu.Unlock()
			})
			s.work.Wait()
			t.Stop()
		default:
			s.work.Wait()
		}
	}
}

// next takes the first due story off the queue, or says how long until
// one is due (0: none is queued). Fresh stories are due after the delay,
// unless a Flush or Close is waiting; failed ones when their retry is due,
// and never once the Service is closed. s.mu is held.
func (s *Service) next() (*liveStory, time.Duration) {
	now := time.Now()
	hurry := s.flushing > 0 || s.closed
	var wait time.Duration
	sawFresh := false
	for i, ls := range s.queue {
		retry := ls.failures > 0
		if (retry && s.closed) || (!retry && sawFresh && ls.waiters == 0) {
			// Fresh stories are queued in the order they fall due: only
			// the first can be due, or one a Settle is waiting for.
			continue
		}
		d := ls.due.Sub(now)
		if d <= 0 || ((hurry || ls.waiters > 0) && !retry) {
			s.queue = slices.Delete(s.queue, i, i+1)
			ls.queued, ls.running = false, true
			if retry {
				s.addBusy(1) // counted again while it runs
			}
			return ls, 0
		}
		sawFresh = sawFresh || !retry
		if wait == 0 || d < wait {
			wait = d
		}
	}
	return nil, wait
}

// finish records the end of an analysis of ls: a story that gained
// articles meanwhile goes back into the queue, a failed one is retried
// later (its articles are durable; New would place them after a restart).
// s.mu is held.
func (s *Service) finish(ls *liveStory, err error) {
	ls.running = false
	defer s.settled.Broadcast()
	if err != nil {
		s.stats.analysisFailures.Add(1)
		ls.failures++
		ls.err = fmt.Errorf("story %s: %w", ls.id, err)
		ls.queued = true
		ls.due = time.Now().Add(min(time.Second<<min(ls.failures-1, 6), time.Minute))
		s.queue = append(s.queue, ls)
		s.addBusy(-1)
		s.work.Broadcast()
		return
	}
	ls.failures, ls.err = 0, nil
	if ls.gen > ls.putGen {
		// Queued again before this analysis stops counting: were busy to
		// reach zero in between, a Flush waiting on the idle channel
		// would return before the story's new articles are stored.
		s.enqueue(ls)
		s.addBusy(-1)
		return
	}
	s.addBusy(-1)
	if ls.evicted {
		for _, id := range ls.members {
			if s.placed[id] == ls.id {
				delete(s.placed, id)
			}
		}
	}
}

// Flush waits until every story that gained articles has been analysed and
// stored. A story whose analysis failed is retried in the background; Flush
// returns once every pending story has been tried, with their errors.
func (s *Service) Flush(ctx context.Context) error {
	s.mu.Lock()
	s.flushing++
	idle := s.idle
	s.work.Broadcast()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.flushing--
		s.mu.Unlock()
	}()
	select {
	case <-idle:
	case <-ctx.Done():
		return ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, ls := range s.queue {
		if ls.err != nil {
			errs = append(errs, ls.err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("ingest: %d stories could not be stored (retried in the background; their articles are stored): %w", len(errs), errors.Join(errs...))
	}
	return nil
}

// Settle waits until each of the given stories has been analysed and
// stored with every article placed in it so far, skipping the analysis
// delay: a read after Settle sees them. It returns a story's analysis error
// if it failed (the story is retried in the background), and ctx's error if
// ctx ends first. Stories that are not live or have nothing pending return
// at once.
func (s *Service) Settle(ctx context.Context, stories ...string) error {
	stop := context.AfterFunc(ctx, func() {
		s.mu.Lock()
		s.settled.Broadcast()
		s.mu.Unlock()
	})
	defer stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, sid := range stories {
		ls := s.stories[sid]
		if ls == nil {
			continue
		}
		want := ls.gen
		ls.waiters++
		s.work.Broadcast()
		for ls.putGen < want && ls.failures == 0 && ctx.Err() == nil {
			s.settled.Wait()
		}
		ls.waiters--
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case ls.putGen < want && ls.err != nil:
			errs = append(errs, ls.err)
		}
	}
	return errors.Join(errs...)
}

// Close flushes (see Flush) and stops the background analysis. The Service
// must not be used after Close; the store is the caller's to close.
func (s *Service) Close() error {
	err := s.Flush(context.Background())
	s.mu.Lock()
	s.closed = true
	s.work.Broadcast()
	s.mu.Unlock()
	s.workers.Wait()
	return err
}

// update analyses story ls with every member placed so far and stores it.
func (s *Service) update(ctx context.Context, ls *liveStory) error {
	s.mu.Lock()
	members := slices.Clone(ls.members)
	cur := ls.gen
	s.mu.Unlock()

	t0 := time.Now()
	if s.sh != nil {
		unlock, err := s.lockSharedStory(ctx, ls)
		if err != nil {
			return err
		}
		defer unlock()
	}
	if !ls.loaded {
		stored, err := s.st.Story(ctx, ls.id)
		switch {
		case err == nil:
			ls.base = stored.Articles
		case !errors.Is(err, crosscheck.ErrNotFound):
			return fmt.Errorf("reading story %s: %w", ls.id, err)
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
		return fmt.Errorf("loading the articles of story %s: %w", ls.id, err)
	}
	story := Assemble(ls.id, arts)
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
	s.stats.storyStoreNanos.Add(int64(t3.Sub(t2)))
	s.stats.storiesPut.Add(1)
	s.mu.Lock()
	ls.putGen = cur
	s.mu.Unlock()
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
			text.AnalyzeIfNeeded(a)
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

// IngestAll's workers store their articles ingestBatch at a time (see
// IngestBatch; 64 or 128 were no faster). A batch waits at most batchLinger for its documents after
// the first, so a slow input (URLs, a pipe) is not held back.
const (
	ingestBatch = 16
	batchLinger = 50 * time.Millisecond
)

// batches yields the documents from jobs in slices of up to n, each as
// soon as it is full, jobs is closed, or linger has passed since its first
// document.
func batches(jobs <-chan crosscheck.Document, n int, linger time.Duration) iter.Seq[[]crosscheck.Document] {
	return func(yield func([]crosscheck.Document) bool) {
		timer := time.NewTimer(linger)
		defer timer.Stop()
		for first := range jobs {
			batch := []crosscheck.Document{first}
			timer.Reset(linger)
		fill:
			for len(batch) < n {
				select {
				case doc, ok := <-jobs:
					if !ok {
						break fill
					}
					batch = append(batch, doc)
				case <-timer.C:
					break fill
				}
			}
			if !yield(batch) {
				return
			}
		}
	}
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
// time, then flushes (see Flush). Each failure is passed to onError (which
// may be nil) and counted; it never stops the batch. Stories that could not
// be stored are passed to onError too (without a source, and not counted:
// their articles are stored). The error result is only for a cancelled
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
			for docs := range batches(jobs, ingestBatch, batchLinger) {
				results, errs := s.IngestBatch(ctx, docs)
				for i, res := range results {
					if errs[i] != nil {
						fail(errs[i])
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
	// The batch ends with its stories analysed and stored.
	if err := s.Flush(ctx); err != nil && ctx.Err() == nil && onError != nil {
		onError(crosscheck.InputError{Err: err.Error()})
	}
	return sum, ctx.Err()
}
