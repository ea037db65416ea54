"""Regietheater during play: the hall stops the scene, proposes, votes, sees the replay
and judges; bad input is refused with a clear message and stores nothing."""

import importlib
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from bedoeling.live import render
from bedoeling.live import services as live
from bedoeling.live.errors import LiveError
from bedoeling.live.models import Vote
from bedoeling.live.tests.forms import PostForms
from bedoeling.theatre import play, services
from bedoeling.theatre.models import Proposal, Stop
from bedoeling.theatre.tests.urlwalk import SCENE


@pytest.fixture
def room(cast, client_for):
    performance = services.performance_create(cast.org, cast.facilitator, title="Wilgenhoek")
    services.scene_save(performance, cast.facilitator, **SCENE)
    services.scene_save(performance, cast.facilitator, **{**SCENE, "title": "Het loket",
                                                          "characters": "De ambtenaar"})
    session = services.showing_start(performance, cast.facilitator)
    live.session_open(session, cast.facilitator)
    phones = []
    for _ in range(4):
        phone = Client()
        assert phone.post(f"/doe-mee/{session.code}/").status_code == 302
        phones.append(phone)
    session.refresh_from_db()
    return session, phones, client_for(cast.facilitator)


def post(phone, session, phase, **data):
    return phone.post(f"/doe-mee/{session.code}/fase/{phase.pk}/", data,
                      HTTP_HX_REQUEST="true")


def joker(staff, session, phase, **data):
    url = f"/o/{session.organisation.slug}/sessies/{session.pk}/fasen/{phase.pk}/actie/"
    return staff.post(url, data, HTTP_HX_REQUEST="true")


def test_a_performance_gets_a_phase_per_scene_linked_to_it(room):
    session, _phones, _staff = room
    phases = list(session.phases.all())
    assert [p.title for p in phases] == ["De juf", "Het loket"]
    assert all(p.kind == "regie" and p.config["scene"] for p in phases)
    assert all(p.readonly_for("actor") for p in phases)


def test_a_whole_stop_from_presses_to_judgement(room):
    session, phones, staff = room
    phase = session.phases.first()
    assert joker(staff, session, phase, action="start").status_code == 200
    stop = play.current_stop(phase)
    for phone in phones[:3]:
        assert post(phone, session, phase, do="press", stop=stop.pk).status_code == 200
    # A phone that sends its press again (back online, a double tap) counts once.
    assert post(phones[0], session, phase, do="press", stop=stop.pk).status_code == 200
    assert play.meter(stop)["count"] == 3
    joker(staff, session, phase, action="threshold", threshold="3", window="10")
    assert joker(staff, session, phase, action="freeze", character="De juf").status_code == 200
    stop.refresh_from_db()
    assert (stop.stage, stop.stopped_by, stop.presses) == ("frozen", "hall", 3)
    page = phones[0].get(f"/doe-mee/{session.code}/").content.decode()
    assert "Wat moet De juf nu doen?" in page
    post(phones[0], session, phase, do="propose", stop=stop.pk, text="Ze zegt: ik kom zo",
         client_key="k1")
    post(phones[0], session, phase, do="propose", stop=stop.pk, text="Ze zegt: ik kom zo",
         client_key="k1")  # a retry: no second proposal
    post(phones[1], session, phase, do="propose", stop=stop.pk, text="Ze legt de pen neer")
    post(phones[2], session, phase, do="propose", stop=stop.pk, text="Ze legt haar pen weg")
    assert stop.proposals.count() == 3
    joker(staff, session, phase, action="merge", number="3", into="2")
    joker(staff, session, phase, action="vote")
    for phone, choice in zip(phones, ("2", "2", "1", "2"), strict=True):
        assert post(phone, session, phase, do="vote", stop=stop.pk,
                    number=choice).status_code == 200
    screen = render.screen_snapshot(session)
    assert "Ze legt de pen neer" in screen and "Ze legt haar pen weg" not in screen
    joker(staff, session, phase, action="choose")
    stop.refresh_from_db()
    assert stop.stage == "replay" and stop.chosen.text == "Ze legt de pen neer"
    assert "Ze legt de pen neer" in render.screen_snapshot(session)
    for phone, value in zip(phones, ("4", "5", "3", "4"), strict=True):
        post(phone, session, phase, do="judge", stop=stop.pk, value=value)
    assert Vote.objects.filter(target=f"j{stop.pk}").count() == 0  # not yet: replay first
    joker(staff, session, phase, action="judge")
    for phone, value in zip(phones, ("4", "5", "3", "4"), strict=True):
        assert post(phone, session, phase, do="judge", stop=stop.pk,
                    value=value).status_code == 200
    joker(staff, session, phase, action="notes", stop="1", notes="Juf twijfelde lang.")
    # And again: the same scene plays on and may be stopped a second time.
    joker(staff, session, phase, action="start")
    second = play.current_stop(phase)
    assert second.number == 2 and second.stage == "play"
    assert post(phones[3], session, phase, do="press", stop=second.pk).status_code == 200
    harvest = render.harvest_phases(session)[0]["html"]
    assert "Ze legt de pen neer" in harvest and "Juf twijfelde lang." in harvest
    assert "Gemiddeld 4,0 op 5" in harvest or "Gemiddeld 4.0 op 5" in harvest
    # Numbered, so that a merged proposal says which one it joined.
    assert "3. Ze legt haar pen weg" in harvest and "samengevoegd met 2" in harvest


