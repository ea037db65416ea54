"""The only functions that change a live session. Each tells the broker after commit.

Domain apps change live state only through these: `vote_upsert` (a vote, given the targets
and values that are valid), `dots_set` (dots within a budget), `participant_roles_set`,
`changed` (a notice that something the views show has changed), the card and cluster
functions and the session and phase functions. They never write live models or call the
broker themselves (a test in bedoeling/tests/test_boundaries.py holds them to it)."""

import secrets
from collections.abc import Container
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext, override

from bedoeling.accounts.audit import audit
from bedoeling.lib.text import clean_line
from bedoeling.live import broker, selectors, tap
from bedoeling.live.errors import LiveError
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
from bedoeling.live.registry import FORMATS, PhaseSpec, block_for


def changed(session_id: int, *, transition: bool = False, nudge: bool = False) -> None:
    """Tell every view of a session, once the current transaction commits, that what it
    shows has changed: screens and the control view re-render. `transition`: phones must
    show a new state too (prefer `session_transition`, which also bumps the state
    version); `nudge`: there is something new to act on."""
    transaction.on_commit(lambda: broker.changed(session_id, transition=transition,
                                                 nudge=nudge))



def session_transition(session: LiveSession) -> None:
    """Bump the state version and wake every phone: call after a change phones must see."""
    LiveSession.objects.filter(pk=session.pk).update(state_version=F("state_version") + 1)
    session.refresh_from_db(fields=["state_version"])
    changed(session.pk, transition=True)


# --- sessions and phases -------------------------------------------------------------

@transaction.atomic
def session_create(org, user, *, title: str, format_key: str | None = None,
                   anonymous: bool | None = None, allow_names: bool | None = None,
                   participant_cap: int = 1000, data: dict | None = None,
                   phases: tuple[PhaseSpec, ...] | list[PhaseSpec] | None = None) -> LiveSession:
    """A new draft session of a format. `phases` replaces the format's own (a method an
    organisation assembled from the format's steps); the format still gives the roles,
    `on_create` and `on_end`."""
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
    if phases is not None or fmt:
        phases_add(session, fmt.phases if phases is None else phases)
    if fmt:
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
        if spec.hidden_from:
            config["hidden_from_roles"] = list(spec.hidden_from)
        if spec.readonly_for:
            config["readonly_roles"] = list(spec.readonly_for)
        config.update(block_for(spec.kind).fixed_config)
        msgids = {part: msgid for part in ("title", "prompt")
                  if (msgid := _msgid(getattr(spec, part)))}
        created.append(Phase.objects.create(
            session=session, position=start + len(created), kind=spec.kind, title=spec.title,
            prompt=spec.prompt, config=config, texts={"msgid": msgids} if msgids else {},
        ))
    return created


def _msgid(text) -> str:
    """The message id of a format's lazily translated text, so that each reader gets it in
    her own language; "" for a text that is not one (already a string, or formatted).
    Message ids are Dutch, the default language: the text in it is its id. A text whose
    English is not what gettext gives for that id (a context, a plural) is kept as written."""
    if not isinstance(text, Promise):
        return ""
    with override(settings.LANGUAGE_CODE):
        msgid = str(text)
    with override("en"):
        if not msgid or str(text) != _(msgid):
            return ""
    return msgid


def phase_translations(translations: dict | None) -> dict:
    """A facilitator's translations of her title and prompt, {language: {"title", "prompt"}},
    checked: a language we have no catalogue for is refused, empty texts are left out."""
    known = {code for code, _name in settings.LANGUAGES}
    checked = {}
    for language, parts in (translations or {}).items():
        if language not in known:
            raise LiveError(_("Deze taal kennen we niet: %(code)s. Kies uit: %(known)s.")
                            % {"code": language, "known": ", ".join(sorted(known))})
        texts = {part: clean_line(parts.get(part, "")) if part == "title"
                 else parts.get(part, "").strip() for part in ("title", "prompt")}
        texts = {part: text for part, text in texts.items() if text}
        if len(texts.get("title", "")) > 200 or len(texts.get("prompt", "")) > 2000:
            raise LiveError(_("Een vertaalde titel is hoogstens 200 tekens, een vertaalde "
                              "vraag hoogstens 2000."))
        if texts:
            checked[language] = texts
    return checked


