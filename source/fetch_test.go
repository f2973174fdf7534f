package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// newsServer is a loopback site with one handler per test case.
func newsServer(t *testing.T, robots string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var robotsHits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		robotsHits.Add(1)
		if robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, robots)
	})
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		w.Header().Set("X-Agent", r.UserAgent())
		fmt.Fprint(w, sampleHTML)
	})
	mux.HandleFunc("/xhtml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xhtml+xml")
		fmt.Fprint(w, sampleHTML)
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, sampleText)
	})
	mux.HandleFunc("/untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no sniffing by the server either
		fmt.Fprint(w, sampleHTML)
	})
	mux.HandleFunc("/octet", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		fmt.Fprint(w, sampleText)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00"))
	})
	mux.HandleFunc("/disguised-image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss><channel></channel></rss>`)
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
	})
	mux.HandleFunc("/gzipped-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/gzip")
		w.Write(gz(t, []byte(sampleHTML)))
	})
	mux.HandleFunc("/encoded", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz(t, []byte(sampleHTML)))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "8000")
		w.Write(bytes.Repeat([]byte("<p>a</p>"), 1000))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 1000 {
			w.Write([]byte("<p>a</p>"))
			w.(http.Flusher).Flush() // no Content-Length: the cap must stop the read
		}
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "gone", http.StatusNotFound)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) })
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) })
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/hop/"), "%d", &n)
		if n == 0 {
			http.Redirect(w, r, "/article", http.StatusMovedPermanently)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
	})
	mux.HandleFunc("/to-private/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://"+strings.TrimPrefix(r.URL.Path, "/to-private/")+"/", http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://news.example/file", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &robotsHits
}

func TestFetch(t *testing.T) {
	srv, _ := newsServer(t, "User-agent: *\nDisallow: /private/\n\nUser-agent: crosscheck\nDisallow: /members\n")
	tests := []struct {
		path        string
		maxBytes    int64
		redirects   int
		kind        crosscheck.DocumentKind
		finalPath   string
		contentType string
		err         string
	}{
		{path: "/article", kind: crosscheck.KindHTML, contentType: "text/html; charset=windows-1251"},
		{path: "/xhtml", kind: crosscheck.KindHTML, contentType: "application/xhtml+xml"},
		{path: "/plain", kind: crosscheck.KindText, contentType: "text/plain; charset=utf-8"},
		{path: "/untyped", kind: crosscheck.KindHTML},
		{path: "/octet", kind: crosscheck.KindText, contentType: "application/octet-stream"},
		{path: "/gzipped-file", kind: crosscheck.KindHTML},
		{path: "/encoded", kind: crosscheck.KindHTML, contentType: "text/html"},
		{path: "/hop/3", kind: crosscheck.KindHTML, finalPath: "/article", contentType: "text/html; charset=windows-1251"},
		{path: "/hop/3", redirects: 3, err: "too many redirects: gave up after 4 (the limit is 3)"},
		{path: "/hop/9", err: "too many redirects: gave up after 6 (the limit is 5)"},
		{path: "/loop-a", err: "redirect loop"},
		{path: "/to-ftp", err: `redirected to an unsupported URL scheme "ftp"`},
		{path: "/gone", err: "HTTP 404 Not Found"},
		{path: "/broken", err: "HTTP 500 Internal Server Error"},
		{path: "/image", err: "binary content (Content-Type image/png)"},
		{path: "/disguised-image", err: "binary data, not text (looks like image/png)"},
		{path: "/feed", err: "an XML document or feed"},
		{path: "/empty", err: "empty response body"},
		{path: "/big", maxBytes: 1000, err: "response (8000 bytes) is over the size limit of 1000 bytes"},
		{path: "/big-chunked", maxBytes: 1000, err: "response body is over the size limit of 1000 bytes"},
		// The crosscheck group replaces the * group (RFC 9309 2.2.1), so
		// /private/ is not disallowed for us: the server's 404 comes through.
		{path: "/private/story", err: "HTTP 404 Not Found"},
		{path: "/members?id=1", err: "disallowed by robots.txt"},
		{path: "/hop/0?x", kind: crosscheck.KindHTML, finalPath: "/article", contentType: "text/html; charset=windows-1251"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			url := srv.URL + tt.path
			doc, err := Fetch(context.Background(), url, Options{AllowPrivate: true, MaxBytes: tt.maxBytes, MaxRedirects: tt.redirects})
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), url+": ") || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Fetch(%s) error = %v, want %q naming the URL", tt.path, err, tt.err)
				}
				var se *Error
				if !errors.As(err, &se) || strings.ContainsAny(err.Error(), "\n\r") {
					t.Errorf("error %q is not a one-line *Error", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Fetch(%s): %v", tt.path, err)
			}
			final := srv.URL + tt.path
			if tt.finalPath != "" {
				final = srv.URL + tt.finalPath
			}
			if doc.Source != url || doc.URL != final || doc.Kind != tt.kind || doc.ContentType != tt.contentType {
				t.Errorf("Fetch(%s) = Source %q URL %q Kind %v ContentType %q; want %q %q %v %q",
					tt.path, doc.Source, doc.URL, doc.Kind, doc.ContentType, url, final, tt.kind, tt.contentType)
			}
			if len(doc.Body) == 0 {
				t.Errorf("Fetch(%s): empty body", tt.path)
			}
		})
	}
}

