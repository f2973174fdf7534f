package cluster

import (
	"slices"
	"testing"
	"time"

	"github.com/crosscheck-news/crosscheck"
	"github.com/crosscheck-news/crosscheck/language"
	"github.com/crosscheck-news/crosscheck/text"
)

// langArticle prepares an article in language lang the way the pipeline
// does: Prepare, the detected (here: given) language, then Analyze.
func langArticle(lang, id, outlet, title, body string, at time.Time) *crosscheck.Article {
	a := &crosscheck.Article{ID: id, Outlet: outlet, Title: title, Text: text.Prepare(body), Language: lang}
	a.Published = &at
	text.Analyze(a)
	return a
}

// report is one invented news article of a language set.
type report struct{ outlet, title, body string }

// langSet is, for one language, two events of the same kind in the same
// week (a1–a3 and b1–b3, each told by three outlets in their own words,
// sharing the domain's vocabulary but not its places, people or numbers)
// and one unrelated article (u1). Every text was written for this test.
type langSet struct {
	a   [3]report
	u   report
	b   [3]report
	why string // the two events, for the reader of a failure
}

// Publication times: the first event over a day and a half, the unrelated
// article in between, the second event four to five days after the first.
var langTimes = map[string]time.Duration{
	"a1": 3 * time.Hour, "a2": 12 * time.Hour, "a3": 30 * time.Hour,
	"u1": 48 * time.Hour,
	"b1": 98 * time.Hour, "b2": 106 * time.Hour, "b3": 126 * time.Hour,
}

func (s langSet) articles(lang string) []*crosscheck.Article {
	var out []*crosscheck.Article
	add := func(id string, r report) {
		out = append(out, langArticle(lang, lang+"-"+id, r.outlet, r.title, r.body, day0.Add(langTimes[id])))
	}
	for i, r := range s.a {
		add("a"+string(rune('1'+i)), r)
	}
	add("u1", s.u)
	for i, r := range s.b {
		add("b"+string(rune('1'+i)), r)
	}
	return out
}

func wantLangGroups(lang string) [][]string {
	p := lang + "-"
	return [][]string{{p + "a1", p + "a2", p + "a3"}, {p + "b1", p + "b2", p + "b3"}, {p + "u1"}}
}

