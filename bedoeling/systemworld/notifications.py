"""Closing the loop: in-app messages and their e-mail. Messages are stored as a kind plus
data and put into words when read, so each person reads them in their own language."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bedoeling.accounts.models import Membership
from bedoeling.systemworld.models import Action, Notification

_mail = ContextVar("systemworld_mail", default=True)


@contextmanager
def without_email():
    """For demo data and imports: they make history, not news, so nobody gets mail."""
    token = _mail.set(False)
    try:
        yield
    finally:
        _mail.reset(token)


class Kind:
    SIGNAL_NEW = "signal_new"
    SIGNAL_RESPONSE = "signal_response"
    ACTION_CREATED = "action_created"
    ACTION_STATUS = "action_status"
    ACTION_ASSIGNED = "action_assigned"
    SESSION_SIGNALS = "session_signals"


def message(kind: str, data: dict) -> str:
    rule = data.get("rule", "")
    action = data.get("action", "")
    if kind == Kind.SIGNAL_NEW:
        return _("Nieuw signaal over ‘%(rule)s’.") % {"rule": rule}
    if kind == Kind.SIGNAL_RESPONSE:
        if rule:
            return _("Er is gereageerd op je signaal over ‘%(rule)s’.") % {"rule": rule}
        return _("Er is gereageerd op je signaal.")
    if kind == Kind.ACTION_CREATED:
        return _("Er komt een actie: ‘%(action)s’ (%(kind)s).") % {
            "action": action, "kind": Action.Kind(data["kind"]).label}
    if kind == Kind.ACTION_STATUS:
        return _("Actie ‘%(action)s’ is nu: %(status)s.") % {
            "action": action, "status": Action.Status(data["status"]).label}
    if kind == Kind.ACTION_ASSIGNED:
        return _("Je bent eigenaar van de actie ‘%(action)s’.") % {"action": action}
    if kind == Kind.SESSION_SIGNALS:
        return ngettext("Nieuw signaal over ‘%(rule)s’ uit de werksessie ‘%(session)s’.",
                        "%(n)s nieuwe signalen over ‘%(rule)s’ uit de werksessie "
                        "‘%(session)s’.", data.get("n", 1)) % {
            "n": data.get("n", 1), "rule": rule, "session": data.get("session", "")}
    return ""


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

        def send():
            from bedoeling.systemworld.tasks import send_notification_emails

            send_notification_emails.enqueue(ids)

        transaction.on_commit(send)
    return notes
