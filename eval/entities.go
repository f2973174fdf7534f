package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/text"
)

// wclDoc is one NewsWCL50 document rebuilt as clean text, with the byte
// span of every token and the gold mentions.
type wclDoc struct {
	id, topic string
	text      string
	spans     []crosscheck.Span // token → byte span in text
	words     []string
	gold      []wclMention
}

type wclMention struct {
	chain    string // gold chain label, e.g. 0_USA_Trump_ACTOR
	from, to int    // token range, inclusive
}

// loadWCLMentions reads NewsWCL50.conll: tokens become text (paragraph per
// line at the "\n" tokens), labels become gold mentions. Labels are kept
// apart from the text and are only used for scoring.
func loadWCLMentions(path string) ([]*wclDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("newswcl50: %w (get the data set into ../shared/data/newswcl50 or pass --data)", err)
	}
	defer f.Close()
	var docs []*wclDoc
	var cur *wclDoc
	var b strings.Builder
	open := map[string][]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	prevWord := ""
	hyphenJoined := false
	finish := func() {
		if cur != nil {
			cur.text = b.String()
			docs = append(docs, cur)
		}
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#begin document") {
			finish()
			id := strings.TrimSuffix(strings.Fields(line)[2], ";")
			topic, _, _ := strings.Cut(id, "/")
			cur = &wclDoc{id: id, topic: topic}
			b.Reset()
			open = map[string][]int{}
			prevWord = "\n"
			continue
		}
		if cur == nil || strings.HasPrefix(line, "#end") || strings.TrimSpace(line) == "" {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) < 5 {
			continue
		}
		w, label := fs[3], strings.TrimSpace(fs[4])
		ti := len(cur.words)
		if w == `\n` {
			if prevWord != "\n" {
				b.WriteByte('\n')
			}
			cur.words = append(cur.words, "\n")
			cur.spans = append(cur.spans, crosscheck.Span{Start: b.Len(), End: b.Len()})
			prevWord = "\n"
		} else {
			// CoNLL splits hyphenated words ("Jong - un", "Washington -
			// based"); the article wrote them joined.
			joined := w == "-" && isWordToken(prevWord) || prevWord == "-" && isWordToken(w) && hyphenJoined
			if prevWord != "\n" && !noSpaceBefore(w) && !noSpaceAfter(prevWord) && !joined {
				b.WriteByte(' ')
			}
			if w == "-" {
				hyphenJoined = isWordToken(prevWord)
			}
			start := b.Len()
			b.WriteString(w)
			cur.words = append(cur.words, w)
			cur.spans = append(cur.spans, crosscheck.Span{Start: start, End: b.Len()})
			prevWord = w
		}
		if label == "-" || label == "" {
			continue
		}
		for _, part := range strings.Split(label, "|") {
			part = strings.TrimSpace(part)
			name := strings.Trim(part, "()")
			if strings.HasPrefix(part, "(") {
				open[name] = append(open[name], ti)
			}
			if strings.HasSuffix(part, ")") {
				if st := open[name]; len(st) > 0 {
					cur.gold = append(cur.gold, wclMention{chain: name, from: st[len(st)-1], to: ti})
					open[name] = st[:len(st)-1]
				}
			}
		}
	}
	finish()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("newswcl50: %s: %w", path, err)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("newswcl50: no documents in %s", path)
	}
	return docs, nil
}

func noSpaceBefore(w string) bool {
	switch w {
	case ",", ".", ";", ":", "!", "?", ")", "%", "'s", "’s", "n't", "'", "’", "'re", "'ve", "'ll", "'d", "'m":
		return true
	}
	return false
}

