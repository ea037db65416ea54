"""One HTTP request through an ASGI application, called as uvicorn calls it."""

import asyncio
import warnings


def call(application, path: str, *, method: str = "GET", headers=()):
    """The messages the application sent, and the warnings it gave on the way."""
    sent = []
    requests = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        if requests:
            return requests.pop()
        await asyncio.Event().wait()  # the client stays connected

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "query_string": b"", "root_path": "", "headers": list(headers),
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(application(scope, receive, send))
    return sent, [str(w.message) for w in caught]


def body(sent) -> bytes:
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def headers(sent) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in sent[0]["headers"]}
