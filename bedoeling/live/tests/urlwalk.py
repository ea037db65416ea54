from bedoeling.live import services

PUBLIC = {"live:join_code", "live:phone_language", "live:phone", "live:phone_stream",
          "live:personal", "live:act"}


def _session(org, cast):
    return services.session_create(org, cast.facilitator, title="Walk", format_key="open")


def _phase(org, cast):
    return _session(org, cast).phases.first().pk


ARGUMENTS = {
    "session": lambda org, cast: _session(org, cast).pk,
    "phase": _phase,
    "view": lambda org, cast: "screen",
    "code": lambda org, cast: _session(org, cast).code,
}
