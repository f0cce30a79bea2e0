"""Activations that turn raw scores (logits) into probabilities, written to be stable.

All are safe for logits of any finite size (tested to |z| = 1e4): nothing is
exponentiated that could overflow.
"""

import numpy as np

from . import _validation as v


def _sigmoid(z):
    # 1/(1 + e^{-|z|}) for z >= 0 and e^{z}/(1 + e^{-|z|}) for z < 0, as one formula:
    # σ(z) = e^{min(z, 0)} / (1 + e^{-|z|}). No exponent is positive, so nothing
    # overflows, and there is no np.where (slow when the signs are mixed).
    return np.exp(np.minimum(z, 0.0)) / (1.0 + np.exp(-np.abs(z)))


def _log_sigmoid(z):
    # log σ(z) = min(z, 0) - log(1 + e^{-|z|})
    return np.minimum(z, 0.0) - np.log1p(np.exp(-np.abs(z)))


def _log_softmax(z):
    shifted = z - z.max(axis=-1, keepdims=True)
    shifted -= np.log(np.exp(shifted).sum(axis=-1, keepdims=True))  # in place: one array fewer
    return shifted


@v.keeps_dtype("z")
def sigmoid(z):
    r"""Logistic sigmoid (Sigmoid 函数) :math:`\sigma(z) = 1 / (1 + e^{-z})`.

    Parameters
    ----------
    z : array_like
        Logits.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (z: real numbers).

    Notes
    -----
    Chapter 3. Uses :math:`e^{-|z|}` on both sides of zero so no exponential overflows.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/

    Examples
    --------
    >>> sigmoid(0.0)
    0.5
    """
    z = v.as_array(z, "z")
    out = _sigmoid(z)
    return float(out) if out.ndim == 0 else out


@v.keeps_dtype("z")
def log_sigmoid(z):
    r"""Logarithm of the sigmoid, :math:`\ln\sigma(z) = -\ln(1 + e^{-z})`, stable for large :math:`|z|`.

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (z: real numbers).

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/
    """
    z = v.as_array(z, "z")
    out = _log_sigmoid(z)
    return float(out) if out.ndim == 0 else out


@v.keeps_dtype("z")
def softmax(z):
    r"""Softmax (Softmax 函数) over the last axis.

    .. math:: \operatorname{softmax}(\mathbf z)_j = \frac{e^{z_j}}{\sum_k e^{z_k}}

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (z: real numbers, at least 1-D).

    Notes
    -----
    Chapter 3. The largest logit is subtracted first; softmax does not change when
    all logits move by the same amount, and now no exponential exceeds 1.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/
    .. [2] I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press 2016, section 6.2.2. https://www.deeplearningbook.org/contents/mlp.html

    Examples
    --------
    >>> softmax([0.0, 0.0]).tolist()
    [0.5, 0.5]
    """
    z = v.as_array(z, "z")
    v.at_least_ndim(z, 1, "z")
    return np.exp(_log_softmax(z))


@v.keeps_dtype("z")
def log_softmax(z):
    r"""Log of the softmax over the last axis: :math:`z_j - \ln\sum_k e^{z_k}` (log-sum-exp).

    Raises
    ------
    TypeError
        An argument of the wrong type (e.g. a string or a float where an integer is expected).
    ValueError
        An argument outside its allowed values (z: real numbers, at least 1-D).

    Notes
    -----
    Taught in chapter 3.

    References
    ----------
    .. [1] C. M. Bishop, *Pattern Recognition and Machine Learning*, Springer 2006, sections 4.3.2-4.3.4. https://www.microsoft.com/en-us/research/publication/pattern-recognition-machine-learning/
    .. [2] I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning*, MIT Press 2016, section 6.2.2. https://www.deeplearningbook.org/contents/mlp.html
    """
    z = v.as_array(z, "z")
    v.at_least_ndim(z, 1, "z")
    return _log_softmax(z)
