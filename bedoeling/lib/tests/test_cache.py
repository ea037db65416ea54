"""Clearing the cache forgets this instance's keys only, never another's on the same Redis
(Django's own clear() runs FLUSHDB)."""

from django.conf import settings
from django.core.cache import cache


def test_clearing_the_cache_leaves_other_instances_keys_alone():
    from bedoeling import settings as real

    if not real.REDIS_URL:  # the embedded default's cache is this process's memory
        assert real.CACHES["default"]["BACKEND"].endswith("LocMemCache")
        return
    assert real.CACHES["default"]["BACKEND"] == "bedoeling.lib.cache.PrefixedRedisCache"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    other = f"{settings.REDIS_PREFIX}-other-instance:rl:x"
    client.set(other, 1)
    try:
        cache.set("pattern", 42)
        cache.clear()
        assert cache.get("pattern") is None
        assert client.get(other) == b"1"
    finally:
        client.delete(other)
        client.close()
