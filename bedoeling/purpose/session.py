"""The live vision session: the writes of the vision format (blocks.py, formats.py), apart
from the Bedoeling itself (services.py).

They run inside the live engine's rules (live.services.input_check: the session is open,
the phase current and not locked, the participant's role may give input). A refusal is a
LiveError with a message for the person; nothing is stored. Live state changes only
through live's services."""

from datetime import timedelta

import numpy as np
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.insights.opinion_replay import in_conv_history
from bedoeling.live import selectors as live_selectors
from bedoeling.live import services as live_services
from bedoeling.live.errors import LiveError
from bedoeling.live.models import CARD_MAX, Card, LiveSession, Participant, Phase, Vote
from bedoeling.purpose import opinion
from bedoeling.purpose.models import (
    STATEMENT_MAX,
    OpinionMapSnapshot,
    Purpose,
    PurposeConfirmation,
    PurposeVersion,
    VisionSession,
)
from bedoeling.purpose.selectors import (
    DRAFTING,
    INTRO,
    OPINION_MAP,
    adoption_of,
    phase_of_kind,
    statement_results,
    statements_phase,
)
from bedoeling.purpose.services import purpose_for, purpose_version_create

VISION_FORMAT = "vision"
DEFAULT_QUESTION = gettext_lazy("Waarvoor zijn wij er, eigenlijk?")
QUESTION_MAX = 200
# An import larger than this is not a room but an archive; it would also take minutes.
IMPORT_MAX_PARTICIPANTS = 5000
IMPORT_MAX_STATEMENTS = 2000
IMPORT_MAX_VOTES = 600_000
# A Bedoeling confirmed unchanged is next looked at again a year later.
REVIEW_AFTER_CONFIRMATION = timedelta(days=365)


@transaction.atomic
def vision_session_create(org, user, *, title: str, question: str = "", mode: str = "create",
                          seed_previous: bool = False,
                          participant_cap: int = 1000) -> LiveSession:
    """A live session of the vision format. Recalibrating starts from the current
    Bedoeling; with `seed_previous` the statements of the last vision session come back,
    so that the two sessions can be compared statement by statement."""
    data = {"vision": {"mode": mode, "question": " ".join(question.split()),
                       "seed_previous": bool(seed_previous)}}
    return live_services.session_create(org, user, title=title, format_key=VISION_FORMAT,
                                        participant_cap=participant_cap, data=data)


def vision_link(session: LiveSession) -> VisionSession:
    """on_create of the vision format (inside the creating transaction): the domain side
    of the session, the question on the welcome phase, and the starting points seeded."""
    options = (session.data or {}).get("vision", {})
    purpose = purpose_for(session.organisation)
    current = purpose.current
    mode = options.get("mode") or (VisionSession.Mode.RECALIBRATE if current
                                   else VisionSession.Mode.CREATE)
    if mode not in VisionSession.Mode.values:
        mode = VisionSession.Mode.CREATE
    recalibrate = mode == VisionSession.Mode.RECALIBRATE and current is not None
    previous = (VisionSession.objects.filter(purpose=purpose).order_by("-created_at", "-id")
                .first())
    vision = VisionSession.objects.create(
        session=session, purpose=purpose,
        mode=VisionSession.Mode.RECALIBRATE if recalibrate else VisionSession.Mode.CREATE,
        question=(options.get("question") or str(DEFAULT_QUESTION))[:QUESTION_MAX],
        base_version=current if recalibrate else None, previous=previous,
    )
    intro = phase_of_kind(session, INTRO)
    if intro is not None:
        # The question is what the room reads from the back of the hall: make it the title.
        live_services.phase_update(intro, title=vision.question, prompt=intro.prompt,
                                   config=intro.config)
    statements = statements_phase(session)
    if options.get("seed_previous") and previous is not None and statements is not None:
        old = statements_phase(previous.session)
        for card in live_selectors.visible_cards(old.pk) if old else []:
            live_services.card_add(statements, None, text=card.text)
    drafting = phase_of_kind(session, DRAFTING)
    if recalibrate and drafting is not None:
        # The current text is a formulation like any other: the room reacts to it too.
        live_services.card_add(drafting, None, text=current.statement[:CARD_MAX])
    return vision


def vision_for(session: LiveSession) -> VisionSession:
    """The vision side of a session; made on demand for a hand-built session that uses the
    vision blocks."""
    vision = VisionSession.objects.filter(session=session).first()
    if vision is None:
        vision = VisionSession.objects.create(
            session=session, purpose=purpose_for(session.organisation),
            question=str(DEFAULT_QUESTION))
    return vision


