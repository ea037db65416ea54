"""The cast every test can use: an organisation with a facilitator, a lead and a member,
and an outsider who belongs to another organisation."""

import io
import uuid
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from bedoeling.accounts.models import Membership, Role, User
from bedoeling.orgs.models import Organisation, Team

PASSWORD = "een-lang-wachtwoord"


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # Redis is not rolled back with the database: each test gets its own namespace, so a
    # rate-limit bucket emptied by one test is not found empty by the next.
    settings.REDIS_PREFIX = f"test-{uuid.uuid4().hex[:12]}"
    # The same for the cache (Redis in scale-out mode; an emptied local memory otherwise):
    # a cached pattern or counter of one test's organisation 1 is not another's.
    settings.CACHES = {name: {**config, "KEY_PREFIX": settings.REDIS_PREFIX}
                       for name, config in settings.CACHES.items()}
    # The same for the buckets kept in this process's memory (the embedded default's fast
    # limits, and every limit while Redis is down).
    from bedoeling.lib import ratelimit

    ratelimit._local.clear()
    yield
    if settings.REDIS_URL:
        forget_prefix(settings.REDIS_URL, settings.REDIS_PREFIX)


def forget_prefix(url: str, prefix: str) -> None:
    """Delete every Redis key under `prefix`."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start:start + 500])
    finally:
        client.close()


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Tests of something else see a task's effect (a mail in the outbox) at once; the
    worker itself is tested against the database backend in bedoeling/lib/tests/."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _dutch():
    # A request in English leaves its language active in the thread; every test starts in
    # Dutch, the default.
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.activate("nl")


def make_user(email, name="", password=PASSWORD):
    return User.objects.create_user(email, password, name=name)


@pytest.fixture
def cast(db):
    org = Organisation.objects.create(name="De Regenboog", slug="regenboog")
    other = Organisation.objects.create(name="Gemeente Elders", slug="elders")
    team = Team.objects.create(organisation=org, name="Bovenbouw")
    facilitator = make_user("sanne@example.org", "Sanne")
    lead = make_user("marieke@example.org", "Marieke")
    member = make_user("lotte@example.org", "Lotte")
    outsider = make_user("olaf@example.org", "Olaf")
    Membership.objects.create(user=facilitator, organisation=org, role=Role.FACILITATOR)
    Membership.objects.create(user=lead, organisation=org, role=Role.LEAD)
    Membership.objects.create(user=member, organisation=org, role=Role.MEMBER, team=team)
    Membership.objects.create(user=outsider, organisation=other, role=Role.FACILITATOR)
    return SimpleNamespace(org=org, other=other, team=team, facilitator=facilitator,
                           lead=lead, member=member, outsider=outsider)


@pytest.fixture
def client_for():
    def make(user=None, csrf=False):
        client = Client(enforce_csrf_checks=csrf)
        if user is not None:
            client.force_login(user)
        return client

    return make


@contextmanager
def kept_for_the_module(django_db_blocker):
    """For a module-scoped fixture that loads data every test of the module reads (the demo
    takes seconds): what is written inside stays until the module is done, then the whole
    database is emptied. Each test still runs in its own transaction, so what one test
    changes the next does not see. Written with the settings a test has (fast hashing,
    tasks at once, a Redis namespace of its own)."""
    prefix = f"test-{uuid.uuid4().hex[:12]}"
    caches = {name: {**config, "KEY_PREFIX": prefix} for name, config in settings.CACHES.items()}
    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=FAST_HASHERS, TASKS=IMMEDIATE_TASKS, REDIS_PREFIX=prefix,
            CACHES=caches):
        try:
            yield
        finally:
            call_command("flush", "--noinput", verbosity=0)
            if settings.REDIS_URL:
                forget_prefix(settings.REDIS_URL, prefix)


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The whole demo (`manage.py demo`), loaded once for the test module that asks for it."""
    with kept_for_the_module(django_db_blocker):
        call_command("demo", stdout=io.StringIO())
        yield
