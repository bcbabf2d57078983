"""The contract of the JSON fast path, checked by the adversarial tests of both format versions.

For every input, ``_json_fast.load`` returns ``None`` or exactly the report the
issue-collecting reader builds (equal, every value of the same type and sign, equal
``.source`` and hash); ``loads_report`` raises the reader's issues for files the reader
refuses. Also: JSON objects as lists of pairs, so that tests can repeat and drop keys.
"""

from __future__ import annotations

from typing import Any

import attrs

from strategiaseuranta.exceptions import LoadError
from strategiaseuranta.formats import _json_fast
from strategiaseuranta.formats import json as jsonfmt
from strategiaseuranta.formats._files import decode
from strategiaseuranta.formats._plain import JSON_DIALECT, build_report
from strategiaseuranta.model import Report

NAME = "r.json"


def deep(x: Any) -> Any:
    """Every value of a record tree with its type; floats bit for bit (``-0.0`` is not ``0.0``).

    ``repr(report)`` is one short line, and ``1 == 1.0 == True``, so neither alone shows drift.
    """
    if attrs.has(type(x)):
        fields = attrs.fields(type(x))
        return (
            type(x).__name__,
            tuple((a.name, deep(getattr(x, a.name))) for a in fields if a.name != "source"),
        )
    if isinstance(x, dict):
        return (type(x).__name__, tuple((deep(k), deep(v)) for k, v in x.items()))
    if isinstance(x, list | tuple):
        return (type(x).__name__, tuple(deep(v) for v in x))
    if isinstance(x, float):
        return ("float", x.hex())
    return (type(x).__name__, repr(x))


def slow(text: str, name: str | None = NAME) -> Report | LoadError:
    """What the issue-collecting reader makes of the text: a report, or its error."""
    try:
        return build_report(jsonfmt.loads_plain(text, name), JSON_DIALECT, name, text)
    except LoadError as error:
        return error


def slow_bytes(data: bytes, name: str | None = NAME) -> Report | LoadError:
    """The reader on bytes, as ``loads_report(bytes)`` falls back to it."""
    try:
        text = decode(data, name)
    except LoadError as error:
        return error
    return slow(text, name)


def issues(error: LoadError) -> list[str]:
    return [str(i) for i in error.issues]


def codes(result: Report | LoadError) -> list[str]:
    return [] if isinstance(result, Report) else [i.code for i in result.issues]


def same_report(got: Report, expected: Report) -> None:
    assert got == expected
    assert repr(got) == repr(expected)
    assert deep(got) == deep(expected), "equal, but not the same values (types or signs differ)"
    assert got.source == expected.source
    assert hash(got) == hash(expected)


def _public(public_input: str | bytes, name: str | None) -> Report | LoadError:
    try:
        return jsonfmt.loads_report(public_input, name)
    except LoadError as error:
        return error


def _check(data: bytes, expected: Report | LoadError, public_input: str | bytes, name: str | None) -> None:
    fast = _json_fast.load(data, name)  # must not raise
    if fast is not None:
        assert isinstance(expected, Report), f"the fast path took what the reader refuses: {expected}"
        same_report(fast, expected)
    public = _public(public_input, name)
    if isinstance(expected, LoadError):
        assert isinstance(public, LoadError), "the public reader took what the reader refuses"
        assert issues(public) == issues(expected)
    else:
        assert isinstance(public, Report), f"the public reader refused a good file: {public}"
        same_report(public, expected)


def agrees(text: str, name: str | None = NAME) -> Report | LoadError:
    """Fast path, public reader and slow reader agree on a text; the reader's result."""
    expected = slow(text, name)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only the public reader can be asked
        public = _public(text, name)
        assert type(public) is type(expected)
        if isinstance(expected, LoadError):
            assert isinstance(public, LoadError)
            assert issues(public) == issues(expected)
        else:
            assert public == expected
    else:
        _check(data, expected, text, name)
    return expected


def agrees_bytes(data: bytes, name: str | None = NAME) -> Report | LoadError:
    """The same on raw bytes (``load_report`` of a file)."""
    expected = slow_bytes(data, name)
    _check(data, expected, data, name)
    return expected


class Obj(list):  # type: ignore[type-arg]
    """A JSON object as a list of [key, value] pairs (so keys may repeat)."""


def pairs(x: Any) -> Any:
    """Plain data with every dict turned into an :class:`Obj`."""
    if isinstance(x, dict):
        return Obj([[k, pairs(v)] for k, v in x.items()])
    if isinstance(x, list):
        return [pairs(v) for v in x]
    return x


def objects(x: Any, out: list[Obj]) -> list[Obj]:
    """Every :class:`Obj` in ``x``, depth first, appended to ``out``."""
    if isinstance(x, Obj):
        out.append(x)
        for _, v in x:
            objects(v, out)
    elif isinstance(x, list):
        for v in x:
            objects(v, out)
    return out
