// Package postgres is the crosscheck.Store for several processes sharing
// one database: PostgreSQL through pgx. The schema is that of store/sqlite
// (migrations/*.sql, applied when the store is opened, under an advisory
// lock so that processes starting together do not race), with a generated
// tsvector and a GIN index for full text.
//
// Durability is PostgreSQL's: a commit returns once its WAL record is
// flushed (synchronous_commit on, the server default), so an acknowledged
// article survives a crash of this process or of the server.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/store/internal/record"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key held while migrating.
const migrationLock = 0x63726f7373 // "cross"

// Store is a crosscheck.Store in a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	name string // the database, for errors (no password)
}

var _ crosscheck.Store = (*Store)(nil)

// Open connects to the database url names (postgres://…; parameters such
// as search_path are passed to the server) and brings its schema up to
// date.
func Open(url string) (*Store, error) {
	return OpenWith(url, Options{})
}

// Options are the settings of OpenWith.
type Options struct {
	// Replayable runs the sessions with synchronous_commit off: a commit
	// returns before the server flushes its WAL record, so a server crash
	// may lose the last fraction of a second of commits (never consistency).
	// For batches that can be run again.
	Replayable bool
}

// OpenWith is Open with options.
func OpenWith(url string, opt Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if opt.Replayable {
		cfg.ConnConfig.RuntimeParams["synchronous_commit"] = "off"
	}
	name := fmt.Sprintf("%s@%s:%d/%s", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connecting to %s: %w", name, err)
	}
	s := &Store{pool: pool, name: name}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connecting to %s: %w", name, err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: %s: migrating: %w", s.name, err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock); err != nil {
		return fmt.Errorf("postgres: %s: migrating: %w", s.name, err)
	}
	if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied BIGINT NOT NULL)"); err != nil {
		return fmt.Errorf("postgres: %s: creating schema_migrations: %w", s.name, err)
	}
	for _, f := range files {
		name := strings.TrimPrefix(f, "migrations/")
		version, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("postgres: migration %s: name must start with a number", name)
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM schema_migrations WHERE version = $1", version).Scan(&n); err != nil {
			return fmt.Errorf("postgres: %s: %w", s.name, err)
		}
		if n > 0 {
			continue
		}
		body, err := migrations.ReadFile(f)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, string(body)); err != nil {
			return fmt.Errorf("postgres: %s: migration %s: %w", s.name, name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, applied) VALUES ($1, $2)", version, time.Now().UnixNano()); err != nil {
			return fmt.Errorf("postgres: %s: migration %s: %w", s.name, name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: %s: migrating: %w", s.name, err)
	}
	return nil
}

// Close closes the connection pool.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// AddArticle stores a; see crosscheck.Store.
func (s *Store) AddArticle(ctx context.Context, a *crosscheck.Article) (bool, error) {
	if a.ID == "" {
		return false, errors.New("postgres: adding an article without an ID")
	}
	doc, err := record.ArticleDoc(a)
	if err != nil {
		return false, err
	}
	now := time.Now()
	tag, err := s.pool.Exec(ctx, insertArticle,
		a.ID, a.Outlet, a.Language, a.Title, record.Nanos(a.Published), now.UnixNano(),
		record.ArticleTime(a, now).UnixNano(), a.Text, string(doc))
	if err != nil {
		return false, fmt.Errorf("postgres: adding article %s: %w", a.ID, err)
	}
	return tag.RowsAffected() == 1, nil
}

var _ crosscheck.ArticleBatches = (*Store)(nil)

// AddArticles stores the articles in one transaction, sent in one round
// trip; see crosscheck.ArticleBatches. Should the transaction fail, each
// article is added on its own, so that one bad article fails alone.
func (s *Store) AddArticles(ctx context.Context, as []*crosscheck.Article) (added []bool, errs []error) {
	added, errs = make([]bool, len(as)), make([]error, len(as))
	batch := &pgx.Batch{}
	var queued []int
	now := time.Now()
	for i, a := range as {
		if a.ID == "" {
			errs[i] = errors.New("postgres: adding an article without an ID")
			continue
		}
		doc, err := record.ArticleDoc(a)
		if err != nil {
			errs[i] = fmt.Errorf("postgres: adding article %s: %w", a.ID, err)
			continue
		}
		batch.Queue(insertArticle, a.ID, a.Outlet, a.Language, a.Title, record.Nanos(a.Published), now.UnixNano(),
			record.ArticleTime(a, now).UnixNano(), a.Text, string(doc))
		queued = append(queued, i)
	}
	if len(queued) == 0 {
		return added, errs
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		res := tx.SendBatch(ctx, batch)
		for _, i := range queued {
			tag, err := res.Exec()
			if err != nil {
				res.Close()
				return err
			}
			added[i] = tag.RowsAffected() == 1
		}
		return res.Close()
	})
	if err != nil {
		for _, i := range queued {
			added[i], errs[i] = s.AddArticle(ctx, as[i])
		}
	}
	return added, errs
}

