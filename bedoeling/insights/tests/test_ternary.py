import math

import numpy as np
import pytest

from bedoeling.insights.ternary import (
    CORNERS,
    HEIGHT,
    TOLERANCE,
    centre_of_mass,
    density,
    from_xy,
    gridlines,
    normalise,
    shift,
    to_xy,
    validate,
)


def test_corners_map_to_the_corners_of_an_equilateral_triangle():
    assert to_xy([1, 0, 0]) == pytest.approx([0, 0])
    assert to_xy([0, 1, 0]) == pytest.approx([1, 0])
    assert to_xy([0, 0, 1]) == pytest.approx([0.5, math.sqrt(3) / 2])
    sides = [np.linalg.norm(CORNERS[i] - CORNERS[(i + 1) % 3]) for i in range(3)]
    assert sides == pytest.approx([1, 1, 1])


def test_equal_weights_map_to_the_centre():
    assert to_xy([1 / 3, 1 / 3, 1 / 3]) == pytest.approx([0.5, HEIGHT / 3])


def test_weights_and_points_convert_both_ways():
    weights = np.random.default_rng(1).dirichlet([1, 1, 1], 500)
    assert from_xy(to_xy(weights)) == pytest.approx(weights)


def test_many_points_convert_at_once():
    assert to_xy([[1, 0, 0], [0, 1, 0]]).shape == (2, 2)


def test_point_outside_triangle_is_refused():
    with pytest.raises(ValueError, match="buiten de driehoek"):
        from_xy([0.9, 0.8])
    with pytest.raises(ValueError, match="buiten de driehoek"):
        from_xy([0.5, -0.1])


def test_negative_weight_is_refused_with_the_weight_named():
    with pytest.raises(ValueError, match="gewicht b = -0.2 is negatief"):
        validate([0.7, -0.2, 0.5])


def test_weights_not_summing_to_one_are_refused():
    with pytest.raises(ValueError, match="tellen op tot 0.9"):
        validate([0.3, 0.3, 0.3])


def test_percentages_are_refused_with_a_hint_to_normalise():
    with pytest.raises(ValueError, match="normalise"):
        validate([50, 30, 20])
    assert normalise([50, 30, 20]) == pytest.approx([0.5, 0.3, 0.2])


def test_the_offending_point_is_named_in_a_batch():
    with pytest.raises(ValueError, match="punt 2"):
        validate([[1, 0, 0], [0, 1, 0], [0.5, 0.6, 0]])


def test_rounding_noise_within_tolerance_is_accepted_and_cleaned():
    weights = validate([0.5 + TOLERANCE / 2, 0.5, -TOLERANCE / 2])
    assert weights.sum() == pytest.approx(1.0, abs=1e-15)
    assert weights[2] == 0.0
    assert validate([0.1, 0.2, 1 - 0.1 - 0.2]).sum() == pytest.approx(1.0, abs=1e-15)


def test_non_numbers_and_wrong_shapes_are_refused():
    for bad in ([math.nan, 0.5, 0.5], [math.inf, 0, 0], [0.5, 0.5], "abc", [[1, 0, 0, 0]]):
        with pytest.raises(ValueError):
            validate(bad)


def test_normalise_refuses_all_zero_and_negative_values():
    with pytest.raises(ValueError, match="niets te verdelen"):
        normalise([0, 0, 0])
    with pytest.raises(ValueError):
        normalise([1, -1, 2])


def test_centre_of_mass_is_the_mean_of_the_weights():
    centre = centre_of_mass([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]])
    assert centre == pytest.approx([0.5, 0.25, 0.25])
    assert centre.sum() == pytest.approx(1)


def test_centre_of_mass_can_weigh_points():
    centre = centre_of_mass([[1, 0, 0], [0, 1, 0]], sample_weight=[3, 1])
    assert centre == pytest.approx([0.75, 0.25, 0])


def test_empty_set_has_no_centre_of_mass():
    with pytest.raises(ValueError, match="lege verzameling"):
        centre_of_mass(np.empty((0, 3)))


def test_shift_reports_where_the_centre_moved():
    moved = shift([[0.6, 0.2, 0.2], [0.8, 0.1, 0.1]], [[0.2, 0.2, 0.6], [0.2, 0.4, 0.4]])
    assert moved.before == pytest.approx((0.7, 0.15, 0.15))
    assert moved.after == pytest.approx((0.2, 0.3, 0.5))
    assert moved.delta == pytest.approx((-0.5, 0.15, 0.35))
    assert sum(moved.delta) == pytest.approx(0)
    assert moved.towards == 2
    expected = np.linalg.norm(to_xy(moved.after) - to_xy(moved.before))
    assert moved.distance == pytest.approx(expected)


def test_no_shift_between_identical_sets():
    moved = shift([[0.2, 0.3, 0.5]], [[0.2, 0.3, 0.5]])
    assert moved.distance == pytest.approx(0) and moved.towards is None


def test_density_counts_every_point_exactly_once():
    weights = np.random.default_rng(2).dirichlet([0.7, 1.2, 2], 5000)
    grid = density(weights, resolution=8)
    assert grid.total == 5000
    assert sum(cell.count for cell in grid.cells) == 5000
    assert len(grid.cells) <= 8 * 8
    assert grid.max_count == max(cell.count for cell in grid.cells)


def test_every_point_lies_inside_its_density_cell():
    n = 6
    weights = np.random.default_rng(3).dirichlet([1, 1, 1], 300)
    for w in weights:
        (cell,) = density([w], resolution=n).cells
        lows = np.array(cell.ijk) / n
        assert (w >= lows - 1e-9).all() and (w <= lows + 1 / n + 1e-9).all()
        corner_sums = [sum(c) for c in cell.corners]
        assert corner_sums == pytest.approx([1, 1, 1])


def test_points_on_grid_nodes_and_corners_are_binned():
    grid = density([[1, 0, 0], [0, 0, 1], [0.5, 0.5, 0], [0.3, 0.3, 0.4]], resolution=10)
    assert sum(cell.count for cell in grid.cells) == 4
    assert all(cell.up for cell in grid.cells)


def test_cells_tile_the_triangle():
    n = 5
    # One point in the middle of every cell: each cell gets exactly one.
    centres = []
    for i in range(n):
        for j in range(n - i):
            k = n - 1 - i - j
            centres.append(((i + 1 / 3) / n, (j + 1 / 3) / n, (k + 1 / 3) / n))
            if k >= 1:
                centres.append(((i + 2 / 3) / n, (j + 2 / 3) / n, (k - 1 + 2 / 3) / n))
    grid = density(centres, resolution=n)
    assert len(centres) == n * n
    assert len(grid.cells) == n * n
    assert all(cell.count == 1 for cell in grid.cells)


def test_density_of_many_points_is_fast():
    import time

    weights = np.random.default_rng(4).dirichlet([1, 1, 1], 100_000)
    start = time.perf_counter()
    density(weights, resolution=12)
    assert time.perf_counter() - start < 2


def test_gridlines_run_from_edge_to_edge():
    lines = gridlines(0.25)
    assert len(lines) == 9
    for start, end in lines:
        assert sum(start) == pytest.approx(1) and sum(end) == pytest.approx(1)
        assert min(start) == 0 and min(end) == 0
    with pytest.raises(ValueError):
        gridlines(0.3)
