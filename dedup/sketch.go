package dedup

import (
	"cmp"
	"sort"

	"github.com/crosscheck-news/crosscheck"
)

// ShingleSize is the number of consecutive word tokens in one shingle.
const ShingleSize = 4

// SketchSize is the number of one-permutation MinHash bins in a Sketch; each
// bin keeps 8 bits of its minimum (b-bit MinHash), so a Sketch is SketchSize
// bytes.
const SketchSize = 256

// Sketch is the b-bit one-permutation MinHash signature of a shingle set. The
// fraction of equal bytes of two sketches estimates the Jaccard similarity of
// their sets (see Estimate).
type Sketch [SketchSize]byte

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Mix64 is the splitmix64 finaliser: a cheap, well-distributed bijection
// of 64-bit values (for hashing sketches here, and feature ids in quote).
func Mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// HashString is the stable 64-bit hash of one token's matching form (FNV-1a,
// then mixed). It never changes between runs, so stored sketches stay valid.
func HashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return Mix64(h)
}

// HashID is the stable 64-bit hash of a numeric token id, for callers that
// keep documents as token ids (the generated benchmark corpus).
func HashID(id uint32) uint64 { return Mix64(uint64(id) + 0x9e3779b97f4a7c15) }

// TokenHashes returns the hashes of the word and number tokens of toks
// (punctuation and symbols are not part of shingles), by their Norm.
func TokenHashes(toks []crosscheck.Token) []uint64 {
	out := make([]uint64, 0, len(toks))
	for _, t := range toks {
		if t.Kind == crosscheck.TokenWord || t.Kind == crosscheck.TokenNumber {
			out = append(out, HashString(t.Norm))
		}
	}
	return out
}

// AppendShingles appends to dst the hashes of the ShingleSize-token windows
// of the token hash sequence th. A sequence shorter than one window gives one
// shingle of all its tokens; an empty one gives none.
func AppendShingles(dst []uint64, th []uint64) []uint64 {
	n := len(th)
	if n == 0 {
		return dst
	}
	if n < ShingleSize {
		h := uint64(fnvOffset)
		for _, t := range th {
			h = (h ^ t) * fnvPrime
		}
		return append(dst, Mix64(h^uint64(n)))
	}
	for i := 0; i+ShingleSize <= n; i++ {
		h := uint64(fnvOffset)
		for _, t := range th[i : i+ShingleSize] {
			h = (h ^ t) * fnvPrime
		}
		dst = append(dst, Mix64(h))
	}
	return dst
}

// ShingleSet returns the sorted, distinct shingle hashes of an article's
// tokens.
func ShingleSet(toks []crosscheck.Token) []uint64 {
	s := AppendShingles(nil, TokenHashes(toks))
	return sortUnique(s)
}

func sortUnique(s []uint64) []uint64 {
	if len(s) < 2 {
		return s
	}
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	w := 1
	for i := 1; i < len(s); i++ {
		if s[i] != s[w-1] {
			s[w] = s[i]
			w++
		}
	}
	return s[:w]
}

// Overlap counts the elements two sorted lists share: the size of the
// intersection of two sets, or of the clipped intersection of two
// multisets (an element twice in one list and once in the other counts
// once).
//
// The merge is written without branches on the comparisons: with hashed
// elements a branch on which side is smaller is mispredicted half the
// time, and the branch-free loop runs about twice as fast (it is the
// innermost loop of a story's alignment).
func Overlap[T cmp.Ordered](a, b []T) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		n += oneIf(x == y)
		i += oneIf(x <= y)
		j += oneIf(y <= x)
	}
	return n
}

// oneIf is 1 when c holds, else 0; the compiler makes it a flag move, not a
// branch.
func oneIf(c bool) int {
	if c {
		return 1
	}
	return 0
}

// Jaccard is |a∩b| / |a∪b| of two sorted, distinct sets (0 when both are empty).
func Jaccard(a, b []uint64) float64 {
	in := Overlap(a, b)
	un := len(a) + len(b) - in
	if un == 0 {
		return 0
	}
	return float64(in) / float64(un)
}

// Sketcher computes sketches, reusing its scratch space. The zero value is
// ready to use; a Sketcher must not be used by two goroutines at once.
type Sketcher struct {
	mins [SketchSize]uint64
	full [SketchSize]bool
}

// Sketch computes the one-permutation MinHash sketch of a multiset of shingle
// hashes (duplicates do not change it). Each hash picks a bin by its top 8
// bits and competes for the bin's minimum with the rest; empty bins are
// filled by optimal densification (Shrivastava, ICML 2017): bin i borrows the
// value of the first non-empty bin on its own fixed pseudo-random probe
// sequence, so two sets with the same non-empty bins densify alike. It reports
// false when there are no shingles.
func (s *Sketcher) Sketch(shingles []uint64, out *Sketch) bool {
	if len(shingles) == 0 {
		return false
	}
	for i := range s.mins {
		s.mins[i] = ^uint64(0)
		s.full[i] = false
	}
	for _, h := range shingles {
		b := h >> 56
		v := h & (1<<56 - 1)
		if v < s.mins[b] {
			s.mins[b] = v
		}
		s.full[b] = true
	}
	for i := range out {
		if s.full[i] {
			out[i] = byte(Mix64(s.mins[i]))
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			j := Mix64(uint64(i)<<32|attempt) % SketchSize
			if s.full[j] {
				// Mix in the borrowing bin so that two empty bins
				// borrowing from the same bin are not forced equal to
				// each other more often than chance in unrelated sets.
				out[i] = byte(Mix64(s.mins[j] ^ uint64(i)*0x9e3779b97f4a7c15))
				break
			}
		}
	}
	return true
}

// Estimate estimates the Jaccard similarity of the sets behind two sketches:
// the share of equal bins, corrected for the 1/256 chance that two different
// 8-bit values agree.
func Estimate(a, b *Sketch) float64 {
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return estimateFromEqual(eq)
}

func estimateFromEqual(eq int) float64 {
	const chance = 1.0 / 256
	e := (float64(eq)/SketchSize - chance) / (1 - chance)
	if e < 0 {
		return 0
	}
	return e
}
