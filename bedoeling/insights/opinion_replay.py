"""Who Pol.is had in the conversation, from its history (no Django).

Pol.is does not decide once, from the final votes, whom it clusters: its math worker polls
for new votes once a second (``POLL_MS``) and updates the conversation with every batch.
In each update a participant enters the conversation once she has voted on
``min(7, statements with a vote so far)`` statements, or, while fewer than 15 are in, as
one of the most active voters; once in, always in. Someone who voted on the first three
statements when there were only three stays on Pol.is's map with three votes, and in some
public conversations most of the people Pol.is grouped are such early voters.

``in_conv_history`` follows ``votes.csv`` (every vote with its time) poll by poll and
applies that rule after every poll: exact, and cheap (counting only).
``replay_opinion_map`` then computes the map of the final votes with those participants
in it: the groups of the last update.

What is *not* replayed is the path of the clustering itself (each Pol.is update starts
k-means from the previous one, and a new k must win four updates in a row). Pol.is's
groups in an export are the end of a path that also depends on when its worker ran and
whether it recomputed a conversation from scratch, which the export does not record;
replaying that path on the shared conversations matched Pol.is worse than a fresh
clustering of the final votes on two of four (see docs/opinionmap.md). The live map of a
session does follow the path, as votes arrive.

Moderation is known only as it ended (``comments.csv``); it does not change who is in (a
vote on a statement moderated out later still counts, as in Pol.is).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bedoeling.insights.opinionmap import GREEDY_N, MIN_VOTES, OpinionMap, compute_opinion_map

__all__ = ["POLL_MS", "Replay", "in_conv_history", "replay_opinion_map"]

POLL_MS = 1000  # Pol.is's math worker polls for new votes once a second


@dataclass
class Replay:
    map: OpinionMap
    votes: int  # votes in the history
    polls: int  # Pol.is updates they form (seconds with votes)
    entered: int  # participants in the conversation after the last poll
    early: int  # of whom clustered only because they entered early
    first: int  # time of the first and the last vote (ms since 1970)
    last: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "replayed": True,
            "votes": self.votes,
            "polls": self.polls,
            "in_conversation": self.entered,
            "entered_early": self.early,
            "first_vote_ms": self.first,
            "last_vote_ms": self.last,
        }


def in_conv_history(
    shape: tuple[int, int], times: Any, rows: Any, cols: Any, poll_ms: int = POLL_MS
) -> np.ndarray:
    """Who Pol.is had in the conversation after the last poll (bool per participant).

    ``times``/``rows``/``cols``: every vote's time (ms), participant and statement, in time
    order (``polis_export.VoteHistory``)."""
    n, m = shape
    times, rows, cols = (np.asarray(a, dtype=np.int64) for a in (times, rows, cols))
    inside = np.zeros(n, dtype=bool)
    if not len(times):
        return inside
    # the first vote of each participant on each statement is the one that counts
    cell = rows * m + cols
    _, first = np.unique(cell, return_index=True)
    first = np.sort(first)
    t, r, c = times[first], rows[first], cols[first]
    # statements with a vote so far, after each of these votes
    _, col_first = np.unique(c, return_index=True)
    new_col = np.zeros(len(c), dtype=np.int64)
    new_col[col_first] = 1
    n_cols = np.cumsum(new_col)
    counts = np.zeros(n, dtype=np.int64)
    poll = t // poll_ms
    ends = np.r_[np.flatnonzero(poll[1:] != poll[:-1]) + 1, len(t)]
    start, n_inside = 0, 0
    for end in ends.tolist():
        rr = r[start:end]
        np.add.at(counts, rr, 1)
        need = max(1, min(MIN_VOTES, int(n_cols[end - 1])))
        # the threshold never falls, so only participants who voted in this poll can enter
        touched = np.unique(rr)
        enter = touched[(counts[touched] >= need) & ~inside[touched]]
        inside[enter] = True
        n_inside += len(enter)
        if n_inside < GREEDY_N:  # topped up with the most active voters (ties: lowest index)
            cand = np.flatnonzero(~inside & (counts > 0))
            top = cand[np.argsort(-counts[cand], kind="stable")][: GREEDY_N - n_inside]
            inside[top] = True
            n_inside += len(top)
        start = end
    return inside


def replay_opinion_map(
    votes: Any,
    moderated_out: Any,
    times: Any,
    rows: Any,
    cols: Any,
    *,
    poll_ms: int = POLL_MS,
    seed: int = 0,
) -> Replay:
    """The map of the final ``votes`` with everybody Pol.is had let into the conversation
    along the way (``in_conv_history``)."""
    final = np.asarray(votes, dtype=float)
    times = np.asarray(times, dtype=np.int64)
    inside = in_conv_history(final.shape, times, rows, cols, poll_ms)
    om = compute_opinion_map(final, moderated_out, seed=seed, also_in_conv=inside)
    n_votes = (~np.isnan(final)).sum(1)
    n_active = int((~np.isnan(final)).any(0).sum())
    early = int((inside & (n_votes < min(MIN_VOTES, n_active))).sum())
    polls = len(np.unique(times // poll_ms)) if len(times) else 0
    return Replay(
        map=om,
        votes=len(times),
        polls=polls,
        entered=int(om.in_conv.sum()),
        early=early,
        first=int(times[0]) if len(times) else 0,
        last=int(times[-1]) if len(times) else 0,
    )
