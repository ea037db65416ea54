"""The Redis broker gathers a web worker's vote bumps and sends them together; a transition
is told at once. With the Redis the suite runs with (or the machine's, in SQLite mode)."""

import asyncio
import threading
import uuid

import pytest
import redis

from bedoeling.conftest import forget_prefix
from bedoeling.live import broker as live_broker
from bedoeling.live.broker import FLUSH_INTERVAL, RedisBroker


@pytest.fixture
def redis_broker(settings):
    url = settings.REDIS_URL or "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {url}")
    prefix = f"test-broker-{uuid.uuid4().hex[:10]}"
    yield RedisBroker(url, prefix)
    forget_prefix(url, prefix)


def _version(broker, room):
    return int(broker._sync.get(broker._key(room)) or 0)


def test_a_workers_votes_reach_redis_together_and_every_one_counts(redis_broker):
    async def scenario():
        redis_broker.attach(asyncio.get_running_loop())

        def hall():  # the request threads of a worker while its hall votes
            for _ in range(300):
                redis_broker.bump_soon("session:1")

        threads = [threading.Thread(target=hall) for _ in range(4)]
        for thread in threads:
            thread.start()
        await asyncio.to_thread(lambda: [t.join() for t in threads])
        await asyncio.sleep(FLUSH_INTERVAL * 10)
        return _version(redis_broker, "session:1")

    assert asyncio.run(scenario()) == 1200
    assert 1 <= redis_broker.flushes < 100  # not a round trip per vote


def test_without_an_event_loop_a_bump_is_sent_at_once(redis_broker):
    redis_broker.bump_soon("session:2")  # the task worker, a management command
    assert _version(redis_broker, "session:2") == 1


def test_a_transition_is_told_at_once_even_in_a_worker(redis_broker, monkeypatch):
    monkeypatch.setattr(live_broker, "get_broker", lambda: redis_broker)

    async def scenario():
        redis_broker.attach(asyncio.get_running_loop())
        live_broker.changed(3, transition=True)
        told = _version(redis_broker, "session:3")  # before the loop ran anything
        live_broker.changed(3)
        gathered = _version(redis_broker, "session:3")
        await asyncio.sleep(FLUSH_INTERVAL * 10)
        return told, gathered, _version(redis_broker, "session:3")

    assert asyncio.run(scenario()) == (1, 1, 2)
