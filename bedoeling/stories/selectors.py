"""Reads: who may see which story, filters, and the numbers behind the patterns.

Who may read what (see docs/stories.md):

* the **text** of a story (and its title and signification, on its own page) is readable
  by every member of its organisation when the teller consented to the library or to the
  organisation; a story for analysis only is readable by nobody but its own teller, when
  she told it with her name;
* the **library** shows curated stories, which always have library consent;
* **patterns** count every story, whatever its consent, but only as numbers and dots: a
  dot links to its story only when that story is readable, and nothing is shown for a
  selection of fewer stories than the organisation's anonymity threshold, nor for one that
  fewer people than that could have told (`people_behind`);
* **search** only ever looks in readable stories;
* **exports** (facilitators and leads) hold every story's signification, and the text only
  of readable stories.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.http import Http404

from bedoeling.accounts.models import Membership
from bedoeling.live import selectors as live_selectors
from bedoeling.stories import search
from bedoeling.stories.models import (
    READABLE_CONSENT,
    SHOW,
    Answer,
    LibraryEntry,
    Prompt,
    Signifier,
    SignifierKind,
    SignifierOption,
    Story,
    StoryForm,
    StoryGroup,
    TellerRole,
)

BINS = 10


# ---------------------------------------------------------------- visibility


def readable_stories(org, user):
    """The stories of ``org`` whose text ``user`` may read."""
    visible = Q(consent__in=READABLE_CONSENT)
    if user is not None and user.is_authenticated:
        visible |= Q(author=user)
    return Story.objects.filter(organisation=org).filter(visible)


def story_for_reader_or_404(org, user, pk) -> Story:
    story = (readable_stories(org, user)
             .select_related("form", "prompt", "team", "author", "library_entry",
                             "library_entry__purpose_version", "live_session")
             .filter(pk=pk).first())
    if story is None:
        raise Http404
    return story


def library(org, *, query: str = "", part: str = ""):
    """Library entries, newest first, or the best matches for ``query``.

    Returns (entries, searched) where ``searched`` is False when the query had no word
    worth searching for."""
    stories = Story.objects.filter(organisation=org, library_entry__isnull=False,
                                   consent__in=READABLE_CONSENT)
    if part:
        stories = stories.filter(library_entry__purpose_part=part)
    searched = True
    if query:
        found = search.search(stories, query)
        if found is None:
            searched, stories = False, stories.none()
        else:
            stories = found
    else:
        stories = stories.order_by("-library_entry__curated_at", "-id")
    return stories.select_related("library_entry", "team", "prompt"), searched


def open_forms(org, *, public: bool = False):
    forms = StoryForm.objects.filter(organisation=org, is_open=True)
    if public:
        forms = forms.filter(is_public=True)
    return forms


def _version_parts(org) -> tuple[int, int, int | None]:
    numbers = Story.objects.filter(organisation=org).aggregate(n=Count("id"), m=Max("id"))
    return (cache.get(_bump_key(org.pk), 0), numbers["n"], numbers["m"])


def data_version(org) -> str:
    """Changes whenever stories are told or deleted (their count and highest id), and
    whenever the services bump it: consent, the library, the questions of a form."""
    return "-".join(str(part) for part in _version_parts(org))


def _bump_key(org_id) -> str:
    return f"stories:bump:{org_id}"


def _change_key(org_id, value) -> str:
    return f"stories:change:{org_id}:{value}"


# How long the record of what a bump changed is kept; a frame older than that is read again.
CHANGE_KEEP = 24 * 3600
CHANGES_PATCHED = 200  # more bumps than this since a frame was read: read it again


def bump(org, stories=None) -> None:
    """Mark the organisation's stories as changed: now, and again after the commit, so a
    reader who computed patterns in between never keeps them under the new version.

    ``stories``: the ids of the only stories whose consent changed or that were deleted
    (an empty list: nothing in the frames changed, only e.g. the library). A pattern frame
    then patches those rows rather than reading the whole form again; without it (new
    questions, say) frames are read again."""
    key = _bump_key(org.pk)
    change = None if stories is None else sorted({int(pk) for pk in stories})

    def increment():
        if cache.add(key, 1, None):
            value = 1
        else:
            try:
                value = cache.incr(key)
            except ValueError:
                cache.set(key, 1, None)
                value = 1
        cache.set(_change_key(org.pk, value), change, CHANGE_KEEP)

    increment()
    transaction.on_commit(increment)


def _changes_since(org, then: int, now: int) -> set[int] | None:
    """The stories the bumps after ``then`` up to ``now`` changed, or None when one of
    them changed more than stories (or its record is gone)."""
    if now < then or now - then > CHANGES_PATCHED:
        return None
    if now == then:
        return set()
    found = cache.get_many([_change_key(org.pk, v) for v in range(then + 1, now + 1)])
    changed: set[int] = set()
    for value in range(then + 1, now + 1):
        ids = found.get(_change_key(org.pk, value))
        if ids is None:
            return None
        changed.update(ids)
    return changed


# ---------------------------------------------------------------- filters


@dataclass(frozen=True)
class StoryFilter:
    """A selection of stories: applied to every pattern view at once, and in the URL.

    Choice options are combined with OR within one question and AND across questions."""

    form: StoryForm | None = None
    team: object | None = None
    role: str = ""
    date_from: date | None = None
    date_to: date | None = None
    prompt: Prompt | None = None
    options: tuple[SignifierOption, ...] = field(default=())

    def key(self) -> str:
        parts = [
            f"f{self.form.pk if self.form else ''}", f"t{self.team.pk if self.team else ''}",
            f"r{self.role}", f"a{self.date_from or ''}", f"b{self.date_to or ''}",
            f"p{self.prompt.pk if self.prompt else ''}",
            "o" + ",".join(str(o.pk) for o in sorted(self.options, key=lambda o: o.pk)),
        ]
        return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]

    @property
    def is_narrowed(self) -> bool:
        return bool(self.team or self.role or self.date_from or self.date_to or self.prompt
                    or self.options)

    def q(self, prefix: str = "") -> Q:
        q = Q()
        if self.form is not None:
            q &= Q(**{f"{prefix}form": self.form})
        if self.team is not None:
            q &= Q(**{f"{prefix}team": self.team})
        if self.role:
            q &= Q(**{f"{prefix}teller_role": self.role})
        if self.date_from:
            q &= Q(**{f"{prefix}told_on__gte": self.date_from})
        if self.date_to:
            q &= Q(**{f"{prefix}told_on__lte": self.date_to})
        if self.prompt is not None:
            q &= Q(**{f"{prefix}prompt": self.prompt})
        groups: dict[int, list[int]] = defaultdict(list)
        for option in self.options:
            groups[option.signifier_id].append(option.pk)
        for ids in groups.values():
            q &= Q(**{f"{prefix}pk__in": Answer.objects.filter(option__in=ids)
                      .values("story_id")})
        return q

    def stories(self, org):
        return Story.objects.filter(organisation=org).filter(self.q())


# ---------------------------------------------------------------- pattern numbers
#
# A pattern view asks many questions of one form's stories: how many, where their triad
# points lie, how their sliders and choices are spread, for every selection a person
# tries. Rather than one round of SQL aggregates per selection, a form's signification is
# read once per data version into numpy arrays (a "frame", one row per story), and every
# selection is a boolean mask over it: a filter change then costs milliseconds. Frames
# are kept per process, a few at a time; a new story changes the data version.

_FRAMES: OrderedDict = OrderedDict()
_FRAMES_KEPT = 6
_FRAMES_LOCK = threading.Lock()
_ROLES = {value: i for i, value in enumerate(TellerRole.values)}


@dataclass
class Frame:
    """One form's stories and their answers, as arrays in story-id order."""

    ids: np.ndarray  # story ids, ascending
    team: np.ndarray  # team id, -1 for none
    role: np.ndarray  # index into TellerRole.values
    told_on: np.ndarray  # proleptic ordinal of the day it was told
    prompt: np.ndarray  # prompt id, -1 for none
    readable: np.ndarray  # may the text be read by members?
    triads: dict[int, np.ndarray]  # signifier id -> (n, 3) weights, NaN when unanswered
    sliders: dict[int, np.ndarray]  # signifier id -> (n,) value 0..1, NaN when unanswered
    not_applicable: dict[int, np.ndarray]  # signifier id -> (n,) bool
    options: dict[int, np.ndarray]  # option id -> (n,) bool: chosen

    def rows_of(self, story_ids) -> np.ndarray:
        return np.searchsorted(self.ids, np.asarray(story_ids, dtype=np.int64))


