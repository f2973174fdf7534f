package watchlist

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/store/sqlite"
	"github.com/crosscheck-news/crosscheck/store/storetest"
)

func story() (*crosscheck.Story, []*crosscheck.Article) {
	a := storetest.Article("one", "Harbour Post", "en", nil, "Bridge closes after crack found",
		"Engineers closed the Ostrava Bridge on Tuesday.\nThe city said repairs could take weeks.")
	b := storetest.Article("two", "Valley Times", "en", nil, "City shuts bridge",
		"The mayor, Zoë Kowalczyk, said the bridge was unsafe.")
	s := &crosscheck.Story{
		ID: "s1", Title: "Bridge closes after crack found", Articles: []string{a.ID, b.ID},
		Outlets: []string{"Harbour Post", "Valley Times"},
		Entities: []crosscheck.Entity{
			{ID: "e-kowalczyk", Name: "Zoë Kowalczyk", Type: crosscheck.EntityPerson, Variants: []string{"Zoë Kowalczyk", "Kowalczyk"}},
			{ID: "e-bridge", Name: "Ostrava Bridge", Type: crosscheck.EntityOther},
		},
	}
	return s, []*crosscheck.Article{a, b}
}

func TestMatch(t *testing.T) {
	s, arts := story()
	tests := []struct {
		name string
		w    crosscheck.Watchlist
		want bool
	}{
		{"entity by ID", crosscheck.Watchlist{Entity: "e-kowalczyk"}, true},
		{"entity by a variant, accents and case aside", crosscheck.Watchlist{Entity: "zoe kowalczyk"}, true},
		{"entity by a short variant", crosscheck.Watchlist{Entity: "Kowalczyk"}, true},
		{"entity not in the story", crosscheck.Watchlist{Entity: "e-someone"}, false},
		{"keyword in the title", crosscheck.Watchlist{Keyword: "CRACK"}, true},
		{"keyword phrase in an article's text", crosscheck.Watchlist{Keyword: "repairs could take"}, true},
		{"keyword words out of order", crosscheck.Watchlist{Keyword: "take could repairs"}, false},
		{"keyword part of a word", crosscheck.Watchlist{Keyword: "brid"}, false},
		{"keyword with accents folded", crosscheck.Watchlist{Keyword: "Zoe"}, true},
		{"outlet, case aside", crosscheck.Watchlist{Outlet: "valley times"}, true},
		{"outlet not in the story", crosscheck.Watchlist{Outlet: "Other Daily"}, false},
		{"every criterion must match", crosscheck.Watchlist{Entity: "Kowalczyk", Outlet: "Other Daily"}, false},
		{"entity, keyword and outlet together", crosscheck.Watchlist{Entity: "e-bridge", Keyword: "unsafe", Outlet: "Harbour Post"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Match(tt.w, s, arts); got != tt.want {
				t.Errorf("Match(%+v) = %v, want %v", tt.w, got, tt.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	for _, w := range []crosscheck.Watchlist{
		{Name: "nothing"},
		{Keyword: "!!"},
		{Entity: "x", Webhook: "ftp://example.com/hook"},
		{Entity: "x", Webhook: "/relative"},
	} {
		if err := Validate(&w); err == nil {
			t.Errorf("Validate(%+v) accepted it", w)
		}
	}
	w := crosscheck.Watchlist{Entity: " Kowalczyk ", Outlet: "Valley Times"}
	if err := Validate(&w); err != nil || w.Entity != "Kowalczyk" || w.Name != "Kowalczyk · Valley Times" {
		t.Errorf("Validate = %v, %+v", err, w)
	}
}

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func conflict(id, about string, values ...string) crosscheck.Finding {
	f := crosscheck.Finding{ID: id, Kind: crosscheck.FindingConflict, About: about}
	for i, v := range values {
		f.Values = append(f.Values, crosscheck.FindingValue{Value: v, Articles: []string{fmt.Sprint("a", i)}})
	}
	return f
}

// TestNotifierRecordsEachEventOnce puts a story through the Notifying
// store as the ingest service would, several times as it grows: a new
// story is notified once per matching watchlist, each conflict once even
// when its finding ID changes, and non-matching watchlists get nothing.
func TestNotifierRecordsEachEventOnce(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	s, arts := story()
	for _, a := range arts {
		if _, err := st.AddArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	byEntity := &crosscheck.Watchlist{Name: "mayor", Entity: "Kowalczyk"}
	byKeyword := &crosscheck.Watchlist{Name: "repairs", Keyword: "repairs"}
	other := &crosscheck.Watchlist{Name: "elsewhere", Outlet: "Other Daily"}
	for _, w := range []*crosscheck.Watchlist{byEntity, byKeyword, other} {
		if err := st.AddWatchlist(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	var failures []error
	ns := Notifying(st, NewNotifier(st, time.Nanosecond), func(err error) { failures = append(failures, err) })

	put := func() {
		t.Helper()
		if err := ns.PutStory(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	count := func(w *crosscheck.Watchlist) []crosscheck.Notification {
		t.Helper()
		got, err := st.Notifications(ctx, w.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	put()
	for _, w := range []*crosscheck.Watchlist{byEntity, byKeyword} {
		got := count(w)
		if len(got) != 1 || got[0].Kind != crosscheck.NotifyNewStory || got[0].Story != s.ID || got[0].Title != s.Title {
			t.Fatalf("watchlist %q after the first put: %+v, want one new-story notification", w.Name, got)
		}
	}
	// Re-analysed with a conflict.
	s.Findings = []crosscheck.Finding{{ID: "s1-f1", Kind: crosscheck.FindingAgreement, About: "date"}, conflict("s1-f2", "closure length", "weeks", "days")}
	put()
	got := count(byEntity)
	if len(got) != 2 || got[0].Kind != crosscheck.NotifyNewConflict || got[0].Finding != "s1-f2" || !strings.Contains(got[0].Summary, "weeks (1 source) vs days (1 source)") {
		t.Fatalf("after a conflict appeared: %+v", got)
	}
	// Re-analysed again: the same conflict, now at another position, and a
	// second one.
	s.Findings = []crosscheck.Finding{conflict("s1-f1", "cost", "$2m", "$3m"), conflict("s1-f3", "Closure length", "days", "weeks")}
	put()
	got = count(byEntity)
	if len(got) != 3 || got[0].Finding != "s1-f1" || !strings.Contains(got[0].Summary, "cost") {
		t.Fatalf("after a second conflict: %+v, want exactly one more notification, for the cost", got)
	}
	if n := len(count(byKeyword)); n != 3 {
		t.Errorf("keyword watchlist has %d notifications, want 3", n)
	}
	if n := len(count(other)); n != 0 {
		t.Errorf("a watchlist the story does not match has %d notifications", n)
	}
	if len(failures) > 0 {
		t.Errorf("evaluation failures: %v", failures)
	}
}

type feedDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Category struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func TestFeed(t *testing.T) {
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	w := crosscheck.Watchlist{ID: 7, Name: "Q&A <mayor>", Entity: "Kowalczyk", Created: created}
	ns := []crosscheck.Notification{
		{ID: 12, Watchlist: 7, Kind: crosscheck.NotifyNewConflict, Story: "s1", Finding: "s1-f2", Title: "Bridge & road", Summary: "Conflict on cost: <$2m> vs $3m", Created: created.Add(2 * time.Hour)},
		{ID: 11, Watchlist: 7, Kind: crosscheck.NotifyNewStory, Story: "s1", Title: "Bridge & road", Summary: "New story", Created: created.Add(time.Hour)},
	}
	var buf bytes.Buffer
	if err := Feed(&buf, w, ns, FeedOptions{BaseURL: "https://cc.example/"}); err != nil {
		t.Fatal(err)
	}
	var doc feedDoc
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("the feed is not valid XML: %v\n%s", err, buf.String())
	}
	if !strings.HasPrefix(buf.String(), "<?xml") {
		t.Errorf("no XML declaration")
	}
	if doc.Title != "crosscheck watchlist: Q&A <mayor>" || doc.ID == "" {
		t.Errorf("feed title %q, id %q", doc.Title, doc.ID)
	}
	if up, err := time.Parse(time.RFC3339, doc.Updated); err != nil || !up.Equal(created.Add(2*time.Hour)) {
		t.Errorf("feed updated %q (%v), want the newest notification's time", doc.Updated, err)
	}
	if len(doc.Links) != 1 || doc.Links[0].Rel != "self" || doc.Links[0].Href != "https://cc.example/watchlists/7/feed.atom" {
		t.Errorf("feed links %+v", doc.Links)
	}
	if len(doc.Entries) != 2 {
		t.Fatalf("%d entries, want 2", len(doc.Entries))
	}
	e := doc.Entries[0]
	if e.Title != "New conflict: Bridge & road" || e.Category.Term != "new_conflict" || e.Summary != "Conflict on cost: <$2m> vs $3m" ||
		e.Link.Href != "https://cc.example/stories/s1#s1-f2" {
		t.Errorf("first entry %+v", e)
	}
	if doc.Entries[1].Link.Href != "https://cc.example/stories/s1" || doc.Entries[1].Category.Term != "new_story" {
		t.Errorf("second entry %+v", doc.Entries[1])
	}
	if e.ID == doc.Entries[1].ID || !strings.HasPrefix(e.ID, "tag:crosscheck,2026-01-02:") {
		t.Errorf("entry IDs %q and %q", e.ID, doc.Entries[1].ID)
	}
	// The same notifications give the same entry IDs (readers dedupe).
	var again bytes.Buffer
	Feed(&again, w, ns, FeedOptions{BaseURL: "https://cc.example"})
	if again.String() != buf.String() {
		t.Errorf("the feed changed between two renderings of the same notifications")
	}
}

// hook is a webhook receiver that fails its first failures requests.
type hook struct {
	mu       sync.Mutex
	failures int
	bodies   []Payload
	keys     []string
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var p Payload
	body, _ := io.ReadAll(r.Body)
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(body, &p) != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	h.bodies = append(h.bodies, p)
	h.keys = append(h.keys, r.Header.Get("Idempotency-Key"))
	if len(h.bodies) <= h.failures {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *hook) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.bodies)
}

// clock is the Senders' time, moved by the test.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) get() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func notifyOnce(t *testing.T, st *sqlite.Store, url string) crosscheck.Notification {
	t.Helper()
	w := &crosscheck.Watchlist{Name: "hooked", Entity: "x", Webhook: url}
	if err := st.AddWatchlist(context.Background(), w); err != nil {
		t.Fatal(err)
	}
	added, err := st.AddNotifications(context.Background(), []crosscheck.Notification{{Watchlist: w.ID, Kind: crosscheck.NotifyNewStory, Story: "s9", Title: "T"}})
	if err != nil || len(added) != 1 {
		t.Fatalf("AddNotifications: %v, %v", added, err)
	}
	return added[0]
}

// TestWebhookRetriesWithBackoffAcrossRestarts: a receiver that fails twice
// then succeeds gets the notification on the third attempt; each attempt
// is made by a new Sender (a restart), from what the store recorded; the
// waits double.
func TestWebhookRetriesWithBackoffAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	h := &hook{failures: 2}
	srv := httptest.NewServer(h)
	defer srv.Close()
	st := openStore(t)
	n := notifyOnce(t, st, srv.URL+"/hook")
	clk := &clock{now: time.Now()}
	newSender := func() *Sender {
		s := NewSender(st, SenderOptions{Attempts: 5, MinBackoff: time.Minute, MaxBackoff: time.Hour, AllowPrivate: true})
		s.now = clk.get
		return s
	}
	var waits []time.Duration
	for attempt := 1; attempt <= 3; attempt++ {
		delivered, err := newSender().DeliverDue(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if h.count() != attempt {
			t.Fatalf("after attempt %d the receiver got %d POSTs", attempt, h.count())
		}
		ds, err := st.Deliveries(ctx, n.Watchlist, 0)
		if err != nil || len(ds) != 1 {
			t.Fatalf("Deliveries: %v, %v", ds, err)
		}
		d := ds[0]
		if d.Attempts != attempt {
			t.Errorf("attempt %d recorded as %d", attempt, d.Attempts)
		}
		if attempt < 3 {
			if delivered != 0 || d.State != crosscheck.DeliveryPending || !strings.Contains(d.LastError, "503") {
				t.Fatalf("attempt %d: delivered %d, %+v", attempt, delivered, d)
			}
			wait := d.NextAttempt.Sub(clk.get())
			waits = append(waits, wait)
			// Not due before the backoff.
			if again, err := newSender().DeliverDue(ctx); err != nil || again != 0 || h.count() != attempt {
				t.Fatalf("a retry ran before its time: %d, %v, %d POSTs", again, err, h.count())
			}
			clk.set(d.NextAttempt.Add(time.Millisecond))
			continue
		}
		if delivered != 1 || d.State != crosscheck.DeliveryDelivered || d.LastError != "" {
			t.Fatalf("third attempt: delivered %d, %+v", delivered, d)
		}
	}
	if waits[0] < 48*time.Second || waits[0] > 72*time.Second || waits[1] < 96*time.Second || waits[1] > 144*time.Second {
		t.Errorf("waits after the failures %v, want about 1m then 2m", waits)
	}
	for i, p := range h.bodies {
		if p.Notification.ID != n.ID || p.Watchlist != n.Watchlist || p.Attempt != i+1 || p.Notification.Story != "s9" {
			t.Errorf("POST %d carried %+v", i+1, p)
		}
		if h.keys[i] != h.keys[0] || h.keys[i] == "" {
			t.Errorf("idempotency keys %q", h.keys)
		}
	}
	// Delivered: never sent again.
	clk.set(clk.get().Add(24 * time.Hour))
	if again, _ := newSender().DeliverDue(ctx); again != 0 || h.count() != 3 {
		t.Errorf("a delivered notification was sent again")
	}
}

func TestWebhookGivesUpAfterTheLastAttempt(t *testing.T) {
	ctx := context.Background()
	h := &hook{failures: 1 << 30}
	srv := httptest.NewServer(h)
	defer srv.Close()
	st := openStore(t)
	n := notifyOnce(t, st, srv.URL)
	clk := &clock{now: time.Now()}
	var reported []error
	s := NewSender(st, SenderOptions{Attempts: 3, MinBackoff: time.Second, AllowPrivate: true, OnError: func(err error) { reported = append(reported, err) }})
	s.now = clk.get
	for range 10 {
		if _, err := s.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		clk.set(clk.get().Add(time.Hour))
	}
	ds, _ := st.Deliveries(ctx, n.Watchlist, 0)
	if h.count() != 3 || len(ds) != 1 || ds[0].State != crosscheck.DeliveryFailed || ds[0].Attempts != 3 {
		t.Errorf("after 10 rounds: %d POSTs, %+v; want 3 and failed", h.count(), ds)
	}
	if len(reported) != 3 || !strings.Contains(reported[2].Error(), "attempt 3 of 3") {
		t.Errorf("reported %v", reported)
	}
}

func TestWebhookRefusesLoopbackByDefault(t *testing.T) {
	h := &hook{}
	srv := httptest.NewServer(h)
	defer srv.Close()
	st := openStore(t)
	n := notifyOnce(t, st, srv.URL)
	s := NewSender(st, SenderOptions{})
	if _, err := s.DeliverDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	ds, _ := st.Deliveries(context.Background(), n.Watchlist, 0)
	if h.count() != 0 || len(ds) != 1 || !strings.Contains(ds[0].LastError, "not a public address") {
		t.Errorf("webhook to loopback: %d POSTs, %+v", h.count(), ds)
	}
}

func TestHandlers(t *testing.T) {
	st := openStore(t)
	h := &Handlers{Store: st, BaseURL: "https://cc.example"}
	mux := http.NewServeMux()
	var wrapped []string
	h.Mount(mux, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			wrapped = append(wrapped, r.Method+" "+r.URL.Path)
			next.ServeHTTP(w, r)
		})
	})
	do := func(method, path, body string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(method, path, strings.NewReader(body)))
		return rec
	}
	if rec := do("POST", "/api/watchlists", `{"name":"mayor","entity":"Kowalczyk"}`); rec.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	if rec := do("POST", "/api/watchlists", `{"name":"empty"}`); rec.Code != http.StatusBadRequest {
		t.Errorf("create without a criterion: %d", rec.Code)
	}
	rec := do("GET", "/api/watchlists", "")
	var lists []crosscheck.Watchlist
	if err := json.Unmarshal(rec.Body.Bytes(), &lists); err != nil || len(lists) != 1 || lists[0].Entity != "Kowalczyk" {
		t.Fatalf("list: %s %v", rec.Body, err)
	}
	id := lists[0].ID
	if _, err := st.AddNotifications(context.Background(), []crosscheck.Notification{{Watchlist: id, Kind: crosscheck.NotifyNewStory, Story: "s1", Title: "T"}}); err != nil {
		t.Fatal(err)
	}
	rec = do("GET", fmt.Sprintf("/watchlists/%d/feed.atom", id), "")
	var doc feedDoc
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") || xml.Unmarshal(rec.Body.Bytes(), &doc) != nil || len(doc.Entries) != 1 {
		t.Errorf("feed: %d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	if rec := do("GET", fmt.Sprintf("/api/watchlists/%d/notifications?limit=5", id), ""); rec.Code != 200 || !strings.Contains(rec.Body.String(), `"new_story"`) {
		t.Errorf("notifications: %d %s", rec.Code, rec.Body)
	}
	if rec := do("GET", "/api/watchlists/x", ""); rec.Code != http.StatusBadRequest {
		t.Errorf("bad id: %d", rec.Code)
	}
	if rec := do("DELETE", fmt.Sprintf("/api/watchlists/%d", id), ""); rec.Code != http.StatusNoContent {
		t.Errorf("delete: %d %s", rec.Code, rec.Body)
	}
	if rec := do("GET", fmt.Sprintf("/watchlists/%d/feed.atom", id), ""); rec.Code != http.StatusNotFound {
		t.Errorf("feed of a removed watchlist: %d", rec.Code)
	}
	if len(wrapped) != 3 || !strings.HasPrefix(wrapped[0], "POST") || !strings.HasPrefix(wrapped[2], "DELETE") {
		t.Errorf("write routes wrapped: %v", wrapped)
	}
}

// TestNotifyingKeepsBatches: the wrapper the ingesting commands put around
// the store must not hide its batch path from the ingest service.
func TestNotifyingKeepsBatches(t *testing.T) {
	st := openStore(t)
	ns := Notifying(st, NewNotifier(st, 0), nil)
	b, ok := ns.(crosscheck.ArticleBatches)
	if !ok {
		t.Fatal("the notifying store does not add articles in batches")
	}
	_, arts := story()
	added, errs := b.AddArticles(context.Background(), append(arts, arts[0]))
	for i := range arts {
		if !added[i] || errs[i] != nil {
			t.Errorf("article %d: added %v, err %v", i, added[i], errs[i])
		}
	}
	if last := len(arts); added[last] || errs[last] != nil {
		t.Errorf("repeated article: added %v, err %v; want a duplicate", added[last], errs[last])
	}
}
