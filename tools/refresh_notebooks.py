"""Re-execute the book's notebooks in place so everything they store is current.

    python tools/refresh_notebooks.py              # every notebook in book/
    python tools/refresh_notebooks.py book/02_*.ipynb
    python tools/refresh_notebooks.py --check      # change nothing; exit 1 if a stored
                                                   # {eval} value differs from a fresh run

Two things are stored and refreshed:

- the outputs of code cells (nbval compares them with a fresh run);
- the values of the inline roles ``{eval}`name``` in Markdown cells, in the cell's metadata
  under ``user_expressions``, the form JupyterLab's MyST extension (jupyterlab-myst) reads.
  So a reader who opens a notebook in JupyterLab or on Binder sees every computed number in
  the prose without running anything. Each value is evaluated in the kernel at the cell's
  place in the notebook, after the code cells above it, as the website build does.

Stored figures are re-encoded with a 256-colour palette where that is smaller
(``tools/png_palette.py``): the notebooks a reader downloads or opens on Binder are about a
third lighter than the 2x PNGs the kernel draws.

It also keeps, before the first code cell of every notebook, the cell that makes a downloaded notebook run
anywhere (Colab, another computer): it installs ``lossbook`` from the repository named by the
one setting ``repository.url``/``branch`` in ``_config.yml`` (the launch buttons use it too)
when the package is missing. The website hides that cell.

No timestamps are recorded, so an unchanged notebook produces no diff.
"""

import base64
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from png_palette import palette_png

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
INSTALL_CELL_ID = "install-lossbook"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EVAL_ROLE = re.compile(r"\{eval\}`([^`]+)`")


def eval_names(source):
    """The expressions of the ``{eval}`…``` roles in a Markdown source, in order, once each."""
    return list(dict.fromkeys(EVAL_ROLE.findall(source)))


def _evaluate(client, names):
    """Evaluate ``names`` in the client's kernel; the results in jupyterlab-myst's form."""
    msg_id = client.kc.execute("", store_history=False,
                               user_expressions={name: name for name in names})
    reply = client.wait_for_reply(msg_id)
    results = reply["content"]["user_expressions"]
    stored = []
    for name in names:
        result = results[name]
        if result.get("status") != "ok":
            raise RuntimeError(f"{{eval}}`{name}` failed: {result.get('ename')}: {result.get('evalue')}")
        stored.append({"expression": name,
                       "result": {"status": "ok", "data": {"text/plain": result["data"]["text/plain"]},
                                  "metadata": {}}})
    return stored


def repository():
    """``(url, branch)`` from ``_config.yml``'s ``repository`` section."""
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]
    return config["url"].rstrip("/"), config.get("branch", "main")


def install_source(url, branch):
    """The install cell of every chapter: install lossbook when it is missing, and fail right
    there (not three cells later) when the install did not work."""
    return (
        "# Reading this notebook outside the book's environment (Colab, a download)?\n"
        "# This installs the book's package, lossbook, when it is missing.\n"
        "try:\n"
        "    import lossbook\n"
        "except ImportError:\n"
        f'    %pip install --quiet "lossbook @ git+{url}@{branch}"\n'
        "    import importlib\n"
        "\n"
        "    importlib.invalidate_caches()\n"
        "    import lossbook  # fails here if the install did not work"
    )


def ensure_install_cell(nb):
    """Put the install cell before the first code cell (or update it), tagged so the
    website leaves it out."""
    cell = nbformat.v4.new_code_cell(install_source(*repository()))
    cell.id = INSTALL_CELL_ID
    cell.metadata["tags"] = ["remove-cell"]
    existing = [i for i, c in enumerate(nb.cells) if c.get("id") == INSTALL_CELL_ID]
    for i in reversed(existing):
        del nb.cells[i]
    first_code = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
    nb.cells.insert(first_code, cell)


def stored_values(nb):
    """Every stored ``{eval}`` value of a notebook: ``[(cell index, expression, text), ...]``."""
    return [(i, e["expression"], e["result"]["data"]["text/plain"])
            for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
            for e in cell.metadata.get("user_expressions", [])]


def refresh(path, check=False):
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    before = stored_values(nb)
    if not check:
        ensure_install_cell(nb)
    # coalesce_streams: how the kernel chunks printed text varies from run to run
    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                            coalesce_streams=True, resources={"metadata": {"path": str(path.parent)}})
    client.reset_execution_trackers()
    with client.setup_kernel():
        info = client.wait_for_reply(client.kc.kernel_info())
        nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            elif cell.cell_type == "markdown":
                names = eval_names(cell.source)
                if names:
                    cell.metadata["user_expressions"] = _evaluate(client, names)
                else:
                    cell.metadata.pop("user_expressions", None)
        client.set_widgets_metadata()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        # An explorer's live widget exists only in a running kernel: keep its static HTML
        # form in the stored output and drop the widget view, whose model id changes on
        # every run (and points at nothing once the kernel is gone).
        for out in cell.get("outputs", []):
            out.get("data", {}).pop(WIDGET_VIEW, None)
            # figures: a palette PNG where that is smaller (tools/png_palette.py)
            if "image/png" in out.get("data", {}):
                png = base64.b64decode(out["data"]["image/png"])
                out["data"]["image/png"] = base64.b64encode(palette_png(png)).decode("ascii")
    # Likewise the widgets' saved state: stale without the kernel, and it would make the
    # website load the ipywidgets JavaScript from a CDN.
    nb.metadata.pop("widgets", None)
    if check:
        after = stored_values(nb)
        return [f"{path.name}: cell {i} {{eval}}`{name}`: stored {old} , fresh {new}"
                for (i, name, old), (_, _, new) in zip(before, after) if old != new] + (
            [f"{path.name}: {len(before)} stored values, {len(after)} fresh"]
            if len(before) != len(after) else [])
    nbformat.write(nb, path)
    return path.name


def _check(path):
    return refresh(path, check=True)


def main(args):
    check = "--check" in args
    paths = [Path(a) for a in args if a != "--check"] or sorted(BOOK.glob("*.ipynb"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        if not check:
            for name in pool.map(refresh, paths):
                print("refreshed", name)
            return 0
        problems = [p for found in pool.map(_check, paths) for p in found]
    for p in problems:
        print(p)
    print(f"checked the {{eval}} values of {len(paths)} notebooks: "
          + ("all current" if not problems else f"{len(problems)} differ"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
