"""A dit-kan-niet-waar-zijn session with a projector and three phones: situations from the
phones, grouping with a suggestion, dots, a decision about the top group that becomes an
action, codes on the phones, the end, the harvest; then the action moves on and an
anonymous participant reads its status with the code her phone showed. Axe on every page
and view; screenshots of the projector and the phones."""

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from e2e.conftest import check_a11y, login, screenshot

CODE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){6}")
RULE = "Inkomensverklaring alleen uploaden met DigiD"
SITUATIONS = [
    ("Een man van 81 kon zonder DigiD zijn inkomensverklaring niet uploaden.",
     "Zijn bijzondere bijstand werd stopgezet.", "Systeem"),
    ("Zonder vast adres krijg je geen DigiD, en zonder DigiD geen uitkering.", "", "Systeem"),
    ("Werkende mantelzorgers bereiken ons telefonische spreekuur nooit.",
     "Ze nemen er een vrije dag voor op.", "Procedure"),
]
DECISION = "Inkomensverklaring ook op papier of aan de balie aannemen"


def _join(visit, code):
    v = visit("phone")
    page = v.page
    page.goto(f"/doe-mee/{code}/")
    page.get_by_role("button", name="Doe mee").click()
    expect(page.locator(".phone-header")).to_be_visible()
    return page


def _fits_a_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the phone view scrolls sideways ({width}px)"


def _next(page, title):
    page.get_by_role("button", name="Volgende →").click()
    expect(page.locator(".phase-item.is-current")).to_contain_text(title)


