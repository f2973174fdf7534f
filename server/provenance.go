package server

import (
	"fmt"
	"math"
	"net/url"
	"strings"

	"github.com/crosscheck-news/crosscheck"
)

// graphNode is one article in the provenance drawing.
type graphNode struct {
	X, Y    float64
	TextX   float64 // where the two lines of text start
	LabelY  float64
	SubY    float64
	Label   string // the outlet
	Sub     string // the publication time, or the article ID
	Anchor  string // the article's anchor on the page
	Class   string // original, copy or independent
	Tooltip string
}

// graphEdge is one derivation: an arrow from the copy to what it copies.
type graphEdge struct {
	X1, Y1, X2, Y2 float64
	LX, LY         float64 // where the label goes
	Kind           string
	Label          string
}

// provenanceGraph is the provenance of a story laid out for an SVG: the
// originals in the first column, each copy one column right of what it
// copies.
type provenanceGraph struct {
	Width, Height float64
	NodeW, NodeH  float64
	Nodes         []graphNode
	Edges         []graphEdge
}

// Drawing constants, in SVG user units.
const (
	nodeW    = 168
	nodeH    = 40
	colGap   = 136
	rowGap   = 16
	gMargin  = 8
	maxLabel = 20
)

// layoutProvenance lays out the story's articles and derivations.
func layoutProvenance(s *crosscheck.Story, arts []*crosscheck.Article) provenanceGraph {
	of := map[string]crosscheck.Derivation{} // copy → its derivation
	isOriginal := map[string]bool{}
	for _, d := range s.Derivations {
		if _, seen := of[d.Copy]; !seen {
			of[d.Copy] = d
		}
		isOriginal[d.Of] = true
	}
	// depth: how many copies away from an original; a loop (which the
	// dedup stage should never produce) is cut at the article seen twice.
	depth := map[string]int{}
	var depthOf func(id string, seen map[string]bool) int
	depthOf = func(id string, seen map[string]bool) int {
		if d, ok := depth[id]; ok {
			return d
		}
		d, ok := of[id]
		if !ok || seen[id] {
			return 0
		}
		seen[id] = true
		return depthOf(d.Of, seen) + 1
	}
	columns := map[int][]*crosscheck.Article{}
	maxDepth := 0
	for _, a := range arts {
		d := depthOf(a.ID, map[string]bool{})
		depth[a.ID] = d
		columns[d] = append(columns[d], a)
		maxDepth = max(maxDepth, d)
	}
	g := provenanceGraph{NodeW: nodeW, NodeH: nodeH}
	pos := map[string][2]float64{}
	rows := 0
	for d := 0; d <= maxDepth; d++ {
		for i, a := range columns[d] {
			x := gMargin + float64(d)*(nodeW+colGap)
			y := gMargin + float64(i)*(nodeH+rowGap)
			pos[a.ID] = [2]float64{x, y}
			class := "independent"
			switch {
			case of[a.ID].Copy != "":
				class = "copy"
			case isOriginal[a.ID]:
				class = "original"
			}
			sub := "time unknown"
			if a.Published != nil {
				sub = a.Published.UTC().Format("2 Jan 15:04 MST")
			}
			g.Nodes = append(g.Nodes, graphNode{
				X: x, Y: y, TextX: x + 8, LabelY: y + 17, SubY: y + 33, Label: shorten(outletName(a), maxLabel), Sub: sub,
				Anchor: "art-" + a.ID, Class: class, Tooltip: outletName(a) + ": " + a.Title,
			})
		}
		rows = max(rows, len(columns[d]))
	}
	for _, d := range s.Derivations {
		from, ok1 := pos[d.Copy]
		to, ok2 := pos[d.Of]
		if !ok1 || !ok2 {
			continue
		}
		x1, y1 := from[0], from[1]+nodeH/2
		x2, y2 := to[0]+nodeW, to[1]+nodeH/2
		if from[0] <= to[0] { // same column (a cut loop): go round the right side
			x1 = from[0] + nodeW
		}
		label := string(d.Kind)
		if d.Share > 0 {
			label += fmt.Sprintf(" %d%%", int(math.Round(d.Share*100)))
		}
		g.Edges = append(g.Edges, graphEdge{X1: x1, Y1: y1, X2: x2, Y2: y2, LX: x2 + 0.6*(x1-x2), LY: y2 + 0.6*(y1-y2) - 5, Kind: string(d.Kind), Label: label})
	}
	g.Width = 2*gMargin + float64(maxDepth+1)*nodeW + float64(maxDepth)*colGap
	g.Height = 2*gMargin + float64(rows)*nodeH + float64(max(rows-1, 0))*rowGap
	return g
}

// outletName names an article's source for a reader: its outlet, else its
// site name, else the host of its URL, else its title, else its ID.
func outletName(a *crosscheck.Article) string {
	switch {
	case a.Outlet != "":
		return a.Outlet
	case a.SiteName != "":
		return a.SiteName
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	if a.Title != "" {
		return shorten(a.Title, 40)
	}
	return a.ID
}

// shorten cuts s to at most n characters, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
