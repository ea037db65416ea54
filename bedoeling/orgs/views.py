import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bedoeling.accounts.forms import InviteForm, MembershipForm
from bedoeling.accounts.models import Invitation, Membership, Role
from bedoeling.accounts.services import invitation_create, invitation_revoke, membership_change
from bedoeling.orgs.forms import OrganisationForm, TeamForm
from bedoeling.orgs.scoping import FACILITATOR, STEER, in_org_or_404, org_view
from bedoeling.orgs.services import organisation_create, team_create
from bedoeling.purpose.services import purpose_for

log = logging.getLogger(__name__)


def root(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    slugs = list(Membership.objects.filter(user=request.user)
                 .values_list("organisation__slug", flat=True))
    last = request.session.get("last_org")
    if last in slugs:
        return redirect("orgs:home", org=last)
    if len(slugs) == 1:
        return redirect("orgs:home", org=slugs[0])
    return redirect("orgs:index")


def may_create_organisation(user) -> bool:
    return user.is_staff or user.memberships.filter(role=Role.FACILITATOR).exists()


@login_required
def index(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation", "organisation__purpose")
    )
    can_create = may_create_organisation(request.user)
    form = OrganisationForm(request.POST or None) if can_create else None
    if request.method == "POST":
        if not can_create:
            return render(request, "403.html", {
                "message": _("Alleen begeleiders kunnen een organisatie aanmaken."),
            }, status=403)
        if form.is_valid():
            org = organisation_create(request.user, **form.cleaned_data)
            messages.success(request, _("%(org)s is aangemaakt. Schrijf samen de Bedoeling op.")
                             % {"org": org.name})
            return redirect("orgs:home", org=org.slug)
    return render(request, "orgs/index.html", {
        "memberships": memberships, "form": form,
    })


@org_view()
def home(request, org):
    purpose = purpose_for(org)
    current = purpose.current
    return render(request, "orgs/home.html", {
        "purpose": purpose,
        "version": current,
        "review_status": purpose.review_status(),
        "teams": org.teams.all(),
        "member_count": org.memberships.count(),
    })


@org_view()
def people(request, org):
    membership = request.membership
    invite_form = InviteForm(org=org) if membership.is_facilitator else None
    team_form = TeamForm(org=org) if membership.can_steer else None
    return _people_page(request, org, invite_form, team_form)


def _people_page(request, org, invite_form, team_form, status=200, invite_link=None):
    members = org.memberships.select_related("user", "team").order_by("user__name", "user__email")
    invitations = [i for i in org.invitations.filter(accepted_at=None, revoked_at=None)
                   .select_related("team")]
    return render(request, "orgs/people.html", {
        "members": members,
        "invitations": invitations,
        "invite_form": invite_form,
        "team_form": team_form,
        "teams": org.teams.all(),
        "invite_link": invite_link,
    }, status=status)


@org_view(require=FACILITATOR)
@require_POST
def invite(request, org):
    form = InviteForm(request.POST, org=org)
    if not form.is_valid():
        return _people_page(request, org, form, TeamForm(org=org), status=400)
    invitation, link = invitation_create(request, org, request.user, **form.cleaned_data)
    messages.success(request, _("Uitnodiging verstuurd naar %(email)s.")
                     % {"email": invitation.email})
    return _people_page(request, org, InviteForm(org=org), TeamForm(org=org), invite_link=link)


@org_view(require=FACILITATOR)
@require_POST
def invitation_revoke_view(request, org, invitation):
    invitation = in_org_or_404(Invitation.objects, org, pk=invitation)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation_revoke(org, request.user, invitation)
        messages.success(request, _("Uitnodiging ingetrokken."))
    return redirect("orgs:people", org=org.slug)


@org_view(require=FACILITATOR)
def member(request, org, member):
    target = in_org_or_404(Membership.objects.select_related("user", "organisation"), org,
                           pk=member)
    form = MembershipForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        new_role = form.cleaned_data["role"]
        target.refresh_from_db()
        last_facilitator = (
            target.role == Role.FACILITATOR and new_role != Role.FACILITATOR
            and not org.memberships.filter(role=Role.FACILITATOR).exclude(pk=target.pk).exists()
        )
        if last_facilitator:
            form.add_error("role", _("Er moet minstens één begeleider in de organisatie blijven."))
        else:
            membership_change(org, request.user, target, role=new_role,
                              team=form.cleaned_data["team"])
            messages.success(request, _("Gegevens van %(name)s opgeslagen.")
                             % {"name": target.user.display_name})
            return redirect("orgs:people", org=org.slug)
    return render(request, "orgs/member.html", {"target": target, "form": form},
                  status=400 if form.errors else 200)


@org_view(require=STEER)
@require_POST
def team_add(request, org):
    form = TeamForm(request.POST, org=org)
    if not form.is_valid():
        return _people_page(request, org,
                            InviteForm(org=org) if request.membership.is_facilitator else None,
                            form, status=400)
    team = team_create(org, request.user, name=form.cleaned_data["name"])
    messages.success(request, _("Team %(team)s toegevoegd.") % {"team": team.name})
    return redirect("orgs:people", org=org.slug)


@org_view(require=FACILITATOR)
def audit_log(request, org):
    events = org.audit_events.select_related("actor")[:300]
    return render(request, "orgs/audit_log.html", {"events": events})


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def healthz(request):
    """Readiness for a load balancer: 200 when the database and (when configured) Redis
    answer, 503 with Retry-After naming what is down. Without Redis this worker still
    serves (rate limits count per process), but live updates no longer reach phones on
    other workers: take it out of rotation until Redis is back."""
    from django.db import DatabaseError, connection

    from bedoeling.lib.ratelimit import redis_ok

    lines = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        lines.append("database ok")
    except DatabaseError:
        log.exception("healthz: the database does not answer")
        lines.append("database down")
    if settings.REDIS_URL:
        lines.append("redis ok" if redis_ok() else "redis down")
    down = any(line.endswith("down") for line in lines)
    response = HttpResponse("\n".join(["unavailable" if down else "ok", *lines]) + "\n",
                            content_type="text/plain", status=503 if down else 200)
    if down:
        response["Retry-After"] = "10"
    return response
