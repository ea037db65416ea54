"""Server-side SVG charts, returned as strings.

The same markup goes into a web page, an htmx swap and a PDF, and reads without
JavaScript. Rules every chart follows:

* **Safe under the strict CSP and against injection.** All text and every attribute value
  that comes from outside passes through :func:`html.escape`; links must be relative or
  http(s). No ``style`` attributes, no ``<style>`` or ``<script>`` elements: colours and
  sizes are presentation attributes (``fill``, ``stroke``, ``font-size``), and stable CSS
  classes (``chart``, ``dot``, ``bar`` …) let the site stylesheet adjust them.
* **Accessible.** ``role="img"`` with ``aria-labelledby`` pointing at a ``<title>`` and a
  ``<desc>`` (a sentence summarising the data); ids are made unique with the ``prefix``
  argument. Text is near-black or dark grey on white (≥ 4.5:1), marks have ≥ 3:1 edges,
  groups differ in marker shape as well as colour (Okabe-Ito palette). Each chart has a
  ``*_rows`` companion that returns the same numbers as table rows, header first: render it
  as an HTML table next to the chart. Links in a ternary plot are out of the keyboard tab
  order (``tabindex="-1"``: ten thousand tab stops help nobody), so that table must carry
  the same links.
* **Scales** from a 360 px phone to a projector: a ``viewBox`` 400 units wide and no fixed
  size, so the chart fills its container; text is 13–16 units.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Callable, Iterable, Sequence
from html import escape
from urllib.parse import urlsplit

import numpy as np

from . import ternary as tern
from .words import dutch_numbers, gettext

WIDTH = 400
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
TEXT = "#1a1a1a"  # 17.4:1 on white
MUTED = "#4d4d4d"  # 8.5:1 on white
GRID = "#c8c8c8"
AXIS = "#595959"  # 7:1 on white
NEUTRAL = "#767676"  # 4.5:1 on white: the lightest grey that still reads as text
# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down", "plus")
AGREE, DISAGREE, PASS = "#009E73", "#D55E00", "#8C8C8C"

Rows = list[tuple]


# ---------------------------------------------------------------- small building blocks


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _n(value: float) -> str:
    """Coordinates: one decimal is sub-pixel at any size these charts are shown."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else ("0" if text == "-0.0" else text)


def _prefix(prefix: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", prefix or "chart")
    return cleaned if cleaned[:1].isalpha() else "c-" + cleaned


def number(value: float, decimals: int = 1) -> str:
    """In Dutch 3 → '3', 2.5 → '2,5', 1234 → '1.234'; in English '2.5' and '1,234'."""
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    if not dutch_numbers():
        return text
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _count(n: int, noun: tuple[str, str]) -> str:
    return f"{number(n)} {noun[0] if n == 1 else noun[1]}"



def _href(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"onveilige link {url!r}: alleen relatieve en http(s)-links")
    return _e(url)


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 15,
    anchor: str = "start",
    fill: str = TEXT,
    width: int | None = None,
    weight: str | None = None,
    css: str = "label",
    halo: bool = False,
) -> tuple[str, int]:
    """A <text>, wrapped into tspans when longer than ``width`` characters; (svg, lines)."""
    lines = textwrap.wrap(str(text), width) if width else [str(text)]
    lines = lines or [""]
    attrs = (
        f'x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{fill}" text-anchor="{anchor}"'
        f' class="{css}"'
    )
    if weight:
        attrs += f' font-weight="{weight}"'
    if halo:
        # White outline behind the letters, so labels stay legible over dots and hulls.
        attrs += ' stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"'
    if len(lines) == 1:
        return f"<text {attrs}>{_e(lines[0])}</text>", 1
    spans = "".join(
        f'<tspan x="{_n(x)}" dy="{0 if i == 0 else round(size * 1.2)}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text {attrs}>{spans}</text>", len(lines)


def _open(prefix: str, height: float, title: str, desc: str, kind: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}"'
        f' role="img" aria-labelledby="{prefix}-title {prefix}-desc"'
        f' class="chart chart-{kind}" font-family="{_e(FONT)}">'
        f'<title id="{prefix}-title">{_e(title)}</title>'
        f'<desc id="{prefix}-desc">{_e(desc)}</desc>'
    )


