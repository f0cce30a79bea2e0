"""The notebook migration script of issue 11 rewrites each old call site once, and nothing else."""

import importlib.util
import json
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location(
    "migrate", Path(__file__).resolve().parents[1] / "tools" / "migrate_notebooks_issue11.py")
migrate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(migrate)


@pytest.mark.parametrize("old, new", [
    ("fig, ax = lb.plotting.figure(2, width=9)", "fig, ax = lb.plotting.figure(1, 2, width=9)"),
    ("fig, ax = lb.plotting.figure(ncols=2, width=9)", "fig, ax = lb.plotting.figure(ncols=2, width=9)"),
    ("fig, ax = lb.plotting.figure(width=7, subplot_kw={'projection': '3d'})",
     "fig, ax = lb.plotting.figure(width=7, subplot_kw={'projection': '3d'})"),
    ("p = lb.minimize(J, dJ, -1.5, optimizer=lb.GradientDescent(lr=0.1), steps=5)",
     "p = lb.minimize(J, -1.5, jac=dJ, optimizer=lb.GradientDescent(lr=0.1), steps=5)"),
    ("p = lb.minimize(lambda c: f(w, (c, 1)),\n    lambda c: g(w, c), 0.0,\n    steps=3)",
     "p = lb.minimize(lambda c: f(w, (c, 1)),\n    0.0, jac=lambda c: g(w, c),\n    steps=3)"),
    ("lb.minimize(J, x0, jac=dJ)", "lb.minimize(J, x0, jac=dJ)"),
    ("import lossbook.metric as m; lossbook.metrics.accuracy", "import lossbook.metric_learning as m; lossbook.metrics.accuracy"),
    ("s = 'lb.minimize(a, b, c)'", "s = 'lb.minimize(a, c, jac=b)'"),  # code inside strings is rewritten too
])
def test_rewrite_source(old, new):
    assert migrate.rewrite_source(old) == new
    assert migrate.rewrite_source(new) == new  # idempotent


def test_migrate_writes_nbformat_layout(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": ["fig, ax = lb.plotting.figure(3)\n", "x = '交叉熵'"],
                     "metadata": {}, "outputs": [], "execution_count": None},
                    {"cell_type": "markdown", "source": ["lb.plotting.figure(3)"], "metadata": {}}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert len(migrate.migrate(path)) == 1
    text = path.read_text(encoding="utf-8")
    out = json.loads(text)
    assert out["cells"][0]["source"] == ["fig, ax = lb.plotting.figure(1, 3)\n", "x = '交叉熵'"]
    assert out["cells"][1]["source"] == ["lb.plotting.figure(3)"]  # prose untouched
    assert text.endswith("}\n") and "交叉熵" in text
    assert migrate.migrate(path) == []
