package dedup

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"time"
)

// BenchConfig describes a generated corpus for BenchIndex.
type BenchConfig struct {
	// N is the number of documents.
	N int
	// Seed makes the corpus reproducible.
	Seed uint64
	// Planted is the share of documents that are planted near copies of an
	// earlier original (0: 0.05).
	Planted float64
	// Levels are the Jaccard levels planted copies aim at (nil: a spread
	// from 0.3 to 1.0). The exact Jaccard of each planted pair is computed
	// and scored, not the aim.
	Levels []float64
	// MinEstimate is the index's reporting threshold (0: 0.7).
	MinEstimate float64
	// Vocabulary is the number of distinct token ids (0: 50,000), drawn
	// Zipf-distributed like words.
	Vocabulary int
	// MinLen, MaxLen bound document length in tokens (0: 200 and 800).
	MinLen, MaxLen int
}

// BenchResult is what BenchIndex measured.
type BenchResult struct {
	Docs, Pairs      int
	Elapsed          time.Duration // sketching, querying and adding only
	DocsPerSec       float64
	IndexBytesPerDoc float64 // Index.Bytes plus the ids, per document
	// Recall80 is the share of planted pairs with exact Jaccard ≥ 0.8 that
	// were reported.
	Recall80  float64
	Planted80 int
	Reported  int
	// Precision is the share of reported pairs whose exact Jaccard is at
	// least Gray (MinEstimate-0.1: the grey zone below the threshold where
	// either answer is acceptable); PrecisionStrict counts only pairs at or
	// above MinEstimate itself.
	Precision, PrecisionStrict float64
	Gray                       float64
	// ByLevel is the share reported per exact-Jaccard decile of the
	// planted pairs.
	ByLevel []LevelRate
}

// LevelRate is the detection rate of the planted pairs in one band of exact
// Jaccard similarity.
type LevelRate struct {
	Lo, Hi   float64
	Pairs    int
	Reported int
}

type benchPair struct {
	orig, copy int
	jaccard    float64
}

// benchCorpus generates document i's token ids deterministically, so no
// document has to be kept: an original is regenerated when a copy of it is
// made or a reported pair is checked.
type benchCorpus struct {
	cfg    BenchConfig
	origOf []int32   // -1 for an original, else the doc it copies
	aim    []float32 // aimed Jaccard of a copy
}

func (c *benchCorpus) base(i int, dst []uint32) []uint32 {
	r := rand.New(rand.NewPCG(c.cfg.Seed, uint64(i)*0x9e3779b97f4a7c15+1))
	z := rand.NewZipf(r, 1.07, 2, uint64(c.cfg.Vocabulary-1))
	n := c.cfg.MinLen + r.IntN(c.cfg.MaxLen-c.cfg.MinLen+1)
	dst = dst[:0]
	for k := 0; k < n; k++ {
		dst = append(dst, uint32(z.Uint64()))
	}
	return dst
}

// doc returns the token ids of document i: a fresh document, or a copy of
// its original with edits spread over it so that about the aimed share of
// shingles survives.
func (c *benchCorpus) doc(i int, dst []uint32) []uint32 {
	o := c.origOf[i]
	if o < 0 {
		return c.base(i, dst)
	}
	dst = c.base(int(o), dst)
	r := rand.New(rand.NewPCG(c.cfg.Seed^0x5bd1e995, uint64(i)))
	j := float64(c.aim[i])
	s := float64(len(dst) - ShingleSize + 1)
	changed := s * (1 - j) / (1 + j) // shingles to replace for Jaccard j
	edits := int(math.Round(changed / ShingleSize))
	for e := 0; e < edits; e++ {
		dst[r.IntN(len(dst))] = uint32(c.cfg.Vocabulary + r.IntN(1<<20)) // a word the original lacks
	}
	return dst
}

func benchShingles(ids []uint32, th, sh []uint64) ([]uint64, []uint64) {
	th = th[:0]
	for _, id := range ids {
		th = append(th, HashID(id))
	}
	return th, AppendShingles(sh[:0], th)
}

func exactJaccard(c *benchCorpus, a, b int) float64 {
	_, sa := benchShingles(c.doc(a, nil), nil, nil)
	_, sb := benchShingles(c.doc(b, nil), nil, nil)
	return Jaccard(sortUnique(sa), sortUnique(sb))
}

