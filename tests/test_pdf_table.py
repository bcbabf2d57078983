"""The PDF layout ``taulukko``: Word tables written by us, printed to PDF by LibreOffice, read back.

The PDFs under tests/data/ are committed (CI has no LibreOffice); ``python tests/test_pdf_table.py``
writes their Word documents again and converts them (see tests/data/README-documents.md).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import strategiaseuranta as ss
from strategiaseuranta.formats.pdf_table import join_lines
from strategiaseuranta.ids import IdSequence
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Status
from strategiaseuranta.periods import Period, YearSpan

ROOT = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data"
EXAMPLE = ROOT / "examples" / "joensuu" / "2025-07.yaml"


_LONG = (
    "Hankkeen ensimmäisessä vaiheessa kartoitimme yhdessä kylätoimikuntien, asukasyhdistysten ja "
    "järjestöjen kanssa alueiden kohtaamispaikat ja niiden käyttöasteet. Kartoituksen pohjalta "
    "laadittiin toimenpideohjelma, jonka kaupunkirakennepalvelut ja osallisuus- ja vetovoimapalvelut "
    "käsittelivät yhteisessä työpajassa kesäkuussa. "
)


def with_derived_ids(report: Report) -> Report:
    """Every id as a reader derives it: what a PDF (which shows no ids) gives back."""
    node_ids, goal_ids = IdSequence(), IdSequence()

    def node(n: Node) -> Node:
        node_id = node_ids.next(f"{n.level} {n.title}")
        goals = []
        for g in n.goals:
            metric_ids = IdSequence()
            metrics = [
                attrs.evolve(m, id=metric_ids.next(m.name or m.target or "mittari")) for m in g.metrics
            ]
            goals.append(attrs.evolve(g, id=goal_ids.next(g.title), metrics=metrics))
        return attrs.evolve(n, id=node_id, goals=goals, children=[node(c) for c in n.children])

    return attrs.evolve(report, nodes=[node(n) for n in report.nodes])


def long_goal_report() -> Report:
    """A report whose second goal is long enough to break across a page, and other shapes."""
    schema = ss.get_schema("joensuu")
    period = Period(2025, 1, 8)
    realisation = " ".join(
        f"{i}. vaihe: {_LONG}Pohjois-Karjalan kylät ry:n edustajat osallistuivat tammi-elokuussa {i + 2} "
        "tilaisuuteen, ja palautetta kerättiin verkossa sekä Tilava-tilavaraussivustolla."
        for i in range(1, 9)
    )
    goals_one = (
        Goal(
            "kohtaamispaikat-1",
            "Kohtaamispaikkojen verkosto on kartoitettu ja sen kehittämisestä on sovittu.",
            YearSpan(2025, 2025),
            ("Osallisuus- ja vetovoimapalvelut",),
            (Metric("kartoitus-valmis-2f3c1a", target="Kartoitus on valmis ja käsitelty lautakunnassa."),),
            Status("Kartoitus valmistui toukokuussa.", schema.forecast("Toteutunut")),
        ),
        Goal(
            "pitka-tavoite",
            "Alueellisen osallisuuden malli otetaan käyttöön kaikilla asuinalueilla yhteistyössä "
            "kaupunkirakennepalvelujen, kylätoimikuntien ja asukasyhdistysten kanssa.",
            YearSpan(2025, 2026),
            ("Osallisuus- ja vetovoimapalvelut", "Kaupunkirakennepalvelut"),
            (
                Metric(
                    "mittari-1",
                    name="Mallin käyttöönotto",
                    target="Malli on käytössä vähintään 8 alueella.",
                    baseline="2 aluetta",
                    value="5 aluetta",
                ),
            ),
            Status(realisation, schema.forecast("Toteutuu osittain")),
            binding=True,
        ),
    )
    goals_two = (
        Goal(
            "kaksi-mittaria",
            "Nuorten harrastamisen Suomen malli laajenee kouluihin.",
            YearSpan(2025, 2025),
            ("Kasvatus- ja opetuspalvelut",),
            (
                Metric("koulut", target="Mukana vähintään 12 koulua."),
                Metric("osallistujat", target="Vähintään 900 osallistujaa."),
            ),
            Status("Mukana 7 koulua ja 540 osallistujaa.", schema.forecast("Ei toteudu")),
        ),
        Goal(
            "arviointi",
            "Lapsivaikutusten arviointi tehdään kaikista talousarvion muutoksista.",
            YearSpan(2025, 2025),
            ("Konsernipalvelut",),
            (Metric("arvioinnit", target="Arviointi on tehty 100 %:ssa muutoksista."),),
            Status(None, schema.forecast("Ei arvioitavissa")),
        ),
    )
    report = Report(
        Organisation("Joensuu", "Hyvinvoinnin ja osallisuuden edistämisen lautakunta"),
        period,
        (
            Node(
                "osallisuus",
                "painopiste",
                "Osallisuuden, menon ja meiningin Joensuu",
                "Edistämme Jokaisen Joensuuta. Vahvistamme asukkaiden sekä järjestöjen osallistumis-, "
                "vaikuttamis- ja toimintamahdollisuuksia.",
                goals_one,
            ),
            Node(
                "kasvatus",
                "painopiste",
                "Kasvatuksen, koulutuksen ja opiskelun Joensuu",
                "Mahdollistamme turvallisen kasvun polun.\nLasten ja nuorten etu huomioidaan kaikessa "
                "päätöksenteossa.",
                goals_two,
            ),
        ),
        schema="joensuu",
        title="Strategian toteutuminen tammi–elokuu 2025",
    )
    return with_derived_ids(report)


def swedish_report() -> Report:
    """A Swedish-language municipality's table (schema ``kommun``, labels in Swedish)."""
    schema = ss.get_schema("kommun")
    report = Report(
        Organisation("Vattenby", "Bildningsnämnden"),
        Period(2025, 1, 8),
        (
            Node(
                "livslangt-larande",
                "fokusområde",
                "Livslångt lärande",
                "Vi stärker barnens och ungdomarnas lärande och välbefinnande.",
                (
                    Goal(
                        "lasfardighet",
                        "Elevernas läsfärdighet förbättras i årskurserna 1–6.",
                        YearSpan(2025, 2025),
                        ("Grundläggande utbildning",),
                        (Metric("andel", target="Minst 85 % av eleverna når målnivån i läsning."),),
                        Status("Läsdiplomet har införts i alla skolor.", schema.forecast("Förverkligas")),
                    ),
                    Goal(
                        "fritid",
                        "Fritidsverksamheten för unga når nya deltagare.",
                        YearSpan(2025, 2026),
                        ("Fritids- och ungdomstjänster", "Kulturtjänster"),
                        (Metric("deltagare", name="Nya deltagare", target="200 nya deltagare per år"),),
                        Status(
                            "Hittills 90 nya deltagare; sommarprogrammet var välbesökt.",
                            schema.forecast("Förverkligas delvis"),
                        ),
                    ),
                ),
            ),
        ),
        schema="kommun",
        title="Uppföljning av strategin",
    )
    return with_derived_ids(report)


