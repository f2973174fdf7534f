package entity

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/crosscheck-news/crosscheck/text"
)

// This file decides whether two spellings name the same person or place:
// Unicode folding, romanisation rules (Slavic, Arabic, German), consonant
// skeletons with sound classes, and a vowel-tolerant edit distance.

// nameParts is a person's name split for comparison.
type nameParts struct {
	tokens []string // folded name tokens, particles and titles removed
	suffix string   // jr, sr, ii, iii, iv
	// keys are the tokens' transliteration keys (translit) when worked
	// out beforehand (see nameForm), else nil; skels their skeletons and
	// joined the tokens joined without spaces, set with keys.
	keys   []string
	skels  []string
	joined string
}

// skel is the skeleton of token i's key if known, else "".
func (p nameParts) skel(i int) string {
	if p.skels == nil {
		return ""
	}
	return p.skels[i]
}

// join is the tokens joined without spaces.
func (p nameParts) join() string {
	if p.keys != nil {
		return p.joined
	}
	return strings.Join(p.tokens, "")
}

// key is the transliteration key of token i if known, else "".
func (p nameParts) key(i int) string {
	if p.keys == nil {
		return ""
	}
	return p.keys[i]
}

var generational = map[string]string{"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}

// arabicArticle reports the assimilated forms of the Arabic article that
// prefix a name with a hyphen (al-Assad, el-Sisi, as-Sisi).
var arabicArticle = set(`al el as ad an ash ar az at ath adh ud`)

// splitName folds a name and splits it into comparable tokens: dots and
// hyphens separate tokens, apostrophes vanish, particles (al-, bin, de, van)
// and leading titles are dropped, a generational suffix is kept apart.
func splitName(s string) nameParts {
	f := text.Fold(s)
	var b strings.Builder
	for _, r := range f {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '`' || r == 'ʼ' || r == 'ʻ':
			// dropped: Khamene'i = Khamenei, O'Brien = OBrien
		default:
			b.WriteByte(' ')
		}
	}
	raw := strings.Fields(b.String())
	var p nameParts
	for i, t := range raw {
		if g, ok := generational[t]; ok && i > 0 {
			p.suffix = g
			continue
		}
		if particles[t] || arabicArticle[t] {
			continue
		}
		if len(p.tokens) == 0 && personTitles[t] && i < len(raw)-1 {
			continue
		}
		p.tokens = append(p.tokens, t)
	}
	if len(p.tokens) == 0 && len(raw) > 0 {
		p.tokens = raw[len(raw)-1:]
	}
	return p
}

// translitReplacer is built once: building a Replacer costs far more than
// using it, and translit runs for every name token of every story analysis.
var translitReplacer = strings.NewReplacer(
	"tsch", "ch", "tch", "ch", "sch", "sh", "dzh", "j", "dj", "j",
	"kh", "h", "gh", "g", "ph", "f", "th", "t", "dh", "d", "ck", "k",
	"q", "k", "x", "ks", "w", "v", "oe", "o", "ue", "u", "ae", "a",
	"tsy", "ti", "ts", "z", "tz", "z", "ee", "i", "oo", "u", "ou", "u",
)

// translit maps one folded name token to a romanisation-neutral key: the
// spellings one name gets in English, German, French, Polish and scholarly
// romanisations of Russian, Belarusian, Ukrainian and Arabic come out alike.
// Keys are remembered (translitKeys): name comparisons ask for the same
// tokens' keys over and over, and making one allocates.
func translit(t string) string { return translitKeys.Get(t) }

// maxTranslitKeys bounds the memo of translit keys: names are Zipfian too.
const maxTranslitKeys = 200_000

var translitKeys = text.NewMemo(maxTranslitKeys, makeTranslitKey)

