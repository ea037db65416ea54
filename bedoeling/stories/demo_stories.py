"""The demo's stories, written one by one for this project (no fragments, no templates).

A primary school (De Wilgenhoek) and a municipality's social domain (Lindeveld): teachers,
an intern, the caretaker, the director, parents in their own words; consultants, a
klantmanager, a wijkcoach, the desk, residents and a partner. Short and long, first and
third person. Each story carries the signification its teller would plausibly give it:
the triad's weights for (rules, targets, purpose) — the corners in the order of the form —
the sliders from 0 to 10, the feeling from 1 (heel vervelend) to 5 (heel goed), None where
a teller would leave a question open. Stories told before a Bedoeling was adopted lean to
rules and targets, later ones more to the purpose, and not everywhere: Werk en inkomen
still counts its conversations.

``test_demo_stories`` keeps them from sliding back into near-duplicates."""

from dataclasses import dataclass

from bedoeling.stories.models import Consent, PurposePart, TellerRole


@dataclass(frozen=True)
class Told:
    team: str | None
    days: int  # told this many days ago
    triad: tuple[int, int, int] | None  # (rules, targets, purpose); None: not applicable
    room: int | None  # 0..10
    outcome: int | None  # 0..10
    feeling: int | None  # 1..5
    text: str
    title: str = ""
    prompt: int = 0
    role: str = TellerRole.EMPLOYEE
    who: tuple[str, ...] = ()  # the school's "Wie speelden een rol?"
    blocked: tuple[str, ...] = ()  # the municipality's "Wat zat in de weg?"
    often: str | None = None
    consent: str = Consent.LIBRARY
    author: str | None = None  # e-mail of a teller who gave their name
    curate: tuple[str, str, str] | None = None  # (library title, purpose part, note)

    @property
    def public(self) -> bool:
        return self.role in (TellerRole.PARENT, TellerRole.CLIENT, TellerRole.PUPIL,
                             TellerRole.PARTNER)


WHO = {"kind": "een leerling", "ouders": "ouders", "collega": "collega's",
       "ib": "de intern begeleider", "directie": "de directie", "extern": "externe hulp"}
BLOCKED = {"systeem": "een formulier of systeem", "regel": "een regel of wet",
           "tijd": "tijdsdruk of werkdruk", "target": "een target of cijfer",
           "niets": "niets, het liep goed"}
OFTEN = {"eenmalig": "eenmalig", "soms": "soms", "vaak": "vaak", "week": "elke week"}

P, C, PU, PA, L = (TellerRole.PARENT, TellerRole.CLIENT, TellerRole.PUPIL, TellerRole.PARTNER,
                   TellerRole.LEAD)
ON, MI, BO, IB = "Onderbouw", "Middenbouw", "Bovenbouw", "Interne begeleiding"

