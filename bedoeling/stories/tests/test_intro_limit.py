"""The story form's intro keeps its 2,000-character limit on every way in."""

import pytest
from django.urls import reverse

from bedoeling.stories.models import StoryForm


@pytest.mark.django_db
def test_a_new_form_with_an_intro_over_2000_characters_is_refused_and_nothing_stored(
        cast, client_for):
    response = client_for(cast.facilitator).post(
        reverse("stories:form_create", kwargs={"org": cast.org.slug}),
        {"title": "Verhalen", "intro": "x" * 2001, "prompt": "Vertel over een moment."})
    assert response.status_code == 400
    assert "2000" in response.content.decode() or "2.000" in response.content.decode()
    assert not StoryForm.objects.exists()


@pytest.mark.django_db
def test_an_intro_of_exactly_2000_characters_is_kept(cast, client_for):
    response = client_for(cast.facilitator).post(
        reverse("stories:form_create", kwargs={"org": cast.org.slug}),
        {"title": "Verhalen", "intro": "x" * 2000, "prompt": "Vertel over een moment."})
    assert response.status_code == 302
    assert len(StoryForm.objects.get().intro) == 2000
