package cluster

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// batchNeighbours is how many nearest articles each article is compared
// with in Batch: the candidate groups of an article are the groups of its
// neighbours.
const batchNeighbours = 30

// batchRounds bounds Batch's refinement rounds.
const batchRounds = 10

// group is a cluster under construction in Batch.
type group struct {
	sum         map[uint64]float64 // sum of member vectors
	n2          float64            // |sum|²
	members     int
	first, last time.Time // known publication times, as of the round's start
}

func (g *group) dot(v vec) float64 {
	var s float64
	for _, f := range v {
		s += float64(f.w) * g.sum[f.h]
	}
	return s
}

func (g *group) add(v vec, sign float64) {
	d := g.dot(v)
	for _, f := range v {
		x := g.sum[f.h] + sign*float64(f.w)
		if sign < 0 && math.Abs(x) < 1e-9 {
			delete(g.sum, f.h)
		} else {
			g.sum[f.h] = x
		}
	}
	// |s ± v|² = |s|² ± 2 s·v + |v|², |v| = 1
	g.n2 += sign*2*d + 1
	g.members += int(sign)
	if g.members == 0 {
		clear(g.sum)
		g.n2 = 0
	}
}

func (g *group) norm() float64 { return math.Sqrt(math.Max(g.n2, 0)) }

// Batch clusters a whole set of articles for the best grouping: document
// frequencies over the whole set, a first pass in time order like Online,
// then rounds that move each article to the group it fits best (or out on
// its own) and merge pairs of groups whose smaller one's articles would on
// average join the larger (the same Threshold on the same scale as Online),
// until nothing changes. Articles must have been through text.Analyze.
func Batch(arts []*crosscheck.Article, opt Options) []*crosscheck.Story {
	opt = opt.withDefaults()
	n := len(arts)
	if n == 0 {
		return nil
	}
	var df dfTable
	raws := make([][]rawTerm, n)
	c := newCounts()
	for i, a := range arts {
		c.reset()
		collect(c, a, opt.TitleWeight)
		raws[i] = c.terms(nil)
		df.add(raws[i])
	}
	vs := make([]vec, n)
	at := make([]time.Time, n)
	allDated := true
	for i, a := range arts {
		vs[i] = weigh(raws[i], &df, &opt)
		if a.Published != nil && !a.Published.IsZero() {
			at[i] = *a.Published
		} else {
			allDated = false
		}
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if allDated {
		slices.SortStableFunc(order, func(a, b int) int { return at[a].Compare(at[b]) })
	}
	nb := neighbours(vs, &df, batchNeighbours)

	assign := make([]int, n)
	for i := range assign {
		assign[i] = -1
	}
	var groups []*group
	newGroup := func() int {
		groups = append(groups, &group{sum: map[uint64]float64{}})
		return len(groups) - 1
	}
	score := func(i, g int) float64 {
		gr := groups[g]
		nm := gr.norm()
		if gr.members == 0 || nm == 0 {
			return 0
		}
		return gr.dot(vs[i]) / nm * timeFactor(at[i], at[i], gr.first, gr.last, &opt)
	}
	best := func(i int, own int) (int, float64) {
		bg, bs := -1, 0.0
		try := func(g int) {
			if g < 0 {
				return
			}
			if s := score(i, g); s > bs || (s == bs && bg >= 0 && g < bg) {
				bg, bs = g, s
			}
		}
		try(own)
		for _, j := range nb[i] {
			try(assign[j])
		}
		return bg, bs
	}
	join := func(i, g int) {
		assign[i] = g
		groups[g].add(vs[i], 1)
		if !at[i].IsZero() {
			gr := groups[g]
			if gr.first.IsZero() || at[i].Before(gr.first) {
				gr.first = at[i]
			}
			if at[i].After(gr.last) {
				gr.last = at[i]
			}
		}
	}

	// First pass, as the online clusterer would do it.
	for _, i := range order {
		g, s := best(i, -1)
		if g < 0 || s < opt.Threshold {
			g = newGroup()
		}
		join(i, g)
	}

	for round := 0; round < batchRounds; round++ {
		changed := 0
		recompute(groups, assign, vs, at)
		// Move each article to the group it fits best.
		for _, i := range order {
			own := assign[i]
			groups[own].add(vs[i], -1)
			g, s := best(i, own)
			switch {
			case g >= 0 && s >= opt.Threshold:
			case groups[own].members == 0:
				g = own
			default:
				g = newGroup()
			}
			if g != own {
				changed++
			}
			join(i, g)
		}
		recompute(groups, assign, vs, at)
		changed += mergeGroups(groups, assign, nb, &opt)
		if changed == 0 {
			break
		}
	}

	// Collect the groups into stories.
	members := map[int][]int{}
	for _, i := range order {
		members[assign[i]] = append(members[assign[i]], i)
	}
	var out []*crosscheck.Story
	for g, ms := range members {
		refs := make([]artRef, len(ms))
		for k, i := range ms {
			a := arts[i]
			refs[k] = artRef{id: a.ID, title: a.Title, outlet: a.Outlet, lang: a.Language, t: at[i], seq: i, dated: !at[i].IsZero()}
		}
		cent := make(vec, 0, len(groups[g].sum))
		for h, w := range groups[g].sum {
			cent = append(cent, feature{h, float32(w)})
		}
		slices.SortFunc(cent, func(a, b feature) int { return cmp.Compare(a.h, b.h) })
		out = append(out, finalize("s"+arts[ms[0]].ID, refs, cent, &df, &opt))
	}
	sortStories(out)
	return out
}

// recompute sets every group's sum, norm and time interval afresh from the
// assignment (removing the drift of incremental updates).
func recompute(groups []*group, assign []int, vs []vec, at []time.Time) {
	for _, g := range groups {
		clear(g.sum)
		g.n2, g.members = 0, 0
		g.first, g.last = time.Time{}, time.Time{}
	}
	for i, g := range assign {
		gr := groups[g]
		for _, f := range vs[i] {
			gr.sum[f.h] += float64(f.w)
		}
		gr.members++
		if t := at[i]; !t.IsZero() {
			if gr.first.IsZero() || t.Before(gr.first) {
				gr.first = t
			}
			if t.After(gr.last) {
				gr.last = t
			}
		}
	}
	for _, g := range groups {
		var s float64
		for _, x := range g.sum {
			s += x * x
		}
		g.n2 = s
	}
}

// mergeGroups merges pairs of groups linked by a neighbour edge when the
// smaller group's articles would on average join the larger one:
// sum_a·sum_b / (|a| · |sum_b|) ≥ Threshold (times the time factor). Each
// group takes part in at most one merge per call; it returns the number of
// merges.
func mergeGroups(groups []*group, assign []int, nb [][]int, opt *Options) int {
	type pair struct {
		a, b int
		s    float64
	}
	seen := map[[2]int]bool{}
	var pairs []pair
	for i, ns := range nb {
		for _, j := range ns {
			a, b := assign[i], assign[j]
			if a == b {
				continue
			}
			if a > b {
				a, b = b, a
			}
			if seen[[2]int{a, b}] {
				continue
			}
			seen[[2]int{a, b}] = true
			ga, gb := groups[a], groups[b]
			small, big := ga, gb
			if ga.members > gb.members {
				small, big = gb, ga
			}
			bn := big.norm()
			if small.members == 0 || bn == 0 {
				continue
			}
			var d float64
			for h, x := range small.sum {
				d += x * big.sum[h]
			}
			s := d / (float64(small.members) * bn)
			s *= timeFactor(ga.first, ga.last, gb.first, gb.last, opt)
			if s >= opt.Threshold {
				pairs = append(pairs, pair{a, b, s})
			}
		}
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if c := cmp.Compare(y.s, x.s); c != 0 {
			return c
		}
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	})
	used := map[int]bool{}
	into := map[int]int{}
	for _, p := range pairs {
		if used[p.a] || used[p.b] {
			continue
		}
		used[p.a], used[p.b] = true, true
		into[p.b] = p.a
	}
	if len(into) == 0 {
		return 0
	}
	for i, g := range assign {
		if t, ok := into[g]; ok {
			assign[i] = t
		}
	}
	return len(into)
}