# De Wilgenhoek adopted its second Bedoeling 75 days ago.
SCHOOL = [
    Told(BO, 300, (1, 8, 1), 2, 2, 1, title="Elke vrijdag een proeftoets", prompt=1,
         who=("kind", "directie"), text=(
             "In groep 8 oefenen we sinds de herfstvakantie elke vrijdag met een proeftoets. "
             "Dat is zo afgesproken nadat onze score vorig jaar onder het landelijk gemiddelde "
             "zat. Vorige week zag ik Fleur na tien minuten haar potlood neerleggen. Ze keek "
             "naar de klok, naar mij, en begon zachtjes te huilen. Ik heb haar aangemoedigd om "
             "door te gaan, want een lege toets telt ook mee in het overzicht. Na afloop zei "
             "ze dat ze ‘gewoon dom’ is. Ik heb die middag de score ingevoerd en ben naar huis "
             "gefietst met een steen in mijn maag.")),
    Told(BO, 30, (1, 1, 8), 8, 8, 5, title="Vrijdag zonder proeftoets",
         who=("kind", "collega", "directie"), text=(
             "Deze maand geen proeftoetsen meer op vrijdag. We hebben het in het bouwoverleg "
             "besproken en de directeur zei: doe het maar. Op vrijdag lezen we nu voor en "
             "maken we een klassenkrant. Fleur vroeg of het zo blijft.")),
    Told(IB, 200, (7, 2, 1), 2, 3, 2, prompt=1, who=("kind", "collega", "ib"), text=(
        "Een leerling van groep 7 met een vermoeden van dyscalculie moest de methodetoets "
        "rekenen maken zonder rekenkaart, omdat het onderzoek nog niet was afgerond. De "
        "leerkracht vroeg mij of er een uitzondering kon. Volgens ons toetsprotocol mag een "
        "hulpmiddel pas na een verklaring. Ik heb nee gezegd. Achteraf had ik moeten zeggen: "
        "we doen het, en we schrijven op waarom.")),
    Told(BO, 20, (1, 3, 6), 7, 8, 4, who=("kind",), text=(
        "Groep 8 kreeg de uitslag van de doorstroomtoets. Ik heb de kinderen hun uitslag één "
        "voor één in de gang gegeven, in plaats van een lijst op het digibord. Dat kostte een "
        "uur. Sem kwam terug de klas in en vroeg: ‘Het is hoger dan ik dacht, maar mijn advies "
        "blijft toch hetzelfde?’ Ik kon zeggen: ja, want we kennen jou al acht jaar.")),
    Told(None, 250, (2, 7, 1), 2, 2, 1, role=P, title="Een rode lijn",
         who=("kind", "ouders"), text=(
             "Onze zoon kreeg in groep 6 een brief mee dat hij extra huiswerk moest maken om "
             "‘op niveau’ te komen voor rekenen. Er zat een grafiek bij met een rode lijn. We "
             "hebben die winter elke avond met tranen aan de keukentafel gezeten. Zijn cijfer "
             "ging omhoog. Hij zegt nu dat hij een hekel heeft aan getallen.")),
    Told(BO, 160, (4, 5, 1), 1, 3, 2, prompt=1, who=("kind",), text=(
        "Drie toetsen in één week in januari. Het systeem kleurt rood als je er een "
        "verschuift. Ik heb niets verschoven.")),
    Told(BO, 10, (1, 2, 7), 7, 7, 4, title="Over haar", who=("kind", "ouders"), text=(
        "Bij het adviesgesprek met de ouders van Amira lagen de grafieken van vijf jaar "
        "leerlingvolgsysteem op tafel. Ik heb de map dichtgeklapt en gevraagd wat Amira zelf "
        "wil. Ze wil dierenarts worden, en ze werkt harder dan wie ook in de klas. Haar scores "
        "zeiden havo/vwo; wij zeiden vwo, met een afspraak over hoe ze hulp leert vragen. Haar "
        "vader had tranen in zijn ogen. Of het advies goed uitpakt, weet ik niet. Ik weet wel "
        "dat het gesprek over haar ging.")),
    Told(MI, 50, (2, 1, 7), 8, 8, 4, who=("kind", "collega", "ib"), curate=(
        "Eerst thee, dan de toets", PurposePart.FOR_CLIENT,
        "Laat zien wat ‘eerst aandacht, daarna pas een werkblad’ in het echt betekent."),
        text=(
            "Op dinsdag stond Noor om kwart over acht al bij de kapstok, met haar jas nog aan. "
            "Ze keek niemand aan. Ik wist van haar moeder dat het thuis onrustig was; die nacht "
            "was de politie nog langs geweest. Op het rooster stond de rekentoets. Ik heb mijn "
            "duo-collega gevraagd de klas te beginnen en ben met Noor naar de teamkamer gelopen. "
            "Ik heb thee gezet, en eerst hebben we helemaal niets gezegd. Na een tijdje vertelde "
            "ze dat ze bang was dat haar vader weg zou gaan. Om tien uur zat ze weer in de klas. "
            "De toets heeft ze donderdag gemaakt, in alle rust. Ik heb daarna wel de meldcode "
            "gevolgd en met Ineke gesproken, maar in die volgorde.")),
    Told(ON, 330, (8, 0, 2), 2, 3, 1, who=("kind", "ouders", "ib"), text=(
        "Een kleuter uit mijn groep had al drie dagen dezelfde kleren aan en at in de pauze "
        "niets. Ik wilde de moeder bij het hek aanspreken, maar volgens het protocol loopt dat "
        "via de intern begeleider, en die zat op cursus. Ik heb het genoteerd en gewacht. Op "
        "vrijdag bleek dat moeder in het ziekenhuis lag en dat een buurvrouw voor de kinderen "
        "zorgde. Vier dagen, en niemand van ons had het gevraagd.")),
    Told(IB, 40, (3, 0, 7), 7, 8, 4, author="ineke@wilgenhoek.test",
         who=("ouders", "collega", "ib"), text=(
             "We hebben in het team afgesproken dat je bij zorgen over thuis eerst zelf met de "
             "ouder praat, en daarna pas met mij. Een leerkracht uit de middenbouw deed dat "
             "deze maand bij een vader die net zijn baan kwijt was. Hij was opgelucht dat "
             "iemand het vroeg. Ons gesprek kwam twee dagen later en was korter en beter. Het "
             "dossier is er nog steeds; het staat alleen niet meer vooraan.")),
    Told(MI, 280, (4, 4, 2), 3, 4, 2, who=("kind",), text=(
        "Milan kwam weer zonder ontbijt. Ik had één minuut voor de instructie van het "
        "dictee. Ik heb hem een cracker uit mijn tas gegeven en ben doorgegaan. Niemand heeft "
        "gevraagd waarom hij niet had ontbeten.")),
    Told(None, 25, (2, 0, 8), 8, 8, 5, title="Om half acht bij het hek",
         who=("kind", "collega"), text=(
             "Ik ben de conciërge, dus ik zie ze 's ochtends als eerste. Er is een jongen uit "
             "groep 5 die elke dag om half acht al bij het hek staat, ook als het regent. "
             "Vroeger stuurde ik hem weg tot de bel; dat was de regel. Sinds een paar weken "
             "mag hij binnen helpen met de stoelen en de melk klaarzetten. Hij praat dan "
             "honderduit. Zijn juf weet nu ook waarom hij zo vroeg is: zijn moeder begint om "
             "zeven uur in de thuiszorg.")),
    Told(IB, 220, (7, 1, 2), 2, 3, 1, who=("kind", "ib", "extern"), text=(
        "Voor een meisje uit groep 4 met veel angsten hebben we in september een aanvraag "
        "gedaan bij het wijkteam. In november kwam er een intake, in februari een behandelaar. "
        "Intussen deden wij wat we konden, maar ‘school behandelt niet’, zoals dat heet. Het "
        "meisje heeft een halfjaar gewacht op iemand die ze nog nooit had gezien.")),
    Told(ON, 60, (2, 2, 6), 7, 8, 5, who=("kind",), curate=(
        "Het boek over vuilniswagens", PurposePart.FOR_CLIENT,
        "Kijken naar wat een kind kán, niet alleen naar wat de toets meet."), text=(
            "Bram uit groep 3 wilde niet lezen. De methode zegt dat we na kern 4 verder "
            "moeten, en hij zat nog in kern 2. Op een ochtend zag ik hem op het plein staan "
            "kijken hoe de vuilniswagen de containers leegde. Ik heb in de bibliotheek een "
            "boek over vuilniswagens gehaald, met grote letters en veel plaatjes. Hij las het "
            "twee keer achter elkaar. De toets van kern 4 haalde hij een maand later dan de "
            "rest, maar hij haalde hem.")),
    Told(MI, 310, (6, 3, 1), 1, 2, 2, prompt=1, who=("kind", "ib"), text=(
        "De leesmethode heeft een vaste volgorde, en de intern begeleider wil dat we die "
        "aanhouden omdat de toetsen erop aansluiten. Ik heb drie kinderen in groep 5 die nog "
        "op AVI-Start lezen. Ze doen mee met blok vier. Ze kijken naar de woorden zoals ik "
        "naar Chinees kijk. Ik weet dat ik iets anders zou moeten doen, maar ik weet niet of "
        "dat mag.")),
    Told(ON, 15, (3, 1, 6), 6, 7, 4, title="Mijn observatieformulier klopt niet meer",
         who=("kind", "collega"), text=(
             "Ik loop sinds september stage in groep 3, in mijn tweede jaar van de pabo. Mijn "
             "opdracht was een leesles uit de methode, precies volgens de handleiding, met een "
             "observatieformulier erbij. Halverwege zag ik dat Yusuf en Tess het allang konden "
             "en zaten te wiebelen, en dat Olek nog bij de eerste zin was. Mijn mentor knikte "
             "naar me: ga je gang. Ik heb Yusuf en Tess samen een prentenboek laten voorlezen "
             "en ben naast Olek gaan zitten. Mijn formulier klopt nu niet meer met de les. Ik "
             "heb het toch zo ingeleverd, met uitleg erbij. Benieuwd wat mijn docent ervan "
             "zegt.")),
    Told(ON, 400, (3, 6, 1), 2, 3, 2, who=("kind",), text=(
        "Kleuters die na de zomer volgens de toets nog niet ‘klaar’ zijn voor groep 3, blijven "
        "een jaar langer in de kleutergroep. Twee van mijn kinderen konden al lezen, maar de "
        "toets vond dat ze niet goed genoeg konden knippen.")),
    Told(MI, 35, (2, 1, 7), 9, 8, 5, title="Tegels tellen",
         who=("kind", "collega", "directie"), text=(
             "Kim en ik hebben in groep 6 de rekenmethode een week laten liggen en met de klas "
             "de nieuwe gymzaal opgemeten, die achter de school wordt gebouwd. Oppervlaktes, "
             "schaal, kosten per vierkante meter. De kinderen die bij de methodetoets altijd "
             "onderaan staan, rekenden het snelst uit hoeveel tegels er nodig waren. We moesten "
             "het wel uitleggen aan de directeur, want we liepen een week achter. Ze zei: laat "
             "maar zien. Dat hebben we gedaan, op de ouderavond.")),
    Told(None, 45, (3, 0, 7), 8, 9, 5, role=P, who=("ouders", "kind", "collega"), curate=(
        "Binnenlopen mag", PurposePart.STATEMENT, ""), text=(
            "Mijn vader was in het weekend overleden, en Tim wist het sinds zondagavond. "
            "Maandagochtend stond ik met hem in de gang; ik wilde de juf alleen even zeggen "
            "dat hij verdrietig kon zijn. Ik had geen afspraak, en ik weet dat je die via de "
            "app moet maken. De juf zag me staan, vroeg een collega om de klas te beginnen en "
            "nam vijf minuten voor me. Tim heeft die dag in de kring over zijn opa mogen "
            "vertellen. Ik wist niet dat dat kon. Nu weet ik: binnenlopen mag.")),
    Told(None, 55, (1, 0, 9), 8, 9, 5, role=P, who=("ouders", "kind"), curate=(
        "De juf belde gewoon", PurposePart.STATEMENT, ""), text=(
            "Onze dochter is erg verlegen, en in groep 4 kreeg ze steeds vaker buikpijn voor "
            "school. Ik had het nog aan niemand verteld. Op een woensdagmiddag belde de juf. "
            "Ze had gezien dat Zoë in de kring niets meer zei, en vroeg gewoon hoe het thuis "
            "ging. Geen formulier, geen afspraak over drie weken. Dat telefoontje duurde een "
            "half uur. Nu zit Zoë naast een meisje uit onze straat, en ze fietsen samen naar "
            "school.")),
    Told(None, 240, (6, 3, 1), 1, 2, 1, role=P, title="Acht minuten", who=("ouders", "ib"),
         text=(
             "Bij het tienminutengesprek lag het rapport open en ging het over de toetsen: "
             "rekenen een C, spelling een B, begrijpend lezen een C. Ik wilde vertellen dat "
             "mijn zoon 's nachts niet slaapt sinds zijn vader het huis uit is. Na acht minuten "
             "ging de wekker op het bureau. De juf zei dat we een vervolgafspraak konden maken "
             "via de intern begeleider. Dat gesprek kwam vijf weken later.")),
    Told(MI, 180, (7, 1, 2), 2, 2, 1, who=("ouders", "kind", "collega"), text=(
        "We communiceren met ouders via de schoolapp; dat is de afspraak. De moeder van "
        "Yusuf reageerde nooit. Na drie gemiste ouderavonden hoorde ik van een collega dat ze "
        "nauwelijks Nederlands leest. Alle berichten van dit jaar waren langs haar heen "
        "gegaan, ook die over het schoolreisje, en dat heeft Yusuf daardoor gemist.")),
    Told(ON, 12, (1, 0, 9), 9, 8, 5, who=("ouders", "kind"), text=(
        "Sinds de herfst doen we de startgesprekken in groep 1 en 2 bij de kinderen thuis, "
        "als ouders dat willen. Het kost me drie avonden. Bij één gezin zat ik tussen de "
        "konijnenhokken in de schuur, want daar voelde de vader zich op zijn gemak. Ik weet nu "
        "meer over die kinderen dan vroeger na een heel jaar in de klas.")),
    Told(None, 5, (3, 0, 7), 6, 7, 4, role=P, who=("ouders",), text=(
        "Ik ben vader van twee kinderen op De Wilgenhoek. Ik werk in ploegendienst, en de "
        "gesprekken zijn altijd om half vier. Dit jaar mocht ik voor het eerst 's avonds "
        "bellen. Het was kort, maar ik was er eindelijk bij.")),
    Told(MI, 65, (2, 1, 7), 8, 7, 5, prompt=1, who=("collega", "ib", "directie"), curate=(
        "Eén A4 in gewone woorden", PurposePart.STOP_DOING,
        "Hier stopten we echt met iets: de groepsplannen van twaalf pagina's."), text=(
            "Tot vorig jaar schreven we per vak een groepsplan van twaalf pagina's, met doelen "
            "per niveaugroep en een evaluatie per blok. Niemand las ze; de inspectie vroeg "
            "alleen of ze er waren. Na de studiedag hebben we ze vervangen door één A4 per "
            "groep, in gewone woorden: wat deze kinderen nodig hebben en wat wij daarvoor "
            "doen. Het kostte me een avond in plaats van een weekend. Bij de overdracht naar "
            "groep 6 heb ik dat A4'tje met de nieuwe leerkracht doorgenomen, en we hebben het "
            "een uur over de kinderen gehad in plaats van over het format.")),
    Told(BO, 350, (6, 3, 1), 2, 3, 1, prompt=1, title="Een uur achter een scherm",
         who=("directie",), text=(
             "Ik heb het een keer geteld. Op een gewone dinsdag registreer ik de aanwezigheid, "
             "de uitslagen van het dictee, twee handelingsplannen, een incident op het plein en "
             "mijn observaties voor het groepsoverzicht. Dat is ruim een uur achter een scherm. "
             "Dat uur gaat ergens vanaf, en het gaat af van de voorbereiding van mijn lessen. "
             "Ik sta vijftien jaar voor de klas. Ik ben nog nooit zo goed gedocumenteerd en zo "
             "slecht voorbereid geweest.")),
    Told(ON, 120, (6, 4, 0), 1, None, 2, prompt=1, who=(), text=(
        "Het observatiesysteem voor kleuters vraagt 72 vinkjes per kind per halfjaar. Ik heb "
        "26 kinderen.")),
    Told(None, 8, (2, 2, 6), 7, None, 4, role=L, who=("directie", "collega"), text=(
        "Als directeur schrijf ik elk jaar een jaarverslag met opbrengsten, verzuim en de "
        "tevredenheid van ouders. Dit jaar heb ik er voor het eerst drie verhalen uit ons team "
        "in gezet, met toestemming. Het bestuur vroeg in de vergadering niet naar de cijfers, "
        "maar naar het verhaal over de leenbril. Het cijferdeel heb ik laten staan; dat hoort "
        "erbij. Maar het staat niet meer vooraan.")),
    Told(MI, 70, (3, 0, 7), 7, 8, 4, who=("kind", "ouders"), curate=(
        "Om de beurt vertellen", PurposePart.FOR_US, ""), text=(
            "Na de pauze kwamen Jesse en Mohammed binnen met een gescheurde jas en een "
            "bloedneus. Volgens het pestprotocol vul je een incidentformulier in en bel je "
            "beide ouders. Dat heb ik ook gedaan, maar eerst heb ik ze samen op de gang gezet: "
            "jullie vertellen om de beurt, de ander luistert en zegt niets. Het ging om een "
            "voetbal en een opmerking over iemands moeder. Na tien minuten gaven ze elkaar "
            "een hand, uit zichzelf. Het formulier was daarna zo ingevuld.")),
    Told(ON, 200, (9, 0, 1), 0, 2, 1, who=("kind", "collega"), text=(
        "Ik ben onderwijsassistent en loop drie keer per week pleinwacht. De regel is dat "
        "kinderen tijdens het buitenspelen niet naar binnen mogen, ook niet naar de wc, "
        "zonder toestemming van wie pleinwacht heeft. Dat ben ik dan, maar ik mag niemand "
        "binnenlaten als er binnen geen volwassene is. Een kleuter heeft het in zijn broek "
        "gedaan terwijl ik de teamkamer stond te bellen.")),
    Told(None, 150, (8, 1, 1), 1, 2, 2, who=("ouders", "directie"), text=(
        "Het hek gaat om kwart over acht open, geen minuut eerder. Dat is zo besloten na een "
        "klacht over toezicht. Ik sta er elke ochtend bij en zie de ouders in de regen wachten, "
        "met kleuters achter op de fiets. Een vader vroeg of de kleintjes dan tenminste onder "
        "het afdak mochten. Ik heb gezegd dat ik het zou vragen. Ik heb het gevraagd. Het hek "
        "gaat nog steeds om kwart over acht open.")),
    Told(BO, 90, (3, 0, 7), 5, 7, 3, who=("kind",), text=(
        "Een jongen in groep 7 had voor de derde keer een stoel omgegooid. Volgens de "
        "afspraken volgt dan een time-out bij de directeur en een gesprek met de ouders. Ik "
        "heb eerst gevraagd wat er vlak daarvoor gebeurde. Hij bleek de opdracht op het bord "
        "niet te kunnen lezen; hij schaamde zich en gooide liever een stoel. De volgende dag "
        "zat hij vooraan, met de opdracht ook op papier. De afspraken heb ik die keer niet "
        "gevolgd. Ik heb het wel gemeld.")),
    Told(BO, 18, (1, 0, 9), 9, 8, 5, who=("kind",), text=(
        "De kinderen van groep 8 lossen ruzies nu zelf op, op de ‘praatbank’ bij de "
        "zandbak. Wij kijken alleen of het lukt. Meestal lukt het.")),
    Told(MI, 140, (5, 4, 1), 1, 2, 1, title="Formeel klopt het",
         who=("kind", "collega", "directie"), text=(
             "Door het lerarentekort hadden we in maart drie weken geen invaller voor groep 4. "
             "De klas werd elke dag verdeeld over de andere groepen, met een stapel "
             "werkbladen. Ik had er vier kinderen bij, die aan een tafel achterin zaten te "
             "kleuren. Op het overzicht voor het bestuur stond dat er ‘onderwijs gegeven’ "
             "werd. Formeel klopt dat.")),
    Told(BO, 100, (5, 4, 1), 2, None, 1, consent=Consent.ANALYSIS, text=(
        "Ik heb deze maand twee keer op zondag rapporten zitten invullen. Ik vind het werk "
        "mooi, maar zo red ik het niet tot de zomer.")),
    Told(ON, 22, (4, 2, 4), 4, 7, 3, who=("kind", "collega"), text=(
        "Mijn stagiair Bas kreeg van de pabo de opdracht om een toets af te nemen en te "
        "analyseren. Hij vroeg of hij in plaats daarvan een week lang één kind mocht volgen, "
        "een stille jongen die weinig opvalt. Dat mocht van de opleiding niet. Hij heeft "
        "allebei gedaan, in zijn eigen tijd. Wat hij over die jongen opschreef, heb ik "
        "gelezen. Ik had het zelf niet gezien.")),
    Told(BO, 380, (8, 1, 1), 3, None, 2, who=("collega", "directie"), text=(
        "Mijn eerste jaar op De Wilgenhoek. Ik kreeg een map met protocollen: pesten, "
        "medicijnen, meldcode, sociale media, toetsen, ICT, excursies. Ruim tachtig pagina's. "
        "Wat ik niet kreeg, was iemand die me vertelde waarom we hier zijn. Na drie maanden "
        "vroeg een ouder me wat de school belangrijk vindt. Ik kon alleen de protocollen "
        "opnoemen.")),
    Told(ON, 260, (3, 6, 1), 2, 3, 2, prompt=1, who=("kind", "extern"), text=(
        "De gemeente vroeg hoeveel kleuters een indicatie voor voorschoolse educatie hadden, "
        "en hoeveel daarvan in groep 3 ‘op niveau’ kwamen. Ik moest voor elk kind een score op "
        "taal invullen. Bij Olek, die thuis Pools spreekt en op het plein de grootste kletskous "
        "is, stond er uiteindelijk ‘onvoldoende’. Die score gaat nu met hem mee.")),
    Told(ON, 3, (3, 0, 7), 6, 8, 4, who=("kind", "ouders", "extern"), text=(
        "De logopedist werkt sinds dit jaar in de school, in het kamertje naast de gymzaal. "
        "Ouders hoeven niet meer met hun kind naar de praktijk in het dorp. Een moeder zonder "
        "auto zei: nu lukt het eindelijk. Het regelen kostte ons een halfjaar mailen over "
        "verzekeringen en huur van het lokaal.")),
    Told(None, 300, (2, 7, 1), 3, 4, 2, role=L, who=("directie", "collega"), text=(
        "Bij het bezoek van de inspectie kwam onze eindtoetsscore ter sprake: twee jaar "
        "achter elkaar onder de signaleringswaarde. Daarna heb ik in het team gezegd dat de "
        "referentieniveaus omhoog moesten, met extra oefenmiddagen. Ik zag de gezichten. Het "
        "gemiddelde ging omhoog. Drie collega's vroegen om minder uren.")),
    Told(None, 14, (2, 5, 3), None, None, 3, role=PU, who=("kind",), text=(
        "Ik vind de toetsweek stom want dan mag je niet praten en als het regent ook niet naar "
        "buiten. Maar juf zei dat we na elke toets mochten dansen. Dat was wel leuk.")),
]

