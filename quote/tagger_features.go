package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/dedup"
)

// numFeatures is how many hashed features every token has: one per
// template below, so a token's features are a fixed-size row.
const numFeatures = 44

// tokInfo is what the feature templates read of one token.
type tokInfo struct {
	word, stem, shape, suf uint64 // hashes
	cap                    uint8
	// quote is 0 outside quotation marks, 1 on a mark, 2 inside.
	quote uint8
	// cue is the rules' lexicon class of the word: 0 none, 1+kind for a
	// speech cue, 10+sense for another cue, 20/21 for the first/second
	// word of a two-word cue.
	cue uint8
	// rule is the rules' BIO tag of the token.
	rule uint8
	// sentPos and sentLeft bucket the position from the sentence's start
	// and end; sentIdx the sentence's place in its paragraph.
	sentPos, sentLeft, sentIdx uint8
	// sentFlags: 1 the sentence holds a known cue, 2 a rules' cue, 4 a
	// quotation mark.
	sentFlags uint8
	paraIdx   uint8
	// cueLeft and cueRight bucket the distance in the sentence to the
	// nearest cue (of the lexicon or the rules) on either side, 7 none;
	// cueWordRight is the word of the one on the right.
	cueLeft, cueRight uint8
	cueWordRight      uint64
	// quoteLeft and quoteRight bucket the distance to the nearest token
	// in quotation marks outside them, 7 none.
	quoteLeft, quoteRight uint8
	// role is the closed class of the word (roles): pronoun, noun for
	// people, finding noun, complement, determiner, preposition,
	// relative, auxiliary, in that precedence; 0 for any other word.
	role uint8
	// verbLeft and verbRight bucket the distance in the sentence to the
	// nearest verb-like word outside quotation marks on either side, 7
	// none; verbStemLeft is the stem of the one on the left and
	// verbHeadRight the stem of the word that heads the one on the right
	// past its auxiliaries ("has come out" → come). They stand for the
	// verb a subject or an object attaches to: the cue of an attribution
	// is often a verb no lexicon lists ("has come out in support of").
	verbLeft, verbRight         uint8
	verbStemLeft, verbHeadRight uint64
	// commasLeft and commasRight count (up to 3) the commas between the
	// token and the nearest cue on either side, 7 with no cue: a speaker
	// with an apposition is set off from its cue by commas ("X, a Y of
	// Z, said"), its content seldom.
	commasLeft, commasRight uint8
	// verb reports a verb-like word (verbLike).
	verb bool
}

// tagContext is an article prepared for tagging: its paragraphs as token
// ranges and what the features read of every token.
type tagContext struct {
	units  [][2]int
	sentOf []int32
	info   []tokInfo
	// spans, part, id and rule are scratch of prepare, kept so that a
	// reused context (tagPass) allocates nothing per article.
	spans []labelledSpan
	part  []uint8
	id    []int32
	rule  []uint8
}

// bucket maps a count to a small class: 0, 1, 2, 3, 4–6, 7–10, 11+.
func bucket(n int) uint8 {
	switch {
	case n < 4:
		return uint8(n)
	case n <= 6:
		return 4
	case n <= 10:
		return 5
	}
	return 6
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// shapeHash hashes the word's shape: X for upper case, x lower, d digit,
// others as they are, runs collapsed, at most six classes.
func shapeHash(s string) uint64 {
	h := uint64(14695981039346656037)
	var last rune = -1
	n := 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			continue
		}
		last = c
		h ^= uint64(c)
		h *= 1099511628211
		if n++; n == 6 {
			break
		}
	}
	return h
}

// suffixHash hashes the last three characters of s.
func suffixHash(s string) uint64 {
	i := len(s)
	for k := 0; k < 3 && i > 0; k++ {
		_, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
	}
	return hashString(s[i:])
}

