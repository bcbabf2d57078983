"""examples/analysis.ipynb runs clean in a Jupyter kernel, and is committed without outputs.

Also: examples/seinajoki/tilinpaatos-2024.json, which the notebook and the docs read, is
exactly what the library's PDF import makes of the corpus file today.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

import strategiaseuranta as ss

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "analysis.ipynb"
SEINAJOKI = EXAMPLES / "seinajoki" / "tilinpaatos-2024.json"
CORPUS = Path(os.environ.get("STRATEGIASEURANTA_CORPUS", ROOT.parent / "shared" / "corpus"))
PDF = CORPUS / "seinajoki-tilinpaatos-2024.pdf"
PNG = b"\x89PNG\r\n\x1a\n"


# -- the committed notebook -------------------------------------------------------------------


def test_the_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert notebook.nbformat == 4
    assert notebook.metadata.kernelspec.name == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert len(code) >= 10
    for cell in code:
        assert cell.outputs == [], f"cell {cell.id} is committed with outputs"
        assert cell.execution_count is None, f"cell {cell.id} is committed with an execution count"
    for cell in notebook.cells:
        assert "attachments" not in cell, f"cell {cell.id} carries attachments"
    assert "Seinäjoki" in NOTEBOOK.read_text(encoding="utf-8")  # written as UTF-8, not as escapes


def test_the_kernel_is_this_interpreter() -> None:
    """The notebook runs in the venv that `make` built: its python3 kernel starts sys.executable."""
    command = KernelManager(kernel_name="python3").format_kernel_cmd()
    assert command[0] == sys.executable
    assert command[1:3] == ["-m", "ipykernel_launcher"]


# -- the notebook, executed ---------------------------------------------------------------------


class Run:
    """An executed copy of the notebook."""

    def __init__(self, notebook: nbformat.NotebookNode) -> None:
        self.notebook = notebook

    def outputs(self) -> Iterator[tuple[nbformat.NotebookNode, nbformat.NotebookNode]]:
        for cell in self.notebook.cells:
            for output in cell.get("outputs", []):
                yield cell, output

    def data(self, mime: str) -> list[str]:
        return [output.data[mime] for _, output in self.outputs() if mime in output.get("data", {})]

    def cell_output(self, number: int) -> list[nbformat.NotebookNode]:
        (cell,) = [cell for cell in self.notebook.cells if cell.id == f"cell-{number:02d}"]
        return list(cell.outputs)


@pytest.fixture(scope="module", params=["examples", "root"])
def run(request: pytest.FixtureRequest) -> Run:
    """The notebook executed where Jupyter opens it (examples/), and from the repository's root."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES if request.param == "examples" else ROOT)}},
    )
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    print(f"examples/analysis.ipynb executed in {seconds:.1f} s ({request.param})")  # shown with pytest -s
    return Run(notebook)


def test_every_code_cell_ran_in_order(run: Run) -> None:
    code = [cell for cell in run.notebook.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))


def test_no_cell_gives_an_error_or_writes_to_stderr(run: Run) -> None:
    errors = [(cell.id, output.ename) for cell, output in run.outputs() if output.output_type == "error"]
    assert errors == []
    stderr = [(cell.id, output.text) for cell, output in run.outputs() if output.get("name") == "stderr"]
    assert stderr == [], "warnings or tracebacks on stderr"


def test_the_figures_are_images(run: Run) -> None:
    shown = [cell.id for cell, output in run.outputs() if "image/png" in output.get("data", {})]
    # bars (Seinäjoki), targets, bars per round (Joensuu), transitions, bars in English
    assert shown == ["cell-08", "cell-12", "cell-22", "cell-24", "cell-30"]
    images = [base64.b64decode(png) for png in run.data("image/png")]
    for image in images:
        assert image.startswith(PNG)
        width, height = int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")
        assert 300 <= width <= 3000 and 150 <= height <= 3000, (width, height)
    text = [output.data["text/plain"] for _, output in run.outputs() if "image/png" in output.get("data", {})]
    assert all(plain.startswith("<Figure size") for plain in text)


