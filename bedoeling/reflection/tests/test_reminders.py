"""Reminders: in her language, linking to a new entry, never twice for one slot, and
unsubscribe or a new rhythm from the mail without logging in."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker

from bedoeling.accounts.models import Membership
from bedoeling.lib.tests.smtp import SMTPServer
from bedoeling.reflection import services, tasks
from bedoeling.reflection.models import ReminderClock, ReminderSent, Rhythm

pytestmark = pytest.mark.django_db

FRIDAY_4PM = datetime(2026, 2, 13, 15, tzinfo=UTC)  # 16:00 in Amsterdam
SLOT = datetime(2026, 2, 13, 14, tzinfo=UTC)


@pytest.fixture
def rhythm(cast):
    rhythm = services.rhythm_for(cast.org, cast.member)
    Rhythm.objects.filter(pk=rhythm.pk).update(created_at=datetime(2025, 1, 1, tzinfo=UTC))
    rhythm.refresh_from_db()
    return rhythm


def test_a_due_reminder_links_straight_to_a_new_entry(cast, rhythm, mailoutbox):
    assert services.reminders_send_due(FRIDAY_4PM) == 1
    mail = mailoutbox[0]
    assert mail.to == ["lotte@example.org"]
    assert "tijd voor je reflectie" in mail.subject
    assert reverse("reflection:new", kwargs={"org": cast.org.slug}) in mail.body
    token = re.search(r"/reflectie/herinnering/([^/\s]+)/", mail.body).group(1)
    assert services.rhythm_from_token(token) == rhythm
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.django_db(transaction=True)
def test_a_reminder_the_mail_server_refuses_is_tried_again_with_its_unsubscribe_headers(
        cast, rhythm, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAIL_ATTEMPTS, settings.MAIL_RETRY_SECONDS = 3, 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    with SMTPServer(mood="refuse") as smtp:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        assert services.reminders_send_due(FRIDAY_4PM) == 1
        # The reminder waits in the mail queue: the server refuses the first attempt...
        worker = Worker(queue_names=["default"], interval=0, batch=True,
                        backend_name="default", startup_delay=False, max_tasks=1,
                        worker_id="test", excluded_queue_names=[])
        worker.run()
        assert smtp.connections == 1 and not smtp.messages
        # ... and takes the next one.
        smtp.set_mood("accept")
        Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
               startup_delay=False, max_tasks=None, worker_id="test",
               excluded_queue_names=[]).run()
        [message] = smtp.messages
    assert "tijd voor je reflectie" in message["data"]
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in message["data"]


def test_the_reminder_is_in_her_language(cast, rhythm, mailoutbox):
    cast.member.language = "en"
    cast.member.save()
    services.reminders_send_due(FRIDAY_4PM)
    assert "time for your reflection" in mailoutbox[0].subject
    assert "Write your reflection" in mailoutbox[0].body


def test_running_the_task_twice_sends_one_mail(cast, rhythm, mailoutbox):
    assert services.reminders_send_due(FRIDAY_4PM) == 1
    assert services.reminders_send_due(FRIDAY_4PM + timedelta(minutes=15)) == 0
    assert len(mailoutbox) == 1
    assert ReminderSent.objects.get().slot == SLOT


def test_the_task_itself_sends_one_mail_however_often_it_runs(cast, rhythm, mailoutbox,
                                                               monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: FRIDAY_4PM)
    tasks.send_due_reminders.enqueue()
    tasks.send_due_reminders.enqueue()
    assert len(mailoutbox) == 1


def test_the_database_refuses_a_second_row_for_one_slot(cast, rhythm):
    ReminderSent.objects.create(person=cast.member, organisation=cast.org, slot=SLOT)
    with pytest.raises(IntegrityError):
        ReminderSent.objects.create(person=cast.member, organisation=cast.org, slot=SLOT)


def test_the_next_week_gets_its_own_reminder(cast, rhythm, mailoutbox):
    services.reminders_send_due(FRIDAY_4PM)
    services.reminders_send_due(FRIDAY_4PM + timedelta(days=7))
    assert len(mailoutbox) == 2


def test_no_reminder_for_someone_who_left_the_organisation(cast, rhythm, mailoutbox):
    Membership.objects.filter(user=cast.member).delete()
    assert services.reminders_send_due(FRIDAY_4PM) == 0


def test_one_click_unsubscribe_from_the_mail_needs_no_login(cast, rhythm, client_for):
    url = reverse("reflection:mail_settings", kwargs={"token": services.rhythm_token(rhythm)})
    anonymous = client_for(csrf=True)
    page = anonymous.get(url)
    assert page.status_code == 200 and "Afmelden voor herinneringen" in page.content.decode()
    # What a mail client sends for List-Unsubscribe-Post: no cookie, no CSRF token.
    response = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    rhythm.refresh_from_db()
    assert rhythm.reminders is False


def test_her_rhythm_changes_from_the_mail(cast, rhythm, client_for):
    url = reverse("reflection:mail_settings", kwargs={"token": services.rhythm_token(rhythm)})
    response = client_for().post(url, {"action": "rhythm", "reminders": "on", "weekday": "0",
                                       "hour": "8", "paused_until": "2026-08-20"})
    assert response.status_code == 200
    rhythm.refresh_from_db()
    assert (rhythm.weekday, rhythm.hour, str(rhythm.paused_until)) == (0, 8, "2026-08-20")


def test_a_bad_hour_from_the_mail_changes_nothing(cast, rhythm, client_for):
    url = reverse("reflection:mail_settings", kwargs={"token": services.rhythm_token(rhythm)})
    response = client_for().post(url, {"action": "rhythm", "weekday": "9", "hour": "25"})
    assert response.status_code == 400
    rhythm.refresh_from_db()
    assert (rhythm.weekday, rhythm.hour, rhythm.reminders) == (4, 15, True)


def test_a_changed_token_changes_nothing(cast, rhythm, client_for):
    token = services.rhythm_token(rhythm)
    url = reverse("reflection:mail_settings", kwargs={"token": token[:-2] + "xx"})
    assert client_for().post(url).status_code == 404
    rhythm.refresh_from_db()
    assert rhythm.reminders is True


def test_her_rhythm_page_sets_day_hour_and_pause(cast, client_for):
    client = client_for(cast.member)
    url = reverse("reflection:settings", kwargs={"org": cast.org.slug})
    assert "vrijdag" in client.get(url).content.decode()  # weekly on Friday by default
    client.post(url, {"reminders": "on", "weekday": "2", "hour": "9",
                      "paused_until": "2026-12-31"})
    rhythm = Rhythm.objects.get(person=cast.member)
    assert (rhythm.weekday, rhythm.hour, str(rhythm.paused_until)) == (2, 9, "2026-12-31")


def test_the_chain_of_runs_stays_single_with_a_deferring_backend(
        settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = tasks.send_due_reminders.get_backend()
    assert backend.supports_defer
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.reminders_start() is True
        assert tasks.reminders_start() is False  # already queued
        assert tasks.schedule_next_run() is False  # the same quarter: claimed already
    queued = backend.results
    assert len(queued) == 1
    assert queued[0].task.run_after == ReminderClock.objects.get().next_run_at
