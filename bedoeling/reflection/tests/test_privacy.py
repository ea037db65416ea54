"""Reflection entries are read by their author and nobody else."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from bedoeling.reflection import services
from bedoeling.reflection.models import ReflectionEntry, RoundRespondent

pytestmark = pytest.mark.django_db

ENTRY_URLS = ["reflection:entry", "reflection:edit", "reflection:to_signal",
              "reflection:to_story"]


@pytest.mark.parametrize("who", ["facilitator", "lead"])
@pytest.mark.parametrize("name", ENTRY_URLS)
def test_a_facilitator_or_lead_gets_404_on_her_entry(cast, client_for, entry, who, name):
    url = reverse(name, kwargs={"org": cast.org.slug, "entry": entry.pk})
    client = client_for(getattr(cast, who))
    assert client.get(url).status_code == 404
    assert client.post(url, {"fragment": "x", "answer": "x"}).status_code == 404
    assert client_for(cast.member).get(url).status_code == 200


def test_another_member_cannot_read_or_delete_her_entry(cast, client_for, entry, crowd):
    other = client_for(crowd[0])
    assert other.get(reverse("reflection:entry", kwargs={
        "org": cast.org.slug, "entry": entry.pk})).status_code == 404
    assert other.post(reverse("reflection:delete", kwargs={
        "org": cast.org.slug, "entry": entry.pk})).status_code == 404
    assert ReflectionEntry.objects.filter(pk=entry.pk).exists()


def test_no_one_elses_page_shows_her_text(cast, client_for, entry):
    for who in (cast.facilitator, cast.lead):
        for name in ("reflection:log", "reflection:pattern", "reflection:export"):
            page = client_for(who).get(reverse(name, kwargs={"org": cast.org.slug}))
            assert "Sem eerst vertellen" not in page.content.decode()


def _org_export(org) -> str:
    out = io.StringIO()
    call_command("organisation_export", org.slug, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_organisation_export_leaves_her_entries_out(cast, entry):
    text = _org_export(cast.org)
    assert "Sem eerst vertellen" not in text
    assert "reflection.reflectionentry" not in text


def test_the_organisation_export_holds_her_entries_when_she_consents(cast, entry):
    rhythm = services.rhythm_for(cast.org, cast.member)
    services.rhythm_update(rhythm, reminders=True, weekday=4, hour=15,
                           in_organisation_export=True)
    data = json.loads(_org_export(cast.org))
    assert any(row["model"] == "reflection.reflectionentry" for row in data)
    assert "Sem eerst vertellen" in json.dumps(data, ensure_ascii=False)


def test_who_answered_a_round_stays_out_of_the_organisation_export(cast, crowd):
    from bedoeling.reflection.tests.conftest import open_round

    round_ = open_round(cast)
    services.round_answer(round_, crowd[0], {round_.questions.first().pk: 3})
    assert RoundRespondent.objects.count() == 1
    data = json.loads(_org_export(cast.org))
    assert not any(row["model"] == "reflection.roundrespondent" for row in data)
    assert any(row["model"] == "reflection.roundanswer" for row in data)


def test_no_admin_site_shows_reflection(settings):
    # There is no Django admin in Bedoeling; should one be added, it must not show these.
    if "django.contrib.admin" not in settings.INSTALLED_APPS:
        return
    from django.contrib import admin

    from bedoeling.reflection import models

    registered = set(admin.site._registry)
    for name in ("ReflectionEntry", "ReflectionLink", "Rhythm", "RoundRespondent"):
        assert getattr(models, name) not in registered


def test_a_round_answer_keeps_no_person(cast, crowd):
    from bedoeling.reflection.models import RoundAnswer
    from bedoeling.reflection.tests.conftest import open_round

    field_names = {f.name for f in RoundAnswer._meta.get_fields()}
    assert not field_names & {"person", "user", "author", "created_at"}
    round_ = open_round(cast)
    services.round_answer(round_, crowd[0], {round_.questions.first().pk: 3})
