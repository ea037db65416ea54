"""Receipt codes for anonymous reporters.

A code is 140 random bits in Crockford's base32 (no I, L, O or U, so nothing is misread),
shown once in groups of four. Only its SHA-256 is stored: the code is the reporter's only
key, and a database leak must not hand out working codes. At 140 bits a guess never hits,
so a fast unsalted hash is enough."""

import hashlib
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 28  # 28 × 5 = 140 bits
GROUP = 4
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    return format_code("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def format_code(raw: str) -> str:
    return "-".join(raw[i:i + GROUP] for i in range(0, len(raw), GROUP))


def normalise(code: str) -> str | None:
    """The canonical form of what a person typed, or None when it cannot be a code."""
    raw = _SEPARATORS.sub("", code or "").upper().translate(_MISREAD)
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return None
    return raw


def code_hash(code: str) -> str:
    raw = normalise(code)
    if raw is None:
        raise ValueError("not a receipt code")
    return hashlib.sha256(raw.encode()).hexdigest()
