"""Series of reporting rounds, and the checks that need more than one round.

:func:`load_series` loads several rounds of the same goal set (a folder or a
list of files) as a :class:`Series` ordered by period. :func:`check_rounds`
compares two consecutive rounds and returns warnings with the same
:class:`~strategiaseuranta.Issue` records and codes as validation (``R3xx``).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from strategiaseuranta.diff import Diff, GoalRef, Trend, diff, match_goals
from strategiaseuranta.exceptions import LoadError
from strategiaseuranta.forecast import Forecast
from strategiaseuranta.io import load, readable_extensions
from strategiaseuranta.issues import Issue, Location, Pointer
from strategiaseuranta.model import Report
from strategiaseuranta.quantities import parse_quantity

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

__all__ = ["HistoryRow", "Series", "check_rounds", "load_series"]


@attrs.frozen
class HistoryRow:
    """One goal followed through a series: its forecast in each round (``None`` where absent)."""

    goal: GoalRef
    forecasts: tuple[Forecast | None, ...]
    present: tuple[bool, ...]


@attrs.frozen
class Series:
    """Rounds of the same goal set, ordered by period.

    Attributes:
        reports: The rounds, earliest first.
        issues: Problems found while putting the series together (``R305``).

    Example:
        >>> import strategiaseuranta as ss
        >>> series = ss.load_series("examples/joensuu")
        >>> [str(r.period) for r in series.reports]
        ['tammi–heinäkuu 2025', 'tilinpäätös 2025']
    """

    reports: tuple[Report, ...]
    issues: tuple[Issue, ...] = ()

    def to_dataframe(self, *, rows: Literal["goals", "metrics"] = "goals") -> pd.DataFrame:
        """The rounds as one long data frame (needs the ``pandas`` extra).

        See :func:`strategiaseuranta.to_dataframe`.

        Example:
            >>> import strategiaseuranta as ss
            >>> frame = ss.load_series("examples/joensuu").to_dataframe()
            >>> frame.pivot(index="goal_id", columns="period", values="level").iloc[1].tolist()
            ['on_track', 'partly']
        """
        from strategiaseuranta.frames import to_dataframe  # noqa: PLC0415 - pandas on first use

        return to_dataframe(self.reports, rows=rows)

    def changes(self) -> list[dict[str, object]]:
        """What changed from each round to the next: the periods and the diff's counts.

        Example:
            >>> import strategiaseuranta as ss
            >>> (change,) = ss.load_series("examples/joensuu").changes()
            >>> change["from"], change["to"], change["worsened"], change["improved"], change["stale"]
            ('tammi–heinäkuu 2025', 'tilinpäätös 2025', 1, 1, 1)
        """
        return [{"from": str(d.old_period), "to": str(d.new_period), **d.summary()} for d in self.diffs()]

    def diffs(self) -> list[Diff]:
        """The diffs of consecutive rounds.

        Example:
            >>> import strategiaseuranta as ss
            >>> [d.summary()["worsened"] for d in ss.load_series("examples/joensuu").diffs()]
            [1]
        """
        return [diff(a, b) for a, b in zip(self.reports, self.reports[1:], strict=False)]

    def check(self) -> list[Issue]:
        """Every cross-round warning: the series' own issues, then each consecutive pair's.

        Example:
            >>> import strategiaseuranta as ss
            >>> series = ss.load_series(["examples/joensuu/2025-12.yaml", "examples/joensuu/2025-07.yaml"])
            >>> [i.code for i in series.check()]
            ['R305', 'R302']
        """
        out = list(self.issues)
        for a, b in zip(self.reports, self.reports[1:], strict=False):
            out.extend(check_rounds(a, b))
        return out

    def history(self) -> list[HistoryRow]:
        """Every goal of the series with its forecast in each round, following matches.

        Goals are listed in the order they first appear; a goal matched across rounds is
        one row even when its id or title changed.

        Example:
            >>> import strategiaseuranta as ss
            >>> row = ss.load_series("examples/joensuu").history()[1]
            >>> [f.word for f in row.forecasts], row.present
            (['Toteutuu', 'Toteutuu osittain'], (True, True))
        """
        n = len(self.reports)
        rows: list[list[tuple[str, str, tuple[str, ...], Forecast | None] | None]] = []
        current: dict[str, int] = {}  # goal id in the previous round → row
        last_seen: dict[str, int] = {}  # goal id → row, over all earlier rounds (for goals that come back)
        for index, report in enumerate(self.reports):
            links = {}
            if index:
                links = {
                    m.new_id: current[m.old_id]
                    for m in match_goals(self.reports[index - 1], report)
                    if m.old_id in current
                }
            following: dict[str, int] = {}
            for trail, goal in report.walk():
                row = links.pop(goal.id, None)
                if row is None and goal.id in last_seen and rows[last_seen[goal.id]][index] is None:
                    row = last_seen[goal.id]
                if row is None:
                    rows.append([None] * n)
                    row = len(rows) - 1
                rows[row][index] = (goal.id, goal.title, tuple(t.title for t in trail), goal.forecast)
                following[goal.id] = row
            current = following
            last_seen.update(following)
        out = []
        for cells in rows:
            last = next(c for c in reversed(cells) if c is not None)
            out.append(
                HistoryRow(
                    GoalRef(last[0], last[1], last[2]),
                    tuple(c[3] if c else None for c in cells),
                    tuple(c is not None for c in cells),
                )
            )
        return out


def _paths(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            return sorted(
                str(p) for p in path.iterdir() if p.suffix.lower() in readable_extensions() and p.is_file()
            )
        return [os.fspath(source)]
    paths: list[str] = []
    for item in source:
        paths.extend(_paths(item))
    return paths


def load_series(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Series:
    """Load rounds from a folder (every .yaml/.yml/.json in it) or a list of files.

    The rounds are ordered by period. Files given out of period order, or two rounds
    of the same period, give an ``R305`` warning in :attr:`Series.issues`.

    Raises:
        LoadError: A file cannot be loaded (with every problem of every such file),
            or there is no file at all.

    Example:
        >>> import strategiaseuranta as ss
        >>> series = ss.load_series(["examples/joensuu/2025-12.yaml", "examples/joensuu/2025-07.yaml"])
        >>> [str(r.period) for r in series.reports]
        ['tammi–heinäkuu 2025', 'tilinpäätös 2025']
        >>> [i.code for i in series.issues]
        ['R305']
    """
    paths = _paths(source)
    if not paths:
        raise LoadError([Issue("L101", "no report files (.yaml, .yml, .json) found", Location(str(source)))])
    reports: list[Report] = []
    problems: list[Issue] = []
    for path in paths:
        try:
            reports.append(load(path))
        except LoadError as error:
            problems.extend(error.issues)
    if problems:
        raise LoadError(problems)
    issues: list[Issue] = []
    given_order = isinstance(source, Sequence) and not isinstance(source, str)
    for a, b in itertools.pairwise(reports):
        if a.period == b.period:
            issues.append(_series_issue(f"two rounds share the period {a.period}", b))
        elif given_order and b.period < a.period:
            issues.append(_series_issue(f"round {b.period} is given after the later round {a.period}", b))
    ordered = sorted(reports, key=lambda r: r.period.sort_key())
    return Series(tuple(ordered), tuple(issues))


def _series_issue(message: str, report: Report) -> Issue:
    return Issue("R305", message, Location(report.source.file if report.source else None))


def _pointers(report: Report) -> dict[str, tuple[Pointer, tuple[str, ...]]]:
    from strategiaseuranta.registry import get_schema  # noqa: PLC0415
    from strategiaseuranta.validate import _context  # noqa: PLC0415

    ctx = _context(report, get_schema(report.schema))
    return {p.goal.id: (p.pointer, (*(n.title for n in p.trail), p.goal.title)) for p in ctx.goals}


def _is_count(text: str | None) -> bool:
    quantity = parse_quantity(text) if text else None
    unit = quantity.unit if quantity else None
    return (
        quantity is not None
        and quantity.value is not None
        and not (unit and ("%" in unit or unit.startswith("/")))
    )


def check_rounds(old: Report, new: Report, d: Diff | None = None) -> list[Issue]:
    """Warnings about how a goal set moved from one round to the next (codes ``R301``–``R306``).

    - R301: a forecast worsened but the realisation text stayed as it was;
    - R302: a target level changed within the year;
    - R303: a measured count went down within the year (counts are cumulative in
      interim rounds; percentages and ratios are not treated as cumulative);
    - R304: a goal of the earlier round is missing from the later one;
    - R306: a goal was matched by title similarity only, below certainty.

    Example:
        >>> import strategiaseuranta as ss
        >>> july, accounts = ss.load_series("examples/joensuu").reports
        >>> [i.code for i in ss.check_rounds(july, accounts)]
        ['R302']
    """
    d = d if d is not None else diff(old, new)
    file = new.source.file if new.source else None
    places = _pointers(new)
    metric_index = {(g.id, m.id): i for g in new.goals for i, m in enumerate(g.metrics)}
    mkey, tkey, vkey, fkey = _keys(new)
    same_year = old.period.year == new.period.year
    issues: list[Issue] = []

    def at(goal_id: str, code: str, message: str = "", tail: Pointer = ()) -> None:
        pointer, hierarchy = places.get(goal_id, ((), ()))
        issues.append(Issue(code, message, Location(file, pointer=(*pointer, *tail), hierarchy=hierarchy)))

    for g in d.goals:
        if g.forecast.trend is Trend.WORSENED and g.realisation is None:
            at(
                g.goal.id,
                "R301",
                tail=(fkey,),
                message=f"the forecast worsened ({_word(g.forecast.old)} → {_word(g.forecast.new)}) "
                "but the realisation text was not updated",
            )
        for m in g.metrics:
            index = metric_index.get((g.goal.id, m.metric), 0)
            if same_year and m.target is not None and m.target.old is not None:
                at(
                    g.goal.id,
                    "R302",
                    tail=(mkey, index, tkey),
                    message=f"target level of {m.label[:50]!r} changed during the year: "
                    f"{m.target.old!r} → {m.target.new!r}",
                )
            if (
                same_year
                and m.delta is not None
                and m.delta < 0
                and m.value is not None
                and _is_count(m.value.old)
                and new.period > old.period
            ):
                at(
                    g.goal.id,
                    "R303",
                    tail=(mkey, index, vkey),
                    message=f"the measured value of {m.label[:50]!r} went down within the year: "
                    f"{m.value.old} → {m.value.new}",
                )
        if not g.match.certain:
            at(
                g.goal.id,
                "R306",
                f"matched to {g.match.old_id!r} of {old.period} by title similarity "
                f"{g.match.score:.2f} only: check it is the same goal",
            )
    for ref in d.removed:
        issues.append(
            Issue(
                "R304",
                f"goal {ref.title[:60]!r} of {old.period} is missing from {new.period}",
                Location(file, hierarchy=(*ref.path, ref.title)),
            )
        )
    if file is not None and issues:
        from strategiaseuranta.formats._files import Locator  # noqa: PLC0415

        issues = Locator(file).place(issues)
    return issues


def _keys(report: Report) -> tuple[str, str, str, str]:
    from strategiaseuranta.formats._plain import dialect_of  # noqa: PLC0415

    d = dialect_of(report)
    return (
        d.key("goal", "metrics"),
        d.key("metric", "target"),
        d.key("metric", "value"),
        d.key("goal", "forecast"),
    )


def _word(forecast: Forecast | None) -> str:
    return forecast.word if forecast else "–"
