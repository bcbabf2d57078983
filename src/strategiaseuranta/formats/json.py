"""The JSON format: English keys, every field written, for machines.

Version 2 (written since 0.1; see the changelog) mirrors the model record for record:
the municipality and body sit in ``organisation`` and a goal's realisation and forecast
in ``status``. Version 1 files (flat) are still read. Both are documented by JSON
Schemas shipped in the package (``strategiaseuranta/data/report-v2.schema.json`` and
``report-v1.schema.json``).

Files are read and written by msgspec in C (``_json_fast.py``). A file the fast path
does not take exactly as written (a key left out, a duplicate key, a number where text
belongs, ...) is read by the issue-collecting reader instead, which reports every problem
with its line and column.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from strategiaseuranta._lazy import lazy_compile, paused_gc
from strategiaseuranta.formats._files import atomic_write, decode, fail, read_bytes
from strategiaseuranta.formats._plain import JSON_DIALECT, Writer, build_report
from strategiaseuranta.model import Report

__all__ = ["dump_report", "dumps_report", "encode_report", "load_report", "loads_report", "to_plain"]


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def loads_plain(text: str, name: str | None = None) -> Any:
    """Parse JSON text into plain data, refusing duplicate keys, NaN and deep nesting.

    The C parser guards its own recursion; hierarchy entries deeper than
    :data:`~strategiaseuranta.formats._plain.MAX_NESTING` are refused by the reader.

    Example:
        >>> loads_plain('{"a": [1, 2]}')
        {'a': [1, 2]}
    """
    try:
        with paused_gc():
            data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except _DuplicateKeyError as error:
        raise fail("L105", f"duplicate key {error.key!r}", name) from None
    except json.JSONDecodeError as error:
        raise fail("L104", f"JSON syntax error: {error.msg}", name, error.lineno, error.colno) from None
    except RecursionError:
        raise fail("L108", "nesting deeper than the JSON parser allows", name) from None
    except ValueError as error:
        raise fail("L104", f"JSON syntax error: {error}", name) from None
    if "\\u" in text:
        _refuse_lone_surrogates(text, name)
    return data


_SURROGATE = lazy_compile(r"\\u[dD]([89abAB])[0-9a-fA-F]{2}|\\u[dD][c-fC-F][0-9a-fA-F]{2}")
"""A surrogate escape; group 1 is set for a high (first) half."""


def _refuse_lone_surrogates(text: str, name: str | None) -> None:
    r"""Refuse ``\ud83d`` without its other half: JSON allows it, but it is not a character.

    Python's parser would make it a lone surrogate, which no UTF-8 file (and no YAML) can
    hold, so the report could be loaded but never saved.
    """
    waiting: re.Match[str] | None = None  # a high half, waiting for its low half
    for match in _SURROGATE.finditer(text):
        at = match.start()
        before = at
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (at - before) % 2:
            continue  # an escaped backslash followed by the letters "ud83d"
        high = match.group(1) is not None
        if waiting is not None and waiting.end() == at and not high:
            waiting = None  # the pair is complete
            continue
        lone = waiting if waiting is not None else (None if high else match)
        if lone is not None:
            _lone(lone, text, name)
        waiting = match if high else None
    if waiting is not None:
        _lone(waiting, text, name)


def _line_column(text: str, at: int) -> tuple[int, int]:
    """The 1-based line and column of offset ``at`` in ``text``."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _lone(match: re.Match[str], text: str, name: str | None) -> None:
    at = match.start()
    line, column = _line_column(text, at)
    raise fail(
        "L103",
        f"{match.group(0)} is half of a character (a lone surrogate), which no UTF-8 file can hold; "
        "was the text cut in the middle of an emoji?",
        name,
        line,
        column,
    )


