"""Every form and POST endpoint gets hostile values: no 500, a clear message, nothing stored.

The endpoints are found, not listed: every URL pattern of the project (the resolver walk of
`orgs/tests/test_url_walk.py`, with the same argument factories) is opened as a facilitator
of the organisation, or as a phone or visitor for the public ones, and every POST form on
the pages is collected with its hidden fields and buttons (so `action=timer` is reached).
Every pattern is also sent a bare POST with every parameter name the code reads
(`POST.get("…")`, `data.get("…")`, found in the source). Each of those is sent each kind of
hostile value: oversize, NUL, bidi override and zero-width characters, huge, infinite and
negative numbers, lists where one value is expected, and the ids of another organisation's
objects. A new endpoint or parameter is covered without changing this test."""

import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.messages import constants, get_messages
from django.db import connection, models
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from bedoeling.accounts.models import Membership, Role
from bedoeling.conftest import make_user
from bedoeling.live import services as live
from bedoeling.orgs.tests.test_url_walk import _full_converters, _patterns, _registry

MARK = "ZQX"
OVERSIZE = MARK + "x" * 100_000
NUMBERS = ("nan", "-99999999999999999999", "9" * 40, "-1")
KINDS = {
    "oversize": lambda n, i: f"{MARK}{n}Q" + "x" * 100_000,
    "nul": lambda n, i: f"{MARK}{n}\x00Q",
    "bidi": lambda n, i: f"\u202e{MARK}{n}\u200b\u2066Q",
    "huge": lambda n, i: "1e309",
    # not-a-number, huge and negative integers: a different one in each field
    "numbers": lambda n, i: NUMBERS[i % len(NUMBERS)],
    "list": lambda n, i: [f"{MARK}{n}a", f"{MARK}{n}b"],
    "foreign": None,  # another organisation's ids where a field names an object
}
# Values a form must refuse outright: nothing of them may be stored.
REFUSED = {"oversize", "nul"}
ERROR_MARKS = ("errorlist", 'role="alert"', "message--error", "notice--error",
               'aria-invalid="true"')
# A filled honeypot gets a deliberately quiet thank-you (a robot learns nothing); left empty.
HONEYPOTS = {"website"}
SKIP_POST = {"accounts:logout", "set_language", "live:phone_stream", "live:staff_stream"}


