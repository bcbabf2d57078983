"""Adversarial probes of JSON format version 2: msgspec decoding straight into the model.

Version 2 files are decoded by msgspec into the model's own attrs records (without calling
their ``__init__``); ``_json_fast._Checker`` then re-does the constructors' checks, shares
equal forecasts and year spans, freezes custom fields, and the member count catches unknown
and duplicate keys. The contract: for every input, ``_json_fast.load`` returns ``None`` or
exactly the report the issue-collecting reader builds (equal field by field, with the same
types and signs, equal ``.source``), and ``loads_report`` raises the reader's issues for files
the reader refuses. The model's public constructors behave as before, and ``paused_gc``
never leaves the collector disabled or objects frozen.

Tests named ``test_bug_...`` demonstrate a bug and fail; the others document an attack that
was considered and is handled. ``tests/test_json_fast_adversarial.py`` holds the attacks
written for version 1; this file does not repeat them.
"""

from __future__ import annotations

import copy
import gc
import json
import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strategiaseuranta as ss
from jsoncontract import (
    NAME,
    Obj,
    agrees,
    agrees_bytes,
    codes,
    deep,
    issues,
    objects,
    pairs,
    same_report,
    slow,
)
from strategiaseuranta import registry
from strategiaseuranta._frozen import FrozenDict
from strategiaseuranta._lazy import PROMOTE_FROM, paused_gc
from strategiaseuranta.exceptions import LoadError
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.formats import _json_fast
from strategiaseuranta.formats import json as jsonfmt
from strategiaseuranta.formats._plain import JSON_V1_DIALECT, Writer
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Status
from strategiaseuranta.periods import Period, YearSpan


def taken(text: str) -> Report:
    """The text is a good file and the fast path takes it (and agrees)."""
    result = agrees(text)
    assert isinstance(result, Report), issues(result) if isinstance(result, LoadError) else result
    fast = _json_fast.load(text.encode("utf-8"), NAME)
    assert fast is not None, "a file exactly in the written form must take the fast path"
    return fast


def refused(text: str, *codes: str) -> LoadError:
    """Both readers refuse the text (with the reader's issues); the first codes are ``codes``."""
    result = agrees(text)
    assert isinstance(result, LoadError), "the reader took it"
    assert _json_fast.load(text.encode("utf-8"), NAME) is None
    if codes:
        assert [i.code for i in result.issues][: len(codes)] == list(codes), issues(result)
    return result


# -- a version 2 file exercising every record ----------------------------------------------------


def fc(word: str, level: str | None) -> dict[str, Any]:
    return {"word": word, "level": level}


def metric_(mid: str, status: Any = None, **texts: Any) -> dict[str, Any]:
    out = {"id": mid, "name": None, "target": None, "baseline": None, "value": None, "status": status}
    out.update(texts)
    return out


def goal_(
    gid: str,
    title: str = "Tavoite",
    years: Any = (2025, 2025),
    *,
    responsible: Any = (),
    metrics: Any = (),
    status: Any = None,
    binding: Any = False,
    attributes: Any = None,
) -> dict[str, Any]:
    return {
        "id": gid,
        "title": title,
        "years": {"start": years[0], "end": years[1]} if isinstance(years, tuple) else years,
        "responsible": list(responsible) if isinstance(responsible, tuple) else responsible,
        "metrics": list(metrics) if isinstance(metrics, tuple) else metrics,
        "status": status,
        "binding": binding,
        "attributes": {} if attributes is None else attributes,
    }


def node_(
    nid: str,
    goals: Any = (),
    children: Any = (),
    level: str = "painopiste",
    title: str = "Otsikko",
    text: Any = None,
) -> dict[str, Any]:
    return {
        "id": nid,
        "level": level,
        "title": title,
        "text": text,
        "goals": list(goals),
        "children": list(children),
    }


def report_(nodes: Any, **changes: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format_version": 2,
        "schema": "joensuu",
        "organisation": {"municipality": "Joensuu", "body": "Lautakunta"},
        "period": {"year": 2025, "start_month": 1, "end_month": 7, "annual": False},
        "title": None,
        "nodes": list(nodes),
    }
    out.update(changes)
    return out


def dumps(plain: Any) -> str:
    return json.dumps(plain, ensure_ascii=False)


RICH: dict[str, Any] = report_(
    [
        node_(
            "n:1",
            [
                goal_(
                    "g1",
                    "Teemme: yhdessä",
                    (2025, 2026),
                    responsible=("Palvelut", "Kaupunki:keskus"),
                    metrics=(
                        metric_("m1", fc("Vihreä", "partly"), name="Mittari: 1", target="70 %"),
                        metric_("m2", value="18 kohdetta"),
                    ),
                    status={"realisation": "Tehty: osin", "forecast": fc("Toteutuu", "on_track")},
                    attributes={"kustannus": 1200, "huom:1": "a:b", "osuus": -0.0, "iso": 10**30},
                ),
                goal_(
                    "g2",
                    "Toinen",
                    (2025, 2026),
                    metrics=(metric_("m1", fc("Toteutuu", None)),),
                    status={"realisation": None, "forecast": fc("Vihreä", None)},
                ),
            ],
            [
                node_(
                    "c1",
                    [
                        goal_("g3", "Kolmas", status={"realisation": "", "forecast": None}, binding=True),
                        goal_("g4", "Neljäs", status={"realisation": None, "forecast": None}),
                    ],
                    title="Lapsi: 1",
                    text="teksti: x",
                )
            ],
            text="Linjaus",
        ),
        node_("n2", [goal_("g5", "Viides", (2024, 2026), status=None)]),
    ],
    title="Raportti: 2025",
)
RBASE = dumps(RICH)


def mutated(change: Callable[[dict[str, Any]], Any], plain: dict[str, Any] = RICH) -> str:
    """The text of a copy of ``plain`` changed by ``change``."""
    data = copy.deepcopy(plain)
    change(data)
    return dumps(data)


def g(plain: dict[str, Any], i: int = 0) -> dict[str, Any]:
    """The i-th goal of the first node (g1, g2), or of its child (i >= 2: g3, g4)."""
    node = plain["nodes"][0]
    goal: dict[str, Any] = node["goals"][i] if i < 2 else node["children"][0]["goals"][i - 2]
    return goal


