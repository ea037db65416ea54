"""Issue 15 item 10: language in the room. Two phones in one session, one switches to
English: each reads the same phase in its own language, also after a phase change pushed
live, and a hand-written title shows its translation."""

from playwright.sync_api import expect

from e2e.conftest import check_a11y, fits_a_phone, login, screenshot
from e2e.test_live_blocks import _add_phase

PHONE_390 = {"width": 390, "height": 844}
PHONE_360 = {"width": 360, "height": 740}


def _join(visit, code, locale="nl-NL"):
    page = visit("phone", locale=locale).page
    page.set_viewport_size(PHONE_390)
    page.goto(f"/doe-mee/{code}/")
    return page


def _shot(page, name):
    page.set_viewport_size(PHONE_360)
    fits_a_phone(page)
    screenshot(page, name)
    page.set_viewport_size(PHONE_390)


def test_two_phones_read_the_same_phase_each_in_its_own_language(visit):
    page = visit().page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/wilgenhoek/sessies/")
    page.get_by_label("Titel").fill("Studiemiddag met gasten")
    page.get_by_text("Open werksessie").click()
    page.get_by_role("button", name="Sessie aanmaken").click()
    _add_phase(page, "cards", "Wat neem je mee?",
               **{"Titel in het Engels": "What do you take away?"})
    page.get_by_role("button", name="Sessie openen").click()
    code = page.locator(".control-head .code-chip").inner_text().strip()

    # A first visit follows the browser's language.
    guest = _join(visit, code, locale="en-GB")
    expect(guest.locator("html")).to_have_attribute("lang", "en")
    expect(guest.get_by_role("button", name="Join", exact=True)).to_be_visible()
    expect(guest.get_by_role("button", name="Nederlands")).to_have_attribute("lang", "nl")
    check_a11y(guest, "join page in English")
    _shot(guest, "phone-language-join-en-360")

    dutch, english = _join(visit, code), _join(visit, code)
    for phone in (dutch, english):
        phone.get_by_role("button", name="Doe mee", exact=True).click()
        expect(phone.get_by_role("heading", name="Welkom")).to_be_visible()
    switch = english.get_by_role("button", name="English")
    expect(switch).to_have_attribute("lang", "en")
    box = switch.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 390  # small, yet a real target
    switch.click()
    expect(english.locator("html")).to_have_attribute("lang", "en")
    expect(english.get_by_role("heading", name="Welcome")).to_be_visible()
    expect(dutch.get_by_role("heading", name="Welkom")).to_be_visible()
    expect(english.get_by_role("button", name="Nederlands")).to_have_attribute("lang", "nl")
    check_a11y(english, "phone in English")
    check_a11y(dutch, "phone in Dutch")

    # The facilitator moves on: the push reaches each phone in its language, and so does
    # the personal part each phone fetches after it.
    page.get_by_role("button", name="Volgende →").click()
    expect(dutch.get_by_role("heading", name="Verzamelen")).to_be_visible()
    expect(english.get_by_role("heading", name="Gathering")).to_be_visible()
    expect(english.get_by_text("What strikes you? Write one thought per card.")).to_be_visible()
    expect(english.get_by_role("button", name="Add card")).to_be_visible()
    expect(dutch.get_by_role("button", name="Kaart toevoegen")).to_be_visible()
    expect(page.locator(".phase-item.is-current")).to_contain_text("Verzamelen")
    english.get_by_label("Your card").fill("Less paperwork for parents")
    english.get_by_role("button", name="Add card").click()
    expect(english.locator("#personal")).to_contain_text("Less paperwork for parents")
    check_a11y(english, "phone in English, cards")
    check_a11y(dutch, "phone in Dutch, cards")
    _shot(english, "phone-language-en-cards-360")
    _shot(dutch, "phone-language-nl-cards-360")

    # A hand-written title with a translation, pushed live.
    page.locator(".phase-item__go", has_text="Wat neem je mee?").click()
    expect(dutch.get_by_role("heading", name="Wat neem je mee?")).to_be_visible()
    expect(english.get_by_role("heading", name="What do you take away?")).to_be_visible()
    expect(english.get_by_role("button", name="Add card")).to_be_visible()
    _shot(english, "phone-language-en-handwritten-360")

    # Back to Dutch: the same phone, the same phase.
    english.get_by_role("button", name="Nederlands").click()
    expect(english.get_by_role("heading", name="Wat neem je mee?")).to_be_visible()
    expect(english.locator("html")).to_have_attribute("lang", "nl")
