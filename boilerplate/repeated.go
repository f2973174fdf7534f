package boilerplate

import (
	"fmt"
	"strings"

	"github.com/crosscheck-news/crosscheck"
)

// DefaultMinPages is how many pages of one outlet must carry a line before
// RemoveRepeated calls it site boilerplate.
const DefaultMinPages = 3

// maxRepeatedWords bounds the lines RemoveRepeated may take: site chrome is
// short (a tagline, a pitch, a footer), while a long paragraph repeated on
// several pages of one outlet is more likely a wire story's shared sentence
// or a standing explainer paragraph of a running story — content.
const maxRepeatedWords = 30

// RemoveRepeated removes, across a batch, the lines that at least minPages
// (DefaultMinPages when minPages <= 0) different articles of the same outlet
// carry: a site's taglines, pitches and footers that the per-article rules
// did not catch. Articles without an outlet are left alone, and so are lines
// the outlet repeats only on pages that are otherwise the same (copies of
// one article say nothing about the site), as are long sentences (see
// maxRepeatedWords). Removed lines go to a.Boilerplate with reason "repeated
// on N pages of OUTLET". Only Text and Boilerplate change: it runs before the
// text layer is computed.
func RemoveRepeated(articles []*crosscheck.Article, minPages int) {
	if minPages <= 0 {
		minPages = DefaultMinPages
	}
	byOutlet := map[string][]*crosscheck.Article{}
	var outlets []string
	for _, a := range articles {
		if a == nil || strings.TrimSpace(a.Outlet) == "" {
			continue
		}
		if _, ok := byOutlet[a.Outlet]; !ok {
			outlets = append(outlets, a.Outlet)
		}
		byOutlet[a.Outlet] = append(byOutlet[a.Outlet], a)
	}
	for _, outlet := range outlets {
		removeRepeatedInOutlet(byOutlet[outlet], outlet, minPages)
	}
}

func removeRepeatedInOutlet(arts []*crosscheck.Article, outlet string, minPages int) {
	if len(arts) < minPages {
		return
	}
	// Pages with the same text are one page for counting: a feed listing an
	// article twice must not turn its lines into boilerplate.
	pageOf := map[string]int{}
	distinct := make([]int, len(arts))
	for i, a := range arts {
		key := strings.TrimSpace(a.Text)
		if p, ok := pageOf[key]; ok {
			distinct[i] = p
			continue
		}
		pageOf[key] = len(pageOf)
		distinct[i] = pageOf[key]
	}
	if len(pageOf) < minPages {
		return
	}
	pages := map[string]map[int]bool{}
	for i, a := range arts {
		for _, l := range strings.Split(a.Text, "\n") {
			key := repeatKey(l)
			if key == "" {
				continue
			}
			if pages[key] == nil {
				pages[key] = map[int]bool{}
			}
			pages[key][distinct[i]] = true
		}
	}
	// The prose lines of each distinct page, for telling copies of one story
	// from different pages: copies share prose, different pages of one site
	// share only chrome.
	sets := make([]map[string]bool, len(pageOf))
	for i, a := range arts {
		if sets[distinct[i]] != nil {
			continue
		}
		set := map[string]bool{}
		for _, l := range strings.Split(a.Text, "\n") {
			if m := measure(l); m.sentence && m.words >= 12 {
				set[repeatKey(l)] = true
			}
		}
		sets[distinct[i]] = set
	}
	verdict := map[string]int{} // key -> number of different pages carrying it (0: not boilerplate)
	for _, a := range arts {
		lines := strings.Split(a.Text, "\n")
		kept := lines[:0:0]
		changed := false
		for _, l := range lines {
			key := repeatKey(l)
			if key == "" || len(pages[key]) < minPages {
				kept = append(kept, l)
				continue
			}
			n, ok := verdict[key]
			if !ok {
				if repeatable(l) {
					n = differentPages(pages[key], sets)
				}
				if n < minPages {
					n = 0
				}
				verdict[key] = n
			}
			if n == 0 {
				kept = append(kept, l)
				continue
			}
			a.Boilerplate = append(a.Boilerplate, crosscheck.Removed{
				Text:   l,
				Reason: fmt.Sprintf("repeated on %d pages of %s", n, outlet),
			})
			changed = true
		}
		if changed {
			a.Text = strings.Join(kept, "\n")
		}
	}
}

// repeatKey is the form under which a line is counted: exact text modulo
// surrounding space, so only true repeats count.
func repeatKey(l string) string {
	return strings.TrimSpace(l)
}

// repeatable reports whether a repeated line may be site boilerplate: short,
// or not a sentence. A repeated full paragraph of prose is left alone.
func repeatable(l string) bool {
	m := measure(l)
	return m.words <= maxRepeatedWords && !(m.sentence && m.words >= 20)
}

// differentPages counts the pages carrying a line that are different
// articles, not near copies of one another: a line shared by copies of one
// story is content of that story, not of the site. Pages are grouped as
// copies when more than half of either one's prose lines occur on the other;
// the count is the number of groups.
func differentPages(onPages map[int]bool, sets []map[string]bool) int {
	var reps []map[string]bool
	for p := range sets {
		if !onPages[p] {
			continue
		}
		copyOfOne := false
		for _, r := range reps {
			if overlapShare(sets[p], r) > 0.5 || overlapShare(r, sets[p]) > 0.5 {
				copyOfOne = true
				break
			}
		}
		if !copyOfOne {
			reps = append(reps, sets[p])
		}
	}
	return len(reps)
}

// overlapShare is the share of a's lines that b also has.
func overlapShare(a, b map[string]bool) float64 {
	if len(a) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}
