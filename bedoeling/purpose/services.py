"""The Bedoeling and its versions. The vision session that writes a new version lives in
session.py; reads that are more than a filter in selectors.py."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.purpose.models import Purpose, PurposeSource, PurposeVersion


def purpose_for(org) -> Purpose:
    purpose, _ = Purpose.objects.get_or_create(organisation=org)
    return purpose


@transaction.atomic
def purpose_version_create(org, author, *, statement: str, reason: str, elaboration: str = "",
                           for_client: str = "", for_us: str = "", stop_doing: str = "",
                           sources: list[dict] | None = None, session=None,
                           created_at=None) -> PurposeVersion:
    """Adopt a new version of the Bedoeling. Two people saving at once get two numbered
    versions, never one lost update: the purpose row is locked while numbering."""
    purpose_for(org)
    purpose = Purpose.objects.select_for_update().get(organisation=org)
    number = (purpose.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    extra = {"created_at": created_at} if created_at else {}
    version = PurposeVersion.objects.create(
        purpose=purpose, number=number, statement=statement.strip(), reason=reason.strip(),
        elaboration=elaboration.strip(), for_client=for_client.strip(), for_us=for_us.strip(),
        stop_doing=stop_doing.strip(), author=author, session=session, **extra,
    )
    for source in sources or []:
        PurposeSource.objects.create(version=version, **source)
    audit(org, author, "purpose.version", gettext_noop("Bedoeling versie %(version)s vastgesteld"),
          version=number, reason=version.reason)
    return version


def purpose_review_date_set(org, actor, review_date) -> Purpose:
    purpose = purpose_for(org)
    purpose.review_date = review_date
    purpose.save(update_fields=["review_date"])
    audit(org, actor, "purpose.review_date", gettext_noop("Herijkingsdatum gezet op %(date)s"),
          review_date=str(review_date) if review_date else None,
          date=review_date.strftime("%d-%m-%Y") if review_date else "—")
    return purpose
