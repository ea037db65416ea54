"""Stories: forms that facilitators design, stories that people tell and signify, and the
story library (verhalenbank).

Who may read what is decided in one place, :mod:`bedoeling.stories.selectors`; see
docs/stories.md for the rules."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bedoeling.orgs.models import Organisation, Team
from bedoeling.purpose.models import PurposeVersion

TEXT_MAX = 8_000
TITLE_MAX = 160
PROMPT_MAX = 400
QUESTION_MAX = 200
LABEL_MAX = 80
# Weights are stored after normalisation; the database still refuses a row that is off.
WEIGHT_TOLERANCE = 1e-6


class SignifierKind(models.TextChoices):
    TRIAD = "triad", _("driehoek")
    SLIDER = "slider", _("schuifbalk tussen twee polen")
    SINGLE = "single", _("keuze, één antwoord")
    MULTIPLE = "multiple", _("keuze, meer antwoorden")
    FEELING = "feeling", _("hoe voelde het?")


# The feeling scale is a single choice with these fixed options, so that it is counted,
# filtered and exported like any other choice.
FEELING_OPTIONS = [
    _("heel vervelend"), _("vervelend"), _("gemengd"), _("goed"), _("heel goed"),
]


class TellerRole(models.TextChoices):
    EMPLOYEE = "employee", _("medewerker")
    LEAD = "lead", _("leidinggevende")
    CLIENT = "client", _("klant of inwoner")
    PARENT = "parent", _("ouder of verzorger")
    PUPIL = "pupil", _("leerling")
    PARTNER = "partner", _("samenwerkingspartner")
    OTHER = "other", _("anders")


class Consent(models.TextChoices):
    LIBRARY = "library", _("mag in de verhalenbank")
    ORGANISATION = "organisation", _("alleen binnen de organisatie")
    ANALYSIS = "analysis", _("alleen voor analyse")


# Consent levels whose text members of the organisation may read.
READABLE_CONSENT = (Consent.LIBRARY, Consent.ORGANISATION)

# The kinds of the live storytelling blocks (session.py, blocks.py).
WRITE, CRAFT, SHOW, PUBLISH = "story_write", "story_craft", "story_show", "story_publish"


class Channel(models.TextChoices):
    APP = "app", _("in de app")
    PUBLIC = "public", _("via de openbare link")
    SESSION = "session", _("in een werksessie")


class PurposePart(models.TextChoices):
    """The parts of a version of the Bedoeling (see PurposeVersion.TEXT_FIELDS)."""

    STATEMENT = "statement", _("de Bedoeling zelf")
    FOR_CLIENT = "for_client", _("wat het betekent voor wie we helpen")
    FOR_US = "for_us", _("wat het betekent voor ons")
    STOP_DOING = "stop_doing", _("waar we mee stoppen")
    ELABORATION = "elaboration", _("de toelichting")


def _public_key() -> str:
    return secrets.token_urlsafe(12)


class StoryForm(models.Model):
    """What a teller is asked: prompts to choose from, and signifiers about her story."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="story_forms")
    title = models.CharField(_("titel"), max_length=120)
    intro = models.TextField(_("uitleg voor wie vertelt"), max_length=2000, blank=True)
    is_open = models.BooleanField(_("open voor nieuwe verhalen"), default=True)
    is_public = models.BooleanField(_("ook via een openbare link, zonder account"),
                                    default=False)
    # Unguessable: the public link is the only way in without an account.
    public_key = models.CharField(max_length=24, unique=True, default=_public_key)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Prompt(models.Model):
    form = models.ForeignKey(StoryForm, on_delete=models.CASCADE, related_name="prompts")
    text = models.CharField(_("vraag"), max_length=PROMPT_MAX)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Signifier(models.Model):
    """A question the teller answers about her own story.

    Triad: corners ``label_a`` (bottom left), ``label_b`` (bottom right) and ``label_c``
    (top), as in :mod:`bedoeling.insights.ternary`. Slider: poles ``label_a`` (left, 0) and
    ``label_b`` (right, 1). Choices and the feeling scale have options."""

    form = models.ForeignKey(StoryForm, on_delete=models.CASCADE, related_name="signifiers")
    kind = models.CharField(max_length=12, choices=SignifierKind.choices)
    question = models.CharField(_("vraag"), max_length=QUESTION_MAX)
    label_a = models.CharField(max_length=LABEL_MAX, blank=True)
    label_b = models.CharField(max_length=LABEL_MAX, blank=True)
    label_c = models.CharField(max_length=LABEL_MAX, blank=True)
    allow_not_applicable = models.BooleanField(_("‘niet van toepassing’ mag"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SignifierKind.values), name="signifier_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def labels(self) -> tuple[str, ...]:
        if self.kind == SignifierKind.TRIAD:
            return (self.label_a, self.label_b, self.label_c)
        if self.kind == SignifierKind.SLIDER:
            return (self.label_a, self.label_b)
        return ()

    @property
    def is_choice(self) -> bool:
        return self.kind in (SignifierKind.SINGLE, SignifierKind.MULTIPLE, SignifierKind.FEELING)


class SignifierOption(models.Model):
    signifier = models.ForeignKey(Signifier, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("antwoord"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class Story(models.Model):
    """A micro-narrative with its signification.

    Anonymous means ``author`` is empty: no link to an account, and no IP address is stored
    anywhere. ``told_on`` is a date, never a time, so the moment of telling cannot be
    matched against other logs.

    Stories told or crafted in a live storytelling session link to that session; a crafted
    story also links to the story it grew from (``crafted_from``).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="stories")
    # RESTRICT, not PROTECT: a form with stories cannot be deleted on its own, but the
    # organisation's deletion takes both (PROTECT refused that, and with it the AVG delete).
    form = models.ForeignKey(StoryForm, on_delete=models.RESTRICT, related_name="stories")
    prompt = models.ForeignKey(Prompt, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="stories")
    title = models.CharField(_("titel"), max_length=TITLE_MAX, blank=True)
    text = models.TextField(_("verhaal"), max_length=TEXT_MAX)
    teller_role = models.CharField(_("rol"), max_length=12, choices=TellerRole.choices)
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="stories")
    consent = models.CharField(_("toestemming"), max_length=12, choices=Consent.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="stories")
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.APP)
    told_on = models.DateField(default=timezone.localdate)
    # Provenance: the storytelling session it was told or crafted in (the story outlives
    # the session), and for a crafted story the story it was made from.
    live_session = models.ForeignKey("live.LiveSession", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="stories")
    crafted_from = models.ManyToManyField("self", symmetrical=False, blank=True,
                                          related_name="crafted_into")

    class Meta:
        ordering = ["-told_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "form", "told_on"], name="story_org_form_date"),
            models.Index(fields=["organisation", "consent"], name="story_org_consent"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(consent__in=Consent.values),
                                   name="story_consent_known"),
            models.CheckConstraint(condition=Q(teller_role__in=TellerRole.values),
                                   name="story_role_known"),
        ]
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")

    def __str__(self) -> str:
        return self.title or self.text[:60]

    @property
    def is_anonymous(self) -> bool:
        return self.author_id is None

    @property
    def text_is_readable(self) -> bool:
        return self.consent in READABLE_CONSENT

    @property
    def display_title(self) -> str:
        entry = getattr(self, "library_entry", None)
        if entry is not None:
            return entry.title
        if self.title:
            return self.title
        words = self.text.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


class Answer(models.Model):
    """One answer of a story to one signifier (one row per chosen option for choices).

    ``a, b, c``: triad weights, non-negative and summing to 1. ``value``: slider position,
    0 (left pole) to 1 (right pole). ``not_applicable``: the teller said the question does
    not apply; then no value is stored."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="answers")
    signifier = models.ForeignKey(Signifier, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(SignifierOption, on_delete=models.CASCADE, null=True,
                               blank=True, related_name="answers")
    not_applicable = models.BooleanField(default=False)
    a = models.FloatField(null=True, blank=True)
    b = models.FloatField(null=True, blank=True)
    c = models.FloatField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["signifier", "story"], name="answer_signifier_story"),
                   models.Index(fields=["option", "story"], name="answer_option_story")]
        constraints = [
            models.UniqueConstraint(fields=["story", "signifier"],
                                    condition=Q(option__isnull=True),
                                    name="answer_one_per_signifier"),
            models.UniqueConstraint(fields=["story", "option"],
                                    condition=Q(option__isnull=False),
                                    name="answer_one_per_option"),
            models.CheckConstraint(
                condition=(
                    Q(a__isnull=True, b__isnull=True, c__isnull=True)
                    | (
                        Q(a__gte=0, b__gte=0, c__gte=0)
                        & GreaterThanOrEqual(F("a") + F("b") + F("c"), 1 - WEIGHT_TOLERANCE)
                        & LessThanOrEqual(F("a") + F("b") + F("c"), 1 + WEIGHT_TOLERANCE)
                    )
                ),
                name="answer_triad_weights_sum_to_one",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0, value__lte=1),
                name="answer_slider_in_range",
            ),
            models.CheckConstraint(
                condition=Q(not_applicable=False)
                | Q(a__isnull=True, value__isnull=True, option__isnull=True),
                name="answer_not_applicable_has_no_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.story_id}/{self.signifier_id}"


class LibraryEntry(models.Model):
    """A story curated into the library: a title and the part of the Bedoeling it makes
    concrete. Only stories whose teller consented to the library can have one."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="library_entries")
    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="library_entry")
    title = models.CharField(_("titel in de verhalenbank"), max_length=TITLE_MAX)
    purpose_part = models.CharField(_("maakt dit deel van de Bedoeling concreet"),
                                    max_length=20, choices=PurposePart.choices)
    purpose_version = models.ForeignKey(PurposeVersion, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+")
    note = models.TextField(_("waarom dit verhaal"), max_length=1000, blank=True)
    curated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    curated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-curated_at", "-id"]
        verbose_name = _("verhaal in de verhalenbank")
        verbose_name_plural = _("verhalenbank")

    def __str__(self) -> str:
        return self.title


# ---------------------------------------------------------------- storytelling sessions
#
# A live session of the storytelling format (see docs/stories.md): phones tell stories or
# bring one from the library, small groups craft one into a story arc, the room votes, and
# the chosen stories go into the library with their provenance.

ARC_STEP_MAX = 1500
ARC_STEPS = ("situation", "tension", "action", "result")
ARC_LABELS = {
    "situation": _("De situatie"),
    "tension": _("De spanning"),
    "action": _("Wat we deden vanuit de Bedoeling"),
    "result": _("Wat het opleverde"),
}


class StorySession(models.Model):
    """The stories side of a live storytelling session."""

    session = models.OneToOneField("live.LiveSession", on_delete=models.CASCADE,
                                   related_name="storytelling")
    # The form the session's stories are stored with: one per organisation, shared by all
    # its storytelling sessions, without signifiers (a phone in a hall keeps it short).
    form = models.ForeignKey(StoryForm, on_delete=models.RESTRICT, related_name="+")
    # When the chosen stories went into the library (once; ending again changes nothing).
    published_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.session)


class SessionContribution(models.Model):
    """A story a phone brought into the session: told there, or picked from the library.

    Like the engine's cards, it points at the participant (a number without identity),
    never at an account; that is how a phone finds its own stories again after a reload."""

    story_session = models.ForeignKey(StorySession, on_delete=models.CASCADE,
                                      related_name="contributions")
    participant = models.ForeignKey("live.Participant", on_delete=models.CASCADE,
                                    related_name="+")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    told_here = models.BooleanField(default=True)
    # The facilitator can keep a story out of the groups' choice (not delete it).
    hidden = models.BooleanField(default=False)
    # A retry from a phone on bad wifi carries the same key and never tells twice.
    client_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "story"],
                                    name="contribution_once_per_story"),
            models.UniqueConstraint(fields=["participant", "client_key"],
                                    condition=~Q(client_key=""), name="contribution_once"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}→{self.story_id}"


class StoryGroup(models.Model):
    """A small group crafting one story along the arc. Its members are the participants
    whose live role is ``groep <number>``; one phone at a time holds the pen.

    The draft is saved on every step, so a dropped connection or a reload loses nothing.
    When the group is done, the arc becomes a Story (``crafted``)."""

    story_session = models.ForeignKey(StorySession, on_delete=models.CASCADE,
                                      related_name="groups")
    number = models.PositiveSmallIntegerField()
    writer = models.ForeignKey("live.Participant", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    source = models.ForeignKey(Story, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    # The group chose to tell a story of its own, from its conversation, without a source.
    own_story = models.BooleanField(default=False)
    step = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=TITLE_MAX, blank=True)
    situation = models.TextField(blank=True, max_length=ARC_STEP_MAX)
    tension = models.TextField(blank=True, max_length=ARC_STEP_MAX)
    action = models.TextField(blank=True, max_length=ARC_STEP_MAX)
    result = models.TextField(blank=True, max_length=ARC_STEP_MAX)
    purpose_part = models.CharField(max_length=20, choices=PurposePart.choices, blank=True)
    consent = models.CharField(max_length=12, choices=Consent.choices, blank=True)
    finished = models.BooleanField(default=False)
    crafted = models.OneToOneField(Story, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="crafted_by_group")
    # The arc, title and part of the Bedoeling as the group last finished them: what the
    # screen, the harvest and the library show, also while the group changes its draft.
    crafted_arc = models.JSONField(default=dict, blank=True)
    # The facilitator's call for the library: None follows the room's vote.
    chosen = models.BooleanField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["story_session", "number"],
                                    name="story_group_number_once"),
        ]

    def __str__(self) -> str:
        return f"groep {self.number}"

    @property
    def role(self) -> str:
        return group_role(self.number)

    @property
    def arc(self) -> list[tuple[str, str, str]]:
        """(key, label, text) per step of the arc."""
        return [(key, ARC_LABELS[key], getattr(self, key)) for key in ARC_STEPS]

    @property
    def shown_arc(self) -> list[tuple[str, str, str]]:
        return [(key, ARC_LABELS[key], self.crafted_arc.get(key, "")) for key in ARC_STEPS]

    @property
    def shown_title(self) -> str:
        return self.crafted_arc.get("title") or self.title

    @property
    def shown_part(self) -> str:
        return self.crafted_arc.get("purpose_part") or self.purpose_part

    def snapshot(self) -> dict:
        """What a finished story looks like, kept apart from later edits of the draft."""
        data = {key: getattr(self, key) for key in ARC_STEPS}
        data.update(title=self.title, purpose_part=self.purpose_part)
        return data

    @property
    def has_source(self) -> bool:
        return self.source_id is not None or self.own_story


GROUP_ROLE_PREFIX = "groep "


def group_role(number: int) -> str:
    """The live role of a group's members. Stored in Dutch, like the session's data."""
    return f"{GROUP_ROLE_PREFIX}{number}"


def group_number(role: str) -> int | None:
    if not role.startswith(GROUP_ROLE_PREFIX):
        return None
    rest = role[len(GROUP_ROLE_PREFIX):]
    return int(rest) if rest.isdecimal() and 0 < int(rest) < 1000 else None
