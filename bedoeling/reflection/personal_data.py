"""A person's reflection log and her reminder rhythm (see bedoeling/privacy/registry.py).
Both cascade with her account. Her answers to team rounds are stored without her and are
not hers to find."""

from django.utils.translation import gettext_lazy as _

from bedoeling.privacy.registry import PersonalData, register
from bedoeling.reflection.models import ReflectionEntry, Rhythm


def _entries(user) -> list[dict]:
    entries = (ReflectionEntry.objects.filter(author=user).select_related("organisation")
               .order_by("written_on", "pk"))
    return [{"organisation": e.organisation.name, "written_on": e.written_on.isoformat(),
             "model": e.model, "answers": e.answers, "from_purpose": e.from_purpose,
             "parts": e.parts, "obstacles": e.obstacles} for e in entries]


def _rhythms(user) -> list[dict]:
    return [{"organisation": r.organisation.name, "reminders": r.reminders,
             "weekday": r.weekday, "hour": r.hour, "time_zone": r.time_zone,
             "paused_until": r.paused_until.isoformat() if r.paused_until else None,
             "in_organisation_export": r.in_organisation_export}
            for r in Rhythm.objects.filter(person=user).select_related("organisation")]


register(PersonalData(
    key="reflections", label=_("Je reflecties"), export=_entries, order=30,
    on_delete=_("Verwijderd: je reflecties zijn alleen van jou.")))
register(PersonalData(
    key="reflection_rhythms", label=_("Je herinneringen om te reflecteren"),
    export=_rhythms, order=31, on_delete=_("Verwijderd.")))