var langSets = map[string]langSet{
	"de": {
		why: "two river floods: the Danube at Passau, a dike breach on the Elbe near Meißen",
		a: [3]report{
			{"Süddeutsche Rundschau", "Hochwasser in Passau: Donau steigt auf 11,2 Meter",
				"Nach tagelangem Regen ist die Donau in Passau am Montag auf 11,2 Meter gestiegen. Die Stadt ließ 2.400 Bewohner der Altstadt in Sicherheit bringen, wie Oberbürgermeisterin Karin Vollmer mitteilte.\nFeuerwehr und Technisches Hilfswerk errichteten Sandsackwälle entlang der Innpromenade.\nIn mehreren Kellern stand das Wasser bis zur Decke."},
			{"Tagesblatt Ost", "Passauer Altstadt unter Wasser – 2.400 Menschen evakuiert",
				"In Passau hat die Donau einen Pegel von 11,2 Metern erreicht und die Altstadt überflutet. Oberbürgermeisterin Vollmer sprach von der schwersten Lage seit Jahren.\nRund 2.400 Anwohner mussten ihre Wohnungen verlassen; Helfer des Technischen Hilfswerks stapelten Sandsäcke an der Innpromenade.\nDie Schulen der Stadt bleiben bis Mittwoch geschlossen."},
			{"Radio Isarwelle", "Vollmer: Passau braucht Hilfe vom Freistaat",
				"Einen Tag nach dem Höchststand der Donau hat Passaus Oberbürgermeisterin Karin Vollmer Hilfe vom Freistaat Bayern gefordert.\nDer Pegel sank am Dienstag von 11,2 auf 10,4 Meter, doch die Altstadt ist weiter nicht bewohnbar.\nDie 2.400 evakuierten Bewohner sind in Turnhallen und bei Verwandten untergebracht."},
		},
		u: report{"Kulturspiegel", "Philharmoniker eröffnen die Saison mit Mahler",
			"Mit Gustav Mahlers sechster Sinfonie haben die Berliner Philharmoniker am Freitag ihre neue Saison eröffnet.\nDirigentin Lena Hartwig wurde vom Publikum in der ausverkauften Philharmonie minutenlang gefeiert.\nDas Konzert wird am Sonntag im Radio übertragen."},
		b: [3]report{
			{"Süddeutsche Rundschau", "Deichbruch bei Meißen: Elbe überflutet Zehren",
				"Bei Meißen ist am Donnerstagmorgen ein Deich der Elbe gebrochen. Das Wasser überflutete den Ortsteil Zehren, 850 Menschen wurden mit Booten in Sicherheit gebracht, sagte Landrat Thomas Reichelt.\nDer Pegel in Meißen lag bei 7,9 Metern.\nDie Bundeswehr schickte zwei Hubschrauber."},
			{"Tagesblatt Ost", "Elbe-Hochwasser: 850 Anwohner von Zehren evakuiert",
				"Nach dem Bruch eines Elbdeichs nahe Meißen stehen in Zehren zahlreiche Häuser unter Wasser. Landrat Reichelt ordnete die Räumung des Ortes an; 850 Bewohner mussten gehen.\nSoldaten der Bundeswehr flogen mit Hubschraubern Sandsäcke an die Bruchstelle.\nDer Elbpegel in Meißen erreichte 7,9 Meter."},
			{"Radio Isarwelle", "Reichelt: Deich bei Zehren soll bis Sonntag geschlossen werden",
				"Landrat Thomas Reichelt rechnet damit, dass die Bruchstelle im Elbdeich bei Meißen bis Sonntag geschlossen ist.\nDie 850 Einwohner von Zehren dürfen frühestens nächste Woche zurück in ihre Häuser.\nBundeswehr und Feuerwehr pumpen seit Donnerstag Wasser aus dem Dorf."},
		},
	},
	"fr": {
		why: "two strikes: bus and tram drivers in Lyon, dockers at Marseille-Fos (thousands grouped by a space, plain or narrow no-break)",
		a: [3]report{
			{"Le Courrier du Rhône", "Grève des conducteurs de bus à Lyon : 70 % des lignes à l'arrêt",
				"Les conducteurs de bus et de tramway de Lyon sont en grève depuis lundi matin à l'appel de la CGT. Selon la direction des TCL, 70 % des lignes sont à l'arrêt.\nLe syndicat réclame une hausse de salaire de 180 euros par mois, a déclaré sa secrétaire, Sophie Marchand.\nLes usagers ont dû se rabattre sur le vélo et la voiture."},
			{"L'Écho du matin", "Lyon paralysée par la grève des TCL",
				"Embouteillages et quais déserts : la grève des chauffeurs des TCL a paralysé Lyon lundi. Sept lignes sur dix n'ont pas circulé.\nSophie Marchand, de la CGT, exige 180 euros de plus par mois pour les 4 200 agents du réseau.\nLa métropole appelle les deux parties à reprendre les négociations."},
			{"Radio Confluence", "TCL : la CGT reconduit la grève jusqu'à jeudi",
				"Réunis en assemblée générale mardi, les grévistes des TCL ont voté la reconduction du mouvement jusqu'à jeudi.\n« Tant que la direction refuse les 180 euros, les bus resteront au dépôt », a lancé Sophie Marchand.\nLes métros de Lyon circulent toutefois normalement, mais la plupart des 4\u202f200 agents du réseau ont cessé le travail."},
		},
		u: report{"Arts et Lettres", "Berthe Morisot à l'honneur au musée d'Orsay",
			"Le musée d'Orsay présente à partir de mercredi une grande rétrospective consacrée à la peintre Berthe Morisot.\nPlus de 90 tableaux, dont plusieurs inédits, sont réunis par la commissaire Claire Dufresne.\nL'exposition est ouverte jusqu'en janvier."},
		b: [3]report{
			{"Le Courrier du Rhône", "Marseille : les dockers bloquent le port de Fos",
				"Les dockers du port de Marseille-Fos ont cessé le travail jeudi pour réclamer une prime de pénibilité. Trente-six navires attendent au large, selon la capitainerie.\nLe secrétaire du syndicat des dockers, Karim Benali, dénonce « le mépris » des armateurs.\nLes terminaux à conteneurs de Fos sont fermés."},
			{"L'Écho du matin", "Grève au port de Marseille-Fos : 36 navires en attente",
				"Trente-six porte-conteneurs et pétroliers patientaient vendredi devant Fos-sur-Mer, où les dockers sont en grève depuis jeudi.\nKarim Benali, qui dirige le syndicat, exige une prime de pénibilité pour les 1 300 dockers du port.\nLes armateurs évoquent une perte de plusieurs millions d'euros par jour."},
			{"Radio Confluence", "Dockers de Fos : Karim Benali reçu par le préfet",
				"Le représentant des dockers de Marseille-Fos, Karim Benali, a été reçu samedi par le préfet des Bouches-du-Rhône.\nLe blocage se poursuit et 36 navires restent immobilisés.\nAucun accord n'a été trouvé sur la prime de pénibilité."},
		},
	},
	"es": {
		why: "two forest fires: the sierra de Gata in Cáceres, Valdeorras in Ourense",
		a: [3]report{
			{"Diario del Oeste", "Un incendio en la sierra de Gata obliga a desalojar tres pueblos",
				"Un incendio forestal declarado el lunes en la sierra de Gata, en Cáceres, ha quemado ya 4.200 hectáreas y ha obligado a desalojar a 1.500 vecinos de Acebo, Hoyos y Perales del Puerto.\nEl consejero de Medio Ambiente de Extremadura, Javier Morcillo, atribuyó la rápida propagación al viento.\nMás de 300 bomberos y doce aviones trabajan en la zona."},
			{"La Voz Peninsular", "El fuego de Gata arrasa 4.200 hectáreas",
				"Las llamas siguen avanzando en la sierra de Gata, donde 4.200 hectáreas han ardido desde el lunes.\nUnos 1.500 vecinos de Hoyos, Acebo y Perales del Puerto pasaron la noche en pabellones de Moraleja.\nJavier Morcillo pidió a la población que siga las instrucciones de la Guardia Civil."},
			{"Radio Meseta", "Morcillo da por estabilizado el incendio de la sierra de Gata",
				"La Junta de Extremadura dio el miércoles por estabilizado el incendio de la sierra de Gata, que ha calcinado 4.200 hectáreas.\nLos 1.500 desalojados de Acebo y Hoyos empezaron a regresar a sus casas, según el consejero Javier Morcillo.\nLa Guardia Civil investiga si el fuego fue provocado."},
		},
		u: report{"Cultura Hoy", "El Museo del Prado compra un retrato inédito de Goya",
			"El Museo del Prado ha adquirido por 4 millones de euros un retrato inédito de Francisco de Goya.\nLa obra, que perteneció a una familia de Zaragoza, se expondrá a partir de marzo, anunció el director adjunto, Andrés Molina.\nEs la mayor compra del museo en diez años."},
		b: [3]report{
			{"Diario del Oeste", "Un incendio en Valdeorras corta la N-120",
				"Un incendio forestal en la comarca de Valdeorras, en Ourense, ha quemado 2.800 hectáreas y ha obligado a cortar la carretera N-120 entre O Barco y A Rúa.\nLa conselleira de Medio Rural, Lucía Barreiro, informó de que 600 vecinos están confinados en sus casas.\nNueve helicópteros participan en la extinción."},
			{"La Voz Peninsular", "Valdeorras: 600 vecinos confinados por el fuego",
				"Las llamas han calcinado unas 2.800 hectáreas en Valdeorras y mantienen confinados a 600 vecinos de O Barco y Rubiá.\nLucía Barreiro aseguró que el fuego fue intencionado y que tuvo varios focos.\nLa N-120 sigue cerrada al tráfico."},
			{"Radio Meseta", "Barreiro: el incendio de Valdeorras tuvo al menos cuatro focos",
				"La Xunta de Galicia sostiene que el incendio de Valdeorras, que ya ha arrasado 2.800 hectáreas, fue provocado con al menos cuatro focos.\nLa conselleira Lucía Barreiro anunció que los 600 vecinos confinados podrán salir el viernes.\nLa carretera N-120 se reabrió por la tarde."},
		},
	},
	"it": {
		why: "two rail accidents: a derailment near Arezzo, a train hitting a lorry at Cerignola",
		a: [3]report{
			{"Il Corriere Toscano", "Treno deragliato vicino ad Arezzo: tre morti e 46 feriti",
				"Un treno regionale partito da Firenze è deragliato martedì mattina vicino a Ponticino, in provincia di Arezzo. Tre passeggeri sono morti e 46 sono rimasti feriti.\nSecondo Rete Ferroviaria Italiana, due carrozze sono uscite dai binari a 90 chilometri orari.\nIl procuratore di Arezzo, Marco Ferri, ha aperto un'inchiesta per disastro ferroviario."},
			{"La Gazzetta del Centro", "Ponticino, il regionale esce dai binari: 3 vittime",
				"È di tre morti e 46 feriti il bilancio del deragliamento del treno regionale Firenze-Arezzo a Ponticino.\nLe carrozze si sono rovesciate in una scarpata; i vigili del fuoco hanno lavorato per ore per estrarre i passeggeri.\nLa procura guidata da Marco Ferri sospetta un cedimento dei binari."},
			{"Radio Arno", "Deragliamento di Ponticino, Ferri: sequestrato il tratto di binario",
				"Il procuratore Marco Ferri ha disposto il sequestro del tratto di linea dove martedì è deragliato il regionale per Arezzo.\nDei 46 feriti, sette restano in gravi condizioni negli ospedali di Arezzo e Siena.\nRete Ferroviaria Italiana prevede di riaprire la linea non prima di dieci giorni."},
		},
		u: report{"Cultura e Spettacoli", "Il Colosseo apre i sotterranei ai visitatori",
			"Dal primo ottobre i visitatori del Colosseo potranno scendere nei sotterranei dell'anfiteatro, restaurati in tre anni di lavori.\nLa direttrice del parco archeologico, Chiara Valenti, ha presentato il nuovo percorso.\nI biglietti costeranno 24 euro."},
		b: [3]report{
			{"Il Corriere Toscano", "Treno contro un camion a Cerignola: due morti",
				"Un treno regionale diretto a Foggia ha travolto venerdì un camion fermo su un passaggio a livello a Cerignola. Sono morti il camionista e un passeggero, mentre 19 persone sono rimaste ferite.\nLa sindaca di Cerignola, Giulia Lorusso, ha proclamato il lutto cittadino.\nLa linea Bari-Foggia è interrotta."},
			{"La Gazzetta del Centro", "Cerignola, il regionale travolge un tir al passaggio a livello",
				"Due morti e 19 feriti: è il bilancio dell'incidente ferroviario di Cerignola, dove un treno ha colpito un tir bloccato tra le sbarre del passaggio a livello.\nLa sindaca Giulia Lorusso chiede da anni la chiusura del passaggio a livello.\nI treni tra Bari e Foggia sono sostituiti da autobus."},
			{"Radio Arno", "Incidente di Cerignola, Lorusso: «Quel passaggio a livello andava chiuso»",
				"All'indomani dello schianto tra il treno e il camion, la sindaca di Cerignola Giulia Lorusso accusa la regione Puglia di aver ignorato le sue richieste.\nDei 19 feriti, quattro sono ricoverati a Foggia.\nLa linea Bari-Foggia dovrebbe riaprire lunedì."},
		},
	},
	"pt": {
		why: "two floods in Brazil: the Itajaí-Açu at Blumenau, landslides after rain in Recife",
		a: [3]report{
			{"Jornal do Vale", "Rio Itajaí-Açu chega a 12,4 metros e inunda Blumenau",
				"O rio Itajaí-Açu atingiu 12,4 metros em Blumenau na madrugada desta terça-feira e inundou bairros inteiros da cidade catarinense.\nSegundo a Defesa Civil, 3.100 pessoas estão desalojadas.\nO prefeito Ricardo Schmitt decretou situação de emergência."},
			{"Folha Meridional", "Blumenau decreta emergência após cheia do Itajaí-Açu",
				"A prefeitura de Blumenau decretou emergência depois que o Itajaí-Açu subiu a 12,4 metros.\nRicardo Schmitt disse que 3.100 moradores deixaram suas casas e estão em abrigos e escolas.\nAs aulas foram suspensas em toda a rede municipal."},
			{"Rádio Litoral", "Cheia em Blumenau: água começa a baixar, diz Schmitt",
				"O nível do Itajaí-Açu começou a baixar nesta quarta-feira em Blumenau, depois de chegar a 12,4 metros.\nO prefeito Ricardo Schmitt pediu doações de água e colchões para os 3.100 desalojados.\nA Defesa Civil de Santa Catarina mantém o alerta."},
		},
		u: report{"Valor do Dia", "Banco Central mantém juros em 10,5%",
			"O Comitê de Política Monetária do Banco Central manteve a taxa básica de juros em 10,5% ao ano.\nO presidente do banco, Luís Fonseca, disse que a inflação de serviços ainda preocupa.\nO mercado esperava a decisão."},
		b: [3]report{
			{"Jornal do Vale", "Deslizamentos de terra matam nove pessoas no Recife",
				"Pelo menos nove pessoas morreram em deslizamentos de terra provocados pela chuva forte no Recife, informou nesta sexta-feira a governadora de Pernambuco, Marta Cavalcanti.\nEm 24 horas choveu 210 milímetros na capital pernambucana.\nBombeiros procuram desaparecidos no bairro do Ibura."},
			{"Folha Meridional", "Chuva de 210 milímetros deixa nove mortos no Recife",
				"O temporal que despejou 210 milímetros de água sobre o Recife em um dia causou deslizamentos que deixaram nove mortos.\nA governadora Marta Cavalcanti visitou o Ibura, bairro mais atingido.\nCerca de 600 famílias foram levadas para abrigos."},
			{"Rádio Litoral", "Marta Cavalcanti pede ajuda federal após mortes no Recife",
				"A governadora Marta Cavalcanti pediu ajuda do governo federal para as vítimas da chuva no Recife, onde nove pessoas morreram.\nAs buscas no Ibura foram encerradas no sábado.\nA prefeitura promete retirar 600 famílias das áreas de risco."},
		},
	},
	"nl": {
		why: "two fires: a block of flats in Rotterdam-Zuid, a dairy plant in Leeuwarden",
		a: [3]report{
			{"Het Dagblad", "Zeer grote brand in flat in Rotterdam-Zuid",
				"In een flat aan de Dordtselaan in Rotterdam-Zuid is dinsdagavond een zeer grote brand uitgebroken. Ongeveer 140 bewoners zijn geëvacueerd en zes mensen raakten gewond, meldt de brandweer.\nVolgens woordvoerder Ilse de Graaf begon het vuur op de vierde verdieping.\nDe bewoners worden opgevangen in een sporthal."},
			{"Nieuwsblad West", "140 bewoners geëvacueerd na flatbrand Dordtselaan",
				"Na de brand in de flat aan de Dordtselaan konden 140 bewoners dinsdagnacht niet naar huis. Zes gewonden zijn naar het ziekenhuis gebracht.\nBrandweerwoordvoerder Ilse de Graaf zegt dat de vierde verdieping volledig is uitgebrand.\nDe gemeente Rotterdam zoekt tijdelijke woningen."},
			{"Omroep Delta", "Politie onderzoekt oorzaak flatbrand Rotterdam",
				"De politie onderzoekt of de brand in de flat aan de Dordtselaan in Rotterdam is aangestoken.\nDe zes gewonden zijn inmiddels uit het ziekenhuis ontslagen, zei Ilse de Graaf van de brandweer.\nVan de 140 bewoners mogen de meesten woensdag terug naar huis."},
		},
		u: report{"Financieel Weekblad", "Kabinet wil kinderbijslag met 12 procent verhogen",
			"Het kabinet wil de kinderbijslag volgend jaar met 12 procent verhogen, heeft minister Sanne Bakker van Sociale Zaken bekendgemaakt.\nDe maatregel kost ongeveer 800 miljoen euro.\nDe oppositie noemt het plan te mager."},
		b: [3]report{
			{"Het Dagblad", "Grote brand verwoest zuivelfabriek in Leeuwarden",
				"Een grote brand heeft vrijdag een zuivelfabriek op het industrieterrein Hemrik in Leeuwarden verwoest. Door de zware rook werd een NL-Alert verstuurd.\nVolgens Pieter Hoekstra van de veiligheidsregio Fryslân raakten drie medewerkers gewond.\nOmwonenden moesten ramen en deuren sluiten."},
			{"Nieuwsblad West", "NL-Alert na fabrieksbrand Leeuwarden",
				"Bij de brand in de zuivelfabriek in Leeuwarden zijn drie werknemers gewond geraakt. Een enorme rookwolk trok over de stad, waarop een NL-Alert volgde.\nPieter Hoekstra zei dat de brandweer met 22 wagens aanwezig was.\nHet industrieterrein Hemrik is afgesloten."},
			{"Omroep Delta", "Zuivelfabriek Hemrik verloren, 180 banen op de tocht",
				"De zuivelfabriek op industrieterrein Hemrik in Leeuwarden is na de brand van vrijdag niet meer te redden, zegt de directie.\nBij het bedrijf werken 180 mensen. De drie gewonde medewerkers zijn buiten levensgevaar, meldde Pieter Hoekstra.\nDe oorzaak van het vuur is nog onbekend."},
		},
	},
	"pl": {
		why: "two mining accidents: a rock burst in a Rybnik mine, a methane blast near Łęczna",
		a: [3]report{
			{"Gazeta Śląska", "Wstrząs w kopalni Krzemionka. Siedmiu górników pod ziemią",
				"W kopalni Krzemionka w Rybniku doszło w poniedziałek do silnego wstrząsu. Na głębokości 850 metrów uwięzionych jest siedmiu górników, poinformował rzecznik spółki Tomasz Nowicki.\nDo akcji ratowniczej skierowano 12 zastępów ratowników.\nRodziny czekają na wieści przed bramą kopalni."},
			{"Dziennik Południowy", "Rybnik: trwa akcja ratownicza w kopalni Krzemionka",
				"Ratownicy próbują dotrzeć do siedmiu górników, którzy zostali odcięci po wstrząsie w kopalni Krzemionka.\nChodnik na poziomie 850 metrów jest zasypany na długości kilkudziesięciu metrów, przekazał Tomasz Nowicki.\nPrezydent Rybnika odwołał imprezy miejskie."},
			{"Radio Wiślane", "Krzemionka: odnaleziono pięciu z siedmiu górników",
				"Ratownicy odnaleźli we wtorek pięciu z siedmiu górników uwięzionych po wstrząsie w rybnickiej kopalni Krzemionka. Wszyscy żyją.\nPoszukiwania dwóch pozostałych trwają na głębokości 850 metrów, powiedział rzecznik Tomasz Nowicki.\nPrzyczyny wstrząsu zbada Wyższy Urząd Górniczy."},
		},
		u: report{"Puls Polityki", "Sejm obniżył składkę zdrowotną dla przedsiębiorców",
			"Sejm przyjął w piątek ustawę obniżającą składkę zdrowotną dla przedsiębiorców.\nZa głosowało 241 posłów, przeciw było 199, poinformowała marszałek Sejmu Ewa Lis.\nUstawa trafi teraz do Senatu."},
		b: [3]report{
			{"Gazeta Śląska", "Wybuch metanu w kopalni Stefanów. Nie żyje czterech górników",
				"W kopalni Stefanów pod Łęczną doszło w czwartek do wybuchu metanu. Czterech górników zginęło, a 11 zostało rannych, przekazał dyrektor kopalni Andrzej Kowalczyk.\nRanni trafili do szpitali w Lublinie.\nProkuratura wszczęła śledztwo."},
			{"Dziennik Południowy", "Tragedia pod Łęczną: cztery ofiary wybuchu metanu",
				"Czterech zabitych i 11 rannych to bilans czwartkowego wybuchu metanu w kopalni Stefanów.\nDyrektor Andrzej Kowalczyk powiedział, że stężenie gazu wzrosło nagle na ścianie wydobywczej.\nW Łęcznej ogłoszono żałobę."},
			{"Radio Wiślane", "Kowalczyk: czujniki metanu w kopalni Stefanów działały",
				"Dyrektor kopalni Stefanów Andrzej Kowalczyk zapewnia, że czujniki metanu działały prawidłowo przed czwartkową eksplozją.\nSpośród 11 rannych górników trzech jest w stanie ciężkim w szpitalu w Lublinie.\nŚledztwo prowadzi prokuratura w Lublinie."},
		},
	},
	"ru": {
		why: "two aviation accidents: an airliner landing in a field near Novosibirsk, a helicopter crash in Kamchatka",
		a: [3]report{
			{"Вечерний курьер", "Самолёт с 159 пассажирами сел в поле под Новосибирском",
				"Пассажирский самолёт, следовавший из Сочи в Омск, во вторник совершил аварийную посадку в пшеничном поле под Новосибирском. На борту находились 159 пассажиров и шесть членов экипажа, никто не пострадал.\nКомандир экипажа Андрей Сомов сообщил о неисправности гидравлической системы.\nПассажиров доставили в Новосибирск на автобусах."},
			{"Сибирские ведомости", "Посадка в поле: экипаж Андрея Сомова спас 159 человек",
				"Экипаж под командованием Андрея Сомова посадил лайнер рейса Сочи — Омск в поле в Новосибирской области.\nВсе 159 пассажиров остались живы, травм никто не получил.\nПричиной стал отказ гидравлики, пишут СМИ."},
			{"Радио Обь", "МАК начал расследование посадки самолёта под Новосибирском",
				"Межгосударственный авиационный комитет начал расследование аварийной посадки лайнера, который вёз 159 пассажиров из Сочи в Омск.\nКомандира Андрея Сомова и второго пилота опросят в среду.\nСамолёт пока остаётся в поле под Новосибирском."},
		},
		u: report{"Культура сегодня", "Большой театр откроет сезон «Пиковой дамой»",
			"Большой театр откроет новый сезон премьерой оперы «Пиковая дама» в постановке режиссёра Ильи Громова.\nПартию Германа исполнит тенор Павел Лыков.\nБилеты на первые показы уже раскуплены."},
		b: [3]report{
			{"Вечерний курьер", "Вертолёт Ми-8 совершил жёсткую посадку на Камчатке",
				"Вертолёт Ми-8 с 13 людьми на борту в пятницу совершил жёсткую посадку у вулкана Мутновский на Камчатке. Три человека погибли, сообщила глава краевого МЧС Ольга Кравец.\nНа борту были туристы из Москвы.\nСпасатели добрались до места на вездеходах."},
			{"Сибирские ведомости", "Три человека погибли при посадке вертолёта у Мутновского",
				"Жёсткая посадка Ми-8 у вулкана Мутновский унесла жизни трёх человек, ещё десять пострадали.\nПо словам Ольги Кравец, вертолёт попал в густой туман.\nВозбуждено уголовное дело о нарушении правил безопасности полётов."},
			{"Радио Обь", "Кравец: пострадавших на Мутновском доставили в Петропавловск",
				"Десять пострадавших при крушении Ми-8 на Камчатке доставлены в больницы Петропавловска-Камчатского, сообщила Ольга Кравец.\nВертолёт с 13 людьми на борту упал у вулкана Мутновский.\nСледователи изучают записи бортового самописца."},
		},
	},
	"uk": {
		why: "two floods: the Tysa in the Rakhiv district, the Dniester at Halych",
		a: [3]report{
			{"Вісті Карпат", "На Закарпатті Тиса вийшла з берегів: підтоплено 320 будинків",
				"Після сильних злив річка Тиса в понеділок вийшла з берегів у Рахівському районі на Закарпатті. Підтоплено 320 житлових будинків, повідомив начальник обласного управління ДСНС Ігор Петрук.\nРятувальники евакуювали 540 людей.\nУ кількох селах немає світла."},
			{"Західний кур'єр", "Повінь у Рахові: евакуйовано 540 мешканців",
				"Рівень води в Тисі біля Рахова піднявся на чотири метри. За словами Ігоря Петрука, під водою опинилися 320 будинків.\nЗ підтоплених сіл вивезли 540 людей, їх розмістили у школах.\nДороги до гірських сіл розмиті."},
			{"Радіо Говерла", "Тиса почала спадати, але 320 будинків досі під водою",
				"Вода в Тисі на Рахівщині у вівторок почала спадати, однак 320 будинків залишаються підтопленими.\nІгор Петрук закликав 540 евакуйованих поки не повертатися додому.\nУряд виділить допомогу постраждалим громадам Закарпаття."},
		},
		u: report{"Економічний огляд", "Нацбанк залишив облікову ставку на рівні 13%",
			"Національний банк України залишив облікову ставку на рівні 13 відсотків.\nГолова НБУ Андрій Литвин пояснив рішення ризиками для інфляції.\nНаступне засідання відбудеться в грудні."},
		b: [3]report{
			{"Вісті Карпат", "Дністер затопив Галич: двоє загиблих",
				"Через паводок на Дністрі в четвер підтоплено 210 будинків у Галичі на Івано-Франківщині. Двоє людей загинули, повідомив міський голова Василь Гнатюк.\nРятувальники ДСНС вивозять мешканців на човнах.\nОбласна влада оголосила надзвичайну ситуацію."},
			{"Західний кур'єр", "Паводок у Галичі: 210 будинків під водою",
				"Дністер у Галичі піднявся до рекордного рівня, під водою 210 осель.\nВасиль Гнатюк підтвердив загибель двох чоловіків, яких знесла вода.\nНа Івано-Франківщині діє надзвичайна ситуація."},
			{"Радіо Говерла", "Гнатюк: Галичу потрібні насоси і питна вода",
				"Міський голова Галича Василь Гнатюк просить надіслати насоси та питну воду після паводку на Дністрі.\nУ місті досі підтоплені 210 будинків.\nПохорон двох загиблих відбудеться в неділю."},
		},
	},
	"tr": {
		why: "two earthquakes: Yeşilyurt in Malatya, Bergama in İzmir",
		a: [3]report{
			{"Anadolu Postası", "Malatya'da 5,9 büyüklüğünde deprem: 2 ölü",
				"Malatya'nın Yeşilyurt ilçesinde pazartesi sabahı 5,9 büyüklüğünde deprem meydana geldi. Vali Mehmet Aydoğan, iki kişinin hayatını kaybettiğini ve 48 kişinin yaralandığını açıkladı.\nHasar gören binalarda arama kurtarma çalışmaları sürüyor.\nDepremin derinliği 7 kilometre olarak ölçüldü."},
			{"Günün Sesi", "Yeşilyurt'ta deprem paniği: 48 yaralı",
				"5,9 büyüklüğündeki depremin ardından Yeşilyurt'ta vatandaşlar geceyi sokakta geçirdi.\nMalatya Valisi Mehmet Aydoğan, yaralı sayısının 48'e yükseldiğini söyledi.\nAFAD bölgeye 300 çadır gönderdi."},
			{"Radyo Fırat", "Vali Aydoğan: Yeşilyurt'ta 16 bina ağır hasarlı",
				"Malatya Valisi Mehmet Aydoğan, Yeşilyurt'taki 5,9'luk depremin ardından 16 binanın ağır hasar gördüğünü bildirdi.\nDepremde ölenlerin sayısı iki, yaralıların sayısı 48 olarak kaldı.\nOkullar bir hafta tatil edildi."},
		},
		u: report{"Ekonomi Gündemi", "Merkez Bankası faizi yüzde 45'te sabit tuttu",
			"Türkiye Cumhuriyet Merkez Bankası politika faizini yüzde 45'te sabit bıraktı.\nBanka Başkanı Selim Oral, enflasyonun düşüş eğiliminde olduğunu söyledi.\nPiyasalar karara olumlu tepki verdi."},
		b: [3]report{
			{"Anadolu Postası", "İzmir Bergama'da 5,2 büyüklüğünde deprem",
				"İzmir'in Bergama ilçesinde perşembe gecesi 5,2 büyüklüğünde bir deprem oldu. Belediye Başkanı Ayşe Korkmaz, 12 kişinin hafif yaralandığını söyledi.\nKırsal mahallelerde bazı ahırlar ve eski evler yıkıldı.\nSarsıntı Manisa'da da hissedildi."},
			{"Günün Sesi", "Bergama depremi: 12 yaralı, ahırlar çöktü",
				"Bergama'yı sarsan 5,2'lik depremde 12 kişi yaralandı, köylerde eski kerpiç evler ve ahırlar çöktü.\nBaşkan Ayşe Korkmaz, hasar tespit ekiplerinin sahada olduğunu belirtti.\nManisa ve Balıkesir'de de sarsıntı hissedildi."},
			{"Radyo Fırat", "Korkmaz: Bergama'da 40 ev oturulamaz durumda",
				"Bergama Belediye Başkanı Ayşe Korkmaz, perşembe gecesi yaşanan 5,2 büyüklüğündeki depremin ardından 40 evin oturulamaz hale geldiğini açıkladı.\nYaralanan 12 kişiden biri hâlâ hastanede.\nKöylere çadır ve battaniye dağıtılıyor."},
		},
	},
	"ar": {
		why: "two flash floods: Jeddah, the wadi of Ibri in Oman (one outlet writes Eastern Arabic digits)",
		a: [3]report{
			{"صحيفة الأفق", "سيول جدة: وفاة ستة أشخاص وإنقاذ 230",
				"لقي ستة أشخاص حتفهم في سيول اجتاحت مدينة جدة يوم الاثنين بعد هطول 140 ملم من الأمطار خلال ساعات، بحسب الدفاع المدني.\nوقال المتحدث باسم الدفاع المدني العقيد سعيد الغامدي إن الفرق أنقذت 230 شخصا حاصرتهم المياه في أحياء جنوب المدينة.\nوعلقت الدراسة في مدارس جدة يوم الثلاثاء."},
			{"الخبر اليومي", "أمطار غزيرة تغرق أحياء جدة وتودي بحياة ستة",
				"غمرت السيول شوارع جدة بعد أن سجلت الأرصاد ١٤٠ ملم من الأمطار، ما أدى إلى وفاة ستة أشخاص.\nوأوضح العقيد سعيد الغامدي أن فرق الإنقاذ انتشلت ٢٣٠ شخصا من السيارات والمنازل.\nوأعلنت السلطات تعليق الدراسة."},
			{"إذاعة الساحل", "الغامدي: لا مفقودين بعد سيول جدة",
				"أكد العقيد سعيد الغامدي يوم الثلاثاء عدم وجود مفقودين بعد السيول التي ضربت جدة وخلفت ستة قتلى.\nوبدأت البلدية شفط المياه من الأنفاق والأحياء الجنوبية.\nوكانت جدة قد سجلت 140 ملم من الأمطار في يوم واحد."},
		},
		u: report{"ثقافة وفنون", "معرض الرياض للكتاب يستقبل مليون زائر",
			"استقبل معرض الرياض الدولي للكتاب أكثر من مليون زائر خلال عشرة أيام، بحسب إدارة المعرض.\nوشاركت في المعرض 1800 دار نشر من 32 دولة.\nوقالت مديرة المعرض هند العتيبي إن مبيعات الكتب ارتفعت هذا العام."},
		b: [3]report{
			{"صحيفة الأفق", "سيول وادي عبري تجرف سيارات وتقتل أربعة",
				"توفي أربعة أشخاص بعد أن جرفت سيول وادي عبري في محافظة الظاهرة بسلطنة عمان سياراتهم يوم الخميس.\nوقال المقدم خالد البلوشي من هيئة الدفاع المدني والإسعاف إن 35 أسرة نقلت إلى مراكز الإيواء.\nوحذرت الأرصاد من عبور الأودية."},
			{"الخبر اليومي", "أربع وفيات في سيول محافظة الظاهرة",
				"ارتفع عدد ضحايا السيول في ولاية عبري إلى أربعة، وفق ما أعلنه المقدم خالد البلوشي.\nوأجلت فرق الإنقاذ ٣٥ أسرة من القرى المحاذية للوادي.\nوتواصل الأمطار الهطول على محافظة الظاهرة."},
			{"إذاعة الساحل", "البلوشي يدعو إلى الابتعاد عن مجاري الأودية في عبري",
				"دعا المقدم خالد البلوشي سكان عبري إلى الابتعاد عن مجاري الأودية بعد السيول التي أودت بحياة أربعة أشخاص.\nوعادت 35 أسرة إلى منازلها يوم الجمعة.\nوأكدت هيئة الدفاع المدني والإسعاف استمرار الجاهزية في محافظة الظاهرة."},
		},
	},
	"zh": {
		why: "two explosions: a chemical plant in Taixing, Jiangsu; a warehouse in Zibo, Shandong",
		a: [3]report{
			{"华东日报", "江苏泰兴一化工厂发生爆炸 致5死23伤",
				"周一上午，江苏省泰兴市经济开发区一家化工厂发生爆炸，造成5人死亡、23人受伤。\n泰兴市应急管理局局长刘志强表示，事故原因正在调查中。\n爆炸产生的浓烟在十公里外都能看到。"},
			{"新闻晨报", "泰兴化工厂爆炸事故已致5人遇难",
				"江苏泰兴化工厂爆炸事故死亡人数为5人，另有23名伤者在医院接受治疗。\n刘志强说，爆炸发生在一个储罐区，附近两个村庄的居民已被疏散。\n当地环保部门正在监测空气质量。"},
			{"长江广播", "泰兴爆炸：涉事企业负责人被控制",
				"记者从泰兴市获悉，发生爆炸的化工厂负责人已被警方控制。\n应急管理局局长刘志强称，23名伤者中有4人伤势较重。\n事故共造成5人死亡。"},
		},
		u: report{"财经观察", "上月居民消费价格同比上涨0.4%",
			"国家统计局周三公布，上月全国居民消费价格同比上涨0.4%。\n统计局发言人李明华表示，食品价格回落是主要原因。\n分析人士认为物价将保持平稳。"},
		b: [3]report{
			{"华东日报", "山东淄博一仓库爆炸 2死9伤",
				"周四晚，山东省淄博市张店区一处物流仓库发生爆炸并引发大火，造成2人死亡、9人受伤。\n淄博市消防救援支队支队长张海燕说，共有80名消防员参与灭火。\n仓库内存放有大量锂电池。"},
			{"新闻晨报", "淄博仓库起火爆炸 锂电池或为原因",
				"淄博张店区物流仓库爆炸事故已造成2人死亡，9人受伤。\n据张海燕介绍，仓库中堆放的锂电池可能是起火原因。\n大火经过六个小时才被扑灭。"},
			{"长江广播", "淄博仓库爆炸事故调查组成立",
				"山东省已成立调查组，调查淄博市张店区物流仓库爆炸事故。\n消防救援支队支队长张海燕表示，9名伤者均无生命危险。\n事故中有2人死亡。"},
		},
	},
	"ja": {
		why: "two heavy-rain disasters: a landslide in Izu, Shizuoka; a river flooding Yatsushiro, Kumamoto (one outlet writes full-width digits)",
		a: [3]report{
			{"東海新聞", "静岡・伊豆市で土砂崩れ　3人死亡",
				"記録的な大雨の影響で、静岡県伊豆市の山あいの集落で月曜日未明に土砂崩れが発生し、3人が死亡した。\n山本健二市長によると、住宅12棟が土砂に巻き込まれた。\n気象庁は大雨特別警報を出していた。"},
			{"日刊みなと", "伊豆市の土砂災害　住宅１２棟が被害",
				"伊豆市で起きた土砂崩れで、これまでに３人の死亡が確認された。\n山本市長は記者会見で、１２棟の住宅が押し流されたと説明した。\n自衛隊が行方不明者の捜索を続けている。"},
			{"ラジオ富士", "伊豆の土砂崩れ、自衛隊が捜索続ける",
				"静岡県伊豆市の土砂崩れ現場では、火曜日も自衛隊と消防による捜索が続いた。\n山本健二市長は、避難所に210人が身を寄せていると述べた。\n死者は3人となっている。"},
		},
		u: report{"経済ウィークリー", "日銀、政策金利を据え置き",
			"日本銀行は金曜日、金融政策決定会合で政策金利を0.5%に据え置くことを決めた。\n総裁は記者会見で、物価の動向を注視すると述べた。\n円相場は小幅に上昇した。"},
		b: [3]report{
			{"東海新聞", "熊本・八代市で川が氾濫　450棟浸水",
				"九州の大雨で、熊本県八代市を流れる川が木曜日に氾濫し、住宅約450棟が浸水した。\n佐藤由美市長によると、70代の男性1人が行方不明になっている。\n市は全域に避難指示を出した。"},
			{"日刊みなと", "八代市で浸水被害　男性1人不明",
				"熊本県八代市では大雨で川があふれ、約４５０棟の住宅が水につかった。\n佐藤市長は、７０代の男性が車ごと流されたとみられると話した。\n警察と消防が捜索している。"},
			{"ラジオ富士", "八代の浸水、水が引き始める　佐藤市長「復旧急ぐ」",
				"氾濫から一夜明けた熊本県八代市では、金曜日になって水が引き始めた。\n佐藤由美市長は、浸水した450棟の被害調査を急ぐ考えを示した。\n行方不明の男性の捜索は続いている。"},
		},
	},
	"ko": {
		why: "two fires: a logistics warehouse in Pyeongtaek, a traditional market in Daegu",
		a: [3]report{
			{"한빛일보", "평택 물류창고 화재…4명 사망",
				"월요일 오전 경기도 평택시의 한 물류창고에서 불이 나 작업자 4명이 숨지고 11명이 다쳤다.\n평택소방서 김민수 서장은 창고 2층에서 불이 시작된 것으로 보인다고 말했다.\n소방당국은 대응 2단계를 발령했다."},
			{"새아침신문", "평택 창고 화재 사망자 4명으로 늘어",
				"경기 평택시 물류창고에서 발생한 화재로 숨진 사람이 4명으로 늘었다.\n김민수 평택소방서장은 부상자 11명 가운데 2명이 중상이라고 밝혔다.\n불은 7시간 만에 꺼졌다."},
			{"누리방송", "경찰, 평택 물류창고 화재 원인 수사",
				"경찰은 작업자 4명이 숨진 평택 물류창고 화재의 원인을 조사하고 있다.\n김민수 서장은 스프링클러가 제대로 작동했는지 확인하겠다고 했다.\n부상자 11명은 인근 병원으로 옮겨졌다."},
		},
		u: report{"경제타임스", "한국은행, 기준금리 연 3.5% 동결",
			"한국은행은 목요일 기준금리를 연 3.5%로 동결했다.\n박영호 부총재는 물가 상승세가 둔화하고 있다고 말했다.\n시장은 연말 인하 가능성에 주목하고 있다."},
		b: [3]report{
			{"한빛일보", "대구 동문시장 화재…점포 120곳 불에 타",
				"목요일 새벽 대구 동문시장에서 큰불이 나 점포 120곳이 불에 탔다.\n대구중부소방서 이정희 서장은 인명 피해는 없다고 밝혔다.\n상인들은 망연자실한 표정으로 현장을 지켜봤다."},
			{"새아침신문", "동문시장 화재, 상인들 생계 막막",
				"대구 동문시장 화재로 점포 120곳이 잿더미가 되면서 상인들이 생계를 걱정하고 있다.\n이정희 서장은 전기 합선을 원인으로 추정했다.\n대구시는 피해 상인들에게 긴급 자금을 지원하기로 했다."},
			{"누리방송", "대구시, 동문시장 화재 피해 상인 지원",
				"대구시는 동문시장 화재로 가게를 잃은 상인 지원 대책을 발표했다.\n중부소방서 이정희 서장은 점포 120곳이 모두 탔지만 다친 사람은 없었다고 다시 확인했다.\n시장은 다음 달 임시 영업을 재개할 예정이다."},
		},
	},
	"el": {
		why: "two wildfires: northern Evia, Ierapetra in Crete",
		a: [3]report{
			{"Η Ημερησία", "Μεγάλη πυρκαγιά στην Εύβοια: εκκενώθηκαν έξι χωριά",
				"Μεγάλη πυρκαγιά ξέσπασε τη Δευτέρα στη βόρεια Εύβοια και έχει κάψει 3.500 στρέμματα δάσους. Έξι χωριά εκκενώθηκαν, ανακοίνωσε ο αντιπεριφερειάρχης Δημήτρης Καραλής.\nΣτην κατάσβεση συμμετέχουν 180 πυροσβέστες και εννέα αεροσκάφη.\nΟι ισχυροί άνεμοι δυσκολεύουν το έργο τους."},
			{"Νέα Εποχή", "Εύβοια: 3.500 στρέμματα στάχτη",
				"Η φωτιά στη βόρεια Εύβοια έχει ήδη κατακάψει 3.500 στρέμματα πευκοδάσους.\nΟ Δημήτρης Καραλής δήλωσε ότι οι κάτοικοι των έξι χωριών φιλοξενούνται σε ξενοδοχεία της Λίμνης.\n180 πυροσβέστες δίνουν μάχη με τις φλόγες."},
			{"Ράδιο Αιγαίο", "Σε ύφεση η φωτιά στην Εύβοια, λέει ο Καραλής",
				"Σε ύφεση βρίσκεται την Τρίτη η πυρκαγιά στη βόρεια Εύβοια, σύμφωνα με τον αντιπεριφερειάρχη Δημήτρη Καραλή.\nΟι κάτοικοι των έξι χωριών αρχίζουν να επιστρέφουν.\nΗ φωτιά έκαψε συνολικά 3.500 στρέμματα."},
		},
		u: report{"Πολιτική Σήμερα", "Η Βουλή ψήφισε το νομοσχέδιο για τα πανεπιστήμια",
			"Η Βουλή ψήφισε την Τετάρτη το νομοσχέδιο του υπουργείου Παιδείας για τα πανεπιστήμια με 158 ψήφους.\nΗ υπουργός Άννα Λιάκου μίλησε για «ιστορική μεταρρύθμιση».\nΗ αντιπολίτευση καταψήφισε το νομοσχέδιο."},
		b: [3]report{
			{"Η Ημερησία", "Πυρκαγιά στην Ιεράπετρα: τραυματίστηκαν δύο πυροσβέστες",
				"Πυρκαγιά ξέσπασε την Πέμπτη κοντά στην Ιεράπετρα της Κρήτης και έκαψε 1.200 στρέμματα ελαιώνων. Δύο πυροσβέστες τραυματίστηκαν ελαφρά, είπε η δήμαρχος Ελένη Μαυράκη.\nΕκκενώθηκε προληπτικά ένας οικισμός.\nΗ φωτιά απείλησε θερμοκήπια."},
			{"Νέα Εποχή", "Κρήτη: κάηκαν 1.200 στρέμματα ελαιώνων στην Ιεράπετρα",
				"Η φωτιά στην Ιεράπετρα κατέστρεψε 1.200 στρέμματα με ελιές και θερμοκήπια.\nΗ δήμαρχος Ελένη Μαυράκη ζήτησε να κηρυχθεί η περιοχή σε κατάσταση έκτακτης ανάγκης.\nΟι δύο τραυματίες πυροσβέστες νοσηλεύονται στο Ηράκλειο."},
			{"Ράδιο Αιγαίο", "Μαυράκη: αποζημιώσεις για τους αγρότες της Ιεράπετρας",
				"Η δήμαρχος Ιεράπετρας Ελένη Μαυράκη ζητά αποζημιώσεις για τους αγρότες που έχασαν ελαιώνες και θερμοκήπια στην πυρκαγιά της Πέμπτης.\nΚάηκαν συνολικά 1.200 στρέμματα.\nΟι δύο πυροσβέστες πήραν εξιτήριο."},
		},
	},
}

