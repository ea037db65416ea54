"""AVG on a phone: a member downloads all her data and deletes her account."""

import json

from playwright.sync_api import expect

from e2e.conftest import check_a11y, fits_a_phone, login

EMAIL = "noor.avg@wilgenhoek.test"
PASSWORD = "een-eigen-wachtwoord-42"


def _a_member_with_a_story(server):
    server.manage("shell", "-c", (
        "from bedoeling.accounts.models import Membership, User\n"
        "from bedoeling.orgs.models import Organisation\n"
        "from bedoeling.stories.models import Story, StoryForm\n"
        "org = Organisation.objects.get(slug='wilgenhoek')\n"
        f"user = User.objects.create_user('{EMAIL}', '{PASSWORD}', name='Noor')\n"
        "Membership.objects.create(user=user, organisation=org, role='member')\n"
        "Story.objects.create(organisation=org, form=StoryForm.objects.filter("
        "organisation=org).first(), text='Noor vertelde over de schoolreis.', "
        "teller_role='employee', consent='organisation', author=user)\n"))


def test_a_member_downloads_and_deletes_her_data_on_a_phone(visit, server):
    _a_member_with_a_story(server)
    page = visit("phone").page
    login(page, EMAIL, PASSWORD)
    page.goto("/mijn-gegevens/")
    expect(page.get_by_role("heading", name="Mijn gegevens")).to_be_visible()
    expect(page.get_by_text("Verwijderd: een verhaal kan door zijn inhoud verraden wie het "
                            "schreef.")).to_be_visible()
    check_a11y(page, "my data")
    fits_a_phone(page)

    with page.expect_download() as info:
        page.get_by_role("button", name="Download mijn gegevens").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert data["profile"][0]["email"] == EMAIL
    assert [s["text"] for s in data["stories"]] == ["Noor vertelde over de schoolreis."]

    # A wrong password: a clear message, nothing deleted.
    page.get_by_label("Je wachtwoord, om te bevestigen").fill("niet-mijn-wachtwoord")
    page.get_by_role("button", name="Verwijder mijn account").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit wachtwoord klopt niet")
    check_a11y(page, "my data, wrong password")

    page.get_by_label("Je wachtwoord, om te bevestigen").fill(PASSWORD)
    page.get_by_role("button", name="Verwijder mijn account").click()
    expect(page.get_by_text("Je account en je gegevens zijn verwijderd.")).to_be_visible()
    check_a11y(page, "after deletion")

    # She is gone: logging in again fails.
    login(page, EMAIL, PASSWORD)
    expect(page.get_by_role("button", name="Inloggen")).to_be_visible()
