"""The blocks the intervision methods need beyond the engine's own (docs/cases.md):

- `case_statement`: the Socratic core statement in its sentence template ("Toen … deed/
  dacht/voelde ik … want …"), written privately, revealed side by side;
- `case_gossip`: the roddelmethode's round: the group writes, the case owner (read-only)
  sees every contribution arrive on her phone;
- `case_reveal`: the cards of an earlier private round side by side, on the projector and
  every phone (positions, questions, core statements);
- `case_helped`: the case owner marks the questions and advice that helped her.

Every write goes through live.services (card_add, vote_upsert)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bedoeling.live import selectors, services
from bedoeling.live.blocks import CardsBlock
from bedoeling.live.errors import LiveError
from bedoeling.live.models import CARD_MAX
from bedoeling.live.registry import Block, register_block

OWNER = "inbrenger"
VERBS = {"deed": gettext_lazy("deed"), "dacht": gettext_lazy("dacht"),
         "voelde": gettext_lazy("voelde")}
MARKABLE_KINDS = ("cards", "case_gossip", "case_statement")


def _visible(phase_id):
    return list(selectors.visible_cards(phase_id))


class StatementBlock(CardsBlock):
    kind = "case_statement"
    label = gettext_lazy("Kernuitspraak (Socratisch)")
    help = gettext_lazy("Iedereen vult voor zichzelf de zin in: ‘Toen … deed/dacht/voelde "
                        "ik … want …’; daarna naast elkaar.")
    template = "live/blocks/case_statement.html"
    fixed_config = {"private": True, "accepts_cards": True, "categories": list(VERBS),
                    "max_per_participant": 3}
    settings_form = None

    def phone_context(self, phase):
        return {"verbs": VERBS.items()}

    def personal_context(self, phase, participant):
        return {**super().personal_context(phase, participant), "verbs": VERBS.items()}

    def example_input(self, phase):
        return {"when": "de moeder boos belde", "verb": "dacht", "what": "aan het protocol",
                "because": "ik wilde niets fout doen"}

    def act(self, phase, participant, data):
        parts = {key: " ".join((data.get(key) or "").split())
                 for key in ("when", "what", "because")}
        verb = data.get("verb", "")
        if verb not in VERBS:
            raise LiveError(_("Kies wat je deed, dacht of voelde."))
        if not all(parts.values()):
            raise LiveError(_("Vul alle drie de stukjes van de zin in: toen…, wat je "
                              "deed/dacht/voelde, en want…"))
        text = _("Toen %(when)s, %(verb)s ik %(what)s, want %(because)s.") % {
            **parts, "verb": VERBS[verb]}
        if len(text) > CARD_MAX:
            raise LiveError(_("Je uitspraak is te lang (%(n)s tekens). Houd het bij %(max)s "
                              "tekens.") % {"n": len(text), "max": CARD_MAX})
        services.card_add(phase, participant, text=text, category=verb,
                          client_key=data.get("client_key", ""))
        return _("Je uitspraak is opgeslagen.")


class GossipBlock(CardsBlock):
    kind = "case_gossip"
    label = gettext_lazy("Roddelronde")
    help = gettext_lazy("De groep schrijft over de casus; wie alleen meekijkt (de "
                        "inbrenger) ziet de bijdragen binnenkomen.")
    template = "live/blocks/case_gossip.html"
    fixed_config = {"accepts_cards": True}
    settings_form = None
    # Nothing here is private: the case owner reads every contribution as it arrives, so
    # the projector shows them too instead of "hidden until the facilitator reveals them".
    has_results = False

    def screen_context(self, phase):
        cards = self._cards(phase)
        return {"count": len(cards), "cards": cards}

    def personal_context(self, phase, participant):
        context = super().personal_context(phase, participant)
        if phase.readonly_for(participant.role):
            context["arriving"] = _visible(phase.pk)
        return context


class RevealBlock(Block):
    kind = "case_reveal"
    label = gettext_lazy("Naast elkaar")
    help = gettext_lazy("De kaarten van een eerdere ronde naast elkaar, op het scherm en op "
                        "elke telefoon.")
    template = "live/blocks/case_reveal.html"
    needs_source = True
    has_results = False
    personal = False

    def screen_context(self, phase):
        return {"cards": _visible(phase.source_id) if phase.source_id else []}

    def phone_context(self, phase):
        return self.screen_context(phase)

    def csv_rows(self, phase):
        return [[c.text, c.category] for c in self.screen_context(phase)["cards"]]


class HelpedBlock(Block):
    kind = "case_helped"
    label = gettext_lazy("Wat hielp de inbrenger?")
    help = gettext_lazy("De inbrenger markeert de vragen en adviezen die haar hielpen.")
    template = "live/blocks/case_helped.html"
    has_results = False

    def _cards(self, phase):
        earlier = list(phase.session.phases.filter(position__lt=phase.position,
                                                   kind__in=MARKABLE_KINDS))
        chosen = [p for p in earlier if p.config.get("markable")] or earlier
        return [card for p in chosen for card in _visible(p.pk)]

    def _marked(self, phase) -> set[str]:
        return {target for target, tally in selectors.tallies(phase).items()
                if tally["values"].get(1)}

    def screen_context(self, phase):
        marked = self._marked(phase)
        return {"cards": [c for c in self._cards(phase) if f"c{c.pk}" in marked]}

    def control_context(self, phase):
        marked = self._marked(phase)
        return {"items": [(c, f"c{c.pk}" in marked) for c in self._cards(phase)]}

    def phone_context(self, phase):
        return self.screen_context(phase)

    def personal_context(self, phase, participant):
        if participant.role != OWNER:
            return {"not_owner": True}
        mine = selectors.votes_of(phase, participant)
        return {"items": [(c, mine.get(f"c{c.pk}") == 1) for c in self._cards(phase)]}

    def act(self, phase, participant, data):
        services.input_check(phase, participant, self.kind)
        if participant.role != OWNER:
            raise LiveError(_("Alleen de inbrenger kiest wat haar hielp. Jij kijkt mee."))
        target = data.get("card", "")
        helped = data.get("helped") == "1"
        services.vote_upsert(phase, participant, target=target, value=1 if helped else 0,
                             targets={f"c{c.pk}" for c in self._cards(phase)}, values=(0, 1),
                             refusal=_("Deze bijdrage bestaat niet (meer) in deze sessie."))
        return _("Gemarkeerd als behulpzaam.") if helped else _("Markering weggehaald.")

    def harvest_context(self, phase):
        return self.screen_context(phase)

    def contributors(self, phase):
        """Only the case owner has something to do here: the others are never waited for
        (an asynchronous discussion reminds nobody but an owner who marked nothing)."""
        others = set(phase.session.participants.exclude(role=OWNER)
                     .values_list("pk", flat=True))
        return others | selectors.contributors(phase)

    def csv_rows(self, phase):
        return [[c.text] for c in self.screen_context(phase)["cards"]]

    def helped_texts(self, phase) -> list[str]:
        return [c.text for c in self.screen_context(phase)["cards"]]


for block in (StatementBlock(), GossipBlock(), RevealBlock(), HelpedBlock()):
    register_block(block)
