"""Team reflection rounds: who may answer, once, before closing; results only aggregated
and only from k people."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bedoeling.reflection import selectors, services
from bedoeling.reflection.models import Round, RoundAnswer, RoundRespondent
from bedoeling.reflection.tests.conftest import open_round

pytestmark = pytest.mark.django_db


def _answers(round_, scale=4, choice=1, text="Meer tijd voor elkaar."):
    q = list(round_.questions.all())
    return {q[0].pk: scale, q[1].pk: choice, q[2].pk: text}


def _url(name, cast, round_):
    return reverse(f"reflection:{name}", kwargs={"org": cast.org.slug, "round": round_.pk})


def test_a_lead_opens_a_round_for_a_team(cast, client_for):
    response = client_for(cast.lead).post(reverse("reflection:round_new",
                                                  kwargs={"org": cast.org.slug}), {
        "title": "Terugblik", "team": cast.team.pk,
        "closes_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "q1_text": "Hoe ging het?", "q1_kind": "scale",
        "q2_text": "Wat hielp?", "q2_kind": "choice", "q2_options": "tijd\nruimte\n",
        "q3_text": "", "q3_kind": "open", "q4_text": "", "q4_kind": "open"})
    round_ = Round.objects.get()
    assert response.status_code == 302
    assert round_.team == cast.team
    assert [(q.kind, q.options) for q in round_.questions.all()] == [
        ("scale", []), ("choice", ["tijd", "ruimte"])]


def test_a_member_cannot_open_a_round(cast, client_for):
    response = client_for(cast.member).post(reverse("reflection:round_new",
                                                    kwargs={"org": cast.org.slug}),
                                            {"title": "x"})
    assert response.status_code == 403
    assert not Round.objects.exists()


def test_a_choice_question_without_options_is_refused_in_dutch(cast):
    with pytest.raises(ValidationError) as error:
        open_round(cast, questions=[("choice", "Wat hielp?", ["alleen dit"])])
    assert "2 tot 8 antwoorden" in str(error.value)
    assert not Round.objects.exists()


def test_a_member_answers_on_her_phone(cast, client_for):
    round_ = open_round(cast)
    client = client_for(cast.member)
    page = client.get(_url("round", cast, round_), HTTP_USER_AGENT="iPhone")
    assert "Ik kon werken vanuit de Bedoeling." in page.content.decode()
    q = list(round_.questions.all())
    response = client.post(_url("round", cast, round_), {
        f"q{q[0].pk}": "4", f"q{q[1].pk}": "2", f"q{q[2].pk}": "Rust."})
    assert response.status_code == 302
    assert RoundRespondent.objects.get().person == cast.member
    assert sorted((a.value or 0, a.text) for a in RoundAnswer.objects.all()) == [
        (0, "Rust."), (2, ""), (4, "")]


def test_a_second_answer_is_refused_and_nothing_stored(cast, client_for):
    round_ = open_round(cast)
    services.round_answer(round_, cast.member, _answers(round_))
    q = list(round_.questions.all())
    response = client_for(cast.member).post(_url("round", cast, round_), {
        f"q{q[0].pk}": "1", f"q{q[2].pk}": "Nog een keer."})
    assert response.status_code == 409
    assert "al beantwoord" in response.content.decode()
    assert RoundAnswer.objects.count() == 3 and RoundRespondent.objects.count() == 1


def test_an_answer_from_outside_the_round_is_refused_and_nothing_stored(cast, client_for,
                                                                        crowd):
    round_ = open_round(cast, team=cast.team)
    outsider_of_round = crowd[4]  # a member of the organisation, not of the team
    with pytest.raises(ValidationError):
        services.round_answer(round_, outsider_of_round, _answers(round_))
    response = client_for(outsider_of_round).post(_url("round", cast, round_),
                                                  {f"q{round_.questions.first().pk}": "3"})
    assert response.status_code == 404
    # Someone of another organisation does not even learn the round exists.
    assert client_for(cast.outsider).get(_url("round", cast, round_)).status_code == 404
    assert not RoundAnswer.objects.exists() and not RoundRespondent.objects.exists()
    services.round_answer(round_, crowd[0], _answers(round_))  # a team member may


def test_an_answer_after_closing_is_refused_and_nothing_stored(cast, client_for):
    round_ = open_round(cast)
    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    response = client_for(cast.member).post(_url("round", cast, round_),
                                            {f"q{round_.questions.first().pk}": "3"})
    assert response.status_code == 409
    assert "gesloten" in response.content.decode()
    assert not RoundAnswer.objects.exists() and not RoundRespondent.objects.exists()


def test_an_answer_out_of_range_is_refused_and_nothing_stored(cast):
    round_ = open_round(cast)
    with pytest.raises(ValidationError):
        services.round_answer(round_, cast.member, _answers(round_, scale=7))
    with pytest.raises(ValidationError):
        services.round_answer(round_, cast.member, _answers(round_, choice=3))
    assert not RoundAnswer.objects.exists() and not RoundRespondent.objects.exists()


def test_results_stay_hidden_below_k_people_and_show_from_k(cast, client_for, crowd):
    round_ = open_round(cast)
    k = cast.org.anonymity_threshold
    people = [cast.member, *crowd][:k]
    for person in people[:-1]:
        services.round_answer(round_, person, _answers(round_))
    lead = client_for(cast.lead)
    page = lead.get(_url("round_results", cast, round_)).content.decode()
    assert "round-suppressed" in page and 'class="chart' not in page
    assert "Meer tijd voor elkaar." not in page
    services.round_answer(round_, people[-1], _answers(round_, scale=2))
    page = lead.get(_url("round_results", cast, round_)).content.decode()
    assert "round-suppressed" not in page
    assert page.count('class="chart ') == 2 and "Meer tijd voor elkaar." in page
    assert "Gemiddeld 3,6 op 5." in page


def test_a_question_answered_by_fewer_than_k_people_stays_hidden(cast, crowd):
    round_ = open_round(cast)
    q = list(round_.questions.all())
    for i, person in enumerate([cast.member, *crowd][:5]):
        answers = {q[0].pk: 3}
        if i < 2:
            answers[q[2].pk] = f"Alleen van twee mensen {i}"
        services.round_answer(round_, person, answers)
    page = selectors.round_results(round_)
    assert not page["suppressed"]
    by_kind = {r["question"].kind: r for r in page["questions"]}
    assert by_kind["scale"]["suppressed"] is False and by_kind["scale"]["n"] == 5
    assert by_kind["open"]["suppressed"] is True and "themes" not in by_kind["open"]


def test_the_threshold_is_the_organisations(cast, crowd):
    cast.org.anonymity_threshold = 2
    cast.org.save()
    round_ = open_round(cast)
    for person in crowd[:2]:
        services.round_answer(round_, person, _answers(round_))
    assert selectors.round_results(Round.objects.get(pk=round_.pk))["suppressed"] is False


def test_open_answers_come_as_themes_with_their_evidence(cast, crowd):
    from bedoeling.accounts.models import Membership, Role
    from bedoeling.conftest import make_user

    more = []
    for i in range(6):
        person = make_user(f"extra{i}@example.org")
        Membership.objects.create(user=person, organisation=cast.org, role=Role.MEMBER)
        more.append(person)
    texts = [
        "Minder registratie in het volgsysteem, het invoeren kost te veel tijd.",
        "Het invoeren in het volgsysteem vreet tijd van de kinderen.",
        "Minder invoeren en registratie, meer tijd voor de klas.",
        "Registratie en invoeren in het systeem kost tijd.",
        "Vaker bij elkaar in de klas kijken en van elkaar leren.",
        "Samen in de klas kijken bij collega's om te leren.",
        "Een middag per maand bij elkaar kijken in de klas.",
        "Collega's in de klas bezoeken en samen leren van elkaar.",
        "Buiten lessen geven in het park.",
        "Meer muziek.",
    ]
    round_ = open_round(cast)
    for person, text in zip([*crowd, *more], texts, strict=False):
        services.round_answer(round_, person, _answers(round_, text=text))
    result = next(r for r in selectors.round_results(round_)["questions"]
                  if r["question"].kind == "open")
    assert len(result["themes"]) >= 2
    shown = [t for theme in result["themes"] for t in theme["evidence"]] + result["others"]
    assert sorted(shown) == sorted(texts)
    assert any("klas" in theme["label"] for theme in result["themes"])


def test_results_link_to_a_recalibration_and_a_session(cast, client_for, crowd):
    round_ = open_round(cast)
    for person in crowd[:5]:
        services.round_answer(round_, person, _answers(round_))
    page = client_for(cast.lead).get(_url("round_results", cast, round_)).content.decode()
    assert reverse("purpose:vision_new", kwargs={"org": cast.org.slug}) in page
    assert reverse("live:create", kwargs={"org": cast.org.slug}) in page


def test_a_member_cannot_see_the_results_page(cast, client_for):
    round_ = open_round(cast)
    assert client_for(cast.member).get(_url("round_results", cast, round_)).status_code == 403
