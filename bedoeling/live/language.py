"""The language a phone reads a live session in.

Participants have no account, so the choice is a cookie scoped to the phone's path
(`/doe-mee/`): it changes nothing elsewhere on the site (a facilitator testing on her own
phone keeps her language there). Without a choice, the phone follows the site's language
cookie or the browser's Accept-Language, as Django's LocaleMiddleware decided."""

from functools import wraps

from django.conf import settings
from django.utils import translation

COOKIE = "bp_lang"
COOKIE_AGE = 60 * 60 * 24 * 365
PATH = "/doe-mee/"


def known(code: str | None) -> str | None:
    """`code` if we have a catalogue for it, else None."""
    return code if code in {c for c, _name in settings.LANGUAGES} else None


def phone_language(request) -> str:
    return (known(request.COOKIES.get(COOKIE))
            or getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE)


def in_phone_language(view):
    """Run a phone view in the phone's language (and answer in it: LocaleMiddleware sets
    Content-Language from the active language)."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        language = phone_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return view(request, *args, **kwargs)
    return wrapper


def remember(response, language: str) -> None:
    response.set_cookie(COOKIE, language, max_age=COOKIE_AGE, path=PATH, httponly=True,
                        samesite="Lax", secure=settings.HTTPS)
