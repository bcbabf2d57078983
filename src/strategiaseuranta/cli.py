"""The command line: ``strategiaseuranta validate | show | convert``.

Thin by design: parse arguments, call the public API, print, exit.
Exit status: 0 clean, 1 invalid data, 2 input that cannot be used.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from strategiaseuranta.exceptions import LoadError, StrategiaseurantaError
from strategiaseuranta.issues import Issue, Severity

if TYPE_CHECKING:
    from strategiaseuranta.model import Report

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3


def _version() -> str:
    from importlib.metadata import version  # noqa: PLC0415

    return version("strategiaseuranta")


def _document_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--schema",
        metavar="NAME",
        help="read documents (CSV, Excel, Word, PDF) by this schema's labels and layout, "
        "e.g. seinajoki; a name or a schema file",
    )
    p.add_argument("--pages", metavar="PAGES", help="PDF pages to read, e.g. 79-127 or 80,82-84")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strategiaseuranta",
        description="Finnish municipalities' strategy-monitoring reports as data: "
        "validate, show, convert and compare reporting rounds.",
        epilog="Exit status: 0 clean, 1 invalid data, 2 input that cannot be used.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "validate",
        help="check report files; print file:line:col: severity code message",
        description="Check report files and print every issue as 'file:line:col: severity code message'. "
        "Exit 0 when clean (warnings allowed), 1 when a file has errors, 2 when a file cannot be read.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="report files (YAML, JSON or a document)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "--lang", choices=("fi", "sv", "en"), help="language of labels in messages (default: the schema's)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print issues only, no summary line")
    _document_options(p)

    p = sub.add_parser(
        "show",
        help="show a report grouped by the hierarchy",
        description="Show a report grouped by the hierarchy, with the forecasts in the city's own "
        "words: as a table where the terminal is wide enough, else one block per goal (text), or in "
        "the documented JSON format (json).",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--lang", choices=("fi", "sv", "en"), help="language of labels (default: the schema's)")
    p.add_argument("--width", type=int, help="line width for text (default: the terminal's)")
    _document_options(p)

    p = sub.add_parser(
        "convert",
        help="convert a report between formats (by file extension)",
        description="Convert a report between formats, chosen by the file extensions: .yaml/.yml, "
        ".json, .csv, .xlsx and .docx both ways; .html and .md out; .pdf in. The output is written "
        "atomically. Writing YAML over an existing YAML file of the same report keeps its comments "
        "and layout.",
    )
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT")
    _document_options(p)
    p.add_argument(
        "--lang",
        choices=("fi", "sv", "en"),
        help="language of the labels in documents written (CSV, Excel, Word, HTML, Markdown); "
        "default: the schema's",
    )
    p.add_argument(
        "--indent",
        type=int,
        metavar="N",
        help="JSON only: indent by N spaces for people to read (default: compact)",
    )

    p = sub.add_parser(
        "diff",
        help="what changed between two reporting rounds",
        description="Compare two rounds of the same goal set: goals added, removed, moved and "
        "retitled; forecasts improved or worsened (worsened first); realisation texts changed or "
        "left as they were; measured values, targets and responsible parties; cross-round warnings. "
        "Exit 0, or 1 when --fail-on triggers, or 2 when an input cannot be used.",
    )
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument(
        "--format",
        choices=("text", "markdown", "json", "html"),
        default="text",
        help="output format (default: text)",
    )
    p.add_argument("--lang", choices=("fi", "sv", "en"), help="language of labels (default: the schema's)")
    p.add_argument(
        "--fail-on",
        choices=("worsened", "any"),
        help="exit 1 when any forecast worsened (worsened) or anything changed (any)",
    )
    p.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour in text output"
    )

    p = sub.add_parser(
        "schemas",
        help="list the available schemas and where they come from",
        description="List every available schema: the built-ins, those installed by plugins, and "
        "those registered in this process, with their levels and forecast scales.",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument(
        "--lang", choices=("fi", "sv", "en"), help="language of level names (default: each schema's)"
    )

    p = sub.add_parser(
        "history",
        help="one line per goal with its forecast in each round",
        description="Follow every goal through a series of rounds (files, or a folder of them) "
        "and print its forecast in each round, in the city's words.",
    )
    p.add_argument("sources", nargs="+", metavar="FILE|FOLDER")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--width", type=int, help="line width for text (default: the terminal's)")

    p = sub.add_parser(
        "export",
        help="many reports as one Parquet file, one row per goal or metric",
        description="Write report files, and every .yaml, .yml and .json file below the folders "
        "given (hidden ones left out), to one Parquet file for DuckDB, Polars or Spark: one "
        "row per goal per report, or per metric. Needs the arrow extra. Nothing is written when a "
        "file cannot be loaded (exit 1, or 2 when a file cannot be read at all); the output is "
        "written atomically.",
    )
    p.add_argument("sources", nargs="+", metavar="FILE|FOLDER")
    p.add_argument("-o", "--output", required=True, metavar="OUT.parquet", help="the Parquet file to write")
    p.add_argument(
        "--rows",
        choices=("goals", "metrics"),
        default="goals",
        help="one row per goal (default) or per metric",
    )
    return parser


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _refused(error: LoadError) -> int:
    """Print why a file could not be loaded; the exit status it calls for."""
    _print_issues(error.issues)
    return EXIT_UNUSABLE if error.unusable else EXIT_INVALID


def _print_issues(issues: Sequence[Issue]) -> None:
    for issue in issues:
        print(issue.format(hierarchy=True))


def _validate(args: argparse.Namespace) -> int:
    from strategiaseuranta import load, validate  # noqa: PLC0415

    status = EXIT_OK
    records: list[dict[str, object]] = []
    for file in args.files:
        try:
            report = load(file, schema=args.schema, pages=args.pages)
        except LoadError as error:
            issues: list[Issue] = list(error.issues)
            status = max(status, EXIT_UNUSABLE if error.unusable else EXIT_INVALID)
            goals = None
        else:
            issues = validate(report, lang=args.lang)
            goals = len(report.goals)
        failing = [i for i in issues if i.is_error or (args.strict and i.severity is Severity.WARNING)]
        if failing:
            status = max(status, EXIT_INVALID if goals is not None else status)
        if args.format == "json":
            records.append(
                {
                    "file": file,
                    "goals": goals,
                    "valid": goals is not None and not failing,
                    "issues": [i.to_dict() for i in issues],
                }
            )
            continue
        _print_issues(issues)
        if not args.quiet and goals is not None:
            errors = sum(i.is_error for i in issues)
            warnings = len(issues) - errors
            mark = "✗" if failing else "✓"
            counts = ", ".join(
                _count(n, word) for n, word in ((goals, "goal"), (errors, "error"), (warnings, "warning"))
            )
            print(f"{mark} {file}: {counts}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    return status


def _show(args: argparse.Namespace) -> int:
    from strategiaseuranta import load  # noqa: PLC0415

    try:
        report = load(args.file, schema=args.schema, pages=args.pages)
    except LoadError as error:
        return _refused(error)
    if args.format == "json":
        from strategiaseuranta.formats.json import dumps_report  # noqa: PLC0415

        sys.stdout.write(dumps_report(report, indent=2))
    else:
        from strategiaseuranta.display import render_text  # noqa: PLC0415

        sys.stdout.write(render_text(report, lang=args.lang, width=args.width))
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    from strategiaseuranta import dump, load  # noqa: PLC0415

    if Path(args.input).resolve() == Path(args.output).resolve() and not args.output.endswith(
        (".yaml", ".yml")
    ):
        print(
            f"strategiaseuranta: {args.output}: refusing to convert a file onto itself",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE
    try:
        report = load(args.input, schema=args.schema, pages=args.pages)
    except LoadError as error:
        return _refused(error)
    dump(report, args.output, lang=args.lang, indent=args.indent)
    print(f"{args.input} → {args.output}: {len(report.goals)} goals", file=sys.stderr)
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from strategiaseuranta import check_rounds, diff, load  # noqa: PLC0415
    from strategiaseuranta.diffview import render_diff  # noqa: PLC0415

    reports = []
    status = EXIT_OK
    for path in (args.old, args.new):
        try:
            reports.append(load(path))
        except LoadError as error:
            _print_issues(error.issues)
            status = max(status, EXIT_UNUSABLE)
    if status:
        return status
    old, new = reports
    d = diff(old, new)
    warnings = check_rounds(old, new, d)
    if args.format == "json":
        data = d.to_dict()
        data["issues"] = [i.to_dict() for i in warnings]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        color = args.color == "always" or (
            args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        )
        title = f"{new.organisation.municipality} · {new.organisation.body}"
        sys.stdout.write(render_diff(d, fmt=args.format, lang=args.lang, color=color, title=title))
        if warnings and args.format == "text":
            print()
            _print_issues(warnings)
    if args.fail_on == "any" and d:
        return EXIT_INVALID
    if args.fail_on == "worsened" and d.worsened:
        return EXIT_INVALID
    return EXIT_OK


def _history(args: argparse.Namespace) -> int:
    from strategiaseuranta import load_series  # noqa: PLC0415
    from strategiaseuranta.diffview import render_history  # noqa: PLC0415

    source = args.sources[0] if len(args.sources) == 1 else args.sources
    try:
        series = load_series(source)
    except LoadError as error:
        return _refused(error)
    rows = series.history()
    periods = [str(r.period) for r in series.reports]
    if args.format == "json":
        records = [
            {
                "id": row.goal.id,
                "title": row.goal.title,
                "path": list(row.goal.path),
                "rounds": [
                    {
                        "period": p,
                        "present": present,
                        "forecast": f.word if f else None,
                        "level": f.level.value if f and f.level else None,
                    }
                    for p, f, present in zip(periods, row.forecasts, row.present, strict=True)
                ],
            }
            for row in rows
        ]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        width = args.width or max(60, shutil.get_terminal_size((100, 24)).columns)
        sys.stdout.write(render_history(rows, periods, width=width))
    _print_issues(series.issues)
    return EXIT_OK


_FOLDER_EXTENSIONS = (".yaml", ".yml", ".json")


def _report_files(sources: Sequence[str]) -> list[str]:
    """Files as given; folders as every report file below them, by path (hidden folders left out)."""
    files: list[str] = []
    for source in sources:
        if not Path(source).is_dir():
            files.append(source)
            continue
        found: list[str] = []
        for folder, subfolders, names in os.walk(source):
            subfolders[:] = [s for s in subfolders if not s.startswith(".")]
            found.extend(
                os.path.join(folder, name)  # noqa: PTH118 - os.walk gives strings
                for name in names
                if name.lower().endswith(_FOLDER_EXTENSIONS) and not name.startswith(".")
            )
        files.extend(sorted(found))
    unique: dict[str, str] = {}
    for file in files:
        unique.setdefault(os.path.realpath(file), file)
    return list(unique.values())


def _export(args: argparse.Namespace) -> int:
    from strategiaseuranta import load  # noqa: PLC0415
    from strategiaseuranta.dataset import _write_table, to_arrow  # noqa: PLC0415
    from strategiaseuranta.issues import Location  # noqa: PLC0415

    if not args.output.lower().endswith(".parquet"):
        print(f"strategiaseuranta: {args.output}: export writes Parquet; name it *.parquet", file=sys.stderr)
        return EXIT_UNUSABLE
    files = _report_files(args.sources)
    if not files:
        found = Issue("L101", "no report files (.yaml, .yml, .json) found", Location(", ".join(args.sources)))
        return _refused(LoadError([found]))
    problems: list[Issue] = []

    def reports() -> Iterator[Report]:
        for file in files:
            try:
                yield load(file)
            except LoadError as error:
                problems.extend(error.issues)

    try:
        table = to_arrow(reports(), rows=args.rows)
    except ValueError as error:
        print(f"strategiaseuranta: {error}", file=sys.stderr)
        return EXIT_INVALID
    if problems:
        return _refused(LoadError(problems))
    _write_table(table, args.output)
    each = "goal" if args.rows == "goals" else "metric"
    done = f"{_count(len(files), 'report')} → {args.output}: {table.num_rows} rows, one per {each}"
    print(done, file=sys.stderr)
    return EXIT_OK


def _one_line_warning(message: Warning | str, *_: object, **__: object) -> None:
    """Warnings (a broken plugin, say) as one line for people, without source lines."""
    text = str(message).removeprefix("strategiaseuranta: ")
    print(f"strategiaseuranta: warning: {text}", file=sys.stderr)


class _PipeSafe(io.TextIOBase):
    """Standard output that goes quiet when the reader closes the pipe, so work and status go on."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner
        self.closed_pipe = False

    def write(self, text: str) -> int:
        if not self.closed_pipe:
            try:
                self.inner.write(text)
            except BrokenPipeError:
                self.closed_pipe = True
        return len(text)

    def flush(self) -> None:
        if not self.closed_pipe:
            try:
                self.inner.flush()
            except BrokenPipeError:
                self.closed_pipe = True

    def isatty(self) -> bool:
        return self.inner.isatty()


