"""The rare-island data set of chapter 5 (a case where focal loss helps)."""

import numpy as np
import pytest

import lossbook as lb


def test_shapes_counts_and_seed():
    X, y = lb.data.rare_island(1000, positive_fraction=0.02, ring_fraction=0.3, box=6.0, seed=3)
    assert X.shape == (1000, 2) and y.shape == (1000,)
    assert set(np.unique(y)) == {0.0, 1.0} and y.sum() == 20
    X2, y2 = lb.data.rare_island(1000, positive_fraction=0.02, ring_fraction=0.3, box=6.0, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert not np.array_equal(X, lb.data.rare_island(1000, seed=4)[0])


def test_geometry():
    X, y = lb.data.rare_island(20000, positive_fraction=0.05, ring_fraction=0.5, box=5.0, seed=0)
    pos, neg = X[y == 1], X[y == 0]
    assert np.abs(pos.mean(axis=0)).max() < 0.05 and abs(pos.std() - 0.4) < 0.02
    ring = neg[: int(round(0.5 * len(neg)))]
    u = np.c_[ring[:, 0] - 0.3, 2 * ring[:, 1]]
    r = np.linalg.norm(u, axis=1)
    assert r.min() >= 0.5 - 1e-12 and r.max() <= 1.5 + 1e-12
    sea = neg[len(ring):]
    assert np.abs(sea).max() <= 5.0 and np.abs(sea).max() > 4.9


@pytest.mark.parametrize("kwargs", [dict(n=1), dict(positive_fraction=1.5), dict(ring_fraction=-0.1),
                                    dict(box=0.0), dict(n="many")])
def test_bad_arguments(kwargs):
    with pytest.raises((ValueError, TypeError)):
        lb.data.rare_island(**kwargs)
