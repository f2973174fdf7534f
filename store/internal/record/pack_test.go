package record

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

func TestPackRoundTrip(t *testing.T) {
	st := &crosscheck.Story{ID: "s1", Title: "Bridge reopens", Articles: []string{"a1", "a2"}}
	for range 50 {
		st.Quotes = append(st.Quotes, crosscheck.Quote{ID: "q", Speaker: "Mara Venn", Text: strings.Repeat("the bridge reopens on Monday ", 3)})
	}
	doc, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	packed := Pack(doc)
	if !bytes.HasPrefix(packed, gzipMagic) || len(packed) >= len(doc)/2 {
		t.Fatalf("packed %d bytes of JSON into %d (% x…)", len(doc), len(packed), packed[:2])
	}
	for name, in := range map[string][]byte{"packed": packed, "plain JSON of an older store": doc} {
		got, err := DecodeStory(in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, _ := json.Marshal(got)
		if !bytes.Equal(again, doc) {
			t.Errorf("%s: decoded story differs:\n%s\n%s", name, again, doc)
		}
	}
}

func TestUnpackDamaged(t *testing.T) {
	packed := Pack([]byte(`{"id":"s1","title":"Bridge reopens"}`))
	for name, in := range map[string][]byte{
		"truncated":    packed[:len(packed)-6],
		"magic only":   gzipMagic,
		"flipped body": append(append([]byte{}, packed[:12]...), bytes.Repeat([]byte{0xff}, 20)...),
	} {
		if _, err := DecodeStory(in); err == nil {
			t.Errorf("%s: no error", name)
		} else if !strings.Contains(err.Error(), "stored") {
			t.Errorf("%s: error %q does not say what was read", name, err)
		}
	}
}

// FuzzUnpack: any bytes in a document column give a document or an error,
// never a panic or a runaway allocation.
func FuzzUnpack(f *testing.F) {
	f.Add(Pack([]byte(`{"id":"s"}`)))
	f.Add([]byte(`{"id":"s"}`))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, err := Unpack(doc)
		if err == nil && !bytes.HasPrefix(doc, gzipMagic) && !bytes.Equal(out, doc) {
			t.Fatal("a plain document changed")
		}
	})
}
