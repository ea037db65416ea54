"""An organisation's whole data: a copy to take out, and its deletion (AVG/GDPR).

Both follow every relation that would be deleted with the organisation (Django's deletion
collector), so a new model is included without changing this module. People's accounts
are exported without their password hashes; an account is deleted with the organisation
only when it belonged to no other organisation."""

import json

from django.core import serializers
from django.db import router, transaction
from django.db.models.deletion import Collector
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import User
from bedoeling.orgs.models import Organisation


def organisation_objects(org: Organisation) -> list:
    """Every row that belongs to `org` and may leave with it: what its deletion would
    delete, less the rows only one person may read (see `_exportable`)."""
    collector = Collector(using=router.db_for_write(Organisation))
    collector.collect([org])
    objects = []
    for model, instances in collector.data.items():
        objects.extend(_exportable(model, sorted(instances, key=lambda o: o.pk)))
    for queryset in collector.fast_deletes:
        objects.extend(_exportable(queryset.model, queryset.order_by("pk")))
    return objects


def _exportable(model, instances) -> list:
    """A model that holds what only one person may read (a reflection log) says which of
    its rows may leave with the organisation, through `organisation_export_keep`."""
    keep = getattr(model, "organisation_export_keep", None)
    return list(keep(instances) if keep else instances)


def organisation_export(org: Organisation, actor=None) -> list[dict]:
    """All of `org`'s data as Django's JSON serialisation (a list of rows), plus the name,
    e-mail address and joining date of its people. Recorded in the audit log."""
    people = [m.user for m in org.memberships.select_related("user").order_by("user_id")]
    rows = json.loads(serializers.serialize("json", organisation_objects(org)))
    rows += [{"model": "accounts.user", "pk": u.pk,
              "fields": {"email": u.email, "name": u.name,
                         "date_joined": u.date_joined.isoformat()}} for u in people]
    audit(org, actor, "organisation.export",
          gettext_noop("Alle gegevens van de organisatie geëxporteerd (%(count)s objecten)"),
          count=len(rows))
    return rows


def organisation_export_json(org: Organisation, actor=None) -> str:
    return json.dumps(organisation_export(org, actor), ensure_ascii=False, indent=1)


@transaction.atomic
def organisation_delete(org: Organisation, actor=None) -> tuple[int, int]:
    """Delete `org` with everything it holds, and the accounts that belonged only to it
    (not the account of `actor`, who deleted it: that is hers to delete). Returns (objects deleted, accounts deleted). The deletion itself stays in the audit log
    without an organisation: who deleted which organisation, when."""
    name, slug = org.name, org.slug
    people = list(User.objects.filter(memberships__organisation=org))
    deleted, _per_model = org.delete()
    orphans = [u.pk for u in people if not u.memberships.exists() and not u.is_staff
               and (actor is None or u.pk != actor.pk)]
    User.objects.filter(pk__in=orphans).delete()
    audit(None, actor if actor is not None and actor.pk not in orphans else None,
          "organisation.delete", gettext_noop("Organisatie %(name)s verwijderd (%(count)s objecten)"),
          name=name, slug=slug, count=deleted)
    return deleted, len(orphans)
