"""The few words and numbers the charts write themselves, in the reader's language.

`bedoeling.insights` stays free of Django: the words are marked with :func:`gettext` (the
Dutch message id is the text) and the application installs a translator — Django's, which
follows the language of the request (see ``apps.py``). Without one, the charts speak Dutch.
"""

from __future__ import annotations

from collections.abc import Callable


def _dutch() -> str | None:
    return "nl"


_translate: Callable[[str], str] = str
_language: Callable[[], str | None] = _dutch


def install(translate: Callable[[str], str], language: Callable[[], str | None]) -> None:
    """Use `translate` for the words and `language()` (a code like 'nl' or 'en') for the
    way numbers are written."""
    global _translate, _language
    _translate, _language = translate, language


def gettext(message: str) -> str:
    return _translate(message)


def dutch_numbers() -> bool:
    """1.234,5 in Dutch; 1,234.5 in English (and elsewhere)."""
    return (_language() or "nl").startswith("nl")
