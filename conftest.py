"""Shared pytest setup. With BEDOELING_STRICT=1 (CI) a skipped test is a failure: nothing
may be skipped there for a missing browser or service."""

import os
import uuid

import pytest

# Each test run gets its own Redis namespace, so it never meets a running instance.
os.environ.setdefault("BEDOELING_REDIS_PREFIX", f"test-{uuid.uuid4().hex[:8]}")


def pytest_collection_modifyitems(config, items):
    """A test of SQLite's own behaviour (its file lock) is not collected on PostgreSQL:
    deselected, not skipped, since nothing is missing there."""
    if not os.environ.get("BEDOELING_DATABASE_URL", "").startswith(("postgres", "postgresql")):
        return
    keep = [item for item in items if item.get_closest_marker("sqlite_only") is None]
    if len(keep) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("BEDOELING_STRICT") == "1" and not hasattr(
        report, "wasxfail"
    ):
        report.outcome = "failed"
        report.longrepr = f"Skipped in strict mode (CI): {report.longrepr}"


def pytest_sessionfinish(session, exitstatus):
    """Leave nothing in Redis under the run's prefix (the e2e servers' keys), so a machine
    that runs the suite daily does not collect counters; each test clears its own."""
    url = os.environ.get("BEDOELING_REDIS_URL")
    if not url or hasattr(session.config, "workerinput"):
        return
    from bedoeling.conftest import forget_prefix

    forget_prefix(url, os.environ["BEDOELING_REDIS_PREFIX"])

