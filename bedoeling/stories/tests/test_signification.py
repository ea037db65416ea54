"""Telling a story through the service: every bad input is refused with a clear message
and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError

from bedoeling.orgs.models import Team
from bedoeling.stories.models import Answer, Consent, Story, TellerRole
from bedoeling.stories.services import NOT_APPLICABLE, signifier_field, story_tell
from bedoeling.stories.tests.conftest import build_form, tell


def refused(kit, field, **kwargs):
    with pytest.raises(ValidationError) as info:
        tell(kit, **kwargs)
    assert Story.objects.count() == 0
    assert Answer.objects.count() == 0
    return " ".join(info.value.message_dict[field])


def test_a_story_is_stored_with_its_signification(kit):
    story = tell(kit, weights=(0.2, 0.1, 0.7), slider=0.25, options=list(kit.multiple.options.all()[:2]))
    triad = story.answers.get(signifier=kit.triad)
    assert (triad.a, triad.b, triad.c) == pytest.approx((0.2, 0.1, 0.7))
    assert story.answers.get(signifier=kit.slider).value == 0.25
    assert story.answers.filter(signifier=kit.multiple).count() == 2


def test_a_triad_point_outside_the_triangle_is_refused(kit):
    message = refused(kit, signifier_field(kit.triad), weights=(1.2, -0.3, 0.1))
    assert "buiten de driehoek" in message


def test_triad_weights_that_do_not_sum_to_one_are_refused(kit):
    message = refused(kit, signifier_field(kit.triad), weights=(0.5, 0.3, 0.1))
    assert "samen 100 %" in message and "90 %" in message


def test_triad_weights_given_as_percentages_are_refused_not_rescaled(kit):
    refused(kit, signifier_field(kit.triad), weights=(60, 30, 10))


def test_a_triad_point_that_is_not_a_number_is_refused(kit):
    refused(kit, signifier_field(kit.triad), weights=("veel", 0, 0))
    refused(kit, signifier_field(kit.triad), weights=(float("nan"), 0.5, 0.5))


def test_a_slider_out_of_range_is_refused(kit):
    assert "0 tot en met 100" in refused(kit, signifier_field(kit.slider), slider=1.5)
    refused(kit, signifier_field(kit.slider), slider=-0.01)


def test_not_applicable_is_stored_without_a_value(kit):
    story = story_tell(kit.form, text="Het was een gewone dag.", prompt=kit.prompts[0],
                       answers={kit.triad.pk: NOT_APPLICABLE, kit.slider.pk: NOT_APPLICABLE},
                       teller_role=TellerRole.EMPLOYEE, consent=Consent.ORGANISATION)
    answers = {a.signifier_id: a for a in story.answers.all()}
    assert answers[kit.triad.pk].not_applicable and answers[kit.triad.pk].a is None
    assert answers[kit.slider.pk].not_applicable and answers[kit.slider.pk].value is None


def test_not_applicable_is_refused_where_the_facilitator_did_not_allow_it(kit):
    with pytest.raises(ValidationError):
        story_tell(kit.form, text="Tekst", prompt=kit.prompts[0],
                   answers={kit.single.pk: NOT_APPLICABLE},
                   teller_role=TellerRole.EMPLOYEE, consent=Consent.ORGANISATION)
    assert Story.objects.count() == 0


def test_a_fifty_kilobyte_story_is_refused(kit):
    message = refused(kit, "text", text="woord " * 9000)
    assert "te lang" in message and "8.000" in message


def test_an_empty_story_is_refused(kit):
    assert "mag niet leeg" in refused(kit, "text", text="   \n ")


def test_an_option_of_another_question_is_refused(kit):
    other = kit.single.options.first()
    with pytest.raises(ValidationError) as info:
        story_tell(kit.form, text="Tekst", prompt=kit.prompts[0],
                   answers={kit.multiple.pk: [other.pk]},
                   teller_role=TellerRole.EMPLOYEE, consent=Consent.ORGANISATION)
    assert "hoort niet bij deze vraag" in " ".join(
        info.value.message_dict[signifier_field(kit.multiple)])
    assert Story.objects.count() == 0


def test_two_answers_to_a_single_choice_are_refused(kit):
    a, b = kit.single.options.all()
    with pytest.raises(ValidationError):
        story_tell(kit.form, text="Tekst", prompt=kit.prompts[0],
                   answers={kit.single.pk: [a.pk, b.pk]},
                   teller_role=TellerRole.EMPLOYEE, consent=Consent.ORGANISATION)
    assert Story.objects.count() == 0


def test_a_signifier_of_another_form_is_refused(cast, kit):
    other = build_form(cast.other, cast.outsider)
    with pytest.raises(ValidationError) as info:
        story_tell(kit.form, text="Tekst", prompt=kit.prompts[0],
                   answers={other.triad.pk: (0.2, 0.3, 0.5)},
                   teller_role=TellerRole.EMPLOYEE, consent=Consent.ORGANISATION)
    assert "hoort niet bij dit formulier" in " ".join(info.value.message_dict["__all__"])
    assert Story.objects.count() == 0


def test_a_prompt_of_another_form_is_refused(cast, kit):
    other = build_form(cast.other, cast.outsider)
    with pytest.raises(ValidationError) as info:
        story_tell(kit.form, text="Tekst", prompt=other.prompts[0].pk, answers={},
                   teller_role=TellerRole.EMPLOYEE, consent=Consent.ORGANISATION)
    assert "prompt" in info.value.message_dict
    assert Story.objects.count() == 0


def test_a_team_of_another_organisation_is_refused(cast, kit):
    foreign = Team.objects.create(organisation=cast.other, name="Elders")
    with pytest.raises(ValidationError) as info:
        tell(kit, team=foreign)
    assert "team" in info.value.message_dict
    assert Story.objects.count() == 0


def test_an_author_from_another_organisation_is_refused(cast, kit):
    with pytest.raises(ValidationError):
        tell(kit, author=cast.outsider)
    assert Story.objects.count() == 0


def test_a_closed_form_takes_no_stories(kit):
    kit.form.is_open = False
    kit.form.save()
    assert "gesloten" in refused(kit, "__all__")


def test_unknown_role_and_consent_are_refused(kit):
    refused(kit, "teller_role", role="koning")
    refused(kit, "consent", consent="iedereen")


def test_every_problem_is_reported_at_once(kit):
    with pytest.raises(ValidationError) as info:
        tell(kit, text="", weights=(2, 0, 0), slider=3)
    assert {"text", signifier_field(kit.triad), signifier_field(kit.slider)} <= set(
        info.value.message_dict)


def test_the_database_refuses_weights_that_do_not_sum_to_one(kit):
    from django.db import IntegrityError, transaction

    story = tell(kit)
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(story=story, signifier=kit.triad).update(a=0.9)


def test_an_anonymous_story_keeps_no_link_to_its_teller(cast, kit):
    story = tell(kit, author=None)
    assert story.author_id is None and story.is_anonymous
    named = tell(kit, author=cast.member)
    assert named.author == cast.member
