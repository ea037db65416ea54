"""Where the shared real-world data sets live (Pol.is exports, CC BY 4.0), for the tests
and benchmarks that measure against them. Not shipped with the project."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def polis_data_dir() -> Path:
    """$BEDOELING_POLIS_DATA, else ../shared/data/polis next to the checkout, else the
    workplace's /work/shared/data/polis: a clean checkout for CI may live anywhere."""
    candidates = [
        Path(p) for p in [os.environ.get("BEDOELING_POLIS_DATA")] if p
    ] + [ROOT.parent / "shared" / "data" / "polis", Path("/work/shared/data/polis")]
    return next((c for c in candidates if c.is_dir()), candidates[0])
