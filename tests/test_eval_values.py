"""Computed values in the prose are language-neutral: numbers and symbols, never words.

A value shown by ``{eval}`name``` is computed once and stored in the Markdown cell's metadata
(``user_expressions``); every edition of the book shows that same string, the Chinese one
included. So a value must not carry a word ("0.003 to 0.05"), a unit ("33 cm") or "nan":
the words belong to the prose around the role, where they are translated. A range is
written with a dash ("0.003–0.05"), or as two values with the words in the prose.

The rule: after removing the exponent marker of scientific notation (the "e" of "2.50e+11",
the one letter a number needs), a stored value contains no letter of any script. That is
stricter than "no run of two ASCII letters": a single letter is a unit or an abbreviation
too ("5 m", "3 k"), and a Chinese word would be wrong in the English edition. Nothing is
allow-listed: "nan" and "inf" are failures in any language (``lb.prose.number`` refuses
them), and units go in the prose (``{eval}`ch01_mean_miss` cm``). Allowed symbols include
the superscripts and minus sign of ``lb.prose.magnitude`` ("−10¹²"), "%", "<" and dashes.
"""

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "book").glob("*.ipynb"))

EXPONENT = re.compile(r"(?<=\d)[eE](?=[-+−]?\d)")   # "2.50e+11", "1e-12"


def stored_values(notebook):
    """(cell id, expression, shown text or None) for every stored ``{eval}`` value."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        for entry in cell.get("metadata", {}).get("user_expressions", []):
            result = entry.get("result", {})
            text = result.get("data", {}).get("text/plain") if result.get("status") == "ok" else None
            if text is not None:
                try:   # the repr of a str, "'0.619'": show what the reader sees
                    value = ast.literal_eval(text)
                    text = value if isinstance(value, str) else text
                except (ValueError, SyntaxError):
                    pass
            yield cell.get("id"), entry.get("expression"), text


def words_in(text):
    """The letters left in ``text`` once exponent markers are removed ('' if none)."""
    return "".join(ch for ch in EXPONENT.sub("", text) if ch.isalpha())


@pytest.mark.parametrize(
    ("text", "letters"),
    [("0.619", ""), ("2.50e+11", ""), ("< 1e-12", ""), ("−10¹²", ""), ("95%", ""),
     ("0.003–0.05", ""), ("1,000,000", ""),
     ("0.003 to 0.05", "to"), ("nan", "nan"), ("33 cm", "cm"), ("5 m", "m"),
     ("约 3", "约"), ("1e", "e"), ("e5", "e")],
)
def test_the_rule_itself(text, letters):
    assert words_in(text) == letters


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_eval_values_are_language_neutral(notebook):
    bad = [(cell, name, text) for cell, name, text in stored_values(notebook)
           if text is None or words_in(text)]
    assert not bad, (
        f"{notebook.name}: these {{eval}} values carry words (or have no stored value); "
        "compute numbers only and put the words in the prose, then run "
        f"tools/refresh_notebooks.py: {bad}"
    )
