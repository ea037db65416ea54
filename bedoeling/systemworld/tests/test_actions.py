from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bedoeling.systemworld import services
from bedoeling.systemworld.models import Action, ActionUpdate, Notification, RuleEvent

pytestmark = pytest.mark.django_db


def new_action_url(cast, **query):
    url = reverse("systemworld:action_new", kwargs={"org": cast.org.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def action_form(cast, next_week, **extra):
    return {"kind": "change", "title": "Niet meer opnieuw opvragen", "description": "",
            "owner": cast.lead.pk, "due_date": next_week.isoformat(), "rule": "",
            "escalate_to": "", "escalate_detail": "", "timeout_case": "",
            "timeout_until": "", "review_date": "", **extra}


def update_url(cast, action):
    return reverse("systemworld:action_update", kwargs={"org": cast.org.slug,
                                                         "action": action.pk})


@pytest.fixture
def signal(cast, rule):
    return services.signal_report(cast.org, what_happened="Weer alles opnieuw.", rule=rule,
                                  reporter=cast.member).signal


@pytest.fixture
def action(cast, signal, next_week):
    return services.action_create(cast.org, cast.facilitator, kind="change",
                                  title="Niet meer opnieuw opvragen", owner=cast.lead,
                                  due_date=next_week, signals=[signal])


def test_a_facilitator_creates_an_action_for_a_signal(cast, client_for, signal, rule,
                                                      next_week):
    response = client_for(cast.facilitator).post(new_action_url(cast, signaal=signal.pk),
                                                 action_form(cast, next_week,
                                                             signals=[signal.pk]))
    action = Action.objects.get()
    assert response.status_code == 302
    assert list(action.signals.all()) == [signal]
    assert action.rule == rule  # taken from the signal
    assert action.status == Action.Status.PLANNED
    assert action.updates.get().status_after == Action.Status.PLANNED
    assert RuleEvent.objects.filter(rule=rule, kind=RuleEvent.Kind.ACTION).exists()


def test_an_action_cannot_be_assigned_to_someone_outside_the_organisation(cast, client_for,
                                                                         next_week):
    response = client_for(cast.facilitator).post(
        new_action_url(cast), action_form(cast, next_week, owner=cast.outsider.pk))
    assert response.status_code == 400
    assert "een actie kan alleen iemand van de organisatie trekken" in \
        response.content.decode()
    assert Action.objects.count() == 0
    with pytest.raises(ValidationError):
        services.action_create(cast.org, cast.facilitator, kind="change", title="x",
                               owner=cast.outsider, due_date=next_week)
    assert Action.objects.count() == 0


def test_an_action_cannot_take_up_another_organisations_signal_or_rule(cast, foreign_rule,
                                                                       next_week):
    foreign = services.signal_report(cast.other, what_happened="x",
                                     reporter=cast.outsider).signal
    with pytest.raises(ValidationError):
        services.action_create(cast.org, cast.facilitator, kind="change", title="x",
                               owner=cast.lead, due_date=next_week, signals=[foreign])
    with pytest.raises(ValidationError):
        services.action_create(cast.org, cast.facilitator, kind="change", title="x",
                               owner=cast.lead, due_date=next_week, rule=foreign_rule)
    assert Action.objects.count() == 0


def test_a_foreign_signal_in_the_address_is_not_found(cast, client_for):
    foreign = services.signal_report(cast.other, what_happened="x",
                                     reporter=cast.outsider).signal
    response = client_for(cast.facilitator).get(new_action_url(cast, signaal=foreign.pk))
    assert response.status_code == 404


@pytest.mark.parametrize("extra, message", [
    ({"kind": "escalate"}, "Kies waar je het agendeert."),
    ({"kind": "experiment"}, "Een experiment heeft een datum waarop we het evalueren."),
    ({"title": ""}, "Schrijf op wat we gaan doen."),
    ({"due_date": "2001-01-01"}, "Deze datum ligt in het verleden."),
    ({"due_date": "morgen"}, "Die datum kon ik niet lezen."),
    ({"kind": "weggooien"}, "Selecteer een geldige keuze"),
])
def test_an_incomplete_action_gets_a_clear_message_and_stores_nothing(cast, client_for,
                                                                      next_week, extra,
                                                                      message):
    response = client_for(cast.facilitator).post(new_action_url(cast),
                                                 action_form(cast, next_week, **extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Action.objects.count() == 0


def test_a_member_cannot_decide_actions(cast, client_for, next_week):
    response = client_for(cast.member).post(new_action_url(cast), action_form(cast, next_week))
    assert response.status_code == 403
    assert Action.objects.count() == 0


def test_the_owner_of_a_rule_may_decide_an_action_about_it(cast, client_for, next_week):
    rule = services.rule_create(cast.org, cast.facilitator, title="Formulier",
                                owner_user=cast.member)
    response = client_for(cast.member).post(new_action_url(cast, regel=rule.pk),
                                            action_form(cast, next_week, rule=rule.pk))
    assert response.status_code == 302
    assert Action.objects.get().rule == rule


def test_a_status_change_tells_the_reporter_by_email_and_in_the_app(
        cast, client_for, action, mailoutbox, django_capture_on_commit_callbacks):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.lead).post(update_url(cast, action), {
            "status": "in_progress", "progress": "40", "note": "Werkinstructie in de maak."})
    assert response.status_code == 302
    note = Notification.objects.get(user=cast.member, kind="action_status")
    assert note.text == "Actie ‘Niet meer opnieuw opvragen’ is nu: bezig."
    assert [m.to for m in mailoutbox] == [[cast.member.email]]
    assert "is nu: bezig" in mailoutbox[0].subject
    assert note.url in mailoutbox[0].body
    action.refresh_from_db()
    assert (action.status, action.progress) == ("in_progress", 40)
    assert action.updates.last().note == "Werkinstructie in de maak."


def test_the_mail_speaks_the_reporter_s_language_not_the_deciders(
        cast, client_for, action, mailoutbox, django_capture_on_commit_callbacks):
    cast.member.language = "en"
    cast.member.save(update_fields=["language"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.lead).post(update_url(cast, action), {
            "status": "in_progress", "progress": "40", "note": ""})
    assert response.status_code == 302
    assert "is now: in progress" in mailoutbox[0].subject, mailoutbox[0].subject
    assert "bezig" not in mailoutbox[0].body


def test_followers_hear_of_a_status_change_but_not_the_one_who_made_it(cast, action, rule):
    services.rule_follow(cast.org, cast.facilitator, rule)
    services.rule_follow(cast.org, cast.lead, rule)
    Notification.objects.all().delete()
    services.action_status_change(cast.org, cast.lead, action, status="in_progress")
    told = set(Notification.objects.values_list("user__email", flat=True))
    assert told == {cast.member.email, cast.facilitator.email}


def test_an_anonymous_reporter_gets_no_mail_but_the_receipt_shows_it(
        cast, client_for, rule, next_week, mailoutbox, django_capture_on_commit_callbacks):
    report = services.signal_report(cast.org, what_happened="x", rule=rule,
                                    reporter=cast.member, anonymous=True)
    action = services.action_create(cast.org, cast.facilitator, kind="explain",
                                    title="Uitleggen wat al mag", owner=cast.lead,
                                    due_date=next_week, signals=[report.signal])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.action_status_change(cast.org, cast.lead, action, status="done")
    assert cast.member.email not in [address for m in mailoutbox for address in m.to]
    assert not Notification.objects.filter(user=cast.member).exists()
    body = client_for().post(reverse("systemworld:receipt"),
                             {"code": report.receipt_code}).content.decode()
    assert "Uitleggen wat al mag" in body and "Afgerond" in body


def test_an_update_that_changes_nothing_is_refused(cast, client_for, action):
    response = client_for(cast.lead).post(update_url(cast, action), {
        "status": "planned", "progress": "0", "note": ""})
    assert response.status_code == 400
    assert "Er is niets veranderd" in response.content.decode()
    assert action.updates.count() == 1


@pytest.mark.parametrize("progress", ["101", "-5", "veel"])
def test_progress_is_a_percentage(cast, client_for, action, progress):
    response = client_for(cast.lead).post(update_url(cast, action), {
        "status": "in_progress", "progress": progress, "note": ""})
    assert response.status_code == 400
    action.refresh_from_db()
    assert action.status == "planned" and action.updates.count() == 1


def test_only_the_owner_or_those_who_steer_update_an_action(cast, client_for, action):
    response = client_for(cast.member).post(update_url(cast, action), {
        "status": "done", "progress": "100", "note": ""})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == "planned"


def test_finishing_a_removal_retires_the_rule(cast, rule, next_week):
    action = services.action_create(cast.org, cast.lead, kind="remove", title="Schrappen",
                                    owner=cast.lead, due_date=next_week, rule=rule)
    services.action_status_change(cast.org, cast.lead, action, status="done")
    rule.refresh_from_db()
    assert rule.is_retired
    assert rule.events.filter(kind=RuleEvent.Kind.RETIRED).exists()


def test_an_experiment_past_its_review_date_asks_for_a_verdict(cast, client_for, next_week):
    action = services.action_create(cast.org, cast.lead, kind="experiment",
                                    title="Vrij verslag", owner=cast.lead, due_date=next_week,
                                    review_date=next_week)
    Action.objects.filter(pk=action.pk).update(
        review_date=timezone.localdate() - timedelta(days=1))
    board = client_for(cast.member).get(reverse("systemworld:actions",
                                                kwargs={"org": cast.org.slug}))
    assert "Deze experimenten vragen om een oordeel" in board.content.decode()
    url = reverse("systemworld:action_verdict", kwargs={"org": cast.org.slug,
                                                         "action": action.pk})
    client = client_for(cast.lead)
    response = client.post(url, {"verdict": "extend", "text": "Nog te vroeg.",
                                 "new_review_date": ""})
    assert response.status_code == 400
    assert "Kies tot wanneer we het experiment verlengen." in response.content.decode()
    response = client.post(url, {"verdict": "adopt", "text": "Het werkt."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.verdict) == ("done", "adopt")
    assert not action.needs_verdict()


def test_extending_an_experiment_sets_a_new_review_date(cast, next_week):
    action = services.action_create(cast.org, cast.lead, kind="experiment", title="Proef",
                                    owner=cast.lead, due_date=next_week, review_date=next_week)
    later = next_week + timedelta(days=30)
    services.experiment_verdict_record(cast.org, cast.lead, action, verdict="extend",
                                       text="Meer tijd nodig.", new_review_date=later)
    action.refresh_from_db()
    assert action.review_date == later and action.unfinished and action.verdict == ""


def test_the_board_shows_overdue_actions_first(cast, client_for, next_week):
    late = services.action_create(cast.org, cast.lead, kind="change", title="Te laat",
                                  owner=cast.lead, due_date=next_week)
    services.action_create(cast.org, cast.lead, kind="change", title="Op tijd",
                           owner=cast.lead, due_date=next_week + timedelta(days=3))
    done = services.action_create(cast.org, cast.lead, kind="change", title="Klaar al",
                                  owner=cast.lead, due_date=next_week)
    services.action_status_change(cast.org, cast.lead, done, status="done")
    Action.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - timedelta(days=2))
    body = client_for(cast.member).get(reverse(
        "systemworld:actions", kwargs={"org": cast.org.slug})).content.decode()
    open_part = body.split("Onlangs afgerond")[0]
    assert open_part.index("Te laat") < open_part.index("Op tijd")
    assert "Klaar al" not in open_part
    assert "1 te laat" in body


def test_the_timeline_keeps_every_step(cast, action):
    services.action_status_change(cast.org, cast.lead, action, status="in_progress",
                                  progress=50, note="Halverwege.")
    services.action_status_change(cast.org, cast.lead, action, status="in_progress",
                                  progress=80)
    services.action_status_change(cast.org, cast.lead, action, status="done")
    steps = list(ActionUpdate.objects.filter(action=action)
                 .values_list("status_after", "progress"))
    assert steps == [("planned", 0), ("in_progress", 50), ("in_progress", 80), ("done", 100)]
