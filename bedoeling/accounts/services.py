from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import Invitation, Membership, User, known_language
from bedoeling.lib.mail import email_enqueue


class InvitationError(Exception):
    """Why an invitation link cannot be used; the message is shown to the person."""


def absolute_url(request, path: str) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def invitation_create(request, org, inviter, *, email, role, team=None,
                      language="") -> tuple[Invitation, str]:
    """Invite `email`; the mail is in `language` (by default the inviter's current one)."""
    language = known_language(language or get_language(), settings.LANGUAGE_CODE)
    invitation, token = Invitation.new(
        organisation=org, email=email.lower(), role=role, team=team, invited_by=inviter,
        language=language,
    )
    invitation.save()
    link = absolute_url(request, reverse("accounts:invitation", args=[token]))
    with translation.override(language):
        body = render_to_string("accounts/email/invitation.txt", {
            "org": org, "inviter": inviter, "link": link, "invitation": invitation,
            "role": invitation.get_role_display(),
        })
        subject = _("Uitnodiging voor %(org)s op Bedoeling") % {"org": org.name}
    email_enqueue(subject, body, [invitation.email])
    audit(org, inviter, "invitation.create", gettext_noop("%(email)s uitgenodigd als %(role)s"),
          email=invitation.email, role=role)
    return invitation, link


def invitation_check(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise InvitationError(_("Deze uitnodigingslink bestaat niet. Controleer of je de hele "
                                "link hebt gekopieerd, of vraag om een nieuwe uitnodiging."))
    if invitation.accepted_at:
        raise InvitationError(_("Deze uitnodiging is al gebruikt. Log in met je e-mailadres en "
                                "wachtwoord, of vraag om een nieuwe uitnodiging."))
    if invitation.revoked_at:
        raise InvitationError(_("Deze uitnodiging is ingetrokken. Vraag de begeleider om een "
                                "nieuwe uitnodiging."))
    if invitation.is_expired:
        raise InvitationError(_("Deze uitnodiging is verlopen. Vraag de begeleider om een "
                                "nieuwe uitnodiging."))
    return invitation


@transaction.atomic
def invitation_accept(invitation_id: int, *, name: str = "", password: str | None = None,
                      existing_user: User | None = None) -> Membership:
    """Turn an open invitation into a membership. Locked, so a double click or a link
    used in two tabs yields one membership and a clear message for the second."""
    invitation = invitation_check(
        Invitation.objects.select_for_update().filter(pk=invitation_id).first()
    )
    user = existing_user or User.objects.filter(email=invitation.email).first()
    if user is None:
        user = User.objects.create_user(invitation.email, password, name=name.strip(),
                                        language=get_language() or "")
    elif password and existing_user is None:
        raise InvitationError(_("Er bestaat al een account met dit e-mailadres. "
                                "Log in om de uitnodiging te accepteren."))
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation,
        defaults={"role": invitation.role, "team": invitation.team},
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit(invitation.organisation, user, "invitation.accept",
          gettext_noop("%(email)s heeft de uitnodiging geaccepteerd"), email=user.email)
    return membership


def invitation_revoke(org, actor, invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit(org, actor, "invitation.revoke",
          gettext_noop("Uitnodiging voor %(email)s ingetrokken"), email=invitation.email)


def membership_change(org, actor, membership: Membership, *, role, team) -> Membership:
    before = membership.role
    membership.role = role
    membership.team = team
    membership.save(update_fields=["role", "team"])
    if before != role:
        audit(org, actor, "membership.role",
              gettext_noop("Rol van %(email)s gewijzigd van %(before)s naar %(after)s"),
              email=membership.user.email, before=before, after=role)
    return membership