func TestFetchUserAgent(t *testing.T) {
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			got.Store(r.UserAgent())
		}
		fmt.Fprint(w, sampleHTML)
	}))
	defer srv.Close()
	if _, err := Fetch(context.Background(), srv.URL+"/a", Options{AllowPrivate: true}); err != nil {
		t.Fatal(err)
	}
	if ua, _ := got.Load().(string); ua != DefaultUserAgent || !strings.HasPrefix(ua, "crosscheck/") {
		t.Errorf("User-Agent = %q, want %q", ua, DefaultUserAgent)
	}
	if _, err := Fetch(context.Background(), srv.URL+"/a", Options{AllowPrivate: true, UserAgent: "test-agent/1"}); err != nil {
		t.Fatal(err)
	}
	if ua, _ := got.Load().(string); ua != "test-agent/1" {
		t.Errorf("User-Agent = %q, want test-agent/1", ua)
	}
}

func TestRobotsStatus(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		err    string // "" when the article may be fetched
	}{
		{name: "disallow all", status: 200, body: "User-agent: *\nDisallow: /\n", err: "disallowed by robots.txt"},
		{name: "allow us", status: 200, body: "User-agent: *\nDisallow: /\n\nUser-agent: crosscheck\nAllow: /\n"},
		{name: "other agent", status: 200, body: "User-agent: otherbot\nDisallow: /\n"},
		{name: "lenient parse", status: 200, body: "Disallow: /nobody\nUser-agent: *\nCrawl-delay: soon\nDisallow: /article\n", err: "disallowed by robots.txt"},
		{name: "not found", status: 404},
		{name: "forbidden", status: 403},
		{name: "too many requests", status: 429, err: "robots.txt answered HTTP 429"},
		{name: "server error", status: 503, err: "robots.txt answered HTTP 503 Service Unavailable"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					w.WriteHeader(tt.status)
					fmt.Fprint(w, tt.body)
					return
				}
				fmt.Fprint(w, sampleHTML)
			}))
			defer srv.Close()
			_, err := Fetch(context.Background(), srv.URL+"/article", Options{AllowPrivate: true})
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("Fetch: %v, want allowed", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("Fetch error = %v, want %q", err, tt.err)
			}
		})
	}
}

