"""Static files on Django's asynchronous path (bedoeling/lib/static.py), through the real
ASGI application as uvicorn calls it."""

import asyncio
import warnings

from django.core.asgi import get_asgi_application


def _get(path: str, headers=()):
    application = get_asgi_application()
    sent = []
    requests = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        if requests:
            return requests.pop()
        await asyncio.Event().wait()  # the client stays connected

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "headers": list(headers),
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(application(scope, receive, send))
    return sent, [str(w.message) for w in caught]


def test_a_static_file_is_streamed_without_django_warning_about_a_synchronous_iterator():
    sent, caught = _get("/static/css/bedoeling.css")
    assert sent[0]["status"] == 200
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert b"{" in body and len(body) > 1000
    assert not [w for w in caught if "synchronous iterators" in w], caught


def test_a_static_file_in_several_chunks_arrives_whole():
    # htmx is larger than one chunk of Django's FileResponse (64 KiB is its block size).
    sent, caught = _get("/static/vendor/htmx/htmx.js")
    assert sent[0]["status"] == 200
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    length = dict(sent[0]["headers"])[b"Content-Length"]
    assert len(body) == int(length) > 65536
    assert not [w for w in caught if "synchronous iterators" in w], caught
