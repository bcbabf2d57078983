"""Validation: every rule, its code, its severity and its location."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import strategiaseuranta as ss
from strategiaseuranta.validate import RULES, Context

EXAMPLE = Path(__file__).parents[1] / "examples" / "joensuu" / "2025-07.yaml"
SCHEMA = ss.get_schema("joensuu")


@pytest.fixture
def report() -> ss.Report:
    return ss.load(EXAMPLE)


def codes(issues: list[ss.Issue]) -> list[str]:
    return [i.code for i in issues]


def first_goal(report: ss.Report) -> ss.Goal:
    return report.goals[0]


def test_clean_example(report: ss.Report) -> None:
    assert ss.validate(report) == []


def test_duplicate_goal_ids(report: ss.Report) -> None:
    second = report.goals[1].id
    broken = report.replace_goal(report.goals[0].id, id=second)
    issues = ss.validate(broken)
    assert codes(issues) == ["V201", "V201"]
    assert issues[0].message == f"goal id {second!r} is used by 2 goals"
    assert issues[0].severity is ss.Severity.ERROR


def test_duplicate_metric_and_node_ids(report: ss.Report) -> None:
    goal = first_goal(report)
    metric = goal.metrics[0]
    broken = report.replace_goal(goal.id, metrics=[metric, metric])
    broken = attrs.evolve(
        broken, nodes=[broken.nodes[0], attrs.evolve(broken.nodes[1], id=broken.nodes[0].id)]
    )
    got = codes(ss.validate(broken))
    assert got.count("V201") == 4  # two metrics, two nodes


def test_missing_required_texts(report: ss.Report) -> None:
    goal = first_goal(report)
    broken = report.replace_goal(goal.id, title="  ", responsible=(), metrics=[ss.Metric("m", target="")])
    issues = ss.validate(broken)
    assert codes(issues) == ["V202", "V202", "V202"]
    assert [i.message for i in issues] == [
        "empty 'Toiminnallinen tavoite'",
        "no 'Vastuutaho' given",
        "metric 1 has no 'Tavoitetaso'",
    ]
    # located in the file: the goal's keys
    assert [i.location.line for i in issues] == [13, 14, 16]


def test_goal_without_metrics(report: ss.Report) -> None:
    goal = first_goal(report)
    issues = ss.validate(report.replace_goal(goal.id, metrics=()))
    assert codes(issues) == ["V202"]
    assert "has no metrics" in issues[0].message


def test_unknown_forecast_word_with_suggestion(report: ss.Report) -> None:
    goal = first_goal(report)
    issues = ss.validate(report.set_status(goal.id, forecast="Toteutu"))
    assert codes(issues) == ["V203"]
    assert "unknown forecast word 'Toteutu'" in issues[0].message
    assert "did you mean 'Toteutuu'?" in issues[0].message
    assert (issues[0].location.line, issues[0].location.column) == (18, 18)
    assert issues[0].location.hierarchy == (report.nodes[0].title, goal.title)
    formatted = issues[0].format()
    assert formatted.startswith(f"{EXAMPLE}:18:18: error V203 unknown forecast word 'Toteutu'")


def test_forecast_words_match_case_insensitively(report: ss.Report) -> None:
    goal = first_goal(report)
    edited = report.set_status(goal.id, forecast="  toteutuu OSITTAIN ")
    assert edited.goal(goal.id).forecast == ss.Forecast("  toteutuu OSITTAIN ", ss.ForecastLevel.PARTLY)
    assert ss.validate(edited) == []


def test_round_outside_goal_years(report: ss.Report) -> None:
    goal = first_goal(report)
    issues = ss.validate(report.replace_goal(goal.id, years=ss.YearSpan(2026, 2027)))
    assert codes(issues) == ["V204"]
    assert issues[0].message == "the round tammi–heinäkuu 2025 is outside the goal's years 2026–2027"


def test_goal_without_status(report: ss.Report) -> None:
    goal = first_goal(report)
    issues = ss.validate(report.replace_goal(goal.id, status=None))
    assert codes(issues) == ["V205"]
    assert issues[0].location.line == 13


def test_realisation_without_forecast(report: ss.Report) -> None:
    goal = first_goal(report)
    issues = ss.validate(report.replace_goal(goal.id, status=ss.Status("Käynnissä.", None)))
    assert codes(issues) == ["V208"]


def test_unparsable_quantitative_target_is_a_warning(report: ss.Report) -> None:
    goal = first_goal(report)
    broken = report.replace_goal(goal.id, metrics=[ss.Metric("m", target="vähintään 70 % tai 80 kpl")])
    issues = ss.validate(broken)
    assert codes(issues) == ["V206"]
    assert issues[0].severity is ss.Severity.WARNING


def test_qualitative_targets_are_not_warned(report: ss.Report) -> None:
    assert all(i.code != "V206" for i in ss.validate(report))


def test_achieved_but_measured_value_misses(report: ss.Report) -> None:
    goal = first_goal(report)
    metric = ss.Metric("m", target="vähintään 70 %", value="65 %")
    edited = report.replace_goal(goal.id, metrics=[metric]).set_status(goal.id, forecast="Toteutunut")
    issues = ss.validate(edited)
    assert codes(issues) == ["V207"]
    assert issues[0].severity is ss.Severity.WARNING
    hit = report.replace_goal(goal.id, metrics=[attrs.evolve(metric, value="72 %")])
    assert ss.validate(hit.set_status(goal.id, forecast="Toteutunut")) == []


def test_per_metric_status_schema(report: ss.Report) -> None:
    schema = attrs.evolve(SCHEMA, name="per-metric", status_per="metric", required=("title",))
    goal = first_goal(report)
    no_status = report.replace_goal(goal.id, status=None, metrics=[ss.Metric("m", target="x")])

    def of_goal(r: ss.Report) -> list[str]:
        return [
            i.code
            for i in ss.validate(r, schema=schema)
            if i.location.pointer[:4] == ("sisältö", 0, "tavoitteet", 0)
        ]

    assert of_goal(no_status) == ["V205"]
    with_value = no_status.replace_goal(goal.id, metrics=[ss.Metric("m", target="x", value="5")])
    assert of_goal(with_value) == [
        "V208"
    ]  # a measured value counts as status; the metric still lacks its word
    with_word = no_status.replace_goal(
        goal.id, metrics=[ss.Metric("m", target="x", status=SCHEMA.forecast("Toteutuu"))]
    )
    assert of_goal(with_word) == []


def test_unknown_level(report: ss.Report) -> None:
    broken = attrs.evolve(report, nodes=[attrs.evolve(report.nodes[0], level="toimiala"), report.nodes[1]])
    issues = ss.validate(broken)
    assert codes(issues) == ["V209"]
    assert issues[0].location.hierarchy == (report.nodes[0].title,)
    assert issues[0].location.line == 10


def test_custom_rule(report: ss.Report) -> None:
    def no_exclamations(ctx: Context):  # type: ignore[no-untyped-def]
        for place in ctx.goals:
            if "!" in place.goal.title:
                yield ctx.issue(
                    "V202", "no exclamation marks, please", place.pointer, place.trail, place.goal
                )

    goal = first_goal(report)
    shouty = report.replace_goal(goal.id, title="Testaamme!")
    assert codes(ss.validate(shouty, rules=[*RULES, no_exclamations])) == ["V202"]
    assert ss.validate(shouty) == []


def test_issues_of_a_report_built_in_memory_have_no_file() -> None:
    report = ss.Report(
        ss.Organisation("K", "T"),
        ss.Period(2025, 1, 4),
        [ss.Node("n", "painopiste", "P", goals=[ss.Goal("g", "G", ss.YearSpan(2025, 2025))])],
    )
    issues = ss.validate(report)
    assert {i.code for i in issues} == {"V202", "V205"}
    assert all(i.location.file is None and i.location.line is None for i in issues)
    assert issues[0].format().startswith("<report>: error")
    assert issues[0].location.path.startswith("sisältö[0].tavoitteet[0]")


def test_every_code_has_a_catalogue_entry() -> None:
    from strategiaseuranta.issues import _BUILTIN_CODES

    for code, entry in ss.CODES.items():
        if code not in _BUILTIN_CODES:
            continue  # registered by plugins (or other tests)
        assert entry.code == code
        assert code[0] in "LVR"
        assert entry.name and entry.summary.endswith(".")
    with pytest.raises(ValueError, match=r"unknown issue code .X999.; register it with register_code"):
        ss.Issue("X999", "no such code")
