"""The only functions that change a live session. Each tells the broker after commit."""

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from bedoeling.accounts.audit import audit
from bedoeling.lib.text import clean_line
from bedoeling.live import broker, selectors
from bedoeling.live.models import (
    CARD_MAX,
    NAME_MAX,
    Card,
    Cluster,
    LiveSession,
    Participant,
    Phase,
    StopPress,
    Vote,
    new_code,
    token_hash,
)
from bedoeling.live.registry import FORMATS, PhaseSpec


class LiveError(Exception):
    """A refusal to show to the person, in their language. Nothing was changed."""


def _changed(session_id: int, transition: bool = False, nudge: bool = False) -> None:
    transaction.on_commit(lambda: broker.changed(session_id, transition=transition,
                                                 nudge=nudge))


def session_transition(session: LiveSession) -> None:
    """Bump the state version and wake every phone: call after a change phones must see."""
    LiveSession.objects.filter(pk=session.pk).update(state_version=F("state_version") + 1)
    session.refresh_from_db(fields=["state_version"])
    _changed(session.pk, transition=True)


# --- sessions and phases -------------------------------------------------------------

@transaction.atomic
def session_create(org, user, *, title: str, format_key: str | None = None,
                   anonymous: bool | None = None, allow_names: bool | None = None,
                   participant_cap: int = 1000, data: dict | None = None) -> LiveSession:
    fmt = FORMATS.get(format_key) if format_key else None
    if format_key and fmt is None:
        raise LiveError(_("Deze werkvorm bestaat niet."))
    for _attempt in range(10):
        code = new_code()
        if not LiveSession.objects.filter(code=code).exists():
            break
    if anonymous is None:
        anonymous = fmt.anonymous if fmt else True
    if allow_names is None:
        allow_names = fmt.allow_names if fmt else False
    session = LiveSession.objects.create(
        organisation=org, title=title.strip(), format=format_key or "custom", code=code,
        anonymous=anonymous, allow_names=allow_names, participant_cap=participant_cap,
        created_by=user, data=data or {},
    )
    if fmt:
        phases_add(session, fmt.phases)
        if fmt.on_create:
            fmt.on_create(session)
    audit(org, user, "live.create", gettext_noop("Werksessie ‘%(title)s’ aangemaakt"),
          session=session.pk, title=session.title)
    return session


def phases_add(session: LiveSession, specs: tuple[PhaseSpec, ...] | list[PhaseSpec]):
    start = session.phases.count()
    created: list[Phase] = []
    for spec in specs:
        config = dict(spec.config)
        if "source" in config and config["source"] is not None:
            config["source"] = created[config["source"]].pk
        created.append(Phase.objects.create(
            session=session, position=start + len(created), kind=spec.kind, title=spec.title,
            prompt=spec.prompt, config=config,
        ))
    return created


@transaction.atomic
def phase_add(session: LiveSession, *, kind: str, title: str, prompt: str = "",
              config: dict | None = None) -> Phase:
    phase = Phase.objects.create(session=session, position=session.phases.count(), kind=kind,
                                 title=title.strip(), prompt=prompt.strip(), config=config or {})
    session_transition(session)
    return phase


@transaction.atomic
def phase_update(phase: Phase, *, title: str, prompt: str, config: dict) -> Phase:
    phase.title, phase.prompt, phase.config = title.strip(), prompt.strip(), config
    phase.save(update_fields=["title", "prompt", "config"])
    session_transition(phase.session)
    return phase


@transaction.atomic
def phase_move(phase: Phase, offset: int) -> None:
    phases = list(phase.session.phases.select_for_update())
    index = phases.index(phase)
    target = min(max(index + offset, 0), len(phases) - 1)
    phases.insert(target, phases.pop(index))
    for position, item in enumerate(phases):
        if item.position != position:
            Phase.objects.filter(pk=item.pk).update(position=position)
    session_transition(phase.session)


@transaction.atomic
def phase_delete(phase: Phase) -> None:
    if phase.cards.exists() or phase.votes.exists() or phase.stop_presses.exists():
        raise LiveError(_("Deze fase heeft al bijdragen; die gooien we niet weg."))
    session = phase.session
    if session.current_phase_id == phase.pk:
        session.current_phase = None
        session.save(update_fields=["current_phase"])
    phase.delete()
    for position, item in enumerate(session.phases.all()):
        Phase.objects.filter(pk=item.pk).update(position=position)
    session_transition(session)


