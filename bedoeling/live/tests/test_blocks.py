"""The built-in blocks' own promises: a scale takes only values in its range, a choice
only its options (one unless several are allowed), a stop press counts once per phone in
two seconds; and a tap in a full hall costs a fixed handful of queries."""

import pytest
from django.test import Client

from bedoeling.live import services
from bedoeling.live.models import StopPress, Vote
from bedoeling.live.services import LiveError


def _phase(live, kind, **config):
    phase = services.phase_add(live.session, kind=kind, title=kind, config=config)
    services.phase_activate(live.session, phase)
    phase.refresh_from_db()
    return phase


@pytest.mark.django_db
@pytest.mark.parametrize("value", [0, 6, -1, 100])
def test_a_scale_refuses_a_value_outside_its_range_and_stores_nothing(live, value):
    phase = _phase(live, "scale", min=1, max=5)
    with pytest.raises(LiveError, match="tussen 1 en 5"):
        services.vote_cast(phase, live.anna, target="", value=value)
    assert not Vote.objects.filter(phase=phase).exists()


@pytest.mark.django_db
def test_a_scale_with_labels_takes_one_value_per_label_and_a_retry_updates_it(live):
    phase = _phase(live, "scale", labels=["slecht", "matig", "goed"])
    with pytest.raises(LiveError, match="tussen 1 en 3"):
        services.vote_cast(phase, live.anna, target="", value=4)
    services.vote_cast(phase, live.anna, target="", value=3)
    services.vote_cast(phase, live.anna, target="", value=1)
    assert list(Vote.objects.filter(phase=phase).values_list("value", flat=True)) == [1]


@pytest.mark.django_db
def test_a_scale_answer_for_another_target_is_refused(live):
    phase = _phase(live, "scale")
    with pytest.raises(LiveError):
        services.vote_cast(phase, live.anna, target="c1", value=3)
    assert not Vote.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("options", [[], [2], [-1], [0, 0]])
def test_a_choice_refuses_what_is_not_one_of_its_options(live, options):
    phase = _phase(live, "choice", options=["Ja", "Nee"])
    with pytest.raises(LiveError, match="mogelijkheden"):
        services.choice_set(phase, live.anna, options)
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_a_single_choice_refuses_two_and_a_new_choice_replaces_the_old(live):
    phase = _phase(live, "choice", options=["Ja", "Nee", "Weet niet"])
    with pytest.raises(LiveError, match="maar één"):
        services.choice_set(phase, live.anna, [0, 1])
    services.choice_set(phase, live.anna, [0])
    services.choice_set(phase, live.anna, [2])
    assert list(Vote.objects.values_list("target", flat=True)) == ["o2"]


@pytest.mark.django_db
def test_a_multiple_choice_keeps_exactly_the_chosen_options(live):
    phase = _phase(live, "choice", options=["Ja", "Nee", "Weet niet"], multiple=True)
    services.choice_set(phase, live.anna, [0, 2])
    services.choice_set(phase, live.anna, [1, 2])
    assert sorted(Vote.objects.values_list("target", flat=True)) == ["o1", "o2"]


@pytest.mark.django_db
def test_a_stop_press_counts_once_per_phone_within_two_seconds(live):
    phase = _phase(live, "stop", threshold=2, window=10)
    assert services.stop_press(phase, live.anna) is True
    assert services.stop_press(phase, live.anna) is False
    assert services.stop_press(phase, live.bram) is True
    assert StopPress.objects.filter(phase=phase).count() == 2


@pytest.mark.django_db
def test_the_stop_signal_counts_people_in_its_window_against_its_threshold(live):
    from bedoeling.live.registry import block_for

    phase = _phase(live, "stop", threshold=2, window=10)
    services.stop_press(phase, live.anna)
    context = block_for("stop").screen_context(phase)
    assert (context["count"], context["crossed"]) == (1, False)
    services.stop_press(phase, live.bram)
    context = block_for("stop").screen_context(phase)
    assert (context["count"], context["crossed"], context["pct"]) == (2, True, 100)


@pytest.mark.django_db
def test_a_stop_press_on_a_locked_phase_is_refused(live):
    phase = _phase(live, "stop")
    services.phase_set_flags(phase, locked=True)
    phase.refresh_from_db()
    with pytest.raises(LiveError, match="gesloten"):
        services.stop_press(phase, live.anna)
    assert not StopPress.objects.exists()


@pytest.mark.django_db
def test_a_vote_from_a_phone_costs_a_fixed_handful_of_queries(live, django_assert_max_num_queries):
    phase = services.phase_add(live.session, kind="agree", title="Stellingen")
    cards = [services.card_add(phase, None, text=f"Stelling {i}") for i in range(20)]
    services.phase_activate(live.session, phase)
    phone = Client()
    phone.post(f"/doe-mee/{live.session.code}/")
    url = f"/doe-mee/{live.session.code}/fase/{phase.pk}/"
    phone.post(url, {"card": cards[0].pk, "vote": "agree"}, HTTP_HX_REQUEST="true")
    with django_assert_max_num_queries(QUERIES_PER_VOTE):
        response = phone.post(url, {"card": cards[1].pk, "vote": "disagree"},
                              HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert Vote.objects.filter(phase=phase).count() == 2


# The session and the phone (one statement; input_check takes the session's state from it),
# the upsert that checks its statement, then the phone's next statement: the statements with
# her votes, and how many votes each has (the least answered comes first).
QUERIES_PER_VOTE = 4
