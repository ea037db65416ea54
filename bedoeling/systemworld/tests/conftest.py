"""Fixtures for the system world's tests, on top of the `cast` in bedoeling/conftest.py."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bedoeling.lib import ratelimit
from bedoeling.systemworld import services

ADDRESS = "127.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_rate_limits(db):
    # With Redis the buckets outlive a test's transaction; start every test with full ones.
    for scope in ("signal-public-ip", "receipt-ip"):
        ratelimit.reset(scope, ADDRESS)
    yield


@pytest.fixture
def rule(cast):
    return services.rule_create(
        cast.org, cast.facilitator, title="Bewijsstukken opnieuw opvragen", kind="procedure",
        owner_user=cast.lead, source_type="agreement",
        source_reference="Werkinstructie rechtmatigheid, §3",
        purpose_text="Besluiten op actuele gegevens.",
    )


@pytest.fixture
def foreign_rule(cast):
    return services.rule_create(cast.other, cast.outsider, title="Regel van elders")


@pytest.fixture
def next_week():
    return timezone.localdate() + timedelta(days=7)
