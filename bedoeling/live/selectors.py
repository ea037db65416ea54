"""Reads of live-session data that are more than a filter: what a phase shows, its tallies."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.db.models import Count, Q, Sum

from bedoeling.live.models import Card, Cluster, Participant, Phase, StopPress, Vote


def visible_cards(phase_id: int):
    return Card.objects.filter(phase_id=phase_id, hidden=False, merged_into=None)


def statement_phase_id(phase: Phase) -> int:
    """Statements of an agree phase: the cards of its source phase, or its own."""
    return phase.source_id or phase.pk


def statement_ids(phase: Phase) -> list[int]:
    return list(visible_cards(statement_phase_id(phase)).values_list("pk", flat=True))


def scale_range(phase: Phase) -> tuple[int, int]:
    labels = phase.config.get("labels") or []
    if labels:
        return 1, len(labels)
    return int(phase.config.get("min", 1)), int(phase.config.get("max", 5))


def dot_items(phase: Phase) -> list[dict]:
    """What a dot vote is over: the clusters of a grouping phase, or the cards of a phase."""
    source = Phase.objects.filter(pk=phase.source_id).first() if phase.source_id else None
    if source is None:
        return []
    if source.kind == "group":
        # A group without cards gets no dots: there is nothing in it to prioritise.
        clusters = Cluster.objects.filter(phase=source).annotate(
            n=Count("cards", filter=Q(cards__hidden=False))).filter(n__gt=0)
        return [{"target": f"k{c.pk}", "text": c.name, "detail": c.n} for c in clusters]
    card_phase = source.source_id if source.kind != "cards" and source.source_id else source.pk
    return [{"target": f"c{c.pk}", "text": c.text, "detail": c.category}
            for c in visible_cards(card_phase)]


def dot_targets(phase: Phase) -> set[str]:
    return {item["target"] for item in dot_items(phase)}


def tallies(phase: Phase) -> dict[str, dict]:
    """Per target: agree/disagree/pass counts, total dots, or answer counts."""
    rows = (Vote.objects.filter(phase=phase).values("target", "value")
            .annotate(n=Count("id"), s=Sum("value")))
    result: dict[str, dict] = defaultdict(lambda: {"agree": 0, "disagree": 0, "pass": 0,
                                                  "dots": 0, "count": 0, "values": Counter()})
    for row in rows:
        entry = result[row["target"]]
        entry["count"] += row["n"]
        entry["dots"] += row["s"] or 0
        entry["values"][row["value"]] += row["n"]
        if row["value"] == 1:
            entry["agree"] += row["n"]
        elif row["value"] == -1:
            entry["disagree"] += row["n"]
        elif row["value"] == 0:
            entry["pass"] += row["n"]
    return result


def vote_sums(session_id: int, *, kind: str, prefix: str = "") -> dict[str, int]:
    """The summed values per target over the session's phases of one kind (the dots a
    crafted story got over every showing round)."""
    rows = (Vote.objects.filter(phase__session_id=session_id, phase__kind=kind,
                                target__startswith=prefix)
            .values("target").annotate(total=Sum("value")))
    return {row["target"]: row["total"] or 0 for row in rows}


def vote_counts(phase: Phase) -> dict[str, int]:
    """How many votes each target of a phase has."""
    return dict(Vote.objects.filter(phase=phase).values("target").annotate(n=Count("id"))
                .values_list("target", "n"))


def votes_of(phase: Phase, participant) -> dict[str, int]:
    """One participant's votes in a phase: {target: value}."""
    return dict(Vote.objects.filter(phase=phase, participant=participant)
                .values_list("target", "value"))


def roles(session_id: int) -> list[str]:
    """The role of every participant of a session ("" for none), in join order."""
    return list(Participant.objects.filter(session_id=session_id).order_by("id")
                .values_list("role", flat=True))


def role_count(session_id: int, role: str) -> int:
    return Participant.objects.filter(session_id=session_id, role=role).count()


def voters(phase: Phase) -> int:
    return Vote.objects.filter(phase=phase).values("participant").distinct().count()


def stop_count(phase: Phase, seconds: int, now) -> int:
    return (StopPress.objects.filter(phase=phase, created_at__gte=now - timedelta(seconds=seconds))
            .values("participant").distinct().count())


def target_count(phase_id: int, target: str, *, since=None) -> int:
    """How many participants answered one question of a phase (since a moment): the
    presses of a stop round on a stop-meter."""
    votes = Vote.objects.filter(phase_id=phase_id, target=target)
    if since is not None:
        votes = votes.filter(updated_at__gte=since)
    return votes.count()


def contributors(phase: Phase) -> set[int]:
    """The participants who wrote a card, voted or pressed stop in a phase."""
    ids = set(Card.objects.filter(phase=phase, participant__isnull=False)
              .values_list("participant_id", flat=True))
    ids |= set(Vote.objects.filter(phase=phase).values_list("participant_id", flat=True))
    ids |= set(StopPress.objects.filter(phase=phase).values_list("participant_id", flat=True))
    return ids
