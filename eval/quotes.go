package eval

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/quote"
	"github.com/crosscheck-news/crosscheck/text"
)

// PolNeAR attribution labels scored.
var attributionLabels = []string{"Source", "Cue", "Content"}

// polnearDoc is one annotated PolNeAR document: the article text and the
// gold attributions of one annotator, as byte spans.
type polnearDoc struct {
	name string // annotation file name
	text string
	gold map[string][]crosscheck.Span // label → spans (every segment)
	rels []goldRelation
}

// goldRelation is one gold attribution: the spans of its parts.
type goldRelation struct {
	source, cue, content []crosscheck.Span
}

var annSuffix = regexp.MustCompile(`_[0-9a-f]{4}\.ann$`)

// LoadPolNeAR reads the split folder (train, dev or test) of PolNeAR:
// text/NAME.txt and attributions/NAME_ANNOTATOR.ann. A text annotated by
// several annotators gives one document per annotation. Offsets in the
// annotations count characters; they are turned into byte offsets here.
func LoadPolNeAR(dataDir, split string) ([]*polnearDoc, error) {
	dir := filepath.Join(dataDir, "data", split)
	if _, err := os.Stat(dir); err != nil {
		dir = filepath.Join(dataDir, split)
	}
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("polnear: no attributions/*.ann under %s (get the data set into ../shared/data/polnear or pass --data)", dir)
	}
	sort.Strings(anns)
	var docs []*polnearDoc
	for _, ann := range anns {
		base := annSuffix.ReplaceAllString(filepath.Base(ann), "")
		raw, err := os.ReadFile(filepath.Join(dir, "text", base+".txt"))
		if err != nil {
			return nil, fmt.Errorf("polnear: text for %s: %w", filepath.Base(ann), err)
		}
		d, err := readAnn(ann, string(raw))
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func readAnn(path, txt string) (*polnearDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("polnear: %w", err)
	}
	defer f.Close()
	// byteAt[i] is the byte offset of character i.
	byteAt := make([]int, 0, len(txt)+1)
	for i := range txt {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(txt))
	d := &polnearDoc{name: filepath.Base(path), text: txt, gold: map[string][]crosscheck.Span{}}
	spans := map[string][]crosscheck.Span{}
	labels := map[string]string{}
	var rels [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 2 {
			continue
		}
		switch fs[0][0] {
		case 'T':
			label, ranges, _ := strings.Cut(fs[1], " ")
			var ss []crosscheck.Span
			for _, r := range strings.Split(ranges, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(r), " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || s < 0 || e > len(byteAt)-1 || s > e {
					return nil, fmt.Errorf("polnear: %s line %d: bad span %q", path, line, r)
				}
				ss = append(ss, crosscheck.Span{Start: byteAt[s], End: byteAt[e]})
			}
			spans[fs[0]], labels[fs[0]] = ss, label
			d.gold[label] = append(d.gold[label], ss...)
		case 'E':
			rels = append(rels, strings.Fields(fs[1]))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("polnear: %s: %w", path, err)
	}
	for _, r := range rels {
		var g goldRelation
		for _, part := range r {
			role, id, _ := strings.Cut(part, ":")
			switch role {
			case "Source":
				g.source = spans[id]
			case "Cue":
				g.cue = spans[id]
			case "Content":
				g.content = spans[id]
			}
		}
		if len(g.cue) > 0 {
			d.rels = append(d.rels, g)
		}
	}
	return d, nil
}

// prf counts matches for precision, recall and F1.
type prf struct{ tp, fp, fn int }

