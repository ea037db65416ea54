"""The regietheater format: the audience directs a scene. Created from a performance it
gets a regie phase per scene (`services.showing_link`); created from "Nieuwe sessie" it
has one scene the facilitator describes in the phase itself."""

from django.utils.translation import gettext_lazy as _

from bedoeling.live.registry import Format, PhaseSpec, RoleSpec, register_format
from bedoeling.theatre.services import ACTOR, FORMAT_KEY, REGIE_DEFAULTS, showing_link

REGIETHEATER = register_format(Format(
    key=FORMAT_KEY,
    name=_("Regietheater"),
    description=_("Acteurs spelen een herkenbare scène; de zaal drukt op STOP, stelt voor "
                  "wat een personage anders doet, kiest, ziet het herspeeld en oordeelt."),
    roles=(RoleSpec(ACTOR, _("Acteur"), help=_("Een tablet naast het podium: de gekozen "
                                                  "regie in grote letters."), view="stage"),),
    phases=(PhaseSpec("regie", _("De scène"),
                      _("Kijk naar de scène. Druk op STOP als het anders moet."),
                      config=dict(REGIE_DEFAULTS), readonly_for=(ACTOR,)),),
    on_create=showing_link,
    order=60,
))
