package text

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

// tokenString renders tokens compactly: surface/kind, with W N P S kinds.
func tokenString(s string, toks []crosscheck.Token) string {
	kinds := map[crosscheck.TokenKind]string{
		crosscheck.TokenWord: "W", crosscheck.TokenNumber: "N",
		crosscheck.TokenPunct: "P", crosscheck.TokenSymbol: "S",
	}
	parts := make([]string, len(toks))
	for i, tk := range toks {
		parts[i] = s[tk.Start:tk.End] + "/" + kinds[tk.Kind]
	}
	return strings.Join(parts, " ")
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, lang, in, want string
	}{
		{"words punct", "en", "Hello, world!", "Hello/W ,/P world/W !/P"},
		{"contraction kept", "en", "don't won’t", "don't/W won’t/W"},
		{"possessive split", "en", "Lukashenko's Belarus’s", "Lukashenko/W 's/W Belarus/W ’s/W"},
		{"plural possessive", "en", "the prisoners' families", "the/W prisoners/W '/P families/W"},
		{"name apostrophe", "en", "O'Brien and D'Angelo", "O'Brien/W and/W D'Angelo/W"},
		{"its", "en", "it's", "it/W 's/W"},
		{"hyphen", "en", "pro-democracy US-brokered COVID-19", "pro-democracy/W US-brokered/W COVID-19/W"},
		{"trailing hyphen", "en", "pre- and post-war", "pre/W -/P and/W post-war/W"},
		{"dash spaced", "en", "exports — a lifeline", "exports/W —/P a/W lifeline/W"},
		{"thousands", "en", "1,100 prisoners", "1,100/N prisoners/W"},
		{"decimal", "en", "3.5 and 1.613", "3.5/N and/W 1.613/N"},
		{"number sentence end", "en", "in 2020.", "in/W 2020/N ./P"},
		{"number comma list", "en", "1, 2, 3", "1/N ,/P 2/N ,/P 3/N"},
		{"percent", "en", "10% and 4.5%", "10/N %/S and/W 4.5/N %/S"},
		{"currency", "en", "$5 and €1,200", "$/S 5/N and/W €/S 1,200/N"},
		{"unit attached", "en", "10km 3rd 1990s", "10/N km/W 3/N rd/W 1990/N s/W"},
		{"alnum word", "en", "G7 MH17 F-16", "G7/W MH17/W F-16/W"},
		{"number hyphen", "en", "11-year sentence", "11/N -/P year/W sentence/W"},
		{"ellipsis run", "en", "wait... now", "wait/W .../P now/W"},
		{"quotes", "en", "“Free them!”", "“/P Free/W them/W !/P ”/P"},
		{"cyrillic", "ru", "Лукашенко освободил 123 заключённых.", "Лукашенко/W освободил/W 123/N заключённых/W ./P"},
		{"accented", "fr", "Élysée a déclaré", "Élysée/W a/W déclaré/W"},
		{"french elision", "fr", "l'homme qu'il aujourd'hui", "l'/W homme/W qu'/W il/W aujourd'hui/W"},
		{"italian elision", "it", "dell'Unione", "dell'/W Unione/W"},
		{"no elision in english", "en", "l'homme", "l'homme/W"},
		{"han one per char", "zh", "市议会投票", "市/W 议/W 会/W 投/W 票/W"},
		{"combining mark stays", "en", "Cafe\u0301 ok", "Cafe\u0301/W ok/W"},
		{"emoji", "en", "great 👍🏽!", "great/W 👍/S 🏽/S !/P"},
		{"hashtag mention", "en", "#Belarus @user", "#/P Belarus/W @/P user/W"},
		{"arabic digits", "ar", "عام ٢٠٢٠", "عام/W ٢٠٢٠/N"},
		{"arabic separators", "ar", "٣٫٥ و ١٢٬٠٠٠", "٣٫٥/N و/W ١٢٬٠٠٠/N"},
		{"space groups thousands", "fr", "1 300 dockers, 4\u202f200 agents", "1 300/N dockers/W ,/P 4\u202f200/N agents/W"},
		{"space group needs three digits after", "fr", "en 2023 300 personnes, 12 30 et 1 3000", "en/W 2023/N 300/N personnes/W ,/P 12/N 30/N et/W 1/N 3000/N"},
		{"plain space does not group in english", "en", "1 300 but 1\u00a0300", "1/N 300/N but/W 1\u00a0300/N"},
		{"grouped then decimal", "fr", "1 300,5 m", "1 300,5/N m/W"},
		{"kana script change ends a word", "ja", "スプリンクラーが作動、ｽﾌﾟﾘﾝｸﾗｰは", "スプリンクラー/W が/W 作/W 動/W 、/P ｽﾌﾟﾘﾝｸﾗｰ/W は/W"},
		{"turkish suffix split", "tr", "Malatya'da 48'e yükseldi", "Malatya/W 'da/W 48/N 'e/W yükseldi/W"},
		{"turkish quotes stay punctuation", "tr", "'deprem' dedi", "'/P deprem/W '/P dedi/W"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tokenString(tt.in, Tokenize(tt.in, tt.lang))
			if got != tt.want {
				t.Errorf("Tokenize(%q)\n got  %s\n want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenFields(t *testing.T) {
	in := "Belarus’s “Opposition” RELEASED prisoners—1,100 of them"
	toks := Tokenize(in, "en")
	type field struct {
		Norm, Stem string
		Cap        bool
	}
	var got []field
	for _, tk := range toks {
		got = append(got, field{tk.Norm, tk.Stem, tk.Cap})
	}
	want := []field{
		{"belarus", "belarus", true}, {"'s", "'s", false}, {`"`, `"`, false}, {"opposition", "opposit", true},
		{`"`, `"`, false}, {"released", "releas", true}, {"prisoners", "prison", false}, {"-", "-", false},
		{"1,100", "1,100", false}, {"of", "of", false}, {"them", "them", false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields\n got  %+v\n want %+v", got, want)
	}
}

func TestTokenSpansRoundTrip(t *testing.T) {
	inputs := []string{
		"Kolesnikova’s 11-year sentence, 3.5% — “brilliant” diplomacy…",
		"Тихановская заявила: «Сегодня мы на шаг ближе». Лукашенко — нет.",
		"Łukaszenka, Ціханоўская i Žalgiris; naïve café façade.",
		"市议会周二投票。官员表示交通将改道！",
		"a\u200db e\u0301\u0302 x\ufe0f",
		"١٤٠ ملم و 1 300 ou 1\u202f300 et ３人",
	}
	for _, in := range inputs {
		prev := 0
		for _, tk := range Tokenize(in, "fr") {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(in) {
				t.Fatalf("%q: bad span %v after %d", in, tk.Span, prev)
			}
			surface := in[tk.Start:tk.End]
			if gap := in[prev:tk.Start]; strings.TrimSpace(gap) != "" && strings.Trim(gap, " \u200b") != "" {
				t.Errorf("%q: text %q skipped before token %q", in, gap, surface)
			}
			want := Normalize(surface)
			if tk.Kind == crosscheck.TokenNumber {
				want = numberNorm(want)
			}
			if tk.Norm != want {
				t.Errorf("%q: token %q has Norm %q, want %q", in, surface, tk.Norm, want)
			}
			prev = tk.End
		}
	}
}

// Numbers match however an outlet writes their digits and groups.
func TestNumberNorm(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"ar", "١٤٠", "140"},
		{"ar", "٣٫٥", "3.5"},
		{"ar", "١٢٬٠٠٠", "12,000"},
		{"fa", "۱۴۰۳", "1403"},
		{"hi", "२०२४", "2024"},
		{"ja", "３人", "3"},
		{"fr", "1 300", "1300"},
		{"fr", "1\u202f300", "1300"},
		{"en", "1\u00a0300", "1300"},
		{"ru", "10 000 000", "10000000"},
		{"en", "1,100", "1,100"},
		{"en", "𝟐𝟎𝟐𝟒", "2024"}, // mathematical bold digits
	}
	for _, tt := range tests {
		toks := Tokenize(tt.in, tt.lang)
		if len(toks) == 0 || toks[0].Kind != crosscheck.TokenNumber || toks[0].Norm != tt.want {
			t.Errorf("Tokenize(%q, %s) = %+v, want a number with Norm %q first", tt.in, tt.lang, toks, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ word, lang, want string }{
		{"Running", "en", "run"},
		{"prisoners", "en", "prison"},
		{"prisoners", "en-GB", "prison"},
		{"sanctions", "EN", "sanction"},
		{"заключённых", "ru", "заключен"},
		{"prisonniers", "fr", "prisonni"},
		{"prisioneros", "es", "prisioner"},
		{"Gefangenen", "de", "gefangenen"}, // no German stemmer: Norm
		{"1,100", "en", "1,100"},
		// Arabic: the light stemmer removes the joined article,
		// conjunction and prepositions, and plural and feminine endings.
		{"الأمطار", "ar", "امطار"},
		{"والأمطار", "ar", "امطار"},
		{"أمطار", "ar", "امطار"},
		{"وقال", "ar", "قال"},
		{"المدينة", "ar", "مدين"},
		{"مدينة", "ar", "مدين"},
		{"بالمدينة", "ar", "مدين"},
		{"السيارات", "ar", "سيار"},
		{"سيارات", "ar", "سيار"},
		{"ولد", "ar", "ولد"}, // و kept: too short without it
	}
	for _, tt := range tests {
		if got := Stem(tt.word, tt.lang); got != tt.want {
			t.Errorf("Stem(%q, %q) = %q, want %q", tt.word, tt.lang, got, tt.want)
		}
	}
	for _, l := range StemLanguages() {
		if stemmerFor(l) == nil {
			t.Errorf("StemLanguages lists %q but it has no stemmer", l)
		}
	}
}

func ExampleTokenize() {
	for _, tk := range Tokenize("Lukashenko’s 1,100 prisoners", "en") {
		fmt.Printf("%s %s %v\n", tk.Norm, tk.Stem, tk.Cap)
	}
	// Output:
	// lukashenko lukashenko true
	// 's 's false
	// 1,100 1,100 false
	// prisoners prison false
}
