"""A member downloads all her own data and deletes her account; what happens to her
contributions is explained on the page and happens as it says."""

import json

import pytest
from django.urls import reverse

from bedoeling.accounts.models import AuditEvent, Membership, Role, User
from bedoeling.conftest import PASSWORD
from bedoeling.privacy import registry
from bedoeling.reflection.models import ReflectionEntry
from bedoeling.stories.models import Consent, Story
from bedoeling.stories.tests.conftest import build_form, tell
from bedoeling.systemworld.models import Signal

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributions(cast):
    kit = build_form(cast.org, cast.facilitator)
    mine = tell(kit, text="Ik belde de moeder terug in plaats van te mailen.",
                author=cast.member)
    anonymous = tell(kit, text="Niemand weet dat dit van mij is.", author=None,
                     consent=Consent.ANALYSIS)
    theirs = tell(kit, text="Het verhaal van de leidinggevende.", author=cast.lead)
    named = Signal.objects.create(organisation=cast.org, what_happened="Drie formulieren "
                                  "voor één hulpmiddel.", reporter=cast.member)
    unnamed = Signal.objects.create(organisation=cast.org, what_happened="Anoniem gemeld.",
                                    is_anonymous=True)
    return {"mine": mine, "anonymous": anonymous, "theirs": theirs, "named": named,
            "unnamed": unnamed}


def _download(client):
    response = client.post(reverse("privacy:mine_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    return json.loads(response.content)


def test_a_member_downloads_her_profile_memberships_stories_and_named_signals(
        cast, client_for, contributions):
    data = _download(client_for(cast.member))
    assert data["profile"][0]["email"] == "lotte@example.org"
    assert data["memberships"] == [{"organisation": "De Regenboog", "role": "member",
                                    "team": "Bovenbouw"}]
    assert [s["text"] for s in data["stories"]] == [
        "Ik belde de moeder terug in plaats van te mailen."]
    assert [s["what_happened"] for s in data["signals"]] == [
        "Drie formulieren voor één hulpmiddel."]
    text = json.dumps(data, ensure_ascii=False)
    assert "Niemand weet" not in text and "Anoniem gemeld" not in text
    assert "leidinggevende." not in text
    assert "password" not in text


def test_the_download_is_a_post_so_a_link_or_prefetch_cannot_start_it(cast, client_for):
    assert client_for(cast.member).get(reverse("privacy:mine_download")).status_code == 405


def test_an_app_that_registers_personal_data_is_in_the_download_and_on_the_page(
        cast, client_for, monkeypatch):
    """The hook for other apps (reflection logs): register a part, and it is there."""
    monkeypatch.setattr(registry, "_PROVIDERS", dict(registry._PROVIDERS))
    registry.register(registry.PersonalData(
        key="example", label="Je voorbeelden", on_delete="Verwijderd, alle voorbeelden.",
        export=lambda user: [{"text": f"voorbeeld van {user.name}"}]))
    client = client_for(cast.member)
    assert _download(client)["example"] == [{"text": "voorbeeld van Lotte"}]
    assert "Verwijderd, alle voorbeelden." in client.get(reverse("privacy:mine")).content.decode()


def test_her_reflection_log_is_in_her_download_and_goes_with_her_account(cast, client_for):
    ReflectionEntry.objects.create(organisation=cast.org, author=cast.member, model="prompts",
                                   answers={"moment": "Vandaag luisterde ik beter."})
    ReflectionEntry.objects.create(organisation=cast.org, author=cast.lead, model="prompts",
                                   answers={"moment": "Van de leidinggevende."})
    client = client_for(cast.member)
    data = _download(client)
    assert [e["answers"] for e in data["reflections"]] == [{"moment": "Vandaag luisterde ik beter."}]
    client.post(reverse("privacy:account_delete"), {"password": PASSWORD})
    assert list(ReflectionEntry.objects.values_list("author_id", flat=True)) == [cast.lead.pk]


def test_the_page_explains_what_happens_to_each_kind_of_contribution(cast, client_for):
    body = client_for(cast.member).get(reverse("privacy:mine")).content.decode()
    assert "Verhalen die je vertelde" in body
    assert "Verwijderd: een verhaal kan door zijn inhoud verraden wie het schreef." in body
    assert "Signalen die je met je naam meldde" in body
    assert "Blijven staan, zonder je naam" in body
    assert "Anonieme verhalen en signalen" in body


def test_deleting_her_account_removes_her_and_her_stories_and_keeps_her_signals_anonymously(
        cast, client_for, contributions):
    client = client_for(cast.member)
    response = client.post(reverse("privacy:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert not User.objects.filter(email="lotte@example.org").exists()
    assert not Membership.objects.filter(organisation=cast.org, role=Role.MEMBER).exists()
    assert not Story.objects.filter(pk=contributions["mine"].pk).exists()
    assert Story.objects.filter(pk=contributions["anonymous"].pk).exists()
    assert Story.objects.filter(pk=contributions["theirs"].pk).exists()
    named = Signal.objects.get(pk=contributions["named"].pk)
    assert named.reporter_id is None and named.is_anonymous
    event = AuditEvent.objects.get(organisation=cast.org, action="account.delete")
    assert event.actor is None and "lotte" not in json.dumps(event.data)
    # She is logged out.
    assert client.get(reverse("privacy:mine")).status_code == 302


@pytest.mark.parametrize("language, message", [
    ("nl", "Dit wachtwoord klopt niet. Je account is niet verwijderd."),
    ("en", "This password is not right. Your account has not been deleted."),
])
def test_a_wrong_password_deletes_nothing_and_says_so(cast, client_for, contributions,
                                                      language, message):
    client = client_for(cast.member)
    client.cookies["django_language"] = language
    for password in ("", "fout-wachtwoord", "x" * 10_000):
        response = client.post(reverse("privacy:account_delete"), {"password": password})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert User.objects.filter(pk=cast.member.pk).exists()
    assert Story.objects.filter(pk=contributions["mine"].pk).exists()
    assert Signal.objects.get(pk=contributions["named"].pk).reporter_id == cast.member.pk
    assert not AuditEvent.objects.filter(action="account.delete").exists()


def test_the_only_facilitator_cannot_delete_her_account_and_is_told_why(cast, client_for):
    client = client_for(cast.facilitator)
    assert "Je bent de enige begeleider van De Regenboog" in \
        client.get(reverse("privacy:mine")).content.decode()
    response = client.post(reverse("privacy:account_delete"), {"password": PASSWORD})
    assert response.status_code == 400
    assert User.objects.filter(pk=cast.facilitator.pk).exists()


def test_a_visitor_is_sent_to_the_login_page(client_for):
    anonymous = client_for()
    for name in ("privacy:mine", "privacy:mine_download", "privacy:account_delete"):
        for method in ("get", "post"):
            response = getattr(anonymous, method)(reverse(name))
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("accounts:login"))
