"""Demo stories for the school (wilgenhoek) and the municipality (lindeveld).

A few hundred stories per organisation, put together from fragments written for this
project: a scene opens, then goes the way of the Bedoeling, of the rules or of the
targets, and ends accordingly. The teller's signification follows what steered the story,
with noise. Teams differ in what steers them, and after the current Bedoeling was adopted
more stories go its way, so the patterns have something to discuss. A fixed random seed
makes every load the same."""

import random
from datetime import timedelta

from django.utils import timezone

from bedoeling.live import services as live_services
from bedoeling.live.models import Participant
from bedoeling.purpose.services import purpose_for
from bedoeling.stories import session as storytelling
from bedoeling.stories.models import (
    Consent,
    LibraryEntry,
    PurposePart,
    SessionContribution,
    SignifierKind,
    Story,
    StoryGroup,
    TellerRole,
)
from bedoeling.stories.services import (
    NOT_APPLICABLE,
    signifier_add,
    story_curate,
    story_form_create,
    story_tell,
)

PURPOSE, RULES, TARGETS = "purpose", "rules", "targets"
STEERS = (RULES, TARGETS, PURPOSE)  # the order of the triad corners a, b, c

CHILDREN = [
    ("Daan", "hij", "hem", "zijn"), ("Noor", "ze", "haar", "haar"), ("Milan", "hij", "hem", "zijn"),
    ("Fenna", "ze", "haar", "haar"), ("Yusuf", "hij", "hem", "zijn"), ("Lina", "ze", "haar", "haar"),
    ("Sem", "hij", "hem", "zijn"), ("Amira", "ze", "haar", "haar"), ("Jesse", "hij", "hem", "zijn"),
    ("Saar", "ze", "haar", "haar"), ("Bram", "hij", "hem", "zijn"), ("Zoë", "ze", "haar", "haar"),
    ("Mohammed", "hij", "hem", "zijn"), ("Tess", "ze", "haar", "haar"), ("Olek", "hij", "hem", "zijn"),
]
RESIDENTS = [
    ("meneer De Vries", "hij", "hem", "zijn"), ("mevrouw Bakkal", "ze", "haar", "haar"),
    ("meneer Jansen", "hij", "hem", "zijn"), ("mevrouw Kok", "ze", "haar", "haar"),
    ("meneer Osei", "hij", "hem", "zijn"), ("mevrouw Van Dijk", "ze", "haar", "haar"),
    ("meneer Peeters", "hij", "hem", "zijn"), ("mevrouw Haddou", "ze", "haar", "haar"),
    ("meneer Smit", "hij", "hem", "zijn"), ("mevrouw Wouters", "ze", "haar", "haar"),
]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]

REFLECTION = {
    PURPOSE: [
        "Daar doe ik het voor.",
        "Zo bedoelen we het, denk ik.",
        "Het kostte tijd, maar het was de goede tijd.",
        "Ik had niet het gevoel dat ik iets stiekem deed: dit is ons werk.",
        "Mijn collega's zeiden later dat ze hetzelfde hadden gedaan.",
        "Niemand heeft me erop aangesproken, en dat zegt ook iets.",
        "",
        "",
    ],
    RULES: [
        "Ik snap waarom die regel er is, maar hier werkte hij tegen ons.",
        "Achteraf vraag ik me af voor wie die regel er eigenlijk was.",
        "Ik heb me aan de afspraken gehouden, en toch voelde het niet goed.",
        "Dat kan toch niet de bedoeling zijn?",
        "Volgende keer wil ik durven afwijken, maar dan moet ik weten dat dat mag.",
        "Het dossier klopt nu. De mens erachter zijn we even kwijt geweest.",
        "",
    ],
    TARGETS: [
        "Het cijfer klopte. Verder klopte er weinig van.",
        "We haalden de norm, maar hielpen we iemand?",
        "Ik merk dat ik steeds vaker naar het dashboard kijk in plaats van naar de mensen.",
        "Dat we dit meten, betekent nog niet dat het ertoe doet.",
        "Ik was moe, en eerlijk gezegd een beetje beschaamd.",
        "",
    ],
}

