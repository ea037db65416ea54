"""The worker's part of the reports: making a PDF, and forgetting it after a while."""

import logging

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from bedoeling.reports import pdf, selectors
from bedoeling.reports.models import Report

log = logging.getLogger(__name__)


def _html(report: Report) -> str:
    if report.kind == Report.Kind.SESSION:
        template = "reports/session.html"
        context = selectors.session_report(report.session)
    else:
        template = "reports/period_report.html"
        context = selectors.period_report(report.organisation,
                                          selectors.Period(report.start, report.end))
    context = {**context, "generated_at": timezone.now(), "reader": report.reader}
    return render_to_string(template, context)


@task()
def report_make(report_id: int) -> str:
    report = (Report.objects.select_related("organisation", "reader", "session")
              .filter(pk=report_id, status=Report.Status.PENDING).first())
    if report is None:
        return "skipped"  # made already (a task run twice), or expired
    with translation.override(report.language):
        try:
            document = pdf.html_to_pdf(_html(report), "http://bedoeling.invalid/")
        except OSError:
            # No Pango on this machine: the reader is told what is missing.
            log.exception("PDF report could not be made")
            Report.objects.filter(pk=report.pk).update(
                status=Report.Status.FAILED, problem="pango", finished_at=timezone.now())
            return "failed"
        except Exception:
            Report.objects.filter(pk=report.pk).update(
                status=Report.Status.FAILED, problem="error", finished_at=timezone.now())
            raise
    Report.objects.filter(pk=report.pk, status=Report.Status.PENDING).update(
        status=Report.Status.READY, content=document, finished_at=timezone.now())
    return "made"


@task()
def report_expire(report_id: int) -> str:
    deleted, _ = Report.objects.filter(pk=report_id).delete()
    return "deleted" if deleted else "gone"