FIXTURES = {
    "joensuu-2025-07": (lambda: ss.load(EXAMPLE), None),
    "table-long-goal": (long_goal_report, None),
    "table-kommun-sv": (swedish_report, "sv"),
}


def _prose_only(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Joensuu – Hyvinvoinnin ja osallisuuden edistämisen lautakunta", 1)
    document.add_paragraph("tammi–elokuu 2025")
    document.add_paragraph("Tällä sivulla on vain tekstiä: katsaus toimintaympäristöön, ei taulukkoa.")
    document.save(str(path))


def make_fixtures() -> None:
    """Write the Word fixtures and convert them to PDF with LibreOffice."""
    soffice = shutil.which("soffice")
    for name, (build, lang) in {**FIXTURES, "table-none": (None, None)}.items():
        docx = DATA / f"{name}.docx"
        if build is None:
            _prose_only(docx)
        else:
            ss.dump(build(), docx, lang=lang)
        if soffice is None:
            print(f"{docx}: written; no LibreOffice (soffice) to make the PDF", file=sys.stderr)
            continue
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(DATA), str(docx)],
            check=True,
            capture_output=True,
        )
        print(f"{DATA / name}.pdf", file=sys.stderr)


# -- the fixtures -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_a_word_fixture_is_the_report_it_was_made_from(name: str) -> None:
    build, _ = FIXTURES[name]
    assert ss.load(DATA / f"{name}.docx") == build()


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_a_pdf_fixture_reads_back_equal(name: str) -> None:
    build, _ = FIXTURES[name]
    original = build()
    back = ss.load(DATA / f"{name}.pdf")
    assert not ss.diff(original, back)
    assert back == original
    assert back.source is not None
    assert back.source.format == "pdf"


