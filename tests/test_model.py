"""Model laws: forecast ordering, equality, ids, schemas and the registry."""

from __future__ import annotations

import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import strategiaseuranta as ss
from strategiaseuranta.ids import derive_id, is_valid_id, unique_ids
from strategiaseuranta.testing import forecast_levels, reports

levels = forecast_levels()


@given(levels, levels)
def test_forecast_order_is_total_and_antisymmetric(a: ss.ForecastLevel, b: ss.ForecastLevel) -> None:
    assert sum([a < b, a == b, a > b]) == 1
    assert (a <= b) == (a < b or a == b)
    assert (a >= b) == (b <= a)


@given(levels, levels, levels)
def test_forecast_order_is_transitive(a: ss.ForecastLevel, b: ss.ForecastLevel, c: ss.ForecastLevel) -> None:
    if a <= b and b <= c:
        assert a <= c


@given(levels, levels)
def test_compare_mirrors(a: ss.ForecastLevel, b: ss.ForecastLevel) -> None:
    forward, backward = ss.ForecastLevel.compare(a, b), ss.ForecastLevel.compare(b, a)
    if forward is None:
        assert backward is None
    else:
        assert forward == -backward  # type: ignore[operator]
        assert forward == (b > a) - (b < a)


def test_canonical_scale_order() -> None:
    best_first = sorted(ss.ForecastLevel, reverse=True)
    assert best_first == [
        ss.ForecastLevel.ACHIEVED,
        ss.ForecastLevel.ON_TRACK,
        ss.ForecastLevel.PARTLY,
        ss.ForecastLevel.NOT_ACHIEVED,
        ss.ForecastLevel.NOT_ASSESSABLE,
    ]
    assert ss.ForecastLevel.compare(ss.ForecastLevel.NOT_ASSESSABLE, ss.ForecastLevel.NOT_ACHIEVED) is None
    assert ss.ForecastLevel.compare(None, ss.ForecastLevel.ACHIEVED) is None
    assert ss.ForecastLevel.compare(ss.ForecastLevel.ON_TRACK, ss.ForecastLevel.PARTLY) == -1


@given(reports())
def test_records_are_frozen_hashable_and_picklable(report: ss.Report) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.title = "x"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(report)) == report
    for goal in report.goals:
        hash(goal)
        assert report.goal(goal.id) is not None


@given(reports())
def test_goals_iterate_in_document_order(report: ss.Report) -> None:
    expected: list[ss.Goal] = []

    def visit(node: ss.Node) -> None:
        expected.extend(node.goals)
        for child in node.children:
            visit(child)

    for node in report.nodes:
        visit(node)
    assert list(report.goals) == expected
    assert [g for _, g in report.walk()] == expected


def test_empty_status_is_no_status() -> None:
    goal = ss.Goal("g", "G", ss.YearSpan(2025, 2025), status=ss.Status())
    assert goal.status is None


def test_replace_goal_unknown_id() -> None:
    report = ss.load("examples/joensuu/2025-07.yaml")
    with pytest.raises(KeyError):
        report.replace_goal("no-such-goal", title="x")
    with pytest.raises(KeyError):
        report.goal("no-such-goal")


@given(st.text())
def test_derived_ids_are_valid_and_stable(text: str) -> None:
    gid = derive_id(text)
    assert is_valid_id(gid)
    assert derive_id(text) == gid
    assert derive_id("  " + text.upper() + "\n") == derive_id(text.upper())


def test_ids_do_not_depend_on_position() -> None:
    a = unique_ids(["Yksi", "Kaksi", "Kolme"])
    b = unique_ids(["Kolme", "Yksi", "Kaksi"])
    assert dict(zip(["Yksi", "Kaksi", "Kolme"], a, strict=True)) == dict(
        zip(["Kolme", "Yksi", "Kaksi"], b, strict=True)
    )
    assert not is_valid_id("abc\n")
    assert not is_valid_id("two words")


