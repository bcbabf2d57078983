"""Adversarial probes of the msgspec fast path of JSON reading and writing.

The contract: for every input, ``_json_fast.load`` returns ``None`` or exactly the report
the issue-collecting reader builds (equal, the same plain data by ``repr``: no 1 ↔ 1.0 ↔ True or -0.0 ↔ 0.0
drift, equal ``.source``); ``loads_report`` raises the reader's issues for files the reader
refuses. And ``encode_report(report)`` is JSON that ``json.loads`` reads to exactly
``to_plain(report)``, or a clear ``WriteError``; never a Python traceback.

Tests named ``test_bug_...`` demonstrate a bug and fail; the others document an attack
that was considered and is handled.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strategiaseuranta as ss
from jsoncontract import NAME, Obj, agrees, agrees_bytes, codes, objects, pairs
from strategiaseuranta import registry
from strategiaseuranta.exceptions import LoadError, SchemaError, WriteError
from strategiaseuranta.formats import _json_fast
from strategiaseuranta.formats import json as jsonfmt
from strategiaseuranta.model import Node, Report
from strategiaseuranta.testing import reports, texts

ROOT = Path(__file__).parent.parent
EXAMPLE = ss.load(ROOT / "examples/joensuu/2025-07.yaml")
PLAIN = jsonfmt.to_plain(EXAMPLE)
BASE = json.dumps(PLAIN, ensure_ascii=False)


def edit(old: str, new: str, count: int = 1, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, count)


def with_attributes(body: str) -> str:
    return edit('"attributes": {}', '"attributes": {' + body + "}")


def with_municipality(spelled: str) -> str:
    return edit('"municipality": "Joensuu"', f'"municipality": {spelled}')


DUP = '"binding": false, "binding": true'


def dup(text: str) -> str:
    return edit('"binding": false', DUP, text=text)


def _is_report(result: Report | LoadError) -> bool:
    return isinstance(result, Report)


# -- reading: every attack must give the reader's answer ----------------------------------------

READ_ATTACKS: list[tuple[str, str]] = [
    # keys spelled with escapes, whitespace around colons
    ("key with \\u escape", edit('"title": ', '"titl\\u0065": ')),
    ("key with uppercase \\u escape", edit('"title": ', '"titl\\u0045": ')),
    (
        "duplicate hidden by an escaped key",
        edit('"binding": false', '"binding": false, "bindin\\u0067": true'),
    ),
    ("whitespace before every colon", BASE.replace('": ', '" \t\r\n : ')),
    ("no whitespace at all", json.dumps(PLAIN, ensure_ascii=False, separators=(",", ":"))),
    ("all non-ASCII escaped", json.dumps(PLAIN, ensure_ascii=True)),
    ("indented", json.dumps(PLAIN, ensure_ascii=False, indent=3)),
    # escapes in values
    ("\\/ escape", with_municipality('"Joen\\/suu"')),
    ("surrogate pair escape", with_municipality('"Joensuu \\ud834\\udd1e"')),
    ("lone high surrogate escape", with_municipality('"Joensuu \\ud800"')),
    ("lone low surrogate escape", with_municipality('"Joensuu \\udc00"')),
    ("reversed surrogate pair escape", with_municipality('"\\udd1e\\ud834"')),
    ("NUL escape", with_municipality('"Joen\\u0000suu"')),
    ("raw control character", with_municipality('"Joen\tsuu"')),
    ("raw DEL", with_municipality('"Joen\x7fsuu"')),
    ("raw U+2028 U+2029", with_municipality('"Joen\u2028suu\u2029"')),
    ("raw noncharacters", with_municipality('"\ufffe\uffff\U0010ffff"')),
    ("empty text", with_municipality('""')),
    ("value holding \\u0022:", with_municipality('"Joen\\": \\"suu"')),
    # colons inside texts, spelled in every way, with and without a duplicate
    ("colon in a text", with_municipality('"klo 12:00"')),
    ("escaped colon in a text", with_municipality('"klo 12\\u003a00"')),
    ("escaped backslash then u003a (no colon)", with_municipality('"Joensuu\\\\u003a"')),
    ("escaped backslash then u003a, duplicate", dup(with_municipality('"Joensuu\\\\u003a"'))),
    ("escaped \\u005c then u003a", with_municipality('"Joensuu\\u005cu003a"')),
    ("escaped \\u005c then u003a, duplicate", dup(with_municipality('"Joensuu\\u005cu003a"'))),
    ("lost duplicate value holding colons", with_municipality('"a:b\\u003a", "municipality": "Joensuu"')),
    (
        "lost duplicate value holding an escaped quote and colon",
        with_municipality('"a\\":b", "municipality": "x"'),
    ),
    # duplicates everywhere
    ("duplicate in the period", edit('"year": 2025', '"year": 2024, "year": 2025')),
    ("duplicate in years", edit('"start": 2025', '"start": 2025, "start": 2025')),
    ("duplicate in a forecast", edit('"level": "on_track"', '"level": "on_track", "level": "on_track"')),
    ("duplicate report key", edit('"title": null', '"title": null, "title": null')),
    ("duplicate node key", edit('"level": "painopiste"', '"level": "painopiste", "level": "painopiste"')),
    ("duplicate with a missing key", edit('"annual": false', '"year": 2025')),
    ("duplicate with an extra key", dup(edit('"binding": false', '"binding": false, "sitova": true'))),
    # custom fields
    ("attribute 1e400 (inf to the reader)", with_attributes('"x": 1e400')),
    ("attribute -1e400", with_attributes('"x": -1e400')),
    ("attribute huge float literal", with_attributes('"x": 1' + "0" * 400 + ".5")),
    ("attribute NaN", with_attributes('"x": NaN')),
    ("attribute Infinity", with_attributes('"x": Infinity')),
    ("attribute -0.0 and -0", with_attributes('"x": -0.0, "y": -0')),
    ("attribute 1.0 and 1e3 and 1E-3", with_attributes('"x": 1.0, "y": 1e3, "z": 1E-3')),
    (
        "attribute tiny and subnormal",
        with_attributes('"x": 1e-400, "y": 4.9e-324, "z": 2.2250738585072011e-308'),
    ),
    ("attribute true and 1", with_attributes('"x": true, "y": 1, "z": false, "w": 0')),
    ("attribute big ints", with_attributes('"x": 18446744073709551616, "y": -9223372036854775809')),
    ("attribute 4300-digit int", with_attributes('"x": 1' + "0" * 4299)),
    ("attribute 4301-digit int", with_attributes('"x": 1' + "0" * 4300)),
    ("attribute many-digit float", with_attributes('"x": 0.' + "3" * 5000)),
    ("attribute empty key and value", with_attributes('"": ""')),
    ("attribute NFD and NFC keys", with_attributes('"lisa\u0308tieto": 1, "lis\u00e4tieto": 2')),
    ("attribute duplicate", with_attributes('"x": 1, "x": 2')),
    ("attribute duplicate with same value", with_attributes('"x": 1, "x": 1')),
    ("attribute duplicate colon keys", with_attributes('"a:b": 1, "a:b": 2')),
    ("attribute duplicate escaped colon keys", with_attributes('"a\\u003ab": 1, "a:b": 2')),
    ("attribute escaped colon key", with_attributes('"a\\u003Ab": "c:d\\u003a"')),
    ("attribute list", with_attributes('"x": [1]')),
    ("attribute object", with_attributes('"x": {}')),
    # numbers where ints go
    ("format_version 2.0", edit('"format_version": 2', '"format_version": 2.0')),
    ("format_version 2e0", edit('"format_version": 2', '"format_version": 2e0')),
    ("format_version true", edit('"format_version": 2', '"format_version": true')),
    ("format_version text", edit('"format_version": 2', '"format_version": "2"')),
    ("format_version -0", edit('"format_version": 2', '"format_version": -0')),
    ("format_version leading zero", edit('"format_version": 2', '"format_version": 02')),
    ("format_version huge", edit('"format_version": 2', '"format_version": 2' + "0" * 5000)),
    ("year 2025.0", edit('"start": 2025', '"start": 2025.0')),
    ("year true", edit('"start": 2025', '"start": true')),
    ("year 1899", edit('"start": 2025', '"start": 1899')),
    ("year 1900", edit('"start": 2025', '"start": 1900')),
    ("year 2200", edit('"end": 2025', '"end": 2200')),
    ("year 2201", edit('"end": 2025', '"end": 2201')),
    ("year 2**64", edit('"start": 2025', '"start": 18446744073709551616')),
    ("period year 2025.0", edit('"year": 2025', '"year": 2025.0')),
    ("period annual with 1..7", edit('"annual": false', '"annual": true')),
    ("period month 0", edit('"start_month": 1', '"start_month": 0')),
    # schema field
    ("schema empty (reader: default)", edit('"schema": "joensuu"', '"schema": ""')),
    ("schema null (reader: default)", edit('"schema": "joensuu"', '"schema": null')),
    ("schema capitalised", edit('"schema": "joensuu"', '"schema": "Joensuu"')),
    ("schema with space", edit('"schema": "joensuu"', '"schema": "joensuu "')),
    ("schema missing yaml", edit('"schema": "joensuu"', '"schema": "ei-ole.yaml"')),
    ("schema missing YAML (case)", edit('"schema": "joensuu"', '"schema": "ei-ole.YAML"')),
    ("schema kunta", edit('"schema": "joensuu"', '"schema": "kunta"')),
    # forecasts
    ("forecast level null for a placed word", edit('"level": "on_track"', '"level": null')),
    ("forecast contradicting level", edit('"level": "on_track"', '"level": "partly"')),
    ("forecast level upper case", edit('"level": "on_track"', '"level": "ON_TRACK"')),
    ("forecast word padded", edit('"word": "Toteutuu"', '"word": "  toteutuu "')),
    ("forecast word padded, contradicting", edit('"word": "Toteutuu"', '"word": " toteutuu osittain"')),
    ("forecast unknown word with level", edit('"word": "Toteutuu"', '"word": "Vihreä"')),
    (
        "forecast unknown word, unknown level",
        edit('"word": "Toteutuu", "level": "on_track"', '"word": "V", "level": "x"'),
    ),
    ("forecast as text", edit('{"word": "Toteutuu", "level": "on_track"}', '"Toteutuu"')),
    ("forecast missing level", edit(', "level": "on_track"', "")),
    # ids
    ("id of 128 characters", edit('"id": "', '"id": "' + "a" * 100)),
    ("id of 129 characters", edit('"id": "', '"id": "' + "a" * 129)),
    ("id ending in a newline", edit('", "level"', '\\n", "level"')),
    ("id with a CR", edit('", "level"', '\\r", "level"')),
    ("id non-ASCII", edit('"id": "', '"id": "ä')),
    ("id of full-width digits", edit('"id": "', '"id": "\uff11')),
    ("id empty", re.sub(r'"id": "[^"]*"', '"id": ""', BASE, count=1)),
    ("id null", re.sub(r'"id": "[^"]*"', '"id": null', BASE, count=1)),
    # other shapes
    ("top-level array", "[" + BASE + "]"),
    ("top-level null", "null"),
    ("empty text", ""),
    ("trailing comma", BASE[:-1] + ",}"),
    ("trailing garbage", BASE + "x"),
    ("trailing form feed", BASE + "\x0c"),
    ("trailing NBSP", BASE + "\u00a0"),
    ("two reports", BASE + BASE),
]


@pytest.mark.parametrize(("name", "text"), READ_ATTACKS, ids=[n for n, _ in READ_ATTACKS])
def test_fast_path_agrees_with_the_reader(name: str, text: str) -> None:
    agrees(text)


def test_the_attacks_do_reach_both_outcomes() -> None:
    """Sanity: the list holds files the fast path takes, and files each side refuses."""
    results = {name: agrees(text) for name, text in READ_ATTACKS}
    fast = {
        name for name, text in READ_ATTACKS if _json_fast.load(text.encode("utf-8", "surrogatepass"), NAME)
    }
    assert "key with \\u escape" in fast and "escaped colon in a text" in fast
    assert "attribute big ints" in fast and "attribute -0.0 and -0" in fast
    assert codes(results["duplicate hidden by an escaped key"]) == ["L105"]
    assert codes(results["escaped backslash then u003a, duplicate"]) == ["L105"]
    assert codes(results["attribute duplicate escaped colon keys"]) == ["L105"]
    assert _is_report(results["escaped backslash then u003a (no colon)"])  # fast path steps aside: fine


@pytest.mark.parametrize("depth", [49, 50, 51, 52])
def test_nesting_at_the_limit(depth: int) -> None:
    node: dict[str, Any] = {"id": "syva", "level": "painopiste", "title": "S", "text": None}
    node |= {"goals": [], "children": []}
    for _ in range(depth - 1):
        node = {**node, "children": [node]}
    plain = {**PLAIN, "nodes": [node]}
    result = agrees(json.dumps(plain))
    assert _is_report(result) == (depth <= 50)


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_very_deep_json(depth: int) -> None:
    agrees(edit('"nodes": [', '"nodes": [' + '{"children": [' * depth + "]}" * depth + ","))
    agrees(with_attributes('"a": ' + "[" * depth + "]" * depth))


# -- reading bytes (load_report of a file) ---------------------------------------------------

UTF8 = BASE.encode("utf-8")

BYTE_ATTACKS: list[tuple[str, bytes]] = [
    ("UTF-8 BOM", b"\xef\xbb\xbf" + UTF8),
    ("UTF-16 BOM", b"\xff\xfe" + BASE.encode("utf-16-le")),
    ("invalid byte in a value", UTF8.replace(b"Joensuu", b"Joen\xffsuu", 1)),
    ("CESU surrogate bytes in a value", UTF8.replace(b"Joensuu", b"Joen\xed\xa0\x80suu", 1)),
    ("overlong slash in a value", UTF8.replace(b"Joensuu", b"Joen\xc0\xafsuu", 1)),
    ("beyond U+10FFFF", UTF8.replace(b"Joensuu", b"Joen\xf4\x90\x80\x80suu", 1)),
    ("truncated sequence", UTF8.replace(b"Joensuu", b"Joen\xc3suu", 1)),
    ("invalid byte in an attribute key", with_attributes('"KEY": 1').encode().replace(b"KEY", b"K\xffY")),
    ("Latin-1 in an attribute key", with_attributes('"KEY": 1').encode().replace(b"KEY", b"lis\xe4")),
    ("raw NUL in a value", UTF8.replace(b"Joensuu", b"Joen\x00suu", 1)),
    ("NUL after the report", UTF8 + b"\x00"),
    ("CRLF after the report", UTF8 + b"\r\n"),
    ("only whitespace", b" \n\t "),
    ("empty", b""),
]


@pytest.mark.parametrize(("name", "data"), BYTE_ATTACKS, ids=[n for n, _ in BYTE_ATTACKS])
def test_fast_path_agrees_with_the_reader_on_bytes(name: str, data: bytes) -> None:
    agrees_bytes(data)


def test_lone_surrogate_in_a_str_is_refused_where_it_is() -> None:
    text = BASE.replace("Joensuu", "Joen\ud800suu", 1)
    with pytest.raises(LoadError) as caught:
        jsonfmt.loads_report(text, NAME)
    (issue,) = caught.value.issues
    assert issue.code == "L103" and "\\ud800" in issue.message
    assert (issue.location.line, issue.location.column) == (1, text.index("\ud800") + 1)


def test_a_bom_before_a_str_is_dropped_as_before_bytes() -> None:
    assert (
        jsonfmt.loads_report("\ufeff" + BASE) == jsonfmt.loads_report(("\ufeff" + BASE).encode()) == EXAMPLE
    )


# -- structural fuzzing: duplicates, lost and extra keys, escapes and whitespace --------------


ODD_VALUES: list[Any] = [
    None, True, False, 0, -0.0, 1, 2025, 1.5, 1e300, 10**25, "", ":", "a:b", "\\u003a", "x\\", "\U0001d11e",
    "ä", '{"a": 1}', "on_track", "Toteutuu", "painopiste", "joensuu", [], {},
]  # fmt: skip


def _string(s: str, r: Any) -> str:
    out = ['"']
    for ch in s:
        c = r.random()
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append(r.choice(["\\\\", "\\u005c", "\\u005C"]))
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        elif ch == ":" and c < 0.4:
            out.append(r.choice(["\\u003a", "\\u003A"]))
        elif ch == "/" and c < 0.5:
            out.append("\\/")
        elif c < 0.1:
            if ord(ch) > 0xFFFF:
                v = ord(ch) - 0x10000
                out.append(f"\\u{0xD800 + (v >> 10):04x}\\u{0xDC00 + (v & 0x3FF):04X}")
            else:
                out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _ws(r: Any) -> str:
    return str(r.choice(["", "", " ", "\n  ", "\t", "\r\n"]))


def _serialise(x: Any, r: Any) -> str:
    if isinstance(x, Obj):
        members = (_ws(r) + _string(k, r) + _ws(r) + ":" + _ws(r) + _serialise(v, r) for k, v in x)
        return "{" + ",".join(members) + _ws(r) + "}"
    if isinstance(x, list):
        return "[" + ",".join(_serialise(v, r) for v in x) + "]"
    if isinstance(x, dict):
        return _serialise(pairs(x), r)
    if isinstance(x, str):
        return _string(x, r)
    return json.dumps(x)


def _mutate(tree: Any, r: Any, times: int) -> None:
    for _ in range(times):
        o = r.choice(objects(tree, []))
        k = r.random()
        if k < 0.45 and o:  # a duplicate, with the same or another value
            key, value = r.choice(o)
            o.insert(r.randrange(len(o) + 1), [key, r.choice([value, value, r.choice(ODD_VALUES)])])
        elif k < 0.6 and o:  # a lost key
            del o[r.randrange(len(o))]
        elif k < 0.7:  # an extra key
            o.insert(r.randrange(len(o) + 1), [r.choice(["x", "títle", "a:b", "titl"]), r.choice(ODD_VALUES)])
        elif o:  # another value
            o[r.randrange(len(o))][1] = r.choice(ODD_VALUES)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(reports(), st.randoms(use_true_random=False), st.integers(0, 3))
def test_structural_fuzz(report: Report, r: Any, times: int) -> None:
    tree = pairs(jsonfmt.to_plain(report))
    _mutate(tree, r, times)
    agrees(_serialise(tree, r))


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(reports(), st.randoms(use_true_random=False))
def test_respelled_own_output_takes_the_fast_path(report: Report, r: Any) -> None:
    """Escapes, \\/ and whitespace anywhere do not push a valid file off the fast path."""
    text = _serialise(pairs(jsonfmt.to_plain(report)), r)
    fast = _json_fast.load(text.encode("utf-8"), NAME)
    if "\\\\u003a" not in text.lower() and "\\u005cu003a" not in text.lower():  # fake escapes: may step aside
        assert fast is not None
    assert agrees(text) == report


# -- schemas -------------------------------------------------------------------------------


def _schema_file(tmp_path: Path, name: str) -> Path:
    source = (ROOT / "docs/examples/kuusamaki-schema.yaml").read_text(encoding="utf-8")
    assert "name: kuusamaki\n" in source
    path = tmp_path / "oma-skeema.yaml"
    path.write_text(source.replace("name: kuusamaki\n", f"name: {name}\n"), encoding="utf-8")
    return path


def test_schema_named_by_a_yaml_file_beside_the_report(tmp_path: Path, monkeypatch: Any) -> None:
    registry._load_plugins()
    monkeypatch.setattr(registry, "_registered", dict(registry._registered))  # undone afterwards
    _schema_file(tmp_path, "adversarial-kuusamaki")
    plain = {**PLAIN, "schema": "oma-skeema.yaml", "nodes": []}
    text = json.dumps(plain)
    assert _json_fast.load(text.encode(), str(tmp_path / NAME)) is None  # steps aside
    result = agrees(text, str(tmp_path / NAME))
    assert isinstance(result, Report) and result.schema == "adversarial-kuusamaki"
    # now registered by its name: both paths take it by name too
    by_name = json.dumps({**plain, "schema": "adversarial-kuusamaki"})
    assert _json_fast.load(by_name.encode(), NAME) == agrees(by_name) == result


def test_schema_registered_under_another_name(monkeypatch: Any) -> None:
    registry._load_plugins()
    monkeypatch.setitem(registry._registered, "alias-of-joensuu", (ss.get_schema("joensuu"), "test"))
    text = edit('"schema": "joensuu"', '"schema": "alias-of-joensuu"')
    result = agrees(text)
    assert isinstance(result, Report) and result.schema == "joensuu"
    assert _json_fast.load(text.encode(), NAME) is not None


def test_a_schema_registered_under_a_yaml_name_reads_back_from_a_file(
    tmp_path: Path, monkeypatch: Any
) -> None:
    """(The reader's, not the fast path's.) ``register_schema`` takes a name ending in
    ``.yaml``; a report of it is written, but read from a file the reader looks for the
    name as a file beside the report: L205."""
    registry._load_plugins()
    schema = attrs.evolve(ss.get_schema("joensuu"), name="virtual.yaml")
    monkeypatch.setitem(registry._registered, schema.name, (schema, "registered"))
    report = attrs.evolve(EXAMPLE, schema=schema.name)
    path = tmp_path / NAME
    jsonfmt.dump_report(report, path)
    assert jsonfmt.load_report(path) == report


# -- writing ----------------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    """Equal with equal types, and floats equal bit for bit (``-0.0`` is not ``0.0``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a.hex() == b.hex() or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a) if set(a) == set(b) else False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _plain_eq(a: Any, b: Any) -> bool:
    """As ``_same``, but key order of objects does not matter (small records are sorted)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(_plain_eq(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_plain_eq(x, y) for x, y in zip(a, b, strict=True))
    return _same(a, b)


def _difference(a: Any, b: Any, path: str = "$") -> str:
    """Where two plain values first differ, for messages."""
    if isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b):
        return next((_difference(a[k], b[k], f"{path}.{k}") for k in a if not _plain_eq(a[k], b[k])), "")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        pairs = enumerate(zip(a, b, strict=True))
        return next((_difference(x, y, f"{path}[{i}]") for i, (x, y) in pairs if not _plain_eq(x, y)), "")
    return f"{path}: written {a!r}, plain data {b!r}"


def _with_goal(report: Report, **changes: Any) -> Report:
    return report.replace_goal(report.goals[0].id, **changes)


def _encodes_to_plain_or_refuses(report: Report) -> None:
    """The writer's contract: exactly the plain data, or a clear WriteError."""
    try:
        encoded = jsonfmt.encode_report(report)
    except WriteError:
        return
    written, plain = json.loads(encoded), jsonfmt.to_plain(report)
    assert _plain_eq(written, plain), _difference(written, plain)
    indented = json.loads(jsonfmt.dumps_report(report, indent=2))
    assert _plain_eq(indented, plain), _difference(indented, plain)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1e16, 1e22, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1]),
    texts(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(reports(), st.dictionaries(texts(), SCALARS, max_size=4), texts())
def test_encoding_odd_but_valid_values_is_the_plain_data(report: Report, attributes: Any, odd: str) -> None:
    if not report.goals:
        return
    report = _with_goal(report, attributes=attributes, title=odd)
    report = attrs.evolve(report, title=odd + "\u2028\x7f\x00\u2029")
    _encodes_to_plain_or_refuses(report)
    back = jsonfmt.loads_report(jsonfmt.encode_report(report))
    assert back == report and repr(jsonfmt.to_plain(back)) == repr(jsonfmt.to_plain(report))


@pytest.mark.parametrize(
    "value",
    [
        -0.0,
        1e16,
        1e300,
        5e-324,
        2**63 - 1,
        2**63,
        2**64,
        -(2**63) - 1,
        10**30,
        10**4299,
        True,
        "",
        "\x00\x7f\u2028",
    ],
    ids=repr,
)
def test_encoding_odd_attribute_values(value: Any) -> None:
    report = _with_goal(EXAMPLE, attributes={"x": value})
    _encodes_to_plain_or_refuses(report)
    back = jsonfmt.loads_report(jsonfmt.encode_report(report))
    assert repr(back) == repr(report)


def test_unknown_schema_is_the_same_error_as_the_writer() -> None:
    report = attrs.evolve(EXAMPLE, schema="atlantis")
    with pytest.raises(SchemaError):
        jsonfmt.to_plain(report)
    with pytest.raises(SchemaError):
        jsonfmt.encode_report(report)


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan], ids=repr)
def test_a_non_finite_attribute_is_refused_by_the_model(value: float) -> None:
    """No file format can write inf or nan (msgspec would write ``null``): the goal refuses it."""
    with pytest.raises(ValueError, match="no file format can write"):
        _with_goal(EXAMPLE, attributes={"x": value})


