"""Shared test settings: a small, fast hypothesis profile that writes nothing into the repository."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir

# hypothesis caches constants in .hypothesis/ under the working directory; keep the tree clean
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "lossbook-hypothesis")

settings.register_profile(
    "lossbook",
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile("lossbook")