@transaction.atomic
def phase_add(session: LiveSession, *, kind: str, title: str, prompt: str = "",
              config: dict | None = None, translations: dict | None = None) -> Phase:
    config = {**(config or {}), **block_for(kind).fixed_config}
    translated = phase_translations(translations)
    phase = Phase.objects.create(session=session, position=session.phases.count(), kind=kind,
                                 title=title.strip(), prompt=prompt.strip(), config=config,
                                 texts={"tr": translated} if translated else {})
    session_transition(session)
    return phase


@transaction.atomic
def phase_update(phase: Phase, *, title: str, prompt: str, config: dict) -> Phase:
    texts = phase.texts
    for part, new in (("title", title.strip()), ("prompt", prompt.strip())):
        # A text given back as it was (in any reader's language) keeps its translations;
        # an edited one is hand-written from now on, and its translations no longer fit.
        if new not in (getattr(phase, part), phase.shown(part)):
            texts = {"msgid": {k: v for k, v in texts.get("msgid", {}).items() if k != part},
                     "tr": {lang: kept for lang, parts in texts.get("tr", {}).items()
                            if (kept := {k: v for k, v in parts.items() if k != part})}}
        setattr(phase, part, new)
    phase.texts = {key: value for key, value in texts.items() if value}
    phase.config = config
    phase.save(update_fields=["title", "prompt", "config", "texts"])
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
    changed(session.pk)
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

# Set on a participant the phone's request has just read in one query with its session.
READ_WITH_SESSION = "_live_read_with_session"


def participant_read_with_session(participant: Participant) -> Participant:
    """Mark a participant that the phone's own request read just now together with her
    session (views.py, one query at the start of every tap): `input_check` then takes that
    session's state instead of reading it once more. Only for that request's own object."""
    setattr(participant, READ_WITH_SESSION, True)
    return participant


def input_check(phase: Phase, participant: Participant, kind: str | tuple[str, ...]):
    """Refuse input a phone may not give now (ended, other phase, locked, its role)."""
    # The session's state as committed now: the one read with the participant at the start
    # of this tap, or else read here, never a copy a caller held on to.
    if getattr(participant, READ_WITH_SESSION, False) and (
            participant.session_id == phase.session_id):
        session = participant.session
    else:
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
    if phase.opens_at or phase.closes_at:
        window_check(phase, timezone.now())


def window_check(phase: Phase, now) -> None:
    """A step of an asynchronous session takes input only inside its window, whether or
    not the task worker has moved the session on yet."""
    if phase.closes_at and now >= phase.closes_at:
        raise LiveError(_("Deze stap is gesloten sinds %(when)s. Je invoer is niet "
                          "opgeslagen.") % {"when": moment(phase.closes_at)})
    if phase.opens_at and now < phase.opens_at:
        raise LiveError(_("Deze stap gaat pas open op %(when)s. Je invoer is niet "
                          "opgeslagen.") % {"when": moment(phase.opens_at)})


def moment(when) -> str:
    """A moment as people read it: "dinsdag 8 december 17:00", in the reader's language."""
    return date_format(timezone.localtime(when), "l j F H:i")


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
    changed(phase.session_id, nudge=True)
    return card


@transaction.atomic
def card_hide(card: Card, hidden: bool = True) -> Card:
    card.hidden = hidden
    card.save(update_fields=["hidden"])
    changed(card.session_id, transition=card.phase.revealed)
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
    changed(card.session_id)
    return card


# The longest group name: it has to fit on the projector's group heading.
CLUSTER_NAME_MAX = Cluster._meta.get_field("name").max_length


