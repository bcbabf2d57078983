"""The strategy model: small frozen records, one concept each.

A :class:`Report` is one body's goal set at one reporting round. Its
hierarchy is data: :class:`Node` records whose ``level`` names a level of the
report's schema (Joensuu: a strategic focus area with its policy outline;
Seinäjoki: strategic choice › strategic goal), holding operational
:class:`Goal` records and child nodes. A goal has :class:`Metric` records
(target levels, measured values) and a :class:`Status` for the round.

Records compare by content. Where a report came from (:class:`Source`) takes
no part in equality, so the same goals loaded from YAML and from JSON compare
equal.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from strategiaseuranta._frozen import FrozenDict, Record
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.ids import require_valid_id
from strategiaseuranta.periods import Period, YearSpan
from strategiaseuranta.quantities import Quantity, parse_quantity

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    from strategiaseuranta.schema import Schema

__all__ = [
    "FrozenDict",
    "Goal",
    "Metric",
    "Node",
    "Organisation",
    "Report",
    "Source",
    "Status",
]

Scalar = str | int | float | bool | None
"""The value types of custom attributes."""


def _tuple_of_str(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _nodes(value: Iterable[Node]) -> tuple[Node, ...]:
    return tuple(value)


def _status(value: Status | None) -> Status | None:
    """An empty status (no realisation, no forecast) is no status."""
    if value is not None and value.realisation is None and value.forecast is None:
        return None
    return value


_MAX_DIGITS = 4300
"""Python's limit on turning an ``int`` into text: a custom number must be writable."""


def _frozen_mapping(value: Mapping[str, Scalar] | None) -> Mapping[str, Scalar]:
    """Custom attributes as a read-only dict, each value one every file format can carry.

    Raises:
        TypeError: A key that is not text, or a value that is not text, a number,
            true/false or ``None``.
        ValueError: A number no file can hold: infinite, not a number, or an integer
            of more than 4,300 digits.
    """
    mapping = value if isinstance(value, FrozenDict) else FrozenDict(value or {})
    for key, item in mapping.items():
        if not isinstance(key, str):
            raise TypeError(f"custom field names must be text, not {type(key).__name__}: {key!r}")
        kind = type(item)
        if kind is str or item is None or kind is bool:
            continue
        if isinstance(item, int):
            if item.bit_length() > 14_000 and abs(item) >= 10**_MAX_DIGITS:  # only huge ones pay
                raise ValueError(f"custom field {key!r}: an integer of more than {_MAX_DIGITS} digits")
            continue
        if isinstance(item, float):
            if not math.isfinite(item):
                raise ValueError(f"custom field {key!r} holds {item}, which no file format can write")
            continue
        raise TypeError(
            f"custom field {key!r} must hold text, a number, true/false or None, "
            f"not {kind.__name__}: {item!r}"
        )
    return mapping


@attrs.frozen
class Source:
    """Where a report was read from. Never part of equality.

    Attributes:
        file: The path as given to :func:`~strategiaseuranta.load`.
        format: The format name (``"yaml"``, ``"json"``, ...).
    """

    file: str | None = None
    format: str | None = None


@attrs.frozen
class Organisation(Record):
    """The municipality and the body (lautakunta, nämnd, board) that reports.

    Example:
        >>> Organisation("Joensuu", "Hyvinvoinnin ja osallisuuden edistämisen lautakunta").municipality
        'Joensuu'
    """

    municipality: str
    body: str


@attrs.frozen(init=False)
class Metric(Record):
    """A metric and its target level, with the value measured in this round.

    The city's texts are kept verbatim; :attr:`target_quantity` and
    :attr:`value_quantity` parse a number, unit and comparator out of them
    where they can.

    Attributes:
        id: Stable id within the goal: a letter or digit, then letters, digits and
            ``. _ : -``, at most 128 (any other raises ``ValueError``).
        name: The metric (mittari), when given apart from the target level.
        target: The target level (tavoitetaso), verbatim.
        baseline: The baseline or current value (lähtötaso, nykyarvo), verbatim.
        value: The value measured in this round (toteuma-arvo), verbatim.
        status: The metric's own status in the round, for cities that give
            status per metric (Seinäjoki's 1/2/3).

    Example:
        >>> m = Metric("m", target="vähintään 70 %", value="72 %")
        >>> m.target_quantity.satisfied_by(m.value_quantity)
        True
    """

    id: str
    name: str | None
    target: str | None
    baseline: str | None
    value: str | None
    status: Forecast | None

    def __init__(  # noqa: PLR0917 - positional, like the fields
        self,
        id: str,
        name: str | None = None,
        target: str | None = None,
        baseline: str | None = None,
        value: str | None = None,
        status: Forecast | None = None,
    ) -> None:
        require_valid_id(id)
        self.__attrs_init__(id, name, target, baseline, value, status)

    @property
    def label(self) -> str:
        """The metric's name, else its target text, else its id."""
        return self.name or self.target or self.id

    @property
    def target_quantity(self) -> Quantity | None:
        """The target level parsed as a quantity, or ``None``."""
        return parse_quantity(self.target) if self.target else None

    @property
    def value_quantity(self) -> Quantity | None:
        """The measured value parsed as a quantity, or ``None``."""
        return parse_quantity(self.value) if self.value else None