// testedLanguages are the languages of langSets in a fixed order.
func testedLanguages(t *testing.T) []string {
	t.Helper()
	var langs []string
	for l := range langSets {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	supported := language.Supported()
	for _, l := range langs {
		if !slices.Contains(supported, l) {
			t.Fatalf("language set %q is not a supported language (%v)", l, supported)
		}
	}
	return langs
}

// The sets must be in the language they are filed under, or the tests
// below would prove nothing about it: each article is identified as the
// pipeline would identify it.
func TestLanguageSetsAreInTheirLanguage(t *testing.T) {
	for _, lang := range testedLanguages(t) {
		for _, a := range langSets[lang].articles(lang) {
			if got := language.Detect(a.Title + "\n" + a.Text); got != lang {
				t.Errorf("%s (%q) is identified as %q", a.ID, a.Title, got)
			}
		}
	}
}

func checkLangGroups(t *testing.T, lang string, got [][]string) {
	t.Helper()
	if want := wantLangGroups(lang); !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Errorf("%s: groups = %v, want %v", langSets[lang].why, got, want)
	}
}

func TestOnlineSameLanguageEvents(t *testing.T) {
	for _, lang := range testedLanguages(t) {
		t.Run(lang, func(t *testing.T) {
			o := NewOnline(Defaults())
			for _, a := range langSets[lang].articles(lang) {
				o.Add(a)
			}
			checkLangGroups(t, lang, groups(o.Stories()))
		})
	}
}

