"""Each input that once gave a 500 now gives a clear message and stores nothing."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from bedoeling.live import services as live
from bedoeling.live.models import Card, LiveSession


@pytest.fixture
def room(cast):
    session = live.session_create(cast.org, cast.facilitator, title="Studiedag",
                                  format_key="open")
    live.session_open(session, cast.facilitator)
    cards = list(session.phases.all())[1]
    live.phase_activate(session, cards)
    phone = Client()
    phone.post(f"/doe-mee/{session.code}/")
    return session, cards, phone


def test_a_rule_name_of_100000_characters_is_refused_with_a_message(cast, client_for):
    from bedoeling.systemworld.models import Signal
    from bedoeling.systemworld.services import rule_create

    rule_create(cast.org, cast.facilitator, title="Formulier")  # the form then asks which
    response = client_for(cast.member).post(
        reverse("systemworld:signal_new", kwargs={"org": cast.org.slug}),
        {"what_happened": "Het formulier was weg.", "severity": "2", "anonymous": "named",
         "rule": "x" * 100_000})
    assert response.status_code == 400
    assert "Die regel staat niet in het register" in response.content.decode()
    assert not Signal.objects.exists()


def test_a_timer_of_1e309_minutes_is_refused_with_a_message(cast, client_for, room):
    session, _cards, _phone = room
    client = client_for(cast.facilitator)
    url = reverse("live:control_action", kwargs={"org": cast.org.slug, "session": session.pk})
    for minutes in ("1e309", "-1e309", "nan"):
        response = client.post(url, {"action": "timer", "minutes": minutes}, follow=True)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Kies een tijd tussen 5 seconden en 4 uur." in body or \
            "Vul het aantal minuten in als getal" in body
    session.refresh_from_db()
    assert session.timer_total is None and session.timer_ends_at is None


def test_a_nul_character_in_a_card_is_refused_and_nothing_is_stored(room):
    session, cards, phone = room
    response = phone.post(f"/doe-mee/{session.code}/fase/{cards.pk}/",
                          {"text": "Een kaart\x00met NUL", "client_key": "a"},
                          HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "NUL-teken" in response.content.decode()
    assert not Card.objects.exists()


def test_a_nul_character_in_a_rule_is_refused_and_nothing_is_stored(cast, client_for):
    from bedoeling.systemworld.models import Rule

    response = client_for(cast.facilitator).post(
        reverse("systemworld:rule_new", kwargs={"org": cast.org.slug}),
        {"title": "Formulier\x00", "kind": "rule", "purpose_text": "Omdat\x00"})
    assert response.status_code == 400
    assert not Rule.objects.exists()


def test_a_database_busy_past_its_timeout_answers_503_with_retry_after(room):
    session, cards, phone = room
    locked = OperationalError("database is locked")
    with mock.patch("bedoeling.live.services.card_add", side_effect=locked):
        response = phone.post(f"/doe-mee/{session.code}/fase/{cards.pk}/",
                              {"text": "Een kaart", "client_key": "b"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert "probeer het over een paar seconden opnieuw" in response.content.decode()
    assert not Card.objects.exists()
    assert LiveSession.objects.filter(pk=session.pk).exists()


# That the phone sends again after a 503, and the card is stored once: e2e/test_phone_retry.py.


@pytest.mark.sqlite_only  # PostgreSQL's lock errors: the mapping test above
@pytest.mark.django_db(transaction=True)
def test_a_real_sqlite_lock_held_past_the_busy_timeout_answers_503(cast):
    import sqlite3

    from django.db import connection

    assert connection.vendor == "sqlite"
    session = live.session_create(cast.org, cast.facilitator, title="Slot", format_key="open")
    live.session_open(session, cast.facilitator)
    cards = list(session.phases.all())[1]
    live.phase_activate(session, cards)
    phone = Client()
    phone.post(f"/doe-mee/{session.code}/")
    holder = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout=200")
        response = phone.post(f"/doe-mee/{session.code}/fase/{cards.pk}/",
                              {"text": "Een kaart", "client_key": "c"}, HTTP_HX_REQUEST="true")
    finally:
        holder.rollback()
        holder.close()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout=20000")
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert not Card.objects.exists()