SCHOOL_SCENES = [
    {
        "key": "thuis", "teams": ["Onderbouw", "Middenbouw", "Bovenbouw"], "prompt": 0,
        "part": PurposePart.FOR_CLIENT, "who": ["een leerling", "ouders"],
        "open": [
            "{Naam} uit groep {groep} kwam {dag} binnen met een gezicht waar ik meteen van "
            "schrok. {Hij} had nauwelijks geslapen; thuis was het die nacht weer onrustig "
            "geweest.",
            "Op {dag} zat {naam} al om kwart over acht op het bankje in de gang, met {zijn} jas "
            "nog aan. Later hoorde ik dat {zijn} ouders midden in een scheiding zitten.",
        ],
        PURPOSE: [
            "Volgens de planning hadden we een rekentoets, maar die heb ik laten wachten. Ik "
            "ben met {hem} naar de bieb gelopen, heb thee gezet en gevraagd hoe het ging. "
            "Eerst zei {hij} niets, daarna kwam het eruit.",
            "Ik heb de klas aan mijn duo-collega gegeven en ben een half uur met {naam} gaan "
            "wandelen over het schoolplein. De toets kon ook morgen.",
        ],
        RULES: [
            "Ik wilde met {hem} praten, maar het protocol zegt dat zorgen over de thuissituatie "
            "eerst via de intern begeleider gaan. Dus heb ik een melding gemaakt en ben ik "
            "gewoon met de les begonnen.",
            "Ik heb het genoteerd in het leerlingdossier, zoals de afspraak is, en de intern "
            "begeleider gemaild. Die had pas donderdag tijd.",
        ],
        TARGETS: [
            "Het was toetsweek en de resultaten moesten vrijdag in het systeem. Ik heb {hem} de "
            "toets laten maken, ook al zag ik dat {hij} er met {zijn} hoofd niet bij was.",
            "Mijn eerste gedachte was: als {hij} nu uitvalt, klopt mijn groepsoverzicht niet. "
            "Dus heb ik {hem} aangemoedigd om gewoon door te zetten.",
        ],
        "end_" + PURPOSE: [
            "De rest van de week ging het beter. {Zijn} moeder belde me om te bedanken; ze had "
            "niet door gehad hoeveel {hij} ervan meekreeg.",
            "Die middag deed {hij} gewoon weer mee. De toets maakte {hij} twee dagen later, "
            "met een prima score.",
        ],
        "end_" + RULES: [
            "Toen het gesprek eindelijk kwam, was het moment voorbij. {Naam} had zich al "
            "weer afgesloten.",
            "Alles was netjes vastgelegd, maar {naam} heeft die dag van niemand gehoord dat "
            "we het zagen.",
        ],
        "end_" + TARGETS: [
            "{Hij} haalde een onvoldoende, die nu in {zijn} overzicht staat alsof {hij} de stof "
            "niet snapt.",
            "Het cijfer ging het systeem in. Wat er echt aan de hand was, staat er nergens.",
        ],
        "titles": {PURPOSE: ["Eerst thee, dan de toets", "Een wandeling over het plein"],
                   RULES: ["Een melding in plaats van een gesprek"],
                   TARGETS: ["Toetsweek"]},
    },
    {
        "key": "toets", "teams": ["Bovenbouw"], "prompt": 1, "part": PurposePart.STATEMENT,
        "who": ["een leerling", "ouders", "collega's"],
        "open": [
            "In groep 8 staat alles in het teken van de doorstroomtoets. {Naam} is een slimme "
            "leerling, maar raakt in paniek zodra er een klok in beeld is.",
            "We oefenen sinds januari elke week met proeftoetsen. {Naam} begon te huilen toen "
            "ik de map weer uitdeelde.",
        ],
        PURPOSE: [
            "Ik heb de proeftoets die week geschrapt en met de klas gepraat over wat een toets "
            "eigenlijk zegt, en wat niet. {Naam} mocht vertellen wat {hij} goed kan.",
            "Ik heb met {naam} afgesproken dat {hij} bij de oefentoetsen zelf mag kiezen "
            "wanneer {hij} stopt. Niemand hoeft te zien hoeveel {hij} af heeft.",
        ],
        RULES: [
            "Ik heb gevraagd of {naam} de toets in een aparte ruimte mocht maken. Dat kan "
            "alleen met een dyslexieverklaring of een officiële aanpassing, en die was er niet.",
            "Volgens de toetsafspraken moeten alle leerlingen de proeftoetsen onder dezelfde "
            "omstandigheden maken. Dus zat {naam} gewoon in de klas, met de klok.",
        ],
        TARGETS: [
            "De schoolscore telt mee bij de inspectie en we zaten vorig jaar net onder het "
            "landelijk gemiddelde. Dus heb ik nog een extra oefenmiddag ingepland.",
            "Onze directie had gevraagd de referentieniveaus omhoog te krijgen. Ik merkte dat "
            "ik {naam} vooral zag als iemand die het gemiddelde naar beneden kon halen.",
        ],
        "end_" + PURPOSE: [
            "Bij de echte toets was {hij} rustig. Het advies klopte met wat wij al wisten, en "
            "{naam} vertrok met een goed gevoel naar de open dagen.",
            "Een paar kinderen zeiden later dat het de eerste week was dat ze niet bang waren "
            "voor school.",
        ],
        "end_" + RULES: [
            "{Naam} heeft de toets gemaakt en was daarna twee dagen ziek.",
            "De regel werd gevolgd. Of de uitslag iets zei over {naam}, betwijfel ik.",
        ],
        "end_" + TARGETS: [
            "De gemiddelde score ging omhoog. {Naam} zei tegen {zijn} moeder dat {hij} dom is.",
            "We scoorden boven de signaleringswaarde. In de klas was het die weken stil, en "
            "niet op een goede manier.",
        ],
        "titles": {PURPOSE: ["Een week zonder proeftoets", "Wat een toets niet zegt"],
                   RULES: ["Dezelfde omstandigheden"], TARGETS: ["Boven de signaleringswaarde"]},
    },
    {
        "key": "lezen", "teams": ["Onderbouw", "Middenbouw"], "prompt": 0,
        "part": PurposePart.FOR_CLIENT, "who": ["een leerling", "collega's"],
        "open": [
            "{Naam} uit groep {groep} leest nog steeds op AVI-niveau Start. De methode zegt "
            "dat we na blok drie door moeten naar de volgende letters.",
            "{Naam} heeft een hekel aan lezen. Bij het stillezen zit {hij} elke dag met "
            "hetzelfde boek, zonder een bladzijde om te slaan.",
        ],
        PURPOSE: [
            "Ik ontdekte dat {hij} gek is op vrachtwagens. Ik heb een boek over vuilniswagens "
            "uit de bieb gehaald en we hebben het samen gelezen, in plaats van het werkblad.",
            "Ik heb {hem} voorgelezen aan de kleuters laten oefenen. Voor hen mag je "
            "haperen, dus durfde {hij} het.",
        ],
        RULES: [
            "De methode heeft een vaste volgorde en de intern begeleider wil dat we die "
            "aanhouden, anders kloppen de toetsen niet. Dus ging {naam} mee naar blok vier.",
            "Extra leesbegeleiding kan alleen als het in het groepsplan staat, en dat wordt "
            "pas in februari herzien.",
        ],
        TARGETS: [
            "Bij de middentoets moest {hij} een niveau omhoog zijn, anders kleurt {hij} rood "
            "in het overzicht. Dus hebben we vooral de toetsteksten geoefend.",
            "Ik had de opdracht het percentage leerlingen op niveau te verhogen. {Naam} kreeg "
            "elke dag tien minuten flitsen met woordkaartjes.",
        ],
        "end_" + PURPOSE: [
            "Twee weken later vroeg {hij} of {hij} het boek mee naar huis mocht. Dat had {hij} "
            "nog nooit gevraagd.",
            "{Hij} leest nog steeds niet vlot, maar {hij} leest wel. Dat is een begin.",
        ],
        "end_" + RULES: [
            "{Hij} raakte steeds verder achter, netjes volgens de methode.",
            "In februari kreeg {hij} de extra begeleiding. Toen was {hij} het lezen al gaan "
            "haten.",
        ],
        "end_" + TARGETS: [
            "{Hij} haalde het niveau net. Een boek pakt {hij} nog steeds niet uit zichzelf.",
            "De grafiek ging omhoog. {Naam} noemt lezen nu ‘de flitsdingen’.",
        ],
        "titles": {PURPOSE: ["Het boek over vuilniswagens", "Voorlezen aan de kleuters"],
                   RULES: ["Netjes volgens de methode"], TARGETS: ["Op niveau"]},
    },
    {
        "key": "ouder", "teams": ["Onderbouw", "Middenbouw", "Bovenbouw"], "prompt": 0,
        "part": PurposePart.FOR_CLIENT, "who": ["ouders", "een leerling"],
        "open": [
            "Na schooltijd stond de vader van {naam} ineens in de klas. Hij wilde het hebben "
            "over een ruzie op het plein waar {naam} sindsdien van wakker lag.",
            "De moeder van {naam} liep {dag} na het ophalen de klas binnen, duidelijk "
            "aangeslagen. Ze wilde even iets kwijt.",
        ],
        PURPOSE: [
            "Ik had eigenlijk een vergadering, maar heb mijn collega een berichtje gestuurd "
            "en ben gaan zitten. We hebben een kwartier gepraat.",
            "Ik heb de nakijkstapel laten liggen en koffie gehaald. Het gesprek duurde "
            "twintig minuten en was het belangrijkste van die dag.",
        ],
        RULES: [
            "We hebben afgesproken dat oudergesprekken via de app worden ingepland, zodat "
            "iedereen gelijk behandeld wordt. Ik heb vriendelijk gevraagd of ze een afspraak "
            "wilde maken.",
            "Ik heb verwezen naar de klachtenregeling, want over ruzies tussen kinderen "
            "praten we volgens het protocol eerst met de pleinwacht.",
        ],
        TARGETS: [
            "Ik had die week nog drie groepsplannen af te ronden voor de deadline. Ik heb "
            "gezegd dat ik echt geen tijd had.",
            "Het was de laatste dag om de rapporten in te voeren. Ik heb haar gevraagd of "
            "het kon wachten tot na de rapportweek.",
        ],
        "end_" + PURPOSE: [
            "Een week later vertelde {naam} dat het thuis weer beter ging. Ouders weten nu "
            "dat ze binnen kunnen lopen, ook als het niet over cijfers gaat.",
            "De vergadering heb ik gemist. Niemand vond dat erg.",
        ],
        "end_" + RULES: [
            "De afspraak werd drie weken later. Toen was het probleem er nog steeds, alleen "
            "groter.",
            "Ze is nooit meer binnengelopen.",
        ],
        "end_" + TARGETS: [
            "De groepsplannen waren op tijd. Het gesprek is er nooit meer van gekomen.",
            "De rapporten waren op tijd klaar. Die moeder groet me sindsdien wat koeler.",
        ],
        "titles": {PURPOSE: ["Binnenlopen mag", "De gemiste vergadering"],
                   RULES: ["Een afspraak via de app"], TARGETS: ["Na de rapportweek"]},
    },
    {
        "key": "groepsplan", "teams": ["Middenbouw", "Bovenbouw", "Intern begeleiding"],
        "prompt": 1, "part": PurposePart.STOP_DOING, "who": ["collega's", "de directie"],
        "open": [
            "Elke leerkracht schrijft per vak een groepsplan van een pagina of twaalf, met "
            "doelen, aanpakken en evaluaties per subgroep.",
            "Op woensdagmiddag zit het hele team achter de laptop om het leerlingvolgsysteem "
            "bij te werken.",
        ],
        PURPOSE: [
            "In ons bouwoverleg hebben we besloten het groepsplan terug te brengen tot één "
            "A4 met wat we per kind willen bereiken, in gewone woorden. De tijd die vrijkwam, "
            "ging naar het voorbereiden van de lessen.",
            "Ik heb de directeur gevraagd of we het mochten proberen zonder uitgebreide "
            "plannen. Ze zei: doe het, en vertel ons wat het oplevert.",
        ],
        RULES: [
            "Het format komt van het bestuur en de inspectie kijkt ernaar, zo is ons altijd "
            "gezegd. Dus vullen we het in, vak voor vak.",
            "Ik heb gevraagd of het korter mocht. Het antwoord was dat het format "
            "verplicht is.",
        ],
        TARGETS: [
            "De plannen moesten vóór de trendanalyse af zijn, want die gaat naar het "
            "bestuur. Ik heb er twee avonden aan gewerkt.",
            "We moesten laten zien dat onze opbrengsten stijgen. Dus schreven we vooral "
            "doelen die we zeker gingen halen.",
        ],
        "end_" + PURPOSE: [
            "Na een maand zeiden collega's dat ze hun kinderen beter kenden dan ooit. Het "
            "plan lazen we nu echt, omdat het ergens over ging.",
            "Bij het inspectiebezoek vroeg niemand naar de plannen. Wel naar hoe we weten "
            "wat een kind nodig heeft, en dat konden we goed vertellen.",
        ],
        "end_" + RULES: [
            "De plannen staan in een map die niemand meer openslaat.",
            "Later bleek dat de inspectie helemaal geen format voorschrijft.",
        ],
        "end_" + TARGETS: [
            "Het bestuur was tevreden over de trend. Ik had die twee avonden liever aan mijn "
            "lessen besteed.",
            "De doelen werden gehaald, want ze waren laag genoeg.",
        ],
        "titles": {PURPOSE: ["Eén A4 in gewone woorden", "Doe het, en vertel wat het oplevert"],
                   RULES: ["Het verplichte format"], TARGETS: ["Vóór de trendanalyse"]},
    },
    {
        "key": "ruzie", "teams": ["Onderbouw", "Middenbouw", "Bovenbouw"], "prompt": 0,
        "part": PurposePart.FOR_US, "who": ["een leerling", "ouders", "de directie"],
        "open": [
            "In de pauze kwam {naam} huilend binnen: een jongen uit groep 7 had {hem} "
            "geduwd en {zijn} tas in de bosjes gegooid.",
            "Na de gymles ontstond er een ruzie tussen {naam} en twee klasgenoten. Er werd "
            "gescholden en er vielen klappen.",
        ],
        PURPOSE: [
            "Ik heb de kinderen apart genomen en ze om de beurt laten vertellen wat er "
            "gebeurde. Daarna mochten ze zelf bedenken hoe het goed kwam.",
            "Ik heb het ingeplande dictee verschoven en met de hele groep een kringgesprek "
            "gehouden over wat er die week misging op het plein.",
        ],
        RULES: [
            "Het pestprotocol schrijft een incidentformulier voor, een gesprek met beide "
            "ouders en een registratie in het systeem. Ik heb alle stappen gevolgd.",
            "Volgens de schoolregels krijg je bij slaan een time-out bij de directeur. Ik "
            "heb {naam} gestuurd, hoewel ik wist dat {hij} uitgedaagd was.",
        ],
        TARGETS: [
            "We moeten laten zien dat het aantal incidenten daalt. Ik heb het daarom als "
            "‘conflict’ geregistreerd en niet als pesten.",
            "Ik had weinig tijd, want de les moest door om de planning te halen. Ik heb "
            "gezegd dat ze het na schooltijd moesten uitpraten.",
        ],
        "end_" + PURPOSE: [
            "De jongens hebben elkaar een hand gegeven en spelen nu samen voetbal. Het kostte "
            "een half uur, maar ik hoefde die week geen enkele keer meer in te grijpen.",
            "De groep is sindsdien merkbaar rustiger. Ze weten dat er naar ze geluisterd "
            "wordt.",
        ],
        "end_" + RULES: [
            "Alles was keurig gedocumenteerd. De kinderen zelf hebben het nooit echt "
            "uitgepraat.",
            "{Naam} voelde zich onrecht aangedaan en heeft het daarna niet meer aan mij "
            "verteld als er iets was.",
        ],
        "end_" + TARGETS: [
            "In de cijfers daalde het pesten. Op het plein niet.",
            "Na schooltijd ging het opnieuw mis, nu buiten het zicht van school.",
        ],
        "titles": {PURPOSE: ["Om de beurt vertellen", "Het dictee kon wachten"],
                   RULES: ["Alle stappen van het protocol"], TARGETS: ["Geregistreerd als conflict"]},
    },
    {
        "key": "zorg", "teams": ["Intern begeleiding"], "prompt": 1,
        "part": PurposePart.FOR_US, "who": ["een leerling", "ouders", "externe hulp",
                                            "de intern begeleider"],
        "open": [
            "Voor {naam} uit groep {groep} wilden we een onderzoek aanvragen bij het "
            "samenwerkingsverband. {Hij} loopt al maanden vast.",
            "{Naam} heeft meer nodig dan wij in de klas kunnen bieden. Het "
            "samenwerkingsverband vraagt voor een arrangement een compleet "
            "ontwikkelingsperspectief.",
        ],
        PURPOSE: [
            "Ik heb de orthopedagoog gebeld en gevraagd of ze alvast een keer kon komen "
            "kijken. Het papierwerk zouden we ondertussen afmaken.",
            "Ik heb met de ouders en de leerkracht om tafel gezeten en gevraagd wat zij "
            "zagen. Dat gesprek hebben we als basis gebruikt, in plaats van de formulieren.",
        ],
        RULES: [
            "De aanvraag moet via het portaal, met twee cycli handelingsplannen als bewijs. "
            "Die hadden we pas na een half jaar.",
            "Ik heb alles volgens de procedure aangeleverd. Het dossier werd teruggestuurd "
            "omdat één handtekening ontbrak.",
        ],
        TARGETS: [
            "Het bestuur stuurt op het aantal verwijzingen naar het speciaal onderwijs; dat "
            "moet omlaag. Ik voelde druk om het nog even binnen de school op te lossen.",
            "Aan het eind van het jaar telt hoeveel arrangementen we hebben aangevraagd. Ik "
            "heb {naam} daarom op de lijst voor volgend jaar gezet.",
        ],
        "end_" + PURPOSE: [
            "Binnen drie weken was er een plan. De formulieren volgden vanzelf.",
            "Het gesprek gaf meer richting dan welk formulier ook. {Naam} heeft nu twee "
            "ochtenden per week begeleiding.",
        ],
        "end_" + RULES: [
            "Het duurde zeven maanden voordat er iets gebeurde. {Naam} was toen al thuis "
            "komen te zitten.",
            "Na de handtekening begon de termijn van acht weken opnieuw.",
        ],
        "end_" + TARGETS: [
            "Onze cijfers zijn mooi. {Naam} heeft een verloren jaar achter de rug.",
            "Het jaar erop was de hulp er. Een jaar is lang als je negen bent.",
        ],
        "titles": {PURPOSE: ["Alvast komen kijken", "Eerst het gesprek"],
                   RULES: ["Eén ontbrekende handtekening"], TARGETS: ["Op de lijst voor volgend jaar"]},
    },
]

