"""A prospect's request for a sparring session (sparsessie), from the public form to the
organisation workspace it may become. Kept only for the instance's retention period."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NAME_MAX = 120
ORGANISATION_MAX = 160
ROLE_MAX = 120
SITUATION_MAX = 3000
MOMENTS_MAX = 500
ANSWER_MAX = 3000


class SparringRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        ANSWERED = "answered", _("beantwoord")
        PLANNED = "planned", _("gepland")
        CONVERTED = "converted", _("organisatie aangemaakt")

    name = models.CharField(_("naam"), max_length=NAME_MAX)
    email = models.EmailField(_("e-mailadres"))
    organisation_name = models.CharField(_("organisatie"), max_length=ORGANISATION_MAX)
    role = models.CharField(_("rol"), max_length=ROLE_MAX)
    situation = models.TextField(_("wat speelt er"), max_length=SITUATION_MAX)
    moments = models.CharField(_("voorkeursmomenten"), max_length=MOMENTS_MAX, blank=True)
    consent = models.BooleanField(_("toestemming om contact op te nemen"))
    # The visitor's language: the confirmation, the answer and her invitation are written in it.
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.NEW)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    answer = models.TextField(_("antwoord"), max_length=ANSWER_MAX, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("begeleider"))

    planned_start = models.DateTimeField(_("begint"), null=True, blank=True)
    planned_minutes = models.PositiveSmallIntegerField(_("duur in minuten"), null=True,
                                                       blank=True)
    planned_place = models.CharField(_("waar"), max_length=200, blank=True)
    # Bumped when the moment changes, so a calendar replaces the earlier invitation.
    planned_sequence = models.PositiveSmallIntegerField(default=0)

    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+",
                                     verbose_name=_("organisatie in Bedoeling"))
    converted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("sparsessie-aanvraag")
        verbose_name_plural = _("sparsessie-aanvragen")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation_name})"

    @property
    def planned_end(self):
        if self.planned_start is None:
            return None
        return self.planned_start + timedelta(minutes=self.planned_minutes or 60)

    @property
    def deleted_on(self):
        """The day this request is deleted under the instance's retention period."""
        return timezone.localdate(self.created_at + timedelta(
            days=settings.SPARRING_RETENTION_DAYS))
