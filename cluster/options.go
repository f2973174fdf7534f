// Package cluster groups articles that report the same real-world event into
// stories.
//
// Online (NewOnline, Add) is the monitor's path: each new article is scored
// against the live stories found through an inverted index (never a scan of
// all stories) and joins the best one above Options.Threshold or opens a new
// story. Stories idle for longer than Options.IdleWindow leave the live index
// (and the memory) and are kept in the result or handed to Options.OnEvict.
// Batch re-clusters a whole set for the best grouping (crosscheck's
// --recluster).
//
// An article is a unit-length TF-IDF vector over stems of its body and title
// (the title boosted), cheap entity features (capitalised words that do not
// open a sentence, and pairs of them) and numbers, both boosted; see collect.
// Its similarity to a story is the cosine with the story's centroid times a
// time factor: 1 within Options.TimeGrace of the story's first/last article,
// then exponential decay with Options.TimeScale, and 1 when either time is
// unknown, so that undated data clusters on content alone.
package cluster

import (
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// Options configures clustering. The zero value of every field means its
// default (see Defaults); the same defaults serve every data set.
type Options struct {
	// Threshold is the least similarity (cosine × time factor) with which an
	// article joins a story; below it the article opens a new story. Batch
	// merges two groups when the cosine of their centroids reaches it.
	Threshold float64
	// IdleWindow is how long a story stays live after its latest article
	// (stream time: the latest publication time seen, or the time given to
	// Advance). Zero keeps every story live.
	IdleWindow time.Duration
	// TimeGrace is the time distance with no penalty; TimeScale the scale of
	// the exponential decay beyond it.
	TimeGrace, TimeScale time.Duration
	// TitleWeight is how many body occurrences one title occurrence counts
	// for; EntityWeight and NumberWeight multiply the weight of entity and
	// number features.
	TitleWeight, EntityWeight, NumberWeight float64
	// StoryTerms caps the features a story's centroid keeps (the heaviest).
	StoryTerms int
	// IndexTerms is how many of an article's heaviest features enter the
	// inverted index for its story, and QueryTerms how many are looked up to
	// find candidate stories.
	IndexTerms, QueryTerms int
	// MaxPosting skips, when looking up candidates, features that index more
	// stories than this (they select nothing); they still count in the score.
	MaxPosting int
	// Candidates is how many stories, ranked by the index, are scored exactly.
	Candidates int
	// DFHalfLife is the number of articles after which online document
	// frequencies are halved (forgetting old vocabulary, bounding memory).
	DFHalfLife int
	// OnEvict, when set, receives each story that leaves the live window and
	// the story is then forgotten (a monitor stores it); when nil, evicted
	// stories are kept and returned by Stories.
	OnEvict func(*crosscheck.Story)
}

// Defaults returns the options every data set is clustered with. Threshold
// and the weights were chosen on ECB+ topics 1–20 only (see eval/cluster.go)
// and checked on the other ECB+ topics and on NewsWCL50.
func Defaults() Options {
	return Options{
		Threshold:    0.25,
		IdleWindow:   72 * time.Hour,
		TimeGrace:    24 * time.Hour,
		TimeScale:    72 * time.Hour,
		TitleWeight:  3,
		EntityWeight: 2.5,
		NumberWeight: 2,
		StoryTerms:   128,
		IndexTerms:   24,
		QueryTerms:   24,
		MaxPosting:   5000,
		Candidates:   8,
		DFHalfLife:   100000,
	}
}

// withDefaults fills the zero fields of o from Defaults (IdleWindow excepted:
// zero there means never evict).
func (o Options) withDefaults() Options {
	d := Defaults()
	if o.Threshold == 0 {
		o.Threshold = d.Threshold
	}
	if o.TimeGrace == 0 {
		o.TimeGrace = d.TimeGrace
	}
	if o.TimeScale == 0 {
		o.TimeScale = d.TimeScale
	}
	if o.TitleWeight == 0 {
		o.TitleWeight = d.TitleWeight
	}
	if o.EntityWeight == 0 {
		o.EntityWeight = d.EntityWeight
	}
	if o.NumberWeight == 0 {
		o.NumberWeight = d.NumberWeight
	}
	if o.StoryTerms == 0 {
		o.StoryTerms = d.StoryTerms
	}
	if o.IndexTerms == 0 {
		o.IndexTerms = d.IndexTerms
	}
	if o.QueryTerms == 0 {
		o.QueryTerms = d.QueryTerms
	}
	if o.MaxPosting == 0 {
		o.MaxPosting = d.MaxPosting
	}
	if o.Candidates == 0 {
		o.Candidates = d.Candidates
	}
	if o.DFHalfLife == 0 {
		o.DFHalfLife = d.DFHalfLife
	}
	return o
}
