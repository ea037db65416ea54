"""The gate every anonymous public form passes before its data is used (a signal through a
public link, a request for a sparring session): a honeypot field that people never see and
scripts fill in, then a rate limit per address and one for the whole. One place, so that
the forms cannot drift apart in what they let through."""

import logging

from bedoeling.lib import ratelimit

log = logging.getLogger(__name__)


def refusal(request, form, *, what: str, per_address: tuple[str, int, float],
            overall: tuple[str, str, int, float], bot_message: str,
            busy_message: str) -> int | None:
    """None when the post may be handled (the form is valid). Otherwise the status to answer
    with, the reason added to the form: 400 for a filled honeypot or invalid input, 429 when
    a limit is reached. `per_address` is (bucket, limit, window); `overall` is (bucket, key,
    limit, window). `form.is_bot` says whether the honeypot was filled in."""
    if form.is_bot:
        log.info("%s refused: honeypot field filled", what)
        form.is_valid()
        form.add_error(None, bot_message)
        return 400
    if not form.is_valid():
        return 400
    bucket, limit, window = per_address
    whole, key, whole_limit, whole_window = overall
    if not (ratelimit.allow(bucket, ratelimit.client_address(request), limit, window)
            and ratelimit.allow(whole, key, whole_limit, whole_window)):
        log.warning("%s refused: rate limit (%s)", what, key)
        form.add_error(None, busy_message)
        return 429
    return None
