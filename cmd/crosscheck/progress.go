package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// progressBar draws one self-overwriting line on a terminal. It stays silent
// when stderr is not a terminal (logs, CI, pipes) and for small inputs, where a
// bar would only flicker.
type progressBar struct {
	mu      sync.Mutex
	out     *os.File
	enabled bool
	start   time.Time
	last    time.Time
	drawn   bool
}

// minItemsForBar is how many items a run must reach before a bar appears.
const minItemsForBar = 50

func newProgressBar(out *os.File, quiet bool) *progressBar {
	return &progressBar{out: out, enabled: !quiet && term.IsTerminal(int(out.Fd())), start: time.Now()}
}

func (p *progressBar) update(stage string, done, total int) {
	if !p.enabled || done < minItemsForBar {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(done) / max(elapsed, 1e-9)
	line := fmt.Sprintf("%s %d", stage, done)
	if total > 0 {
		const width = 30
		filled := width * done / total
		eta := time.Duration(float64(total-done)/max(rate, 1e-9)) * time.Second
		line = fmt.Sprintf("%s [%s%s] %d/%d %.0f/s ETA %s", stage, strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total, rate, eta.Round(time.Second))
	} else {
		line += fmt.Sprintf(" articles, %.0f/s", rate)
	}
	fmt.Fprintf(p.out, "\r\033[K%s", line)
	p.drawn = true
}

func (p *progressBar) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.out, "\r\033[K")
		p.drawn = false
	}
}
