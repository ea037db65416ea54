"""Each demo organisation gets a Bedoeling that grew over two versions: a first one taken
over from a policy plan, and a second one adopted in a vision session (a herijking) whose
opinion map, statements and formulations are kept as its provenance.

The sessions are run through the same services a real one uses; only the hundreds of
votes are written in bulk, from anonymous participants in two or three opinion groups
(seeded, so the demo is the same every time)."""

from datetime import timedelta

import numpy as np
from django.utils import timezone

from bedoeling.live import services as live_services
from bedoeling.purpose.models import OpinionMapSnapshot, VisionSession
from bedoeling.purpose.opinion import current_entry, map_view
from bedoeling.purpose.selectors import ADOPTION, DRAFTING, OPINION_MAP, phase_of_kind
from bedoeling.purpose.services import purpose_review_date_set, purpose_version_create
from bedoeling.purpose.session import formulation_add, vision_adopt, vision_session_create

# Probability of agree / disagree / pass for a leaning: + agrees, - disagrees, 0 is torn.
LEANINGS = {"+": (0.84, 0.08, 0.08), "-": (0.08, 0.84, 0.08), "0": (0.42, 0.40, 0.18),
            "++": (0.92, 0.03, 0.05), "--": (0.04, 0.90, 0.06)}

SCHOOL_FIRST = {
    "days_ago": 640,
    "author": "directeur@wilgenhoek.test",
    "statement": "Wij bieden goed onderwijs waarin elk kind zich optimaal ontwikkelt.",
    "reason": "Eerste versie, overgenomen uit het schoolplan 2023–2027.",
    "elaboration": (
        "De Wilgenhoek werkt opbrengstgericht. We volgen de ontwikkeling van elk kind met "
        "methodetoetsen en het leerlingvolgsysteem en stemmen ons aanbod af op de "
        "resultaten."
    ),
}

