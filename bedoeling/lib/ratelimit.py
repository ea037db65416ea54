"""Rate limits: Redis when configured (shared by all workers), a database token bucket
otherwise. Keys are hashed, so an IP address used as a key is never stored.

When Redis does not answer, a limit falls back to a bucket in this process's memory
rather than failing the request: a login, a join, a public report or a receipt check keeps
working during an outage, each worker then counting on its own (so the limits are, for
that while, as many times looser as there are workers). /healthz reports the outage."""

import hashlib
import hmac
import logging
import time
from functools import cache

from django.conf import settings
from django.db import transaction

log = logging.getLogger(__name__)


def _digest(key: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()[:40]


def _redis():
    return _redis_for(settings.REDIS_URL)


@cache
def _redis_for(url: str):
    import redis

    # Short timeouts: a Redis that hangs must not hold a login for long either.
    return redis.Redis.from_url(url, socket_connect_timeout=3,
                                socket_timeout=3)


_last_warning = 0.0


def _redis_down(error: Exception) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning > 60:  # one line a minute, not one per request
        _last_warning = now
        log.warning("Redis unavailable (%s): rate limits count per process", error)


# One atomic refill-and-take in Redis; same semantics as the database bucket below.
_REDIS_BUCKET = """
local tokens = tonumber(redis.call('HGET', KEYS[1], 't'))
local updated = tonumber(redis.call('HGET', KEYS[1], 'u'))
local limit, window, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if tokens == nil then tokens = limit; updated = now end
tokens = math.min(limit, tokens + (now - updated) * limit / window)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 't', tokens, 'u', now)
redis.call('EXPIRE', KEYS[1], math.ceil(window) + 1)
return allowed
"""


def allow(scope: str, key: str, limit: int, window: float) -> bool:
    """Take one token from the bucket for (scope, key); False when it is empty.

    The bucket holds `limit` tokens and refills completely over `window` seconds."""
    bucket = f"{settings.REDIS_PREFIX}:rl:{scope}:{_digest(key)}"
    now = time.time()
    if settings.REDIS_URL:
        import redis

        try:
            return bool(_redis().eval(_REDIS_BUCKET, 1, bucket, limit, window, now))
        except redis.RedisError as error:
            _redis_down(error)
            return _local_allow(bucket, limit, window)
    from bedoeling.accounts.models import RateBucket

    with transaction.atomic():
        row = RateBucket.objects.select_for_update().filter(key=bucket).first()
        if row is None:
            RateBucket.objects.create(key=bucket, tokens=limit - 1, updated_at=now)
            return True
        tokens = min(limit, row.tokens + (now - row.updated_at) * limit / window)
        allowed = tokens >= 1
        if allowed:
            tokens -= 1
        RateBucket.objects.filter(key=bucket).update(tokens=tokens, updated_at=now)
        return allowed


_REDIS_REFUND = """
local tokens = tonumber(redis.call('HGET', KEYS[1], 't'))
if tokens == nil then return 0 end
redis.call('HSET', KEYS[1], 't', math.min(tonumber(ARGV[1]), tokens + 1))
return 1
"""


def refund(scope: str, key: str, limit: int) -> None:
    """Give back the token an attempt took (a login that succeeded counts for nothing)."""
    bucket = f"{settings.REDIS_PREFIX}:rl:{scope}:{_digest(key)}"
    if settings.REDIS_URL:
        import redis

        try:
            _redis().eval(_REDIS_REFUND, 1, bucket, limit)
        except redis.RedisError as error:
            _redis_down(error)
            _local_refund(bucket, limit)
        return
    from django.db.models import F
    from django.db.models.functions import Least

    from bedoeling.accounts.models import RateBucket

    RateBucket.objects.filter(key=bucket).update(tokens=Least(F("tokens") + 1, limit))


def reset(scope: str, key: str) -> None:
    bucket = f"{settings.REDIS_PREFIX}:rl:{scope}:{_digest(key)}"
    if settings.REDIS_URL:
        import redis

        _local.pop(bucket, None)
        try:
            _redis().delete(bucket)
        except redis.RedisError as error:
            _redis_down(error)
        return
    from bedoeling.accounts.models import RateBucket

    RateBucket.objects.filter(key=bucket).delete()


def client_address(request) -> str:
    """The address used only as a (hashed) rate-limit key, never stored as such.

    It is the peer uvicorn reports. Behind a proxy, uvicorn itself replaces that with the
    rightmost X-Forwarded-For entry that is not a trusted proxy (--forwarded-allow-ips, or
    FORWARDED_ALLOW_IPS; 127.0.0.1 by default). The header as a whole is never read here:
    its leftmost entries are whatever the client wrote, and a rotating one would buy
    unlimited attempts."""
    return request.META.get("REMOTE_ADDR", "")


_local: dict[str, tuple[float, float]] = {}


def _local_allow(bucket: str, limit: int, window: float) -> bool:
    now = time.monotonic()
    tokens, updated = _local.get(bucket, (float(limit), now))
    tokens = min(limit, tokens + (now - updated) * limit / window)
    allowed = tokens >= 1
    _local[bucket] = (tokens - 1 if allowed else tokens, now)
    if len(_local) > 100_000:
        _local.clear()  # a crude bound; buckets refill within seconds anyway
    return allowed


def _local_refund(bucket: str, limit: int) -> None:
    if bucket in _local:
        tokens, updated = _local[bucket]
        _local[bucket] = (min(limit, tokens + 1), updated)


def allow_fast(scope: str, key: str, limit: int, window: float) -> bool:
    """Like `allow`, for limits checked on every tap of a phone: Redis when configured
    (shared by all workers), otherwise in this process's memory — the embedded default
    runs one worker, and a database write per tap would cost more than it protects."""
    if settings.REDIS_URL:
        return allow(scope, key, limit, window)
    return _local_allow(f"{scope}:{key}", limit, window)


def allow_here(scope: str, key: str, limit: int, window: float) -> bool:
    """A limit kept in this process's memory, also when Redis is configured: the guard
    against a runaway phone, checked on every tap, where a round trip to Redis would cost
    a hall more than it protects. With several workers a phone gets at most that many times
    the limit (its taps come over one connection, to one worker, as a rule)."""
    return _local_allow(f"{scope}:{key}", limit, window)


def refund_fast(scope: str, key: str, limit: int) -> None:
    """Give back what `allow_fast` took."""
    if settings.REDIS_URL:
        refund(scope, key, limit)
    else:
        _local_refund(f"{scope}:{key}", limit)


def redis_ok() -> bool:
    """Whether the configured Redis answers (True when none is configured)."""
    if not settings.REDIS_URL:
        return True
    import redis

    try:
        return bool(_redis().ping())
    except redis.RedisError:
        return False
