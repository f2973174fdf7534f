package record

import (
	"fmt"
	"strings"

	"github.com/crosscheck-news/crosscheck"
)

// SummaryColumns are the columns of the stories table a StorySummary is
// read from, in the order ScanSummary wants them.
const SummaryColumns = "id, title, n_articles, outlets, languages, conflicts, first_seen, last_seen"

// Listing is the WHERE and ORDER BY of a story listing, with its arguments.
type Listing struct {
	Where   string // "" or "WHERE …"
	OrderBy string // "ORDER BY …"
	Args    []any
	Limit   int
	Offset  int
}

// ListStories builds the SQL of a story listing over the stories table and
// its index tables. placeholder(n) writes the n-th (1-based) parameter:
// "?" for SQLite, "$n" for PostgreSQL.
func ListStories(q crosscheck.StoryQuery, placeholder func(n int) string) (Listing, error) {
	var l Listing
	var conds []string
	arg := func(v any) string {
		l.Args = append(l.Args, v)
		return placeholder(len(l.Args))
	}
	if !q.Since.IsZero() {
		conds = append(conds, "sort_at >= "+arg(q.Since.UnixNano()))
	}
	if !q.Until.IsZero() {
		conds = append(conds, "start_at < "+arg(q.Until.UnixNano()))
	}
	if q.Outlet != "" {
		conds = append(conds, "id IN (SELECT story FROM story_outlets WHERE outlet = "+arg(q.Outlet)+")")
	}
	if q.Language != "" {
		conds = append(conds, "id IN (SELECT story FROM story_languages WHERE language = "+arg(q.Language)+")")
	}
	if q.Entity != "" {
		conds = append(conds, "id IN (SELECT story FROM story_entities WHERE entity = "+arg(q.Entity)+
			" UNION SELECT story FROM story_entity_names WHERE name = "+arg(NameKey(q.Entity))+")")
	}
	if len(conds) > 0 {
		l.Where = "WHERE " + strings.Join(conds, " AND ")
	}
	switch q.Order {
	case crosscheck.OrderNewest, "":
		l.OrderBy = "ORDER BY sort_at DESC, id"
	case crosscheck.OrderMostSources:
		l.OrderBy = "ORDER BY n_outlets DESC, n_articles DESC, sort_at DESC, id"
	case crosscheck.OrderMostContested:
		l.OrderBy = "ORDER BY conflicts DESC, sort_at DESC, id"
	default:
		return l, fmt.Errorf("unknown story order %q: want %s, %s or %s", q.Order,
			crosscheck.OrderNewest, crosscheck.OrderMostSources, crosscheck.OrderMostContested)
	}
	if q.Offset < 0 {
		return l, fmt.Errorf("negative offset %d", q.Offset)
	}
	l.Limit, l.Offset = PageSize(q.Limit), q.Offset
	return l, nil
}

// SQL is the whole listing statement; the limit and offset are literals
// (they are ints, checked above).
func (l Listing) SQL() string {
	return fmt.Sprintf("SELECT %s FROM stories %s %s LIMIT %d OFFSET %d", SummaryColumns, l.Where, l.OrderBy, l.Limit, l.Offset)
}

// Scanner is a *sql.Row or *sql.Rows (or pgx's).
type Scanner interface {
	Scan(dest ...any) error
}

// ScanSummary reads one row of SummaryColumns.
func ScanSummary(sc Scanner) (crosscheck.StorySummary, error) {
	var (
		s                   crosscheck.StorySummary
		outlets, languages  []byte
		firstSeen, lastSeen *int64
	)
	if err := sc.Scan(&s.ID, &s.Title, &s.Articles, &outlets, &languages, &s.Conflicts, &firstSeen, &lastSeen); err != nil {
		return s, fmt.Errorf("reading a story summary: %w", err)
	}
	var err error
	if s.Outlets, err = ParseStrings(outlets); err != nil {
		return s, err
	}
	if s.Languages, err = ParseStrings(languages); err != nil {
		return s, err
	}
	s.FirstSeen, s.LastSeen = TimeOf(firstSeen), TimeOf(lastSeen)
	return s, nil
}
