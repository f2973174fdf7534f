package claim

import (
	"sort"
	"strings"

	"github.com/crosscheck-news/crosscheck"
)

// tokenRange returns the tokens of the sentence inside a byte span.
func (s *sent) tokenRange(sp crosscheck.Span) (int, int, bool) {
	from, to := -1, -1
	for j := s.lo; j < s.hi; j++ {
		t := s.tok(j)
		if t.End <= sp.Start {
			continue
		}
		if t.Start >= sp.End {
			break
		}
		if from < 0 {
			from = j
		}
		to = j + 1
	}
	return from, to, from >= 0
}

// sentenceMentions returns the mentions inside the sentence.
func (s *sent) sentenceMentions() []mention {
	var ms []mention
	for _, m := range s.r.mentions {
		if m.start >= s.span.End {
			break
		}
		if m.start >= s.span.Start {
			ms = append(ms, m)
		}
	}
	return ms
}

// personKey names the person a mention refers to. When the entity stage
// kept a title inside the name ("Emergency Situations Minister Danilo
// Marek"), the key is the entity of the bare name if the story has one,
// else the folded bare name, so that the same person is one subject
// whatever title each article gives.
func (s *sent) personKey(m mention, bare string) string {
	if bare == "" || fold(bare) == fold(m.text) {
		return m.id
	}
	fb := fold(bare)
	// In the story's order, not the map's: two people of one bare name
	// must resolve the same way on every run.
	ents := s.r.ix.Entities()
	for i := range ents {
		e := &ents[i]
		if e.Type != crosscheck.EntityPerson {
			continue
		}
		if fold(e.Name) == fb {
			return e.ID
		}
		for _, v := range e.Variants {
			if fold(v) == fb {
				return e.ID
			}
		}
	}
	return "name:" + fb
}

