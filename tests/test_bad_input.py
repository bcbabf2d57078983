"""Bad input: one clear line naming the file (and line:col), a non-zero exit, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import strategiaseuranta as ss
from strategiaseuranta.cli import main

EXAMPLE = Path(__file__).parents[1] / "examples" / "joensuu" / "2025-07.yaml"
GOOD = EXAMPLE.read_text(encoding="utf-8")

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

# name, file name, content (str or bytes), expected code, expected "line:col" (or None), exit status
CASES = [
    ("empty", "empty.yaml", "", "L102", None, 2),
    ("only comments", "comments.yaml", "# nothing here\n", "L102", None, 2),
    ("binary garbage", "garbage.yaml", bytes(range(256)) * 4, "L103", "1:1", 2),
    ("latin-1 text", "latin1.yaml", "kunta: Hämeenlinna\n".encode("cp1252"), "L103", "1:9", 2),
    ("yaml syntax", "syntax.yaml", "kunta: Joensuu\nsisältö: [1, 2\n", "L104", "3:1", 2),
    ("tab indentation", "tabs.yaml", "kunta: Joensuu\nsisältö:\n\t- a\n", "L104", "3:1", 2),
    ("duplicate key", "dup.yaml", "kunta: Joensuu\nkunta: Kuopio\n", "L105", "2:1", 2),
    ("billion laughs", "laughs.yaml", BILLION_LAUGHS, "L106", "1:4", 2),
    ("python tag", "tag.yaml", "kunta: !!python/object/apply:os.system ['echo pwned']\n", "L107", "1:8", 2),
    ("custom tag", "tag2.yaml", "kunta: !kaupunki Joensuu\n", "L107", "1:8", 2),
    ("deep nesting", "deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n", "L108", "1", 2),
    ("deep block nesting", "dash.yaml", "- " * 50000 + "a\n", "L108", "1", 2),
    ("deep complex keys", "keys.yaml", "? " * 50000 + "a\n", "L108", "1", 2),
    ("deep indentation", "indent.yaml", "".join(" " * (2 * i) + "a:\n" for i in range(300)), "L108", None, 2),
    ("control character", "ctrl.yaml", "strategiaseuranta: 1\nkunta: Joe\x07nsuu\n", "L103", "2:11", 2),
    ("utf-16", "utf16.yaml", "kunta: Joensuu\n".encode("utf-16"), "L103", "1:1", 2),
    ("merge key", "merge.yaml", "a: {b: 1}\nc:\n  <<: {k: 1}\n", "L106", "3:3", 2),
    ("truncated json", "cut.json", '{"format_version": 1, "municipality": "Joens', "L104", "1:39", 2),
    ("json duplicate", "dup.json", '{"body": "a", "body": "b"}', "L105", None, 2),
    ("json NaN", "nan.json", '{"format_version": NaN}', "L104", None, 2),
    ("unknown extension", "report.txt", GOOD, "L109", None, 2),
    ("list at the top", "list.yaml", "- kunta: Joensuu\n", "L201", "1:1", 1),
    (
        "list where a goal belongs",
        "goal-list.yaml",
        (
            "strategiaseuranta: 1\nkunta: K\ntoimielin: T\nkausi: TP 2025\nsisältö:\n"
            "  - painopiste: P\n    tavoitteet:\n      - [tavoite, Testaamme]\n"
        ),
        "L201",
        "8:9",
        1,
    ),
    (
        "misspelt key",
        "typo.yaml",
        GOOD.replace("ennuste: Toteutuu", "ennsute: Toteutuu", 1),
        "L202",
        "18:9",
        1,
    ),
    ("misspelt top key", "typo2.yaml", GOOD.replace("toimielin:", "toimelin:", 1), "L202", "7:1", 1),
    (
        "bad period",
        "period.yaml",
        GOOD.replace("kausi: tammi–heinäkuu 2025", "kausi: kesä 2025"),
        "L204",
        "8:8",
        1,
    ),
    ("unknown schema", "schema.yaml", GOOD.replace("skeema: joensuu", "skeema: kuopio"), "L205", "5:9", 1),
    (
        "wrong version",
        "version.yaml",
        GOOD.replace("strategiaseuranta: 1", "strategiaseuranta: 2"),
        "L206",
        "4:20",
        1,
    ),
]


@pytest.mark.parametrize(
    ("name", "filename", "content", "code", "where", "status"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_gives_one_clear_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    filename: str,
    content: str | bytes,
    code: str,
    where: str | None,
    status: int,
) -> None:
    path = tmp_path / filename
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == status
    out, err = capsys.readouterr()
    lines = (out + err).splitlines()
    assert len(lines) == 1, lines
    line = lines[0]
    prefix = f"{path}:{where}:" if where else f"{path}:"
    assert line.startswith(prefix), line
    assert f" error {code} " in line
    assert "Traceback" not in line
    with pytest.raises(ss.LoadError) as info:
        ss.load(path)
    assert [i.code for i in info.value.issues] == [code]


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "no/such/file.yaml"]) == 2
    out, err = capsys.readouterr()
    assert (out + err).strip() == "no/such/file.yaml: error L101 no such file"


def test_a_directory_is_not_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "round.yaml"
    folder.mkdir()
    assert main(["validate", str(folder)]) == 2
    assert "L101 is a directory" in capsys.readouterr().out


def test_misspelt_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text(GOOD.replace("ennuste: Toteutuu", "ennsute: Toteutuu", 1), encoding="utf-8")
    with pytest.raises(ss.LoadError) as info:
        ss.load(path)
    assert info.value.issues[0].message == "unknown key 'ennsute' in the goal; did you mean 'ennuste'?"


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"kunta: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    with pytest.raises(ss.LoadError):
        ss.load(path)
    assert not marker.exists()


def test_every_problem_is_collected_in_one_pass(tmp_path: Path) -> None:
    broken = (
        GOOD.replace("ennuste: Toteutuu", "ennsute: Toteutuu", 1)
        .replace("toimielin:", "toimelin:", 1)
        .replace("vuodet: 2025–2026", "vuodet: ensi vuonna", 1)
        .replace("      - tavoite: Kaupungin", "      - tavote: Kaupungin", 1)
    )
    path = tmp_path / "many.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ss.LoadError) as info:
        ss.load(path)
    got = [(i.code, i.location.line) for i in info.value.issues]
    assert got == [
        ("L202", 7),  # toimelin (the missing 'toimielin' is not reported twice)
        ("L202", 18),  # ennsute
        ("L202", 34),  # tavote (did you mean 'tavoite'?)
        ("L204", 62),  # vuodet
    ]


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from strategiaseuranta.formats import _files

    monkeypatch.setattr(_files, "MAX_BYTES", 1000)
    with pytest.raises(ss.LoadError) as info:
        ss.load(EXAMPLE)
    assert info.value.issues[0].code == "L108"
    assert "limit is 1000" in info.value.issues[0].message


def test_real_console_script_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "strategiaseuranta", "validate", str(path), "no-such.yaml"],
        capture_output=True,
        text=True,
        timeout=60,  # a hang guard, not a performance assertion
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        (
            f"{path}:1:4: error L106 YAML anchors and aliases (&name, *name) are not accepted: "
            "the value anchored here is reused; write it out in full"
        ),
        "no-such.yaml: error L101 no such file",
    ]


def test_misspelt_level_key_is_suggested(tmp_path: Path) -> None:
    path = tmp_path / "level.yaml"
    path.write_text(
        GOOD.replace("  - painopiste: Kasvatuksen", "  - painopisteet: Kasvatuksen"), encoding="utf-8"
    )
    with pytest.raises(ss.LoadError) as info:
        ss.load(path)
    (issue,) = info.value.issues
    assert issue.code == "L207"
    assert issue.location.line == 58
    assert "is 'painopisteet' a misspelling?" in issue.message


def test_load_errors_come_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "order.yaml"
    broken = GOOD.replace("ennuste: Toteutuu", "ennsute: Toteutuu", 1).replace(
        "strategiaseuranta: 1", "strategiaseuranta: 9"
    )
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ss.LoadError) as info:
        ss.load(path)
    lines = [i.location.line or 0 for i in info.value.issues]
    assert lines == sorted(lines)
    assert [i.code for i in info.value.issues] == ["L206", "L202"]


def test_multi_line_titles_stay_on_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "lines.yaml"
    text = GOOD.replace(
        "  - painopiste: Osallisuuden, menon ja meiningin Joensuu",
        '  - painopiste: "Rivi yksi\\nRivi kaksi\\u0085kolme"',
    ).replace("ennuste: Toteutuu", "ennuste: Toteutu", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out, _ = capsys.readouterr()
    assert len(out.splitlines()) == 1
    assert "[Rivi yksi ⏎ Rivi kaksi ⏎ kolme › Testaamme" in out


def test_decomposed_keys_from_a_mac_are_read(tmp_path: Path) -> None:
    import unicodedata

    path = tmp_path / "nfd.yaml"
    path.write_text(unicodedata.normalize("NFD", GOOD), encoding="utf-8")
    report = ss.load(path)
    assert len(report.goals) == 7
    assert report.goals[0].title == unicodedata.normalize(
        "NFD", ss.load(EXAMPLE).goals[0].title
    )  # texts as written


def test_period_and_years_as_mappings_in_yaml(tmp_path: Path) -> None:
    path = tmp_path / "maps.yaml"
    text = GOOD.replace(
        "kausi: tammi–heinäkuu 2025", "kausi: {year: 2025, start_month: 1, end_month: 7, annual: false}"
    )
    text = text.replace("vuodet: 2025–2026", "vuodet: {start: 2025, end: 2026}")
    path.write_text(text, encoding="utf-8")
    assert ss.load(path) == ss.load(EXAMPLE)


def test_broken_schema_file_names_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema = tmp_path / "oma.yaml"
    schema.write_text("name: [\n", encoding="utf-8")
    path = tmp_path / "round.yaml"
    path.write_text(GOOD.replace("skeema: joensuu", f"skeema: {schema}"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out, _ = capsys.readouterr()
    assert out.startswith(f"{path}:5:9: error L205 schema file {schema}:2:1: error L104")
    assert len(out.splitlines()) == 1


def test_writing_onto_a_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out.yaml").mkdir()
    assert main(["convert", str(EXAMPLE), str(tmp_path / "out.yaml")]) == 2
    _, err = capsys.readouterr()
    assert err == f"strategiaseuranta: {tmp_path / 'out.yaml'}: is a directory, not a file\n"


def test_a_closed_pipe_keeps_the_exit_status(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(GOOD.replace("ennuste: Toteutuu", "ennuste: Totetuu"), encoding="utf-8")
    done = subprocess.run(
        f"'{sys.executable}' -m strategiaseuranta validate '{path}' | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert len(done.stdout.splitlines()) == 1
    assert "Traceback" not in done.stderr
