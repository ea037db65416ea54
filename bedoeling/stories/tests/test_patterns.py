"""Pattern views: dots that open their stories, filters applied everywhere, comparing two
sets, reproducible themes, and caching that never serves stale numbers."""

import datetime

import numpy as np
from django.urls import reverse

from bedoeling.stories import patterns
from bedoeling.stories.models import Answer, Consent, Story
from bedoeling.stories.selectors import StoryFilter


def get(client, org, name, query=""):
    return client.get(reverse(f"stories:{name}", kwargs={"org": org.slug}) + query)


def story_url(org, story):
    return reverse("stories:story", kwargs={"org": org.slug, "story": story.pk})


def test_every_dot_opens_its_story(cast, client_for, tell_story):
    stories = [tell_story(weights=(0.1 * i, 0.1, 0.9 - 0.1 * i)) for i in range(6)]
    html = get(client_for(cast.member), cast.org, "patterns").content.decode()
    for story in stories:
        assert f'<a href="{story_url(cast.org, story)}" tabindex="-1">' in html
    # The same links are in the table, for keyboards and screen readers.
    assert html.count(f'<a href="{story_url(cast.org, stories[0])}">') == 1


def test_the_centre_of_mass_is_shown_in_words(cast, kit, tell_story):
    for _ in range(5):
        tell_story(weights=(0.2, 0.2, 0.6))
    page = patterns.overview(cast.org, StoryFilter(form=kit.form))
    assert page["triads"][0]["centre"] == [("regels", "20 %"), ("cijfers", "20 %"),
                                           ("de Bedoeling", "60 %")]


def test_a_filter_applies_to_every_view(cast, client_for, kit, tell_story):
    grow_team(cast, 4)  # five people who could have told the team's stories
    for _ in range(5):
        tell_story(team=cast.team, slider=0.9)
    for _ in range(7):
        tell_story(slider=0.1)
    client = client_for(cast.member)
    html = get(client, cast.org, "patterns", f"?team={cast.team.pk}").content.decode()
    assert "<strong>5</strong> verhalen in deze selectie" in html
    assert "gemiddeld 90 %" in html
    listing = get(client, cast.org, "story_list", f"?team={cast.team.pk}").content.decode()
    assert "5 verhalen" in listing


def grow_team(cast, n):
    from bedoeling.accounts.models import Membership, Role
    from bedoeling.conftest import make_user

    for i in range(n):
        Membership.objects.create(user=make_user(f"teamlid{i}@example.org"), organisation=cast.org,
                                  role=Role.MEMBER, team=cast.team)


def test_choices_filter_with_or_within_a_question_and_and_across(cast, kit, tell_story):
    a, b, _c = kit.multiple.options.all()
    for _ in range(3):
        tell_story(options=[a])
    for _ in range(2):
        tell_story(options=[b])
    tell_story(options=[])
    assert StoryFilter(form=kit.form, options=(a,)).stories(cast.org).count() == 3
    assert StoryFilter(form=kit.form, options=(a, b)).stories(cast.org).count() == 5
    often = kit.single.options.last()
    one = Story.objects.filter(answers__option=a).first()
    Answer.objects.create(story=one, signifier=kit.single, option=often)
    assert StoryFilter(form=kit.form, options=(a, b, often)).stories(cast.org).count() == 1


def test_a_period_filter_and_its_shareable_url(cast, client_for, tell_story):
    for day in range(1, 7):
        tell_story(told_on=datetime.date(2026, 1, day))
    tell_story(told_on=datetime.date(2026, 5, 1))
    html = get(client_for(cast.member), cast.org, "patterns",
               "?van=2026-01-01&tot=2026-01-31").content.decode()
    assert "<strong>6</strong> verhalen in deze selectie" in html
    assert 'value="2026-01-01"' in html


def test_a_forged_filter_value_is_ignored_with_a_message(cast, client_for, tell_story):
    for _ in range(5):
        tell_story()
    html = get(client_for(cast.member), cast.org, "patterns",
               "?team=999999&van=gisteren").content.decode()
    assert "<strong>5</strong> verhalen in deze selectie" in html
    assert "errorlist" in html


def test_comparing_two_periods_shows_the_shift(cast, client_for, kit, tell_story):
    for day in range(1, 7):
        tell_story(told_on=datetime.date(2026, 1, day), weights=(0.6, 0.3, 0.1))
        tell_story(told_on=datetime.date(2026, 4, day), weights=(0.2, 0.1, 0.7))
    html = get(client_for(cast.member), cast.org, "compare",
               f"?formulier={kit.form.pk}&a-van=2026-01-01&a-tot=2026-03-31"
               "&b-van=2026-04-01&b-tot=2026-06-30").content.decode()
    assert "meer verhalen richting" in html
    assert "‘de Bedoeling’ (+60)" in html and "‘regels’ (-40)" in html


