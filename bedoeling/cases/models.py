"""Cases (casuïstiek): a professional's own situation, discussed by her group with an
intervision method on the live engine, and what the group learned from it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bedoeling.live.registry import FORMATS
from bedoeling.orgs.models import Organisation, Team
from bedoeling.purpose.models import PurposeVersion
from bedoeling.stories.models import PurposePart

TITLE_MAX = 120
TEXT_MAX = 4000
QUESTION_MAX = 600
LEARNING_MAX = 2000
METHOD_STEPS_MAX = 16


class Case(models.Model):
    """Visible to its group: its author, the members of its team, colleagues she invited,
    whoever started a discussion of it and the organisation's facilitators; when its author
    shares it, to the whole organisation without her name."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="cases")
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="cases", verbose_name=_("team"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    title = models.CharField(_("titel"), max_length=TITLE_MAX)
    situation = models.TextField(_("de situatie"), max_length=TEXT_MAX)
    dilemma = models.TextField(_("het dilemma"), max_length=TEXT_MAX)
    question = models.TextField(_("je vraag aan de groep"), max_length=QUESTION_MAX)
    purpose_part = models.CharField(_("welk deel van de Bedoeling staat op het spel"),
                                    max_length=20, choices=PurposePart.choices)
    purpose_version = models.ForeignKey(PurposeVersion, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+")
    # Colleagues of other teams the author asked into the group (an intern begeleider).
    invited = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                     verbose_name=_("ook in de groep"))
    # The author shared the case and its learnings with the whole organisation (anonymised).
    shared = models.BooleanField(_("gedeeld met de organisatie"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")

    def __str__(self) -> str:
        return self.title


class CustomMethod(models.Model):
    """A method an organisation assembled from the steps of the registered methods."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="case_methods")
    name = models.CharField(_("naam"), max_length=TITLE_MAX)
    steps = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"],
                                               name="case_method_name_unique_in_org")]

    def __str__(self) -> str:
        return self.name


class CaseDiscussion(models.Model):
    """One discussion of a case: a live session run with a method."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="discussions")
    session = models.OneToOneField("live.LiveSession", on_delete=models.CASCADE,
                                   related_name="case_discussion")
    method = models.CharField(max_length=40)
    custom_method = models.ForeignKey(CustomMethod, on_delete=models.SET_NULL, null=True,
                                      blank=True, related_name="discussions")
    # The custom method's name when the discussion ran: the method may be renamed, its
    # steps changed or deleted since, and the session keeps the steps it was made with.
    method_label = models.CharField(max_length=TITLE_MAX, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    # What the case owner marked as helpful, kept when the session ends.
    helped = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.case} ({self.method})"

    @property
    def method_name(self) -> str:
        if self.method_label:
            return self.method_label
        fmt = FORMATS.get(self.method)
        return str(fmt.name) if fmt else self.method


class Learning(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="learnings")
    discussion = models.ForeignKey(CaseDiscussion, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="learnings")
    text = models.TextField(_("wat we leerden"), max_length=LEARNING_MAX)
    purpose_part = models.CharField(_("deel van de Bedoeling"), max_length=20,
                                    choices=PurposePart.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    # The signal in the system-world register a rule that got in the way became.
    signal = models.ForeignKey("systemworld.Signal", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("leerpunt")
        verbose_name_plural = _("leerpunten")

    def __str__(self) -> str:
        return self.text[:60]
