"""A case written by the cast's member (team Bovenbouw), a colleague of her team and one of
another team."""

from types import SimpleNamespace

import pytest

from bedoeling.accounts.models import Membership, Role
from bedoeling.cases import services
from bedoeling.conftest import make_user
from bedoeling.orgs.models import Team

CASE = {
    "title": "De aanvraag die klopte maar niet hielp",
    "situation": "Een inwoner vroeg een traplift aan. Alles klopte volgens de regels.",
    "dilemma": "Toekennen volgens het protocol, of eerst vragen wat hij echt nodig had.",
    "question": "Hoe had ik het gesprek kunnen openen?",
    "purpose_part": "for_client",
}


def write_case(org, author, **overrides):
    return services.case_create(org, author, **{**CASE, **overrides})


@pytest.fixture
def group(cast):
    colleague = make_user("daan@example.org", "Daan")
    Membership.objects.create(user=colleague, organisation=cast.org, role=Role.MEMBER,
                              team=cast.team)
    elsewhere = Team.objects.create(organisation=cast.org, name="Onderbouw")
    stranger = make_user("priya@example.org", "Priya")
    Membership.objects.create(user=stranger, organisation=cast.org, role=Role.MEMBER,
                              team=elsewhere)
    case = write_case(cast.org, cast.member)
    return SimpleNamespace(case=case, colleague=colleague, stranger=stranger)
