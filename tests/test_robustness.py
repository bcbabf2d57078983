"""Loader robustness: random bytes and mutated valid files only ever give the library's own errors."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

import strategiaseuranta as ss
from strategiaseuranta.formats import _files
from strategiaseuranta.formats import json as jsonfmt
from strategiaseuranta.formats import yaml as yamlfmt

EXAMPLE = Path(__file__).parents[1] / "examples" / "joensuu" / "2025-07.yaml"
YAML_TEXT = EXAMPLE.read_text(encoding="utf-8")
JSON_TEXT = jsonfmt.dumps_report(ss.load(EXAMPLE))


def load_bytes(data: bytes, fmt: str) -> ss.Report | None:
    """Load like ``ss.load`` does from a file, from bytes; return None on LoadError."""
    try:
        text = _files.decode(data, f"fuzz.{fmt}")
        module = yamlfmt if fmt == "yaml" else jsonfmt
        report = module.loads_report(text, None)
        ss.validate(report)
    except ss.LoadError as error:
        assert error.issues, "a LoadError always carries at least one issue"
        for issue in error.issues:
            assert "\n" not in issue.format()
        return None
    return report


@given(st.binary(max_size=400), st.sampled_from(["yaml", "json"]))
@example(b"\xff\xfe\x00a", "yaml")
@example(b"[" * 2000, "yaml")
@example(b"{" * 2000, "json")
@example(b"&a [*a]", "yaml")
@example(b"!!binary aGVsbG8=", "yaml")
@example(b"? [a]\n: b", "yaml")
@example(b"1: 2", "yaml")
@example(b"strategiaseuranta: 1\n<<: {kunta: K}", "yaml")
def test_random_bytes(data: bytes, fmt: str) -> None:
    load_bytes(data, fmt)


def mutate(text: str, data: st.DataObject) -> str:
    chars = list(text)
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, max(0, len(chars) - 1)))
        action = data.draw(st.sampled_from(["delete", "insert", "replace", "cut"]))
        noise = data.draw(st.sampled_from([*":-[]{}#&*!|>'\"\n ,?%@`\t", "ä", "\x85", "0"]))
        if action == "delete" and chars:
            del chars[position]
        elif action == "insert":
            chars.insert(position, noise)
        elif action == "replace" and chars:
            chars[position] = noise
        else:
            chars = chars[:position]
    return "".join(chars)


@given(st.data())
def test_mutated_yaml(data: st.DataObject) -> None:
    load_bytes(mutate(YAML_TEXT, data).encode("utf-8"), "yaml")


@given(st.data())
def test_mutated_json(data: st.DataObject) -> None:
    load_bytes(mutate(JSON_TEXT, data).encode("utf-8"), "json")


@given(st.data())
def test_mutated_files_are_located_without_crashing(data: st.DataObject) -> None:
    # Placing issues re-reads the file for line numbers; that path must be as robust.
    text = mutate(YAML_TEXT, data)
    locator = _files.Locator.__new__(_files.Locator)
    locator.file, locator._root, locator._tried = "x.yaml", None, False
    try:
        from ruamel.yaml import YAML

        locator._root = YAML(typ="safe", pure=True).compose(text)
        locator._tried = True
    except Exception:  # noqa: BLE001 - invalid YAML has no positions to find
        return
    pointer = data.draw(
        st.lists(st.one_of(st.integers(-1, 8), st.sampled_from(["sisältö", "tavoitteet", "kunta"])))
    )
    line, _ = locator.locate(tuple(pointer))
    assert line is None or line >= 1
