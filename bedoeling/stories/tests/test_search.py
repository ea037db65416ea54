"""Dutch full-text search in readable stories: PostgreSQL's own search when it is the
database, SQLite FTS5 otherwise. These tests run on whichever database the suite uses."""

from django.urls import reverse

from bedoeling.stories import search
from bedoeling.stories.models import Consent, PurposePart, Story
from bedoeling.stories.selectors import library, readable_stories
from bedoeling.stories.services import story_consent_change, story_curate, story_delete


def found(org, user, query):
    result = search.search(readable_stories(org, user), query)
    return [] if result is None else list(result)


def test_a_word_finds_its_other_forms(cast, tell_story):
    story = tell_story(text="Ze moest drie formulieren invullen voor één fiets.")
    tell_story(text="Een verhaal over de schooltuin.")
    assert found(cast.org, cast.member, "formulier") == [story]
    assert found(cast.org, cast.member, "Formulieren") == [story]


def test_all_words_must_match(cast, tell_story):
    both = tell_story(text="Het formulier voor de wachtlijst was zoek.")
    tell_story(text="Het formulier was prima.")
    assert found(cast.org, cast.member, "formulier wachtlijst") == [both]


def test_case_does_not_matter_and_accents_are_kept(cast, tell_story):
    story = tell_story(text="De cliënt kreeg eindelijk een reactie.")
    assert found(cast.org, cast.member, "cliënt") == [story]
    assert found(cast.org, cast.member, "CLIËNT") == [story]


def test_a_query_of_only_stop_words_searches_nothing(cast, tell_story):
    tell_story(text="Het was de dag van de toets.")
    assert search.search(readable_stories(cast.org, cast.member), "het de van") is None


def test_search_never_finds_stories_for_analysis_only(cast, tell_story):
    tell_story(text="Een geheime wachtlijst.", consent=Consent.ANALYSIS)
    assert found(cast.org, cast.facilitator, "wachtlijst") == []


def test_search_never_finds_stories_of_another_organisation(cast, tell_story):
    from bedoeling.stories.tests.conftest import build_form, tell

    other = build_form(cast.other, cast.outsider)
    tell(other, text="Een wachtlijst elders.")
    mine = tell_story(text="Onze wachtlijst.")
    assert found(cast.org, cast.member, "wachtlijst") == [mine]


def test_the_library_title_is_searchable(cast, tell_story):
    story = tell_story(text="Ik nam de tijd.", consent=Consent.LIBRARY)
    story_curate(story, cast.facilitator, title="Koffie met de buurvrouw",
                 purpose_part=PurposePart.FOR_CLIENT)
    entries, searched = library(cast.org, query="buurvrouw")
    assert searched and list(entries) == [story]


def test_the_index_follows_consent_and_deletion(cast, tell_story):
    story = tell_story(text="Het dossier was zoek.", consent=Consent.LIBRARY, author=cast.member)
    assert found(cast.org, cast.lead, "dossier") == [story]
    story_consent_change(story, cast.member, Consent.ANALYSIS)
    assert found(cast.org, cast.lead, "dossier") == []
    story_consent_change(story, cast.member, Consent.ORGANISATION)
    assert found(cast.org, cast.lead, "dossier") == [story]
    story_delete(story, cast.facilitator)
    assert found(cast.org, cast.lead, "dossier") == []
    assert not Story.objects.exists()


def test_the_best_match_comes_first(cast, tell_story):
    once = tell_story(text="Een toets, verder een gewone dag met veel buitenspelen en lezen.")
    often = tell_story(text="Toets na toets na toets.")
    assert found(cast.org, cast.member, "toets")[0] == often
    assert set(found(cast.org, cast.member, "toets")) == {once, often}


def test_searching_the_library_page_in_dutch(cast, client_for, tell_story):
    story = tell_story(text="De aanvragen stapelden zich op.", consent=Consent.LIBRARY)
    story_curate(story, cast.facilitator, title="Stapels", purpose_part=PurposePart.STOP_DOING)
    html = client_for(cast.member).get(
        reverse("stories:library", kwargs={"org": cast.org.slug}) + "?q=aanvraag").content.decode()
    assert "1 verhaal gevonden" in html and "Stapels" in html
    html = client_for(cast.member).get(
        reverse("stories:library", kwargs={"org": cast.org.slug}) + "?q=de+het").content.decode()
    assert "Zoek op woorden die iets zeggen" in html


def test_odd_characters_in_a_query_are_harmless(cast, tell_story):
    tell_story(text="Een gewoon verhaal.")
    for query in ('"', "verhaal OR 1=1", "NEAR(", "verhaal*", "'; DROP TABLE", "^$%&"):
        found(cast.org, cast.member, query)