def test_the_shift_since_the_current_bedoeling_is_shown(cast, kit, tell_story):
    from bedoeling.purpose.services import purpose_version_create

    old = purpose_version_create(cast.org, cast.lead, statement="Eerst", reason="Begin")
    new = purpose_version_create(cast.org, cast.lead, statement="Nu", reason="Herijking")
    adopted = new.created_at.date()
    assert old.number == 1
    for i in range(5):
        tell_story(told_on=adopted - datetime.timedelta(days=10 + i), weights=(0.7, 0.2, 0.1))
        tell_story(told_on=adopted, weights=(0.1, 0.2, 0.7))
    triad = patterns.overview(cast.org, StoryFilter(form=kit.form))["triads"][0]
    assert triad["shift"]["names"] == ("vóór versie 2", "sinds versie 2")
    assert [c["points"] for c in triad["shift"]["changes"]] == [-60, 0, 60]


def test_thousands_of_stories_are_shaded_with_a_sample_of_dots(cast, kit, tell_story):
    first = tell_story(consent=Consent.LIBRARY)
    rng = np.random.default_rng(1)
    stories = Story.objects.bulk_create(
        Story(organisation=cast.org, form=kit.form, text="Verhaal", teller_role="employee",
              consent=Consent.ORGANISATION) for _ in range(1200))
    weights = rng.dirichlet([1, 1, 1], size=len(stories))
    Answer.objects.bulk_create(
        Answer(story=s, signifier=kit.triad, a=w[0], b=w[1], c=1 - w[0] - w[1])
        for s, w in zip(stories, weights, strict=True))
    triad = patterns.overview(cast.org, StoryFilter(form=kit.form))["triads"][0]
    assert triad["density"] and 'class="density"' in triad["svg"]
    assert 150 <= triad["overlay"].count("<a href=") <= patterns.SAMPLE_DOTS
    assert first.pk  # the overlay samples from all readable stories


def test_patterns_are_cached_until_a_story_changes(cast, kit, tell_story, django_assert_max_num_queries):
    for _ in range(5):
        tell_story()
    selection = StoryFilter(form=kit.form)
    patterns.overview(cast.org, selection)
    with django_assert_max_num_queries(2):
        cached = patterns.overview(cast.org, selection)
    assert cached["total"] == 5
    tell_story()
    assert patterns.overview(cast.org, selection)["total"] == 6


THEME_TEXTS = [
    "Het formulier voor de aanvraag was onvolledig, dus de aanvraag lag stil.",
    "Weer een formulier: de bijlage bij de aanvraag ontbrak en het formulier ging terug.",
    "De aanvraag kwam terug omdat het formulier niet klopte.",
    "Op de wachtlijst voor jeugdhulp stonden ze vier maanden; de wachtlijst groeit.",
    "De wachtlijst bij de jeugdhulp was zo lang dat het gezin afhaakte.",
    "Maanden op de wachtlijst, en de jeugdhulp kon niets beloven.",
]


def test_themes_are_reproducible_and_explained(cast, kit, tell_story):
    for i in range(24):
        tell_story(text=THEME_TEXTS[i % len(THEME_TEXTS)] + f" Dag {i}.",
                   consent=Consent.LIBRARY if i % 2 else Consent.ANALYSIS)
    selection = StoryFilter(form=kit.form)
    first = patterns.themes(cast.org, selection)
    from django.core.cache import cache

    cache.clear()
    second = patterns.themes(cast.org, selection)
    assert first == second
    words = {w["word"] for theme in first["themes"] for w in theme["terms"]}
    assert {"formulier", "wachtlijst"} <= words
    for theme in first["themes"]:
        assert theme["size"] >= cast.org.anonymity_threshold
        for story in theme["stories"]:
            # Examples are only ever stories whose text may be read, with the words why.
            pk = int(story["url"].rstrip("/").rsplit("/", 1)[1])
            assert Story.objects.get(pk=pk).consent == Consent.LIBRARY
            assert story["why"]


def test_the_themes_page_shows_words_and_typical_stories(cast, client_for, tell_story):
    for i in range(24):
        tell_story(text=THEME_TEXTS[i % len(THEME_TEXTS)], consent=Consent.LIBRARY)
    html = get(client_for(cast.member), cast.org, "themes").content.decode()
    assert "Thema 1" in html and "Typische verhalen" in html and "In dit thema vanwege" in html


def test_a_story_of_another_organisation_is_not_found(cast, client_for, tell_story):
    story = tell_story(consent=Consent.LIBRARY)
    response = client_for(cast.outsider).get(
        reverse("stories:story", kwargs={"org": cast.other.slug, "story": story.pk}))
    assert response.status_code == 404


def test_the_pattern_page_costs_a_bounded_number_of_queries(cast, client_for, kit, tell_story,
                                                            django_assert_max_num_queries):
    for _ in range(12):
        tell_story()
    client = client_for(cast.member)
    with django_assert_max_num_queries(40):
        assert get(client, cast.org, "patterns").status_code == 200


