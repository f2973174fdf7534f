// Package watchlist tells users what happens to the stories they follow. A
// watchlist (crosscheck.Watchlist) is a saved query: an entity, a keyword,
// an outlet. After each story update the Notifier evaluates every
// watchlist against the story and records a notification when a story
// matches for the first time (new story) and when a conflict appears in a
// matching story (new conflict, with the finding's ID). Notifications are
// read as an Atom feed per watchlist (Feed) or through the JSON API
// (Handlers), and POSTed to the watchlist's webhook when it has one
// (Sender: retried with exponential backoff, from the store, so that a
// restart resumes).
package watchlist

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/text"
)

// Validate checks a watchlist before it is saved: a name, at least one
// criterion, and an absolute http(s) webhook when one is given.
func Validate(w *crosscheck.Watchlist) error {
	w.Name = strings.TrimSpace(w.Name)
	w.Entity, w.Keyword, w.Outlet = strings.TrimSpace(w.Entity), strings.TrimSpace(w.Keyword), strings.TrimSpace(w.Outlet)
	w.Webhook = strings.TrimSpace(w.Webhook)
	if w.Entity == "" && w.Keyword == "" && w.Outlet == "" {
		return errors.New("watchlist: give at least one of an entity, a keyword and an outlet")
	}
	if w.Keyword != "" && len(words(w.Keyword)) == 0 {
		return fmt.Errorf("watchlist: keyword %q has no letters or digits", w.Keyword)
	}
	if w.Name == "" {
		w.Name = strings.Join(slices.DeleteFunc([]string{w.Entity, w.Keyword, w.Outlet}, func(s string) bool { return s == "" }), " · ")
	}
	if w.Webhook != "" {
		u, err := url.Parse(w.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("watchlist: webhook %q is not an absolute http(s) URL", w.Webhook)
		}
	}
	return nil
}

