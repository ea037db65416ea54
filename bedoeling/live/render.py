"""Rendering the three views of a live session: full pages and the fragments pushed live."""

import json
import time
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, override

from bedoeling.live.models import LiveSession, Participant, Phase
from bedoeling.live.registry import FORMATS, block_for, role_label


def sse(event: str, data: str, event_id: str | None = None) -> str:
    lines = [f"event: {event}"]
    if event_id is not None:
        lines.append(f"id: {event_id}")
    lines.extend(f"data: {line}" for line in data.splitlines() or [""])
    return "\n".join(lines) + "\n\n"


# The control view lists this many joined participants to give a role to.
PEOPLE_LISTED = 500


def timer_json(session: LiveSession) -> str:
    state = session.timer_state()
    state["now"] = int(time.time() * 1000)
    return json.dumps(state)


def _base(session: LiveSession, phase: Phase | None) -> dict:
    block = block_for(phase.kind) if phase else None
    return {"session": session, "phase": phase, "block": block,
            "timer": timer_json(session)}


def personal_key(session: LiveSession, phase: Phase | None, role: str) -> str:
    """Changes when a phone must fetch its personal part again."""
    if phase is None:
        return f"{session.status}"
    state = block_for(phase.kind).state_key(phase)
    return (f"{session.status}:{phase.pk}:{int(phase.locked)}:{int(phase.revealed)}:{role}"
            f":{state}")


def role_view(session: LiveSession, phase: Phase | None, role: str) -> str:
    """The view of her own a role declares, when the phase's block has it ("" the phone)."""
    fmt = FORMATS.get(session.format)
    spec = fmt.role(role) if fmt is not None and role else None
    if spec is None or not spec.view or phase is None:
        return ""
    return spec.view if spec.view in block_for(phase.kind).views else ""


def spread_ms(session: LiveSession) -> int:
    """Over how many milliseconds the phones spread their fetches after a phase change:
    a room of 1,000 asks over 2 s rather than in one burst."""
    return min(5000, max(1500, 2 * session.participants.count()))


def phone_fragment(session: LiveSession, phase: Phase | None, role: str,
                   participant: Participant | None = None, request=None) -> str:
    """The phone's view of the current phase: the same for everyone in a role. With a
    participant (a full page load) it includes her personal part; without (a live push)
    the phone fetches that itself."""
    ctx = _base(session, phase)
    hidden = phase is not None and phase.hidden_for(role)
    readonly = phase is not None and phase.readonly_for(role)
    if phase is not None and not hidden:
        ctx.update(block_for(phase.kind).phone_context(phase))
    ctx.update(role=role, role_label=role_label(session.format, role), hidden=hidden,
               readonly=readonly, view=role_view(session, phase, role),
               key=personal_key(session, phase, role),
               personal_url=reverse("live:personal", args=[session.code]),
               spread_ms=spread_ms(session))
    if participant is not None and phase is not None and not hidden and not ctx["view"]:
        ctx["personal_html"] = personal_fragment(session, phase, participant, request=request)
    return render_to_string("live/phone_phase.html", ctx, request=request)


def personal_fragment(session: LiveSession, phase: Phase | None, participant: Participant,
                      message: str = "", error: str = "", request=None) -> str:
    if phase is None or not session.is_open:
        return ""
    block = block_for(phase.kind)
    if not block.personal or phase.hidden_for(participant.role):
        return ""
    ctx = {"session": session, "phase": phase, "block": block, "participant": participant,
           "readonly": phase.readonly_for(participant.role) or phase.locked,
           "message": message, "error": error,
           "action_url": reverse("live:act", args=[session.code, phase.pk])}
    ctx.update(block.personal_context(phase, participant))
    return render_to_string(f"{block.template}#personal", ctx, request=request)


def screen_snapshot(session: LiveSession) -> str:
    phase = session.current_phase
    ctx = _base(session, phase)
    if phase is not None:
        ctx.update(block_for(phase.kind).screen_context(phase))
    ctx["participants"] = session.participants.count()
    return render_to_string("live/screen_snapshot.html", ctx)


JOINED_SHOWN = 50  # the latest joins on the control view: enough to spot a burst