func TestRobotsFetchedOncePerRead(t *testing.T) {
	srv, hits := newsServer(t, "User-agent: *\nDisallow: /private/\n")
	inputs := []string{srv.URL + "/article", srv.URL + "/plain", srv.URL + "/private/x", srv.URL + "/hop/2"}
	got := readAll(t, inputs, Options{AllowPrivate: true})
	if len(got) != 4 || got[0].err != nil || got[1].err != nil || got[2].err == nil || got[3].err != nil {
		t.Fatalf("Read = %+v", got)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
	readAll(t, inputs[:1], Options{AllowPrivate: true})
	if n := hits.Load(); n != 2 {
		t.Errorf("robots.txt fetched %d times after a second Read, want 2 (one per Read)", n)
	}
}

// testLookup plays DNS: name → addresses.
func testLookup(names map[string]string) func(context.Context, string) ([]netip.Addr, error) {
	return func(_ context.Context, host string) ([]netip.Addr, error) {
		a, ok := names[host]
		if !ok {
			return nil, errors.New("no such host")
		}
		return []netip.Addr{netip.MustParseAddr(a)}, nil
	}
}

func TestFetchRefusesPrivateAddresses(t *testing.T) {
	srv, _ := newsServer(t, "")
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	public := netip.MustParseAddr("127.0.0.1") // played as a public address below

	tests := []struct {
		name   string
		url    string
		lookup map[string]string
		// publicLoopback plays 127.0.0.1 as a public address, so that a
		// redirect from it can be followed to a private one.
		publicLoopback bool
		err            string
	}{
		{name: "loopback literal", url: srv.URL + "/article", err: "refused: 127.0.0.1 is a loopback address"},
		{name: "ipv6 loopback", url: fmt.Sprintf("http://[::1]:%d/article", port), err: "refused: ::1 is a loopback address"},
		{name: "mapped", url: fmt.Sprintf("http://[::ffff:127.0.0.1]:%d/article", port), err: "loopback address"},
		{name: "unspecified", url: fmt.Sprintf("http://0.0.0.0:%d/article", port), err: "unspecified address"},
		{name: "name resolving to loopback", url: fmt.Sprintf("http://news.example:%d/article", port),
			lookup: map[string]string{"news.example": "127.0.0.1"}, err: "refused: news.example resolves to 127.0.0.1, a loopback address"},
		{name: "name resolving to metadata", url: "http://metadata.example/latest",
			lookup: map[string]string{"metadata.example": "169.254.169.254"}, err: "169.254.169.254, a link-local address"},
		{name: "redirect to private", url: srv.URL + "/to-private/10.1.2.3", publicLoopback: true,
			err: "refused: 10.1.2.3 is a private address"},
		{name: "redirect to private name", url: fmt.Sprintf("%s/to-private/intranet.example:%d", srv.URL, port), publicLoopback: true,
			lookup: map[string]string{"intranet.example": "127.0.0.2"}, err: "refused: intranet.example resolves to 127.0.0.2, a loopback address"},
		{name: "public passes", url: srv.URL + "/article", publicLoopback: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFetcher(Options{Timeout: 5 * time.Second})
			defer f.Close()
			if tt.lookup != nil {
				f.lookup = testLookup(tt.lookup)
			}
			if tt.publicLoopback {
				f.blocked = func(ip netip.Addr) string {
					if ip == public {
						return ""
					}
					return nonPublicKind(ip)
				}
			}
			doc, err := f.Fetch(context.Background(), tt.url)
			if tt.err == "" {
				if err != nil || doc.Kind != crosscheck.KindHTML {
					t.Fatalf("Fetch(%s) = %v, want the article", tt.url, err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.url+": ") || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Fetch(%s) error = %v, want %q", tt.url, err, tt.err)
			}
		})
	}
}

func TestFetchUnreachable(t *testing.T) {
	// A port nobody listens on: listen, note it, close.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedURL := "http://" + ln.Addr().String() + "/article"
	ln.Close()
	srv, _ := newsServer(t, "")

	tests := []struct {
		name string
		url  string
		opt  Options
		err  string
	}{
		{name: "connection refused", url: closedURL, opt: Options{AllowPrivate: true},
			err: "unreachable: connection refused by 127.0.0.1"},
		{name: "dns", url: "http://nowhere.example/a", opt: Options{AllowPrivate: true},
			err: "DNS lookup of nowhere.example found no such host"},
		{name: "timeout", url: srv.URL + "/slow", opt: Options{AllowPrivate: true, Timeout: 200 * time.Millisecond},
			err: "timed out after 200ms"},
		{name: "scheme", url: "file:///etc/passwd", err: `unsupported URL scheme "file"`},
		{name: "no host", url: "http:///path", err: "no host"},
		{name: "bad url", url: "http://bad host/", err: "invalid URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFetcher(tt.opt)
			defer f.Close()
			f.lookup = testLookup(nil)
			_, err := f.Fetch(context.Background(), tt.url)
			if err == nil || !strings.HasPrefix(err.Error(), tt.url+": ") || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Fetch(%s) error = %v, want %q", tt.url, err, tt.err)
			}
		})
	}
}

