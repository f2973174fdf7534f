package pipeline

import (
	"github.com/crosscheck-news/crosscheck/text"
	"slices"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/cluster"
	"github.com/crosscheck-news/crosscheck/dedup"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/finding"
	"github.com/crosscheck-news/crosscheck/quote"
)

// Stories groups segmented articles into stories and runs the per-story
// analysis stages on each: provenance (who copied whom) first, because the
// later stages count independent origins, then entities.
func Stories(arts []*crosscheck.Article, opt Options) []*crosscheck.Story {
	copt := opt.Cluster
	if copt.Threshold == 0 {
		copt = cluster.Defaults()
	}
	var stories []*crosscheck.Story
	if opt.Online {
		stories = onlineStories(arts, copt)
	} else {
		stories = cluster.Batch(arts, copt)
	}
	byID := make(map[string]*crosscheck.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	for _, s := range stories {
		members := make([]*crosscheck.Article, 0, len(s.Articles))
		for _, id := range s.Articles {
			if a := byID[id]; a != nil {
				members = append(members, a)
			}
		}
		AnalyzeStory(s, members)
	}
	return stories
}

// onlineStories assigns the articles to stories one at a time, in
// publication order (undated ones last, in input order), as a monitor
// receiving them would.
func onlineStories(arts []*crosscheck.Article, opt cluster.Options) []*crosscheck.Story {
	sorted := slices.Clone(arts)
	slices.SortStableFunc(sorted, func(a, b *crosscheck.Article) int {
		switch {
		case a.Published == nil && b.Published == nil:
			return 0
		case a.Published == nil:
			return 1
		case b.Published == nil:
			return -1
		}
		return a.Published.Compare(*b.Published)
	})
	on := cluster.NewOnline(opt)
	for _, a := range sorted {
		on.Add(a)
	}
	return on.Stories()
}

// AnalyzeStory fills in what the analysis stages find in one story's
// articles. The server calls it again when a story gains an article.
func AnalyzeStory(s *crosscheck.Story, members []*crosscheck.Article) {
	for _, a := range members {
		text.AnalyzeIfNeeded(a) // read from a store: no tokens
	}
	s.Derivations = dedup.Find(members)
	s.Entities = entity.Story(members)
	s.Quotes = quote.Story(members, s.Entities)
	s.Findings, s.Divergence = finding.Story(s, members)
}
