"""The intervision methods as formats on the live engine, built from one library of
steps. A custom method of an organisation is a list of the same step keys; it starts a
session of the `case_custom` format with its own phases (live.services.session_create).

Each step says how long it takes (`minutes`: the control view's clock starts at it), who
may write and who sees what. The case owner (inbrenger) is read-only in the silent steps
and hidden from none: intervision is done with her, not about her behind her back."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from bedoeling.cases.blocks import OWNER
from bedoeling.live.registry import PhaseSpec, RoleSpec

LEAD, PARTICIPANT, OBSERVER = "procesbegeleider", "deelnemer", "waarnemer"

ROLES = (
    RoleSpec(OWNER, gettext_lazy("Inbrenger"),
             gettext_lazy("Brengt de casus in; luistert in de stille stappen."), single=True),
    RoleSpec(LEAD, gettext_lazy("Procesbegeleider"),
             gettext_lazy("Bewaakt de stappen en de tijd; schrijft mee."), single=True),
    RoleSpec(PARTICIPANT, gettext_lazy("Deelnemer"),
             gettext_lazy("Iedereen zonder andere rol doet als deelnemer mee.")),
    RoleSpec(OBSERVER, gettext_lazy("Waarnemer"),
             gettext_lazy("Kijkt mee en schrijft alleen in de evaluatie.")),
)


@dataclass(frozen=True)
class Step:
    key: str
    kind: str
    title: str
    prompt: str
    minutes: int
    config: dict = field(default_factory=dict)
    # The step works on the cards of the last earlier step with this key.
    source: str = ""
    readonly_for: tuple[str, ...] = (OBSERVER,)

    def spec(self, source_index: int | None = None) -> PhaseSpec:
        config = {**self.config, "minutes": self.minutes, "step": self.key}
        if source_index is not None:
            config["source"] = source_index
        return PhaseSpec(self.kind, self.title, self.prompt, config,
                         readonly_for=self.readonly_for)


SILENT = (OWNER, OBSERVER)
STEPS = {step.key: step for step in (
    Step("choose_incident", "info", _("Kies het incident"),
         _("De inbrenger kiest één concreet moment: geen heel dossier, maar het moment "
           "waarop ze moest kiezen."), 5, readonly_for=()),
    Step("sketch", "info", _("De situatie"),
         _("De inbrenger schetst wat er gebeurde, tot het moment van kiezen. De groep "
           "luistert."), 5, readonly_for=()),
    Step("info_questions", "cards", _("Informatievragen"),
         _("Schrijf voor jezelf de vragen die je de inbrenger wilt stellen. Alleen vragen "
           "naar feiten: wie, wat, wanneer, hoe vaak."), 4,
         {"private": True, "markable": True}, readonly_for=SILENT),
    Step("info_round", "case_reveal", _("Informatieronde: alleen feiten"),
         _("Stel je vragen om de beurt. De inbrenger antwoordt met feiten; nog geen mening "
           "en geen advies."), 10, source="info_questions", readonly_for=()),
    Step("purpose_question", "cards", _("Wat is hier de bedoeling?"),
         _("Wat is hier eigenlijk de bedoeling: voor de leerling, de inwoner, de cliënt? "
           "Niet wat de regel zegt, maar waarvoor we er zijn."), 5),
    Step("positions", "cards", _("Jouw standpunt"),
         _("Wat zou jij doen, en waarom? Schrijf het voor jezelf. De inbrenger zwijgt en "
           "luistert."), 5, {"private": True, "markable": True}, readonly_for=SILENT),
    Step("positions_side", "case_reveal", _("Standpunten naast elkaar"),
         _("Alle standpunten naast elkaar. Waar lijken ze op elkaar, waar verschillen ze?"),
         10, source="positions", readonly_for=()),
    Step("what_happened", "info", _("Wat deed de inbrenger werkelijk?"),
         _("De inbrenger vertelt wat ze toen deed en hoe het afliep."), 5, readonly_for=()),
    Step("discussion", "info", _("Bespreking"),
         _("Wat leren we ervan? Wat verschilt er tussen de standpunten en wat er "
           "werkelijk gebeurde?"), 15, readonly_for=()),
    Step("collect", "cards", _("Casussen verzamelen"),
         _("Welke casus zou jij willen inbrengen? Schrijf een korte titel, zonder namen."),
         5),
    Step("pitch", "info", _("Pitch in drie zinnen"),
         _("Wie een casus heeft, vertelt in drie zinnen waar het om gaat."), 5,
         readonly_for=()),
    Step("pick", "dotvote", _("Kies een casus"),
         _("Welke casus bespreken we? Geef je stip aan de casus waar de groep het meest "
           "van leert."), 3, {"dots": 1}, source="collect"),
    Step("explain", "info", _("De inbrenger vertelt"),
         _("De inbrenger vertelt haar casus uitgebreid. De groep luistert."), 10,
         readonly_for=()),
    Step("associations", "cards", _("Associaties"),
         _("Wat roept de casus bij je op? Een beeld, een gevoel, een herinnering. Schrijf "
           "het voor jezelf; straks komen ze naast elkaar."), 5,
         {"private": True, "markable": True}, readonly_for=SILENT),
    Step("clarify", "cards", _("Verhelderende vragen"),
         _("Welke vraag helpt de inbrenger haar casus scherper te zien?"), 10,
         {"markable": True}, readonly_for=SILENT),
    Step("advice", "cards", _("Advies: de inbrenger zwijgt"),
         _("Schrijf je advies. De inbrenger leest straks mee en zegt nu niets."), 10,
         {"markable": True}, readonly_for=SILENT),
    Step("owner_reacts", "info", _("De inbrenger reageert"),
         _("Wat raakte je, wat neem je mee, wat laat je liggen?"), 5, readonly_for=()),
    Step("gossip_questions", "cards", _("Vragen aan de inbrenger"),
         _("Stel de inbrenger je vragen om de casus te begrijpen."), 10,
         {"markable": True}, readonly_for=SILENT),
    Step("gossip", "case_gossip", _("Roddelen: de inbrenger zit buiten de kring"),
         _("Praat en schrijf óver de casus alsof de inbrenger er niet is: wat zie je, wat "
           "zou je doen? Zij leest mee."), 15, {"markable": True}, readonly_for=SILENT),
    Step("example", "info", _("Het voorbeeld"),
         _("De inbrenger vertelt een moment dat ze zelf meemaakte, zo precies mogelijk."),
         10, readonly_for=()),
    Step("core_statement", "case_statement", _("Kernuitspraak"),
         _("Zet jezelf in de schoenen van de inbrenger en vul de zin in: Toen … deed/dacht/"
           "voelde ik … want …"), 5),
    Step("statements_side", "case_reveal", _("Uitspraken naast elkaar"),
         _("Alle kernuitspraken naast elkaar. Wat is hetzelfde, wat verschilt?"), 15,
         source="core_statement", readonly_for=()),
    Step("values", "cards", _("De waarden eronder"),
         _("Welke waarde zit onder jouw ‘want’? Eén woord of een korte zin."), 10),
    Step("helped", "case_helped", _("Wat hielp je?"),
         _("De inbrenger tikt de vragen en adviezen aan die haar hielpen."), 5,
         readonly_for=()),
    Step("evaluation", "scale", _("Evaluatie"),
         _("Hoe bruikbaar was deze bespreking voor jou? 1 is weinig, 5 is heel veel."), 3,
         {"min": 1, "max": 5}, readonly_for=()),
)}

INCIDENT = ("choose_incident", "sketch", "info_questions", "info_round", "purpose_question",
            "positions", "positions_side", "what_happened", "discussion", "helped",
            "evaluation")
BALINT = ("collect", "pitch", "pick", "explain", "associations", "clarify", "advice",
          "owner_reacts", "helped", "evaluation")
GOSSIP = ("gossip_questions", "gossip", "owner_reacts", "helped", "evaluation")
SOCRATIC = ("example", "core_statement", "statements_side", "values", "evaluation")
CUSTOM_DEFAULT = ("sketch", "clarify", "advice", "owner_reacts", "helped", "evaluation")


def phases(step_keys) -> tuple[PhaseSpec, ...]:
    """The phases of a list of steps; a step that works on an earlier one gets its index.
    Raises ValidationError naming a step that is unknown or lacks the step it needs."""
    specs, last = [], {}
    for key in step_keys:
        step = STEPS.get(key)
        if step is None:
            raise ValidationError(_("Deze stap bestaat niet: %(step)s.") % {"step": key})
        source = None
        if step.source:
            if step.source not in last:
                raise ValidationError(
                    _("De stap ‘%(step)s’ heeft eerst de stap ‘%(needs)s’ nodig.")
                    % {"step": step.title, "needs": STEPS[step.source].title})
            source = last[step.source]
        last[key] = len(specs)
        specs.append(step.spec(source))
    return tuple(specs)