def test_an_attribute_of_1e400_is_refused_by_the_reader() -> None:
    """Python's json reads ``1e400`` as inf; the reader refuses it where it is."""
    text = with_attributes('"kustannus": 1e400')
    result = agrees(text)
    assert codes(result) == ["L204"]
    assert isinstance(result, LoadError) and "kustannus" in result.issues[0].message


@pytest.mark.parametrize("where", ["report title", "goal title", "attribute key", "attribute value"])
def test_a_lone_surrogate_is_a_write_error(where: str) -> None:
    """A WriteError naming the text, not a traceback (UnicodeEncodeError)."""
    s = "Joen\ud800suu"
    report = {
        "report title": lambda: attrs.evolve(EXAMPLE, title=s),
        "goal title": lambda: _with_goal(EXAMPLE, title=s),
        "attribute key": lambda: _with_goal(EXAMPLE, attributes={s: 1}),
        "attribute value": lambda: _with_goal(EXAMPLE, attributes={"x": s}),
    }[where]()
    _encodes_to_plain_or_refuses(report)


def test_a_file_with_an_escaped_lone_surrogate_is_refused_where_it_is(tmp_path: Path) -> None:
    r"""A real-world file (JavaScript cut an emoji in half): ``"\ud83d"`` would load but never save."""
    path = tmp_path / NAME
    text = edit('"title": null', '"title": "Raportti \\ud83d"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        jsonfmt.load_report(path)
    (issue,) = caught.value.issues
    assert issue.code == "L103" and "\\ud83d" in issue.message
    assert issue.location.column == text.index("\\ud83d") + 1
    pair = edit(
        '"title": null', '"title": "Raportti \\ud83d\\ude00 \\\\ud83d"'
    )  # a pair; an escaped backslash
    assert jsonfmt.loads_report(pair).title == "Raportti \U0001f600 \\ud83d"


def test_an_attribute_int_beyond_4300_digits_is_refused_by_the_model() -> None:
    """Python cannot turn it into text, so no file could hold it."""
    with pytest.raises(ValueError, match="4300 digits"):
        _with_goal(EXAMPLE, attributes={"x": 10**4300})
    _encodes_to_plain_or_refuses(_with_goal(EXAMPLE, attributes={"x": 10**4300 - 1}))


def test_a_deep_report_built_in_memory_is_a_write_error() -> None:
    """A WriteError (the readers refuse more than 50 levels), not a RecursionError."""
    node = Node("x", "painopiste", "X")
    for _ in range(1500):
        node = Node("x", "painopiste", "X", children=[node])
    _encodes_to_plain_or_refuses(Report(EXAMPLE.organisation, EXAMPLE.period, [node]))


@pytest.mark.parametrize("attributes", [{1: "x"}, {"x": (1, 2)}], ids=["int key", "tuple value"])
def test_off_type_attributes_are_refused_by_the_model(attributes: Any) -> None:
    """Off the declared ``Mapping[str, Scalar]``: refused when the goal is made, not rewritten."""
    with pytest.raises(TypeError, match="custom field"):
        _with_goal(EXAMPLE, attributes=attributes)


def test_the_writer_refuses_what_its_reader_would() -> None:
    """A hierarchy deeper than 50 would be refused when read back (L108)."""
    node = Node("x", "painopiste", "X")
    for _ in range(50):
        node = Node("x", "painopiste", "X", children=[node])
    report = Report(EXAMPLE.organisation, EXAMPLE.period, [node])
    with pytest.raises(WriteError, match="nested deeper than 50"):
        jsonfmt.encode_report(report)


_BAD_IDS: dict[str, Callable[[], object]] = {
    "invalid goal id": lambda: _with_goal(EXAMPLE, id="two words"),
    "empty node id": lambda: attrs.evolve(EXAMPLE.nodes[0], id=""),
    "metric id with a newline": lambda: attrs.evolve(EXAMPLE.goals[0].metrics[0], id="a\nb"),
}


@pytest.mark.parametrize("case", list(_BAD_IDS))
def test_no_record_holds_an_id_its_reader_would_refuse(case: str) -> None:
    """Invalid ids (L204 when read) are refused when the record is made, so never written."""
    make = _BAD_IDS[case]
    with pytest.raises(ValueError, match="invalid id"):
        make()


def test_indent_zero_and_negative_do_not_crash() -> None:
    for indent in (0, -1, 1):
        data = jsonfmt.encode_report(EXAMPLE, indent=indent)
        assert _plain_eq(json.loads(data), jsonfmt.to_plain(EXAMPLE))
        assert _json_fast.load(data, None) == EXAMPLE
