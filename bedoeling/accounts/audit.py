from django.utils.translation import gettext

from bedoeling.accounts.models import AuditEvent, Role


def audit(organisation, actor, action: str, summary: str, **data) -> AuditEvent:
    """Record a sensitive action. Never pass personal content of anonymous people here.

    `summary` is a Dutch message id with %(name)s placeholders filled from `data`, marked
    with gettext_noop, so that the log reads in the reader's language."""
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        summary=summary[:300],
        data=data,
    )


def describe(event: AuditEvent) -> str:
    text = gettext(event.summary)
    roles = dict(Role.choices)
    values = {key: roles.get(value, value) if isinstance(value, str) else value
              for key, value in (event.data or {}).items()}
    try:
        return text % values if values else text
    except (KeyError, TypeError, ValueError):
        return event.summary
