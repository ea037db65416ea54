"""A year of reflection for Lotte (leerkracht groep 5, De Wilgenhoek) and Fatma
(Wmo-consulent, Lindeveld), and two team rounds: one closed with its result, one still
open with one answer too few to show anything.

Each week's entry is put together from pieces written for this person (what happened,
what got in the way, what she needs), each used at most twice, with a seeded random
generator: the same demo on every run, and no two entries alike. A few entries follow a
reflection model and are written out in full. Her marks (from the Bedoeling, parts,
obstacles) follow the pieces chosen, with a slow trend over the year."""

import random
from datetime import timedelta

from django.utils import timezone

from bedoeling.reflection import services, tasks
from bedoeling.reflection.models import ReflectionEntry, Rhythm, Round

# (text, parts of the Bedoeling it touches)
LOTTE_FROM = [
    ("Maandagochtend zat Sem stil in de kring; hij had het weekend bij zijn vader "
     "doorgebracht en dat ging niet goed. Ik heb de rekenles tien minuten later laten "
     "beginnen en eerst even met hem naar buiten gelopen.", ["for_client"]),
    ("Bij het oudergesprek van Noor heb ik niet met de toetsuitslagen geopend maar met "
     "de tekening die ze over haar opa maakte. Haar moeder begon te huilen, en daarna "
     "hadden we het eindelijk over wat er thuis speelt.", ["for_client", "statement"]),
    ("Ik heb de spellingtoets van blok 3 overgeslagen bij drie kinderen die het duidelijk "
     "al beheersen en ze een eigen schrijfopdracht gegeven. Niemand heeft erom gevraagd, "
     "het voelde als vanzelfsprekend.", ["stop_doing"]),
    ("Yara en ik hebben elkaars les geobserveerd, zomaar op een dinsdag. Zij zag dat ik "
     "de stille kinderen in de hoek nauwelijks aankijk. Dat wist ik niet van mezelf.",
     ["for_us"]),
    ("Tijdens de kleine pauze kwam Daan vertellen dat zijn hamster dood was. Ik heb de "
     "groep gevraagd of we samen iets wilden maken; het werd een kaart met twintig "
     "handtekeningen.", ["for_client"]),
    ("De leerlingenraad mocht deze week meebeslissen over het schoolplein. Ik had "
     "verwacht dat het chaos zou worden, maar groep 5 kwam met het meest doordachte "
     "voorstel.", ["statement", "for_client"]),
    ("In de teamvergadering heb ik gevraagd of we de eerste tien minuten over een kind "
     "konden praten in plaats van over de cito-planning. Marieke zei meteen ja.",
     ["for_us"]),
    ("Mo rekent nog steeds op de vingers, maar hij legde vandaag aan de hele groep uit hoe "
     "hij een breuk ziet als een pizza. Ik heb zijn uitleg op het bord laten staan.",
     ["for_client"]),
    ("Ik ben met de groep naar het park gegaan voor de les over seizoenen. Lisa, die in de "
     "klas nooit iets zegt, wist de namen van zes bomen.", ["for_client", "statement"]),
    ("Een vader vroeg bij het hek of hij even kon binnenlopen. Vroeger had ik gezegd dat "
     "hij een afspraak moest maken; nu heb ik koffie gezet.", ["for_client"]),
    ("Het groepsplan rekenen heb ik teruggebracht tot één A4 met per kind één zin over "
     "wat het nodig heeft. Ineke vond het prima.", ["stop_doing", "for_us"]),
    ("Ik heb elke ochtend vijf minuten vrijgemaakt voor een 'hoe gaat het echt'-rondje. "
     "Na twee weken beginnen de kinderen er zelf om te vragen.", ["for_client"]),
    ("Jesse had een driftbui en gooide zijn schrift door de klas. In plaats van hem eruit "
     "te sturen ben ik naast hem gaan zitten tot hij weer kon praten.", ["for_client"]),
    ("Met Priya uit de onderbouw heb ik afgesproken hoe we de overgang naar groep 5 voor "
     "Amira zachter maken. We hebben het samen met Amira zelf besproken.",
     ["for_us", "for_client"]),
    ("De rapportgesprekken heb ik dit keer met het kind erbij gedaan. Kinderen vertellen "
     "zelf veel beter wat ze hebben geleerd dan mijn cijferlijst.", ["statement"]),
    ("Ik merkte dat ik bij het nakijken vooral fouten omcirkelde. Deze week heb ik bij "
     "iedereen eerst één ding onderstreept dat goed ging.", ["for_client"]),
    ("Op de studiedag zei iemand dat we de Bedoeling 'toch gewoon doen'. Ik heb gezegd "
     "dat ik het soms niet doe, en waarom. Daarna werd het gesprek eerlijker.",
     ["for_us", "statement"]),
    ("Samen met de intern begeleider heb ik voor Finn geen nieuw handelingsplan gemaakt "
     "maar een gesprek met zijn oma gevoerd. Daar bleek het eigenlijke probleem te zitten.",
     ["stop_doing", "for_client"]),
    ("De kinderen hebben deze week zelf gekozen welk boek we voorlezen. Het werd een boek "
     "dat ik zelf nooit had gekozen en het was het stilste halfuur van de week.",
     ["for_client"]),
    ("Ik heb een les laten schieten omdat de hele groep onrustig was na het nieuws over "
     "de brand in de wijk. We hebben erover gepraat en tekeningen gemaakt.",
     ["for_client", "statement"]),
    ("Youssef vroeg of hij een keer bij mij mocht kijken hoe ik de kring doe. Het was "
     "fijn om uit te leggen waarom ik dingen doe, niet alleen wat.", ["for_us"]),
    ("Bij de overdracht naar het voortgezet onderwijs van mijn oud-leerling heb ik naast "
     "de scores ook opgeschreven waar ze goed in is als niemand kijkt.", ["statement"]),
    ("Ik heb de weektaak losgelaten voor de kinderen die daar alleen maar stress van "
     "krijgen. Ze werken nu met een dagtaak en dat gaat beter.", ["for_client", "stop_doing"]),
    ("Een moeder die ik nooit zie kwam naar de kijkmiddag. Ik heb haar zoon laten "
     "vertellen wat hij gemaakt had en ben er zelf vooral naast blijven staan.",
     ["for_client"]),
    ("Ik heb gemerkt dat ik minder vaak 'dat moet van de methode' zeg. Ik kies vaker "
     "zelf wat een kind nu nodig heeft.", ["statement", "stop_doing"]),
]

