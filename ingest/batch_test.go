package ingest

import (
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// TestBatches: full batches as soon as they are full, the rest when the
// input ends, and a partial batch after the linger when the input stalls.
func TestBatches(t *testing.T) {
	jobs := make(chan crosscheck.Document)
	go func() {
		for i := range 7 {
			jobs <- crosscheck.Document{Source: string(rune('a' + i))}
		}
		time.Sleep(200 * time.Millisecond) // longer than the linger
		jobs <- crosscheck.Document{Source: "h"}
		close(jobs)
	}()
	var sizes []int
	var order string
	for b := range batches(jobs, 3, 20*time.Millisecond) {
		sizes = append(sizes, len(b))
		for _, d := range b {
			order += d.Source
		}
	}
	if order != "abcdefgh" {
		t.Errorf("documents in order %q, want abcdefgh", order)
	}
	// Timing decides where the first seven split; the stall of 200ms
	// (ten lingers) must split g from h whatever the load.
	for _, n := range sizes {
		if n > 3 {
			t.Errorf("batch sizes %v: more than 3 in a batch", sizes)
		}
	}
	if last := sizes[len(sizes)-1]; last != 1 {
		t.Errorf("batch sizes %v: the document after the stall should come alone", sizes)
	}
}
