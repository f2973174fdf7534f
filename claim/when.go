package claim

import (
	"fmt"
	"strings"
	"time"

	"github.com/crosscheck-news/crosscheck"
)

// clock is a time of day read at some tokens, in seconds after midnight,
// widened by its qualifier ("about", "shortly after").
type clock struct {
	lo, hi   float64
	at       float64 // the time written
	from, to int
	qual     string
}

// ParseClock reads a time of day ("10:30 p.m.", "1 a.m.", "20:00",
// "noon") into seconds after midnight. It is exported for the fuzz test.
func ParseClock(s string) (float64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "noon", "midday":
		return 12 * 3600, true
	case "midnight":
		return 0, true
	}
	pm, am := false, false
	for _, suf := range []string{"p.m.", "pm", "p.m"} {
		if strings.HasSuffix(s, suf) {
			pm, s = true, strings.TrimSpace(strings.TrimSuffix(s, suf))
			break
		}
	}
	if !pm {
		for _, suf := range []string{"a.m.", "am", "a.m"} {
			if strings.HasSuffix(s, suf) {
				am, s = true, strings.TrimSpace(strings.TrimSuffix(s, suf))
				break
			}
		}
	}
	hs, ms, hasMin := strings.Cut(s, ":")
	h, ok := smallInt(hs)
	if !ok {
		v, ok2 := parseNumberWord(hs)
		if !ok2 || hasMin {
			return 0, false
		}
		h = int(v)
	}
	m := 0
	if hasMin {
		if len(ms) != 2 {
			return 0, false
		}
		if m, ok = smallInt(ms); !ok || m > 59 {
			return 0, false
		}
	} else if !am && !pm {
		return 0, false // a bare number is no time of day
	}
	if h > 23 || ((am || pm) && (h < 1 || h > 12)) {
		return 0, false
	}
	if pm && h < 12 {
		h += 12
	}
	if am && h == 12 {
		h = 0
	}
	return float64(h*3600 + m*60), true
}

