"""`icpfile check`'s work, with no typer in it: resolve the settings → build the options and packs →
run → emit → the exit code. `cli/check.py` is its typer command; `cli/fast.py` calls `lint` for a
command line in the plain form without importing typer (#23.2)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from icpfile.cli.common import (
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

if TYPE_CHECKING:
    from icpfile.cli.settings import Settings
    from icpfile.data.user_packs import RulePack
    from icpfile.options import Options


def lint(paths: list[str], output_format: str | None = None, output: Path | None = None, lang: str | None = None,
         strict: bool | None = None, select: list[str] | None = None, ignore: list[str] | None = None,
         rules_files: list[Path] | None = None, today: str | None = None, show_pii: bool = False,
         stdin_filename: str | None = None, isolated: bool = False, quiet: bool | None = None, exit_zero: bool = False,
         root: Path | None = None, max_findings: int | None = None, allow_empty: bool | None = None) -> int:
    """The exit code of `icpfile check` with these options (their meaning: `cli/check.py`); a usage
    error raises typer.Exit(2) after its line, as every command's does."""
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
        return int(ExitCode.USAGE)
    return int(for_findings(any(not r.valid(options.strict) for r in reports), exit_zero))


def build(chosen: Settings, *, today: str | None, show_pii: bool, root: Path | None) -> tuple[Options, list[RulePack]]:
    """The run's options and the user's rule packs, each checked (a usage error otherwise)."""
    from icpfile.options import Options

    day = parse_today(today)
    if root is not None and not root.is_dir():
        raise fail("root_missing", root=root)
    for p in chosen.rules:
        if not p.is_file():
            raise fail("pack_missing", pack=p)
    packs: list[RulePack] = []
    if chosen.rules:  # the pack loader and its schema only for a run given packs
        from icpfile.data import user_packs

        try:
            packs = [user_packs.load(p) for p in chosen.rules]
        except user_packs.RulePackError as exc:
            from icpfile.cli.language import run_lang

            raise fail("pack_errors", exc.lines(run_lang())) from None
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
