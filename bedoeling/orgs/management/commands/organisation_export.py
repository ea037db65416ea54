"""Export everything one organisation holds, as JSON (AVG/GDPR: a copy of the data).
The work is `bedoeling.orgs.data.organisation_export`, which the interface calls too."""

from django.core.management.base import BaseCommand, CommandError

from bedoeling.orgs.data import organisation_export_json
from bedoeling.orgs.models import Organisation


class Command(BaseCommand):
    help = "Exporteer alle gegevens van één organisatie als JSON."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, slug, output=None, **options):
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            raise CommandError(f"Organisatie ‘{slug}’ bestaat niet / no such organisation")
        text = organisation_export_json(org)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text)