def test_the_founding_document_reads_back_from_pdf_equal_to_the_example() -> None:
    report = ss.load(DATA / "joensuu-2025-07.pdf")
    example = ss.load(EXAMPLE)
    assert not ss.diff(example, report)
    assert report == example
    assert report.goals[-1].years == YearSpan(2025, 2026)  # shown as "Vuodet: 2025–2026"
    assert report.goals[5].metrics[0].target == example.goals[5].metrics[0].target  # two paragraphs


def _pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_the_long_goal_really_breaks_across_a_page() -> None:
    pages = _pages(DATA / "table-long-goal.pdf")
    assert len(pages) >= 2
    first = [i for i, text in enumerate(pages) if "1. vaihe" in text]
    last = [i for i, text in enumerate(pages) if "8. vaihe" in text]
    assert first and last and first[0] < last[-1]
    # the header row repeats at the top of the next page
    assert all(text.count("Toiminnallinen tavoite") >= 1 for text in pages if "vaihe" in text)


def test_the_founding_document_pdf_has_a_goal_split_by_the_page_break() -> None:
    pages = _pages(DATA / "joensuu-2025-07.pdf")
    assert len(pages) == 2
    assert "konsernipalvelut" in pages[1]  # the UNICEF goal continues on page 2


def test_the_swedish_table_reads_with_swedish_labels() -> None:
    report = ss.load(DATA / "table-kommun-sv.pdf")
    assert report.schema == "kommun"
    assert report.title == "Uppföljning av strategin"
    assert report.goals[1].forecast is not None
    assert report.goals[1].forecast.level is ss.ForecastLevel.PARTLY
    assert "Prognos" in _pages(DATA / "table-kommun-sv.pdf")[0]


def test_the_layout_is_chosen_from_the_schema() -> None:
    report = ss.load(DATA / "joensuu-2025-07.pdf", schema="joensuu")
    assert report == ss.load(EXAMPLE)


# -- pages without a table ------------------------------------------------------------------------


def test_a_page_range_without_a_table_is_l208() -> None:
    with pytest.raises(ss.LoadError) as caught:
        ss.load(DATA / "table-none.pdf", schema="joensuu")
    issue = caught.value.issues[-1]
    assert issue.code == "L208"
    assert issue.location.page == 1
    assert "Toiminnallinen tavoite" in issue.message
    assert "p.1" in issue.message


def test_a_later_page_alone_lacks_the_heading() -> None:
    with pytest.raises(ss.LoadError) as caught:
        ss.load(DATA / "table-long-goal.pdf", pages="2")  # the continuation only: no heading
    codes = {issue.code for issue in caught.value.issues}
    assert codes <= {"L203", "L208"}
    assert "L203" in codes  # page 2 has the table but not the heading
    message = str(caught.value)
    assert "municipality" in message


# -- joining lines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("Osallisuus-", "ja vetovoimapalvelut", "Osallisuus- ja vetovoimapalvelut"),
        ("osallistumis-, vaikuttamis-", "ja toiminta", "osallistumis-, vaikuttamis- ja toiminta"),
        ("Toteutuma-", "ennuste", "Toteutumaennuste"),
        ("veto-", "voimalautakunnassa", "vetovoimalautakunnassa"),
        ("Pohjois-", "Karjalan", "Pohjois-Karjalan"),
        ("kunta", "–malliin", "kunta –malliin"),
        ("vuosille 2025–", "2026", "vuosille 2025–2026"),
        ("ja/", "tai", "ja/tai"),
        ("tavoite -", "mittari", "tavoite - mittari"),
        ("soft\u00ad", "hyphen", "softhyphen"),
        ("", "alone", "alone"),
    ],
)
def test_join_lines(first: str, second: str, joined: str) -> None:
    assert join_lines(first, second) == joined


if __name__ == "__main__":
    make_fixtures()
