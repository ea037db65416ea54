"""The smallest complete example in docs/live.md is real: it registers, stays under 40
lines, and keeps the engine's contract."""

import re
from pathlib import Path

import pytest

from bedoeling.live import services
from bedoeling.live.registry import FORMATS
from bedoeling.live.tests.test_contract import run_contract

DOC = Path(__file__).resolve().parents[3] / "docs" / "live.md"


def _example() -> str:
    section = DOC.read_text().split("### The smallest complete example", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_example_format_in_the_docs_is_under_forty_lines():
    assert len(_example().strip().splitlines()) < 40


@pytest.mark.django_db
def test_the_example_format_in_the_docs_registers_and_keeps_the_contract(cast, client_for):
    namespace = {}
    exec(compile(_example(), str(DOC), "exec"), namespace)  # noqa: S102 - our own docs
    try:
        fmt = namespace["CASE_ROUND"]
        assert FORMATS[fmt.key] is fmt
        session = services.session_create(cast.org, cast.facilitator, title="Casus",
                                          format_key=fmt.key)
        assert session.phases.get(position=2).config["hidden_from_roles"] == ["owner"]
        run_contract(session, client_for(cast.facilitator))
    finally:
        FORMATS.pop("case_round", None)
