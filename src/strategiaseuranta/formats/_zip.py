"""Checks on zip packages (xlsx, docx) before an XML library opens them."""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from strategiaseuranta.exceptions import LoadError
from strategiaseuranta.formats._files import fail

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_UNCOMPRESSED", "check_zip"]

MAX_MEMBERS: Final = 2000
"""The most files a document's zip package may hold."""
MAX_UNCOMPRESSED: Final = 300 * 1024 * 1024
"""The most bytes a document may unpack to: any member, and all members together."""
MAX_RATIO: Final = 200
"""The highest compression ratio of a member of 1 MiB or more, and of the whole package."""
_RATIO_FROM: Final = 1024 * 1024
_OLE: Final = b"\xd0\xcf\x11\xe0"
_SCAN: Final = 64 * 1024
_DTD_MARKS: Final = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def check_zip(path: str | os.PathLike[str], kind: str, required: str) -> None:
    """Refuse a file that is not a sound zip package of the expected kind, before any parser opens it.

    Checks, in order: the file exists and is not empty (L101, L102); it is not an OLE
    compound file, i.e. an encrypted Office document or an old binary ``.doc``/``.xls``
    (L110); it is a readable zip (L110); it has at most :data:`MAX_MEMBERS` members, no
    member and not all together larger than :data:`MAX_UNCOMPRESSED` when unpacked, and
    no member of 1 MiB or more (nor the whole) compressed more than :data:`MAX_RATIO`
    times (a zip bomb, L108); no member is encrypted (L110); no XML member declares a
    DTD, the vehicle of entity-expansion attacks (L110); and the package holds
    ``required``, the part every document of the kind has (L110).

    Args:
        path: The file.
        kind: ``"xlsx"`` or ``"docx"``, for messages.
        required: The part that makes the kind, e.g. ``"xl/workbook.xml"``.

    Raises:
        LoadError: With one issue saying what is wrong.

    Example:
        >>> check_zip("tests/data/joensuu-2025-07.docx", "docx", "word/document.xml")
        >>> try:
        ...     check_zip("examples/joensuu/2025-07.yaml", "xlsx", "xl/workbook.xml")
        ... except LoadError as error:
        ...     print(error.issues[0].format())
        examples/joensuu/2025-07.yaml: error L110 not a zip package: a .xlsx file is a zip archive; \
this file is damaged, truncated or of another kind
    """
    name = os.fspath(path)
    file = Path(name)
    try:
        with file.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise fail("L101", "no such file", name) from None
    except IsADirectoryError:
        raise fail("L101", "is a directory, not a file", name) from None
    except OSError as error:
        raise fail("L101", f"cannot read the file: {error.strerror or error}", name) from None
    if not head:
        raise fail("L102", "the file is empty", name)
    if head.startswith(_OLE):
        raise fail(
            "L110",
            "an encrypted Office document or an old binary .doc/.xls file (OLE compound file): "
            f"remove the password, or save it as .{kind}",
            name,
        )
    not_zip = (
        f"not a zip package: a .{kind} file is a zip archive; this file is damaged, "
        "truncated or of another kind"
    )
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            _check_members(members, name)
            _check_dtds(archive, members, name)
            if required not in {m.filename for m in members}:
                raise fail("L110", f"not a .{kind} file (no {required} inside)", name)
    except LoadError:
        raise
    except zipfile.BadZipFile:
        raise fail("L110", not_zip, name) from None
    except (zipfile.LargeZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as error:
        detail = str(error).strip()
        raise fail("L110", not_zip + (f" ({detail})" if detail else ""), name) from None
    except OSError as error:
        raise fail("L110", f"{not_zip} ({error.strerror or error})", name) from None


def _check_members(members: Sequence[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise fail("L108", f"the package has {len(members)} members; the limit is {MAX_MEMBERS}", name)
    total = compressed = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise fail("L110", f"member {info.filename!r} is encrypted", name)
        if info.file_size > MAX_UNCOMPRESSED:
            raise fail(
                "L108",
                f"member {info.filename!r} unpacks to {info.file_size} bytes; "
                f"the limit is {MAX_UNCOMPRESSED}",
                name,
            )
        if info.file_size >= _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise fail(
                "L108",
                f"member {info.filename!r} is compressed {ratio} times (a zip bomb?); "
                f"the limit is {MAX_RATIO}",
                name,
            )
        total += info.file_size
        compressed += info.compress_size
    if total > MAX_UNCOMPRESSED:
        raise fail("L108", f"the package unpacks to {total} bytes; the limit is {MAX_UNCOMPRESSED}", name)
    if total >= _RATIO_FROM and total > MAX_RATIO * max(compressed, 1):
        raise fail(
            "L108",
            f"the package is compressed {total // max(compressed, 1)} times (a zip bomb?); "
            f"the limit is {MAX_RATIO}",
            name,
        )


def _check_dtds(archive: zipfile.ZipFile, members: Sequence[zipfile.ZipInfo], name: str) -> None:
    for info in members:
        if info.is_dir() or not info.filename.lower().endswith((".xml", ".rels")):
            continue
        with archive.open(info) as handle:
            head = handle.read(_SCAN)
        if any(mark in head for mark in _DTD_MARKS):
            raise fail(
                "L110",
                f"member {info.filename!r} declares a DTD (<!DOCTYPE>), which Office files never do; "
                "refused (entity expansion)",
                name,
            )
