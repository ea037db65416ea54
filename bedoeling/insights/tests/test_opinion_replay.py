"""Replaying a Pol.is conversation's history: who is in the conversation, as Pol.is had it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from bedoeling.insights import opinionmap
from bedoeling.insights.opinion_replay import in_conv_history, replay_opinion_map
from bedoeling.insights.opinionmap import compute_opinion_map
from bedoeling.insights.polis_export import read_polis_export

SHARED = Path(__file__).resolve().parent / "data" / "polis"


def history(*votes: tuple[float, int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(seconds, participant, statement) -> times in ms, rows, cols."""
    t, r, c = zip(*votes, strict=True)
    return np.array(t, dtype=np.int64) * 1000, np.array(r), np.array(c)


def test_an_early_voter_with_few_votes_stays_in_the_conversation():
    # 20 people vote on the first three statements while there are only three; later
    # 20 others vote on ten statements. The early three-vote voters entered (3 >= min(7, 3))
    # and stay in, as in Pol.is; someone arriving later with three votes does not enter.
    votes = []
    for p in range(20):
        votes += [(p, p, s) for s in range(3)]
    for p in range(20, 40):
        votes += [(100 + p, p, s) for s in range(10)]
    votes += [(200 + s, 40, s) for s in range(3)]
    inside = in_conv_history((41, 10), *history(*votes))
    assert inside[:40].all()
    assert not inside[40]


def test_without_the_history_only_seven_votes_count():
    # the same final votes, no history: the early voters have 3 < 7 votes
    counts = np.r_[np.full(20, 3), np.full(20, 10), [3]]
    votes = np.full((41, 10), np.nan)
    for p, c in enumerate(counts):
        votes[p, :c] = 1.0 if p % 2 else -1.0
    om = compute_opinion_map(votes)
    assert not om.in_conv[:20].any() and om.in_conv[20:40].all()
    # and with it, they are clustered
    inside = np.r_[np.ones(40, dtype=bool), [False]]
    om = compute_opinion_map(votes, also_in_conv=inside)
    assert om.in_conv[:40].all() and not om.in_conv[40]
    assert all(om.labels[p] is not None for p in range(40))


def test_votes_in_the_same_second_form_one_poll():
    # eight statements exist already; in one poll somebody votes 7 times: she enters after
    # the poll. Split over two polls nothing changes: the threshold only looks at the counts
    # after each poll.
    base = [(0, p, s) for p in range(15) for s in range(8)]
    same = base + [(10, 15, s) for s in range(7)]
    assert in_conv_history((16, 8), *history(*same))[15]


def test_the_first_fifteen_voters_are_topped_up_by_their_number_of_votes():
    # while fewer than 15 qualify, the most active voters are let in
    votes = [(0, 0, 0), (0, 0, 1), (1, 1, 0)] + [(2, p, s) for p in range(2, 9) for s in range(9)]
    inside = in_conv_history((12, 9), *history(*votes))
    assert inside[:9].all()


def test_a_changed_vote_is_not_counted_twice():
    votes = [(0, p, s) for p in range(15) for s in range(10)]
    votes += [(5, 15, 0), (6, 15, 0), (7, 15, 0), (8, 15, 1), (9, 15, 2)]
    votes += [(10, 15, 0), (11, 15, 1), (12, 15, 2)]  # six votes, all on three statements
    assert not in_conv_history((16, 10), *history(*votes))[15]


def test_the_replayed_shared_conversations_cluster_everybody_polis_clustered():
    for folder in sorted(SHARED.iterdir()):
        export = read_polis_export(folder) if folder.is_dir() else None
        if export is None or export.history is None:
            continue
        h = export.history
        replay = replay_opinion_map(export.votes, export.moderated_out, h.times, h.rows, h.cols)
        polis = np.array([-1 if g is None else g for g in export.polis_groups])
        ours = np.array([-1 if g is None else g for g in replay.map.labels])
        clustered = polis >= 0
        assert (ours[clustered] >= 0).all(), folder.name
        assert replay.map.k == len(set(polis[clustered].tolist())), folder.name
        assert adjusted_rand_score(polis[clustered], ours[clustered]) > 0.7, folder.name
        assert replay.to_dict()["replayed"] is True


def test_k_is_chosen_with_polis_silhouette_where_every_base_cluster_counts_once():
    # two base clusters far apart, one of them heavy: with sizes as weights the heavy one
    # would dominate; Pol.is averages over base clusters
    D = np.array([[0.0, 1.0, 10.0], [1.0, 0.0, 10.0], [10.0, 10.0, 0.0]])
    labels = np.array([0, 0, 1])
    # base clusters 0 and 1: a = 1, b = 10 -> 0.9; base cluster 2 alone in its group -> 0
    assert abs(opinionmap._silhouette(D, labels, 2) - (0.9 + 0.9 + 0.0) / 3) < 1e-12


def reference_in_conv(shape, times, rows, cols):
    """Pol.is's rule applied literally after every poll (slow, obviously right)."""
    n, m = shape
    voted = np.zeros((n, m), dtype=bool)
    inside = np.zeros(n, dtype=bool)
    polls = times // 1000
    for poll in np.unique(polls):
        sel = polls == poll
        voted[rows[sel], cols[sel]] = True
        counts = voted.sum(1)
        need = max(1, min(opinionmap.MIN_VOTES, int(voted.any(0).sum())))
        inside |= counts >= need
        if inside.sum() < opinionmap.GREEDY_N:
            cand = np.flatnonzero(~inside & (counts > 0))
            top = cand[np.argsort(-counts[cand], kind="stable")]
            inside[top[: opinionmap.GREEDY_N - int(inside.sum())]] = True
    return inside


def test_the_fast_replay_agrees_with_the_rule_applied_poll_by_poll():
    rng = np.random.default_rng(5)
    for trial in range(20):
        n, m, k = 40, 12, int(rng.integers(50, 400))
        times = np.sort(rng.integers(0, 60_000, size=k)) * (1 + trial % 3)
        rows, cols = rng.integers(0, n, size=k), rng.integers(0, m, size=k)
        expected = reference_in_conv((n, m), times, rows, cols)
        assert (in_conv_history((n, m), times, rows, cols) == expected).all(), trial
