"""Issue 15 item 10: language in the room. A phone chooses its language; a registered
format's phase texts follow each reader's language, whoever created the session; a
hand-written title or prompt may carry a translation; pushes render per role and language."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.utils.translation import override

from bedoeling.live import demo, render, services
from bedoeling.live.errors import LiveError
from bedoeling.live.hub import Hub, Subscriber
from bedoeling.live.models import Phase
from bedoeling.live.tests.test_hub import _next, _run


def _phone(session, accept="nl", chosen=None) -> Client:
    phone = Client(HTTP_ACCEPT_LANGUAGE=accept)
    if chosen:
        phone.cookies["bp_lang"] = chosen
    assert phone.post(f"/doe-mee/{session.code}/").status_code == 302
    return phone


def _english_session(cast):
    """A session of the generic format created by a facilitator who works in English."""
    with override("en"):
        session = services.session_create(cast.org, cast.facilitator, title="Study day",
                                          format_key="open")
    services.session_open(session, cast.facilitator)
    cards = session.phases.all()[1]
    services.phase_activate(session, cards)
    session.refresh_from_db()
    return session, cards


def test_a_formats_phase_text_reads_in_each_phones_language_whoever_created_it(cast):
    session, cards = _english_session(cast)
    assert cards.title == "Gathering"  # as written when it was created, in English
    dutch, english = _phone(session, accept="nl"), _phone(session, accept="en-GB,en;q=0.9")

    dutch_page = dutch.get(f"/doe-mee/{session.code}/").content.decode()
    english_page = english.get(f"/doe-mee/{session.code}/").content.decode()

    assert '<html lang="nl">' in dutch_page
    assert ">Verzamelen</h1>" in dutch_page
    assert "Wat valt je op? Schrijf één gedachte per kaart." in dutch_page
    assert "Gathering" not in dutch_page
    assert '<html lang="en">' in english_page
    assert ">Gathering</h1>" in english_page
    assert "What strikes you? Write one thought per card." in english_page
    # Her personal part (the card form) too.
    personal = english.get(f"/doe-mee/{session.code}/mijn/")
    assert personal["Content-Language"] == "en"
    assert "Add card" in personal.content.decode()
    assert "Kaart toevoegen" in dutch.get(f"/doe-mee/{session.code}/mijn/").content.decode()


def test_a_phones_choice_outweighs_its_browser_and_stays_on_the_phone_path(cast, live):
    phone = _phone(live.session, accept="nl")
    response = phone.post("/doe-mee/taal/", {"language": "en", "code": live.session.code})
    assert response.status_code == 302
    assert response["Location"] == f"/doe-mee/{live.session.code}/"
    cookie = response.cookies["bp_lang"]
    assert cookie.value == "en" and cookie["path"] == "/doe-mee/" and cookie["httponly"]
    page = phone.get(f"/doe-mee/{live.session.code}/").content.decode()
    assert ">Gathering</h1>" in page
    # The switch offers the other language, in that language, as a real form.
    assert 'name="language" value="nl" lang="nl">Nederlands</button>' in page
    # Elsewhere on the site the browser's language still holds.
    assert Client(HTTP_ACCEPT_LANGUAGE="nl").get("/doe-mee/").content.decode().count(
        '<html lang="nl">') == 1


def test_an_unknown_language_changes_nothing_and_says_so(live):
    phone = _phone(live.session, accept="nl")
    response = phone.post("/doe-mee/taal/", {"language": "xx", "code": live.session.code},
                          follow=True)
    assert "bp_lang" not in phone.cookies
    page = response.content.decode()
    assert "Deze taal hebben we niet. Kies Nederlands / English." in page
    assert ">Verzamelen</h1>" in page
    english = _phone(live.session, chosen="en")
    page = english.post("/doe-mee/taal/", {"language": "klingon", "code": live.session.code},
                        follow=True).content.decode()
    assert "have that language. Choose Nederlands / English." in page
    assert phone.cookies.get("bp_lang") is None and english.cookies["bp_lang"].value == "en"


def test_a_hand_written_prompt_shows_its_translation_and_falls_back_to_the_original(live):
    translated = services.phase_add(
        live.session, kind="cards", title="Wat houdt je tegen?", prompt="Eén drempel per kaart.",
        translations={"en": {"title": "What holds you back?", "prompt": ""}})
    plain = services.phase_add(live.session, kind="cards", title="Wat helpt je?",
                               prompt="Eén hulp per kaart.")
    dutch, english = _phone(live.session, chosen="nl"), _phone(live.session, chosen="en")

    services.phase_activate(live.session, translated)
    english_page = english.get(f"/doe-mee/{live.session.code}/").content.decode()
    assert ">What holds you back?</h1>" in english_page
    assert "Eén drempel per kaart." in english_page  # no translation: the original
    assert ">Wat houdt je tegen?</h1>" in dutch.get(f"/doe-mee/{live.session.code}/"
                                                    ).content.decode()
    services.phase_activate(live.session, plain)
    assert ">Wat helpt je?</h1>" in english.get(f"/doe-mee/{live.session.code}/"
                                                ).content.decode()


def test_the_phase_editor_stores_translations_and_refuses_an_unknown_language(live, cast,
                                                                              client_for):
    facilitator = client_for(cast.facilitator)
    url = f"/o/{cast.org.slug}/sessies/{live.session.pk}/fasen/"
    assert "Titel in het Engels" in facilitator.get(url[:-len("fasen/")]).content.decode()
    facilitator.post(url, {"kind": "cards", "title": "Wat zie je?", "prompt": "",
                           "title_en": "What do you see?", "prompt_en": "One per card."})
    phase = live.session.phases.get(title="Wat zie je?")
    assert phase.texts == {"tr": {"en": {"title": "What do you see?",
                                         "prompt": "One per card."}}}
    before = Phase.objects.count()
    with pytest.raises(LiveError, match="Deze taal kennen we niet: xx"):
        services.phase_add(live.session, kind="cards", title="Vraag",
                           translations={"xx": {"title": "?"}})
    assert Phase.objects.count() == before


def test_editing_a_formats_text_makes_it_hand_written_and_giving_it_back_does_not(cast):
    session, cards = _english_session(cast)
    # A domain saving only the settings gives the text back as it reads it: nothing changes.
    with override("nl"):
        services.phase_update(cards, title="Verzamelen", prompt=cards.prompt,
                              config=cards.config)
    cards.refresh_from_db()
    assert cards.texts["msgid"] == {"title": "Verzamelen",
                                    "prompt": "Wat valt je op? Schrijf één gedachte per kaart."}
    services.phase_update(cards, title="Wat zie je in de klas?", prompt=cards.prompt,
                          config=cards.config)
    cards.refresh_from_db()
    assert cards.texts["msgid"] == {"prompt": "Wat valt je op? Schrijf één gedachte per kaart."}
    with override("en"):
        assert cards.shown_title == "Wat zie je in de klas?"
        assert cards.shown_prompt == "What strikes you? Write one thought per card."


def test_a_push_renders_once_per_role_and_language_in_use(live):
    live.session.refresh_from_db()
    ids = [live.anna.pk, live.bram.pk]
    dutch_room = render.room_messages(live.session.pk, views={"phone"}, transition=True,
                                      phone_ids=ids, phone_languages=dict.fromkeys(ids, "nl"))
    assert set(dutch_room.phone) == {("", "nl")}  # no English rendered for nobody
    mixed = render.room_messages(live.session.pk, views={"phone", "screen"}, transition=True,
                                 phone_ids=ids, languages={"screen": {"en"}},
                                 phone_languages={live.anna.pk: "nl", live.bram.pk: "en"})
    assert set(mixed.phone) == {("", "nl"), ("", "en")}
    assert "Verzamelen" in mixed.phone[("", "nl")] and "Gathering" in mixed.phone[("", "en")]
    assert set(mixed.snapshots) == {("screen", "en")}
    assert "Gathering" in mixed.snapshots[("screen", "en")]


@pytest.mark.django_db(transaction=True)
def test_a_phase_change_reaches_two_phones_each_in_its_language_and_the_screen_in_its_own(
        live):
    async def scenario():
        hub = Hub()
        dutch = Subscriber(view="phone", participant_id=live.anna.pk, language="nl")
        english = Subscriber(view="phone", participant_id=live.bram.pk, language="en")
        screen = Subscriber(view="screen", language="en")
        for subscriber in (dutch, english, screen):
            hub.join(live.session.pk, subscriber, live.session.state_version)
        await asyncio.sleep(0.5)  # the hub subscribes to the broker
        await sync_to_async(services.phase_activate)(live.session, live.group)
        snapshots = [await _next(screen)]
        while "Grouping" not in snapshots[-1]:  # the first may be from before the change
            snapshots.append(await _next(screen))
        return await _next(dutch), await _next(english), "".join(snapshots)

    dutch, english, screen = _run(scenario())
    assert "Groeperen" in dutch and "We ordenen de kaarten samen." in dutch
    assert "Grouping" in english and "We sort the cards together." in english
    assert "Groeperen" not in english
    assert screen.startswith("event: snapshot") and "participants" in screen
    assert "deelnemers" not in screen


def test_the_demo_has_a_hand_written_question_with_an_english_translation(cast):
    demo._parents_evening({"orgs": {"wilgenhoek": cast.org},
                             "users": {"begeleider@bedoeling.test": cast.facilitator}})
    phase = Phase.objects.get(title="Wat wilt u ons meegeven?")
    with override("en"):
        assert phase.shown_title == "What would you like us to know?"
        assert phase.session.phases.first().shown_title == "Welcome"
