from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from bedoeling.intake.models import SparringRequest
from bedoeling.intake.services import sparring_expire


def _request(age_days: int) -> SparringRequest:
    return SparringRequest.objects.create(
        name="Anna", email="anna@example.org", organisation_name="De Linde", role="directeur",
        situation="Regels.", consent=True,
        created_at=timezone.now() - timedelta(days=age_days))


@pytest.mark.django_db
def test_requests_older_than_the_retention_period_are_deleted(settings):
    settings.SPARRING_RETENTION_DAYS = 30
    old, due, young = _request(400), _request(31), _request(29)
    assert sparring_expire() == 2
    assert list(SparringRequest.objects.all()) == [young]
    assert not SparringRequest.objects.filter(pk__in=[old.pk, due.pk]).exists()


@pytest.mark.django_db
def test_the_instance_sets_the_retention_period(settings):
    _request(100)
    settings.SPARRING_RETENTION_DAYS = 180
    assert sparring_expire() == 0
    settings.SPARRING_RETENTION_DAYS = 90
    assert sparring_expire() == 1


@pytest.mark.django_db
def test_the_management_command_deletes_what_is_due(settings):
    settings.SPARRING_RETENTION_DAYS = 30
    _request(31)
    _request(1)
    out = StringIO()
    call_command("sparring_expire", stdout=out)
    assert SparringRequest.objects.count() == 1
    assert "1" in out.getvalue()


@pytest.mark.django_db
def test_opening_the_inbox_deletes_what_is_due_without_a_scheduler(settings, cast, client_for):
    settings.SPARRING_RETENTION_DAYS = 30
    _request(31)
    cast.facilitator.is_staff = True
    cast.facilitator.save()
    client_for(cast.facilitator).get("/sparsessies/")
    assert SparringRequest.objects.count() == 0


@pytest.mark.django_db
def test_a_deleted_organisation_leaves_its_request_readable(cast):
    sparring = _request(1)
    sparring.organisation = cast.other
    sparring.save()
    cast.other.delete()
    sparring.refresh_from_db()
    assert sparring.organisation is None
