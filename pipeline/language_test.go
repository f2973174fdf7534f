package pipeline

import (
	"fmt"
	"testing"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/extract"
)

// TestPrepareLanguage checks that a page's declared language is kept when
// its text agrees, and replaced by the detected one when it does not (a
// template declaring one language for pages in another), or when it is
// missing.
func TestPrepareLanguage(t *testing.T) {
	const body = `<p>The regional water board approved on Tuesday a plan to enlarge the reservoir above the town, after two years of hearings in which farmers and residents argued over the cost.</p>
<p>The expansion will add storage for the dry summers that have emptied the reservoir three times in the past decade, the board's chairwoman told reporters after the vote.</p>
<p>Work is due to start next spring and to last until the autumn of the following year, according to the board's schedule, which residents may read at the town hall.</p>`
	const deBody = `<p>Der regionale Wasserverband hat am Dienstag einen Plan gebilligt, den Stausee oberhalb der Stadt zu vergrößern, nach zwei Jahren von Anhörungen, in denen Landwirte und Anwohner über die Kosten stritten.</p>
<p>Die Erweiterung soll Speicher für die trockenen Sommer schaffen, die den Stausee im vergangenen Jahrzehnt dreimal geleert haben, sagte die Vorsitzende nach der Abstimmung.</p>
<p>Die Arbeiten sollen im nächsten Frühjahr beginnen und bis zum Herbst des folgenden Jahres dauern, wie aus dem Zeitplan des Verbands hervorgeht.</p>`
	page := func(lang, body string) []byte {
		attr := ""
		if lang != "" {
			attr = fmt.Sprintf(` lang="%s"`, lang)
		}
		return fmt.Appendf(nil, `<!DOCTYPE html><html%s><head><title>Reservoir</title></head><body><article><h1>Reservoir</h1>%s</article></body></html>`, attr, body)
	}
	ex := extract.New(extract.Options{})
	for _, c := range []struct {
		name, lang, body, want string
		agreed                 bool
	}{
		{"declared and found", "en", body, "en", true},
		{"declared wrongly", "de", body, "en", false},
		{"German declared as English", "en-GB", deBody, "de", false},
		{"undeclared", "", body, "en", false},
	} {
		a, err := Prepare(ex, crosscheck.Document{Source: c.name, Kind: crosscheck.KindHTML, Body: page(c.lang, c.body)})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if a.Language != c.want || a.LanguageAgreed != c.agreed {
			t.Errorf("%s: language %q (agreed %v), want %q (agreed %v)", c.name, a.Language, a.LanguageAgreed, c.want, c.agreed)
		}
	}
}
