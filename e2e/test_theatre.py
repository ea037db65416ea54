"""Regietheater in a real browser: the joker on the control view, the projector, the
actors' tablet and four phones at 390 px go through stop → freeze → propose → vote →
replay → judgement → a second stop of the same scene; axe on every view."""

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import PHONE, Visit, check_a11y, login, screenshot

PHONE_390 = {**PHONE, "viewport": {"width": 390, "height": 844}}
TABLET = {"viewport": {"width": 820, "height": 1180}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def device(browser, server):
    opened = []

    def open_(options):
        v = Visit(browser, server, options)
        opened.append(v)
        return v.page

    yield open_
    for v in opened:
        v.close()


def _join(page, code):
    page.goto(f"/doe-mee/{code}/")
    page.get_by_role("button", name="Doe mee").click()
    expect(page.locator(".phone-header__me")).to_be_visible()
    return re.search(r"#(\d+)", page.locator(".phone-header__me").inner_text()).group(1)


def _fits(page, width=390):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def test_the_hall_directs_a_scene_from_stop_to_a_second_stop(device):
    control = device({"viewport": {"width": 1280, "height": 900}})
    login(control, "begeleider@bedoeling.test")
    control.goto("/o/wilgenhoek/regietheater/")
    check_a11y(control, "performances")
    control.get_by_role("link", name="Zien wat het kind nodig heeft").click()
    expect(control.get_by_role("link", name="De juf en de lesplanning")).to_be_visible()
    check_a11y(control, "performance")
    control.get_by_role("button", name="Speel deze voorstelling").click()
    control.get_by_role("button", name="Sessie openen").click()
    code = control.locator(".code-chip").first.inner_text().strip()

    screen = device({"viewport": {"width": 1280, "height": 720}})
    login(screen, "begeleider@bedoeling.test")
    screen.goto(control.url + "scherm/")

    phones = [device(PHONE_390) for _ in range(4)]
    for phone in phones:
        _join(phone, code)
    tablet = device(TABLET)
    number = _join(tablet, code)

    # The joker gives the tablet the actor's role: it shows the actors' view from now on.
    control.locator(".control-roles summary").click()
    people = control.locator(".role-form--format select[name=participant]")
    expect(people.locator(f"option[value='{number}']")).to_have_count(1)
    people.select_option(number)
    control.locator(".role-form--format select[name=role]").select_option("actor")
    control.get_by_role("button", name="Rol geven").click()
    expect(tablet.locator(".phone-phase--stage")).to_be_visible()
    expect(tablet.locator(".regie-stage")).to_contain_text("Zo meteen")

    control.get_by_role("button", name="Speel de scène", exact=True).click()
    expect(tablet.locator(".regie-stage__big")).to_have_text("Speel.")
    control.get_by_label("Drempel (mensen)").fill("3")
    control.get_by_role("button", name="Aanpassen").click()
    expect(control.locator(".stop-meter--control")).to_contain_text("/ 3")

    for phone in phones[:3]:
        phone.get_by_role("button", name="STOP").click()
        expect(phone.locator("[data-stop-feedback]")).to_contain_text("STOP doorgegeven.")
    expect(screen.locator(".stop-meter.is-crossed")).to_be_visible()
    expect(control.get_by_text("Drempel overschreden")).to_be_visible()
    screenshot(screen, "theatre-screen-stop")
    screenshot(phones[0], "theatre-phone-stop")
    screenshot(control, "theatre-control-stop")
    check_a11y(phones[0], "phone play")
    check_a11y(screen, "screen play")
    check_a11y(control, "control play")
    _fits(phones[0])

    control.get_by_role("button", name="Bevries de scène").click()
    expect(tablet.locator(".regie-stage__big")).to_have_text("Bevries.")
    texts = ["Ze klapt de laptop dicht", "Ze loopt met Sem de gang op", "Ze negeert hem"]
    for phone, text in zip(phones, texts, strict=False):
        expect(phone.get_by_text("Wat moet De juf nu doen?")).to_be_visible()
        phone.get_by_label("Jouw regie voor De juf").fill(text)
        phone.get_by_role("button", name="Voorstel doen").click()
        expect(phone.locator(".mini-card")).to_contain_text(text)
    expect(screen.locator(".wall")).to_contain_text("Ze negeert hem")
    check_a11y(phones[0], "phone frozen")
    check_a11y(screen, "screen frozen")
    control.get_by_role("button", name=re.compile("Verberg.*Ze negeert hem")).click()
    expect(screen.locator(".wall")).not_to_contain_text("Ze negeert hem")
    check_a11y(control, "control frozen")
    control.get_by_role("button", name="Open de stemming").click()

    for phone, choice in zip(phones, texts[:1] * 3 + texts[1:2], strict=True):
        phone.get_by_role("radio", name=choice).check()
        expect(phone.get_by_text("Je stem is opgeslagen.")).to_be_visible()
    check_a11y(phones[0], "phone vote")
    screenshot(phones[0], "theatre-phone-vote")
    expect(screen.locator(".screen-big__n")).to_have_text("4")
    control.get_by_role("button", name="Toon de keuze (meeste stemmen)").click()
    expect(screen.locator(".regie-chosen--screen")).to_have_text(texts[0])
    expect(tablet.locator("[data-regie-direction]")).to_have_text(texts[0])
    expect(tablet.locator(".regie-stage__who")).to_have_text("De juf")
    screenshot(tablet, "theatre-actors-view")
    screenshot(screen, "theatre-screen-choice")
    check_a11y(tablet, "actors' view")
    check_a11y(screen, "screen choice")
    expect(tablet.locator("textarea, input[type=radio], .stop-button")).to_have_count(0)

    control.get_by_role("button", name="Na het herspelen: vraag het oordeel").click()
    for phone in phones:
        expect(phone.get_by_text("Kwam dit dichter bij de bedoeling?").first).to_be_visible()
        phone.get_by_role("radio", name="dichterbij", exact=True).check()
        expect(phone.get_by_text("Je oordeel is opgeslagen.")).to_be_visible()
    check_a11y(phones[1], "phone judge")
    screenshot(phones[1], "theatre-phone-judge")
    control.get_by_label("Aantekeningen bij stop 1").fill("De zaal koos het kleine gebaar.")
    control.get_by_role("button", name="Bewaar aantekening").click()

    # The same scene plays on, and the hall may stop it again.
    control.get_by_role("button", name="Speel de scène opnieuw").click()
    expect(tablet.locator(".regie-stage__big")).to_have_text("Speel.")
    phones[3].get_by_role("button", name="STOP").click()
    expect(screen.locator("[data-stop-count]")).to_have_text("1")
    expect(screen.locator(".regie-screen__scene")).to_contain_text("stop 2")
    control.locator(".regie-log-fold summary").click()
    expect(control.locator(".regie-log")).to_contain_text("De zaal koos het kleine gebaar.")
    expect(control.locator(".regie-log")).to_contain_text("Gemiddeld 4,0 op 5")
    screenshot(control, "theatre-control-log")
