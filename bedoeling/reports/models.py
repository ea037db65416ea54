"""A PDF report asked for and made by the task worker.

A report is made outside the request (WeasyPrint needs seconds of CPU for a long harvest,
which would hold up a live session served by the same process), kept only until its reader
has downloaded it, and never longer than `KEEP` after it was made."""

from datetime import timedelta

from django.conf import settings
from django.db import models

KEEP = timedelta(hours=1)


class Report(models.Model):
    class Kind(models.TextChoices):
        SESSION = "session"
        PERIOD = "period"

    class Status(models.TextChoices):
        PENDING = "pending"
        READY = "ready"
        FAILED = "failed"

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.CASCADE,
                                     related_name="+")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    session = models.ForeignKey("live.LiveSession", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="+")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    problem = models.CharField(max_length=32, blank=True)
    filename = models.CharField(max_length=200)
    content = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename
