package crosscheck

// SameText returns, for each article, the index of the first earlier
// article with the same language and clean text, or -1 (also for nil).
// Outlets often carry a wire story word for word; the stages whose
// per-article work depends on the text alone (dedup, quotes, entities) do
// it once per distinct text and share the result, which they only read.
func SameText(arts []*Article) []int {
	out := make([]int, len(arts))
	first := make(map[[2]string]int, len(arts))
	for i, a := range arts {
		out[i] = -1
		if a == nil {
			continue
		}
		k := [2]string{a.Language, a.Text}
		if j, ok := first[k]; ok {
			out[i] = j
			continue
		}
		first[k] = i
	}
	return out
}
