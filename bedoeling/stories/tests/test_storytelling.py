"""The live storytelling session: tell or pick on a phone, craft a story arc in a group,
show and vote, and the chosen stories into the library with their provenance."""

from types import SimpleNamespace

import pytest
from django.test import Client

from bedoeling.live import render
from bedoeling.live import services as live
from bedoeling.live.models import Participant, Vote, token_hash
from bedoeling.live.registry import BLOCKS, FORMATS
from bedoeling.live.services import LiveError
from bedoeling.purpose.services import purpose_for, purpose_version_create
from bedoeling.stories import selectors
from bedoeling.stories import session as storytelling
from bedoeling.stories.models import (
    Channel,
    Consent,
    LibraryEntry,
    SessionContribution,
    Story,
    StoryGroup,
    StorySession,
    TellerRole,
)
from bedoeling.stories.selectors import provenance
from bedoeling.stories.services import story_curate, story_form_create, story_tell

ARC = {
    1: "Dinsdagochtend, groep 5. Noor komt binnen zonder jas, ze heeft niet geslapen.",
    2: "Het rooster zegt: rekentoets om negen uur. Noor kan geen som zien.",
    3: "We lieten de toets wachten en gingen samen naar de bieb om te praten.",
    4: "Om half elf deed ze mee. Ouders belden 's middags om te bedanken.",
}


def _session(cast, title="Studiemiddag verhalen"):
    session = live.session_create(cast.org, cast.facilitator, title=title,
                                  format_key="storytelling")
    live.session_open(session, cast.facilitator)
    session.refresh_from_db()
    return session


@pytest.fixture
def room(cast):
    purpose_version_create(cast.org, cast.facilitator, statement="Elk kind gezien",
                           reason="Eerste versie")
    library_form = story_form_create(cast.org, cast.facilitator, title="Verhalen",
                                     prompts=["Vertel"])
    library_story = story_tell(library_form, text="Een moeder belde over de wachtlijst; we "
                               "zochten samen een tussenoplossing.",
                               teller_role=TellerRole.EMPLOYEE, consent=Consent.LIBRARY)
    story_curate(library_story, cast.facilitator, title="Samen overbruggen",
                 purpose_part="for_client")
    session = _session(cast)
    phases = {p.kind: p for p in session.phases.all()}
    phones = [live.participant_join(session)[0] for _ in range(3)]
    return SimpleNamespace(session=session, phases=phases, phones=phones,
                           library_story=library_story,
                           write=phases[storytelling.WRITE], craft=phases[storytelling.CRAFT],
                           show=phases[storytelling.SHOW], publish=phases[storytelling.PUBLISH])


def _go(room, phase):
    live.phase_activate(room.session, phase)
    room.session.refresh_from_db()
    phase.refresh_from_db()


def _tell(room, phone, text="Ik liet de toets wachten voor een kind dat het zwaar had.",
          consent=Consent.LIBRARY, key=""):
    return storytelling.session_story_tell(room.write, phone, text=text, consent=consent,
                                       client_key=key)


def _craft(room, phone, source, *, title="De toets kon wachten", consent=Consent.LIBRARY):
    """One phone takes the pen and crafts the whole arc."""
    storytelling.group_join(room.craft, phone, 1)
    storytelling.group_pen_take(room.craft, phone)
    storytelling.group_source_set(room.craft, phone, source)
    for step, text in ARC.items():
        storytelling.group_step_save(room.craft, phone, step=step, text=text, move="next")
    return storytelling.group_finish(room.craft, phone, title=title, purpose_part="for_client",
                                 consent=consent)


def _phone_client(session, participant):
    """A browser that is this participant: the engine's signed cookie with a known token."""
    from django.core import signing

    from bedoeling.live.views import COOKIE_SALT, _cookie_name

    token = f"test-token-{participant.pk}"
    Participant.objects.filter(pk=participant.pk).update(token_hash=token_hash(token))
    name = _cookie_name(session)
    client = Client()
    client.cookies[name] = signing.get_cookie_signer(salt=name + COOKIE_SALT).sign(token)
    return client


