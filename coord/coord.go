// Package coord lets several `crosscheck watch` and `crosscheck ingest`
// workers share one PostgreSQL database (the store/postgres schema, whose
// migration 0002 holds the tables used here).
//
// Two things are coordinated:
//
//   - Fetching (Claims, a watch.LeasedSeen): a watcher claims an article URL
//     (its normalised key) by inserting or taking over its row in
//     work_claims; the row names the worker and a lease that the worker's
//     heartbeat renews. A claim whose lease ran out belongs to a dead worker
//     and is taken over with SELECT … FOR UPDATE SKIP LOCKED, so two live
//     workers never fetch one URL and a crashed worker's URLs are not lost.
//   - Story assignment (Coordinator, an ingest.Coordinator): placements are
//     written to the placements log only under a transaction-level
//     advisory lock (pg_advisory_xact_lock); before placing, a worker
//     applies to its clusterer the placements it has not seen, in log
//     order, so every worker's clusterer sees the same live stories. A
//     story's analysis holds a session advisory lock on the story.
package coord

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"runtime"
	"strconv"
	"time"

	"crypto/rand"
	"encoding/hex"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/crosscheck-news/crosscheck/ingest"
)

// Advisory lock keys, in the two-int4 key space (separate from the
// one-bigint space of store/postgres's migration lock).
const (
	lockSpace  = 0x6363 // "cc"
	assignLock = 1      // (lockSpace, assignLock): story assignment
	storySpace = 0x6364 // (storySpace, hash of the story ID): one story's analysis
)

// DefaultLease is how long a claim holds without its worker renewing it.
const DefaultLease = time.Minute

// Options configures a Coordinator. Zero fields take defaults.
type Options struct {
	// Worker names this worker in claims and placements (default: host,
	// process ID and a random suffix; WorkerID).
	Worker string
	// Lease is how long a URL claim holds unrenewed (default DefaultLease);
	// the heartbeat renews this worker's claims every Lease/3.
	Lease time.Duration
	// OnError is told of a failure that a method cannot return (Claim and
	// Release of watch.Seen, the heartbeat). May be nil.
	OnError func(error)
}

// Coordinator is one worker's connection to the shared database. It is an
// ingest.Coordinator; Claims returns its watch.LeasedSeen.
type Coordinator struct {
	pool   *pgxpool.Pool
	name   string // the database, for errors
	opt    Options
	stop   chan struct{}
	done   chan struct{}
	claims *Claims
}

var _ ingest.Coordinator = (*Coordinator)(nil)

// WorkerID makes a worker name unique to this process: host:pid:random.
func WorkerID() string {
	host, _ := os.Hostname()
	b := make([]byte, 3)
	rand.Read(b)
	return host + ":" + strconv.Itoa(os.Getpid()) + ":" + hex.EncodeToString(b)
}

