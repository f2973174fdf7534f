package eval

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/cluster"
	"github.com/crosscheck-news/crosscheck/text"
)

// LabeledSet is a set of articles with their gold story labels. The labels
// are kept apart from the articles (whose ids are opaque) and only compared
// with the clustering afterwards.
type LabeledSet struct {
	Name     string
	Articles []*crosscheck.Article
	Gold     []string // Gold[i] is the gold story of Articles[i]
	// Topic[i] is the ECB+ topic number of Articles[i] (0 for other sets),
	// used only to select topics for fitting and checking.
	Topic []int
}

// ClusterScore holds BCubed and pairwise scores of a clustering.
type ClusterScore struct {
	BCubedP, BCubedR, BCubedF1 float64
	PairP, PairR, PairF1       float64
	Docs, Stories, GoldStories int
}

func (s ClusterScore) String() string {
	return fmt.Sprintf("bcubed_f1=%.4f bcubed_p=%.4f bcubed_r=%.4f pairwise_f1=%.4f docs=%d stories=%d", s.BCubedF1, s.BCubedP, s.BCubedR, s.PairF1, s.Docs, s.Stories)
}

// ScoreClusters scores predicted labels against gold labels (same length,
// one per document).
func ScoreClusters(pred, gold []string) ClusterScore {
	n := len(pred)
	sc := ClusterScore{Docs: n}
	if n == 0 {
		return sc
	}
	type key struct{ p, g string }
	predSize, goldSize, both := map[string]int{}, map[string]int{}, map[key]int{}
	for i := range pred {
		predSize[pred[i]]++
		goldSize[gold[i]]++
		both[key{pred[i], gold[i]}]++
	}
	for i := range pred {
		c := float64(both[key{pred[i], gold[i]}])
		sc.BCubedP += c / float64(predSize[pred[i]])
		sc.BCubedR += c / float64(goldSize[gold[i]])
	}
	sc.BCubedP /= float64(n)
	sc.BCubedR /= float64(n)
	sc.BCubedF1 = f1(sc.BCubedP, sc.BCubedR)
	pairs := func(m map[string]int) (s float64) {
		for _, c := range m {
			s += float64(c) * float64(c-1) / 2
		}
		return s
	}
	var tp float64
	for _, c := range both {
		tp += float64(c) * float64(c-1) / 2
	}
	if pp := pairs(predSize); pp > 0 {
		sc.PairP = tp / pp
	} else {
		sc.PairP = 1
	}
	if gp := pairs(goldSize); gp > 0 {
		sc.PairR = tp / gp
	} else {
		sc.PairR = 1
	}
	sc.PairF1 = f1(sc.PairP, sc.PairR)
	sc.Stories, sc.GoldStories = len(predSize), len(goldSize)
	return sc
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// ClusterMode says which clusterer ClusterSet runs.
type ClusterMode int

const (
	ClusterOnline ClusterMode = iota // one pass, articles in the set's order
	ClusterBatch                     // cluster.Batch (--recluster)
)

// ClusterSet clusters s (labels unseen) and scores the result.
func ClusterSet(s *LabeledSet, mode ClusterMode, opt cluster.Options) ClusterScore {
	var stories []*crosscheck.Story
	if mode == ClusterBatch {
		stories = cluster.Batch(s.Articles, opt)
	} else {
		o := cluster.NewOnline(opt)
		for _, a := range s.Articles {
			o.Add(a)
		}
		stories = o.Stories()
	}
	of := map[string]string{}
	for _, st := range stories {
		for _, id := range st.Articles {
			of[id] = st.ID
		}
	}
	pred := make([]string, len(s.Articles))
	for i, a := range s.Articles {
		pred[i] = of[a.ID]
		if pred[i] == "" {
			pred[i] = "missing:" + a.ID // never happens unless an article is lost
		}
	}
	return ScoreClusters(pred, s.Gold)
}

// Subset returns the documents of s whose ECB+ topic satisfies keep.
func (s *LabeledSet) Subset(keep func(topic int) bool) *LabeledSet {
	out := &LabeledSet{Name: s.Name}
	for i, a := range s.Articles {
		if keep(s.Topic[i]) {
			out.Articles = append(out.Articles, a)
			out.Gold = append(out.Gold, s.Gold[i])
			out.Topic = append(out.Topic, s.Topic[i])
		}
	}
	return out
}

// shuffle puts the set in a fixed pseudo-random order (the order an online
// run sees), so that no data set is presented grouped by its gold labels.
func (s *LabeledSet) shuffle(seed uint64) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	r.Shuffle(len(s.Articles), func(i, j int) {
		s.Articles[i], s.Articles[j] = s.Articles[j], s.Articles[i]
		s.Gold[i], s.Gold[j] = s.Gold[j], s.Gold[i]
		s.Topic[i], s.Topic[j] = s.Topic[j], s.Topic[i]
	})
	// Opaque ids in presentation order: nothing about the source file (whose
	// name carries the gold "ecb"/"ecbplus") reaches the clusterer.
	for i, a := range s.Articles {
		a.ID = fmt.Sprintf("d%04d", i)
	}
}

