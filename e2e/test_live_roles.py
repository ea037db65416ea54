"""Issue 15 item 5: a phase hidden from a role shows that phone only that it listens now —
not the phase's title, its prompt or its input — while the others see the phase."""

import re

from playwright.sync_api import expect

from e2e.conftest import login
from e2e.test_live_blocks import _add_phase, _phone


def test_a_phase_hidden_from_a_role_shows_that_phone_only_that_it_listens_now(visit):
    page = visit().page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/lindeveld/sessies/")
    page.get_by_label("Titel").fill("Intervisie zonder inbrenger")
    page.get_by_text("Zelf samenstellen").click()
    page.get_by_role("button", name="Sessie aanmaken").click()
    _add_phase(page, "cards", "Analyse zonder inbrenger",
               **{"Verborgen voor rollen": "inbrenger"})
    page.get_by_role("button", name="Sessie openen").click()
    code = page.locator(".control-head .code-chip").inner_text().strip()

    case_owner, colleague = (_phone(visit, code) for _ in range(2))
    number = re.search(r"#(\d+)", case_owner.locator(".phone-header__me").inner_text()).group(1)
    page.locator(".control-roles summary").click()
    page.get_by_label("Nummer").fill(number)
    page.get_by_label("Rol", exact=True).fill("inbrenger")
    page.get_by_role("button", name="Toekennen").click()
    expect(page.locator(".control-roles")).to_contain_text("inbrenger")

    for phone in (case_owner, case_owner):  # live, and after a reload
        expect(phone.get_by_role("heading", name="Je luistert nu")).to_be_visible()
        expect(phone.locator(".phone-role")).to_contain_text("inbrenger")
        expect(phone.get_by_text("Analyse zonder inbrenger")).to_have_count(0)
        expect(phone.locator(".phone-phase").locator("textarea, input, form")).to_have_count(0)
        case_owner.reload()
    expect(colleague.get_by_role("heading", name="Analyse zonder inbrenger")).to_be_visible()
    expect(colleague.get_by_text("Je luistert nu")).to_have_count(0)
