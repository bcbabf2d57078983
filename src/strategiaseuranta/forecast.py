"""The canonical forecast scale, and a city's forecast word beside it.

Every city words its forecasts differently ("Toteutuu", "förverkligas delvis",
a green light, the code 1). Each schema maps its words onto one ordered
:class:`ForecastLevel`; a :class:`Forecast` keeps the city's word *and* the
canonical level, so reports show the city's word and compare on the level.
"""

from __future__ import annotations

import enum
from typing import Self

import attrs

from strategiaseuranta._frozen import Record

__all__ = ["Forecast", "ForecastLevel"]


class ForecastLevel(enum.Enum):
    """The canonical ordered forecast scale.

    From best to worst: ``ACHIEVED`` (has been achieved), ``ON_TRACK`` (will be
    achieved), ``PARTLY`` (will be partly achieved), ``NOT_ACHIEVED`` (will not be
    achieved). ``NOT_ASSESSABLE`` (cannot be assessed yet) is off the quality axis:
    it sorts lowest so ``sorted()`` works, but :meth:`compare` never calls a move
    to or from it better or worse.

    Example:
        >>> ForecastLevel.ON_TRACK > ForecastLevel.PARTLY
        True
        >>> ForecastLevel.compare(ForecastLevel.PARTLY, ForecastLevel.ACHIEVED)
        1
        >>> ForecastLevel.compare(ForecastLevel.NOT_ASSESSABLE, ForecastLevel.ACHIEVED) is None
        True
    """

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    PARTLY = "partly"
    NOT_ACHIEVED = "not_achieved"
    NOT_ASSESSABLE = "not_assessable"

    @property
    def rank(self) -> int:
        """4 for achieved down to 1 for not achieved; 0 for not assessable."""
        return _RANK[self]

    @property
    def assessed(self) -> bool:
        """False only for ``NOT_ASSESSABLE``."""
        return self is not ForecastLevel.NOT_ASSESSABLE

    @property
    def positive(self) -> bool:
        """True for achieved and on track: the goal is not at risk."""
        return self in (ForecastLevel.ACHIEVED, ForecastLevel.ON_TRACK)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, ForecastLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, ForecastLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, ForecastLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, ForecastLevel):
            return NotImplemented
        return self.rank >= other.rank

    @staticmethod
    def compare(old: ForecastLevel | None, new: ForecastLevel | None) -> int | None:
        """Direction of a move from ``old`` to ``new``: 1 better, -1 worse, 0 same.

        ``None`` when the move cannot be judged: either side missing or not assessable
        (unless both are the same).
        """
        if old is new:
            return 0
        if old is None or new is None or not old.assessed or not new.assessed:
            return None
        return (new.rank > old.rank) - (new.rank < old.rank)


_RANK = {
    ForecastLevel.ACHIEVED: 4,
    ForecastLevel.ON_TRACK: 3,
    ForecastLevel.PARTLY: 2,
    ForecastLevel.NOT_ACHIEVED: 1,
    ForecastLevel.NOT_ASSESSABLE: 0,
}


@attrs.frozen(init=False)
class Forecast(Record):
    """A forecast as the city wrote it, with its place on the canonical scale.

    Attributes:
        word: The city's own word, verbatim (``"Toteutuu"``, ``"3"``, ``"förverkligas"``).
        level: The canonical level, or ``None`` when the schema does not know the word.

    Example:
        >>> f = Forecast("Toteutuu", ForecastLevel.ON_TRACK)
        >>> str(f)
        'Toteutuu'
        >>> f.level.positive
        True
    """

    word: str
    level: ForecastLevel | None

    def __init__(self, word: str, level: ForecastLevel | None = None) -> None:
        # Hand-written so that the attrs fields carry no defaults: the JSON decoder then
        # requires every key (see ``formats/_json_fast.py``).
        self.__attrs_init__(word, level)

    def __str__(self) -> str:
        return self.word

    @classmethod
    def unknown(cls, word: str) -> Self:
        """A forecast whose word no schema has placed on the scale.

        Example:
            >>> Forecast.unknown("Vihreä")
            Forecast(word='Vihreä', level=None)
        """
        return cls(word, None)
