"""Reads that are more than a filter. Each page asks a fixed number of queries, however
many rules, signals or actions an organisation has: pages are cut first, and counts are
gathered for the rows on the page only."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Case, Count, F, IntegerField, Max, Q, Sum, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bedoeling.accounts.models import Membership
from bedoeling.live import selectors as live_selectors
from bedoeling.live.models import Card, Cluster, LiveSession, Phase
from bedoeling.systemworld.models import Action, Rule, SessionCard, SessionDecision, Signal

# ---------------------------------------------------------------------------- register


def register(org, *, q: str = "", kind: str = "", missing_purpose: bool = False,
             owner=None):
    rules = Rule.objects.filter(organisation=org).select_related("owner_user")
    if q:
        rules = rules.filter(Q(title__icontains=q) | Q(owner_label__icontains=q)
                             | Q(source_reference__icontains=q))
    if kind:
        rules = rules.filter(kind=kind)
    if missing_purpose:
        rules = rules.filter(purpose_text="")
    if owner is not None:
        rules = rules.filter(owner_user=owner)
    return rules.order_by("title", "id")


def rule_counts(rule_ids) -> dict[int, dict]:
    """Signals and open actions per rule, for the rules on one page."""
    counts = {pk: {"signals": 0, "open_actions": 0} for pk in rule_ids}
    for row in (Signal.objects.filter(rule_id__in=rule_ids).values("rule_id")
                .annotate(n=Count("id")).order_by()):
        counts[row["rule_id"]]["signals"] = row["n"]
    for row in (Action.objects.filter(rule_id__in=rule_ids, open_flag=1)
                .values("rule_id").annotate(n=Count("id")).order_by()):
        counts[row["rule_id"]]["open_actions"] = row["n"]
    return counts


# ---------------------------------------------------------------------------- signals


def signal_list(org, *, about_rules_of=None, unanswered: bool = False, rule=None,
                unlinked: bool = False, live_session=None):
    signals = Signal.objects.filter(organisation=org).select_related("rule", "reporter")
    if live_session is not None:
        signals = signals.filter(live_session=live_session)
    if about_rules_of is not None:
        signals = signals.filter(rule__owner_user=about_rules_of)
    if rule is not None:
        signals = signals.filter(rule=rule)
    if unlinked:
        signals = signals.filter(rule__isnull=True)
    if unanswered:
        signals = signals.filter(answered_at=None)
    return signals.order_by("-created_at", "-id")


@dataclass
class SignalState:
    code: str
    label: str


def signal_state(actions, responses) -> SignalState:
    """What became of a signal, in one phrase: the answer to the reporter's question."""
    if any(a.unfinished for a in actions):
        return SignalState("working", _("Er wordt aan gewerkt"))
    if actions:
        return SignalState("done", _("Afgerond"))
    if responses:
        return SignalState("answered", _("Beantwoord"))
    return SignalState("new", _("Ontvangen, nog geen reactie"))


# ---------------------------------------------------------------------------- actions


def action_board(org, *, owner=None, kind: str = "", today=None):
    today = today or timezone.localdate()
    open_actions = (Action.objects.filter(organisation=org, open_flag=1)
                    .select_related("owner", "rule"))
    if owner is not None:
        open_actions = open_actions.filter(owner=owner)
    if kind:
        open_actions = open_actions.filter(kind=kind)
    verdicts = list(open_actions.filter(kind=Action.Kind.EXPERIMENT, verdict="",
                                        review_date__lt=today).order_by("review_date", "id")[:20])
    # Ascending due date puts everything overdue first, oldest first.
    return {
        "open": open_actions.order_by("due_date", "id"),
        "verdicts": verdicts,
        "overdue": open_actions.filter(due_date__lt=today).count(),
    }


def action_signal_counts(action_ids) -> dict[int, int]:
    rows = (Action.signals.through.objects.filter(action_id__in=action_ids)
            .values("action_id").annotate(n=Count("id")).order_by())
    return {row["action_id"]: row["n"] for row in rows}


def recently_closed(org, limit: int = 8):
    return (Action.objects.filter(organisation=org, open_flag=0)
            .select_related("owner", "rule").order_by("-updated_at", "-id")[:limit])


@dataclass
class PeriodSummary:
    signals: int
    answered: int
    by_rule: list[tuple[str, int]]  # (rule title, signals), most signals first
    actions: list


def period_summary(org, since: datetime, until: datetime, *, rules: int,
                   actions: int) -> PeriodSummary:
    """What happened between `since` and `until`: signals (and how many were answered),
    the `rules` most signalled rules, and up to `actions` actions begun in the period or
    still open, open ones first."""
    in_period = Q(created_at__gte=since, created_at__lt=until)
    signals = Signal.objects.filter(organisation=org).filter(in_period)
    counts = signals.aggregate(total=Count("pk"),
                               answered=Count("pk", filter=Q(answered_at__isnull=False)))
    by_rule = list(signals.filter(rule__isnull=False).values("rule__title")
                   .annotate(n=Count("pk")).order_by("-n", "rule__title")
                   .values_list("rule__title", "n")[:rules])
    board = (Action.objects.filter(organisation=org)
             .filter(in_period | Q(status__in=Action.OPEN))
             .select_related("owner", "rule").order_by("status", "due_date"))
    return PeriodSummary(signals=counts["total"], answered=counts["answered"],
                         by_rule=by_rule, actions=list(board[:actions]))