func TestFetchWithCallerClient(t *testing.T) {
	srv, _ := newsServer(t, "")
	client := srv.Client()
	doc, err := Fetch(context.Background(), srv.URL+"/hop/1", Options{Client: client})
	if err != nil || doc.URL != srv.URL+"/article" {
		t.Fatalf("Fetch with a caller's client = %q, %v", doc.URL, err)
	}
	if client.CheckRedirect != nil {
		t.Error("Fetch changed the caller's client")
	}
	if _, err := Fetch(context.Background(), srv.URL+"/hop/9", Options{Client: client}); err == nil || !strings.Contains(err.Error(), "too many redirects") {
		t.Errorf("redirect limit with a caller's client: %v", err)
	}
}

func TestNonPublicKind(t *testing.T) {
	tests := []struct {
		ip   string
		kind string
	}{
		{"8.8.8.8", ""},
		{"93.184.216.34", ""},
		{"2606:4700::1111", ""},
		{"127.0.0.1", "loopback"},
		{"127.9.9.9", "loopback"},
		{"::1", "loopback"},
		{"10.0.0.1", "private"},
		{"172.16.5.4", "private"},
		{"172.32.0.1", ""},
		{"192.168.1.1", "private"},
		{"fd00::1", "private"},
		{"169.254.169.254", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"100.64.0.1", "CGNAT (shared)"},
		{"100.127.255.255", "CGNAT (shared)"},
		{"100.128.0.1", ""},
		{"224.0.0.1", "multicast"},
		{"ff02::1", "multicast"},
		{"0.0.0.0", "unspecified"},
		{"::", "unspecified"},
		{"0.1.2.3", "unspecified"},
		{"255.255.255.255", "reserved"},
		{"::ffff:10.0.0.1", "private"},
		{"::ffff:8.8.8.8", ""},
		{"64:ff9b::10.0.0.1", "private (via NAT64)"},
		{"64:ff9b::8.8.8.8", ""},
		{"2002:7f00:1::", "loopback (via 6to4)"},
		{"2001:db8::1", "documentation"},
	}
	for _, tt := range tests {
		if got := nonPublicKind(netip.MustParseAddr(tt.ip)); got != tt.kind {
			t.Errorf("nonPublicKind(%s) = %q, want %q", tt.ip, got, tt.kind)
		}
	}
}

