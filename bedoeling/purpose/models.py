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
    # The live session that adopted this version (a vision session), if any. RESTRICT: a
    # session that produced a version cannot be deleted on its own, only with its
    # organisation, so the provenance never dangles.
    session = models.ForeignKey(
        "live.LiveSession", on_delete=models.RESTRICT, null=True, blank=True,
        related_name="purpose_versions",
    )
    created_at = models.DateTimeField(default=timezone.now)

    TEXT_FIELDS = ("statement", "elaboration", "for_client", "for_us", "stop_doing")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["purpose", "number"], name="purpose_version_number"),
            # One adoption per session: a second click, or two leads at once, cannot make two.
            models.UniqueConstraint(fields=["session"], name="purpose_version_one_per_session",
                                    condition=models.Q(session__isnull=False)),
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


class PurposeConfirmation(models.Model):
    """A version confirmed unchanged (a vision session adopted the text in force): the review
    date moves and the history says so, but no new version is made, because nothing
    changed. Immutable like a version."""

    version = models.ForeignKey(PurposeVersion, on_delete=models.CASCADE,
                                related_name="confirmations")
    session = models.ForeignKey(
        "live.LiveSession", on_delete=models.RESTRICT, null=True, blank=True,
        related_name="purpose_confirmations",
    )
    reason = models.CharField(_("waarom bevestigd?"), max_length=1000)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Provenance as for a version ({"kind", "label", "url"}), kept with the confirmation.
    sources = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["session"],
                                    name="purpose_confirmation_one_per_session",
                                    condition=models.Q(session__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.version} bevestigd"


class VisionSession(models.Model):
    """A live session of the vision format: creating or recalibrating the Bedoeling."""

    class Mode(models.TextChoices):
        CREATE = "create", _("visie-creatie")
        RECALIBRATE = "recalibrate", _("herijking")

    session = models.OneToOneField("live.LiveSession", on_delete=models.CASCADE,
                                   related_name="vision")
    purpose = models.ForeignKey(Purpose, on_delete=models.CASCADE,
                                related_name="vision_sessions")
    mode = models.CharField(_("soort sessie"), max_length=12, choices=Mode.choices,
                            default=Mode.CREATE)
    question = models.CharField(_("centrale vraag"), max_length=300)
    # The version the room starts from when recalibrating (shown on every view).
    base_version = models.ForeignKey(PurposeVersion, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+")
    # The earlier vision session this one recalibrates: the default for comparing.
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")
    import_note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.session.title

    @property
    def organisation(self):
        return self.purpose.organisation


class OpinionMapSnapshot(models.Model):
    """The opinion map of a vision session frozen at a moment that matters (an adoption,
    the end, an import), so provenance keeps pointing at what people saw."""

    class Reason(models.TextChoices):
        ADOPTION = "adoption", _("bij het vaststellen")
        END = "end", _("aan het einde van de sessie")
        IMPORT = "import", _("na de import")

    vision = models.ForeignKey(VisionSession, on_delete=models.CASCADE, related_name="maps")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    taken_at = models.DateTimeField(default=timezone.now)
    n_participants = models.PositiveIntegerField(default=0)
    n_statements = models.PositiveIntegerField(default=0)
    n_votes = models.PositiveIntegerField(default=0)
    n_groups = models.PositiveSmallIntegerField(default=0)
    # The map without the clustering state and without member lists, plus the statement
    # texts: everything needed to draw it again, nothing that ties a phone to a group.
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-taken_at", "-id"]

    def __str__(self) -> str:
        return f"{self.vision} ({self.get_reason_display()})"
