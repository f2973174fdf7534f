package cluster

import (
	"container/heap"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// maxIndexed caps how many features of one story sit in the inverted index.
const maxIndexed = 64

// artRef is what a story remembers of one of its articles.
type artRef struct {
	id, title, outlet string
	lang              string
	t                 time.Time // publication time, or the stream clock when unknown
	seq               int       // arrival order
	dated             bool
}

type indexedTerm struct {
	h   uint64
	pos int32 // position of this story's posting in the feature's list
}

type posting struct {
	slot uint32
	j    uint32 // index into the story's indexed terms
}

type story struct {
	id          string
	gen         uint32
	centroid    vec     // Σ v_i/z_i over its articles (see dfTable.centre), capped
	a, p        float64 // Σ 1/z_i and Σ (v_i·m)/z_i, m as when each joined
	norm        float64
	indexed     []indexedTerm
	arts        []artRef
	first, last time.Time // known publication times; zero when none
	touched     time.Time // stream clock at its latest article
	seq         int
}

type evictEntry struct {
	t    time.Time
	slot uint32
	gen  uint32
}

type evictHeap []evictEntry

func (h evictHeap) Len() int           { return len(h) }
func (h evictHeap) Less(i, j int) bool { return h[i].t.Before(h[j].t) }
func (h evictHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *evictHeap) Push(x any)        { *h = append(*h, x.(evictEntry)) }
func (h *evictHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Online clusters a stream of articles. It is safe for concurrent use; Add
// calls are serialised.
type Online struct {
	mu      sync.Mutex
	opt     Options
	df      dfTable
	slots   []*story
	gens    []uint32
	free    []uint32
	post    map[uint64][]posting
	evict   evictHeap
	clock   time.Time
	aged    time.Time // stream clock up to which the background has aged (see age)
	done    []*crosscheck.Story
	live    int
	seq     int
	nextArt int

	// scratch, reused across Add calls
	cnt     *counts
	raw     []rawTerm
	qbuf    vec
	tmp     vec
	scaled  vec
	wbuf    []float32
	acc     []float32
	touched []uint32
}

// NewOnline returns an empty online clusterer.
func NewOnline(opt Options) *Online {
	opt = opt.withDefaults()
	return &Online{
		opt:  opt,
		df:   dfTable{halfLife: opt.DFHalfLife},
		post: map[uint64][]posting{},
		cnt:  newCounts(),
	}
}

// Live returns the number of stories in the live index.
func (o *Online) Live() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.live
}

// Add assigns a to the live story it belongs to, or opens a new story, and
// returns the story's id ("s" + the id of the article that opened it) and
// whether the story is new. a must have been through text.Analyze.
func (o *Online) Add(a *crosscheck.Article) (storyID string, isNew bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	opt := &o.opt

	var at time.Time
	dated := a.Published != nil && !a.Published.IsZero()
	if dated {
		at = *a.Published
		if at.After(o.clock) {
			o.clock = at
		}
	}
	// Stories that went idle before this article leave first, so that it
	// cannot join one of them, and the background forgets what it should
	// have forgotten by now before the article is weighed against it.
	o.evictIdle()

	o.cnt.reset()
	collect(o.cnt, a, opt.TitleWeight)
	o.raw = o.cnt.terms(o.raw[:0])
	// The article counts in the document frequencies it is weighed with,
	// as every article does in Batch: early in a stream a word that only it
	// and one story share is then not weighed as if unseen.
	o.df.add(o.raw)
	v := weigh(o.raw, &o.df, opt)
	vm, mm, iz := o.df.centre(v)
	o.scaled = o.scaled[:0]
	for _, f := range v {
		o.scaled = append(o.scaled, feature{f.h, f.w * float32(iz)})
	}

	best, bestScore := o.bestStory(v, at, vm, mm, iz)
	var st *story
	var slot uint32
	if best >= 0 && bestScore >= o.joinThreshold() {
		slot = uint32(best)
		st = o.slots[slot]
		merged := addInto(o.tmp, st.centroid, o.scaled)
		// Trim to StoryTerms only when a quarter over, so that the sort
		// behind the trim is paid once every few joins.
		if len(merged) > opt.StoryTerms+opt.StoryTerms/4 {
			merged = capVec(merged, opt.StoryTerms, o.wbuf)
		}
		if cap(st.centroid) >= len(merged) {
			st.centroid = append(st.centroid[:0], merged...)
		} else {
			st.centroid = append(make(vec, 0, len(merged)+len(merged)/8), merged...)
		}
		o.tmp = merged[:0]
	} else {
		slot = o.newSlot()
		st = &story{id: "s" + a.ID, gen: o.gens[slot], centroid: capVec(append(vec(nil), o.scaled...), opt.StoryTerms, o.wbuf), seq: o.seq}
		o.seq++
		o.slots[slot] = st
		o.live++
		isNew = true
	}
	st.a += iz
	st.p += vm * iz
	st.norm = norm2(st.centroid)
	o.index(st, slot)

	t := at
	if !dated {
		t = o.clock
	}
	st.arts = append(st.arts, artRef{id: a.ID, title: a.Title, outlet: a.Outlet, lang: a.Language, t: t, seq: o.nextArt, dated: dated})
	o.nextArt++
	if dated {
		if st.first.IsZero() || at.Before(st.first) {
			st.first = at
		}
		if at.After(st.last) {
			st.last = at
		}
	}
	if o.clock.After(st.touched) || isNew {
		st.touched = o.clock
	}
	if opt.IdleWindow > 0 {
		heap.Push(&o.evict, evictEntry{t: st.touched, slot: slot, gen: st.gen})
	}
	o.df.addVec(v)
	return st.id, isNew
}

// coldStartMargin is how much more similarity than Options.Threshold an
// article needs to join a story when the stream has just started; the
// margin shrinks as centrePrior/(n+centrePrior) with the n articles seen.
// With a handful of articles there is no background to centre on yet, so
// two reports of different events in the same domain (same country, same
// leaders) look alike, and a wrong early join grows into a mixed story
// that later articles keep joining. Fitted on ECB+ topics 1–20 (see
// Defaults); on a long-running stream it is negligible.
const coldStartMargin = 0.1

// joinThreshold is the least score with which an article joins a story:
// Options.Threshold plus the cold-start margin.
func (o *Online) joinThreshold() float64 {
	return o.opt.Threshold + coldStartMargin*centrePrior/(o.df.n+centrePrior)
}

// bestStory finds candidate stories through the inverted index and returns
// the slot of the best one by exact score, or -1.
//
// The score is the cosine of the article's centred vector u = (v − m)/z
// with the sum of the centred vectors of the story's articles,
// S = Σ v_i/z_i − a·m = C − a·m:
// u·S/|S| = (v·C − a·(v·m) − C·m + a·|m|²) / (z·|S|), with
// |S|² = |C|² − 2a·(C·m) + a²|m|², where C·m is approximated by p (m as
// when each article joined; the mean drifts slowly). For a one-article
// story it is the pair's centred cosine, as in Batch. For a larger story it
// is more than the mean over its articles (group average): a story's
// articles each tell part of the event, and a new report is judged against
// what they tell together, not against each alone. Mean-pair scoring
// (Batch's linkage) split stories online, where no later merge can repair
// a split.
func (o *Online) bestStory(v vec, at time.Time, vm, mm, iz float64) (int, float64) {
	opt := &o.opt
	if len(o.acc) < len(o.slots) {
		o.acc = append(o.acc, make([]float32, len(o.slots)-len(o.acc))...)
	}
	// The heaviest features serve both the lookup here and index() after.
	o.qbuf = topFeatures(v, max(opt.QueryTerms, opt.IndexTerms), o.qbuf)
	touched := o.touched[:0]
	for _, f := range o.qbuf[:min(len(o.qbuf), opt.QueryTerms)] {
		pl := o.post[f.h]
		if len(pl) > opt.MaxPosting {
			continue
		}
		for _, p := range pl {
			if o.acc[p.slot] == 0 {
				touched = append(touched, p.slot)
			}
			o.acc[p.slot] += f.w
		}
	}
	// Keep the Candidates best by index score.
	type cand struct {
		slot uint32
		s    float32
	}
	var cands [32]cand
	nc := 0
	k := min(opt.Candidates, len(cands))
	for _, s := range touched {
		x := o.acc[s]
		o.acc[s] = 0
		if nc < k {
			cands[nc] = cand{s, x}
			nc++
			continue
		}
		// replace the weakest
		w := 0
		for i := 1; i < nc; i++ {
			if cands[i].s < cands[w].s {
				w = i
			}
		}
		if x > cands[w].s {
			cands[w] = cand{s, x}
		}
	}
	o.touched = touched[:0]
	best, bestScore := -1, 0.0
	for _, c := range cands[:nc] {
		st := o.slots[c.slot]
		if st == nil || st.norm == 0 {
			continue
		}
		sn := math.Sqrt(math.Max(st.norm*st.norm-2*st.a*st.p+st.a*st.a*mm, 1e-9))
		s := (dot(v, st.centroid) - st.a*vm - st.p + st.a*mm) * iz / sn
		s *= timeFactor(at, at, st.first, st.last, opt)
		if s > bestScore || (s == bestScore && best >= 0 && st.seq < o.slots[best].seq) {
			best, bestScore = int(c.slot), s
		}
	}
	return best, bestScore
}

func (o *Online) newSlot() uint32 {
	if n := len(o.free); n > 0 {
		s := o.free[n-1]
		o.free = o.free[:n-1]
		return s
	}
	o.slots = append(o.slots, nil)
	o.gens = append(o.gens, 0)
	return uint32(len(o.slots) - 1)
}

// index puts the heaviest features of the article just scored (o.qbuf, set
// by bestStory) into the inverted index for st.
func (o *Online) index(st *story, slot uint32) {
	if len(st.indexed) >= maxIndexed {
		return
	}
next:
	for _, f := range o.qbuf[:min(len(o.qbuf), o.opt.IndexTerms)] {
		if len(st.indexed) >= maxIndexed {
			return
		}
		for _, it := range st.indexed {
			if it.h == f.h {
				continue next
			}
		}
		pl := o.post[f.h]
		st.indexed = append(st.indexed, indexedTerm{h: f.h, pos: int32(len(pl))})
		o.post[f.h] = append(pl, posting{slot: slot, j: uint32(len(st.indexed) - 1)})
	}
}

// unindex removes st's postings from the inverted index.
func (o *Online) unindex(st *story) {
	for _, it := range st.indexed {
		pl := o.post[it.h]
		last := len(pl) - 1
		moved := pl[last]
		pl[it.pos] = moved
		if ms := o.slots[moved.slot]; ms != nil {
			ms.indexed[moved.j].pos = it.pos
		}
		pl = pl[:last]
		if len(pl) == 0 {
			delete(o.post, it.h)
		} else {
			o.post[it.h] = pl
		}
	}
	st.indexed = nil
}

// Advance moves the stream clock to now (when later than the latest
// publication time seen) and evicts the stories idle for longer than
// IdleWindow. A monitor calls it on a timer so that quiet hours still evict.
func (o *Online) Advance(now time.Time) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if now.After(o.clock) {
		o.clock = now
	}
	o.evictIdle()
}

