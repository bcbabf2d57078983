"""Figures of goal sets: forecasts per focus area, transitions between rounds, values against targets.

Three functions, each returning a matplotlib ``Figure`` drawn with the
object-oriented API (no ``pyplot``, no global state, no GUI backend), so they work the
same in tests, scripts and notebooks; a figure that is the last expression of a Jupyter
cell shows inline as a PNG:

- :func:`forecast_bars`: goals per canonical forecast level as horizontal stacked bars,
  one bar per focus area (or any grouping :func:`~strategiaseuranta.count_forecasts`
  knows), one panel per round;
- :func:`transition_chart`: how forecasts moved between two rounds, as a matrix of counts
  with improvements and worsenings tinted apart;
- :func:`target_chart`: each metric's measured value as a percentage of its target.

Colours are the schema's (the colour of its first word at each level; a fixed green,
yellow, red and grey palette where the schema gives none). Labels are in the schema's
language by default, which is Finnish for every Finnish city; ``lang="sv"`` or
``lang="en"`` gives Swedish or English. Forecast levels are named with the city's own
words in the schema's language and with the canonical level names in another.

matplotlib is an optional extra (``pip install 'strategiaseuranta[figures]'``), imported
on first use.
"""

from __future__ import annotations

import functools
import io
import textwrap
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from strategiaseuranta.diff import Diff, diff
from strategiaseuranta.forecast import ForecastLevel
from strategiaseuranta.model import Report
from strategiaseuranta.periods import Period
from strategiaseuranta.quantities import Comparator, Direction
from strategiaseuranta.registry import get_schema
from strategiaseuranta.rounds import Series
from strategiaseuranta.schema import LANGUAGES, Labels, Schema
from strategiaseuranta.summary import count_forecasts, goal_level

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from strategiaseuranta.model import Metric

__all__ = ["DEFAULT_COLOURS", "SCALE_ORDER", "forecast_bars", "target_chart", "transition_chart"]

SCALE_ORDER: tuple[ForecastLevel | None, ...] = (
    ForecastLevel.ACHIEVED,
    ForecastLevel.ON_TRACK,
    ForecastLevel.PARTLY,
    ForecastLevel.NOT_ACHIEVED,
    ForecastLevel.NOT_ASSESSABLE,
    None,
)
"""The order of the bars' segments and of the transition matrix, best first, then no forecast."""

DEFAULT_COLOURS: dict[ForecastLevel | None, str] = {
    ForecastLevel.ACHIEVED: "#2e7d32",
    ForecastLevel.ON_TRACK: "#66bb6a",
    ForecastLevel.PARTLY: "#f9a825",
    ForecastLevel.NOT_ACHIEVED: "#c62828",
    ForecastLevel.NOT_ASSESSABLE: "#757575",
    None: "#d0d0d0",
}
"""Colours of the levels where the schema gives none (the built-in schemas' greens, yellow, red, grey)."""

_WORDS = {
    "forecasts": Labels("Toteutumaennusteet", "Prognoser", "Forecasts"),
    "goals": Labels("Tavoitteita", "Antal mål", "Goals"),
    "share": Labels("Osuus tavoitteista", "Andel av målen", "Share of goals"),
    "none": Labels("ei ennustetta", "ingen prognos", "no forecast"),
    "no_group": Labels("(muut)", "(övriga)", "(other)"),
    "no_responsible": Labels("(ei vastuutahoa)", "(ingen ansvarig)", "(no responsible party)"),
    "report": Labels("Raportti", "Rapport", "Report"),
    "transitions": Labels(
        "Toteutumaennusteiden muutokset", "Förändringar i prognoserna", "Changes in the forecasts"
    ),
    "improved": Labels("parani {n}", "förbättrades {n}", "{n} improved"),
    "worsened": Labels("heikkeni {n}", "försämrades {n}", "{n} worsened"),
    "same": Labels("ennallaan {n}", "oförändrade {n}", "{n} unchanged"),
    "unknown": Labels("ei verrattavissa {n}", "kan inte jämföras {n}", "{n} not comparable"),
    "added": Labels("uusia tavoitteita {n}", "nya mål {n}", "{n} goals added"),
    "removed": Labels("poistuneita tavoitteita {n}", "borttagna mål {n}", "{n} goals removed"),
    "targets": Labels(
        "Toteuma suhteessa tavoitteeseen", "Utfall i förhållande till målet", "Measured value against target"
    ),
    "ratio": Labels("Toteuma, % tavoitearvosta", "Utfall, % av målvärdet", "Measured value, % of target"),
    "target": Labels("tavoite", "mål", "target"),
    "meets": Labels("saavuttaa tavoitteen", "når målet", "meets the target"),
    "misses": Labels("jää tavoitteesta", "når inte målet", "misses the target"),
    "undirected": Labels(
        "eroaa tavoitteesta, suunta ei tiedossa",
        "avviker från målet, riktning okänd",
        "differs from the target, direction unknown",
    ),
    "no_numbers_one": Labels(
        "{n} mittari ilman lukuarvoa", "{n} mätare utan numeriskt värde", "{n} metric without a numeric value"
    ),
    "no_numbers": Labels(
        "{n} mittaria ilman lukuarvoa",
        "{n} mätare utan numeriskt värde",
        "{n} metrics without a numeric value",
    ),
    "incomparable_one": Labels(
        "{n} mittari eri yksiköin tai tavoitteena 0",
        "{n} mätare i olika enheter eller med målet 0",
        "{n} metric in different units or with a target of 0",
    ),
    "incomparable": Labels(
        "{n} mittaria eri yksiköin tai tavoitteena 0",
        "{n} mätare i olika enheter eller med målet 0",
        "{n} metrics in different units or with a target of 0",
    ),
    "hidden_one": Labels("{n} mittari jätetty pois", "{n} mätare utelämnad", "{n} more metric not shown"),
    "hidden": Labels("{n} mittaria jätetty pois", "{n} mätare utelämnade", "{n} more metrics not shown"),
    "nothing": Labels(
        "Ei mittareita, joiden tavoite ja toteuma ovat lukuja",
        "Inga mätare vars mål och utfall är tal",
        "No metric states both its target and its value as a number",
    ),
}
"""The figures' own words; everything else comes from the schema or the reports."""

