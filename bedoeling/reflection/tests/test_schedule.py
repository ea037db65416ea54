"""When reminders are due: her day and hour in Europe/Amsterdam, through summer time, and
never a pile of missed weeks."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from bedoeling.reflection.schedule import GRACE, due_slot, latest_slot, next_run, next_slot

AMS = "Europe/Amsterdam"


def _utc(*args):
    return datetime(*args, tzinfo=UTC)


def _rhythm(**fields):
    values = {"reminders": True, "weekday": 4, "hour": 15, "time_zone": AMS,
              "paused_until": None, "created_at": _utc(2025, 1, 1)}
    values.update(fields)
    return SimpleNamespace(**values)


def test_a_friday_three_oclock_slot_is_three_oclock_in_winter_and_in_summer():
    winter = latest_slot(4, 15, AMS, _utc(2026, 1, 16, 20))
    summer = latest_slot(4, 15, AMS, _utc(2026, 7, 17, 20))
    assert winter == _utc(2026, 1, 16, 14)  # UTC+1
    assert summer == _utc(2026, 7, 17, 13)  # UTC+2
    for slot in (winter, summer):
        local = slot.astimezone(ZoneInfo(AMS))
        assert (local.weekday(), local.hour) == (4, 15)


def test_the_week_of_the_spring_change_keeps_her_hour():
    # Summer time starts on Sunday 29 March 2026; her Monday 9:00 moves an hour in UTC.
    before = next_slot(0, 9, AMS, _utc(2026, 3, 20))
    after = next_slot(0, 9, AMS, before)
    assert before == _utc(2026, 3, 23, 8)
    assert after == _utc(2026, 3, 30, 7)
    assert after - before == timedelta(days=7) - timedelta(hours=1)


def test_an_hour_that_does_not_exist_in_spring_falls_on_the_next_real_hour():
    # 02:00 on 29 March 2026 does not exist in Amsterdam: the clock jumps to 03:00.
    slot = latest_slot(6, 2, AMS, _utc(2026, 3, 29, 12))
    assert slot == _utc(2026, 3, 29, 1)
    assert slot.astimezone(ZoneInfo(AMS)).hour == 3


def test_an_hour_that_happens_twice_in_autumn_is_one_slot():
    # 02:00 happens twice on Sunday 25 October 2026.
    first = latest_slot(6, 2, AMS, _utc(2026, 10, 25, 0, 30))   # 02:30 summer time
    second = latest_slot(6, 2, AMS, _utc(2026, 10, 25, 1, 30))  # 02:30 winter time
    assert first == second == _utc(2026, 10, 25, 0)


def test_a_missed_week_gives_one_reminder_at_most():
    rhythm = _rhythm()
    # The worker was down for three weeks and comes back on a Friday at 16:00.
    now = _utc(2026, 2, 13, 15)
    assert due_slot(rhythm, now) == _utc(2026, 2, 13, 14)
    # Back on a Tuesday: last Friday's slot is too old, the missed ones are not made up.
    assert due_slot(rhythm, _utc(2026, 2, 17, 9)) is None


def test_a_reminder_is_due_only_within_the_grace_period():
    rhythm = _rhythm()
    slot = _utc(2026, 2, 13, 14)
    assert due_slot(rhythm, slot) == slot
    assert due_slot(rhythm, slot + GRACE) == slot
    assert due_slot(rhythm, slot + GRACE + timedelta(minutes=1)) is None
    assert due_slot(rhythm, slot - timedelta(minutes=1)) is None


def test_no_reminder_during_a_pause_and_again_after_it():
    rhythm = _rhythm(paused_until=date(2026, 2, 20))
    assert due_slot(rhythm, _utc(2026, 2, 20, 15)) is None
    assert due_slot(rhythm, _utc(2026, 2, 27, 15)) == _utc(2026, 2, 27, 14)


def test_no_reminder_when_she_turned_them_off_or_for_a_slot_before_she_began():
    assert due_slot(_rhythm(reminders=False), _utc(2026, 2, 13, 15)) is None
    assert due_slot(_rhythm(created_at=_utc(2026, 2, 13, 14, 30)), _utc(2026, 2, 13, 15)) is None


def test_the_task_runs_every_quarter_of_an_hour():
    assert next_run(_utc(2026, 2, 13, 14, 7)) == _utc(2026, 2, 13, 14, 15)
    assert next_run(_utc(2026, 2, 13, 14, 15)) == _utc(2026, 2, 13, 14, 30)
