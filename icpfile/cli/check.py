"""`icpfile check`: resolve the settings → build the options and packs → run → emit → exit."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from icpfile.cli.choices import Lang, ReportFormat
from icpfile.cli.common import (
    LANG_HELP,
    fail,
    parse_today,
    refuse_output_over_input,
    report_format,
    run_lang,
    said,
    settings,
    usage_error,
)
from icpfile.cli.output import emit, error_line
from icpfile.data.words import say
from icpfile.exit_codes import ExitCode, for_findings
from icpfile.report import MAX_FINDINGS

if TYPE_CHECKING:
    from icpfile.cli.settings import Settings
    from icpfile.data.user_packs import RulePack
    from icpfile.options import Options


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
    chosen = settings(isolated=isolated, lang=lang, format=output_format, strict=strict, select=select,
                      ignore=ignore, rules=rules_files, allow_empty=allow_empty, quiet=quiet)
    options, packs = build(chosen, today=today, show_pii=show_pii, root=root)
    results = run(paths, stdin_filename, output, options, packs, chosen.allow_empty)
    reports = [r.report for r in results]
    if chosen.quiet:
        from icpfile.findings import Severity

        for report in reports:
            report.findings = [f for f in report.findings if f.severity is not Severity.INFO]
    emit(reports, report_format(chosen.format), output, chosen.lang, options.strict, max_findings,
         root=options.root or None)
    internal = [note for r in results for note in r.internal]
    for note in internal:
        error_line(f"icpfile: {say('internal_draft', run_lang(), note=note)}")
    if internal:
        raise typer.Exit(ExitCode.USAGE)
    raise typer.Exit(for_findings(any(not r.valid(options.strict) for r in reports), exit_zero))


def build(chosen: Settings, *, today: str | None, show_pii: bool, root: Path | None) -> tuple[Options, list[RulePack]]:
    """The run's options and the user's rule packs, each checked (a usage error otherwise)."""
    from icpfile.data import user_packs
    from icpfile.options import Options

    day = parse_today(today)
    if root is not None and not root.is_dir():
        raise fail("root_missing", root=root)
    for p in chosen.rules:
        if not p.is_file():
            raise fail("pack_missing", pack=p)
    try:
        packs = [user_packs.load(p) for p in chosen.rules]
    except user_packs.RulePackError as exc:
        raise fail("pack_errors", str(exc).split("\n")) from None
    options = Options(
        lang=chosen.lang,
        today=day,
        strict=chosen.strict,
        show_pii=show_pii,
        select=chosen.select,
        ignore=chosen.ignore,
        severities=tuple((code, level) for pack in packs for code, level in pack.severities.items()),
        root=os.path.realpath(root) if root else "",
    )
    return options, packs


def run(paths: list[str], stdin_filename: str | None, output: Path | None, options: Options,
        packs: list[RulePack], allow_empty: bool = False) -> list:
    """Expand the inputs and check them (in workers when many); a transient bar on stderr for a
    large batch, gone before the report is written. No drafts at all is a usage error unless
    `allow_empty` (#19: a wrong path in CI must not pass as "no problems found")."""
    from icpfile import batch

    try:
        inputs = batch.expand(paths, stdin_filename, options.root or None)  # judged against --root
    except batch.InputError as exc:
        raise usage_error(said(exc)) from None
    if not inputs and not allow_empty:
        raise fail("no_drafts", paths=" ".join(paths))
    refuse_output_over_input(output, [i.path for i in inputs])
    progress = len(inputs) >= batch.PARALLEL_FROM and sys.stderr.isatty()
    return batch.run(inputs, options, packs, progress=progress)
