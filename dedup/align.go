package dedup

import (
	"github.com/crosscheck-news/crosscheck"
)

// AlignThreshold is the Similarity at or above which a sentence of one
// article may be aligned to a sentence of another. It is lower than the
// paraphrase decision threshold: an aligned sentence must also keep its
// place in the order of both articles, and a rewrite is only called when
// many sentences align (see Find).
const AlignThreshold = 0.35

// minAlignTokens is the fewest word and number tokens a sentence needs to
// be aligned: headings and fragments ("Future Prospects") match by chance.
const minAlignTokens = 6

// Pair is one aligned sentence pair: sentence A of the first article and
// sentence B of the second, with their Similarity.
type Pair struct {
	A, B  int
	Score float64
}

// Alignment is an in-order alignment of the sentences of two articles.
type Alignment struct {
	Pairs []Pair
	// ShareA, ShareB are the shares of each article's sentence bytes that
	// are aligned.
	ShareA, ShareB float64
	// QuoteFree counts the aligned pairs whose sentence in A is not mostly
	// a direct quotation: shared quotes alone do not make a rewrite.
	QuoteFree int
	// Strong counts the quote-free pairs whose Similarity reaches
	// StrongAlign: sentences so close that independent reporting of the same
	// facts rarely produces them.
	Strong int
}

// StrongAlign is the Similarity of a strongly aligned sentence pair (see
// Alignment.Strong). Two independent reports of one event align many
// sentences weakly — the same names, numbers and facts in their own words —
// but few strongly; a rewrite keeps the original's wording in most of them.
const StrongAlign = 0.85

// prepared is an article with its sentences prepared in a shared Vocab.
type prepared struct {
	art   *crosscheck.Article
	sents []*Sent
	// byStem lists, per interned stem, the sentences holding it.
	byStem map[int32][]int32
	quote  []bool // sentence is mostly inside quotation marks
	bytes  int    // total sentence bytes
}

func prepare(v *Vocab, a *crosscheck.Article) *prepared {
	p := &prepared{art: a, byStem: map[int32][]int32{}}
	for i, s := range a.Sentences {
		var toks []crosscheck.Token
		if i < len(a.SentenceTokens) {
			r := a.SentenceTokens[i]
			if r[0] >= 0 && r[0] <= r[1] && r[1] <= len(a.Tokens) {
				toks = a.Tokens[r[0]:r[1]]
			}
		}
		st := v.Sentence(toks, true)
		p.sents = append(p.sents, st)
		for _, id := range st.set {
			p.byStem[id] = append(p.byStem[id], int32(i))
		}
		p.quote = append(p.quote, mostlyQuoted(a.Slice(s)))
		p.bytes += s.Len()
	}
	return p
}

// reuse returns the preparation of a, whose text is word for word that of
// p's article, sharing p's sentences; a's sentences count towards the IDF
// weights as prepare would count them.
func (v *Vocab) reuse(p *prepared, a *crosscheck.Article) *prepared {
	for _, s := range p.sents {
		v.count(s)
	}
	q := *p
	q.art = a
	return &q
}

// mostlyQuoted reports whether more than half of a sentence's bytes lie
// between quotation marks.
func mostlyQuoted(s string) bool {
	in, inside, start := 0, false, 0
	for i, r := range s {
		switch r {
		case '"', '“', '”', '«', '»', '„':
			if inside {
				in += i - start
			} else {
				start = i
			}
			inside = !inside
		}
	}
	if inside {
		in += len(s) - start
	}
	return 2*in > len(s)
}

// align finds the in-order alignment of a's sentences to b's that
// maximises the summed excess of Similarity over AlignThreshold. Order is
// kept on both sides; several sentences of a may follow one sentence of b
// (a rewrite that splits a sentence), never the reverse order.
func align(v *Vocab, a, b *prepared) Alignment {
	return v.alignScored(a, b, scores(v, a, b))
}

// alignBoth is align(v, a, b) and align(v, b, a), scoring each sentence
// pair once: Similarity is symmetric (every feature is, exactly: each
// one-sided pair is reported as min and max), and so is the filter of the
// pairs scored (the rare stems both sentences hold).
func alignBoth(v *Vocab, a, b *prepared) (Alignment, Alignment) {
	score := scores(v, a, b)
	n, m := len(a.sents), len(b.sents)
	back := make([]float64, len(score))
	for i := range n {
		for j := range m {
			back[j*n+i] = score[i*m+j]
		}
	}
	return v.alignScored(a, b, score), v.alignScored(b, a, back)
}

// scores is the n×m matrix (row-major) of the Similarity of a's sentences
// to b's, 0 where below AlignThreshold or not scored (see eachCandidate).
func scores(v *Vocab, a, b *prepared) []float64 {
	n, m := len(a.sents), len(b.sents)
	if n == 0 || m == 0 {
		return nil
	}
	score := make([]float64, n*m)
	eachCandidate(v, a, b, func(i, j int) bool {
		score[i*m+j] = v.alignScore(a.sents[i], b.sents[j])
		return true
	})
	return score
}

// eachCandidate calls yield for the sentence pairs (i of a, j of b) worth
// scoring: both long enough to align, and sharing at least two stems that
// are not in most sentences of the batch. Pairs come by i, then j; yield
// returns false to stop.
func eachCandidate(v *Vocab, a, b *prepared, yield func(i, j int) bool) {
	shared := make([]int, len(b.sents))
	rare := func(id int32) bool { return int(v.df[id])*4 < v.n+4 }
	for i, s := range a.sents {
		if s.Len() < minAlignTokens {
			continue
		}
		clear(shared)
		for _, id := range s.set {
			if !rare(id) {
				continue
			}
			for _, j := range b.byStem[id] {
				shared[j]++
			}
		}
		for j, c := range shared {
			if c >= 2 && b.sents[j].Len() >= minAlignTokens && !yield(i, j) {
				return
			}
		}
	}
}

