"""Summaries on the canonical scale, so reports of different cities compare.

Every city words its forecasts differently; every schema places its words on
:class:`~strategiaseuranta.ForecastLevel`. These summaries count on that scale,
so Joensuu's "Toteutuu", Seinäjoki's "1" and a Swedish "förverkligas" add up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import attrs

from strategiaseuranta.forecast import ForecastLevel
from strategiaseuranta.model import Goal, Report

__all__ = ["ForecastSummary", "GoalAtRisk", "at_risk", "count_forecasts", "goal_level", "summarise"]


@attrs.frozen
class ForecastSummary:
    """Goals of one report counted per canonical forecast level.

    Attributes:
        municipality: The municipality.
        body: The reporting body.
        period: The round, as text.
        schema: The schema the report follows.
        counts: Goals per level (``None``: no forecast, or a word the schema does not know).
        group: What the goals were grouped by (see :func:`count_forecasts`): a hierarchy
            entry's title, a responsible party; ``None`` for the whole report.
    """

    municipality: str
    body: str
    period: str
    schema: str
    counts: dict[ForecastLevel | None, int]
    group: str | None = None

    @property
    def goals(self) -> int:
        """How many goals were counted."""
        return sum(self.counts.values())

    @property
    def on_track(self) -> int:
        """Goals achieved or on track."""
        return self.counts.get(ForecastLevel.ACHIEVED, 0) + self.counts.get(ForecastLevel.ON_TRACK, 0)

    @property
    def share_on_track(self) -> float | None:
        """The share of assessed goals that are achieved or on track; ``None`` when none is assessed."""
        assessed = sum(n for level, n in self.counts.items() if level is not None and level.assessed)
        return self.on_track / assessed if assessed else None


def goal_level(goal: Goal) -> ForecastLevel | None:
    """A goal's canonical level: its own forecast, else (status per metric) its worst metric.

    Example:
        >>> import strategiaseuranta as ss
        >>> goal_level(ss.load("examples/joensuu/2025-12.yaml").goals[1])
        <ForecastLevel.PARTLY: 'partly'>
    """
    if goal.level is not None:
        return goal.level
    levels = [m.status.level for m in goal.metrics if m.status is not None and m.status.level is not None]
    assessed = [level for level in levels if level.assessed]
    return min(assessed) if assessed else (levels[0] if levels else None)


def summarise(reports: Iterable[Report]) -> list[ForecastSummary]:
    """Count every report's goals on the canonical scale, one summary per report.

    A goal with status per metric (Seinäjoki's 1/2/3) counts at its worst metric.

    Example:
        >>> import strategiaseuranta as ss
        >>> (july,) = ss.summarise([ss.load("examples/joensuu/2025-07.yaml")])
        >>> july.goals, july.on_track, july.share_on_track
        (7, 7, 1.0)
        >>> (accounts,) = ss.summarise([ss.load("examples/joensuu/2025-12.yaml")])
        >>> round(accounts.share_on_track, 3)
        0.857
    """
    out = []
    for report in reports:
        counts = Counter(goal_level(goal) for goal in report.goals)
        out.append(
            ForecastSummary(
                report.organisation.municipality,
                report.organisation.body,
                str(report.period),
                report.schema,
                dict(counts),
            )
        )
    return out


Grouping = str
"""``"report"``, ``"body"``, ``"municipality"``, ``"responsible"``, ``"branch"`` or a level key."""


def count_forecasts(reports: Report | Iterable[Report], by: Grouping = "branch") -> list[ForecastSummary]:
    """Goals counted per canonical level, per report and group; no pandas needed.

    Args:
        reports: A report or any number of them.
        by: ``"branch"`` (default): the top-level hierarchy entry (Joensuu's focus areas);
            a level key of the schema (``"painopiste"``, ``"tulosalue"``): the entry at that
            level (goals not under one are left out); ``"responsible"``: each responsible
            party (a goal with two parties counts for both; goals with none under
            ``None``); ``"body"`` or ``"municipality"``: per report's body or municipality
            (reports of the same round add up); ``"report"``: one per report, as
            :func:`summarise`.

    Returns:
        One :class:`ForecastSummary` per report (per round and body) and group, in the
        order the groups first occur; ``summary.share_on_track`` gives the share.

    Raises:
        ValueError: ``by`` is none of these.

    Example:
        >>> import strategiaseuranta as ss
        >>> accounts = ss.load("examples/joensuu/2025-12.yaml")
        >>> for s in ss.count_forecasts(accounts):
        ...     print(f"{s.group[:40]:40} {s.goals} {s.on_track} {s.share_on_track:.2f}")
        Osallisuuden, menon ja meiningin Joensuu 6 5 0.83
        Kasvatuksen, koulutuksen ja opiskelun Jo 1 1 1.00
        >>> [(s.group[:24], s.goals) for s in ss.count_forecasts(accounts, by="responsible")][:2]
        [('Osallisuus- ja vetovoima', 6), ('Koko kaupungin hallinto,', 1)]
    """
    listed = [reports] if isinstance(reports, Report) else list(reports)
    if not listed and by not in ("report", "body", "municipality", "responsible", "branch"):
        from strategiaseuranta.registry import available_schemas, get_schema  # noqa: PLC0415

        keys = {level.key for name in available_schemas() for level in get_schema(name).levels}
        if by not in keys:  # no report to ask: an unknown name is refused all the same
            raise ValueError(
                "count by 'branch', 'responsible', 'body', 'municipality', 'report' or a level key, "
                f"not {by!r}"
            )
    counts: dict[tuple[str, str, str, str, str | None], Counter[ForecastLevel | None]] = {}
    for report in listed:
        org = report.organisation
        body = "" if by == "municipality" else org.body  # bodies of a round add up
        for group, goal in _groups(report, by):
            key = (org.municipality, body, str(report.period), report.schema, group)
            counts.setdefault(key, Counter())[goal_level(goal)] += 1
    return [
        ForecastSummary(municipality, body, period, schema, dict(counter), group)
        for (municipality, body, period, schema, group), counter in counts.items()
    ]


def _groups(report: Report, by: Grouping) -> list[tuple[str | None, Goal]]:
    if by in ("report", "body", "municipality"):
        org = report.organisation
        group = {"report": None, "body": org.body, "municipality": org.municipality}[by]
        return [(group, goal) for goal in report.goals]
    if by == "branch":
        return [(trail[0].title if trail else None, goal) for trail, goal in report.walk()]
    if by == "responsible":
        # a party listed twice (a pasted table) still counts the goal once
        parties = dict.fromkeys
        return [(party, goal) for goal in report.goals for party in parties(goal.responsible or (None,))]
    from strategiaseuranta.registry import get_schema  # noqa: PLC0415

    keys = {level.key for level in get_schema(report.schema).levels}
    if by not in keys:
        raise ValueError(
            f"count by 'branch', 'responsible', 'body', 'municipality', 'report' or a level of schema "
            f"{report.schema!r} ({', '.join(sorted(keys))}), not {by!r}"
        )
    out: list[tuple[str | None, Goal]] = []
    for trail, goal in report.walk():
        entry = next((node for node in trail if node.level == by), None)
        if entry is not None:
            out.append((entry.title, goal))
    return out


@attrs.frozen
class GoalAtRisk:
    """A goal whose canonical level is partly or not achieved.

    Attributes:
        municipality: The municipality.
        body: The reporting body.
        period: The round, as text.
        path: The titles of the hierarchy entries above the goal, from the top.
        goal: The goal.
        level: Its canonical level (:func:`goal_level`).
    """

    municipality: str
    body: str
    period: str
    path: tuple[str, ...]
    goal: Goal
    level: ForecastLevel


def at_risk(reports: Report | Iterable[Report]) -> list[GoalAtRisk]:
    """The goals at risk: forecast (or worst metric) partly or not achieved, worst first.

    Within a level the goals keep the order of the reports and of the document.

    Example:
        >>> import strategiaseuranta as ss
        >>> [(r.level.value, r.goal.title[:36]) for r in ss.at_risk(ss.load("examples/joensuu/2025-12.yaml"))]
        [('partly', 'Keinot monipaikkaisten asukkaiden ta')]
    """
    listed = [reports] if isinstance(reports, Report) else list(reports)
    found = []
    for report in listed:
        org = report.organisation
        for trail, goal in report.walk():
            level = goal_level(goal)
            if level is not None and level.assessed and not level.positive:
                path = tuple(node.title for node in trail)
                found.append(GoalAtRisk(org.municipality, org.body, str(report.period), path, goal, level))
    return sorted(found, key=lambda r: r.level.rank)  # stable: document order within a level
