"""The stories a person told under her own account (see bedoeling/privacy/registry.py).
Stories told anonymously have no link to her and are not hers to find."""

from django.utils.translation import gettext_lazy as _

from bedoeling.privacy.registry import PersonalData, register
from bedoeling.stories.models import Story
from bedoeling.stories.services import story_delete


def _stories(user):
    return Story.objects.filter(author=user).select_related("organisation", "form", "team")


def _export(user) -> list[dict]:
    return [{"organisation": s.organisation.name, "form": s.form.title, "title": s.title,
             "text": s.text, "told_on": s.told_on.isoformat(), "consent": s.consent,
             "team": s.team.name if s.team else None}
            for s in _stories(user).order_by("told_on", "pk")]


def _erase(user) -> None:
    # A story can tell who wrote it by its content alone: it goes with her account.
    for story in _stories(user):
        story_delete(story, user)


register(PersonalData(
    key="stories", label=_("Verhalen die je vertelde"), export=_export, erase=_erase,
    on_delete=_("Verwijderd: een verhaal kan door zijn inhoud verraden wie het schreef."),
    order=10))
