"""The msgspec fast path of JSON reading and writing agrees with the issue-collecting reader.

For every file, ``_json_fast.load`` either returns exactly the report the reader builds,
or ``None`` (the reader then reads the file). It never accepts what the reader refuses.
Files of format version 2 (written) and version 1 (still read) are both checked.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strategiaseuranta as ss
from strategiaseuranta.exceptions import LoadError, WriteError
from strategiaseuranta.formats import _json_fast
from strategiaseuranta.formats import json as jsonfmt
from strategiaseuranta.formats._plain import JSON_DIALECT, JSON_V1_DIALECT, Writer, build_report
from strategiaseuranta.testing import reports

EXAMPLE = ss.load("examples/joensuu/2025-07.yaml")
SCHEMAS = ("joensuu", "kunta", "kommun", "seinajoki")


def slow(text: str) -> ss.Report | LoadError:
    """What the reader makes of the text: a report, or the error it raises."""
    try:
        return build_report(jsonfmt.loads_plain(text, "r.json"), JSON_DIALECT, "r.json", text)
    except LoadError as error:
        return error


def agrees(text: str) -> ss.Report | LoadError:
    """Check the fast path against the reader on one text; return the reader's result."""
    expected = slow(text)
    fast = _json_fast.load(text.encode("utf-8"), "r.json")
    if fast is not None:
        assert isinstance(expected, ss.Report), f"the fast path took what the reader refuses: {expected}"
        assert fast == expected
        assert fast.source == expected.source
    public: ss.Report | LoadError
    try:
        public = jsonfmt.loads_report(text, "r.json")
    except LoadError as error:
        public = error
    if isinstance(expected, LoadError):
        assert isinstance(public, LoadError)
        assert [str(i) for i in public.issues] == [str(i) for i in expected.issues]
    else:
        assert public == expected
    return expected


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("schema", SCHEMAS)
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_path_reads_what_we_write(schema: str, data: st.DataObject) -> None:
    report = data.draw(reports(schema))
    for indent in (None, 2):
        encoded = jsonfmt.encode_report(report, indent=indent)
        fast = _json_fast.load(encoded, None)
        assert fast is not None, "our own output must take the fast path"
        assert fast == report
        assert agrees(encoded.decode("utf-8")) == report


@given(reports())
def test_encoding_is_the_documented_plain_data(report: ss.Report) -> None:
    encoded = jsonfmt.encode_report(report)
    assert b"\n" not in encoded
    assert json.loads(encoded) == jsonfmt.to_plain(report)
    assert json.loads(jsonfmt.dumps_report(report, indent=4)) == jsonfmt.to_plain(report)


def test_key_order() -> None:
    """The report's keys in the documented order; every record below it alphabetical."""
    data = json.loads(jsonfmt.encode_report(EXAMPLE))
    assert list(data) == ["format_version", "schema", "organisation", "period", "title", "nodes"]
    assert data["format_version"] == 2
    node = data["nodes"][0]
    goal = node["goals"][0]
    records = [data["organisation"], data["period"], node, goal, goal["years"], goal["status"]]
    records += [goal["status"]["forecast"], goal["metrics"][0]]
    for record in records:
        assert list(record) == sorted(record)
    assert list(goal) == ["attributes", "binding", "id", "metrics", "responsible", "status", "title", "years"]
    assert list(goal["status"]) == ["forecast", "realisation"]


def test_version_1_files_are_read_by_both_paths() -> None:
    for path in ("examples/joensuu/2025-07.yaml", "examples/joensuu/2025-12.yaml"):
        report = ss.load(path)
        old = Writer(JSON_V1_DIALECT, report).plain()
        assert old["format_version"] == 1 and "municipality" in old
        text = json.dumps(old, ensure_ascii=False)
        fast = _json_fast.load(text.encode("utf-8"), "r.json")
        assert fast == report, "a version 1 file written in full takes the fast path"
        assert agrees(text) == report


def test_unknown_level_is_refused_on_writing() -> None:
    node = EXAMPLE.nodes[0]
    bad = ss.Report(EXAMPLE.organisation, EXAMPLE.period, [ss.Node(node.id, "luku", node.title)])
    with pytest.raises(WriteError, match="cannot write level 'luku'"):
        jsonfmt.encode_report(bad)


