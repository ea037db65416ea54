import pytest
from django.core.cache import cache

from bedoeling.orgs import demo as orgs_demo
from bedoeling.purpose import demo
from bedoeling.purpose.models import VisionSession
from bedoeling.purpose.opinion import map_view
from bedoeling.purpose.services import purpose_for


@pytest.mark.django_db
def test_each_demo_organisation_has_a_finished_vision_session_that_led_to_its_bedoeling():
    cache.clear()
    ctx: dict = {}
    orgs_demo.load(ctx)
    demo.load(ctx)
    for slug in ("wilgenhoek", "lindeveld"):
        org = ctx["orgs"][slug]
        current = purpose_for(org).current
        assert current.number == 2 and current.session is not None
        assert current.session.is_ended and current.for_us  # the full text, not only a line
        vision = VisionSession.objects.get(session=current.session)
        assert vision.mode == "recalibrate" and vision.base_version.number == 1
        assert 40 <= current.session.participants.count() <= 80
        kinds = set(current.sources.values_list("kind", flat=True))
        assert {"session", "opinion_map", "statement", "formulation"} <= kinds
        snapshot = vision.maps.get(reason="end")
        view = map_view(snapshot.data, org.anonymity_threshold, svg=False)
        assert 2 <= len(view.groups) <= 3
        assert all(g.characterised and g.representative for g in view.groups)
        assert view.consensus and view.divisive
