import asyncio
import logging

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from bedoeling.accounts.models import Membership
from bedoeling.lib import ratelimit
from bedoeling.live import language as phone_languages
from bedoeling.live import render as live_render
from bedoeling.live import schedule, services, tap
from bedoeling.live.forms import JoinCodeForm, JoinForm, PhaseForm, SessionForm
from bedoeling.live.harvest import harvest_export
from bedoeling.live.hub import Subscriber, hub
from bedoeling.live.models import LiveSession, Participant, Phase, normalise_code, token_hash
from bedoeling.live.registry import BLOCKS, FORMATS, block_for
from bedoeling.live.services import LiveError
from bedoeling.orgs.scoping import STEER, in_org_or_404, org_view

log = logging.getLogger(__name__)

HEARTBEAT = 20  # seconds; keeps proxies and NATs from dropping an idle stream
COOKIE_SALT = "bedoeling.live.participant"
COOKIE_AGE = 60 * 60 * 24 * 7
# The seats one address took are remembered this long (a session rarely lasts longer).
SEAT_WINDOW = 60 * 60 * 12
TAPS_PER_10_S = 20  # a phone's taps: a runaway phone, not a quick thumb, is refused


# --- facilitators: list, create, control, screen, harvest ------------------------------

@org_view()
def sessions(request, org):
    items = (LiveSession.objects.filter(organisation=org).select_related("current_phase")
             .order_by("-created_at"))
    if not request.membership.can_steer:
        items = items.filter(status=LiveSession.Status.ENDED)
    form = SessionForm() if request.membership.can_steer else None
    return render(request, "live/sessions.html", {
        "items": items[:200], "form": form, "formats": FORMATS,
    })


@org_view(require=STEER)
@require_POST
def create(request, org):
    form = SessionForm(request.POST)
    if not form.is_valid():
        items = LiveSession.objects.filter(organisation=org)[:200]
        return render(request, "live/sessions.html", {"items": items, "form": form},
                      status=400)
    data = form.cleaned_data
    session = services.session_create(
        org, request.user, title=data["title"],
        format_key=None if data["format"] == "custom" else data["format"],
        anonymous=data["anonymous"], allow_names=data["allow_names"],
        participant_cap=data["participant_cap"],
    )
    if data["asynchronous"]:
        schedule.session_make_asynchronous(session)
        return redirect("live:plan", org=org.slug, session=session.pk)
    return redirect("live:control", org=org.slug, session=session.pk)


def _session(org, pk) -> LiveSession:
    return in_org_or_404(LiveSession.objects.select_related("current_phase"), org, pk=pk)


@org_view(require=STEER)
def control(request, org, session):
    session = _session(org, session)
    return render(request, "live/control.html", {
        "session": session,
        "phases": list(session.phases.all()),
        "snapshot": live_render.control_snapshot(session, request),
        "phase_form": PhaseForm(session=session),
        "join_url": _join_url(request, session),
        "blocks": BLOCKS,
    })


@org_view(require=STEER)
def screen(request, org, session):
    session = _session(org, session)
    return render(request, "live/screen.html", {
        "session": session,
        "snapshot": live_render.screen_snapshot(session),
        "join_url": _join_url(request, session),
        "qr": _qr(_join_url(request, session)),
    })


def _join_url(request, session) -> str:
    path = reverse("live:phone", args=[session.code])
    return (settings.SITE_URL + path) if settings.SITE_URL else request.build_absolute_uri(path)


def _qr(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=8, border=2, dark="#1b2a35")


