"""Comparing reporting rounds: what changed between two reports, and which goals slip.

:func:`diff` matches the goals of two reports (by id; where ids differ, by
title similarity, reporting uncertain matches as such) and returns a
:class:`Diff`: goals added, removed, moved and retitled, and per goal the
forecast's move on the canonical scale, the realisation text (with a
word-level diff, or flagged *stale* when a later round left it as it was),
measured values with their deltas, target levels and responsible parties.

A :class:`Diff` is plain data: it is falsy when nothing changed and converts
to JSON and back (:meth:`Diff.to_dict`, :meth:`Diff.from_dict`).
"""

from __future__ import annotations

import enum
import functools
from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs
import cattrs

from strategiaseuranta._lazy import lazy_compile, lazy_import, paused_gc
from strategiaseuranta.forecast import Forecast, ForecastLevel
from strategiaseuranta.ids import derive_id, normalise_text
from strategiaseuranta.model import Goal, Metric, Node, Report
from strategiaseuranta.periods import Period
from strategiaseuranta.quantities import Comparator, parse_quantity

if TYPE_CHECKING:
    import difflib
else:
    difflib = lazy_import("difflib")

__all__ = [
    "CERTAIN",
    "POSSIBLE",
    "Diff",
    "ForecastChange",
    "GoalChange",
    "GoalRef",
    "Match",
    "MetricChange",
    "TextChange",
    "Trend",
    "WordOp",
    "diff",
    "match_goals",
]

CERTAIN = 0.8
"""Title similarity from which a match without a common id is taken as certain."""
POSSIBLE = 0.55
"""Title similarity from which a match is made but reported as uncertain."""


class Trend(enum.Enum):
    """Which way a forecast moved on the canonical scale."""

    IMPROVED = "improved"
    WORSENED = "worsened"
    UNCHANGED = "unchanged"
    UNKNOWN = "unknown"  # a side is missing or cannot be assessed

    @property
    def mirror(self) -> Trend:
        """The trend seen from the other side (improved ↔ worsened).

        Example:
            >>> Trend.IMPROVED.mirror, Trend.UNKNOWN.mirror
            (<Trend.WORSENED: 'worsened'>, <Trend.UNKNOWN: 'unknown'>)
        """
        return {Trend.IMPROVED: Trend.WORSENED, Trend.WORSENED: Trend.IMPROVED}.get(self, self)


@attrs.frozen
class GoalRef:
    """A goal named by id, title and its place in the hierarchy (titles, top first)."""

    id: str
    title: str
    path: tuple[str, ...] = ()


@attrs.frozen
class Match:
    """How a goal of the old round was paired with one of the new round.

    Attributes:
        old_id: The goal's id in the old round.
        new_id: The goal's id in the new round.
        by: ``"id"`` (same id) or ``"title"`` (similar titles).
        score: 1.0 for an id match; the title similarity otherwise.
        certain: False when the match rests on a similarity below :data:`CERTAIN`.
    """

    old_id: str
    new_id: str
    by: Literal["id", "title"]
    score: float
    certain: bool


@attrs.frozen
class WordOp:
    """One step of a word-level diff: ``equal``, ``insert``, ``delete`` or ``replace``."""

    op: Literal["equal", "insert", "delete", "replace"]
    old: str
    new: str


@attrs.frozen
class TextChange:
    """A text that changed, with a word-level diff.

    Example:
        >>> change = TextChange("kartoitus käynnissä", "kartoitus valmis")
        >>> [(w.old, w.new) for w in change.words if w.op != "equal"]
        [('käynnissä', 'valmis')]
    """

    old: str | None
    new: str | None

    @functools.cached_property
    def words(self) -> tuple[WordOp, ...]:
        """The word-level diff (:func:`word_diff`), computed on first use.

        Most readers of a diff of thousands of goals look at a few of them.
        """
        return word_diff(self.old or "", self.new or "")


@attrs.frozen
class ForecastChange:
    """A goal's forecast in both rounds and the direction of the move."""

    old: Forecast | None
    new: Forecast | None
    trend: Trend

    @property
    def changed(self) -> bool:
        """True when the city's word or the level changed."""
        return self.old != self.new


