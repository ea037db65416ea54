from bedoeling.purpose.models import OpinionMapSnapshot
from bedoeling.purpose.services import purpose_version_create
from bedoeling.purpose.session import vision_session_create

PUBLIC: set = set()


def _version(org, cast):
    version = purpose_version_create(org, cast.facilitator, statement="Er zijn voor elk kind.",
                                     reason="Eerste versie")
    return version.number


def _vision(org, cast):
    return vision_session_create(org, cast.facilitator, title="Walk", question="Waarom?").pk


def _snapshot(org, cast):
    session = vision_session_create(org, cast.facilitator, title="Walk", question="Waarom?")
    return OpinionMapSnapshot.objects.create(vision=session.vision, reason="end").pk


ARGUMENTS = {"number": _version, "vision": _vision, "snapshot": _snapshot}
