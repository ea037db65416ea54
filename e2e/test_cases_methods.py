"""The Balintmethode, the Roddelmethode and the Socratisch gesprek walked in a browser, each
through all its steps: a facilitator on the control view, the projector, the case owner
and two colleagues on 390 px phones. On every step: what a phone shows (the step, an
input or none for the silent case owner), that what she writes arrives on the screen (a
count while it is private, the text once revealed or side by side), axe on every view.
The projector is photographed at every step (var/screenshots/cases-<method>-screen-*.png).

Each test discusses the demo case of its own author, so the three can run in any order on
the one demo database."""

import re

import pytest
from playwright.sync_api import expect

from e2e.conftest import Visit, check_a11y, login, screenshot

PHONE_390 = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
             "device_scale_factor": 2}
PROJECTOR = {"width": 1280, "height": 720}


class Room:
    """One discussion: the control view, the projector, the case owner and colleagues."""

    def __init__(self, control, screen, owner, colleagues, phones):
        self.control, self.screen, self.owner, self.colleagues = (control, screen, owner,
                                                                  colleagues)
        self.phones = phones

    @property
    def everyone(self):
        return [self.owner, *self.colleagues]

    def next(self, title):
        self.control.get_by_role("button", name=re.compile("Volgende")).click()
        self.expect_step(title)

    def expect_step(self, title):
        expect(self.control.locator(".control-bar__phase")).to_have_text(title)
        expect(self.screen.locator(".screen-title")).to_have_text(title)
        for phone in self.everyone:
            expect(phone.locator(".phone-title")).to_have_text(title)

    def reveal(self):
        self.control.get_by_role("button", name="Resultaten tonen").click()
        expect(self.control.get_by_role("button", name="Resultaten verbergen")).to_be_visible()

    def check(self, method, index, title):
        """Axe on every view of this step; the projector photographed."""
        for page, who in ((self.screen, "projector"), (self.control, "control view"),
                          (self.owner, "case owner's phone"),
                          (self.colleagues[0], "colleague's phone")):
            check_a11y(page, f"{method}, {title}: {who}")
        screenshot(self.screen, f"cases-{method}-screen-{index:02d}")


def _phone(visit_phone, code, name):
    page = visit_phone.page
    page.goto(f"/doe-mee/{code}/")
    page.locator("input[name=name]").fill(name)
    page.get_by_role("button", name="Doe mee").click()
    expect(page.locator(".phone-header__me")).to_contain_text(name)
    return page


def _write(phone, text, button="Kaart toevoegen"):
    phone.locator("#personal textarea").fill(text)
    phone.locator("#personal").get_by_role("button", name=button).click()
    expect(phone.locator("#personal")).to_contain_text(text)


def _silent(phone):
    """The case owner sees the step but has nothing to write in it."""
    expect(phone.locator("#personal textarea")).to_have_count(0)
    expect(phone.locator("#personal input[type=text]")).to_have_count(0)
    expect(phone.get_by_text("In je rol luister je deze ronde alleen")).to_be_visible()


def _count(screen, n):
    expect(screen.locator(".screen-big__n")).to_have_text(str(n))


def _evaluate(room):
    for phone, value in zip(room.everyone, (4, 5, 3), strict=True):
        phone.locator(".scale-option", has_text=str(value)).click()
        expect(phone.locator(".scale-option input:checked")).to_have_count(1)
    _count(room.screen, 3)


def _help(room, text):
    for colleague in room.colleagues:
        expect(colleague.locator("#personal")).to_contain_text("De inbrenger kiest")
    room.owner.locator(".helped-list li", has_text=text).get_by_role("button").click()
    expect(room.owner.get_by_role("button", name=re.compile("Hielp me"))).to_be_visible()
    expect(room.screen.locator(".wall")).to_contain_text(text)


