"""django-csp's middleware, with the policy built once instead of twice per response.

django-csp builds the policy and the report-only policy anew for every response (a
dataclass turned into a dict, every directive joined): on a phone's tap in a full hall that
was as much of the server's time as the vote's statement. Our policy is the same for every
response unless a view sets its own (django-csp's decorators) or a template asked for a
nonce: then django-csp's own code decides, as before. Otherwise the two headers built from
the settings are kept, and rebuilt when the settings object changes (a test's override).
"""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as _DjangoCSP
from csp.utils import build_policy
from django.conf import settings

_PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro",
                 "_csp_update_ro", "_csp_replace_ro")


class CSPMiddleware(_DjangoCSP):
    _built: tuple | None = None  # (the settings it was built from, policy, report-only)

    def _policies(self, request, response) -> tuple[str, str]:
        source = (getattr(settings, "CONTENT_SECURITY_POLICY", None),
                  getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None))
        built = self._built
        if built is None or built[0][0] is not source[0] or built[0][1] is not source[1]:
            parts = asdict(self.get_policy_parts(request=request, response=response))
            parts_ro = asdict(self.get_policy_parts(request=request, response=response,
                                                    report_only=True))
            built = (source, build_policy(**parts), build_policy(**parts_ro, report_only=True))
            self._built = built
        return built[1], built[2]

    def process_response(self, request, response):
        if (getattr(request, "_csp_nonce", None) is not None
                or any(hasattr(response, name) for name in _PER_RESPONSE)
                or (settings.DEBUG and response.status_code in (404, 500))):
            return super().process_response(request, response)
        csp, csp_ro = self._policies(request, response)
        for header, value, exempt, config in (
                (HEADER, csp, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
                (HEADER_REPORT_ONLY, csp_ro, "_csp_exempt_ro",
                 "CONTENT_SECURITY_POLICY_REPORT_ONLY")):
            if not value or header in response or getattr(response, exempt, False):
                continue
            prefixes = (getattr(settings, config, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = value
        # As django-csp: a nonce asked for after the header was written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