# Groups: A leerkrachten die ruimte voor het kind willen, B wie houvast zoekt in
# structuur en resultaten, C ouders en de leerlingenraad.
SCHOOL_SESSION = {
    "days_ago": 75,
    "title": "Studiedag oktober: herijking van onze Bedoeling",
    "question": "Waarvoor zijn wij er, eigenlijk — voor de kinderen van De Wilgenhoek?",
    "facilitator": "begeleider@bedoeling.test",
    "adopter": "directeur@wilgenhoek.test",
    "groups": (28, 18, 16),
    "current": "- + -",  # how each group reacts to the version being recalibrated
    "statements": [
        ("Een kind dat thuis iets zwaars meemaakt, heeft eerst aandacht nodig en daarna pas "
         "een werkblad.", "++ + ++"),
        ("Ouders moeten altijd binnen kunnen lopen, ook als het niet over cijfers gaat.",
         "+ + ++"),
        ("Elk kind moet zich op school gezien voelen door minstens één volwassene.",
         "++ ++ ++"),
        ("We vieren wat een kind kan, niet alleen wat de toets meet.", "++ + +"),
        ("Groepsplannen van twaalf pagina's helpen ons om het kind beter te begrijpen.",
         "-- - -"),
        ("We moeten als team vaker bij elkaar in de klas kijken.", "+ + +"),
        ("Duidelijke afspraken in de klas zijn een voorwaarde om te kunnen leren.", "+ ++ +"),
        ("Methodetoetsen geven ons een eerlijk beeld van waar een kind staat.", "- + +"),
        ("Leerkrachten mogen afwijken van de planning zonder dat vooraf te verantwoorden.",
         "+ - +"),
        ("De eindtoets moet zwaar meewegen in het schooladvies.", "- + 0"),
        ("We zouden minder moeten toetsen en meer moeten observeren.", "+ - 0"),
        ("Een vaste weekplanning geeft kinderen rust en houvast.", "- + +"),
        ("Opbrengstgericht werken past bij onze school.", "- + -"),
        ("Kinderen moeten vaker zelf kiezen wat en hoe ze leren.", "+ - 0"),
        ("Buiten leren is net zo waardevol als leren in de klas.", "+ 0 +"),
        ("Ouders worden te laat betrokken als het met hun kind niet goed gaat.", "- - ++"),
        ("Het team vergadert te veel over scores en te weinig over kinderen.", "+ - 0"),
        ("Ons schoolplan is geschreven voor de inspectie, niet voor ons.", "+ - -"),
        ("Een goede school herken je aan haar resultaten.", "- + +"),
        ("Er moet meer tijd zijn voor gesprekken met kinderen, ook als dat lestijd kost.",
         "+ 0 +"),
        ("De leerlingenraad moet echt mee kunnen beslissen.", "+ - ++"),
        ("Huiswerk in de onderbouw heeft weinig zin.", "+ - -"),
        ("Toetsen helpen ons om op tijd te zien dat een kind extra hulp nodig heeft.",
         "0 + ++"),
        ("Het leerlingvolgsysteem kost meer tijd dan het oplevert.", "+ - -"),
        ("Ouders zouden vaker mogen meehelpen in de klas.", "- - ++"),
        ("Gezien worden is belangrijker dan presteren.", "+ - +"),
        ("We stoppen met elke week een methodetoets in alle vakken.", "+ - 0"),
        ("Elk kind leert in zijn eigen tempo, en dat is goed zo.", "+ 0 +"),
    ],
    "formulations": [
        ("Elk kind voelt zich hier gezien, en leert wat het nodig heeft om zijn eigen weg te "
         "vinden.", "++ + ++"),
        ("Hier mag je zijn wie je bent, en je leert er veel.", "+ 0 ++"),
        ("Op De Wilgenhoek leert elk kind, op zijn eigen manier en in zijn eigen tempo.",
         "+ 0 +"),
        ("Samen met ouders zorgen we dat elk kind zich veilig voelt en groeit.", "0 0 ++"),
        ("Goede resultaten voor elk kind, met aandacht voor wie het moeilijk heeft.",
         "- ++ 0"),
    ],
    "adopt": {
        "formulation": 0,
        "reason": "Na de studiedag van oktober: bij ‘optimaal ontwikkelen’ kreeg niemand een "
                  "beeld, bij ‘gezien worden’ iedereen. Toetsen blijven, maar niet als doel.",
        "for_client": (
            "- Een kind dat thuis iets zwaars meemaakt, krijgt eerst aandacht en daarna pas "
            "een werkblad.\n"
            "- Ouders weten dat ze binnen kunnen lopen, ook als het niet over cijfers gaat.\n"
            "- We kijken naar wat een kind *kan*, niet alleen naar wat de toets meet."
        ),
        "for_us": (
            "Je mag als leerkracht afwijken van de planning als een kind dat nodig heeft. "
            "Je hoeft dat niet vooraf te verantwoorden; je vertelt het achteraf aan je "
            "collega's, zodat we er samen van leren."
        ),
        "stop_doing": (
            "- Groepsplannen van twaalf pagina's die niemand leest.\n"
            "- Elke week een methodetoets in alle vakken.\n"
            "- Teamoverleg dat alleen over scores gaat."
        ),
        "elaboration": (
            "Deze Bedoeling is gemaakt met het hele team, de ouderraad en de leerlingenraad. "
            "Groep 8 schreef er een eigen versie van: **‘Hier mag je zijn wie je bent, en je "
            "leert er veel.’**\n\n"
            "We toetsen nog steeds, omdat het ons helpt te zien waar een kind staat. Maar een "
            "score is een vraag, geen antwoord: *wat heeft dit kind nodig?*"
        ),
    },
}

MUNICIPALITY_FIRST = {
    "days_ago": 900,
    "author": "teamleider@lindeveld.test",
    "statement": "Het Sociaal Domein voert de Wmo, de Jeugdwet en de Participatiewet "
                 "rechtmatig en doelmatig uit.",
    "reason": "Overgenomen uit het beleidsplan Sociaal Domein 2022–2026.",
    "elaboration": (
        "Aanvragen worden binnen de wettelijke termijnen afgehandeld. We sturen op "
        "doorlooptijden, rechtmatigheid en de budgetten per regeling."
    ),
}

