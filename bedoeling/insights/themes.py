"""Explainable, reproducible themes in Dutch texts (stories, signals, cards).

Method, in the order it runs:

1. Every text becomes a list of stems (:class:`bedoeling.insights.dutch.Analyzer`): lower
   case, stop words out, Snowball stems, the written forms remembered for display.
2. TF-IDF on those stems (sublinear term frequency, rows scaled to length 1, so a long
   story does not weigh more than a short one). Stems in fewer than ``min_df`` texts or in
   more than 70 % of them are dropped: the first are typos and names, the second say
   nothing about what sets one text apart.
3. NMF (non-negative matrix factorisation, ``init='nndsvd'`` and a fixed seed) splits the
   matrix into themes. Non-negative means a theme is literally a weighted list of words,
   and a text a weighted mix of themes: both can be shown as they are.
4. The number of themes, unless given, is the one in ``min_themes..max_themes`` whose
   themes are most *coherent*: the top words of each theme are checked for how often they
   occur together in the same texts (NPMI). Too few themes lump unrelated words together,
   too many split off words that do not really belong to each other; both score lower.
   A number of themes is only eligible when every theme is the dominant one for at least
   ``min_size`` texts (default 5, the same *k* below which the platform shows no
   breakdown) and 2 % of the sample: on few texts, two stories that share a rare word look
   perfectly coherent without being a theme.
5. A text belongs to its strongest theme when that theme carries at least ``min_share`` of
   the text's theme weight; otherwise it is left unassigned rather than forced somewhere.

Large corpora: the vocabulary, the IDF weights and the themes are fitted on a fixed random
sample of ``fit_size`` texts (the number of themes on a smaller sample of ``select_size``),
then every text is placed in those themes. The sample is drawn with ``random_state``, so it
is the same on every run.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

from .dutch import STOP_WORDS, Analyzer

MAX_DF = 0.7
# A theme must be the dominant theme of at least this share of the texts (and of at least
# ``min_size`` texts) for its number of themes to be chosen automatically.
MIN_SIZE_SHARE = 0.02
MAX_FEATURES = 20_000
COHERENCE_TERMS = 10


@dataclass(frozen=True)
class Theme:
    """One theme. ``number`` is its position in :attr:`ThemeResult.themes` (largest first).

    ``terms`` are (surface word, weight) pairs, strongest first; the weight is relative to
    the strongest word of the theme (1.0). ``typical`` are indices of the texts that express
    the theme most strongly, most typical first. ``size`` counts the texts whose dominant
    theme this is.
    """

    number: int
    label: str
    terms: tuple[tuple[str, float], ...]
    typical: tuple[int, ...]
    size: int

    @property
    def words(self) -> list[str]:
        return [word for word, _ in self.terms]


@dataclass(frozen=True)
class ThemeResult:
    """Themes plus, per input text, its dominant theme number (or None) and how dominant.

    ``strength[i]`` is the share (0..1) of text i's theme weight that its strongest theme
    carries; 0.0 for a text with no words the themes know. ``coherence`` maps each number of
    themes that was tried to its score and ``too_small`` lists the numbers that were passed
    over because a theme would hold fewer than ``min_size`` texts, so the choice can be
    shown and checked. ``fitted_on`` is how many texts the themes were fitted on.
    """

    themes: tuple[Theme, ...]
    assignment: tuple[int | None, ...]
    strength: tuple[float, ...]
    coherence: dict[int, float]
    too_small: tuple[int, ...]
    fitted_on: int
    # Kept for :meth:`why`; not part of equality or repr.
    _doc_terms: sparse.csr_matrix | None = field(default=None, compare=False, repr=False)
    _theme_terms: np.ndarray | None = field(default=None, compare=False, repr=False)
    _order: tuple[int, ...] = field(default=(), compare=False, repr=False)
    _words: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def n_themes(self) -> int:
        return len(self.themes)

    def members(self, number: int) -> list[int]:
        """Indices of the texts whose dominant theme is ``number``, in input order."""
        return [i for i, t in enumerate(self.assignment) if t == number]

    def unassigned(self) -> list[int]:
        return [i for i, t in enumerate(self.assignment) if t is None]

    def why(self, index: int, top: int = 5) -> list[str]:
        """The words of text ``index`` that tie it to its theme, strongest first.

        This is the explanation to show next to a story: 'in dit thema vanwege: formulier,
        bijlage'. Empty for an unassigned text.
        """
        number = self.assignment[index]
        if number is None or self._doc_terms is None or self._theme_terms is None:
            return []
        row = self._doc_terms.getrow(index)
        weights = row.data * self._theme_terms[self._order[number], row.indices]
        ranked = sorted(zip(-weights, row.indices, strict=True))
        return [self._words[j] for w, j in ranked[:top] if w < 0]


def _empty(n: int) -> ThemeResult:
    return ThemeResult((), (None,) * n, (0.0,) * n, {}, (), 0)


def _identity(tokens):
    return tokens


def _sample(n: int, size: int, rng: np.random.Generator) -> np.ndarray:
    if n <= size:
        return np.arange(n)
    return np.sort(rng.choice(n, size=size, replace=False))


def _vectorizer(n_docs: int, min_df: int | None) -> TfidfVectorizer:
    if min_df is None:
        # Two texts is the least that makes a shared word; on large samples a word must
        # recur a little more before it can shape a theme.
        min_df = 1 if n_docs < 10 else max(2, n_docs // 2000)
    return TfidfVectorizer(
        analyzer=_identity,
        min_df=min_df,
        max_df=MAX_DF if n_docs >= 10 else 1.0,
        max_features=MAX_FEATURES,
        sublinear_tf=True,
        dtype=np.float64,
    )


def _nmf(k: int, random_state: int) -> NMF:
    return NMF(n_components=k, init="nndsvd", random_state=random_state, max_iter=500)


def _fit(model: NMF, X) -> np.ndarray:
    # Stopping at max_iter still gives the same answer every run; the warning would only
    # be noise in logs.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit_transform(X)


def _assign(W: np.ndarray, min_share: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dominant theme, its share, and whether that share is enough, per document."""
    totals = W.sum(axis=1)
    share = np.divide(W.max(axis=1), totals, out=np.zeros(W.shape[0]), where=totals > 0)
    assigned = (totals > 1e-12) & (share >= min_share - 1e-12)
    return W.argmax(axis=1), share, assigned


