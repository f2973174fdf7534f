// Package sqlite is the embedded crosscheck.Store: one SQLite file, through
// the cgo-free modernc.org/sqlite driver, so the crosscheck binary stays
// static.
//
// Durability: the database runs in WAL mode with synchronous=FULL, so every
// commit is fsynced to the write-ahead log before AddArticle or PutStory
// returns. An acknowledged article survives kill -9 (NORMAL would already
// give that, since a killed process leaves its writes in the OS) and also a
// power cut or kernel crash, which NORMAL would not; an fsync costs well
// under a millisecond here, far below the per-article pipeline cost. A
// store opened Replayable (crosscheck ingest, for batches that can be run
// again) commits with synchronous=NORMAL instead: see Options.
//
// Concurrency: writes go through one connection (SQLite has one writer at a
// time; queueing in Go is cheaper than busy-waiting on the file lock) and
// reads through a pool of read-only connections, which WAL lets run beside
// the writer. Several processes may open the same file; they then wait on
// each other's writes (busy_timeout).
//
// Schema: see migrations/*.sql, applied in order when the store is opened.
// A story read is one primary-key fetch of the story's JSON; listings read
// summary columns through one index per order; full text is FTS5 over title
// and text (unicode61, diacritics removed, no stemming).
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/store/internal/record"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a crosscheck.Store in one SQLite file.
type Store struct {
	path   string
	writer *sql.DB // one connection: every write
	reader *sql.DB // read-only pool
	// revision and storyDoc are StoryRevision's and Story's queries,
	// prepared once: the server asks the first before every story read and
	// the second on every cache miss, and preparing a query anew each time
	// cost as much as running it.
	revision, storyDoc *sql.Stmt

	// The group commit of AddArticle: calls waiting for a transaction, and
	// whether one of them is committing.
	addMu      sync.Mutex
	addQueue   []*addRequest
	committing bool
}

var _ crosscheck.Store = (*Store)(nil)

// Options are the settings of OpenWith.
type Options struct {
	// Replayable commits with synchronous=NORMAL: a commit reaches the
	// write-ahead log but is not fsynced until the next checkpoint. What
	// was acknowledged survives the process being killed, not a power cut
	// or an OS crash, which may lose the last commits. That suits a batch
	// that can be run again (crosscheck ingest: articles are identified by
	// their URL and text, so a rerun stores exactly what was lost), and
	// spares an fsync per commit.
	Replayable bool
}

// Open opens (creating if needed) the database file at path and brings its
// schema up to date. Every commit is durable (see the package comment).
func Open(path string) (*Store, error) {
	return OpenWith(path, Options{})
}

// OpenWith is Open with options.
func OpenWith(path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: no database path")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlite: database path %q: '?' and '#' are not allowed in a file name here", path)
	}
	synchronous := "FULL"
	if opt.Replayable {
		synchronous = "NORMAL"
	}
	// _txlock=immediate: a write transaction takes the write lock when it
	// begins, so two processes never deadlock upgrading read locks.
	// temp_store(MEMORY): a multi-row insert keeps its statement journal
	// in memory; on disk, a commit that split a b-tree page created,
	// wrote and deleted a temporary file (about 1% of ingest CPU in the
	// profile; 3.5% and 4.2% more pages per CPU-second without it in
	// concurrent A/B runs of bench ingest).
	base := "file:" + strings.ReplaceAll(path, "%", "%25") +
		"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(" + synchronous + ")&_pragma=temp_store(MEMORY)"
	writer, err := sql.Open("sqlite", base+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetConnMaxIdleTime(0)
	reader, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
	if err != nil {
		writer.Close()
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	// Readers spend much of a read outside the CPU (page faults, the
	// writer's checkpoints), so there are more of them than CPUs.
	n := 4*runtime.GOMAXPROCS(0) + 4
	reader.SetMaxOpenConns(n)
	reader.SetMaxIdleConns(n)
	s := &Store{path: path, writer: writer, reader: reader}
	if err := s.migrate(context.Background()); err != nil {
		s.Close()
		return nil, err
	}
	if s.revision, err = reader.Prepare("SELECT rev FROM stories WHERE id = ?"); err == nil {
		s.storyDoc, err = reader.Prepare("SELECT doc FROM stories WHERE id = ?")
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: %s: %w", path, err)
	}
	return s, nil
}

// migrate applies the embedded migrations the database has not seen, each
// in the one transaction that records it.
func (s *Store) migrate(ctx context.Context) error {
	var mode string
	if err := s.writer.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("sqlite: %s: %w", s.path, err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("sqlite: %s: journal mode is %q, want wal (is it on a file system without shared memory?)", s.path, mode)
	}
	if _, err := s.writer.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied INTEGER NOT NULL)"); err != nil {
		return fmt.Errorf("sqlite: %s: creating schema_migrations: %w", s.path, err)
	}
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		name := strings.TrimPrefix(f, "migrations/")
		version, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("sqlite: migration %s: name must start with a number", name)
		}
		body, err := migrations.ReadFile(f)
		if err != nil {
			return err
		}
		if err := s.apply(ctx, version, string(body)); err != nil {
			return fmt.Errorf("sqlite: %s: migration %s: %w", s.path, name, err)
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, version int, body string) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, body); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied) VALUES (?, ?)", version, time.Now().UnixNano()); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the database.
func (s *Store) Close() error {
	var errs []error
	for _, stmt := range []*sql.Stmt{s.revision, s.storyDoc} {
		if stmt != nil {
			errs = append(errs, stmt.Close())
		}
	}
	return errors.Join(append(errs, s.reader.Close(), s.writer.Close())...)
}

