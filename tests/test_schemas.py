"""Schemas and plugins: built-ins, YAML schema files, rules, custom fields, discovery, comparison."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
from pathlib import Path

import attrs
import pytest

import strategiaseuranta as ss
from strategiaseuranta import registry
from strategiaseuranta.cli import main
from strategiaseuranta.validate import Context

EXAMPLE = Path(__file__).parents[1] / "examples" / "joensuu" / "2025-07.yaml"

SCHEMA_YAML = """\
name: testikylä
title: Testikylä
version: 2.1.0
language: fi
levels:
  - key: teema
    name: {fi: Teema, sv: Tema, en: Theme}
  - key: alue
    name: {fi: Alue, sv: Område, en: Area}
    text_key: kuvaus
    text_name: {fi: Kuvaus, sv: Beskrivning, en: Description}
scale:
  - {word: vihreä, level: on_track, colour: "#2e7d32"}
  - {word: keltainen, level: partly, colour: "#f9a825"}
  - {word: punainen, level: not_achieved, colour: "#c62828"}
labels:
  realisation: {fi: Tilanne, sv: Läge, en: Situation, variants: [Tilannekuvaus]}
fields:
  - {name: kustannus, type: number, label: {fi: Kustannus, sv: Kostnad, en: Cost}}
  - {name: tyyppi, type: choice, choices: [hanke, jatkuva], required: true}
rounds: [tammi–elokuu, tilinpäätös]
required: [title, forecast]
"""

DATA_YAML = """\
strategiaseuranta: 1
skeema: testikyla.yaml
kunta: Testikylä
toimielin: Kunnanhallitus
kausi: tammi–elokuu 2025
sisältö:
  - teema: Elinvoima
    sisältö:
      - alue: Yritykset
        kuvaus: Yritysten toimintaedellytykset.
        tavoitteet:
          - tavoite: Uusia yrityksiä perustetaan.
            toteuma: 12 uutta yritystä.
            ennuste: Keltainen
            lisätiedot:
              kustannus: 12000
              tyyppi: hanke
