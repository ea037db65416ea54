import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from bedoeling.reflection import prompts, selectors, services
from bedoeling.reflection.models import ReflectionEntry, ReflectionLink
from bedoeling.stories.models import Consent, Story
from bedoeling.stories.services import story_form_create
from bedoeling.systemworld.models import Signal

pytestmark = pytest.mark.django_db


def _url(name, cast, **kwargs):
    return reverse(f"reflection:{name}", kwargs={"org": cast.org.slug, **kwargs})


def test_a_member_writes_an_entry_from_the_bedoeling_prompts(cast, client_for):
    client = client_for(cast.member)
    page = client.get(_url("new", cast))
    assert "Waar werkte je deze week vanuit de bedoeling?" in page.content.decode()
    response = client.post(_url("new", cast), {
        "model": "bedoeling", "a_from": "In de kring.", "a_way": "", "a_need": "Rust.",
        "from_purpose": "4", "parts": ["for_client"], "obstacles": ["time"]})
    entry = ReflectionEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("entry", cast, entry=entry.pk)
    assert entry.author == cast.member
    assert entry.answers == {"from": "In de kring.", "way": "", "need": "Rust."}
    assert (entry.from_purpose, entry.parts, entry.obstacles) == (4, ["for_client"], ["time"])


@pytest.mark.parametrize("key", sorted(prompts.MODELS))
def test_every_model_can_start_an_entry(cast, client_for, key):
    model = prompts.MODELS[key]
    client = client_for(cast.member)
    page = client.get(_url("new", cast) + f"?model={key}").content.decode()
    for prompt in model.prompts:
        assert str(prompt.question) in page
    client.post(_url("new", cast), {"model": key, f"a_{model.prompts[-1].key}": "Iets."})
    assert ReflectionEntry.objects.get().model == key


def test_every_prompt_has_an_english_translation():
    for model in prompts.MODELS.values():
        for text in [model.name, model.about] + [p.question for p in model.prompts]:
            with translation.override("nl"):
                dutch = str(text)
            with translation.override("en"):
                assert str(text) != dutch, dutch


def test_an_empty_entry_is_refused_with_a_dutch_message_and_nothing_stored(cast, client_for):
    response = client_for(cast.member).post(_url("new", cast), {"model": "bedoeling",
                                                               "a_from": "  "})
    assert response.status_code == 400
    assert "Schrijf bij minstens één vraag iets op." in response.content.decode()
    assert not ReflectionEntry.objects.exists()