def _fetch(queryset) -> list[tuple]:
    # Plain cursor rows: at a hundred thousand rows Django's per-row work is the bottleneck.
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _load_frame(org, form, after: int = 0) -> Frame:
    """The frame of the form's stories with an id above ``after`` (all of them by default)."""
    stories = Story.objects.filter(organisation=org, form=form, pk__gt=after)
    rows = _fetch(stories.order_by("pk").values_list(
        "pk", "team_id", "teller_role", "told_on", "prompt_id", "consent"))
    n = len(rows)
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
    team = np.fromiter((-1 if r[1] is None else r[1] for r in rows), dtype=np.int64, count=n)
    role = np.fromiter((_ROLES.get(r[2], -1) for r in rows), dtype=np.int16, count=n)
    told_on = np.fromiter((_ordinal(r[3]) for r in rows), dtype=np.int32, count=n)
    prompt = np.fromiter((-1 if r[4] is None else r[4] for r in rows), dtype=np.int64, count=n)
    readable = np.fromiter((r[5] in READABLE_CONSENT for r in rows), dtype=bool, count=n)
    signifiers = list(form.signifiers.all())
    triads = {s.pk: np.full((n, 3), np.nan) for s in signifiers if s.kind == SignifierKind.TRIAD}
    sliders = {s.pk: np.full(n, np.nan) for s in signifiers if s.kind == SignifierKind.SLIDER}
    not_applicable = {s.pk: np.zeros(n, dtype=bool) for s in signifiers}
    answers = Answer.objects.filter(signifier__form=form, story_id__gt=after)
    values = _fetch(answers.filter(option__isnull=True).values_list(
        "story_id", "signifier_id", "a", "b", "c", "value", "not_applicable"))
    if values and n:
        table = np.array(values, dtype=np.float64)
        where = np.searchsorted(ids, table[:, 0].astype(np.int64))
        signifier = table[:, 1].astype(np.int64)
        na = table[:, 6] > 0
        for pk in not_applicable:
            mine = signifier == pk
            not_applicable[pk][where[mine & na]] = True
            if pk in triads:
                triads[pk][where[mine & ~na]] = table[mine & ~na, 2:5]
            elif pk in sliders:
                sliders[pk][where[mine & ~na]] = table[mine & ~na, 5]
    chosen = _fetch(answers.filter(option__isnull=False).values_list("story_id", "option_id"))
    options = {o: np.zeros(n, dtype=bool) for o in
               SignifierOption.objects.filter(signifier__form=form).values_list("pk", flat=True)}
    if chosen and n:
        pairs = np.array(chosen, dtype=np.int64)
        where = np.searchsorted(ids, pairs[:, 0])
        for option_id in np.unique(pairs[:, 1]):
            options[int(option_id)][where[pairs[:, 1] == option_id]] = True
    return Frame(ids, team, role, told_on, prompt, readable, triads, sliders, not_applicable,
                 options)