def _smallest_theme(W: np.ndarray, min_share: float) -> int:
    dominant, _, assigned = _assign(W, min_share)
    return int(np.bincount(dominant[assigned], minlength=W.shape[1]).min())


def _top(row: np.ndarray, n: int) -> np.ndarray:
    # Stable sort: equal weights keep vocabulary (alphabetical) order, so ties never
    # depend on anything but the input.
    order = np.argsort(-row, kind="stable")[:n]
    return order[row[order] > 0]


def coherence(topics: Iterable[np.ndarray], presence: sparse.csc_matrix) -> float:
    """Mean NPMI of word pairs within each topic, over documents as co-occurrence windows.

    ``presence`` is a binary documents × terms matrix. NPMI is 1 for words that always occur
    together, 0 for independent words and -1 for words that never meet.
    """
    n_docs = presence.shape[0]
    scores = []
    for top in topics:
        if len(top) < 2:
            continue
        sub = presence[:, top]
        together = (sub.T @ sub).toarray() / n_docs
        alone = np.diag(together)
        i, j = np.triu_indices(len(top), k=1)
        p_ij = together[i, j]
        with np.errstate(divide="ignore", invalid="ignore"):
            npmi = np.log(p_ij / (alone[i] * alone[j])) / -np.log(p_ij)
        npmi = np.where(p_ij <= 0, -1.0, npmi)
        npmi = np.where(p_ij >= 1, 1.0, npmi)  # words in every document: -log(1) is 0
        scores.append(float(np.mean(npmi)))
    return float(np.mean(scores)) if scores else -1.0


