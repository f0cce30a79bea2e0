"""Metrics against hand counts and a brute-force average precision."""

import numpy as np
import pytest

import lossbook as lb


def test_counts_by_hand():
    y = [1, 1, 0, 0, 1]
    p = [1, 0, 1, 0, 1]  # TP = 2, FP = 1, FN = 1, TN = 1
    assert lb.accuracy(y, p) == 3 / 5
    assert lb.precision(y, p) == 2 / 3
    assert lb.recall(y, p) == 2 / 3


def test_nothing_flagged_gives_zero_precision_and_recall():
    assert lb.precision([1, 0], [0, 0]) == 0.0 and lb.recall([1, 0], [0, 0]) == 0.0


def _brute_ap(y, s):
    """Step-wise area under the PR curve, one threshold per distinct score."""
    y, s = np.asarray(y, float), np.asarray(s, float)
    ap, prev_r = 0.0, 0.0
    for t in np.sort(np.unique(s))[::-1]:
        flagged = s >= t
        tp = (y * flagged).sum()
        r, p = tp / y.sum(), tp / flagged.sum()
        ap += (r - prev_r) * p
        prev_r = r
    return ap


@pytest.mark.parametrize("seed", range(5))
def test_average_precision_matches_brute_force(seed):
    rng = np.random.default_rng(seed)
    y = (rng.random(60) < 0.2).astype(float)
    y[0] = 1.0
    s = np.round(rng.random(60) + y * 0.3, 1)  # rounded: plenty of ties
    assert np.isclose(lb.average_precision(y, s), _brute_ap(y, s), rtol=1e-12)


def test_average_precision_perfect_and_reversed():
    assert lb.average_precision([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert lb.average_precision([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]) == pytest.approx((1 / 3 + 2 / 4) / 2)


@pytest.mark.parametrize("call, match", [
    (lambda: lb.precision([1, 0], [0.7, 0.2]), "y_pred"),
    (lambda: lb.recall([2, 0], [1, 0]), "y_true"),
    (lambda: lb.average_precision([0, 0], [0.3, 0.1]), "y_true"),
    (lambda: lb.average_precision([1, 0], [0.3]), "scores"),
    (lambda: lb.accuracy([1, 0, 1], [[1], [0], [1]]), "y_pred"),
    (lambda: lb.accuracy([1, 0], [0.9, 0.1]), r"y_pred must hold hard labels.*\[0.9, 0.1\]"),  # probabilities, not labels
    (lambda: lb.accuracy([0.5, 1], [1, 1]), r"y_true must hold hard labels"),
])
def test_bad_input_is_named(call, match):
    with pytest.raises(ValueError, match=match):
        call()
