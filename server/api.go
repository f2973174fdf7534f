package server

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/report"
	"github.com/crosscheck-news/crosscheck/source"
)

// Paging limits of listings.
const (
	defaultPage = 50
	maxPage     = 500
)

// apiError is the body of every error answer of the API.
type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // the status is out; a failed write only means the client left
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

// storeError answers a failed store read: 404 for a missing thing, 500
// (logged) for anything else.
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, what string, err error) {
	if errors.Is(err, crosscheck.ErrNotFound) {
		writeError(w, http.StatusNotFound, what+" not found")
		return
	}
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		return // the client went away
	}
	s.log.Error("store read failed", "what", what, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "reading "+what+" from the store failed: "+err.Error())
}

// ingestItem is one article of an ingestion answer.
type ingestItem struct {
	Source string `json:"source"`
	Ingested
}

// ingestAnswer is the body of a POST /api/articles answer.
type ingestAnswer struct {
	Articles []ingestItem            `json:"articles"`
	Errors   []crosscheck.InputError `json:"errors"`
}

// cappedReader reads at most limit bytes and remembers whether the body
// went on past them.
type cappedReader struct {
	r    io.Reader
	left int64
	over bool
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// Look one byte further to tell "exactly the cap" from "over it".
		var one [1]byte
		n, err := c.r.Read(one[:])
		if n > 0 {
			c.over = true
			return 0, errors.New("request body is over the size limit")
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// postArticles ingests the articles of the body: one JSON article object
// (or an array), a JSONL batch, or one raw HTML or text article, as the
// Content-Type says. A JSON object with a url but no text or html is
// fetched (private addresses refused unless allowed).
func (s *Server) postArticles(w http.ResponseWriter, r *http.Request) {
	if s.ingester == nil {
		writeError(w, http.StatusServiceUnavailable, "this server does not ingest articles")
		return
	}
	body := &cappedReader{r: r.Body, left: s.opt.MaxBodyBytes}
	popt := source.ParseOptions{Source: s.opt.Source, FetchURLs: true}
	// Parse's own cap sits one byte above the reader's so that an
	// oversized body is told by the reader, as a 413.
	popt.Source.MaxBytes = s.opt.MaxBodyBytes + 1
	ans := ingestAnswer{Articles: []ingestItem{}, Errors: []crosscheck.InputError{}}
	for doc, err := range source.Parse(r.Context(), "request", r.Header.Get("Content-Type"), body, popt) {
		if err != nil {
			ans.Errors = append(ans.Errors, inputError(err))
			continue
		}
		start := time.Now()
		res, err := s.ingester.Ingest(r.Context(), doc)
		s.metrics.ingested(time.Since(start), res, err)
		if err != nil {
			var se *source.Error
			if errors.As(err, &se) {
				ans.Errors = append(ans.Errors, inputError(err))
				continue
			}
			if r.Context().Err() != nil {
				return // the client went away; what was acknowledged is stored
			}
			// Not the document's fault: stop, and say which articles are
			// stored so that the client can retry the rest.
			s.log.Error("ingestion failed", "source", doc.Source, "err", err)
			ans.Errors = append(ans.Errors, crosscheck.InputError{Source: doc.Source, Err: "storing the article failed: " + err.Error()})
			writeJSON(w, http.StatusInternalServerError, ans)
			return
		}
		ans.Articles = append(ans.Articles, ingestItem{Source: doc.Source, Ingested: res})
	}
	if len(ans.Articles) > 0 && r.URL.Query().Get("wait") != "false" {
		// Answer once the stories are stored with the new articles, so
		// that the client's next read sees them (?wait=false: answer at
		// once; the stories follow within the analysis delay).
		stories := make([]string, 0, len(ans.Articles))
		for _, it := range ans.Articles {
			if !slices.Contains(stories, it.Story) {
				stories = append(stories, it.Story)
			}
		}
		if err := s.ingester.Settle(r.Context(), stories...); err != nil {
			if r.Context().Err() != nil {
				return
			}
			s.log.Warn("story analysis failed; retried in the background", "err", err)
			ans.Errors = append(ans.Errors, crosscheck.InputError{Source: "request", Err: "the articles are stored but their story analysis failed (retried in the background): " + err.Error()})
		}
	}
	switch {
	case body.over:
		writeJSON(w, http.StatusRequestEntityTooLarge, apiError{Error: fmt.Sprintf("request body is over the limit of %d bytes: send fewer articles per request", s.opt.MaxBodyBytes)})
	case len(ans.Articles) == 0:
		writeJSON(w, http.StatusUnprocessableEntity, ans)
	default:
		writeJSON(w, http.StatusOK, ans)
	}
}

func inputError(err error) crosscheck.InputError {
	var se *source.Error
	if errors.As(err, &se) && se.Err != nil {
		return crosscheck.InputError{Source: se.Source, Err: se.Err.Error()}
	}
	return crosscheck.InputError{Source: "request", Err: err.Error()}
}

// articleAnswer is the body of GET /api/articles/{id}.
type articleAnswer struct {
	Article *crosscheck.Article `json:"article"`
	Story   string              `json:"story"`
}

func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	a, err := s.store.Article(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "article "+strconv.Quote(id), err)
		return
	}
	story, err := s.store.StoryOf(r.Context(), id)
	if err != nil && !errors.Is(err, crosscheck.ErrNotFound) {
		s.storeError(w, r, "the story of article "+strconv.Quote(id), err)
		return
	}
	writeJSON(w, http.StatusOK, articleAnswer{Article: a, Story: story})
}