// words splits s into its folded words (letters and digits), the unit of
// keyword matching.
func words(s string) []string {
	return strings.FieldsFunc(text.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// containsPhrase reports whether the folded words of hay contain the
// phrase, word for word and in order.
func containsPhrase(hay []string, phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
	for i := 0; i+len(phrase) <= len(hay); i++ {
		if hay[i] == phrase[0] && slices.Equal(hay[i:i+len(phrase)], phrase) {
			return true
		}
	}
	return false
}

// Match reports whether story s matches w. arts are the story's articles
// (only read when w has a keyword): the keyword is a phrase matched word
// for word, case and diacritics aside, in the story's title or in the
// title or text of an article. The entity is an entity ID or a name that
// equals, folded, the name or a variant of one of the story's entities.
// The outlet equals, case aside, one of the story's outlets.
func Match(w crosscheck.Watchlist, s *crosscheck.Story, arts []*crosscheck.Article) bool {
	if w.Outlet != "" && !slices.ContainsFunc(s.Outlets, func(o string) bool { return strings.EqualFold(o, w.Outlet) }) {
		return false
	}
	if w.Entity != "" && !involves(s, w.Entity) {
		return false
	}
	if w.Keyword != "" {
		phrase := words(w.Keyword)
		if containsPhrase(words(s.Title), phrase) {
			return true
		}
		for _, a := range arts {
			if containsPhrase(words(a.Title), phrase) || containsPhrase(words(a.Text), phrase) {
				return true
			}
		}
		return false
	}
	return true
}

func involves(s *crosscheck.Story, entity string) bool {
	name := text.Fold(strings.TrimSpace(entity))
	for _, e := range s.Entities {
		if e.ID == entity || text.Fold(e.Name) == name {
			return true
		}
		for _, v := range e.Variants {
			if text.Fold(v) == name {
				return true
			}
		}
	}
	return false
}

// Events returns the notifications story s raises for watchlist w, which
// it matches: one new-story notification, and one per conflict finding.
// The store records each only once (by watchlist, kind, story and key), so
// they may be returned again on every update of the story.
func Events(w crosscheck.Watchlist, s *crosscheck.Story, now time.Time) []crosscheck.Notification {
	out := []crosscheck.Notification{{
		Watchlist: w.ID, Kind: crosscheck.NotifyNewStory, Story: s.ID, Title: s.Title, Created: now,
		Summary: "New story: " + s.Size(),
	}}
	for _, f := range s.Findings {
		if f.Kind != crosscheck.FindingConflict {
			continue
		}
		out = append(out, crosscheck.Notification{
			Watchlist: w.ID, Kind: crosscheck.NotifyNewConflict, Story: s.ID, Finding: f.ID, Key: conflictKey(f),
			Title: s.Title, Summary: conflictSummary(f), Created: now,
		})
	}
	return out
}

// conflictKey identifies a conflict across analyses of a story, whose
// finding IDs are positions: its subject and its values, folded and
// sorted. A conflict that gains a value is a new one.
func conflictKey(f crosscheck.Finding) string {
	vals := make([]string, len(f.Values))
	for i, v := range f.Values {
		vals[i] = text.Fold(v.Value)
	}
	slices.Sort(vals)
	h := sha256.Sum256([]byte(text.Fold(f.About) + "\x00" + strings.Join(vals, "\x00")))
	return hex.EncodeToString(h[:12])
}

// conflictSummary says what the sources disagree on: "About: a (2
// sources) vs b (1 source)".
func conflictSummary(f crosscheck.Finding) string {
	parts := make([]string, len(f.Values))
	for i, v := range f.Values {
		n := len(v.Articles)
		unit := "sources"
		if n == 1 {
			unit = "source"
		}
		parts[i] = fmt.Sprintf("%s (%d %s)", v.Value, n, unit)
	}
	return fmt.Sprintf("Conflict on %s: %s", f.About, strings.Join(parts, " vs "))
}

// Store is what the Notifier needs: the watchlists, where notifications
// go, and the stories' articles for keyword matching.
type Store interface {
	crosscheck.WatchlistStore
	Articles(ctx context.Context, ids []string) ([]*crosscheck.Article, error)
}

// Notifier evaluates the watchlists against each updated story. It is safe
// for concurrent use.
type Notifier struct {
	st Store
	// refresh is how long the watchlists are kept before being read again.
	refresh time.Duration

	mu     sync.Mutex
	lists  []crosscheck.Watchlist
	loaded time.Time
}

// DefaultRefresh is how long a Notifier keeps the watchlists it read: a
// watchlist added or removed takes effect within it.
const DefaultRefresh = 5 * time.Second

// NewNotifier makes a Notifier over st; refresh <= 0 means DefaultRefresh.
func NewNotifier(st Store, refresh time.Duration) *Notifier {
	if refresh <= 0 {
		refresh = DefaultRefresh
	}
	return &Notifier{st: st, refresh: refresh}
}

func (n *Notifier) watchlists(ctx context.Context) ([]crosscheck.Watchlist, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.lists != nil && time.Since(n.loaded) < n.refresh {
		return n.lists, nil
	}
	lists, err := n.st.Watchlists(ctx)
	if err != nil {
		return nil, err
	}
	n.lists, n.loaded = lists, time.Now()
	return lists, nil
}

// maxKeywordArticles bounds the articles read to match keywords in one
// story: a story's most recent ones carry what is new in it.
const maxKeywordArticles = 200

// StoryUpdated evaluates every watchlist against story s (as just stored)
// and records the notifications it raises that are new; it returns those.
func (n *Notifier) StoryUpdated(ctx context.Context, s *crosscheck.Story) ([]crosscheck.Notification, error) {
	lists, err := n.watchlists(ctx)
	if err != nil {
		return nil, fmt.Errorf("watchlist: reading the watchlists: %w", err)
	}
	var arts []*crosscheck.Article
	loaded := false
	var events []crosscheck.Notification
	now := time.Now().UTC()
	for _, w := range lists {
		if w.Keyword != "" && !loaded {
			ids := s.Articles
			if len(ids) > maxKeywordArticles {
				ids = ids[len(ids)-maxKeywordArticles:]
			}
			if arts, err = n.st.Articles(ctx, ids); err != nil {
				return nil, fmt.Errorf("watchlist: reading the articles of story %s: %w", s.ID, err)
			}
			loaded = true
		}
		if Match(w, s, arts) {
			events = append(events, Events(w, s, now)...)
		}
	}
	if len(events) == 0 {
		return nil, nil
	}
	added, err := n.st.AddNotifications(ctx, events)
	if err != nil {
		return nil, fmt.Errorf("watchlist: story %s: %w", s.ID, err)
	}
	return added, nil
}

// notifyingStore is a crosscheck.Store whose PutStory runs the Notifier
// after each successful write.
type notifyingStore struct {
	crosscheck.Store
	n       *Notifier
	onError func(error)
}

// Notifying wraps st so that every story put (by the ingest service, say)
// is evaluated against the watchlists right after it is stored. A failure
// of the evaluation does not fail the put (the story is stored); it goes
// to onError, which may be nil.
func Notifying(st crosscheck.Store, n *Notifier, onError func(error)) crosscheck.Store {
	return &notifyingStore{Store: st, n: n, onError: onError}
}

// AddArticles passes a batch on to the wrapped store (crosscheck.AddArticles):
// the wrapper must not hide the batch path from the ingest service.
func (s *notifyingStore) AddArticles(ctx context.Context, as []*crosscheck.Article) (added []bool, errs []error) {
	return crosscheck.AddArticles(ctx, s.Store, as)
}

func (s *notifyingStore) PutStory(ctx context.Context, st *crosscheck.Story) error {
	if err := s.Store.PutStory(ctx, st); err != nil {
		return err
	}
	if _, err := s.n.StoryUpdated(ctx, st); err != nil && s.onError != nil {
		s.onError(err)
	}
	return nil
}
