"""The JSON Schemas shipped for the JSON format, checked against the writer and the reader.

The schema of format version 2 (``strategiaseuranta/data/report-v2.schema.json``)
documents the files :func:`~strategiaseuranta.formats.json.to_plain` and
:func:`~strategiaseuranta.formats.json.encode_report` write and the reader accepts.
These tests check that everything the writer produces validates, and that the schema
and :func:`~strategiaseuranta.formats.json.loads_report` agree on what they refuse:
unknown keys, wrong types and missing required keys.

The schema of version 1 (``report-v1.schema.json``) still documents the older, flat
files the reader reads; a few tests check that it describes what the version 1 writer
produces.
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
from strategiaseuranta.formats._plain import JSON_DIALECT, JSON_V1_DIALECT, Writer
from strategiaseuranta.formats.json import encode_report, loads_report, to_plain

SCHEMA_IDS = {
    1: "https://strategiaseuranta.readthedocs.io/schemas/report-v1.schema.json",
    2: "https://strategiaseuranta.readthedocs.io/schemas/report-v2.schema.json",
}
EXAMPLE = "examples/joensuu/2025-07.yaml"

Path = tuple[str | int, ...]
GOAL: Path = ("nodes", 0, "goals", 0)
STATUS: Path = (*GOAL, "status")
FORECAST: Path = (*STATUS, "forecast")
METRIC: Path = (*GOAL, "metrics", 0)


def _load_schema(version: int) -> dict[str, Any]:
    resource = importlib.resources.files("strategiaseuranta") / "data" / f"report-v{version}.schema.json"
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


SCHEMAS = {version: _load_schema(version) for version in SCHEMA_IDS}
SCHEMA = SCHEMAS[2]
# Format checking stays off (no format_checker): the schemas use no "format" anyway.
VALIDATOR = Draft202012Validator(SCHEMA)
V1_VALIDATOR = Draft202012Validator(SCHEMAS[1])


def _errors(data: Any, validator: Draft202012Validator = VALIDATOR) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


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


# -- the schemas themselves ----------------------------------------------------------------


@pytest.mark.parametrize("version", SCHEMAS)
def test_schema_is_a_valid_draft_2020_12_schema(version: int) -> None:
    schema = SCHEMAS[version]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_IDS[version]
    assert schema["title"].endswith(f"JSON format version {version}")
    assert schema["description"]
    assert schema["properties"]["format_version"]["const"] == version


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


@pytest.mark.parametrize("version", SCHEMAS)
def test_every_property_and_definition_has_a_description(version: int) -> None:
    schema = SCHEMAS[version]
    missing = [
        f"{where}/properties/{name}"
        for where, sub in _subschemas(schema)
        for name, prop in sub.get("properties", {}).items()
        if not prop.get("description")
    ]
    missing += [f"#/$defs/{name}" for name, sub in schema["$defs"].items() if not sub.get("description")]
    assert not missing


@pytest.mark.parametrize("version", SCHEMAS)
def test_every_record_refuses_unknown_keys(version: int) -> None:
    open_records = [
        where
        for where, sub in _subschemas(SCHEMAS[version])
        if "properties" in sub and sub.get("additionalProperties") is not False
    ]
    assert not open_records


def test_version_2_has_organisation_and_status_records() -> None:
    defs = SCHEMA["$defs"]
    assert SCHEMA["properties"]["organisation"]["$ref"] == "#/$defs/organisation"
    assert defs["organisation"]["required"] == ["municipality", "body"]
    assert defs["goal"]["properties"]["status"]["$ref"] == "#/$defs/status"
    assert set(defs["status"]["properties"]) == {"realisation", "forecast"}
    # the flat keys of version 1 are gone
    assert not {"municipality", "body"} & set(SCHEMA["properties"])
    assert not {"realisation", "forecast"} & set(defs["goal"]["properties"])


# -- what the writer produces validates ----------------------------------------------------


def test_joensuu_example_validates() -> None:
    report = ss.load(EXAMPLE)
    data = json.loads(ss.formats.json.dumps_report(report))
    assert not _errors(data)
    assert data["format_version"] == 2
    assert data["organisation"] == {
        "body": "Hyvinvoinnin ja osallisuuden edistämisen lautakunta",
        "municipality": "Joensuu",
    }


def _reports() -> st.SearchStrategy[ss.Report]:
    from strategiaseuranta.testing import reports

    return reports()


@given(st.deferred(_reports))
def test_written_reports_validate(report: ss.Report) -> None:
    data = to_plain(report)
    assert not _errors(data)
    # the JSON text, too: what a consumer of the file actually validates
    assert not _errors(json.loads(json.dumps(data)))
    # and the file the fast encoder writes, which holds the same keys and values
    encoded = json.loads(encode_report(report))
    assert not _errors(encoded)
    assert encoded == json.loads(json.dumps(data))


def _keys_in_order(data: Any) -> Iterator[tuple[str, list[str]]]:
    """(where, keys in file order) of every object below the report, keys of custom fields left out."""
    if isinstance(data, dict):
        yield "", list(data)
        for key, value in data.items():
            if key != "attributes":
                for where, keys in _keys_in_order(value):
                    yield f"/{key}{where}", keys
    elif isinstance(data, list):
        for i, value in enumerate(data):
            for where, keys in _keys_in_order(value):
                yield f"/{i}{where}", keys


def test_key_order_as_documented() -> None:
    data = json.loads(encode_report(ss.load(EXAMPLE)))
    assert list(data) == ["format_version", "schema", "organisation", "period", "title", "nodes"]
    below = dict(_keys_in_order(data))
    del below[""]  # the report
    every_kind = ["/organisation", "/period", "/nodes/0", "/nodes/0/goals/0", "/nodes/0/goals/0/years"]
    every_kind += [
        "/nodes/0/goals/0/status",
        "/nodes/0/goals/0/status/forecast",
        "/nodes/0/goals/0/metrics/0",
    ]
    assert set(every_kind) <= set(below)
    assert {where: keys for where, keys in below.items() if keys != sorted(keys)} == {}


# -- the schema and the reader agree --------------------------------------------------------

# (path of an object in the example, its definition in the schema, its kind in the reader)
RECORDS: list[tuple[Path, dict[str, Any], str | None]] = [
    ((), SCHEMA, "report"),
    (("organisation",), SCHEMA["$defs"]["organisation"], "organisation"),
    (("period",), SCHEMA["$defs"]["period"]["oneOf"][0], None),
    (("nodes", 0), SCHEMA["$defs"]["node"], "node"),
    (GOAL, SCHEMA["$defs"]["goal"], "goal"),
    ((*GOAL, "years"), SCHEMA["$defs"]["years"]["oneOf"][0], None),
    (STATUS, SCHEMA["$defs"]["status"], "status"),
    (FORECAST, SCHEMA["$defs"]["forecast"]["oneOf"][1], None),
    (METRIC, SCHEMA["$defs"]["metric"], "metric"),
]
KEYS = [
    (path, key, key in record.get("required", []))
    for path, record, _ in RECORDS
    for key in record["properties"]
]
KEY_IDS = ["/".join(map(str, (*path, key))) or "/" for path, key, _ in KEYS]


@pytest.mark.parametrize(
    ("path", "record", "kind"), RECORDS, ids=[k or "/".join(map(str, p)) for p, _, k in RECORDS]
)
def test_keys_match_the_writer_and_the_reader(path: Path, record: dict[str, Any], kind: str | None) -> None:
    # the writer writes every key of the record, in the schema's order
    assert list(record["properties"]) == list(_at(_example(), path))
    if kind is not None:
        # ...and the reader takes exactly these keys
        assert set(record["properties"]) == set(JSON_DIALECT.keys(kind))


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


def _flat_organisation(data: dict[str, Any]) -> None:
    """The report's municipality and body as version 1 has them."""
    organisation = data.pop("organisation")
    data["municipality"], data["body"] = organisation["municipality"], organisation["body"]


