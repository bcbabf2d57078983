"""PDF import: opening safely, page lists, layouts as plugins, damaged and hostile files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import strategiaseuranta as ss
from strategiaseuranta.cli import main
from strategiaseuranta.formats import pdf

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("STRATEGIASEURANTA_CORPUS", ROOT.parent / "shared" / "corpus"))
SEINAJOKI = CORPUS / "seinajoki-tilinpaatos-2024.pdf"
needs_corpus = pytest.mark.skipif(
    not SEINAJOKI.exists(),
    reason="the corpus folder ../shared/corpus is absent (a user's clone); CI always has it",
)


def minimal_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A small well-formed PDF with the given objects (1 is the catalogue)."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\n"
    return out + b"startxref\n%d\n%%%%EOF\n" % xref


PAGE = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
]
ENCRYPT = b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", "L110", "not a PDF"),
        (b"Kunta;Toimielin\n", "L110", "not a PDF (it does not start with '%PDF-')"),
        (b"%PDF-1.4\n garbage \x00\x01", "L110", "not a readable PDF"),
        (
            minimal_pdf(
                [*PAGE, ENCRYPT], b"/Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] "
            ),
            "L110",
            "encrypted (password protected)",
        ),
        (minimal_pdf(PAGE), "L208", ""),
        (minimal_pdf(PAGE)[:60], "L110", "not a readable PDF"),
    ],
)
def test_damaged_encrypted_and_empty_pdfs(tmp_path: Path, content: bytes, code: str, message: str) -> None:
    target = tmp_path / "raportti.pdf"
    target.write_bytes(content)
    with pytest.raises(ss.LoadError) as caught:
        ss.load(target)
    issue = caught.value.issues[0]
    assert (issue.code, issue.location.file) == (code, str(target))
    assert message in issue.message
    assert main(["convert", str(target), str(tmp_path / "x.json")]) in (1, 2)
    assert not (tmp_path / "x.json").exists()


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ss.LoadError, match="L101 no such file"):
        ss.load(tmp_path / "ei.pdf")
    (tmp_path / "kansio.pdf").mkdir()
    with pytest.raises(ss.LoadError, match="L101 is a directory"):
        ss.load(tmp_path / "kansio.pdf")


def test_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(minimal_pdf(PAGE))
    monkeypatch.setattr(pdf, "MAX_PDF_BYTES", 100)
    with pytest.raises(ss.LoadError, match=r"L108 file is \d+ bytes; the limit for PDFs is 100"):
        ss.load(target)
    monkeypatch.setattr(pdf, "MAX_PDF_BYTES", 10**9)
    monkeypatch.setattr(pdf, "MAX_PAGES", 0)
    with pytest.raises(ss.LoadError, match="L108 the PDF has 1 pages; the limit is 0"):
        ss.load(target)


@pytest.mark.parametrize(
    ("text", "pages"),
    [("1", [1]), ("2-4,7", [2, 3, 4, 7]), (" 3 – 5 ", [3, 4, 5]), ("5,5,4", [5, 4]), ("10", [10])],
)
def test_page_lists(text: str, pages: list[int]) -> None:
    assert pdf.parse_pages(text, 10) == pages


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "'0' is not a range of pages from 1 up"),
        ("5-3", "'5-3' is not a range"),
        ("11", "the document has 10 pages"),
        ("a-b", "use numbers and ranges"),
        ("", "use numbers and ranges"),
    ],
)
def test_bad_page_lists(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pdf.parse_pages(text, 10)


def test_bad_pages_option_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(minimal_pdf(PAGE))
    with pytest.raises(ss.LoadError, match=r"r.pdf: error L204 pages '2': the document has 1 pages"):
        ss.load(target, pages="2")


def test_a_layout_plugin_is_used_by_the_schema_that_names_it(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(minimal_pdf(PAGE))
    seen: list[tuple[int, ...]] = []

    def read(source: pdf.PdfInput) -> ss.Report:
        seen.append(tuple(p.page_number for p in source.pages))
        return ss.Report(
            ss.Organisation("Kuusamäki", "Lautakunta"), ss.Period(2025, annual=True), schema="kunta"
        )

    pdf.register_layout(pdf.Layout("kuusamaki", read), replace=True)
    schema = ss.Schema.from_dict({**ss.get_schema("kunta").to_dict(), "name": "kunta", "layout": "kuusamaki"})
    report = ss.load(target, schema=schema, pages="1")
    assert seen == [(1,)]
    assert report.organisation.municipality == "Kuusamäki"
    assert report.source == ss.Source(str(target), "pdf")
    with pytest.raises(ss.SchemaError, match="already registered"):
        pdf.register_layout(pdf.Layout("kuusamaki", lambda s: report))
    bad = ss.Schema.from_dict({**ss.get_schema("kunta").to_dict(), "name": "kunta", "layout": "ei-ole"})
    with pytest.raises(ss.LoadError, match="L205 unknown PDF layout 'ei-ole'; installed: "):
        ss.load(target, schema=bad)


def test_a_missing_extra_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    target = tmp_path / "r.pdf"
    target.write_bytes(minimal_pdf(PAGE))
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(ss.MissingDependencyError, match=r"pip install 'strategiaseuranta\[pdf\]'"):
        ss.load(target)
    assert main(["validate", str(target)]) == 2
    assert "reading .pdf files needs the optional dependency 'pdfplumber'" in capsys.readouterr().err


@needs_corpus
def test_the_layout_is_recognised_without_a_schema() -> None:
    report = ss.load(SEINAJOKI, pages="80")
    assert report.schema == "seinajoki"
    assert [g.attributes["sivu"] for g in report.goals] == [80, 80]


@needs_corpus
def test_convert_the_seinajoki_accounts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    assert main(["convert", str(SEINAJOKI), str(out), "--schema", "seinajoki", "--pages", "79-127"]) == 0
    assert "96 goals" in capsys.readouterr().err
    report = ss.load(out)
    assert len(report.goals) == 96
    assert sum(len(g.metrics) for g in report.goals) == 219
    assert [i for i in ss.validate(report) if i.is_error] == []