// ruleTags labels the tokens with the BIO tags of spans: each span has a
// part and an identity; where spans overlap the part of higher priority
// (source, then cue, then content) wins.
func ruleTags(toks []crosscheck.Token, spans []labelledSpan) []uint8 {
	return ruleTagsInto(toks, spans, nil, nil, nil)
}

// ruleTagsInto is ruleTags with the memory of its part, id and tags
// slices reused when large enough.
func ruleTagsInto(toks []crosscheck.Token, spans []labelledSpan, part []uint8, id []int32, tags []uint8) []uint8 {
	part = grow(part, len(toks))
	clear(part)
	id = grow(id, len(toks))
	clear(id)
	prio := [4]int{0, 3, 2, 1}
	for k, s := range spans {
		i := searchTokens(toks, s.Start)
		for ; i < len(toks) && toks[i].Start < s.End; i++ {
			t := toks[i]
			if t.Start < s.Start || (t.End > s.End && t.Kind == crosscheck.TokenPunct) {
				continue
			}
			if prio[s.part] > prio[part[i]] || (s.part == part[i] && part[i] != 0) {
				part[i], id[i] = s.part, int32(k)
			}
		}
	}
	tags = grow(tags, len(toks))
	clear(tags)
	for i, p := range part {
		if p == 0 {
			continue
		}
		tags[i] = 2*p - 1
		if i > 0 && part[i-1] == p && id[i-1] == id[i] {
			tags[i]++
		}
	}
	return tags
}

// labelledSpan is a byte span with the part (1 source, 2 cue, 3 content)
// it labels.
type labelledSpan struct {
	crosscheck.Span
	part uint8
}

