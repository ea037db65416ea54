import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from bedoeling.insights import svg

NS = "{http://www.w3.org/2000/svg}"
LABELS = ("de Bedoeling", "regels & procedures", "targets & KPI's")
POINTS = [(0.6, 0.2, 0.2), (0.1, 0.8, 0.1), (0.2, 0.2, 0.6), (1 / 3, 1 / 3, 1 / 3)]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def all_charts() -> list[str]:
    rng = np.random.default_rng(0)
    return [
        svg.ternary_plot(POINTS, LABELS, links=["/v/1/", "/v/2/", None, "/v/4/"]),
        svg.ternary_plot(rng.dirichlet([1, 1, 1], 2000), LABELS, density=True, prefix="d"),
        svg.ternary_plot(POINTS, LABELS, compare=(POINTS[:2], POINTS[2:]), prefix="cmp"),
        svg.histogram([0.1, 0.5, 0.55, 1.0, None], 10, "regels", "bedoeling"),
        svg.bar_chart([("Schrappen", 3), ("Aanpassen", 5)], highlight=[1]),
        svg.stacked_bar(12, 5, 3),
        svg.stacked_bar(0, 0, 0, prefix="empty"),
        svg.scatter_groups([(0, 0), (1, 0), (0, 1), (5, 5), (6, 5), (5, 6), (3, 3)],
                           [0, 0, 0, 1, 1, 1, None]),
    ]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (luminance(hex_colour) + 0.05)


# ---------------------------------------------------------------- every chart


def test_every_chart_is_well_formed_xml():
    for markup in all_charts():
        assert parse(markup).tag == NS + "svg"


def test_no_chart_uses_inline_styles_or_scripts():
    for markup in all_charts():
        lowered = markup.lower()
        assert "style=" not in lowered
        assert "<style" not in lowered
        assert "<script" not in lowered
        assert "javascript:" not in lowered
        assert not re.search(r"\son\w+=", lowered)  # no event handler attributes


def test_every_chart_is_an_image_labelled_by_its_title_and_description():
    for markup in all_charts():
        root = parse(markup)
        assert root.get("role") == "img"
        ids = root.get("aria-labelledby").split()
        assert len(ids) == 2
        title, desc = root.find(NS + "title"), root.find(NS + "desc")
        assert [title.get("id"), desc.get("id")] == ids
        assert title.text and desc.text


def test_every_chart_scales_with_a_viewbox_and_no_fixed_size():
    for markup in all_charts():
        root = parse(markup)
        x, y, w, h = (float(v) for v in root.get("viewBox").split())
        assert (x, y, w) == (0, 0, 400) and h > 0
        assert root.get("width") is None and root.get("height") is None


def test_text_is_readable_and_has_enough_contrast():
    for markup in all_charts():
        for text in parse(markup).iter(NS + "text"):
            assert float(text.get("font-size")) >= 13
            assert contrast_on_white(text.get("fill")) >= 4.5


def test_ids_are_unique_per_prefix_and_prefixes_are_cleaned():
    a = parse(svg.stacked_bar(1, 2, 3, prefix="stelling-1"))
    b = parse(svg.stacked_bar(1, 2, 3, prefix="stelling-2"))
    assert a.find(NS + "title").get("id") != b.find(NS + "title").get("id")
    odd = parse(svg.stacked_bar(1, 2, 3, prefix='9 "><x'))
    assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", odd.find(NS + "title").get("id"))


def test_svg_escapes_labels():
    evil = '<script>alert("x")</script> & "quotes"'
    markups = [
        svg.ternary_plot(POINTS, (evil, "b", "c"), titles=[evil] * 4, title=evil),
        svg.histogram([0.5], 4, evil, evil, title=evil),
        svg.bar_chart([(evil, 1)], title=evil),
        svg.stacked_bar(1, 1, 1, title=evil, description=evil),
        svg.scatter_groups([(0, 0), (1, 1), (0, 1)], [0, 0, 0], group_labels=[evil]),
    ]
    for markup in markups:
        assert "<script" not in markup
        root = parse(markup)
        texts = ["".join(el.itertext()) for el in root.iter()]
        assert any(evil in t for t in texts)  # shown as text, exactly as written


def test_unsafe_links_are_refused():
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x"):
        with pytest.raises(ValueError, match="onveilige link"):
            svg.ternary_plot(POINTS[:1], links=[bad])


# ---------------------------------------------------------------- ternary plot


def test_ternary_plot_has_one_circle_per_point():
    root = parse(svg.ternary_plot(POINTS, LABELS))
    assert len(list(root.iter(NS + "circle"))) == len(POINTS)


