"""The benchmark harness still runs; no assertion on any time or ratio (issue 6, item 5).

``benchmarks/run.py --quick --json`` (under a minute) and ``--smoke`` (every case once at
tiny sizes) must run and report every case. The peers come with the ``bench`` extra, which
``make test`` installs.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

import strategiaseuranta as ss

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "benchmarks" / "run.py"


@functools.cache
def _generate():  # benchmarks/ is not a package: load generate.py by path
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _run(*flags: str, timeout: float) -> list[dict]:
    done = subprocess.run(
        [sys.executable, str(RUN), *flags, "--json"],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _check(results: list[dict], *, schemas: tuple[str, ...], sizes: int) -> None:
    assert isinstance(results, list)
    for r in results:
        assert {"case", "ours_s", "peer", "peer_s", "ratio"} <= r.keys(), r
        assert isinstance(r["case"], str)
        assert r["peer"] is None or isinstance(r["peer"], str)
        for key in ("ours_s", "peer_s", "ratio"):
            assert r[key] is None or isinstance(r[key], int | float), r
        assert r["status"] in {"ok", "not available"}, r
        if r["status"] == "ok" and not r["case"].endswith("_exponent"):
            assert isinstance(r["ours_s"], int | float), r
        if r["peer"] is not None:
            assert isinstance(r["peer_s"], int | float), r
            assert isinstance(r["ratio"], int | float), r
    by_case: dict[str, list[dict]] = {}
    for r in results:
        by_case.setdefault(r["case"], []).append(r)

    # every case with a goal ran against its main peer, for every schema where it runs per schema
    suffixes = ["" if s == "joensuu" else f"@{s}" for s in schemas]
    main_peer = {
        "json_load": "msgspec Struct",
        "json_dump": "msgspec Struct",
        "yaml_load": "PyYAML CSafeLoader",
        "diff": "keyed dict equality",
        "memory": "msgspec Struct",
    }
    for case, peer in main_peer.items():
        for suffix in suffixes:
            rows = by_case[case + suffix]
            assert any(r["peer"] == peer and r["goal"] is not None for r in rows), rows
    assert any(r["peer"] == "DeepDiff (keyed)" for r in by_case["diff"])
    assert by_case["import"][0]["peer"] == "attrs, cattrs, ruamel.yaml"
    for suffix in suffixes:
        assert by_case["validate" + suffix][0]["peer"] is None
    for case in ("roundtrip_load", "roundtrip_dump", "cli_validate"):
        assert by_case[case][0]["status"] == "ok"
    for case in ("to_dataframe", "goal_columns", "to_arrow"):  # the national data set
        (row,) = by_case[case]
        assert row["status"] == "ok" and row["ours_s"] > 0 and row["n"] > 0, row
    for op in ("load_yaml", "load_json", "validate", "diff"):
        assert len(by_case[f"scale_{op}"]) == sizes
        assert isinstance(by_case[f"scale_{op}_exponent"][0]["exponent"], float)


def test_smoke_runs_every_case() -> None:
    _check(_run("--smoke", timeout=120), schemas=("joensuu", "seinajoki"), sizes=3)


def test_quick_runs_every_case() -> None:
    _check(_run("--quick", timeout=300), schemas=("joensuu",), sizes=3)


@pytest.mark.parametrize("schema", ["joensuu", "seinajoki"])
def test_generated_reports_are_valid_and_round_trip(schema: str, tmp_path: Path) -> None:
    generate = _generate()
    report = generate.make_report(60, 5, schema=schema)
    assert report == generate.make_report(60, 5, schema=schema)  # deterministic
    assert report != generate.make_report(60, 6, schema=schema)
    assert len(report.goals) == 60
    assert ss.validate(report) == []
    yaml_path, json_path = generate.write_report(report, tmp_path, "r")
    assert ss.load(yaml_path) == report
    assert ss.load(json_path) == report
    assert (
        yaml_path.read_bytes()
        == generate.write_report(generate.make_report(60, 5, schema=schema), tmp_path / "again", "r")[
            0
        ].read_bytes()
    )
    for goal in report.goals:
        assert 60 <= len(goal.title) <= 120
        assert 150 <= len(goal.realisation or "") <= 400
        assert 1 <= len(goal.metrics) <= 3
    depth = max(len(trail) for trail, _ in report.walk())
    assert depth == (4 if schema == "seinajoki" else 1)


@pytest.mark.parametrize("schema", ["joensuu", "seinajoki"])
def test_every_forecast_word_is_used(schema: str) -> None:
    report = _generate().make_report(400, 1, schema=schema)
    words = {g.forecast.word for g in report.goals if g.forecast}
    words |= {m.status.word for g in report.goals for m in g.metrics if m.status}
    assert {step.word for step in ss.get_schema(schema).scale} <= words


def test_round_pair_changes() -> None:
    generate = _generate()
    old, new, changes = generate.make_round_pair(400, 3, with_changes=True)
    assert (len(changes.forecasts), len(changes.texts), len(changes.added), len(changes.removed)) == (
        20,
        8,
        4,
        4,
    )
    assert len(old.goals) == len(new.goals) == 400
    diff = ss.diff(old, new)
    assert diff.summary()["realisation_changed"] >= 8
    titles = {g.title for g in new.goals}
    assert not set(changes.removed) & titles
    assert set(changes.added) <= titles