@pytest.fixture
def room(visit, browser, server):
    """Open a discussion of `case` with `method`, three phones joined, the owner's role
    given; yields a function so each test names its own case and method."""
    phones: list[Visit] = []

    def open_(case_title, method, owner_name):
        control_visit = visit()
        control = control_visit.page
        login(control, "begeleider@bedoeling.test")
        control.goto("/o/wilgenhoek/casussen/")
        control.get_by_role("link", name=case_title).click()
        control.get_by_role("link", name="Bespreek deze casus").click()
        control.get_by_label(method).check()
        control.get_by_role("button", name="Bespreking voorbereiden").click()
        control.get_by_role("button", name="Sessie openen").click()
        code = control.locator(".control-head .code-chip").inner_text().strip()
        screen = control_visit.new_page()
        screen.set_viewport_size(PROJECTOR)
        screen.goto(control.url + "scherm/")
        phones.extend(Visit(browser, server, PHONE_390) for _ in range(3))
        owner, *colleagues = (_phone(v, code, name) for v, name in
                              zip(phones, [owner_name, "Daan", "Ineke"], strict=True))
        control.locator(".control-roles summary").click()
        number = re.search(r"#(\d+)", owner.locator(".phone-header__me").inner_text()).group(1)
        control.locator(".role-form--format select[name=participant]").select_option(number)
        control.locator(".role-form--format select[name=role]").select_option("inbrenger")
        control.get_by_role("button", name="Rol geven").click()
        expect(owner.locator(".phone-role")).to_contain_text("Inbrenger")
        return Room(control, screen, owner, colleagues, phones)

    yield open_
    for v in phones:
        v.close()


BALINT = ["Casussen verzamelen", "Pitch in drie zinnen", "Kies een casus",
          "De inbrenger vertelt", "Associaties", "Verhelderende vragen",
          "Advies: de inbrenger zwijgt", "De inbrenger reageert", "Wat hielp je?", "Evaluatie"]


def test_the_balintmethode_through_all_its_steps(room):
    room = room("De vader aan het hek", "Balintmethode", "Youssef")
    owner, (daan, ineke), screen = room.owner, room.colleagues, room.screen
    for index, title in enumerate(BALINT, 1):
        if index > 1:
            room.next(title)
        else:
            room.expect_step(title)
        if title == "Casussen verzamelen":
            # Everyone may bring a case, the case owner too.
            _write(owner, "De vader aan het hek")
            _write(daan, "Het rooster dat niet paste")
            _write(ineke, "Te laat voor de overblijf")
            _count(screen, 3)
            expect(screen.get_by_text("Het rooster dat niet paste")).to_have_count(0)
            room.reveal()
            for text in ("De vader aan het hek", "Het rooster dat niet paste"):
                expect(screen.locator(".wall")).to_contain_text(text)
        if title in ("Pitch in drie zinnen", "De inbrenger vertelt", "De inbrenger reageert"):
            for phone in room.everyone:
                expect(phone.locator("#personal textarea")).to_have_count(0)
        if title == "Kies een casus":
            for phone in room.everyone:
                phone.get_by_role("button", name="Stip zetten bij De vader aan het hek").click()
                expect(phone.locator(".dots-left")).to_contain_text("0")
            expect(screen.locator(".screen-big__n")).to_have_text("3")
            room.reveal()
            expect(screen.locator(".screen")).to_contain_text("De vader aan het hek")
        if title == "Associaties":
            _silent(owner)
            _write(daan, "Een hek als grens tussen thuis en school.")
            _write(ineke, "Ik voel onmacht.")
            _count(screen, 2)
            expect(ineke.locator("#personal")).not_to_contain_text("Een hek als grens")
            expect(screen.get_by_text("Ik voel onmacht.")).to_have_count(0)
            room.reveal()
            expect(screen.locator(".wall")).to_contain_text("Ik voel onmacht.")
            expect(ineke.locator("#personal")).to_contain_text("Een hek als grens")
        if title == "Verhelderende vragen":
            _silent(owner)
            _write(daan, "Wat wil de vader dat er gebeurt?")
            _count(screen, 1)
            room.reveal()
            expect(screen.locator(".wall")).to_contain_text("Wat wil de vader dat er gebeurt?")
        if title == "Advies: de inbrenger zwijgt":
            _silent(owner)
            _write(ineke, "Nodig de vader uit voor een gesprek binnen.")
            _write(daan, "Spreek af wie het aanspreekpunt is.")
            _count(screen, 2)
            room.reveal()
            expect(screen.locator(".wall")).to_contain_text("Nodig de vader uit")
            screenshot(owner, "cases-balint-phone-owner-silent")
        if title == "Wat hielp je?":
            _help(room, "Nodig de vader uit voor een gesprek binnen.")
            screenshot(owner, "cases-balint-phone-owner-helped")
        if title == "Evaluatie":
            _evaluate(room)
        room.check("balint", index, title)
    screenshot(room.control, "cases-balint-control")


