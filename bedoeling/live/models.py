import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from bedoeling.orgs.models import Organisation

# No 0/O, 1/I/L: a code read from a projector at the back of a hall must be unambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
CARD_MAX = 500
NAME_MAX = 40


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:CODE_LENGTH * 2]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LiveSession(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("in voorbereiding")
        OPEN = "open", _("bezig")
        ENDED = "ended", _("afgelopen")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="live_sessions")
    title = models.CharField(_("titel"), max_length=200)
    format = models.CharField(_("werkvorm"), max_length=40)
    code = models.CharField(max_length=CODE_LENGTH, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    anonymous = models.BooleanField(_("anoniem"), default=True)
    allow_names = models.BooleanField(_("deelnemers mogen een naam opgeven"), default=False)
    participant_cap = models.PositiveIntegerField(_("maximaal aantal deelnemers"), default=1000)
    # The facilitator closed the door: phones that joined go on, no new ones come in.
    door_closed = models.BooleanField(_("deur dicht"), default=False)
    # Asynchronous: each phase has a time window and the task worker moves the session
    # (live/schedule.py); nobody presses "next".
    asynchronous = models.BooleanField(_("asynchroon"), default=False)
    current_phase = models.ForeignKey("Phase", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    # The countdown: running when timer_ends_at is set, paused when timer_remaining is set.
    timer_ends_at = models.DateTimeField(null=True, blank=True)
    timer_remaining = models.PositiveIntegerField(null=True, blank=True)
    timer_total = models.PositiveIntegerField(null=True, blank=True)
    # Bumped on every state transition; phones use it to ignore stale events.
    state_version = models.PositiveBigIntegerField(default=0)
    data = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("werksessie")
        verbose_name_plural = _("werksessies")

    def __str__(self) -> str:
        return f"{self.title} ({self.code})"

    @property
    def room(self) -> str:
        return f"session:{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_ended(self) -> bool:
        return self.status == self.Status.ENDED

    def timer_state(self) -> dict:
        """What every view needs to show the same countdown."""
        if self.timer_ends_at:
            return {"running": True, "ends_at": int(self.timer_ends_at.timestamp() * 1000),
                    "total": self.timer_total or 0}
        if self.timer_remaining is not None:
            return {"running": False, "remaining": self.timer_remaining,
                    "total": self.timer_total or 0}
        return {}


class Phase(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=30)
    title = models.CharField(_("titel"), max_length=200)
    prompt = models.TextField(_("vraag of opdracht"), max_length=2000, blank=True)
    config = models.JSONField(default=dict, blank=True)
    locked = models.BooleanField(default=False)
    revealed = models.BooleanField(default=False)
    # Where the title and prompt come from in other languages. {"msgid": {"title": …,
    # "prompt": …}}: a registered format's text, translated for each reader (a phone in
    # English, a facilitator in Dutch); {"tr": {"en": {"title": …, "prompt": …}}}: a
    # facilitator's own translation of her hand-written text. `title` and `prompt` hold the
    # text as it was written, the fallback for every language.
    texts = models.JSONField(default=dict, blank=True)
    # The time window of a step in an asynchronous session: input is taken only inside it.
    opens_at = models.DateTimeField(_("opent"), null=True, blank=True)
    closes_at = models.DateTimeField(_("sluit"), null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.position + 1}. {self.shown_title}"

    def shown(self, part: str) -> str:
        """The title or prompt in the active language (the reader's, not the writer's)."""
        msgid = self.texts.get("msgid", {}).get(part)
        if msgid:
            return gettext(msgid)
        language = (get_language() or "").split("-")[0]
        translated = self.texts.get("tr", {}).get(language, {}).get(part)
        return translated or getattr(self, part)

    @property
    def shown_title(self) -> str:
        return self.shown("title")

    @property
    def shown_prompt(self) -> str:
        return self.shown("prompt")

    def hidden_for(self, role: str) -> bool:
        return bool(role) and role in self.config.get("hidden_from_roles", [])

    def readonly_for(self, role: str) -> bool:
        return bool(role) and role in self.config.get("readonly_roles", [])

    @property
    def source_id(self) -> int | None:
        return self.config.get("source")


class Participant(models.Model):
    """A phone in the room. No account, no IP address: only a hash of a random token."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE,
                                related_name="participants")
    token_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=NAME_MAX, blank=True)
    role = models.CharField(max_length=40, blank=True)
    # An invited member of an asynchronous session: she keeps this participant (her role,
    # her input) on every device she logs in on, across the days. Never shown to anyone
    # in an anonymous session; the schedule uses it to mail her.
    membership = models.ForeignKey("accounts.Membership", on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "membership"], name="invited_once",
                                    condition=Q(membership__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.name or f"#{self.pk}"


class StepMail(models.Model):
    """A mail the schedule sent about a step: one row per (step, participant, kind), so a
    task that runs twice never mails twice."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("stap open")
        REMINDER = "reminder", _("herinnering")

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["phase", "participant", "kind"],
                                    name="step_mail_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.phase_id}→{self.participant_id}"


class Cluster(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="clusters")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(_("naam"), max_length=120)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Card(models.Model):
    """A written contribution: an idea, a situation, a statement to vote on."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="cards")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="cards")
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="cards")
    seeded = models.BooleanField(default=False)
    text = models.CharField(max_length=CARD_MAX)
    category = models.CharField(max_length=60, blank=True)
    hidden = models.BooleanField(default=False)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="merged")
    cluster = models.ForeignKey(Cluster, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="cards")
    # A retry from a phone on bad wifi carries the same key and never makes a second card.
    client_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "client_key"], name="card_once",
                                    condition=~Q(client_key="")),
        ]
        indexes = [models.Index(fields=["phase", "hidden"])]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def visible(self) -> bool:
        return not self.hidden and self.merged_into_id is None


class Vote(models.Model):
    """One answer of one participant to one question: a statement, a card to dot, a scale,
    an option. The unique constraint makes a retried vote an update, never a second vote."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    # "c<id>" a card, "k<id>" a cluster, "o<n>" an option, "" the phase's own question.
    target = models.CharField(max_length=24, blank=True)
    value = models.SmallIntegerField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["phase", "participant", "target"], name="vote_once"),
        ]
        indexes = [
            models.Index(fields=["phase", "target"]),
            # What changed since the last opinion map: votes of a phase by time.
            models.Index(fields=["phase", "updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}→{self.target}={self.value}"


class StopPress(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="stop_presses")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["phase", "created_at"])]

    def __str__(self) -> str:
        return f"stop {self.phase_id} {self.created_at:%H:%M:%S}"
