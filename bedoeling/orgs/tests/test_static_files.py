"""Static files through the real ASGI handler (bedoeling/lib/handler.py, static.py), as
uvicorn calls it."""

from bedoeling.lib.handler import Handler
from bedoeling.lib.tests.asgi_call import body, call, headers


def _get(path: str):
    return call(Handler(), path)


def test_a_static_file_is_streamed_without_django_warning_about_a_synchronous_iterator():
    sent, caught = _get("/static/css/bedoeling.css")
    assert sent[0]["status"] == 200
    assert b"{" in body(sent) and len(body(sent)) > 1000
    assert not [w for w in caught if "synchronous iterators" in w], caught


def test_a_static_file_in_several_chunks_arrives_whole():
    # htmx is larger than one chunk of Django's FileResponse (64 KiB is its block size).
    sent, caught = _get("/static/vendor/htmx/htmx.js")
    assert sent[0]["status"] == 200
    length = headers(sent)[b"content-length"]
    assert len(body(sent)) == int(length) > 65536
    assert not [w for w in caught if "synchronous iterators" in w], caught
