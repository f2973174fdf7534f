package watchlist

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/crosscheck-news/crosscheck"
)

// Handlers serves watchlists over HTTP, for the server to mount (see
// Routes). Paths carry the watchlist's ID as the {id} wildcard of
// net/http's ServeMux patterns.
type Handlers struct {
	Store crosscheck.WatchlistStore
	// Feed links are made from it; see FeedOptions.
	BaseURL string
	// MaxBodyBytes bounds a POSTed watchlist (0: 64 KiB).
	MaxBodyBytes int64
}

// Route is one endpoint: a ServeMux method and pattern, its handler, and
// whether it changes data (the server puts its write-token check in front
// of those).
type Route struct {
	Method, Pattern string
	Handler         http.HandlerFunc
	Write           bool
}

// Routes lists the endpoints:
//
//	GET    /api/watchlists                      every watchlist (JSON)
//	POST   /api/watchlists                      save one: {"name","entity","keyword","outlet","webhook"} → 201 + the watchlist
//	GET    /api/watchlists/{id}                 one watchlist
//	DELETE /api/watchlists/{id}                 remove it → 204
//	GET    /api/watchlists/{id}/notifications   its notifications, newest first (?limit=, at most 500)
//	GET    /api/watchlists/{id}/deliveries      its webhook deliveries, newest first (?limit=)
//	GET    /watchlists/{id}/feed.atom           its notifications as an Atom feed
func (h *Handlers) Routes() []Route {
	return []Route{
		{"GET", "/api/watchlists", h.List, false},
		{"POST", "/api/watchlists", h.Create, true},
		{"GET", "/api/watchlists/{id}", h.Get, false},
		{"DELETE", "/api/watchlists/{id}", h.Remove, true},
		{"GET", "/api/watchlists/{id}/notifications", h.Notifications, false},
		{"GET", "/api/watchlists/{id}/deliveries", h.Deliveries, false},
		{"GET", "/watchlists/{id}/feed.atom", h.Feed, false},
	}
}

// Mount registers every route on mux, with wrap (which may be nil) around
// the ones that change data.
func (h *Handlers) Mount(mux *http.ServeMux, wrap func(http.Handler) http.Handler) {
	for _, rt := range h.Routes() {
		var handler http.Handler = rt.Handler
		if rt.Write && wrap != nil {
			handler = wrap(handler)
		}
		mux.Handle(rt.Method+" "+rt.Pattern, handler)
	}
}

const maxNotificationsPage = 500

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// storeError answers a store failure: 404 for ErrNotFound, else 500.
func storeError(w http.ResponseWriter, err error) {
	if errors.Is(err, crosscheck.ErrNotFound) {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	writeError(w, http.StatusInternalServerError, err.Error())
}

func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("watchlist ID %q is not a positive integer", r.PathValue("id")))
		return 0, false
	}
	return id, true
}

func limitParam(w http.ResponseWriter, r *http.Request) (int, bool) {
	s := r.URL.Query().Get("limit")
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("limit %q is not a positive integer", s))
		return 0, false
	}
	return min(n, maxNotificationsPage), true
}

// List answers GET /api/watchlists.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	lists, err := h.Store.Watchlists(r.Context())
	if err != nil {
		storeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, lists)
}

// Create answers POST /api/watchlists.
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) {
	limit := h.MaxBodyBytes
	if limit <= 0 {
		limit = 64 << 10
	}
	var wl crosscheck.Watchlist
	dec := json.NewDecoder(io.LimitReader(r.Body, limit))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wl); err != nil {
		writeError(w, http.StatusBadRequest, "reading the watchlist: "+err.Error())
		return
	}
	wl.ID = 0
	if err := Validate(&wl); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err := h.Store.AddWatchlist(r.Context(), &wl); err != nil {
		storeError(w, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/watchlists/%d", wl.ID))
	writeJSON(w, http.StatusCreated, wl)
}

// Get answers GET /api/watchlists/{id}.
func (h *Handlers) Get(w http.ResponseWriter, r *http.Request) {
	if wl, ok := h.watchlist(w, r); ok {
		writeJSON(w, http.StatusOK, wl)
	}
}

// watchlist reads the watchlist the path names, answering the request
// (400, 404, 500) when it cannot.
func (h *Handlers) watchlist(w http.ResponseWriter, r *http.Request) (*crosscheck.Watchlist, bool) {
	id, ok := pathID(w, r)
	if !ok {
		return nil, false
	}
	wl, err := h.Store.Watchlist(r.Context(), id)
	if err != nil {
		storeError(w, err)
		return nil, false
	}
	return wl, true
}

// Remove answers DELETE /api/watchlists/{id}.
func (h *Handlers) Remove(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if err := h.Store.RemoveWatchlist(r.Context(), id); err != nil {
		storeError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Notifications answers GET /api/watchlists/{id}/notifications.
func (h *Handlers) Notifications(w http.ResponseWriter, r *http.Request) {
	listOf(h, w, r, h.Store.Notifications)
}

// Deliveries answers GET /api/watchlists/{id}/deliveries.
func (h *Handlers) Deliveries(w http.ResponseWriter, r *http.Request) {
	listOf(h, w, r, h.Store.Deliveries)
}

// listOf answers a GET of a list kept per watchlist: the watchlist must
// exist (404 otherwise, not an empty list), and ?limit= bounds the list.
func listOf[T any](h *Handlers, w http.ResponseWriter, r *http.Request, list func(ctx context.Context, id int64, limit int) ([]T, error)) {
	limit, ok := limitParam(w, r)
	if !ok {
		return
	}
	wl, ok := h.watchlist(w, r)
	if !ok {
		return
	}
	items, err := list(r.Context(), wl.ID, limit)
	if err != nil {
		storeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, items)
}

// Feed answers GET /watchlists/{id}/feed.atom with the watchlist's latest
// notifications.
func (h *Handlers) Feed(w http.ResponseWriter, r *http.Request) {
	wl, ok := h.watchlist(w, r)
	if !ok {
		return
	}
	ns, err := h.Store.Notifications(r.Context(), wl.ID, 100)
	if err != nil {
		storeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	Feed(w, *wl, ns, FeedOptions{BaseURL: h.BaseURL})
}