func (c prf) P() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c prf) R() float64 { return ratio(c.tp, c.tp+c.fn) }
func (c prf) F() float64 { return F1(c.P(), c.R()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// QuoteScore is the attribution finder's score on one PolNeAR split.
type QuoteScore struct {
	Docs int
	// Token and Exact are per label (Source, Cue, Content): token-level and
	// exact-span counts.
	Token, Exact map[string]prf
	// Relations counts whole attributions: a found attribution matches a
	// gold one when their cues overlap and their contents share a word.
	Relations prf
}

// polnearPrediction turns the finder's attributions into labelled spans.
// Fragments in quotation marks inside reported speech are left out: the
// reported speech around them, with the same cue, is the attribution
// PolNeAR annotates. The
// reporter's words around a quotation (Reported) count as content, as
// PolNeAR annotates them.
func polnearPrediction(a *crosscheck.Article, ats []quote.Attribution) (map[string][]crosscheck.Span, []goldRelation) {
	pred := map[string][]crosscheck.Span{}
	var rels []goldRelation
	// A fragment inside reported speech shares its cue with the reported
	// speech; a characterization ("called Trump “unhinged”") has a cue of
	// its own and is an attribution PolNeAR annotates.
	full := map[crosscheck.Span]bool{}
	for _, at := range ats {
		if !at.Partial {
			full[at.Cue] = true
		}
	}
	for _, at := range ats {
		if at.Partial && full[at.Cue] {
			continue
		}
		content := append(append([]crosscheck.Span(nil), at.Content...), at.Reported...)
		r := goldRelation{cue: []crosscheck.Span{at.Cue}, content: content}
		if at.Source.Len() > 0 {
			r.source = []crosscheck.Span{at.Source}
			pred["Source"] = append(pred["Source"], at.Source)
		}
		pred["Cue"] = append(pred["Cue"], at.Cue)
		pred["Content"] = append(pred["Content"], content...)
		rels = append(rels, r)
	}
	return pred, rels
}

// ScoreQuotes runs quote.Find on every document and scores it.
func ScoreQuotes(docs []*polnearDoc) QuoteScore {
	return scoreQuotesWith(docs, quote.Find)
}

// scoreQuotesWith scores the attributions find makes of every document.
func scoreQuotesWith(docs []*polnearDoc, find func(*crosscheck.Article) []quote.Attribution) QuoteScore {
	sc := QuoteScore{Token: map[string]prf{}, Exact: map[string]prf{}}
	found := map[string]struct {
		a   *crosscheck.Article
		ats []quote.Attribution
	}{}
	for _, d := range docs {
		sc.Docs++
		f, ok := found[d.text]
		if !ok {
			a := &crosscheck.Article{ID: d.name, Text: d.text, Language: "en"}
			text.Analyze(a)
			f.a, f.ats = a, find(a)
			found[d.text] = f
		}
		pred, prels := polnearPrediction(f.a, f.ats)
		words := wordSpans(d.text)
		for _, l := range attributionLabels {
			g, p := covered(words, d.gold[l]), covered(words, pred[l])
			c := sc.Token[l]
			for i := range words {
				switch {
				case g[i] && p[i]:
					c.tp++
				case p[i]:
					c.fp++
				case g[i]:
					c.fn++
				}
			}
			sc.Token[l] = c
			sc.Exact[l] = addExact(sc.Exact[l], d.text, d.gold[l], pred[l])
		}
		sc.Relations = addRelations(sc.Relations, words, d.rels, prels)
	}
	return sc
}

// wordSpans returns the spans of the \w+ runs of s: the tokens the
// token-level score counts.
func wordSpans(s string) []crosscheck.Span {
	var out []crosscheck.Span
	start := -1
	for i, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, crosscheck.Span{Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, crosscheck.Span{Start: start, End: len(s)})
	}
	return out
}

// covered marks the words lying inside any of spans.
func covered(words, spans []crosscheck.Span) []bool {
	out := make([]bool, len(words))
	for _, s := range spans {
		i := sort.Search(len(words), func(i int) bool { return words[i].End > s.Start })
		for ; i < len(words) && words[i].Start < s.End; i++ {
			if words[i].Start >= s.Start && words[i].End <= s.End {
				out[i] = true
			}
		}
	}
	return out
}

// addExact counts spans equal after trimming spaces and punctuation (a
// quotation's marks and trailing comma are a convention, not a boundary).
func addExact(c prf, txt string, gold, pred []crosscheck.Span) prf {
	key := func(s crosscheck.Span) string {
		return strings.TrimFunc(txt[s.Start:s.End], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) +
			"@" + strconv.Itoa(trimmedStart(txt, s))
	}
	g := map[string]int{}
	for _, s := range gold {
		g[key(s)]++
	}
	for _, s := range pred {
		k := key(s)
		if g[k] > 0 {
			g[k]--
			c.tp++
		} else {
			c.fp++
		}
	}
	for _, n := range g {
		c.fn += n
	}
	return c
}

func trimmedStart(txt string, s crosscheck.Span) int {
	i := s.Start
	for i < s.End {
		r, n := utf8.DecodeRuneInString(txt[i:])
		if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
			break
		}
		i += n
	}
	return i
}

// addRelations matches found attributions to gold ones one to one.
func addRelations(c prf, words []crosscheck.Span, gold, pred []goldRelation) prf {
	used := make([]bool, len(gold))
	for _, p := range pred {
		hit := false
		for gi, g := range gold {
			if used[gi] || !spansOverlap(p.cue, g.cue) || !shareWord(words, p.content, g.content) {
				continue
			}
			used[gi], hit = true, true
			break
		}
		if hit {
			c.tp++
		} else {
			c.fp++
		}
	}
	for _, u := range used {
		if !u {
			c.fn++
		}
	}
	return c
}

