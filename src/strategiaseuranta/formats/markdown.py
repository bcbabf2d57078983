"""A Markdown report for memos: GitHub-flavoured, and readable as plain text.

A heading (the report's title, else the body), a line with the municipality,
body and period, the summary lines (goals per forecast word with their shares;
metric statuses too for schemas that report status per metric), then per node
of the hierarchy a heading (``###``, ``####``, … by depth) with the level's
prose and a pipe table in the columns of the founding document: goal | metric
and target level | responsible | realisation | forecast.

Every user text is escaped: backslashes, ``|``, ``<`` and ``>``, ``&``, the
emphasis, code, link and math characters, and a ``#`` that could open or close
a heading. A line break inside a text becomes ``<br>``, so a table row is always
one line and its cells cannot be split or joined, and no HTML can be injected.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from strategiaseuranta.formats._files import atomic_write
from strategiaseuranta.formats._overview import (
    _L,
    _attributes,
    _check_language,
    _count,
    _language,
    _metric_column,
    _on_track_line,
    _overview,
    _percent,
    _shows_years,
    _Tally,
)

# The summary counts and small labels are shared with the HTML page.
from strategiaseuranta.formats._overview import (
    escape_markdown as _escape,
)
from strategiaseuranta.registry import get_schema

if TYPE_CHECKING:
    from strategiaseuranta.forecast import Forecast
    from strategiaseuranta.model import Goal, Metric, Node, Report
    from strategiaseuranta.schema import Schema

__all__ = ["dump_report", "render_markdown"]

"""Characters escaped wherever they occur in a user text."""


class _Memo:
    """Builds the Markdown of one report."""

    def __init__(self, report: Report, schema: Schema, lang: str) -> None:
        self.report, self.schema, self.lang = report, schema, lang

    def label(self, field: str) -> str:
        return _escape(self.schema.label(field, self.lang), breaks=" ")

    def word(self, forecast: Forecast | None, key: str | None = None) -> str:
        if forecast is None:
            return f"*{_escape(_L['missing'].get(self.lang))}*"
        word = forecast.word if key is None else key
        return _escape(word) if word.strip() else _escape(_L["blank"].get(self.lang))

    def memo(self) -> str:
        report, lang = self.report, self.lang
        org = report.organisation
        heading = report.title if report.title is not None else org.body
        meta = [f"**{self.label('municipality')}:** {_escape(org.municipality)}"]
        if report.title is not None:
            meta.append(f"**{self.label('body')}:** {_escape(org.body)}")
        meta.append(f"**{self.label('period')}:** {_escape(report.period.render(lang))}")
        out = [f"# {_escape(heading, breaks=' ')}".rstrip(), "", " · ".join(meta), ""]
        out += self.summary()
        out += [f"## {_escape(_L['goals'].get(lang))}", ""]
        if not report.goals:
            out += [_escape(_L["no_goals"].get(lang)), ""]
        for node in report.nodes:
            out += self.node(node, 0)
        return "\n".join(out).rstrip("\n") + "\n"

    def summary(self) -> list[str]:
        lang = self.lang
        ov = _overview(self.report, self.schema)
        out = [f"## {_escape(_L['summary'].get(lang))}", ""]

        def line(total: int, noun: str, counts: list[tuple[_Tally, int]]) -> str:
            parts = [
                f"{self.word(row.forecast if row.key is not None else None, row.key)}: "
                f"{n} ({_escape(_percent(n, total, lang))})"
                for row, n in counts
                if n
            ]
            head = f"**{_escape(_count(total, noun, lang))}**"
            return f"{head} – {' · '.join(parts)}" if parts else head

        out += [line(ov.goals, "goal", [(r, r.goals) for r in ov.rows]), ""]
        on_track = _on_track_line(ov, lang)
        if on_track is not None:
            out += [_escape(on_track), ""]
        if ov.with_metrics:
            out += [line(ov.metrics, "metric", [(r, r.metrics) for r in ov.rows]), ""]
        if ov.from_metrics:
            out += [f"*{_escape(_L['worst'].get(lang))}*", ""]
        return out

    def node(self, node: Node, depth: int) -> list[str]:
        try:
            level = self.schema.level(node.level)
            name = level.name.get(self.lang)
            text_name = level.text_name.get(self.lang) if level.text_name is not None else name
        except KeyError:
            name = text_name = node.level
        title = _escape(node.title, breaks=" ")
        out = [f"{'#' * min(3 + depth, 6)} {_escape(name, breaks=' ')}: {title}".rstrip(), ""]
        if node.text:
            # A label first: user text never starts a line, where it could open a list or a quote.
            out += [f"*{_escape(text_name, breaks=' ')}:* {_escape(node.text)}", ""]
        if node.goals:
            out += self.table(node.goals)
        for child in node.children:
            out += self.node(child, depth + 1)
        return out

    def table(self, goals: tuple[Goal, ...]) -> list[str]:
        header = [
            self.label("title"),
            _escape(_metric_column(self.schema, self.lang), breaks=" "),
            self.label("responsible"),
            self.label("realisation"),
            self.label("forecast"),
        ]
        out = [_row(header), _row(["---"] * len(header))]
        out += [_row(self.cells(goal)) for goal in goals]
        return [*out, ""]

    def cells(self, goal: Goal) -> list[str]:
        title = [_escape(goal.title)]
        if _shows_years(goal, self.report):
            title.append(f"*{self.label('years')} {_escape(str(goal.years))}*")
        if goal.binding:
            title.append(f"*{self.label('binding')}*")
        title += [f"*{_escape(k)}: {_escape(v)}*" for k, v in _attributes(goal, self.schema, self.lang)]
        metrics = [self.metric(m) for m in goal.metrics]
        if len(metrics) > 1:
            metrics = [f"• {m}" for m in metrics]
        return [
            "<br>".join(t for t in title if t),
            "<br>".join(metrics),
            "<br>".join(_escape(r) for r in goal.responsible),
            _escape(goal.realisation or ""),
            self.word(goal.forecast) if goal.forecast is not None else "–",
        ]

    def metric(self, m: Metric) -> str:
        parts = [" – ".join(_escape(t) for t in (m.name, m.target) if t)]
        parts += [
            f"{self.label(f)}: {_escape(v)}" for f, v in (("baseline", m.baseline), ("value", m.value)) if v
        ]
        if m.status is not None:
            parts.append(f"{self.label('metric_status')}: **{self.word(m.status)}**")
        return " · ".join(p for p in parts if p)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(report: Report, *, lang: str | None = None) -> str:
    """Render a report as GitHub-flavoured Markdown, for memos.

    Args:
        report: The report.
        lang: Language of the labels, ``"fi"``, ``"sv"`` or ``"en"``; default: the
            schema's. The city's own words are never translated.

    Returns:
        The Markdown text.

    Raises:
        ValueError: ``lang`` is not one of fi, sv, en.

    Example:
        >>> import strategiaseuranta as ss
        >>> text = render_markdown(ss.load("examples/joensuu/2025-07.yaml"), lang="en")
        >>> print(text.splitlines()[0])
        # Hyvinvoinnin ja osallisuuden edistämisen lautakunta
        >>> print(text.splitlines()[6])
        **7 goals** – Toteutuu: 7 (100%)
        >>> "| Operational goal | Metric and target level | Responsible party |" in text
        True
    """
    _check_language(lang)
    schema = get_schema(report.schema)
    return _Memo(report, schema, _language(lang, schema)).memo()


def dump_report(report: Report, path: str | os.PathLike[str], *, lang: str | None = None) -> None:
    """Write a report as a Markdown file, atomically.

    Args:
        report: The report.
        path: The file to write (``.md`` or ``.markdown``).
        lang: Language of the labels (fi, sv, en); default: the schema's.

    Raises:
        ValueError: ``lang`` is not one of fi, sv, en (nothing is written).
        WriteError: The file cannot be written; an existing file is left as it was.

    Example:
        >>> import strategiaseuranta as ss, tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "muistio.md"
        >>> dump_report(ss.load("examples/joensuu/2025-07.yaml"), out)
        >>> out.read_text(encoding="utf-8").count("| Toteutuu |")
        7
    """
    text = render_markdown(report, lang=lang)
    atomic_write(path, lambda handle: handle.write(text))
