"""A discussion of a case: started from the case with a method, run on the live engine
with the method's roles, and what the case owner marked kept with the case."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from bedoeling.cases import methods, services
from bedoeling.cases.blocks import OWNER
from bedoeling.cases.models import CaseDiscussion
from bedoeling.live import services as live
from bedoeling.live.models import Card, Vote


def _start(cast, group, method):
    return services.discussion_start(group.case, cast.facilitator, method=method)


def _room(discussion, n=4):
    """An open session with n phones; the first is the case owner."""
    session = discussion.session
    live.session_open(session, None)
    phones = []
    for index in range(n):
        phone = Client()
        assert phone.post(f"/doe-mee/{session.code}/", {"name": f"P{index}"}).status_code == 302
        phones.append(phone)
    people = list(session.participants.order_by("id"))
    live.participant_role_give(session, people[0].pk, OWNER)
    return session, phones, people


def _phase(session, title):
    return session.phases.get(title=str(title))


def _go(session, key):
    phase = _phase(session, methods.STEPS[key].title)
    live.phase_activate(session, phase)
    phase.refresh_from_db()
    return phase


def _post(phone, session, phase, data):
    return phone.post(f"/doe-mee/{session.code}/fase/{phase.pk}/", data, HTTP_HX_REQUEST="true")


def test_the_facilitator_starts_a_discussion_from_the_case_and_lands_on_the_control_view(
        cast, group, client_for):
    url = reverse("cases:discuss", kwargs={"org": "regenboog", "case": group.case.pk})
    page = client_for(cast.facilitator).get(url)
    assert "Incidentmethode" in page.content.decode()
    response = client_for(cast.facilitator).post(url, {"method": "case_incident"})
    discussion = CaseDiscussion.objects.get()
    assert response["Location"] == reverse(
        "live:control", kwargs={"org": "regenboog", "session": discussion.session.pk})
    titles = list(discussion.session.phases.values_list("title", flat=True))
    assert titles == [str(methods.STEPS[k].title) for k in methods.INCIDENT]
    assert discussion.session.phases.first().config["minutes"] == 5


def test_a_member_of_the_team_without_steering_rights_cannot_start_one(cast, group, client_for):
    url = reverse("cases:discuss", kwargs={"org": "regenboog", "case": group.case.pk})
    assert client_for(group.colleague).post(url, {"method": "case_incident"}).status_code == 403
    with pytest.raises(ValidationError):
        services.discussion_start(group.case, cast.lead, method="case_incident")
    assert not CaseDiscussion.objects.exists()


def test_an_unknown_method_is_refused_with_a_message(cast, group, client_for):
    url = reverse("cases:discuss", kwargs={"org": "regenboog", "case": group.case.pk})
    page = client_for(cast.facilitator).post(url, {"method": "dkn"})
    assert page.status_code == 400
    assert not CaseDiscussion.objects.exists()


def test_in_the_silent_step_the_case_owner_is_refused_and_nothing_is_stored(cast, group):
    session, phones, _people = _room(_start(cast, group, "case_incident"))
    phase = _go(session, "positions")
    response = _post(phones[0], session, phase, {"text": "Ik zou het anders doen"})
    assert response.status_code in (400, 403)
    assert "luister" in response.content.decode()
    assert not Card.objects.filter(phase=phase).exists()
    assert _post(phones[1], session, phase, {"text": "Eerst bellen"}).status_code == 200


def test_private_positions_stay_hidden_until_the_side_by_side_step(cast, group):
    session, phones, _people = _room(_start(cast, group, "case_incident"))
    phase = _go(session, "positions")
    _post(phones[1], session, phase, {"text": "Eerst de moeder bellen"})
    _post(phones[2], session, phase, {"text": "Het protocol volgen"})
    mine = phones[1].get(f"/doe-mee/{session.code}/mijn/").content.decode()
    assert "Eerst de moeder bellen" in mine and "Het protocol volgen" not in mine
    owner = phones[0].get(f"/doe-mee/{session.code}/").content.decode()
    assert "Het protocol volgen" not in owner
    _go(session, "positions_side")
    owner = phones[0].get(f"/doe-mee/{session.code}/").content.decode()
    assert "Eerst de moeder bellen" in owner and "Het protocol volgen" in owner


def test_the_case_owner_reads_the_gossip_as_it_arrives_but_cannot_write(cast, group):
    session, phones, _people = _room(_start(cast, group, "case_gossip"))
    phase = _go(session, "gossip")
    assert _post(phones[1], session, phase, {"text": "Ze wil het iedereen naar de zin maken"}
                 ).status_code == 200
    mine = phones[0].get(f"/doe-mee/{session.code}/mijn/").content.decode()
    assert "Ze wil het iedereen naar de zin maken" in mine
    assert "data-waiting" in mine  # a new contribution nudges her phone to fetch again
    assert "<textarea" not in mine
    before = Card.objects.count()
    assert _post(phones[0], session, phase, {"text": "Dat klopt niet!"}).status_code in (400,
                                                                                          403)
    assert Card.objects.count() == before
    other = phones[2].get(f"/doe-mee/{session.code}/mijn/").content.decode()
    assert "Ze wil het iedereen naar de zin maken" not in other


def test_the_projector_shows_the_gossip_as_it_arrives_without_a_reveal(
        cast, group, client_for):
    # Nothing in the gossip round is private: the case owner reads along on her phone, so
    # the screen neither hides the contributions nor says it does.
    session, phones, _people = _room(_start(cast, group, "case_gossip"))
    phase = _go(session, "gossip")
    _post(phones[1], session, phase, {"text": "Ze wil het iedereen naar de zin maken"})
    screen = client_for(cast.facilitator).get(reverse(
        "live:screen", kwargs={"org": "regenboog", "session": session.pk})).content.decode()
    assert "Ze wil het iedereen naar de zin maken" in screen
    assert "De resultaten blijven verborgen" not in screen


def test_a_socratic_core_statement_follows_the_sentence_template(cast, group):
    session, phones, _people = _room(_start(cast, group, "case_socratic"))
    phase = _go(session, "core_statement")
    ok = _post(phones[1], session, phase, {"when": "de moeder belde", "verb": "voelde",
                                           "what": "onrust", "because": "ik wilde helpen"})
    assert ok.status_code == 200
    card = Card.objects.get(phase=phase)
    assert card.text == "Toen de moeder belde, voelde ik onrust, want ik wilde helpen."
    assert card.category == "voelde"
    for bad in ({"when": "x", "verb": "sprong", "what": "y", "because": "z"},
                {"when": "x", "verb": "deed", "what": "", "because": "z"}):
        response = _post(phones[2], session, phase, bad)
        assert response.status_code == 400
    assert Card.objects.filter(phase=phase).count() == 1


def test_only_the_case_owner_marks_what_helped_and_it_stays_with_the_case(cast, group):
    discussion = _start(cast, group, "case_balint")
    session, phones, people = _room(discussion)
    advice = _go(session, "advice")
    _post(phones[1], session, advice, {"text": "Vraag wat de leerling zelf wil"})
    _post(phones[2], session, advice, {"text": "Bel de intern begeleider"})
    helped = _go(session, "helped")
    card = Card.objects.get(text="Vraag wat de leerling zelf wil")
    refused = _post(phones[1], session, helped, {"card": f"c{card.pk}", "helped": "1"})
    assert refused.status_code == 400
    assert "Alleen de inbrenger" in refused.content.decode()
    assert not Vote.objects.filter(phase=helped).exists()
    assert _post(phones[0], session, helped, {"card": f"c{card.pk}", "helped": "1"}
                 ).status_code == 200
    assert _post(phones[0], session, helped, {"card": "c999999", "helped": "1"}
                 ).status_code == 400
    live.session_end(session, cast.facilitator)
    discussion.refresh_from_db()
    assert discussion.helped == ["Vraag wat de leerling zelf wil"]


def test_a_custom_method_is_saved_for_the_organisation_and_starts_a_discussion(
        cast, group, client_for):
    url = reverse("cases:methods", kwargs={"org": "regenboog"})
    data = {"name": "Kort en krachtig", "step_0": "sketch", "step_1": "positions",
            "step_2": "positions_side", "step_3": "helped"}
    assert client_for(cast.facilitator).post(url, data).status_code == 302
    method = services.method_choices(cast.org)[-1]
    assert method[1] == "Kort en krachtig"
    discussion = services.discussion_start(group.case, cast.facilitator, method=method[0])
    session = discussion.session
    assert session.format == "case_custom"
    kinds = list(session.phases.values_list("kind", flat=True))
    assert kinds == ["info", "cards", "case_reveal", "case_helped"]
    cards, reveal = session.phases.all()[1:3]
    assert reveal.config["source"] == cards.pk
    assert cards.config["readonly_roles"] == [OWNER, methods.OBSERVER]
    live.session_open(session, None)
    assert live.participant_role_give(session, live.participant_join(session)[0].pk, OWNER)


def test_a_custom_method_in_an_impossible_order_is_refused_and_not_saved(cast, client_for):
    url = reverse("cases:methods", kwargs={"org": "regenboog"})
    page = client_for(cast.facilitator).post(url, {"name": "Verkeerd om",
                                                   "step_0": "positions_side",
                                                   "step_1": "positions"})
    assert page.status_code == 400
    assert "heeft eerst de stap" in page.content.decode()
    page = client_for(cast.member).post(url, {"name": "x", "step_0": "sketch",
                                              "step_1": "advice"})
    assert page.status_code == 404
    assert services.method_choices(cast.org)[-1][0] == "case_socratic"


def test_a_method_of_another_organisation_cannot_be_used(cast, group):
    foreign = services.custom_method_save(cast.other, cast.outsider, name="Elders",
                                          steps=["sketch", "advice"])
    with pytest.raises(ValidationError):
        services.discussion_start(group.case, cast.facilitator, method=f"custom:{foreign.pk}")


def test_the_control_views_clock_starts_at_the_steps_duration(cast, group, client_for):
    session, _phones, _people = _room(_start(cast, group, "case_incident"))
    _go(session, "discussion")  # fifteen minutes
    page = client_for(cast.facilitator).get(reverse(
        "live:control", kwargs={"org": "regenboog", "session": session.pk}))
    assert 'name="minutes" type="text" inputmode="decimal" value="15"' in page.content.decode()


def test_the_case_owners_phone_lists_what_she_can_mark(cast, group):
    discussion = _start(cast, group, "case_incident")
    session, phones, _people = _room(discussion)
    positions = _go(session, "positions")
    _post(phones[1], session, positions, {"text": "Eerst de ouders bellen"})
    _go(session, "helped")
    mine = phones[0].get(f"/doe-mee/{session.code}/mijn/")
    assert mine.status_code == 200
    assert "Dit hielp me" in mine.content.decode()
    assert "Eerst de ouders bellen" in mine.content.decode()


def test_only_the_case_owner_is_waited_for_in_the_step_of_what_helped(cast, group):
    """An asynchronous discussion reminds those who did not contribute: in this step that
    can only be the case owner, never the colleagues who may not mark anything."""
    from bedoeling.live.registry import block_for

    discussion = _start(cast, group, "case_balint")
    session, phones, people = _room(discussion)
    advice = _go(session, "advice")
    _post(phones[1], session, advice, {"text": "Vraag wat de leerling zelf wil"})
    helped = _go(session, "helped")
    block = block_for(helped.kind)
    assert block.contributors(helped) == {p.pk for p in people[1:]}
    card = Card.objects.get(text="Vraag wat de leerling zelf wil")
    _post(phones[0], session, helped, {"card": f"c{card.pk}", "helped": "1"})
    assert block.contributors(helped) == {p.pk for p in people}
