"""What the URL walk needs from this app."""

from bedoeling.theatre import play, services

PUBLIC: set = set()

SCENE = {"title": "De juf", "setting": "Een klas", "characters": "De juf\nLeerling",
         "conflict": "Een leerling vraagt hulp", "at_stake": "Ieder kind gezien"}


def _performance(org, cast):
    return services.performance_create(org, cast.facilitator, title="Walk")


def _scene(org, cast):
    return services.scene_save(_performance(org, cast), cast.facilitator, **SCENE)


def _showing(org, cast):
    performance = _scene(org, cast).performance
    session = services.showing_start(performance, cast.facilitator)
    return performance.showings.get(session=session)


def _stop(org, cast):
    showing = _showing(org, cast)
    return play.start(showing.session.phases.first())


ARGUMENTS = {
    "performance": lambda org, cast: _performance(org, cast).pk,
    "scene": lambda org, cast: _scene(org, cast).pk,
    "showing": lambda org, cast: _showing(org, cast).pk,
    "stop": lambda org, cast: _stop(org, cast).pk,
}
