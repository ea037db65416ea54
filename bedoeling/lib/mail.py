"""E-mail leaves through the task worker, never inside a request: a slow or refusing SMTP
server must not hold up the person who acted (an invitation, a reset, a notification).

A mail that cannot be delivered is tried again later, each pause twice the one before,
until `MAIL_ATTEMPTS` attempts have failed; every failure is logged. django-tasks (like
Django 6's tasks API it backports) has no retries of its own, so the task schedules its
next attempt itself with `run_after`; the database backend keeps it until then, across
restarts of the worker."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)


def email_enqueue(subject: str, body: str, to: list[str], *, html: str = "",
                  reply_to: list[str] = (), attachments: list[tuple[str, str, str]] = (),
                  headers: dict[str, str] | None = None) -> None:
    """Send this mail from the worker. Called inside a transaction, the mail is only queued
    when the transaction commits (the database backend stores it in the same transaction).
    `attachments` are (file name, text content, MIME type); `headers` extra header lines
    (List-Unsubscribe)."""
    email_send.enqueue(subject=subject, body=body, to=list(to), html=html,
                       reply_to=list(reply_to), attachments=[list(a) for a in attachments],
                       headers=dict(headers or {}))


def retry_delay(attempt: int) -> timedelta:
    """The pause after the `attempt`-th failed attempt."""
    return timedelta(seconds=settings.MAIL_RETRY_SECONDS * 2 ** (attempt - 1))


@task()
def email_send(*, subject: str, body: str, to: list[str], html: str = "",
               reply_to: list[str] = (), attachments: list[list[str]] = (),
               headers: dict[str, str] | None = None, attempt: int = 1) -> str:
    message = EmailMultiAlternatives(subject, body, None, to, reply_to=list(reply_to),
                                     headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    try:
        message.send()
    except OSError as error:  # smtplib's errors are OSErrors, like a refused connection
        backend = email_send.get_backend()
        if attempt >= settings.MAIL_ATTEMPTS or not backend.supports_defer:
            log.error("mail %r to %d recipient(s) not delivered; given up after attempt "
                      "%d: %s", subject, len(to), attempt, error)
            raise
        delay = retry_delay(attempt)
        log.warning("mail %r to %d recipient(s) not delivered (attempt %d of %d: %s); "
                    "next attempt in %d s", subject, len(to), attempt,
                    settings.MAIL_ATTEMPTS, error, delay.total_seconds())
        email_send.using(run_after=timezone.now() + delay).enqueue(
            subject=subject, body=body, to=to, html=html, reply_to=reply_to,
            attachments=attachments, headers=headers, attempt=attempt + 1)
        return "retry"
    return "sent"
