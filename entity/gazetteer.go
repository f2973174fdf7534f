package entity

import "strings"

// The gazetteers below are assembled from public facts: country names with
// their common short forms, demonyms and capitals; major international and
// national organisations with their acronyms; honorifics and titles; and the
// words that mark an organisation or a role. Nothing here names a person.

// placeEntry is one place: its canonical name, the other names it goes by,
// its demonyms (adjective first, plural nouns after) and its capital.
type placeEntry struct {
	name    string
	aliases []string
	demonym []string
	capital string
}

// places lists sovereign states and a few other territories, their aliases,
// demonyms and capitals.
var places = []placeEntry{
	{"United States", []string{"US", "U.S.", "USA", "U.S.A.", "United States of America", "America"}, []string{"American", "Americans"}, "Washington"},
	{"United Kingdom", []string{"UK", "U.K.", "Britain", "Great Britain"}, []string{"British", "Briton", "Britons"}, "London"},
	{"Russia", []string{"Russian Federation"}, []string{"Russian", "Russians"}, "Moscow"},
	{"Belarus", []string{"Republic of Belarus", "Byelorussia", "Belorussia"}, []string{"Belarusian", "Belarusians", "Belarussian", "Belorussian"}, "Minsk"},
	{"Ukraine", nil, []string{"Ukrainian", "Ukrainians"}, "Kyiv"},
	{"China", []string{"People's Republic of China", "PRC"}, []string{"Chinese"}, "Beijing"},
	{"North Korea", []string{"DPRK", "Democratic People's Republic of Korea"}, []string{"North Korean", "North Koreans"}, "Pyongyang"},
	{"South Korea", []string{"Republic of Korea", "ROK"}, []string{"South Korean", "South Koreans"}, "Seoul"},
	{"Japan", nil, []string{"Japanese"}, "Tokyo"},
	{"Germany", nil, []string{"German", "Germans"}, "Berlin"},
	{"France", nil, []string{"French"}, "Paris"},
	{"Italy", nil, []string{"Italian", "Italians"}, "Rome"},
	{"Spain", nil, []string{"Spanish", "Spaniards"}, "Madrid"},
	{"Portugal", nil, []string{"Portuguese"}, "Lisbon"},
	{"Poland", nil, []string{"Polish", "Poles"}, "Warsaw"},
	{"Lithuania", nil, []string{"Lithuanian", "Lithuanians"}, "Vilnius"},
	{"Latvia", nil, []string{"Latvian", "Latvians"}, "Riga"},
	{"Estonia", nil, []string{"Estonian", "Estonians"}, "Tallinn"},
	{"Finland", nil, []string{"Finnish", "Finns"}, "Helsinki"},
	{"Sweden", nil, []string{"Swedish", "Swedes"}, "Stockholm"},
	{"Norway", nil, []string{"Norwegian", "Norwegians"}, "Oslo"},
	{"Denmark", nil, []string{"Danish", "Danes"}, "Copenhagen"},
	{"Netherlands", []string{"Holland"}, []string{"Dutch"}, "Amsterdam"},
	{"Belgium", nil, []string{"Belgian", "Belgians"}, "Brussels"},
	{"Austria", nil, []string{"Austrian", "Austrians"}, "Vienna"},
	{"Switzerland", nil, []string{"Swiss"}, "Bern"},
	{"Ireland", nil, []string{"Irish"}, "Dublin"},
	{"Greece", nil, []string{"Greek", "Greeks"}, "Athens"},
	{"Turkey", []string{"Türkiye"}, []string{"Turkish", "Turks"}, "Ankara"},
	{"Czech Republic", []string{"Czechia"}, []string{"Czech", "Czechs"}, "Prague"},
	{"Slovakia", nil, []string{"Slovak", "Slovaks"}, "Bratislava"},
	{"Hungary", nil, []string{"Hungarian", "Hungarians"}, "Budapest"},
	{"Romania", nil, []string{"Romanian", "Romanians"}, "Bucharest"},
	{"Bulgaria", nil, []string{"Bulgarian", "Bulgarians"}, "Sofia"},
	{"Serbia", nil, []string{"Serbian", "Serbs"}, "Belgrade"},
	{"Croatia", nil, []string{"Croatian", "Croats"}, "Zagreb"},
	{"Moldova", nil, []string{"Moldovan", "Moldovans"}, "Chisinau"},
	{"Georgia", nil, []string{"Georgian", "Georgians"}, "Tbilisi"},
	{"Armenia", nil, []string{"Armenian", "Armenians"}, "Yerevan"},
	{"Azerbaijan", nil, []string{"Azerbaijani", "Azerbaijanis"}, "Baku"},
	{"Kazakhstan", nil, []string{"Kazakh", "Kazakhs"}, "Astana"},
	{"Iran", []string{"Islamic Republic of Iran"}, []string{"Iranian", "Iranians"}, "Tehran"},
	{"Iraq", nil, []string{"Iraqi", "Iraqis"}, "Baghdad"},
	{"Syria", nil, []string{"Syrian", "Syrians"}, "Damascus"},
	{"Lebanon", nil, []string{"Lebanese"}, "Beirut"},
	{"Israel", nil, []string{"Israeli", "Israelis"}, "Jerusalem"},
	{"Egypt", nil, []string{"Egyptian", "Egyptians"}, "Cairo"},
	{"Saudi Arabia", nil, []string{"Saudi", "Saudis"}, "Riyadh"},
	{"Qatar", nil, []string{"Qatari", "Qataris"}, "Doha"},
	{"United Arab Emirates", []string{"UAE", "U.A.E."}, []string{"Emirati", "Emiratis"}, "Abu Dhabi"},
	{"Yemen", nil, []string{"Yemeni", "Yemenis"}, "Sanaa"},
	{"Afghanistan", nil, []string{"Afghan", "Afghans"}, "Kabul"},
	{"Pakistan", nil, []string{"Pakistani", "Pakistanis"}, "Islamabad"},
	{"India", nil, []string{"Indian", "Indians"}, "New Delhi"},
	{"Bangladesh", nil, []string{"Bangladeshi", "Bangladeshis"}, "Dhaka"},
	{"Vietnam", nil, []string{"Vietnamese"}, "Hanoi"},
	{"Thailand", nil, []string{"Thai"}, "Bangkok"},
	{"Indonesia", nil, []string{"Indonesian", "Indonesians"}, "Jakarta"},
	{"Philippines", nil, []string{"Filipino", "Filipinos"}, "Manila"},
	{"Taiwan", nil, []string{"Taiwanese"}, "Taipei"},
	{"Australia", nil, []string{"Australian", "Australians"}, "Canberra"},
	{"New Zealand", nil, []string{"New Zealander", "New Zealanders"}, "Wellington"},
	{"Canada", nil, []string{"Canadian", "Canadians"}, "Ottawa"},
	{"Mexico", nil, []string{"Mexican", "Mexicans"}, "Mexico City"},
	{"Cuba", nil, []string{"Cuban", "Cubans"}, "Havana"},
	{"Venezuela", nil, []string{"Venezuelan", "Venezuelans"}, "Caracas"},
	{"Colombia", nil, []string{"Colombian", "Colombians"}, "Bogota"},
	{"Brazil", nil, []string{"Brazilian", "Brazilians"}, "Brasilia"},
	{"Argentina", nil, []string{"Argentine", "Argentinian", "Argentines"}, "Buenos Aires"},
	{"Chile", nil, []string{"Chilean", "Chileans"}, "Santiago"},
	{"Peru", nil, []string{"Peruvian", "Peruvians"}, "Lima"},
	{"Guatemala", nil, []string{"Guatemalan", "Guatemalans"}, "Guatemala City"},
	{"Honduras", nil, []string{"Honduran", "Hondurans"}, "Tegucigalpa"},
	{"El Salvador", nil, []string{"Salvadoran", "Salvadorans"}, "San Salvador"},
	{"Nicaragua", nil, []string{"Nicaraguan", "Nicaraguans"}, "Managua"},
	{"Panama", nil, []string{"Panamanian"}, ""},
	{"Costa Rica", nil, nil, ""},
	{"Haiti", nil, []string{"Haitian"}, ""},
	{"Jamaica", nil, []string{"Jamaican"}, ""},
	{"Uruguay", nil, nil, ""},
	{"Paraguay", nil, nil, ""},
	{"South Africa", nil, []string{"South African", "South Africans"}, "Pretoria"},
	{"Nigeria", nil, []string{"Nigerian", "Nigerians"}, "Abuja"},
	{"Kenya", nil, []string{"Kenyan", "Kenyans"}, "Nairobi"},
	{"Ethiopia", nil, []string{"Ethiopian", "Ethiopians"}, "Addis Ababa"},
	{"Sudan", nil, []string{"Sudanese"}, "Khartoum"},
	{"Libya", nil, []string{"Libyan", "Libyans"}, "Tripoli"},
	{"Tunisia", nil, []string{"Tunisian", "Tunisians"}, "Tunis"},
	{"Algeria", nil, []string{"Algerian", "Algerians"}, "Algiers"},
	{"Morocco", nil, []string{"Moroccan", "Moroccans"}, "Rabat"},
}