@transaction.atomic
def session_open(session: LiveSession, user) -> LiveSession:
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    if session.is_ended:
        raise LiveError(_("Deze sessie is al afgelopen."))
    session.status = LiveSession.Status.OPEN
    session.opened_at = session.opened_at or timezone.now()
    if session.current_phase_id is None:
        session.current_phase = session.phases.first()
    session.save(update_fields=["status", "opened_at", "current_phase"])
    session_transition(session)
    return session


@transaction.atomic
def session_end(session: LiveSession, user) -> LiveSession:
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    if session.is_ended:
        return session
    session.status = LiveSession.Status.ENDED
    session.ended_at = timezone.now()
    session.timer_ends_at = None
    session.timer_remaining = None
    session.save(update_fields=["status", "ended_at", "timer_ends_at", "timer_remaining"])
    fmt = FORMATS.get(session.format)
    if fmt and fmt.on_end:
        fmt.on_end(session)
    audit(session.organisation, user, "live.end",
          gettext_noop("Werksessie ‘%(title)s’ afgesloten"), session=session.pk,
          title=session.title)
    session_transition(session)
    return session


@transaction.atomic
def phase_activate(session: LiveSession, phase: Phase) -> LiveSession:
    if phase.session_id != session.pk:
        raise LiveError(_("Deze fase hoort niet bij deze sessie."))
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    session.current_phase = phase
    # A new phase starts without a running clock.
    session.timer_ends_at = None
    session.timer_remaining = None
    session.timer_total = None
    session.save(update_fields=["current_phase", "timer_ends_at", "timer_remaining",
                                "timer_total"])
    session_transition(session)
    return session


def phase_step(session: LiveSession, offset: int) -> LiveSession:
    phases = list(session.phases.all())
    if not phases:
        raise LiveError(_("Deze sessie heeft nog geen fasen."))
    index = next((i for i, p in enumerate(phases) if p.pk == session.current_phase_id), -1)
    target = min(max(index + offset, 0), len(phases) - 1)
    return phase_activate(session, phases[target])


@transaction.atomic
def phase_set_flags(phase: Phase, *, locked: bool | None = None,
                    revealed: bool | None = None) -> Phase:
    fields = []
    if locked is not None:
        phase.locked = locked
        fields.append("locked")
    if revealed is not None:
        phase.revealed = revealed
        fields.append("revealed")
    phase.save(update_fields=fields)
    session_transition(phase.session)
    return phase


@transaction.atomic
def timer_start(session: LiveSession, seconds: int | None = None) -> LiveSession:
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    if seconds is not None:
        if not 5 <= seconds <= 4 * 3600:
            raise LiveError(_("Kies een tijd tussen 5 seconden en 4 uur."))
        session.timer_total = seconds
        remaining = seconds
    elif session.timer_remaining is not None:
        remaining = session.timer_remaining
    else:
        raise LiveError(_("Er staat geen klok klaar."))
    session.timer_ends_at = timezone.now() + timedelta(seconds=remaining)
    session.timer_remaining = None
    session.save(update_fields=["timer_ends_at", "timer_remaining", "timer_total"])
    session_transition(session)
    return session


@transaction.atomic
def timer_pause(session: LiveSession) -> LiveSession:
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    if session.timer_ends_at:
        left = (session.timer_ends_at - timezone.now()).total_seconds()
        session.timer_remaining = max(0, round(left))
        session.timer_ends_at = None
        session.save(update_fields=["timer_ends_at", "timer_remaining"])
        session_transition(session)
    return session


@transaction.atomic
def timer_clear(session: LiveSession) -> LiveSession:
    session.timer_ends_at = session.timer_remaining = session.timer_total = None
    session.save(update_fields=["timer_ends_at", "timer_remaining", "timer_total"])
    session_transition(session)
    return session


# --- participants ----------------------------------------------------------------------

