"""Jupyter display: compact HTML for reports, goals and diffs, and short plain reprs.

Every text of the city's is escaped; forecasts are badges in the schema's colours
with their word (never the colour alone), and long reports are cut to a number of
rows with a note of how many more there are. Labels are in the schema's language.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING

from strategiaseuranta.display import LEVEL_LABELS
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.registry import get_schema
from strategiaseuranta.schema import Labels, Schema
from strategiaseuranta.summary import goal_level

if TYPE_CHECKING:
    from strategiaseuranta.diff import Diff, GoalChange
    from strategiaseuranta.model import Goal, Report

__all__ = ["diff_html", "goal_html", "report_html", "shorten"]

MAX_ROWS = 30
"""Goals shown in a report's table before "… and N more"."""

_WORDS = {
    "goal_one": Labels("tavoite", "mål", "goal"),
    "goals": Labels("tavoitetta", "mål", "goals"),
    "more": Labels("ja {n} muuta", "och {n} till", "and {n} more"),
    "none": Labels("ei ennustetta", "ingen prognos", "no forecast"),
    "goal": Labels("Tavoite", "Mål", "Goal"),
    "forecast": Labels("Ennuste", "Prognos", "Forecast"),
    "responsible": Labels("Vastuutaho", "Ansvarig", "Responsible"),
    "realisation": Labels("Toteuma", "Utfall", "Realisation"),
    "metrics": Labels("Mittarit", "Mätare", "Metrics"),
    "years": Labels("Vuodet", "År", "Years"),
    "worsened": Labels("Heikentyneet", "Försämrade", "Worsened"),
    "improved": Labels("Parantuneet", "Förbättrade", "Improved"),
    "added": Labels("uutta", "nya", "added"),
    "removed": Labels("poistunutta", "borttagna", "removed"),
    "changed": Labels("muuttunutta", "ändrade", "changed"),
    "unchanged": Labels("ennallaan", "oförändrade", "unchanged"),
    "stale": Labels("toteumateksti ennallaan", "oförändrad utfallstext", "realisation text left as it was"),
}

_DEFAULT = get_schema("joensuu")
"""Colours for a goal shown on its own (a goal does not know its schema)."""

_BOX = "font-family:system-ui,sans-serif;font-size:13px;line-height:1.4;max-width:60em"
_CELL = "text-align:left;vertical-align:top;padding:2px 8px;border-bottom:1px solid #ddd"


def shorten(text: str, width: int = 60) -> str:
    """Text on one line (runs of whitespace as one space), cut to ``width`` characters with an ellipsis.

    Example:
        >>> shorten("Testaamme uusia digitaalisia vaihtoehtoja osallistua", 20)
        'Testaamme uusia dig…'
        >>> shorten("Hyvinvointi-\\nlautakunta")
        'Hyvinvointi- lautakunta'
    """
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _word(key: str, lang: str, **values: int) -> str:
    return _WORDS[key].get(lang).format(**values)


def badge(forecast: Forecast | None, schema: Schema, lang: str) -> str:
    """A forecast as a coloured badge with its word; a grey outline without a forecast."""
    from strategiaseuranta.formats.html import _hex, _ink, _rgb  # noqa: PLC0415

    if forecast is None:
        return f'<span style="color:#666;font-style:italic">{_e(_word("none", lang))}</span>'
    rgb = _rgb(schema.colour(forecast))
    if rgb is None:
        return (
            f'<span style="border:1px solid #999;border-radius:3px;padding:0 4px">{_e(forecast.word)}</span>'
        )
    style = f"background:{_hex(rgb)};color:{_ink(rgb)};border-radius:3px;padding:0 4px;white-space:nowrap"
    return f'<span style="{style}">{_e(forecast.word)}</span>'


def _level_badge(level: ForecastLevel | None, schema: Schema, lang: str) -> str:
    """A canonical level as a badge in the schema's colour for it, named in ``lang``."""
    if level is None:
        return badge(None, schema, lang)
    return badge(Forecast(LEVEL_LABELS[level].get(lang), level), schema, lang)


def _goal_forecast(goal: Goal, schema: Schema, lang: str) -> str:
    if goal.forecast is not None:
        return badge(goal.forecast, schema, lang)
    statuses = [m.status for m in goal.metrics if m.status is not None]
    return " ".join(badge(s, schema, lang) for s in statuses) or badge(None, schema, lang)