def _marker(shape: str, x: float, y: float, r: float, attrs: str) -> str:
    """A marker centred on (x, y) with roughly the same visual weight for every shape."""
    if shape == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {attrs}/>'
    if shape == "square":
        s = r * 0.9
        return (
            f'<rect x="{_n(x - s)}" y="{_n(y - s)}" width="{_n(2 * s)}" height="{_n(2 * s)}"'
            f" {attrs}/>"
        )
    if shape in ("triangle", "triangle-down"):
        t = r * 1.25
        sign = 1 if shape == "triangle" else -1
        pts = [(x, y - sign * t), (x + t * 0.866, y + sign * t * 0.5),
               (x - t * 0.866, y + sign * t * 0.5)]
    elif shape == "diamond":
        t = r * 1.25
        pts = [(x, y - t), (x + t, y), (x, y + t), (x - t, y)]
    else:  # plus
        a, b = r * 1.2, r * 0.4
        pts = [(x - b, y - a), (x + b, y - a), (x + b, y - b), (x + a, y - b), (x + a, y + b),
               (x + b, y + b), (x + b, y + a), (x - b, y + a), (x - b, y + b), (x - a, y + b),
               (x - a, y - b), (x - b, y - b)]
    d = "M" + " L".join(f"{_n(px)},{_n(py)}" for px, py in pts) + " Z"
    return f'<path d="{d}" {attrs}/>'


# ---------------------------------------------------------------- ternary plot

_TRI_SIDE = 300.0
_TRI_LEFT = (WIDTH - _TRI_SIDE) / 2


def _tri_xy(weights: np.ndarray, top: float) -> np.ndarray:
    """Weights → SVG coordinates (y downwards) for a triangle whose apex is at ``top``."""
    xy = np.atleast_2d(weights) @ tern.CORNERS
    base = top + _TRI_SIDE * tern.HEIGHT
    return np.column_stack([_TRI_LEFT + xy[:, 0] * _TRI_SIDE, base - xy[:, 1] * _TRI_SIDE])


def _weights_title(weights: Sequence[float], labels: Sequence[str]) -> str:
    return " · ".join(f"{label} {percent(w)}" for label, w in zip(labels, weights, strict=True))


