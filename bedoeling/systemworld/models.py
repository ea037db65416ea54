"""The system world: rules and what people run into with them (signals), and what is done
about it (actions). Services in services.py are the only writers."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from bedoeling.orgs.models import Organisation, Team

TITLE_MAX = 200
REFERENCE_MAX = 300
RULE_TEXT_MAX = 4000
SIGNAL_TEXT_MAX = 4000
SIGNAL_SHORT_MAX = 2000
NOTE_MAX = 2000
CLUSTER_MAX = 120  # as live.Cluster.name
EFFECT_MAX = 300  # what fits on a phone in a theatre


class Rule(models.Model):
    """One element of the system world: a rule, procedure, KPI, form or system."""

    class Kind(models.TextChoices):
        RULE = "rule", _("regel")
        PROCEDURE = "procedure", _("procedure")
        KPI = "kpi", _("KPI")
        FORM = "form", _("formulier")
        SYSTEM = "system", _("systeem")

    class SourceType(models.TextChoices):
        LAW = "law", _("wet")
        REGULATION = "regulation", _("regelgeving of verordening")
        POLICY = "policy", _("beleid")
        AGREEMENT = "agreement", _("interne afspraak")
        UNKNOWN = "unknown", _("weten we niet")

    class PurposePart(models.TextChoices):
        """Which part of a version of the Bedoeling (purpose.PurposeVersion) a rule serves."""

        STATEMENT = "statement", _("de Bedoeling in één zin")
        FOR_CLIENT = "for_client", _("wat het betekent voor wie we helpen")
        FOR_US = "for_us", _("wat het betekent voor ons")
        ELABORATION = "elaboration", _("de toelichting")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="rules")
    title = models.CharField(_("naam"), max_length=TITLE_MAX)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.RULE)
    description = models.TextField(_("wat houdt het in?"), max_length=RULE_TEXT_MAX, blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="owned_rules", verbose_name=_("eigenaar"),
    )
    owner_label = models.CharField(_("eigenaar (rol of afdeling)"), max_length=TITLE_MAX,
                                   blank=True)
    source_type = models.CharField(_("bron"), max_length=20, choices=SourceType.choices,
                                   default=SourceType.UNKNOWN)
    source_reference = models.CharField(_("vindplaats"), max_length=REFERENCE_MAX, blank=True)
    purpose_text = models.TextField(_("wat is de bedoeling van deze regel?"),
                                    max_length=RULE_TEXT_MAX, blank=True)
    purpose_version = models.ForeignKey(
        "purpose.PurposeVersion", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    purpose_part = models.CharField(max_length=20, choices=PurposePart.choices, blank=True)
    retired_at = models.DateTimeField(_("geschrapt op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(Lower("title"), "organisation",
                                    name="rule_title_unique_in_org"),
        ]
        indexes = [models.Index(fields=["organisation", "title"], name="rule_org_title")]
        verbose_name = _("regel")
        verbose_name_plural = _("regels")

    def __str__(self) -> str:
        return self.title

    @property
    def has_purpose(self) -> bool:
        return bool(self.purpose_text.strip())

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    @property
    def owner_display(self) -> str:
        if self.owner_user_id:
            name = self.owner_user.display_name
            return f"{name} ({self.owner_label})" if self.owner_label else name
        return self.owner_label

    def purpose_part_text(self) -> str:
        """The words of the Bedoeling this rule serves, in the version it was linked to."""
        if not (self.purpose_version_id and self.purpose_part):
            return ""
        return getattr(self.purpose_version, self.purpose_part, "")


class RuleFollower(models.Model):
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rule", "user"], name="one_follow_per_rule")
        ]

    def __str__(self) -> str:
        return f"{self.user} volgt {self.rule}"


class RuleEvent(models.Model):
    """The history of a rule: created, changed, its purpose stated, actions, removal."""

    class Kind(models.TextChoices):
        CREATED = "created", _("opgenomen in het register")
        CHANGED = "changed", _("gewijzigd")
        PURPOSE = "purpose", _("bedoeling beschreven")
        ACTION = "action", _("actie")
        RETIRED = "retired", _("geschrapt")

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+")
    summary = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.summary[:60]}"


class Signal(models.Model):
    """A report that the system world obstructed the Bedoeling: 'dit kan niet waar zijn'.

    Anonymous means anonymous: no reporter, no IP address; the reporter holds a receipt
    code of which only a hash is kept. A signal written in a live session keeps that session
    and the name of the group (cluster) it was put in there."""

    class Source(models.TextChoices):
        APP = "app", _("in de app")
        PUBLIC = "public", _("via de openbare meldlink")
        SESSION = "session", _("in een werksessie")

    class Severity(models.IntegerChoices):
        MINOR = 1, _("Klein: een omweg, maar het kwam goed")
        NOTABLE = 2, _("Merkbaar: het kostte iemand tijd, geld of zorgen")
        SEVERE = 3, _("Ernstig: iemand kwam in de knel")

    # Both lead the composite indexes below, which serve their lookups too.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="signals", db_index=False)
    rule = models.ForeignKey(Rule, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="signals", db_index=False)
    rule_named = models.CharField(max_length=TITLE_MAX, blank=True)
    what_happened = models.TextField(max_length=SIGNAL_TEXT_MAX)
    client_effect = models.TextField(max_length=SIGNAL_SHORT_MAX, blank=True)
    sensible_action = models.TextField(max_length=SIGNAL_SHORT_MAX, blank=True)
    severity = models.PositiveSmallIntegerField(choices=Severity.choices,
                                                default=Severity.NOTABLE)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.APP)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, blank=True, related_name="+")
    is_anonymous = models.BooleanField(default=False)
    # Only counted in breakdowns of at least Organisation.anonymity_threshold reporters.
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    receipt_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    live_session = models.ForeignKey("live.LiveSession", on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="signals")
    cluster = models.CharField(max_length=CLUSTER_MAX, blank=True)
    # Where the signal came from in another part of the app (a case discussion): a path on
    # this site, shown as a link back. The other app decides who may open it.
    origin_url = models.CharField(max_length=300, blank=True)
    origin_label = models.CharField(max_length=TITLE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When it first got a response or an action: "every signal gets an answer" is a
    # question asked on every list, so it is kept here rather than worked out each time.
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Hotspots aggregate an organisation's signals over a period without touching
            # the table: every column they read is in this index.
            models.Index(fields=["organisation", "created_at", "rule", "severity", "team"],
                         name="signal_org_hotspot"),
            # The same columns in rule order: SQLite groups by rule along it instead of
            # sorting, or of visiting the table once per signal.
            models.Index(fields=["organisation", "rule", "created_at", "severity", "team"],
                         name="signal_org_rule_hotspot"),
            models.Index(fields=["rule", "created_at"], name="signal_rule_recent"),
            models.Index(fields=["organisation", "created_at"], name="signal_unanswered",
                         condition=models.Q(answered_at__isnull=True)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_anonymous=False) | models.Q(reporter__isnull=True),
                name="anonymous_signal_has_no_reporter",
            ),
        ]

    def __str__(self) -> str:
        return self.what_happened[:60]

    @property
    def rule_label(self) -> str:
        return self.rule.title if self.rule_id else self.rule_named


class RemovedSignal(models.Model):
    """What is left of a signal from the public link that a facilitator removed (spam, or
    personal data that must not be kept): only why and when, so that the reporter's receipt
    code still tells her. The audit log says who."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("geen melding maar reclame, onzin of een test")
        PERSONAL_DATA = "personal_data", _("er stonden persoonsgegevens in")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="+")
    receipt_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    removed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.reason}"


