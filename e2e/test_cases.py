"""Issue 11: a case written with the pseudonymisation warning, then discussed with the
incidentmethode — a facilitator on the control view, the projector, the case owner and
three colleagues on 390 px phones — through the private questions, the silent step, the
positions revealed side by side and what helped her. Axe on every view; the projector is
photographed at every step (var/screenshots/cases-screen-*.png)."""

import re

from playwright.sync_api import expect

from e2e.conftest import Visit, check_a11y, login, screenshot

PHONE_390 = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
             "device_scale_factor": 2}
PROJECTOR = {"width": 1280, "height": 720}
STEPS = ["Kies het incident", "De situatie", "Informatievragen",
         "Informatieronde: alleen feiten", "Wat is hier de bedoeling?", "Jouw standpunt",
         "Standpunten naast elkaar", "Wat deed de inbrenger werkelijk?", "Bespreking",
         "Wat hielp je?", "Evaluatie"]


def _write_case(page):
    page.goto("/o/wilgenhoek/casussen/nieuw/")
    page.get_by_label("Titel").fill("Het kind dat niet naar gym wilde")
    page.get_by_label("De situatie").fill(
        "Meester Hendriks zag dat leerling Sem de Boer elke dinsdag buikpijn had.")
    page.get_by_label("Het dilemma").fill("Doorvragen of de gymregels volgen.")
    page.get_by_label("Je vraag aan de groep").fill("Hoe open ik het gesprek met thuis?")
    page.get_by_label("Welk deel van de Bedoeling staat op het spel?").select_option(
        "for_client")
    page.get_by_role("button", name="Casus opslaan").click()
    warning = page.get_by_role("alert").filter(has_text="Staan hier persoonsgegevens in?")
    expect(warning).to_contain_text("Sem de Boer")
    expect(warning).to_contain_text("Meester Hendriks")
    check_a11y(page, "case form with the warning")
    screenshot(page, "cases-form-warning")
    page.get_by_label("De situatie").fill(
        "De meester zag dat leerling S. (groep 6) elke dinsdag buikpijn had.")
    page.get_by_role("button", name="Aangepast, opnieuw controleren").click()
    expect(page.get_by_role("heading", name="Het kind dat niet naar gym wilde")).to_be_visible()
    check_a11y(page, "case page")
    return page.url


def _phone(visit_phone, code, name):
    page = visit_phone.page
    page.goto(f"/doe-mee/{code}/")
    page.locator("input[name=name]").fill(name)
    page.get_by_role("button", name="Doe mee").click()
    expect(page.locator(".phone-header__me")).to_contain_text(name)
    return page


def _next(control, title):
    control.get_by_role("button", name=re.compile("Volgende")).click()
    expect(control.locator(".control-bar__phase")).to_have_text(title)


def _write(phone, text):
    phone.locator("#personal textarea").fill(text)
    phone.locator("#personal").get_by_role("button", name="Kaart toevoegen").click()
    expect(phone.locator("#personal")).to_contain_text(text)


