package server

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/crosscheck-news/crosscheck"
)

// chromiumPath finds a Chromium to drive: $CHROME, or the usual names on
// PATH (Debian's package installs /usr/bin/chromium).
func chromiumPath() string {
	if p := os.Getenv("CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowserStoryPage ingests the examples corpus through the API, opens
// the biggest story in headless Chromium and checks what a reader sees:
// the provenance graph and the contested part of the story card, on a
// desktop and on a phone-sized screen. It saves screenshots to
// $CROSSCHECK_ARTIFACTS, or to the test's temporary directory.
func TestBrowserStoryPage(t *testing.T) {
	bin := chromiumPath()
	if bin == "" {
		t.Skip("no Chromium found (set $CHROME, or apt-get install chromium): the browser test needs a real browser")
	}
	if testing.Short() {
		t.Skip("-short: the browser test starts Chromium")
	}
	ts := newTestServer(t, Options{})
	ts.ingestExamples(t)

	// The story with the most sources, as the API reports it.
	code, body := ts.get(t, "/api/stories?order=sources&limit=1")
	if code != http.StatusOK {
		t.Fatalf("listing stories: %d %s", code, truncate(body))
	}
	top := decode[storiesAnswer](t, body).Stories
	if len(top) == 0 {
		t.Fatal("no stories after ingesting the examples")
	}
	_, body = ts.get(t, "/api/stories/"+top[0].ID)
	rep := decode[crosscheck.Report](t, body)
	story := rep.Stories[0]
	conflicts := 0
	for _, f := range story.Findings {
		if f.Kind == crosscheck.FindingConflict {
			conflicts++
		}
	}
	inStory := map[string]bool{}
	for _, id := range story.Articles {
		inStory[id] = true
	}
	edges := 0
	for _, d := range story.Derivations {
		if inStory[d.Copy] && inStory[d.Of] {
			edges++
		}
	}

	artifacts := os.Getenv("CROSSCHECK_ARTIFACTS")
	if artifacts == "" {
		artifacts = t.TempDir()
	} else if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 1000),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithLogf(t.Logf))
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	pageURL := ts.http.URL + "/stories/" + story.ID
	if err := chromedp.Do(ctx,
		chromedp.Navigate(pageURL),
		chromedp.WaitVisible(chromedp.CSS("#provenance svg")),
		chromedp.ScrollIntoView(chromedp.CSS("#provenance")),
		chromedp.WaitVisible(chromedp.CSS("#conflict")),
	); err != nil {
		t.Fatalf("opening %s in Chromium: %v", pageURL, err)
	}
	provenanceText := run(t, ctx, chromedp.Text(chromedp.CSS("#provenance")))
	provenanceVisible := run(t, ctx, chromedp.Evaluate[bool](`(() => { const r = document.querySelector("#provenance svg").getBoundingClientRect(); return r.width > 50 && r.height > 20; })()`))
	nodes := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#provenance svg g.node").length`))
	edgesDrawn := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#provenance svg g.edge").length`))
	contestedHeader := run(t, ctx, chromedp.Text(chromedp.CSS("#conflict h3")))
	desktopShot := run(t, ctx, chromedp.FullScreenshot(100))
	shot := filepath.Join(artifacts, "story-desktop.png")
	if err := os.WriteFile(shot, desktopShot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", shot)
	provenanceShot := run(t, ctx, chromedp.Screenshot(chromedp.CSS("#provenance")))
	if err := os.WriteFile(filepath.Join(artifacts, "story-provenance.png"), provenanceShot, 0o644); err != nil {
		t.Fatal(err)
	}

	// The provenance is always drawn: one box per article, one arrow per
	// derivation, and the outlets named.
	if !provenanceVisible {
		t.Error("the provenance graph has no visible size")
	}
	if nodes != len(rep.Articles) {
		t.Errorf("the provenance graph draws %d articles, want %d", nodes, len(rep.Articles))
	}
	if edgesDrawn != edges {
		t.Errorf("the provenance graph draws %d arrows, want the story's %d derivations", edgesDrawn, edges)
	}
	for _, a := range rep.Articles {
		if name := shorten(outletName(a), maxLabel); !strings.Contains(provenanceText, name) {
			t.Errorf("the provenance section does not show %q", name)
		}
	}

	// The contested part of the card is always there. The findings stage
	// is still being built, so conflict rows are checked only when the
	// story has conflicts; without them the card must say there are none.
	if !strings.HasPrefix(contestedHeader, "Contested") {
		t.Errorf("contested header %q", contestedHeader)
	}
	if conflicts == 0 {
		if !strings.Contains(contestedHeader, "(0)") {
			t.Errorf("contested header %q, want (0): the story has no conflicts", contestedHeader)
		}
	} else {
		rows := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#conflict li.finding").length`))
		firstAbout := run(t, ctx, chromedp.Text(chromedp.CSS("#conflict li.finding .about")))
		marked := run(t, ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll("#sources mark.m-conflict")).filter(m => m.getBoundingClientRect().height > 0).length`))
		// The one script: a finding's button marks its evidence.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#conflict button.show-evidence"))); err != nil {
			t.Fatalf("clicking show-evidence: %v", err)
		}
		focused := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("mark.focus").length`))
		for name, sel := range map[string]string{"story-contested.png": "#conflict", "story-first-source.png": "#sources article.source"} {
			png := run(t, ctx, chromedp.Screenshot(chromedp.CSS(sel)))
			if err := os.WriteFile(filepath.Join(artifacts, name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if rows != conflicts {
			t.Errorf("%d contested rows shown, want %d", rows, conflicts)
		}
		if firstAbout == "" {
			t.Error("the first contested finding says nothing about what is contested")
		}
		if marked == 0 {
			t.Error("no contested evidence is highlighted in the sources")
		}
		if focused == 0 {
			t.Error("the show-evidence button marked nothing")
		}
	}

	// On a phone-sized screen nothing runs off the side.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(pageURL),
		chromedp.WaitVisible(chromedp.CSS("#provenance svg")),
	); err != nil {
		t.Fatalf("phone view: %v", err)
	}
	overflow := run(t, ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	phoneShot := run(t, ctx, chromedp.CaptureScreenshot())
	if overflow {
		t.Error("on a 390 px wide screen the story page is wider than the screen")
	}
	if err := os.WriteFile(filepath.Join(artifacts, "story-phone.png"), phoneShot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs one browser action and fails the test if it fails.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("in Chromium: %v", err)
	}
	return v
}