// makeTranslitKey computes translit's key.
func makeTranslitKey(t string) string {
	if t == "" {
		return t
	}
	// Arabic-style prefixes fused to the name: Abdel/Abdul/Abdal → abd.
	for _, p := range []string{"abdel", "abdul", "abdal", "abdol"} {
		if strings.HasPrefix(t, p) && len(t) > len(p)+2 {
			t = "abd" + t[len(p):]
			break
		}
		if t == p {
			t = "abd"
		}
	}
	// Endings: Slavic adjectival and feminine forms, Arabic final -h.
	for _, e := range [][2]string{
		{"skaja", "skaya"}, {"skaia", "skaya"}, {"ckaja", "ckaya"},
		{"skyy", "ski"}, {"skyi", "ski"}, {"skiy", "ski"}, {"skij", "ski"}, {"skii", "ski"}, {"sky", "ski"},
		{"aja", "aya"}, {"aia", "aya"}, {"iya", "ia"}, {"ija", "ia"}, {"iia", "ia"},
		{"yy", "i"}, {"yi", "i"}, {"iy", "i"}, {"ij", "i"}, {"ii", "i"},
		{"eh", "e"}, {"ah", "a"},
	} {
		if strings.HasSuffix(t, e[0]) && len(t) > len(e[0])+1 {
			t = t[:len(t)-len(e[0])] + e[1]
			break
		}
	}
	if strings.HasPrefix(t, "ye") && len(t) > 3 {
		t = "e" + t[2:]
	}
	if strings.HasPrefix(t, "tsi") || strings.HasPrefix(t, "tsy") {
		t = "t" + t[2:] // Belarusian ці where Russian has ти
	}
	if strings.HasPrefix(t, "dz") && len(t) > 2 && !isVowel(t[2]) {
		t = "d" + t[2:]
	}
	// "ou"/"au" before s or k, or ending a word: Belarusian ў
	// (Tsikhanouskaya, Marozau) where Russian has "ov" / "av".
	var pre strings.Builder
	for i := 0; i < len(t); i++ {
		c := t[i]
		if (c == 'o' || c == 'a') && i+1 < len(t) && t[i+1] == 'u' && i > 0 && !isVowel(t[i-1]) &&
			(i+2 == len(t) || t[i+2] == 's' || t[i+2] == 'k') {
			pre.WriteByte(c)
			pre.WriteByte('v')
			i++
			continue
		}
		pre.WriteByte(c)
	}
	t = translitReplacer.Replace(pre.String())
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch c {
		case 'c':
			if i+1 < len(t) && t[i+1] == 'h' {
				b.WriteByte('C')
				i++
				continue
			}
			if i+1 < len(t) && (t[i+1] == 'e' || t[i+1] == 'i' || t[i+1] == 'y') {
				c = 's'
			} else {
				c = 'k'
			}
		case 'j':
			c = 'y'
		}
		if c == 'y' {
			c = 'i'
		}
		b.WriteByte(c)
	}
	// Collapse doubled letters (Odessa/Odesa, Mohammed/Mohamed).
	s := b.String()
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		out.WriteByte(s[i])
	}
	return out.String()
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// soundClass maps a consonant of a translit key to its class: voiced and
// voiceless velars and h (Ukrainian/Belarusian г), sibilants, labiodentals.
func soundClass(c byte) byte {
	switch c {
	case 'g', 'k', 'h', 'C':
		return 'K'
	case 's', 'z':
		return 'S'
	case 'v', 'f':
		return 'V'
	}
	return c
}

// skeleton is the consonant skeleton of a translit key, in sound classes,
// with repeats collapsed: the blocking key of a name token.
func skeleton(k string) string { return string(appendSkeleton(nil, k)) }

// appendSkeleton appends k's skeleton to b.
func appendSkeleton(b []byte, k string) []byte {
	n := len(b)
	for i := 0; i < len(k); i++ {
		c := k[i]
		if isVowel(c) {
			continue
		}
		c = soundClass(c)
		if len(b) > n && b[len(b)-1] == c {
			continue
		}
		b = append(b, c)
	}
	return b
}

// sameSkeleton reports skeleton(a) == skeleton(b) without allocating for
// tokens of ordinary length: name comparisons ask it for every pair of
// tokens that reach the edit distance.
func sameSkeleton(a, b string) bool {
	var ba, bb [48]byte
	return string(appendSkeleton(ba[:0], a)) == string(appendSkeleton(bb[:0], b))
}

