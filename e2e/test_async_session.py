"""Issue 11 item 5: an asynchronous roddelmethode over two simulated days. The facilitator
plans a window per step, invites colleagues and makes one the case owner; the task worker
opens the steps and mails them; each colleague takes part from her phone with her own
account, on her own time; the case owner reads along and cannot write; a reminder reaches
only who has not written yet (not the case owner, who only reads); afterwards the
discussion reads as a thread. Time moves by setting the windows, never by sleeping."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from e2e.conftest import check_a11y, login, screenshot

ZONE = ZoneInfo("Europe/Amsterdam")  # the server's time zone: the plan is read in it
PHONE_390 = {"width": 390, "height": 844}
TITLE = "Wijkteams op afstand"
QUESTIONS = "Vragen aan de inbrenger"
GOSSIP = "Roddelen: de inbrenger zit buiten de kring"


def _local(moment: datetime) -> str:
    return moment.astimezone(ZONE).strftime("%Y-%m-%dT%H:%M")


def _plan(page, hours: list[tuple[float, float]]):
    """Set every step's window, in hours from now, and save the plan."""
    now = datetime.now(ZONE).replace(second=0, microsecond=0)
    for number, (opens, closes) in enumerate(hours, start=1):
        page.get_by_label(f"Stap {number} opent").fill(_local(now + timedelta(hours=opens)))
        page.get_by_label(f"Stap {number} sluit").fill(_local(now + timedelta(hours=closes)))
    page.get_by_role("button", name="Planning opslaan").click()
    expect(page.get_by_text("De planning is opgeslagen.")).to_be_visible()


def _wait_all(server, address, text):
    """Every mail to `address` about this session that holds `text`. The demo's own
    asynchronous roddelmethode mails the same colleagues about the same steps: a mail
    counts only when it names this test's session."""
    server.wait_for_mail(f"To: {address}", TITLE, text, timeout=30)
    found = [m for m in server.mails() if f"To: {address}" in m and TITLE in m and text in m]
    assert found, f"no mail to {address} with {text!r}"
    return found


def _phone_of(visit, email: str, link: str):
    """A colleague's phone: she follows the link in her mail and logs in on the way."""
    phone = visit("phone").page
    phone.set_viewport_size(PHONE_390)
    phone.goto(link)
    phone.get_by_label("E-mailadres").fill(email)
    phone.get_by_label("Wachtwoord").fill("bedoeling-demo")
    phone.get_by_role("button", name="Inloggen").click()
    expect(phone.locator(".phone-phase")).to_be_visible()
    return phone


