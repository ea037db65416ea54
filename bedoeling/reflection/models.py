"""Personal reflection and team reflection rounds.

A reflection entry is the most personal data in the product: only its author reads it.
Nothing here is registered with an admin site, no view shows another person's entry, and
the organisation export leaves entries out unless their author consented (see
:meth:`ReflectionEntry.organisation_export_keep`). See docs/reflection.md."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bedoeling.orgs.models import Organisation, Team

ANSWER_MAX = 4_000
FRAGMENT_MAX = 4_000
ROUND_TEXT_MAX = 1_000
ROUND_QUESTIONS_MAX = 6

# A round's scale is about agreeing or how much, so only its ends are named.
ROUND_SCALE_CHOICES = [
    (1, _("1 · helemaal niet")), (2, "2"), (3, "3"), (4, "4"), (5, _("5 · helemaal wel")),
]


class Obstacle(models.TextChoices):
    """What got in the way: a short fixed list, so that her own pattern can count it."""

    TIME = "time", _("tijd en werkdruk")
    RULES = "rules", _("regels en procedures")
    SYSTEMS = "systems", _("systemen en formulieren")
    OTHERS = "others", _("afstemming met anderen")
    EXPECTATIONS = "expectations", _("onduidelijke verwachtingen")
    DOUBT = "doubt", _("eigen twijfel")
    OTHER = "other", _("iets anders")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class Rhythm(models.Model):
    """When she wants to be reminded to reflect, in one organisation."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="reflection_rhythms")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="+")
    reminders = models.BooleanField(_("stuur me een herinnering per e-mail"), default=True)
    weekday = models.PositiveSmallIntegerField(_("dag"), choices=Weekday.choices,
                                               default=Weekday.FRIDAY)
    hour = models.PositiveSmallIntegerField(_("uur"), default=15)
    time_zone = models.CharField(max_length=64, default=settings.TIME_ZONE)
    paused_until = models.DateField(_("pauze tot en met"), null=True, blank=True)
    # Her consent to include her entries in the organisation's data export.
    in_organisation_export = models.BooleanField(
        _("mijn reflecties mogen mee in de export van de organisatie"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation"],
                                    name="one_rhythm_per_person_and_org"),
            models.CheckConstraint(condition=Q(hour__lte=23), name="rhythm_hour_in_day"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="rhythm_weekday_known"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.organisation}"

    @classmethod
    def organisation_export_keep(cls, items):
        return [item for item in items if item.in_organisation_export]


class ReflectionEntry(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="reflection_entries")
    model = models.CharField(max_length=20)
    # {prompt key: her text}, in the order of the model's prompts.
    answers = models.JSONField(default=dict)
    # 1 (hardly) .. 5 (nearly always): how often she felt she worked from the Bedoeling.
    from_purpose = models.PositiveSmallIntegerField(null=True, blank=True)
    parts = models.JSONField(default=list, blank=True)
    obstacles = models.JSONField(default=list, blank=True)
    written_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-written_on", "-id"]
        indexes = [models.Index(fields=["author", "organisation", "-written_on"],
                                name="reflection_entry_author")]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_purpose__isnull=True) | Q(from_purpose__gte=1,
                                                           from_purpose__lte=5),
                name="reflection_from_purpose_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.author} {self.written_on}"

    @classmethod
    def organisation_export_keep(cls, items):
        """Only the entries of authors who consented go into the organisation export."""
        items = list(items)
        consenting = set(Rhythm.objects.filter(
            in_organisation_export=True,
            organisation_id__in={i.organisation_id for i in items},
        ).values_list("person_id", "organisation_id"))
        return [i for i in items if (i.author_id, i.organisation_id) in consenting]

    @property
    def text(self) -> str:
        return "\n\n".join(v for v in self.answers.values() if v)


class ReflectionLink(models.Model):
    """A fragment she turned into a story or a signal, shown only in her own view.

    For an anonymous story or signal no id is kept: her private log must not become the
    key that names an anonymous reporter."""

    class Kind(models.TextChoices):
        STORY = "story", _("verhaal")
        SIGNAL = "signal", _("melding")

    entry = models.ForeignKey(ReflectionEntry, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    fragment = models.TextField(max_length=FRAGMENT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} from {self.entry_id}"

    @classmethod
    def organisation_export_keep(cls, items):
        kept = {e.pk for e in ReflectionEntry.organisation_export_keep(
            ReflectionEntry.objects.filter(pk__in={i.entry_id for i in items}))}
        return [i for i in items if i.entry_id in kept]


class ReminderSent(models.Model):
    """One row per reminder slot: the unique constraint is what makes 'never twice' hold
    when the task runs twice or two workers run it at once."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    slot = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "slot"],
                                    name="one_reminder_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.slot:%Y-%m-%d %H:%M}"

    @classmethod
    def organisation_export_keep(cls, items):
        return []


class ReminderClock(models.Model):
    """When the next 'send due reminders' run is queued: the one row that keeps the chain of
    self-scheduling runs single, however often it is started."""

    next_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.next_run_at}"


class Round(models.Model):
    """A team reflection round: a few questions, open until a closing moment."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="+")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="+", verbose_name=_("voor wie"))
    title = models.CharField(_("titel"), max_length=160)
    intro = models.TextField(_("toelichting"), max_length=ROUND_TEXT_MAX, blank=True)
    closes_at = models.DateTimeField(_("sluit op"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-closes_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.closes_at


class RoundQuestion(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("schaal van 1 tot 5")
        CHOICE = "choice", _("keuze")
        OPEN = "open", _("open vraag")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.CharField(_("vraag"), max_length=300)
    options = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class RoundRespondent(models.Model):
    """That someone answered (so a second answer is refused); what she answered is kept
    apart, in RoundAnswer rows without a person."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="respondents")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="one_answer_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.round_id}"

    @classmethod
    def organisation_export_keep(cls, items):
        # Who answered stays out of the export: next to the answers it could name them.
        return []


class RoundAnswer(models.Model):
    question = models.ForeignKey(RoundQuestion, on_delete=models.CASCADE,
                                 related_name="answers")
    # Scale: 1..5; choice: the option's index.
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(max_length=ANSWER_MAX, blank=True)

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value if self.value is not None else self.text[:30]}"
