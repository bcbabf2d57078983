"""Hypothesis strategies for the model, for our tests and for plugin authors.

Every strategy draws values that the library's own formats can carry, so
``load(dump(x)) == x`` is a fair property to test for any drawn report::

    from hypothesis import given
    from strategiaseuranta.testing import reports

    @given(reports())
    def test_my_exporter_round_trips(report): ...

Needs the ``testing`` extra (``pip install strategiaseuranta[testing]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

try:
    from hypothesis import strategies as st
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "strategiaseuranta.testing needs hypothesis: pip install 'strategiaseuranta[testing]'"
    ) from error

from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.ids import IdSequence, derive_id
from strategiaseuranta.model import Goal, Metric, Node, Organisation, Report, Status
from strategiaseuranta.periods import Period, YearSpan
from strategiaseuranta.registry import get_schema

if TYPE_CHECKING:
    from strategiaseuranta.schema import Schema

__all__ = [
    "finnish_texts",
    "forecast_levels",
    "forecasts",
    "goals",
    "ids",
    "metrics",
    "nodes",
    "periods",
    "reports",
    "texts",
    "year_spans",
]

FINNISH_WORDS = (
    "Edistämme",
    "osallisuutta",
    "Osallisuus-",
    "ja",
    "vetovoimapalvelut",
    "tammi–heinäkuussa",
    "Tilava-tilavaraussivustolle",
    "Unicef:n",
    "–malliin",
    "vähintään",
    "70–100 %",
    "1 200 kpl",
    "3,5",
    "Åbo",
    "Ähtäri",
    "ÖLJY",
    "kyllä",
    "…",
    "#1",
    "ry:n",
    "'lainaus'",
    '"sitaatti"',
    "- ei",
    "true",
    "null",
    "2025",
    "0x1F",
)


def texts() -> st.SearchStrategy[str]:
    """Any text a city could type: every Unicode character but surrogates and NUL, any length."""
    return st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=60)


def finnish_texts() -> st.SearchStrategy[str]:
    """Realistic Finnish texts, with the characters and tokens that trip serialisers."""
    words = st.lists(st.sampled_from(FINNISH_WORDS), min_size=1, max_size=12)
    return st.one_of(words.map(" ".join), texts())


_UNSET = "unset.id"
"""The id of a record whose id the reader would derive, until it is filled in (ids are never empty)."""


def ids() -> st.SearchStrategy[str]:
    """Explicit ids as files write them."""
    return st.from_regex(r"[a-z0-9][a-z0-9._:-]{0,24}", fullmatch=True).filter(lambda i: i != _UNSET)


def periods() -> st.SearchStrategy[Period]:
    """Any valid reporting period."""

    @st.composite
    def build(draw: st.DrawFn) -> Period:
        year = draw(st.integers(1990, 2100))
        if draw(st.booleans()):
            return Period(year, annual=True)
        start = draw(st.integers(1, 12))
        end = draw(st.integers(start, 12))
        return Period(year, start, end)

    return build()


def year_spans(around: int | None = None) -> st.SearchStrategy[YearSpan]:
    """Year spans; with ``around``, spans that contain that year."""
    if around is not None:
        return st.tuples(st.integers(0, 2), st.integers(0, 2)).map(
            lambda t: YearSpan(around - t[0], around + t[1])
        )
    return st.tuples(st.integers(1990, 2100), st.integers(0, 4)).map(lambda t: YearSpan(t[0], t[0] + t[1]))


def forecast_levels() -> st.SearchStrategy[ForecastLevel]:
    """Levels of the canonical scale."""
    return st.sampled_from(ForecastLevel)


def forecasts(schema: Schema | None = None) -> st.SearchStrategy[Forecast]:
    """Forecasts placed by a schema: mostly its own words, sometimes others.

    Words the schema does not know come with no level, or with a level another city's
    scale gave them.
    """
    schema = schema or get_schema("joensuu")
    known = st.sampled_from([s.word for s in schema.scale])
    placed = st.one_of(known, known, finnish_texts()).map(schema.forecast)
    foreign = st.builds(Forecast, finnish_texts().filter(lambda w: schema.step(w) is None), forecast_levels())
    return st.one_of(placed, placed, placed, foreign)


def metrics(schema: Schema | None = None) -> st.SearchStrategy[Metric]:
    """Metrics with any mix of texts present, each with an id derived as a file would derive it."""
    return _metrics(schema).map(lambda m: attrs.evolve(m, id=derive_id(m.name or m.target or "mittari")))


def _metrics(schema: Schema | None = None) -> st.SearchStrategy[Metric]:
    optional = st.none() | finnish_texts()
    return st.builds(
        Metric,
        id=st.just(_UNSET),
        name=optional,
        target=optional,
        baseline=optional,
        value=optional,
        status=st.none() | forecasts(schema),
    )


def _with_ids(items: list[Metric]) -> list[Metric]:
    derive = IdSequence()
    out = []
    for m in items:
        derived = derive.next(m.name or m.target or "mittari")
        out.append(m if m.id != _UNSET else attrs.evolve(m, id=derived))
    return out


@st.composite
def _goal(draw: st.DrawFn, schema: Schema, year: int) -> Goal:
    title = draw(finnish_texts())
    explicit = draw(st.none() | ids())
    metric_list = draw(st.lists(_metrics(schema), max_size=3))
    metric_list = [attrs.evolve(m, id=draw(ids())) if draw(st.booleans()) else m for m in metric_list]
    status = draw(
        st.none()
        | st.builds(Status, realisation=st.none() | finnish_texts(), forecast=st.none() | forecasts(schema))
    )
    attributes = draw(
        st.dictionaries(
            st.sampled_from(["kustannus", "lisätieto", "tila-arvio", "sitova_valtuusto"]),
            st.none()
            | st.booleans()
            | finnish_texts()
            | st.integers(-(10**12), 10**12)
            | st.floats(allow_nan=False, allow_infinity=False),
            max_size=2,
        )
    )
    return Goal(
        explicit or _UNSET,
        title,
        draw(year_spans(around=year)),
        draw(st.lists(finnish_texts(), max_size=3)),
        _with_ids(metric_list),
        status,
        draw(st.booleans()),
        attributes,
    )


def goals(schema: Schema | None = None, year: int = 2025) -> st.SearchStrategy[Goal]:
    """Operational goals for a round of ``year``, each with an explicit or derived id."""
    return _goal(schema or get_schema("joensuu"), year).map(
        lambda g: g if g.id != _UNSET else attrs.evolve(g, id=derive_id(g.title))
    )


@st.composite
def _node(draw: st.DrawFn, schema: Schema, year: int, depth: int, at: int | None = None) -> Node:
    if at is None:
        level = draw(st.sampled_from([lv.key for lv in schema.levels]))
        below: int | None = None
    else:  # levels top down, as documents lay them out; a level may be skipped
        level = schema.levels[at].key
        below = draw(st.integers(at + 1, len(schema.levels))) if at + 1 < len(schema.levels) else None
    text = draw(st.none() | finnish_texts()) if schema.level(level).text_key else None
    if at is not None:
        children = (
            draw(st.lists(_node(schema, year, depth - 1, below), max_size=2))
            if below is not None and below < len(schema.levels) and depth > 0
            else []
        )
    else:
        children = draw(st.lists(_node(schema, year, depth - 1), max_size=2)) if depth > 0 else []
    return Node(
        draw(st.none() | ids()) or _UNSET,
        level,
        draw(finnish_texts()),
        text,
        draw(st.lists(_goal(schema, year), max_size=3)),
        children,
    )


def nodes(schema: Schema | None = None, year: int = 2025, depth: int = 2) -> st.SearchStrategy[Node]:
    """Hierarchy entries of the schema's levels, up to ``depth`` levels of children."""
    return _node(schema or get_schema("joensuu"), year, depth)


