"""What the HTML and Markdown reports share: the summary counts, the language check, small labels.

Kept apart so that one format never imports another (see docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from strategiaseuranta.forecast import Forecast
from strategiaseuranta.periods import YearSpan
from strategiaseuranta.schema import LANGUAGES, Labels
from strategiaseuranta.summary import summarise

if TYPE_CHECKING:
    from strategiaseuranta.model import Goal, Report, Scalar
    from strategiaseuranta.schema import Schema


_L: dict[str, Labels] = {
    "summary": Labels("Yhteenveto", "Sammanfattning", "Summary"),
    "goals": Labels("Tavoitteet", "Mål", "Goals"),
    "metrics": Labels("Mittarit", "Mätare", "Metrics"),
    "goal_count": Labels("Tavoitteita", "Mål", "Goals"),
    "metric_count": Labels("Mittareita", "Mätare", "Metrics"),
    "share": Labels("Osuus", "Andel", "Share"),
    "missing": Labels("puuttuu", "saknas", "missing"),
    "blank": Labels("(tyhjä)", "(tom)", "(blank)"),
    "on_track": Labels("Toteutunut tai toteutuu", "Uppnått eller förverkligas", "Achieved or on track"),
    "of_assessed": Labels("arvioiduista tavoitteista", "av de bedömda målen", "of the assessed goals"),
    "worst": Labels(
        "Tavoite, jolla ei ole omaa ennustetta, lasketaan heikoimman mittarinsa mukaan.",
        "Ett mål utan egen prognos räknas enligt sin svagaste mätare.",
        "A goal without a forecast of its own counts at its weakest metric.",
    ),
    "no_goals": Labels(
        "Raportissa ei ole tavoitteita.", "Rapporten har inga mål.", "The report has no goals."
    ),
    "and": Labels("ja", "och", "and"),
    "yes": Labels("kyllä", "ja", "yes"),
    "no": Labels("ei", "nej", "no"),
}

_NOUNS: dict[str, tuple[Labels, Labels]] = {
    "goal": (Labels("tavoite", "mål", "goal"), Labels("tavoitetta", "mål", "goals")),
    "metric": (Labels("mittari", "mätare", "metric"), Labels("mittaria", "mätare", "metrics")),
}


def _check_language(lang: str | None) -> None:
    """Refuse any language of labels but fi, sv and en (``None``: the schema's)."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} for labels; use one of {', '.join(LANGUAGES)}")


def _language(lang: str | None, schema: Schema) -> str:
    """The language of labels: ``lang``, else the schema's."""
    _check_language(lang)
    return schema.language if lang is None else lang


def _count(n: int, noun: str, lang: str) -> str:
    """``7 tavoitetta``, ``1 mål``, ``2 metrics``."""
    one, many = _NOUNS[noun]
    return f"{n} {(one if n == 1 else many).get(lang)}"


def _percent(n: int, total: int, lang: str) -> str:
    """A whole percentage, spelt as the language spells it (``86 %`` with a no-break space, ``86%``)."""
    value = int(100 * n / total + 0.5) if total else 0
    return f"{value}%" if lang == "en" else f"{value}\u00a0%"


def _metric_column(schema: Schema, lang: str) -> str:
    """The founding document's second column: "Mittari ja tavoitetaso" from two schema labels."""
    target = schema.label("target", lang)
    if target[:1].isupper() and not target[1:2].isupper():
        target = target[0].lower() + target[1:]
    return f"{schema.label('metric', lang)} {_L['and'].get(lang)} {target}"


def _shows_years(goal: Goal, report: Report) -> bool:
    """True when a goal is set for other years than the report's."""
    return goal.years != YearSpan.single(report.period.year)


def _scalar(value: Scalar, lang: str) -> str:
    if isinstance(value, bool):
        return _L["yes" if value else "no"].get(lang)
    return str(value)


def _attributes(goal: Goal, schema: Schema, lang: str) -> list[tuple[str, str]]:
    """A goal's custom fields as (label, value) pairs; fields without a value are left out."""
    out = []
    for name, value in goal.attributes.items():
        if value is None:
            continue
        field = schema.field(name)
        label = field.label.get(lang) if field is not None and field.label is not None else name
        out.append((label, _scalar(value, lang)))
    return out


def _goal_forecast(goal: Goal) -> tuple[Forecast | None, bool]:
    """The forecast a goal is counted at, and whether it came from a metric.

    The goal's own forecast when the schema places it; else (status per metric) the
    weakest assessed metric, as :func:`~strategiaseuranta.summarise` counts it.
    """
    own = goal.forecast
    if own is not None and own.level is not None:
        return own, False
    statuses = [m.status for m in goal.metrics if m.status is not None]
    placed = [s for s in statuses if s.level is not None]
    assessed = [s for s in placed if s.level is not None and s.level.assessed]
    if assessed:
        return min(assessed, key=lambda s: s.level.rank if s.level is not None else 0), True
    if placed:
        return placed[0], True
    if own is not None:
        return own, False
    if statuses:
        return statuses[0], True
    return None, False


@attrs.frozen
class _Tally:
    """One row of the summary: a forecast word and how many goals and metrics have it.

    ``key`` is the schema's scale word (aliases count under it), else the word as
    written; ``None`` counts goals without a forecast and metrics without a status.
    """

    key: str | None
    forecast: Forecast | None
    goals: int
    metrics: int


@attrs.frozen
class _Overview:
    rows: tuple[_Tally, ...]
    goals: int
    metrics: int
    with_metrics: bool
    from_metrics: bool
    on_track: int
    assessed: int


def _key(forecast: Forecast, schema: Schema) -> str:
    step = schema.step(forecast.word)
    return step.word if step is not None else forecast.word


def _overview(report: Report, schema: Schema) -> _Overview:
    """Goals (and metric statuses) per forecast word, in the schema's order, then others."""
    with_metrics = schema.status_per != "goal" or any(m.status for g in report.goals for m in g.metrics)
    seen: dict[str | None, Forecast | None] = {s.word: Forecast(s.word, s.level) for s in schema.scale}
    goal_counts: dict[str | None, int] = {}
    metric_counts: dict[str | None, int] = {}
    from_metrics = False
    metrics = 0
    for goal in report.goals:
        forecast, derived = _goal_forecast(goal)
        from_metrics = from_metrics or derived
        key = _key(forecast, schema) if forecast is not None else None
        seen.setdefault(key, forecast)
        goal_counts[key] = goal_counts.get(key, 0) + 1
        for metric in goal.metrics if with_metrics else ():
            metrics += 1
            key = _key(metric.status, schema) if metric.status is not None else None
            seen.setdefault(key, metric.status)
            metric_counts[key] = metric_counts.get(key, 0) + 1
    keys: list[str | None] = [k for k in seen if k is not None]
    if goal_counts.get(None) or (with_metrics and metric_counts.get(None)):
        keys.append(None)
    rows = tuple(_Tally(k, seen[k], goal_counts.get(k, 0), metric_counts.get(k, 0)) for k in keys)
    (summary,) = summarise([report])
    assessed = sum(n for level, n in summary.counts.items() if level is not None and level.assessed)
    return _Overview(rows, len(report.goals), metrics, with_metrics, from_metrics, summary.on_track, assessed)


def _on_track_line(overview: _Overview, lang: str) -> str | None:
    """The share on track, e.g. "Toteutunut tai toteutuu: 86 % arvioiduista tavoitteista (6/7)".

    ``None`` when no goal is assessed.
    """
    if not overview.assessed:
        return None
    share = _percent(overview.on_track, overview.assessed, lang)
    return (
        f"{_L['on_track'].get(lang)}: {share} {_L['of_assessed'].get(lang)} "
        f"({overview.on_track}/{overview.assessed})"
    )


# ---------------------------------------------------------------------------------------------
# Colours
# ---------------------------------------------------------------------------------------------


_SPECIALS = frozenset("\\`*_[]<>|~&$")


def escape_markdown(text: str, *, breaks: str = "<br>") -> str:
    """Escape a text for Markdown so it shows as written and stays on one line.

    Backslashes, ``|``, ``<``, ``>``, ``&``, ``*``, ``_``, backticks, ``[``, ``]``, ``~``
    and ``$`` get a backslash, and so does a ``#`` at the start or after a space (it could
    open or close a heading). Line breaks (every kind :meth:`str.splitlines` knows)
    become ``breaks``.

    Args:
        text: A user text.
        breaks: What a line break becomes: ``"<br>"`` in tables and paragraphs, a space
            in headings.

    Example:
        >>> print(escape_markdown("# A | B <script>\\nrivi 2"))
        \\# A \\| B \\<script\\><br>rivi 2
    """
    out = []
    for line in text.splitlines():
        chars = []
        previous = " "
        for char in line:
            if char in _SPECIALS or (char == "#" and previous.isspace()):
                chars.append("\\")
            chars.append(char)
            previous = char
        out.append("".join(chars))
    return breaks.join(out)
