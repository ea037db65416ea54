"""Reminders as real background work: the database task backend and its worker."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from bedoeling.reflection import services, tasks
from bedoeling.reflection.models import ReminderSent, Rhythm


def _work():
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="test",
           excluded_queue_names=[]).run()


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_a_due_reminder_once_and_queues_its_next_run(
        settings, cast, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = timezone.now().astimezone(ZoneInfo("Europe/Amsterdam"))
    rhythm = services.rhythm_for(cast.org, cast.member)
    Rhythm.objects.filter(pk=rhythm.pk).update(weekday=now.weekday(), hour=now.hour,
                                               created_at=timezone.now() - timedelta(days=30))
    assert tasks.reminders_start() is True
    [queued] = DBTaskResult.objects.filter(status="READY")
    assert queued.run_after > timezone.now()
    _work()
    assert mailoutbox == []  # not yet: it waits for its moment
    DBTaskResult.objects.filter(pk=queued.pk).update(run_after=timezone.now())
    _work()
    assert len(mailoutbox) == 1 and ReminderSent.objects.count() == 1
    # It queued the next run, a quarter of an hour on, and only one.
    [following] = DBTaskResult.objects.filter(status="READY")
    assert following.pk != queued.pk and following.run_after > queued.run_after
    # Run it now as well (a worker that was down catching up): still one mail.
    DBTaskResult.objects.filter(pk=following.pk).update(run_after=timezone.now())
    _work()
    assert len(mailoutbox) == 1
