"""Reflection in a real browser: a member writes an entry on her phone and turns a fragment
into a signal; her lead cannot open it; her reminder mail's link unsubscribes her without a
login; a lead reads a round that has one answer too few (suppressed) and then, after a
member answers on her phone, enough. Axe checks every page on the way."""

import re
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from e2e.conftest import check_a11y, login, screenshot

PHONE_390 = {"width": 390, "height": 844}


def main_fits(page, width=390):
    main = page.evaluate("(() => { const m = document.querySelector('main');"
                         " return [m.scrollWidth, m.clientWidth]; })()")
    wide = page.evaluate(f"""[...document.querySelectorAll('main *')]
        .filter(el => el.getBoundingClientRect().right > {width} + 1)
        .map(el => el.tagName + '.' + el.className + '#' + el.id).slice(0, 5)""")
    assert main[0] <= main[1] <= width, f"{page.url} scrolls sideways on a phone: {main} {wide}"


def test_a_member_writes_on_her_phone_and_turns_a_fragment_into_a_signal(visit, server):
    phone = visit("phone")
    page = phone.page
    page.set_viewport_size(PHONE_390)
    login(page, "lotte@wilgenhoek.test")
    page.goto("/o/wilgenhoek/reflectie/")
    assert page.get_by_role("heading", name="Mijn reflecties", exact=True).is_visible()
    check_a11y(page, "her reflections")
    main_fits(page)
    screenshot(page, "reflection-home-phone")

    page.get_by_role("link", name="Nieuwe reflectie").click()
    page.get_by_label("Waar werkte je deze week vanuit de bedoeling?").fill(
        "Ik heb de rekenles later laten beginnen omdat Sem eerst zijn verhaal kwijt moest.")
    page.get_by_label("Wat zat in de weg?").fill(
        "Het leerlingvolgsysteem vraagt per kind drie velden die niemand leest.")
    page.get_by_label("Wat heb je nodig?").fill("Minder invoeren.")
    page.get_by_label("4 · vaak").check()
    page.get_by_label("wat het betekent voor wie we helpen").check()
    page.get_by_label("systemen en formulieren").check()
    check_a11y(page, "a new entry")
    main_fits(page)
    screenshot(page, "reflection-new-phone")
    page.get_by_role("button", name="Bewaren").click()
    assert page.get_by_text("Je reflectie is bewaard.").is_visible()
    entry_url = page.url
    check_a11y(page, "her entry")
    main_fits(page)

    page.get_by_role("link", name="Maak er een melding van").click()
    fragment = page.get_by_label("Wat er gebeurde")
    assert "drie velden" in fragment.input_value()
    fragment.fill("Het leerlingvolgsysteem vraagt per kind drie velden die niemand leest.")
    check_a11y(page, "fragment to signal")
    main_fits(page)
    page.get_by_role("button", name="Melding versturen").click()
    assert page.get_by_role("heading", name="Je melding is ontvangen").is_visible()
    check_a11y(page, "signal sent")
    screenshot(page, "reflection-signal-sent-phone")
    page.get_by_role("link", name="Bekijk je melding").click()
    assert page.get_by_text("drie velden die niemand leest").first.is_visible()
    assert "rekenles" not in page.content()  # the signal, never the reflection

    page.goto(entry_url)
    assert page.locator(".refl-links").get_by_text("drie velden").is_visible()

    page.goto("/o/wilgenhoek/reflectie/patroon/")
    assert page.locator("svg.chart").count() == 4
    check_a11y(page, "her pattern")
    main_fits(page)
    screenshot(page, "reflection-pattern-phone")
    page.goto("/o/wilgenhoek/reflectie/ritme/")
    check_a11y(page, "her rhythm")
    main_fits(page)

    lead = visit("desktop")
    login(lead.page, "directeur@wilgenhoek.test")
    response = lead.page.goto(entry_url)
    assert response.status == 404
    assert "rekenles" not in lead.page.content()


