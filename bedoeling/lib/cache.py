"""Django's Redis cache, except that `clear()` forgets only this instance's keys.

Django's RedisCache.clear() runs FLUSHDB: on a Redis shared by several instances
(`BEDOELING_REDIS_PREFIX`), or by the test runs of several people, it also wiped the others'
rate-limit buckets, live versions and caches. Here it deletes the keys under KEY_PREFIX."""

from django.core.cache.backends.redis import RedisCache


class PrefixedRedisCache(RedisCache):
    def clear(self):
        if not self.key_prefix:
            return super().clear()
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) >= 500:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
        return True