def _joined(old: Frame, new: Frame) -> Frame:
    """``old`` followed by ``new`` (whose stories all came later)."""

    def each(a: dict, b: dict):
        return {key: np.concatenate([a[key], b[key]]) for key in b}

    return Frame(
        np.concatenate([old.ids, new.ids]), np.concatenate([old.team, new.team]),
        np.concatenate([old.role, new.role]), np.concatenate([old.told_on, new.told_on]),
        np.concatenate([old.prompt, new.prompt]), np.concatenate([old.readable, new.readable]),
        each(old.triads, new.triads), each(old.sliders, new.sliders),
        each(old.not_applicable, new.not_applicable), each(old.options, new.options))


def _ordinal(value) -> int:
    if isinstance(value, str):  # some database drivers hand back text
        value = date.fromisoformat(value)
    return value.toordinal()


def _patched(org, data: Frame, changed: set[int]) -> Frame:
    """``data`` with the consent of the changed stories read again and deleted stories
    taken out; new arrays, the old frame stays as it was for whoever holds it."""
    if not changed:
        return data
    rows = data.rows_of(sorted(changed))
    inside = rows < len(data.ids)
    rows = rows[inside]
    rows = rows[data.ids[rows] == np.asarray(sorted(changed), dtype=np.int64)[inside]]
    if not len(rows):
        return data
    consent = dict(Story.objects.filter(organisation=org, pk__in=data.ids[rows].tolist())
                   .values_list("pk", "consent"))
    readable = data.readable.copy()
    keep = np.ones(len(data.ids), dtype=bool)
    for row in rows.tolist():
        pk = int(data.ids[row])
        if pk in consent:
            readable[row] = consent[pk] in READABLE_CONSENT
        else:
            keep[row] = False
    if not keep.all():
        def each(arrays: dict) -> dict:
            return {key: value[keep] for key, value in arrays.items()}

        return Frame(data.ids[keep], data.team[keep], data.role[keep], data.told_on[keep],
                     data.prompt[keep], readable[keep], each(data.triads),
                     each(data.sliders), each(data.not_applicable),
                     each(data.options))
    return Frame(data.ids, data.team, data.role, data.told_on, data.prompt, readable,
                 data.triads, data.sliders, data.not_applicable, data.options)


