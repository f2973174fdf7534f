package boilerplate

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// agency is one news agency of the gazetteer: the name WireCredit returns and
// the spellings that stand for it in credit lines and datelines.
type agency struct {
	name    string
	aliases []string
}

// agencies is a gazetteer of news agencies whose copy other outlets run. The
// aliases are matched as whole words; short all-capital ones ("AP", "PTI")
// only in the upper-case spelling so that ordinary words are not taken for
// agencies.
var agencies = []agency{
	{"AP", []string{"AP", "Associated Press", "The Associated Press"}},
	{"AFP", []string{"AFP", "Agence France-Presse", "Agence France Presse"}},
	{"Reuters", []string{"Reuters", "REUTERS", "Thomson Reuters"}},
	{"IANS", []string{"IANS", "Indo-Asian News Service"}},
	{"PTI", []string{"PTI", "Press Trust of India"}},
	{"ANI", []string{"ANI", "Asian News International"}},
	{"UNI", []string{"UNI", "United News of India"}},
	{"UPI", []string{"UPI", "United Press International"}},
	{"dpa", []string{"dpa", "DPA", "Deutsche Presse-Agentur"}},
	{"EFE", []string{"EFE", "Agencia EFE"}},
	{"ANSA", []string{"ANSA"}},
	{"Xinhua", []string{"Xinhua", "XINHUA"}},
	{"TASS", []string{"TASS", "ITAR-TASS"}},
	{"RIA Novosti", []string{"RIA Novosti", "RIA"}},
	{"Interfax", []string{"Interfax"}},
	{"Kyodo", []string{"Kyodo", "Kyodo News"}},
	{"Jiji", []string{"Jiji", "Jiji Press"}},
	{"Yonhap", []string{"Yonhap"}},
	{"Anadolu", []string{"Anadolu", "Anadolu Agency", "AA"}},
	{"BelTA", []string{"BelTA", "BELTA", "Belta"}},
	{"Ukrinform", []string{"Ukrinform"}},
	{"UNIAN", []string{"UNIAN"}},
	{"Bernama", []string{"Bernama", "BERNAMA"}},
	{"Antara", []string{"Antara"}},
	{"PA", []string{"PA Media", "Press Association"}},
	{"CP", []string{"The Canadian Press", "Canadian Press"}},
	{"AAP", []string{"AAP", "Australian Associated Press"}},
	{"APA", []string{"APA", "Austria Presse Agentur"}},
	{"SDA", []string{"Keystone-SDA", "SDA"}},
	{"KNA", []string{"KNA"}},
	{"epd", []string{"epd"}},
	{"Belga", []string{"Belga"}},
	{"ANP", []string{"ANP"}},
	{"Lusa", []string{"Lusa", "LUSA"}},
	{"Europa Press", []string{"Europa Press"}},
	{"NTB", []string{"NTB"}},
	{"TT", []string{"TT Nyhetsbyrån"}},
	{"Ritzau", []string{"Ritzau"}},
	{"STT", []string{"STT"}},
	{"PAP", []string{"PAP", "Polska Agencja Prasowa"}},
	{"ČTK", []string{"ČTK", "CTK"}},
	{"MTI", []string{"MTI"}},
	{"Agerpres", []string{"Agerpres"}},
	{"BTA", []string{"BTA"}},
	{"Tanjug", []string{"Tanjug"}},
	{"HINA", []string{"HINA", "Hina"}},
	{"ANA-MPA", []string{"ANA-MPA", "AMNA"}},
	{"Ukrinform", []string{"Ukrinform"}},
	{"Sputnik", []string{"Sputnik"}},
	{"IRNA", []string{"IRNA"}},
	{"WAFA", []string{"WAFA"}},
	{"MENA", []string{"MENA"}},
	{"SPA", []string{"Saudi Press Agency"}},
	{"WAM", []string{"WAM"}},
	{"KUNA", []string{"KUNA"}},
	{"QNA", []string{"QNA"}},
	{"APP", []string{"Associated Press of Pakistan"}},
	{"BSS", []string{"BSS"}},
	{"NNA", []string{"National News Agency"}},
	{"KCNA", []string{"KCNA"}},
	{"CNA", []string{"Central News Agency"}},
	{"Notimex", []string{"Notimex"}},
	{"Télam", []string{"Télam", "Telam"}},
	{"Agência Brasil", []string{"Agência Brasil", "Agencia Brasil"}},
	{"Prensa Latina", []string{"Prensa Latina"}},
	{"NAN", []string{"News Agency of Nigeria"}},
	{"SAPA", []string{"SAPA"}},
	{"Bloomberg", []string{"Bloomberg"}},
	{"Dow Jones", []string{"Dow Jones Newswires"}},
}

// mentionsAgency is WireCredit's cheap prefilter: most lines name no agency
// at all, and substring search is far cheaper than the credit patterns.
func mentionsAgency(line string) bool {
	for _, al := range agencyAliases {
		if strings.Contains(line, al) {
			return true
		}
	}
	return false
}

// agencyPattern matches any agency alias as a whole word; agencyByAlias maps
// an alias back to the agency's name.
var (
	agencyPattern string
	agencyByAlias = map[string]string{}
	// agencyAliases are agencyByAlias's keys, for mentionsAgency: a slice
	// is cheaper to walk than a map on every line.
	agencyAliases []string
)

