"""Rendering a :class:`~strategiaseuranta.Diff` for people: text, Markdown, HTML.

Worsened forecasts come first. Labels come from the schema in the chosen
language; the city's own words and texts are shown as written, and every user
text is escaped in HTML and Markdown.
"""

from __future__ import annotations

import html
import textwrap
from typing import TYPE_CHECKING

import attrs

from strategiaseuranta.diff import Diff, GoalChange, TextChange, Trend
from strategiaseuranta.display import LEVEL_LABELS
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.formats._overview import escape_markdown
from strategiaseuranta.registry import get_schema
from strategiaseuranta.schema import Labels

if TYPE_CHECKING:
    from strategiaseuranta.rounds import HistoryRow
    from strategiaseuranta.schema import Schema

__all__ = ["render_diff", "render_history"]

_H = {
    "changes": Labels("Muutokset", "Förändringar", "Changes"),
    "worsened": Labels("Heikentyneet ennusteet", "Försämrade prognoser", "Worsened forecasts"),
    "improved": Labels("Parantuneet ennusteet", "Förbättrade prognoser", "Improved forecasts"),
    "other": Labels("Muut muutokset", "Övriga förändringar", "Other changes"),
    "stale": Labels(
        "Toteumateksti päivittämättä", "Utfallstexten inte uppdaterad", "Realisation text not updated"
    ),
    "added": Labels("Uudet tavoitteet", "Nya mål", "Added goals"),
    "removed": Labels("Poistuneet tavoitteet", "Borttagna mål", "Removed goals"),
    "uncertain": Labels("Epävarmat yhdistämiset", "Osäkra matchningar", "Uncertain matches"),
    "transitions": Labels("Ennusteiden siirtymät", "Prognosernas övergångar", "Forecast transitions"),
    "nothing": Labels("Ei muutoksia.", "Inga förändringar.", "No changes."),
    "matched": Labels("tavoitetta verrattu", "mål jämförda", "goals compared"),
    "changed": Labels("muuttunut", "förändrade", "changed"),
    "moved": Labels("Siirretty kohdasta", "Flyttat från", "Moved from"),
    "retitled": Labels("Aiempi otsikko", "Tidigare rubrik", "Former title"),
    "unchanged_since": Labels("ennallaan kaudesta", "oförändrad sedan", "unchanged since"),
    "similarity": Labels("samankaltaisuus", "likhet", "similarity"),
    "from": Labels("ennen", "före", "before"),
    "none": Labels("ei ennustetta", "ingen prognos", "no forecast"),
}

