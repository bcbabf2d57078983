"""Diffs between rounds: the laws, every kind of change, the example rounds, serialisation."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import strategiaseuranta as ss
from strategiaseuranta.diff import CERTAIN, match_goals, word_diff
from strategiaseuranta.testing import finnish_texts, forecasts, reports

EXAMPLES = Path(__file__).parents[1] / "examples" / "joensuu"
SCHEMA = ss.get_schema("joensuu")


def unique_ids(report: ss.Report) -> bool:
    ids = [g.id for g in report.goals]
    return len(ids) == len(set(ids))


@st.composite
def next_round(draw: st.DrawFn, report: ss.Report) -> ss.Report:
    """Edit a report the way a later round does: forecasts, texts, values, titles, goals in and out."""
    goals = list(report.goals)

    def edit(goal: ss.Goal) -> ss.Goal | None:
        action = draw(
            st.sampled_from(["keep", "keep", "forecast", "text", "metric", "retitle", "drop", "owner"])
        )
        if action == "forecast":
            status = goal.status or ss.Status()
            return attrs.evolve(goal, status=attrs.evolve(status, forecast=draw(forecasts(SCHEMA))))
        if action == "text":
            status = goal.status or ss.Status()
            return attrs.evolve(goal, status=attrs.evolve(status, realisation=draw(finnish_texts())))
        if action == "metric":
            metric = ss.Metric(
                "mittari-x", target=draw(finnish_texts()), value=draw(st.none() | finnish_texts())
            )
            return attrs.evolve(goal, metrics=[metric])
        if action == "retitle":
            return attrs.evolve(goal, title=goal.title + " (tarkennettu)")
        if action == "owner":
            return attrs.evolve(goal, responsible=(*goal.responsible, "Konsernipalvelut"))
        if action == "drop":
            return None
        return goal

    def fix(node: ss.Node) -> ss.Node:
        kept = [g for g in (edit(g) for g in node.goals) if g is not None]
        if draw(st.booleans()):
            kept.append(
                ss.Goal(
                    draw(st.from_regex(r"uusi-[a-z]{4}", fullmatch=True)),
                    draw(finnish_texts()),
                    goals[0].years,
                )
                if goals
                else ss.Goal("uusi-x", "Uusi", ss.YearSpan(report.period.year, report.period.year))
            )
        return attrs.evolve(node, goals=kept, children=[fix(c) for c in node.children])

    period = draw(st.sampled_from([report.period, ss.Period(report.period.year, annual=True)]))
    return attrs.evolve(report, period=period, nodes=[fix(n) for n in report.nodes])


pairs = reports(max_nodes=3).filter(unique_ids).flatmap(lambda a: st.tuples(st.just(a), next_round(a)))


@given(reports())
def test_a_report_does_not_differ_from_itself(report: ss.Report) -> None:
    d = ss.diff(report, report)
    assert not d
    assert d.added == d.removed == ()
    assert len(d.goals) == len(report.goals)
    assert all(not g.changed and not g.stale and g.match.by == "id" for g in d.goals)
    assert d.summary()["unchanged"] == len(report.goals)


@given(pairs)
def test_diffs_mirror_each_other(pair: tuple[ss.Report, ss.Report]) -> None:
    a, b = pair
    assume(unique_ids(b))
    forward, backward = ss.diff(a, b), ss.diff(b, a)
    assert {r.id for r in forward.added} == {r.id for r in backward.removed}
    assert {r.id for r in forward.removed} == {r.id for r in backward.added}
    f_matches = {(g.match.old_id, g.match.new_id) for g in forward.goals}
    b_matches = {(g.match.new_id, g.match.old_id) for g in backward.goals}
    assert f_matches == b_matches
    back = {g.match.new_id: g for g in backward.goals}
    for g in forward.goals:
        other = back[g.match.old_id]
        assert other.forecast.trend is g.forecast.trend.mirror
        assert (other.realisation is None) == (g.realisation is None)
        assert other.stale == g.stale
        assert (other.old_title is None) == (g.old_title is None)
        assert (other.responsible is None) == (g.responsible is None)
        assert len(other.metrics) == len(g.metrics) or {m.metric for m in g.metrics} != {
            m.metric for m in other.metrics
        }
    assert {g.goal.id for g in forward.improved} == {g.match.old_id for g in backward.worsened}
    assert {g.goal.id for g in forward.worsened} == {g.match.old_id for g in backward.improved}
    table, mirror = forward.transitions(), backward.transitions()
    assert all(table[x][y] == mirror[y][x] for x in table for y in table)
    assert bool(forward) == bool(backward)


def shuffled(report: ss.Report, data: st.DataObject) -> ss.Report:
    def fix(node: ss.Node) -> ss.Node:
        goals = data.draw(st.permutations(node.goals))
        children = data.draw(st.permutations([fix(c) for c in node.children]))
        return attrs.evolve(node, goals=goals, children=children)

    return attrs.evolve(report, nodes=data.draw(st.permutations([fix(n) for n in report.nodes])))


@given(pairs, st.data())
def test_matching_does_not_depend_on_order(pair: tuple[ss.Report, ss.Report], data: st.DataObject) -> None:
    a, b = pair
    assume(unique_ids(b))
    d1 = ss.diff(a, b)
    d2 = ss.diff(shuffled(a, data), shuffled(b, data))
    assert Counter(d1.goals) == Counter(d2.goals)
    assert Counter(d1.added) == Counter(d2.added)
    assert Counter(d1.removed) == Counter(d2.removed)
    assert d1.summary() == d2.summary()


@given(pairs)
def test_diff_json_round_trip(pair: tuple[ss.Report, ss.Report]) -> None:
    d = ss.diff(*pair)
    again = ss.Diff.from_dict(json.loads(json.dumps(d.to_dict(), ensure_ascii=False)))
    assert again == d
    assert again.summary() == d.summary()


# -- the example rounds ----------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> ss.Diff:
    july, accounts = ss.load_series(EXAMPLES).reports
    return ss.diff(july, accounts)


def by_title(d: ss.Diff, start: str) -> ss.GoalChange:
    (found,) = [g for g in d.goals if g.goal.title.startswith(start)]
    return found


def test_example_worsened_forecast(example: ss.Diff) -> None:
    (worse,) = example.worsened
    assert worse.goal.title.startswith("Keinot monipaikkaisten")
    assert (worse.forecast.old.word, worse.forecast.new.word) == ("Toteutuu", "Toteutuu osittain")
    assert worse.realisation is not None
    assert (
        ss.WordOp(
            "replace",
            "Kartoitamme yhdessä Pohjois-Karjalan kylät ry:n kanssa joensuulaisten "
            "kiinnostusta kyläkummitoimintaan",
            "Kyläkummitoiminnan kartoitus siirtyi vuodelle 2026; "
            "kysely monipaikkaisille tehtiin vain osittain",
        )
        in worse.realisation.words
    )


def test_example_achieved_goal(example: ss.Diff) -> None:
    (better,) = example.improved
    assert better.goal.title.startswith("Kaupungin tilojen")
    assert better.forecast.new.level is ss.ForecastLevel.ACHIEVED
    assert better.forecast.trend is ss.Trend.IMPROVED


def test_example_stale_realisation(example: ss.Diff) -> None:
    (stale,) = example.stale
    assert stale.goal.title.startswith("Luomme mallin")
    assert stale.realisation is None
    assert not stale.changed


def test_example_changed_target_and_measured_value(example: ss.Diff) -> None:
    target = by_title(example, "Testaamme uusia")
    (m,) = target.targets_changed
    assert m.target.new.startswith("Kahta uutta")
    value = by_title(example, "Toteutamme osallistuvan")
    (v,) = value.values_changed
    assert (v.value.old, v.value.new, v.delta) == (None, "18 kohdetta", None)


def test_example_summary_and_transitions(example: ss.Diff) -> None:
    assert example.summary() == {
        "matched": 7,
        "unchanged": 1,
        "added": 0,
        "removed": 0,
        "moved": 0,
        "retitled": 0,
        "improved": 1,
        "worsened": 1,
        "forecast_changed_unknown": 0,
        "realisation_changed": 6,
        "stale": 1,
        "values_changed": 1,
        "targets_changed": 1,
        "responsible_changed": 0,
        "uncertain_matches": 0,
    }
    table = example.transitions()
    assert table["on_track"] == {
        "achieved": 1,
        "on_track": 5,
        "partly": 1,
        "not_achieved": 0,
        "not_assessable": 0,
        "none": 0,
    }
    assert sum(sum(row.values()) for row in table.values()) == 7


# -- kinds of change not in the example -------------------------------------------------


@pytest.fixture
def july() -> ss.Report:
    return ss.load(EXAMPLES / "2025-07.yaml")


def test_added_removed_moved_retitled(july: ss.Report) -> None:
    first, second = july.nodes
    moved_goal = first.goals[5]
    from strategiaseuranta.ids import derive_id

    title = first.goals[0].title.replace("uusia", "useita uusia")
    retitled = attrs.evolve(first.goals[0], id=derive_id(title), title=title)
    added = ss.Goal("uusi-tavoite", "Aivan uusi tavoite", ss.YearSpan(2025, 2025))
    new = attrs.evolve(
        july,
        nodes=[
            attrs.evolve(first, goals=[retitled, *first.goals[1:4], added]),  # goal 5 removed, 6 moved
            attrs.evolve(second, goals=[*second.goals, moved_goal]),
        ],
    )
    d = ss.diff(july, new)
    assert [r.title for r in d.added] == ["Aivan uusi tavoite"]
    assert [r.title for r in d.removed] == [first.goals[4].title]
    (moved,) = d.moved
    assert moved.goal.id == moved_goal.id
    assert moved.moved_from == (first.title,)
    (renamed,) = d.retitled
    assert renamed.match.by == "title"
    assert renamed.match.certain
    assert renamed.match.score >= CERTAIN
    assert renamed.old_title == first.goals[0].title


def test_uncertain_match_is_reported(july: ss.Report) -> None:
    from strategiaseuranta.ids import derive_id

    goal = july.goals[0]
    title = "Testaamme digitaalisia vaihtoehtoja nuorille."
    new = july.replace_goal(goal.id, title=title, id=derive_id(title))
    d = ss.diff(july, new)
    (g,) = d.uncertain
    assert not g.match.certain
    assert g.match.old_id == goal.id
    codes = [i.code for i in ss.check_rounds(july, new, d)]
    assert "R306" in codes


def test_explicit_different_ids_are_different_goals(july: ss.Report) -> None:
    goal = july.goals[0]
    new = july.replace_goal(goal.id, id="oma-tunnus")
    # The old id was derived from the title, so the goal is found again by its (same) title.
    by = {m.old_id: m for m in match_goals(july, new)}
    assert (by[goal.id].by, by[goal.id].new_id, by[goal.id].certain) == ("title", "oma-tunnus", True)
    d = ss.diff(july, new)
    assert d.added == ()
    assert len(d.goals) == 7
    explicit = july.replace_goal(goal.id, id="tunnus-1")
    both = explicit.replace_goal("tunnus-1", id="tunnus-2", title="Kokonaan toinen tavoite")
    d2 = ss.diff(explicit, both)
    assert [r.id for r in d2.added] == ["tunnus-2"]
    assert [r.id for r in d2.removed] == ["tunnus-1"]


def test_measured_values_delta_and_cumulative_check(july: ss.Report) -> None:
    goal = july.goals[2]
    metric = ss.Metric("kohteet", name="Kuullut kohteet", target="20 kohdetta", value="7 kohdetta")
    april = july.replace_goal(goal.id, metrics=[metric])
    later = attrs.evolve(
        april.replace_goal(goal.id, metrics=[attrs.evolve(metric, value="5 kohdetta")]),
        period=ss.Period(2025, 1, 8),
    )
    d = ss.diff(april, later)
    (g,) = d.changed
    (m,) = g.values_changed
    assert m.delta == Decimal(-2)
    assert [i.code for i in ss.check_rounds(april, later, d)] == ["R303"]
    percent = ss.Metric("osuus", target="vähintään 70 %", value="72 %")
    a = july.replace_goal(goal.id, metrics=[percent])
    b = attrs.evolve(
        a.replace_goal(goal.id, metrics=[attrs.evolve(percent, value="65 %")]), period=ss.Period(2025, 1, 8)
    )
    assert "R303" not in [i.code for i in ss.check_rounds(a, b)]  # shares are not cumulative


def test_worsened_without_new_text_and_missing_goal(july: ss.Report) -> None:
    goal = july.goals[0]
    worse = july.set_status(goal.id, forecast="Ei toteudu")
    last = july.goals[-1]
    fewer = attrs.evolve(worse, nodes=[worse.nodes[0]])
    issues = ss.check_rounds(july, fewer)
    assert [i.code for i in issues] == ["R301", "R304"]
    assert issues[0].location.line == 18  # the goal's place in the later file
    assert issues[1].location.hierarchy == (july.nodes[1].title, last.title)


def test_word_diff_keeps_every_character() -> None:
    old, new = (
        "Suunnittelu käynnissä, uusia muotoja kokeiltu.",
        "Suunnittelu valmis; uusia muotoja kokeiltu 3 kpl.",
    )
    ops = word_diff(old, new)
    assert "".join(op.old for op in ops) == old
    assert "".join(op.new for op in ops) == new


@given(st.text(), st.text())
def test_word_diff_reassembles_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert "".join(op.old for op in ops) == old
    assert "".join(op.new for op in ops) == new


def test_from_dict_rejects_other_data() -> None:
    with pytest.raises(ValueError, match="not a strategiaseuranta diff"):
        ss.Diff.from_dict({"goals": []})


def test_word_diffs_are_computed_on_first_use_and_rebuilt_from_the_texts() -> None:
    july, accounts = ss.load(EXAMPLES / "2025-07.yaml"), ss.load(EXAMPLES / "2025-12.yaml")
    d = ss.diff(july, accounts)
    change = next(g.realisation for g in d.goals if g.realisation)
    assert change.words == word_diff(change.old or "", change.new or "")
    assert change.words is change.words  # computed once, then kept
    data = json.loads(json.dumps(d.to_dict()))
    text = next(g["realisation"] for g in data["goals"] if g["realisation"])
    assert [w["op"] for w in text["words"]] == [w.op for w in change.words]
    text["words"] = [{"op": "equal", "old": "väärä", "new": "väärä"}]  # a stored diff is not trusted
    again = ss.Diff.from_dict(data)
    assert again == d
    assert next(g.realisation for g in again.goals if g.realisation).words == change.words


@pytest.mark.parametrize(
    "bad", [{"old": 1, "new": "x", "words": []}, {"old": "a", "new": "b", "extra": 1}, "a"]
)
def test_from_dict_rejects_a_malformed_text_change(bad: object) -> None:
    july, accounts = ss.load(EXAMPLES / "2025-07.yaml"), ss.load(EXAMPLES / "2025-12.yaml")
    data = ss.diff(july, accounts).to_dict()
    next(g for g in data["goals"] if g["realisation"])["realisation"] = bad
    with pytest.raises(ValueError, match="realisation"):
        ss.Diff.from_dict(data)


def test_status_per_metric_goals_move_at_their_worst_metric() -> None:
    """Seinäjoki gives no goal forecast, only a 1/2/3 per metric: the diff follows the worst metric."""
    one, two, three = (ss.get_schema("seinajoki").forecast(w) for w in ("1", "2", "3"))
    metrics = [ss.Metric("a", target="10", value="12", status=one), ss.Metric("b", target="5", status=two)]
    goal = ss.Goal("tavoite", "Palvelut saatavilla", ss.YearSpan(2024, 2024), metrics=metrics)
    node = ss.Node("valinta", "valinta", "Elinvoimainen Seinäjoki", goals=[goal])
    old = ss.Report(ss.Organisation("Seinäjoki", "Kaupunginvaltuusto"), ss.Period(2024, annual=True), [node])
    old = attrs.evolve(old, schema="seinajoki")
    worse = [attrs.evolve(metrics[0], status=three), metrics[1]]
    new = attrs.evolve(old, period=ss.Period(2025, annual=True)).replace_goal("tavoite", metrics=worse)
    (change,) = ss.diff(old, new).goals
    assert (change.forecast.old.word, change.forecast.new.word) == ("2", "3")
    assert change.forecast.trend is ss.Trend.WORSENED
    assert [g.goal.id for g in ss.diff(old, new).worsened] == ["tavoite"]
    assert ss.diff(old, new).transitions()["partly"]["not_achieved"] == 1
    assert [i.code for i in ss.check_rounds(old, new)] == ["R301"]  # worse, and the text stayed