func init() {
	var alts []string
	seen := map[string]bool{}
	for _, a := range agencies {
		for _, al := range a.aliases {
			if seen[al] {
				continue
			}
			seen[al] = true
			agencyByAlias[al] = a.name
			agencyAliases = append(agencyAliases, al)
			alts = append(alts, regexp.QuoteMeta(al))
		}
	}
	// Longer aliases first so "Associated Press" wins over "AP".
	sortByLengthDesc(alts)
	agencyPattern = `(` + strings.Join(alts, `|`) + `)`
	for i, src := range creditSources {
		creditPatterns[i] = regexp.MustCompile(strings.ReplaceAll(src, `AGENCY`, agencyPattern))
	}
}

func sortByLengthDesc(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && len(s[j]) > len(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// creditSources are the shapes of wire credits and wire datelines; AGENCY
// stands for the alternation of agency aliases (captured as group 1 of it).
// Agency names are matched case-sensitively: "ap" or "ani" in running text
// are not credits.
var creditSources = []string{
	// "With IANS inputs", "With inputs from PTI, Reuters", "(With AFP inputs)".
	`^\(?\s*(?i:with)\s+(?:(?i:inputs?)\s+(?i:from)\s+)?(?:(?i:the)\s+)?AGENCY(?:\s*(?:,|/|&|(?i:and))\s*(?:(?i:the)\s+)?AGENCY)*\s*(?:(?i:inputs?|agencies|reports?))?\s*\)?\s*\.?$`,
	// "Reuters contributed to this report", "The Associated Press contributed reporting".
	`^(?:(?i:the)\s+)?AGENCY\b.{0,80}\b(?i:contributed|contributing)\b`,
	// "Additional reporting by Reuters", "Reporting by ... for AFP".
	`^(?i:additional\s+)?(?i:reporting|writing|editing)\s+(?i:by)\b.{0,120}\bAGENCY\b`,
	// "(Reuters) -" "(AP) —" opening a wire story, possibly after a place and
	// date: "LONDON, Dec. 3 (Reuters) -", "Vilnius, December 14 (IANS) Belarus".
	`^[^()!?]{0,60}\(AGENCY\)\s*(?:[-–—:]|$|\p{Lu})`,
	// "By AFP", "Source: Reuters", "Agencies/AP", "— AP".
	`^(?:(?i:by|source|sources|quelle|source\s*:|fuente|fonte|bron|источник)\s*:?\s*|[-–—]\s*)(?:(?i:the)\s+)?AGENCY\s*\.?$`,
	// A bare agency name or "AP/Reuters" on its own line.
	`^\(?(?:(?i:the)\s+)?AGENCY(?:\s*(?:/|,|and|&)\s*AGENCY)*\)?\s*\.?$`,
	// "Photo: AP", "AP Photo/...": a photo credit naming an agency.
	`^(?i:photo|image|foto|bild|фото)\s*(?:credit)?\s*:?\s*AGENCY\b`,
	`^AGENCY\s+(?i:photo|file photo)\b`,
}

var creditPatterns = make([]*regexp.Regexp, len(creditSources))

// creditPrefixBytes is how much of a line WireCredit reads: a credit line is
// short and a dateline opens its paragraph.
const creditPrefixBytes = 300

// WireCredit recognises a line that credits a news agency — a credit line
// ("With IANS inputs", "Reuters contributed to this report", "(AP)") or a
// wire dateline opening a story ("Vilnius, December 14 (IANS) Belarus has
// …", "LONDON (Reuters) -") — and returns the agency's name as the gazetteer
// spells it (an agency it does not know, in the strong shapes only, as the
// line spells it). Mentions of an agency in running text ("AP reported that …")
// are not credits.
func WireCredit(line string) (agency string, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" {
		return "", false
	}
	// Every shape is anchored at the line's start and none spans more than
	// a short prefix, so long paragraphs are matched on their opening only.
	if len(line) > creditPrefixBytes {
		cut := creditPrefixBytes
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = line[:cut]
	}
	if !mentionsAgency(line) {
		return unknownAgencyCredit(line)
	}
	for _, re := range creditPatterns {
		m := re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, g := range m[1:] {
			if name, ok := agencyByAlias[g]; ok {
				return name, true
			}
		}
	}
	return unknownAgencyCredit(line)
}

// unknownCreditPatterns are the credit shapes strong enough to name an agency
// the gazetteer does not know (a regional agency, a syndicate): the words
// "with … inputs" around a capitalised name, a wire dateline whose
// parenthesised tag is an all-capital acronym followed by a dash, and a
// byline that is only an acronym. Weaker shapes (a bare name on a line) need
// a known agency.
var unknownCreditPatterns = []*regexp.Regexp{
	regexp.MustCompile(`^\(?\s*(?i:with)\s+(?:(?i:inputs?)\s+(?i:from)\s+)?(?:(?i:the)\s+)?(\p{Lu}[\p{L}&.\-]{1,24}(?:\s+\p{Lu}[\p{L}&.\-]*){0,3})\s+(?i:inputs?)\s*\)?\s*\.?$`),
	regexp.MustCompile(`^[^()!?]{0,60}\((\p{Lu}{2,6})\)\s*[-–—]`),
	regexp.MustCompile(`^(?i:by)\s+(\p{Lu}{2,6})\s*\.?$`),
}

func unknownAgencyCredit(line string) (string, bool) {
	for _, re := range unknownCreditPatterns {
		if m := re.FindStringSubmatch(line); m != nil {
			return m[1], true
		}
	}
	return "", false
}
