"""Demo cases, discussed with each method at De Wilgenhoek and in Lindeveld, with what
helped the case owner, learnings and one signal that came out of a discussion. Natural
Dutch, written for this project; every person in a case is pseudonymised."""

from datetime import timedelta

from django.utils import timezone

from bedoeling.cases import methods, services
from bedoeling.cases.blocks import OWNER, HelpedBlock, StatementBlock
from bedoeling.live import services as live_services

FACILITATOR = "begeleider@bedoeling.test"

CASES = [
    {
        "org": "wilgenhoek", "author": "lotte@wilgenhoek.test", "method": "case_incident",
        "days_ago": 24, "shared": True,
        "title": "Zes weken wachten op de intern begeleider",
        "situation": "Leerling B. (groep 5) zit sinds de herfstvakantie met zijn hoofd op "
                     "tafel en leest bijna niets meer. Ik wilde hem bespreken met de intern "
                     "begeleider. Volgens onze zorgroute moet ik eerst zes weken observeren "
                     "en dat vastleggen, pas daarna mag de aanmelding.",
        "dilemma": "Ik kon de route volgen en zes weken turven, terwijl ik zag dat het "
                   "elke week slechter ging. X",
        "question": "Hoe had ik B. sneller kunnen helpen zonder de afspraken van het team "
                    "te ondermijnen?",
        "part": "for_client",
        "people": ["Lotte", "Youssef", "Priya", "Daan", "Ineke"],
        "invited": ["ineke@wilgenhoek.test", "youssef@wilgenhoek.test",
                    "priya@wilgenhoek.test", "daan@wilgenhoek.test"],
        "script": {
            "info_questions": ["Hoe lang merk je het al?", "Wat zeggen zijn ouders?",
                               "Is er thuis iets veranderd?",
                               "Wat heb je zelf al geprobeerd in de klas?"],
            "purpose_question": ["Dat B. weer plezier krijgt in lezen",
                                 "Dat we samen zien wat een kind nodig heeft, op tijd",
                                 "De route moet zorg geven, niet uitstellen"],
            "positions": ["Ik zou de intern begeleider meteen bellen en de observatie samen doen.",
                          "Ik zou de route volgen, maar de ouders direct uitnodigen.",
                          "Ik zou het in de teamvergadering inbrengen: dit gebeurt vaker.",
                          "Ik zou B. zelf vragen wat er aan de hand is."],
        },
        "helped": ["Ik zou de intern begeleider meteen bellen en de observatie samen doen.",
                   "Is er thuis iets veranderd?"],
        "scores": [4, 5, 4, 4, 5],
        "learnings": [
            ("lotte@wilgenhoek.test",
             "Observeren kan ook sámen met de intern begeleider: dan wacht het kind niet "
             "tot de route klaar is.", "for_client",
             "Zes weken observeren vóór aanmelding bij de intern begeleider"),
            ("ineke@wilgenhoek.test",
             "Een leerkracht die twijfelt, mag me altijd aanspreken. Dat zeggen we vaker "
             "hardop.", "for_us", ""),
        ],
    },
    {
        "org": "wilgenhoek", "author": "youssef@wilgenhoek.test", "method": "case_balint",
        "days_ago": 17, "shared": False,
        "title": "De vader aan het hek",
        "situation": "De vader van een meisje uit groep 7 staat elke ochtend aan het hek en "
                     "wil horen hoe het gisteren ging. Zijn dochter is net verhuisd en heeft "
                     "het zwaar. Ik merk dat ik de gesprekken ontloop.",
        "dilemma": "Hij heeft recht op informatie en maakt zich zorgen. Maar elke ochtend "
                   "tien minuten gaat af van de klas die binnenkomt.",
        "question": "Hoe geef ik hem vertrouwen zonder elke ochtend aan het hek te staan?",
        "part": "for_us",
        "people": ["Youssef", "Daan", "Lotte", "Marieke"],
        "script": {
            "collect": ["De vader aan het hek", "Het kind dat nooit zijn gymspullen heeft",
                        "Een collega die het overneemt"],
            "associations": ["Een vader die zich machteloos voelt",
                             "Het hek als grens: tot hier en niet verder",
                             "Mijn eigen eerste jaar voor de klas"],
            "clarify": ["Wat wil zijn dochter zelf?",
                        "Wat zou er gebeuren als je één vaste dag afspreekt?"],
            "advice": ["Spreek een vast moment in de week af, met het meisje erbij.",
                       "Stuur op vrijdag drie zinnen over de week.",
                       "Vraag hem wat hij nodig heeft om gerust te zijn."],
        },
        "helped": ["Spreek een vast moment in de week af, met het meisje erbij.",
                   "Wat wil zijn dochter zelf?"],
        "scores": [4, 4, 3, 5],
        "learnings": [
            ("youssef@wilgenhoek.test",
             "Een vast moment met het kind erbij geeft de vader meer dan tien losse "
             "gesprekken aan het hek.", "for_client", ""),
        ],
    },
    {
        "org": "wilgenhoek", "author": "priya@wilgenhoek.test", "method": "case_socratic",
        "days_ago": 9, "shared": False,
        "title": "Wanneer help je een kleuter te veel?",
        "situation": "Een kleuter kreeg haar jas niet dicht en begon te huilen. Ik deed de "
                     "rits voor haar dicht, zoals elke dag. Een stagiaire vroeg later waarom "
                     "ik haar niet liet oefenen.",
        "dilemma": "Troosten en helpen, of laten worstelen zodat ze het leert.",
        "question": "Wat is hier helpen?",
        "part": "statement",
        "people": ["Priya", "Lotte", "Ineke", "Marieke"],
        "script": {
            "core_statement": [
                ("ze begon te huilen", "voelde", "dat ik haar moest redden",
                 "verdriet bij een kleuter gaat voor"),
                ("ik de rits dichtdeed", "dacht", "dat het sneller ging",
                 "de hele klas stond te wachten"),
                ("de stagiaire het vroeg", "voelde", "me betrapt",
                 "ik wist dat ze gelijk had"),
            ],
            "values": ["Zelfstandigheid", "Geborgenheid", "Geduld", "Vertrouwen in het kind"],
        },
        "helped": [],
        "scores": [5, 4, 4, 4],
        "learnings": [
            ("priya@wilgenhoek.test",
             "Helpen is soms naast haar gaan zitten en wachten. Tijd maken is ook zorg.",
             "statement", ""),
        ],
    },
    {
        "org": "lindeveld", "author": "fatma@lindeveld.test", "method": "case_gossip",
        "days_ago": 20, "shared": True,
        "title": "De traplift die klopte maar niet hielp",
        "situation": "Meneer D. (81) vroeg een traplift aan. De aanvraag klopte op elk punt "
                     "en ik kende hem toe. Drie maanden later bleek dat hij de trap niet meer "
                     "op wil: hij is eenzaam sinds zijn vrouw overleed en wil verhuizen naar "
                     "een aanleunwoning.",
        "dilemma": "Ik beoordeel de aanvraag die voor me ligt. Doorvragen naar wat erachter "
                   "zit kost tijd die ik niet heb, en voelt soms als bemoeien.",
        "question": "Hoe hoor ik de vraag achter de aanvraag, binnen de tijd die er is?",
        "part": "for_client",
        "people": ["Fatma", "Anouk", "Kees", "Remco"],
        "script": {
            "gossip_questions": ["Heb je hem thuis gesproken of alleen aan de telefoon?",
                                 "Wie heeft de aanvraag ingevuld?"],
            "gossip": ["Ze deed precies wat het formulier vroeg. Het formulier vraagt niet "
                       "naar eenzaamheid.",
                       "Ik denk dat ze hem aardig vond en hem niet wilde teleurstellen.",
                       "Als ik haar was, had ik gevraagd: wat wilt u over een jaar kunnen?",
                       "Dit is geen fout van haar, dit is hoe ons proces loopt."],
        },
        "helped": ["Als ik haar was, had ik gevraagd: wat wilt u over een jaar kunnen?"],
        "scores": [5, 4, 5, 4],
        "learnings": [
            ("fatma@lindeveld.test",
             "Eén vraag erbij in het keukentafelgesprek: ‘wat wilt u over een jaar kunnen?’",
             "for_client", ""),
        ],
    },
    {
        "org": "lindeveld", "author": "joost@lindeveld.test", "method": "case_incident",
        "days_ago": 13, "shared": False,
        "title": "Eén bankafschrift te weinig",
        "situation": "Een jonge moeder vroeg bijstand aan na haar scheiding. Van één "
                     "rekening ontbrak het afschrift van de derde maand: die rekening stond "
                     "op naam van haar ex. Zonder alle afschriften mag de aanvraag niet in "
                     "behandeling.",
        "dilemma": "De regel volgen en de aanvraag laten liggen, terwijl ze geen geld had "
                   "voor boodschappen. Of de aanvraag toch oppakken en het risico nemen.",
        "question": "Wat had ik mogen doen, en wie had ik erbij moeten halen?",
        "part": "stop_doing",
        "people": ["Joost", "Remco", "Kees", "Anouk"],
        "script": {
            "info_questions": ["Had ze nog ander inkomen?",
                               "Wist je teamleider ervan?",
                               "Hoe lang zou het duren om het afschrift te krijgen?"],
            "purpose_question": ["Bestaanszekerheid, juist in de eerste weken",
                                 "Zorgvuldig, maar niet ten koste van de inwoner"],
            "positions": ["Ik zou een voorschot geven en het afschrift later vragen.",
                          "Ik zou een collega van schuldhulp erbij halen.",
                          "Ik zou de regel volgen en haar naar de voedselbank verwijzen."],
        },
        "helped": ["Ik zou een voorschot geven en het afschrift later vragen."],
        "scores": [4, 4, 3, 5],
        "learnings": [
            ("joost@lindeveld.test",
             "Een voorschot mag al; we gebruiken het te weinig omdat de regel over de "
             "afschriften voorgaat.", "stop_doing",
             "Aanvraag pas in behandeling met alle bankafschriften van drie maanden"),
        ],
    },
    {
        "org": "lindeveld", "author": "kees@lindeveld.test", "method": "custom",
        "days_ago": 5, "shared": False,
        "title": "Het beslag dat de regeling blokkeerde",
        "situation": "Een inwoner met schulden had bijna een regeling met alle schuldeisers. "
                     "Eén schuldeiser legde beslag op zijn loon, waardoor hij onder het "
                     "minimum zakte en de regeling niet meer kon betalen.",
        "dilemma": "Doorzetten met de regeling of opnieuw beginnen met een moratorium, dat "
                   "maanden kost.",
        "question": "Hoe houd ik de inwoner aan boord als het proces tegenzit?",
        "part": "for_client",
        "people": ["Kees", "Joost", "Fatma", "Hans"],
        "script": {
            "clarify": ["Weet de inwoner wat een moratorium betekent?",
                        "Heb je de schuldeiser zelf gebeld?"],
            "advice": ["Bel de schuldeiser en leg uit wat het beslag kapot maakt.",
                       "Vraag het moratorium nu al aan, als vangnet."],
        },
        "helped": ["Bel de schuldeiser en leg uit wat het beslag kapot maakt."],
        "scores": [4, 5, 4, 4],
        "learnings": [],
    },
]

