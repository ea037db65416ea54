from django.urls import reverse

from bedoeling.cases.models import Case
from bedoeling.cases.tests.conftest import CASE


def _new(org="regenboog"):
    return reverse("cases:new", kwargs={"org": org})


def test_a_member_writes_a_case_for_her_team(cast, client_for):
    response = client_for(cast.member).post(_new(), {**CASE, "team": cast.team.pk})
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.author, case.team, case.purpose_part) == (cast.member, cast.team, "for_client")


def test_text_with_a_name_and_a_bsn_gets_a_warning_and_is_not_yet_stored(cast, client_for):
    data = {**CASE, "situation": "Mevrouw Jansen (BSN 111222333) vroeg een traplift aan."}
    page = client_for(cast.member).post(_new(), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Staan hier persoonsgegevens in?" in html
    assert "mevrouw jansen" in html.lower() and "111222333" in html
    assert "burgerservicenummer" in html  # why
    assert not Case.objects.exists()


def test_she_may_save_after_seeing_the_warning(cast, client_for):
    data = {**CASE, "situation": "We spraken in Wijk De Vogelaar met de moeder.",
            "pii_checked": "1"}
    assert client_for(cast.member).post(_new(), data).status_code == 302
    assert Case.objects.count() == 1


def test_random_nine_digits_do_not_warn(cast, client_for):
    data = {**CASE, "situation": "Het aanvraagnummer was 123456789, niets bijzonders."}
    assert client_for(cast.member).post(_new(), data).status_code == 302


def test_an_empty_or_too_long_case_is_refused_with_a_message_and_nothing_stored(
        cast, client_for):
    client = client_for(cast.member)
    page = client.post(_new(), {**CASE, "dilemma": "  "})
    assert page.status_code == 400
    assert "Dit veld is verplicht" in page.content.decode()
    page = client.post(_new(), {**CASE, "situation": "x" * 4001})
    assert page.status_code == 400
    page = client.post(_new(), {**CASE, "purpose_part": "alles"})
    assert page.status_code == 400
    assert not Case.objects.exists()


def test_a_team_of_another_organisation_is_refused(cast, client_for):
    from bedoeling.orgs.models import Team

    foreign = Team.objects.create(organisation=cast.other, name="Elders")
    page = client_for(cast.member).post(_new(), {**CASE, "team": foreign.pk})
    assert page.status_code == 400
    assert not Case.objects.exists()


def test_the_form_is_in_english_for_an_english_reader(cast, client_for):
    client = client_for(cast.member)
    page = client.post(_new(), {**CASE, "situation": "Mevrouw Jansen belde."},
                       HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "personal data" in html.lower()
