from django import template

from bedoeling.systemworld import selectors
from bedoeling.systemworld.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def systemworld_unread(context) -> int:
    request = context.get("request")
    org = context.get("current_org")
    if org is None or request is None or not request.user.is_authenticated:
        return 0
    # The navigation and the section menu both show it: count once per request.
    if not hasattr(request, "_systemworld_unread"):
        request._systemworld_unread = Notification.objects.filter(
            organisation=org, user=request.user, read_at=None).count()
    return request._systemworld_unread


@register.simple_tag(takes_context=True)
def systemworld_home(context) -> dict:
    return selectors.home_summary(context["current_org"], context["request"].user)


@register.filter
def percent_of(value, total) -> int:
    return round(100 * value / total) if total else 0


@register.simple_tag
def decide_view(phase) -> dict:
    """A decide phase as every view shows it; for the phone, which the engine renders
    without the block's context."""
    from bedoeling.systemworld.session_format import decide_context

    return decide_context(phase)
