package quote

import (
	"bytes"
	"compress/gzip"
	_ "embed" // the fitted tagger model
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/crosscheck-news/crosscheck"
)

// The learned tagger labels every token of a paragraph with a BIO tag of
// the three parts of an attribution (source, cue, content). The rules miss
// a long tail of cue words and speaker frames ("made it clear", "X's
// criticism of", "calls for"); the tagger reads the rules' own labels as
// features, so it learns where they are right and extends them to what
// they miss. FindWith keeps the attributions of the rules whose cue the
// tagger agrees with, lets the tagger correct their sources and add
// content, and adds the attributions the tagger finds where the rules
// found nothing.

// BIO tags of the tagger.
const (
	tagO uint8 = iota
	tagBSource
	tagISource
	tagBCue
	tagICue
	tagBContent
	tagIContent
	numTags
)

// tagStart is the previous tag of a unit's first token in the transition
// table.
const tagStart = numTags

// partOf is the part (1 source, 2 cue, 3 content; 0 none) a tag labels.
func partOf(t uint8) uint8 { return (t + 1) / 2 }

// isInside reports an I tag.
func isInside(t uint8) bool { return t != tagO && t%2 == 0 }

// allowed reports whether tag cur may follow tag prev: an I tag continues
// a span of its own part only.
func allowed(prev, cur uint8) bool {
	if !isInside(cur) {
		return true
	}
	return prev != tagStart && prev != tagO && partOf(prev) == partOf(cur)
}

// Tagger is a fitted averaged-perceptron tagger with the knobs that set
// how its attributions complete the rules'.
type Tagger struct {
	weights
	// Bias is added to the score of O at every token: above zero the
	// tagger labels fewer tokens, more surely.
	Bias float32
	// AddMin is the least mean margin over O of the cue and of the content
	// of an attribution the tagger adds where the rules found none;
	// SourceMin that of a source, replacing the rules' or in an added
	// attribution (which otherwise goes without one).
	AddMin, SourceMin float32
	// SourcedMin, at most AddMin, is the least mean margin of the cue and
	// of the content of an added attribution whose source clears
	// SourceMin: an attribution whose three parts the tagger finds is
	// surer than a cue and content alone (of the tagger's additions to
	// held-out train with margins of 200 or more, about three in four
	// with a sure source are annotated, three in five of the others).
	SourcedMin float32
}

// weights are the perceptron's: hashed feature weights quantised to int8, and
// the transition weights between tags.
type weights struct {
	bits  uint8
	mask  uint64
	q     []int8   // (1<<bits) × numTags weights, times scale
	rows  []uint64 // q packed for emissions
	scale float32
	trans [numTags + 1][numTags]float32
}

// WithBias returns a copy of t, sharing its weights, whose O score is
// raised by b.
func (t *Tagger) WithBias(b float32) *Tagger {
	c := *t
	c.Bias = b
	return &c
}

// WithMargins returns a copy of t, sharing its weights, with the given
// AddMin and SourceMin, and SourcedMin equal to AddMin.
func (t *Tagger) WithMargins(add, source float32) *Tagger {
	c := *t
	c.AddMin, c.SourceMin, c.SourcedMin = add, source, add
	return &c
}

// WithSourcedMin returns a copy of t, sharing its weights, with the given
// SourcedMin.
func (t *Tagger) WithSourcedMin(m float32) *Tagger {
	c := *t
	c.SourcedMin = m
	return &c
}

//go:embed attribution_model.bin
var modelBin []byte

var (
	embeddedOnce sync.Once
	embedded     *Tagger
)

// EmbeddedTagger returns the tagger fitted by `crosscheck eval quotes
// --fit`, nil when the build holds no model (the rules then run alone).
func EmbeddedTagger() *Tagger {
	embeddedOnce.Do(func() {
		if len(modelBin) == 0 {
			return
		}
		t, err := ReadTagger(bytes.NewReader(modelBin))
		if err != nil {
			// A model that does not load is a build defect, not an input
			// error: fail loudly rather than drop to the rules unseen.
			panic(fmt.Sprintf("quote: embedded attribution_model.bin: %v", err))
		}
		embedded = t
	})
	return embedded
}