// storiesAnswer is the body of GET /api/stories.
type storiesAnswer struct {
	Stories []crosscheck.StorySummary `json:"stories"`
	Limit   int                       `json:"limit"`
	Offset  int                       `json:"offset"`
	// Next is the URL of the next page, when this one is full.
	Next string `json:"next,omitempty"`
}

// storyQuery reads a story listing's query parameters.
func storyQuery(v url.Values) (crosscheck.StoryQuery, error) {
	q := crosscheck.StoryQuery{
		Order:    crosscheck.StoryOrder(v.Get("order")),
		Outlet:   strings.TrimSpace(v.Get("outlet")),
		Entity:   strings.TrimSpace(v.Get("entity")),
		Language: strings.TrimSpace(v.Get("language")),
		Limit:    defaultPage,
	}
	switch q.Order {
	case "":
		q.Order = crosscheck.OrderNewest
	case crosscheck.OrderNewest, crosscheck.OrderMostSources, crosscheck.OrderMostContested:
	default:
		return q, fmt.Errorf("order %q: want newest, sources or contested", q.Order)
	}
	var err error
	if q.Since, err = timeParam(v, "since"); err != nil {
		return q, err
	}
	if q.Until, err = timeParam(v, "until"); err != nil {
		return q, err
	}
	if q.Limit, err = intParam(v, "limit", defaultPage, 1, maxPage); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(v, "offset", 0, 0, 1<<30); err != nil {
		return q, err
	}
	return q, nil
}

// timeParam reads an RFC 3339 time or a plain date (midnight UTC).
func timeParam(v url.Values, name string) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s %q: want a date (2026-05-13) or an RFC 3339 time (2026-05-13T10:00:00Z)", name, s)
}

func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s %q: want a whole number from %d to %d", name, s, lo, hi)
	}
	return n, nil
}

