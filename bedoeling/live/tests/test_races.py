"""Two taps at the same moment. Each test lets several threads, each with its own database
connection, start the same write at once (a barrier) and checks what is stored. They mean
most on PostgreSQL, where the writes really overlap; on SQLite the process's writers take
turns, and the same promises hold."""

import threading

import pytest
from django.db import connection

from bedoeling.live import services
from bedoeling.live.models import Participant, Phase, StopPress, Vote
from bedoeling.live.registry import block_for


def _at_once(count, action):
    """Run `action(i)` in `count` threads that start together; return their errors."""
    barrier = threading.Barrier(count)
    errors = []

    def run(i):
        try:
            barrier.wait(timeout=30)
            action(i)
        except Exception as error:  # noqa: BLE001 - collected and asserted by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def _dot_phase(live, cards=1, dots=3):
    for n in range(cards):
        services.card_add(live.cards, live.anna, text=f"Kaart {n}")
    services.phase_update(live.dots, title="Stemmen", prompt="",
                          config={"source": live.cards.pk, "dots": dots})
    services.phase_activate(live.session, live.dots)
    return [f"c{pk}" for pk in live.cards.cards.values_list("pk", flat=True)]


def _tap(phase_pk, participant_pk, data):
    phase = Phase.objects.get(pk=phase_pk)
    block_for(phase.kind).act(phase, Participant.objects.get(pk=participant_pk), data)


@pytest.mark.django_db(transaction=True)
def test_three_taps_up_on_one_card_at_the_same_moment_give_three_dots(live):
    (card,) = _dot_phase(live, cards=1, dots=3)
    errors = _at_once(3, lambda i: _tap(live.dots.pk, live.anna.pk,
                                        {"target": card, "step": "up"}))
    assert not errors
    assert Vote.objects.get(phase=live.dots, participant=live.anna).value == 3


@pytest.mark.django_db(transaction=True)
def test_taps_on_many_cards_at_the_same_moment_never_spend_more_than_the_budget(live):
    cards = _dot_phase(live, cards=6, dots=3)
    _at_once(6, lambda i: _tap(live.dots.pk, live.anna.pk,
                               {"target": cards[i], "step": "up"}))
    spent = Vote.objects.filter(phase=live.dots, participant=live.anna)
    assert sum(spent.values_list("value", flat=True)) == 3


@pytest.mark.django_db(transaction=True)
def test_a_stop_pressed_eight_times_at_the_same_moment_counts_once(live):
    phase = services.phase_add(live.session, kind="stop", title="Stop")
    services.phase_activate(live.session, phase)
    errors = _at_once(8, lambda i: _tap(phase.pk, live.anna.pk, {}))
    assert not errors
    assert StopPress.objects.filter(phase=phase, participant=live.anna).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_vote_cast_at_the_same_moment_leaves_one_row_with_one_of_the_values(live):
    phase = services.phase_add(live.session, kind="agree", title="Stellingen")
    card = services.card_add(phase, None, text="Eerst het kind, dan de toets.")
    services.phase_activate(live.session, phase)
    values = ("agree", "disagree", "pass", "agree", "disagree", "pass")
    errors = _at_once(6, lambda i: _tap(phase.pk, live.anna.pk,
                                        {"card": str(card.pk), "vote": values[i]}))
    assert not errors
    votes = Vote.objects.filter(phase=phase, participant=live.anna)
    assert votes.count() == 1
    assert votes.get().value in (-1, 0, 1)