@org_view(require=STEER)
@require_POST
def control_action(request, org, session):
    session = _session(org, session)
    action = request.POST.get("action", "")
    try:
        if action == "open":
            services.session_open(session, request.user)
        elif action == "end":
            services.session_end(session, request.user)
        elif action in ("next", "previous"):
            services.phase_step(session, 1 if action == "next" else -1)
        elif action == "activate":
            phase = _phase(session, request.POST.get("phase"))
            services.phase_activate(session, phase)
        elif action in ("lock", "unlock", "reveal", "hide"):
            phase = _phase(session, request.POST.get("phase"))
            services.phase_set_flags(
                phase,
                locked={"lock": True, "unlock": False}.get(action),
                revealed={"reveal": True, "hide": False}.get(action),
            )
        elif action == "timer":
            minutes = request.POST.get("minutes", "").replace(",", ".")
            try:
                # float() takes "1e309" (infinity) and "nan", which round() cannot take;
                # the service checks the range.
                seconds = round(min(max(float(minutes), -1.0), 10_000.0) * 60)
            except ValueError:
                raise LiveError(_("Vul het aantal minuten in als getal, bijvoorbeeld 3 of "
                                  "1,5.")) from None
            services.timer_start(session, seconds)
        elif action == "resume":
            services.timer_start(session)
        elif action == "pause":
            services.timer_pause(session)
        elif action == "clear":
            services.timer_clear(session)
        elif action in ("door_close", "door_open"):
            services.session_door_set(session, request.user, closed=action == "door_close")
        elif action == "remove":
            number = request.POST.get("number", "").strip().lstrip("#")
            if not number.isdecimal():
                raise LiveError(_("Deze deelnemer bestaat niet (meer)."))
            services.participant_remove(session, request.user, int(number))
        elif action == "role":
            number = request.POST.get("number", "").strip().lstrip("#")
            if not number.isdecimal():
                raise LiveError(_("Vul het nummer in dat op de telefoon van de deelnemer "
                                  "staat."))
            services.participant_role_set(session, int(number), request.POST.get("role", ""))
        elif action == "role_give":
            participant = request.POST.get("participant", "")
            if not participant.isdigit():
                raise LiveError(_("Kies de deelnemer die de rol krijgt."))
            services.participant_role_give(session, int(participant),
                                           request.POST.get("role", ""))
        else:
            raise LiveError(_("Onbekende actie."))
    except LiveError as error:
        return _control_reply(request, org, session, error=str(error))
    return _control_reply(request, org, session)


def _phase(session, raw) -> Phase:
    phase = session.phases.filter(pk=raw if str(raw).isdecimal() else 0).first()
    if phase is None:
        raise LiveError(_("Deze fase bestaat niet (meer)."))
    return phase


def _control_reply(request, org, session, error="", message=""):
    if request.headers.get("HX-Request"):
        notice = render(request, "live/notice.html", {
            "error": error, "message": message, "undo": getattr(message, "undo", None),
            "undo_url": request.path}).content.decode() if (error or message) else ""
        if error:
            # Only the message: the half-filled form the facilitator is working on stays.
            # A form that asked for its own target (a feedback slot beside it) gets it there.
            response = HttpResponse(notice, status=400)
            if request.headers.get("HX-Target", "snapshot") == "snapshot":
                response["HX-Retarget"] = "#control-notice"
                response["HX-Reswap"] = "innerHTML"
            return response
        session.refresh_from_db()
        # A success takes the place of an earlier refusal in the notice slot, outside the
        # snapshot: the snapshot that the same change sends a moment later would wipe it.
        slot = ('<div id="control-notice" aria-live="assertive" hx-swap-oob="true">'
                + notice + '</div>')
        return HttpResponse(slot + live_render.control_snapshot(session))
    if error:
        messages.error(request, error)
    elif message:
        messages.success(request, message)
    return redirect("live:control", org=org.slug, session=session.pk)


@org_view(require=STEER)
@require_POST
def phase_action(request, org, session, phase):
    session = _session(org, session)
    phase = _phase_or_404(session, phase)
    try:
        message = block_for(phase.kind).control_act(phase, request.user,
                                                    request.POST.get("action", ""), request.POST)
    except LiveError as error:
        return _control_reply(request, org, session, error=str(error))
    return _control_reply(request, org, session, message=message or "")


def _phase_or_404(session, pk) -> Phase:
    phase = session.phases.filter(pk=pk).first()
    if phase is None:
        raise Http404
    return phase


@org_view(require=STEER)
@require_POST
def phase_add(request, org, session):
    session = _session(org, session)
    form = PhaseForm(request.POST, session=session)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else
                           " ".join(errors))
        return redirect("live:control", org=org.slug, session=session.pk)
    data = form.cleaned_data
    services.phase_add(session, kind=data["kind"], title=data["title"], prompt=data["prompt"],
                       config=form.config(), translations=form.translations())
    messages.success(request, _("Fase toegevoegd."))
    return redirect("live:control", org=org.slug, session=session.pk)


