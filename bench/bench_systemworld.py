"""Benchmark of the system world's busiest pages at the scale of a large organisation.

Run with ``python bench/bench_systemworld.py`` (or through ``make bench``). It creates a
throwaway database (``test_<name>`` on PostgreSQL when BEDOELING_DATABASE_URL is set, an
in-memory SQLite database otherwise), fills one organisation with 5,000 rules, 100,000
signals and 20,000 actions using bulk inserts, and then requests each page through Django's
test Client, logged in as a team lead: the whole stack except the network (URL routing,
middleware, sessions, org scoping, queries, templates). Every page is timed against a trivial
page of the same app measured in the same run (the empty message list: same middleware,
navigation and base template, one small query), because absolute milliseconds say more about
the machine than about the code. Ratios near 1 mean the page costs little beyond any page.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

# Runnable as a plain script from the repository root or from bench/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KINDS = ["rule", "procedure", "kpi", "form", "system"]
SOURCES = ["law", "regulation", "policy", "agreement", "unknown"]
ACTION_KINDS = ["remove", "change", "allow", "explain", "escalate", "experiment"]
STATUSES = ["planned", "in_progress", "done", "dropped"]
SUBJECTS = ["Bewijsstukken", "Termijn", "Formulier", "Registratie", "Toets", "Intake",
            "Beschikking", "Indicatie", "Huisbezoek", "Verantwoording"]
WORDS = ["opnieuw opvragen", "binnen acht weken", "met verplichte velden", "in het zaaksysteem",
         "per kwartaal", "via DigiD", "met vier ogen", "per consulent", "op papier", "vooraf"]


def setup_django():
    from bench.testdb import open_test_db

    return open_test_db()


def populate(n_rules: int, n_signals: int, n_actions: int, seed: int = 42):
    from django.utils import timezone

    from bedoeling.accounts.models import Membership, Role, User
    from bedoeling.orgs.models import Organisation, Team
    from bedoeling.systemworld.models import Action, Rule, Signal

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    org = Organisation.objects.create(name="Gemeente Groot", slug="groot")
    teams = Team.objects.bulk_create([Team(organisation=org, name=f"Team {i}")
                                      for i in range(20)])
    users = User.objects.bulk_create([
        User(email=f"mens{i}@groot.test", name=f"Mens {i}", password="!") for i in range(200)])
    Membership.objects.bulk_create([
        Membership(user=u, organisation=org, team=teams[i % 20],
                   role=Role.LEAD if i == 0 else Role.MEMBER) for i, u in enumerate(users)])
    rules = Rule.objects.bulk_create([
        Rule(organisation=org, title=f"{rng.choice(SUBJECTS)} {rng.choice(WORDS)} {i}",
             kind=rng.choice(KINDS), source_type=rng.choice(SOURCES),
             owner_user=users[rng.randrange(200)] if i % 3 else None,
             owner_label="Team Rechtmatigheid" if i % 4 == 0 else "",
             purpose_text="" if i % 5 == 0 else "Zorgvuldig en gelijk behandelen.",
             created_at=now - timedelta(days=800))
        for i in range(n_rules)], batch_size=1000)
    # A few rules draw most signals, as in life (Zipf-like).
    weights = [1 / (rank + 1) for rank in range(n_rules)]
    chosen = rng.choices(rules, weights=weights, k=n_signals)
    batch = []
    for i in range(n_signals):
        anonymous = i % 3 == 0
        batch.append(Signal(
            organisation=org, rule=None if i % 10 == 0 else chosen[i],
            rule_named="een formulier" if i % 10 == 0 else "",
            what_happened="Het formulier vroeg opnieuw om stukken die we al hadden.",
            client_effect="Twee weken vertraging.", severity=rng.choice((1, 2, 2, 3)),
            reporter=None if anonymous else users[rng.randrange(200)], is_anonymous=anonymous,
            team=teams[rng.randrange(20)], created_at=now - timedelta(minutes=rng.randrange(
                0, 60 * 24 * 730)),
        ))
        if len(batch) == 5000:
            Signal.objects.bulk_create(batch)
            batch = []
    Signal.objects.bulk_create(batch)
    actions = Action.objects.bulk_create([
        Action(organisation=org, kind=rng.choice(ACTION_KINDS), title=f"Actie {i}",
               rule=rules[rng.randrange(n_rules)], owner=users[rng.randrange(200)],
               due_date=today + timedelta(days=rng.randrange(-120, 120)),
               status=rng.choice(STATUSES), progress=rng.randrange(0, 101, 10),
               review_date=today + timedelta(days=rng.randrange(-30, 60)),
               created_at=now - timedelta(days=rng.randrange(1, 300)))
        for i in range(n_actions)], batch_size=2000)
    signal_ids = list(Signal.objects.filter(organisation=org).values_list("pk", flat=True)[:50_000])
    Through = Action.signals.through
    Through.objects.bulk_create([
        Through(action_id=a.pk, signal_id=signal_ids[rng.randrange(len(signal_ids))])
        for a in actions], batch_size=5000, ignore_conflicts=True)
    return org, users[0]


def analyse():
    """Planner statistics, and on PostgreSQL the visibility map that index-only scans need:
    what autovacuum does for a real instance in the background."""
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if settings.USING_POSTGRES else "ANALYZE")


def measure(client, url: str, n: int) -> list[float]:
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=int, default=5_000)
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--actions", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page")
    args = parser.parse_args(argv)

    connection, old_name = setup_django()
    try:
        from django.conf import settings
        from django.test import Client
        from django.urls import reverse

        start = time.perf_counter()
        org, lead = populate(args.rules, args.signals, args.actions)
        analyse()
        engine = "PostgreSQL" if settings.USING_POSTGRES else "SQLite"
        print(f"systemworld bench on {engine}: {args.rules:,} rules, {args.signals:,} signals, "
              f"{args.actions:,} actions in one organisation "
              f"(generated in {time.perf_counter() - start:.1f} s)")
        client = Client()
        client.force_login(lead)

        def url(name, query=""):
            return reverse(f"systemworld:{name}", kwargs={"org": org.slug}) + query

        pages = [
            ("register", url("register")),
            ("register, page 40", url("register", "?pagina=40")),
            ("register, search", url("register", "?q=formulier&kind=form")),
            ("hotspots (3 months)", url("hotspots")),
            ("hotspots (last year)", url("hotspots", "?period=365")),
            ("hotspots (all time)", url("hotspots", "?period=all")),
            ("hotspots (one team)", url("hotspots", f"?team={org.teams.first().pk}&period=all")),
            ("action board", url("actions")),
            ("signals, unanswered", url("signals", "?toon=onbeantwoord")),
        ]
        baseline = measure(client, url("notifications"), args.requests)
        base = p95(baseline)
        print(f"{'page':<24} {'p50 ms':>8} {'p95 ms':>8} {'p95 / trivial':>14}")
        print(f"{'trivial (messages)':<24} {statistics.median(baseline):8.1f} {base:8.1f} "
              f"{1:>14.2f}")
        worst = 0.0
        for label, address in pages:
            timings = measure(client, address, args.requests)
            ratio = p95(timings) / base
            worst = max(worst, p95(timings))
            print(f"{label:<24} {statistics.median(timings):8.1f} {p95(timings):8.1f} "
                  f"{ratio:>14.2f}")
        print(f"slowest p95: {worst:.0f} ms (aim on PostgreSQL: under 200 ms)")
    finally:
        from bench.testdb import close_test_db

        close_test_db(connection, old_name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
