"""A gate in front of Django: at most N requests of this process in their synchronous part
at once; the rest wait their turn in the event loop.

Django runs every synchronous view of an ASGI request in a thread of its own, with a
database connection of its own. When 800 phones vote within ten seconds that means
hundreds of threads fighting over one interpreter lock, SQLite writers polling for the
write lock until some give up ("database is locked"), and PostgreSQL refusing connections
("too many clients"). Behind the gate the work is the same but done a few at a time, in
order of arrival: each request is quicker, and nothing fails.

A request leaves the gate when its response starts: for a Server-Sent Events stream that
is after its (synchronous) lookup, so a held stream never holds a place.

Each place has a thread of its own that lives as long as the process, so its database
connection can be kept (SQLite) or comes from the pool (PostgreSQL), instead of a new thread
and a new connection for every request."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext


class _Lane:
    """Places, each with a thread of its own, and the requests waiting for one."""

    def __init__(self, name: str, limit: int):
        self.limit = limit
        self.places: asyncio.Semaphore | None = None  # made in the server's event loop
        self.threads = [ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"{name}-{i}")
                        for i in range(max(limit, 0))]
        self.free = list(range(max(limit, 0)))
        self.waiting = 0


class Gate:
    """`lanes`: (name, limit, wants(scope)) — requests a lane wants wait for its own places
    instead of the common ones (a limit of 0: the lane is not used)."""

    def __init__(self, app, limit: int, on_startup=(), lanes=()):
        self.app = app
        self.limit = limit
        self.on_startup = list(on_startup)  # called with the worker's event loop
        self._common = _Lane("place", limit)
        self._lanes = [(_Lane(name, n), wants) for name, n, wants in lanes if n > 0]

    @property
    def _places(self):
        return self._common.places

    @property
    def waiting(self) -> int:
        """For tests and curiosity: requests waiting now."""
        return self._common.waiting + sum(lane.waiting for lane, _ in self._lanes)

    def _lane(self, scope) -> _Lane:
        for lane, wants in self._lanes:
            if wants(scope):
                return lane
        return self._common

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send, self.on_startup)
            return
        if scope["type"] != "http" or self.limit <= 0:
            return await self.app(scope, receive, send)
        lane = self._lane(scope)
        if lane.places is None:
            lane.places = asyncio.Semaphore(lane.limit)
        places = lane.places
        lane.waiting += 1
        try:
            await places.acquire()
        finally:
            lane.waiting -= 1
        place = lane.free.pop()
        held = True

        def leave():
            nonlocal held
            if held:
                held = False
                lane.free.append(place)
                places.release()

        async def send_and_leave(message):
            if message["type"] == "http.response.start":
                leave()
            await send(message)

        try:
            # Django's synchronous parts run on this place's thread (Django's own
            # per-request context defers to an enclosing one).
            async with ThreadSensitiveContext(executor=lane.threads[place]):
                await self.app(scope, receive, send_and_leave)
        finally:
            leave()

    @staticmethod
    async def _lifespan(receive, send, on_startup):
        """Django has nothing to start or stop; say so, instead of letting the server
        guess from an exception. `on_startup` learns the worker's event loop."""
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                for call in on_startup:
                    call(asyncio.get_running_loop())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
