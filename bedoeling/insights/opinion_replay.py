"""Replay a conversation's history through the opinion map, as Pol.is saw it (no Django).

Pol.is does not compute its groups once from the final votes: its math worker polls for
new votes once a second (``POLL_MS``) and updates the conversation with every batch, and
two things in each update depend on the updates before it:

- *who is in the conversation*: a participant enters once she has voted on
  ``min(7, statements with a vote so far)`` statements, or while fewer than 15 are in, as
  one of the most active voters; once in, always in. Someone who voted on the first three
  statements when there were only three stays on the map with three votes.
- *the number of groups*: a new k is shown only after it had the best silhouette in 4
  updates in a row; and each update's k-means starts from the previous update's clusters,
  so where a boundary falls in a continuum depends on the path.

``replay_opinion_map`` does the same with ``votes.csv`` (every vote with its time):

1. The votes are cut into Pol.is's polls (one per second of conversation time with
   votes). After every poll the set of participants in the conversation is brought up to
   date exactly by Pol.is's rule: cheap counting, so every poll is followed.
2. The map itself (PCA, base clusters, groups, the k smoother) is updated whenever the
   number of votes has grown by ``GROWTH`` since its last update; an update that stands
   for several polls counts that many times towards the k buffer (``polls=``). Pol.is's
   own updates merge votes in the same way once a conversation is busy: an update takes
   longer as the conversation grows, and the votes cast meanwhile form the next batch.
3. The last update uses the export's final votes, with the full statistics.

Moderation is known only as it ended (``comments.csv``), so a statement moderated out
later counts as moderated out from the start of the replay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bedoeling.insights.opinionmap import GREEDY_N, MIN_VOTES, OpinionMap, compute_opinion_map

__all__ = ["GROWTH", "POLL_MS", "Replay", "in_conv_history", "replay_opinion_map"]

POLL_MS = 1000  # Pol.is's math worker polls for new votes once a second
GROWTH = 0.05  # a map update whenever the votes grew by this share since the last one
WEIGH_POLLS = False  # an update standing for several polls counts once towards the k buffer
FRESH = False  # k-means continues from the previous update only, as in Pol.is


@dataclass
class Replay:
    map: OpinionMap
    votes: int  # votes replayed
    polls: int  # Pol.is updates they form (seconds with votes)
    updates: int  # map updates we computed
    first: int  # time of the first and the last vote (ms since 1970)
    last: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "replayed": True,
            "votes": self.votes,
            "polls": self.polls,
            "updates": self.updates,
            "first_vote_ms": self.first,
            "last_vote_ms": self.last,
        }


def _poll_bounds(times: np.ndarray, poll_ms: int) -> np.ndarray:
    """Start index of every poll (plus the end), votes sorted by time."""
    poll = times // poll_ms
    starts = np.flatnonzero(np.r_[True, poll[1:] != poll[:-1]]) if len(times) else np.zeros(0)
    return np.r_[starts, len(times)].astype(np.int64)


class _Entry:
    """Pol.is's in-conversation rule, followed poll by poll."""

    def __init__(self, n: int, m: int) -> None:
        self.voted = np.zeros((n, m), dtype=bool)
        self.counts = np.zeros(n, dtype=np.int64)
        self.col_voted = np.zeros(m, dtype=bool)
        self.n_cols = 0
        self.inside = np.zeros(n, dtype=bool)
        self.n_inside = 0

    def poll(self, rows: np.ndarray, cols: np.ndarray) -> None:
        fresh = ~self.voted[rows, cols]
        r, c = rows[fresh], cols[fresh]
        if len(r):
            # a vote changed within one poll counts once
            cell = np.unique(r * self.voted.shape[1] + c)
            r, c = np.divmod(cell, self.voted.shape[1])
            self.voted[r, c] = True
            np.add.at(self.counts, r, 1)
            new_cols = np.unique(c[~self.col_voted[c]])
            self.col_voted[new_cols] = True
            self.n_cols += len(new_cols)
        need = max(1, min(MIN_VOTES, self.n_cols))
        touched = np.unique(rows)
        enter = touched[(self.counts[touched] >= need) & ~self.inside[touched]]
        self.inside[enter] = True
        self.n_inside += len(enter)
        if self.n_inside < GREEDY_N:
            cand = np.flatnonzero(~self.inside & (self.counts > 0))
            order = cand[np.argsort(-self.counts[cand], kind="stable")]
            top = order[: GREEDY_N - self.n_inside]
            self.inside[top] = True
            self.n_inside += len(top)


def in_conv_history(
    shape: tuple[int, int], times: Any, rows: Any, cols: Any, poll_ms: int = POLL_MS
) -> np.ndarray:
    """Who Pol.is had in the conversation after the last poll (bool per participant)."""
    times, rows, cols = (np.asarray(a, dtype=np.int64) for a in (times, rows, cols))
    entry = _Entry(*shape)
    bounds = _poll_bounds(times, poll_ms)
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        entry.poll(rows[a:b], cols[a:b])
    return entry.inside


def replay_opinion_map(
    votes: Any,
    moderated_out: Any,
    times: Any,
    rows: Any,
    cols: Any,
    values: Any,
    *,
    growth: float = GROWTH,
    poll_ms: int = POLL_MS,
    seed: int = 0,
    weigh_polls: bool = WEIGH_POLLS,
    fresh: bool = FRESH,
) -> Replay:
    """The opinion map after replaying the votes (sorted by ``times``) poll by poll.

    ``votes`` is the final matrix (the export's), ``moderated_out`` as for
    ``compute_opinion_map``; ``times``/``rows``/``cols``/``values`` are the history, in
    time order (``polis_export.VoteHistory``)."""
    final = np.asarray(votes, dtype=float)
    n, m = final.shape
    times, rows, cols = (np.asarray(a, dtype=np.int64) for a in (times, rows, cols))
    values = np.asarray(values, dtype=float)
    if len(times) == 0:
        om = compute_opinion_map(final, moderated_out, seed=seed)
        return Replay(om, 0, 0, 1, 0, 0)
    entry = _Entry(n, m)
    current = np.full((n, m), np.nan)
    bounds = _poll_bounds(times, poll_ms)
    prev: OpinionMap | None = None
    at_last_update, waiting, updates = 0, 0, 0
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        current[rows[a:b], cols[a:b]] = values[a:b]  # later votes win
        entry.poll(rows[a:b], cols[a:b])
        waiting += 1
        if b - at_last_update >= growth * at_last_update and b < len(times):
            prev = compute_opinion_map(
                current,
                moderated_out,
                previous=prev,
                seed=seed,
                also_in_conv=entry.inside,
                polls=waiting if weigh_polls else 1,
                statistics=False,
                fresh=fresh,
            )
            at_last_update, waiting, updates = b, 0, updates + 1
    om = compute_opinion_map(
        final,
        moderated_out,
        previous=prev,
        seed=seed,
        also_in_conv=entry.inside,
        polls=max(waiting, 1) if weigh_polls else 1,
        fresh=fresh,
    )
    return Replay(
        map=om,
        votes=len(times),
        polls=len(bounds) - 1,
        updates=updates + 1,
        first=int(times[0]),
        last=int(times[-1]),
    )