# Groups: A consulenten die maatwerk willen, B wie de rechtmatigheid en het budget bewaakt.
MUNICIPALITY_SESSION = {
    "days_ago": 380,
    "title": "Bijeenkomst na de toeslagenaffaire: waarvoor zijn wij er?",
    "question": "Waarvoor zijn wij er, eigenlijk — voor de inwoners van Lindeveld?",
    "facilitator": "begeleider@bedoeling.test",
    "adopter": "teamleider@lindeveld.test",
    "groups": (31, 21),
    "current": "- +",
    "statements": [
        ("Een inwoner hoeft zijn verhaal maar één keer te vertellen.", "++ +"),
        ("Als een regel een inwoner duidelijk tekortdoet, zeggen we dat hardop.", "++ +"),
        ("We bellen eerst, voordat we een aanvraag afwijzen omdat er iets ontbreekt.", "++ +"),
        ("Na de toeslagenaffaire mag vertrouwen in inwoners geen sluitstuk meer zijn.",
         "++ +"),
        ("Dezelfde bewijsstukken opnieuw opvragen is gewoon zorgvuldig.", "-- -"),
        ("Een wachtlijst is soms onvermijdelijk; dan zijn we eerlijk over de wachttijd.",
         "+ +"),
        ("Collega's van verschillende teams moeten vaker samen een casus bespreken.", "+ +"),
        ("Rechtmatigheid is het belangrijkste wat we leveren.", "- +"),
        ("Consulenten moeten meer ruimte krijgen om af te wijken van de regels.", "+ -"),
        ("Sturen op doorlooptijden maakt ons werk beter.", "- +"),
        ("Het budget per regeling moet leidend zijn bij het toekennen.", "- +"),
        ("Maatwerk leidt tot willekeur.", "- +"),
        ("We controleren te veel en vertrouwen te weinig.", "+ -"),
        ("Een keukentafelgesprek is belangrijker dan het aanvraagformulier.", "+ 0"),
        ("Het aantal afgehandelde dossiers per week zegt weinig over goed werk.", "+ -"),
        ("Elke afwijking van de regel moet vooraf door een teamleider worden goedgekeurd.",
         "- +"),
        ("Inwoners die misbruik maken zijn de uitzondering, niet de regel.", "+ 0"),
        ("De wet laat meer ruimte dan we denken.", "+ 0"),
        ("We beslissen vaker samen met de inwoner wat hij nodig heeft.", "+ 0"),
        ("De wet bepaalt wat we doen; de Bedoeling is een mooi extraatje.", "- +"),
        ("Eén aanspreekpunt per huishouden in plaats van vier loketten.", "+ -"),
        ("Fouten in een aanvraag herstellen we samen met de inwoner, niet met een boete.",
         "+ 0"),
        ("Met strengere controle voorkomen we een nieuwe toeslagenaffaire.", "- +"),
        ("Rechtmatigheid en maatwerk gaan prima samen.", "0 +"),
    ],
    "formulations": [
        ("Inwoners van Lindeveld kunnen meedoen en zo zelfstandig mogelijk leven; wij helpen "
         "waar dat nodig is, met de regels als hulpmiddel en niet als doel.", "++ +"),
        ("Eerst de inwoner, dan het loket.", "+ 0"),
        ("Wij helpen inwoners zo, dat ze daarna zelf verder kunnen.", "+ +"),
        ("Rechtmatig waar het moet, maatwerk waar het kan.", "0 ++"),
    ],
    "adopt": {
        "formulation": 0,
        "reason": "Na de bijeenkomsten over de toeslagenaffaire: ‘rechtmatig’ blijft "
                  "vanzelfsprekend, maar het is niet waarvoor we er zijn.",
        "for_client": (
            "Een inwoner vertelt zijn verhaal één keer. Wij vragen eerst wat er aan de hand "
            "is en wat iemand zelf wil, en pas daarna welk loket erbij hoort."
        ),
        "for_us": (
            "Consulenten hebben ruimte voor maatwerk. Als een regel in de weg zit, zeggen we "
            "dat hardop: we melden het, zodat er iets mee gebeurt."
        ),
        "stop_doing": (
            "- Dezelfde bewijsstukken drie keer opvragen.\n"
            "- Een aanvraag afwijzen omdat een vakje leeg is, zonder te bellen.\n"
            "- Sturen op het aantal afgehandelde dossiers per week."
        ),
        "elaboration": (
            "Deze Bedoeling is gemaakt met consulenten, beleidsmedewerkers, de adviesraad "
            "Sociaal Domein en een handvol inwoners. Rechtmatig werken blijft "
            "vanzelfsprekend: de wet is de ondergrens, niet waarvoor we er zijn."
        ),
    },
}


def _first_version(org, data, users, now):
    data = dict(data)
    days_ago = data.pop("days_ago")
    author = users[data.pop("author")]
    purpose_version_create(org, author, created_at=now - timedelta(days=days_ago), **data)


def _answer(rng, leaning: str) -> int | None:
    agree, disagree, _pass = LEANINGS[leaning]
    roll = rng.random()
    return 1 if roll < agree else (-1 if roll < agree + disagree else 0)


def _leanings(spec: str, groups: int) -> list[str]:
    parts = spec.split()
    assert len(parts) == groups, spec
    return parts


