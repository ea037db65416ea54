"""A story form with every kind of signifier, and a quick way to tell stories."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache

from bedoeling.stories.models import Consent, SignifierKind, TellerRole
from bedoeling.stories.services import signifier_add, story_form_create, story_tell


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Primary keys are reused between tests; cached patterns must not be.
    cache.clear()
    yield
    cache.clear()


def build_form(org, actor, *, public=False):
    form = story_form_create(org, actor, title="Verhalen uit de klas", is_public=public,
                             prompts=["Vertel over een moment dat het werkte zoals bedoeld.",
                                      "Vertel over een regel die in de weg zat."])
    triad = signifier_add(form, actor, kind=SignifierKind.TRIAD,
                          question="Wat stuurde wat er gebeurde?",
                          labels=["regels", "cijfers", "de Bedoeling"])
    slider = signifier_add(form, actor, kind=SignifierKind.SLIDER,
                           question="Hoeveel ruimte had je?", labels=["geen", "alle"])
    single = signifier_add(form, actor, kind=SignifierKind.SINGLE,
                           question="Hoe vaak gebeurt dit?", options=["soms", "vaak"])
    multiple = signifier_add(form, actor, kind=SignifierKind.MULTIPLE,
                             question="Wie speelden een rol?",
                             options=["een leerling", "ouders", "collega's"])
    feeling = signifier_add(form, actor, kind=SignifierKind.FEELING, question="Hoe voelde het?")
    return SimpleNamespace(form=form, triad=triad, slider=slider, single=single,
                           multiple=multiple, feeling=feeling,
                           prompts=list(form.prompts.all()))


@pytest.fixture
def kit(cast):
    return build_form(cast.org, cast.facilitator, public=True)


def tell(kit, *, text="Ik maakte tijd voor een leerling die het zwaar had.",
         consent=Consent.ORGANISATION, weights=(0.2, 0.1, 0.7), slider=0.8, author=None,
         team=None, role=TellerRole.EMPLOYEE, options=(), told_on=None, **extra):
    answers = {}
    if weights is not None:
        answers[kit.triad.pk] = weights
    if slider is not None:
        answers[kit.slider.pk] = slider
    if options:
        answers[kit.multiple.pk] = [o.pk for o in options]
    return story_tell(kit.form, text=text, prompt=kit.prompts[0], answers=answers,
                      teller_role=role, team=team, consent=consent, author=author,
                      told_on=told_on, **extra)


@pytest.fixture
def tell_story(kit):
    def make(**kwargs):
        return tell(kit, **kwargs)

    return make
