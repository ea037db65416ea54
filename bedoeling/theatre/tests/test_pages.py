"""Preparing a performance: pages, forms, a scene from a story, the log with insights."""

import pytest

from bedoeling.live import services as live
from bedoeling.stories.models import Story
from bedoeling.systemworld.models import Signal
from bedoeling.theatre import play, services
from bedoeling.theatre.models import Insight, Performance, Scene
from bedoeling.theatre.tests.urlwalk import SCENE


def test_a_facilitator_prepares_a_performance_and_plays_it(cast, client_for):
    staff = client_for(cast.facilitator)
    base = f"/o/{cast.org.slug}/regietheater/"
    assert "Regietheater" in staff.get(f"/o/{cast.org.slug}/").content.decode()
    response = staff.post(base + "nieuw/", {"title": "Wilgenhoek speelt", "intro": ""})
    performance = Performance.objects.get(organisation=cast.org)
    assert response.status_code == 302
    response = staff.post(f"{base}{performance.pk}/scenes/nieuw/", SCENE)
    assert response.status_code == 302 and performance.scenes.count() == 1
    page = staff.get(f"{base}{performance.pk}/").content.decode()
    assert "Een leerling vraagt hulp" in page
    response = staff.post(f"{base}{performance.pk}/spelen/")
    assert response.status_code == 302 and "/sessies/" in response["Location"]


@pytest.mark.parametrize("field,value,message", [
    ("title", "", "Dit veld is verplicht"),
    ("characters", "\n".join(f"Kind {n}" for n in range(13)), "Hoogstens twaalf personages."),
    ("conflict", "x" * 2100, "2000"),
])
def test_a_scene_with_bad_input_is_refused_and_nothing_is_stored(cast, client_for, field,
                                                                   value, message):
    staff = client_for(cast.facilitator)
    performance = services.performance_create(cast.org, cast.facilitator, title="P")
    response = staff.post(f"/o/{cast.org.slug}/regietheater/{performance.pk}/scenes/nieuw/",
                          {**SCENE, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Scene.objects.exists()


def test_playing_a_performance_without_scenes_says_what_to_do(cast, client_for):
    staff = client_for(cast.facilitator)
    performance = services.performance_create(cast.org, cast.facilitator, title="Leeg")
    url = f"/o/{cast.org.slug}/regietheater/{performance.pk}/spelen/"
    page = staff.post(url, follow=True).content.decode()
    assert "Voeg eerst een scène toe" in page
    assert not performance.showings.exists()


def test_a_member_who_does_not_steer_cannot_prepare(cast, client_for):
    member = client_for(cast.member)
    assert member.get(f"/o/{cast.org.slug}/regietheater/").status_code == 403
    assert "regietheater" not in member.get(f"/o/{cast.org.slug}/").content.decode()


def test_a_scene_from_a_story_keeps_the_link_and_a_foreign_story_is_refused(cast,
                                                                             client_for):
    from bedoeling.stories import services as stories

    form = stories.story_form_create(cast.org, cast.facilitator, title="Verhalen")
    story = stories.story_tell(form, text="De juf zat achter haar laptop.",
                               teller_role="employee", consent="organisation",
                               author=cast.member)
    other_form = stories.story_form_create(cast.other, cast.outsider, title="Ander")
    foreign = stories.story_tell(other_form, text="Geheim", teller_role="employee",
                                 consent="organisation", author=cast.outsider)
    staff = client_for(cast.facilitator)
    performance = services.performance_create(cast.org, cast.facilitator, title="P")
    url = f"/o/{cast.org.slug}/regietheater/{performance.pk}/scenes/nieuw/"
    page = staff.get(url, {"story": story.pk}).content.decode()
    assert "De juf zat achter haar laptop." in page
    staff.post(url, {**SCENE, "story": story.pk})
    assert Scene.objects.get().story == story
    assert "Geheim" not in staff.get(url, {"story": foreign.pk}).content.decode()
    response = staff.post(url, {**SCENE, "story": foreign.pk})
    assert response.status_code == 400 and Scene.objects.count() == 1
    assert Story.objects.filter(organisation=cast.org).count() == 1


def test_a_scene_from_a_case_keeps_the_link_and_a_case_she_may_not_read_is_refused(
        cast, client_for):
    from bedoeling.cases.tests.conftest import write_case

    case = write_case(cast.org, cast.member, situation="Een inwoner vroeg een traplift aan.")
    foreign = write_case(cast.other, cast.outsider, situation="Geheim elders.")
    performance = services.performance_create(cast.org, cast.facilitator, title="P")
    url = f"/o/{cast.org.slug}/regietheater/{performance.pk}/scenes/nieuw/"
    staff = client_for(cast.facilitator)
    assert case.title in staff.get(f"/o/{cast.org.slug}/regietheater/{performance.pk}/"
                                   ).content.decode()
    page = staff.get(url, {"case": case.pk}).content.decode()
    assert "Een inwoner vroeg een traplift aan." in page
    staff.post(url, {**SCENE, "case": case.pk})
    assert Scene.objects.get().case == case
    # Another organisation's case, and a case outside the lead's group (intervision among
    # peers: a lead outside the team does not read it), are refused and store nothing.
    assert "Geheim elders." not in staff.get(url, {"case": foreign.pk}).content.decode()
    assert staff.post(url, {**SCENE, "case": foreign.pk}).status_code == 400
    lead = client_for(cast.lead)
    page = lead.get(url, {"case": case.pk}).content.decode()
    assert "Een inwoner vroeg een traplift aan." not in page
    assert "Die casus kun je in deze organisatie niet lezen." in page
    assert lead.post(url, {**SCENE, "case": case.pk}).status_code == 400
    assert lead.get(url, {"case": "9" * 30}).status_code == 200
    assert Scene.objects.count() == 1


def test_an_insight_becomes_a_signal_in_one_step_linked_back(cast, client_for):
    performance = services.performance_create(cast.org, cast.facilitator, title="P")
    services.scene_save(performance, cast.facilitator, **SCENE)
    session = services.showing_start(performance, cast.facilitator)
    live.session_open(session, cast.facilitator)
    stop = play.start(session.phases.first())
    showing = performance.showings.get()
    staff = client_for(cast.facilitator)
    url = (f"/o/{cast.org.slug}/regietheater/{performance.pk}/logboek/{showing.pk}/"
           f"stop/{stop.pk}/inzicht/")
    assert staff.post(url, {"text": "  ", "kind": "signal"}).status_code == 400
    assert not Insight.objects.exists() and not Signal.objects.exists()
    response = staff.post(url, {"text": "De checklist gaat voor het kind.", "kind": "signal"})
    assert response.status_code == 302
    insight = Insight.objects.get()
    signal = Signal.objects.get(pk=insight.target_id)
    assert signal.organisation == cast.org and "checklist" in signal.what_happened
    log = staff.get(response["Location"]).content.decode()
    assert f"/signaal/{signal.pk}/" in log
