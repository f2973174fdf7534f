package dedup

import (
	"sync"

	"github.com/crosscheck-news/crosscheck"
)

// LSH banding of a Sketch: Bands bands of Rows bins each. Two sets of
// Jaccard similarity J share at least one band with probability about
// 1-(1-J^Rows)^Bands: 0.9996 at J=0.8, 0.975 at J=0.7, 0.49 at J=0.5.
const (
	Bands = 20
	Rows  = 5
)

// DefaultMinEstimate is the estimated Jaccard similarity at or above which
// Index.Candidates returns an indexed article.
const DefaultMinEstimate = 0.5

// Index is an online MinHash/LSH index of articles for near-duplicate
// search. It keeps, per article, its Sketch (SketchSize bytes), one chain
// link per band and its share of the band tables: about 450 bytes plus the
// id. It is safe for concurrent use.
type Index struct {
	// MinEstimate is the estimated Jaccard similarity a candidate must
	// reach to be returned by Candidates and Query (0: DefaultMinEstimate).
	MinEstimate float64

	mu       sync.RWMutex
	ids      []string
	sketches []Sketch
	// next[doc*Bands+band] is the next document (plus one) in doc's chain
	// of band; heads[band][slot] is the chain's first document (plus one).
	next  []uint32
	heads [Bands][]uint32
	mask  uint64
}

// Match is one indexed document similar to a query.
type Match struct {
	// Doc is the document's position in the index (the order of Add).
	Doc int
	ID  string
	// Estimate is the estimated Jaccard similarity with the query.
	Estimate float64
}

// Len is the number of indexed documents.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.ids)
}

// Bytes is the memory the index holds for its documents, ids excluded:
// sketches, chain links and band tables (capacity, not just length).
func (x *Index) Bytes() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	n := cap(x.sketches)*SketchSize + cap(x.next)*4
	for b := range x.heads {
		n += cap(x.heads[b]) * 4
	}
	return n
}

// ID returns the id of the document at position doc.
func (x *Index) ID(doc int) string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.ids[doc]
}

func bandKey(s *Sketch, band int) uint64 {
	o := band * Rows
	k := uint64(band) << 40
	for _, c := range s[o : o+Rows] {
		k = k<<8 | uint64(c)
	}
	return Mix64(k)
}

func bandEqual(a, b *Sketch, band int) bool {
	o := band * Rows
	return string(a[o:o+Rows]) == string(b[o:o+Rows])
}

// SketchArticle computes the sketch of an article's token stream; false when
// the article has no word tokens.
func SketchArticle(a *crosscheck.Article, out *Sketch) bool {
	var s Sketcher
	return s.Sketch(AppendShingles(nil, TokenHashes(a.Tokens)), out)
}

// Add indexes an article by its token stream (filled by text.Analyze). An
// article without words is not indexed and Add reports false.
func (x *Index) Add(a *crosscheck.Article) bool {
	var sk Sketch
	if !SketchArticle(a, &sk) {
		return false
	}
	x.AddSketch(a.ID, &sk)
	return true
}

// Candidates returns the ids of indexed articles whose estimated Jaccard
// similarity with a is at least MinEstimate, most similar first. They are
// candidates: Find confirms them with exact shingle sets.
func (x *Index) Candidates(a *crosscheck.Article) []string {
	var sk Sketch
	if !SketchArticle(a, &sk) {
		return nil
	}
	ms := x.Query(&sk, nil)
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		if m.ID != a.ID {
			out = append(out, m.ID)
		}
	}
	return out
}

// AddSketch indexes a document by its sketch and returns its position.
func (x *Index) AddSketch(id string, s *Sketch) int {
	x.mu.Lock()
	defer x.mu.Unlock()
	doc := len(x.ids)
	x.ids = append(x.ids, id)
	x.sketches = append(x.sketches, *s)
	x.next = append(x.next, make([]uint32, Bands)...)
	if doc+1 > len(x.heads[0]) {
		x.grow()
		return doc
	}
	x.link(doc)
	return doc
}

// link puts doc at the head of its chain in every band.
func (x *Index) link(doc int) {
	s := &x.sketches[doc]
	for b := 0; b < Bands; b++ {
		slot := bandKey(s, b) & x.mask
		x.next[doc*Bands+b] = x.heads[b][slot]
		x.heads[b][slot] = uint32(doc + 1)
	}
}

// grow doubles the band tables (at least 1024 slots) and relinks every
// document from its stored sketch: the load stays at most one document per
// slot.
func (x *Index) grow() {
	size := 1024
	for size < len(x.ids) {
		size *= 2
	}
	if len(x.heads[0]) > 0 && size < 2*len(x.heads[0]) {
		size = 2 * len(x.heads[0])
	}
	x.mask = uint64(size - 1)
	for b := range x.heads {
		x.heads[b] = make([]uint32, size)
	}
	for d := range x.ids {
		x.link(d)
	}
}

// Query returns the indexed documents sharing at least one LSH band with s
// whose estimated Jaccard similarity is at least MinEstimate, most similar
// first, appended to dst.
func (x *Index) Query(s *Sketch, dst []Match) []Match {
	min := x.MinEstimate
	if min == 0 {
		min = DefaultMinEstimate
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	if len(x.ids) == 0 {
		return dst
	}
	start := len(dst)
	var seenBuf [64]int
	seen := seenBuf[:0]
	for b := 0; b < Bands; b++ {
		slot := bandKey(s, b) & x.mask
		for d1 := x.heads[b][slot]; d1 != 0; d1 = x.next[int(d1-1)*Bands+b] {
			d := int(d1 - 1)
			if !bandEqual(s, &x.sketches[d], b) {
				continue // another band value in the same slot
			}
			dup := false
			for _, o := range seen {
				if o == d {
					dup = true
					break
				}
			}
			if dup {
				continue
			}
			seen = append(seen, d)
			if e := Estimate(s, &x.sketches[d]); e >= min {
				dst = append(dst, Match{Doc: d, ID: x.ids[d], Estimate: e})
			}
		}
	}
	sortMatches(dst[start:])
	return dst
}

func sortMatches(m []Match) {
	// insertion sort: the lists are short
	for i := 1; i < len(m); i++ {
		for j := i; j > 0 && (m[j].Estimate > m[j-1].Estimate || m[j].Estimate == m[j-1].Estimate && m[j].Doc < m[j-1].Doc); j-- {
			m[j], m[j-1] = m[j-1], m[j]
		}
	}
}
