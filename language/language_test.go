package language

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// samples are short news-like paragraphs written for this test.
var samples = map[string]string{
	"en": "The city council voted on Tuesday to close the old bridge for repairs, and officials said traffic would be diverted through the northern district for at least three months.",
	"de": "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke für Reparaturen zu schließen. Nach Angaben der Behörden wird der Verkehr mindestens drei Monate lang umgeleitet.",
	"fr": "Le conseil municipal a voté mardi la fermeture du vieux pont pour des travaux, et les responsables ont indiqué que la circulation serait déviée pendant au moins trois mois.",
	"es": "El ayuntamiento votó el martes cerrar el viejo puente para repararlo, y las autoridades dijeron que el tráfico se desviará por el distrito norte durante al menos tres meses.",
	"it": "Il consiglio comunale ha votato martedì per chiudere il vecchio ponte per lavori, e i funzionari hanno detto che il traffico sarà deviato per almeno tre mesi.",
	"pt": "A câmara municipal votou na terça-feira o encerramento da velha ponte para obras, e as autoridades disseram que o trânsito será desviado durante pelo menos três meses.",
	"nl": "De gemeenteraad heeft dinsdag besloten de oude brug te sluiten voor herstelwerkzaamheden. Volgens ambtenaren wordt het verkeer minstens drie maanden omgeleid.",
	"pl": "Rada miasta zagłosowała we wtorek za zamknięciem starego mostu na czas remontu, a urzędnicy poinformowali, że ruch zostanie skierowany objazdem na co najmniej trzy miesiące.",
	"ru": "Городской совет во вторник проголосовал за закрытие старого моста на ремонт, и чиновники сообщили, что движение будет перенаправлено как минимум на три месяца.",
	"uk": "Міська рада у вівторок проголосувала за закриття старого мосту на ремонт, і посадовці повідомили, що рух буде спрямовано в об'їзд щонайменше на три місяці.",
	"be": "Гарадскі савет у аўторак прагаласаваў за закрыццё старога моста на рамонт, і чыноўнікі паведамілі, што рух будзе накіраваны ў аб'езд прынамсі на тры месяцы.",
	"lt": "Miesto taryba antradienį nubalsavo uždaryti senąjį tiltą remontui, o pareigūnai teigė, kad eismas bus nukreiptas aplinkkeliu mažiausiai trims mėnesiams.",
	"tr": "Belediye meclisi salı günü eski köprünün onarım için kapatılmasına karar verdi ve yetkililer trafiğin en az üç ay boyunca başka yollara yönlendirileceğini söyledi.",
	"ar": "صوّت مجلس المدينة يوم الثلاثاء على إغلاق الجسر القديم لإصلاحه، وقال المسؤولون إن حركة المرور ستحوّل لمدة ثلاثة أشهر على الأقل.",
	"zh": "市议会周二投票决定关闭旧桥进行维修，官员表示交通将至少改道三个月，市民需要提前规划出行路线。",
	"sv": "Kommunfullmäktige röstade på tisdagen för att stänga den gamla bron för reparationer, och tjänstemän sade att trafiken kommer att ledas om i minst tre månader.",
	"da": "Byrådet stemte tirsdag for at lukke den gamle bro for reparationer, og embedsmænd sagde, at trafikken vil blive omdirigeret i mindst tre måneder.",
	"nb": "Bystyret stemte tirsdag for å stenge den gamle brua for reparasjoner, og tjenestemenn sa at trafikken vil bli lagt om i minst tre måneder.",
	"fi": "Kaupunginvaltuusto äänesti tiistaina vanhan sillan sulkemisesta korjausten ajaksi, ja virkamiesten mukaan liikenne ohjataan kiertotielle ainakin kolmeksi kuukaudeksi.",
	"cs": "Městská rada v úterý odhlasovala uzavření starého mostu kvůli opravám a úředníci uvedli, že doprava bude nejméně tři měsíce odkloněna.",
	"ro": "Consiliul local a votat marți închiderea podului vechi pentru reparații, iar oficialii au declarat că traficul va fi deviat timp de cel puțin trei luni.",
	"hu": "A városi tanács kedden megszavazta a régi híd lezárását a javítások idejére, a tisztviselők szerint a forgalmat legalább három hónapig terelik.",
	"el": "Το δημοτικό συμβούλιο ψήφισε την Τρίτη το κλείσιμο της παλιάς γέφυρας για επισκευές, και οι αρμόδιοι δήλωσαν ότι η κυκλοφορία θα εκτραπεί για τουλάχιστον τρεις μήνες.",
	"he": "מועצת העיר הצביעה ביום שלישי על סגירת הגשר הישן לצורך תיקונים, והפקידים אמרו שהתנועה תוסט למשך שלושה חודשים לפחות.",
	"ja": "市議会は火曜日、古い橋を修理のために閉鎖することを決定し、当局は少なくとも三か月間は交通を迂回させると述べた。",
	"ko": "시의회는 화요일 오래된 다리를 보수하기 위해 폐쇄하기로 의결했으며, 관계자들은 최소 석 달 동안 교통이 우회될 것이라고 밝혔다.",
}