def test_ternary_plot_shows_the_corner_labels():
    root = parse(svg.ternary_plot(POINTS, LABELS))
    text = " ".join("".join(t.itertext()) for t in root.iter(NS + "text"))
    for label in LABELS:
        assert label in text or all(word in text for word in label.split())


def test_ternary_dots_link_to_their_stories_with_a_tooltip():
    root = parse(svg.ternary_plot(POINTS, LABELS, links=["/v/1/", "/v/2/", None, "/v/4/"],
                                  titles=["Eén", "Twee", "Drie", "Vier"]))
    anchors = list(root.iter(NS + "a"))
    assert [a.get("href") for a in anchors] == ["/v/1/", "/v/2/", "/v/4/"]
    assert all(a.get("tabindex") == "-1" for a in anchors)
    tips = [c.find(NS + "title").text for c in root.iter(NS + "circle")]
    assert sorted(tips) == sorted(["Eén", "Twee", "Drie", "Vier"])


def test_default_tooltip_gives_the_three_percentages():
    root = parse(svg.ternary_plot([(0.6, 0.3, 0.1)], LABELS))
    (circle,) = root.iter(NS + "circle")
    assert circle.find(NS + "title").text == (
        "de Bedoeling 60% · regels & procedures 30% · targets & KPI's 10%"
    )


def test_dots_sit_where_their_weights_say():
    root = parse(svg.ternary_plot([(1, 0, 0), (0, 1, 0), (0, 0, 1)], LABELS))
    a, b, c = ((float(el.get("cx")), float(el.get("cy"))) for el in root.iter(NS + "circle"))
    assert a[1] == pytest.approx(b[1]) and a[0] < c[0] < b[0] and c[1] < a[1]
    assert c[0] == pytest.approx((a[0] + b[0]) / 2)
    assert b[0] - a[0] == pytest.approx(np.hypot(c[0] - a[0], c[1] - a[1]), abs=0.2)


def test_highlighted_dots_are_drawn_last_and_marked():
    root = parse(svg.ternary_plot(POINTS, LABELS, highlight=[0]))
    circles = list(root.iter(NS + "circle"))
    assert "dot-highlight" in circles[-1].get("class")
    assert sum("dot-highlight" in c.get("class") for c in circles) == 1


def test_density_shades_cells_instead_of_drawing_thousands_of_dots():
    weights = np.random.default_rng(1).dirichlet([2, 1, 1], 10_000)
    markup = svg.ternary_plot(weights, LABELS, density=True)
    root = parse(markup)
    assert not list(root.iter(NS + "circle"))
    cells = [p for p in root.iter(NS + "polygon") if p.get("class") == "cell"]
    assert 0 < len(cells) <= 100
    counts = [int(c.find(NS + "title").text.split()[0].replace(".", "")) for c in cells]
    assert sum(counts) == 10_000
    opacities = [float(c.get("fill-opacity")) for c in cells]
    assert max(opacities) == pytest.approx(0.95) and min(opacities) >= 0.1
    assert len(markup) < 60_000


def test_density_auto_switches_on_at_a_thousand_points():
    few = np.full((999, 3), 1 / 3)
    many = np.full((1000, 3), 1 / 3)
    assert 'class="cell"' not in svg.ternary_plot(few, density="auto")
    assert 'class="cell"' in svg.ternary_plot(many, density="auto")


def test_comparison_draws_two_centres_and_an_arrow():
    markup = svg.ternary_plot(POINTS, LABELS, compare=([(0.8, 0.1, 0.1)], [(0.1, 0.1, 0.8)]),
                              compare_labels=("2024", "2025"), prefix="cmp")
    root = parse(markup)
    centres = [g for g in root.iter(NS + "g") if g.get("class") == "centre"]
    assert len(centres) == 2
    assert "2024" in centres[0].find(NS + "title").text
    (arrow,) = [el for el in root.iter(NS + "line") if el.get("class") == "shift-arrow"]
    assert arrow.get("marker-end") == "url(#cmp-arrow)"
    assert float(arrow.get("y2")) < float(arrow.get("y1"))  # towards the top corner
    assert "richting targets & KPI's" in root.find(NS + "desc").text
    assert len(list(root.iter(NS + "circle"))) == len(POINTS)


def test_invalid_points_are_refused():
    with pytest.raises(ValueError):
        svg.ternary_plot([(0.5, 0.5, 0.5)])
    with pytest.raises(ValueError):
        svg.ternary_plot(POINTS, links=["/a/"])


def test_empty_ternary_plot_still_renders():
    root = parse(svg.ternary_plot([], LABELS))
    assert not list(root.iter(NS + "circle"))
    assert "zonder" in root.find(NS + "desc").text