WM, WI, JG, SH = "Wmo-consulenten", "Werk en inkomen", "Jeugd en gezin", "Schuldhulpverlening"

# Lindeveld adopted its second Bedoeling 380 days ago.
MUNICIPALITY = [
    Told(WM, 500, (8, 1, 1), 1, 2, 1, prompt=1, blocked=("regel", "tijd"), often="vaak",
         text=(
             "Meneer De Vries is 84 en kan sinds een val de trap niet meer op. Hij slaapt al "
             "weken op de bank in de woonkamer; de badkamer is boven. Voor een traplift is een "
             "advies van een ergotherapeut nodig, en de wachttijd daarvoor was acht weken. Ik "
             "heb de aanvraag in behandeling genomen en de termijnen uitgelegd aan zijn dochter. "
             "In de negende week viel hij opnieuw, op weg naar de wc. De traplift kwam in week "
             "elf.")),
    Told(WM, 200, (2, 0, 8), 8, 9, 5, blocked=("niets",), often="soms", curate=(
        "Dezelfde middag langs", PurposePart.FOR_CLIENT,
        "Maatwerk zonder eerst alle stappen af te wachten."), text=(
            "De dochter van mevrouw Kok belde op een donderdag: haar moeder komt de trap niet "
            "meer op en durft niet meer te douchen. Ik ben dezelfde middag langsgegaan. Wat er "
            "nodig was, zag je zo; daar had ik geen ergotherapeut voor nodig. Via de "
            "uitleenservice stond er die avond een bed beneden en een douchekruk in de "
            "badkamer. De traplift hebben we daarna aangevraagd, met een korte motivering en "
            "een akkoord van mijn teamleider; het onderzoek volgde achteraf. Drie weken later "
            "zat de lift erin. Mevrouw Kok zegt dat ze de eerste nacht beneden beter sliep dan "
            "in maanden.")),
    Told(WM, 420, (4, 5, 1), 2, 1, 2, blocked=("target", "regel"), often="soms", text=(
        "Meneer Osei vroeg een scootmobiel aan. We hebben een contract met één leverancier, "
        "die een standaardmodel levert. Meneer Osei is 1,96 meter; zijn knieën komen tegen "
        "het stuur. Een aangepast model kost meer dan het budget per voorziening, en het "
        "budget stond dat jaar al onder druk. Ik heb het standaardmodel toegekend. Hij rijdt "
        "er niet in.")),
    Told(WM, 150, (2, 1, 7), 8, 8, 4, blocked=("tijd",), often="vaak",
         title="Eén gesprek, drie vragen", text=(
             "Het keukentafelgesprek bij mevrouw Bakkal duurde twee uur in plaats van de "
             "geplande drie kwartier. Ze vroeg hulp bij het huishouden, maar op de kast lag "
             "een stapel onbetaalde rekeningen, en haar zoon van 34 woont weer thuis sinds zijn "
             "scheiding. Ik heb die twee uur genomen. Ik heb Kees van schuldhulp gebeld terwijl "
             "ik er nog zat, en de zoon een afspraak gegeven bij het Werkplein. De hulp bij het "
             "huishouden kwam er ook. In de registratie staat één gesprek en één voorziening. "
             "Het was één gesprek, maar het ging over drie dingen.")),
    Told(None, 90, (1, 0, 9), 8, 9, 5, role=C, blocked=("niets",), curate=(
        "Wat ík nodig had", PurposePart.FOR_CLIENT, "Een inwoner vertelt het zelf."), text=(
            "Ik zorg al drie jaar voor mijn man, die dementie heeft. Ik was op. De consulente "
            "kwam bij ons thuis, dronk koffie en vroeg wat ík nodig had. Dat had nog nooit "
            "iemand gevraagd. Twee dagen in de week gaat hij nu naar de dagopvang in het "
            "dorpshuis. Op dinsdag ga ik weer zwemmen.")),
    Told(WM, 30, (8, 1, 1), 2, 3, 2, blocked=("regel",), often="vaak", text=(
        "Een rolstoel verstrekken we volgens de verordening alleen als iemand hem ‘dagelijks "
        "en langdurig’ nodig heeft. Een vrouw die na een heupoperatie drie maanden niet kon "
        "lopen, viel daarbuiten. Ik heb haar doorverwezen naar de thuiszorgwinkel, die huur "
        "vraagt.")),
    Told(WM, 60, (2, 7, 1), 3, 3, 1, title="Gesplitst", consent=Consent.ORGANISATION,
         blocked=("target", "tijd"), often="soms", text=(
             "Sinds januari moeten we 85 procent van de meldingen binnen zes weken afhandelen. "
             "Ik zat op 81. In de laatste week van het kwartaal heb ik de drie ingewikkeldste "
             "meldingen gesplitst in ‘informatie en advies’ en een nieuwe melding, zodat ze "
             "niet meetelden. Volgens het dashboard heb ik het kwartaal gehaald. Volgens mij "
             "heb ik drie mensen laten wachten.")),
    Told(WM, 450, (8, 1, 1), 2, 2, 1, blocked=("regel", "systeem"), often="vaak", text=(
        "Een man met beginnende Parkinson vroeg om een aangepaste douche. Hij huurt bij de "
        "woningcorporatie, en dan is de corporatie eerst aan zet. De corporatie zei dat het "
        "een Wmo-voorziening is. We hebben vier maanden gemaild. Hij heeft in die tijd bij zijn "
        "broer gedoucht.")),
    Told(WI, 250, (2, 1, 7), 6, 9, 5, blocked=("systeem",), often="vaak",
         author="joost@lindeveld.test", curate=(
             "De stukken hadden we al", PurposePart.STOP_DOING,
             "‘Dezelfde bewijsstukken drie keer opvragen’ staat op onze stoplijst. Zo ziet dat "
             "eruit."), text=(
             "Meneer Jansen vroeg bijzondere bijstand aan voor een nieuwe koelkast; de oude "
             "was na twintig jaar kapotgegaan. Ons systeem vraagt bij zo'n aanvraag dezelfde "
             "bankafschriften, het huurcontract en een identiteitsbewijs als bij de uitkering "
             "zelf. Die stukken hadden we al, twee maanden oud. Ik heb hem gebeld en gevraagd "
             "of er iets veranderd was. Er was niets veranderd. Dat heb ik genoteerd, en de "
             "aanvraag heb ik dezelfde dag afgehandeld. Hij zei dat hij voor het eerst niet het "
             "gevoel had dat hij zich moest verdedigen.")),
    Told(WI, 540, (8, 1, 1), 1, 2, 1, title="Niet scherp genoeg", prompt=1,
         blocked=("systeem", "regel"), often="week", text=(
             "Bij de herbeoordeling van een uitkering moesten we opnieuw het huurcontract, de "
             "loonstroken en drie maanden afschriften opvragen. Mevrouw Van Dijk heeft geen "
             "printer en geen scanner. Ze fotografeerde alles met haar telefoon, en het "
             "systeem weigerde de foto's omdat ze niet scherp genoeg waren. Na drie pogingen "
             "is ze met een tas vol papier naar het gemeentehuis gelopen, een half uur lopen. "
             "Daar vertelde de balie haar dat ze het digitaal moest aanleveren.")),
    Told(WI, 100, (3, 0, 7), 6, 8, 4, blocked=("regel",), often="soms", text=(
        "Ik ben klantmanager. Een jonge vrouw van 23 had al twee keer een afspraak gemist. "
        "Volgens de regels volgt dan een maatregel: een korting op de uitkering. Ik ben in "
        "plaats daarvan bij haar langsgegaan. Ze zat thuis met een baby van vier maanden en "
        "had geen oppas; de brieven lagen ongeopend op de trap. We hebben het gesprek aan haar "
        "keukentafel gevoerd. Ik heb de maatregel niet opgelegd en in het dossier gezet "
        "waarom. Mijn teamleider heeft het teruggelezen en er een duim onder gezet.")),
    Told(WI, 400, (2, 7, 1), 2, 1, 1, title="Uitstroom", blocked=("target",), often="vaak",
         text=(
             "We hadden een doelstelling: twintig procent van het bestand binnen een jaar aan "
             "het werk. Ik moest mensen voordragen voor een schoonmaakbaan van drie maanden bij "
             "een uitzendbureau. Een man met ernstige rugklachten stond op mijn lijst. Ik heb "
             "hem voorgedragen. Hij heeft het twee weken volgehouden en zat daarna weer in de "
             "bijstand, met een nieuwe aanvraag en een nieuwe wachttijd. In het jaaroverzicht "
             "telt hij als uitstroom.")),
    Told(WI, 300, (2, 1, 7), 7, 9, 5, blocked=("niets",), often="soms", curate=(
        "Twee minuten bellen", PurposePart.STOP_DOING, ""), text=(
            "De aanvraag van een man van 58 voor een uitkering kwam binnen met één leeg vakje: "
            "het rekeningnummer van een tweede rekening die hij al jaren niet gebruikt. Normaal "
            "gaat er dan een brief uit met een hersteltermijn van twee weken. Ik heb gebeld. "
            "Binnen twee minuten wist ik genoeg; ik heb het aangevuld en een notitie gemaakt. "
            "De uitkering ging dezelfde week in.")),
    Told(WI, 560, (8, 1, 1), 1, 1, 1, blocked=("regel", "systeem"), often="vaak", text=(
        "Volgens de werkinstructie mag ik geen gegevens aanvullen op basis van een "
        "telefoongesprek. Een mevrouw had bij ‘vermogen’ niets ingevuld, ook geen nul. Ik heb "
        "de standaardbrief gestuurd. Ze woonde tijdelijk bij haar zus en kreeg hem niet. De "
        "aanvraag verviel. Vijf weken later stond ze aan de balie, met schulden.")),
    Told(WI, 180, (5, 0, 5), 4, 6, 3, blocked=("regel",), often="soms", text=(
        "Een alleenstaande vader had drie maanden lang een paar honderd euro per maand te veel "
        "gekregen, omdat wij zijn nieuwe baan te laat hadden verwerkt. Hij had het netjes "
        "doorgegeven. Volgens de wet moeten we het terugvorderen, en dat hebben we gedaan. "
        "Wat ik wel kon kiezen, was de hoogte van de aflossing. Die heb ik zo laag gezet als "
        "mocht, en in de brief heb ik geschreven dat de fout bij ons lag. Hij belde om te "
        "zeggen dat juist dat laatste het verschil maakte.")),
    Told(JG, 320, (3, 0, 7), 5, 8, 4, blocked=("regel", "tijd"), often="vaak", curate=(
        "Overbruggen tot de hulp begint", PurposePart.FOR_US, ""), text=(
            "Jesse is twaalf en gaat al weken niet naar school. De jeugdhulp waar hij naartoe "
            "is verwezen, heeft een wachtlijst van vier maanden, en zolang de verwijzing loopt "
            "mogen wij zelf geen hulp inzetten. Ik ben toch elke week langsgegaan, samen met "
            "de leerplichtambtenaar, en met school hebben we een rooster van drie ochtenden "
            "gemaakt. Toen de behandeling eindelijk begon, ging Jesse al weer naar school. De "
            "behandelaar zei dat het veel uitmaakte.")),
    Told(JG, 40, (1, 0, 9), 9, 8, 5, title="Spreekuur zonder afspraak", blocked=("niets",),
         often="soms", text=(
             "Ik ben wijkcoach in Lindeveld-Oost. Op maandag houd ik spreekuur in het buurthuis, "
             "zonder afspraak. Deze week kwam er een opa binnen met zijn kleindochter van negen. "
             "Hij voedt haar op sinds zijn dochter in de gevangenis zit, en hij wist niet dat "
             "hij recht had op een vergoeding of op kinderbijslag. Hij dacht dat hij alles zelf "
             "moest betalen van zijn AOW. We hebben de formulieren samen ingevuld op mijn "
             "laptop, terwijl zijn kleindochter aan de tafel ernaast zat te tekenen. Ze tekende "
             "mij met een baard. Die heb ik niet.")),
    Told(JG, 470, (8, 1, 1), 2, 2, 1, blocked=("regel", "systeem"), often="vaak", text=(
        "Volgens de procedure is na een verwijzing de zorgaanbieder verantwoordelijk. Ik heb "
        "het dossier van een gezin met drie kinderen overgedragen en gesloten. De moeder belde "
        "daarna nog vier keer naar ons nummer. Ze kreeg steeds iemand anders, die het dossier "
        "niet kende en zei dat het gesloten was.")),
    Told(JG, 390, (2, 7, 1), 2, 2, 1, blocked=("target", "tijd"), often="vaak", text=(
        "Mijn caseload zat op 34 gezinnen; de norm is 25. Een gezin op de wachtlijst van een "
        "aanbieder telt als ‘doorverwezen’, dus ik mocht het van mijn lijst halen. Dat heb ik "
        "bij zes gezinnen gedaan. Mijn cijfer klopte weer. Een halfjaar later kwamen er twee "
        "terug, met meer problemen dan eerst.")),
    Told(JG, 10, (1, 1, 8), 8, 8, 5, blocked=("niets",), often="soms", text=(
        "Esra heeft deze week school, huisarts en ouders in één uur bij elkaar gezet, bij het "
        "gezin thuis, in plaats van drie aparte afspraken op kantoor. De vader zei: ‘Nu hoef "
        "ik het maar één keer te vertellen.’")),
    Told(None, 130, (2, 0, 8), None, 9, 5, role=C, blocked=("niets",), text=(
        "Mijn zoon heeft autisme. Elk jaar moest ik opnieuw bewijzen dat hij autisme heeft, "
        "met een nieuw verslag van een psycholoog. Dit jaar kreeg ik een brief dat zijn "
        "indicatie voor vijf jaar is verlengd, zonder dat ik iets hoefde op te sturen. Ik heb "
        "die brief drie keer gelezen.")),
    Told(SH, 270, (3, 0, 7), 6, 9, 5, blocked=("regel", "systeem"), often="soms", curate=(
        "Het licht bleef aan", PurposePart.FOR_CLIENT, ""), text=(
            "Een man kwam bij ons met een schoenendoos vol ongeopende enveloppen. Voor de "
            "volgende dag was een afsluiting van gas en licht aangekondigd. De intake vraagt "
            "een volledig schuldenoverzicht voordat we iets mogen doen. Ik heb eerst de "
            "energieleverancier gebeld en de afsluiting tegengehouden. Daarna hebben we samen "
            "de enveloppen opengemaakt, aan zijn keukentafel. Een halfjaar later zit hij in "
            "een schuldregeling en opent hij zijn post weer zelf.")),
    Told(SH, 520, (2, 7, 1), 2, 1, 1, blocked=("target",), often="vaak", text=(
        "We worden gemeten op het aantal afgeronde trajecten. Een mevrouw met schulden bij "
        "elf schuldeisers en een zoon in detentie paste daar niet in: dat zou maanden duren en "
        "misschien mislukken. Ik heb haar eerst naar de budgetcursus verwezen, en die zat vol. "
        "Ze is uit beeld geraakt.")),
    Told(SH, 160, (7, 1, 2), 3, 5, 2, blocked=("regel", "tijd"), often="soms", text=(
        "Wie in de afgelopen vijf jaar een schuldtraject had, komt volgens onze beleidsregels "
        "niet opnieuw in aanmerking. Een jonge vrouw die op haar achttiende schulden maakte "
        "door een telefoonabonnement, was nu 24 en had opnieuw schulden na een scheiding. Ik "
        "heb een beroep gedaan op de hardheidsclausule. Dat duurde zeven weken, en intussen "
        "liep het beslag door.")),
    Told(None, 20, (1, 0, 9), None, 7, 4, role=C, blocked=("niets",), text=(
        "Ik durfde het niemand te vertellen. Toen ik eindelijk belde, zei de man aan de "
        "telefoon: goed dat je belt. Meer niet. Dat was genoeg om de volgende dag weer te "
        "bellen.")),
    Told(WI, 395, (8, 1, 1), 1, 2, 1, blocked=("systeem", "regel"), often="soms", text=(
        "Door een beslag op de uitkering hield een gezin minder over dan de beslagvrije voet. "
        "Het systeem rekende met een oude huur. Ik zag het, maar aanpassen mocht pas na een "
        "nieuw verzoek van de deurwaarder. Twee maanden lang hield dat gezin 140 euro per "
        "maand te weinig over.")),
    Told(WI, 220, (3, 0, 7), 5, 8, 4, title="Een geeltje", blocked=("regel", "systeem"),
         often="week", author="ilse@lindeveld.test", text=(
             "Ik sta aan de balie van het Werkplein. Een man kwam binnen met een brief van ons "
             "in zijn hand. Hij begreep er niets van en dacht dat zijn uitkering werd "
             "stopgezet. Het ging om de inlichtingenplicht: twee kantjes juridische taal. "
             "Volgens het protocol mag ik aan de balie geen inhoudelijke uitleg geven over een "
             "lopend besluit. Ik heb de brief samen met hem gelezen, in gewone woorden, en op "
             "een geeltje geschreven wat hij moest doen. Eén ding maar: zijn nieuwe "
             "huurcontract opsturen. Hij vouwde het geeltje op en stopte het in zijn "
             "portemonnee.")),
    Told(WI, 120, (2, 0, 8), 7, None, 5, title="De brief herschreven",
         consent=Consent.ORGANISATION, blocked=("niets",), often="eenmalig", text=(
             "Na het verhaal over het geeltje hebben we met vier klantmanagers en een jurist de "
             "standaardbrief over de inlichtingenplicht herschreven. Van twee kantjes naar een "
             "halve pagina, met bovenaan: wat moet u doen, en wanneer. De jurist was het eerst "
             "niet eens met de zin ‘Twijfelt u? Bel ons gerust.’ Die staat er nu toch in.")),
    Told(None, 480, (7, 2, 1), None, 1, 1, role=C, blocked=("systeem",), text=(
        "Ik belde de gemeente over mijn huurtoeslag. Ik werd drie keer doorverbonden. De "
        "laatste zei dat huurtoeslag van de Belastingdienst is. Dat wist ik ook wel, maar de "
        "Belastingdienst had me naar de gemeente gestuurd.")),
    Told(WI, 440, (2, 7, 1), 1, 1, 1, blocked=("target", "tijd"), often="week", text=(
        "Aan de telefoon geldt een gemiddelde gesprekstijd van vier minuten. Een oudere "
        "mevrouw begon te vertellen over haar overleden man en de papieren die ze niet kon "
        "vinden. Na zes minuten heb ik haar gewezen op het digitale loket en de website. Ze "
        "heeft geen computer, zei ze nog. Ik had de volgende beller al in de wacht.")),
    Told(WM, 80, (4, 0, 6), 5, 7, 3, blocked=("regel", "tijd"), often="soms", text=(
        "Een Syrische vrouw kwam met haar dochter van twaalf als tolk naar het "
        "keukentafelgesprek. Het ging over de incontinentie van haar man. Ik zag het meisje "
        "rood worden. We mogen een tolk inzetten, maar de tolkentelefoon moet een week van "
        "tevoren worden aangevraagd. Ik heb het gesprek gestopt en het over een week "
        "opnieuw gepland, met een tolk en zonder de dochter. Het was later, maar het was een "
        "echt gesprek.")),
    Told(None, 250, (5, 0, 5), None, 7, 3, role=C, blocked=("systeem",), text=(
        "Ik kreeg een brief dat mijn aanvraag onvolledig was. Er stond niet in wat er "
        "ontbrak. Toen ik belde, zei een medewerkster: dat zie ik ook niet, ik zoek het voor u "
        "uit. Ze belde dezelfde middag terug. Het was een handtekening.")),
    Told(WM, 590, (2, 7, 1), 2, 3, 1, blocked=("target",), often="week", text=(
        "Elke maandag komt er een overzicht met het aantal afgehandelde dossiers per "
        "consulent. Wie onder de norm zit, staat in het rood. Ik stond drie weken rood, omdat "
        "ik twee ingewikkelde gezinnen had met elk vier huisbezoeken. In het teamoverleg werd "
        "me gevraagd hoe ik dat ging oplossen. De weken daarna heb ik vooral makkelijke "
        "dossiers opgepakt.")),
    Told(None, 300, (2, 2, 6), 8, None, 4, role=L, title="Geen rood en groen meer",
         blocked=("niets",), often="eenmalig", text=(
             "Ik ben afdelingshoofd. Na de bijeenkomst vorig jaar ben ik gestopt met het rode "
             "en groene overzicht per consulent op maandag. Elk teamoverleg begint nu met één "
             "verhaal van een inwoner, verteld door iemand uit het team. De cijfers bespreken "
             "we nog steeds, maar per team en per kwartaal. Het eerste kwartaal daarna gingen "
             "de doorlooptijden iets omhoog. Het ziekteverzuim ging omlaag. Ik heb het bestuur "
             "allebei laten zien.")),
    Told(JG, 410, (8, 1, 1), 1, 2, 1, blocked=("systeem", "tijd"), often="vaak", text=(
        "Een registratie moet binnen 24 uur in het systeem. Na een zwaar gesprek met een "
        "moeder die bang was haar kinderen kwijt te raken, heb ik eerst een uur zitten "
        "invoeren. Daarna belde ik de crisisopvang. Die was al dicht voor het weekend.")),
    Told(WI, 50, (2, 6, 2), 3, 4, 2, blocked=("target", "tijd"), often="week", text=(
        "We sturen nog steeds op het aantal gesprekken per week. Dat is in ons team niet "
        "veranderd, wat er ook in de nieuwe Bedoeling staat. Dus plan ik twee korte gesprekken "
        "waar één lang gesprek beter zou zijn. De mensen merken het: ze moeten alles twee keer "
        "vertellen.")),
    Told(WI, 470, (5, 5, 0), 2, None, 2, blocked=("target", "regel"), often="week", text=(
        "We worden afgerekend op de foutpercentages van de accountant. Dus vraag ik liever "
        "alles op dan dat ik een risico loop. Ook de kopie van een paspoort die we vorig jaar "
        "al hadden.")),
    Told(WM, 5, (1, 1, 8), 7, 9, 5, blocked=("niets",), often="eenmalig",
         author="fatma@lindeveld.test", text=(
             "Vanochtend heb ik voor het eerst een beschikking mondeling toegelicht, bij een "
             "meneer thuis, voordat hij de brief kreeg. Het kostte tien minuten. Hij zei: "
             "‘Dus ik krijg het gewoon?’ Ja, meneer. Dat had ook in de brief moeten staan, in "
             "de eerste zin.")),
    Told(JG, 70, (3, 5, 2), 1, None, 1, consent=Consent.ANALYSIS, blocked=("tijd", "target"),
         often="vaak", text=(
             "Ik kan dit niet meer. Vorige week drie crisismeldingen op één dag, en tussendoor "
             "moest ik de kwartaalcijfers aanleveren. Ik slaap slecht.")),
    Told(None, 110, (1, 0, 9), None, 9, 5, role=PA, blocked=("niets",), often="soms", text=(
        "Ik ben praktijkondersteuner bij een huisartsenpraktijk in Lindeveld. Sinds dit jaar "
        "heb ik het vaste nummer van een Wmo-consulent in plaats van het algemene nummer. "
        "Vorige week belde ik om tien uur over een oudere man die niet meer voor zichzelf kon "
        "zorgen. Om twee uur was er iemand bij hem thuis.")),
    Told(WI, 200, (2, 1, 7), 6, 9, 5, blocked=("regel",), often="eenmalig", text=(
        "Een man van 61 met veertig jaar ervaring als lasser moest van ons een "
        "sollicitatietraining volgen, met een cv-workshop. Ik heb de training geschrapt en hem "
        "gevraagd wat hij zelf wilde. Hij wilde jongens leren lassen. Via de technische school "
        "kon hij twee dagen per week aan de slag als praktijkbegeleider, eerst met behoud van "
        "uitkering. Inmiddels heeft hij een contract voor een jaar.")),
    Told(JG, 560, (7, 1, 2), 2, 2, 1, blocked=("regel", "tijd"), often="vaak", text=(
        "Een moeder belde in paniek: haar zoon van dertien slaapt overdag en is al weken niet "
        "op school geweest. Ik heb een verwijzing gemaakt naar de specialistische jeugdhulp. "
        "Wachttijd: vier maanden. Het enige wat ik haar kon geven, was een folder en het "
        "nummer van de crisisdienst.")),
]