LOTTE_WAY = [
    ("Het registreren in het leerlingvolgsysteem kost me elke dag een halfuur dat ik liever "
     "aan de kinderen besteed.", ["systems"]),
    ("Er waren twee collega's ziek en ik stond drie dagen met een gecombineerde groep. Dan "
     "overleef je vooral.", ["time"]),
    ("Ik twijfelde of ik mocht afwijken van de planning. Niemand zei dat het niet mocht, "
     "maar ook niet dat het wel mocht.", ["expectations", "doubt"]),
    ("De toetskalender. Drie toetsen in één week, en elke toets moet binnen twee dagen "
     "ingevoerd.", ["rules", "systems"]),
    ("De afspraak dat elk gesprek met ouders eerst via de mail gepland moet worden.",
     ["rules"]),
    ("Mijn eigen neiging om alles netjes af te willen ronden voordat ik iets nieuws "
     "probeer.", ["doubt"]),
    ("We hebben het als team nog steeds niet over wat 'gezien worden' concreet betekent. "
     "Iedereen vult het anders in.", ["expectations", "others"]),
    ("De IB'er en ik hadden een andere verwachting van wat er in het groepsplan moest; "
     "dat kostte twee mails en een gesprek.", ["others", "expectations"]),
    ("Vergaderingen op woensdagmiddag die uitlopen tot vijf uur. Daarna heb ik geen "
     "energie meer voor voorbereiding.", ["time"]),
    ("Het nieuwe rapportformat vraagt nog steeds om een cijfer per vakgebied, ook waar "
     "dat niets zegt.", ["rules", "systems"]),
    ("De kopieermachine was een week kapot en alles moest op het digibord. Klein, maar "
     "het vrat tijd.", ["systems", "time"]),
    ("Ik merk dat ik bang ben dat de inspectie meekijkt, ook al is er helemaal geen bezoek "
     "gepland.", ["doubt", "expectations"]),
    ("Het ouderportaal stuurt automatisch berichten over cijfers, nog voordat ik het kind "
     "zelf heb gesproken.", ["systems"]),
    ("Afstemming met de gymleerkracht: hij wist niet dat Jesse even niet mee kon doen.",
     ["others"]),
    ("Eerlijk gezegd niets bijzonders deze week; het ging vooral over het weer en de "
     "luizencontrole.", ["other"]),
    ("Het rooster: ik heb Ineke maar één uur per week en dat is te weinig voor drie "
     "zorgleerlingen.", ["time", "rules"]),
    ("Ik wilde het leerplein gebruiken maar dat is vastgelegd door een andere groep tot "
     "de kerst.", ["rules", "others"]),
    ("Mijn eigen moeheid. Het is november.", ["time", "doubt"]),
]

