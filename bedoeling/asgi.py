import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bedoeling.settings")
django.setup(set_prefix=False)  # as get_asgi_application() does

from django.conf import settings  # noqa: E402

from bedoeling.lib.gate import Gate  # noqa: E402
from bedoeling.lib.handler import Handler  # noqa: E402
from bedoeling.live.broker import attach_loop  # noqa: E402


def is_phone(scope) -> bool:
    """A participant's phone: its taps, its page, its stream (settings.PHONE_CONCURRENCY)."""
    return scope["path"].startswith("/doe-mee/")


django_application = Handler()
# The live broker sends a worker's gathered version bumps from its event loop.
application = Gate(django_application, settings.CONCURRENCY, on_startup=[attach_loop],
                   lanes=[("phone", settings.PHONE_CONCURRENCY, is_phone)])

# Import every view now, not on the first request: a phone in the hall should not wait
# for the analysis libraries to load.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
