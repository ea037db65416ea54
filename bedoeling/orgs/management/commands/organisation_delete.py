"""Delete one organisation and everything it holds (AVG/GDPR). People's accounts stay when
they belong to another organisation, and are deleted when this was their only one."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bedoeling.accounts.models import User
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
        with transaction.atomic():
            people = list(User.objects.filter(memberships__organisation=org))
            deleted, per_model = org.delete()
            orphans = [u.pk for u in people if not u.memberships.exists() and not u.is_staff]
            User.objects.filter(pk__in=orphans).delete()
        self.stdout.write(f"{deleted} objecten verwijderd; {len(orphans)} accounts zonder "
                          f"andere organisatie verwijderd.")