def test_ternary_rows_give_the_same_numbers_as_a_table():
    rows = svg.ternary_rows(POINTS[:2], LABELS, titles=["Eén", "Twee"], links=["/1/", None])
    assert rows[0] == ("", *LABELS, "Link")
    assert rows[1] == ("Eén", "60%", "20%", "20%", "/1/")
    assert rows[2] == ("Twee", "10%", "80%", "10%", None)


# ---------------------------------------------------------------- histogram


def test_histogram_counts_values_per_bin_and_not_applicable_apart():
    values = [0.0, 0.05, 0.1, 0.55, 1.0, None, None]
    root = parse(svg.histogram(values, 10, "links", "rechts"))
    bars = [r for r in root.iter(NS + "rect") if r.get("class") == "bar"]
    assert len(bars) == 10
    tips = [b.find(NS + "title").text for b in bars]
    assert tips[0] == "0–10%: 2 antwoorden"
    assert tips[1] == "10–20%: 1 antwoord"
    assert tips[9] == "90–100%: 1 antwoord"
    (na,) = [r for r in root.iter(NS + "rect") if "bar-na" in r.get("class")]
    assert na.find(NS + "title").text == "n.v.t.: 2 antwoorden"
    assert "n.v.t.: 2" in root.find(NS + "desc").text


def test_histogram_bar_heights_follow_the_counts():
    root = parse(svg.histogram([0.1, 0.1, 0.9], 2))
    bars = [r for r in root.iter(NS + "rect") if r.get("class") == "bar"]
    assert float(bars[0].get("height")) == pytest.approx(2 * float(bars[1].get("height")))


def test_histogram_refuses_values_outside_zero_to_one():
    for bad in (-0.1, 1.2, float("nan")):
        with pytest.raises(ValueError):
            svg.histogram([0.5, bad])


def test_histogram_rows_name_the_ends_of_the_scale():
    rows = svg.histogram_rows([0.1, 0.9, None], 2, "regels", "bedoeling")
    assert rows == [("Positie", "Aantal"), ("0–50% (regels)", 1), ("50–100% (bedoeling)", 1),
                    ("n.v.t.", 1)]


# ---------------------------------------------------------------- bar chart


def test_bar_chart_draws_one_bar_per_item_in_proportion():
    root = parse(svg.bar_chart([("Schrappen", 2), ("Aanpassen", 4), ("Uitleggen", 0)]))
    bars = [r for r in root.iter(NS + "rect") if "bar" in r.get("class").split()]
    widths = [float(b.get("width")) for b in bars]
    assert len(bars) == 3
    assert widths[1] == pytest.approx(2 * widths[0], abs=0.1) and widths[2] == 0


def test_bar_chart_shows_vote_shares_as_percentages():
    markup = svg.bar_chart([("Eens", 0.625)], value_format=svg.percent, max_value=1)
    assert ">62%<" in markup or ">63%<" in markup


def test_highlighted_bar_is_marked_in_words_too():
    root = parse(svg.bar_chart([("A", 1), ("B", 2)], highlight=[1]))
    text = " ".join("".join(t.itertext()) for t in root.iter(NS + "text"))
    assert "B (gekozen)" in text and "A (gekozen)" not in text


def test_bar_chart_refuses_negative_values_and_renders_when_empty():
    with pytest.raises(ValueError):
        svg.bar_chart([("A", -1)])
    assert "Nog geen gegevens" in svg.bar_chart([])


def test_bar_rows_list_labels_and_values():
    assert svg.bar_rows([("A", 3), ("B", 1)]) == [("", "Aantal"), ("A", 3.0), ("B", 1.0)]


# ---------------------------------------------------------------- agree / disagree / pass


def test_stacked_bar_splits_into_agree_disagree_pass():
    root = parse(svg.stacked_bar(6, 3, 1))
    segments = [r for r in root.iter(NS + "rect") if "segment" in r.get("class")]
    widths = [float(s.get("width")) for s in segments]
    assert widths == pytest.approx([240, 120, 40])
    text = " ".join("".join(t.itertext()) for t in root.iter(NS + "text"))
    assert "eens 6 (60%)" in text and "oneens 3 (30%)" in text and "pas 1 (10%)" in text


def test_stacked_bar_without_votes_says_so():
    root = parse(svg.stacked_bar(0, 0, 0))
    assert root.find(NS + "desc").text == "Nog geen stemmen."


def test_stacked_bar_legend_wraps_for_big_numbers():
    root = parse(svg.stacked_bar(12345, 23456, 34567))
    ys = {float(t.get("y")) for t in root.iter(NS + "text")}
    assert "eens 12.345 (18%)" in {"".join(t.itertext()) for t in root.iter(NS + "text")}
    assert len(ys) == 2