def ternary_plot(
    points,
    labels: Sequence[str] = ("A", "B", "C"),
    links: Sequence[str | None] | None = None,
    titles: Sequence[str] | None = None,
    title: str | None = None,
    description: str | None = None,
    density: bool | str = False,
    highlight: Iterable[int] | None = None,
    compare: tuple[object, object] | None = None,
    compare_labels: Sequence[str] | None = None,
    resolution: int = 10,
    noun: tuple[str, str] | None = None,
    prefix: str = "ternary",
) -> str:
    """An equilateral triangle with corner labels, gridlines and one dot per point.

    ``points``: (a, b, c) weights, validated by :func:`bedoeling.insights.ternary.validate`.
    ``links``/``titles``: per point an href (dot becomes a link) and a tooltip; the default
    tooltip lists the three percentages. ``density``: ``True`` draws shaded triangular cells
    (opacity by count) instead of dots — use it for thousands of points; ``"auto"`` does so
    from 1,000 points. ``highlight``: indices drawn larger and in a second colour (e.g. one
    team), the rest faded. ``compare``: two sets of weights; their centres of mass are drawn
    as diamonds with an arrow for the shift, labelled with ``compare_labels``.
    """
    p = _prefix(prefix)
    title = title if title is not None else gettext("Driehoek")
    compare_labels = compare_labels or (gettext("Eerder"), gettext("Nu"))
    noun = noun or (gettext("verhaal"), gettext("verhalen"))
    if len(labels) != 3:
        raise ValueError("een driehoek heeft drie hoeklabels nodig")
    weights = tern.validate(np.asarray(points, dtype=np.float64).reshape(-1, 3))
    n = len(weights)
    if links is not None and len(links) != n:
        raise ValueError("links: één link (of None) per punt")
    if titles is not None and len(titles) != n:
        raise ValueError("titles: één titel per punt")
    use_density = n >= 1000 if density == "auto" else bool(density)
    chosen = set(highlight or ())
    if any(not 0 <= i < n for i in chosen):
        raise ValueError("highlight bevat een index die niet bestaat")

    out: list[str] = []
    # Corner labels: C centred above the apex, A and B under their corners, wrapped.
    c_label, c_lines = _text(WIDTH / 2, 20, labels[2], anchor="middle", width=34,
                             weight="bold", css="corner-label")
    top = 20 + (c_lines - 1) * 18 + 16
    base = top + _TRI_SIDE * tern.HEIGHT
    a_label, a_lines = _text(8, base + 26, labels[0], anchor="start", width=20,
                             weight="bold", css="corner-label")
    b_label, b_lines = _text(WIDTH - 8, base + 26, labels[1], anchor="end", width=20,
                             weight="bold", css="corner-label")
    height = base + 26 + (max(a_lines, b_lines) - 1) * 18 + 14

    corners = _tri_xy(np.eye(3), top)
    outline = " ".join(f"{_n(x)},{_n(y)}" for x, y in corners)
    out.append(f'<polygon points="{outline}" fill="#ffffff" stroke="none" class="triangle-bg"/>')

    if use_density and n:
        grid = tern.density(weights, resolution)
        peak = grid.max_count
        out.append('<g class="density">')
        for cell in grid.cells:
            xy = _tri_xy(np.array(cell.corners), top)
            pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in xy)
            # Square root: a cell with a quarter of the peak still shows at half strength,
            # so sparse regions do not vanish next to one crowded corner.
            opacity = 0.1 + 0.85 * math.sqrt(cell.count / peak)
            tip = f"{_count(cell.count, noun)} ({percent(cell.count / n)})"
            out.append(
                f'<polygon points="{pts}" fill="{PALETTE[0]}" fill-opacity="{opacity:.2f}"'
                f' class="cell"><title>{_e(tip)}</title></polygon>'
            )
        out.append("</g>")

    out.append(f'<g class="grid" stroke="{GRID}" stroke-width="1">')
    for start, end in tern.gridlines(0.2):
        (x1, y1), (x2, y2) = _tri_xy(np.array([start, end]), top)
        out.append(f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"/>')
    out.append("</g>")
    out.append(
        f'<polygon points="{outline}" fill="none" stroke="{AXIS}" stroke-width="1.5"'
        ' class="triangle"/>'
    )

    if not use_density and n:
        xy = _tri_xy(weights, top)
        faded = bool(chosen)
        order = [i for i in range(n) if i not in chosen] + sorted(chosen)
        out.append('<g class="dots">')
        for i in order:
            x, y = xy[i]
            tip = titles[i] if titles is not None else _weights_title(weights[i], labels)
            if i in chosen:
                attrs = (f'fill="{PALETTE[1]}" stroke="{TEXT}" stroke-width="1"'
                         ' class="dot dot-highlight"')
                r = 5.5
            else:
                opacity = "0.35" if faded else "0.75"
                attrs = f'fill="{PALETTE[0]}" fill-opacity="{opacity}" class="dot"'
                r = 4
            dot = (f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{r}" {attrs}>'
                   f"<title>{_e(tip)}</title></circle>")
            link = links[i] if links is not None else None
            if link:
                dot = f'<a href="{_href(link)}" tabindex="-1">{dot}</a>'
            out.append(dot)
        out.append("</g>")

    compare_text = ""
    if compare is not None:
        moved = tern.shift(compare[0], compare[1])
        (x1, y1), (x2, y2) = _tri_xy(np.array([moved.before, moved.after]), top)
        out.append(
            f'<defs><marker id="{p}-arrow" viewBox="0 0 10 10" refX="9" refY="5"'
            ' markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 Z" fill="{TEXT}"/></marker></defs>'
        )
        length = math.hypot(x2 - x1, y2 - y1)
        out.append('<g class="shift">')
        if length > 14:
            # Stop the arrow short of both diamonds so its head stays visible.
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            out.append(
                f'<line x1="{_n(x1 + ux * 8)}" y1="{_n(y1 + uy * 8)}" x2="{_n(x2 - ux * 9)}"'
                f' y2="{_n(y2 - uy * 9)}" stroke="{TEXT}" stroke-width="2"'
                f' marker-end="url(#{p}-arrow)" class="shift-arrow"/>'
            )
        # Black and white diamonds: unlike any dot colour, and distinct without colour.
        for (x, y), fill, label, centre in (
            ((x1, y1), "#ffffff", compare_labels[0], moved.before),
            ((x2, y2), TEXT, compare_labels[1], moved.after),
        ):
            tip = gettext("%(label)s: zwaartepunt %(centre)s") % {
                "label": label, "centre": _weights_title(centre, labels)}
            out.append(
                '<g class="centre">'
                + _marker("diamond", x, y, 6,
                          f'fill="{fill}" stroke="{TEXT}" stroke-width="2"')
                + f"<title>{_e(tip)}</title></g>"
            )
        out.append("</g>")
        # Legend under the corner labels: shape + words, never colour alone.
        ly = height + 8
        legend = []
        x = 8.0
        for fill, label in (("#ffffff", compare_labels[0]), (TEXT, compare_labels[1])):
            legend.append(_marker("diamond", x + 6, ly - 5, 6,
                                  f'fill="{fill}" stroke="{TEXT}" stroke-width="2"'))
            svg, _ = _text(x + 18, ly, label, size=14, css="legend")
            legend.append(svg)
            x += 30 + 8.5 * len(label)
        out.append('<g class="legend">' + "".join(legend) + "</g>")
        height = ly + 12
        towards = labels[moved.towards] if moved.towards is not None else None
        compare_text = " " + gettext("Zwaartepunt %(before)s: %(centre_before)s; %(after)s: "
                                     "%(centre_after)s.") % {
            "before": compare_labels[0], "centre_before": _weights_title(moved.before, labels),
            "after": compare_labels[1], "centre_after": _weights_title(moved.after, labels)}
        compare_text += " " + (gettext("De verschuiving is richting %(corner)s.") % {
            "corner": towards} if towards else gettext("Geen verschuiving."))

    out.extend([c_label, a_label, b_label])

    if description is None:
        if n:
            centre = tern.centre_of_mass(weights)
            description = gettext("Driehoek met %(count)s. Hoeken: %(a)s, %(b)s, %(c)s. "
                                  "Zwaartepunt: %(centre)s.") % {
                "count": _count(n, noun), "a": labels[0], "b": labels[1], "c": labels[2],
                "centre": _weights_title(centre, labels)}
        else:
            description = gettext("Driehoek zonder %(things)s. Hoeken: %(corners)s.") % {
                "things": noun[1], "corners": ", ".join(labels)}
        description += compare_text
    return _open(p, height, title, description, "ternary") + "".join(out) + "</svg>"


def ternary_rows(
    points,
    labels: Sequence[str] = ("A", "B", "C"),
    titles: Sequence[str] | None = None,
    links: Sequence[str | None] | None = None,
) -> Rows:
    """Header, then per point: its title (or number), three percentages[, link]."""
    weights = tern.validate(np.asarray(points, dtype=np.float64).reshape(-1, 3))
    header = ("", *labels) + ((gettext("Link"),) if links is not None else ())
    rows: Rows = [header]
    for i, w in enumerate(weights):
        row = (titles[i] if titles is not None else str(i + 1), *(percent(x) for x in w))
        rows.append(row + ((links[i],) if links is not None else ()))
    return rows


# ---------------------------------------------------------------- histogram


def _histogram_counts(values, bins: int) -> tuple[np.ndarray, int]:
    if bins < 1:
        raise ValueError("bins moet minstens 1 zijn")
    present = []
    missing = 0
    for v in values:
        if v is None:
            missing += 1
            continue
        v = float(v)
        if not 0.0 <= v <= 1.0:  # also catches NaN
            raise ValueError(f"waarde {v!r} ligt niet tussen 0 en 1")
        present.append(v)
    # Bin i holds [i/bins, (i+1)/bins); 1.0 itself belongs to the last bin.
    idx = np.minimum((np.asarray(present) * bins + 1e-9).astype(int), bins - 1)
    return np.bincount(idx, minlength=bins), missing


def _bin_label(i: int, bins: int) -> str:
    return f"{round(100 * i / bins)}–{round(100 * (i + 1) / bins)}%"


def histogram(
    values: Iterable[float | None],
    bins: int = 10,
    left_label: str = "",
    right_label: str = "",
    title: str | None = None,
    description: str | None = None,
    noun: tuple[str, str] | None = None,
    prefix: str = "histogram",
) -> str:
    """Distribution of slider positions in 0..1; ``None`` means 'n.v.t.' (not applicable).

    The 'n.v.t.' count gets its own bar, set apart at the right, so it is never mistaken
    for a position on the scale.
    """
    p = _prefix(prefix)
    title = title if title is not None else gettext("Verdeling")
    noun = noun or (gettext("antwoord"), gettext("antwoorden"))
    not_applicable = gettext("n.v.t.")
    counts, missing = _histogram_counts(values, bins)
    total = int(counts.sum())
    plot_left, plot_right = 8.0, 318.0
    na_left, na_right = 344.0, WIDTH - 8.0
    top, bottom = 24.0, 170.0
    peak = max(int(counts.max(initial=0)), missing, 1)
    scale = (bottom - top) / peak
    step = (plot_right - plot_left) / bins
    out = []
    out.append(f'<g class="bars" fill="{PALETTE[0]}">')
    for i, c in enumerate(counts):
        x = plot_left + i * step
        h = c * scale
        tip = f"{_bin_label(i, bins)}: {_count(int(c), noun)}"
        out.append(
            f'<rect x="{_n(x + 1)}" y="{_n(bottom - h)}" width="{_n(step - 2)}" height="{_n(h)}"'
            f' class="bar"><title>{_e(tip)}</title></rect>'
        )
    out.append("</g>")
    labels = []
    for i, c in enumerate(counts):
        if c:
            x = plot_left + (i + 0.5) * step
            svg, _ = _text(x, bottom - c * scale - 5, number(int(c)), size=13, anchor="middle",
                           css="value")
            labels.append(svg)
    h = missing * scale
    out.append(
        f'<rect x="{_n(na_left)}" y="{_n(bottom - h)}" width="{_n(na_right - na_left)}"'
        f' height="{_n(h)}" fill="{NEUTRAL}" class="bar bar-na">'
        f"<title>{_e(not_applicable + ': ' + _count(missing, noun))}</title></rect>"
    )
    svg, _ = _text((na_left + na_right) / 2, bottom - h - 5, number(missing), size=13,
                   anchor="middle", css="value")
    labels.append(svg)
    out.extend(labels)
    out.append(
        f'<line x1="{_n(plot_left)}" y1="{_n(bottom)}" x2="{_n(plot_right)}" y2="{_n(bottom)}"'
        f' stroke="{AXIS}" stroke-width="1.5" class="axis"/>'
        f'<line x1="{_n(na_left)}" y1="{_n(bottom)}" x2="{_n(na_right)}" y2="{_n(bottom)}"'
        f' stroke="{AXIS}" stroke-width="1.5" class="axis"/>'
        f'<line x1="{_n((plot_right + na_left) / 2)}" y1="{_n(top)}"'
        f' x2="{_n((plot_right + na_left) / 2)}" y2="{_n(bottom + 6)}" stroke="{GRID}"'
        ' stroke-dasharray="3 3" class="separator"/>'
    )
    left, l_lines = _text(plot_left, bottom + 20, left_label, size=14, width=20, css="end-label")
    right, r_lines = _text(plot_right, bottom + 20, right_label, size=14, anchor="end",
                           width=20, css="end-label")
    na, _ = _text((na_left + na_right) / 2, bottom + 20, not_applicable, size=14,
                  anchor="middle",
                  css="end-label")
    out.extend([left, right, na])
    height = bottom + 20 + (max(l_lines, r_lines) - 1) * 17 + 12
    if description is None:
        description = gettext("Verdeling van %(count)s over %(bins)s vakken") % {
            "count": _count(total, noun), "bins": bins}
        if left_label or right_label:
            description += gettext(", van %(left)s naar %(right)s") % {
                "left": left_label or gettext("links"), "right": right_label or gettext("rechts")}
        description += f"; {not_applicable}: {number(missing)}."
        if total:
            busiest = int(np.argmax(counts))
            description += " " + gettext("Meeste %(things)s bij %(bin)s.") % {
                "things": noun[1], "bin": _bin_label(busiest, bins)}
    return _open(p, height, title, description, "histogram") + "".join(out) + "</svg>"


def histogram_rows(
    values: Iterable[float | None], bins: int = 10, left_label: str = "", right_label: str = ""
) -> Rows:
    """Header, one row per bin (from ``left_label`` to ``right_label``), then 'n.v.t.'."""
    counts, missing = _histogram_counts(values, bins)
    rows: Rows = [(gettext("Positie"), gettext("Aantal"))]
    for i, c in enumerate(counts):
        label = _bin_label(i, bins)
        if i == 0 and left_label:
            label += f" ({left_label})"
        if i == bins - 1 and right_label:
            label += f" ({right_label})"
        rows.append((label, int(c)))
    rows.append((gettext("n.v.t."), missing))
    return rows


# ---------------------------------------------------------------- bar chart


def _check_items(items) -> list[tuple[str, float]]:
    checked = []
    for label, value in items:
        value = float(value)
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"waarde voor {label!r} moet een niet-negatief getal zijn")
        checked.append((str(label), value))
    return checked