def edit(old: str, new: str, text: str = RBASE, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


class Raw(str):
    """JSON text written as it is (escapes, whitespace) by ``_dump``."""

    __slots__ = ()


def _dump(x: Any) -> str:
    if isinstance(x, Raw):
        return str(x)
    if isinstance(x, Obj):
        return "{" + ", ".join(f"{_dump(k)}: {_dump(v)}" for k, v in x) + "}"
    if isinstance(x, list):
        return "[" + ", ".join(_dump(v) for v in x) + "]"
    return json.dumps(x, ensure_ascii=False)


def _where(obj: Obj) -> str:
    keys = [k for k, _ in obj]
    return "+".join(str(k) for k in keys[:3])


RICH_OBJECTS = len(objects(pairs(RICH), []))


def with_member(index: int, key: Any, value: Any, at: int | None = None) -> str:
    """RICH with one member more in its ``index``-th object (at the end, or at ``at``)."""
    tree = pairs(RICH)
    obj = objects(tree, [])[index]
    obj.insert(len(obj) if at is None else at, [key, value])
    return _dump(tree)


def test_the_rich_file_takes_the_fast_path() -> None:
    """Sanity: the base of the attacks is a good file, in the written form."""
    report = taken(RBASE)
    assert len(report.goals) == 5
    assert report.goal("g4").status is None, "an empty status is no status"
    assert report.goal("g3").status == Status("", None)
    assert report.goal("g5").status is None
    assert jsonfmt.loads_report(jsonfmt.encode_report(report)) == report
    assert RICH_OBJECTS > 20


# -- unknown keys: at every level, with colons and escaped colons in them -------------------------

UNKNOWN_VALUES = [
    ("number", 1),
    ("null", None),
    ("nested colons", Raw('{"a:b": ["c\\u003a", ":", {"d\\u003Ae": "::"}]}')),
    ("escaped colon text", Raw('"x\\u003a"')),
    ("empty object", Raw("{}")),
]


@pytest.mark.parametrize("index", range(RICH_OBJECTS))
@pytest.mark.parametrize(("kind", "value"), UNKNOWN_VALUES, ids=[k for k, _ in UNKNOWN_VALUES])
def test_an_unknown_key_anywhere_is_refused(index: int, kind: str, value: Any) -> None:
    text = with_member(index, "tuntematon", value)
    result = agrees(text)
    obj = objects(pairs(RICH), [])[index]
    is_attributes = _where(obj).startswith(("kustannus",)) or not obj  # custom fields take any key
    if not is_attributes:
        assert isinstance(result, LoadError), f"unknown key in {_where(obj)} taken"


@pytest.mark.parametrize("index", range(RICH_OBJECTS))
def test_an_unknown_key_named_with_colons_is_refused(index: int) -> None:
    for key in (Raw('"\\u003a"'), "a:b", Raw('"a\\u003Ab:"')):
        agrees(with_member(index, key, Raw('"\\u003a:"'), at=0))


@pytest.mark.parametrize("index", range(RICH_OBJECTS))
def test_a_duplicate_key_anywhere_is_refused(index: int) -> None:
    obj = objects(pairs(RICH), [])[index]
    if not obj:
        return
    for key, value in (obj[0], obj[-1]):
        for other in (value, None, Raw('"a:b\\u003a"')):
            for at in (0, None):
                result = agrees(with_member(index, key, other, at=at))
                assert codes(result)[:1] == ["L105"]


@pytest.mark.parametrize("index", range(RICH_OBJECTS))
def test_a_duplicate_spelled_with_an_escape_is_refused(index: int) -> None:
    obj = objects(pairs(RICH), [])[index]
    if not obj:
        return
    key, value = obj[0]
    escaped = Raw(
        '"' + "".join(f"\\u{ord(c):04x}" if c.isalpha() else c for c in json.dumps(key)[1:-1]) + '"'
    )
    assert codes(agrees(with_member(index, escaped, value)))[:1] == ["L105"]


KEY_TWICE_ONE_UNKNOWN = [
    ("binding and Binding", '"binding": false', '"binding": false, "Binding": true'),
    ("binding and binding with a space", '"binding": false', '"binding": false, "binding ": true'),
    ("status and statuses", '"status": null', '"status": null, "statuses": null'),
    (
        "organisation and organization",
        '"organisation": {',
        '"organization": {"municipality": "X"}, "organisation": {',
    ),
    ("realisation and realization", '"realisation": null', '"realisation": null, "realization": null'),
    ("forecast and ennuste", '"forecast": null', '"forecast": null, "ennuste": null'),
    ("word and sana", '"word": "Vihreä"', '"word": "Vihreä", "sana": "Vihreä"'),
    ("level and taso", '"level": "partly"', '"level": "partly", "taso": "partly"'),
    ("start and alku", '"start": 2024', '"start": 2024, "alku": 2024'),
    ("municipality and kunta", '"municipality": "Joensuu"', '"municipality": "Joensuu", "kunta": "Joensuu"'),
    ("level in the status", '"forecast": null}', '"forecast": null, "level": "on_track"}'),
    ("version 1 realisation beside the status", '"status": null', '"status": null, "realisation": "x"'),
    ("version 1 forecast beside the status", '"status": null', '"status": null, "forecast": null'),
    ("status inside the status", '"forecast": null}', '"forecast": null, "status": null}'),
    ("version beside format_version", '"format_version": 2', '"format_version": 2, "version": 2'),
    ("NUL in a key", '"binding": false', '"binding": false, "binding\\u0000": false'),
    ("Kelvin sign key", '"binding": false', '"binding": false, "\u212a": 1'),
    ("NFD key", '"binding": false', '"binding": false, "sa\u0308": 1'),
]


@pytest.mark.parametrize(
    ("name", "old", "new"), KEY_TWICE_ONE_UNKNOWN, ids=[n for n, _, _ in KEY_TWICE_ONE_UNKNOWN]
)
def test_a_key_beside_one_like_it_is_refused(name: str, old: str, new: str) -> None:
    result = agrees(edit(old, new))
    assert isinstance(result, LoadError)


COMPENSATIONS = [
    # an unknown member (one colon more) beside something that might seem to take one away
    (
        "unknown key and an escaped backslash before u003a",
        '"title": "Teemme: yhdessä"',
        '"title": "Teemme\\\\u003a yhdessä", "x": 1',
    ),
    (
        "unknown key and a \\u005c-spelled backslash",
        '"title": "Teemme: yhdessä"',
        '"title": "Teemme\\u005cu003a", "x": 1',
    ),
    ("unknown key and an empty status", '"forecast": null}', '"forecast": null, "x": 1}'),
    ("unknown key and a null status", '"status": null', '"status": null, "x": 1'),
    ("unknown key and an empty custom field", '"attributes": {}', '"attributes": {}, "x": 1'),
    ("unknown key and a colon only in a level", '"level": "partly"', '"level": "partly", "x": "on_track"'),
    ("unknown key holding what a lost one held", '"binding": true', '"binding": true, "x": "a\\u003a"'),
    ("a missing key and an unknown one", '"binding": true', '"bindin": true'),
    ("a missing status key and an unknown one", '"realisation": "", ', '"realization": "", '),
    ("a missing forecast key and an unknown one", '"level": "on_track"', '"levels": "on_track"'),
    ("a missing years key and an unknown one", '"end": 2025', '"ends": 2025'),
    ("a missing organisation key and an unknown one", '"body": "Lautakunta"', '"bdy": "Lautakunta"'),
    ("an unknown key in a forecast and the level lost", ', "level": "partly"', ', "x": "partly"'),
]


@pytest.mark.parametrize(("name", "old", "new"), COMPENSATIONS, ids=[n for n, _, _ in COMPENSATIONS])
def test_an_unknown_key_is_not_compensated(name: str, old: str, new: str) -> None:
    assert isinstance(agrees(edit(old, new)), LoadError)


# -- statuses ---------------------------------------------------------------------------------

STATUSES: list[tuple[str, Any]] = [
    ("empty object", {}),
    ("realisation only", {"realisation": "Tehty"}),
    ("forecast only", {"forecast": fc("Toteutuu", "on_track")}),
    ("both null", {"realisation": None, "forecast": None}),
    ("empty realisation", {"realisation": "", "forecast": None}),
    ("blank realisation", {"realisation": " \n", "forecast": None}),
    ("forecast word only", {"realisation": None, "forecast": {"word": "Toteutuu"}}),
    ("forecast level only", {"realisation": None, "forecast": {"level": "on_track"}}),
    ("forecast empty object", {"realisation": None, "forecast": {}}),
    ("forecast word null", {"realisation": None, "forecast": fc(None, None)}),  # type: ignore[arg-type]
    ("forecast word number", {"realisation": None, "forecast": {"word": 1, "level": None}}),
    ("forecast empty word", {"realisation": None, "forecast": fc("", None)}),
    ("forecast as text", {"realisation": None, "forecast": "Toteutuu"}),
    ("forecast as number", {"realisation": None, "forecast": 1}),
    ("forecast as list", {"realisation": None, "forecast": ["Toteutuu", "on_track"]}),
    ("realisation number", {"realisation": 5, "forecast": None}),
    ("realisation false", {"realisation": False, "forecast": None}),
    ("status as text", "Toteutuu"),
    ("status as list", []),
    ("status as true", True),
    ("status as number", 0),
    ("status null", None),
    ("status holding the goal's keys", {"realisation": None, "forecast": None, "id": "g1"}),
]


@pytest.mark.parametrize(("name", "status"), STATUSES, ids=[n for n, _ in STATUSES])
def test_status_forms(name: str, status: Any) -> None:
    result = agrees(mutated(lambda p: g(p).update(status=status)))
    if name in {"both null", "status null"}:
        assert isinstance(result, Report) and result.goal("g1").status is None
        assert _json_fast.load(mutated(lambda p: g(p).update(status=status)).encode(), NAME) is not None
    if name in {"empty realisation", "blank realisation"}:
        assert isinstance(result, Report)
        assert result.goal("g1").status == Status(status["realisation"], None)


def test_an_empty_status_is_no_status_also_in_a_metricless_child() -> None:
    report = taken(RBASE)
    assert report.goal("g4").status is None
    assert report.goal("g4").forecast is None and report.goal("g4").realisation is None
    assert report.goal("g3").status is not None and report.goal("g3").status.empty


def test_many_empty_statuses_each_become_none() -> None:
    goals = [goal_(f"e{i}", status={"realisation": None, "forecast": None}) for i in range(30)]
    report = taken(dumps(report_([node_("n", goals)])))
    assert all(goal.status is None for goal in report.goals)


# -- forecast levels ----------------------------------------------------------------------------

LEVELS: list[tuple[str, Any]] = [
    ("ON_TRACK (the name)", "ON_TRACK"),
    ("On_Track", "On_Track"),
    ("with a space", "on_track "),
    ("escaped underscore", Raw('"on\\u005ftrack"')),
    ("ForecastLevel repr", "ForecastLevel.ON_TRACK"),
    ("a Severity value", "error"),
    ("a status_per value", "goal"),
    ("a level key", "painopiste"),
    ("empty", ""),
    ("number", 3),
    ("true", True),
    ("list", ["on_track"]),
    ("object", {"value": "on_track"}),
    ("contradicting", "achieved"),
    ("not assessable", "not_assessable"),
    ("null", None),
]


@pytest.mark.parametrize(("name", "level"), LEVELS, ids=[n for n, _ in LEVELS])
@pytest.mark.parametrize("where", ["goal, placed word", "goal, unknown word", "metric, unknown word"])
def test_forecast_level_forms(name: str, level: Any, where: str) -> None:
    level_json = _dump(level)
    if where == "goal, placed word":
        text = edit(
            '{"word": "Toteutuu", "level": "on_track"}', '{"word": "Toteutuu", "level": ' + level_json + "}"
        )
    elif where == "goal, unknown word":
        text = edit('{"word": "Vihreä", "level": null}', '{"word": "Vihreä", "level": ' + level_json + "}")
    else:
        text = edit(
            '{"word": "Vihreä", "level": "partly"}', '{"word": "Vihreä", "level": ' + level_json + "}"
        )
    result = agrees(text)
    if name in {"escaped underscore", "null"} or (
        name in {"contradicting", "not assessable"} and "unknown" in where
    ):
        assert isinstance(result, Report)


WORDS = [
    ("lower case placed word", "toteutuu", "on_track"),
    ("upper case placed word", "TOTEUTUU", "on_track"),
    ("padded placed word", " Toteutuu\n", "on_track"),
    ("alias", "Osittain", "partly"),
    ("alias, lower case", "osittain", "partly"),
    ("alias with the main word's level contradicting", "Osittain", "on_track"),
    ("NFD word of another schema", "Fo\u0308rverkligas", "on_track"),
    ("case-folded sharp s", "TOTEUTUU OSITTAIN", "partly"),
    ("word with a colon", "Toteutuu: osin", "partly"),
    ("word with an escaped colon", "Toteutuu\\u003a osin", "partly"),
]


@pytest.mark.parametrize(("name", "word", "level"), WORDS, ids=[n for n, _, _ in WORDS])
@pytest.mark.parametrize("with_level", [True, False])
def test_forecast_words_the_schema_spells_otherwise(
    name: str, word: str, level: str, with_level: bool
) -> None:
    spelled = json.dumps(word, ensure_ascii=False).replace("\\\\u003a", "\\u003a")
    lv = f'"{level}"' if with_level else "null"
    text = edit('{"word": "Toteutuu", "level": "on_track"}', '{"word": ' + spelled + ', "level": ' + lv + "}")
    result = agrees(text)
    if isinstance(result, Report):
        forecast = result.goal("g1").forecast
        assert forecast is not None
        assert forecast.word == json.loads(spelled), "the word is kept as written"


# -- sharing of forecasts and year spans --------------------------------------------------------


def test_goals_with_equal_years_share_one_span_and_compare_equal() -> None:
    report = taken(RBASE)
    g1, g2, g3, g4, g5 = (report.goal(f"g{i}") for i in range(1, 6))
    assert g1.years == g2.years == YearSpan(2025, 2026)
    assert g1.years is g2.years, "equal spans are shared"
    assert g3.years is g4.years
    assert g3.years == YearSpan(2025, 2025) and g5.years == YearSpan(2024, 2026)
    assert g1.years is not g3.years and g1.years != g3.years
    assert hash(g1.years) == hash(YearSpan(2025, 2026))


def test_a_span_replaced_in_a_later_goal_is_not_shared_with_an_earlier_one() -> None:
    spans = [(2025, 2026), (2025, 2025), (2025, 2026), (2026, 2026), (2025, 2025), (2025, 2026)]
    goals = [goal_(f"s{i}", years=span) for i, span in enumerate(spans)]
    report = taken(dumps(report_([node_("n", goals[:3], [node_("c", goals[3:])])])))
    got = [(goal.years.start, goal.years.end) for goal in report.goals]
    assert got == spans
    by_span: dict[tuple[int, int], YearSpan] = {}
    for goal in report.goals:
        key = (goal.years.start, goal.years.end)
        assert by_span.setdefault(key, goal.years) is goal.years
    assert len({id(goal.years) for goal in report.goals}) == 3


def test_a_bad_span_after_equal_good_ones_is_refused() -> None:
    goals = [goal_("a", years=(2025, 2026)), goal_("b", years=(2025, 2026)), goal_("c", years=(2026, 2025))]
    assert codes(agrees(dumps(report_([node_("n", goals)])))) == ["L204"]


def test_a_word_with_and_without_a_level_does_not_leak_levels() -> None:
    """The same word with a level in one place and none in another: each keeps its own."""
    unknown = "Sininen"  # no schema places it
    goals = [
        goal_(
            "a",
            metrics=(metric_("m1", fc(unknown, None)), metric_("m2", fc(unknown, "partly"))),
            status={"realisation": None, "forecast": fc(unknown, "partly")},
        ),
        goal_(
            "b",
            status={"realisation": None, "forecast": fc(unknown, None)},
            metrics=(metric_("m", fc(unknown, "achieved")),),
        ),
        goal_("c", status={"realisation": None, "forecast": fc(unknown, "not_achieved")}),
        goal_(
            "d",
            status={"realisation": None, "forecast": fc(unknown, None)},
            metrics=(metric_("m", fc(unknown, None)),),
        ),
        goal_(
            "e",
            status={"realisation": None, "forecast": fc("Toteutuu", None)},
            metrics=(metric_("m", fc("Toteutuu", "on_track")),),
        ),
        goal_(
            "f",
            status={"realisation": None, "forecast": fc("Toteutuu", "on_track")},
            metrics=(metric_("m", fc("Toteutuu", None)),),
        ),
    ]
    report = taken(dumps(report_([node_("n", goals)])))
    levels = {
        goal.id: (goal.level, [m.status.level if m.status else None for m in goal.metrics])
        for goal in report.goals
    }
    lv = ForecastLevel
    assert levels == {
        "a": (lv.PARTLY, [None, lv.PARTLY]),
        "b": (None, [lv.ACHIEVED]),
        "c": (lv.NOT_ACHIEVED, []),
        "d": (None, [None]),
        "e": (lv.ON_TRACK, [lv.ON_TRACK]),
        "f": (lv.ON_TRACK, [lv.ON_TRACK]),
    }


def test_a_contradicting_level_after_the_same_word_was_taken_is_refused() -> None:
    goals = [
        goal_("a", status={"realisation": None, "forecast": fc("Toteutuu", "on_track")}),
        goal_("b", status={"realisation": None, "forecast": fc("Toteutuu", None)}),
        goal_("c", metrics=(metric_("m", fc("Toteutuu", "partly")),)),
    ]
    assert codes(agrees(dumps(report_([node_("n", goals)])))) == ["L204"]


SCHEMA_WORDS = {
    "joensuu": ["Toteutuu", "toteutuu", "Osittain", "Ei toteudu", "Vihreä", "Sininen", ""],
    "kunta": ["Vihreä", "vihreä", "Keltainen", "Toteutuu", "Sininen"],
    "kommun": ["Förverkligas", "Fo\u0308rverkligas", "Delvis", "Toteutuu"],
    "seinajoki": ["1", "2", "Vihreä", "Oranssi", "5", "Toteutuu"],
}
SCHEMA_LEVELS = {
    "joensuu": "painopiste",
    "kunta": "painopiste",
    "kommun": "fokusområde",
    "seinajoki": "palvelukeskus",
}
SPANS = [(2025, 2025), (2024, 2026), (2025, 2026), (2026, 2025), (1899, 2025), (2025, 2201)]
LEVEL_VALUES = [None, None, "on_track", "partly", "achieved", "not_achieved", "not_assessable"]


@st.composite
def v2_files(draw: st.DrawFn) -> str:
    """Version 2 files whose goals and metrics repeat words (with and without levels) and spans."""
    schema = draw(st.sampled_from(sorted(SCHEMA_WORDS)))
    words, level_key = SCHEMA_WORDS[schema], SCHEMA_LEVELS[schema]
    forecast = st.none() | st.builds(fc, st.sampled_from(words), st.sampled_from(LEVEL_VALUES))
    status = st.none() | st.fixed_dictionaries(
        {"realisation": st.none() | st.sampled_from(["", "a:b", "Tehty"]), "forecast": forecast}
    )

    def goals(prefix: str) -> Any:
        return st.lists(
            st.builds(
                lambda i, span, s, ms: goal_(f"{prefix}{i}", years=span, status=s, metrics=ms),
                st.integers(0, 10**6),
                st.sampled_from(SPANS[:3] * 6 + SPANS[3:]),
                status,
                st.lists(st.builds(lambda f: metric_("m", f), forecast), max_size=2).map(
                    lambda ms: [dict(m, id=f"m{j}") for j, m in enumerate(ms)]
                ),
            ),
            max_size=5,
        )

    child = st.builds(lambda gs: node_("c", gs, level=level_key), goals("c"))
    top = st.builds(
        lambda gs, cs: node_("n", gs, cs, level=level_key), goals("g"), st.lists(child, max_size=2)
    )
    nodes = draw(st.lists(top, min_size=1, max_size=2))
    return dumps(report_(nodes, schema=schema))


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(v2_files())
def test_shared_forecasts_and_spans_agree_with_the_reader(text: str) -> None:
    result = agrees(text)
    fast = _json_fast.load(text.encode("utf-8"), NAME)
    if isinstance(result, Report):
        assert fast is not None, "a file in the written form must take the fast path"
        for got, want in zip(fast.goals, result.goals, strict=True):
            assert deep(got) == deep(want)


# -- years ----------------------------------------------------------------------------------------

YEARS: list[tuple[str, Any]] = [
    ("float", Raw('{"start": 2025.0, "end": 2025}')),
    ("exponent", Raw('{"start": 2.025e3, "end": 2025}')),
    ("bool", {"start": True, "end": 2025}),
    ("strings", {"start": "2025", "end": "2025"}),
    ("huge", Raw('{"start": 2025, "end": 20250000000000000000000000}')),
    ("negative", {"start": -2025, "end": 2025}),
    ("reversed", {"start": 2026, "end": 2025}),
    ("start only", {"start": 2025}),
    ("extra key", {"start": 2025, "end": 2025, "years": 1}),
    ("array", [2025, 2026]),
    ("a year as number (reader: a span of one)", 2025),
    ("a span as text (reader: parsed)", "2025–2026"),
    ("null (reader: the period's year)", None),
    ("empty object", {}),
    ("duplicate start", Raw('{"start": 2024, "start": 2025, "end": 2025}')),
    ("duplicate end, escaped key", Raw('{"start": 2025, "end": 2026, "\\u0065nd": 2025}')),
]


@pytest.mark.parametrize(("name", "years"), YEARS, ids=[n for n, _ in YEARS])
@pytest.mark.parametrize("goal", [0, 1, 2])
def test_year_forms(name: str, years: Any, goal: int) -> None:
    tree = pairs(copy.deepcopy(RICH))
    plain_goal = g(RICH, goal)
    for obj in objects(tree, []):
        if obj and obj[0] == ["id", plain_goal["id"]]:
            next(pair for pair in obj if pair[0] == "years")[1] = years
    agrees(_dump(tree))


# -- custom fields ------------------------------------------------------------------------------

ATTRIBUTES: list[tuple[str, str]] = [
    ("null (reader: none)", "null"),
    ("list", "[]"),
    ("text", '"x"'),
    ("keys of the records", '{"status": null, "id": "x", "years": 1, "forecast": "Toteutuu"}'),
    ("nested object", '{"a": {"b": 1}}'),
    ("nested list", '{"a": [1, 2]}'),
    ("1e400", '{"a": 1e400}'),
    ("-1e400 beside good ones", '{"a": 1, "b": -1e400}'),
    ("big ints", '{"a": 123456789012345678901234567890, "b": -123456789012345678901234567890}'),
    ("-0.0, -0, 0.0", '{"a": -0.0, "b": -0, "c": 0.0, "d": 0}'),
    ("ints and floats and bools", '{"a": 1, "b": 1.0, "c": true, "d": 1e0, "e": 10E-1}'),
    ("smallest subnormal", '{"a": 5e-324, "b": 2.4703282292062328e-324, "c": 1e-400}'),
    ("NFD and NFC keys", '{"lisa\u0308": 1, "lis\u00e4": 2}'),
    ("NFD key", '{"sa\u0308a\u0308sto\u0308": "e\u0301"}'),
    ("escaped colon keys", '{"a\\u003ab": 1, "c\\u003Ad": "e:f"}'),
    ("duplicate, NFD and escape", '{"lis\\u00e4": 1, "lis\u00e4": 2}'),
    ("duplicate, last null", '{"a": 1, "a": null}'),
    ("empty key", '{"": null}'),
]


@pytest.mark.parametrize(("name", "value"), ATTRIBUTES, ids=[n for n, _ in ATTRIBUTES])
def test_attribute_forms(name: str, value: str) -> None:
    text = edit('"attributes": {}', '"attributes": ' + value)
    result = agrees(text)
    if name.startswith(
        ("big ints", "-0.0", "ints and", "smallest", "NFD", "escaped", "keys of", "empty key")
    ):
        assert isinstance(result, Report)
        fast = _json_fast.load(text.encode("utf-8"), NAME)
        assert fast is not None
        assert isinstance(fast.goal("g2").attributes, FrozenDict)


def test_attribute_values_keep_their_types_and_signs() -> None:
    text = edit(
        '"attributes": {}', '"attributes": {"a": -0.0, "b": -0, "c": 1, "d": 1.0, "e": true, "f": 10E-1}'
    )
    attributes = taken(text).goal("g2").attributes
    assert [(k, type(v).__name__, repr(v)) for k, v in attributes.items()] == [
        ("a", "float", "-0.0"),
        ("b", "int", "0"),
        ("c", "int", "1"),
        ("d", "float", "1.0"),
        ("e", "bool", "True"),
        ("f", "float", "1.0"),
    ]


def test_unicode_attribute_keys_are_kept_as_written() -> None:
    """Neither reader normalises the keys of custom fields (both keep NFD)."""
    text = edit('"attributes": {}', '"attributes": {"lisa\u0308": 1}')
    assert list(taken(text).goal("g2").attributes) == ["lisa\u0308"]


# -- responsible, metrics, ids, levels, organisation ----------------------------------------------

SHAPES: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
    ("responsible as text", lambda p: g(p).update(responsible="Palvelut")),
    ("responsible null", lambda p: g(p).update(responsible=None)),
    ("responsible of numbers", lambda p: g(p).update(responsible=[1])),
    ("responsible holding null", lambda p: g(p).update(responsible=[None])),
    ("responsible nested", lambda p: g(p).update(responsible=[["a"]])),
    ("responsible repeated", lambda p: g(p).update(responsible=["a", "a"])),
    ("responsible as object", lambda p: g(p).update(responsible={"a": "b"})),
    ("metrics as object", lambda p: g(p).update(metrics={"id": "m"})),
    ("metrics null", lambda p: g(p).update(metrics=None)),
    ("metrics holding null", lambda p: g(p).update(metrics=[None])),
    ("metrics holding text", lambda p: g(p).update(metrics=["m"])),
    ("metric status as text", lambda p: g(p)["metrics"][0].update(status="Vihreä")),
    (
        "metric status as a status record",
        lambda p: g(p)["metrics"][0].update(status={"realisation": None, "forecast": None}),
    ),
    ("metric value number", lambda p: g(p)["metrics"][0].update(value=18)),
    ("goals as object", lambda p: p["nodes"][0].update(goals={})),
    ("children null", lambda p: p["nodes"][0].update(children=None)),
    ("nodes as object", lambda p: p.update(nodes={})),
    ("nodes null", lambda p: p.update(nodes=None)),
    ("binding as 0", lambda p: g(p).update(binding=0)),
    ("binding as text", lambda p: g(p).update(binding="false")),
    ("title null", lambda p: g(p).update(title=None)),
    ("node title null", lambda p: p["nodes"][0].update(title=None)),
    ("node text number", lambda p: p["nodes"][0].update(text=1)),
    ("report title number", lambda p: p.update(title=2025)),
    ("organisation null", lambda p: p.update(organisation=None)),
    ("organisation empty", lambda p: p.update(organisation={})),
    ("organisation municipality only", lambda p: p.update(organisation={"municipality": "M"})),
    ("organisation as list", lambda p: p.update(organisation=["M", "B"])),
    ("organisation as text", lambda p: p.update(organisation="Joensuu")),
    ("organisation body null", lambda p: p["organisation"].update(body=None)),
    ("organisation empty texts", lambda p: p.update(organisation={"municipality": "", "body": ""})),
    ("organisation number", lambda p: p["organisation"].update(municipality=5)),
    ("period as text (reader: parsed)", lambda p: p.update(period="tammi–heinäkuu 2025")),
]