def _cluster_name(name: str) -> str:
    name = clean_line(name)
    if not name:
        raise LiveError(_("Geef de groep een naam."))
    if len(name) > CLUSTER_NAME_MAX:
        raise LiveError(_("Deze naam is te lang (%(n)s tekens). Houd het bij %(max)s tekens.")
                        % {"n": len(name), "max": CLUSTER_NAME_MAX})
    return name


def _grouping_check(phase_id: int) -> None:
    """Refuse a change to the groups of a phase that is closed: the session ended (its
    groups went into the harvest) or the facilitator closed the round. Read as committed
    now, not from a copy a caller held on to."""
    phase = Phase.objects.select_related("session").only(
        "locked", "session__status").get(pk=phase_id)
    if phase.session.is_ended:
        raise LiveError(_("Deze sessie is afgelopen: de groepen liggen vast."))
    if phase.locked:
        raise LiveError(_("Deze ronde is gesloten: de groepen liggen vast. Open de invoer "
                          "weer om iets te veranderen."))


@transaction.atomic
def cluster_create(phase: Phase, name: str, cards: list[Card] = ()) -> Cluster:
    name = _cluster_name(name)
    _grouping_check(phase.pk)
    cluster = Cluster.objects.create(session=phase.session, phase=phase, name=name,
                                     position=phase.clusters.count())
    for card in cards:
        card.cluster = cluster
        card.save(update_fields=["cluster"])
    changed(phase.session_id)
    return cluster


@transaction.atomic
def cluster_rename(cluster: Cluster, name: str) -> Cluster:
    name = _cluster_name(name)
    _grouping_check(cluster.phase_id)
    cluster.name = name
    cluster.save(update_fields=["name"])
    changed(cluster.session_id)
    return cluster


@transaction.atomic
def cluster_delete(cluster: Cluster) -> None:
    _grouping_check(cluster.phase_id)
    session_id = cluster.session_id
    cluster.cards.update(cluster=None)
    cluster.delete()
    changed(session_id)


@transaction.atomic
def cluster_merge(cluster: Cluster, into: Cluster, user) -> list[int]:
    """The cards of `cluster` join `into` and `cluster` disappears; dots already given to
    it count for `into`. Returns the ids of the cards that moved (what an undo puts back
    in a group of the old name)."""
    if cluster.pk == into.pk or cluster.phase_id != into.phase_id:
        raise LiveError(_("Kies een andere groep uit deze ronde om mee samen te voegen."))
    _grouping_check(cluster.phase_id)
    # Both groups locked, in one order: two facilitators merging A into B and B into A at
    # once would otherwise leave their cards in no group at all.
    locked = list(Cluster.objects.select_for_update().filter(pk__in=[cluster.pk, into.pk])
                  .order_by("pk"))
    if len(locked) < 2:
        raise LiveError(_("Deze groep bestaat niet (meer)."))
    moved = list(cluster.cards.order_by("pk").values_list("pk", flat=True))
    Card.objects.filter(pk__in=moved).update(cluster=into)
    for vote in Vote.objects.filter(target=f"k{cluster.pk}"):
        kept, created = Vote.objects.get_or_create(
            phase=vote.phase, participant=vote.participant, target=f"k{into.pk}",
            defaults={"value": vote.value, "updated_at": timezone.now()})
        if not created:
            Vote.objects.filter(pk=kept.pk).update(value=F("value") + vote.value)
        vote.delete()
    name = cluster.name
    cluster.delete()
    audit(into.session.organisation, user, "live.cluster_merge",
          gettext_noop("Groep ‘%(name)s’ samengevoegd met ‘%(into)s’ (%(count)s kaarten)"),
          session=into.session_id, name=name, into=into.name, count=len(moved), cards=moved)
    changed(into.session_id)
    return moved


