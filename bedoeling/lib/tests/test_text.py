"""Single-line names shown to others (on the projector too) carry nothing that reorders or
hides text."""

import pytest
from django.test import Client

from bedoeling.lib.text import clean_line
from bedoeling.live import services
from bedoeling.orgs.models import Team

RLO, LRI, PDI, ZWSP, ZWJ, BOM = "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff"


def test_bidi_overrides_and_zero_width_characters_are_stripped():
    assert clean_line(f"Anna{RLO}gnp.exe") == "Annagnp.exe"
    assert clean_line(f"{LRI}Bram{PDI}") == "Bram"
    assert clean_line(f"Lo{ZWSP}tte{BOM}") == "Lotte"
    assert clean_line(f"{ZWSP}{RLO}") == ""
    assert clean_line("een\nnaam\t op  twee regels") == "een naam op twee regels"


def test_a_joiner_between_two_visible_characters_stays():
    teacher = f"\U0001f469{ZWJ}\U0001f3eb"  # woman teacher emoji
    assert clean_line(teacher) == teacher
    assert clean_line(f"{ZWJ}Anna{ZWJ}") == "Anna"


@pytest.mark.django_db
def test_a_participant_name_reaches_the_projector_without_bidi_overrides(cast):
    session = services.session_create(cast.org, cast.facilitator, title="Namen",
                                      format_key="open", allow_names=True)
    services.session_open(session, cast.facilitator)
    response = Client().post(f"/doe-mee/{session.code}/", {"name": f"{RLO}nnA{ZWSP}"})
    assert response.status_code == 302
    assert session.participants.get().name == "nnA"


@pytest.mark.django_db
def test_a_session_title_and_a_team_name_are_cleaned_the_same_way(cast, client_for):
    client = client_for(cast.facilitator)
    client.post(f"/o/{cast.org.slug}/sessies/nieuw/", {
        "title": f"Studie{RLO}dag", "format": "open", "anonymous": "on",
        "participant_cap": "100"})
    assert cast.org.live_sessions.get().title == "Studiedag"
    client.post(f"/o/{cast.org.slug}/teams/toevoegen/", {"name": f"{ZWSP}Onder{LRI}bouw"})
    assert Team.objects.filter(organisation=cast.org, name="Onderbouw").exists()


@pytest.mark.django_db
def test_a_name_of_only_invisible_characters_is_refused(cast, client_for):
    response = client_for(cast.facilitator).post(f"/o/{cast.org.slug}/teams/toevoegen/",
                                                 {"name": f"{ZWSP}{RLO}"})
    assert response.status_code == 400
    assert not Team.objects.filter(organisation=cast.org).exclude(name="Bovenbouw").exists()