@attrs.frozen
class MetricChange:
    """A metric whose target level or measured value changed.

    Attributes:
        metric: The metric's id (in the new round).
        label: The metric's name or target, for people.
        target: The target level before and after, when it changed.
        value: The measured value before and after, when it changed.
        delta: ``new - old`` when both values are numbers in the same unit.
    """

    metric: str
    label: str
    target: TextChange | None = None
    value: TextChange | None = None
    delta: Decimal | None = None


@attrs.frozen
class GoalChange:
    """Everything that happened to one goal matched across two rounds.

    Attributes:
        goal: The goal in the new round.
        match: How it was paired with the old round.
        old_title: The title in the old round, when the goal was retitled.
        moved_from: The old place in the hierarchy, when the goal moved.
        forecast: The forecast before and after (always present).
        realisation: The realisation text, when it changed.
        stale: True when a later round left a non-empty realisation text as it was.
        metrics: Metrics whose target level or measured value changed.
        responsible: Responsible parties before and after, when they changed.
    """

    goal: GoalRef
    match: Match
    forecast: ForecastChange
    old_title: str | None = None
    moved_from: tuple[str, ...] | None = None
    realisation: TextChange | None = None
    stale: bool = False
    metrics: tuple[MetricChange, ...] = ()
    responsible: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    @property
    def changed(self) -> bool:
        """True when anything about the goal changed (staleness is a finding, not a change)."""
        return bool(
            self.old_title is not None
            or self.moved_from is not None
            or self.forecast.changed
            or self.realisation is not None
            or self.metrics
            or self.responsible is not None
        )

    @property
    def targets_changed(self) -> tuple[MetricChange, ...]:
        """Metrics whose target level changed."""
        return tuple(m for m in self.metrics if m.target is not None)

    @property
    def values_changed(self) -> tuple[MetricChange, ...]:
        """Metrics whose measured value changed."""
        return tuple(m for m in self.metrics if m.value is not None)


_LEVEL_NAMES = [level.value for level in ForecastLevel] + ["none"]


