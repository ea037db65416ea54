"""The building blocks of a vision session, registered with the live engine.

- `visionintro`: the central question and, when recalibrating, the current Bedoeling as
  the starting point.
- `opinionmap`: the live opinion map of a statements round (the engine's `agree` block
  collects the statements and votes). Phones keep voting here while the screen shows the
  map; each phone sees its own group.
- `drafting`: the room proposes formulations of the Bedoeling, built from the consensus
  statements, and reacts to each other's.
- `adoption`: the facilitator or a lead adopts one; it becomes a new version of the
  Bedoeling with its provenance.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bedoeling.live import selectors as live_selectors
from bedoeling.live import services as live_services
from bedoeling.live.blocks import Block, moderate
from bedoeling.live.models import Card, Phase, Vote
from bedoeling.live.registry import block_for, register_block
from bedoeling.live.services import LiveError
from bedoeling.purpose import opinion, services
from bedoeling.purpose import session as vision_session
from bedoeling.purpose.models import STATEMENT_MAX, OpinionMapSnapshot, PurposeConfirmation
from bedoeling.purpose.selectors import (
    ADOPTION,
    DRAFTING,
    INTRO,
    OPINION_MAP,
    adoption_of,
    phase_of_kind,
    statement_results,
    vision_of,
)

VOTES = {"agree": 1, "disagree": -1, "pass": 0}


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _threshold(phase: Phase) -> int:
    return phase.session.organisation.anonymity_threshold


def _ranked(phase: Phase | None) -> list[dict]:
    """Statements or formulations, most agreed first, with whole percentages."""
    rows = statement_results(phase)
    for row in rows:
        seen = row["seen"]
        for key in ("agree", "disagree", "pass"):
            row[f"{key}_pct"] = round(100 * row[key] / seen) if seen else 0
    rows.sort(key=lambda r: (-(r["agree_share"] or 0), -r["seen"], r["card"].pk))
    return rows


def _moderation(phase: Phase | None) -> list[Card]:
    if phase is None:
        return []
    return list(Card.objects.filter(phase=phase, merged_into=None).order_by("-id")[:500])


def _bubbles(groups, mine) -> dict:
    """The groups as circles sized by their number of people, side by side; hers filled."""
    largest = max((g.size for g in groups), default=1) or 1
    x, out = 6.0, []
    for g in groups:
        r = max(8.0, 36 * (g.size / largest) ** 0.5)
        # Strings: a float in a template would be localised (a Dutch decimal comma).
        out.append({"cx": f"{x + r:.1f}", "r": f"{r:.1f}", "letter": g.letter,
                    "colour": g.colour, "mine": mine is not None and g.id == mine.id})
        x += 2 * r + 10
    return {"bubbles": out, "bubbles_width": f"{max(x, 100):.1f}"}


def building_blocks(phase: Phase) -> dict:
    """What the room drafts from: the consensus statements of the session's opinion map.
    A small room seldom has significant consensus; then the statements most people agree
    with (at least 60%, seen by at least half of the voters), and the page says so."""
    map_phase = phase_of_kind(phase.session, OPINION_MAP)
    if map_phase is None:
        return {"blocks": [], "blocks_shared": True}
    view = opinion.map_view(opinion.current_entry(map_phase), _threshold(phase), svg=False)
    if view.consensus:
        return {"blocks": view.consensus, "blocks_shared": True}
    source = opinion.statements_phase(map_phase)
    voters = live_selectors.voters(source) if source else 0
    rows = [r for r in _ranked(source) if r["seen"] and r["seen"] * 2 >= voters
            and r["agree_share"] >= 0.6]
    return {"blocks": [{"card": r["card"].pk, "text": r["text"], "agree": r["agree_pct"],
                        "seen": r["seen"], "groups": []} for r in rows[:3]],
            "blocks_shared": False}


class VisionBlock(Block):
    @property
    def template(self) -> str:
        return f"purpose/blocks/{self.kind}.html"


class VisionIntroBlock(VisionBlock):
    kind = INTRO
    label = gettext_lazy("Centrale vraag")
    help = gettext_lazy("De vraag van de visiesessie op alle schermen; bij een herijking ook "
                        "de huidige Bedoeling als vertrekpunt.")
    has_results = False
    personal = False

    def screen_context(self, phase):
        vision = vision_of(phase.session)
        return {"vision": vision, "base": vision.base_version if vision else None}


class OpinionMapBlock(VisionBlock):
    kind = OPINION_MAP
    label = gettext_lazy("Opiniekaart")
    help = gettext_lazy("Live uit de stemmen van een ronde eens/oneens: wie hetzelfde denkt, "
                        "wat elke groep kenmerkt, waar iedereen het over eens is en waar de "
                        "meningen uiteenlopen.")
    periodic = True  # recomputed on a throttle, so the screen asks about once a second

    def _map(self, phase, prefix, svg=True):
        entry = opinion.current_entry(phase)
        return opinion.map_view(entry, _threshold(phase), prefix=prefix, svg=svg)

    def screen_context(self, phase):
        if not phase.revealed:
            source = opinion.statements_phase(phase)
            return {"votes": Vote.objects.filter(phase=source).count() if source else 0,
                    "voters": live_selectors.voters(source) if source else 0}
        view = opinion.map_view(opinion.current_entry(phase), _threshold(phase),
                                prefix=f"screen-map-{phase.pk}", representative=2,
                                consensus=3, divisive=2)
        if len(view.groups) > 2:
            # Readable from the back of the hall: one statement per group (and one divisive
            # one) when there are many groups; the phones and the control view show more.
            for group in view.groups:
                group.representative = group.representative[:1]
            view.divisive = view.divisive[:1]
            view.consensus = view.consensus[:2]
        return {"map": view}

    def control_context(self, phase):
        source = opinion.statements_phase(phase)
        return {"map": self._map(phase, f"control-map-{phase.pk}"), "source": source,
                "moderation": _moderation(source),
                "mergeable": [r["card"] for r in statement_results(source)]}

    def personal_context(self, phase, participant):
        source = opinion.statements_phase(phase)
        if source is None:
            return {"next": None, "total": 0, "done": 0}
        ctx = block_for("agree").personal_context(source, participant)
        ctx["can_write"] = False
        if source.locked:
            ctx["readonly"] = True
            ctx["voting_closed"] = True
        if phase.revealed:
            entry = opinion.current_entry(phase)
            view = opinion.map_view(entry, _threshold(phase), svg=False)
            group_id, least = opinion.participant_group(entry, participant.pk)
            mine = next((g for g in view.groups if g.id == group_id), None)
            need = max(1, min(least, ctx.get("total", 0)) - ctx.get("done", 0))
            ctx.update(map=view, need=need, mine=mine,
                       mine_small=group_id is not None and group_id in view.small_group_ids,
                       why=opinion.why_in_group(entry, participant.pk, view.threshold)
                       if mine else [])
            ctx.update(_bubbles(view.groups, mine))
        return ctx

    def example_input(self, phase):
        source = opinion.statements_phase(phase)
        card = live_selectors.visible_cards(source.pk).first() if source else None
        return {"card": str(card.pk), "vote": "agree"} if card else None

    def act(self, phase, participant, data):
        value = VOTES.get(data.get("vote"))
        if value is None:
            raise LiveError(_("Kies eens, oneens of pas."))
        vision_session.statement_vote(phase, participant, card=_int(data.get("card")), value=value)
        return None

    def control_act(self, phase, user, action, data):
        source = opinion.statements_phase(phase)
        if source is None:
            raise LiveError(_("Bij deze kaart hoort geen stemronde."))
        if action == "seed":
            live_services.card_add(source, None, text=data.get("text", ""), seeded_by=user)
            return _("Stelling toegevoegd.")
        return moderate(phase, action, data)

    def harvest_context(self, phase):
        vision = vision_of(phase.session)
        snapshot = vision.maps.filter(reason=OpinionMapSnapshot.Reason.END).first() \
            if vision else None
        entry = snapshot.data if snapshot else opinion.current_entry(phase)
        return {"map": opinion.map_view(entry, _threshold(phase),
                                         prefix=f"harvest-map-{phase.pk}"),
                "vision": vision}

    def csv_rows(self, phase):
        view = opinion.map_view(opinion.current_entry(phase), _threshold(phase), svg=False)
        rows = []
        for group in view.groups:
            rows.append([_("groep %(g)s") % {"g": group.letter}, group.size, ""])
            for rep in group.representative:
                rows.append([_("groep %(g)s") % {"g": group.letter}, rep["text"],
                             f"{rep['share']}% {_('eens') if rep['agree'] else _('oneens')}"])
        for item in view.consensus:
            rows.append([_("gedeeld"), item["text"], f"{item['agree']}%"
                         if item["agree"] is not None else ""])
        for item in view.divisive:
            rows.append([_("verdeeld"), item["text"], ""])
        return rows


class DraftingBlock(VisionBlock):
    kind = DRAFTING
    label = gettext_lazy("Samen formuleren")
    help = gettext_lazy("Iedereen stelt een formulering van de Bedoeling voor, met de gedeelde "
                        "stellingen als bouwstenen, en reageert op die van anderen.")

    def screen_context(self, phase):
        return {**building_blocks(phase), "formulations": _ranked(phase)}

    def control_context(self, phase):
        return {**building_blocks(phase), "formulations": _ranked(phase),
                "moderation": _moderation(phase)}

    def personal_context(self, phase, participant):
        ctx = block_for("agree").personal_context(phase, participant)
        ctx.update(building_blocks(phase),
                   can_write=phase.config.get("accepts_cards", True),
                   own=list(participant.cards.filter(phase=phase).order_by("id")),
                   max_length=STATEMENT_MAX)
        return ctx

    def example_input(self, phase):
        return {"text": "Wij zijn er zodat elk kind kan leren."}

    def act(self, phase, participant, data):
        if "text" in data:
            vision_session.formulation_add(phase, participant, text=data.get("text", ""),
                                     client_key=data.get("client_key", ""))
            return _("Je formulering is toegevoegd.")
        value = VOTES.get(data.get("vote"))
        if value is None:
            raise LiveError(_("Kies eens, oneens of pas."))
        vision_session.statement_vote(phase, participant, card=_int(data.get("card")), value=value)
        return None

    def control_act(self, phase, user, action, data):
        if action == "seed":
            vision_session.formulation_add(phase, None, text=data.get("text", ""), seeded_by=user)
            return _("Formulering toegevoegd.")
        return moderate(phase, action, data)

    def harvest_context(self, phase):
        return {"formulations": _ranked(phase), **building_blocks(phase)}

    def csv_rows(self, phase):
        return [[r["text"], r["agree"], r["disagree"], r["pass"]] for r in _ranked(phase)]

    fixed_config = {"accepts_cards": True}


def _outcome(session) -> dict:
    """`adopted` (a new version) or `confirmed` (the version in force, confirmed)."""
    found = adoption_of(session)
    if isinstance(found, PurposeConfirmation):
        return {"adopted": None, "confirmed": found}
    return {"adopted": found, "confirmed": None}


class AdoptionBlock(VisionBlock):
    kind = ADOPTION
    label = gettext_lazy("Vaststellen")
    help = gettext_lazy("De begeleider of een leidinggevende stelt een formulering vast als "
                        "nieuwe versie van de Bedoeling, met de herkomst erbij.")
    has_results = False
    personal = False

    def _drafting(self, phase):
        if phase.source_id:
            return Phase.objects.filter(pk=phase.source_id, session_id=phase.session_id).first()
        return phase_of_kind(phase.session, DRAFTING)

    def screen_context(self, phase):
        outcome = _outcome(phase.session)
        done = outcome["adopted"] or outcome["confirmed"]
        return {**outcome, "formulations": [] if done else _ranked(self._drafting(phase))[:3]}

    def control_context(self, phase):
        outcome = _outcome(phase.session)
        vision = vision_of(phase.session)
        map_phase = phase_of_kind(phase.session, OPINION_MAP)
        blocks = building_blocks(phase)["blocks"] if map_phase is not None else []
        purpose = services.purpose_for(phase.session.organisation)
        current = purpose.current
        return {**outcome, "formulations": _ranked(self._drafting(phase)),
                "blocks": blocks, "vision": vision, "current": current,
                "next_number": (current.number + 1) if current else 1,
                "max_length": STATEMENT_MAX,
                "default_reason": _("Vastgesteld in de visiesessie ‘%(title)s’.")
                % {"title": phase.session.title}}

    def control_act(self, phase, user, action, data):
        if action != "adopt":
            raise LiveError(_("Dit kan in deze fase niet."))
        blocks = [_int(x) for x in data.getlist("blocks")] if hasattr(data, "getlist") else []
        done = vision_session.vision_adopt(
            phase, user, statement=data.get("statement", ""), reason=data.get("reason", ""),
            formulation=_int(data.get("formulation")),
            building_blocks=[b for b in blocks if b is not None])
        if isinstance(done, PurposeConfirmation):
            return (_("Versie %(n)s van de Bedoeling is ongewijzigd bevestigd; de herijking "
                      "schuift een jaar op.") % {"n": done.version.number})
        return _("De Bedoeling is vastgesteld als versie %(n)s.") % {"n": done.number}

    def harvest_context(self, phase):
        return _outcome(phase.session)

    def csv_rows(self, phase):
        outcome = _outcome(phase.session)
        if outcome["confirmed"]:
            version = outcome["confirmed"].version
            return [[version.statement, version.number]]
        adopted = outcome["adopted"]
        return [[adopted.statement, adopted.number]] if adopted else []


for _block in (VisionIntroBlock(), OpinionMapBlock(), DraftingBlock(), AdoptionBlock()):
    register_block(_block)