# Shorter stories: most people write a few sentences, not a page.
SCHOOL += [
    Told(BO, 230, (3, 6, 1), 2, 3, 2, prompt=1, who=("kind",), text=(
        "De methodetoets spelling had vijftig woorden. Bij woord dertig lag de helft van de "
        "klas met het hoofd op tafel. Ik heb de toets toch afgemaakt, want anders klopt de "
        "score niet.")),
    Told(BO, 42, (1, 2, 7), 8, 8, 4, who=("kind", "collega"), text=(
        "We laten de kinderen van groep 7 nu eerst zelf zeggen wat ze van een toets "
        "verwachten. Wie denkt dat het misgaat, mag de toets later maken, samen met mij aan "
        "de instructietafel. Bijna niemand maakt er gebruik van. Het helpt al dat het mag.")),
    Told(MI, 270, (2, 7, 1), 2, 3, 1, prompt=1, who=("kind", "directie"), text=(
        "Het leerlingvolgsysteem zet een kind dat twee keer achter elkaar lager scoort "
        "automatisch op de lijst voor een groepsbespreking. Ik had er negen. Over de kinderen "
        "die het thuis moeilijk hebben maar hoog scoren, spraken we niet.")),
    Told(None, 190, (2, 6, 2), 3, 4, 2, role=P, who=("ouders", "kind"), text=(
        "Mijn dochter oefent thuis met een app voor de toetsen, omdat andere ouders dat ook "
        "doen. Ze is negen. Ik weet niet of het goed is, maar ik wil niet dat ze achterblijft.")),
    Told(BO, 28, (2, 1, 7), 7, 7, 4, who=("kind", "ouders"), text=(
        "Een moeder vroeg of haar zoon een bijlesbureau nodig had voor de doorstroomtoets. "
        "Ik heb gezegd: nee, hij moet gaan slapen op tijd en blijven voetballen. Ze lachte, "
        "en ik meende het.")),
    Told(MI, 75, (3, 1, 6), 6, 7, 4, who=("kind",), text=(
        "Elke middag lees ik een kwartier voor uit een dik boek, ook als het rooster vol zit. "
        "Sinds we in ‘Koning van Katoren’ zitten, vragen ze erom. Niemand mag het hoofdstuk "
        "missen, ook niet voor remedial teaching.")),
    Told(ON, 290, (6, 3, 1), 2, 3, 2, who=("kind", "ib"), text=(
        "Voor de leesgroep van kinderen die achterlopen gebruiken we een vast programma met "
        "flitskaarten. Twintig minuten per dag, buiten de klas, op de gang. De kinderen in "
        "die groep missen daardoor elke dag het voorlezen.")),
    Told(None, 35, (1, 0, 9), 8, 9, 5, role=P, who=("ouders", "kind"), text=(
        "Onze zoon haatte lezen. De juf gaf hem een stripboek mee over voetbal en zei: dit "
        "telt ook. Hij las het onder de dekens met een zaklamp. Ik heb hem nog nooit zo stil "
        "gezien.")),
    Told(MI, 330, (5, 4, 1), 2, 3, 2, prompt=1, who=("kind",), text=(
        "Het AVI-niveau staat op het rapport. Een meisje uit mijn groep las op een "
        "verjaardag de hele krant voor aan haar oma, zei haar moeder. Op de toets blijft ze "
        "op AVI-M4 hangen, omdat ze stopt bij de stopwatch.")),
    Told(ON, 48, (2, 1, 7), 8, 8, 5, who=("kind", "collega"), text=(
        "De bibliotheek in de school was een kast met oude boeken. Twee moeders en de "
        "conciërge hebben er in de herfstvakantie een leeshoek van gemaakt, met kussens en "
        "nieuwe boeken van de bibliotheek in het dorp. In de pauze zitten er nu kinderen te "
        "lezen, vrijwillig.")),
    Told(None, 20, (2, 0, 8), 8, 8, 5, who=("kind",), text=(
        "Ik ben de conciërge en lees op vrijdag voor aan groep 1 en 2, als de juf haar "
        "administratie doet. Ze noemen me meester Henk. Dat ben ik niet, maar ik vind het "
        "prachtig.")),
    Told(None, 210, (7, 2, 1), 2, 3, 2, role=P, who=("ouders",), text=(
        "Een gesprek met de juf aanvragen gaat via de app, met een tijdslot. Er waren de "
        "komende drie weken geen tijdsloten meer. Ik ben toen na schooltijd gewoon "
        "binnengelopen en werd vriendelijk teruggestuurd naar de app.")),
    Told(MI, 25, (2, 0, 8), 8, 8, 5, who=("ouders", "kind"), text=(
        "De vader van Bram belt me op vrijdag na vieren, als hij uit zijn werk komt. Dat "
        "staat niet in de afspraken over oudercontact. Het zijn de beste gesprekken die ik "
        "met ouders heb.")),
    Told(ON, 320, (7, 2, 1), 2, 2, 2, who=("ouders", "directie"), text=(
        "Ouders mogen volgens het veiligheidsbeleid niet meer mee de klas in. Een moeder "
        "van een kleuter die elke ochtend huilend bij de deur stond, moest haar dochter bij "
        "het hek achterlaten. Het heeft zes weken geduurd voordat het meisje zonder tranen "
        "naar binnen kwam.")),
    Told(None, 65, (2, 1, 7), 7, 8, 4, role=P, who=("ouders", "collega"), text=(
        "Bij het rapportgesprek zat ook de leerkracht van vorig jaar erbij, omdat mijn zoon "
        "zo aan haar gehecht was. Dat had ik niet gevraagd. Ze had het zelf geregeld.")),
    Told(BO, 400, (7, 3, 0), 1, None, 1, prompt=1, who=("directie",), text=(
        "Het nieuwe registratiesysteem vraagt bij elk incident op het plein zes velden, "
        "waaronder ‘ernst op een schaal van 1 tot 5’. Een ruzie om een bal is een 1. Wat "
        "het voor dat kind betekende, past in geen enkel veld.")),
    Told(IB, 300, (7, 2, 1), 2, 3, 2, prompt=1, who=("collega", "ib"), text=(
        "Als intern begeleider lees ik elk halfjaar alle groepsoverzichten. Dit jaar waren "
        "het er 14, bij elkaar ruim 300 pagina's. Ik heb ze gelezen. Wat ik wilde weten, "
        "hoorde ik daarna in tien minuten bij de koffie.")),
    Told(MI, 20, (3, 1, 6), 7, None, 4, prompt=1, who=("collega", "directie"), text=(
        "We registreren incidenten nu alleen nog als er iets mee moet gebeuren. Het scheelt "
        "me een halfuur per week. Dat halfuur zit nu in de klas.")),
    Told(BO, 260, (4, 5, 1), 2, 3, 1, who=("collega", "directie"), text=(
        "Ik moest voor mijn functioneringsgesprek aantonen hoeveel procent van mijn klas de "
        "referentieniveaus haalde. Mijn klas van dit jaar heeft zes kinderen die pas twee "
        "jaar in Nederland zijn. Die telde het formulier gewoon mee.")),
    Told(ON, 110, (2, 6, 2), 3, None, 1, consent=Consent.ANALYSIS, text=(
        "Sinds de invaller is weggegaan sta ik vier dagen in plaats van drie. Ik zeg nee "
        "tegen niemand. Ook niet tegen mezelf.")),
    Told(MI, 390, (4, 5, 1), 2, 3, 2, who=("collega", "directie"), text=(
        "Bij ziekte van een collega wordt de groep verdeeld. Niemand vraagt wat er met de "
        "lessen van die dag gebeurt, alleen of ieder kind ergens zit.")),
    Told(BO, 8, (1, 1, 8), 8, 8, 5, who=("kind", "collega"), text=(
        "Een invaller die nog nooit voor een groep 8 had gestaan, kreeg van twee kinderen "
        "een rondleiding en een lijst met ‘dingen die je moet weten’. Nummer één: Sem "
        "wordt boos als je zijn naam verkeerd uitspreekt.")),
    Told(ON, 160, (3, 1, 6), 5, 6, 3, who=("kind", "collega"), text=(
        "Als stagiair mag ik niet alleen voor de klas staan. Toen mijn mentor met een "
        "bloedneus van een kind naar de wc liep, stond ik toch alleen. We hebben gezongen. "
        "Het ging goed.")),
    Told(IB, 15, (2, 0, 8), 7, 8, 4, who=("kind", "extern", "ib"), text=(
        "De jeugdverpleegkundige zit nu elke dinsdagochtend bij ons in de school. Ouders "
        "lopen binnen met vragen over slapen en eten. Een vader vroeg of hij ook over "
        "zichzelf mocht praten. Dat mocht.")),
    Told(MI, 230, (7, 1, 2), 2, 2, 1, who=("kind", "ib"), text=(
        "Bij zorgen over thuis moet je eerst twee observaties van een week vastleggen, "
        "daarna pas mag je het met ouders bespreken. Na de tweede week was het kind verhuisd "
        "naar een andere school.")),
    Told(BO, 55, (2, 0, 8), 7, 8, 4, who=("kind", "ouders"), text=(
        "Een meisje uit mijn klas had een broertje gekregen dat te vroeg was geboren. Haar "
        "ouders sliepen in het ziekenhuis. Ze mocht haar huiswerk een maand laten liggen, "
        "zonder briefje en zonder aantekening.")),
    Told(None, 380, (2, 6, 2), 3, 3, 2, role=P, who=("ouders", "kind"), text=(
        "In het rapport van mijn dochter stonden vooral grafieken. Ik ben verpleegkundige en "
        "lees elke dag grafieken. Deze begreep ik niet. Wat ik wilde weten: heeft ze "
        "vriendinnen?")),
    Told(ON, 80, (3, 0, 7), 6, 7, 4, who=("kind", "collega"), text=(
        "Een kleuter was bang voor de wc in het nieuwe gebouw, omdat die zo hard doortrekt. "
        "De conciërge heeft het mechaniek anders afgesteld. Dat stond nergens in zijn "
        "takenlijst.")),
    Told(None, 18, (1, 2, 7), None, None, 4, role=PU, who=("kind",), text=(
        "Ik ben in groep 8 en ik zit in de leerlingenraad. Wij mochten zeggen wat er anders "
        "moet op het plein. Nu is er een stil hoekje en een voetbalhoek. Het is rustiger.")),
]

