package quote

import "strings"

// cueKind says how a cue word frames what was said.
type cueKind uint8

const (
	// cueSay frames a quotation or a reported clause: "X said (that) …",
	// "…, X said", "X said: …".
	cueSay cueKind = iota + 1
	// cueTell takes a hearer before the reported clause: "X told reporters
	// (that) …".
	cueTell
	// cueQuoteOnly frames only a quotation or a that-clause, never a bare
	// clause: "X asked, “…”", "X vowed that …"; these verbs have other uses
	// too common to read a bare clause after them as reported speech.
	cueQuoteOnly
	// cueAs characterises with the speaker's words: "X described the talks
	// as “very productive”", "X called them “bandits”".
	cueAs
	// cueAccording puts the source after the cue: "according to X, …".
	cueAccording
)

// cueTable lists, per language, the surface forms of the words that
// introduce what someone said, with how each frames it. Forms are matched
// against Token.Norm (lower case, quotes folded). Adding a language means
// adding a table here and its pronouns and determiners below.
var cueTable = map[string]map[string]cueKind{
	"en": {
		"said": cueSay, "says": cueSay, "say": cueSay, "saying": cueSay,
		"added": cueSay, "adds": cueSay, "adding": cueSay,
		"wrote": cueSay, "writes": cueSay, "writing": cueSay,
		"stressed": cueQuoteOnly, "stresses": cueQuoteOnly, "noted": cueSay, "notes": cueSay, "noting": cueSay,
		"explained": cueSay, "explains": cueSay, "argued": cueSay, "argues": cueSay, "arguing": cueSay,
		"insisted": cueSay, "insists": cueSay, "claimed": cueSay, "claims": cueSay,
		"warned": cueSay, "warns": cueSay, "announced": cueQuoteOnly, "announces": cueQuoteOnly,
		"stated": cueQuoteOnly, "stating": cueQuoteOnly, "declared": cueQuoteOnly, "declares": cueQuoteOnly,
		"confirmed": cueQuoteOnly, "confirms": cueQuoteOnly, "acknowledged": cueQuoteOnly, "acknowledges": cueQuoteOnly,
		"admitted": cueQuoteOnly, "admits": cueQuoteOnly, "suggested": cueSay, "suggests": cueSay,
		"tweeted": cueQuoteOnly, "tweets": cueQuoteOnly, "posted": cueQuoteOnly, "reported": cueQuoteOnly, "reports": cueQuoteOnly,
		"recalled": cueQuoteOnly, "recalls": cueQuoteOnly, "concluded": cueQuoteOnly, "concludes": cueQuoteOnly,
		"maintains": cueSay, "maintained": cueSay, "contended": cueSay, "contends": cueSay,
		"testified": cueQuoteOnly, "estimated": cueQuoteOnly, "estimates": cueQuoteOnly, "predicted": cueQuoteOnly,
		"continued": cueQuoteOnly, "replied": cueQuoteOnly, "responded": cueQuoteOnly, "answered": cueQuoteOnly,
		"asked": cueQuoteOnly, "urged": cueQuoteOnly, "vowed": cueQuoteOnly, "vows": cueQuoteOnly, "pledged": cueQuoteOnly,
		"promised": cueQuoteOnly, "promises": cueQuoteOnly,
		"denied": cueQuoteOnly, "repeated": cueQuoteOnly, "cautioned": cueQuoteOnly,
		"remarked": cueQuoteOnly, "mused": cueQuoteOnly, "quipped": cueQuoteOnly, "exclaimed": cueQuoteOnly,
		"shouted": cueQuoteOnly, "told": cueTell, "tells": cueTell, "telling": cueTell, "assured": cueTell,
		"informed":  cueTell,
		"described": cueAs, "describes": cueAs, "describing": cueAs,
		"characterized": cueAs, "characterised": cueAs, "characterizes": cueAs, "characterising": cueAs,
		"called": cueAs, "calls": cueAs, "calling": cueAs, "dismissed": cueAs, "hailed": cueAs,
		"branded": cueAs, "labelled": cueAs, "labeled": cueAs, "referring": cueAs, "referred": cueAs,
		"likening": cueAs, "likened": cueAs, "compared": cueAs, "comparing": cueAs, "termed": cueAs,
		"according": cueAccording,
	},
}

