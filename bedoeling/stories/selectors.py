"""Reads: who may see which story, filters, and the numbers behind the patterns.

Who may read what (see docs/stories.md):

* the **text** of a story (and its title and signification, on its own page) is readable
  by every member of its organisation when the teller consented to the library or to the
  organisation; a story for analysis only is readable by nobody but its own teller, when
  she told it with her name;
* the **library** shows curated stories, which always have library consent;
* **patterns** count every story, whatever its consent, but only as numbers and dots: a
  dot links to its story only when that story is readable, and nothing is shown for a
  selection of fewer stories than the organisation's anonymity threshold;
* **search** only ever looks in readable stories;
* **exports** (facilitators and leads) hold every story's signification, and the text only
  of readable stories.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.core.cache import cache
from django.db import transaction
from django.db.models import Avg, Count, F, Max, Q, Value
from django.db.models.functions import Floor, Least
from django.http import Http404

from bedoeling.stories import search
from bedoeling.stories.models import (
    READABLE_CONSENT,
    Answer,
    LibraryEntry,
    Prompt,
    Signifier,
    SignifierOption,
    Story,
    StoryForm,
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
                             "library_entry__purpose_version")
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


def data_version(org) -> str:
    """Changes whenever a story, its consent or the library changes (services bump it;
    the counts also catch bulk loads that bypass them)."""
    numbers = Story.objects.filter(organisation=org).aggregate(n=Count("id"), m=Max("id"))
    return f"{cache.get(_bump_key(org.pk), 0)}-{numbers['n']}-{numbers['m']}"


def _bump_key(org_id) -> str:
    return f"stories:bump:{org_id}"


def bump(org) -> None:
    """Mark the organisation's stories as changed: now, and again after the commit, so a
    reader who computed patterns in between never keeps them under the new version."""
    key = _bump_key(org.pk)

    def increment():
        if not cache.add(key, 1, None):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, None)

    increment()
    transaction.on_commit(increment)


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


@dataclass
class TriadData:
    signifier: Signifier
    weights: np.ndarray  # (n, 3)
    story_ids: np.ndarray
    readable: np.ndarray  # bool per point
    told_on: list
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


def triad_data(org, selection: StoryFilter, signifier: Signifier) -> TriadData:
    rows = (Answer.objects.filter(signifier=signifier, story__organisation=org)
            .filter(selection.q("story__"))
            .values_list("story_id", "a", "b", "c", "not_applicable", "story__consent",
                         "story__told_on")
            .order_by("story_id"))
    ids, weights, readable, dates = [], [], [], []
    not_applicable = 0
    for story_id, a, b, c, na, consent, told_on in rows:
        if na:
            not_applicable += 1
            continue
        ids.append(story_id)
        weights.append((a, b, c))
        readable.append(consent in READABLE_CONSENT)
        dates.append(told_on)
    return TriadData(signifier, np.array(weights, dtype=np.float64).reshape(-1, 3),
                     np.array(ids, dtype=np.int64), np.array(readable, dtype=bool), dates,
                     not_applicable)


def slider_data(org, selection: StoryFilter, signifier: Signifier) -> SliderData:
    answers = (Answer.objects.filter(signifier=signifier, story__organisation=org)
               .filter(selection.q("story__")))
    # Bin i holds [i/10, (i+1)/10), and 1.0 the last bin: as insights.svg.histogram counts.
    binned = (answers.filter(value__isnull=False)
              .annotate(bin=Least(Floor(F("value") * Value(float(BINS)) + Value(1e-9)),
                                  Value(float(BINS - 1))))
              .values("bin").annotate(n=Count("id")).order_by())
    counts = [0] * BINS
    for row in binned:
        counts[int(row["bin"])] += row["n"]
    summary = answers.aggregate(na=Count("id", filter=Q(not_applicable=True)),
                                mean=Avg("value"))
    return SliderData(signifier, counts, summary["na"], summary["mean"])


def choice_data(org, selection: StoryFilter, signifier: Signifier) -> ChoiceData:
    answers = (Answer.objects.filter(signifier=signifier, story__organisation=org,
                                     option__isnull=False)
               .filter(selection.q("story__")))
    per_option = dict(answers.values("option").annotate(n=Count("id")).order_by()
                      .values_list("option", "n"))
    stories = answers.values("story_id").distinct().count()
    return ChoiceData(signifier, [(o, per_option.get(o.pk, 0)) for o in signifier.options.all()],
                      stories)


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
    stories = selection.stories(org)
    total = stories.count()
    ids = list(stories.order_by("pk").values_list("pk", flat=True))
    if len(ids) > limit:
        step = len(ids) / limit
        ids = [ids[int(i * step)] for i in range(limit)]
    texts: dict[int, str] = {}
    readable: set[int] = set()
    chunk = 5000
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        for pk, text, consent in (Story.objects.filter(pk__in=part)
                                  .values_list("pk", "text", "consent")):
            texts[pk] = text
            if consent in READABLE_CONSENT:
                readable.add(pk)
    return ids, [texts[i] for i in ids], readable, total


def export_stories(org, selection: StoryFilter):
    return (selection.stories(org).select_related("prompt", "team", "form", "library_entry")
            .prefetch_related("answers").order_by("told_on", "pk"))


def library_entry_of(story) -> LibraryEntry | None:
    return getattr(story, "library_entry", None)