def frame(org, form) -> Frame:
    """The form's frame for the current data version.

    New stories only add rows: when stories were told, only those are read and appended.
    A consent change or a deletion is recorded with its bump (see :func:`bump`): those
    rows are patched. Anything else (new questions, a restart, a record that expired)
    reads the whole frame again."""
    # The creation time keeps a form apart from an earlier one that had the same id (test
    # databases roll back and reuse ids).
    key = (org.pk, form.pk, form.created_at.isoformat())
    version = _version_parts(org)
    with _FRAMES_LOCK:
        entry = _FRAMES.get(key)
        if entry is not None:
            _FRAMES.move_to_end(key)
    if entry is not None and entry[0] == version:
        return entry[1]
    loaded = None
    if entry is not None:
        (bump_then, count_then, last_then), old = entry
        bump_now, count_now, _last_now = version
        changed = _changes_since(org, bump_then, bump_now)
        if changed is not None:
            last = last_then or 0
            told_since = Story.objects.filter(organisation=org, pk__gt=last).count()
            existing = set(Story.objects.filter(organisation=org, pk__in=changed)
                           .values_list("pk", flat=True))
            deleted = len([pk for pk in changed - existing if pk <= last])
            # Every story counted now was counted then (less the deleted ones) or told
            # since; otherwise something changed that the records do not cover.
            if count_now == count_then - deleted + told_since:
                loaded = _joined(_patched(org, old, changed),
                                 _load_frame(org, form, after=last))
    if loaded is None:
        loaded = _load_frame(org, form)
    with _FRAMES_LOCK:
        _FRAMES[key] = (version, loaded)
        while len(_FRAMES) > _FRAMES_KEPT:
            _FRAMES.popitem(last=False)
    return loaded


def selection_mask(data: Frame, selection: StoryFilter) -> np.ndarray:
    """Which rows of the frame the selection holds; the same rules as StoryFilter.q()."""
    mask = np.ones(len(data.ids), dtype=bool)
    if selection.team is not None:
        mask &= data.team == selection.team.pk
    if selection.role:
        mask &= data.role == _ROLES.get(selection.role, -2)
    if selection.date_from:
        mask &= data.told_on >= selection.date_from.toordinal()
    if selection.date_to:
        mask &= data.told_on <= selection.date_to.toordinal()
    if selection.prompt is not None:
        mask &= data.prompt == selection.prompt.pk
    groups: dict[int, np.ndarray] = {}
    for option in selection.options:
        chosen = data.options.get(option.pk, np.zeros(len(data.ids), dtype=bool))
        groups[option.signifier_id] = groups.get(option.signifier_id, False) | chosen
    for chosen in groups.values():
        mask &= chosen
    return mask


@dataclass
class TriadData:
    signifier: Signifier
    weights: np.ndarray  # (n, 3)
    story_ids: np.ndarray
    readable: np.ndarray  # bool per point
    told_on: np.ndarray  # ordinal days
    not_applicable: int


@dataclass
class SliderData:
    signifier: Signifier
    counts: list[int]  # per bin, left to right
    not_applicable: int
    mean: float | None

    @property
    def answered(self) -> int:
        return sum(self.counts)


@dataclass
class ChoiceData:
    signifier: Signifier
    counts: list[tuple[SignifierOption, int]]
    stories: int  # stories that chose at least one option


def triad_data(data: Frame, mask: np.ndarray, signifier: Signifier) -> TriadData:
    weights = data.triads[signifier.pk]
    answered = mask & ~np.isnan(weights[:, 0])
    return TriadData(signifier, weights[answered], data.ids[answered], data.readable[answered],
                     data.told_on[answered],
                     int((mask & data.not_applicable[signifier.pk]).sum()))


def slider_data(data: Frame, mask: np.ndarray, signifier: Signifier) -> SliderData:
    values = data.sliders[signifier.pk][mask]
    values = values[~np.isnan(values)]
    # Bin i holds [i/10, (i+1)/10), and 1.0 the last bin: as insights.svg.histogram counts.
    bins = np.minimum((values * BINS + 1e-9).astype(int), BINS - 1)
    counts = np.bincount(bins, minlength=BINS).tolist()
    return SliderData(signifier, counts, int((mask & data.not_applicable[signifier.pk]).sum()),
                      float(values.mean()) if len(values) else None)


def choice_data(data: Frame, mask: np.ndarray, signifier: Signifier) -> ChoiceData:
    options = list(signifier.options.all())
    chosen = [data.options.get(o.pk, np.zeros(len(data.ids), dtype=bool)) & mask
              for o in options]
    anyone = np.logical_or.reduce(chosen) if chosen else np.zeros(0, dtype=bool)
    return ChoiceData(signifier, [(o, int(c.sum())) for o, c in zip(options, chosen,
                                                                     strict=True)],
                      int(anyone.sum()))