def test_same_goal_in_two_rounds_gets_the_same_id(tmp_path: object) -> None:
    july = ss.load("examples/joensuu/2025-07.yaml")
    moved = attrs.evolve(july, period=ss.Period(2025, annual=True), nodes=list(reversed(july.nodes)))
    from strategiaseuranta.formats import yaml as yamlfmt

    again = yamlfmt.loads_report(yamlfmt.dumps_report(moved))
    assert {g.title: g.id for g in again.goals} == {g.title: g.id for g in july.goals}


def test_schema_lookup_and_labels() -> None:
    schema = ss.get_schema("joensuu")
    assert schema.forecast("Ei toteudu").level is ss.ForecastLevel.NOT_ACHIEVED
    assert schema.forecast("ei TOTEUDU").word == "ei TOTEUDU"
    assert schema.forecast("Kyllä").level is None
    assert schema.suggest("Toteutu") == ["Toteutuu", "Toteutunut"]
    assert [schema.label("forecast", lang) for lang in ("fi", "sv", "en")] == [
        "Toteutumaennuste",
        "Prognos",
        "Forecast",
    ]
    with pytest.raises(ValueError, match="unknown language 'de'"):
        schema.label("forecast", "de")


def test_schema_from_and_to_dict_round_trip() -> None:
    schema = ss.get_schema("joensuu")
    assert ss.Schema.from_dict(schema.to_dict()) == schema


def test_schema_errors_are_clear() -> None:
    with pytest.raises(ss.SchemaError, match=r"extra fields found \(levls\)"):
        ss.Schema.from_dict({"name": "x", "title": "X", "levls": [], "scale": []})
    with pytest.raises(ss.SchemaError, match="at least one hierarchy level"):
        ss.Schema.from_dict({"name": "x", "title": "X", "levels": [], "scale": []})


def test_registry() -> None:
    with pytest.raises(ss.SchemaError, match=r"unknown schema 'kuopio'; available: .*joensuu"):
        ss.get_schema("kuopio")
    schema = attrs.evolve(ss.get_schema("joensuu"), name="testikunta")
    ss.register_schema(schema)
    assert ss.available_schemas()["testikunta"] == "registered"
    with pytest.raises(ss.SchemaError, match="already registered"):
        ss.register_schema(schema)
    ss.register_schema(schema, replace=True)
    view = ss.available_schemas()
    with pytest.raises(TypeError):
        view["x"] = "y"  # type: ignore[index]


def test_public_api_is_exported() -> None:
    for name in ss.__all__:
        assert getattr(ss, name) is not None
    assert ss.__version__


def test_mappings_inside_frozen_records_are_read_only() -> None:
    report = ss.load("examples/joensuu/2025-07.yaml")
    goal = report.replace_goal(report.goals[0].id, attributes={"sivu": 42}).goals[0]
    with pytest.raises(TypeError, match="read-only"):
        goal.attributes["sivu"] = 43  # type: ignore[index]
    with pytest.raises(TypeError, match="read-only"):
        goal.attributes.update({"x": 1})  # type: ignore[attr-defined]
    schema = ss.get_schema("joensuu")
    with pytest.raises(TypeError, match="read-only"):
        schema.labels["forecast"] = schema.labels["title"]  # type: ignore[index]
    assert pickle.loads(pickle.dumps(goal)) == goal
    assert pickle.loads(pickle.dumps(schema)) == schema
    assert goal.measured == {}


def test_suggestions_and_colours() -> None:
    schema = ss.get_schema("joensuu")
    assert schema.suggest("Osittai") == ["Toteutuu osittain"]  # found through its alias "Osittain"
    assert schema.suggest("Toteutuu") == []  # a known word needs no suggestion
    assert schema.colour(schema.forecast("Toteutunut")) == "#2e7d32"
    assert schema.colour(ss.Forecast("Vihreä", ss.ForecastLevel.ACHIEVED)) == "#2e7d32"
    assert schema.colour(ss.Forecast("Vihreä", None)) is None
