"""Who gets into a session: a draft takes nobody, one address takes at most its share, the
facilitator sees who joined when, closes the door and removes phones; codes cannot be
guessed without limit; the cap holds under concurrent joins."""

import threading

import pytest
from django.db import connection
from django.test import Client

from bedoeling.accounts.models import AuditEvent
from bedoeling.live import services
from bedoeling.live.models import LiveSession, Participant, Vote
from bedoeling.live.services import LiveError


def _phone(address="198.51.100.7") -> Client:
    return Client(REMOTE_ADDR=address)


def _join(session, address="198.51.100.7", **data):
    phone = _phone(address)
    return phone, phone.post(f"/doe-mee/{session.code}/", data)


def _control(cast, client_for, session, **data):
    return client_for(cast.facilitator).post(
        f"/o/{cast.org.slug}/sessies/{session.pk}/actie/", data)


@pytest.fixture
def session(cast):
    session = services.session_create(cast.org, cast.facilitator, title="Studiedag",
                                      format_key="open", participant_cap=10)
    return services.session_open(session, cast.facilitator)


@pytest.mark.django_db
def test_a_phone_cannot_join_a_draft_and_is_told_to_wait(cast):
    draft = services.session_create(cast.org, cast.facilitator, title="Straks",
                                    format_key="open")
    page = _phone().get(f"/doe-mee/{draft.code}/")
    assert "nog niet begonnen" in page.content.decode()
    _unused, response = _join(draft)
    assert response.status_code == 409
    assert "nog niet begonnen" in response.content.decode()
    assert not draft.participants.exists()


@pytest.mark.django_db
def test_one_address_takes_at_most_its_share_of_the_seats(session):
    statuses = [_join(session)[1].status_code for _ in range(12)]
    assert statuses == [302] * 9 + [429] * 3  # 90 % of 10 seats
    assert session.participants.count() == 9
    _other, response = _join(session, address="203.0.113.50")
    assert response.status_code == 302  # a phone on mobile data still gets in
    _again, response = _join(session, address="203.0.113.51")
    assert response.status_code == 409
    assert "vol" in response.content.decode()


@pytest.mark.django_db
def test_the_control_view_shows_who_joined_when(cast, client_for, session):
    for _ in range(3):
        _join(session)
    page = client_for(cast.facilitator).get(f"/o/{cast.org.slug}/sessies/{session.pk}/")
    html = page.content.decode()
    assert "Wie deed mee, wanneer" in html
    for participant in session.participants.all():
        assert f"#{participant.pk}" in html
        assert participant.created_at.astimezone().strftime("%H:%M:%S") in html
    assert "3 / 10" in html


@pytest.mark.django_db
def test_the_facilitator_closes_the_door_and_nobody_new_comes_in(cast, client_for, session):
    phone, _response = _join(session)
    _control(cast, client_for, session, action="door_close")
    session.refresh_from_db()
    assert session.door_closed
    _late, response = _join(session, address="203.0.113.9")
    assert response.status_code == 409
    assert "deur" in response.content.decode()
    assert session.participants.count() == 1
    # Who was in goes on.
    assert phone.get(f"/doe-mee/{session.code}/").status_code == 200
    assert AuditEvent.objects.filter(action="live.door").exists()
    _control(cast, client_for, session, action="door_open")
    _late, response = _join(session, address="203.0.113.9")
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_facilitator_removes_a_participant_and_her_answers(cast, client_for, session):
    phone, _response = _join(session)
    participant = session.participants.get()
    phase = session.current_phase
    Vote.objects.create(phase=phase, participant=participant, target="", value=1)
    response = _control(cast, client_for, session, action="remove", number=str(participant.pk))
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert not Vote.objects.exists()
    assert AuditEvent.objects.filter(action="live.participant_remove").exists()
    # Her phone is no longer recognised; with the door closed it cannot come back.
    _control(cast, client_for, session, action="door_close")
    response = phone.post(f"/doe-mee/{session.code}/")
    assert response.status_code == 409


@pytest.mark.django_db
def test_only_the_sessions_own_participants_can_be_removed(cast, client_for, session):
    other = services.session_create(cast.org, cast.facilitator, title="Ander",
                                    format_key="open")
    services.session_open(other, cast.facilitator)
    stranger, _token = services.participant_join(other)
    response = _control(cast, client_for, session, action="remove", number=str(stranger.pk))
    assert response.status_code == 302
    assert Participant.objects.filter(pk=stranger.pk).exists()


@pytest.mark.django_db
def test_session_codes_cannot_be_guessed_without_limit(session, settings):
    settings.LIVE_CODE_GUESSES = (5, 600)
    guesser = _phone("203.0.113.77")
    statuses = [guesser.get("/doe-mee/", {"code": f"ZZZZZ{n}"}).status_code
                for n in range(2, 9)]
    assert statuses == [404] * 5 + [429] * 2
    # Once used up, the right code is refused too: the limit must not tell when it hit.
    assert guesser.get(f"/doe-mee/{session.code}/").status_code == 429
    assert guesser.post(f"/doe-mee/{session.code}/fase/1/").status_code == 429
    # Right codes cost nothing: a hall on one address joins.
    hall = [_phone("198.51.100.99").get("/doe-mee/", {"code": session.code}).status_code
            for _ in range(20)]
    assert set(hall) == {302}


def _threads(target, count):
    threads = [threading.Thread(target=target) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@pytest.mark.django_db(transaction=True)
def test_concurrent_joins_never_exceed_the_participant_cap(cast):
    session = services.session_create(cast.org, cast.facilitator, title="Druk",
                                      format_key="open", participant_cap=5)
    services.session_open(session, cast.facilitator)
    refused, errors = [], []
    start = threading.Barrier(16)

    def join():
        try:
            start.wait()
            services.participant_join(LiveSession.objects.get(pk=session.pk))
        except LiveError:
            refused.append(1)
        except Exception as error:  # noqa: BLE001 - any other error fails the test below
            errors.append(error)
        finally:
            connection.close()

    _threads(join, 16)
    assert not errors
    assert session.participants.count() == 5
    assert len(refused) == 11


@pytest.mark.django_db
def test_removing_an_odd_number_gets_a_clear_message(cast, client_for, session):
    for number in ("²", "abc", "-1", ""):
        response = client_for(cast.facilitator).post(
            f"/o/{cast.org.slug}/sessies/{session.pk}/actie/",
            {"action": "remove", "number": number}, HTTP_HX_REQUEST="true")
        assert response.status_code == 400
        assert "bestaat niet" in response.content.decode()
