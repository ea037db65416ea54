"""The demo's stories read as stories people told, not as one template filled in again
and again: no two share a long run of words or most of their phrases, and what a teller
says in the signification fits what the story tells."""

import itertools
import re

from bedoeling.stories.demo import SESSION_TOLD
from bedoeling.stories.demo_stories import MUNICIPALITY, SCHOOL

# Seven words in a row is a sentence borrowed, not a shared turn of phrase ("op de fiets
# naar school").
LONGEST_SHARED_RUN = 6
MOST_SHARED_PHRASES = 0.08


def _words(text: str) -> list[str]:
    return re.findall(r"[\wë'’]+", text.lower())


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _texts():
    return ([t.text for t in SCHOOL] + [text for _title, text, _consent in SESSION_TOLD]
            + [t.text for t in MUNICIPALITY])


def test_no_two_demo_stories_share_a_long_run_of_words():
    borrowed = []
    for a, b in itertools.combinations(_texts(), 2):
        run = LONGEST_SHARED_RUN + 1
        shared = _runs(_words(a), run) & _runs(_words(b), run)
        if shared:
            borrowed.append((" ".join(sorted(shared)[0]), a[:50], b[:50]))
    assert not borrowed, borrowed


def test_no_two_demo_stories_are_mostly_the_same_phrases():
    alike = []
    for a, b in itertools.combinations(_texts(), 2):
        x, y = _runs(_words(a), 3), _runs(_words(b), 3)
        similarity = len(x & y) / len(x | y)
        if similarity > MOST_SHARED_PHRASES:
            alike.append((round(similarity, 2), a[:50], b[:50]))
    assert not alike, alike


def test_the_demo_stories_differ_in_length_and_voice():
    for stories in (SCHOOL, MUNICIPALITY):
        lengths = sorted(len(_words(t.text)) for t in stories)
        # A few words to a page: the longest four times the shortest, the middle half spread.
        assert lengths[-1] >= 4 * lengths[0]
        quarter = len(lengths) // 4
        assert lengths[3 * quarter] - lengths[quarter] >= 20, lengths
        roles = {t.role for t in stories}
        assert len(roles) >= 4, roles
        first_person = sum(bool(re.search(r"\b(ik|mijn|we|wij|ons|onze)\b", t.text.lower()))
                           for t in stories)
        assert 0 < len(stories) - first_person < first_person


def test_the_signification_fits_what_the_municipality_stories_tell():
    for told in MUNICIPALITY:
        assert told.blocked, told.text[:60]
        if told.triad is None:
            continue
        rules, targets, purpose = told.triad
        strongest = max(told.triad)
        if "niets" in told.blocked:
            # "Nothing was in the way" is an answer on its own, from a story the purpose led.
            assert told.blocked == ("niets",) and purpose == strongest, told.text[:60]
        elif rules == strongest:
            assert {"regel", "systeem"} & set(told.blocked), told.text[:60]
        elif targets == strongest:
            assert "target" in told.blocked, told.text[:60]


def test_a_story_the_purpose_led_ends_better_than_one_the_rules_or_targets_led():
    for stories in (SCHOOL, MUNICIPALITY):
        led = {0: [], 1: [], 2: []}
        for told in stories:
            if told.triad and told.outcome is not None:
                led[told.triad.index(max(told.triad))].append(told.outcome)
        mean = {corner: sum(v) / len(v) for corner, v in led.items()}
        assert mean[2] > mean[0] + 3 and mean[2] > mean[1] + 3, mean
