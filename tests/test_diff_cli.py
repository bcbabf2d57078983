"""`strategiaseuranta diff` and `history`: every format, exit statuses, escaping."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import strategiaseuranta as ss
from strategiaseuranta.cli import main
from strategiaseuranta.diffview import render_diff

EXAMPLES = Path(__file__).parents[1] / "examples" / "joensuu"
JULY, ACCOUNTS = str(EXAMPLES / "2025-07.yaml"), str(EXAMPLES / "2025-12.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_text_shows_worsened_first(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "diff", JULY, ACCOUNTS)
    assert status == 0
    sections = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert sections[:3] == [
        "Joensuu · Hyvinvoinnin ja osallisuuden edistämisen lautakunta",
        "Muutokset: tammi–heinäkuu 2025 → tilinpäätös 2025",
        "7 tavoitetta verrattu, 6 muuttunut, +0 −0",
    ]
    assert sections[3] == "Heikentyneet ennusteet (1)"
    assert "Toteutumaennuste: Toteutuu ▼ Toteutuu osittain" in out
    assert "Toteutumaennuste: Toteutuu ▲ Toteutunut" in out
    assert "Toteuma ennallaan kaudesta tammi–heinäkuu 2025" in out
    assert "Toteuma-arvo · " in out
    assert "– → 18 kohdetta" in out
    assert "Tavoitetaso: [-Uusia digitaalisia vaihtoehtoja-]{+Kahta uutta digitaalista vaihtoehtoa+}" in out
    assert "warning R302" in out
    assert "\033[" not in out  # no colour when not a terminal


def test_colour_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "diff", "--color", "always", JULY, ACCOUNTS)
    assert "\033[31m" in out
    assert "\033[32m" in out


def test_swedish_and_english_labels(capsys: pytest.CaptureFixture[str]) -> None:
    _, en, _ = run(capsys, "diff", "--lang", "en", JULY, ACCOUNTS)
    assert "Worsened forecasts (1)" in en
    assert "Forecast: Toteutuu ▼ Toteutuu osittain" in en  # the city's words stay
    _, sv, _ = run(capsys, "diff", "--lang", "sv", JULY, ACCOUNTS)
    assert "Försämrade prognoser (1)" in sv


def test_markdown_memo(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "diff", "--format", "markdown", JULY, ACCOUNTS)
    assert status == 0
    assert out.startswith("# Joensuu · Hyvinvoinnin ja osallisuuden edistämisen lautakunta\n")
    assert "### Heikentyneet ennusteet (1)" in out
    assert "- **Keinot monipaikkaisten asukkaiden tavoittamiseksi on vakiinnutettu.**" in out
    assert "~~Uusia digitaalisia vaihtoehtoja~~**Kahta uutta digitaalista vaihtoehtoa**" in out
    assert "| toteutuu | 1 | 5 | 1 |" in out
    assert out.index("Heikentyneet") < out.index("Parantuneet") < out.index("Muut muutokset")


def test_json_is_the_diff_as_data(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "diff", "--format", "json", JULY, ACCOUNTS)
    assert status == 0
    data = json.loads(out)
    issues = data.pop("issues")
    assert [i["code"] for i in issues] == ["R302"]
    assert ss.Diff.from_dict(data) == ss.diff(ss.load(JULY), ss.load(ACCOUNTS))
    assert data["summary"]["worsened"] == 1
    assert data["transitions"]["on_track"]["partly"] == 1


def test_html_is_standalone_and_escaped(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "diff", "--format", "html", JULY, ACCOUNTS)
    assert status == 0
    assert out.startswith("<!DOCTYPE html>")
    assert "<del>Uusia digitaalisia vaihtoehtoja</del><ins>Kahta uutta digitaalista vaihtoehtoa</ins>" in out
    assert "http" not in out and "<script" not in out and "<link" not in out  # nothing from the network
    july = ss.load(JULY)
    gid = july.goals[0].id
    evil = july.replace_goal(gid, title="<script>alert('x')</script> & <b>")
    evil = evil.set_status(gid, realisation="<img src=x onerror=alert(1)>")
    html_text = render_diff(ss.diff(july, evil), fmt="html")
    assert "<script>" not in html_text and "<img" not in html_text
    assert "&lt;script&gt;" in html_text
    markdown = render_diff(ss.diff(july, evil), fmt="markdown")
    assert "<script>" not in markdown


def test_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "diff", "--fail-on", "worsened", JULY, ACCOUNTS)[0] == 1
    assert run(capsys, "diff", "--fail-on", "any", JULY, ACCOUNTS)[0] == 1
    assert run(capsys, "diff", "--fail-on", "any", JULY, JULY)[0] == 0
    assert run(capsys, "diff", "--fail-on", "worsened", JULY, JULY)[0] == 0
    # backwards, "Toteutunut" → "Toteutuu" is a worsening too
    assert run(capsys, "diff", "--fail-on", "worsened", ACCOUNTS, JULY)[0] == 1
    status, out, _ = run(capsys, "diff", JULY, JULY)
    assert status == 0
    assert "Ei muutoksia." in out


def test_unusable_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, _ = run(capsys, "diff", JULY, str(tmp_path / "missing.yaml"))
    assert status == 2
    assert out == f"{tmp_path / 'missing.yaml'}: error L101 no such file\n"


def test_history(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "history", str(EXAMPLES), "--width", "100")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].endswith("│ tammi–heinäkuu 2025 │ tilinpäätös 2025")
    assert len(lines) == 8
    assert lines[2].startswith("Keinot monipaikkaisten")
    assert lines[2].endswith("│ Toteutuu            │ Toteutuu osittain")
    assert all(len(line) <= 100 for line in lines)


def test_history_json_and_file_order_warning(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "history", "--format", "json", ACCOUNTS, JULY)
    assert status == 0
    text, warning = out.rsplit("]\n", 1)
    records = json.loads(text + "]")
    assert [r["forecast"] for r in records[3]["rounds"]] == ["Toteutuu", "Toteutunut"]
    assert "warning R305 round tammi–heinäkuu 2025 is given after the later round tilinpäätös 2025" in warning


def test_history_follows_goals_that_come_and_go(tmp_path: Path) -> None:
    july = ss.load(JULY)
    gone = july.goals[0]
    april = attrs.evolve(july, period=ss.Period(2025, 1, 4))
    july_without = attrs.evolve(
        july, nodes=[attrs.evolve(july.nodes[0], goals=july.nodes[0].goals[1:]), july.nodes[1]]
    )
    for name, report in (("a.yaml", april), ("b.yaml", july_without), ("c.yaml", ss.load(ACCOUNTS))):
        ss.dump(report, tmp_path / name)
    series = ss.load_series(tmp_path)
    rows = series.history()
    first = next(r for r in rows if r.goal.id == gone.id)
    assert first.present == (True, False, True)
    assert [i.code for i in series.check()] == ["R304"]  # (the changed target is on the goal that was away)


def test_series_errors(tmp_path: Path) -> None:
    with pytest.raises(ss.LoadError) as info:
        ss.load_series(tmp_path)
    assert info.value.issues[0].code == "L101"
    (tmp_path / "bad.yaml").write_text("kunta: [\n", encoding="utf-8")
    with pytest.raises(ss.LoadError) as info:
        ss.load_series(tmp_path)
    assert info.value.issues[0].code == "L104"


def test_same_period_twice_is_a_warning() -> None:
    series = ss.load_series([JULY, JULY])
    assert [i.code for i in series.issues] == ["R305"]
    assert "share the period tammi–heinäkuu 2025" in series.issues[0].message
