import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bedoeling.settings")
django_application = get_asgi_application()

from django.conf import settings  # noqa: E402

from bedoeling.lib.gate import Gate  # noqa: E402

application = Gate(django_application, settings.CONCURRENCY)

# Import every view now, not on the first request: a phone in the hall should not wait
# for the analysis libraries to load.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
