package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// A store written before migration 0005 (quotes in a table of their own)
// opens with every quote on its entity's profile, in the same order.
func TestMigrationMovesQuotes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("PRAGMA journal_mode=WAL")
	exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied INTEGER NOT NULL)")
	for v, f := range []string{"0001_init.sql", "0002_watchlists.sql", "0003_feeds.sql", "0004_story_rev.sql"} {
		body, err := migrations.ReadFile("migrations/" + f)
		if err != nil {
			t.Fatal(err)
		}
		exec(string(body))
		exec("INSERT INTO schema_migrations (version, applied) VALUES (?, 0)", v+1)
	}
	for _, s := range []struct{ id, doc string }{{"s1", `{"id":"s1","title":"Bridge"}`}, {"s2", `{"id":"s2","title":"Ferry"}`}} {
		exec(`INSERT INTO stories (id, title, n_articles, n_outlets, conflicts, first_seen, last_seen, created, sort_at, start_at, outlets, languages, doc)
			VALUES (?, ?, 1, 1, 0, NULL, NULL, 0, ?, 0, '[]', '[]', ?)`, s.id, s.id, map[string]int{"s1": 1, "s2": 2}[s.id], []byte(s.doc))
	}
	exec(`INSERT INTO story_entities (entity, story, name, type, variants, mentions) VALUES
		('emara', 's1', 'Mara Quell', 'person', '[]', 2), ('emara', 's2', 'Mara Quell', 'person', '[]', 1), ('eport', 's1', 'Port Lenning', 'place', '[]', 1)`)
	quote := func(id string) []byte {
		return []byte(`{"id":"` + id + `","speaker":"Mara Quell","speaker_entity":"emara","text":"words of ` + id + `","direct":true,"sources":[],"variants":[]}`)
	}
	// Inserted out of order: the profile lists a story's quotes by position.
	exec(`INSERT INTO story_quotes (entity, story, pos, doc) VALUES ('emara', 's1', 4, ?), ('emara', 's1', 1, ?), ('emara', 's2', 0, ?)`,
		quote("q1b"), quote("q1a"), quote("q2"))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.Entity(context.Background(), "emara")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range p.Quotes {
		got = append(got, q.ID+"="+q.Text)
	}
	if want := "q2=words of q2 q1a=words of q1a q1b=words of q1b"; strings.Join(got, " ") != want {
		t.Errorf("quotes after migration: %q, want %q (newest story first, then by position)", strings.Join(got, " "), want)
	}
	port, err := st.Entity(context.Background(), "eport")
	if err != nil {
		t.Fatal(err)
	}
	if len(port.Quotes) != 0 || port.Quotes == nil {
		t.Errorf("an entity without quotes: %#v, want an empty list", port.Quotes)
	}
	var n int
	if err := st.reader.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'story_quotes'").Scan(&n); err != nil || n != 0 {
		t.Errorf("story_quotes still there (%d, %v)", n, err)
	}
}
