"""Demo data for this app; see bedoeling/orgs/management/commands/demo.py.

An asynchronous roddelmethode at the municipality (the format the case discussions
register): the district teams cannot meet at one moment, so each step is open for a
while. Yesterday the colleagues asked their questions; today they talk about the case
while Fatma, who brought it, sits outside the circle and reads along.

And a parents' evening in preparation at the school: the open format (its texts follow each
phone's language) and one hand-written question with an English translation, for the
parents who read English — open it and join with a phone set to English to see both."""

from datetime import timedelta

from django.utils import timezone

from bedoeling.accounts.models import Membership
from bedoeling.live import schedule, services
from bedoeling.live.models import Card
from bedoeling.live.registry import FORMATS

# The roddelmethode that the case discussions register, found by its name as the demo's
# facilitator would: live knows no domain's formats or blocks.
GOSSIP = "Roddelmethode"
OWNER = "inbrenger"

QUESTIONS = [
    ("joost@lindeveld.test", "Heb je met meneer B. zelf gesproken, of alleen met zijn dochter?"),
    ("anouk@lindeveld.test", "Wat wil hij zelf het liefst: naar de dagbesteding, of ook gewoon "
                             "naar buiten?"),
    ("kees@lindeveld.test", "Wie heeft de richtlijn over de regiotaxi opgesteld, en waarom?"),
    ("remco@lindeveld.test", "Wat zou een scootmobiel kosten tegenover een jaar regiotaxi?"),
]
TALK = [
    ("anouk@lindeveld.test", "Ik hoor een richtlijn die gaat over vervoer, terwijl de vraag "
                             "gaat over meedoen. Dat is iets anders."),
    ("kees@lindeveld.test", "De bedoeling van de Wmo is dat hij zelfstandig kan blijven "
                            "meedoen. Daar past dit nu niet bij."),
]


def load(ctx: dict) -> None:
    _parents_evening(ctx)
    org = ctx["orgs"]["lindeveld"]
    facilitator = ctx["users"]["begeleider@bedoeling.test"]
    session = services.session_create(
        org, facilitator, title="Casus op afstand: de scootmobiel van meneer B.",
        format_key=next(f.key for f in FORMATS.values() if str(f.name) == GOSSIP),
        anonymous=False, participant_cap=20)
    phases = list(session.phases.all())
    people = ["fatma@lindeveld.test"] + [email for email, _ in QUESTIONS]
    memberships = [Membership.objects.get(organisation=org, user=ctx["users"][email])
                   for email in people]
    schedule.members_invite(session, facilitator, memberships)
    by_email = {p.membership.user.email: p for p in schedule.invitees(session)}
    services.participant_role_give(session, by_email["fatma@lindeveld.test"].pk, OWNER)

    # The input of yesterday and this morning, written before the plan is laid on top.
    services.session_open(session, facilitator)
    now = timezone.localtime().replace(second=0, microsecond=0)
    hours = [now + timedelta(hours=h) for h in (-29, -5, 7, 19, 31, 43)]
    for phase, rows, first in ((phases[0], QUESTIONS, hours[0] + timedelta(hours=1)),
                               (phases[1], TALK, now - timedelta(hours=3))):
        services.phase_activate(session, phase)
        for minutes, (email, text) in enumerate(rows):
            card = services.card_add(phase, by_email[email], text=text)
            Card.objects.filter(pk=card.pk).update(
                created_at=first + timedelta(minutes=47 * minutes + 5))

    # Two days: the questions yesterday, the gossip round today, Fatma's reaction, what
    # helped her and the evaluation tomorrow.
    schedule.windows_set(session, facilitator, list(zip(hours, hours[1:], strict=False)))
    schedule.session_advance(session.pk)


def _parents_evening(ctx: dict) -> None:
    org = ctx["orgs"]["wilgenhoek"]
    facilitator = ctx["users"]["begeleider@bedoeling.test"]
    session = services.session_create(org, facilitator, title="Ouderavond groep 7 en 8",
                                      format_key="open")
    services.phase_add(
        session, kind="cards", title="Wat wilt u ons meegeven?",
        prompt="Eén wens of zorg per kaart: over de overstap naar het voortgezet onderwijs.",
        translations={"en": {
            "title": "What would you like us to know?",
            "prompt": "One wish or worry per card: about the move to secondary school.",
        }})
