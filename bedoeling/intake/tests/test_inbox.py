from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from bedoeling.accounts.models import AuditEvent, Invitation, Membership, Role
from bedoeling.intake.models import SparringRequest
from bedoeling.orgs.models import Organisation


@pytest.fixture
def staff(cast, client_for):
    cast.facilitator.is_staff = True
    cast.facilitator.save()
    return client_for(cast.facilitator)


@pytest.fixture
def sparring(db):
    return SparringRequest.objects.create(
        name="Anna de Vries", email="anna@example.org", organisation_name="Kindcentrum De Linde",
        role="directeur", situation="Te veel toetsen.", moments="dinsdag", consent=True)


def test_the_inbox_is_for_the_instance_facilitators_only(cast, client_for, sparring):
    # A facilitator of one organisation (not staff) reads no prospect's request.
    for person in (cast.outsider, cast.facilitator, cast.lead, cast.member):
        assert client_for(person).get("/sparsessies/").status_code == 404
        assert client_for(person).get(f"/sparsessies/{sparring.pk}/").status_code == 404
    response = client_for().get("/sparsessies/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_the_inbox_lists_open_requests(staff, sparring):
    html = staff.get("/sparsessies/").content.decode()
    assert "Anna de Vries" in html
    assert "Kindcentrum De Linde" in html
    assert "Te veel toetsen." in html


def test_answering_mails_the_visitor_with_replies_to_the_facilitator(staff, cast, sparring,
                                                                      post):
    response = post(staff, f"/sparsessies/{sparring.pk}/antwoorden/",
                          {"text": "Wat fijn dat je schrijft. Zullen we bellen?"})
    assert response.status_code == 302
    sparring.refresh_from_db()
    assert sparring.status == SparringRequest.Status.ANSWERED
    assert sparring.handled_by == cast.facilitator
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert message.reply_to == [cast.facilitator.email]
    assert "Zullen we bellen?" in message.body


def test_an_empty_answer_is_refused_and_nothing_sent(staff, sparring):
    response = staff.post(f"/sparsessies/{sparring.pk}/antwoorden/", {"text": " "})
    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()
    sparring.refresh_from_db()
    assert sparring.status == SparringRequest.Status.NEW
    assert mail.outbox == []


def _plan(post, staff, sparring, day, start="10:30", minutes=60, place="Online, link volgt"):
    return post(staff, f"/sparsessies/{sparring.pk}/plannen/", {
        "day": day.isoformat(), "start": start, "minutes": minutes, "place": place,
        "note": "Tot dan!"})


def test_planning_mails_an_ics_invitation_in_amsterdam_time(staff, sparring, post):
    day = timezone.localdate() + timedelta(days=10)
    assert _plan(post, staff, sparring, day).status_code == 302
    sparring.refresh_from_db()
    assert sparring.status == SparringRequest.Status.PLANNED
    assert timezone.localtime(sparring.planned_start).strftime("%H:%M") == "10:30"
    [message] = mail.outbox
    [(name, content, mimetype)] = message.attachments
    assert name == f"sparsessie-{sparring.pk}.ics"
    assert mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART").strftime("%Y-%m-%d %H:%M") == f"{day.isoformat()} 10:30"
    assert "Tot dan!" in str(event["DESCRIPTION"])
    # The downloadable file is the same invitation.
    download = staff.get(f"/sparsessies/{sparring.pk}/uitnodiging.ics")
    assert download["Content-Type"].startswith("text/calendar")
    assert "attachment" in download["Content-Disposition"]


def test_a_moment_in_the_past_is_refused(staff, sparring, post):
    response = _plan(post, staff, sparring, timezone.localdate() - timedelta(days=1))
    assert response.status_code == 400
    assert "Kies een moment in de toekomst" in response.content.decode()
    sparring.refresh_from_db()
    assert sparring.planned_start is None
    assert mail.outbox == []


def test_a_new_moment_replaces_the_earlier_one_in_the_calendar(staff, sparring, post):
    day = timezone.localdate() + timedelta(days=10)
    _plan(post, staff, sparring, day)
    _plan(post, staff, sparring, day + timedelta(days=1), start="14:00")
    first, second = (icalendar.Calendar.from_ical(m.attachments[0][1]).walk("VEVENT")[0]
                     for m in mail.outbox)
    assert first["UID"] == second["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]


def test_the_ics_of_an_unplanned_request_is_404(staff, sparring):
    assert staff.get(f"/sparsessies/{sparring.pk}/uitnodiging.ics").status_code == 404


def test_turning_a_request_into_an_organisation_invites_its_first_lead(staff, cast, sparring):
    response = staff.post(f"/sparsessies/{sparring.pk}/organisatie/", {
        "name": "Kindcentrum De Linde", "lead_email": "anna@example.org", "language": "en"})
    org = Organisation.objects.get(name="Kindcentrum De Linde")
    assert response.status_code == 302
    assert response["Location"] == f"/o/{org.slug}/"
    sparring.refresh_from_db()
    assert sparring.organisation == org
    assert sparring.status == SparringRequest.Status.CONVERTED
    assert Membership.objects.get(organisation=org).user == cast.facilitator
    invitation = Invitation.objects.get(organisation=org)
    assert (invitation.email, invitation.role, invitation.language) == (
        "anna@example.org", Role.LEAD, "en")
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "Invitation" in message.subject
    assert AuditEvent.objects.filter(organisation=org, action="sparring.convert").exists()
    # A second click makes no second organisation.
    staff.post(f"/sparsessies/{sparring.pk}/organisatie/", {
        "name": "Kindcentrum De Linde", "lead_email": "anna@example.org", "language": "nl"})
    assert Organisation.objects.filter(name="Kindcentrum De Linde").count() == 1
    assert Invitation.objects.filter(organisation=org).count() == 1


def test_a_bad_lead_address_makes_no_organisation(staff, sparring):
    response = staff.post(f"/sparsessies/{sparring.pk}/organisatie/", {
        "name": "De Linde", "lead_email": "anna", "language": "nl"})
    assert response.status_code == 400
    assert not Organisation.objects.filter(name="De Linde").exists()
    sparring.refresh_from_db()
    assert sparring.organisation is None


def test_the_inbox_link_shows_in_the_header_for_staff_only(staff, cast, client_for):
    assert 'href="/sparsessies/"' in staff.get("/organisaties/").content.decode()
    assert 'href="/sparsessies/"' not in client_for(cast.lead).get(
        "/organisaties/").content.decode()
