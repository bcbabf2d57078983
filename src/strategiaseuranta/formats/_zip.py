"""Checks on zip containers (xlsx, docx) before an XML library opens them."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Final

from strategiaseuranta.formats._files import fail

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_UNCOMPRESSED", "check_zip"]

MAX_MEMBERS: Final = 2000
"""The most files a document's zip container may hold."""
MAX_UNCOMPRESSED: Final = 300 * 1024 * 1024
"""The most bytes a document may unpack to, all members together."""
MAX_RATIO: Final = 1000
"""The highest compression ratio of a member larger than 1 MB (a zip bomb has ratios in the thousands)."""
_OLE: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_zip(path: str, kind: str, required: str) -> None:
    """Refuse a file that is not a sound, reasonably sized zip of the expected kind.

    Args:
        path: The file.
        kind: ``"xlsx"`` or ``"docx"``, for messages.
        required: A member every document of the kind has, e.g. ``"xl/workbook.xml"``.

    Raises:
        LoadError: Missing (L101), damaged, encrypted or of another kind (L110), or too
            large when unpacked (L108).

    Example:
        >>> check_zip("README.md", "xlsx", "xl/workbook.xml")
        Traceback (most recent call last):
        ...
        strategiaseuranta.exceptions.LoadError: README.md: error L110 not an .xlsx file (not a zip container)
    """
    file = Path(path)
    try:
        if file.is_dir():
            raise fail("L101", "is a directory, not a file", path)
        with file.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise fail("L101", "no such file", path) from None
    except OSError as error:
        raise fail("L101", f"cannot read the file: {error.strerror or error}", path) from None
    if not head:
        raise fail("L102", "the file is empty", path)
    if head == _OLE:
        raise fail(
            "L110",
            f"an encrypted (password-protected) or old binary Office file, not .{kind}: "
            f"save an unprotected .{kind} copy",
            path,
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise fail(
                    "L108", f"the .{kind} holds {len(members)} files; the limit is {MAX_MEMBERS}", path
                )
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                    raise fail(
                        "L108",
                        f"{member.filename!r} unpacks {ratio:.0f} times larger than stored (a zip bomb?); "
                        f"the limit is {MAX_RATIO}",
                        path,
                    )
            if total > MAX_UNCOMPRESSED:
                raise fail(
                    "L108",
                    f"the .{kind} unpacks to {total} bytes; the limit is {MAX_UNCOMPRESSED}",
                    path,
                )
            if required not in {m.filename for m in members}:
                raise fail("L110", f"not an .{kind} file (no {required} inside)", path)
            damaged = archive.testzip() if total < 50 * 1024 * 1024 else None
            if damaged is not None:
                raise fail("L110", f"the .{kind} is damaged ({damaged!r} fails its checksum)", path)
    except zipfile.BadZipFile:
        raise fail("L110", f"not an .{kind} file (not a zip container)", path) from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        raise fail(
            "L110", f"the .{kind} is damaged or uses an unsupported zip feature ({error})", path
        ) from None
