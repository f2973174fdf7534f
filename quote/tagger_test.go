package quote

import (
	"bytes"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

// inventedDoc builds an invented annotated article: sentences of the form
// "<source> <cue> that <content>." mixed with plain sentences, with the
// gold spans found by position.
func inventedDoc(t testing.TB, sources, contents []string, cue string) TaggerDoc {
	t.Helper()
	var b strings.Builder
	type part struct{ src, cue, con [2]int }
	var parts []part
	for i, s := range sources {
		if i > 0 {
			b.WriteString(" ")
		}
		var p part
		p.src[0] = b.Len()
		b.WriteString(s)
		p.src[1] = b.Len()
		b.WriteString(" ")
		p.cue[0] = b.Len()
		b.WriteString(cue)
		p.cue[1] = b.Len()
		b.WriteString(" that ")
		p.con[0] = b.Len()
		b.WriteString(contents[i%len(contents)])
		p.con[1] = b.Len()
		b.WriteString(". The weather was mild on the coast that week.")
		parts = append(parts, p)
	}
	d := TaggerDoc{Article: article(b.String())}
	for _, p := range parts {
		d.Source = append(d.Source, crosscheck.Span{Start: p.src[0], End: p.src[1]})
		d.Cue = append(d.Cue, crosscheck.Span{Start: p.cue[0], End: p.cue[1]})
		d.Content = append(d.Content, crosscheck.Span{Start: p.con[0], End: p.con[1]})
	}
	return d
}

// inventedCorpus is a few documents whose attributions all use "zorbled",
// a cue word no lexicon knows.
func inventedCorpus(t testing.TB) []TaggerDoc {
	names := []string{"Mara Lind", "Oskar Velt", "The harbour board", "Tine Faber", "A ferry captain", "Ravi Doshi",
		"The city council", "Ola Brant", "Nell Okafor", "The port authority", "Ida Sorn", "Piet Hol"}
	contents := []string{"the bridge would close in May", "fares had risen twice", "the pier needed repairs",
		"the new ferries were late", "the tunnel plan was dead", "traffic had doubled since spring",
		"a storm would delay the crossing", "the old quay could be rebuilt", "no boat had sailed on Sunday",
		"prices at the kiosk were too high", "the night service would end", "the island school will be sold"}
	var docs []TaggerDoc
	for k := 0; k < 4; k++ {
		var src []string
		for i := range names {
			src = append(src, names[(i+k*5)%len(names)])
		}
		docs = append(docs, inventedDoc(t, src, contents[k*3:], "zorbled"))
	}
	return docs
}

func TestTrainTaggerLearnsCue(t *testing.T) {
	tg := TrainTagger(inventedCorpus(t), TrainConfig{Bits: 14, Epochs: 10, Seed: 1})
	a := article("Ulla Berg zorbled that the old lighthouse would be sold. The weather was mild on the coast that week.")
	if rules := FindWith(a, nil); len(rules) != 0 {
		t.Fatalf("the rules know the invented cue: %+v", rules)
	}
	got := FindWith(a, tg)
	if len(got) != 1 {
		t.Fatalf("got %d attributions, want 1: %+v", len(got), got)
	}
	at := got[0]
	if s := a.Slice(at.Cue); s != "zorbled" {
		t.Errorf("cue %q, want zorbled", s)
	}
	if s := a.Slice(at.Source); s != "Ulla Berg" {
		t.Errorf("source %q, want Ulla Berg", s)
	}
	if s := at.Text(a); s != "the old lighthouse would be sold" {
		t.Errorf("content %q", s)
	}
}

func TestTrainTaggerDeterministic(t *testing.T) {
	var models [2][]byte
	for i := range models {
		tg := TrainTagger(inventedCorpus(t), TrainConfig{Bits: 12, Epochs: 3, Seed: 7})
		var b bytes.Buffer
		if _, err := tg.WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		models[i] = b.Bytes()
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two runs gave different models")
	}
}

func TestTaggerRoundTrip(t *testing.T) {
	tg := TrainTagger(inventedCorpus(t), TrainConfig{Bits: 12, Epochs: 2, Seed: 1}).WithBias(3).WithMargins(1, 2).WithSourcedMin(0.5)
	var b bytes.Buffer
	if _, err := tg.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	back, err := ReadTagger(&b)
	if err != nil {
		t.Fatal(err)
	}
	if back.Bias != 3 || back.AddMin != 1 || back.SourceMin != 2 || back.SourcedMin != 0.5 || back.bits != 12 || back.scale != tg.scale ||
		!bytes.Equal(int8Bytes(back.q), int8Bytes(tg.q)) || back.trans != tg.trans {
		t.Error("the model read back differs from the one written")
	}
	if _, err := ReadTagger(strings.NewReader("not a model")); err == nil {
		t.Error("ReadTagger took garbage")
	}
}

// TestRejectUnseen drops an attribution of the rules whose cue the
// tagger does not label a cue, and keeps it when it does.
func TestRejectUnseen(t *testing.T) {
	a := article("The mayor said the market would reopen on Friday.")
	f := findRules(a)
	if len(f.out) != 1 {
		t.Fatalf("rules found %d attributions, want 1", len(f.out))
	}
	tags := make([]uint8, len(f.toks))
	cue := searchTokens(f.toks, f.out[0].Cue.Start)
	tags[cue] = tagBContent // labelled, but not as a cue
	if got := rejectUnseen(f, tags); len(got) != 0 {
		t.Errorf("kept %d attributions whose cue the tagger does not label a cue", len(got))
	}
	tags[cue] = tagBCue
	if got := rejectUnseen(f, tags); len(got) != 1 {
		t.Errorf("kept %d attributions, want the one whose cue the tagger labels", len(got))
	}
}

// TestSourcedMin adds an attribution below AddMin only when its source
// clears SourceMin and its cue and content clear SourcedMin.
func TestSourcedMin(t *testing.T) {
	txt := "Ada Vance hinted the pier would be sold."
	extra := func(source float32) []taggedAttribution {
		return []taggedAttribution{{
			Attribution: Attribution{Source: crosscheck.Span{Start: 0, End: 9}, Cue: crosscheck.Span{Start: 10, End: 16},
				Content: []crosscheck.Span{{Start: 17, End: 39}}},
			cue: 150, content: 150, source: source, words: 5, known: true,
		}}
	}
	tg := &Tagger{AddMin: 200, SourceMin: 50, SourcedMin: 100}
	if got := complete(txt, nil, extra(60), tg); len(got) != 1 || got[0].Source.Len() == 0 {
		t.Errorf("sure source: got %+v, want the attribution with its source", got)
	}
	if got := complete(txt, nil, extra(40), tg); len(got) != 0 {
		t.Errorf("unsure source: got %+v, want nothing below AddMin", got)
	}
	if got := complete(txt, nil, extra(60), tg.WithMargins(200, 50)); len(got) != 0 {
		t.Errorf("SourcedMin equal to AddMin: got %+v, want nothing", got)
	}
}

func int8Bytes(q []int8) []byte {
	b := make([]byte, len(q))
	for i, v := range q {
		b[i] = byte(v)
	}
	return b
}

func TestEmbeddedTagger(t *testing.T) {
	tg := EmbeddedTagger()
	if tg == nil {
		t.Fatal("no embedded model (quote/attribution_model.bin, written by crosscheck eval quotes --fit)")
	}
	if len(modelBin) > 1<<20 {
		t.Errorf("model is %d bytes, over 1 MB", len(modelBin))
	}
	a := article("The harbour master, Ines Kalder, made it clear that the quay would reopen in June.")
	f := findRules(a)
	ctx := newTagContext(f)
	tags, _ := tg.tag(ctx)
	var parts [4]int
	for _, y := range tags {
		parts[partOf(y)]++
	}
	// "made it clear" is no cue of the rules' lexicon.
	if parts[2] == 0 || parts[3] == 0 {
		t.Errorf("tags %v: want a cue and content", tags)
	}
	// With no margin to clear, the tagger adds what the rules miss.
	got := FindWith(a, tg.WithMargins(0, 0))
	if len(got) != 1 || a.Slice(got[0].Cue) != "made it clear" {
		t.Errorf("got %+v, want the attribution of made it clear", got)
	}
}

// benchText is about 1,000 words of invented news text.
func benchText() (string, int) {
	paras := []string{
		"The harbour board said on Tuesday that ferry fares would rise by four percent next month, the second increase this year.",
		"“We have no choice,” said Tine Faber, who chairs the board. “Fuel has doubled and the old boats need repairs.”",
		"Critics took issue with the plan. Ravi Doshi, a councillor, made it clear that he would vote against the budget, calling it “a tax on islanders.”",
		"According to a survey by the port authority, most commuters expect the new tunnel to open late. The authority declined to comment.",
		"Ola Brant, 61, of the north island, has used the ferry for forty years. She believes the service was better before the merger.",
		"The mayor's criticism of the board drew applause at the meeting, where residents called for an independent review of the accounts.",
	}
	var b strings.Builder
	for b.Len() < 6200 {
		for _, p := range paras {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	s := b.String()
	return s, len(strings.Fields(s))
}

// BenchmarkTagger measures the tagger's share of Find (features, Viterbi,
// grouping and merging), reported per 1,000 words; BenchmarkRules the
// rules' share.
func BenchmarkTagger(b *testing.B) {
	s, words := benchText()
	a := article(s)
	tg := EmbeddedTagger()
	if tg == nil {
		b.Skip("no embedded model")
	}
	f := findRules(a)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx := newTagContext(f)
		tags, margin := tg.tag(ctx)
		complete(a.Text, f.out, tagged(f, ctx, tags, margin), tg)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words)*1000/1e6, "ms/1kwords")
}

func BenchmarkRules(b *testing.B) {
	s, words := benchText()
	a := article(s)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		findRules(a)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words)*1000/1e6, "ms/1kwords")
}

