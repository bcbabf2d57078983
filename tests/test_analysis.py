"""Goal sets for notebooks: data frames, summaries without pandas, and Jupyter's HTML views."""

from __future__ import annotations

import html
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strategiaseuranta as ss
from strategiaseuranta import frames
from strategiaseuranta.forecast import ForecastLevel
from strategiaseuranta.summary import goal_level
from strategiaseuranta.testing import reports

ROOT = Path(__file__).parents[1]
SERIES = ss.load_series(ROOT / "examples" / "joensuu")
JULY, ACCOUNTS = SERIES.reports
SCHEMAS = ("joensuu", "kunta", "kommun", "seinajoki")

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import make_report  # noqa: E402

sys.path.remove(str(ROOT / "benchmarks"))
SEINAJOKI = make_report(60, 3, schema="seinajoki")


# -- data frames -----------------------------------------------------------------------------


def test_goal_frame_of_a_series() -> None:
    frame = SERIES.to_dataframe()
    assert len(frame) == len(JULY.goals) + len(ACCOUNTS.goals)
    assert list(frame["period"].cat.categories) == ["tammi–heinäkuu 2025", "tilinpäätös 2025"]
    assert frame["period"].cat.ordered
    assert list(frame["level"].cat.categories) == list(frames.LEVEL_ORDER)
    assert frames.LEVEL_ORDER[0] == "not_assessable" and frames.LEVEL_ORDER[-1] == "achieved"
    rows = frame.to_dict("records")
    expected = [(r, trail, g) for r in SERIES.reports for trail, g in r.walk()]
    for row, (report, trail, goal) in zip(rows, expected, strict=True):
        assert row["goal_id"] == goal.id and row["title"] == goal.title
        assert row["painopiste"] == trail[0].title
        assert row["period"] == str(report.period)
        assert row["forecast_word"] == (goal.forecast.word if goal.forecast else None)
        assert row["level"] == goal.level.value
        assert row["responsible"] == list(goal.responsible)
        assert row["attributes"] == dict(goal.attributes)
    worse = frame.pivot(index="goal_id", columns="period", values="level")
    moved = worse[worse.iloc[:, 0] > worse.iloc[:, 1]].index.tolist()
    assert moved == [g.goal.id for g in ss.diff(JULY, ACCOUNTS).worsened]


def test_metric_frame_parses_numbers_and_targets() -> None:
    frame = ss.to_dataframe(SEINAJOKI, rows="metrics")
    metrics = [m for g in SEINAJOKI.goals for m in g.metrics]
    assert len(frame) == len(metrics)
    for row, metric in zip(frame.to_dict("records"), metrics, strict=True):
        assert row["metric_id"] == metric.id and row["target"] == metric.target
        target, value = metric.target_quantity, metric.value_quantity
        if target is not None and target.value is not None:
            assert row["target_number"] == pytest.approx(float(target.value))
        else:
            assert pd.isna(row["target_number"])
        meets = target.satisfied_by(value) if target is not None and value is not None else None
        assert pd.isna(row["meets_target"]) if meets is None else row["meets_target"] == meets
        status = metric.status.level.value if metric.status and metric.status.level else None
        assert pd.isna(row["status_level"]) if status is None else row["status_level"] == status
    assert frame["meets_target"].dtype == "boolean" and frame["target_number"].dtype == "Float64"
    assert frame["meets_target"].notna().any()


def test_status_per_metric_gives_the_goal_its_worst_metric() -> None:
    frame = SEINAJOKI.to_dataframe()
    assert frame["forecast_level"].isna().all()  # Seinäjoki words status per metric only
    for row, goal in zip(frame.to_dict("records"), SEINAJOKI.goals, strict=True):
        level = goal_level(goal)
        assert pd.isna(row["level"]) if level is None else row["level"] == level.value
    keys = [level.key for level in ss.get_schema("seinajoki").levels]
    assert [c for c in frame.columns if c in keys] == keys  # a column per level, top first


