from django.urls import reverse

from bedoeling.cases.models import Learning
from bedoeling.systemworld.models import Signal


def _url(case):
    return reverse("cases:learning_add", kwargs={"org": "regenboog", "case": case.pk})


def test_a_learning_is_linked_to_the_case_and_a_part_of_the_bedoeling(cast, group, client_for):
    response = client_for(group.colleague).post(_url(group.case), {
        "text": "Vraag eerst wat iemand wil bereiken.", "purpose_part": "for_client"})
    assert response.status_code == 302
    learning = Learning.objects.get()
    assert (learning.case, learning.purpose_part, learning.signal) == (
        group.case, "for_client", None)


def test_a_rule_in_the_way_becomes_a_signal_with_a_link_back_in_one_step(
        cast, group, client_for):
    client = client_for(cast.member)
    client.post(_url(group.case), {
        "text": "Het protocol vraagt een tweede aanvraag voor hetzelfde hulpmiddel.",
        "purpose_part": "stop_doing", "rule_in_the_way": "Herhaalaanvraag hulpmiddelen"})
    signal = Signal.objects.get()
    assert Learning.objects.get().signal == signal
    assert signal.rule_named == "Herhaalaanvraag hulpmiddelen"
    assert signal.reporter == cast.member
    case_url = reverse("cases:detail", kwargs={"org": "regenboog", "case": group.case.pk})
    assert signal.origin_url == case_url
    page = client.get(reverse("systemworld:signal", kwargs={"org": "regenboog",
                                                            "signal": signal.pk}))
    assert f'href="{case_url}"' in page.content.decode()


def test_an_anonymous_signal_from_a_learning_names_nobody(cast, group, client_for):
    client_for(cast.member).post(_url(group.case), {
        "text": "Leerpunt", "purpose_part": "for_us", "rule_in_the_way": "Regel X",
        "anonymous": "on"})
    signal = Signal.objects.get()
    assert signal.reporter is None and signal.is_anonymous


def test_bad_learnings_are_refused_and_store_nothing(cast, group, client_for):
    client = client_for(cast.member)
    for data in ({"text": "", "purpose_part": "for_us"},
                 {"text": "x" * 2001, "purpose_part": "for_us"},
                 {"text": "ok", "purpose_part": "iets"},
                 {"text": "ok", "purpose_part": "for_us", "rule_in_the_way": "r" * 300}):
        assert client.post(_url(group.case), data).status_code == 400, data
    assert not Learning.objects.exists() and not Signal.objects.exists()


def test_someone_outside_the_group_writes_no_learning_even_on_a_shared_case(
        cast, group, client_for):
    group.case.shared = True
    group.case.save()
    response = client_for(group.stranger).post(_url(group.case), {
        "text": "Ik was er niet bij", "purpose_part": "for_us"})
    assert response.status_code == 404
    assert not Learning.objects.exists()
