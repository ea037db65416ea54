"""Small-group suppression counts the people who could have told the stories, not the
stories, in patterns, filters, story cards and exports. The cast's team Bovenbouw has one
member (Lotte): an anonymous story told in it is hers."""

import csv
import io

from django.urls import reverse

from bedoeling.accounts.models import AuditEvent
from bedoeling.stories import patterns
from bedoeling.stories.models import Consent
from bedoeling.stories.selectors import StoryFilter
from bedoeling.stories.tests.test_patterns import grow_team


def url(org, name, query=""):
    return reverse(f"stories:{name}", kwargs={"org": org.slug}) + query


def test_a_filtered_export_of_a_team_of_one_is_refused(cast, client_for, tell_story):
    for _ in range(6):
        tell_story()
    tell_story(team=cast.team, consent=Consent.ANALYSIS, text="Alleen voor analyse.")
    client = client_for(cast.facilitator)
    for fmt in ("csv", "xlsx"):
        response = client.get(url(cast.org, f"export_{fmt}", f"?team={cast.team.pk}"))
        assert response.status_code == 302
        assert response["Location"].startswith(url(cast.org, "patterns"))
    body = client.get(response["Location"]).content.decode()
    assert "minder dan 5 mensen" in body
    assert not AuditEvent.objects.filter(action="stories.export").exists()


def test_the_export_hides_a_small_teams_name_and_the_day(cast, client_for, tell_story):
    from datetime import date

    for _ in range(3):
        tell_story()
    tell_story(team=cast.team, consent=Consent.ANALYSIS, told_on=date(2026, 3, 14))
    response = client_for(cast.facilitator).get(url(cast.org, "export_csv"))
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")),
                                    delimiter=";"))
    (row,) = [r for r in rows if r[header.index("team")]]
    assert "Bovenbouw" not in response.content.decode("utf-8-sig")
    assert row[header.index("team")] == "(klein team)"
    assert row[header.index("verteld in (maand)")] == "2026-03"


def test_a_team_of_five_is_named_in_the_export(cast, client_for, tell_story):
    grow_team(cast, 4)
    tell_story(team=cast.team)
    body = client_for(cast.facilitator).get(url(cast.org, "export_csv")).content.decode(
        "utf-8-sig")
    assert "Bovenbouw" in body


def test_patterns_of_six_anonymous_stories_from_a_team_of_one_are_suppressed(
        cast, client_for, kit, tell_story):
    for _ in range(6):
        tell_story(team=cast.team)
    page = patterns.overview(cast.org, StoryFilter(form=kit.form, team=cast.team))
    assert page["suppressed"] and page["few_people"]
    html = client_for(cast.lead).get(url(cast.org, "patterns",
                                         f"?team={cast.team.pk}")).content.decode()
    assert "minder dan 5 mensen" in html and "chart-ternary" not in html
    compare = client_for(cast.lead).get(url(
        cast.org, "compare", f"?formulier={kit.form.pk}&a-team={cast.team.pk}")).content.decode()
    assert "chart-ternary" not in compare
    assert patterns.themes(cast.org, StoryFilter(form=kit.form, team=cast.team))["suppressed"]


def test_named_stories_of_five_people_are_enough(cast, kit, tell_story):
    from bedoeling.accounts.models import Membership
    from bedoeling.conftest import make_user

    for i in range(5):
        teller = make_user(f"verteller{i}@example.org")
        Membership.objects.create(user=teller, organisation=cast.org, role="member")
        tell_story(team=cast.team, author=teller)
    assert not patterns.overview(cast.org, StoryFilter(form=kit.form, team=cast.team))[
        "suppressed"]


def test_a_small_teams_name_is_not_shown_beside_an_anonymous_story(cast, client_for,
                                                                   tell_story):
    story = tell_story(team=cast.team, text="Anoniem in een klein team.")
    client = client_for(cast.lead)
    detail = client.get(reverse("stories:story", kwargs={"org": cast.org.slug,
                                                        "story": story.pk})).content.decode()
    assert "Anoniem in een klein team." in detail and "Bovenbouw" not in detail.split(
        "<main")[1].split("</main>")[0]
    listing = client.get(url(cast.org, "story_list", f"?team={cast.team.pk}")).content.decode()
    assert "Anoniem in een klein team." not in listing
    grow_team(cast, 4)
    listing = client_for(cast.lead).get(url(cast.org, "story_list",
                                            f"?team={cast.team.pk}")).content.decode()
    assert "Anoniem in een klein team." in listing
