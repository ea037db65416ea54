"""Two answers every view gets without writing them itself.

- A request with a NUL character in a parameter is refused (400) with a message: PostgreSQL
  cannot store NUL in text (the request would end in a DataError, a 500), SQLite would store
  it, and no person types one. Django's form fields refuse NUL too; this covers the views
  that read `request.POST` or `request.GET` directly.
- A database that stays busy past its timeout (SQLite's write lock held longer than
  `busy_timeout`; a PostgreSQL lock timeout, deadlock or serialization failure) answers
  503 with `Retry-After`, which the phone's script retries, instead of a 500. The
  transaction was rolled back: nothing was stored."""

import logging

from django.db import OperationalError
from django.db.utils import DatabaseError
from django.http import HttpResponse
from django.utils.deprecation import MiddlewareMixin
from django.utils.html import escape
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)

RETRY_AFTER = 2  # seconds
# PostgreSQL: lock not available, serialization failure, deadlock detected.
_RETRYABLE_PGCODES = {"55P03", "40001", "40P01"}


def _has_nul(query_dict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values)
               for key, values in query_dict.lists())


def database_busy(exception) -> bool:
    if not isinstance(exception, DatabaseError):
        return False
    cause = exception.__cause__
    if (getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)) in _RETRYABLE_PGCODES:
        return True
    return isinstance(exception, OperationalError) and "locked" in str(exception)


def _page(request, status: int, message: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        body = f'<p class="message message--error" role="alert">{escape(message)}</p>'
    else:
        body = (f'<!doctype html><html lang="{getattr(request, "LANGUAGE_CODE", "nl")}">'
                f'<meta charset="utf-8"><title>{status}</title>'
                f'<p role="alert">{escape(message)}</p></html>')
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


class BadInputMiddleware(MiddlewareMixin):
    def process_request(self, request):
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            log.info("request refused: NUL character in a parameter (%s)", request.path)
            return _page(request, 400, _(
                "Je invoer bevat een teken dat hier niet kan (een NUL-teken). Er is niets "
                "opgeslagen; haal het weg en probeer het opnieuw."))
        return None

    def process_exception(self, request, exception):
        if not database_busy(exception):
            return None
        log.warning("database busy, answered 503: %s (%s)", exception, request.path)
        response = _page(request, 503, _(
            "Het is even te druk. Er is niets opgeslagen; probeer het over een paar seconden "
            "opnieuw."))
        response["Retry-After"] = str(RETRY_AFTER)
        return response