SCHOOL_PARENT_SCENES = [
    {
        "key": "ouder-gezien", "teams": [], "prompt": 0, "part": PurposePart.STATEMENT,
        "who": ["een leerling", "ouders"], "role": TellerRole.PARENT,
        "open": [
            "Mijn {kind} zit in groep {groep}. Thuis hadden we een moeilijke periode; mijn "
            "moeder was ernstig ziek.",
            "Onze {kind} is erg verlegen en had in groep {groep} steeds vaker buikpijn "
            "voordat {hij} naar school moest.",
        ],
        PURPOSE: [
            "De juf merkte het al voordat ik iets had gezegd. Ze belde me op en vroeg "
            "gewoon hoe het met ons ging.",
            "De meester nam {hem} elke ochtend even apart bij binnenkomst. Geen plan, "
            "gewoon vijf minuten aandacht.",
        ],
        RULES: [
            "Bij het tienminutengesprek ging het alleen over de toetsresultaten en het "
            "leerlingvolgsysteem. Voor iets anders was geen tijd.",
            "Ik moest een formulier invullen om een gesprek met de intern begeleider aan "
            "te vragen. Dat gesprek kwam na vijf weken.",
        ],
        TARGETS: [
            "Op het rapport stond dat {hij} achterliep met rekenen, met een grafiek erbij. "
            "Hoe het met {hem} ging, vroeg niemand.",
            "We kregen een brief dat {hij} extra huiswerk moest maken om bij de toets op "
            "niveau te komen.",
        ],
        "end_" + PURPOSE: [
            "Ik voelde me gezien als ouder, niet alleen als iemand die het rapport komt "
            "ophalen. Mijn {kind} gaat weer met plezier.",
            "Na een paar weken ging {hij} weer fluitend de deur uit.",
        ],
        "end_" + RULES: [
            "Ik ben naar huis gegaan met een rapport en een knoop in mijn maag.",
            "Het gesprek was vriendelijk, maar het kwam te laat.",
        ],
        "end_" + TARGETS: [
            "We hebben elke avond met tranen zitten rekenen. Het cijfer ging omhoog.",
            "Mijn {kind} denkt nu dat {hij} slecht is in school.",
        ],
        "titles": {PURPOSE: ["De juf belde gewoon", "Vijf minuten aandacht"],
                   RULES: ["Alleen over de toetsen"], TARGETS: ["Een grafiek op het rapport"]},
    },
]