def vision_harvest(session: LiveSession) -> None:
    """on_end of the vision format: freeze the map as the session ended."""
    vision = VisionSession.objects.filter(session=session).first()
    if vision is not None and phase_of_kind(session, OPINION_MAP) is not None:
        opinion_map_snapshot(vision, OpinionMapSnapshot.Reason.END)


def opinion_map_snapshot(vision: VisionSession, reason: str, *,
                         taken_at=None) -> OpinionMapSnapshot | None:
    map_phase = phase_of_kind(vision.session, OPINION_MAP)
    if map_phase is None:
        return None
    entry = opinion.current_entry(map_phase, exact=True)
    data = opinion.frozen(entry)
    m = data.get("map") or {}
    return OpinionMapSnapshot.objects.create(
        vision=vision, reason=reason, taken_at=taken_at or timezone.now(),
        n_participants=len(m.get("labels", [])),
        n_statements=len(data.get("cols", [])) - len(data.get("excluded", [])),
        n_votes=data.get("n_votes", 0), n_groups=len(m.get("groups", [])), data=data,
    )


def statement_vote(phase: Phase, participant: Participant, *, card: int | None,
                   value: int) -> Vote:
    """Agree (1), disagree (-1) or pass (0) from a phone in a vision block. In the
    opinion-map phase the vote counts for the statements round the map is about, so the
    map keeps growing while it is shown; in the drafting phase it is a reaction to a
    formulation. Idempotent like every vote: a retry updates the one row."""
    # The engine's own checks first (the session is open, this phase is current and not
    # locked, the participant belongs here and her role may give input), so that a phone
    # that may not vote learns that before anything about the statements round.
    live_services.input_check(phase, participant, (OPINION_MAP, DRAFTING))
    target = phase
    if phase.kind == OPINION_MAP:
        target = opinion.statements_phase(phase)
        if target is None:
            raise LiveError(_("Bij deze kaart hoort geen stemronde."))
        if target.locked:
            raise LiveError(_("De begeleider heeft het stemmen gesloten. Je stem is niet "
                              "opgeslagen."))
    if value not in (-1, 0, 1):
        raise LiveError(_("Kies eens, oneens of pas."))
    valid = {f"c{card}"} if card is not None and card in live_selectors.statement_ids(
        target) else ()
    return live_services.vote_upsert(
        phase, participant, target=f"c{card}", value=value, targets=valid,
        values=(-1, 0, 1), kinds=(OPINION_MAP, DRAFTING), into=target,
        refusal=_("Deze stelling bestaat niet (meer) in deze ronde."))


def formulation_add(phase: Phase, participant: Participant | None, *, text: str,
                    client_key: str = "", seeded_by=None) -> Card:
    """A proposed formulation of the Bedoeling: a card of the drafting phase, no longer
    than the Bedoeling itself may be."""
    text = " ".join((text or "").split())
    if len(text) > STATEMENT_MAX:
        raise LiveError(_("Je formulering is te lang (%(n)s tekens). De Bedoeling in één zin "
                          "is hoogstens %(max)s tekens.") % {"n": len(text), "max": STATEMENT_MAX})
    return live_services.card_add(phase, participant, text=text, client_key=client_key,
                                  seeded_by=seeded_by)


