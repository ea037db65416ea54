"""The live opinion map of a vision session: votes from the database, the map from
`bedoeling.insights.opinionmap`, throttled and cached so that a room of hundreds of phones
costs at most one computation a second, with stable group labels.

The cache (Django's: in-process by default, Redis when configured, so every worker shares
one map) holds two entries per map phase:

- a small *check*: the vote signature seen last and when; while it is younger than
  `INTERVAL` nobody looks at the database;
- the *entry*: the signature it was computed for, the row (participant) and column
  (statement) order, the map with its state (passed back as `previous`, which keeps
  group labels and the number of groups stable), and the statement texts.

`map_view(...)` turns an entry (or a frozen snapshot of one) into what the templates show,
with the anonymity rules applied: a group smaller than the organisation's threshold (k, as
for stories) is neither drawn as a group nor described (its people are dots without a
group, and a phone in it is told only that its group is too small to show), and no share
is shown that rests on fewer people than that. `why_in_group(...)` gives one participant
the statements where she votes with her group and against the others.

The map follows Pol.is's rules as votes arrive (see docs/opinionmap.md): the entry's
previous map is passed on, so whoever is in the conversation stays in, the number of
groups changes only after a new one wins four updates in a row, and group letters follow
their members."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, IntegerField, Max, Q
from django.db.models.functions import Cast, Substr
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bedoeling.insights.opinionmap import MIN_VOTES, compute_opinion_map
from bedoeling.insights.svg import PALETTE, SHAPES, group_letter, scatter_groups
from bedoeling.live.models import Card, Phase, Vote

INTERVAL = 1.0  # seconds: at most one look at the votes (and one computation) per map
LOCK_SECONDS = 10
ENTRY_SECONDS = 6 * 3600
REPRESENTATIVE_SHOWN = 3
CONSENSUS_SHOWN = 4
DIVISIVE_SHOWN = 3


def _key(phase: Phase, part: str) -> str:
    # Phase ids repeat across databases (tests, several instances on one Redis): the
    # session's random code and creation time make the key unique in practice.
    session = phase.session
    stamp = int(session.created_at.timestamp() * 1_000_000)
    return f"{settings.REDIS_PREFIX}:vision:{session.code}:{stamp}:{phase.pk}:{part}"


def statements_phase(phase: Phase) -> Phase | None:
    """The round whose statements and votes a map (or drafting) phase is about."""
    if phase.kind == "agree":
        return phase
    if phase.source_id:
        return Phase.objects.filter(pk=phase.source_id, session_id=phase.session_id).first()
    return None


def signature(source: Phase) -> list:
    """Changes whenever the map would: a vote cast or changed, a statement added, hidden,
    shown again or merged."""
    votes = Vote.objects.filter(phase=source).aggregate(n=Count("id"), last=Max("updated_at"))
    cards = Card.objects.filter(phase=source).aggregate(n=Count("id"), last=Max("id"))
    out = list(Card.objects.filter(phase=source).filter(
        Q(hidden=True) | Q(merged_into__isnull=False)).order_by("pk").values_list("pk", flat=True))
    last = votes["last"].isoformat() if votes["last"] else ""
    return [votes["n"], last, cards["n"], cards["last"] or 0, out]


UNSEEN = 2  # in the stored int8 vote matrix


def _votes(source: Phase, since: str | None = None) -> np.ndarray:
    """(participant, card, value) rows of the statement votes, parsed by the database."""
    votes = Vote.objects.filter(phase=source, target__startswith="c")
    if since:
        votes = votes.filter(updated_at__gte=datetime.fromisoformat(since))
    rows = list(votes.annotate(card=Cast(Substr("target", 2), IntegerField()))
                .values_list("participant_id", "card", "value"))
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


def compute_entry(source: Phase, previous: dict | None = None, sig: list | None = None,
                  entered: list[int] | None = None) -> dict:
    """Load the votes of `source` and compute its map, continuing from `previous`.

    With a previous entry only the votes cast or changed since its signature are read and
    applied to its matrix; when the count of votes then disagrees with the signature (a
    vote was deleted, or a worker's clock lagged), everything is read again.

    `entered`: participants (ids) who entered the conversation earlier than the votes show,
    e.g. the early voters of an imported Pol.is conversation's history; they stay clustered
    (and are passed on to every later entry)."""
    sig = sig if sig is not None else signature(source)
    cards = list(Card.objects.filter(phase=source).order_by("pk")
                 .values_list("pk", "text", "hidden", "merged_into_id"))
    incremental = bool(previous and previous.get("matrix") is not None and previous["sig"][1])
    votes = _votes(source, previous["sig"][1] if incremental else None)
    rows = list(previous["rows"]) if previous else []
    cols = list(previous["cols"]) if previous else []
    known_rows, known_cols = set(rows), set(cols)
    cols += [pk for pk, *_rest in cards if pk not in known_cols]
    rows += sorted(set(votes[:, 0].tolist()) - known_rows)
    matrix = np.full((len(rows), len(cols)), UNSEEN, dtype=np.int8)
    if incremental:
        old = previous["matrix"]
        matrix[: old.shape[0], : old.shape[1]] = old
    row_of = {p: i for i, p in enumerate(rows)}
    col_of = {c: j for j, c in enumerate(cols)}
    if len(votes):
        r_idx = np.fromiter((row_of[p] for p in votes[:, 0].tolist()), np.int64, len(votes))
        c_idx = np.fromiter((col_of.get(c, -1) for c in votes[:, 1].tolist()), np.int64,
                            len(votes))
        known = c_idx >= 0
        matrix[r_idx[known], c_idx[known]] = votes[known, 2]
    n_votes = int((matrix != UNSEEN).sum())
    if incremental and n_votes != sig[0]:
        return compute_entry(source, previous={**previous, "matrix": None}, sig=sig,
                             entered=entered)
    entered = sorted(set(entered or []) | set((previous or {}).get("entered", [])))
    excluded = {pk for pk, _text, hidden, merged in cards if hidden or merged}
    moderated = np.array([c in excluded for c in cols], dtype=bool)
    prev_map = previous.get("map") if previous else None
    if len(rows) == 0 or len(cols) == 0:
        result = None
    else:
        values = np.where(matrix == UNSEEN, np.nan, matrix.astype(float))
        early = [row_of[p] for p in entered if p in row_of]
        result = compute_opinion_map(values, moderated_out=moderated, previous=prev_map,
                                     also_in_conv=early or None).to_dict()
    return {
        "sig": sig,
        "rows": rows,
        "cols": cols,
        "matrix": matrix,
        "texts": {str(pk): text for pk, text, *_rest in cards},
        "excluded": sorted(excluded),
        "n_votes": n_votes,
        "map": result,
        "entered": entered,
    }


def current_entry(phase: Phase, *, now: float | None = None, exact: bool = False) -> dict | None:
    """The map of a map phase, recomputed at most once per INTERVAL, shared through the
    cache by every worker. None when the phase has no statements round. `exact` skips the
    throttle (an adoption freezes the map as it is at that moment)."""
    source = statements_phase(phase)
    if source is None:
        return None
    now = time.time() if now is None else now
    check_key, entry_key, lock_key = _key(phase, "check"), _key(phase, "entry"), _key(phase, "lock")
    check = None if exact else cache.get(check_key)
    if check and now - check["at"] < INTERVAL:
        entry = cache.get(entry_key)
        if entry is not None and entry["sig"] == check["sig"]:
            return entry
    sig = signature(source)
    cache.set(check_key, {"sig": sig, "at": now}, ENTRY_SECONDS)
    entry = cache.get(entry_key)
    if entry is not None and entry["sig"] == sig:
        return entry
    locked = cache.add(lock_key, 1, LOCK_SECONDS)
    if not locked and entry is not None:
        return entry  # another worker is computing this very update; show the last map
    try:
        fresh = compute_entry(source, previous=entry, sig=sig)
        cache.set(entry_key, fresh, ENTRY_SECONDS)
    finally:
        if locked:
            cache.delete(lock_key)
    return fresh


def remember_entered(phase: Phase, entered: list[int]) -> dict | None:
    """Compute a map phase's map with `entered` (participant ids) in the conversation and
    keep it as the entry later updates continue from (an import's replayed history)."""
    source = statements_phase(phase)
    if source is None:
        return None
    entry = compute_entry(source, entered=entered)
    cache.set(_key(phase, "entry"), entry, ENTRY_SECONDS)
    cache.set(_key(phase, "check"), {"sig": entry["sig"], "at": time.time()}, ENTRY_SECONDS)
    return entry


def frozen(entry: dict | None) -> dict:
    """What a snapshot keeps: the map without its state and member lists."""
    if not entry or not entry.get("map"):
        return {"map": None, "texts": (entry or {}).get("texts", {}),
                "cols": (entry or {}).get("cols", []), "n_votes": (entry or {}).get("n_votes", 0)}
    m = dict(entry["map"])
    m.pop("state", None)
    m["groups"] = [{k: v for k, v in g.items() if k != "members"} for g in m["groups"]]
    return {"map": m, "texts": entry["texts"], "cols": entry["cols"],
            "n_votes": entry["n_votes"], "excluded": entry.get("excluded", [])}


# --------------------------------------------------------------------------- the view


@dataclass
class GroupView:
    id: int
    letter: str
    size: int
    colour: str
    shape: str
    characterised: bool = True  # only groups of at least the threshold are shown
    representative: list[dict] = field(default_factory=list)

    @property
    def css(self) -> str:
        return f"vgroup--{self.id % len(PALETTE)}"


@dataclass
class MapView:
    svg: str
    voters: int
    clustered: int  # people in the groups shown
    statements: int
    votes: int
    threshold: int
    groups: list[GroupView]
    consensus: list[dict]
    consensus_disagree: list[dict]
    divisive: list[dict]
    min_votes: int
    in_small_groups: int = 0  # people in groups smaller than the threshold (not shown)
    small_group_ids: frozenset[int] = frozenset()

    @property
    def empty(self) -> bool:
        return not self.groups and not self.in_small_groups

    @property
    def small_groups(self) -> int:
        return len(self.small_group_ids)


def _share(value) -> int:
    return round(100 * float(value))


def _text(texts: dict, cols: list, index: int) -> tuple[int, str]:
    pk = cols[index]
    return pk, texts.get(str(pk), "")


def _across(item: dict, groups: dict[int, GroupView], threshold: int, texts, cols) -> dict:
    """A consensus or divisive statement with per-group agreement, small groups blank."""
    pk, text = _text(texts, cols, item["statement"])
    rows, agree_n, disagree_n, seen_n = [], 0.0, 0.0, 0
    for gid_text, stats in sorted(item["groups"].items(), key=lambda kv: int(kv[0])):
        gid = int(gid_text)
        group = groups.get(gid)
        seen = int(stats["seen"])
        agree_n += stats["agree"] * seen
        disagree_n += stats["disagree"] * seen
        seen_n += seen
        if group is None:
            continue  # a group too small to show has no row of its own
        shown = seen >= threshold
        rows.append({"group": group, "agree": _share(stats["agree"]) if shown else None,
                     "disagree": _share(stats["disagree"]) if shown else None})
    enough = seen_n >= threshold and seen_n > 0
    return {"card": pk, "text": text, "groups": rows, "seen": seen_n,
            "agree": _share(agree_n / seen_n) if enough else None,
            "disagree": _share(disagree_n / seen_n) if enough else None}


def map_view(entry: dict | None, threshold: int, *, prefix: str = "vmap", svg: bool = True,
             representative: int = REPRESENTATIVE_SHOWN, consensus: int = CONSENSUS_SHOWN,
             divisive: int = DIVISIVE_SHOWN) -> MapView:
    data = (entry or {}).get("map")
    texts = (entry or {}).get("texts", {})
    cols = (entry or {}).get("cols", [])
    n_votes = (entry or {}).get("n_votes", 0)
    noun = (_("deelnemer"), _("deelnemers"))
    if not data:
        return MapView(svg="", voters=0, clustered=0, statements=len(cols), votes=n_votes,
                       threshold=threshold, groups=[], consensus=[], consensus_disagree=[],
                       divisive=[], min_votes=MIN_VOTES)
    groups: dict[int, GroupView] = {}
    small: set[int] = set()
    for g in data["groups"]:
        gid = int(g["id"])
        if int(g["size"]) < threshold:
            small.add(gid)  # neither drawn as a group nor described
            continue
        view = GroupView(id=gid, letter=group_letter(gid), size=int(g["size"]),
                         colour=PALETTE[gid % len(PALETTE)], shape=SHAPES[gid % len(SHAPES)])
        for rep in g["representative"]:
            if len(view.representative) >= representative:
                break
            if int(rep["n_trials"]) < threshold:
                continue  # a share of fewer than k people is not shown
            agree = rep["repful_for"] == "agree"
            pk, text = _text(texts, cols, rep["statement"])
            others_seen = int(rep["others_seen"])
            view.representative.append({
                "card": pk, "text": text, "agree": agree,
                "share": _share(rep["group_agree"] if agree else rep["group_disagree"]),
                "others": (_share(rep["others_agree"] if agree else rep["others_disagree"])
                           if others_seen >= threshold else None),
                "seen": int(rep["n_trials"]),
            })
        groups[gid] = view
    ordered = [groups[g] for g in sorted(groups)]
    letters = [group_letter(i) for i in range(max(groups, default=-1) + 1)]
    # people in a group too small to show are drawn as dots without a group
    labels = [None if x is None or x in small else x for x in data["labels"]]
    in_small = sum(1 for x in data["labels"] if x is not None and x in small)
    voters = len(labels)
    clustered = sum(1 for x in labels if x is not None)
    title = _("Opiniekaart")
    parts = [ngettext("groep %(g)s: %(n)s deelnemer", "groep %(g)s: %(n)s deelnemers", g.size)
             % {"g": g.letter, "n": g.size} for g in ordered]
    description = ngettext(
        "%(n)s deelnemer als stip; wie hetzelfde stemt staat dicht bij elkaar.",
        "%(n)s deelnemers als stippen; wie hetzelfde stemt staat dicht bij elkaar.", voters,
    ) % {"n": voters}
    if parts:
        description += " " + "; ".join(parts) + "."
    if in_small:
        description += " " + ngettext(
            "%(n)s deelnemer hoort bij een groep van minder dan %(k)s mensen; die tonen we "
            "niet als groep.",
            "%(n)s deelnemers horen bij groepen van minder dan %(k)s mensen; die tonen we "
            "niet als groep.", in_small) % {"n": in_small, "k": threshold}
    unplaced = voters - clustered - in_small
    if unplaced:
        description += " " + ngettext("%(n)s deelnemer is nog niet ingedeeld.",
                                      "%(n)s deelnemers zijn nog niet ingedeeld.",
                                      unplaced) % {"n": unplaced}
    drawing = scatter_groups(data["coords"], labels, group_labels=letters, title=title,
                             description=description, noun=noun, prefix=prefix) if svg else ""
    across = [_across(item, groups, threshold, texts, cols)
              for item in data["consensus"]["agree"][:consensus]]
    against = [_across(item, groups, threshold, texts, cols)
               for item in data["consensus"]["disagree"][:consensus]]
    split = [_across(item, groups, threshold, texts, cols)
             for item in data["divisive"][:divisive]]
    return MapView(svg=drawing, voters=voters, clustered=clustered,
                   statements=len(cols) - len((entry or {}).get("excluded", [])),
                   votes=n_votes, threshold=threshold, groups=ordered, consensus=across,
                   consensus_disagree=against, divisive=split, min_votes=MIN_VOTES,
                   in_small_groups=in_small, small_group_ids=frozenset(small))


def participant_group(entry: dict | None, participant_id: int) -> tuple[int | None, int]:
    """(group id or None, votes needed before she is placed) for one participant."""
    if not entry or not entry.get("map"):
        return None, MIN_VOTES
    try:
        row = entry["rows"].index(participant_id)
    except ValueError:
        return None, MIN_VOTES
    return entry["map"]["labels"][row], MIN_VOTES


WHY_SHOWN = 3


def why_in_group(entry: dict | None, participant_id: int, threshold: int,
                 limit: int = WHY_SHOWN) -> list[dict]:
    """The statements where she votes with her group and against the others, most telling
    first: per statement her vote, the share of her group that voted the same and the share
    of the participants in the other groups. Only for a group of at least `threshold`
    people, and only statements that at least `threshold` people of her group and of the
    others have seen (no share rests on fewer people)."""
    if not entry or not entry.get("map") or entry.get("matrix") is None:
        return []
    try:
        row = entry["rows"].index(participant_id)
    except ValueError:
        return []
    labels = np.array([-1 if x is None else int(x) for x in entry["map"]["labels"]])
    matrix = entry["matrix"]
    if row >= len(labels) or labels[row] < 0 or matrix.shape[0] != len(labels):
        return []
    mine = labels == labels[row]
    if int(mine.sum()) < threshold:
        return []
    others = (labels >= 0) & ~mine
    cols = entry["cols"]
    excluded = set(entry.get("excluded", []))
    own = matrix[row]
    allowed = np.array([c not in excluded for c in cols], dtype=bool)[: matrix.shape[1]]
    voted = np.flatnonzero(((own == 1) | (own == -1)) & allowed)
    if not len(voted):
        return []
    sub = matrix[:, voted]
    seen = sub != UNSEEN
    same = sub == own[voted][None, :]
    g_seen, o_seen = seen[mine].sum(0), seen[others].sum(0)
    g_same, o_same = same[mine].sum(0), same[others].sum(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        g_share = np.where(g_seen > 0, g_same / np.maximum(g_seen, 1), 0.0)
        o_share = np.where(o_seen > 0, o_same / np.maximum(o_seen, 1), 0.0)
    ok = (g_seen >= threshold) & (o_seen >= threshold) & (g_share > 0.5) & (g_share > o_share)
    gap = g_share - o_share
    order = [i for i in np.lexsort((voted, -gap)) if ok[i]][:limit]
    texts = entry.get("texts", {})
    return [{"card": cols[voted[i]], "text": texts.get(str(cols[voted[i]]), ""),
             "agree": bool(own[voted[i]] == 1), "share": _share(g_share[i]),
             "others": _share(o_share[i]), "seen": int(g_seen[i])} for i in order]
