"""Reads for the theatre pages."""

from django.shortcuts import get_object_or_404

from bedoeling.theatre.log import scene_log
from bedoeling.theatre.models import Performance, Scene, Showing, Stop


def performance_or_404(org, pk) -> Performance:
    return get_object_or_404(Performance, organisation=org, pk=pk)


def scene_or_404(performance, pk) -> Scene:
    return get_object_or_404(Scene, performance=performance, pk=pk)


def showing_or_404(performance, pk) -> Showing:
    return get_object_or_404(Showing.objects.select_related("session"),
                             performance=performance, pk=pk)


def stop_or_404(showing, pk) -> Stop:
    return get_object_or_404(Stop.objects.select_related("scene", "phase", "session"),
                             session=showing.session, pk=pk)


def showing_log(showing) -> list[dict]:
    """Per scene played in the showing: its phase and its replay log."""
    return [{"phase": phase, "log": scene_log(phase)}
            for phase in showing.session.phases.filter(kind="regie").order_by("position")]


def scenes_from_case(case):
    """The scenes prefilled from a case: they keep their (edited) copy of its text when
    the case is deleted, so whoever deletes it is told where that copy is."""
    return Scene.objects.filter(case=case).select_related("performance").order_by(
        "performance__title", "position")
