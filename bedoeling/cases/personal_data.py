"""The cases a person wrote and the learnings she added (see bedoeling/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from bedoeling.cases import services
from bedoeling.cases.models import Case, Learning
from bedoeling.privacy.registry import PersonalData, register


def _export(user) -> list[dict]:
    cases = [{"organisation": c.organisation.name, "title": c.title, "situation": c.situation,
              "dilemma": c.dilemma, "question": c.question, "purpose_part": c.purpose_part,
              "shared": c.shared, "created_at": c.created_at.isoformat()}
             for c in Case.objects.filter(author=user).select_related("organisation")]
    learnings = [{"case": item.case.title, "text": item.text,
                  "purpose_part": item.purpose_part, "created_at": item.created_at.isoformat()}
                 for item in Learning.objects.filter(author=user).select_related("case")]
    return cases + learnings


def _erase(user) -> None:
    # A case tells who wrote it by its content alone: it goes with her account. Her
    # learnings on colleagues' cases stay with those cases, without her name.
    services.cases_erase(user)


register(PersonalData(
    key="cases", label=_("Casussen die je schreef en je leerpunten"), export=_export,
    erase=_erase,
    on_delete=_("Je casussen worden verwijderd; je leerpunten bij casussen van anderen "
                "blijven staan, zonder je naam."),
    order=30))
