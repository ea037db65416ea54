"""Data rights (AVG/GDPR): a person's own data and the deletion of her account; an
organisation's data as a ZIP, and its deletion after a grace period."""

import io
import json
import zipfile
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import Membership, Role
from bedoeling.orgs.data import organisation_export
from bedoeling.privacy.models import OrganisationDeletion
from bedoeling.privacy.registry import providers

# ---------------------------------------------------------------- a person's own data


def personal_data_export(user) -> dict:
    """Everything the apps hold about `user`, part by part, as plain JSON values."""
    data = {"exported_at": timezone.now().isoformat()}
    for provider in providers():
        data[provider.key] = provider.export(user)
    return data


def personal_data_json(user) -> str:
    return json.dumps(personal_data_export(user), ensure_ascii=False, indent=1)


def account_delete_blockers(user) -> list[str]:
    """Why her account cannot go yet: an organisation would be left without a facilitator."""
    reasons = []
    for membership in Membership.objects.filter(user=user, role=Role.FACILITATOR) \
            .select_related("organisation"):
        org = membership.organisation
        others = Membership.objects.filter(organisation=org, role=Role.FACILITATOR) \
            .exclude(user=user)
        if not others.exists():
            reasons.append(_("Je bent de enige begeleider van %(org)s. Maak eerst iemand "
                             "anders begeleider, of laat de organisatie verwijderen.")
                           % {"org": org.name})
    return reasons


@transaction.atomic
def account_delete(user, *, password: str) -> None:
    """Delete `user` after checking her password; each app's part goes as its provider
    says. Raises ValidationError (and changes nothing) on a wrong password or a blocker."""
    if not password or not user.check_password(password):
        raise ValidationError(_("Dit wachtwoord klopt niet. Je account is niet verwijderd."),
                              code="password")
    blockers = account_delete_blockers(user)
    if blockers:
        raise ValidationError(blockers[0], code="blocked")
    organisations = [m.organisation for m in user.memberships.select_related("organisation")]
    for provider in providers():
        if provider.erase is not None:
            provider.erase(user)
    get_user_model().objects.filter(pk=user.pk).delete()
    for org in organisations:
        # Who it was is exactly what she asked us to forget.
        audit(org, None, "account.delete",
              gettext_noop("Een account is op eigen verzoek verwijderd"))


# ---------------------------------------------------------------- an organisation's data


def organisation_zip(org, actor) -> bytes:
    """The organisation export (bedoeling/orgs/data.py) as a ZIP: everything in one JSON
    file, and one file per kind of object for reading it part by part. Audited there."""
    rows = organisation_export(org, actor)
    per_model = defaultdict(list)
    for row in rows:
        per_model[row["model"]].append(row)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LEESMIJ.txt", _(
            "Alle gegevens van %(org)s, uit Bedoeling op %(date)s.\n\n"
            "alles.json: alle objecten, in Django's JSON-formaat (model, pk, fields).\n"
            "per-soort/: dezelfde objecten, een bestand per soort.\n"
            "Wachtwoorden zitten er niet in.\n") % {
                "org": org.name, "date": timezone.localdate().isoformat()})
        archive.writestr("alles.json", json.dumps(rows, ensure_ascii=False, indent=1))
        for model, model_rows in sorted(per_model.items()):
            archive.writestr(f"per-soort/{model}.json",
                             json.dumps(model_rows, ensure_ascii=False, indent=1))
    return buffer.getvalue()


def organisation_deletion_pending(org) -> OrganisationDeletion | None:
    return OrganisationDeletion.objects.filter(organisation=org,
                                               cancelled_at__isnull=True).first()


@transaction.atomic
def organisation_deletion_request(org, actor, *, confirmation: str) -> OrganisationDeletion:
    """Schedule `org`'s deletion after the grace period; `confirmation` must be its name."""
    from bedoeling.privacy.tasks import organisation_delete_when_due

    if (confirmation or "").strip().casefold() != org.name.strip().casefold():
        raise ValidationError(_("Typ de naam van de organisatie precies zoals hij er staat "
                                "(%(name)s). Er is niets verwijderd.") % {"name": org.name},
                              code="confirmation")
    if organisation_deletion_pending(org):
        raise ValidationError(_("De verwijdering is al aangevraagd."), code="pending")
    due = timezone.now() + timedelta(days=settings.ORGANISATION_DELETION_DAYS)
    deletion = OrganisationDeletion.objects.create(organisation=org, requested_by=actor,
                                                   due_at=due)
    organisation_delete_when_due.using(run_after=due).enqueue(deletion.pk)
    audit(org, actor, "organisation.delete_request",
          gettext_noop("Verwijdering van de organisatie aangevraagd, voor %(due)s"),
          due=due.date().isoformat())
    return deletion


@transaction.atomic
def organisation_deletion_cancel(org, actor) -> None:
    deletion = organisation_deletion_pending(org)
    if deletion is None:
        raise ValidationError(_("Er is geen verwijdering aangevraagd."), code="none")
    deletion.cancelled_at, deletion.cancelled_by = timezone.now(), actor
    deletion.save(update_fields=["cancelled_at", "cancelled_by"])
    audit(org, actor, "organisation.delete_cancel",
          gettext_noop("Verwijdering van de organisatie geannuleerd"))