// mayRewrite reports whether a or b can be a rewrite of the other without
// an agency credit (see isRewrite): that takes RewriteSentences quote-free
// sentences of the copy aligned at StrongAlign or more, and a sentence can
// only be if some candidate partner (eachCandidate) reaches StrongAlign
// (mayReach, which settles most pairs on their cheap features).
// Independent reports of one event fail this test at a fraction of the
// cost of their alignment.
func mayRewrite(v *Vocab, a, b *prepared) bool {
	strongA, strongB := make([]bool, len(a.sents)), make([]bool, len(b.sents))
	var inA, inB int
	eachCandidate(v, a, b, func(i, j int) bool {
		needA, needB := !a.quote[i] && !strongA[i], !b.quote[j] && !strongB[j]
		if (!needA && !needB) || !v.mayReach(a.sents[i], b.sents[j], StrongAlign) {
			return true
		}
		if needA {
			strongA[i] = true
			inA++
		}
		if needB {
			strongB[j] = true
			inB++
		}
		return inA < RewriteSentences && inB < RewriteSentences
	})
	return inA >= RewriteSentences || inB >= RewriteSentences
}

// alignScored is align over the given scores (see scores). Its tables are
// v's scratch, reused from one pair of articles to the next.
func (v *Vocab) alignScored(a, b *prepared, score []float64) Alignment {
	n, m := len(a.sents), len(b.sents)
	if n == 0 || m == 0 {
		return Alignment{}
	}
	// dp[i][j]: best total of an alignment whose last pair is (i, j);
	// best[i][j]: max of dp[i'][j'] over i' ≤ i, j' ≤ j.
	if cap(v.dp) < n*m {
		v.dp, v.best = make([]float64, n*m), make([]float64, n*m)
	}
	dp, best := v.dp[:n*m], v.best[:n*m]
	clear(dp)
	clear(best)
	at := func(t []float64, i, j int) float64 {
		if i < 0 || j < 0 {
			return 0
		}
		return t[i*m+j]
	}
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			if s := score[i*m+j]; s > 0 {
				dp[i*m+j] = s - AlignThreshold + 1e-9 + at(best, i-1, j)
			}
			bb := dp[i*m+j]
			if x := at(best, i-1, j); x > bb {
				bb = x
			}
			if x := at(best, i, j-1); x > bb {
				bb = x
			}
			best[i*m+j] = bb
		}
	}
	// Trace back from the best cell.
	var pairs []Pair
	i, j := n-1, m-1
	for i >= 0 && j >= 0 {
		target := best[i*m+j]
		if target <= 0 {
			break
		}
		// find the cell (i', j') ≤ (i, j) whose dp equals target, latest first
		fi, fj := -1, -1
		for ii := i; ii >= 0 && fi < 0; ii-- {
			for jj := j; jj >= 0; jj-- {
				if dp[ii*m+jj] == target {
					fi, fj = ii, jj
					break
				}
			}
		}
		if fi < 0 {
			break
		}
		pairs = append(pairs, Pair{A: fi, B: fj, Score: score[fi*m+fj]})
		i, j = fi-1, fj
	}
	for l, r := 0, len(pairs)-1; l < r; l, r = l+1, r-1 {
		pairs[l], pairs[r] = pairs[r], pairs[l]
	}
	al := Alignment{Pairs: pairs}
	var ba, bb int
	seenB := map[int]bool{}
	for _, p := range pairs {
		ba += a.art.Sentences[p.A].Len()
		if !seenB[p.B] {
			seenB[p.B] = true
			bb += b.art.Sentences[p.B].Len()
		}
		if !a.quote[p.A] {
			al.QuoteFree++
			if p.Score >= StrongAlign {
				al.Strong++
			}
		}
	}
	if a.bytes > 0 {
		al.ShareA = float64(ba) / float64(a.bytes)
	}
	if b.bytes > 0 {
		al.ShareB = float64(bb) / float64(b.bytes)
	}
	return al
}

// evidence turns aligned sentence pairs into span pairs, merging runs of
// consecutive sentences on both sides within one paragraph of the copy.
func evidence(copy, of *crosscheck.Article, pairs []Pair) []crosscheck.AlignedSpan {
	var out []crosscheck.AlignedSpan
	lastA, lastB := -2, -2
	for _, p := range pairs {
		cs, os := copy.Sentences[p.A], of.Sentences[p.B]
		if len(out) > 0 && p.A == lastA+1 && (p.B == lastB || p.B == lastB+1) &&
			!containsNewline(copy.Text, out[len(out)-1].Copy.End, cs.Start) &&
			!containsNewline(of.Text, out[len(out)-1].Of.End, os.Start) {
			e := &out[len(out)-1]
			e.Copy.End = cs.End
			if os.End > e.Of.End {
				e.Of.End = os.End
			}
		} else {
			out = append(out, crosscheck.AlignedSpan{Copy: cs, Of: os})
		}
		lastA, lastB = p.A, p.B
	}
	return out
}

func containsNewline(s string, from, to int) bool {
	if from < 0 || to > len(s) || from > to {
		return true
	}
	for i := from; i < to; i++ {
		if s[i] == '\n' {
			return true
		}
	}
	return false
}