def test_the_actor_sees_the_chosen_direction_in_large_type_and_cannot_act(room):
    session, phones, staff = room
    phase = session.phases.first()
    actor = session.participants.order_by("id").last()
    live.participant_role_give(session, actor.pk, "actor")
    play.start(phase)
    stop = play.current_stop(phase)
    play.freeze(phase, character="De juf")
    play.propose(phase, session.participants.first(), stop_raw=stop.pk, text="Kijk op")
    play.vote_open(phase)
    play.choose(phase)
    session.refresh_from_db()
    page = phones[3].get(f"/doe-mee/{session.code}/").content.decode()
    assert "phone-phase--stage" in page and "data-regie-direction" in page
    assert "Kijk op" in page
    before = Vote.objects.count()
    response = post(phones[3], session, phase, do="judge", stop=stop.pk, value="3")
    assert response.status_code == 400 and Vote.objects.count() == before


@pytest.mark.parametrize("case", ["press_frozen", "propose_playing", "vote_frozen",
                                  "judge_replay", "other_stop", "empty", "long", "ended"])
def test_bad_input_is_refused_with_a_message_and_stores_nothing(room, case):
    session, phones, _staff = room
    phase = session.phases.first()
    stop = play.start(phase)
    data = {"press_frozen": {"do": "press"}, "propose_playing": {"do": "propose", "text": "x"},
            "vote_frozen": {"do": "vote", "number": "1"},
            "judge_replay": {"do": "judge", "value": "3"},
            "other_stop": {"do": "press", "stop": "999999"},
            "empty": {"do": "propose", "text": "   "},
            "long": {"do": "propose", "text": "x" * 400},
            "ended": {"do": "press"}}[case]
    data.setdefault("stop", stop.pk)
    if case in ("press_frozen", "vote_frozen", "empty", "long"):
        play.freeze(phase, character="De juf")
    if case == "judge_replay":
        play.freeze(phase, character="De juf")
        play.propose(phase, session.participants.first(), stop_raw=stop.pk, text="Doe iets")
        play.vote_open(phase)
        play.choose(phase)
    if case == "ended":
        live.session_end(session, None)
    before = (Vote.objects.count(), Proposal.objects.count())
    response = post(phones[1], session, phase, **data)
    assert response.status_code == 400
    assert b'message--error' in response.content
    expected = {"press_frozen": "De scène staat al stil", "other_stop": "speelt niet meer",
                "ended": "afgelopen"}.get(case)
    if expected:
        assert expected in response.content.decode()
    assert (Vote.objects.count(), Proposal.objects.count()) == before