func TestLooksLikeURL(t *testing.T) {
	for in, want := range map[string]bool{
		"http://a.example/x": true, "HTTPS://a.example": true, "ftp://a": true, "git+ssh://x": true,
		"a.txt": false, "dir/a://b": false, "://x": false, "-": false, "C:\\x": false,
	} {
		if got := looksLikeURL(in); got != want {
			t.Errorf("looksLikeURL(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestReadRefusesLoopbackByDefault(t *testing.T) {
	srv, hits := newsServer(t, "")
	got := readAll(t, []string{srv.URL + "/article"}, Options{})
	if len(got) != 1 || got[0].err == nil || !strings.Contains(got[0].err.Error(), "refused: 127.0.0.1 is a loopback address (--allow-private allows it)") {
		t.Fatalf("Read(loopback URL) = %+v, want refused", got)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server saw %d robots.txt requests, want none: the guard must stop the connection", n)
	}
}

func TestRedirectChecksRobotsOfNewHost(t *testing.T) {
	var robotsHosts []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.Host)
		switch {
		case r.URL.Path == "/robots.txt":
			mu.Lock()
			robotsHosts = append(robotsHosts, host)
			mu.Unlock()
			if host == "strict.example" {
				fmt.Fprint(w, "User-agent: *\nDisallow: /\n")
				return
			}
			http.NotFound(w, r)
		case r.URL.Path == "/go":
			_, port, _ := net.SplitHostPort(r.Host)
			http.Redirect(w, r, "http://strict.example:"+port+"/story", http.StatusFound)
		default:
			fmt.Fprint(w, sampleHTML)
		}
	}))
	defer srv.Close()
	f := NewFetcher(Options{AllowPrivate: true})
	defer f.Close()
	f.lookup = testLookup(map[string]string{"strict.example": "127.0.0.1"})
	_, err := f.Fetch(context.Background(), srv.URL+"/go")
	if err == nil || !strings.Contains(err.Error(), "redirected to http://strict.example:") || !strings.Contains(err.Error(), "disallowed by robots.txt") {
		t.Fatalf("Fetch = %v, want the redirect target disallowed by its robots.txt", err)
	}
	if len(robotsHosts) != 2 || robotsHosts[0] != "127.0.0.1" || robotsHosts[1] != "strict.example" {
		t.Errorf("robots.txt fetched for %v, want [127.0.0.1 strict.example]", robotsHosts)
	}
}

func TestRobotsRedirects(t *testing.T) {
	tests := []struct {
		name string
		hops int
		err  string
	}{
		// RFC 9309: follow at least five redirects for robots.txt; past
		// that it is unavailable, which allows everything.
		{name: "followed", hops: 3, err: "disallowed by robots.txt"},
		{name: "too many", hops: 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var n int
				switch {
				case r.URL.Path == "/robots.txt":
					http.Redirect(w, r, fmt.Sprintf("/robots/%d", tt.hops), http.StatusMovedPermanently)
				case strings.HasPrefix(r.URL.Path, "/robots/"):
					fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/robots/"), "%d", &n)
					if n > 1 {
						http.Redirect(w, r, fmt.Sprintf("/robots/%d", n-1), http.StatusFound)
						return
					}
					fmt.Fprint(w, "User-agent: *\nDisallow: /article\n")
				default:
					fmt.Fprint(w, sampleHTML)
				}
			}))
			defer srv.Close()
			// MaxRedirects for pages does not bind robots.txt.
			_, err := Fetch(context.Background(), srv.URL+"/article", Options{AllowPrivate: true, MaxRedirects: -1})
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("Fetch: %v, want allowed", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("Fetch error = %v, want %q", err, tt.err)
			}
		})
	}
}

func TestFetchTLSErrors(t *testing.T) {
	plain, _ := newsServer(t, "")
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, sampleHTML) }))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	tests := []struct {
		name, url, err string
	}{
		{name: "untrusted certificate", url: tlsSrv.URL + "/article", err: "TLS certificate of 127.0.0.1 not valid"},
		{name: "https to a plain server", url: strings.Replace(plain.URL, "http://", "https://", 1) + "/article", err: "server gave HTTP response to HTTPS client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Fetch(context.Background(), tt.url, Options{AllowPrivate: true})
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Fetch(%s) error = %v, want %q", tt.url, err, tt.err)
			}
		})
	}
}

func TestErrorIsOneLine(t *testing.T) {
	err := &Error{Source: "a.txt", Err: errors.New("first\nsecond\r\nthird")}
	if got, want := err.Error(), "a.txt: first second third"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(&Error{Source: "x", Err: context.Canceled}, context.Canceled) {
		t.Error("Error does not unwrap to its reason")
	}
}
