"""Stories in a real browser: a facilitator designs a form with a triad and a slider; one
story is told by touch on a phone, others by keyboard only; their dots appear in the
ternary plot; the selection is filtered; a story is curated into the library; a resident
tells a story through the public link. Axe checks every page on the way."""

import re

from playwright.sync_api import expect

from e2e.conftest import check_a11y, login, screenshot

ORG = "wilgenhoek"


def tab_until(page, selector, limit=120):
    """Press Tab until the focused element matches ``selector``, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)",
                         selector):
            return
    raise AssertionError(f"never reached {selector} with Tab")


def main_fits_a_phone(page):
    # The shared header is not ours to judge here; everything in <main> must fit 360 px.
    main = page.evaluate("(() => { const m = document.querySelector('main');"
                         " return [m.scrollWidth, m.clientWidth]; })()")
    assert main[0] <= main[1] <= 360, f"main content scrolls sideways on a phone: {main}"


def design_form(page):
    page.goto(f"/o/{ORG}/verhalen/formulieren/")
    check_a11y(page, "story forms")
    page.get_by_label("Titel van het formulier").fill("Verhalen van de studiedag")
    page.get_by_label("Eerste vertelvraag").fill(
        "Vertel over een moment waarop je deze week merkte dat het werkte zoals bedoeld.")
    page.get_by_role("button", name="Formulier maken").click()
    assert page.get_by_text("Formulier gemaakt").is_visible()
    check_a11y(page, "designing a form")

    page.locator("summary", has_text="Driehoek").click()
    triad = page.locator("details.design-add[open] form")
    triad.get_by_label("Vraag").fill("Wat stuurde wat er gebeurde?")
    triad.get_by_label("Hoek linksonder").fill("regels en protocollen")
    triad.get_by_label("Hoek rechtsonder").fill("toetsen en cijfers")
    triad.get_by_label("Hoek bovenaan").fill("wat het kind nodig had")
    triad.get_by_role("button", name="Toevoegen").click()
    assert page.get_by_text("Vraag toegevoegd.").is_visible()

    page.locator("summary", has_text="Schuifbalk").click()
    slider = page.locator("details.design-add[open] form")
    slider.get_by_label("Vraag").fill("Hoeveel ruimte had je om zelf te kiezen?")
    slider.get_by_label("Linkerpool (0)").fill("geen")
    slider.get_by_label("Rechterpool (100)").fill("alle ruimte")
    slider.get_by_role("button", name="Toevoegen").click()
    assert page.locator(".design-list li", has_text="Hoeveel ruimte").is_visible()
    screenshot(page, "stories-form-design")
    check_a11y(page, "form with a triad and a slider")
    return int(re.search(r"/formulieren/(\d+)/", page.url).group(1))


def tell_by_touch(page, form_id):
    page.goto(f"/o/{ORG}/verhalen/vertellen/{form_id}/")
    check_a11y(page, "telling on a phone")
    page.get_by_role("textbox", name="Je verhaal", exact=True).fill(
        "Noor kwam huilend binnen. Ik heb de rekentoets laten wachten en ben met haar naar "
        "de bieb gelopen. Daarna deed ze gewoon weer mee.")
    triad = page.locator(".triad__svg")
    triad.scroll_into_view_if_needed()
    box = triad.bounding_box()
    # Near the top corner: mostly 'wat het kind nodig had'.
    page.touchscreen.tap(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.3)
    readout = page.locator(".triad [data-readout]")
    assert re.search(r"wat het kind nodig had (6\d|7\d)\u00a0%", readout.inner_text())
    values = [int(page.locator(f".triad [data-fallback] input >> nth={i}").input_value())
              for i in range(3)]
    assert sum(values) == 100 and values[2] > 60
    slider = page.locator(".slider__svg")
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] * 0.77, box["y"] + box["height"] / 2)
    assert 72 <= int(page.locator(".slider [data-fallback] input").input_value()) <= 82
    assert page.locator(".triad__marker").get_attribute("visibility") == "visible"
    main_fits_a_phone(page)
    screenshot(page, "stories-tell-phone")
    check_a11y(page, "telling on a phone, point placed")
    page.get_by_text("Het mag in de verhalenbank").tap()
    page.get_by_text("Met mijn naam").tap()
    page.get_by_role("button", name="Verhaal delen").tap()
    page.wait_for_url(re.compile(r"/verhalen/\d+/$"))
    assert page.get_by_text("Dank je wel voor je verhaal.").is_visible()
    return int(re.search(r"/verhalen/(\d+)/$", page.url).group(1))


def tell_by_keyboard(page, form_id, text, named=False, ups=8):
    page.goto(f"/o/{ORG}/verhalen/vertellen/{form_id}/")
    tab_until(page, "textarea[name=text]")
    page.keyboard.type(text)
    tab_until(page, "svg.triad__svg")
    for _ in range(ups):
        page.keyboard.press("ArrowUp")
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    valuetext = page.locator("svg.triad__svg").get_attribute("aria-valuetext")
    assert re.fullmatch(r"regels en protocollen \d+\u00a0%, toetsen en cijfers \d+\u00a0%, "
                        r"wat het kind nodig had \d+\u00a0%", valuetext), valuetext
    tab_until(page, "svg.slider__svg")
    page.keyboard.press("End")
    for _ in range(3):
        page.keyboard.press("PageDown")
    assert page.locator("svg.slider__svg").get_attribute("aria-valuenow") == "70"
    tab_until(page, "input[name=consent]")
    page.keyboard.press("Space")
    if named:
        tab_until(page, "input[name=anonymous]")
        page.keyboard.press("ArrowDown")
    tab_until(page, "button.tell-form__submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    errors = page.locator(".errorlist").all_inner_texts()
    assert not errors, errors
    assert page.get_by_text("Dank je wel voor je verhaal").first.is_visible()
    match = re.search(r"/verhalen/(\d+)/$", page.url)
    return int(match.group(1)) if match else None


def test_a_form_is_designed_stories_are_told_by_touch_and_keyboard_and_one_is_curated(visit):
    facilitator = visit()
    page = facilitator.page
    login(page, "begeleider@bedoeling.test")
    form_id = design_form(page)

    phone = visit("phone")
    login(phone.page, "daan@wilgenhoek.test")
    touch_story = tell_by_touch(phone.page, form_id)

    keyboard = visit()
    login(keyboard.page, "youssef@wilgenhoek.test")
    keyboard.page.goto(f"/o/{ORG}/verhalen/vertellen/{form_id}/")
    check_a11y(keyboard.page, "telling on a laptop")
    keyboard_story = tell_by_keyboard(
        keyboard.page, form_id, "In de toetsweek liet ik de groep eerst buiten spelen.",
        named=True)
    assert keyboard_story
    # Patterns appear when five people could have told the stories (the anonymity
    # threshold counts people, not stories): three colleagues of other teams add one
    # anonymous story each.
    for i, (email, ups) in enumerate((("lotte@wilgenhoek.test", 2),
                                      ("priya@wilgenhoek.test", 5),
                                      ("ineke@wilgenhoek.test", 12))):
        colleague = visit()
        login(colleague.page, email)
        tell_by_keyboard(colleague.page, form_id, f"Nog een verhaal van de studiedag ({i}).",
                         ups=ups)

    page.goto(f"/o/{ORG}/verhalen/patronen/?formulier={form_id}")
    assert "5 verhalen in deze selectie" in page.locator(".pattern-total").inner_text()
    plot = page.locator("svg.chart-ternary").first
    for story in (touch_story, keyboard_story):
        assert plot.locator(f'a[href="/o/{ORG}/verhalen/{story}/"]').count() == 1
    screenshot(page, "stories-patterns-new-form")
    check_a11y(page, "patterns of the new form")

    # Filtering by one team leaves fewer than five stories: suppressed, and it says so.
    page.locator("details.filters").evaluate("d => d.open = true")
    page.get_by_label("Team").select_option(label="Onderbouw")
    page.get_by_role("button", name="Toepassen").click()
    assert "team=" in page.url
    assert page.get_by_text("minder dan 5").first.is_visible()
    assert page.locator("svg.chart-ternary").count() == 0
    check_a11y(page, "patterns filtered below the threshold")

    # Every dot opens its story; the facilitator curates it into the library.
    page.goto(f"/o/{ORG}/verhalen/patronen/?formulier={form_id}")
    page.locator(f'svg.chart-ternary a[href="/o/{ORG}/verhalen/{touch_story}/"]').click()
    assert "Noor kwam huilend binnen" in page.locator(".story__text").inner_text()
    check_a11y(page, "a story with its signification")
    curate = page.locator("section", has=page.get_by_role("heading",
                                                            name="In de verhalenbank zetten"))
    curate.get_by_label("Titel in de verhalenbank").fill("Eerst naar de bieb")
    curate.get_by_text("wat het betekent voor wie we helpen").click()
    curate.get_by_role("button", name="In de verhalenbank zetten").click()
    assert page.get_by_text("‘Eerst naar de bieb’ staat in de verhalenbank.").is_visible()
    page.goto(f"/o/{ORG}/verhalen/?q=bieb")
    assert page.get_by_role("link", name="Eerst naar de bieb").is_visible()
    screenshot(page, "stories-library")
    check_a11y(page, "library search")


def test_a_resident_tells_a_story_through_the_public_link_on_a_phone(visit):
    facilitator = visit()
    page = facilitator.page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/lindeveld/verhalen/formulieren/")
    page.get_by_role("link", name=re.compile("Verhalen uit het Sociaal Domein")).click()
    link = page.locator("#public-link").input_value()

    resident = visit("phone")
    guest = resident.page
    guest.goto(link)
    assert guest.get_by_text("geen IP-adres").is_visible()
    check_a11y(guest, "public story link")
    guest.get_by_text("Vertel over een keer dat een regel").tap()
    guest.get_by_role("textbox", name="Je verhaal", exact=True).fill(
        "Ik moest voor de derde keer mijn bankafschriften opsturen. Toen belde een "
        "medewerker en loste het in vijf minuten op.")
    guest.get_by_label("Wie ben je?").select_option("client")
    triad = guest.locator(".triad__svg")
    triad.scroll_into_view_if_needed()
    box = triad.bounding_box()
    guest.touchscreen.tap(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.8)
    guest.get_by_text("Alleen voor analyse").tap()
    main_fits_a_phone(guest)
    guest.get_by_role("button", name="Verhaal delen").tap()
    guest.wait_for_url(re.compile(r"/bedankt/$"))
    assert guest.get_by_text("Dank je wel voor je verhaal").is_visible()
    assert guest.get_by_text("zonder je naam of adres").is_visible()
    check_a11y(guest, "public thanks")


def test_the_demo_patterns_themes_and_comparison_read_well_and_are_accessible(visit):
    v = visit()
    page = v.page
    login(page, "teamleider@lindeveld.test")
    page.goto("/o/lindeveld/")
    assert page.get_by_text("Uit de verhalenbank").is_visible()
    page.get_by_role("link", name="Naar de verhalenbank").click()
    check_a11y(page, "library")
    page.get_by_role("link", name="Patronen", exact=True).click()
    # The link's page may still be on its way: wait for it, as for any assertion on a page.
    expect(page.locator("svg.chart-ternary")).to_have_count(1)
    shift = page.locator(".shift-summary").first
    assert "naar ‘sinds versie 2’" in shift.inner_text() and shift.is_visible()
    page.get_by_text("De cijfers als tabel").first.click()
    assert page.locator(".chart-table table").first.is_visible()
    screenshot(page, "stories-patterns-demo")
    check_a11y(page, "demo patterns")
    page.get_by_role("link", name="Thema’s").click()
    assert page.locator(".theme").count() >= 2
    screenshot(page, "stories-themes-demo")
    check_a11y(page, "themes")
    page.get_by_role("link", name="Vergelijken").click()
    page.get_by_role("link", name="vóór en sinds de huidige Bedoeling").click()
    assert "meer verhalen richting" in page.locator(".shift-summary").first.inner_text()
    screenshot(page, "stories-compare-demo")
    check_a11y(page, "compare")
    page.goto("/o/lindeveld/verhalen/alle/?q=formulier")
    check_a11y(page, "all stories, searched")
    page.goto("/o/lindeveld/verhalen/mijn/")
    check_a11y(page, "my stories")
    page.goto("/o/lindeveld/verhalen/vertellen/999999/")
    assert page.get_by_text("Dit verhalenformulier bestaat niet").is_visible()
    check_a11y(page, "a form that does not exist")

    phone = visit("phone")
    login(phone.page, "fatma@lindeveld.test")
    phone.page.goto("/o/lindeveld/verhalen/patronen/")
    main_fits_a_phone(phone.page)
    screenshot(phone.page, "stories-patterns-phone")
    check_a11y(phone.page, "patterns on a phone")
