"""The command line: validate, show, convert; exit statuses; help and version."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import strategiaseuranta as ss
from strategiaseuranta.cli import main

EXAMPLE = Path(__file__).parents[1] / "examples" / "joensuu" / "2025-07.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_validate_clean(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "validate", str(EXAMPLE))
    assert status == 0
    assert out == ""
    assert err == f"✓ {EXAMPLE}: 7 goals, 0 errors, 0 warnings\n"


def test_validate_invalid_prints_file_line_col(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "round.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8").replace("ennuste: Toteutuu", "ennuste: Totetuu", 1))
    status, out, err = run(capsys, "validate", str(path))
    assert status == 1
    assert out.startswith(f"{path}:18:18: error V203 unknown forecast word 'Totetuu'")
    assert "[Osallisuuden, menon ja meiningin Joensuu › Testaamme uusia digitaalisia vaihtoehto…]" in out
    assert err == f"✗ {path}: 7 goals, 1 error, 0 warnings\n"


def test_validate_warnings_pass_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = ss.load(EXAMPLE)
    gid = report.goals[0].id
    path = tmp_path / "round.yaml"
    ss.dump(report.replace_goal(gid, metrics=[ss.Metric("m", target="70 % tai 80 kpl")]), path)
    status, out, err = run(capsys, "validate", str(path))
    assert status == 0
    assert " warning V206 " in out
    assert err == f"✓ {path}: 7 goals, 0 errors, 1 warning\n"
    status, _, err = run(capsys, "validate", "--strict", str(path))
    assert status == 1
    assert err == f"✗ {path}: 7 goals, 0 errors, 1 warning\n"
    status, out, _ = run(capsys, "validate", "--strict", "--format", "json", str(path))
    assert json.loads(out)[0]["valid"] is False


def test_validate_several_files_worst_status_wins(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate", str(EXAMPLE), "missing.yaml")
    assert status == 2
    assert out == "missing.yaml: error L101 no such file\n"


def test_validate_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "validate", "--format", "json", str(EXAMPLE), "missing.yaml")
    assert status == 2
    records = json.loads(out)
    assert records[0] == {"file": str(EXAMPLE), "goals": 7, "valid": True, "issues": []}
    assert records[1]["valid"] is False
    assert records[1]["issues"][0]["code"] == "L101"
    assert records[1]["issues"][0]["name"] == "file-not-found"


def test_show_text_in_three_languages(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", str(EXAMPLE), "--width", "120")
    assert status == 0
    assert "Strateginen painopiste: Osallisuuden, menon ja meiningin Joensuu" in out
    assert "Toteutumaennuste" in out
    assert out.count("Toteutuu") == 8  # seven goals and the summary line
    assert "7 tavoitetta: Toteutuu 7" in out
    _, en, _ = run(capsys, "show", str(EXAMPLE), "--lang", "en", "--width", "120")
    assert "Strategic focus area: Osallisuuden, menon ja meiningin Joensuu" in en
    assert "Forecast" in en
    assert en.count("Toteutuu") == 8  # the city's words are never translated
    assert "7 goals: Toteutuu 7" in en
    _, sv, _ = run(capsys, "show", str(EXAMPLE), "--lang", "sv", "--width", "120")
    assert "Strategiskt fokusområde: Osallisuuden" in sv
    assert "Rapportperiod: januari–juli 2025" in sv
    assert "Målsättning: Edistämme" in sv


def test_show_json_is_the_documented_format(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", str(EXAMPLE), "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["format_version"] == 2
    assert data["organisation"] == {
        "municipality": "Joensuu",
        "body": "Hyvinvoinnin ja osallisuuden edistämisen lautakunta",
    }
    status_ = data["nodes"][0]["goals"][0]["status"]
    assert status_["forecast"] == {"word": "Toteutuu", "level": "on_track"}
    assert list(data["nodes"][0]) == ["id", "level", "title", "text", "goals", "children"]


def test_show_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("kunta: [\n")
    status, out, _ = run(capsys, "show", str(path))
    assert status == 2
    assert out.startswith(f"{path}:2:1: error L104")


def test_convert_between_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    json_path, yaml_path = tmp_path / "round.json", tmp_path / "round.yaml"
    assert run(capsys, "convert", str(EXAMPLE), str(json_path))[0] == 0
    assert run(capsys, "convert", str(json_path), str(yaml_path))[0] == 0
    assert ss.load(yaml_path) == ss.load(EXAMPLE)
    status, _, err = run(capsys, "convert", str(EXAMPLE), str(tmp_path / "round.txt"))
    assert status == 2
    assert "unknown file extension '.txt'" in err


def test_convert_refuses_to_overwrite_its_input_in_another_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.json"
    ss.dump(ss.load(EXAMPLE), path)
    before = path.read_bytes()
    assert run(capsys, "convert", str(path), str(path))[0] == 2
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", ["validate", "show", "convert"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert f"usage: strategiaseuranta {command}" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"strategiaseuranta {ss.__version__}"


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_python_dash_m_and_console_script() -> None:
    for argv in (
        [sys.executable, "-m", "strategiaseuranta", "validate", str(EXAMPLE)],
        [str(Path(sys.executable).with_name("strategiaseuranta")), "validate", str(EXAMPLE)],
    ):
        done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        assert "7 goals, 0 errors" in done.stderr


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_show_respects_the_width(width: int, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", str(EXAMPLE), "--width", str(width))
    assert status == 0
    assert max(len(line) for line in out.splitlines()) <= width


def test_show_narrow_terminals_get_blocks_wide_ones_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    _, narrow, _ = run(capsys, "show", str(EXAMPLE), "--width", "100")
    assert (
        "  1. Testaamme uusia digitaalisia vaihtoehtoja osallistua ja arvioimme niiden käytettävyyttä."
        in narrow
    )
    assert "     Toteutumaennuste: Toteutuu" in narrow
    assert (
        "vuosille 2025–2026\n     (2025–2026)" in narrow
    )  # the goal's own years, as they differ from the round's
    _, wide, _ = run(capsys, "show", str(EXAMPLE), "--width", "200")
    assert "│ Toteutumaennuste" in wide
    for word in ("vetovoimalautakunnassa", "kaupunkirakennepalvelujen", "Tilava-tilavaraussivustolle"):
        assert word in narrow  # never broken inside a word
        assert word in wide
