"""Benchmark the opinion map.

    python bench/bench_opinionmap.py [--repeat N] [--quick]

Prints, per case, the median wall time of the full map (PCA, clustering, representative
statements, consensus) and, for the first two cases, the ratio against a plain numpy PCA of
the same matrix in the same run (``np.linalg.svd`` of the centred, column-mean imputed
matrix): a ratio below 1 means the whole map is faster than that bare PCA. Measuring the
ratio in the same run keeps the comparison fair on a busy or slow machine.

Cases: austria-climate (1,756 x 1,039, from the Pol.is data in the repository), a generated
2,000 x 900 matrix with 225,000 votes and planted opinion groups, a generated 20,000
participant conversation, a live update of 500 x 100 with the previous state, and the
replay of vtaiwan.uberx's history (49,997 votes in 44,480 of Pol.is's one-second polls;
its ratio is against one map of its final votes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bedoeling.insights.opinion_replay import replay_opinion_map  # noqa: E402
from bedoeling.insights.opinionmap import compute_opinion_map  # noqa: E402
from bedoeling.insights.polis_export import read_polis_export  # noqa: E402

AUSTRIA = "austria-climate.2vkxcncppn.2022-07-07"
VTAIWAN = "vtaiwan.uberx"  # the largest shared conversation with its history (votes.csv)


def polis_data() -> Path:
    """The five Pol.is conversations kept in the repository (CC BY 4.0)."""
    return Path(__file__).resolve().parents[1] / "bedoeling/insights/tests/data/polis"


def generated(
    n: int, m: int, n_votes: int, n_groups: int = 3, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A conversation with real structure: opinion groups with their own leanings per
    statement, uneven activity (a few heavy voters, many light ones), popular statements
    seen more often, ~15% passes and some moderated-out statements."""
    rng = np.random.default_rng(seed)
    group = rng.choice(
        n_groups, size=n, p=np.linspace(2, 1, n_groups) / np.linspace(2, 1, n_groups).sum()
    )
    lean = rng.normal(0, 1.2, size=(n_groups, m)) + rng.normal(0, 0.6, size=m)
    p_agree = 1 / (1 + np.exp(-lean))  # per group and statement
    activity = rng.pareto(1.5, size=n) + 0.2
    popularity = rng.pareto(2.0, size=m) + 0.5
    weight = np.outer(activity, popularity)
    weight /= weight.sum()
    cells = rng.choice(n * m, size=min(n_votes, n * m), replace=False, p=weight.ravel())
    rows, cols = np.divmod(cells, m)
    u = rng.random(len(cells))
    pa = p_agree[group[rows], cols]
    vote = np.where(u < 0.15, 0.0, np.where(rng.random(len(cells)) < pa, 1.0, -1.0))
    votes = np.full((n, m), np.nan)
    votes[rows, cols] = vote
    moderated = rng.random(m) < 0.05
    return votes, moderated


def plain_pca(votes: np.ndarray) -> np.ndarray:
    mean = np.nanmean(votes, axis=0)
    mean = np.where(np.isnan(mean), 0.0, mean)
    imputed = np.where(np.isnan(votes), mean, votes)
    centred = imputed - imputed.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return vt[:2]


def timings(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median, best) wall time of `repeat` runs after one warm-up run."""
    fn()  # warm up (imports, BLAS threads, caches)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def live_update_case(seed: int = 1):
    """500 x 100: a map with previous state after a batch of 50 new votes."""
    votes, moderated = generated(500, 100, 20_000, seed=seed)
    rng = np.random.default_rng(seed)
    seen = np.argwhere(~np.isnan(votes))
    late = seen[rng.choice(len(seen), size=50, replace=False)]
    before = votes.copy()
    before[tuple(late.T)] = np.nan
    previous = compute_opinion_map(before, moderated)
    return votes, moderated, previous


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark the opinion map.")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="skip the 20,000 participant case")
    args = ap.parse_args(argv)
    rep = args.repeat

    rows: list[tuple[str, str, tuple[float, float], float | None]] = []
    austria = polis_data() / AUSTRIA
    if austria.is_dir():
        export = read_polis_export(austria)
        v, mod = export.votes, export.moderated_out
        t_map = timings(lambda: compute_opinion_map(v, mod), rep)
        t_pca = timings(lambda: plain_pca(v), rep)
        rows.append(("austria-climate", f"{v.shape[0]}x{v.shape[1]}", t_map, t_map[0] / t_pca[0]))
    else:
        print(f"(austria-climate skipped: no data at {austria})")

    v, mod = generated(2000, 900, 225_000)
    t_map = timings(lambda: compute_opinion_map(v, mod), rep)
    t_pca = timings(lambda: plain_pca(v), rep)
    rows.append(("generated, 225,000 votes", "2000x900", t_map, t_map[0] / t_pca[0]))

    if not args.quick:
        v, mod = generated(20_000, 600, 1_200_000, n_groups=4, seed=2)
        t_map = timings(lambda: compute_opinion_map(v, mod), max(3, rep // 2))
        rows.append(("generated, 1.2M votes", "20000x600", t_map, None))

    v, mod, prev = live_update_case()
    t_map = timings(lambda: compute_opinion_map(v, mod, previous=prev), rep)
    rows.append(("live update (previous state)", "500x100", t_map, None))

    vtaiwan = polis_data() / VTAIWAN
    if vtaiwan.is_dir():
        export = read_polis_export(vtaiwan)
        v, mod, h = export.votes, export.moderated_out, export.history
        t_replay = timings(
            lambda: replay_opinion_map(v, mod, h.times, h.rows, h.cols), max(3, rep // 2)
        )
        t_map = timings(lambda: compute_opinion_map(v, mod), rep)
        rows.append(("vtaiwan replay (÷ one map)", f"{v.shape[0]}x{v.shape[1]}", t_replay,
                     t_replay[0] / t_map[0]))

    print(f"{'case':30s} {'shape':>10s} {'median':>9s} {'best':>9s} {'median / baseline':>19s}")
    for name, shape, (med, best), ratio in rows:
        r = f"{ratio:19.2f}" if ratio is not None else ""
        print(f"{name:30s} {shape:>10s} {med * 1000:6.0f} ms {best * 1000:6.0f} ms {r}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"({rep} runs; {os.cpu_count()} CPUs, load average {load:.1f}; numpy {np.__version__})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