LOTTE_NEED = [
    "Een collega die af en toe een uur mijn groep overneemt, zodat ik met één kind kan "
    "praten.",
    "Dat Marieke hardop zegt dat afwijken van de planning mag als het voor een kind is.",
    "Minder invoervelden. Echt.",
    "Tijd om bij Yara in de klas te kijken, zoals zij bij mij deed.",
    "Een vaste plek in de teamvergadering voor één verhaal over één kind.",
    "Slaap, en een weekend zonder nakijkwerk.",
    "Iemand die meedenkt over hoe ik Jesse's ouders erbij betrek zonder dat het een "
    "aanklacht wordt.",
    "Dat we met de bouw afspreken welke toetsen we echt nodig hebben.",
    "Een keer horen van ouders wat zij merken van onze nieuwe Bedoeling.",
    "Vertrouwen dat het goed is als een les anders loopt dan gepland.",
    "Dat het groepsplan korter mag, voor de hele school.",
    "Een rustige week, eerlijk gezegd.",
    "Meer buitenlessen in het rooster, niet alleen als het toevallig uitkomt.",
    "Met Ineke een vast moment per twee weken in plaats van tussen de bedrijven door.",
]

FATMA_FROM = [
    ("Bij mevrouw Bakker ben ik niet met het indicatieformulier begonnen maar met de vraag "
     "hoe haar dag eruitziet. Het bleek dat ze geen traplift nodig heeft maar iemand die "
     "twee keer per week boodschappen doet.", ["for_client", "statement"]),
    ("Een keukentafelgesprek waar de zoon de hele tijd voor zijn vader sprak. Ik heb "
     "gevraagd of ik even met meneer alleen mocht praten. Daarna kwam er een heel ander "
     "verhaal.", ["for_client"]),
    ("Ik heb een aanvraag voor huishoudelijke hulp toegekend zonder het tweede "
     "huisbezoek dat het protocol vraagt. Het was duidelijk, en de vrouw had al drie "
     "weken gewacht.", ["stop_doing", "for_client"]),
    ("Met Joost van Werk en inkomen hebben we één gesprek gevoerd met meneer Oduya in "
     "plaats van twee losse. Hij zei dat hij zich voor het eerst niet van loket naar "
     "loket gestuurd voelde.", ["for_us", "for_client"]),
    ("Ik belde een inwoner terug die boos een klacht had gemaild. Na tien minuten bleek "
     "dat ze gewoon niet begreep waarom haar beschikking zo lang duurde. Uitleg was genoeg.",
     ["for_client"]),
    ("In het casusoverleg heb ik een situatie ingebracht waar de regels niet passen. Hans "
     "zei dat we het als experiment mochten proberen.", ["for_us", "statement"]),
    ("Een mantelzorger vertelde dat ze op het punt stond op te geven. We hebben samen "
     "respijtzorg geregeld, nog dezelfde week.", ["for_client"]),
    ("Ik heb de standaardbrief over de eigen bijdrage herschreven in gewone taal voor een "
     "meneer die slecht leest, en hem de brief voorgelezen aan de telefoon.",
     ["for_client", "stop_doing"]),
    ("Anouk van Jeugd en gezin en ik zaten bij hetzelfde gezin aan tafel, voor het eerst "
     "tegelijk. Het gezin hoefde zijn verhaal maar één keer te vertellen.",
     ["for_us", "for_client"]),
    ("Een aanvraag voor een scootmobiel die ik volgens de regels had moeten afwijzen, "
     "heb ik voorgelegd aan de teamleider met het verhaal erbij. Hij werd toegekend.",
     ["statement", "for_client"]),
    ("Ik heb een uur langer bij mevrouw El Idrissi gezeten dan gepland. Ze was net weduwe. "
     "Over de woningaanpassing hebben we het pas aan het eind gehad.", ["for_client"]),
    ("Bij de herindicaties heb ik eerst gebeld wie er het langst op ons wacht, niet wie "
     "er volgens de lijst aan de beurt was.", ["for_client", "stop_doing"]),
    ("Kees van Schuldhulp en ik hebben afgesproken dat ik hem direct mag bellen als ik "
     "geldzorgen zie, zonder verwijsformulier.", ["for_us", "stop_doing"]),
    ("Een jonge vrouw met een beperking wilde zelf bepalen wie haar begeleiding doet. Ik "
     "heb de zorgaanbieder gevraagd haar zelf te laten kiezen. Dat kon gewoon.",
     ["for_client", "statement"]),
    ("Een collega-consulent vroeg of ik wilde meekijken bij een lastige aanvraag. We "
     "hebben niet naar de regels gekeken maar naar wat de inwoner wil bereiken.",
     ["for_us"]),
    ("Ik heb gezegd dat ik een dossier niet kon afronden binnen de termijn omdat ik de "
     "inwoner nog niet goed begreep. Dat voelde spannend, maar het werd geaccepteerd.",
     ["statement", "for_us"]),
    ("Meneer Dekker wilde geen hulp, hij wilde alleen dat iemand naar hem luisterde over "
     "zijn vrouw in het verpleeghuis. Ik heb geluisterd en de buurtcoach gebeld.",
     ["for_client"]),
    ("In de teamdag heb ik een verhaal verteld over een inwoner die door onze eigen "
     "termijnen in de knel kwam. Het bleef stil, en daarna kwamen er drie vergelijkbare.",
     ["for_us", "statement"]),
    ("Ik heb een beschikking met de inwoner samen doorgelezen voordat ik hem verstuurde. "
     "Ze vond er twee fouten in.", ["for_client"]),
    ("Bij een huisbezoek nam ik de tolk mee die de familie zelf vertrouwt, niet die van "
     "het contract. Het gesprek was twee keer zo kort en veel duidelijker.",
     ["for_client", "stop_doing"]),
    ("Een buurvrouw belde over een oudere man die vereenzaamt. Ik ben dezelfde middag "
     "langsgegaan, zonder aanvraag en zonder dossier.", ["for_client", "statement"]),
    ("Ik heb de wachtlijst in ons overleg gewoon op tafel gelegd met de namen erbij, "
     "zodat het over mensen ging en niet over aantallen.", ["for_us"]),
    ("Remco en ik hebben een gezin geholpen dat zowel bij Wmo als bij Werk en inkomen "
     "aanklopte. We hebben één plan gemaakt in plaats van twee.", ["for_us", "for_client"]),
    ("Ik merk dat ik de vraag 'wat wilt u dat er over een half jaar anders is?' nu bij "
     "bijna elk gesprek stel. De antwoorden verrassen me steeds.", ["for_client"]),
]

