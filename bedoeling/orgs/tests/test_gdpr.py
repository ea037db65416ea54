import json

import pytest
from django.core.management import call_command

from bedoeling.accounts.models import User
from bedoeling.orgs.models import Organisation
from bedoeling.purpose.services import purpose_version_create


@pytest.mark.django_db
def test_an_organisation_is_exported_with_its_data_and_without_password_hashes(cast, tmp_path):
    purpose_version_create(cast.org, cast.lead, statement="Elk kind telt.", reason="eerste")
    path = tmp_path / "export.json"
    call_command("organisation_export", cast.org.slug, output=str(path))
    data = json.loads(path.read_text())
    models = {row["model"] for row in data}
    assert {"orgs.organisation", "purpose.purposeversion", "accounts.membership"} <= models
    assert "Elk kind telt." in path.read_text()
    assert "password" not in path.read_text()
    assert "Gemeente Elders" not in path.read_text()


@pytest.mark.django_db
def test_deleting_an_organisation_removes_its_data_and_only_its_own_people(cast):
    from bedoeling.accounts.models import Membership

    Membership.objects.create(user=cast.lead, organisation=cast.other, role="member")
    purpose_version_create(cast.org, cast.lead, statement="Weg ermee.", reason="r")
    call_command("organisation_delete", cast.org.slug, yes=True)
    assert not Organisation.objects.filter(slug=cast.org.slug).exists()
    assert User.objects.filter(pk=cast.lead.pk).exists()  # still in the other organisation
    assert not User.objects.filter(pk=cast.member.pk).exists()
    assert Organisation.objects.filter(slug=cast.other.slug).exists()