func TestBatchSameLanguageEvents(t *testing.T) {
	for _, lang := range testedLanguages(t) {
		t.Run(lang, func(t *testing.T) {
			arts := langSets[lang].articles(lang)
			slices.Reverse(arts) // input order must not matter
			checkLangGroups(t, lang, groups(Batch(arts, Defaults())))
		})
	}
}

// The features behind the language sets, one per cause found while
// building them: Han bigrams, Japanese particles, hyphenated compounds,
// elided and Turkish-suffixed words, numbers in other digits.
func TestLanguageFeatures(t *testing.T) {
	tests := []struct {
		lang, title, body string
		want, not         []string // "kind:string", kind one of w t e n
	}{
		{"ja", "", "静岡県伊豆市で土砂崩れが発生した。",
			[]string{"w:静岡", "w:伊豆", "w:土砂", "w:発生"},
			[]string{"w:静", "w:伊", "w:で", "w:が", "w:した"}},
		{"zh", "泰兴化工厂爆炸", "周一，泰兴一家化工厂发生爆炸。",
			[]string{"w:泰兴", "w:化工", "w:爆炸", "t:泰兴", "t:爆炸"},
			[]string{"w:泰", "w:爆", "t:爆"}},
		{"zh", "", "他说：好。", // a lone character is still a feature
			[]string{"w:好"}, nil},
		{"fr", "Grève à Marseille-Fos", "Les dockers de Fos-sur-Mer l'ont dit.",
			[]string{"w:fos", "w:mer", "w:docker", "t:marseil", "t:fos"},
			[]string{"w:fos-sur-m", "w:sur", "w:le", "w:l'", "t:marseille-fos"}}, // le: the stem of les
		{"en", "", "The F-16 landed.", // no part left: the word counts whole
			[]string{"w:f-16"}, nil},
		{"tr", "", "Depremde Malatya'da 48'e yükseldi.",
			[]string{"w:malatya", "e:malatya", "n:48"},
			[]string{"w:'da", "w:'e", "w:malatya'da"}},
		{"ar", "", "سجلت جدة ١٤٠ ملم من الأمطار.",
			[]string{"n:140", "w:امطار"},
			[]string{"n:١٤٠", "w:من"}},
	}
	for _, tt := range tests {
		a := langArticle(tt.lang, "x", "", tt.title, tt.body, day0)
		c := newCounts()
		collect(c, a, 1)
		has := func(f string) bool {
			_, ok := c.tf[hashFeature(f[0], f[2:])]
			return ok
		}
		for _, f := range tt.want {
			if !has(f) {
				t.Errorf("%s %q: no feature %s", tt.lang, tt.body, f)
			}
		}
		for _, f := range tt.not {
			if has(f) {
				t.Errorf("%s %q: unwanted feature %s", tt.lang, tt.body, f)
			}
		}
	}
}