@org_view(require=STEER)
@require_POST
def phase_edit(request, org, session, phase):
    session = _session(org, session)
    phase = _phase_or_404(session, phase)
    action = request.POST.get("action")
    try:
        if action == "up":
            services.phase_move(phase, -1)
        elif action == "down":
            services.phase_move(phase, 1)
        elif action == "delete":
            services.phase_delete(phase)
            messages.success(request, _("Fase verwijderd."))
        else:
            raise LiveError(_("Onbekende actie."))
    except LiveError as error:
        messages.error(request, str(error))
    return redirect("live:control", org=org.slug, session=session.pk)


@org_view()
def harvest(request, org, session):
    session = _session(org, session)
    if not request.membership.can_steer and not session.is_ended:
        raise Http404
    return render(request, "live/harvest.html", {
        "session": session, "phases": live_render.harvest_phases(session, request),
        "participants": session.participants.count(),
    })


@org_view()
def harvest_download(request, org, session, fmt):
    session = _session(org, session)
    if not request.membership.can_steer and not session.is_ended:
        raise Http404
    content, media, name = harvest_export(session, request.user, fmt)
    response = HttpResponse(content, content_type=media)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the live streams ----------------------------------------------------------------

async def _events(session_id: int, subscriber: Subscriber, first: str, state_version: int):
    hub.join(session_id, subscriber, state_version)
    try:
        yield "retry: 2000\n\n"
        yield first
        while True:
            try:
                message = await asyncio.wait_for(subscriber.queue.get(), HEARTBEAT)
            except TimeoutError:
                yield ": ping\n\n"
                continue
            yield message
    finally:
        hub.leave(session_id, subscriber)


