"""The demo tells stories, each written by hand, whose patterns are worth discussing."""

import numpy as np
import pytest

from bedoeling.conftest import kept_for_the_module
from bedoeling.orgs import demo as orgs_demo
from bedoeling.purpose import demo as purpose_demo
from bedoeling.purpose.services import purpose_for
from bedoeling.stories import demo
from bedoeling.stories.models import Answer, LibraryEntry, SignifierKind, Story

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        ctx: dict = {}
        orgs_demo.load(ctx)
        purpose_demo.load(ctx)
        demo.load(ctx)
        yield ctx


def purpose_weight(org, **story_filter):
    rows = Answer.objects.filter(
        signifier__kind=SignifierKind.TRIAD, story__organisation=org, a__isnull=False,
        **{f"story__{k}": v for k, v in story_filter.items()}).values_list("c", flat=True)
    return float(np.mean(list(rows)))


def test_the_demo_tells_stories_in_both_organisations_and_fills_the_library(loaded):
    for slug in ("wilgenhoek", "lindeveld"):
        org = loaded["orgs"][slug]
        assert Story.objects.filter(organisation=org, live_session=None).count() >= 60
        assert LibraryEntry.objects.filter(organisation=org).count() >= 5
        assert Story.objects.filter(organisation=org, channel="public").exists()
        assert Story.objects.filter(organisation=org, author__isnull=False).exists()
        assert not Story.objects.filter(organisation=org, text__contains="{").exists()


def test_more_stories_follow_the_bedoeling_since_it_was_adopted(loaded):
    for slug in ("wilgenhoek", "lindeveld"):
        org = loaded["orgs"][slug]
        adopted = purpose_for(org).current.created_at.date()
        before = purpose_weight(org, told_on__lt=adopted)
        after = purpose_weight(org, told_on__gte=adopted)
        assert after - before > 0.08, (slug, before, after)


def test_teams_differ_in_what_steered_them(loaded):
    org = loaded["orgs"]["lindeveld"]
    teams = loaded["teams"]
    work = purpose_weight(org, team=teams[("lindeveld", "Werk en inkomen")])
    youth = purpose_weight(org, team=teams[("lindeveld", "Jeugd en gezin")])
    # The wijkcoaches of Jeugd en gezin lean to the purpose; Werk en inkomen still counts.
    assert youth - work > 0.08


def test_the_demo_has_a_finished_storytelling_session_whose_chosen_stories_are_in_the_library(
        loaded):
    from bedoeling.live.models import LiveSession
    from bedoeling.stories.models import StoryGroup
    from bedoeling.stories.selectors import provenance

    org = loaded["orgs"]["wilgenhoek"]
    session = LiveSession.objects.get(organisation=org, format="storytelling")
    assert session.is_ended
    entries = LibraryEntry.objects.filter(story__live_session=session)
    assert sorted(entries.values_list("title", flat=True)) == [
        "Eerst zien, dan lezen", "Tien minuten werden een half uur"]
    for entry in entries:
        origin = provenance(entry.story)
        assert origin["session"] == session and origin["group"] is not None
        assert origin["sources"] and origin["dots"] > 0
        assert entry.purpose_version == purpose_for(org).current
    assert StoryGroup.objects.filter(story_session__session=session, finished=True).count() == 4
    assert Story.objects.filter(live_session=session, consent="analysis").count() == 1
