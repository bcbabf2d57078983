"""YAML and JSON files: round trips, comment-keeping edits, atomic writes."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from ruamel.yaml import YAML

import strategiaseuranta as ss
from strategiaseuranta.formats import json as jsonfmt
from strategiaseuranta.formats import yaml as yamlfmt
from strategiaseuranta.testing import reports

EXAMPLE = Path(__file__).parents[1] / "examples" / "joensuu" / "2025-07.yaml"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "2025-07.yaml"
    shutil.copyfile(EXAMPLE, target)
    return target


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_fast_yaml_path_uses_the_c_parser() -> None:
    assert YAML(typ="safe").Parser.__name__ == "CParser"


@given(reports())
def test_yaml_round_trip(report: ss.Report) -> None:
    assert yamlfmt.loads_report(yamlfmt.dumps_report(report)) == report


@given(reports())
def test_json_round_trip(report: ss.Report) -> None:
    assert jsonfmt.loads_report(jsonfmt.dumps_report(report)) == report


@given(reports())
def test_yaml_to_json_to_model_is_equal(report: ss.Report) -> None:
    from_yaml = yamlfmt.loads_report(yamlfmt.dumps_report(report), "a.yaml")
    from_json = jsonfmt.loads_report(jsonfmt.dumps_report(from_yaml), "a.json")
    assert from_json == from_yaml == report
    assert from_json.source != from_yaml.source  # sources differ, equality ignores them


@given(reports())
def test_dumping_onto_its_own_text_changes_nothing(report: ss.Report) -> None:
    text = yamlfmt.dumps_report(report)
    assert yamlfmt.dumps_report(report, template=text) == text


def test_unedited_example_is_written_back_byte_for_byte(example: Path) -> None:
    before = example.read_bytes()
    ss.dump(ss.load(example), example)
    assert example.read_bytes() == before


def test_an_edit_through_the_api_changes_only_its_line(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    report = ss.load(example)
    gid = report.goals[1].id
    ss.dump(report.set_status(gid, forecast="Toteutuu osittain"), example)
    after = example.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-        ennuste: Toteutuu",
        "+        ennuste: Toteutuu osittain",
    ]
    assert ss.load(example).goal(gid).level is ss.ForecastLevel.PARTLY


def test_removing_and_adding_goals_keeps_comments(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    report = ss.load(example)
    first = report.nodes[0]
    new_goal = ss.Goal(
        "uusi-tavoite",
        "Uusi tavoite, jossa å, ä ja ö.",
        ss.YearSpan(2025, 2025),
        ("Konsernipalvelut",),
        status=ss.Status("Aloitettu.", ss.get_schema("joensuu").forecast("Ei arvioitavissa")),
    )
    edited = attrs.evolve(
        report, nodes=[attrs.evolve(first, goals=[*first.goals[:4], new_goal]), *report.nodes[1:]]
    )
    ss.dump(edited, example)
    after = example.read_text(encoding="utf-8")
    assert ss.load(example) == edited
    # The file's comments survive, and the unchanged second focus area is untouched.
    for line in before.splitlines():
        if line.lstrip().startswith("#") and "Solussa" not in line:  # that comment sat in the removed goal
            assert line in after.splitlines()
    assert before.split("  - painopiste: Kasvatuksen")[1] == after.split("  - painopiste: Kasvatuksen")[1]
    assert "id: uusi-tavoite" in after


def test_dump_to_a_new_file_and_back(tmp_path: Path) -> None:
    report = ss.load(EXAMPLE)
    for name in ("copy.yaml", "copy.yml", "copy.json"):
        ss.dump(report, tmp_path / name)
        assert ss.load(tmp_path / name) == report
    text = (tmp_path / "copy.json").read_text(encoding="utf-8")
    assert "Hyvinvoinnin ja osallisuuden edistämisen lautakunta" in text  # no \u escapes


def test_source_is_not_part_of_equality(tmp_path: Path) -> None:
    ss.dump(ss.load(EXAMPLE), tmp_path / "a.json")
    a, b = ss.load(EXAMPLE), ss.load(tmp_path / "a.json")
    assert a.source != b.source
    assert a == b
    assert hash(a.organisation) == hash(b.organisation)


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ss.FormatError, match=r"unknown file extension '\.txt'"):
        ss.dump(ss.load(EXAMPLE), tmp_path / "a.txt")
    with pytest.raises(ss.LoadError) as info:
        ss.load(tmp_path / "a.txt")
    assert info.value.issues[0].code == "L109"


class BoomError(RuntimeError):
    pass


def test_a_crash_mid_write_leaves_the_old_file(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = example.read_bytes()
    report = ss.load(example).set_status(ss.load(example).goals[0].id, forecast="Ei toteudu")

    def exploding(text: str) -> str:
        raise BoomError("disk full")

    from strategiaseuranta.formats import _files

    original = _files.atomic_write

    def half_then_crash(path, write, *, binary=False):  # type: ignore[no-untyped-def]
        def writer(handle):  # type: ignore[no-untyped-def]
            handle.write("strategiaseuranta: 1\nkunta: puoli")  # half of a file...
            exploding("...")  # ...then the process "dies"

        original(path, writer, binary=binary)

    monkeypatch.setattr(yamlfmt, "atomic_write", half_then_crash)
    with pytest.raises(BoomError):
        ss.dump(report, example)
    assert example.read_bytes() == before
    assert sorted(p.name for p in example.parent.iterdir()) == [example.name]


def test_write_into_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ss.WriteError, match="cannot write"):
        ss.dump(ss.load(EXAMPLE), tmp_path / "no" / "such" / "dir.json")


def test_hand_written_variants_read_as_the_same_report(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    variant = text.replace(
        "vastuutaho: Osallisuus- ja vetovoimapalvelut\n        mittarit:\n          - tavoitetaso: Uusia",
        "vastuutaho: [Osallisuus- ja vetovoimapalvelut]\n        vuodet: 2025\n"
        "        mittarit:\n          - tavoitetaso: Uusia",
        1,
    ).replace("kausi: tammi–heinäkuu 2025", "kausi: 1-7/2025")
    assert variant != text
    path = tmp_path / "variant.yaml"
    path.write_text(variant, encoding="utf-8")
    assert ss.load(path) == ss.load(EXAMPLE)
    # ...and writing the same report back keeps the hand-written forms.
    ss.dump(ss.load(path), path)
    assert path.read_text(encoding="utf-8") == variant


def test_scalars_keep_the_text_as_written(tmp_path: Path) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_text(
        "strategiaseuranta: 1\nkunta: K\ntoimielin: T\nkausi: TP 2025\nsisältö:\n"
        "  - painopiste: P\n    tavoitteet:\n      - tavoite: G\n        vastuutaho: V\n"
        "        mittarit:\n          - tavoitetaso: 3,50\n            toteuma-arvo: 010\n"
        "            lähtötaso: 1.20\n        ennuste: Toteutunut\n",
        encoding="utf-8",
    )
    metric = ss.load(path).goals[0].metrics[0]
    assert (metric.target, metric.value, metric.baseline) == ("3,50", "010", "1.20")


def test_windows_line_endings_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    raw = b"\xef\xbb\xbf" + EXAMPLE.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(raw)
    report = ss.load(path)
    assert report == ss.load(EXAMPLE)
    ss.dump(report, path)
    assert path.read_bytes() == raw
    gid = report.goals[0].id
    ss.dump(report.set_status(gid, forecast="Ei toteudu"), path)
    edited = path.read_bytes()
    assert edited.startswith(b"\xef\xbb\xbf")
    assert edited.count(b"\r\n") == raw.count(b"\r\n")
    assert b"ennuste: Ei toteudu\r\n" in edited


def test_a_new_key_goes_to_its_place_not_after_the_blank_line(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    report = ss.load(example)
    old_id = report.goals[3].id
    ss.dump(report.replace_goal(old_id, title="Uusi otsikko"), example)
    after = example.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-      - tavoite: Kaupungin tilojen käyttömahdollisuuksia järjestöjen käyttöön on pilotoitu.",
        f"+      - id: {old_id}",
        "+        tavoite: Uusi otsikko",
    ]
    assert ss.load(example).goal(old_id).title == "Uusi otsikko"


HAND_WRITTEN = """\
strategiaseuranta: 1
kunta: Joensuu<trailing spaces>
toimielin: "Lautakunta \\u00e4"
kausi: tammi-heinäkuu 2025
sisältö:
- painopiste: P
  tavoitteet: [{tavoite: G, vastuutaho: V, mittarit: [{tavoitetaso: x}], toteuma: ~, ennuste: Toteutuu}]
