"""Sparsessie requests: submitted by a visitor, answered, planned and turned into an
organisation by the instance's facilitators, and deleted after the retention period.

Who reads the inbox: the instance's staff users (``User.is_staff``, e.g. made with
``manage.py createsuperuser``), the facilitators who run this instance. Not every
facilitator of some organisation: an organisation's internal facilitator (its L&D or
quality staff) has no business reading other prospects' names and worries."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import Role
from bedoeling.accounts.services import invitation_create
from bedoeling.intake.models import SparringRequest
from bedoeling.intake.tasks import Mail, send_sparring_mail
from bedoeling.orgs.services import organisation_create


def is_instance_facilitator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def _mail_after_commit(sparring_id: int, kind: str, note: str = "") -> None:
    # Like the system world's notifications: the mail goes out through the task queue once
    # the request is safely stored, so a slow mail server never holds up the visitor.
    transaction.on_commit(lambda: send_sparring_mail.enqueue(sparring_id, kind, note))


@transaction.atomic
def sparring_request_submit(*, name: str, email: str, organisation_name: str, role: str,
                            situation: str, moments: str, consent: bool,
                            language: str) -> SparringRequest:
    sparring = SparringRequest.objects.create(
        name=name.strip(), email=email.strip().lower(),
        organisation_name=organisation_name.strip(), role=role.strip(),
        situation=situation.strip(), moments=moments.strip(), consent=consent,
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
    )
    _mail_after_commit(sparring.pk, Mail.RECEIVED)
    _mail_after_commit(sparring.pk, Mail.NEW)
    return sparring


@transaction.atomic
def sparring_answer(sparring: SparringRequest, actor, *, text: str) -> SparringRequest:
    sparring.answer = text.strip()
    sparring.answered_at = timezone.now()
    sparring.handled_by = actor
    if sparring.status == SparringRequest.Status.NEW:
        sparring.status = SparringRequest.Status.ANSWERED
    sparring.save(update_fields=["answer", "answered_at", "handled_by", "status"])
    _mail_after_commit(sparring.pk, Mail.ANSWER)
    return sparring


@transaction.atomic
def sparring_plan(sparring: SparringRequest, actor, *, start, minutes: int, place: str,
                  note: str = "") -> SparringRequest:
    if sparring.planned_start is not None:
        sparring.planned_sequence += 1
    sparring.planned_start = start
    sparring.planned_minutes = minutes
    sparring.planned_place = place.strip()
    sparring.handled_by = actor
    if sparring.status != SparringRequest.Status.CONVERTED:
        sparring.status = SparringRequest.Status.PLANNED
    sparring.save(update_fields=["planned_start", "planned_minutes", "planned_place",
                                 "planned_sequence", "handled_by", "status"])
    _mail_after_commit(sparring.pk, Mail.PLANNED, note.strip())
    return sparring


@transaction.atomic
def sparring_convert(http_request, sparring: SparringRequest, actor, *, name: str,
                     lead_email: str, language: str):
    """One step: the organisation's workspace (with the facilitator in it) and an
    invitation for its first lead, through the accounts' invitation service."""
    sparring = SparringRequest.objects.select_for_update().get(pk=sparring.pk)
    if sparring.organisation_id is not None:
        return sparring.organisation, None
    org = organisation_create(actor, name=name)
    invitation, _link = invitation_create(http_request, org, actor, email=lead_email,
                                          role=Role.LEAD, language=language)
    sparring.organisation = org
    sparring.converted_at = timezone.now()
    sparring.status = SparringRequest.Status.CONVERTED
    sparring.handled_by = actor
    sparring.save(update_fields=["organisation", "converted_at", "status", "handled_by"])
    audit(org, actor, "sparring.convert",
          gettext_noop("Organisatie aangemaakt uit de sparsessie-aanvraag van %(name)s"),
          name=sparring.name)
    return org, invitation


def sparring_expire(now=None) -> int:
    """Delete every request older than the retention period; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.SPARRING_RETENTION_DAYS)
    deleted, _per_model = SparringRequest.objects.filter(created_at__lt=cutoff).delete()
    return deleted
