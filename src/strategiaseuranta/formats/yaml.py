"""The YAML format: Finnish keys, for people who edit goal sets by hand.

Reading takes the fast path: ruamel.yaml's C parser with a constructor that
refuses aliases, tags and anything but plain data, and keeps every scalar as
the text that was written (``3,50`` stays ``"3,50"``; ``2025`` is read as a
year only where a year belongs). Line numbers are looked up only when there
is an issue to place.

Writing into an existing file takes the round-trip path: the file is read
with its comments, only what changed is replaced, and the rest of the file
stays byte for byte as it was.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarfloat import ScalarFloat
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from strategiaseuranta._lazy import paused_gc
from strategiaseuranta.exceptions import LoadError
from strategiaseuranta.formats._files import atomic_write, fail, read_text
from strategiaseuranta.formats._plain import YAML_DIALECT, Writer, build_report
from strategiaseuranta.model import Goal, Node, Report

__all__ = ["dump_report", "dumps_report", "load_report", "loads_report", "read_plain"]

MAX_DEPTH = 100
"""Deepest nesting of YAML collections accepted."""


class _RefusedError(Exception):
    def __init__(self, code: str, message: str, mark: Any) -> None:
        super().__init__(message)
        self.code, self.message, self.mark = code, message, mark


class YamlNumber(str):
    """A plain (unquoted) YAML scalar that YAML would read as a number, kept as its text.

    Text fields use it as text (``3,50`` and ``010`` stay as written); custom fields,
    which may hold numbers, turn it into one.
    """

    __slots__ = ()

    def number(self) -> int | float:
        """The number YAML 1.2 means by this text.

        Example:
            >>> [YamlNumber(t).number() for t in ("42", "010", "0x1F", "0.5", "1e3")]
            [42, 10, 31, 0.5, 1000.0]
        """
        bare = self.lstrip("+-").lower()
        if bare.startswith(("0x", "0o")):
            return int(self, 0)
        try:
            return int(self)
        except ValueError:
            return float(self)


class _PlainConstructor(SafeConstructor):
    """A safe constructor that builds plain data only.

    Every scalar stays the text that was written, except true/false and null (numbers
    are :class:`YamlNumber`, still text); aliases, merge keys, explicit non-standard tags,
    binary, sets and ordered maps are refused.
    """

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _RefusedError(
                "L106",
                "YAML anchors and aliases (&name, *name) are not accepted: "
                "the value anchored here is reused; write it out in full",
                node.start_mark,
            )
        return super().construct_object(node, deep)

    def flatten_mapping(self, node: Any) -> Any:
        for key, _ in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                raise _RefusedError(
                    "L106", "YAML merge keys (<<) are not accepted: write the keys out", key.start_mark
                )
        return super().flatten_mapping(node)

    def _as_text(self, node: Any) -> str:
        value: str = self.construct_scalar(node)
        return value

    def _as_number(self, node: Any) -> YamlNumber:
        return YamlNumber(self.construct_scalar(node))

    def _refuse(self, node: Any) -> Any:
        raise _RefusedError("L107", f"YAML tag {node.tag!r} is not accepted", node.start_mark)


for _tag in ("int", "float"):
    _PlainConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _PlainConstructor._as_number)
_PlainConstructor.add_constructor("tag:yaml.org,2002:timestamp", _PlainConstructor._as_text)
for _tag in ("binary", "set", "omap", "pairs"):
    _PlainConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _PlainConstructor._refuse)
_PlainConstructor.add_constructor(None, _PlainConstructor._refuse)

# Block nesting builds depth from indicators ("- - - a", "? ? a") or from indentation.
_DEEP_BLOCK = re.compile(rf"(?:[-?:][ \t]+){{{MAX_DEPTH // 2}}}|^[ \t]{{{2 * MAX_DEPTH}}}", re.MULTILINE)


def _needs_depth_limit(text: str) -> bool:
    """True when the text might nest deeper than MAX_DEPTH: the C parser must not see it.

    ruamel's C parser ignores ``max_depth`` and crashes the process on very deep
    nesting; the pure parser honours it. Ordinary files never come near either test.
    """
    return text.count("[") + text.count("{") > MAX_DEPTH or _DEEP_BLOCK.search(text) is not None


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def loads_plain(text: str, name: str | None = None) -> Any:
    """Parse YAML text into plain data (dicts, lists, str, bool, None).

    Raises:
        LoadError: Syntax errors, duplicate keys, aliases, tags, too deep.

    Example:
        >>> loads_plain("vuodet: 2025\\narvo: 3,50\\nsitova: true")
        {'vuodet': '2025', 'arvo': '3,50', 'sitova': True}
    """
    careful = _needs_depth_limit(text)
    yaml = YAML(typ="safe", pure=careful)
    yaml.Constructor = _PlainConstructor
    if careful:
        yaml.max_depth = MAX_DEPTH
    try:
        with paused_gc():
            data = yaml.load(text)
    except _RefusedError as error:
        raise fail(error.code, error.message, name, error.mark.line + 1, error.mark.column + 1) from None
    except DuplicateKeyError as error:
        mark = error.problem_mark
        raise fail(
            "L105",
            f"duplicate key: {_first_line(error.problem)}",
            name,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except ReaderError as error:
        line, col = _position(text, error.position)
        raise fail(
            "L103",
            f"character U+{error.character:04X} is not allowed in YAML ({error.reason})",
            name,
            line,
            col,
        ) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = " ".join(_first_line(p) for p in (error.context, error.problem) if p) or "invalid YAML"
        code = "L107" if "constructor for the tag" in what else "L104"
        if "maximum depth" in what:
            code, what = "L108", f"nesting deeper than {MAX_DEPTH} levels"
            raise fail(code, what, name, mark.line + 1 if mark else None) from None
        raise fail(
            code,
            f"YAML syntax error: {what}",
            name,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from None
    except (YAMLError, RecursionError, ValueError) as error:
        raise fail("L104", f"YAML syntax error: {_first_line(str(error))}", name) from None
    if data is None:
        raise fail("L102", "the file holds no data (only comments or blank lines)", name)
    return data


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text else ""


def read_plain(path: str | os.PathLike[str]) -> Any:
    """Read a YAML file into plain data (see :func:`loads_plain`)."""
    name = os.fspath(path)
    return loads_plain(read_text(name), name)


def loads_report(text: str, name: str | None = None) -> Report:
    """Build a report from YAML text.

    Raises:
        LoadError: With every problem found, each placed at its line and column.
    """
    return build_report(loads_plain(text, name), YAML_DIALECT, name, text)


def load_report(path: str | os.PathLike[str]) -> Report:
    """Load a report from a YAML file (the fast path; no comments kept)."""
    name = os.fspath(path)
    return loads_report(read_text(name), name)


# -- writing ------------------------------------------------------------------------------


def _exact_float(representer: Any, value: float) -> Any:
    """Floats as Python's shortest exact text (ruamel's own formatting can round the last digit)."""
    return representer.represent_scalar("tag:yaml.org,2002:float", repr(value))


class _Representer(RoundTripRepresenter):
    """Round-trip representer with exact floats (a subclass: ruamel's own stays untouched)."""


_Representer.add_representer(float, _exact_float)
_Representer.add_representer(ScalarFloat, _exact_float)  # floats kept from a file: ruamel may round them


def _round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.Representer = _Representer
    return yaml


_HEADER = "# strategiaseuranta: {body}, {period}\n"


def dumps_report(report: Report, *, template: str | None = None) -> str:
    """Render a report as YAML text.

    With ``template`` (the text of an existing YAML file of the same report),
    only what changed is replaced and everything else, comments included, is
    kept as it was.

    Example:
        >>> import strategiaseuranta as ss
        >>> text = dumps_report(ss.load("examples/joensuu/2025-07.yaml"))
        >>> text.splitlines()[1]
        'strategiaseuranta: 1'
    """
    yaml = _round_trip_yaml()
    plain = Writer(YAML_DIALECT, report).plain()
    if template is not None:
        merged = _merge_into(template, report, yaml)
        if merged is not None:
            return merged
    tree = _to_commented(plain)
    buf = io.StringIO()
    period = report.period.render("fi")
    body = "".join(c if c.isprintable() else " " for c in report.organisation.body)
    buf.write(_HEADER.format(body=body, period=period))
    yaml.dump(tree, buf)
    return buf.getvalue()


def dump_report(report: Report, path: str | os.PathLike[str], *, keep: bool = True) -> None:
    """Write a report to a YAML file atomically.

    When ``keep`` is true and ``path`` (or the file the report was loaded from)
    is a YAML file of the same report, its comments and layout are kept.
    """
    name = os.fspath(path)
    template = None
    bom, newline = "", "\n"
    if keep:
        for candidate in (name, report.source.file if report.source else None):
            if candidate and candidate.endswith((".yaml", ".yml")) and Path(candidate).is_file():
                try:
                    template = read_text(candidate)
                except LoadError:
                    continue
                head = Path(candidate).read_bytes()[:4096]
                bom = "\ufeff" if head.startswith(b"\xef\xbb\xbf") else ""
                newline = "\r\n" if b"\r\n" in head else "\n"
                break
    text = dumps_report(report, template=template)
    if newline != "\n":
        text = text.replace("\r\n", "\n").replace("\n", newline)
    atomic_write(name, lambda handle: handle.write(bom + text))


_NEEDS_ESCAPES = re.compile(
    "[\x85\u2028\u2029\r\ufeff]|[^\n\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _to_commented(value: Any) -> Any:
    if isinstance(value, str) and _NEEDS_ESCAPES.search(value):
        # Line-break look-alikes and control characters survive only as escapes.
        return DoubleQuotedScalarString(value)
    if isinstance(value, Mapping):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _to_commented(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(_to_commented(v) for v in value)
    return value


def _merge_into(template: str, report: Report, yaml: YAML) -> str | None:
    """Apply a report onto the round-trip tree of an existing file; None if unrelated.

    An unchanged report gives the template back as it is, byte for byte.
    """
    try:
        old = loads_report(template)
    except LoadError:
        return None
    if old == report:
        return template
    try:
        from ruamel.yaml.util import load_yaml_guess_indent  # noqa: PLC0415

        tree, indent, block_seq_indent = load_yaml_guess_indent(template, yaml=yaml)
    except (YAMLError, ValueError):
        return None
    if not isinstance(tree, CommentedMap) or old.organisation != report.organisation:
        return None
    if indent is not None:
        offset = block_seq_indent or 0
        yaml.indent(mapping=max(2, indent - offset), sequence=indent, offset=offset)
    new_writer, old_writer = Writer(YAML_DIALECT, report), Writer(YAML_DIALECT, old)
    _sync(tree, old_writer.report_fields(), new_writer.report_fields(), "report")
    key = YAML_DIALECT.key("report", "nodes")
    new_nodes = [_View.of(new_writer, n) for n in report.nodes]
    old_nodes = [_View.of(old_writer, n) for n in old.nodes]
    _sync_list(tree, key, old_nodes, new_nodes)
    buf = io.StringIO()
    yaml.dump(tree, buf)
    return buf.getvalue()


def _sync(
    tree: CommentedMap,
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    kind: str | None,
    skip: tuple[str, ...] = (),
) -> None:
    """Make ``tree`` hold ``new``: changed keys replaced in place, gone ones removed.

    Fields whose value did not change are left alone, present in the file or not (a
    default the file leaves out stays left out). A new key goes where the writer would
    put it, and blank lines that followed the mapping stay at its end.
    """
    trailing = _pop_trailing_blank_lines(tree)
    previous: str | None = None
    for field, value in new.items():
        key = YAML_DIALECT.key(kind, field) if kind else field
        if field in skip:
            previous = key if key in tree else previous
            continue
        if field in old and old[field] == value:
            previous = key if key in tree else previous
            continue
        if key not in tree:
            keys = list(tree)
            tree.insert(keys.index(previous) + 1 if previous in keys else 0, key, _to_commented(value))
        else:
            tree[key] = _to_commented(value)
        previous = key
    for field in old:
        key = YAML_DIALECT.key(kind, field) if kind else field
        if field not in new and key in tree:
            del tree[key]
    if trailing is not None:
        _attach_trailing(tree, trailing)


def _last(tree: CommentedMap | CommentedSeq) -> tuple[Any, Any]:
    """The last key (or index) of a non-empty collection, and its value."""
    last = len(tree) - 1 if isinstance(tree, CommentedSeq) else list(tree)[-1]
    return last, tree[last]


def _pop_trailing_blank_lines(tree: CommentedMap | CommentedSeq) -> Any:
    """Detach the blank lines after the last scalar at the end of ``tree``, however deep.

    ruamel keeps the blank lines between list items on the last key before them; when
    that key is removed or another is added after it, they must move.
    """
    if not len(tree):
        return None
    last, value = _last(tree)
    if isinstance(value, CommentedMap | CommentedSeq) and len(value):
        return _pop_trailing_blank_lines(value)
    entry = tree.ca.items.get(last)
    position = 0 if isinstance(tree, CommentedSeq) else 2
    if not entry or len(entry) <= position or entry[position] is None:
        return None
    if any(e is not None for i, e in enumerate(entry) if i != position):
        return None
    token = entry[position]
    if token.value.strip():
        return None  # a real comment belongs to its key
    del tree.ca.items[last]
    return token


def _attach_trailing(tree: CommentedMap | CommentedSeq, token: Any) -> None:
    """Hang blank lines after the last scalar at the end of ``tree``, however deep."""
    if not len(tree):
        return
    last, value = _last(tree)
    if isinstance(value, CommentedMap | CommentedSeq) and len(value):
        _attach_trailing(value, token)
    elif tree.ca.items.get(last) is None:
        tree.ca.items[last] = [token, None] if isinstance(tree, CommentedSeq) else [None, None, token, None]


class _View:
    """A node, goal or metric with the plain fields its writer gives it (in document order)."""

    def __init__(self, id_: str, fields: dict[str, Any], kind: str | None) -> None:
        self.id, self.fields, self.kind = id_, fields, kind
        self.goals: list[_View] = []
        self.children: list[_View] = []
        self.metrics: list[_View] = []

    @classmethod
    def of(cls, writer: Writer, item: Node | Goal) -> _View:
        if isinstance(item, Node):
            view = cls(item.id, writer.node_fields(item), None)
            view.goals = [cls.of(writer, g) for g in item.goals]
            view.children = [cls.of(writer, c) for c in item.children]
            return view
        view = cls(item.id, writer.goal_fields(item), "goal")
        plains = view.fields.get("metrics", [])
        view.metrics = [cls(m.id, plain, "metric") for m, plain in zip(item.metrics, plains, strict=True)]
        return view

    def plain(self) -> Any:
        if self.kind == "goal":
            return {YAML_DIALECT.key("goal", k): v for k, v in self.fields.items()}
        out = dict(self.fields)
        if self.goals:
            out[YAML_DIALECT.key("node", "goals")] = [g.plain() for g in self.goals]
        if self.children:
            out[YAML_DIALECT.key("node", "children")] = [c.plain() for c in self.children]
        return out


def _sync_list(tree: CommentedMap, key: str, old: list[_View], new: list[_View]) -> None:
    """Make the list under ``key`` hold ``new``: items matched by id keep their place and comments."""
    if not new:
        if key in tree and old:
            del tree[key]
        return
    seq = tree.get(key)
    if not isinstance(seq, CommentedSeq) or len(seq) != len(old):
        tree[key] = _to_commented([n.plain() for n in new])
        return
    by_id: dict[str, list[int]] = {}
    for i, o in enumerate(old):
        by_id.setdefault(o.id, []).append(i)
    items: list[Any] = []
    for view in new:
        candidates = by_id.get(view.id)
        item = seq[candidates[0]] if candidates else None
        if not candidates or not isinstance(item, CommentedMap):
            items.append(_to_commented(view.plain()))
            continue
        before = old[candidates.pop(0)]  # repeated ids pair up in document order
        _sync_item(item, before, view)
        items.append(item)
    if [id(i) for i in items] != [id(i) for i in seq]:
        seq[:] = items


def _sync_item(item: CommentedMap, old: _View, new: _View) -> None:
    if new.kind == "goal":
        _sync(item, old.fields, new.fields, "goal", skip=("metrics",))
        if old.fields.get("metrics") != new.fields.get("metrics"):
            _sync_list(item, YAML_DIALECT.key("goal", "metrics"), old.metrics, new.metrics)
    elif new.kind == "metric":
        _sync(item, old.fields, new.fields, None)  # metric fields are file keys already
    else:
        _sync(item, old.fields, new.fields, None)
        _sync_list(item, YAML_DIALECT.key("node", "goals"), old.goals, new.goals)
        _sync_list(item, YAML_DIALECT.key("node", "children"), old.children, new.children)
