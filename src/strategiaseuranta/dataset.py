"""The national dataset: reports as flat columns, Arrow tables and Parquet files.

Every report of every municipality, one row per goal (or per metric) per report, so
that DuckDB, Polars, Spark or a spreadsheet can take over where one Python process
stops. :func:`goal_columns` and :func:`metric_columns` are pure Python (lists of
plain values, no optional dependency); :func:`to_arrow` and :func:`write_parquet`
need the ``arrow`` extra (``pip install 'strategiaseuranta[arrow]'``), imported on
first use.

Texts are kept verbatim (the city's own words, å, ä, ö and en dashes included);
the forecast is given twice, as the city's word and as its canonical level, so
rounds and cities compare on the level.

Goal rows (``rows="goals"``), one per goal per report, in the order the reports
are given and the goals in document order:

- ``municipality``, ``body`` (string): the report's organisation.
- ``schema`` (string): the name of the schema the report follows.
- ``period`` (string): the round as the Finnish label, ``str(report.period)``,
  e.g. ``tammi–heinäkuu 2025`` or ``tilinpäätös 2025``.
- ``period_year``, ``period_start_month``, ``period_end_month`` (int16) and
  ``annual`` (bool): the round's :class:`~strategiaseuranta.Period`; order rounds
  by ``period_year, period_end_month, annual``.
- ``goal_id``, ``title`` (string): the goal's id (stable across rounds) and title.
- ``years_start``, ``years_end`` (int16): the years the goal is set for.
- ``binding`` (bool): a binding goal (sitova tavoite).
- ``responsible`` (list of string): the responsible parties, in order.
- ``node_id``, ``node_level``, ``node_title`` (string): the hierarchy entry the goal
  sits directly under; ``node_level`` is a level key of the report's schema.
- ``path``, ``path_levels`` (list of string): the titles and level keys of the
  hierarchy entries from the top level down to the goal's own entry (the last item
  is ``node_title``, ``node_level``).
- ``forecast_word`` (string, null): the forecast in the city's own word.
- ``forecast_level`` (string, null): its canonical level, a
  :class:`~strategiaseuranta.ForecastLevel` value (``achieved``, ``on_track``,
  ``partly``, ``not_achieved``, ``not_assessable``); null when there is no forecast
  or the schema does not know the word. Schemas with status per metric (Seinäjoki)
  give no goal forecast: see the metric rows.
- ``realisation`` (string, null): the realisation text (toteuma).
- ``metrics`` (int32): how many metrics the goal has.
- ``attributes`` (string, null): the schema's custom fields as a JSON object in the
  file's order (``{"sivu": 82}``), null when the goal has none; custom fields differ
  from schema to schema, so they are one JSON column rather than a column each
  (DuckDB: ``attributes ->> '$.sivu'``).

Metric rows (``rows="metrics"``), one per metric per goal per report: the report's
columns (``municipality`` to ``annual``) and ``goal_id`` as above, then ``metric_id``
(string, unique within the goal), ``name``, ``target``, ``baseline``, ``value``
(string, null; verbatim), ``status_word`` and ``status_level`` (string, null: the
metric's own status, for schemas with status per metric, as the word and the
canonical level).

A goal row is identified by ``municipality, body, period, goal_id``; join metric
rows to goal rows on those four columns.

Example:
    >>> import strategiaseuranta as ss
    >>> report = ss.load("examples/joensuu/2025-07.yaml")
    >>> columns = ss.goal_columns([report])
    >>> len(columns["goal_id"]), columns["period"][0], columns["forecast_level"][0]
    (7, 'tammi–heinäkuu 2025', 'on_track')
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, Literal

from strategiaseuranta._lazy import paused_gc
from strategiaseuranta.forecast import ForecastLevel
from strategiaseuranta.formats._extras import require

if TYPE_CHECKING:
    from types import ModuleType

    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    from strategiaseuranta.model import Node, Report

__all__ = ["goal_columns", "metric_columns", "to_arrow", "write_parquet"]

_REPORT_FIELDS: Final = (
    ("municipality", "string", False),
    ("body", "string", False),
    ("schema", "string", False),
    ("period", "string", False),
    ("period_year", "int16", False),
    ("period_start_month", "int16", False),
    ("period_end_month", "int16", False),
    ("annual", "bool", False),
)
_GOAL_FIELDS: Final = (
    *_REPORT_FIELDS,
    ("goal_id", "string", False),
    ("title", "string", False),
    ("years_start", "int16", False),
    ("years_end", "int16", False),
    ("binding", "bool", False),
    ("responsible", "list<string>", False),
    ("node_id", "string", False),
    ("node_level", "string", False),
    ("node_title", "string", False),
    ("path", "list<string>", False),
    ("path_levels", "list<string>", False),
    ("forecast_word", "string", True),
    ("forecast_level", "string", True),
    ("realisation", "string", True),
    ("metrics", "int32", False),
    ("attributes", "string", True),
)
_METRIC_FIELDS: Final = (
    *_REPORT_FIELDS,
    ("goal_id", "string", False),
    ("metric_id", "string", False),
    ("name", "string", True),
    ("target", "string", True),
    ("baseline", "string", True),
    ("value", "string", True),
    ("status_word", "string", True),
    ("status_level", "string", True),
)
_FIELDS: Final = {"goals": _GOAL_FIELDS, "metrics": _METRIC_FIELDS}

# zstd packs Finnish prose far smaller than snappy (the 360,000 goal rows of docs/national.md:
# 9 MB against 31 MB) at the same speed, and DuckDB, Polars, Spark and pyarrow all read it.
_COMPRESSION: Final = "zstd"
# several row groups in a national file, so that readers scan it in parallel
_ROW_GROUP_SIZE: Final = 131_072

_LEVEL_VALUES: Final[dict[ForecastLevel | None, str | None]] = {
    None: None,
    **{level: level.value for level in ForecastLevel},
}


def _nodes_in_order(report: Report) -> list[tuple[Node, list[str], list[str]]]:
    """Every node with the titles and level keys from the top down to it, in document order."""
    out: list[tuple[Node, list[str], list[str]]] = []
    stack: list[tuple[Node, list[str], list[str]]] = [
        (node, [node.title], [node.level]) for node in reversed(report.nodes)
    ]
    while stack:
        entry = stack.pop()
        out.append(entry)
        node, titles, levels = entry
        stack.extend((c, [*titles, c.title], [*levels, c.level]) for c in reversed(node.children))
    return out


def _report_keys(report: Report) -> tuple[Any, ...]:
    period = report.period
    organisation = report.organisation
    return (
        organisation.municipality,
        organisation.body,
        report.schema,
        str(period),
        period.year,
        period.start_month,
        period.end_month,
        period.annual,
    )


def goal_columns(reports: Iterable[Report]) -> dict[str, list[Any]]:
    """The goals of reports as columns: one row per goal per report.

    The columns are described in the guide *The national dataset* and in this module's
    docstring (``help(strategiaseuranta.dataset)``).

    Pure Python: every value is a ``str``, ``int``, ``bool``, ``None`` or a list of
    ``str``, so the result feeds any table library, and is what :func:`to_arrow`
    turns into Arrow arrays. ``reports`` may be a generator: it is read once.

    Example:
        >>> import strategiaseuranta as ss
        >>> report = ss.load("examples/joensuu/2025-07.yaml")
        >>> columns = ss.goal_columns([report])
        >>> list(columns)[:9]
        ['municipality', 'body', 'schema', 'period', 'period_year', 'period_start_month', \
'period_end_month', 'annual', 'goal_id']
        >>> row = {name: values[-1] for name, values in columns.items()}
        >>> row["title"]
        'Unicef:n Lapsiystävällinen kunta –malliin tehdään uusi toimintasuunnitelma vuosille 2025–2026'
        >>> row["years_start"], row["years_end"], row["node_level"], row["path"]
        (2025, 2026, 'painopiste', ['Kasvatuksen, koulutuksen ja opiskelun Joensuu'])
        >>> row["forecast_word"], row["forecast_level"], row["realisation"], row["metrics"]
        ('Toteutuu', 'on_track', 'Toteutunut', 1)
    """
    columns: dict[str, list[Any]] = {name: [] for name, _, _ in _GOAL_FIELDS}
    report_columns = [columns[name] for name, _, _ in _REPORT_FIELDS]
    goal_id, title = columns["goal_id"], columns["title"]
    years_start, years_end = columns["years_start"], columns["years_end"]
    binding, responsible = columns["binding"], columns["responsible"]
    node_id, node_level, node_title = columns["node_id"], columns["node_level"], columns["node_title"]
    path, path_levels = columns["path"], columns["path_levels"]
    forecast_word, forecast_level = columns["forecast_word"], columns["forecast_level"]
    realisation, metrics, attributes = columns["realisation"], columns["metrics"], columns["attributes"]
    from json import dumps  # noqa: PLC0415 - not needed at import time

    level_value = _LEVEL_VALUES
    with paused_gc():  # hundreds of thousands of small lists, none in a cycle
        for report in reports:
            before = len(goal_id)
            for node, titles, levels in _nodes_in_order(report):
                goals = node.goals
                if not goals:
                    continue
                n = len(goals)
                node_id.extend([node.id] * n)
                node_level.extend([node.level] * n)
                node_title.extend([node.title] * n)
                for goal in goals:
                    goal_id.append(goal.id)
                    title.append(goal.title)
                    years = goal.years
                    years_start.append(years.start)
                    years_end.append(years.end)
                    binding.append(goal.binding)
                    responsible.append(list(goal.responsible))
                    path.append(titles.copy())
                    path_levels.append(levels.copy())
                    status = goal.status
                    if status is None:
                        forecast_word.append(None)
                        forecast_level.append(None)
                        realisation.append(None)
                    else:
                        forecast = status.forecast
                        forecast_word.append(forecast.word if forecast is not None else None)
                        forecast_level.append(level_value[forecast.level] if forecast is not None else None)
                        realisation.append(status.realisation)
                    metrics.append(len(goal.metrics))
                    custom = goal.attributes
                    attributes.append(dumps(custom, ensure_ascii=False) if custom else None)
            n = len(goal_id) - before
            for column, value in zip(report_columns, _report_keys(report), strict=True):
                column.extend([value] * n)
    return columns


def metric_columns(reports: Iterable[Report]) -> dict[str, list[Any]]:
    """The metrics of reports as columns: one row per metric per goal per report.

    Pure Python, like :func:`goal_columns`; the columns are described with it.

    Example:
        >>> import strategiaseuranta as ss
        >>> report = ss.load("examples/joensuu/2025-07.yaml")
        >>> columns = ss.metric_columns([report])
        >>> len(columns["metric_id"]), columns["period"][0]
        (7, 'tammi–heinäkuu 2025')
        >>> row = {name: values[-1] for name, values in columns.items()}
        >>> row["goal_id"], row["metric_id"]
        ('unicef-n-lapsiystavallinen-e74e3c', 'toimintasuunnitelma-on-tehty-5295c9')
        >>> row["target"], row["value"], row["status_level"]
        ('Toimintasuunnitelma on tehty ja hyväksytty', None, None)
    """
    columns: dict[str, list[Any]] = {name: [] for name, _, _ in _METRIC_FIELDS}
    report_columns = [columns[name] for name, _, _ in _REPORT_FIELDS]
    goal_id, metric_id, name = columns["goal_id"], columns["metric_id"], columns["name"]
    target, baseline, value = columns["target"], columns["baseline"], columns["value"]
    status_word, status_level = columns["status_word"], columns["status_level"]
    level_value = _LEVEL_VALUES
    with paused_gc():
        for report in reports:
            before = len(goal_id)
            for node, _, _ in _nodes_in_order(report):
                for goal in node.goals:
                    for metric in goal.metrics:
                        goal_id.append(goal.id)
                        metric_id.append(metric.id)
                        name.append(metric.name)
                        target.append(metric.target)
                        baseline.append(metric.baseline)
                        value.append(metric.value)
                        status = metric.status
                        status_word.append(status.word if status is not None else None)
                        status_level.append(level_value[status.level] if status is not None else None)
            n = len(goal_id) - before
            for column, key in zip(report_columns, _report_keys(report), strict=True):
                column.extend([key] * n)
    return columns


def _check_rows(rows: str) -> None:
    if rows not in _FIELDS:
        raise ValueError(f"rows must be 'goals' or 'metrics', not {rows!r}")


def _pyarrow(module: str = "pyarrow") -> ModuleType:
    """Import pyarrow (or one of its modules), or say to install the ``arrow`` extra."""
    return require(module, "arrow", "exporting to Arrow/Parquet")


def _schema(pa: Any, rows: str) -> Any:
    types = {
        "string": pa.string(),
        "int16": pa.int16(),
        "int32": pa.int32(),
        "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()),
    }
    from importlib.metadata import version  # noqa: PLC0415

    metadata = {"strategiaseuranta.rows": rows, "strategiaseuranta.version": version("strategiaseuranta")}
    fields = [pa.field(name, types[kind], nullable=nullable) for name, kind, nullable in _FIELDS[rows]]
    return pa.schema(fields, metadata=metadata)


def to_arrow(reports: Iterable[Report], *, rows: Literal["goals", "metrics"] = "goals") -> pa.Table:
    """The reports as a ``pyarrow.Table``: one row per goal (default) or per metric.

    The table has an explicit schema (strings, ``int16``/``int32`` numbers, booleans,
    lists of strings; the columns that are never null are marked so), and records
    ``strategiaseuranta.rows`` and ``strategiaseuranta.version`` in its metadata. The
    values are those of :func:`goal_columns` or :func:`metric_columns`.

    Args:
        reports: The reports, in the order the rows should have; read once.
        rows: ``"goals"`` or ``"metrics"``.

    Raises:
        MissingDependencyError: pyarrow is not installed (the ``arrow`` extra).
        ValueError: ``rows`` is neither ``"goals"`` nor ``"metrics"``, or a text holds a lone
            surrogate (``"\\ud800"``, which a JSON file can spell), which UTF-8 cannot carry.

    Example:
        >>> import strategiaseuranta as ss
        >>> table = ss.to_arrow([ss.load("examples/joensuu/2025-07.yaml")])
        >>> table.num_rows, table.schema.field("path").type, table.schema.field("period_year").type
        (7, ListType(list<item: string>), DataType(int16))
        >>> table.column("node_title")[0].as_py()
        'Osallisuuden, menon ja meiningin Joensuu'
        >>> ss.to_arrow([], rows="metrics").column_names[-2:]
        ['status_word', 'status_level']
    """
    _check_rows(rows)
    pa = _pyarrow()
    columns = goal_columns(reports) if rows == "goals" else metric_columns(reports)
    schema = _schema(pa, rows)
    arrays = []
    for field in schema:
        values = columns[field.name]
        try:
            arrays.append(pa.array(values, type=field.type))
        except UnicodeEncodeError:
            row = next(i for i, value in enumerate(values) if not _encodes(value))
            where = ", ".join(f"{key} {columns[key][row]!r}" for key in ("municipality", "period", "goal_id"))
            raise ValueError(
                f"{field.name} of {where}: text with a lone surrogate, which UTF-8 cannot carry"
            ) from None
    return pa.Table.from_arrays(arrays, schema=schema)


def _encodes(value: str | list[str] | None) -> bool:
    """Whether a value (a text, a list of texts, or None) can be written as UTF-8."""
    texts = value if isinstance(value, list) else [value]
    try:
        for text in texts:
            if text is not None:
                text.encode()
    except UnicodeEncodeError:
        return False
    return True


def _write_table(table: pa.Table, path: str | os.PathLike[str]) -> None:
    """Write an Arrow table to a Parquet file atomically (see :func:`write_parquet`)."""
    from strategiaseuranta.formats._files import atomic_write  # noqa: PLC0415

    parquet = _pyarrow("pyarrow.parquet")

    def write(handle: Any) -> None:
        parquet.write_table(table, handle, compression=_COMPRESSION, row_group_size=_ROW_GROUP_SIZE)

    atomic_write(path, write, binary=True)


def write_parquet(
    reports: Iterable[Report], path: str | os.PathLike[str], *, rows: Literal["goals", "metrics"] = "goals"
) -> int:
    """Write the reports to a Parquet file: the table of :func:`to_arrow`, zstd-compressed.

    The table is built in memory first; then it is written to a temporary file in the
    target's folder, which replaces the target only when complete, so an error leaves
    no partial file (and an existing file as it was).

    Args:
        reports: The reports, in the order the rows should have; read once.
        path: The Parquet file to write.
        rows: ``"goals"`` or ``"metrics"``.

    Returns:
        The number of rows written.

    Raises:
        MissingDependencyError: pyarrow is not installed (the ``arrow`` extra).
        WriteError: The file cannot be written (a missing folder, a folder in its place).
        ValueError: ``rows`` is neither ``"goals"`` nor ``"metrics"``, or a text holds a lone
            surrogate (see :func:`to_arrow`).

    Example:
        >>> import strategiaseuranta as ss, tempfile, pathlib
        >>> import pyarrow.parquet as pq
        >>> series = ss.load_series("examples/joensuu")
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "joensuu.parquet"
        >>> ss.write_parquet(series.reports, out)
        14
        >>> table = pq.read_table(out)
        >>> table.column("period").unique().to_pylist()
        ['tammi–heinäkuu 2025', 'tilinpäätös 2025']
        >>> table.to_pylist() == ss.to_arrow(series.reports).to_pylist()
        True
    """
    _check_rows(rows)
    table = to_arrow(reports, rows=rows)
    _write_table(table, path)
    return int(table.num_rows)
