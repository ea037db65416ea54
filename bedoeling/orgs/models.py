from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("kleinste groep die getoond wordt"),
        default=settings.ANONYMITY_THRESHOLD,
        help_text=_("Uitsplitsingen met minder mensen dan dit worden niet getoond."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def unique_slug_for(name: str) -> str:
        base = slugify(name)[:50] or "organisatie"
        slug, n = base, 2
        while Organisation.objects.filter(slug=slug).exists():
            slug = f"{base}-{n}"
            n += 1
        return slug


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("naam"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")
        ]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name
