"""Every public function and class documents what it raises, where it comes from, and which chapter teaches it."""

import inspect

import pytest

import lossbook as lb

PUBLIC = [(n, o) for n, o in vars(lb).items() if not n.startswith("_") and (inspect.isfunction(o) or inspect.isclass(o))]
PUBLIC += [(f"plotting.{n}", o) for n, o in vars(lb.plotting).items()
           if inspect.isfunction(o) and o.__module__ == "lossbook.plotting"]


@pytest.mark.parametrize("name, obj", PUBLIC, ids=[n for n, _ in PUBLIC])
def test_numpydoc_sections(name, obj):
    doc = inspect.getdoc(obj) or ""
    assert "\nRaises\n------\n" in doc, f"{name}: no Raises section"
    assert "\nReferences\n----------\n" in doc and "http" in doc.split("References")[-1], f"{name}: no References with a link"
    assert "hapter" in doc, f"{name}: does not say which chapter teaches it"
