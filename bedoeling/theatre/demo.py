"""Demo data: a regietheater performance in each organisation, played on a study
afternoon, with its replay log — De Wilgenhoek (a school) and Lindeveld (a
municipality), two scenes each. Played through the real services: presses, proposals,
votes and judgements are what a hall of phones would have sent."""

from datetime import timedelta

from django.utils import timezone

from bedoeling.live import services as live
from bedoeling.theatre import play, services
from bedoeling.theatre.models import Stop

HALL = 24
THRESHOLD = 10  # people within ten seconds: the joker set it to about half the hall

PERFORMANCES = {
    "wilgenhoek": {
        "title": "Zien wat het kind nodig heeft",
        "intro": "Studiemiddag van het team: twee scènes uit onze eigen week, gespeeld door "
                 "twee collega's en een ouder uit de MR.",
        "days_ago": 12,
        "scenes": [
            {"title": "De juf en de lesplanning",
             "setting": "Groep 5, dinsdag 8.25 uur. De juf zit achter haar laptop en werkt "
                        "het groepsplan rekenen bij; de kinderen komen binnen.",
             "characters": "De juf\nSem, een leerling\nDe intern begeleider",
             "conflict": "Sem blijft bij haar bureau staan en zegt zacht dat het thuis niet "
                         "goed ging. De juf kijkt niet op: ‘Ga maar zitten, we beginnen zo.’",
             "at_stake": "Ieder kind wordt gezien — ook als de planning wacht.",
             "stops": [
                 {"presses": 17, "at": 95, "character": "De juf",
                  "proposals": ["Ze klapt de laptop dicht en gaat op ooghoogte naast Sem zitten.",
                                "Ze vraagt de groep om vijf minuten stil te lezen en loopt "
                                "met Sem de gang op.",
                                "Ze zegt: ‘Ik zie je, ik kom zo bij je’ — en doet dat ook.",
                                "Ze laat de laptop dicht tot de kring voorbij is."],
                  "merge": (4, 1), "votes": [9, 7, 6, 0], "judgement": [0, 1, 3, 11, 7],
                  "notes": "De zaal koos niet voor een grote ingreep maar voor één gebaar. "
                           "Opvallend: drie mensen zeiden dat het groepsplan ‘er gewoon "
                           "bij hoort’ — daar willen we het over hebben."},
                 {"presses": 9, "at": 75, "character": "De intern begeleider",
                  "proposals": ["Hij vraagt het groepsplan pas vrijdag op.",
                                "Hij neemt de kring van de juf over zodat zij met Sem kan "
                                "praten."],
                  "votes": [8, 12], "judgement": [1, 2, 6, 8, 3],
                  "notes": "Tweede stop op de ib'er: regels die tijd kosten worden pas "
                           "zichtbaar als iemand ze laat wachten."},
             ]},
            {"title": "Het oudergesprek over de toets",
             "setting": "Tien-minutengesprek in het lokaal. Op tafel de toetsuitslagen van "
                        "Noor; haar moeder komt binnen met een tekening in haar hand.",
             "characters": "De juf\nDe moeder van Noor",
             "conflict": "De juf opent met de rode scores; de moeder legt de tekening weer "
                         "weg.",
             "at_stake": "Samen met ouders kijken naar het hele kind.",
             "stops": [
                 {"presses": 14, "at": 40, "character": "De juf",
                  "proposals": ["Ze vraagt eerst naar de tekening.",
                                "Ze legt de uitslagen omgekeerd op tafel.",
                                "Ze vraagt: ‘Hoe is Noor thuis?’"],
                  "hide": 2, "votes": [13, 0, 8], "judgement": [0, 0, 2, 9, 10],
                  "notes": "Veel herkenning bij ouders in de zaal: het gesprek begon pas "
                           "echt na de tekening.",
                  "insight": ("story", "Bij het oudergesprek opende de juf met de rode "
                              "scores, en de moeder van Noor legde haar tekening weer weg. "
                              "Toen de zaal de juf liet beginnen met de tekening, begon het "
                              "gesprek pas echt.")},
             ]},
        ],
    },
    "lindeveld": {
        "title": "Achter het loket",
        "intro": "Teamdag Wmo en burgerzaken: het gesprek dat de checklist voert, en het "
                 "gesprek dat de inwoner nodig heeft.",
        "days_ago": 20,
        "scenes": [
            {"title": "De checklist aan de keukentafel",
             "setting": "Een keukentafelgesprek bij meneer De Vries (82). De consulent heeft "
                        "het formulier op haar tablet; zijn dochter zit erbij.",
             "characters": "De consulent\nMeneer De Vries\nZijn dochter",
             "conflict": "Meneer De Vries begint over zijn overleden vrouw; de consulent "
                         "zegt: ‘Daar komen we zo op, eerst vraag 7: kunt u zelf douchen?’",
             "at_stake": "De inwoner staat centraal, niet het formulier.",
             "stops": [
                 {"presses": 19, "at": 120, "character": "De consulent",
                  "proposals": ["Ze legt de tablet weg en vraagt naar zijn vrouw.",
                                "Ze vraagt de dochter wat haar vader het meest mist.",
                                "Ze zegt eerlijk dat ze het formulier moet invullen, maar "
                                "dat het nu even kan wachten.",
                                "Ze legt de tablet weg."],
                  "merge": (4, 1), "votes": [10, 4, 9, 0], "judgement": [0, 1, 4, 10, 6],
                  "notes": "De zaal vond ‘eerlijk zijn over het formulier’ bijna net zo "
                           "goed. Inzicht: het formulier hoeft niet aan het begin."},
             ]},
            {"title": "Het loket om vijf voor vijf",
             "setting": "Burgerzaken, vrijdagmiddag. Een inwoner heeft een paspoort nodig "
                        "voor een begrafenis in Marokko, maandag.",
             "characters": "De medewerker burgerzaken\nDe inwoner\nDe teamleider",
             "conflict": "De medewerker wijst op de klok en de afsprakenregel: ‘Zonder "
                         "afspraak kan ik niets voor u doen.’",
             "at_stake": "Regels dienen de inwoner; wie ervan afwijkt, mag dat uitleggen.",
             "stops": [
                 {"presses": 11, "at": 60, "character": "De medewerker burgerzaken",
                  "proposals": ["Ze belt de teamleider en vraagt om een spoedafspraak.",
                                "Ze neemt de aanvraag toch in en meldt het als afwijking.",
                                "Ze vraagt eerst wat er aan de hand is."],
                  "votes": [6, 11, 5], "judgement": [1, 1, 5, 9, 5],
                  "notes": "Discussie: mag een medewerker zelf afwijken? De zaal zegt ja, "
                           "mits gemeld. Dit wordt een melding in het register.",
                  "insight": ("signal", "Bij het loket geldt ‘geen afspraak, geen hulp’, ook "
                              "als een inwoner maandag een paspoort nodig heeft voor een "
                              "begrafenis. In het regietheater koos de zaal voor afwijken en "
                              "melden.")},
                 {"presses": 6, "at": 90, "character": "De teamleider",
                  "proposals": ["Hij zegt: ‘Goed gedaan, schrijf op waarom.’",
                                "Hij vraagt de regel op de volgende teamdag te bespreken."],
                  "votes": [12, 9], "judgement": [0, 0, 4, 12, 6],
                  "notes": "De teamleider die afwijken beloont: applaus in de zaal."},
             ]},
        ],
    },
}


