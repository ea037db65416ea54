"""Delete one organisation and everything it holds (AVG/GDPR). People's accounts stay when
they belong to another organisation, and are deleted when this was their only one."""

from django.core.management.base import BaseCommand, CommandError

from bedoeling.orgs.data import organisation_delete
from bedoeling.orgs.models import Organisation


class Command(BaseCommand):
    help = "Verwijder een organisatie met al haar gegevens."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--yes", action="store_true", help="really delete")

    def handle(self, slug, yes=False, **options):
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            raise CommandError(f"Organisatie ‘{slug}’ bestaat niet / no such organisation")
        if not yes:
            raise CommandError("Voeg --yes toe om echt te verwijderen / add --yes to delete")
        deleted, orphans = organisation_delete(org)
        self.stdout.write(f"{deleted} objecten verwijderd; {orphans} accounts zonder "
                          f"andere organisatie verwijderd.")
