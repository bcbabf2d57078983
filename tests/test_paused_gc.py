"""``_lazy.paused_gc``: the collector paused while records are built, and kept reports promoted.

A loaded report joins the collector's oldest generation without being walked, unless the
program has frozen objects of its own: their freeze must survive a load.
"""

from __future__ import annotations

import gc
from pathlib import Path

import attrs
import pytest

import strategiaseuranta as ss
from strategiaseuranta._lazy import PROMOTE_FROM, paused_gc


def _in_generation(obj: object, generation: int) -> bool:
    return any(o is obj for o in gc.get_objects(generation=generation))


def _young(obj: object) -> bool:
    """In the youngest two generations (a young collection may have run since)."""
    return _in_generation(obj, 0) or _in_generation(obj, 1)


@pytest.mark.usefixtures("collector")
def test_kept_objects_go_to_the_oldest_generation() -> None:
    with paused_gc(keep=True):
        made = [[i] for i in range(PROMOTE_FROM)]
    assert gc.isenabled()
    assert gc.get_count()[0] < 100, "nothing left for the next young collection to walk"
    assert _in_generation(made[0], 2) and not _in_generation(made[0], 0)
    assert gc.get_freeze_count() == 0, "nothing stays frozen"


@pytest.mark.usefixtures("collector")
def test_without_keep_objects_stay_young() -> None:
    with paused_gc():
        made = [[i] for i in range(PROMOTE_FROM)]
    assert _young(made[0])


@pytest.mark.usefixtures("collector")
def test_few_objects_are_left_alone() -> None:
    with paused_gc(keep=True):
        made = [[i] for i in range(100)]
    assert _young(made[0])


@pytest.mark.usefixtures("collector")
def test_a_programs_freeze_survives_a_load() -> None:
    frozen = [["kept frozen"]]
    gc.freeze()
    count = gc.get_freeze_count()
    with paused_gc(keep=True):
        made = [[i] for i in range(PROMOTE_FROM)]
    assert gc.get_freeze_count() == count, "the program's frozen objects are still frozen"
    assert not _in_generation(frozen[0], 2)
    assert _young(made[0]), "no promotion in a program that froze objects"


@pytest.mark.usefixtures("collector")
def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with paused_gc(keep=True):
            made = [[i] for i in range(PROMOTE_FROM)]
        assert not gc.isenabled()
        assert _young(made[0])
    finally:
        gc.enable()


@pytest.mark.usefixtures("collector")
def test_a_large_loaded_report_is_promoted(tmp_path: Path) -> None:
    example = ss.load("examples/joensuu/2025-07.yaml")
    node = example.nodes[0]
    goals = [attrs.evolve(node.goals[i % len(node.goals)], id=f"g{i}") for i in range(3000)]
    big = attrs.evolve(example, nodes=[attrs.evolve(node, goals=goals)])
    ss.dump(big, tmp_path / "iso.json")
    loaded = ss.load(tmp_path / "iso.json")
    assert loaded == big
    assert _in_generation(loaded.goals[-1], 2), "a 3,000-goal report is kept in the oldest generation"
    small = ss.load("examples/seinajoki/tilinpaatos-2024.json")  # 96 goals: left to the collector
    assert _young(small.goals[0])