_ANSI = {"red": "\033[31m", "green": "\033[32m", "yellow": "\033[33m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"


def _word(forecast: Forecast | None) -> str:
    return forecast.word if forecast is not None else "–"


def _level_label(name: str, lang: str) -> str:
    if name == "none":
        return _H["none"].get(lang)
    return LEVEL_LABELS[ForecastLevel(name)].get(lang)


class _Style:
    """How one output format marks things up."""

    def __init__(self, fmt: str, *, color: bool) -> None:
        self.fmt, self.color = fmt, color

    def esc(self, text: str) -> str:
        if self.fmt == "html":
            return html.escape(text)
        if self.fmt == "markdown":
            return escape_markdown(text, breaks=" ")
        return text

    def paint(self, text: str, colour: str) -> str:
        if self.fmt == "text" and self.color:
            return f"{_ANSI[colour]}{text}{_RESET}"
        return text

    def words(self, change: TextChange) -> str:
        out = []
        for op in change.words:
            old, new = self.esc(op.old), self.esc(op.new)
            if op.op == "equal":
                out.append(old)
                continue
            if op.old:
                out.append(
                    {"html": f"<del>{old}</del>", "markdown": f"~~{old}~~"}.get(
                        self.fmt, self.paint(f"[-{old}-]", "red")
                    )
                )
            if op.new:
                out.append(
                    {"html": f"<ins>{new}</ins>", "markdown": f"**{new}**"}.get(
                        self.fmt, self.paint(f"{{+{new}+}}", "green")
                    )
                )
        return "".join(out)


def _goal_lines(g: GoalChange, schema: Schema, lang: str, style: _Style, period: str) -> list[str]:
    label = schema.label
    lines = []
    if g.forecast.changed:
        arrow = {Trend.WORSENED: "▼", Trend.IMPROVED: "▲"}.get(g.forecast.trend, "→")
        old, new = style.esc(_word(g.forecast.old)), style.esc(_word(g.forecast.new))
        lines.append(f"{label('forecast', lang)}: {old} {arrow} {new}")
    if g.old_title is not None:
        lines.append(f"{_H['retitled'].get(lang)}: {style.esc(g.old_title)}")
    if g.moved_from is not None:
        lines.append(f"{_H['moved'].get(lang)}: {style.esc(' › '.join(g.moved_from))}")
    if g.realisation is not None:
        lines.append(f"{label('realisation', lang)}: {style.words(g.realisation)}")
    if g.stale:
        lines.append(f"{label('realisation', lang)} {_H['unchanged_since'].get(lang)} {period}")
    for m in g.metrics:
        if m.target is not None:
            lines.append(f"{label('target', lang)}: {style.words(m.target)}")
        if m.value is not None:
            delta = f" (Δ {m.delta:+})".replace(".", ",") if m.delta is not None else ""
            lines.append(
                f"{label('value', lang)} · {style.esc(m.label[:60])}: "
                f"{style.esc(m.value.old or '–')} → {style.esc(m.value.new or '–')}{delta}"
            )
    if g.responsible is not None:
        old, new = (", ".join(r) or "–" for r in g.responsible)
        lines.append(f"{label('responsible', lang)}: {style.esc(old)} → {style.esc(new)}")
    if not g.match.certain:
        similarity = f"{_H['similarity'].get(lang)} {g.match.score:.2f}"
        lines.append(f"{_H['uncertain'].get(lang)}: {similarity} ({style.esc(g.match.old_id)})")
    return lines


_Item = tuple[str, list[str], str]  # goal title, detail lines, colour


@attrs.frozen
class _Page:
    """Everything a renderer needs, already worded and escaped."""

    heading: str
    summary: str
    blocks: list[tuple[str, list[_Item]]]
    columns: list[str]
    rows: list[tuple[str, list[int]]]
    style: _Style
    title: str | None
    lang: str


def _sections(d: Diff) -> list[tuple[str, tuple[GoalChange, ...], str]]:
    worse, better = d.worsened, d.improved
    shown = {id(g) for g in (*worse, *better)}
    others = tuple(g for g in d.changed if id(g) not in shown)
    stale_only = tuple(g for g in d.stale if not g.changed)
    return [
        ("worsened", worse, "red"),
        ("improved", better, "green"),
        ("other", others, "bold"),
        ("stale", stale_only, "yellow"),
    ]


def render_diff(
    d: Diff, *, fmt: str = "text", lang: str | None = None, color: bool = False, title: str | None = None
) -> str:
    """Render a diff as ``text``, ``markdown`` or ``html``; worsened forecasts first.

    Args:
        d: The diff.
        fmt: ``"text"``, ``"markdown"`` or ``"html"``.
        lang: Language of the labels; default: the schema's.
        color: ANSI colours in text (the CLI sets this when writing to a terminal).
        title: A heading, e.g. the body's name.

    Example:
        >>> import strategiaseuranta as ss
        >>> july, accounts = ss.load_series("examples/joensuu").reports
        >>> text = render_diff(ss.diff(july, accounts), lang="en")
        >>> print(text.splitlines()[0])
        Changes: tammi–heinäkuu 2025 → tilinpäätös 2025
    """
    if fmt not in ("text", "markdown", "html"):
        raise ValueError(f"unknown format {fmt!r}; use text, markdown or html")
    schema = get_schema(d.schema)
    lang = lang or schema.language
    style = _Style(fmt, color=color)
    period_old, period_new = d.old_period.render(schema.language), d.new_period.render(schema.language)
    heading = f"{_H['changes'].get(lang)}: {period_old} → {period_new}"
    summary = (
        f"{len(d.goals)} {_H['matched'].get(lang)}, {len(d.changed)} {_H['changed'].get(lang)}, "
        f"+{len(d.added)} −{len(d.removed)}"
    )
    blocks: list[tuple[str, list[_Item]]] = []
    for key, goals, colour in _sections(d):
        if goals:
            items = [(g.goal.title, _goal_lines(g, schema, lang, style, period_old), colour) for g in goals]
            blocks.append((f"{_H[key].get(lang)} ({len(goals)})", items))
    for key, refs in (("added", d.added), ("removed", d.removed)):
        if refs:
            blocks.append(
                (
                    f"{_H[key].get(lang)} ({len(refs)})",
                    [(r.title, [style.esc(" › ".join(r.path))], "bold") for r in refs],
                )
            )
    columns, rows = _matrix(d, lang)
    page = _Page(heading, summary, blocks, columns, rows, style, title, lang)
    return {"html": _html, "markdown": _markdown, "text": _text}[fmt](page)


def _matrix(d: Diff, lang: str) -> tuple[list[str], list[tuple[str, list[int]]]]:
    table = d.transitions()
    rows = [name for name, counts in table.items() if any(counts.values())]
    cols = [name for name in table if any(table[r][name] for r in table)]
    return [_level_label(c, lang) for c in cols], [
        (_level_label(r, lang), [table[r][c] for c in cols]) for r in rows
    ]


def _text(page: _Page) -> str:
    style, lang = page.style, page.lang
    out = [page.title] if page.title else []
    out += [style.paint(page.heading, "bold"), page.summary]
    if not page.blocks:
        out += ["", _H["nothing"].get(lang)]
    for name, items in page.blocks:
        out += ["", style.paint(name, "bold")]
        for goal_title, lines, colour in items:
            bullet = "  " + style.paint("•", colour) + " "
            out += textwrap.wrap(goal_title, 100, initial_indent=bullet, subsequent_indent="    ")
            out += ["      " + line for line in lines]
    if page.rows:
        out += ["", style.paint(_H["transitions"].get(lang), "bold")]
        width = max(len(r) for r, _ in page.rows)
        out.append(" " * (width + 2) + "  ".join(page.columns))
        for name, counts in page.rows:
            cells = "  ".join(str(n).rjust(len(c)) for n, c in zip(counts, page.columns, strict=True))
            out.append(f"{name.ljust(width)}  {cells}")
    return "\n".join(out) + "\n"


def _markdown(page: _Page) -> str:
    style, lang = page.style, page.lang
    out = [f"# {style.esc(page.title)}", ""] if page.title else []
    out += [f"## {page.heading}", "", page.summary]
    if not page.blocks:
        out += ["", _H["nothing"].get(lang)]
    for name, items in page.blocks:
        out += ["", f"### {name}", ""]
        for goal_title, lines, _ in items:
            out.append(f"- **{style.esc(goal_title)}**")
            out += [f"  - {line}" for line in lines]
    if page.rows:
        out += ["", f"### {_H['transitions'].get(lang)}", ""]
        out.append("| " + _H["from"].get(lang) + " | " + " | ".join(page.columns) + " |")
        out.append("|---" * (len(page.columns) + 1) + "|")
        out += [f"| {name} | " + " | ".join(str(n) for n in counts) + " |" for name, counts in page.rows]
    return "\n".join(out) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2{font-weight:600} h3{margin-top:1.6rem;border-bottom:1px solid #ddd}
ul{padding-left:1.2rem} li{margin:.5rem 0} li ul{color:#444;margin:.2rem 0}
.red,.green,.yellow,.bold{border-left:4px solid;padding-left:.5rem}
.red{border-color:#c62828} .green{border-color:#2e7d32}
.yellow{border-color:#f9a825} .bold{border-color:#90a4ae}
del{background:#ffebee;color:#b71c1c} ins{background:#e8f5e9;color:#1b5e20;text-decoration:none}
table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
@media print{body{margin:0;max-width:none} li{break-inside:avoid}}
"""


def _html(page: _Page) -> str:
    esc, lang = html.escape, page.lang
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{esc(page.title or page.heading)}</title><style>{_CSS}</style></head><body>",
    ]
    if page.title:
        out.append(f"<h1>{esc(page.title)}</h1>")
    out += [f"<h2>{esc(page.heading)}</h2>", f"<p>{esc(page.summary)}</p>"]
    if not page.blocks:
        out.append(f"<p>{esc(_H['nothing'].get(lang))}</p>")
    for name, items in page.blocks:
        out.append(f"<h3>{esc(name)}</h3><ul>")
        for goal_title, lines, colour in items:
            inner = "".join(f"<li>{line}</li>" for line in lines)
            out.append(f'<li class="{colour}"><strong>{esc(goal_title)}</strong><ul>{inner}</ul></li>')
        out.append("</ul>")
    if page.rows:
        out.append(
            f"<h3>{esc(_H['transitions'].get(lang))}</h3><table><tr><th>{esc(_H['from'].get(lang))}</th>"
        )
        out.append("".join(f"<th>{esc(c)}</th>" for c in page.columns) + "</tr>")
        for name, counts in page.rows:
            out.append(f"<tr><td>{esc(name)}</td>" + "".join(f"<td>{n}</td>" for n in counts) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render_history(rows: list[HistoryRow], periods: list[str], *, width: int = 100) -> str:
    """One line per goal with its forecast in each round (``·`` where the goal is absent).

    Example:
        >>> import strategiaseuranta as ss
        >>> series = ss.load_series("examples/joensuu")
        >>> text = render_history(series.history(), [str(r.period) for r in series.reports])
        >>> [cell.strip() for cell in text.splitlines()[2].split("│")][1:]
        ['Toteutuu', 'Toteutuu osittain']
    """
    cells = [
        [_word(f) if present else "·" for f, present in zip(r.forecasts, r.present, strict=True)]
        for r in rows
    ]
    widths = [max([len(p), *(len(c[i]) for c in cells)]) for i, p in enumerate(periods)]
    room = max(20, width - sum(widths) - 3 * len(widths))
    out = [" " * room + "".join(" │ " + p.ljust(w) for p, w in zip(periods, widths, strict=True))]
    for row, values in zip(rows, cells, strict=True):
        name = row.goal.title if len(row.goal.title) <= room else row.goal.title[: room - 1] + "…"
        out.append(
            name.ljust(room) + "".join(" │ " + v.ljust(w) for v, w in zip(values, widths, strict=True))
        )
    return "\n".join(line.rstrip() for line in out) + "\n"
