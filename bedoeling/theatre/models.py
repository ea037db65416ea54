"""Regietheater: a performance of scenes the audience directs (see docs/theatre.md).

A performance is prepared once and played in a live session (a showing); each stop of a
scene during play is a `Stop` with its proposals, the chosen direction and the joker's
notes. The presses, votes and judgements themselves are the live engine's votes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bedoeling.orgs.models import Organisation

TITLE_MAX = 200
TEXT_MAX = 2000
PROPOSAL_MAX = 300


class Performance(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="performances")
    title = models.CharField(_("titel"), max_length=TITLE_MAX)
    intro = models.TextField(_("inleiding"), max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("voorstelling")
        verbose_name_plural = _("voorstellingen")

    def __str__(self) -> str:
        return self.title


class Scene(models.Model):
    performance = models.ForeignKey(Performance, on_delete=models.CASCADE,
                                    related_name="scenes")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=TITLE_MAX)
    setting = models.TextField(_("plaats en situatie"), max_length=TEXT_MAX)
    # One character a line: "De juf", "Een leerling".
    characters = models.TextField(_("personages"), max_length=TEXT_MAX)
    conflict = models.TextField(_("het moment van conflict"), max_length=TEXT_MAX)
    at_stake = models.TextField(_("wat van de bedoeling op het spel staat"),
                                max_length=TEXT_MAX)
    # Where the scene came from: a story of the organisation (it outlives the scene).
    story = models.ForeignKey("stories.Story", on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    # … or a case discussed in the organisation (it outlives the scene too).
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def character_list(self) -> list[str]:
        return [line.strip() for line in self.characters.splitlines() if line.strip()]


class Showing(models.Model):
    """A performance played in a live session."""

    performance = models.ForeignKey(Performance, on_delete=models.CASCADE,
                                    related_name="showings")
    session = models.OneToOneField("live.LiveSession", on_delete=models.CASCADE,
                                   related_name="+")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.performance_id} in session {self.session_id}"


class Stop(models.Model):
    """One round of a scene: played until stopped, frozen for proposals, voted on,
    replayed with the chosen direction and judged. The next stop of the same scene is a
    new round."""

    class Stage(models.TextChoices):
        PLAY = "play", _("spel")
        FROZEN = "frozen", _("bevroren")
        VOTE = "vote", _("stemmen")
        REPLAY = "replay", _("herspelen")
        JUDGE = "judge", _("oordeel")
        DONE = "done", _("klaar")

    class By(models.TextChoices):
        HALL = "hall", _("de zaal")
        JOKER = "joker", _("de joker")

    session = models.ForeignKey("live.LiveSession", on_delete=models.CASCADE,
                                related_name="+")
    phase = models.ForeignKey("live.Phase", on_delete=models.CASCADE, related_name="+")
    scene = models.ForeignKey(Scene, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="stops")
    number = models.PositiveSmallIntegerField(default=1)
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.PLAY)
    threshold = models.PositiveSmallIntegerField(default=5)
    window = models.PositiveSmallIntegerField(default=5)
    started_at = models.DateTimeField(default=timezone.now)
    stopped_at = models.DateTimeField(null=True, blank=True)
    # Seconds since this run started (`started_at`: the first play or a replay), when the
    # scene was frozen.
    at_seconds = models.PositiveIntegerField(null=True, blank=True)
    stopped_by = models.CharField(max_length=6, choices=By.choices, blank=True)
    presses = models.PositiveIntegerField(default=0)
    character = models.CharField(_("personage"), max_length=80, blank=True)
    chosen = models.ForeignKey("Proposal", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    notes = models.TextField(_("aantekeningen van de joker"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["phase_id", "number"]
        constraints = [models.UniqueConstraint(fields=["phase", "number"], name="stop_once")]

    def __str__(self) -> str:
        return f"stop {self.number} ({self.stage})"

    @property
    def replay(self) -> int:
        """Which run of the scene this stop belongs to: 0 the first play, 1 the first
        replay, …; every stop begins a run of its own (`play.start`)."""
        return self.number - 1

    @property
    def at_minutes_seconds(self) -> tuple[int, int] | None:
        return divmod(self.at_seconds, 60) if self.at_seconds is not None else None


class Proposal(models.Model):
    """A direction the audience proposes for the chosen character."""

    stop = models.ForeignKey(Stop, on_delete=models.CASCADE, related_name="proposals")
    number = models.PositiveSmallIntegerField()
    participant = models.ForeignKey("live.Participant", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    text = models.CharField(max_length=PROPOSAL_MAX)
    hidden = models.BooleanField(default=False)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="merged")
    # A retry from a phone on bad wifi carries the same key and never makes a second one.
    client_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["stop", "number"], name="proposal_number_once"),
            models.UniqueConstraint(fields=["participant", "client_key"],
                                    name="proposal_once", condition=~Q(client_key="")),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def visible(self) -> bool:
        return not self.hidden and self.merged_into_id is None


class Insight(models.Model):
    """What a stop taught, carried into the system-world register or the story library."""

    class Kind(models.TextChoices):
        SIGNAL = "signal", _("melding")
        STORY = "story", _("verhaal")

    stop = models.ForeignKey(Stop, on_delete=models.CASCADE, related_name="insights")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    text = models.TextField(max_length=TEXT_MAX)
    target_id = models.PositiveIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id}"
