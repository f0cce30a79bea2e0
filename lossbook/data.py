"""Seeded synthetic data sets for the experiments. The same seed gives the same data."""

import numpy as np

from . import _validation as v


def _count(n, name="n", minimum=1):
    return v.integer(n, name, minimum=minimum)


def line_data(n=30, *, w=2.0, b=1.0, noise=1.0, n_outliers=0, outlier_shift=30.0, x_range=(0.0, 10.0), seed=0):
    """Points near the line ``y = w x + b``, optionally with gross outliers.

    The outliers are the points with the largest ``x`` (the last ones), shifted
    up by ``outlier_shift``: one-sided, so they pull an MSE fit off the line.

    Returns
    -------
    X : ndarray, shape (n, 1)
    y : ndarray, shape (n,)
    is_outlier : ndarray of bool, shape (n,)

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (n, n_outliers: integers (n >= 1, 0 <= n_outliers <= n); noise >= 0).

    Notes
    -----
    Taught in chapters 1, 2.

    References
    ----------
    .. [1] scikit-learn, ``sklearn.datasets.make_regression`` (a comparable generator). https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_regression.html
    """
    n = _count(n)
    n_outliers = _count(n_outliers, "n_outliers", minimum=0)
    if n_outliers > n:
        raise ValueError(f"n_outliers must be <= n ({n}), got {n_outliers}")
    noise = v.scalar(noise, "noise", minimum=0.0)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(*x_range, size=n))
    y = v.scalar(w, "w") * x + v.scalar(b, "b") + noise * rng.normal(size=n)
    is_outlier = np.zeros(n, dtype=bool)
    if n_outliers:
        is_outlier[-n_outliers:] = True
    y[is_outlier] += v.scalar(outlier_shift, "outlier_shift")
    return x[:, None], y, is_outlier


def two_blobs(n=200, *, distance=3.0, std=1.0, seed=0):
    """Two Gaussian blobs in 2-D, ``n // 2`` points each, labels 0 and 1, centres ``distance`` apart.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (n: an integer >= 2; std > 0).

    Notes
    -----
    Taught in chapters 3, 4.

    References
    ----------
    .. [1] scikit-learn, ``sklearn.datasets.make_blobs``. https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_blobs.html
    """
    n = _count(n, minimum=2)
    std = v.scalar(std, "std", minimum=0.0, strict=True)
    rng = np.random.default_rng(seed)
    y = np.repeat([0.0, 1.0], [n - n // 2, n // 2])
    centres = np.array([[-0.5, -0.5], [0.5, 0.5]]) * v.scalar(distance, "distance") / np.sqrt(2)
    X = centres[y.astype(int)] + std * rng.normal(size=(n, 2))
    return X, y


def imbalanced_binary(n=5000, *, positive_fraction=0.01, separation=2.5, n_features=2, seed=0):
    """A binary problem where only ``positive_fraction`` of the points are positive.

    Negatives are standard normal; positives are shifted by ``separation`` along the
    diagonal, so the classes overlap and the rare class is genuinely hard.

    Returns
    -------
    X : ndarray, shape (n, n_features)
    y : ndarray of 0.0/1.0, shape (n,)

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (n: an integer >= 2; n_features: an integer >= 1; positive_fraction in [0, 1]).

    Notes
    -----
    Taught in chapters 5, 6.

    References
    ----------
    .. [1] T.-Y. Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017 (the class-imbalance setting). https://arxiv.org/abs/1708.02002
    """
    n = _count(n, minimum=2)
    n_features = _count(n_features, "n_features")
    frac = v.scalar(positive_fraction, "positive_fraction", minimum=0.0, maximum=1.0)
    rng = np.random.default_rng(seed)
    n_pos = max(1, int(round(frac * n)))
    y = np.zeros(n)
    y[rng.choice(n, size=n_pos, replace=False)] = 1.0
    shift = v.scalar(separation, "separation") / np.sqrt(n_features)
    X = rng.normal(size=(n, n_features)) + shift * y[:, None]
    return X, y


def blobs(n=300, *, n_classes=3, spread=3.0, std=1.0, n_features=2, seed=0):
    """``n_classes`` Gaussian blobs with random centres; labels are class indices ``0..n_classes-1``.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (n, n_classes, n_features: integers >= 1; std >= 0).

    Notes
    -----
    Taught in chapters 3, 6.

    References
    ----------
    .. [1] scikit-learn, ``sklearn.datasets.make_blobs``. https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_blobs.html
    """
    n = _count(n)
    n_classes = _count(n_classes, "n_classes")
    n_features = _count(n_features, "n_features")
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=v.scalar(spread, "spread"), size=(n_classes, n_features))
    y = np.arange(n) % n_classes
    X = centres[y] + v.scalar(std, "std", minimum=0.0) * rng.normal(size=(n, n_features))
    return X, y


def train_test_split(X, y, *, test_fraction=0.3, seed=0):
    """Shuffle and split into ``X_train, X_test, y_train, y_test``.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (X and y of the same length; test_fraction in [0, 1]).

    Notes
    -----
    Taught in chapter 6.

    References
    ----------
    .. [1] scikit-learn, ``sklearn.model_selection.train_test_split``. https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.train_test_split.html
    """
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same length, got {len(X)} and {len(y)}")
    frac = v.scalar(test_fraction, "test_fraction", minimum=0.0, maximum=1.0)
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = int(round(frac * len(X)))
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def rare_island(n=6000, *, positive_fraction=0.02, ring_fraction=0.3, box=6.0, seed=0):
    """A rare class on a small island, ringed by hard negatives, in a sea of easy negatives (2-D).

    Positives are normal around the origin (standard deviation 0.4). Of the negatives, a
    fraction ``ring_fraction`` lie on a flattened ring around the island (radius 0.5 to 1.5,
    squeezed to half its height, shifted by 0.3 along the first axis: hard negatives), the
    rest uniformly in the square ``[-box, box]²`` (mostly easy, far away). The true log-odds
    is not a linear or quadratic function of the features, so a logistic model on linear or
    quadratic features is misspecified: which points it fits best depends on the loss.

    Returns
    -------
    X : ndarray, shape (n, 2)
    y : ndarray of 0.0/1.0, shape (n,); positives first, then ring, then sea

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (n: an integer >= 2; positive_fraction and
        ring_fraction in [0, 1]; box > 0).

    Notes
    -----
    Taught in chapter 5 (a case where focal loss helps).

    References
    ----------
    .. [1] T.-Y. Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017 (many easy negatives). https://arxiv.org/abs/1708.02002
    """
    n = _count(n, minimum=2)
    frac = v.scalar(positive_fraction, "positive_fraction", minimum=0.0, maximum=1.0)
    ring = v.scalar(ring_fraction, "ring_fraction", minimum=0.0, maximum=1.0)
    box = v.scalar(box, "box", minimum=0.0, strict=True)
    rng = np.random.default_rng(seed)
    n_pos = max(1, int(round(frac * n)))
    n_neg = n - n_pos
    n_ring = int(round(ring * n_neg))
    positives = 0.4 * rng.normal(size=(n_pos, 2))
    angle, radius = rng.uniform(0, 2 * np.pi, n_ring), rng.uniform(0.5, 1.5, n_ring)
    ring_points = np.c_[radius * np.cos(angle) + 0.3, 0.5 * radius * np.sin(angle)]
    sea = rng.uniform(-box, box, (n_neg - n_ring, 2))
    X = np.r_[positives, ring_points, sea]
    y = np.r_[np.ones(n_pos), np.zeros(n_neg)]
    return X, y
