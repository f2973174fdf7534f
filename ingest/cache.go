package ingest

import (
	"container/list"
	"sync"

	"github.com/crosscheck-news/crosscheck"
)

// articleCache keeps the most recently used segmented articles. Cached
// articles are shared between goroutines and only ever read.
type articleCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front: most recent; values are *crosscheck.Article
	byID  map[string]*list.Element
}

func newArticleCache(max int) *articleCache {
	return &articleCache{max: max, order: list.New(), byID: map[string]*list.Element{}}
}

func (c *articleCache) get(id string) *crosscheck.Article {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.byID[id]; e != nil {
		c.order.MoveToFront(e)
		return e.Value.(*crosscheck.Article)
	}
	return nil
}

func (c *articleCache) put(a *crosscheck.Article) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.byID[a.ID]; e != nil {
		c.order.MoveToFront(e)
		return
	}
	c.byID[a.ID] = c.order.PushFront(a)
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byID, last.Value.(*crosscheck.Article).ID)
	}
}
