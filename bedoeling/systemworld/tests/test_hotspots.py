from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bedoeling.accounts.models import Membership, Role
from bedoeling.conftest import make_user
from bedoeling.systemworld import selectors, services
from bedoeling.systemworld.models import Signal

pytestmark = pytest.mark.django_db


def report(cast, rule, *, days_ago=0, severity=2, reporter=None, anonymous=False):
    signal = services.signal_report(cast.org, what_happened="x", rule=rule,
                                    severity=severity, reporter=reporter or cast.member,
                                    anonymous=anonymous).signal
    Signal.objects.filter(pk=signal.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago))
    return signal


def rules(cast, *titles, purpose="Een reden."):
    return [services.rule_create(cast.org, cast.facilitator, title=t, purpose_text=purpose)
            for t in titles]


def add_members(cast, n):
    people = []
    for i in range(n):
        user = make_user(f"collega{i}@example.org", f"Collega {i}")
        Membership.objects.create(user=user, organisation=cast.org, role=Role.MEMBER,
                                  team=cast.team)
        people.append(user)
    return people


def hotspots_url(cast):
    return reverse("systemworld:hotspots", kwargs={"org": cast.org.slug})


def test_hotspots_weigh_severity_and_recency_not_only_counts(cast):
    old_many, recent_severe = rules(cast, "Oud maar vaak", "Recent en ernstig")
    for _ in range(3):
        report(cast, old_many, days_ago=200, severity=1)  # 3 × 1 × 1 = 3
    report(cast, recent_severe, days_ago=2, severity=3)  # 1 × 3 × 3 = 9
    result = selectors.hotspots(cast.org, period="all")
    assert [row.rule for row in result.rows] == [recent_severe, old_many]
    top = result.rows[0]
    assert (top.total, top.recent, top.severe, top.score) == (1, 1, 1, 9)
    assert result.rows[1].score == 3


def test_the_period_filter_leaves_out_older_signals(cast):
    old, new = rules(cast, "Oud", "Nieuw")
    report(cast, old, days_ago=100)
    report(cast, new, days_ago=10)
    assert [row.rule for row in selectors.hotspots(cast.org, period="30").rows] == [new]
    assert len(selectors.hotspots(cast.org, period="365").rows) == 2


def test_rules_with_signals_but_no_stated_purpose_are_listed(cast):
    (with_purpose,) = rules(cast, "Met reden")
    (without,) = rules(cast, "Zonder reden", purpose="")
    (quiet,) = rules(cast, "Stil en zonder reden", purpose="")
    report(cast, with_purpose)
    report(cast, without)
    result = selectors.hotspots(cast.org)
    assert [row.rule for row in result.missing_purpose] == [without]
    assert quiet not in [row.rule for row in result.rows]


def test_a_team_breakdown_below_the_threshold_is_suppressed_and_says_so(cast, client_for):
    (rule,) = rules(cast, "Formulier")
    people = add_members(cast, 3)  # with the member: four people in the team
    for person in people:
        report(cast, rule, reporter=person)
    assert selectors.hotspots(cast.org, team=cast.team).suppressed
    response = client_for(cast.lead).get(hotspots_url(cast), {"team": cast.team.pk,
                                                              "period": "all"})
    body = response.content.decode()
    assert "Om melders te beschermen tonen we voor dit team niets." in body
    assert "Formulier" not in body.split("Om melders te beschermen")[1]


def test_a_big_team_with_few_reporters_is_suppressed_too(cast):
    (rule,) = rules(cast, "Formulier")
    add_members(cast, 10)
    for _ in range(6):
        report(cast, rule, reporter=cast.member)  # six signals, one person
    assert selectors.team_reporters(cast.org, cast.team) == 1
    assert selectors.hotspots(cast.org, team=cast.team).suppressed


def test_a_team_breakdown_at_the_threshold_is_shown(cast):
    (rule,) = rules(cast, "Formulier")
    people = add_members(cast, 4)
    report(cast, rule, reporter=cast.member, anonymous=True)
    for person in [cast.member, *people]:
        report(cast, rule, reporter=person)
    result = selectors.hotspots(cast.org, team=cast.team)
    assert not result.suppressed
    assert result.rows[0].total == 6


def test_five_anonymous_signals_of_one_person_do_not_make_five_reporters(cast):
    (rule,) = rules(cast, "Formulier")
    add_members(cast, 10)
    for _ in range(5):
        report(cast, rule, reporter=cast.member, anonymous=True)
    assert selectors.team_reporters(cast.org, cast.team) == 1
    assert selectors.hotspots(cast.org, team=cast.team).suppressed


def test_an_anonymous_signal_beside_four_named_reporters_may_be_one_of_theirs(cast):
    (rule,) = rules(cast, "Formulier")
    people = add_members(cast, 4)
    for person in people:
        report(cast, rule, reporter=person)
    report(cast, rule, reporter=cast.member, anonymous=True)
    assert selectors.team_reporters(cast.org, cast.team) == 4
    assert selectors.hotspots(cast.org, team=cast.team).suppressed


def test_the_threshold_is_the_organisations_own(cast):
    (rule,) = rules(cast, "Formulier")
    cast.org.anonymity_threshold = 1
    cast.org.save()
    report(cast, rule)
    assert not selectors.hotspots(cast.org, team=cast.team).suppressed


def test_hotspots_never_rank_people_or_teams(cast, client_for):
    (rule,) = rules(cast, "Formulier")
    report(cast, rule, reporter=cast.member)
    body = client_for(cast.lead).get(hotspots_url(cast)).content.decode()
    assert "Formulier" in body
    assert cast.member.display_name not in body
    assert cast.team.name not in body.split("</form>")[1]


def test_hot_pages_ask_a_fixed_number_of_queries(cast, client_for,
                                                 django_assert_max_num_queries, next_week):
    many = rules(cast, *[f"Regel {i}" for i in range(12)])
    for i, rule in enumerate(many):
        for _ in range(i % 3 + 1):
            report(cast, rule)
        services.action_create(cast.org, cast.lead, kind="change", title=f"Actie {i}",
                               owner=cast.lead, due_date=next_week, rule=rule)
    client = client_for(cast.lead)
    for name in ("register", "hotspots", "actions", "signals"):
        with django_assert_max_num_queries(14):
            response = client.get(reverse(f"systemworld:{name}", kwargs={"org": cast.org.slug}))
        assert response.status_code == 200