// newArticle makes an analysed article of sentences (one per line) or
// paragraphs; the first line is the title, a leading URL line goes to URL.
func newArticle(lines []string, lang string) *crosscheck.Article {
	a := &crosscheck.Article{Language: lang}
	for len(lines) > 0 {
		l := strings.TrimSpace(lines[0])
		if l == "" {
			lines = lines[1:]
			continue
		}
		if a.URL == "" && (strings.HasPrefix(l, "http") || strings.HasPrefix(l, "www")) {
			a.URL = strings.ReplaceAll(l, " ", "")
			lines = lines[1:]
			continue
		}
		break
	}
	if len(lines) > 0 {
		a.Title = strings.TrimSpace(lines[0])
		lines = lines[1:]
	}
	a.Text = text.Prepare(strings.Join(lines, "\n"))
	text.Analyze(a)
	return a
}

// LoadECBPlus reads the ECB+ token XML files under dir (dir/<topic>/*.xml).
// The gold story of a file is its topic plus ecb/ecbplus, taken from the
// file name and kept in Gold only.
func LoadECBPlus(dir string) (*LabeledSet, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.xml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("ecbplus: no */*.xml files under %s", dir)
	}
	sort.Strings(files)
	s := &LabeledSet{Name: "ecbplus"}
	for _, f := range files {
		base := filepath.Base(f)
		topicStr, rest, ok := strings.Cut(base, "_")
		topic, err := strconv.Atoi(topicStr)
		if !ok || err != nil {
			return nil, fmt.Errorf("ecbplus: %s: file name is not TOPIC_Necb[plus].xml", f)
		}
		kind := "ecb"
		if strings.HasSuffix(rest, "ecbplus.xml") {
			kind = "ecbplus"
		}
		sents, err := readECBTokens(f)
		if err != nil {
			return nil, err
		}
		s.Articles = append(s.Articles, newArticle(sents, "en"))
		s.Gold = append(s.Gold, topicStr+kind)
		s.Topic = append(s.Topic, topic)
	}
	s.shuffle(1)
	return s, nil
}

func readECBTokens(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	var sents [][]string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("ecbplus: %s: %w", path, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "token" {
			continue
		}
		sn := -1
		for _, at := range se.Attr {
			if at.Name.Local == "sentence" {
				sn, _ = strconv.Atoi(at.Value)
			}
		}
		var word string
		if err := dec.DecodeElement(&word, &se); err != nil {
			return nil, fmt.Errorf("ecbplus: %s: %w", path, err)
		}
		if sn < 0 {
			continue
		}
		for len(sents) <= sn {
			sents = append(sents, nil)
		}
		sents[sn] = append(sents[sn], word)
	}
	var lines []string
	for _, s := range sents {
		if len(s) > 0 {
			lines = append(lines, strings.Join(s, " "))
		}
	}
	return lines, nil
}

