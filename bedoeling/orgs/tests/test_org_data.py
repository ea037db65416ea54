"""An organisation takes all its data out and is deleted (AVG), on the full demo data
(`manage.py demo`), which once made both commands crash on a protected foreign key."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command

from bedoeling.accounts.models import AuditEvent, User
from bedoeling.orgs.data import organisation_delete, organisation_objects
from bedoeling.orgs.models import Organisation


@pytest.fixture
def demo(demo_module, db):
    return Organisation.objects.get(slug="wilgenhoek")


def rows_per_model(org) -> dict:
    """How many rows of each model point at `org` directly."""
    counts = {}
    for model in apps.get_models():
        if any(f.name == "organisation" and f.is_relation for f in model._meta.get_fields()):
            counts[model._meta.label_lower] = model.objects.filter(organisation=org).count()
    return counts


def test_the_whole_demo_organisation_is_exported_without_password_hashes(demo, tmp_path):
    path = tmp_path / "export.json"
    call_command("organisation_export", demo.slug, output=str(path))
    text = path.read_text()
    rows = json.loads(text)
    exported = {row["model"] for row in rows}
    held = {label for label, count in rows_per_model(demo).items() if count}
    # Rows only one person may read (a reflection log) leave only with her consent.
    private = {m._meta.label_lower for m in apps.get_models()
               if hasattr(m, "organisation_export_keep")}
    assert held - {"accounts.auditevent"} - private <= exported
    assert len(rows) >= len(organisation_objects(demo))
    assert "pbkdf2" not in text and '"password"' not in text
    lindeveld = Organisation.objects.get(slug="lindeveld")
    assert not [row for row in rows if row["model"] == "orgs.organisation"
                and row["pk"] == lindeveld.pk]
    assert AuditEvent.objects.filter(organisation=demo, action="organisation.export").exists()


def test_deleting_the_demo_organisation_leaves_nothing_of_it_and_all_of_the_other(demo):
    lindeveld = Organisation.objects.get(slug="lindeveld")
    before = rows_per_model(lindeveld)
    facilitator = User.objects.filter(memberships__organisation=demo,
                                      memberships__role="facilitator").first()
    shared = set(User.objects.filter(memberships__organisation=demo)
                 .filter(memberships__organisation=lindeveld).values_list("pk", flat=True))
    held = rows_per_model(demo)

    deleted, _accounts = organisation_delete(demo, actor=facilitator)

    assert deleted > sum(held.values())
    assert not Organisation.objects.filter(slug="wilgenhoek").exists()
    assert rows_per_model(lindeveld) == before
    assert set(User.objects.filter(pk__in=shared).values_list("pk", flat=True)) == shared
    assert User.objects.filter(pk=facilitator.pk).exists()  # hers to delete, not ours
    event = AuditEvent.objects.get(action="organisation.delete")
    assert event.organisation is None and event.data["slug"] == "wilgenhoek"


def test_the_delete_command_deletes_the_demo_organisation(demo):
    out = io.StringIO()
    call_command("organisation_delete", demo.slug, yes=True, stdout=out)
    assert not Organisation.objects.filter(slug="wilgenhoek").exists()
    assert Organisation.objects.filter(slug="lindeveld").exists()
    assert "verwijderd" in out.getvalue()