func spansOverlap(a, b []crosscheck.Span) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End {
				return true
			}
		}
	}
	return false
}

func shareWord(words, a, b []crosscheck.Span) bool {
	ca, cb := covered(words, a), covered(words, b)
	for i := range ca {
		if ca[i] && cb[i] {
			return true
		}
	}
	return false
}

// EvalQuotes scores the attribution finder on a PolNeAR split and writes
// the figures; the last line is the summary
// "quotes source_f1=… cue_f1=… content_f1=… relations=…".
func EvalQuotes(w io.Writer, dataDir, split string) (QuoteScore, error) {
	docs, err := LoadPolNeAR(dataDir, split)
	if err != nil {
		return QuoteScore{}, err
	}
	sc := ScoreQuotes(docs)
	fmt.Fprintf(w, "polnear %s: %d annotated documents, %d gold attributions, %d found\n",
		split, sc.Docs, sc.Relations.tp+sc.Relations.fn, sc.Relations.tp+sc.Relations.fp)
	for _, l := range attributionLabels {
		t, e := sc.Token[l], sc.Exact[l]
		fmt.Fprintf(w, "  %-8s token P=%.3f R=%.3f F1=%.3f   exact P=%.3f R=%.3f F1=%.3f\n",
			l, t.P(), t.R(), t.F(), e.P(), e.R(), e.F())
	}
	fmt.Fprintf(w, "quotes exact source_f1=%.3f cue_f1=%.3f content_f1=%.3f\n",
		sc.Exact["Source"].F(), sc.Exact["Cue"].F(), sc.Exact["Content"].F())
	fmt.Fprintf(w, "relations P=%.3f R=%.3f (cue overlaps and content shares a word)\n", sc.Relations.P(), sc.Relations.R())
	fmt.Fprintf(w, "quotes source_f1=%.3f cue_f1=%.3f content_f1=%.3f relations=%.3f\n",
		sc.Token["Source"].F(), sc.Token["Cue"].F(), sc.Token["Content"].F(), sc.Relations.F())
	return sc, nil
}

