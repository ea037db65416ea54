"""A Redis outage: the pages people use keep working, and /healthz says Redis is down.

No shared Redis is stopped: the settings point at an address where nothing listens."""

import pytest
from django.test import Client
from django.urls import reverse

from bedoeling.conftest import PASSWORD
from bedoeling.live import broker
from bedoeling.live import services as live
from bedoeling.systemworld.models import PublicLink, Signal

DEAD = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    before = settings.REDIS_URL
    settings.REDIS_URL = DEAD
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": DEAD, "KEY_PREFIX": settings.REDIS_PREFIX}}
    broker.get_broker.cache_clear()
    yield
    broker.get_broker.cache_clear()
    # The cast's clean-up forgets this test's keys in the Redis that was configured.
    settings.REDIS_URL = before


@pytest.mark.django_db
def test_healthz_answers_503_with_retry_after_when_redis_is_down(redis_down):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "redis down" in response.content.decode()
    assert "database ok" in response.content.decode()


@pytest.mark.django_db
def test_healthz_answers_200_when_everything_answers(settings):
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith("ok") and "database ok" in body
    assert ("redis ok" in body) == bool(settings.REDIS_URL)


@pytest.mark.django_db
def test_login_works_without_redis_and_still_counts_failures(cast, settings, redis_down):
    settings.LOGIN_RATE_LIMIT = (3, 86400)  # a day: no refill while the test runs
    client = Client(REMOTE_ADDR="203.0.113.8")
    statuses = [client.post("/inloggen/", {"username": "lotte@example.org",
                                           "password": "fout"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]  # counted in this process meanwhile
    response = Client().post("/inloggen/", {"username": "sanne@example.org",
                                            "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_phone_joins_without_redis(cast, redis_down, django_capture_on_commit_callbacks):
    session = live.session_create(cast.org, cast.facilitator, title="Studiedag",
                                  format_key="open")
    live.session_open(session, cast.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(f"/doe-mee/{session.code}/", {"name": ""})
    assert response.status_code == 302
    assert session.participants.count() == 1


@pytest.mark.django_db
def test_a_public_report_and_its_receipt_work_without_redis(cast, redis_down):
    PublicLink.objects.create(organisation=cast.org, token="meldpunt", enabled=True)
    response = Client().post(reverse("systemworld:public_report", args=["meldpunt"]), {
        "what_happened": "Mevrouw moest haar huurcontract voor de derde keer opsturen.",
        "client_effect": "Twee weken vertraging.", "severity": "2", "rule_named": "",
        "sensible_action": "Kijken wat we al hebben."})
    assert response.status_code == 200
    assert Signal.objects.count() == 1
    code = response.context["code"]
    response = Client().post(reverse("systemworld:receipt"), {"code": code})
    assert response.status_code == 200



def test_a_page_that_needs_redis_answers_503_with_retry_after_not_500(rf):
    """Pages that cannot do without Redis (cached patterns, the opinion map) tell the
    browser and the load balancer to come back, rather than failing with a 500."""
    import redis

    from bedoeling.lib.outage import RedisOutageMiddleware

    middleware = RedisOutageMiddleware(lambda request: None)
    request = rf.get("/o/regenboog/verhalen/patronen/")
    response = middleware.process_exception(request, redis.ConnectionError("refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Even niet beschikbaar" in response.content.decode()
    assert middleware.process_exception(request, ValueError("other")) is None
    from django.conf import settings

    assert "bedoeling.lib.outage.RedisOutageMiddleware" in settings.MIDDLEWARE
