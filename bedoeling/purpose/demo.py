"""Each demo organisation gets a Bedoeling that grew over two versions."""

from datetime import timedelta

from django.utils import timezone

from bedoeling.purpose.services import purpose_review_date_set, purpose_version_create

SCHOOL = [
    {
        "days_ago": 640,
        "author": "directeur@wilgenhoek.test",
        "statement": "Wij bieden goed onderwijs waarin elk kind zich optimaal ontwikkelt.",
        "reason": "Eerste versie, overgenomen uit het schoolplan 2023–2027.",
        "elaboration": (
            "De Wilgenhoek werkt opbrengstgericht. We volgen de ontwikkeling van elk kind met "
            "methodetoetsen en het leerlingvolgsysteem en stemmen ons aanbod af op de "
            "resultaten."
        ),
    },
    {
        "days_ago": 75,
        "author": "directeur@wilgenhoek.test",
        "statement": "Elk kind voelt zich hier gezien, en leert wat het nodig heeft om zijn "
                     "eigen weg te vinden.",
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
]

MUNICIPALITY = [
    {
        "days_ago": 900,
        "author": "teamleider@lindeveld.test",
        "statement": "Het Sociaal Domein voert de Wmo, de Jeugdwet en de Participatiewet "
                     "rechtmatig en doelmatig uit.",
        "reason": "Overgenomen uit het beleidsplan Sociaal Domein 2022–2026.",
        "elaboration": (
            "Aanvragen worden binnen de wettelijke termijnen afgehandeld. We sturen op "
            "doorlooptijden, rechtmatigheid en de budgetten per regeling."
        ),
    },
    {
        "days_ago": 380,
        "author": "begeleider@bedoeling.test",
        "statement": "Inwoners van Lindeveld kunnen meedoen en zo zelfstandig mogelijk leven; "
                     "wij helpen waar dat nodig is, met de regels als hulpmiddel en niet "
                     "als doel.",
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
    },
]


def _load_versions(org, versions, users):
    now = timezone.now()
    for data in versions:
        data = dict(data)
        days_ago = data.pop("days_ago")
        author = users[data.pop("author")]
        purpose_version_create(org, author, created_at=now - timedelta(days=days_ago), **data)


def load(ctx: dict) -> None:
    orgs, users = ctx["orgs"], ctx["users"]
    today = timezone.localdate()
    _load_versions(orgs["wilgenhoek"], SCHOOL, users)
    _load_versions(orgs["lindeveld"], MUNICIPALITY, users)
    facilitator = users["begeleider@bedoeling.test"]
    purpose_review_date_set(orgs["wilgenhoek"], facilitator, today + timedelta(days=290))
    # The municipality's herijking is due, so the demo shows the prompt.
    purpose_review_date_set(orgs["lindeveld"], facilitator, today + timedelta(days=21))