// neighbours returns, for each vector, up to k others with the largest inner
// product, found through an inverted index over the features that are
// selective (in at most max(50, n/20) vectors); the ranking uses those
// features only.
func neighbours(vs []vec, df *dfTable, k int) [][]int {
	n := len(vs)
	maxDF := max(50, n/20)
	post := map[uint64][]int32{}
	for i, v := range vs {
		for _, f := range v {
			if df.df[f.h] <= float32(maxDF) {
				post[f.h] = append(post[f.h], int32(i))
			}
		}
	}
	acc := make([]float64, n)
	var touched []int32
	out := make([][]int, n)
	for i, v := range vs {
		touched = touched[:0]
		for _, f := range v {
			pl, ok := post[f.h]
			if !ok {
				continue
			}
			for _, j := range pl {
				if int(j) == i {
					continue
				}
				if acc[j] == 0 {
					touched = append(touched, j)
				}
				acc[j] += float64(f.w) * float64(weightOf(vs[j], f.h))
			}
		}
		slices.SortFunc(touched, func(a, b int32) int {
			if c := cmp.Compare(acc[b], acc[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		for r, j := range touched {
			if r < k {
				out[i] = append(out[i], int(j))
			}
		}
		for _, j := range touched {
			acc[j] = 0
		}
	}
	return out
}

// weightOf returns v's weight for feature h (binary search; v is sorted).
func weightOf(v vec, h uint64) float32 {
	i, ok := slices.BinarySearchFunc(v, h, func(f feature, h uint64) int { return cmp.Compare(f.h, h) })
	if !ok {
		return 0
	}
	return v[i].w
}