@attrs.frozen(init=False)
class Status(Record):
    """How a goal stands in one reporting round.

    Attributes:
        realisation: What has been done so far (toteuma, toteutuma), verbatim.
        forecast: The forecast of achievement (toteutumaennuste).

    Example:
        >>> Status("Toteutunut", Forecast("Toteutuu", ForecastLevel.ON_TRACK)).forecast.word
        'Toteutuu'
    """

    realisation: str | None
    forecast: Forecast | None

    def __init__(self, realisation: str | None = None, forecast: Forecast | None = None) -> None:
        self.__attrs_init__(realisation, forecast)

    @property
    def empty(self) -> bool:
        """True when neither a realisation text nor a forecast is given."""
        return not (self.realisation and self.realisation.strip()) and self.forecast is None


@attrs.frozen(repr=False, init=False)
class Goal(Record):
    """An operational goal (toiminnallinen tavoite) and its status in the round.

    Attributes:
        id: Stable id; derived from the title when the file gives none. A letter or
            digit, then letters, digits and ``. _ : -``, at most 128 (any other raises
            ``ValueError``).
        title: The goal as the city wrote it.
        years: The year or span of years the goal is set for.
        responsible: The responsible parties (vastuutaho), one or more.
        metrics: Metrics and target levels.
        status: The status in this round, or ``None`` when not reported.
        binding: True for a binding goal (sitova tavoite) set by the council.
        attributes: The schema's custom fields, by name.

    Example:
        >>> g = Goal("g1", "Testaamme uusia digitaalisia vaihtoehtoja", YearSpan(2025, 2026))
        >>> 2026 in g.years
        True
    """

    id: str
    title: str
    years: YearSpan
    responsible: tuple[str, ...]
    metrics: tuple[Metric, ...]
    status: Status | None
    binding: bool
    attributes: Mapping[str, Scalar] = attrs.field(hash=False)

    def __init__(  # noqa: PLR0917 - positional, like the fields
        self,
        id: str,
        title: str,
        years: YearSpan,
        responsible: Iterable[str] | str = (),
        metrics: Iterable[Metric] = (),
        status: Status | None = None,
        binding: bool = False,
        attributes: Mapping[str, Scalar] | None = None,
    ) -> None:
        require_valid_id(id)
        self.__attrs_init__(
            id,
            title,
            years,
            _tuple_of_str(responsible),
            tuple(metrics),
            _status(status),
            binding,
            _frozen_mapping(attributes),
        )

    def __repr__(self) -> str:
        """Short: the id, the title cut to 50 characters, the forecast word and the number of metrics.

        Example:
            >>> import strategiaseuranta as ss
            >>> print(repr(ss.load("examples/joensuu/2025-07.yaml").goals[0]).replace("' ", "'\\n "))
            <Goal testaamme-uusia-digitaalisia-903aac 'Testaamme uusia digitaalisia vaihtoehtoja osallis…'
             Toteutuu, 1 metric>
        """
        from strategiaseuranta._notebook import shorten  # noqa: PLC0415

        forecast = shorten(self.forecast.word, 30) if self.forecast else "no forecast"
        metrics = f"{len(self.metrics)} metric{'' if len(self.metrics) == 1 else 's'}"
        return f"<Goal {self.id} {shorten(self.title, 50)!r} {forecast}, {metrics}>"

    def _repr_html_(self) -> str:
        """Jupyter's view: the goal as a small card."""
        from strategiaseuranta._notebook import goal_html  # noqa: PLC0415

        return goal_html(self)

    @property
    def forecast(self) -> Forecast | None:
        """Shortcut for ``goal.status.forecast``."""
        return self.status.forecast if self.status else None

    @property
    def level(self) -> ForecastLevel | None:
        """The canonical forecast level, or ``None``."""
        forecast = self.forecast
        return forecast.level if forecast else None

    @property
    def realisation(self) -> str | None:
        """Shortcut for ``goal.status.realisation``."""
        return self.status.realisation if self.status else None

    @property
    def measured(self) -> dict[str, str]:
        """The values measured in this round, by metric id (metrics without a value left out).

        Example:
            >>> g = Goal("g", "G", YearSpan(2025, 2025), metrics=[Metric("kohteet", value="18 kohdetta")])
            >>> g.measured
            {'kohteet': '18 kohdetta'}
        """
        return {m.id: m.value for m in self.metrics if m.value is not None}


