"""The founding example carries every text of the founding document, as written."""

from __future__ import annotations

import re
from pathlib import Path

import strategiaseuranta as ss

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "joensuu" / "2025-07.yaml"
SOURCE = ROOT / "examples" / "joensuu" / "source-page.txt"

# Line breaks inside words in the PDF: a hyphen that only marks the break is undone; a real
# hyphen that happened to fall at a line end stays, without the break.
LINE_BREAKS = {
    "veto- voimalautakunnassa": "vetovoimalautakunnassa",
    "kaupunkirakennepalvelu- jen": "kaupunkirakennepalvelujen",
    "Tilava- tilavaraussivustolle": "Tilava-tilavaraussivustolle",
}
# Column headers and labels repeated in the PDF table, not data.
HEADERS = [
    "Toiminnallinen tavoite 2025",
    "Mittari ja tavoitetaso 2025",
    "Vastuutaho",
    "Toteutuma- ennuste",
    "Toteutuma",
    "Toteuma",
    "Strateginen painopiste:",
    "Tavoitelinjaus:",
]


def spaced(text: str) -> str:
    """Every run of whitespace as one space: PDF line breaks become spaces, words stay apart."""
    return re.sub(r"\s+", " ", text).strip()


def report_texts(report: ss.Report) -> list[str]:
    texts = [report.organisation.body]
    for node in report.nodes:
        texts += [node.title, node.text or ""]
        for goal in node.goals:
            texts += [goal.title, *(m.target or "" for m in goal.metrics), *goal.responsible]
            texts += [goal.realisation or "", goal.forecast.word if goal.forecast else ""]
    return texts


def source_text() -> str:
    text = spaced(SOURCE.read_text(encoding="utf-8"))
    for broken, whole in LINE_BREAKS.items():
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
    source = source_text()
    position = 0
    for text in report_texts(ss.load(EXAMPLE)):
        wanted = spaced(text)
        found = source.find(wanted, position)
        assert found >= 0, f"not in the source page (in order, with its spaces): {text!r}"
        assert found == 0 or source[found - 1] == " ", f"joined to the word before it: {text!r}"
        end = found + len(wanted)
        assert end == len(source) or source[end] == " ", f"joined to the word after it: {text!r}"
        position = end


def test_nothing_in_the_source_is_left_out() -> None:
    rest = source_text()
    for text in report_texts(ss.load(EXAMPLE)):
        rest = rest.replace(spaced(text), " ", 1)
    for header in HEADERS:
        rest = rest.replace(header, " ")
    assert rest.strip() == ""


def test_whitespace_damage_would_be_caught() -> None:
    source = source_text()
    assert spaced("vaihtoehtojaon kokeiltu") not in source
    assert "Pohjois-Karjalankylät" not in source
    assert "Pohjois-Karjalan kylät ry:n" in source


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
