package server

import (
	"container/list"
	"sync"
)

// DefaultStoryCacheBytes bounds the story cache when Options.StoryCacheBytes
// is 0.
const DefaultStoryCacheBytes = 256 << 20

// storyCache keeps the API JSON of recently read stories, each with the
// store revision it was made from (crosscheck.StoryRevisions). A story read
// then costs one small query and a copy instead of reading and decoding
// the story and every article and encoding the report: a story is read far
// more often than it changes, and its articles never change. It is an LRU
// bounded by the bytes it holds.
type storyCache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // front: most recently used
	byID  map[string]*list.Element
}

type cachedStory struct {
	id   string
	rev  int64
	body []byte
}

func newStoryCache(max int64) *storyCache {
	return &storyCache{max: max, order: list.New(), byID: map[string]*list.Element{}}
}

// get returns the cached body of story id at revision rev.
func (c *storyCache) get(id string, rev int64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	cs := e.Value.(*cachedStory)
	if cs.rev != rev {
		return nil, false
	}
	c.order.MoveToFront(e)
	return cs.body, true
}

// full reports whether the cache holds nine tenths of its bound: warming
// stops there, leaving room for the stories read next.
func (c *storyCache) full() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.size >= c.max/10*9
}

// put keeps body as story id at revision rev, replacing an older one and
// evicting the least recently used stories over the bound. A body larger
// than a quarter of the bound is not kept.
func (c *storyCache) put(id string, rev int64, body []byte) {
	n := int64(len(body))
	if n > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byID[id]; ok {
		cs := e.Value.(*cachedStory)
		c.size += n - int64(len(cs.body))
		cs.rev, cs.body = rev, body
		c.order.MoveToFront(e)
	} else {
		c.byID[id] = c.order.PushFront(&cachedStory{id: id, rev: rev, body: body})
		c.size += n
	}
	for c.size > c.max {
		e := c.order.Back()
		cs := e.Value.(*cachedStory)
		c.order.Remove(e)
		delete(c.byID, cs.id)
		c.size -= int64(len(cs.body))
	}
}
