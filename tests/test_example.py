"""The founding example carries every text of the founding document, as written."""

from __future__ import annotations

import re
from pathlib import Path

import strategiaseuranta as ss

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "joensuu" / "2025-07.yaml"
SOURCE = ROOT / "examples" / "joensuu" / "source-page.txt"

# Hyphens that only mark a PDF line break (word split across lines): undone in the example.
LINE_BREAK_HYPHENS = {
    "veto-voimalautakunnassa": "vetovoimalautakunnassa",
    "kaupunkirakennepalvelu-jen": "kaupunkirakennepalvelujen",
}
# Column headers and labels repeated in the PDF table, not data.
HEADERS = [
    "Toiminnallinentavoite2025",
    "Mittarijatavoitetaso2025",
    "Vastuutaho",
    "Toteutuma-ennuste",
    "Toteutuma",
    "Toteuma",
    "Strateginenpainopiste:",
    "Tavoitelinjaus:",
]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def report_texts(report: ss.Report) -> list[str]:
    texts = [report.organisation.body]
    for node in report.nodes:
        texts += [node.title, node.text or ""]
        for goal in node.goals:
            texts += [goal.title, *(m.target or "" for m in goal.metrics), *goal.responsible]
            texts += [goal.realisation or "", goal.forecast.word if goal.forecast else ""]
    return texts


def source_squashed() -> str:
    text = squash(SOURCE.read_text(encoding="utf-8"))
    for broken, whole in LINE_BREAK_HYPHENS.items():
        assert broken in text
        text = text.replace(broken, whole)
    return text


def test_shape_of_the_founding_document() -> None:
    report = ss.load(EXAMPLE)
    assert report.organisation == ss.Organisation(
        "Joensuu", "Hyvinvoinnin ja osallisuuden edistämisen lautakunta"
    )
    assert report.period == ss.Period(2025, 1, 7)
    assert [n.title for n in report.nodes] == [
        "Osallisuuden, menon ja meiningin Joensuu",
        "Kasvatuksen, koulutuksen ja opiskelun Joensuu",
    ]
    assert [len(n.goals) for n in report.nodes] == [6, 1]
    assert len(report.goals) == 7
    for goal in report.goals:
        assert goal.title and goal.responsible and goal.metrics[0].target
        assert goal.realisation and goal.forecast is not None
    assert [g.forecast.word for g in report.goals if g.forecast] == ["Toteutuu"] * 7
    unicef = report.goals[-1]
    assert unicef.years == ss.YearSpan(2025, 2026)
    assert unicef.realisation == "Toteutunut"
    assert unicef.level is ss.ForecastLevel.ON_TRACK


def test_every_text_appears_in_the_source_in_order() -> None:
    source = source_squashed()
    position = 0
    for text in report_texts(ss.load(EXAMPLE)):
        squashed = squash(text)
        found = source.find(squashed, position)
        assert found >= 0, f"not in the source page (in order): {text!r}"
        position = found + len(squashed)


def test_nothing_in_the_source_is_left_out() -> None:
    rest = source_squashed()
    for text in report_texts(ss.load(EXAMPLE)):
        rest = rest.replace(squash(text), "", 1)
    for header in HEADERS:
        rest = rest.replace(header, "")
    assert rest == ""


def test_real_hyphens_and_dashes_are_kept() -> None:
    report = ss.load(EXAMPLE)
    outline = report.nodes[0].text or ""
    assert "osallistumis-, vaikuttamis- ja toimintamahdollisuuksia" in outline
    assert report.goals[0].responsible == ("Osallisuus- ja vetovoimapalvelut",)
    assert "Tilava-tilavaraussivustolle" in (report.goals[3].realisation or "")
    assert "vetovoimalautakunnassa" in report.goals[5].title
    assert "kaupunkirakennepalvelujen" in report.goals[4].title
    assert "kunta –malliin" in report.goals[6].title
    assert "vuosille 2025–2026" in report.goals[6].title
    assert "tammi-heinäkuussa" in (report.goals[2].realisation or "")


def test_the_example_is_valid() -> None:
    assert ss.validate(ss.load(EXAMPLE)) == []
