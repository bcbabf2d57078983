"""Regular expressions and modules loaded on first use, so that ``import strategiaseuranta`` stays quick."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import re
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any, Final, cast

__all__ = ["lazy_compile", "lazy_import", "paused_gc"]


class _LazyPattern:
    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
        return getattr(compiled, name)


def lazy_compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """A pattern that compiles itself the first time it is used.

    Example:
        >>> year = lazy_compile(r"\\d{4}")
        >>> year.fullmatch("2025") is not None
        True
    """
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))


def lazy_import(name: str) -> ModuleType:
    """A standard-library module that loads on first attribute access (``importlib.util.LazyLoader``).

    Example:
        >>> lazy_import("difflib").get_close_matches("toteutu", ["toteutuu", "ei"])
        ['toteutuu']
    """
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(f"no module named {name!r}")
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


PROMOTE_FROM: Final = 10_000
"""Tracked objects made while paused from which :func:`paused_gc` promotes them."""


@contextlib.contextmanager
def paused_gc(*, keep: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Loading or comparing 10,000 goals allocates hundreds of thousands of records; the
    collector would otherwise walk every object the process holds, again and again, so a
    load would slow down with everything an analyst already has in memory. The records
    hold no reference cycles, so nothing is left for the collector to find afterwards.

    With ``keep``, for results the caller keeps (a loaded report), the objects made
    while paused join the collector's oldest generation on the way out, as objects
    that survive do after two collections. Otherwise the first collection after the
    pause would walk every one of them at once (15 ms for a 10,000-goal report), only to
    find nothing. This uses ``gc.freeze()`` and ``gc.unfreeze()``, which move the lists
    of tracked objects without walking them. It is done only when at least
    :data:`PROMOTE_FROM` objects were made, and never when the program has frozen
    objects of its own (a server before ``fork``), since unfreezing would undo that.

    Example:
        >>> import gc
        >>> with paused_gc():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
        >>> with paused_gc(keep=True):
        ...     made = [[] for _ in range(PROMOTE_FROM)]
        >>> gc.isenabled(), gc.get_count()[0] < PROMOTE_FROM, gc.is_tracked(made[0])
        (True, True, True)
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # the count is cheap to read; the freeze count walks what is frozen, so it comes last
            if keep and gc.get_count()[0] >= PROMOTE_FROM and gc.get_freeze_count() == 0:
                gc.freeze()  # everything tracked → the permanent generation (a list splice)
                gc.unfreeze()  # → the oldest generation, untraversed
            gc.enable()
