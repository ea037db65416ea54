"""The intervision methods registered as formats on the live engine (docs/cases.md)."""

from django.utils.translation import gettext_lazy as _

from bedoeling.cases import methods, services
from bedoeling.live.registry import Format, register_format

CUSTOM = "case_custom"

METHODS = {
    "case_incident": (methods.INCIDENT, _("Incidentmethode"), _(
        "Een concreet incident: informatievragen, de bedoeling, ieders standpunt eerst voor "
        "jezelf en dan naast elkaar, wat de inbrenger werkelijk deed.")),
    "case_balint": (methods.BALINT, _("Balintmethode"), _(
        "Casussen verzamelen en er één kiezen, associaties, verhelderende vragen en "
        "schriftelijk advies terwijl de inbrenger zwijgt.")),
    "case_gossip": (methods.GOSSIP, _("Roddelmethode"), _(
        "Na de vragen zit de inbrenger buiten de kring: ze leest mee wat de groep over haar "
        "casus zegt, en reageert daarna.")),
    "case_socratic": (methods.SOCRATIC, _("Socratisch gesprek"), _(
        "Ieder schrijft een kernuitspraak (‘Toen … deed/dacht/voelde ik … want …’); de "
        "uitspraken naast elkaar, dan de waarden eronder.")),
    CUSTOM: (methods.CUSTOM_DEFAULT, _("Eigen intervisiemethode"), _(
        "Een methode uit dezelfde stappen, door je organisatie samengesteld. Zonder eigen "
        "methode: vertellen, vragen, advies, reactie en evaluatie.")),
}

for order, (key, (steps, name, description)) in enumerate(METHODS.items()):
    register_format(Format(
        key=key, name=name, description=description, phases=methods.phases(steps),
        roles=methods.ROLES, allow_names=True, on_end=services.discussion_harvest,
        order=60 + order,
    ))