// moreSpeech lists further verbs of saying by lemma, each with how it
// frames what was said; inflect makes the forms. A form already in
// cueTable keeps its entry there.
var moreSpeech = map[string]map[cueKind]string{
	"en": {
		cueSay: `argue insist claim suggest explain warn maintain contend assert concede complain allege boast
			brag/bragged reiterate emphasize emphasise stress mention speculate lament caution observe
			hint/hinted imply/implied predict acknowledge admit/admitted retort counter joke/joked muse quip/quipped`,
		cueQuoteOnly: `announce declare confirm deny/denied reveal disclose testify/testified reply/replied respond
			answer recall recount repeat promise pledge vow urge ask/asked tweet
			grumble protest exclaim shout yell/yelled scream whisper`,
		cueTell: `tell/told remind assure inform`,
		cueAs:   `describe characterize characterise dub/dubbed label brand term portray`,
	},
}

// moreOther lists further verbs of belief, finding and stance by lemma.
// A verb of saying above is read as one wherever it is listed here too.
var moreOther = map[string][]struct {
	kind  cueKind
	sense Sense
	list  string
}{
	"en": {
		{cueSay, Thought, `believe think/thought feel/felt hope fear expect know/knew worry/worried doubt suspect
			assume want agree/agreed prefer/preferred understand/understood recognize recognise realize realise
			wonder imagine envision reckon trust remember conclude deem`},
		{cueSay, Finding, `find/found show/showed,shown indicate demonstrate estimate project`},
		{cueNP, Stance, `criticize criticise praise accuse endorse support oppose defend cite propose
			denounce condemn blame reject welcome applaud slam/slammed lambaste mock tout promote
			decline refuse demand recommend dismiss decry/decried blast knock assail rebuke/rebuked
			rip/ripped champion favor favour invoke echo/echoed highlight
			ridicule chide scold/scolded fault berate pan/panned disavow repudiate deride bemoan
			express voice unveil outline float discuss threaten`},
	},
}

// morePlain lists, by lemma, verbs that report a view, a plan or a stance
// but have other uses as common: "she sees the plan as a mistake", "he
// named her", "they backed the bill" as against "the poll saw a rise",
// "a road named after him". They are read as cues only after a plain
// speaker: a pronoun, a name or a noun phrase for people (plainSpeaker).
var morePlain = map[string][]struct {
	kind  cueKind
	sense Sense
	list  string
}{
	"en": {
		{cueNP, Thought, `see/saw,seen view regard consider plan intend =liked love hate/hated enjoy anticipate
			foresee/foresaw,foreseen guess`},
		{cueNP, Stance, `seek/sought back charge challenge question encourage offer retweet quote rebut recite
			ignore embrace downplay reaffirm articulate credit coin celebrate cheer congratulate contradict rebuff
			tackle detail push press veto =emailed eviscerate savage sign =issued publish name nominate appoint
			order decide allow sue =filed =ruled adopt accept mention =attacked acknowledge highlight dispute`},
	},
}

// plainCues holds, per language, the forms of the verbs in morePlain.
var plainCues = map[string]map[string]bool{}

// inflect returns the forms of an English verb written "lemma", or
// "lemma/past" or "lemma/past,participle" where they are irregular: the
// lemma, its third person, its past forms and its -ing form.
func inflect(entry string) []string {
	lemma, past, irregular := strings.Cut(entry, "/")
	forms := []string{lemma}
	n := len(lemma)
	last := lemma[n-1]
	consonantY := last == 'y' && n > 1 && !strings.ContainsRune("aeiou", rune(lemma[n-2]))
	switch {
	case consonantY:
		forms = append(forms, lemma[:n-1]+"ies")
	case strings.HasSuffix(lemma, "s") || strings.HasSuffix(lemma, "x") || strings.HasSuffix(lemma, "z") ||
		strings.HasSuffix(lemma, "ch") || strings.HasSuffix(lemma, "sh") || strings.HasSuffix(lemma, "o"):
		forms = append(forms, lemma+"es")
	default:
		forms = append(forms, lemma+"s")
	}
	var pasts []string
	switch {
	case irregular:
		pasts = strings.Split(past, ",")
	case last == 'e':
		pasts = []string{lemma + "d"}
	case consonantY:
		pasts = []string{lemma[:n-1] + "ied"}
	default:
		pasts = []string{lemma + "ed"}
	}
	forms = append(forms, pasts...)
	switch {
	case irregular && len(pasts[0]) == n+3 && pasts[0][n] == last && strings.HasSuffix(pasts[0], "ed"):
		forms = append(forms, lemma+string(last)+"ing") // slammed, slamming
	case strings.HasSuffix(lemma, "ie"):
		forms = append(forms, lemma[:n-2]+"ying")
	case last == 'e' && n > 2 && !strings.HasSuffix(lemma, "ee") && !strings.HasSuffix(lemma, "ye") && !strings.HasSuffix(lemma, "oe"):
		forms = append(forms, lemma[:n-1]+"ing")
	default:
		forms = append(forms, lemma+"ing")
	}
	return forms
}

