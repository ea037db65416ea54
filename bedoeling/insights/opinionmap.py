"""Opinion map: the Pol.is method in plain numpy (no Django).

Input is a participants x statements matrix with +1 agree, -1 disagree, 0 pass and NaN for
"not seen". The steps follow Pol.is (compdemocracy/polis, ``math/src/polismath/math``):

1. Moderated-out statements are *zeroed, not dropped*: their column becomes 0 (a pass) for
   everybody, so they carry no signal but still count as a cast vote for the scaling below.
2. Participants "in the conversation" (clustered) are those with at least
   ``min(7, statements)`` votes; once in, they stay in (via ``previous``), and the set is
   topped up to 15 with the most active voters while fewer qualify.
3. Unseen votes are imputed with the column mean, the matrix is centred and its first two
   principal components are computed exactly (Lanczos on sparse products; deterministic).
4. Every participant is projected using only the votes they cast and pushed out by
   ``sqrt(statements / votes cast)``.
5. Two-level k-means: ~100 *base clusters* of the clustered participants, then a weighted
   k-means of the base-cluster centres into k = 2..5 groups; k is chosen by silhouette (on
   the base clusters, so nothing here is quadratic in participants) and only changes when
   a new k wins ``K_BUFFER`` updates in a row.
6. Per group the representative statements (Pol.is "repness"), and over all groups the
   group-informed consensus (product over groups of (agree+1)/(seen+2)) and the most
   divisive statements.

Passing the previous result (``previous=``) keeps things stable as votes trickle in: the
clustered set only grows, base clusters and groups are re-centred from their previous
members instead of being re-drawn, and group ids are matched to the previous ones with the
Hungarian method on member overlap.

Row and column order must be stable between updates: participant ``i`` and statement ``j``
keep their index; new participants and statements are appended.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.linalg import eigh
from scipy.optimize import linear_sum_assignment
from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, LinearOperator, eigsh
from scipy.spatial import cKDTree

__all__ = [
    "BASE_K",
    "GREEDY_N",
    "K_BUFFER",
    "MAX_K",
    "MIN_VOTES",
    "OpinionMap",
    "compute_opinion_map",
    "votes_from_triples",
]

MIN_VOTES = 7  # a participant is clustered after min(MIN_VOTES, statements) votes
GREEDY_N = 15  # while fewer qualify, top up with the most active voters
BASE_K = 100  # number of base clusters
BASE_SAMPLE = 4000  # above this many participants base clusters are seeded on a sample
MAX_K = 5  # groups: k in 2..MAX_K
K_BUFFER = 4  # a new k must win this many consecutive updates (Pol.is group-k-buffer)
N_INIT = 8  # k-means++ restarts for the group level (cheap: at most BASE_K points)
SWITCH_MARGIN = 0.10  # with previous state: only jump to a fresh solution 10% better
N_REPRESENTATIVE = 5
N_CONSENSUS = 5
N_DIVISIVE = 5
Z_90 = 1.2816  # one-sided 90% significance, as in Pol.is
STATE_VERSION = 1

_DENSE_PCA_MAX_STATEMENTS = 64  # above this, Lanczos on sparse products instead of eigh


# --------------------------------------------------------------------------- data classes


@dataclass
class RepresentativeStatement:
    """A statement that sets a group apart, with the statistics the UI needs."""

    statement: int
    repful_for: str  # "agree" or "disagree"
    n_success: int  # agrees (or disagrees) in the group
    n_trials: int  # group members who saw the statement (votes incl. passes)
    p_success: float  # (n_success + 1) / (n_trials + 2)
    p_test: float  # z of p_success against 1/2
    repness: float  # p_success / same probability among the other groups
    repness_test: float  # z of the two-proportion test, group vs other groups
    group_agree: float  # raw share of the group that agrees
    group_disagree: float
    others_agree: float  # raw share among participants in the other groups
    others_disagree: float
    others_seen: int
    best_agree: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "repful_for": self.repful_for,
            "n_success": self.n_success,
            "n_trials": self.n_trials,
            "p_success": self.p_success,
            "p_test": self.p_test,
            "repness": self.repness,
            "repness_test": self.repness_test,
            "group_agree": self.group_agree,
            "group_disagree": self.group_disagree,
            "others_agree": self.others_agree,
            "others_disagree": self.others_disagree,
            "others_seen": self.others_seen,
            "best_agree": self.best_agree,
        }


@dataclass
class Group:
    id: int
    size: int
    members: list[int]
    centroid: tuple[float, float]
    representative: list[RepresentativeStatement]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "size": self.size,
            "members": list(self.members),
            "centroid": [self.centroid[0], self.centroid[1]],
            "representative": [r.to_dict() for r in self.representative],
        }


@dataclass
class StatementAcrossGroups:
    """A statement with a score and, per group id, agree/disagree shares and seen counts."""

    statement: int
    score: float
    groups: dict[int, dict[str, float]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement,
            "score": self.score,
            "groups": {str(g): dict(v) for g, v in self.groups.items()},
        }


@dataclass
class OpinionMap:
    n_participants: int
    n_statements: int
    coords: np.ndarray  # (n_participants, 2)
    labels: list[int | None]  # group id per participant, None when not clustered
    in_conv: np.ndarray  # bool (n_participants,): participant is clustered
    groups: list[Group]
    consensus: dict[str, list[StatementAcrossGroups]]  # "agree" / "disagree"
    divisive: list[StatementAcrossGroups]
    k: int  # groups shown (smoothed)
    best_k: int  # k with the best silhouette in this update
    silhouettes: dict[int, float]
    components: np.ndarray  # (2, n_statements)
    center: np.ndarray  # (n_statements,) column means
    explained_variance: tuple[float, float]
    base_centers: np.ndarray  # (n_base, 2)
    base_sizes: np.ndarray  # (n_base,)
    group_aware_consensus: np.ndarray  # (n_statements,) agree consensus, NaN if moderated
    state: dict[str, Any] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable dict (plain lists, ints, floats, None; no NaN)."""
        gac = [None if not np.isfinite(v) else float(v) for v in self.group_aware_consensus]
        return {
            "version": STATE_VERSION,
            "n_participants": self.n_participants,
            "n_statements": self.n_statements,
            "coords": _round(self.coords).tolist(),
            "labels": list(self.labels),
            "in_conv": [bool(b) for b in self.in_conv],
            "k": self.k,
            "best_k": self.best_k,
            "silhouettes": {str(k): float(v) for k, v in self.silhouettes.items()},
            "groups": [g.to_dict() for g in self.groups],
            "consensus": {
                kind: [s.to_dict() for s in items] for kind, items in self.consensus.items()
            },
            "divisive": [s.to_dict() for s in self.divisive],
            "group_aware_consensus": gac,
            "pca": {
                "components": _round(self.components).tolist(),
                "center": _round(self.center).tolist(),
                "explained_variance": [float(v) for v in self.explained_variance],
            },
            "base_clusters": {
                "centers": _round(self.base_centers).tolist(),
                "sizes": [int(s) for s in self.base_sizes],
            },
            "state": self.state,
        }