def test_the_storytelling_format_is_registered_with_its_own_blocks(cast):
    fmt = FORMATS["storytelling"]
    kinds = [spec.kind for spec in fmt.phases]
    assert kinds == ["info", "story_write", "story_craft", "story_show", "story_publish"]
    for kind in kinds[1:]:
        assert BLOCKS[kind].template == f"stories/blocks/{kind}.html"
    session = _session(cast)
    story_session = StorySession.objects.get(session=session)
    assert story_session.form.organisation == cast.org
    assert story_session.form.prompts.count() == 1
    # A second session stores its stories with the same form.
    assert StorySession.objects.get(session=_session(cast, "Nog een")).form == story_session.form


def test_a_story_told_on_a_phone_is_anonymous_with_the_tellers_consent_and_stored_once(room):
    _go(room, room.write)
    story = _tell(room, room.phones[0], consent=Consent.ORGANISATION, key="k1")
    again = _tell(room, room.phones[0], consent=Consent.ORGANISATION, key="k1")
    assert again.pk == story.pk
    assert Story.objects.filter(live_session=room.session).count() == 1
    assert story.author is None and story.channel == Channel.SESSION
    assert story.consent == Consent.ORGANISATION and story.live_session == room.session


def test_a_phone_tells_through_the_engines_view_and_gets_its_personal_part(room):
    _go(room, room.write)
    phone = _phone_client(room.session, room.phones[0])
    url = f"/doe-mee/{room.session.code}/fase/{room.write.pk}/"
    response = phone.post(url, {"do": "tell", "text": "Een verhaal over de bieb.",
                                "consent": "library", "teller_role": "employee",
                                "client_key": "abc"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.content.decode()
    body = response.content.decode()
    assert "Je verhaal is opgeslagen" in body and "Een verhaal over de bieb." in body
    missing = phone.post(url, {"do": "tell", "text": "Zonder keuze", "teller_role": "employee"},
                         HTTP_HX_REQUEST="true")
    assert missing.status_code == 400
    assert "Kies wat er met je verhaal mag gebeuren" in missing.content.decode()
    assert Story.objects.filter(live_session=room.session).count() == 1


def test_a_phone_picks_a_library_story_by_its_number_but_never_another_organisations(room,
                                                                                     cast):
    _go(room, room.write)
    assert storytelling.offered_stories(room.write) == [room.library_story]
    storytelling.session_story_pick(room.write, room.phones[0], room.library_story.pk)
    storytelling.session_story_pick(room.write, room.phones[0], room.library_story.pk)
    assert SessionContribution.objects.filter(told_here=False).count() == 1
    elsewhere_form = story_form_create(cast.other, cast.outsider, title="Elders",
                                       prompts=["Vertel"])
    foreign = story_tell(elsewhere_form, text="Van een andere organisatie.",
                         teller_role=TellerRole.EMPLOYEE, consent=Consent.LIBRARY)
    story_curate(foreign, cast.outsider, title="Elders", purpose_part="statement")
    with pytest.raises(LiveError, match="kun je hier niet kiezen"):
        storytelling.session_story_pick(room.write, room.phones[1], foreign.pk)
    with pytest.raises(LiveError):
        storytelling.offered_change(room.write, foreign.pk, True)
    _go(room, room.craft)
    storytelling.group_join(room.craft, room.phones[1], 1)
    storytelling.group_pen_take(room.craft, room.phones[1])
    with pytest.raises(LiveError, match="kan jullie groep niet kiezen"):
        storytelling.group_source_set(room.craft, room.phones[1], foreign.pk)
    assert not SessionContribution.objects.filter(story=foreign).exists()
    assert StoryGroup.objects.get(number=1).source is None


def test_crafting_saves_the_draft_on_every_step_so_a_reload_loses_nothing(room):
    _go(room, room.write)
    told = _tell(room, room.phones[0])
    _go(room, room.craft)
    phone = room.phones[0]
    storytelling.group_join(room.craft, phone, 1)
    storytelling.group_pen_take(room.craft, phone)
    storytelling.group_source_set(room.craft, phone, told.pk)
    storytelling.group_step_save(room.craft, phone, step=1, text=ARC[1], move="next")
    # Typing in step 2 is saved as it goes (no move) ...
    storytelling.group_step_save(room.craft, phone, step=2, text="Half getypt", move="stay")
    group = StoryGroup.objects.get(number=1)
    assert (group.situation, group.tension, group.step) == (ARC[1], "Half getypt", 2)
    # ... and a reload shows exactly that step with that text.
    phone.refresh_from_db()
    html = render.personal_fragment(room.session, room.craft, phone)
    assert "Half getypt" in html and 'name="step" value="2"' in html
    # An autosave that arrives after "next" does not pull the writer back.
    storytelling.group_step_save(room.craft, phone, step=2, text=ARC[2], move="next")
    storytelling.group_step_save(room.craft, phone, step=2, text=ARC[2], move="stay")
    assert StoryGroup.objects.get(number=1).step == 3


def test_only_the_phone_with_the_pen_writes_and_a_refused_text_is_kept_for_it(room):
    _go(room, room.craft)
    first, second = room.phones[0], room.phones[1]
    storytelling.group_join(room.craft, first, 1)
    storytelling.group_join(room.craft, second, 1)
    storytelling.group_pen_take(room.craft, first)
    storytelling.group_source_set(room.craft, first, "own")
    storytelling.group_pen_take(room.craft, second)
    with pytest.raises(LiveError, match="houdt nu de pen"):
        storytelling.group_step_save(room.craft, first, step=1, text="Mijn zinnen", move="next")
    assert StoryGroup.objects.get(number=1).situation == ""
    first.refresh_from_db()
    assert "Mijn zinnen" in render.personal_fragment(room.session, room.craft, first)


def test_a_fifty_kilobyte_arc_step_gets_a_clear_message_and_nothing_is_stored(room):
    _go(room, room.craft)
    phone = room.phones[0]
    storytelling.group_join(room.craft, phone, 1)
    storytelling.group_pen_take(room.craft, phone)
    storytelling.group_source_set(room.craft, phone, "own")
    with pytest.raises(LiveError, match="te lang"):
        storytelling.group_step_save(room.craft, phone, step=1, text="x" * 50_000, move="next")
    group = StoryGroup.objects.get(number=1)
    assert group.situation == "" and group.step == 1


def test_an_analysis_only_story_can_neither_be_crafted_from_nor_shown_on_the_screen(room):
    _go(room, room.write)
    secret = _tell(room, room.phones[0], text="Iets wat niemand mag lezen.",
                   consent=Consent.ANALYSIS)
    _go(room, room.craft)
    phone = room.phones[0]
    storytelling.group_join(room.craft, phone, 1)
    assert secret.pk not in [r["story"].pk for r in storytelling.craft_candidates(room.craft, 1)]
    storytelling.group_pen_take(room.craft, phone)
    with pytest.raises(LiveError, match="alleen voor analyse"):
        storytelling.group_source_set(room.craft, phone, secret.pk)
    group = _craft(room, phone, "own", consent=Consent.ANALYSIS)
    assert group.crafted.consent == Consent.ANALYSIS
    _go(room, room.show)
    assert storytelling.shown_groups(room.session) == []
    with pytest.raises(LiveError, match="alleen voor analyse"):
        storytelling.show_set(room.show, group.pk)
    with pytest.raises(LiveError):
        storytelling.crafted_dots_set(room.show, room.phones[1], group_id=group.pk, dots=1)
    screen = render.screen_snapshot(room.session)
    assert ARC[1] not in screen and "Iets wat niemand" not in screen
    assert ARC[1] not in render.control_snapshot(room.session)


def test_a_crafted_story_has_no_more_consent_than_the_story_it_grew_from(room):
    _go(room, room.write)
    source = _tell(room, room.phones[0], consent=Consent.ORGANISATION)
    _go(room, room.craft)
    with pytest.raises(LiveError, match="mag niet in de verhalenbank"):
        _craft(room, room.phones[0], source.pk, consent=Consent.LIBRARY)
    assert not Story.objects.filter(crafted_from=source).exists()
    group = storytelling.group_finish(room.craft, room.phones[0], title="Binnenshuis",
                                  purpose_part="for_us", consent=Consent.ORGANISATION)
    assert group.crafted.consent == Consent.ORGANISATION


def test_a_vote_on_a_locked_phase_gets_a_clear_message_and_nothing_is_stored(room):
    _go(room, room.craft)
    group = _craft(room, room.phones[0], "own")
    _go(room, room.show)
    live.phase_set_flags(room.show, locked=True)
    room.show.refresh_from_db()
    with pytest.raises(LiveError, match="gesloten"):
        storytelling.crafted_dots_set(room.show, room.phones[1], group_id=group.pk, dots=1)
    phone = _phone_client(room.session, room.phones[1])
    response = phone.post(f"/doe-mee/{room.session.code}/fase/{room.show.pk}/",
                          {"group": group.pk, "step": "up"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "gesloten" in response.content.decode()
    assert not Vote.objects.filter(phase=room.show).exists()


def test_dots_are_spent_once_per_phone_and_the_screen_hides_them_until_the_reveal(room):
    _go(room, room.craft)
    group = _craft(room, room.phones[0], "own")
    _go(room, room.show)
    phone = room.phones[1]
    assert storytelling.crafted_dots_set(room.show, phone, group_id=group.pk, dots=3) == 0
    with pytest.raises(LiveError, match="hoogstens"):
        storytelling.crafted_dots_set(room.show, phone, group_id=group.pk, dots=4)
    storytelling.crafted_dots_set(room.show, phone, group_id=group.pk, dots=3)
    assert selectors.dots_of(room.session) == {group.pk: 3}
    screen = render.screen_snapshot(room.session)
    assert "De toets kon wachten" in screen and ARC[3] in screen
    assert "bars__row" not in screen
    live.phase_set_flags(room.show, revealed=True)
    room.session.refresh_from_db()
    assert "bars__row" in render.screen_snapshot(room.session)


def test_the_chosen_stories_enter_the_library_once_with_their_provenance(room, cast):
    _go(room, room.write)
    source = _tell(room, room.phones[0])
    _go(room, room.craft)
    group = _craft(room, room.phones[0], source.pk)
    _go(room, room.show)
    storytelling.crafted_dots_set(room.show, room.phones[1], group_id=group.pk, dots=2)
    _go(room, room.publish)
    block = BLOCKS[storytelling.PUBLISH]
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.setlist("group", [str(group.pk)])
    block.control_act(room.publish, cast.facilitator, "publish", data)
    block.control_act(room.publish, cast.facilitator, "publish", data)
    live.session_end(room.session, cast.facilitator)
    live.session_end(room.session, cast.facilitator)
    storytelling.storytelling_harvest(room.session)
    entries = LibraryEntry.objects.filter(story__live_session=room.session)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.story == group.crafted and entry.title == "De toets kon wachten"
    assert entry.purpose_version == purpose_for(cast.org).current
    assert entry.purpose_part == "for_client"
    origin = provenance(entry.story)
    assert origin["session"] == room.session and origin["group"].number == 1
    assert origin["sources"] == [source] and origin["dots"] == 2


def test_ending_the_session_publishes_the_rooms_choice_when_nobody_chose(room, cast):
    _go(room, room.craft)
    storytelling.groups_set(room.craft, 2)
    storytelling.group_join(room.craft, room.phones[2], 2)
    first = _craft(room, room.phones[0], "own", title="Eerste")
    storytelling.group_pen_take(room.craft, room.phones[2])
    storytelling.group_source_set(room.craft, room.phones[2], "own")
    for step, text in ARC.items():
        storytelling.group_step_save(room.craft, room.phones[2], step=step, text=text, move="next")
    second = storytelling.group_finish(room.craft, room.phones[2], title="Tweede",
                                   purpose_part="for_us", consent=Consent.LIBRARY)
    _go(room, room.show)
    storytelling.crafted_dots_set(room.show, room.phones[1], group_id=second.pk, dots=2)
    live.session_end(room.session, cast.facilitator)
    in_library = set(LibraryEntry.objects.filter(story__live_session=room.session)
                     .values_list("title", flat=True))
    # Only stories the room gave dots to: 'Eerste' got none.
    assert in_library == {"Tweede"}
    assert not LibraryEntry.objects.filter(story=first.crafted).exists()


def test_groups_are_filled_evenly_and_phones_keep_their_own_choice(room):
    extra = [live.participant_join(room.session)[0] for _ in range(4)]
    _go(room, room.craft)
    storytelling.groups_set(room.craft, 2)
    room.craft.refresh_from_db()
    storytelling.group_join(room.craft, room.phones[0], 2)
    placed = storytelling.groups_assign(room.craft)
    assert placed == 6
    roles = list(Participant.objects.filter(session=room.session).values_list("role",
                                                                              flat=True))
    assert sorted(roles) == ["groep 1"] * 4 + ["groep 2"] * 3
    assert Participant.objects.get(pk=room.phones[0].pk).role == "groep 2"
    assert len(extra) == 4
    with pytest.raises(LiveError, match="van 1 tot en met 2"):
        storytelling.group_join(room.craft, room.phones[1], 3)


def test_the_library_entry_shows_its_provenance_and_links_to_the_harvest(room, cast,
                                                                        client_for):
    _go(room, room.craft)
    group = _craft(room, room.phones[0], room.library_story.pk)
    _go(room, room.show)
    storytelling.crafted_dots_set(room.show, room.phones[1], group_id=group.pk, dots=1)
    live.session_end(room.session, cast.facilitator)
    member = client_for(cast.member)
    page = member.get(f"/o/{cast.org.slug}/verhalen/{group.crafted.pk}/").content.decode()
    assert "Herkomst" in page and "groep 1" in page and room.session.title in page
    assert "Samen overbruggen" in page  # the source, a library story
    assert f"/sessies/{room.session.pk}/oogst/" in page
    assert "Wat we deden vanuit de Bedoeling" in page
    harvest = member.get(f"/o/{cast.org.slug}/sessies/{room.session.pk}/oogst/")
    body = harvest.content.decode()
    assert harvest.status_code == 200
    assert ARC[3] in body and "in de verhalenbank" in body and "1 stip" in body


def test_the_harvest_never_shows_a_story_for_analysis_only(room, cast, client_for):
    _go(room, room.write)
    _tell(room, room.phones[0], text="Geheim verhaal voor de patronen.",
          consent=Consent.ANALYSIS)
    _go(room, room.craft)
    _craft(room, room.phones[1], "own", title="Ook geheim", consent=Consent.ANALYSIS)
    live.session_end(room.session, cast.facilitator)
    body = client_for(cast.facilitator).get(
        f"/o/{cast.org.slug}/sessies/{room.session.pk}/oogst/").content.decode()
    assert "Geheim verhaal" not in body and "Ook geheim" not in body and ARC[1] not in body
    assert "alleen voor analyse" in body
    csv = client_for(cast.facilitator).get(
        f"/o/{cast.org.slug}/sessies/{room.session.pk}/oogst.csv").content.decode("utf-8-sig")
    assert "Geheim verhaal" not in csv and ARC[1] not in csv


def test_every_view_of_every_phase_renders(room, cast, client_for):
    _go(room, room.write)
    _tell(room, room.phones[0])
    for phase in (room.write, room.craft, room.show, room.publish):
        _go(room, phase)
        assert render.screen_snapshot(room.session)
        assert render.control_snapshot(room.session)
        for phone in room.phones:
            phone.refresh_from_db()
            render.phone_fragment(room.session, phase, phone.role, phone)
        if phase == room.craft:
            _craft(room, room.phones[0], "own")
    facilitator = client_for(cast.facilitator)
    assert facilitator.get(f"/o/{cast.org.slug}/sessies/{room.session.pk}/").status_code == 200
    assert facilitator.get(
        f"/o/{cast.org.slug}/sessies/{room.session.pk}/scherm/").status_code == 200


def test_a_reopened_story_stays_on_the_screen_as_finished_and_is_one_story(room):
    _go(room, room.craft)
    phone = room.phones[0]
    group = _craft(room, phone, "own")
    storytelling.group_reopen(room.craft, phone)
    storytelling.group_step_go(room.craft, phone, 1)
    storytelling.group_step_save(room.craft, phone, step=1, text="Een nieuwe opening.",
                             move="stay")
    shown = storytelling.shown_groups(room.session)
    assert [g.shown_arc[0][2] for g in shown] == [ARC[1]]
    storytelling.group_step_go(room.craft, phone, storytelling.FINISH_STEP)
    again = storytelling.group_finish(room.craft, phone, title="Beter", purpose_part="for_us",
                                  consent=Consent.LIBRARY)
    assert again.crafted_id == group.crafted_id
    assert Story.objects.filter(live_session=room.session).count() == 1
    story = Story.objects.get(pk=group.crafted_id)
    assert story.title == "Beter" and story.text.startswith("Een nieuwe opening.")


def test_ending_drops_unfinished_drafts_and_keeps_the_finished_version_of_a_reopened_one(
        room, cast):
    _go(room, room.craft)
    storytelling.groups_set(room.craft, 2)
    finished = _craft(room, room.phones[0], "own")
    storytelling.group_reopen(room.craft, room.phones[0])
    storytelling.group_step_go(room.craft, room.phones[0], 1)
    storytelling.group_step_save(room.craft, room.phones[0], step=1, text="Half veranderd",
                             move="stay")
    draft_phone = room.phones[1]
    storytelling.group_join(room.craft, draft_phone, 2)
    storytelling.group_pen_take(room.craft, draft_phone)
    storytelling.group_source_set(room.craft, draft_phone, "own")
    storytelling.group_step_save(room.craft, draft_phone, step=1, text="Nooit afgemaakt",
                             move="next")
    live.session_end(room.session, cast.facilitator)
    finished.refresh_from_db()
    assert finished.finished and finished.situation == ARC[1]
    draft = StoryGroup.objects.get(number=2)
    assert draft.situation == "" and draft.crafted is None


def test_a_phone_given_a_group_by_the_facilitator_can_take_the_pen(room):
    _go(room, room.craft)
    phone = room.phones[0]
    live.participant_role_set(room.session, phone.pk, "groep 1")
    phone.refresh_from_db()
    html = render.personal_fragment(room.session, room.craft, phone)
    assert "Ik schrijf" in html and "In welke groep zit je?" not in html
    storytelling.group_pen_take(room.craft, phone)
    assert StoryGroup.objects.get(number=1).writer_id == phone.pk


def test_the_phone_speaks_english_when_asked(room):
    from django.utils import translation

    _go(room, room.craft)
    with translation.override("en"):
        html = render.personal_fragment(room.session, room.craft, room.phones[0])
        screen = render.screen_snapshot(room.session)
    assert "Which group are you in?" in html and "not started yet" in screen