func searchTokens(toks []crosscheck.Token, start int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].End <= start {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// appendAttributionSpans appends the labelled spans of ats to out.
func appendAttributionSpans(out []labelledSpan, ats []Attribution) []labelledSpan {
	for _, at := range ats {
		for _, c := range at.Content {
			out = append(out, labelledSpan{c, 3})
		}
		for _, c := range at.Reported {
			out = append(out, labelledSpan{c, 3})
		}
		if at.Cue.Len() > 0 {
			out = append(out, labelledSpan{at.Cue, 2})
		}
		if at.Source.Len() > 0 {
			out = append(out, labelledSpan{at.Source, 1})
		}
	}
	return out
}

// newTagContext prepares the article read by f (its rules already run).
func newTagContext(f *finder) *tagContext {
	ctx := &tagContext{}
	ctx.prepare(f)
	return ctx
}

// prepare makes ctx the context of the article read by f, reusing the
// memory ctx holds from an earlier article: every field is reset.
func (ctx *tagContext) prepare(f *finder) {
	a, toks := f.a, f.toks
	ctx.units = ctx.units[:0]
	ctx.sentOf = grow(ctx.sentOf, len(toks))
	ctx.info = grow(ctx.info, len(toks))
	// Many fields are only set where they apply: the rest must be zero.
	clear(ctx.info)
	ctx.spans = appendAttributionSpans(ctx.spans[:0], f.out)
	// Grown here, not in ruleTagsInto, so that ctx keeps the memory.
	ctx.part, ctx.id = grow(ctx.part, len(toks)), grow(ctx.id, len(toks))
	ctx.rule = ruleTagsInto(toks, ctx.spans, ctx.part, ctx.id, ctx.rule)
	rule := ctx.rule
	// Paragraphs as token ranges.
	ti := 0
	for _, p := range a.Paragraphs {
		for ti < len(toks) && toks[ti].Start < p.Start {
			ti++
		}
		from := ti
		for ti < len(toks) && toks[ti].End <= p.End {
			ti++
		}
		if ti > from {
			ctx.units = append(ctx.units, [2]int{from, ti})
		}
	}
	if len(ctx.units) == 0 && len(toks) > 0 {
		ctx.units = append(ctx.units, [2]int{0, len(toks)})
	}
	for i := range ctx.sentOf {
		ctx.sentOf[i] = -1
	}
	for si, tr := range a.SentenceTokens {
		for i := tr[0]; i < tr[1]; i++ {
			ctx.sentOf[i] = int32(si)
		}
	}
	lex := f.lex
	var prevPhrase map[string]otherCue
	for i, t := range toks {
		e := lex.get(t.Norm)
		in := &ctx.info[i]
		in.word = hashString(t.Norm)
		in.stem = hashString(t.Stem)
		in.shape = shapeHash(a.Text[t.Start:t.End])
		in.suf = suffixHash(t.Norm)
		if t.Cap {
			in.cap = 1
		}
		if r := f.regionOf[i]; r >= 0 {
			in.quote = 1
			if inner := f.regions[r].Inner; t.Start >= inner.Start && t.End <= inner.End {
				in.quote = 2
			}
		}
		ph := e.phrase
		switch k := e.cue; {
		case k != 0:
			in.cue = 1 + uint8(k)
		case ph != nil && i+1 < len(toks) && ph[toks[i+1].Norm].kind != 0:
			in.cue = 20
		case prevPhrase != nil && prevPhrase[t.Norm].kind != 0:
			in.cue = 21
		default:
			if o := e.other; o.kind != 0 {
				in.cue = 10 + uint8(o.sense)
			}
		}
		prevPhrase = ph
		in.rule = rule[i]
		in.role = e.role
		in.verb = f.verbLikeEntry(i, e)
	}
	// Sentence-level facts.
	for _, tr := range a.SentenceTokens {
		var flags uint8
		for i := tr[0]; i < tr[1]; i++ {
			in := &ctx.info[i]
			if in.cue != 0 {
				flags |= 1
			}
			if partOf(in.rule) == 2 {
				flags |= 2
			}
			if in.quote != 0 {
				flags |= 4
			}
		}
		for i := tr[0]; i < tr[1]; i++ {
			in := &ctx.info[i]
			in.sentFlags = flags
			in.sentPos = bucket(i - tr[0])
			in.sentLeft = bucket(tr[1] - 1 - i)
		}
	}
	for _, tr := range a.SentenceTokens {
		cl, ql := -1, -1
		for i := tr[0]; i < tr[1]; i++ {
			in := &ctx.info[i]
			in.cueLeft, in.quoteLeft = 7, 7
			if cl >= 0 {
				in.cueLeft = bucket(i - cl)
			}
			if ql >= 0 {
				in.quoteLeft = bucket(i - ql)
			}
			if in.cue != 0 || partOf(in.rule) == 2 {
				cl = i
			}
			if in.quote != 0 {
				ql = i
			}
		}
		cr, qr := -1, -1
		for i := tr[1] - 1; i >= tr[0]; i-- {
			in := &ctx.info[i]
			in.cueRight, in.quoteRight = 7, 7
			if cr >= 0 {
				in.cueRight = bucket(cr - i)
				in.cueWordRight = ctx.info[cr].word
			}
			if qr >= 0 {
				in.quoteRight = bucket(qr - i)
			}
			if in.cue != 0 || partOf(in.rule) == 2 {
				cr = i
			}
			if in.quote != 0 {
				qr = i
			}
		}
	}
	for _, tr := range a.SentenceTokens {
		isCue := func(i int) bool {
			in := &ctx.info[i]
			return in.cue != 0 || partOf(in.rule) == 2
		}
		// commas walks the sentence from first to end (exclusive) by step,
		// giving each token the commas between it and the last cue passed
		// (at most 3; 7 before any cue).
		commas := func(first, end, step int, set func(*tokInfo, uint8)) {
			n := -1
			for i := first; i != end; i += step {
				v := uint8(7)
				if n >= 0 {
					v = uint8(min(n, 3))
				}
				set(&ctx.info[i], v)
				if isCue(i) {
					n = 0
				} else if n >= 0 && toks[i].Norm == "," {
					n++
				}
			}
		}
		commas(tr[0], tr[1], 1, func(in *tokInfo, v uint8) { in.commasLeft = v })
		commas(tr[1]-1, tr[0]-1, -1, func(in *tokInfo, v uint8) { in.commasRight = v })
		vl := -1
		for i := tr[0]; i < tr[1]; i++ {
			in := &ctx.info[i]
			in.verbLeft = 7
			if vl >= 0 {
				in.verbLeft = bucket(i - vl)
				in.verbStemLeft = ctx.info[vl].stem
			}
			if in.verb {
				vl = i
			}
		}
		vr, head := -1, -1
		for i := tr[1] - 1; i >= tr[0]; i-- {
			in := &ctx.info[i]
			in.verbRight = 7
			if vr >= 0 {
				in.verbRight = bucket(vr - i)
				in.verbHeadRight = ctx.info[head].stem
			}
			if in.verb {
				vr, head = i, i
				for head+1 < tr[1] && head < i+3 && f.w.auxiliaries[toks[head].Norm] && toks[head+1].Kind == crosscheck.TokenWord && f.regionOf[head+1] < 0 {
					head++
				}
			}
		}
	}
	for pi, u := range ctx.units {
		s0 := int32(-1)
		if u[0] < len(ctx.sentOf) {
			s0 = ctx.sentOf[u[0]]
		}
		for i := u[0]; i < u[1]; i++ {
			in := &ctx.info[i]
			in.paraIdx = bucket(pi)
			if s0 >= 0 && ctx.sentOf[i] >= 0 {
				in.sentIdx = bucket(int(ctx.sentOf[i] - s0))
			}
		}
	}
}

// Closed classes of the words of the rules' lists (tokInfo.role).
const (
	roleNone uint8 = iota
	rolePronoun
	rolePeople
	roleFinding
	roleDeterminer
	rolePreposition
	roleRelative
	roleComplement
	roleAuxiliary
)

// roles maps each language's word lists to the closed class of their
// words (tokInfo.role), made once: one lookup per token instead of one
// per list. The classes tell a speaker phrase ("the officials", "he",
// "the report") from the words around it, whatever the words themselves.
var roles = map[*langWords]map[string]uint8{}

func init() {
	for _, w := range words {
		m := map[string]uint8{}
		// In reverse order of precedence: a word of several lists keeps
		// the class that comes first in tokInfo.role.
		for _, l := range []struct {
			set  map[string]bool
			role uint8
		}{{w.auxiliaries, roleAuxiliary}, {w.relatives, roleRelative}, {w.prepositions, rolePreposition},
			{w.determiners, roleDeterminer}, {w.complement, roleComplement}, {w.findingSources, roleFinding}, {w.people, rolePeople}} {
			for n := range l.set {
				m[n] = l.role
			}
		}
		for n := range w.pronouns {
			m[n] = rolePronoun
		}
		roles[w] = m
	}
}

// verbLike reports a token that reads as a verb outside quotation marks:
// a lower-case cue of the lexicon, a finite verb of the closed list or an
// -ed form. newTagContext uses verbLikeEntry, the same test on a token
// whose lexicon entry it has already looked up; verbLike stays the
// definition TestVerbLikeEntry holds that to.
func verbLike(f *finder, i int) bool {
	t := f.toks[i]
	if t.Kind != crosscheck.TokenWord || t.Cap || f.regionOf[i] >= 0 || f.w == nil {
		return false
	}
	if k, _, _ := f.cueInfo(i); k != 0 {
		return true
	}
	return f.w.finiteVerbs[t.Norm] || (len(t.Norm) > 4 && strings.HasSuffix(t.Norm, "ed"))
}

// feat hashes a template number with up to three values: one multiply
// per value and one mix, as tagging time goes mostly to features.
func feat(tmpl uint64, a, b, c uint64) uint64 {
	return dedup.Mix64((tmpl+1)*0x9e3779b97f4a7c15 ^ a*0xc2b2ae3d27d4eb4f ^ (b*0x165667b19e3779f9 + 0x27d4eb2f165667c5) ^ (c*0xd6e8feb86659fd93 + 0x85ebca77c2b2ae63))
}

// boundary stands for the token beyond either end of a unit.
var boundary = tokInfo{word: 1, stem: 1, shape: 1, suf: 1, cue: 255, rule: 255, quote: 255, cap: 255, role: 255}

// features appends the numFeatures hashes of every token of unit u.
func (ctx *tagContext) features(u [2]int, out []uint64) []uint64 {
	at := func(i int) *tokInfo {
		if i < u[0] || i >= u[1] {
			return &boundary
		}
		return &ctx.info[i]
	}
	for i := u[0]; i < u[1]; i++ {
		t := &ctx.info[i]
		p1, p2, n1, n2 := at(i-1), at(i-2), at(i+1), at(i+2)
		r, c, q := uint64(t.rule), uint64(t.cue), uint64(t.quote)
		out = append(out,
			feat(0, 0, 0, 0),
			feat(1, t.word, 0, 0),
			feat(2, p1.word, 0, 0),
			feat(3, p2.word, 0, 0),
			feat(4, n1.word, 0, 0),
			feat(5, n2.word, 0, 0),
			feat(6, p1.word, t.word, 0),
			feat(7, t.word, n1.word, 0),
			feat(8, t.shape, 0, 0),
			feat(9, p1.shape, t.shape, n1.shape),
			feat(10, t.suf, 0, 0),
			feat(11, t.stem, 0, 0),
			feat(12, uint64(p1.cap), uint64(t.cap), uint64(n1.cap)),
			feat(13, uint64(p1.quote), q, uint64(n1.quote)),
			feat(14, c, 0, 0),
			feat(15, uint64(p1.cue), uint64(p2.cue), 0),
			feat(16, uint64(n1.cue), uint64(n2.cue), 0),
			feat(17, r, 0, 0),
			feat(18, uint64(p1.rule), r, uint64(n1.rule)),
			feat(19, r, t.word, 0),
			feat(20, r, c, q),
			feat(21, uint64(t.sentPos), uint64(t.sentFlags), 0),
			feat(22, uint64(t.sentLeft), uint64(t.sentFlags), 0),
			feat(23, uint64(t.sentFlags), q, r),
			feat(24, t.word, uint64(n1.cue), 0),
			feat(25, t.word, uint64(p1.cue), 0),
			feat(26, t.shape, r, 0),
			feat(27, uint64(t.sentIdx), uint64(t.paraIdx), 0),
			feat(28, p1.word, n1.word, 0),
			feat(29, uint64(t.sentPos), q, uint64(t.cap)),
			feat(30, uint64(t.cueLeft), uint64(t.cap), q),
			feat(31, uint64(t.cueRight), uint64(t.cap), q),
			feat(32, t.cueWordRight, uint64(t.cueRight), uint64(t.cap)),
			feat(33, uint64(t.quoteLeft), uint64(t.quoteRight), q),
			feat(34, uint64(t.cueLeft), uint64(t.cueRight), r),
			feat(35, at(i-3).word, 0, 0),
			feat(36, at(i+3).word, 0, 0),
			feat(37, t.verbHeadRight, uint64(t.verbRight), uint64(t.cap)),
			feat(38, t.verbStemLeft, uint64(t.verbLeft), uint64(t.cap)),
			feat(39, uint64(t.role), uint64(t.cueRight), uint64(t.cueLeft)),
			feat(40, uint64(t.role), uint64(p1.role), uint64(n1.role)),
			feat(41, t.verbHeadRight, uint64(t.role), q),
			feat(42, uint64(t.commasLeft), uint64(t.commasRight), uint64(t.cap)),
			feat(43, uint64(t.commasRight), uint64(t.cueRight), r),
		)
	}
	return out
}
