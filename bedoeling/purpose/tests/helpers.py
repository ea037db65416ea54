"""Building blocks for the vision tests: a vision session in a given phase, phones, votes
with real group structure."""

from types import SimpleNamespace

import numpy as np
from django.core.cache import cache

from bedoeling.live import services as live_services
from bedoeling.live.models import Card, Participant, Vote, token_hash
from bedoeling.purpose.selectors import ADOPTION, DRAFTING, INTRO, OPINION_MAP, phase_of_kind
from bedoeling.purpose.session import vision_session_create

STATEMENTS = [
    "Elk kind moet zich hier gezien voelen.",
    "Toetsen zeggen weinig over wat een kind echt kan.",
    "We moeten vaker buiten lesgeven.",
    "Ouders horen er vanaf dag één bij.",
    "De methode is leidend in wat we doen.",
    "Leerkrachten moeten kunnen afwijken van de planning.",
    "We stoppen met groepsplannen die niemand leest.",
    "Cijfers geven houvast aan ouders.",
]


def vision(cast, *, mode="create", question="Waarvoor zijn wij er, eigenlijk?"):
    cache.clear()
    session = vision_session_create(cast.org, cast.facilitator, title="Visiedag",
                                    question=question, mode=mode)
    live_services.session_open(session, cast.facilitator)
    session.refresh_from_db()
    return SimpleNamespace(
        session=session,
        intro=phase_of_kind(session, INTRO),
        statements=phase_of_kind(session, "agree"),
        map=phase_of_kind(session, OPINION_MAP),
        drafting=phase_of_kind(session, DRAFTING),
        adoption=phase_of_kind(session, ADOPTION),
    )


def activate(v, phase):
    live_services.phase_activate(v.session, phase)
    v.session.refresh_from_db()
    phase.refresh_from_db()


def seed(v, texts=STATEMENTS):
    return [live_services.card_add(v.statements, None, text=t) for t in texts]


def phones(v, n):
    return [live_services.participant_join(v.session)[0] for _ in range(n)]


def planted_votes(v, cards, n_participants=60, seed_value=7, groups=2):
    """Participants in `groups` opinion groups; statements 0 and 1 agreed by everybody,
    the rest split by group. Written directly (fast), as the import does."""
    rng = np.random.default_rng(seed_value)
    people = Participant.objects.bulk_create([
        Participant(session=v.session, token_hash=token_hash(f"t{seed_value}-{i}-{rng.random()}"))
        for i in range(n_participants)])
    stance = np.array([[1, 1] + [(1 if (j + g) % 2 else -1) for j in range(len(cards) - 2)]
                       for g in range(groups)])
    rows = []
    for i, person in enumerate(people):
        g = i % groups
        for j, card in enumerate(cards):
            if rng.random() < 0.1:
                continue
            value = stance[g, j] if rng.random() < 0.85 else -stance[g, j]
            rows.append(Vote(phase=v.statements, participant=person, target=f"c{card.pk}",
                             value=int(value)))
    Vote.objects.bulk_create(rows)
    return people


def texts(phase):
    return list(Card.objects.filter(phase=phase).values_list("text", flat=True))
