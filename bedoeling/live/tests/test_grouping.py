"""Grouping cards in a live session: moving a card, merging and renaming groups, through
the services and through the control view's own POSTs."""

import re

import pytest

from bedoeling.accounts.models import AuditEvent
from bedoeling.insights.dutch import Analyzer
from bedoeling.live import services
from bedoeling.live.blocks import GroupBlock
from bedoeling.live.models import Card, Cluster, Vote
from bedoeling.live.services import LiveError


@pytest.fixture
def room(live, cast):
    """The open format on its grouping phase: four cards, two groups and a loose card."""
    cards = [services.card_add(live.cards, live.anna, text=text) for text in (
        "Het formulier is te lang", "Elk formulier vraagt hetzelfde",
        "We vergaderen te veel", "De koffie is op")]
    services.phase_activate(live.session, live.group)
    forms = services.cluster_create(live.group, "Formulieren", cards[:2])
    meetings = services.cluster_create(live.group, "Overleg", cards[2:3])
    live.cards_written, live.forms, live.meetings = cards, forms, meetings
    live.url = (f"/o/{cast.org.slug}/sessies/{live.session.pk}/fasen/{live.group.pk}/"
                "actie/")
    return live


def _cluster_of(card):
    return Card.objects.get(pk=card.pk).cluster_id


# --- merging ------------------------------------------------------------------------------

@pytest.mark.django_db
def test_merging_moves_every_card_and_the_emptied_group_disappears(room, cast):
    moved = services.cluster_merge(room.meetings, room.forms, cast.facilitator)
    assert moved == [room.cards_written[2].pk]
    assert not Cluster.objects.filter(pk=room.meetings.pk).exists()
    assert {_cluster_of(c) for c in room.cards_written[:3]} == {room.forms.pk}
    event = AuditEvent.objects.get(action="live.cluster_merge")
    assert event.organisation == cast.org and event.actor == cast.facilitator
    assert event.data["name"] == "Overleg" and event.data["into"] == "Formulieren"
    assert event.data["cards"] == moved


@pytest.mark.django_db
def test_dots_given_to_a_merged_group_count_for_the_group_it_joined(room, cast):
    services.phase_activate(room.session, room.dots)
    services.dots_set(room.dots, room.anna, target=f"k{room.meetings.pk}", dots=2)
    services.dots_set(room.dots, room.anna, target=f"k{room.forms.pk}", dots=1)
    services.dots_set(room.dots, room.bram, target=f"k{room.meetings.pk}", dots=1)
    services.phase_activate(room.session, room.group)
    services.cluster_merge(room.meetings, room.forms, cast.facilitator)
    votes = dict(Vote.objects.filter(phase=room.dots).values_list("participant", "value"))
    assert votes == {room.anna.pk: 3, room.bram.pk: 1}
    assert not Vote.objects.filter(target=f"k{room.meetings.pk}").exists()


@pytest.mark.django_db
def test_a_group_cannot_be_merged_with_itself_or_a_group_of_another_round(room, cast):
    other = services.session_create(cast.org, cast.facilitator, title="Ander",
                                    format_key="open")
    foreign = services.cluster_create(list(other.phases.all())[2], "Elders")
    for into in (room.forms, foreign):
        with pytest.raises(LiveError, match="andere groep uit deze ronde"):
            services.cluster_merge(room.forms, into, cast.facilitator)
    assert Cluster.objects.filter(phase=room.group).count() == 2
    assert not AuditEvent.objects.filter(action="live.cluster_merge").exists()


@pytest.mark.django_db
def test_a_closed_round_refuses_every_change_to_its_groups_and_stores_nothing(room, cast):
    services.phase_set_flags(room.group, locked=True)
    loose = room.cards_written[3]
    attempts = [
        lambda: services.cluster_merge(room.meetings, room.forms, cast.facilitator),
        lambda: services.cluster_rename(room.forms, "Papierwerk"),
        lambda: services.cluster_create(room.group, "Nieuw", [loose]),
        lambda: services.cluster_delete(room.forms),
        lambda: services.card_cluster_set(loose, room.forms),
        # Out of a group of a closed round, back among the loose cards.
        lambda: services.card_cluster_set(room.cards_written[0], None),
    ]
    for attempt in attempts:
        with pytest.raises(LiveError, match="Deze ronde is gesloten: de groepen liggen vast"):
            attempt()
    assert list(Cluster.objects.filter(phase=room.group).values_list("name", flat=True)) == [
        "Formulieren", "Overleg"]
    assert [_cluster_of(c) for c in room.cards_written] == [
        room.forms.pk, room.forms.pk, room.meetings.pk, None]


@pytest.mark.django_db
def test_an_ended_session_refuses_a_change_to_its_groups(room, cast):
    services.session_end(room.session, cast.facilitator)
    with pytest.raises(LiveError, match="afgelopen"):
        services.card_cluster_set(room.cards_written[3], room.forms)
    assert _cluster_of(room.cards_written[3]) is None


