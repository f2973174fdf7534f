package dedup

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
)

// FitModel fits a logistic model to labelled feature vectors by Newton's
// method with a small L2 penalty on standardised features, then picks the
// decision threshold that maximises accuracy on the same examples. It is how
// ParaphraseModel was made from the MSRP training split (`crosscheck eval
// paraphrase --fit`).
func FitModel(xs [][NumFeatures]float64, ys []bool, l2 float64) (Model, error) {
	if len(xs) == 0 || len(xs) != len(ys) {
		return Model{}, fmt.Errorf("fit: want as many labels as examples and at least one, got %d examples and %d labels", len(xs), len(ys))
	}
	const d = NumFeatures + 1
	n := float64(len(xs))
	var mean, sd [NumFeatures]float64
	for _, x := range xs {
		for i, v := range x {
			mean[i] += v / n
		}
	}
	for _, x := range xs {
		for i, v := range x {
			sd[i] += (v - mean[i]) * (v - mean[i]) / n
		}
	}
	for i := range sd {
		sd[i] = math.Sqrt(sd[i])
		if sd[i] < 1e-9 {
			sd[i] = 1
		}
	}
	z := func(x [NumFeatures]float64) (out [d]float64) {
		out[0] = 1
		for i, v := range x {
			out[i+1] = (v - mean[i]) / sd[i]
		}
		return
	}
	var w [d]float64
	for iter := 0; iter < 50; iter++ {
		var g [d]float64
		var h [d][d]float64
		for k, x := range xs {
			zx := z(x)
			s := 0.0
			for i := range zx {
				s += w[i] * zx[i]
			}
			p := 1 / (1 + math.Exp(-s))
			y := 0.0
			if ys[k] {
				y = 1
			}
			for i := range zx {
				g[i] += (p - y) * zx[i]
				for j := range zx {
					h[i][j] += p * (1 - p) * zx[i] * zx[j]
				}
			}
		}
		for i := 1; i < d; i++ {
			g[i] += l2 * w[i]
			h[i][i] += l2
		}
		step, err := solve(h, g)
		if err != nil {
			return Model{}, err
		}
		change := 0.0
		for i := range w {
			w[i] -= step[i]
			change += math.Abs(step[i])
		}
		if change < 1e-9 {
			break
		}
	}
	m := Model{Bias: w[0]}
	for i := 0; i < NumFeatures; i++ {
		m.W[i] = w[i+1] / sd[i]
		m.Bias -= w[i+1] * mean[i] / sd[i]
	}
	// Threshold: the accuracy-maximising cut of the fitted probabilities.
	type ps struct {
		p float64
		y bool
	}
	all := make([]ps, len(xs))
	pos := 0
	for k, x := range xs {
		all[k] = ps{m.Prob(x), ys[k]}
		if ys[k] {
			pos++
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].p < all[j].p })
	best, bestCorrect := 0.5, -1
	correct := pos // everything at or above the cut says "paraphrase"
	for k := 0; k <= len(all); k++ {
		if correct > bestCorrect && (k == 0 || k == len(all) || all[k].p != all[k-1].p) {
			bestCorrect = correct
			switch {
			case k == 0:
				best = all[0].p
			case k == len(all):
				best = all[k-1].p + 1e-9
			default:
				best = (all[k-1].p + all[k].p) / 2
			}
		}
		if k < len(all) {
			if all[k].y {
				correct--
			} else {
				correct++
			}
		}
	}
	m.Threshold = best
	return m, nil
}

// solve solves h·x = g by Gaussian elimination with partial pivoting.
func solve(h [NumFeatures + 1][NumFeatures + 1]float64, g [NumFeatures + 1]float64) ([NumFeatures + 1]float64, error) {
	const d = NumFeatures + 1
	for c := 0; c < d; c++ {
		p := c
		for r := c + 1; r < d; r++ {
			if math.Abs(h[r][c]) > math.Abs(h[p][c]) {
				p = r
			}
		}
		if math.Abs(h[p][c]) < 1e-12 {
			return g, errSingular
		}
		h[c], h[p] = h[p], h[c]
		g[c], g[p] = g[p], g[c]
		for r := c + 1; r < d; r++ {
			f := h[r][c] / h[c][c]
			for k := c; k < d; k++ {
				h[r][k] -= f * h[c][k]
			}
			g[r] -= f * g[c]
		}
	}
	var x [d]float64
	for r := d - 1; r >= 0; r-- {
		s := g[r]
		for k := r + 1; k < d; k++ {
			s -= h[r][k] * x[k]
		}
		x[r] = s / h[r][r]
	}
	return x, nil
}

// WriteModel writes m as Go source for model.go.
func WriteModel(w io.Writer, m Model, comment string) error {
	_, err := fmt.Fprintf(w, "%s\nvar ParaphraseModel = Model{\n\tBias: %v,\n\tW: [NumFeatures]float64{\n", comment, m.Bias)
	if err != nil {
		return err
	}
	for i, x := range m.W {
		fmt.Fprintf(w, "\t\t%v, // %s\n", x, FeatureNames[i])
	}
	_, err = fmt.Fprintf(w, "\t},\n\tThreshold: %v,\n}\n", m.Threshold)
	return err
}

var errSingular = errors.New("fit: singular system (features are collinear)")
