"""The signals a person reported under her name (see bedoeling/privacy/registry.py).
Anonymous signals carry no link to her and are not hers to find."""

from django.utils.translation import gettext_lazy as _

from bedoeling.privacy.registry import PersonalData, register
from bedoeling.systemworld.models import Signal


def _export(user) -> list[dict]:
    signals = (Signal.objects.filter(reporter=user).select_related("organisation", "rule")
               .order_by("created_at", "pk"))
    return [{"organisation": s.organisation.name, "rule": s.rule_label,
             "what_happened": s.what_happened, "client_effect": s.client_effect,
             "sensible_action": s.sensible_action, "severity": s.severity,
             "created_at": s.created_at.isoformat()} for s in signals]


def _erase(user) -> None:
    # The situation stays with the rule it is about, so its follow-up goes on; nothing
    # links it to her any more.
    Signal.objects.filter(reporter=user).update(reporter=None, is_anonymous=True)


register(PersonalData(
    key="signals", label=_("Signalen die je met je naam meldde"), export=_export,
    erase=_erase, order=20,
    on_delete=_("Blijven staan, zonder je naam: de situatie hoort bij de regel waarover ze "
                "gaat, en de opvolging gaat door.")))
