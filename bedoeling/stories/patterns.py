"""What the pattern pages show: charts from :mod:`bedoeling.insights.svg`, the same
numbers as tables, and suppression below the organisation's anonymity threshold.

Computed once per (organisation, data version, selection, language) and cached, so a
page that is looked at again, or by a colleague, costs one cache read.
"""

from __future__ import annotations

import numpy as np
from django.core.cache import cache
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from bedoeling.insights import svg, ternary
from bedoeling.insights.themes import find_themes
from bedoeling.purpose.services import purpose_for
from bedoeling.stories import selectors
from bedoeling.stories.models import SignifierKind
from bedoeling.stories.selectors import StoryFilter

# Up to this many points every story is a dot; above it the triangle is shaded by density
# and a sample of readable stories is drawn on top, each still a link.
DOTS_MAX = 800
SAMPLE_DOTS = 200
TABLE_ROWS = 200
THEME_STORIES = 10_000
CACHE_SECONDS = 60 * 30


def _noun():
    return (_("verhaal"), _("verhalen"))


def pct(share: float) -> str:
    # Whole percentages need no locale formatting, and this runs for every dot.
    return f"{round(share * 100)} %"


def _count(n: int) -> str:
    return ngettext("%(n)s verhaal", "%(n)s verhalen", n) % {
        "n": number_format(n, force_grouping=True)}


def _cached(kind: str, org, selection_key: str, build, per_language: bool = True):
    key = (f"stories:{kind}:{org.pk}:{selectors.data_version(org)}:{selection_key}:"
           f"{get_language() if per_language else ''}")
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def _story_url(org, pk: int) -> str:
    return _story_url_pattern(org).format(int(pk))


def _story_url_pattern(org) -> str:
    # reverse() for every one of hundreds of dots is measurable; the pattern is reversed once.
    marker = 987654321
    return reverse("stories:story", kwargs={"org": org.slug, "story": marker}).replace(
        str(marker), "{}")


def _sample(n: int, size: int) -> np.ndarray:
    """Evenly spread indices: the same selection gives the same sample every time."""
    if n <= size:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, size).round().astype(int))


# ---------------------------------------------------------------- triads


def _centre_rows(labels, weights) -> list[tuple[str, str]]:
    centre = ternary.centre_of_mass(weights)
    return [(label, pct(w)) for label, w in zip(labels, centre, strict=True)]


def _dominant_counts(labels, weights) -> list[tuple[str, int]]:
    strongest = weights.argmax(axis=1)
    mixed = weights.max(axis=1) < 0.5
    rows = [(label, int(((strongest == i) & ~mixed).sum())) for i, label in enumerate(labels)]
    rows.append(("", int(mixed.sum())))
    return rows


