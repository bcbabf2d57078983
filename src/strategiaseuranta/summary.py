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

__all__ = ["ForecastSummary", "summarise"]


@attrs.frozen
class ForecastSummary:
    """Goals of one report counted per canonical forecast level.

    Attributes:
        municipality: The municipality.
        body: The reporting body.
        period: The round, as text.
        schema: The schema the report follows.
        counts: Goals per level (``None``: no forecast, or a word the schema does not know).
    """

    municipality: str
    body: str
    period: str
    schema: str
    counts: dict[ForecastLevel | None, int]

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


def _level(goal: Goal) -> ForecastLevel | None:
    """A goal's level: its own forecast, else (status per metric) the worst of its metrics."""
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
        counts = Counter(_level(goal) for goal in report.goals)
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