# --- renaming -------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize(("name", "message"), [
    ("", "Geef de groep een naam."),
    ("   ", "Geef de groep een naam."),
    ("x" * 121, "Deze naam is te lang (121 tekens). Houd het bij 120 tekens."),
])
def test_an_empty_or_oversize_name_is_refused_and_the_name_stays(room, name, message):
    with pytest.raises(LiveError, match=re.escape(message)):
        services.cluster_rename(room.forms, name)
    with pytest.raises(LiveError, match=re.escape(message)):
        services.cluster_create(room.group, name)
    assert Cluster.objects.get(pk=room.forms.pk).name == "Formulieren"
    assert Cluster.objects.filter(phase=room.group).count() == 2


@pytest.mark.django_db
def test_a_rename_keeps_the_name_on_one_line(room):
    services.cluster_rename(room.forms, "  Papier\n werk ")
    assert Cluster.objects.get(pk=room.forms.pk).name == "Papier werk"


# --- moving ----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_card_of_another_session_or_round_does_not_join_a_group(room, cast):
    other = services.session_create(cast.org, cast.facilitator, title="Ander",
                                    format_key="open")
    stranger = services.card_add(list(other.phases.all())[1], None, text="Van elders")
    with pytest.raises(LiveError, match="andere sessie"):
        services.card_cluster_set(stranger, room.forms)
    statement = services.card_add(room.group, None, text="Op de verkeerde fase")
    with pytest.raises(LiveError, match="hoort niet bij deze ronde"):
        services.card_cluster_set(statement, room.forms)
    assert _cluster_of(stranger) is None and _cluster_of(statement) is None


# --- the control view's POSTs ---------------------------------------------------------------

@pytest.mark.django_db
def test_a_move_to_a_group_and_back_to_no_group_is_said_in_the_notice(room, cast, client_for):
    client = client_for(cast.facilitator)
    card = room.cards_written[3]
    reply = client.post(room.url, {"action": "move", "card": card.pk,
                                   "cluster": room.meetings.pk}, HTTP_HX_REQUEST="true")
    assert reply.status_code == 200
    assert "‘De koffie is op’ staat nu in ‘Overleg’." in reply.content.decode()
    assert _cluster_of(card) == room.meetings.pk
    reply = client.post(room.url, {"action": "move", "card": card.pk, "cluster": ""},
                        HTTP_HX_REQUEST="true")
    assert "staat nu bij ‘niet ingedeeld’" in reply.content.decode()
    assert _cluster_of(card) is None


@pytest.mark.django_db
def test_a_move_of_a_hidden_card_is_refused_with_a_message(room, cast, client_for):
    card = room.cards_written[3]
    services.card_hide(card)
    reply = client_for(cast.facilitator).post(
        room.url, {"action": "move", "card": card.pk, "cluster": room.forms.pk},
        HTTP_HX_REQUEST="true")
    assert reply.status_code == 400
    assert "Deze kaart bestaat niet (meer)." in reply.content.decode()
    assert _cluster_of(card) is None


@pytest.mark.django_db
def test_a_merge_is_offered_for_undo_and_the_undo_brings_the_group_back(room, cast,
                                                                          client_for):
    client = client_for(cast.facilitator)
    reply = client.post(room.url, {"action": "merge_group", "cluster": room.meetings.pk,
                                   "into": room.forms.pk}, HTTP_HX_REQUEST="true")
    body = reply.content.decode()
    assert "‘Overleg’ is samengevoegd met ‘Formulieren’: 1 kaart verhuisde mee." in body
    assert "Ongedaan maken" in body
    undo = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">',
                           body.split("Ongedaan maken")[0].rsplit("<form", 1)[1]))
    undo.pop("csrfmiddlewaretoken")
    assert undo == {"action": "cluster", "name": "Overleg",
                    "cards": str(room.cards_written[2].pk)}
    client.post(room.url, undo, HTTP_HX_REQUEST="true")
    back = Cluster.objects.get(phase=room.group, name="Overleg")
    assert _cluster_of(room.cards_written[2]) == back.pk


@pytest.mark.django_db
def test_a_merge_without_a_chosen_group_or_with_another_sessions_group_changes_nothing(
        room, cast, client_for):
    other = services.session_create(cast.org, cast.facilitator, title="Ander",
                                    format_key="open")
    foreign = services.cluster_create(list(other.phases.all())[2], "Elders")
    client = client_for(cast.facilitator)
    for into, message in (("", "Kies de groep waarmee je wilt samenvoegen."),
                          (foreign.pk, "Deze groep bestaat niet (meer).")):
        reply = client.post(room.url, {"action": "merge_group", "cluster": room.meetings.pk,
                                       "into": into}, HTTP_HX_REQUEST="true")
        assert reply.status_code == 400 and message in reply.content.decode()
    assert Cluster.objects.filter(phase=room.group).count() == 2
    assert Cluster.objects.filter(pk=foreign.pk).exists()


