"""Absolute links for what leaves the instance without a request at hand (mails written by
the task worker). Production must set BEDOELING_SITE_URL (settings refuse to start with
BEDOELING_HTTPS=1 without it); the embedded default links to where `make run` serves."""

from django.conf import settings

EMBEDDED_PORT = 8000


def site_url(path: str) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL + path
    host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1"
    if host in ("*", "") or host.startswith("."):
        host = "127.0.0.1"
    return f"http://{host}:{EMBEDDED_PORT}{path}"
