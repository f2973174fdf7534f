package quote

import (
	"math/rand"

	"github.com/crosscheck-news/crosscheck"
)

// TaggerDoc is one annotated article to train the tagger on: the article
// (analysed by text.Analyze) and the gold spans of each part. Several
// annotations of one article share its *Article.
type TaggerDoc struct {
	Article              *crosscheck.Article
	Source, Cue, Content []crosscheck.Span
}

// TrainConfig sets a training run of the tagger.
type TrainConfig struct {
	// Bits is the size of the hashed weight table: 1<<Bits rows.
	Bits uint8
	// Epochs is the number of passes over the documents.
	Epochs int
	// Seed fixes the order the paragraphs are visited in, so that a run is
	// reproducible.
	Seed int64
	// AfterEpoch, when set, is called after every pass with the tagger so
	// far (averaged and quantised, as it would be written).
	AfterEpoch func(epoch int, t *Tagger)
}

// trainArticle is an article prepared for training and its annotations.
type trainArticle struct {
	ctx   *tagContext
	golds [][]uint8 // per annotation, the BIO tag of every token
}

// trainUnit is one paragraph of one annotation.
type trainUnit struct {
	feats []uint32
	gold  []uint8
}

// TrainTagger fits an averaged structured perceptron on docs. Training
// is deterministic: the same
// documents, in the same order, with the same config give the same model.
func TrainTagger(docs []TaggerDoc, cfg TrainConfig) *Tagger {
	if cfg.Bits == 0 {
		cfg.Bits = 17
	}
	// The rules' pass and the features of an article are shared by its
	// annotations.
	var arts []*trainArticle
	index := map[*crosscheck.Article]int{}
	for _, d := range docs {
		k, ok := index[d.Article]
		if !ok {
			f := findRules(d.Article)
			if f == nil {
				continue
			}
			k = len(arts)
			index[d.Article] = k
			arts = append(arts, &trainArticle{ctx: newTagContext(f)})
		}
		var spans []labelledSpan
		for _, s := range d.Content {
			spans = append(spans, labelledSpan{s, 3})
		}
		for _, s := range d.Cue {
			spans = append(spans, labelledSpan{s, 2})
		}
		for _, s := range d.Source {
			spans = append(spans, labelledSpan{s, 1})
		}
		arts[k].golds = append(arts[k].golds, ruleTags(d.Article.Tokens, spans))
	}
	st := trainWeights(arts, cfg.Bits, cfg.Epochs, cfg.Seed, func(ep int, st weights) {
		if cfg.AfterEpoch != nil {
			cfg.AfterEpoch(ep, &Tagger{weights: st})
		}
	})
	return &Tagger{weights: st}
}

// trainWeights fits the weights by the averaged perceptron over the
// paragraphs of arts, visited in an order shuffled by seed every pass.
func trainWeights(arts []*trainArticle, bits uint8, epochs int, seed int64, after func(int, weights)) weights {
	mask := uint64(1)<<bits - 1
	const nf = numFeatures
	var units []trainUnit
	var buf []uint64
	for _, a := range arts {
		for _, u := range a.ctx.units {
			buf = a.ctx.features(u, buf[:0])
			fs := make([]uint32, len(buf))
			for i, h := range buf {
				fs[i] = uint32(h & mask)
			}
			for _, g := range a.golds {
				units = append(units, trainUnit{feats: fs, gold: g[u[0]:u[1]]})
			}
		}
	}
	nw := (1 << bits) * int(numTags)
	w := make([]float32, nw)
	acc := make([]float32, nw) // Σ c·Δ, for averaging
	var trans, transAcc [numTags + 1][numTags]float32
	c := float32(1)
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(units))
	for i := range order {
		order[i] = i
	}
	var sc []float32
	var back, pred []uint8
	average := func() weights {
		avg := make([]float32, nw)
		for i := range avg {
			avg[i] = w[i] - acc[i]/c
		}
		var at [numTags + 1][numTags]float32
		for p := range at {
			for y := range at[p] {
				at[p][y] = trans[p][y] - transAcc[p][y]/c
			}
		}
		return quantise(bits, avg, at)
	}
	for ep := 1; ep <= epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, ui := range order {
			u := &units[ui]
			n := len(u.gold)
			sc = grow(sc, n*int(numTags))
			back = grow(back, n*int(numTags))
			pred = grow(pred, n)
			for i := 0; i < n; i++ {
				o := sc[i*int(numTags) : (i+1)*int(numTags)]
				for y := range o {
					o[y] = 0
				}
				for _, h := range u.feats[i*nf : (i+1)*nf] {
					row := w[int(h)*int(numTags):]
					for y := range o {
						o[y] += row[y]
					}
				}
			}
			viterbi(sc, &trans, pred, back)
			for i := 0; i < n; i++ {
				g, p := u.gold[i], pred[i]
				if g != p {
					for _, h := range u.feats[i*nf : (i+1)*nf] {
						b := int(h) * int(numTags)
						w[b+int(g)]++
						acc[b+int(g)] += c
						w[b+int(p)]--
						acc[b+int(p)] -= c
					}
				}
				gp, pp := tagStart, tagStart
				if i > 0 {
					gp, pp = u.gold[i-1], pred[i-1]
				}
				if gp != pp || g != p {
					trans[gp][g]++
					transAcc[gp][g] += c
					trans[pp][p]--
					transAcc[pp][p] -= c
				}
			}
			c++
		}
		if after != nil {
			after(ep, average())
		}
	}
	return average()
}
