from django.conf import settings
from django.db import models
from django.utils import timezone

from bedoeling.orgs.models import Organisation


class OrganisationDeletion(models.Model):
    """A request to delete an organisation: it happens at `due_at` unless cancelled before.
    The deletion takes this row with it; the audit log keeps what happened."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="deletions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # One pending deletion per organisation at a time.
            models.UniqueConstraint(fields=["organisation"],
                                    condition=models.Q(cancelled_at__isnull=True),
                                    name="one_pending_deletion_per_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} @ {self.due_at:%Y-%m-%d}"