GOSSIP = ["Vragen aan de inbrenger", "Roddelen: de inbrenger zit buiten de kring",
          "De inbrenger reageert", "Wat hielp je?", "Evaluatie"]


def test_the_roddelmethode_through_all_its_steps(room):
    room = room("Zes weken wachten op de intern begeleider", "Roddelmethode", "Lotte")
    owner, (daan, ineke), screen = room.owner, room.colleagues, room.screen
    for index, title in enumerate(GOSSIP, 1):
        if index > 1:
            room.next(title)
        else:
            room.expect_step(title)
        if title == "Vragen aan de inbrenger":
            _silent(owner)
            _write(daan, "Wie heb je al om hulp gevraagd?")
            _write(ineke, "Wat zegt de leerling zelf?")
            _count(screen, 2)
            room.reveal()
            expect(screen.locator(".wall")).to_contain_text("Wat zegt de leerling zelf?")
        if title == "Roddelen: de inbrenger zit buiten de kring":
            expect(owner.locator("#personal")).to_contain_text("Je zit nu buiten de kring")
            expect(owner.locator("#personal textarea")).to_have_count(0)
            _write(daan, "Zij wacht op toestemming die ze niet nodig heeft.",
                   button="Bijdrage toevoegen")
            # The case owner reads it as it arrives, without reloading.
            expect(owner.locator("#personal")).to_contain_text("Zij wacht op toestemming")
            _write(ineke, "Ik zou de ouders zelf bellen.", button="Bijdrage toevoegen")
            expect(owner.locator("#personal")).to_contain_text("Ik zou de ouders zelf bellen.")
            expect(screen.locator(".screen")).to_contain_text(
                "Zij wacht op toestemming die ze niet nodig heeft.")
            screenshot(owner, "cases-gossip-phone-owner-outside")
            screenshot(daan, "cases-gossip-phone-colleague")
        if title == "De inbrenger reageert":
            for phone in room.everyone:
                expect(phone.locator("#personal textarea")).to_have_count(0)
        if title == "Wat hielp je?":
            _help(room, "Ik zou de ouders zelf bellen.")
        if title == "Evaluatie":
            _evaluate(room)
        room.check("gossip", index, title)
    screenshot(room.control, "cases-gossip-control")


SOCRATIC = ["Het voorbeeld", "Kernuitspraak", "Uitspraken naast elkaar",
            "De waarden eronder", "Evaluatie"]


def _statement(phone, when, verb, what, because):
    form = phone.locator("#personal")
    form.get_by_label("Toen…").fill(when)
    form.get_by_label(verb, exact=True).check()
    form.get_by_label("Wat (deed, dacht of voelde ik)?").fill(what)
    form.get_by_label("…want…").fill(because)
    form.get_by_role("button", name="Uitspraak opslaan").click()
    expect(form).to_contain_text(f"Toen {when}, {verb} ik {what}, want {because}.")


