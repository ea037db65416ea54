"""Asking for a PDF report; the task worker makes it (tasks.py)."""

from django.db import transaction
from django.utils import timezone

from bedoeling.reports import selectors
from bedoeling.reports.models import KEEP, Report
from bedoeling.reports.tasks import report_expire, report_make


def _expired_remove(org) -> None:
    Report.objects.filter(organisation=org, created_at__lt=timezone.now() - KEEP).delete()


def report_request(org, reader, *, language: str, session=None,
                   period: selectors.Period | None = None) -> Report:
    """The reader's report of a session or a period in her language: the one she already
    asked for if it is still being made, waits for her or failed, else a new one that the
    worker makes. Asking twice (a double click, a reload) makes it once."""
    _expired_remove(org)
    if session is not None:
        key = {"kind": Report.Kind.SESSION, "session": session}
        filename = f"oogst-{session.code}.pdf"
    else:
        key = {"kind": Report.Kind.PERIOD, "start": period.start, "end": period.end}
        filename = f"oogst-{org.slug}-{period.start}-{period.end}.pdf"
    with transaction.atomic():
        mine = Report.objects.filter(organisation=org, reader=reader, language=language, **key)
        earlier = mine.first()
        if earlier is not None:
            return earlier  # (a failed one is shown once, then forgotten)
        report = Report.objects.create(organisation=org, reader=reader, language=language,
                                       filename=filename, **key)
        report_make.enqueue(report.pk)
        # Gone after KEEP even if she never comes back for it. (A backend that runs tasks
        # at once, as the unit tests' does, cannot wait: there the next request's purge
        # above removes it.)
        if report_expire.get_backend().supports_defer:
            report_expire.using(run_after=timezone.now() + KEEP).enqueue(report.pk)
    report.refresh_from_db()
    return report


def report_delivered(report: Report) -> None:
    """She has it: the PDF is not kept."""
    Report.objects.filter(pk=report.pk).delete()
