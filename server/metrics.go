package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the latency
// histograms: from a cached read to a slow pipeline run.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// histogram is a Prometheus histogram: cumulative bucket counts are
// computed when written.
type histogram struct {
	counts []uint64 // per bucket (not cumulative), then +Inf
	sum    float64
	n      uint64
}

func newHistogram() *histogram { return &histogram{counts: make([]uint64, len(latencyBuckets)+1)} }

func (h *histogram) observe(seconds float64) {
	i := sort.SearchFloat64s(latencyBuckets, seconds)
	h.counts[i]++
	h.sum += seconds
	h.n++
}

func (h *histogram) write(w *bufio.Writer, name, labels string) {
	sep := ""
	if labels != "" {
		sep = ","
	}
	var cum uint64
	for i, le := range latencyBuckets {
		cum += h.counts[i]
		fmt.Fprintf(w, "%s_bucket{%s%sle=\"%s\"} %d\n", name, labels, sep, strconv.FormatFloat(le, 'g', -1, 64), cum)
	}
	cum += h.counts[len(latencyBuckets)]
	fmt.Fprintf(w, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, labels, sep, cum)
	braces := ""
	if labels != "" {
		braces = "{" + labels + "}"
	}
	fmt.Fprintf(w, "%s_sum%s %s\n", name, braces, strconv.FormatFloat(h.sum, 'g', -1, 64))
	fmt.Fprintf(w, "%s_count%s %d\n", name, braces, h.n)
}

// metrics holds what /metrics exposes. One mutex is enough: every update
// is a few increments.
type metrics struct {
	mu         sync.Mutex
	added      uint64
	duplicates uint64
	failures   uint64
	pipeline   *histogram
	requests   map[routeCode]uint64
	latency    map[string]*histogram // by route pattern
}

type routeCode struct {
	route string
	code  int
}

func newMetrics() *metrics {
	return &metrics{pipeline: newHistogram(), requests: map[routeCode]uint64{}, latency: map[string]*histogram{}}
}

// ingested records one run of the pipeline on a document.
func (m *metrics) ingested(d time.Duration, res Ingested, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pipeline.observe(d.Seconds())
	switch {
	case err != nil:
		m.failures++
	case res.Added:
		m.added++
	default:
		m.duplicates++
	}
}

// request records one answered request. route is the matched pattern ("" when
// none matched), so the label set stays as small as the route table.
func (m *metrics) request(route string, code int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[routeCode{route, code}]++
	h := m.latency[route]
	if h == nil {
		h = newHistogram()
		m.latency[route] = h
	}
	h.observe(d.Seconds())
}

// metricName is what Prometheus accepts as a metric name.
var metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)

// labelValue escapes a Prometheus label value.
func labelValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// getMetrics writes the Prometheus text exposition format (version 0.0.4).
func (s *Server) getMetrics(w http.ResponseWriter, r *http.Request) {
	stories := -1
	if s.opt.StoryCount != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		n, err := s.opt.StoryCount(ctx)
		cancel()
		if err != nil {
			s.log.Warn("counting stories for /metrics failed", "err", err)
		} else {
			stories = n
		}
	}
	// Render into memory under the lock, write to the network after it, so
	// that a slow scraper never holds up the requests being counted.
	var buf bytes.Buffer
	s.metrics.write(&buf, stories)
	if s.opt.Gauges != nil {
		for _, g := range s.opt.Gauges() {
			if !metricName.MatchString(g.Name) {
				s.log.Warn("skipping a gauge with an invalid name", "name", g.Name)
				continue
			}
			fmt.Fprintf(&buf, "# HELP %s %s\n# TYPE %s gauge\n%s %s\n", g.Name, strings.ReplaceAll(g.Help, "\n", " "), g.Name, g.Name, strconv.FormatFloat(g.Value, 'g', -1, 64))
		}
	}
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Write(buf.Bytes())
}

// write renders the metrics; stories < 0 leaves the stories gauge out.
func (m *metrics) write(out *bytes.Buffer, stories int) {
	bw := bufio.NewWriter(out)
	defer bw.Flush()
	m.mu.Lock()
	defer m.mu.Unlock()

	fmt.Fprintln(bw, "# HELP crosscheck_articles_ingested_total Articles stored by this process (new ones; duplicates are counted apart).")
	fmt.Fprintln(bw, "# TYPE crosscheck_articles_ingested_total counter")
	fmt.Fprintf(bw, "crosscheck_articles_ingested_total %d\n", m.added)
	fmt.Fprintln(bw, "# HELP crosscheck_articles_duplicate_total Articles received that were already stored.")
	fmt.Fprintln(bw, "# TYPE crosscheck_articles_duplicate_total counter")
	fmt.Fprintf(bw, "crosscheck_articles_duplicate_total %d\n", m.duplicates)
	fmt.Fprintln(bw, "# HELP crosscheck_ingest_failures_total Documents the pipeline or the store refused.")
	fmt.Fprintln(bw, "# TYPE crosscheck_ingest_failures_total counter")
	fmt.Fprintf(bw, "crosscheck_ingest_failures_total %d\n", m.failures)
	fmt.Fprintln(bw, "# HELP crosscheck_pipeline_seconds Time to run the pipeline on one document and store it.")
	fmt.Fprintln(bw, "# TYPE crosscheck_pipeline_seconds histogram")
	m.pipeline.write(bw, "crosscheck_pipeline_seconds", "")
	if stories >= 0 {
		fmt.Fprintln(bw, "# HELP crosscheck_stories Stories in the store.")
		fmt.Fprintln(bw, "# TYPE crosscheck_stories gauge")
		fmt.Fprintf(bw, "crosscheck_stories %d\n", stories)
	}

	fmt.Fprintln(bw, "# HELP crosscheck_http_requests_total HTTP requests answered, by route pattern and status code.")
	fmt.Fprintln(bw, "# TYPE crosscheck_http_requests_total counter")
	keys := make([]routeCode, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].route != keys[j].route {
			return keys[i].route < keys[j].route
		}
		return keys[i].code < keys[j].code
	})
	for _, k := range keys {
		fmt.Fprintf(bw, "crosscheck_http_requests_total{route=\"%s\",code=\"%d\"} %d\n", labelValue(k.route), k.code, m.requests[k])
	}
	fmt.Fprintln(bw, "# HELP crosscheck_http_request_seconds Time to answer an HTTP request, by route pattern.")
	fmt.Fprintln(bw, "# TYPE crosscheck_http_request_seconds histogram")
	routes := make([]string, 0, len(m.latency))
	for k := range m.latency {
		routes = append(routes, k)
	}
	sort.Strings(routes)
	for _, rt := range routes {
		m.latency[rt].write(bw, "crosscheck_http_request_seconds", `route="`+labelValue(rt)+`"`)
	}
	fmt.Fprintln(bw, "# HELP go_goroutines Goroutines that currently exist.")
	fmt.Fprintln(bw, "# TYPE go_goroutines gauge")
	fmt.Fprintf(bw, "go_goroutines %d\n", runtime.NumGoroutine())
}
