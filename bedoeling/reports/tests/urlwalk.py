"""What the URL walk needs from this app: every report belongs to one organisation, so
none is public; the session argument comes from live's walk registration."""

from bedoeling.reports.models import Report

PUBLIC: set = set()


def _report(org, cast):
    return Report.objects.create(organisation=org, reader=cast.lead, kind=Report.Kind.PERIOD,
                                 language="nl", filename="walk.pdf").pk


ARGUMENTS = {"report": _report}