def _triad(org, data: selectors.TriadData, threshold: int, split=None, prefix="t") -> dict:
    s = data.signifier
    labels = s.labels
    n = len(data.weights)
    result = {"signifier": s, "n": n, "not_applicable": data.not_applicable,
              "suppressed": n < threshold}
    if result["suppressed"]:
        return result
    readable_ids = data.story_ids[data.readable]
    dense = n > DOTS_MAX
    shown = _sample(len(readable_ids), SAMPLE_DOTS) if dense else None
    label_ids = readable_ids[shown] if dense else readable_ids
    titles_by_id = selectors.story_labels(org, label_ids)
    not_readable = _("alleen voor analyse: de tekst wordt niet getoond")
    url = _story_url_pattern(org).format

    def tip(i):
        story_id = int(data.story_ids[i])
        title = titles_by_id.get(story_id) if data.readable[i] else not_readable
        parts = " · ".join(f"{label} {pct(w)}" for label, w in zip(labels, data.weights[i],
                                                                    strict=True))
        return f"{title or _('verhaal')} — {parts}"

    compare = None
    compare_labels = None
    if split is not None:
        before = data.told_on < split["date"].toordinal()
        if before.sum() >= threshold and (~before).sum() >= threshold:
            compare = (data.weights[before], data.weights[~before])
            compare_labels = (split["before"], split["after"])
            moved = ternary.shift(*compare)
            result["shift"] = _shift_summary(labels, moved, compare_labels)
    description = _("Driehoek met %(count)s. Hoeken: %(a)s, %(b)s, %(c)s. Zwaartepunt: "
                    "%(centre)s.") % {
        "count": _count(n), "a": labels[0], "b": labels[1], "c": labels[2],
        "centre": ", ".join(f"{label} {value}" for label, value in _centre_rows(labels,
                                                                                data.weights))}
    if dense:
        result["svg"] = svg.ternary_plot(
            data.weights, labels=labels, title=s.question, description=description,
            density=True, compare=compare, compare_labels=compare_labels or ("", ""),
            noun=_noun(), prefix=f"{prefix}{s.pk}")
        index = np.flatnonzero(data.readable)[shown]
        result["overlay"] = svg.ternary_plot(
            data.weights[index], labels=labels, title=s.question,
            links=[url(int(data.story_ids[i])) for i in index],
            titles=[tip(i) for i in index], noun=_noun(), prefix=f"{prefix}{s.pk}-dots")
        table_index = index[:TABLE_ROWS]
    else:
        links = [url(int(sid)) if ok else None
                 for sid, ok in zip(data.story_ids, data.readable, strict=True)]
        result["svg"] = svg.ternary_plot(
            data.weights, labels=labels, links=links, titles=[tip(i) for i in range(n)],
            title=s.question, description=description, compare=compare,
            compare_labels=compare_labels or ("", ""), noun=_noun(), prefix=f"{prefix}{s.pk}")
        table_index = np.flatnonzero(data.readable)[:TABLE_ROWS]
    result["density"] = dense
    result["centre"] = _centre_rows(labels, data.weights)
    dominant = _dominant_counts(labels, data.weights)
    result["corners"] = [{"label": label, "centre": centre, "count": count}
                         for (label, centre), (_label, count)
                         in zip(result["centre"], dominant, strict=False)]
    result["mixed"] = dominant[-1][1]
    result["rows"] = [
        {"title": titles_by_id.get(int(data.story_ids[i]), _("verhaal")),
         "url": url(int(data.story_ids[i])),
         "weights": [pct(w) for w in data.weights[i]]}
        for i in table_index
    ]
    result["rows_total"] = int(data.readable.sum())
    return result


def _shift_summary(labels, moved: ternary.Shift, names) -> dict:
    changes = []
    for i, label in enumerate(labels):
        points = round(moved.delta[i] * 100)
        changes.append({"label": label, "before": pct(moved.before[i]),
                        "after": pct(moved.after[i]), "points": points})
    more = [c for c in changes if c["points"] >= 2]
    fewer = [c for c in changes if c["points"] <= -2]
    return {"names": names, "changes": changes, "more": more, "fewer": fewer,
            "distance": round(moved.distance * 100)}


# ---------------------------------------------------------------- sliders and choices


def _slider(data: selectors.SliderData, threshold: int, prefix="s") -> dict:
    s = data.signifier
    result = {"signifier": s, "n": data.answered, "not_applicable": data.not_applicable,
              "suppressed": data.answered < threshold}
    if result["suppressed"]:
        return result
    bins = len(data.counts)
    # The chart only needs which bin each answer falls in: the centre of its bin stands in.
    values: list[float | None] = []
    for i, c in enumerate(data.counts):
        values.extend([(i + 0.5) / bins] * c)
    values.extend([None] * data.not_applicable)
    description = _("Verdeling van %(count)s van ‘%(left)s’ naar ‘%(right)s’; gemiddeld "
                    "%(mean)s; niet van toepassing: %(na)s.") % {
        "count": _count(data.answered), "left": s.label_a, "right": s.label_b,
        "mean": pct(data.mean or 0), "na": data.not_applicable}
    result["svg"] = svg.histogram(values, bins=bins, left_label=s.label_a,
                                  right_label=s.label_b, title=s.question,
                                  description=description, noun=_noun(),
                                  prefix=f"{prefix}{s.pk}")
    result["mean"] = pct(data.mean or 0)
    result["rows"] = [(f"{round(100 * i / bins)}–{round(100 * (i + 1) / bins)} %", c)
                      for i, c in enumerate(data.counts)]
    return result


