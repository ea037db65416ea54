"""The vision format on the live engine: creating a session, statements and votes, the
opinion-map block on the three views, drafting and adoption with provenance."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from bedoeling.live import render as live_render
from bedoeling.live import services as live_services
from bedoeling.live.models import Card, Vote
from bedoeling.live.registry import BLOCKS, FORMATS, block_for
from bedoeling.live.services import LiveError
from bedoeling.purpose.models import (
    OpinionMapSnapshot,
    PurposeSource,
    PurposeVersion,
    VisionSession,
)
from bedoeling.purpose.services import purpose_version_create
from bedoeling.purpose.session import (
    formulation_add,
    statement_vote,
    vision_adopt,
    vision_session_create,
)
from bedoeling.purpose.tests.helpers import activate, phones, planted_votes, seed, vision


class Data(dict):
    """A POST-like mapping with getlist, as the engine passes request.POST to a block."""

    def getlist(self, key):
        value = self.get(key, [])
        return value if isinstance(value, list) else [value]


@pytest.mark.django_db
def test_the_vision_format_and_its_blocks_are_registered_with_the_engine():
    assert "vision" in FORMATS
    for kind in ("visionintro", "opinionmap", "drafting", "adoption"):
        assert kind in BLOCKS
    assert BLOCKS["opinionmap"].periodic


@pytest.mark.django_db
def test_a_new_vision_session_asks_its_question_on_the_first_phase(cast):
    v = vision(cast, question="Waarvoor zijn wij er, eigenlijk?")
    assert [p.kind for p in v.session.phases.all()] == [
        "visionintro", "agree", "opinionmap", "drafting", "adoption"]
    assert v.intro.title == "Waarvoor zijn wij er, eigenlijk?"
    assert v.map.source_id == v.statements.pk
    assert v.adoption.source_id == v.drafting.pk
    vs = VisionSession.objects.get(session=v.session)
    assert vs.mode == "create" and vs.base_version is None


@pytest.mark.django_db
def test_recalibration_starts_from_the_current_bedoeling_on_every_view(cast):
    current = purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.",
                                     reason="Eerste versie")
    v = vision(cast, mode="recalibrate")
    vs = v.session.vision
    assert vs.mode == "recalibrate" and vs.base_version == current
    # the current text is the first formulation the room reacts to
    assert list(v.drafting.cards.values_list("text", flat=True)) == ["Elk kind telt."]
    activate(v, v.intro)
    screen = live_render.screen_snapshot(v.session)
    control = live_render.control_snapshot(v.session)
    phone = live_render.phone_fragment(v.session, v.intro, "")
    for html in (screen, control, phone):
        assert "Elk kind telt." in html
        assert "vertrekpunt" in html.lower()


@pytest.mark.django_db
def test_recalibration_can_take_over_the_statements_of_the_previous_session(cast):
    first = vision(cast)
    seed(first, ["Elk kind moet zich gezien voelen.", "Toetsen zeggen weinig."])
    purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.", reason="r")
    second = vision_session_create(cast.org, cast.facilitator, title="Herijking",
                                   question="Klopt het nog?", mode="recalibrate",
                                   seed_previous=True)
    assert second.vision.previous == first.session.vision
    statements = second.phases.get(kind="agree")
    assert sorted(statements.cards.values_list("text", flat=True)) == [
        "Elk kind moet zich gezien voelen.", "Toetsen zeggen weinig."]


@pytest.mark.django_db
def test_the_screen_keeps_the_map_hidden_until_the_reveal_then_shows_groups(cast):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=40)
    activate(v, v.map)
    hidden = live_render.screen_snapshot(v.session)
    assert "chart-opinion" not in hidden
    assert "De resultaten blijven verborgen" in hidden
    live_services.phase_set_flags(v.map, revealed=True)
    v.session.refresh_from_db()
    shown = live_render.screen_snapshot(v.session)
    assert "chart-opinion" in shown
    assert "Groep A" in shown and "Groep B" in shown
    assert "van de anderen" in shown  # the vote shares behind a group's statements
    assert cards[0].text in shown  # agreed by everybody: consensus
    assert "Hier lopen de meningen uiteen" in shown
    assert 'data-map-votes="' in shown


@pytest.mark.django_db
def test_the_control_view_always_shows_the_map_and_moderation(cast):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=30)
    activate(v, v.map)
    control = live_render.control_snapshot(v.session)
    assert "chart-opinion" in control
    assert "Stellingen modereren" in control and "Samenvoegen" in control


@pytest.mark.django_db
def test_a_phone_sees_its_own_group_and_what_characterises_it(cast):
    v = vision(cast)
    cards = seed(v)
    people = planted_votes(v, cards, n_participants=40)
    activate(v, v.map)
    live_services.phase_set_flags(v.map, revealed=True)
    v.session.refresh_from_db()
    html = live_render.personal_fragment(v.session, v.map, people[0])
    assert "Jij hoort bij groep" in html
    assert "Wat groep" in html and "van de anderen" in html
    # and it can keep voting on what it has not seen yet
    assert "Stem verder" in html


@pytest.mark.django_db
def test_a_group_smaller_than_the_threshold_is_neither_drawn_nor_described(cast):
    cast.org.anonymity_threshold = 30
    cast.org.save()
    v = vision(cast)
    cards = seed(v)
    people = planted_votes(v, cards, n_participants=40)
    activate(v, v.map)
    live_services.phase_set_flags(v.map, revealed=True)
    v.session.refresh_from_db()
    screen = live_render.screen_snapshot(v.session)
    assert "Nog geen groep van minstens 30 mensen" in screen
    assert 'class="vgroup ' not in screen and "Groep A" not in screen
    assert "van de anderen" not in screen
    assert "die tonen we niet als groep" in screen  # the drawing's description says why
    phone = live_render.personal_fragment(v.session, v.map, people[0])
    assert "Jij hoort bij groep" not in phone
    assert "groep van minder dan 30 mensen" in phone and "tonen we niet" in phone


@pytest.mark.django_db
def test_three_voters_make_no_group_of_one(cast):
    # issue 15: with three voters the map showed "B · 1 deelnemer" with its statements and
    # that phone read it was alone in its group
    cast.org.anonymity_threshold = 2
    cast.org.save()
    v = vision(cast)
    cards = seed(v)
    people = phones(v, 3)
    for i, person in enumerate(people):
        for j, card in enumerate(cards):
            value = 1 if (j % 2 == 0) == (i < 2) else -1
            Vote.objects.create(phase=v.statements, participant=person, target=f"c{card.pk}",
                                value=value)
    activate(v, v.map)
    live_services.phase_set_flags(v.map, revealed=True)
    v.session.refresh_from_db()
    from bedoeling.purpose import opinion

    entry = opinion.current_entry(v.map)
    sizes = sorted(g["size"] for g in entry["map"]["groups"])
    assert sizes == [1, 2]  # the computation has a group of one...
    view = opinion.map_view(entry, threshold=2)
    assert [g.size for g in view.groups] == [2]  # ...the map does not show it
    assert view.in_small_groups == 1
    screen = live_render.screen_snapshot(v.session)
    assert "B · 1" not in screen and "Groep B" not in screen  # its dot is drawn ungrouped
    assert "1 deelnemer hoort bij een groep van minder dan 2 mensen" in screen
    alone = live_render.personal_fragment(v.session, v.map, people[2])
    assert "alleen jij" not in alone and "Jij hoort bij groep" not in alone
    assert "tonen we niet" in alone
    together = live_render.personal_fragment(v.session, v.map, people[0])
    assert "Jij hoort bij groep" in together


@pytest.mark.django_db
def test_no_share_of_the_other_groups_is_shown_when_they_are_too_few(cast):
    from bedoeling.purpose.opinion import map_view

    entry = {"map": {"labels": [0] * 8 + [1] * 2, "coords": [[0, 0]] * 10,
                     "groups": [{"id": 0, "size": 8, "centroid": [0, 0], "representative": [{
                         "statement": 0, "repful_for": "agree", "n_trials": 8,
                         "group_agree": 0.9, "group_disagree": 0.1, "others_agree": 0.0,
                         "others_disagree": 1.0, "others_seen": 2}]},
                                {"id": 1, "size": 2, "centroid": [1, 1], "representative": []}],
                     "consensus": {"agree": [], "disagree": []}, "divisive": []},
             "texts": {"5": "Iedereen telt."}, "cols": [5], "n_votes": 10}
    view = map_view(entry, threshold=5)
    big, = view.groups
    assert big.representative[0]["others"] is None
    assert big.representative[0]["share"] == 90
    assert view.small_group_ids == {1} and view.in_small_groups == 2
    assert view.clustered == 8


@pytest.mark.django_db
def test_a_phone_sees_why_it_is_in_its_group(cast):
    v = vision(cast)
    cards = seed(v)
    people = planted_votes(v, cards, n_participants=40)
    activate(v, v.map)
    live_services.phase_set_flags(v.map, revealed=True)
    v.session.refresh_from_db()
    from bedoeling.purpose import opinion

    entry = opinion.current_entry(v.map)
    why = opinion.why_in_group(entry, people[0].pk, threshold=5)
    assert why
    mine = Vote.objects.filter(participant=people[0])
    own = {int(vote.target[1:]): vote.value for vote in mine}
    for item in why:
        # she voted that way, her group mostly with her, the others less so
        assert own[item["card"]] == (1 if item["agree"] else -1)
        assert item["share"] > 50 and item["share"] > item["others"]
    # the split statements (2..7) explain the groups, not the ones everybody agrees with
    assert {item["card"] for item in why} <= {c.pk for c in cards[2:]}
    html = live_render.personal_fragment(v.session, v.map, people[0])
    assert "Waarom jij bij groep" in html
    assert "Jij: eens, net als" in html or "Jij: oneens, net als" in html
    # nothing for someone too small a group: no shares of fewer than k people
    assert opinion.why_in_group(entry, people[0].pk, threshold=1000) == []


@pytest.mark.django_db
def test_a_vote_in_the_map_phase_counts_for_the_statements_round(cast):
    v = vision(cast)
    cards = seed(v)
    anna, = phones(v, 1)
    activate(v, v.map)
    block_for("opinionmap").act(v.map, anna, {"card": str(cards[2].pk), "vote": "agree"})
    vote = Vote.objects.get(participant=anna)
    assert vote.phase == v.statements and vote.target == f"c{cards[2].pk}" and vote.value == 1
    statement_vote(v.map, anna, card=cards[2].pk, value=-1)  # a retry changes, never adds
    assert Vote.objects.filter(participant=anna).count() == 1


@pytest.mark.django_db
def test_a_vote_on_a_hidden_statement_is_refused_and_nothing_is_stored(cast):
    v = vision(cast)
    cards = seed(v)
    anna, = phones(v, 1)
    live_services.card_hide(cards[0], True)
    activate(v, v.statements)
    with pytest.raises(LiveError, match="bestaat niet"):
        live_services.vote_cast(v.statements, anna, target=f"c{cards[0].pk}", value=1)
    activate(v, v.map)
    with pytest.raises(LiveError, match="bestaat niet"):
        statement_vote(v.map, anna, card=cards[0].pk, value=1)
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_a_vote_after_the_round_is_locked_is_refused_and_nothing_is_stored(cast):
    v = vision(cast)
    cards = seed(v)
    anna, = phones(v, 1)
    activate(v, v.map)
    live_services.phase_set_flags(v.statements, locked=True)
    with pytest.raises(LiveError, match="gesloten"):
        statement_vote(v.map, anna, card=cards[0].pk, value=1)
    live_services.phase_set_flags(v.statements, locked=False)
    live_services.phase_set_flags(v.map, locked=True)
    with pytest.raises(LiveError, match="gesloten"):
        statement_vote(v.map, anna, card=cards[0].pk, value=1)
    assert not Vote.objects.exists()
    html = live_render.personal_fragment(v.session, v.map, anna)
    assert 'name="vote"' not in html


@pytest.mark.django_db
def test_a_vote_for_a_phase_that_is_not_current_is_refused(cast):
    v = vision(cast)
    cards = seed(v)
    anna, = phones(v, 1)
    activate(v, v.statements)
    with pytest.raises(LiveError, match="niet meer aan de beurt"):
        statement_vote(v.map, anna, card=cards[0].pk, value=1)
    with pytest.raises(LiveError):
        statement_vote(v.map, anna, card=cards[0].pk, value=5)
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_the_facilitator_hides_merges_and_seeds_statements_from_the_map_phase(cast, client_for):
    v = vision(cast)
    cards = seed(v)
    activate(v, v.map)
    block = block_for("opinionmap")
    block.control_act(v.map, cast.facilitator, "hide", {"card": cards[4].pk})
    block.control_act(v.map, cast.facilitator, "merge", {"card": cards[7].pk,
                                                         "into": cards[1].pk})
    block.control_act(v.map, cast.facilitator, "seed", {"text": "Spelen is ook leren."})
    cards[4].refresh_from_db()
    cards[7].refresh_from_db()
    assert cards[4].hidden and cards[7].merged_into_id == cards[1].pk
    assert v.statements.cards.filter(text="Spelen is ook leren.", seeded=True).exists()
    with pytest.raises(LiveError):
        block.control_act(v.map, cast.facilitator, "merge", {"card": cards[1].pk,
                                                             "into": cards[1].pk})


@pytest.mark.django_db
def test_hidden_statements_are_zeroed_in_the_map_and_never_characterise(cast):
    from bedoeling.purpose import opinion

    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=40)
    live_services.card_hide(cards[0], True)
    entry = opinion.current_entry(v.map)
    assert cards[0].pk in entry["excluded"]
    col = entry["cols"].index(cards[0].pk)
    shown = [r["statement"] for g in entry["map"]["groups"] for r in g["representative"]]
    shown += [s["statement"] for s in entry["map"]["consensus"]["agree"]]
    assert col not in shown


@pytest.mark.django_db
def test_drafting_collects_formulations_and_reactions(cast):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=40)
    anna, bram = phones(v, 2)
    activate(v, v.drafting)
    block = block_for("drafting")
    assert block.act(v.drafting, anna, {"text": "Hier mag elk kind zijn wie het is."})
    card = v.drafting.cards.get(participant=anna)
    block.act(v.drafting, bram, {"card": str(card.pk), "vote": "agree"})
    assert Vote.objects.get(participant=bram).phase == v.drafting
    html = live_render.personal_fragment(v.session, v.drafting, bram)
    assert "Bouwstenen" in html and cards[0].text in html  # consensus as building blocks
    assert "Jouw formulering van de Bedoeling" in html
    with pytest.raises(LiveError, match="te lang"):
        block.act(v.drafting, anna, {"text": "woord " * 100})
    assert v.drafting.cards.count() == 1


@pytest.mark.django_db
def test_adoption_makes_a_version_with_provenance_to_session_map_and_statements(cast):
    current = purpose_version_create(cast.org, cast.lead, statement="Goed onderwijs.",
                                     reason="Eerste versie", for_us="We werken samen.")
    v = vision(cast, mode="recalibrate")
    cards = seed(v)
    planted_votes(v, cards, n_participants=40)
    activate(v, v.drafting)
    anna, = phones(v, 1)
    formulation = formulation_add(v.drafting, anna, text="Elk kind voelt zich hier gezien.")
    activate(v, v.adoption)
    message = block_for("adoption").control_act(v.adoption, cast.lead, "adopt", Data(
        statement="Elk kind voelt zich hier gezien.", reason="", formulation=str(formulation.pk),
        blocks=[str(cards[0].pk), str(cards[1].pk)]))
    assert "versie 2" in message
    version = PurposeVersion.objects.get(session=v.session)
    assert version.number == 2 and version.author == cast.lead
    assert version.for_us == current.for_us  # carried over from the version it recalibrates
    kinds = list(version.sources.values_list("kind", flat=True))
    assert kinds == ["session", "opinion_map", "statement", "statement", "formulation"]
    labels = " ".join(version.sources.values_list("label", flat=True))
    assert "Visiedag" in labels and cards[0].text in labels and "Elk kind voelt" in labels
    snapshot = OpinionMapSnapshot.objects.get(vision__session=v.session, reason="adoption")
    assert snapshot.n_participants == 40 and snapshot.data["map"]["groups"]
    assert "state" not in snapshot.data["map"]
    assert all("members" not in g for g in snapshot.data["map"]["groups"])
    map_source = version.sources.get(kind="opinion_map")
    assert map_source.url.endswith(f"/kaart/{snapshot.pk}/")
    screen = live_render.screen_snapshot(v.session)
    assert "Vastgesteld als versie 2" in screen


@pytest.mark.django_db
def test_a_second_adoption_in_the_same_session_is_refused(cast):
    v = vision(cast)
    activate(v, v.adoption)
    vision_adopt(v.adoption, cast.facilitator, statement="Er zijn voor elk kind.")
    with pytest.raises(LiveError, match="al vastgesteld"):
        vision_adopt(v.adoption, cast.lead, statement="Iets anders.")
    assert PurposeVersion.objects.count() == 1
    assert OpinionMapSnapshot.objects.filter(reason="adoption").count() == 1


@pytest.mark.django_db
def test_an_empty_or_too_long_adoption_is_refused_and_nothing_is_stored(cast):
    v = vision(cast)
    activate(v, v.adoption)
    for text in ("   ", "x" * 401):
        with pytest.raises(LiveError):
            vision_adopt(v.adoption, cast.facilitator, statement=text)
    with pytest.raises(LiveError, match="formulering bestaat niet"):
        vision_adopt(v.adoption, cast.facilitator, statement="Goed.", formulation=999999)
    assert not PurposeVersion.objects.exists()
    assert not OpinionMapSnapshot.objects.exists()
    assert not PurposeSource.objects.exists()


@pytest.mark.django_db
def test_ending_the_session_freezes_the_map(cast):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=20)
    live_services.session_end(v.session, cast.facilitator)
    snapshot = OpinionMapSnapshot.objects.get(reason="end")
    assert snapshot.n_participants == 20 and snapshot.n_statements == len(cards)


@pytest.mark.django_db
def test_the_harvest_shows_the_map_the_formulations_and_the_adopted_version(cast):
    v = vision(cast)
    cards = seed(v)
    planted_votes(v, cards, n_participants=30)
    activate(v, v.adoption)
    vision_adopt(v.adoption, cast.facilitator, statement="Er zijn voor elk kind.")
    request = RequestFactory().get("/")
    for phase in (v.map, v.drafting, v.adoption):
        block = block_for(phase.kind)
        ctx = {"phase": phase, "block": block, "session": v.session}
        ctx.update(block.harvest_context(phase))
        html = render_to_string(f"{block.template}#harvest", ctx, request=request)
        assert html.strip()
    assert block_for("opinionmap").csv_rows(v.map)
    assert block_for("adoption").csv_rows(v.adoption) == [["Er zijn voor elk kind.", 1]]


@pytest.mark.django_db
def test_deleting_the_organisation_takes_its_sessions_and_versions_along(cast):
    v = vision(cast)
    activate(v, v.adoption)
    vision_adopt(v.adoption, cast.facilitator, statement="Er zijn voor elk kind.")
    cast.org.delete()
    assert not PurposeVersion.objects.exists() and not Card.objects.exists()


@pytest.mark.django_db
def test_a_small_room_without_consensus_drafts_from_what_most_agree_with(cast):
    from bedoeling.purpose.blocks import building_blocks

    v = vision(cast)
    cards = seed(v, ["Elk kind telt.", "Toetsen zijn leidend.", "Cijfers geven houvast."])
    people = phones(v, 6)
    activate(v, v.statements)
    for i, person in enumerate(people):
        side = 1 if i < 3 else -1  # two camps of three
        for card, value in zip(cards, [1 if i < 4 else -1, side, side], strict=True):
            live_services.vote_cast(v.statements, person, target=f"c{card.pk}", value=value)
    result = building_blocks(v.drafting)
    assert not result["blocks_shared"]
    assert [b["text"] for b in result["blocks"]] == ["Elk kind telt."]
    activate(v, v.drafting)
    html = live_render.personal_fragment(v.session, v.drafting, people[0])
    assert "hier zijn de meesten het over eens" in html


@pytest.mark.django_db
def test_adopting_the_unchanged_bedoeling_confirms_it_and_makes_no_new_version(cast,
                                                                            client_for):
    from datetime import timedelta

    from django.utils import timezone

    from bedoeling.purpose.models import PurposeConfirmation

    current = purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.",
                                     reason="Eerste versie", for_us="We werken samen.")
    v = vision(cast, mode="recalibrate")
    seeded = v.drafting.cards.get()  # the current text, put before the room
    activate(v, v.adoption)
    message = block_for("adoption").control_act(v.adoption, cast.lead, "adopt", Data(
        statement="Elk kind  telt.", reason="", formulation=str(seeded.pk)))
    assert "bevestigd" in message
    assert PurposeVersion.objects.count() == 1  # no identical version 2
    confirmation = PurposeConfirmation.objects.get()
    assert confirmation.version == current and confirmation.session == v.session
    current.purpose.refresh_from_db()
    assert current.purpose.review_date == timezone.localdate() + timedelta(days=365)
    labels = " ".join(s["label"] for s in confirmation.sources)
    assert "uit de zaal" not in labels
    assert "De huidige Bedoeling (versie 1), aan de zaal voorgelegd" in labels
    screen = live_render.screen_snapshot(v.session)
    assert "Versie 1 van de Bedoeling blijft: bevestigd" in screen
    history = client_for(cast.member).get(f"/o/{cast.org.slug}/bedoeling/")
    assert "ongewijzigd bevestigd in de visiesessie" in history.content.decode()
    with pytest.raises(LiveError, match="al bevestigd"):
        vision_adopt(v.adoption, cast.lead, statement="Iets anders.")


@pytest.mark.django_db
def test_an_edited_current_text_is_a_new_version_whose_provenance_says_where_it_came_from(cast):
    purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.", reason="r")
    v = vision(cast, mode="recalibrate")
    seeded = v.drafting.cards.get()
    activate(v, v.adoption)
    version = vision_adopt(v.adoption, cast.lead, statement="Elk kind telt mee.",
                           formulation=seeded.pk)
    assert version.number == 2
    label = version.sources.get(kind="formulation").label
    assert label.startswith("De huidige Bedoeling (versie 1), aan de zaal voorgelegd")
    assert "bij het vaststellen bewerkt" in label and "uit de zaal" not in label


@pytest.mark.django_db
def test_a_wording_the_facilitator_seeded_is_not_credited_to_the_room(cast):
    v = vision(cast)
    activate(v, v.drafting)
    card = formulation_add(v.drafting, None, text="Wij zijn er voor elk kind.",
                           seeded_by=cast.facilitator)
    activate(v, v.adoption)
    version = vision_adopt(v.adoption, cast.lead, statement=card.text, formulation=card.pk)
    label = version.sources.get(kind="formulation").label
    assert label.startswith("Formulering ingebracht door de begeleider")


@pytest.mark.django_db
def test_the_live_map_keeps_whoever_entered_early_as_polis_does(cast):
    # Pol.is's rule as votes arrive: with three statements, three votes are enough to be
    # placed; after five more statements she still is, though 3 < 7 now
    from bedoeling.purpose import opinion

    v = vision(cast)
    cards = seed(v)
    for card in cards[3:]:
        live_services.card_hide(card, True)
    people = phones(v, 16)
    for i, person in enumerate(people):
        for j, card in enumerate(cards[:3]):
            Vote.objects.create(phase=v.statements, participant=person, target=f"c{card.pk}",
                                value=1 if (i + j) % 2 else -1)
    activate(v, v.map)
    first = opinion.current_entry(v.map, exact=True)
    early = people[0]
    assert opinion.participant_group(first, early.pk)[0] is not None
    for card in cards[3:]:
        live_services.card_hide(card, False)
    for i, person in enumerate(people[1:], start=1):
        for j, card in enumerate(cards[3:]):
            Vote.objects.create(phase=v.statements, participant=person, target=f"c{card.pk}",
                                value=1 if (i + j) % 2 else -1)
    later = opinion.current_entry(v.map, exact=True)
    assert later["sig"] != first["sig"]
    assert opinion.participant_group(later, early.pk)[0] is not None
    # without the history (a fresh computation) she would not be placed
    fresh = opinion.compute_entry(opinion.statements_phase(v.map))
    assert opinion.participant_group(fresh, early.pk)[0] is None
