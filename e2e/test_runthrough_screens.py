"""Every block's screen view, full of content, fits a projector without scrolling: at
1920 × 1080 and at 1280 × 720 (issue 15). On the opinion map's screen the map is the main
thing. The sessions come from e2e/rich_sessions.py, in an organisation of their own."""

import json
import subprocess
import sys

import pytest

from e2e.conftest import ROOT, login, screenshot

BLOCK_KINDS = ["info", "cards", "group", "dotvote", "agree", "scale", "choice", "stop",
               "visionintro", "opinionmap", "drafting", "adoption", "dkn_welcome",
               "dkn_situations", "decide", "dkn_receipts", "story_write", "story_craft",
               "story_show", "story_publish"]
SIZES = [(1920, 1080), (1280, 720)]


@pytest.fixture(scope="module")
def rich(server):
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from e2e.rich_sessions import build; build()"],
        cwd=ROOT, env=server.env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    data = json.loads(done.stdout.strip().splitlines()[-1])
    phases = {}
    for session in data["sessions"]:
        for pk, kind in session["phases"]:
            phases.setdefault(kind, (session["pk"], pk, session["format"]))
    yield data["org"], phases
    forgot = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from e2e.rich_sessions import forget; forget()"],
        cwd=ROOT, env=server.env, capture_output=True, text=True)
    if forgot.returncode:
        raise RuntimeError(forgot.stderr[-3000:])


@pytest.fixture(scope="module")
def facilitator(browser, server):
    context = browser.new_context(base_url=server.url, locale="nl-NL",
                                  viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    login(page, "begeleider@bedoeling.test")
    yield page
    context.close()


def _post(page, url, **form):
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(url, form=form, headers={"X-CSRFToken": token})
    assert response.ok, (url, form, response.status)


def show(page, org, session, phase):
    """Put a phase on the screen with its results revealed, as the facilitator would."""
    url = f"/o/{org}/sessies/{session}/actie/"
    _post(page, url, action="activate", phase=str(phase))
    _post(page, url, action="reveal", phase=str(phase))


def fits(page, label):
    size = page.evaluate("""() => ({w: innerWidth, h: innerHeight,
        sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight})""")
    assert size["sw"] <= size["w"] and size["sh"] <= size["h"], (
        f"{label} scrolls: page {size['sw']}×{size['sh']} in a {size['w']}×{size['h']} screen")


@pytest.mark.parametrize("kind", BLOCK_KINDS)
def test_every_screen_view_fits_a_projector_without_scrolling(rich, facilitator, kind):
    org, phases = rich
    assert kind in phases, f"no session in e2e/rich_sessions.py has a {kind} phase"
    session, phase, _format = phases[kind]
    show(facilitator, org, session, phase)
    page = facilitator
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"/o/{org}/sessies/{session}/scherm/")
        page.wait_for_load_state("networkidle")
        screenshot(page, f"screen-{kind}-{width}x{height}")
        fits(page, f"the {kind} screen at {width}×{height}")


def test_the_opinion_map_is_the_main_thing_on_its_screen(rich, facilitator):
    org, phases = rich
    session, phase, _format = phases["opinionmap"]
    show(facilitator, org, session, phase)
    page = facilitator
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"/o/{org}/sessies/{session}/scherm/")
        chart = page.locator(".screen svg.chart-opinion, .screen .chart-opinion").first
        # The map arrives with the screen's first snapshot, not with the page itself.
        # A snapshot may replace it between finding and measuring it (several workers
        # send one each): measure the one that is there.
        box = None
        for _ in range(50):
            chart.wait_for(state="visible")
            box = chart.bounding_box()
            if box is not None:
                break
            page.wait_for_timeout(100)
        # The map takes most of the screen's height, not a corner of it.
        assert box["height"] >= 0.5 * height and box["width"] >= 0.35 * width, (width, box)
        assert box["y"] + box["height"] <= height
        fits(page, f"the opinion map at {width}×{height}")
