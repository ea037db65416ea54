"""A Redis outage on a page that cannot do without it (a cached pattern, an opinion map)
answers 503 with Retry-After, not a 500: the browser or load balancer knows to come back.
The pages people need during an outage (login, join, public report, receipt) do not get
here: their rate limits fall back to the process (bedoeling/lib/ratelimit.py)."""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.deprecation import MiddlewareMixin

log = logging.getLogger(__name__)

RETRY_AFTER = 30


class RedisOutageMiddleware(MiddlewareMixin):
    # MiddlewareMixin: sync and async capable, so the streaming (async) views stay async.
    def process_exception(self, request, exception):
        import redis

        if not isinstance(exception, redis.RedisError):
            return None
        log.warning("Redis unavailable on %s: %s", request.path, exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
