package text

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestPrepare(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"crlf", "One\r\nTwo\rThree\n", "One\nTwo\nThree"},
		{"blank lines", "\n\nOne\n\n   \n\t\nTwo\n\n", "One\nTwo"},
		{"trim", "   One  \n\tTwo\t", "One\nTwo"},
		{"collapse", "a  b\t\tc \t d", "a b c d"},
		{"single tab", "a\tb", "a b"},
		{"nbsp edges", "\u00a0\u00a0Hello\u00a0", "Hello"},
		{"nbsp inside kept", "10\u00a0000 «\u00a0oui\u00a0»", "10\u00a0000 «\u00a0oui\u00a0»"},
		{"nbsp run collapsed", "a\u00a0 \u00a0b", "a b"},
		{"zero width edges", "\u200bHello\ufeff\n\u200b\n", "Hello"},
		{"zero width beside space", "a \u200b b", "a b"},
		{"zwj inside kept", "a\u200db", "a\u200db"},
		{"nfc", "Cafe\u0301", "Café"},
		{"curly kept", "“Free them!” — she said…", "“Free them!” — she said…"},
		{"line separators", "One\u2028Two\u2029Three\u0085Four", "One\nTwo\nThree\nFour"},
		{"controls dropped", "a\x00b\x07c\u0090d", "abcd"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"only space", " \n \t \r\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Prepare(tt.in)
			if got != tt.want {
				t.Errorf("Prepare(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Prepare(got); again != got {
				t.Errorf("Prepare not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello World", "hello world"},
		{"plain", "plain"},
		{"‘single’ ‚low‛ 5′", "'single' 'low' 5'"},
		{"“double” „low‟ 5″ «guillemets»", `"double" "low" 5" "guillemets"`},
		{"a‐b‑c‒d–e—f―g−h", "a-b-c-d-e-f-g-h"},
		{"wait…", "wait..."},
		{"a\u00a0b\u2009c\u3000d\te", "a b c d e"},
		{"soft\u00adhyphen zero\u200bwidth", "softhyphen zerowidth"},
		{"ÉLYSÉE", "élysée"},
		{"Cafe\u0301", "café"},
		{"ЛУКАШЕНКО", "лукашенко"},
		{"İSTANBUL", "istanbul"},
		{"Belarus’s", "belarus's"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Łukaszenka", "lukaszenka"},
		{"Tsikhanoŭskaja", "tsikhanouskaja"},
		{"Ciechanouska", "ciechanouska"},
		{"Ø Straße Æsir Œuvre Đorđe", "o strasse aesir oeuvre dorde"},
		{"naïve café façade Žalgiris", "naive cafe facade zalgiris"},
		{"Kolesnikova’s", "kolesnikova's"},
		{"Ёлка", "елка"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzPrepare(f *testing.F) {
	for _, s := range []string{
		"", "a\r\nb", "  x  \n\n y\t\tz ", "Cafe\u0301\u00a0\u200b", "\u0301x", "e\r\u0301",
		"\u00a0\u0301", "a\u2000\u2001b", "\xff\xfe", "“Free them!” — she said…",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Prepare(in)
		if again := Prepare(out); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", in, out, again)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q: %q", in, out)
		}
		if !norm.NFC.IsNormalString(out) {
			t.Fatalf("not NFC out of %q: %q", in, out)
		}
		if len(out) > 0 && (out[0] == '\n' || out[len(out)-1] == '\n') {
			t.Fatalf("leading or trailing newline: %q", out)
		}
		for i := 1; i < len(out); i++ {
			if out[i] == '\n' && out[i-1] == '\n' {
				t.Fatalf("blank line in %q", out)
			}
		}
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "Hello", "“Ёлка” — Łódź…", "İSTANBUL ẞ ΣΑΣ", "a\u00adb\u200b", "Cafe\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n := Normalize(in)
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", in, n, again)
		}
		fd := Fold(in)
		if again := Fold(fd); again != fd {
			t.Fatalf("Fold not idempotent: %q → %q → %q", in, fd, again)
		}
		if utf8.ValidString(in) && (!norm.NFC.IsNormalString(n) || !norm.NFC.IsNormalString(fd)) {
			t.Fatalf("not NFC: %q → %q / %q", in, n, fd)
		}
	})
}