FATMA_WAY = [
    ("Het registratiesysteem vraagt voor elke aanvraag dezelfde gegevens opnieuw, ook als "
     "iemand al jaren bij ons bekend is.", ["systems"]),
    ("De wettelijke termijn van zes weken. Soms is een goed gesprek niet in zes weken te "
     "voeren, zeker niet als er een tolk nodig is.", ["rules", "time"]),
    ("Ik had dertig lopende dossiers. Dan wordt elk gesprek een afvinklijst.", ["time"]),
    ("Onduidelijk of ik mag afwijken van het protocol als het duidelijk in het belang van "
     "de inwoner is. Niemand wil er iets op papier over zeggen.", ["expectations", "rules"]),
    ("Het verwijsformulier naar schuldhulp, vier pagina's voor een telefoontje dat ik ook "
     "zelf kan plegen.", ["rules", "systems"]),
    ("De contractafspraken met de zorgaanbieders laten weinig ruimte voor maatwerk.",
     ["rules", "others"]),
    ("Mijn eigen onzekerheid: durf ik het verantwoorden als ik afwijk en het gaat mis?",
     ["doubt"]),
    ("Afstemming met Jeugd en gezin loopt nog steeds via de mail, terwijl we op dezelfde "
     "gang zitten.", ["others"]),
    ("Het nieuwe zaaksysteem ging deze week live en niets stond op de plek waar ik het "
     "zocht.", ["systems", "time"]),
    ("Een beleidsregel over de eigen bijdrage die ik zelf niet kan uitleggen aan een "
     "inwoner.", ["rules", "expectations"]),
    ("De audit van de afdeling kwaliteit: drie dagen dossiers op orde brengen in plaats "
     "van mensen spreken.", ["rules", "time"]),
    ("Ziekte in het team, dus herindicaties van collega's erbij.", ["time", "others"]),
    ("Niets wezenlijks; een rustige week met vooral afronden.", ["other"]),
    ("Het aanbestedingstraject: we weten niet welke aanbieders er volgend jaar nog zijn, "
     "dus ik kan inwoners niets beloven.", ["expectations", "others"]),
    ("De managementrapportage telt afgehandelde aanvragen, niet opgeloste vragen. Daar "
     "stuur ik onbewust op.", ["rules", "expectations"]),
    ("Ik had geen tijd om terug te bellen naar mensen die alleen een vraag hadden.",
     ["time"]),
    ("Twee collega's die zich aan de letter van de regel houden en mij aanspreken als ik "
     "dat niet doe.", ["others", "doubt"]),
]

