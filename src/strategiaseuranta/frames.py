"""Goal sets as pandas data frames, for notebooks.

One row per goal (or per metric) per report, built on the columns of
:mod:`strategiaseuranta.dataset` and shaped for analysis:

- one column per hierarchy level, named by the level's key (``painopiste``;
  Seinäjoki: ``palvelukeskus``, ``tulosalue``, ``valinta``, ``strateginen-tavoite``),
  holding the title of the goal's entry at that level;
- ``level``: the goal's canonical level, its own forecast or, where the schema gives
  status per metric, its worst metric (as :func:`~strategiaseuranta.summarise` counts);
- ``level``, ``forecast_level`` and ``status_level`` are ordered categoricals on the
  canonical scale (``not_assessable`` < ``not_achieved`` < ``partly`` < ``on_track`` <
  ``achieved``), and ``period`` is ordered by time, so ``sort_values`` and ``groupby``
  follow the scale and the rounds;
- ``attributes``: the custom fields as a dict (``frame.attributes.str.get("sivu")``);
- metric rows add ``target_number``, ``value_number``, ``unit`` (parsed from the texts
  where they state a number) and ``meets_target`` (``True``/``False``, or ``<NA>`` when
  the texts do not say).

pandas is an optional extra (``pip install 'strategiaseuranta[pandas]'``), imported on
first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from strategiaseuranta._lazy import paused_gc
from strategiaseuranta.dataset import goal_columns, metric_columns
from strategiaseuranta.forecast import ForecastLevel
from strategiaseuranta.model import Report
from strategiaseuranta.summary import goal_level

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

__all__ = ["LEVEL_ORDER", "to_dataframe"]

LEVEL_ORDER: tuple[str, ...] = tuple(
    level.value for level in sorted(ForecastLevel, key=lambda level: level.rank)
)
"""Canonical level names, lowest first, as the categories of the level columns."""


def _pandas() -> Any:
    from strategiaseuranta.formats._extras import require  # noqa: PLC0415

    return require("pandas", "pandas", "data frames")


def to_dataframe(
    reports: Report | Iterable[Report], *, rows: Literal["goals", "metrics"] = "goals"
) -> pd.DataFrame:
    """Reports as one long data frame: one row per goal (or per metric) per report.

    Rounds of a series and reports of several cities stack into one table, so
    ``groupby(["municipality", "period"])`` compares them.

    Args:
        reports: A report, or any number of them (a list, a generator, ``series.reports``).
        rows: ``"goals"`` (the default) or ``"metrics"``.

    Raises:
        MissingDependencyError: pandas is not installed.
        ValueError: ``rows`` is neither ``"goals"`` nor ``"metrics"``.

    Example:
        >>> import strategiaseuranta as ss
        >>> frame = ss.to_dataframe(ss.load_series("examples/joensuu").reports)
        >>> frame.groupby("period", observed=True)["level"].value_counts().loc["tilinpäätös 2025"].to_dict()
        {'on_track': 5, 'partly': 1, 'achieved': 1, 'not_assessable': 0, 'not_achieved': 0}
        >>> frame.loc[0, ["painopiste", "forecast_word", "level"]].tolist()
        ['Osallisuuden, menon ja meiningin Joensuu', 'Toteutuu', 'on_track']
    """
    if rows not in ("goals", "metrics"):
        raise ValueError(f"rows must be 'goals' or 'metrics', not {rows!r}")
    pd = _pandas()
    listed = [reports] if isinstance(reports, Report) else list(reports)
    with paused_gc():
        columns = _goal_frame_columns(listed) if rows == "goals" else _metric_frame_columns(listed)
        frame = pd.DataFrame(columns)
    categories = pd.CategoricalDtype(list(LEVEL_ORDER), ordered=True)
    for name in ("level", "forecast_level", "status_level"):
        if name in frame:
            frame[name] = frame[name].astype(categories)
    periods = sorted({r.period for r in listed}, key=lambda p: (p.year, p.end_month, p.annual, p.start_month))
    labels = list(dict.fromkeys(str(p) for p in periods))
    frame["period"] = frame["period"].astype(pd.CategoricalDtype(labels, ordered=True))
    if "meets_target" in frame:
        frame["meets_target"] = frame["meets_target"].astype("boolean")
    for name in ("target_number", "value_number"):
        if name in frame:
            frame[name] = frame[name].astype("Float64")
    return frame


def _goal_frame_columns(reports: list[Report]) -> dict[str, list[Any]]:
    columns = goal_columns(reports)
    goals = [goal for report in reports for _, goal in report.walk()]
    from strategiaseuranta.registry import get_schema  # noqa: PLC0415

    # every level of the reports' schemas, top first, whether or not a goal sits under it
    names = dict.fromkeys(r.schema for r in reports)
    schema_keys = (level.key for name in names for level in get_schema(name).levels)
    used = (key for levels in columns["path_levels"] for key in levels)  # levels a schema file lacks
    keys = list(dict.fromkeys([*schema_keys, *used]))
    by_level: dict[str, list[str | None]] = {key: [] for key in keys}
    for titles, levels in zip(columns["path"], columns["path_levels"], strict=True):
        at = dict(zip(levels, titles, strict=True))
        for key, values in by_level.items():
            values.append(at.get(key))
    out: dict[str, list[Any]] = {}
    for name, values in columns.items():
        if name == "node_id":  # the hierarchy's titles by level, before the entry's own columns
            out |= {key: titles for key, titles in by_level.items() if key not in columns}
        out[name] = [dict(goal.attributes) for goal in goals] if name == "attributes" else values
        if name == "forecast_level":
            out["level"] = [None if (lv := goal_level(goal)) is None else lv.value for goal in goals]
    return out


def _metric_frame_columns(reports: list[Report]) -> dict[str, list[Any]]:
    columns = metric_columns(reports)
    metrics = [metric for report in reports for goal in report.goals for metric in goal.metrics]
    targets, values, units, meets = [], [], [], []
    for metric in metrics:
        target, value = metric.target_quantity, metric.value_quantity
        targets.append(float(target.value) if target is not None and target.value is not None else None)
        values.append(float(value.value) if value is not None and value.value is not None else None)
        units.append(target.unit if target is not None and target.unit else (value.unit if value else None))
        meets.append(target.satisfied_by(value) if target is not None and value is not None else None)
    return {
        **columns,
        "target_number": targets,
        "value_number": values,
        "unit": units,
        "meets_target": meets,
    }
