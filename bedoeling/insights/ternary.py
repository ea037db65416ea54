"""Triad geometry: three weights that sum to 1 and the point they make in a triangle.

A storyteller places a story in a triad (e.g. what steered the action: *Bedoeling /
regels & procedures / targets & KPI's*); the story is stored as weights (a, b, c). Here
those weights become points in an equilateral triangle with side 1, and back:

* corner A = (0, 0) bottom left, B = (1, 0) bottom right, C = (½, √3/2) at the top;
* a point is ``a·A + b·B + c·C`` (barycentric coordinates), so being close to a corner
  means a large weight for that corner. y grows upwards; the SVG code flips it.

Validation rules, for every function that takes weights:

1. Each weight must be a finite number.
2. A weight may be slightly negative, down to ``-TOLERANCE`` (float noise from
   ``1 - a - b``); it is then read as 0. Anything more negative is outside the triangle.
3. The weights must add up to 1 within ``TOLERANCE`` (1e-6). They are then divided by
   their sum, so what comes back sums to 1 as exactly as floats allow.

There is deliberately no silent rescaling: weights that sum to 100 are a bug upstream (the
percentages were never converted), and the error says so. Use :func:`normalise` to turn raw
non-negative values, such as percentages or slider positions, into weights on purpose.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

TOLERANCE = 1e-6
HEIGHT = math.sqrt(3) / 2
CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, HEIGHT]])

_NAMES = "abc"

Weights = tuple[float, float, float]


def _as_array(weights) -> tuple[np.ndarray, bool]:
    try:
        arr = np.asarray(weights, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("gewichten moeten getallen zijn") from None
    single = arr.ndim == 1
    if single:
        arr = arr[np.newaxis, :]
    if arr.ndim != 2 or arr.shape[1] != 3:
        raise ValueError(f"verwacht drie gewichten per punt (a, b, c), kreeg vorm {arr.shape}")
    return arr, single


def validate(weights) -> np.ndarray:
    """Check weights against the rules above; returns them as floats summing to 1.

    Accepts one triple (returns shape (3,)) or many (returns shape (n, 3)).
    Raises ValueError naming the first offending point.
    """
    arr, single = _as_array(weights)
    if arr.size:
        bad = ~np.isfinite(arr).all(axis=1)
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(f"punt {i}: gewichten {arr[i].tolist()} zijn geen eindige getallen")
        negative = arr < -TOLERANCE
        if negative.any():
            i, j = (int(x) for x in np.argwhere(negative)[0])
            raise ValueError(
                f"punt {i} ligt buiten de driehoek: gewicht {_NAMES[j]} = {arr[i, j]:g} "
                "is negatief"
            )
        arr = np.where(arr < 0, 0.0, arr)
        sums = arr.sum(axis=1)
        off = np.abs(sums - 1.0) > TOLERANCE
        if off.any():
            i = int(np.argmax(off))
            hint = " (percentages? gebruik normalise())" if abs(sums[i] - 100) < 1e-3 else ""
            raise ValueError(
                f"punt {i}: gewichten tellen op tot {sums[i]:g}, niet tot 1{hint}"
            )
        arr = arr / sums[:, np.newaxis]
    return arr[0] if single else arr


def normalise(values) -> np.ndarray:
    """Raw non-negative values (percentages, slider positions) → weights summing to 1."""
    arr, single = _as_array(values)
    if arr.size:
        if not np.isfinite(arr).all():
            raise ValueError("waarden moeten eindige getallen zijn")
        if (arr < 0).any():
            raise ValueError("waarden mogen niet negatief zijn")
        sums = arr.sum(axis=1)
        if (sums <= 0).any():
            i = int(np.argmax(sums <= 0))
            raise ValueError(f"punt {i}: alle waarden zijn 0, er valt niets te verdelen")
        arr = arr / sums[:, np.newaxis]
    return arr[0] if single else arr


def to_xy(weights) -> np.ndarray:
    """Weights → point(s) in the unit triangle: shape (2,) for one triple, (n, 2) for many."""
    arr = validate(weights)
    return arr @ CORNERS


def from_xy(points) -> np.ndarray:
    """Point(s) in the triangle → weights; a point outside raises ValueError."""
    arr = np.asarray(points, dtype=np.float64)
    single = arr.ndim == 1
    if single:
        arr = arr[np.newaxis, :]
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(f"verwacht punten (x, y), kreeg vorm {arr.shape}")
    c = arr[:, 1] / HEIGHT
    b = arr[:, 0] - 0.5 * c
    a = 1.0 - b - c
    weights = np.column_stack([a, b, c])
    try:
        result = validate(weights)
    except ValueError as exc:
        raise ValueError(f"punt ligt buiten de driehoek: {exc}") from None
    return result[0] if single else result


def centre_of_mass(weights, sample_weight: Sequence[float] | None = None) -> np.ndarray:
    """Mean weights of a set of points: its centre of mass, itself a point in the triangle.

    Averaging barycentric weights is the same as averaging the points, so the result can
    be shown as weights ('gemiddeld 52 % Bedoeling') and drawn as a point.
    """
    arr = validate(weights)
    if arr.ndim == 1:
        arr = arr[np.newaxis, :]
    if len(arr) == 0:
        raise ValueError("geen punten: een lege verzameling heeft geen zwaartepunt")
    if sample_weight is None:
        return arr.mean(axis=0)
    w = np.asarray(sample_weight, dtype=np.float64)
    if w.shape != (len(arr),) or (w < 0).any() or w.sum() <= 0:
        raise ValueError("sample_weight: één niet-negatief gewicht per punt, niet allemaal 0")
    return (w[:, np.newaxis] * arr).sum(axis=0) / w.sum()


@dataclass(frozen=True)
class Shift:
    """How the centre of mass moved from one set of points to another.

    ``delta`` is after − before per corner (sums to 0); ``distance`` is how far the centre
    moved in the triangle, as a fraction of the side; ``towards`` is the index of the
    corner that gained most (None when nothing moved).
    """

    before: Weights
    after: Weights
    delta: Weights
    distance: float
    towards: int | None


def shift(before, after) -> Shift:
    """Compare two sets ('these stories, then those'): their centres and the move between."""
    a = centre_of_mass(before)
    b = centre_of_mass(after)
    delta = b - a
    distance = float(np.linalg.norm(b @ CORNERS - a @ CORNERS))
    towards = int(np.argmax(delta)) if distance > TOLERANCE else None
    return Shift(
        before=tuple(float(x) for x in a),
        after=tuple(float(x) for x in b),
        delta=tuple(float(x) for x in delta),
        distance=distance,
        towards=towards,
    )


@dataclass(frozen=True)
class Cell:
    """One small triangle of the density grid: its three corners as weights, and a count.

    ``ijk`` is the lower-left grid index of the cell (i + j + k = resolution − 1 for a
    cell pointing up, resolution − 2 for one pointing down).
    """

    ijk: tuple[int, int, int]
    up: bool
    corners: tuple[Weights, Weights, Weights]
    count: int


@dataclass(frozen=True)
class DensityGrid:
    resolution: int
    cells: tuple[Cell, ...]
    total: int

    @property
    def max_count(self) -> int:
        return max((cell.count for cell in self.cells), default=0)


def _cell_corners(i: int, j: int, k: int, up: bool, n: int) -> tuple[Weights, ...]:
    if up:
        corners = [(i + 1, j, k), (i, j + 1, k), (i, j, k + 1)]
    else:
        corners = [(i + 1, j + 1, k), (i + 1, j, k + 1), (i, j + 1, k + 1)]
    return tuple(tuple(x / n for x in corner) for corner in corners)


def density(weights, resolution: int = 10) -> DensityGrid:
    """Count points per cell of a triangular grid with ``resolution`` cells along a side.

    The triangle is cut into resolution² small triangles (pointing up and down) by lines
    of constant a, b and c; every point is counted in exactly one cell, and only cells with
    points are returned, in grid order. Vectorised: 100,000 points take milliseconds.
    """
    if resolution < 1:
        raise ValueError("resolution moet minstens 1 zijn")
    arr = validate(weights)
    if arr.ndim == 1:
        arr = arr[np.newaxis, :]
    n = resolution
    # The epsilon keeps 0.3 * 10 = 2.9999999999999996 in cell 3, where a person would put it.
    ijk = np.floor(arr * n + 1e-9).astype(np.int64)
    ijk = np.minimum(ijk, n)
    total = ijk.sum(axis=1)
    # A point exactly on a grid node floors to i + j + k = n; move it into the upward cell
    # that has the node as a corner, by lowering its first non-zero index.
    on_node = np.flatnonzero(total == n)
    if len(on_node):
        ijk[on_node, np.argmax(ijk[on_node] > 0, axis=1)] -= 1
    up = ijk.sum(axis=1) == n - 1
    keys = np.where(up, 0, n * n) + ijk[:, 0] * n + ijk[:, 1]
    counts = np.bincount(keys, minlength=2 * n * n)
    cells = []
    for key in np.flatnonzero(counts):
        is_up = key < n * n
        i, j = divmod(int(key % (n * n)), n)
        k = (n - 1 if is_up else n - 2) - i - j
        cells.append(
            Cell((i, j, k), bool(is_up), _cell_corners(i, j, k, bool(is_up), n), int(counts[key]))
        )
    return DensityGrid(resolution=n, cells=tuple(cells), total=len(arr))


def gridlines(step: float = 0.2) -> list[tuple[Weights, Weights]]:
    """Segments (as pairs of weight triples) of the lines a = t, b = t and c = t, 0 < t < 1."""
    divisions = round(1 / step)
    if divisions < 2 or abs(divisions * step - 1) > 1e-9:
        raise ValueError("step moet 1 gedeeld door een geheel getal ≥ 2 zijn (0.5, 0.25, 0.2…)")
    segments = []
    for corner in range(3):
        for d in range(1, divisions):
            t = d / divisions
            start = [0.0, 0.0, 0.0]
            end = [0.0, 0.0, 0.0]
            start[corner] = end[corner] = t
            start[(corner + 1) % 3] = 1 - t
            end[(corner + 2) % 3] = 1 - t
            segments.append((tuple(start), tuple(end)))
    return segments
