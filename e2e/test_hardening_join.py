"""The facilitator's door: who joined when, closing the door, removing a phone — in a real
browser, with live updates and axe."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_a11y, login, screenshot


def _join(visit, code, name=""):
    v = visit("phone")
    page = v.page
    page.goto(f"/doe-mee/{code}/")
    if name:
        page.get_by_label("Je naam (optioneel)").fill(name)
    page.get_by_role("button", name="Doe mee").click()
    return v


def test_the_facilitator_sees_who_joined_closes_the_door_and_removes_a_phone(visit):
    control = visit()
    page = control.page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/wilgenhoek/sessies/")
    page.get_by_label("Titel").fill("Teamochtend: wie is er binnen?")
    page.get_by_text("Open werksessie").click()
    page.get_by_label("Deelnemers mogen een naam opgeven").check()
    page.get_by_role("button", name="Sessie aanmaken").click()
    code = page.locator(".control-head .code-chip").inner_text().strip()

    # A draft takes no joins: the phone is told to wait.
    early = visit("phone").page
    early.goto(f"/doe-mee/{code}/")
    expect(early.get_by_text("Deze sessie is nog niet begonnen")).to_be_visible()

    page.get_by_role("button", name="Sessie openen").click()
    anna = _join(visit, code, "Anna").page
    expect(anna.locator(".phone-header")).to_be_visible()
    bram = _join(visit, code, "Bram").page
    expect(bram.locator(".phone-header")).to_be_visible()

    # The control view shows who joined when, live.
    expect(page.locator(".control-door h2")).to_contain_text("2 / 1000")
    page.get_by_text("Wie deed mee, wanneer").click()
    joined = page.locator(".control-joined tbody tr")
    expect(joined).to_have_count(2)
    expect(joined.first).to_contain_text("Bram")
    expect(joined.first.locator("time")).to_have_text(re.compile(r"\d\d:\d\d:\d\d"))
    check_a11y(page, "control with joins")
    screenshot(page, "hardening-join-control")

    # Remove Bram's phone; the list follows.
    bram_row = joined.filter(has_text="Bram")
    bram_row.get_by_role("button", name="Verwijderen").click()
    expect(page.locator(".control-joined tbody tr")).to_have_count(1)
    expect(page.locator(".control-door h2")).to_contain_text("1 / 1000")

    # Close the door: a new phone cannot get in, Anna goes on.
    page.get_by_role("button", name="Deur sluiten").click()
    expect(page.locator(".control-door .badge")).to_have_text("deur dicht")
    late = visit("phone").page
    late.goto(f"/doe-mee/{code}/")
    expect(late.get_by_text("De begeleider heeft de deur van deze sessie gesloten")).to_be_visible()
    check_a11y(late, "phone at a closed door")
    anna.reload()
    expect(anna.locator(".phone-header")).to_be_visible()
    check_a11y(page, "control with the door closed")
