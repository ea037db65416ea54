"""Before and after the sessions: a visitor on a phone asks for a sparsessie, the
facilitator who runs the instance answers and turns it into an organisation with its
first lead invited; a director downloads a session's harvest as PDF and it opens. Axe on
the public pages."""

import io
import time

from playwright.sync_api import expect
from pypdf import PdfReader

from e2e.conftest import check_a11y, login, screenshot

PHONE_390 = {"width": 390, "height": 844}


def fits(page, width):
    wide = page.evaluate("[document.documentElement.scrollWidth,"
                         " document.querySelector('main').scrollWidth]")
    assert max(wide) <= width, f"{page.url} scrolls sideways at {width}px ({wide})"


def test_a_visitor_asks_for_a_sparsessie_and_the_facilitator_makes_it_an_organisation(
        visit, server):
    phone = visit("phone").page
    phone.set_viewport_size(PHONE_390)
    phone.goto("/")
    assert phone.get_by_role("heading", level=1).inner_text().startswith("Werken vanuit")
    fits(phone, 390)
    check_a11y(phone, "public home, phone")
    screenshot(phone, "intake-home-phone")
    link = phone.get_by_role("link", name="Vraag een sparsessie aan").first
    link.focus()
    link.press("Enter")
    phone.wait_for_url("**/sparsessie/")
    check_a11y(phone, "sparsessie form, phone")
    phone.get_by_label("Je naam").fill("Noor Bakker")
    phone.get_by_label("Je e-mailadres").fill("noor@kompas.test")
    phone.get_by_label("Je organisatie").fill("OBS Het Kompas")
    phone.get_by_label("Je rol").fill("directeur")
    phone.get_by_label("Wat speelt er?").fill(
        "Onze leerkrachten zijn meer bezig met registreren dan met de kinderen. "
        "<script>alert('x')</script>")
    phone.get_by_label("Wanneer komt een gesprek je goed uit?").fill("woensdagmiddag")
    consent = phone.get_by_label("Ja, jullie mogen contact met me opnemen")
    consent.focus()
    consent.press("Space")
    fits(phone, 390)
    screenshot(phone, "intake-form-phone")
    time.sleep(3.2)  # a person takes longer than the form's time check; so do we
    send = phone.get_by_role("button", name="Aanvraag versturen")
    send.focus()
    send.press("Enter")
    phone.wait_for_url("**/sparsessie/verstuurd/")
    assert "Dank je wel" in phone.inner_text("main")
    check_a11y(phone, "sent, phone")
    server.wait_for_mail("noor@kompas.test", "ontvangen")  # the confirmation

    desk = visit().page
    login(desk, "begeleider@bedoeling.test")
    desk.get_by_role("link", name="Aanvragen").click()
    desk.wait_for_url("**/sparsessies/")
    check_a11y(desk, "inbox")
    assert "<script>" in desk.inner_text("main")  # shown as text, never run
    desk.get_by_role("link", name="Noor Bakker").click()
    check_a11y(desk, "request")
    desk.get_by_label("Je antwoord").fill("Dag Noor, wat fijn. Ik bel je woensdag.")
    desk.get_by_role("button", name="Antwoord versturen").click()
    assert "Je antwoord is verstuurd" in desk.inner_text(".messages")
    screenshot(desk, "intake-request-desktop")
    desk.get_by_role("button", name="Organisatie aanmaken en uitnodigen").click()
    desk.wait_for_url("**/o/obs-het-kompas/")
    assert "is uitgenodigd als leidinggevende" in desk.inner_text(".messages")
    server.wait_for_mail("noor@kompas.test", "/uitnodiging/")  # the first lead's invitation
    desk.goto("/sparsessies/")
    assert "Organisatie aangemaakt" in desk.inner_text("main")


def test_a_director_downloads_a_sessions_harvest_as_pdf(visit):
    desk = visit().page
    login(desk, "directeur@wilgenhoek.test")
    desk.goto("/o/wilgenhoek/sessies/")
    desk.get_by_role("link", name="oogst Studiedag oktober").first.click()
    check_a11y(desk, "harvest")
    desk.set_default_timeout(120_000)  # laying out ten A4 pages on a busy machine
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Downloaden als PDF").click()
        # The worker makes the PDF; the page waits for it and then hands it over by itself.
        expect(desk.get_by_role("heading", name="Het rapport wordt gemaakt")).to_be_visible()
        check_a11y(desk, "report-waiting")
    path = download.value.path()
    reader = PdfReader(io.BytesIO(open(path, "rb").read()))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) >= 5
    assert "Studiedag oktober" in pages[0]
    assert "Inhoud" in pages[1]
    text = "\n".join(pages)
    assert "De opiniekaart" in text and "Stellingen" in text
    # The opinion map and the vote bars are drawn: vector paths on the pages.
    drawn = [i for i, page in enumerate(reader.pages)
             if b" re" in page.get_contents().get_data()]
    assert len(drawn) >= 3
    assert all(f"pagina {i + 1} / {len(pages)}" in pages[i] for i in range(1, len(pages)))


def test_a_director_downloads_the_period_report(visit):
    desk = visit().page
    login(desk, "directeur@wilgenhoek.test")
    desk.goto("/o/wilgenhoek/")
    desk.get_by_role("link", name="Rapport maken").click()
    check_a11y(desk, "period-form")
    desk.set_default_timeout(120_000)
    with desk.expect_download() as download:
        desk.get_by_role("button", name="PDF downloaden").click()
        expect(desk.get_by_role("heading", name="Het rapport wordt gemaakt")).to_be_visible()
    assert download.value.suggested_filename.startswith("oogst-wilgenhoek-")
    text = "\n".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert "OOGSTRAPPORT" in text and "De Bedoeling en haar versies" in text


def test_the_public_pages_pass_axe_in_english_and_on_a_desktop(visit):
    page = visit(locale="en-GB").page
    for url in ("/", "/sparsessie/", "/privacy/"):
        page.goto(url)
        check_a11y(page, url)
    page.goto("/")
    screenshot(page, "intake-home-desktop")