// AddArticle stores a; see crosscheck.Store.
//
// Articles added at the same time share a transaction (group commit): the
// first caller commits what is queued when it gets the writer, and hands
// the next commit to the first caller queued meanwhile. Each caller returns
// after the fsync of the transaction that holds its article, so durability
// is that of one commit per article, at a fraction of the fsyncs when
// several ingest workers write at once.
func (s *Store) AddArticle(ctx context.Context, a *crosscheck.Article) (bool, error) {
	added, errs := s.AddArticles(ctx, []*crosscheck.Article{a})
	return added[0], errs[0]
}

var _ crosscheck.ArticleBatches = (*Store)(nil)

// AddArticles stores the articles in one transaction (with whatever else
// is queued for it, see AddArticle); see crosscheck.ArticleBatches.
func (s *Store) AddArticles(ctx context.Context, as []*crosscheck.Article) (added []bool, errs []error) {
	added, errs = make([]bool, len(as)), make([]error, len(as))
	var reqs []*addRequest
	for i, a := range as {
		if a.ID == "" {
			errs[i] = errors.New("sqlite: adding an article without an ID")
			continue
		}
		doc, err := record.ArticleDoc(a)
		if err != nil {
			errs[i] = fmt.Errorf("sqlite: adding article %s: %w", a.ID, err)
			continue
		}
		reqs = append(reqs, &addRequest{a: a, doc: doc, now: time.Now(), done: make(chan struct{}), lead: make(chan struct{}), index: i})
	}
	if len(reqs) == 0 {
		return added, errs
	}
	// The requests queue together, so they share a transaction (up to
	// maxBatch); the last one waits for the others' commits too.
	s.addMu.Lock()
	s.addQueue = append(s.addQueue, reqs...)
	if !s.committing {
		s.committing = true
		reqs[0].leader = true
		close(reqs[0].lead)
	}
	s.addMu.Unlock()
	for _, r := range reqs {
		s.awaitAdd(ctx, r)
		added[r.index], errs[r.index] = r.added, r.err
	}
	return added, errs
}

// awaitAdd waits until r is committed, committing the batch that holds it
// when r is chosen to lead it. A cancelled context withdraws r unless it is
// already being committed.
func (s *Store) awaitAdd(ctx context.Context, r *addRequest) {
	select {
	case <-r.done:
		return
	case <-r.lead:
		s.commitAdds(ctx)
	case <-ctx.Done():
		s.addMu.Lock()
		if !r.leader {
			if i := slices.Index(s.addQueue, r); i >= 0 {
				s.addQueue = slices.Delete(s.addQueue, i, i+1)
				s.addMu.Unlock()
				r.err = fmt.Errorf("sqlite: adding article %s: %w", r.a.ID, ctx.Err())
				return
			}
		}
		s.addMu.Unlock()
		// Already in a transaction, or chosen to commit the next one.
		select {
		case <-r.done:
		case <-r.lead:
			s.commitAdds(ctx)
		}
	}
	<-r.done
}

// addRequest is one AddArticle call waiting for its commit.
type addRequest struct {
	a     *crosscheck.Article
	doc   []byte
	index int // in the AddArticles call
	now   time.Time
	added bool
	err   error
	done  chan struct{} // closed when added and err are set
	// lead is closed (and leader set, under Store.addMu) when this call is
	// to commit the next batch.
	lead   chan struct{}
	leader bool
}