CUSTOM_METHOD = ("Korte casusronde", methods.CUSTOM_DEFAULT)


def _discuss(spec, case, facilitator, method):
    discussion = services.discussion_start(case, facilitator, method=method)
    session = discussion.session
    live_services.session_open(session, facilitator)
    people = [live_services.participant_join(session, name=name)[0] for name in spec["people"]]
    owner = live_services.participant_role_give(session, people[0].pk, OWNER)
    others = people[1:]
    script = spec["script"]
    for phase in session.phases.all():
        live_services.phase_activate(session, phase)
        lines = script.get(phase.config["step"], [])
        if phase.kind in ("cards", "case_gossip"):
            for index, text in enumerate(lines):
                live_services.card_add(phase, others[index % len(others)], text=text)
            if phase.config.get("private"):
                live_services.phase_set_flags(phase, revealed=True)
        elif phase.kind == "case_statement":
            for person, (when, verb, what, because) in zip(people, lines, strict=False):
                StatementBlock().act(phase, person, {"when": when, "verb": verb, "what": what,
                                                    "because": because})
            live_services.phase_set_flags(phase, revealed=True)
        elif phase.kind == "dotvote":
            first = phase.session.phases.get(pk=phase.source_id).cards.first()
            for person in others:
                live_services.dots_set(phase, person, target=f"c{first.pk}", dots=1)
            live_services.phase_set_flags(phase, revealed=True)
        elif phase.kind == "case_helped":
            cards = {c.text: c for c in session.cards.all()}
            for text in spec["helped"]:
                HelpedBlock().act(phase, owner, {"card": f"c{cards[text].pk}", "helped": "1"})
        elif phase.kind == "scale":
            for person, score in zip(people, spec["scores"], strict=False):
                live_services.vote_cast(phase, person, target="", value=score)
    live_services.session_end(session, facilitator)
    return discussion


