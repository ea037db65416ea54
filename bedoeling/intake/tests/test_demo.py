import pytest

from bedoeling.intake import demo
from bedoeling.intake.models import SparringRequest
from bedoeling.orgs import demo as orgs_demo


@pytest.mark.django_db
def test_the_demo_has_two_requests_one_already_an_organisation(client_for):
    ctx: dict = {}
    orgs_demo.load(ctx)
    demo.load(ctx)
    waiting, converted = (SparringRequest.objects.get(status=s) for s in (
        SparringRequest.Status.NEW, SparringRequest.Status.CONVERTED))
    assert converted.organisation.invitations.get().email == converted.email
    sanne = ctx["users"]["begeleider@bedoeling.test"]
    html = client_for(sanne).get("/sparsessies/").content.decode()
    assert waiting.name in html and converted.name in html
