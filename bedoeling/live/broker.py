"""The live broker: `publish(room, event)` and `subscribe()`, plus a version counter per room.

Two backends with the same interface:
- in-process (the embedded default: one worker);
- Redis (BEDOELING_REDIS_URL set: any number of workers). Each process holds one Redis
  subscription and fans out to its local queues (see hub.py).

Writes (services, in sync threads) call `changed()` after their transaction commits:
it bumps the room's version, and for a state transition also publishes an event so every
process wakes up at once. The version counter is what makes the system heal: a process
that missed a message still sees the version move on its next tick.

A vote moves a version but no phone's state. In a web worker (whose event loop is attached
at startup, bedoeling/asgi.py) those bumps are gathered and sent to Redis together, at most every
`FLUSH_INTERVAL` seconds, instead of one round trip from the request's thread per vote: the
screens re-render at most five times a second, so they see the same versions, and a hall
voting at once costs Redis a few commands a second. A transition is told at once."""

import asyncio
import json
import logging
import threading
from functools import cache

from django.conf import settings

log = logging.getLogger(__name__)

FLUSH_INTERVAL = 0.02  # seconds: a worker's gathered version bumps go to Redis this often


class LocalBroker:
    def __init__(self):
        self._versions: dict[str, int] = {}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queues: list[asyncio.Queue] = []

    def bump(self, room: str) -> int:
        with self._lock:
            self._versions[room] = self._versions.get(room, 0) + 1
            return self._versions[room]

    def attach(self, loop) -> None:
        """Nothing to gather: a bump here is a dictionary's increment."""

    bump_soon = bump

    def publish(self, room: str, event: dict) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return  # nobody in this process is listening yet
        message = (room, event)
        for queue in list(self._queues):
            loop.call_soon_threadsafe(queue.put_nowait, message)

    async def versions(self, rooms: list[str]) -> dict[str, int]:
        return {room: self._versions.get(room, 0) for room in rooms}

    async def subscribe(self):
        """Yield (room, event) for every event published in this process."""
        self._loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        self._queues.append(queue)
        try:
            while True:
                yield await queue.get()
        finally:
            self._queues.remove(queue)


class RedisBroker:
    def __init__(self, url: str, prefix: str):
        import redis

        self.url = url
        self.prefix = f"{prefix}:live"
        self._sync = redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3)
        self._async = None

        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending: dict[str, int] = {}
        self._lock = threading.Lock()
        self._scheduled = False
        self._last_flush = 0.0
        self._flushing: set[asyncio.Task] = set()
        self.flushes = 0  # for tests and curiosity: round trips that carried gathered bumps

    def _key(self, room: str) -> str:
        return f"{self.prefix}:v:{room}"

    def attach(self, loop: asyncio.AbstractEventLoop) -> None:
        """From now on gather this process's bumps and send them from `loop`."""
        self._loop = loop

    def bump_soon(self, room: str) -> None:
        """Move the room's version within FLUSH_INTERVAL, with the process's other bumps;
        at once when no event loop is attached (the task worker, a command)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            self.bump(room)
            return
        with self._lock:
            self._pending[room] = self._pending.get(room, 0) + 1
            if self._scheduled:
                return
            self._scheduled = True
        try:
            loop.call_soon_threadsafe(self._schedule_flush)
        except RuntimeError:  # the loop closed meanwhile
            self._loop = None
            self._take_and_send_now()

    def _schedule_flush(self):
        delay = max(0.0, self._last_flush + FLUSH_INTERVAL - self._loop.time())
        self._loop.call_later(delay, self._start_flush)

    def _start_flush(self):
        task = self._loop.create_task(self._flush())
        self._flushing.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self._flushing.discard)

    def _take(self) -> dict[str, int]:
        with self._lock:
            pending, self._pending, self._scheduled = self._pending, {}, False
        return pending

    def _take_and_send_now(self):
        for room, n in self._take().items():
            self.bump(room, n)

    async def _flush(self):
        import redis

        self._last_flush = self._loop.time()
        pending = self._take()
        if not pending:
            return
        try:
            async with self._client().pipeline(transaction=False) as pipe:
                for room, n in pending.items():
                    pipe.incrby(self._key(room), n)
                await pipe.execute()
            self.flushes += 1
        except redis.RedisError:
            log.warning("live: Redis unavailable, %d rooms not told of a change", len(pending))

    # A write is committed before it tells the broker: when Redis is down, the phone that
    # joined or voted gets its answer, the others see the change once Redis is back and the
    # next change moves the version (and /healthz takes the worker out of rotation).
    def bump(self, room: str, n: int = 1) -> int:
        import redis

        try:
            return int(self._sync.incrby(self._key(room), n))
        except redis.RedisError:
            log.warning("live: Redis unavailable, %s not told of a change", room)
            return -1

    def publish(self, room: str, event: dict) -> None:
        import redis

        try:
            self._sync.publish(f"{self.prefix}:events",
                               json.dumps({"room": room, "event": event}))
        except redis.RedisError:
            log.warning("live: Redis unavailable, %s event not published", room)

    def _client(self):
        if self._async is None:
            import redis.asyncio as aioredis

            self._async = aioredis.Redis.from_url(self.url)
        return self._async

    async def versions(self, rooms: list[str]) -> dict[str, int]:
        if not rooms:
            return {}
        values = await self._client().mget([self._key(r) for r in rooms])
        return {room: int(v or 0) for room, v in zip(rooms, values, strict=True)}

    async def subscribe(self):
        pubsub = self._client().pubsub()
        await pubsub.subscribe(f"{self.prefix}:events")
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                data = json.loads(message["data"])
                yield data["room"], data["event"]
        finally:
            await pubsub.aclose()


@cache
def get_broker():
    if settings.REDIS_URL:
        return RedisBroker(settings.REDIS_URL, settings.REDIS_PREFIX)
    return LocalBroker()


def attach_loop(loop: asyncio.AbstractEventLoop) -> None:
    """A web worker's event loop, once it runs: votes' bumps are gathered and sent from it."""
    get_broker().attach(loop)


def changed(session_id: int, *, transition: bool = False, nudge: bool = False) -> None:
    """Tell every view of a session that something changed (call after commit).

    `transition`: phones must show the new state. `nudge`: there is something new to act
    on (a statement was added); only phones with nothing left to do fetch again."""
    broker = get_broker()
    room = f"session:{session_id}"
    if not (transition or nudge):
        broker.bump_soon(room)  # a vote: the screens' next tick is soon enough
        return
    broker.bump(room)
    if transition:
        broker.publish(room, {"type": "transition"})
    elif nudge:
        broker.publish(room, {"type": "nudge"})
