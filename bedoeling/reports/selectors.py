"""What a harvest report holds. Each part is read through the app that owns it: the
session's phases as its blocks render them for the harvest page (live), story patterns with
their small-group suppression (stories), the library's consented stories, the Bedoeling's
versions with their provenance (purpose), signals and actions (systemworld's selectors)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bedoeling.insights import svg
from bedoeling.live import render as live_render
from bedoeling.live.models import LiveSession
from bedoeling.purpose.selectors import vision_of
from bedoeling.purpose.services import purpose_for
from bedoeling.stories import patterns
from bedoeling.stories import selectors as story_selectors
from bedoeling.stories.models import Story, StoryForm
from bedoeling.systemworld import selectors as systemworld_selectors

LIBRARY_STORIES = 12
RULES_CHARTED = 8


def _url_or_none(name: str, **kwargs) -> str | None:
    # The session's CSV and XLSX downloads belong to another part of the app; a report links
    # to the ones that exist.
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def session_report(session: LiveSession) -> dict:
    org = session.organisation
    kwargs = {"org": org.slug, "session": session.pk}
    return {
        "org": org, "session": session,
        "phases": live_render.harvest_phases(session),
        "participants": session.participants.count(),
        "version": purpose_for(org).current,
        "vision": vision_of(session),
        "downloads": [(label, url) for label, url in (
            ("CSV", _url_or_none("live:harvest_csv", **kwargs)),
            ("XLSX", _url_or_none("live:harvest_xlsx", **kwargs))) if url],
    }


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def q(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.since, f"{field}__lt": self.until})


def default_period(today: date | None = None) -> Period:
    """The last three months up to today."""
    today = today or timezone.localdate()
    return Period(today - timedelta(days=91), today)


def _versions(org, period: Period) -> list:
    purpose = purpose_for(org)
    versions = (purpose.versions.select_related("author", "session")
                .prefetch_related("sources", "confirmations__session",
                                  "confirmations__confirmed_by"))
    in_period = [v for v in versions if period.since <= v.created_at < period.until]
    in_force = next((v for v in versions if v.created_at < period.until), None)
    if in_force is not None and in_force not in in_period:
        in_period.append(in_force)  # what held at the end of the period, for context
    return in_period


def _sessions(org, period: Period) -> list[dict]:
    sessions = (LiveSession.objects.filter(organisation=org, status=LiveSession.Status.ENDED)
                .filter(period.q("ended_at")).annotate(people=Count("participants"))
                .order_by("ended_at"))
    rows = []
    for session in sessions:
        maps = []
        if vision_of(session) is not None:
            maps = [p for p in live_render.harvest_phases(session)
                    if p["phase"].kind == "opinionmap"]
        rows.append({"session": session, "maps": maps})
    return rows


def _stories(org, period: Period) -> dict:
    told = Story.objects.filter(organisation=org, told_on__gte=period.start,
                                told_on__lte=period.end)
    # The patterns of the form most stories were told with in the period.
    per_form = dict(told.values_list("form").annotate(n=Count("pk")).order_by())
    form = (StoryForm.objects.get(pk=max(per_form, key=per_form.get)) if per_form else None)
    page = None
    if form is not None:
        selection = story_selectors.StoryFilter(form=form, date_from=period.start,
                                                date_to=period.end)
        page = patterns.overview(org, selection)
    entries, _searched = story_selectors.library(org)
    chosen = [s for s in entries.filter(library_entry__curated_at__gte=period.since,
                                        library_entry__curated_at__lt=period.until)
              [:LIBRARY_STORIES]]
    return {"total": told.count(), "form": form, "page": page, "library": chosen}


def _systemworld(org, period: Period) -> dict:
    summary = systemworld_selectors.period_summary(org, period.since, period.until,
                                                   rules=RULES_CHARTED, actions=40)
    chart = None
    if summary.by_rule:
        chart = svg.bar_chart(
            summary.by_rule, title=_("Signalen per regel"), prefix="report-rules",
            description="; ".join(f"{label}: {n}" for label, n in summary.by_rule) + ".")
    return {"signals": summary.signals, "answered": summary.answered, "chart": chart,
            "actions": summary.actions}


def period_report(org, period: Period) -> dict:
    return {
        "org": org, "period": period,
        "version": purpose_for(org).current,
        "versions": _versions(org, period),
        "sessions": _sessions(org, period),
        "stories": _stories(org, period),
        "systemworld": _systemworld(org, period),
    }
