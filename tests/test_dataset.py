"""The national dataset: goal and metric columns, Arrow tables, Parquet files, `export`."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

import strategiaseuranta as ss
from strategiaseuranta.cli import main
from strategiaseuranta.testing import reports

ROOT = Path(__file__).parents[1]
JOENSUU = ROOT / "examples" / "joensuu"
EXAMPLE = JOENSUU / "2025-07.yaml"

REPORT_KEYS = (
    "municipality",
    "body",
    "schema",
    "period",
    "period_year",
    "period_start_month",
    "period_end_month",
    "annual",
)
GOAL_COLUMNS = (
    *REPORT_KEYS,
    "goal_id",
    "title",
    "years_start",
    "years_end",
    "binding",
    "responsible",
    "node_id",
    "node_level",
    "node_title",
    "path",
    "path_levels",
    "forecast_word",
    "forecast_level",
    "realisation",
    "metrics",
    "attributes",
)
METRIC_COLUMNS = (
    *REPORT_KEYS,
    "goal_id",
    "metric_id",
    "name",
    "target",
    "baseline",
    "value",
    "status_word",
    "status_level",
)

# several reports of any built-in schema, hierarchy nested as the formats allow
many_reports = st.sampled_from(["joensuu", "kunta", "kommun", "seinajoki"]).flatmap(
    lambda schema: st.lists(reports(schema, max_nodes=2), max_size=3)
)


def rows_of(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    lengths = {len(values) for values in columns.values()}
    assert len(lengths) == 1, f"columns of different lengths: {lengths}"
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def report_keys(report: ss.Report) -> dict[str, Any]:
    return {
        "municipality": report.organisation.municipality,
        "body": report.organisation.body,
        "schema": report.schema,
        "period": str(report.period),
        "period_year": report.period.year,
        "period_start_month": report.period.start_month,
        "period_end_month": report.period.end_month,
        "annual": report.period.annual,
    }


def expected_goal_rows(report: ss.Report) -> Iterator[dict[str, Any]]:
    """The rows as the model gives them, through walk(): the reference for goal_columns."""
    for trail, goal in report.walk():
        forecast = goal.forecast
        yield {
            **report_keys(report),
            "goal_id": goal.id,
            "title": goal.title,
            "years_start": goal.years.start,
            "years_end": goal.years.end,
            "binding": goal.binding,
            "responsible": list(goal.responsible),
            "node_id": trail[-1].id,
            "node_level": trail[-1].level,
            "node_title": trail[-1].title,
            "path": [node.title for node in trail],
            "path_levels": [node.level for node in trail],
            "forecast_word": forecast.word if forecast else None,
            "forecast_level": forecast.level.value if forecast and forecast.level else None,
            "realisation": goal.realisation,
            "metrics": len(goal.metrics),
            "attributes": dict(goal.attributes) or None,  # compared parsed: see below
        }


def expected_metric_rows(report: ss.Report) -> Iterator[dict[str, Any]]:
    for goal in report.goals:
        for metric in goal.metrics:
            yield {
                **report_keys(report),
                "goal_id": goal.id,
                "metric_id": metric.id,
                "name": metric.name,
                "target": metric.target,
                "baseline": metric.baseline,
                "value": metric.value,
                "status_word": metric.status.word if metric.status else None,
                "status_level": metric.status.level.value if metric.status and metric.status.level else None,
            }


def parsed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Goal rows with the attributes column read back from JSON."""
    return [{**row, "attributes": row["attributes"] and json.loads(row["attributes"])} for row in rows]


# -- columns ----------------------------------------------------------------------------------


@given(many_reports)
def test_columns_are_the_model_one_row_per_goal_and_per_metric(drawn: list[ss.Report]) -> None:
    columns = ss.goal_columns(drawn)
    assert tuple(columns) == GOAL_COLUMNS
    rows = rows_of(columns)
    assert len(rows) == sum(len(report.goals) for report in drawn)
    assert parsed(rows) == [row for report in drawn for row in expected_goal_rows(report)]

    columns = ss.metric_columns(drawn)
    assert tuple(columns) == METRIC_COLUMNS
    rows = rows_of(columns)
    assert len(rows) == sum(len(goal.metrics) for report in drawn for goal in report.goals)
    assert rows == [row for report in drawn for row in expected_metric_rows(report)]


