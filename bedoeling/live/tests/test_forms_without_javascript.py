"""The live views work without JavaScript: every POST form of the control view and the
phone carries the CSRF token when the page is rendered in full (a pushed snapshot has no
request, and live.js gives its forms the token), so a browser without JavaScript posts it
and is not refused with 403."""

import logging

import pytest
from django.test import Client

from bedoeling.live import services
from bedoeling.live.registry import BLOCKS
from bedoeling.live.tests.forms import PostForms, post_forms_without_token, template_sources

# The live views' own templates; every block's template (all its partials: phone,
# personal, control, screen, stage, harvest) joins them, and whatever they include.
VIEWS = ("live/control_snapshot.html", "live/phone.html", "live/phone_phase.html")


def test_every_post_form_in_the_live_views_templates_carries_the_token():
    names = {*VIEWS, *(block.template for block in BLOCKS.values())}
    sources = template_sources(names)
    assert "theatre/_log.html" in sources  # the includes of other apps' blocks are read too
    missing = {name: forms for name, source in sources.items()
               if (forms := post_forms_without_token(source))}
    assert missing == {}


@pytest.fixture
def session(cast):
    session = services.session_create(cast.org, cast.facilitator, title="Zonder JavaScript",
                                      format_key="open")
    services.session_open(session, cast.facilitator)
    services.phase_activate(session, session.phases.first())
    session.refresh_from_db()
    return session


def _form_with_button(html: str, name: str, value: str) -> dict:
    return next(form for form in PostForms(html).forms if (name, value) in form["buttons"])


def test_a_facilitator_without_javascript_goes_to_the_next_phase_from_the_full_control_page(
        session, cast, caplog):
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(cast.facilitator)
    url = f"/o/{cast.org.slug}/sessies/{session.pk}/"
    page = staff.get(url).content.decode()
    assert PostForms(page).without_token() == []
    form = _form_with_button(page, "action", "next")
    first = session.current_phase_id

    without = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        refused = staff.post(form["action"], {**without, "action": "next"})
    assert refused.status_code == 403
    assert "CSRF token missing" in caplog.text
    session.refresh_from_db()
    assert session.current_phase_id == first

    response = staff.post(form["action"], {**form["fields"], "action": "next"})
    assert response.status_code == 302 and response["Location"] == url
    session.refresh_from_db()
    assert session.current_phase_id != first


def test_a_phone_without_javascript_presses_stop_from_the_full_page(session, cast):
    stop = services.phase_add(session, kind="stop", title="Stop")
    services.phase_activate(session, stop)
    phone = Client(enforce_csrf_checks=True)
    join = phone.get(f"/doe-mee/{session.code}/").content.decode()
    joined = phone.post(f"/doe-mee/{session.code}/", PostForms(join).forms[-1]["fields"])
    assert joined.status_code == 302
    page = phone.get(f"/doe-mee/{session.code}/").content.decode()
    assert PostForms(page).without_token() == []
    form = next(form for form in PostForms(page).forms if 'data-stop-form' in form["opening"])
    response = phone.post(form["action"], form["fields"])
    assert response.status_code == 302
    assert stop.stop_presses.count() == 1
