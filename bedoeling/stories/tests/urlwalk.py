"""What the URL walk needs from this app: public URL names, and how to make an object of
the victim organisation for each URL argument name."""

from bedoeling.stories.models import Consent, SignifierKind, TellerRole
from bedoeling.stories.services import signifier_add, story_form_create, story_tell

# The public story link needs no account; it is reached by an unguessable key.
PUBLIC = {"stories:public_tell", "stories:public_told"}


def _form(org, cast):
    form = story_form_create(org, cast.facilitator, title="Verhalen", prompts=["Vertel eens"])
    return form


def _story(org, cast):
    form = _form(org, cast)
    story = story_tell(form, text="Een verhaal.", teller_role=TellerRole.EMPLOYEE,
                       consent=Consent.LIBRARY)
    return story.pk


def _prompt(org, cast):
    return _form(org, cast).prompts.first().pk


def _signifier(org, cast):
    form = _form(org, cast)
    return signifier_add(form, cast.facilitator, kind=SignifierKind.SLIDER, question="Ruimte?",
                         labels=["geen", "alle"]).pk


ARGUMENTS = {
    "form": lambda org, cast: _form(org, cast).pk,
    "story": _story,
    "prompt": _prompt,
    "signifier": _signifier,
}