@transaction.atomic
def card_cluster_set(card: Card, cluster: Cluster | None) -> Card:
    """Put a card in a group of its grouping phase, or (None) back among the cards in no
    group."""
    if cluster is not None and cluster.session_id != card.session_id:
        raise LiveError(_("Die groep hoort bij een andere sessie."))
    if cluster is not None and cluster.phase.source_id != card.phase_id:
        raise LiveError(_("Deze kaart hoort niet bij deze ronde."))
    # The group it leaves may not be closed either.
    current = Card.objects.filter(pk=card.pk).values_list("cluster__phase_id", flat=True).first()
    for phase_id in {cluster.phase_id if cluster else None, current} - {None}:
        _grouping_check(phase_id)
    card.cluster = cluster
    card.save(update_fields=["cluster"])
    changed(card.session_id)
    return card


Guard = tap.Guard  # what a block's RowTargets returns: the row a vote depends on


class RowTargets:
    """Vote targets that stand for rows: a prefix and the row's id ("c12" is card 12),
    written as an id is (digits, no leading zero). Whether the row may get a vote now is
    checked in the write itself, in the same statement (`guard`, tap.vote_write): a
    subclass says which row and in what state."""

    prefix = ""

    def __contains__(self, target) -> bool:
        number = target[1:] if isinstance(target, str) and target[:1] == self.prefix else ""
        return (0 < len(number) <= 18 and number.isascii() and number.isdigit()
                and number[0] != "0")

    def guard(self, target: str) -> Guard:
        raise NotImplementedError


class Statements(RowTargets):
    """The statements of an agree phase: visible, unmerged cards of its statements phase."""

    prefix = "c"

    def __init__(self, phase: Phase):
        self.phase_id = selectors.statement_phase_id(phase)

    def guard(self, target: str) -> Guard:
        return Guard(Card, int(target[1:]), (("phase", self.phase_id), ("hidden", False),
                                                 ("merged_into", None)))


def vote_upsert(phase: Phase, participant: Participant, *, target: str, value: int,
                targets: Container[str], values: Container[int], refusal: str,
                kinds: str | tuple[str, ...] | None = None, into: Phase | None = None) -> Vote:
    """The one write of a vote, for every block: one row per (question, participant,
    target); a retry updates it. `targets` and `values` are what the block accepts now
    (`refusal` says so to the person otherwise); `into` stores the vote on another phase
    of the session (an opinion map counts the votes of its statements round)."""
    input_check(phase, participant, kinds or phase.kind)
    if target not in targets or value not in values:
        raise LiveError(refusal)
    into = into or phase
    if into.session_id != phase.session_id:
        raise LiveError(_("Deze fase hoort niet bij deze sessie."))
    # One statement, built once (tap.py): this runs for every tap in the hall.
    vote = Vote(phase=into, participant=participant, target=target, value=value,
                updated_at=timezone.now())
    written = tap.vote_write(into.pk, participant.pk, target, value, vote.updated_at,
                             guard=targets.guard(target)
                             if isinstance(targets, RowTargets) else None)
    if not written:
        raise LiveError(refusal)
    changed(phase.session_id)
    return vote


def vote_cast(phase: Phase, participant: Participant, *, target: str, value: int) -> Vote:
    """Agree (1) / disagree (-1) / pass (0) on a statement, or an answer to a scale."""
    if phase.kind == "agree":
        return vote_upsert(phase, participant, target=target, value=value,
                           targets=Statements(phase), values=(-1, 0, 1),
                           kinds=("agree", "scale"),
                           refusal=_("Deze stelling bestaat niet (meer) in deze ronde."))
    low, high = selectors.scale_range(phase)
    return vote_upsert(phase, participant, target=target, value=value, targets=("",),
                       values=range(low, high + 1), kinds=("agree", "scale"),
                       refusal=_("Kies een waarde tussen %(low)s en %(high)s.")
                       % {"low": low, "high": high})


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
    changed(phase.session_id)


