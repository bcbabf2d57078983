"""strategiaseuranta: Finnish municipalities' strategy-monitoring reports as data.

Load a round, check it, and read its goals:

>>> import strategiaseuranta as ss
>>> report = ss.load("examples/joensuu/2025-07.yaml")
>>> [issue.code for issue in ss.validate(report)]
[]
>>> report.goals[-1].status.realisation
'Toteutunut'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from strategiaseuranta._frozen import FrozenDict
from strategiaseuranta.diff import (
    Diff,
    ForecastChange,
    GoalChange,
    GoalRef,
    Match,
    MetricChange,
    TextChange,
    Trend,
    WordOp,
    diff,
)
from strategiaseuranta.exceptions import (
    FormatError,
    LoadError,
    MissingDependencyError,
    SchemaError,
    StrategiaseurantaError,
    WriteError,
)
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.io import Format, available_formats, dump, load, register_format
from strategiaseuranta.issues import CODES, Code, Issue, Location, Severity, format_issues, register_code
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Source, Status
from strategiaseuranta.periods import Period, YearSpan
from strategiaseuranta.quantities import Comparator, Direction, Quantity, parse_quantity
from strategiaseuranta.registry import (
    available_rules,
    available_schemas,
    get_rule,
    get_schema,
    register_rule,
    register_schema,
)
from strategiaseuranta.rounds import HistoryRow, Series, check_rounds, load_series
from strategiaseuranta.schema import CustomField, Labels, Level, ScaleWord, Schema
from strategiaseuranta.validate import validate

if TYPE_CHECKING:
    from strategiaseuranta.dataset import goal_columns, metric_columns, to_arrow, write_parquet
    from strategiaseuranta.frames import to_dataframe
    from strategiaseuranta.summary import (
        ForecastSummary,
        GoalAtRisk,
        at_risk,
        count_forecasts,
        goal_level,
        summarise,
    )

_LAZY = {
    **dict.fromkeys(("goal_columns", "metric_columns", "to_arrow", "write_parquet"), "dataset"),
    "to_dataframe": "frames",
    **dict.fromkeys(
        ("ForecastSummary", "GoalAtRisk", "at_risk", "count_forecasts", "goal_level", "summarise"), "summary"
    ),
}
"""Names whose modules load on first use, so that ``import strategiaseuranta`` stays quick."""

__all__ = [
    "CODES",
    "Code",
    "Comparator",
    "CustomField",
    "Diff",
    "Direction",
    "Forecast",
    "ForecastChange",
    "ForecastLevel",
    "ForecastSummary",
    "Format",
    "FormatError",
    "FrozenDict",
    "Goal",
    "GoalAtRisk",
    "GoalChange",
    "GoalRef",
    "HistoryRow",
    "Issue",
    "Labels",
    "Level",
    "LoadError",
    "Location",
    "Match",
    "Metric",
    "MetricChange",
    "MissingDependencyError",
    "Node",
    "Organisation",
    "Period",
    "Quantity",
    "Report",
    "ScaleWord",
    "Schema",
    "SchemaError",
    "Series",
    "Severity",
    "Source",
    "Status",
    "StrategiaseurantaError",
    "TextChange",
    "Trend",
    "WordOp",
    "WriteError",
    "YearSpan",
    "__version__",
    "at_risk",
    "available_formats",
    "available_rules",
    "available_schemas",
    "check_rounds",
    "count_forecasts",
    "diff",
    "dump",
    "figures",
    "format_issues",
    "get_rule",
    "get_schema",
    "goal_columns",
    "goal_level",
    "load",
    "load_series",
    "metric_columns",
    "parse_quantity",
    "register_code",
    "register_format",
    "register_rule",
    "register_schema",
    "summarise",
    "to_arrow",
    "to_dataframe",
    "validate",
    "write_parquet",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("strategiaseuranta")
    if name == "figures":  # the module itself: ss.figures.forecast_bars(...)
        from importlib import import_module  # noqa: PLC0415

        return import_module("strategiaseuranta.figures")
    module = _LAZY.get(name)
    if module is not None:
        from importlib import import_module  # noqa: PLC0415

        value = getattr(import_module(f"strategiaseuranta.{module}"), name)
        globals()[name] = value  # later lookups are plain
        return value
    raise AttributeError(f"module 'strategiaseuranta' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
