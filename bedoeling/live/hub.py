"""Per-process fan-out of live updates to the Server-Sent Event streams of this process.

- The screen and control views get *snapshots*: a ticker, at most 5 times a second,
  re-renders a room whose version moved and writes the same bytes to every local screen.
- Phones get *state transitions*: rendered once per process, role and language, written to
  every local phone of that role and language. Their personal part (own votes, own cards)
  is fetched by the phone itself. Screens get their snapshot in their facilitator's
  language, rendered once per language in use.
Snapshots are idempotent, so a lost or dropped message heals on the next one."""

import asyncio
import contextvars
import logging
import time
from dataclasses import dataclass, field

from asgiref.sync import sync_to_async
from django.conf import settings

from bedoeling.live import render
from bedoeling.live.broker import get_broker

log = logging.getLogger(__name__)

TICK = 0.2  # seconds: at most 5 snapshots a second per room
PERIODIC = 1.0  # seconds: rooms whose view decays with time (the stop signal)
QUEUE_SIZE = 8
NUDGE = "event: nudge\ndata: \n\n"


@dataclass(eq=False)
class Subscriber:
    view: str  # "phone" | "screen" | "control"
    participant_id: int | None = None
    role: str = ""
    # The language this stream is read in: the phone's choice, the facilitator's language.
    language: str = field(default_factory=lambda: settings.LANGUAGE_CODE)
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))

    def offer(self, message: str) -> None:
        # A slow phone must not hold memory for the whole room: keep only the latest state.
        while self.queue.full():
            try:
                self.queue.get_nowait()
            except asyncio.QueueEmpty:
                break
        self.queue.put_nowait(message)


@dataclass(eq=False)
class Room:
    session_id: int
    subscribers: set = field(default_factory=set)
    version: int = -1
    # The session's state version the phones last got: a transition whose message was
    # lost (a Redis reconnect, a subscription not yet up) still reaches them.
    phone_version: int = -1
    transition: bool = False
    nudge: bool = False
    periodic: bool = False
    last_render: float = 0.0

    @property
    def name(self) -> str:
        return f"session:{self.session_id}"


class Hub:
    def __init__(self):
        self.rooms: dict[int, Room] = {}
        self._tasks: list[asyncio.Task] = []
        self._wake: asyncio.Event | None = None
        self._loop = None

    def _ensure_started(self):
        loop = asyncio.get_running_loop()
        if self._loop is loop and all(not t.done() for t in self._tasks):
            return
        for task in self._tasks:
            task.cancel()
        self._loop = loop
        self._wake = asyncio.Event()
        # A context of their own: the hub outlives the request that happened to start it
        # (and the thread that request ran on).
        self._tasks = [loop.create_task(self._listen(), context=contextvars.Context()),
                       loop.create_task(self._tick(), context=contextvars.Context())]

    def join(self, session_id: int, subscriber: Subscriber, state_version: int = -1) -> Room:
        """Add a stream; `state_version` is what it was just sent in full."""
        self._ensure_started()
        if session_id not in self.rooms:
            self.rooms[session_id] = Room(session_id, phone_version=state_version)
        room = self.rooms[session_id]
        room.subscribers.add(subscriber)
        return room

    def leave(self, session_id: int, subscriber: Subscriber) -> None:
        room = self.rooms.get(session_id)
        if room is None:
            return
        room.subscribers.discard(subscriber)
        if not room.subscribers:
            self.rooms.pop(session_id, None)

    async def _listen(self):
        broker = get_broker()
        while True:
            try:
                async for room_name, event in broker.subscribe():
                    session_id = int(room_name.split(":", 1)[1])
                    room = self.rooms.get(session_id)
                    if room is None:
                        continue
                    if event.get("type") == "transition":
                        room.transition = True
                        self._wake.set()
                    elif event.get("type") == "nudge":
                        room.nudge = True
                        self._wake.set()
            except asyncio.CancelledError:
                raise
            except Exception:  # a Redis restart: resubscribe; versions heal what was missed
                log.exception("live broker subscription lost; resubscribing")
                await asyncio.sleep(1)

    async def _tick(self):
        broker = get_broker()
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), TICK)
            except TimeoutError:
                pass
            self._wake.clear()
            if not self.rooms:
                continue
            try:
                rooms = list(self.rooms.values())
                versions = await broker.versions([r.name for r in rooms])
                now = time.monotonic()
                for room in rooms:
                    version = versions.get(room.name, 0)
                    due = room.periodic and now - room.last_render >= PERIODIC
                    if room.nudge and not room.transition:
                        for sub in list(room.subscribers):
                            if sub.view == "phone":
                                sub.offer(NUDGE)
                    room.nudge = False
                    if room.transition or version != room.version or due:
                        transition = room.transition
                        room.transition = False
                        room.version = version
                        room.last_render = now
                        await self._render(room, transition)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("live tick failed")

    async def _render(self, room: Room, transition: bool):
        views, languages, phone_languages = set(), {}, {}
        for s in room.subscribers:
            views.add(s.view)
            languages.setdefault(s.view, set()).add(s.language)
            if s.view == "phone":
                phone_languages[s.participant_id] = s.language
        result = await sync_to_async(render.room_messages)(
            room.session_id, views=views, transition=transition,
            phone_ids=list(phone_languages), phone_version=room.phone_version,
            languages=languages, phone_languages=phone_languages,
        )
        if result is None:
            return
        room.periodic = result.periodic
        room.phone_version = result.state_version
        for sub in list(room.subscribers):
            if sub.view == "phone":
                if not result.phone:
                    continue
                sub.role = result.roles.get(sub.participant_id, sub.role)
                message = (result.phone.get((sub.role, sub.language))
                           or result.phone.get(("", sub.language)))
            else:
                message = result.snapshots.get((sub.view, sub.language))
            if message:
                sub.offer(message)


hub = Hub()
