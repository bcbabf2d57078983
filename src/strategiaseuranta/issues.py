"""Issue records: what loading and validation report, and the catalogue of codes.

Every problem the library finds is an :class:`Issue` with a stable code, a
severity, a message and a :class:`Location`. Issues are returned, not raised,
so one pass reports them all.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from strategiaseuranta._lazy import lazy_compile

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CODES", "Code", "Issue", "Location", "Severity", "format_issues", "register_code"]

Pointer = tuple[str | int, ...]
"""A path into the plain data of a file: mapping keys and list indices."""


class Severity(enum.Enum):
    """How bad an issue is: errors make a report invalid, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Code:
    """One entry of the code catalogue.

    Attributes:
        code: The stable code, e.g. ``"V203"``.
        name: A short kebab-case name, e.g. ``"unknown-forecast"``.
        severity: The default severity.
        summary: One sentence for the docs.
        unusable: True when an issue with this code means the input could not be read at all.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    unusable: bool = False


_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        # L1xx: the file cannot be read as text / YAML / JSON at all (exit status 2).
        Code(
            "L101",
            "file-not-found",
            _E,
            "The file does not exist or cannot be opened.",
            unusable=True,
        ),
        Code("L102", "empty-file", _E, "The file is empty or holds only comments.", unusable=True),
        Code("L103", "not-text", _E, "The file is binary, or not UTF-8 text.", unusable=True),
        Code("L104", "syntax-error", _E, "The file is not well-formed YAML or JSON.", unusable=True),
        Code("L105", "duplicate-key", _E, "A mapping has the same key twice.", unusable=True),
        Code("L106", "alias-refused", _E, "YAML anchors and aliases are not accepted.", unusable=True),
        Code("L107", "tag-refused", _E, "YAML tags such as !!python/object are not accepted.", unusable=True),
        Code("L108", "too-large", _E, "The file exceeds a size or nesting limit.", unusable=True),
        Code("L109", "unknown-format", _E, "The file extension names no known format.", unusable=True),
        Code(
            "L110",
            "damaged-document",
            _E,
            "A document (xlsx, docx, pdf) is damaged, encrypted, or not of the kind its extension says.",
            unusable=True,
        ),
        # L2xx: the file is well-formed but does not describe a report (exit status 1).
        Code(
            "L201",
            "wrong-type",
            _E,
            "A value has the wrong type (e.g. a list where a mapping belongs).",
        ),
        Code("L202", "unknown-key", _E, "A key is not part of the format (often a misspelling)."),
        Code("L203", "missing-key", _E, "A required key is missing."),
        Code(
            "L204",
            "invalid-value",
            _E,
            "A value cannot be understood (e.g. a period or a year span).",
        ),
        Code("L205", "unknown-schema", _E, "The file names a schema that is not installed."),
        Code("L206", "unsupported-version", _E, "The file's format version is not supported."),
        Code("L207", "ambiguous-level", _E, "A hierarchy entry names no level, or more than one."),
        Code(
            "L208",
            "no-table",
            _E,
            "A document holds no table or block the importer recognises (wrong layout or schema).",
        ),
        # V2xx: the report was built; validation found problems in its content.
        Code("V201", "duplicate-id", _E, "Two entries of the report have the same id."),
        Code("V202", "missing-text", _E, "A text the schema requires is missing or empty."),
        Code("V203", "unknown-forecast", _E, "A forecast word is not on the schema's scale."),
        Code("V204", "period-outside-years", _E, "The round's period is outside the goal's years."),
        Code(
            "V205",
            "missing-status",
            _E,
            "A goal has no status (realisation or forecast) in the round.",
        ),
        Code("V206", "unparsed-target", _W, "A target level looks quantitative but cannot be parsed."),
        Code(
            "V207",
            "achieved-but-missed",
            _W,
            "The forecast says achieved but a measured value misses its target.",
        ),
        Code("V208", "missing-forecast", _E, "A goal has a realisation text but no forecast."),
        Code("V209", "unknown-level", _E, "A hierarchy entry names a level its schema does not have."),
        Code("V210", "custom-field", _E, "A custom field is missing, undeclared or of the wrong type."),
        Code("V211", "unusual-round", _W, "The report's period is not one of the schema's reporting rounds."),
        # R3xx: checks across reporting rounds (warnings).
        Code(
            "R301",
            "worsened-without-text",
            _W,
            "A forecast worsened but the realisation text was not updated.",
        ),
        Code("R302", "target-changed", _W, "A target level changed during the year."),
        Code("R303", "cumulative-decreased", _W, "A cumulative measured value went down within the year."),
        Code(
            "R304", "goal-disappeared", _W, "A goal present in an earlier round is missing from a later one."
        ),
        Code(
            "R305", "rounds-out-of-order", _W, "Rounds were given out of period order, or two share a period."
        ),
        Code("R306", "uncertain-match", _W, "A goal was matched across rounds by title similarity only."),
    )
}
"""Every issue code the library emits, by code."""


_CODE_PATTERN = lazy_compile(r"[A-Z]{1,4}\d{3}")
_BUILTIN_CODES = frozenset(CODES)


def register_code(code: Code, *, replace: bool = False) -> None:
    """Add an issue code for a plugin's own rules (e.g. ``"VBY101"``).

    Raises:
        ValueError: The code is malformed, built in, or already registered.

    Example:
        >>> register_code(Code("DEMO101", "demo-check", Severity.WARNING, "A demonstration."), replace=True)
        >>> Issue("DEMO101", "shown as a warning").severity
        <Severity.WARNING: 'warning'>
    """
    if not _CODE_PATTERN.fullmatch(code.code):
        raise ValueError(f"issue code {code.code!r} must be 1-4 capital letters and 3 digits, e.g. 'VBY101'")
    if code.code in _BUILTIN_CODES:
        raise ValueError(f"issue code {code.code!r} is built in; choose a code of your own")
    if code.code in CODES and not replace and CODES[code.code] != code:
        raise ValueError(f"issue code {code.code!r} is already registered; pass replace=True to replace it")
    CODES[code.code] = code


@attrs.frozen
class Location:
    """Where an issue is: in a file, and in the strategy hierarchy.

    Attributes:
        file: The file's path as given, or ``None`` for a report built in memory.
        line: 1-based line (in a table: the row), when known.
        column: 1-based column, when known.
        pointer: The path into the file's data, e.g. ``("sisältö", 0, "tavoitteet", 2)``.
        hierarchy: Titles from the top of the hierarchy down to the entry, for people.
        sheet: In a workbook or a document's tables: the sheet or table, shown as
            ``book.xlsx:Tavoitteet!C5`` (row and column as a cell reference).
        page: In a PDF: the 1-based page, shown as ``report.pdf:p.80``.

    Example:
        >>> str(Location("kirja.xlsx", 5, 3, sheet="Tavoitteet")), str(Location("r.pdf", page=80))
        ('kirja.xlsx:Tavoitteet!C5', 'r.pdf:p.80')
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None
    pointer: Pointer = ()
    hierarchy: tuple[str, ...] = ()
    sheet: str | None = None
    page: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<report>"]
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.sheet is not None:
            cell = f"{column_letter(self.column)}{self.line}" if self.line and self.column else ""
            row = f"row {self.line}" if self.line and not self.column else ""
            parts.append(f"{self.sheet}!{cell or row}".rstrip("!"))
        elif self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @property
    def path(self) -> str:
        """The pointer as text, e.g. ``sisältö[0].tavoitteet[2].ennuste``.

        Example:
            >>> Location("a.yaml", pointer=("sisältö", 0, "tavoitteet", 2, "ennuste")).path
            'sisältö[0].tavoitteet[2].ennuste'
        """
        out = ""
        for step in self.pointer:
            out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
        return out


