"""Shared by the explorer tests: each explorer's static data, computed once per process.

``static_data()`` evaluates every state of an explorer (about a second for the larger
grids), so the test modules that walk the states share one copy.
"""

import json
from functools import lru_cache

from lossbook import explorers as ex

BY_NAME = {cls.__name__: cls for cls in ex.EXPLORERS}


@lru_cache(maxsize=None)
def explorer(name):
    return BY_NAME[name]()


@lru_cache(maxsize=None)
def _static_json(name):
    return json.dumps(explorer(name).static_data())


def static_data(name):
    """The static form's data as the page's script reads it (a fresh copy: callers may change it)."""
    return json.loads(_static_json(name))


@lru_cache(maxsize=None)
def static_html(name):
    """One static display of the explorer (reuse it on separate pages only: its element id is fixed)."""
    return explorer(name).static_html()