class SignalResponse(models.Model):
    """An answer to a signal, by the rule owner or someone who steers."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    text = models.TextField(max_length=NOTE_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Action(models.Model):
    """What is done about signals or a rule."""

    class Kind(models.TextChoices):
        REMOVE = "remove", _("schrappen")
        CHANGE = "change", _("aanpassen")
        ALLOW = "allow", _("ruimte geven")
        EXPLAIN = "explain", _("uitleggen")
        ESCALATE = "escalate", _("agenderen of escaleren")
        EXPERIMENT = "experiment", _("experiment")

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        IN_PROGRESS = "in_progress", _("bezig")
        DONE = "done", _("afgerond")
        DROPPED = "dropped", _("niet doorgegaan")

    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    class EscalateTo(models.TextChoices):
        OWNER = "owner", _("de eigenaar van de regel")
        MANAGEMENT = "management", _("het management")
        OUTSIDE = "outside", _("buiten de organisatie (bijvoorbeeld een wet)")

    class Verdict(models.TextChoices):
        ADOPT = "adopt", _("overnemen: zo doen we het voortaan")
        EXTEND = "extend", _("verlengen: we weten het nog niet")
        STOP = "stop", _("stoppen: terug naar hoe het was")

    # Leads the board's indexes below, which serve its lookups too.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="actions", db_index=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=TITLE_MAX)
    description = models.TextField(max_length=NOTE_MAX, blank=True)
    rule = models.ForeignKey(Rule, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="actions")
    signals = models.ManyToManyField(Signal, related_name="actions", blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+")
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    # 1 while planned or in progress, else 0. Kept by the database itself so the board's
    # indexes can lead with it: `open_flag = 1` is a condition SQLite (as well as
    # PostgreSQL) walks an index for, where `status IN (?, ?)` or a bare boolean is not.
    open_flag = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=["planned", "in_progress"], then=models.Value(1)),
            default=models.Value(0)),
        output_field=models.PositiveSmallIntegerField(), db_persist=True)
    progress = models.PositiveSmallIntegerField(default=0)
    escalate_to = models.CharField(max_length=20, choices=EscalateTo.choices, blank=True)
    escalate_detail = models.CharField(max_length=TITLE_MAX, blank=True)
    timeout_case = models.CharField(max_length=TITLE_MAX, blank=True)
    timeout_until = models.DateField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    verdict_text = models.TextField(max_length=NOTE_MAX, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            # The board reads open actions by due date, the experiments due for a verdict
            # and the latest closed actions: each a short walk along one of these.
            models.Index(fields=["organisation", "open_flag", "due_date", "id"],
                         name="action_board_due"),
            models.Index(fields=["organisation", "open_flag", "kind", "review_date"],
                         name="action_board_review"),
            models.Index(fields=["organisation", "open_flag", "updated_at"],
                         name="action_board_recent"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100),
                                   name="action_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unfinished(self) -> bool:
        """Planned or in progress, by the status in hand (`open_flag` is the database's
        copy, refreshed only when the row is read again)."""
        return self.status in self.OPEN

    def is_overdue(self, today=None) -> bool:
        return self.unfinished and self.due_date < (today or timezone.localdate())

    def needs_verdict(self, today=None) -> bool:
        return (self.kind == self.Kind.EXPERIMENT and self.unfinished and not self.verdict
                and self.review_date is not None
                and self.review_date < (today or timezone.localdate()))


class ActionUpdate(models.Model):
    """One entry in an action's timeline."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    status_before = models.CharField(max_length=20, choices=Action.Status.choices, blank=True)
    status_after = models.CharField(max_length=20, choices=Action.Status.choices)
    progress = models.PositiveSmallIntegerField(default=0)
    note = models.TextField(max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.status_before} → {self.status_after}"

    @property
    def changed_status(self) -> bool:
        return self.status_before != self.status_after