func smallInt(s string) (int, bool) {
	if s == "" || len(s) > 2 {
		return 0, false
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// clockAt reads a time of day starting at token j.
func (s *sent) clockAt(j int) (clock, bool) {
	var c clock
	w := s.norm(j)
	small := smallNumbers[w] // looked up once for the cases below
	switch {
	case w == "noon" || w == "midday" || w == "midnight":
		v, _ := ParseClock(w)
		c = clock{at: v, from: j, to: j + 1}
	case s.isNumber(j) && s.norm(j+1) == ":" && s.isNumber(j+2):
		to := j + 3
		str := s.norm(j) + ":" + s.norm(j+2)
		if isMeridiem(s, to) {
			str += " " + s.norm(to) + "m"
			to = meridiemEnd(s, to)
		}
		v, ok := ParseClock(str)
		if !ok {
			return c, false
		}
		c = clock{at: v, from: j, to: to}
	case (s.isNumber(j) || small != 0) && isMeridiem(s, j+1):
		v, ok := ParseClock(w + " " + s.norm(j+1) + "m")
		if !ok {
			return c, false
		}
		c = clock{at: v, from: j, to: meridiemEnd(s, j+1)}
	case small != 0 && s.norm(j+1) == "in" && s.norm(j+2) == "the":
		h := int(small)
		switch s.norm(j + 3) {
		case "morning":
		case "afternoon", "evening":
			if h < 12 {
				h += 12
			}
		default:
			return c, false
		}
		if h > 23 {
			return c, false
		}
		c = clock{at: float64(h * 3600), from: j, to: j + 4}
	default:
		return c, false
	}
	c.lo, c.hi = c.at, c.at
	// The qualifier before: "at about", "shortly after", "by".
	k := c.from
	if s.norm(k-1) == "at" {
		k--
	}
	p1, p2 := s.norm(k-1), s.norm(k-2)
	switch {
	case p1 == "about" || p1 == "around" || p1 == "approximately" || p1 == "roughly":
		c.lo, c.hi, c.qual, k = c.at-20*60, c.at+20*60, "about", k-1
	case p1 == "after" && (p2 == "shortly" || p2 == "just" || p2 == "soon"):
		c.lo, c.hi, c.qual, k = c.at, c.at+45*60, "shortly after", k-2
	case p1 == "before" && (p2 == "shortly" || p2 == "just"):
		c.lo, c.hi, c.qual, k = c.at-45*60, c.at, "shortly before", k-2
	case p1 == "after":
		c.lo, c.hi, c.qual, k = c.at, c.at+3*3600, "after", k-1
	case p1 == "before" || p1 == "by":
		c.lo, c.hi, c.qual, k = c.at-3*3600, c.at, p1, k-1
	}
	c.from = k
	return c, true
}

func meridiemEnd(s *sent, j int) int {
	if w := s.norm(j); w == "am" || w == "pm" {
		return j + 1
	}
	if s.norm(j+3) == "." {
		return j + 4
	}
	return j + 3
}

// day is a calendar day read at some tokens.
type day struct {
	date     time.Time // midnight, UTC as a naive local date
	from, to int
	ok       bool // resolved to a date
	weekday  string
}

// dayNear finds a day named within a few tokens of [from,to): "on
// Tuesday", "Wednesday morning", "yesterday", "13 May", "May 13, 2026".
func (s *sent) dayNear(from, to int) (day, bool) {
	for d := 0; d <= 5; d++ {
		for _, j := range []int{to + d, from - 1 - d} {
			if j < s.lo || j >= s.hi {
				continue
			}
			if dd, ok := s.dayAt(j); ok {
				return dd, true
			}
		}
	}
	return day{}, false
}

// dayAt reads a day at token j.
func (s *sent) dayAt(j int) (day, bool) {
	w := s.norm(j)
	ref := s.r.ref
	refDay := func() time.Time {
		return time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	}
	if wd, ok := weekdays[w]; ok {
		dd := day{from: j, to: j + 1, weekday: w}
		if s.norm(j-1) == "on" || s.norm(j-1) == "last" || s.norm(j-1) == "this" || s.norm(j-1) == "next" {
			dd.from = j - 1
		}
		if !ref.IsZero() {
			base := refDay()
			future := s.future() || s.norm(j-1) == "next"
			diff := int(wd) - int(base.Weekday())
			if future {
				if diff < 0 {
					diff += 7
				}
			} else if diff > 0 {
				diff -= 7
			}
			dd.date, dd.ok = base.AddDate(0, 0, diff), true
		}
		return dd, true
	}
	switch w {
	case "yesterday", "today", "tonight":
		dd := day{from: j, to: j + 1}
		if !ref.IsZero() {
			dd.date, dd.ok = refDay(), true
			if w == "yesterday" {
				dd.date = dd.date.AddDate(0, 0, -1)
			}
		}
		return dd, true
	}
	// "13 May (2026)", "May 13(, 2026)"
	if m := months[w]; m != 0 && s.tok(j).Cap {
		if d, ok := smallInt(s.norm(j + 1)); ok && d >= 1 && d <= 31 {
			return s.calendarDay(m, d, j, j+2), true
		}
		if d, ok := smallInt(s.norm(j - 1)); ok && d >= 1 && d <= 31 {
			return s.calendarDay(m, d, j-1, j+1), true
		}
	}
	return day{}, false
}

// calendarDay resolves a month and day, with a year after them if written,
// else the reference year.
func (s *sent) calendarDay(m time.Month, d, from, to int) day {
	dd := day{from: from, to: to}
	y := 0
	k := to
	if s.norm(k) == "," {
		k++
	}
	if yy, ok := s.yearAt(k); ok {
		y, dd.to = yy, k+1
	} else if !s.r.ref.IsZero() {
		y = s.r.ref.Year()
	}
	if y != 0 {
		dd.date, dd.ok = time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	return dd
}

// future reports a sentence about what will happen.
func (s *sent) future() bool {
	for j := s.lo; j < s.hi; j++ {
		switch s.norm(j) {
		case "will", "shall", "planned", "scheduled", "expected":
			return true
		}
	}
	return false
}

// times appends the time claims of the sentence: a time of day with its
// day, a day alone when an event word anchors it, a year or "N years ago"
// with the event words around it.
func (s *sent) times(out []Claim) []Claim {
	used := make([]bool, s.hi-s.lo)
	mark := func(from, to int) {
		for j := max(from, s.lo); j < min(to, s.hi); j++ {
			used[j-s.lo] = true
		}
	}
	for j := s.lo; j < s.hi; j++ {
		if used[j-s.lo] {
			continue
		}
		ck, ok := s.clockAt(j)
		if !ok {
			continue
		}
		from, to := ck.from, ck.to
		dd, hasDay := s.dayNear(from, to)
		if hasDay {
			from, to = min(from, dd.from), max(to, dd.to)
		}
		c := s.claim(KindTime, from, to)
		if hasDay && dd.ok {
			base := float64(dd.date.Unix())
			c.Dim, c.Lo, c.Hi = "time", base+ck.lo, base+ck.hi
			c.Value = strings.TrimSpace(ck.qual + " " + dd.date.Add(time.Duration(ck.at)*time.Second).Format("2006-01-02 15:04"))
		} else {
			c.Dim, c.Lo, c.Hi = "clock", ck.lo, ck.hi
			c.Value = strings.TrimSpace(ck.qual + " " + fmt.Sprintf("%02d:%02d", int(ck.at)/3600, int(ck.at)%3600/60))
			if hasDay && dd.weekday != "" {
				c.Value += " on " + dd.weekday
			}
		}
		s.finishTime(&c, from, to)
		out = append(out, c)
		mark(from, to)
		j = to - 1
	}
	for j := s.lo; j < s.hi; j++ {
		if used[j-s.lo] {
			continue
		}
		// "five years ago"
		if n, ok := s.numberAt(j); ok && (s.norm(n.to) == "years" || s.norm(n.to) == "year") && s.norm(n.to+1) == "ago" {
			c := s.claim(KindTime, n.from, n.to+2)
			c.Vague = true
			if s.r.ref.IsZero() {
				c.Dim, c.Lo, c.Hi = "ago", n.lo, n.hi
				c.Value = formatNumber(n.lo) + " years before publication"
			} else {
				y := s.r.ref.Year() - int(n.lo)
				c.Dim = "time"
				c.Lo = float64(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Unix())
				c.Hi = float64(time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - 1)
				c.Value = fmt.Sprintf("%d", y)
			}
			s.finishTime(&c, n.from, n.to+2)
			out = append(out, c)
			mark(n.from, n.to+2)
			j = n.to + 1
			continue
		}
		// "in 2022", "since 2020", "in July 2021"
		if y, ok := s.yearAt(j); ok {
			from := j
			m := time.Month(0)
			if mm := months[s.norm(j-1)]; mm != 0 && s.tok(j-1).Cap {
				m, from = mm, j-1
			}
			p := s.norm(from - 1)
			if p != "in" && p != "since" && p != "from" && p != "until" {
				continue
			}
			c := s.claim(KindTime, from-1, j+1)
			c.Dim, c.Vague = "time", true
			if m != 0 {
				lo := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
				c.Lo, c.Hi = float64(lo.Unix()), float64(lo.AddDate(0, 1, 0).Unix()-1)
				c.Value = lo.Format("2006-01")
			} else {
				lo := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
				c.Lo, c.Hi = float64(lo.Unix()), float64(lo.AddDate(1, 0, 0).Unix()-1)
				c.Value = fmt.Sprintf("%d", y)
			}
			s.finishTime(&c, from-1, j+1)
			c.Years = nil // the year is the value, not a context
			out = append(out, c)
			mark(from-1, j+1)
		}
	}
	return out
}

// timeClauseReach bounds how far back a time's clause is searched for its
// verb.
const timeClauseReach = 16

// clauseVerbClass is the class of the nearest class word before token
// from within its clause. A time adverbial ends its clause and says when
// the clause's verb happened, which may stand further from it than a
// count's predicate ("overturned about a kilometre below the town's pier
// at around 3 p.m.").
func (s *sent) clauseVerbClass(from int) string {
	for j := from - 1; j >= s.lo && j >= from-timeClauseReach; j-- {
		switch s.norm(j) {
		case ";", ",", "and", "but", "while", "when", "after", "before":
			return ""
		}
		if c := s.classAt(j); c != "" {
			return c
		}
	}
	return ""
}

// timeClass is classOf for a time: a time says when its own clause's verb
// happened, so the class word after it must be in the same clause. Unless
// the time opens its sentence or clause ("On Tuesday, 31 people were
// rescued") or a comma opens a clause about the time itself (", when"), a
// comma after it closes the clause: in "Kolesnikova, known for the
// protests in 2020, was freed" 2020 is not when she was freed.
func (s *sent) timeClass(from, to int) string {
	c, pos := s.classOf(from, to)
	if pos < to {
		return c
	}
	opens := from == s.lo || s.norm(from-1) == "," || s.norm(from-1) == ";"
	if opens {
		return c
	}
	for j := to; j < pos; j++ {
		// ", when ..." tells what happened at that time: "since 2014,
		// when 23 people died".
		if s.norm(j) == "," && s.norm(j+1) != "when" {
			return ""
		}
	}
	return c
}

// finishTime sets what alignment needs: the event class, the context, the
// person the sentence is about.
func (s *sent) finishTime(c *Claim, from, to int) {
	c.Class = s.timeClass(from, to)
	if c.Class == "" {
		c.Class = s.clauseVerbClass(from)
	}
	c.Context = s.context(from, to, 6, func(w string) bool {
		_, wd := weekdays[w]
		return predicateClasses[w] != "" || wd || months[w] != 0
	})
	c.ContextBefore = s.lastBefore
	c.Words = s.lastWords
	c.Years = s.years
	for _, id := range s.ents {
		if e, ok := s.r.ix.Entity(id); ok && e.Type == crosscheck.EntityPerson {
			c.Subject = id
			break
		}
	}
}
