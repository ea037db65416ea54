"""The vision format: creating or recalibrating the Bedoeling in a live session."""

from django.utils.translation import gettext_lazy as _

from bedoeling.live.registry import Format, PhaseSpec, register_format
from bedoeling.purpose import session as vision
from bedoeling.purpose.selectors import ADOPTION, DRAFTING, INTRO, OPINION_MAP

VISION = register_format(Format(
    key=vision.VISION_FORMAT,
    name=_("Visie-creatie en herijking"),
    description=_("Stellingen schrijven en stemmen, een live opiniekaart, samen formuleren "
                  "en de Bedoeling vaststellen, met de herkomst erbij."),
    order=20,
    phases=(
        PhaseSpec(INTRO, vision.DEFAULT_QUESTION,
                  _("Pak je telefoon en doe mee. Je bent anoniem: niemand ziet wie wat "
                    "schreef of stemde.")),
        PhaseSpec("agree", _("Stellingen"),
                  _("Schrijf korte stellingen over waarvoor we er zijn, en reageer op die van "
                    "anderen: eens, oneens of pas."),
                  {"accepts_cards": True}),
        PhaseSpec(OPINION_MAP, _("De opiniekaart"),
                  _("Wie denkt er hetzelfde, en waar zijn we het over eens? Stem gerust "
                    "verder."),
                  {"source": 1}),
        PhaseSpec(DRAFTING, _("Samen formuleren"),
                  _("Schrijf de Bedoeling in één zin, met de gedeelde stellingen als "
                    "bouwstenen, en reageer op de formuleringen van anderen."),
                  {"accepts_cards": True}),
        PhaseSpec(ADOPTION, _("Vaststellen"),
                  _("De formulering die we vaststellen wordt de nieuwe versie van de "
                    "Bedoeling."),
                  {"source": 3}),
    ),
    on_create=vision.vision_link,
    on_end=vision.vision_harvest,
))
