from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bedoeling.orgs.scoping import STEER, org_view
from bedoeling.privacy import services
from bedoeling.privacy.registry import providers


def _download(content, media_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def mine(request, error: str = "", status: int = 200):
    return render(request, "privacy/mine.html", {
        "parts": providers(), "blockers": services.account_delete_blockers(request.user),
        "error": error,
    }, status=status)


@login_required
@require_POST
def mine_download(request):
    stamp = timezone.localdate().isoformat()
    return _download(services.personal_data_json(request.user),
                     "application/json; charset=utf-8", f"mijn-gegevens-{stamp}.json")


@login_required
@require_POST
def account_delete(request):
    try:
        services.account_delete(request.user, password=request.POST.get("password", ""))
    except ValidationError as error:
        return mine(request, error=error.messages[0], status=400)
    logout(request)
    messages.success(request, _("Je account en je gegevens zijn verwijderd."))
    return redirect("accounts:login")


def _organisation_page(request, org, error="", status=200):
    return render(request, "privacy/organisation.html", {
        "pending": services.organisation_deletion_pending(org), "error": error,
        "grace_days": settings.ORGANISATION_DELETION_DAYS,
    }, status=status)


@org_view(require=STEER)
def organisation(request, org):
    return _organisation_page(request, org)


@org_view(require=STEER)
@require_POST
def organisation_download(request, org):
    stamp = timezone.localdate().isoformat()
    return _download(services.organisation_zip(org, request.user), "application/zip",
                     f"{org.slug}-{stamp}.zip")


@org_view(require=STEER)
@require_POST
def organisation_delete(request, org):
    try:
        services.organisation_deletion_request(
            org, request.user, confirmation=request.POST.get("confirmation", ""))
    except ValidationError as error:
        return _organisation_page(request, org, error=error.messages[0], status=400)
    messages.success(request, _("De verwijdering is aangevraagd. Tot die tijd kun je haar "
                                "hier annuleren."))
    return redirect("privacy:organisation", org=org.slug)


@org_view(require=STEER)
@require_POST
def organisation_delete_cancel(request, org):
    try:
        services.organisation_deletion_cancel(org, request.user)
    except ValidationError as error:
        return _organisation_page(request, org, error=error.messages[0], status=400)
    messages.success(request, _("De verwijdering is geannuleerd. Er is niets verwijderd."))
    return redirect("privacy:organisation", org=org.slug)