_IMPROVED, _WORSENED, _SAME, _UNKNOWN = "#2e7d32", "#c62828", "#546e7a", "#9e9e9e"
"""Tints of the transition matrix: better, worse, unchanged, not comparable."""

_RATIO_CAP = 300.0
"""The widest the target chart's axis goes (in %); values beyond it are drawn at its edge."""

_LABEL_WIDTH = 30
"""Characters per line of a bar's label; three lines at most."""


# -- shared helpers ---------------------------------------------------------------------------


def _matplotlib() -> None:
    from strategiaseuranta.formats._extras import require  # noqa: PLC0415

    require("matplotlib", "figures", "figures")


@functools.cache
def _figure_class() -> type[Figure]:
    """The Figure class with a PNG view, so a figure shows inline in Jupyter without pyplot."""
    _matplotlib()
    from matplotlib.figure import Figure as Base  # noqa: PLC0415

    class Figure(Base):  # the name shows in the repr: <Figure size 800x400 with 1 Axes>
        def _repr_png_(self) -> bytes:
            buffer = io.BytesIO()
            self.savefig(buffer, format="png")
            return buffer.getvalue()

    return Figure


def _new_figure(width: float, height: float) -> Figure:
    return _figure_class()(figsize=(width, height), layout="constrained")


def _root(ax: Axes) -> Figure:
    figure = ax.get_figure(root=True)
    assert figure is not None
    return figure


def _language(lang: str | None, schema: Schema | None) -> str:
    if lang is None:
        return schema.language if schema is not None else "fi"
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return lang


def _word(key: str, lang: str, n: int | None = None) -> str:
    if n is not None and f"{key}_one" in _WORDS and n == 1:
        key = f"{key}_one"
    return _WORDS[key].get(lang).format(n=n)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _level_label(level: ForecastLevel | None, schema: Schema | None, lang: str) -> str:
    """The city's word in the schema's language ("1 – toteutunut" for a code), else the canonical name."""
    from strategiaseuranta.display import LEVEL_LABELS  # noqa: PLC0415 - display imports shutil, bz2, lzma

    if level is None:
        return _capital(_word("none", lang))
    canonical = LEVEL_LABELS[level].get(lang)
    if schema is not None and lang == schema.language:
        step = next((s for s in schema.scale if s.level is level), None)
        if step is not None:
            word = _plain(step.word)
            return word if any(c.isalpha() for c in word) else f"{word} – {canonical}"
    return _capital(canonical)


def _level_colour(level: ForecastLevel | None, schema: Schema | None) -> str:
    """The colour of the schema's first word at the level, as ``#rrggbb``; else the default."""
    from strategiaseuranta.formats.html import _hex, _rgb  # noqa: PLC0415

    if schema is not None and level is not None:
        step = next((s for s in schema.scale if s.level is level and _rgb(s.colour) is not None), None)
        if step is not None:
            rgb = _rgb(step.colour)
            assert rgb is not None
            return _hex(rgb)
    return DEFAULT_COLOURS[level]


def _ink(colour: str) -> str:
    from strategiaseuranta.formats.html import _ink as ink  # noqa: PLC0415
    from strategiaseuranta.formats.html import _rgb  # noqa: PLC0415

    rgb = _rgb(colour)
    assert rgb is not None
    return ink(rgb)