// bareForms holds, per language, the bare forms of the cue verbs listed
// by lemma: "support" is a verb in "Republicans support", a noun in "drew
// deep support".
var bareForms = map[string]map[string]bool{}

// lang returns the key of a language's tables: its two-letter code, or
// English when there is no table for it.
func lang(code string) string {
	if len(code) > 2 {
		code = code[:2]
	}
	if _, ok := cueTable[code]; !ok || words[code] == nil {
		return "en"
	}
	return code
}

func addBare(lang, entry string) {
	if bareForms[lang] == nil {
		bareForms[lang] = map[string]bool{}
	}
	lemma, _, _ := strings.Cut(entry, "/")
	bareForms[lang][lemma] = true
}

func init() {
	for lang, kinds := range moreSpeech {
		for k, list := range kinds {
			for _, e := range splitFields(list) {
				if _, ok := cueTable[lang][strings.Split(e, "/")[0]]; !ok {
					addBare(lang, e)
				}
				for _, w := range inflect(e) {
					if _, ok := cueTable[lang][w]; !ok {
						cueTable[lang][w] = k
					}
				}
			}
		}
	}
	for lang, groups := range morePhrases {
		for _, g := range groups {
			for _, e := range splitFields(g.lemmas) {
				for _, w := range inflect(e) {
					if cuePhrases[lang][w] == nil {
						cuePhrases[lang][w] = map[string]otherCue{}
					}
					for _, p := range splitFields(g.particles) {
						if _, ok := cuePhrases[lang][w][p]; !ok {
							cuePhrases[lang][w][p] = otherCue{g.kind, g.sense}
						}
					}
				}
			}
		}
	}
	for lang, groups := range morePlain {
		plainCues[lang] = map[string]bool{}
		for _, g := range groups {
			for _, e := range splitFields(g.list) {
				if _, ok := cueTable[lang][strings.Split(e, "/")[0]]; !ok && e[0] != '=' {
					addBare(lang, e)
				}
				forms := []string{e[1:]} // "=liked": that form only ("like" is a preposition as often)
				if e[0] != '=' {
					forms = inflect(e)
				}
				for _, w := range forms {
					if _, ok := otherCues[lang][w]; ok || cueTable[lang][w] != 0 {
						continue
					}
					otherCues[lang][w] = otherCue{g.kind, g.sense}
					plainCues[lang][w] = true
				}
			}
		}
	}
	for lang, groups := range moreOther {
		for _, g := range groups {
			for _, e := range splitFields(g.list) {
				if _, ok := cueTable[lang][strings.Split(e, "/")[0]]; !ok {
					addBare(lang, e)
				}
				for _, w := range inflect(e) {
					if _, ok := otherCues[lang][w]; !ok {
						otherCues[lang][w] = otherCue{g.kind, g.sense}
					}
				}
			}
		}
	}
}

// cueNP takes a noun phrase as what was meant, up to the clause's end
// or its first comma: "X criticized the plan", "X called for a recount".
const cueNP cueKind = cueAccording + 1

// otherCue is a cue word that reports something other than speech: a
// belief, a wish, a finding, a stance. PolNeAR annotates these as
// attributions; a story's quotes leave them out (see Sense).
type otherCue struct {
	kind  cueKind
	sense Sense
}

// otherCues lists, per language, the cue words of beliefs, wishes,
// findings and stances. They are kept apart from cueTable because they
// frame only reported clauses and noun phrases, never a quotation standing
// alone.
var otherCues = map[string]map[string]otherCue{
	"en": mergeCues(
		cueWords(cueSay, Thought, `believes believe believed thinks think thought feels feel felt hopes hope hoped hoping
			fears fear feared expects expect expected knows know knew worries worry worried doubts doubt doubted
			suspects suspect suspected assumes assume assumed figures figured wants want wanted wanting agrees agree agreed
			prefers prefer preferred understands understood recognizes recognized realizes realized`),
		cueWords(cueSay, Finding, `found finds show shows showed showing indicates indicate indicated reveals revealed
			conclude`),
		cueWords(cueNP, Stance, `criticized criticizes criticised criticizing praised praises praising accused accuses accusing
			endorsed endorses endorsing supports supported opposes opposed opposing defended defends defending cited cites citing
			sought seeks urges urging proposed proposes proposing denounced denounces condemned condemns condemning
			blamed blames blaming rejected rejects rejecting welcomed welcomes applauded applauds questioned
			slammed slams attacked lambasted mocked mocks touted touts promoted pushed backed backs
			declined declines refused refuses
			demanded demands recommended recommends offered released advocated`),
	),
}