def test_the_socratisch_gesprek_through_all_its_steps(room):
    room = room("Wanneer help je een kleuter te veel?", "Socratisch gesprek", "Priya")
    owner, (daan, ineke), screen = room.owner, room.colleagues, room.screen
    for index, title in enumerate(SOCRATIC, 1):
        if index > 1:
            room.next(title)
        else:
            room.expect_step(title)
        if title == "Het voorbeeld":
            for phone in room.everyone:
                expect(phone.locator("#personal textarea")).to_have_count(0)
        if title == "Kernuitspraak":
            _statement(owner, "hij zijn jas niet dicht kreeg", "deed",
                       "de rits voor hem dicht", "we moesten naar buiten")
            _statement(daan, "ik het zag", "dacht", "laat hem het zelf proberen",
                       "hij leert het alleen zo")
            _statement(ineke, "de bel ging", "voelde", "haast",
                       "de anderen stonden te wachten")
            _count(screen, 3)
            expect(screen.get_by_text("laat hem het zelf proberen")).to_have_count(0)
            expect(ineke.locator("#personal")).not_to_contain_text("laat hem het zelf")
            screenshot(daan, "cases-socratic-phone-statement")
        if title == "Uitspraken naast elkaar":
            for page in (screen, owner, daan, ineke):
                expect(page.get_by_text(
                    "Toen ik het zag, dacht ik laat hem het zelf proberen, want hij leert "
                    "het alleen zo.")).to_be_visible()
            screenshot(owner, "cases-socratic-phone-side-by-side")
        if title == "De waarden eronder":
            _write(owner, "Zelfstandigheid")
            _write(daan, "Vertrouwen")
            _count(screen, 2)
            room.reveal()
            expect(screen.locator(".wall")).to_contain_text("Zelfstandigheid")
        if title == "Evaluatie":
            _evaluate(room)
        room.check("socratic", index, title)
    screenshot(room.control, "cases-socratic-control")


def test_a_case_is_deleted_after_a_page_that_says_what_goes_and_what_stays(visit):
    desk = visit().page
    login(desk, "joost@lindeveld.test")
    desk.goto("/o/lindeveld/casussen/")
    desk.get_by_role("link", name="Eén bankafschrift te weinig").click()
    case_url = desk.url
    desk.get_by_role("link", name="signaal in het systeemwereldregister").click()
    signal_url = desk.url
    desk.goto(case_url)
    desk.get_by_role("link", name="Verwijderen").click()
    expect(desk.get_by_role("heading", name="Casus verwijderen")).to_be_visible()
    expect(desk.locator("main")).to_contain_text("1 signaal in het systeemwereldregister")
    expect(desk.locator("main")).to_contain_text("1 bespreking met haar oogst")
    check_a11y(desk, "the page before deleting a case")
    screenshot(desk, "cases-delete")
    desk.get_by_role("button", name="Ja, verwijder de casus").click()
    expect(desk.get_by_text("De casus is verwijderd.")).to_be_visible()
    expect(desk.get_by_role("link", name="Eén bankafschrift te weinig")).to_have_count(0)
    desk.goto(signal_url)
    expect(desk.locator("main")).to_contain_text("Een casusbespreking (de casus is verwijderd)")
    expect(desk.get_by_role("link", name=re.compile("casusbespreking", re.I))).to_have_count(0)
    check_a11y(desk, "a signal whose case was deleted")


def test_a_custom_method_is_edited_and_its_delete_page_asks_first(visit):
    desk = visit().page
    login(desk, "begeleider@bedoeling.test")
    desk.goto("/o/lindeveld/casussen/methoden/")
    desk.get_by_role("link", name=re.compile(r"^bewerken\W+Korte casusronde")).click()
    expect(desk.get_by_label("Naam van de methode")).to_have_value("Korte casusronde")
    expect(desk.locator("select[name=step_0]")).to_have_value("sketch")
    check_a11y(desk, "editing a custom method")
    desk.locator("select[name=step_5]").select_option("")
    desk.get_by_role("button", name="Methode opslaan").click()
    expect(desk.get_by_text("Methode ‘Korte casusronde’ opgeslagen.")).to_be_visible()
    expect(desk.locator(".custom-methods")).to_contain_text("5 stappen")
    desk.get_by_role("link", name=re.compile(r"^verwijderen\W+Korte casusronde")).click()
    expect(desk.get_by_role("button", name="Ja, verwijder de methode")).to_be_visible()
    check_a11y(desk, "the page before deleting a custom method")
    desk.get_by_role("link", name="Niet verwijderen").click()
    expect(desk.locator(".custom-methods")).to_contain_text("Korte casusronde")
