"""The pages of an asynchronous session: its plan (windows, invitations, roles), the way in
for an invited member, and the session read as a thread."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bedoeling.accounts.models import Membership
from bedoeling.live import schedule, services
from bedoeling.live.errors import LiveError
from bedoeling.live.forms import InviteForm, WindowsForm
from bedoeling.live.models import LiveSession, normalise_code
from bedoeling.live.registry import FORMATS
from bedoeling.live.thread import thread_steps
from bedoeling.live.views import COOKIE_AGE, COOKIE_SALT, _cookie_name
from bedoeling.orgs.scoping import STEER, in_org_or_404, org_view


def _session(org, pk) -> LiveSession:
    return in_org_or_404(LiveSession.objects.all(), org, pk=pk)


@org_view(require=STEER)
def plan(request, org, session):
    session = _session(org, session)
    phases = list(session.phases.all())
    defaults = () if session.asynchronous else schedule.default_windows(len(phases))
    windows = WindowsForm(phases=phases, defaults=defaults)
    invite = InviteForm(org=org)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "windows":
                windows = WindowsForm(request.POST, phases=phases)
                if not windows.is_valid():
                    raise LiveError(_("Vul bij elke stap een geldige datum en tijd in."))
                schedule.windows_set(session, request.user, windows.windows())
                messages.success(request, _("De planning is opgeslagen."))
            elif action == "invite":
                invite = InviteForm(request.POST, org=org)
                if not invite.is_valid():
                    raise LiveError(" ".join(invite.non_field_errors()) or _(
                        "Kies een team of een of meer mensen om uit te nodigen."))
                people = schedule.members_invite(session, request.user, invite.memberships())
                messages.success(request, _("%(n)s mensen uitgenodigd.") % {"n": len(people)})
            elif action == "role":
                number = request.POST.get("participant", "")
                if not number.isdecimal() or not session.participants.filter(
                        pk=number, membership__isnull=False).exists():
                    raise LiveError(_("Kies iemand die is uitgenodigd."))
                services.participant_role_give(session, int(number),
                                               request.POST.get("role", ""))
                messages.success(request, _("De rol is opgeslagen."))
            elif action == "start":
                schedule.schedule_start(session, request.user)
                messages.success(request, _("De sessie loopt. Elke stap opent en sluit op "
                                            "tijd; de uitgenodigden krijgen bericht."))
            else:
                raise LiveError(_("Onbekende actie."))
        except LiveError as error:
            messages.error(request, str(error))
            status = 400
        else:
            return redirect("live:plan", org=org.slug, session=session.pk)
        session.refresh_from_db()
        phases = list(session.phases.all())
    fmt = FORMATS.get(session.format)
    return render(request, "live/plan.html", {
        "session": session, "windows": windows, "invite": invite,
        "invitees": schedule.invitees(session),
        "format_roles": fmt.roles if fmt else (),
        "now": timezone.now(),
    }, status=status)


def invited(request, code):
    """The link in an invitation mail: after logging in, an invited member's device gets
    her own participant's cookie and she goes on to the phone view."""
    session = (LiveSession.objects.select_related("organisation")
               .filter(code=normalise_code(code)).first())
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if session is None or not Membership.objects.filter(
            user=request.user, organisation=session.organisation).exists():
        raise Http404
    participant = schedule.invited_participant(session, request.user)
    if participant is None:
        raise Http404
    response = redirect("live:phone", code=session.code)
    response.set_signed_cookie(
        _cookie_name(session), schedule.invitation_token(session, participant.membership_id),
        salt=COOKIE_SALT, max_age=COOKIE_AGE, httponly=True, samesite="Lax",
        secure=settings.HTTPS, path="/doe-mee/")
    return response


@org_view()
def thread(request, org, session):
    """Facilitators and leads read every session; a member reads the ones she was
    invited to, as her role let her see them."""
    session = _session(org, session)
    reader = schedule.invited_participant(session, request.user)
    if reader is None and not request.membership.can_steer:
        raise Http404
    return render(request, "live/thread.html", {
        "session": session, "reader": reader,
        "steps": thread_steps(session, reader, timezone.now(), request=request),
    })
