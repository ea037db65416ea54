"""The per-process fan-out, with the real broker of the mode the suite runs in (in-process,
or Redis pub/sub when BEDOELING_REDIS_URL is set)."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

from bedoeling.live import broker, services
from bedoeling.live.hub import NUDGE, Hub, Subscriber


async def _next(subscriber, timeout=5.0):
    return await asyncio.wait_for(subscriber.queue.get(), timeout)


def _run(coroutine):
    async def with_cleanup():
        try:
            return await coroutine
        finally:
            # The hub's database work ran in asgiref's worker thread: close its connection.
            await sync_to_async(connections.close_all)()

    broker.get_broker.cache_clear()  # a fresh loop needs fresh async clients
    try:
        return asyncio.run(with_cleanup())
    finally:
        broker.get_broker.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_a_phase_change_reaches_phones_and_the_screen_gets_a_snapshot(live):
    async def scenario():
        hub = Hub()
        phone = Subscriber(view="phone", participant_id=live.anna.pk)
        screen = Subscriber(view="screen")
        hub.join(live.session.pk, phone, live.session.state_version)
        hub.join(live.session.pk, screen)
        await asyncio.sleep(0.5)  # the hub subscribes to the broker
        await sync_to_async(services.phase_activate)(live.session, live.group)
        phone_message = await _next(phone)
        screen_message = await _next(screen)
        return phone_message, screen_message

    phone_message, screen_message = _run(scenario())
    assert phone_message.startswith("event: phase")
    assert "Groeperen" in phone_message
    assert screen_message.startswith("event: snapshot")


@pytest.mark.django_db(transaction=True)
def test_a_new_statement_nudges_phones_but_not_screens(live):
    async def scenario():
        hub = Hub()
        phone = Subscriber(view="phone", participant_id=live.anna.pk)
        hub.join(live.session.pk, phone, live.session.state_version)
        await asyncio.sleep(0.5)
        await sync_to_async(services.card_add)(live.cards, None, text="Nieuwe stelling")
        messages = []
        try:
            while True:
                messages.append(await _next(phone, 2.0))
        except TimeoutError:
            return messages

    messages = _run(scenario())
    assert NUDGE in messages
    assert not any(m.startswith("event: phase") for m in messages)


@pytest.mark.django_db(transaction=True)
def test_a_slow_phone_keeps_only_the_latest_messages(live):
    subscriber = Subscriber(view="phone")
    for i in range(50):
        subscriber.offer(f"event: phase\ndata: {i}\n\n")
    kept = []
    while not subscriber.queue.empty():
        kept.append(subscriber.queue.get_nowait())
    # The newest eight, oldest first: what the phone shows last is the current state.
    assert kept == [f"event: phase\ndata: {i}\n\n" for i in range(42, 50)]


@pytest.mark.django_db(transaction=True)
def test_phones_catch_up_on_a_transition_whose_message_was_lost(live):
    async def scenario():
        hub = Hub()
        phone = Subscriber(view="phone", participant_id=live.anna.pk)
        hub.join(live.session.pk, phone, live.session.state_version)
        await asyncio.sleep(0.5)
        # The state moves on, but only the version counter hears of it (no pub/sub).
        await sync_to_async(_transition_without_message)(live.session)
        return await _next(phone)

    message = _run(scenario())
    assert message.startswith("event: phase")
    assert "Groeperen" in message


def _transition_without_message(session):
    from django.db.models import F

    from bedoeling.live.models import LiveSession

    LiveSession.objects.filter(pk=session.pk).update(
        state_version=F("state_version") + 1, current_phase=session.phases.all()[2])
    broker.get_broker().bump(f"session:{session.pk}")


@pytest.mark.django_db
def test_phones_reconnecting_together_share_one_phase_event_until_the_state_changes(live):
    from bedoeling.live import render

    first = render.phone_event(live.session, "")
    assert render.phone_event(live.session, "") is first  # the burst shares one rendering
    services.phase_activate(live.session, live.group)
    live.session.refresh_from_db()
    after = render.phone_event(live.session, "")
    assert after is not first and "Groeperen" in after
    assert render.phone_event(live.session, "", fresh=True) is not after
