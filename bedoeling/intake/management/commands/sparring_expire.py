"""Delete sparsessie requests older than BEDOELING_SPARRING_RETENTION_DAYS; run it daily
(cron, a systemd timer). Opening the inbox does the same, so nothing waits for it."""

from django.core.management.base import BaseCommand

from bedoeling.intake.services import sparring_expire


class Command(BaseCommand):
    help = "Verwijder sparsessie-aanvragen die ouder zijn dan de bewaartermijn."

    def handle(self, *args, **options):
        deleted = sparring_expire()
        self.stdout.write(f"{deleted} sparsessie-aanvraag/aanvragen verwijderd.")
