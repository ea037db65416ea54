"""A phone whose POST meets a busy server (503 with Retry-After, as the server answers when
SQLite's lock is held past its timeout) sends it again by itself, and the card is stored
once. The busy answers are given by the browser's network layer, in front of the real
server; what the server does on a busy database is tested in lib/tests/test_bad_input.py."""

import re
from urllib.parse import unquote_plus

from playwright.sync_api import expect

from e2e.conftest import login
from e2e.test_live import _join

BUSY = ("<p class=\"message message--error\" role=\"alert\">Het is even druk; probeer het "
        "over een paar seconden opnieuw.</p>")


def test_a_phone_sends_its_card_again_after_a_busy_answer_and_it_is_stored_once(visit):
    page = visit().page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/wilgenhoek/sessies/")
    page.get_by_label("Titel").fill("Drukke zaal")
    page.get_by_text("Open werksessie").click()
    page.get_by_role("button", name="Sessie aanmaken").click()
    code = page.locator(".control-head .code-chip").inner_text().strip()
    page.get_by_role("button", name="Sessie openen").click()
    page.get_by_role("button", name="Volgende →").click()
    expect(page.locator(".phase-item.is-current")).to_contain_text("Verzamelen")

    phone = _join(visit, code).page
    expect(phone.get_by_role("heading", name="Verzamelen")).to_be_visible()
    seen = []

    def busy_twice(route):
        seen.append(route.request.post_data or "")
        if len(seen) <= 2:
            route.fulfill(status=503, headers={"Retry-After": "1"}, body=BUSY,
                          content_type="text/html; charset=utf-8")
        else:
            route.continue_()

    phone.route(re.compile(r"/doe-mee/[A-Z0-9]+/fase/\d+/$"), busy_twice)
    text = "De kopieerkaart is weer eens leeg"
    phone.get_by_placeholder("Schrijf één gedachte…").fill(text)
    phone.get_by_role("button", name="Kaart toevoegen").click()
    expect(phone.get_by_text("Je kaart is opgeslagen.")).to_be_visible(timeout=20_000)
    assert len(seen) == 3
    assert all(text in unquote_plus(body) for body in seen), seen  # sent as it was typed

    expect(page.locator(".moderation")).to_contain_text(text)
    screen = visit().page
    login(screen, "begeleider@bedoeling.test")
    screen.goto(page.url + "scherm/")
    expect(screen.locator(".screen-big__n")).to_have_text("1")  # one card, not three
