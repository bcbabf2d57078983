"""A standalone HTML report: one file, nothing loaded from the network, for screen and print.

The page has a title block (municipality, body, period), a summary (goals per
forecast word with their shares and the schema's colours; metric statuses too
for schemas that report status per metric) and the goals grouped by the
hierarchy, in the columns of the founding document: goal | metric and target
level | responsible | realisation | forecast. Schemas with status per metric
(Seinäjoki) show each goal's metrics as rows under it: name, baseline, target,
value and status.

Labels come from the schema in the chosen language; the city's own words
(titles, texts, forecast words) are shown as written and always escaped. A
forecast is a coloured badge *and* its word, with black or white text chosen
for contrast. Printing keeps the colours, repeats the table header on every
page and does not split a goal across pages.

The summary counts, the language check and the small labels shared with the
Markdown report live in :mod:`strategiaseuranta.formats._overview`.
"""

from __future__ import annotations

import html
import os
import re
from typing import TYPE_CHECKING

from strategiaseuranta.forecast import Forecast
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
from strategiaseuranta.registry import get_schema

if TYPE_CHECKING:
    from strategiaseuranta.model import Goal, Metric, Node, Report
    from strategiaseuranta.schema import Schema

__all__ = ["dump_report", "render_html"]

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_RGB = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)", re.IGNORECASE)
_NAMED = {
    "black": "#000000",
    "white": "#ffffff",
    "red": "#ff0000",
    "darkred": "#8b0000",
    "green": "#008000",
    "darkgreen": "#006400",
    "lightgreen": "#90ee90",
    "limegreen": "#32cd32",
    "lime": "#00ff00",
    "blue": "#0000ff",
    "yellow": "#ffff00",
    "gold": "#ffd700",
    "orange": "#ffa500",
    "darkorange": "#ff8c00",
    "grey": "#808080",
    "gray": "#808080",
    "lightgrey": "#d3d3d3",
    "lightgray": "#d3d3d3",
    "darkgrey": "#a9a9a9",
    "darkgray": "#a9a9a9",
    "silver": "#c0c0c0",
    "purple": "#800080",
    "brown": "#a52a2a",
}