FATMA_NEED = [
    "Dat Hans in het teamoverleg uitspreekt dat we mogen afwijken als we het kunnen "
    "uitleggen.",
    "Een kortere route naar schuldhulp: gewoon Kees kunnen bellen, als afspraak.",
    "Minder dossiers tegelijk, of hulp bij de herindicaties.",
    "Een plek om lastige casussen te bespreken zonder dat het meteen een "
    "verantwoording wordt.",
    "Tijd om terug te bellen.",
    "Dat het zaaksysteem onthoudt wat we al weten van een inwoner.",
    "Een brief over de eigen bijdrage die een gewoon mens begrijpt.",
    "Vaker samen op huisbezoek met Jeugd en gezin.",
    "Duidelijkheid over de aanbieders voor volgend jaar.",
    "Een week zonder audit.",
    "Horen van inwoners of ze het verschil merken.",
    "Iemand die me eraan herinnert waarom ik dit werk doe, op een dag als vandaag.",
    "Dat de termijn een richtlijn mag zijn en geen muur.",
]

# Entries written out in full, after a reflection model: (weeks ago, model, answers,
# from_purpose, parts, obstacles).
LOTTE_FULL = [
    (44, "alact", {
        "action": "Tijdens de rekenles liep Jesse weg uit de klas. Ik ben hem achterna "
                  "gegaan en heb de groep tien minuten alleen gelaten met een "
                  "duo-opdracht.",
        "looking_back": "Ik wilde dat hij veilig was en was bang dat de groep zou "
                        "ontsporen. Jesse wilde vooral niet dat de anderen zagen dat hij "
                        "het niet snapte.",
        "essence": "Hij schaamde zich. Het ging niet om rekenen maar om gezien worden "
                   "als iemand die het niet kan.",
        "alternatives": "Ik had hem vooraf een andere taak kunnen geven, of de uitleg "
                        "in een klein groepje kunnen doen. Ik kies voor het groepje.",
        "trial": "Volgende week start ik de rekenles met een instructietafel voor wie "
                 "wil, zonder dat ik namen noem.",
    }, 3, ["for_client"], ["doubt"]),
    (30, "kolb", {
        "experience": "De eerste keer dat ik de rapportgesprekken met het kind erbij "
                      "deed.",
        "observation": "Kinderen werden stil bij hun cijfers en levendig bij wat ze "
                       "gemaakt hadden. Ouders stelden meer vragen aan hun kind dan aan "
                       "mij.",
        "concept": "Een gesprek over leren gaat beter als degene die leert aan het woord "
                   "is. Cijfers zijn een bijlage, geen opening.",
        "experiment": "Ik laat kinderen voortaan zelf een portfolio-moment kiezen om het "
                      "gesprek mee te openen.",
    }, 4, ["statement", "for_client"], []),
    (18, "gibbs", {
        "description": "Een ouder belde boos omdat haar dochter niet was meegegaan op de "
                       "excursie; het toestemmingsformulier was niet op tijd binnen.",
        "feelings": "Ik voelde me aangevallen en ook schuldig, want ik had het kunnen "
                    "zien aankomen.",
        "evaluation": "Goed: ik ben rustig gebleven. Minder goed: ik verschool me achter "
                      "de regel.",
        "analysis": "De regel is er voor de veiligheid, maar ik heb niet gekeken wat de "
                    "regel in dit geval beschermde. Niets, eigenlijk.",
        "conclusion": "Ik had de moeder die ochtend kunnen bellen.",
        "plan": "Bij een ontbrekend formulier bel ik voortaan de dag ervoor, en ik vraag "
                "Marieke of een mondelinge toestemming genoeg mag zijn.",
    }, 2, ["stop_doing"], ["rules"]),
    (7, "core", {
        "quality": "Zorgzaamheid: ik zie snel wie het moeilijk heeft.",
        "pitfall": "Ik neem te veel over. Deze week heb ik Amira's conflict met haar "
                   "vriendin opgelost in plaats van haar het zelf te laten doen.",
        "challenge": "Loslaten: vertrouwen dat een kind het zelf kan, en er alleen naast "
                     "staan.",
        "allergy": "Collega's die zeggen 'dat moet hij zelf maar uitzoeken'. Blijkbaar "
                   "raakt dat precies aan wat ik zelf moeilijk vind.",
    }, 4, ["for_client", "for_us"], ["doubt"]),
]

