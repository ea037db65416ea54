"""A herijking of the municipality's Bedoeling, live: a facilitator starts it from the home
page prompt, a screen and four phones run it — statements, votes, the opinion map on the
screen and each phone's own group, drafting, adoption — and the new version shows where it
came from. And a facilitator coming from Pol.is imports an export."""

import re
from pathlib import Path

from playwright.sync_api import expect

from e2e.conftest import check_a11y, login, screenshot

FIXTURE = (Path(__file__).resolve().parent.parent / "bedoeling" / "insights" / "tests" / "data"
           / "polis-vtaiwan-uberx-150")

STATEMENTS = [
    "Een inwoner moet weten wie zijn vaste contactpersoon is.",
    "We zouden vaker bij mensen thuis moeten komen.",
    "Regels over bijstand zijn te ingewikkeld voor inwoners.",
    "Wachttijden moeten korter, ook als dat geld kost.",
]
FORMULATIONS = [
    "Inwoners van Lindeveld kunnen meedoen; wij helpen waar het nodig is, dichtbij en "
    "zonder omwegen.",
    "Eerst de inwoner, dan de regel.",
]


def _join(visit, code):
    v = visit("phone")
    page = v.page
    page.goto(f"/doe-mee/{code}/")
    page.get_by_role("button", name="Doe mee").click()
    expect(page.locator(".phone-header")).to_be_visible()
    return v


def _next(page):
    page.get_by_role("button", name="Volgende →").click()


def _vote(page, times, pattern):
    """Answer the next statements on a phone: 0 agree, 1 disagree, cycling through pattern."""
    for i in range(times):
        if not page.locator("#personal .vote-buttons").count():
            return
        button = page.get_by_role("button", name=["Eens", "Oneens"][pattern[i % len(pattern)]],
                                  exact=True)
        with page.expect_response(lambda r: "/fase/" in r.url and r.request.method == "POST"):
            button.click()


