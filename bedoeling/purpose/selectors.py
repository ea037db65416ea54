"""Reads about vision sessions that are more than a filter: their phases, their statements
with vote shares, and the comparison of two sessions."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bedoeling.live import selectors as live_selectors
from bedoeling.live.models import LiveSession, Phase
from bedoeling.purpose.models import PurposeConfirmation, PurposeVersion, VisionSession

OPINION_MAP = "opinionmap"
DRAFTING = "drafting"
ADOPTION = "adoption"
INTRO = "visionintro"
# A change in agreement of at least this many percentage points counts as gained or lost.
SHIFT = 10


def vision_sessions(org):
    return (VisionSession.objects.filter(purpose__organisation=org)
            .select_related("session", "base_version", "previous__session"))


def vision_of(session: LiveSession) -> VisionSession | None:
    return (VisionSession.objects.select_related("base_version")
            .filter(session=session).first())


def phase_of_kind(session: LiveSession, kind: str) -> Phase | None:
    return session.phases.filter(kind=kind).order_by("position", "id").first()

def adoption_of(session: LiveSession) -> PurposeVersion | PurposeConfirmation | None:
    """What a session decided about the Bedoeling: a new version, a confirmation of the
    version in force, or nothing (yet)."""
    version = PurposeVersion.objects.filter(session=session).first()
    if version is not None:
        return version
    return (PurposeConfirmation.objects.select_related("version")
            .filter(session=session).first())


def statements_phase(session: LiveSession) -> Phase | None:
    """The statements round of a vision session: what its map is about."""
    map_phase = phase_of_kind(session, OPINION_MAP)
    if map_phase is not None and map_phase.source_id:
        source = session.phases.filter(pk=map_phase.source_id).first()
        if source is not None:
            return source
    return phase_of_kind(session, "agree")


def statement_results(phase: Phase | None) -> list[dict]:
    """Every visible statement of a round with its agree / disagree / pass counts."""
    if phase is None:
        return []
    tallies = live_selectors.tallies(phase)
    rows = []
    for card in live_selectors.visible_cards(live_selectors.statement_phase_id(phase)):
        t = tallies.get(f"c{card.pk}", {"agree": 0, "disagree": 0, "pass": 0, "count": 0})
        seen = t["count"] or 0
        rows.append({"card": card, "text": card.text, "agree": t["agree"],
                     "disagree": t["disagree"], "pass": t["pass"], "seen": seen,
                     "agree_share": t["agree"] / seen if seen else None})
    return rows


def normalise(text: str) -> str:
    """Statement text for matching across sessions: case, accents, punctuation and spacing
    do not matter."""
    text = unicodedata.normalize("NFKD", text or "").casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


@dataclass
class ComparedStatement:
    text: str
    before: int | None  # percentage agreeing in the earlier session (None: too few votes)
    after: int | None
    seen_before: int = 0
    seen_after: int = 0

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class Comparison:
    earlier: VisionSession
    later: VisionSession
    threshold: int
    gained: list[ComparedStatement] = field(default_factory=list)
    lost: list[ComparedStatement] = field(default_factory=list)
    steady: list[ComparedStatement] = field(default_factory=list)
    too_few: list[ComparedStatement] = field(default_factory=list)  # in both, too few votes
    only_earlier: list[ComparedStatement] = field(default_factory=list)
    only_later: list[ComparedStatement] = field(default_factory=list)


def _percent(row: dict, threshold: int) -> int | None:
    if row["seen"] < threshold or row["agree_share"] is None:
        return None
    return round(100 * row["agree_share"])


def vision_compare(first: VisionSession, second: VisionSession, threshold: int) -> Comparison:
    """Which statements gained or lost agreement between two vision sessions. Statements
    are matched by their text (normalised), so a recalibration that took over the earlier
    statements, or a room that wrote the same thing again, lines up."""
    earlier, later = sorted([first, second], key=lambda v: (v.session.created_at, v.pk))
    before = {normalise(r["text"]): r for r in statement_results(statements_phase(earlier.session))}
    after = {normalise(r["text"]): r for r in statement_results(statements_phase(later.session))}
    result = Comparison(earlier=earlier, later=later, threshold=threshold)
    for key, row in after.items():
        old = before.get(key)
        if old is None:
            result.only_later.append(ComparedStatement(
                row["text"], None, _percent(row, threshold), 0, row["seen"]))
            continue
        item = ComparedStatement(row["text"], _percent(old, threshold), _percent(row, threshold),
                                 old["seen"], row["seen"])
        change = item.change
        if change is None:
            result.too_few.append(item)
        elif change >= SHIFT:
            result.gained.append(item)
        elif change <= -SHIFT:
            result.lost.append(item)
        else:
            result.steady.append(item)
    for key, row in before.items():
        if key not in after:
            result.only_earlier.append(ComparedStatement(
                row["text"], _percent(row, threshold), None, row["seen"], 0))
    result.gained.sort(key=lambda s: -(s.change or 0))
    result.lost.sort(key=lambda s: s.change or 0)
    result.steady.sort(key=lambda s: -(s.after if s.after is not None else -1))
    for items in (result.only_earlier, result.only_later):
        items.sort(key=lambda s: -max(s.before or -1, s.after or -1))
    return result
