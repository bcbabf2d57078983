"""Tests of the Vattenby example plugin: discovery, its data, its rule, and round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import strategiaseuranta_vattenby as vattenby
from hypothesis import given, settings

import strategiaseuranta as ss
from strategiaseuranta import cli
from strategiaseuranta.formats import json as jsonfmt
from strategiaseuranta.formats import yaml as yamlfmt
from strategiaseuranta.testing import reports

DATA = Path(__file__).resolve().parent.parent / "data"
CLEAN = DATA / "2025-08.yaml"
BROKEN = DATA / "broken.yaml"
PLUGIN = "plugin strategiaseuranta-vattenby"
PARTLY_GOAL = "Elevhälsans väntetider förkortas."


def _line_of(path: Path, text: str) -> int:
    """The 1-based line of the one line of a file that contains ``text``."""
    found = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    assert len(found) == 1, f"{text!r} is on lines {found} of {path.name}"
    return found[0]


# Discovery through the entry points


def test_schema_is_found_through_its_entry_point() -> None:
    assert ss.available_schemas()["vattenby"].startswith(PLUGIN)
    assert ss.get_schema("vattenby") is vattenby.SCHEMA


def test_rule_is_found_through_its_entry_point() -> None:
    assert ss.available_rules()["vattenby-atgard"].startswith(PLUGIN)
    assert ss.get_rule("vattenby-atgard") is vattenby.check_corrective_action


def test_issue_code_is_registered_on_import() -> None:
    code = ss.CODES["VBY101"]
    assert code == vattenby.MISSING_ACTION
    assert code.name == "missing-corrective-action"
    assert code.severity is ss.Severity.ERROR


# The schema


def test_schema_vocabulary() -> None:
    schema = vattenby.SCHEMA
    assert (schema.name, schema.language, schema.version) == ("vattenby", "sv", "1.0.0")
    assert [level.key for level in schema.levels] == ["tema", "delområde"]
    assert schema.level("tema").text_key == "inriktning"
    assert schema.level("delområde").name.get("fi") == "Osa-alue"
    assert [step.word for step in schema.scale] == [
        "Uppnått",
        "Förverkligas",
        "Förverkligas delvis",
        "Förverkligas inte",
        "Kan inte bedömas",
    ]
    assert [level.value for level in ss.ForecastLevel] == [step.level.value for step in schema.scale]
    assert all(step.colour for step in schema.scale)
    assert schema.rules == ("vattenby-atgard",)
    assert [str(p) for p in schema.round_periods(2025)] == [
        "tammi–huhtikuu 2025",
        "tammi–elokuu 2025",
        "tilinpäätös 2025",
    ]


@pytest.mark.parametrize(
    ("word", "level"),
    [
        ("grön", ss.ForecastLevel.ON_TRACK),
        ("Gul", ss.ForecastLevel.PARTLY),
        ("RÖD", ss.ForecastLevel.NOT_ACHIEVED),
        ("förverkligas  delvis", ss.ForecastLevel.PARTLY),
        ("Toteutuu", None),
    ],
)
def test_forecast_words_and_aliases(word: str, level: ss.ForecastLevel | None) -> None:
    assert vattenby.SCHEMA.forecast(word).level is level


def test_custom_fields() -> None:
    cost, action = vattenby.SCHEMA.field("kostnad"), vattenby.SCHEMA.field("åtgärd")
    assert cost is not None
    assert action is not None
    assert (cost.type, action.type) == ("number", "text")
    assert cost.label is not None
    assert cost.label.get("sv") == "Kostnad"
    assert cost.check("45 000 euro") == "'45 000 euro' is not a number"


def test_schema_survives_to_dict_and_back() -> None:
    assert ss.Schema.from_dict(vattenby.SCHEMA.to_dict()) == vattenby.SCHEMA


# The data file


def test_data_file_validates_clean() -> None:
    report = ss.load(CLEAN)
    assert ss.validate(report) == []
    assert report.schema == "vattenby"
    assert report.organisation.municipality == "Vattenby"
    assert str(report.period) == "tammi–elokuu 2025"
    assert [(node.level, [c.level for c in node.children]) for node in report.nodes] == [
        ("tema", ["delområde"]),
        ("tema", []),
    ]
    assert len(report.goals) == 5
    partly = [goal for goal in report.goals if goal.level is ss.ForecastLevel.PARTLY]
    assert [goal.title for goal in partly] == [PARTLY_GOAL]
    assert partly[0].attributes["åtgärd"]
    assert all(isinstance(goal.attributes.get("kostnad", 0), int | float) for goal in report.goals)


def test_data_file_comes_back_byte_for_byte(tmp_path: Path) -> None:
    copy = tmp_path / CLEAN.name
    copy.write_bytes(CLEAN.read_bytes())
    ss.dump(ss.load(copy), copy)
    assert copy.read_bytes() == CLEAN.read_bytes()


def test_cli_validate_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(CLEAN)]) == cli.EXIT_OK
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "5 goals, 0 errors, 0 warnings" in captured.err


def test_show_speaks_swedish(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["show", str(CLEAN), "--width", "120"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:3] == [
        "Uppföljning av strategin januari–augusti 2025",
        "Vattenby · Bildningsnämnden",
        (
            "Rapportperiod: januari–augusti 2025 · 5 mål: Uppnått 1, Förverkligas 2, "
            "Förverkligas delvis 1, Kan inte bedömas 1"
        ),
    ]
    # The level names and the level's prose label, in Swedish.
    assert "Tema: Ett livslångt lärande" in lines
    assert "Tema: En hållbar och öppen kommun" in lines
    assert "  Delområde: Småbarnspedagogik" in lines
    assert any(line.startswith("  Inriktning: Vi erbjuder") for line in lines)
    # Column headings in Swedish, forecasts in the city's words.
    assert all(word in out for word in ("Verksamhetsmål", "Ansvarig", "Utfall", "Prognos"))
    assert all(word in out for word in ("Uppnått", "Förverkligas", "Kan inte"))
    assert "Toteutuu" not in out
    assert "Teema" not in out


def test_show_in_english_names_levels_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["show", str(CLEAN), "--width", "120", "--lang", "en"]) == cli.EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert "Theme: Ett livslångt lärande" in lines
    assert "  Sub-area: Småbarnspedagogik" in lines
    assert any(line.startswith("  Direction: Vi erbjuder") for line in lines)


# The rule and the broken file


def test_broken_file_gives_vby101_and_v210_at_their_lines() -> None:
    issues = ss.validate(ss.load(BROKEN))
    forecast_line = _line_of(BROKEN, "ennuste: Förverkligas delvis")
    cost_line = _line_of(BROKEN, "kostnad: 45 000 euro")
    assert [(i.code, i.location.line) for i in issues] == [("VBY101", forecast_line), ("V210", cost_line)]
    vby101, v210 = issues
    assert vby101.is_error
    assert vby101.location.path == "sisältö[0].tavoitteet[1].ennuste"
    assert vby101.location.hierarchy == ("Ett livslångt lärande", PARTLY_GOAL)
    assert "'Förverkligas delvis'" in vby101.message
    assert "'åtgärd' under 'lisätiedot'" in vby101.message
    assert v210.location.path == "sisältö[0].tavoitteet[1].lisätiedot.kostnad"
    assert "'45 000 euro' is not a number" in v210.message


def test_cli_validate_broken(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(BROKEN)]) == cli.EXIT_INVALID
    out = capsys.readouterr().out.splitlines()
    line = _line_of(BROKEN, "ennuste: Förverkligas delvis")
    assert out[0].startswith(f"{BROKEN}:{line}:")
    assert " error VBY101 " in out[0]
    assert " error V210 " in out[1]


def test_rule_in_json_points_at_the_json_keys(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    ss.dump(ss.load(BROKEN), path)
    issues = ss.validate(ss.load(path))
    vby101 = next(i for i in issues if i.code == "VBY101")
    assert vby101.location.path == "nodes[0].goals[1].forecast"
    assert "'åtgärd' under 'attributes'" in vby101.message
    assert vby101.location.line is not None


@pytest.mark.parametrize(
    ("forecast", "action", "codes"),
    [
        ("Förverkligas inte", None, ["VBY101"]),
        ("Röd", None, ["VBY101"]),
        ("Gul", "   ", ["VBY101"]),
        ("Förverkligas delvis", "Extra resurser från och med hösten.", []),
        ("Förverkligas", None, []),
        ("Uppnått", None, []),
        ("Kan inte bedömas", None, []),
        ("Förverkligas inte", 42, ["V210"]),  # a wrong type is the library's V210, not VBY101 as well
        ("Okänt ord", None, ["V203"]),  # an unknown word has no level: V203 only
    ],
)
def test_which_forecasts_need_an_action(forecast: str, action: object, codes: list[str]) -> None:
    report = ss.load(CLEAN)
    # A goal whose target is not a number, so that "Uppnått" cannot contradict a measured value (V207).
    goal = next(g for g in report.goals if g.title.startswith("Elever och vårdnadshavare"))
    attributes = {"kostnad": 100, **({} if action is None else {"åtgärd": action})}
    report = report.replace_goal(goal.id, attributes=attributes).set_status(goal.id, forecast=forecast)
    assert [i.code for i in ss.validate(report)] == codes


def test_rule_runs_for_reports_built_in_memory() -> None:
    schema = vattenby.SCHEMA
    goal = ss.Goal(
        "g",
        "Skolskjutsarna planeras om.",
        ss.YearSpan.single(2025),
        "Kommunteknik",
        status=ss.Status("Arbetet har inte inletts.", schema.forecast("Förverkligas inte")),
    )
    report = ss.Report(
        ss.Organisation("Vattenby", "Bildningsnämnden"),
        ss.Period.parse("tammi–elokuu 2025"),
        [ss.Node("t", "tema", "Ett livslångt lärande", goals=[goal])],
        schema="vattenby",
    )
    [issue] = ss.validate(report)
    assert (issue.code, issue.location.file, issue.location.path) == (
        "VBY101",
        None,
        "sisältö[0].tavoitteet[0].ennuste",
    )


# Round trips of generated reports


@settings(deadline=None, database=None)
@given(reports("vattenby"))
def test_generated_reports_round_trip_through_yaml_and_json(report: ss.Report) -> None:
    assert yamlfmt.loads_report(yamlfmt.dumps_report(report)) == report
    assert jsonfmt.loads_report(jsonfmt.dumps_report(report)) == report


# The schemas command


def test_schemas_command_lists_the_plugin(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schemas"]) == cli.EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    mine = [line for line in lines if "vattenby" in line and PLUGIN in line]
    assert len(mine) == 1, lines
    assert mine[0].startswith("vattenby 1.0.0 (sv, plugin strategiaseuranta-vattenby")


def test_schemas_command_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["schemas", "--format", "json"]) == cli.EXIT_OK
    records = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    mine = records["vattenby"]
    assert mine["origin"].startswith(PLUGIN)
    assert [level["key"] for level in mine["levels"]] == ["tema", "delområde"]
    assert [level["name"] for level in mine["levels"]] == ["Tema", "Delområde"]
    assert mine["rules"] == ["vattenby-atgard"]
