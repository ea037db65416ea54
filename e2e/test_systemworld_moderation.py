"""A citizen reports through the public link and puts a name and an address in it; a
facilitator removes the report; the citizen's receipt page says it was removed, and why.
Axe on every page."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_a11y, login, screenshot

TEXT = "Mevrouw Jansen van de Dorpsstraat 4 moest voor de vierde keer haar loonstroken sturen."


def activate(locator):
    """Press with the keyboard (see e2e/test_systemworld.py: exact on a phone viewport)."""
    locator.focus()
    locator.press("Enter")


def test_a_public_report_with_personal_data_is_removed_and_the_receipt_says_why(visit):
    citizen = visit("phone").page
    citizen.goto("/meld/gemeente-lindeveld/")
    citizen.get_by_label("Wat gebeurde er?").fill(TEXT)
    activate(citizen.get_by_role("button", name="Melding versturen"))
    code = citizen.locator(".sw-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){6}", code)

    desk = visit().page
    login(desk, "begeleider@bedoeling.test")
    desk.goto("/o/lindeveld/systeemwereld/signalen/")
    desk.get_by_role("link", name=re.compile("^Mevrouw Jansen van de Dorpsstraat")).click()
    expect(desk.get_by_role("heading", name="Melding verwijderen")).to_be_visible()
    check_a11y(desk, "public signal with the removal form")
    desk.get_by_role("button", name="Verwijderen").click()
    expect(desk.get_by_text("Kies waarom je de melding verwijdert.").first).to_be_visible()
    check_a11y(desk, "removal without a reason")
    desk.get_by_role("radio", name="er stonden persoonsgegevens in").check()
    desk.get_by_role("button", name="Verwijderen").click()
    expect(desk.get_by_text("De melding is verwijderd.")).to_be_visible()
    expect(desk.locator("main")).not_to_contain_text("Dorpsstraat")

    citizen.goto("/mijn-melding/")
    citizen.get_by_label("Je persoonlijke code").fill(code)
    activate(citizen.get_by_role("button", name="Bekijken"))
    result = citizen.locator(".sw-receipt-result")
    expect(result.get_by_role("heading", name="Verwijderd")).to_be_visible()
    expect(result).to_contain_text("er stonden persoonsgegevens in")
    expect(result).not_to_contain_text("Dorpsstraat")
    screenshot(citizen, "systemworld-phone-receipt-removed")
    check_a11y(citizen, "receipt of a removed report")