def test_a_herijking_from_statements_to_a_new_version_with_provenance(visit):
    control = visit()
    page = control.page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/lindeveld/")
    page.get_by_role("link", name="Herijking starten met de hele zaal").click()
    expect(page.get_by_label("Herijking: de huidige Bedoeling is het vertrekpunt")).to_be_checked()
    expect(page.get_by_label("Neem de stellingen van de vorige visiesessie over")).to_be_checked()
    check_a11y(page, "new vision session")
    page.get_by_label("Titel").fill("Herijking met de hele afdeling")
    page.get_by_role("button", name="Sessie klaarzetten").click()
    expect(page.get_by_role("heading", name="Herijking met de hele afdeling")).to_be_visible()
    code = page.locator(".control-head .code-chip").inner_text().strip()
    control_url = page.url

    projector = visit()
    screen = projector.page
    login(screen, "begeleider@bedoeling.test")
    screen.goto(control_url + "scherm/")
    page.get_by_role("button", name="Sessie openen").click()

    # The question, with the current Bedoeling as the starting point, on every view.
    current = "met de regels als hulpmiddel en niet als doel"
    expect(screen.locator(".screen-title")).to_have_text("Waarvoor zijn wij er, eigenlijk?")
    expect(screen.locator(".vstart")).to_contain_text(current)
    expect(page.locator(".control-phase")).to_contain_text(current)
    phones = [_join(visit, code) for _ in range(4)]
    for phone in phones:
        expect(phone.page.locator(".vstart")).to_contain_text(current)
    check_a11y(screen, "screen question")
    check_a11y(phones[0].page, "phone question")
    check_a11y(page, "control question")
    screenshot(screen, "vision-screen-question")

    # Statements: the last session's come back; phones add their own and vote.
    _next(page)
    for phone, text in zip(phones, STATEMENTS, strict=True):
        phone.page.get_by_text("Zelf een stelling toevoegen").click()
        phone.page.get_by_label("Je stelling").fill(text)
        phone.page.get_by_role("button", name="Stelling toevoegen").click()
        expect(phone.page.get_by_text("Je stelling is toegevoegd.")).to_be_visible()
    check_a11y(phones[0].page, "phone statements")
    for i, phone in enumerate(phones):
        _vote(phone.page, 9, [0, 0, 1] if i % 2 else [1, 1, 0])
    expect(screen.locator(".screen-big__n")).not_to_have_text("0")

    # The map: hidden until the reveal, then live on the screen, and each phone its group.
    _next(page)
    expect(page.locator(".vmap--control svg.chart-opinion")).to_be_visible()
    check_a11y(page, "control map")
    page.get_by_role("button", name="Resultaten tonen").click()
    expect(screen.locator(".vmap--screen svg.chart-opinion")).to_be_visible()
    # four phones make groups smaller than the threshold (5): none is drawn or described
    # as a group, and the screen and the phones say why
    expect(screen.locator(".vgroup")).to_have_count(0)
    expect(screen.locator(".vmap__groups")).to_contain_text("Nog geen groep van minstens 5")
    expect(phones[0].page.locator("#personal")).to_contain_text(
        "groep van minder dan 5 mensen")
    expect(phones[0].page.locator(".vmine")).to_have_count(0)
    # phones keep voting while the map is shown
    votes = screen.locator(".vmap").get_attribute("data-map-votes")
    expect(phones[3].page.locator("#personal .vote-buttons")).to_be_visible()
    _vote(phones[3].page, 2, [0])
    expect(screen.locator(".vmap")).not_to_have_attribute("data-map-votes", votes,
                                                          timeout=8000)
    check_a11y(screen, "screen map")
    check_a11y(phones[0].page, "phone map")
    screenshot(screen, "vision-screen-map")
    screenshot(phones[0].page, "vision-phone-map")

    # Drafting: proposals built from what is shared, and reactions.
    _next(page)
    for phone, text in zip(phones[:2], FORMULATIONS, strict=True):
        phone.page.get_by_label("Jouw formulering van de Bedoeling").fill(text)
        phone.page.get_by_role("button", name="Formulering toevoegen").click()
        expect(phone.page.get_by_text("Je formulering is toegevoegd.")).to_be_visible()
    for i, phone in enumerate(phones):
        _vote(phone.page, 3, [0, i % 2, 1])
    check_a11y(phones[2].page, "phone drafting")
    page.get_by_role("button", name="Resultaten tonen").click()
    expect(screen.locator(".vproposals")).to_contain_text(FORMULATIONS[0])
    expect(screen.locator(".vproposals")).to_contain_text("% eens")
    expect(screen.locator(".vdraft__blocks")).to_contain_text("Bouwstenen")
    check_a11y(screen, "screen drafting")
    check_a11y(page, "control drafting")
    screenshot(screen, "vision-screen-drafting")
    screenshot(phones[2].page, "vision-phone-drafting")

    # Adoption on the control view.
    _next(page)
    proposal = page.locator(".vadopt", has_text=FORMULATIONS[0])
    proposal.get_by_text("Deze vaststellen…").click()
    proposal.get_by_label("Waarom deze wijziging?").fill("Herijkt met de hele afdeling.")
    check_a11y(page, "control adoption")
    proposal.get_by_role("button", name="Vaststellen als versie 3").click()
    expect(page.locator(".vadopted-notice")).to_contain_text("Vastgesteld als versie 3")
    expect(screen.locator(".vadopted--screen")).to_contain_text(FORMULATIONS[0])
    expect(phones[1].page.locator(".vadopted")).to_contain_text(FORMULATIONS[0])
    check_a11y(screen, "screen adopted")
    check_a11y(phones[1].page, "phone adopted")
    screenshot(screen, "vision-screen-adopted")
    screenshot(page, "vision-control-adopted")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sessie afsluiten").click()
    expect(phones[0].page.get_by_role("heading", name="Dank je wel!")).to_be_visible()

    # The history says which session produced the version; the version its provenance.
    page.goto("/o/lindeveld/bedoeling/")
    expect(page.locator(".timeline li").first).to_contain_text(
        "Vastgesteld in de visiesessie ‘Herijking met de hele afdeling’")
    check_a11y(page, "history")
    page.get_by_role("link", name="Versie 3 lezen").click()
    expect(page.locator("h1")).to_have_text(FORMULATIONS[0])
    expect(page.locator("main")).to_contain_text("Herkomst")
    expect(page.locator("main")).to_contain_text("Formulering uit de zaal")
    check_a11y(page, "version with provenance")
    screenshot(page, "vision-version-provenance")
    page.get_by_role("link", name=re.compile(r"^Opiniekaart: ")).click()
    expect(page.locator("svg.chart-opinion")).to_be_visible()
    check_a11y(page, "frozen map")
    page.get_by_role("link", name=re.compile("Herijking met de hele afdeling")).click()
    expect(page.locator(".vtable")).to_contain_text(STATEMENTS[0])
    check_a11y(page, "vision overview")

    # Compared with the session of a year ago: statements matched by their text.
    page.get_by_role("link", name="Vergelijk met de vorige").click()
    expect(page.locator("h1")).to_have_text("Hoe het opinielandschap verschoof")
    expect(page.locator(".vshift--new")).to_contain_text(STATEMENTS[0])
    check_a11y(page, "compare sessions")
    screenshot(page, "vision-compare")


def test_a_facilitator_imports_a_polis_export_and_sees_its_map(visit, tmp_path):
    import zipfile

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in ("participants-votes.csv", "comments.csv"):
            z.write(FIXTURE / name, f"vtaiwan/{name}")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"this is not a zip")

    v = visit()
    page = v.page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/wilgenhoek/bedoeling/visie/")
    check_a11y(page, "vision list")
    page.get_by_role("link", name="Nieuwe visiesessie").click()
    page.get_by_label("Titel").fill("Uit Pol.is: vTaiwan")
    page.get_by_label("Visie-creatie: we schrijven de Bedoeling (opnieuw) vanaf een leeg vel").check()
    page.get_by_label("Neem de stellingen van de vorige visiesessie over").uncheck()
    page.get_by_role("button", name="Sessie klaarzetten").click()
    expect(page.get_by_role("heading", name="Uit Pol.is: vTaiwan")).to_be_visible()
    page.goto("/o/wilgenhoek/bedoeling/visie/")
    page.get_by_role("link", name="Uit Pol.is: vTaiwan", exact=True).click()
    page.get_by_role("link", name="Pol.is-export importeren").click()
    page.get_by_label("Zip-bestand van de export").set_input_files(str(broken))
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("alert")).to_contain_text("geen geldig zip-bestand")
    check_a11y(page, "import refused")
    page.get_by_label("Zip-bestand van de export").set_input_files(str(archive))
    page.get_by_role("button", name="Importeren").click()
    expect(page.locator(".messages")).to_contain_text("150 deelnemers")
    expect(page.locator(".vgroup").first).to_contain_text("van de anderen")
    expect(page.locator(".vmap")).to_contain_text("Hier zijn alle groepen het over eens")
    check_a11y(page, "imported map")
    screenshot(page, "vision-imported")