def test_an_empty_entry_is_refused_in_english_too(cast, client_for):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    response = client.post(_url("new", cast), {"model": "bedoeling"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert "Write something for at least one question." in response.content.decode()


def test_bad_marks_are_refused(cast):
    with pytest.raises(ValidationError) as error:
        services.entry_write(cast.org, cast.member, answers={"from": "x"}, from_purpose=9,
                             parts=["the_moon"], obstacles=["gremlins"])
    assert set(error.value.message_dict) == {"from_purpose", "parts", "obstacles"}
    assert not ReflectionEntry.objects.exists()


def test_someone_of_another_organisation_cannot_write_here(cast):
    with pytest.raises(ValidationError):
        services.entry_write(cast.org, cast.outsider, answers={"from": "x"})


def test_she_edits_and_deletes_her_entry(cast, client_for, entry):
    client = client_for(cast.member)
    client.post(_url("edit", cast, entry=entry.pk), {"a_from": "Anders.", "from_purpose": "2"})
    entry.refresh_from_db()
    assert entry.answers["from"] == "Anders." and entry.from_purpose == 2
    client.post(_url("delete", cast, entry=entry.pk))
    assert not ReflectionEntry.objects.exists()


# ---------------------------------------------------------------- to the organisation


def test_a_fragment_becomes_a_signal_linked_only_in_her_view(cast, client_for, entry):
    client = client_for(cast.member)
    response = client.post(_url("to_signal", cast, entry=entry.pk), {
        "fragment": "Drie velden per kind in het volgsysteem.", "severity": "2"})
    assert response.status_code == 200
    signal = Signal.objects.get()
    assert signal.what_happened == "Drie velden per kind in het volgsysteem."
    assert signal.reporter == cast.member
    link = ReflectionLink.objects.get()
    assert (link.entry, link.kind, link.target_id) == (entry, "signal", signal.pk)
    # The signal says nothing of the reflection it came from.
    assert "Sem eerst vertellen" not in json.dumps(
        {f.name: str(getattr(signal, f.name)) for f in Signal._meta.concrete_fields})
    page = client.get(_url("entry", cast, entry=entry.pk)).content.decode()
    assert reverse("systemworld:signal", kwargs={"org": cast.org.slug,
                                                 "signal": signal.pk}) in page


def test_an_anonymous_signal_from_a_fragment_keeps_no_link_to_her(cast, client_for, entry):
    response = client_for(cast.member).post(_url("to_signal", cast, entry=entry.pk), {
        "fragment": "Drie velden per kind.", "severity": "1", "anonymous": "on"})
    signal = Signal.objects.get()
    assert signal.reporter is None and signal.is_anonymous
    assert ReflectionLink.objects.get().target_id is None
    assert "refl-code" in response.content.decode()  # the receipt code, shown once


def test_an_empty_fragment_is_refused_and_nothing_stored(cast, client_for, entry):
    response = client_for(cast.member).post(_url("to_signal", cast, entry=entry.pk), {
        "fragment": "   ", "severity": "2"})
    assert response.status_code == 400
    assert not Signal.objects.exists() and not ReflectionLink.objects.exists()


def test_a_fragment_becomes_a_story_with_her_consent_choice(cast, client_for, entry):
    form = story_form_create(cast.org, cast.facilitator, title="Verhalen",
                             prompts=["Vertel eens"])
    response = client_for(cast.member).post(_url("to_story", cast, entry=entry.pk), {
        "fragment": "Sem vertelde over zijn weekend.", "story_form": form.pk,
        "consent": Consent.LIBRARY, "title": "Eerst Sem"})
    assert response.status_code == 200
    story = Story.objects.get()
    assert (story.text, story.consent, story.author, story.team) == (
        "Sem vertelde over zijn weekend.", Consent.LIBRARY, cast.member, cast.team)
    assert ReflectionLink.objects.get().target_id == story.pk


def test_an_anonymous_story_from_a_fragment_keeps_no_link(cast, entry):
    form = story_form_create(cast.org, cast.facilitator, title="Verhalen", prompts=["Vertel"])
    story = services.fragment_to_story(entry, cast.member, form=form, fragment="Sem.",
                                       consent=Consent.ORGANISATION, anonymous=True)
    assert story.author is None and story.team is None
    assert ReflectionLink.objects.get().target_id is None


def test_only_the_author_turns_her_fragment_into_something(cast, entry):
    with pytest.raises(PermissionError):
        services.fragment_to_signal(entry, cast.lead, fragment="x")
    assert not Signal.objects.exists()


# ---------------------------------------------------------------- her own data


def test_she_exports_all_her_reflections(cast, client_for, entry):
    services.entry_write(cast.org, cast.lead, answers={"from": "Van de leidinggevende."})
    response = client_for(cast.member).get(_url("export", cast))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert [e["answers"][0]["text"] for e in data["entries"]] == [
        "Ik liet Sem eerst vertellen over zijn weekend."]
    assert data["entries"][0]["answers"][0]["question"] == (
        "Waar werkte je deze week vanuit de bedoeling?")


def test_she_deletes_all_her_reflections_and_only_hers(cast, client_for, entry):
    theirs = services.entry_write(cast.org, cast.lead, answers={"from": "Van de lead."})
    client = client_for(cast.member)
    client.post(_url("delete_all", cast))  # without the tick: nothing happens
    assert ReflectionEntry.objects.count() == 2
    client.post(_url("delete_all", cast), {"confirm": "ja"})
    assert list(ReflectionEntry.objects.all()) == [theirs]


def test_her_pattern_counts_parts_and_obstacles_for_her_alone(cast, client_for, entry):
    services.entry_write(cast.org, cast.member, answers={"from": "x"}, from_purpose=2,
                         parts=["for_client", "stop_doing"], obstacles=["systems", "time"])
    services.entry_write(cast.org, cast.lead, answers={"from": "y"}, parts=["for_us"])
    data = selectors.pattern(cast.org, cast.member)
    assert data["total"] == 2
    assert ("wat het betekent voor wie we helpen", 2) in data["parts_rows"]
    assert not any("voor ons" in str(row[0]) for row in data["parts_rows"])
    assert ("systemen en formulieren", 2) in data["obstacles_rows"]
    page = client_for(cast.member).get(_url("pattern", cast)).content.decode()
    assert page.count('class="chart ') == 4
