"""Stable ids: written in files where given, otherwise derived from content.

A derived id depends only on the entry's normalised title, never on its
position, so the same goal gets the same id in every round and keeps it when
it moves to another branch of the hierarchy.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

try:  # hashlib would also load OpenSSL (milliseconds at import); blake2 is built in
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

from strategiaseuranta._lazy import lazy_compile

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["IdSequence", "derive_id", "is_valid_id", "normalise_text", "require_valid_id", "unique_ids"]

_SPACE = lazy_compile(r"\s+")
_NOT_SLUG = lazy_compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "å": "a", "ü": "u", "é": "e", "š": "s", "ž": "z"})
_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}"
_ID = lazy_compile(_ID_PATTERN)


def normalise_text(text: str) -> str:
    """Fold a text for matching: NFC, case folded, whitespace collapsed.

    Example:
        >>> normalise_text("  Toteutuu\\n osittain ")
        'toteutuu osittain'
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def derive_id(text: str, *, words: int = 3) -> str:
    """Derive a short, readable, stable id from a title.

    The id is a slug of the first words plus six hex digits of a hash of the
    whole normalised text.

    Example:
        >>> derive_id("Testaamme uusia digitaalisia vaihtoehtoja osallistua")
        'testaamme-uusia-digitaalisia-be1430'
        >>> derive_id("Testaamme  uusia digitaalisia vaihtoehtoja OSALLISTUA")
        'testaamme-uusia-digitaalisia-be1430'
    """
    norm = normalise_text(text)
    digest = blake2b(norm.encode("utf-8"), digest_size=3).hexdigest()
    slug = "-".join(w for w in _NOT_SLUG.split(norm.translate(_FOLD)) if w)
    head = "-".join(slug.split("-")[:words])[:40].strip("-")
    return f"{head}-{digest}" if head else f"id-{digest}"


class IdSequence:
    """Derives ids in document order, making repeats unique (``-2``, ``-3``).

    The reader and the writer advance one sequence per kind of entry for every
    entry, so an id the writer leaves out is the id the reader derives back.

    Example:
        >>> ids = IdSequence()
        >>> ids.next("Sama"), ids.next("Sama")
        ('sama-312efe', 'sama-312efe-2')
    """

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}
        self._pending: list[str] = []

    def skip(self, text: str) -> None:
        """Advance past an entry with an explicit id; its derived id is computed only if needed.

        Example:
            >>> ids = IdSequence()
            >>> ids.skip("Sama")
            >>> ids.next("Sama")
            'sama-312efe-2'
        """
        self._pending.append(text)

    def next(self, text: str) -> str:
        """The id of the next entry with this text."""
        if self._pending:
            for skipped in self._pending:
                key = derive_id(skipped)
                self.seen[key] = self.seen.get(key, 0) + 1
            self._pending.clear()
        base = derive_id(text)
        n = self.seen.get(base, 0) + 1
        self.seen[base] = n
        return base if n == 1 else f"{base}-{n}"


def unique_ids(texts: Iterable[str]) -> list[str]:
    """Derive ids for texts in document order, making repeats unique with ``-2``, ``-3``...

    Example:
        >>> unique_ids(["Sama", "Sama", "Toinen"])
        ['sama-312efe', 'sama-312efe-2', 'toinen-e39bb9']
    """
    ids = IdSequence()
    return [ids.next(text) for text in texts]


def is_valid_id(value: str) -> bool:
    """True when ``value`` can be used as an explicit id.

    Example:
        >>> is_valid_id("hyte-1"), is_valid_id("two words")
        (True, False)
    """
    return _ID.fullmatch(value) is not None


_fullmatch: Callable[[str], object] | None = None
"""``fullmatch`` of the id pattern, compiled on the first id checked."""


def require_valid_id(value: str) -> None:
    """Refuse ``value`` as an id: what the model's records check when they are made.

    Raises:
        TypeError: The id is not text.
        ValueError: The id is not valid (see :func:`is_valid_id`).

    Example:
        >>> require_valid_id("hyte-1")
        >>> require_valid_id("two words")
        Traceback (most recent call last):
        ...
        ValueError: invalid id 'two words': use letters a-z, digits and . _ : - (no spaces), at most 128
    """
    global _fullmatch  # noqa: PLW0603 - compiled once, on first use
    if _fullmatch is None:
        _fullmatch = re.compile(_ID_PATTERN).fullmatch
    if type(value) is not str:
        raise TypeError(f"an id must be text, not {type(value).__name__}: {value!r}")
    if _fullmatch(value) is None:
        raise ValueError(
            f"invalid id {value!r}: use letters a-z, digits and . _ : - (no spaces), at most 128"
        )
