import pytest
from django.test import Client

from bedoeling.live.models import Card, Participant


def _join(session):
    phone = Client()
    response = phone.post(f"/doe-mee/{session.code}/")
    assert response.status_code == 302
    return phone


@pytest.mark.django_db
def test_a_phone_joins_by_code_in_any_case_and_comes_back_as_the_same_participant(live):
    phone = Client()
    response = phone.get("/doe-mee/", {"code": f" {live.session.code.lower()} "})
    assert response["Location"] == f"/doe-mee/{live.session.code}/"
    phone.post(f"/doe-mee/{live.session.code}/")
    before = Participant.objects.count()
    assert phone.get(f"/doe-mee/{live.session.code}/").status_code == 200
    assert phone.get(f"/doe-mee/{live.session.code}/").status_code == 200
    assert Participant.objects.count() == before


@pytest.mark.django_db
def test_an_unknown_code_gets_a_clear_message(live):
    response = Client().get("/doe-mee/", {"code": "ZZZZZZ"})
    assert response.status_code == 404
    assert "Deze code kennen we niet" in response.content.decode()


@pytest.mark.django_db
def test_a_forged_participant_cookie_is_refused_and_changes_nothing(live):
    phone = Client()
    phone.cookies[f"bp_{live.session.code}"] = "anna:forged:signature"
    response = phone.post(f"/doe-mee/{live.session.code}/fase/{live.cards.pk}/",
                          {"text": "Namens een ander"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert "herkenden je telefoon niet" in response.content.decode()
    assert not Card.objects.exists()


@pytest.mark.django_db
def test_a_card_posted_from_a_phone_is_stored_and_the_reply_is_the_personal_part(live):
    phone = _join(live.session)
    response = phone.post(f"/doe-mee/{live.session.code}/fase/{live.cards.pk}/",
                          {"text": "Het formulier is te lang", "client_key": "a"},
                          HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Je kaart is opgeslagen." in body
    assert "Het formulier is te lang" in body
    assert "<html" not in body


@pytest.mark.django_db
def test_a_ten_kilobyte_card_from_a_phone_gets_a_message_in_place(live):
    phone = _join(live.session)
    response = phone.post(f"/doe-mee/{live.session.code}/fase/{live.cards.pk}/",
                          {"text": "lang " * 2000}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "te lang" in response.content.decode()
    assert not Card.objects.exists()


@pytest.mark.django_db
def test_a_phone_cannot_act_in_another_sessions_phase(live, cast):
    from bedoeling.live import services

    other = services.session_create(cast.org, cast.facilitator, title="Ander", format_key="open")
    phone = _join(live.session)
    response = phone.post(f"/doe-mee/{live.session.code}/fase/{other.phases.first().pk}/",
                          {"text": "Verdwaald"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert not Card.objects.exists()


@pytest.mark.django_db
def test_members_cannot_run_a_session_but_read_the_harvest_once_it_ended(live, cast, client_for):
    member = client_for(cast.member)
    base = f"/o/{cast.org.slug}/sessies/{live.session.pk}/"
    assert member.get(base).status_code == 403
    assert member.post(base + "actie/", {"action": "next"}).status_code == 403
    assert member.get(base + "oogst/").status_code == 404
    from bedoeling.live import services

    services.session_end(live.session, cast.facilitator)
    assert member.get(base + "oogst/").status_code == 200


@pytest.mark.django_db
def test_the_harvest_exports_as_csv_and_is_audited(live, cast, client_for):
    from bedoeling.accounts.models import AuditEvent
    from bedoeling.live import services

    services.card_add(live.cards, live.anna, text="Minder vergaderen; meer lesgeven")
    response = client_for(cast.facilitator).get(
        f"/o/{cast.org.slug}/sessies/{live.session.pk}/oogst.csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Minder vergaderen; meer lesgeven" in text
    assert AuditEvent.objects.filter(action="live.export").exists()


@pytest.mark.django_db
def test_private_cards_stay_off_the_screen_and_the_control_view_until_revealed(live):
    from bedoeling.live import render, services

    services.phase_update(live.cards, title="Eerst voor jezelf", prompt="",
                          config={"private": True})
    services.card_add(live.cards, live.anna, text="Iets persoonlijks")
    live.session.refresh_from_db()
    assert "Iets persoonlijks" not in render.screen_snapshot(live.session)
    assert "Iets persoonlijks" not in render.control_snapshot(live.session)
    services.phase_set_flags(live.cards, revealed=True)
    live.session.refresh_from_db()
    assert "Iets persoonlijks" in render.screen_snapshot(live.session)


@pytest.mark.django_db
def test_the_home_page_shows_a_running_session_and_recent_harvests(live, cast, client_for):
    from bedoeling.live import services

    body = client_for(cast.member).get(f"/o/{cast.org.slug}/").content.decode()
    assert live.session.code in body
    services.session_end(live.session, cast.facilitator)
    body = client_for(cast.member).get(f"/o/{cast.org.slug}/").content.decode()
    assert live.session.code not in body
    assert f"/o/{cast.org.slug}/sessies/{live.session.pk}/oogst/" in body


@pytest.mark.django_db
def test_a_runaway_phone_is_slowed_down_with_a_message_and_the_others_are_not(live):
    from bedoeling.live.views import TAPS_PER_10_S

    phone, other = _join(live.session), _join(live.session)
    url = f"/doe-mee/{live.session.code}/fase/{live.cards.pk}/"
    statuses = [phone.post(url, {"text": f"Kaart {i}"}, HTTP_HX_REQUEST="true").status_code
                for i in range(TAPS_PER_10_S)]
    assert set(statuses) == {200}
    refused = phone.post(url, {"text": "Eén te veel"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 429
    assert "Rustig aan" in refused.content.decode()
    assert Card.objects.count() == TAPS_PER_10_S
    assert not Card.objects.filter(text="Eén te veel").exists()
    assert other.post(url, {"text": "Van iemand anders"},
                      HTTP_HX_REQUEST="true").status_code == 200
