"""The JSON Schema shipped for the JSON format, checked against the writer and the reader.

The schema (``strategiaseuranta/data/report-v1.schema.json``) documents format
version 1 as :class:`~strategiaseuranta.formats._plain.Writer` writes it and the
reader accepts it. These tests check that everything the writer produces
validates, and that the schema and :func:`~strategiaseuranta.formats.json.loads_report`
agree on what they refuse: unknown keys, wrong types and missing required keys.
"""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import strategiaseuranta as ss
from strategiaseuranta.formats.json import loads_report, to_plain

SCHEMA_ID = "https://strategiaseuranta.readthedocs.io/schemas/report-v1.schema.json"
EXAMPLE = "examples/joensuu/2025-07.yaml"

Path = tuple[str | int, ...]
GOAL: Path = ("nodes", 0, "goals", 0)
METRIC: Path = (*GOAL, "metrics", 0)


def _load_schema() -> dict[str, Any]:
    resource = importlib.resources.files("strategiaseuranta") / "data" / "report-v1.schema.json"
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


SCHEMA = _load_schema()
# Format checking stays off (no format_checker): the schema uses no "format" anyway.
VALIDATOR = Draft202012Validator(SCHEMA)


def _errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def _reader_accepts(data: Any) -> bool:
    try:
        loads_report(json.dumps(data, ensure_ascii=False))
    except ss.LoadError:
        return False
    return True


def _example() -> dict[str, Any]:
    """The Joensuu example as JSON plain data, with every optional key present."""
    data = json.loads(json.dumps(to_plain(ss.load(EXAMPLE))))
    data["title"] = "Strategian toteutuminen tammi–heinäkuu 2025"
    return data


