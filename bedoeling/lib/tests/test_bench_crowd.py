"""The benches' crowd client (bench/crowd.py) reads what a server sends as a browser would:
if it misread an answer, the figures of `make bench` would be wrong, not slow."""

import asyncio

from bench.crowd import Phone, Stream


class _Server:
    """A tiny HTTP/1.1 server on a real socket; `answers` are the raw bytes it sends, one per
    request, and `close_after` the requests after which it closes the connection."""

    def __init__(self, answers, close_after=()):
        self.answers, self.close_after = list(answers), set(close_after)
        self.requests: list[bytes] = []
        self.connections = 0

    async def handle(self, reader, writer):
        self.connections += 1
        try:
            while self.answers:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                self.requests.append(head + await reader.readexactly(length))
                writer.write(self.answers.pop(0))
                await writer.drain()
                if len(self.requests) in self.close_after:
                    break
        except asyncio.IncompleteReadError:
            pass
        writer.close()

    async def __aenter__(self):
        self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    async def __aexit__(self, *exc):
        self.server.close()


def test_cookies_bodies_and_a_kept_connection_the_server_closed():
    server = _Server([
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nSet-Cookie: csrftoken=abc; Path=/\r\n\r\nhello",
        b"HTTP/1.1 302 Found\r\nTransfer-Encoding: chunked\r\nSet-Cookie: phone=p1; HttpOnly\r\n"
        b"\r\n3\r\nfoo\r\n4\r\nbar!\r\n0\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    ], close_after={2})

    async def go():
        async with server as base:
            phone = Phone(base)
            first = await phone.get("/doe-mee/X/")
            second = await phone.post("/doe-mee/X/", form={"a": "1 2"},
                                      headers={"X-CSRFToken": phone.cookies["csrftoken"]})
            # The server closed the kept connection: the next request goes on a new one.
            third = await phone.post("/vote", body=b"agree")
            phone.close()
            return first, second, third

    first, second, third = asyncio.run(go())
    assert (first.status, first.body) == (200, b"hello")
    assert (second.status, second.body) == (302, b"foobar!")
    assert (third.status, third.body) == (200, b"ok")
    assert server.connections == 2
    assert b"X-CSRFToken: abc" in server.requests[1]
    assert server.requests[1].endswith(b"a=1+2")
    assert b"Cookie: csrftoken=abc; phone=p1" in server.requests[2]
    assert server.requests[2].endswith(b"\r\n\r\nagree")


def _chunked(*pieces: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces)


def test_a_stream_gives_each_event_once_however_the_chunks_fall():
    server = _Server([
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
        b"\r\n" + _chunked(b"retry: 2000\n\n", b"event: snapshot\n", b"data: 1",
                           b"2 stemmen\n\n: pi", b"ng\n\nevent: phase\ndata: next\n\n"),
    ])
    events = []

    async def go():
        async with server as base:
            stream = Stream(Phone(base), "/stroom/", lambda e, d, at: events.append((e, d)))
            stream.start()
            await asyncio.wait_for(stream.connected.wait(), 5)
            while len(events) < 2:
                await asyncio.sleep(0.01)
            stream.task.cancel()

    asyncio.run(go())
    assert events == [("snapshot", "12 stemmen"), ("phase", "next")]