@attrs.frozen(repr=False)
class Diff:
    """The difference between two reports (old → new).

    Falsy when nothing changed. Goal lists are in the new report's document order
    (removed goals in the old report's order).

    Example:
        >>> import strategiaseuranta as ss
        >>> july = ss.load("examples/joensuu/2025-07.yaml")
        >>> bool(ss.diff(july, july))
        False
        >>> accounts = ss.load("examples/joensuu/2025-12.yaml")
        >>> d = ss.diff(july, accounts)
        >>> [g.goal.title[:30] for g in d.worsened]
        ['Keinot monipaikkaisten asukkai']
    """

    old_period: Period
    new_period: Period
    goals: tuple[GoalChange, ...] = ()
    schema: str = "joensuu"
    added: tuple[GoalRef, ...] = ()
    removed: tuple[GoalRef, ...] = ()
    old_file: str | None = attrs.field(default=None, eq=False)
    new_file: str | None = attrs.field(default=None, eq=False)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or any(g.changed for g in self.goals))

    def __repr__(self) -> str:
        """Short: the rounds and the counts of what changed.

        Example:
            >>> import strategiaseuranta as ss
            >>> july = ss.load("examples/joensuu/2025-07.yaml")
            >>> d = ss.diff(july, ss.load("examples/joensuu/2025-12.yaml"))
            >>> print(repr(d).replace(": ", ":\\n "))
            <Diff tammi–heinäkuu 2025 → tilinpäätös 2025:
             6 changed, 0 added, 0 removed, 1 worsened, 1 improved>
        """
        counts = (
            f"{len(self.changed)} changed, {len(self.added)} added, {len(self.removed)} removed, "
            f"{len(self.worsened)} worsened, {len(self.improved)} improved"
        )
        return f"<Diff {self.old_period} → {self.new_period}: {counts}>"

    def _repr_html_(self) -> str:
        """Jupyter's view: the counts, then the worsened and improved goals with their badges."""
        from strategiaseuranta._notebook import diff_html  # noqa: PLC0415

        return diff_html(self)

    @property
    def changed(self) -> tuple[GoalChange, ...]:
        """Matched goals with any change."""
        return tuple(g for g in self.goals if g.changed)

    def _by_trend(self, trend: Trend) -> tuple[GoalChange, ...]:
        return tuple(g for g in self.goals if g.forecast.trend is trend and g.forecast.changed)

    @property
    def worsened(self) -> tuple[GoalChange, ...]:
        """Goals whose forecast moved down the canonical scale."""
        return self._by_trend(Trend.WORSENED)

    @property
    def improved(self) -> tuple[GoalChange, ...]:
        """Goals whose forecast moved up the canonical scale."""
        return self._by_trend(Trend.IMPROVED)

    @property
    def stale(self) -> tuple[GoalChange, ...]:
        """Goals whose realisation text was left as it was in a later round."""
        return tuple(g for g in self.goals if g.stale)

    @property
    def uncertain(self) -> tuple[GoalChange, ...]:
        """Goals matched by title similarity below :data:`CERTAIN`."""
        return tuple(g for g in self.goals if not g.match.certain)

    @property
    def moved(self) -> tuple[GoalChange, ...]:
        """Goals that moved to another branch of the hierarchy."""
        return tuple(g for g in self.goals if g.moved_from is not None)

    @property
    def retitled(self) -> tuple[GoalChange, ...]:
        """Goals whose title changed."""
        return tuple(g for g in self.goals if g.old_title is not None)

    def transitions(self) -> dict[str, dict[str, int]]:
        """The forecast transition matrix: ``{old level: {new level: count}}``.

        Levels are :class:`~strategiaseuranta.ForecastLevel` values, ``"none"`` for no
        forecast (or a word the schema does not know). Every level appears as a row and
        a column, so tables have a fixed shape.

        Example:
            >>> import strategiaseuranta as ss
            >>> july = ss.load("examples/joensuu/2025-07.yaml")
            >>> t = ss.diff(july, ss.load("examples/joensuu/2025-12.yaml")).transitions()
            >>> t["on_track"]["achieved"], t["on_track"]["on_track"], t["on_track"]["partly"]
            (1, 5, 1)
        """
        counts = Counter((_level_name(g.forecast.old), _level_name(g.forecast.new)) for g in self.goals)
        return {old: {new: counts[old, new] for new in _LEVEL_NAMES} for old in _LEVEL_NAMES}

    def summary(self) -> dict[str, int]:
        """Counts per kind of change.

        Example:
            >>> import strategiaseuranta as ss
            >>> july = ss.load("examples/joensuu/2025-07.yaml")
            >>> ss.diff(july, july).summary()["unchanged"]
            7
        """
        trends = Counter(g.forecast.trend for g in self.goals if g.forecast.changed)
        return {
            "matched": len(self.goals),
            "unchanged": sum(not g.changed for g in self.goals),
            "added": len(self.added),
            "removed": len(self.removed),
            "moved": len(self.moved),
            "retitled": len(self.retitled),
            "improved": trends[Trend.IMPROVED],
            "worsened": trends[Trend.WORSENED],
            "forecast_changed_unknown": trends[Trend.UNKNOWN] + trends[Trend.UNCHANGED],
            "realisation_changed": sum(g.realisation is not None for g in self.goals),
            "stale": len(self.stale),
            "values_changed": sum(len(g.values_changed) for g in self.goals),
            "targets_changed": sum(len(g.targets_changed) for g in self.goals),
            "responsible_changed": sum(g.responsible is not None for g in self.goals),
            "uncertain_matches": len(self.uncertain),
        }

    def to_dict(self) -> dict[str, Any]:
        """The diff as JSON-ready plain data (with its summary and transition matrix).

        Example:
            >>> import json, strategiaseuranta as ss
            >>> july = ss.load("examples/joensuu/2025-07.yaml")
            >>> d = ss.diff(july, ss.load("examples/joensuu/2025-12.yaml"))
            >>> ss.Diff.from_dict(json.loads(json.dumps(d.to_dict()))) == d
            True
        """
        data: dict[str, Any] = _converter().unstructure(self)
        data["format"] = "strategiaseuranta-diff/1"
        data["summary"] = self.summary()
        data["transitions"] = self.transitions()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Diff:
        """Rebuild a diff from :meth:`to_dict` output.

        Raises:
            ValueError: The data is not a diff of this format.

        Example:
            >>> import strategiaseuranta as ss
            >>> july = ss.load("examples/joensuu/2025-07.yaml")
            >>> ss.Diff.from_dict(ss.diff(july, july).to_dict()).summary()["unchanged"]
            7
        """
        data = dict(data)
        if data.pop("format", None) != "strategiaseuranta-diff/1":
            raise ValueError("not a strategiaseuranta diff (format 'strategiaseuranta-diff/1')")
        data.pop("summary", None)
        data.pop("transitions", None)
        try:
            return _converter().structure(data, cls)
        except cattrs.BaseValidationError as error:
            raise ValueError("; ".join(cattrs.transform_error(error, path="diff"))) from None