def participant_join(session: LiveSession, *, name: str = "") -> tuple[Participant, str]:
    # A draft takes no joins: nobody is watching the door yet, and a script could fill the
    # seats before the hall walks in. Phones wait on the join page until it opens.
    with transaction.atomic():
        locked = LiveSession.objects.select_for_update().get(pk=session.pk)
        if locked.is_ended:
            raise LiveError(_("Deze sessie is afgelopen."))
        if locked.status == LiveSession.Status.DRAFT:
            raise LiveError(_("Deze sessie is nog niet begonnen. Wacht tot de begeleider "
                              "haar opent en probeer het dan opnieuw."))
        if locked.door_closed:
            raise LiveError(_("De begeleider heeft de deur van deze sessie gesloten: er kan "
                              "niemand meer bij."))
        name = clean_line(name)[:NAME_MAX] if locked.allow_names else ""
        # Counted under the session's lock, against the cap as it is now: concurrent joins
        # never exceed it.
        if locked.participants.count() >= locked.participant_cap:
            raise LiveError(_("Deze sessie is vol. Vraag de begeleider om ruimte te maken."))
        token = secrets.token_urlsafe(32)  # 256 bits
        participant = Participant.objects.create(session=locked, token_hash=token_hash(token),
                                                 name=name)
    _changed(session.pk)
    return participant, token


@transaction.atomic
def session_door_set(session: LiveSession, user, *, closed: bool) -> LiveSession:
    session = LiveSession.objects.select_for_update().get(pk=session.pk)
    session.door_closed = closed
    session.save(update_fields=["door_closed"])
    audit(session.organisation, user, "live.door",
          gettext_noop("Deur van werksessie ‘%(title)s’ gesloten") if closed else
          gettext_noop("Deur van werksessie ‘%(title)s’ weer geopend"),
          session=session.pk, title=session.title)
    session_transition(session)
    return session


@transaction.atomic
def participant_remove(session: LiveSession, user, number: int) -> None:
    """Send a phone out of the room: its answers (votes, stop presses) go with it; cards it
    wrote stay, without an author, for the facilitator to hide like any card. Its cookie no
    longer matches anything; with the door closed it cannot come back."""
    participant = session.participants.filter(pk=number).first()
    if participant is None:
        raise LiveError(_("Deelnemer %(n)s bestaat niet in deze sessie.") % {"n": number})
    participant.delete()
    audit(session.organisation, user, "live.participant_remove",
          gettext_noop("Deelnemer #%(number)s uit werksessie ‘%(title)s’ verwijderd"),
          session=session.pk, title=session.title, number=number)
    session_transition(session)


def participant_for_token(session: LiveSession, token: str | None) -> Participant | None:
    if not token:
        return None
    # Unordered: the hash is unique, and this runs for every tap in the hall.
    found = Participant.objects.filter(session=session, token_hash=token_hash(token))[:1]
    return found[0] if found else None


@transaction.atomic
def participant_role_set(session: LiveSession, number: int, role: str) -> Participant:
    participant = session.participants.filter(pk=number).first()
    if participant is None:
        raise LiveError(_("Deelnemer %(n)s bestaat niet in deze sessie.") % {"n": number})
    participant.role = clean_line(role)[:40]
    participant.save(update_fields=["role"])
    session_transition(session)
    return participant


# --- input -------------------------------------------------------------------------------

def input_check(phase: Phase, participant: Participant, kind: str | tuple[str, ...]):
    """Refuse input a phone may not give now (ended, other phase, locked, its role)."""
    # Always the session's state as committed now, never a copy a caller held on to.
    session = LiveSession.objects.only("status", "current_phase").get(pk=phase.session_id)
    kinds = (kind,) if isinstance(kind, str) else kind
    if participant.session_id != session.pk:
        raise LiveError(_("Je doet niet mee aan deze sessie."))
    if session.status == LiveSession.Status.DRAFT:
        raise LiveError(_("De sessie is nog niet begonnen. Zodra de begeleider begint, kun "
                          "je meedoen."))
    if not session.is_open:
        raise LiveError(_("Deze sessie is afgelopen."))
    if session.current_phase_id != phase.pk:
        raise LiveError(_("Deze vraag is niet meer aan de beurt. Kijk op je scherm wat nu "
                          "de bedoeling is."))
    if phase.kind not in kinds:
        raise LiveError(_("Dit kan in deze fase niet."))
    if phase.locked:
        raise LiveError(_("De begeleider heeft deze ronde gesloten. Je invoer is niet "
                          "opgeslagen."))
    if phase.hidden_for(participant.role) or phase.readonly_for(participant.role):
        raise LiveError(_("In je rol kijk en luister je deze ronde mee."))