func (o *Online) evictIdle() {
	if o.opt.IdleWindow <= 0 || o.clock.IsZero() {
		return
	}
	o.age()
	limit := o.clock.Add(-o.opt.IdleWindow)
	for len(o.evict) > 0 && o.evict[0].t.Before(limit) {
		e := heap.Pop(&o.evict).(evictEntry)
		st := o.slots[e.slot]
		if st == nil || st.gen != e.gen || !st.touched.Equal(e.t) {
			continue // stale entry: the story was touched again or is gone
		}
		o.remove(e.slot)
		out := finalize(st.id, st.arts, st.centroid, &o.df, &o.opt)
		if o.opt.OnEvict != nil {
			o.opt.OnEvict(out)
		} else {
			o.done = append(o.done, out)
		}
	}
}

// age makes the background (document frequencies, the mean that articles
// are centred on, and the article count behind the cold-start margin)
// forget with stream time, halving every IdleWindow: it describes the
// stream the live stories belong to, not everything ever seen.
//
// Without it an idle gap longer than the window evicts every story but
// leaves the background of the old stream whole. The articles after the
// gap are then compared only with each other, yet each weighs 1/(n+
// centrePrior) in the mean and little in the document frequencies of a
// large n, and the cold-start margin has faded: vocabulary they share and
// the old stream never had (a new page template's filler, a new season's
// words) counts as rare and uncentred, and reports of different events
// snowball into the first story opened after the gap. Aged, the background
// of a stream that was idle for a few windows is that of a young one, and
// the stream restarts as a new one would (the margin included) while
// keeping a fraction of what it knew. In effect the background holds the
// articles of the last 1/ln 2 ≈ 1.4 windows: a stream that keeps
// arriving within the window keeps its statistics and a small margin; a
// slow one (a handful of articles per window) keeps part of the margin
// for good, a cost not measured on the evaluation sets, which are undated.
func (o *Online) age() {
	if o.aged.IsZero() {
		o.aged = o.clock
		return
	}
	// Aged in steps of an eighth of the window, so that a busy stream
	// does not pay a pass over the table at every article.
	el := o.clock.Sub(o.aged)
	if el < o.opt.IdleWindow/8 {
		return
	}
	o.aged = o.clock
	o.df.scale(math.Exp2(-float64(el) / float64(o.opt.IdleWindow)))
}

func (o *Online) remove(slot uint32) {
	st := o.slots[slot]
	o.unindex(st)
	o.slots[slot] = nil
	o.gens[slot]++
	o.free = append(o.free, slot)
	o.live--
}

// Stories returns every story: the evicted ones not handed to OnEvict and
// the live ones, ordered by first article (time, then arrival).
func (o *Online) Stories() []*crosscheck.Story {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := slices.Clone(o.done)
	for _, st := range o.slots {
		if st != nil {
			out = append(out, finalize(st.id, st.arts, st.centroid, &o.df, &o.opt))
		}
	}
	sortStories(out)
	return out
}