def dots_set(phase: Phase, participant: Participant, *, target: str, dots: int | None = None,
             step: int = 0, targets: Container[str] | None = None, budget: int | None = None,
             per_item: int | None = None, kinds: str | tuple[str, ...] = "dotvote",
             unknown: str = "", spent: str = "") -> int:
    """Put `dots` of the participant's dots on one item, or move it `step` dots up or down
    from what it has now; returns the dots left. `targets` are the items that may get
    dots (the dot vote's cards or clusters when not given), `budget` the dots each
    participant has (the phase's `dots` setting), `per_item` the most on one item.
    `unknown` and `spent` are the refusals in the block's own words."""
    input_check(phase, participant, kinds)
    total = budget if budget is not None else int(phase.config.get("dots", 3))
    per_item = per_item if per_item is not None else int(phase.config.get("max_per_item",
                                                                          total))
    if targets is None:
        targets = selectors.dot_targets(phase)
    if target not in targets:
        raise LiveError(unknown or _("Deze kaart bestaat niet (meer) in deze ronde."))
    with transaction.atomic():
        # Serialise one participant's dot changes: two quick taps are read and written one
        # after the other, so they neither overspend nor lose a dot.
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        mine = dict(Vote.objects.filter(phase=phase, participant=participant)
                    .values_list("target", "value"))
        if dots is None:
            dots = max(0, mine.get(target, 0) + step)
        if not 0 <= dots <= per_item:
            raise LiveError(ngettext("Je kunt per kaart hoogstens %(n)s stip zetten.",
                                     "Je kunt per kaart hoogstens %(n)s stippen zetten.",
                                     per_item) % {"n": per_item})
        used = sum(v for t, v in mine.items() if t != target)
        if used + dots > total:
            raise LiveError(spent or _("Je stippen zijn op. Haal er eerst één weg bij een "
                                       "andere kaart."))
        if dots == 0:
            Vote.objects.filter(phase=phase, participant=participant, target=target).delete()
        elif dots != mine.get(target):
            Vote.objects.update_or_create(phase=phase, participant=participant, target=target,
                                          defaults={"value": dots,
                                                    "updated_at": timezone.now()})
        changed(phase.session_id)
    return total - used - dots


def stop_press(phase: Phase, participant: Participant) -> bool:
    """Record a press of the stop button; presses within 2 seconds count once."""
    input_check(phase, participant, "stop")
    with transaction.atomic():
        # Two presses of one phone at the same moment (a double tap, a retry) are taken one
        # after the other, so the second sees the first.
        Participant.objects.select_for_update().filter(pk=participant.pk).first()
        recent = timezone.now() - timedelta(seconds=2)
        if StopPress.objects.filter(phase=phase, participant=participant,
                                    created_at__gte=recent).exists():
            return False
        StopPress.objects.create(phase=phase, participant=participant)
        changed(phase.session_id)
    return True


# --- for domains that bring their own data (an import, demo data) ----------------------

def participants_add(session: LiveSession, count: int, *, created_at=None,
                     spacing: timedelta = timedelta(0)) -> list[Participant]:
    """`count` participants without a phone (people of an imported conversation, a demo
    room), joined at `created_at` and `spacing` apart."""
    start = created_at or timezone.now()
    people = Participant.objects.bulk_create([
        Participant(session=session, token_hash=token_hash(secrets.token_urlsafe(32)),
                    created_at=start + i * spacing) for i in range(count)
    ], batch_size=1000)
    if any(p.pk is None for p in people):  # backends without RETURNING on bulk insert
        people = list(session.participants.order_by("pk"))[-count:]
    changed(session.pk)
    return people


def cards_import(phase: Phase, rows, *, created_at=None) -> list[Card]:
    """Cards written elsewhere (the statements of an imported conversation): `rows` of
    (text, hidden), stored as the room's, in this order."""
    cards = Card.objects.bulk_create([
        Card(session_id=phase.session_id, phase=phase, seeded=False, text=text[:CARD_MAX],
             hidden=hidden, created_at=created_at or timezone.now()) for text, hidden in rows
    ], batch_size=1000)
    if any(c.pk is None for c in cards):  # backends without RETURNING on bulk insert
        cards = list(phase.cards.order_by("pk"))[-len(cards):]
    changed(phase.session_id)
    return cards


