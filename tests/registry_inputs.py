"""Valid inputs for any loss of the registry, drawn from its ``arrays`` kinds (seeded NumPy).

Shapes follow the conventions of ``lossbook.registry.KINDS``: n samples, C classes or
features, k centres. Every value is away from kinks with probability 1 (continuous draws).
"""

import numpy as np

N, C, K, M = 4, 3, 2, 5  # samples, classes/features, centres, 1-D sample positions


def draw_array(kind, rng, *, index_targets=None):
    if kind in ("real", "embedding"):
        return rng.normal(scale=2.0, size=(N, C))
    if kind == "binary":
        return np.where(rng.uniform(size=(N, C)) < 0.5, rng.integers(0, 2, size=(N, C)), rng.uniform(size=(N, C))).astype(float)
    if kind == "signed":
        return rng.choice([-1.0, 1.0], size=(N, C))
    if kind == "probability":
        return rng.uniform(0.02, 0.98, size=(N, C))
    if kind == "logit":
        return rng.normal(scale=3.0, size=(N, C))
    if kind == "score":
        return rng.normal(scale=2.0, size=(N, C))
    if kind == "class_target":
        use_index = rng.uniform() < 0.5 if index_targets is None else index_targets
        return rng.integers(0, C, size=N) if use_index else rng.dirichlet(np.ones(C), size=N)
    if kind == "distribution":
        return rng.dirichlet(np.full(C, 2.0), size=N)  # entries bounded away from 0
    if kind == "flag":
        return rng.integers(0, 2, size=N).astype(float)
    if kind == "label":
        return rng.integers(0, K, size=N)
    if kind == "centers":
        return rng.normal(size=(K, C))
    if kind == "samples":
        return rng.permutation(np.linspace(-3, 3, M) + rng.uniform(-0.2, 0.2, size=M))
    raise KeyError(kind)


def draw_args(spec, rng, **kw):
    return [draw_array(kind, rng, **kw) for _, kind in spec.arrays]


def hyper_variants(spec):
    """The defaults, then each valid value of each hyper-parameter in turn."""
    out = [{}]
    for name, h in spec.hyperparameters.items():
        out += [{name: value} for value in h.valid if value != h.default]
    return out


def is_float_kind(kind):
    return kind not in ("label",) and kind != "class_target"
