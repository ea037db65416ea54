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
    poll = t // poll_ms
    ends = np.r_[np.flatnonzero(poll[1:] != poll[:-1]) + 1, len(t)]  # end of every poll
    poll_of = np.repeat(np.arange(len(ends)), np.diff(np.r_[0, ends]))
    need = np.maximum(1, np.minimum(MIN_VOTES, n_cols[ends - 1]))  # after every poll
    # her number of votes after each of her votes (votes are in time order)
    order = np.argsort(r, kind="stable")
    starts = np.flatnonzero(np.r_[True, r[order][1:] != r[order][:-1]])
    rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
    count = np.empty(len(r), dtype=np.int64)
    count[order] = rank + 1
    # she enters after a poll in which she voted and then has enough votes; the threshold
    # never falls, so checking the polls she voted in is checking every poll
    enters = count >= need[poll_of]
    entry_poll = np.full(n, len(ends), dtype=np.int64)
    np.minimum.at(entry_poll, r[enters], poll_of[enters])
    inside[:] = entry_poll < len(ends)
    # while fewer than GREEDY_N are in, the most active voters are let in (ties: lowest
    # index); that only happens in the first polls, so those are followed one by one
    counts = np.zeros(n, dtype=np.int64)
    topped = np.zeros(n, dtype=bool)
    start = 0
    for k, end in enumerate(ends.tolist()):
        np.add.at(counts, r[start:end], 1)
        start = end
        now = (entry_poll <= k) | topped
        n_inside = int(now.sum())
        if n_inside >= GREEDY_N:
            break
        cand = np.flatnonzero(~now & (counts > 0))
        top = cand[np.argsort(-counts[cand], kind="stable")][: GREEDY_N - n_inside]
        topped[top] = True
    return inside | topped


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