MUNICIPALITY_SCENES = [
    {
        "key": "traplift", "teams": ["Wmo-consulenten"], "prompt": 1,
        "part": PurposePart.FOR_CLIENT,
        "blocked": ["een regel of wet", "tijdsdruk of werkdruk"],
        "open": [
            "{Naam} (84) kan sinds een val de trap niet meer op. {Hij} slaapt al weken "
            "op de bank in de woonkamer.",
            "De dochter van {naam} belde ons: {hij} komt de trap niet meer op, en de "
            "badkamer is boven.",
        ],
        PURPOSE: [
            "Ik ben dezelfde middag langsgegaan. Via de uitleenservice hebben we meteen een "
            "tijdelijk bed beneden geregeld, en de traplift daarna aangevraagd.",
            "Ik heb met mijn teamleider overlegd en we hebben de traplift toegekend zonder "
            "het volledige keukentafelgesprek af te wachten. De situatie was duidelijk.",
        ],
        RULES: [
            "Een traplift vraagt een onderzoek door een ergotherapeut, en de wachttijd "
            "daarvoor is acht weken. Ik heb de aanvraag in behandeling genomen en de "
            "termijnen uitgelegd.",
            "Volgens de verordening moet eerst beoordeeld worden of verhuizen een "
            "goedkopere oplossing is. Ik heb {hem} een lijst met seniorenwoningen gestuurd.",
        ],
        TARGETS: [
            "We moeten onze doorlooptijden halen, dus heb ik de aanvraag als ‘niet urgent’ "
            "ingeschaald: dan telt de termijn pas vanaf de volledige aanvraag.",
            "Mijn productie liep achter, dus ik heb {naam} telefonisch afgehandeld in plaats "
            "van langs te gaan.",
        ],
        "end_" + PURPOSE: [
            "{Naam} sliep die nacht weer in een bed. Drie weken later zat de traplift erin.",
            "{Zijn} dochter schreef een kaartje: ‘eindelijk iemand die meedenkt’.",
        ],
        "end_" + RULES: [
            "Na tien weken kwam de traplift. In de tussentijd is {naam} nog een keer "
            "gevallen.",
            "{Naam} wil niet verhuizen; {hij} woont er vijftig jaar. Het dossier staat nog "
            "open.",
        ],
        "end_" + TARGETS: [
            "Op papier binnen de termijn. In het echt sliep {hij} twee maanden op de bank.",
            "Ik heb de situatie niet gezien, en dus ook niet begrepen.",
        ],
        "titles": {PURPOSE: ["Dezelfde middag langs", "Een bed beneden"],
                   RULES: ["Eerst de ergotherapeut"], TARGETS: ["Niet urgent ingeschaald"]},
    },
    {
        "key": "bewijsstukken", "teams": ["Werk en inkomen", "Schuldhulpverlening"],
        "prompt": 1, "part": PurposePart.STOP_DOING,
        "blocked": ["een formulier of systeem", "een regel of wet"],
        "open": [
            "{Naam} vroeg bijzondere bijstand aan voor een nieuwe koelkast. Voor de "
            "aanvraag vraagt ons systeem dezelfde bankafschriften als bij de uitkering.",
            "Bij de herbeoordeling van {naam} moesten we opnieuw het huurcontract, de "
            "loonstroken en drie maanden afschriften opvragen.",
        ],
        PURPOSE: [
            "Die stukken hadden we al, twee maanden oud. Ik heb ze uit het dossier gehaald "
            "en de aanvraag gewoon afgehandeld.",
            "Ik heb {naam} gebeld en gevraagd of er iets veranderd was. Er was niets "
            "veranderd, dus heb ik dat genoteerd en verder geen papieren gevraagd.",
        ],
        RULES: [
            "Het systeem laat geen aanvraag door zonder nieuwe uploads. Ik heb een brief "
            "gestuurd met de lijst van ontbrekende stukken.",
            "Volgens de werkinstructie moeten de stukken bij elke aanvraag opnieuw. Ik heb "
            "ze opgevraagd, ook al wist ik dat we ze hadden.",
        ],
        TARGETS: [
            "We worden afgerekend op de foutpercentages van de accountant. Dus vraag ik "
            "liever alles op dan dat ik het risico loop.",
            "Als een aanvraag onvolledig is, mag ik hem buiten behandeling stellen, en dan "
            "telt hij niet mee in mijn achterstand. Dat heb ik gedaan.",
        ],
        "end_" + PURPOSE: [
            "{Naam} had binnen een week een werkende koelkast. {Hij} zei dat {hij} voor het "
            "eerst niet het gevoel had dat {hij} zich moest verdedigen.",
            "Het scheelde {naam} een middag papieren zoeken, en mij een dossier vol dubbele "
            "kopieën.",
        ],
        "end_" + RULES: [
            "{Naam} heeft de stukken drie keer opgestuurd, want één upload mislukte steeds.",
            "Het duurde vijf weken. Al die tijd stond het eten in een koelbox.",
        ],
        "end_" + TARGETS: [
            "{Naam} heeft de aanvraag daarna niet meer ingediend. In onze cijfers is er "
            "niets aan de hand.",
            "De accountant was tevreden. {Naam} had geen koelkast.",
        ],
        "titles": {PURPOSE: ["De stukken hadden we al", "Was er iets veranderd?"],
                   RULES: ["Drie keer uploaden"], TARGETS: ["Buiten behandeling"]},
    },
    {
        "key": "wachtlijst", "teams": ["Jeugd en gezin"], "prompt": 0, "children": True,
        "part": PurposePart.FOR_US, "blocked": ["tijdsdruk of werkdruk", "een regel of wet"],
        "open": [
            "{Naam} is twaalf en gaat al weken niet meer naar school. De jeugdhulp waar "
            "{hij} naar verwezen is, heeft een wachtlijst van vier maanden.",
            "De moeder van {naam} belde in paniek: {hij} is dertien, slaapt overdag en is "
            "al weken niet op school geweest.",
        ],
        PURPOSE: [
            "Ik ben zelf wekelijks langsgegaan tot de hulp kon beginnen, samen met de "
            "leerplichtambtenaar, en we hebben met school een aangepast rooster gemaakt.",
            "Ik heb een collega van het wijkteam gevraagd om te overbruggen. Het paste niet "
            "precies in haar taak, maar ze deed het.",
        ],
        RULES: [
            "Zolang de verwijzing loopt, mogen wij geen eigen hulp inzetten; dat heet "
            "dubbele bekostiging. Ik heb het gezin gevraagd geduld te hebben.",
            "Volgens de procedure is de zorgaanbieder nu verantwoordelijk. Ik heb het "
            "dossier overgedragen en gesloten.",
        ],
        TARGETS: [
            "Mijn caseload zat boven de norm. Een gezin op de wachtlijst telt als "
            "‘doorverwezen’, dus heb ik het van mijn lijst gehaald.",
            "We moeten het aantal trajecten per consulent omlaag brengen. Overbruggen is "
            "een extra traject, dus dat deed ik niet.",
        ],
        "end_" + PURPOSE: [
            "Toen de hulp begon, ging {naam} al weer drie ochtenden naar school. De "
            "behandelaar zei dat het veel uitmaakte.",
            "Het gezin zei later dat ze zich voor het eerst niet van het kastje naar de "
            "muur gestuurd voelden.",
        ],
        "end_" + RULES: [
            "Na vier maanden begon de hulp. {Naam} was toen helemaal uit beeld.",
            "De moeder belde nog drie keer. Ze kreeg steeds iemand anders.",
        ],
        "end_" + TARGETS: [
            "Mijn caseload klopt weer. Wat er met het gezin gebeurde, weet ik niet.",
            "Een half jaar later kwam het gezin terug, met meer problemen dan eerst.",
        ],
        "titles": {PURPOSE: ["Overbruggen tot de hulp begint", "Niet van het kastje naar de muur"],
                   RULES: ["Dubbele bekostiging"], TARGETS: ["Van mijn lijst gehaald"]},
    },
    {
        "key": "vakje", "teams": ["Werk en inkomen"], "prompt": 1,
        "part": PurposePart.STOP_DOING, "blocked": ["een formulier of systeem"],
        "open": [
            "De aanvraag van {naam} voor een uitkering kwam binnen met één leeg vakje: het "
            "IBAN van een tweede rekening die {hij} niet meer gebruikt.",
            "{Naam} had het digitale formulier ingevuld, maar bij ‘vermogen’ niets "
            "ingevuld, ook geen nul.",
        ],
        PURPOSE: [
            "Ik heb gebeld. Binnen twee minuten was het duidelijk, ik heb het zelf "
            "aangevuld en een notitie gemaakt.",
            "In plaats van een hersteltermijn te sturen heb ik {naam} een sms gestuurd "
            "met mijn directe nummer. {Hij} belde meteen terug.",
        ],
        RULES: [
            "Bij een onvolledige aanvraag krijg je een hersteltermijn van twee weken. Ik "
            "heb de standaardbrief verstuurd.",
            "Ik mag volgens de instructie geen gegevens aanvullen op basis van een "
            "telefoongesprek. Dus ging er een brief uit.",
        ],
        TARGETS: [
            "Bellen kost tijd die niet in de normtijd per aanvraag zit. Ik heb de aanvraag "
            "afgewezen wegens onvolledigheid.",
            "Het was eind van het kwartaal en we moesten onze achterstand wegwerken. "
            "Afwijzen ging het snelst.",
        ],
        "end_" + PURPOSE: [
            "De uitkering ging dezelfde week in. {Naam} hoefde geen voedselbank te bellen.",
            "Twee minuten bellen scheelde ons allebei een maand ellende.",
        ],
        "end_" + RULES: [
            "De brief kwam niet aan, want {naam} woonde tijdelijk bij {zijn} zus. De aanvraag "
            "verviel.",
            "{Naam} moest vijf weken zonder inkomen. Er kwamen schulden bij.",
        ],
        "end_" + TARGETS: [
            "{Naam} diende opnieuw in, en begon weer achteraan.",
            "In de kwartaalrapportage ging onze achterstand omlaag. Ik ben er niet trots op.",
        ],
        "titles": {PURPOSE: ["Twee minuten bellen", "Mijn directe nummer"],
                   RULES: ["De hersteltermijn"], TARGETS: ["Afgewezen wegens één vakje"]},
    },
    {
        "key": "schulden", "teams": ["Schuldhulpverlening"], "prompt": 0,
        "part": PurposePart.FOR_CLIENT, "blocked": ["een regel of wet", "een formulier of systeem"],
        "open": [
            "{Naam} kwam bij ons met een schoenendoos vol ongeopende enveloppen. Er was een "
            "afsluiting van gas en licht aangekondigd.",
            "{Naam} heeft schulden bij elf schuldeisers. {Hij} schaamde zich zo dat {hij} er "
            "jaren niemand over vertelde.",
        ],
        PURPOSE: [
            "De intake vraagt een compleet overzicht, maar ik ben begonnen met het "
            "belangrijkste: ik heb de energieleverancier gebeld en de afsluiting "
            "tegengehouden.",
            "We hebben samen de enveloppen opengemaakt, aan de keukentafel. Ik heb gezegd: "
            "we beginnen, de rest komt later.",
        ],
        RULES: [
            "Zonder volledig schuldenoverzicht kunnen we geen traject starten. Ik heb "
            "{hem} gevraagd alle brieven te sorteren en terug te komen.",
            "Volgens de regels komt iemand die in de afgelopen vijf jaar al een traject had, "
            "niet opnieuw in aanmerking. Ik heb dat uitgelegd.",
        ],
        TARGETS: [
            "We worden gemeten op het aantal afgeronde trajecten. Een ingewikkeld dossier "
            "als dit drukt de cijfers, dus heb ik het doorgeschoven.",
            "Mijn teamleider vroeg me de gemiddelde doorlooptijd omlaag te krijgen. Ik heb "
            "{naam} eerst naar een budgetcursus verwezen.",
        ],
        "end_" + PURPOSE: [
            "Het licht bleef aan. Een half jaar later zit {naam} in een schuldregeling en "
            "opent {hij} {zijn} post weer zelf.",
            "{Naam} huilde van opluchting. ‘Eindelijk doet iemand iets in plaats van een "
            "lijst te geven.’",
        ],
        "end_" + RULES: [
            "{Hij} kwam niet terug. Een paar maanden later zat {hij} zonder stroom.",
            "Het was volgens de regels. De schulden zijn nu twee keer zo hoog.",
        ],
        "end_" + TARGETS: [
            "Onze doorlooptijd ging omlaag. {Naam} kwam er niet meer aan te pas.",
            "De cursus was vol. {Naam} is uit beeld.",
        ],
        "titles": {PURPOSE: ["Het licht bleef aan", "Samen de enveloppen open"],
                   RULES: ["Eerst een compleet overzicht"], TARGETS: ["Doorgeschoven"]},
    },
    {
        "key": "productie", "teams": ["Wmo-consulenten", "Jeugd en gezin", "Werk en inkomen"],
        "prompt": 0, "part": PurposePart.STOP_DOING,
        "blocked": ["een target of cijfer", "tijdsdruk of werkdruk"],
        "open": [
            "Elke maandag komt er een overzicht met het aantal afgehandelde dossiers per "
            "consulent. Wie onder de norm zit, wordt rood gekleurd.",
            "In het teamoverleg ging het een uur over de productiecijfers en vijf minuten "
            "over de inwoners.",
        ],
        PURPOSE: [
            "Ik heb in het overleg voorgesteld om het overzicht voortaan te beginnen met één "
            "verhaal van een inwoner. Mijn teamleider vond het een goed idee.",
            "Ik heb die week bewust twee lange huisbezoeken gedaan bij {naam}, die er "
            "echt om vroeg, en het overzicht het overzicht gelaten.",
        ],
        RULES: [
            "Iedere afwijking van de normtijd moet je verantwoorden in een notitie. Ik heb "
            "drie notities geschreven over één huisbezoek.",
            "De registratie moet binnen 24 uur in het systeem. Ik heb na het gesprek met "
            "{naam} eerst alles ingevoerd, en pas daarna gebeld met de aanbieder.",
        ],
        TARGETS: [
            "Ik stond rood, dus heb ik die week vooral de makkelijke dossiers opgepakt. De "
            "moeilijke bleven liggen.",
            "Om de norm te halen heb ik gesprekken ingekort tot twintig minuten, ook als "
            "er meer te bespreken was.",
        ],
        "end_" + PURPOSE: [
            "Inmiddels begint elk overleg met een verhaal. Het gaat nog steeds over cijfers, "
            "maar nu weten we waarover.",
            "{Naam} heeft nu hulp die past. Mijn cijfers waren die week slecht; daar is "
            "niemand over begonnen.",
        ],
        "end_" + RULES: [
            "De notities heeft niemand gelezen.",
            "Toen ik de aanbieder belde, was die al dicht voor het weekend.",
        ],
        "end_" + TARGETS: [
            "Mijn cijfers werden groen. De moeilijke dossiers werden moeilijker.",
            "Twee inwoners belden later terug omdat ze het niet begrepen hadden.",
        ],
        "titles": {PURPOSE: ["Elk overleg begint met een verhaal", "Het overzicht het overzicht laten"],
                   RULES: ["Drie notities over één huisbezoek"], TARGETS: ["Van rood naar groen"]},
    },
    {
        "key": "brief", "teams": ["Werk en inkomen", "Wmo-consulenten", "Schuldhulpverlening"],
        "prompt": 1, "part": PurposePart.FOR_CLIENT,
        "blocked": ["een formulier of systeem", "een regel of wet"],
        "open": [
            "{Naam} kwam aan de balie met een brief van ons in de hand. {Hij} begreep er "
            "niets van en was bang dat {zijn} uitkering werd stopgezet.",
            "{Naam} spreekt nog maar een jaar Nederlands. Onze brieven over de "
            "inlichtingenplicht zijn twee kantjes juridische taal.",
        ],
        PURPOSE: [
            "Ik heb de brief samen met {hem} doorgelopen, in gewone woorden, en op een "
            "geeltje geschreven wat {hij} moest doen.",
            "Ik heb een collega die Arabisch spreekt gevraagd mee te bellen. Daarna heb ik "
            "voorgesteld onze standaardbrief te herschrijven.",
        ],
        RULES: [
            "De tekst van de brief is juridisch getoetst; ik mag hem niet aanpassen. Ik "
            "heb {hem} doorverwezen naar het Juridisch Loket.",
            "Volgens het protocol mogen we aan de balie geen inhoudelijke uitleg geven over "
            "een lopend besluit. Ik heb een terugbelverzoek ingeschoten.",
        ],
        TARGETS: [
            "Aan de balie geldt een gemiddelde afhandeltijd van zes minuten. Ik heb kort "
            "uitgelegd waar de informatie op de website staat.",
            "We moeten het aantal baliecontacten omlaag brengen. Ik heb {hem} gewezen op "
            "het digitale loket.",
        ],
        "end_" + PURPOSE: [
            "{Naam} liep opgelucht weg. De nieuwe versie van de brief is inmiddels in "
            "gebruik.",
            "{Hij} kwam een week later terug om te bedanken, met alle papieren netjes "
            "geordend.",
        ],
        "end_" + RULES: [
            "Het terugbelverzoek bleef drie dagen liggen. {Naam} heeft in die tijd niet "
            "geslapen.",
            "Het Juridisch Loket stuurde {hem} weer terug naar ons.",
        ],
        "end_" + TARGETS: [
            "{Naam} heeft geen computer. Twee dagen later stond {hij} er weer.",
            "De afhandeltijd was prima. Het probleem niet.",
        ],
        "titles": {PURPOSE: ["Een geeltje met wat je moet doen", "De brief herschreven"],
                   RULES: ["Juridisch getoetst"], TARGETS: ["Zes minuten aan de balie"]},
    },
]