func TestDetectSupportedLanguages(t *testing.T) {
	if len(samples) != len(Supported()) {
		t.Fatalf("%d samples for %d supported languages", len(samples), len(Supported()))
	}
	for _, code := range Supported() {
		text, ok := samples[code]
		if !ok {
			t.Errorf("no sample for supported language %q", code)
			continue
		}
		if got := Detect(text); got != code {
			t.Errorf("Detect(%s sample) = %q, want %q", code, got, code)
		}
	}
}

func TestDetectTooShortOrEmpty(t *testing.T) {
	for _, text := range []string{"", "   ", "OK", "Breaking news", "12,345 — 67%", "¡Hola!", "...\n\n"} {
		if got := Detect(text); got != "" {
			t.Errorf("Detect(%q) = %q, want \"\"", text, got)
		}
	}
}

func TestDetectUnsupportedLanguageIsNotForcedIntoOneWeSupport(t *testing.T) {
	// Mixed text, half English and half German sentence by sentence, must
	// still come back as one of the two or unknown, never a third language.
	mixed := samples["en"] + " " + samples["de"]
	if got := Detect(mixed); got != "en" && got != "de" && got != "" {
		t.Errorf("Detect(en+de) = %q", got)
	}
}

func TestDetectExaminesOnlyTheHead(t *testing.T) {
	// An English article followed by a long German appendix is English:
	// only the first maxBytes count.
	article := strings.Repeat(samples["en"]+"\n", maxBytes/len(samples["en"])+1) +
		strings.Repeat(samples["de"]+"\n", 50)
	if got := Detect(article); got != "en" {
		t.Errorf("Detect(long English + German tail) = %q, want en", got)
	}
}

func TestHeadCutsOnRuneAndWordBoundary(t *testing.T) {
	s := strings.Repeat("жёлтый ", 2000)
	h := head(s, maxBytes)
	if len(h) > maxBytes {
		t.Fatalf("head length %d > %d", len(h), maxBytes)
	}
	if !strings.HasSuffix(h, "жёлтый") {
		t.Errorf("head cut inside a word: ...%q", h[len(h)-20:])
	}
}

func TestSupportedIsSortedLowerCase(t *testing.T) {
	got := Supported()
	for i, c := range got {
		if c != strings.ToLower(c) || len(c) != 2 {
			t.Errorf("code %q is not a lower-case ISO 639-1 code", c)
		}
		if i > 0 && got[i-1] >= c {
			t.Errorf("Supported not sorted/unique at %d: %q %q", i, got[i-1], c)
		}
	}
}

func TestDetectConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, len(samples))
	for code, text := range samples {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := Detect(text); got != code {
				errs <- fmt.Sprintf("%s: got %q", code, got)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// BenchmarkDetectorMemory builds the detector and loads every supported
// language's model (by detecting one sample of each), then reports the heap
// in use as "heap-MB".
func BenchmarkDetectorMemory(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, text := range samples {
		Detect(text)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	for b.Loop() {
		Detect(samples["en"])
	}
	// Reported after the loop: b.Loop resets metrics reported before it.
	b.ReportMetric(float64(after.HeapInuse)/(1<<20), "heap-MB")
	b.ReportMetric(float64(int64(after.HeapInuse)-int64(before.HeapInuse))/(1<<20), "models-MB")
}

func BenchmarkDetectLongText(b *testing.B) {
	text := strings.Repeat(samples["en"]+"\n", maxBytes/len(samples["en"])+1)
	Detect(text)
	b.SetBytes(int64(min(len(text), maxBytes)))
	for b.Loop() {
		Detect(text)
	}
}

// TestDetectConcurrentLong detects article-length texts at once: the
// detections run without a lock (see warmedRunes), which the race detector
// checks here on the longest texts Detect examines, the sample paragraphs
// and the example corpus's articles, each detected twice at the same time.
func TestDetectConcurrentLong(t *testing.T) {
	texts := map[string]string{} // text → want ("" : the same both times)
	for code, text := range samples {
		texts[strings.Repeat(text+"\n", maxBytes/len(text)+1)] = code
	}
	files, err := filepath.Glob("../examples/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example texts: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[string(b)] = ""
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	got := map[string][]string{}
	for text := range texts {
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				lang := Detect(text)
				mu.Lock()
				got[text] = append(got[text], lang)
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	for text, want := range texts {
		g := got[text]
		if g[0] != g[1] || (want != "" && g[0] != want) {
			t.Errorf("%.40q: detected %q, want %q twice", text, g, want)
		}
	}
}

// BenchmarkDetectLength measures lingua on the head of a real-length
// article (the example corpus's) at several lengths: the cost that sets
// maxBytes.
func BenchmarkDetectLength(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("..", "examples", "ferry-orlava-herald.txt"))
	if err != nil {
		b.Fatal(err)
	}
	d := languageDetector()
	for _, n := range []int{200, 400, 600, 800, 1024} {
		text := head(string(raw), n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				d.DetectLanguageOf(text)
			}
		})
	}
}

// TestQuickHeadAgrees checks that deciding on the first quickBytes, when
// lingua is sure of them, answers as the full head would, for every
// supported language.
func TestQuickHeadAgrees(t *testing.T) {
	for want, s := range samples {
		text := s + " " + s + " " + s
		if got, full := Detect(text), detectHead(languageDetector(), text); got != full || got != want {
			t.Errorf("%s: Detect %q, on the full head %q", want, got, full)
		}
	}
}