def _flat_status(data: dict[str, Any]) -> None:
    """The first goal's realisation and forecast as version 1 has them."""
    goal = _at(data, GOAL)
    status = goal.pop("status")
    goal["realisation"], goal["forecast"] = status["realisation"], status["forecast"]


REFUSED: dict[str, Change] = {
    # misspelt keys
    "misspelt municipality": _rename(("organisation", "municipality"), "municipalty"),
    "misspelt node title": _rename(("nodes", 0, "title"), "titel"),
    "misspelt goal forecast": _rename(FORECAST, "forcast"),
    "Finnish key in JSON": _rename((*GOAL, "responsible"), "vastuutaho"),
    "Finnish status key in JSON": _rename(STATUS, "tila"),
    "misspelt metric target": _rename((*METRIC, "target"), "taget"),
    "misspelt period end_month": _rename(("period", "end_month"), "end_moth"),
    "British organization": _rename(("organisation",), "organization"),
    "extra key in forecast": _set((*FORECAST, "colour"), "green"),
    "extra key in years": _set((*GOAL, "years", "step"), 1),
    "extra key in organisation": _set(("organisation", "country"), "Suomi"),
    "extra key in status": _set((*STATUS, "comment"), "ok"),
    # the flat keys of version 1 in a version 2 file
    "municipality and body flat": _flat_organisation,
    "municipality beside organisation": _set(("municipality",), "Joensuu"),
    "realisation and forecast flat": _flat_status,
    "realisation beside status": _set((*GOAL, "realisation"), "Käynnissä"),
    "forecast beside status": _set((*GOAL, "forecast"), "Toteutuu"),
    # wrong types
    "report is a list": lambda data: [data],
    "organisation is text": _set(("organisation",), "Joensuu"),
    "organisation is null": _set(("organisation",), None),
    "organisation is a list": _set(("organisation",), ["Joensuu", "Lautakunta"]),
    "municipality is a list": _set(("organisation", "municipality"), ["Joensuu"]),
    "body is null": _set(("organisation", "body"), None),
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
    "status is text": _set(STATUS, "Toteutuu"),
    "status is false": _set(STATUS, value=False),
    "status is a list": _set(STATUS, [{"realisation": "Käynnissä"}]),
    "realisation is true": _set((*STATUS, "realisation"), value=True),
    "realisation is a list": _set((*STATUS, "realisation"), ["Käynnissä"]),
    "forecast is a fraction": _set(FORECAST, 1.5),
    "forecast is true": _set(FORECAST, value=True),
    "forecast word is a number": _set(FORECAST, {"word": 3, "level": None}),
    "attributes is a list": _set((*GOAL, "attributes"), ["kustannus"]),
    "attribute value is an object": _set((*GOAL, "attributes"), {"kustannus": {"euroa": 5}}),
    "attribute value is a list": _set((*GOAL, "attributes"), {"kustannus": [5]}),
    "metric target is an object": _set((*METRIC, "target"), {"min": 70}),
    "metric status is false": _set((*METRIC, "status"), value=False),
    "metric is a list": _set(METRIC, ["mittari"]),
    # values out of range
    "format version 1 with version 2 records": _set(("format_version",), 1),
    "format version 3": _set(("format_version",), 3),
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
    "unknown forecast level": _set(FORECAST, {"word": "Vihreä", "level": "green"}),
    "unknown metric status level": _set((*METRIC, "status"), {"word": "Vihreä", "level": "green"}),
    "id with a space": _set((*GOAL, "id"), "two words"),
    "id starting with a dash": _set(("nodes", 0, "id"), "-x"),
    "id too long": _set((*METRIC, "id"), "a" * 129),
    "empty id": _set((*METRIC, "id"), ""),
}