func (s *Server) getStories(w http.ResponseWriter, r *http.Request) {
	q, err := storyQuery(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	list, err := s.store.Stories(r.Context(), q)
	if err != nil {
		s.storeError(w, r, "stories", err)
		return
	}
	if list == nil {
		list = []crosscheck.StorySummary{}
	}
	ans := storiesAnswer{Stories: list, Limit: q.Limit, Offset: q.Offset}
	if len(list) == q.Limit {
		next := r.URL.Query()
		next.Set("offset", strconv.Itoa(q.Offset+q.Limit))
		ans.Next = r.URL.Path + "?" + next.Encode()
	}
	writeJSON(w, http.StatusOK, ans)
}

// storyReport is a report of one story and its articles: the JSON of
// GET /api/stories/{id}, the same contract as `crosscheck analyze --format json`.
func (s *Server) storyReport(ctx context.Context, id string) (*crosscheck.Report, error) {
	st, err := s.store.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	arts, err := s.store.Articles(ctx, st.Articles)
	if err != nil {
		return nil, err
	}
	return &crosscheck.Report{Schema: crosscheck.ReportSchema, Articles: arts, Stories: []*crosscheck.Story{st}}, nil
}

func (s *Server) getStory(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if s.stories != nil {
		s.getStoryCached(w, r, id)
		return
	}
	rep, err := s.storyReport(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "story "+strconv.Quote(id), err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if err := report.WriteCompactJSON(w, rep); err != nil {
		s.log.Warn("writing a story failed", "story", id, "err", err)
	}
}

// getStoryCached answers GET /api/stories/{id} from the story cache when it
// holds the story's current revision, and fills it otherwise. The cache
// keeps each story gzipped: a story's JSON repeats its article ids, field
// names and sentences, and compresses about fivefold, so five times as many
// stories stay cached (a store of 100,000 articles has about 25,000 stories
// of 20 KB each, twice a 256 MB cache uncompressed), and a client that
// accepts gzip (browsers, Go's http.Client) gets the cached bytes as they
// are. Others get them inflated.
func (s *Server) getStoryCached(w http.ResponseWriter, r *http.Request, id string) {
	rev, err := s.store.(crosscheck.StoryRevisions).StoryRevision(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "story "+strconv.Quote(id), err)
		return
	}
	gz := acceptsGzip(r)
	// The two encodings are two representations, with two entity tags.
	etag := fmt.Sprintf(`"r%d"`, rev)
	if gz {
		etag = fmt.Sprintf(`"r%d.gz"`, rev)
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, err := s.cachedStory(r.Context(), id, rev)
	if errors.Is(err, errEncoding) {
		s.log.Error("encoding a story failed", "story", id, "err", err)
		writeError(w, http.StatusInternalServerError, "encoding story "+strconv.Quote(id)+" failed")
		return
	}
	if err != nil {
		s.storeError(w, r, "story "+strconv.Quote(id), err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if gz {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(body)
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err == nil {
		_, err = io.Copy(w, zr)
	}
	if err != nil {
		s.log.Error("inflating a cached story failed", "story", id, "err", err)
	}
}

// errEncoding marks a story that was read but could not be encoded.
var errEncoding = errors.New("encoding the story")

// cachedStory returns the gzipped JSON of story id at revision rev from the
// cache, or makes it and caches it.
func (s *Server) cachedStory(ctx context.Context, id string, rev int64) ([]byte, error) {
	if body, ok := s.stories.get(id, rev); ok {
		return body, nil
	}
	rep, err := s.storyReport(ctx, id)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&buf)
	err = report.WriteCompactJSON(zw, rep)
	if err == nil {
		err = zw.Close()
	}
	gzipWriters.Put(zw)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %w", errEncoding, id, err)
	}
	s.stories.put(id, rev, buf.Bytes())
	return buf.Bytes(), nil
}

// WarmStories fills the story cache with the newest stories, as many as it
// holds without evicting, so that the first reads after a start are not
// all misses (a miss reads and decodes the story and every article, then
// encodes and compresses: about 0.5 ms of CPU, against 0.04 ms for a hit,
// profiled under bench serve). It returns how
// many stories it made; without a cache it does nothing.
func (s *Server) WarmStories(ctx context.Context) (int, error) {
	if s.stories == nil {
		return 0, nil
	}
	revs := s.store.(crosscheck.StoryRevisions)
	made := 0
	err := eachStory(ctx, s.store, crosscheck.OrderNewest, func(id string) (bool, error) {
		if s.stories.full() {
			return false, nil
		}
		rev, err := revs.StoryRevision(ctx, id)
		if err == nil {
			_, err = s.cachedStory(ctx, id, rev)
		}
		if err != nil {
			return false, err
		}
		made++
		return true, nil
	})
	if err != nil {
		return made, fmt.Errorf("warming the story cache: %w", err)
	}
	return made, nil
}

// eachStory calls fn with the id of every story of st in the given order,
// a page at a time, until fn returns false or an error.
func eachStory(ctx context.Context, st crosscheck.Store, order crosscheck.StoryOrder, fn func(id string) (bool, error)) error {
	const page = 1000
	for offset := 0; ; offset += page {
		sums, err := st.Stories(ctx, crosscheck.StoryQuery{Order: order, Limit: page, Offset: offset})
		if err != nil {
			return err
		}
		for _, sum := range sums {
			if more, err := fn(sum.ID); err != nil || !more {
				return err
			}
		}
		if len(sums) < page {
			return nil
		}
	}
}

// gzipWriters reuses compressors: a gzip.Writer holds about 800 KB of
// tables, too much to allocate for every story put in the cache.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed) // the level is valid
	return zw
}}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip
// (and does not refuse it with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q, weighted := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		w, err := strconv.ParseFloat(q, 64)
		return !weighted || err != nil || w > 0
	}
	return false
}

func (s *Server) getEntity(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e, err := s.store.Entity(r.Context(), id)
	if err != nil {
		s.storeError(w, r, "entity "+strconv.Quote(id), err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

// searchAnswer is the body of GET /api/search.
type searchAnswer struct {
	Query string                 `json:"query"`
	Hits  []crosscheck.SearchHit `json:"hits"`
}

func (s *Server) getSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		writeError(w, http.StatusBadRequest, "missing q: the words to search for, as in /api/search?q=ferry")
		return
	}
	limit, err := intParam(r.URL.Query(), "limit", defaultPage, 1, maxPage)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	hits, err := s.store.Search(r.Context(), q, limit)
	if err != nil {
		s.storeError(w, r, "search results", err)
		return
	}
	if hits == nil {
		hits = []crosscheck.SearchHit{}
	}
	writeJSON(w, http.StatusOK, searchAnswer{Query: q, Hits: hits})
}

//go:embed openapi.json
var openAPI []byte

func (s *Server) getOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
}

// getHealth answers 200 when the store answers a listing.
func (s *Server) getHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.store.Stories(ctx, crosscheck.StoryQuery{Limit: 1}); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": "store: " + err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
