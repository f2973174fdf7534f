package pipeline

import (
	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/cluster"
	"github.com/crosscheck-news/crosscheck/dedup"
	"github.com/crosscheck-news/crosscheck/entity"
)

// Stories groups segmented articles into stories and runs the per-story
// analysis stages on each: provenance (who copied whom) first, because the
// later stages count independent origins, then entities.
func Stories(arts []*crosscheck.Article) []*crosscheck.Story {
	stories := cluster.Batch(arts, cluster.Defaults())
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

// AnalyzeStory fills in what the analysis stages find in one story's
// articles. The server calls it again when a story gains an article.
func AnalyzeStory(s *crosscheck.Story, members []*crosscheck.Article) {
	s.Derivations = dedup.Find(members)
	s.Entities = entity.Story(members)
}