def test_columns_read_a_generator_once() -> None:
    series = ss.load_series(JOENSUU)
    columns = ss.goal_columns(report for report in series.reports)
    assert columns["period"] == ["tammi–heinäkuu 2025"] * 7 + ["tilinpäätös 2025"] * 7
    assert columns["annual"] == [False] * 7 + [True] * 7
    assert (columns["period_year"][0], columns["period_start_month"][0], columns["period_end_month"][0]) == (
        2025,
        1,
        7,
    )
    assert ss.goal_columns([]) == {name: [] for name in GOAL_COLUMNS}


def test_rows_rebuild_each_goal_of_the_example() -> None:
    report = ss.load(EXAMPLE)
    rows = rows_of(ss.goal_columns([report]))
    for row, (trail, goal) in zip(rows, report.walk(), strict=True):
        assert row["goal_id"] == goal.id
        assert row["title"] == goal.title
        assert row["path"] == [node.title for node in trail]
        assert goal.forecast is not None
        assert (row["forecast_word"], row["forecast_level"]) == (goal.forecast.word, "on_track")
        assert row["realisation"] == goal.realisation
        assert row["responsible"] == list(goal.responsible)


def test_custom_attributes_are_one_json_object_in_file_order() -> None:
    report = ss.load(EXAMPLE)
    goal = report.goals[0]
    changed = report.replace_goal(goal.id, attributes={"sivu": 82, "lisätieto": "Åbo–Turku", "sitova": True})
    column = ss.goal_columns([changed])["attributes"]
    assert column[0] == '{"sivu": 82, "lisätieto": "Åbo–Turku", "sitova": true}'
    assert column[1:] == [None] * 6


def test_a_goal_without_status_and_an_unknown_word() -> None:
    report = ss.load(EXAMPLE)
    first, second = (g.id for g in report.goals[:2])
    report = report.replace_goal(first, status=None)
    report = report.replace_goal(second, status=ss.Status("Kesken", ss.Forecast.unknown("Vihreä")))
    columns = ss.goal_columns([report])
    assert [columns[k][0] for k in ("forecast_word", "forecast_level", "realisation")] == [None, None, None]
    assert [columns[k][1] for k in ("forecast_word", "forecast_level", "realisation")] == [
        "Vihreä",
        None,
        "Kesken",
    ]


# -- Arrow and Parquet ------------------------------------------------------------------------


def test_arrow_schema_is_explicit() -> None:
    table = ss.to_arrow([ss.load(EXAMPLE)])
    types = {field.name: str(field.type) for field in table.schema}
    assert types["municipality"] == "string"
    assert types["period_year"] == types["years_start"] == types["period_end_month"] == "int16"
    assert types["metrics"] == "int32"
    assert types["annual"] == types["binding"] == "bool"
    assert types["responsible"] == types["path"] == types["path_levels"] == "list<item: string>"
    nullable = {field.name for field in table.schema if field.nullable}
    assert nullable == {"forecast_word", "forecast_level", "realisation", "attributes"}
    metadata = table.schema.metadata
    assert metadata[b"strategiaseuranta.rows"] == b"goals"
    assert metadata[b"strategiaseuranta.version"].decode() == ss.__version__
    metric_table = ss.to_arrow([ss.load(EXAMPLE)], rows="metrics")
    assert metric_table.column_names == list(METRIC_COLUMNS)
    assert metric_table.schema.metadata[b"strategiaseuranta.rows"] == b"metrics"


def test_empty_input_gives_an_empty_table_with_the_schema() -> None:
    table = ss.to_arrow([])
    assert table.num_rows == 0
    assert table.column_names == list(GOAL_COLUMNS)


