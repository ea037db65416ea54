"""A custom method is edited and deleted by whoever may assemble one (facilitators and
leads). A session copies its method's steps when it is made, so a prepared or running
discussion keeps its own steps whatever happens to the method."""

from django.urls import reverse

from bedoeling.accounts.models import AuditEvent
from bedoeling.cases import methods, services
from bedoeling.cases.models import CaseDiscussion, CustomMethod
from bedoeling.live import services as live

STEPS = ["sketch", "clarify", "advice", "evaluation"]


def _method(cast, name="Korte adviesronde", steps=STEPS):
    return services.custom_method_save(cast.org, cast.facilitator, name=name, steps=steps)


def _url(method, name):
    return reverse(f"cases:{name}", kwargs={"org": method.organisation.slug,
                                             "method": method.pk})


def _form(name, steps):
    return {"name": name, **{f"step_{i}": key for i, key in enumerate(steps)}}


def test_the_methods_page_links_to_edit_and_delete_for_whoever_may_change_them(
        cast, client_for):
    method = _method(cast)
    url = reverse("cases:methods", kwargs={"org": "regenboog"})
    html = client_for(cast.facilitator).get(url).content.decode()
    assert _url(method, "method_edit") in html and _url(method, "method_delete") in html
    html = client_for(cast.member).get(url).content.decode()
    assert _url(method, "method_edit") not in html


def test_a_facilitator_edits_a_method_with_its_steps_prefilled(cast, client_for):
    method = _method(cast)
    client = client_for(cast.facilitator)
    page = client.get(_url(method, "method_edit")).content.decode()
    assert 'value="Korte adviesronde"' in page
    assert '<option value="clarify" selected>' in page
    response = client.post(_url(method, "method_edit"),
                           _form("Adviesronde", ["example", "core_statement",
                                                 "statements_side", "evaluation"]))
    assert response.status_code == 302
    method.refresh_from_db()
    assert (method.name, method.steps) == ("Adviesronde", ["example", "core_statement",
                                                           "statements_side", "evaluation"])


def test_an_edit_in_an_impossible_order_or_to_a_taken_name_is_refused_and_changes_nothing(
        cast, client_for):
    method = _method(cast)
    _method(cast, name="Socratisch kort", steps=["example", "evaluation"])
    client = client_for(cast.facilitator)
    page = client.post(_url(method, "method_edit"),
                       _form("Verkeerd om", ["positions_side", "positions"]))
    assert page.status_code == 400
    assert "heeft eerst de stap" in page.content.decode()
    page = client.post(_url(method, "method_edit"), _form("Socratisch kort", STEPS))
    assert page.status_code == 400
    assert "Er is al een methode met deze naam." in page.content.decode()
    method.refresh_from_db()
    assert (method.name, method.steps) == ("Korte adviesronde", STEPS)


def test_a_running_discussion_keeps_its_steps_when_the_method_is_edited_or_deleted(
        cast, group, client_for):
    method = _method(cast)
    discussion = services.discussion_start(group.case, cast.facilitator,
                                           method=f"custom:{method.pk}")
    session = discussion.session
    live.session_open(session, None)
    before = list(session.phases.values_list("kind", "title", "config"))
    services.custom_method_update(method, cast.facilitator, name="Anders",
                                  steps=["example", "values"])
    assert list(session.phases.values_list("kind", "title", "config")) == before
    # The edit page says which discussions keep the old steps.
    page = client_for(cast.facilitator).get(_url(method, "method_edit")).content.decode()
    assert "wordt nu gebruikt in 1 bespreking" in page
    page = client_for(cast.facilitator).get(_url(method, "method_delete")).content.decode()
    assert "wordt nu gebruikt in 1 bespreking" in page

    assert client_for(cast.facilitator).post(_url(method, "method_delete")).status_code == 302
    assert not CustomMethod.objects.exists()
    assert list(session.phases.values_list("kind", "title", "config")) == before
    participant, _token = live.participant_join(session)
    advice = session.phases.get(title=str(methods.STEPS["advice"].title))
    live.phase_activate(session, advice)
    live.card_add(advice, participant, text="Vraag het de vader zelf.")
    live.session_end(session, cast.facilitator)
    discussion.refresh_from_db()
    # It ran with "Korte adviesronde", and says so.
    assert discussion.method_name == "Korte adviesronde"
    case_page = client_for(cast.member).get(reverse(
        "cases:detail", kwargs={"org": "regenboog", "case": group.case.pk})).content.decode()
    assert "Korte adviesronde" in case_page


def test_deleting_a_method_is_audited_and_it_can_no_longer_start_a_discussion(
        cast, group, client_for):
    method = _method(cast)
    pk = method.pk
    client = client_for(cast.facilitator)
    page = client.get(_url(method, "method_delete"))
    assert page.status_code == 200
    assert "Ja, verwijder de methode" in page.content.decode()
    assert CustomMethod.objects.filter(pk=pk).exists()  # looking is not deleting
    assert client.post(_url(method, "method_delete")).status_code == 302
    event = AuditEvent.objects.get(action="cases.method_delete")
    assert (event.actor, event.data) == (cast.facilitator, {"method": pk, "discussions": 0})
    assert f"custom:{pk}" not in dict(services.method_choices(cast.org))
    response = client.post(reverse("cases:discuss", kwargs={"org": "regenboog",
                                                             "case": group.case.pk}),
                           {"method": f"custom:{pk}"})
    assert response.status_code == 400
    assert not CaseDiscussion.objects.exists()


def test_a_member_is_refused_and_nothing_changes(cast, client_for):
    method = _method(cast)
    client = client_for(cast.member)
    for name in ("method_edit", "method_delete"):
        for verb in ("get", "post"):
            response = getattr(client, verb)(_url(method, name), _form("Van mij", STEPS))
            assert response.status_code == 403
            assert "Dit kunnen alleen begeleiders en leidinggevenden doen." in (
                response.content.decode())
    method.refresh_from_db()
    assert method.name == "Korte adviesronde"


def test_a_method_of_another_organisation_is_404(cast, client_for):
    foreign = services.custom_method_save(cast.other, cast.outsider, name="Elders",
                                          steps=["sketch", "advice"])
    client = client_for(cast.facilitator)
    for name in ("method_edit", "method_delete"):
        url = reverse(f"cases:{name}", kwargs={"org": "regenboog", "method": foreign.pk})
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert CustomMethod.objects.filter(pk=foreign.pk, name="Elders").exists()