def bar_chart(
    items: Iterable[tuple[str, float]],
    title: str | None = None,
    description: str | None = None,
    max_value: float | None = None,
    value_format: Callable[[float], str] | None = None,
    highlight: Iterable[int] | None = None,
    prefix: str = "bars",
) -> str:
    """Horizontal bars, one per (label, value), in the given order.

    For choice counts, dot-vote results and vote shares (pass ``value_format=percent`` and
    ``max_value=1``). Each label sits above its bar across the full width, so long answers
    wrap instead of being cut off on a phone. ``highlight``: indices drawn in a second
    colour (e.g. the chosen option), marked in the text as well.
    """
    p = _prefix(prefix)
    checked = _check_items(items)
    fmt = value_format or number
    chosen = set(highlight or ())
    peak = max_value if max_value is not None else max((v for _, v in checked), default=0)
    peak = peak or 1.0
    bar_left, bar_max = 8.0, 316.0
    y = 6.0
    out = []
    for i, (label, value) in enumerate(checked):
        text = label + (" " + gettext("(gekozen)") if i in chosen else "")
        svg, lines = _text(bar_left, y + 15, text, size=15, width=44, css="bar-label")
        out.append(svg)
        y += 15 + (lines - 1) * 18 + 6
        w = max(0.0, min(value / peak, 1.0)) * (bar_max - bar_left)
        fill = PALETTE[1] if i in chosen else PALETTE[0]
        out.append(
            f'<rect x="{_n(bar_left)}" y="{_n(y)}" width="{_n(w)}" height="18" fill="{fill}"'
            f' class="bar{" bar-highlight" if i in chosen else ""}">'
            f"<title>{_e(f'{label}: {fmt(value)}')}</title></rect>"
        )
        svg, _ = _text(bar_left + w + 6, y + 14, fmt(value), size=14, css="value")
        out.append(svg)
        y += 18 + 14
    if not checked:
        svg, _ = _text(bar_left, 24, gettext("Nog geen gegevens"), size=15, fill=MUTED)
        out.append(svg)
        y = 40
    if description is None:
        parts = [f"{label}: {fmt(value)}" for label, value in checked]
        description = (gettext("%(n)s staven.") % {"n": len(checked)} + " " + "; ".join(parts)
                       + ".") if parts else gettext("Nog geen gegevens.")
    title = title if title is not None else gettext("Staafdiagram")
    return _open(p, y, title, description, "bars") + "".join(out) + "</svg>"


