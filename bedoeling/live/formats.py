"""The engine's own format, usable before any domain format exists."""

from django.utils.translation import gettext_lazy as _

from bedoeling.live.registry import Format, PhaseSpec, register_format

OPEN_SESSION = register_format(Format(
    key="open",
    name=_("Open werksessie"),
    description=_("Kaarten verzamelen, groeperen, stippen stemmen en oogsten."),
    order=90,
    phases=(
        PhaseSpec("info", _("Welkom"), _("Pak je telefoon en doe mee. Je bent anoniem.")),
        PhaseSpec("cards", _("Verzamelen"), _("Wat valt je op? Schrijf één gedachte per kaart."),
                  {"private": False}),
        PhaseSpec("group", _("Groeperen"), _("We ordenen de kaarten samen."), {"source": 1}),
        PhaseSpec("dotvote", _("Stemmen"), _("Waar willen we mee verder? Verdeel je stippen."),
                  {"source": 2, "dots": 3}),
        PhaseSpec("info", _("Oogst"), _("Dank je wel! De oogst is straks terug te lezen.")),
    ),
))