def _choice(data: selectors.ChoiceData, threshold: int, prefix="c") -> dict:
    s = data.signifier
    result = {"signifier": s, "n": data.stories, "suppressed": data.stories < threshold}
    if result["suppressed"]:
        return result
    few = _("minder dan %(k)s") % {"k": threshold}
    items = [(o.label, c if c >= threshold else 0) for o, c in data.counts]

    def show(value):
        return number_format(int(value), force_grouping=True) if value else few

    result["svg"] = svg.bar_chart(
        items, title=s.question, value_format=show, prefix=f"{prefix}{s.pk}",
        description="; ".join(f"{label}: {show(v)}" for label, v in items) + ".")
    result["rows"] = [(o.label, c if c >= threshold else None) for o, c in data.counts]
    result["few"] = few
    return result


# ---------------------------------------------------------------- pages


def _split(org, selection: StoryFilter) -> dict | None:
    """Before and since the current version of the Bedoeling, when there was an earlier."""
    version = purpose_for(org).current
    if version is None or version.number < 2:
        return None
    return {"date": version.created_at.date(),
            "before": _("vóór versie %(n)s") % {"n": version.number},
            "after": _("sinds versie %(n)s") % {"n": version.number},
            "version": version}


def overview(org, selection: StoryFilter) -> dict:
    """Everything the pattern page shows for one selection of one form's stories."""

    def build():
        threshold = org.anonymity_threshold
        if selection.form is None:
            total = selection.stories(org).count()
            return {"total": total, "threshold": threshold, "suppressed": total < threshold,
                    "triads": [], "sliders": [], "choices": []}
        data = selectors.frame(org, selection.form)
        mask = selectors.selection_mask(data, selection)
        total = int(mask.sum())
        page = {"total": total, "threshold": threshold, "suppressed": total < threshold,
                "triads": [], "sliders": [], "choices": []}
        if not page["suppressed"] and selectors.selection_people(org, selection) < threshold:
            page["suppressed"] = page["few_people"] = True
        if page["suppressed"]:
            return page
        split = _split(org, selection)
        page["split"] = split
        for s in selection.form.signifiers.prefetch_related("options"):
            if s.kind == SignifierKind.TRIAD:
                page["triads"].append(_triad(org, selectors.triad_data(data, mask, s),
                                             threshold, split))
            elif s.kind == SignifierKind.SLIDER:
                page["sliders"].append(_slider(selectors.slider_data(data, mask, s),
                                               threshold))
            else:
                page["choices"].append(_choice(selectors.choice_data(data, mask, s),
                                               threshold))
        return page

    return _cached("overview", org, selection.key(), build)


