"""Figures (matplotlib): forecasts per focus area, transitions between rounds, values against targets.

Every assertion reads the figure's own artists (bars, cells, markers, texts) and compares them
with what the library computes without matplotlib (``count_forecasts``, ``Diff.transitions``,
``Quantity.satisfied_by``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from io import BytesIO
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

import strategiaseuranta as ss
from strategiaseuranta import figures
from strategiaseuranta.display import LEVEL_LABELS
from strategiaseuranta.forecast import ForecastLevel
from strategiaseuranta.quantities import Comparator, Direction
from strategiaseuranta.summary import goal_level
from strategiaseuranta.testing import reports

ROOT = Path(__file__).parents[1]
SERIES = ss.load_series(ROOT / "examples" / "joensuu")
JULY, ACCOUNTS = SERIES.reports

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import make_report, make_round_pair  # noqa: E402

sys.path.remove(str(ROOT / "benchmarks"))
SEINAJOKI = make_report(200, 1, schema="seinajoki")
SEINAJOKI_PAIR = make_round_pair(150, 4, schema="seinajoki", forecast_share=0.3, churn_share=0.05)

L = ForecastLevel
ORDER = (L.ACHIEVED, L.ON_TRACK, L.PARTLY, L.NOT_ACHIEVED, L.NOT_ASSESSABLE, None)
ENGLISH = re.compile(
    r"\b(goals?|forecasts?|achieved|on track|partly|target|share|improved|worsened|unchanged|metrics?|"
    r"value|focus|area|added|removed|annual|accounts|January|July|assessed)\b",
    re.IGNORECASE,
)
FINNISH = re.compile(
    r"\b(tavoite\w*|toteutu\w*|ennuste\w*|painopiste|parani|heikkeni|ennallaan|mittari\w*|lukuarvoa|"
    r"osuus|tilinpäätös|heinäkuu|tammi\w*|uusia|poistuneita)\b",
    re.IGNORECASE,
)


def _texts(fig: Figure, *, skip: tuple[Text, ...] = ()) -> list[str]:
    """Every visible, non-empty text of the figure after layout (tick labels formatted)."""
    fig.draw_without_rendering()
    found = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t not in skip]
    return [t.get_text() for t in found]


def _bars(ax) -> list[BarContainer]:
    return [c for c in ax.containers if isinstance(c, BarContainer)]


def _first_colour(schema: ss.Schema, level: ForecastLevel) -> str:
    return next(step.colour for step in schema.scale if step.level is level and step.colour)


def _png(fig: Figure) -> bytes:
    buffer = BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


# -- forecast_bars ----------------------------------------------------------------------------


def test_bars_of_joensuu_are_the_counts_in_the_schemas_words_and_colours() -> None:
    fig = figures.forecast_bars(ACCOUNTS)
    (ax,) = fig.axes
    summaries = ss.count_forecasts(ACCOUNTS)
    schema = ss.get_schema("joensuu")
    levels = [L.ACHIEVED, L.ON_TRACK, L.PARTLY]  # the levels that occur, in scale order
    containers = _bars(ax)
    assert [c.get_label() for c in containers] == ["Toteutunut", "Toteutuu", "Toteutuu osittain"]
    for container, level in zip(containers, levels, strict=True):
        assert [bar.get_width() for bar in container] == [s.counts.get(level, 0) for s in summaries]
        assert {to_hex(bar.get_facecolor()) for bar in container} == {_first_colour(schema, level)}
    # the segments stack: each starts where the one before it ends
    for row in range(len(summaries)):
        ends = [0.0] + [c[row].get_x() + c[row].get_width() for c in containers]
        assert [c[row].get_x() for c in containers] == ends[:-1]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "Toteutunut",
        "Toteutuu",
        "Toteutuu osittain",
    ]
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels == [s.group for s in summaries]
    assert labels == [
        "Osallisuuden, menon ja meiningin Joensuu",
        "Kasvatuksen, koulutuksen ja opiskelun Joensuu",
    ]
    assert ax.get_ylabel() == "Strateginen painopiste"
    assert ax.get_xlabel() == "Tavoitteita"
    assert ax.get_title() == ""  # one round: it is in the figure's title
    assert fig.get_suptitle() == (
        "Toteutumaennusteet\nJoensuu · Hyvinvoinnin ja osallisuuden edistämisen lautakunta · tilinpäätös 2025"
    )


def test_counts_are_written_in_the_segments_and_totals_at_the_ends() -> None:
    fig = figures.forecast_bars(ACCOUNTS)
    (ax,) = fig.axes
    inside = sorted((t.get_position(), t.get_text()) for t in ax.texts if t.get_ha() == "center")
    expected = sorted(
        ((bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2), str(int(bar.get_width())))
        for container in _bars(ax)
        for bar in container
        if bar.get_width()
    )
    assert inside == expected  # every segment is wide enough here: 1, 4, 1 and 1
    totals = [(t.get_position(), t.get_text().strip()) for t in ax.texts if t.get_ha() == "left"]
    assert totals == [((6, 0), "6"), ((1, 1), "1")]
    # the count's ink contrasts with the segment: white on dark green, black on light green
    dark = next(t for t in ax.texts if t.get_ha() == "center" and t.get_position() == (0.5, 0))
    assert to_hex(dark.get_color()) == "#ffffff"  # on Toteutunut's #2e7d32
    light = next(t for t in ax.texts if t.get_ha() == "center" and t.get_position() == (3.0, 0))
    assert to_hex(light.get_color()) == "#000000"  # on Toteutuu's #66bb6a


def test_counts_that_do_not_fit_are_left_out() -> None:
    fig = figures.forecast_bars(SEINAJOKI)  # service centres of 16 to 80 goals: some segments are slivers
    (ax,) = fig.axes
    fig.draw_without_rendering()
    written = {
        (round(t.get_position()[0], 6), t.get_position()[1]): t.get_text()
        for t in ax.texts
        if t.get_ha() == "center"
    }
    per_goal = ax.bbox.width / ax.get_xlim()[1]  # pixels
    narrow = wide = 0
    for container in _bars(ax):
        for bar in container:
            centre = (round(bar.get_x() + bar.get_width() / 2, 6), bar.get_y() + bar.get_height() / 2)
            if 0 < bar.get_width() * per_goal < 12:  # narrower than a digit and its margins
                narrow += 1
                assert centre not in written
            elif bar.get_width() * per_goal > 30:
                wide += 1
                assert written[centre] == str(int(bar.get_width()))
    assert narrow and wide


def test_bars_of_the_seinajoki_like_report_per_branch_and_per_level() -> None:
    schema = ss.get_schema("seinajoki")
    for by in ("branch", "tulosalue"):
        fig = figures.forecast_bars(SEINAJOKI, by=by)
        (ax,) = fig.axes
        summaries = ss.count_forecasts(SEINAJOKI, by=by)
        levels = [lv for lv in ORDER if any(s.counts.get(lv) for s in summaries)]
        containers = _bars(ax)
        assert len(containers) == len(levels)
        for container, level in zip(containers, levels, strict=True):
            assert [bar.get_width() for bar in container] == [s.counts.get(level, 0) for s in summaries]
            if level is not None:
                assert to_hex(container[0].get_facecolor()) == _first_colour(schema, level)
        # Seinäjoki's words are codes: the legend adds the level's name
        words = {lv: next(s.word for s in schema.scale if s.level is lv) for lv in levels if lv is not None}
        expected = [f"{words[lv]} – {LEVEL_LABELS[lv].fi}" if lv else "Ei ennustetta" for lv in levels]
        assert [c.get_label() for c in containers] == expected
        assert sorted(t.get_text() for t in fig.legends[0].get_texts()) == sorted(expected)
        assert ax.get_ylabel() == ("Palvelukeskus" if by == "branch" else "Tulosalue")
        if by == "branch":  # every goal sits under a service centre
            assert sum(bar.get_width() for c in containers for bar in c) == len(SEINAJOKI.goals)


def test_legend_reads_row_by_row() -> None:
    fig = figures.forecast_bars(SEINAJOKI, by="tulosalue")  # four levels in three columns
    legend = fig.legends[0]
    labels = [c.get_label() for c in _bars(fig.axes[0])]
    assert len(labels) == 4
    positions = {}
    fig.draw_without_rendering()
    for text in legend.get_texts():
        box = text.get_window_extent()
        positions[text.get_text()] = (-round(box.y0), box.x0)
    assert sorted(labels, key=positions.__getitem__) == labels  # top row left to right, then the next


@pytest.mark.parametrize(
    ("lang", "axis", "goals", "names"),
    [
        ("sv", "Strategiskt fokusområde", "Antal mål", ["Uppnått", "Förverkligas", "Förverkligas delvis"]),
        ("en", "Strategic focus area", "Goals", ["Achieved", "On track", "Partly"]),
    ],
)
def test_bars_in_swedish_and_english_use_canonical_names(
    lang: str, axis: str, goals: str, names: list[str]
) -> None:
    fig = figures.forecast_bars(ACCOUNTS, lang=lang)
    (ax,) = fig.axes
    assert [c.get_label() for c in _bars(ax)] == names
    assert names == [
        LEVEL_LABELS[lv].get(lang)[:1].upper() + LEVEL_LABELS[lv].get(lang)[1:] for lv in ORDER[:3]
    ]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == names
    assert ax.get_ylabel() == axis
    assert ax.get_xlabel() == goals
    assert fig.get_suptitle().endswith(f"lautakunta · {ACCOUNTS.period.render(lang)}")
    city = tuple(ax.get_yticklabels())  # the focus areas' titles stay as the city wrote them
    own = _texts(fig, skip=city)
    assert not [t for t in own if FINNISH.search(t)]


def test_finnish_figures_have_no_english_words() -> None:
    made = [
        figures.forecast_bars(SERIES),
        figures.forecast_bars(SERIES, share=True),
        figures.forecast_bars(SEINAJOKI),
        figures.transition_chart(SERIES),
        figures.transition_chart(SEINAJOKI_PAIR),
        figures.target_chart(SEINAJOKI, limit=40),
        figures.target_chart(ACCOUNTS),
    ]
    for fig in made:
        texts = _texts(fig)
        assert texts
        assert not [t for t in texts if ENGLISH.search(t)], texts


def test_english_figures_have_no_finnish_words_of_their_own() -> None:
    fig = figures.transition_chart(SERIES, lang="en")
    texts = _texts(fig)
    assert "Changes in the forecasts\nJanuary–July 2025 → annual accounts 2025" in texts
    assert not [t for t in texts if FINNISH.search(t)]
    fig = figures.target_chart(SEINAJOKI, lang="en", limit=20)
    main = fig.axes[0]
    right = main.child_axes[0]
    city = (*main.get_yticklabels(), *right.get_yticklabels())
    assert not [t for t in _texts(fig, skip=tuple(city)) if FINNISH.search(t)]
    assert all(" · target " in t.get_text() for t in right.get_yticklabels())


def test_a_series_gets_one_panel_per_round_on_a_shared_scale() -> None:
    fig = figures.forecast_bars(SERIES)
    assert [ax.get_title() for ax in fig.axes] == ["tammi–heinäkuu 2025", "tilinpäätös 2025"]
    assert fig.get_suptitle() == (
        "Toteutumaennusteet\nJoensuu · Hyvinvoinnin ja osallisuuden edistämisen lautakunta"
    )
    for ax, report in zip(fig.axes, SERIES.reports, strict=True):
        summaries = ss.count_forecasts(report)
        levels = [lv for lv in ORDER if any(s.counts.get(lv) for s in ss.count_forecasts(SERIES.reports))]
        for container, level in zip(_bars(ax), levels, strict=True):
            assert [bar.get_width() for bar in container] == [s.counts.get(level, 0) for s in summaries]
    assert fig.axes[0].get_xlim() == fig.axes[1].get_xlim()
    # reports given in any order: the rounds in time order
    again = figures.forecast_bars([ACCOUNTS, JULY])
    assert [ax.get_title() for ax in again.axes] == ["tammi–heinäkuu 2025", "tilinpäätös 2025"]


def test_shares_sum_to_one_per_bar() -> None:
    fig = figures.forecast_bars(SEINAJOKI, share=True)
    (ax,) = fig.axes
    summaries = ss.count_forecasts(SEINAJOKI)
    containers = _bars(ax)
    for row, summary in enumerate(summaries):
        widths = [c[row].get_width() for c in containers]
        assert sum(widths) == pytest.approx(1.0)
        levels = [lv for lv in ORDER if any(s.counts.get(lv) for s in summaries)]
        assert widths == pytest.approx([summary.counts.get(lv, 0) / summary.goals for lv in levels])
    fig.draw_without_rendering()
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "0\xa0%",
        "25\xa0%",
        "50\xa0%",
        "75\xa0%",
        "100\xa0%",
    ]
    assert ax.get_xlabel() == "Osuus tavoitteista"


def test_reports_of_several_bodies_and_cities_are_bars_of_one_panel() -> None:
    other = attrs.evolve(ACCOUNTS, organisation=ss.Organisation("Joensuu", "Kaupunginhallitus"))
    kommun = attrs.evolve(
        ACCOUNTS, organisation=ss.Organisation("Vattenby", "Kommunstyrelsen"), schema="kommun"
    )
    fig = figures.forecast_bars([ACCOUNTS, other], by="body")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Hyvinvoinnin ja osallisuuden\nedistämisen lautakunta",
        "Kaupunginhallitus",
    ]
    assert ax.get_ylabel() == "Toimielin"
    fig = figures.forecast_bars([ACCOUNTS, kommun], by="municipality")
    (ax,) = fig.axes
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Joensuu", "Vattenby"]
    assert fig.get_suptitle() == "Toteutumaennusteet\ntilinpäätös 2025"  # several cities: the round only
    # two schemas: canonical names, in Finnish by default
    assert [c.get_label() for c in _bars(ax)] == ["Toteutunut", "Toteutuu", "Toteutuu osittain"]
    assert [c[0].get_width() for c in _bars(ax)] == [1, 5, 1]
    fig = figures.forecast_bars([ACCOUNTS, kommun])
    labels = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert labels[0].startswith("Joensuu: Osallisuuden")
    assert labels[2].startswith("Vattenby: Osallisuuden")


def test_a_swedish_schema_draws_in_swedish_with_its_own_words() -> None:
    kommun = attrs.evolve(ACCOUNTS, schema="kommun")  # the forecasts keep their levels
    fig = figures.forecast_bars(kommun)
    (ax,) = fig.axes
    assert [c.get_label() for c in _bars(ax)] == ["Förverkligat", "Förverkligas", "Förverkligas delvis"]
    assert ax.get_ylabel() == "Strategiskt fokusområde"
    assert fig.get_suptitle().startswith("Prognoser\nJoensuu · ")
    assert fig.get_suptitle().endswith(" · bokslut 2025")
    fig = figures.forecast_bars(kommun, lang="fi")
    assert [c.get_label() for c in _bars(fig.axes[0])] == ["Toteutunut", "Toteutuu", "Toteutuu osittain"]


def test_a_schema_without_colours_gets_the_default_palette() -> None:
    base = ss.get_schema("kunta")
    plain = attrs.evolve(
        base, name="kuvat-ilman-värejä", scale=[attrs.evolve(s, colour=None) for s in base.scale]
    )
    ss.register_schema(plain, replace=True)
    report = attrs.evolve(ACCOUNTS, schema=plain.name)
    fig = figures.forecast_bars(report)
    colours = [to_hex(c[0].get_facecolor()) for c in _bars(fig.axes[0])]
    assert colours == [figures.DEFAULT_COLOURS[lv] for lv in (L.ACHIEVED, L.ON_TRACK, L.PARTLY)]
    # the defaults are the built-in schemas' colours
    joensuu = ss.get_schema("joensuu")
    assert [figures.DEFAULT_COLOURS[lv] for lv in ORDER[:5]] == [
        _first_colour(joensuu, lv) for lv in ORDER[:5]
    ]


def test_goals_without_a_forecast_are_a_grey_segment() -> None:
    goal = attrs.evolve(ACCOUNTS.goals[0], status=None)
    node = attrs.evolve(ACCOUNTS.nodes[0], goals=(goal, *ACCOUNTS.nodes[0].goals[1:]))
    report = attrs.evolve(ACCOUNTS, nodes=(node, *ACCOUNTS.nodes[1:]))
    fig = figures.forecast_bars(report)
    last = _bars(fig.axes[0])[-1]
    assert last.get_label() == "Ei ennustetta"
    assert [bar.get_width() for bar in last] == [1, 0]
    assert to_hex(last[0].get_facecolor()) == figures.DEFAULT_COLOURS[None]
    fig = figures.forecast_bars(report, lang="sv")
    assert _bars(fig.axes[0])[-1].get_label() == "Ingen prognos"


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(reports(max_nodes=4))
@pytest.mark.filterwarnings("ignore:Glyph .* missing:UserWarning")
def test_bars_of_any_report_are_its_counts(report: ss.Report) -> None:
    fig = figures.forecast_bars(report)
    summaries = ss.count_forecasts(report)
    levels = [lv for lv in ORDER if any(s.counts.get(lv) for s in summaries)]
    containers = _bars(fig.axes[0])
    assert [c.get_label() for c in containers] == [
        figures._level_label(lv, ss.get_schema("joensuu"), "fi") for lv in levels
    ]
    for container, level in zip(containers, levels, strict=True):
        assert [bar.get_width() for bar in container] == [s.counts.get(level, 0) for s in summaries]
    assert _png(fig).startswith(b"\x89PNG")


def test_texts_with_dollar_signs_are_shown_verbatim() -> None:
    node = attrs.evolve(ACCOUNTS.nodes[1], title="Budjetti $5 ja $10 välillä")
    report = attrs.evolve(ACCOUNTS, nodes=(ACCOUNTS.nodes[0], node))
    fig = figures.forecast_bars(report)
    label = fig.axes[0].get_yticklabels()[1]
    assert label.get_text() == r"Budjetti \$5 ja \$10 välillä"
    assert _png(fig).startswith(b"\x89PNG")  # drawn as text, not parsed as math


# -- transition_chart -------------------------------------------------------------------------


def _level(name: str) -> ForecastLevel | None:
    return None if name == "none" else L(name)


def _cells(ax) -> dict[str, int]:
    """Each cell's count as the figure shows it (blank: 0), by ``old->new``."""
    numbers = {tuple(t.get_position()): int(t.get_text()) for t in ax.texts}
    cells = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid()]
    return {p.get_gid(): numbers.get((p.get_x() + 0.5, p.get_y() + 0.5), 0) for p in cells}


