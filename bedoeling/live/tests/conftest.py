import pytest

from bedoeling.live import services


@pytest.fixture
def live(cast):
    """An open session of the generic format with two phones, on its cards phase."""
    session = services.session_create(cast.org, cast.facilitator, title="Studiedag",
                                      format_key="open")
    services.session_open(session, cast.facilitator)
    phases = list(session.phases.all())
    services.phase_activate(session, phases[1])
    session.refresh_from_db()
    anna, anna_token = services.participant_join(session)
    bram, bram_token = services.participant_join(session)
    return type("Live", (), {"session": session, "phases": phases, "anna": anna,
                             "bram": bram, "anna_token": anna_token,
                             "bram_token": bram_token, "cards": phases[1],
                             "group": phases[2], "dots": phases[3]})
