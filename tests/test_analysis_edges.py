"""Edge cases of the notebook analysis: frames, summaries, HTML views, reprs and figures.

Tests named ``test_bug_*`` expose bugs and fail until they are fixed; the others pin the
edge cases that are handled.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strategiaseuranta as ss
from strategiaseuranta.diff import diff
from strategiaseuranta.figures import forecast_bars, target_chart, transition_chart
from strategiaseuranta.forecast import Forecast
from strategiaseuranta.forecast import ForecastLevel as L
from strategiaseuranta.frames import LEVEL_ORDER, to_dataframe
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Status
from strategiaseuranta.periods import Period, YearSpan
from strategiaseuranta.rounds import Series
from strategiaseuranta.summary import at_risk, count_forecasts, goal_level
from strategiaseuranta.testing import reports

pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing:UserWarning")

ROOT = Path(__file__).parents[1]
JULY, ACCOUNTS = ss.load_series(ROOT / "examples" / "joensuu").reports
SEINAJOKI = ss.load(ROOT / "examples" / "seinajoki" / "tilinpaatos-2024.json")
JOENSUU = ss.get_schema("joensuu")
ORG = Organisation("Joensuu", "Lautakunta")
JULY_2025 = Period(2025, 1, 7)
ACCOUNTS_2025 = Period(2025, annual=True)
SCHEMAS = ("joensuu", "kunta", "kommun", "seinajoki")


def _goal(
    goal_id: str,
    word: str | None = None,
    *,
    title: str | None = None,
    responsible: tuple[str, ...] = (),
    metrics: tuple[Metric, ...] = (),
) -> Goal:
    status = Status(None, JOENSUU.forecast(word)) if word else None
    return Goal(goal_id, title or f"Tavoite {goal_id}", YearSpan(2025, 2025), responsible, metrics, status)


def _report(
    *goals: Goal, period: Period = JULY_2025, schema: str = "joensuu", org: Organisation = ORG
) -> Report:
    return Report(org, period, [Node("n", "painopiste", "Painopiste A", goals=goals)], schema=schema)


EMPTY = Report(ORG, JULY_2025)


def _png(fig: object) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")  # type: ignore[attr-defined]
    return buffer.getvalue()


def _bar_values(fig: object) -> list[list[float]]:
    axis = fig.axes[0]  # type: ignore[attr-defined]
    return [[float(v) for v in c.datavalues] for c in axis.containers]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.text)


# == bugs =======================================================================================


def test_fixed_report_repr_is_one_line_with_newlines_in_the_organisation() -> None:
    # a body name copied from a PDF keeps its line break; the plain repr must stay one line
    report = _report(_goal("g1", "Toteutuu"), org=Organisation("Joensuu", "Hyvinvointi-\nlautakunta"))
    text = repr(report)
    assert "\n" not in text, text


def test_fixed_report_repr_stays_short_with_a_long_body() -> None:
    # Goal and Node reprs cut titles to 50 characters; the report repr does not cut the body
    body = "Hyvinvoinnin, osallisuuden, kasvatuksen, koulutuksen ja kulttuurin lautakunta " * 4
    text = repr(_report(_goal("g1", "Toteutuu"), org=Organisation("Joensuu", body)))
    assert len(text) < 200, len(text)


def test_fixed_goal_repr_is_one_line_with_a_forecast_word_from_a_table_cell() -> None:
    # a word wrapped in its PDF/Excel cell is still placed on the scale (whitespace is
    # normalised), but the word is kept verbatim and printed raw into the plain repr
    forecast = JOENSUU.forecast("Toteutuu\nosittain")
    assert forecast.level is L.PARTLY
    goal = attrs.evolve(_goal("g1", title="Kirjasto avataan"), status=Status(None, forecast))
    text = repr(goal)
    assert "\n" not in text, text


def test_fixed_goal_repr_stays_short_with_a_long_forecast_word() -> None:
    # the title is cut to 50 characters, the forecast word not at all
    word = "Toteutuu osittain, koska rahoitus siirtyi seuraavalle vuodelle ja hanke alkaa syksyllä " * 2
    goal = attrs.evolve(_goal("g1", title="Kirjasto avataan"), status=Status(None, JOENSUU.forecast(word)))
    assert len(repr(goal)) < 150, len(repr(goal))


def test_fixed_count_forecasts_by_responsible_counts_a_goal_once_per_party() -> None:
    # a party listed twice (a YAML list [A, A], a pasted table) makes the goal count twice
    report = _report(_goal("g1", "Toteutuu", responsible=("Kirjasto", "Kirjasto")))
    (summary,) = count_forecasts(report, by="responsible")
    assert summary.group == "Kirjasto"
    assert summary.goals == 1, summary.counts  # the report has one goal


def test_fixed_forecast_bars_into_axes_that_already_hold_bars() -> None:
    from strategiaseuranta.figures import _figure_class

    fig = _figure_class()()
    ax = fig.add_subplot()
    ax.bar([0, 1], [3, 4])  # the user's own bars, e.g. a budget beside the forecasts
    forecast_bars(ACCOUNTS, ax=ax)  # ValueError: zip() argument 2 is shorter than argument 1


def test_fixed_forecast_bars_into_axes_drawn_twice() -> None:
    from strategiaseuranta.figures import _figure_class

    fig = _figure_class()()
    ax = fig.add_subplot()
    forecast_bars(JULY, ax=ax)
    forecast_bars(ACCOUNTS, ax=ax)  # redrawing a cell with the same axes


def test_fixed_forecast_bars_accepts_the_axes_array_of_subplots() -> None:
    # fig.subplots(1, 2) / plt.subplots(1, 2) give a numpy array, not a list
    from strategiaseuranta.figures import _figure_class

    fig = _figure_class()()
    axes = fig.subplots(1, 2)
    assert forecast_bars([JULY, ACCOUNTS], ax=axes) is fig


def test_fixed_count_forecasts_refuses_an_unknown_by_without_reports() -> None:
    # documented: "Raises ValueError: by is none of these"; a filtered-away list hides a typo
    with pytest.raises(ValueError, match="count by"):
        count_forecasts([], by="painopsite")


def test_fixed_frame_has_a_column_for_every_level_of_the_schema() -> None:
    # "one column per hierarchy level, named by the level's key"; a frame of a round whose
    # goals skip a level (or of an empty report) lacks that column, so
    # frame.groupby("valinta") works for one round and raises KeyError for the next
    node = SEINAJOKI.nodes[0]
    goals = [goal for _, goal in node.walk()][:3]
    flat = attrs.evolve(SEINAJOKI, nodes=[attrs.evolve(node, children=(), goals=goals)])
    columns = set(to_dataframe(flat).columns)
    missing = [lv.key for lv in ss.get_schema("seinajoki").levels if lv.key not in columns]
    assert not missing, missing
    assert "painopiste" in to_dataframe(EMPTY).columns


# == handled edge cases =========================================================================


def test_an_empty_report_everywhere() -> None:
    frame = to_dataframe(EMPTY)
    assert frame.empty and "level" in frame and "goal_id" in frame
    assert list(frame["level"].cat.categories) == list(LEVEL_ORDER)
    assert list(frame["period"].cat.categories) == ["tammi–heinäkuu 2025"]
    metrics = to_dataframe(EMPTY, rows="metrics")
    assert metrics.empty and str(metrics["meets_target"].dtype) == "boolean"
    assert count_forecasts(EMPTY) == [] and at_risk(EMPTY) == []
    assert repr(EMPTY) == "<Report Joensuu · Lautakunta · tammi–heinäkuu 2025: 0 goals>"
    text = _text(EMPTY._repr_html_())
    assert "0 tavoitetta" in text and "muuta" not in text
    for fig in (forecast_bars(EMPTY), target_chart(EMPTY), transition_chart((EMPTY, EMPTY))):
        assert _png(fig).startswith(b"\x89PNG")
    assert [t.get_text() for t in target_chart(EMPTY, lang="en").axes[0].texts] == [
        "No metric states both its target and its value as a number"
    ]


def test_no_reports_at_all() -> None:
    frame = to_dataframe([])
    assert frame.empty and "level" in frame and list(frame["period"].cat.categories) == []
    assert to_dataframe(iter([]), rows="metrics").empty
    assert count_forecasts([]) == [] and at_risk([]) == [] and ss.summarise([]) == []
    with pytest.raises(ValueError, match="no reports"):
        forecast_bars([])
    with pytest.raises(ValueError, match="rows"):
        to_dataframe([], rows="goal")  # type: ignore[arg-type]


def test_series_of_one_or_no_round() -> None:
    assert Series((JULY,)).changes() == [] and Series((JULY,)).diffs() == []
    assert Series(()).changes() == [] and Series(()).to_dataframe().empty
    assert len(Series((JULY,)).to_dataframe()) == len(JULY.goals)
    with pytest.raises(ValueError, match="two rounds"):
        transition_chart(Series((JULY,)))


def test_nodes_without_goals() -> None:
    report = Report(
        ORG,
        JULY_2025,
        [Node("a", "painopiste", "A"), Node("b", "painopiste", "B", children=[Node("c", "painopiste", "C")])],
    )
    assert to_dataframe(report).empty and count_forecasts(report) == []
    assert repr(report.nodes[1]) == "<Node painopiste 'B': 0 goals, 1 entry>"
    assert _bar_values(forecast_bars(report)) == []


def test_goals_without_forecast_or_metrics() -> None:
    report = _report(_goal("g1"), _goal("g2", "Toteutuu"))
    frame = to_dataframe(report)
    assert frame["level"].isna().tolist() == [True, False]
    assert frame["forecast_word"].isna().tolist() == [True, False]
    (summary,) = count_forecasts(report)
    assert summary.counts == {None: 1, L.ON_TRACK: 1} and summary.share_on_track == 1.0
    assert at_risk(report) == []
    assert repr(report.goals[0]) == "<Goal g1 'Tavoite g1' no forecast, 0 metrics>"
    assert "ei ennustetta" in _text(report.goals[0]._repr_html_())
    fig = forecast_bars(report, lang="en")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["On track", "No forecast"]


def test_unknown_words_have_no_level_but_keep_their_word() -> None:
    report = _report(_goal("g1", "Vihreä"), _goal("g2", "Toteutuu osittain"))
    frame = to_dataframe(report)
    assert frame["forecast_word"].tolist() == ["Vihreä", "Toteutuu osittain"]
    assert frame["level"].isna().tolist() == [True, False]
    (summary,) = count_forecasts(report)
    assert summary.counts == {None: 1, L.PARTLY: 1} and summary.share_on_track == 0.0
    assert [r.goal.id for r in at_risk(report)] == ["g2"]
    markup = report._repr_html_()
    assert "Vihreä" in _text(markup) and "border:1px solid #999" in markup  # an outlined badge


def test_a_goal_whose_responsible_is_empty_counts_under_none() -> None:
    report = _report(_goal("g1", "Toteutuu"), _goal("g2", "Toteutuu", responsible=("Kirjasto",)))
    groups = {s.group: s.goals for s in count_forecasts(report, by="responsible")}
    assert groups == {None: 1, "Kirjasto": 1}
    fig = forecast_bars(report, by="responsible", lang="en")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["(no responsible party)", "Kirjasto"]


@pytest.mark.parametrize("schema", SCHEMAS)
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_count_forecasts_by_every_grouping_adds_up(schema: str, data: st.DataObject) -> None:
    report = data.draw(reports(schema, top_down=True))
    goals = report.goals
    for by in ("report", "body", "municipality", "branch"):
        assert sum(s.goals for s in count_forecasts(report, by=by)) == len(goals)
    assert sum(s.goals for s in count_forecasts(report, by="responsible")) >= len(goals)
    for level in ss.get_schema(schema).levels:
        under = sum(1 for trail, _ in report.walk() if any(n.level == level.key for n in trail))
        assert sum(s.goals for s in count_forecasts(report, by=level.key)) == under
    with pytest.raises(ValueError, match="not 'nonsense'"):
        count_forecasts(report, by="nonsense")
    frame = to_dataframe(report)
    assert len(frame) == len(goals)
    counted = count_forecasts(report, by="report")
    levels = {lv: n for s in counted for lv, n in s.counts.items() if lv is not None}
    in_frame = frame["level"].value_counts().to_dict()
    assert all(in_frame.get(lv.value, 0) == n for lv, n in levels.items())


def test_count_forecasts_per_level_of_seinajoki() -> None:
    goals = len(SEINAJOKI.goals)
    frame = SEINAJOKI.to_dataframe()
    for key in ("palvelukeskus", "tulosalue", "valinta", "strateginen-tavoite"):
        counted = {s.group: s.goals for s in count_forecasts(SEINAJOKI, by=key)}
        assert counted == frame.groupby(key, sort=False).size().to_dict()
        assert sum(counted.values()) == goals - frame[key].isna().sum()
    with pytest.raises(ValueError, match="palvelukeskus"):
        count_forecasts(SEINAJOKI, by="painopiste")


def test_at_risk_ties_keep_the_order_of_reports_and_documents() -> None:
    first = _report(
        _goal("a", "Toteutuu osittain"),
        _goal("b", "Ei toteudu"),
        _goal("c", "Ei arvioitavissa"),
        _goal("d", "Toteutuu osittain"),
        _goal("e", "Toteutunut"),
    )
    second = _report(_goal("f", "Ei toteudu"), _goal("g", "Toteutuu osittain"), period=ACCOUNTS_2025)
    found = at_risk([first, second])
    assert [(r.goal.id, r.period) for r in found] == [
        ("b", "tammi–heinäkuu 2025"),
        ("f", "tilinpäätös 2025"),
        ("a", "tammi–heinäkuu 2025"),
        ("d", "tammi–heinäkuu 2025"),
        ("g", "tilinpäätös 2025"),
    ]
    assert found[0].path == ("Painopiste A",) and found[0].level is L.NOT_ACHIEVED


def test_duplicate_periods_stack_and_add_up() -> None:
    one = _report(_goal("g1", "Toteutuu"))
    again = _report(_goal("g2", "Ei toteudu"))
    frame = to_dataframe([one, again])
    assert list(frame["period"].cat.categories) == ["tammi–heinäkuu 2025"] and len(frame) == 2
    (summary,) = count_forecasts([one, again])
    assert summary.counts == {L.ON_TRACK: 1, L.NOT_ACHIEVED: 1}
    assert len(forecast_bars([one, again]).axes) == 1


def test_reports_of_two_cities_in_two_schemas_in_one_frame() -> None:
    frame = to_dataframe([ACCOUNTS, SEINAJOKI])
    assert len(frame) == len(ACCOUNTS.goals) + len(SEINAJOKI.goals)
    assert frame.groupby("municipality")["painopiste"].count().to_dict() == {
        "Joensuu": len(ACCOUNTS.goals),
        "Seinäjoki": 0,
    }
    assert list(frame["period"].cat.categories) == ["tilinpäätös 2024", "tilinpäätös 2025"]
    fig = forecast_bars([ACCOUNTS, SEINAJOKI], by="report")
    assert len(fig.axes) == 2  # one panel per round
    assert sum(
        sum(map(sum, [[float(v) for v in c.datavalues] for c in ax.containers])) for ax in fig.axes
    ) == (len(ACCOUNTS.goals) + len(SEINAJOKI.goals))


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_figures_in_every_language(lang: str) -> None:
    for fig in (
        forecast_bars([JULY, ACCOUNTS], lang=lang),
        transition_chart((JULY, ACCOUNTS), lang=lang),
        target_chart(SEINAJOKI, lang=lang, limit=10),
    ):
        assert _png(fig).startswith(b"\x89PNG")


@pytest.mark.parametrize("lang", ["xx", "FI", "", "se"])
def test_unknown_languages_are_refused_by_every_figure(lang: str) -> None:
    for draw in (
        lambda: forecast_bars(JULY, lang=lang),
        lambda: transition_chart((JULY, ACCOUNTS), lang=lang),
        lambda: target_chart(JULY, lang=lang),
    ):
        with pytest.raises(ValueError, match="unknown language"):
            draw()


ODD = "Tavoite $x$ ja 5 $ \\$ \"lainaus\" 'heittomerkki'\n<b>uusi</b> rivi & Åbo ^_{}%#"


def test_odd_texts_in_the_views_and_the_figures() -> None:
    goal = _goal(
        "g1",
        "Ei toteudu",
        title=ODD,
        responsible=(ODD,),
        metrics=(Metric("m", target=f"{ODD} 10 %", value="5 %"),),
    )
    report = Report(
        Organisation(ODD, ODD),
        JULY_2025,
        [Node("n", "painopiste", ODD, goals=[goal, _goal("g2", "Toteutuu")])],
    )
    for markup in (report._repr_html_(), goal._repr_html_()):
        parser = _Text()
        parser.feed(markup)
        assert "b" not in parser.tags and ODD in "".join(parser.text)
    goal_repr = repr(goal)
    assert "\n" not in goal_repr and len(goal_repr) < 120
    assert "\n" not in repr(report.nodes[0])
    later = attrs.evolve(report, period=ACCOUNTS_2025)
    later = later.set_status("g1", forecast="Toteutuu")
    text = _text(diff(report, later)._repr_html_())
    assert ODD in text and "Parantuneet" in text
    bars = forecast_bars(report, by="responsible")
    assert _png(bars).startswith(b"\x89PNG")
    labels = [t.get_text() for t in bars.axes[0].get_yticklabels()]
    assert labels[0].replace("\\$", "$").startswith("Tavoite $x$ ja 5 $")
    assert all(not t.get_text().startswith("$") for t in bars.axes[0].get_yticklabels())
    assert _png(transition_chart((report, later))).startswith(b"\x89PNG")
    assert _png(target_chart(report)).startswith(b"\x89PNG")


def test_very_long_titles_are_wrapped_in_figures_and_shortened_in_reprs() -> None:
    title = "Pitkä tavoite " * 60
    goal = _goal(
        "g1", "Toteutuu", title=title, metrics=(Metric("m", target="vähintään 10 kpl", value="12 kpl"),)
    )
    report = Report(ORG, JULY_2025, [Node("n", "painopiste", title, goals=[goal])])
    assert len(repr(goal)) < 100 and len(repr(report.nodes[0])) < 100
    fig = forecast_bars(report)
    (label,) = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert label.count("\n") == 2 and label.endswith("…")
    assert _png(fig).startswith(b"\x89PNG")
    assert title in _text(report._repr_html_())  # the table shows the title in full


def test_diff_view_when_nothing_changed() -> None:
    same = diff(ACCOUNTS, ACCOUNTS)
    assert not same
    text = _text(same._repr_html_())
    assert text == f"tilinpäätös 2025 → tilinpäätös 2025: 0 muuttunutta · {len(ACCOUNTS.goals)} ennallaan"
    assert repr(same) == (
        "<Diff tilinpäätös 2025 → tilinpäätös 2025: 0 changed, 0 added, 0 removed, 0 worsened, 0 improved>"
    )
    fig = transition_chart(same, lang="en")
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "0 improved",
        "0 worsened",
        f"{len(ACCOUNTS.goals)} unchanged",
    ]


def test_transition_chart_when_nothing_matches() -> None:
    old = _report(
        _goal("a", "Toteutuu", title="Kirjasto avataan"), _goal("b", "Ei toteudu", title="Uimahalli")
    )
    new = _report(_goal("x", "Toteutunut", title="Lentokenttä laajennetaan"), period=ACCOUNTS_2025)
    d = diff(old, new)
    assert (len(d.goals), len(d.added), len(d.removed)) == (0, 1, 2)
    for fig in (transition_chart((old, new), lang="en"), transition_chart(d, lang="en")):
        assert list(fig.axes[0].texts) == []  # no cell has a count
        assert fig.legends[0].get_title().get_text() == "1 goals added · 2 goals removed"
        assert _png(fig).startswith(b"\x89PNG")
    assert _text(d._repr_html_()).endswith("0 muuttunutta · 1 uutta · 2 poistunutta")


def test_target_chart_with_zero_negative_and_no_numeric_targets() -> None:
    metrics = (
        Metric("zero", target="0", value="5"),
        Metric("text", target="Suunnitelma tehty", value="Tehty"),
        Metric("neg", target="10", value="-5"),
        Metric("pos", target="vähintään 10 kpl", value="30 kpl"),
    )
    fig = target_chart(_report(_goal("g1", "Toteutuu", metrics=metrics)), lang="en")
    axis = fig.axes[0]
    assert [t.get_text() for t in axis.get_yticklabels()] == ["10", "vähintään 10 kpl"]
    notes = [t.get_text() for t in axis.texts]
    assert notes == ["1 metric without a numeric value · 1 metric in different units or with a target of 0"]
    assert axis.get_xlim()[0] < -50  # the negative value is on the axis
    assert _png(fig).startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="limit"):
        target_chart(JULY, limit=-1)


@pytest.mark.parametrize("schema", SCHEMAS)
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_goal_ids_node_and_diff_reprs_are_one_short_line(schema: str, data: st.DataObject) -> None:
    report = data.draw(reports(schema))
    for goal in report.goals:
        bare = attrs.evolve(goal, status=None)  # the forecast word: see test_bug_goal_repr_...
        assert "\n" not in repr(bare)  # length: \U escapes of unprintable characters are long
    for _, node in report.iter_nodes():
        assert "\n" not in repr(node)
    text = repr(diff(report, report))
    assert "\n" not in text and re.fullmatch(r"<Diff .* → .*: 0 changed, .*>", text)


@pytest.mark.parametrize("schema", SCHEMAS)
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_report_view_counts_match_the_summary(schema: str, data: st.DataObject) -> None:
    report = data.draw(reports(schema))
    markup = report._repr_html_()
    text = _text(markup)
    goals = len(report.goals)
    assert markup.count("<tr>") == 1 + min(goals, 30)
    assert (f"ja {goals - 30} muuta" in text or f"och {goals - 30} till" in text) == (goals > 30)
    (summary,) = ss.summarise([report])
    assert summary.goals == goals


def test_swedish_schema_view_is_in_swedish() -> None:
    kommun = ss.get_schema("kommun")
    goal = Goal(
        "g1", "Mål", YearSpan(2025, 2025), status=Status(None, kommun.forecast("Förverkligas delvis"))
    )
    report = Report(
        Organisation("Vattenby", "Nämnden"), JULY_2025, [Node("n", "fokusområde", "F", goals=[goal])]
    )
    report = attrs.evolve(report, schema="kommun")
    text = _text(report._repr_html_())
    assert "1 mål" in text and "Strategiskt fokusområde" in text and "Prognos" in text
    assert "Förverkligas delvis" in text
    fig = forecast_bars(report)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Förverkligas delvis"]


def test_goal_level_takes_the_worst_assessed_metric() -> None:
    metrics = (
        Metric("a", status=Forecast("4", L.NOT_ASSESSABLE)),
        Metric("b", status=Forecast("1", L.ACHIEVED)),
        Metric("c", status=Forecast("2", L.PARTLY)),
    )
    goal = Goal("g", "G", YearSpan(2024, 2024), metrics=metrics)
    assert goal_level(goal) is L.PARTLY
    only_grey = attrs.evolve(goal, id="h", metrics=metrics[:1])
    assert goal_level(only_grey) is L.NOT_ASSESSABLE
    report = attrs.evolve(_report(goal, only_grey), schema="seinajoki")
    assert [r.goal.id for r in at_risk(report)] == ["g"]
    assert to_dataframe(report)["level"].tolist() == ["partly", "not_assessable"]
    assert pd.isna(to_dataframe(report)["forecast_level"]).all()
