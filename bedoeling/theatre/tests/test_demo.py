"""The demo shows regietheater played: a performance in each organisation, two scenes,
their replay logs and the insights they left."""

import pytest

from bedoeling.theatre.log import scene_log
from bedoeling.theatre.models import Insight, Performance, Stop


@pytest.mark.django_db
def test_each_organisation_has_a_played_performance_with_two_scenes_and_logs(demo_module):
    for slug in ("wilgenhoek", "lindeveld"):
        performance = Performance.objects.get(organisation__slug=slug)
        assert performance.scenes.count() == 2
        session = performance.showings.get().session
        assert session.is_ended
        for phase in session.phases.all():
            log = scene_log(phase)
            assert log, phase.title
            for entry in log:
                stop = entry["stop"]
                assert stop.chosen and stop.notes and stop.character
                assert entry["voters"] > 0 and entry["judgement"]["total"] > 0
    assert set(Stop.objects.values_list("stopped_by", flat=True)) == {"hall", "joker"}
    assert set(Insight.objects.values_list("kind", flat=True)) == {"signal", "story"}


@pytest.mark.django_db
def test_the_demo_log_reads_in_dutch_on_the_log_page(demo_module, client):
    from bedoeling.accounts.models import User

    client.force_login(User.objects.get(email="begeleider@bedoeling.test"))
    performance = Performance.objects.get(organisation__slug="lindeveld")
    showing = performance.showings.get()
    page = client.get(f"/o/lindeveld/regietheater/{performance.pk}/logboek/{showing.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ze neemt de aanvraag toch in en meldt het als afwijking." in text
    assert "Gemiddeld" in text and "Melding #" in text


@pytest.mark.django_db
def test_each_demo_stop_is_timed_from_the_run_it_interrupted(demo_module, client):
    from bedoeling.accounts.models import User

    for stop in Stop.objects.all():
        assert stop.started_at < stop.stopped_at
        assert stop.at_seconds == (stop.stopped_at - stop.started_at).total_seconds()
    client.force_login(User.objects.get(email="begeleider@bedoeling.test"))
    performance = Performance.objects.get(organisation__slug="wilgenhoek")
    showing = performance.showings.get()
    text = client.get(f"/o/wilgenhoek/regietheater/{performance.pk}/logboek/{showing.pk}/"
                      ).content.decode()
    assert "Stop 1 · in het eerste spel, na 1:35 min" in text
    assert "Stop 2 · in herhaling 1, na 1:15 min" in text
    # When, by whom and against which threshold: the clock time of the afternoon.
    assert "De zaal stopte de scène om 14:01 (17 keer STOP; drempel 10 binnen 10 s)." in text
    assert "De joker stopte de scène om 14:14 (9 keer STOP; drempel 10 binnen 10 s)." in text


@pytest.mark.django_db
def test_the_log_the_harvest_and_the_report_date_a_showing_by_the_day_it_was_played(
        demo_module, client):
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    from bedoeling.accounts.models import User

    client.force_login(User.objects.get(email="begeleider@bedoeling.test"))
    performance = Performance.objects.get(organisation__slug="lindeveld")
    session = performance.showings.get().session
    played = date_format(timezone.localtime(session.opened_at), "j F Y")
    prepared = date_format(timezone.localtime(session.created_at), "j F Y")
    assert played != prepared  # the demo prepared it a week before
    for url in (f"/o/lindeveld/regietheater/{performance.pk}/logboek/"
                f"{performance.showings.get().pk}/", f"/o/lindeveld/sessies/{session.pk}/oogst/"):
        text = client.get(url).content.decode()
        assert played in text and prepared not in text, url
