from django.urls import reverse

from bedoeling.cases import selectors, services
from bedoeling.cases.tests.conftest import write_case


def _url(case, name="detail"):
    return reverse(f"cases:{name}", kwargs={"org": case.organisation.slug, "case": case.pk})


def test_the_author_her_team_and_the_facilitators_see_the_case_with_her_name(
        cast, group, client_for):
    for user in (cast.member, group.colleague, cast.facilitator):
        page = client_for(user).get(_url(group.case))
        assert page.status_code == 200, user
        assert "Ingebracht door Lotte" in page.content.decode()


def test_a_colleague_of_another_team_and_a_lead_outside_the_team_get_404(
        cast, group, client_for):
    for user in (group.stranger, cast.lead):
        assert client_for(user).get(_url(group.case)).status_code == 404
    listing = client_for(group.stranger).get(reverse("cases:list", kwargs={"org": "regenboog"}))
    assert group.case.title not in listing.content.decode()


def test_another_organisation_gets_404_everywhere(cast, group, client_for):
    outsider = client_for(cast.outsider)
    for name in ("detail", "edit", "delete", "share", "discuss", "learning_add"):
        assert outsider.get(_url(group.case, name)).status_code == 404
        assert outsider.post(_url(group.case, name)).status_code == 404


def test_a_shared_case_is_read_by_the_whole_organisation_without_its_authors_name(
        cast, group, client_for):
    services.learning_add(group.case, group.colleague, text="Vraag eerst naar het doel.",
                          purpose_part="for_client")
    services.case_share(group.case, cast.member, shared=True)
    page = client_for(group.stranger).get(_url(group.case))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vraag eerst naar het doel." in html
    assert "Lotte" not in html and "Daan" not in html
    assert "blijft anoniem" in html
    # Reading is not belonging: she writes no learning and starts no discussion.
    assert "Leerpunt opslaan" not in html
    assert not selectors.in_group(group.case, group.stranger.memberships.get())


def test_only_the_author_shares_her_case(cast, group, client_for):
    response = client_for(group.colleague).post(_url(group.case, "share"), {"shared": "1"})
    assert response.status_code == 302
    group.case.refresh_from_db()
    assert group.case.shared is False


def test_only_the_author_edits_her_case(cast, group, client_for):
    # Her colleague reads the case, so she is told who may change it.
    refusal = client_for(group.colleague).get(_url(group.case, "edit"))
    assert refusal.status_code == 403
    assert "Alleen wie de casus schreef en de begeleiders" in refusal.content.decode()
    response = client_for(cast.member).post(_url(group.case, "edit"), {
        "title": "Nieuwe titel", "situation": "s", "dilemma": "d", "question": "v",
        "purpose_part": "for_us"})
    assert response.status_code == 302
    group.case.refresh_from_db()
    assert group.case.title == "Nieuwe titel"


def test_a_case_without_a_team_is_its_authors_and_the_facilitators(cast, client_for, group):
    case = write_case(cast.org, cast.lead)  # the lead has no team
    assert case.team is None
    assert client_for(cast.lead).get(_url(case)).status_code == 200
    assert client_for(cast.facilitator).get(_url(case)).status_code == 200
    assert client_for(group.colleague).get(_url(case)).status_code == 404
