package crosscheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

// TestSpanJSON checks the [start,end] form both ways, with the white space
// and the malformed inputs a decoder meets.
func TestSpanJSON(t *testing.T) {
	for _, sp := range []Span{{}, {0, 1}, {17, 4096}, {-3, 2}, {1 << 40, 1<<40 + 7}} {
		b, err := json.Marshal(sp)
		if err != nil || string(b) != fmt.Sprintf("[%d,%d]", sp.Start, sp.End) {
			t.Errorf("Marshal(%v) = %s, %v", sp, b, err)
		}
		var back Span
		if err := json.Unmarshal(b, &back); err != nil || back != sp {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
		}
	}
	for in, want := range map[string]Span{
		" [ 3 , 9 ] ": {3, 9},
		"[\n1,\t2]":   {1, 2},
		"[-0,5]":      {0, 5},
		"[1e1,2]":     {}, // not an int: refused below
	} {
		var got Span
		err := json.Unmarshal([]byte(in), &got)
		if in == "[1e1,2]" {
			if err == nil {
				t.Errorf("Unmarshal(%q) accepted a float", in)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("Unmarshal(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{`[1]`, `[1,2,3]`, `{"start":1}`, `"x"`, `[1,]`, `[,1]`, `[1 2]`, `[99999999999999999999,1]`} {
		var sp Span
		if err := json.Unmarshal([]byte(bad), &sp); err == nil {
			t.Errorf("Unmarshal(%q) = %v, want an error", bad, sp)
		}
	}
	// null leaves the span as it was, as for any value.
	sp := Span{4, 5}
	if err := json.Unmarshal([]byte(`null`), &sp); err != nil || sp != (Span{4, 5}) {
		t.Errorf("Unmarshal(null) = %v, %v", sp, err)
	}
}

func BenchmarkArticleJSON(b *testing.B) {
	a := &Article{ID: "a1", Title: "t", Text: "x"}
	for i := range 40 {
		a.Sentences = append(a.Sentences, Span{i * 100, i*100 + 90})
		if i%3 == 0 {
			a.Paragraphs = append(a.Paragraphs, Span{i * 100, i*100 + 290})
		}
	}
	doc, err := json.Marshal(a)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("marshal", func(b *testing.B) {
		for b.Loop() {
			json.Marshal(a)
		}
	})
	b.Run("unmarshal", func(b *testing.B) {
		for b.Loop() {
			var back Article
			if err := json.Unmarshal(doc, &back); err != nil || !reflect.DeepEqual(back.Sentences, a.Sentences) {
				b.Fatal(err)
			}
		}
	})
}

// FuzzSpanJSON checks that whatever the hand-written decoder accepts is a
// two-integer array as encoding/json reads it, and survives a round trip.
// Only valid JSON is tried: encoding/json checks a document before it hands
// a value to UnmarshalJSON.
func FuzzSpanJSON(f *testing.F) {
	for _, s := range []string{"[1,2]", " [ -3 , 4 ] ", "[1]", "null", "[1,2,3]", "[1e3,2]", "[[1],2]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if !json.Valid(in) {
			return
		}
		var sp Span
		if err := sp.UnmarshalJSON(in); err != nil {
			return
		}
		if string(bytes.TrimSpace(in)) == "null" {
			return
		}
		var ref []int
		if err := json.Unmarshal(in, &ref); err != nil || len(ref) != 2 || ref[0] != sp.Start || ref[1] != sp.End {
			t.Fatalf("%q read as %v; encoding/json reads %v (%v)", in, sp, ref, err)
		}
		b, _ := sp.MarshalJSON()
		var back Span
		if err := back.UnmarshalJSON(b); err != nil || back != sp {
			t.Fatalf("round trip of %v through %s: %v, %v", sp, b, back, err)
		}
	})
}

func TestStorySize(t *testing.T) {
	for _, c := range []struct {
		articles, outlets int
		want              string
	}{
		{5, 0, "5 articles"},
		{1, 1, "1 article from 1 outlet"},
		{3, 2, "3 articles from 2 outlets"},
	} {
		s := &Story{Articles: make([]string, c.articles), Outlets: make([]string, c.outlets)}
		if got := s.Size(); got != c.want {
			t.Errorf("%d articles, %d outlets: Size() = %q, want %q", c.articles, c.outlets, got, c.want)
		}
	}
}