def test_a_session_turns_situations_into_signals_and_a_decision_into_a_followed_action(visit):
    control = visit().page
    login(control, "begeleider@bedoeling.test")
    control.goto("/o/lindeveld/sessies/")
    control.get_by_label("Titel").fill("Teamoverleg Werk en inkomen")
    control.get_by_text("Dit kan niet waar zijn", exact=True).click()
    control.get_by_role("button", name="Sessie aanmaken").click()
    expect(control.get_by_role("heading", name="Teamoverleg Werk en inkomen")).to_be_visible()
    code = control.locator(".control-head .code-chip").inner_text().strip()
    check_a11y(control, "control (draft)")

    projector = visit().page
    login(projector, "begeleider@bedoeling.test")
    projector.goto(control.url + "scherm/")
    check_a11y(projector, "screen (draft)")

    control.get_by_role("button", name="Sessie openen").click()
    phones = [_join(visit, code) for _ in range(3)]
    expect(phones[0].get_by_role("heading", name="Dit kan niet waar zijn")).to_be_visible()

    # The facilitator puts her own question on every screen.
    control.get_by_label("Je vraag aan de zaal").fill(
        "Wanneer zat een regel jou deze maand in de weg bij wat een inwoner nodig had?")
    control.get_by_role("button", name="Vraag opslaan").click()
    for page in (projector, phones[0]):
        expect(page.get_by_text("Wanneer zat een regel jou deze maand")).to_be_visible()
    check_a11y(control, "control welcome")
    check_a11y(projector, "screen welcome")
    check_a11y(phones[0], "phone welcome")

    # Situations from the phones: what happened, what it meant, what was in the way.
    _next(control, "Wat kan niet waar zijn?")
    for phone, (text, effect, kind) in zip(phones, SITUATIONS, strict=True):
        phone.get_by_label("Wat gebeurde er?").fill(text)
        if effect:
            phone.get_by_label("Wat betekende het voor de inwoner?").fill(effect)
        phone.locator(".dkn-kinds").get_by_text(kind, exact=True).click()
        phone.get_by_role("button", name="Situatie versturen").click()
        expect(phone.get_by_text("Je situatie is opgeslagen.")).to_be_visible()
        expect(phone.locator(".card-list")).to_contain_text(text)
    check_a11y(phones[0], "phone situations")
    _fits_a_phone(phones[0])
    screenshot(phones[0], "dkn-phone-situations")
    expect(projector.locator(".screen-big__n")).to_have_text("3")
    expect(control.locator(".moderation")).to_contain_text(SITUATIONS[0][1])
    check_a11y(control, "control situations")
    control.get_by_role("button", name="Resultaten tonen").click()
    expect(projector.locator(".dkn-wall")).to_contain_text(SITUATIONS[2][0])
    screenshot(projector, "dkn-screen-situations")
    check_a11y(projector, "screen situations")

    # Grouping: the two DigiD situations are suggested together.
    _next(control, "Ordenen")
    suggestion = control.locator(".suggestion").first
    expect(suggestion).to_contain_text(SITUATIONS[0][0])
    expect(suggestion).to_contain_text(SITUATIONS[1][0])
    suggestion.get_by_label("Naam van de groep").fill("DigiD")
    suggestion.get_by_role("button", name="Maak groep").click()
    expect(control.locator(".clusters--control .cluster__name", has_text="DigiD")).to_have_count(1)
    control.get_by_role("textbox", name="Nieuwe groep").fill("Bereikbaarheid")
    control.get_by_role("button", name="Maken").click()
    expect(control.locator(".clusters--control")).to_contain_text("Bereikbaarheid")
    control.locator(".cluster__card", has_text=SITUATIONS[2][0]).get_by_label(
        "Groep voor deze kaart").select_option(label="Bereikbaarheid")
    expect(projector.locator(".cluster", has_text="Bereikbaarheid")).to_contain_text(
        SITUATIONS[2][0])
    check_a11y(control, "control group")
    check_a11y(projector, "screen group")

    # Dots: DigiD comes out on top.
    _next(control, "Wat pakken we op?")
    for phone in phones:
        phone.get_by_role("button", name=re.compile("Stip zetten bij DigiD")).click()
        expect(phone.get_by_text("Je hebt nog 2 stippen.")).to_be_visible()
    phones[2].get_by_role("button", name=re.compile("Stip zetten bij Bereikbaarheid")).click()
    expect(phones[2].get_by_text("Je hebt nog 1 stip.")).to_be_visible()
    check_a11y(phones[2], "phone dots")
    control.get_by_role("button", name="Resultaten tonen").click()
    expect(projector.locator(".bars__row").first).to_contain_text("DigiD")
    check_a11y(projector, "screen dots")

    # The top group: what is this rule for? The rule and its purpose go up on the screen.
    _next(control, "Eerste groep")
    expect(projector.locator(".dkn-decide__group-name")).to_have_text("DigiD")
    expect(projector.locator(".dkn-decide__situations")).to_contain_text(SITUATIONS[1][0])
    control.get_by_label("Uit het register").select_option(label=RULE)
    control.get_by_role("button", name="Regel op het scherm").click()
    expect(projector.locator(".dkn-decide__rule-title")).to_have_text(RULE)
    expect(projector.locator(".dkn-decide__purpose")).to_have_text(
        "Gegevens van inwoners veilig en betrouwbaar ontvangen.")
    for phone in phones:
        expect(phone.locator(".dkn-phone-question")).to_have_text(
            "Wat is de bedoeling van deze regel?")
        expect(phone.locator(".dkn-phone-rule")).to_contain_text(RULE)
    screenshot(projector, "dkn-screen-decide")
    screenshot(phones[1], "dkn-phone-decide")
    check_a11y(projector, "screen decide")
    check_a11y(phones[1], "phone decide")
    _fits_a_phone(phones[1])

    # An empty decision: a clear message, nothing lost of what was typed.
    purpose = control.get_by_label("Wat is de bedoeling van deze regel?")
    expect(purpose).to_have_value("Gegevens van inwoners veilig en betrouwbaar ontvangen.")
    purpose.fill("Gegevens veilig ontvangen; niet: iedereen moet digitaal.")
    control.get_by_label("Wat gaan we doen?").fill("")
    control.get_by_role("button", name="Besluit vastleggen").click()
    expect(control.locator(".dkn-step .message--error")).to_contain_text(
        "Kies wat voor actie dit is.")
    expect(purpose).to_have_value("Gegevens veilig ontvangen; niet: iedereen moet digitaal.")
    check_a11y(control, "control decide with an error")
    control.get_by_role("radio", name=re.compile("^Ruimte geven")).check()
    control.get_by_label("Wat gaan we doen?").fill(DECISION)
    control.get_by_label("Wie trekt het?").select_option(label="Hans Verbeek")
    control.get_by_label("Klaar op").fill((date.today() + timedelta(days=30)).isoformat())
    screenshot(control, "dkn-control-decide")
    control.get_by_role("button", name="Besluit vastleggen").click()
    expect(control.locator(".dkn-decided")).to_contain_text(DECISION)
    expect(projector.locator(".dkn-decision")).to_contain_text(DECISION)
    expect(phones[0].locator(".dkn-decision")).to_contain_text(DECISION)
    screenshot(projector, "dkn-screen-decided")
    check_a11y(control, "control decided")
    check_a11y(projector, "screen decided")

    # Codes: each phone asks for the code of what it wrote.
    control.locator(".phase-item", has_text="Volg wat ermee gebeurt").get_by_role(
        "button").first.click()
    expect(projector.locator(".dkn-follow")).to_contain_text("/mijn-melding/")
    check_a11y(projector, "screen codes")
    codes = []
    for phone in phones:
        phone.get_by_role("button", name="Toon mijn code").click()
        expect(phone.locator(".dkn-receipts .sw-code")).to_be_visible()
        codes.append(phone.locator(".dkn-receipts .sw-code").inner_text().strip())
    assert all(CODE.fullmatch(c) for c in codes) and len(set(codes)) == 3
    expect(phones[0].get_by_text("je ziet hem maar één keer")).to_be_visible()
    screenshot(phones[0], "dkn-phone-code")
    check_a11y(phones[0], "phone code")
    _fits_a_phone(phones[0])

    control.once("dialog", lambda dialog: dialog.accept())
    control.get_by_role("button", name="Sessie afsluiten").click()
    expect(phones[0].get_by_role("heading", name="Dank je wel!")).to_be_visible()
    check_a11y(control, "control ended")

    # The harvest: signals, groups, dots and the decision, with links.
    control.get_by_role("link", name="Oogst").click()
    main = control.locator("main")
    expect(main).to_contain_text(SITUATIONS[0][1])
    expect(main).to_contain_text("Bereikbaarheid")
    expect(control.get_by_role("link", name=DECISION)).to_be_visible()
    check_a11y(control, "harvest")
    screenshot(control, "dkn-harvest")

    # The action moves on.
    control.get_by_role("link", name=DECISION).click()
    expect(control.locator("main")).to_contain_text("Teamoverleg Werk en inkomen")
    expect(control.locator(".sw-signals li")).to_have_count(2)
    control.get_by_label("Status").select_option("in_progress")
    control.get_by_label("Wat is er gebeurd?").fill(
        "De balie neemt vanaf maandag papieren verklaringen aan.")
    control.get_by_role("button", name="Opslaan").click()
    expect(control.get_by_text("De actie is bijgewerkt.")).to_be_visible()
    check_a11y(control, "action")

    # The rule and the signal show the session they came from.
    control.get_by_role("link", name=RULE).first.click()
    expect(control.get_by_role("heading", name="Besproken in werksessies")).to_be_visible()
    expect(control.locator(".sw-sessions")).to_contain_text("Teamoverleg Werk en inkomen")
    check_a11y(control, "rule")

    # The participant who wrote the first situation reads what became of it, anonymously.
    reader = visit("phone").page
    reader.goto("/mijn-melding/")
    reader.get_by_label("Je persoonlijke code").fill(codes[0])
    reader.get_by_role("button", name="Bekijken").click()
    result = reader.locator(".sw-receipt-result")
    expect(result.get_by_role("heading", name="Er wordt aan gewerkt")).to_be_visible()
    expect(result).to_contain_text(DECISION)
    expect(result).to_contain_text("De balie neemt vanaf maandag papieren verklaringen aan.")
    expect(result).to_contain_text("Teamoverleg Werk en inkomen")
    assert codes[0] not in reader.url
    _fits_a_phone(reader)
    screenshot(reader, "dkn-phone-receipt")
    check_a11y(reader, "receipt of a session signal")