// LoadNewsWCL50 reads NewsWCL50.conll. A document is identified by its
// first column, "EVENT/-/EVENT_OUTLET"; the event is its gold story. The
// entity-chain labels are not read. Paragraphs are separated by "\n" tokens;
// the first paragraph (the headline in this corpus) is the title.
func LoadNewsWCL50(path string) (*LabeledSet, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	type doc struct {
		paras [][]string
		event string
	}
	var order []string
	docs := map[string]*doc{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 4 {
			continue
		}
		id, word := cols[0], cols[3]
		d := docs[id]
		if d == nil {
			ev, _, _ := strings.Cut(id, "/")
			d = &doc{event: ev, paras: [][]string{nil}}
			docs[id] = d
			order = append(order, id)
		}
		if word == `\n` {
			d.paras = append(d.paras, nil)
			continue
		}
		d.paras[len(d.paras)-1] = append(d.paras[len(d.paras)-1], word)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("newswcl50: %s: %w", path, err)
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("newswcl50: no documents in %s", path)
	}
	s := &LabeledSet{Name: "newswcl50"}
	for _, id := range order {
		d := docs[id]
		var lines []string
		for _, p := range d.paras {
			if len(p) > 0 {
				lines = append(lines, strings.Join(p, " "))
			}
		}
		a := newArticle(lines, "en")
		if i := strings.LastIndexByte(id, '_'); i >= 0 {
			a.Outlet = id[i+1:]
		}
		s.Articles = append(s.Articles, a)
		s.Gold = append(s.Gold, d.event)
		s.Topic = append(s.Topic, 0)
	}
	s.shuffle(1)
	return s, nil
}

// ClusterEvalConfig configures ClusterEval.
type ClusterEvalConfig struct {
	DataDir string // ../shared/data
	Options cluster.Options
	Online  bool // also score the online clusterer
	Batch   bool // score cluster.Batch (the last line when set)
	// Topics, when set, restricts ECB+ to these topics (for fitting).
	Topics func(int) bool
	// Sets, when not empty, names the data sets to score ("ecbplus",
	// "newswcl50"), so that fitting on ECB+ topics prints nothing of the
	// held-out NewsWCL50.
	Sets []string
}

// ClusterEval scores story clustering on ECB+ and NewsWCL50 and writes, per
// data set, an optional "cluster mode=online …" line and a last line
// "cluster …" (the batch figure when Batch is set).
func ClusterEval(w io.Writer, cfg ClusterEvalConfig) error {
	type loader struct {
		name string
		load func() (*LabeledSet, error)
	}
	loaders := []loader{
		{"ecbplus", func() (*LabeledSet, error) { return LoadECBPlus(filepath.Join(cfg.DataDir, "ecbplus", "ECB+")) }},
		{"newswcl50", func() (*LabeledSet, error) {
			return LoadNewsWCL50(filepath.Join(cfg.DataDir, "newswcl50", "NewsWCL50.conll"))
		}},
	}
	for _, name := range cfg.Sets {
		if !slices.ContainsFunc(loaders, func(l loader) bool { return l.name == name }) {
			return fmt.Errorf("eval cluster: unknown data set %q (want ecbplus or newswcl50)", name)
		}
	}
	for _, l := range loaders {
		if len(cfg.Sets) > 0 && !slices.Contains(cfg.Sets, l.name) {
			continue
		}
		s, err := l.load()
		if err != nil {
			return err
		}
		if l.name == "ecbplus" && cfg.Topics != nil {
			s = s.Subset(cfg.Topics)
		}
		fmt.Fprintf(w, "%s: %d documents, %d gold stories\n", s.Name, len(s.Articles), ScoreClusters(s.Gold, s.Gold).Stories)
		if cfg.Online && cfg.Batch {
			fmt.Fprintf(w, "cluster mode=online %s\n", ClusterSet(s, ClusterOnline, cfg.Options))
		}
		mode := ClusterBatch
		if !cfg.Batch {
			mode = ClusterOnline
		}
		fmt.Fprintf(w, "cluster %s\n", ClusterSet(s, mode, cfg.Options))
	}
	return nil
}
