from datetime import timedelta

import pytest
from django.utils import timezone

from bedoeling.accounts.models import Membership, Role
from bedoeling.conftest import make_user
from bedoeling.reflection import services


@pytest.fixture
def entry(cast):
    return services.entry_write(
        cast.org, cast.member, answers={
            "from": "Ik liet Sem eerst vertellen over zijn weekend.",
            "way": "Het leerlingvolgsysteem vroeg weer drie velden per kind.",
            "need": "Minder invoeren."},
        from_purpose=4, parts=["for_client"], obstacles=["systems"])


@pytest.fixture
def crowd(cast):
    """Six more members of the organisation, two of them in the cast's team."""
    people = []
    for i in range(6):
        person = make_user(f"lid{i}@example.org", f"Lid {i}")
        Membership.objects.create(user=person, organisation=cast.org, role=Role.MEMBER,
                                  team=cast.team if i < 2 else None)
        people.append(person)
    return people


def open_round(cast, *, team=None, days=7, questions=None):
    return services.round_open(
        cast.org, cast.lead, title="Hoe gaat het met de Bedoeling?", team=team,
        closes_on=timezone.localdate() + timedelta(days=days),
        questions=questions or [
            ("scale", "Ik kon werken vanuit de Bedoeling.", []),
            ("choice", "Wat helpt het meest?", ["tijd", "ruimte", "elkaar"]),
            ("open", "Wat zou je veranderen?", []),
        ])