MUNICIPALITY_RESIDENT_SCENES = [
    {
        "key": "inwoner", "teams": [], "prompt": 0, "part": PurposePart.FOR_CLIENT,
        "role": TellerRole.CLIENT, "blocked": ["een formulier of systeem", "een regel of wet"],
        "open": [
            "Ik zorg al drie jaar voor mijn man, die dementie heeft. Ik ben op.",
            "Na mijn ontslag moest ik een uitkering aanvragen. Ik had nog nooit met de "
            "gemeente te maken gehad.",
        ],
        PURPOSE: [
            "De consulent kwam bij ons thuis, dronk koffie en vroeg wat ík nodig had. Ze "
            "regelde dagopvang voor twee dagen in de week.",
            "Een medewerker belde me op toen ik iets verkeerd had ingevuld en hielp me het "
            "aan de telefoon te herstellen.",
        ],
        RULES: [
            "Ik kreeg een formulier van acht pagina's en moest aantonen dat ik geen "
            "andere oplossing had.",
            "Ik kreeg een brief dat mijn aanvraag onvolledig was, zonder te zeggen wat er "
            "ontbrak.",
        ],
        TARGETS: [
            "Het gesprek duurde precies twintig minuten. Daarna moest de consulent door "
            "naar de volgende.",
            "Aan de telefoon werd ik drie keer doorverbonden. Niemand wilde de vraag "
            "houden.",
        ],
        "end_" + PURPOSE: [
            "Voor het eerst in maanden had ik het gevoel dat er iemand naast me stond.",
            "Het was maar een telefoontje. Voor mij maakte het alles uit.",
        ],
        "end_" + RULES: [
            "Ik heb het formulier nooit afgemaakt. Ik ben gewoon doorgegaan, tot ik zelf "
            "ziek werd.",
            "Het heeft zes weken geduurd. Ik heb geleend van mijn broer.",
        ],
        "end_" + TARGETS: [
            "Ik had het gevoel dat ik een nummer was.",
            "Ik heb het maar opgegeven.",
        ],
        "titles": {PURPOSE: ["Wat ík nodig had", "Gewoon een telefoontje"],
                   RULES: ["Acht pagina's"], TARGETS: ["Precies twintig minuten"]},
    },
]

