package text

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/crosscheck-news/crosscheck"
)

const seedDir = "../../shared/corpus/seeds"

// checkLayer verifies the structural contract of an analyzed article and
// returns the first violation, or "".
func checkLayer(a *crosscheck.Article) string {
	n := len(a.Text)
	// Rune boundaries are only defined for valid UTF-8; Prepare guarantees it
	// for pipeline text, and for invalid input spans need only be in range.
	checkRunes := utf8.ValidString(a.Text)
	valid := func(s crosscheck.Span) bool {
		if s.Start < 0 || s.Start >= s.End || s.End > n {
			return false
		}
		return !checkRunes || utf8.RuneStart(a.Text[s.Start]) && (s.End == n || utf8.RuneStart(a.Text[s.End]))
	}
	for i, p := range a.Paragraphs {
		if !valid(p) {
			return "invalid paragraph span"
		}
		if strings.Contains(a.Slice(p), "\n") {
			return "paragraph contains a newline"
		}
		if i > 0 && p.Start <= a.Paragraphs[i-1].End {
			return "paragraphs out of order"
		}
	}
	if len(a.SentenceTokens) != len(a.Sentences) {
		return "SentenceTokens and Sentences differ in length"
	}
	para := 0
	nextToken := 0
	for i, s := range a.Sentences {
		if !valid(s) {
			return "invalid sentence span"
		}
		if i > 0 && s.Start < a.Sentences[i-1].End {
			return "sentences overlap or are out of order"
		}
		text := a.Slice(s)
		if strings.TrimSpace(text) != text {
			return "sentence not trimmed: " + text
		}
		for para < len(a.Paragraphs) && a.Paragraphs[para].End < s.End {
			para++
		}
		if para == len(a.Paragraphs) || s.Start < a.Paragraphs[para].Start {
			return "sentence outside its paragraph: " + text
		}
		r := a.SentenceTokens[i]
		if r[0] != nextToken || r[1] < r[0] || r[1] > len(a.Tokens) {
			return "SentenceTokens not contiguous"
		}
		nextToken = r[1]
		covered := s.Start
		for _, tk := range a.Tokens[r[0]:r[1]] {
			if gap := a.Text[covered:max(covered, tk.Start)]; strings.TrimFunc(gap, isSpaceOrZeroWidth) != "" {
				return "text outside every token: " + gap
			}
			covered = max(covered, tk.End)
			if !valid(tk.Span) || tk.Start < s.Start || tk.End > s.End {
				return "token outside its sentence"
			}
			want := Normalize(a.Slice(tk.Span))
			if tk.Kind == crosscheck.TokenNumber {
				want = numberNorm(want)
			}
			if tk.Norm != want {
				return "token Norm differs from Normalize(surface) (numberNorm of it for a number)"
			}
		}
	}
	for i := 1; i < len(a.Sentences); i++ {
		if gap := a.Text[a.Sentences[i-1].End:a.Sentences[i].Start]; strings.TrimFunc(gap, isSpaceOrZeroWidth) != "" {
			return "text outside every sentence: " + gap
		}
	}
	if nextToken != len(a.Tokens) {
		return "tokens outside every sentence"
	}
	for i := 1; i < len(a.Tokens); i++ {
		if a.Tokens[i].Start < a.Tokens[i-1].End {
			return "tokens overlap"
		}
	}
	return ""
}

func isSpaceOrZeroWidth(r rune) bool { return unicode.IsSpace(r) || isZeroWidth(r) }

func TestAnalyze(t *testing.T) {
	a := &crosscheck.Article{
		Language: "en",
		Text:     "Belarus freed 123 prisoners, Mr. Coale said.\nLukashenko’s “gesture” was welcomed. Over 1,100 remain.",
	}
	Analyze(a)
	if msg := checkLayer(a); msg != "" {
		t.Fatal(msg)
	}
	var paras, sents []string
	for _, p := range a.Paragraphs {
		paras = append(paras, a.Slice(p))
	}
	for _, s := range a.Sentences {
		sents = append(sents, a.Slice(s))
	}
	wantParas := []string{"Belarus freed 123 prisoners, Mr. Coale said.", "Lukashenko’s “gesture” was welcomed. Over 1,100 remain."}
	wantSents := []string{"Belarus freed 123 prisoners, Mr. Coale said.", "Lukashenko’s “gesture” was welcomed.", "Over 1,100 remain."}
	if !reflect.DeepEqual(paras, wantParas) {
		t.Errorf("paragraphs %q", paras)
	}
	if !reflect.DeepEqual(sents, wantSents) {
		t.Errorf("sentences %q", sents)
	}
	r := a.SentenceTokens[1]
	var words []string
	for _, tk := range a.Tokens[r[0]:r[1]] {
		words = append(words, tk.Stem)
	}
	if got, want := strings.Join(words, " "), `lukashenko 's " gestur " was welcom .`; got != want {
		t.Errorf("sentence 1 stems %q, want %q", got, want)
	}

	before := *a
	before.Tokens = append([]crosscheck.Token(nil), a.Tokens...)
	Analyze(a)
	if !reflect.DeepEqual(before.Tokens, a.Tokens) || !reflect.DeepEqual(before.Sentences, a.Sentences) ||
		!reflect.DeepEqual(before.Paragraphs, a.Paragraphs) || !reflect.DeepEqual(before.SentenceTokens, a.SentenceTokens) {
		t.Error("Analyze is not idempotent")
	}
}

func TestAnalyzeEmptyAndUnpreparedText(t *testing.T) {
	for _, text := range []string{"", "\n\n", "  padded line  \n\nnext.\n", "no language set"} {
		a := &crosscheck.Article{Text: text}
		Analyze(a)
		if msg := checkLayer(a); msg != "" {
			t.Errorf("%q: %s", text, msg)
		}
	}
}

