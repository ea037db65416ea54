"""Closing the loop: in-app messages and their e-mail. Messages are stored as a kind plus
data and put into words when read, so each person reads them in their own language."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from bedoeling.accounts.models import Membership
from bedoeling.systemworld.models import Kind, Notification
from bedoeling.systemworld.tasks import send_notification_emails

__all__ = ["Kind", "notify", "without_email"]

_mail = ContextVar("systemworld_mail", default=True)


@contextmanager
def without_email():
    """For demo data and imports: they make history, not news, so nobody gets mail."""
    token = _mail.set(False)
    try:
        yield
    finally:
        _mail.reset(token)


def notify(org, users, kind: str, data: dict, url: str, *, actor=None) -> list[Notification]:
    """Tell these people (members of the organisation, not the actor) in the app, and by
    e-mail once the transaction has committed."""
    wanted = {u.pk for u in users if u is not None}
    if actor is not None:
        wanted.discard(actor.pk)
    members = Membership.objects.filter(organisation=org, user_id__in=wanted,
                                        user__is_active=True).values_list("user_id", flat=True)
    notes = Notification.objects.bulk_create([
        Notification(user_id=user_id, organisation=org, kind=kind, data=data, url=url)
        for user_id in sorted(set(members))
    ])
    if notes and _mail.get():
        ids = [n.pk for n in notes]

        transaction.on_commit(lambda: send_notification_emails.enqueue(ids))
    return notes