def test_a_selection_in_numpy_holds_the_same_stories_as_in_sql(cast, kit, tell_story):
    import random

    from bedoeling.orgs.models import Team
    from bedoeling.stories import selectors

    rng = random.Random(4)
    teams = [cast.team, Team.objects.create(organisation=cast.org, name="Onderbouw"), None]
    options = list(kit.multiple.options.all())
    for day in range(40):
        tell_story(team=rng.choice(teams), role=rng.choice(["employee", "parent"]),
                   told_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
                   options=rng.sample(options, rng.randint(0, 2)),
                   weights=None if day % 7 == 0 else (0.2, 0.3, 0.5))
    data = selectors.frame(cast.org, kit.form)
    for _ in range(30):
        chosen = tuple(rng.sample(options, rng.randint(0, 2)))
        selection = StoryFilter(
            form=kit.form, team=rng.choice(teams), role=rng.choice(["", "employee", "parent"]),
            date_from=rng.choice([None, datetime.date(2026, 1, 10)]),
            date_to=rng.choice([None, datetime.date(2026, 2, 1)]), options=chosen)
        mask = selectors.selection_mask(data, selection)
        assert set(data.ids[mask].tolist()) == set(
            selection.stories(cast.org).values_list("pk", flat=True))


def test_the_frame_appends_new_stories_and_reloads_after_other_changes(cast, kit, tell_story):
    from bedoeling.stories import selectors
    from bedoeling.stories.services import story_consent_change

    mine = tell_story(author=cast.member, consent=Consent.LIBRARY)
    for _ in range(3):
        tell_story()
    first = selectors.frame(cast.org, kit.form)
    assert len(first.ids) == 4 and first.readable.all()
    newest = tell_story(weights=(0.5, 0.25, 0.25))
    appended = selectors.frame(cast.org, kit.form)
    assert appended.ids.tolist() == first.ids.tolist() + [newest.pk]
    assert appended.triads[kit.triad.pk][-1].tolist() == [0.5, 0.25, 0.25]
    story_consent_change(mine, cast.member, Consent.ANALYSIS)
    reloaded = selectors.frame(cast.org, kit.form)
    assert not reloaded.readable[reloaded.rows_of([mine.pk])[0]]


def test_a_consent_change_or_a_deletion_patches_the_frame_without_reading_it_again(
        cast, kit, tell_story, monkeypatch):
    from bedoeling.stories import selectors
    from bedoeling.stories.services import story_consent_change, story_curate, story_delete

    mine = tell_story(author=cast.member, consent=Consent.LIBRARY)
    gone = tell_story()
    for _ in range(3):
        tell_story()
    first = selectors.frame(cast.org, kit.form)
    loads = []
    real = selectors._load_frame
    monkeypatch.setattr(selectors, "_load_frame",
                        lambda org, form, after=0: loads.append(after) or real(org, form, after))
    story_consent_change(mine, cast.member, Consent.ANALYSIS)
    patched = selectors.frame(cast.org, kit.form)
    assert not patched.readable[patched.rows_of([mine.pk])[0]]
    assert first.readable.all()  # the frame another request still holds is left alone
    story_delete(gone, cast.facilitator)
    story_curate(tell_story(consent=Consent.LIBRARY), cast.facilitator, title="Bank",
                 purpose_part="statement")
    newest = tell_story(weights=(0.5, 0.25, 0.25))
    data = selectors.frame(cast.org, kit.form)
    assert gone.pk not in data.ids.tolist() and newest.pk in data.ids.tolist()
    assert len(data.ids) == 6 and len(data.triads[kit.triad.pk]) == 6
    assert all(after > 0 for after in loads), loads  # only new stories were read
    # The same as reading it all again.
    fresh = real(cast.org, kit.form)
    assert data.ids.tolist() == fresh.ids.tolist()
    assert data.readable.tolist() == fresh.readable.tolist()
    assert np.allclose(data.triads[kit.triad.pk], fresh.triads[kit.triad.pk], equal_nan=True)


def test_patterns_open_on_the_form_with_the_most_signified_stories_and_say_why_one_has_none(
        cast, client_for, kit, tell_story):
    from bedoeling.stories.services import story_form_create, story_tell

    for _ in range(6):
        tell_story()
    # A newer form without questions about the story, with more stories (as the session
    # harvest's form is): opening on it would show a count and nothing else.
    bare = story_form_create(cast.org, cast.facilitator, title="Verhalen uit werksessies",
                             prompts=["Vertel."])
    for i in range(9):
        story_tell(bare, text=f"Een verhaal zonder vragen, nummer {i}.",
                   prompt=bare.prompts.first(), answers={}, teller_role="employee",
                   consent=Consent.ORGANISATION)
    client = client_for(cast.member)
    html = get(client, cast.org, "patterns").content.decode()
    assert "chart-triad" in html or "chart-card--triad" in html
    assert "Bij dit formulier zijn geen grafieken." not in html
    assert html.index(f'<option value="{kit.form.pk}"') < html.index(
        f'<option value="{bare.pk}"')
    html = get(client, cast.org, "patterns", f"?formulier={bare.pk}").content.decode()
    assert "Bij dit formulier zijn geen grafieken." in html
    assert "geen vragen over hun eigen verhaal" in html
    assert f'href="?formulier={kit.form.pk}"' in html  # the way to a form that has charts