class Forms(HTMLParser):
    """The POST forms of a page: action and fields (name, value, kind)."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action") or "", "fields": [], "buttons": [],
                            "method": (a.get("method") or "get").lower()}
            self.forms.append(self.current)
        elif self.current is None or not a.get("name"):
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "image"):
                self.current["buttons"].append((a["name"], a.get("value") or ""))
            elif kind != "file":
                self.current["fields"].append((a["name"], a.get("value") or "", kind))
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            self.current["buttons"].append((a["name"], a.get("value") or ""))
        elif tag == "textarea":
            self.current["fields"].append((a["name"], "", "textarea"))
        elif tag == "select":
            self.current["fields"].append((a["name"], "", "select"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def names_read_by_the_code() -> set:
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"""(?:POST|data|GET)\.(?:get|getlist)\(\s*["']([A-Za-z_][\w-]*)["']""")
    names = set()
    for path in root.rglob("*.py"):
        if "tests" not in path.parts:
            names |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return names - {"csrfmiddlewaretoken"}


def text_columns():
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                yield model, field


def stored_marks() -> dict:
    """Which fuzz values ended up in the database: {marker number: model.field}."""
    found = {}
    for model, field in text_columns():
        lookup = f"{field.attname}__contains"
        try:
            values = model.objects.filter(**{lookup: MARK}).values_list(field.attname,
                                                                       flat=True)
            for value in values:
                for number in re.findall(MARK + r"(\d+)", str(value)):
                    found[int(number)] = f"{model._meta.label}.{field.name}"
        except Exception:  # noqa: BLE001 (a column type that cannot be searched this way)
            continue
    return found


def has_error_message(response) -> bool:
    if response.status_code >= 400:
        return True
    if any(m.level >= constants.WARNING for m in get_messages(response.wsgi_request)):
        return True
    body = response.content.decode(errors="replace") if not response.streaming else ""
    return any(mark in body for mark in ERROR_MARKS)


@pytest.fixture
def world(cast):
    fuzzer = make_user("fuzz@example.org", "Fuzz")
    Membership.objects.create(user=fuzzer, organisation=cast.org, role=Role.FACILITATOR)
    session = live.session_create(cast.org, cast.facilitator, title="Fuzz", format_key="open")
    live.session_open(session, cast.facilitator)
    phases = list(session.phases.all())
    live.phase_activate(session, phases[1])
    from bedoeling.stories.services import story_form_create
    from bedoeling.systemworld.models import PublicLink

    form = story_form_create(cast.org, cast.facilitator, title="Openbaar", prompts=["Vertel"])
    form.is_public, form.is_open = True, True
    form.public_key = form.public_key or "fuzzsleutel"
    form.save()
    link = PublicLink.objects.filter(organisation=cast.org).first()
    if link is None:
        link = PublicLink.objects.create(organisation=cast.org, enabled=True)
    else:
        link.enabled = True
        link.save()
    # The staff pages get an open session of their own (a draft shows no timer, no cards).
    staff_session = live.session_create(cast.org, cast.facilitator, title="Regie",
                                        format_key="open")
    live.session_open(staff_session, cast.facilitator)
    staff_phases = list(staff_session.phases.all())
    live.phase_activate(staff_session, staff_phases[1])
    cast.staff_session, cast.staff_phase = staff_session.pk, staff_phases[1].pk
    public_args = {"code": session.code, "key": form.public_key, "link": link.token,
                   "token": "0" * 40, "uidb64": "MQ", "phase": phases[1].pk}
    return cast, fuzzer, session, public_args


def other_org_ids(cast, factories) -> dict:
    ids = {}
    for name, factory in factories.items():
        try:
            value = factory(cast.other, cast)
        except Exception:  # noqa: BLE001 (a factory that needs the victim's people)
            continue
        if isinstance(value, int):
            ids[name] = str(value)
    return ids


def test_no_hostile_value_gives_a_500_or_is_stored(world, client_for):
    started = time.monotonic()
    cast, fuzzer, session, public_args = world
    public, factories = _registry()
    foreign = other_org_ids(cast, factories)
    factories = {**factories, "session": lambda org, c: c.staff_session,
                 "phase": lambda org, c: c.staff_phase}
    staff = Client(raise_request_exception=False)
    staff.force_login(fuzzer)
    phone = Client(raise_request_exception=False)
    phone.get(reverse("live:phone", kwargs={"code": session.code}))
    visitor = Client(raise_request_exception=False)
    code_names = names_read_by_the_code()

    targets = {}  # (url, fields, buttons) -> (name, client)
    endpoints = set()
    for name, _pattern in _patterns():
        params = _full_converters(name)
        if name in public:
            values = {p: public_args[p] for p in params if p in public_args}
            if set(values) != params:
                pytest.fail(f"{name}: teach this test its public arguments {sorted(params)}")
            client = phone if name.startswith("live:") else visitor
        else:
            values = {p: factories[p](cast.org, cast) for p in params}
            client = staff
        url = reverse(name, kwargs=values)
        if name in SKIP_POST:
            continue
        page = client.get(url)
        if page.status_code == 405:  # a POST endpoint: every name the code reads
            endpoints.add(name)
            bare = tuple((n, "", "bare") for n in sorted(code_names))
            targets[(url, bare, ())] = (name, client)
        if page.status_code != 200 or page.streaming or "html" not in page.get(
                "Content-Type", ""):
            continue
        parser = Forms()
        parser.feed(page.content.decode(errors="replace"))
        for form in parser.forms:
            action = urlsplit(form["action"]).path or url
            try:
                action_name = resolve(action).view_name
            except Resolver404:
                continue
            if action_name in SKIP_POST:
                continue
            endpoints.add(action_name)
            if form["method"] == "get":  # a filter: its values travel in the query string
                key = (action, tuple(form["fields"]), ("GET",))
                targets.setdefault(key, (action_name, client))
                continue
            for button in form["buttons"] or [None]:
                key = (action, tuple(form["fields"]), (button,) if button else ())
                targets.setdefault(key, (action_name, client))

    failures, numbered = [], {}
    n = 0
    for (url, fields, buttons), (name, client) in targets.items():
        for kind, make in KINDS.items():
            n += 1
            data = {}
            for i, (field_name, value, _field_kind) in enumerate(fields):
                if field_name == "csrfmiddlewaretoken" or field_name in HONEYPOTS:
                    continue
                if kind == "foreign":
                    data[field_name] = foreign.get(field_name, value)
                else:
                    data[field_name] = make(n, i)
            get = buttons == ("GET",)
            for button_name, value in () if get else buttons:
                data[button_name] = value
            numbered[n] = (name, url, kind, buttons)
            if client is staff and not Membership.objects.filter(user=fuzzer,
                                                                 role=Role.FACILITATOR).exists():
                Membership.objects.filter(user=fuzzer).update(role=Role.FACILITATOR)
            try:
                response = client.get(url, data) if get else client.post(url, data)
            except Exception as error:  # noqa: BLE001
                failures.append(f"{name} {kind} {buttons}: {type(error).__name__}: {error}"[:300])
                connection.close() if connection.vendor != "sqlite" else None
                continue
            if response.status_code >= 500:
                failures.append(f"{name} {kind} {buttons}: {response.status_code}")
            elif kind in REFUSED and not get and response.status_code in (200, 302) and \
                    any(k in ("text", "textarea", "number", "email", "select", "date")
                        for _f, _v, k in fields) and not has_error_message(response):
                failures.append(f"{name} {kind} {buttons}: no message ({response.status_code})")
    for number, where in stored_marks().items():
        name, url, kind, buttons = numbered.get(number, ("?", "?", "?", ()))
        if kind in REFUSED:
            failures.append(f"{name} {kind} {buttons}: stored in {where}")
    print(f"fuzz: {len(endpoints)} endpoints, {len(targets)} forms, {n} requests, "
          f"{time.monotonic() - started:.0f} s")
    assert not failures, "\n".join(sorted(set(failures)))
