"""The demo shows a year of use: Lotte's and Fatma's reflections, two rounds."""

from collections import Counter

import pytest

from bedoeling.accounts.models import User
from bedoeling.reflection import selectors
from bedoeling.reflection.models import ReflectionEntry, ReflectionLink, Round


@pytest.mark.django_db
def test_lotte_and_fatma_have_a_year_of_varied_reflections(demo_module):
    for email in ("lotte@wilgenhoek.test", "fatma@lindeveld.test"):
        entries = list(ReflectionEntry.objects.filter(author__email=email))
        assert len(entries) >= 35
        span = max(e.written_on for e in entries) - min(e.written_on for e in entries)
        assert span.days >= 330
        texts = [e.text for e in entries]
        assert len(set(texts)) == len(texts)  # no two entries alike
        openings = Counter(e.answers.get("from", "")[:60] for e in entries if "from" in e.answers)
        assert max(openings.values()) <= 2
        assert len({e.model for e in entries}) == 5  # every reflection model is used
        assert {o for e in entries for o in e.obstacles}
        assert {p for e in entries for p in e.parts}
    assert ReflectionEntry.objects.exclude(
        author__email__in=["lotte@wilgenhoek.test", "fatma@lindeveld.test"]).count() == 0
    fatma = User.objects.get(email="fatma@lindeveld.test")
    assert ReflectionLink.objects.filter(entry__author=fatma, kind="signal").count() == 1


@pytest.mark.django_db
def test_one_round_is_closed_with_a_result_and_one_waits_for_one_more_answer(demo_module):
    closed = Round.objects.get(organisation__slug="wilgenhoek")
    waiting = Round.objects.get(organisation__slug="lindeveld")
    assert not closed.is_open and waiting.is_open
    assert selectors.round_results(closed)["suppressed"] is False
    result = selectors.round_results(waiting)
    assert result["suppressed"] is True
    assert result["respondents"] == waiting.organisation.anonymity_threshold - 1
