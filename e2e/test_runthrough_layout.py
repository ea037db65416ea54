"""What a facilitator meets in a full run-through (issue 15): the header at 1440 px and the
main navigation on a 360–390 px phone."""

import pytest

from e2e.conftest import check_a11y, login, screenshot


def test_the_organisation_switcher_ends_in_an_ellipsis_and_its_caret_at_1440_px(browser, server):
    context = browser.new_context(base_url=server.url, locale="nl-NL",
                                  viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        login(page, "begeleider@bedoeling.test")
        page.goto("/o/lindeveld/")
        summary = page.locator(".org-switch summary")
        name = page.locator(".org-switch__name")
        caret = page.locator(".org-switch__caret")
        assert "Gemeente Lindeveld" in summary.get_attribute("title")
        box, caret_box = summary.bounding_box(), caret.bounding_box()
        # The caret is drawn inside the pill, not cut off.
        assert caret.inner_text() == "▾"
        assert caret_box["x"] + caret_box["width"] <= box["x"] + box["width"]
        clipped, overflow = page.evaluate("""el => [el.scrollWidth > el.clientWidth,
            getComputedStyle(el).textOverflow]""", name.element_handle())
        # A name too long for the pill ends in an ellipsis rather than mid-word.
        assert not clipped or overflow == "ellipsis"
        screenshot(page, "runthrough-header-1440")
        check_a11y(page, "header at 1440 px")
    finally:
        context.close()


@pytest.mark.parametrize("width", [360, 390])
def test_every_part_of_the_main_navigation_is_in_sight_on_a_phone(browser, server, width):
    context = browser.new_context(base_url=server.url, locale="nl-NL", is_mobile=True,
                                  has_touch=True, device_scale_factor=2,
                                  viewport={"width": width, "height": 780})
    try:
        page = context.new_page()
        login(page, "begeleider@bedoeling.test")
        page.goto("/o/lindeveld/")
        links = page.locator(".org-nav a")
        names = links.all_inner_texts()
        assert "Verhalen" in " ".join(names) and "Mensen" in " ".join(names)
        for i in range(links.count()):
            b = links.nth(i).bounding_box()
            assert b["x"] >= 0 and b["x"] + b["width"] <= width, (names[i], b)
        screenshot(page, f"runthrough-nav-{width}")
        check_a11y(page, f"navigation at {width} px")
    finally:
        context.close()
