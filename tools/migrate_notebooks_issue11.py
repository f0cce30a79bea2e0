"""Rewrite the chapters' call sites for the API changes of issue 11.

    python tools/migrate_notebooks_issue11.py book/*.ipynb [--check]

Changes, in code cells only (Markdown prose is left alone):

1. ``plotting.figure(N, ...)`` with a positional first argument used to mean N columns;
   ``figure`` now takes ``(nrows, ncols)`` like ``plt.subplots``, so it becomes
   ``plotting.figure(1, N, ...)``. Keyword calls (``ncols=2``) are unchanged.
2. ``lb.minimize(fun, grad, x0, ...)`` becomes ``lb.minimize(fun, x0, jac=grad, ...)``,
   scipy's order.
3. ``lossbook.metric`` / ``from .metric`` (the metric-learning module) becomes
   ``lossbook.metric_learning``.

Each rewrite is idempotent: running the script twice changes nothing the second time.
Notebooks are written back as nbformat writes them (indent 1, non-ASCII kept, trailing
newline). ``--check`` only reports what would change and exits 1 if anything would.
"""

import argparse
import difflib
import json
import re
import sys
from pathlib import Path


def _call_args(text, open_paren):
    """Split the arguments of the call whose '(' is at ``open_paren``.

    Returns (list of (start, end) spans of each top-level argument, index of ')'),
    respecting nested brackets and string literals.
    """
    depth, i, start, spans, quote = 0, open_paren + 1, open_paren + 1, [], None
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if text.startswith(quote, i):
                i += len(quote)
                quote = None
                continue
        elif ch in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else ch
            i += len(quote)
            continue
        elif ch == "#":
            i = text.find("\n", i) if "\n" in text[i:] else len(text)
            continue
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                if text[start:i].strip():
                    spans.append((start, i))
                return spans, i
            depth -= 1
        elif ch == "," and depth == 0:
            spans.append((start, i))
            start = i + 1
        i += 1
    raise ValueError(f"unbalanced call at offset {open_paren}")


def _is_keyword(arg):
    return re.match(r"\s*\*{0,2}[A-Za-z_]\w*\s*=(?!=)", arg) is not None or arg.strip().startswith("*")


def rewrite_figure(src):
    out, pos = [], 0
    for m in re.finditer(r"\bplotting\.figure\(", src):
        if m.start() < pos:
            continue
        spans, close = _call_args(src, m.end() - 1)
        if spans and not _is_keyword(src[spans[0][0]:spans[0][1]]):
            positional = [s for s in spans if not _is_keyword(src[s[0]:s[1]])]
            if len(positional) == 1:  # old figure(ncols, ...): make it figure(1, ncols, ...)
                a = spans[0][0]
                out.append(src[pos:a] + "1, ")
                pos = a
    out.append(src[pos:])
    return "".join(out)


def rewrite_minimize(src):
    out, pos = [], 0
    for m in re.finditer(r"\b(?:lb|lossbook)\.minimize\(", src):
        spans, close = _call_args(src, m.end() - 1)
        args = [src[a:b] for a, b in spans]
        if len(args) < 3 or any(_is_keyword(x) for x in args[:3]):
            continue  # already scipy's order (fun, x0, jac=...) or not a call we know
        leads = [re.match(r"\s*", a).group(0) for a in args[:3]]  # keep the call's line layout
        fun, grad, x0 = (a.strip() for a in args[:3])
        new = [leads[0] + fun, leads[1] + x0, (leads[2] or " ") + f"jac={grad}"] + args[3:]
        out.append(src[pos:spans[0][0]] + ",".join(new))
        pos = spans[min(len(spans), len(args)) - 1][1]
    out.append(src[pos:])
    return "".join(out)


def rewrite_metric(src):
    src = re.sub(r"\blossbook\.metric\b(?!s|_)", "lossbook.metric_learning", src)
    return re.sub(r"\blb\.metric\b(?!s|_)", "lb.metric_learning", src)


def rewrite_source(src):
    return rewrite_metric(rewrite_minimize(rewrite_figure(src)))


def migrate(path, check=False):
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    changes = []
    for k, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        new = rewrite_source(src)
        if new != src:
            diff = difflib.unified_diff(src.splitlines(), new.splitlines(), lineterm="", n=0)
            changes.append((k, "\n".join(line for line in diff if line[:3] not in ("---", "+++") and not line.startswith("@@"))))
            cell["source"] = new.splitlines(keepends=True) if isinstance(cell["source"], list) else new
    if changes and not check:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(nb, f, indent=1, ensure_ascii=False)
            f.write("\n")
    return changes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if anything would change")
    args = parser.parse_args(argv)
    total = 0
    for path in args.notebooks:
        for cell, diff in migrate(path, check=args.check):
            total += 1
            print(f"{path} cell {cell}:\n{diff}")
    print(f"{total} cell(s) {'would change' if args.check else 'changed'}")
    return 1 if (args.check and total) else 0


if __name__ == "__main__":
    sys.exit(main())
