"""Kill one of two workers in the middle of a session: phones reconnect to the other, no
acknowledged vote is lost and the screen recovers. Two uvicorn workers share Redis (and
PostgreSQL when the suite runs on it; SQLite in WAL mode otherwise)."""

import os
import signal
import time

import pytest
from playwright.sync_api import expect

from e2e.conftest import Server, login


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory, demo_template):
    server = Server(tmp_path_factory.mktemp("failover"), redis_workers=True,
                    template=demo_template)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def _dead(pid: int) -> bool:
    try:
        status = open(f"/proc/{pid}/status").read()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in status


def test_killing_a_worker_loses_no_acknowledged_vote(browser, two_workers):
    from e2e.conftest import Visit

    control = Visit(browser, two_workers, {"viewport": {"width": 1280, "height": 860}})
    page = control.page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/lindeveld/sessies/")
    page.get_by_label("Titel").fill("Failover")
    page.get_by_text("Zelf samenstellen").click()
    page.get_by_role("button", name="Sessie aanmaken").click()
    page.locator(".phase-add summary").click()
    page.get_by_label("Bouwsteen").select_option("choice")
    page.get_by_label("Titel", exact=True).fill("Hoe gaat het?")
    page.get_by_label("Mogelijkheden (keuze), één per regel").fill("Goed\nKan beter")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_role("button", name="Sessie openen").click()
    code = page.locator(".control-head .code-chip").inner_text().strip()

    screen = Visit(browser, two_workers, {"viewport": {"width": 1280, "height": 800}})
    login(screen.page, "begeleider@bedoeling.test")
    screen.page.goto(page.url + "scherm/")

    phones = []
    for _ in range(6):
        phone = Visit(browser, two_workers, {"viewport": {"width": 360, "height": 740},
                                             "is_mobile": True, "has_touch": True})
        phone.page.goto(f"/doe-mee/{code}/")
        phone.page.get_by_role("button", name="Doe mee").click()
        expect(phone.page.get_by_role("heading", name="Hoe gaat het?")).to_be_visible()
        phones.append(phone)

    def vote(phone, option):
        phone.page.get_by_text(option, exact=True).click()
        phone.page.get_by_role("button", name="Kiezen").click()
        expect(phone.page.get_by_text("Je keuze is opgeslagen.")).to_be_visible()

    for phone in phones[:3]:
        vote(phone, "Goed")
    page.get_by_role("button", name="Resultaten tonen").click()
    expect(screen.page.locator(".bars__row", has_text="Goed").locator(".bars__value")
           ).to_have_text("3")

    victim = two_workers.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)
    time.sleep(1.5)

    assert _dead(victim)
    for phone in phones[3:]:
        vote(phone, "Kan beter")

    # The screen reconnected (to the surviving or the restarted worker) and shows every
    # acknowledged vote.
    expect(screen.page.locator(".bars__row", has_text="Goed").locator(".bars__value")
           ).to_have_text("3", timeout=15_000)
    expect(screen.page.locator(".bars__row", has_text="Kan beter").locator(".bars__value")
           ).to_have_text("3", timeout=15_000)

    # Every phone follows a phase change after the kill.
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Sessie afsluiten").click()
    for phone in phones:
        expect(phone.page.get_by_role("heading", name="Dank je wel!")).to_be_visible(
            timeout=15_000)
    for visit in [*phones, screen, control]:
        visit.close()


def test_a_phone_back_after_an_outage_sees_what_came_in_meanwhile(browser, two_workers):
    """Bad wifi or a restart: the phone's stream breaks while a statement is added. The phase
    did not change, so nothing on reconnecting says so; the phone, which was waiting for
    something to vote on, asks again and shows it."""
    from e2e.conftest import Visit

    control = Visit(browser, two_workers, {"viewport": {"width": 1280, "height": 860}})
    page = control.page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/lindeveld/sessies/")
    page.get_by_label("Titel").fill("Storing")
    page.get_by_text("Zelf samenstellen").click()
    page.get_by_role("button", name="Sessie aanmaken").click()
    page.locator(".phase-add summary").click()
    page.get_by_label("Bouwsteen").select_option("agree")
    page.get_by_label("Titel", exact=True).fill("Stellingen")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_role("button", name="Sessie openen").click()
    code = page.locator(".control-head .code-chip").inner_text().strip()

    phone = Visit(browser, two_workers, {"viewport": {"width": 360, "height": 740},
                                         "is_mobile": True, "has_touch": True})
    phone.page.goto(f"/doe-mee/{code}/")
    phone.page.get_by_role("button", name="Doe mee").click()
    expect(phone.page.get_by_text("Er zijn nog geen stellingen.")).to_be_visible()

    def add_statement():
        expect(phone.page.locator("[data-live-status].is-offline")).to_be_visible(
            timeout=15_000)
        two_workers.manage("shell", "-c", (
            "from bedoeling.live import services\n"
            "from bedoeling.live.models import LiveSession\n"
            f"session = LiveSession.objects.get(code='{code}')\n"
            "services.card_add(session.current_phase, None, text='Eerst bellen, dan mailen.')"))

    two_workers.restart(while_down=add_statement)
    expect(phone.page.locator(".statement")).to_have_text("Eerst bellen, dan mailen.",
                                                           timeout=20_000)
    expect(phone.page.locator("[data-live-status].is-offline")).to_have_count(0)
    for visit in (phone, control):
        visit.close()