def _fill_ids(report: Report) -> Report:
    """Give every id-less entry the id the reader would derive (document order)."""
    node_ids, goal_ids = IdSequence(), IdSequence()

    def fix_node(node: Node) -> Node:
        derived = node_ids.next(f"{node.level} {node.title}")
        goals_ = []
        for goal in node.goals:
            gid = goal_ids.next(goal.title)
            goals_.append(goal if goal.id != _UNSET else attrs.evolve(goal, id=gid))
        return attrs.evolve(
            node,
            id=derived if node.id == _UNSET else node.id,
            goals=goals_,
            children=[fix_node(c) for c in node.children],
        )

    return attrs.evolve(report, nodes=[fix_node(n) for n in report.nodes])


@st.composite
def _report(draw: st.DrawFn, schema: Schema, max_nodes: int, top_down: bool) -> Report:
    period = draw(periods())
    top = (
        st.integers(0, len(schema.levels) - 1).flatmap(lambda at: _node(schema, period.year, 3, at))
        if top_down
        else nodes(schema, period.year)
    )
    report = Report(
        Organisation(draw(finnish_texts()), draw(finnish_texts())),
        period,
        draw(st.lists(top, max_size=max_nodes)),
        schema=schema.name,
        title=draw(st.none() | finnish_texts()),
    )
    return _fill_ids(report)


def reports(
    schema: Schema | str | None = None, max_nodes: int = 3, *, top_down: bool = False
) -> st.SearchStrategy[Report]:
    """Complete reports of a schema (default: ``joensuu``), with ids as the reader derives them.

    With ``top_down``, the hierarchy follows the schema's levels from the top down
    (a level may be skipped), as documents and tables lay it out; otherwise any
    level may sit under any other, which the YAML and JSON formats also carry.

    Example:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(reports())
        ... def check(report):
        ...     assert all(goal.id for goal in report.goals)
        >>> check()
    """
    if isinstance(schema, str) or schema is None:
        schema = get_schema(schema or "joensuu")
    return _report(schema, max_nodes, top_down)