def _rgb(colour: str | None) -> tuple[int, int, int] | None:
    """A schema colour as RGB, or ``None`` when it is not a colour this module can check.

    Hex (``#rgb``, ``#rrggbb``), ``rgb(r, g, b)`` and a few common names are understood;
    anything else is ignored rather than copied into the page's CSS.
    """
    if not colour:
        return None
    text = _NAMED.get(colour.strip().lower(), colour.strip())
    if _HEX.fullmatch(text):
        digits = text[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        return r, g, b
    match = _RGB.fullmatch(text)
    if match:
        r, g, b = (int(v) for v in match.groups())
        if max(r, g, b) <= 255:
            return r, g, b
    return None


def _luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance."""

    def linear(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ink(rgb: tuple[int, int, int]) -> str:
    """Black or white text, whichever contrasts more with the background."""
    lum = _luminance(rgb)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------

_CSS = """
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0 auto;max-width:86rem;padding:1.5rem 1.25rem 3rem;color:#1b1f23;background:#fff;
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.65rem;line-height:1.25;margin:0 0 .6rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.2rem;border-bottom:2px solid #1b1f23}
h3,h4,h5,h6{line-height:1.3;margin:1.4rem 0 .4rem}
h3{font-size:1.15rem} h4{font-size:1.05rem} h5,h6{font-size:1rem}
.level{display:block;font-size:.72rem;font-weight:600;letter-spacing:.05em;text-transform:uppercase;color:#57606a}
.meta{display:flex;flex-wrap:wrap;gap:.2rem 2rem;margin:0}
.meta div{display:flex;gap:.4rem}
.meta dt{color:#57606a} .meta dt::after{content:":"}
.meta dd{margin:0;font-weight:600}
.totals{margin:.25rem 0 .75rem}
.bars{display:grid;grid-template-columns:max-content 1fr;gap:.35rem .75rem;align-items:center;max-width:48rem}
.bar-label{font-size:.85rem;color:#57606a}
.bar{display:flex;height:1rem;border:1px solid #8c959f;border-radius:.2rem;overflow:hidden;background:#fff}
.bar span{display:block;height:100%}
.bar .plain{background:repeating-linear-gradient(45deg,#fff 0 3px,#afb8c1 3px 5px)}
.tally{border-collapse:collapse;margin:.9rem 0 .4rem;width:auto;min-width:24rem}
.tally th,.tally td{padding:.25rem .7rem}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.note{font-size:.85rem;color:#57606a;margin:.3rem 0}
section.node section.node{margin-left:.4rem;padding-left:.9rem;border-left:3px solid #d0d7de}
.node-text{margin:.2rem 0 .7rem;max-width:62rem;color:#24292f}
.node-text .label{font-weight:600;margin-right:.35rem}
.node-text .text,td,dd{white-space:pre-line}
table{border-collapse:collapse;width:100%}
.goals-table{table-layout:fixed;margin:.5rem 0 1rem}
th,td{border:1px solid #c9d1d9;padding:.4rem .55rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#eef1f4;font-weight:600;font-size:.85rem}
.goal-title{font-weight:600}
.tags{margin-top:.3rem}
.tag{display:inline-block;margin:0 .3rem .2rem 0;padding:0 .35rem;border:1px solid #d0d7de;
border-radius:.25rem;font-size:.75rem;color:#57606a}
.attr{font-size:.8rem;color:#57606a}
.m+.m{margin-top:.45rem;padding-top:.45rem;border-top:1px dotted #c9d1d9}
.m-name{font-weight:600}
.m-extra{font-size:.85rem;color:#444c56}
.k{color:#57606a}
.resp div+div{margin-top:.2rem}
.badge{display:inline-block;padding:.1rem .55rem;border-radius:.8rem;font-weight:600;font-size:.85rem;
line-height:1.35;white-space:normal;border:1px solid rgba(0,0,0,.25)}
.badge.plain{background:#fff;color:#1b1f23;border-color:#8c959f}
.badge.missing{font-style:italic;font-weight:400;color:#57606a}
.metrics-row>td{padding:.3rem .55rem .55rem 1.6rem;background:#f6f8fa}
.metric-table th,.metric-table td{font-size:.85rem;padding:.25rem .45rem}
.metric-table th{background:#e7ebef}
.metric-table td{background:#fff}
.empty{color:#57606a;font-style:italic}
@media (max-width:46rem){
.goals-table,.goals-table>tbody,.goals-table>tbody>tr,.goals-table>tbody>tr>td{display:block;width:auto}
.goals-table>thead,.goals-table>colgroup{display:none}
.goals-table>tbody{border:1px solid #c9d1d9;margin-bottom:.6rem}
.goals-table>tbody>tr>td{border:0;border-top:1px solid #eef1f4}
.goals-table>tbody>tr>td[data-label]::before{content:attr(data-label);display:block;font-size:.75rem;
font-weight:600;color:#57606a}
}
@media print{
@page{size:landscape;margin:12mm}
body{max-width:none;padding:0;font-size:9.5pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
thead{display:table-header-group}
tbody.goal,tr,.bars,.tally{break-inside:avoid;page-break-inside:avoid}
h1,h2,h3,h4,h5,h6,.node-text{break-after:avoid;page-break-after:avoid}
section.node section.node{margin-left:0}
}
"""

_WIDTHS: dict[int, tuple[int, ...]] = {5: (22, 24, 13, 29, 12)}


class _Page:
    """Builds the HTML of one report; every user text goes through :meth:`text`."""

    def __init__(self, report: Report, schema: Schema, lang: str) -> None:
        self.report, self.schema, self.lang = report, schema, lang
        # The city's texts are in the schema's language; mark them when labels are in another.
        self.city = f' lang="{schema.language}"' if schema.language != lang else ""
        self.per_metric = schema.status_per != "goal"
        self.forecast_column = schema.status_per != "metric" or any(g.forecast for g in report.goals)
        # Seinäjoki's accounts name no responsible party: no empty column for it
        self.responsible_column = schema.status_per != "metric" or any(g.responsible for g in report.goals)

    def label(self, field: str) -> str:
        return self.schema.label(field, self.lang)

    def text(self, value: str) -> str:
        """A user text, escaped; its line breaks are kept by ``white-space: pre-line``."""
        return html.escape(value)

    def word(self, value: str) -> str:
        return self.text(value) if value.strip() else html.escape(_L["blank"].get(self.lang))

    def badge(self, forecast: Forecast | None, key: str | None = None) -> str:
        """A forecast as a badge: the schema's colour behind the word (never the colour alone)."""
        if forecast is None:
            return f'<span class="badge plain missing">{html.escape(_L["missing"].get(self.lang))}</span>'
        word = self.word(forecast.word if key is None else key)
        rgb = _rgb(self.schema.colour(forecast))
        if rgb is None:
            return f'<span class="badge plain"{self.city}>{word}</span>'
        style = f"background-color:{_hex(rgb)};color:{_ink(rgb)}"
        return f'<span class="badge" style="{style}"{self.city}>{word}</span>'

    def page(self) -> str:
        report = self.report
        org = report.organisation
        heading = report.title if report.title is not None else org.body
        period = report.period.render(self.lang)
        out = [
            "<!DOCTYPE html>",
            f'<html lang="{self.lang}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(heading)} – {html.escape(period)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            *self.head(heading, period),
            *self.summary(),
            f'<section class="goals"><h2>{html.escape(_L["goals"].get(self.lang))}</h2>',
        ]
        if not report.goals:
            out.append(f'<p class="empty">{html.escape(_L["no_goals"].get(self.lang))}</p>')
        for node in report.nodes:
            out.extend(self.node(node, 0))
        out += ["</section>", "</body>", "</html>"]
        return "\n".join(out) + "\n"

    def head(self, heading: str, period: str) -> list[str]:
        org = self.report.organisation
        items = [("municipality", org.municipality)]
        if self.report.title is not None:
            items.append(("body", org.body))
        pairs = "".join(
            f"<div><dt>{html.escape(self.label(f))}</dt><dd{self.city}>{self.text(v)}</dd></div>"
            for f, v in items
        )
        pairs += f"<div><dt>{html.escape(self.label('period'))}</dt><dd>{html.escape(period)}</dd></div>"
        return [
            "<header>",
            f"<h1{self.city}>{self.text(heading)}</h1>",
            f'<dl class="meta">{pairs}</dl>',
            "</header>",
        ]

    def summary(self) -> list[str]:
        lang = self.lang
        ov = _overview(self.report, self.schema)
        totals = f"<strong>{html.escape(_count(ov.goals, 'goal', lang))}</strong>"
        if ov.with_metrics:
            totals += f" · <strong>{html.escape(_count(ov.metrics, 'metric', lang))}</strong>"
        line = _on_track_line(ov, lang)
        if line is not None:
            totals += f" · {html.escape(line)}"
        out = [
            '<section class="summary">',
            f"<h2>{html.escape(_L['summary'].get(lang))}</h2>",
            f'<p class="totals">{totals}</p>',
        ]
        bars = [(_L["goals"], ov.goals, [(r, r.goals) for r in ov.rows])]
        if ov.with_metrics:
            bars.append((_L["metrics"], ov.metrics, [(r, r.metrics) for r in ov.rows]))
        if any(total for _, total, _ in bars):
            out.append('<div class="bars" aria-hidden="true">')
            for name, total, parts in bars:
                out.append(f'<span class="bar-label">{html.escape(name.get(lang))}</span>')
                out.append(f'<div class="bar">{self.segments(parts, total)}</div>')
            out.append("</div>")
        head = self.label("forecast")
        if ov.with_metrics:
            head += f" / {self.label('metric_status')}"
        cols = [_L["goal_count"], _L["share"]] + (
            [_L["metric_count"], _L["share"]] if ov.with_metrics else []
        )
        out.append(
            '<table class="tally"><thead><tr>'
            f'<th scope="col">{html.escape(head)}</th>'
            + "".join(f'<th scope="col" class="num">{html.escape(c.get(lang))}</th>' for c in cols)
            + "</tr></thead><tbody>"
        )
        for row in ov.rows:
            cells = [row.goals, _percent(row.goals, ov.goals, lang)]
            if ov.with_metrics:
                cells += [row.metrics, _percent(row.metrics, ov.metrics, lang)]
            badge = self.badge(row.forecast, row.key) if row.key is not None else self.badge(None)
            out.append(
                f"<tr><td>{badge}</td>"
                + "".join(f'<td class="num">{html.escape(str(c))}</td>' for c in cells)
                + "</tr>"
            )
        out.append("</tbody></table>")
        if ov.from_metrics:
            out.append(f'<p class="note">{html.escape(_L["worst"].get(lang))}</p>')
        out.append("</section>")
        return out

    def segments(self, parts: list[tuple[_Tally, int]], total: int) -> str:
        out = []
        for row, n in parts:
            if not n:
                continue
            width = f"width:{100 * n / total:.3f}%"
            rgb = _rgb(self.schema.colour(row.forecast)) if row.key is not None else None
            if rgb is None:
                out.append(f'<span class="plain" style="{width}"></span>')
            else:
                out.append(f'<span style="{width};background-color:{_hex(rgb)}"></span>')
        return "".join(out)

    def node(self, node: Node, depth: int) -> list[str]:
        try:
            level = self.schema.level(node.level)
            name = level.name.get(self.lang)
            text_name = level.text_name.get(self.lang) if level.text_name is not None else None
        except KeyError:
            name, text_name = node.level, None
        h = min(3 + depth, 6)
        out = [
            f'<section class="node depth-{depth}">',
            (
                f'<h{h}><span class="level">{html.escape(name)}</span>'
                f'<span class="node-title"{self.city}>{self.text(node.title)}</span></h{h}>'
            ),
        ]
        if node.text:
            label = f'<span class="label">{html.escape(text_name)}:</span>' if text_name else ""
            out.append(
                f'<p class="node-text">{label}<span class="text"{self.city}>{self.text(node.text)}</span></p>'
            )
        if node.goals:
            out.extend(self.table(node.goals))
        for child in node.children:
            out.extend(self.node(child, depth + 1))
        out.append("</section>")
        return out

    def columns(self) -> list[str]:
        if self.per_metric:
            fields = ["title"] + (["responsible"] if self.responsible_column else []) + ["realisation"]
            fields += ["forecast"] if self.forecast_column else []
            return [self.label(f) for f in fields]
        return [
            self.label("title"),
            _metric_column(self.schema, self.lang),
            self.label("responsible"),
            self.label("realisation"),
            self.label("forecast"),
        ]

    def table(self, goals: tuple[Goal, ...]) -> list[str]:
        columns = self.columns()
        widths: tuple[int, ...] = _WIDTHS[len(columns)] if not self.per_metric else ()
        if self.per_metric:  # title, [responsible], realisation, [forecast]: the text takes the rest
            fixed = 30 + (16 if self.responsible_column else 0) + (12 if self.forecast_column else 0)
            widths = (30, *((16,) if self.responsible_column else ()), 100 - fixed)
            widths += (12,) if self.forecast_column else ()
        out = [
            '<table class="goals-table">',
            "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>",
            "<thead><tr>"
            + "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
            + "</tr></thead>",
        ]
        for goal in goals:
            out.extend(self.goal(goal, columns))
        out.append("</table>")
        return out

    def cell(self, label: str, content: str, cls: str, *, city: bool = False) -> str:
        """A table cell; ``data-label`` names the column when narrow screens stack the cells."""
        lang = self.city if city else ""
        return f'<td class="{cls}" data-label="{html.escape(label)}"{lang}>{content}</td>'

    def goal(self, goal: Goal, columns: list[str]) -> list[str]:
        title = f'<div class="goal-title"{self.city}>{self.text(goal.title)}</div>'
        tags = []
        if _shows_years(goal, self.report):
            tags.append(
                f'<span class="tag">{html.escape(self.label("years"))} {html.escape(str(goal.years))}</span>'
            )
        if goal.binding:
            tags.append(f'<span class="tag">{html.escape(self.label("binding"))}</span>')
        if tags:
            title += f'<div class="tags">{"".join(tags)}</div>'
        for label, value in _attributes(goal, self.schema, self.lang):
            title += (
                f'<div class="attr"><span class="k">{html.escape(label)}:</span> '
                f"<span{self.city}>{self.text(value)}</span></div>"
            )
        resp = "".join(f"<div{self.city}>{self.text(r)}</div>" for r in goal.responsible)
        realisation = self.text(goal.realisation or "")
        forecast = self.badge(goal.forecast) if goal.forecast is not None else "–"
        cells = [self.cell(columns[0], title, "title")]
        if not self.per_metric:
            metrics = "".join(self.metric_block(m) for m in goal.metrics)
            cells.append(self.cell(columns[1], metrics, "metric"))
        if not self.per_metric or self.responsible_column:
            cells.append(self.cell(self.label("responsible"), resp, "resp"))
        cells.append(self.cell(self.label("realisation"), realisation, "text", city=True))
        if not self.per_metric or self.forecast_column:
            cells.append(self.cell(self.label("forecast"), forecast, "forecast"))
        out = ['<tbody class="goal">', "<tr>", *cells, "</tr>"]
        if self.per_metric and goal.metrics:
            table = self.metric_table(goal.metrics)
            out.append(f'<tr class="metrics-row"><td colspan="{len(columns)}">{table}</td></tr>')
        out.append("</tbody>")
        return out

    def metric_block(self, m: Metric) -> str:
        """A metric inside the goal's metric column: name, target level, then any extras."""
        parts = []
        if m.name:
            parts.append(f'<div class="m-name"{self.city}>{self.text(m.name)}</div>')
        if m.target:
            parts.append(f"<div{self.city}>{self.text(m.target)}</div>")
        for field, value in (("baseline", m.baseline), ("value", m.value)):
            if value:
                parts.append(
                    f'<div class="m-extra"><span class="k">{html.escape(self.label(field))}:</span> '
                    f"<span{self.city}>{self.text(value)}</span></div>"
                )
        if m.status is not None:
            parts.append(
                f'<div class="m-extra"><span class="k">{html.escape(self.label("metric_status"))}:</span> '
                f"{self.badge(m.status)}</div>"
            )
        return f'<div class="m">{"".join(parts)}</div>'

    def metric_table(self, metrics: tuple[Metric, ...]) -> str:
        """A goal's metrics as rows (status per metric): name, baseline, target, value, status."""
        fields = ("metric", "baseline", "target", "value", "metric_status")
        head = "".join(f'<th scope="col">{html.escape(self.label(f))}</th>' for f in fields)
        rows = []
        for m in metrics:
            texts = [
                f"<td{self.city}>{self.text(v)}</td>" if v else "<td></td>"
                for v in (m.name, m.baseline, m.target, m.value)
            ]
            status = self.badge(m.status) if m.status is not None else ""
            rows.append("<tr>" + "".join(texts) + f"<td>{status}</td></tr>")
        body = "".join(rows)
        return f'<table class="metric-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_html(report: Report, *, lang: str | None = None) -> str:
    """Render a report as one standalone HTML page (inline CSS, nothing from the network).

    Args:
        report: The report.
        lang: Language of the labels, ``"fi"``, ``"sv"`` or ``"en"``; default: the
            schema's. The city's own words are never translated.

    Returns:
        The page, ready to be written as UTF-8.

    Raises:
        ValueError: ``lang`` is not one of fi, sv, en.

    Example:
        >>> import strategiaseuranta as ss
        >>> page = render_html(ss.load("examples/joensuu/2025-07.yaml"), lang="sv")
        >>> page.startswith("<!DOCTYPE html>"), '<html lang="sv">' in page
        (True, True)
        >>> "Toteutuu" in page, "Prognos" in page, "https://" in page
        (True, True, False)
    """
    _check_language(lang)
    schema = get_schema(report.schema)
    return _Page(report, schema, _language(lang, schema)).page()


def dump_report(report: Report, path: str | os.PathLike[str], *, lang: str | None = None) -> None:
    """Write a report as a standalone HTML file, atomically.

    Args:
        report: The report.
        path: The file to write (``.html`` or ``.htm``).
        lang: Language of the labels (fi, sv, en); default: the schema's.

    Raises:
        ValueError: ``lang`` is not one of fi, sv, en (nothing is written).
        WriteError: The file cannot be written; an existing file is left as it was.

    Example:
        >>> import strategiaseuranta as ss, tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "raportti.html"
        >>> dump_report(ss.load("examples/joensuu/2025-07.yaml"), out, lang="en")
        >>> "Operational goal" in out.read_text(encoding="utf-8")
        True
    """
    text = render_html(report, lang=lang)
    atomic_write(path, lambda handle: handle.write(text))