FATMA_FULL = [
    (40, "alact", {
        "action": "Ik heb bij een herindicatie de uren huishoudelijke hulp verlaagd "
                  "volgens de nieuwe normering, en meneer was er kapot van.",
        "looking_back": "Ik wilde consequent zijn en me aan de afspraak houden. Meneer "
                        "hoorde alleen dat zijn vrouw en hij het niet meer zouden redden.",
        "essence": "Ik keek naar de norm, niet naar wat hij nodig had om thuis te "
                   "kunnen blijven wonen.",
        "alternatives": "Opnieuw langsgaan en samen kijken wat er werkelijk nodig is; de "
                        "afwijking onderbouwen bij de teamleider.",
        "trial": "Ik ga terug, met de vraag 'wat moet er thuis lukken?' in plaats van de "
                 "urentabel.",
    }, 2, ["for_client"], ["rules"]),
    (26, "gibbs", {
        "description": "Een inwoner diende een klacht in omdat haar aanvraag negen weken "
                       "duurde.",
        "feelings": "Schaamte, en ook frustratie, want ik wist dat het aan de "
                    "wachtlijst lag en niet aan haar.",
        "evaluation": "Het gesprek over de klacht ging goed; ze voelde zich gehoord. "
                      "De wachttijd zelf blijft slecht.",
        "analysis": "We plannen op volgorde van binnenkomst, niet op urgentie. Dat lijkt "
                    "eerlijk maar is het niet.",
        "conclusion": "Ik had eerder kunnen bellen om te vertellen waar ze stond.",
        "plan": "Iedereen die langer dan vier weken wacht, bel ik zelf even. En ik stel "
                "in het teamoverleg voor om op urgentie te plannen.",
    }, 3, ["for_client", "for_us"], ["time", "rules"]),
    (12, "kolb", {
        "experience": "Het eerste gezamenlijke huisbezoek met Anouk van Jeugd en gezin.",
        "observation": "Het gezin ontspande zichtbaar toen het zijn verhaal maar één keer "
                       "hoefde te doen. Anouk en ik vulden elkaar aan zonder dat af te "
                       "spreken.",
        "concept": "Samenwerken begint niet bij een convenant maar bij samen aan tafel "
                   "zitten.",
        "experiment": "Ik vraag bij elk gezin met vragen op meer terreinen of een collega "
                      "mee kan.",
    }, 5, ["for_us", "for_client"], []),
    (4, "core", {
        "quality": "Doorzetten: ik laat een inwoner niet los tot het geregeld is.",
        "pitfall": "Ik doe het dan allemaal zelf, en mijn andere dossiers blijven liggen.",
        "challenge": "Delen: een collega vragen, en accepteren dat die het anders doet.",
        "allergy": "Collega's die zeggen 'dat is niet van ons'. Ik word er kriebelig van, "
                   "en toch heb ik soms zelf nodig dat iemand dat tegen mij zegt.",
    }, 4, ["for_us"], ["time", "doubt"]),
]