# Chance of (purpose, rules, targets) per team, before and after the current Bedoeling.
SCHOOL_STEER = {
    "Onderbouw": ((0.35, 0.30, 0.35), (0.70, 0.18, 0.12)),
    "Middenbouw": ((0.25, 0.25, 0.50), (0.62, 0.18, 0.20)),
    "Bovenbouw": ((0.15, 0.25, 0.60), (0.45, 0.20, 0.35)),
    "Intern begeleiding": ((0.20, 0.60, 0.20), (0.50, 0.38, 0.12)),
    None: ((0.30, 0.40, 0.30), (0.60, 0.25, 0.15)),
}
MUNICIPALITY_STEER = {
    "Wmo-consulenten": ((0.20, 0.50, 0.30), (0.62, 0.25, 0.13)),
    "Jeugd en gezin": ((0.30, 0.45, 0.25), (0.68, 0.22, 0.10)),
    "Werk en inkomen": ((0.10, 0.55, 0.35), (0.25, 0.52, 0.23)),
    "Schuldhulpverlening": ((0.15, 0.35, 0.50), (0.50, 0.28, 0.22)),
    None: ((0.20, 0.60, 0.20), (0.40, 0.45, 0.15)),
}

SCHOOL_FORM = {
    "title": "Verhalen uit De Wilgenhoek",
    "intro": "Vertel over iets wat je zelf meemaakte op school. Een paar zinnen is genoeg. "
             "Samen laten de verhalen zien of we doen wat we bedoelen.",
    "prompts": [
        "Vertel over een moment waarop je merkte dat het werkte zoals bedoeld — of juist niet.",
        "Vertel over een keer dat een regel, een toets of een systeem in de weg zat — of "
        "juist hielp.",
    ],
    "triad": ("Wat stuurde wat er gebeurde?",
              ["regels en protocollen", "toetsen en cijfers", "wat het kind nodig had"]),
    "room": ("Hoeveel ruimte had je om zelf te kiezen?", ["geen, het lag vast", "alle ruimte"]),
    "outcome": ("Hoe liep het af voor het kind?", ["slechter dan ervoor", "beter dan ervoor"]),
    "who": ("Wie speelden een rol?", ["een leerling", "ouders", "collega's",
                                      "de intern begeleider", "de directie", "externe hulp"]),
}
MUNICIPALITY_FORM = {
    "title": "Verhalen uit het Sociaal Domein",
    "intro": "Vertel over een moment uit je werk, of als inwoner over jouw ervaring met de "
             "gemeente. Je verhaal helpt ons te zien waar regels helpen en waar ze in de weg "
             "zitten.",
    "prompts": [
        "Vertel over een moment waarop je merkte dat we deden waarvoor we er zijn — of juist "
        "niet.",
        "Vertel over een keer dat een regel, formulier of systeem in de weg zat bij het helpen "
        "van een inwoner.",
    ],
    "triad": ("Wat stuurde wat er gebeurde?",
              ["regels en procedures", "targets en KPI's", "wat de inwoner nodig had"]),
    "room": ("Hoeveel ruimte was er voor maatwerk?", ["geen", "alle ruimte die nodig was"]),
    "outcome": ("Kreeg de inwoner wat nodig was?", ["helemaal niet", "helemaal wel"]),
    "blocked": ("Wat zat in de weg?", ["een formulier of systeem", "een regel of wet",
                                       "tijdsdruk of werkdruk", "een target of cijfer",
                                       "niets, het liep goed"]),
    "often": ("Hoe vaak gebeurt zoiets?", ["eenmalig", "soms", "vaak", "elke week"]),
}

CURATED = {
    "wilgenhoek": [
        ("thuis", "Eerst thee, dan de toets",
         "Laat zien wat ‘eerst aandacht, daarna pas een werkblad’ in het echt betekent."),
        ("groepsplan", "Eén A4 in gewone woorden",
         "Hier stopten we echt met iets: de groepsplannen van twaalf pagina's."),
        ("ouder", "Binnenlopen mag", ""),
        ("lezen", "Het boek over vuilniswagens",
         "Kijken naar wat een kind kán, niet alleen naar wat de toets meet."),
        ("ouder-gezien", "De juf belde gewoon", ""),
        ("ruzie", "Om de beurt vertellen", ""),
    ],
    "lindeveld": [
        ("traplift", "Dezelfde middag langs",
         "Maatwerk zonder eerst alle stappen af te wachten."),
        ("bewijsstukken", "De stukken hadden we al",
         "‘Dezelfde bewijsstukken drie keer opvragen’ staat op onze stoplijst. Zo ziet dat "
         "eruit."),
        ("vakje", "Twee minuten bellen", ""),
        ("wachtlijst", "Overbruggen tot de hulp begint", ""),
        ("inwoner", "Wat ík nodig had", "Een inwoner vertelt het zelf."),
        ("schulden", "Het licht bleef aan", ""),
    ],
}


def _pronouns(person):
    name, he, him, his = person
    return {"naam": name, "Naam": name[:1].upper() + name[1:], "hij": he, "Hij": he.capitalize(),
            "hem": him, "zijn": his, "Zijn": his.capitalize()}


def _fill(text, slots):
    return text.format(**slots)


def _story_text(rng, scene, steer, slots):
    parts = [rng.choice(scene["open"]), rng.choice(scene[steer]),
             rng.choice(scene["end_" + steer])]
    # Reflections are a professional's; parents and residents end with their own words.
    reflection = rng.choice(REFLECTION[steer]) if "role" not in scene else ""
    if reflection:
        parts.append(reflection)
    return " ".join(_fill(p, slots) for p in parts)


def _dirichlet(rng, alphas):
    draws = [rng.gammavariate(a, 1.0) for a in alphas]
    total = sum(draws)
    weights = [d / total for d in draws]
    # Stored as the services store them: three weights that sum to one.
    weights[2] = 1.0 - weights[0] - weights[1]
    return [max(0.0, w) for w in weights] if weights[2] >= 0 else _dirichlet(rng, alphas)


def _beta(rng, a, b):
    return round(rng.betavariate(a, b), 3)


