"""The vision pages: starting a session (also from the herijking prompt), its overview with
the opinion map, the frozen map of a version's provenance, the history, and comparing two
sessions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bedoeling.live import services as live_services
from bedoeling.live.models import LiveSession, Participant, Vote, token_hash
from bedoeling.purpose.models import VisionSession
from bedoeling.purpose.selectors import normalise, vision_compare
from bedoeling.purpose.services import purpose_review_date_set, purpose_version_create
from bedoeling.purpose.session import vision_adopt
from bedoeling.purpose.tests.helpers import activate, planted_votes, seed, vision


@pytest.mark.django_db
def test_the_home_page_suggests_a_herijking_when_the_review_date_nears(cast, client_for):
    purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.", reason="r")
    purpose_review_date_set(cast.org, cast.lead, timezone.localdate() + timedelta(days=10))
    html = client_for(cast.lead).get(f"/o/{cast.org.slug}/").content.decode()
    assert "Herijking starten" in html
    assert f"/o/{cast.org.slug}/bedoeling/visie/nieuw/" in html
    member = client_for(cast.member).get(f"/o/{cast.org.slug}/").content.decode()
    assert "Herijking starten" not in member


@pytest.mark.django_db
def test_the_herijking_link_opens_a_recalibration_form_that_starts_a_session(cast, client_for):
    purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.", reason="r")
    client = client_for(cast.facilitator)
    url = f"/o/{cast.org.slug}/bedoeling/visie/nieuw/"
    page = client.get(url).content.decode()
    assert "checked" in page.split('value="recalibrate"')[1][:40]
    assert "Elk kind telt." in page
    response = client.post(url, {"title": "Herijking 2027", "question": "Klopt het nog?",
                                 "mode": "recalibrate", "participant_cap": 300})
    session = LiveSession.objects.get(title="Herijking 2027")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/sessies/{session.pk}/")
    assert session.format == "vision" and session.participant_cap == 300
    assert session.vision.mode == "recalibrate" and session.vision.question == "Klopt het nog?"


@pytest.mark.django_db
def test_a_member_cannot_start_a_vision_session(cast, client_for):
    response = client_for(cast.member).post(f"/o/{cast.org.slug}/bedoeling/visie/nieuw/", {
        "title": "X", "question": "Y", "mode": "create", "participant_cap": 10})
    assert response.status_code == 403
    assert not VisionSession.objects.exists()


@pytest.mark.django_db
def test_an_empty_question_is_refused_with_a_message(cast, client_for):
    response = client_for(cast.facilitator).post(f"/o/{cast.org.slug}/bedoeling/visie/nieuw/", {
        "title": "X", "question": "   ", "mode": "create", "participant_cap": 10})
    assert response.status_code == 400
    assert not VisionSession.objects.exists()


@pytest.mark.django_db
def test_members_see_a_vision_session_once_it_has_ended(cast, client_for):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=30)
    url = f"/o/{cast.org.slug}/bedoeling/visie/{v.session.pk}/"
    assert client_for(cast.member).get(url).status_code == 404
    assert client_for(cast.facilitator).get(url).status_code == 200
    live_services.session_end(v.session, cast.facilitator)
    page = client_for(cast.member).get(url).content.decode()
    assert "chart-opinion" in page and cards[0].text in page
    assert "Zoals vastgelegd aan het einde van de sessie" in page


@pytest.mark.django_db
def test_the_history_and_the_version_show_the_session_that_produced_it(cast, client_for):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=30)
    activate(v, v.adoption)
    version = vision_adopt(v.adoption, cast.facilitator, statement="Er zijn voor elk kind.",
                           building_blocks=[cards[0].pk])
    live_services.session_end(v.session, cast.facilitator)
    client = client_for(cast.member)
    history = client.get(f"/o/{cast.org.slug}/bedoeling/").content.decode()
    assert "Vastgesteld in de visiesessie ‘Visiedag’" in history
    assert f"/bedoeling/visie/{v.session.pk}/" in history
    page = client.get(f"/o/{cast.org.slug}/bedoeling/v{version.number}/").content.decode()
    assert "Herkomst" in page and "Opiniekaart:" in page and cards[0].text in page
    snapshot = version.sources.get(kind="opinion_map").url
    frozen = client.get(snapshot)
    assert frozen.status_code == 200 and "chart-opinion" in frozen.content.decode()


@pytest.mark.django_db
def test_another_organisation_cannot_see_the_frozen_map(cast, client_for):
    v = vision(cast)
    activate(v, v.adoption)
    version = vision_adopt(v.adoption, cast.facilitator, statement="Er zijn voor elk kind.")
    url = version.sources.get(kind="opinion_map").url
    assert client_for(cast.outsider).get(url).status_code == 404


def _votes(session_vision, shares: dict[str, float], n=20):
    """n participants; each statement text gets agreement share `shares[text]`."""
    cards = {t: live_services.card_add(session_vision.statements, None, text=t) for t in shares}
    people = Participant.objects.bulk_create([
        Participant(session=session_vision.session,
                    token_hash=token_hash(f"{session_vision.session.pk}-{i}"))
        for i in range(n)])
    Vote.objects.bulk_create([
        Vote(phase=session_vision.statements, participant=p, target=f"c{cards[t].pk}",
             value=1 if i < round(share * n) else -1)
        for t, share in shares.items() for i, p in enumerate(people)])


@pytest.mark.django_db
def test_comparing_two_sessions_shows_which_statements_gained_or_lost_agreement(cast):
    first = vision(cast)
    _votes(first, {"Elk kind telt.": 0.5, "Toetsen zijn leidend.": 0.8,
                   "Ouders doen mee.": 0.6, "Alleen toen.": 0.5})
    second = vision(cast)
    _votes(second, {"elk kind  TELT": 0.9, "Toetsen zijn leidend": 0.3,
                    "Ouders doen mee!": 0.65, "Alleen nu.": 0.7})
    result = vision_compare(second.session.vision, first.session.vision, threshold=5)
    assert result.earlier == first.session.vision  # order by time, whatever was asked
    assert [(s.before, s.after, s.change) for s in result.gained] == [(50, 90, 40)]
    assert [(s.before, s.after) for s in result.lost] == [(80, 30)]
    assert [s.text for s in result.steady] == ["Ouders doen mee!"]
    assert [s.text for s in result.only_earlier] == ["Alleen toen."]
    assert [s.text for s in result.only_later] == ["Alleen nu."]


@pytest.mark.django_db
def test_a_share_of_fewer_voters_than_the_threshold_is_not_compared(cast):
    first = vision(cast)
    _votes(first, {"Elk kind telt.": 0.5}, n=3)
    second = vision(cast)
    _votes(second, {"Elk kind telt.": 1.0}, n=3)
    result = vision_compare(first.session.vision, second.session.vision, threshold=5)
    assert not result.steady
    assert result.too_few[0].before is None and result.too_few[0].change is None


def test_statements_match_whatever_their_case_accents_and_punctuation():
    assert normalise("  Élk kínd, telt! ") == normalise("elk kind telt")


@pytest.mark.django_db
def test_the_compare_page_lists_the_shifts(cast, client_for):
    first = vision(cast)
    _votes(first, {"Elk kind telt.": 0.5})
    second = vision(cast)
    _votes(second, {"Elk kind telt.": 0.9})
    client = client_for(cast.facilitator)
    page = client.get(f"/o/{cast.org.slug}/bedoeling/visie/vergelijk/?a={first.session.pk}"
                      f"&b={second.session.pk}").content.decode()
    assert "Meer steun gekregen" in page and "+40" in page
    response = client.get(f"/o/{cast.org.slug}/bedoeling/visie/vergelijk/?a=999999&b=1")
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_vision_list_shows_sessions_and_what_they_led_to(cast, client_for):
    v = vision(cast)
    activate(v, v.adoption)
    vision_adopt(v.adoption, cast.facilitator, statement="Er zijn voor elk kind.")
    page = client_for(cast.facilitator).get(
        f"/o/{cast.org.slug}/bedoeling/visie/").content.decode()
    assert "Visiedag" in page and "leidde tot versie 1" in page
    member = client_for(cast.member).get(f"/o/{cast.org.slug}/bedoeling/visie/").content.decode()
    assert "Visiedag" not in member  # not ended yet


@pytest.mark.django_db
def test_the_vision_views_render_in_english(cast, client_for):
    from django.utils import translation

    from bedoeling.live import render as live_render

    v = vision(cast)
    cards = seed(v)
    people = planted_votes(v, cards, n_participants=20)
    activate(v, v.map)
    live_services.phase_set_flags(v.map, revealed=True)
    v.session.refresh_from_db()
    with translation.override("en"):
        for phase in (v.intro, v.map, v.drafting, v.adoption):
            activate(v, phase)
            live_services.phase_set_flags(phase, revealed=True)
            v.session.refresh_from_db()
            assert live_render.screen_snapshot(v.session)
            assert live_render.control_snapshot(v.session)
            assert live_render.phone_fragment(v.session, phase, "") is not None
            live_render.personal_fragment(v.session, phase, people[0])