@pytest.mark.parametrize("stop_raw", ["other_phase", "0", "-1", "1.0", "\u0661", "", "s1",
                                      "9" * 30])
def test_a_press_for_a_stop_that_does_not_play_in_this_phase_stores_nothing(room, stop_raw):
    session, phones, _staff = room
    phase, other = session.phases.all()[:2]
    play.start(phase)
    elsewhere = play.start(other)  # played in the other scene, not in the current one
    data = {"do": "press", "stop": elsewhere.pk if stop_raw == "other_phase" else stop_raw}
    response = post(phones[1], session, phase, **data)
    assert response.status_code == 400
    assert "speelt niet meer" in response.content.decode()
    assert not Vote.objects.exists()


def test_a_press_costs_two_queries_and_answers_that_it_counts(room,
                                                              django_assert_max_num_queries):
    session, phones, _staff = room
    phase = session.phases.first()
    stop = play.start(phase)
    post(phones[0], session, phase, do="press", stop=stop.pk)
    # The phone with its session (one statement), the write that checks the stop plays.
    with django_assert_max_num_queries(2):
        response = post(phones[1], session, phase, do="press", stop=stop.pk)
    assert response.status_code == 200
    assert "STOP doorgegeven" in response.content.decode()
    assert Vote.objects.filter(target=f"s{stop.pk}").count() == 2
    # Afterwards (a reload) the phone still shows that its press counts.
    assert "Jouw STOP telt mee." in phones[1].get(f"/doe-mee/{session.code}/").content.decode()


def test_the_joker_cannot_skip_a_stage(room):
    session, _phones, _staff = room
    phase = session.phases.first()
    with pytest.raises(LiveError):
        play.freeze(phase, character="De juf")  # nothing plays yet
    play.start(phase)
    with pytest.raises(LiveError):
        play.start(phase)  # still playing
    with pytest.raises(LiveError):
        play.freeze(phase, character="  ")
    play.freeze(phase, character="De juf")
    with pytest.raises(LiveError):
        play.vote_open(phase)  # no proposal yet
    assert Stop.objects.get(phase=phase).stage == "frozen"


def _backdate_run(stop, seconds: int) -> None:
    Stop.objects.filter(pk=stop.pk).update(
        started_at=timezone.now() - timedelta(seconds=seconds))


def _stop_and_judge(phase, participant, character: str, text: str) -> Stop:
    stop = play.freeze(phase, character=character)
    play.propose(phase, participant, stop_raw=stop.pk, text=text)
    play.vote_open(phase)
    play.vote(phase, participant, stop_raw=stop.pk, number=1)
    play.choose(phase)
    play.judge_open(phase)
    play.judge(phase, participant, stop_raw=stop.pk, value=4)
    return stop


