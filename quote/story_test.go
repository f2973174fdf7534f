package quote_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/pipeline"
	"github.com/crosscheck-news/crosscheck/quote"
	"github.com/crosscheck-news/crosscheck/text"
)

// analyze runs the whole pipeline on a folder.
func analyze(t *testing.T, dir string) *crosscheck.Report {
	t.Helper()
	rep, err := pipeline.Analyze(context.Background(), []string{dir}, pipeline.Options{})
	if err != nil {
		t.Fatalf("analyze %s: %v", dir, err)
	}
	return rep
}

// speakerMatches reports whether a reported speaker names the expected
// person: every word of the expected name (but "unnamed") is in it, or in
// its entity's variants.
func speakerMatches(q crosscheck.Quote, ents map[string]crosscheck.Entity, want string) bool {
	names := []string{q.Speaker}
	if q.SpeakerEntity != nil {
		e := ents[*q.SpeakerEntity]
		names = append(names, e.Name)
		names = append(names, e.Variants...)
	}
	for _, n := range names {
		have := map[string]bool{}
		for _, w := range strings.Fields(strings.ToLower(n)) {
			have[w] = true
		}
		ok := true
		for _, w := range strings.Fields(strings.ToLower(want)) {
			if w != "unnamed" && !have[w] {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

type expectedQuote struct {
	Speaker  string            `json:"speaker"`
	Form     string            `json:"form"`
	Files    []string          `json:"files"`
	Text     string            `json:"text"`
	Parts    []string          `json:"parts"`
	Variants map[string]string `json:"variants"`
}

// TestExamplesQuotes checks every quote of the examples' answer key: found
// once, with the right speaker, every file that carries it among its
// sources, and each listed version of the words in a source.
func TestExamplesQuotes(t *testing.T) {
	b, err := os.ReadFile("../testdata/examples-expected.json")
	if err != nil {
		t.Fatalf("answer key: %v", err)
	}
	var key struct {
		Quotes []expectedQuote `json:"quotes"`
	}
	if err := json.Unmarshal(b, &key); err != nil {
		t.Fatalf("answer key: %v", err)
	}
	if len(key.Quotes) == 0 {
		t.Fatal("answer key has no quotes")
	}
	rep := analyze(t, "../examples")
	fileOf := map[string]string{} // article id → answer-key file name
	for _, a := range rep.Articles {
		src := filepath.ToSlash(a.Source)
		if i := strings.LastIndex(src, "/"); i >= 0 {
			src = src[i+1:]
		}
		fileOf[a.ID] = src
	}
	type found struct {
		q    crosscheck.Quote
		ents map[string]crosscheck.Entity
	}
	var all []found
	for _, s := range rep.Stories {
		ents := map[string]crosscheck.Entity{}
		for _, e := range s.Entities {
			ents[e.ID] = e
		}
		for _, q := range s.Quotes {
			all = append(all, found{q, ents})
		}
	}
	for _, want := range key.Quotes {
		var hits []found
		for _, f := range all {
			if f.q.Direct != (want.Form != "indirect") {
				continue
			}
			for _, src := range f.q.Sources {
				if strings.Contains(src.Text, want.Text) || strings.Contains(want.Text, src.Text) && len(src.Text) > len(want.Text)/2 {
					hits = append(hits, f)
					break
				}
			}
		}
		if len(hits) != 1 {
			t.Errorf("%q (%s): found in %d quotes, want exactly 1", want.Text, want.Form, len(hits))
			continue
		}
		q := hits[0].q
		if !speakerMatches(q, hits[0].ents, want.Speaker) {
			t.Errorf("%q: speaker %q, want %q", want.Text, q.Speaker, want.Speaker)
		}
		files := map[string]bool{}
		var texts []string
		for _, src := range q.Sources {
			files[fileOf[src.Article]] = true
			texts = append(texts, src.Text)
		}
		for _, f := range want.Files {
			if !files[f] {
				t.Errorf("%q: source %s missing (have %v)", want.Text, f, files)
			}
		}
		for _, part := range want.Parts {
			if !strings.Contains(strings.Join(texts, "\n"), strings.TrimRight(part, ".")) {
				t.Errorf("%q: part %q not among the sources", want.Text, part)
			}
		}
		for f, v := range want.Variants {
			if !strings.Contains(strings.Join(q.Variants, "\n"), v) {
				t.Errorf("%q: the version of %s (%q) not in variants %q", want.Text, f, v, q.Variants)
			}
		}
	}
}

// TestSeedsQuotes checks the real seed articles structurally: every
// quotation has a speaker linked to a person of the story (a pronoun or a
// bare description is not a speaker), no statement is listed twice, and a
// statement carried by two outlets is one quote with both sources.
func TestSeedsQuotes(t *testing.T) {
	dir := "../../shared/corpus/seeds"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("seed corpus not present at %s: %v", dir, err)
	}
	rep := analyze(t, dir)
	shared := 0
	for _, s := range rep.Stories {
		ents := map[string]crosscheck.Entity{}
		for _, e := range s.Entities {
			ents[e.ID] = e
		}
		seen := map[string]string{}
		for _, q := range s.Quotes {
			if !q.Direct {
				continue
			}
			if q.SpeakerEntity == nil {
				t.Errorf("quotation %q: speaker %q is not linked to an entity", q.Text, q.Speaker)
			} else if e := ents[*q.SpeakerEntity]; e.Type != crosscheck.EntityPerson {
				t.Errorf("quotation %q: speaker %q is a %s, not a person", q.Text, q.Speaker, e.Type)
			}
			for _, p := range []string{"he", "she", "they", "it"} {
				if strings.EqualFold(q.Speaker, p) {
					t.Errorf("quotation %q: pronoun speaker left unresolved", q.Text)
				}
			}
			key := strings.ToLower(q.Text)
			if other, dup := seen[key]; dup {
				t.Errorf("quotation %q listed twice (%s and %s)", q.Text, other, q.ID)
			}
			seen[key] = q.ID
			articles := map[string]bool{}
			for _, src := range q.Sources {
				articles[src.Article] = true
			}
			if len(articles) >= 2 {
				shared++
			}
			for _, src := range q.Sources {
				// Evidence must be the article's own text.
				for _, a := range rep.Articles {
					if a.ID == src.Article && a.Slice(crosscheck.Span{Start: src.Start, End: src.End}) != src.Text {
						t.Errorf("quote %s: evidence text does not match the article at [%d,%d]", q.ID, src.Start, src.End)
					}
				}
			}
		}
	}
	// The seeds carry the same statement of one speaker in two outlets
	// (with different wording): it must come out as one quote.
	if shared == 0 {
		t.Error("no quotation merged across outlets; the seeds carry at least one statement in two articles")
	}
}

// storyQuotes runs the entity and quote stages on one article.
func storyQuotes(body string) []crosscheck.Quote {
	a := &crosscheck.Article{ID: "a1", Outlet: "Outlet", Language: "en", Text: text.Prepare(body)}
	text.Analyze(a)
	arts := []*crosscheck.Article{a}
	return quote.Story(arts, entity.Story(arts))
}

// TestWriterAndThingsAreNoSpeakers checks that the writer's own "I told
// the senator that …" is nobody's quote, that a media brand the speaker
// talks to ("an interview with Bloomberg Politics, he said") is not the
// speaker, and that a thing named before a "he" does not become him.
func TestWriterAndThingsAreNoSpeakers(t *testing.T) {
	qs := storyQuotes("Senator Ned Varga spoke to reporters on Monday.\n" +
		"I told Varga later that his \"endorsement\" of me was mentioned by a news site.\n" +
		"At a round-table interview Tuesday with Bloomberg Politics, he said he would campaign for the challenger.\n" +
		"One of the groups he will soon launch, Our Future, will train candidates. He plans to back 100 of them.\n" +
		"\"What is imperative is that we keep the movement alive,\" he told me.")
	for _, q := range qs {
		switch {
		case q.Speaker == "I" || strings.HasPrefix(q.Speaker, "I'"):
			t.Errorf("the writer quoted: %+v", q)
		case strings.Contains(q.Speaker, "Bloomberg") || strings.Contains(q.Speaker, "Future"):
			t.Errorf("%q speaks: %+v", q.Speaker, q)
		}
	}
	if len(qs) == 0 {
		t.Fatal("no quotes")
	}
}

// TestUnresolvedPronounNamesNoSpeaker checks that a pronoun with no one to
// stand for is no speaker in the story's quotes.
func TestUnresolvedPronounNamesNoSpeaker(t *testing.T) {
	qs := storyQuotes("The plan was announced on Monday.\n\"It will never work,\" they said.\nSome say the plan is a trick.\nCouncillor Ada Rimmer said the plan was sound.")
	named := false
	for _, q := range qs {
		if strings.EqualFold(q.Speaker, "they") || strings.EqualFold(q.Speaker, "some") {
			t.Errorf("%q speaks: %+v", q.Speaker, q)
		}
		if strings.Contains(q.Speaker, "Rimmer") {
			named = true
		}
	}
	if !named {
		t.Errorf("the named speaker lost: %+v", qs)
	}
}

// TestNameInsideASpeakerPhrase checks that a name inside a speaker phrase
// is the speaker only when it heads the phrase.
func TestNameInsideASpeakerPhrase(t *testing.T) {
	qs := storyQuotes("Senator Ivo Tal spoke in Tampa on Monday.\n" +
		"The couple became agitated once the cameras were off, according to a source at the Tampa station.\n" +
		"Many diehard Tal supporters said they would not vote.\n" +
		"Elaine Kamarck, a senior fellow at the Brookings Institution, said the race was close.")
	want := map[string]bool{"a source at the Tampa station": false, "Many diehard Tal supporters": false, "Elaine Kamarck": false}
	for _, q := range qs {
		if _, ok := want[q.Speaker]; ok {
			want[q.Speaker] = true
		}
		if q.Speaker == "Tampa" || q.Speaker == "Ivo Tal" || q.Speaker == "Brookings Institution" {
			t.Errorf("%q speaks: %+v", q.Speaker, q)
		}
	}
	for s, ok := range want {
		if !ok {
			t.Errorf("no quote by %q: %+v", s, qs)
		}
	}
}

// TestPlacesAsSpeakers checks that a capital speaks for its state and a
// city alone does not.
func TestPlacesAsSpeakers(t *testing.T) {
	qs := storyQuotes("Moscow said on Monday that the talks had failed.\n" +
		"Chicago said the storm had passed.")
	moscow := false
	for _, q := range qs {
		switch q.Speaker {
		case "Moscow", "Russia":
			moscow = q.SpeakerEntity != nil
		case "Chicago":
			t.Errorf("%q speaks: %+v", q.Speaker, q)
		}
	}
	if !moscow {
		t.Errorf("Moscow does not speak for its state: %+v", qs)
	}
}
