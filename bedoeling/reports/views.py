"""PDF reports. Asking for one starts its making on the task worker and shows a page that
waits for it (and, with JavaScript, downloads it when it is ready); the PDF is handed over
once and then forgotten."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.live.models import LiveSession
from bedoeling.orgs.scoping import STEER, in_org_or_404, org_view
from bedoeling.reports import services
from bedoeling.reports.forms import PeriodForm
from bedoeling.reports.models import Report


def _answer(request, org, report: Report, again: str):
    """The PDF when it is ready, else the page that waits for it (202) or says why it failed."""
    if report.status == Report.Status.READY:
        response = HttpResponse(bytes(report.content), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
        if report.kind == Report.Kind.SESSION:
            audit(org, request.user, "report.session",
                  gettext_noop("Oogstrapport (PDF) van ‘%(title)s’ gedownload"),
                  session=report.session_id, title=report.session.title)
        else:
            audit(org, request.user, "report.period",
                  gettext_noop("Oogstrapport (PDF) over %(start)s – %(end)s gedownload"),
                  start=report.start.isoformat(), end=report.end.isoformat())
        services.report_delivered(report)
        return response
    if report.status == Report.Status.FAILED:
        services.report_delivered(report)
        return render(request, "reports/unavailable.html",
                      {"problem": report.problem, "again": again}, status=503)
    return render(request, "reports/waiting.html", {
        "report": report, "again": again,
        "status_url": reverse("reports:status", kwargs={"org": org.slug, "report": report.pk}),
    }, status=202)


@org_view()
def session_pdf(request, org, session):
    session = in_org_or_404(LiveSession.objects, org, pk=session)
    # Like the harvest page: members read a session's harvest once it has ended.
    if not request.membership.can_steer and not session.is_ended:
        raise Http404
    report = services.report_request(org, request.user, language=get_language(),
                                     session=session)
    return _answer(request, org, report, request.get_full_path())


@org_view(require=STEER)
def period(request, org):
    form = PeriodForm(request.GET or None)
    return render(request, "reports/period.html", {"form": form})


@org_view(require=STEER)
def period_pdf(request, org):
    form = PeriodForm(request.GET or None)
    if not form.is_valid():
        return render(request, "reports/period.html", {"form": form}, status=400)
    report = services.report_request(org, request.user, language=get_language(),
                                     period=form.period())
    return _answer(request, org, report, request.get_full_path())


@org_view()
def status(request, org, report):
    """Whether her report is ready: asked by the waiting page every few seconds."""
    report = in_org_or_404(Report.objects.filter(reader=request.user).only("status"), org,
                           pk=report)
    return JsonResponse({"status": report.status})