@pytest.mark.django_db
def test_another_organisation_cannot_touch_the_groups(room, cast, client_for):
    reply = client_for(cast.outsider).post(room.url, {
        "action": "merge_group", "cluster": room.meetings.pk, "into": room.forms.pk})
    assert reply.status_code == 404
    reply = client_for(cast.outsider).post(room.url, {
        "action": "rename", "cluster": room.forms.pk, "name": "Van buiten"})
    assert reply.status_code == 404
    assert Cluster.objects.filter(phase=room.group).count() == 2
    assert Cluster.objects.get(pk=room.forms.pk).name == "Formulieren"


@pytest.mark.django_db
def test_an_oversize_name_from_the_control_view_gets_the_message_and_changes_nothing(
        room, cast, client_for):
    reply = client_for(cast.facilitator).post(
        room.url, {"action": "rename", "cluster": room.forms.pk, "name": "lang " * 40},
        HTTP_HX_REQUEST="true")
    assert reply.status_code == 400
    assert "Deze naam is te lang" in reply.content.decode()
    assert Cluster.objects.get(pk=room.forms.pk).name == "Formulieren"


@pytest.mark.django_db
def test_without_javascript_a_rename_is_a_plain_post_that_comes_back_to_the_control_view(
        room, cast, client_for):
    reply = client_for(cast.facilitator).post(
        room.url, {"action": "rename", "cluster": room.forms.pk, "name": "Papierwerk"},
        follow=True)
    assert "De groep heet nu ‘Papierwerk’." in reply.content.decode()
    assert Cluster.objects.get(pk=room.forms.pk).name == "Papierwerk"


@pytest.mark.django_db
def test_a_closed_round_shows_its_groups_without_the_means_to_change_them(room, cast,
                                                                           client_for):
    url = f"/o/{cast.org.slug}/sessies/{room.session.pk}/"
    open_body = client_for(cast.facilitator).get(url).content.decode()
    assert "data-grouping" in open_body and 'name="action" value="move"' in open_body
    services.phase_set_flags(room.group, locked=True)
    body = client_for(cast.facilitator).get(url).content.decode()
    assert "de groepen liggen vast" in body.lower()
    assert "data-grouping" not in body and 'value="move"' not in body
    assert "Formulieren" in body and "De koffie is op" in body


# --- the suggestion's explanation -------------------------------------------------------------

@pytest.mark.django_db
def test_every_word_a_suggestion_names_is_on_every_card_it_names(live):
    # The session of issue 15: "Deze kaarten delen: leerlingen, tijd" stood above three
    # cards of which one lacked "leerlingen" and another "tijd".
    texts = ["Leerlingen hebben te weinig tijd", "Leerlingen krijgen geen tijd om te spelen",
             "Leerlingen mogen zelf kiezen", "Het formulier is te lang",
             "Elk formulier vraagt hetzelfde", "Leerlingen willen meer tijd"]
    for text in texts:
        services.card_add(live.cards, live.anna, text=text)
    services.phase_activate(live.session, live.group)
    suggestions = GroupBlock().control_context(live.group)["suggestions"]
    pupils = next(s for s in suggestions if len(s["cards"]) == 4)
    assert pupils["words"] == ["leerlingen"]  # "tijd" is on three of the four
    analyzer = Analyzer()
    for suggestion in suggestions:
        for card in suggestion["cards"]:
            stems = set(analyzer(card.text))
            for word in suggestion["words"]:
                assert analyzer(word)[0] in stems, (word, card.text)


@pytest.mark.django_db
def test_a_suggestion_without_a_word_on_every_card_does_not_claim_one(live, cast, client_for):
    for text in ("Leerlingen hebben te weinig tijd voor lezen",
                 "Leerlingen krijgen geen tijd om buiten te spelen",
                 "Leerlingen mogen zelf kiezen wat ze lezen",
                 "De leerlingen willen meer tijd voor lezen",
                 "Tijd voor lezen is er te weinig"):
        services.card_add(live.cards, live.anna, text=text)
    services.phase_activate(live.session, live.group)
    body = client_for(cast.facilitator).get(
        f"/o/{cast.org.slug}/sessies/{live.session.pk}/").content.decode()
    assert "Deze kaarten lijken op elkaar." in body
    assert "Deze kaarten delen:" not in body


@pytest.mark.django_db
def test_the_refusals_read_in_english_for_an_english_facilitator(room):
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(LiveError, match=re.escape("This name is too long (121 characters)")):
            services.cluster_rename(room.forms, "x" * 121)
        services.phase_set_flags(room.group, locked=True)
        with pytest.raises(LiveError, match="This round is closed: the groups are fixed"):
            services.card_cluster_set(room.cards_written[3], room.forms)
