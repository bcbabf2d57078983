"""The command line: ``strategiaseuranta validate | show | convert``.

Thin by design: parse arguments, call the public API, print, exit.
Exit status: 0 clean, 1 invalid data, 2 input that cannot be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from strategiaseuranta.exceptions import LoadError, StrategiaseurantaError
from strategiaseuranta.issues import Issue, Severity

EXIT_OK, EXIT_INVALID, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3


def _version() -> str:
    from importlib.metadata import version  # noqa: PLC0415

    return version("strategiaseuranta")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strategiaseuranta",
        description="Finnish municipalities' strategy-monitoring reports as data: "
        "validate, show and convert reporting rounds.",
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
    p.add_argument("files", nargs="+", metavar="FILE", help="report files (.yaml, .yml, .json)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", help="print issues only, no summary line")

    p = sub.add_parser(
        "show",
        help="show a report as a table grouped by the hierarchy",
        description="Show a report: as a readable table grouped by the hierarchy with the forecasts "
        "in the city's own words (text), or in the documented JSON format (json).",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--lang", choices=("fi", "sv", "en"), help="language of labels (default: the schema's)")
    p.add_argument("--width", type=int, help="line width for text (default: the terminal's)")

    p = sub.add_parser(
        "convert",
        help="convert a report between formats (by file extension)",
        description="Convert a report between formats, chosen by the file extensions "
        "(.yaml/.yml, .json). The output is written atomically. Writing YAML over an existing "
        "YAML file of the same report keeps its comments and layout.",
    )
    p.add_argument("input", metavar="IN")
    p.add_argument("output", metavar="OUT")
    return parser


def _print_issues(issues: Sequence[Issue]) -> None:
    for issue in issues:
        print(issue.format(hierarchy=True))


def _validate(args: argparse.Namespace) -> int:
    from strategiaseuranta import load, validate  # noqa: PLC0415

    status = EXIT_OK
    records: list[dict[str, object]] = []
    for file in args.files:
        try:
            report = load(file)
        except LoadError as error:
            issues: list[Issue] = list(error.issues)
            status = max(status, EXIT_UNUSABLE if error.unusable else EXIT_INVALID)
            goals = None
        else:
            issues = validate(report)
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
            print(f"{mark} {file}: {goals} goals, {errors} errors, {warnings} warnings", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    return status


def _show(args: argparse.Namespace) -> int:
    from strategiaseuranta import load  # noqa: PLC0415

    try:
        report = load(args.file)
    except LoadError as error:
        _print_issues(error.issues)
        return EXIT_UNUSABLE if error.unusable else EXIT_INVALID
    if args.format == "json":
        from strategiaseuranta.formats.json import dumps_report  # noqa: PLC0415

        sys.stdout.write(dumps_report(report))
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
        report = load(args.input)
    except LoadError as error:
        _print_issues(error.issues)
        return EXIT_UNUSABLE if error.unusable else EXIT_INVALID
    dump(report, args.output)
    print(f"{args.input} → {args.output}: {len(report.goals)} goals", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    Example:
        >>> main(["validate", "--quiet", "examples/joensuu/2025-07.yaml"])
        0
    """
    args = _parser().parse_args(argv)
    commands = {"validate": _validate, "show": _show, "convert": _convert}
    try:
        return commands[args.command](args)
    except StrategiaseurantaError as error:
        print(f"strategiaseuranta: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the CLI never shows a traceback
        print(
            f"strategiaseuranta: internal error ({type(error).__name__}: {error}); please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
