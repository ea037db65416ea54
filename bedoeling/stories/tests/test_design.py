"""Facilitators design story forms; the services keep the forms sound."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bedoeling.accounts.models import AuditEvent
from bedoeling.stories.models import Signifier, SignifierKind, StoryForm
from bedoeling.stories.services import signifier_add, signifier_remove


def test_a_facilitator_creates_a_form_with_a_first_prompt(cast, client_for):
    response = client_for(cast.facilitator).post(
        reverse("stories:form_create", kwargs={"org": cast.org.slug}),
        {"title": "Verhalen uit de klas", "prompt": "Vertel over een moment dat het werkte."})
    form = StoryForm.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stories:form_edit",
                                           kwargs={"org": cast.org.slug, "form": form.pk})
    assert form.prompts.get().text == "Vertel over een moment dat het werkte."
    assert AuditEvent.objects.filter(action="stories.form_create").exists()


def test_a_facilitator_adds_a_triad_and_a_slider(cast, client_for):
    form = StoryForm.objects.create(organisation=cast.org, title="Formulier")
    client = client_for(cast.facilitator)
    add = reverse("stories:signifier_add", kwargs={"org": cast.org.slug, "form": form.pk})
    assert client.post(add, {"kind": "triad", "question": "Wat stuurde?",
                             "label_a": "regels", "label_b": "cijfers",
                             "label_c": "de Bedoeling",
                             "allow_not_applicable": "on"}).status_code == 302
    assert client.post(add, {"kind": "slider", "question": "Hoeveel ruimte?",
                             "label_a": "geen", "label_b": "alle"}).status_code == 302
    triad, slider = form.signifiers.all()
    assert triad.labels == ("regels", "cijfers", "de Bedoeling") and triad.allow_not_applicable
    assert slider.labels == ("geen", "alle") and not slider.allow_not_applicable


def test_a_triad_needs_three_different_corners(cast, client_for):
    form = StoryForm.objects.create(organisation=cast.org, title="Formulier")
    response = client_for(cast.facilitator).post(
        reverse("stories:signifier_add", kwargs={"org": cast.org.slug, "form": form.pk}),
        {"kind": "triad", "question": "Wat stuurde?", "label_a": "regels", "label_b": ""})
    assert response.status_code == 400
    assert "Geef elke hoek een naam" in response.content.decode()
    assert not Signifier.objects.exists()
    with pytest.raises(ValidationError):
        signifier_add(form, cast.facilitator, kind=SignifierKind.TRIAD, question="?",
                      labels=["a", "A", "b"])


def test_a_choice_needs_two_to_twelve_answers(cast):
    form = StoryForm.objects.create(organisation=cast.org, title="Formulier")
    with pytest.raises(ValidationError):
        signifier_add(form, cast.facilitator, kind=SignifierKind.SINGLE, question="?",
                      options=["alleen dit"])
    with pytest.raises(ValidationError):
        signifier_add(form, cast.facilitator, kind=SignifierKind.MULTIPLE, question="?",
                      options=[str(i) for i in range(13)])
    assert not Signifier.objects.exists()


def test_the_feeling_scale_brings_its_own_five_steps(cast):
    form = StoryForm.objects.create(organisation=cast.org, title="Formulier")
    feeling = signifier_add(form, cast.facilitator, kind=SignifierKind.FEELING,
                            question="Hoe voelde het?")
    assert [o.label for o in feeling.options.all()] == [
        "heel vervelend", "vervelend", "gemengd", "goed", "heel goed"]


def test_questions_stay_once_stories_are_told(cast, kit, tell_story):
    tell_story()
    with pytest.raises(ValidationError):
        signifier_remove(kit.triad, cast.facilitator)
    assert Signifier.objects.filter(pk=kit.triad.pk).exists()
    # Adding a question is still fine.
    signifier_add(kit.form, cast.facilitator, kind=SignifierKind.SLIDER, question="Nieuw?",
                  labels=["links", "rechts"])


def test_members_and_leads_cannot_design_forms(cast, client_for):
    for user in (cast.member, cast.lead):
        response = client_for(user).post(
            reverse("stories:form_create", kwargs={"org": cast.org.slug}),
            {"title": "Stiekem", "prompt": "?"})
        assert response.status_code == 403
    assert not StoryForm.objects.exists()


def test_a_prompt_or_signifier_of_another_form_is_not_found(cast, client_for, kit):
    other = StoryForm.objects.create(organisation=cast.org, title="Ander")
    client = client_for(cast.facilitator)
    response = client.post(reverse("stories:signifier_remove", kwargs={
        "org": cast.org.slug, "form": other.pk, "signifier": kit.triad.pk}))
    assert response.status_code == 404
    response = client.post(reverse("stories:prompt_remove", kwargs={
        "org": cast.org.slug, "form": other.pk, "prompt": kit.prompts[0].pk}))
    assert response.status_code == 404
    assert Signifier.objects.filter(pk=kit.triad.pk).exists()


def test_the_design_page_shows_the_public_link(cast, client_for, kit):
    html = client_for(cast.facilitator).get(reverse(
        "stories:form_edit", kwargs={"org": cast.org.slug, "form": kit.form.pk})).content.decode()
    assert reverse("stories:public_tell", kwargs={"key": kit.form.public_key}) in html