# What a notification is about; its text is written when it is read (see `message`).
class Kind:
    SIGNAL_NEW = "signal_new"
    SIGNAL_RESPONSE = "signal_response"
    ACTION_CREATED = "action_created"
    ACTION_STATUS = "action_status"
    ACTION_ASSIGNED = "action_assigned"
    SESSION_SIGNALS = "session_signals"


def message(kind: str, data: dict) -> str:
    """A notification put into words, in the language of the one who reads it."""
    rule = data.get("rule", "")
    action = data.get("action", "")
    if kind == Kind.SIGNAL_NEW:
        return gettext("Nieuw signaal over ‘%(rule)s’.") % {"rule": rule}
    if kind == Kind.SIGNAL_RESPONSE:
        if rule:
            return gettext("Er is gereageerd op je signaal over ‘%(rule)s’.") % {"rule": rule}
        return gettext("Er is gereageerd op je signaal.")
    if kind == Kind.ACTION_CREATED:
        return gettext("Er komt een actie: ‘%(action)s’ (%(kind)s).") % {
            "action": action, "kind": Action.Kind(data["kind"]).label}
    if kind == Kind.ACTION_STATUS:
        return gettext("Actie ‘%(action)s’ is nu: %(status)s.") % {
            "action": action, "status": Action.Status(data["status"]).label}
    if kind == Kind.ACTION_ASSIGNED:
        return gettext("Je bent eigenaar van de actie ‘%(action)s’.") % {"action": action}
    if kind == Kind.SESSION_SIGNALS:
        return ngettext("Nieuw signaal over ‘%(rule)s’ uit de werksessie ‘%(session)s’.",
                        "%(n)s nieuwe signalen over ‘%(rule)s’ uit de werksessie "
                        "‘%(session)s’.", data.get("n", 1)) % {
            "n": data.get("n", 1), "rule": rule, "session": data.get("session", "")}
    return ""


class Notification(models.Model):
    """An in-app message: what became of a signal, a rule someone follows, a new signal."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    data = models.JSONField(default=dict)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "organisation", "read_at"],
                                name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}"

    @property
    def text(self) -> str:
        return message(self.kind, self.data)


def _public_token() -> str:
    return secrets.token_urlsafe(9)


class PublicLink(models.Model):
    """The organisation's public signal link: anyone may report, without an account."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="public_signal_link")
    token = models.SlugField(max_length=40, unique=True, default=_public_token)
    enabled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.token}"


class SessionCard(models.Model):
    """What the system world keeps of a situation written in a dit-kan-niet-waar-zijn
    session, beyond the engine's card: the effect on the client, the kind of thing that was
    in the way, and the signal it became (once, however often the session is harvested)."""

    card = models.OneToOneField("live.Card", on_delete=models.CASCADE,
                                related_name="systemworld")
    client_effect = models.CharField(max_length=EFFECT_MAX, blank=True)
    rule_kind = models.CharField(max_length=20, choices=Rule.Kind.choices, blank=True)
    signal = models.OneToOneField(Signal, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="session_card")

    def __str__(self) -> str:
        return f"{self.card_id} → {self.signal_id}"


class SessionDecision(models.Model):
    """What the room decided about one group of situations: the rule it is about, that
    rule's purpose as the room stated it, and the action it became."""

    phase = models.OneToOneField("live.Phase", on_delete=models.CASCADE,
                                 related_name="systemworld_decision")
    session = models.ForeignKey("live.LiveSession", on_delete=models.CASCADE,
                                related_name="systemworld_decisions")
    cluster = models.ForeignKey("live.Cluster", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+")
    cluster_name = models.CharField(max_length=CLUSTER_MAX)
    rule = models.ForeignKey(Rule, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="session_decisions")
    purpose_text = models.TextField(max_length=RULE_TEXT_MAX, blank=True)
    action = models.OneToOneField(Action, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="session_decision")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.cluster_name}: {self.action}"
