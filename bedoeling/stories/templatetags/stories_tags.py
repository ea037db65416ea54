from django import template

from bedoeling.stories.models import LibraryEntry
from bedoeling.stories.selectors import open_forms, shown_team

register = template.Library()


@register.simple_tag
def library_highlight(org):
    """The most recently curated library story, for the organisation home page."""
    if org is None:
        return None
    return (LibraryEntry.objects.filter(organisation=org)
            .select_related("story", "story__team").first())


@register.simple_tag
def first_open_form(org):
    if org is None:
        return None
    return open_forms(org).first()


@register.filter
def excerpt(text: str, limit: int = 220) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


@register.filter
def group_label(role: str) -> str:
    """A live role ``groep 3`` in the reader's language; any other role as it is."""
    from django.utils.translation import gettext

    from bedoeling.stories.models import group_number

    number = group_number(role or "")
    return gettext("groep %(n)s") % {"n": number} if number is not None else role


@register.simple_tag(takes_context=True)
def team_of(context, story) -> str:
    """The story's team, unless it would point at the teller of an anonymous story."""
    return shown_team(context["current_org"], story)
