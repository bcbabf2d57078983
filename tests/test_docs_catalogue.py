"""The reference pages of the docs list everything they claim to list.

- docs/validation.md has a table row for every issue code, with its name, severity and
  exit status;
- docs/format.md names every file key, Finnish and English, on one line;
- docs/api.md documents every public name of the package.

The examples in the docs are run by the repo-root conftest.py (Sybil); these tests catch
the other way docs rot: a new code, key or public name that nobody documented.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import strategiaseuranta
from strategiaseuranta.formats._plain import _KEYS
from strategiaseuranta.issues import _BUILTIN_CODES, CODES, Severity

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _page(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def _code_rows() -> dict[str, list[str]]:
    """Rows of the code table in validation.md: code -> cells (without backticks)."""
    rows: dict[str, list[str]] = {}
    for line in _page("validation.md").splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells and cells[0] in CODES:
            rows[cells[0]] = cells
    return rows


@pytest.mark.parametrize("code", sorted(_BUILTIN_CODES))
def test_every_code_is_in_the_validation_table(code: str) -> None:
    rows = _code_rows()
    assert code in rows, f"docs/validation.md has no table row for {code}"
    entry = CODES[code]
    _, name, severity, meaning, exit_status = rows[code]
    assert name == entry.name
    assert severity == entry.severity.value
    assert meaning
    if entry.unusable:
        assert exit_status == "2"
    elif entry.severity is Severity.WARNING:
        assert exit_status.startswith("0")
    else:
        assert exit_status == "1"


def test_the_validation_table_lists_no_unknown_codes() -> None:
    table_codes = set()
    for line in _page("validation.md").splitlines():
        match = re.match(r"\|\s*`([LVR]\d{3})`\s*\|", line)
        if match:
            table_codes.add(match.group(1))
    assert table_codes == set(_BUILTIN_CODES)  # codes plugins register are documented by the plugins


@pytest.mark.parametrize(
    ("kind", "field"),
    [(kind, field) for kind, fields in _KEYS.items() for field in fields],
)
def test_every_key_is_in_the_format_reference(kind: str, field: str) -> None:
    finnish, english = _KEYS[kind][field]
    lines = _page("format.md").splitlines()
    together = [
        line for line in lines if line.startswith("|") and f"`{finnish}`" in line and f"`{english}`" in line
    ]
    assert together, f"docs/format.md has no table row with `{finnish}` and `{english}` ({kind}.{field})"


def test_the_complete_yaml_example_uses_every_report_goal_and_metric_key() -> None:
    example = _page("format.md").split("```yaml\n")[1].split("```")[0]
    keys = set(re.findall(r"^[ -]*([^\s:#][^:\n]*):", example, flags=re.MULTILINE))
    for kind in ("report", "goal", "metric"):
        for finnish, _ in _KEYS[kind].values():
            assert finnish in keys, f"the first YAML example in docs/format.md lacks {finnish!r}"


_DIRECTIVE = re.compile(
    r"^\s*\.\. (?:auto(?:class|function|exception|data|attribute|method|module)|py:\w+)::\s+"
    r"(?:strategiaseuranta\.)?(?P<name>[A-Za-z_]\w*)\b",
    flags=re.MULTILINE,
)


def _documented_in_api_page() -> set[str]:
    text = _page("api.md")
    names = {match.group("name") for match in _DIRECTIVE.finditer(text)}
    if re.search(r"^\s*\.\. automodule:: strategiaseuranta\s*$\n\s*:members:", text, flags=re.MULTILINE):
        names |= set(strategiaseuranta.__all__)
    return names


@pytest.mark.parametrize("name", sorted(set(strategiaseuranta.__all__) - {"__version__"}))
def test_every_public_name_is_in_the_api_reference(name: str) -> None:
    assert name in _documented_in_api_page(), f"docs/api.md does not document strategiaseuranta.{name}"