def test_several_cities_stack_into_one_table() -> None:
    kuusamo = ss.Organisation("Kuusamo", "Sivistyslautakunta")
    kunta = attrs.evolve(ACCOUNTS, organisation=kuusamo, schema="kunta")
    frame = ss.to_dataframe([JULY, kunta, SEINAJOKI])
    assert frame.groupby("municipality", sort=False).size().to_dict() == {
        "Joensuu": 7,
        "Kuusamo": 7,
        SEINAJOKI.organisation.municipality: len(SEINAJOKI.goals),
    }
    assert frame.loc[frame["municipality"] == "Seinäjoki", "painopiste"].isna().all()


@pytest.mark.parametrize("schema", SCHEMAS)
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_frames_have_a_row_per_goal_and_metric(schema: str, data: st.DataObject) -> None:
    report = data.draw(reports(schema))
    goals, metrics = report.to_dataframe(), report.metrics_dataframe()
    assert len(goals) == len(report.goals)
    assert len(metrics) == sum(len(g.metrics) for g in report.goals)
    assert goals["goal_id"].tolist() == [g.id for g in report.goals]
    counted = Counter(lv for lv in goals["level"].tolist() if isinstance(lv, str))
    assert counted == Counter(lv.value for g in report.goals if (lv := goal_level(g)) is not None)


def test_bad_rows_and_missing_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="rows must be"):
        ss.to_dataframe(JULY, rows="goal")  # type: ignore[arg-type]
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ss.MissingDependencyError, match=r"strategiaseuranta\[pandas\]"):
        JULY.to_dataframe()


def test_import_does_not_load_pandas() -> None:
    import subprocess

    code = "import strategiaseuranta, sys; print([m for m in ('pandas', 'matplotlib') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- summaries without pandas ------------------------------------------------------------------


def test_count_forecasts_by_branch_body_responsible_and_level() -> None:
    by_branch = ss.count_forecasts(ACCOUNTS)
    assert [s.group for s in by_branch] == [n.title for n in ACCOUNTS.nodes]
    assert sum(s.goals for s in by_branch) == len(ACCOUNTS.goals)
    first = by_branch[0]
    goals = [g for _, g in ACCOUNTS.nodes[0].walk()]
    assert first.counts == dict(Counter(goal_level(g) for g in goals))
    assert first.share_on_track == pytest.approx(sum(goal_level(g).positive for g in goals) / len(goals))
    (whole,) = ss.count_forecasts(ACCOUNTS, by="report")
    assert whole.counts == ss.summarise([ACCOUNTS])[0].counts and whole.group is None
    parties = ss.count_forecasts(ACCOUNTS, by="responsible")
    assert sum(s.goals for s in parties) == sum(max(1, len(g.responsible)) for g in ACCOUNTS.goals)
    assert ss.count_forecasts(ACCOUNTS, by="painopiste") == by_branch
    by_body = ss.count_forecasts(SERIES.reports, by="body")
    assert [(s.period, s.group, s.goals) for s in by_body] == [
        (str(r.period), r.organisation.body, len(r.goals)) for r in SERIES.reports
    ]
    deep = ss.count_forecasts(SEINAJOKI, by="tulosalue")
    assert sum(s.goals for s in deep) == sum(
        1 for trail, _ in SEINAJOKI.walk() if any(n.level == "tulosalue" for n in trail)
    )
    with pytest.raises(ValueError, match="not 'lautakunta'"):
        ss.count_forecasts(ACCOUNTS, by="lautakunta")


def test_municipality_totals_add_up_the_bodies() -> None:
    other = attrs.evolve(ACCOUNTS, organisation=ss.Organisation("Joensuu", "Tekninen lautakunta"))
    (total,) = ss.count_forecasts([ACCOUNTS, other], by="municipality")
    assert total.group == "Joensuu" and total.goals == 2 * len(ACCOUNTS.goals)


