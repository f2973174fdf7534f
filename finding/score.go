package finding

import (
	"github.com/crosscheck-news/crosscheck/claim"
)

// Scorer says how surely two claims of different articles speak about the
// same slot (the same count, the same act, the same person's title), from
// 0 (not the same) to 1. It is the piece a stronger model (an NLI or
// sentence-embedding scorer) would replace; alignment and comparison stay
// the same.
type Scorer interface {
	Score(a, b *claim.Claim) float64
}

// Lexical is the default Scorer: rules over what claim.Extract records —
// dimension, predicate class, subject, years, and the words and entities
// around the claims. It needs no model.
type Lexical struct {
	// together[x][y] is set when one article names both x and y as heads of
	// an administration: they are two administrations, never rivals.
	together map[string]map[string]bool
}

// NewLexical prepares the scorer for one story's claims.
func NewLexical(claims []claim.Claim) *Lexical {
	l := &Lexical{together: map[string]map[string]bool{}}
	byArticle := map[string][]string{}
	for _, c := range claims {
		if c.Kind == claim.KindAdministration {
			byArticle[c.Article] = append(byArticle[c.Article], c.Key)
		}
	}
	for _, keys := range byArticle {
		for _, x := range keys {
			for _, y := range keys {
				if x != y {
					if l.together[x] == nil {
						l.together[x] = map[string]bool{}
					}
					l.together[x][y] = true
				}
			}
		}
	}
	return l
}

// Weights of the lexical score. A shared predicate class ("died", "on
// board") is the main evidence; each shared context word and each shared
// entity of the sentence adds to it.
const (
	classWeight  = 0.5
	wordWeight   = 0.15
	entityWeight = 0.1
	// noClassBase is the start of the score of two claims with no class:
	// they need two shared context words to reach the slot threshold.
	noClassBase = 0.3
)

// agreeOnly is the score of evidence enough for two claims to agree but too
// little to contest one another: above SlotThreshold, under
// ConflictThreshold.
const agreeOnly = (SlotThreshold + ConflictThreshold) / 2

// Score implements Scorer.
func (l *Lexical) Score(a, b *claim.Claim) float64 {
	// Within one article only the outlet's words and a quoted speaker's can
	// be set side by side.
	if (a.Article == b.Article && a.Quoted == b.Quoted) || a.Kind != b.Kind || a.Dim != b.Dim {
		return 0
	}
	yearFactor := 1.0
	switch {
	case len(a.Years) > 0 && len(b.Years) > 0:
		if !intersects(a.Years, b.Years) {
			return 0
		}
	case len(a.Years) > 0 || len(b.Years) > 0:
		// One speaks of another year ("23 people died in 2014"), the other
		// of the story's own time.
		yearFactor = 0.5
	}
	switch a.Kind {
	case claim.KindRole, claim.KindAge:
		if a.Subject == "" || a.Subject != b.Subject {
			return 0
		}
		return 1
	case claim.KindAdministration:
		if a.Key == b.Key {
			return 1
		}
		if l.together[a.Key][b.Key] {
			return 0
		}
		// Never named together as two administrations: the same one, named
		// differently by different sources.
		return min(1, 0.6+0.1*float64(shared(a.Context, b.Context)))
	case claim.KindAgent:
		if a.Class != b.Class {
			return 0
		}
		k := shared(a.Context, b.Context)
		switch k {
		case 0:
			return 0
		case 1:
			// One word of what was acted on in common ("freed political
			// prisoners", "released prisoners"): the same act to agree on,
			// too little to contest who did it.
			return agreeOnly * yearFactor
		}
		return min(1, 0.5+0.1*float64(k)) * yearFactor
	}
	// Quantities and times.
	partOf := false
	if a.Subject != b.Subject {
		switch {
		case a.Kind == claim.KindQuantity && a.Class != "" && (a.Subject == "" || b.Subject == ""):
			// One names the person who did the counted act ("the
			// president pardoned 123 prisoners"), the other does not
			// ("123 prisoners were released"): the same count to agree
			// on, but one person's act may be a part of the event's total
			// ("a fisherman pulled eleven people out" of 72 rescued):
			// one slot only when the figures agree, and never one to
			// contest or update.
			if a.Hi < b.Lo || b.Hi < a.Lo {
				return 0
			}
			partOf = true
		case a.Kind == claim.KindQuantity || a.Class == "":
			return 0
		}
	}
	k := float64(shared(a.Context, b.Context))
	e := float64(shared(a.Entities, b.Entities))
	switch {
	case a.Class != "" && b.Class != "":
		if a.Class != b.Class {
			return 0
		}
		v := min(1, classWeight+wordWeight*k+entityWeight*e) * yearFactor
		if partOf {
			v = min(v, agreeOnly)
		}
		return v
	case a.Class == "" && b.Class == "":
		if k < 2 {
			return 0
		}
		if a.Kind == claim.KindTime {
			// Without a class a time's slot is only its words; a word
			// on the other side of the other time counts half ("awarded
			// the prize in 2022" is not "in 2021, co-won the prize").
			k = sidedShared(a, b)
		}
		return min(1, noClassBase+wordWeight*k+entityWeight*e/2) * yearFactor
	}
	return 0
}

// sidedShared is shared(a.Context, b.Context) with the stems each time has
// on the other side counted half.
func sidedShared(a, b *claim.Claim) float64 {
	ab, bb := min(a.ContextBefore, len(a.Context)), min(b.ContextBefore, len(b.Context))
	same := shared(a.Context[:ab], b.Context[:bb]) + shared(a.Context[ab:], b.Context[bb:])
	return float64(same) + float64(shared(a.Context, b.Context)-same)/2
}

func shared(a, b []string) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}

func intersects(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