def control_snapshot(session: LiveSession, request=None) -> str:
    """With the request (the full page), forms that carry `{% csrf_token %}` work without
    JavaScript; a pushed snapshot has none, and live.js gives its forms the token."""
    phase = session.current_phase
    ctx = _base(session, phase)
    if phase is not None:
        ctx.update(block_for(phase.kind).control_context(phase))
    ctx["participants"] = session.participants.count()
    ctx["roles"] = list(session.participants.exclude(role="").order_by("id"))
    ctx["joined"] = list(session.participants.order_by("-created_at", "-id")[:JOINED_SHOWN])
    fmt = FORMATS.get(session.format)
    if fmt is not None and fmt.roles:
        # Who can get a role: the joined participants, by name or join order.
        ctx["format_roles"] = fmt.roles
        ctx["people"] = list(session.participants.order_by("id")
                             .only("pk", "name", "role")[:PEOPLE_LISTED])
    ctx["phases"] = list(session.phases.all())
    return render_to_string("live/control_snapshot.html", ctx, request=request)


@dataclass
class RoomMessages:
    # Keyed by (role, language) and (view, language): each phone reads its own language,
    # each screen its facilitator's.
    phone: dict[tuple[str, str], str] = field(default_factory=dict)
    snapshots: dict[tuple[str, str], str] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    periodic: bool = False
    state_version: int = -1


# The phase event a phone receives when its stream (re)connects is the same for every phone
# in a role until the session's state version changes. When a hall's wifi comes back, or a
# worker restarts, hundreds of phones reconnect within a second or two: they share one
# rendering instead of each paying for it. Briefly, so that nothing outlives a burst.
PHONE_EVENT_SECONDS = 2.0
_phone_events: dict[tuple, tuple[float, str]] = {}


def phone_event(session: LiveSession, role: str, *, fresh: bool = False,
                language: str | None = None) -> str:
    """The `phase` event for phones in `role` that read `language` (by default the active
    one); `fresh` renders it again (the hub, which pushes it after a change)."""
    with override(language or get_language()):
        return _phone_event(session, role, fresh)


def _phone_event(session: LiveSession, role: str, fresh: bool) -> str:
    # The code too: a session deleted and another created in its place (SQLite reuses the
    # row id) must never be sent the old one's phase.
    key = (session.pk, session.code, session.state_version, role, get_language())
    now = time.monotonic()
    found = None if fresh else _phone_events.get(key)
    if found is not None and now - found[0] < PHONE_EVENT_SECONDS:
        return found[1]
    event = sse("phase", phone_fragment(session, session.current_phase, role),
                str(session.state_version))
    if len(_phone_events) > 512:
        _phone_events.clear()
    # From when it is ready: a rendering slower than the reuse window is still shared.
    _phone_events[key] = (time.monotonic(), event)
    return event


def room_messages(session_id: int, *, views: set[str], transition: bool,
                  phone_ids: list[int], phone_version: int = -1,
                  languages: dict[str, set[str]] | None = None,
                  phone_languages: dict[int, str] | None = None) -> RoomMessages | None:
    """What a room's streams get now. `languages`: the languages each view is read in
    ({"screen": {"nl"}}, by default the active one); `phone_languages`: each phone's. Only
    the combinations somebody reads are rendered: a Dutch room renders once per role, as
    before, and one English phone adds one rendering for its role."""
    session = (LiveSession.objects.select_related("current_phase")
               .filter(pk=session_id).first())
    if session is None:
        return None
    phase = session.current_phase
    result = RoomMessages(periodic=phase is not None and block_for(phase.kind).periodic,
                          state_version=session.state_version)
    version = str(session.state_version)
    languages = languages or {}
    snapshot = {"screen": screen_snapshot, "control": control_snapshot}
    for view in ("screen", "control"):
        for language in (languages.get(view) or {get_language()}) if view in views else ():
            with override(language):
                result.snapshots[(view, language)] = sse("snapshot", snapshot[view](session),
                                                         version)
    if (transition or session.state_version != phone_version) and "phone" in views:
        result.roles = dict(Participant.objects.filter(pk__in=phone_ids)
                            .values_list("pk", "role"))
        phone_languages = phone_languages or {}
        read = {phone_languages.get(pk) or get_language() for pk in phone_ids}
        # A phone whose role is not known here (it just left) gets its language's default.
        wanted = {("", language) for language in read} | {
            (result.roles.get(pk, ""), phone_languages.get(pk) or get_language())
            for pk in phone_ids}
        for role, language in wanted:
            result.phone[(role, language)] = phone_event(session, role, fresh=True,
                                                         language=language)
    return result


def harvest_phases(session: LiveSession, request=None) -> list[dict]:
    """Each phase as its block renders it for the harvest: the harvest page and the PDF
    report show the same thing."""
    phases = []
    for phase in session.phases.all():
        block = block_for(phase.kind)
        ctx = {"phase": phase, "block": block, "session": session}
        ctx.update(block.harvest_context(phase))
        html = render_to_string(f"{block.template}#harvest", ctx, request=request)
        phases.append({"phase": phase, "block": block, "html": html})
    return phases

