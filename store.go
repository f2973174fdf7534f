package crosscheck

import (
	"context"
	"errors"
	"iter"
	"time"
)

// ErrNotFound is returned by a Store when the asked-for article, story or
// entity does not exist.
var ErrNotFound = errors.New("not found")

// Store keeps articles and analysed stories for the server and the
// monitoring workers. Two implementations exist (store/sqlite, the default,
// and store/postgres, for several workers); both pass the same conformance
// suite (store/storetest). Every method is safe for concurrent use.
type Store interface {
	// AddArticle stores a segmented article. It is idempotent: an article
	// whose ID is already stored is left as it is and added is false. When
	// AddArticle returns nil the article is durable (it survives kill -9).
	AddArticle(ctx context.Context, a *Article) (added bool, err error)
	// Article returns one stored article with its paragraphs and sentences.
	// Tokens are not stored: text.Analyze makes them when an analysis needs
	// them (the same articles, read for display, do not).
	Article(ctx context.Context, id string) (*Article, error)
	// Articles returns the stored articles with the given IDs, in that order,
	// skipping unknown IDs; without tokens, as Article.
	Articles(ctx context.Context, ids []string) ([]*Article, error)
	// RecentArticles yields the articles whose time (publication, or
	// ingestion when unknown) is at or after since, in the order they were
	// stored, for rebuilding the live clustering state after a restart:
	// replaying the arrival order reproduces the online clustering. It
	// streams (a page at a time) so that a large window does not sit in
	// memory; a failure is yielded once, with a nil article, and ends the
	// sequence.
	RecentArticles(ctx context.Context, since time.Time) iter.Seq2[*Article, error]
	// UnplacedArticles yields the articles that are in no story (a crash
	// came between storing an article and storing its story), in the order
	// they were stored, streaming as RecentArticles does. It reads every
	// article's placement: it is for start-up, not for a hot path.
	UnplacedArticles(ctx context.Context) iter.Seq2[*Article, error]

	// PutStory stores a story and its analysis, replacing a previous version
	// with the same ID; the story's article IDs must be stored already. An
	// article belongs to the story it was last put with (StoryOf).
	PutStory(ctx context.Context, s *Story) error
	// Story returns one stored story, exactly as it was put.
	Story(ctx context.Context, id string) (*Story, error)
	// StoryOf returns the ID of the story an article belongs to.
	StoryOf(ctx context.Context, articleID string) (string, error)
	// Stories lists story summaries matching q, a page at a time.
	Stories(ctx context.Context, q StoryQuery) ([]StorySummary, error)

	// Entity returns what the store knows of one entity across stories:
	// the variants of every story, the stories (most recent first, at most
	// 100) and the quotes whose speaker_entity is id (at most 200).
	Entity(ctx context.Context, id string) (*EntityProfile, error)
	// Search finds articles by full text, best match first. q is words
	// (every one must occur, case and diacritics aside, no stemming) and
	// "quoted phrases"; other punctuation is ignored. limit <= 0 means a
	// default of 20.
	Search(ctx context.Context, q string, limit int) ([]SearchHit, error)

	Close() error
}

// StoryOrder is the order of a story listing.
type StoryOrder string

const (
	OrderNewest        StoryOrder = "newest"
	OrderMostSources   StoryOrder = "sources"
	OrderMostContested StoryOrder = "contested"
)

// StoryQuery selects and orders stories. Zero fields do not filter.
type StoryQuery struct {
	Order    StoryOrder
	Since    time.Time // last seen at or after
	Until    time.Time // first seen before
	Outlet   string
	Entity   string // an entity ID or a name (any variant)
	Language string
	Limit    int // 0: a default page size
	Offset   int
}

// StorySummary is one row of a story listing.
type StorySummary struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Articles  int        `json:"articles"`
	Outlets   []string   `json:"outlets"`
	Languages []string   `json:"languages"`
	Conflicts int        `json:"conflicts"`
	FirstSeen *time.Time `json:"first_seen"`
	LastSeen  *time.Time `json:"last_seen"`
}

// EntityProfile is one entity across the stories that mention it.
type EntityProfile struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Type     EntityType     `json:"type"`
	Variants []string       `json:"variants"`
	Stories  []StorySummary `json:"stories"`
	Quotes   []Quote        `json:"quotes"`
}

// SearchHit is one article found by a full-text search.
type SearchHit struct {
	Article string `json:"article"`
	Story   string `json:"story"`
	Title   string `json:"title"`
	Outlet  string `json:"outlet"`
	Snippet string `json:"snippet"`
}

// ArticleBatches is a Store that adds several articles in one transaction,
// which costs little more than one: a batch ingest (crosscheck ingest)
// stores its articles a batch at a time.
type ArticleBatches interface {
	// AddArticles is AddArticle for each of as: added[i] and errs[i] are
	// what AddArticle would have returned for as[i]. One bad article fails
	// alone. When it returns, every article without an error is durable.
	AddArticles(ctx context.Context, as []*Article) (added []bool, errs []error)
}

// AddArticles adds the articles to st in one transaction when st can
// (ArticleBatches), else one at a time; added[i] and errs[i] are
// AddArticle's answers for as[i].
func AddArticles(ctx context.Context, st Store, as []*Article) (added []bool, errs []error) {
	if b, ok := st.(ArticleBatches); ok {
		return b.AddArticles(ctx, as)
	}
	added, errs = make([]bool, len(as)), make([]error, len(as))
	for i, a := range as {
		added[i], errs[i] = st.AddArticle(ctx, a)
	}
	return added, errs
}

// StoryRevisions is a Store that numbers the versions of a story, so that a
// reader keeping a rendered copy (the server's story cache) can tell with
// one small read whether the copy is current. Only PutStory changes a story
// (articles never change once stored), and each put gives it a revision
// different from every earlier one.
type StoryRevisions interface {
	// StoryRevision returns the story's current revision, or an error
	// wrapping ErrNotFound.
	StoryRevision(ctx context.Context, id string) (int64, error)
}
