"""`icpfile export`: drafts out of icpfile, in one command.

`--platform P DRAFT`: a platform's filing request body (JSON) from a draft that checks clean for
it; the work is in `icpfile/commands/platform_export.py` (#20). `--format xlsx|csv DRAFTS…`: the
sheet layout `icpfile import` reads, the confirmation sheet a client signs off; the work is in
`icpfile/sheets/` (#19.2). Without `--platform` the sheet is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang, SheetFormat
from icpfile.cli.common import LANG_HELP, fail, refuse_output_over_input, said, settings, usage_error
from icpfile.cli.output import emit, error_line, write
from icpfile.data.words import say
from icpfile.exit_codes import ExitCode, for_findings

PLATFORM_HELP = "wechat, douyin, alipay or huawei."


def platform_choice(value: str) -> str:
    from icpfile.platforms import PLATFORMS

    if value not in PLATFORMS:
        raise fail("export_platform_unknown", value=value, known=", ".join(PLATFORMS))
    return value


def command(
    paths: Annotated[list[str], typer.Argument(help="The draft (with --platform), or drafts and folders (a sheet).")],
    platform: Annotated[
        Optional[str], typer.Option("--platform", help="Whose filing API body to write: " + PLATFORM_HELP)
    ] = None,
    output_format: Annotated[
        Optional[SheetFormat], typer.Option("--format", "-f", help="xlsx or csv: the sheet a client signs off.")
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write it to this file.")] = None,
    codes: Annotated[
        Optional[Path], typer.Option("--codes", help="A platform codes file (default: beside the draft).")
    ] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    show_pii: Annotated[
        bool, typer.Option("--show-pii", help="A sheet's ID numbers and phones in full (masked by default).")
    ] = False,
) -> None:
    """A platform's filing API body (--platform), or the sheet a client signs off (--format xlsx|csv)."""
    if platform is None:
        sheet(paths, (output_format or SheetFormat.xlsx).value, output, lang, show_pii)
        return
    if output_format is not None:
        raise fail("export_platform_or_format")
    if len(paths) != 1:
        raise fail("export_one_draft")
    draft = Path(paths[0])
    from icpfile.commands import platform_export as export_command
    from icpfile.options import Options
    from icpfile.platforms.codes import CodesError

    platform = platform_choice(platform)
    language = settings(lang=lang).lang
    if not draft.is_file():
        raise fail("no_such_draft", draft=draft)
    refuse_output_over_input(output, [draft])
    try:
        done = export_command.export_body(draft, platform, Options(lang=language, codes=str(codes or "")))
    except CodesError as exc:
        raise usage_error(said(exc)) from None
    if done.body is None:
        emit([done.report], "text", None, language)
        raise typer.Exit(ExitCode.USAGE if done.internal else ExitCode.FINDINGS)
    text = export_command.body_text(done.body)
    if output is None:
        write(text, utf8=True)
        return
    from icpfile.load.files import write_atomic

    write_atomic(output, text)
    error_line(say("export_wrote_body", language, output=output, platform=platform))


def _terminal() -> bool:
    import sys

    return bool(getattr(sys.stdout, "isatty", None) and sys.stdout.isatty())


def sheet(paths: list[str], fmt: str, output: Path | None, lang: Lang | None, show_pii: bool) -> None:
    """Drafts → the sheet layout `import` reads (masked unless `show_pii`); what it cannot carry
    is a warning on stderr (ICP957)."""
    from icpfile.sheets import run

    language = settings(lang=lang).lang
    refuse_output_over_input(output, [Path(p) for p in paths])
    try:  # -o naming a draft read through a folder, or a link: refused too (run.refuse_output)
        text, reports = run.export_sheet(paths, fmt, output, language, show_pii)
    except run.RunError as exc:
        raise usage_error(said(exc)) from None
    except OSError as exc:
        raise fail("cannot_write", output=output, reason=exc.strerror or exc) from None
    if output is None:  # a terminal gets the cells' controls escaped; a pipe or a file the exact text
        from icpfile.sheets.exporter import terminal_text

        write(terminal_text(str(text)) if _terminal() else str(text))
    noted = [r for r in reports if r.findings]
    if noted:  # dropped fields, unreadable drafts: on stderr, the sheet keeps stdout
        from icpfile.report import ReportOptions, reporter
        from icpfile.values.echo import guard_commands

        typer.echo(guard_commands(reporter("text")(noted, ReportOptions(lang=language))), err=True, nl=False)
    elif output is not None:
        write(say("export_wrote_sheet", language, output=output, count=len(reports)) + "\n")
    raise typer.Exit(for_findings(any(not r.valid() for r in reports)))