// BenchIndex generates cfg.N token-id documents with planted near copies,
// streams them through an Index (sketch, query, add: the code Find and the
// pipeline use) and scores the reported pairs against the planted ones.
// Progress lines go to log when it is not nil.
func BenchIndex(cfg BenchConfig, log io.Writer) (BenchResult, error) {
	if cfg.N <= 0 {
		return BenchResult{}, fmt.Errorf("bench dedup: want a positive number of documents, got %d", cfg.N)
	}
	if cfg.Planted == 0 {
		cfg.Planted = 0.05
	}
	if cfg.Levels == nil {
		cfg.Levels = []float64{0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1}
	}
	if cfg.MinEstimate == 0 {
		cfg.MinEstimate = 0.7
	}
	if cfg.Vocabulary == 0 {
		cfg.Vocabulary = 50000
	}
	if cfg.MinLen == 0 {
		cfg.MinLen = 200
	}
	if cfg.MaxLen < cfg.MinLen {
		cfg.MaxLen = 4 * cfg.MinLen
	}
	c := &benchCorpus{cfg: cfg, origOf: make([]int32, cfg.N), aim: make([]float32, cfg.N)}
	// Plan the copies: each original is copied at most once and no copy is
	// copied again, so the planted pairs are the only similar ones.
	r := rand.New(rand.NewPCG(cfg.Seed, 7))
	used := make([]bool, cfg.N)
	for i := range c.origOf {
		c.origOf[i] = -1
		if i < 10 || r.Float64() >= cfg.Planted {
			continue
		}
		lo := max(0, i-50000) // copies appear within a window of their original
		o := lo + r.IntN(i-lo)
		if used[o] || c.origOf[o] >= 0 {
			continue
		}
		used[o], used[i] = true, true
		c.origOf[i] = int32(o)
		c.aim[i] = float32(cfg.Levels[r.IntN(len(cfg.Levels))])
	}

	idx := &Index{MinEstimate: cfg.MinEstimate}
	var (
		sk       Sketcher
		sig      Sketch
		ids      []uint32
		th, sh   []uint64
		matches  []Match
		reported []benchPair
		elapsed  time.Duration
	)
	const batch = 1024
	docs := make([][]uint32, 0, batch)
	names := make([]string, cfg.N)
	for i := range names {
		names[i] = fmt.Sprintf("d%d", i)
	}
	idBytes := 0
	for i := range names {
		idBytes += 16 + len(names[i])
	}
	for start := 0; start < cfg.N; start += batch {
		end := min(cfg.N, start+batch)
		docs = docs[:0]
		for i := start; i < end; i++ {
			ids = c.doc(i, ids)
			docs = append(docs, append([]uint32(nil), ids...))
		}
		t0 := time.Now()
		for k, d := range docs {
			i := start + k
			th, sh = benchShingles(d, th, sh)
			if !sk.Sketch(sh, &sig) {
				continue
			}
			matches = idx.Query(&sig, matches[:0])
			for _, m := range matches {
				reported = append(reported, benchPair{orig: m.Doc, copy: i})
			}
			idx.AddSketch(names[i], &sig)
		}
		elapsed += time.Since(t0)
		if log != nil && (start/batch)%100 == 99 {
			fmt.Fprintf(log, "bench dedup: %d/%d documents\n", end, cfg.N)
		}
	}
	runtime.KeepAlive(docs)

	res := BenchResult{Docs: cfg.N, Elapsed: elapsed, Reported: len(reported)}
	res.DocsPerSec = float64(cfg.N) / elapsed.Seconds()
	res.IndexBytesPerDoc = float64(idx.Bytes()+idBytes) / float64(cfg.N)
	res.Gray = cfg.MinEstimate - 0.1

	// Score: exact Jaccard of every planted pair and of every reported pair
	// that was not planted (documents are regenerated for it).
	planted := map[[2]int]float64{}
	for i, o := range c.origOf {
		if o >= 0 {
			planted[[2]int{int(o), i}] = exactJaccard(c, int(o), i)
		}
	}
	res.Pairs = len(planted)
	got := map[[2]int]bool{}
	good, strict := 0, 0
	for _, p := range reported {
		key := [2]int{p.orig, p.copy}
		got[key] = true
		j, ok := planted[key]
		if !ok {
			j = exactJaccard(c, p.orig, p.copy)
		}
		if j >= res.Gray {
			good++
		}
		if j >= cfg.MinEstimate {
			strict++
		}
	}
	if len(reported) > 0 {
		res.Precision = float64(good) / float64(len(reported))
		res.PrecisionStrict = float64(strict) / float64(len(reported))
	} else {
		res.Precision, res.PrecisionStrict = 1, 1
	}
	levels := map[int]*LevelRate{}
	hit80 := 0
	for key, j := range planted {
		d := int(math.Min(j*10, 9))
		lr := levels[d]
		if lr == nil {
			lr = &LevelRate{Lo: float64(d) / 10, Hi: float64(d+1) / 10}
			levels[d] = lr
		}
		lr.Pairs++
		if got[key] {
			lr.Reported++
		}
		if j >= 0.8 {
			res.Planted80++
			if got[key] {
				hit80++
			}
		}
	}
	if res.Planted80 > 0 {
		res.Recall80 = float64(hit80) / float64(res.Planted80)
	}
	for _, lr := range levels {
		res.ByLevel = append(res.ByLevel, *lr)
	}
	sort.Slice(res.ByLevel, func(i, j int) bool { return res.ByLevel[i].Lo < res.ByLevel[j].Lo })
	return res, nil
}
