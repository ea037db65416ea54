"""Compare our opinion map with the groups Pol.is itself found.

For every conversation folder in the Pol.is data (default /work/shared/data/polis, or
$BEDOELING_POLIS_DATA, or the first argument) this prints: the number of groups Pol.is
found and ours, the adjusted Rand index of our labels against Pol.is's ``group-id`` over
the participants Pol.is clustered, and the share of those participants we cluster too.

    python bench/evaluate_polis.py [DATA_DIR] [--seeds N] [--replay [--batch-seconds S]]

``--seeds N`` also reports the spread of the ARI over seeds 0..N-1 (the seed only affects
the k-means++ restarts). ``--replay`` additionally replays conversations that have a
``votes.csv`` in time order through the incremental update (``previous=``), one update per
hour of conversation time (``--batch-seconds``), the way Pol.is itself arrived at its
groups, and reports the final map's figures.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bedoeling.insights.opinionmap import compute_opinion_map  # noqa: E402
from bedoeling.insights.polis_export import read_polis_export  # noqa: E402
from bedoeling.lib.shared_data import polis_data_dir  # noqa: E402


def data_dir(arg: str | None = None) -> Path:
    return Path(arg) if arg else polis_data_dir()


def conversations(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "participants-votes.csv").is_file())


def score(labels: list[int | None], polis: list[int | None]) -> dict[str, float]:
    ours = np.array([-1 if x is None else x for x in labels])
    theirs = np.array([-1 if x is None else x for x in polis])
    clustered = theirs >= 0
    both = clustered & (ours >= 0)
    # participants Pol.is clustered but we did not count as a group of their own (-1)
    ari = adjusted_rand_score(theirs[clustered], ours[clustered])
    return {
        "polis_k": len(set(theirs[clustered].tolist())),
        "ours_k": len(set(ours[ours >= 0].tolist())),
        "ari": float(ari),
        "share": float(both.sum() / max(clustered.sum(), 1)),
        "polis_n": int(clustered.sum()),
        "ours_n": int((ours >= 0).sum()),
    }


def replay(folder: Path, export, batch_seconds: float = 3600.0):
    """Feed votes.csv in time order, one update per `batch_seconds` of conversation time."""
    pid_index = {p: i for i, p in enumerate(export.participant_ids)}
    sid_index = {s: j for j, s in enumerate(export.statement_ids)}
    rows = []
    with open(folder / "votes.csv", newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            i, j = pid_index.get(int(r["voter-id"])), sid_index.get(int(r["comment-id"]))
            if i is not None and j is not None:
                rows.append((int(r["timestamp"]), i, j, float(r["vote"])))
    rows.sort(key=lambda t: t[0])
    votes = np.full(export.votes.shape, np.nan)
    prev = None
    t_next = rows[0][0] if rows else 0
    n_updates = 0
    have_votes = False
    for t, i, j, v in rows:
        if t >= t_next and have_votes:
            prev = compute_opinion_map(votes, export.moderated_out, previous=prev)
            n_updates += 1
            t_next = t + batch_seconds * 1000
        votes[i, j] = v
        have_votes = True
    # the export holds the last vote per participant and statement
    final = compute_opinion_map(export.votes, export.moderated_out, previous=prev)
    return final, n_updates + 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?")
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--replay", action="store_true")
    ap.add_argument("--batch-seconds", type=float, default=3600.0)
    args = ap.parse_args(argv)
    root = data_dir(args.data)
    if not root.is_dir():
        print(f"no Pol.is data at {root}", file=sys.stderr)
        return 1
    head = (
        f"{'conversation':38s} {'groups P/o':>10s} {'ARI':>6s} {'share':>6s} "
        f"{'clustered P/o':>13s} {'time':>7s}"
    )
    if args.seeds > 1:
        head += f" {'ARI min/mean/max over seeds':>28s}"
    print(head)
    for folder in conversations(root):
        export = read_polis_export(folder)
        t0 = time.perf_counter()
        om = compute_opinion_map(export.votes, export.moderated_out, seed=0)
        dt = time.perf_counter() - t0
        s = score(om.labels, export.polis_groups)
        line = (
            f"{folder.name[:38]:38s} {s['polis_k']:>4d}/{s['ours_k']:<5d} {s['ari']:6.3f} "
            f"{s['share']:6.3f} {s['polis_n']:>6d}/{s['ours_n']:<6d} {dt * 1000:5.0f}ms"
        )
        if args.seeds > 1:
            aris = [
                score(
                    compute_opinion_map(export.votes, export.moderated_out, seed=sd).labels,
                    export.polis_groups,
                )["ari"]
                for sd in range(args.seeds)
            ]
            line += f"   {min(aris):.3f} / {np.mean(aris):.3f} / {max(aris):.3f}"
        print(line, flush=True)
        if args.replay and (folder / "votes.csv").is_file():
            final, n = replay(folder, export, args.batch_seconds)
            r = score(final.labels, export.polis_groups)
            print(
                f"{'  replayed (' + str(n) + ' updates)':38s} {r['polis_k']:>4d}/{r['ours_k']:<5d} "
                f"{r['ari']:6.3f} {r['share']:6.3f} {r['polis_n']:>6d}/{r['ours_n']:<6d}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
