"""Word documents: the agenda table written and read back, hand-made tables, hostile files."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import attrs
import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import strategiaseuranta as ss
from strategiaseuranta.cli import main
from strategiaseuranta.formats import docx as docxfmt
from strategiaseuranta.formats._zip import MAX_MEMBERS
from strategiaseuranta.ids import derive_id
from strategiaseuranta.testing import reports

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "joensuu" / "2025-07.yaml"
FIXTURE = Path(__file__).parent / "data" / "joensuu-2025-07.docx"
HEADING = ("Joensuu – Hyvinvoinnin ja osallisuuden edistämisen lautakunta", "tammi–heinäkuu 2025")
HEADER = ("Toiminnallinen tavoite", "Mittari ja tavoitetaso", "Vastuutaho", "Toteuma", "Toteutumaennuste")
GOAL = (
    "Testaamme uusia digitaalisia vaihtoehtoja osallistua.",
    "Uusia vaihtoehtoja on kokeiltu.",
    "Osallisuus- ja vetovoimapalvelut",
    "Kartoitus käynnissä.",
    "Toteutuu",
)
FOCUS = "Strateginen painopiste: Osallisuuden, menon ja meiningin Joensuu"


@pytest.fixture
def example() -> ss.Report:
    return ss.load(EXAMPLE)


def handmade(
    path: Path,
    rows: list[tuple[str | None, ...]],
    *,
    before: tuple[str, ...] = HEADING,
    after: tuple[str, ...] = (),
    more: list[list[tuple[str | None, ...]]] | None = None,
) -> Path:
    """A document as a person makes it in Word: paragraphs, then tables. ``None`` merges a cell into
    the one on its left."""
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    for table_rows in [rows, *(more or [])]:
        width = max(len(r) for r in table_rows)
        table = document.add_table(rows=len(table_rows), cols=width)
        for row, values in zip(table.rows, table_rows, strict=True):
            cells = row.cells
            start = 0
            for i, value in enumerate(values):
                if value is not None:
                    start = i
                    cells[i].text = value
                elif i > start:
                    cells[start].merge(cells[i])
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


# -- round trips -------------------------------------------------------------------------------------


@pytest.mark.parametrize("schema", ["joensuu", "kunta", "kommun", "seinajoki"])
def test_every_drawn_report_round_trips(schema: str, tmp_path: Path) -> None:
    @given(reports(schema))
    def check(report: ss.Report) -> None:
        out = tmp_path / "r.docx"
        ss.dump(report, out)
        back = ss.load(out)
        assert back == report
        assert not ss.diff(report, back)

    check()


@given(
    st.sampled_from(["joensuu", "kommun", "seinajoki"]).flatmap(reports), st.sampled_from(["fi", "sv", "en"])
)
def test_labels_in_any_language_round_trip(report: ss.Report, lang: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "r.docx"
        ss.dump(report, out, lang=lang)
        assert ss.load(out) == report


def test_the_founding_example_round_trips(example: ss.Report, tmp_path: Path) -> None:
    out = tmp_path / "lautakunta.docx"
    ss.dump(example, out)
    back = ss.load(out)
    assert back == example
    assert not ss.diff(example, back)
    assert back.source == ss.Source(str(out), "docx")


def test_the_committed_fixture_is_the_founding_example(example: ss.Report) -> None:
    assert ss.load(FIXTURE) == example


def test_the_table_looks_like_the_founding_document(example: ss.Report, tmp_path: Path) -> None:
    out = tmp_path / "lautakunta.docx"
    ss.dump(example, out)
    document = docx.Document(str(out))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape A4
    assert round(section.page_width.mm) == 297
    (table,) = document.tables
    assert tuple(c.text for c in table.rows[0].cells) == HEADER
    assert table.rows[0]._tr.trPr.find(docxfmt._W + "tblHeader") is not None  # repeated on every page
    assert table.rows[1].cells[0].text == FOCUS
    assert table.rows[2].cells[0].text.startswith("Tavoitelinjaus: Edistämme Jokaisen Joensuuta.")
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:2] == list(HEADING)
    forecast = table.rows[3].cells[4]
    assert forecast.text == "Toteutuu"
    assert forecast._tc.tcPr.find(docxfmt._W + "shd").get(docxfmt._W + "fill") == "66BB6A"
    unicef = table.rows[-1].cells[0].text
    assert unicef.endswith("\nVuodet: 2025–2026")
    assert "strategiaseuranta: 1\nskeema: joensuu\nkunta: Joensuu" in document.core_properties.comments


def test_only_what_the_table_cannot_show_is_hidden(example: ss.Report, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    ss.dump(example, out)
    hidden = docxfmt._read_hidden(docx.Document(str(out)))
    assert hidden["nodes"] == [] and hidden["goals"] == []  # derived ids, texts as shown
    renamed = example.replace_goal(example.goals[0].id, id="osallisuus-1", attributes={"kustannus": 1200})
    ss.dump(renamed, out)
    hidden = docxfmt._read_hidden(docx.Document(str(out)))
    (entry,) = hidden["goals"]
    assert entry["id"] == "osallisuus-1"
    assert entry["attributes"] == {"kustannus": 1200}
    assert ss.load(out) == renamed


def test_swedish_labels(example: ss.Report, tmp_path: Path) -> None:
    out = tmp_path / "sv.docx"
    ss.dump(example, out, lang="sv")
    document = docx.Document(str(out))
    header = tuple(c.text for c in document.tables[0].rows[0].cells)
    assert header == ("Verksamhetsmål", "Målnivå", "Ansvarig", "Utfall", "Prognos")
    assert document.tables[0].rows[1].cells[0].text.startswith("Strategiskt fokusområde: ")
    assert [p.text for p in document.paragraphs if p.text][1] == "januari–juli 2025"
    assert ss.load(out) == example


def test_a_metric_per_row_schema_gets_metric_columns(tmp_path: Path) -> None:
    schema = ss.get_schema("seinajoki")
    goal = ss.Goal(
        "g",
        "Talouden tasapaino",
        ss.YearSpan(2025, 2025),
        metrics=[
            ss.Metric("m1", "Vuosikate", "10 M€", "8 M€", "11 M€", schema.forecast("1")),
            ss.Metric("m2", "Lainakanta", "5000 €/as", "5200 €/as", "5400 €/as", schema.forecast("3")),
        ],
        status=ss.Status("Tavoite toteutui osin.", None),
    )
    node = ss.Node("k", "palvelukeskus", "Konsernipalvelut", goals=[goal])
    report = ss.Report(
        ss.Organisation("Seinäjoki", "Kaupunginvaltuusto"), ss.Period(2025, annual=True), [node]
    )
    report = attrs.evolve(report, schema="seinajoki")
    out = tmp_path / "s.docx"
    ss.dump(report, out)
    table = docx.Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Talousarviotavoite",
        "Mittari",
        "Nykyarvo",
        "Tavoitearvo",
        "Toteuma-arvo",
        "Tila",
        "Tilannekuvaus ja riskiarvio",
    ]
    assert [c.text for c in table.rows[3].cells][1:6] == [
        "Lainakanta",
        "5200 €/as",
        "5000 €/as",
        "5400 €/as",
        "3",
    ]
    assert table.rows[3].cells[0].text == "Talouden tasapaino"  # merged down over the metric rows
    assert ss.load(out) == report


def test_the_cli_converts_to_word_and_back(tmp_path: Path, example: ss.Report) -> None:
    out = tmp_path / "a.docx"
    assert main(["convert", str(EXAMPLE), str(out)]) == 0
    back = tmp_path / "b.yaml"
    assert main(["convert", str(out), str(back)]) == 0
    assert ss.load(back) == example
    assert main(["validate", "--quiet", str(out)]) == 0


# -- edits in Word win ----------------------------------------------------------------------------


def test_an_edited_cell_is_read_and_hidden_values_of_other_cells_stay(
    example: ss.Report, tmp_path: Path
) -> None:
    report = example.replace_goal(example.goals[0].id, id="digi")
    out = tmp_path / "a.docx"
    ss.dump(report, out)
    document = docx.Document(str(out))
    table = document.tables[0]
    table.rows[3].cells[3].text = "Alusta valittu."
    table.rows[3].cells[4].text = "Toteutuu osittain"
    document.save(str(out))
    back = ss.load(out)
    goal = back.goals[0]
    assert goal.id == "digi"
    assert goal.realisation == "Alusta valittu."
    assert goal.level is ss.ForecastLevel.PARTLY


def test_an_edited_title_loses_its_hidden_id(example: ss.Report, tmp_path: Path) -> None:
    report = example.replace_goal(example.goals[0].id, id="digi")
    out = tmp_path / "a.docx"
    ss.dump(report, out)
    document = docx.Document(str(out))
    document.tables[0].rows[3].cells[0].text = "Testaamme digitaalisia vaihtoehtoja."
    document.save(str(out))
    goal = ss.load(out).goals[0]
    assert goal.title == "Testaamme digitaalisia vaihtoehtoja."
    assert goal.id == derive_id(goal.title)


def test_a_goal_that_looks_like_an_entry_row_stays_a_goal(example: ss.Report, tmp_path: Path) -> None:
    goal = ss.Goal("g", FOCUS, ss.YearSpan(2025, 2025))  # no other cell is filled
    report = attrs.evolve(example, nodes=[attrs.evolve(example.nodes[0], goals=[goal])])
    out = tmp_path / "a.docx"
    ss.dump(report, out)
    assert ss.load(out) == report


def test_an_entry_row_added_in_word_without_merging(example: ss.Report, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    ss.dump(example, out)
    document = docx.Document(str(out))
    table = document.tables[0]
    row = table.add_row()
    row.cells[0].text = "Strateginen painopiste: Kestävän kasvun Joensuu"
    row = table.add_row()
    for cell, text in zip(row.cells, GOAL, strict=True):
        cell.text = text
    document.save(str(out))
    back = ss.load(out)
    assert [n.title for n in back.nodes][-1] == "Kestävän kasvun Joensuu"
    assert back.nodes[-1].goals[0].title == GOAL[0]
    assert attrs.evolve(back, nodes=back.nodes[:2]) == example


def test_the_properties_stand_in_for_a_removed_heading(example: ss.Report, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    ss.dump(example, out)
    document = docx.Document(str(out))
    for paragraph in document.paragraphs[:2]:
        paragraph._p.getparent().remove(paragraph._p)
    document.save(str(out))
    back = ss.load(out)
    assert back.organisation == example.organisation
    assert back.period == example.period


def test_an_edited_heading_wins(example: ss.Report, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    ss.dump(example, out)
    document = docx.Document(str(out))
    document.paragraphs[1].runs[0].text = "tammi–elokuu 2025"
    document.save(str(out))
    assert str(ss.load(out).period) == "tammi–elokuu 2025"


# -- hand-made tables -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "forecast",
    ["Toteutumaennuste", "Toteutuma-ennuste", "TOTEUTUMAENNUSTE", "Toteutuma- ennuste", "Ennuste 2025"],
)
def test_header_spelling_variants(forecast: str, tmp_path: Path) -> None:
    header = (
        "Toiminnallinen tavoite 2025",
        "Mittari ja tavoitetaso 2025",
        "VASTUUTAHO",
        "Toteutuma",
        forecast,
    )
    path = handmade(tmp_path / "k.docx", [header, (FOCUS, None, None, None, None), GOAL])
    report = ss.load(path)
    (goal,) = report.goals
    assert goal.title == GOAL[0]
    assert goal.metrics[0].target == GOAL[1]
    assert goal.responsible == (GOAL[2],)
    assert goal.realisation == GOAL[3]
    assert goal.level is ss.ForecastLevel.ON_TRACK
    assert report.organisation.municipality == "Joensuu"
    assert report.source is not None


def test_the_founding_documents_shape_headings_as_paragraphs_and_a_table_per_page(tmp_path: Path) -> None:
    path = handmade(
        tmp_path / "k.docx",
        [HEADER, GOAL],
        before=(
            "Hyvinvoinnin ja osallisuuden edistämisen lautakunta – ",
            "Joensuu – Hyvinvoinnin ja osallisuuden edistämisen lautakunta",
            "tammi–heinäkuu 2025",
            FOCUS,
            "Tavoitelinjaus: Edistämme Jokaisen Joensuuta.",
            "Olemme osallisuuden edelläkävijä.",
        ),
        more=[[HEADER, ("Toinen tavoite", "Mittari", "Palvelut", "", "Toteutunut")]],
    )
    report = ss.load(path)
    (node,) = report.nodes
    assert node.title == "Osallisuuden, menon ja meiningin Joensuu"
    assert node.text == "Edistämme Jokaisen Joensuuta.\nOlemme osallisuuden edelläkävijä."
    assert [g.title for g in node.goals] == [GOAL[0], "Toinen tavoite"]
    assert node.goals[1].realisation is None


def test_an_entry_row_named_in_its_first_cell_without_merging(tmp_path: Path) -> None:
    path = handmade(
        tmp_path / "k.docx",
        [HEADER, (FOCUS, "", "", "", ""), ("Tavoitelinjaus: Edistämme.", "", "", "", ""), GOAL],
    )
    (node,) = ss.load(path).nodes
    assert node.text == "Edistämme."
    assert len(node.goals) == 1


def test_hand_made_metric_sub_rows_and_labelled_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    for text in HEADING:
        document.add_paragraph(text)
    table = document.add_table(rows=4, cols=5)
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    table.rows[1].cells[0].merge(table.rows[1].cells[4]).text = FOCUS
    for column, text in enumerate(GOAL):
        table.rows[2].cells[column].text = text
    table.rows[3].cells[1].text = "Mittari: Kävijät\nVähintään 500\nToteuma-arvo: 420"
    for column in (0, 2, 3, 4):
        table.rows[2].cells[column].merge(table.rows[3].cells[column])
    path = tmp_path / "k.docx"
    document.save(str(path))
    (goal,) = ss.load(path).goals
    assert [m.target for m in goal.metrics] == [GOAL[1], "Vähintään 500"]
    assert goal.metrics[1].name == "Kävijät"
    assert goal.metrics[1].value == "420"


def test_a_swedish_hand_made_table_read_with_the_kommun_schema(tmp_path: Path) -> None:
    path = handmade(
        tmp_path / "sv.docx",
        [
            ("Verksamhetsmål", "Målnivå", "Ansvarig", "Utfall", "Prognos"),
            ("Strategiskt fokusområde: Livslångt lärande", None, None, None, None),
            ("Läsfärdigheten förbättras.", "85 %", "Skolorna", "Läsdiplom infört.", "Förverkligas delvis"),
        ],
        before=("Vattenby – Bildningsnämnden", "januari–augusti 2025"),
    )
    report = ss.load(path, schema="kommun")
    assert report.schema == "kommun"
    assert report.nodes[0].level == "fokusområde"
    assert report.goals[0].level is ss.ForecastLevel.PARTLY
    assert str(report.period) == "tammi–elokuu 2025"


def test_a_heading_with_the_period_inside_a_longer_line(tmp_path: Path) -> None:
    path = handmade(
        tmp_path / "k.docx",
        [HEADER, (FOCUS, None, None, None, None), GOAL],
        before=("Joensuu – Hyvinvointilautakunta", "Strategian toteutuminen 1–7/2025"),
    )
    report = ss.load(path)
    assert str(report.period) == "tammi–heinäkuu 2025"
    assert report.organisation.body == "Hyvinvointilautakunta"


# -- errors name the table, row and column ---------------------------------------------------------------


def test_an_unknown_column_is_l202_at_its_column(tmp_path: Path) -> None:
    header = (*HEADER, "Huomiot")
    path = handmade(tmp_path / "k.docx", [header, (FOCUS, None, None, None, None, None), (*GOAL, "")])
    with pytest.raises(ss.LoadError) as caught:
        ss.load(path)
    (issue,) = caught.value.issues
    assert issue.code == "L202"
    assert issue.location.sheet == "taulukko 1"
    assert (issue.location.line, issue.location.column) == (1, 6)
    assert "'Huomiot'" in issue.message
    assert str(issue.location) == f"{path}:taulukko 1!F1"


def test_a_missing_required_column_is_l203_naming_table_row_and_column(tmp_path: Path) -> None:
    header = ("Toiminnallinen tavoite", "Mittari ja tavoitetaso", "Toteuma", "Toteutumaennuste")
    path = handmade(tmp_path / "k.docx", [header, (FOCUS, None, None, None), GOAL[:2] + GOAL[3:]])
    with pytest.raises(ss.LoadError) as caught:
        ss.load(path)
    (issue,) = caught.value.issues
    assert issue.code == "L203"
    assert issue.location.sheet == "taulukko 1"
    assert issue.location.line == 1
    assert "'Vastuutaho'" in issue.message
    assert "taulukko 1" in issue.message


def test_a_goal_row_without_a_title_is_placed_at_its_cell(tmp_path: Path) -> None:
    path = handmade(tmp_path / "k.docx", [HEADER, (FOCUS, None, None, None, None), ("", *GOAL[1:])])
    with pytest.raises(ss.LoadError) as caught:
        ss.load(path)
    (issue,) = caught.value.issues
    assert issue.code == "L203"
    assert (issue.location.sheet, issue.location.line, issue.location.column) == ("taulukko 1", 3, 1)


def test_a_goal_before_any_entry_row(tmp_path: Path) -> None:
    path = handmade(tmp_path / "k.docx", [HEADER, GOAL])
    with pytest.raises(ss.LoadError) as caught:
        ss.load(path)
    assert caught.value.issues[0].code == "L203"
    assert "Strateginen painopiste:" in caught.value.issues[0].message


def test_a_document_without_its_heading_says_what_is_missing(tmp_path: Path) -> None:
    path = handmade(
        tmp_path / "k.docx", [HEADER, (FOCUS, None, None, None, None), GOAL], before=("Raportti",)
    )
    with pytest.raises(ss.LoadError) as caught:
        ss.load(path)
    (issue,) = caught.value.issues
    assert issue.code == "L203"
    assert "municipality and body and reporting period" in issue.message
    assert "Kunta – Toimielin" in issue.message


def test_a_document_without_a_goal_table_is_l208(tmp_path: Path) -> None:
    path = handmade(tmp_path / "k.docx", [("Nimi", "Puhelin"), ("Maija", "123")])
    with pytest.raises(ss.LoadError) as caught:
        ss.load(path)
    assert caught.value.issues[-1].code == "L208"
    assert "Toiminnallinen tavoite" in caught.value.issues[-1].message


def test_an_unknown_schema_is_l205(tmp_path: Path) -> None:
    path = handmade(tmp_path / "k.docx", [HEADER, (FOCUS, None, None, None, None), GOAL])
    with pytest.raises(ss.LoadError) as caught:
        docxfmt.load_report(path, schema="ei-tallaista")
    assert caught.value.issues[0].code == "L205"


def test_a_document_naming_a_schema_file_does_not_make_us_read_it(example: ss.Report, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    ss.dump(example, out)
    document = docx.Document(str(out))
    document.core_properties._element._get_or_add("description").text = "skeema: ../../etc/kaava.yaml"
    document.save(str(out))
    with pytest.raises(ss.LoadError) as caught:
        ss.load(out)
    assert caught.value.issues[0].code == "L205"
    assert "not installed" in caught.value.issues[0].message
    assert ss.load(out, schema="joensuu") == example


# -- writing errors ----------------------------------------------------------------------------------------


def test_an_unknown_language_is_refused(example: ss.Report, tmp_path: Path) -> None:
    with pytest.raises(ss.FormatError, match="unknown language 'de'"):
        ss.dump(example, tmp_path / "a.docx", lang="de")


def test_a_level_outside_the_schema_is_refused(example: ss.Report, tmp_path: Path) -> None:
    node = attrs.evolve(example.nodes[0], level="tulosalue")
    with pytest.raises(ss.WriteError, match="tulosalue"):
        ss.dump(attrs.evolve(example, nodes=[node]), tmp_path / "a.docx")
    assert not (tmp_path / "a.docx").exists()


def test_the_module_imports_without_python_docx() -> None:
    code = (
        "import sys; sys.modules['docx'] = None\n"
        "import strategiaseuranta as ss\n"
        "from strategiaseuranta.formats import docx\n"
        "try:\n"
        "    ss.dump(ss.load('examples/joensuu/2025-07.yaml'), '/tmp/never.docx')\n"
        "except ss.MissingDependencyError as e:\n"
        "    print(e.extra)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "docx"


# -- hostile files ----------------------------------------------------------------------------------------


def refused(path: Path, code: str) -> ss.Issue:
    started = time.monotonic()
    with pytest.raises(ss.LoadError) as caught:
        ss.load(path)
    assert time.monotonic() - started < 10
    (issue,) = caught.value.issues
    assert issue.code == code, issue.message
    assert issue.location.file == str(path)
    assert str(path) in str(caught.value)
    return issue


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "teksti.docx"
    path.write_text("tämä ei ole Word-tiedosto", encoding="utf-8")
    assert "not a zip package" in refused(path, "L110").message


def test_a_truncated_zip(tmp_path: Path) -> None:
    path = tmp_path / "katkennut.docx"
    path.write_bytes(FIXTURE.read_bytes()[:5000])
    refused(path, "L110")


def test_a_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    path = tmp_path / "muu.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hei")
    assert "not a .docx file (no word/document.xml inside)" in refused(path, "L110").message


def test_an_old_or_encrypted_office_file(tmp_path: Path) -> None:
    path = tmp_path / "salattu.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    assert "encrypted" in refused(path, "L110").message


def test_an_encrypted_member(tmp_path: Path) -> None:
    path = tmp_path / "salattu.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"x")
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # set the "encrypted" flag bit
        at = data.index(signature) + offset
        data[at] |= 0x1
    path.write_bytes(bytes(data))
    assert "encrypted" in refused(path, "L110").message


def test_a_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "pommi.docx"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(20):
            member.write(b"\0" * (1024 * 1024))
    assert "zip bomb" in refused(path, "L108").message


def test_a_member_too_large_when_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "suuri.docx"
    info = zipfile.ZipInfo("word/media/image1.png")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(info, b"x")
    data = bytearray(path.read_bytes())
    # declare 200 MB unpacked in the central directory (a lie a bomb would tell the other way round)
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (200 * 1024 * 1024).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert "limit" in refused(path, "L108").message


def test_too_many_members(tmp_path: Path) -> None:
    path = tmp_path / "monta.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(MAX_MEMBERS + 1):
            archive.writestr(f"word/media/{i}.txt", "")
    assert "2001 members" in refused(path, "L108").message


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def _replace_member(source: Path, target: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, data if info.filename == name else old.read(info))
    return target


def test_billion_laughs_is_refused_before_parsing(tmp_path: Path) -> None:
    path = _replace_member(FIXTURE, tmp_path / "nauru.docx", "word/document.xml", BILLION_LAUGHS)
    assert "DTD" in refused(path, "L110").message


def test_python_docx_would_not_expand_entities_either() -> None:
    """Belt and braces: were the DTD check gone, python-docx's parser (resolve_entities=False, and
    libxml2's amplification limit) refuses or leaves the entities unexpanded, quickly."""
    from docx.oxml.parser import parse_xml
    from lxml import etree

    started = time.monotonic()
    try:
        root = parse_xml(BILLION_LAUGHS)
    except etree.XMLSyntaxError as error:
        assert "amplification" in str(error) or "entity" in str(error).lower()
    else:
        assert len("".join(root.itertext())) < 1000
    assert time.monotonic() - started < 1


def test_hostile_files_exit_the_cli_with_status_2_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _replace_member(FIXTURE, tmp_path / "nauru.docx", "word/document.xml", BILLION_LAUGHS)
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr()
    assert "L110" in out.out
    assert "Traceback" not in out.out + out.err


def test_a_damaged_hidden_part_only_loses_the_hidden_values(example: ss.Report, tmp_path: Path) -> None:
    report = example.replace_goal(example.goals[0].id, id="digi")
    source = tmp_path / "a.docx"
    ss.dump(report, source)
    with zipfile.ZipFile(source) as archive:
        name = next(
            n
            for n in archive.namelist()
            if n.startswith("customXml/item") and b"strategiaseuranta" in archive.read(n)
        )
    damaged = (
        b'<data xmlns="https://strategiaseuranta.readthedocs.io/ns/docx/1">{"version": 1, "goals": 7}</data>'
    )
    path = _replace_member(source, tmp_path / "b.docx", name, damaged)
    back = ss.load(path)
    assert back.goals[0].id == derive_id(back.goals[0].title)
    assert attrs.evolve(back, nodes=example.nodes) == example
