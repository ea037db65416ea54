"""Benchmark of the story pages at the scale of a large organisation.

Run with ``python bench/bench_stories.py`` (or through ``make bench``). It creates a
throwaway database (``test_<name>`` on PostgreSQL when BEDOELING_DATABASE_URL is set, an
in-memory SQLite database otherwise), fills one organisation with 100,000 signified stories
(bulk inserts, texts put together from the demo's scenes), and requests the pages through
Django's test Client, logged in as a facilitator: the whole stack except the network.

Every page is timed against a trivial page of the same app, requested in turn with it
('my stories', empty: same middleware, navigation and base template, one small query), and
the themes against a trivial pass over the same texts (lower-casing and splitting), because
absolute milliseconds say more about the machine than about the code, and a busy machine
slows both alike.

* library: the story library, newest curated stories first, and a search in it;
* patterns, warm: the pattern page again (cached per selection and data version);
* patterns, cold: the same page with the page cache emptied before every request;
* patterns, new story: a story is told before every request, so the page is recomputed and
  the numpy frame of the form's signification gets one row appended;
* patterns, first load: page cache and frames emptied before every request, so all
  100,000 stories' signification is read from the database again (after a consent change,
  a deletion, or a restart);
* filter change: a new selection on every request (team × role × period), so never cached;
* themes: 10,000 stories' texts through the Dutch analysis and NMF, and the themes page for
  a selection of about 10,000 stories, both cold.

Aim: pattern views under 500 ms p95; themes for 10,000 stories under 10 s on 2 cores.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

# Runnable as a plain script from the repository root or from bench/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django():
    from bench.testdb import open_test_db

    return open_test_db()


def story_texts(rng: random.Random):
    """Endless natural texts from the demo's scenes, any steer."""
    from bedoeling.stories import demo

    scenes = demo.SCHOOL_SCENES + demo.MUNICIPALITY_SCENES
    while True:
        scene = rng.choice(scenes)
        steer = rng.choice((demo.PURPOSE, demo.RULES, demo.TARGETS))
        people = demo.CHILDREN if scene in demo.SCHOOL_SCENES or scene.get("children") \
            else demo.RESIDENTS
        slots = demo._pronouns(rng.choice(people))
        slots.update(groep=rng.randint(1, 8), dag=rng.choice(demo.DAYS))
        yield demo._story_text(rng, scene, steer, slots), steer