def _reversed(data: Any) -> Any:
    """Every object with its keys in reverse order."""
    if isinstance(data, dict):
        return {key: _reversed(data[key]) for key in reversed(list(data))}
    if isinstance(data, list):
        return [_reversed(item) for item in data]
    return data


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
    "status is null": _set(STATUS, None),
    "empty status": _set(STATUS, {}),
    "status of nulls": _set(STATUS, {"realisation": None, "forecast": None}),
    "status with only a realisation": _set(STATUS, {"realisation": "Käynnissä."}),
    "status with only a forecast": _set(STATUS, {"forecast": {"word": "Toteutuu", "level": "on_track"}}),
    "forecast as a word": _set(FORECAST, "Toteutuu osittain"),
    "forecast as a number": _set(FORECAST, 3),
    "forecast without level": _set(FORECAST, {"word": "Toteutuu"}),
    "unknown word with a level": _set(FORECAST, {"word": "Vihreä", "level": "on_track"}),
    "unknown word without a level": _set(FORECAST, {"word": "Vihreä", "level": None}),
    "metric status as a word": _set((*METRIC, "status"), "Toteutunut"),
    "metric status as an object": _set((*METRIC, "status"), {"word": "1", "level": "achieved"}),
    "attributes of every kind": _set(
        (*GOAL, "attributes"), {"kustannus": 1200, "osuus": 0.5, "sitova_valtuusto": True, "lisätieto": None}
    ),
    "empty metric": _set(METRIC, {}),
    "minimal node": _set(("nodes", 0), {"level": "painopiste", "title": "Osallisuus"}),
    "minimal goal": _set(GOAL, {"title": "Tavoite"}),
    "minimal report": lambda data: {
        "format_version": 2,
        "organisation": data["organisation"],
        "period": "tammi–heinäkuu 2025",
    },
    "keys in reverse order": _reversed,
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