def _level_name(forecast: Forecast | None) -> str:
    return forecast.level.value if forecast is not None and forecast.level is not None else "none"


@functools.cache
def _converter() -> cattrs.Converter:
    """The converter, made on first use (making it costs milliseconds at import time)."""
    return _make_converter()


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, lambda value, _: Decimal(str(value)))
    conv.register_unstructure_hook(Period, attrs.asdict)
    conv.register_structure_hook(Period, lambda value, _: Period(**value))
    conv.register_unstructure_hook(TextChange, _unstructure_text)
    conv.register_structure_hook(TextChange, _structure_text)
    return conv


def _unstructure_text(change: TextChange) -> dict[str, Any]:
    words = [{"op": w.op, "old": w.old, "new": w.new} for w in change.words]
    return {"old": change.old, "new": change.new, "words": words}


def _structure_text(value: Any, _: Any) -> TextChange:
    """The texts; the word diff is recomputed from them, so a stored one is not trusted."""
    if not isinstance(value, Mapping) or set(value) - {"old", "new", "words"}:
        raise ValueError(f"a text change is {{old, new, words}}, not {value!r}")
    texts = value.get("old"), value.get("new")
    if not all(t is None or isinstance(t, str) for t in texts):
        raise ValueError(f"the texts of a change must be text or null, not {texts!r}")
    return TextChange(*texts)


# -- matching ---------------------------------------------------------------------------


@attrs.frozen
class _Place:
    goal: Goal
    trail: tuple[Node, ...]
    path: tuple[str, ...]
    """The titles of the trail, shared by the goals of one entry."""
    trail_ids: tuple[str, ...]

    def ref(self) -> GoalRef:
        return GoalRef(self.goal.id, self.goal.title, self.path)


def _places(report: Report) -> list[_Place]:
    # Goals of one entry share its trail: its titles and ids are computed once per entry.
    shared: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    out = []
    for trail, goal in report.walk():
        known = shared.get(id(trail))
        if known is None:
            known = shared[id(trail)] = (tuple(n.title for n in trail), tuple(n.id for n in trail))
        out.append(_Place(goal, trail, *known))
    return out


def _derived(goal: Goal) -> bool:
    base = derive_id(goal.title)
    return goal.id == base or goal.id.startswith(base + "-")


def _similarity(a: _Place, b: _Place) -> float:
    return _score(_Key.of(a), _Key.of(b))


@attrs.frozen
class _Key:
    """What title matching compares, computed once per goal."""

    title: str
    parent: str | None

    @classmethod
    def of(cls, place: _Place) -> _Key:
        title = normalise_text(place.goal.title)
        parent = normalise_text(place.trail[-1].title) if place.trail else None
        return cls(title, parent)


_BONUS = 0.05
"""Added to the title similarity of goals under entries of the same title."""


