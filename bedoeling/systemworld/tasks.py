"""Background work: e-mail for in-app messages, so a slow mail server never holds up the
person who changed something."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from bedoeling.lib.urls import site_url

log = logging.getLogger(__name__)


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    from bedoeling.systemworld.models import Notification

    sent = 0
    notes = Notification.objects.filter(pk__in=notification_ids).select_related(
        "user", "organisation")
    for note in notes:
        # In the language of the person it is for, not of the one whose action caused it.
        with translation.override(note.user.language or settings.LANGUAGE_CODE):
            text = note.text
            link = site_url(note.url)
            body = render_to_string("systemworld/email/notification.txt", {
                "note": note, "text": text, "link": link, "org": note.organisation,
                "name": note.user.display_name,
            })
            try:
                send_mail(f"{note.organisation.name}: {text}"[:150], body, None,
                          [note.user.email])
                sent += 1
            except OSError:
                log.exception("notification mail %s could not be sent", note.pk)
    return sent