def report_html(report: Report, *, max_rows: int = MAX_ROWS) -> str:
    """A report as compact HTML: heading, counts per level, and its goals as a table."""
    schema = get_schema(report.schema)
    lang = schema.language
    org = report.organisation
    counts = Counter(goal_level(goal) for goal in report.goals)
    order = sorted((lv for lv in counts if lv is not None), key=lambda lv: -lv.rank)
    tally = " ".join(
        f"{_level_badge(level, schema, lang)}&nbsp;{counts[level]}"
        for level in [*order, *([None] * (None in counts))]
    )
    top = schema.levels[0].name.get(lang) if schema.levels else ""
    rows = []
    shown = 0
    for trail, goal in report.walk():
        if shown == max_rows:
            break
        shown += 1
        rows.append(
            f'<tr><td style="{_CELL};color:#555">{_e(shorten(trail[0].title, 40)) if trail else ""}</td>'
            f'<td style="{_CELL}">{_e(goal.title)}</td>'
            f'<td style="{_CELL}">{_goal_forecast(goal, schema, lang)}</td>'
            f'<td style="{_CELL}">{_e(", ".join(goal.responsible))}</td></tr>'
        )
    more = len(report.goals) - shown
    tail = f'<p style="color:#555">… {_e(_word("more", lang, n=more))}</p>' if more > 0 else ""
    head = (
        f'<tr><th style="{_CELL}">{_e(top)}</th><th style="{_CELL}">{_e(_word("goal", lang))}</th>'
        f'<th style="{_CELL}">{_e(_word("forecast", lang))}</th>'
        f'<th style="{_CELL}">{_e(_word("responsible", lang))}</th></tr>'
    )
    count = len(report.goals)
    heading = f"<strong>{_e(org.municipality)} · {_e(org.body)}</strong> · {_e(str(report.period))}"
    goals = f"{count} {_e(_word('goal_one' if count == 1 else 'goals', lang))}"
    table = f'<table style="border-collapse:collapse;margin-top:6px">{head}{"".join(rows)}</table>'
    return f'<div style="{_BOX}">{heading} · {goals}<br>{tally}{table}{tail}</div>'


def goal_html(goal: Goal) -> str:
    """A goal as a small card: title, years, responsible parties, forecast, realisation, metrics."""
    schema, lang = _DEFAULT, _DEFAULT.language
    metrics = "".join(
        f"<li>{_e(m.label)}"
        + (f" → {_e(m.value)}" if m.value and m.value != m.label else "")
        + (f" {badge(m.status, schema, lang)}" if m.status else "")
        + "</li>"
        for m in goal.metrics
    )
    parts = [
        f"<strong>{_e(goal.title)}</strong> {_goal_forecast(goal, schema, lang)}",
        f'<span style="color:#555">{_e(_word("years", lang))}: {_e(str(goal.years))}'
        + (
            f" · {_e(_word('responsible', lang))}: {_e(', '.join(goal.responsible))}"
            if goal.responsible
            else ""
        )
        + f" · id {_e(goal.id)}</span>",
    ]
    if goal.realisation:
        parts.append(f"{_e(_word('realisation', lang))}: {_e(goal.realisation)}")
    if metrics:
        parts.append(f'{_e(_word("metrics", lang))}:<ul style="margin:0">{metrics}</ul>')
    return f'<div style="{_BOX}">' + "<br>".join(parts) + "</div>"


def diff_html(d: Diff, *, max_rows: int = MAX_ROWS) -> str:
    """A diff as compact HTML: the counts, then the worsened and improved goals, old → new."""
    schema = get_schema(d.schema)
    lang = schema.language
    summary = d.summary()
    counts = " · ".join(
        f"{summary[key]} {_e(_word(key, lang))}"
        for key in ("added", "removed", "unchanged", "stale")
        if summary.get(key)
    )
    changed = len(d.changed)
    sections = []
    for key, goals in (("worsened", d.worsened), ("improved", d.improved)):
        if goals:
            sections.append(
                f"<p><strong>{_e(_word(key, lang))}</strong> ({len(goals)})</p>"
                + _moves(goals, schema, lang, max_rows)
            )
    return (
        f'<div style="{_BOX}"><strong>{_e(str(d.old_period))} → {_e(str(d.new_period))}</strong>: '
        f"{changed} {_e(_word('changed', lang))}{' · ' + counts if counts else ''}{''.join(sections)}</div>"
    )


def _moves(goals: tuple[GoalChange, ...], schema: Schema, lang: str, max_rows: int) -> str:
    rows = "".join(
        f'<tr><td style="{_CELL}">{_e(g.goal.title)}</td><td style="{_CELL}">'
        f"{badge(g.forecast.old, schema, lang)} → {badge(g.forecast.new, schema, lang)}</td></tr>"
        for g in goals[:max_rows]
    )
    more = len(goals) - max_rows
    tail = f'<p style="color:#555">… {_e(_word("more", lang, n=more))}</p>' if more > 0 else ""
    return f'<table style="border-collapse:collapse">{rows}</table>{tail}'