def _at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(path: Path, value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        _at(data, path[:-1])[path[-1]] = value

    return change


def _delete(path: Path) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        del _at(data, path[:-1])[path[-1]]

    return change


def _rename(path: Path, new: str) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        parent = _at(data, path[:-1])
        parent[new] = parent.pop(path[-1])

    return change


def _changed(change: Callable[[Any], None]) -> dict[str, Any]:
    data = _example()
    change(data)
    return data


def _assert_both_refuse(data: Any) -> None:
    assert _errors(data), "the schema accepts it"
    assert not _reader_accepts(data), "the reader accepts it"


def _assert_both_accept(data: Any) -> None:
    assert not _errors(data), _errors(data)
    assert _reader_accepts(data), "the reader refuses it"


# -- the schema itself ---------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] == SCHEMA_ID
    assert SCHEMA["title"]
    assert SCHEMA["description"]


def _subschemas(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema, skipping if/then/else (they only constrain properties declared elsewhere)."""
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            if key in {"if", "then", "else", "const", "enum"}:
                continue
            yield from _subschemas(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _subschemas(value, f"{where}/{i}")


def test_every_property_and_definition_has_a_description() -> None:
    missing = [
        f"{where}/properties/{name}"
        for where, sub in _subschemas(SCHEMA)
        for name, prop in sub.get("properties", {}).items()
        if not prop.get("description")
    ]
    missing += [f"#/$defs/{name}" for name, sub in SCHEMA["$defs"].items() if not sub.get("description")]
    assert not missing


def test_every_record_refuses_unknown_keys() -> None:
    open_records = [
        where
        for where, sub in _subschemas(SCHEMA)
        if "properties" in sub and sub.get("additionalProperties") is not False
    ]
    assert not open_records


def test_keys_match_the_writer() -> None:
    from strategiaseuranta.formats._plain import _KEYS

    records = {
        "report": SCHEMA,
        "node": SCHEMA["$defs"]["node"],
        "goal": SCHEMA["$defs"]["goal"],
        "metric": SCHEMA["$defs"]["metric"],
    }
    for kind, record in records.items():
        assert list(record["properties"]) == [en for _, en in _KEYS[kind].values()], kind


# -- what the writer produces validates ----------------------------------------------------


def test_joensuu_example_validates() -> None:
    report = ss.load(EXAMPLE)
    data = json.loads(ss.formats.json.dumps_report(report))
    assert not _errors(data)
    assert data["format_version"] == 1


def _reports() -> st.SearchStrategy[ss.Report]:
    from strategiaseuranta.testing import reports

    return reports()


@given(st.deferred(_reports))
def test_written_reports_validate(report: ss.Report) -> None:
    data = to_plain(report)
    assert not _errors(data)
    # the JSON text, too: what a consumer of the file actually validates
    assert not _errors(json.loads(json.dumps(data)))


# -- the schema and the reader agree --------------------------------------------------------

# (path of an object in the example, its definition in the schema)
RECORDS: list[tuple[Path, dict[str, Any]]] = [
    ((), SCHEMA),
    (("period",), SCHEMA["$defs"]["period"]["oneOf"][0]),
    (("nodes", 0), SCHEMA["$defs"]["node"]),
    (GOAL, SCHEMA["$defs"]["goal"]),
    ((*GOAL, "years"), SCHEMA["$defs"]["years"]["oneOf"][0]),
    ((*GOAL, "forecast"), SCHEMA["$defs"]["forecast"]["oneOf"][1]),
    (METRIC, SCHEMA["$defs"]["metric"]),
]
KEYS = [
    (path, key, key in record.get("required", [])) for path, record in RECORDS for key in record["properties"]
]
KEY_IDS = ["/".join(map(str, (*path, key))) or "/" for path, key, _ in KEYS]


def test_the_example_holds_every_key() -> None:
    data = _example()
    for path, key, _ in KEYS:
        assert key in _at(data, path), (path, key)
    _assert_both_accept(data)


@pytest.mark.parametrize(("path", "key", "required"), KEYS, ids=KEY_IDS)
def test_required_keys_agree(path: Path, key: str, required: bool) -> None:
    data = _changed(_delete((*path, key)))
    if required:
        _assert_both_refuse(data)
    else:
        _assert_both_accept(data)


@pytest.mark.parametrize(("path", "key"), [(p, k) for p, k, _ in KEYS], ids=KEY_IDS)
def test_misspelt_keys_are_refused(path: Path, key: str) -> None:
    misspelt = key[:-2] + key[-1] + key[-2]  # swap the last two letters
    _assert_both_refuse(_changed(_rename((*path, key), misspelt)))


@pytest.mark.parametrize(("path", "key"), [(p, k) for p, k, _ in KEYS], ids=KEY_IDS)
def test_a_list_of_lists_is_the_wrong_type_everywhere(path: Path, key: str) -> None:
    _assert_both_refuse(_changed(_set((*path, key), [[]])))


# A change edits the example in place, or returns a whole new document.
Change = Callable[[Any], Any]

REFUSED: dict[str, Change] = {
    # misspelt keys
    "misspelt municipality": _rename(("municipality",), "municipalty"),
    "misspelt node title": _rename(("nodes", 0, "title"), "titel"),
    "misspelt goal forecast": _rename((*GOAL, "forecast"), "forcast"),
    "Finnish key in JSON": _rename((*GOAL, "responsible"), "vastuutaho"),
    "misspelt metric target": _rename((*METRIC, "target"), "taget"),
    "misspelt period end_month": _rename(("period", "end_month"), "end_moth"),
    "extra key in forecast": _set((*GOAL, "forecast", "colour"), "green"),
    "extra key in years": _set((*GOAL, "years", "step"), 1),
    # wrong types
    "report is a list": lambda data: [data],
    "municipality is a list": _set(("municipality",), ["Joensuu"]),
    "body is null": _set(("body",), None),
    "title is true": _set(("title",), value=True),
    "schema is false": _set(("schema",), value=False),
    "period is a number": _set(("period",), 2025),
    "period is null": _set(("period",), None),
    "period year is text": _set(("period", "year"), "2025"),
    "period annual is 0": _set(("period", "annual"), 0),
    "nodes is an object": _set(("nodes",), {}),
    "node is text": _set(("nodes", 0), "Osallisuus"),
    "node level is null": _set(("nodes", 0, "level"), None),
    "node text is a list": _set(("nodes", 0, "text"), ["a"]),
    "children is text": _set(("nodes", 0, "children"), "none"),
    "goals is an object": _set(("nodes", 0, "goals"), {}),
    "goal title is false": _set((*GOAL, "title"), value=False),
    "binding is text": _set((*GOAL, "binding"), "yes"),
    "binding is 0": _set((*GOAL, "binding"), 0),
    "responsible holds a number": _set((*GOAL, "responsible"), ["Palvelut", 3]),
    "years is a fraction": _set((*GOAL, "years"), 2025.5),
    "years is true": _set((*GOAL, "years"), value=True),
    "years start is text": _set((*GOAL, "years"), {"start": "2025", "end": 2025}),
    "metrics is text": _set((*GOAL, "metrics"), "kyselyt"),
    "realisation is true": _set((*GOAL, "realisation"), value=True),
    "forecast is a fraction": _set((*GOAL, "forecast"), 1.5),
    "forecast is true": _set((*GOAL, "forecast"), value=True),
    "forecast word is a number": _set((*GOAL, "forecast"), {"word": 3, "level": None}),
    "attributes is a list": _set((*GOAL, "attributes"), ["kustannus"]),
    "attribute value is an object": _set((*GOAL, "attributes"), {"kustannus": {"euroa": 5}}),
    "attribute value is a list": _set((*GOAL, "attributes"), {"kustannus": [5]}),
    "metric target is an object": _set((*METRIC, "target"), {"min": 70}),
    "metric status is false": _set((*METRIC, "status"), value=False),
    "metric is a list": _set(METRIC, ["mittari"]),
    # values out of range
    "format version 2": _set(("format_version",), 2),
    "format version true": _set(("format_version",), value=True),
    "month 13": _set(("period", "end_month"), 13),
    "month 0": _set(("period", "start_month"), 0),
    "year 1899": _set(("period", "year"), 1899),
    "year 2201": _set(("period", "year"), 2201),
    "end month before start month": _set(("period",), {"year": 2025, "start_month": 8, "end_month": 7}),
    "annual but not a whole year": _set(("period",), {"year": 2025, "end_month": 7, "annual": True}),
    "annual from March": _set(("period",), {"year": 2025, "start_month": 3, "annual": True}),
    "period text without a year": _set(("period",), "tammi–heinäkuu"),
    "empty period text": _set(("period",), ""),
    "goal years 1899": _set((*GOAL, "years"), 1899),
    "goal years text 1800": _set((*GOAL, "years"), "1800"),
    "goal years text span 2025–2300": _set((*GOAL, "years"), "2025–2300"),
    "goal years text is not a year": _set((*GOAL, "years"), "ensi vuonna"),
    "unknown forecast level": _set((*GOAL, "forecast"), {"word": "Vihreä", "level": "green"}),
    "id with a space": _set((*GOAL, "id"), "two words"),
    "id starting with a dash": _set(("nodes", 0, "id"), "-x"),
    "id too long": _set((*METRIC, "id"), "a" * 129),
    "empty id": _set((*METRIC, "id"), ""),
}


def _apply(change: Change) -> Any:
    data = _example()
    new = change(data)
    return data if new is None else new


@pytest.mark.parametrize("change", REFUSED.values(), ids=REFUSED.keys())
def test_schema_and_reader_both_refuse(change: Change) -> None:
    _assert_both_refuse(_apply(change))


ACCEPTED: dict[str, Change] = {
    "period as text": _set(("period",), "tammi–heinäkuu 2025"),
    "period as numeric text": _set(("period",), "1-7/2025"),
    "annual accounts as text": _set(("period",), "TP 2025"),
    "period with only a year": _set(("period",), {"year": 2025}),
    "annual period with defaults": _set(("period",), {"year": 2025, "annual": True}),
    "one-month period": _set(("period",), {"year": 2025, "start_month": 7, "end_month": 7}),
    "years as a number": _set((*GOAL, "years"), 2025),
    "years as text": _set((*GOAL, "years"), "2025"),
    "years span as text": _set((*GOAL, "years"), "2025–2026"),
    "years span with hyphen and spaces": _set((*GOAL, "years"), " 2025 - 2026 "),
    "years 1900–2200": _set((*GOAL, "years"), {"start": 1900, "end": 2200}),
    "one responsible party as text": _set((*GOAL, "responsible"), "Osallisuus- ja vetovoimapalvelut"),
    "no responsible party": _set((*GOAL, "responsible"), []),
    "forecast as a word": _set((*GOAL, "forecast"), "Toteutuu osittain"),
    "forecast as a number": _set((*GOAL, "forecast"), 3),
    "forecast without level": _set((*GOAL, "forecast"), {"word": "Toteutuu"}),
    "unknown word with a level": _set((*GOAL, "forecast"), {"word": "Vihreä", "level": "on_track"}),
    "unknown word without a level": _set((*GOAL, "forecast"), {"word": "Vihreä", "level": None}),
    "metric status as a word": _set((*METRIC, "status"), "Toteutunut"),
    "metric status as an object": _set((*METRIC, "status"), {"word": "1", "level": "achieved"}),
    "attributes of every kind": _set(
        (*GOAL, "attributes"), {"kustannus": 1200, "osuus": 0.5, "sitova_valtuusto": True, "lisätieto": None}
    ),
    "empty metric": _set(METRIC, {}),
    "minimal node": _set(("nodes", 0), {"level": "painopiste", "title": "Osallisuus"}),
    "minimal goal": _set(GOAL, {"title": "Tavoite"}),
    "id with every allowed character": _set((*GOAL, "id"), "A-z_0.9:x"),
    "id of 128 characters": _set((*METRIC, "id"), "a" * 128),
    "nested children": _set(
        ("nodes", 0, "children"),
        [{"level": "painopiste", "title": "Ala", "children": [{"level": "painopiste", "title": "Alempi"}]}],
    ),
}


@pytest.mark.parametrize("change", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_schema_and_reader_both_accept(change: Change) -> None:
    _assert_both_accept(_apply(change))


_PERIOD_KEYS = {
    "year": st.integers(1890, 2210),
    "start_month": st.integers(-1, 14),
    "end_month": st.integers(-1, 14),
    "annual": st.booleans(),
}


@given(st.fixed_dictionaries({}, optional=_PERIOD_KEYS))
def test_schema_and_reader_agree_on_period_objects(period: dict[str, Any]) -> None:
    data = _changed(_set(("period",), period))
    assert (not _errors(data)) == _reader_accepts(data), _errors(data)