ROUND_CLOSED = {
    "org": "wilgenhoek", "lead": "directeur@wilgenhoek.test",
    "title": "Terugblik op de eerste periode met de nieuwe Bedoeling",
    "intro": "Drie korte vragen. Je antwoorden zijn niet aan je naam gekoppeld.",
    "days_ago": 20,
    "questions": [
        ("scale", "In hoeverre kon je de afgelopen weken werken vanuit de Bedoeling?", []),
        ("choice", "Wat helpt je daar het meest bij?",
         ["tijd voor gesprekken met kinderen", "ruimte om af te wijken van de planning",
          "bij elkaar in de klas kijken", "minder registratie"]),
        ("open", "Wat zou je willen veranderen, zodat het vaker lukt?", []),
    ],
    "answers": [
        ("lotte@wilgenhoek.test", 4, 1, "Minder invoeren in het leerlingvolgsysteem. De "
         "tijd die dat kost gaat van de kinderen af."),
        ("youssef@wilgenhoek.test", 3, 2, "Vaker bij elkaar in de klas kijken, met een "
         "vaste middag in het rooster."),
        ("priya@wilgenhoek.test", 4, 0, "Korte groepsplannen en minder invoeren: één "
         "zin per kind in plaats van een formulier."),
        ("daan@wilgenhoek.test", 2, 3, "Het invoeren van toetsen kost te veel tijd; "
         "kunnen we per bouw kiezen welke toetsen we echt nodig hebben?"),
        ("ineke@wilgenhoek.test", 3, 1, "Duidelijk uitspreken dat afwijken van de "
         "planning mag als het voor een kind is."),
        ("begeleider@bedoeling.test", 3, 2, "Een vaste plek in de teamvergadering om "
         "elkaar een verhaal over een kind te vertellen, en bij elkaar in de klas kijken."),
    ],
}

ROUND_OPEN = {
    "org": "lindeveld", "lead": "teamleider@lindeveld.test",
    "title": "Hoe ervaren we de ruimte om af te wijken?",
    "intro": "Voor de teamdag in het voorjaar. Het invullen kost twee minuten.",
    "days_ahead": 10,
    "questions": [
        ("scale", "Ik voel me vrij om af te wijken van een regel als dat in het belang "
                  "van de inwoner is.", []),
        ("choice", "Waar loop je het vaakst tegenaan?",
         ["wettelijke termijnen", "het zaaksysteem", "contracten met aanbieders",
          "onduidelijkheid over wat mag"]),
        ("open", "Noem één regel die we wat jou betreft morgen kunnen schrappen.", []),
    ],
    # One answer fewer than the threshold (5): the result stays hidden until one more.
    "answers": [
        ("joost@lindeveld.test", 2, 3, "De verplichte tweede afspraak bij een "
         "bijstandsaanvraag als alles al duidelijk is."),
        ("anouk@lindeveld.test", 3, 0, "Dat elk gezamenlijk huisbezoek vooraf via een "
         "formulier aangevraagd moet worden."),
        ("kees@lindeveld.test", 2, 2, "Het verwijsformulier naar schuldhulp: laat ons "
         "gewoon bellen."),
        ("remco@lindeveld.test", 3, 1, "Het opnieuw uitvragen van gegevens die al in het "
         "systeem staan."),
    ],
}


def _school_holiday(day) -> bool:
    """Summer, autumn, Christmas and spring holidays, roughly as in the middle of the
    Netherlands."""
    md = (day.month, day.day)
    return ((7, 18) <= md <= (8, 31) or (10, 17) <= md <= (10, 25) or md >= (12, 19)
            or md <= (1, 3) or (2, 14) <= md <= (2, 22) or (4, 25) <= md <= (5, 3))


def _leave(day) -> bool:
    """Three weeks in August and the week between Christmas and New Year."""
    md = (day.month, day.day)
    return (8, 3) <= md <= (8, 23) or md >= (12, 24) or md <= (1, 1)


