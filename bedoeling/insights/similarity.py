"""Which short cards belong together, and why.

Used while a live session runs: participants write 20–500 cards and the facilitator gets
*suggestions* for clusters. People decide; the suggestion only has to be quick, the same
every time it is asked for, and say why ('deze kaarten delen: formulier, aanvraag').

Method: TF-IDF on stemmed words (see :mod:`bedoeling.insights.dutch`), cosine similarity,
then average-linkage hierarchical clustering cut at ``1 - threshold``: two groups merge only
while the *average* similarity between their cards stays at or above ``threshold``. Average
linkage (rather than single linkage) keeps one card that shares a word with two unrelated
groups from chaining them together. Words that a group shares are what the explanation
shows, in their most frequent written form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from .dutch import STOP_WORDS, Analyzer

# Similarities are rounded before they are compared, so float noise in the last bits can
# never change which pair merges first (ties are then broken by card order).
_DECIMALS = 9


@dataclass(frozen=True)
class CardGroup:
    """Suggested cluster: card indices (ascending), shared words, mean pairwise similarity."""

    members: tuple[int, ...]
    shared: tuple[str, ...]
    cohesion: float

    @property
    def explanation(self) -> str:
        if not self.shared:
            return "deze kaarten lijken op elkaar"
        return "deze kaarten delen: " + ", ".join(self.shared)


@dataclass(frozen=True)
class SimilarCard:
    """A card like the one asked about: its index, cosine similarity (0..1), shared words."""

    index: int
    score: float
    shared: tuple[str, ...]


def _identity(tokens):
    return tokens


class CardSimilarity:
    """TF-IDF over one set of cards; ask it for neighbours and groups as often as needed."""

    def __init__(self, texts: Sequence[str], stop_words: Iterable[str] = STOP_WORDS):
        self.n = len(texts)
        analyzer = Analyzer(stop_words)
        docs = [analyzer(text) for text in texts]
        self._empty = not any(docs)
        if self._empty:
            self.words: list[str] = []
            self.matrix = None
            self.similarity = np.zeros((self.n, self.n))
            return
        # Cards are a few words long: every word counts (no min_df), and a word on many
        # cards is only damped by IDF, not dropped, because in a small session it may be
        # exactly what half the room is talking about.
        vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float64)
        self.matrix = vectorizer.fit_transform(docs).tocsr()
        self.words = analyzer.surfaces(vectorizer.get_feature_names_out())
        similarity = (self.matrix @ self.matrix.T).toarray()
        np.fill_diagonal(similarity, 1.0)
        self.similarity = np.clip(np.round(similarity, _DECIMALS), 0.0, 1.0)
        self._has_words = self.matrix.getnnz(axis=1) > 0

    def _shared(self, members: Sequence[int], limit: int) -> tuple[str, ...]:
        """Words on every card of the group, by weight.

        The explanation reads "deze kaarten delen: …", so it must be true of every card it
        names: a word that two cards out of three share is not named."""
        sub = self.matrix[list(members)]
        on_cards = np.asarray((sub > 0).sum(axis=0)).ravel()
        weight = np.asarray(sub.sum(axis=0)).ravel()
        candidates = np.flatnonzero(on_cards >= len(members))
        ranked = sorted(candidates, key=lambda j: (-round(weight[j], 9), j))
        return tuple(self.words[j] for j in ranked[:limit])

    def similar_to(self, index: int, top: int = 5, min_score: float = 0.0) -> list[SimilarCard]:
        """Up to ``top`` cards most similar to card ``index`` (score > ``min_score``)."""
        if not -self.n <= index < self.n:
            raise IndexError(f"kaart {index} bestaat niet (er zijn {self.n} kaarten)")
        index %= self.n
        if self._empty or not self._has_words[index]:
            return []
        scores = self.similarity[index].copy()
        scores[index] = -1.0
        order = np.lexsort((np.arange(self.n), -scores))
        result = []
        for j in order[:top]:
            if scores[j] <= max(min_score, 0.0):
                break
            result.append(SimilarCard(int(j), float(scores[j]), self._shared([index, j], 3)))
        return result

    def suggest_groups(
        self, threshold: float = 0.3, min_size: int = 2, max_shared: int = 3
    ) -> list[CardGroup]:
        """Suggested clusters, largest first; cards that fit nowhere are left out."""
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold moet groter dan 0 en hoogstens 1 zijn")
        if self._empty:
            return []
        idx = np.flatnonzero(self._has_words)
        if len(idx) < 2:
            return []
        distance = 1.0 - self.similarity[np.ix_(idx, idx)]
        np.fill_diagonal(distance, 0.0)
        tree = linkage(squareform(distance, checks=False), method="average")
        # fcluster cuts at distance <= t; the tiny margin lets threshold itself qualify.
        labels = fcluster(tree, t=1.0 - threshold + 1e-12, criterion="distance")
        groups = []
        for label in np.unique(labels):
            members = tuple(int(i) for i in idx[labels == label])
            if len(members) < max(min_size, 2):
                continue
            pair = self.similarity[np.ix_(members, members)]
            cohesion = (pair.sum() - len(members)) / (len(members) * (len(members) - 1))
            groups.append(
                CardGroup(members, self._shared(members, max_shared), round(float(cohesion), 6))
            )
        groups.sort(key=lambda g: (-len(g.members), g.members[0]))
        return groups

    def ungrouped(self, groups: Iterable[CardGroup]) -> list[int]:
        grouped = {i for g in groups for i in g.members}
        return [i for i in range(self.n) if i not in grouped]


def suggest_groups(
    texts: Sequence[str],
    threshold: float = 0.3,
    min_size: int = 2,
    max_shared: int = 3,
    stop_words: Iterable[str] = STOP_WORDS,
) -> list[CardGroup]:
    """Suggested clusters of card indices with the words that explain them.

    ``threshold`` is the least average cosine similarity between the cards of a group:
    higher gives fewer, tighter groups. Deterministic for the same cards in the same order.
    """
    return CardSimilarity(texts, stop_words).suggest_groups(threshold, min_size, max_shared)


def similar_to(
    texts: Sequence[str],
    index: int,
    top: int = 5,
    min_score: float = 0.0,
    stop_words: Iterable[str] = STOP_WORDS,
) -> list[SimilarCard]:
    """The cards most like ``texts[index]``, most similar first (ties: lower index)."""
    return CardSimilarity(texts, stop_words).similar_to(index, top, min_score)
