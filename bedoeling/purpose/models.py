from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bedoeling.lib.markdown import render as render_markdown
from bedoeling.orgs.models import Organisation

STATEMENT_MAX = 400
TEXT_MAX = 10_000


class Purpose(models.Model):
    """The Bedoeling of one organisation. Its text lives in immutable versions."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="purpose"
    )
    review_date = models.DateField(_("herijking gepland op"), null=True, blank=True)

    def __str__(self) -> str:
        return f"Bedoeling van {self.organisation}"

    @property
    def current(self) -> "PurposeVersion | None":
        return self.versions.order_by("-number").first()

    def review_status(self, today=None) -> str | None:
        """'overdue', 'soon' (within 60 days) or None."""
        if not self.review_date:
            return None
        today = today or timezone.localdate()
        days = (self.review_date - today).days
        if days < 0:
            return "overdue"
        if days <= 60:
            return "soon"
        return None


class PurposeVersion(models.Model):
    purpose = models.ForeignKey(Purpose, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    statement = models.CharField(_("de Bedoeling in één zin"), max_length=STATEMENT_MAX)
    elaboration = models.TextField(_("toelichting"), max_length=TEXT_MAX, blank=True)
    for_client = models.TextField(_("wat betekent dit voor wie we helpen?"),
                                  max_length=TEXT_MAX, blank=True)
    for_us = models.TextField(_("wat betekent dit voor ons?"), max_length=TEXT_MAX, blank=True)
    stop_doing = models.TextField(_("waar stoppen we mee?"), max_length=TEXT_MAX, blank=True)
    reason = models.CharField(_("waarom deze wijziging?"), max_length=1000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    TEXT_FIELDS = ("statement", "elaboration", "for_client", "for_us", "stop_doing")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "number"], name="purpose_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.purpose.organisation} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A purpose version is immutable; create a new version instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A purpose version is immutable and cannot be deleted.")

    def html(self, field: str) -> str:
        return render_markdown(getattr(self, field))

    @property
    def elaboration_html(self) -> str:
        return self.html("elaboration")

    @property
    def for_client_html(self) -> str:
        return self.html("for_client")

    @property
    def for_us_html(self) -> str:
        return self.html("for_us")

    @property
    def stop_doing_html(self) -> str:
        return self.html("stop_doing")


class PurposeSource(models.Model):
    """Provenance: what fed a version (a session, statements, stories, signals)."""

    version = models.ForeignKey(PurposeVersion, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=40)
    label = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label
