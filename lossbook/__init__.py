"""lossbook: the loss functions of the book, with their gradients, in plain NumPy.

Every loss takes ``(y_true, prediction, *, reduction="mean", ...)``: target first,
then prediction, as in scikit-learn and Keras (PyTorch puts the prediction first).
Each differentiable loss ``f`` has ``f_grad`` with the same arguments.

What each loss is (its arrays, what the prediction holds, its hyper-parameters, its
independent reference) is one row of :data:`lossbook.registry.LOSSES`.

**dtype policy.** The result has the floating dtype of the prediction argument: float32 in,
float32 out (float16 likewise); integers, lists and float64 give float64. The arithmetic
runs in float64 either way, so a float32 result is the float64 result rounded once.
Reduced values (``'mean'``, ``'sum'``) are a Python ``float`` for float64 input and a NumPy
scalar of the input's dtype otherwise. Probability rows are checked in the precision they
arrive in: float64 rows must sum to 1 within 1e-6, lower precisions within C·eps.

**Errors.** A wrong type raises ``TypeError``, a wrong value ``ValueError``; the message
names the argument and shows by how much it misses.

>>> import lossbook as lb
>>> lb.mse([3, 5, 7, 9, 11], [1, 2, 3, 4, 5])
18.0
"""

from .activations import log_sigmoid, log_softmax, sigmoid, softmax
from .classification import (
    binary_cross_entropy, binary_cross_entropy_grad,
    binary_cross_entropy_with_logits, binary_cross_entropy_with_logits_grad,
    categorical_cross_entropy, categorical_cross_entropy_grad,
    cross_entropy, cross_entropy_grad,
    exponential, exponential_grad,
    focal, focal_grad,
    from_one_hot, hinge, hinge_grad, one_hot, zero_one,
)
from .chooser import Recommendation, choose_loss
from .i18n import get_language, set_language
from .data import blobs, imbalanced_binary, line_data, rare_island, train_test_split, two_blobs
from .distributions import (
    cross_entropy_pq, cross_entropy_pq_grad, entropy, information,
    js_divergence, js_divergence_grad, kl_divergence, kl_divergence_grad,
    wasserstein_1d, wasserstein_1d_grad,
)
from .metric_learning import center, center_grad, contrastive, contrastive_grad, triplet, triplet_grad
from .metrics import accuracy, average_precision, precision, recall
from .optim import Adam, Fit, GradientDescent, Momentum, Path, RMSprop, fit, gradient_of, minimize
from .regression import (
    euclidean, euclidean_grad, huber, huber_grad, log_cosh, log_cosh_grad,
    mae, mae_grad, mse, mse_grad,
)

from . import numerics, plotting, prose, registry
from .numerics import check_grad, loss_grid, numeric_grad

__version__ = "0.1.0"