...
""".replace("<trailing spaces>", "   ")


def test_any_unedited_file_comes_back_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    report = ss.load(path)
    ss.dump(report, path)
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    # and the same report dumped onto that file from a copy loaded elsewhere
    copy = tmp_path / "copy.json"
    ss.dump(report, copy)
    ss.dump(ss.load(copy), path)
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN


def test_a_default_the_file_leaves_out_stays_out(tmp_path: Path) -> None:
    path = tmp_path / "noschema.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("skeema: joensuu\n", ""), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    report = ss.load(path)
    ss.dump(report.set_status(report.goals[0].id, forecast="Toteutunut"), path)
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        "-        ennuste: Toteutuu",
        "+        ennuste: Toteutunut",
    ]


def test_edits_at_the_end_of_a_goal_keep_the_blank_line(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    report = ss.load(example)
    gid = report.goals[0].id
    ss.dump(report.replace_goal(gid, attributes={"sivu": 42}), example)
    after = example.read_text(encoding="utf-8")
    assert changed_lines(before, after) == ["+        lisätiedot:", "+          sivu: 42"]
    assert ss.load(example).goal(gid).attributes == {"sivu": 42}
    ss.dump(ss.load(example).replace_goal(gid, status=None, attributes={}), example)
    assert changed_lines(before, example.read_text(encoding="utf-8")) == [
        "-        toteuma: Potentiaalisten digitaalisten osallistumisalustojen kartoitus käynnissä.",
        "-        ennuste: Toteutuu",
    ]


def test_changing_one_metric_leaves_the_others_as_written(example: Path) -> None:
    before = example.read_text(encoding="utf-8")
    report = ss.load(example)
    goal = report.goals[5]
    (metric,) = goal.metrics
    ss.dump(report.replace_goal(goal.id, metrics=[attrs.evolve(metric, value="12 pitäjää")]), example)
    assert changed_lines(before, example.read_text(encoding="utf-8")) == [
        "+            toteuma-arvo: 12 pitäjää"
    ]


def test_numbers_and_unplaced_levels_survive_json_to_yaml(tmp_path: Path) -> None:
    report = ss.load(EXAMPLE)
    gid = report.goals[0].id
    edited = report.replace_goal(
        gid,
        attributes={"sivu": 42, "osuus": 0.5, "teksti": "42", "kyllä": True, "tyhjä": None},
        status=ss.Status("x", ss.Forecast("Vihreä", ss.ForecastLevel.ACHIEVED)),
    )
    ss.dump(edited, tmp_path / "a.json")
    from_json = ss.load(tmp_path / "a.json")
    assert from_json == edited
    ss.dump(from_json, tmp_path / "a.yaml")
    from_yaml = ss.load(tmp_path / "a.yaml")
    assert from_yaml == edited
    assert from_yaml.goal(gid).attributes == {
        "sivu": 42,
        "osuus": 0.5,
        "teksti": "42",
        "kyllä": True,
        "tyhjä": None,
    }
    assert "ennuste:\n          sana: Vihreä\n          taso: achieved" in (tmp_path / "a.yaml").read_text(
        "utf-8"
    )


def test_dump_refuses_what_load_would_refuse(tmp_path: Path) -> None:
    report = ss.load(EXAMPLE)
    odd = attrs.evolve(report, nodes=[attrs.evolve(report.nodes[0], level="ohjelma"), report.nodes[1]])
    for name in ("odd.yaml", "odd.json"):
        with pytest.raises(ss.WriteError, match="cannot write level 'ohjelma'"):
            ss.dump(odd, tmp_path / name)
        assert not (tmp_path / name).exists()


def test_writes_go_through_symbolic_links(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    shutil.copyfile(EXAMPLE, real)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    report = ss.load(link)
    ss.dump(report.set_status(report.goals[0].id, forecast="Toteutunut"), link)
    assert link.is_symlink()
    assert ss.load(real).goals[0].forecast.word == "Toteutunut"


THREE_LEVELS = ss.Schema.from_dict(
    {
        "name": "kolmitasoinen",
        "title": "Test: three levels above the goals",
        "levels": [
            {
                "key": "valinta",
                "name": {"fi": "Strateginen valinta", "sv": "Strategiskt val", "en": "Strategic choice"},
            },
            {
                "key": "strateginen-tavoite",
                "name": {"fi": "Strateginen tavoite", "sv": "Strategiskt mål", "en": "Strategic goal"},
                "text_key": "kuvaus",
                "text_name": {"fi": "Kuvaus", "sv": "Beskrivning", "en": "Description"},
            },
            {"key": "tulosalue", "name": {"fi": "Tulosalue", "sv": "Resultatområde", "en": "Result area"}},
        ],
        "scale": [
            {"word": "1", "level": "achieved", "colour": "#2e7d32"},
            {"word": "2", "level": "partly", "colour": "#f9a825"},
            {"word": "3", "level": "not_achieved", "colour": "#c62828"},
        ],
        "status_per": "metric",
    }
)
ss.register_schema(THREE_LEVELS, replace=True)


@given(reports(THREE_LEVELS))
def test_round_trips_with_a_three_level_schema(report: ss.Report) -> None:
    assert yamlfmt.loads_report(yamlfmt.dumps_report(report)) == report
    assert jsonfmt.loads_report(jsonfmt.dumps_report(report)) == report
    text = yamlfmt.dumps_report(report)
    assert yamlfmt.dumps_report(report, template=text) == text


@pytest.mark.parametrize("number", [-4.126470781465952e16, 0.1, 1e16, 2.0, 1 / 3, -0.0, 5e-324])
def test_floats_in_custom_fields_are_exact(number: float) -> None:
    report = ss.load(EXAMPLE)
    edited = report.replace_goal(report.goals[0].id, attributes={"arvo": number})
    again = yamlfmt.loads_report(yamlfmt.dumps_report(edited))
    assert again.goals[0].attributes["arvo"] == number
    assert str(again.goals[0].attributes["arvo"]) == str(number)


def test_unchanged_floats_stay_exact_when_other_fields_change(tmp_path: Path) -> None:
    path = tmp_path / "floats.yaml"
    report = ss.load(EXAMPLE)
    gid = report.goals[0].id
    number = -1.0408235696798551e-17
    ss.dump(report.replace_goal(gid, attributes={"arvo": number}), path)
    ss.dump(ss.load(path).set_status(gid, forecast="Toteutunut"), path)  # the float itself is untouched
    assert ss.load(path).goal(gid).attributes["arvo"] == number


def _unreadable(kind: str) -> ss.Report:
    report = ss.load(EXAMPLE)
    if kind == "half a character":
        return report.set_status(report.goals[0].id, realisation="Kartoitus \ud83d käynnissä")
    node = ss.Node("syva", "painopiste", "Syvä")
    for _ in range(50):
        node = ss.Node("syva", "painopiste", "Syvä", children=[node])
    return attrs.evolve(report, nodes=[node])


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
@pytest.mark.parametrize("kind", ["half a character", "51 levels deep"])
def test_what_no_reader_takes_is_not_written(tmp_path: Path, suffix: str, kind: str) -> None:
    out = tmp_path / f"kierros{suffix}"
    out.write_text("vanha", encoding="utf-8")
    with pytest.raises(ss.WriteError, match="cannot write"):
        ss.dump(_unreadable(kind), out)
    assert out.read_text(encoding="utf-8") == "vanha"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_a_record_with_an_id_no_reader_takes_cannot_be_made() -> None:
    """So no writer can write one (the readers refuse such ids with L204)."""
    report = ss.load(EXAMPLE)
    goal = report.goals[0]
    with pytest.raises(ValueError, match="invalid id 'two words'"):
        report.replace_goal(goal.id, id="two words")
    with pytest.raises(ValueError, match="invalid id ''"):
        report.replace_goal(goal.id, metrics=[attrs.evolve(goal.metrics[0], id="")])
    with pytest.raises(ValueError, match="invalid id"):
        ss.Node("-x", "painopiste", "X")
    with pytest.raises(TypeError, match="an id must be text"):
        ss.Metric(5)  # type: ignore[arg-type]