def bar_rows(
    items: Iterable[tuple[str, float]],
    value_header: str | None = None,
    value_format: Callable[[float], str] | None = None,
) -> Rows:
    rows: Rows = [("", value_header if value_header is not None else gettext("Aantal"))]
    for label, value in _check_items(items):
        rows.append((label, value_format(value) if value_format else value))
    return rows


# ---------------------------------------------------------------- agree / disagree / pass


def _vote_parts(agree: int, disagree: int, pass_: int) -> list[tuple[str, int, str, str]]:
    counts = (agree, disagree, pass_)
    if any(int(c) != c or c < 0 for c in counts):
        raise ValueError("aantallen moeten niet-negatieve gehele getallen zijn")
    return [(gettext("eens"), int(agree), AGREE, "agree"),
            (gettext("oneens"), int(disagree), DISAGREE, "disagree"),
            (gettext("pas"), int(pass_), PASS, "pass")]


def stacked_bar(
    agree: int,
    disagree: int,
    pass_: int,
    title: str | None = None,
    description: str | None = None,
    prefix: str = "votes",
) -> str:
    """A small agree / disagree / pass bar for one statement, with the numbers in words.

    Segments are separated by white gaps and labelled below ('eens 12 (60%)'), so the
    colours are never the only way to tell them apart.
    """
    p = _prefix(prefix)
    parts = _vote_parts(agree, disagree, pass_)
    total = sum(c for _, c, _, _ in parts)
    out = []
    x = 0.0
    if total:
        for name, count, colour, css in parts:
            w = WIDTH * count / total
            if w:
                out.append(
                    f'<rect x="{_n(x)}" y="2" width="{_n(w)}" height="22" fill="{colour}"'
                    f' stroke="#ffffff" stroke-width="2" class="segment segment-{css}">'
                    f"<title>{_e(f'{name}: {count} ({percent(count / total)})')}</title></rect>"
                )
            x += w
    else:
        out.append(
            f'<rect x="1" y="2" width="{WIDTH - 2}" height="22" fill="#ffffff" stroke="{NEUTRAL}"'
            ' class="segment segment-empty"/>'
        )
    x, y = 0.0, 45.0
    for name, count, colour, css in parts:
        label = f"{name} {number(count)}" + (f" ({percent(count / total)})" if total else "")
        width = 17 + 8.2 * len(label)  # generous estimate of the text width at 14 units
        if x and x + width > WIDTH:
            x, y = 0.0, y + 20
        out.append(f'<rect x="{_n(x)}" y="{_n(y - 11)}" width="12" height="12" fill="{colour}"'
                   f' class="swatch swatch-{css}"/>')
        svg, _ = _text(x + 17, y, label, size=14, css="legend")
        out.append(svg)
        x += width + 14
    if description is None:
        if total:
            description = "; ".join(
                f"{name}: {count} ({percent(count / total)})" for name, count, _, _ in parts
            ) + ". " + gettext("Totaal %(n)s.") % {"n": number(total)}
        else:
            description = gettext("Nog geen stemmen.")
    title = title if title is not None else gettext("Stemmen")
    return _open(p, y + 9, title, description, "votes") + "".join(out) + "</svg>"


