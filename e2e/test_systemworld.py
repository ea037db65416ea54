"""Dit kan niet waar zijn: a member reports anonymously from a phone and gets a receipt code;
the facilitator turns the signal into an action and moves it on; the receipt page shows
the reporter what became of it. A citizen reports through the public link. Axe on every
page. (The live session with three phones follows when the session engine exists.)"""

import re
from datetime import date, timedelta

from e2e.conftest import check_a11y, fits_a_phone, login, screenshot

ORG = "/o/lindeveld/systeemwereld"
STORY = "Meneer kreeg drie uur hulp, maar zijn vrouw ligt in het ziekenhuis. Het huis is " \
        "niet meer schoon te houden en hij durft het niemand te vragen."


def activate(locator):
    """Follow a link or press a button with the keyboard.

    On the phone viewport the shared header is wider than the screen, which makes Chromium
    widen the layout viewport and mis-aim pointer events further down the page; the
    keyboard is exact (and proves the page works without a mouse)."""
    locator.focus()
    locator.press("Enter")


def choose(page, label_start):
    """Pick a radio button, with the keyboard."""
    radio = page.get_by_role("radio", name=re.compile("^" + re.escape(label_start)))
    radio.focus()
    radio.press("Space")
    assert radio.is_checked()


def test_an_anonymous_signal_becomes_an_action_and_the_receipt_shows_it(visit):
    # A Wmo consultant reports on her phone, anonymously.
    phone = visit("phone").page
    login(phone, "fatma@lindeveld.test")
    check_a11y(phone, "home with the system world part")
    activate(phone.get_by_role("link", name="Signaal melden"))
    check_a11y(phone, "report form")
    fits_a_phone(phone)
    # Nothing filled in: a clear message, nothing stored.
    activate(phone.get_by_role("button", name="Signaal versturen"))
    assert phone.get_by_text("Vertel wat er gebeurde: dit veld mag niet leeg zijn.").is_visible()
    check_a11y(phone, "report form with errors")
    phone.get_by_label("Wat gebeurde er?").fill(STORY)
    phone.get_by_label("Wat betekende het voor degene om wie het ging?").fill(
        "Meneer viel over de stofzuiger die al een week in de gang stond.")
    choose(phone, "Ernstig: iemand kwam in de knel")
    phone.get_by_label("Welke regel, procedure, KPI, formulier of systeem zat in de weg?") \
        .select_option(label="Maximaal 3 uur huishoudelijke hulp per week")
    choose(phone, "Anoniem: mijn naam wordt niet bewaard")
    screenshot(phone, "systemworld-phone-report")
    activate(phone.get_by_role("button", name="Signaal versturen"))
    assert phone.get_by_text("Je melding is ontvangen").is_visible()
    code = phone.locator(".sw-code").inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){6}", code)
    assert phone.get_by_text("je ziet hem maar één keer").is_visible()
    fits_a_phone(phone)
    screenshot(phone, "systemworld-phone-receipt-code")
    check_a11y(phone, "receipt code shown once")

    # The facilitator finds it and agrees an action.
    desk = visit().page
    login(desk, "begeleider@bedoeling.test")
    desk.goto(f"{ORG}/signalen/?toon=onbeantwoord")
    check_a11y(desk, "unanswered signals")
    desk.get_by_role("link", name=re.compile("^Meneer kreeg drie uur hulp")).click()
    assert desk.get_by_text("Ontvangen, nog geen reactie").is_visible()
    # The anonymous reporter's name appears nowhere.
    assert "Fatma" not in desk.locator("main").inner_text()
    check_a11y(desk, "signal")
    desk.get_by_role("link", name="Actie afspreken").click()
    check_a11y(desk, "new action")
    choose(desk, "Ruimte geven")
    assert desk.get_by_label("Time-out van de regel voor deze casus").is_visible()
    assert not desk.get_by_label("Evaluatiedatum van het experiment").is_visible()
    desk.get_by_label("Wat gaan we doen?").fill("Tijdelijk zes uur hulp tot mevrouw thuis is")
    desk.get_by_label("Wie trekt het?").select_option(label="Hans Verbeek")
    desk.get_by_label("Klaar op").fill((date.today() + timedelta(days=14)).isoformat())
    desk.get_by_label("Time-out van de regel voor deze casus").fill("Echtpaar, 82 en 79 jaar")
    desk.get_by_role("button", name="Actie afspreken").click()
    assert desk.get_by_text("De actie is afgesproken.").is_visible()
    check_a11y(desk, "action")
    desk.get_by_label("Status").select_option("in_progress")
    desk.get_by_label("Voortgang (procent)").fill("50")
    desk.get_by_label("Wat is er gebeurd?").fill("Zes uur per week toegekend; de aanbieder "
                                                 "begint maandag.")
    desk.get_by_role("button", name="Opslaan").click()
    assert desk.get_by_text("De actie is bijgewerkt.").is_visible()
    desk.get_by_label("Status").select_option("done")
    desk.get_by_role("button", name="Opslaan").click()
    timeline = desk.locator(".sw-timeline").inner_text()
    assert "Van bezig naar afgerond" in timeline
    screenshot(desk, "systemworld-desktop-action")
    check_a11y(desk, "action after updates")

    # Anyone with the code, on any phone, sees what became of it.
    reader = visit("phone").page
    reader.goto("/mijn-melding/")
    check_a11y(reader, "receipt lookup")
    reader.get_by_label("Je persoonlijke code").fill(code.lower().replace("-", " "))
    activate(reader.get_by_role("button", name="Bekijken"))
    result = reader.locator(".sw-receipt-result")
    assert result.get_by_role("heading", name="Afgerond").is_visible()
    assert "Tijdelijk zes uur hulp tot mevrouw thuis is" in result.inner_text()
    assert "de aanbieder begint maandag" in result.inner_text()
    # The code travelled in the request body, never in the address.
    assert code not in reader.url and code.replace("-", "") not in reader.url
    fits_a_phone(reader)
    screenshot(reader, "systemworld-phone-receipt")
    check_a11y(reader, "receipt with a closed loop")


