"""Rendering reports for people: a text table grouped by the hierarchy.

Labels come from the schema in the chosen language; the city's own texts and
forecast words are shown as written.
"""

from __future__ import annotations

import shutil
import textwrap
from collections import Counter
from typing import TYPE_CHECKING

from strategiaseuranta.forecast import ForecastLevel
from strategiaseuranta.periods import YearSpan
from strategiaseuranta.registry import get_schema
from strategiaseuranta.schema import Labels

if TYPE_CHECKING:
    from strategiaseuranta.model import Goal, Node, Report
    from strategiaseuranta.schema import Schema

__all__ = ["LEVEL_LABELS", "render_text"]

LEVEL_LABELS: dict[ForecastLevel, Labels] = {
    ForecastLevel.ACHIEVED: Labels("toteutunut", "uppnått", "achieved"),
    ForecastLevel.ON_TRACK: Labels("toteutuu", "förverkligas", "on track"),
    ForecastLevel.PARTLY: Labels("toteutuu osittain", "förverkligas delvis", "partly"),
    ForecastLevel.NOT_ACHIEVED: Labels("ei toteudu", "förverkligas inte", "not achieved"),
    ForecastLevel.NOT_ASSESSABLE: Labels("ei arvioitavissa", "kan inte bedömas", "cannot be assessed"),
}
"""Names of the canonical forecast levels in Finnish, Swedish and English."""

_WORDS = {
    "goals": Labels("tavoitetta", "mål", "goals"),
    "none": Labels("ei ennustetta", "ingen prognos", "no forecast"),
    "target": Labels("Mittari ja tavoitetaso", "Mätare och målnivå", "Metric and target level"),
}

_MAX_COLUMN = 30
"""Widest a column starts out; a longer word sends the report to the block layout."""

_SHARES = (0.27, 0.25, 0.0, 0.30, 0.0)
"""How spare width is shared among the columns; responsible and forecast get their longest word."""