def _vote(rng, phase, people, group_of, cards, specs, seen, when, groups):
    rows = []
    for person in people:
        g = group_of[person.pk]
        for card, spec in zip(cards, specs, strict=True):
            if rng.random() > seen:
                continue
            rows.append((person.pk, f"c{card.pk}", _answer(rng, _leanings(spec, groups)[g]),
                         when + timedelta(seconds=int(rng.integers(60, 2400)))))
    live_services.votes_import(phase, rows)


def _run_session(org, spec, users, now, seed):
    """A vision session from opening to adoption, as a room of phones would run it."""
    rng = np.random.default_rng(seed)
    when = timezone.localtime(now - timedelta(days=spec["days_ago"])).replace(
        hour=13, minute=30, second=0, microsecond=0)
    facilitator, adopter = users[spec["facilitator"]], users[spec["adopter"]]
    groups = spec["groups"]
    session = vision_session_create(org, facilitator, title=spec["title"],
                                    question=spec["question"], mode="recalibrate")
    live_services.session_open(session, facilitator)
    statements = session.phases.get(kind="agree")
    map_phase = phase_of_kind(session, OPINION_MAP)
    drafting = phase_of_kind(session, DRAFTING)
    adoption = phase_of_kind(session, ADOPTION)

    total = sum(groups)
    people = live_services.participants_add(session, total, created_at=when,
                                            spacing=timedelta(seconds=7))
    # The draws the demo's participant tokens once took, so that every later draw (and so
    # the demo's opinion map) stays as it was.
    rng.random(total)
    order = rng.permutation(total)  # who is in which group has nothing to do with join order
    bounds = np.cumsum(groups)
    group_of = {people[i].pk: int(np.searchsorted(bounds, rank, side="right"))
                for rank, i in enumerate(order)}

    live_services.phase_activate(session, statements)
    cards = []
    for index, (text, _lean) in enumerate(spec["statements"]):
        # The facilitator seeded a handful; the room wrote the rest, anonymously.
        author = None if index % 6 == 0 else people[int(rng.integers(total))]
        cards.append(live_services.card_add(statements, author, text=text))
    _vote(rng, statements, people, group_of, cards, [lean for _t, lean in spec["statements"]],
          0.9, when, len(groups))

    live_services.phase_activate(session, map_phase)
    live_services.phase_set_flags(map_phase, revealed=True)
    live_services.phase_activate(session, drafting)
    formulations = list(drafting.cards.all())  # the current text, seeded when recalibrating
    for text, _lean in spec["formulations"]:
        formulations.append(formulation_add(drafting, people[int(rng.integers(total))],
                                            text=text))
    _vote(rng, drafting, people, group_of, formulations,
          [spec["current"]] + [lean for _t, lean in spec["formulations"]],
          0.8, when + timedelta(minutes=50), len(groups))
    live_services.phase_set_flags(drafting, revealed=True)

    live_services.phase_activate(session, adoption)
    adopt = dict(spec["adopt"])
    chosen = formulations[1 + adopt.pop("formulation")]
    reason = adopt.pop("reason")
    consensus = map_view(current_entry(map_phase, exact=True), org.anonymity_threshold,
                         svg=False).consensus
    ended = when + timedelta(hours=2)
    vision_adopt(adoption, adopter, statement=chosen.text, reason=reason,
                 formulation=chosen.pk, building_blocks=[s["card"] for s in consensus],
                 texts=adopt, created_at=ended)
    live_services.session_end(session, facilitator)

    # Back to the day it happened.
    live_services.session_backdate(session, created_at=when - timedelta(days=14),
                                   opened_at=when, ended_at=ended,
                                   cards_at=when + timedelta(minutes=15))
    VisionSession.objects.filter(session=session).update(created_at=when - timedelta(days=14))
    OpinionMapSnapshot.objects.filter(vision__session=session, reason="end").update(
        taken_at=ended + timedelta(minutes=5))
    return session


def load(ctx: dict) -> None:
    orgs, users = ctx["orgs"], ctx["users"]
    now = timezone.now()
    today = timezone.localdate()
    _first_version(orgs["wilgenhoek"], SCHOOL_FIRST, users, now)
    _run_session(orgs["wilgenhoek"], SCHOOL_SESSION, users, now, seed=2024)
    _first_version(orgs["lindeveld"], MUNICIPALITY_FIRST, users, now)
    _run_session(orgs["lindeveld"], MUNICIPALITY_SESSION, users, now, seed=2025)
    facilitator = users["begeleider@bedoeling.test"]
    purpose_review_date_set(orgs["wilgenhoek"], facilitator, today + timedelta(days=290))
    # The municipality's herijking is due, so the demo shows the prompt.
    purpose_review_date_set(orgs["lindeveld"], facilitator, today + timedelta(days=21))