def card_add(phase: Phase, participant: Participant | None, *, text: str, category: str = "",
             client_key: str = "", seeded_by=None) -> Card:
    text = " ".join((text or "").split())
    if participant is not None:
        input_check(phase, participant, phase.kind)
        if not phase.config.get("accepts_cards", phase.kind == "cards"):
            raise LiveError(_("In deze fase kun je geen kaart schrijven."))
    if not text:
        raise LiveError(_("Je kaart is nog leeg. Schrijf eerst iets op."))
    if len(text) > CARD_MAX:
        raise LiveError(_("Je kaart is te lang (%(n)s tekens). Houd het bij %(max)s tekens: "
                          "kort is krachtig.") % {"n": len(text), "max": CARD_MAX})
    categories = phase.config.get("categories") or []
    if category and category not in categories:
        raise LiveError(_("Kies een categorie uit de lijst."))
    limit = int(phase.config.get("max_per_participant", 25))
    try:
        with transaction.atomic():
            if participant is not None:
                if client_key:
                    existing = Card.objects.filter(participant=participant,
                                                   client_key=client_key[:40]).first()
                    if existing:
                        return existing
                if participant.cards.filter(phase=phase).count() >= limit:
                    raise LiveError(ngettext(
                        "Je hebt in deze ronde al %(n)s kaart geschreven; meer kan niet.",
                        "Je hebt in deze ronde al %(n)s kaarten geschreven; meer kan niet.",
                        limit) % {"n": limit})
            card = Card.objects.create(session=phase.session, phase=phase,
                                       participant=participant, seeded=participant is None,
                                       text=text, category=category,
                                       client_key=client_key[:40] if participant else "")
    except IntegrityError:
        # The same retry raced itself: the first one won, which is what the phone meant.
        return Card.objects.get(participant=participant, client_key=client_key[:40])
    if seeded_by is not None:
        audit(phase.session.organisation, seeded_by, "live.seed",
              gettext_noop("Kaart toegevoegd door de begeleider"), session=phase.session_id)
    # Phones that had nothing left to vote on learn that there is a new statement.
    _changed(phase.session_id, nudge=True)
    return card


@transaction.atomic
def card_hide(card: Card, hidden: bool = True) -> Card:
    card.hidden = hidden
    card.save(update_fields=["hidden"])
    _changed(card.session_id, transition=card.phase.revealed)
    return card


@transaction.atomic
def card_merge(card: Card, into: Card) -> Card:
    if card.pk == into.pk or card.phase_id != into.phase_id:
        raise LiveError(_("Alleen twee verschillende kaarten uit dezelfde ronde kun je "
                          "samenvoegen."))
    card.merged_into = into
    card.save(update_fields=["merged_into"])
    # Votes on a duplicate count for the card it was merged into, once per participant.
    for vote in Vote.objects.filter(target=f"c{card.pk}"):
        Vote.objects.get_or_create(phase=vote.phase, participant=vote.participant,
                                   target=f"c{into.pk}", defaults={"value": vote.value})
    _changed(card.session_id)
    return card


@transaction.atomic
def cluster_create(phase: Phase, name: str, cards: list[Card] = ()) -> Cluster:
    name = clean_line(name)[:120]
    if not name:
        raise LiveError(_("Geef de groep een naam."))
    cluster = Cluster.objects.create(session=phase.session, phase=phase, name=name,
                                     position=phase.clusters.count())
    for card in cards:
        card.cluster = cluster
        card.save(update_fields=["cluster"])
    _changed(phase.session_id)
    return cluster


@transaction.atomic
def cluster_rename(cluster: Cluster, name: str) -> Cluster:
    name = clean_line(name)[:120]
    if not name:
        raise LiveError(_("Geef de groep een naam."))
    cluster.name = name
    cluster.save(update_fields=["name"])
    _changed(cluster.session_id)
    return cluster


@transaction.atomic
def cluster_delete(cluster: Cluster) -> None:
    session_id = cluster.session_id
    cluster.cards.update(cluster=None)
    cluster.delete()
    _changed(session_id)


