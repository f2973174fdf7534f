package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/dedup"
	"github.com/crosscheck-news/crosscheck/entity"
	"github.com/crosscheck-news/crosscheck/finding"
	"github.com/crosscheck-news/crosscheck/text"
)

// ParaphrasePair is one labelled MSRP sentence pair.
type ParaphrasePair struct {
	Label  bool
	ID1    string
	ID2    string
	S1, S2 string
}

// ReadMSRP reads one MSRP split (msr_paraphrase_train.txt or _test.txt):
// a tab-separated header line, then Quality, #1 ID, #2 ID, #1 String,
// #2 String per line.
func ReadMSRP(path string) ([]ParaphrasePair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("msrp: %w (want the folder holding msr_paraphrase_train.txt and msr_paraphrase_test.txt)", err)
	}
	defer f.Close()
	var out []ParaphrasePair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue // header
		}
		row := strings.TrimRight(sc.Text(), "\r")
		if row == "" {
			continue
		}
		cols := strings.Split(row, "\t")
		if len(cols) != 5 || (cols[0] != "0" && cols[0] != "1") {
			return nil, fmt.Errorf("msrp: %s:%d: want 5 tab-separated columns with a 0/1 label, got %d columns", path, line, len(cols))
		}
		out = append(out, ParaphrasePair{Label: cols[0] == "1", ID1: cols[1], ID2: cols[2], S1: cols[3], S2: cols[4]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("msrp: reading %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("msrp: %s holds no pairs", path)
	}
	return out, nil
}

// ParaphraseResult is the score of the sentence-pair decision on MSRP test.
type ParaphraseResult struct {
	Pairs                       int
	Accuracy, Precision, Recall float64
	F1                          float64
	// NumberOrNameDiff counts test pairs whose sentences differ only in
	// numbers or capitalised names; NumberOrNameDiffPara how many of them
	// are labelled paraphrases.
	NumberOrNameDiff, NumberOrNameDiffPara int
	// NumberOrNameConflict counts the pairs of NumberOrNameDiff in which
	// the findings engine (package finding) calls a value in conflict,
	// read as two one-sentence articles of one story; ...Para how many of
	// those are labelled paraphrases.
	NumberOrNameConflict, NumberOrNameConflictPara int
	// NumbersDiffer counts the test pairs, a looser and larger set, in which
	// each sentence has a number the other lacks (whatever else differs);
	// NumbersDifferPara how many are labelled paraphrases. The Conflict
	// counts say on how many of them, and of the paraphrases among them,
	// the findings engine calls a conflict: on a paraphrase, where both
	// sentences say the same thing, a conflict is a false one.
	NumbersDiffer, NumbersDifferPara                 int
	NumbersDifferConflict, NumbersDifferConflictPara int
	// Model is the model scored: dedup.ParaphraseModel, or the one fitted on
	// train when fitting was asked for.
	Model dedup.Model
}

// Paraphrase scores dedup's sentence scorer — the one the rewrite alignment
// uses — on the MSRP test split in dir. IDF weights come from the train and
// test sentences without their labels. With fit, the model is first refitted
// on the train split (labels of train only) and that model is scored.
func Paraphrase(dir string, fit bool) (ParaphraseResult, error) {
	train, err := ReadMSRP(filepath.Join(dir, "msr_paraphrase_train.txt"))
	if err != nil {
		return ParaphraseResult{}, err
	}
	test, err := ReadMSRP(filepath.Join(dir, "msr_paraphrase_test.txt"))
	if err != nil {
		return ParaphraseResult{}, err
	}
	v := dedup.NewVocab()
	type prepared struct {
		a, b   *dedup.Sent
		ta, tb []crosscheck.Token
	}
	prep := func(ps []ParaphrasePair) []prepared {
		out := make([]prepared, len(ps))
		for i, p := range ps {
			ta := text.Tokenize(text.Prepare(p.S1), "en")
			tb := text.Tokenize(text.Prepare(p.S2), "en")
			out[i] = prepared{v.Sentence(ta, true), v.Sentence(tb, true), ta, tb}
		}
		return out
	}
	tr, te := prep(train), prep(test)
	model := dedup.ParaphraseModel
	if fit {
		xs := make([][dedup.NumFeatures]float64, len(tr))
		ys := make([]bool, len(tr))
		for i, p := range tr {
			xs[i] = v.Features(p.a, p.b)
			ys[i] = train[i].Label
		}
		model, err = dedup.FitModel(xs, ys, 1)
		if err != nil {
			return ParaphraseResult{}, fmt.Errorf("msrp: fitting on %s: %w", dir, err)
		}
	}
	res := ParaphraseResult{Pairs: len(te), Model: model}
	var tp, fp, fn, correct int
	for i, p := range te {
		say := model.Prob(v.Features(p.a, p.b)) >= model.Threshold
		gold := test[i].Label
		switch {
		case say && gold:
			tp++
		case say && !gold:
			fp++
		case !say && gold:
			fn++
		}
		if say == gold {
			correct++
		}
		strict, loose := NumberOrNameDiff(p.ta, p.tb), NumbersDiffer(p.ta, p.tb)
		conflict := (strict || loose) && PairConflict(test[i].S1, test[i].S2)
		if strict {
			res.NumberOrNameDiff++
			if gold {
				res.NumberOrNameDiffPara++
			}
			if conflict {
				res.NumberOrNameConflict++
				if gold {
					res.NumberOrNameConflictPara++
				}
			}
		}
		if loose {
			res.NumbersDiffer++
			if gold {
				res.NumbersDifferPara++
			}
			if conflict {
				res.NumbersDifferConflict++
				if gold {
					res.NumbersDifferConflictPara++
				}
			}
		}
	}
	res.Accuracy = float64(correct) / float64(len(te))
	if tp > 0 {
		res.Precision = float64(tp) / float64(tp+fp)
		res.Recall = float64(tp) / float64(tp+fn)
		res.F1 = 2 * res.Precision * res.Recall / (res.Precision + res.Recall)
	}
	return res, nil
}

// PrintParaphrase writes the result; the last line is the summary
// `paraphrase accuracy=… f1=… pairs=…`.
func PrintParaphrase(w io.Writer, r ParaphraseResult) {
	fmt.Fprintf(w, "paraphrase precision=%.4f recall=%.4f threshold=%.4f\n", r.Precision, r.Recall, r.Model.Threshold)
	fmt.Fprintf(w, "paraphrase number_or_name_diff pairs=%d labelled_paraphrase=%d\n", r.NumberOrNameDiff, r.NumberOrNameDiffPara)
	rate := 0.0
	if r.NumberOrNameDiff > 0 {
		rate = float64(r.NumberOrNameConflict) / float64(r.NumberOrNameDiff)
	}
	fmt.Fprintf(w, "paraphrase number_or_name_conflict called=%d of=%d rate=%.4f called_on_paraphrases=%d called_on_non_paraphrases=%d\n",
		r.NumberOrNameConflict, r.NumberOrNameDiff, rate, r.NumberOrNameConflictPara, r.NumberOrNameConflict-r.NumberOrNameConflictPara)
	fmt.Fprintf(w, "paraphrase numbers_differ pairs=%d conflict_called=%d on_paraphrases=%d_of_%d on_non_paraphrases=%d_of_%d\n",
		r.NumbersDiffer, r.NumbersDifferConflict, r.NumbersDifferConflictPara, r.NumbersDifferPara,
		r.NumbersDifferConflict-r.NumbersDifferConflictPara, r.NumbersDiffer-r.NumbersDifferPara)
	fmt.Fprintf(w, "paraphrase accuracy=%.4f f1=%.4f pairs=%d\n", r.Accuracy, r.F1, r.Pairs)
}

// PairConflict reports whether the findings engine calls anything in
// conflict between two sentences read as two articles of one story.
func PairConflict(s1, s2 string) bool {
	var members []*crosscheck.Article
	for i, s := range []string{s1, s2} {
		a := &crosscheck.Article{ID: fmt.Sprintf("msrp-%d", i+1), Text: text.Prepare(s), Language: "en"}
		text.Analyze(a)
		members = append(members, a)
	}
	st := &crosscheck.Story{ID: "msrp", Articles: []string{members[0].ID, members[1].ID}}
	st.Entities = entity.Story(members)
	fs, _ := finding.Story(st, members)
	for _, f := range fs {
		if f.Kind == crosscheck.FindingConflict {
			return true
		}
	}
	return false
}

// NumberOrNameDiff reports whether two sentences differ only in numbers or
// names: their word and number tokens, compared by matching form, differ in
// at least one token on each side, and every token one has and the other
// lacks is a number or a capitalised word that does not open the sentence.
func NumberOrNameDiff(a, b []crosscheck.Token) bool {
	ca, cb := contentCounts(a), contentCounts(b)
	onlyA, onlyB := 0, 0
	for k, n := range ca.count {
		if d := n - cb.count[k]; d > 0 {
			if !ca.nameOrNum[k] {
				return false
			}
			onlyA += d
		}
	}
	for k, n := range cb.count {
		if d := n - ca.count[k]; d > 0 {
			if !cb.nameOrNum[k] {
				return false
			}
			onlyB += d
		}
	}
	return onlyA > 0 && onlyB > 0
}

// NumbersDiffer reports whether each of two sentences has a number token
// the other lacks.
func NumbersDiffer(a, b []crosscheck.Token) bool {
	na, nb := numberSet(a), numberSet(b)
	return hasOutside(na, nb) && hasOutside(nb, na)
}

func numberSet(toks []crosscheck.Token) map[string]bool {
	m := map[string]bool{}
	for _, t := range toks {
		if t.Kind == crosscheck.TokenNumber {
			m[t.Norm] = true
		}
	}
	return m
}

func hasOutside(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return true
		}
	}
	return false
}

type contentBag struct {
	count     map[string]int
	nameOrNum map[string]bool
}

func contentCounts(toks []crosscheck.Token) contentBag {
	c := contentBag{count: map[string]int{}, nameOrNum: map[string]bool{}}
	first := true
	for _, t := range toks {
		if t.Kind != crosscheck.TokenWord && t.Kind != crosscheck.TokenNumber {
			continue
		}
		c.count[t.Norm]++
		if t.Kind == crosscheck.TokenNumber || (t.Cap && !first) {
			c.nameOrNum[t.Norm] = true
		}
		first = false
	}
	return c
}