// TestWholeClause checks that a tagged that-clause the tagger stopped early
// runs on to the end of its sentence, and only when nothing else of the
// sentence is tagged and the clause opens right after the cue.
func TestWholeClause(t *testing.T) {
	a := article("Her sister shared that the atmosphere was one of joy and relief following the release. She left.")
	f := findRules(a)
	at := func(word string) int { return tokenIndex(t, f, word) }
	cue := tokSpan{at("shared"), at("shared") + 1, 2}
	content := tokSpan{at("that"), at("atmosphere") + 1, 3}
	tags := make([]uint8, len(f.toks))
	tags[cue.from] = tagBCue
	tags[content.from] = tagBContent
	for i := content.from + 1; i < content.to; i++ {
		tags[i] = tagIContent
	}
	got := f.wholeClause(content, cue, tags)
	if s := a.Text[f.toks[got.from].Start:f.toks[got.to-1].End]; s != "that the atmosphere was one of joy and relief following the release" {
		t.Errorf("extended content %q", s)
	}
	// Something else tagged later in the sentence: left as tagged.
	tags[at("relief")] = tagBSource
	if got := f.wholeClause(content, cue, tags); got != content {
		t.Errorf("content extended over a tagged word: %+v", got)
	}
	tags[at("relief")] = tagO
	// Not a that-clause: left as tagged.
	other := tokSpan{at("the"), at("atmosphere") + 1, 3}
	if got := f.wholeClause(other, tokSpan{cue.from, cue.to + 1, 2}, tags); got != other {
		t.Errorf("a content without 'that' extended: %+v", got)
	}
}