def test_dump_is_compact_unless_indented(tmp_path: Any) -> None:
    out = tmp_path / "r.json"
    ss.dump(EXAMPLE, out)
    assert out.read_bytes().count(b"\n") == 1
    ss.dump(EXAMPLE, out, indent=2)
    assert out.read_text(encoding="utf-8").startswith('{\n  "format_version": 2,\n')
    assert ss.load(out) == EXAMPLE
    with pytest.raises(ss.FormatError, match="--indent"):
        ss.dump(EXAMPLE, tmp_path / "r.csv", indent=2)


# -- files the fast path must leave to the reader ----------------------------------------------

PLAIN = jsonfmt.to_plain(EXAMPLE)
PLAIN_V1 = Writer(JSON_V1_DIALECT, EXAMPLE).plain()
VERSIONS = {2: PLAIN, 1: PLAIN_V1}


def _goal(plain: dict[str, Any]) -> dict[str, Any]:
    goal: dict[str, Any] = plain["nodes"][0]["goals"][0]
    return goal


def _status(plain: dict[str, Any]) -> dict[str, Any]:
    """Where the goal's realisation and forecast are: its ``status`` (2), or the goal itself (1)."""
    goal = _goal(plain)
    status: dict[str, Any] = goal["status"] if plain["format_version"] == 2 else goal
    return status


def _text(plain: dict[str, Any]) -> str:
    return json.dumps(plain, ensure_ascii=False)


@pytest.mark.parametrize("version", [2, 1])
def test_a_duplicate_key_is_refused(version: int) -> None:
    text = _text(VERSIONS[version]).replace('"binding": false', '"binding": false, "binding": true', 1)
    result = agrees(text)
    assert isinstance(result, LoadError) and result.issues[0].code == "L105"


@pytest.mark.parametrize(
    "inside",
    [
        "klo 12:00",  # a colon inside a text
        "klo 12\\u003a00",  # an escaped colon inside a text
        "klo 12\\u003A00 ja 13:00",
    ],
)
@pytest.mark.parametrize("version", [2, 1])
def test_a_duplicate_key_is_refused_whatever_the_texts_hold(inside: str, version: int) -> None:
    plain = VERSIONS[version]
    base = _text(plain)
    realisation = json.dumps(_status(plain)["realisation"], ensure_ascii=False)
    with_colons = base.replace(realisation, f'"{inside}"', 1)
    taken = agrees(with_colons)
    assert isinstance(taken, ss.Report)
    assert _json_fast.load(with_colons.encode(), None) == taken, "texts with colons still take the fast path"
    doubled = with_colons.replace('"binding": false', '"binding": false, "binding": true', 1)
    result = agrees(doubled)
    assert isinstance(result, LoadError) and result.issues[0].code == "L105"


@pytest.mark.parametrize("version", [2, 1])
def test_a_duplicate_hidden_by_a_missing_key_is_refused(version: int) -> None:
    goal = dict(_goal(VERSIONS[version]))
    del goal["attributes"]  # one member fewer...
    plain = json.loads(json.dumps(VERSIONS[version]))
    plain["nodes"][0]["goals"][0] = goal
    text = _text(plain).replace('"binding": false', '"binding": false, "binding": true', 1)  # ...one more
    result = agrees(text)
    assert isinstance(result, LoadError) and result.issues[0].code == "L105"