// Open connects to the database url names (postgres://…), which must
// already have the store/postgres schema (store.Open migrates it), and
// starts the heartbeat that renews this worker's claims. Its connection
// pool is its own: story locks are held on a connection each for a whole
// analysis, and must not starve the store's pool.
func Open(ctx context.Context, url string, opt Options) (*Coordinator, error) {
	if opt.Worker == "" {
		opt.Worker = WorkerID()
	}
	if opt.Lease <= 0 {
		opt.Lease = DefaultLease
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("coord: %w", err)
	}
	cfg.MaxConns = int32(8 + 2*runtime.GOMAXPROCS(0))
	name := fmt.Sprintf("%s@%s:%d/%s", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("coord: connecting to %s: %w", name, err)
	}
	var tables int
	err = pool.QueryRow(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name IN ('work_claims', 'placements')`).Scan(&tables)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("coord: connecting to %s: %w", name, err)
	}
	if tables != 2 {
		pool.Close()
		return nil, fmt.Errorf("coord: %s has no work_claims and placements tables: open it as a store first (store.Open migrates it)", name)
	}
	c := &Coordinator{pool: pool, name: name, opt: opt, stop: make(chan struct{}), done: make(chan struct{})}
	c.claims = newClaims(c)
	go c.heartbeat()
	return c, nil
}

// Worker is this worker's name.
func (c *Coordinator) Worker() string { return c.opt.Worker }

// Claims returns the URL claims of this worker, a watch.LeasedSeen.
func (c *Coordinator) Claims() *Claims { return c.claims }

// Close stops the heartbeat, gives back the claims this worker still holds
// (so that other workers fetch them at once, not after the lease) and
// closes the connections.
func (c *Coordinator) Close() error {
	close(c.stop)
	<-c.done
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := c.pool.Exec(ctx, "DELETE FROM work_claims WHERE claimed_by = $1 AND state = 'claimed'", c.opt.Worker)
	c.pool.Close()
	if err != nil {
		return fmt.Errorf("coord: %s: giving back the claims of %s: %w", c.name, c.opt.Worker, err)
	}
	return nil
}

func (c *Coordinator) report(err error) {
	if c.opt.OnError != nil && err != nil {
		c.opt.OnError(err)
	}
}

// heartbeat renews this worker's leases every Lease/3 until Close.
func (c *Coordinator) heartbeat() {
	defer close(c.done)
	t := time.NewTicker(c.opt.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			if err := c.claims.renew(); err != nil {
				c.report(err)
			}
		}
	}
}

// Assign implements ingest.Coordinator: the placement, and the catching
// up before it, run in one transaction holding the assignment lock; the
// lock goes with the commit, so the next worker to take it sees this
// placement.
func (c *Coordinator) Assign(ctx context.Context, after int64, place func(missed []ingest.Placement) (ingest.Placement, error)) (ingest.Placement, error) {
	var out ingest.Placement
	err := pgx.BeginFunc(ctx, c.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1, $2)", lockSpace, assignLock); err != nil {
			return fmt.Errorf("taking the assignment lock: %w", err)
		}
		missed, err := placements(ctx, tx, after, time.Time{}, 0)
		if err != nil {
			return err
		}
		p, err := place(missed)
		if err != nil || p.Article == "" {
			return err
		}
		err = tx.QueryRow(ctx, `INSERT INTO placements (article, story, worker, placed) VALUES ($1, $2, $3, $4)
			ON CONFLICT (article) DO NOTHING RETURNING seq`, p.Article, p.Story, c.opt.Worker, time.Now().UnixNano()).Scan(&p.Seq)
		if errors.Is(err, pgx.ErrNoRows) {
			err = tx.QueryRow(ctx, "SELECT seq, story FROM placements WHERE article = $1", p.Article).Scan(&p.Seq, &p.Story)
		}
		if err != nil {
			return fmt.Errorf("recording the placement of %s: %w", p.Article, err)
		}
		out = p
		return nil
	})
	if err != nil {
		return ingest.Placement{}, fmt.Errorf("coord: %s: %w", c.name, err)
	}
	return out, nil
}

type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// placements reads log entries after seq after, of articles at or after
// since (zero: all), at most limit (0: all).
func placements(ctx context.Context, q querier, after int64, since time.Time, limit int) ([]ingest.Placement, error) {
	sql := "SELECT p.seq, p.article, p.story FROM placements p WHERE p.seq > $1 ORDER BY p.seq"
	args := []any{after}
	if !since.IsZero() {
		sql = `SELECT p.seq, p.article, p.story FROM placements p JOIN articles a ON a.id = p.article
			WHERE p.seq > $1 AND a.at >= $2 ORDER BY p.seq`
		args = append(args, since.UnixNano())
	}
	if limit > 0 {
		sql += " LIMIT " + strconv.Itoa(limit)
	}
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("reading the placement log: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ingest.Placement, error) {
		var p ingest.Placement
		err := r.Scan(&p.Seq, &p.Article, &p.Story)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the placement log: %w", err)
	}
	return out, nil
}

// Placements implements ingest.Coordinator.
func (c *Coordinator) Placements(ctx context.Context, after int64, since time.Time, limit int) ([]ingest.Placement, error) {
	ps, err := placements(ctx, c.pool, after, since, limit)
	if err != nil {
		return nil, fmt.Errorf("coord: %s: %w", c.name, err)
	}
	return ps, nil
}

// Head implements ingest.Coordinator.
func (c *Coordinator) Head(ctx context.Context) (int64, error) {
	var head int64
	if err := c.pool.QueryRow(ctx, "SELECT coalesce(max(seq), 0) FROM placements").Scan(&head); err != nil {
		return 0, fmt.Errorf("coord: %s: reading the head of the placement log: %w", c.name, err)
	}
	return head, nil
}

// Orphans implements ingest.Coordinator.
func (c *Coordinator) Orphans(ctx context.Context, since time.Time) (unplaced, unstored []string, err error) {
	at := since.UnixNano()
	if since.IsZero() {
		at = 0
	}
	rows, err := c.pool.Query(ctx, `SELECT a.id FROM articles a LEFT JOIN placements p ON p.article = a.id
		WHERE p.article IS NULL AND a.at >= $1 ORDER BY a.seq`, at)
	if err == nil {
		unplaced, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err != nil {
		return nil, nil, fmt.Errorf("coord: %s: finding articles never placed: %w", c.name, err)
	}
	rows, err = c.pool.Query(ctx, `SELECT DISTINCT p.story FROM placements p JOIN articles a ON a.id = p.article
		LEFT JOIN story_articles sa ON sa.article = p.article
		WHERE a.at >= $1 AND (sa.story IS NULL OR sa.story <> p.story) ORDER BY p.story`, at)
	if err == nil {
		unstored, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err != nil {
		return nil, nil, fmt.Errorf("coord: %s: finding stories left unfinished: %w", c.name, err)
	}
	return unplaced, unstored, nil
}

// Members implements ingest.Coordinator.
func (c *Coordinator) Members(ctx context.Context, story string) ([]string, error) {
	rows, err := c.pool.Query(ctx, "SELECT article FROM placements WHERE story = $1 ORDER BY seq", story)
	var ids []string
	if err == nil {
		ids, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err != nil {
		return nil, fmt.Errorf("coord: %s: reading the members of story %s: %w", c.name, story, err)
	}
	return ids, nil
}

// storyKey is the second key of a story's advisory lock. Two stories may
// share one (a 32-bit hash): they are then analysed one after the other,
// which is slower, never wrong.
func storyKey(story string) int32 {
	h := fnv.New32a()
	h.Write([]byte(story))
	return int32(h.Sum32())
}

// LockStory implements ingest.Coordinator with a session advisory lock on
// a connection held until unlock; should the worker die, the session ends
// and the lock with it.
func (c *Coordinator) LockStory(ctx context.Context, story string) (func(), error) {
	conn, err := c.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("coord: %s: %w", c.name, err)
	}
	key := storyKey(story)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1, $2)", storySpace, key); err != nil {
		conn.Release()
		return nil, fmt.Errorf("coord: %s: locking story %s: %w", c.name, story, err)
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := conn.Exec(ctx, "SELECT pg_advisory_unlock($1, $2)", storySpace, key); err != nil {
			// Ending the session is the sure way to drop its locks.
			c.report(fmt.Errorf("coord: %s: unlocking story %s: %w", c.name, story, err))
			conn.Hijack().Close(ctx)
			return
		}
		conn.Release()
	}, nil
}
