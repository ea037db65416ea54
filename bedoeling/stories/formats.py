"""The storytelling format: collect, craft, share, vote, publish (issue 5, item 5)."""

from django.utils.translation import gettext_lazy as _

from bedoeling.live.registry import Format, PhaseSpec, register_format
from bedoeling.stories import session as storytelling
from bedoeling.stories.models import CRAFT, PUBLISH, SHOW, WRITE

STORYTELLING_FORMAT = "storytelling"

STORYTELLING = register_format(Format(
    key=STORYTELLING_FORMAT,
    name=_("Verhalen vertellen"),
    description=_("Verhalen vertellen of uit de verhalenbank kiezen, er in groepjes een "
                  "verhaal van maken dat de Bedoeling concreet maakt, delen, stemmen en de "
                  "gekozen verhalen in de verhalenbank zetten, met hun herkomst."),
    order=40,
    phases=(
        PhaseSpec("info", _("Welkom"),
                  _("Pak je telefoon en doe mee. Je bent anoniem: je naam komt nergens bij "
                    "je verhaal.")),
        PhaseSpec(WRITE, _("Vertel een verhaal"),
                  _("Vertel over een moment waarop je merkte dat het werkte zoals bedoeld — "
                    "of juist niet. Of kies een verhaal uit de verhalenbank.")),
        PhaseSpec(CRAFT, _("Maak er samen een verhaal van"),
                  _("Kies in je groep één verhaal en maak het af: de situatie, de spanning, "
                    "wat we deden vanuit de Bedoeling en wat het opleverde. Eén telefoon "
                    "schrijft, de anderen kijken mee.")),
        PhaseSpec(SHOW, _("Delen en stemmen"),
                  _("Welke verhalen laten de Bedoeling het best zien? Verdeel je stippen."),
                  {"dots": 3}),
        PhaseSpec(PUBLISH, _("Naar de verhalenbank"),
                  _("Deze verhalen gaan de verhalenbank in, zodat de hele organisatie ervan "
                    "kan leren."), {"publish": storytelling.PUBLISH_DEFAULT}),
    ),
    on_create=storytelling.storytelling_link,
    on_end=storytelling.storytelling_harvest,
))
