"""Export everything one organisation holds, as JSON (AVG/GDPR: a copy of the data).

Follows every relation that would be deleted with the organisation, so a new model is
included without changing this command. People's accounts are exported without their
password hashes."""

import json

from django.core import serializers
from django.core.management.base import BaseCommand, CommandError
from django.db import router
from django.db.models.deletion import Collector
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.orgs.models import Organisation


def organisation_objects(org) -> list:
    collector = Collector(using=router.db_for_write(Organisation))
    collector.collect([org])
    objects = []
    for instances in collector.data.values():
        objects.extend(sorted(instances, key=lambda o: o.pk))
    for queryset in collector.fast_deletes:
        objects.extend(queryset.order_by("pk"))
    return objects


class Command(BaseCommand):
    help = "Exporteer alle gegevens van één organisatie als JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, slug, output=None, **options):
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            raise CommandError(f"Organisatie ‘{slug}’ bestaat niet / no such organisation")
        objects = organisation_objects(org)
        people = [m.user for m in org.memberships.select_related("user")]
        data = json.loads(serializers.serialize("json", objects))
        data += [{"model": "accounts.user", "pk": u.pk,
                  "fields": {"email": u.email, "name": u.name,
                             "date_joined": u.date_joined.isoformat()}} for u in people]
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text)
        audit(org, None, "organisation.export",
              gettext_noop("Alle gegevens van de organisatie geëxporteerd (%(count)s objecten)"),
              count=len(data))
        self.stderr.write(f"{len(data)} objecten / objects")