// modelMagic opens the model file; the byte after it is the format version.
const (
	modelMagic   = "CCQT"
	modelVersion = 4
)

// WriteTo writes the tagger in the model file format: gzip of magic,
// version, bias, AddMin, SourceMin, SourcedMin, hash bits, scale,
// transitions and the int8 weights, little-endian.
func (t *Tagger) WriteTo(w io.Writer) (int64, error) {
	var raw bytes.Buffer
	raw.WriteString(modelMagic)
	raw.WriteByte(modelVersion)
	binary.Write(&raw, binary.LittleEndian, [4]float32{t.Bias, t.AddMin, t.SourceMin, t.SourcedMin})
	raw.WriteByte(t.bits)
	binary.Write(&raw, binary.LittleEndian, t.scale)
	binary.Write(&raw, binary.LittleEndian, t.trans)
	for _, v := range t.q {
		raw.WriteByte(byte(v))
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(raw.Bytes())
	if err := zw.Close(); err != nil {
		return 0, fmt.Errorf("quote: writing tagger model: %w", err)
	}
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}

// ReadTagger reads a model written by WriteTo.
func ReadTagger(r io.Reader) (*Tagger, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("tagger model: %w", err)
	}
	if len(raw) < 5 || string(raw[:4]) != modelMagic || raw[4] != modelVersion {
		return nil, fmt.Errorf("tagger model: not a version %d %s model", modelVersion, modelMagic)
	}
	t := &Tagger{}
	br := bytes.NewReader(raw[5:])
	var knobs [4]float32
	if err := binary.Read(br, binary.LittleEndian, &knobs); err != nil {
		return nil, fmt.Errorf("tagger model: bias and margins: %w", err)
	}
	t.Bias, t.AddMin, t.SourceMin, t.SourcedMin = knobs[0], knobs[1], knobs[2], knobs[3]
	if t.bits, err = br.ReadByte(); err != nil || t.bits < 8 || t.bits > 24 {
		return nil, fmt.Errorf("tagger model: hash bits %d out of range", t.bits)
	}
	t.mask = 1<<t.bits - 1
	if err := binary.Read(br, binary.LittleEndian, &t.scale); err != nil {
		return nil, fmt.Errorf("tagger model: scale: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, &t.trans); err != nil {
		return nil, fmt.Errorf("tagger model: transitions: %w", err)
	}
	if n := (1 << t.bits) * int(numTags); br.Len() != n {
		return nil, fmt.Errorf("tagger model: %d weight bytes, want %d", br.Len(), n)
	}
	rest := raw[len(raw)-br.Len():]
	t.q = make([]int8, len(rest))
	for i, b := range rest {
		t.q[i] = int8(b)
	}
	t.pack()
	return t, nil
}

// quantise makes runtime weights of float weights: int8 weights scaled by
// the largest magnitude.
func quantise(bits uint8, w []float32, trans [numTags + 1][numTags]float32) weights {
	var max float32
	for _, v := range w {
		if a := float32(math.Abs(float64(v))); a > max {
			max = a
		}
	}
	st := weights{bits: bits, mask: 1<<bits - 1, q: make([]int8, len(w)), trans: trans, scale: 1}
	if max > 0 {
		st.scale = max / 127
	}
	for i, v := range w {
		st.q[i] = int8(math.Round(float64(v / st.scale)))
	}
	st.pack()
	return st
}

// emissions fills sc (n × numTags) with the tag scores of the n tokens
// whose features are feats (n × numFeatures hashes); bias is added to O.
func (st *weights) emissions(feats []uint64, sc []float32, bias float32) {
	const lanes = 0x00FF00FF00FF00FF
	n := len(feats) / numFeatures
	for i := 0; i < n; i++ {
		// Each row is eight offset bytes in one word: summing the even
		// and the odd bytes in 16-bit lanes adds all tags at once.
		var even, odd uint64
		for _, h := range feats[i*numFeatures : (i+1)*numFeatures] {
			x := st.rows[h&st.mask]
			even += x & lanes
			odd += (x >> 8) & lanes
		}
		o := sc[i*int(numTags) : (i+1)*int(numTags)]
		for y := range o {
			lane := even
			if y&1 == 1 {
				lane = odd
			}
			v := int32(lane>>(16*(y/2))&0xFFFF) - numFeatures*128
			o[y] = float32(v) * st.scale
		}
		o[tagO] += bias
	}
}

// pack makes the rows of q: per hash row, the numTags weights as bytes
// offset by 128, low byte first, in one word.
func (st *weights) pack() {
	st.rows = make([]uint64, len(st.q)/int(numTags))
	for r := range st.rows {
		var x uint64
		for y := 0; y < int(numTags); y++ {
			x |= uint64(uint8(int16(st.q[r*int(numTags)+y])+128)) << (8 * y)
		}
		st.rows[r] = x
	}
}

// viterbi returns in out the best tag sequence for emission scores sc
// (n × numTags) under transition weights trans and the BIO constraint.
// back is scratch of n × numTags.
func viterbi(sc []float32, trans *[numTags + 1][numTags]float32, out []uint8, back []uint8) {
	n := len(out)
	if n == 0 {
		return
	}
	// The BIO constraint as transitions no path can afford.
	const neg = -1e30
	var ct [numTags + 1][numTags]float32
	for p := range ct {
		for y := range ct[p] {
			ct[p][y] = trans[p][y]
			if !allowed(uint8(p), uint8(y)) {
				ct[p][y] = neg
			}
		}
	}
	var cur, next [numTags]float32
	for y := range cur {
		cur[y] = sc[y] + ct[tagStart][y]
	}
	for i := 1; i < n; i++ {
		e := sc[i*int(numTags) : (i+1)*int(numTags)]
		bk := back[i*int(numTags) : (i+1)*int(numTags)]
		for y := 0; y < int(numTags); y++ {
			best, arg := cur[0]+ct[0][y], uint8(0)
			for p := 1; p < int(numTags); p++ {
				if s := cur[p] + ct[p][y]; s > best {
					best, arg = s, uint8(p)
				}
			}
			next[y] = best + e[y]
			bk[y] = arg
		}
		cur = next
	}
	best, arg := cur[0], uint8(0)
	for y := 1; y < int(numTags); y++ {
		if cur[y] > best {
			best, arg = cur[y], uint8(y)
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = arg
		if i > 0 {
			arg = back[i*int(numTags)+int(arg)]
		}
	}
}

// tagPass is the memory of tagging one article, pooled so that Find
// allocates its context, tags and scratch once per process (per
// goroutine at a time), not once per article. Nothing FindWith returns
// refers to it.
type tagPass struct {
	ctx    tagContext
	s      tagScratch
	tags   []uint8
	margin []float32
	// extra holds the tagger's attributions; complete copies them out.
	extra []taggedAttribution
}

var tagPasses = sync.Pool{New: func() any { return new(tagPass) }}

// tagScratch is the reusable memory of one tagging pass.
type tagScratch struct {
	feats []uint64
	sc    []float32
	back  []uint8
}

// tag labels every token of the article of ctx, paragraph by paragraph.
// It also returns, per token, the margin of its tag over O (0 for O): how
// sure the tagger is.
func (t *Tagger) tag(ctx *tagContext) ([]uint8, []float32) {
	var s tagScratch
	return t.tagInto(ctx, &s, nil, nil)
}

// tagInto is tag with its scratch s and its results' memory tags and
// margin reused when large enough.
func (t *Tagger) tagInto(ctx *tagContext, s *tagScratch, tags []uint8, margin []float32) ([]uint8, []float32) {
	tags = grow(tags, len(ctx.info))
	clear(tags)
	margin = grow(margin, len(ctx.info))
	clear(margin)
	for _, u := range ctx.units {
		n := u[1] - u[0]
		s.feats = ctx.features(u, s.feats[:0])
		s.sc = grow(s.sc, n*int(numTags))
		s.back = grow(s.back, n*int(numTags))
		t.emissions(s.feats, s.sc, t.Bias)
		viterbi(s.sc, &t.trans, tags[u[0]:u[1]], s.back)
		for i := u[0]; i < u[1]; i++ {
			if y := tags[i]; y != tagO {
				e := s.sc[(i-u[0])*int(numTags):]
				margin[i] = e[y] - e[tagO]
			}
		}
	}
	return tags, margin
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// FindWith is Find with the tagger t completing the rules; t nil runs
// the rules alone. Every attribution of the rules is kept but those whose
// cue the tagger does not label a cue (rejectUnseen). Where the tagger
// has an attribution with the same cue, its source replaces the
// rules' (the tagger, trained on the rules' labels, learned where they
// frame the speaker wrongly) and its content the rules left out is added
// as Reported; where the rules found nothing, the tagger's attributions
// with a cue and content are added when sure enough (Tagger.AddMin) and
// not of a kind the rules reject on purpose (addOK).
func FindWith(a *crosscheck.Article, t *Tagger) []Attribution {
	f := findRules(a)
	if f == nil {
		return nil
	}
	out := f.out
	if t != nil {
		out = f.withTagger(t)
	}
	f.nameRelatives(out)
	f.trimAdverbs(out)
	f.completeQuantified(out)
	for i := range out {
		trimDatelines(a.Text, out[i].Content)
		trimAsides(a.Text, out[i].Content)
	}
	return out
}

// withTagger completes the rules' attributions of f with tagger t's.
func (f *finder) withTagger(t *Tagger) []Attribution {
	p := tagPasses.Get().(*tagPass)
	defer tagPasses.Put(p)
	ctx := &p.ctx
	ctx.prepare(f)
	p.tags, p.margin = t.tagInto(ctx, &p.s, p.tags, p.margin)
	tags, margin := p.tags, p.margin
	rules := rejectUnseen(f, tags)
	p.extra = appendTagged(p.extra[:0], f, ctx, tags, margin)
	extra := p.extra
	if len(extra) == 0 {
		return rules
	}
	out := complete(f.a.Text, rules, extra, t)
	sort.SliceStable(out, func(i, j int) bool { return firstPos(out[i]) < firstPos(out[j]) })
	return out
}

// rejectUnseen returns the rules' attributions less those none of whose
// cue words the tagger labels a cue. The tagger reads the rules' labels
// as features, so where it overrules a cue it has learned that the rules
// misread that kind of sentence: on held-out train, 44 of the 156
// attributions of the rules so overruled are annotated, against 89% of
// the others. Dropping them leaves room, under the fit's floor on the
// precision of whole attributions, for the tagger's additions. The
// speaker labels of a transcript ("HOST: …") are kept: the rules read
// them from the layout of the whole article, which the tagger does not
// see.
func rejectUnseen(f *finder, tags []uint8) []Attribution {
	seen := func(sp crosscheck.Span) bool {
		for i := searchTokens(f.toks, sp.Start); i < len(f.toks) && f.toks[i].Start < sp.End; i++ {
			if partOf(tags[i]) == 2 {
				return true
			}
		}
		return false
	}
	// Sized once; nil stays nil, as the rules return it.
	out := f.out[:0:0]
	if len(f.out) > 0 {
		out = make([]Attribution, 0, len(f.out))
	}
	for _, at := range f.out {
		if seen(at.Cue) || (f.transcript && at.Sense == Summary) {
			out = append(out, at)
		}
	}
	return out
}

// tokSpan is a half-open token range labelled with one part.
type tokSpan struct {
	from, to int
	part     uint8
}

// tagged groups the tagger's spans into attributions, per paragraph: each
// content span goes to the nearest cue, each cue takes the nearest source.
// A cue with neither content nor source makes no attribution; one with a
// source but no content is returned to complete the rules' attribution of
// that cue, and is never kept on its own.
func tagged(f *finder, ctx *tagContext, tags []uint8, margin []float32) []taggedAttribution {
	return appendTagged(nil, f, ctx, tags, margin)
}

// appendTagged appends tagged's attributions to out.
func appendTagged(out []taggedAttribution, f *finder, ctx *tagContext, tags []uint8, margin []float32) []taggedAttribution {
	// Scratch reused across paragraphs: most have no cue at all.
	var spans []tokSpan
	var cues []int
	var contents [][]tokSpan
	var source []tokSpan
	var hasSource []bool
	for _, u := range ctx.units {
		spans = spans[:0]
		for i := u[0]; i < u[1]; i++ {
			tg := tags[i]
			if tg == tagO {
				continue
			}
			if isInside(tg) && len(spans) > 0 && spans[len(spans)-1].to == i && spans[len(spans)-1].part == partOf(tg) {
				spans[len(spans)-1].to = i + 1
				continue
			}
			spans = append(spans, tokSpan{i, i + 1, partOf(tg)})
		}
		// Punctuation at the edges of a span is the sentence's, not the
		// span's ("John Reed, said").
		kept := spans[:0]
		for _, sp := range spans {
			for sp.from < sp.to && edgePunct(f.toks[sp.from].Norm) {
				sp.from++
			}
			for sp.to > sp.from && edgePunct(f.toks[sp.to-1].Norm) {
				sp.to--
			}
			if sp.to > sp.from {
				kept = append(kept, sp)
			}
		}
		spans = kept
		cues = cues[:0]
		for k, s := range spans {
			if s.part == 2 {
				cues = append(cues, k)
			}
		}
		if len(cues) == 0 {
			continue
		}
		dist := func(a, b tokSpan) int {
			if a.to <= b.from {
				return b.from - a.to
			}
			if b.to <= a.from {
				return a.from - b.to
			}
			return 0
		}
		nearest := func(s tokSpan) int {
			best, bd := -1, 1<<30
			for _, c := range cues {
				if d := dist(s, spans[c]); d < bd {
					best, bd = c, d
				}
			}
			return best
		}
		// Indexed by the cue's place in spans, as maps keyed by it would
		// be, without two maps per paragraph. Nothing returned shares
		// contents: Attribution.Content is appended to afresh.
		contents = grow(contents, len(spans))
		source = grow(source, len(spans))
		hasSource = grow(hasSource, len(spans))
		for k := range spans {
			contents[k] = contents[k][:0]
			hasSource[k] = false
		}
		for _, s := range spans {
			switch s.part {
			case 3:
				if c := nearest(s); c >= 0 {
					contents[c] = append(contents[c], s)
				}
			case 1:
				if c := nearest(s); c >= 0 {
					if old, ok := source[c], hasSource[c]; !ok || dist(s, spans[c]) < dist(old, spans[c]) {
						source[c], hasSource[c] = s, true
					}
				}
			}
		}
		for _, c := range cues {
			if len(contents[c]) == 0 && !hasSource[c] {
				continue
			}
			if k := len(contents[c]); k > 0 {
				contents[c][k-1] = f.wholeClause(contents[c][k-1], spans[c], tags)
			}
			at := Attribution{Cue: f.span([2]int{spans[c].from, spans[c].to})}
			ta := taggedAttribution{cue: meanMargin(margin, spans[c]), source: -1, content: -1}
			direct := true
			var cm, cn float32
			for _, s := range contents[c] {
				cm += meanMargin(margin, s) * float32(s.to-s.from)
				cn += float32(s.to - s.from)
				sp := f.span([2]int{s.from, s.to})
				at.Content = append(at.Content, sp)
				for i := s.from; i < s.to; i++ {
					if f.regionOf[i] < 0 {
						direct = false
					}
				}
			}
			at.Direct = direct && len(at.Content) > 0
			at.Sense = f.taggedSense(spans[c], contents[c], at.Direct)
			if cn > 0 {
				ta.content = cm / cn
			}
			if s, ok := source[c], hasSource[c]; ok {
				ta.source = meanMargin(margin, s)
				at.Source = f.span([2]int{s.from, s.to})
				at.Name = at.Source
				if s.to-s.from == 1 && f.w != nil && isPronoun(f.w, f.toks[s.from].Norm) {
					at.Pronoun = true
				}
			}
			for _, s := range contents[c] {
				for i := s.from; i < s.to; i++ {
					if f.toks[i].Kind != crosscheck.TokenPunct {
						ta.words++
					}
				}
			}
			ta.known = true
			for i := spans[c].from; i < spans[c].to; i++ {
				n := f.toks[i].Norm
				if f.cues[n] == 0 && f.others[n].kind == 0 && f.phrases[n] == nil && !(i > spans[c].from && f.phrases[f.toks[i-1].Norm] != nil) {
					ta.known = false
				}
			}
			for i := spans[c].from; i < spans[c].to; i++ {
				if f.cues[f.toks[i].Norm] == cueAs {
					ta.asCue = true
				}
			}
			ta.Attribution = at
			out = append(out, ta)
		}
	}
	return out
}

// taggedSense is the sense of an attribution of the tagger: that of its
// first cue word the rules' lexicon knows. With none known, it is Speech
// only for a quotation or a that-clause: a cue outside the lexicon over a
// phrase or a question ("are examining whether he ignored a warning")
// names what a position is about; it does not report a statement.
func (f *finder) taggedSense(cue tokSpan, content []tokSpan, direct bool) Sense {
	for i := cue.from; i < cue.to; i++ {
		if k, sense, _ := f.cueInfo(i); k != 0 {
			return sense
		}
	}
	if direct || len(content) > 0 && f.toks[content[0].from].Norm == "that" {
		return Speech
	}
	return Stance
}

// wholeClause extends content s, reported by cue, to the end of its
// sentence when it is a that-clause opening right after the cue ("shared
// that the atmosphere was one of joy") and the tagger left the rest of the
// sentence untagged: a clause reported so runs to the end of the sentence
// unless something else of the attribution starts, and the tagger, which
// reads a few words either side, sometimes stops early in a long sentence.
func (f *finder) wholeClause(s, cue tokSpan, tags []uint8) tokSpan {
	if s.from != cue.to || f.toks[s.from].Norm != "that" {
		return s
	}
	// The sentence holding the content's last token.
	sts := f.a.SentenceTokens
	k := sort.Search(len(sts), func(i int) bool { return sts[i][1] >= s.to })
	if k == len(sts) {
		return s
	}
	end := sts[k][1]
	for i := s.to; i < end; i++ {
		if tags[i] != tagO || f.regionOf[i] >= 0 {
			return s
		}
	}
	for end > s.to && (edgePunct(f.toks[end-1].Norm) || f.toks[end-1].Kind == crosscheck.TokenPunct) {
		end--
	}
	s.to = end
	return s
}

// taggedAttribution is an attribution of the tagger with the mean margin
// over O of the tags of its cue, source and content (-1 when it has
// none).
type taggedAttribution struct {
	Attribution
	cue, source, content float32
	words                int  // words of the content
	known                bool // the cue is only words of the rules' lexicon
	asCue                bool // the cue holds a characterising verb (cueAs)
}

func meanMargin(margin []float32, s tokSpan) float32 {
	var m float32
	for i := s.from; i < s.to; i++ {
		m += margin[i]
	}
	return m / float32(s.to-s.from)
}

func isPronoun(w *langWords, norm string) bool {
	_, ok := w.pronouns[norm]
	return ok
}

func spanOverlap(a, b crosscheck.Span) bool { return a.Start < b.End && b.Start < a.End }

// partsOverlap reports whether two attributions, of extents ea and eb,
// share any text.
func partsOverlap(a, b Attribution, ea, eb crosscheck.Span) bool {
	if !spanOverlap(ea, eb) {
		return false
	}
	hit := false
	eachPart(a, func(x crosscheck.Span) {
		if !hit && spanOverlap(x, eb) {
			eachPart(b, func(y crosscheck.Span) {
				hit = hit || spanOverlap(x, y)
			})
		}
	})
	return hit
}

// eachPart calls fn with every non-empty span of at.
func eachPart(at Attribution, fn func(crosscheck.Span)) {
	for _, s := range [2]crosscheck.Span{at.Source, at.Cue} {
		if s.Len() > 0 {
			fn(s)
		}
	}
	for _, s := range at.Content {
		fn(s)
	}
	for _, s := range at.Reported {
		fn(s)
	}
}

// extent is the span from the first to the last byte of at's parts.
func extent(at Attribution) crosscheck.Span {
	e := crosscheck.Span{Start: -1}
	eachPart(at, func(s crosscheck.Span) {
		if e.Start < 0 || s.Start < e.Start {
			e.Start = s.Start
		}
		if s.End > e.End {
			e.End = s.End
		}
	})
	return e
}

// clashes reports whether c overlaps a non-empty part of r: its source,
// cue, content or reported words. It walks the parts where they are
// rather than gathering them in a slice per call.
func clashes(r Attribution, c crosscheck.Span) bool {
	hit := func(x crosscheck.Span) bool { return x.Len() > 0 && spanOverlap(x, c) }
	if hit(r.Source) || hit(r.Cue) {
		return true
	}
	for _, x := range r.Content {
		if hit(x) {
			return true
		}
	}
	for _, x := range r.Reported {
		if hit(x) {
			return true
		}
	}
	return false
}

// complete merges the tagger's attributions extra into the rules' rules
// (see FindWith). A source replaces the rules' only with a mean margin of
// at least t.SourceMin; an attribution is added only with the mean
// margins of its cue and content at least t.AddMin, or t.SourcedMin when
// its source clears t.SourceMin.
func complete(txt string, rules []Attribution, extra []taggedAttribution, tg *Tagger) []Attribution {
	out := make([]Attribution, 0, len(rules)+len(extra))
	used := make([]bool, len(extra))
	ext := make([]crosscheck.Span, len(extra))
	for k, t := range extra {
		ext[k] = extent(t.Attribution)
	}
	for _, r := range rules {
		er := extent(r)
		for k, t := range extra {
			if !partsOverlap(r, t.Attribution, er, ext[k]) {
				continue
			}
			used[k] = true
			if !spanOverlap(t.Cue, r.Cue) {
				continue
			}
			if t.Source.Len() > 0 && t.Source != r.Source && t.source >= tg.SourceMin && replaceOK(txt, r.Source, t.Source, r.Name) {
				// The rules' Name within the tagger's source still names
				// the speaker; otherwise the tagger's source does.
				if !(r.Name.Len() > 0 && r.Name.Start >= t.Source.Start && r.Name.End <= t.Source.End) {
					r.Name = t.Source
				}
				r.Source, r.Pronoun = t.Source, t.Pronoun
				er = extent(r)
			}
			for _, c := range t.Content {
				if !clashes(r, c) {
					r.Reported = append(r.Reported, c)
					er = extent(r)
				}
			}
		}
		out = append(out, r)
	}
	for k, t := range extra {
		need := tg.AddMin
		if t.source >= 0 && t.source >= tg.SourceMin && tg.SourcedMin < need {
			need = tg.SourcedMin
		}
		if !used[k] && len(t.Content) > 0 && t.cue >= need && t.content >= need && addOK(t) {
			at := t.Attribution
			if t.source < tg.SourceMin {
				// Said, but by whom the tagger is not sure enough.
				at.Source, at.Name, at.Pronoun = crosscheck.Span{}, crosscheck.Span{}, false
			}
			out = append(out, at)
		}
	}
	return out
}

// edgePunct reports punctuation that ends or opens a span only as the
// sentence's: commas, dashes, colons, quotation marks. Brackets and full
// stops may be the span's own ("Sen. Ada Vance (D-Ore.)").
func edgePunct(norm string) bool {
	switch norm {
	case ",", ";", ":", "-", "--", "—", "–", "\"", "'", "...":
		return true
	}
	return false
}

// replaceOK reports whether the tagger's source ts may replace the
// rules' source rs of name name. It may not leave out the name the rules
// found (the speaker the story resolves), nor cut the end of a source
// holding a comma, a dash or a bracket: an apposition or a relative clause
// the rules take in on purpose ("Mr. Reed, who was traveling in Ohio and
// Iowa this week", "Reed — a county engineer since 2009").
func replaceOK(txt string, rs, ts, name crosscheck.Span) bool {
	if rs.Len() == 0 {
		return true
	}
	if name.Len() > 0 && spanOverlap(rs, ts) && !(name.Start >= ts.Start && name.End <= ts.End) {
		return false
	}
	return ts.End >= rs.End || !strings.ContainsAny(txt[rs.Start:rs.End], ",—–(")
}

// addOK reports whether the tagger's attribution may be added where the
// rules found none. Not when its cue holds a characterising verb of the
// rules' lexicon ("called", "described"): the rules read those with
// checks of their own (a title after "called" is no characterization).
// Not when its cue is unknown to the rules and its content shorter than
// three words: that is more often a verb and its object ("drew deep
// support among women") than a statement.
func addOK(t taggedAttribution) bool {
	return !t.asCue && (t.known || t.words >= 3)
}
