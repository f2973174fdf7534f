package quote

import (
	"strings"
	"sync"

	"github.com/crosscheck-news/crosscheck"
)

// lexEntry is all that newTagContext and finder.cueInfo read of one word
// in the rules' tables (cues, others, phrases, roles, finite verbs), so
// that a token costs one map lookup instead of up to eight.
type lexEntry struct {
	cue       cueKind
	other     otherCue
	hasOther  bool
	phrase    map[string]otherCue
	hasPhrase bool
	role      uint8
	finite    bool
}

var (
	lexOnce sync.Once
	// lexicons holds each language's merged lexicon, keyed like the
	// tables (lang), made once per process on first use: after the init
	// functions that complete the tables, which never change after.
	lexicons map[string]*lexicon
)

// lexicon is a merged lexicon: the map holds small indexes into ent, so
// that its groups stay dense in cache, and ent[0] is the empty entry of
// a word of no table.
type lexicon struct {
	idx map[string]int32
	ent []lexEntry
}

// get returns the entry of norm, the empty entry if none; it is shared
// and must not be changed.
func (l *lexicon) get(norm string) *lexEntry { return &l.ent[l.idx[norm]] }

// lexiconFor returns the merged lexicon of the tables of language code l
// (a key of cueTable, as lang returns).
func lexiconFor(l string) *lexicon {
	lexOnce.Do(func() {
		lexicons = map[string]*lexicon{}
		for code := range cueTable {
			if words[code] == nil {
				continue
			}
			cues, w, _, others, phrases := allCueTablesFor(code)
			lexicons[code] = buildLexicon(cues, others, phrases, w)
		}
	})
	return lexicons[l]
}

// buildLexicon merges the tables of one language into a lexicon.
func buildLexicon(cues map[string]cueKind, others map[string]otherCue, phrases map[string]map[string]otherCue, w *langWords) *lexicon {
	m := map[string]lexEntry{}
	for n, k := range cues {
		e := m[n]
		e.cue = k
		m[n] = e
	}
	for n, o := range others {
		e := m[n]
		e.other, e.hasOther = o, true
		m[n] = e
	}
	for n, p := range phrases {
		e := m[n]
		e.phrase, e.hasPhrase = p, true
		m[n] = e
	}
	if w != nil {
		for n, r := range roles[w] {
			e := m[n]
			e.role = r
			m[n] = e
		}
		for n, v := range w.finiteVerbs {
			e := m[n]
			e.finite = v
			m[n] = e
		}
	}
	l := &lexicon{idx: make(map[string]int32, len(m)), ent: make([]lexEntry, 1, len(m)+1)}
	for n, e := range m {
		l.idx[n] = int32(len(l.ent))
		l.ent = append(l.ent, e)
	}
	return l
}

// verbLikeEntry is verbLike(f, i) with the token's lexicon entry e
// already looked up; it must give the same answer.
func (f *finder) verbLikeEntry(i int, e *lexEntry) bool {
	t := &f.toks[i]
	if t.Kind != crosscheck.TokenWord || t.Cap || f.regionOf[i] >= 0 || f.w == nil {
		return false
	}
	// f.cueInfo(i), in its order of precedence.
	var k cueKind
	switch {
	case e.hasPhrase && i+1 < len(f.toks) && f.regionOf[i+1] < 0:
		if c, ok := e.phrase[f.toks[i+1].Norm]; ok {
			k = c.kind
			break
		}
		fallthrough
	default:
		if e.cue != 0 {
			k = e.cue
		} else if e.hasOther {
			k = e.other.kind
		}
	}
	if k != 0 {
		return true
	}
	return e.finite || (len(t.Norm) > 4 && strings.HasSuffix(t.Norm, "ed"))
}