def _weekly(rng: random.Random, author, org, pieces_from, pieces_way, needs, full,
            *, trend: tuple[float, float], away, skip: set[int], today) -> None:
    """One entry for most of the last 52 weeks, oldest first."""
    pools = [list(pieces_from) * 2, list(pieces_way) * 2, list(needs) * 2]
    for pool in pools:
        rng.shuffle(pool)
    full_by_week = {weeks: rest for weeks, *rest in full}
    for weeks_ago in range(52, 0, -1):
        day = today - timedelta(weeks=weeks_ago) + timedelta(days=rng.choice([0, 0, 1, 3]))
        if weeks_ago in full_by_week:
            model, answers, score, parts, obstacles = full_by_week[weeks_ago]
            services.entry_write(org, author, model=model, answers=answers,
                                 from_purpose=score, parts=parts, obstacles=obstacles,
                                 written_on=day)
            continue
        if away(day) or weeks_ago in skip or not pools[0]:
            continue
        text, parts = pools[0].pop()
        answers = {"from": text}
        obstacles: list[str] = []
        if pools[1] and rng.random() < 0.8:
            way, obstacles = pools[1].pop()
            answers["way"] = way
        if pools[2] and rng.random() < 0.6:
            answers["need"] = pools[2].pop()
        progress = (52 - weeks_ago) / 52
        expected = trend[0] + (trend[1] - trend[0]) * progress - 0.4 * len(obstacles)
        score = max(1, min(5, round(expected + rng.uniform(-0.8, 0.8))))
        services.entry_write(org, author, answers=answers, from_purpose=score,
                             parts=parts, obstacles=obstacles, written_on=day)


def _round(ctx, spec, now) -> Round:
    org = ctx["orgs"][spec["org"]]
    users = ctx["users"]
    round_ = services.round_open(org, users[spec["lead"]], title=spec["title"],
                                 intro=spec["intro"],
                                 closes_on=timezone.localdate() + timedelta(days=30),
                                 questions=spec["questions"])
    questions = list(round_.questions.all())
    for email, scale, choice, text in spec["answers"]:
        services.round_answer(round_, users[email], {
            questions[0].pk: scale, questions[1].pk: choice, questions[2].pk: text})
    if "days_ago" in spec:
        round_.closes_at = now - timedelta(days=spec["days_ago"])
        round_.created_at = round_.closes_at - timedelta(days=14)
    else:
        round_.closes_at = now + timedelta(days=spec["days_ahead"])
        round_.created_at = now - timedelta(days=4)
    round_.save(update_fields=["closes_at", "created_at"])
    return round_


def load(ctx: dict) -> None:
    now = timezone.now()
    today = timezone.localdate()
    orgs, users = ctx["orgs"], ctx["users"]
    lotte, fatma = users["lotte@wilgenhoek.test"], users["fatma@lindeveld.test"]
    # Holidays, and a few weeks she let slip: no entry.
    _weekly(random.Random(13), lotte, orgs["wilgenhoek"], LOTTE_FROM, LOTTE_WAY, LOTTE_NEED,
            LOTTE_FULL, trend=(2.4, 4.2), away=_school_holiday, skip={11, 29, 38},
            today=today)
    _weekly(random.Random(29), fatma, orgs["lindeveld"], FATMA_FROM, FATMA_WAY, FATMA_NEED,
            FATMA_FULL, trend=(2.8, 3.6), away=_leave, skip={9, 21, 36, 47}, today=today)
    year_ago = now - timedelta(days=370)
    for person, org, weekday, hour in ((lotte, orgs["wilgenhoek"], 4, 15),
                                       (fatma, orgs["lindeveld"], 3, 16)):
        rhythm = services.rhythm_for(org, person)
        services.rhythm_update(rhythm, reminders=True, weekday=weekday, hour=hour)
        Rhythm.objects.filter(pk=rhythm.pk).update(created_at=year_ago)
    # Fatma once turned a fragment into a signal about a rule: the organisation sees the
    # signal; only she sees where it came from.
    entry = (ReflectionEntry.objects.filter(author=fatma, answers__has_key="way")
             .order_by("written_on").first())
    if entry is not None:
        services.fragment_to_signal(entry, fatma, fragment=entry.answers["way"])
    _round(ctx, ROUND_CLOSED, now)
    _round(ctx, ROUND_OPEN, now)
    # The task worker that `make run` starts takes it from here.
    tasks.reminders_start()


def notes() -> list[str]:
    return ["Reflectie: Lotte en Fatma hebben een jaar aan reflecties; de ronde in "
            "Lindeveld mist nog één antwoord."]
