"""The content security policy middleware (bedoeling/lib/csp.py) writes what django-csp's
own would, but builds the policy once, not for every response."""

from csp.constants import HEADER, NONCE
from csp.middleware import CSPMiddleware as DjangoCSP
from django.http import HttpResponse
from django.test import RequestFactory

from bedoeling.lib import csp


def _answer(middleware, response=None, request=None):
    request = request or RequestFactory().get("/doe-mee/")
    middleware.process_request(request)
    return middleware.process_response(request, response or HttpResponse("ok"))


def test_the_header_is_django_csps_and_built_only_once(monkeypatch):
    built = []
    original = csp.build_policy
    monkeypatch.setattr(csp, "build_policy", lambda **kw: built.append(kw) or original(**kw))
    ours = csp.CSPMiddleware(lambda request: HttpResponse())
    first, second = _answer(ours), _answer(ours)
    expected = _answer(DjangoCSP(lambda request: HttpResponse()))[HEADER]
    assert first[HEADER] == second[HEADER] == expected
    assert "script-src 'self'" in expected
    assert len(built) == 2  # the policy and the (empty) report-only one, for both answers


def test_a_changed_setting_gives_a_new_policy(settings):
    ours = csp.CSPMiddleware(lambda request: HttpResponse())
    assert "img-src 'self' data:" in _answer(ours)[HEADER]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert _answer(ours)[HEADER] == "default-src 'none'"


def test_a_views_own_policy_and_a_nonce_still_go_through_django_csp(settings):
    ours = csp.CSPMiddleware(lambda request: HttpResponse())
    response = HttpResponse("ok")
    response._csp_update = {"img-src": ["https://example.org"]}
    assert "img-src 'self' data: https://example.org" in _answer(ours, response)[HEADER]

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
    assert "nonce" not in _answer(ours)[HEADER]  # no nonce asked for: none given
    request = RequestFactory().get("/")
    ours.process_request(request)
    nonce = str(request.csp_nonce)
    answer = ours.process_response(request, HttpResponse("ok"))
    assert f"'nonce-{nonce}'" in answer[HEADER]


def test_an_exempt_response_gets_no_header():
    response = HttpResponse("ok")
    response._csp_exempt = True
    assert HEADER not in _answer(csp.CSPMiddleware(lambda request: HttpResponse()), response)
