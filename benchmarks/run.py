"""Benchmarks of strategiaseuranta against the fastest peers (issue 6).

Run with ``make bench`` or ``python benchmarks/run.py [--quick | --smoke] [--json]``.
Numbers, not assertions: the exit status is 0 whatever the ratios are, and non-zero
only when the harness itself fails. See benchmarks/README.md for what each case measures.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import importlib.util
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

import strategiaseuranta as ss
from strategiaseuranta.formats import json as ss_json
from strategiaseuranta.formats import yaml as ss_yaml
from strategiaseuranta.formats._plain import JSON_FORMAT_VERSION

try:
    import deepdiff  # noqa: F401 - used by peers; checked here to name the extra
    import msgspec
    import orjson
    import yaml
except ImportError as missing:  # pragma: no cover - depends on the environment
    print(
        f"benchmarks/run.py: a peer is not installed ({missing.name}); "
        "install them with: pip install -e '.[bench]'",
        file=sys.stderr,
    )
    sys.exit(2)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLE = ROOT / "examples" / "joensuu" / "2025-07.yaml"

sys.path.insert(0, str(HERE))
import generate  # noqa: E402
import peers  # noqa: E402

GOALS: dict[str, float] = {
    "json_load": 2.0,
    "json_dump": 2.0,
    "yaml_load": 2.0,
    "diff": 3.0,
    "import": 1.3,
    "memory": 1.3,
}
"""The most ``ours / peer`` may be, per case, against its main peer (issue 6)."""

CASES = (
    "json_load",
    "json_dump",
    "yaml_load",
    "diff",
    "import",
    "memory",
    "roundtrip",
    "validate",
    "to_dataframe",
    "cli_validate",
    "scaling",
)
PER_SCHEMA = ("json_load", "json_dump", "yaml_load", "diff", "memory", "validate")
"""Cases run once per schema of ``--schemas``; the rest run once."""

SCALE_OPS = ("load_yaml", "load_json", "validate", "diff")

OPTIONAL_MODULES = (
    "openpyxl",
    "docx",
    "pdfplumber",
    "defusedxml",
    "hypothesis",
    "jsonschema",
    "msgspec",
    "yaml",
    "orjson",
    "deepdiff",
    "pandas",
    "polars",
    "pyarrow",
    "duckdb",
)
"""Modules that ``import strategiaseuranta`` must not import (optional extras and peers)."""


# -- results ---------------------------------------------------------------------------------


@dataclass
class Result:
    """One line of the table; ``--json`` prints a list of these."""

    case: str
    ours_s: float | None
    peer: str | None = None
    peer_s: float | None = None
    ratio: float | None = None
    goal: float | None = None
    n: int | None = None
    runs: int | None = None
    unit: str = "s"
    status: str = "ok"
    exponent: float | None = None
    note: str = ""
    ours_runs: list[float] | None = None
    peer_runs: list[float] | None = None

    @property
    def met(self) -> bool | None:
        if self.goal is None or self.ratio is None:
            return None
        return self.ratio <= self.goal


def _compare(
    case: str,
    times: dict[str, list[float]],
    ours: str,
    *,
    n: int | None,
    unit: str = "s",
    notes: dict[str, str] | None = None,
) -> list[Result]:
    """Results of one ours-against-peers measurement; the first peer carries the goal."""
    ours_s = statistics.median(times[ours])
    out = []
    for i, (peer, peer_times) in enumerate((k, v) for k, v in times.items() if k != ours):
        peer_s = statistics.median(peer_times)
        out.append(
            Result(
                case,
                ours_s,
                peer,
                peer_s,
                ours_s / peer_s if peer_s else None,
                goal=GOALS.get(case.split("@", maxsplit=1)[0]) if i == 0 else None,
                n=n,
                runs=min(len(times[ours]), len(peer_times)),
                unit=unit,
                note=(notes or {}).get(peer, ""),
                ours_runs=times[ours],
                peer_runs=peer_times,
            )
        )
    return out


# -- timing ----------------------------------------------------------------------------------


def alternate(fns: dict[str, Callable[[], object]], runs: int, *, warmup: int = 1) -> dict[str, list[float]]:
    """Time each function ``runs`` times, alternating them in one process.

    Each round runs every function once, the order rotating from round to round so that
    none always runs first. ``gc.collect()`` precedes each timing; a result is dropped
    after its timing stops, so freeing it is timed for nobody. See :func:`_quiet_heap`
    for what the harness itself holds.
    """
    names = list(fns)
    for _ in range(warmup):
        for name in names:
            fns[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    with _quiet_heap():
        for r in range(runs):
            k = r % len(names)
            for name in names[k:] + names[:k]:
                gc.collect()
                start = time.perf_counter()
                result = fns[name]()
                elapsed = time.perf_counter() - start
                del result
                times[name].append(elapsed)
    return times


GC_MODES = ("default", "no-full", "frozen")
GC_MODE = "default"
"""``--gc``: how the collector runs during the timings (see :func:`_quiet_heap`)."""


@contextlib.contextmanager
def _quiet_heap() -> Iterator[None]:
    """A collection before the timings, then the collector as ``--gc`` says.

    - ``default``: as in any program, young and full collections alike. Building many
      objects costs collection time in real use, and each side pays for what its own
      objects cause. A full collection walks everything alive, so the cases that load
      files (where full collections happen) hold nothing big while they time: the
      generated reports are dropped (:meth:`Data.forget`) and both sides read the file.
    - ``no-full``: the oldest generation's threshold out of reach, so only young
      collections run: what building costs without full collections.
    - ``frozen``: what the harness holds is ``gc.freeze()``-d, as a server does before
      ``fork``. The library then skips promoting the reports it loads to the oldest
      generation (it must not undo a program's freeze; ``_lazy.paused_gc``), so the next
      young collection walks them.
    """
    gc.collect()
    threshold = gc.get_threshold()
    if GC_MODE == "no-full":
        gc.set_threshold(threshold[0], threshold[1], 1_000_000_000)
    elif GC_MODE == "frozen":
        gc.freeze()
    try:
        yield
    finally:
        if GC_MODE == "frozen":
            gc.unfreeze()
        gc.set_threshold(*threshold)


def retained_bytes(make: Callable[[], object]) -> int:
    """Memory still allocated after ``make()`` returns, with its result kept (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = make()
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del kept
    return after - before


def fit_exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """Least-squares slope of log(time) against log(n): 1 is linear, 2 quadratic."""
    points = [(math.log(n), math.log(t)) for n, t in zip(sizes, seconds, strict=True) if t > 0]
    if len(points) < 2:
        return None
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    var = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / var if var else None


# -- configuration and data ------------------------------------------------------------------


@dataclass
class Config:
    """Sizes and repetitions of one run."""

    mode: str
    n: int
    roundtrip_n: int
    sizes: tuple[int, ...]
    runs: int
    warmup: int
    schemas: tuple[str, ...]
    seed: int
    scale_budget: float
    scale_cap: float
    cases: tuple[str, ...]
    data: Path
    json_out: bool


_MODES: dict[str, dict[str, Any]] = {
    "full": {
        "n": 10_000,
        "roundtrip_n": 300,
        "sizes": (1_000, 10_000, 100_000),
        "runs": 5,
        "warmup": 1,
        "scale_budget": 60.0,
        "scale_cap": 900.0,
        "schemas": ("joensuu", "seinajoki"),
    },
    "quick": {
        "n": 2_000,
        "roundtrip_n": 300,
        "sizes": (500, 2_000, 6_000),
        "runs": 5,
        "warmup": 1,
        "scale_budget": 2.0,
        "scale_cap": 10.0,
        "schemas": ("joensuu",),
    },
    "smoke": {
        "n": 200,
        "roundtrip_n": 30,
        "sizes": (100, 200, 400),
        "runs": 1,
        "warmup": 0,
        "scale_budget": 0.0,
        "scale_cap": 10.0,
        "schemas": ("joensuu", "seinajoki"),
    },
}


class Log:
    """Progress on stderr, with the time since the start."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.start:7.1f} s] {message}", file=sys.stderr, flush=True)


class Data:
    """Generated reports and their files, made once per run (files optionally cached on disk)."""

    def __init__(self, cfg: Config, log: Log) -> None:
        self.cfg, self.log = cfg, log
        # the generator's code and the JSON format version: files are remade when either changes
        made_by = (HERE / "generate.py").read_bytes() + f"json {JSON_FORMAT_VERSION}".encode()
        self.fingerprint = hashlib.sha256(made_by).hexdigest()[:10]
        self._reports: dict[tuple[str, int], ss.Report] = {}
        self._pairs: dict[tuple[str, int], tuple[ss.Report, ss.Report]] = {}

    def report(self, schema: str, n: int) -> ss.Report:
        key = (schema, n)
        if key not in self._reports:
            self.log(f"generating a {n:,}-goal {schema} report")
            self._reports[key] = generate.make_report(n, self.cfg.seed, schema=schema)
        return self._reports[key]

    def files(self, schema: str, n: int) -> tuple[Path, Path]:
        """``(yaml, json)`` files of the report, written by the library's own writers."""
        stem = f"{schema}-{n}-seed{self.cfg.seed}-{self.fingerprint}"
        yaml_path, json_path = self.cfg.data / f"{stem}.yaml", self.cfg.data / f"{stem}.json"
        if not (yaml_path.is_file() and json_path.is_file()):
            report = self.report(schema, n)
            self.log(f"writing {stem}.yaml and .json")
            generate.write_report(report, self.cfg.data, stem)
        return yaml_path, json_path

    def pair(self, schema: str, n: int) -> tuple[ss.Report, ss.Report]:
        key = (schema, n)
        if key not in self._pairs:
            self.log(f"generating two {n:,}-goal {schema} rounds")
            old, new = generate.make_round_pair(n, self.cfg.seed, schema=schema)
            self._pairs[key] = (old, new)
        return self._pairs[key]

    def forget(self) -> None:
        self._reports.clear()
        self._pairs.clear()
        gc.collect()


def _label(case: str, schema: str) -> str:
    return case if schema == "joensuu" else f"{case}@{schema}"


# -- cases -----------------------------------------------------------------------------------


def case_json_load(cfg: Config, data: Data, schema: str) -> list[Result]:
    """Our JSON load into the model vs msgspec decoding the same file into Structs."""
    _, json_path = data.files(schema, cfg.n)
    decoder = peers.decoder()
    report = ss.load(json_path)
    structs = decoder.decode(json_path.read_bytes())
    assert len(report.goals) == cfg.n
    assert msgspec.json.decode(msgspec.json.encode(structs)) == json.loads(json_path.read_bytes())
    del report, structs
    data.forget()  # hold nothing big while loads are timed: a full collection would walk it
    times = alternate(
        {
            "ours": lambda: ss.load(json_path),
            "msgspec Struct": lambda: decoder.decode(json_path.read_bytes()),
            "orjson.loads (plain dicts)": lambda: orjson.loads(json_path.read_bytes()),
        },
        cfg.runs,
        warmup=cfg.warmup,
    )
    notes = {
        "msgspec Struct": "ss.load(file) vs Decoder(ReportStruct).decode(file bytes)",
        "orjson.loads (plain dicts)": "parse only, no model: the floor for any JSON reader",
    }
    return _compare(_label("json_load", schema), times, "ours", n=cfg.n, notes=notes)


def case_json_dump(cfg: Config, data: Data, schema: str) -> list[Result]:
    """Our JSON dump to bytes in memory vs msgspec encoding the same report."""
    _, json_path = data.files(schema, cfg.n)
    report = ss.load(json_path)
    structs = peers.decoder().decode(json_path.read_bytes())
    plain = ss_json.to_plain(report)
    assert msgspec.json.decode(msgspec.json.encode(structs)) == json.loads(ss_json.dumps_report(report))
    times = alternate(
        {
            "ours": lambda: ss_json.encode_report(report),
            "msgspec Struct": lambda: msgspec.json.encode(structs),
            "orjson.dumps (plain dicts)": lambda: orjson.dumps(plain),
        },
        cfg.runs,
        warmup=cfg.warmup,
    )
    notes = {
        "msgspec Struct": "encode_report(report) (compact, as ss.dump writes) vs encode(structs)",
        "orjson.dumps (plain dicts)": "plain dicts made beforehand (to_plain not timed)",
    }
    return _compare(_label("json_dump", schema), times, "ours", n=cfg.n, notes=notes)


def case_yaml_load(cfg: Config, data: Data, schema: str) -> list[Result]:
    """Our bulk YAML load into the model vs PyYAML's CSafeLoader parsing the same file alone."""
    yaml_path, _ = data.files(schema, cfg.n)
    assert len(ss.load(yaml_path).goals) == cfg.n
    data.forget()  # hold nothing big while loads are timed: a full collection would walk it

    def ruamel_safe() -> object:
        return YAML(typ="safe", pure=False).load(yaml_path.read_text(encoding="utf-8"))

    times = alternate(
        {
            "ours": lambda: ss.load(yaml_path),
            "PyYAML CSafeLoader": lambda: yaml.load(yaml_path.read_text(encoding="utf-8"), yaml.CSafeLoader),
            "ruamel.yaml safe (C), parse only": ruamel_safe,
        },
        cfg.runs,
        warmup=cfg.warmup,
    )
    notes = {
        "PyYAML CSafeLoader": "ss.load(file) vs yaml.load(file text, CSafeLoader): plain data, no model",
        "ruamel.yaml safe (C), parse only": "ruamel's C safe loader, stock constructor: plain data",
    }
    return _compare(_label("yaml_load", schema), times, "ours", n=cfg.n, notes=notes)


def case_diff(cfg: Config, data: Data, schema: str) -> list[Result]:
    """Our diff of two rounds vs keyed dict equality (and DeepDiff) on the same rounds."""
    old, new = data.pair(schema, cfg.n)
    plain_old, plain_new = ss_json.to_plain(old), ss_json.to_plain(new)
    summary = ss.diff(old, new).summary()
    changed, added, removed = peers.keyed_equality(plain_old, plain_new)
    times = alternate(
        {
            "ours": lambda: ss.diff(old, new),
            "keyed dict equality": lambda: peers.keyed_equality(plain_old, plain_new),
            "DeepDiff (keyed)": lambda: peers.deepdiff_keyed(plain_old, plain_new),
        },
        cfg.runs,
        warmup=cfg.warmup,
    )
    ours_note = (
        f"ours: {summary['matched']} matched, {summary['added']} added, {summary['removed']} removed, "
        f"{summary['uncertain_matches']} uncertain; keyed: {len(changed)} changed, {len(added)} added, "
        f"{len(removed)} removed"
    )
    notes = {
        "keyed dict equality": ours_note
        + "; plain dicts made beforehand; our word-level diffs of changed texts are made on first use"
        " (TextChange.words), so not in this time",
        "DeepDiff (keyed)": "DeepDiff(goals by id, goals by id), the same plain dicts",
    }
    return _compare(_label("diff", schema), times, "ours", n=cfg.n, notes=notes)


_IMPORT_SNIPPET = (
    "import time\n"
    "t = time.perf_counter()\n"
    "import {modules}\n"
    "t = time.perf_counter() - t\n"
    "import sys\n"
    "print(t)\n"
    "print(' '.join(m for m in {optional!r} if m in sys.modules))\n"
)


def _import_time(modules: str) -> tuple[float, float, str]:
    """(import time measured inside the process, whole process wall time, optional modules seen)."""
    code = _IMPORT_SNIPPET.format(modules=modules, optional=OPTIONAL_MODULES)
    start = time.perf_counter()
    # Bytecode as an installed package has it: without PYTHONDONTWRITEBYTECODE (set on some
    # machines), the warm-up run writes our .pyc files as pip did for the peers' at install time.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env=env
    )
    wall = time.perf_counter() - start
    lines = done.stdout.splitlines()
    return float(lines[0]), wall, lines[1] if len(lines) > 1 else ""


def case_import(cfg: Config, _data: Data) -> list[Result]:
    """``import strategiaseuranta`` vs ``import attrs, cattrs, ruamel.yaml``, each in a fresh process.

    The time is taken inside the child around the import statement alone, so the
    interpreter's start-up (the same for both) is left out; the whole process's wall
    time is in the note.
    """
    runs = max(cfg.runs * 3, 1) if cfg.mode != "smoke" else 1
    commands = {"ours": "strategiaseuranta", "attrs, cattrs, ruamel.yaml": "attrs, cattrs, ruamel.yaml"}
    for modules in commands.values():  # warm the bytecode caches
        _import_time(modules)
    inner: dict[str, list[float]] = {k: [] for k in commands}
    wall: dict[str, list[float]] = {k: [] for k in commands}
    seen = ""
    names = list(commands)
    for r in range(runs):
        for name in names[r % 2 :] + names[: r % 2]:
            t, w, optional = _import_time(commands[name])
            inner[name].append(t)
            wall[name].append(w)
            if name == "ours":
                seen = optional
    note = (
        f"import statement timed in the child; process wall {statistics.median(wall['ours']) * 1000:.0f} ms "
        f"vs {statistics.median(wall['attrs, cattrs, ruamel.yaml']) * 1000:.0f} ms; "
        f"optional modules imported: {seen or 'none'}"
    )
    return _compare("import", inner, "ours", n=None, notes={"attrs, cattrs, ruamel.yaml": note})


def case_memory(cfg: Config, data: Data, schema: str) -> list[Result]:
    """Retained memory of the loaded report vs the same data decoded into msgspec Structs."""
    _, json_path = data.files(schema, cfg.n)
    decoder = peers.decoder()
    ss.load(json_path)  # warm caches outside the measurement
    decoder.decode(json_path.read_bytes())
    fns: dict[str, Callable[[], object]] = {
        "ours": lambda: ss.load(json_path),
        "msgspec Struct": lambda: decoder.decode(json_path.read_bytes()),
    }
    sizes: dict[str, list[float]] = {k: [] for k in fns}
    names = list(fns)
    for r in range(max(cfg.runs, 1)):
        for name in names[r % 2 :] + names[: r % 2]:
            sizes[name].append(float(retained_bytes(fns[name])))
    note = "tracemalloc: traced bytes after minus before loading, result kept, file text freed"
    return _compare(
        _label("memory", schema), sizes, "ours", n=cfg.n, unit="bytes", notes={"msgspec Struct": note}
    )


def _commented_copy(cfg: Config, data: Data, folder: Path) -> tuple[Path, ss.Report]:
    report = data.report("joensuu", cfg.roundtrip_n)
    path = folder / f"city-{cfg.roundtrip_n}.yaml"
    generate.write_city_file(report, path, cfg.seed)
    return path, report


def case_roundtrip(cfg: Config, data: Data) -> list[Result]:
    """The edit cycle on a commented city file: load it, change a forecast, dump it back in place.

    ``roundtrip_load`` is ``ss.load`` of the file; ``roundtrip_dump`` is ``ss.dump`` of the
    edited report over it, which re-reads the file in ruamel's round-trip mode, merges the
    change in (comments kept) and writes atomically.
    """
    folder = cfg.data / "roundtrip"
    folder.mkdir(parents=True, exist_ok=True)
    pristine, report = _commented_copy(cfg, data, folder)
    work = folder / "work.yaml"
    goal = report.goals[len(report.goals) // 2]
    new_word = "Ei toteudu" if goal.forecast is None or goal.forecast.word != "Ei toteudu" else "Toteutuu"
    loads: list[float] = []
    dumps: list[float] = []
    changed_lines = None
    for i in range(cfg.warmup + cfg.runs):
        shutil.copyfile(pristine, work)
        gc.collect()
        start = time.perf_counter()
        loaded = ss.load(work)
        mid = time.perf_counter()
        edited = loaded.set_status(goal.id, forecast=new_word)
        gc.collect()
        mid2 = time.perf_counter()
        ss.dump(edited, work)
        end = time.perf_counter()
        if i >= cfg.warmup:
            loads.append(mid - start)
            dumps.append(end - mid2)
        if changed_lines is None:
            before = pristine.read_text(encoding="utf-8").splitlines()
            after = work.read_text(encoding="utf-8").splitlines()
            changed_lines = sum(a != b for a, b in zip(before, after, strict=False)) + abs(
                len(before) - len(after)
            )
    note = f"{changed_lines} line(s) of the file changed by the dump (1 expected: comments kept)"
    return [
        Result(
            "roundtrip_load",
            statistics.median(loads),
            n=cfg.roundtrip_n,
            runs=len(loads),
            note="ss.load",
            ours_runs=loads,
        ),
        Result(
            "roundtrip_dump",
            statistics.median(dumps),
            n=cfg.roundtrip_n,
            runs=len(dumps),
            note=note,
            ours_runs=dumps,
        ),
    ]


def case_validate(cfg: Config, data: Data, schema: str) -> list[Result]:
    """``ss.validate`` of the loaded report (which is clean: no issue to place)."""
    yaml_path, _ = data.files(schema, cfg.n)
    report = ss.load(yaml_path)
    issues = ss.validate(report)
    times = alternate({"ours": lambda: ss.validate(report)}, cfg.runs, warmup=cfg.warmup)
    return [
        Result(
            _label("validate", schema),
            statistics.median(times["ours"]),
            n=cfg.n,
            runs=len(times["ours"]),
            note=f"{len(issues)} issue(s)",
            ours_runs=times["ours"],
        )
    ]


_NATIONAL = {"full": (300, 300), "quick": (20, 300), "smoke": (4, 50)}
"""(municipalities, goals) of the national data set per mode; four rounds each."""


def case_to_dataframe(cfg: Config, _data: Data) -> list[Result]:
    """The national data set (300 municipalities × 300 goals × 4 rounds) as columns and tables."""
    municipalities, goals = _NATIONAL.get(cfg.mode, _NATIONAL["full"])
    reports = generate.make_national(municipalities, goals, seed=cfg.seed)
    rows = sum(len(r.goals) for r in reports)
    runs = min(cfg.runs, 3)
    cases: dict[str, Callable[[], object]] = {"goal_columns": lambda: ss.goal_columns(reports)}
    if importlib.util.find_spec("pyarrow") is not None:
        cases["to_arrow"] = lambda: ss.to_arrow(reports)
    if importlib.util.find_spec("pandas") is not None:
        cases["to_dataframe"] = lambda: ss.to_dataframe(reports)
    out = []
    for name, fn in cases.items():
        times = _time_adaptive(fn, runs, cfg.scale_budget or 30.0)
        note = f"{municipalities} municipalities × {goals} goals × 4 rounds, one row per goal-round"
        median = statistics.median(times)
        out.append(Result(name, median, n=rows, runs=len(times), note=note, ours_runs=times))
    if "to_dataframe" not in cases:
        missing = "needs pandas (the pandas extra)"
        out.append(Result("to_dataframe", None, n=rows, status="not available", note=missing))
    return out


def case_cli_validate(cfg: Config, _data: Data) -> list[Result]:
    """Wall time of ``strategiaseuranta validate examples/joensuu/2025-07.yaml``."""
    script = Path(sys.executable).with_name("strategiaseuranta")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "strategiaseuranta"]
    command += ["validate", str(EXAMPLE.relative_to(ROOT))]
    baseline = [sys.executable, "-c", "pass"]

    def run(argv: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(argv, capture_output=True, check=True, cwd=ROOT)

    runs = max(cfg.runs * 2, 1) if cfg.mode != "smoke" else 1
    times = alternate({"ours": run(command), "python -c pass": run(baseline)}, runs, warmup=1)
    shown = " ".join([Path(command[0]).name, *command[1:]])
    note = f"{shown}; peer: the interpreter's start-up alone"
    return _compare("cli_validate", times, "ours", n=7, notes={"python -c pass": note})


# -- scaling ---------------------------------------------------------------------------------


def _time_adaptive(fn: Callable[[], object], runs: int, budget: float) -> list[float]:
    """Up to ``runs`` timings, fewer when they would take longer than ``budget`` seconds (at least 1)."""
    times: list[float] = []
    with _quiet_heap():
        while True:
            gc.collect()
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
            del result
            if len(times) >= runs or sum(times) + statistics.fmean(times) > budget:
                return times


def _load_text(loads: Callable[[str, str], ss.Report], path: Path) -> ss.Report:
    # formats.*.loads_report on the text: the disk is not part of the scaling
    return loads(path.read_text(encoding="utf-8"), str(path))


def case_scaling(cfg: Config, data: Data, log: Log) -> list[Result]:
    """Load (YAML, JSON), validate and diff at each size; the fitted exponent of each."""
    schema = cfg.schemas[0]
    seconds: dict[str, list[tuple[int, float, list[float]]]] = {op: [] for op in SCALE_OPS}
    skipped: dict[str, list[int]] = {op: [] for op in SCALE_OPS}

    def estimate(op: str, n: int) -> float | None:
        points = seconds[op]
        if not points:
            return None
        exponent = fit_exponent([p[0] for p in points], [p[1] for p in points]) or 1.0
        n0, t0, _ = points[-1]
        return t0 * (n / n0) ** max(exponent, 1.0)

    def measure(op: str, n: int, fn: Callable[[], object]) -> None:
        guess = estimate(op, n)
        if guess is not None and guess > cfg.scale_cap:
            log(f"  {op} at {n:,}: skipped, one run estimated at {guess:.0f} s > cap {cfg.scale_cap:.0f} s")
            skipped[op].append(n)
            return
        if not seconds[op] and cfg.warmup:
            fn()
        times = _time_adaptive(fn, cfg.runs, cfg.scale_budget)
        seconds[op].append((n, statistics.median(times), times))
        log(f"  {op} at {n:,}: {statistics.median(times):.3f} s (median of {len(times)})")

    for n in sorted(cfg.sizes):
        yaml_path, json_path = data.files(schema, n)
        data.forget()
        log(f"scaling at {n:,} goals")
        measure("load_yaml", n, lambda p=yaml_path: _load_text(ss_yaml.loads_report, p))
        measure("load_json", n, lambda p=json_path: ss_json.loads_report(p.read_bytes(), str(p)))
        report = _load_text(ss_yaml.loads_report, yaml_path)
        measure("validate", n, lambda r=report: ss.validate(r))
        del report
        old, new = data.pair(schema, n)
        measure("diff", n, lambda a=old, b=new: ss.diff(a, b))
        del old, new
        data.forget()

    out = []
    for op in SCALE_OPS:
        for n, t, runs in seconds[op]:
            out.append(Result(f"scale_{op}", t, n=n, runs=len(runs), note=schema, ours_runs=runs))
        for n in skipped[op]:
            out.append(
                Result(
                    f"scale_{op}", None, n=n, status="skipped", note=f"estimated over {cfg.scale_cap:.0f} s"
                )
            )
        points = seconds[op]
        exponent = fit_exponent([p[0] for p in points], [p[1] for p in points])
        sizes = ", ".join(f"{p[0]:,}" for p in points)
        out.append(
            Result(
                f"scale_{op}_exponent",
                None,
                exponent=exponent,
                status="ok" if exponent is not None else "skipped",
                note=f"least squares on log time vs log n over {sizes}",
            )
        )
    return out


# -- output ----------------------------------------------------------------------------------


def _fmt_time(seconds: float | None, unit: str = "s") -> str:
    if seconds is None:
        return "–"
    if unit == "bytes":
        return f"{seconds / 1e6:.1f} MB"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def _environment() -> str:
    versions = []
    dists = ("strategiaseuranta", "attrs", "cattrs", "ruamel.yaml", "msgspec", "PyYAML", "deepdiff", "orjson")
    for dist in dists:
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{dist} {metadata.version(dist)}")
    machine = f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs"
    return f"{machine}; {', '.join(versions)}"


def render_table(results: list[Result], cfg: Config) -> str:
    title = (
        f"strategiaseuranta benchmarks ({cfg.mode}: cases on {cfg.n:,} goals, median of {cfg.runs} "
        f"alternating runs, seed {cfg.seed}, gc {GC_MODE})"
    )
    lines = [
        title,
        _environment(),
        "",
    ]
    head = ("case", "n", "ours", "peer", "peer time", "ratio", "goal", "")
    rows = [head]
    scaling = [r for r in results if r.case.startswith("scale_")]
    for r in results:
        if r.case.startswith("scale_"):
            continue
        met = {True: "✓", False: "✗", None: ""}[r.met]
        ours = r.status if r.status != "ok" else _fmt_time(r.ours_s, r.unit)
        rows.append(
            (
                r.case,
                f"{r.n:,}" if r.n else "",
                ours,
                r.peer or "",
                _fmt_time(r.peer_s, r.unit) if r.peer else "",
                f"{r.ratio:.2f}" if r.ratio is not None else "",
                f"≤ {r.goal:g}" if r.goal is not None else "",
                met,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[j]) for j, cell in enumerate(row)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes: dict[tuple[str, str | None, str], str] = {}  # one line per note text, not per schema
    for r in results:
        if r.note and not r.case.startswith("scale_"):
            notes.setdefault((_base(r.case), r.peer, r.note), r.case)
    if notes:
        lines += ["", "notes:"]
        lines += [
            f"  {case}{f' vs {peer}' if peer else ''}: {note}" for (_, peer, note), case in notes.items()
        ]
    if scaling:
        sizes = sorted({r.n for r in scaling if r.n})
        lines += [
            "",
            f"scaling ({cfg.schemas[0]}; median of up to {cfg.runs} runs, {cfg.scale_budget:g} s per point):",
        ]
        grid = [("operation", *(f"{n:,}" for n in sizes), "exponent")]
        for op in SCALE_OPS:
            by_n = {r.n: r for r in scaling if r.case == f"scale_{op}"}
            exp = next((r.exponent for r in scaling if r.case == f"scale_{op}_exponent"), None)
            cells = []
            for n in sizes:
                r = by_n.get(n)
                cells.append("" if r is None else (_fmt_time(r.ours_s) if r.status == "ok" else r.status))
            grid.append((op, *cells, f"{exp:.2f}" if exp is not None else "–"))
        widths = [max(len(row[i]) for row in grid) for i in range(len(grid[0]))]
        for i, row in enumerate(grid):
            lines.append(
                "  " + "  ".join(c.rjust(widths[j]) if j else c.ljust(widths[j]) for j, c in enumerate(row))
            )
            if i == 0:
                lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def to_json(results: list[Result]) -> str:
    return json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2)


# -- command line ----------------------------------------------------------------------------


def _ints(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Benchmark strategiaseuranta against msgspec, PyYAML and DeepDiff (issue 6).",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="smaller sizes; under a minute on 2 cores")
    mode.add_argument(
        "--smoke", action="store_true", help="every case once at tiny sizes: checks that it runs"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON (progress on stderr)")
    parser.add_argument("--cases", help=f"comma-separated subset of: {', '.join(CASES)}")
    parser.add_argument("--sizes", type=_ints, help="goal counts for scaling, e.g. 1000,10000,100000")
    parser.add_argument("--n", type=int, help="goals in the report of the cases (default 10000)")
    parser.add_argument("--runs", type=int, help="timed runs per function (default 5)")
    parser.add_argument(
        "--schemas",
        help="report shapes for the cases: joensuu (1 level), seinajoki (4 levels); default both "
        "(--quick: joensuu); scaling uses the first",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--gc",
        choices=GC_MODES,
        default="default",
        help="the collector during timings: as in any program (default), without full "
        "collections (no-full), or with the harness's data frozen as a pre-fork server has it (frozen)",
    )
    parser.add_argument("--data", type=Path, help="keep generated files in this folder and reuse them")
    return parser.parse_args(argv)


def make_config(args: argparse.Namespace, folder: Path) -> Config:
    mode = "smoke" if args.smoke else "quick" if args.quick else "full"
    base = _MODES[mode]
    cases = tuple(c.strip() for c in args.cases.split(",")) if args.cases else CASES
    unknown = set(cases) - set(CASES)
    if unknown:
        raise SystemExit(f"unknown case(s) {', '.join(sorted(unknown))}; choose from {', '.join(CASES)}")
    schemas = (
        tuple(s.strip() for s in args.schemas.split(",") if s.strip()) if args.schemas else base["schemas"]
    )
    bad = set(schemas) - set(generate.SCHEMAS)
    if bad or not schemas:
        raise SystemExit(
            f"unknown schema(s) {', '.join(sorted(bad))}; choose from {', '.join(generate.SCHEMAS)}"
        )
    return Config(
        mode=mode,
        n=args.n or base["n"],
        roundtrip_n=base["roundtrip_n"],
        sizes=args.sizes or base["sizes"],
        runs=args.runs or base["runs"],
        warmup=base["warmup"],
        schemas=schemas,
        seed=args.seed,
        scale_budget=base["scale_budget"],
        scale_cap=base["scale_cap"],
        cases=cases,
        data=folder,
        json_out=args.json,
    )


@contextlib.contextmanager
def _data_folder(given: Path | None) -> Iterator[Path]:
    if given is not None:
        given.mkdir(parents=True, exist_ok=True)
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="strategiaseuranta-bench-") as folder:
        yield Path(folder)


def run(cfg: Config, log: Log) -> list[Result]:
    data = Data(cfg, log)
    results: list[Result] = []
    single: dict[str, Callable[[Config, Data], list[Result]]] = {
        "import": case_import,
        "roundtrip": case_roundtrip,
        "to_dataframe": case_to_dataframe,
        "cli_validate": case_cli_validate,
    }
    per_schema: dict[str, Callable[[Config, Data, str], list[Result]]] = {
        "json_load": case_json_load,
        "json_dump": case_json_dump,
        "yaml_load": case_yaml_load,
        "diff": case_diff,
        "memory": case_memory,
        "validate": case_validate,
    }
    for schema in cfg.schemas:
        for case in cfg.cases:
            if case in per_schema:
                log(f"{_label(case, schema)}")
                results += per_schema[case](cfg, data, schema)
        data.forget()
    for case in cfg.cases:
        if case in single:
            log(case)
            results += single[case](cfg, data)
    if "scaling" in cfg.cases:
        data.forget()
        results += case_scaling(cfg, data, log)
    order = {c: i for i, c in enumerate(CASES)}
    results.sort(key=lambda r: order.get(_base(r.case), len(order)))  # stable: schemas stay in order
    return results


def _base(case: str) -> str:
    name = case.split("@", maxsplit=1)[0]
    if name.startswith("roundtrip_"):
        return "roundtrip"
    if name.startswith("scale_"):
        return "scaling"
    return name


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    global GC_MODE  # noqa: PLW0603 - one switch for the timing helpers
    GC_MODE = args.gc
    log = Log()
    with _data_folder(args.data) as folder:
        cfg = make_config(args, folder)
        log(f"{cfg.mode} run; data in {folder}")
        results = run(cfg, log)
    log("done")
    print(to_json(results) if cfg.json_out else render_table(results, cfg))
    return 0


if __name__ == "__main__":
    sys.exit(main())