def _blend(colour: str, strength: float) -> tuple[float, float, float]:
    """``colour`` mixed with white: 0 is white, 1 the colour."""
    from strategiaseuranta.formats.html import _rgb  # noqa: PLC0415

    rgb = _rgb(colour)
    assert rgb is not None
    return tuple(1 - strength + strength * c / 255 for c in rgb)  # type: ignore[return-value]


def _hex_of(rgb: tuple[float, float, float]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in rgb))


def _plain(text: str) -> str:
    """A city's text as matplotlib shows it verbatim: ``$`` escaped, so it never starts math mode."""
    return text.replace("$", r"\$")


def _wrap(text: str, width: int = _LABEL_WIDTH, lines: int = 3) -> str:
    """Text wrapped to ``width`` characters a line, at most ``lines`` lines, the last cut with "…"."""
    wrapped = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(wrapped) > lines:
        last = " ".join(wrapped[lines - 1 :])
        wrapped = [*wrapped[: lines - 1], last[: width - 1].rstrip() + "…"]
    return _plain("\n".join(wrapped))


def _shorten(text: str, width: int) -> str:
    """Text on one line, cut to ``width`` characters with "…"; ``$`` escaped."""
    text = " ".join(text.split())
    return _plain(text if len(text) <= width else text[: width - 1].rstrip() + "…")


def _percent(value: float, lang: str) -> str:
    """``1 200 %`` (fi, sv: no-break spaces) or ``1,200%`` (en); a minus sign, not a hyphen."""
    number = f"{value:,.0f}".replace("-", "\u2212")
    if lang == "en":
        return f"{number}%"
    return number.replace(",", "\u00a0") + "\u00a0%"


def _row_major(items: list[Any], columns: int) -> list[Any]:
    """Legend entries reordered so matplotlib's column-by-column filling reads row by row."""
    return [items[k] for col in range(columns) for k in range(col, len(items), columns)]


def _axes(ax: Axes | Sequence[Axes] | None, count: int) -> list[Axes] | None:
    if ax is None:
        return None
    if isinstance(ax, Sequence):
        listed = list(ax)
    elif hasattr(ax, "flat"):  # the numpy array of axes that ``subplots`` returns
        listed = list(ax.flat)
    else:
        listed = [ax]
    if len(listed) != count:
        raise ValueError(f"the figure has {count} panel(s) (one per round); ax gives {len(listed)}")
    return listed


# -- forecasts per focus area -----------------------------------------------------------------


