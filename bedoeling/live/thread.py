"""A session read as a thread: step by step, contributions in the order they came, as one
reader may see them. For an asynchronous session this is where people read what the
others wrote on the days they were not there; afterwards it is the discussion as a whole.

What a reader sees is what the projector would have shown her: a step's results once
they are revealed (an asynchronous step reveals them when it closes), a write-then-reveal
step's cards only after the reveal, nothing of a step hidden from her role, no card the
facilitator hid, and no names or times in an anonymous session. Her own contributions
she always sees."""

from datetime import datetime

from django.template.loader import render_to_string

from bedoeling.live import selectors
from bedoeling.live.models import Card, LiveSession, Participant
from bedoeling.live.registry import block_for


def shown_to_all(phase) -> bool:
    block = block_for(phase.kind)
    return (phase.revealed or not block.has_results
            or (not phase.config.get("private") and bool(phase.config.get("show_live"))))


def thread_steps(session: LiveSession, reader: Participant | None, now: datetime,
                 request=None) -> list[dict]:
    """The steps a reader can follow: those that have opened (all, in a live session)."""
    steps = []
    for phase in session.phases.all():
        if session.asynchronous and not (phase.opens_at and phase.opens_at <= now):
            continue
        step = {"phase": phase, "block": block_for(phase.kind), "hidden": False,
                "shown": shown_to_all(phase), "cards": [], "own": [], "html": "",
                "open": bool(phase.closes_at and now < phase.closes_at)}
        steps.append(step)
        if reader is not None and phase.hidden_for(reader.role):
            # Not its title or prompt either, as on her phone.
            step["hidden"] = True
            continue
        if step["shown"]:
            cards = list(selectors.visible_cards(phase.pk).select_related("participant")
                         .order_by("created_at", "id"))
            step["cards"] = [_entry(session, card) for card in cards]
            if not cards and phase.kind != "cards":
                ctx = {"phase": phase, "block": step["block"], "session": session}
                ctx.update(step["block"].harvest_context(phase))
                step["html"] = render_to_string(f"{step['block'].template}#harvest", ctx,
                                                request=request)
        elif reader is not None:
            step["own"] = [_entry(session, card) for card in Card.objects.filter(
                phase=phase, participant=reader).order_by("created_at", "id")]
    return steps


def _entry(session: LiveSession, card: Card) -> dict:
    named = not session.anonymous and card.participant is not None
    return {"text": card.text, "category": card.category,
            "author": card.participant.name if named else "",
            "when": card.created_at if named else None}