func TestAnalyzeUnknownLanguageStemIsNorm(t *testing.T) {
	a := &crosscheck.Article{Text: "Die Gefangenen wurden freigelassen.", Language: "de"}
	Analyze(a)
	for _, tk := range a.Tokens {
		if tk.Stem != tk.Norm {
			t.Errorf("de token %q: Stem %q != Norm %q", a.Slice(tk.Span), tk.Stem, tk.Norm)
		}
	}
}

// abbreviationsThatContinue are the abbreviations from the segmentation
// rules that may never end a sentence when something follows on the line.
var abbreviationsThatContinue = []string{
	"Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Maj.", "Sgt.", "Capt.",
	"Gov.", "Sen.", "Rep.", "vs.", "e.g.", "i.e.",
}

func TestSeedCorpusStructure(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Skipf("seed corpus not found at %s; skipping", seedDir)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a := &crosscheck.Article{ID: filepath.Base(f), Text: Prepare(string(raw)), Language: "en"}
		Analyze(a)
		if msg := checkLayer(a); msg != "" {
			t.Errorf("%s: %s", a.ID, msg)
			continue
		}
		if len(a.Paragraphs) != strings.Count(a.Text, "\n")+1 {
			t.Errorf("%s: %d paragraphs for %d lines", a.ID, len(a.Paragraphs), strings.Count(a.Text, "\n")+1)
		}
		if len(a.Sentences) < len(a.Paragraphs) {
			t.Errorf("%s: fewer sentences than paragraphs", a.ID)
		}
		for i, s := range a.Sentences {
			text := a.Slice(s)
			endsLine := s.End == len(a.Text) || a.Text[s.End] == '\n'
			for _, abbr := range abbreviationsThatContinue {
				if !endsLine && (text == abbr || strings.HasSuffix(text, " "+abbr)) {
					t.Errorf("%s: sentence %d ends in abbreviation %q: %q", a.ID, i, abbr, text)
				}
			}
			if r, _ := utf8.DecodeRuneInString(text); unicode.IsLower(r) {
				t.Errorf("%s: sentence %d starts in lower case: %q", a.ID, i, text)
			}
		}
		words := 0
		for _, tk := range a.Tokens {
			if tk.Kind == crosscheck.TokenWord {
				words++
			}
		}
		if words*2 < len(a.Tokens) {
			t.Errorf("%s: only %d of %d tokens are words", a.ID, words, len(a.Tokens))
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", "Mr. Smith went to the U.S. He left.", "“Free them!” she said.\nOne… two.",
		"Лукашенко’s 1,100 10% 3.5", "市议会。官员！", "a\u200db\ufe0f e\u0301 👍🏽", "x.\n\n.y",
		"l'homme qu'il", "'s 's' '", "\xff\xfe",
	} {
		f.Add(s, "en")
	}
	f.Add("l'homme d'État", "fr")
	f.Add("заключённых освобождены", "ru")
	f.Fuzz(func(t *testing.T, text, lang string) {
		a := &crosscheck.Article{Text: text, Language: lang}
		Analyze(a)
		if msg := checkLayer(a); msg != "" {
			t.Fatalf("%s (text %q)", msg, text)
		}
		p := &crosscheck.Article{Text: Prepare(text), Language: lang}
		Analyze(p)
		if msg := checkLayer(p); msg != "" {
			t.Fatalf("prepared: %s (text %q)", msg, p.Text)
		}
		if len(p.Paragraphs) != strings.Count(p.Text, "\n")+1 && p.Text != "" {
			t.Fatalf("prepared text %q: %d paragraphs", p.Text, len(p.Paragraphs))
		}
	})
}

// benchmarkArticle returns about 5 KB of news text: the seed articles when
// present (real vocabulary, so the per-article stem cache is not flattered),
// else a repeated synthetic paragraph.
func benchmarkArticle() string {
	if files, _ := filepath.Glob(filepath.Join(seedDir, "*.txt")); len(files) > 0 {
		var b strings.Builder
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				break
			}
			b.WriteString(Prepare(string(raw)))
			b.WriteByte('\n')
			if b.Len() >= 5000 {
				break
			}
		}
		if text := b.String(); len(text) >= 5000 {
			text = text[:5000]
			for !utf8.RuneStart(text[len(text)-1]) || text[len(text)-1] == '\n' {
				text = text[:len(text)-1]
			}
			return Prepare(text)
		}
	}
	paragraph := "Belarus freed 123 political prisoners on Saturday, including Maria Kolesnikova, " +
		"in a deal brokered by the U.S. that eased sanctions on potash exports. " +
		"“Today, we are one step closer to change,” Svetlana Tikhanovskaya wrote. " +
		"Over 1,100 people remain behind bars, according to the Viasna rights group, " +
		"and Mr. Lukashenko’s government denied it had made concessions."
	var b strings.Builder
	for b.Len() < 5000 {
		b.WriteString(paragraph)
		b.WriteByte('\n')
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func BenchmarkAnalyze(b *testing.B) {
	text := benchmarkArticle()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		a := &crosscheck.Article{Text: text, Language: "en"}
		Analyze(a)
	}
}

// BenchmarkAnalyzeColdStemCache is BenchmarkAnalyze with the process-wide
// stem cache emptied before every article: the cost of the first article
// with a new vocabulary.
func BenchmarkAnalyzeColdStemCache(b *testing.B) {
	text := benchmarkArticle()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		resetStemCache()
		a := &crosscheck.Article{Text: text, Language: "en"}
		Analyze(a)
	}
}

func BenchmarkPrepare(b *testing.B) {
	text := strings.ReplaceAll(benchmarkArticle(), "\n", "\r\n\r\n  ")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Prepare(text)
	}
}