def test_a_citizen_reports_through_the_public_link_and_reads_the_demo_receipt(visit):
    phone = visit("phone").page
    phone.goto("/meld/gemeente-lindeveld/")
    check_a11y(phone, "public report form")
    fits_a_phone(phone)
    phone.get_by_label("Wat gebeurde er?").fill(
        "Ik moest voor de derde keer mijn bankafschriften inleveren.")
    activate(phone.get_by_role("button", name="Melding versturen"))
    assert phone.locator(".sw-code").is_visible()
    check_a11y(phone, "public receipt code")

    phone.goto("/mijn-melding/")
    phone.get_by_label("Je persoonlijke code").fill("DEM0-2026-KTGS-8WKN-BWYS-ST3M-9H7Q")
    activate(phone.get_by_role("button", name="Bekijken"))
    assert phone.locator(".sw-receipt-result").get_by_role("heading",
                                                          name="Afgerond").is_visible()
    screenshot(phone, "systemworld-phone-demo-receipt")
    check_a11y(phone, "demo receipt")
    phone.get_by_label("Je persoonlijke code").fill("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345")
    activate(phone.get_by_role("button", name="Bekijken"))
    assert phone.get_by_text("Deze code kennen we niet").is_visible()
    check_a11y(phone, "unknown receipt code")


def test_register_hotspots_and_board_are_accessible_on_a_laptop_and_a_phone(visit):
    for kind in ("desktop", "phone"):
        page = visit(kind).page
        login(page, "teamleider@lindeveld.test")
        for path, name, heading in [
            ("/", "register", "Het register"),
            ("/hotspots/", "hotspots", "Hotspots"),
            ("/acties/", "board", "Acties"),
            ("/berichten/", "messages", "Berichten"),
        ]:
            page.goto(ORG + path)
            assert page.get_by_role("heading", level=1, name=heading).is_visible()
            if kind == "phone":
                fits_a_phone(page)
            screenshot(page, f"systemworld-{kind}-{name}")
            check_a11y(page, f"{name} on {kind}")
        page.goto(ORG + "/")
        activate(page.get_by_role("link", name="Bewijsstukken bij elke aanvraag opnieuw opvragen"))
        assert page.get_by_role("heading", name="Wat is de bedoeling van deze regel?") \
            .is_visible()
        check_a11y(page, f"rule page on {kind}")
        page.goto(ORG + "/hotspots/?team=&period=all")
        page.get_by_label("Team").select_option(label="Schuldhulpverlening")
        activate(page.get_by_role("button", name="Toon"))
        assert page.get_by_text("Om melders te beschermen tonen we voor dit team niets.") \
            .is_visible()
        check_a11y(page, f"suppressed team on {kind}")
        # Five Wmo consultants reported over the whole period: their team is shown.
        page.get_by_label("Team").select_option(label="Wmo-consulenten")
        activate(page.get_by_role("button", name="Toon"))
        assert page.get_by_text("Om melders te beschermen").count() == 0
        assert page.get_by_role("link", name="Keukentafelgesprek").first.is_visible()