def test_the_report_the_goal_and_the_diff_show_as_html(run: Run) -> None:
    (report,) = [output.data["text/html"] for output in run.cell_output(4)]
    assert "Joensuu · Hyvinvoinnin ja osallisuuden edistämisen lautakunta" in report
    assert "Osallisuuden, menon ja meiningin Joensuu" in report
    assert "Toteutuu osittain" in report and "Toteutunut" in report
    (diff,) = [output.data["text/html"] for output in run.cell_output(14)]
    assert "tammi–heinäkuu 2025 → tilinpäätös 2025" in diff
    assert "Keinot monipaikkaisten asukkaiden tavoittamiseksi on vakiinnutettu." in diff
    (goal,) = [output.data["text/html"] for output in run.cell_output(16)]
    assert "<strong>Keinot monipaikkaisten asukkaiden tavoittamiseksi on vakiinnutettu.</strong>" in goal
    assert "Kyläkummitoiminnan kartoitus siirtyi vuodelle 2026" in goal and "Toteutuu osittain" in goal


def test_the_tables_hold_the_cities_words(run: Run) -> None:
    (risks,) = [output.data["text/html"] for output in run.cell_output(6)]
    assert "<th>tulosalue</th>" in risks and "120 Tarkastustoimi" in risks and "not_achieved" in risks
    (red,) = [output.data["text/html"] for output in run.cell_output(10)]
    assert "<td>Kansainvälistymisen passi</td>" in red and "<td>70–100 %</td>" in red
    (changes,) = [output.data["text/html"] for output in run.cell_output(18)]
    assert "tammi–heinäkuu 2025" in changes and "<th>worsened</th>" in changes
    (pivot,) = [output.data["text/html"] for output in run.cell_output(20)]
    assert "Toteutuu osittain" in pivot and "tilinpäätös 2025" in pivot
    (shares,) = [output.data["text/html"] for output in run.cell_output(26)]
    assert "Seinäjoki" in shares and "tilinpäätös 2024" in shares and "on_track" in shares


def test_the_summary_needs_no_table(run: Run) -> None:
    (printed,) = [output.text for output in run.cell_output(28) if output.output_type == "stream"]
    summaries = ss.count_forecasts(
        [ss.load(EXAMPLES / "joensuu" / "2025-12.yaml"), ss.load(SEINAJOKI)], by="municipality"
    )
    assert printed.splitlines() == [
        f"{s.municipality:10} {s.period:17} {s.goals:3} goals, {s.share_on_track:.0%} on track"
        for s in summaries
    ]
    assert printed.splitlines()[0].startswith("Joensuu    tilinpäätös 2025    7 goals, 86% on track")


# -- the Seinäjoki example is the library's own import -------------------------------------------


def test_the_seinajoki_example_is_the_accounts_imported() -> None:
    report = ss.load(SEINAJOKI)
    assert (report.organisation.municipality, str(report.period), report.schema) == (
        "Seinäjoki",
        "tilinpäätös 2024",
        "seinajoki",
    )
    assert len(report.goals) == 96
    assert sum(len(goal.metrics) for goal in report.goals) == 219
    issues = ss.validate(report)
    assert sorted(issue.code for issue in issues) == ["V206"] * 3 + ["V207"] * 2 + ["V208"] * 2
    assert {goal.attributes["sivu"] for goal in report.goals} <= set(range(79, 128))


@pytest.mark.skipif(
    not PDF.exists(),
    reason="the corpus folder ../shared/corpus is absent (a user's clone); CI always has it",
)
def test_the_seinajoki_example_equals_a_fresh_conversion(tmp_path: Path) -> None:
    fresh = tmp_path / "tilinpaatos-2024.json"
    command = [str(PDF), str(fresh), "--schema", "seinajoki", "--pages", "79-127", "--indent", "2"]
    done = subprocess.run(  # the command examples/seinajoki/README.md gives
        [sys.executable, "-m", "strategiaseuranta", "convert", *command],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert ss.load(fresh) == ss.load(SEINAJOKI)
    assert fresh.read_bytes() == SEINAJOKI.read_bytes()
