"""One cleaning for every single-line name people type and others see (on a projector, in a
list): no characters that reorder or hide text.

Bidirectional overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) can make a
name read backwards or swallow what follows it on the screen; zero-width and other
invisible format characters make two names look alike. Everything of Unicode's category
Cf goes, except a zero-width joiner or non-joiner between two visible characters (emoji
sequences, Persian and Indic names need those). Control characters and line breaks become
spaces, and runs of white space one space."""

import unicodedata

from django import forms

_JOINERS = {"\u200c", "\u200d"}


def clean_line(value: str | None) -> str:
    if not value:
        return ""
    kept: list[str] = []
    for index, char in enumerate(value):
        category = unicodedata.category(char)
        if category == "Cf":
            before = value[index - 1] if index else ""
            after = value[index + 1] if index + 1 < len(value) else ""
            if not (char in _JOINERS and before.strip() and after.strip()
                    and unicodedata.category(before) != "Cf"
                    and unicodedata.category(after) != "Cf"):
                continue
        elif category in ("Cc", "Zl", "Zp"):
            char = " "
        kept.append(char)
    return " ".join("".join(kept).split())


class LineField(forms.CharField):
    """A single-line name: cleaned with `clean_line` before its length is checked."""

    def to_python(self, value):
        return clean_line(super().to_python(value))
