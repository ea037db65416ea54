from django import template
from django.utils import timezone

from bedoeling.live.models import LiveSession
from bedoeling.live.registry import block_for, role_label

register = template.Library()


@register.filter
def block_label(kind: str) -> str:
    """What a phase of this kind is called in the control view."""
    return block_for(kind).label


@register.filter
def role_labels(roles, format_key: str) -> str:
    """Roles as the session's format calls them, comma-separated."""
    if isinstance(roles, str):
        roles = [roles] if roles else []
    return ", ".join(role_label(format_key, role) for role in roles)


@register.simple_tag(takes_context=True)
def live_home(context):
    """Sessions for the organisation home page: what runs now, and the latest harvests."""
    request = context["request"]
    org = request.org
    sessions = LiveSession.objects.filter(organisation=org).only(
        "title", "code", "status", "created_at", "ended_at", "organisation_id")
    running = list(sessions.filter(status=LiveSession.Status.OPEN)[:3])
    harvests = list(sessions.filter(status=LiveSession.Status.ENDED).order_by("-ended_at")[:3])
    return {"running": running, "harvests": harvests}


@register.filter
def window_state(phase) -> str:
    """Where a step of an asynchronous session stands now: "waiting", "open", "closed",
    or "" when it has no window."""
    if phase is None or not (phase.opens_at or phase.closes_at):
        return ""
    now = timezone.now()
    if phase.closes_at and now >= phase.closes_at:
        return "closed"
    if phase.opens_at and now < phase.opens_at:
        return "waiting"
    return "open"