// TestTaggedSense checks the sense given to the tagger's attributions: the
// lexicon's for a cue word it knows; for other cues, Speech for a
// that-clause or a quotation and Stance for a noun phrase, which names what
// a position is about rather than a statement.
func TestTaggedSense(t *testing.T) {
	a := article("The union continues to refuse recognition of his presidency. Her sister shared that the crowd was joyful. Analysts believe the talks will fail. Investigators are examining whether he ignored a warning.")
	f := findRules(a)
	at := func(word string) int { return tokenIndex(t, f, word) }
	span := func(from, to string, part uint8) tokSpan { return tokSpan{at(from), at(to) + 1, part} }
	for _, c := range []struct {
		cue, content tokSpan
		direct       bool
		want         Sense
	}{
		{span("continues", "refuse", 2), span("recognition", "presidency", 3), false, Stance},
		{span("examining", "examining", 2), span("whether", "warning", 3), false, Stance},
		{span("examining", "examining", 2), span("whether", "warning", 3), true, Speech},
		{span("shared", "shared", 2), span("that", "joyful", 3), false, Speech},
		{span("believe", "believe", 2), span("talks", "fail", 3), false, Thought},
	} {
		if got := f.taggedSense(c.cue, []tokSpan{c.content}, c.direct); got != c.want {
			t.Errorf("cue %q content %q direct=%v: sense %d, want %d", a.Text[f.toks[c.cue.from].Start:f.toks[c.cue.to-1].End],
				a.Text[f.toks[c.content.from].Start:f.toks[c.content.to-1].End], c.direct, got, c.want)
		}
	}
}

// tokenIndex is the index of the first token of f whose Norm is word.
func tokenIndex(t *testing.T, f *finder, word string) int {
	t.Helper()
	for i, tk := range f.toks {
		if tk.Norm == word {
			return i
		}
	}
	t.Fatalf("no token %q", word)
	return -1
}
