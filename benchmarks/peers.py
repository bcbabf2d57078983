"""The peers the benchmarks compare against.

- :class:`ReportStruct` and friends: ``msgspec.Struct`` classes of the same shape as the
  library's JSON format (``src/strategiaseuranta/data/report-v1.schema.json``, as
  ``formats.json.to_plain`` writes it): frozen like the model, tuples where the model
  has tuples, an enum for the forecast level. Their field order is the JSON key order,
  so ``msgspec.json.encode`` writes the same document as the library (compactly).
- :func:`keyed_equality`: the least a diff of two rounds has to do: key the goals of
  both rounds by id, then compare each pair of goals with ``==`` on plain data.
- :func:`deepdiff_keyed`: DeepDiff on the same goals keyed by id.
"""

from __future__ import annotations

import enum
from typing import Any

import msgspec

__all__ = [
    "ForecastStruct",
    "GoalStruct",
    "LevelStruct",
    "MetricStruct",
    "NodeStruct",
    "PeriodStruct",
    "ReportStruct",
    "YearsStruct",
    "deepdiff_keyed",
    "goals_by_id",
    "keyed_equality",
]


class LevelStruct(enum.Enum):
    """The canonical forecast level (``ForecastLevel`` of the model)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    PARTLY = "partly"
    NOT_ACHIEVED = "not_achieved"
    NOT_ASSESSABLE = "not_assessable"


class ForecastStruct(msgspec.Struct, frozen=True):
    word: str
    level: LevelStruct | None = None


class MetricStruct(msgspec.Struct, frozen=True):
    id: str
    name: str | None = None
    target: str | None = None
    baseline: str | None = None
    value: str | None = None
    status: ForecastStruct | None = None


class YearsStruct(msgspec.Struct, frozen=True):
    start: int
    end: int


class GoalStruct(msgspec.Struct, frozen=True):
    id: str
    title: str
    years: YearsStruct
    binding: bool = False
    responsible: tuple[str, ...] = ()
    metrics: tuple[MetricStruct, ...] = ()
    realisation: str | None = None
    forecast: ForecastStruct | None = None
    attributes: dict[str, str | int | float | bool | None] = msgspec.field(default_factory=dict)


class NodeStruct(msgspec.Struct, frozen=True):
    id: str
    level: str
    title: str
    text: str | None = None
    goals: tuple[GoalStruct, ...] = ()
    children: tuple[NodeStruct, ...] = ()


class PeriodStruct(msgspec.Struct, frozen=True):
    year: int
    start_month: int = 1
    end_month: int = 12
    annual: bool = False


class ReportStruct(msgspec.Struct, frozen=True):
    format_version: int
    schema: str
    municipality: str
    body: str
    period: PeriodStruct
    title: str | None = None
    nodes: tuple[NodeStruct, ...] = ()


def decoder() -> msgspec.json.Decoder[ReportStruct]:
    """A reusable decoder of the JSON format into :class:`ReportStruct` (as one would use it)."""
    return msgspec.json.Decoder(ReportStruct)


def goals_by_id(plain: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every goal of a plain JSON-dialect report, keyed by its id (depth first, document order)."""
    out: dict[str, dict[str, Any]] = {}
    stack = list(reversed(plain["nodes"]))
    while stack:
        node = stack.pop()
        for goal in node["goals"]:
            out[goal["id"]] = goal
        stack.extend(reversed(node["children"]))
    return out


def keyed_equality(old: dict[str, Any], new: dict[str, Any]) -> tuple[list[str], set[str], set[str]]:
    """Changed, added and removed goal ids of two plain rounds, by dict equality."""
    a, b = goals_by_id(old), goals_by_id(new)
    changed = [k for k in a.keys() & b.keys() if a[k] != b[k]]
    return changed, b.keys() - a.keys(), a.keys() - b.keys()


def deepdiff_keyed(old: dict[str, Any], new: dict[str, Any]) -> Any:
    """DeepDiff of the goals of two plain rounds keyed by id."""
    from deepdiff import DeepDiff

    return DeepDiff(goals_by_id(old), goals_by_id(new))
