"""Who sees whose e-mail address on the people page."""

import pytest


@pytest.mark.django_db
def test_members_see_their_colleagues_names_but_not_their_email_addresses(cast, client_for):
    body = client_for(cast.member).get(f"/o/{cast.org.slug}/mensen/").content.decode()
    assert "Marieke" in body and "Sanne" in body
    assert "marieke@example.org" not in body and "sanne@example.org" not in body


@pytest.mark.django_db
def test_leads_see_names_only_too(cast, client_for):
    body = client_for(cast.lead).get(f"/o/{cast.org.slug}/mensen/").content.decode()
    assert "Lotte" in body and "lotte@example.org" not in body


@pytest.mark.django_db
def test_facilitators_who_manage_people_see_the_email_addresses(cast, client_for):
    body = client_for(cast.facilitator).get(f"/o/{cast.org.slug}/mensen/").content.decode()
    assert "lotte@example.org" in body and "marieke@example.org" in body