@pytest.mark.parametrize(("name", "change"), SHAPES, ids=[n for n, _ in SHAPES])
def test_shapes_the_fast_path_does_not_take(name: str, change: Callable[[dict[str, Any]], Any]) -> None:
    text = mutated(change)
    result = agrees(text)
    if name in {"responsible repeated", "organisation empty texts"}:
        assert isinstance(result, Report)
        assert _json_fast.load(text.encode("utf-8"), NAME) is not None
    elif name in {"responsible as text", "responsible null", "metrics null", "children null", "nodes null"}:
        assert isinstance(result, Report), "the reader takes it; the fast path steps aside"
        assert _json_fast.load(text.encode("utf-8"), NAME) is None


BAD_IDS = [
    "",
    "a b",
    "a\nb",
    "a\n",
    "\na",
    "-a",
    ".a",
    "a\tb",
    "a/b",
    "ä",
    "a" * 129,
    "a\u0000",
    "Ａ",
    "a\r",
    "a,b",
]
GOOD_IDS = ["a:b", "A.b-c_d:9", "a" * 128, "0", "a::"]


def _set_id(where: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    def change(p: dict[str, Any]) -> None:
        {
            "node": lambda: p["nodes"][0],
            "child node": lambda: p["nodes"][0]["children"][0],
            "goal": lambda: g(p, 1),
            "child goal": lambda: g(p, 3),
            "metric": lambda: g(p)["metrics"][1],
            "last node": lambda: p["nodes"][-1],
        }[where]()["id"] = value

    return change


@pytest.mark.parametrize("where", ["node", "child node", "goal", "child goal", "metric", "last node"])
@pytest.mark.parametrize("value", BAD_IDS, ids=repr)
def test_invalid_ids_are_refused_wherever_they_are(where: str, value: str) -> None:
    result = agrees(mutated(_set_id(where, value)))
    assert isinstance(result, LoadError)
    assert "L204" in codes(result)


@pytest.mark.parametrize("where", ["node", "child goal", "metric"])
@pytest.mark.parametrize("value", GOOD_IDS, ids=repr)
def test_valid_ids_with_colons_take_the_fast_path(where: str, value: str) -> None:
    taken(mutated(_set_id(where, value)))


@pytest.mark.parametrize("where", ["node", "goal", "metric"])
def test_an_escaped_colon_in_an_id(where: str) -> None:
    text = mutated(_set_id(where, "a\u0001b")).replace("\\u0001", "\\u003a")
    assert "\\u003a" in text
    taken(text)


@pytest.mark.parametrize(
    "level",
    ["PAINOPISTE", "painopiste ", "", "valinta", "fokusområde", "Painopiste", "painopiste\u0000", 5, None],
    ids=repr,
)
def test_levels_of_entries(level: Any) -> None:
    agrees(mutated(lambda p: p["nodes"][0]["children"][0].update(level=level)))


@pytest.mark.parametrize("spelling", ["fokusområde", "fokusomra\u030ade"], ids=["NFC", "NFD"])
def test_a_non_ascii_level_key_as_written(spelling: str) -> None:
    """kommun's level key is not ASCII: an NFD spelling is not the key, for both readers."""
    plain = report_([node_("n", [goal_("g")], level=spelling)], schema="kommun")
    result = agrees(dumps(plain))
    assert isinstance(result, Report) == (spelling == "fokusområde")


# -- version 1 and 2 confusion --------------------------------------------------------------------

PLAIN_V1 = Writer(JSON_V1_DIALECT, jsonfmt.loads_report(RBASE)).plain()
V1 = dumps(PLAIN_V1)


def _both_shapes(version: int) -> str:
    plain = copy.deepcopy(RICH)
    plain.update(format_version=version, municipality="Joensuu", body="Lautakunta", nodes=[])
    return dumps(plain)


VERSIONS = [
    ("v2 shape, version 1", edit('"format_version": 2', '"format_version": 1')),
    ("v2 shape without goals, version 1", dumps(report_([node_("n")], format_version=1))),
    ("v2 shape without nodes, version 1", dumps(report_([], format_version=1))),
    ("v1 shape, version 2", edit('"format_version": 1', '"format_version": 2', text=V1)),
    ("v1 shape without nodes, version 2", dumps({**PLAIN_V1, "format_version": 2, "nodes": []})),
    ("both shapes, version 1", _both_shapes(1)),
    ("both shapes, version 2", _both_shapes(2)),
    ("v1 shape, version 1", V1),
    ("v1 shape, version '1' (reader: taken)", edit('"format_version": 1', '"format_version": "1"', text=V1)),
    ("v2 shape, version '2' (reader: taken)", edit('"format_version": 2', '"format_version": "2"')),
    ("version 2.0", edit('"format_version": 2', '"format_version": 2.0')),
    ("version 1.0 with v1 shape", edit('"format_version": 1', '"format_version": 1.0', text=V1)),
    ("version true", edit('"format_version": 2', '"format_version": true')),
    ("version 3", edit('"format_version": 2', '"format_version": 3')),
    ("version -2", edit('"format_version": 2', '"format_version": -2')),
    ("version null", edit('"format_version": 2', '"format_version": null')),
    ("version missing", edit('"format_version": 2, ', "")),
    ("version last", edit('"format_version": 2, ', "")[:-1] + ', "format_version": 2}'),
    ("version twice, 1 then 2", edit('"format_version": 2', '"format_version": 1, "format_version": 2')),
    (
        "version twice, 2 then 1",
        edit('"format_version": 1', '"format_version": 2, "format_version": 1', text=V1),
    ),
    (
        "v2 goal in a v1 file",
        edit('"nodes": [', '"nodes": [' + dumps(node_("x", [goal_("x")])) + ", ", text=V1),
    ),
    ("v1 goal in a v2 file", edit('"nodes": [', '"nodes": [' + dumps(PLAIN_V1["nodes"][1]) + ", ")),
]


@pytest.mark.parametrize(("name", "text"), VERSIONS, ids=[n for n, _ in VERSIONS])
def test_versions_1_and_2_are_not_confused(name: str, text: str) -> None:
    result = agrees(text)
    if "reader: taken" in name or name in {"v1 shape, version 1", "version last"}:
        assert isinstance(result, Report)
        assert result == jsonfmt.loads_report(RBASE)
    else:
        assert isinstance(result, LoadError), name


def test_a_version_1_file_takes_the_fast_path_and_equals_version_2() -> None:
    v1 = _json_fast.load(V1.encode("utf-8"), NAME)
    v2 = _json_fast.load(RBASE.encode("utf-8"), NAME)
    assert v1 is not None and v2 is not None
    same_report(v1, v2)


# -- bytes, str, BOM ---------------------------------------------------------------------------------


BYTES = [
    ("BOM", b"\xef\xbb\xbf" + RBASE.encode()),
    ("two BOMs", b"\xef\xbb\xbf\xef\xbb\xbf" + RBASE.encode()),
    ("BOM inside a text", RBASE.encode().replace(b"Linjaus", b"\xef\xbb\xbfLinjaus")),
    ("BOM before a key", RBASE.encode().replace(b'"binding"', b'\xef\xbb\xbf"binding"', 1)),
    ("BOM as a key", RBASE.encode().replace(b'"binding"', b'"\xef\xbb\xbf": 1, "binding"', 1)),
    ("UTF-16 LE", RBASE.encode("utf-16-le")),
    ("UTF-16 with BOM", RBASE.encode("utf-16")),
    ("Latin-1", RBASE.encode("latin-1", "replace")),
    ("overlong colon in a text", RBASE.encode().replace(b"Linjaus", b"Linjaus\xc0\xba")),
    ("overlong colon as a separator", RBASE.encode().replace(b'"binding": ', b'"binding"\xc0\xba ', 1)),
    ("escaped BOM", RBASE.encode().replace(b"Linjaus", b"\\ufeffLinjaus")),
]


@pytest.mark.parametrize(("name", "data"), BYTES, ids=[n for n, _ in BYTES])
def test_bytes(name: str, data: bytes) -> None:
    result = agrees_bytes(data)
    if name in {"BOM", "BOM inside a text", "escaped BOM"}:
        assert isinstance(result, Report)


def test_str_and_bytes_give_the_same_report() -> None:
    from_str = jsonfmt.loads_report(RBASE, NAME)
    from_bytes = jsonfmt.loads_report(RBASE.encode(), NAME)
    from_bom = jsonfmt.loads_report("\ufeff" + RBASE, NAME)
    same_report(from_str, from_bytes)
    same_report(from_bom, from_bytes)


def test_fast_load_takes_a_str() -> None:
    """``_json_fast.load`` takes bytes or str and returns None or the report (found by review:
    a str used to raise TypeError in the member count)."""
    result = _json_fast.load(RBASE, NAME)
    assert result is not None and result == jsonfmt.loads_report(RBASE, NAME)
    assert _json_fast.load(RBASE.replace("Joensuu", "Joensuu \ud800", 1), NAME) is None


# -- nesting --------------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [50, 51])
def test_goals_at_the_nesting_limit(depth: int) -> None:
    node = node_("syva", [goal_("deep", metrics=(metric_("m", fc("Toteutuu", None)),))])
    for i in range(depth - 1):
        node = node_(f"n{i}", [goal_(f"g{i}", years=(2025, 2026))], [node])
    result = agrees(dumps(report_([node])))
    assert isinstance(result, Report) == (depth <= 50)


# -- the schema's name --------------------------------------------------------------------------


def test_a_schema_under_another_name_lets_no_unknown_key_through(monkeypatch: Any) -> None:
    """The member count counts the colons of the schema's name as the file writes it.

    (Found by review: it counted the schema's own name, so a schema registered under
    another name whose own name holds a colon hid one unknown or duplicate key per colon.)
    """
    registry._load_plugins()
    schema = attrs.evolve(ss.get_schema("joensuu"), name="joensuu:v2")
    monkeypatch.setitem(registry._registered, "joensuu-alias", (schema, "test"))
    monkeypatch.setitem(registry._registered, schema.name, (schema, "test"))
    plain = report_([node_("n", [goal_("g")])], schema="joensuu-alias")
    unknown = dumps(plain).replace('"binding": false', '"binding": false, "x": 1')
    duplicate = dumps(plain).replace('"binding": false', '"binding": true, "binding": false')
    assert codes(slow(unknown)) == ["L202"]
    assert codes(slow(duplicate)) == ["L105"]
    with pytest.raises(LoadError):
        jsonfmt.loads_report(unknown, NAME)  # the public reader returns a report instead
    assert _json_fast.load(unknown.encode(), NAME) is None, "the fast path took an unknown key"
    assert _json_fast.load(duplicate.encode(), NAME) is None, "the fast path took a duplicate key"


def test_a_schema_under_another_name_without_colons_is_fine(monkeypatch: Any) -> None:
    registry._load_plugins()
    monkeypatch.setitem(registry._registered, "alias", (ss.get_schema("joensuu"), "test"))
    plain = report_([node_("n", [goal_("g")])], schema="alias")
    refused(dumps(plain).replace('"binding": false', '"binding": false, "x": 1'), "L202")
    assert taken(dumps(plain)).schema == "joensuu"


# -- the loaded report cannot be changed ------------------------------------------------------------


def test_a_loaded_report_is_frozen_all_the_way_down() -> None:
    report = taken(RBASE)
    assert isinstance(report.nodes, tuple)
    for _, node in report.iter_nodes():
        assert isinstance(node.goals, tuple) and isinstance(node.children, tuple)
    for goal in report.goals:
        assert isinstance(goal.responsible, tuple) and isinstance(goal.metrics, tuple)
        assert type(goal.attributes) is FrozenDict
        with pytest.raises(TypeError, match="read-only"):
            goal.attributes["x"] = 1  # type: ignore[index]
        with pytest.raises(TypeError, match="read-only"):
            goal.attributes.update(x=1)  # type: ignore[attr-defined]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            goal.title = "x"  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            goal.years.start = 1900  # type: ignore[misc]
        if goal.status is not None:
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                goal.status.realisation = "x"  # type: ignore[misc]
            if goal.status.forecast is not None:
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    goal.status.forecast.level = None  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.organisation.body = "x"  # type: ignore[misc]
    assert taken(RBASE) == report, "nothing changed"
    assert taken(RBASE).goal("g2").attributes == {}


def test_a_loaded_report_pickles_copies_and_evolves() -> None:
    fast = taken(RBASE)
    expected = slow(RBASE)
    assert isinstance(expected, Report)
    for other in (pickle.loads(pickle.dumps(fast)), copy.copy(fast), copy.deepcopy(fast)):
        assert deep(other) == deep(expected)
    gid = "g1"
    assert deep(fast.replace_goal(gid, responsible="X")) == deep(expected.replace_goal(gid, responsible="X"))
    assert fast.replace_goal(gid, status=Status()).goal(gid).status is None
    assert deep(fast.set_status("g2", forecast="Ei toteudu")) == deep(
        expected.set_status("g2", forecast="Ei toteudu")
    )
    assert type(attrs.evolve(fast.goal(gid), attributes=None).attributes) is FrozenDict
    assert {fast.goal(gid)} == {expected.goal(gid)}


def test_encoding_a_loaded_report_is_the_plain_data_and_the_same_bytes() -> None:
    fast = taken(RBASE)
    expected = slow(RBASE)
    assert isinstance(expected, Report)
    assert jsonfmt.encode_report(fast) == jsonfmt.encode_report(expected)
    written = copy.deepcopy(RICH)
    g(written, 3)["status"] = None  # an empty status is no status
    g(written, 1)["metrics"][0]["status"]["level"] = "on_track"  # the schema places the word
    assert json.loads(jsonfmt.encode_report(fast)) == jsonfmt.to_plain(fast) == written
    assert json.loads(jsonfmt.dumps_report(fast, indent=1)) == written
    assert list(json.loads(jsonfmt.dumps_report(fast, indent=1))["nodes"][0]["goals"][0]) == list(g(RICH))


@pytest.mark.parametrize(
    "status",
    [Status("", None), Status(" ", None), Status(None, Forecast("Sininen", ForecastLevel.PARTLY)), None],
    ids=repr,
)
def test_encoding_statuses(status: Status | None) -> None:
    report = jsonfmt.loads_report(RBASE).replace_goal("g1", status=status)
    encoded = jsonfmt.encode_report(report)
    assert json.loads(encoded) == jsonfmt.to_plain(report)
    back = _json_fast.load(encoded, None)
    assert back is not None
    assert deep(back) == deep(report)


@pytest.mark.parametrize(
    "record", [Goal, Node, Metric, Status, Forecast, YearSpan, ss.Organisation, ss.Period]
)
def test_the_records_cannot_be_subclassed(record: type) -> None:
    """JSON is encoded straight from the records, so a subclass's extra field would be written
    into a file no reader takes (found by review); the records are final instead."""
    with pytest.raises(TypeError, match=f"{record.__name__} cannot be subclassed"):

        @attrs.frozen(repr=False)
        class Paged(record):  # type: ignore[misc, valid-type]
            page: int = attrs.field(default=0, kw_only=True)


def test_encoding_a_report_whose_goal_status_was_set_empty_after_construction() -> None:
    """``Status(None, None)`` cannot reach a goal through its constructor or ``evolve``."""
    report = jsonfmt.loads_report(RBASE)
    assert report.replace_goal("g1", status=Status(None, None)).goal("g1").status is None
    with pytest.raises(ValueError, match="invalid id"):
        report.replace_goal("g1", id="two words")


# -- the model's public constructors behave as before -------------------------------------------

SPAN = YearSpan(2025, 2026)


def test_goal_defaults_and_conversions() -> None:
    goal = Goal("g", "G", SPAN)
    assert (goal.responsible, goal.metrics, goal.status, goal.binding) == ((), (), None, False)
    assert type(goal.attributes) is FrozenDict and goal.attributes == {}
    assert Goal("g", "G", SPAN, responsible="X").responsible == ("X",)
    assert Goal("g", "G", SPAN, responsible=["X", "Y"]).responsible == ("X", "Y")
    assert Goal("g", "G", SPAN, responsible=iter(["X"])).responsible == ("X",)
    assert Goal("g", "G", SPAN, metrics=[Metric("m")]).metrics == (Metric("m"),)
    assert Goal("g", "G", SPAN, status=Status()).status is None
    assert Goal("g", "G", SPAN, status=Status("")).status == Status("")
    assert type(Goal("g", "G", SPAN, attributes=None).attributes) is FrozenDict
    assert type(Goal("g", "G", SPAN, attributes={"a": 1}).attributes) is FrozenDict
    frozen = FrozenDict({"a": 1})
    assert Goal("g", "G", SPAN, attributes=frozen).attributes is frozen
    keywords = Goal(
        id="g", title="G", years=SPAN, responsible="X", metrics=(), status=None, binding=True, attributes={}
    )
    assert keywords == Goal("g", "G", SPAN, "X", (), None, True, {})  # noqa: FBT003


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: Goal("g", "G"), TypeError),  # type: ignore[call-arg]
        (lambda: Goal("g", "G", SPAN, (), (), None, False, {}, 1), TypeError),  # type: ignore[call-arg]  # noqa: FBT003
        (lambda: Goal("g", "G", SPAN, attributes={"a": [1]}), TypeError),
        (lambda: Goal("g", "G", SPAN, attributes={1: "a"}), TypeError),
        (lambda: Goal("g", "G", SPAN, attributes={"a": float("inf")}), ValueError),
        (lambda: Goal("g", "G", SPAN, attributes={"a": 10**4300}), ValueError),
        (lambda: Goal("g", "G", SPAN, responsible=None), TypeError),  # type: ignore[arg-type]
        (lambda: Goal("g", "G", SPAN, metrics=None), TypeError),  # type: ignore[arg-type]
        (Metric, TypeError),
        (Forecast, TypeError),
        (lambda: Node("n", "painopiste"), TypeError),  # type: ignore[call-arg]
        (lambda: Node("n", "painopiste", "T", goals=None), TypeError),  # type: ignore[arg-type]
        (lambda: Goal("g", "G", SPAN, bogus=1), TypeError),  # type: ignore[call-arg]
    ],
    ids=[
        "goal without years",
        "goal with too many",
        "list attribute",
        "int key",
        "inf",
        "huge int",
        "responsible None",
        "metrics None",
        "metric without id",
        "forecast without word",
        "node without title",
        "node goals None",
        "unknown keyword",
    ],
)
def test_constructors_refuse_as_before(call: Callable[[], Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        call()


def test_metric_status_forecast_node_defaults() -> None:
    assert Metric("m") == Metric("m", None, None, None, None, None)
    assert Metric(id="m", status=Forecast("x")).status == Forecast("x", None)
    assert Status() == Status(None, None) and Status().empty
    assert Status(forecast=Forecast("w")).realisation is None
    assert Forecast("w").level is None
    assert Forecast(word="w", level=ForecastLevel.ON_TRACK).level is ForecastLevel.ON_TRACK
    node = Node("n", "painopiste", "T")
    assert (node.text, node.goals, node.children) == (None, (), ())
    assert Node("n", "painopiste", "T", goals=iter([Goal("g", "G", SPAN)])).goals == (Goal("g", "G", SPAN),)
    assert type(Node("n", "painopiste", "T", children=[]).children) is tuple
    assert Organisation("M", "B") == Organisation(municipality="M", body="B")


@pytest.mark.parametrize(
    ("start", "end", "error", "message"),
    [
        (2026, 2025, ValueError, r"end \(2025\) must not be before start \(2026\)"),
        (1899, 2025, ValueError, "start must be between 1900 and 2200, got 1899"),
        (2025, 2201, ValueError, "end must be between 1900 and 2200, got 2201"),
        (1800, 1700, ValueError, "start must be between"),
        (2025.0, 2025, TypeError, "start must be an int, not float"),
        (True, 2025, TypeError, "start must be an int, not bool"),
        ("2025", 2025, TypeError, "start must be an int, not str"),
        (2025, None, TypeError, "end must be an int, not NoneType"),
    ],
)
def test_year_span_refuses_as_before(start: Any, end: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        YearSpan(start, end)
    with pytest.raises(error, match=message):
        attrs.evolve(YearSpan(2025, 2025), start=start, end=end)


def test_year_span_keywords_evolve_pickle_order() -> None:
    assert YearSpan(start=2025, end=2026) == SPAN
    assert attrs.evolve(SPAN, end=2027) == YearSpan(2025, 2027)
    assert pickle.loads(pickle.dumps(SPAN)) == SPAN
    assert copy.deepcopy(SPAN) == SPAN
    assert hash(YearSpan(2025, 2026)) == hash(SPAN)
    assert sorted([YearSpan(2026, 2026), YearSpan(2025, 2027)]) == [
        YearSpan(2025, 2027),
        YearSpan(2026, 2026),
    ]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        SPAN.end = 2030  # type: ignore[misc]


def test_evolve_runs_the_constructors() -> None:
    goal = Goal("g", "G", SPAN, status=Status("x"), attributes={"a": 1})
    assert attrs.evolve(goal, status=Status()).status is None
    assert attrs.evolve(goal, responsible="Z").responsible == ("Z",)
    assert attrs.evolve(goal, metrics=[Metric("m")]).metrics == (Metric("m"),)
    assert type(attrs.evolve(goal, attributes={"b": 2}).attributes) is FrozenDict
    with pytest.raises(TypeError):
        attrs.evolve(goal, attributes={"b": [2]})
    assert attrs.evolve(Metric("m"), value="3") == Metric("m", value="3")
    assert attrs.evolve(Status("r"), forecast=Forecast("w")) == Status("r", Forecast("w"))
    assert attrs.evolve(Node("n", "painopiste", "T"), goals=[goal]).goals == (goal,)


def test_pickle_copy_hash_and_equality_of_records() -> None:
    goal = Goal(
        "g", "G", SPAN, responsible="X", metrics=[Metric("m", status=Forecast("w"))], attributes={"a": 1}
    )
    for other in (pickle.loads(pickle.dumps(goal)), copy.copy(goal), copy.deepcopy(goal)):
        assert other == goal and type(other.attributes) is FrozenDict
    assert hash(goal) == hash(attrs.evolve(goal, attributes={"a": 2}))  # attributes are not hashed
    assert goal != attrs.evolve(goal, attributes={"a": 2})
    assert pickle.loads(pickle.dumps(Forecast("w", ForecastLevel.PARTLY))) == Forecast(
        "w", ForecastLevel.PARTLY
    )


def test_pattern_matching_still_works() -> None:
    match Goal("g", "G", SPAN):
        case Goal(gid, title, YearSpan(start, end)):
            assert (gid, title, start, end) == ("g", "G", 2025, 2026)
        case _:  # pragma: no cover
            pytest.fail("no match")
    match Forecast("w", ForecastLevel.PARTLY):
        case Forecast(word, level):
            assert (word, level) == ("w", ForecastLevel.PARTLY)


def test_the_attrs_fields_carry_no_defaults_so_msgspec_requires_every_key() -> None:
    for cls in (Goal, Node, Metric, Status, Forecast, YearSpan, Organisation):
        for field in attrs.fields(cls):
            assert field.default is attrs.NOTHING, f"{cls.__name__}.{field.name}"
            assert field.validator is None and field.converter is None, f"{cls.__name__}.{field.name}"


# -- paused_gc(keep=True) ----------------------------------------------------------------------


class _BoomError(Exception):
    pass


def _make_and_raise(count: int, seen: list[bool]) -> None:
    """Make ``count`` tracked objects inside a kept pause, then raise."""
    with paused_gc(keep=True):
        seen.append(gc.isenabled())
        made = [[i] for i in range(count)]
        raise _BoomError(len(made))


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("many", [True, False])
def test_an_exception_inside_leaves_the_collector_enabled_and_nothing_frozen(many: bool) -> None:
    seen: list[bool] = []
    with pytest.raises(_BoomError):
        _make_and_raise(PROMOTE_FROM if many else 10, seen)
    assert seen == [False], "paused inside"
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector")
def test_a_programs_freeze_survives_an_exception_inside() -> None:
    kept = [["frozen by the program"]]
    gc.freeze()
    count = gc.get_freeze_count()
    with pytest.raises(_BoomError):
        _make_and_raise(PROMOTE_FROM, [])
    assert gc.isenabled()
    assert gc.get_freeze_count() > count - 100, "the program's freeze is not undone"
    assert not any(o is kept[0] for o in gc.get_objects()), "still frozen (in no generation)"


@pytest.mark.usefixtures("collector")
def test_a_freeze_made_inside_the_block_is_left_in_place() -> None:
    with paused_gc(keep=True):
        made = [[i] for i in range(PROMOTE_FROM)]
        marker = [["frozen inside"]]
        gc.freeze()
    assert gc.get_freeze_count() > PROMOTE_FROM, "the program's own freeze is not undone"
    assert not any(o is marker[0] for o in gc.get_objects()), "still frozen (in no generation)"
    assert gc.isenabled()
    assert made


@pytest.mark.usefixtures("collector")
def test_nested_pauses_restore_once_and_freeze_nothing() -> None:
    with paused_gc(keep=True):
        with paused_gc(keep=True):
            made = [[i] for i in range(PROMOTE_FROM)]
        assert not gc.isenabled(), "the inner pause does not re-enable inside the outer one"
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert made


@pytest.mark.usefixtures("collector")
def test_a_disabled_collector_stays_disabled_after_an_exception() -> None:
    gc.disable()
    try:
        with pytest.raises(_BoomError):
            _make_and_raise(PROMOTE_FROM, [])
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()


@pytest.mark.usefixtures("collector")
def test_a_large_file_the_readers_refuse_leaves_the_collector_as_it_was() -> None:
    goals = [goal_(f"g{i}", metrics=(metric_("m"),)) for i in range(1500)]
    plain = report_([node_("n", goals)])
    plain["nodes"][0]["goals"][-1]["x"] = 1  # the reader refuses it after building the rest
    with pytest.raises(LoadError):
        jsonfmt.loads_report(dumps(plain), NAME)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.freeze()
    count = gc.get_freeze_count()
    with pytest.raises(LoadError):
        jsonfmt.loads_report(dumps(plain), NAME)
    assert gc.get_freeze_count() == count


@pytest.mark.usefixtures("collector")
def test_cyclic_garbage_made_before_a_load_is_still_collected() -> None:
    """The promotion moves every tracked object, not only the report's; a full collection
    still finds garbage cycles made before the load."""

    class Cycle:
        pass

    cycle = Cycle()
    cycle.me = cycle  # type: ignore[attr-defined]
    del cycle
    with paused_gc(keep=True):
        made = [[i] for i in range(PROMOTE_FROM)]
    assert made
    assert gc.collect() >= 1
    assert not any(type(o).__name__ == "Cycle" for o in gc.get_objects())


def test_period_and_organisation_of_the_rich_file() -> None:
    report = taken(RBASE)
    assert report.organisation == Organisation("Joensuu", "Lautakunta")
    assert report.period == Period(2025, 1, 7, annual=False)
    assert report.title == "Raportti: 2025"