def test_transition_cells_equal_the_diffs_matrix() -> None:
    change = ss.diff(JULY, ACCOUNTS)
    matrix = change.transitions()
    for given_ in (change, (JULY, ACCOUNTS), [JULY, ACCOUNTS], SERIES):
        fig = figures.transition_chart(given_)
        (ax,) = fig.axes
        cells = _cells(ax)
        assert cells == {
            f"{a}->{b}": matrix[a][b]
            for a in ("achieved", "on_track", "partly")
            for b in ("achieved", "on_track", "partly")
        }
        assert sum(cells.values()) == sum(n for row in matrix.values() for n in row.values())
        assert [t.get_text() for t in ax.get_yticklabels()] == [
            "Toteutunut",
            "Toteutuu",
            "Toteutuu\nosittain",
        ]
        assert [t.get_text() for t in ax.get_xticklabels()] == [
            "Toteutunut",
            "Toteutuu",
            "Toteutuu\nosittain",
        ]
        assert ax.get_ylabel() == str(change.old_period) == "tammi–heinäkuu 2025"
        assert ax.get_xlabel() == str(change.new_period) == "tilinpäätös 2025"
        assert ax.get_title() == "Toteutumaennusteiden muutokset\ntammi–heinäkuu 2025 → tilinpäätös 2025"
        summary = change.summary()
        assert [t.get_text() for t in fig.legends[0].get_texts()] == [
            f"parani {summary['improved']}",
            f"heikkeni {summary['worsened']}",
            "ennallaan 5",
        ]


