"""A block owns its settings: one form, used by the hand-built phase editor and checked
against every registered format."""

import pytest
from django.contrib.messages import get_messages

from bedoeling.live.models import Phase
from bedoeling.live.registry import BLOCKS, FORMATS, format_problems


def _add(client, session, **data):
    return client.post(f"/o/{session.organisation.slug}/sessies/{session.pk}/fasen/", data)


@pytest.mark.django_db
def test_a_hand_built_phase_takes_its_settings_from_its_blocks_own_form(live, cast, client_for):
    facilitator = client_for(cast.facilitator)
    _add(facilitator, live.session, kind="choice", title="Wat nemen we mee?",
         **{"choice-options": "Schrappen\nUitleggen\n", "choice-multiple": "on",
            "scale-labels": "niet van deze fase"})
    phase = Phase.objects.get(title="Wat nemen we mee?")
    assert phase.config == {"options": ["Schrappen", "Uitleggen"], "multiple": True}


@pytest.mark.django_db
def test_a_setting_the_blocks_form_refuses_stores_no_phase_and_says_why(live, cast, client_for):
    facilitator = client_for(cast.facilitator)
    before = Phase.objects.count()
    response = _add(facilitator, live.session, kind="stop", title="Scène",
                    **{"stop-threshold": "0"})
    assert Phase.objects.count() == before
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Drempel stopsignaal" in text
    response = _add(facilitator, live.session, kind="choice", title="Eén optie",
                    **{"choice-options": "Alleen deze"})
    assert Phase.objects.count() == before
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "minstens twee mogelijkheden" in text


@pytest.mark.django_db
def test_a_scale_whose_highest_value_is_not_above_its_lowest_is_refused(live, cast, client_for):
    before = Phase.objects.count()
    _add(client_for(cast.facilitator), live.session, kind="scale", title="Schaal",
         **{"scale-min": "5", "scale-max": "3"})
    assert Phase.objects.count() == before


@pytest.mark.django_db
def test_the_phase_editor_shows_each_blocks_settings_under_its_name(live, cast, client_for):
    body = client_for(cast.facilitator).get(
        f"/o/{cast.org.slug}/sessies/{live.session.pk}/").content.decode()
    for kind, block in BLOCKS.items():
        if block.settings_form is not None:
            assert f'data-kind="{kind}"' in body
            for field in block.settings_form.base_fields:
                assert f'name="{kind}-{field}"' in body


def test_every_registered_format_passes_its_blocks_settings_forms():
    problems = [p for fmt in FORMATS.values() for p in format_problems(fmt)]
    assert problems == []


def test_live_names_no_block_kind_outside_its_own_blocks():
    """The editor and the engine ask a block (needs_source, its settings form); they do
    not test for kinds by name."""
    from pathlib import Path

    live = Path(__file__).resolve().parents[1]
    kinds = [k for k in BLOCKS if k not in ("info",)]
    for name in ("forms.py", "views.py", "render.py", "registry.py"):
        text = (live / name).read_text()
        named = [k for k in kinds if f'"{k}"' in text]
        assert named == [], f"{name} names {named}"
    domain_kinds = [k for k, b in BLOCKS.items() if not type(b).__module__.startswith(
        "bedoeling.live")]
    assert domain_kinds
    for path in live.rglob("*.py"):
        if "tests" not in path.parts:
            text = path.read_text()
            assert [k for k in domain_kinds if f'"{k}"' in text] == [], path