def _label(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _formulation_label(chosen: Card, statement: str, base: PurposeVersion | None,
                       reactions: str) -> str:
    """Where the adopted wording came from, truthfully: a phone in the room, the current
    Bedoeling put before the room, or the facilitator."""
    same = " ".join(chosen.text.split()) == statement
    edited = "" if same else ", bij het vaststellen bewerkt"
    if chosen.participant_id is not None:
        return f"Formulering uit de zaal: ‘{chosen.text}’{reactions}{edited}"
    if base is not None and " ".join(chosen.text.split()) == " ".join(base.statement.split()):
        return (f"De huidige Bedoeling (versie {base.number}), aan de zaal voorgelegd: "
                f"‘{chosen.text}’{reactions}{edited}")
    return f"Formulering ingebracht door de begeleider: ‘{chosen.text}’{reactions}{edited}"



@transaction.atomic
def vision_adopt(phase: Phase, user, *, statement: str, reason: str = "",
                 formulation: int | None = None, building_blocks: list[int] = (),
                 texts: dict | None = None,
                 created_at=None) -> PurposeVersion | PurposeConfirmation:
    """Adopt a formulation as the new version of the Bedoeling, with its provenance: the
    session, the opinion map as it is now (frozen), the statements it drew on and the
    formulation with the room's reactions and where it came from. One adoption per session.
    The other parts (elaboration, for the client, for us, stop doing) carry over from the
    current version unless `texts` gives them.

    Adopting the text in force unchanged makes no new version (it would be identical, and
    the history would read as if the room had written it): it records a confirmation of
    that version and moves the review date a year on."""
    session = live_services.session_lock(phase.session_id)
    existing = adoption_of(session)
    if isinstance(existing, PurposeConfirmation):
        raise LiveError(_("In deze sessie is versie %(n)s van de Bedoeling al bevestigd.")
                        % {"n": existing.version.number})
    if existing is not None:
        raise LiveError(_("In deze sessie is de Bedoeling al vastgesteld, als versie %(n)s.")
                        % {"n": existing.number})
    statement = " ".join((statement or "").split())
    if not statement:
        raise LiveError(_("Schrijf de Bedoeling op: de tekst mag niet leeg zijn."))
    if len(statement) > STATEMENT_MAX:
        raise LiveError(_("De Bedoeling in één zin is hoogstens %(max)s tekens (nu %(n)s).")
                        % {"max": STATEMENT_MAX, "n": len(statement)})
    vision = vision_for(session)
    org = session.organisation
    drafting = (Phase.objects.filter(pk=phase.source_id, session=session).first()
                if phase.source_id else phase_of_kind(session, DRAFTING))
    chosen = None
    if formulation is not None:
        chosen = Card.objects.filter(session=session, pk=formulation, hidden=False).first()
        if chosen is None or drafting is None or chosen.phase_id != drafting.pk:
            raise LiveError(_("Deze formulering bestaat niet (meer) in deze sessie."))
    base = vision.purpose.current
    carried = {f: getattr(base, f) if base else "" for f in ("elaboration", "for_client",
                                                             "for_us", "stop_doing")}
    carried.update({k: v for k, v in (texts or {}).items() if k in carried})
    unchanged = base is not None and statement == " ".join(base.statement.split()) and all(
        (v or "").strip() == getattr(base, k).strip() for k, v in carried.items())
    snapshot = opinion_map_snapshot(vision, OpinionMapSnapshot.Reason.ADOPTION,
                                    taken_at=created_at)
    slug = org.slug
    detail = reverse("purpose:vision_detail", kwargs={"org": slug, "vision": session.pk})
    participants = session.participants.count()
    when = timezone.localtime(created_at or session.opened_at or session.created_at
                              ).strftime("%d-%m-%Y")
    sources = [{"kind": "session", "url": detail, "label": _label(
        f"Visiesessie ‘{session.title}’ ({when}, {participants} deelnemers)")}]
    if snapshot is not None:
        sources.append({"kind": "opinion_map", "url": reverse(
            "purpose:vision_snapshot", kwargs={"org": slug, "vision": session.pk,
                                               "snapshot": snapshot.pk}),
            "label": _label(f"Opiniekaart: {snapshot.n_groups} groepen, "
                            f"{snapshot.n_participants} deelnemers, "
                            f"{snapshot.n_statements} stellingen")})
    statements = statements_phase(session)
    if building_blocks and statements is not None:
        results = {r["card"].pk: r for r in statement_results(statements)}
        for pk in building_blocks:
            row = results.get(pk)
            if row is None:
                raise LiveError(_("Een van de gekozen bouwstenen bestaat niet (meer)."))
            share = (f"{round(100 * row['agree'] / row['seen'])}% eens van {row['seen']}"
                     if row["seen"] else "nog geen stemmen")
            sources.append({"kind": "statement", "url": detail + f"#stelling-{pk}",
                            "label": _label(f"Stelling: ‘{row['text']}’ ({share})")})
    if chosen is not None:
        tally = live_selectors.tallies(drafting).get(f"c{chosen.pk}")
        reactions = ""
        if tally and tally["count"]:
            reactions = (f" ({round(100 * tally['agree'] / tally['count'])}% eens van "
                         f"{tally['count']} reacties)")
        sources.append({"kind": "formulation", "url": detail + f"#formulering-{chosen.pk}",
                        "label": _label(_formulation_label(chosen, statement, base,
                                                           reactions))})
    elif not unchanged:
        author = user.display_name if user is not None else "de begeleider"
        sources.append({"kind": "formulation", "url": "", "label": _label(
            f"Formulering van {author}, geschreven bij het vaststellen")})
    if unchanged:
        return _vision_confirm(session, vision.purpose, base, user, sources=sources,
                               reason=reason, created_at=created_at)
    try:
        with transaction.atomic():
            version = purpose_version_create(
                org, user, statement=statement, session=session, sources=sources,
                reason=(reason or "").strip() or f"Vastgesteld in de visiesessie "
                                                 f"‘{session.title}’.",
                created_at=created_at, **carried)
    except IntegrityError:
        raise LiveError(_("In deze sessie is de Bedoeling al vastgesteld.")) from None
    audit(org, user, "purpose.vision_adopt",
          gettext_noop("Bedoeling versie %(version)s vastgesteld in ‘%(title)s’"),
          session=session.pk, version=version.number, title=session.title)
    # A state transition, so that every phone renders the adopted text (phones ignore an
    # event whose state version they have already shown).
    live_services.session_transition(session)
    return version


def _vision_confirm(session: LiveSession, purpose: Purpose, version: PurposeVersion, user, *,
                    sources: list[dict], reason: str, created_at=None) -> PurposeConfirmation:
    when = created_at or timezone.now()
    try:
        with transaction.atomic():
            confirmation = PurposeConfirmation.objects.create(
                version=version, session=session, confirmed_by=user, sources=sources,
                created_at=when,
                reason=(reason or "").strip() or f"Ongewijzigd bevestigd in de visiesessie "
                                                 f"‘{session.title}’.")
    except IntegrityError:
        raise LiveError(_("In deze sessie is de Bedoeling al bevestigd.")) from None
    purpose = Purpose.objects.select_for_update().get(pk=purpose.pk)
    purpose.review_date = timezone.localtime(when).date() + REVIEW_AFTER_CONFIRMATION
    purpose.save(update_fields=["review_date"])
    audit(session.organisation, user, "purpose.vision_confirm",
          gettext_noop("Bedoeling versie %(version)s ongewijzigd bevestigd in ‘%(title)s’; "
                       "herijking op %(date)s"),
          session=session.pk, version=version.number, title=session.title,
          date=purpose.review_date.strftime("%d-%m-%Y"))
    live_services.session_transition(session)
    return confirmation


# --- Pol.is import ---------------------------------------------------------------------

@transaction.atomic
def polis_import(vision: VisionSession, user, export, *, note: str = "") -> OpinionMapSnapshot:
    """Bring a Pol.is conversation into a vision session that has not started collecting:
    its statements (moderated-out ones hidden), its participants (anonymous, without a
    phone) and their votes. All or nothing."""
    session = live_services.session_lock(vision.session_id)
    statements = statements_phase(session)
    if statements is None:
        raise LiveError(_("Deze sessie heeft geen stemronde om in te importeren."))
    if statements.cards.exists() or Vote.objects.filter(phase__session=session).exists():
        raise LiveError(_("Deze sessie heeft al stellingen of stemmen. Importeer in een nieuwe "
                          "visiesessie, dan blijft niets door elkaar lopen."))
    votes = export.votes
    n, m = votes.shape
    seen = ~np.isnan(votes)
    n_votes = int(seen.sum())
    if n == 0 or m == 0 or n_votes == 0:
        raise LiveError(_("Deze export bevat geen stemmen."))
    if n > IMPORT_MAX_PARTICIPANTS or m > IMPORT_MAX_STATEMENTS or n_votes > IMPORT_MAX_VOTES:
        raise LiveError(_("Deze export is te groot om in een sessie te zetten (%(n)s deelnemers, "
                          "%(m)s stellingen, %(v)s stemmen; hoogstens %(maxn)s, %(maxm)s en "
                          "%(maxv)s).") % {"n": n, "m": m, "v": n_votes,
                                            "maxn": IMPORT_MAX_PARTICIPANTS,
                                            "maxm": IMPORT_MAX_STATEMENTS,
                                            "maxv": IMPORT_MAX_VOTES})
    now = timezone.now()
    cards = live_services.cards_import(statements, [
        (_label(" ".join(str(export.statement_texts[j]).split()) or "—", CARD_MAX),
         bool(export.moderated_out[j])) for j in range(m)], created_at=now)
    people = live_services.participants_add(session, n, created_at=now)
    rows, cols = np.nonzero(seen)
    live_services.votes_import(statements, (
        (people[r].pk, f"c{cards[c].pk}", int(votes[r, c]), now)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True)))
    if export.history is not None and len(export.history):
        # who Pol.is let into the conversation along the way, also with fewer than 7 votes
        h = export.history
        inside = in_conv_history(votes.shape, h.times, h.rows, h.cols)
        map_phase = phase_of_kind(session, OPINION_MAP)
        if map_phase is not None:
            opinion.remember_entered(map_phase, [people[i].pk for i in np.flatnonzero(inside)])
    vision.import_note = _label(note or "Pol.is-export")
    vision.save(update_fields=["import_note"])
    audit(session.organisation, user, "purpose.polis_import",
          gettext_noop("Pol.is-export geïmporteerd in ‘%(title)s’"), session=session.pk,
          title=session.title, participants=n, statements=m, votes=n_votes)
    live_services.session_transition(session)
    return opinion_map_snapshot(vision, OpinionMapSnapshot.Reason.IMPORT)
