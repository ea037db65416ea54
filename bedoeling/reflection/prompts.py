"""The templates an entry can start from: prompts on the Bedoeling's parts, or a known
reflection model. The wording is our own; the models are named after their authors."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DEFAULT = "bedoeling"


@dataclass(frozen=True)
class Prompt:
    key: str
    question: str
    hint: str = ""


@dataclass(frozen=True)
class Model:
    key: str
    name: str
    about: str
    prompts: tuple[Prompt, ...]


MODELS = {
    DEFAULT: Model(
        DEFAULT, _("Vanuit de Bedoeling"),
        _("Drie vragen over je week, met de Bedoeling ernaast."),
        (
            Prompt("from", _("Waar werkte je deze week vanuit de bedoeling?"),
               _("Een moment, een gesprek, een besluit: wat deed je en waarom?")),
            Prompt("way", _("Wat zat in de weg?"),
               _("Een regel, een systeem, drukte, twijfel: wat hield je tegen?")),
            Prompt("need", _("Wat heb je nodig?"),
               _("Van jezelf, van je team, van je leidinggevende.")),
        ),
    ),
    "alact": Model(
        "alact", _("ALACT (Korthagen)"),
        _("Vijf stappen rond één concrete situatie: handelen, terugblikken, de kern zien, "
          "alternatieven zoeken en uitproberen."),
        (
            Prompt("action", _("Wat gebeurde er, en wat deed jij?"),
               _("Kies één situatie en beschrijf die zo feitelijk als je kunt.")),
            Prompt("looking_back", _("Wat wilde, dacht en voelde je toen? En de ander?")),
            Prompt("essence", _("Wat is voor jou de kern van deze situatie?"),
               _("Waarom bleef juist dit hangen?")),
            Prompt("alternatives", _("Welke andere manieren van handelen zie je?"),
               _("Wat zijn de voor- en nadelen, en wat kies je?")),
            Prompt("trial", _("Wat ga je de volgende keer uitproberen?")),
        ),
    ),
    "kolb": Model(
        "kolb", _("Leercyclus (Kolb)"),
        _("Van een ervaring via kijken en begrijpen naar iets nieuws doen."),
        (
            Prompt("experience", _("Welke ervaring neem je onder de loep?")),
            Prompt("observation", _("Wat zag je gebeuren, bij jezelf en bij anderen?")),
            Prompt("concept", _("Hoe verklaar je wat er gebeurde? Welke les of regel haal je "
                                "eruit?")),
            Prompt("experiment", _("Wat doe je daarom voortaan anders?")),
        ),
    ),
    "gibbs": Model(
        "gibbs", _("Reflectiecyclus (Gibbs)"),
        _("Zes vragen, van beschrijven tot een plan voor de volgende keer."),
        (
            Prompt("description", _("Wat gebeurde er?")),
            Prompt("feelings", _("Wat dacht en voelde je?")),
            Prompt("evaluation", _("Wat ging goed en wat niet?")),
            Prompt("analysis", _("Hoe kwam dat, denk je?")),
            Prompt("conclusion", _("Wat had je nog meer kunnen doen?")),
            Prompt("plan", _("Wat doe je als het weer gebeurt?")),
        ),
    ),
    "core": Model(
        "core", _("Kernkwadrant (Ofman)"),
        _("Een kwaliteit van jezelf, wat er gebeurt als je er te ver in gaat, en wat je "
          "daarvan kunt leren."),
        (
            Prompt("quality", _("Welke kwaliteit van jezelf zag je deze week terug?")),
            Prompt("pitfall", _("Wanneer schoot die door, en wat werd het dan?")),
            Prompt("challenge", _("Wat is de uitdaging: het positieve tegenovergestelde van "
                                  "die valkuil?")),
            Prompt("allergy", _("Waar raak je bij anderen door geïrriteerd, en wat zegt dat "
                                "over jouw uitdaging?")),
        ),
    ),
}


def model_of(key: str) -> Model:
    return MODELS.get(key, MODELS[DEFAULT])


def model_choices() -> list[tuple[str, str]]:
    return [(m.key, m.name) for m in MODELS.values()]