def _round(a: np.ndarray) -> np.ndarray:
    return np.round(np.asarray(a, dtype=float), 6)


# --------------------------------------------------------------------------- input helpers


def votes_from_triples(
    participants: Iterable[int],
    statements: Iterable[int],
    values: Iterable[float],
    shape: tuple[int, int],
) -> np.ndarray:
    """Build the dense votes matrix (NaN = not seen) from (row, column, vote) triples.

    Later triples overwrite earlier ones, so pass votes in arrival order.
    """
    rows = np.fromiter(participants, dtype=np.int64)
    cols = np.fromiter(statements, dtype=np.int64)
    vals = np.fromiter(values, dtype=float)
    out = np.full(shape, np.nan)
    out[rows, cols] = vals
    return out


def _as_votes(votes: Any) -> np.ndarray:
    v = np.asarray(votes, dtype=float)
    if v.ndim != 2:
        raise ValueError("votes must be a 2-D participants x statements matrix")
    return v


def _check_values(vals: np.ndarray) -> None:
    if np.any((vals != 0.0) & (np.abs(vals) != 1.0)):
        raise ValueError("votes may only contain 1 (agree), -1 (disagree), 0 (pass) or NaN")


def _as_mask(moderated_out: Any, m: int) -> np.ndarray:
    if moderated_out is None:
        return np.zeros(m, dtype=bool)
    arr = np.asarray(moderated_out)
    if arr.dtype == bool:
        if arr.shape != (m,):
            raise ValueError("moderated_out mask must have one entry per statement")
        return arr.copy()
    idx = arr.astype(np.int64).ravel()
    if idx.size and (idx.min() < 0 or idx.max() >= m):
        raise ValueError("moderated_out index out of range")
    mask = np.zeros(m, dtype=bool)
    mask[idx] = True
    return mask


def _previous_state(previous: Any) -> dict[str, Any] | None:
    if previous is None:
        return None
    if isinstance(previous, OpinionMap):
        return previous.state
    if isinstance(previous, Mapping):
        state = previous.get("state", previous)
        if not isinstance(state, Mapping) or state.get("version") != STATE_VERSION:
            return None
        return dict(state)
    raise TypeError("previous must be an OpinionMap, its to_dict() or its state")


# --------------------------------------------------------------------------- the math


def _in_conv(counts: np.ndarray, n_active: int, prev_in: np.ndarray | None) -> np.ndarray:
    """Pol.is in-conv: >= min(7, statements) votes, sticky, topped up to GREEDY_N."""
    n = counts.shape[0]
    inc = counts >= max(1, min(MIN_VOTES, n_active))
    if prev_in is not None and prev_in.size:
        keep = prev_in[prev_in < n]
        inc[keep] = True
    have = int(inc.sum())
    if have < GREEDY_N:
        cand = np.flatnonzero(~inc & (counts > 0))
        # most votes first, ties by index (stable sort)
        order = cand[np.argsort(-counts[cand], kind="stable")]
        inc[order[: GREEDY_N - have]] = True
    return inc