def votes_import(phase: Phase, rows) -> int:
    """Votes that were cast elsewhere (an imported conversation, a demo room): `rows` of
    (participant id, target, value, when). Returns how many were stored."""
    votes = [Vote(phase=phase, participant_id=pid, target=target, value=value,
                  updated_at=when or timezone.now()) for pid, target, value, when in rows]
    Vote.objects.bulk_create(votes, batch_size=5000)
    changed(phase.session_id)
    return len(votes)


def session_lock(session_id: int) -> LiveSession:
    """Inside the caller's transaction: the session as committed now, locked until it
    ends, so that a domain's decision about the whole session is taken once at a time."""
    return LiveSession.objects.select_for_update().get(pk=session_id)


def phase_lock(phase_id: int) -> Phase:
    """Inside the caller's transaction: the phase as committed now (its settings), locked
    until it ends."""
    return Phase.objects.select_for_update().get(pk=phase_id)


@transaction.atomic
def participant_role_give(session: LiveSession, participant_id: int, role: str) -> Participant:
    """The facilitator gives a joined participant one of the roles the session's format
    declares ("" takes her role away). A role held by one person at a time moves."""
    fmt = FORMATS.get(session.format)
    spec = fmt.role(role) if fmt is not None and role else None
    if role and spec is None:
        raise LiveError(_("Deze rol kent deze werkvorm niet."))
    participant = (Participant.objects.select_for_update()
                   .filter(session=session, pk=participant_id).first())
    if participant is None:
        raise LiveError(_("Deze deelnemer doet niet (meer) mee aan deze sessie."))
    if spec is not None and spec.single:
        Participant.objects.filter(session=session, role=role).exclude(
            pk=participant.pk).update(role="")
    participant.role = role
    participant.save(update_fields=["role"])
    session_transition(session)
    return participant


def participant_lock(participant: Participant) -> None:
    """Inside the caller's transaction: take one phone's writes one after the other (two
    quick taps on a limit), until the transaction ends."""
    Participant.objects.select_for_update().filter(pk=participant.pk).first()


def participants_lock(session: LiveSession) -> list[Participant]:
    """Inside the caller's transaction: the session's participants in join order, locked
    until it ends, for a decision about all of them (who goes in which group)."""
    return list(Participant.objects.select_for_update().filter(session=session)
                .order_by("id"))


@transaction.atomic
def participant_roles_set(session: LiveSession, roles: dict[int, str], *,
                          transition: bool = False) -> None:
    """Give participants of the session their roles at once ({participant id: role}); a
    role is a short label the phases' role settings refer to."""
    people = list(Participant.objects.select_for_update().filter(session=session,
                                                                 pk__in=list(roles)))
    for person in people:
        person.role = " ".join(roles[person.pk].split())[:40]
    Participant.objects.bulk_update(people, ["role"])
    if transition:
        session_transition(session)
    else:
        changed(session.pk)


def session_backdate(session: LiveSession, *, created_at, opened_at, ended_at,
                     participants_at=None, cards_at=None, votes_at=None) -> None:
    """Demo data: move a session that was just run to the afternoon it is said to have
    happened. `votes_at` maps a phase to the time of its votes."""
    LiveSession.objects.filter(pk=session.pk).update(created_at=created_at,
                                                     opened_at=opened_at, ended_at=ended_at)
    if participants_at is not None:
        Participant.objects.filter(session=session).update(created_at=participants_at)
    if cards_at is not None:
        Card.objects.filter(session=session).update(created_at=cards_at)
    for phase, when in (votes_at or {}).items():
        Vote.objects.filter(phase=phase).update(updated_at=when)
