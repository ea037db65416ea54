"""The .ics invitation of a planned sparsessie (RFC 5545), in the instance's time zone.

METHOD:PUBLISH: an event to put in one's calendar, not a meeting whose replies would go
to a no-reply address. A new moment keeps the UID and raises SEQUENCE, so the calendar
replaces the earlier one."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from bedoeling.intake.models import SparringRequest


def uid(sparring: SparringRequest) -> str:
    return f"sparsessie-{sparring.pk}-{int(sparring.created_at.timestamp())}@bedoeling"


def sparring_invitation(sparring: SparringRequest, note: str = "") -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    start = sparring.planned_start.astimezone(zone)
    with translation.override(sparring.language):
        summary = _("Sparsessie over %(org)s") % {"org": sparring.organisation_name}
        lines = [_("Een eerste gesprek over wat er speelt bij %(org)s.")
                 % {"org": sparring.organisation_name}]
        if sparring.handled_by is not None:
            lines.append(_("Met %(name)s.") % {"name": sparring.handled_by.display_name})
        if note:
            lines.append(note)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Bedoeling//Sparsessie//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid(sparring))
    event.add("dtstamp", datetime.now(UTC))
    event.add("sequence", sparring.planned_sequence)
    event.add("dtstart", start)
    event.add("dtend", sparring.planned_end.astimezone(zone))
    event.add("summary", summary)
    event.add("description", "\n\n".join(lines))
    if sparring.planned_place:
        event.add("location", sparring.planned_place)
    calendar.add_component(event)
    # The time zone's rules for the years around the moment, not since 1970.
    calendar.add_missing_timezones(first_date=(start - timedelta(days=366)).date(),
                                   last_date=(start + timedelta(days=366)).date())
    return calendar.to_ical()


def filename(sparring: SparringRequest) -> str:
    return f"sparsessie-{sparring.pk}.ics"