def story_labels(org, ids) -> dict[int, str]:
    """Display titles for readable stories, for dot tooltips and the table alternative."""
    stories = (Story.objects.filter(organisation=org, pk__in=list(ids),
                                    consent__in=READABLE_CONSENT)
               .select_related("library_entry").only("pk", "title", "text",
                                                      "library_entry__title"))
    return {s.pk: s.display_title for s in stories}


def texts_for_themes(org, selection: StoryFilter, limit: int) -> tuple[list[int], list[str],
                                                                        set[int], int]:
    """Ids and texts of (at most ``limit``, evenly spread) stories of the selection, which
    of them are readable, and how many stories the selection holds."""
    if selection.form is not None:
        data = frame(org, selection.form)
        mask = selection_mask(data, selection)
        ids = data.ids[mask].tolist()
    else:
        ids = list(selection.stories(org).order_by("pk").values_list("pk", flat=True))
    total = len(ids)
    if len(ids) > limit:
        step = len(ids) / limit
        ids = [ids[int(i * step)] for i in range(limit)]
    texts: dict[int, str] = {}
    readable: set[int] = set()
    chunk = 2000
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        for pk, text, consent in (Story.objects.filter(organisation=org, pk__in=part)
                                  .values_list("pk", "text", "consent")):
            texts[pk] = text
            if consent in READABLE_CONSENT:
                readable.add(pk)
    ids = [i for i in ids if i in texts]
    return ids, [texts[i] for i in ids], readable, total


def people_behind(org, stories, enough: int) -> int:
    """How many people could have told `stories` (a queryset of one organisation's stories),
    counted up to `enough`: the named tellers, and for each anonymous story everyone in the
    team it was told in. An anonymous story without a team could be anyone's.

    Suppression counts these people, not the stories: six anonymous stories from a team of
    one are one person's, however many rows they are."""
    anonymous = stories.filter(author__isnull=True)
    if anonymous.filter(team__isnull=True).exists():
        return enough
    teams = anonymous.order_by().values("team").distinct()
    people = set(Membership.objects.filter(organisation=org, team__in=teams)
                 .values_list("user_id", flat=True))
    people |= set(stories.filter(author__isnull=False).order_by()
                  .values_list("author_id", flat=True).distinct())
    return min(len(people), enough)


def small_teams(org) -> set:
    """Ids of the teams with fewer members than the threshold: naming one beside an
    anonymous story points at its few members. Kept on `org` for the rest of the request."""
    if not hasattr(org, "_small_teams"):
        large = (Membership.objects.filter(organisation=org, team__isnull=False)
                 .values("team").annotate(n=Count("id")).filter(n__gte=org.anonymity_threshold)
                 .values_list("team", flat=True))
        org._small_teams = set(org.teams.exclude(pk__in=list(large))
                               .values_list("pk", flat=True))
    return org._small_teams


def shown_team(org, story) -> str:
    """The team to show beside a story: not the team of an anonymous story when that team
    is small enough to point at its teller."""
    if story.team_id is None:
        return ""
    if story.author_id is None and story.team_id in small_teams(org):
        return ""
    return story.team.name


def selection_people(org, selection: StoryFilter) -> int:
    return people_behind(org, selection.stories(org), org.anonymity_threshold)


def export_stories(org, selection: StoryFilter):
    return (selection.stories(org).select_related("prompt", "team", "form", "library_entry")
            .prefetch_related("answers").order_by("told_on", "pk"))


def library_entry_of(story) -> LibraryEntry | None:
    return getattr(story, "library_entry", None)


def dots_of(session) -> dict[int, int]:
    """Dots per crafted story (by group id) over the session's show phases."""
    dots = {}
    for target, total in live_selectors.vote_sums(session.pk, kind=SHOW, prefix="g").items():
        if target[1:].isdigit():
            dots[int(target[1:])] = total
    return dots


def provenance(story) -> dict | None:
    """Where a story from a storytelling session came from: the session, the group that
    crafted it, the story it grew from, the room's dots. None for other stories."""
    session = story.live_session
    group = StoryGroup.objects.filter(crafted=story).first()
    if session is None and group is None:
        return None
    sources = list(story.crafted_from.select_related("library_entry"))
    dots = dots_of(session).get(group.pk, 0) if group is not None and session else None
    return {"session": session, "group": group, "sources": sources, "dots": dots}
