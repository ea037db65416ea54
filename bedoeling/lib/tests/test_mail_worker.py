"""E-mail goes out through the task worker on the database backend: the person who acts is
answered at once, whatever the mail server does, and a refused mail is tried again until
the server is back — against a real SMTP server on 127.0.0.1 and a real worker process."""

import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from bedoeling.accounts.models import Invitation
from bedoeling.lib import mail
from bedoeling.lib.tests.smtp import SMTPServer

ROOT = Path(__file__).resolve().parents[3]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _smtp_settings(settings, port):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


def _worker_environment(port):
    """The worker process on this test's database, mailing to the test's SMTP server."""
    env = dict(os.environ)
    env.update({
        "BEDOELING_EMAIL_HOST": "127.0.0.1", "BEDOELING_EMAIL_PORT": str(port),
        "BEDOELING_EMAIL_TLS": "0", "BEDOELING_EMAIL_TIMEOUT": "1",
        "BEDOELING_MAIL_RETRY_SECONDS": "1", "BEDOELING_MAIL_ATTEMPTS": "6",
        "PYTHONUNBUFFERED": "1",
    })
    env.pop("BEDOELING_EMAIL_FILE_PATH", None)
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        env["BEDOELING_SQLITE_PATH"] = str(name)
    else:
        env["BEDOELING_DATABASE_URL"] = urlparse(
            os.environ["BEDOELING_DATABASE_URL"])._replace(path="/" + name).geturl()
    return env


def _invite(client, org, email):
    return client.post(f"/o/{org.slug}/mensen/uitnodigen/",
                       {"email": email, "role": "member", "language": "nl"})


@pytest.mark.django_db(transaction=True)
def test_an_invitation_is_answered_at_once_and_its_mail_goes_out_when_the_server_is_back(
        cast, client_for, settings, tmp_path):
    with SMTPServer(mood="stall") as smtp:
        facilitator = client_for(cast.facilitator)
        # The first request of a process imports and compiles what every later one reuses.
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        _invite(facilitator, cast.org, "warming-up@example.org")
        _smtp_settings(settings, smtp.port)
        # Sending inside the request would wait this long for the silent server.
        settings.EMAIL_TIMEOUT = 5
        log = open(tmp_path / "worker.log", "w+")
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1",
             "--no-startup-delay", "--no-reload"],
            cwd=ROOT, env=_worker_environment(smtp.port), stdout=log,
            stderr=subprocess.STDOUT)
        try:
            started = time.monotonic()
            response = _invite(facilitator, cast.org, "nadia@example.org")
            answered = time.monotonic() - started
            assert response.status_code == 200
            assert Invitation.objects.filter(email="nadia@example.org").exists()
            assert answered < 2.5, f"the invitation took {answered:.1f} s"

            # The worker tried: once into a server that said nothing, once into a refusal.
            smtp.wait_for(lambda: smtp.connections >= 1, what="a first attempt")
            smtp.set_mood("refuse")
            smtp.wait_for(lambda: smtp.connections >= 2, what="a second attempt")
            assert smtp.messages == []

            smtp.set_mood("accept")
            smtp.wait_for(lambda: smtp.messages, what="the mail, once the server is back")
            assert smtp.messages[0]["to"] == ["<nadia@example.org>"]
            assert "/uitnodiging/" in smtp.messages[0]["data"]
        finally:
            worker.terminate()
            worker.wait(10)
        log.seek(0)
        output = log.read()
        assert "not delivered (attempt 1 of 6" in output, output
        assert "not delivered (attempt 2 of 6" in output, output


@pytest.mark.django_db(transaction=True)
def test_a_mail_the_server_keeps_refusing_is_given_up_after_the_last_attempt_and_logged(
        settings, caplog):
    settings.MAIL_ATTEMPTS, settings.MAIL_RETRY_SECONDS = 3, 0
    with SMTPServer(mood="refuse") as smtp:
        _smtp_settings(settings, smtp.port)
        mail.email_enqueue("Welkom", "Hallo", ["nadia@example.org"])
        with caplog.at_level(logging.WARNING, logger="bedoeling.lib.mail"):
            Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                   startup_delay=False, max_tasks=None, worker_id="test",
                   excluded_queue_names=[]).run()
        assert smtp.connections == 3
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "SUCCESSFUL", "SUCCESSFUL"]
    assert not DBTaskResult.objects.ready().exists()
    ours = [record for record in caplog.records if record.name == mail.log.name]
    assert [record.levelname for record in ours] == ["WARNING", "WARNING", "ERROR"]
    assert "given up after attempt 3" in ours[-1].getMessage()


@pytest.mark.django_db(transaction=True)
def test_a_queued_mail_waits_for_the_worker_and_is_sent_once(settings):
    with SMTPServer(mood="accept") as smtp:
        _smtp_settings(settings, smtp.port)
        mail.email_enqueue("Welkom", "Hallo", ["nadia@example.org"])
        assert smtp.connections == 0
        for _ in range(2):
            Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                   startup_delay=False, max_tasks=None, worker_id="test",
                   excluded_queue_names=[]).run()
        assert len(smtp.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_an_attachment_and_a_reply_address_survive_the_queue(settings):
    with SMTPServer(mood="accept") as smtp:
        _smtp_settings(settings, smtp.port)
        mail.email_enqueue("Uitnodiging", "Tot dan", ["nadia@example.org"],
                           reply_to=["sanne@example.org"],
                           attachments=[("sparsessie.ics", "BEGIN:VCALENDAR", "text/calendar")])
        Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
               startup_delay=False, max_tasks=None, worker_id="test",
               excluded_queue_names=[]).run()
        [message] = smtp.messages
    assert "Reply-To: sanne@example.org" in message["data"]
    assert 'filename="sparsessie.ics"' in message["data"]


def test_each_pause_before_another_attempt_is_twice_the_one_before(settings):
    settings.MAIL_RETRY_SECONDS = 60
    assert [mail.retry_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]


def test_make_run_starts_the_task_worker_beside_the_web_server():
    recipe = subprocess.run(["make", "-n", "run"], cwd=ROOT,
                            capture_output=True, text=True).stdout
    assert "manage.py db_worker" in recipe
    assert "uvicorn bedoeling.asgi:application" in recipe