def test_at_risk_lists_the_worst_first_with_their_place() -> None:
    risky = ss.at_risk(SERIES.reports)
    assert [(r.period, r.goal.id) for r in risky] == [
        (str(ACCOUNTS.period), g.goal.id) for g in ss.diff(JULY, ACCOUNTS).worsened
    ]
    assert risky[0].path == ("Osallisuuden, menon ja meiningin Joensuu",)
    many = ss.at_risk(SEINAJOKI)
    levels = [r.level.rank for r in many]
    assert levels == sorted(levels) and many
    expected = {g.id for g in SEINAJOKI.goals if (lv := goal_level(g)) and lv.assessed and not lv.positive}
    assert {r.goal.id for r in many} == expected


def test_changes_since_the_previous_round() -> None:
    (change,) = SERIES.changes()
    summary = ss.diff(JULY, ACCOUNTS).summary()
    assert change == {"from": str(JULY.period), "to": str(ACCOUNTS.period), **summary}


# -- Jupyter display ---------------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Text:
    parser = _Text()
    parser.feed(markup)
    return parser


HOSTILE = '<script>alert("x")</script> & <b>lihava</b> "lainaus" Ääkköset'


def test_every_text_is_escaped_in_the_html_views() -> None:
    goal = JULY.goals[0]
    evil = JULY.replace_goal(goal.id, title=HOSTILE, responsible=(HOSTILE,))
    evil = evil.set_status(goal.id, realisation=HOSTILE, forecast="Ei toteudu")
    evil = attrs.evolve(evil, organisation=ss.Organisation(HOSTILE, HOSTILE))
    views = [evil._repr_html_(), evil.goal(goal.id)._repr_html_(), ss.diff(JULY, evil)._repr_html_()]
    for markup in views:
        parsed = _parse(markup)
        assert "script" not in parsed.tags and "b" not in parsed.tags
        assert HOSTILE in "".join(parsed.text)  # shown as text, every character kept
        assert "<script>" not in markup and html.escape(HOSTILE) in markup


def test_report_view_shows_badges_counts_and_cuts_long_reports() -> None:
    markup = ACCOUNTS._repr_html_()
    text = "".join(_parse(markup).text)
    assert "Joensuu · Hyvinvoinnin ja osallisuuden edistämisen lautakunta" in text
    assert "7 tavoitetta" in text and "Strateginen painopiste" in text
    schema = ss.get_schema("joensuu")
    partly = schema.colour(schema.forecast("Toteutuu osittain"))
    assert partly is not None and partly.lower() in markup.lower()
    assert markup.count("<tr>") == 1 + len(ACCOUNTS.goals)
    big = make_report(45, 2)
    big_markup = big._repr_html_()
    assert big_markup.count("<tr>") == 1 + 30
    assert f"ja {len(big.goals) - 30} muuta" in big_markup


def test_diff_view_lists_worsened_and_improved_goals() -> None:
    d = ss.diff(JULY, ACCOUNTS)
    text = "".join(_parse(d._repr_html_()).text)
    assert "tammi–heinäkuu 2025 → tilinpäätös 2025" in text
    assert "Heikentyneet" in text and d.worsened[0].goal.title in text
    assert "Parantuneet" in text and d.improved[0].goal.title in text


def test_plain_reprs_stay_short() -> None:
    big = make_report(500, 4, schema="seinajoki")
    for value in (big, big.goals[0], big.nodes[0], ss.diff(big, big), JULY):
        text = repr(value)
        assert len(text) < 200 and "\n" not in text
    assert re.fullmatch(r"<Report .* · .* · .*: 500 goals>", repr(big))
    assert repr(JULY.goals[0]).startswith("<Goal testaamme-uusia-digitaalisia-903aac 'Testaamme")
    assert ForecastLevel.ON_TRACK.value in frames.LEVEL_ORDER
