"""A facilitator's first hour: log in, switch organisation, write a new version of the
Bedoeling, compare versions, switch to English, invite a colleague who accepts."""

import re

from e2e.conftest import check_a11y, fits_a_phone, login, screenshot


def test_facilitator_edits_the_bedoeling_and_compares_versions(visit):
    v = visit()
    page = v.page
    login(page, "begeleider@bedoeling.test")
    check_a11y(page, "home after login")

    # Switch organisation through the header menu.
    page.locator(".org-switch summary").click()
    page.locator(".org-switch__menu").get_by_role("link", name=re.compile("De Wilgenhoek")).click()
    assert "Elk kind voelt zich hier gezien" in page.locator(".purpose-statement").inner_text()
    screenshot(page, "foundation-home-school")
    check_a11y(page, "school home")

    page.get_by_role("link", name="Nieuwe versie schrijven").click()
    check_a11y(page, "edit purpose")
    # An empty statement is refused with a clear message and nothing is saved.
    page.get_by_label("De Bedoeling in één zin").fill("")
    page.get_by_label("Waarom deze wijziging?").fill("Test")
    page.get_by_role("button", name="Vaststellen als nieuwe versie").click()
    assert page.get_by_text("dit veld mag niet leeg zijn").is_visible()
    check_a11y(page, "edit purpose with errors")

    page.get_by_label("De Bedoeling in één zin").fill(
        "Elk kind voelt zich hier gezien en gehoord, en leert wat het nodig heeft."
    )
    page.get_by_label("Waarom deze wijziging?").fill("De leerlingenraad vroeg om ‘gehoord’.")
    page.get_by_role("button", name="Vaststellen als nieuwe versie").click()
    assert "gezien en gehoord" in page.locator(".purpose-statement").inner_text()
    assert page.get_by_text("Versie 3 van de Bedoeling is vastgesteld.").is_visible()

    page.get_by_role("link", name="geschiedenis en herkomst").click()
    check_a11y(page, "history")
    page.get_by_role("link", name="Versies vergelijken").click()
    assert page.locator(".diff ins").first.inner_text().strip() != ""
    assert "gehoord" in " ".join(page.locator(".diff ins").all_inner_texts())
    screenshot(page, "foundation-compare")
    check_a11y(page, "compare")


def test_member_reads_the_bedoeling_on_a_phone_and_switches_to_english(visit):
    v = visit("phone")
    page = v.page
    login(page, "lotte@wilgenhoek.test")
    assert page.locator(".purpose-statement").is_visible()
    # Members read the Bedoeling; they cannot write a new version.
    assert page.get_by_role("link", name="Nieuwe versie schrijven").count() == 0
    fits_a_phone(page)
    screenshot(page, "foundation-phone-home")
    check_a11y(page, "phone home")
    page.goto("/o/wilgenhoek/mensen/")
    fits_a_phone(page)
    check_a11y(page, "phone people")
    page.goto("/o/wilgenhoek/")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()
    assert page.get_by_role("link", name="history and provenance").is_visible()
    check_a11y(page, "phone home in English")
    page.get_by_role("button", name="Nederlands").click()
    assert page.get_by_role("button", name="Uitloggen").is_visible()


def test_invited_colleague_sets_a_password_and_lands_in_the_organisation(visit, server):
    facilitator = visit()
    page = facilitator.page
    login(page, "begeleider@bedoeling.test")
    page.goto("/o/lindeveld/mensen/")
    check_a11y(page, "people")
    page.get_by_label("E-mailadres").fill("nieuwe.collega@lindeveld.test")
    page.get_by_label("Rol").select_option("lead")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    assert page.get_by_text("Uitnodiging verstuurd naar nieuwe.collega@lindeveld.test").is_visible()
    link = page.locator("#invite-link").input_value()
    server.wait_for_mail(link)

    # The same address cannot be invited twice while the first invitation is open.
    page.get_by_label("E-mailadres").fill("nieuwe.collega@lindeveld.test")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    assert page.get_by_text("is al uitgenodigd").is_visible()

    invited = visit("phone")
    guest = invited.page
    guest.goto(link)
    check_a11y(guest, "invitation")
    guest.get_by_label("Je naam").fill("Nadia Bouzid")
    guest.get_by_label("Kies een wachtwoord").fill("zonnebloem-in-de-wind")
    guest.get_by_label("Herhaal het wachtwoord").fill("zonnebloem-in-de-wind")
    guest.get_by_role("button", name="Meedoen").click()
    assert guest.get_by_text("Welkom bij Gemeente Lindeveld").is_visible()
    # A lead may write a new version of the Bedoeling.
    assert guest.get_by_role("link", name="Nieuwe versie schrijven").is_visible()

    # The link works once.
    second = visit()
    second.page.goto(link)
    assert second.page.get_by_text("Deze uitnodiging is al gebruikt").is_visible()

    # A colleague who reads English is invited in English: the mail and the page it opens.
    page.get_by_label("E-mailadres").fill("new.colleague@lindeveld.test")
    page.get_by_label("Taal van de uitnodiging").select_option("en")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    english_link = page.locator("#invite-link").input_value()
    assert "has invited you" in server.wait_for_mail(english_link)
    newcomer = visit("phone").page
    newcomer.goto(english_link)
    assert newcomer.get_by_label("Choose a password").is_visible()
    check_a11y(newcomer, "invitation-en")