MUNICIPALITY += [
    Told(WM, 520, (3, 6, 1), 2, 3, 2, prompt=1, blocked=("target", "tijd"), often="week",
         text=(
             "De normtijd voor een keukentafelgesprek is drie kwartier. Bij iemand met "
             "beginnende dementie haal je dat niet, want je moet alles twee keer vragen. Ik "
             "plan die gesprekken nu aan het eind van de dag, zodat niemand het ziet.")),
    Told(WM, 140, (2, 0, 8), 7, 9, 5, blocked=("niets",), often="soms", text=(
        "Een mevrouw met reuma wilde geen scootmobiel, want dan ‘zag de hele straat het’. "
        "We hebben afgesproken dat ze eerst een driewielfiets uitprobeert. Ze fietst nu elke "
        "dag naar de markt.")),
    Told(WM, 480, (8, 1, 1), 2, 2, 1, prompt=1, blocked=("regel", "systeem"), often="vaak",
         text=(
             "Een hulpmiddel dat de zorgverzekeraar vergoedt, valt niet onder de Wmo. Een "
             "douchestoel valt, afhankelijk van het model, onder allebei of onder geen van "
             "beide. Ik heb een uur met de verzekeraar gebeld over een douchestoel van 89 "
             "euro.")),
    Told(None, 330, (1, 0, 9), None, 8, 5, role=C, blocked=("niets",), text=(
        "Na de beroerte van mijn vrouw kwam er binnen een week iemand van de gemeente. Ze "
        "keek rond en zei: die drempels moeten eruit, en de bel moet harder. Twee weken "
        "later was het gedaan.")),
    Told(WM, 45, (2, 1, 7), 7, 8, 4, blocked=("tijd",), often="soms", text=(
        "Huishoudelijke hulp wordt bij ons geïndiceerd in uren per week. Een meneer had "
        "liever één keer per maand een grote schoonmaak en verder niets. Dat heb ik zo "
        "opgeschreven. Het systeem kende de keuze niet, dus staat er nu ‘0,75 uur per week’.")),
    Told(WM, 360, (6, 2, 2), 3, 5, 2, blocked=("regel",), often="vaak", text=(
        "Een mantelzorger vroeg om respijtzorg, zodat ze een weekend weg kon. Volgens de "
        "regels moest eerst worden onderzocht of de familie het kon overnemen. De familie "
        "woont in Marokko.")),
    Told(WI, 510, (7, 2, 1), 2, 2, 1, prompt=1, blocked=("systeem",), often="week", text=(
        "Het aanvraagformulier voor bijstand is 14 pagina's. Voor iemand die net zijn baan "
        "kwijt is en nog nooit iets heeft aangevraagd, is dat een muur. Het formulier kan "
        "alleen met DigiD, en de DigiD-brief komt na vijf werkdagen.")),
    Told(WI, 150, (2, 0, 8), 7, 8, 5, blocked=("niets",), often="soms", text=(
        "Ik heb een aanvraag voor een uitkering samen met een mevrouw ingevuld, aan de "
        "telefoon, veld voor veld. Het kostte een uur. Het scheelde haar een maand wachten "
        "op een hersteltermijn.")),
    Told(WI, 420, (2, 7, 1), 2, 2, 2, blocked=("target",), often="vaak", text=(
        "De klantmanagers hebben een target van 40 ‘activeringsgesprekken’ per maand. "
        "Een gesprek telt pas als het in het systeem staat. Een gesprek bij iemand thuis "
        "kost een middag en telt als één.")),
    Told(None, 360, (7, 1, 2), None, 3, 2, role=C, blocked=("regel", "systeem"), text=(
        "Ik kreeg een uitkering, maar moest elke maand een formulier invullen over mijn "
        "inkomsten. Ik had geen inkomsten. Eén keer vergat ik het, en toen werd de uitkering "
        "een maand stopgezet.")),
    Told(None, 80, (3, 1, 6), 6, 7, 4, role=L, blocked=("regel",), often="eenmalig", text=(
        "De inkomstenverklaring hoeft sinds dit jaar alleen nog als er iets verandert. Mijn "
        "klantmanagers vonden het eng. Het aantal fouten is gelijk gebleven, en de balie is "
        "op maandag een stuk rustiger.")),
    Told(WI, 25, (4, 1, 5), 5, 6, 3, blocked=("regel", "systeem"), often="soms", text=(
        "Ik ben klantmanager en mag sinds kort zelf kleine bedragen bijzondere bijstand "
        "toekennen, tot 250 euro, zonder tweede handtekening. Het systeem vraagt er nog wel "
        "om. Ik zet er nu mijn eigen naam twee keer onder.")),
    Told(JG, 530, (6, 3, 1), 2, 2, 1, prompt=1, blocked=("regel", "systeem"), often="vaak",
         text=(
             "Voor elke vorm van jeugdhulp is een nieuwe beschikking nodig. Een gezin met "
             "drie kinderen had er bij ons elf. De moeder bewaarde ze in een map, en wist niet "
             "meer welke hulp bij welk kind hoorde.")),
    Told(JG, 180, (2, 0, 8), 8, 8, 4, blocked=("niets",), often="soms", text=(
        "Een jongen van vijftien wilde met niemand van de gemeente praten. Hij praatte wel "
        "met zijn voetbaltrainer. We hebben de trainer gevraagd of hij mee wilde naar het "
        "gesprek. Hij zat er in trainingspak bij.")),
    Told(JG, 440, (3, 6, 1), 2, 2, 1, blocked=("target", "tijd"), often="vaak", text=(
        "Het budget voor jeugdhulp was in oktober op. We kregen de opdracht om alleen nog "
        "‘acute’ verwijzingen te doen. Een meisje met een eetstoornis was volgens de lijst "
        "nog niet acuut.")),
    Told(JG, 65, (2, 1, 7), 7, 7, 4, blocked=("tijd",), often="soms", text=(
        "Ik ben wijkcoach. Een school belde over een jongen die elke ochtend te laat kwam. "
        "Ik ben een keer om zeven uur bij het gezin langsgegaan. Moeder werkt nachten en "
        "slaapt als hij moet opstaan. Hij heeft nu een wekker, en een buurvrouw belt aan.")),
    Told(None, 200, (1, 1, 8), None, 8, 5, role=PA, blocked=("niets",), text=(
        "Ik ben mentor op het vmbo. De wijkcoach van Lindeveld kwam gewoon naar school voor "
        "een gesprek met een leerling en zijn ouders. Geen formulier, geen wachttijd. We "
        "hebben samen een plan gemaakt, op een A4'tje.")),
    Told(JG, 250, (2, 0, 8), 8, 8, 5, blocked=("niets",), often="soms", text=(
        "Een meisje van zestien sliep al twee weken bij vriendinnen, omdat ze thuis niet "
        "meer durfde. Ze wilde niet in een opvang. Een tante in Lindeveld-West wilde haar "
        "wel in huis nemen. We hebben dat als netwerkpleegzorg geregeld, met de tante aan "
        "tafel in plaats van een aanbieder.")),
    Told(JG, 120, (2, 1, 7), 7, 7, 4, blocked=("tijd",), often="vaak", text=(
        "Een vader met drie kinderen en een nieuwe baan in ploegendienst kon nooit op onze "
        "kantooruren. Ik zie hem nu om half acht 's avonds, aan zijn eigen tafel, als de "
        "kinderen in bed liggen. Mijn teamleider weet het en vindt het goed.")),
    Told(JG, 30, (1, 0, 9), 9, 9, 5, blocked=("niets",), often="soms",
         author="anouk@lindeveld.test", text=(
             "De jongen die maandenlang thuiszat, fietste vanochtend langs het buurthuis naar "
             "school. Hij stak zijn hand op. Meer niet. Ik heb de hele dag gelachen.")),
    Told(JG, 200, (3, 0, 7), 6, 8, 4, blocked=("regel",), often="soms", text=(
        "Het gezin wilde geen hulpverlener in huis, want ‘dan komen ze de kinderen halen’. "
        "We hebben afgesproken dat ik alleen kom als zij me bellen. Na drie weken belde de "
        "moeder. Sindsdien kom ik elke week.")),
    Told(None, 160, (1, 0, 9), None, 9, 5, role=C, blocked=("niets",), text=(
        "De wijkcoach vroeg mijn dochter wat zíj wilde. Niet mij, niet de school. Ze wilde "
        "op dansles. Dat was het begin.")),
    Told(SH, 460, (7, 2, 1), 2, 2, 1, prompt=1, blocked=("regel", "systeem"), often="vaak",
         text=(
             "Voor de aanmelding bij schuldhulp moeten mensen alle schulden zelf op een lijst "
             "zetten. Wie zijn post niet opent, weet niet wat hij schuldig is. Dat is precies "
             "wie we willen helpen.")),
    Told(SH, 90, (2, 0, 8), 7, 8, 5, blocked=("niets",), often="soms",
         author="kees@lindeveld.test", text=(
             "Een energieleverancier meldt ons nu een betalingsachterstand voordat er wordt "
             "afgesloten. Ik bel dan zelf aan. Deze maand stonden er drie mensen verbaasd in "
             "de deuropening. Alle drie wilden ze hulp.")),
    Told(None, 170, (3, 0, 7), None, 7, 4, role=C, blocked=("regel",), text=(
        "Ik had schulden bij de zorgverzekeraar, de Belastingdienst en een webwinkel. De "
        "schuldhulpverlener heeft eerst de beslagen op mijn loon laten stoppen. Daarna pas "
        "het overzicht. Ik kon weer boodschappen doen.")),
    Told(WI, 300, (3, 5, 2), 3, 4, 2, blocked=("target", "systeem"), often="soms", text=(
        "We moeten bij elke inwoner met schulden een ‘budgetplan’ in het systeem zetten, "
        "anders telt het gesprek niet. Een man die alleen wilde weten of zijn kinderbijslag "
        "beslagvrij is, heeft nu ook een budgetplan.")),
    Told(WI, 470, (7, 2, 1), 1, 2, 1, blocked=("systeem", "regel"), often="week", text=(
        "Aan de balie mogen we geen kopieën maken van documenten die mensen meebrengen; dat "
        "moet digitaal. Een meneer van 80 had zijn papieren meegenomen in een plastic tas. "
        "Ik heb hem de uitleg over uploaden op papier meegegeven.")),
    Told(None, 60, (2, 0, 8), None, 9, 5, role=C, blocked=("niets",), text=(
        "Ik snap brieven niet goed. Er stond nu bovenaan in grote letters wat ik moest doen: "
        "uw huurcontract opsturen voor 1 maart. Dat heb ik gedaan.")),
    Told(WM, 270, (3, 1, 6), 6, 7, 4, blocked=("systeem",), often="soms", text=(
        "Ik ben telefonisch bereikbaar op een eigen nummer, en dat staat nu onder elke "
        "brief die ik verstuur. Ik word vaker gebeld. Ik krijg minder bezwaarschriften.")),
    Told(WI, 560, (6, 3, 1), 2, 2, 1, prompt=1, blocked=("systeem",), often="week", text=(
        "Een brief over een terugvordering gaat automatisch de deur uit zodra het systeem "
        "een verschil ziet. Ook bij een verschil van twee euro. Een mevrouw kwam in tranen "
        "aan de balie met een brief over 2,14 euro.")),
    Told(WM, 15, (2, 5, 3), 4, 5, 3, blocked=("target",), often="soms", text=(
        "Het dashboard telt nu ook hoe vaak een inwoner binnen een jaar terugkomt met "
        "dezelfde vraag. Dat vind ik een beter getal dan de doorlooptijd. Maar het blijft "
        "een getal, en ik merk dat ik er weer naar ga werken.")),
    Told(JG, 540, (2, 7, 1), 2, 2, 1, blocked=("target",), often="week", text=(
        "Op de teamdag hing een grafiek van ‘gesloten casussen per maand’. Ons team stond "
        "onderaan. Niemand vroeg waarom. Wij hebben de gezinnen die niet vanzelf weggaan.")),
    Told(WI, 35, (2, 1, 7), 7, None, 4, blocked=("niets",), often="eenmalig",
         author="remco@lindeveld.test", text=(
             "In ons teamoverleg vertelde een collega hoe ze een aanvraag met één telefoontje "
             "had opgelost. Daarna hebben we met z'n allen de hersteltermijnbrief uit de "
             "standaardset gehaald. Je belt eerst.")),
]
