package ingest_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck/ingest"
)

// crashEnv names the database a re-executed test binary ingests into until
// it is killed.
const crashEnv = "CROSSCHECK_INGEST_CRASH_CHILD_DB"

// TestCrashRecovery kills an ingesting process with SIGKILL while story
// analyses are pending in the background, then checks that every article
// it acknowledged is stored and, once a new Service has started and
// flushed, in a story that lists it and was analysed with it.
func TestCrashRecovery(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(t, path)
		return
	}
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashRecovery$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []string
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		kind, id, _ := strings.Cut(sc.Text(), " ")
		if kind != "article" {
			continue // the test framework's own output
		}
		acked = append(acked, id)
		if !killed && len(acked) >= 60 {
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("the child stopped by itself after %d articles: %v", len(acked), err)
	}

	ctx := context.Background()
	st := openStore(t, path)
	defer st.Close()
	got, err := st.Articles(ctx, acked)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(acked) {
		t.Fatalf("%d of %d acknowledged articles are stored", len(got), len(acked))
	}
	unplaced := 0
	for _, id := range acked {
		if _, err := st.StoryOf(ctx, id); err != nil {
			unplaced++
		}
	}
	t.Logf("killed the ingester after %d acknowledged articles, %d of them not yet in a stored story", len(acked), unplaced)
	if unplaced == 0 {
		t.Fatal("every acknowledged article was already in a stored story: the kill came too late to test the recovery")
	}

	svc, err := ingest.New(st, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Close(); err != nil {
		t.Fatal(err)
	}
	if got := svc.Stats().Orphans; got < uint64(unplaced) {
		t.Errorf("New placed %d orphans, want at least the %d acknowledged ones", got, unplaced)
	}
	for _, id := range acked {
		sid, err := st.StoryOf(ctx, id)
		if err != nil {
			t.Errorf("acknowledged article %s has no story after the restart: %v", id, err)
			continue
		}
		s, err := st.Story(ctx, sid)
		if err != nil {
			t.Fatal(err)
		}
		arts, err := st.Articles(ctx, s.Articles)
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) != len(s.Articles) || len(s.Entities) == 0 {
			t.Errorf("story %s of %s: %d of %d articles stored, %d entities", sid, id, len(arts), len(s.Articles), len(s.Entities))
		}
	}
}

// crashChild ingests generated events from two goroutines with a long
// analysis delay, so that stories are pending when it is killed, printing
// each article as soon as Ingest acknowledges it.
func crashChild(t *testing.T, path string) {
	docs := exampleDocs(t)
	st := openStore(t, path)
	svc, err := ingest.New(st, ingest.Options{AnalysisDelay: 2 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	lines := make(chan string, 64)
	deadline := time.Now().Add(2 * time.Minute) // never outlive a forgetful parent
	for w := range 2 {
		go func() {
			for i := w; time.Now().Before(deadline); i += 2 {
				res, err := svc.Ingest(context.Background(), variant(docs[i%len(docs)], i/len(docs)))
				if err != nil {
					fmt.Fprintln(os.Stderr, "child:", err)
					os.Exit(2)
				}
				lines <- "article " + res.Article
			}
		}()
	}
	for l := range lines {
		fmt.Fprintln(os.Stdout, l)
	}
}