def _play_stop(phase, people, script) -> Stop:
    stop = play.start(phase)
    stop = play.thresholds_set(phase, threshold=THRESHOLD, window=10)
    # Fewer presses than the threshold is the joker who stopped it herself.
    for person in people[:script["presses"]]:
        play.press(phase, person, stop.pk)
    play.freeze(phase, character=script["character"])
    for person, text in zip(people, script["proposals"], strict=False):
        play.propose(phase, person, stop_raw=stop.pk, text=text)
    if "merge" in script:
        play.proposal_merge(phase, *script["merge"])
    if "hide" in script:
        play.proposal_hide(phase, script["hide"])
    play.vote_open(phase)
    voters = iter(people)
    for number, count in enumerate(script["votes"], start=1):
        for _ in range(count):
            play.vote(phase, next(voters), stop_raw=stop.pk, number=number)
    play.choose(phase)
    play.judge_open(phase)
    judges = iter(people)
    for value, count in enumerate(script["judgement"], start=1):
        for _ in range(count):
            play.judge(phase, next(judges), stop_raw=stop.pk, value=value)
    play.notes_set(phase, stop.number, script["notes"])
    return stop


def _performance(ctx, slug, spec) -> None:
    org = ctx["orgs"][slug]
    facilitator = ctx["users"]["begeleider@bedoeling.test"]
    performance = services.performance_create(org, facilitator, title=spec["title"],
                                              intro=spec["intro"])
    for scene in spec["scenes"]:
        services.scene_save(performance, facilitator,
                            **{k: v for k, v in scene.items() if k != "stops"})
    session = services.showing_start(performance, facilitator)
    live.session_open(session, facilitator)
    people = [live.participant_join(session)[0] for _ in range(HALL)]
    when = timezone.localtime(timezone.now() - timedelta(days=spec["days_ago"])).replace(
        hour=14, minute=0, second=0, microsecond=0)
    start = when
    insights = []
    for phase, scene in zip(session.phases.order_by("position"), spec["scenes"], strict=True):
        live.phase_activate(session, phase)
        for script in scene["stops"]:
            stop = _play_stop(phase, people, script)
            # Back to the afternoon it was played, minutes apart; "at" is the seconds into
            # the run (the first play, then a replay) that the stop interrupted.
            stopped = start + timedelta(seconds=script["at"])
            Stop.objects.filter(pk=stop.pk).update(
                started_at=start, stopped_at=stopped, at_seconds=script["at"],
                stopped_by=Stop.By.HALL if script["presses"] >= stop.threshold
                else Stop.By.JOKER)
            start = stopped + timedelta(minutes=12)
            if "insight" in script:
                insights.append((stop, script))
        start += timedelta(minutes=10)
    live.session_end(session, facilitator)
    for stop, script in insights:
        services.insight_record(stop, facilitator, kind=script["insight"][0],
                                text=script["insight"][1])
    live.session_backdate(session, created_at=when - timedelta(days=7), opened_at=when,
                          ended_at=start, participants_at=when)


def load(ctx: dict) -> None:
    for slug, spec in PERFORMANCES.items():
        _performance(ctx, slug, spec)


def notes() -> list[str]:
    return ["Regietheater: een gespeelde voorstelling met logboek in beide organisaties "
            "(menu ‘Regietheater’)."]
