from bedoeling.accounts.models import AuditEvent


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
