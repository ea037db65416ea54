from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from bedoeling.accounts.models import AuditEvent, Invitation, Membership, Role, User
from bedoeling.conftest import PASSWORD


def _invite(client, org, email="nieuw@example.org", role="lead"):
    return client.post(f"/o/{org.slug}/mensen/uitnodigen/", {"email": email, "role": role,
                                                              "language": "nl"})


def _link(mailoutbox):
    import re

    return re.search(r"http://testserver(/uitnodiging/\S+/)", mailoutbox[-1].body).group(1)


@pytest.mark.django_db
def test_an_invited_person_sets_a_password_and_lands_in_the_org_with_the_role(
        cast, client_for, mailoutbox):
    _invite(client_for(cast.facilitator), cast.org)
    link = _link(mailoutbox)
    guest = Client()
    response = guest.post(link, {"name": "Nadia", "password1": "zonnebloem-in-de-wind",
                                 "password2": "zonnebloem-in-de-wind"})
    assert response["Location"] == f"/o/{cast.org.slug}/"
    user = User.objects.get(email="nieuw@example.org")
    assert Membership.objects.get(user=user, organisation=cast.org).role == Role.LEAD
    assert AuditEvent.objects.filter(action="invitation.accept").exists()


@pytest.mark.django_db
def test_an_invitation_link_works_once(cast, client_for, mailoutbox):
    _invite(client_for(cast.facilitator), cast.org)
    link = _link(mailoutbox)
    data = {"name": "Nadia", "password1": "zonnebloem-in-de-wind",
            "password2": "zonnebloem-in-de-wind"}
    Client().post(link, data)
    response = Client().post(link, data)
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()
    assert Membership.objects.filter(user__email="nieuw@example.org").count() == 1


@pytest.mark.django_db
def test_an_expired_invitation_gets_a_clear_message_and_creates_nothing(
        cast, client_for, mailoutbox):
    _invite(client_for(cast.facilitator), cast.org)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client().post(_link(mailoutbox), {"name": "N", "password1": "zonnebloem-123x",
                                                 "password2": "zonnebloem-123x"})
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()


@pytest.mark.django_db
def test_an_unknown_invitation_token_is_a_404_with_an_explanation():
    response = Client().get("/uitnodiging/niet-bestaand/")
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()


@pytest.mark.django_db
def test_inviting_someone_who_is_already_a_member_is_refused(cast, client_for):
    response = _invite(client_for(cast.facilitator), cast.org, email="LOTTE@example.org")
    assert response.status_code == 400
    assert "hoort al bij deze organisatie" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_the_same_address_cannot_be_invited_twice_while_open(cast, client_for):
    client = client_for(cast.facilitator)
    _invite(client, cast.org)
    response = _invite(client, cast.org)
    assert response.status_code == 400
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_only_facilitators_invite(cast, client_for):
    response = _invite(client_for(cast.lead), cast.org)
    assert response.status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_the_token_is_stored_only_as_a_hash(cast, client_for, mailoutbox):
    _invite(client_for(cast.facilitator), cast.org)
    token = _link(mailoutbox).strip("/").split("/")[-1]
    invitation = Invitation.objects.get()
    assert token not in invitation.token_hash
    assert Invitation.for_token(token) == invitation


@pytest.mark.django_db
def test_an_existing_account_accepts_after_logging_in_as_herself(cast, client_for, mailoutbox):
    # Olaf is the facilitator of the other organisation.
    _invite(client_for(cast.outsider), cast.other, email="lotte@example.org", role="member")
    link = _link(mailoutbox)
    lotte = Client()
    page = lotte.get(link)
    assert page.status_code == 200
    assert 'type="password"' not in page.content.decode()
    login = lotte.post("/inloggen/", {"username": "lotte@example.org", "password": PASSWORD,
                                      "next": link})
    assert login["Location"] == link
    response = lotte.post(link)
    assert response.status_code == 302
    assert Membership.objects.filter(user=cast.member, organisation=cast.other).exists()