def test_her_reminder_mail_unsubscribes_her_without_a_login(visit, server):
    phone = visit("phone")
    page = phone.page
    login(page, "fatma@lindeveld.test")
    now = datetime.now(ZoneInfo("Europe/Amsterdam"))
    page.goto("/o/lindeveld/reflectie/ritme/")
    page.get_by_label("Op welke dag").select_option(str(now.weekday()))
    page.get_by_label("Om hoe laat").select_option(str(now.hour))
    page.get_by_role("button", name="Bewaren").click()
    assert page.get_by_text("Je ritme is bewaard.").is_visible()
    before = len(server.mails())
    server.manage("reflection_reminders")
    server.manage("reflection_reminders")  # a second run sends nothing
    # The reminders go out through the task worker: wait for hers, then long enough for a
    # second one to have gone out too if the second run had queued one.
    server.wait_for_mail("fatma@lindeveld.test", "/reflectie/herinnering/")
    time.sleep(3)
    mails = server.mails()[before:]
    reminders = [m for m in mails if "fatma@lindeveld.test" in m and "reflectie" in m]
    assert len(reminders) == 1, mails
    assert "/o/lindeveld/reflectie/nieuw/" in reminders[0]
    link = re.search(r"/reflectie/herinnering/[^/\s]+/", reminders[0]).group(0)

    stranger = visit("phone")  # not logged in: the link is enough
    stranger.page.goto(link)
    check_a11y(stranger.page, "mail settings")
    screenshot(stranger.page, "reflection-mail-settings-phone")
    main_fits(stranger.page, 360)
    stranger.page.get_by_role("button", name="Afmelden voor herinneringen").click()
    assert stranger.page.get_by_text("Je bent afgemeld").is_visible()
    screenshot(stranger.page, "reflection-unsubscribed-phone")
    page.goto("/o/lindeveld/reflectie/")
    assert page.get_by_text("Je krijgt geen herinneringen.").is_visible()


def test_a_lead_reads_a_round_only_once_enough_people_answered(visit, server):
    lead = visit("desktop")
    login(lead.page, "teamleider@lindeveld.test")
    page = lead.page
    page.goto("/o/lindeveld/reflectie/rondes/")
    check_a11y(page, "rounds")
    page.get_by_role("link", name="Hoe ervaren we de ruimte om af te wijken?").last.click()
    assert page.locator("#round-suppressed").is_visible()
    assert page.locator("svg.chart").count() == 0
    check_a11y(page, "suppressed result")
    screenshot(page, "reflection-round-suppressed")
    results_url = page.url

    page.goto("/o/lindeveld/reflectie/rondes/nieuw/")
    check_a11y(page, "new round")

    phone = visit("phone")
    member = phone.page
    member.set_viewport_size(PHONE_390)
    login(member, "fatma@lindeveld.test")
    member.goto("/o/lindeveld/reflectie/")
    member.get_by_role("link", name="Hoe ervaren we de ruimte om af te wijken?").click()
    check_a11y(member, "answering a round")
    main_fits(member)
    member.get_by_label("4", exact=True).check()
    member.get_by_label("onduidelijkheid over wat mag").check()
    member.get_by_label("Noem één regel").fill(
        "De tweede huisbezoekronde bij een duidelijke aanvraag voor huishoudelijke hulp.")
    screenshot(member, "reflection-round-answer-phone")
    member.get_by_role("button", name="Antwoorden versturen").click()
    assert member.get_by_text("je antwoorden zijn bewaard").is_visible()
    check_a11y(member, "round answered")
    # A second answer is refused.
    assert member.get_by_role("button", name="Antwoorden versturen").count() == 0

    page.goto(results_url)
    assert page.locator("#round-suppressed").count() == 0
    assert page.get_by_text("5 mensen antwoordden.").is_visible()
    assert page.locator("svg.chart").count() == 2
    assert page.get_by_text("verwijsformulier naar schuldhulp").is_visible()
    check_a11y(page, "round result")
    screenshot(page, "reflection-round-result")
