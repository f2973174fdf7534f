package dedup

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/crosscheck-news/crosscheck"
)

// BenchmarkMayRewriteIndependent measures the rewrite prefilter over the
// pairs of a story of independent reports that share their event's names,
// topic words and a small vocabulary (as crosscheck bench ingest generates
// them): the case where every candidate pair must be ruled out.
func BenchmarkMayRewriteIndependent(b *testing.B) {
	r := rand.New(rand.NewPCG(7, 11))
	vocab := strings.Fields(`the government said on would after year people new first last week month officials minister
president report city country police court state company market percent million water power election vote party
leader council plan budget tax health hospital school children workers union strike talks agreement deal border
army attack fire storm flood rain heat crops farmers prices inflation bank rates loan debt growth economy trade
energy oil gas wind solar climate law bill parliament committee inquiry evidence witness trial judge ruling appeal`)
	names := []string{"Kalo Marven", "Ritadel Sufen", "Orbel Tinko", "Adri Mosca"}
	topic := []string{"flood", "dam", "rescue", "valley", "evacuated", "river", "bridge", "villagers"}
	sentence := func() string {
		var ws []string
		for k := range 12 + r.IntN(14) {
			switch x := r.IntN(20); {
			case x == 0:
				ws = append(ws, names[r.IntN(len(names))])
			case x < 5:
				ws = append(ws, topic[r.IntN(len(topic))])
			case x == 5 && k > 2:
				ws = append(ws, "4821")
			default:
				ws = append(ws, vocab[r.IntN(len(vocab))])
			}
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	var arts []*crosscheck.Article
	for i := range 5 {
		var paras []string
		for range 6 + r.IntN(7) {
			var ss []string
			for range 2 + r.IntN(3) {
				ss = append(ss, sentence())
			}
			paras = append(paras, strings.Join(ss, " "))
		}
		arts = append(arts, article(string(rune('a'+i)), "", strings.Join(paras, "\n")))
	}
	v := NewVocab()
	preps := make([]*prepared, len(arts))
	for i, a := range arts {
		preps[i] = prepare(v, a)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range preps {
			for j := i + 1; j < len(preps); j++ {
				if mayRewrite(v, preps[i], preps[j]) {
					b.Fatal("independent reports passed the rewrite prefilter")
				}
			}
		}
	}
}