// seatsOfGovernment are buildings or streets whose name stands for a
// country's government when used as an actor ("the Kremlin said").
var seatsOfGovernment = map[string]string{
	"White House":    "United States",
	"Kremlin":        "Russia",
	"Downing Street": "United Kingdom",
	"Elysee":         "France",
	"Elysee Palace":  "France",
	"Blue House":     "South Korea",
	"Zhongnanhai":    "China",
}

// vesselPrefixes are the ship prefixes written before a vessel's name
// (MV Sokol, HMS Victory): a name they begin is a vessel's, never a person's.
var vesselPrefixes = set(`mv ms ss hms uss rv mt fv hmcs hmas ins rms sv my`)

// numberWords spell numbers; a capitalised one starts a sentence, it is no name.
var numberWords = set(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand
thousands million millions dozen dozens half`)

// leadVerbs are verbs that begin an imperative line or a sentence and are
// capitalised only for that: "Follow X on Telegram", "Read more".
var leadVerbs = set(`follow read watch listen subscribe sign click share join contact see send email download visit get
like support donate register login log tap swipe scroll`)

// honorifics are titles of address that say nothing about a person's role;
// they mark a name as a person's but are not reported as roles.
var honorifics = set(`mr mrs ms miss mx messrs mme mlle m herr frau sir dame`)

// placeFirstWords begin the name of a place: Lake Orlava, Mount Etna.
var placeFirstWords = set(`lake mount mt cape fort port gulf bay isle island river sierra puerto rio lago monte
playa bahia isla cerro villa`)

// placeNames lists capitals and large cities, US states and regions.
var placeNames = strings.Fields(`Washington Moscow Minsk Kyiv Kiev Vilnius Warsaw Riga Tallinn Helsinki Stockholm Oslo
Copenhagen Berlin Paris London Brussels Amsterdam Vienna Prague Budapest Bucharest Sofia Belgrade Zagreb Athens
Rome Madrid Lisbon Dublin Bern Geneva Zurich Ankara Istanbul Tbilisi Yerevan Baku Astana Tashkent Tehran Baghdad
Damascus Beirut Amman Jerusalem Cairo Riyadh Doha Dubai Kabul Islamabad Delhi Mumbai Dhaka Beijing Shanghai
Tokyo Seoul Pyongyang Bangkok Hanoi Jakarta Manila Taipei Canberra Sydney Ottawa Toronto Havana Caracas
Bogota Brasilia Lima Santiago Nairobi Lagos Pretoria Johannesburg Khartoum Tripoli Tunis Algiers Rabat Addis
Kharkiv Odesa Odessa Lviv Donetsk Luhansk Mariupol Kherson Zaporizhzhia Dnipro Bakhmut Grodno Hrodna Gomel Homel
Brest Vitebsk Mogilev Chisinau Sevastopol Petersburg Singapore Florida Texas California Alabama Alaska Arizona
Arkansas Colorado Connecticut Delaware Georgia Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine
Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
Pennsylvania Tennessee Utah Vermont Virginia Wisconsin Wyoming Chicago Boston Philadelphia Houston Dallas Atlanta
Miami Seattle Denver Detroit Baltimore Tijuana Brooklyn Manhattan Pentagon Kremlin Strasbourg Hague Davos Gdansk
Krakow Munich Frankfurt Hamburg Milan Naples Barcelona Marseille Lyon Kaliningrad Siberia Caucasus Balkans Baltic
Donbas Donbass Chechnya Dagestan Belgorod Kursk Kazan Novosibirsk Vladivostok Sochi Volgograd Mosul Aleppo Idlib
Raqqa Basra Kandahar Karachi Lahore Kashmir Hiroshima Osaka Kyoto Busan Guangzhou Shenzhen Wuhan Xinjiang Macau`)

// multiPlaces are places of more than one word not already listed.
var multiPlaces = []string{"New York", "New York City", "Los Angeles", "San Francisco", "San Diego", "Las Vegas",
	"New Jersey", "New Mexico", "North Carolina", "South Carolina", "North Dakota", "South Dakota", "West Virginia",
	"Rhode Island", "New Hampshire", "Washington D.C.", "St. Petersburg", "Saint Petersburg", "New Delhi", "Abu Dhabi",
	"Tel Aviv", "Buenos Aires", "Mexico City", "Rio de Janeiro", "Sao Paulo", "Cape Town", "Kuala Lumpur",
	"Hanoi", "Palm Beach", "West Palm Beach", "Capitol Hill", "Eastern Europe", "Western Europe", "Central Asia",
	"Persian Gulf", "Black Sea", "Baltic Sea", "South China Sea", "Korean Peninsula", "Silicon Valley", "Wall Street",
	"Downing Street", "Red Square", "Strait of Hormuz", "Golan Heights"}

// orgEntry is an organisation: its long form and its acronyms or short forms.
type orgEntry struct {
	name    string
	aliases []string
}

var orgs = []orgEntry{
	{"United Nations", []string{"UN", "U.N."}},
	{"European Union", []string{"EU", "E.U."}},
	{"North Atlantic Treaty Organization", []string{"NATO", "Nato"}},
	{"European Commission", nil},
	{"European Parliament", nil},
	{"Council of Europe", nil},
	{"Organization for Security and Co-operation in Europe", []string{"OSCE"}},
	{"International Monetary Fund", []string{"IMF"}},
	{"World Bank", nil},
	{"World Health Organization", []string{"WHO"}},
	{"World Trade Organization", []string{"WTO"}},
	{"International Atomic Energy Agency", []string{"IAEA"}},
	{"International Criminal Court", []string{"ICC"}},
	{"International Court of Justice", []string{"ICJ"}},
	{"International Committee of the Red Cross", []string{"ICRC", "Red Cross"}},
	{"Amnesty International", []string{"Amnesty"}},
	{"Human Rights Watch", []string{"HRW"}},
	{"Reporters Without Borders", []string{"RSF"}},
	{"Security Council", []string{"UN Security Council", "U.N. Security Council", "UNSC"}},
	{"United Nations High Commissioner for Refugees", []string{"UNHCR"}},
	{"UNICEF", nil},
	{"UNESCO", nil},
	{"Group of Seven", []string{"G7", "G-7"}},
	{"Group of Twenty", []string{"G20", "G-20"}},
	{"Organization of the Petroleum Exporting Countries", []string{"OPEC"}},
	{"African Union", []string{"AU"}},
	{"Association of Southeast Asian Nations", []string{"ASEAN"}},
	{"Federal Bureau of Investigation", []string{"FBI", "F.B.I."}},
	{"Central Intelligence Agency", []string{"CIA", "C.I.A."}},
	{"National Security Agency", []string{"NSA", "N.S.A."}},
	{"Department of Justice", []string{"Justice Department", "DOJ"}},
	{"Department of State", []string{"State Department"}},
	{"Department of Homeland Security", []string{"Homeland Security", "DHS"}},
	{"Department of Defense", []string{"Defense Department", "DoD"}},
	{"Treasury Department", []string{"Department of the Treasury", "U.S. Treasury", "Treasury"}},
	{"Democratic National Committee", []string{"DNC", "D.N.C."}},
	{"Republican National Committee", []string{"RNC", "R.N.C."}},
	{"Democratic Party", []string{"Democrats"}},
	{"Republican Party", []string{"Republicans", "GOP", "G.O.P."}},
	{"White House", nil},
	{"Congress", nil},
	{"Senate", nil},
	{"House of Representatives", nil},
	{"Supreme Court", nil},
	{"Federal Reserve", []string{"Fed"}},
	{"Immigration and Customs Enforcement", []string{"ICE"}},
	{"Customs and Border Protection", []string{"CBP"}},
	{"Environmental Protection Agency", []string{"EPA"}},
	{"Securities and Exchange Commission", []string{"SEC"}},
	{"Federal Security Service", []string{"FSB"}},
	{"KGB", nil},
	{"State Security Committee", []string{"KGB"}},
	{"Islamic Revolutionary Guard Corps", []string{"IRGC", "Revolutionary Guards"}},
	{"Hamas", nil},
	{"Hezbollah", nil},
	{"Taliban", nil},
	{"Islamic State", []string{"ISIS", "ISIL", "IS"}},
	{"al-Qaeda", []string{"Al Qaeda", "al-Qaida"}},
	{"Associated Press", []string{"AP"}},
	{"Reuters", nil},
	{"Agence France-Presse", []string{"AFP"}},
	{"BBC", []string{"British Broadcasting Corporation"}},
	{"CNN", nil},
	{"Bloomberg", nil},
	{"Interfax", nil},
	{"TASS", nil},
	{"Xinhua", nil},
	{"Al Jazeera", nil},
	{"Radio Free Europe/Radio Liberty", []string{"RFE/RL"}},
	{"Nobel Committee", []string{"Norwegian Nobel Committee"}},
	{"Kremlin", nil},
	{"Pentagon", nil},
	{"Google", nil},
	{"Apple", nil},
	{"Microsoft", nil},
	{"Facebook", []string{"Meta"}},
	{"Twitter", nil},
	{"Telegram", nil},
	{"WikiLeaks", nil},
}

// personTitles are words and abbreviations that, before a name, say it is a
// person's. Lower-case matching form, dots removed.
var personTitles = set(`mr mrs ms miss dr prof sir dame lord lady president vice premier chancellor minister
secretary senator sen rep representative congressman congresswoman gov governor mayor judge justice king queen
prince princess pope cardinal bishop archbishop rabbi imam sheikh sheik ayatollah emir sultan general gen lt col
colonel maj major capt captain sgt sergeant adm admiral cmdr commander marshal gov. ambassador envoy spokesman
spokeswoman spokesperson chairman chairwoman chair ceo director chief leader officer agent detective lieutenant
coach speaker attorney prosecutor counsel father mother brother sister dr. private corporal`)

// strongTitles are the titles that never begin an organisation name.
var strongTitles = set(`mr mrs ms miss dr prof sir dame president premier chancellor senator sen rep representative
congressman congresswoman gov governor mayor judge king queen prince princess pope cardinal bishop archbishop rabbi
imam sheikh sheik ayatollah emir sultan gen lt col colonel maj capt sgt adm cmdr ambassador envoy spokesman
spokeswoman spokesperson lady lord`)

// roleHeads are nouns that end a role phrase ("opposition leader", "special
// envoy", "Nobel laureate").
var roleHeads = set(`leader president envoy minister secretary spokesman spokeswoman spokesperson activist laureate
director chief head official ambassador chairman chairwoman chair ceo founder member lawyer attorney adviser advisor
analyst candidate governor mayor senator lawmaker legislator representative congressman congresswoman diplomat
journalist reporter editor correspondent commander general officer prosecutor judge justice premier chancellor
king queen prince princess pope cardinal bishop rabbi imam cleric emir sultan dictator ruler strongman politician
opponent critic dissident prisoner detainee figure campaigner blogger writer author economist professor scientist
researcher expert historian executive manager owner businessman businesswoman tycoon billionaire oligarch banker
coordinator organizer organiser negotiator mediator representative deputy aide staffer counsel advocate defender
economist wife husband lady son daughter brother sister father mother widow partner ally rival successor predecessor
nominee challenger incumbent colonel captain lieutenant sergeant admiral marshal soldier pilot master
student teacher doctor nurse spokesperson commissioner inspector investigator strategist pollster consultant
director-general secretary-general vice-president`)

// orgHeads are words that make a capitalised name an organisation's.
var orgHeads = set(`ministry agency department party council committee court university bank ltd inc corp corporation
company co group association union organization organisation commission institute foundation service office army
navy police news times post guard guards assembly parliament senate congress federation front movement church
academy school college museum centre center fund board bureau authority administration government cabinet
tribunal network channel radio television tv press journal gazette herald tribune telegraph daily weekly
alliance coalition league society club team forces force ministry airlines airways holdings industries
systems technologies labs laboratories hospital prison commission directorate secretariat duma rada sejm
politics media messaging strategies partners consulting communications magazine studios productions
bundestag knesset inc. llc plc gmbh ag sa nv foundation trust initiative watch international headquarters
hq staff command excursiones excursions tours travel lines shipping ferries cruises logistics
transport transportes motors viajes turismo online media magazine digital`)

// functionWords are capitalised only because they begin a sentence.
var functionWords = set(`a an the this that these those it its he she they we i you his her their our my your
in on at to from of for by with about after before during since until while when where why how what which who
whom whose if but and or nor so yet as than then there here also still even just only not no yes all some any
each every both either neither many much more most few several other another such one two three four five six
seven eight nine ten first second third last next new old however meanwhile although though because despite
according among amid under over into onto through between against without within across along around behind
beyond near toward towards upon via per is are was were be been being has have had do does did will would
shall should can could may might must let let's i'm it's there's that's what's we're they're you're he's she's
now today yesterday tomorrow tonight earlier later once again instead thus hence therefore indeed perhaps
maybe already never always often sometimes mr mrs ms dr meanwhile overall moreover furthermore nevertheless
asked told said says speaking following including excluding regarding concerning given despite unlike like
following sources officials critics supporters analysts observers experts residents people many`)

// notNames are capitalised words that are not names of people, organisations
// or places: days, months, and other calendar words.
var notNames = set(`monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december i god internet web covid covid-19 coronavirus christmas easter
ramadan eid am pm a.m. p.m. ok okay tv op-ed jan feb mar apr jun jul aug sep sept oct nov dec i'm i’m you're you’re
we're we’re they're they’re it's it’s i've i’ve i'll i’ll i'd i’d you've you’ve we've we’ve that's that’s oops`)

// connectors may join the capitalised words of one name.
var connectors = set(`of for and de del della di da dos das du des van von der den le la al el bin ibn bint ben abu y e-
on the`)

// particles are lower-case name particles that belong to a person's name.
var particles = set(`de del della di da dos das du des van von der den le la al el bin ibn bint ben abu ter ten zu`)

// givenNames are common given names from many languages; a capitalised word
// in this list makes the sequence it begins a person's name.
var givenNames = set(`john james robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank
patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah
jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy
joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
philip louis mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura
cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel
carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan
evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice
jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie
brittany charlotte marie kayla alexis lori hillary bill mike jim tom bob dick ted ron rick nick chris tony steve
dan ben sam joe jeff greg matt pat ivanka melania jared rudy rex nikki kellyanne sean mitch chuck nancy kamala
vladimir dmitry dmitri sergei sergey sergiy serhiy siarhei alexei aleksei alexey oleksiy aliaksei ales alyaksandr
aliaksandr aleksandr oleksandr mikhail mykhailo mikhail ivan igor ihor yuri yury yuriy viktor victor nikolai
mykola mikalai andrei andrey andriy andrii pavel pavlo pavel anatoly boris gennady oleg roman ruslan maxim maksim
artem artyom denis evgeny yevgeny yevhen konstantin leonid valery valeriy vitaly vitali vitaliy vyacheslav
yaroslav stanislav vadim kirill petr petro pyotr fyodor grigory hryhoriy arkady semyon timur ramzan svetlana
sviatlana tatiana tatyana tetiana olga olha natalia natalya nataliya irina iryna elena olena alena alena lyudmila
ludmila galina yulia julia iuliia ekaterina yekaterina kateryna anastasia anastasiya marina maryna oksana veronika
veronica valentina ksenia xenia daria darya nadezhda nadiya larisa raisa inna vera zoya alla lyubov sofia mohammed
mohammad muhammad mohamed ahmed ahmad ali hassan hasan hussein husain omar umar abdul abdullah abdel khalid khaled
ibrahim ismail yusuf youssef mustafa mahmoud mahmud hamid rashid saeed said salman faisal fahd tariq ayman osama
usama bashar hafez hosni anwar recep ahmet mehmet kemal fatima aisha leila layla zainab yasser yahya nabil walid
shinzo fumio yoshihide
narendra rahul sonia indira rajiv imran nawaz benazir emmanuel francois jacques nicolas marine angela olaf
helmut gerhard friedrich jurgen hans klaus wolfgang heinz giorgia silvio matteo mario giuseppe pedro jose luis
carlos miguel antonio manuel javier fernando jorge ricardo andres alejandro juan pablo diego sergio rafael
lula jair nicolas hugo fidel raul evo justin jacinda scott boris theresa keir rishi liz tony gordon david
margaret jeremy nigel ursula charles josep mateusz andrzej donald lech jaroslaw viktor robert ales maia`)

func set(s string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// pluralDemonyms are the demonyms that are plural nouns: the people of a
// country, which news uses for the country acting ("the Russians hacked").
var pluralDemonyms = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range places {
		for i, d := range p.demonym {
			if i > 0 && strings.HasSuffix(d, "s") {
				m[strings.ToLower(d)] = true
			}
		}
	}
	for d := range regionDemonyms {
		if strings.HasSuffix(d, "s") {
			m[strings.ToLower(d)] = true
		}
	}
	return m
}()

// vesselNouns precede a vessel's name: "the ferry Sokol".
var vesselNouns = set(`ferry ship vessel boat tanker freighter yacht liner trawler tug barge cruiser destroyer frigate
submarine carrier steamer schooner`)

// orgNouns precede an organisation's name: "the human rights group
// Viasna", "the state news agency Belta".
var orgNouns = set(`organization organisation group agency company firm party movement association foundation
network newspaper broadcaster charity institute`)

// buildingNouns follow a name to make it a building's: "St Nicholas church".
var buildingNouns = set(`church cathedral chapel monastery abbey basilica school hospital square street bridge`)

// romanceArticles begin names of boats, bars and papers, not of people.
var romanceArticles = set(`la el le los las il les`)

// leadFunction are words that never begin a name, wherever they stand.
var leadFunction = set(`a an the at in on to from of for by with this that these those it its he she they we i you his
her their our my your and but or as if when while after before since until during anything everything nothing
something whatever whoever whichever wherever whenever anyone everyone someone anybody everybody somebody nobody`)

// cityContext are words before a capital that make it the city: "visit
// to", "capital", "mayor of".
var cityContext = set(`of visit visits visited visiting trip capital downtown central greater`)

// cityNouns follow a city's name used as a modifier: "Moscow hotel".
var cityNouns = set(`hotel hotels time area residents streets street real apartment home airport office correspondent
bureau police metro subway restaurant suburb suburbs district`)

// apposStops begin a phrase after "NAME," that is no apposition: "along with
// his wife", "as well as", "in a statement".
var apposStops = set(`along with as in at on for by from to after before while during despite including and or but
also then however said says told according`)

// maleWords and femaleWords are the honorifics, titles and role nouns that
// say a person's gender: "Mr. Trump" is not Melania Trump.
var maleWords = set(`mr messrs sir lord king prince duke emperor congressman spokesman chairman businessman
husband father son brother widower herr`)

var femaleWords = set(`mrs ms miss dame lady queen princess duchess empress madam congresswoman spokeswoman
chairwoman businesswoman wife mother daughter sister widow mme mlle frau`)

// genderOfWord returns the gender a folded word says, or "".
func genderOfWord(k string) string {
	switch {
	case maleWords[k]:
		return GenderMale
	case femaleWords[k]:
		return GenderFemale
	}
	return ""
}

// joinGender combines two readings of one person's gender: agreeing or
// one-sided readings keep the gender, conflicting ones give "?".
func joinGender(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case b == "":
		return a
	}
	return "?"
}

