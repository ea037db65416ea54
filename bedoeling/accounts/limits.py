"""How often who may try a password, and how often a reset mail goes out.

An attacker must not be able to lock a person out by typing her address with wrong
passwords, nor guess without limit by rotating addresses. So a login attempt draws on
different buckets depending on whether the browser has proved itself for that account:

- A browser that logged in to the account before carries a signed device cookie for it.
  Its attempts count only against that (account, device) pair: what anyone else does to
  the account never locks her out on the laptop, projector or tablet she used before.
- Any other browser draws on three buckets at once: (account, address) — strict, one
  attacker's guesses; the address — ten times looser, a staff room shares one; and the
  account over all addresses — five times looser, what an attacker with many addresses
  gets. Only that last one can be exhausted by someone else, and it only keeps out
  browsers that never logged in to the account.

A login that succeeds gives back every token it took (only failures count) and marks the
browser as proven for the account."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse

from bedoeling.lib import ratelimit

DEVICE_COOKIE = "bedoeling_device"
DEVICE_SALT = "bedoeling.accounts.device"
DEVICE_AGE = 60 * 60 * 24 * 180
DEVICE_ACCOUNTS = 5  # a shared laptop remembers a few accounts, not a staff room's worth
ACCOUNT_FACTOR = 5
ADDRESS_FACTOR = 10
RESET_MAILS_PER_ACCOUNT = (3, 3600)
RESET_REQUESTS_PER_ADDRESS = (20, 3600)


def _account_mark(email: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"device:{email}".encode(),
                    hashlib.sha256).hexdigest()[:16]


def _device(request) -> tuple[str, list[str]]:
    try:
        value = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT)
    except signing.BadSignature:
        value = ""
    device, _sep, marks = value.partition(":")
    return device, [m for m in marks.split(",") if m]


class LoginAttempt:
    def __init__(self, request, email: str):
        self.email = email
        limit, self.window = settings.LOGIN_RATE_LIMIT
        self.device, self.marks = _device(request)
        address = ratelimit.client_address(request)
        if self.device and _account_mark(email) in self.marks:
            self.buckets = [("login-device", f"{self.device}|{email}", limit)]
        else:
            self.buckets = [("login-account-address", f"{email}|{address}", limit),
                            ("login-address", address, limit * ADDRESS_FACTOR),
                            ("login-account", email, limit * ACCOUNT_FACTOR)]
        self.taken: list[tuple[str, str, int]] = []

    def allowed(self) -> bool:
        for scope, key, limit in self.buckets:
            if not ratelimit.allow(scope, key, limit, self.window):
                return False
            self.taken.append((scope, key, limit))
        return True

    def succeeded(self, response) -> None:
        for scope, key, limit in self.taken:
            ratelimit.refund(scope, key, limit)
        mark = _account_mark(self.email)
        marks = [mark] + [m for m in self.marks if m != mark]
        device = self.device or secrets.token_urlsafe(16)
        response.set_signed_cookie(
            DEVICE_COOKIE, f"{device}:{','.join(marks[:DEVICE_ACCOUNTS])}", salt=DEVICE_SALT,
            max_age=DEVICE_AGE, path=reverse("accounts:login"), httponly=True,
            secure=settings.HTTPS, samesite="Lax")


def reset_allowed(request, email: str) -> bool:
    """Reset mails per account (any address) and requests per address: a mailbox does not
    fill with reset mails, known address or not (the answer never says which)."""
    return (ratelimit.allow("password-reset", ratelimit.client_address(request),
                            *RESET_REQUESTS_PER_ADDRESS)
            and ratelimit.allow("password-reset-account", email.strip().lower(),
                                *RESET_MAILS_PER_ACCOUNT))
