"""A facilitator runs the generic format with a projector and three phones: cards, a
phone that reloads mid-session, grouping, a dot vote whose results stay hidden until the
reveal, a countdown on every view, and the harvest."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_a11y, login, screenshot


def _join(visit, code):
    v = visit("phone")
    page = v.page
    page.goto("/doe-mee/")
    page.get_by_label("Code").fill(code.lower())
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Doe mee").click()
    expect(page.locator(".phone-header")).to_be_visible()
    return v


def test_facilitator_screen_and_three_phones_run_the_open_format(visit):
    control = visit()
    page = control.page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/wilgenhoek/sessies/")
    check_a11y(page, "sessions")
    page.get_by_label("Titel").fill("Studiemiddag: wat houdt ons tegen?")
    page.get_by_text("Open werksessie").click()
    page.get_by_role("button", name="Sessie aanmaken").click()
    expect(page.get_by_role("heading", name="Studiemiddag: wat houdt ons tegen?")).to_be_visible()
    code = page.locator(".control-head .code-chip").inner_text().strip()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", code)
    check_a11y(page, "control (draft)")

    projector = visit()
    screen = projector.page
    login(screen, "begeleider@bedoeling.test")
    screen.goto(page.url + "scherm/")
    expect(screen.locator(".screen-join__code")).to_contain_text(code)
    check_a11y(screen, "screen (draft)")

    page.get_by_role("button", name="Sessie openen").click()
    phones = [_join(visit, code) for _ in range(3)]
    first = phones[0].page
    expect(first.get_by_role("heading", name="Welkom")).to_be_visible()
    check_a11y(first, "phone welcome")
    expect(screen.locator(".screen-title")).to_have_text("Welkom")

    # Next phase: collect cards. Phones follow without reloading.
    page.get_by_role("button", name="Volgende →").click()
    for phone in phones:
        expect(phone.page.get_by_role("heading", name="Verzamelen")).to_be_visible()
    expect(page.locator(".phase-item.is-current")).to_contain_text("Verzamelen")
    texts = [
        "Het formulier voor extra ondersteuning is veel te lang",
        "Elk formulier vraagt dezelfde gegevens opnieuw",
        "We vergaderen te veel over toetsresultaten",
    ]
    for phone, text in zip(phones, texts, strict=True):
        phone.page.get_by_placeholder("Schrijf één gedachte…").fill(text)
        phone.page.get_by_role("button", name="Kaart toevoegen").click()
        expect(phone.page.get_by_text("Je kaart is opgeslagen.")).to_be_visible()
    check_a11y(first, "phone cards")
    expect(screen.locator(".screen-big__n")).to_have_text("3")
    # Results stay hidden on the projector until the facilitator reveals them.
    expect(screen.get_by_text(texts[0])).to_have_count(0)

    # A phone reloads mid-session and is still the same participant with her card.
    number = first.locator(".phone-header__me").inner_text()
    first.reload()
    expect(first.locator(".phone-header__me")).to_have_text(number)
    expect(first.locator(".card-list")).to_contain_text(texts[0])

    # The control view shows the cards for moderation as they arrive.
    expect(page.locator(".moderation")).to_contain_text(texts[2])
    page.get_by_role("button", name="Resultaten tonen").click()
    expect(screen.locator(".wall")).to_contain_text(texts[1])
    screenshot(screen, "live-screen-cards")

    # Countdown in sync on all views.
    page.get_by_label("Minuten").fill("2")
    page.get_by_role("button", name="Start klok").click()
    expect(screen.locator(".timer__text")).to_have_text(re.compile(r"[12]:[0-5]\d"))
    expect(phones[1].page.locator(".timer__text")).to_have_text(re.compile(r"[12]:[0-5]\d"))

    # Group: the two cards about forms are suggested together.
    page.get_by_role("button", name="Volgende →").click()
    expect(page.locator(".suggestion")).to_contain_text("formulier")
    suggestion = page.locator(".suggestion").first
    suggestion.get_by_label("Naam van de groep").fill("Formulieren")
    suggestion.get_by_role("button", name="Maak groep").click()
    expect(screen.locator(".cluster").first).to_contain_text("Formulieren")
    page.get_by_role("textbox", name="Nieuwe groep").fill("Overleg")
    page.get_by_role("button", name="Maken").click()
    page.locator(".cluster__card", has_text=texts[2]).get_by_label(
        "Groep voor deze kaart").select_option(label="Overleg")
    expect(screen.locator(".cluster", has_text="Overleg")).to_contain_text(texts[2])
    screenshot(page, "live-control-group")
    check_a11y(page, "control group")
    check_a11y(screen, "screen group")

    # Dot vote over the groups.
    page.get_by_role("button", name="Volgende →").click()
    for phone in phones:
        expect(phone.page.get_by_text("Je hebt nog 3 stippen.")).to_be_visible()
    # A keyboard user on the control view keeps her place while the votes come in.
    reveal = page.get_by_role("button", name="Resultaten tonen")
    reveal.focus()
    before = page.locator("#snapshot > *").first.element_handle()
    for phone in phones:
        phone.page.get_by_role("button", name=re.compile("Stip zetten bij Formulieren")).click()
        expect(phone.page.get_by_text("Je hebt nog 2 stippen.")).to_be_visible()
    phones[2].page.get_by_role("button", name=re.compile("Stip zetten bij Overleg")).click()
    expect(phones[2].page.get_by_text("Je hebt nog 1 stip.")).to_be_visible()
    check_a11y(phones[2].page, "phone dot vote")
    screenshot(phones[2].page, "live-phone-dots")
    expect(screen.locator(".screen-big__n")).to_have_text("3")
    expect(screen.locator(".bars")).to_have_count(0)
    page.wait_for_function("el => !el.isConnected", arg=before)  # a new snapshot came
    expect(reveal).to_be_focused()
    page.keyboard.press("Enter")
    expect(screen.locator(".bars__row").first).to_contain_text("Formulieren")
    expect(screen.locator(".bars__row").first.locator(".bars__value")).to_have_text("3")
    screenshot(screen, "live-screen-dots")
    check_a11y(screen, "screen dot vote revealed")

    # End: phones thank, the harvest keeps everything.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sessie afsluiten").click()
    expect(first.get_by_role("heading", name="Dank je wel!")).to_be_visible()
    page.get_by_role("link", name="Oogst").click()
    expect(page.locator("main")).to_contain_text(texts[0])
    expect(page.locator("main")).to_contain_text("Formulieren")
    check_a11y(page, "harvest")
    screenshot(page, "live-harvest")
