"""The JSON format: English keys, every field written, for machines.

The structure is documented by a JSON Schema shipped in the package
(``strategiaseuranta/data/report-v1.schema.json``).
"""

from __future__ import annotations

import json
import os
from typing import Any

from strategiaseuranta._lazy import paused_gc
from strategiaseuranta.formats._files import atomic_write, fail, read_text
from strategiaseuranta.formats._plain import JSON_DIALECT, Writer, build_report
from strategiaseuranta.model import Report

__all__ = ["dump_report", "dumps_report", "load_report", "loads_report", "to_plain"]


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
            return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant)
    except _DuplicateKeyError as error:
        raise fail("L105", f"duplicate key {error.key!r}", name) from None
    except json.JSONDecodeError as error:
        raise fail("L104", f"JSON syntax error: {error.msg}", name, error.lineno, error.colno) from None
    except RecursionError:
        raise fail("L108", "nesting deeper than the JSON parser allows", name) from None
    except ValueError as error:
        raise fail("L104", f"JSON syntax error: {error}", name) from None


def loads_report(text: str, name: str | None = None) -> Report:
    """Build a report from JSON text.

    Raises:
        LoadError: With every problem found.
    """
    return build_report(loads_plain(text, name), JSON_DIALECT, name, text)


def load_report(path: str | os.PathLike[str]) -> Report:
    """Load a report from a JSON file."""
    name = os.fspath(path)
    return loads_report(read_text(name), name)


def to_plain(report: Report) -> dict[str, Any]:
    """The report as JSON-ready plain data, in the documented format.

    Example:
        >>> import strategiaseuranta as ss
        >>> data = to_plain(ss.load("examples/joensuu/2025-07.yaml"))
        >>> data["format_version"], data["period"]
        (1, {'year': 2025, 'start_month': 1, 'end_month': 7, 'annual': False})
    """
    with paused_gc():
        return Writer(JSON_DIALECT, report).plain()


def dumps_report(report: Report, *, indent: int | None = 2) -> str:
    """Render a report as JSON text (UTF-8, å ä ö written as they are)."""
    return json.dumps(to_plain(report), ensure_ascii=False, indent=indent) + "\n"


def dump_report(report: Report, path: str | os.PathLike[str]) -> None:
    """Write a report to a JSON file atomically."""
    text = dumps_report(report)
    atomic_write(path, lambda handle: handle.write(text))