def test_an_asynchronous_roddelmethode_over_two_days(visit, server):
    desk = visit().page
    login(desk, "begeleider@bedoeling.test")
    desk.goto("/o/lindeveld/sessies/")
    desk.get_by_label("Titel").fill(TITLE)
    desk.get_by_text("Roddelmethode", exact=True).click()
    desk.get_by_label(re.compile("Asynchroon")).check()
    desk.get_by_role("button", name="Sessie aanmaken").click()
    expect(desk.get_by_role("heading", name="Tijdvakken")).to_be_visible()
    check_a11y(desk, "the plan")

    # Day one: the questions are open until tonight.
    _plan(desk, [(-2, 10), (10, 34), (34, 46), (46, 58), (58, 70)])
    desk.get_by_label("Een heel team").select_option(label="Wmo-consulenten")
    desk.get_by_label("Joost Meijer").check()
    desk.get_by_label("Anouk de Boer").check()
    desk.get_by_role("button", name="Uitnodigen").click()
    for name in ("Fatma Yılmaz", "Joost Meijer", "Anouk de Boer"):
        expect(desk.locator(".invitees")).to_contain_text(name)
    desk.get_by_label("Rol Fatma Yılmaz").select_option(label="Inbrenger")
    desk.get_by_role("button", name="Opslaan Fatma Yılmaz").click()
    expect(desk.locator(".invitees")).to_contain_text("Fatma Yılmaz · Inbrenger")
    desk.get_by_role("button", name="Starten").click()
    expect(desk.get_by_text("De sessie loopt.")).to_be_visible()
    check_a11y(desk, "the plan, running")
    screenshot(desk, "async-plan")

    # The worker opens the step and mails each of them her link.
    mail = _wait_all(server, "fatma@lindeveld.test", QUESTIONS)[0]
    link = re.search(r"https?://\S+(/doe-mee/\w+/uitnodiging/)", mail).group(1)
    fatma = _phone_of(visit, "fatma@lindeveld.test", link)
    expect(fatma.get_by_role("heading", name=QUESTIONS)).to_be_visible()
    expect(fatma.locator(".phone-role")).to_contain_text("Inbrenger")
    expect(fatma.locator(".phone-window")).to_contain_text("Open tot")
    expect(fatma.locator(".phone-phase textarea")).to_have_count(0)  # she only reads
    check_a11y(fatma, "the case owner's phone")

    joost = _phone_of(visit, "joost@lindeveld.test", link)
    joost.get_by_label("Je kaart").fill("Wat wil meneer B. zelf het liefst?")
    joost.get_by_role("button", name="Kaart toevoegen").click()
    expect(joost.get_by_text("Je kaart is opgeslagen.")).to_be_visible()
    check_a11y(joost, "a colleague's phone")
    screenshot(joost, "async-phone")
    # The others' questions stay hidden from him until the step closes.
    joost.get_by_role("link", name="Lees het gesprek tot nu toe").click()
    expect(joost.get_by_text("verschijnt hier als deze stap sluit")).to_be_visible()
    check_a11y(joost, "the thread while a step is open")

    # Later that day a quarter of the window is left: only Anouk, who has not asked
    # anything yet, is reminded (Fatma only reads, Joost asked).
    _plan(desk, [(-12, 1), (10, 34), (34, 46), (46, 58), (58, 70)])
    assert len(_wait_all(server, "anouk@lindeveld.test", "nog niet gezien")) == 1
    assert not [m for m in server.mails() if "nog niet gezien" in m and TITLE in m
                and ("To: fatma@" in m or "To: joost@" in m)]

    # Day two: the questions closed in the night, the gossip round opened this morning.
    _plan(desk, [(-25, -12), (-12, 12), (12, 24), (24, 36), (36, 48)])
    _wait_all(server, "anouk@lindeveld.test", "Roddelen")
    joost.goto(link)
    expect(joost.get_by_role("heading", name=GOSSIP)).to_be_visible()
    joost.get_by_label("Je bijdrage").fill("Hier botst de richtlijn met wat hij nodig heeft")
    joost.get_by_role("button", name="Bijdrage toevoegen").click()
    expect(joost.get_by_text("Hier botst de richtlijn")).to_be_visible()
    # Fatma sits outside the circle: she reads the group's words as they come.
    fatma.goto(link)
    expect(fatma.get_by_text("Hier botst de richtlijn met wat hij nodig heeft")).to_be_visible()
    expect(fatma.locator(".phone-phase textarea")).to_have_count(0)
    screenshot(fatma, "async-case-owner")

    joost.get_by_role("link", name="Lees het gesprek tot nu toe").click()
    thread = joost.locator(".thread")
    expect(thread).to_contain_text("Wat wil meneer B. zelf het liefst?")
    # Anonymous: no names beside the contributions, not even for the facilitator.
    expect(thread).not_to_contain_text("Joost")
    check_a11y(joost, "the thread on a phone")
    screenshot(joost, "async-thread-phone")

    desk.get_by_role("link", name="Draad").first.click()
    expect(desk.locator(".thread")).to_contain_text("Wat wil meneer B. zelf het liefst?")
    expect(desk.locator(".thread")).not_to_contain_text("Joost")
    check_a11y(desk, "the thread for the facilitator")
    screenshot(desk, "async-thread")

    # The last step closes: the session ends by itself.
    desk.get_by_role("link", name="Regie", exact=True).click()
    desk.get_by_role("link", name="Planning en uitnodigingen").click()
    _plan(desk, [(-50, -49), (-49, -30), (-30, -20), (-20, -10), (-10, -1)])
    fatma.goto(link)
    expect(fatma.get_by_role("heading", name="Dank je wel!")).to_be_visible(timeout=20_000)