def forecast_bars(
    reports: Report | Series | Iterable[Report],
    *,
    by: str = "branch",
    lang: str | None = None,
    title: str | None = None,
    ax: Axes | Sequence[Axes] | None = None,
    share: bool = False,
) -> Figure:
    """Goals per forecast level as horizontal stacked bars, one bar per group, one panel per round.

    The groups are :func:`~strategiaseuranta.count_forecasts`'s (``by``): Joensuu's focus
    areas by default. Each bar has one segment per canonical level, best first (achieved,
    on track, partly, not achieved, not assessable, then no forecast), in the schema's
    colours, with the count written in the segment where it fits and the bar's total at
    its end. Several reports of different rounds (a series) give one panel per round, side
    by side on a shared scale, the rounds in time order and the groups in the order they
    first occur; reports of the same round (several bodies or cities) are bars of the same
    panel, their labels prefixed with the municipality or body where these differ.

    Args:
        reports: A report, a :class:`~strategiaseuranta.Series`, or any number of reports.
        by: What a bar counts (see :func:`~strategiaseuranta.count_forecasts`).
        lang: ``"fi"``, ``"sv"`` or ``"en"``; default: the schema's language (Finnish for
            reports of several schemas). The legend shows the city's own forecast words in
            the schema's language (a code such as Seinäjoki's ``1`` with the level's name),
            and the canonical level names otherwise or when the reports' schemas differ.
        title: The figure's title; default: "Toteutumaennusteet" over who reports and the round
            (when one city, body or round), each round titling its own panel when several.
        ax: Draw into this axes (a sequence of axes, one per round, for several rounds)
            and return its figure; the legend then goes into the (first) axes.
        share: Segment widths as shares of the bar's goals instead of counts.

    Returns:
        The figure.

    Raises:
        ValueError: No reports, an unknown ``by`` or ``lang``, or ``ax`` not one per round.
        MissingDependencyError: matplotlib is not installed.

    Example:
        >>> import strategiaseuranta as ss
        >>> from strategiaseuranta.figures import forecast_bars
        >>> fig = forecast_bars(ss.load("examples/joensuu/2025-12.yaml"))
        >>> [text.get_text() for text in fig.legends[0].get_texts()]
        ['Toteutunut', 'Toteutuu', 'Toteutuu osittain']
        >>> [bars.datavalues.tolist() for bars in fig.axes[0].containers]  # per level, per focus area
        [[1.0, 0.0], [4.0, 1.0], [1.0, 0.0]]
        >>> fig.axes[0].get_ylabel()
        'Strateginen painopiste'
        >>> fig = forecast_bars(ss.load_series("examples/joensuu"), lang="en")
        >>> [ax.get_title() for ax in fig.axes]
        ['January–July 2025', 'annual accounts 2025']
    """
    listed = list(reports.reports) if isinstance(reports, Series) else _reports(reports)
    if not listed:
        raise ValueError("no reports to draw")
    names = list(dict.fromkeys(report.schema for report in listed))
    schema = get_schema(names[0]) if len(names) == 1 else None
    lang = _language(lang, schema)
    summaries = count_forecasts(listed, by=by)
    _matplotlib()
    from matplotlib.patches import Patch  # noqa: PLC0415
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415

    periods = sorted({report.period for report in listed})
    panel_of = {str(period): i for i, period in enumerate(periods)}
    municipalities = {s.municipality for s in summaries}
    bodies = {(s.municipality, s.body) for s in summaries}
    rows = list(dict.fromkeys((s.municipality, s.body, s.group) for s in summaries))
    counts: list[list[dict[ForecastLevel | None, int]]] = [[{} for _ in rows] for _ in periods]
    row_of = {key: i for i, key in enumerate(rows)}
    for s in summaries:
        counts[panel_of[s.period]][row_of[s.municipality, s.body, s.group]] = s.counts
    levels = [lv for lv in SCALE_ORDER if any(c.get(lv, 0) for panel in counts for c in panel)]
    several = len(municipalities) > 1, len(bodies) > len(municipalities)  # bodies: within a city
    labels = [_wrap(_row_label(key, by, lang, *several)) for key in rows]

    axes = _axes(ax, len(periods))
    own = axes is None
    if axes is None:
        lines = max((label.count("\n") + 1 for label in labels), default=1)
        row_height = max(0.36, 0.14 * lines + 0.1)
        width = 2.7 + 3.9 * len(periods) if len(periods) > 1 else 8.0
        fig = _new_figure(width, 1.9 + row_height * len(rows))
        axes = list(fig.subplots(1, len(periods), sharex=True, sharey=True, squeeze=False)[0])
    fig = _root(axes[0])

    ys = list(range(len(rows)))
    for panel, (axis, period) in enumerate(zip(axes, periods, strict=True)):
        totals = [sum(c.values()) for c in counts[panel]]
        lefts = [0.0] * len(rows)
        for level in levels:
            widths = [
                (c.get(level, 0) / total if share else c.get(level, 0)) if total else 0
                for c, total in zip(counts[panel], totals, strict=True)
            ]
            axis.barh(
                ys,
                widths,
                left=lefts,
                height=0.68,
                color=_level_colour(level, schema),
                edgecolor="white",
                linewidth=0.6,
                label=_level_label(level, schema, lang),
            )
            lefts = [left + w for left, w in zip(lefts, widths, strict=True)]
        for y, (end, total) in enumerate(zip(lefts, totals, strict=True)):
            if total:
                axis.text(end, y, f" {total}", va="center", ha="left", fontsize=9, color="#424242")
        if not own or len(periods) > 1:  # one round of a figure of our own: in the title
            axis.set_title(period.render(lang), fontsize=11)
        axis.set_xlabel(_word("share" if share else "goals", lang))
        if share:
            axis.set_xticks([0, 0.25, 0.5, 0.75, 1])
            axis.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _percent(x * 100, lang)))
        else:
            axis.xaxis.set_major_locator(MaxNLocator(integer=True))
        axis.spines[["top", "right"]].set_visible(False)
        axis.tick_params(axis="y", length=0)
        axis.grid(axis="x", color="#e0e0e0", linewidth=0.6)
        axis.set_axisbelow(True)
    widest = max((sum(c.values()) for panel in counts for c in panel), default=1) or 1
    axes[0].set_xlim(0, (1.0 if share else widest) * 1.1)
    axes[0].set_yticks(ys, labels, fontsize=9)
    axes[0].set_ylim(max(len(rows), 1) - 0.5, -0.5)  # the first group on top
    for axis in axes[1:]:
        axis.set_xlim(axes[0].get_xlim())
        if not own:  # the caller's axes share nothing: the same rows, labelled once
            axis.set_yticks(ys, [""] * len(ys))
            axis.set_ylim(axes[0].get_ylim())
    axes[0].set_ylabel(_group_name(by, schema or get_schema(names[0]), lang))

    handles = [Patch(color=_level_colour(lv, schema), label=_level_label(lv, schema, lang)) for lv in levels]
    columns = max(1, min(len(handles), int(fig.get_figwidth() / 2.2)))
    heading = title if title is not None else _bars_title(listed, lang, periods)
    if own:
        if handles:
            ordered = _row_major(handles, columns)
            fig.legend(handles=ordered, loc="outside lower center", ncols=columns, frameon=False, fontsize=9)
        fig.suptitle(heading, fontsize=12)
    else:
        if handles:
            axes[0].legend(handles=handles, fontsize=8, loc="lower right", framealpha=0.9)
        if title is not None:
            axes[0].set_title(f"{title}\n{axes[0].get_title()}", fontsize=11)
    _write_counts(fig, axes, counts, levels, [_level_colour(lv, schema) for lv in levels])
    return fig