def _pca2(C: sp.csr_matrix, prev_comps: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """First two principal axes of the centred matrix C (sparse: unseen cells are 0).

    Exact up to solver tolerance and deterministic: dense ``eigh`` of C'C for few
    statements (or when Lanczos fails on a degenerate matrix), otherwise Lanczos (ARPACK
    ``eigsh``) on C'C applied as two sparse products, started from a fixed vector plus the
    previous axes when we have them.
    """
    n, m = C.shape
    comps = np.zeros((2, m))
    ev = np.zeros(2)
    # only columns with signal take part (moderated-out and unvoted columns are all zero)
    used = np.flatnonzero(np.bincount(C.indices[C.data != 0], minlength=m))
    n_comp = min(2, len(used), n)
    if n_comp == 0:
        return comps, ev
    sub = C[:, used] if len(used) < m else C
    mu = len(used)
    U = None
    if mu > _DENSE_PCA_MAX_STATEMENTS:
        sub_t = sub.T.tocsr()
        op = LinearOperator((mu, mu), matvec=lambda x: sub_t @ (sub @ x), dtype=float)
        # a fixed generic start (never orthogonal to the answer by construction)
        v0 = np.random.default_rng(20240611).standard_normal(m)
        if prev_comps is not None and prev_comps.ndim == 2 and prev_comps.shape[1] <= m:
            k = prev_comps.shape[1]
            v0[:k] += 10.0 * prev_comps[0] + 5.0 * prev_comps[1]
        try:
            w, U = eigsh(op, k=n_comp, v0=v0[used], which="LA", tol=1e-10)
        except (ArpackNoConvergence, ArpackError):  # low rank or pathological: go dense
            U = None
    if U is None:
        w, U = eigh((sub.T @ sub).toarray())
    order = np.argsort(-w)[:n_comp]
    w, U = w[order], U[:, order]
    full = np.zeros((m, n_comp))
    full[used] = U
    U = full
    comps[:n_comp] = U.T
    ev[:n_comp] = np.maximum(w, 0.0) / max(n - 1, 1)
    # deterministic sign: agree with the previous axes, else largest loading positive
    for i in range(n_comp):
        c = comps[i]
        if prev_comps is not None and prev_comps.ndim == 2 and prev_comps.shape[0] > i:
            pc = prev_comps[i]
            k = min(pc.shape[0], m)
            s = float(c[:k] @ pc[:k])
            if abs(s) > 1e-9:
                comps[i] = c if s > 0 else -c
                continue
        j = int(np.argmax(np.abs(c)))
        if c[j] < 0:
            comps[i] = -c
    return comps, ev


def _sqdist(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    d = (X * X).sum(1)[:, None] - 2.0 * (X @ C.T) + (C * C).sum(1)[None, :]
    return np.maximum(d, 0.0)


def _weighted_means(
    X: np.ndarray, labels: np.ndarray, w: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    d = X.shape[1]
    wk = np.bincount(labels, weights=w, minlength=k)
    flat = (labels[:, None] * d + np.arange(d)[None, :]).ravel()
    sums = np.bincount(flat, weights=(X * w[:, None]).ravel(), minlength=k * d).reshape(k, d)
    with np.errstate(invalid="ignore", divide="ignore"):
        centers = sums / wk[:, None]
    return centers, wk


def _nearest(X: np.ndarray, centers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of and squared distance to the nearest centre (KD-tree when that pays)."""
    if len(X) * len(centers) > 50_000:
        dist, idx = cKDTree(centers).query(X)
        return idx.astype(np.int64), dist * dist
    d = _sqdist(X, centers)
    idx = d.argmin(1)
    return idx, d[np.arange(len(X)), idx]


def _lloyd(
    X: np.ndarray,
    centers: np.ndarray,
    w: np.ndarray,
    max_iter: int = 100,
    drop_empty: bool = False,
) -> tuple[np.ndarray, np.ndarray, float, np.ndarray]:
    """Weighted Lloyd iterations until no point changes cluster (or ``max_iter``).

    Empty clusters are dropped (``drop_empty``, as Pol.is does for base clusters) or
    re-seeded deterministically at the point farthest from its centre. Returns centres,
    labels, inertia and, per returned centre, the index of the initial centre it came from.
    """
    centers = centers.copy()
    origin = np.arange(len(centers))
    labels, dmin = _nearest(X, centers)
    for _ in range(max_iter):
        new, wk = _weighted_means(X, labels, w, len(centers))
        empty = wk <= 0
        if empty.any():
            if drop_empty:
                new, origin = new[~empty], origin[~empty]
            else:
                far_d = dmin * w
                for j in np.flatnonzero(empty):
                    far = int(np.argmax(far_d))
                    new[j] = X[far]
                    far_d[far] = -1.0
        centers = new
        new_labels, dmin = _nearest(X, centers)
        stable = new_labels.shape == labels.shape and not empty.any()
        if stable and np.array_equal(new_labels, labels):
            break
        labels = new_labels
    labels, dmin = _nearest(X, centers)
    return centers, labels, float((dmin * w).sum()), origin


def _kmeanspp(X: np.ndarray, w: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Greedy weighted k-means++ seeding (several local trials per centre, vectorised)."""
    n = len(X)
    trials = 2 + int(math.log(k))

    def draw(p: np.ndarray, size: int) -> np.ndarray:
        cum = np.cumsum(p)
        return np.minimum(np.searchsorted(cum, rng.random(size) * cum[-1], side="right"), n - 1)

    first = int(draw(w, 1)[0])
    centers = [X[first]]
    d2 = ((X - X[first]) ** 2).sum(1)
    for _ in range(1, k):
        pot = w * d2
        if pot.sum() <= 0:
            break
        cand = draw(pot, trials)
        nd = np.minimum(d2[:, None], _sqdist(X, X[cand]))  # (n, trials)
        best = int(np.argmin(w @ nd))
        centers.append(X[cand[best]])
        d2 = nd[:, best]
    return np.array(centers)


def _farthest_fill(X: np.ndarray, centers: np.ndarray, k: int) -> np.ndarray:
    """Add centres at the most distal points until there are k (Pol.is clean-start)."""
    centers = list(centers)
    if not centers:
        centers.append(X[0])
    d = ((X - centers[0]) ** 2).sum(1)
    for c in centers[1:]:
        d = np.minimum(d, ((X - c) ** 2).sum(1))
    while len(centers) < k:
        j = int(np.argmax(d))
        if d[j] <= 0:
            break
        centers.append(X[j])
        d = np.minimum(d, ((X - X[j]) ** 2).sum(1))
    return np.array(centers)


def _silhouette(D: np.ndarray, labels: np.ndarray, k: int) -> float:
    """Silhouette of the base clusters, as Pol.is computes it to choose k.

    Every base cluster counts once, whatever its size: ``a`` is its mean distance to the
    other base clusters of its group, ``b`` the smallest mean distance to another group's
    base clusters; a base cluster alone in its group scores 0. O(base^2), so nothing here
    is quadratic in participants.
    """
    onehot = np.zeros((len(labels), k))
    onehot[np.arange(len(labels)), labels] = 1.0
    count = onehot.sum(0)  # base clusters per group
    S = D @ onehot  # summed distance to each group's base clusters
    own_n = count[labels] - 1.0
    own = S[np.arange(len(labels)), labels]
    with np.errstate(invalid="ignore", divide="ignore"):
        a = np.where(own_n > 0, own / np.maximum(own_n, 1.0), 0.0)
        mean_other = S / count[None, :]
    mean_other[np.arange(len(labels)), labels] = np.inf
    mean_other[:, count == 0] = np.inf
    b = mean_other.min(1)
    denom = np.maximum(a, b)
    ok = (own_n > 0) & np.isfinite(b) & (denom > 0)
    s = np.where(ok, (b - a) / np.where(denom > 0, denom, 1.0), 0.0)
    return float(s.mean()) if len(s) else 0.0


def _prop_test(succ: np.ndarray, n: np.ndarray) -> np.ndarray:
    s, t = succ + 1.0, n + 1.0
    return 2.0 * np.sqrt(t) * (s / t - 0.5)


def _two_prop_test(s1: np.ndarray, s2: np.ndarray, n1: np.ndarray, n2: np.ndarray) -> np.ndarray:
    s1, s2, n1, n2 = s1 + 1.0, s2 + 1.0, n1 + 1.0, n2 + 1.0
    p1, p2 = s1 / n1, s2 / n2
    ph = (s1 + s2) / (n1 + n2)
    den = np.sqrt(ph * (1.0 - ph) * (1.0 / n1 + 1.0 / n2))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (p1 - p2) / den
    return np.where(den > 0, z, 0.0)


def _share(a: np.ndarray, n: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(n > 0, a / np.maximum(n, 1), 0.0)


# --------------------------------------------------------------------------- entry point


def compute_opinion_map(
    votes: Any,
    moderated_out: Any = None,
    previous: Any = None,
    seed: int = 0,
    *,
    also_in_conv: Any = None,
) -> OpinionMap:
    """Compute the opinion map.

    ``votes``: participants x statements, +1 agree, -1 disagree, 0 pass, NaN not seen.
    ``moderated_out``: bool mask per statement or an iterable of statement indices.
    ``previous``: the previous ``OpinionMap``, its ``to_dict()`` or ``to_dict()["state"]``.
    ``seed``: seeds the k-means++ restarts; same input and seed give the same output.
    ``also_in_conv``: participants (indices or a bool mask) who entered the conversation
    earlier, e.g. found by replaying its history (``opinion_replay``); they are clustered
    whatever their number of votes now, like ``previous``'s.
    """
    V = _as_votes(votes)
    n, m = V.shape
    mod = _as_mask(moderated_out, m)
    prev = _previous_state(previous)
    rng = np.random.default_rng(seed)

    # every vote once, row-major: (rows, cols, vals) with CSR row pointers
    rows, cols = np.nonzero(~np.isnan(V))
    vals = V[rows, cols]
    _check_values(vals)
    counts = np.bincount(rows, minlength=n)  # raw votes per participant (moderated included)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    active = np.bincount(cols, minlength=m) > 0  # Pol.is only knows statements with votes
    n_active = int(active.sum())

    prev_in = np.asarray(prev["in_conv"], dtype=np.int64) if prev else None
    if also_in_conv is not None:
        extra = np.asarray(also_in_conv)
        extra = np.flatnonzero(extra) if extra.dtype == bool else extra.astype(np.int64).ravel()
        extra = extra[(extra >= 0) & (extra < n)]
        prev_in = extra if prev_in is None else np.union1d(prev_in, extra)
    in_conv = _in_conv(counts, n_active, prev_in)

    # -- centred, imputed matrix: unseen cells equal the column mean, so they centre to 0;
    #    moderated-out columns are zero for everybody
    keep = ~mod[cols]
    n_use = np.bincount(cols[keep], minlength=m)
    sums = np.bincount(cols[keep], weights=vals[keep], minlength=m)
    center = np.where(n_use > 0, sums / np.maximum(n_use, 1), 0.0)
    data = np.where(keep, vals - center[cols], 0.0)
    Cmat = sp.csr_matrix((data, cols, indptr), shape=(n, m))
    prev_comps = np.asarray(prev["components"], dtype=float) if prev else None
    comps, ev = _pca2(Cmat, prev_comps)
    comps[:, mod | ~active] = 0.0  # exactly: those columns are all zero (solver round-off)
    proj = np.asarray(Cmat @ comps.T)
    # votes cast, counting a zeroed (moderated-out) statement as a pass for everybody
    n_cast = np.bincount(rows[keep], minlength=n) + int((mod & active).sum())
    proj *= np.sqrt(n_active / np.maximum(n_cast, 1))[:, None]
    proj[counts == 0] = 0.0

    # -- two-level clustering of the clustered participants
    idx_in = np.flatnonzero(in_conv)
    base_centers, base_sizes, blab, old_to_new = _base_clusters(proj[idx_in], idx_in, n, prev, rng)
    base_labels_all = np.full(n, -1, dtype=np.int64)
    base_labels_all[idx_in] = blab
    clusterings, silhouettes = _group_clusterings(base_centers, base_sizes, old_to_new, prev, seed)
    best_k = max(silhouettes, key=lambda kk: (silhouettes[kk], -kk)) if silhouettes else 0

    # -- k only changes when a new k wins K_BUFFER consecutive updates (Pol.is smoother)
    smoother = dict(prev.get("k_smoother", {})) if prev else {}
    count = smoother.get("last_k_count", 0) + 1 if smoother.get("last_k") == best_k else 1
    smoothed = smoother.get("smoothed_k")
    if count >= K_BUFFER or smoothed not in clusterings:
        smoothed = best_k
    k = int(smoothed) if clusterings else 0

    # -- group labels, stable ids
    labels_arr = np.full(n, -1, dtype=np.int64)
    if k:
        g_of_base = clusterings[k]
        raw = np.full(n, -1, dtype=np.int64)
        raw[idx_in] = g_of_base[blab]
        ids = _stable_ids(raw, k, prev)
        labels_arr[idx_in] = ids[raw[idx_in]]

    # -- per-group vote counts, representative statements, consensus, divisive
    group_ids = sorted(int(g) for g in np.unique(labels_arr[labels_arr >= 0]))
    votes_csr = (vals, cols, indptr)
    groups, consensus, divisive, gac = _statement_stats(
        votes_csr, (n, m), mod, labels_arr, group_ids, proj
    )

    state = {
        "version": STATE_VERSION,
        "n_participants": n,
        "n_statements": m,
        "in_conv": [int(i) for i in idx_in],
        "components": _round(comps).tolist(),
        "base_labels": [int(b) for b in base_labels_all],
        "group_assign": {str(kk): [int(x) for x in a] for kk, a in clusterings.items()},
        "k_smoother": {"last_k": int(best_k), "last_k_count": int(count), "smoothed_k": k},
        "labels": [int(x) for x in labels_arr],
    }
    return OpinionMap(
        n_participants=n,
        n_statements=m,
        coords=proj,
        labels=[None if x < 0 else int(x) for x in labels_arr],
        in_conv=in_conv,
        groups=groups,
        consensus=consensus,
        divisive=divisive,
        k=k,
        best_k=int(best_k),
        silhouettes=silhouettes,
        components=comps,
        center=center,
        explained_variance=(float(ev[0]), float(ev[1])),
        base_centers=base_centers,
        base_sizes=base_sizes.astype(np.int64),
        group_aware_consensus=gac,
        state=state,
    )


def _base_clusters(
    X: np.ndarray,
    idx_in: np.ndarray,
    n: int,
    prev: dict[str, Any] | None,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[int, int]]:
    """k-means into at most BASE_K base clusters.

    With a previous state the previous base clusters are re-centred on their members' new
    positions (and topped up at the most distal points), as Pol.is does; otherwise seeded
    k-means++. Returns centres, sizes, base label per row of X and {previous id: new id}.
    """
    n_distinct = len(np.unique(np.round(X, 12), axis=0)) if len(X) else 0
    base_k = min(BASE_K, n_distinct)
    if base_k < 1:
        return np.zeros((0, 2)), np.zeros(0), np.zeros(0, dtype=np.int64), {}
    ones = np.ones(len(X))
    init, old_ids = None, np.zeros(0, dtype=np.int64)
    if prev:
        prev_base = np.asarray(prev.get("base_labels", []), dtype=np.int64)
        pb = np.full(n, -1, dtype=np.int64)
        pb[: min(n, prev_base.size)] = prev_base[:n]
        pb_in = pb[idx_in]
        ok = pb_in >= 0
        if ok.any():
            old_ids = np.unique(pb_in[ok])
            cen, _ = _weighted_means(
                X[ok], np.searchsorted(old_ids, pb_in[ok]), ones[ok], len(old_ids)
            )
            init = _farthest_fill(X, cen, base_k)
    max_iter = 100
    if init is None:
        if len(X) > BASE_SAMPLE:
            # seed and settle on a fixed-size sample, then a few passes over everybody
            sample = np.sort(rng.choice(len(X), size=BASE_SAMPLE, replace=False))
            init = _kmeanspp(X[sample], ones[sample], base_k, rng)
            init, _, _, _ = _lloyd(X[sample], init, ones[sample], max_iter=100)
            max_iter = 20
        else:
            init = _kmeanspp(X, ones, base_k, rng)
    elif len(X) > BASE_SAMPLE:
        max_iter = 20  # continuing from the previous base clusters: close already
    centers, labels, _, origin = _lloyd(X, init, ones, max_iter=max_iter, drop_empty=True)
    used = np.unique(labels)  # a centre may lose all members in the final assignment
    centers, origin = centers[used], origin[used]
    labels = np.searchsorted(used, labels)
    old_to_new = {int(old_ids[p]): new_i for new_i, p in enumerate(origin) if p < len(old_ids)}
    sizes = np.bincount(labels, minlength=len(centers)).astype(float)
    return centers, sizes, labels, old_to_new


def _group_clusterings(
    centers: np.ndarray,
    sizes: np.ndarray,
    old_to_new: dict[int, int],
    prev: dict[str, Any] | None,
    seed: int,
) -> tuple[dict[int, np.ndarray], dict[int, float]]:
    """Weighted k-means of the base clusters for k = 2..max_k, with silhouettes.

    Fresh solutions: the lowest inertia of N_INIT seeded k-means++ restarts. With a
    previous clustering for this k, we continue from it (re-centred on the new base
    clusters) and only switch when a fresh solution is SWITCH_MARGIN better.
    """
    nb = len(centers)
    max_k = min(MAX_K, 2 + nb // 12, nb)
    clusterings: dict[int, np.ndarray] = {}
    silhouettes: dict[int, float] = {}
    if max_k < 2:
        return clusterings, silhouettes
    D = np.sqrt(_sqdist(centers, centers))
    prev_assign = prev.get("group_assign", {}) if prev else {}
    for k in range(2, max_k + 1):
        krng = np.random.default_rng([seed, k])
        best_lab, best_inert = None, np.inf
        for _ in range(N_INIT):
            cen = _kmeanspp(centers, sizes, k, krng)
            if len(cen) < k:
                cen = _farthest_fill(centers, cen, k)
            _, lab, inert, _ = _lloyd(centers, cen, sizes, max_iter=100)
            if inert < best_inert:
                best_lab, best_inert = lab, inert
        old = prev_assign.get(str(k))
        if old is not None:
            lab0 = np.full(nb, -1, dtype=np.int64)
            for old_b, g in enumerate(old):
                new_b = old_to_new.get(old_b)
                if new_b is not None:
                    lab0[new_b] = int(g)
            ok = lab0 >= 0
            if ok.any() and len(np.unique(lab0[ok])) == k:
                cen, _ = _weighted_means(centers[ok], lab0[ok], sizes[ok], k)
                _, lab, inert, _ = _lloyd(centers, cen, sizes, max_iter=100)
                if best_inert >= inert * (1.0 - SWITCH_MARGIN):
                    best_lab = lab
        assert best_lab is not None
        clusterings[k] = best_lab
        silhouettes[k] = round(_silhouette(D, best_lab, k), 6)
    return clusterings, silhouettes


def _stable_ids(raw: np.ndarray, k: int, prev: dict[str, Any] | None) -> np.ndarray:
    """Map clustering indices 0..k-1 to group ids: Hungarian matching on member overlap
    with the previous labels; otherwise largest group first."""
    sizes = np.bincount(raw[raw >= 0], minlength=k)
    ids = np.full(k, -1, dtype=np.int64)
    prev_labels = np.asarray(prev.get("labels", []), dtype=np.int64) if prev else None
    if prev_labels is not None and prev_labels.size and (prev_labels >= 0).any():
        common = min(len(prev_labels), len(raw))
        a, b = raw[:common], prev_labels[:common]
        both = (a >= 0) & (b >= 0)
        prev_ids = np.unique(prev_labels[prev_labels >= 0])
        overlap = np.zeros((k, len(prev_ids)))
        np.add.at(overlap, (a[both], np.searchsorted(prev_ids, b[both])), 1.0)
        rows, cols = linear_sum_assignment(-overlap)
        for r, c in zip(rows, cols, strict=True):
            if overlap[r, c] > 0:
                ids[r] = prev_ids[c]
    order = np.lexsort((np.arange(k), -sizes))  # largest first, ties by index
    taken = set(int(i) for i in ids if i >= 0)
    nxt = 0
    for r in order:
        if ids[r] < 0:
            while nxt in taken:
                nxt += 1
            ids[r] = nxt
            taken.add(nxt)
    return ids


def _statement_stats(
    votes_csr: tuple[np.ndarray, np.ndarray, np.ndarray],
    shape: tuple[int, int],
    mod: np.ndarray,
    labels: np.ndarray,
    group_ids: list[int],
    proj: np.ndarray,
) -> tuple[
    list[Group],
    dict[str, list[StatementAcrossGroups]],
    list[StatementAcrossGroups],
    np.ndarray,
]:
    n, m = shape
    gac = np.full(m, np.nan)
    if not group_ids:
        return [], {"agree": [], "disagree": []}, [], gac
    k = len(group_ids)
    pos = {g: i for i, g in enumerate(group_ids)}
    members = np.flatnonzero(labels >= 0)
    gi = np.searchsorted(np.asarray(group_ids), labels[members])
    # count matrices (k x m) as sparse products: membership (k x n) @ indicators (n x m)
    member = sp.csr_matrix((np.ones(len(members)), (gi, members)), shape=(k, n))
    vals, cols, indptr = votes_csr

    def count(indicator: np.ndarray) -> np.ndarray:
        mat = sp.csr_matrix((indicator.astype(float), cols, indptr), shape=(n, m))
        return np.asarray((member @ mat).toarray())

    na = count(vals == 1.0)
    nd = count(vals == -1.0)
    ns = count(np.ones(len(vals), dtype=bool))
    # rest = the other groups (clustered participants only, as Pol.is)
    na_r, nd_r, ns_r = na.sum(0) - na, nd.sum(0) - nd, ns.sum(0) - ns
    pa = (na + 1.0) / (ns + 2.0)
    pd = (nd + 1.0) / (ns + 2.0)
    pat, pdt = _prop_test(na, ns), _prop_test(nd, ns)
    ra = pa / ((na_r + 1.0) / (ns_r + 2.0))
    rd = pd / ((nd_r + 1.0) / (ns_r + 2.0))
    rat = _two_prop_test(na, na_r, ns, ns_r)
    rdt = _two_prop_test(nd, nd_r, ns, ns_r)
    ga, gd = _share(na, ns), _share(nd, ns)
    oa, od = _share(na_r, ns_r), _share(nd_r, ns_r)
    allowed = ~mod

    groups = []
    for g in group_ids:
        i = pos[g]
        mem = np.flatnonzero(labels == g)
        reps = _select_repness(
            i, allowed, na, nd, ns, pa, pd, pat, pdt, ra, rd, rat, rdt, ga, gd, oa, od, ns_r
        )
        cen = proj[mem].mean(0) if len(mem) else np.zeros(2)
        groups.append(
            Group(
                id=g,
                size=int(len(mem)),
                members=[int(x) for x in mem],
                centroid=(round(float(cen[0]), 6), round(float(cen[1]), 6)),
                representative=reps,
            )
        )

    # group-informed consensus: product over groups of (agree + 1) / (seen + 2)
    gac_a = np.prod(pa, axis=0)
    gac_d = np.prod(pd, axis=0)
    gac = np.where(allowed, gac_a, np.nan)

    def across(j: int, score: float) -> StatementAcrossGroups:
        return StatementAcrossGroups(
            statement=int(j),
            score=float(score),
            groups={
                g: {
                    "agree": float(ga[pos[g], j]),
                    "disagree": float(gd[pos[g], j]),
                    "seen": int(ns[pos[g], j]),
                    "p_agree": float(pa[pos[g], j]),
                    "p_disagree": float(pd[pos[g], j]),
                }
                for g in group_ids
            },
        )

    def top(score: np.ndarray, ok: np.ndarray, n_top: int) -> list[StatementAcrossGroups]:
        cand = np.flatnonzero(ok & allowed)
        order = cand[np.lexsort((cand, -score[cand]))][:n_top]
        return [across(int(j), score[j]) for j in order]

    # consensus: every group more likely to agree (disagree) than not, and a significant
    # majority over all clustered participants (Pol.is's one-proportion z-test at 90%)
    na_t, nd_t, ns_t = na.sum(0), nd.sum(0), ns.sum(0)
    sig_a = _prop_test(na_t, ns_t) > Z_90
    sig_d = _prop_test(nd_t, ns_t) > Z_90
    cons_agree = top(gac_a, (pa > 0.5).all(0) & sig_a, N_CONSENSUS)
    cons_disagree = top(gac_d, (pd > 0.5).all(0) & sig_d, N_CONSENSUS)
    # divisive: largest spread of (smoothed) agreement between groups, seen in every group
    spread = pa.max(0) - pa.min(0)
    divisive = top(spread, (ns > 0).all(0) & (spread > 0), N_DIVISIVE) if k > 1 else []
    return groups, {"agree": cons_agree, "disagree": cons_disagree}, divisive, gac


def _select_repness(
    i: int,
    allowed: np.ndarray,
    na: np.ndarray,
    nd: np.ndarray,
    ns: np.ndarray,
    pa: np.ndarray,
    pd: np.ndarray,
    pat: np.ndarray,
    pdt: np.ndarray,
    ra: np.ndarray,
    rd: np.ndarray,
    rat: np.ndarray,
    rdt: np.ndarray,
    ga: np.ndarray,
    gd: np.ndarray,
    oa: np.ndarray,
    od: np.ndarray,
    ns_r: np.ndarray,
) -> list[RepresentativeStatement]:
    """Pol.is repness selection for group row ``i`` (vectorised over statements)."""
    agree_side = rat[i] > rdt[i]
    p_succ = np.where(agree_side, pa[i], pd[i])
    p_test = np.where(agree_side, pat[i], pdt[i])
    rep = np.where(agree_side, ra[i], rd[i])
    rep_t = np.where(agree_side, rat[i], rdt[i])
    metric = rep * rep_t * p_succ * p_test
    voted = (na[i] + nd[i]) > 0
    ok = allowed & voted
    passes = ok & (((rat[i] > Z_90) & (pat[i] > Z_90)) | ((rdt[i] > Z_90) & (pdt[i] > Z_90)))

    def make(j: int, side_agree: bool, best_agree: bool = False) -> RepresentativeStatement:
        if side_agree:
            s, p, pt, r, rt = na[i, j], pa[i, j], pat[i, j], ra[i, j], rat[i, j]
        else:
            s, p, pt, r, rt = nd[i, j], pd[i, j], pdt[i, j], rd[i, j], rdt[i, j]
        return RepresentativeStatement(
            statement=int(j),
            repful_for="agree" if side_agree else "disagree",
            n_success=int(s),
            n_trials=int(ns[i, j]),
            p_success=float(p),
            p_test=float(pt),
            repness=float(r),
            repness_test=float(rt),
            group_agree=float(ga[i, j]),
            group_disagree=float(gd[i, j]),
            others_agree=float(oa[i, j]),
            others_disagree=float(od[i, j]),
            others_seen=int(ns_r[i, j]),
            best_agree=best_agree,
        )

    # best agree: prefer statements the group agrees with and that set it apart
    best_agree = None
    cand_a = np.flatnonzero(ok & (ra[i] > 1.0) & (pa[i] > 0.5) & (rat[i] > 0) & (pat[i] > 0))
    if cand_a.size:
        score = ra[i, cand_a] * rat[i, cand_a] * pa[i, cand_a] * pat[i, cand_a]
        best_agree = int(cand_a[np.lexsort((cand_a, -score))[0]])
    else:
        cand_a = np.flatnonzero(ok & (pat[i] > Z_90))
        if cand_a.size:
            score = pa[i, cand_a] * pat[i, cand_a]
            best_agree = int(cand_a[np.lexsort((cand_a, -score))[0]])

    suff = np.flatnonzero(passes)
    if suff.size == 0:
        if best_agree is not None:
            return [make(best_agree, True, True)]
        cand = np.flatnonzero(ok)
        if cand.size == 0:
            return []
        best = int(cand[np.lexsort((cand, -np.maximum(rat[i, cand], rdt[i, cand])))[0]])
        return [make(best, bool(agree_side[best]))]
    suff = suff[suff != best_agree] if best_agree is not None else suff
    order = suff[np.lexsort((suff, -metric[suff]))]
    picked: list[RepresentativeStatement] = []
    if best_agree is not None:
        picked.append(make(best_agree, True, True))
    for j in order[: N_REPRESENTATIVE - len(picked)]:
        picked.append(make(int(j), bool(agree_side[j])))
    # agrees before disagrees, as Pol.is shows them
    return [r for r in picked if r.repful_for == "agree"] + [
        r for r in picked if r.repful_for == "disagree"
    ]
