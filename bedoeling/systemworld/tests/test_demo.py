import pytest
from django.urls import reverse

from bedoeling.orgs import demo as orgs_demo
from bedoeling.purpose import demo as purpose_demo
from bedoeling.systemworld import demo, selectors
from bedoeling.systemworld.models import Action, Notification, Signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(capsys):
    ctx: dict = {}
    orgs_demo.load(ctx)
    purpose_demo.load(ctx)
    demo.load(ctx)
    return ctx, capsys.readouterr().out


def test_the_demo_tells_the_whole_story(loaded, mailoutbox):
    ctx, printed = loaded
    lindeveld = ctx["orgs"]["lindeveld"]
    actions = Action.objects.filter(organisation=lindeveld)
    assert set(actions.values_list("status", flat=True)) == set(Action.Status.values)
    assert set(actions.values_list("kind", flat=True)) == set(Action.Kind.values)
    assert any(a.needs_verdict() for a in actions)
    assert any(a.is_overdue() for a in actions)
    signals = Signal.objects.filter(organisation=lindeveld)
    assert signals.filter(source=Signal.Source.PUBLIC).count() == 1
    assert signals.filter(reporter__isnull=False).exists()
    assert selectors.hotspots(lindeveld).missing_purpose
    assert Signal.objects.filter(organisation=ctx["orgs"]["wilgenhoek"]).exists()
    assert any(demo.DEMO_RECEIPT_CODE in line for line in demo.notes())
    assert Notification.objects.filter(read_at=None).exists()
    assert mailoutbox == []  # demo data makes history, not news


def test_the_demo_receipt_shows_a_closed_loop(loaded, client_for):
    response = client_for().post(reverse("systemworld:receipt"),
                                 {"code": demo.DEMO_RECEIPT_CODE})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Afgerond" in body
    assert "Bewijsstukken die we al hebben niet opnieuw opvragen" in body
    assert "excuses" in body


def test_the_demo_public_link_works(loaded, client_for):
    response = client_for().get(reverse("systemworld:public_report",
                                        kwargs={"link": demo.DEMO_PUBLIC_LINK}))
    assert response.status_code == 200
