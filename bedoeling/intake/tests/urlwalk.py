"""What the URL walk needs from this app: public URL names, and how to make an object of
the victim organisation for each URL argument name."""

from datetime import timedelta

from django.utils import timezone

from bedoeling.intake.models import SparringRequest

# The sparsessie form and the pages around it are for visitors. The inbox is not: it is
# for the instance's facilitators (staff users), and a 404 for everyone else.
PUBLIC = {"intake:sparring", "intake:sent", "intake:privacy"}


def _sparring(org, cast):
    return SparringRequest.objects.create(
        name="Anna de Vries", email="anna@example.org", organisation_name="De Linde",
        role="directeur", situation="Veel regels.", consent=True,
        planned_start=timezone.now() + timedelta(days=3), planned_minutes=60).pk


ARGUMENTS = {"sparring": _sparring}