def _reports(reports: Report | Iterable[Report]) -> list[Report]:
    return [reports] if isinstance(reports, Report) else list(reports)


def _row_label(
    key: tuple[str, str, str | None], by: str, lang: str, municipalities: bool, bodies: bool
) -> str:
    municipality, body, group = key
    if group is None:
        if by == "report":
            return f"{municipality} · {body}"
        return _word("no_responsible" if by == "responsible" else "no_group", lang)
    prefix = []
    if municipalities and by != "municipality":
        prefix.append(municipality)
    if bodies and by not in ("municipality", "body"):
        prefix.append(body)
    return ": ".join([" · ".join(prefix), group]) if prefix else group


def _group_name(by: str, schema: Schema, lang: str) -> str:
    if by == "branch":
        return schema.levels[0].name.get(lang)
    if by in ("responsible", "body", "municipality"):
        return schema.label(by, lang)
    if by == "report":
        return _word("report", lang)
    return schema.level(by).name.get(lang)


def _bars_title(reports: list[Report], lang: str, periods: list[Period]) -> str:
    """The title: "Toteutumaennusteet" over who reports (one city, one body) and the round (one)."""
    municipalities = list(dict.fromkeys(r.organisation.municipality for r in reports))
    bodies = list(dict.fromkeys(r.organisation.body for r in reports))
    who = [municipalities[0]] if len(municipalities) == 1 else []
    if who and len(bodies) == 1:
        who.append(bodies[0])
    if len(periods) == 1:
        who.append(periods[0].render(lang))
    return (
        f"{_word('forecasts', lang)}\n{_shorten(' · '.join(who), 100)}" if who else _word("forecasts", lang)
    )


def _write_counts(
    fig: Figure,
    axes: list[Axes],
    counts: list[list[dict[ForecastLevel | None, int]]],
    levels: list[ForecastLevel | None],
    colours: list[str],
) -> None:
    """Each segment's count in its middle, where the text fits the segment."""
    fig.draw_without_rendering()  # the layout, so the axes' widths in pixels are known
    points = fig.dpi / 72
    for axis, panel in zip(axes, counts, strict=True):
        low, high = axis.get_xlim()
        per_unit = axis.bbox.width / (high - low)
        ours = axis.containers[len(axis.containers) - len(levels) :]  # bars already there come first
        for container, level, colour in zip(ours, levels, colours, strict=True):
            ink = _ink(colour)
            for bar, cell in zip(container, panel, strict=True):
                n = cell.get(level, 0)
                width = bar.get_width()
                if n and width * per_unit >= (len(str(n)) * 9 * 0.62 + 5) * points:
                    y = bar.get_y() + bar.get_height() / 2
                    x = bar.get_x() + width / 2
                    axis.text(x, y, str(n), ha="center", va="center", fontsize=9, color=ink)


# -- transitions between two rounds -----------------------------------------------------------