@pytest.mark.parametrize("bad", ["goal", "Goals", ""])
def test_rows_must_be_goals_or_metrics(bad: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="rows must be 'goals' or 'metrics'"):
        ss.to_arrow([], rows=bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rows must be 'goals' or 'metrics'"):
        ss.write_parquet([], tmp_path / "x.parquet", rows=bad)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@given(many_reports, st.sampled_from(["goals", "metrics"]))
def test_parquet_round_trip_equals_the_columns(drawn: list[ss.Report], rows: str) -> None:
    columns = ss.goal_columns(drawn) if rows == "goals" else ss.metric_columns(drawn)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kansallinen.parquet"
        written = ss.write_parquet(drawn, path, rows=rows)  # type: ignore[arg-type]
        table = pq.read_table(path)
        assert [p.name for p in Path(folder).iterdir()] == ["kansallinen.parquet"]  # no temporary file
    assert written == table.num_rows == len(columns["goal_id"])
    assert table.to_pylist() == rows_of(columns)
    assert table.schema.equals(ss.to_arrow([], rows=rows).schema)  # type: ignore[arg-type]


def test_finnish_text_survives_parquet_and_duckdb(tmp_path: Path) -> None:
    report = ss.load(EXAMPLE)
    gid = report.goals[0].id
    report = attrs.evolve(report, organisation=ss.Organisation("Närpiö–Närpes", "Åbo Akademis styrelse"))
    report = report.replace_goal(gid, title="Kehitämme Ähtärin ÖLJY-…palveluja – “lainaus” ja 'toinen'")
    path = tmp_path / "suomi.parquet"
    ss.write_parquet([report], path)
    table = pq.read_table(path)
    assert table.column("municipality")[0].as_py() == "Närpiö–Närpes"
    assert table.column("body")[0].as_py() == "Åbo Akademis styrelse"
    assert table.column("title")[0].as_py() == "Kehitämme Ähtärin ÖLJY-…palveluja – “lainaus” ja 'toinen'"
    assert table.column("period")[0].as_py() == "tammi–heinäkuu 2025"
    query = f"SELECT goal_id, title FROM read_parquet('{path}') WHERE title LIKE '%kunta –malliin%'"
    found = duckdb.sql(query).fetchall()
    assert found == [("unicef-n-lapsiystavallinen-e74e3c", report.goals[-1].title)]
    counts = duckdb.sql(
        f"SELECT forecast_word, forecast_level, count(*) FROM read_parquet('{path}') GROUP BY ALL"
    ).fetchall()
    assert counts == [("Toteutuu", "on_track", 7)]


def test_a_lone_surrogate_is_refused_with_its_place(tmp_path: Path) -> None:
    report = ss.load(EXAMPLE)
    gid = report.goals[2].id
    report = report.replace_goal(gid, responsible=("Konsernipalvelut", "Sivistys\ud800palvelut"))
    with pytest.raises(
        ValueError, match=f"responsible of municipality 'Joensuu', .*goal_id '{gid}': .*lone surr"
    ):
        ss.to_arrow([report])
    with pytest.raises(ValueError, match="lone surrogate"):
        ss.write_parquet([report], tmp_path / "x.parquet")
    assert list(tmp_path.iterdir()) == []


# -- atomic writes ----------------------------------------------------------------------------


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = ss.load(EXAMPLE)

    def half_then_fail(table: pa.Table, where: Any, **_: Any) -> None:
        where.write(b"PAR1 half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", half_then_fail)
    target = tmp_path / "national.parquet"
    with pytest.raises(OSError, match="disk full"):
        ss.write_parquet([report], target)
    assert list(tmp_path.iterdir()) == []

    target.write_bytes(b"the old file")
    with pytest.raises(OSError, match="disk full"):
        ss.write_parquet([report], target)
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_bytes() == b"the old file"


def test_write_errors_are_write_errors(tmp_path: Path) -> None:
    report = ss.load(EXAMPLE)
    with pytest.raises(ss.WriteError, match="cannot write"):
        ss.write_parquet([report], tmp_path / "missing" / "national.parquet")
    with pytest.raises(ss.WriteError, match="is a directory"):
        ss.write_parquet([report], tmp_path)


def test_write_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "national.parquet"
    target.write_bytes(b"old")
    assert ss.write_parquet([ss.load(EXAMPLE)], target, rows="metrics") == 7
    assert pq.read_table(target).num_rows == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["national.parquet"]


# -- the optional extra -----------------------------------------------------------------------


def test_missing_pyarrow_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ss.MissingDependencyError) as caught:
        ss.to_arrow([ss.load(EXAMPLE)])
    assert caught.value.extra == "arrow"
    assert str(caught.value) == (
        "exporting to Arrow/Parquet needs the optional dependency 'pyarrow', which is not installed: "
        "pip install 'strategiaseuranta[arrow]'"
    )
    target = tmp_path / "national.parquet"
    with pytest.raises(ss.MissingDependencyError, match=r"strategiaseuranta\[arrow\]"):
        ss.write_parquet([ss.load(EXAMPLE)], target)
    assert not target.exists()
    assert len(ss.goal_columns([ss.load(EXAMPLE)])["goal_id"]) == 7  # pure Python still works