def find_themes(
    texts: Sequence[str],
    n_themes: int | None = None,
    *,
    min_themes: int = 2,
    max_themes: int = 8,
    top_terms: int = 8,
    top_documents: int = 5,
    min_share: float = 0.5,
    min_size: int = 5,
    min_df: int | None = None,
    fit_size: int = 5000,
    select_size: int = 2000,
    random_state: int = 0,
    stop_words: Iterable[str] = STOP_WORDS,
) -> ThemeResult:
    """Find themes in ``texts``; see the module docstring for the method.

    ``n_themes`` fixes the number of themes; otherwise it is chosen in
    ``min_themes..max_themes`` by coherence. Fewer themes come back when the texts cannot
    carry that many (a handful of texts, a tiny vocabulary). ``min_size`` only constrains
    the automatic choice; a fixed ``n_themes`` may give smaller themes, and hiding those is
    the caller's decision. Same input and arguments → same result.
    """
    if not 0.0 <= min_share <= 1.0:
        raise ValueError("min_share moet tussen 0 en 1 liggen")
    if n_themes is not None and n_themes < 1:
        raise ValueError("n_themes moet minstens 1 zijn")
    if min_themes < 1 or max_themes < min_themes:
        raise ValueError("min_themes moet ≥ 1 zijn en max_themes ≥ min_themes")

    n = len(texts)
    analyzer = Analyzer(stop_words)
    docs = [analyzer(text) for text in texts]
    rng = np.random.default_rng(random_state)
    fit_idx = _sample(n, fit_size, rng)
    fit_docs = [docs[i] for i in fit_idx]
    if sum(1 for d in fit_docs if d) < 2:
        return _empty(n)

    vectorizer = _vectorizer(len(fit_docs), min_df)
    try:
        X_fit = vectorizer.fit_transform(fit_docs)
    except ValueError:  # nothing left after min_df/max_df pruning
        return _empty(n)
    stems = vectorizer.get_feature_names_out()
    words = tuple(analyzer.surfaces(stems))

    # A theme needs at least two texts and two words; the rest is what the data allows.
    limit = min(int((X_fit.getnnz(axis=1) > 0).sum()) // 2, len(stems) // 2)
    if limit < 1:
        return _empty(n)
    if n_themes is not None:
        candidates = [min(n_themes, max(limit, 1))]
    else:
        candidates = list(range(min(min_themes, limit), min(max_themes, limit) + 1))

    scores: dict[int, float] = {}
    too_small: list[int] = []
    model = None
    if len(candidates) == 1:
        k = candidates[0]
    else:
        # Selection on a smaller sample: the ranking of k is stable long before the
        # themes themselves are, and it runs one fit per candidate.
        sel = _sample(X_fit.shape[0], select_size, np.random.default_rng(random_state))
        X_sel = X_fit[sel]
        presence = (X_sel > 0).astype(np.float64).tocsc()
        smallest_allowed = max(min_size, math.ceil(MIN_SIZE_SHARE * X_sel.shape[0]))
        best = None
        for k in candidates:
            candidate = _nmf(k, random_state)
            W_sel = _fit(candidate, X_sel)
            topics = [_top(row, COHERENCE_TERMS) for row in candidate.components_]
            scores[k] = round(coherence(topics, presence), 6)
            # On few texts, two or three that share a rare word look perfectly coherent;
            # a theme must be carried by enough texts to count.
            if _smallest_theme(W_sel, min_share) < smallest_allowed:
                too_small.append(k)
                continue
            if best is None or scores[k] > scores[best]:  # ties: fewer themes
                best, model = k, candidate
        if best is None:
            best, model = candidates[0], None
        k = best
        if X_sel.shape[0] != X_fit.shape[0]:
            model = None  # refit on the full sample

    if model is None:
        model = _nmf(k, random_state)
        _fit(model, X_fit)
    H = model.components_

    X_all = X_fit if len(fit_idx) == n else vectorizer.transform(docs)
    W = model.transform(X_all)

    dominant, share, assigned = _assign(W, min_share)

    # Order themes by size (largest first), then by their words, so numbering is stable.
    sizes = np.bincount(dominant[assigned], minlength=k)
    labels = []
    term_lists = []
    for j in range(k):
        top = _top(H[j], top_terms)
        strongest = H[j, top[0]] if len(top) else 1.0
        term_lists.append(tuple((words[t], round(float(H[j, t] / strongest), 4)) for t in top))
        labels.append(", ".join(words[t] for t in top[:3]))
    order = sorted(range(k), key=lambda j: (-int(sizes[j]), labels[j], j))
    number_of = {j: number for number, j in enumerate(order)}

    themes = []
    for number, j in enumerate(order):
        members = np.flatnonzero(assigned & (dominant == j))
        ranked = members[np.argsort(-W[members, j], kind="stable")][:top_documents]
        themes.append(
            Theme(
                number=number,
                label=labels[j],
                terms=term_lists[j],
                typical=tuple(int(i) for i in ranked),
                size=int(sizes[j]),
            )
        )

    assignment = tuple(
        number_of[int(dominant[i])] if assigned[i] else None for i in range(n)
    )
    return ThemeResult(
        themes=tuple(themes),
        assignment=assignment,
        strength=tuple(round(float(s), 6) for s in share),
        coherence=scores,
        too_small=tuple(too_small),
        fitted_on=len(fit_idx),
        _doc_terms=sparse.csr_matrix(X_all),
        _theme_terms=H,
        _order=tuple(order),
        _words=words,
    )


def describe(result: ThemeResult, per_theme: int = 5) -> str:
    """A plain-text summary, for logs, management commands and the benchmark."""
    lines = []
    for theme in result.themes:
        terms = ", ".join(f"{w} ({wt:.2f})" for w, wt in theme.terms[:per_theme])
        lines.append(f"{theme.number + 1}. {theme.label} — {theme.size} teksten: {terms}")
    missing = sum(1 for a in result.assignment if a is None)
    if missing:
        lines.append(f"Zonder duidelijk thema: {missing}")
    return "\n".join(lines)


__all__ = ["Theme", "ThemeResult", "coherence", "describe", "find_themes"]