// maxBatch bounds the articles of one group commit.
const maxBatch = 256

// commitAdds commits the queued articles in one transaction, then hands the
// next commit to the first call queued meanwhile, or ends the committing.
func (s *Store) commitAdds(ctx context.Context) {
	s.addMu.Lock()
	n := min(len(s.addQueue), maxBatch)
	batch := slices.Clone(s.addQueue[:n])
	s.addQueue = slices.Delete(s.addQueue, 0, n)
	s.addMu.Unlock()

	// A cancelled caller must not fail the others' commit.
	ctx = context.WithoutCancel(ctx)
	if err := s.insertArticles(ctx, batch); err != nil && len(batch) > 1 {
		// One bad article must not fail the others: each on its own.
		for _, r := range batch {
			s.insertArticles(ctx, []*addRequest{r})
		}
	}
	for _, r := range batch {
		close(r.done)
	}

	s.addMu.Lock()
	if len(s.addQueue) > 0 {
		next := s.addQueue[0]
		next.leader = true
		close(next.lead)
	} else {
		s.committing = false
	}
	s.addMu.Unlock()
}

// insertArticles inserts the batch's articles in one transaction and sets
// each request's result. On failure every request gets the error.
func (s *Store) insertArticles(ctx context.Context, batch []*addRequest) (err error) {
	defer func() {
		if err != nil {
			for _, r := range batch {
				r.added, r.err = false, fmt.Errorf("sqlite: adding article %s: %w", r.a.ID, err)
			}
		}
	}()
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// One statement for the batch: the full-text index (filled by a
	// trigger) flushes its pending terms to a new segment at the end of
	// every statement, so a statement per article wrote a segment per
	// article and then merged them. RETURNING names the rows inserted; an
	// article already stored, or twice in the batch, is not among them.
	args := make([]any, 0, 9*len(batch))
	for _, r := range batch {
		a := r.a
		args = append(args, a.ID, a.Outlet, a.Language, a.Title, record.Nanos(a.Published), r.now.UnixNano(),
			record.ArticleTime(a, r.now).UnixNano(), a.Text, r.doc)
	}
	rows, err := tx.QueryContext(ctx, `INSERT INTO articles (id, outlet, language, title, published, ingested, at, text, doc)
		VALUES `+strings.TrimSuffix(strings.Repeat("("+placeholders(9)+"),", len(batch)), ",")+`
		ON CONFLICT (id) DO NOTHING RETURNING id`, args...)
	if err != nil {
		return err
	}
	inserted := make(map[string]bool, len(batch))
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		inserted[id] = true
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	added := make([]bool, len(batch))
	for i, r := range batch {
		// The first of the batch's copies of an article is the one added.
		added[i] = inserted[r.a.ID]
		delete(inserted, r.a.ID)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for i, r := range batch {
		r.added, r.err = added[i], nil
	}
	return nil
}

// Article returns one article; see crosscheck.Store.
func (s *Store) Article(ctx context.Context, id string) (*crosscheck.Article, error) {
	var doc []byte
	var body string
	err := s.reader.QueryRowContext(ctx, "SELECT doc, text FROM articles WHERE id = ?", id).Scan(&doc, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %s: %w", id, crosscheck.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading article %s: %w", id, err)
	}
	return record.LoadArticle(doc, body)
}

// chunk is how many IDs go into one IN (…) list.
const chunk = 500

// Articles returns the articles with the given IDs; see crosscheck.Store.
func (s *Store) Articles(ctx context.Context, ids []string) ([]*crosscheck.Article, error) {
	byID := make(map[string]*crosscheck.Article, len(ids))
	for part := range slices.Chunk(ids, chunk) {
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := s.reader.QueryContext(ctx, "SELECT doc, text FROM articles WHERE id IN ("+placeholders(len(part))+")", args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: reading articles: %w", err)
		}
		for rows.Next() {
			var doc []byte
			var body string
			if err := rows.Scan(&doc, &body); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: reading articles: %w", err)
			}
			a, err := record.LoadArticle(doc, body)
			if err != nil {
				rows.Close()
				return nil, err
			}
			byID[a.ID] = a
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("sqlite: reading articles: %w", err)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: reading articles: %w", err)
		}
	}
	out := make([]*crosscheck.Article, 0, len(byID))
	for _, id := range ids {
		if a := byID[id]; a != nil {
			out = append(out, a)
			delete(byID, id) // an ID asked twice is returned once
		}
	}
	return out, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// recentPage is how many articles RecentArticles reads per query.