def _score(a: _Key, b: _Key) -> float:
    """Symmetric title similarity in [0, 1] (the Indel ratio, 2·LCS / total length), plus the bonus.

    Returns 0.0 when it cannot reach :data:`POSSIBLE`.
    """
    from rapidfuzz.fuzz import ratio  # noqa: PLC0415 - loaded when titles are compared

    bonus = _BONUS if a.parent is not None and a.parent == b.parent else 0.0
    if not a.title and not b.title:
        return min(1.0, 1.0 + bonus)
    score = ratio(a.title, b.title, score_cutoff=100 * (POSSIBLE - bonus)) / 100
    return min(1.0, score + bonus) if score else 0.0


def _same_titles(
    old: list[_Place], new: list[_Place], pairs: list[tuple[Match, _Place, _Place]]
) -> tuple[list[_Place], list[_Place]]:
    """Pair goals whose normalised titles are equal and unique on both sides; return the rest.

    Such a pair would score 1.0 anyway; pairing it first keeps a comparison of rounds
    whose ids all differ (a PDF import against its YAML) linear instead of quadratic.
    """
    by_title_old: dict[str, list[int]] = {}
    by_title_new: dict[str, list[int]] = {}
    for i, place in enumerate(old):
        by_title_old.setdefault(normalise_text(place.goal.title), []).append(i)
    for j, place in enumerate(new):
        by_title_new.setdefault(normalise_text(place.goal.title), []).append(j)
    used_old: set[int] = set()
    used_new: set[int] = set()
    for title, olds in by_title_old.items():
        news = by_title_new.get(title)
        if len(olds) != 1 or news is None or len(news) != 1:
            continue
        a, b = old[olds[0]], new[news[0]]
        if not (_derived(a.goal) or _derived(b.goal)):
            continue  # two explicit, different ids are never paired
        used_old.add(olds[0])
        used_new.add(news[0])
        pairs.append((Match(a.goal.id, b.goal.id, "title", 1.0, certain=True), a, b))
    return (
        [p for i, p in enumerate(old) if i not in used_old],
        [p for j, p in enumerate(new) if j not in used_new],
    )


def _candidates(old: list[_Key], new: list[_Key]) -> Iterator[tuple[int, int]]:
    """Index pairs that may reach :data:`POSSIBLE` (with the bonus), found by rapidfuzz in C++."""
    from rapidfuzz.fuzz import ratio  # noqa: PLC0415
    from rapidfuzz.process import extract_iter  # noqa: PLC0415

    titles = [key.title for key in new]
    cutoff = 100 * (POSSIBLE - _BONUS)
    for i, key in enumerate(old):
        for _, _, j in extract_iter(key.title, titles, scorer=ratio, score_cutoff=cutoff):
            yield i, j


def match_goals(old: Report, new: Report) -> list[Match]:
    """Pair the goals of two rounds.

    Goals with the same id pair first. The rest pair by title similarity (plus a
    small bonus for the same parent in the hierarchy), best pairs first, when at
    least one side's id was derived from its title; pairs scoring below
    :data:`CERTAIN` are marked uncertain, below :data:`POSSIBLE` they are not made.
    The result does not depend on the order of goals in either report.

    Example:
        >>> import strategiaseuranta as ss
        >>> july = ss.load("examples/joensuu/2025-07.yaml")
        >>> {m.by for m in match_goals(july, july)}
        {'id'}
    """
    return [m for m, _, _ in _match(_places(old), _places(new))]