// cuePhrases are cues of two words, keyed by the first: "called for",
// "pointed out". They take precedence over the first word alone.
var cuePhrases = map[string]map[string]map[string]otherCue{
	"en": {
		"called":  {"for": {cueNP, Stance}, "on": {cueNP, Stance}},
		"calls":   {"for": {cueNP, Stance}, "on": {cueNP, Stance}},
		"call":    {"for": {cueNP, Stance}, "on": {cueNP, Stance}},
		"calling": {"for": {cueNP, Stance}, "on": {cueNP, Stance}},
		"pointed": {"out": {cueSay, Speech}, "to": {cueNP, Stance}},
		"points":  {"out": {cueSay, Speech}, "to": {cueNP, Stance}},
		"would":   {"like": {cueSay, Thought}},
		"talked":  {"about": {cueNP, Speech}},
		"spoke":   {"about": {cueNP, Speech}, "of": {cueNP, Speech}},
	},
}

// morePhrases lists two-word cues by the verb's lemma: "talk about"
// makes "talked about", "talking about" and the rest. What they take is a
// topic or a target, not words a reader can quote, so they are kept as
// stances.
var morePhrases = map[string][]struct {
	kind      cueKind
	sense     Sense
	particles string
	lemmas    string
}{
	"en": {
		{cueNP, Stance, "about", `talk speak/spoke,spoken joke/joked complain brag/bragged boast testify/testified write/wrote,written
			tweet post rant/ranted muse comment`},
		{cueNP, Stance, "to", `refer/referred respond allude/alluded`},
		{cueNP, Stance, "on", `comment weigh/weighed expound elaborate`},
		{cueNP, Stance, "against", `rail/railed argue vote warn caution speak/spoke,spoken lash/lashed`},
		{cueNP, Stance, "for", `argue vote advocate apologize apologise lobby/lobbied`},
		{cueNP, Stance, "of", `warn boast speak/spoke,spoken`},
		{cueNP, Stance, "at", `hint/hinted lash/lashed jab/jabbed`},
		{cueNP, Stance, "with", `side/sided agree/agreed disagree/disagreed`},
	},
}

func cueWords(k cueKind, sense Sense, list string) map[string]otherCue {
	m := map[string]otherCue{}
	for _, w := range splitFields(list) {
		m[w] = otherCue{k, sense}
	}
	return m
}

func mergeCues(ms ...map[string]otherCue) map[string]otherCue {
	out := map[string]otherCue{}
	for _, m := range ms {
		for w, c := range m {
			out[w] = c
		}
	}
	return out
}

// langWords are the closed-class words the finder reads, per language.
type langWords struct {
	pronouns    map[string]gender // subject pronouns that can be a speaker
	determiners map[string]bool   // words that begin a descriptive speaker ("the envoy")
	relatives   map[string]bool   // words that begin a relative clause after a name
	// adverbialRelatives begin a relative clause with its own subject.
	adverbialRelatives map[string]bool
	complement         map[string]bool // "that" introducing a reported clause
	auxiliaries        map[string]bool // words that join the cue before the verb ("has said")
	// beForms before a cue in its past form make it passive ("is
	// expected", "were asked"): the subject is not the source.
	beForms map[string]bool
	// particles after a cue verb make another verb of it: "backed away",
	// "called off", "compared with".
	particles map[string]bool
	// finiteVerbs are verbs a speaker phrase cannot hold: auxiliaries,
	// modals and common irregular past forms.
	finiteVerbs map[string]bool
	clauseBreak map[string]bool // words that end a speaker phrase going left
	cueTails    map[string]bool // words that begin a cue's manner or channel ("in a statement")
	// prepositions open a circumstance before a sentence's subject.
	prepositions map[string]bool
	// quantities begin a speaker counted in a poll ("half said", "most say").
	quantities map[string]bool
	// sentenceAdverbs are set off by commas between a speaker and its cue
	// ("Murphy, though, said").
	sentenceAdverbs map[string]bool
	// findingSources are the head nouns of sources whose "found" or
	// "shows" reports a finding: a poll, a study.
	findingSources map[string]bool
	// people are head nouns of a speaker phrase that opens without a
	// capital or a determiner: "political experts said", "senior
	// administration officials said".
	people map[string]bool
	// timeWords name a day or a date ("said Monday"); timeUnits follow
	// "last", "this", "next" ("said last week").
	timeWords, timeUnits map[string]bool
}

