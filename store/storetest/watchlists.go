package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// testWatchlists checks the crosscheck.WatchlistStore side of a store:
// watchlists, notifications recorded once, and webhook deliveries claimed
// by one taker at a time.
func testWatchlists(t *testing.T, store crosscheck.Store) {
	st, ok := store.(crosscheck.WatchlistStore)
	if !ok {
		t.Fatalf("%T does not implement crosscheck.WatchlistStore", store)
	}
	c := ctx(t)
	plain := &crosscheck.Watchlist{Name: "ferries", Keyword: "ferry"}
	hooked := &crosscheck.Watchlist{Name: "agency", Entity: "org-agency", Outlet: "Wire", Webhook: "https://hooks.example/x"}
	for _, w := range []*crosscheck.Watchlist{plain, hooked} {
		if err := st.AddWatchlist(c, w); err != nil {
			t.Fatal(err)
		}
		if w.ID == 0 || w.Created.IsZero() {
			t.Fatalf("AddWatchlist left ID %d, Created %v", w.ID, w.Created)
		}
	}
	if plain.ID == hooked.ID {
		t.Fatalf("two watchlists got ID %d", plain.ID)
	}
	got, err := st.Watchlist(c, hooked.ID)
	if err != nil {
		t.Fatal(err)
	}
	if jsonOf(t, got) != jsonOf(t, hooked) {
		t.Errorf("Watchlist = %s, want %s", jsonOf(t, got), jsonOf(t, hooked))
	}
	all, err := st.Watchlists(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].ID != plain.ID || all[1].ID != hooked.ID {
		t.Errorf("Watchlists = %s, want both, oldest first", jsonOf(t, all))
	}

	at := base.Add(time.Hour)
	ns := []crosscheck.Notification{
		{Watchlist: plain.ID, Kind: crosscheck.NotifyNewStory, Story: "s1", Title: "T1", Summary: "new", Created: at},
		{Watchlist: hooked.ID, Kind: crosscheck.NotifyNewStory, Story: "s1", Title: "T1", Summary: "new", Created: at},
		{Watchlist: hooked.ID, Kind: crosscheck.NotifyNewConflict, Story: "s1", Finding: "s1-f2", Key: "k1", Title: "T1", Summary: "deaths: 12 vs 14", Created: at.Add(time.Minute)},
		{Watchlist: hooked.ID + plain.ID + 100, Kind: crosscheck.NotifyNewStory, Story: "s1"}, // no such watchlist
	}
	added, err := st.AddNotifications(c, ns)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 3 {
		t.Fatalf("AddNotifications added %d, want 3 (the one of a missing watchlist dropped): %s", len(added), jsonOf(t, added))
	}
	for _, n := range added {
		if n.ID == 0 {
			t.Errorf("notification without an ID: %s", jsonOf(t, n))
		}
	}
	// The same events again (a story re-analysed), one new conflict.
	again := append(ns[:3:3], crosscheck.Notification{Watchlist: hooked.ID, Kind: crosscheck.NotifyNewConflict, Story: "s1", Finding: "s1-f1", Key: "k2", Title: "T1", Summary: "date", Created: at.Add(2 * time.Minute)})
	added, err = st.AddNotifications(c, again)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 1 || added[0].Key != "k2" {
		t.Fatalf("AddNotifications of known events added %s, want only the new conflict k2", jsonOf(t, added))
	}
	list, err := st.Notifications(c, hooked.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[0].Key != "k2" || list[2].Kind != crosscheck.NotifyNewStory {
		t.Fatalf("Notifications = %s, want 3, newest first", jsonOf(t, list))
	}
	if list[1].Finding != "s1-f2" || list[1].Summary != "deaths: 12 vs 14" || !list[1].Created.Equal(at.Add(time.Minute)) {
		t.Errorf("notification read back as %s", jsonOf(t, list[1]))
	}
	if one, err := st.Notifications(c, hooked.ID, 1); err != nil || len(one) != 1 || one[0].Key != "k2" {
		t.Errorf("Notifications limit 1 = %s, %v", jsonOf(t, one), err)
	}

	// Deliveries: one per new notification of the watchlist with a webhook.
	now := at.Add(time.Hour)
	claimed, err := st.ClaimDeliveries(c, now, time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(claimed) != 3 {
		t.Fatalf("ClaimDeliveries = %s, want the 3 notifications of the watchlist with a webhook", jsonOf(t, claimed))
	}
	for _, d := range claimed {
		if d.URL != hooked.Webhook || d.Notification.Watchlist != hooked.ID || d.State != crosscheck.DeliveryPending || d.Attempts != 0 {
			t.Errorf("claimed delivery %s", jsonOf(t, d))
		}
	}
	if more, err := st.ClaimDeliveries(c, now, time.Minute, 10); err != nil || len(more) != 0 {
		t.Errorf("deliveries claimed twice within the lease: %s, %v", jsonOf(t, more), err)
	}
	// One delivered, one failed for now (retry due later), one left to
	// its lease (its taker died).
	claimed[0].Attempts, claimed[0].State, claimed[0].NextAttempt = 1, crosscheck.DeliveryDelivered, now
	claimed[1].Attempts, claimed[1].LastError, claimed[1].NextAttempt = 1, "HTTP 503", now.Add(30*time.Second)
	for _, d := range claimed[:2] {
		if err := st.FinishDelivery(c, d); err != nil {
			t.Fatal(err)
		}
	}
	due, err := st.ClaimDeliveries(c, now.Add(2*time.Minute), time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].ID != claimed[1].ID || due[1].ID != claimed[2].ID {
		t.Fatalf("after the retry time and the lease, ClaimDeliveries = %s, want the retried one and the abandoned one", jsonOf(t, due))
	}
	if due[0].Attempts != 1 || due[0].LastError != "HTTP 503" {
		t.Errorf("retried delivery read back as %s", jsonOf(t, due[0]))
	}
	if err := st.FinishDelivery(c, crosscheck.WebhookDelivery{ID: 1 << 40, State: crosscheck.DeliveryFailed}); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("FinishDelivery of a missing delivery: %v, want ErrNotFound", err)
	}
	hist, err := st.Deliveries(c, hooked.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 3 || hist[2].State != crosscheck.DeliveryDelivered {
		t.Errorf("Deliveries = %s, want 3, newest first, the oldest delivered", jsonOf(t, hist))
	}

	if err := st.RemoveWatchlist(c, hooked.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Watchlist(c, hooked.ID); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("Watchlist after removal: %v, want ErrNotFound", err)
	}
	if err := st.RemoveWatchlist(c, hooked.ID); !errors.Is(err, crosscheck.ErrNotFound) {
		t.Errorf("second RemoveWatchlist: %v, want ErrNotFound", err)
	}
	if left, err := st.Notifications(c, hooked.ID, 0); err != nil || len(left) != 0 {
		t.Errorf("notifications of a removed watchlist: %s, %v", jsonOf(t, left), err)
	}
	if left, err := st.ClaimDeliveries(c, now.Add(time.Hour), time.Minute, 10); err != nil || len(left) != 0 {
		t.Errorf("deliveries of a removed watchlist: %s, %v", jsonOf(t, left), err)
	}
	if left, err := st.Notifications(c, plain.ID, 0); err != nil || len(left) != 1 {
		t.Errorf("the other watchlist's notifications: %s, %v", jsonOf(t, left), err)
	}
}

// testConcurrentDeliveryClaims has several takers claim deliveries at
// once: each delivery goes to one of them.
func testConcurrentDeliveryClaims(t *testing.T, store crosscheck.Store) {
	st, ok := store.(crosscheck.WatchlistStore)
	if !ok {
		t.Fatalf("%T does not implement crosscheck.WatchlistStore", store)
	}
	c := ctx(t)
	w := &crosscheck.Watchlist{Name: "all", Keyword: "x", Webhook: "https://hooks.example/y"}
	if err := st.AddWatchlist(c, w); err != nil {
		t.Fatal(err)
	}
	const n = 40
	var ns []crosscheck.Notification
	for i := range n {
		ns = append(ns, crosscheck.Notification{Watchlist: w.ID, Kind: crosscheck.NotifyNewStory, Story: "s" + string(rune('A'+i)), Created: base})
	}
	if added, err := st.AddNotifications(c, ns); err != nil || len(added) != n {
		t.Fatalf("AddNotifications: %d, %v", len(added), err)
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				ds, err := st.ClaimDeliveries(c, base.Add(time.Hour), time.Hour, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(ds) == 0 {
					return
				}
				mu.Lock()
				for _, d := range ds {
					seen[d.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != n {
		t.Errorf("%d deliveries claimed, want %d", len(seen), n)
	}
	for id, k := range seen {
		if k != 1 {
			t.Errorf("delivery %d claimed %d times", id, k)
		}
	}
}