def transition_chart(
    diff_or_series_or_pair: Diff | Series | tuple[Report, Report] | Sequence[Report],
    *,
    lang: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """How the goals' forecasts moved between two rounds: a matrix of counts, old level × new level.

    Rows are the old round's levels, columns the new round's, best first, for the levels
    that occur in either round (no forecast included). Each cell gives the number of
    matched goals that moved from its row's level to its column's (the counts of
    :meth:`Diff.transitions <strategiaseuranta.Diff.transitions>`; empty cells are blank)
    and is tinted by what the move means: green for better, red for worse, blue-grey for
    unchanged, grey where the levels cannot be compared (not assessable, no forecast); the
    stronger the tint, the more goals. Under the matrix a legend gives the totals per
    tint, titled with the goals added and removed between the rounds, if any.

    Given the two reports (or a series) rather than a diff, a goal counts at
    :func:`~strategiaseuranta.goal_level`: its own forecast, else its worst metric, so
    schemas with status per metric (Seinäjoki) get a matrix too; for other schemas this is
    exactly the diff's matrix. A :class:`~strategiaseuranta.Diff` carries only the goals'
    own forecasts.

    Args:
        diff_or_series_or_pair: A :class:`~strategiaseuranta.Diff`, two reports (old, new),
            or a :class:`~strategiaseuranta.Series` (its last two rounds).
        lang: ``"fi"``, ``"sv"`` or ``"en"``; default: the schema's language. Levels are
            named with the city's words in the schema's language, else canonically.
        ax: Draw into this axes and return its figure.
        title: The title; default: "Toteutumaennusteiden muutokset" and the two rounds.

    Returns:
        The figure.

    Raises:
        ValueError: Not two rounds, or an unknown ``lang``.
        TypeError: Neither a diff, a series nor two reports.
        MissingDependencyError: matplotlib is not installed.

    Example:
        >>> import strategiaseuranta as ss
        >>> from strategiaseuranta.figures import transition_chart
        >>> fig = transition_chart(ss.load_series("examples/joensuu"))
        >>> ax = fig.axes[0]
        >>> ax.get_ylabel(), ax.get_xlabel()
        ('tammi–heinäkuu 2025', 'tilinpäätös 2025')
        >>> sorted(t.get_text() for t in ax.texts)
        ['1', '1', '5']
        >>> [t.get_text() for t in fig.legends[0].get_texts()]
        ['parani 1', 'heikkeni 1', 'ennallaan 5']
    """
    change, pair = _as_diff(diff_or_series_or_pair)
    schema = get_schema(change.schema)
    lang = _language(lang, schema)
    _matplotlib()
    from matplotlib.patches import Patch, Rectangle  # noqa: PLC0415

    matrix = change.transitions() if pair is None else _level_matrix(change, *pair)
    order = [lv.value if lv is not None else "none" for lv in SCALE_ORDER]
    level_of = dict(zip(order, SCALE_ORDER, strict=True))
    shown = [
        name for name in order if sum(matrix[name].values()) or sum(matrix[other][name] for other in order)
    ] or order[:4]
    n = len(shown)
    own = ax is None
    if ax is None:
        fig = _new_figure(max(6.4, 2.9 + 1.05 * n), max(4.8, 2.8 + 0.85 * n))
        ax = fig.add_subplot()
    fig = _root(ax)

    largest = max((matrix[a][b] for a in shown for b in shown), default=0) or 1
    totals = {"improved": 0, "worsened": 0, "same": 0, "unknown": 0}
    for i, old in enumerate(shown):
        for j, new in enumerate(shown):
            count = matrix[old][new]
            kind = _kind(level_of[old], level_of[new])
            totals[kind] += count
            face = _blend(_TINTS[kind], 0.28 + 0.72 * count / largest if count else 0.07)
            cell = Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=face, edgecolor="white", linewidth=2)
            cell.set_gid(f"{old}->{new}")
            ax.add_patch(cell)
            if count:
                ink = _ink(_hex_of(face))
                ax.text(j, i, str(count), ha="center", va="center", fontsize=13, color=ink, weight="bold")
    names = [_wrap(_level_label(level_of[name], schema, lang), 14, 2) for name in shown]
    ax.set_xticks(range(n), names, fontsize=9)
    ax.set_yticks(range(n), names, fontsize=9)
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_aspect("equal")
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    old_round, new_round = change.old_period.render(lang), change.new_period.render(lang)
    ax.set_ylabel(old_round, fontsize=10)
    ax.set_xlabel(new_round, fontsize=10)
    heading = title if title is not None else f"{_word('transitions', lang)}\n{old_round} → {new_round}"
    ax.set_title(heading, fontsize=11)

    handles = [
        Patch(facecolor=_TINTS[kind], label=_word(kind, lang, count))
        for kind, count in totals.items()
        if count or kind != "unknown"
    ]
    churn = [_word(kind, lang, k) for kind in ("added", "removed") if (k := len(getattr(change, kind)))]
    options: dict[str, Any] = {"frameon": False, "fontsize": 9, "title_fontsize": 9}
    if churn:
        options["title"] = " · ".join(churn)
    if own:
        columns = len(handles) if len(handles) <= 3 or fig.get_figwidth() >= 7 else 2
        ordered = _row_major(handles, columns)
        fig.legend(handles=ordered, loc="outside lower center", ncols=columns, **options)
    else:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), **options)
    return fig


_TINTS = {"improved": _IMPROVED, "worsened": _WORSENED, "same": _SAME, "unknown": _UNKNOWN}


def _kind(old: ForecastLevel | None, new: ForecastLevel | None) -> str:
    direction = ForecastLevel.compare(old, new)
    return {1: "improved", -1: "worsened", 0: "same", None: "unknown"}[direction]


def _level_matrix(change: Diff, old: Report, new: Report) -> dict[str, dict[str, int]]:
    """The transition matrix of the matched goals at their :func:`goal_level`."""
    old_goals = {goal.id: goal for goal in old.goals}
    new_goals = {goal.id: goal for goal in new.goals}
    order = [lv.value if lv is not None else "none" for lv in SCALE_ORDER]
    matrix = {a: dict.fromkeys(order, 0) for a in order}
    for goal in change.goals:
        before = goal_level(old_goals[goal.match.old_id])
        after = goal_level(new_goals[goal.match.new_id])
        matrix[before.value if before else "none"][after.value if after else "none"] += 1
    return matrix


