"""Scoping, the navigation entry, the home page part, and the English catalogue."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from bedoeling.orgs.tests.test_url_walk import _full_converters, _patterns
from bedoeling.systemworld import services
from bedoeling.systemworld.tests import urlwalk

pytestmark = pytest.mark.django_db


def test_every_system_world_url_is_404_for_another_organisation(cast, client_for):
    """The project-wide walk, for this app's URLs alone, so a broken URL elsewhere cannot
    hide a leak here."""
    outsider, visitor = client_for(cast.outsider), client_for()
    checked = 0
    for name, _pattern in _patterns():
        if not name.startswith("systemworld:") or name in urlwalk.PUBLIC:
            continue
        params = _full_converters(name)
        factories = {"org": lambda org, cast: org.slug, **urlwalk.ARGUMENTS}
        url = reverse(name, kwargs={p: factories[p](cast.org, cast) for p in params})
        for method in ("get", "post"):
            assert getattr(outsider, method)(url).status_code == 404, url
            response = getattr(visitor, method)(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:login"))
        checked += 1
    assert checked >= 18


def test_a_foreign_rule_signal_or_action_in_my_organisation_is_not_found(
        cast, client_for, foreign_rule, next_week):
    signal = services.signal_report(cast.other, what_happened="x",
                                    reporter=cast.outsider).signal
    action = services.action_create(cast.other, cast.outsider, kind="change", title="x",
                                    owner=cast.outsider, due_date=next_week)
    client = client_for(cast.facilitator)
    org = cast.org.slug
    for name, kwargs in [("rule", {"rule": foreign_rule.pk}),
                         ("rule_edit", {"rule": foreign_rule.pk}),
                         ("signal", {"signal": signal.pk}),
                         ("action", {"action": action.pk})]:
        assert client.get(reverse(f"systemworld:{name}",
                                  kwargs={"org": org, **kwargs})).status_code == 404
    assert client.get(reverse("systemworld:signals", kwargs={"org": org}),
                      {"regel": foreign_rule.pk}).status_code == 404


def test_the_navigation_entry_is_marked_current_in_the_system_world(cast, client_for):
    client = client_for(cast.member)
    page = client.get(reverse("systemworld:register", kwargs={"org": cast.org.slug}))
    register = reverse("systemworld:register", kwargs={"org": cast.org.slug})
    assert f'<a href="{register}" aria-current="page">Systeemwereld' in page.content.decode()
    home = client.get(reverse("orgs:home", kwargs={"org": cast.org.slug})).content.decode()
    assert f'<a href="{register}">Systeemwereld' in home


def test_the_home_page_shows_my_actions_and_recent_signals(cast, client_for, next_week):
    services.signal_report(cast.org, what_happened="Het formulier liep weer vast.",
                           reporter=cast.member)
    services.action_create(cast.org, cast.lead, kind="change", title="Formulier inkorten",
                           owner=cast.member, due_date=next_week)
    body = client_for(cast.member).get(reverse("orgs:home", kwargs={"org": cast.org.slug}))
    text = body.content.decode()
    assert "Dit kan niet waar zijn" in text
    assert "Formulier inkorten" in text and "Het formulier liep weer vast." in text


def test_unread_messages_show_in_the_navigation_and_can_be_marked_read(cast, client_for,
                                                                       rule):
    services.signal_report(cast.org, what_happened="x", rule=rule, reporter=cast.member)
    client = client_for(cast.lead)
    url = reverse("systemworld:notifications", kwargs={"org": cast.org.slug})
    body = client.get(url).content.decode()
    assert '<span class="sw-count">1<span class="visually-hidden"> nieuw bericht</span>' in body
    assert "Nieuw signaal over ‘Bewijsstukken opnieuw opvragen’." in body
    client.post(url)
    assert "sw-count" not in client.get(url).content.decode()


def po_entries(text: str):
    """Each entry of a .po file as {keyword: text}: msgid, msgid_plural, msgstr[0] …"""
    for block in text.strip().split("\n\n"):
        entry, key = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith("msg"):
                key, _space, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
        if entry.get("msgid"):
            yield entry


def test_every_message_has_an_english_translation():
    po = (Path(__file__).resolve().parent.parent / "locale/en/LC_MESSAGES/django.po").read_text()
    entries = list(po_entries(po))
    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries
                    if not all(v.strip() for k, v in e.items() if k.startswith("msgstr"))]
    assert not untranslated, untranslated[:10]
    assert "#, fuzzy" not in po


@pytest.fixture
def english(settings):
    """The catalogue compiled as `make messages` does, and Django's translation cache
    emptied."""
    from django.utils.translation import trans_real

    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", "compile",
                    "--domain", "django", "--directory",
                    str(Path(__file__).resolve().parent.parent / "locale")], check=True)
    trans_real._translations = {}
    trans_real._default = None
    yield
    trans_real._translations = {}
    trans_real._default = None


def test_the_pages_speak_english_when_asked(cast, client_for, rule, english):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("systemworld:register", kwargs={"org": cast.org.slug})) \
        .content.decode()
    assert "The register" in body and "System world" in body
    response = client.post(reverse("systemworld:signal_new", kwargs={"org": cast.org.slug}),
                           {"what_happened": "", "severity": "2", "anonymous": "named"})
    assert "Tell us what happened: this field cannot be empty." in response.content.decode()
