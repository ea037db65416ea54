"""The live opinion map is throttled and cached: at most one computation a second per map,
shared by every view, and group labels stay put as votes trickle in."""

import pytest
from django.core.cache import cache

from bedoeling.live import render as live_render
from bedoeling.live import services as live_services
from bedoeling.live.models import Vote
from bedoeling.purpose import opinion
from bedoeling.purpose.tests.helpers import activate, phones, planted_votes, seed, vision


@pytest.fixture
def counted(monkeypatch):
    calls = []
    original = opinion.compute_entry

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(opinion, "compute_entry", counting)
    return calls


@pytest.mark.django_db
def test_the_map_is_computed_once_for_the_screen_the_control_view_and_the_phones(cast, counted):
    v = vision(cast)
    cards = seed(v)
    people = planted_votes(v, cards, n_participants=30)
    activate(v, v.map)
    live_services.phase_set_flags(v.map, revealed=True)
    v.session.refresh_from_db()
    live_render.screen_snapshot(v.session)
    live_render.control_snapshot(v.session)
    for person in people[:5]:
        live_render.personal_fragment(v.session, v.map, person)
    assert len(counted) == 1


@pytest.mark.django_db
def test_a_new_vote_shows_up_after_the_interval_not_before(cast, counted):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=30)
    anna, = phones(v, 1)
    activate(v, v.map)
    first = opinion.current_entry(v.map, now=1000.0)
    live_services.phase_set_flags(v.map, locked=False)
    from bedoeling.purpose.session import statement_vote

    statement_vote(v.map, anna, card=cards[0].pk, value=1)
    within = opinion.current_entry(v.map, now=1000.5)
    assert within["n_votes"] == first["n_votes"] and len(counted) == 1
    after = opinion.current_entry(v.map, now=1001.2)
    assert after["n_votes"] == first["n_votes"] + 1 and len(counted) == 2
    # nothing changed since: the next look costs a signature, not a computation
    opinion.current_entry(v.map, now=1002.5)
    assert len(counted) == 2


@pytest.mark.django_db
def test_group_labels_stay_stable_while_votes_trickle_in(cast):
    v = vision(cast)
    cards = seed(v)
    people = planted_votes(v, cards, n_participants=60)
    activate(v, v.map)
    before = opinion.current_entry(v.map, now=10.0)
    labels = dict(zip(before["rows"], before["map"]["labels"], strict=True))
    newcomers = phones(v, 3)
    for i, person in enumerate(newcomers):
        for card in cards:
            Vote.objects.create(phase=v.statements, participant=person, target=f"c{card.pk}",
                                value=1 if i % 2 else -1)
    after = opinion.current_entry(v.map, now=20.0)
    # rows keep their index; newcomers are appended
    assert after["rows"][:len(before["rows"])] == before["rows"]
    assert set(after["rows"][len(before["rows"]):]) == {p.pk for p in newcomers}
    moved = sum(1 for pid, label in zip(after["rows"], after["map"]["labels"], strict=False)
                if pid in labels and labels[pid] != label)
    assert moved <= len(people) // 20
    assert after["map"]["k"] == before["map"]["k"]


@pytest.mark.django_db
def test_hiding_a_statement_changes_the_signature(cast):
    v = vision(cast)
    cards = seed(v)
    before = opinion.signature(v.statements)
    live_services.card_hide(cards[0], True)
    assert opinion.signature(v.statements) != before


@pytest.mark.django_db
def test_another_worker_computing_the_same_update_gets_the_last_map_meanwhile(cast, counted):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=20)
    first = opinion.current_entry(v.map, now=100.0)
    anna, = phones(v, 1)
    Vote.objects.create(phase=v.statements, participant=anna, target=f"c{cards[0].pk}", value=1)
    cache.add(opinion._key(v.map, "lock"), 1, 10)  # somebody else is on it
    stale = opinion.current_entry(v.map, now=200.0)
    assert stale["n_votes"] == first["n_votes"] and len(counted) == 1
    cache.delete(opinion._key(v.map, "lock"))
    fresh = opinion.current_entry(v.map, now=300.0)
    assert fresh["n_votes"] == first["n_votes"] + 1


@pytest.mark.django_db
def test_a_map_with_too_few_votes_says_so(cast):
    v = vision(cast)
    seed(v)
    activate(v, v.map)
    live_services.phase_set_flags(v.map, revealed=True)
    v.session.refresh_from_db()
    assert "Nog te weinig stemmen" in live_render.screen_snapshot(v.session)
