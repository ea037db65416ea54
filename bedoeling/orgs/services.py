from django.db import transaction
from django.utils.translation import gettext_noop

from bedoeling.accounts.audit import audit
from bedoeling.accounts.models import Membership, Role
from bedoeling.orgs.models import Organisation, Team


@transaction.atomic
def organisation_create(creator, *, name: str, description: str = "") -> Organisation:
    org = Organisation.objects.create(
        name=name.strip(), description=description.strip(),
        slug=Organisation.unique_slug_for(name),
    )
    Membership.objects.create(user=creator, organisation=org, role=Role.FACILITATOR)
    audit(org, creator, "organisation.create", gettext_noop("Organisatie %(name)s aangemaakt"),
          name=org.name)
    return org


def team_create(org, actor, *, name: str) -> Team:
    team = Team.objects.create(organisation=org, name=name.strip())
    audit(org, actor, "team.create", gettext_noop("Team %(team)s toegevoegd"), team=team.name)
    return team
