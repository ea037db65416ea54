"""The ASGI handler (bedoeling/lib/handler.py): an ordinary request runs its middleware and
view in one thread hop; an asynchronous view keeps Django's asynchronous chain."""

import threading

import pytest
from asgiref.sync import SyncToAsync
from django.core import signals
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpResponseBadRequest

from bedoeling.lib.handler import Handler
from bedoeling.lib.tests.asgi_call import body, call, headers


@pytest.fixture
def hops(monkeypatch):
    """The functions handed from the event loop to a thread, in order."""
    names: list[str] = []
    original = SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        names.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted)
    return names


def test_a_page_runs_its_whole_middleware_chain_and_view_in_one_hop(hops):
    sent, _warnings = call(Handler(), "/doe-mee/")
    assert sent[0]["status"] == 200
    assert b"<form" in body(sent)
    # The middleware ran: security headers, the content security policy, the language.
    found = headers(sent)
    assert b"content-security-policy" in found
    assert found[b"x-frame-options"] == b"DENY"
    assert b"content-language" in found
    # request_started's receivers, the chain with the view and closing the response, which
    # sends request_finished: all in one thread, in one hop.
    assert hops == ["Handler._respond"], hops


def test_django_own_handler_hops_for_every_synchronous_middleware(hops):
    # What the test above guards against: the same page through Django's handler.
    sent, _warnings = call(ASGIHandler(), "/doe-mee/")
    assert sent[0]["status"] == 200
    assert len(hops) > 6, hops


def test_an_unknown_url_is_answered_by_the_same_chain(hops):
    sent, _warnings = call(Handler(), "/bestaat-niet/")
    assert sent[0]["status"] == 404
    assert headers(sent)[b"x-frame-options"] == b"DENY"
    assert hops == ["Handler._respond"], hops


@pytest.mark.django_db(transaction=True)
def test_a_live_stream_keeps_the_asynchronous_chain(monkeypatch):
    handler = Handler()
    used = []

    def refuse(request):
        used.append(request.path)
        raise AssertionError("a stream went through the synchronous chain")

    monkeypatch.setattr(handler._sync_chain, "get_response", refuse)
    sent, _warnings = call(handler, "/doe-mee/ONBEKEND/stroom/")
    assert used == []
    assert sent[0]["status"] == 204  # no such session: the phone stops asking


def test_request_started_and_finished_run_in_the_thread_of_the_view():
    # Django's receivers tidy the database connection of the thread they run in: they must
    # run where the view used it, once each.
    seen = []

    def started(**kwargs):
        seen.append(("started", threading.get_ident()))

    def finished(**kwargs):
        seen.append(("finished", threading.get_ident()))

    signals.request_started.connect(started)
    signals.request_finished.connect(finished)
    view_thread = []
    original = Handler._respond

    def respond(self, *args):
        view_thread.append(threading.get_ident())
        return original(self, *args)

    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Handler, "_respond", respond)
            sent, _warnings = call(Handler(), "/doe-mee/")
    finally:
        signals.request_started.disconnect(started)
        signals.request_finished.disconnect(finished)
    assert sent[0]["status"] == 200
    assert seen == [("started", view_thread[0]), ("finished", view_thread[0])]
    assert view_thread[0] != threading.get_ident()


def test_a_request_django_cannot_build_gets_its_error_answer(monkeypatch):
    monkeypatch.setattr(Handler, "create_request",
                        lambda self, scope, body: (None, HttpResponseBadRequest("kapot")))
    sent, _warnings = call(Handler(), "/doe-mee/")
    assert sent[0]["status"] == 400
    assert body(sent) == b"kapot"


def test_a_url_is_matched_once_and_each_request_gets_its_own_arguments(monkeypatch):
    from django.urls import URLResolver

    from bedoeling.lib import handler

    handler._resolve.cache_clear()
    tried = []
    original = URLResolver.resolve

    def resolve(self, path):
        if self.pattern.regex.pattern == "^/":
            tried.append(path)
        return original(self, path)

    monkeypatch.setattr(URLResolver, "resolve", resolve)
    scope = {"path": "/doe-mee/ABC123/"}
    first = Handler._match(scope)
    first.kwargs["code"] = "changed by a middleware"
    second = Handler._match(scope)
    assert tried == ["/doe-mee/ABC123/"]  # the second request did not try the patterns
    assert second.kwargs == {"code": "ABC123"}
    assert second.func is first.func
    assert Handler._match({"path": "/bestaat-niet/"}) is None