// nicknameOf maps the common English short forms of given names to the
// full name they stand for: news writes "Rick Gates" and "Richard Gates",
// "Bill Clinton" and "William J. Clinton" for one person. A short form
// standing for two names (Chris: Christopher, Christine) maps to none.
var nicknameOf = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(`richard: rick dick rich richie
robert: bob bobby rob robbie bert
william: bill billy will willie
james: jim jimmy jamie
michael: mike mick mickey
thomas: tom tommy
joseph: joe joey
daniel: dan danny
david: dave davey
stephen: steve
steven: steve
anthony: tony
andrew: andy drew
edward: ed eddie ted teddy ned
charles: chuck charlie chas
patrick: pat paddy
nicholas: nick nicky
samuel: sam sammy
benjamin: ben benny
alexander: alex sasha
matthew: matt
gregory: greg
jeffrey: jeff
jonathan: jon jonny
kenneth: ken kenny
lawrence: larry
ronald: ron ronnie
donald: don donnie
gerald: gerry jerry
timothy: tim timmy
frederick: fred freddie
elizabeth: liz lizzie beth betty betsy
katherine: kate katie kathy
catherine: cathy
margaret: peggy maggie meg
susan: sue susie
jennifer: jen jenny
rebecca: becky
abigail: abby
deborah: debbie deb
patricia: patty trish
victoria: vicky
alexandra: alexa`, "\n") {
		full, shorts, _ := strings.Cut(line, ":")
		for _, sh := range strings.Fields(shorts) {
			if prev, ok := m[sh]; ok && prev != full {
				m[sh] = "" // two full names: says neither
				continue
			}
			m[sh] = full
		}
	}
	return m
}()

// sameGivenName reports whether two folded given names are one name, the
// one a short form of the other or both short forms of one ("Rick",
// "Richard"; "Bill", "Will").
func sameGivenName(a, b string) bool {
	fa, fb := a, b
	if f := nicknameOf[a]; f != "" {
		fa = f
	}
	if f := nicknameOf[b]; f != "" {
		fb = f
	}
	return fa == fb && a != b
}