def _widths(rows: list[list[str]], usable: int) -> list[int]:
    longest = [min(_MAX_COLUMN, n) for n in _longest(rows)]
    if sum(longest) > usable:  # too narrow for whole words: shrink, long words will be broken
        longest = [max(6, w * usable // sum(longest)) for w in longest]
    spare = max(0, usable - sum(longest))
    return [w + int(spare * share) for w, share in zip(longest, _SHARES, strict=True)]


def _longest(rows: list[list[str]]) -> list[int]:
    """Per column, the longest unit that must not be broken: a word, or a whole forecast phrase."""
    words = [
        max((len(word) for row in rows for word in row[i].split()), default=4) for i in range(len(_SHARES))
    ]
    words[-1] = max(len(row[-1]) for row in rows)  # "Toteutuu osittain" stays on one line
    return words


def _fits(rows: list[list[str]], width: int, indent: str) -> bool:
    """True when every word of every column fits the table at this width."""
    usable = width - len(indent) - 3 * (len(_SHARES) - 1)
    longest = _longest(rows)
    return max(longest) <= _MAX_COLUMN and sum(longest) <= usable


def _cards(rows: list[list[str]], width: int, indent: str) -> list[str]:
    """The table as one block per goal, for terminals too narrow for whole words in columns."""
    header, body = rows[0], rows[1:]
    out: list[str] = []
    for number, row in enumerate(body, 1):
        out += textwrap.wrap(
            f"{number}. {row[0]}",
            width,
            initial_indent=indent,
            subsequent_indent=indent + "   ",
            break_on_hyphens=False,
        )
        for label, cell in zip(header[1:], row[1:], strict=True):
            if cell:
                out += textwrap.wrap(
                    f"{label}: {cell}",
                    width,
                    initial_indent=indent + "   ",
                    subsequent_indent=indent + "     ",
                    break_on_hyphens=False,
                )
        out.append("")
    return out[:-1]  # the next heading brings its own blank line


def _table(rows: list[list[str]], width: int, indent: str) -> list[str]:
    widths = _widths(rows, width - len(indent) - 3 * (len(_SHARES) - 1))
    rule = indent + "─┼─".join("─" * w for w in widths)
    out: list[str] = []
    for n, row in enumerate(rows):
        cells = [
            textwrap.wrap(cell, w, break_on_hyphens=False) or [""]
            for cell, w in zip(row, widths, strict=True)
        ]
        for i in range(max(len(c) for c in cells)):
            parts = [(c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)]
            out.append((indent + " │ ".join(parts)).rstrip())
        if n == 0 or n == len(rows) - 1:
            out.append(rule)
        else:
            out.append("")
    return out


def _metric_text(goal: Goal) -> str:
    parts = []
    for m in goal.metrics:
        text = " – ".join(t for t in (m.name, m.target) if t)
        if m.value:
            text += f" [{m.value}]"
        if m.status:
            text += f" ({m.status.word})"
        parts.append(text)
    return " / ".join(parts)


def _summary(report: Report, schema: Schema, lang: str) -> str:
    def word(g: Goal) -> str | None:  # aliases and case variants count under their scale word
        if g.forecast is None:
            return None
        step = schema.step(g.forecast.word)
        return step.word if step else g.forecast.word

    counts = Counter(word(g) for g in report.goals)
    order = {s.word: i for i, s in enumerate(schema.scale)}
    words = sorted(counts, key=lambda w: (w is None, order.get(w or "", 99), w or ""))
    parts = [f"{w if w is not None else _WORDS['none'].get(lang)} {counts[w]}" for w in words]
    return f"{len(report.goals)} {_WORDS['goals'].get(lang)}" + (": " + ", ".join(parts) if parts else "")


def render_text(report: Report, *, lang: str | None = None, width: int | None = None) -> str:
    """Render a report as a text table grouped by the hierarchy.

    Args:
        report: The report.
        lang: Language of the labels (``fi``, ``sv``, ``en``); default: the schema's.
        width: Line width; default: the terminal's (at least 80).

    Example:
        >>> import strategiaseuranta as ss
        >>> text = render_text(ss.load("examples/joensuu/2025-07.yaml"), lang="en", width=100)
        >>> print(text.splitlines()[1])
        Reporting period: January–July 2025 · 7 goals: Toteutuu 7
    """
    schema = get_schema(report.schema)
    lang = lang or schema.language
    if width is None:
        width = shutil.get_terminal_size((100, 24)).columns
    width = max(60, width)
    heading = [
        report.title or "",
        f"{report.organisation.municipality} · {report.organisation.body}",
        f"{schema.label('period', lang)}: {report.period.render(lang)} · " + _summary(report, schema, lang),
    ]
    lines = [wrapped for line in heading if line for wrapped in textwrap.wrap(line, width)]
    header = [
        schema.label("title", lang),
        _WORDS["target"].get(lang),
        schema.label("responsible", lang),
        schema.label("realisation", lang),
        schema.label("forecast", lang),
    ]

    def row(g: Goal) -> list[str]:
        forecast = g.forecast.word if g.forecast else "–"
        if g.binding:
            forecast += f" ({schema.label('binding', lang)})"
        title = g.title
        if g.years != YearSpan.single(report.period.year):
            title += f" ({g.years})"
        return [title, _metric_text(g), ", ".join(g.responsible), g.realisation or "", forecast]

    # One layout for the whole report: a table when every word fits its column, else blocks.
    deepest = max((len(trail) for trail, _ in report.walk()), default=1)
    as_table = _fits([header, *(row(g) for g in report.goals)], width, "  " * deepest)

    def node(n: Node, depth: int) -> None:
        indent = "  " * depth
        try:
            level = schema.level(n.level)
            name, text_name = (
                level.name.get(lang),
                (level.text_name.get(lang) if level.text_name else None),
            )
        except KeyError:
            name, text_name = n.level, None
        lines.append("")
        lines.extend(
            textwrap.wrap(f"{name}: {n.title}", width, initial_indent=indent, subsequent_indent=indent)
        )
        if n.text:
            label = f"{text_name}: " if text_name else ""
            lines.extend(
                textwrap.wrap(
                    label + n.text,
                    width,
                    initial_indent=indent + "  ",
                    subsequent_indent=indent + "  ",
                )
            )
        if n.goals:
            lines.append("")
            rows = [header, *(row(g) for g in n.goals)]
            lines.extend(
                _table(rows, width, indent + "  ") if as_table else _cards(rows, width, indent + "  ")
            )
        for child in n.children:
            node(child, depth + 1)

    for n in report.nodes:
        node(n, 0)
    return "\n".join(lines) + "\n"
