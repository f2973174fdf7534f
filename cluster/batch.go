package cluster

import (
	"cmp"
	"container/heap"
	"slices"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// batchNeighbours is how many nearest articles each article is linked to in
// Batch: two groups are only ever compared when an article of one is among
// the nearest of an article of the other.
const batchNeighbours = 40

// group is a cluster under construction in Batch. Its articles are
// compared after centring (see Batch): with u_i = (v_i − m)/z_i the sum of
// its centred vectors is sum − a·m, kept as the sparse sum of v_i/z_i, the
// scalar a = Σ 1/z_i and p = sum·m, all of which add up when groups merge.
type group struct {
	sum         map[uint64]float64 // Σ v_i/z_i over the members
	a, p        float64            // Σ 1/z_i and Σ (v_i·m)/z_i
	members     int
	first, last time.Time    // known publication times
	adj         map[int]bool // groups linked to this one by a neighbour edge
	version     int          // bumped at every merge, to spot stale heap entries
}

// linkage is the group-average similarity of a and b: the mean cosine over
// all pairs of their (centred) articles, (Σ_a u)·(Σ_b u) / (|a|·|b|), times
// the time factor of their intervals. It is the scale of Online's score, so
// one Threshold serves both. mm is |m|².
func linkage(a, b *group, mm float64, opt *Options) float64 {
	x, y := a, b
	if len(x.sum) > len(y.sum) {
		x, y = y, x
	}
	var d float64
	for h, w := range x.sum {
		d += w * y.sum[h]
	}
	d += -a.a*b.p - b.a*a.p + a.a*b.a*mm
	s := d / float64(a.members*b.members)
	return s * timeFactor(a.first, a.last, b.first, b.last, opt)
}

type linkEntry struct {
	s      float64
	a, b   int
	va, vb int
}

// linkHeap is a max-heap of candidate merges; ties go to the lower group
// numbers, so the result does not depend on map order.
type linkHeap []linkEntry

func (h linkHeap) Len() int { return len(h) }
func (h linkHeap) Less(i, j int) bool {
	if h[i].s != h[j].s {
		return h[i].s > h[j].s
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h linkHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *linkHeap) Push(x any)   { *h = append(*h, x.(linkEntry)) }
func (h *linkHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Batch clusters a whole set of articles for the best grouping
// (crosscheck's --recluster): document frequencies over the whole set, then
// agglomerative clustering with group-average linkage (UPGMA): the two
// groups whose articles are most alike on average merge first, until no two
// linked groups reach Options.Threshold. Group average, unlike a centroid
// pass in arrival order, does not depend on the input order and does not let
// one broad article chain two events together; it is the batch counterpart
// of Online's mean-similarity score. Candidate pairs come from each
// article's nearest neighbours through an inverted index, so the cost grows
// with the number of articles times the neighbours, not with its square.
// Articles must have been through text.Analyze.
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
	for i, a := range arts {
		vs[i] = weigh(raws[i], &df, &opt)
		if a.Published != nil && !a.Published.IsZero() {
			at[i] = *a.Published
		}
	}

	// Centre the vectors on the set's mean before comparing them: what all
	// articles of the set share then stops counting as evidence that two
	// report the same event (see dfTable.centre).
	for _, v := range vs {
		df.addVec(v)
	}
	_, mm, _ := df.centre(nil)
	groups := make([]*group, n)
	for i := range groups {
		vm, _, iz := df.centre(vs[i])
		g := &group{sum: make(map[uint64]float64, len(vs[i])), a: iz, p: vm * iz, members: 1, first: at[i], last: at[i], adj: map[int]bool{}}
		for _, f := range vs[i] {
			g.sum[f.h] = float64(f.w) * iz
		}
		groups[i] = g
	}
	for i, ns := range neighbours(vs, &df, batchNeighbours) {
		for _, j := range ns {
			groups[i].adj[j] = true
			groups[j].adj[i] = true
		}
	}
	parent := make([]int, n) // parent[g] is the group g merged into, or g
	for i := range parent {
		parent[i] = i
	}
	var h linkHeap
	push := func(a, b int) {
		if a > b {
			a, b = b, a
		}
		ga, gb := groups[a], groups[b]
		if s := linkage(ga, gb, mm, &opt); s >= opt.Threshold {
			h = append(h, linkEntry{s, a, b, ga.version, gb.version})
		}
	}
	for a, g := range groups {
		for b := range g.adj {
			if a < b {
				push(a, b)
			}
		}
	}
	heap.Init(&h)
	for h.Len() > 0 {
		e := heap.Pop(&h).(linkEntry)
		ga, gb := groups[e.a], groups[e.b]
		if ga == nil || gb == nil || ga.version != e.va || gb.version != e.vb {
			continue // one side merged since: its new pairs were pushed then
		}
		// Merge the smaller group into the larger (its map is reused).
		keep, gone := e.a, e.b
		if gb.members > ga.members {
			keep, gone = e.b, e.a
		}
		gk, gg := groups[keep], groups[gone]
		for f, x := range gg.sum {
			gk.sum[f] += x
		}
		gk.members += gg.members
		gk.a += gg.a
		gk.p += gg.p
		if !gg.first.IsZero() {
			if gk.first.IsZero() || gg.first.Before(gk.first) {
				gk.first = gg.first
			}
			if gg.last.After(gk.last) {
				gk.last = gg.last
			}
		}
		for o := range gg.adj {
			if o == keep {
				continue
			}
			gk.adj[o] = true
			og := groups[o]
			delete(og.adj, gone)
			og.adj[keep] = true
		}
		delete(gk.adj, gone)
		gk.version++
		groups[gone] = nil
		parent[gone] = keep
		for o := range gk.adj {
			if s := linkage(gk, groups[o], mm, &opt); s >= opt.Threshold {
				a, b := keep, o
				if a > b {
					a, b = b, a
				}
				heap.Push(&h, linkEntry{s, a, b, groups[a].version, groups[b].version})
			}
		}
	}

	// Each article's group is the one its chain of merges ends in.
	members := map[int][]int{}
	for _, i := range timeOrder(at) {
		r := i
		for parent[r] != r {
			r = parent[r]
		}
		members[r] = append(members[r], i)
	}
	out := make([]*crosscheck.Story, 0, len(members))
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

// timeOrder returns the article indices by publication time (undated ones
// after, in input order), so that a story's id names its earliest article.
func timeOrder(at []time.Time) []int {
	order := make([]int, len(at))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case at[a].IsZero() && at[b].IsZero():
			return 0
		case at[a].IsZero():
			return 1
		case at[b].IsZero():
			return -1
		}
		return at[a].Compare(at[b])
	})
	return order
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
			if df.df[f.h].df <= float32(maxDF) {
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