@attrs.frozen(repr=False, init=False)
class Node(Record):
    """One entry of the strategy hierarchy above the operational goals.

    Attributes:
        id: Stable id; derived from the title when the file gives none. A letter or
            digit, then letters, digits and ``. _ : -``, at most 128 (any other raises
            ``ValueError``).
        level: The key of a level of the report's schema, e.g. ``"painopiste"``.
        title: The entry's title as the city wrote it.
        text: The level's prose, e.g. Joensuu's policy outline (tavoitelinjaus).
        goals: Operational goals directly under this entry, in document order.
        children: Entries of the next level down, in document order.
    """

    id: str
    level: str
    title: str
    text: str | None
    goals: tuple[Goal, ...]
    children: tuple[Node, ...]

    def __init__(  # noqa: PLR0917 - positional, like the fields
        self,
        id: str,
        level: str,
        title: str,
        text: str | None = None,
        goals: Iterable[Goal] = (),
        children: Iterable[Node] = (),
    ) -> None:
        require_valid_id(id)
        self.__attrs_init__(id, level, title, text, tuple(goals), tuple(children))

    def __repr__(self) -> str:
        """Short: the level, the title, and how many goals and entries are under it.

        Example:
            >>> import strategiaseuranta as ss
            >>> ss.load("examples/joensuu/2025-07.yaml").nodes[1]
            <Node painopiste 'Kasvatuksen, koulutuksen ja opiskelun Joensuu': 1 goal, 0 entries>
        """
        from strategiaseuranta._notebook import shorten  # noqa: PLC0415

        goals = f"{len(self.goals)} goal{'' if len(self.goals) == 1 else 's'}"
        children = f"{len(self.children)} entr{'y' if len(self.children) == 1 else 'ies'}"
        return f"<Node {self.level} {shorten(self.title, 50)!r}: {goals}, {children}>"

    def walk(self, trail: tuple[Node, ...] = ()) -> Iterator[tuple[tuple[Node, ...], Goal]]:
        """Yield ``(nodes from the top down to the goal's node, goal)`` in document order.

        Example:
            >>> import strategiaseuranta as ss
            >>> node = ss.load("examples/joensuu/2025-07.yaml").nodes[1]
            >>> [(len(trail), goal.id) for trail, goal in node.walk()]
            [(1, 'unicef-n-lapsiystavallinen-e74e3c')]
        """
        here = (*trail, self)
        for goal in self.goals:
            yield here, goal
        for child in self.children:
            yield from child.walk(here)


