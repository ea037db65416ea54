"""The facilitator or lead takes all of the organisation's data out as a ZIP, and deletes
the organisation: confirmed by typing its name, after a grace period through the task
worker, cancellable until then; the audit log records request, cancel and deletion."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from bedoeling.accounts.models import AuditEvent
from bedoeling.orgs.models import Organisation
from bedoeling.privacy.models import OrganisationDeletion

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _url(name, org):
    return reverse(f"privacy:{name}", kwargs={"org": org.slug})


@pytest.mark.django_db
def test_a_lead_downloads_the_whole_organisation_as_a_zip(cast, client_for):
    response = client_for(cast.lead).post(_url("organisation_download", cast.org))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    rows = json.loads(archive.read("alles.json"))
    assert {"model": "orgs.organisation", "pk": cast.org.pk} in [
        {"model": r["model"], "pk": r["pk"]} for r in rows]
    emails = {r["fields"]["email"] for r in rows if r["model"] == "accounts.user"}
    assert emails == {"sanne@example.org", "marieke@example.org", "lotte@example.org"}
    assert "olaf@example.org" not in archive.read("alles.json").decode()
    assert "password" not in archive.read("alles.json").decode()
    assert "per-soort/orgs.team.json" in archive.namelist()
    assert AuditEvent.objects.filter(organisation=cast.org, action="organisation.export",
                                     actor=cast.lead).exists()


@pytest.mark.django_db
def test_a_member_can_neither_download_nor_delete_the_organisation(cast, client_for):
    member = client_for(cast.member)
    for name in ("organisation", "organisation_download", "organisation_delete"):
        assert member.post(_url(name, cast.org), {"confirmation": "De Regenboog"}) \
            .status_code == 403
    assert not OrganisationDeletion.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["", "Regenboog", "De Regenboog!", "x" * 100_000,
                                   "De\u202eRegenboog", "De Regenboog\x00"])
def test_a_wrong_name_schedules_nothing_and_says_so(cast, client_for, settings, typed):
    settings.TASKS = DATABASE_TASKS
    response = client_for(cast.lead).post(_url("organisation_delete", cast.org),
                                          {"confirmation": typed})
    assert response.status_code == 400
    # (A NUL byte is refused for every form before it reaches this one, with its own message.)
    expected = "een NUL-teken" if "\x00" in typed else (
        "Typ de naam van de organisatie precies zoals hij er staat (De Regenboog). "
        "Er is niets verwijderd.")
    assert expected in response.content.decode()
    assert not OrganisationDeletion.objects.exists() and not DBTaskResult.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="organisation.delete").exists()


@pytest.mark.django_db
def test_the_deletion_waits_for_the_grace_period_and_can_be_cancelled(cast, client_for,
                                                                      settings):
    settings.TASKS, settings.ORGANISATION_DELETION_DAYS = DATABASE_TASKS, 14
    lead = client_for(cast.lead)
    response = lead.post(_url("organisation_delete", cast.org),
                         {"confirmation": "  de regenboog "})
    assert response.status_code == 302
    deletion = OrganisationDeletion.objects.get()
    assert abs(deletion.due_at - timezone.now() - timedelta(days=14)) < timedelta(minutes=1)
    task = DBTaskResult.objects.get()
    assert task.run_after == deletion.due_at and task.status == "READY"
    assert "wordt verwijderd op" in lead.get(_url("organisation", cast.org)).content.decode()
    # Asked twice: refused, still one.
    assert lead.post(_url("organisation_delete", cast.org),
                     {"confirmation": "De Regenboog"}).status_code == 400

    response = client_for(cast.facilitator).post(_url("organisation_delete_cancel", cast.org))
    assert response.status_code == 302
    deletion.refresh_from_db()
    assert deletion.cancelled_at is not None and deletion.cancelled_by == cast.facilitator
    assert [e.action for e in AuditEvent.objects.filter(organisation=cast.org)
            .order_by("pk")] == ["organisation.delete_request", "organisation.delete_cancel"]
    # Nothing left to cancel: a clear message, nothing changes.
    response = lead.post(_url("organisation_delete_cancel", cast.org))
    assert response.status_code == 400
    assert "Er is geen verwijdering aangevraagd." in response.content.decode()


def _run_worker():
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="test",
           excluded_queue_names=[]).run()


@pytest.mark.django_db(transaction=True)
def test_the_worker_deletes_the_organisation_when_due_and_not_before(cast, client_for,
                                                                     settings):
    settings.TASKS = DATABASE_TASKS
    client_for(cast.lead).post(_url("organisation_delete", cast.org),
                               {"confirmation": "De Regenboog"})
    _run_worker()
    assert Organisation.objects.filter(pk=cast.org.pk).exists()  # the grace period

    past = timezone.now() - timedelta(seconds=1)
    OrganisationDeletion.objects.update(due_at=past)
    DBTaskResult.objects.update(run_after=past)
    _run_worker()
    assert not Organisation.objects.filter(pk=cast.org.pk).exists()
    assert Organisation.objects.filter(pk=cast.other.pk).exists()
    event = AuditEvent.objects.get(action="organisation.delete")
    assert event.data["slug"] == "regenboog" and event.actor_id == cast.lead.pk


@pytest.mark.django_db(transaction=True)
def test_a_cancelled_deletion_does_nothing_when_its_task_comes_due(cast, client_for,
                                                                   settings):
    settings.TASKS = DATABASE_TASKS
    lead = client_for(cast.lead)
    lead.post(_url("organisation_delete", cast.org), {"confirmation": "De Regenboog"})
    lead.post(_url("organisation_delete_cancel", cast.org))
    past = timezone.now() - timedelta(seconds=1)
    OrganisationDeletion.objects.update(due_at=past)
    DBTaskResult.objects.update(run_after=past)
    _run_worker()
    assert Organisation.objects.filter(pk=cast.org.pk).exists()
    assert not AuditEvent.objects.filter(action="organisation.delete").exists()
