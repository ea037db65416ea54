import pytest

from bedoeling.accounts.models import AuditEvent, Membership, Role
from bedoeling.orgs.models import Organisation


@pytest.mark.django_db
def test_a_facilitator_creates_an_organisation_and_becomes_its_facilitator(cast, client_for):
    response = client_for(cast.facilitator).post("/organisaties/", {"name": "OBS Het Kompas"})
    org = Organisation.objects.get(name="OBS Het Kompas")
    assert response["Location"] == f"/o/{org.slug}/"
    assert Membership.objects.get(organisation=org).role == Role.FACILITATOR


@pytest.mark.django_db
def test_a_member_cannot_create_an_organisation(cast, client_for):
    response = client_for(cast.member).post("/organisaties/", {"name": "Stiekem"})
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Stiekem").exists()


@pytest.mark.django_db
def test_a_facilitator_sees_every_organisation_she_works_for(cast, client_for):
    Membership.objects.create(user=cast.facilitator, organisation=cast.other, role="member")
    body = client_for(cast.facilitator).get("/organisaties/").content.decode()
    assert "De Regenboog" in body and "Gemeente Elders" in body


@pytest.mark.django_db
def test_a_duplicate_team_name_is_refused(cast, client_for):
    client = client_for(cast.lead)
    response = client.post(f"/o/{cast.org.slug}/teams/toevoegen/", {"name": "bovenbouw"})
    assert response.status_code == 400
    assert "Er is al een team met deze naam." in response.content.decode()
    assert cast.org.teams.count() == 1


@pytest.mark.django_db
def test_teams_are_added_and_audited(cast, client_for):
    client_for(cast.lead).post(f"/o/{cast.org.slug}/teams/toevoegen/", {"name": "Onderbouw"})
    assert cast.org.teams.filter(name="Onderbouw").exists()
    assert AuditEvent.objects.filter(action="team.create", organisation=cast.org).exists()


@pytest.mark.django_db
def test_the_language_switch_turns_the_interface_english(cast, client_for):
    client = client_for(cast.member)
    client.post("/taal/", {"language": "en", "next": f"/o/{cast.org.slug}/"})
    body = client.get(f"/o/{cast.org.slug}/").content.decode()
    assert 'lang="en"' in body
    assert "Log out" in body


@pytest.mark.django_db
def test_the_demo_loads_twice_without_duplicating(db):
    from django.core.management import call_command

    call_command("demo")
    count = Organisation.objects.count()
    call_command("demo")
    # The two demo organisations, and the one a sparsessie request became.
    assert Organisation.objects.count() == count == 3