"""


@pytest.fixture
def city(tmp_path: Path) -> Path:
    (tmp_path / "testikyla.yaml").write_text(SCHEMA_YAML, encoding="utf-8")
    data = tmp_path / "2025-08.yaml"
    data.write_text(DATA_YAML, encoding="utf-8")
    return data


def test_builtin_schemas_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert {"joensuu", "kunta", "kommun", "seinajoki"} <= set(ss.available_schemas())
    assert main(["schemas"]) == 0
    out = capsys.readouterr().out
    assert "joensuu 1.0.0 (fi, built-in): Joensuun kaupunki" in out
    assert "    scale:  1 = achieved, 2 = partly, 3 = not_achieved" in out
    assert main(["schemas", "--format", "json", "--lang", "en"]) == 0
    records = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert records["seinajoki"]["levels"] == [
        {"key": "palvelukeskus", "name": "Service centre"},
        {"key": "tulosalue", "name": "Result area"},
        {"key": "valinta", "name": "Strategic choice"},
        {"key": "strateginen-tavoite", "name": "Strategic goal"},
    ]
    assert records["kommun"]["scale"][1] == {"word": "Förverkligas", "level": "on_track", "colour": "#66bb6a"}


@pytest.mark.parametrize(
    ("schema", "word", "level"),
    [
        ("kunta", "toteutuu osittain", ss.ForecastLevel.PARTLY),
        ("kunta", "Punainen", ss.ForecastLevel.NOT_ACHIEVED),
        ("kommun", "förverkligas delvis", ss.ForecastLevel.PARTLY),
        ("kommun", "Förverkligas inte", ss.ForecastLevel.NOT_ACHIEVED),
        ("seinajoki", "1", ss.ForecastLevel.ACHIEVED),
        ("seinajoki", "2", ss.ForecastLevel.PARTLY),
        ("seinajoki", "3", ss.ForecastLevel.NOT_ACHIEVED),
        ("joensuu", "Toteutunut", ss.ForecastLevel.ACHIEVED),
    ],
)
def test_builtin_scales(schema: str, word: str, level: ss.ForecastLevel) -> None:
    forecast = ss.get_schema(schema).forecast(word)
    assert forecast.word == word
    assert forecast.level is level


def test_label_variants_from_real_documents() -> None:
    joensuu = ss.get_schema("joensuu")
    assert "Toteutuma" in joensuu.labels["realisation"].spellings()
    assert "Toteutuma-ennuste" in joensuu.labels["forecast"].spellings()
    assert ss.get_schema("seinajoki").label("realisation") == "Tilannekuvaus ja riskiarvio"


def test_a_yaml_schema_file_named_by_a_report(city: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = ss.load(city)
    assert report.schema == "testikylä"
    assert ss.validate(report) == []
    schema = ss.get_schema("testikylä")
    assert schema.version == "2.1.0"
    assert [lv.key for lv in schema.levels] == ["teema", "alue"]
    assert report.goals[0].level is ss.ForecastLevel.PARTLY
    assert report.goals[0].attributes == {"kustannus": 12000, "tyyppi": "hanke"}
    assert main(["show", str(city), "--lang", "sv", "--width", "120"]) == 0
    out = capsys.readouterr().out
    assert "Tema: Elinvoima" in out
    assert "  Område: Yritykset" in out
    assert "Keltainen" in out  # the city's own word
    assert "Läge" in out  # its own label, in Swedish


def test_custom_fields_and_rounds_are_checked(city: Path) -> None:
    text = city.read_text(encoding="utf-8").replace("kustannus: 12000", "kustannus: paljon")
    text = text.replace("              tyyppi: hanke\n", "").replace(
        "kausi: tammi–elokuu 2025", "kausi: 1-5/2025"
    )
    city.write_text(text, encoding="utf-8")
    issues = ss.validate(ss.load(city))
    got = [(i.code, i.location.line) for i in issues]
    assert got == [("V211", 5), ("V210", 16), ("V210", 16)]
    assert "custom field 'kustannus' (number): 'paljon' is not a number" in issues[2].message
    assert "custom field 'tyyppi' is required" in issues[1].message


def test_named_rules_with_their_own_codes(city: Path) -> None:
    ss.register_code(
        ss.Code("TST101", "no-costs", ss.Severity.WARNING, "Goals must not cost money."), replace=True
    )

    def no_costs(ctx: Context):  # type: ignore[no-untyped-def]
        for place in ctx.goals:
            if place.goal.attributes.get("kustannus"):
                yield ctx.issue("TST101", "this goal costs money", place.pointer, place.trail, place.goal)

    ss.register_rule("ei-kustannuksia", no_costs, replace=True)
    report = ss.load(city)
    schema = attrs.evolve(ss.get_schema("testikylä"), rules=("ei-kustannuksia",))
    (issue,) = ss.validate(report, schema=schema)
    assert (issue.code, issue.severity, issue.location.line) == ("TST101", ss.Severity.WARNING, 12)
    with pytest.raises(ss.SchemaError, match=r"unknown rule .puuttuva.; available: .*ei-kustannuksia"):
        ss.validate(report, schema=attrs.evolve(schema, rules=("puuttuva",)))
    with pytest.raises(ValueError, match="is built in"):
        ss.register_code(ss.Code("V201", "x", ss.Severity.ERROR, "x."))


def test_messages_in_the_chosen_language() -> None:
    report = ss.load(EXAMPLE)
    broken = report.replace_goal(report.goals[0].id, responsible=())
    assert ss.validate(broken)[0].message == "no 'Vastuutaho' given"
    assert ss.validate(broken, lang="sv")[0].message == "no 'Ansvarig' given"
    assert ss.validate(broken, lang="en")[0].message == "no 'Responsible party' given"


def test_schema_file_taking_a_builtin_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.yaml"
    path.write_text(SCHEMA_YAML.replace("name: testikylä", "name: joensuu"), encoding="utf-8")
    with pytest.raises(ss.SchemaError, match="names 'joensuu', which is already taken"):
        ss.get_schema(str(path))


class _FakeEntryPoint:
    def __init__(self, name: str, value: str, obj: object = None, error: Exception | None = None) -> None:
        self.name, self.value, self._obj, self._error, self.dist = name, value, obj, error, None

    def load(self) -> object:
        if self._error:
            raise self._error
        return self._obj


def test_a_broken_plugin_warns_and_the_rest_works(monkeypatch: pytest.MonkeyPatch) -> None:
    good = attrs.evolve(ss.get_schema("kunta"), name="hyvä-plugin")
    points = {
        "strategiaseuranta.schemas": [
            _FakeEntryPoint(
                "rikki", "rikki_plugin:SCHEMA", error=ImportError("No module named 'rikki_plugin'")
            ),
            _FakeEntryPoint("hyvä", "hyva_plugin:SCHEMA", obj=good),
        ],
        "strategiaseuranta.rules": [_FakeEntryPoint("sääntö", "x:y", error=SyntaxError("bad"))],
    }
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: points.get(group, []))
    monkeypatch.setattr(registry, "_registered", {})
    monkeypatch.setattr(registry, "_plugins_loaded", False)
    monkeypatch.setattr(registry, "_rules", {})
    monkeypatch.setattr(registry, "_rule_plugins_loaded", False)
    with pytest.warns(RuntimeWarning, match=r"schema plugin 'rikki' \(rikki_plugin:SCHEMA\) failed to load"):
        names = ss.available_schemas()
    assert names["hyvä-plugin"] == "plugin hyva_plugin:SCHEMA"
    assert "joensuu" in names
    with pytest.warns(RuntimeWarning, match="rule plugin 'sääntö'"):
        assert "sääntö" not in ss.available_rules()


def test_cities_compare_on_the_canonical_scale(city: Path) -> None:
    joensuu = ss.load(EXAMPLE)
    seinajoki = ss.Report(
        ss.Organisation("Seinäjoki", "Kaupunginhallitus"),
        ss.Period(2024, annual=True),
        [
            ss.Node(
                "v",
                "valinta",
                "Osaamisen kärki",
                children=[
                    ss.Node(
                        "t",
                        "strateginen-tavoite",
                        "Koulutus",
                        goals=[
                            ss.Goal(
                                "g",
                                "Opistot toimivat",
                                ss.YearSpan(2024, 2024),
                                metrics=[
                                    ss.Metric(
                                        "a", "Kurssit", status=ss.get_schema("seinajoki").forecast("1")
                                    ),
                                    ss.Metric(
                                        "b", "Kävijät", status=ss.get_schema("seinajoki").forecast("3")
                                    ),
                                ],
                            )
                        ],
                    )
                ],
            )
        ],
        schema="seinajoki",
    )
    summaries = ss.summarise([joensuu, seinajoki, ss.load(city)])
    assert [(s.municipality, s.goals, s.on_track, s.share_on_track) for s in summaries] == [
        ("Joensuu", 7, 7, 1.0),
        ("Seinäjoki", 1, 0, 0.0),  # counted at its worst metric: 3 = not achieved
        ("Testikylä", 1, 0, 0.0),
    ]
    assert summaries[2].counts == {ss.ForecastLevel.PARTLY: 1}


def test_the_example_data_can_move_to_another_schema(tmp_path: Path) -> None:
    shutil.copyfile(EXAMPLE, tmp_path / "kunta.yaml")
    text = (tmp_path / "kunta.yaml").read_text(encoding="utf-8").replace("skeema: joensuu", "skeema: kunta")
    text = text.replace("tavoitelinjaus:", "kuvaus:")
    (tmp_path / "kunta.yaml").write_text(text, encoding="utf-8")
    report = ss.load(tmp_path / "kunta.yaml")
    assert ss.validate(report) == []
    assert report.nodes[0].text == ss.load(EXAMPLE).nodes[0].text


def test_the_cli_reports_a_broken_plugin_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import warnings

    points = {
        "strategiaseuranta.schemas": [_FakeEntryPoint("rikki", "rikki:S", error=ImportError("no rikki"))]
    }
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: points.get(group, []))
    monkeypatch.setattr(registry, "_registered", {})
    monkeypatch.setattr(registry, "_plugins_loaded", False)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main(["schemas"]) == 0
    out, err = capsys.readouterr()
    assert err == (
        "strategiaseuranta: warning: schema plugin 'rikki' (rikki:S) failed to load and is skipped: "
        "ImportError: no rikki\n"
    )
    assert out.startswith("joensuu 1.0.0 (fi, built-in)")


def test_formats_from_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from strategiaseuranta import io

    written: list[str] = []

    class Memo:
        name = "muistio"
        extensions = (".memo",)
        load = None

        @staticmethod
        def dump(report: ss.Report, path: str) -> None:
            written.append(path)
            Path(path).write_text(f"{report.organisation.body}: {len(report.goals)}\n", encoding="utf-8")

    points = {"strategiaseuranta.formats": [_FakeEntryPoint("muistio", "memo:Memo", obj=Memo)]}
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: points.get(group, []))
    monkeypatch.setattr(io, "_formats", {})
    monkeypatch.setattr(io, "_plugins_loaded", False)
    assert ss.available_formats()[".memo"] == "muistio (write; plugin memo:Memo)"
    out = tmp_path / "round.memo"
    assert main(["convert", str(EXAMPLE), str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "Hyvinvoinnin ja osallisuuden edistämisen lautakunta: 7\n"
    with pytest.raises(ss.LoadError) as info:
        ss.load(out)
    assert (
        info.value.issues[0].message == "format 'muistio' cannot read '.memo' files; it can read: "
        ".csv, .docx, .json, .pdf, .xlsx, .yaml, .yml"
    )
    ss.register_format(ss.Format("muistio2", (".memo",), dump=Memo.dump), replace=True)
    with pytest.raises(ss.FormatError, match="is taken by format"):
        ss.register_format(ss.Format("toinen", (".memo",), dump=Memo.dump))


def test_declared_text_and_choice_fields_keep_numbers_as_text(city: Path, tmp_path: Path) -> None:
    schema_file = tmp_path / "testikyla.yaml"
    own = SCHEMA_YAML.replace("name: testikylä", "name: testikylä-luvut")
    schema_file.write_text(own.replace("choices: [hanke, jatkuva]", "choices: [1, 2, 3]"), encoding="utf-8")
    city.write_text(city.read_text(encoding="utf-8").replace("tyyppi: hanke", "tyyppi: 2"), encoding="utf-8")
    report = ss.load(city)
    assert report.goals[0].attributes == {"kustannus": 12000, "tyyppi": "2"}
    assert ss.validate(report) == []
    # an edited schema file is read again, in the same process
    schema_file.write_text(own.replace("version: 2.1.0", "version: 2.2.0"), encoding="utf-8")
    assert ss.get_schema(str(schema_file)).version == "2.2.0"


def test_schema_language_must_be_known() -> None:
    with pytest.raises(ss.SchemaError, match="language 'de' is not one of fi, sv, en"):
        attrs.evolve(ss.get_schema("kunta"), language="de")


def test_show_counts_aliases_under_their_scale_word(capsys: pytest.CaptureFixture[str]) -> None:
    report = ss.load(EXAMPLE)
    report = report.set_status(report.goals[0].id, forecast="osittain").set_status(
        report.goals[1].id, forecast="Toteutuu osittain"
    )
    from strategiaseuranta.display import render_text

    assert "7 tavoitetta: Toteutuu 5, Toteutuu osittain 2" in render_text(report, width=120)