def stacked_rows(agree: int, disagree: int, pass_: int) -> Rows:
    parts = _vote_parts(agree, disagree, pass_)
    total = sum(c for _, c, _, _ in parts)
    rows: Rows = [(gettext("Stem"), gettext("Aantal"), gettext("Aandeel"))]
    for name, count, _, _ in parts:
        rows.append((name, count, percent(count / total) if total else "–"))
    return rows


# ---------------------------------------------------------------- opinion map


def _hull(points: np.ndarray) -> np.ndarray:
    """Convex hull (Andrew's monotone chain), counter-clockwise, without repeats."""
    pts = sorted(set(map(tuple, points.tolist())))
    if len(pts) < 3:
        return np.array(pts)

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    for q in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], q) <= 0:
            lower.pop()
        lower.append(q)
    upper: list = []
    for q in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], q) <= 0:
            upper.pop()
        upper.append(q)
    return np.array(lower[:-1] + upper[:-1])


def _group_key(g) -> int | None:
    if g is None:
        return None
    g = int(g)
    return None if g < 0 else g


def group_letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA' (Pol.is names groups with letters too)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def scatter_groups(
    points,
    groups: Sequence[int | None],
    group_labels: Sequence[str] | None = None,
    title: str | None = None,
    description: str | None = None,
    hulls: bool = True,
    noun: tuple[str, str] | None = None,
    prefix: str = "opinion",
) -> str:
    """Participants as dots in 2-D (e.g. PCA of their votes), coloured *and* shaped by group.

    ``groups[i]`` is a group number from 0, or None / -1 for a participant who was not
    clustered (too few votes): drawn as a small hollow grey circle. Group names default to
    letters; the legend says 'A · 34 deelnemers'. Axes carry no meaning of their own in an
    opinion map, so none are drawn; the aspect ratio is kept, since distances do mean
    something.
    """
    p = _prefix(prefix)
    title = title if title is not None else gettext("Opinielandschap")
    noun = noun or (gettext("deelnemer"), gettext("deelnemers"))
    xy = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    n = len(xy)
    if len(groups) != n:
        raise ValueError("groups: één groep per punt")
    if n and not np.isfinite(xy).all():
        raise ValueError("punten moeten eindige getallen zijn")
    keys = [_group_key(g) for g in groups]
    numbers = sorted({k for k in keys if k is not None})
    names = list(group_labels) if group_labels is not None else [
        group_letter(g) for g in range(max(numbers, default=-1) + 1)
    ]
    if numbers and len(names) <= numbers[-1]:
        raise ValueError("group_labels: één naam per groep")

    size = 360.0
    left, top = (WIDTH - size) / 2, 12.0
    pad = 16.0
    if n:
        lo = xy.min(axis=0)
        span = float(max((xy.max(axis=0) - lo).max(), 1e-12))
        scale = (size - 2 * pad) / span
        used = (xy.max(axis=0) - lo) * scale
        offset = np.array([left, top]) + pad + ((size - 2 * pad) - used) / 2
        sxy = np.column_stack([
            offset[0] + (xy[:, 0] - lo[0]) * scale,
            # y up in data, down in SVG
            offset[1] + used[1] - (xy[:, 1] - lo[1]) * scale,
        ])
    else:
        sxy = np.empty((0, 2))

    out = [f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(size)}" height="{_n(size)}"'
           f' fill="#ffffff" stroke="{GRID}" class="plot-area"/>']
    members = {g: np.flatnonzero([k == g for k in keys]) for g in numbers}
    if hulls:
        out.append('<g class="hulls">')
        for g in numbers:
            colour = PALETTE[g % len(PALETTE)]
            hull = _hull(sxy[members[g]])
            if len(hull) < 3:
                continue
            centre = hull.mean(axis=0)
            # Push every corner 10 units outwards so the hull surrounds the markers.
            vec = hull - centre
            norms = np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
            grown = hull + vec / norms * 10
            pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in grown)
            out.append(
                f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.1" stroke="{colour}"'
                f' stroke-width="1.5" stroke-linejoin="round" class="hull hull-{g}"/>'
            )
        out.append("</g>")
    out.append('<g class="dots">')
    for i in range(n):
        x, y = sxy[i]
        g = keys[i]
        if g is None:
            out.append(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="#ffffff" stroke="{NEUTRAL}"'
                ' stroke-width="1.2" class="dot dot-unclustered"/>'
            )
        else:
            out.append(_marker(
                SHAPES[g % len(SHAPES)], x, y, 4.5,
                f'fill="{PALETTE[g % len(PALETTE)]}" stroke="{TEXT}" stroke-width="0.8"'
                f' class="dot dot-group-{g}"',
            ))
    out.append("</g>")
    for g in numbers:
        cx, cy = sxy[members[g]].mean(axis=0)
        svg, _ = _text(cx, cy - 10, names[g], size=16, anchor="middle", weight="bold",
                       css="group-label", halo=True)
        out.append(svg)

    # Legend: marker + 'A · 34 deelnemers', one line each.
    y = top + size + 24
    legend = []
    counts = {g: len(members[g]) for g in numbers}
    unclustered = sum(1 for k in keys if k is None)
    for g in numbers:
        legend.append(_marker(SHAPES[g % len(SHAPES)], 14, y - 5, 5,
                              f'fill="{PALETTE[g % len(PALETTE)]}" stroke="{TEXT}"'
                              ' stroke-width="0.8"'))
        svg, _ = _text(28, y, f"{names[g]} · {_count(counts[g], noun)}", size=15,
                       css="legend")
        legend.append(svg)
        y += 22
    if unclustered:
        legend.append(f'<circle cx="14" cy="{_n(y - 5)}" r="3" fill="#ffffff"'
                      f' stroke="{NEUTRAL}" stroke-width="1.2"/>')
        svg, _ = _text(28, y, f"{gettext('niet ingedeeld')} · {_count(unclustered, noun)}",
                       size=15,
                       fill=MUTED, css="legend")
        legend.append(svg)
        y += 22
    out.append('<g class="legend">' + "".join(legend) + "</g>")
    if description is None:
        parts = [f"{names[g]}: {_count(counts[g], noun)}" for g in numbers]
        description = gettext("Opinielandschap met %(count)s in %(groups)s groepen") % {
            "count": _count(n, noun), "groups": len(numbers)}
        description += (": " + "; ".join(parts)) if parts else ""
        description += (f"; {gettext('niet ingedeeld')}: {unclustered}." if unclustered
                        else ".")
    return _open(p, y - 6, title, description, "opinion") + "".join(out) + "</svg>"


def scatter_rows(
    groups: Sequence[int | None],
    group_labels: Sequence[str] | None = None,
    noun: tuple[str, str] | None = None,
) -> Rows:
    """Header, then per group its name and size; the unclustered last."""
    keys = [_group_key(g) for g in groups]
    numbers = sorted({k for k in keys if k is not None})
    names = list(group_labels) if group_labels is not None else [
        group_letter(g) for g in range(max(numbers, default=-1) + 1)
    ]
    noun = noun or (gettext("deelnemer"), gettext("deelnemers"))
    rows: Rows = [(gettext("Groep"), gettext("Aantal %(things)s") % {"things": noun[1]})]
    rows.extend((names[g], sum(1 for k in keys if k == g)) for g in numbers)
    unclustered = sum(1 for k in keys if k is None)
    if unclustered:
        rows.append((gettext("niet ingedeeld"), unclustered))
    return rows
