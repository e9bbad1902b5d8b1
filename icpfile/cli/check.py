"""`icpfile check`: its options, for typer; the work (settings → options and packs → run → emit →
exit code) is `cli/linting.py`, which `cli/fast.py` also runs without typer (#23.2)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang, ReportFormat
from icpfile.cli.common import LANG_HELP
from icpfile.cli.linting import build, lint, run
from icpfile.report import MAX_FINDINGS


def command(
    paths: Annotated[
        list[str], typer.Argument(help="Draft files or folders (every *.yaml/*.yml below); - reads stdin.")
    ],
    output_format: Annotated[
        Optional[ReportFormat], typer.Option("--format", "-f", help="The report's format (default text).")
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    strict: Annotated[Optional[bool], typer.Option("--strict/--no-strict", help="Warnings fail too.")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these codes or prefixes.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these codes or prefixes.")] = None,
    rules_files: Annotated[
        Optional[list[Path]], typer.Option("--rules", help="An extra rule pack merged over the built-in one.")
    ] = None,
    today: Annotated[
        Optional[str], typer.Option("--today", help="The date the date rules judge against (YYYY-MM-DD).")
    ] = None,
    show_pii: Annotated[bool, typer.Option("--show-pii", help="Print ID numbers and phones in full.")] = False,
    stdin_filename: Annotated[
        Optional[str], typer.Option("--stdin-filename", help="The name to report for a draft read from stdin.")
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore pyproject.toml and .icpfile.toml.")] = False,
    quiet: Annotated[
        Optional[bool], typer.Option("--quiet/--no-quiet", "-q", help="Leave out info findings (reminders).")
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even with errors (2 still means a failure).")
    ] = False,
    root: Annotated[
        Optional[Path],
        typer.Option("--root", help="Material paths may reach anywhere below this folder (default: the draft's)."),
    ] = None,
    max_findings: Annotated[
        Optional[int],
        typer.Option("--max-findings", min=0, help="Findings listed per draft in the html and xlsx reports "
                     f"(default {MAX_FINDINGS}, errors first; 0 = all). The counts stay whole."),
    ] = None,
    allow_empty: Annotated[
        Optional[bool],
        typer.Option("--allow-empty/--no-allow-empty", help="No drafts found is not an error (exit 0, not 2)."),
    ] = None,
) -> None:
    """Lint drafts: every problem at once, with file:line:col, a rule code, a fix and its source."""
    raise typer.Exit(lint(paths, output_format, output, lang, strict, select, ignore, rules_files, today, show_pii,
                          stdin_filename, isolated, quiet, exit_zero, root, max_findings, allow_empty))


__all__ = ["build", "command", "lint", "run"]  # build and run: also status's
