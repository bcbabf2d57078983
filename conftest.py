"""Executes every example in README.md and docs/*.md as part of the test suite.

- ```python blocks (doctest ``>>>`` or plain code) run in one namespace per document;
- ```console blocks run each ``$ strategiaseuranta ...`` line and compare its output
  (stdout and stderr together) with the lines that follow, and the exit status when
  the block states it as ``[exit N]``.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path

import pytest
from sybil import Example, Sybil
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser

ROOT = Path(__file__).parent
_EXIT = re.compile(r"^\[exit (\d+)\]$")


def _run_console(example: Example) -> str | None:
    commands: list[tuple[str, list[str]]] = []
    for line in str(example.parsed).splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands:
            commands[-1][1].append(line)
    for command, block in commands:
        argv = shlex.split(command)
        if argv[0] != "strategiaseuranta":
            continue  # e.g. `make demo`: shown, not run here
        corpus = ROOT.parent / "shared" / "corpus"
        if any(a.startswith("../shared/corpus/") for a in argv) and not corpus.is_dir():
            pytest.skip("the corpus folder ../shared/corpus is absent (a user's clone); CI always has it")
        status = _EXIT.match(block[-1].strip()) if block else None
        expected_exit = int(status.group(1)) if status else 0
        expected_lines = block[:-1] if status else block
        env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
        (ROOT / "build" / "docs").mkdir(parents=True, exist_ok=True)  # where examples write (ignored by git)
        done = subprocess.run(  # noqa: S603 - runs our own CLI with arguments from our own docs
            [sys.executable, "-m", "strategiaseuranta", *argv[1:]],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=60,
        )
        got = [line.rstrip() for line in (done.stdout + done.stderr).rstrip("\n").splitlines()]
        want = [line.rstrip() for line in "\n".join(expected_lines).rstrip("\n").splitlines()]
        if not _matches(want, got):
            return f"$ {command}\nexpected:\n" + "\n".join(want) + "\ngot:\n" + "\n".join(got)
        if done.returncode != expected_exit:
            return f"$ {command}: exit status {done.returncode}, expected {expected_exit}"
    return None


def _matches(want: list[str], got: list[str]) -> bool:
    """Line by line; a line that is exactly '...' matches any number of lines."""
    if not want:
        return not got
    if want[0] == "...":
        return any(_matches(want[1:], got[i:]) for i in range(len(got) + 1))
    return bool(got) and _line_matches(want[0], got[0]) and _matches(want[1:], got[1:])


def _line_matches(want: str, got: str) -> bool:
    if "..." not in want:
        return want == got
    pattern = ".*".join(re.escape(part) for part in want.split("..."))
    return re.fullmatch(pattern, got) is not None


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
        CodeBlockParser(language="console", evaluator=_run_console),
    ],
    patterns=["*.md"],
    excludes=["CHANGELOG.md"],
    path=str(ROOT),
).pytest()
