"""No result typed by hand: every number in the prose is computed, or an allowed input.

The prose of a chapter may show a number in four ways: inside maths (a formula's constants),
inside code, through a computed role (``{eval}`name```, the value a cell computed), or typed.
A typed number must be an *input* of an example (X = 1..5, a price of 1,000,000 yuan, the
article's value being checked), never a result. This test finds every typed number in the
Markdown cells of every chapter, outside maths, code, roles, labels and links, and fails on
any that is not in the chapter's allow-list, ``tests/typed_numbers/<notebook>.txt``.

An allow-list line is ``<numbers as typed, space-separated>  # why they are inputs, not
results``, e.g. ``0.9 0.6 0.1  # the three students' predicted probabilities (article 002)``. Small
integers (0-12: counts, chapter and section numbers, "three arrows") are allowed everywhere.
Alt texts of figures (cell metadata) are checked the same way, with no allow-list: an alt text
describes what a figure shows, qualitatively.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))
ALLOW = ROOT / "tests" / "typed_numbers"

NUMBER = re.compile(r"(?<![\w.\-−])[-−]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:[eE][-+−]?\d+)?%?(?![\w])")
STRIP = [
    re.compile(r"\$\$.*?\$\$", re.S),                  # display maths
    re.compile(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.S),  # amsmath environments
    re.compile(r"\$[^$\n]+\$"),                         # inline maths
    re.compile(r"```.*?```", re.S),                     # fenced blocks (directive bodies stay below)
    re.compile(r"\{[\w:-]+\}`[^`]*`"),                  # roles: {eval}`x`, {ref}`...`, {math}`...`
    re.compile(r"`[^`]*`"),                             # inline code
    re.compile(r"^\([\w-]+\)=\s*$", re.M),              # labels
    re.compile(r"^:[\w-]+:.*$", re.M),                  # directive options (:label:, :class:)
    re.compile(r"\]\([^)]*\)"),                         # link targets
    re.compile(r"https?://\S+"),                        # bare URLs
    re.compile(r"§\S+"),                                # section marks of the articles (§二.3)
]
SMALL = {str(i) for i in range(13)}


def prose_of(cell_source):
    text = cell_source
    # keep the bodies of MyST directives (admonitions, exercises, solutions): they are prose
    text = re.sub(r"^(```+|:::+)\s*\{[\w:-]+\}.*$", "", text, flags=re.M)
    text = re.sub(r"^(```+|:::+)\s*$", "", text, flags=re.M)
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    return text


def typed_numbers(text):
    found = []
    for m in NUMBER.finditer(text):
        token = m.group(0).replace("−", "-")
        if token.lstrip("-") in SMALL:
            continue
        if re.fullmatch(r"\d{3}", token) and token.startswith("00"):
            continue   # the source articles are named 000-003
        found.append(token)
    return found


def allowed(notebook):
    path = ALLOW / (notebook.stem + ".txt")
    if not path.exists():
        return {}
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        numbers, _, why = line.partition("#")
        assert why.strip(), f"{path.name}: '{line}' needs a comment saying why it is an input"
        for number in numbers.split():
            entries[number.replace("−", "-")] = why.strip()
    return entries


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_result_typed_in_prose(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    allow = allowed(notebook)
    typed = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            typed += [(i, n) for n in typed_numbers(prose_of("".join(cell["source"])))
                      if n not in allow]
    assert not typed, (f"{notebook.name}: numbers typed in prose (compute them and show them with "
                       f"{{eval}}, or add inputs to tests/typed_numbers/{notebook.stem}.txt): {typed}")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_alt_texts_carry_no_typed_result(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    allow = allowed(notebook)
    typed = []
    for i, cell in enumerate(cells):
        alt = cell.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt", "")
        typed += [(i, n) for n in typed_numbers(alt) if n not in allow]
    assert not typed, f"{notebook.name}: alt texts with typed numbers (describe, don't quote): {typed}"


def test_detector_finds_typed_results_and_ignores_computed_ones():
    text = prose_of("The mean is 12.35 cm and {eval}`ch01_mean` cm; $J = 18$; `x = 4.4`; "
                    "three arrows; see {ref}`ch-mse`; a ratio of 1,000,000 and −0.256, 5 %, 20%.")
    assert typed_numbers(text) == ["12.35", "1,000,000", "-0.256", "20%"]