const recentPage = 256

// RecentArticles yields the articles at or after since in arrival order;
// see crosscheck.Store.
func (s *Store) RecentArticles(ctx context.Context, since time.Time) iter.Seq2[*crosscheck.Article, error] {
	return s.articlePages(ctx, "recent articles", "SELECT seq, doc, text FROM articles WHERE seq > ?1 AND at >= ?3 ORDER BY seq LIMIT ?2", since.UnixNano())
}

// UnplacedArticles yields the articles stored without a story; see
// crosscheck.Store.
func (s *Store) UnplacedArticles(ctx context.Context) iter.Seq2[*crosscheck.Article, error] {
	return s.articlePages(ctx, "unplaced articles", "SELECT seq, doc, text FROM articles a WHERE seq > ?1 AND NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article = a.id) ORDER BY seq LIMIT ?2")
}

// articlePages yields the articles query selects (seq, doc, text), a page
// at a time in seq order: query takes the last seq seen and the page size
// as its first two parameters, then args.
func (s *Store) articlePages(ctx context.Context, what, query string, args ...any) iter.Seq2[*crosscheck.Article, error] {
	return func(yield func(*crosscheck.Article, error) bool) {
		var after int64
		for {
			type row struct {
				seq  int64
				doc  []byte
				body string
			}
			var page []row
			rows, err := s.reader.QueryContext(ctx, query, append([]any{after, recentPage}, args...)...)
			if err != nil {
				yield(nil, fmt.Errorf("sqlite: reading %s: %w", what, err))
				return
			}
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.seq, &r.doc, &r.body); err != nil {
					rows.Close()
					yield(nil, fmt.Errorf("sqlite: reading %s: %w", what, err))
					return
				}
				page = append(page, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				yield(nil, fmt.Errorf("sqlite: reading %s: %w", what, err))
				return
			}
			// The page is read whole before yielding, so that the consumer's
			// work does not hold a read transaction open.
			for _, r := range page {
				a, err := record.LoadArticle(r.doc, r.body)
				if !yield(a, err) || err != nil {
					return
				}
				after = r.seq
			}
			if len(page) < recentPage {
				return
			}
		}
	}
}

// PutStory stores st; see crosscheck.Store.
func (s *Store) PutStory(ctx context.Context, st *crosscheck.Story) error {
	if st.ID == "" {
		return errors.New("sqlite: putting a story without an ID")
	}
	rec, err := record.NewStory(st)
	if err != nil {
		return err
	}
	// Packed before the transaction, which holds the only writer.
	rec.Doc = record.Pack(rec.Doc)
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: putting story %s: %w", st.ID, err)
	}
	defer tx.Rollback()
	if err := putStory(ctx, tx, st, rec); err != nil {
		return fmt.Errorf("sqlite: putting story %s: %w", st.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: putting story %s: %w", st.ID, err)
	}
	return nil
}

