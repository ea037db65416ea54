"""Asynchronous sessions: windows, the clock moving the session, mails once, refusals
outside a window, invited members' own participants, and the thread."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from bedoeling.accounts.models import Membership, Role
from bedoeling.conftest import PASSWORD, make_user
from bedoeling.lib.urls import site_url
from bedoeling.live import schedule, services
from bedoeling.live.models import Card, LiveSession, Participant, StepMail
from bedoeling.live.registry import FORMATS, Format, PhaseSpec, RoleSpec, register_format
from bedoeling.live.thread import thread_steps
from bedoeling.privacy.services import account_delete, personal_data_export

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
OWNER = "owner"
HOUR = timedelta(hours=1)

ROUND = Format(
    key="async_round", name="Ronde", description="Een casus, vragen, een schaal.",
    roles=(RoleSpec(OWNER, "Inbrenger", single=True),),
    phases=(
        PhaseSpec("info", "De casus", "Lees de casus."),
        PhaseSpec("cards", "Vragen", "Welke vraag stel je?", readonly_for=(OWNER,)),
        PhaseSpec("cards", "Wat zie je?", "Schrijf voor jezelf.", {"private": True},
                  hidden_from=(OWNER,)),
        PhaseSpec("scale", "Hoe helpend?", config={"min": 1, "max": 5}),
    ),
)


@pytest.fixture
def round_format():
    register_format(ROUND)
    yield ROUND
    FORMATS.pop(ROUND.key, None)


@pytest.fixture
def plan(cast, round_format):
    """An asynchronous session of four steps, a day each from `start`, with the member,
    the lead and a colleague invited; not started. By the clock the second step (the
    questions) is open now."""
    session = services.session_create(cast.org, cast.facilitator, title="Casus op afstand",
                                      format_key=ROUND.key)
    start = timezone.now().replace(microsecond=0) - timedelta(days=1) - HOUR
    schedule.session_make_asynchronous(session, start=start)
    colleague = make_user("fatma@example.org", "Fatma")
    Membership.objects.create(user=colleague, organisation=cast.org, role=Role.MEMBER,
                              team=cast.team)
    memberships = list(Membership.objects.filter(organisation=cast.org).exclude(
        user=cast.facilitator))
    schedule.members_invite(session, cast.facilitator, memberships)
    people = {p.membership.user.email: p for p in schedule.invitees(session)}
    return type("Plan", (), {"session": session, "start": start, "people": people,
                             "phases": list(session.phases.all()), "colleague": colleague})


def _open(plan):
    services.session_open(plan.session, None)
    plan.session.refresh_from_db()


def _shift(plan, days):
    """A day on: every window (and the plan's start) moves `days` back in time."""
    plan.session.phases.update(opens_at=F("opens_at") - timedelta(days=days),
                               closes_at=F("closes_at") - timedelta(days=days))
    plan.start -= timedelta(days=days)
    plan.phases = list(plan.session.phases.all())


def _at(plan, step, hours=0):
    """A moment `hours` into the window of step `step` (0-based)."""
    return plan.start + timedelta(days=step, hours=hours)


def _mails_to(mailoutbox, address):
    return [m for m in mailoutbox if address in m.to]


def test_a_new_asynchronous_session_gets_a_day_per_step_and_goes_to_its_plan(cast, client_for):
    response = client_for(cast.facilitator).post(reverse("live:create", args=[cast.org.slug]), {
        "title": "Wijkteams", "format": "open", "participant_cap": 50, "anonymous": "on",
        "asynchronous": "on"})
    session = LiveSession.objects.get(title="Wijkteams")
    assert response["Location"] == reverse("live:plan", args=[cast.org.slug, session.pk])
    assert session.asynchronous
    phases = list(session.phases.all())
    assert all(p.closes_at - p.opens_at == timedelta(days=1) for p in phases)
    assert all(a.closes_at == b.opens_at for a, b in zip(phases, phases[1:], strict=False))
    page = client_for(cast.facilitator).get(response["Location"])
    assert page.status_code == 200
    assert "Tijdvakken" in page.content.decode()


def test_a_plan_with_a_step_closing_before_it_opens_or_overlapping_is_refused_and_changes_nothing(
        plan, cast, client_for):
    url = reverse("live:plan", args=[cast.org.slug, plan.session.pk])
    before = [(p.opens_at, p.closes_at) for p in plan.session.phases.all()]
    data = {"action": "windows"}
    for i, phase in enumerate(plan.phases):
        opens = timezone.localtime(_at(plan, i))
        data[f"opens_{phase.pk}"] = opens.strftime("%Y-%m-%dT%H:%M")
        data[f"closes_{phase.pk}"] = (opens + timedelta(hours=20)).strftime("%Y-%m-%dT%H:%M")
    # The second step closes as it opens; the fourth opens before the third closes.
    second, third, fourth = plan.phases[1], plan.phases[2], plan.phases[3]
    data[f"closes_{second.pk}"] = data[f"opens_{second.pk}"]
    data[f"opens_{fourth.pk}"] = data[f"opens_{third.pk}"]
    response = client_for(cast.facilitator).post(url, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Stap 2 sluit voordat hij opent." in text
    assert "Stap 4 opent voordat stap 3 sluit." in text
    assert [(p.opens_at, p.closes_at) for p in plan.session.phases.all()] == before

    data[f"opens_{third.pk}"] = "morgen"
    response = client_for(cast.facilitator).post(url, data)
    assert response.status_code == 400
    assert "Vul bij elke stap een geldige datum en tijd in." in response.content.decode()
    assert [(p.opens_at, p.closes_at) for p in plan.session.phases.all()] == before


def test_each_step_opens_and_closes_on_the_clock_and_the_last_closing_ends_the_session(plan):
    _open(plan)
    session = plan.session
    assert schedule.session_advance(session.pk, now=_at(plan, 0, -0.5)) == "waiting"
    schedule.session_advance(session.pk, now=_at(plan, 1, 1))
    session.refresh_from_db()
    assert session.current_phase_id == plan.phases[1].pk
    # The worker slept through a whole step: the session moves on to where the clock is.
    schedule.session_advance(session.pk, now=_at(plan, 3, 2))
    session.refresh_from_db()
    assert session.current_phase_id == plan.phases[3].pk
    # Closed steps show their results, as a facilitator would reveal them.
    assert all(p.revealed for p in session.phases.all()[:3] if p.kind != "info")
    assert schedule.session_advance(session.pk, now=_at(plan, 4, 0)) == "ended"
    session.refresh_from_db()
    assert session.is_ended


def _phone(client, session):
    """A phone of an invited member: she logs in and follows the link in her mail."""
    response = client.get(reverse("live:invited", args=[session.code]))
    assert response["Location"] == reverse("live:phone", args=[session.code])
    return client


def test_input_after_the_window_is_refused_and_stores_nothing_even_if_the_worker_is_late(
        plan, cast, client_for):
    _open(plan)
    questions = plan.phases[1]
    schedule.session_advance(plan.session.pk, now=_at(plan, 1, 1))
    phone = _phone(client_for(cast.member), plan.session)
    url = reverse("live:act", args=[plan.session.code, questions.pk])
    assert phone.post(url, {"text": "Wat had je nodig?"}, HTTP_HX_REQUEST="true"
                      ).status_code == 200
    # The step closed an hour ago; the worker has not come yet, so it is still current.
    past = timezone.now() - HOUR
    type(questions).objects.filter(pk=questions.pk).update(
        opens_at=past - timedelta(days=1), closes_at=past)
    response = phone.post(url, {"text": "Te laat"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Deze stap is gesloten sinds" in response.content.decode()
    assert list(Card.objects.filter(phase=questions).values_list("text", flat=True)) == [
        "Wat had je nodig?"]


def test_input_before_a_step_opens_is_refused(plan, cast, client_for):
    _open(plan)
    scale = plan.phases[3]
    services.phase_activate(plan.session, scale)
    phone = _phone(client_for(cast.member), plan.session)
    response = phone.post(reverse("live:act", args=[plan.session.code, scale.pk]),
                          {"value": "4"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Deze stap gaat pas open op" in response.content.decode()
    assert not scale.votes.exists()


def test_invited_members_get_one_mail_when_a_step_opens_even_if_the_task_runs_twice(
        plan, mailoutbox):
    _open(plan)
    for _ in range(2):
        schedule.session_advance(plan.session.pk, now=_at(plan, 1, 1))
    for address in ("lotte@example.org", "marieke@example.org", "fatma@example.org"):
        mails = _mails_to(mailoutbox, address)
        assert len(mails) == 1, address
        assert "‘Vragen’ staat open tot" in mails[0].subject
        # An absolute link: a mail is read outside the site.
        assert site_url(reverse("live:invited", args=[plan.session.code])) in mails[0].body
        assert site_url("/").startswith("http")
    assert not _mails_to(mailoutbox, "sanne@example.org")  # not invited
    assert StepMail.objects.filter(kind=StepMail.Kind.OPENED).count() == 3


def test_the_reminder_goes_once_and_only_to_those_who_have_not_contributed(
        plan, cast, client_for, mailoutbox):
    _open(plan)
    questions = plan.phases[1]
    schedule.session_advance(plan.session.pk, now=_at(plan, 1, 1))
    phone = _phone(client_for(cast.member), plan.session)
    phone.post(reverse("live:act", args=[plan.session.code, questions.pk]),
               {"text": "Wat had je nodig?"})
    mailoutbox.clear()
    for _ in range(2):
        schedule.session_advance(plan.session.pk, now=_at(plan, 1, 20))
    assert not _mails_to(mailoutbox, "lotte@example.org")  # she wrote a question
    for address in ("marieke@example.org", "fatma@example.org"):
        mails = _mails_to(mailoutbox, address)
        assert len(mails) == 1 and mails[0].subject.startswith("Herinnering"), address


def test_a_role_that_only_reads_along_is_not_reminded_and_a_hidden_one_not_mailed(
        plan, mailoutbox):
    _open(plan)
    owner = plan.people["lotte@example.org"]
    services.participant_role_give(plan.session, owner.pk, OWNER)
    schedule.session_advance(plan.session.pk, now=_at(plan, 1, 1))
    assert len(_mails_to(mailoutbox, "lotte@example.org")) == 1  # she reads along
    schedule.session_advance(plan.session.pk, now=_at(plan, 1, 20))
    assert len(_mails_to(mailoutbox, "lotte@example.org")) == 1  # nothing to remind
    schedule.session_advance(plan.session.pk, now=_at(plan, 2, 1))
    # The private step is hidden from her: not even its title reaches her.
    assert len(_mails_to(mailoutbox, "lotte@example.org")) == 1
    assert len(_mails_to(mailoutbox, "fatma@example.org")) == 3


def test_a_late_worker_sends_one_mail_not_an_opening_and_a_reminder_at_once(plan, mailoutbox):
    _open(plan)
    schedule.session_advance(plan.session.pk, now=_at(plan, 1, 22))
    schedule.session_advance(plan.session.pk, now=_at(plan, 1, 23))
    assert len(_mails_to(mailoutbox, "fatma@example.org")) == 1


def test_a_step_that_closed_before_the_worker_came_is_not_mailed_about(plan, mailoutbox):
    _open(plan)
    # The gap between the second and third steps: the second has closed, the third not open.
    type(plan.phases[2]).objects.filter(pk=plan.phases[2].pk).update(
        opens_at=_at(plan, 2, 5))
    assert schedule.session_advance(plan.session.pk, now=_at(plan, 2, 1)) == "waiting"
    assert not mailoutbox


def test_an_invited_member_keeps_her_participant_on_every_device(plan, cast, client_for):
    _open(plan)
    first = _phone(client_for(cast.member), plan.session)
    second = _phone(client_for(cast.member), plan.session)
    mine = plan.people["lotte@example.org"]
    for client in (first, second):
        page = client.get(reverse("live:phone", args=[plan.session.code]))
        assert f"#{mine.pk}" in page.content.decode()
    assert plan.session.participants.count() == 3


def test_the_invitation_link_is_no_way_in_for_someone_not_invited(plan, cast, client_for):
    _open(plan)
    response = client_for(cast.facilitator).get(reverse("live:invited",
                                                        args=[plan.session.code]))
    assert response.status_code == 404
    assert response.cookies.get(f"bp_{plan.session.code}") is None
    anonymous = client_for(None).get(reverse("live:invited", args=[plan.session.code]))
    assert anonymous["Location"].startswith(reverse("accounts:login"))


def test_an_anonymous_session_names_nobody_to_anyone(plan, cast, client_for):
    assert plan.session.anonymous
    assert all(p.name == "" for p in plan.people.values())
    _open(plan)
    schedule.session_advance(plan.session.pk, now=_at(plan, 1, 1))
    phone = _phone(client_for(cast.member), plan.session)
    phone.post(reverse("live:act", args=[plan.session.code, plan.phases[1].pk]),
               {"text": "Wat had je nodig?"})
    schedule.session_advance(plan.session.pk, now=_at(plan, 2, 1))
    for user in (cast.facilitator, cast.lead):
        text = client_for(user).get(reverse("live:control", args=[
            cast.org.slug, plan.session.pk])).content.decode()
        thread = client_for(user).get(reverse("live:thread", args=[
            cast.org.slug, plan.session.pk])).content.decode()
        assert "Wat had je nodig?" in thread
        assert "Lotte" not in thread and "Lotte" not in text


def test_a_named_session_shows_who_wrote_what_in_the_thread(plan, cast, client_for):
    LiveSession.objects.filter(pk=plan.session.pk).update(anonymous=False)
    plan.session.refresh_from_db()
    newcomer = make_user("joris@example.org", "Joris")
    membership = Membership.objects.create(user=newcomer, organisation=cast.org)
    (joris,) = schedule.members_invite(plan.session, cast.facilitator, [membership])
    assert joris.name == "Joris"
    _open(plan)
    schedule.session_advance(plan.session.pk, now=_at(plan, 1, 1))
    phone = _phone(client_for(newcomer), plan.session)
    phone.post(reverse("live:act", args=[plan.session.code, plan.phases[1].pk]),
               {"text": "Wie had je nodig?"})
    schedule.session_advance(plan.session.pk, now=_at(plan, 2, 1))
    steps = thread_steps(plan.session, None, _at(plan, 2, 2))
    (entry,) = steps[1]["cards"]
    assert entry["author"] == "Joris" and entry["when"] is not None


def test_the_thread_keeps_hidden_input_hidden_from_whom_it_was_hidden(
        plan, cast, client_for):
    _open(plan)
    owner = plan.people["lotte@example.org"]
    services.participant_role_give(plan.session, owner.pk, OWNER)
    _shift(plan, 1)  # the private step is open now
    schedule.session_advance(plan.session.pk, now=_at(plan, 2, 1))
    fatma = _phone(client_for(plan.colleague), plan.session)
    private = plan.phases[2]
    fatma.post(reverse("live:act", args=[plan.session.code, private.pk]),
               {"text": "Ze mocht niet afwijken van het protocol"})
    marieke = Participant.objects.get(membership__user=cast.lead, session=plan.session)
    now = _at(plan, 2, 2)
    # While the private step is open, only the writer sees her card.
    steps = {s["phase"].pk: s for s in thread_steps(plan.session, marieke, now)}
    assert not steps[private.pk]["cards"] and not steps[private.pk]["own"]
    steps = {s["phase"].pk: s for s in thread_steps(
        plan.session, Participant.objects.get(pk=fatma_pk(plan)), now)}
    assert [e["text"] for e in steps[private.pk]["own"]] == [
        "Ze mocht niet afwijken van het protocol"]
    # Once closed (revealed), everyone sees it — except the case owner it was hidden from.
    schedule.session_advance(plan.session.pk, now=_at(plan, 3, 1))
    later = _at(plan, 3, 2)
    steps = {s["phase"].pk: s for s in thread_steps(plan.session, marieke, later)}
    assert [e["text"] for e in steps[private.pk]["cards"]] == [
        "Ze mocht niet afwijken van het protocol"]
    owner.refresh_from_db()
    steps = {s["phase"].pk: s for s in thread_steps(plan.session, owner, later)}
    assert steps[private.pk]["hidden"] and not steps[private.pk]["cards"]
    page = client_for(cast.member).get(reverse("live:thread", args=[
        cast.org.slug, plan.session.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "protocol" not in text and "Wat zie je?" not in text
    # A card the facilitator hid stays out of everyone's thread.
    card = Card.objects.get(phase=private)
    services.card_hide(card)
    steps = {s["phase"].pk: s for s in thread_steps(plan.session, marieke, later)}
    assert not steps[private.pk]["cards"]


def fatma_pk(plan):
    return plan.people["fatma@example.org"].pk


def test_a_member_who_was_not_invited_cannot_read_the_thread(plan, cast, client_for):
    _open(plan)
    stranger = make_user("kees@example.org", "Kees")
    Membership.objects.create(user=stranger, organisation=cast.org)
    url = reverse("live:thread", args=[cast.org.slug, plan.session.pk])
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(cast.facilitator).get(url).status_code == 200


def test_inviting_a_team_invites_its_members_once(plan, cast, client_for):
    url = reverse("live:plan", args=[cast.org.slug, plan.session.pk])
    before = plan.session.participants.count()
    response = client_for(cast.facilitator).post(url, {"action": "invite",
                                                       "team": cast.team.pk})
    assert response.status_code == 302
    assert plan.session.participants.count() == before  # all of them were invited already
    response = client_for(cast.facilitator).post(url, {"action": "invite"})
    assert response.status_code == 400
    assert "Kies een team of een of meer mensen" in response.content.decode()


def test_a_member_number_no_database_can_hold_is_refused_not_a_server_error(plan, cast,
                                                                           client_for):
    url = reverse("live:plan", args=[cast.org.slug, plan.session.pk])
    before = plan.session.participants.count()
    for value in ("9" * 20, "-1", "1e3"):
        response = client_for(cast.facilitator).post(url, {"action": "invite",
                                                           "members": [value]})
        assert response.status_code == 400, value
    assert plan.session.participants.count() == before


def _run_worker():
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="test",
           excluded_queue_names=[]).run()


@pytest.mark.django_db(transaction=True)
def test_the_worker_opens_each_step_at_its_moment_and_mails_through_the_mail_task(
        cast, client_for, settings, round_format, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    session = services.session_create(cast.org, cast.facilitator, title="Op afstand",
                                      format_key=ROUND.key)
    now = timezone.now()
    start = now - HOUR
    schedule.session_make_asynchronous(session, start=start)
    schedule.members_invite(session, cast.facilitator,
                            [Membership.objects.get(user=cast.member)])
    response = client_for(cast.facilitator).post(
        reverse("live:plan", args=[cast.org.slug, session.pk]), {"action": "start"})
    assert response.status_code == 302
    # Now, and every opening, reminder and closing still to come.
    waiting = DBTaskResult.objects.filter(task_path__endswith="session_advance_task")
    expected = {m for p in session.phases.all()
                for m in (p.opens_at, schedule.reminder_at(p), p.closes_at) if m > now}
    assert set(waiting.filter(run_after__gt=now + timedelta(minutes=5),
                              run_after__lt=now + timedelta(days=30))
               .values_list("run_after", flat=True)) == expected
    assert len(expected) == 8  # a closing is the next step's opening
    _run_worker()
    session.refresh_from_db()
    assert session.current_phase_id == session.phases.first().pk
    mail = [m for m in mailoutbox if "lotte@example.org" in m.to]
    assert len(mail) == 1 and "De casus" in mail[0].subject
    # A day later: the worker that runs what is due moves to the second step.
    day = timedelta(days=1)
    session.phases.update(opens_at=F("opens_at") - day, closes_at=F("closes_at") - day)
    DBTaskResult.objects.filter(finished_at__isnull=True).update(run_after=now - HOUR)
    _run_worker()
    phases = list(session.phases.all())
    session.refresh_from_db()
    assert session.current_phase_id == phases[1].pk
    assert len([m for m in mailoutbox if "lotte@example.org" in m.to]) == 2


def test_her_download_has_her_part_and_deleting_her_account_unlinks_and_unnames_it(
        plan, cast, client_for):
    LiveSession.objects.filter(pk=plan.session.pk).update(anonymous=False)
    Participant.objects.filter(membership__user=plan.colleague).update(name="Fatma")
    _open(plan)
    schedule.session_advance(plan.session.pk)
    phone = _phone(client_for(plan.colleague), plan.session)
    phone.post(reverse("live:act", args=[plan.session.code, plan.phases[1].pk]),
               {"text": "Wat wilde hij zelf?"})
    (part,) = personal_data_export(plan.colleague)["live_invitations"]
    assert part["session"] == "Casus op afstand" and part["cards"] == ["Wat wilde hij zelf?"]
    account_delete(plan.colleague, password=PASSWORD)
    card = Card.objects.get(text="Wat wilde hij zelf?")
    assert card.participant.membership_id is None and card.participant.name == ""


def test_a_session_made_live_can_still_be_planned_asynchronously_before_it_opens(
        cast, client_for):
    session = services.session_create(cast.org, cast.facilitator, title="Later",
                                      format_key="open")
    facilitator = client_for(cast.facilitator)
    control = facilitator.get(reverse("live:control", args=[cast.org.slug, session.pk]))
    assert "Asynchroon plannen" in control.content.decode()
    url = reverse("live:plan", args=[cast.org.slug, session.pk])
    form = facilitator.get(url).context["windows"]
    data = {"action": "windows"}
    for name, field in form.fields.items():
        data[name] = timezone.localtime(form.initial.get(name, field.initial)).strftime(
            "%Y-%m-%dT%H:%M")
    assert facilitator.post(url, data).status_code == 302
    session.refresh_from_db()
    assert session.asynchronous
    assert all(p.opens_at and p.closes_at for p in session.phases.all())
