package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/store/sqlite"
	"github.com/crosscheck-news/crosscheck/store/storetest"
)

// crashEnv names the database a re-executed test binary writes to until it
// is killed; replayableEnv set to 1 makes it open the store Replayable.
const (
	crashEnv      = "CROSSCHECK_CRASH_CHILD_DB"
	replayableEnv = "CROSSCHECK_CRASH_CHILD_REPLAYABLE"
)

// TestCrashDurability kills a writing process with SIGKILL in mid-stream
// and checks that every article it acknowledged is in the database, with
// an fsync per commit and without (Replayable: a killed process leaves its
// writes in the OS, which writes them out).
func TestCrashDurability(t *testing.T) {
	if path := os.Getenv(crashEnv); path != "" {
		crashChild(path, os.Getenv(replayableEnv) == "1")
		return
	}
	if testing.Short() {
		t.Skip("starts a subprocess")
	}
	for _, replayable := range []bool{false, true} {
		t.Run(fmt.Sprintf("replayable=%v", replayable), func(t *testing.T) {
			checkCrash(t, replayable)
		})
	}
}

func checkCrash(t *testing.T, replayable bool) {
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashDurability$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path, fmt.Sprintf("%s=%d", replayableEnv, oneIf(replayable)))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked, stories []string
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		kind, id, _ := strings.Cut(sc.Text(), " ")
		switch kind {
		case "article":
			acked = append(acked, id)
		case "story":
			stories = append(stories, id)
		default:
			continue // the test framework's own output
		}
		// Kill once the child is well into writing; lines it printed
		// before dying are still read below, and they count too.
		if !killed && len(acked) >= 300 {
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
	t.Logf("killed the writer after %d acknowledged articles and %d stories", len(acked), len(stories))

	st, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("reopening after the crash: %v", err)
	}
	defer st.Close()
	got, err := st.Articles(t.Context(), acked)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, a := range got {
		have[a.ID] = true
	}
	for _, id := range acked {
		if !have[id] {
			t.Errorf("acknowledged article %s is lost", id)
		}
	}
	for _, id := range stories {
		if _, err := st.Story(t.Context(), id); err != nil {
			t.Errorf("acknowledged story %s: %v", id, err)
		}
	}
	// The store still takes writes, and the file is sound.
	a := storetest.Article("after", "Outlet", "en", nil, "After", "Written after the crash.")
	if added, err := st.AddArticle(t.Context(), a); err != nil || !added {
		t.Errorf("AddArticle after the crash = %v, %v", added, err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v", check, err)
	}
}

// crashChild writes articles from four goroutines, and a story for every
// tenth, printing each as soon as the store acknowledges it, until killed.
func crashChild(path string, replayable bool) {
	st, err := sqlite.OpenWith(path, sqlite.Options{Replayable: replayable})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	var mu sync.Mutex // one line at a time on stdout
	var wg sync.WaitGroup
	deadline := time.Now().Add(2 * time.Minute) // never outlive a forgetful parent
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				name := fmt.Sprintf("crash-%d-%d", w, i)
				a := storetest.Article(name, fmt.Sprintf("Outlet %d", w), "en", nil, "Crash "+name,
					strings.Repeat("A sentence of the article "+name+" that fills its body. ", 40))
				if _, err := st.AddArticle(t0(), a); err != nil {
					fmt.Fprintln(os.Stderr, "child:", err)
					os.Exit(2)
				}
				mu.Lock()
				fmt.Fprintf(os.Stdout, "article %s\n", a.ID)
				mu.Unlock()
				if i%10 == 0 {
					s := &crosscheck.Story{ID: "s" + a.ID, Title: a.Title, Articles: []string{a.ID}, Outlets: []string{a.Outlet}}
					if err := st.PutStory(t0(), s); err != nil {
						fmt.Fprintln(os.Stderr, "child:", err)
						os.Exit(2)
					}
					mu.Lock()
					fmt.Fprintf(os.Stdout, "story %s\n", s.ID)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	os.Exit(0)
}

func t0() context.Context { return context.Background() }

func oneIf(b bool) int {
	if b {
		return 1
	}
	return 0
}