func putStory(ctx context.Context, tx *sql.Tx, st *crosscheck.Story, rec *record.Story) error {
	// The story's languages are its articles' languages, in story order;
	// reading them also checks that every article is stored.
	langOf := map[string]string{}
	for part := range slices.Chunk(st.Articles, chunk) {
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := tx.QueryContext(ctx, "SELECT id, language FROM articles WHERE id IN ("+placeholders(len(part))+")", args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, lang string
			if err := rows.Scan(&id, &lang); err != nil {
				rows.Close()
				return err
			}
			langOf[id] = lang
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	var languages []string
	for _, id := range st.Articles {
		lang, ok := langOf[id]
		if !ok {
			return fmt.Errorf("article %s is not stored: add it before its story", id)
		}
		if lang != "" && !slices.Contains(languages, lang) {
			languages = append(languages, lang)
		}
	}

	now := time.Now().UnixNano()
	first, last := record.Nanos(st.FirstSeen), record.Nanos(st.LastSeen)
	var created int64 = now
	err := tx.QueryRowContext(ctx, "SELECT created FROM stories WHERE id = ?", st.ID).Scan(&created)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	// A story put for the first time has no rows to replace: the
	// statements that delete them are skipped (a story's rows are only
	// ever written in the transaction that writes the story).
	isNew := errors.Is(err, sql.ErrNoRows)
	sortAt, startAt := created, created
	if last != nil {
		sortAt = *last
	}
	if first != nil {
		startAt = *first
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, title, n_articles, n_outlets, conflicts, first_seen, last_seen, created, sort_at, start_at, outlets, languages, doc)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, n_articles = excluded.n_articles, n_outlets = excluded.n_outlets,
			conflicts = excluded.conflicts, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
			sort_at = excluded.sort_at, start_at = excluded.start_at, outlets = excluded.outlets,
			languages = excluded.languages, doc = excluded.doc, rev = stories.rev + 1`,
		st.ID, st.Title, len(st.Articles), len(rec.Outlets), rec.Conflicts, first, last, created, sortAt, startAt,
		string(record.Strings(rec.Outlets)), string(record.Strings(languages)), rec.Doc); err != nil {
		return err
	}
	if !isNew {
		for _, table := range []string{"story_articles", "story_outlets", "story_languages", "story_entities", "story_entity_names"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE story = ?", st.ID); err != nil {
				return err
			}
		}
	}
	// One multi-row INSERT per table: the driver prepares every statement
	// it runs, and a story has tens of rows.
	var rows []any
	for _, id := range st.Articles {
		rows = append(rows, id, st.ID)
	}
	if err := insertRows(ctx, tx, "INSERT INTO story_articles (article, story) VALUES %s ON CONFLICT (article) DO UPDATE SET story = excluded.story", 2, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, o := range rec.Outlets {
		rows = append(rows, o, st.ID)
	}
	if err := insertRows(ctx, tx, "INSERT INTO story_outlets (outlet, story) VALUES %s", 2, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, l := range languages {
		rows = append(rows, l, st.ID)
	}
	if err := insertRows(ctx, tx, "INSERT INTO story_languages (language, story) VALUES %s", 2, rows); err != nil {
		return err
	}
	rows = rows[:0]
	quotes := entityQuotes(rec.Quotes)
	for _, e := range rec.Entities {
		rows = append(rows, e.ID, st.ID, e.Name, string(e.Type), string(record.Strings(e.Variants)), e.Mentions, quotes[e.ID])
	}
	if err := insertRows(ctx, tx, "INSERT INTO story_entities (entity, story, name, type, variants, mentions, quotes) VALUES %s", 7, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, n := range rec.Names {
		rows = append(rows, n.Key, st.ID, n.Entity)
	}
	return insertRows(ctx, tx, "INSERT INTO story_entity_names (name, story, entity) VALUES %s", 3, rows)
}

// entityQuotes returns, by entity, the JSON array of its quotes in story
// order, as the quotes column of story_entities holds them (see migration
// 0005); an entity without quotes has none (NULL).
func entityQuotes(qs []record.Quote) map[string][]byte {
	out := map[string][]byte{}
	for _, q := range qs { // in story order
		b := out[q.Entity]
		if b == nil {
			b = append(b, '[')
		} else {
			b[len(b)-1] = ','
		}
		out[q.Entity] = append(append(b, q.Doc...), ']')
	}
	return out
}

// insertRows runs query, whose %s stands for the VALUES list, for args
// taken cols at a time as rows, in statements of at most chunk rows.
func insertRows(ctx context.Context, tx *sql.Tx, query string, cols int, args []any) error {
	row := "(" + placeholders(cols) + ")"
	for part := range slices.Chunk(args, chunk*cols) {
		values := strings.TrimSuffix(strings.Repeat(row+",", len(part)/cols), ",")
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(query, values), part...); err != nil {
			return err
		}
	}
	return nil
}

// Story returns one story; see crosscheck.Store.
func (s *Store) Story(ctx context.Context, id string) (*crosscheck.Story, error) {
	var doc []byte
	err := s.storyDoc.QueryRowContext(ctx, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("story %s: %w", id, crosscheck.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading story %s: %w", id, err)
	}
	return record.DecodeStory(doc)
}

// StoryRevision returns the revision of a story; see
// crosscheck.StoryRevisions.
func (s *Store) StoryRevision(ctx context.Context, id string) (int64, error) {
	var rev int64
	err := s.revision.QueryRowContext(ctx, id).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("story %s: %w", id, crosscheck.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("sqlite: reading the revision of story %s: %w", id, err)
	}
	return rev, nil
}

// StoryOf returns the story of an article; see crosscheck.Store.
func (s *Store) StoryOf(ctx context.Context, articleID string) (string, error) {
	var id string
	err := s.reader.QueryRowContext(ctx, "SELECT story FROM story_articles WHERE article = ?", articleID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("story of article %s: %w", articleID, crosscheck.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("sqlite: reading the story of article %s: %w", articleID, err)
	}
	return id, nil
}

func question(int) string { return "?" }

// Stories lists stories; see crosscheck.Store.
func (s *Store) Stories(ctx context.Context, q crosscheck.StoryQuery) ([]crosscheck.StorySummary, error) {
	l, err := record.ListStories(q, question)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing stories: %w", err)
	}
	return s.summaries(ctx, l.SQL(), l.Args...)
}

func (s *Store) summaries(ctx context.Context, query string, args ...any) ([]crosscheck.StorySummary, error) {
	rows, err := s.reader.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: listing stories: %w", err)
	}
	defer rows.Close()
	out := []crosscheck.StorySummary{}
	for rows.Next() {
		sum, err := record.ScanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
		out = append(out, sum)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: listing stories: %w", err)
	}
	return out, nil
}

// Entity aggregates one entity over the stories that mention it; see
// crosscheck.Store.
func (s *Store) Entity(ctx context.Context, id string) (*crosscheck.EntityProfile, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT e.name, e.type, e.variants FROM story_entities e JOIN stories s ON s.id = e.story
		WHERE e.entity = ? ORDER BY s.sort_at DESC, s.id`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading entity %s: %w", id, err)
	}
	var ents []record.Entity
	for rows.Next() {
		var e record.Entity
		var variants []byte
		if err := rows.Scan(&e.Name, &e.Type, &variants); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: reading entity %s: %w", id, err)
		}
		if e.Variants, err = record.ParseStrings(variants); err != nil {
			rows.Close()
			return nil, err
		}
		ents = append(ents, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: reading entity %s: %w", id, err)
	}
	if len(ents) == 0 {
		return nil, fmt.Errorf("entity %s: %w", id, crosscheck.ErrNotFound)
	}
	p := &crosscheck.EntityProfile{ID: id}
	p.Name, p.Type, p.Variants = record.Profile(id, ents)
	cols := "s." + strings.ReplaceAll(record.SummaryColumns, ", ", ", s.")
	if p.Stories, err = s.summaries(ctx, fmt.Sprintf(`SELECT %s FROM story_entities e JOIN stories s ON s.id = e.story
		WHERE e.entity = ? ORDER BY s.sort_at DESC, s.id LIMIT %d`, cols, record.EntityStories), id); err != nil {
		return nil, err
	}
	// Each story has at least one quote in its row, so EntityQuotes rows
	// are enough.
	qrows, err := s.reader.QueryContext(ctx, fmt.Sprintf(`SELECT e.quotes FROM story_entities e JOIN stories s ON s.id = e.story
		WHERE e.entity = ? AND e.quotes IS NOT NULL ORDER BY s.sort_at DESC, s.id LIMIT %d`, record.EntityQuotes), id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: reading the quotes of entity %s: %w", id, err)
	}
	defer qrows.Close()
	p.Quotes = []crosscheck.Quote{}
	for qrows.Next() && len(p.Quotes) < record.EntityQuotes {
		var doc []byte
		if err := qrows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("sqlite: reading the quotes of entity %s: %w", id, err)
		}
		qs, err := record.DecodeQuotes(doc)
		if err != nil {
			return nil, fmt.Errorf("sqlite: entity %s: %w", id, err)
		}
		p.Quotes = append(p.Quotes, qs[:min(len(qs), record.EntityQuotes-len(p.Quotes))]...)
	}
	if err := qrows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: reading the quotes of entity %s: %w", id, err)
	}
	return p, nil
}

// Search finds articles by full text; see crosscheck.Store.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]crosscheck.SearchHit, error) {
	if limit <= 0 {
		limit = record.DefaultSearch
	}
	limit = min(limit, record.MaxPage)
	phrases := record.ParseQuery(q)
	hits := []crosscheck.SearchHit{}
	if len(phrases) == 0 {
		return hits, nil
	}
	terms := make([]string, len(phrases))
	for i, p := range phrases {
		terms[i] = `"` + strings.Join(p, " ") + `"`
	}
	rows, err := s.reader.QueryContext(ctx, `SELECT a.id, coalesce(sa.story, ''), a.title, a.outlet, snippet(articles_fts, 1, '', '', '…', 24)
		FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
		LEFT JOIN story_articles sa ON sa.article = a.id
		WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?`, strings.Join(terms, " "), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: searching %q: %w", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h crosscheck.SearchHit
		if err := rows.Scan(&h.Article, &h.Story, &h.Title, &h.Outlet, &h.Snippet); err != nil {
			return nil, fmt.Errorf("sqlite: searching %q: %w", q, err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: searching %q: %w", q, err)
	}
	return hits, nil
}
