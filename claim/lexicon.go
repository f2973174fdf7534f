package claim

import (
	"math"
	"strings"
	"time"
)

// The lexicons below are English function words and the vocabulary news
// uses for counts, units, times and titles. Nothing here names a person,
// place or event.

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// smallNumbers are number words read as exact values.
var smallNumbers = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}

// multipliers scale the number before them: "1.5 million", "two hundred".
var multipliers = map[string]float64{"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

// vagueNumbers are plural number words, read as the range a reader would
// give them; "tens of thousands" is read by the quantity reader.
var vagueNumbers = map[string][2]float64{
	"dozens": {24, 144}, "scores": {40, 200}, "hundreds": {200, 999}, "thousands": {2000, 9999},
	"millions": {2e6, 9.99e8}, "billions": {2e9, 9.99e11},
}

// numberWord is what smallNumbers and vagueNumbers say of one word, read
// with one lookup: the quantity and time readers try every token of every
// sentence as a number, and almost none is a number word.
type numberWord struct {
	vague bool
	r     [2]float64 // vagueNumbers' range, when vague
	small bool
	v     float64 // smallNumbers' value, when small
}

var numberWords = func() map[string]numberWord {
	m := map[string]numberWord{}
	for w, v := range smallNumbers {
		m[w] = numberWord{small: true, v: v}
	}
	for w, r := range vagueNumbers {
		e := m[w]
		e.vague, e.r = true, r
		m[w] = e
	}
	return m
}()

// qualifier is a phrase before a number that turns it into an interval.
type qualifier struct {
	words  []string
	lo, hi func(n float64) float64
}

func atLeast(n float64) float64 { return n }
func inf(float64) float64       { return math.Inf(1) }
func zero(float64) float64      { return 0 }
func same(n float64) float64    { return n }
func below(f float64) func(float64) float64 {
	return func(n float64) float64 { return n * f }
}

// qualifiers, longest first so "more than" wins over "more".
var qualifiers = func() []qualifier {
	lower := []string{"more than", "over", "at least", "upwards of", "in excess of", "no fewer than", "no less than", "above", "a minimum of"}
	upper := []string{"up to", "at most", "fewer than", "less than", "under", "no more than", "as many as", "a maximum of", "below"}
	near := []string{"nearly", "almost", "just under", "close to", "just short of"}
	approx := []string{"about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "circa", "approx", "or so"}
	var out []qualifier
	for _, p := range lower {
		out = append(out, qualifier{strings.Fields(p), atLeast, inf})
	}
	for _, p := range upper {
		out = append(out, qualifier{strings.Fields(p), zero, same})
	}
	for _, p := range near {
		out = append(out, qualifier{strings.Fields(p), below(0.85), same})
	}
	for _, p := range approx {
		out = append(out, qualifier{strings.Fields(p), below(0.85), below(1.15)})
	}
	// Longest phrases first.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j].words) > len(out[j-1].words); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}()

// exclusive words before or after a number mean it does not count the
// whole: "three more bodies", "113 other prisoners", "another 20".
var exclusive = set(`more other others another additional further extra new remaining`)

// unitInfo says what a unit word measures and how to convert it to the
// base unit of its dimension.
type unitInfo struct {
	dim    string
	factor float64
	name   string // the base unit's name for display
}

// measureUnits are units of measure; every other noun after a number is a
// counted thing.
var measureUnits = func() map[string]unitInfo {
	m := map[string]unitInfo{}
	add := func(words string, u unitInfo) {
		for _, w := range strings.Fields(words) {
			m[w] = u
		}
	}
	add("km kilometre kilometres kilometer kilometers", unitInfo{"length", 1000, "m"})
	add("m metre metres meter meters", unitInfo{"length", 1, "m"})
	add("cm centimetre centimetres centimeter centimeters", unitInfo{"length", 0.01, "m"})
	add("mile miles", unitInfo{"length", 1609.344, "m"})
	add("ft foot feet", unitInfo{"length", 0.3048, "m"})
	add("nautical", unitInfo{"length", 1852, "m"})
	add("seconds secs", unitInfo{"duration", 1, "s"})
	add("minute minutes min mins", unitInfo{"duration", 60, "s"})
	add("hour hours hr hrs", unitInfo{"duration", 3600, "s"})
	add("day days", unitInfo{"duration", 86400, "s"})
	add("week weeks", unitInfo{"duration", 7 * 86400, "s"})
	add("month months", unitInfo{"duration", 30.44 * 86400, "s"})
	add("year years", unitInfo{"duration", 365.25 * 86400, "s"})
	add("decade decades", unitInfo{"duration", 3652.5 * 86400, "s"})
	add("kg kilogram kilograms kilo kilos", unitInfo{"mass", 1, "kg"})
	add("tonne tonnes ton tons", unitInfo{"mass", 1000, "kg"})
	add("percent per-cent %", unitInfo{"percent", 1, "%"})
	add("km/h kph", unitInfo{"speed", 1, "km/h"})
	add("mph", unitInfo{"speed", 1.609344, "km/h"})
	add("knot knots", unitInfo{"speed", 1.852, "km/h"})
	return m
}()

// currencies before or after a number.
var currencies = map[string]string{
	"$": "usd", "us$": "usd", "dollar": "usd", "dollars": "usd", "€": "eur", "euro": "eur", "euros": "eur",
	"£": "gbp", "pound": "gbp", "pounds": "gbp", "¥": "jpy", "yen": "jpy", "rouble": "rub", "roubles": "rub",
	"ruble": "rub", "rubles": "rub", "rupee": "inr", "rupees": "inr",
}

// personNouns count people; counts of any of them are one dimension, so
// "114 civilians" and "114 prisoners" can be compared.
var personNouns = set(`people person persons passengers passenger prisoners prisoner civilians civilian survivors
survivor victims victim detainees detainee activists activist journalists journalist citizens individuals
children child adults men women residents migrants refugees soldiers troops workers protesters students
crew members member bodies dead tourists visitors inhabitants patients hostages captives fishermen villagers
islanders pilgrims officers police policemen staff employees dissidents opponents politicians lawmakers
deckhand deckhands sailor sailors guard guards driver drivers nurse nurses doctor doctors firefighter firefighters`)

// heldEvents are things one holds that are not people: "elections held".
var heldEvents = set(`election elections vote votes referendum talks meeting meetings summit summits rally rallies
protest protests ceremony ceremonies funeral funerals conference conferences hearing hearings trial trials
negotiations consultations session sessions event events festival games`)

// funcWords end the noun phrase after a number and are never content words.
var funcWords = set(`a an the of in on at to from by for with without into onto out over under about after
before since during until till and or but nor so yet as than that which who whom whose this these those it its
is are was were be been being has have had do does did will would shall should can could may might must
not no he she they we i you his her their our my your them us him me there here then when where while if
whether because although though also just only still even very more most much many some any all each every
both either neither such other another per up down off again further once same own too says said told
according including among amid amidst across against along alongside around via within upon`)

// predicateClasses map a word (its Norm) to the event a number near it
// counts. A rule, not a model: the nearest class word decides.
var predicateClasses = func() map[string]string {
	m := map[string]string{}
	add := func(class, words string) {
		for _, w := range strings.Fields(words) {
			m[w] = class
		}
	}
	add("dead", `died die dies dead death deaths killed killing kills fatalities perished drowned toll lives`)
	add("missing", `missing unaccounted lost`)
	add("injured", `injured wounded hurt injuries`)
	add("hospital", `hospital hospitalised hospitalized`)
	add("rescued", `rescued pulled saved dragged rescue`)
	add("evacuated", `evacuated evacuation displaced`)
	add("aboard", `aboard board carry carrying carried`)
	add("population", `population inhabitants`)
	add("released", `released freed free freeing releasing pardoned pardon release freedom`)
	add("transferred", `handed transferred deported transported welcoming welcomed expelled`)
	add("held", `detained held imprisoned jailed jails jail prison bars custody`)
	add("arrested", `arrested arrests`)
	add("sentence", `sentence sentenced`)
	add("mourning", `mourning`)
	add("capsize", `capsized capsizes capsize overturned overturns keeled flipped sank sunk foundered rolled`)
	add("warning", `warning warned warn`)
	return m
}()

// runningClasses are counts that change as a story unfolds: a different
// later figure is an update, not a contradiction.
var runningClasses = set(`dead missing injured hospital rescued evacuated`)

// changeWords mark a figure reported as changed or still changing.
var changeWords = set(`rose risen rises rising climbed climbs increased increases jumped reached reaches now still
fell dropped revised updated latest so far`)

// stopContext are frequent words that say nothing about which slot a number
// fills.
var stopContext = set(`said says told people according report reports reported news year years day days time
week weeks month months monday tuesday wednesday thursday friday saturday sunday today yesterday morning
evening afternoon night new one first last`)

// weekdays by Norm.
var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// months by Norm.
var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
	"jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// titleHeads end a title before a name.
var titleHeads = set(`minister president governor secretary envoy ambassador chairman chairwoman chair
captain commander mayor director chief spokesman spokeswoman spokesperson premier chancellor king queen prince
senator congressman congresswoman representative general colonel admiral judge prosecutor coordinator
head leader manager officer inspector sheriff superintendent commissioner deputy councillor councilor
laureate founder editor correspondent`)

// rankWords change which office a title names: a deputy minister is not
// the minister.
var rankWords = set(`deputy vice acting former ex interim assistant first associate junior senior under`)

// administrationWords follow the name of whoever heads an administration:
// "the Biden administration", "Lukashenko's government".
var administrationWords = set(`administration government regime cabinet`)

// actedUpon are the prepositions before an administration that is the
// object of what the sentence tells, not its agent.
var actedUpon = set(`within of to against toward towards into on about over`)

// actionClasses are the acts whose agent is compared across sources.
var actionClasses = func() map[string]string {
	m := map[string]string{}
	add := func(class, words string) {
		for _, w := range strings.Fields(words) {
			m[w] = class
		}
	}
	add("order", `ordered orders order`)
	add("suspend", `suspended suspends halted halts`)
	add("detain", `detained detains arrested arrests`)
	add("release", `released releases freed frees pardoned pardons`)
	add("lift", `lifted lifts eased eases`)
	add("impose", `imposed imposes`)
	add("declare", `declared declares`)
	add("ban", `banned bans`)
	return m
}()