def _stream(events) -> StreamingHttpResponse:
    response = StreamingHttpResponse(events, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"
    return response


def _staff_lookup(request, org_slug, session_pk, view):
    if not request.user.is_authenticated:
        return None
    membership = (Membership.objects.select_related("organisation")
                  .filter(user=request.user, organisation__slug=org_slug).first())
    if membership is None or not membership.can_steer:
        return None
    session = (LiveSession.objects.select_related("current_phase")
               .filter(organisation=membership.organisation, pk=session_pk).first())
    if session is None:
        return None
    first = (live_render.screen_snapshot(session) if view == "screen"
             else live_render.control_snapshot(session))
    return session, live_render.sse("snapshot", first, str(session.state_version))


async def staff_stream(request, org, session, view):
    if view not in ("screen", "control"):
        raise Http404
    found = await sync_to_async(_staff_lookup)(request, org, session, view)
    if found is None:
        raise Http404
    session_obj, first = found
    # Pushed snapshots are rendered in the facilitator's language, as this page was.
    subscriber = Subscriber(view=view, language=getattr(request, "LANGUAGE_CODE", None)
                            or settings.LANGUAGE_CODE)
    return _stream(_events(session_obj.pk, subscriber, first, session_obj.state_version))


# --- phones ------------------------------------------------------------------------------

def _cookie_for(code: str) -> str:
    return f"bp_{code}"


def _cookie_name(session: LiveSession) -> str:
    return _cookie_for(session.code)


def _token(request, code: str) -> str | None:
    """The participant token this phone holds for a session code, if its signature holds."""
    try:
        return request.get_signed_cookie(_cookie_for(code), default=None, salt=COOKIE_SALT)
    except signing.BadSignature:
        log.info("live: a participant cookie with a bad signature was refused")
        return None


def _participant(request, session: LiveSession) -> Participant | None:
    return services.participant_for_token(session, _token(request, session.code))


def _session_and_participant(request, code: str):
    """The session of a code and this phone's participant in it, in one query when the
    phone has joined (every tap in the hall comes this way); (None, None) for an unknown
    code, (session, None) for a phone that has not joined."""
    code = normalise_code(code)
    token = _token(request, code)
    if token:
        found = tap.participant_with_session(code, token_hash(token))
        if found is not None:
            return found.session, services.participant_read_with_session(found)
    return _open_session(code), None


def _open_session(code: str) -> LiveSession | None:
    found = (LiveSession.objects.select_related("current_phase", "organisation")
             .filter(code=normalise_code(code))[:1])  # codes are unique: no ORDER BY
    return found[0] if found else None


def _code_guess_allowed(request, session: LiveSession | None) -> bool:
    """Wrong session codes are limited per address (a script must not try codes until it
    finds a room); a right one costs nothing. Once an address has used up its wrong guesses
    a right code is refused too, or the limit would tell a script when it hit."""
    address = ratelimit.client_address(request)
    limit, window = settings.LIVE_CODE_GUESSES
    if not ratelimit.allow_fast("live-code", address, limit, window):
        log.warning("live: too many wrong session codes from one address")
        return False
    if session is not None:
        ratelimit.refund_fast("live-code", address, limit)
    return True


def _too_many_guesses(request):
    return render(request, "live/join_code.html", {
        "form": JoinCodeForm(),
        "error": _("Te veel onbekende codes geprobeerd. Wacht tien minuten en kijk dan nog "
                   "eens goed op het scherm."),
    }, status=429)


def join_code(request):
    form = JoinCodeForm(request.GET or None)
    if form.is_bound and form.is_valid():
        session = _open_session(form.cleaned_data["code"])
        if not _code_guess_allowed(request, session):
            return _too_many_guesses(request)
        if session is not None and not session.is_ended:
            return redirect("live:phone", code=session.code)
        form.add_error("code", _("Deze code kennen we niet, of de sessie is al afgelopen. "
                                 "Kijk nog eens op het scherm."))
    return render(request, "live/join_code.html", {"form": form},
                  status=404 if form.errors else 200)


@phone_languages.in_phone_language
def phone(request, code):
    session = _open_session(code)
    participant = _participant(request, session) if session is not None else None
    if participant is None and not _code_guess_allowed(request, session):
        return _too_many_guesses(request)
    if session is None:
        return render(request, "live/join_code.html", {
            "form": JoinCodeForm(initial={"code": code}),
            "error": _("Deze code kennen we niet. Kijk nog eens op het scherm."),
        }, status=404)
    if request.method == "POST" and participant is None:
        return _join(request, session)
    if participant is None:
        forged = _cookie_name(session) in request.COOKIES
        return render(request, "live/join.html", {
            "session": session, "form": JoinForm(),
            "error": _("We herkenden je telefoon niet; doe opnieuw mee.") if forged else "",
        }, status=410 if session.is_ended else 200)
    phase = session.current_phase
    return render(request, "live/phone.html", {
        "session": session, "participant": participant,
        "fragment": live_render.phone_fragment(session, phase, participant.role, participant,
                                               request=request),
    })


def _join(request, session):
    address = ratelimit.client_address(request)
    # A whole school hall shares one address: this limit is loose on purpose.
    if not ratelimit.allow_fast("live-join", address, settings.LIVE_JOIN_RATE, 60):
        return render(request, "live/join.html", {
            "session": session, "form": JoinForm(),
            "error": _("Er melden zich nu heel veel mensen tegelijk aan. Probeer het over "
                       "een halve minuut opnieuw."),
        }, status=429)
    form = JoinForm(request.POST)
    if not form.is_valid():
        return render(request, "live/join.html", {"session": session, "form": form},
                      status=400)
    # One address takes at most a share of the seats, so that a script behind one address
    # cannot fill the room and the phones on mobile data still get in. Counted in Redis
    # (hashed key) or, in the one-worker embedded default, in memory: no address is stored,
    # and no database write is added to a join.
    share = max(1, session.participant_cap * settings.LIVE_ADDRESS_SHARE // 100)
    if not ratelimit.allow_fast("live-seats", f"{session.code}|{address}", share, SEAT_WINDOW):
        log.warning("live: one address asked for more than its share of session %s",
                    session.pk)
        return render(request, "live/join.html", {
            "session": session, "form": form,
            "error": _("Vanaf dit netwerk doen al heel veel telefoons mee; de overige "
                       "plaatsen blijven voor anderen. Doe mee via mobiele data, of vraag "
                       "de begeleider om ruimte te maken."),
        }, status=429)
    try:
        participant, token = services.participant_join(session, name=form.cleaned_data["name"])
    except LiveError as error:
        return render(request, "live/join.html", {"session": session, "form": form,
                                                  "error": str(error)}, status=409)
    response = redirect("live:phone", code=session.code)
    response.set_signed_cookie(
        _cookie_name(session), token, salt=COOKIE_SALT, max_age=COOKIE_AGE, httponly=True,
        samesite="Lax", secure=settings.HTTPS, path="/doe-mee/",
    )
    log.info("live: participant %s joined session %s", participant.pk, session.pk)
    return response


@phone_languages.in_phone_language
def personal(request, code):
    # After a nudge a whole hall asks at once: one query for the session and the phone.
    session, participant = _session_and_participant(request, code)
    if participant is None and not _code_guess_allowed(request, session):
        return HttpResponse(status=429)
    if session is None:
        raise Http404
    if participant is None:
        return HttpResponse(status=403)
    return HttpResponse(live_render.personal_fragment(session, session.current_phase,
                                                      participant, request=request))


@require_POST
@phone_languages.in_phone_language
def act(request, code, phase):
    session, participant = _session_and_participant(request, code)
    if participant is None and not _code_guess_allowed(request, session):
        return HttpResponse(status=429)
    if session is None:
        raise Http404
    if participant is None:
        return _phone_reply(request, session, None, error=_(
            "We herkenden je telefoon niet. Open de link opnieuw om mee te doen."), status=403)
    if session.current_phase_id == phase:  # the usual case, already loaded
        phase_obj = session.current_phase
    else:
        found = session.phases.filter(pk=phase)[:1]
        phase_obj = found[0] if found else None
    if phase_obj is None:
        return _phone_reply(request, session, participant, status=404, error=_(
            "Deze vraag bestaat niet in deze sessie."))
    if not ratelimit.allow_here("live-act", str(participant.pk), TAPS_PER_10_S, 10):
        return _phone_reply(request, session, participant, status=429, error=_(
            "Rustig aan: je drukte heel snel achter elkaar. Probeer het zo nog eens."))
    try:
        message = block_for(phase_obj.kind).act(phase_obj, participant, request.POST)
    except LiveError as error:
        session.refresh_from_db()
        return _phone_reply(request, session, participant, error=str(error), status=400)
    # The action was accepted, so this phase is the current one: no need to look again.
    return _phone_reply(request, session, participant, message=message or "", phase=phase_obj)


def _phone_reply(request, session, participant, *, message="", error="", status=200,
                 phase=None):
    if request.headers.get("HX-Request"):
        html = ""
        if participant is not None:
            html = live_render.personal_fragment(session, phase or session.current_phase,
                                                 participant, message=message, error=error,
                                                 request=request)
        if not html:
            html = render(request, "live/notice.html", {"error": error, "message": message}
                          ).content.decode()
        # htmx swaps 4xx bodies too (configured in live.js), so the error is shown in place.
        return HttpResponse(html, status=status)
    if error:
        messages.error(request, error)
    elif message:
        messages.success(request, message)
    return redirect("live:phone", code=session.code)


def _phone_lookup(request, code, language):
    session, participant = _session_and_participant(request, code)
    if participant is None:
        return None
    return session, participant, live_render.phone_event(session, participant.role,
                                                         language=language)


async def phone_stream(request, code):
    language = phone_languages.phone_language(request)
    found = await sync_to_async(_phone_lookup)(request, code, language)
    if found is None:
        return HttpResponse(status=204)  # EventSource stops retrying on 204
    session, participant, first = found
    subscriber = Subscriber(view="phone", participant_id=participant.pk, role=participant.role,
                            language=language)
    return _stream(_events(session.pk, subscriber, first, session.state_version))


@require_POST
def phone_language(request):
    """A phone's language switch: a cookie for the phone's pages only, then back to the
    session. An unknown language changes nothing and says so."""
    code = normalise_code(request.POST.get("code", ""))
    target = reverse("live:phone", args=[code]) if code else reverse("live:join_code")
    chosen = phone_languages.known(request.POST.get("language"))
    response = redirect(target)
    if chosen is None:
        with override(phone_languages.phone_language(request)):
            messages.error(request, _("Deze taal hebben we niet. Kies %(languages)s.") % {
                "languages": " / ".join(name for _code, name in settings.LANGUAGES)})
        return response
    phone_languages.remember(response, chosen)
    return response

