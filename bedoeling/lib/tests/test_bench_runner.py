"""`python -m bench` with a name it does not know says so instead of starting every suite."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _bench(*args):
    return subprocess.run([sys.executable, "-m", "bench", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_bench_help_lists_the_suites_and_runs_none():
    result = _bench("--help")
    assert result.returncode == 0
    assert "suites: opinionmap" in result.stdout
    assert "=== bench" not in result.stdout


def test_an_unknown_suite_is_refused_without_running_any():
    result = _bench("nope")
    assert result.returncode == 2
    assert "no suite 'nope'" in result.stderr
    assert "=== bench" not in result.stdout
