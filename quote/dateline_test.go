package quote

import (
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

func TestTrimDatelines(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ZALINEC, Dravonia, May 13 (CPA) — At least 12 people died", "At least 12 people died"},
		{"VILNIUS, Lithuania — Belarus has released 123 prisoners", "Belarus has released 123 prisoners"},
		{"LONDON (Reuters) - Prices rose", "Prices rose"},
		{"NEW YORK — The market fell", "The market fell"},
		{"Vilnius, December 14 (IANS) Belarus has released 123 prisoners", "Belarus has released 123 prisoners"},
		{"At least 12 people died", "At least 12 people died"},
		{"US - China talks will resume", "US - China talks will resume"},
		{"Senator Vance (D-Ore.) - who chairs the panel - agreed", "Senator Vance (D-Ore.) - who chairs the panel - agreed"},
		{"The captain, Hrytsenko, was detained", "The captain, Hrytsenko, was detained"},
	} {
		spans := []crosscheck.Span{{Start: 0, End: len(c.in)}}
		trimDatelines(c.in, spans)
		if got := c.in[spans[0].Start:spans[0].End]; got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTrimAsides(t *testing.T) {
	text := "— on Twitter, as it happens — that the campaign raised about $4 million that day"
	spans := []crosscheck.Span{{Start: 0, End: len(text)}}
	trimAsides(text, spans)
	if got := text[spans[0].Start:spans[0].End]; got != "the campaign raised about $4 million that day" {
		t.Errorf("trimmed to %q", got)
	}
}
