from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from bedoeling.intake import ics, services
from bedoeling.intake.forms import (
    AnswerForm,
    ConvertForm,
    PlanForm,
    SparringRequestForm,
    started_token,
)
from bedoeling.intake.models import SparringRequest
from bedoeling.lib import public_form
from bedoeling.orgs import views as org_views

# A person asks once, perhaps twice after a typo; a venue's or office's network shares one
# address, so the instance-wide limit is what stops a flood from many addresses.
REQUESTS_PER_ADDRESS = (5, 3600)
REQUESTS_PER_INSTANCE = (60, 3600)


# --- public ---------------------------------------------------------------------------

def home(request):
    """Visitors meet the approach; people who are logged in go where they always went."""
    if request.user.is_authenticated:
        return org_views.root(request)
    return render(request, "intake/home.html")


@never_cache
@require_http_methods(["GET", "POST"])
def sparring(request):
    form = SparringRequestForm(request.POST or None)
    status = None
    if request.method == "POST":
        status = public_form.refusal(
            request, form, what="sparsessie request",
            per_address=("sparring-ip", *REQUESTS_PER_ADDRESS),
            overall=("sparring-all", "instance", *REQUESTS_PER_INSTANCE),
            bot_message=_("Je aanvraag is niet verstuurd: het verborgen veld ‘Laat dit veld "
                          "leeg’ was ingevuld. Maak het leeg en probeer het opnieuw."),
            busy_message=_("Er komen nu te veel aanvragen binnen. Probeer het over een uur "
                           "opnieuw."))
        if status is None:
            data = form.cleaned_data
            services.sparring_request_submit(
                name=data["name"], email=data["email"],
                organisation_name=data["organisation_name"], role=data["role"],
                situation=data["situation"], moments=data["moments"],
                consent=data["consent"], language=get_language())
            return redirect("intake:sent")
    return render(request, "intake/sparring.html", {
        "form": form, "started": started_token(),
        "retention_days": settings.SPARRING_RETENTION_DAYS,
    }, status=status or 200)


def sent(request):
    return render(request, "intake/sent.html")


def privacy(request):
    return render(request, "intake/privacy.html", {
        "retention_days": settings.SPARRING_RETENTION_DAYS,
    })


# --- the facilitators' inbox ----------------------------------------------------------

def inbox_view(view):
    """The instance's facilitators only (see services); anyone else who is logged in gets
    a 404, as for another organisation's pages."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not services.is_instance_facilitator(request.user):
            raise Http404
        # Nobody's request outlives the retention period, even where no scheduler runs
        # the sparring_expire command.
        services.sparring_expire()
        return view(request, *args, **kwargs)

    return wrapped


@inbox_view
def inbox(request):
    items = SparringRequest.objects.select_related("organisation", "handled_by")
    return render(request, "intake/inbox.html", {
        "open": [i for i in items if i.status != SparringRequest.Status.CONVERTED],
        "done": [i for i in items if i.status == SparringRequest.Status.CONVERTED],
        "retention_days": settings.SPARRING_RETENTION_DAYS,
    })


def _detail(request, sparring, *, answer=None, plan=None, convert=None, status=200):
    initial_plan = {}
    if sparring.planned_start:
        local = timezone.localtime(sparring.planned_start)
        initial_plan = {"day": local.date(), "start": local.time(),
                        "minutes": sparring.planned_minutes, "place": sparring.planned_place}
    return render(request, "intake/request.html", {
        "sparring": sparring,
        "answer_form": answer or AnswerForm(initial={"text": sparring.answer}),
        "plan_form": plan or PlanForm(initial=initial_plan),
        "convert_form": convert or ConvertForm(initial={
            "name": sparring.organisation_name[:120], "lead_email": sparring.email,
            "language": sparring.language}),
    }, status=status)


@inbox_view
def request_detail(request, sparring):
    sparring = get_object_or_404(SparringRequest.objects.select_related("organisation"),
                                 pk=sparring)
    return _detail(request, sparring)


@inbox_view
@require_POST
def answer(request, sparring):
    sparring = get_object_or_404(SparringRequest, pk=sparring)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, sparring, answer=form, status=400)
    services.sparring_answer(sparring, request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Je antwoord is verstuurd naar %(email)s.")
                     % {"email": sparring.email})
    return redirect("intake:request", sparring=sparring.pk)


@inbox_view
@require_POST
def plan(request, sparring):
    sparring = get_object_or_404(SparringRequest, pk=sparring)
    form = PlanForm(request.POST)
    if not form.is_valid():
        return _detail(request, sparring, plan=form, status=400)
    data = form.cleaned_data
    services.sparring_plan(sparring, request.user, start=data["moment"],
                           minutes=data["minutes"], place=data["place"], note=data["note"])
    messages.success(request, _("De uitnodiging met agenda-bestand is verstuurd naar "
                                "%(email)s.") % {"email": sparring.email})
    return redirect("intake:request", sparring=sparring.pk)


@inbox_view
def invitation_ics(request, sparring):
    sparring = get_object_or_404(SparringRequest, pk=sparring, planned_start__isnull=False)
    response = HttpResponse(ics.sparring_invitation(sparring),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics.filename(sparring)}"'
    return response


@inbox_view
@require_POST
def convert(request, sparring):
    sparring = get_object_or_404(SparringRequest, pk=sparring)
    if sparring.organisation_id is not None:
        messages.info(request, _("Van deze aanvraag is al een organisatie gemaakt."))
        return redirect("intake:request", sparring=sparring.pk)
    form = ConvertForm(request.POST)
    if not form.is_valid():
        return _detail(request, sparring, convert=form, status=400)
    data = form.cleaned_data
    org, invitation = services.sparring_convert(
        request, sparring, request.user, name=data["name"], lead_email=data["lead_email"],
        language=data["language"])
    messages.success(request, _("%(org)s is aangemaakt en %(email)s is uitgenodigd als "
                                "leidinggevende.") % {"org": org.name,
                                                     "email": data["lead_email"]})
    return redirect("orgs:home", org=org.slug)
