"""The other building blocks, built by hand on the control view: private writing then
reveal, agree/disagree/pass with statements from phones, a labelled scale, a multiple
choice, a stop signal with a threshold, and a role that may only listen."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_a11y, login, screenshot


def _add_phase(page, kind, title, **fields):
    page.locator(".phase-add summary").click()
    page.get_by_label("Bouwsteen").select_option(kind)
    page.get_by_label("Titel", exact=True).fill(title)
    for label, value in fields.items():
        field = page.get_by_label(label)
        if value is True:
            field.check()
        else:
            field.fill(value)
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(page.locator("#phase-list")).to_contain_text(title)


def _phone(visit, code):
    v = visit("phone")
    v.page.goto(f"/doe-mee/{code}/")
    v.page.get_by_role("button", name="Doe mee").click()
    return v.page


def test_hand_built_session_with_every_block(visit):
    control = visit()
    page = control.page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/lindeveld/sessies/")
    page.get_by_label("Titel").fill("Intervisie Wmo")
    page.get_by_text("Zelf samenstellen").click()
    page.get_by_role("button", name="Sessie aanmaken").click()
    _add_phase(page, "cards", "Eerst voor jezelf",
               **{"Eerst voor jezelf schrijven, dan onthullen": True,
                  "Verborgen voor rollen": "inbrenger"})
    _add_phase(page, "agree", "Stellingen",
               **{"Deelnemers mogen zelf stellingen toevoegen": True,
                  "Alleen meekijken voor rollen": "inbrenger"})
    _add_phase(page, "scale", "Hoe voelde dit?",
               **{"Labels van de schaal (komma-gescheiden)": "slecht, matig, goed"})
    _add_phase(page, "choice", "Wat nemen we mee?",
               **{"Mogelijkheden (keuze), één per regel": "Regel schrappen\nUitleggen\n"
                                                           "Experiment",
                  "Meer dan één keuze toegestaan": True})
    _add_phase(page, "stop", "Scène", **{"Drempel stopsignaal (aantal mensen)": "2"})
    check_a11y(page, "control with hand-built phases")
    page.get_by_role("button", name="Sessie openen").click()
    code = page.locator(".control-head .code-chip").inner_text().strip()

    screen = visit().page
    login(screen, "begeleider@bedoeling.test")
    screen.goto(page.url + "scherm/")

    anna, bram, case_owner = (_phone(visit, code) for _ in range(3))
    number = re.search(r"#(\d+)", case_owner.locator(".phone-header__me").inner_text()).group(1)
    page.locator(".control-roles summary").click()
    page.get_by_label("Nummer").fill(number)
    page.get_by_label("Rol", exact=True).fill("inbrenger")
    page.get_by_role("button", name="Toekennen").click()
    expect(page.locator(".control-roles")).to_contain_text("inbrenger")

    # Private writing: nobody sees the cards until the reveal; the case owner sits outside
    # (her phone learns its new role live).
    expect(case_owner.get_by_text("kijk en luister je deze ronde mee")).to_be_visible()
    expect(case_owner.locator(".phone-role")).to_contain_text("inbrenger")
    case_owner.reload()
    expect(case_owner.locator(".phone-role")).to_contain_text("inbrenger")
    anna.get_by_placeholder("Schrijf één gedachte…").fill("Ik durfde niet af te wijken")
    anna.get_by_role("button", name="Kaart toevoegen").click()
    expect(anna.get_by_text("Je kaart is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Ook jij ziet de kaarten pas als je ze onthult.")).to_be_visible()
    expect(screen.get_by_text("Ik durfde niet af te wijken")).to_have_count(0)
    page.get_by_role("button", name="Resultaten tonen").click()
    expect(screen.locator(".wall")).to_contain_text("Ik durfde niet af te wijken")
    bram.reload()
    expect(bram.get_by_text("Ik durfde niet af te wijken")).to_be_visible()

    # Agree / disagree / pass; phones add statements; the case owner only listens.
    page.get_by_role("button", name="Volgende →").click()
    page.get_by_label("Zelf een stelling toevoegen").fill("De regel helpt de inwoner niet.")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(anna.locator(".statement")).to_have_text("De regel helpt de inwoner niet.")
    anna.get_by_role("button", name="Eens", exact=True).click()
    expect(anna.get_by_text("Je hebt op alle stellingen gereageerd.")).to_be_visible()
    bram.get_by_text("Zelf een stelling toevoegen").click()
    bram.get_by_label("Je stelling").fill("We mogen vaker bellen in plaats van mailen.")
    bram.get_by_role("button", name="Stelling toevoegen").click()
    # Statements with the fewest votes come first.
    expect(bram.locator(".statement")).to_have_text("We mogen vaker bellen in plaats van mailen.")
    bram.get_by_role("button", name="Oneens").click()
    expect(bram.locator(".statement")).to_have_text("De regel helpt de inwoner niet.")
    bram.get_by_role("button", name="Pas / weet niet").click()
    expect(bram.get_by_text("Je hebt op alle stellingen gereageerd.")).to_be_visible()
    expect(case_owner.get_by_text("alleen; je kunt niets invoeren")).to_be_visible()
    expect(case_owner.get_by_role("button", name="Eens", exact=True)).to_have_count(0)
    check_a11y(anna, "phone agree")
    page.get_by_role("button", name="Resultaten tonen").click()
    expect(screen.locator(".statements__row", has_text="De regel helpt")).to_contain_text(
        "50% eens")
    expect(screen.locator(".statements__row", has_text="vaker bellen")).to_contain_text(
        "100% oneens")
    screenshot(screen, "live-screen-agree")

    # A labelled scale.
    page.get_by_role("button", name="Volgende →").click()
    anna.get_by_text("goed", exact=True).click()
    expect(anna.get_by_text("Je antwoord is opgeslagen.")).to_be_visible()
    check_a11y(anna, "phone scale")
    page.get_by_role("button", name="Resultaten tonen").click()
    expect(screen.locator(".histogram")).to_contain_text("goed")

    # A multiple choice.
    page.get_by_role("button", name="Volgende →").click()
    bram.get_by_text("Uitleggen").click()
    bram.get_by_text("Experiment").click()
    bram.get_by_role("button", name="Kiezen").click()
    expect(bram.get_by_text("Je keuze is opgeslagen.")).to_be_visible()
    check_a11y(bram, "phone choice")
    page.get_by_role("button", name="Resultaten tonen").click()
    expect(screen.locator(".bars__row", has_text="Experiment").locator(".bars__value")
           ).to_have_text("1")

    # The stop signal: two presses cross the threshold; the control view is alerted.
    page.get_by_role("button", name="Volgende →").click()
    anna.get_by_role("button", name="STOP").click()
    bram.get_by_role("button", name="STOP").click()
    expect(screen.locator(".stop-meter.is-crossed")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Drempel overschreden")
    screenshot(screen, "live-screen-stop")
    screenshot(anna, "live-phone-stop")
    check_a11y(anna, "phone stop")
    check_a11y(screen, "screen stop")
    check_a11y(page, "control stop")


def test_a_statement_added_while_a_phone_is_fetching_still_reaches_it(visit):
    """The phone asks for its personal part after a phase change; a new statement that
    arrives while that request is under way must not be lost (the reply was rendered before
    it, and the nudge found the phone not yet waiting)."""
    page = visit().page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/lindeveld/sessies/")
    page.get_by_label("Titel").fill("Stellingen onderweg")
    page.get_by_text("Zelf samenstellen").click()
    page.get_by_role("button", name="Sessie aanmaken").click()
    _add_phase(page, "scale", "Eerst even peilen")
    _add_phase(page, "agree", "Stellingen")
    page.get_by_role("button", name="Sessie openen").click()
    code = page.locator(".control-head .code-chip").inner_text().strip()
    phone = _phone(visit, code)
    expect(phone.get_by_role("heading", name="Eerst even peilen")).to_be_visible()

    held = []

    def hold_first(route):
        if held:
            route.continue_()
            return
        held.append((route, route.fetch()))  # rendered now: no statements yet

    phone.route(re.compile(r"/doe-mee/\w+/mijn/"), hold_first)
    page.get_by_role("button", name="Volgende →").click()
    expect(phone.get_by_role("heading", name="Stellingen")).to_be_visible()
    while not held:
        phone.wait_for_timeout(100)
    page.get_by_label("Zelf een stelling toevoegen").fill("Wie belt, wordt geholpen.")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(page.locator("#snapshot")).to_contain_text("Wie belt, wordt geholpen.")
    phone.wait_for_timeout(800)  # the nudge reaches the phone while its request is held
    route, stale = held[0]
    route.fulfill(response=stale)
    expect(phone.locator(".statement")).to_have_text("Wie belt, wordt geholpen.")