def _build_form(org, facilitator, spec):
    form = story_form_create(org, facilitator, title=spec["title"], intro=spec["intro"],
                             is_public=True, prompts=spec["prompts"])
    sig = {}
    question, labels = spec["triad"]
    sig["triad"] = signifier_add(form, facilitator, kind=SignifierKind.TRIAD, question=question,
                                 labels=labels)
    for key in ("room", "outcome"):
        question, labels = spec[key]
        sig[key] = signifier_add(form, facilitator, kind=SignifierKind.SLIDER,
                                 question=question, labels=labels)
    if "who" in spec:
        question, options = spec["who"]
        sig["who"] = signifier_add(form, facilitator, kind=SignifierKind.MULTIPLE,
                                   question=question, options=options)
    if "blocked" in spec:
        question, options = spec["blocked"]
        sig["blocked"] = signifier_add(form, facilitator, kind=SignifierKind.MULTIPLE,
                                       question=question, options=options)
    if "often" in spec:
        question, options = spec["often"]
        sig["often"] = signifier_add(form, facilitator, kind=SignifierKind.SINGLE,
                                     question=question, options=options)
    sig["feeling"] = signifier_add(form, facilitator, kind=SignifierKind.FEELING,
                                   question="Hoe voelde het voor jou?")
    return form, sig


def _options(sig) -> dict[str, dict[str, int]]:
    """Option ids by label, per choice signifier, looked up once."""
    return {key: {o.label: o.pk for o in s.options.all()} for key, s in sig.items()
            if s.is_choice}


def _answers(rng, sig, options_of, steer, scene):
    corner = STEERS.index(steer)
    alphas = [1.3, 1.3, 1.3]
    alphas[corner] += 5.5
    answers = {}
    answers[sig["triad"].pk] = (NOT_APPLICABLE if rng.random() < 0.05
                                else _dirichlet(rng, alphas))
    room = {PURPOSE: (5, 2), RULES: (1.6, 5), TARGETS: (2, 4.5)}[steer]
    answers[sig["room"].pk] = NOT_APPLICABLE if rng.random() < 0.04 else _beta(rng, *room)
    outcome = {PURPOSE: (5.5, 1.8), RULES: (2, 3.5), TARGETS: (1.8, 3.5)}[steer]
    answers[sig["outcome"].pk] = NOT_APPLICABLE if rng.random() < 0.08 else _beta(rng, *outcome)
    if "who" in sig:
        options = options_of["who"]
        chosen = {o for o in scene.get("who", []) if rng.random() < 0.8}
        if rng.random() < 0.3:
            chosen.add(rng.choice(list(options)))
        answers[sig["who"].pk] = [options[label] for label in sorted(chosen)] or None
    if "blocked" in sig:
        options = options_of["blocked"]
        if steer == PURPOSE and rng.random() < 0.45:
            chosen = {"niets, het liep goed"}
        else:
            chosen = {o for o in scene.get("blocked", []) if rng.random() < 0.75}
            if steer == TARGETS:
                chosen.add("een target of cijfer")
            if rng.random() < 0.35:
                chosen.add("tijdsdruk of werkdruk")
        answers[sig["blocked"].pk] = [options[label] for label in sorted(chosen)] or None
    if "often" in sig:
        options = list(options_of["often"].values())
        weights = {PURPOSE: (4, 4, 2, 1), RULES: (1, 3, 4, 3), TARGETS: (1, 2, 4, 4)}[steer]
        answers[sig["often"].pk] = rng.choices(options, weights=weights)[0]
    feeling = list(options_of["feeling"].values())
    weights = {PURPOSE: (0, 1, 3, 6, 5), RULES: (3, 6, 4, 1, 0), TARGETS: (4, 6, 3, 1, 0)}[steer]
    if rng.random() < 0.92:
        answers[sig["feeling"].pk] = rng.choices(feeling, weights=weights)[0]
    return answers


def _load_org(ctx, slug, spec, scenes, public_scenes, steer_table, people, days, count, seed):
    rng = random.Random(seed)
    org = ctx["orgs"][slug]
    users = ctx["users"]
    facilitator = users["begeleider@bedoeling.test"]
    teams = {name: team for (s, name), team in ctx["teams"].items() if s == slug}
    form, sig = _build_form(org, facilitator, spec)
    prompts = list(form.prompts.all())
    options_of = _options(sig)
    version = purpose_for(org).current
    adopted = version.created_at.date() if version else None
    today = timezone.localdate()
    members = [(users[email], team) for email, team in people]
    told = {}
    for _ in range(count):
        public = rng.random() < 0.16
        scene = rng.choice(public_scenes if public else scenes)
        if public:
            team_name = None
            role = scene["role"]
        else:
            team_name = rng.choice(scene["teams"])
            role = TellerRole.LEAD if rng.random() < 0.06 else TellerRole.EMPLOYEE
        # Stories come in waves: more of them since the herijking started a conversation.
        age = int(rng.triangular(0, days, days * 0.12))
        told_on = today - timedelta(days=age)
        after = adopted is not None and told_on >= adopted
        chances = steer_table[team_name][1 if after else 0]
        steer = rng.choices((PURPOSE, RULES, TARGETS), weights=chances)[0]
        children = slug == "wilgenhoek" or scene.get("children")
        slots = _pronouns(rng.choice(CHILDREN if children else RESIDENTS))
        slots.update(groep=rng.choice([3, 4, 5, 6, 7, 8]) if team_name != "Onderbouw"
                     else rng.choice([1, 2, 3]), dag=rng.choice(DAYS))
        if public and slug == "wilgenhoek":
            # A parent tells about a son or a daughter.
            son = rng.random() < 0.5
            slots.update(kind="zoon" if son else "dochter", hij="hij" if son else "ze",
                         Hij="Hij" if son else "Ze", hem="hem" if son else "haar",
                         zijn="zijn" if son else "haar", Zijn="Zijn" if son else "Haar")
        text = _story_text(rng, scene, steer, slots)
        consent = rng.choices((Consent.LIBRARY, Consent.ORGANISATION, Consent.ANALYSIS),
                              weights=(0.4, 0.4, 0.2))[0]
        author = None
        if not public and rng.random() < 0.22:
            candidates = [u for u, t in members if t == team_name]
            author = rng.choice(candidates) if candidates else None
        title = rng.choice(scene["titles"][steer]) if rng.random() < 0.35 else ""
        story = story_tell(
            form, text=text, title=title, prompt=prompts[scene["prompt"]],
            answers=_answers(rng, sig, options_of, steer, scene), teller_role=role,
            team=teams.get(team_name) if team_name and rng.random() < 0.92 else None,
            consent=consent, author=author, channel="public" if public else "app",
            told_on=told_on,
        )
        if steer == PURPOSE and consent == Consent.LIBRARY:
            told.setdefault(scene["key"], []).append(story)
    for key, title, note in CURATED[slug]:
        candidates = told.get(key, [])
        if not candidates:
            continue
        story = max(candidates, key=lambda s: (s.told_on, s.pk))
        scene = next(s for s in scenes + public_scenes if s["key"] == key)
        story_curate(story, facilitator, title=title, purpose_part=scene["part"], note=note)
    return form


# ---------------------------------------------------------------- a storytelling session
#
# Three weeks ago De Wilgenhoek held a study afternoon with stories: 24 phones, six stories
# told (one for analysis only), a few brought from the library, four groups that each
# crafted one into a story arc, dots, and the two the room liked best into the library.

SESSION_TITLE = "Studiemiddag: verhalen die laten zien waar we voor staan"
SESSION_DAYS_AGO = 21
SESSION_PEOPLE = 24

# (title, text, consent): told on the phones.
SESSION_TOLD = [
    ("De leenbril",
     "Mila uit groep 4 kon de leesles niet volgen: haar bril was al twee weken kapot. Het "
     "protocol zegt dat je de ouders belt en het noteert in het dossier. Ik heb haar naast "
     "me gezet, de tekst groot afgedrukt en 's middags met haar moeder en de opticien "
     "gebeld. Twee dagen later had ze een leenbril.", Consent.LIBRARY),
    ("Een half uur met een tolk",
     "Bij de rapportgesprekken hadden we dit jaar tien minuten per kind, volgens het "
     "schema. Met de vader van Joep liep het na vijf minuten vast: hij verstond ons niet "
     "goed. We hebben een nieuwe afspraak gemaakt, met een tolk en een half uur. Het schema "
     "liep uit, maar Joep zit nu beter in zijn vel.", Consent.LIBRARY),
    ("Rood in het systeem",
     "De toetskalender zegt dat groep 8 in januari drie toetsen in één week maakt. Ik zag "
     "de kinderen zenuwachtig worden. Na overleg met de intern begeleider hebben we er één "
     "naar februari geschoven. Niemand vond dat erg, behalve het systeem, dat rood kleurde.",
     Consent.LIBRARY),
    ("",
     "Ik ben moe. Elke week komen er formulieren bij en gaat er tijd voor de klas af. Ik "
     "weet niet hoe lang ik dit nog volhoud.", Consent.ANALYSIS),
    ("Pleindienst",
     "Een collega nam mijn pleindienst over, zodat ik een moeder kon opvangen die huilend "
     "bij het hek stond. Zo hoort het, maar het staat nergens.", Consent.ORGANISATION),
    ("Thee in de teamkamer",
     "Sem was ziek en zijn moeder kon pas om drie uur komen. Volgens de afspraken had hij "
     "in de klas moeten blijven. We hebben hem met thee en een deken op de bank in de "
     "teamkamer gelegd en zijn oma gebeld.", Consent.LIBRARY),
]
# Library stories brought in from the screen's list, by their title.
SESSION_PICKS = ["Binnenlopen mag", "Eerst thee, dan de toets", "Binnenlopen mag",
                 "De juf belde gewoon"]