# ---------------------------------------------------------------------------- hotspots

PERIODS = {"30": 30, "90": 90, "365": 365, "all": None}
DEFAULT_PERIOD = "90"
RECENT_DAYS = 30


@dataclass
class HotspotRow:
    rule: Rule
    total: int
    recent: int
    severe: int
    last: datetime
    score: int
    share: float = 0.0


@dataclass
class Hotspots:
    rows: list[HotspotRow] = field(default_factory=list)
    missing_purpose: list[HotspotRow] = field(default_factory=list)
    unlinked: int = 0
    suppressed: bool = False
    threshold: int = 5


def recency_weight(now):
    """Three for the last 30 days, two up to 90 days, one before: recent signals weigh
    most, old ones still count."""
    return Case(
        When(created_at__gte=now - timedelta(days=RECENT_DAYS), then=3),
        When(created_at__gte=now - timedelta(days=90), then=2),
        default=1, output_field=IntegerField(),
    )


def team_reporters(org, team, since=None) -> int:
    """How many different people certainly reported in this team: the named reporters.
    Anonymous signals cannot be told apart — five of them may be one person's, and that
    person may be one of the named reporters — so together they count as one person, and
    only when nobody reported with a name."""
    signals = Signal.objects.filter(organisation=org, team=team)
    if since is not None:
        signals = signals.filter(created_at__gte=since)
    named = signals.filter(reporter__isnull=False).values("reporter").distinct().count()
    if named:
        return named
    return 1 if signals.filter(reporter__isnull=True).exists() else 0


def team_too_small(org, team, since=None) -> bool:
    """A team breakdown is shown only when the team has at least k members and k
    reporters in the period (k = the organisation's anonymity threshold)."""
    k = org.anonymity_threshold
    members = Membership.objects.filter(organisation=org, team=team).count()
    return members < k or team_reporters(org, team, since) < k


def hotspots(org, *, period: str = DEFAULT_PERIOD, team=None, limit: int = 30, now=None) -> Hotspots:
    now = now or timezone.now()
    days = PERIODS.get(period)
    since = now - timedelta(days=days) if days else None
    result = Hotspots(threshold=org.anonymity_threshold)
    signals = Signal.objects.filter(organisation=org)
    if since is not None:
        signals = signals.filter(created_at__gte=since)
    if team is not None:
        if team_too_small(org, team, since):
            result.suppressed = True
            return result
        signals = signals.filter(team=team)
    recent = now - timedelta(days=RECENT_DAYS)
    # One pass over the signals, grouped by rule (unlinked ones form the group None), in
    # integers only: ordering and the rules without a purpose are sorted out here, on at
    # most one row per rule, and dates are fetched for the rows that are shown.
    grouped = list(
        signals.values("rule_id")
        .annotate(total=Count("id"), recent=Count("id", filter=Q(created_at__gte=recent)),
                  severe=Count("id", filter=Q(severity=Signal.Severity.SEVERE)),
                  score=Sum(F("severity") * recency_weight(now)), newest=Max("id"))
        .values_list("rule_id", "total", "recent", "severe", "score", "newest")
        .order_by())
    result.unlinked = sum(row[1] for row in grouped if row[0] is None)
    # Heaviest first; among equals the rule with the newest signal.
    grouped = sorted((row for row in grouped if row[0] is not None),
                     key=lambda row: (-row[4], -row[5]))
    without_purpose = set(Rule.objects.filter(organisation=org, purpose_text="",
                                              retired_at=None).values_list("pk", flat=True))
    top = grouped[:limit]
    missing = [row for row in grouped if row[0] in without_purpose][:limit]
    ids = {row[0] for row in top + missing}
    rules = Rule.objects.select_related("owner_user").in_bulk(ids)
    # Per rule through its own index, rather than through the organisation's signals.
    latest = Signal.objects.filter(rule_id__in=ids)
    if since is not None:
        latest = latest.filter(created_at__gte=since)
    if team is not None:
        latest = latest.filter(team=team)
    last = dict(latest.values("rule_id").annotate(last=Max("created_at"))
                .values_list("rule_id", "last").order_by())
    highest = max((row[4] for row in top), default=0) or 1

    def row_of(row):
        rule_id, total, recent_count, severe, score, _newest = row
        return HotspotRow(rule=rules[rule_id], total=total, recent=recent_count,
                          severe=severe, last=last[rule_id], score=score,
                          share=score / highest)

    result.rows = [row_of(row) for row in top]
    result.missing_purpose = [row_of(row) for row in missing]
    return result


# ---------------------------------------------------------------------------- home