// WriteQuoteMisses writes, for tuning on a training split, one line per
// gold attribution the finder misses in part and per found attribution
// that matches none: "MISS" with the gold cue, the share of its source and
// content words found, the gold source and the sentence around the cue;
// "EXTRA" with the found cue, source and content; "SOURCE" with the found
// and the gold source of a found attribution whose source differs.
// Tab-separated.
func WriteQuoteMisses(w io.Writer, dataDir, split string) error {
	docs, err := LoadPolNeAR(dataDir, split)
	if err != nil {
		return err
	}
	clip := func(s string, n int) string {
		s = strings.Join(strings.Fields(s), " ")
		if len(s) > n {
			s = s[:n] + "…"
		}
		return s
	}
	join := func(txt string, ss []crosscheck.Span) string {
		var parts []string
		for _, s := range ss {
			parts = append(parts, txt[s.Start:s.End])
		}
		return strings.Join(parts, " | ")
	}
	share := func(words, gold, pred []crosscheck.Span) float64 {
		g, p := covered(words, gold), covered(words, pred)
		n, hit := 0, 0
		for i := range g {
			if g[i] {
				n++
				if p[i] {
					hit++
				}
			}
		}
		if n == 0 {
			return 1
		}
		return float64(hit) / float64(n)
	}
	around := func(txt string, s crosscheck.Span) string {
		from := strings.LastIndexAny(txt[:s.Start], "\n") + 1
		to := strings.IndexAny(txt[s.End:], "\n")
		if to < 0 {
			to = len(txt)
		} else {
			to += s.End
		}
		return txt[from:s.Start] + "[[" + txt[s.Start:s.End] + "]]" + txt[s.End:to]
	}
	for _, d := range docs {
		a := &crosscheck.Article{ID: d.name, Text: d.text, Language: "en"}
		text.Analyze(a)
		pred, prels := polnearPrediction(a, quote.Find(a))
		words := wordSpans(d.text)
		for _, g := range d.rels {
			sr, cr := share(words, g.source, pred["Source"]), share(words, g.content, pred["Content"])
			if sr == 1 && cr == 1 {
				continue
			}
			fmt.Fprintf(w, "MISS\t%s\t%s\t%.2f\t%.2f\t%d\t%s\t%s\n", d.name, strings.ToLower(join(d.text, g.cue)), sr, cr,
				countTrue(covered(words, g.content)), clip(join(d.text, g.source), 80), clip(around(d.text, g.cue[0]), 400))
		}
		for _, p := range prels {
			hit := false
			for _, g := range d.rels {
				if spansOverlap(p.cue, g.cue) && shareWord(words, p.content, g.content) {
					hit = true
					if ps, gs := join(d.text, p.source), join(d.text, g.source); ps != gs {
						fmt.Fprintf(w, "SOURCE\t%s\t%s\t%s\t%s\n", d.name, clip(ps, 120), clip(gs, 120), clip(around(d.text, p.cue[0]), 300))
					}
					break
				}
			}
			if !hit {
				fmt.Fprintf(w, "EXTRA\t%s\t%s\t%s\t%s\t%s\n", d.name, join(d.text, p.cue), clip(join(d.text, p.source), 80),
					clip(join(d.text, p.content), 200), clip(around(d.text, p.cue[0]), 400))
			}
		}
	}
	return nil
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// TaggerFit is how the attribution tagger was fitted.
type TaggerFit struct {
	Epochs int
	Bias   float32
	// AddMin, SourceMin and SourcedMin are the tagger's margins
	// (quote.Tagger).
	AddMin, SourceMin, SourcedMin float32
	Bytes                         int // size of the written model
	Train                         time.Duration
}

// quoteSummary is the token-level precision, recall and F1 of each part.
func quoteSummary(sc QuoteScore) string {
	return fmt.Sprintf("source P=%.3f R=%.3f F1=%.3f  cue P=%.3f R=%.3f F1=%.3f  content P=%.3f R=%.3f F1=%.3f  relations P=%.3f R=%.3f",
		sc.Token["Source"].P(), sc.Token["Source"].R(), sc.Token["Source"].F(),
		sc.Token["Cue"].P(), sc.Token["Cue"].R(), sc.Token["Cue"].F(),
		sc.Token["Content"].P(), sc.Token["Content"].R(), sc.Token["Content"].F(), sc.Relations.P(), sc.Relations.R())
}

// Settings of the tagger fit: the hash table size (1<<bits rows of int8
// weights, one per tag), the most passes tried, and the O biases and
// margins tried (in the units of the perceptron's scores, which run to
// some hundreds).
const (
	taggerBits      = 17
	taggerMaxEpochs = 20
)

var (
	taggerBiases        = []float32{0, 20, 40, 80}
	taggerAddMargins    = []float32{0, 100, 200, 250, 300, 350, 400, 600}
	taggerSourceMargins = []float32{0, 25, 50, 100, 150, 200, 300}
	// taggerSourcedMargins are tried for SourcedMin, below the chosen
	// AddMin.
	taggerSourcedMargins = []float32{0, 50, 100, 150, 200, 250, 300, 350, 400, 500}
)

// FitQuoteTagger fits the attribution tagger of package quote on the train
// split only and writes its model to out (quote/attribution_model.bin).
// Every fifth text of train is held out to choose the number of passes,
// the O bias (the precision knob) and the margins (quote.Tagger): the best
// sum of the token F1 of source, cue and content whose source precision
// is at least minSourceP, or, with minSourceP zero, at least that of the
// rules alone on the held-out texts, and whose precision of whole
// attributions is at least that of the rules alone: a false attribution
// costs a journalist more than a miss. Passes, bias and AddMin are chosen
// together, then SourceMin, then SourcedMin with AddMin again. The model
// written is then refitted on the whole of train with those settings.
// Training is deterministic.
func FitQuoteTagger(w io.Writer, dataDir, out string, minSourceP float64) (TaggerFit, error) {
	var fit TaggerFit
	docs, err := LoadPolNeAR(dataDir, "train")
	if err != nil {
		return fit, err
	}
	arts := map[string]*crosscheck.Article{}
	var texts []string
	for _, d := range docs {
		if arts[d.text] == nil {
			a := &crosscheck.Article{ID: d.name, Text: d.text, Language: "en"}
			text.Analyze(a)
			arts[d.text] = a
			texts = append(texts, d.text)
		}
	}
	held := map[string]bool{}
	for i, t := range texts {
		held[t] = i%5 == 4
	}
	toTagger := func(d *polnearDoc) quote.TaggerDoc {
		return quote.TaggerDoc{Article: arts[d.text], Source: d.gold["Source"], Cue: d.gold["Cue"], Content: d.gold["Content"]}
	}
	var fitDocs, allDocs []quote.TaggerDoc
	var heldDocs []*polnearDoc
	for _, d := range docs {
		allDocs = append(allDocs, toTagger(d))
		if held[d.text] {
			heldDocs = append(heldDocs, d)
		} else {
			fitDocs = append(fitDocs, toTagger(d))
		}
	}
	score := func(t *quote.Tagger) QuoteScore {
		return scoreQuotesWith(heldDocs, func(a *crosscheck.Article) []quote.Attribution { return quote.FindWith(a, t) })
	}
	fmt.Fprintf(w, "held out: %d of %d train documents (every fifth text)\n", len(heldDocs), len(docs))
	base := score(nil)
	fmt.Fprintf(w, "rules alone              %s\n", quoteSummary(base))
	if minSourceP == 0 {
		minSourceP = base.Token["Source"].P()
	}
	minRelationP := base.Relations.P()
	objective := func(sc QuoteScore) float64 {
		if sc.Token["Source"].P() < minSourceP || sc.Relations.P() < minRelationP {
			return -1
		}
		return sc.Token["Source"].F() + sc.Token["Cue"].F() + sc.Token["Content"].F()
	}
	bestObj := objective(base)
	var best TaggerFit
	var bestTagger *quote.Tagger
	cfg := quote.TrainConfig{Bits: taggerBits, Epochs: taggerMaxEpochs, Seed: 1,
		AfterEpoch: func(ep int, t *quote.Tagger) {
			for _, b := range taggerBiases {
				for _, add := range taggerAddMargins {
					sc := score(t.WithBias(b).WithMargins(add, 0))
					mark := ""
					if o := objective(sc); o > bestObj {
						bestObj, best, bestTagger, mark = o, TaggerFit{Epochs: ep, Bias: b, AddMin: add}, t, " *"
					}
					fmt.Fprintf(w, "epoch %2d bias %3.0f add margin %3.0f %s%s\n", ep, b, add, quoteSummary(sc), mark)
				}
			}
		}}
	quote.TrainTagger(fitDocs, cfg)
	if best.Epochs == 0 {
		return fit, fmt.Errorf("fit quotes: no tagger setting beats the rules alone on held-out train with source P >= %.3f and relation P >= %.3f",
			minSourceP, minRelationP)
	}
	// The margin a source needs, to replace the rules' or to go with an
	// added attribution, on the chosen model.
	for _, src := range taggerSourceMargins {
		sc := score(bestTagger.WithBias(best.Bias).WithMargins(best.AddMin, src))
		mark := ""
		if o := objective(sc); o > bestObj {
			bestObj, best.SourceMin, mark = o, src, " *"
		}
		fmt.Fprintf(w, "source margin %4.0f %s%s\n", src, quoteSummary(sc), mark)
	}
	// The lower margin an added attribution needs with a sure source, with
	// the margin of the others at least the one chosen: adding more with a
	// source may need adding fewer without.
	best.SourcedMin = best.AddMin
	add := best.AddMin
	for _, a := range taggerAddMargins {
		if a < add {
			continue
		}
		for _, m := range taggerSourcedMargins {
			if m >= a {
				break
			}
			sc := score(bestTagger.WithBias(best.Bias).WithMargins(a, best.SourceMin).WithSourcedMin(m))
			mark := ""
			if o := objective(sc); o > bestObj {
				bestObj, best.AddMin, best.SourcedMin, mark = o, a, m, " *"
			}
			fmt.Fprintf(w, "add margin %3.0f sourced margin %3.0f %s%s\n", a, m, quoteSummary(sc), mark)
		}
	}
	fit = best
	fmt.Fprintf(w, "chosen: %d epochs, bias %.0f, add margin %.0f, source margin %.0f, sourced margin %.0f; refitting on all of train\n",
		fit.Epochs, fit.Bias, fit.AddMin, fit.SourceMin, fit.SourcedMin)
	start := time.Now()
	cfg.Epochs, cfg.AfterEpoch = fit.Epochs, nil
	t := quote.TrainTagger(allDocs, cfg).WithBias(fit.Bias).WithMargins(fit.AddMin, fit.SourceMin).WithSourcedMin(fit.SourcedMin)
	fit.Train = time.Since(start)
	var buf bytes.Buffer
	if _, err := t.WriteTo(&buf); err != nil {
		return fit, err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fit, fmt.Errorf("fit quotes: %w", err)
	}
	fit.Bytes = buf.Len()
	fmt.Fprintf(w, "wrote %s: %d bytes; training on all of train took %s\n", out, buf.Len(), fit.Train.Round(time.Millisecond))
	return fit, nil
}
