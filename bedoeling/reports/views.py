import logging

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.live.models import LiveSession
from bedoeling.orgs.scoping import STEER, in_org_or_404, org_view
from bedoeling.reports import pdf, selectors
from bedoeling.reports.forms import PeriodForm

log = logging.getLogger(__name__)


def _pdf_response(request, template: str, context: dict, filename: str):
    context = {**context, "generated_at": timezone.now(), "reader": request.user}
    html = render_to_string(template, context, request=request)
    try:
        document = pdf.html_to_pdf(html, request.build_absolute_uri("/"))
    except OSError:
        # No Pango on this machine: say what is missing instead of a server error.
        log.exception("PDF report could not be made")
        return render(request, "reports/unavailable.html", status=503)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@org_view()
def session_pdf(request, org, session):
    session = in_org_or_404(LiveSession.objects, org, pk=session)
    # Like the harvest page: members read a session's harvest once it has ended.
    if not request.membership.can_steer and not session.is_ended:
        raise Http404
    response = _pdf_response(request, "reports/session.html",
                             selectors.session_report(session, request),
                             f"oogst-{session.code}.pdf")
    if response.status_code == 200:
        audit(org, request.user, "report.session",
              gettext_noop("Oogstrapport (PDF) van ‘%(title)s’ gedownload"),
              session=session.pk, title=session.title)
    return response


@org_view(require=STEER)
def period(request, org):
    form = PeriodForm(request.GET or None)
    return render(request, "reports/period.html", {"form": form})


@org_view(require=STEER)
def period_pdf(request, org):
    form = PeriodForm(request.GET or None)
    if not form.is_valid():
        return render(request, "reports/period.html", {"form": form}, status=400)
    chosen = form.period()
    response = _pdf_response(request, "reports/period_report.html",
                             selectors.period_report(org, chosen, request),
                             f"oogst-{org.slug}-{chosen.start}-{chosen.end}.pdf")
    if response.status_code == 200:
        audit(org, request.user, "report.period",
              gettext_noop("Oogstrapport (PDF) over %(start)s – %(end)s gedownload"),
              start=chosen.start.isoformat(), end=chosen.end.isoformat())
    return response