def loads_report(text: str | bytes, name: str | None = None) -> Report:
    """Build a report from JSON text (``str``, or UTF-8 ``bytes``).

    Raises:
        LoadError: With every problem found.

    Example:
        >>> import strategiaseuranta as ss
        >>> report = ss.load("examples/joensuu/2025-07.yaml")
        >>> loads_report(dumps_report(report)) == report
        True
    """
    from strategiaseuranta.formats import _json_fast  # noqa: PLC0415 - msgspec on first use

    with paused_gc(keep=True):
        report = _json_fast.load(text if isinstance(text, bytes) else _utf8(text, name), name)
    if report is not None:
        return report
    text = decode(text, name) if isinstance(text, bytes) else text.removeprefix("\ufeff")
    return build_report(loads_plain(text, name), JSON_DIALECT, name, text)


def _utf8(text: str, name: str | None) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate, in a str made by a program
        at = error.start
        line, column = _line_column(text, at)
        half = text[at : at + 1].encode("unicode_escape").decode()
        raise fail(
            "L103", f"{half} is half of a character (a lone surrogate), not text", name, line, column
        ) from None


def load_report(path: str | os.PathLike[str]) -> Report:
    """Load a report from a JSON file.

    Raises:
        LoadError: With every problem found, each at its line and column.
    """
    name = os.fspath(path)
    return loads_report(read_bytes(name), name)


def to_plain(report: Report) -> dict[str, Any]:
    """The report as JSON-ready plain data, in the documented format.

    Example:
        >>> import strategiaseuranta as ss
        >>> data = to_plain(ss.load("examples/joensuu/2025-07.yaml"))
        >>> data["format_version"], data["organisation"]["municipality"], data["period"]
        (2, 'Joensuu', {'year': 2025, 'start_month': 1, 'end_month': 7, 'annual': False})
    """
    with paused_gc():
        return Writer(JSON_DIALECT, report).plain()


def encode_report(report: Report, *, indent: int | None = None) -> bytes:
    """The report as UTF-8 JSON bytes, compact unless ``indent`` is given.

    The files :func:`dump_report` writes end with a newline after this.

    The report's own keys come in the documented order (``format_version``, ``schema``,
    ``organisation``, ``period``, ``title``, ``nodes``). In compact output every record
    below it (the organisation, period, entries, goals, years, statuses, metrics and
    forecasts) has its keys in alphabetical order, as msgspec encodes the model's records;
    indented output, for people, keeps the documented order throughout.

    Raises:
        WriteError: What a reader would refuse: a level the report's schema lacks, nesting
            deeper than 50 entries, a text holding half a character.

    Example:
        >>> import strategiaseuranta as ss
        >>> encode_report(ss.load("examples/joensuu/2025-07.yaml"))[:40]
        b'{"format_version":2,"schema":"joensuu","'
    """
    from strategiaseuranta.formats import _json_fast  # noqa: PLC0415 - msgspec on first use

    return _json_fast.encode(report, indent=indent)


def dumps_report(report: Report, *, indent: int | None = None) -> str:
    """Render a report as JSON text (å ä ö written as they are), compact unless ``indent`` is given.

    Example:
        >>> import strategiaseuranta as ss
        >>> print(dumps_report(ss.load("examples/joensuu/2025-07.yaml"), indent=2)[:47])
        {
          "format_version": 2,
          "schema": "joensuu",
    """
    return encode_report(report, indent=indent).decode("utf-8")


def dump_report(report: Report, path: str | os.PathLike[str], *, indent: int | None = None) -> None:
    """Write a report to a JSON file atomically: compact, or indented by ``indent`` spaces.

    Example:
        >>> import pathlib, tempfile, strategiaseuranta as ss
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "kierros.json"
        >>> dump_report(ss.load("examples/joensuu/2025-07.yaml"), out, indent=2)
        >>> out.read_text(encoding="utf-8").splitlines()[1]
        '  "format_version": 2,'
    """
    data = encode_report(report, indent=indent)

    def write(handle: Any) -> None:
        handle.write(data)
        handle.write(b"\n")

    atomic_write(path, write, binary=True)