// ending classifies how a key ends: 'C' consonant, 'I' -i (Slavic masculine
// adjectival), 'A' -a (Slavic feminine), 'O' other vowels. -ov/-ova and
// -sky/-skaya must not meet; -o meets anything (Ukrainian Dmytro / Russian
// Dmitry, Belarusian -ka / Russian -ko).
func ending(k string) byte {
	if k == "" {
		return 'C'
	}
	switch c := k[len(k)-1]; {
	case c == 'i':
		return 'I'
	case c == 'a':
		return 'A'
	case isVowel(c):
		return 'O'
	}
	return 'C'
}

func endingsAgree(a, b byte) bool {
	return a == b || a == 'O' || b == 'O'
}

// distance is a weighted edit distance on translit keys: vowels are cheap to
// change (0.25) or drop (0.5), consonants of one sound class cost 0.5, a lone
// h costs 0.5, anything else 1.
func distance(a, b string) float64 {
	// Rows on the stack for tokens of ordinary length.
	var rows [2][32]float64
	prev, cur := rows[0][:0], rows[1][:0]
	if len(b)+1 > len(rows[0]) {
		prev, cur = make([]float64, 0, len(b)+1), make([]float64, 0, len(b)+1)
	}
	prev, cur = prev[:len(b)+1], cur[:len(b)+1]
	prev[0], cur[0] = 0, 0
	indel := func(c byte) float64 {
		if isVowel(c) || c == 'h' {
			return 0.5
		}
		return 1
	}
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + indel(b[j-1])
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = prev[0] + indel(a[i-1])
		for j := 1; j <= len(b); j++ {
			ca, cb := a[i-1], b[j-1]
			sub := 1.0
			switch {
			case ca == cb:
				sub = 0
			case isVowel(ca) && isVowel(cb):
				sub = 0.25
			case !isVowel(ca) && !isVowel(cb) && soundClass(ca) == soundClass(cb):
				sub = 0.5
			}
			v := prev[j-1] + sub
			if d := prev[j] + indel(ca); d < v {
				v = d
			}
			if d := cur[j-1] + indel(cb); d < v {
				v = d
			}
			cur[j] = v
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// tokenMatch reports whether two folded name tokens are spellings of one
// name. An initial matches a token with the same first sound.
func tokenMatch(a, b string) bool { return matchTokens(a, "", "", b, "", "") }

// matchTokens is tokenMatch given the tokens' transliteration keys and
// their skeletons where known ("" where not).
func matchTokens(a, ka, sa, b, kb, sb string) bool {
	if a == b {
		return true
	}
	if len(a) == 1 || len(b) == 1 {
		if len(a) == 1 && len(b) == 1 {
			return false
		}
		return initialOf(a) == initialOf(b)
	}
	if ka == "" {
		ka = translit(a)
	}
	if kb == "" {
		kb = translit(b)
	}
	if ka == kb {
		return true
	}
	// A token of two letters says too little for a spelling to differ:
	// Youn is not the "in" of Moon Jae-in.
	if min(len(ka), len(kb)) < 3 || !endingsAgree(ending(ka), ending(kb)) {
		return false
	}
	if sa != "" && sb != "" {
		if sa != sb {
			return false
		}
	} else if !sameSkeleton(ka, kb) {
		return false
	}
	n := len(ka)
	if len(kb) > n {
		n = len(kb)
	}
	limit := 1.25
	if n <= 4 {
		limit = 0.5
	} else if n >= 8 {
		limit = 0.2 * float64(n)
	}
	return distance(ka, kb) <= limit
}

// initialOf is the first letter of a token in its translit key, with the
// common alternations of initials (Y./E., J./I.) folded.
func initialOf(t string) byte {
	k := translit(t)
	if k == "" {
		return 0
	}
	if len(t) > 1 && (strings.HasPrefix(t, "ye") || strings.HasPrefix(t, "ie")) {
		return 'e'
	}
	return k[0]
}

// SameName reports whether two spellings can name the same person or place:
// "Sviatlana Tsikhanouskaya" and "Svetlana Tikhanovskaya", "Lukashenka" and
// "Alexander Lukashenko", "U.S." and "United States", "EU" and "European
// Union". Two full names must agree on the surname and on every given name
// both give (an initial agrees with its name); a generational suffix (Jr.)
// must agree; a surname alone agrees with any full name that ends in it.
// SameName is symmetric.
func SameName(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return sameForm(newNameForm(a), newNameForm(b))
}

// nameForm is what SameName reads of one name, worked out once: a story's
// entity merge compares every pair of its names, and folding, gazetteer
// keys and name parts were most of that work, again for every pair.
type nameForm struct {
	name    string
	canon   string // the gazetteer's canonical name, or ""
	country bool   // canon is a country
	place   bool   // the gazetteer knows the name as a place
	acronym bool
	parts   nameParts
	// akey is acronymKey(name); initials and initialsOf its initials
	// without and with "of" (acronymMatch).
	akey, initials, initialsOf string
}

// nameForms remembers the forms of names across articles and stories: a
// story's names recur in every article of it, and the names of the news in
// many stories. A form is never changed once made, so one is shared by every
// caller. It holds at most maxNameForms forms.
var (
	nameForms     sync.Map // string → *nameForm
	nameFormCount atomic.Int64
)

const maxNameForms = 50_000

// formOf returns the form of name s, remembered.
func formOf(s string) *nameForm {
	if v, ok := nameForms.Load(s); ok {
		return v.(*nameForm)
	}
	// A clone: the memo must never pin an article's text.
	f := newNameForm(strings.Clone(s))
	if nameFormCount.Load() < maxNameForms {
		if _, loaded := nameForms.LoadOrStore(f.name, f); !loaded {
			nameFormCount.Add(1)
		}
	}
	return f
}

func newNameForm(s string) *nameForm {
	f := &nameForm{name: s, acronym: isAcronym(s), parts: splitName(s), akey: acronymKey(s), initials: initials(s, false), initialsOf: initials(s, true)}
	f.parts.keys = make([]string, len(f.parts.tokens))
	f.parts.skels = make([]string, len(f.parts.tokens))
	for i, t := range f.parts.tokens {
		f.parts.keys[i] = translit(t)
		f.parts.skels[i] = skeleton(f.parts.keys[i])
	}
	f.parts.joined = strings.Join(f.parts.tokens, "")
	if e, ok := known[knownKey(s)]; ok {
		f.canon, f.place = e.canon, e.typ == "place"
		f.country = e.canon != "" && isCountry[e.canon]
	}
	return f
}

// sameForm is SameName on two names' forms.
func sameForm(a, b *nameForm) bool {
	if a.canon != "" && a.canon == b.canon {
		return true
	} else if a.canon != "" && b.canon != "" && (a.country || b.country) {
		return false // two different countries of the gazetteer
	}
	if a.acronym || b.acronym {
		return acronymMatchForms(a, b)
	}
	if (a.place || b.place) && len(a.parts.tokens) != len(b.parts.tokens) {
		return false // a place and a longer name holding it: Sudan, South Sudan
	}
	return personMatch(a.parts, b.parts)
}

func personMatch(pa, pb nameParts) bool {
	if len(pa.tokens) == 0 || len(pb.tokens) == 0 {
		return false
	}
	if pa.suffix != pb.suffix && !numeralSuffixDropped(pa.suffix, pb.suffix) {
		return false
	}
	if len(pa.tokens) > len(pb.tokens) {
		pa, pb = pb, pa
	}
	ta, tb := pa.tokens, pb.tokens
	// Concatenation differences: "Jong-un" vs "Jongun".
	if pa.join() == pb.join() {
		return true
	}
	// same matches token i of pa with token j of pb.
	same := func(i, j int) bool { return matchTokens(ta[i], pa.key(i), pa.skel(i), tb[j], pb.key(j), pb.skel(j)) }
	la, lb := len(ta)-1, len(tb)-1
	if la == 0 {
		// A single word: a surname (or, for names written family name first,
		// the family name) of the longer one. A lone initial is neither: it
		// names nobody ("a post on X.").
		return len(ta[0]) > 1 && (same(0, lb) || (lb > 0 && same(0, 0) && !givenNames[ta[0]]))
	}
	if !same(la, lb) || !(same(0, 0) || sameGivenName(ta[0], tb[0])) {
		return false
	}
	// The middle names, when both give them, one for one.
	if la == 1 || lb == 1 {
		return true
	}
	if la != lb {
		return false
	}
	for i := 1; i < la; i++ {
		if !same(i, i) {
			return false
		}
	}
	return true
}

// numeralSuffixDropped reports a numeral suffix on one name only: running
// text drops it ("Robert Mueller" for Robert S. Mueller III), as the
// grandfather it tells apart is seldom in the same news. Jr. and Sr. are
// kept apart: a father and his son of one name often are ("Donald Trump"
// and "Donald Trump Jr.").
func numeralSuffixDropped(a, b string) bool {
	if a != "" && b != "" {
		return false
	}
	s := a + b
	return s == "ii" || s == "iii" || s == "iv"
}

// isAcronym reports a short all-capitals form such as EU, U.S., NATO, G7.
func isAcronym(s string) bool {
	letters, upper := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLetter(r):
			letters++
		case r == '.' || r == '-' || r == '&' || r == '/' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return upper >= 2 && upper == letters && letters <= 8
}

// acronymKey removes dots and case: U.S. → us.
func acronymKey(s string) string {
	var b strings.Builder
	for _, r := range text.Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// initials is the acronym of a long form: European Union → eu. Function
// words are skipped (North Atlantic Treaty Organization → nato), or, with
// keepOf, "of" counts (Joint Comprehensive Plan of Action → jcpoa,
// Department of Justice → doj).
func initials(s string, keepOf bool) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(text.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if keepOf && w == "of" {
			b.WriteByte('o')
			continue
		}
		if w == "of" || w == "the" || w == "and" || w == "for" || w == "in" || w == "on" || w == "de" {
			continue
		}
		b.WriteByte(w[0])
	}
	return b.String()
}

// acronymMatchForms is acronymMatch on two names' forms.
func acronymMatchForms(a, b *nameForm) bool {
	if a.akey == b.akey {
		return true
	}
	if a.acronym && b.acronym {
		return false
	}
	if b.acronym {
		a, b = b, a
	}
	// a is the acronym, b a long form.
	ka := a.akey
	return len(ka) >= 2 && (b.initials == ka || len(ka) >= 3 && strings.Contains(ka, "o") && b.initialsOf == ka)
}

func acronymMatch(a, b string) bool {
	ka, kb := acronymKey(a), acronymKey(b)
	if ka == kb {
		return true
	}
	if isAcronym(a) && isAcronym(b) {
		return false
	}
	if isAcronym(b) {
		a, b = b, a
		ka = kb
	}
	// a is the acronym, b a long form.
	return len(ka) >= 2 && (initials(b, false) == ka || len(ka) >= 3 && strings.Contains(ka, "o") && initials(b, true) == ka)
}

// known maps the folded form of every gazetteer name and alias to its
// canonical name and type.
var known = func() map[string]knownEntry {
	m := make(map[string]knownEntry)
	add := func(s, canon string, t string) {
		k := knownKey(s)
		if _, ok := m[k]; !ok {
			m[k] = knownEntry{canon, t}
		}
	}
	for _, p := range places {
		add(p.name, p.name, "place")
		for _, a := range p.aliases {
			add(a, p.name, "place")
		}
	}
	for _, p := range places {
		if p.capital != "" {
			add(p.capital, p.capital, "place")
		}
	}
	for _, o := range orgs {
		add(o.name, o.name, "org")
		for _, a := range o.aliases {
			add(a, o.name, "org")
		}
	}
	for _, p := range placeNames {
		add(p, p, "place")
	}
	for _, p := range multiPlaces {
		add(p, p, "place")
	}
	// Alternative spellings resolve through SameName, not here.
	return m
}()

type knownEntry struct {
	canon string
	typ   string
}

// isCountry holds the canonical names of the places list.
var isCountry = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range places {
		m[p.name] = true
	}
	return m
}()

// ActsAsState reports whether a place's name can stand for a state that
// speaks and acts: a country the gazetteer knows ("Belarus said"), its
// capital or seat of government ("Moscow said"). A town or a region does
// not ("according to a source in Tampa" is no statement of Tampa's).
func ActsAsState(name string) bool {
	if isCountry[name] || capitalOf[name] != "" {
		return true
	}
	if _, ok := seatOf[knownKey(name)]; ok {
		return true
	}
	return isCountry[canonicalKnown(name)]
}

// capitalOf maps the canonical name of a capital to its country.
var capitalOf = func() map[string]string {
	m := map[string]string{"Kiev": "Ukraine"}
	for _, p := range places {
		if p.capital != "" {
			m[p.capital] = p.name
		}
	}
	return m
}()

// seatOf maps the lookup key of a seat of government to its country.
var seatOf = func() map[string]string {
	m := map[string]string{}
	for k, v := range seatsOfGovernment {
		m[knownKey(k)] = v
	}
	return m
}()

// demonyms maps a folded demonym to its place.
var demonyms = func() map[string]string {
	m := make(map[string]string)
	for _, p := range places {
		for _, d := range p.demonym {
			m[text.Fold(d)] = p.name
		}
	}
	for d, r := range regionDemonyms {
		m[text.Fold(d)] = r
	}
	return m
}()

// regionDemonyms are the adjectives (and plural nouns) of regions, which
// are no countries: "the Eastern European nation", "Western isolation"
// name no entity, "the Europeans" do.
var regionDemonyms = map[string]string{
	"European": "Europe", "Europeans": "Europe", "African": "Africa", "Africans": "Africa",
	"Asian": "Asia", "Asians": "Asia", "Western": "West", "Westerners": "West",
	"Latin American": "Latin America", "Latin Americans": "Latin America", "Middle Eastern": "Middle East",
	"Scandinavian": "Scandinavia", "Scandinavians": "Scandinavia", "Balkan": "Balkans", "Caribbean": "Caribbean",
	"Soviet": "Soviet Union", "Soviets": "Soviet Union",
}

// demonymMinLen is the length in bytes of the shortest demonym key: a
// shorter word is none, with no lookup.
var demonymMinLen = func() int {
	n := 1 << 30
	for k := range demonyms {
		n = min(n, len(k))
	}
	return n
}()

// knownKey is the lookup form of a gazetteer name: folded, dots removed,
// a leading "the" dropped. Case is kept for all-capitals forms so that the
// acronym "US" and the pronoun "us" differ. Keys are remembered
// (knownKeys): every candidate name of every article is looked up, most of
// them many times, and making a key folds and rebuilds the string.
func knownKey(s string) string { return knownKeys.Get(s) }

// maxKnownKeys bounds the memo of gazetteer keys.
const maxKnownKeys = 200_000

var knownKeys = text.NewMemo(maxKnownKeys, makeKnownKey)

// makeKnownKey computes knownKey's key.
func makeKnownKey(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "the ") || strings.HasPrefix(s, "The ") {
		s = s[4:]
	}
	if isAcronym(s) {
		return "#" + acronymKey(s)
	}
	var b strings.Builder
	for _, r := range text.Fold(s) {
		if r == '.' {
			continue
		}
		if r == '’' {
			r = '\''
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// canonicalKnown returns the gazetteer's canonical name for s, or "".
func canonicalKnown(s string) string { return canonOfKey(knownKey(s)) }

// canonOfKey is canonicalKnown given s's knownKey.
func canonOfKey(k string) string {
	if e, ok := known[k]; ok {
		return e.canon
	}
	return ""
}
