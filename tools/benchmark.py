"""Benchmark lossbook against PyTorch CPU: value + gradient of five losses.

Run as ``python tools/benchmark.py [--repeats N] [--torch-threads N]``. Each loss sees
10**6 float64 elements (cross-entropy: 10**5 samples x 10 classes with integer
targets). We time the loss value followed by its gradient and print the median
wall time of each library. Budget: lossbook may take at most BUDGET times as long
as torch; a loss over budget is flagged in the table and named at the end. The script
reports and always exits 0: on a noisy shared machine wall time cannot gate anything
(torch's own times move by up to 2x between runs). Torch keeps its default thread count
(printed) unless ``--torch-threads`` is given.
"""

import argparse
import statistics
import sys
import time

import numpy as np

import lossbook as lb

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    torch = None

N = 10**6
N_CLASSES = 10
BUDGET = 2.0  # max allowed ratio lossbook time / torch time


def make_inputs(seed=0):
    """Same seeded NumPy inputs for both libraries: {loss: (y_true, prediction)}."""
    rng = np.random.default_rng(seed)
    y, pred = rng.normal(size=N), rng.normal(size=N)
    labels01 = rng.integers(0, 2, size=N).astype(np.float64)
    logits = rng.normal(scale=2.0, size=N)
    class_logits = rng.normal(size=(N // N_CLASSES, N_CLASSES))
    classes = rng.integers(0, N_CLASSES, size=N // N_CLASSES)
    return {
        "mse": (y, pred),
        "mae": (y, pred),
        "huber": (y, pred),
        "binary_cross_entropy_with_logits": (labels01, logits),
        "cross_entropy": (classes, class_logits),
    }


TORCH_LOSSES = {  # lossbook name -> torch function, called as f(prediction, target)
    "mse": lambda p, t: F.mse_loss(p, t),
    "mae": lambda p, t: F.l1_loss(p, t),
    "huber": lambda p, t: F.huber_loss(p, t, delta=1.0),
    "binary_cross_entropy_with_logits": lambda p, t: F.binary_cross_entropy_with_logits(p, t),
    "cross_entropy": lambda p, t: F.cross_entropy(p, t),
}


def median_ms(fn, repeats):
    """Median wall time of ``fn()`` in milliseconds, after one untimed warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def lossbook_step(name, y, pred):
    loss, loss_grad = getattr(lb, name), getattr(lb, name + "_grad")
    kwargs = {"delta": 1.0} if name == "huber" else {}
    return lambda: (loss(y, pred, reduction="mean", **kwargs), loss_grad(y, pred, reduction="mean", **kwargs))


def torch_step(name, y, pred):
    y_t = torch.from_numpy(y)  # float64 (int64 class indices for cross-entropy)
    pred_t = torch.from_numpy(pred.copy()).requires_grad_(True)
    loss_fn = TORCH_LOSSES[name]

    def step():
        pred_t.grad = None  # fresh gradient each repeat, no accumulation
        loss_fn(pred_t, y_t).backward()

    return step


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=21, help="timed repeats per loss (default 21)")
    parser.add_argument("--torch-threads", type=int, default=None,
                        help="limit torch's threads (NumPy's element-wise code is single-threaded); default: torch's own")
    args = parser.parse_args()

    print(f"numpy {np.__version__}", end="")
    if torch is None:
        print("; torch is not installed: lossbook times only, no budget check")
    else:
        if args.torch_threads:
            torch.set_num_threads(args.torch_threads)
        print(f"; torch {torch.__version__}, torch.get_num_threads() = {torch.get_num_threads()}")
    print(f"median of {args.repeats} repeats, value + gradient, n = {N:,} float64 elements\n")

    over_budget = []
    if torch is None:
        print("| loss | lossbook ms |\n|---|---:|")
    else:
        print("| loss | lossbook ms | torch ms | ratio |\n|---|---:|---:|---:|")
    for name, (y, pred) in make_inputs().items():
        ours = median_ms(lossbook_step(name, y, pred), args.repeats)
        if torch is None:
            print(f"| {name} | {ours:.2f} |")
            continue
        theirs = median_ms(torch_step(name, y, pred), args.repeats)
        ratio = ours / theirs
        flag = " **over budget**" if ratio > BUDGET else ""
        print(f"| {name} | {ours:.2f} | {theirs:.2f} | {ratio:.2f}{flag} |")
        if ratio > BUDGET:
            over_budget.append(name)

    if over_budget:
        print(f"\nover budget (ratio > {BUDGET}): {', '.join(over_budget)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
