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


def test_the_demo_has_a_finished_session_whose_situations_are_signals(loaded):
    from bedoeling.live.models import LiveSession
    from bedoeling.systemworld.models import SessionDecision

    ctx, _printed = loaded
    lindeveld = ctx["orgs"]["lindeveld"]
    session = LiveSession.objects.get(organisation=lindeveld, format="dkn")
    assert session.is_ended
    signals = Signal.objects.filter(live_session=session)
    assert signals.count() == len(demo.SESSION_SITUATIONS)
    assert all(s.is_anonymous and s.reporter is None for s in signals)
    assert demo.SESSION_HIDDEN not in {s.what_happened for s in signals}
    decisions = SessionDecision.objects.filter(session=session).select_related("action")
    assert {d.action.title for d in decisions} == {
        "Een alternatief voor DigiD voorleggen aan het MT",
        "Telefonisch spreekuur verruimen tot 17 uur"}
    assert all(d.action.signals.filter(live_session=session).exists() for d in decisions)
    assert any(demo.DEMO_SESSION_RECEIPT_CODE in line for line in demo.notes())


def test_the_demo_session_receipt_shows_the_escalation(loaded, client_for):
    response = client_for().post(reverse("systemworld:receipt"),
                                 {"code": demo.DEMO_SESSION_RECEIPT_CODE})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Een alternatief voor DigiD voorleggen aan het MT" in body
    assert demo.SESSION_TITLE in body
