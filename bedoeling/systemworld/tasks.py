"""Background work: e-mail for in-app messages, so a slow mail server never holds up the
person who changed something. Each mail then leaves as a task of its own, so a refused one
is tried again without sending the others twice (bedoeling/lib/mail.py)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from bedoeling.lib.mail import email_enqueue
from bedoeling.lib.urls import site_url
from bedoeling.systemworld.models import Notification


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
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
            email_enqueue(f"{note.organisation.name}: {text}"[:150], body, [note.user.email])
            sent += 1
    return sent
