"""Evaluation metrics (chapters 1, 5, 6): what we report, as opposed to what we train on.

Binary metrics take labels 0/1 (``y_true``) and either hard predictions 0/1 or scores
where larger means "more positive".
"""

import numpy as np

from . import _validation as v


def _binary(y_true, y_other, name):
    y_true = v.as_array(y_true, "y_true")
    y_other = v.as_array(y_other, name)
    v.same_shape(y_true, y_other, "y_true", name)
    bad = (y_true != 0) & (y_true != 1)
    if bad.any():
        raise ValueError(f"y_true must hold labels 0 or 1, got {v._preview(y_true[bad])}")
    return y_true, y_other


def _hard(y_pred):
    bad = (y_pred != 0) & (y_pred != 1)
    if bad.any():
        raise ValueError(f"y_pred must hold predicted labels 0 or 1 (threshold your scores first), got {v._preview(y_pred[bad])}")


def _labels(a, name):
    """Hard labels: whole numbers. Probabilities or scores (0.9) are refused, not compared."""
    frac = a != np.round(a)
    if frac.any():
        raise ValueError(f"{name} must hold hard labels (whole numbers such as 0, 1 or class indices); "
                         f"got {int(frac.sum())} fractional value(s) {v._preview(a[frac])}: "
                         "threshold probabilities or take the argmax of scores first")


def accuracy(y_true, y_pred):
    """Fraction of predictions equal to the target (any set of whole-number labels).

    Parameters
    ----------
    y_true, y_pred : array_like, same shape
        Hard labels (0/1, -1/+1 or class indices).

    Returns
    -------
    float in [0, 1]

    Raises
    ------
    TypeError
        Non-numeric input.
    ValueError
        Different shapes, or fractional values (probabilities or scores instead of labels).

    Notes
    -----
    Chapters 1 and 6. ``accuracy([1, 0], [0.9, 0.1])`` is refused rather than 0.0.

    References
    ----------
    .. [1] scikit-learn, ``sklearn.metrics.accuracy_score``.
       https://scikit-learn.org/stable/modules/generated/sklearn.metrics.accuracy_score.html

    Examples
    --------
    >>> accuracy([1, 0, 1], [1, 1, 1])
    0.6666666666666666
    """
    y_true = v.as_array(y_true, "y_true")
    y_pred = v.as_array(y_pred, "y_pred")
    v.same_shape(y_true, y_pred, "y_true", "y_pred")
    _labels(y_true, "y_true")
    _labels(y_pred, "y_pred")
    return float(np.mean(y_true == y_pred))


def precision(y_true, y_pred):
    r"""Precision (精确率) :math:`TP / (TP + FP)`: of the points flagged positive, how many are. 0 if nothing is flagged.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (y_true: labels 0 or 1; y_pred: predicted labels 0 or 1).

    Notes
    -----
    Taught in chapters 5, 6.

    References
    ----------
    .. [1] C. D. Manning, P. Raghavan, H. Schuetze, *Introduction to Information Retrieval*, Cambridge 2008, section 8.3. https://nlp.stanford.edu/IR-book/html/htmledition/evaluation-of-unranked-retrieval-sets-1.html
    """
    y_true, y_pred = _binary(y_true, y_pred, "y_pred")
    _hard(y_pred)
    flagged = y_pred.sum()
    return float((y_true * y_pred).sum() / flagged) if flagged else 0.0


def recall(y_true, y_pred):
    r"""Recall (召回率) :math:`TP / (TP + FN)`: of the positives, how many were flagged. 0 if there are none.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (y_true: labels 0 or 1; y_pred: predicted labels 0 or 1).

    Notes
    -----
    Taught in chapters 5, 6.

    References
    ----------
    .. [1] C. D. Manning, P. Raghavan, H. Schuetze, *Introduction to Information Retrieval*, Cambridge 2008, section 8.3. https://nlp.stanford.edu/IR-book/html/htmledition/evaluation-of-unranked-retrieval-sets-1.html
    """
    y_true, y_pred = _binary(y_true, y_pred, "y_pred")
    _hard(y_pred)
    positives = y_true.sum()
    return float((y_true * y_pred).sum() / positives) if positives else 0.0


def average_precision(y_true, scores):
    r"""Average precision: the area under the precision-recall curve, as a step sum.

    .. math:: \mathrm{AP} = \sum_k (R_k - R_{k-1})\, P_k

    over the thresholds at each distinct score, from the highest down (the definition
    scikit-learn uses). A random ranking scores about the positive fraction; a perfect one 1.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (y_true: labels 0 or 1 with at least one 1; scores: real numbers).

    Notes
    -----
    Taught in chapters 5, 6.

    References
    ----------
    .. [1] scikit-learn, ``sklearn.metrics.average_precision_score`` (the same step-wise definition). https://scikit-learn.org/stable/modules/generated/sklearn.metrics.average_precision_score.html
    .. [2] C. D. Manning, P. Raghavan, H. Schuetze, *Introduction to Information Retrieval*, Cambridge 2008, section 8.4. https://nlp.stanford.edu/IR-book/html/htmledition/evaluation-of-ranked-retrieval-results-1.html

    Examples
    --------
    >>> average_precision([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.2])
    1.0
    """
    y_true, scores = _binary(y_true, scores, "scores")
    if not y_true.any():
        raise ValueError("y_true has no positive example; average precision is undefined")
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], y_true[order]
    last_of_tie = np.r_[s[1:] != s[:-1], True]  # thresholds sit at the last item of each tied score
    tp = np.cumsum(y)[last_of_tie]
    flagged = np.arange(1, len(y) + 1)[last_of_tie]
    prec, rec = tp / flagged, tp / y.sum()
    return float(np.sum(np.diff(np.r_[0.0, rec]) * prec))