def test_improvements_and_worsenings_are_tinted_apart() -> None:
    fig = figures.transition_chart(SERIES)
    (ax,) = fig.axes
    face = {p.get_gid(): to_rgba(p.get_facecolor()) for p in ax.patches if p.get_gid()}
    red, green, blue = (
        face["on_track->partly"][:3],
        face["on_track->achieved"][:3],
        face["on_track->on_track"][:3],
    )
    assert red[0] > red[1] and red[0] > red[2]  # worse: red
    assert green[1] > green[0] and green[1] > green[2]  # better: green
    assert blue[2] > blue[0]  # unchanged: blue-grey
    # empty cells are blank but keep a faint tint of their side of the diagonal
    empty = face["partly->achieved"][:3]
    assert min(empty) > 0.9 and empty[1] > empty[0]
    legend = {
        t.get_text(): to_hex(h.get_facecolor())
        for t, h in zip(fig.legends[0].get_texts(), fig.legends[0].legend_handles, strict=True)
    }
    assert legend == {"parani 1": "#2e7d32", "heikkeni 1": "#c62828", "ennallaan 5": "#546e7a"}


def test_transitions_in_swedish_and_english() -> None:
    fig = figures.transition_chart(SERIES, lang="sv")
    (ax,) = fig.axes
    assert ax.get_ylabel() == "januari–juli 2025"
    assert ax.get_xlabel() == "bokslut 2025"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Uppnått", "Förverkligas", "Förverkligas\ndelvis"]
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "förbättrades 1",
        "försämrades 1",
        "oförändrade 5",
    ]
    fig = figures.transition_chart(SERIES, lang="en")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["1 improved", "1 worsened", "5 unchanged"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Achieved", "On track", "Partly"]


def test_transitions_with_status_per_metric_count_each_goal_at_its_worst_metric() -> None:
    old, new = SEINAJOKI_PAIR
    change = ss.diff(old, new)
    assert change.transitions()["none"]["none"] < len(change.goals) // 10  # the diff follows the worst metric
    fig = figures.transition_chart((old, new))
    (ax,) = fig.axes
    cells = _cells(ax)
    # the columns are the new round's matched goals at goal_level, the rows the old round's
    added = {ref.id for ref in change.added}
    columns = Counter(goal_level(g) for g in new.goals if g.id not in added)
    removed = {ref.id for ref in change.removed}
    rows = Counter(goal_level(g) for g in old.goals if g.id not in removed)
    assert len(columns) >= 3  # several levels on both sides, not just "no forecast"
    for level, count in columns.items():
        assert sum(n for gid, n in cells.items() if _level(gid.split("->")[1]) is level) == count
    for level, count in rows.items():
        assert sum(n for gid, n in cells.items() if _level(gid.split("->")[0]) is level) == count
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    improved = sum(n for gid, n in cells.items() if ForecastLevel.compare(*map(_level, gid.split("->"))) == 1)
    assert f"parani {improved}" in legend
    title = fig.legends[0].get_title().get_text()
    assert title == f"uusia tavoitteita {len(change.added)} · poistuneita tavoitteita {len(change.removed)}"
    # the Diff alone gives the same matrix: it also counts each goal at its worst metric
    fig = figures.transition_chart(change)
    assert _cells(fig.axes[0]) == cells


def test_transition_chart_refuses_what_is_not_two_rounds() -> None:
    with pytest.raises(ValueError, match="two rounds; the series has 1"):
        figures.transition_chart(ss.Series((JULY,)))
    with pytest.raises(ValueError, match="two reports"):
        figures.transition_chart([JULY, ACCOUNTS, ACCOUNTS])
    with pytest.raises(TypeError, match="not str"):
        figures.transition_chart("examples/joensuu")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        figures.transition_chart(SERIES, lang="de")


# -- target_chart -----------------------------------------------------------------------------


def _expected_points(report: ss.Report) -> tuple[list[tuple[ss.Metric, float, bool | None]], int, int]:
    points, no_numbers, other = [], 0, 0
    for goal in report.goals:
        for metric in goal.metrics:
            target, value = metric.target_quantity, metric.value_quantity
            if (
                target is None
                or value is None
                or value.value is None
                or value.comparator is not Comparator.EQ
            ):
                no_numbers += 1
                continue
            reference = target.low if target.comparator is Comparator.RANGE else target.value
            if reference is None:
                no_numbers += 1
                continue
            meets = target.satisfied_by(value)
            if meets is None or reference <= 0:
                other += 1
                continue
            undirected = target.comparator is Comparator.EQ and target.direction is Direction.UNKNOWN
            points.append(
                (
                    metric,
                    float(value.value) / float(reference) * 100,
                    None if undirected and not meets else meets,
                )
            )
    return points, no_numbers, other


def _edge(expected: list[tuple[ss.Metric, float, bool | None]]) -> float:
    """Where the chart's axis ends: 8 % beyond the largest value, at least 120 %, at most 300 %."""
    return min(300.0, max([120.0, *(r for _, r, _ in expected)]) * 1.08)


def _markers(ax) -> dict[int, tuple[float, str, str]]:
    """Row → (x, colour, gid) of every marker."""
    out = {}
    for collection in ax.collections:
        if isinstance(collection, PathCollection):
            colours = collection.get_facecolors()
            for (x, y), colour in zip(collection.get_offsets(), colours, strict=True):
                out[int(y)] = (float(x), to_hex(colour), collection.get_gid())
    return out


def test_target_points_are_value_over_target_coloured_by_satisfied_by() -> None:
    fig = figures.target_chart(SEINAJOKI)
    ax = fig.axes[0]
    schema = ss.get_schema("seinajoki")
    expected, no_numbers, other = _expected_points(SEINAJOKI)
    markers = _markers(ax)
    assert len(markers) == len(expected) > 300
    colour = {
        True: _first_colour(schema, L.ACHIEVED),
        False: _first_colour(schema, L.NOT_ACHIEVED),
        None: "#9e9e9e",
    }
    high = _edge(expected)
    for row, (metric, ratio, meets) in enumerate(expected):
        x, shown, gid = markers[row]
        if gid == "values":
            assert x == pytest.approx(ratio)
        elif gid == "values-beyond":  # beyond the axis: at its edge, the percentage written beside it
            assert x < ratio and x == high
        else:
            assert gid == "values-below"
            assert ratio < x
        assert shown == colour[meets], metric
    assert {m for *_, m in expected} == {True, False, None}  # the data has all three
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [figures._shorten(m.label, 48) for m, _, _ in expected]
    pairs = [t.get_text() for t in ax.child_axes[0].get_yticklabels()]
    assert pairs[0] == f"{expected[0][0].value} · tavoite {expected[0][0].target}"
    line = next(line for line in ax.lines if line.get_gid() == "target")
    assert list(line.get_xdata()) == [100, 100]
    footnote = ax.texts[-1].get_text()
    assert footnote == " · ".join(
        part
        for part, n in (
            (f"{no_numbers} mittaria ilman lukuarvoa", no_numbers),
            (f"{other} mittaria eri yksiköin tai tavoitteena 0", other),
        )
        if n
    )
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["saavuttaa tavoitteen", "jää tavoitteesta", "eroaa tavoitteesta, suunta ei tiedossa"]


def test_targets_met_below_100_percent_are_green() -> None:
    fig = figures.target_chart(SEINAJOKI, limit=60)
    markers = _markers(fig.axes[0])
    expected, _, _ = _expected_points(SEINAJOKI)
    at_most = [
        row
        for row, (metric, ratio, meets) in enumerate(expected[:60])
        if metric.target_quantity.comparator is Comparator.LE and meets
    ]
    assert at_most
    for row in at_most:
        assert expected[row][1] <= 100
        assert markers[row][1] == "#2e7d32"


def test_limit_keeps_the_first_metrics_and_says_how_many_are_left_out() -> None:
    expected, no_numbers, _ = _expected_points(SEINAJOKI)
    fig = figures.target_chart(SEINAJOKI, limit=25, lang="sv")
    ax = fig.axes[0]
    assert len(_markers(ax)) == 25
    assert ax.texts[-1].get_text().endswith(f" · {len(expected) - 25} mätare utelämnade")
    assert ax.texts[-1].get_text().startswith(f"{no_numbers} mätare utan numeriskt värde")
    assert ax.get_xlabel() == "Utfall, % av målvärdet"
    assert (
        fig.get_suptitle() == "Utfall i förhållande till målet\nSeinäjoki · Kaupunginvaltuusto · bokslut 2024"
    )
    with pytest.raises(ValueError, match="limit must be 0 or more"):
        figures.target_chart(SEINAJOKI, limit=-1)


@pytest.mark.parametrize(
    ("lang", "nothing", "footnote"),
    [
        ("fi", "Ei mittareita, joiden tavoite ja toteuma ovat lukuja", "7 mittaria ilman lukuarvoa"),
        ("sv", "Inga mätare vars mål och utfall är tal", "7 mätare utan numeriskt värde"),
        (
            "en",
            "No metric states both its target and its value as a number",
            "7 metrics without a numeric value",
        ),
    ],
)
def test_joensuu_has_no_metric_with_numbers_on_both_sides(lang: str, nothing: str, footnote: str) -> None:
    assert sum(len(g.metrics) for g in ACCOUNTS.goals) == 7
    assert [m.value for g in ACCOUNTS.goals for m in g.metrics if m.value] == ["18 kohdetta"]
    fig = figures.target_chart(ACCOUNTS, lang=lang)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == [nothing, footnote]
    assert _markers(ax) == {}
    assert _png(fig).startswith(b"\x89PNG")


def test_one_metric_is_singular() -> None:
    goal = ACCOUNTS.goals[0]
    report = attrs.evolve(ACCOUNTS, nodes=(attrs.evolve(ACCOUNTS.nodes[0], goals=(goal,)),))
    fig = figures.target_chart(report)
    assert fig.axes[0].texts[-1].get_text() == "1 mittari ilman lukuarvoa"
    fig = figures.target_chart(report, lang="en")
    assert fig.axes[0].texts[-1].get_text() == "1 metric without a numeric value"


def test_values_far_beyond_the_target_are_drawn_at_the_edge() -> None:
    metrics = (
        ss.Metric("a", name="Kävijät", target="vähintään 100", value="1 500"),
        ss.Metric("b", name="Tapahtumat", target="vähintään 10", value="12"),
        ss.Metric("c", name="Velka", target="enintään 5 000 €", value="-20 000 €"),
    )
    goal = attrs.evolve(ACCOUNTS.goals[0], metrics=metrics)
    report = attrs.evolve(ACCOUNTS, nodes=(attrs.evolve(ACCOUNTS.nodes[0], goals=(goal,)),))
    fig = figures.target_chart(report)
    ax = fig.axes[0]
    markers = _markers(ax)
    assert markers[0][2] == "values-beyond" and markers[0][0] == 300
    assert markers[1] == (pytest.approx(120), "#2e7d32", "values")
    assert markers[2][2] == "values-below" and markers[2][0] == -300
    notes = {t.get_text() for t in ax.texts}
    assert {"1\xa0500\xa0%", "\u2212400\xa0%"} <= notes
    fig.draw_without_rendering()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert {"\u2212200\xa0%", "0\xa0%", "200\xa0%"} <= set(ticks)  # a minus sign, not a hyphen


# -- all three --------------------------------------------------------------------------------


def _all(lang: str | None = None) -> list[Figure]:
    return [
        figures.forecast_bars(SERIES, lang=lang),
        figures.transition_chart(SERIES, lang=lang),
        figures.target_chart(SEINAJOKI, lang=lang, limit=30),
    ]


def test_every_figure_saves_as_png_and_shows_in_jupyter() -> None:
    for fig in _all():
        png = _png(fig)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert fig._repr_png_().startswith(b"\x89PNG")
        assert isinstance(fig, Figure)
        assert repr(fig).startswith("<Figure size ")
        width, height = fig.get_size_inches()
        assert 5 <= width <= 14 and 2 <= height <= 16


def test_unknown_language_is_refused() -> None:
    for draw in (figures.forecast_bars, figures.transition_chart):
        with pytest.raises(ValueError, match="unknown language 'de'; use one of fi, sv, en"):
            draw(SERIES, lang="de")
    with pytest.raises(ValueError, match="unknown language 'FI'"):
        figures.target_chart(ACCOUNTS, lang="FI")


def test_drawing_into_given_axes_returns_their_figure() -> None:
    fig = Figure()
    left, right = fig.subplots(1, 2)
    assert figures.forecast_bars(SERIES, ax=[left, right]) is fig
    assert [ax.get_title() for ax in (left, right)] == ["tammi–heinäkuu 2025", "tilinpäätös 2025"]
    assert [bar.get_width() for bar in _bars(right)[0]] == [1, 0]
    assert [t.get_text() for t in left.get_legend().get_texts()] == [
        "Toteutunut",
        "Toteutuu",
        "Toteutuu osittain",
    ]
    with pytest.raises(ValueError, match="2 panel"):
        figures.forecast_bars(SERIES, ax=left)
    fig = Figure()
    ax = fig.add_subplot()
    assert figures.forecast_bars(ACCOUNTS, ax=ax, title="Oma otsikko") is fig
    assert ax.get_title() == "Oma otsikko\ntilinpäätös 2025"
    fig = Figure()
    ax = fig.add_subplot()
    assert figures.transition_chart(SERIES, ax=ax) is fig
    assert len(fig.axes) == 1 and _cells(ax)["on_track->on_track"] == 5
    fig = Figure()
    sub = fig.subfigures(1, 2)[1]
    ax = sub.add_subplot()
    assert figures.target_chart(SEINAJOKI, ax=ax, limit=5) is fig
    assert len(_markers(ax)) == 5
    assert _png(fig).startswith(b"\x89PNG")


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    for draw in (
        lambda: figures.forecast_bars(ACCOUNTS),
        lambda: figures.transition_chart(SERIES),
        lambda: figures.target_chart(ACCOUNTS),
    ):
        with pytest.raises(ss.MissingDependencyError) as caught:
            draw()
        assert caught.value.extra == "figures"
        assert "needs the optional dependency 'matplotlib'" in str(caught.value)
        assert "pip install 'strategiaseuranta[figures]'" in str(caught.value)
    with pytest.raises(ValueError, match="unknown language"):  # arguments are checked first
        figures.forecast_bars(ACCOUNTS, lang="de")


def test_importing_the_module_does_not_import_matplotlib() -> None:
    code = "import strategiaseuranta.figures, sys; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout == "False\n"


def test_the_font_has_every_character_the_figures_use() -> None:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    fig = figures.forecast_bars(SERIES)
    label = fig.axes[0].get_yticklabels()[0]
    font = FT2Font(font_manager.findfont(label.get_fontproperties(), fallback_to_default=False))
    used = (
        "åäöÅÄÖ–→·…\u2212\u00a0%"  # Finnish letters, dashes, the arrow between rounds, minus, no-break space
    )
    assert [c for c in used if not font.get_char_index(ord(c))] == []
    assert any("ä" in t for t in _texts(fig))  # and they are drawn: a missing glyph would warn