// insertArticle inserts one article unless its ID is stored.
const insertArticle = `INSERT INTO articles (id, outlet, language, title, published, ingested, at, text, doc)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`

// Article returns one article; see crosscheck.Store.
func (s *Store) Article(ctx context.Context, id string) (*crosscheck.Article, error) {
	var doc, body string
	err := s.pool.QueryRow(ctx, "SELECT doc, text FROM articles WHERE id = $1", id).Scan(&doc, &body)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("article %s: %w", id, crosscheck.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: reading article %s: %w", id, err)
	}
	return record.LoadArticle([]byte(doc), body)
}

// Articles returns the articles with the given IDs; see crosscheck.Store.
func (s *Store) Articles(ctx context.Context, ids []string) ([]*crosscheck.Article, error) {
	byID := make(map[string]*crosscheck.Article, len(ids))
	if len(ids) > 0 {
		rows, err := s.pool.Query(ctx, "SELECT doc, text FROM articles WHERE id = ANY($1)", ids)
		if err != nil {
			return nil, fmt.Errorf("postgres: reading articles: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var doc, body string
			if err := rows.Scan(&doc, &body); err != nil {
				return nil, fmt.Errorf("postgres: reading articles: %w", err)
			}
			a, err := record.LoadArticle([]byte(doc), body)
			if err != nil {
				return nil, err
			}
			byID[a.ID] = a
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("postgres: reading articles: %w", err)
		}
	}
	out := make([]*crosscheck.Article, 0, len(byID))
	for _, id := range ids {
		if a := byID[id]; a != nil {
			out = append(out, a)
			delete(byID, id)
		}
	}
	return out, nil
}

const recentPage = 256

// RecentArticles yields the articles at or after since in arrival order;
// see crosscheck.Store.
func (s *Store) RecentArticles(ctx context.Context, since time.Time) iter.Seq2[*crosscheck.Article, error] {
	return s.articlePages(ctx, "recent articles", "SELECT seq, doc, text FROM articles WHERE seq > $1 AND at >= $3 ORDER BY seq LIMIT $2", since.UnixNano())
}

// UnplacedArticles yields the articles stored without a story; see
// crosscheck.Store.
func (s *Store) UnplacedArticles(ctx context.Context) iter.Seq2[*crosscheck.Article, error] {
	return s.articlePages(ctx, "unplaced articles", "SELECT seq, doc, text FROM articles a WHERE seq > $1 AND NOT EXISTS (SELECT 1 FROM story_articles sa WHERE sa.article = a.id) ORDER BY seq LIMIT $2")
}

// articlePages yields the articles query selects (seq, doc, text), a page
// at a time in seq order: query takes the last seq seen and the page size
// as its first two parameters, then args.
func (s *Store) articlePages(ctx context.Context, what, query string, args ...any) iter.Seq2[*crosscheck.Article, error] {
	return func(yield func(*crosscheck.Article, error) bool) {
		var after int64
		for {
			type row struct {
				seq       int64
				doc, body string
			}
			var page []row
			rows, err := s.pool.Query(ctx, query, append([]any{after, recentPage}, args...)...)
			if err != nil {
				yield(nil, fmt.Errorf("postgres: reading %s: %w", what, err))
				return
			}
			for rows.Next() {
				var r row
				if err := rows.Scan(&r.seq, &r.doc, &r.body); err != nil {
					rows.Close()
					yield(nil, fmt.Errorf("postgres: reading %s: %w", what, err))
					return
				}
				page = append(page, r)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				yield(nil, fmt.Errorf("postgres: reading %s: %w", what, err))
				return
			}
			for _, r := range page {
				a, err := record.LoadArticle([]byte(r.doc), r.body)
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
		return errors.New("postgres: putting a story without an ID")
	}
	rec, err := record.NewStory(st)
	if err != nil {
		return err
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return putStory(ctx, tx, st, rec) })
	if err != nil {
		return fmt.Errorf("postgres: putting story %s: %w", st.ID, err)
	}
	return nil
}

func putStory(ctx context.Context, tx pgx.Tx, st *crosscheck.Story, rec *record.Story) error {
	langOf := map[string]string{}
	rows, err := tx.Query(ctx, "SELECT id, language FROM articles WHERE id = ANY($1)", st.Articles)
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
	// Locks the story's row, if any, so that concurrent puts of one story
	// from several processes apply one after the other.
	created := now
	err = tx.QueryRow(ctx, "SELECT created FROM stories WHERE id = $1 FOR UPDATE", st.ID).Scan(&created)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	sortAt, startAt := created, created
	if last != nil {
		sortAt = *last
	}
	if first != nil {
		startAt = *first
	}
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO stories (id, title, n_articles, n_outlets, conflicts, first_seen, last_seen, created, sort_at, start_at, outlets, languages, doc)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, n_articles = excluded.n_articles, n_outlets = excluded.n_outlets,
			conflicts = excluded.conflicts, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
			sort_at = excluded.sort_at, start_at = excluded.start_at, outlets = excluded.outlets,
			languages = excluded.languages, doc = excluded.doc, rev = stories.rev + 1`,
		st.ID, st.Title, len(st.Articles), len(rec.Outlets), rec.Conflicts, first, last, created, sortAt, startAt,
		string(record.Strings(rec.Outlets)), string(record.Strings(languages)), string(rec.Doc))
	for _, table := range []string{"story_articles", "story_outlets", "story_languages", "story_entities", "story_entity_names", "story_quotes"} {
		b.Queue("DELETE FROM "+table+" WHERE story = $1", st.ID)
	}
	for _, id := range st.Articles {
		b.Queue("INSERT INTO story_articles (article, story) VALUES ($1, $2) ON CONFLICT (article) DO UPDATE SET story = excluded.story", id, st.ID)
	}
	for _, o := range rec.Outlets {
		b.Queue("INSERT INTO story_outlets (outlet, story) VALUES ($1, $2)", o, st.ID)
	}
	for _, l := range languages {
		b.Queue("INSERT INTO story_languages (language, story) VALUES ($1, $2)", l, st.ID)
	}
	for _, e := range rec.Entities {
		b.Queue("INSERT INTO story_entities (entity, story, name, type, variants, mentions) VALUES ($1, $2, $3, $4, $5, $6)",
			e.ID, st.ID, e.Name, string(e.Type), string(record.Strings(e.Variants)), e.Mentions)
	}
	for _, n := range rec.Names {
		b.Queue("INSERT INTO story_entity_names (name, story, entity) VALUES ($1, $2, $3)", n.Key, st.ID, n.Entity)
	}
	for _, q := range rec.Quotes {
		b.Queue("INSERT INTO story_quotes (entity, story, pos, doc) VALUES ($1, $2, $3, $4)", q.Entity, st.ID, q.Pos, string(q.Doc))
	}
	return tx.SendBatch(ctx, b).Close()
}

// Story returns one story; see crosscheck.Store.
func (s *Store) Story(ctx context.Context, id string) (*crosscheck.Story, error) {
	var doc string
	err := s.pool.QueryRow(ctx, "SELECT doc FROM stories WHERE id = $1", id).Scan(&doc)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("story %s: %w", id, crosscheck.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: reading story %s: %w", id, err)
	}
	return record.DecodeStory([]byte(doc))
}

// StoryOf returns the story of an article; see crosscheck.Store.
func (s *Store) StoryOf(ctx context.Context, articleID string) (string, error) {
	var id string
	err := s.pool.QueryRow(ctx, "SELECT story FROM story_articles WHERE article = $1", articleID).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("story of article %s: %w", articleID, crosscheck.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("postgres: reading the story of article %s: %w", articleID, err)
	}
	return id, nil
}

// StoryRevision returns the revision of a story; see
// crosscheck.StoryRevisions.
func (s *Store) StoryRevision(ctx context.Context, id string) (int64, error) {
	var rev int64
	err := s.pool.QueryRow(ctx, "SELECT rev FROM stories WHERE id = $1", id).Scan(&rev)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("story %s: %w", id, crosscheck.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("postgres: reading the revision of story %s: %w", id, err)
	}
	return rev, nil
}

func dollar(n int) string { return "$" + strconv.Itoa(n) }

// Stories lists stories; see crosscheck.Store.
func (s *Store) Stories(ctx context.Context, q crosscheck.StoryQuery) ([]crosscheck.StorySummary, error) {
	l, err := record.ListStories(q, dollar)
	if err != nil {
		return nil, fmt.Errorf("postgres: listing stories: %w", err)
	}
	return s.summaries(ctx, l.SQL(), l.Args...)
}

func (s *Store) summaries(ctx context.Context, query string, args ...any) ([]crosscheck.StorySummary, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: listing stories: %w", err)
	}
	defer rows.Close()
	out := []crosscheck.StorySummary{}
	for rows.Next() {
		sum, err := record.ScanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: %w", err)
		}
		out = append(out, sum)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: listing stories: %w", err)
	}
	return out, nil
}

// Entity aggregates one entity over the stories that mention it; see
// crosscheck.Store.
func (s *Store) Entity(ctx context.Context, id string) (*crosscheck.EntityProfile, error) {
	rows, err := s.pool.Query(ctx, `SELECT e.name, e.type, e.variants FROM story_entities e JOIN stories s ON s.id = e.story
		WHERE e.entity = $1 ORDER BY s.sort_at DESC, s.id`, id)
	if err != nil {
		return nil, fmt.Errorf("postgres: reading entity %s: %w", id, err)
	}
	var ents []record.Entity
	for rows.Next() {
		var e record.Entity
		var typ, variants string
		if err := rows.Scan(&e.Name, &typ, &variants); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres: reading entity %s: %w", id, err)
		}
		e.Type = crosscheck.EntityType(typ)
		if e.Variants, err = record.ParseStrings([]byte(variants)); err != nil {
			rows.Close()
			return nil, err
		}
		ents = append(ents, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: reading entity %s: %w", id, err)
	}
	if len(ents) == 0 {
		return nil, fmt.Errorf("entity %s: %w", id, crosscheck.ErrNotFound)
	}
	p := &crosscheck.EntityProfile{ID: id}
	p.Name, p.Type, p.Variants = record.Profile(id, ents)
	cols := "s." + strings.ReplaceAll(record.SummaryColumns, ", ", ", s.")
	if p.Stories, err = s.summaries(ctx, fmt.Sprintf(`SELECT %s FROM story_entities e JOIN stories s ON s.id = e.story
		WHERE e.entity = $1 ORDER BY s.sort_at DESC, s.id LIMIT %d`, cols, record.EntityStories), id); err != nil {
		return nil, err
	}
	qrows, err := s.pool.Query(ctx, fmt.Sprintf(`SELECT q.doc FROM story_quotes q JOIN stories s ON s.id = q.story
		WHERE q.entity = $1 ORDER BY s.sort_at DESC, s.id, q.pos LIMIT %d`, record.EntityQuotes), id)
	if err != nil {
		return nil, fmt.Errorf("postgres: reading the quotes of entity %s: %w", id, err)
	}
	defer qrows.Close()
	p.Quotes = []crosscheck.Quote{}
	for qrows.Next() {
		var doc string
		if err := qrows.Scan(&doc); err != nil {
			return nil, fmt.Errorf("postgres: reading the quotes of entity %s: %w", id, err)
		}
		q, err := record.DecodeQuote([]byte(doc))
		if err != nil {
			return nil, err
		}
		p.Quotes = append(p.Quotes, q)
	}
	if err := qrows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: reading the quotes of entity %s: %w", id, err)
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
	// Words are letters and digits only (ParseQuery), so quoting each as a
	// lexeme is safe; a phrase is its words in sequence (<->).
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		words := make([]string, len(p))
		for j, w := range p {
			words[j] = "'" + w + "'"
		}
		parts[i] = "(" + strings.Join(words, " <-> ") + ")"
	}
	rows, err := s.pool.Query(ctx, `SELECT a.id, coalesce(sa.story, ''), a.title, a.outlet,
			ts_headline('simple', a.text, q, 'MaxWords=30, MinWords=12, MaxFragments=1, StartSel="", StopSel="", FragmentDelimiter=" … "')
		FROM articles a CROSS JOIN to_tsquery('simple', $1) q
		LEFT JOIN story_articles sa ON sa.article = a.id
		WHERE a.tsv @@ q ORDER BY ts_rank(a.tsv, q) DESC, a.seq LIMIT $2`, strings.Join(parts, " & "), limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: searching %q: %w", q, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h crosscheck.SearchHit
		if err := rows.Scan(&h.Article, &h.Story, &h.Title, &h.Outlet, &h.Snippet); err != nil {
			return nil, fmt.Errorf("postgres: searching %q: %w", q, err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: searching %q: %w", q, err)
	}
	return hits, nil
}