def comparison(org, first: StoryFilter, second: StoryFilter, names) -> dict:
    """Two selections of the same form side by side, and how the centre of mass moved."""

    def build():
        threshold = org.anonymity_threshold
        data = selectors.frame(org, first.form)
        mask_a = selectors.selection_mask(data, first)
        mask_b = selectors.selection_mask(data, second)
        totals = (int(mask_a.sum()), int(mask_b.sum()))
        page = {"totals": totals, "threshold": threshold, "names": names,
                "suppressed": min(totals) < threshold, "triads": [], "sliders": [],
                "choices": []}
        if not page["suppressed"] and min(selectors.selection_people(org, first),
                                          selectors.selection_people(org, second)) < threshold:
            page["suppressed"] = page["few_people"] = True
        if page["suppressed"]:
            return page
        for s in first.form.signifiers.prefetch_related("options"):
            if s.kind == SignifierKind.TRIAD:
                a = selectors.triad_data(data, mask_a, s)
                b = selectors.triad_data(data, mask_b, s)
                row = {"signifier": s, "a": _triad(org, a, threshold, prefix="ta"),
                       "b": _triad(org, b, threshold, prefix="tb")}
                if not row["a"]["suppressed"] and not row["b"]["suppressed"]:
                    moved = ternary.shift(a.weights, b.weights)
                    row["shift"] = _shift_summary(s.labels, moved, names)
                    row["shift_svg"] = svg.ternary_plot(
                        np.vstack([a.weights[_sample(len(a.weights), SAMPLE_DOTS)],
                                   b.weights[_sample(len(b.weights), SAMPLE_DOTS)]]),
                        labels=s.labels, title=_("Verschuiving: %(q)s") % {"q": s.question},
                        compare=(a.weights, b.weights), compare_labels=names,
                        noun=_noun(), prefix=f"shift{s.pk}",
                        description=_("Het zwaartepunt van %(a)s en van %(b)s, met een pijl "
                                      "voor de verschuiving.") % {"a": names[0],
                                                                   "b": names[1]})
                page["triads"].append(row)
            elif s.kind == SignifierKind.SLIDER:
                page["sliders"].append({
                    "signifier": s,
                    "a": _slider(selectors.slider_data(data, mask_a, s), threshold, "sa"),
                    "b": _slider(selectors.slider_data(data, mask_b, s), threshold, "sb"),
                })
            else:
                a = selectors.choice_data(data, mask_a, s)
                b = selectors.choice_data(data, mask_b, s)
                rows = []
                for (option, ca), (_option, cb) in zip(a.counts, b.counts, strict=True):
                    rows.append({
                        "label": option.label,
                        "a": pct(ca / a.stories) if ca >= threshold and a.stories else None,
                        "b": pct(cb / b.stories) if cb >= threshold and b.stories else None,
                    })
                page["choices"].append({"signifier": s, "rows": rows,
                                        "suppressed": min(a.stories, b.stories) < threshold})
        return page

    return _cached("compare", org, first.key() + second.key(), build)


def themes(org, selection: StoryFilter) -> dict:
    """Themes in the selection's texts: top words, size, and typical readable stories.

    Every story counts (consent for analysis included), but only stories whose text may be
    read are shown as examples. Themes carried by fewer stories than the threshold are
    not found at all (``min_size``)."""

    def build():
        threshold = org.anonymity_threshold
        ids, texts, readable, total = selectors.texts_for_themes(org, selection,
                                                                 THEME_STORIES)
        page = {"total": total, "sampled": len(ids), "threshold": threshold,
                "suppressed": total < threshold, "themes": []}
        if not page["suppressed"] and selectors.selection_people(org, selection) < threshold:
            page["suppressed"] = page["few_people"] = True
        if page["suppressed"]:
            return page
        result = find_themes(texts, min_size=threshold, top_documents=40, random_state=0)
        examples = {}
        for theme in result.themes:
            picks = [i for i in theme.typical if ids[i] in readable][:3]
            examples[theme.number] = picks
        labels = selectors.story_labels(org, [ids[i] for p in examples.values() for i in p])
        for theme in result.themes:
            if theme.size < threshold:
                continue
            page["themes"].append({
                "number": theme.number + 1,
                "label": theme.label,
                "size": theme.size,
                "share": pct(theme.size / len(ids)) if ids else "",
                "terms": [{"word": w, "weight": weight, "level": min(4, int(weight * 4))}
                          for w, weight in theme.terms],
                "stories": [{"url": _story_url(org, ids[i]),
                             "title": labels.get(ids[i], _("verhaal")),
                             "excerpt": _excerpt(texts[i]),
                             "why": result.why(i)}
                            for i in examples[theme.number]],
            })
        page["unassigned"] = len(result.unassigned())
        page["fitted_on"] = result.fitted_on
        return page

    # Words and stories are data, not interface text: one computation serves every language.
    return _cached("themes", org, selection.key(), build, per_language=False)


def _excerpt(text: str, limit: int = 260) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
