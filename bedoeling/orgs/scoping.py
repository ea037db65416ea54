"""The one way a view gets its organisation: from the URL, through the user's membership.

Anything else (a foreign slug, a foreign object id) is a 404, never a 403, so that other
organisations' existence does not leak."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from bedoeling.accounts.models import Membership, Role

STEER = "steer"  # facilitator or lead
FACILITATOR = "facilitator"


def org_view(require: str | None = None):
    """Decorate a view taking (request, org, ...) from a URL with <slug:org>."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, org: str, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = (
                Membership.objects.select_related("organisation", "team")
                .filter(user=request.user, organisation__slug=org)
                .first()
            )
            if membership is None:
                raise Http404
            request.org = membership.organisation
            request.membership = membership
            if request.session.get("last_org") != org:
                request.session["last_org"] = org
            if not _allowed(membership, require):
                return forbidden(request)
            return view(request, membership.organisation, *args, **kwargs)

        return wrapper

    return decorator


def _allowed(membership: Membership, require: str | None) -> bool:
    if require is None:
        return True
    if require == STEER:
        return membership.can_steer
    if require == FACILITATOR:
        return membership.role == Role.FACILITATOR
    raise ValueError(require)


def forbidden(request, message: str | None = None):
    return render(
        request,
        "403.html",
        {"message": message or _("Dit kunnen alleen begeleiders en leidinggevenden doen.")},
        status=403,
    )


def in_org_or_404(queryset, org, **lookup):
    """Fetch one object of this organisation; objects of another organisation are a 404."""
    return get_object_or_404(queryset, organisation=org, **lookup)
