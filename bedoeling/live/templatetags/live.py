from django import template

from bedoeling.live.models import LiveSession

register = template.Library()


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
