"""A read-only dict for the mappings inside frozen records."""

from __future__ import annotations

from typing import Any

__all__ = ["FrozenDict", "Record"]


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


class Record:
    """Base of the model's records, which are final: the file formats write exactly their fields.

    JSON is encoded straight from the records, so a subclass's extra field would be written
    into files no reader takes. Extra data belongs in a goal's custom fields
    (``Goal.attributes``, declared by the schema).

    Example:
        >>> class Entry(Record):
        ...     pass
        >>> try:
        ...     class Mine(Entry):
        ...         pass
        ... except TypeError as error:
        ...     print(str(error).split(":")[0])
        Entry cannot be subclassed
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        records = [b for b in cls.__mro__[1:] if b is not Record and issubclass(b, Record)]
        if records:
            raise TypeError(
                f"{records[0].__name__} cannot be subclassed: the file formats write exactly its fields "
                "(put extra data in a goal's custom fields, Goal.attributes)"
            )