// isWordToken reports a token that starts with a letter or a digit.
func isWordToken(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func noSpaceAfter(w string) bool { return w == "(" || w == "$" || w == "“" }

// wclNameTitles may precede a name inside a gold mention.
var wclNameTitles = map[string]bool{"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "president": true,
	"sen.": true, "rep.": true, "gov.": true, "gen.": true, "secretary": true, "prime": true, "minister": true,
	"senator": true, "judge": true, "king": true, "queen": true, "prince": true, "chancellor": true}

var wclPronouns = map[string]bool{"he": true, "she": true, "it": true, "they": true, "i": true, "we": true,
	"his": true, "her": true, "its": true, "their": true, "you": true, "this": true, "that": true, "these": true,
	"those": true, "our": true, "my": true, "him": true, "them": true, "us": true}

// isNameMention is the rule for which gold mentions are names: after an
// optional leading "the", every token is capitalised or a connector (of,
// and, for, de, hyphen, &, a dot), there are at most six tokens, and at least
// one capitalised token is neither a title (President, Mr.) nor a pronoun.
// "Mr. Trump", "the United States", "North and South Korea" are names; "he",
// "the president", "Mr. Trump's campaign" are not.
func isNameMention(words []string) bool {
	if len(words) > 0 && strings.EqualFold(words[0], "the") {
		words = words[1:]
	}
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	content := 0
	for _, w := range words {
		lw := strings.ToLower(w)
		switch lw {
		case "of", "and", "for", "de", "-", "&", ".", "al", "bin":
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		if wclNameTitles[lw] || wclPronouns[lw] {
			continue
		}
		content++
	}
	return content > 0
}

// EntityScore is the result of the NewsWCL50 entity evaluation on one
// part of the data (a scope and a split of the topics).
type EntityScore struct {
	BCubedP, BCubedR, BCubedF float64
	MUCP, MUCR, MUCF          float64
	// Strict scores count every gold name the finder missed as a singleton.
	StrictBCubedF, StrictMUCF float64
	NameRecall                float64
	Mentions                  int
}

// EntityEvalConfig configures EvalEntities.
type EntityEvalConfig struct {
	// DataDir is the folder holding newswcl50/NewsWCL50.conll (../shared/data),
	// or the newswcl50 folder itself.
	DataDir string
	// Verbose lists, per gold chain of the identity scope, how the engine
	// grouped its names.
	Verbose bool
}

// EntityEval holds the scores of EvalEntities. Identity is the headline: the
// issue's measure (gold name mentions grouped by the engine's merging) on the
// gold chains that stand for one entity. AllChains keeps every gold name
// mention, including the NewsWCL50 chains that group different people
// ("USA-I": the US individuals of a story) and the bridging mentions of a
// country chain (its officials): no merger that keeps different people apart
// can reach those. Dev is topics 0-4, Test topics 5-9 (held out), All every topic.
type EntityEval struct {
	Identity, AllChains struct{ Dev, Test, All EntityScore }
}

// wclChainKind is the concept type that ends a NewsWCL50 chain label:
// ACTOR, ACTOR-I, COUNTRY, GROUP, OBJECT, EVENT, ACTION, MISC.
func wclChainKind(chain string) string {
	if i := strings.LastIndexByte(chain, '_'); i >= 0 {
		return chain[i+1:]
	}
	return chain
}

// identityChain reports whether a gold chain stands for one entity. The
// NewsWCL50 codebook marks with "-I" the concepts made of several
// individuals (USA-I: the US officials of a story; Migrant_caravan-I: the
// migrants quoted) and uses MISC, EVENT and ACTION for things that are not
// named entities; those chains group names of different people by design.
func identityChain(chain string) bool {
	switch wclChainKind(chain) {
	case "ACTOR", "COUNTRY", "GROUP", "OBJECT":
		return true
	}
	return false
}

// devTopic reports the topics used while developing the merger; the other
// half is held out and only reported.
func devTopic(topic string) bool {
	n := 0
	for _, r := range topic {
		if r < '0' || r > '9' {
			return false
		}
		n = n*10 + int(r-'0')
	}
	return n < 5
}

// wclScored is one gold name mention with the engine's grouping of it.
type wclScored struct {
	topic, chain, text string
	pred, strict       string
	found              bool
}

// EvalEntities scores package entity on NewsWCL50: the gold mentions that
// are names (isNameMention) are grouped with the engine's merging — each is
// matched to the finder's mention that overlaps it most; failing that, to the
// person whose title the finder read there ("Japanese Prime Minister" before
// "Shinzo Abe", see roleOwner); and a gold name the finder missed altogether
// is handed to Merge as an extra name of unknown type, so the grouping
// measures the merger alone — and the grouping is scored against the
// gold chains with BCubed and MUC. Name recall is the share of gold names the
// finder found (overlapping one of its mentions). Stories are the ten
// NewsWCL50 events; gold labels are never shown to the engine. It writes one
// line per scope and split; the last line is the identity scope on all topics.
func EvalEntities(w io.Writer, cfg EntityEvalConfig) (EntityEval, error) {
	path := filepath.Join(cfg.DataDir, "newswcl50", "NewsWCL50.conll")
	if _, err := os.Stat(path); err != nil {
		if alt := filepath.Join(cfg.DataDir, "NewsWCL50.conll"); fileExists(alt) {
			path = alt
		}
	}
	docs, err := loadWCLMentions(path)
	if err != nil {
		return EntityEval{}, err
	}
	scored := groupWCL(docs)
	var ev EntityEval
	pick := func(identity bool, split func(string) bool) EntityScore {
		var part []wclScored
		for _, s := range scored {
			if (!identity || identityChain(s.chain)) && split(s.topic) {
				part = append(part, s)
			}
		}
		return scoreWCL(part)
	}
	dev := devTopic
	test := func(t string) bool { return !devTopic(t) }
	all := func(string) bool { return true }
	ev.AllChains.Dev, ev.AllChains.Test, ev.AllChains.All = pick(false, dev), pick(false, test), pick(false, all)
	ev.Identity.Dev, ev.Identity.Test, ev.Identity.All = pick(true, dev), pick(true, test), pick(true, all)
	if cfg.Verbose {
		writeChains(w, scored)
	}
	line := func(name string, s EntityScore) {
		fmt.Fprintf(w, "%-22s bcubed p=%.4f r=%.4f f1=%.4f  muc p=%.4f r=%.4f f1=%.4f  strict bcubed_f1=%.4f  name_recall=%.4f  mentions=%d\n",
			name, s.BCubedP, s.BCubedR, s.BCubedF, s.MUCP, s.MUCR, s.MUCF, s.StrictBCubedF, s.NameRecall, s.Mentions)
	}
	fmt.Fprintf(w, "newswcl50: %d documents, 10 stories; dev = topics 0-4, test = topics 5-9 (held out)\n", len(docs))
	line("all-chains dev", ev.AllChains.Dev)
	line("all-chains test", ev.AllChains.Test)
	line("all-chains all", ev.AllChains.All)
	line("identity dev", ev.Identity.Dev)
	line("identity test", ev.Identity.Test)
	s := ev.Identity.All
	line("identity all", s)
	fmt.Fprintf(w, "entities bcubed_f1=%.4f muc_f1=%.4f name_recall=%.4f mentions=%d\n", s.BCubedF, s.MUCF, s.NameRecall, s.Mentions)
	return ev, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// groupWCL runs the finder and the merger on each story and labels every
// gold name mention with the entity the engine put it in.
func groupWCL(docs []*wclDoc) []wclScored {
	byTopic := map[string][]*wclDoc{}
	var topics []string
	for _, d := range docs {
		if _, ok := byTopic[d.topic]; !ok {
			topics = append(topics, d.topic)
		}
		byTopic[d.topic] = append(byTopic[d.topic], d)
	}
	var out []wclScored
	for _, tp := range topics {
		var arts []*crosscheck.Article
		fmap := map[string][]entity.Found{}
		type gm struct {
			art      string
			span     crosscheck.Span
			chain    string
			match    int // index into fmap[art]
			supplied bool
			byRole   bool // matched through a role the finder read before a name
		}
		var gms []gm
		for _, d := range byTopic[tp] {
			a := &crosscheck.Article{ID: d.id, Text: d.text, Language: "en"}
			text.Analyze(a)
			arts = append(arts, a)
			fs := entity.Find(a)
			maxLocal := -1
			for _, f := range fs {
				maxLocal = max(maxLocal, f.Local)
			}
			for _, g := range d.gold {
				if !isNameMention(d.words[g.from : g.to+1]) {
					continue
				}
				sp := crosscheck.Span{Start: d.spans[g.from].Start, End: d.spans[g.to].End}
				best, bestOv := -1, 0
				for i, f := range fs {
					if f.Kind == entity.KindNominal {
						continue
					}
					ov := min(f.Span.End, sp.End) - max(f.Span.Start, sp.Start)
					if ov > bestOv {
						best, bestOv = i, ov
					}
				}
				byRole := false
				if best < 0 {
					best = roleOwner(d.text, fs, sp)
					byRole = best >= 0
				}
				gms = append(gms, gm{art: d.id, span: sp, chain: g.chain, match: best, byRole: byRole})
			}
			// Missed gold names go to the merger as names of unknown type.
			for i := range gms {
				g := &gms[i]
				if g.art != d.id || g.match >= 0 {
					continue
				}
				maxLocal++
				t := a.Slice(g.span)
				fs = append(fs, entity.Found{Span: g.span, Text: t, Name: t, Type: crosscheck.EntityOther, Local: maxLocal})
				g.match, g.supplied = len(fs)-1, true
			}
			fmap[d.id] = fs
		}
		ix := entity.NewIndex(entity.Merge(arts, fmap))
		textOf := map[string]string{}
		for _, a := range arts {
			textOf[a.ID] = a.Text
		}
		for _, g := range gms {
			f := fmap[g.art][g.match]
			id, ok := ix.At(g.art, f.Span)
			if !ok {
				id = fmt.Sprintf("none-%s-%d", g.art, f.Span.Start)
			}
			s := wclScored{topic: tp, chain: g.chain, text: textOf[g.art][g.span.Start:g.span.End], pred: tp + "/" + id, found: !g.supplied && !g.byRole}
			s.strict = s.pred
			if !s.found {
				s.strict = fmt.Sprintf("miss-%s-%d", g.art, g.span.Start)
			}
			out = append(out, s)
		}
	}
	return out
}

// roleOwner returns the index of the mention whose title or pre-modifier
// role covers span sp most ("Japanese Prime Minister" before "Shinzo Abe":
// the finder reads the title as Abe's role, with the name's mention span
// leaving it out), or -1. Only roles written right before their name count:
// their text opens the role's evidence. The gold name is then grouped with
// that person, yet counts as not found by name (name recall and the strict
// scores are unchanged by it).
func roleOwner(txt string, fs []entity.Found, sp crosscheck.Span) int {
	best, bestOv := -1, 0
	for i, f := range fs {
		if f.Kind == entity.KindNominal {
			continue
		}
		for _, r := range f.Roles {
			ev := r.Evidence
			if ev.Start < 0 || ev.Start+len(r.Role) > len(txt) || txt[ev.Start:ev.Start+len(r.Role)] != r.Role || ev.Start+len(r.Role) > f.Span.Start {
				continue
			}
			ov := min(ev.Start+len(r.Role), sp.End) - max(ev.Start, sp.Start)
			if ov > bestOv {
				best, bestOv = i, ov
			}
		}
	}
	return best
}

func scoreWCL(part []wclScored) EntityScore {
	var s EntityScore
	gold := make([]string, len(part))
	pred := make([]string, len(part))
	strict := make([]string, len(part))
	found := 0
	for i, p := range part {
		gold[i], pred[i], strict[i] = p.chain, p.pred, p.strict
		if p.found {
			found++
		}
	}
	s.Mentions = len(part)
	if len(part) > 0 {
		s.NameRecall = float64(found) / float64(len(part))
	}
	s.BCubedP, s.BCubedR, s.BCubedF = bcubed(pred, gold)
	s.MUCP, s.MUCR, s.MUCF = muc(pred, gold)
	_, _, s.StrictBCubedF = bcubed(strict, gold)
	_, _, s.StrictMUCF = muc(strict, gold)
	return s
}

// writeChains lists, for every gold chain of the identity scope, the
// engine's groups of its names (largest first) and, for every engine group
// spanning several gold chains, the chains it joined: what to read when
// improving the merger (on the dev topics only).
func writeChains(w io.Writer, scored []wclScored) {
	type group struct {
		key   string
		texts map[string]int
		n     int
	}
	collect := func(key func(wclScored) string, sub func(wclScored) string) map[string][]*group {
		out := map[string][]*group{}
		idx := map[[2]string]*group{}
		for _, s := range scored {
			if !identityChain(s.chain) {
				continue
			}
			k, g := key(s), sub(s)
			gr := idx[[2]string{k, g}]
			if gr == nil {
				gr = &group{key: g, texts: map[string]int{}}
				idx[[2]string{k, g}] = gr
				out[k] = append(out[k], gr)
			}
			gr.texts[s.text]++
			gr.n++
		}
		return out
	}
	show := func(title string, m map[string][]*group) {
		keys := make([]string, 0, len(m))
		for k := range m {
			if len(m[k]) > 1 {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			gs := m[k]
			sort.SliceStable(gs, func(i, j int) bool { return gs[i].n > gs[j].n })
			fmt.Fprintf(w, "%s %s\n", title, k)
			for _, g := range gs {
				ts := make([]string, 0, len(g.texts))
				for t, n := range g.texts {
					ts = append(ts, fmt.Sprintf("%s×%d", t, n))
				}
				sort.Strings(ts)
				fmt.Fprintf(w, "    %3d %s: %s\n", g.n, g.key, strings.Join(ts, " | "))
			}
		}
	}
	show("split", collect(func(s wclScored) string { return s.chain }, func(s wclScored) string { return s.pred }))
	show("joined", collect(func(s wclScored) string { return s.pred }, func(s wclScored) string { return s.chain }))
}

// bcubed scores a clustering (pred labels) against gold labels, item by item.
func bcubed(pred, gold []string) (p, r, f float64) {
	if len(pred) == 0 {
		return 0, 0, 0
	}
	pc := map[string][]int{}
	gc := map[string][]int{}
	for i := range pred {
		pc[pred[i]] = append(pc[pred[i]], i)
		gc[gold[i]] = append(gc[gold[i]], i)
	}
	for i := range pred {
		both := 0
		for _, j := range pc[pred[i]] {
			if gold[j] == gold[i] {
				both++
			}
		}
		p += float64(both) / float64(len(pc[pred[i]]))
		r += float64(both) / float64(len(gc[gold[i]]))
	}
	p /= float64(len(pred))
	r /= float64(len(pred))
	return p, r, f1(p, r)
}

// muc is the link-based MUC score (Vilain et al. 1995).
func muc(pred, gold []string) (p, r, f float64) {
	part := func(key, resp []string) float64 {
		num, den := 0, 0
		groups := map[string][]int{}
		for i := range key {
			groups[key[i]] = append(groups[key[i]], i)
		}
		names := make([]string, 0, len(groups))
		for k := range groups {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			g := groups[k]
			parts := map[string]bool{}
			for _, i := range g {
				parts[resp[i]] = true
			}
			num += len(g) - len(parts)
			den += len(g) - 1
		}
		if den == 0 {
			return 0
		}
		return float64(num) / float64(den)
	}
	r = part(gold, pred)
	p = part(pred, gold)
	return p, r, f1(p, r)
}

// VariantScore is the result of the variant-pair evaluation.
type VariantScore struct {
	Precision, Recall float64
	Pairs             int
	Misses            []string // wrong decisions, for reading
}

// EvalVariants reads a variant set (label TAB name TAB name per line, label
// "same" or "diff", # comments) and scores entity.SameName's merge decision.
func EvalVariants(w io.Writer, path string, verbose bool) (VariantScore, error) {
	f, err := os.Open(path)
	if err != nil {
		return VariantScore{}, fmt.Errorf("variants: %w (the set lives in entity/testdata/variants.tsv; pass --set)", err)
	}
	defer f.Close()
	var s VariantScore
	tp, fp, fn := 0, 0, 0
	sc := bufio.NewScanner(f)
	ln := 0
	for sc.Scan() {
		ln++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 3 || (fs[0] != "same" && fs[0] != "diff") {
			return s, fmt.Errorf("variants: %s:%d: want same|diff TAB name TAB name", path, ln)
		}
		s.Pairs++
		got := entity.SameName(fs[1], fs[2])
		want := fs[0] == "same"
		switch {
		case got && want:
			tp++
		case got && !want:
			fp++
			s.Misses = append(s.Misses, fmt.Sprintf("wrong merge: %s | %s", fs[1], fs[2]))
		case !got && want:
			fn++
			s.Misses = append(s.Misses, fmt.Sprintf("missed merge: %s | %s", fs[1], fs[2]))
		}
	}
	if err := sc.Err(); err != nil {
		return s, err
	}
	if tp+fp > 0 {
		s.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.Recall = float64(tp) / float64(tp+fn)
	}
	if verbose {
		for _, m := range s.Misses {
			fmt.Fprintln(w, m)
		}
	}
	fmt.Fprintf(w, "variants: %d same pairs, %d different pairs: %d merged right, %d wrong merges, %d missed\n", tp+fn, s.Pairs-tp-fn, tp, fp, fn)
	fmt.Fprintf(w, "variants precision=%.4f recall=%.4f pairs=%d\n", s.Precision, s.Recall, s.Pairs)
	return s, nil
}