def _mutations() -> list[tuple[str, Any]]:
    """(description, function changing a copy of the plain data) pairs."""

    def metric(plain: dict[str, Any]) -> dict[str, Any]:
        m: dict[str, Any] = _goal(plain)["metrics"][0]
        return m

    return [
        ("missing key", lambda p: _goal(p).pop("binding")),
        ("unknown key", lambda p: _goal(p).update(ennuste="Toteutuu")),
        ("unknown key in the status", lambda p: _status(p).update(ennuste="Toteutuu")),
        ("unknown nested key", lambda p: _goal(p).update(x={"a": {"b": 1}})),
        ("number as text", lambda p: _goal(p).update(title=12)),
        ("text as forecast", lambda p: _status(p).update(forecast="Toteutuu")),
        ("null level, placed word", lambda p: _status(p)["forecast"].update(level=None)),
        ("contradicting level", lambda p: _status(p)["forecast"].update(level="not_achieved")),
        ("unknown level", lambda p: _status(p)["forecast"].update(level="maybe")),
        ("unplaced word with level", lambda p: _status(p)["forecast"].update(word="Vihreä")),
        ("unplaced word, no level", lambda p: _status(p)["forecast"].update(word="Vihreä", level=None)),
        ("forecast word only", lambda p: _status(p)["forecast"].pop("level")),
        ("invalid id", lambda p: _goal(p).update(id="two words")),
        ("invalid metric id", lambda p: metric(p).update(id="-x")),
        ("id with a newline", lambda p: metric(p).update(id="a\nb")),
        ("null id", lambda p: _goal(p).update(id=None)),
        ("year out of range", lambda p: _goal(p).update(years={"start": 1800, "end": 2025})),
        ("years reversed", lambda p: _goal(p).update(years={"start": 2026, "end": 2025})),
        ("bad period", lambda p: p["period"].update(end_month=13)),
        ("string version", lambda p: p.update(format_version=str(p["format_version"]))),
        ("version 3", lambda p: p.update(format_version=3)),
        ("the other version", lambda p: p.update(format_version=3 - p["format_version"])),
        ("unknown schema", lambda p: p.update(schema="atlantis")),
        ("schema file", lambda p: p.update(schema="city.yaml")),
        ("unknown level key", lambda p: p["nodes"][0].update(level="luku")),
        ("responsible as text", lambda p: _goal(p).update(responsible="Kaupunki")),
        ("binding null", lambda p: _goal(p).update(binding=None)),
        ("attribute list", lambda p: _goal(p).update(attributes={"a": [1]})),
        ("attribute values", lambda p: _goal(p).update(attributes={"a": 1, "b": 2.5, "c": None, "d": "x"})),
        ("empty status", lambda p: _status(p).update(realisation=None, forecast=None)),
        ("empty realisation", lambda p: _status(p).update(realisation="", forecast=None)),
        ("no status", lambda p: _goal(p).update(status=None) if "status" in _goal(p) else None),
        ("status not a record", lambda p: _goal(p).update(status="Toteutuu")),
        ("organisation missing", lambda p: p.pop("organisation", None) or p.pop("municipality")),
        ("organisation as text", lambda p: p.update(organisation="Joensuu")),
        ("organisation with a number", lambda p: p.get("organisation", p).update(body=5)),
        ("version 1 keys in a version 2 file", lambda p: p.update(municipality="Joensuu")),
        ("metric status", lambda p: metric(p).update(status={"word": "Toteutuu", "level": "on_track"})),
        ("deep nesting", lambda p: p["nodes"][0].update(children=_deep(60))),
        ("nesting at the limit", lambda p: p["nodes"][0].update(children=_deep(49))),
    ]


def _deep(depth: int) -> list[dict[str, Any]]:
    node: dict[str, Any] = {
        "id": "syva",
        "level": "painopiste",
        "title": "Syvä",
        "text": None,
        "goals": [],
        "children": [],
    }
    for _ in range(depth - 1):
        node = {**node, "children": [node]}
    return [node]


@pytest.mark.parametrize("version", [2, 1])
@pytest.mark.parametrize(("name", "change"), _mutations(), ids=[n for n, _ in _mutations()])
def test_fast_path_and_reader_agree_on_changed_files(name: str, change: Any, version: int) -> None:
    plain = json.loads(json.dumps(VERSIONS[version]))
    change(plain)
    agrees(_text(plain))


@pytest.mark.parametrize("version", [2, 1])
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_path_and_reader_agree_on_edited_text(version: int, data: st.DataObject) -> None:
    """Random edits of the text: whatever the fast path takes, the reader makes the same of it."""
    text = _text(VERSIONS[version])
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        edit = data.draw(
            st.one_of(
                st.sampled_from(
                    [":", '"', ",", "{", "}", "[", "]", " ", "\\u003a", '"id": "x", ', "null", "1"]
                ),
                st.text(max_size=3),
            )
        )
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + edit + text[at + cut :]
    agrees(text)