def test_an_incidentmethode_with_a_case_owner_three_colleagues_and_a_projector(
        visit, browser, server):
    owner_desk = visit()
    login(owner_desk.page, "lotte@wilgenhoek.test")
    case_url = _write_case(owner_desk.page)

    control_visit = visit()
    control = control_visit.page
    login(control, "begeleider@bedoeling.test")
    control.goto(case_url)
    control.get_by_role("link", name="Bespreek deze casus").click()
    check_a11y(control, "choose a method")
    control.get_by_label("Incidentmethode").check()
    control.get_by_role("button", name="Bespreking voorbereiden").click()
    control.get_by_role("button", name="Sessie openen").click()
    code = control.locator(".control-head .code-chip").inner_text().strip()
    session_url = control.url

    phones = [Visit(browser, server, PHONE_390) for _ in range(4)]
    try:
        screen = control_visit.new_page()
        screen.set_viewport_size(PROJECTOR)
        screen.goto(session_url + "scherm/")
        owner, *colleagues = (_phone(v, code, name) for v, name in
                              zip(phones, ["Lotte", "Daan", "Priya", "Ineke"], strict=True))
        control.locator(".control-roles summary").click()
        number = re.search(r"#(\d+)", owner.locator(".phone-header__me").inner_text()).group(1)
        control.locator(".role-form--format select[name=participant]").select_option(number)
        control.locator(".role-form--format select[name=role]").select_option("inbrenger")
        control.get_by_role("button", name="Rol geven").click()
        expect(owner.locator(".phone-role")).to_contain_text("Inbrenger")

        for index, title in enumerate(STEPS):
            if index:
                _next(control, title)
            expect(screen.locator(".screen-title")).to_have_text(title)
            if title == "Informatievragen":
                # Private: each writes for herself; the case owner only listens.
                expect(owner.locator("#personal textarea")).to_have_count(0)
                _write(colleagues[0], "Hoe lang speelt dit al?")
                _write(colleagues[1], "Wat zeggen de ouders?")
                expect(colleagues[1].locator("#personal")).not_to_contain_text(
                    "Hoe lang speelt dit al?")
                check_a11y(colleagues[0], "phone, private questions")
                check_a11y(owner, "case owner phone, private questions")
            if title == "Informatieronde: alleen feiten":
                for page in (screen, owner, colleagues[2]):
                    expect(page.get_by_text("Wat zeggen de ouders?")).to_be_visible()
            if title == "Jouw standpunt":
                # The silent step: the case owner sees the step, but cannot write.
                expect(owner.locator(".phone-title")).to_have_text("Jouw standpunt")
                expect(owner.locator("#personal textarea")).to_have_count(0)
                _write(colleagues[0], "Ik zou eerst met S. zelf praten.")
                _write(colleagues[1], "Ik zou de ouders vandaag nog bellen.")
                _write(colleagues[2], "Ik zou de gymdocent erbij halen.")
                expect(screen.locator(".screen-big__n")).to_have_text("3")
                expect(screen.get_by_text("Ik zou de ouders vandaag nog bellen.")).to_have_count(0)
                expect(owner.get_by_text("Ik zou de ouders vandaag nog bellen.")).to_have_count(0)
                check_a11y(owner, "case owner phone, silent step")
                screenshot(owner, "cases-phone-owner-silent")
                screenshot(colleagues[0], "cases-phone-position")
            if title == "Standpunten naast elkaar":
                for page in (screen, owner):
                    expect(page.get_by_text("Ik zou de ouders vandaag nog bellen.")).to_be_visible()
                    expect(page.get_by_text("Ik zou de gymdocent erbij halen.")).to_be_visible()
                check_a11y(owner, "case owner phone, positions side by side")
                screenshot(owner, "cases-phone-owner-side-by-side")
            if title == "Wat hielp je?":
                expect(colleagues[0].locator("#personal")).to_contain_text("De inbrenger kiest")
                owner.locator(".helped-list li", has_text="Ik zou de ouders").get_by_role(
                    "button").click()
                expect(owner.get_by_role("button", name=re.compile("Hielp me"))).to_be_visible()
                expect(screen.locator(".wall")).to_contain_text(
                    "Ik zou de ouders vandaag nog bellen.")
                check_a11y(owner, "case owner phone, what helped")
                screenshot(owner, "cases-phone-owner-helped")
            if title == "Evaluatie":
                colleagues[0].locator(".scale-option").nth(3).click()
            check_a11y(screen, f"projector: {title}")
            screenshot(screen, f"cases-screen-{index + 1:02d}")
        check_a11y(control, "control view")
        screenshot(control, "cases-control")

        control.once("dialog", lambda dialog: dialog.accept())
        control.get_by_role("button", name="Sessie afsluiten").click()
        expect(control.get_by_role("button", name="Sessie afsluiten")).to_have_count(0)
        owner_desk.page.goto(case_url)
        expect(owner_desk.page.locator(".case-discussions")).to_contain_text(
            "Ik zou de ouders vandaag nog bellen.")
        owner_desk.page.get_by_label("Wat we leerden").fill(
            "Vraag het kind zelf, vóór de regels.")
        owner_desk.page.get_by_label("Zat er een regel in de weg? Noem hem").fill(
            "Gymles is verplicht zonder uitzondering")
        owner_desk.page.get_by_role("button", name="Leerpunt opslaan").click()
        expect(owner_desk.page.get_by_role("link", name="signaal in het systeemwereldregister")
               ).to_be_visible()
        check_a11y(owner_desk.page, "case page with a learning")
        owner_desk.page.get_by_role("link", name="signaal in het systeemwereldregister").click()
        expect(owner_desk.page.get_by_role("link", name=re.compile("Casusbespreking"))
               ).to_be_visible()
    finally:
        for v in phones:
            v.close()
