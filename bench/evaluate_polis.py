"""Compare our opinion map with the groups Pol.is itself found.

For every conversation folder in the Pol.is data (default: the five conversations in
bedoeling/insights/tests/data/polis, or the folder given as first argument) this prints:
the number of groups Pol.is found and ours, the adjusted Rand index (ARI) of our labels
against Pol.is's ``group-id`` over the participants Pol.is clustered, and the share of
those participants we cluster too ("coverage").

    python bench/evaluate_polis.py [DATA_DIR] [--seeds N] [--json FILE]

Each conversation is computed from its final votes only, and, when the export has
``votes.csv``, with its history replayed (``bedoeling.insights.opinion_replay``): what
``manage.py opinionmap`` reports. ``--seeds N`` shows the spread over seeds 0..N-1 (the
seed only moves the k-means++ draws). The leave-one-out figures for the choices made are
in docs/opinionmap.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bedoeling.insights import opinion_replay  # noqa: E402
from bedoeling.insights.opinionmap import compute_opinion_map  # noqa: E402
from bedoeling.insights.polis_export import read_polis_export  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "bedoeling/insights/tests/data/polis"
def data_dir(arg: str | None = None) -> Path:
    return Path(arg) if arg else DATA


def conversations(root: Path) -> list[Path]:
    names = ("participants-votes.csv", "participants-votes.csv.gz")
    return sorted(p for p in root.iterdir() if any((p / n).is_file() for n in names))


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
        "coverage": float(both.sum() / max(clustered.sum(), 1)),
        "polis_n": int(clustered.sum()),
        "ours_n": int((ours >= 0).sum()),
    }


def replayed(export, seed: int = 0) -> tuple[dict, object]:
    h = export.history
    t0 = time.perf_counter()
    r = opinion_replay.replay_opinion_map(
        export.votes, export.moderated_out, h.times, h.rows, h.cols, seed=seed
    )
    s = score(r.map.labels, export.polis_groups)
    s.update(seconds=time.perf_counter() - t0, polls=r.polls, early=r.early)
    return s, r


def line(name: str, s: dict) -> str:
    out = (
        f"{name[:40]:40s} {s['polis_k']:>4d}/{s['ours_k']:<4d} {s['ari']:6.3f} "
        f"{s['coverage']:6.3f} {s['polis_n']:>6d}/{s['ours_n']:<6d}"
    )
    if "seconds" in s:
        out += f" {s['seconds']:7.1f}s"
    if "polls" in s:
        out += f"  {s['polls']} polls, {s['early']} entered early"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?")
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--json", help="write every figure to this file")
    args = ap.parse_args(argv)
    root = data_dir(args.data)
    if not root.is_dir():
        print(f"no Pol.is data at {root}", file=sys.stderr)
        return 1
    print(f"{'conversation':40s} {'k P/o':>9s} {'ARI':>6s} {'cover':>6s} {'clustered P/o':>13s}")
    figures: dict[str, dict] = {}
    spread: dict[str, list[float]] = {}
    for folder in conversations(root):
        export = read_polis_export(folder)
        t0 = time.perf_counter()
        om = compute_opinion_map(export.votes, export.moderated_out, seed=0)
        s = score(om.labels, export.polis_groups)
        s["seconds"] = time.perf_counter() - t0
        figures[folder.name] = {"final_state": s}
        print(line(folder.name, s) + "  final state only", flush=True)
        best = s
        if export.history is not None:
            best, _r = replayed(export)
            figures[folder.name]["replayed"] = best
            print(line("  replayed", best), flush=True)
        if args.seeds > 1:
            aris = [best["ari"]]
            for sd in range(1, args.seeds):
                if export.history is not None:
                    aris.append(replayed(export, seed=sd)[0]["ari"])
                else:
                    labels = compute_opinion_map(export.votes, export.moderated_out, seed=sd)
                    aris.append(score(labels.labels, export.polis_groups)["ari"])
            spread[folder.name] = aris
            print(f"{'':40s} ARI over {args.seeds} seeds: {min(aris):.3f} / "
                  f"{np.mean(aris):.3f} / {max(aris):.3f} (min / mean / max)", flush=True)
    if spread:
        figures["seeds"] = spread
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
