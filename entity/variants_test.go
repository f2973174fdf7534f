package entity

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestVariantSet scores SameName on the variant pair set: precision of the
// merge decision at least 0.98 and recall at least 0.90.
func TestVariantSet(t *testing.T) {
	f, err := os.Open("testdata/variants.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tp, fp, fn, same, diff := 0, 0, 0, 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		if len(fs) != 3 {
			t.Fatalf("bad line %q", line)
		}
		want := fs[0] == "same"
		if want {
			same++
		} else {
			diff++
		}
		if SameName(fs[1], fs[2]) != SameName(fs[2], fs[1]) {
			t.Errorf("SameName not symmetric on %q / %q", fs[1], fs[2])
		}
		got := SameName(fs[1], fs[2])
		switch {
		case got && want:
			tp++
		case got && !want:
			fp++
			t.Logf("wrong merge: %s | %s", fs[1], fs[2])
		case !got && want:
			fn++
			t.Logf("missed merge: %s | %s", fs[1], fs[2])
		}
	}
	if same < 150 || diff < 150 {
		t.Fatalf("variant set too small: %d same, %d diff pairs", same, diff)
	}
	p := float64(tp) / float64(tp+fp)
	r := float64(tp) / float64(tp+fn)
	t.Logf("precision=%.4f recall=%.4f (%d same, %d diff)", p, r, same, diff)
	if p < 0.98 || r < 0.90 {
		t.Errorf("precision=%.4f recall=%.4f, want >= 0.98 and >= 0.90", p, r)
	}
}