def home_summary(org, user, today=None) -> dict:
    today = today or timezone.localdate()
    mine = (Action.objects.filter(organisation=org, owner=user, open_flag=1)
            .select_related("rule").order_by("due_date", "id"))
    return {
        "my_actions": list(mine[:3]),
        "my_action_count": mine.count(),
        "recent_signals": list(Signal.objects.filter(organisation=org)
                               .select_related("rule").order_by("-created_at", "-id")[:3]),
        "to_answer": Signal.objects.filter(organisation=org, rule__owner_user=user,
                                           answered_at=None).count(),
        "verdicts": Action.objects.filter(organisation=org, open_flag=1,
                                          kind=Action.Kind.EXPERIMENT, verdict="",
                                          review_date__lt=today).count(),
        "today": today,
    }


# ---------------------------------------------------------------------------- live sessions

# The blocks of the dit-kan-niet-waar-zijn format (session_format.py).
SITUATIONS = "dkn_situations"
DECIDE = "decide"
RECEIPTS = "dkn_receipts"


def situation_cards(session, *, participant=None, cluster=None):
    """The situations of a session that become signals: every card of its situations
    phases the facilitator did not hide. A merged duplicate counts too — somebody ran into
    it as well — and belongs to the group of the card it was merged into."""
    cards = Card.objects.filter(session=session, phase__kind=SITUATIONS, hidden=False)
    if participant is not None:
        cards = cards.filter(participant=participant)
    if cluster is not None:
        cards = cards.filter(Q(merged_into=None, cluster=cluster)
                             | Q(merged_into__cluster=cluster))
    return cards.select_related("cluster", "merged_into__cluster").order_by("id")


def card_cluster(card):
    return card.merged_into.cluster if card.merged_into_id else card.cluster


def situations(cards) -> list[dict]:
    """Cards with what the system world keeps of them: effect, kind, signal."""
    cards = list(cards)
    details = {sc.card_id: sc for sc in SessionCard.objects.filter(card__in=cards)}
    rows = []
    for card in cards:
        detail = details.get(card.pk)
        rows.append({
            "card": card,
            "effect": detail.client_effect if detail else "",
            "kind": detail.rule_kind if detail else "",
            "kind_label": detail.get_rule_kind_display() if detail and detail.rule_kind else "",
            "signal_id": detail.signal_id if detail else None,
        })
    return rows


def _session_phase(session_id, pk):
    return Phase.objects.filter(pk=pk or 0, session_id=session_id).first()


def group_ranking(phase) -> list[dict]:
    """The groups a decide phase chooses from, most dots first (ties in the order the
    facilitator made them). Its source is the dot vote, or the grouping itself."""
    source = _session_phase(phase.session_id, phase.source_id)
    vote = source if source is not None and source.kind == "dotvote" else None
    grouping = _session_phase(phase.session_id, vote.source_id) if vote else source
    if grouping is None or grouping.kind != "group":
        return []
    tallies = live_selectors.tallies(vote) if vote is not None else {}
    # A group without situations gets no decision step of its own.
    clusters = (Cluster.objects.filter(phase=grouping)
                .annotate(n=Count("cards", filter=Q(cards__hidden=False,
                                                    cards__merged_into=None)))
                .filter(n__gt=0).order_by("position", "id"))
    rows = [{"cluster": c, "dots": tallies[f"k{c.pk}"]["dots"] if f"k{c.pk}" in tallies else 0}
            for c in clusters]
    rows.sort(key=lambda row: -row["dots"])
    return rows


def decision_groups(session) -> dict[int, dict | None]:
    """Which group each decide phase of a session is about. A phase keeps the group the
    facilitator chose (or decided on); the others take the remaining groups with the most
    dots, in the order of the phases."""
    phases = list(Phase.objects.filter(session=session, kind=DECIDE).order_by("position", "id"))
    rankings: dict = {}
    chosen: dict[int, dict | None] = {}
    taken = set()
    for phase in phases:
        if phase.source_id not in rankings:
            rankings[phase.source_id] = group_ranking(phase)
        pinned = phase.config.get("cluster")
        row = next((r for r in rankings[phase.source_id] if r["cluster"].pk == pinned), None)
        if row is not None:
            chosen[phase.pk] = row
            taken.add(row["cluster"].pk)
    for phase in phases:
        if phase.pk in chosen:
            continue
        row = next((r for r in rankings[phase.source_id] if r["cluster"].pk not in taken), None)
        chosen[phase.pk] = row
        if row is not None:
            taken.add(row["cluster"].pk)
    return chosen



def rule_sessions(org, rule) -> list[dict]:
    """The live sessions in which a rule came up: its signals were written there, or the
    room decided about it. Newest first, each with its signals and decisions."""
    counts = dict(Signal.objects.filter(rule=rule, live_session__isnull=False)
                  .values("live_session").annotate(n=Count("id"))
                  .values_list("live_session", "n").order_by())
    decisions: dict[int, list] = {}
    for decision in (SessionDecision.objects.filter(rule=rule).select_related("action")
                     .order_by("created_at", "id")):
        decisions.setdefault(decision.session_id, []).append(decision)
    sessions = (LiveSession.objects.filter(organisation=org, pk__in=set(counts) | set(decisions))
                .order_by("-created_at", "-id")[:20])
    return [{"session": s, "signals": counts.get(s.pk, 0), "decisions": decisions.get(s.pk, [])}
            for s in sessions]
