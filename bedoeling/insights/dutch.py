"""Dutch text normalisation for the analysis helpers.

Everything here is deterministic and has no Django dependency: the same text always gives
the same tokens and stems, which is what makes themes and similarity reproducible.

Stems are an internal detail. People should never see ``formulier`` or ``leerl`` on a
screen, so :class:`Analyzer` remembers which surface words produced each stem and shows a
stem as the word that was written most often.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

# Written for this project rather than copied: function words, the common forms of the
# auxiliary and modal verbs, and the filler that people use in spoken-style stories
# ('gewoon', 'echt', 'heel'). Content words that happen to be frequent in this domain
# ('regel', 'klant', 'formulier') are deliberately *not* here: they are what themes are
# made of. Matching ignores accents, so 'één' and 'dáár' are caught by 'een' and 'daar'.
_STOP_WORDS_TEXT = """
aan aangezien achter af al alle allebei alleen allemaal alles als alsnog alsof altijd
alweer ander andere anderen anders behalve beetje beide beiden ben bent best bij bijna
bijvoorbeeld binnen boven buiten daar daarbij daardoor daarin daarna daarmee daarnaast
daarom daarop daarover daarvan daarvoor dan dat de deed deden den der des deze dezelfde
die dit doch doe doen doet door doordat dus echt echter een eens eerder eerst eigenlijk
elk elke en enig enige enkel enkele enzovoort er ergens erg ermee ervan etc even evenveel
ga gaan gaat gedaan gegaan gehad geheel geen gekomen genoeg geweest geworden gewoon
gewoonweg gezegd ging gingen had hadden haar hare hartstikke heb hebben hebt heeft heel
hele helemaal hem hen het heus hier hierbij hierdoor hierin hiervoor hij hoe hoeveel hoewel
hoor hun iedere ieder iedereen iemand iets ik immers in inderdaad indien is ja je jezelf
jij joh jou jouw jouwe jullie kan keer kom komen komt kon konden kreeg kregen krijg krijgen
krijgt kun kunnen kunt kwam kwamen laat laten later liet lieten maar mag me meer meest
meeste meestal men met mezelf mij mijn mijne minder misschien mits mocht mochten moest
moesten moet moeten mogen na naar naast namelijk natuurlijk nee neer net niemand niet niets
niks noch nog nogal nooit nou nu of ofschoon ofwel oke okay om omdat onder ondanks ongeveer
ons onszelf onze ook op over overal pas per precies redelijk reeds rond sinds slechts
soms sommige sommigen sowieso staan staat steeds straks super te tegen telkens tenzij
terwijl tijdens toch toen tot totdat trouwens tussen uit uiteindelijk uw vaak van
vanaf vandaan vanuit veel vele verder via vooral voor voorbij voordat vrij waar waarbij
waardoor waarin waarom waarop waarvan wanneer want waren was wat we weer weinig wel welk
welke werd werden wie wiens wier wij wil wilde wilden willen wilt word worden wordt wou zal
zat zeer zeg zeggen zegt zei zeiden zeker zelf zelfs zich zichzelf zie zien ziet zij zijn
zit zitten zo zoals zodat zodra zonder zou zouden zoveel zowel zulk zulke zullen zult
eentje ding dingen heus manier soort stuk zoiets
twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig veertig vijftig honderd
"""
# Numbers written out are stop words as digits are (``_WORD_RE``): "twee weken" and
# "2 weken" say the same, and a count says nothing about what a text is about.

STOP_WORDS: frozenset[str] = frozenset(_STOP_WORDS_TEXT.split())

# Letters only: digits, underscores and punctuation separate words, so "auto's" gives
# "auto" and "e-mailadres" gives "mailadres". Three letters or more, as agreed for themes.
_WORD_RE = re.compile(r"[^\W\d_]{3,}")


def fold_accents(word: str) -> str:
    """'één' → 'een', 'cliënt' → 'client'; used to compare, never to display."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    # NFC first: text pasted from some editors arrives decomposed ('e' + combining acute),
    # and the combining mark would otherwise split 'ééntje' into pieces.
    return _WORD_RE.findall(unicodedata.normalize("NFC", text).lower())


def tokenize(text: str) -> list[str]:
    """Lowercased words of at least three letters, accents kept, punctuation dropped."""
    return _words(text)


def is_stop_word(word: str, stop_words: frozenset[str] = STOP_WORDS) -> bool:
    return word in stop_words or fold_accents(word) in stop_words


def content_words(text: str, stop_words: frozenset[str] = STOP_WORDS) -> list[str]:
    """Tokens without stop words: the words that can carry a theme."""
    return [w for w in _words(text) if not is_stop_word(w, stop_words)]


def _make_stemmer():
    # Snowball 3 renamed the classic Dutch algorithm to 'dutch_porter' and gave 'dutch' a
    # new one that strips the 'ge-' prefix. That merges words this domain cares about
    # (gemeente, mening and menen all become 'meen'; gezin becomes 'zin'), which would make
    # themes both wrong and hard to explain, so the classic algorithm is preferred.
    # With PyStemmer installed, snowballstemmer hands out its C stemmers (several times
    # faster, same algorithms), so the same check applies to both.
    if "dutch_porter" in snowballstemmer.algorithms():
        return snowballstemmer.stemmer("dutch_porter")
    return snowballstemmer.stemmer("dutch")  # before Snowball 3 this was the classic one


_STEMMER = _make_stemmer()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of one lowercased word."""
    return _STEMMER.stemWord(word)


_UNSEEN = object()


class Analyzer:
    """Text → stems, remembering how each stem was written.

    Call it on every text of a corpus; afterwards :meth:`surface` turns a stem back into
    the surface word that occurred most often for it (ties: alphabetical), so a theme reads
    'formulieren, aanvraag' instead of 'formulier, aanvrag'.

    One instance per corpus: the surface counts are what the corpus itself says.
    """

    def __init__(self, stop_words: Iterable[str] = STOP_WORDS):
        self.stop_words = frozenset(stop_words)
        self._stem_of: dict[str, str | None] = {}
        self._word_counts: Counter[str] = Counter()
        self._by_stem: dict[str, list[str]] | None = None

    def _stem_or_none(self, word: str) -> str | None:
        if is_stop_word(word, self.stop_words):
            return None
        return stem(word)

    def __call__(self, text: str) -> list[str]:
        words = _words(text)
        self._word_counts.update(words)
        stem_of = self._stem_of
        out = []
        for word in words:
            s = stem_of.get(word, _UNSEEN)
            if s is _UNSEEN:
                s = stem_of[word] = self._stem_or_none(word)
                self._by_stem = None
            if s is not None:
                out.append(s)
        return out

    def _index(self) -> dict[str, list[str]]:
        if self._by_stem is None:
            by_stem: dict[str, list[str]] = {}
            for word, s in self._stem_of.items():
                if s is not None:
                    by_stem.setdefault(s, []).append(word)
            self._by_stem = by_stem
        return self._by_stem

    def surface(self, stem_: str) -> str:
        """The most frequent written form of a stem (the stem itself if never seen)."""
        words = self._index().get(stem_)
        if not words:
            return stem_
        counts = self._word_counts
        return min(words, key=lambda w: (-counts[w], w))

    def surfaces(self, stems: Iterable[str]) -> list[str]:
        return [self.surface(s) for s in stems]

    def forms(self, stem_: str) -> list[str]:
        """All written forms of a stem, most frequent first: 'formulieren, formulier'."""
        counts = self._word_counts
        return sorted(self._index().get(stem_, []), key=lambda w: (-counts[w], w))
