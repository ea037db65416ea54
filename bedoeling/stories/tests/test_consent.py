"""Consent is enforced wherever a story can be seen: its page, lists, search, the library,
patterns and exports. Who may read what is documented in docs/stories.md."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bedoeling.stories.models import Consent, LibraryEntry, PurposePart
from bedoeling.stories.services import story_consent_change, story_curate

SECRET = "Alleen-voor-analyse-zin over de wachtlijst van het consultatiebureau."


def story_url(org, story):
    return reverse("stories:story", kwargs={"org": org.slug, "story": story.pk})


def test_members_read_stories_shared_with_the_organisation(cast, client_for, tell_story):
    story = tell_story(consent=Consent.ORGANISATION, text="Gedeeld binnen de school.")
    response = client_for(cast.member).get(story_url(cast.org, story))
    assert response.status_code == 200
    assert "Gedeeld binnen de school." in response.content.decode()


def test_nobody_else_reads_a_story_for_analysis_only(cast, client_for, tell_story):
    story = tell_story(consent=Consent.ANALYSIS, text=SECRET)
    for user in (cast.member, cast.lead, cast.facilitator):
        assert client_for(user).get(story_url(cast.org, story)).status_code == 404


def test_the_teller_reads_her_own_story_for_analysis_only(cast, client_for, tell_story):
    story = tell_story(consent=Consent.ANALYSIS, text=SECRET, author=cast.member)
    response = client_for(cast.member).get(story_url(cast.org, story))
    assert response.status_code == 200 and SECRET in response.content.decode()
    assert "Alleen jij, de verteller" in response.content.decode()


def test_stories_for_analysis_only_never_appear_in_lists_or_search(cast, client_for, tell_story):
    tell_story(consent=Consent.ANALYSIS, text=SECRET)
    client = client_for(cast.facilitator)
    for name, query in (("stories:story_list", ""), ("stories:story_list", "?q=wachtlijst"),
                        ("stories:library", "?q=wachtlijst")):
        html = client.get(reverse(name, kwargs={"org": cast.org.slug}) + query).content.decode()
        assert "consultatiebureau" not in html


def test_a_story_for_analysis_only_counts_in_patterns_without_a_link(cast, client_for,
                                                                    tell_story):
    hidden = [tell_story(consent=Consent.ANALYSIS, text=SECRET) for _ in range(5)]
    shown = tell_story(consent=Consent.ORGANISATION)
    html = client_for(cast.member).get(
        reverse("stories:patterns", kwargs={"org": cast.org.slug})).content.decode()
    assert "6</strong> verhalen in deze selectie" in html
    assert story_url(cast.org, shown) in html
    for story in hidden:
        assert story_url(cast.org, story) not in html
    assert "consultatiebureau" not in html


def test_only_stories_with_library_consent_can_be_curated(cast, tell_story):
    story = tell_story(consent=Consent.ORGANISATION)
    with pytest.raises(ValidationError):
        story_curate(story, cast.facilitator, title="Mooi", purpose_part=PurposePart.FOR_US)
    assert not LibraryEntry.objects.exists()


def test_the_curate_page_is_not_found_without_library_consent(cast, client_for, tell_story):
    story = tell_story(consent=Consent.ORGANISATION)
    response = client_for(cast.facilitator).post(
        reverse("stories:curate", kwargs={"org": cast.org.slug, "story": story.pk}),
        {"title": "Mooi", "purpose_part": "for_us"})
    assert response.status_code == 404
    assert not LibraryEntry.objects.exists()


def test_a_facilitator_curates_a_story_into_the_library(cast, client_for, tell_story):
    story = tell_story(consent=Consent.LIBRARY, text="Ik nam de tijd voor de vader.")
    response = client_for(cast.facilitator).post(
        reverse("stories:curate", kwargs={"org": cast.org.slug, "story": story.pk}),
        {"title": "Tijd voor de vader", "purpose_part": "for_client", "note": "Zo bedoelen we het."})
    assert response.status_code == 302
    entry = LibraryEntry.objects.get()
    assert (entry.title, entry.purpose_part, entry.curated_by) == (
        "Tijd voor de vader", "for_client", cast.facilitator)
    library = client_for(cast.member).get(reverse("stories:library",
                                                  kwargs={"org": cast.org.slug}))
    assert "Tijd voor de vader" in library.content.decode()


def test_members_cannot_curate(cast, client_for, tell_story):
    story = tell_story(consent=Consent.LIBRARY)
    response = client_for(cast.member).post(
        reverse("stories:curate", kwargs={"org": cast.org.slug, "story": story.pk}),
        {"title": "Mooi", "purpose_part": "for_us"})
    assert response.status_code == 403
    assert not LibraryEntry.objects.exists()


def test_a_teller_who_withdraws_library_consent_leaves_the_library(cast, client_for,
                                                                  tell_story):
    story = tell_story(consent=Consent.LIBRARY, author=cast.member)
    story_curate(story, cast.facilitator, title="Mooi verhaal", purpose_part=PurposePart.FOR_US)
    response = client_for(cast.member).post(
        reverse("stories:consent", kwargs={"org": cast.org.slug, "story": story.pk}),
        {"consent": "analysis"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.consent == Consent.ANALYSIS and not LibraryEntry.objects.exists()
    assert client_for(cast.facilitator).get(story_url(cast.org, story)).status_code == 404


def test_only_the_teller_changes_consent(cast, client_for, tell_story):
    story = tell_story(consent=Consent.LIBRARY, author=cast.member)
    with pytest.raises(ValidationError):
        story_consent_change(story, cast.facilitator, Consent.ANALYSIS)
    response = client_for(cast.lead).post(
        reverse("stories:consent", kwargs={"org": cast.org.slug, "story": story.pk}),
        {"consent": "analysis"})
    assert response.status_code == 404
    story.refresh_from_db()
    assert story.consent == Consent.LIBRARY


def test_an_anonymous_story_shows_no_name_and_only_the_month(cast, client_for, tell_story):
    import datetime

    story = tell_story(consent=Consent.ORGANISATION, told_on=datetime.date(2026, 3, 17))
    html = client_for(cast.lead).get(story_url(cast.org, story)).content.decode()
    assert "Anoniem verteld" in html and "maart 2026" in html and "17 maart" not in html


def test_a_facilitator_or_the_teller_deletes_a_story(cast, client_for, tell_story):
    mine = tell_story(author=cast.member)
    other = tell_story()
    member = client_for(cast.member)
    assert member.post(reverse("stories:delete", kwargs={"org": cast.org.slug,
                                                         "story": other.pk})).status_code == 404
    assert member.post(reverse("stories:delete", kwargs={"org": cast.org.slug,
                                                         "story": mine.pk})).status_code == 302
    assert client_for(cast.facilitator).post(
        reverse("stories:delete", kwargs={"org": cast.org.slug, "story": other.pk})
    ).status_code == 302
    from bedoeling.stories.models import Story

    assert not Story.objects.exists()
