package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// A report that tells its own part of an event (here what the earthquake
// did to tourism) shares a little with each report of the event and much
// with none: its mean similarity to them (0.12) stays under the threshold,
// but against what they tell together it scores as Online would score it
// (0.16), and Batch puts it in their story whatever the order of the
// articles. Group average alone left it on its own.
func TestBatchArticleJoinsWhatTheStoryTellsTogether(t *testing.T) {
	arts := quakeSet()
	arts = append(arts, article("m4", "Le Monde", "Tourists leave Marrakech after the earthquake",
		"Hotels in Marrakech emptied this week after the earthquake, as tour operators cancelled trips to Morocco.\nTravel agents in Paris and London said bookings fell by half, and airlines added flights home.\nThe old medina suffered cracks in its walls; guides said the 6.8 quake was the strongest they remember.\nRiad owners worry about the winter season, when most visitors come.",
		day0.Add(60*time.Hour)))
	want := [][]string{{"a1", "a2", "a3"}, {"f1"}, {"m1", "m2", "m3", "m4"}}
	r := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 4; k++ {
		if got := groups(Batch(arts, Defaults())); !slices.EqualFunc(got, want, slices.Equal[[]string]) {
			t.Fatalf("order %d: groups = %v, want %v", k, got, want)
		}
		r.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	}
}

// reassign moves an article that the agglomeration put in one group to
// another whose sum it scores higher with than with the rest of its own,
// and leaves the others where they are. Uncentred vectors (m = 0, z = 1):
// x·y = 0.6, x against z+w 0.76; y shares nothing with z or w, and z is
// closer to w (0.8) than to x+y (0.45).
func TestReassignMovesToTheBetterGroup(t *testing.T) {
	x := vec{{1, 0.6}, {2, 0.8}}
	y := vec{{1, 1}}
	z := vec{{2, 1}}
	w := vec{{2, 0.8}, {3, 0.6}}
	vs := []vec{x, y, z, w}
	sum := func(vv ...vec) *group {
		g := &group{sum: map[uint64]float64{}, members: len(vv)}
		for _, v := range vv {
			for _, f := range v {
				g.sum[f.h] += float64(f.w)
			}
			g.a++
		}
		return g
	}
	groups := []*group{sum(x, y), nil, sum(z, w), nil}
	home := []int{0, 0, 2, 2}
	nbrs := [][]int{{1, 2, 3}, {0, 2, 3}, {0, 1, 3}, {0, 1, 2}}
	opt := Defaults()
	got := reassign(vs, make([]float64, 4), []float64{1, 1, 1, 1}, make([]time.Time, 4), nbrs, groups, home, 0, &opt)
	if want := []int{2, 0, 2, 2}; !slices.Equal(got, want) {
		t.Errorf("reassign = %v, want %v", got, want)
	}
	// Above the threshold only: with it at 0.8, x stays.
	opt.Threshold = 0.8
	got = reassign(vs, make([]float64, 4), []float64{1, 1, 1, 1}, make([]time.Time, 4), nbrs, groups, home, 0, &opt)
	if !slices.Equal(got, home) {
		t.Errorf("threshold 0.8: reassign = %v, want %v", got, home)
	}
}
