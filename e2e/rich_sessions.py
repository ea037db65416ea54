"""Live sessions full of content, for looking at every block's screen view (issue 15).

Run inside the e2e server's environment (`manage.py shell -c`), against an organisation of
its own so that no other test's demo data changes: a vision session, a dit-kan-niet-waar-
zijn session and a storytelling session, each run through the demo's own code from start
to end and then opened again, plus an open session with every general block. Prints one
JSON line: {"org": slug, "sessions": [{"format", "pk", "phases": [[pk, kind], ...]}]}."""

import json

from django.utils import timezone

from bedoeling.accounts.models import Membership, User
from bedoeling.live import services as live_services
from bedoeling.live.models import LiveSession
from bedoeling.orgs.models import Organisation

SLUG = "doorloop"


def _org():
    org = Organisation.objects.create(name="Doorloop — alle werkvormen", slug=SLUG)
    # Everyone of the demo, with the role she has elsewhere (the demo's owners and leads
    # must be members here too).
    for membership in Membership.objects.exclude(organisation=org).order_by("pk"):
        Membership.objects.get_or_create(user=membership.user, organisation=org,
                                         defaults={"role": membership.role})
    return org


def _users():
    return {u.email: u for u in User.objects.all()}


def _reopen(session):
    LiveSession.objects.filter(pk=session.pk).update(status=LiveSession.Status.OPEN,
                                                     ended_at=None)


def _vision(org, users):
    from bedoeling.purpose import demo

    demo._first_version(org, demo.SCHOOL_FIRST, users, timezone.now())
    return demo._run_session(org, demo.SCHOOL_SESSION, users, timezone.now(), seed=2024)


def _dkn(org, users):
    from bedoeling.systemworld import demo
    from bedoeling.systemworld.notifications import without_email

    demo.DEMO_SESSION_RECEIPT_CODE = "DEM0-2026-D00R-L00P-SESS-1E00-K0DE"
    with without_email():
        rules = demo._rules(org, users[demo.FACILITATOR], demo.LINDEVELD_RULES, users, 400)
        demo._session(org, users, rules, 1)
    return LiveSession.objects.filter(organisation=org, format="dkn").latest("pk")


def _storytelling(org, users):
    from bedoeling.stories import demo

    # This organisation has no library to pick from: only the stories told in the room.
    told = {title for title, _text, _consent in demo.SESSION_TOLD}
    demo.SESSION_PICKS = []
    demo.SESSION_CRAFTED = [c for c in demo.SESSION_CRAFTED if c["source"] in told]
    demo.SESSION_CHOSEN = min(demo.SESSION_CHOSEN, len(demo.SESSION_CRAFTED))
    demo._storytelling_session({"orgs": {"wilgenhoek": org}, "users": users})
    return LiveSession.objects.filter(organisation=org, format="storytelling").latest("pk")


def _open(org, users):
    """The general blocks, each with something in it."""
    facilitator = users["begeleider@bedoeling.test"]
    session = live_services.session_create(org, facilitator, title="Teamoverleg bovenbouw",
                                           format_key="open")
    phases = {p.position: p for p in session.phases.all()}
    ordered = [phases[k] for k in sorted(phases)]
    live_services.session_open(session, facilitator)
    people = [live_services.participant_join(session)[0] for _ in range(14)]
    info, cards_phase, grouping, voting = ordered[:4]
    live_services.phase_activate(session, cards_phase)
    texts = ["Minder vergaderen, meer in de klas", "Ouders eerder betrekken",
             "Toetsen spreiden over het jaar", "Een vaste rustige plek voor pauze",
             "Samen lesgeven in de bovenbouw", "Kortere verslagen na een oudergesprek",
             "Leerlingenraad laten meebeslissen over het plein",
             "Nieuwe collega's een maatje geven", "Buiten lesgeven als het kan",
             "De methode loslaten waar die niet helpt", "Meer tijd voor leesplezier",
             "Een vast moment voor intervisie"]
    cards = [live_services.card_add(cards_phase, people[i % len(people)], text=t)
             for i, t in enumerate(texts)]
    live_services.phase_set_flags(cards_phase, revealed=True)
    live_services.phase_activate(session, grouping)
    clusters = [live_services.cluster_create(grouping, name, cards[a:b]) for name, a, b in
                (("Tijd", 0, 3), ("Ouders en leerlingen", 3, 7), ("Samen werken", 7, 12))]
    live_services.phase_activate(session, voting)
    for i, person in enumerate(people):
        live_services.dots_set(voting, person, target=f"k{clusters[i % 3].pk}", dots=2)
        live_services.dots_set(voting, person, target=f"k{clusters[(i + 1) % 3].pk}", dots=1)
    live_services.phase_set_flags(voting, revealed=True)
    extra = [
        ("agree", "Stellingen", {"accepts_cards": True}),
        ("scale", "Hoe voelde deze week?", {"labels": ["zwaar", "gewoon", "goed"]}),
        ("choice", "Wat nemen we mee naar het MT?",
         {"options": ["Toetsen spreiden", "Buiten lesgeven", "Maatjes voor nieuwe collega's",
                      "Leerlingenraad"], "multiple": True}),
        ("stop", "Scène: het oudergesprek", {"threshold": 4}),
    ]
    for kind, title, config in extra:
        phase = live_services.phase_add(session, kind=kind, title=title, prompt="",
                                        config=config)
        live_services.phase_activate(session, phase)
        if kind == "agree":
            for text in ("We vergaderen te veel.", "Ouders weten te weinig van wat we doen.",
                         "De methode helpt de meeste kinderen.", "Toetsen zeggen weinig."):
                live_services.card_add(phase, None, text=text)
        for i, person in enumerate(people):
            try:
                _answer(phase, person, kind, i)
            except live_services.LiveError:
                pass
        live_services.phase_set_flags(phase, revealed=True)
    return session


def _answer(phase, person, kind, i):
    from django.http import QueryDict

    from bedoeling.live.registry import block_for

    block = block_for(kind)
    data = QueryDict(mutable=True)
    if kind == "agree":
        for n, card in enumerate(phase.cards.all()):
            data = QueryDict(mutable=True)
            data.update({"card": str(card.pk), "vote": ("agree", "disagree", "pass")[(i + n) % 3]})
            block.act(phase, person, data)
        return
    if kind == "scale":
        data["value"] = str(i % 3)
    elif kind == "choice":
        data.setlist("option", [str(i % 4), str((i + 1) % 4)])
    elif kind == "stop":
        if i % 3:
            return
        data["stop"] = "1"
    block.act(phase, person, data)


def forget():
    """Take everyone out of the organisation again: a person who belongs to a second
    organisation lands on a choice after logging in, which other tests of the same server
    do not expect."""
    Membership.objects.filter(organisation__slug=SLUG).delete()


def build():
    org = _org()
    users = _users()
    sessions = [_vision(org, users), _dkn(org, users), _storytelling(org, users),
                _open(org, users)]
    out = []
    for session in sessions:
        _reopen(session)
        out.append({"format": session.format, "pk": session.pk,
                    "phases": [[p.pk, p.kind] for p in session.phases.order_by("position")]})
    print(json.dumps({"org": SLUG, "sessions": out}))