def test_missing_pyarrow_in_the_cli_fails_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    target = tmp_path / "national.parquet"
    status, out, err = run(capsys, "export", str(EXAMPLE), "missing.yaml", "-o", str(target))
    assert status == 2
    assert out == ""
    assert err == (
        "strategiaseuranta: exporting to Arrow/Parquet needs the optional dependency 'pyarrow', which is "
        "not installed: pip install 'strategiaseuranta[arrow]'\n"
    )
    assert not target.exists()


def test_importing_the_package_does_not_import_pyarrow() -> None:
    code = (
        "import strategiaseuranta, sys; print(sorted(m for m in ('pyarrow', 'duckdb') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


# -- the command line -------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def national_folder(root: Path) -> list[ss.Report]:
    """Two municipalities, two rounds each, in nested folders, plus things export must skip."""
    series = ss.load_series(JOENSUU).reports
    made = []
    for name in ("Kuusamäki", "Ähtäri"):
        for report in series:
            report = attrs.evolve(report, organisation=ss.Organisation(name, "Kaupunginhallitus"))  # noqa: PLW2901
            folder = root / name
            folder.mkdir(parents=True, exist_ok=True)
            ss.dump(
                report, folder / f"{report.period.end_month:02d}{'-tp' if report.period.annual else ''}.yaml"
            )
            made.append(report)
    (root / ".git").mkdir()
    (root / ".git" / "broken.yaml").write_text("not: [a report", encoding="utf-8")
    (root / "Kuusamäki" / "lähde.pdf").write_bytes(b"%PDF-1.7 not read from folders")
    (root / "Kuusamäki" / "muistio.txt").write_text("ei raportti", encoding="utf-8")
    return made


def test_export_folders_recursively(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    made = national_folder(tmp_path / "data")
    target = tmp_path / "national.parquet"
    status, out, err = run(capsys, "export", str(tmp_path / "data"), "-o", str(target))
    assert status == 0
    assert out == ""
    assert err == f"4 reports → {target}: 28 rows, one per goal\n"
    table = pq.read_table(target)
    expected = sorted(made, key=lambda r: (r.organisation.municipality, r.period))
    assert table.to_pylist() == rows_of(ss.goal_columns(expected))


def test_export_files_and_metric_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "metrics.parquet"
    files = [str(JOENSUU / "2025-12.yaml"), str(EXAMPLE), str(JOENSUU)]  # the folder repeats both: kept once
    status, _, err = run(capsys, "export", *files, "-o", str(target), "--rows", "metrics")
    assert status == 0
    assert err == f"2 reports → {target}: 14 rows, one per metric\n"
    reports_ = [ss.load(JOENSUU / "2025-12.yaml"), ss.load(EXAMPLE)]
    assert pq.read_table(target).to_pylist() == rows_of(ss.metric_columns(reports_))


def test_export_writes_nothing_when_a_file_has_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("kausi: tammi–heinäkuu 2025", "kausi: 13/2025")
    )
    target = tmp_path / "national.parquet"
    status, out, err = run(capsys, "export", str(EXAMPLE), str(bad), "-o", str(target))
    assert status == 1
    assert out.startswith(f"{bad}:") and " error " in out
    assert err == ""
    assert not target.exists()


def test_export_unusable_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "national.parquet"
    status, out, _ = run(capsys, "export", str(EXAMPLE), "missing.yaml", "-o", str(target))
    assert status == 2
    assert out == "missing.yaml: error L101 no such file\n"
    (tmp_path / "empty").mkdir()
    status, out, _ = run(capsys, "export", str(tmp_path / "empty"), "-o", str(target))
    assert status == 2
    assert out == f"{tmp_path / 'empty'}: error L101 no report files (.yaml, .yml, .json) found\n"
    status, out, err = run(capsys, "export", str(EXAMPLE), "-o", str(tmp_path / "national.csv"))
    assert status == 2
    assert (
        err == f"strategiaseuranta: {tmp_path / 'national.csv'}: export writes Parquet; name it *.parquet\n"
    )
    status, out, err = run(capsys, "export", str(EXAMPLE), "-o", str(tmp_path / "no" / "x.parquet"))
    assert status == 2
    assert (
        err
        == f"strategiaseuranta: {tmp_path / 'no' / 'x.parquet'}: cannot write: No such file or directory\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_export_needs_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", str(EXAMPLE)])
    assert caught.value.code == 2
    assert "the following arguments are required: -o/--output" in capsys.readouterr().err
