package server

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

// maxFeedBody bounds a POSTed feed: a URL and a name.
const maxFeedBody = 16 << 10

// feedRoutes are the endpoints of the feeds crosscheck watch polls, when
// the store keeps them:
//
//	GET    /api/feeds        every feed, oldest first
//	POST   /api/feeds        add one: {"url", "name"} → 201 + the feed, or 200 + the stored one when its URL is stored
//	DELETE /api/feeds/{id}   remove it → 204
func (s *Server) feedRoutes() []route {
	fs, ok := s.store.(crosscheck.FeedStore)
	if !ok {
		return nil
	}
	h := feedsHandler{s, fs}
	return []route{
		{method: "GET", pattern: "/api/feeds", handler: http.HandlerFunc(h.list), api: true},
		{method: "POST", pattern: "/api/feeds", handler: http.HandlerFunc(h.add), write: true, api: true},
		{method: "DELETE", pattern: "/api/feeds/{id}", handler: http.HandlerFunc(h.remove), write: true, api: true},
	}
}

type feedsHandler struct {
	s  *Server
	fs crosscheck.FeedStore
}

// storeFailed answers a failed store call: 404 for a missing feed, 500
// (logged) for anything else.
func (h feedsHandler) storeFailed(w http.ResponseWriter, r *http.Request, doing string, err error) {
	if errors.Is(err, crosscheck.ErrNotFound) {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the client went away
	}
	h.s.log.Error("feed store call failed", "doing", doing, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, doing+" failed: "+err.Error())
}

// list answers GET /api/feeds.
func (h feedsHandler) list(w http.ResponseWriter, r *http.Request) {
	feeds, err := h.fs.Feeds(r.Context())
	if err != nil {
		h.storeFailed(w, r, "listing the feeds", err)
		return
	}
	writeJSON(w, http.StatusOK, feeds)
}

// feedInput is the body of POST /api/feeds.
type feedInput struct {
	URL  string `json:"url"`
	Name string `json:"name"`
}

// add answers POST /api/feeds. A feed is checked and written as
// crosscheck.Feed.Clean says, so that one feed written two ways is stored
// once; it is not fetched here (the watcher does, through its guarded
// fetcher, which refuses private addresses).
func (h feedsHandler) add(w http.ResponseWriter, r *http.Request) {
	var in feedInput
	dec := json.NewDecoder(io.LimitReader(r.Body, maxFeedBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, `reading the feed: want a JSON object {"url": "https://…", "name": "…"} of at most 16 KiB: `+err.Error())
		return
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, "reading the feed: one JSON object, nothing after it")
		return
	}
	f := crosscheck.Feed{URL: in.URL, Name: in.Name}
	if err := f.Clean(); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	added, err := h.fs.AddFeed(r.Context(), &f)
	if err != nil {
		h.storeFailed(w, r, "adding the feed", err)
		return
	}
	status := http.StatusCreated
	if !added {
		status = http.StatusOK
	}
	writeJSON(w, status, f)
}

// remove answers DELETE /api/feeds/{id}.
func (h feedsHandler) remove(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("feed ID %q is not a positive integer", r.PathValue("id")))
		return
	}
	if err := h.fs.RemoveFeed(r.Context(), id); err != nil {
		h.storeFailed(w, r, "removing the feed", err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
