"""A lean HTTP/1.1 client for the benches' crowds: one phone, one cookie jar, one
connection for its requests and one for its Server-Sent Events stream.

The benches run the crowd on the same two cores as the server they measure. With an
httpx client per phone, the crowd of 3,000 phones took a whole core (measured: about 1 ms of
CPU per vote in the generator, and 85 s to build the clients); what the crowd spends the
server cannot. This client does only what a phone's browser does for these benches: GET
and POST with keep-alive, cookies, Content-Length and chunked bodies, and an event stream
read as it arrives. It is measurement equipment, not part of Bedoeling.
"""

import asyncio
import time
from urllib.parse import urlencode, urlparse

IDLE_REUSE = 4.0  # seconds: uvicorn closes an idle keep-alive connection after 5


class ClientError(Exception):
    """The server's answer could not be read (closed early, malformed)."""


ERRORS = (ClientError, OSError, asyncio.IncompleteReadError, TimeoutError)


class Answer:
    __slots__ = ("status", "headers", "body")

    def __init__(self, status: int, headers: list[tuple[str, str]], body: bytes):
        self.status, self.headers, self.body = status, headers, body


async def _read_head(reader) -> tuple[int, list[tuple[str, str]]]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ", 2)[1])
    except (IndexError, ValueError) as error:
        raise ClientError(f"bad status line {lines[0]!r}") from error
    headers = []
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers.append((name.strip().lower(), value.strip()))
    return status, headers


async def _chunks(reader):
    """The pieces of a chunked body, as they come."""
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return
        piece = await reader.readexactly(size + 2)
        yield piece[:-2]


class Phone:
    def __init__(self, base: str, cookies: dict | None = None, timeout: float = 30):
        url = urlparse(base)
        self.host, self.port = url.hostname, url.port or 80
        self.host_header = url.netloc
        self.cookies: dict[str, str] = dict(cookies or {})
        self.timeout = timeout
        self._conn = None
        self._used = 0.0

    def _head(self, method: str, path: str, headers: dict, length: int | None) -> bytes:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host_header}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if length is not None:
            lines.append(f"Content-Length: {length}")
        lines += [f"{k}: {v}" for k, v in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _keep(self, headers):
        for name, value in headers:
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                if val:
                    self.cookies[key.strip()] = val.strip()
                else:
                    self.cookies.pop(key.strip(), None)

    async def _open(self):
        return await asyncio.open_connection(self.host, self.port)

    def close(self):
        if self._conn is not None:
            self._conn[1].close()
            self._conn = None

    async def request(self, method: str, path: str, *, form: dict | None = None,
                      body: bytes | None = None, headers: dict | None = None) -> Answer:
        headers = dict(headers or {})
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        length = len(body) if body is not None else (0 if method == "POST" else None)
        message = self._head(method, path, headers, length) + (body or b"")
        async with asyncio.timeout(self.timeout):
            for attempt in (1, 2):
                if self._conn is None or time.monotonic() - self._used > IDLE_REUSE:
                    self.close()
                    self._conn = await self._open()
                    attempt = 2  # a fresh connection: a failure is the server's answer
                reader, writer = self._conn
                try:
                    writer.write(message)
                    status, answer_headers = await _read_head(reader)
                except (asyncio.IncompleteReadError, ConnectionError) as error:
                    self.close()
                    # A kept connection the server had just closed: nothing was read, so
                    # the request never reached a view; once more on a new connection.
                    if attempt == 1 and (not isinstance(error, asyncio.IncompleteReadError)
                                         or not error.partial):
                        continue
                    raise
                break
            length = next((v for k, v in answer_headers if k == "content-length"), None)
            if length is not None:
                content = await reader.readexactly(int(length))
            elif any(k == "transfer-encoding" and "chunked" in v for k, v in answer_headers):
                content = b"".join([piece async for piece in _chunks(reader)])
            else:
                content = await reader.read()
                self.close()
        self._used = time.monotonic()
        if any(k == "connection" and v.lower() == "close" for k, v in answer_headers):
            self.close()
        self._keep(answer_headers)
        return Answer(status, answer_headers, content)

    async def get(self, path, **kwargs) -> Answer:
        return await self.request("GET", path, **kwargs)

    async def post(self, path, **kwargs) -> Answer:
        return await self.request("POST", path, **kwargs)


class Stream:
    """A Server-Sent Events stream of a phone, on a connection of its own:
    `on_event(event, data, at)` for every event, `at` when its last piece arrived."""

    def __init__(self, phone: Phone, path: str, on_event):
        self.phone, self.path, self.on_event = phone, path, on_event
        self.connected = asyncio.Event()
        self.task = None

    def start(self):
        self.task = asyncio.create_task(self.run())
        return self

    async def run(self):
        reader, writer = await self.phone._open()
        try:
            writer.write(self.phone._head("GET", self.path, {"Accept": "text/event-stream"}, None))
            status, headers = await _read_head(reader)
            if status != 200:
                raise ClientError(f"stream answered {status}")
            self.connected.set()
            chunked = any(k == "transfer-encoding" and "chunked" in v for k, v in headers)
            pieces = _chunks(reader) if chunked else _raw(reader)
            buffer = b""
            async for piece in pieces:
                buffer += piece
                if b"\n\n" not in buffer:
                    continue
                *events, buffer = buffer.split(b"\n\n")
                at = time.perf_counter()
                for block in events:
                    self._event(block.decode(), at)
        finally:
            writer.close()

    def _event(self, block: str, at: float):
        event, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[6:] if line.startswith("data: ") else line[5:])
        if data:
            self.on_event(event, "\n".join(data), at)


async def _raw(reader):
    while piece := await reader.read(65536):
        yield piece
