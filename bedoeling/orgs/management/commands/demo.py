"""Load the Dutch demo: two organisations with people, teams and their Bedoeling.

Each app contributes a step; later capabilities add theirs to DEMO_STEPS. The command is
idempotent: when the demo is present it only prints the logins."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from bedoeling.orgs.demo import DEMO_PASSWORD, PEOPLE
from bedoeling.orgs.models import Organisation

DEMO_STEPS = [
    "bedoeling.orgs.demo.load",
    "bedoeling.purpose.demo.load",
    "bedoeling.live.demo.load",
    "bedoeling.systemworld.demo.load",
    "bedoeling.stories.demo.load",
    "bedoeling.reflection.demo.load",
    "bedoeling.cases.demo.load",
    "bedoeling.intake.demo.load",
    "bedoeling.theatre.demo.load",
]


class Command(BaseCommand):
    help = "Laad de Nederlandstalige demo-gegevens (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true",
                            help="Print the logins only when the demo was just loaded.")

    def handle(self, *args, quiet_logins=False, **options):
        if Organisation.objects.filter(slug="wilgenhoek").exists():
            if not quiet_logins:
                self.print_logins()
            return
        ctx: dict = {}
        with transaction.atomic():
            for step in DEMO_STEPS:
                import_string(step)(ctx)
        self.stdout.write(self.style.SUCCESS("Demo-gegevens geladen."))
        self.print_logins()

    def print_logins(self):
        self.stdout.write("")
        self.stdout.write(f"Demo-logins (wachtwoord voor iedereen: {DEMO_PASSWORD})")
        for email, name, roles in PEOPLE:
            if roles.get("show"):
                self.stdout.write(f"  {email:<32} {name} — {roles['show']}")
        for step in DEMO_STEPS:
            module = import_module(step.rsplit(".", 1)[0])
            for line in getattr(module, "notes", list)():
                self.stdout.write(f"  {line}")