def populate(n: int, seed: int = 7):
    import numpy as np
    from django.utils import timezone

    from bedoeling.accounts.models import Membership, Role, User
    from bedoeling.orgs.models import Organisation, Team
    from bedoeling.stories import search
    from bedoeling.stories.demo import PURPOSE, STEERS
    from bedoeling.stories.models import (
        Answer,
        Consent,
        LibraryEntry,
        PurposePart,
        SignifierKind,
        Story,
        TellerRole,
    )
    from bedoeling.stories.services import signifier_add, story_form_create

    rng = random.Random(seed)
    np_rng = np.random.default_rng(seed)
    org = Organisation.objects.create(name="Gemeente Groot", slug="groot")
    teams = [Team.objects.create(organisation=org, name=f"Team {i}") for i in range(5)]
    facilitator = User.objects.create_user("begeleider@groot.test", "!", name="Begeleider")
    Membership.objects.create(user=facilitator, organisation=org, role=Role.FACILITATOR)
    form = story_form_create(org, facilitator, title="Verhalen", prompts=[
        "Vertel over een moment dat het werkte zoals bedoeld.",
        "Vertel over een regel die in de weg zat."])
    prompts = list(form.prompts.all())
    triad = signifier_add(form, facilitator, kind=SignifierKind.TRIAD, question="Wat stuurde?",
                          labels=["regels", "targets", "de Bedoeling"])
    room = signifier_add(form, facilitator, kind=SignifierKind.SLIDER, question="Ruimte?",
                         labels=["geen", "alle"])
    outcome = signifier_add(form, facilitator, kind=SignifierKind.SLIDER, question="Resultaat?",
                            labels=["slecht", "goed"])
    blocked = signifier_add(form, facilitator, kind=SignifierKind.MULTIPLE,
                            question="Wat zat in de weg?",
                            options=["formulier", "regel", "tijd", "target", "niets"])
    feeling = signifier_add(form, facilitator, kind=SignifierKind.FEELING, question="Gevoel?")
    blocked_options = list(blocked.options.all())
    feeling_options = list(feeling.options.all())
    roles = [TellerRole.EMPLOYEE] * 6 + [TellerRole.CLIENT, TellerRole.PARENT, TellerRole.LEAD]
    consents = [Consent.LIBRARY, Consent.ORGANISATION, Consent.ORGANISATION, Consent.ANALYSIS]
    today = timezone.localdate()
    texts = story_texts(rng)
    batch = 5000
    for start in range(0, n, batch):
        size = min(batch, n - start)
        made = [next(texts) for _ in range(size)]
        stories = Story.objects.bulk_create([
            Story(organisation=org, form=form, prompt=prompts[i % 2], text=text,
                  teller_role=rng.choice(roles), team=rng.choice(teams + [None]),
                  consent=rng.choice(consents),
                  told_on=today - timedelta(days=int(rng.triangular(0, 730, 60))))
            for i, (text, _steer) in enumerate(made)])
        alphas = np.ones((size, 3)) * 1.3
        for i, (_text, steer) in enumerate(made):
            alphas[i, STEERS.index(steer)] += 5
        weights = np.vstack([np_rng.dirichlet(a) for a in alphas])
        answers = []
        for story, w, (_text, steer) in zip(stories, weights, made, strict=True):
            answers.append(Answer(story=story, signifier=triad, a=float(w[0]), b=float(w[1]),
                                  c=float(1 - w[0] - w[1])))
            good = steer == PURPOSE
            answers.append(Answer(story=story, signifier=room,
                                  value=round(rng.betavariate(5 if good else 2, 2 if good else 5), 3)))
            if rng.random() < 0.1:
                answers.append(Answer(story=story, signifier=outcome, not_applicable=True))
            else:
                answers.append(Answer(story=story, signifier=outcome,
                                      value=round(rng.random(), 3)))
            for option in rng.sample(blocked_options, rng.randint(0, 2)):
                answers.append(Answer(story=story, signifier=blocked, option=option))
            answers.append(Answer(story=story, signifier=feeling,
                                  option=rng.choice(feeling_options)))
        Answer.objects.bulk_create(answers, batch_size=5000)
    library = Story.objects.filter(organisation=org, consent=Consent.LIBRARY)[:60]
    LibraryEntry.objects.bulk_create([
        LibraryEntry(organisation=org, story=s, title=f"Verhaal {i}",
                     purpose_part=PurposePart.FOR_CLIENT, curated_by=facilitator)
        for i, s in enumerate(library)])
    search.rebuild(org)
    return org, facilitator, form, teams


def analyse():
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if settings.USING_POSTGRES else "ANALYZE")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def timed(client, url: str, before=None) -> float:
    if before:
        before()
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


TRIVIAL: list = []  # (client, url) of the baseline page, set in main()