@pytest.mark.django_db
def test_the_invitation_page_never_checks_a_password(cast, client_for, mailoutbox, settings):
    """An invitation for an existing account of another organisation must not be a way to
    guess her password past the login form's limit: 60 guesses, then the right one, change
    nothing and log nobody in."""
    settings.LOGIN_RATE_LIMIT = (10, 300)
    _invite(client_for(cast.outsider), cast.other, email="lotte@example.org", role="member")
    link = _link(mailoutbox)
    attacker = Client()
    for attempt in range(60):
        response = attacker.post(link, {"password": f"gok-{attempt}"})
        assert response.status_code == 200
        assert "_auth_user_id" not in attacker.session
    response = attacker.post(link, {"password": PASSWORD})
    assert "_auth_user_id" not in attacker.session
    assert 'href="/inloggen/?next=' in response.content.decode()
    assert not Membership.objects.filter(user=cast.member, organisation=cast.other).exists()
    assert Invitation.objects.get().accepted_at is None


@pytest.mark.django_db
def test_role_changes_are_audited_and_the_last_facilitator_stays(cast, client_for):
    client = client_for(cast.facilitator)
    lead = Membership.objects.get(user=cast.lead, organisation=cast.org)
    client.post(f"/o/{cast.org.slug}/mensen/{lead.pk}/", {"role": "facilitator"})
    lead.refresh_from_db()
    assert lead.role == Role.FACILITATOR
    assert AuditEvent.objects.filter(action="membership.role").count() == 1
    mine = Membership.objects.get(user=cast.facilitator, organisation=cast.org)
    client.post(f"/o/{cast.org.slug}/mensen/{lead.pk}/", {"role": "member"})
    response = client.post(f"/o/{cast.org.slug}/mensen/{mine.pk}/", {"role": "member"})
    assert response.status_code == 400
    assert "minstens één begeleider" in response.content.decode()
    mine.refresh_from_db()
    assert mine.role == Role.FACILITATOR


@pytest.mark.django_db
def test_an_invitation_in_english_mails_and_opens_in_english_and_she_keeps_it(
        cast, client_for, mailoutbox):
    client_for(cast.facilitator).post(f"/o/{cast.org.slug}/mensen/uitnodigen/", {
        "email": "new@example.org", "role": "member", "language": "en"})
    mail = mailoutbox[-1]
    assert mail.subject == f"Invitation to {cast.org.name} on Bedoeling"
    assert "has invited you" in mail.body and "December" in mail.body
    assert Invitation.objects.get(email="new@example.org").language == "en"
    guest = Client(HTTP_ACCEPT_LANGUAGE="nl")
    link = _link(mailoutbox)
    page = guest.get(link).content.decode()
    assert 'lang="en"' in page and "Choose a password" in page
    guest.post(link, {"name": "Sam", "password1": "zonnebloem-in-de-wind",
                      "password2": "zonnebloem-in-de-wind"})
    assert User.objects.get(email="new@example.org").language == "en"
    # Her own choice on the switch wins over the invitation's.
    chose_dutch = Client(HTTP_ACCEPT_LANGUAGE="en")
    chose_dutch.cookies["django_language"] = "nl"
    client_for(cast.facilitator).post(f"/o/{cast.org.slug}/mensen/uitnodigen/", {
        "email": "tweede@example.org", "role": "member", "language": "en"})
    assert 'lang="nl"' in chose_dutch.get(_link(mailoutbox)).content.decode()


@pytest.mark.django_db
def test_an_invitation_in_an_unknown_language_is_refused_and_sends_nothing(
        cast, client_for, mailoutbox):
    response = client_for(cast.facilitator).post(f"/o/{cast.org.slug}/mensen/uitnodigen/", {
        "email": "new@example.org", "role": "member", "language": "xx"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze. xx is geen beschikbare keuze." in (
        response.content.decode())
    assert not Invitation.objects.filter(email="new@example.org").exists()
    assert mailoutbox == []
