package crosscheck

import (
	"strings"
	"testing"
)

func TestFeedClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.org/rss.xml", "https://example.org/rss.xml"},
		{"  HTTPS://Example.ORG:443/News/RSS.xml#top ", "https://example.org/News/RSS.xml"},
		{"http://example.org:80", "http://example.org/"},
		{"http://example.org:8080/feed?format=atom&lang=en", "http://example.org:8080/feed?format=atom&lang=en"},
		{"https://example.org:80/feed", "https://example.org:80/feed"},
		{"http://[2001:DB8::1]:80/rss", "http://[2001:db8::1]/rss"},
		{"http://[2001:db8::1]:8080/rss", "http://[2001:db8::1]:8080/rss"},
		{"https://example.org/a%2Fb/rss", "https://example.org/a%2Fb/rss"},
	} {
		f := Feed{URL: tc.in, Name: "  Example news \u00e9  "}
		if err := f.Clean(); err != nil {
			t.Errorf("Clean(%q): %v", tc.in, err)
			continue
		}
		if f.URL != tc.want || f.Name != "Example news \u00e9" {
			t.Errorf("Clean(%q) = %q, %q; want %q", tc.in, f.URL, f.Name, tc.want)
		}
	}
	for _, tc := range []struct{ url, name, says string }{
		{"", "", "no URL"},
		{"example.org/rss.xml", "", "http"},
		{"file:///etc/passwd", "", "http"},
		{"https://", "", "no host"},
		{"https://:443/x", "", "no host"},
		{"mailto:x@example.org", "", "http"},
		{"https://u:p@example.org/rss", "", "password"},
		{"https://example.org/%zz", "", "invalid URL escape"},
		{"https://example.org/" + strings.Repeat("x", MaxFeedURLBytes), "", "at most"},
		{"https://example.org/", strings.Repeat("é", MaxFeedNameRunes+1), "at most"},
		{"https://example.org/", "a\tb", "one line"},
	} {
		f := Feed{URL: tc.url, Name: tc.name}
		if err := f.Clean(); err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("Clean(%.40q, %.20q) = %v, want an error saying %q", tc.url, tc.name, err, tc.says)
		}
	}
}