@transaction.atomic
def card_cluster_set(card: Card, cluster: Cluster | None) -> Card:
    if cluster is not None and cluster.session_id != card.session_id:
        raise LiveError(_("Die groep hoort bij een andere sessie."))
    card.cluster = cluster
    card.save(update_fields=["cluster"])
    _changed(card.session_id)
    return card


def vote_cast(phase: Phase, participant: Participant, *, target: str, value: int) -> Vote:
    """Agree (1) / disagree (-1) / pass (0) on a statement, or an answer to a scale or a
    choice. Idempotent: one row per (question, participant); a retry updates it."""
    input_check(phase, participant, ("agree", "scale"))
    if phase.kind == "agree":
        card_id = int(target[1:]) if target[:1] == "c" and target[1:].isdecimal() else None
        if value not in (-1, 0, 1) or card_id is None or not selectors.visible_cards(
            selectors.statement_phase_id(phase)
        ).filter(pk=card_id).exists():
            raise LiveError(_("Deze stelling bestaat niet (meer) in deze ronde."))
    else:
        low, high = selectors.scale_range(phase)
        if target != "" or not low <= value <= high:
            raise LiveError(_("Kies een waarde tussen %(low)s en %(high)s.")
                            % {"low": low, "high": high})
    # One statement, not select + savepoint + insert: this runs for every tap in the hall.
    vote = Vote(phase=phase, participant=participant, target=target, value=value,
                updated_at=timezone.now())
    Vote.objects.bulk_create([vote], update_conflicts=True,
                             unique_fields=["phase", "participant", "target"],
                             update_fields=["value", "updated_at"])
    _changed(phase.session_id)
    return vote


@transaction.atomic
def choice_set(phase: Phase, participant: Participant, options: list[int]) -> None:
    input_check(phase, participant, "choice")
    count = len(phase.config.get("options") or [])
    if not options or any(not 0 <= o < count for o in options) or len(set(options)) != len(
        options
    ):
        raise LiveError(_("Kies een van de mogelijkheden."))
    if len(options) > 1 and not phase.config.get("multiple"):
        raise LiveError(_("Je kunt hier maar één mogelijkheid kiezen."))
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    Vote.objects.filter(phase=phase, participant=participant).exclude(
        target__in=[f"o{o}" for o in options]).delete()
    for option in options:
        Vote.objects.update_or_create(phase=phase, participant=participant, target=f"o{option}",
                                      defaults={"value": 1, "updated_at": timezone.now()})
    _changed(phase.session_id)


@transaction.atomic
def dots_set(phase: Phase, participant: Participant, *, target: str, dots: int) -> int:
    """Put `dots` of the participant's dots on one item; returns the dots left."""
    input_check(phase, participant, "dotvote")
    total = int(phase.config.get("dots", 3))
    per_item = int(phase.config.get("max_per_item", total))
    if target not in selectors.dot_targets(phase):
        raise LiveError(_("Deze kaart bestaat niet (meer) in deze ronde."))
    if not 0 <= dots <= per_item:
        raise LiveError(ngettext("Je kunt per kaart hoogstens %(n)s stip zetten.",
                                 "Je kunt per kaart hoogstens %(n)s stippen zetten.",
                                 per_item) % {"n": per_item})
    # Serialise one participant's dot changes so two quick taps cannot overspend.
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    used = (Vote.objects.filter(phase=phase, participant=participant).exclude(target=target)
            .aggregate(s=Sum("value"))["s"] or 0)
    if used + dots > total:
        raise LiveError(_("Je stippen zijn op. Haal er eerst één weg bij een andere kaart."))
    if dots == 0:
        Vote.objects.filter(phase=phase, participant=participant, target=target).delete()
    else:
        Vote.objects.update_or_create(phase=phase, participant=participant, target=target,
                                      defaults={"value": dots, "updated_at": timezone.now()})
    _changed(phase.session_id)
    return total - used - dots


def stop_press(phase: Phase, participant: Participant) -> bool:
    """Record a press of the stop button; presses within 2 seconds count once."""
    input_check(phase, participant, "stop")
    recent = timezone.now() - timedelta(seconds=2)
    if StopPress.objects.filter(phase=phase, participant=participant,
                                created_at__gte=recent).exists():
        return False
    StopPress.objects.create(phase=phase, participant=participant)
    _changed(phase.session_id)
    return True


# The names domain apps used before these became public; kept until they all moved over.
_check_input = input_check
_transition = session_transition