def load(ctx: dict) -> None:
    users, orgs = ctx["users"], ctx["orgs"]
    facilitator = users[FACILITATOR]
    custom = services.custom_method_save(orgs["lindeveld"], users["teamleider@lindeveld.test"],
                                         name=CUSTOM_METHOD[0], steps=list(CUSTOM_METHOD[1]))
    now = timezone.now()
    for spec in CASES:
        org, author = orgs[spec["org"]], users[spec["author"]]
        case = services.case_create(org, author, title=spec["title"],
                                    situation=spec["situation"], dilemma=spec["dilemma"],
                                    question=spec["question"], purpose_part=spec["part"])
        for email in spec.get("invited", ()):
            services.case_invite(case, author, users[email])
        method = f"custom:{custom.pk}" if spec["method"] == "custom" else spec["method"]
        discussion = _discuss(spec, case, facilitator, method)
        for email, text, part, rule in spec["learnings"]:
            services.learning_add(case, users[email], text=text, purpose_part=part,
                                  rule_in_the_way=rule)
        if spec["shared"]:
            services.case_share(case, author, shared=True)
        when = timezone.localtime(now - timedelta(days=spec["days_ago"])).replace(
            hour=15, minute=30, second=0, microsecond=0)
        live_services.session_backdate(discussion.session, created_at=when - timedelta(days=2),
                                       opened_at=when, ended_at=when + timedelta(minutes=75),
                                       participants_at=when)
        services.case_backdate(case, written=when - timedelta(days=3),
                               discussed=when + timedelta(minutes=80))
