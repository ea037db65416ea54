"""Send the reflection reminders that are due now, and make sure the task worker has the
next run queued. For a setup without the task worker, run it from cron every 15 minutes."""

from django.core.management.base import BaseCommand

from bedoeling.reflection import services, tasks


class Command(BaseCommand):
    help = "Verstuur de reflectieherinneringen die nu aan de beurt zijn."

    def handle(self, *args, **options):
        sent = services.reminders_send_due()
        tasks.reminders_start()
        self.stdout.write(f"{sent} herinnering(en) verstuurd / reminder(s) sent")