var words = map[string]*langWords{
	"en": {
		pronouns: map[string]gender{"he": male, "she": female, "they": plural, "i": unknownGender,
			"we": plural, "it": neuter},
		determiners:        set("the a an one another his her their its our this that these those some several many two three"),
		relatives:          set("who which whose whom where when"),
		adverbialRelatives: set("where when whom"),
		complement:         set("that"),
		auxiliaries: set("has have had also will would could should may might later then further again once previously earlier repeatedly publicly recently " +
			"not never did does do didn't doesn't don't hasn't haven't hadn't won't wouldn't can can't cannot " +
			"is was are were be been being isn't wasn't aren't weren't often already still now long widely first just even openly"),
		finiteVerbs: set("is was are were has have had do does did will would can could should must may might shall " +
			"isn't wasn't aren't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't can't couldn't shouldn't " +
			"came went gave took made won lost got held put left ran brought began became kept sent spent stood fell met paid " +
			"led built chose drove broke wore beat bought caught fought hit let set shot struck threw sat rose"),
		beForms:     set("is was are were be been being isn't wasn't aren't weren't"),
		clauseBreak: set("and but or while whereas because although though as if since after before that ; :"),
		cueTails:    set("in on at during via through"),
		quantities: set("half most all both few more many some none several three-quarters two-thirds majority others other " +
			"one two three four five six seven eight nine ten dozens hundreds thousands millions"),
		prepositions: set("in on at upon after before during for with despite following since from by amid"),
		findingSources: set("poll polls survey surveys study studies report reports analysis research researchers data results " +
			"figures numbers review investigation audit investigators scientists economists census tally count " +
			"records documents filings files statistics estimates projections"),
		timeWords: set("monday tuesday wednesday thursday friday saturday sunday january february march april may june july " +
			"august september october november december jan. feb. aug. sept. oct. nov. dec. yesterday today tonight"),
		people: set("officials official experts analysts aides advisers advisors sources lawmakers legislators observers critics " +
			"supporters opponents residents voters witnesses police authorities investigators prosecutors strategists economists " +
			"researchers scientists spokesman spokeswoman spokesperson officers leaders organizers activists diplomats historians " +
			"scholars pollsters operatives insiders donors delegates staffers aides executives attorneys lawyers republicans democrats " +
			"conservatives liberals advocates members participants respondents attendees protesters demonstrators " +
			"specialists professionals consultants commentators pundits journalists reporters editors students teachers " +
			"workers employees parents families citizens people women men friends allies rivals candidates senators " +
			"governors mayors judges justices others americans independents moderates evangelicals millennials " +
			"analyst expert aide adviser advisor source lawmaker legislator observer critic supporter opponent resident " +
			"voter witness prosecutor strategist economist researcher scientist leader organizer activist diplomat " +
			"historian scholar pollster operative insider donor delegate staffer executive attorney lawyer member " +
			"rival spokesperson consultant commentator journalist official"),
		timeUnits: set("week month year night weekend morning evening afternoon spring summer fall autumn winter"),
		sentenceAdverbs: set("though however meanwhile too also instead moreover nonetheless nevertheless then still indeed furthermore likewise similarly separately meantime " +
			"additionally finally earlier later previously currently notably importantly ultimately initially overall specifically consequently accordingly subsequently recently"),
	},
}

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range splitFields(s) {
		m[w] = true
	}
	return m
}

func splitFields(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}

// gender is what a pronoun says about its antecedent.
type gender uint8

const (
	unknownGender gender = iota
	male
	female
	plural
	neuter
)

// genderWords tell a person's gender from the words around the name.
var genderWords = map[string]map[string]gender{
	"en": {
		"he": male, "his": male, "him": male, "himself": male, "mr": male, "mr.": male, "sir": male,
		"she": female, "her": female, "hers": female, "herself": female, "ms": female, "ms.": female,
		"mrs": female, "mrs.": female, "miss": female, "madam": female, "dame": female,
	},
}

// cueTablesFor returns the tables of a language, falling  to English
// (most of the corpus, and the cue words of a language without a table are
// unknown anyway).
func cueTablesFor(lang string) (map[string]cueKind, *langWords, map[string]gender) {
	c, w, g, _, _ := allCueTablesFor(lang)
	return c, w, g
}

// allCueTablesFor adds the cues other than speech and the two-word cues.
func allCueTablesFor(lang string) (map[string]cueKind, *langWords, map[string]gender, map[string]otherCue, map[string]map[string]otherCue) {
	if len(lang) > 2 {
		lang = lang[:2]
	}
	if _, ok := cueTable[lang]; !ok || words[lang] == nil {
		lang = "en"
	}
	return cueTable[lang], words[lang], genderWords[lang], otherCues[lang], cuePhrases[lang]
}
