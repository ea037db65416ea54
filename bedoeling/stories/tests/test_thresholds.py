"""Breakdowns of fewer stories than the organisation's anonymity threshold are never shown,
and the page says so."""

from django.urls import reverse

from bedoeling.orgs.models import Team
from bedoeling.stories import patterns
from bedoeling.stories.models import Consent
from bedoeling.stories.selectors import StoryFilter


def get(client, org, name, query=""):
    return client.get(reverse(f"stories:{name}", kwargs={"org": org.slug}) + query)


def test_patterns_of_fewer_than_five_stories_are_suppressed(cast, client_for, tell_story):
    for _ in range(4):
        tell_story()
    html = get(client_for(cast.member), cast.org, "patterns").content.decode()
    assert "minder dan 5" in html and "Maak de selectie ruimer" in html
    assert "<svg" not in html.split("pattern-total")[1]


def test_patterns_appear_from_five_stories(cast, client_for, tell_story):
    for _ in range(5):
        tell_story()
    html = get(client_for(cast.member), cast.org, "patterns").content.decode()
    assert "Maak de selectie ruimer" not in html
    assert 'class="chart chart-ternary"' in html and 'class="chart chart-histogram"' in html


def test_the_threshold_is_set_per_organisation(cast, client_for, tell_story):
    cast.org.anonymity_threshold = 8
    cast.org.save()
    for _ in range(7):
        tell_story()
    html = get(client_for(cast.member), cast.org, "patterns").content.decode()
    assert "minder dan 8" in html


def test_a_filter_that_narrows_below_the_threshold_is_suppressed(cast, client_for, tell_story):
    small = Team.objects.create(organisation=cast.org, name="Kleuters")
    for _ in range(6):
        tell_story()
    for _ in range(2):
        tell_story(team=small)
    client = client_for(cast.member)
    assert "Maak de selectie ruimer" not in get(client, cast.org, "patterns").content.decode()
    html = get(client, cast.org, "patterns", f"?team={small.pk}").content.decode()
    assert "Hier zijn 2 verhalen: minder dan 5" in html and "Maak de selectie ruimer" in html


def test_choice_counts_below_the_threshold_are_hidden_not_rounded(cast, kit, tell_story):
    a, b, c = kit.multiple.options.all()
    for _ in range(6):
        tell_story(options=[a])
    tell_story(options=[b])
    page = patterns.overview(cast.org, StoryFilter(form=kit.form))
    choice = next(ch for ch in page["choices"] if ch["signifier"] == kit.multiple)
    rows = dict(choice["rows"])
    assert rows[a.label] == 6 and rows[b.label] is None and rows[c.label] is None
    assert "minder dan 5" in choice["svg"]


def test_a_triad_with_too_few_answers_is_suppressed_even_when_the_selection_is_large(
        cast, kit, tell_story):
    for _ in range(6):
        tell_story(weights=None)
    tell_story()
    page = patterns.overview(cast.org, StoryFilter(form=kit.form))
    assert not page["suppressed"] and page["triads"][0]["suppressed"]


def test_comparing_with_a_group_below_the_threshold_is_suppressed(cast, client_for, kit,
                                                                  tell_story):
    small = Team.objects.create(organisation=cast.org, name="Kleuters")
    for _ in range(6):
        tell_story(team=cast.team)
    for _ in range(3):
        tell_story(team=small)
    html = get(client_for(cast.member), cast.org, "compare",
               f"?formulier={kit.form.pk}&a-team={cast.team.pk}&b-team={small.pk}"
               ).content.decode()
    assert "Hier zijn 3 verhalen: minder dan 5" in html
    assert "chart-ternary" not in html


def test_themes_are_suppressed_below_the_threshold(cast, client_for, tell_story):
    for _ in range(3):
        tell_story(consent=Consent.LIBRARY)
    html = get(client_for(cast.member), cast.org, "themes").content.decode()
    assert "Om vertellers te beschermen" in html