# Per group: the source (a told title, or a library title), the crafted story, its part of
# the Bedoeling, its consent, the arc, and the dots the room gave it.
SESSION_CRAFTED = [
    {"source": "De leenbril", "title": "Eerst zien, dan lezen", "part": PurposePart.FOR_CLIENT,
     "consent": Consent.LIBRARY, "dots": 26, "arc": [
         "Groep 4, de leesles op dinsdag. Mila zit achterin en knijpt haar ogen tot "
         "spleetjes: haar bril is al twee weken kapot.",
         "Het protocol zegt: ouders bellen, noteren in het dossier en afwachten. Intussen "
         "mist Mila elke dag de leesles, en vrijdag is de toets.",
         "De juf zet Mila naast zich, drukt de tekst groot af en belt dezelfde middag met "
         "haar moeder en de opticien in het dorp. Het dossier komt later.",
         "Twee dagen later heeft Mila een leenbril en leest ze gewoon mee. Er ligt nu een "
         "leenbril in de kast van de intern begeleider, voor het volgende kind."]},
    {"source": "Een half uur met een tolk", "title": "Tien minuten werden een half uur",
     "part": PurposePart.FOR_US, "consent": Consent.LIBRARY, "dots": 21, "arc": [
         "Rapportgesprekken in november: tien minuten per kind, een strak schema op de deur "
         "van het lokaal.",
         "De vader van Joep verstaat ons maar half. Na vijf minuten knikt hij nog wel, maar "
         "we weten allebei dat het gesprek niet aankomt.",
         "We stoppen, maken een nieuwe afspraak van een half uur en vragen een tolk. Niemand "
         "hoefde daar vooraf toestemming voor te geven.",
         "Joeps vader weet nu wat er speelt en helpt thuis met lezen. Het schema liep uit; "
         "de collega na ons vond het prima."]},
    {"source": "Binnenlopen mag", "title": "De deur stond open",
     "part": PurposePart.STATEMENT, "consent": Consent.LIBRARY, "dots": 15, "arc": [
         "Een moeder staat om half negen in de gang, met haar jas nog aan. Ze wil iets "
         "vertellen, maar er is geen afspraak.",
         "De les begint, en ‘ouders maken een afspraak via de app’. Terugsturen is het "
         "makkelijkst.",
         "De leerkracht vraagt een collega om de klas te beginnen en neemt vijf minuten. "
         "Thuis is opa overleden; haar zoon weet het sinds gisteren.",
         "De hele dag weet de klas waarom Tim stil is. Zijn moeder zegt later: ‘Ik wist dat "
         "ik gewoon binnen kon lopen.’"]},
    {"source": "Rood in het systeem", "title": "Drie toetsen in één week",
     "part": PurposePart.STOP_DOING, "consent": Consent.ORGANISATION, "dots": 10, "arc": [
         "Januari in groep 8. De toetskalender plant drie toetsen in één week.",
         "De kinderen slapen slecht en vragen elke ochtend welke toets er komt. Het systeem "
         "kent geen uitzondering.",
         "De leerkracht schuift, na overleg met de intern begeleider, één toets naar "
         "februari.",
         "De kinderen maken de toetsen rustiger. Het systeem kleurt rood, en dat bespreken "
         "we nu in het team in plaats van het weg te werken."]},
]
SESSION_CHOSEN = 2


def _storytelling_session(ctx) -> None:
    org = ctx["orgs"]["wilgenhoek"]
    facilitator = ctx["users"]["begeleider@bedoeling.test"]
    when = timezone.localtime(timezone.now() - timedelta(days=SESSION_DAYS_AGO)).replace(
        hour=14, minute=0, second=0, microsecond=0)
    session = live_services.session_create(org, facilitator, title=SESSION_TITLE,
                                           format_key="storytelling")
    live_services.session_open(session, facilitator)
    phases = {p.kind: p for p in session.phases.all()}
    people = [live_services.participant_join(session)[0] for _ in range(SESSION_PEOPLE)]

    write = phases[storytelling.WRITE]
    live_services.phase_activate(session, write)
    told = {}
    for person, (title, text, consent) in zip(people, SESSION_TOLD, strict=False):
        told[title] = storytelling.session_story_tell(write, person, text=text, title=title,
                                                  consent=consent)
    offered = {s.display_title: s for s in storytelling.offered_stories(write)}
    for person, title in zip(people[len(SESSION_TOLD):], SESSION_PICKS, strict=False):
        storytelling.session_story_pick(write, person, offered[title].pk)

    craft = phases[storytelling.CRAFT]
    live_services.phase_activate(session, craft)
    storytelling.groups_set(craft, len(SESSION_CRAFTED))
    # The tellers sit at the table of the group that crafts their story.
    for number, spec in enumerate(SESSION_CRAFTED, start=1):
        if spec["source"] in told:
            teller = people[list(told).index(spec["source"])]
            storytelling.group_join(craft, teller, number)
    storytelling.groups_assign(craft)
    groups = []
    for number, spec in enumerate(SESSION_CRAFTED, start=1):
        writer = Participant.objects.filter(session=session, role=f"groep {number}").first()
        storytelling.group_pen_take(craft, writer)
        source = told.get(spec["source"]) or offered[spec["source"]]
        storytelling.group_source_set(craft, writer, source.pk)
        for step, text in enumerate(spec["arc"], start=1):
            storytelling.group_step_save(craft, writer, step=step, text=text, move="next")
        groups.append(storytelling.group_finish(craft, writer, title=spec["title"],
                                            purpose_part=spec["part"],
                                            consent=spec["consent"]))

    show = phases[storytelling.SHOW]
    live_services.phase_activate(session, show)
    ballots = [g for g, spec in zip(groups, SESSION_CRAFTED, strict=True)
               for _ in range(spec["dots"])]
    for index, group in enumerate(ballots):
        person = people[index % SESSION_PEOPLE]
        storytelling.crafted_dots_set(show, person, group_id=group.pk, step=1)
    live_services.phase_set_flags(show, revealed=True)

    publish = phases[storytelling.PUBLISH]
    live_services.phase_activate(session, publish)
    storytelling.choices_set(publish, [g.pk for g in groups[:SESSION_CHOSEN]])
    storytelling.storytelling_publish(session, facilitator)
    live_services.session_end(session, facilitator)

    # Back to the afternoon it happened.
    ended = when + timedelta(hours=2)
    live_services.session_backdate(session, created_at=when - timedelta(days=10),
                                   opened_at=when, ended_at=ended, participants_at=when,
                                   votes_at={show: when + timedelta(minutes=95)})
    Story.objects.filter(live_session=session).update(told_on=when.date())
    SessionContribution.objects.filter(story_session__session=session).update(
        created_at=when + timedelta(minutes=20))
    StoryGroup.objects.filter(story_session__session=session).update(
        updated_at=when + timedelta(minutes=70))
    LibraryEntry.objects.filter(story__live_session=session).update(
        curated_at=ended - timedelta(minutes=5))


def load(ctx: dict) -> None:
    _load_org(ctx, "wilgenhoek", SCHOOL_FORM, SCHOOL_SCENES, SCHOOL_PARENT_SCENES,
              SCHOOL_STEER,
              [("lotte@wilgenhoek.test", "Middenbouw"), ("youssef@wilgenhoek.test", "Bovenbouw"),
               ("priya@wilgenhoek.test", "Onderbouw"), ("daan@wilgenhoek.test", "Bovenbouw"),
               ("ineke@wilgenhoek.test", "Intern begeleiding")],
              days=420, count=260, seed=5)
    _load_org(ctx, "lindeveld", MUNICIPALITY_FORM, MUNICIPALITY_SCENES,
              MUNICIPALITY_RESIDENT_SCENES, MUNICIPALITY_STEER,
              [("fatma@lindeveld.test", "Wmo-consulenten"),
               ("joost@lindeveld.test", "Werk en inkomen"),
               ("anouk@lindeveld.test", "Jeugd en gezin"),
               ("kees@lindeveld.test", "Schuldhulpverlening"),
               ("remco@lindeveld.test", "Werk en inkomen")],
              days=600, count=300, seed=55)
    _storytelling_session(ctx)
