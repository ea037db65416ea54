"""When a reminder is due: weekly slots on her day and hour, in her time zone.

A slot is identified by the moment (UTC) its local day and hour begin, so the same slot is
computed the same way by every run. Summer time: an hour that does not exist on the spring
Sunday (02:00 in Europe/Amsterdam) falls on the first hour that does (03:00 summer time);
an hour that exists twice in autumn is its first occurrence, so it stays one slot."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# A reminder that could not go out within this time after its slot (the worker was down,
# a holiday pause just ended) is skipped: she gets the next one, not a pile of old ones.
GRACE = timedelta(hours=12)


def slot_on(day: date, hour: int, time_zone: str) -> datetime:
    local = datetime.combine(day, time(hour), tzinfo=ZoneInfo(time_zone))
    # Through UTC and back: a local time that does not exist (spring) becomes a real one.
    return local.astimezone(UTC)


def latest_slot(weekday: int, hour: int, time_zone: str, now: datetime) -> datetime:
    """The most recent slot at or before `now`."""
    today = now.astimezone(ZoneInfo(time_zone)).date()
    day = today - timedelta(days=(today.weekday() - weekday) % 7)
    slot = slot_on(day, hour, time_zone)
    if slot > now:
        slot = slot_on(day - timedelta(days=7), hour, time_zone)
    return slot


def next_slot(weekday: int, hour: int, time_zone: str, now: datetime) -> datetime:
    """The first slot after `now`."""
    slot = latest_slot(weekday, hour, time_zone, now)
    day = slot.astimezone(ZoneInfo(time_zone)).date() + timedelta(days=7)
    return slot_on(day, hour, time_zone)


def due_slot(rhythm, now: datetime) -> datetime | None:
    """The slot a reminder is due for now, or None. Never more than one: a missed week is
    not made up for."""
    if not rhythm.reminders:
        return None
    slot = latest_slot(rhythm.weekday, rhythm.hour, rhythm.time_zone, now)
    if now - slot > GRACE or slot < rhythm.created_at:
        return None
    local_day = slot.astimezone(ZoneInfo(rhythm.time_zone)).date()
    if rhythm.paused_until is not None and local_day <= rhythm.paused_until:
        return None
    return slot


def next_run(now: datetime, every: timedelta = timedelta(minutes=15)) -> datetime:
    """The next quarter of an hour after `now`: when the reminder task runs again."""
    step = every.total_seconds()
    seconds = (now.timestamp() // step + 1) * step
    return datetime.fromtimestamp(seconds, tz=UTC)