@attrs.frozen(repr=False)
class Report:
    """One body's goal set at one reporting round.

    Attributes:
        organisation: The municipality and the reporting body.
        period: The reporting round, e.g. January–July 2025.
        nodes: The top level of the hierarchy, in document order.
        schema: The name of the schema the report follows.
        title: An optional title for the report.
        source: Where the report was read from; not part of equality.

    Example:
        >>> import strategiaseuranta as ss
        >>> report = ss.load("examples/joensuu/2025-07.yaml")
        >>> len(report.goals), report.goals[0].forecast.word
        (7, 'Toteutuu')
    """

    organisation: Organisation
    period: Period
    nodes: tuple[Node, ...] = attrs.field(default=(), converter=_nodes)
    schema: str = "joensuu"
    title: str | None = None
    source: Source | None = attrs.field(default=None, eq=False, repr=False)

    def __repr__(self) -> str:
        """Short: who, which round, how many goals.

        Example:
            >>> import strategiaseuranta as ss
            >>> print(repr(ss.load("examples/joensuu/2025-07.yaml")).replace(" · ", "\\n · "))
            <Report Joensuu
             · Hyvinvoinnin ja osallisuuden edistämisen lautakunta
             · tammi–heinäkuu 2025: 7 goals>
        """
        from strategiaseuranta._notebook import shorten  # noqa: PLC0415

        org, count = self.organisation, len(self.goals)
        goals = f"{count} goal{'' if count == 1 else 's'}"
        return f"<Report {shorten(org.municipality, 40)} · {shorten(org.body, 60)} · {self.period}: {goals}>"

    def _repr_html_(self) -> str:
        """Jupyter's view: counts per level in the schema's colours, and the goals as a table."""
        from strategiaseuranta._notebook import report_html  # noqa: PLC0415

        return report_html(self)

    @property
    def goals(self) -> tuple[Goal, ...]:
        """Every operational goal, in document order.

        Example:
            >>> import strategiaseuranta as ss
            >>> ss.load("examples/joensuu/2025-07.yaml").goals[-1].id
            'unicef-n-lapsiystavallinen-e74e3c'
        """
        return tuple(goal for _, goal in self.walk())

    def walk(self) -> Iterator[tuple[tuple[Node, ...], Goal]]:
        """Yield ``(trail of nodes, goal)`` for every goal, in document order.

        Example:
            >>> import strategiaseuranta as ss
            >>> trail, goal = next(ss.load("examples/joensuu/2025-07.yaml").walk())
            >>> trail[0].title
            'Osallisuuden, menon ja meiningin Joensuu'
        """
        for node in self.nodes:
            yield from node.walk()

    def iter_nodes(self) -> Iterator[tuple[tuple[Node, ...], Node]]:
        """Yield ``(trail of ancestors, node)`` for every node, depth first.

        Example:
            >>> import strategiaseuranta as ss
            >>> report = ss.load("examples/joensuu/2025-07.yaml")
            >>> [(len(trail), node.level, len(node.goals)) for trail, node in report.iter_nodes()]
            [(0, 'painopiste', 6), (0, 'painopiste', 1)]
        """
        stack: list[tuple[tuple[Node, ...], Node]] = [((), n) for n in reversed(self.nodes)]
        while stack:
            trail, node = stack.pop()
            yield trail, node
            stack.extend(((*trail, node), c) for c in reversed(node.children))

    def goal(self, goal_id: str) -> Goal:
        """The goal with the given id.

        Raises:
            KeyError: No goal has that id.

        Example:
            >>> import strategiaseuranta as ss
            >>> report = ss.load("examples/joensuu/2025-07.yaml")
            >>> report.goal("luomme-mallin-alueellisen-953aa9").forecast.word
            'Toteutuu'
        """
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise KeyError(goal_id)

    def replace_goal(self, goal_id: str, **changes: Any) -> Report:
        """A copy of the report with one goal's fields changed (see :func:`attrs.evolve`).

        Example:
            >>> import strategiaseuranta as ss
            >>> report = ss.load("examples/joensuu/2025-07.yaml")
            >>> gid = report.goals[0].id
            >>> new = report.replace_goal(gid, responsible=("Konsernipalvelut",))
            >>> new.goal(gid).responsible
            ('Konsernipalvelut',)
        """
        found = False

        def fix(node: Node) -> Node:
            nonlocal found
            goals = []
            for goal in node.goals:
                if goal.id == goal_id:
                    found = True
                    goal = attrs.evolve(goal, **changes)  # noqa: PLW2901
                goals.append(goal)
            return attrs.evolve(node, goals=goals, children=[fix(c) for c in node.children])

        nodes = [fix(n) for n in self.nodes]
        if not found:
            raise KeyError(goal_id)
        return attrs.evolve(self, nodes=nodes)

    def to_dataframe(self) -> pd.DataFrame:
        """The goals as a pandas data frame, one row per goal (needs the ``pandas`` extra).

        See :func:`strategiaseuranta.to_dataframe` for the columns.

        Example:
            >>> import strategiaseuranta as ss
            >>> frame = ss.load("examples/joensuu/2025-07.yaml").to_dataframe()
            >>> frame.shape[0], int(frame["level"].value_counts()["on_track"])
            (7, 7)
        """
        from strategiaseuranta.frames import to_dataframe  # noqa: PLC0415 - pandas on first use

        return to_dataframe(self)

    def metrics_dataframe(self) -> pd.DataFrame:
        """The metrics as a pandas data frame, one row per metric (needs the ``pandas`` extra).

        Example:
            >>> import strategiaseuranta as ss
            >>> frame = ss.load("examples/joensuu/2025-12.yaml").metrics_dataframe()
            >>> frame.loc[frame["value"].notna(), ["value", "value_number", "unit"]].values.tolist()
            [['18 kohdetta', 18.0, 'kohdetta']]
        """
        from strategiaseuranta.frames import to_dataframe  # noqa: PLC0415 - pandas on first use

        return to_dataframe(self, rows="metrics")

    def set_status(
        self,
        goal_id: str,
        *,
        realisation: str | None = None,
        forecast: str | None = None,
        schema: Schema | None = None,
    ) -> Report:
        """A copy with one goal's realisation text and/or forecast word replaced.

        The forecast word is placed on the canonical scale by the report's schema.

        Example:
            >>> import strategiaseuranta as ss
            >>> report = ss.load("examples/joensuu/2025-07.yaml")
            >>> gid = report.goals[1].id
            >>> report.set_status(gid, forecast="Ei toteudu").goal(gid).level
            <ForecastLevel.NOT_ACHIEVED: 'not_achieved'>
        """
        if schema is None:
            from strategiaseuranta.registry import get_schema  # noqa: PLC0415

            schema = get_schema(self.schema)
        old = self.goal(goal_id).status or Status()
        status = Status(
            old.realisation if realisation is None else realisation,
            old.forecast if forecast is None else schema.forecast(forecast),
        )
        return self.replace_goal(goal_id, status=status)
