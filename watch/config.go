package watch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"
)

// Config is a watch configuration file. Two forms are read:
//
// A list, one feed or sitemap URL per line; blank lines and lines starting
// with # are skipped:
//
//	# feeds to follow
//	https://example.org/rss.xml
//	https://example.org/news-sitemap.xml
//
// Or a JSON object, when the file starts with "{":
//
//	{
//	  "interval": "15m",          // how often each feed is polled
//	  "host_delay": "1s",         // least time between two requests to one host
//	  "workers": 4,               // article fetches at once (different hosts)
//	  "queue": 1000,              // articles waiting to be fetched, at most
//	  "state": "watch.state",     // seen URLs and feed validators survive restarts
//	  "feeds": [
//	    {"url": "https://example.org/rss.xml", "outlet": "Example", "interval": "5m"},
//	    {"url": "https://example.org/news-sitemap.xml"}
//	  ]
//	}
//
// (JSON has no comments; they are here to explain.) Durations are Go
// durations ("90s", "15m", "1h"). Zero or missing fields take the
// defaults, and command-line flags override the file.
type Config struct {
	Feeds     []Feed   `json:"feeds"`
	Interval  Duration `json:"interval,omitempty"`
	HostDelay Duration `json:"host_delay,omitempty"`
	Workers   int      `json:"workers,omitempty"`
	Queue     int      `json:"queue,omitempty"`
	State     string   `json:"state,omitempty"`
}

// Feed is one RSS, Atom or JSON feed, or one sitemap (a news sitemap, a
// plain one, or a sitemap index), to poll.
type Feed struct {
	URL string `json:"url"`
	// Outlet, when set, names the outlet of the feed's articles.
	Outlet string `json:"outlet,omitempty"`
	// Interval, when set, overrides how often this feed is polled.
	Interval Duration `json:"interval,omitempty"`
}

// Duration is a time.Duration written as "15m" in JSON.
type Duration time.Duration

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration: want a string such as \"15m\": %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("duration %q: want a positive Go duration such as \"90s\" or \"15m\"", s)
	}
	*d = Duration(v)
	return nil
}

func (d Duration) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).String())
}

// LoadConfig reads a configuration file in either form.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("watch config: %w", err)
	}
	cfg, err := ParseConfig(data)
	if err != nil {
		return nil, fmt.Errorf("watch config %s: %w", path, err)
	}
	return cfg, nil
}

// ParseConfig reads a configuration in either form.
func ParseConfig(data []byte) (*Config, error) {
	cfg := &Config{}
	if trimmed := bytes.TrimSpace(data); bytes.HasPrefix(trimmed, []byte("{")) {
		d := json.NewDecoder(bytes.NewReader(trimmed))
		d.DisallowUnknownFields()
		if err := d.Decode(cfg); err != nil {
			return nil, fmt.Errorf("JSON: %w", err)
		}
	} else {
		sc := bufio.NewScanner(bytes.NewReader(data))
		line := 0
		for sc.Scan() {
			line++
			text := strings.TrimSpace(sc.Text())
			if text == "" || strings.HasPrefix(text, "#") {
				continue
			}
			if strings.ContainsAny(text, " \t") {
				return nil, fmt.Errorf("line %d: want one URL per line, got %q", line, text)
			}
			cfg.Feeds = append(cfg.Feeds, Feed{URL: text})
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	for i, f := range cfg.Feeds {
		if NormalizeURL(f.URL) == "" {
			return nil, fmt.Errorf("feed %d: %q is not an http(s) URL", i+1, f.URL)
		}
	}
	if cfg.Workers < 0 || cfg.Queue < 0 {
		return nil, fmt.Errorf("workers and queue must not be negative")
	}
	return cfg, nil
}