def _match(old: list[_Place], new: list[_Place]) -> list[tuple[Match, _Place, _Place]]:
    new_by_id: dict[str, list[_Place]] = {}
    for place in new:
        new_by_id.setdefault(place.goal.id, []).append(place)
    pairs: list[tuple[Match, _Place, _Place]] = []
    old_left: list[_Place] = []
    for place in old:
        candidates = new_by_id.get(place.goal.id)
        if candidates:
            other = candidates.pop(0)
            pairs.append((Match(place.goal.id, other.goal.id, "id", 1.0, certain=True), place, other))
        else:
            old_left.append(place)
    new_left = [p for ps in new_by_id.values() for p in ps]
    old_left, new_left = _same_titles(old_left, new_left, pairs)
    old_keys, new_keys = [_Key.of(p) for p in old_left], [_Key.of(p) for p in new_left]
    old_derived, new_derived = [_derived(p.goal) for p in old_left], [_derived(p.goal) for p in new_left]
    scored = sorted(
        (
            (score, min(a.goal.id, b.goal.id), max(a.goal.id, b.goal.id), i, j)
            for i, j in _candidates(old_keys, new_keys)
            if (old_derived[i] or new_derived[j]) and (score := _score(old_keys[i], new_keys[j])) >= POSSIBLE
            for a, b in ((old_left[i], new_left[j]),)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, _, _, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        a, b = old_left[i], new_left[j]
        pairs.append((Match(a.goal.id, b.goal.id, "title", round(score, 4), certain=score >= CERTAIN), a, b))
    return pairs


# -- comparing --------------------------------------------------------------------------

_TOKENS = lazy_compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """A word-level diff of two texts; whitespace and punctuation are tokens of their own.

    Example:
        >>> ops = word_diff("kartoitus käynnissä", "kartoitus valmis")
        >>> [(w.op, w.old, w.new) for w in ops if w.op != "equal"]
        [('replace', 'käynnissä', 'valmis')]
        >>> [(w.op, w.old, w.new) for w in word_diff("a b c", "x y c") if w.op != "equal"]
        [('replace', 'a b', 'x y')]
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        op = WordOp(tag, "".join(a[i1:i2]), "".join(b[j1:j2]))
        # Changes separated only by a space read better as one: "[-a b-]{+c d+}", not "[-a-]{+c+} [-b-]{+d+}".
        if (
            op.op != "equal"
            and len(ops) >= 2
            and ops[-2].op != "equal"
            and ops[-1].op == "equal"
            and not ops[-1].old.strip()
        ):
            gap, first = ops.pop(), ops.pop()
            op = WordOp("replace", first.old + gap.old + op.old, first.new + gap.new + op.new)
        ops.append(op)
    return tuple(ops)


def _text_change(old: str | None, new: str | None) -> TextChange | None:
    if old == new:
        return None
    return TextChange(old, new)


def goal_status(goal: Goal) -> Forecast | None:
    """A goal's forecast; for a city that gives status per metric, its worst metric's status.

    Seinäjoki marks each metric 1, 2 or 3 and gives the goal none; a diff then follows the
    goal at its worst metric, as :func:`~strategiaseuranta.goal_level` counts it.

    Example:
        >>> from strategiaseuranta import Forecast, ForecastLevel, Goal, Metric, YearSpan
        >>> metrics = [Metric("a", status=Forecast("1", ForecastLevel.ACHIEVED)),
        ...            Metric("b", status=Forecast("2", ForecastLevel.PARTLY))]
        >>> goal_status(Goal("g", "G", YearSpan(2024, 2024), metrics=metrics)).word
        '2'
    """
    if goal.forecast is not None:
        return goal.forecast
    statuses = [m.status for m in goal.metrics if m.status is not None]
    placed = [s for s in statuses if s.level is not None]
    assessed = [s for s in placed if s.level is not None and s.level.assessed]
    if assessed:
        return min(assessed, key=lambda s: s.level.rank if s.level else 0)
    return placed[0] if placed else (statuses[0] if statuses else None)


def _trend(old: Forecast | None, new: Forecast | None) -> Trend:
    direction = ForecastLevel.compare(old.level if old else None, new.level if new else None)
    if direction is None:
        return Trend.UNKNOWN
    return {1: Trend.IMPROVED, -1: Trend.WORSENED, 0: Trend.UNCHANGED}[direction]


def _delta(old: str | None, new: str | None) -> Decimal | None:
    a = parse_quantity(old) if old else None
    b = parse_quantity(new) if new else None
    if a is None or b is None or a.value is None or b.value is None:
        return None
    if a.comparator is not Comparator.EQ or b.comparator is not Comparator.EQ or a.unit != b.unit:
        return None
    return b.value - a.value


def _metric_changes(old: Goal, new: Goal) -> tuple[MetricChange, ...]:
    """Pair metrics by id (repeats in order), else by position when neither id occurs on the other side."""
    if old.metrics == new.metrics:
        return ()  # most goals: nothing measured or retargeted
    by_id: dict[str, list[int]] = {}
    for i, metric in enumerate(old.metrics):
        by_id.setdefault(metric.id, []).append(i)
    old_ids, new_ids = {m.id for m in old.metrics}, {m.id for m in new.metrics}
    paired: dict[int, int] = {}  # new index -> old index
    for j, metric in enumerate(new.metrics):
        if by_id.get(metric.id):
            paired[j] = by_id[metric.id].pop(0)
    used = set(paired.values())
    for j, metric in enumerate(new.metrics):
        positional = j < len(old.metrics) and metric.id not in old_ids and old.metrics[j].id not in new_ids
        if positional and j not in paired and j not in used:
            paired[j] = j
            used.add(j)
    out = []
    for j, metric in enumerate(new.metrics):
        before = old.metrics[paired[j]] if j in paired else None
        out.append(_metric_change(before, metric))
    out += [_metric_change(m, None) for i, m in enumerate(old.metrics) if i not in used]
    return tuple(c for c in out if c is not None)


def _metric_change(before: Metric | None, after: Metric | None) -> MetricChange | None:
    target = _text_change(before.target if before else None, after.target if after else None)
    value = _text_change(before.value if before else None, after.value if after else None)
    if not (target or value):
        return None
    delta = _delta(before.value if before else None, after.value if after else None) if value else None
    shown = after or before
    assert shown is not None
    return MetricChange(shown.id, shown.label, target, value, delta)


def _compare(match: Match, old: _Place, new: _Place, later: bool) -> GoalChange:
    a, b = old.goal, new.goal
    moved = None
    if old.trail_ids != new.trail_ids and [normalise_text(t) for t in old.path] != [
        normalise_text(t) for t in new.path
    ]:
        moved = old.path
    realisation = _text_change(a.realisation, b.realisation)
    stale = later and realisation is None and bool(b.realisation and b.realisation.strip())
    before, after = goal_status(a), goal_status(b)
    return GoalChange(
        goal=new.ref(),
        match=match,
        forecast=ForecastChange(before, after, _trend(before, after)),
        old_title=a.title if a.title != b.title else None,
        moved_from=moved,
        realisation=realisation,
        stale=stale,
        metrics=_metric_changes(a, b),
        responsible=(a.responsible, b.responsible) if a.responsible != b.responsible else None,
    )


def diff(old: Report, new: Report) -> Diff:
    """Compare two reports, old → new.

    Example:
        >>> import strategiaseuranta as ss
        >>> july = ss.load("examples/joensuu/2025-07.yaml")
        >>> accounts = ss.load("examples/joensuu/2025-12.yaml")
        >>> d = ss.diff(july, accounts)
        >>> bool(d), d.summary()["worsened"], d.summary()["stale"]
        (True, 1, 1)
    """
    with paused_gc():
        old_places, new_places = _places(old), _places(new)
        pairs = _match(old_places, new_places)
        later = new.period != old.period
        changes = {id(b): _compare(m, a, b, later) for m, a, b in pairs}
        matched_old = {id(a) for _, a, _ in pairs}
        return Diff(
            old_period=old.period,
            new_period=new.period,
            goals=tuple(changes[id(p)] for p in new_places if id(p) in changes),
            schema=new.schema,
            added=tuple(p.ref() for p in new_places if id(p) not in changes),
            removed=tuple(p.ref() for p in old_places if id(p) not in matched_old),
            old_file=old.source.file if old.source else None,
            new_file=new.source.file if new.source else None,
        )


def iter_changes(d: Diff) -> Iterator[GoalChange]:
    """Changed goals, worsened forecasts first, then in document order."""
    yield from d.worsened
    worse = {id(g) for g in d.worsened}
    yield from (g for g in d.changed if id(g) not in worse)
