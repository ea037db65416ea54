"""Background work: the mails of a sparsessie request, so a slow mail server never holds
up the visitor or the facilitator (the same way as the system world's notifications)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from bedoeling.accounts.models import User
from bedoeling.intake import ics
from bedoeling.intake.models import SparringRequest
from bedoeling.lib.mail import email_enqueue


def _send(subject: str, body: str, to: list[str], attachments=(), reply_to=()) -> int:
    """Each mail leaves as a task of its own, retried on its own if the server refuses."""
    email_enqueue(subject[:150], body, to, reply_to=reply_to, attachments=attachments)
    return 1


class Mail:
    RECEIVED = "received"  # to the visitor: we have your request
    NEW = "new"  # to the facilitators: a request is waiting
    ANSWER = "answer"  # to the visitor: the facilitator's answer
    PLANNED = "planned"  # to the visitor: the moment, with the .ics attached


def instance_facilitators():
    return User.objects.filter(is_staff=True, is_active=True)


@task()
def send_sparring_mail(sparring_id: int, kind: str, note: str = "") -> int:
    sparring = (SparringRequest.objects.select_related("handled_by")
                .filter(pk=sparring_id).first())
    if sparring is None:  # deleted meanwhile (retention): nothing to tell
        return 0
    if kind == Mail.NEW:
        return _tell_facilitators(sparring)
    with translation.override(sparring.language):
        context = {"sparring": sparring, "note": note,
                   "facilitator": sparring.handled_by.display_name
                   if sparring.handled_by else ""}
        attachments = []
        if kind == Mail.RECEIVED:
            subject = _("We hebben je aanvraag voor een sparsessie ontvangen")
        elif kind == Mail.ANSWER:
            subject = _("Antwoord op je aanvraag voor een sparsessie")
        elif kind == Mail.PLANNED:
            subject = _("Uitnodiging: sparsessie op %(date)s") % {
                "date": _local(sparring.planned_start)}
            context["when"] = _local(sparring.planned_start)
            attachments.append((ics.filename(sparring), ics.sparring_invitation(sparring, note),
                                "text/calendar; charset=utf-8; method=PUBLISH"))
        else:
            raise ValueError(kind)
        body = render_to_string(f"intake/email/{kind}.txt", context)
    # Replies go to the facilitator, not to the instance's no-reply sender.
    reply_to = [sparring.handled_by.email] if sparring.handled_by else []
    return _send(subject, body, [sparring.email], attachments, reply_to)


def _local(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _tell_facilitators(sparring: SparringRequest) -> int:
    link = reverse("intake:request", args=[sparring.pk])
    link = settings.SITE_URL + link if settings.SITE_URL else link
    sent = 0
    for person in instance_facilitators():
        with translation.override(person.language or settings.LANGUAGE_CODE):
            body = render_to_string("intake/email/new.txt", {
                "name": person.display_name, "link": link})
            sent += _send(_("Nieuwe aanvraag voor een sparsessie"), body, [person.email])
    return sent
