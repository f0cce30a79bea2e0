"""Plant consistent faults in the losses and check that the unit tier catches each one.

    python tools/plant_faults.py [--only NAME] [--tests tests/test_x.py ...]

A *consistent* fault changes a loss and its gradient together (e.g. ``exponential``
computing e^{-2ys} in both), so finite-difference checks cannot see it; only an
independent reference can. For each fault the package and tests are copied to a
temporary directory, the change is applied there (never here), and the unit tier runs
with ``-x``. Prints one line per fault and a summary; exits 1 if any fault survives.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNIT_TIER = ["tests/test_references.py", "tests/test_issue11_values.py", "tests/test_registry.py",
             "tests/test_reference_torch.py", "tests/test_worked_examples.py", "tests/test_properties.py",
             "tests/test_gradients.py", "tests/test_bad_input.py", "tests/test_metrics.py", "tests/test_optim_data.py"]

# name: [(file, old, new), ...]; every `old` must occur exactly once in its file
FAULTS = {
    "mse: 1.5 e^2 and 3 e": [
        ("lossbook/regression.py", "v.reduce((y_pred - y_true) ** 2, reduction)", "v.reduce(1.5 * (y_pred - y_true) ** 2, reduction)"),
        ("lossbook/regression.py", "v.reduce_grad(2.0 * (y_pred - y_true), reduction", "v.reduce_grad(3.0 * (y_pred - y_true), reduction")],
    "mae: 2|e| and 2 sign(e)": [
        ("lossbook/regression.py", "v.reduce(np.abs(y_pred - y_true), reduction)", "v.reduce(2 * np.abs(y_pred - y_true), reduction)"),
        ("lossbook/regression.py", "v.reduce_grad(np.sign(y_pred - y_true)", "v.reduce_grad(2 * np.sign(y_pred - y_true)")],
    "huber: twice the loss and gradient": [
        ("lossbook/regression.py", "    losses *= a                       # a(|e| - a/2)", "    losses *= 2 * a"),
        ("lossbook/regression.py", "v.reduce_grad(np.clip(y_pred - y_true, -delta, delta)", "v.reduce_grad(2 * np.clip(y_pred - y_true, -delta, delta)")],
    "log_cosh: 2 ln cosh e and 2 tanh e": [
        ("lossbook/regression.py", "v.reduce(_log_cosh(y_pred - y_true), reduction)", "v.reduce(2 * _log_cosh(y_pred - y_true), reduction)"),
        ("lossbook/regression.py", "v.reduce_grad(np.tanh(y_pred - y_true)", "v.reduce_grad(2 * np.tanh(y_pred - y_true)")],
    "euclidean: twice the distance and its gradient": [
        ("lossbook/regression.py", "v.reduce(np.linalg.norm(y_pred - y_true, axis=-1), reduction)", "v.reduce(2 * np.linalg.norm(y_pred - y_true, axis=-1), reduction)"),
        ("lossbook/regression.py", "return v.reduce_grad(unit, reduction, n_samples)", "return v.reduce_grad(2 * unit, reduction, n_samples)")],
    "binary_cross_entropy: in bits (log2) in value and gradient": [
        ("lossbook/classification.py", "    return v.reduce(losses, reduction)\n\n\n@v.keeps_dtype(\"y_prob\")\ndef binary_cross_entropy_grad",
         "    return v.reduce(losses / np.log(2), reduction)\n\n\n@v.keeps_dtype(\"y_prob\")\ndef binary_cross_entropy_grad"),
        ("lossbook/classification.py", "grad = (y_prob - y_true) / np.maximum(y_prob * (1.0 - y_prob), 1e-12)",
         "grad = (y_prob - y_true) / np.maximum(y_prob * (1.0 - y_prob), 1e-12) / np.log(2)")],
    "binary_cross_entropy_with_logits: pos_weight ignored in both": [
        ("lossbook/classification.py", "def _pos_weight(pos_weight, logits):\n    if pos_weight is None:",
         "def _pos_weight(pos_weight, logits):\n    if True:")],
    "focal: alpha_t swapped (alpha on negatives) in both": [
        ("lossbook/classification.py", "weight = 1.0 if alpha is None else alpha * y_true + (1.0 - alpha) * (1.0 - y_true)",
         "weight = 1.0 if alpha is None else (1.0 - alpha) * y_true + alpha * (1.0 - y_true)")],
    "hinge: margin ignored (always 1) in both": [
        ("lossbook/classification.py", "    margin = v.scalar(margin, \"margin\", minimum=0.0)\n    return v.reduce(",
         "    margin = v.scalar(margin, \"margin\", minimum=0.0) * 0 + 1.0\n    return v.reduce("),
        ("lossbook/classification.py", "    margin = v.scalar(margin, \"margin\", minimum=0.0)\n    grad = np.where(",
         "    margin = v.scalar(margin, \"margin\", minimum=0.0) * 0 + 1.0\n    grad = np.where(")],
    "exponential: e^{-2ys} in value and gradient (the issue's example)": [
        ("lossbook/classification.py", "v.reduce(np.exp(-y_true * scores), reduction)", "v.reduce(np.exp(-2 * y_true * scores), reduction)"),
        ("lossbook/classification.py", "v.reduce_grad(-y_true * np.exp(-y_true * scores)", "v.reduce_grad(-2 * y_true * np.exp(-2 * y_true * scores)")],
    "zero_one: half a point per mistake": [
        ("lossbook/classification.py", "v.reduce((y_true != y_pred).astype(np.float64), reduction)", "v.reduce(0.5 * (y_true != y_pred), reduction)")],
    "cross_entropy: label smoothing eps/(C-1) in both": [
        ("lossbook/classification.py", "eps / n_classes * weighted_sum(", "eps / (n_classes - 1) * weighted_sum("),
        ("lossbook/classification.py", "(eps / n_classes) * (w_row.sum() * probs - w_row)", "(eps / (n_classes - 1)) * (w_row.sum() * probs - w_row)"),
        ("lossbook/classification.py", "rows = target if eps == 0 else (1.0 - eps) * target + eps / n_classes",
         "rows = target if eps == 0 else (1.0 - eps) * target + eps / (n_classes - 1)")],
    "cross_entropy: weighted mean divides by the sample count in both": [
        ("lossbook/classification.py", "norm = w_true.sum() if w is not None else float(keep.sum())", "norm = float(keep.sum())")],
    "categorical_cross_entropy: mean over elements (kl_div's debt) in both": [
        ("lossbook/classification.py", "        losses = -(target * _clamped_log(y_prob)).sum(axis=-1)\n    return v.reduce(losses, reduction)",
         "        losses = -(target * _clamped_log(y_prob)).sum(axis=-1)\n    return v.reduce(losses / y_prob.shape[-1], reduction)"),
        ("lossbook/classification.py", "        grad = -target / np.maximum(y_prob, np.exp(LOG_FLOOR))",
         "        grad = -target / np.maximum(y_prob, np.exp(LOG_FLOOR))\n    grad = grad / y_prob.shape[-1]")],
    "cross_entropy_pq: in bits in both": [
        ("lossbook/distributions.py", "v.reduce(-_xlogy(p, q).sum(axis=-1), reduction)", "v.reduce(-_xlogy(p, q).sum(axis=-1) / np.log(2), reduction)"),
        ("lossbook/distributions.py", "grad = np.where(p > 0, -p / np.where(p > 0, q, 1.0), 0.0)", "grad = np.where(p > 0, -p / np.where(p > 0, q, 1.0), 0.0) / np.log(2)")],
    "kl_divergence: PyTorch's element-wise 'mean' (divides by C too) in both": [
        ("lossbook/distributions.py", "v.reduce(_rel_entr(p, q).sum(axis=-1), reduction)", "v.reduce(_rel_entr(p, q).sum(axis=-1) / p.shape[-1], reduction)"),
        ("lossbook/distributions.py", "    return cross_entropy_pq_grad.__wrapped__(p, q, reduction=reduction)",
         "    return cross_entropy_pq_grad.__wrapped__(p, q, reduction=reduction) / np.shape(p)[-1]")],
    "js_divergence: in bits in both": [
        ("lossbook/distributions.py", "v.reduce(0.5 * (kl_pm + kl_qm), reduction)", "v.reduce(0.5 * (kl_pm + kl_qm) / np.log(2), reduction)"),
        ("lossbook/distributions.py", "grad = np.where(m > 0, 0.5 * np.log(", "grad = 1 / np.log(2) * np.where(m > 0, 0.5 * np.log(")],
    "wasserstein_1d: v_weights ignored (the issue's example)": [
        ("lossbook/distributions.py", "vw = _weights(v_weights, w, \"v_weights\")", "vw = _weights(v_weights, w, \"v_weights\") * 0 + _weights(None, w, \"v_weights\")")],
    "contrastive: without the 1/2 in both": [
        ("lossbook/metric_learning.py", "v.reduce(0.5 * y * dist**2 + 0.5 * (1 - y) * np.maximum(0.0, m - dist) ** 2, reduction)",
         "v.reduce(y * dist**2 + (1 - y) * np.maximum(0.0, m - dist) ** 2, reduction)"),
        ("lossbook/metric_learning.py", "g1 = v.reduce_grad((y[..., None] - (1 - y[..., None]) * push) * diff",
         "g1 = v.reduce_grad(2 * (y[..., None] - (1 - y[..., None]) * push) * diff")],
    "triplet: margin ignored (always 1) in both": [
        ("lossbook/metric_learning.py", "    margin = v.scalar(margin, \"margin\", minimum=0.0)\n    d_ap", "    margin = v.scalar(margin, \"margin\", minimum=0.0) * 0 + 1.0\n    d_ap")],
    "center: without the 1/2 in both": [
        ("lossbook/metric_learning.py", "v.reduce(0.5 * ((x - c[y]) ** 2).sum(axis=-1), reduction)", "v.reduce(((x - c[y]) ** 2).sum(axis=-1), reduction)"),
        ("lossbook/metric_learning.py", "g_x = v.reduce_grad(x - c[y], reduction", "g_x = v.reduce_grad(2 * (x - c[y]), reduction")],
}


def plant(name, edits, python, tests=UNIT_TIER):
    with tempfile.TemporaryDirectory(prefix="lossbook-plant-") as tmp:
        tmp = Path(tmp)
        shutil.copytree(ROOT / "lossbook", tmp / "lossbook")
        shutil.copytree(ROOT / "tests", tmp / "tests")
        shutil.copy(ROOT / "pyproject.toml", tmp / "pyproject.toml")
        for file, old, new in edits:
            path = tmp / file
            text = path.read_text(encoding="utf-8")
            if text.count(old) != 1:
                return "broken plant", f"{file}: expected one occurrence of {old!r}, found {text.count(old)}"
            path.write_text(text.replace(old, new), encoding="utf-8")
        cmd = [python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=", *tests]
        env = {"PYTHONPATH": f"{tmp}:{tmp / 'tests'}", "PATH": "/usr/bin:/bin", "HOME": str(tmp)}
        run = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True, env=env)
        first = next((line for line in run.stdout.splitlines() if line.startswith("FAILED")), "")
        return ("caught" if run.returncode == 1 else "NOT caught" if run.returncode == 0 else f"error {run.returncode}"), first


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only faults whose name contains this")
    parser.add_argument("--tests", nargs="+", default=UNIT_TIER, help="test files to run (default: the unit tier)")
    args = parser.parse_args()
    results = []
    for name, edits in FAULTS.items():
        if args.only and args.only not in name:
            continue
        status, detail = plant(name, edits, sys.executable, args.tests)
        results.append(status)
        print(f"{status:12} {name}\n{'':12} {detail[:160]}", flush=True)
    caught = results.count("caught")
    print(f"\n{caught} of {len(results)} planted faults caught")
    return 0 if caught == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
