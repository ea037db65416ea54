"""A readable word-level diff between two texts, as (kind, text) runs."""

import difflib
import re

_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                runs.append(("removed", "".join(a[i1:i2])))
            if j2 > j1:
                runs.append(("added", "".join(b[j1:j2])))
    return runs


def has_changes(runs: list[tuple[str, str]]) -> bool:
    return any(kind != "same" and text.strip() for kind, text in runs)