def measure(client, urls, n: int, before=None) -> tuple[list[float], list[float]]:
    """Timings of the page and, interleaved request by request, of the trivial page: on a
    busy machine both then meet the same load, and their ratio stays meaningful."""
    urls = itertools.cycle(urls if isinstance(urls, list) else [urls])
    for _ in range(2):
        timed(client, next(urls), before)
    page, trivial = [], []
    for _ in range(n):
        page.append(timed(client, next(urls), before))
        trivial.append(timed(*TRIVIAL))
    return page, trivial


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
    parser.add_argument("--theme-stories", type=int, default=10_000)
    args = parser.parse_args(argv)

    connection, old_name = setup_django()
    try:
        from django.conf import settings
        from django.core.cache import cache
        from django.test import Client
        from django.urls import reverse
        from django.utils import timezone

        from bedoeling.insights.themes import find_themes
        from bedoeling.stories import patterns, selectors
        from bedoeling.stories.models import Story
        from bedoeling.stories.selectors import StoryFilter
        from bedoeling.stories.services import story_tell

        start = time.perf_counter()
        org, facilitator, form, teams = populate(args.stories)
        analyse()
        engine = "PostgreSQL" if settings.USING_POSTGRES else "SQLite"
        print(f"stories bench on {engine}: {args.stories:,} stories in one organisation "
              f"(generated in {time.perf_counter() - start:.0f} s)", flush=True)
        client = Client()
        client.force_login(facilitator)

        def url(name, query=""):
            return reverse(f"stories:{name}", kwargs={"org": org.slug}) + query

        today = timezone.localdate()
        periods = ["", f"&van={today - timedelta(days=90)}",
                   f"&van={today - timedelta(days=365)}&tot={today - timedelta(days=90)}"]
        filters = [url("patterns", f"?team={team.pk}&rol={role}{period}")
                   for team in teams for role in ("", "employee", "client") for period in periods]
        random.Random(1).shuffle(filters)

        TRIVIAL[:] = [client, url("my_stories")]
        rows = [("library", measure(client, url("library"), args.requests)),
                ("library, search", measure(client, url("library", "?q=formulier"),
                                            args.requests)),
                ("all stories, search", measure(client, url("story_list", "?q=wachtlijst"),
                                                args.requests)),
                ("patterns, warm", measure(client, url("patterns"), args.requests)),
                ("patterns, cold", measure(client, url("patterns"), args.requests,
                                           before=cache.clear))]
        teller = itertools.count()

        def new_story():
            story_tell(form, text=f"Een nieuw verhaal ({next(teller)}).",
                       prompt=form.prompts.first(), teller_role="employee",
                       consent="organisation", answers={})

        rows.append(("patterns, new story", measure(client, url("patterns"), args.requests,
                                                    before=new_story)))
        cache.clear()
        rows.append(("filter change", measure(client, filters, min(args.requests,
                                                                   len(filters) - 2))))

        def forget_everything():
            cache.clear()
            selectors._FRAMES.clear()

        rows.append(("patterns, first load", measure(client, url("patterns"),
                                                     max(5, args.requests // 8),
                                                     before=forget_everything)))
        print(f"{'page':<22} {'p50 ms':>8} {'p95 ms':>8} {'trivial p95':>12} {'ratio':>7}")
        for label, (timings, trivial) in rows:
            print(f"{label:<22} {statistics.median(timings):8.1f} {p95(timings):8.1f} "
                  f"{p95(trivial):12.1f} {p95(timings) / p95(trivial):>7.2f}", flush=True)
        worst = max(p95(t) for label, (t, _) in rows
                    if label.startswith(("patterns", "filter")) and label != "patterns, first load")
        print(f"slowest pattern view p95 (first load aside): {worst:.0f} ms "
              "(aim: under 500 ms)")

        texts = list(Story.objects.filter(organisation=org).order_by("pk")
                     .values_list("text", flat=True)[:args.theme_stories])
        started = time.perf_counter()
        trivial = [text.lower().split() for text in texts]
        trivial_s = time.perf_counter() - started
        started = time.perf_counter()
        result = find_themes(texts, min_size=org.anonymity_threshold, random_state=0)
        themes_s = time.perf_counter() - started
        assert trivial and result.themes
        team_selection = StoryFilter(form=form, team=teams[0])
        cache.clear()
        started = time.perf_counter()
        page = patterns.themes(org, team_selection)
        page_s = time.perf_counter() - started
        print(f"{'task':<34} {'seconds':>8} {'/ trivial':>10}")
        print(f"{'trivial (lower + split)':<34} {trivial_s:8.3f} {1:>10.0f}")
        label = f"themes for {len(texts):,} texts"
        print(f"{label:<34} {themes_s:8.2f} {themes_s / trivial_s:>10.0f}")
        label = f"themes page, {page['total']:,} stories"
        print(f"{label:<34} {page_s:8.2f} {page_s / trivial_s:>10.0f}")
        print(f"themes found: {len(result.themes)} (aim: 10,000 texts under 10 s)")
    finally:
        from bench.testdb import close_test_db

        close_test_db(connection, old_name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
