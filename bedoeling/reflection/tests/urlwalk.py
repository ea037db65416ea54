"""What the URL walk needs from this app."""

from datetime import timedelta

from django.utils import timezone

from bedoeling.reflection import services

# The reminder mail's settings link needs no account: its signed token is the credential.
PUBLIC = {"reflection:mail_settings"}


def _entry(org, cast):
    return services.entry_write(org, cast.member, answers={"from": "Een gesprek."}).pk


def _round(org, cast):
    return services.round_open(org, cast.lead, title="Ronde",
                               closes_on=timezone.localdate() + timedelta(days=7),
                               questions=[("open", "Hoe gaat het?", [])]).pk


ARGUMENTS = {"entry": _entry, "round": _round}
