"""What the URL walk needs from this app: public URL names, and how to make an object of
the victim organisation for each URL argument name."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from bedoeling.systemworld.services import action_create, rule_create, signal_report

# Reporting through an organisation's public link and looking up a receipt need no account.
PUBLIC = {"systemworld:public_report", "systemworld:receipt"}


_numbers = count(1)


def _rule(org, cast):
    return rule_create(org, cast.facilitator, title=f"Formulier {next(_numbers)}").pk


def _signal(org, cast):
    return signal_report(org, what_happened="Het formulier was weer kwijt.",
                         reporter=cast.member).signal.pk


def _action(org, cast):
    return action_create(org, cast.facilitator, kind="explain", title="Uitleggen wat mag",
                         owner=cast.lead, due_date=timezone.localdate() + timedelta(days=7)).pk


ARGUMENTS = {"rule": _rule, "signal": _signal, "action": _action}