def _schemas(args: argparse.Namespace) -> int:
    from strategiaseuranta import available_schemas, get_schema  # noqa: PLC0415

    records: list[dict[str, Any]] = []
    for name, origin in available_schemas().items():
        schema = get_schema(name)
        lang = args.lang or schema.language
        records.append(
            {
                "name": name,
                "version": schema.version,
                "language": schema.language,
                "origin": origin,
                "title": schema.title,
                "levels": [{"key": lv.key, "name": lv.name.get(lang)} for lv in schema.levels],
                "scale": [{"word": w.word, "level": w.level.value, "colour": w.colour} for w in schema.scale],
                "status_per": schema.status_per,
                "rules": list(schema.rules),
            }
        )
    if args.format == "json":
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for r in records:
        print(f"{r['name']} {r['version']} ({r['language']}, {r['origin']}): {r['title']}")
        levels = " › ".join(f"{lv['key']} ({lv['name']})" for lv in r["levels"])
        print(f"    levels: {levels}")
        scale = ", ".join(f"{w['word']} = {w['level']}" for w in r["scale"])
        print(f"    scale:  {scale}")
        if r["status_per"] != "goal":
            print(f"    status per {r['status_per']}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Example:
        >>> main(["validate", "--quiet", "examples/joensuu/2025-07.yaml"])
        0
    """
    args = _parser().parse_args(argv)
    sys.stdout = _PipeSafe(sys.stdout)  # a closed pipe (| head) must not change the exit status
    shown, warnings.showwarning = warnings.showwarning, _one_line_warning
    commands = {
        "validate": _validate,
        "show": _show,
        "convert": _convert,
        "diff": _diff,
        "history": _history,
        "schemas": _schemas,
        "export": _export,
    }
    try:
        return commands[args.command](args)
    except StrategiaseurantaError as error:
        print(f"strategiaseuranta: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the CLI never shows a traceback
        print(
            f"strategiaseuranta: internal error ({type(error).__name__}: {error}); please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        warnings.showwarning = shown
        if isinstance(sys.stdout, _PipeSafe):
            sys.stdout = sys.stdout.inner


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
