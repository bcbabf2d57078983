"""Hypothesis profiles (``fast`` by default, ``thorough`` with HYPOTHESIS_PROFILE=thorough),
and the ``collector`` fixture of the garbage-collector tests."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("fast", max_examples=40, deadline=None, database=None)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


@pytest.fixture
def collector() -> Iterator[None]:
    """A known collector state: enabled, nothing frozen, young generation empty; restored afterwards."""
    was_enabled = gc.isenabled()
    gc.enable()
    gc.collect()
    assert gc.get_freeze_count() == 0
    yield
    gc.unfreeze()
    if not was_enabled:
        gc.disable()
