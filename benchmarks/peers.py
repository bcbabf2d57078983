"""The peers the benchmarks compare against.

- :class:`ReportStruct` and friends: ``msgspec.Struct`` classes of the same shape as the
  library's JSON format (``src/strategiaseuranta/data/report-v2.schema.json``, as
  ``formats.json.to_plain`` writes it): frozen like the model, tuples where the model
  has tuples, an enum for the forecast level. Their field order is the JSON key order
  (the report's keys in the documented order, every record's in alphabetical order), so
  ``msgspec.json.encode`` writes the same document as the library (compactly).
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
    "OrganisationStruct",
    "PeriodStruct",
    "ReportStruct",
    "StatusStruct",
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
    level: LevelStruct | None
    word: str


class MetricStruct(msgspec.Struct, frozen=True):
    baseline: str | None
    id: str
    name: str | None
    status: ForecastStruct | None
    target: str | None
    value: str | None


class StatusStruct(msgspec.Struct, frozen=True):
    forecast: ForecastStruct | None
    realisation: str | None


class YearsStruct(msgspec.Struct, frozen=True):
    end: int
    start: int


class GoalStruct(msgspec.Struct, frozen=True):
    attributes: dict[str, str | int | float | bool | None]
    binding: bool
    id: str
    metrics: tuple[MetricStruct, ...]
    responsible: tuple[str, ...]
    status: StatusStruct | None
    title: str
    years: YearsStruct


class NodeStruct(msgspec.Struct, frozen=True):
    children: tuple[NodeStruct, ...]
    goals: tuple[GoalStruct, ...]
    id: str
    level: str
    text: str | None
    title: str


class OrganisationStruct(msgspec.Struct, frozen=True):
    body: str
    municipality: str


class PeriodStruct(msgspec.Struct, frozen=True):
    annual: bool
    end_month: int
    start_month: int
    year: int


class ReportStruct(msgspec.Struct, frozen=True):
    format_version: int
    schema: str
    organisation: OrganisationStruct
    period: PeriodStruct
    title: str | None
    nodes: tuple[NodeStruct, ...]


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
