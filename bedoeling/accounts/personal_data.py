"""What accounts holds about a person: her profile and her memberships (see
bedoeling/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from bedoeling.accounts.models import Membership
from bedoeling.privacy.registry import PersonalData, register


def _profile(user) -> list[dict]:
    return [{"email": user.email, "name": user.name, "language": user.language,
             "date_joined": user.date_joined.isoformat(),
             "last_login": user.last_login.isoformat() if user.last_login else None}]


def _memberships(user) -> list[dict]:
    return [{"organisation": m.organisation.name, "role": m.role,
             "team": m.team.name if m.team else None}
            for m in Membership.objects.filter(user=user).select_related("organisation", "team")
            .order_by("organisation__name")]


register(PersonalData(
    key="profile", label=_("Je profiel: naam, e-mailadres, taal"), export=_profile,
    on_delete=_("Verwijderd, met je wachtwoord."), order=0))
register(PersonalData(
    key="memberships", label=_("Je lidmaatschappen: organisaties, rol en team"),
    export=_memberships, on_delete=_("Verwijderd."), order=1))
