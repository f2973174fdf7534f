package entity_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/pipeline"
)

// examplesKey is the part of testdata/examples-expected.json this test reads.
type examplesKey struct {
	SameEntity []struct {
		Type      string   `json:"type"`
		Canonical string   `json:"canonical"`
		Variants  []string `json:"variants"`
	} `json:"same_entity"`
	DifferentEntities [][]string `json:"different_entities"`
	Stories           []struct {
		Files []string `json:"files"`
	} `json:"stories"`
}

// entityNamed finds the entity of the stories that has name as a variant.
func entityNamed(stories []*crosscheck.Story, name string) *crosscheck.Entity {
	for _, s := range stories {
		for i := range s.Entities {
			for _, v := range s.Entities[i].Variants {
				if v == name {
					return &s.Entities[i]
				}
			}
		}
	}
	return nil
}

// TestExamplesAnswerKey runs the pipeline on the example corpus and checks
// the answer key's entities: every listed spelling of one entity is one
// entity of that type, the listed pairs of different people are apart, and
// no entity shows what a reader would take for noise.
func TestExamplesAnswerKey(t *testing.T) {
	b, err := os.ReadFile("../testdata/examples-expected.json")
	if err != nil {
		t.Skipf("answer key not present: %v", err)
	}
	var key examplesKey
	if err := json.Unmarshal(b, &key); err != nil {
		t.Fatalf("testdata/examples-expected.json: %v", err)
	}
	if len(key.SameEntity) == 0 || len(key.DifferentEntities) == 0 {
		t.Fatal("answer key has no same_entity or different_entities")
	}
	rep, err := pipeline.Analyze(context.Background(), []string{"../examples"}, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The entity stage is judged on the answer key's stories, so that a
	// change in story clustering does not move it; the pipeline's own
	// stories are checked below for what must hold whatever the grouping.
	byFile := map[string]*crosscheck.Article{}
	for _, a := range rep.Articles {
		byFile[strings.TrimPrefix(a.Source, "../examples/")] = a
	}
	var keyStories []*crosscheck.Story
	for _, ks := range key.Stories {
		var members []*crosscheck.Article
		for _, f := range ks.Files {
			a := byFile[f]
			if a == nil {
				t.Fatalf("answer key file %s not among the articles read", f)
			}
			members = append(members, a)
		}
		keyStories = append(keyStories, &crosscheck.Story{Entities: entity.Story(members)})
	}
	checkEntities(t, key, keyStories)
	checkEntities(t, examplesKey{DifferentEntities: key.DifferentEntities}, rep.Stories)
}

func checkEntities(t *testing.T, key examplesKey, stories []*crosscheck.Story) {
	t.Helper()
	rep := struct{ Stories []*crosscheck.Story }{stories}
	for _, want := range key.SameEntity {
		var first *crosscheck.Entity
		for _, v := range want.Variants {
			e := entityNamed(rep.Stories, v)
			if e == nil {
				// Not every spelling need be written by a source (the
				// key lists the ones a reader could meet); the ones found
				// must agree.
				continue
			}
			if first == nil {
				first = e
				if string(e.Type) != want.Type {
					t.Errorf("%s: type %s, want %s", want.Canonical, e.Type, want.Type)
				}
				continue
			}
			if e.ID != first.ID {
				t.Errorf("%s: %q is entity %s (%s), %q is entity %s (%s)", want.Canonical, first.Name, first.ID, strings.Join(first.Variants, ", "), v, e.ID, strings.Join(e.Variants, ", "))
			}
		}
		if first == nil {
			t.Errorf("%s: none of %q found", want.Canonical, want.Variants)
		}
	}
	for _, pair := range key.DifferentEntities {
		a, b := entityNamed(rep.Stories, pair[0]), entityNamed(rep.Stories, pair[1])
		if a == nil || b == nil {
			t.Errorf("%q or %q not found", pair[0], pair[1])
			continue
		}
		if a.ID == b.ID {
			t.Errorf("%q and %q merged into one entity %s", pair[0], pair[1], a.ID)
		}
	}
	// What the reader sees: names without titles or leading adjectives,
	// no generic words, vessels not people, roles kept per source.
	for _, s := range rep.Stories {
		for _, e := range s.Entities {
			first := strings.Fields(e.Name)[0]
			switch strings.ToLower(strings.Trim(first, ".")) {
			case "furious", "emergency", "deputy", "prosecutors", "police", "at", "rescue", "herald", "follow", "thirty-one", "captain", "governor", "minister":
				t.Errorf("entity name %q (%s) starts with a title or a common word", e.Name, e.Type)
			}
			if e.Type == crosscheck.EntityPerson {
				for _, v := range e.Variants {
					if strings.HasPrefix(v, "MV ") {
						t.Errorf("vessel %q typed person", v)
					}
				}
				for _, r := range e.Roles {
					if r.Role == "St" || strings.Contains(r.Role, "year-old") || strings.Contains(r.Role, " from ") {
						t.Errorf("%s: role %q", e.Name, r.Role)
					}
				}
			}
		}
	}
	if len(key.SameEntity) == 0 {
		return
	}
	marek := entityNamed(rep.Stories, "Danilo Marek")
	if marek == nil || marek.Name != "Danilo Marek" || marek.Type != crosscheck.EntityPerson {
		t.Fatalf("Danilo Marek: %+v", marek)
	}
	roles := map[string]int{}
	for _, r := range marek.Roles {
		roles[r.Role] = len(r.Articles)
		for _, ev := range r.Evidence {
			if !strings.Contains(ev.Text, r.Role) {
				t.Errorf("role %q evidence %q does not hold it", r.Role, ev.Text)
			}
		}
	}
	if roles["Emergency Situations Minister"] < 2 || roles["Deputy Emergency Situations Minister"] != 1 {
		t.Errorf("Danilo Marek's roles per source: %v", roles)
	}
	// Every "Marek" mention belongs to Danilo or Ilona Marek: no third entity.
	for _, s := range rep.Stories {
		for _, e := range s.Entities {
			if e.Name == "Marek" {
				t.Errorf("lone %q entity %s with %d mentions: not linked to the full name before it", e.Name, e.ID, len(e.Mentions))
			}
		}
	}
	if c := entityNamed(rep.Stories, "Oleksiy Hrytsenko"); c == nil || len(c.Roles) == 0 || len(c.Roles[0].Articles) < 2 {
		t.Errorf("the captain's role should come from several sources: %+v", c)
	}
	if e := entityNamed(rep.Stories, "Serra Excursiones"); e == nil || e.Type != crosscheck.EntityOrganization {
		t.Errorf("Serra Excursiones: %+v, want an organisation", e)
	}
	if e := entityNamed(rep.Stories, "Sokol"); e == nil || e.Type == crosscheck.EntityPerson {
		t.Errorf("Sokol: %+v, want a vessel (other)", e)
	}
}
