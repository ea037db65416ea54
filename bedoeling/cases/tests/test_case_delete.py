"""A case's author, and a facilitator of her organisation, edit and delete it: deleting is
how a client's details written before the warning was heeded leave the instance."""

from html import unescape

from django.test import Client
from django.urls import reverse

from bedoeling.accounts.models import AuditEvent
from bedoeling.cases import services
from bedoeling.cases.models import Case, CaseDiscussion, Learning
from bedoeling.cases.tests.conftest import CASE
from bedoeling.live import services as live
from bedoeling.live.models import Card, LiveSession
from bedoeling.systemworld.models import Signal
from bedoeling.theatre.models import Performance, Scene


def _url(case, name="detail"):
    return reverse(f"cases:{name}", kwargs={"org": case.organisation.slug, "case": case.pk})


def _with_a_signal(cast, group):
    return services.learning_add(group.case, group.colleague, text="Vraag eerst naar het doel.",
                                 purpose_part="for_client",
                                 rule_in_the_way="Herhaalaanvraag hulpmiddelen")


def test_the_author_is_told_what_goes_and_what_stays_before_she_deletes(
        cast, group, client_for):
    _with_a_signal(cast, group)
    services.discussion_start(group.case, cast.facilitator, method="case_gossip")
    page = client_for(cast.member).get(_url(group.case, "delete"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 leerpunt bij deze casus." in html
    assert "1 signaal in het systeemwereldregister" in html
    assert "1 bespreking met haar oogst" in html
    assert 'method="post"' in html and "Ja, verwijder de casus" in html
    # Looking is not deleting.
    assert Case.objects.filter(pk=group.case.pk).exists()


def test_the_author_deletes_her_case_with_its_learnings_and_it_is_audited(
        cast, group, client_for):
    _with_a_signal(cast, group)
    pk = group.case.pk
    response = client_for(cast.member, csrf=False).post(_url(group.case, "delete"))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:list", kwargs={"org": "regenboog"})
    assert not Case.objects.filter(pk=pk).exists()
    assert not Learning.objects.exists()
    event = AuditEvent.objects.get(action="cases.delete")
    assert (event.organisation, event.actor) == (cast.org, cast.member)
    assert event.data == {"case": pk, "learnings": 1, "discussions": 0, "signals": 1}
    # The log names no title: a title may be what had to go.
    assert CASE["title"] not in str(event.data) + event.summary
    assert client_for(cast.member).get(_url(group.case)).status_code == 404


def test_a_signal_from_its_learnings_stays_but_no_longer_leads_to_the_deleted_case(
        cast, group, client_for):
    learning = _with_a_signal(cast, group)
    signal, case_url = learning.signal, _url(group.case)
    services.case_delete(group.case, cast.member)
    signal.refresh_from_db()
    assert signal.what_happened == "Vraag eerst naar het doel."
    assert signal.origin_url == ""
    assert CASE["title"] not in signal.origin_label
    page = client_for(cast.facilitator).get(reverse(
        "systemworld:signal", kwargs={"org": "regenboog", "signal": signal.pk}))
    html = page.content.decode()
    assert "de casus is verwijderd" in html
    assert f'href="{case_url}"' not in html


def test_a_session_that_discussed_it_keeps_its_harvest(cast, group, client_for):
    discussion = services.discussion_start(group.case, cast.facilitator, method="case_gossip")
    session = discussion.session
    live.session_open(session, None)
    participant, _token = live.participant_join(session)
    live.card_add(session.phases.first(), participant, text="Wie heb je al gevraagd?")
    services.case_delete(group.case, cast.facilitator)
    assert not CaseDiscussion.objects.exists()
    assert LiveSession.objects.filter(pk=session.pk).exists()
    assert Card.objects.filter(session=session, text="Wie heb je al gevraagd?").exists()
    live.session_end(session, cast.facilitator)  # its harvest hook finds no case, and copes
    harvest = client_for(cast.facilitator).get(reverse(
        "live:harvest", kwargs={"org": "regenboog", "session": session.pk}))
    assert harvest.status_code == 200
    html = harvest.content.decode()
    assert "Wie heb je al gevraagd?" in html
    assert CASE["situation"] not in html and CASE["dilemma"] not in html


def test_the_delete_page_names_the_theatre_scenes_that_copied_its_text(
        cast, group, client_for):
    performance = Performance.objects.create(organisation=cast.org, title="Voorjaarsvoorstelling")
    Scene.objects.create(performance=performance, title="Aan het loket", setting="s",
                         characters="De ambtenaar", conflict="c", at_stake="a", case=group.case)
    html = client_for(cast.member).get(_url(group.case, "delete")).content.decode()
    assert "Aan het loket (Voorjaarsvoorstelling)" in html


def test_a_facilitator_of_her_organisation_edits_and_deletes_her_case(cast, group, client_for):
    client = client_for(cast.facilitator)
    assert "Verwijderen" in client.get(_url(group.case)).content.decode()
    response = client.post(_url(group.case, "edit"), {
        **CASE, "situation": "Een inwoner (meneer K.) vroeg een traplift aan."})
    assert response.status_code == 302
    group.case.refresh_from_db()
    assert group.case.situation.startswith("Een inwoner (meneer K.)")
    assert group.case.author == cast.member
    assert client.post(_url(group.case, "delete")).status_code == 302
    assert not Case.objects.exists()
    assert AuditEvent.objects.get(action="cases.delete").actor == cast.facilitator


def test_a_colleague_who_reads_it_is_refused_with_a_message_and_nothing_changes(
        cast, group, client_for):
    client = client_for(group.colleague)
    assert "Verwijderen" not in client.get(_url(group.case)).content.decode()
    for method in ("get", "post"):
        refusal = getattr(client, method)(_url(group.case, "delete"))
        assert refusal.status_code == 403
        assert ("Alleen wie de casus schreef en de begeleiders van de organisatie kunnen een "
                "casus bewerken of verwijderen.") in refusal.content.decode()
    english = client.post(_url(group.case, "delete"), HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 403
    assert ("Only the person who wrote the case and the organisation's facilitators can "
            "edit or delete a case.") in unescape(english.content.decode())
    refusal = client.post(_url(group.case, "edit"), {**CASE, "title": "Overgenomen"})
    assert refusal.status_code == 403
    group.case.refresh_from_db()
    assert group.case.title == CASE["title"]
    assert Case.objects.filter(pk=group.case.pk).exists()
    assert not AuditEvent.objects.filter(action="cases.delete").exists()


def test_a_lead_and_a_reader_of_a_shared_case_are_refused_too(cast, group, client_for):
    services.case_share(group.case, cast.member, shared=True)
    for user in (group.stranger, cast.lead):
        assert client_for(user).post(_url(group.case, "delete")).status_code == 403
    assert Case.objects.filter(pk=group.case.pk).exists()


def test_someone_who_may_not_read_it_or_another_organisation_gets_404(
        cast, group, client_for):
    for user in (group.stranger, cast.lead, cast.outsider):
        for method in ("get", "post"):
            response = getattr(client_for(user), method)(_url(group.case, "delete"))
            assert response.status_code == 404, (user, method)
    assert Case.objects.filter(pk=group.case.pk).exists()


def test_deleting_without_a_csrf_token_is_refused(cast, group):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member)
    assert client.post(_url(group.case, "delete")).status_code == 403
    assert Case.objects.filter(pk=group.case.pk).exists()


def test_the_warning_about_personal_data_works_on_edit_as_on_create(cast, group, client_for):
    client = client_for(cast.member)
    data = {**CASE, "situation": "Mevrouw Jansen (BSN 111222333) vroeg een traplift aan."}
    page = client.post(_url(group.case, "edit"), data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Staan hier persoonsgegevens in?" in html and "111222333" in html
    group.case.refresh_from_db()
    assert group.case.situation == CASE["situation"]
    assert client.post(_url(group.case, "edit"), {**data, "pii_checked": "1"}
                       ).status_code == 302
    group.case.refresh_from_db()
    assert "111222333" in group.case.situation


def test_a_name_taken_out_of_the_title_leaves_the_signals_of_its_learnings_too(
        cast, group, client_for):
    signal = _with_a_signal(cast, group).signal
    services.case_update(group.case, cast.member, **{**CASE, "title": "De traplift"})
    signal.refresh_from_db()
    assert signal.origin_label == "Casusbespreking ‘De traplift’"
    assert signal.origin_url == _url(group.case)
    assert Signal.objects.count() == 1


def test_when_her_account_is_deleted_the_signals_of_her_cases_lose_their_link_too(
        cast, group):
    from bedoeling.conftest import PASSWORD
    from bedoeling.privacy.services import account_delete

    signal = _with_a_signal(cast, group).signal
    account_delete(cast.member, password=PASSWORD)
    assert not Case.objects.exists()
    signal.refresh_from_db()
    assert (signal.origin_url, signal.origin_label) == (
        "", "Een casusbespreking (de casus is verwijderd)")
