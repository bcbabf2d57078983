"""A read-only dict for the mappings inside frozen records."""

from __future__ import annotations

from typing import Any

__all__ = ["FrozenDict"]


class FrozenDict(dict[str, Any]):
    """A dict that cannot be changed after it is made: custom attributes of frozen records.

    It is still a ``dict`` (JSON encoders, ``==`` and pickling work as usual).

    Example:
        >>> d = FrozenDict({"sivu": 42})
        >>> d["sivu"] = 43
        Traceback (most recent call last):
        ...
        TypeError: FrozenDict is read-only; build a new one instead
    """

    __slots__ = ()

    def _refuse(self, *_: Any, **__: Any) -> Any:
        raise TypeError("FrozenDict is read-only; build a new one instead")

    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = __ior__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset((k, repr(v)) for k, v in self.items()))