def test_stacked_bar_refuses_negative_counts():
    with pytest.raises(ValueError):
        svg.stacked_bar(-1, 0, 0)


def test_stacked_rows_give_counts_and_shares():
    assert svg.stacked_rows(1, 1, 2) == [
        ("Stem", "Aantal", "Aandeel"),
        ("eens", 1, "25%"),
        ("oneens", 1, "25%"),
        ("pas", 2, "50%"),
    ]


# ---------------------------------------------------------------- opinion map


def opinion_map(**kwargs):
    points = [(0, 0), (1, 0), (0, 1), (5, 5), (6, 5), (5, 6), (9, 0), (3, 3)]
    groups = [0, 0, 0, 1, 1, 1, 2, -1]
    return parse(svg.scatter_groups(points, groups, **kwargs))


def test_opinion_map_groups_differ_in_shape_as_well_as_colour():
    dots = list(opinion_map().find(f"{NS}g[@class='dots']"))
    assert len(dots) == 8
    looks: dict[str, set] = {}
    for el in dots:
        if "dot-group" in el.get("class"):
            looks.setdefault(el.get("class"), set()).add((el.tag, el.get("fill")))
    assert len(looks) == 3
    assert all(len(look) == 1 for look in looks.values())  # one look per group
    tags = {tag for look in looks.values() for tag, _ in look}
    fills = {fill for look in looks.values() for _, fill in look}
    assert tags == {NS + "circle", NS + "rect", NS + "path"} and len(fills) == 3


def test_opinion_map_legend_names_groups_with_their_size():
    root = opinion_map()
    text = [("".join(t.itertext())) for t in root.iter(NS + "text")]
    assert "A · 3 deelnemers" in text
    assert "C · 1 deelnemer" in text
    assert "niet ingedeeld · 1 deelnemer" in text


def test_opinion_map_draws_hulls_around_groups_of_three_or_more():
    root = opinion_map()
    hulls = [p for p in root.iter(NS + "polygon") if "hull" in p.get("class")]
    assert len(hulls) == 2
    assert not [p for p in opinion_map(hulls=False).iter(NS + "polygon")]


def test_opinion_map_uses_given_group_names():
    root = opinion_map(group_labels=["Voor", "Tegen", "Twijfel"])
    assert any("Voor · 3 deelnemers" == "".join(t.itertext()) for t in root.iter(NS + "text"))


def test_opinion_map_keeps_the_aspect_ratio():
    root = parse(svg.scatter_groups([(0, 0), (10, 0), (0, 1)], [0, 0, 0], hulls=False))
    dots = [(float(el.get("cx")), float(el.get("cy"))) for el in root.find(f"{NS}g[@class='dots']")]
    (x0, y0), (x1, _), (_, y2) = dots
    assert x1 - x0 == pytest.approx(10 * (y0 - y2), rel=0.01)


def test_opinion_map_refuses_mismatched_groups():
    with pytest.raises(ValueError):
        svg.scatter_groups([(0, 0)], [0, 1])


def test_scatter_rows_count_participants_per_group():
    assert svg.scatter_rows([0, 0, 1, None, -1]) == [
        ("Groep", "Aantal deelnemers"),
        ("A", 2),
        ("B", 1),
        ("niet ingedeeld", 2),
    ]


def test_group_letters_continue_after_z():
    assert [svg.group_letter(i) for i in (0, 1, 25, 26)] == ["A", "B", "Z", "AA"]


def test_dutch_numbers():
    assert svg.number(2.5) == "2,5"
    assert svg.number(1234) == "1.234"
    assert svg.number(1234.5) == "1.234,5"
    assert svg.percent(0.456) == "46%"


def test_the_charts_own_words_and_numbers_follow_the_reader_s_language():
    from django.utils import translation

    values = [0.1] * 1234 + [None] * 3
    with translation.override("en"):
        english = svg.histogram(values, left_label="rules", right_label="purpose")
        opinion = svg.scatter_groups([(0, 0), (1, 1), (2, 2)], [0, 0, None])
        assert svg.number(1234.5) == "1,234.5"
        assert svg.histogram_rows(values)[-1] == ("n/a", 3)
    assert ">n/a<" in english and "1,234" in english and "n.v.t." not in english
    assert "Distribution of 1,234 answers" in english
    assert "not grouped · 1 participant" in opinion and "niet ingedeeld" not in opinion
    with translation.override("nl"):
        dutch = svg.histogram(values)
        assert svg.number(1234.5) == "1.234,5"
    assert ">n.v.t.<" in dutch and "1.234" in dutch
