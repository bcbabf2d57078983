"""Reading bytes safely, writing atomically, and finding line numbers on demand."""

from __future__ import annotations

import contextlib
import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from strategiaseuranta.exceptions import LoadError, WriteError
from strategiaseuranta.issues import Issue, Location

if TYPE_CHECKING:
    from collections.abc import Callable

    from strategiaseuranta.issues import Pointer

MAX_BYTES = 512 * 1024 * 1024
"""Files above this size are refused (L108) before any parsing."""

_BOM = "\ufeff"


def fail(
    code: str, message: str, file: str | None, line: int | None = None, column: int | None = None
) -> LoadError:
    """A :class:`LoadError` holding one issue."""
    return LoadError([Issue(code, message, Location(file, line, column))])


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a file as UTF-8 text (a byte order mark is dropped).

    Raises:
        LoadError: Missing, unreadable, too large, empty, binary or not UTF-8.
    """
    name = os.fspath(path)
    return decode(read_bytes(name), name)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a whole file of at most :data:`MAX_BYTES`.

    Raises:
        LoadError: Missing, a directory, unreadable (L101) or too large (L108).
    """
    name = os.fspath(path)
    try:
        size = Path(name).stat().st_size
        if size > MAX_BYTES:
            raise fail("L108", f"file is {size} bytes; the limit is {MAX_BYTES}", name)
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise fail("L101", "no such file", name) from None
    except IsADirectoryError:
        raise fail("L101", "is a directory, not a file", name) from None
    except OSError as error:
        raise fail("L101", f"cannot read the file: {error.strerror or error}", name) from None


def decode(data: bytes, name: str | None) -> str:
    """Decode UTF-8 bytes, refusing binary data with the position of the first bad byte."""
    if not data.strip():
        raise fail("L102", "the file is empty", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(
            "L103", "UTF-16 text (as Excel and Notepad may save it): save the file as UTF-8", name, 1, 1
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise fail("L103", "binary data (a NUL byte), not a text file", name, line, col)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _position(data, error.start)
        hint = ""
        try:
            data[error.start : error.start + 1].decode("cp1252")
            hint = "; the file looks like Windows-1252/Latin-1: save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise fail(
            "L103",
            f"not UTF-8 text: byte 0x{data[error.start]:02x} cannot be decoded{hint}",
            name,
            line,
            col,
        ) from None
    return text.removeprefix(_BOM)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def atomic_write(path: str | os.PathLike[str], write: Callable[[Any], None], *, binary: bool = False) -> None:
    """Write a file atomically: into a temporary file beside it, then replace.

    ``write`` receives an open file object. If it raises, or the process dies,
    the target is left as it was and the temporary file is removed. A symbolic
    link is written through (the file it points to is replaced), and the file's
    permissions are kept.

    Raises:
        WriteError: The target is a directory, or the directory is missing or not writable.
    """
    target = Path(os.fspath(path))
    if target.is_symlink():
        target = target.resolve()
    if target.is_dir():
        raise WriteError(f"{path}: is a directory, not a file")
    directory = target.parent
    try:
        import tempfile  # noqa: PLC0415 - only writes need it

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise WriteError(f"{path}: cannot write: {error.strerror or error}") from None
    temp = Path(tmp)
    try:
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=None if binary else "") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            if target.exists():
                temp.chmod(target.stat().st_mode & 0o7777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                temp.chmod(0o666 & ~umask)
        try:
            temp.replace(target)
        except OSError as error:
            raise WriteError(f"{path}: cannot write: {error.strerror or error}") from None
        _fsync_directory(directory)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable (where the platform allows opening a directory)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Locator:
    """Finds the line and column of a pointer in a YAML or JSON file, on demand.

    Parsing for positions costs far more than a fast load, so it happens only
    when there is an issue to place, once per file.
    """

    def __init__(self, file: str, text: str | None = None) -> None:
        self.file = file
        self.text = text
        self._root: Any = None
        self._tried = False

    def _compose(self) -> Any:
        if not self._tried:
            self._tried = True
            try:
                from ruamel.yaml import YAML  # noqa: PLC0415

                text = self.text if self.text is not None else read_text(self.file)
                # The C parser is fast but must not see very deep nesting (it may crash).
                from strategiaseuranta.formats.yaml import _needs_depth_limit  # noqa: PLC0415

                careful = _needs_depth_limit(text)
                yaml = YAML(typ="safe", pure=careful)
                if careful:
                    yaml.max_depth = 100
                self._root = yaml.compose(text)
            except Exception:  # noqa: BLE001 - positions are a courtesy; never fail on them
                self._root = None
        return self._root

    def locate(self, pointer: Pointer, *, at_key: bool = False) -> tuple[int | None, int | None]:
        """1-based (line, column) of the value at ``pointer``, or of the nearest parent.

        With ``at_key``, a pointer ending in a mapping key gives the key's position.
        """
        node = self._compose()
        if node is None:
            return None, None
        best = best_key = node
        for step in pointer:
            child = None
            kind = getattr(node, "id", None)
            if kind == "mapping" and isinstance(step, str):
                for key, value in node.value:
                    name = getattr(key, "value", None)
                    if isinstance(name, str) and unicodedata.normalize("NFC", name) == step:
                        child = value
                        best_key = key
                        break
            elif kind == "sequence" and isinstance(step, int) and 0 <= step < len(node.value):
                child = node.value[step]
            if child is None:
                break
            node = best = child
            if at_key and isinstance(step, str):
                best = best_key
        mark = best.start_mark
        return mark.line + 1, mark.column + 1

    def place(self, issues: list[Issue]) -> list[Issue]:
        """Fill in line and column of every issue that has a pointer and none yet."""
        import attrs  # noqa: PLC0415

        out = []
        for issue in issues:
            loc = issue.location
            if loc.line is None and loc.file == self.file:
                line, col = self.locate(loc.pointer, at_key=issue.code == "L202")
                issue = attrs.evolve(issue, location=attrs.evolve(loc, line=line, column=col))  # noqa: PLW2901
            out.append(issue)
        return out
