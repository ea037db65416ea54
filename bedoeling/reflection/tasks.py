"""Reminders as background work: one task sends every reminder that is due and queues its
own next run a quarter of an hour later. A clock row (services.reminder_run_claim) keeps that
chain single however often it is started; the unique (person, slot) row keeps a reminder
from going out twice however often the task runs."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from bedoeling.reflection import schedule, services


@task()
def send_due_reminders(scheduled_for: str = "") -> int:
    sent = services.reminders_send_due()
    schedule_next_run(after=datetime.fromisoformat(scheduled_for) if scheduled_for else None)
    return sent


def schedule_next_run(now=None, after=None) -> bool:
    """Queue the next run, if the task backend can hold work until a moment (the database
    backend can; the immediate one of tests and a bare setup cannot: there
    `manage.py reflection_reminders` from cron does the work). `after`: the moment the
    current run was queued for; two copies of one run compute the same next moment, and
    only one of them wins the claim."""
    if not send_due_reminders.get_backend().supports_defer:
        return False
    now = now or timezone.now()
    run_at = schedule.next_run(max(now, after) if after else now)
    if not services.reminder_run_claim(run_at):
        return False
    transaction.on_commit(
        lambda: send_due_reminders.using(run_after=run_at).enqueue(run_at.isoformat()))
    return True


def reminders_start() -> bool:
    """Start the chain when none is queued (first start, or its queue was lost)."""
    if services.reminder_chain_is_stale():
        return schedule_next_run()
    return False