def test_an_empty_status_is_no_status() -> None:
    for status in (None, {}, {"realisation": None, "forecast": None}):
        data = _changed(_set(STATUS, status))
        assert loads_report(json.dumps(data)).goals[0].status is None


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


# Values for the organisation's and the status's keys. The reader takes a number where
# text belongs (it keeps the digits as text); the schema does not, so for numbers only
# "the schema accepts it, so the reader reads it" holds.
_NUMBERS = st.sampled_from([3, 2025, 0.5])
_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from([None, True, False, [], ["Joensuu"], {}, "", "Joensuu", "Toteutuu"]),
    _NUMBERS,
)
# A level that contradicts the schema's placement of a word it knows ("Toteutuu" is
# on_track) is the reader's rule, beyond JSON Schema: such pairs are not drawn here.
_FORECASTS = st.one_of(
    _VALUES,
    st.fixed_dictionaries(
        {"word": st.just("Toteutuu")}, optional={"level": st.sampled_from([None, "on_track"])}
    ),
    st.fixed_dictionaries(
        {"word": st.sampled_from(["Vihreä", 3, None])},
        optional={"level": st.sampled_from([None, "on_track", "achieved", "green", 1])},
    ),
)


def _has_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@given(st.fixed_dictionaries({}, optional={"municipality": _VALUES, "body": _VALUES}))
def test_schema_and_reader_agree_on_organisations(organisation: dict[str, Any]) -> None:
    data = _changed(_set(("organisation",), organisation))
    if not _errors(data):
        assert _reader_accepts(data)
    elif not any(map(_has_number, organisation.values())):
        assert not _reader_accepts(data), _errors(data)


@given(
    st.one_of(_VALUES, st.fixed_dictionaries({}, optional={"realisation": _VALUES, "forecast": _FORECASTS}))
)
def test_schema_and_reader_agree_on_statuses(status: Any) -> None:
    data = _changed(_set(STATUS, status))
    if not _errors(data):
        assert _reader_accepts(data)
    elif not (isinstance(status, dict) and _has_number(status.get("realisation"))):
        assert not _reader_accepts(data), _errors(data)


# -- version 1 ------------------------------------------------------------------------------


def test_version_1_schema_still_describes_version_1_files() -> None:
    report = ss.load(EXAMPLE)
    data = json.loads(json.dumps(Writer(JSON_V1_DIALECT, report).plain()))
    assert data["format_version"] == 1
    assert data["municipality"] == "Joensuu"
    assert "realisation" in _at(data, GOAL)
    assert not _errors(data, V1_VALIDATOR)
    # each schema refuses the other version's files
    assert _errors(data)
    assert _errors(to_plain(report), V1_VALIDATOR)
    # and the reader reads version 1 to the same report
    assert loads_report(json.dumps(data, ensure_ascii=False)) == report


@pytest.mark.parametrize(("kind", "path"), [("report", ()), ("goal", GOAL)])
def test_version_1_keys_match_the_version_1_writer(kind: str, path: Path) -> None:
    data = Writer(JSON_V1_DIALECT, ss.load(EXAMPLE)).plain()
    record = SCHEMAS[1] if kind == "report" else SCHEMAS[1]["$defs"][kind]
    assert list(record["properties"]) == list(_at(data, path))
    assert set(record["properties"]) == set(JSON_V1_DIALECT.keys(kind))
