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
// An article is a unit-length TF-IDF vector over stems of its body (the
// three lead sentences counted twice), stems and numbers of its headline (a
// separate feature space, so that two headlines agreeing weighs more than a
// headline word recurring in a body; an article with no body counts its
// headline as body too), cheap entity features (capitalised
// words that do not open a sentence, and pairs of them) and numbers, both
// boosted; see collect. A hyphenated word counts as its parts, and Chinese
// and Japanese, written without spaces, as bigrams of Han characters (see
// addWord, hanFeatures). Vectors are compared after centring on the mean of
// the stream (or of the batch), shrunk for small sets: what every article
// shares is no evidence of one event (see dfTable.centre). The similarity of
// two groups in Batch is the mean centred cosine over their pairs of
// articles (group-average linkage), after which each article goes to the
// group it scores highest with by Online's score (see reassign); Online
// scores an article against a story by the centred cosine with the sum of
// the story's articles (see Online.bestStory), and asks for a little more
// while the stream is young (see coldStartMargin); its background ages
// with stream time, so a stream idle for longer than the window is young
// again (see Online.age). Both are multiplied by a time factor: 1 within
// Options.TimeGrace of the story's first/last article, then exponential
// decay with Options.TimeScale, and 1 when either time is unknown, so that
// undated data clusters on content alone.
package cluster

import (
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// Options configures clustering. The zero value of every field means its
// default (see Defaults); the same defaults serve every data set.
type Options struct {
	// Threshold is the least similarity (centred cosine with the sum of
	// the story's articles × time factor) with which an article joins a
	// story; below it the article opens a new story (early in a stream the
	// bar is higher, see coldStartMargin). Batch merges two groups while
	// their group-average similarity reaches it, and then lets an article
	// move to another group whose sum it scores that with (and more than
	// the rest of its own group). Centred similarities of unrelated
	// articles are about zero or below, so a threshold may be negative
	// (zero means the default).
	Threshold float64
	// IdleWindow is how long a story stays live after its latest article
	// (stream time: the latest publication time seen, or the time given to
	// Advance). Zero keeps every story live. It is also the half-life in
	// stream time of the online background (document frequencies and the
	// mean articles are centred on, see Online.age), so that after an
	// idle gap the stream restarts as a young one.
	IdleWindow time.Duration
	// TimeGrace is the time distance with no penalty; TimeScale the scale of
	// the exponential decay beyond it.
	TimeGrace, TimeScale time.Duration
	// TitleWeight is how many body occurrences one title occurrence counts
	// for; EntityWeight and NumberWeight multiply the weight of entity and
	// number features.
	TitleWeight, EntityWeight, NumberWeight float64
	// StoryTerms caps the features a story's centroid keeps (the heaviest).
	// The cap costs recall: a story of several articles has far more
	// features than one article, and the ones cut would still have counted
	// in its score (128 lost 0.008 BCubed F1 online on the development
	// topics against 512, 256 lost about as much).
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

// Defaults returns the options every data set is clustered with. They were
// fitted on ECB+ topics 1–20 only (the development part; `crosscheck eval
// cluster --mode batch --topics 1-20 --threshold X`): the weights by a grid
// (title 1–5, entities 0–4, numbers 0–4) scored by group-average
// clustering's best BCubed F1 on those topics, then Threshold as the value
// in 0.10–0.30 (steps of 0.01) that maximises Batch's BCubed F1 there. ECB+
// topics 21–35 and NewsWCL50 are held out: they were only measured, never
// used to choose. centrePrior is the one exception: 20 scored slightly
// better on the development topics, but splits the example corpus's
// six-article story in two; 50 keeps it whole.
//
// Online's own constants were chosen afterwards, with the weights and
// Threshold fixed, on the same topics: the online clusterer run over topics
// 1–20 as one stream and over four streams of five topics each (about 100
// articles, the size at which a cold start matters), by the mean of the two
// BCubed F1 figures: scoring against the story's sum beat the mean over its
// articles, a cold-start margin of 0.1 beat 0, 0.05, 0.075, 0.125, 0.15 and
// 0.2, and StoryTerms 512 beat 128.
//
// Tried and left out: exact re-weighting of a young stream's articles
// with the current statistics (lower on the development streams once
// stories were scored by their sum); and three variants that scored higher
// on the development topics but lower on the held-out sets: IDF and
// centring priors of 3000 and 500, a separate feature space for the lead
// sentences, and centring on a mean in which each article counts
// 1/(1 + the summed similarity of its neighbours).
func Defaults() Options {
	return Options{
		Threshold:    0.14,
		IdleWindow:   72 * time.Hour,
		TimeGrace:    24 * time.Hour,
		TimeScale:    72 * time.Hour,
		TitleWeight:  3,
		EntityWeight: 2.5,
		NumberWeight: 4,
		StoryTerms:   512,
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