def _as_diff(value: object) -> tuple[Diff, tuple[Report, Report] | None]:
    if isinstance(value, Diff):
        return value, None
    if isinstance(value, Series):
        if len(value.reports) < 2:
            raise ValueError(f"a transition needs two rounds; the series has {len(value.reports)}")
        old, new = value.reports[-2], value.reports[-1]
        return diff(old, new), (old, new)
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != 2 or not all(isinstance(r, Report) for r in value):
            raise ValueError("give two reports: the old round and the new one")
        return diff(value[0], value[1]), (value[0], value[1])
    raise TypeError(f"expected a Diff, a Series or two reports, not {type(value).__name__}")


# -- measured values against targets ----------------------------------------------------------


def target_chart(
    report: Report,
    *,
    lang: str | None = None,
    ax: Axes | None = None,
    limit: int | None = None,
    title: str | None = None,
) -> Figure:
    """Each metric's measured value as a percentage of its target, one row per metric.

    A metric is drawn when its target and its value both state a number
    (:attr:`Metric.target_quantity <strategiaseuranta.Metric.target_quantity>`,
    :attr:`~strategiaseuranta.Metric.value_quantity`): the target's number, or the lower
    bound of a range (``70–100 %``), is 100 %, marked with a dashed line, and a grey stem
    runs from it to the value. The marker is in the schema's achieved colour when the
    value meets the target (:meth:`Quantity.satisfied_by
    <strategiaseuranta.Quantity.satisfied_by>`; an ``enintään`` target is met below
    100 %) and in its not-achieved colour when it misses; grey when the target is a bare
    number (no ``vähintään``, ``enintään``, range or direction) and the value differs from
    it, since whether more is better the text does not say. The value and target texts
    stand verbatim (shortened) at the right. Values beyond 300 % (or below −300 %) are
    drawn at the edge with an arrowhead and their percentage. Rows keep the document
    order; a faint band marks every other goal's metrics. A footnote counts the metrics
    left out: without numbers, in units that differ or with a target of 0, and beyond
    ``limit``.

    Args:
        report: The report.
        lang: ``"fi"``, ``"sv"`` or ``"en"``; default: the schema's language.
        ax: Draw into this axes and return its figure.
        limit: Draw at most this many metrics (the first in document order).
        title: The title; default: "Toteuma suhteessa tavoitteeseen" and the report.

    Returns:
        The figure.

    Raises:
        ValueError: An unknown ``lang``, or a negative ``limit``.
        MissingDependencyError: matplotlib is not installed.

    Example:
        >>> import strategiaseuranta as ss
        >>> from strategiaseuranta.figures import target_chart
        >>> fig = target_chart(ss.load("examples/joensuu/2025-12.yaml"), lang="en")
        >>> [text.get_text() for text in fig.axes[0].texts]
        ['No metric states both its target and its value as a number', '7 metrics without a numeric value']
    """
    schema = get_schema(report.schema)
    lang = _language(lang, schema)
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    points, no_numbers, incomparable = _target_points(report)
    hidden = max(0, len(points) - limit) if limit is not None else 0
    points = points[: len(points) - hidden]
    _matplotlib()
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415

    n = len(points)
    own = ax is None
    if ax is None:
        fig = _new_figure(10.5, 2.5 + 0.3 * max(n, 3))
        ax = fig.add_subplot()
    fig = _root(ax)
    colours = {
        True: _level_colour(ForecastLevel.ACHIEVED, schema),
        False: _level_colour(ForecastLevel.NOT_ACHIEVED, schema),
        None: _UNKNOWN,
    }
    ratios = [p.ratio for p in points]
    high = min(_RATIO_CAP, max([120.0, *ratios]) * 1.08)
    low = max(-_RATIO_CAP, min([0.0, *ratios]) * 1.08)
    ys = list(range(n))
    band = False
    for y, point in enumerate(points):
        band = band != (y > 0 and point.goal != points[y - 1].goal)
        if band:
            ax.axhspan(y - 0.5, y + 0.5, color="#f2f2f2", zorder=0, linewidth=0)
    shown = [min(max(r, low), high) for r in ratios]
    ax.hlines(ys, 100, shown, color="#bdbdbd", linewidth=1.2, zorder=1)
    groups = (
        ([i for i, r in enumerate(ratios) if low <= r <= high], "o", "values"),
        ([i for i, r in enumerate(ratios) if r > high], ">", "values-beyond"),
        ([i for i, r in enumerate(ratios) if r < low], "<", "values-below"),
    )
    for indices, marker, gid in groups:
        if indices:
            dots = ax.scatter(
                [shown[i] for i in indices],
                [ys[i] for i in indices],
                c=[colours[points[i].meets] for i in indices],
                marker=marker,
                s=44,
                zorder=3,
                edgecolors="white",
                linewidths=0.6,
                clip_on=False,
            )
            dots.set_gid(gid)
        if marker != "o":
            for i in indices:
                ax.annotate(
                    _percent(ratios[i], lang),
                    xy=(shown[i], ys[i]),
                    xytext=(-8 if marker == ">" else 8, 0),
                    textcoords="offset points",
                    ha="right" if marker == ">" else "left",
                    va="center",
                    fontsize=7,
                    color="#424242",
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                    zorder=4,
                )
    line = ax.axvline(100, color="#424242", linewidth=1, linestyle="--", zorder=2)
    line.set_gid("target")
    pad = 0.03 * (high - low)  # room for the arrowheads at the edges
    ax.set_xlim(low - (pad if low < 0 else 0), high + pad)
    ax.set_ylim(max(n, 1) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _percent(x, lang)))
    ax.set_yticks(ys, [_shorten(p.metric.label, 48) for p in points], fontsize=8)
    ax.tick_params(axis="y", length=0)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#e6e6e6", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel(_word("ratio", lang), fontsize=9)
    org = report.organisation
    who = _shorten(f"{org.municipality} · {org.body} · {report.period.render(lang)}", 100)
    heading = title if title is not None else f"{_word('targets', lang)}\n{who}"
    verdicts = [v for v in (True, False, None) if any(p.meets is v for p in points)]
    handles = [
        Line2D(
            [], [], marker="o", linestyle="", color=colours[v], markersize=7, label=_word(_VERDICT[v], lang)
        )
        for v in verdicts
    ]
    if n:
        right = ax.secondary_yaxis("right")
        right.set_yticks(ys, [_pair(p.metric, lang) for p in points], fontsize=8, color="#424242")
        right.tick_params(length=0)
        right.spines["right"].set_visible(False)
    else:
        ax.set_yticks([])
        ax.text(
            0.5, 0.5, _word("nothing", lang), transform=ax.transAxes, ha="center", va="center", fontsize=10
        )
    if own:
        fig.suptitle(heading, fontsize=12)
        if handles:  # just above the axes, under the title
            ax.legend(
                handles=handles,
                loc="lower center",
                bbox_to_anchor=(0.5, 1.0),
                ncols=len(handles),
                frameon=False,
                fontsize=9,
            )
    else:
        ax.set_title(heading, fontsize=11)
        if handles:
            ax.legend(handles=handles, fontsize=8, framealpha=0.9)
    notes = [
        _word(key, lang, count)
        for key, count in (("no_numbers", no_numbers), ("incomparable", incomparable), ("hidden", hidden))
        if count
    ]
    if notes:
        ax.annotate(
            " · ".join(notes),
            xy=(0, 0),
            xycoords="axes fraction",
            xytext=(0, -36),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=8,
            color="#424242",
        )
    return fig