def column_letter(column: int | None) -> str:
    """A 1-based column number as a spreadsheet letter (1 → A, 27 → AA).

    Example:
        >>> column_letter(3), column_letter(28)
        ('C', 'AB')
    """
    out = ""
    number = column or 0
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


@attrs.frozen
class Issue:
    """One problem found in a file or a report.

    Attributes:
        code: A code from :data:`CODES`.
        message: What is wrong, for people; names the offending value.
        location: Where.
        severity: Error or warning; defaults to the code's severity.

    Example:
        >>> issue = Issue("V203", "unknown forecast word 'Toteutu'", Location("a.yaml", 12, 16))
        >>> print(issue.format())
        a.yaml:12:16: error V203 unknown forecast word 'Toteutu'
    """

    code: str = attrs.field()
    message: str
    location: Location = Location()
    severity: Severity = attrs.field()

    @code.validator
    def _known_code(self, _: attrs.Attribute[str], value: str) -> None:
        if value not in CODES:  # looked up at call time: plugins register codes later
            raise ValueError(f"unknown issue code {value!r}; register it with register_code() first")

    @severity.default
    def _default_severity(self) -> Severity:
        entry = CODES.get(self.code)
        return entry.severity if entry else Severity.ERROR  # unknown codes fail validation below

    @property
    def is_error(self) -> bool:
        """True for errors, False for warnings."""
        return self.severity is Severity.ERROR

    @property
    def unusable(self) -> bool:
        """True when this issue means the input could not be read at all."""
        return CODES[self.code].unusable

    def format(self, *, hierarchy: bool = False) -> str:
        """Format as ``file:line:col: severity code message``.

        Args:
            hierarchy: Append the titles of the entry's place in the hierarchy.

        Example:
            >>> where = Location("a.yaml", 12, 16, hierarchy=("Osallisuuden Joensuu", "Testaamme"))
            >>> print(Issue("V203", "unknown forecast word 'Toteutu'", where).format(hierarchy=True))
            a.yaml:12:16: error V203 unknown forecast word 'Toteutu' [Osallisuuden Joensuu › Testaamme]
        """
        text = f"{self.location}: {self.severity.value} {self.code} {_one_line(self.message)}"
        if hierarchy and self.location.hierarchy:
            text += " [" + " › ".join(_shorten(_one_line(t)) for t in self.location.hierarchy) + "]"
        return text

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON output.

        Example:
            >>> data = Issue("R302", "target level changed", Location("b.yaml", pointer=("x", 0))).to_dict()
            >>> data["name"], data["severity"], data["path"], data["line"]
            ('target-changed', 'warning', 'x[0]', None)
        """
        loc = self.location
        return {
            "code": self.code,
            "name": CODES[self.code].name,
            "severity": self.severity.value,
            "message": self.message,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "path": loc.path,
            "hierarchy": list(loc.hierarchy),
            "sheet": loc.sheet,
            "page": loc.page,
        }


_BREAKS = lazy_compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def _one_line(text: str) -> str:
    """Texts with line breaks (a multi-line title, say) shown on one line."""
    return _BREAKS.sub(" ⏎ ", text) if _BREAKS.search(text) else text


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def format_issues(issues: Iterable[Issue], *, hierarchy: bool = False) -> str:
    """Format issues one per line, in the order given.

    Example:
        >>> print(format_issues([Issue("L101", "file not found", Location("x.yaml"))]))
        x.yaml: error L101 file not found
    """
    return "\n".join(issue.format(hierarchy=hierarchy) for issue in issues)