def test_a_stop_counts_its_time_from_the_run_it_interrupted_in_every_log(room, cast):
    session, _phones, _staff = room
    phase = session.phases.first()
    person = session.participants.first()
    first = play.start(phase)
    _backdate_run(first, 600)  # the first play ran ten minutes
    first = _stop_and_judge(phase, person, "De juf", "Ze kijkt op")
    second = play.start(phase)
    _backdate_run(second, 40)  # the replay had run 40 s when the hall stopped it
    second = _stop_and_judge(phase, person, "De ib'er", "Hij wacht tot vrijdag")
    third = play.start(phase)  # replayed once more, and played to the end unstopped
    assert (first.at_seconds, second.at_seconds, third.at_seconds) == (600, 40, None)
    live.session_end(session, cast.facilitator)

    harvest = render.harvest_phases(session)[0]["html"]
    assert "Stop 1 · in het eerste spel, na 10:00 min" in harvest
    assert "Stop 2 · in herhaling 1, na 40 s" in harvest
    assert "In herhaling 2: niet gestopt" in harvest
    # A run nobody stopped is in the log; a scene never played says so.
    assert "Deze scène is niet gespeeld." in render.harvest_phases(session)[1]["html"]
    assert "De joker stopte de scène om" in harvest
    assert "(0 keer STOP; drempel 5 binnen 5 s)" in harvest
    assert "1. Ze kijkt op" in harvest

    staff = Client()
    staff.force_login(cast.lead)
    base = f"/o/{cast.org.slug}/sessies/{session.pk}"
    csv = staff.get(f"{base}/oogst.csv").content.decode("utf-8-sig")
    assert ";1;het eerste spel;600;de joker;0;De juf;Ze kijkt op;4;1;" in csv
    assert ";2;herhaling 1;40;de joker;0;De ib'er;Hij wacht tot vrijdag;4;1;" in csv
    assert ";2;voorstel 1;Hij wacht tot vrijdag;1;;gekozen" in csv
    assert ";3;herhaling 2;;;0;" in csv

    report = staff.get(f"{base}/oogst.pdf")
    assert report.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(report.content)).pages)
    text = " ".join(text.split())
    assert "Stop 2 · in herhaling 1, na 40 s" in text
    assert "In herhaling 2: niet gestopt" in text


def test_the_migration_recounts_earlier_stops_from_their_own_run_and_back(room):
    from django.apps import apps

    recount = importlib.import_module("bedoeling.theatre.migrations.0003_stop_time_in_its_run")
    session, _phones, _staff = room
    phase = session.phases.first()
    person = session.participants.first()
    play.start(phase)
    _stop_and_judge(phase, person, "De juf", "Ze kijkt op")
    play.start(phase)
    play.freeze(phase, character="De juf")
    t0 = timezone.now() - timedelta(hours=1)
    # Counted the old way: the second stop from the first play (700 s + 40 s).
    for number, started, stopped in ((1, 0, 600), (2, 700, 740)):
        Stop.objects.filter(phase=phase, number=number).update(
            started_at=t0 + timedelta(seconds=started),
            stopped_at=t0 + timedelta(seconds=stopped), at_seconds=stopped)
    recount.forwards(apps, None)
    assert list(Stop.objects.order_by("number").values_list("at_seconds", flat=True)) == [
        600, 40]
    recount.backwards(apps, None)
    assert list(Stop.objects.order_by("number").values_list("at_seconds", flat=True)) == [
        600, 740]


def test_the_joker_plays_a_whole_stop_without_javascript_from_the_full_control_page(
        room, cast):
    session, phones, _staff = room
    phase = session.phases.first()
    joker_page = Client(enforce_csrf_checks=True)
    joker_page.force_login(cast.facilitator)
    url = f"/o/{cast.org.slug}/sessies/{session.pk}/"

    def press(action, **fields):
        page = joker_page.get(url).content.decode()
        forms = PostForms(page)
        assert forms.without_token() == [], action
        form = next(f for f in forms.forms if ("action", action) in f["buttons"])
        response = joker_page.post(form["action"], {**form["fields"], **fields,
                                                     "action": action})
        assert response.status_code == 302, (action, response.status_code)

    press("start")
    press("freeze")  # the first character is filled in
    stop = play.current_stop(phase)
    assert (stop.stage, stop.character) == ("frozen", "De juf")
    play.propose(phase, session.participants.first(), stop_raw=stop.pk, text="Kijk op")
    press("vote")
    press("choose")
    press("judge")
    press("notes", notes="Zonder JavaScript genoteerd.")
    stop.refresh_from_db()
    assert (stop.stage, stop.chosen.text, stop.notes) == (
        "judge", "Kijk op", "Zonder JavaScript genoteerd.")