// roles appends the titles, ages and administrations the sentence gives
// people.
func (s *sent) roles(out []Claim) []Claim {
	for _, m := range s.sentenceMentions() {
		mf, mt, ok := s.tokenRange(crosscheck.Span{Start: m.start, End: m.end})
		if !ok {
			continue
		}
		if m.typ == crosscheck.EntityPerson || m.typ == crosscheck.EntityOther {
			subject := m.id
			if c, key, ok := s.title(m, mf, mt); ok {
				out = append(out, c)
				subject = key
			}
			if c, ok := s.age(mt, subject); ok && m.typ == crosscheck.EntityPerson {
				out = append(out, c)
			}
		}
		if m.typ == crosscheck.EntityPerson || m.typ == crosscheck.EntityOther {
			if c, ok := s.administration(m, mf, mt); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

// title reads a formal title written before a person's name, in front of
// the mention or (when the entity stage kept it) inside it.
func (s *sent) title(m mention, mf, mt int) (Claim, string, bool) {
	// A title inside the mention: the last title head before the name.
	inner := -1
	for j := mf; j < mt-1; j++ {
		if titleHeads[s.norm(j)] && s.tok(j).Cap {
			inner = j
		}
	}
	end := inner + 1 // title tokens are [start, end)
	if inner < 0 {
		if !(titleHeads[s.norm(mf-1)] && s.tok(mf-1).Cap) || mf-1 < s.lo {
			return Claim{}, "", false
		}
		end = mf
	}
	start := end - 1
	for j := end - 2; j >= s.lo; j-- {
		t := s.tok(j)
		if t.Kind != crosscheck.TokenWord || !(t.Cap || rankWords[t.Norm]) || funcWords[t.Norm] {
			break
		}
		start = j
	}
	if start < mf && inner >= 0 {
		start = min(start, mf)
	}
	// A capitalised sentence opener is a title word only in a longer title:
	// "Regional Governor" at the start of a sentence is read as "Governor",
	// "Emergency Situations Minister" stays whole.
	if start == s.lo && end-start == 2 && !rankWords[s.norm(start)] && !titleHeads[s.norm(start)] {
		start++
	}
	head := s.norm(end - 1)
	var ranks []string
	for j := start; j < end-1; j++ {
		if rankWords[s.norm(j)] {
			ranks = append(ranks, s.norm(j))
		}
	}
	sort.Strings(ranks)
	c := s.claim(KindRole, start, end)
	c.Dim = "role:" + head
	c.Key = strings.TrimSpace(strings.Join(ranks, " ") + " " + head)
	c.Value = c.Text
	bare := m.text
	if inner >= 0 {
		bare = s.r.a.Text[s.tok(inner+1).Start:m.end]
	}
	c.Subject = s.personKey(m, bare)
	c.Context = []string{head}
	return c, c.Subject, true
}

// age reads "Name, 51," after the mention ending before token mt.
func (s *sent) age(mt int, subject string) (Claim, bool) {
	if s.norm(mt) != "," {
		return Claim{}, false
	}
	j := mt + 1
	if s.norm(j) == "a" || s.norm(j) == "an" {
		j++
	}
	n, ok := s.numberAt(j)
	if !ok || n.vague || n.lo < 1 || n.lo > 120 || n.lo != float64(int(n.lo)) {
		return Claim{}, false
	}
	to := n.to
	switch {
	case s.norm(to) == "-" && s.norm(to+1) == "year-old":
		to += 2
	case s.norm(to) == "," || s.norm(to) == "." || s.norm(to) == "who" || to >= s.hi:
		if s.norm(j-1) != "," {
			return Claim{}, false
		}
	default:
		return Claim{}, false
	}
	c := s.claim(KindAge, n.from, to)
	c.Dim, c.Lo, c.Hi = "age", n.lo, n.lo
	c.Value = formatNumber(n.lo)
	c.Subject = subject
	c.Context = []string{"age"}
	return c, true
}

// administration reads "the Biden administration", "Lukashenko's
// government": whose administration the sentence speaks of.
func (s *sent) administration(m mention, mf, mt int) (Claim, bool) {
	j := mt
	if s.norm(j) == "'s" {
		j++
	}
	if !administrationWords[s.norm(j)] {
		return Claim{}, false
	}
	// Only an administration that acts: "opposition to President
	// Lukashenko's regime", "accountability within the Biden
	// administration" say nothing of who did the story's acts.
	k := mf - 1
	for k > s.lo && (s.tok(k).Cap || s.norm(k) == "the" || s.norm(k) == "a" || s.norm(k) == "an") {
		k--
	}
	if k >= s.lo && actedUpon[s.norm(k)] {
		return Claim{}, false
	}
	// "engage with Lukashenko's regime" is acted upon; "with the Biden
	// administration agreeing to ease sanctions" acts.
	if k >= s.lo && s.norm(k) == "with" && !strings.HasSuffix(s.norm(j+1), "ing") {
		return Claim{}, false
	}
	c := s.claim(KindAdministration, mf, j+1)
	c.Dim = "administration"
	c.Key = m.id
	c.Value = m.text
	if e, ok := s.r.ix.Entity(m.id); ok {
		c.Value = e.Name
	}
	c.Subject = s.norm(j)
	c.Context = s.context(mf, j+1, 10, nil)
	c.Words = s.lastWords
	return c, true
}

// agents appends who did the story's acts: a named person, organisation
// or country right before an act verb ("Governor Marta Vorobey ordered",
// "The Transport Ministry ordered").
func (s *sent) agents(out []Claim) []Claim {
	for v := s.lo + 1; v < s.hi; v++ {
		class := actionClasses[s.norm(v)]
		if class == "" {
			continue
		}
		j := v - 1
		switch s.norm(j) {
		case "has", "had", "have", "will", "would":
			j--
		}
		if j < s.lo {
			continue
		}
		m, ok := s.r.mentionEndingAt(j)
		if !ok {
			continue
		}
		mf, _, ok := s.tokenRange(crosscheck.Span{Start: m.start, End: m.end})
		if !ok {
			continue
		}
		// "services on Lake Orlava suspended": a name after a preposition is
		// no subject.
		if p := s.norm(mf - 1); funcWords[p] && p != "the" && p != "and" {
			continue
		}
		// What was acted on: its stems, compared; and for the slot's label
		// the verb and the words after it as written, up to the first word
		// of another kind ("ordered passenger ferry services" on …).
		var obj []string
		words := []string{s.norm(v)}
		phrase := true
		for k := v + 1; k < min(s.hi, v+9); k++ {
			t := s.tok(k)
			if t.Norm == "," || t.Norm == ";" {
				break
			}
			if t.Kind == crosscheck.TokenWord && !funcWords[t.Norm] && !stopContext[t.Norm] && len(t.Norm) > 1 {
				n := len(obj)
				if obj = appendUnique(obj, t.Stem); len(obj) > n && phrase {
					words = append(words, t.Norm)
				}
			} else if len(words) > 1 {
				phrase = false
			}
		}
		if len(obj) == 0 {
			continue
		}
		c := s.claim(KindAgent, mf, v+1)
		c.Dim, c.Class, c.Key = "agent", class, m.id
		c.Value = m.text
		if e, ok := s.r.ix.Entity(m.id); ok {
			c.Value = e.Name
		}
		c.Vague = m.typ == crosscheck.EntityPlace // a country acts through its government: compatible with any agent
		c.Context = obj
		c.Words = words
		c.Years = s.years
		out = append(out, c)
	}
	return out
}
