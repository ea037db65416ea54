"""A storytelling session in a real browser: a facilitator, a projector and three phones.
The phones tell a story (one for analysis only) or bring one from the library, craft one
into a story arc as a group — one phone writes, reloads halfway and loses nothing, the
others follow — the screen shows it, the room gives dots, it goes into the library, and
the library entry shows where it came from. Axe checks every page and view on the way."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_a11y, fits_a_phone, login, screenshot

ORG = "wilgenhoek"
OWN = ("Daan zat met zijn hoofd op tafel. Ik heb de dictee laten wachten en ben met hem "
       "gaan wandelen; zijn opa was die nacht naar het ziekenhuis gebracht.")
SECRET = "Dit verhaal is alleen voor de patronen en mag niemand lezen."
ARC = [
    "Maandagochtend in groep 6. Daan zit met zijn hoofd op tafel.",
    "Het rooster zegt dictee, en de toetsweek begint. Daan hoort geen woord.",
    "We lieten het dictee wachten en liepen samen een rondje over het plein.",
    "Na de pauze deed hij weer mee. Zijn moeder belde om te bedanken.",
]
TITLE = "Een rondje over het plein"


def join(visit, code):
    v = visit("phone")
    page = v.page
    page.goto("/doe-mee/")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Doe mee").click()
    expect(page.locator(".phone-header")).to_be_visible()
    return page


def next_phase(control, phones, heading):
    control.get_by_role("button", name="Volgende →").click()
    for phone in phones:
        expect(phone.get_by_role("heading", name=heading, level=1)).to_be_visible()


def autosaved(page, action):
    with page.expect_response(lambda r: "/fase/" in r.url and r.request.method == "POST"
                              and "move=" not in (r.request.post_data or "")):
        action()


def test_a_storytelling_session_from_phones_to_the_library(visit):
    control = visit().page
    login(control, "begeleider@bedoeling.test")
    control.goto(f"/o/{ORG}/sessies/")
    control.get_by_label("Titel").fill("Studiemiddag: verhalen van de Bedoeling")
    control.get_by_text("Verhalen vertellen", exact=True).click()
    control.get_by_role("button", name="Sessie aanmaken").click()
    expect(control.get_by_role("heading", name="Studiemiddag: verhalen van de Bedoeling")
           ).to_be_visible()
    code = control.locator(".control-head .code-chip").inner_text().strip()
    session_url = control.url
    check_a11y(control, "control (draft)")

    screen = visit().page
    login(screen, "begeleider@bedoeling.test")
    screen.goto(session_url + "scherm/")
    expect(screen.locator(".screen-join__code")).to_contain_text(code)

    control.get_by_role("button", name="Sessie openen").click()
    phones = [join(visit, code) for _ in range(3)]
    writer, other, picker = phones

    # 1. Tell, or bring a story from the library by its number on the screen.
    next_phase(control, phones, "Vertel een verhaal")
    expect(screen.locator(".st-screen-offered .st-offered__item").first).to_be_visible()
    offered = screen.locator(".st-screen-offered .st-offered__item").first.inner_text()
    library_title = re.sub(r"^\s*1\s*", "", offered.replace("Nummer 1:", "")).strip()
    check_a11y(writer, "phone: tell a story")
    writer.get_by_label("Je verhaal").fill(OWN)
    writer.get_by_label("Titel (mag leeg blijven)").fill("Wandelen in plaats van dictee")
    writer.get_by_text("Mag in de verhalenbank").tap()
    writer.get_by_role("button", name="Verhaal delen").tap()
    expect(writer.get_by_text("Je verhaal is opgeslagen.")).to_be_visible()
    expect(writer.locator(".st-own")).to_contain_text("Wandelen in plaats van dictee")
    other.get_by_label("Je verhaal").fill(SECRET)
    other.get_by_text("Alleen voor analyse").tap()
    other.get_by_role("button", name="Verhaal delen").tap()
    expect(other.get_by_text("Je verhaal is opgeslagen.")).to_be_visible()
    picker.get_by_role("button", name=re.compile(rf"Inbrengen\s*: {re.escape(library_title)}")
                       ).tap()
    expect(picker.get_by_text("Je brengt dit verhaal in bij je groep.")).to_be_visible()
    fits_a_phone(picker)
    screenshot(picker, "stories-session-phone-tell")
    check_a11y(picker, "phone: a library story picked")
    expect(screen.locator(".screen-big__n")).to_have_text("2")
    screenshot(screen, "stories-session-screen-tell")
    check_a11y(screen, "screen: tell")
    expect(control.locator(".moderation").first).to_contain_text("Wandelen in plaats van dictee")
    expect(control.locator("main")).not_to_contain_text(SECRET)
    check_a11y(control, "control: tell")

    # 2. Craft in a group: one phone holds the pen, the others follow.
    next_phase(control, phones, "Maak er samen een verhaal van")
    writer.get_by_role("button", name="Groep 1").tap()
    expect(writer.get_by_text("Je zit in groep 1.")).to_be_visible()
    control.get_by_role("button", name="Verdeel wie nog geen groep heeft").click()
    expect(other.locator(".st-group-line")).to_contain_text("Groep 1")
    expect(screen.locator(".st-tile")).to_have_count(1)
    check_a11y(screen, "screen: groups")
    writer.get_by_role("button", name="Ik schrijf").tap()
    expect(writer.get_by_text("Van welk verhaal maken jullie er een?")).to_be_visible()
    expect(writer.locator(".st-candidate")).to_contain_text(["Wandelen in plaats van dictee"])
    expect(writer.locator("main")).not_to_contain_text(SECRET)
    check_a11y(writer, "phone: choose the story to craft")
    writer.get_by_text("Wandelen in plaats van dictee").tap()
    writer.get_by_role("button", name="Kiezen →").tap()
    steps = ["De situatie", "De spanning", "Wat we deden vanuit de Bedoeling",
             "Wat het opleverde"]
    for index, (label, text) in enumerate(zip(steps, ARC, strict=True)):
        box = writer.get_by_role("textbox", name=label, exact=True)
        expect(box).to_be_visible()
        if index == 1:
            # Typed, saved while typing, then the phone reloads: nothing is lost.
            autosaved(writer, lambda box=box, text=text: box.fill(text))
            writer.reload()
            expect(box).to_have_value(text)
            check_a11y(writer, "phone: a step of the arc")
            screenshot(writer, "stories-session-phone-step")
            fits_a_phone(writer)
        else:
            box.fill(text)
        writer.get_by_role("button", name="Volgende →").tap()
    other.reload()
    expect(other.get_by_text(re.compile(r"Telefoon #\d+ schrijft"))).to_be_visible()
    expect(other.locator(".st-draft")).to_contain_text(ARC[1])
    check_a11y(other, "phone: following the draft")
    screenshot(other, "stories-session-phone-follow")
    writer.get_by_label("Titel van jullie verhaal").fill(TITLE)
    writer.get_by_text("Wat het betekent voor wie we helpen").tap()
    check_a11y(writer, "phone: finishing")
    writer.get_by_role("button", name="Klaar: naar het scherm").tap()
    expect(writer.get_by_text("Klaar! Jullie verhaal kan op het scherm.")).to_be_visible()
    expect(screen.locator(".st-tile.is-done")).to_have_count(1)
    screenshot(screen, "stories-session-screen-groups")
    check_a11y(control, "control: groups")
    screenshot(control, "stories-session-control-groups")

    # 3. Show and vote: the screen shows the story; the dots stay hidden until the reveal.
    next_phase(control, phones, "Delen en stemmen")
    expect(screen.locator(".st-show__title")).to_have_text(TITLE)
    expect(screen.locator(".st-show")).to_contain_text(ARC[2])
    screenshot(screen, "stories-session-screen-show")
    check_a11y(screen, "screen: a story")
    for phone in phones:
        phone.get_by_role("button", name=f"Stip zetten bij {TITLE}").tap()
        expect(phone.get_by_text("Je hebt nog 2 stippen.")).to_be_visible()
    check_a11y(picker, "phone: vote")
    screenshot(picker, "stories-session-phone-vote")
    expect(screen.locator(".bars")).to_have_count(0)
    control.get_by_role("button", name="Resultaten tonen").click()
    expect(screen.locator(".bars__row").first.locator(".bars__value")).to_have_text("3")
    check_a11y(control, "control: vote")

    # 4. Into the library.
    next_phase(control, phones, "Naar de verhalenbank")
    expect(control.get_by_role("checkbox", name=re.compile(TITLE))).to_be_checked()
    check_a11y(control, "control: into the library")
    screenshot(control, "stories-session-control-publish")
    control.get_by_role("button", name="In de verhalenbank zetten").click()
    # (The reply's notice may be replaced at once by the next live snapshot; the list stays.)
    expect(control.locator(".st-pick", has_text=TITLE)).to_contain_text("in de verhalenbank")
    expect(screen.locator(".st-chosen-screen")).to_contain_text("in de verhalenbank")
    screenshot(screen, "stories-session-screen-library")
    check_a11y(screen, "screen: into the library")
    check_a11y(writer, "phone: into the library")
    control.once("dialog", lambda dialog: dialog.accept())
    control.get_by_role("button", name="Sessie afsluiten").click()
    expect(writer.get_by_role("heading", name="Dank je wel!")).to_be_visible()

    # The harvest: the arc, the dots, the library.
    control.get_by_role("link", name="Oogst").click()
    expect(control.locator(".st-crafted")).to_contain_text(ARC[3])
    expect(control.locator(".st-crafted")).to_contain_text("3 stippen")
    expect(control.locator(".st-crafted")).to_contain_text("in de verhalenbank")
    expect(control.locator("main")).not_to_contain_text(SECRET)
    check_a11y(control, "harvest")
    screenshot(control, "stories-session-harvest")

    # The library entry says where it came from and links to the harvest.
    reader = visit().page
    login(reader, "lotte@wilgenhoek.test")
    reader.goto(f"/o/{ORG}/verhalen/")
    reader.get_by_role("link", name=TITLE).click()
    provenance = reader.locator(".st-provenance")
    expect(provenance).to_contain_text("Samen gemaakt door groep 1 in de werksessie")
    expect(provenance).to_contain_text("Wandelen in plaats van dictee")
    expect(provenance).to_contain_text("3 stippen van de zaal")
    expect(provenance).to_contain_text("versie")
    check_a11y(reader, "library entry with provenance")
    screenshot(reader, "stories-session-library-entry")
    provenance.get_by_role("link", name="De oogst van de sessie").click()
    expect(reader.locator(".st-crafted")).to_contain_text(TITLE)
    check_a11y(reader, "harvest as a member")