_VERDICT = {True: "meets", False: "misses", None: "undirected"}


class _Point:
    __slots__ = ("goal", "meets", "metric", "ratio")

    def __init__(self, goal: int, metric: Metric, ratio: float, meets: bool | None) -> None:
        self.goal, self.metric, self.ratio, self.meets = goal, metric, ratio, meets


def _target_points(report: Report) -> tuple[list[_Point], int, int]:
    """The drawable metrics, and how many have no numbers or cannot be compared.

    A point's ``meets`` is ``None`` when the target is a bare number without a direction
    and the value differs from it: :meth:`~strategiaseuranta.Quantity.satisfied_by` then
    asks for equality, which is rarely what the city meant.
    """
    points, no_numbers, incomparable = [], 0, 0
    for g, goal in enumerate(report.goals):
        for metric in goal.metrics:
            target, value = metric.target_quantity, metric.value_quantity
            reference = _reference(target.comparator, target.value, target.low) if target else None
            if (
                target is None
                or value is None
                or reference is None
                or value.comparator is not Comparator.EQ
                or value.value is None
            ):
                no_numbers += 1
                continue
            meets = target.satisfied_by(value)
            if meets is None or reference <= 0:
                incomparable += 1
                continue
            if not meets and target.comparator is Comparator.EQ and target.direction is Direction.UNKNOWN:
                verdict: bool | None = None
            else:
                verdict = meets
            points.append(_Point(g, metric, float(value.value / reference * 100), verdict))
    return points, no_numbers, incomparable


def _reference(comparator: Comparator, value: Decimal | None, low: Decimal | None) -> Decimal | None:
    return low if comparator is Comparator.RANGE else value


def _pair(metric: Metric, lang: str) -> str:
    assert metric.value is not None
    assert metric.target is not None
    return f"{_shorten(metric.value, 16)} · {_word('target', lang)} {_shorten(metric.target, 26)}"
